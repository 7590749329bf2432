"""Regions by administrative division: firms grouped by GB/T 2260 code at province, prefecture and county level,
and the regions that name no division or several listed for the office to resolve."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parent / "data" / "aggregate"))

import aggcorpus as corpus

from smedigital.aggregate import aggregate, write_summary
from smedigital.cli import main

REGIONS = ["浙江省宁波市北仑区", "宁波北仑", "浙江宁波鄞州区", "鼓楼区", "火星基地", ""]


def folder(tmp_path: Path) -> Path:
    rng = random.Random(2260)
    d = tmp_path / "in"
    d.mkdir()
    for i, region in enumerate(REGIONS):
        corpus.assessment_file(d / f"{i}.smd.json", corpus.random_assessment(rng, name=f"企业{i}", region=region))
    return d


def keyed(rows):
    return {g.key: g.firms for g in rows}


def test_firms_are_grouped_by_division_code_not_by_text(tmp_path):
    with aggregate([folder(tmp_path)], workers=0) as result:
        t = result.tables
    # two spellings of 北仑区 are one county; with 鄞州区, one city and one province
    assert keyed(t.by_region) == {"330206": 2, "330212": 1, "?": 2, "": 1}
    assert keyed(t.by_city) == {"330200": 3, "?": 2, "": 1}
    assert keyed(t.by_province) == {"330000": 3, "?": 2, "": 1}
    issues = {i.text: i for i in t.region_issues}
    assert set(issues) == {"鼓楼区", "火星基地"}
    assert issues["鼓楼区"].status == "ambiguous" and len(issues["鼓楼区"].candidates) >= 3
    assert any("南京" in name for _, name in issues["鼓楼区"].candidates)
    assert issues["火星基地"].status == "none"


def test_the_summary_and_json_list_divisions_and_regions_to_resolve(tmp_path, capsys):
    d = folder(tmp_path)
    out = tmp_path / "s.xlsx"
    with aggregate([d], workers=0) as result:
        write_summary(result, out, "zh")
    rows = [[c for c in r if c is not None] for r in openpyxl.load_workbook(out)["按地区"].iter_rows(values_only=True)]
    assert ["330206", "浙江省宁波市北仑区", 2] == rows[[r[:1] for r in rows].index(["330206"])][:3]
    assert ["待确认的地区"] in rows
    ambiguous = next(r for r in rows if r and r[0] == "鼓楼区")
    assert ambiguous[1] == "可能指多处" and "南京" in ambiguous[3]
    assert main(["aggregate", str(d), "-o", str(tmp_path / "t.xlsx"), "--json", "--workers", "0",
                 "--lang", "en"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {i["text"]: i["status"] for i in data["regions_to_resolve"]} == {"鼓楼区": "ambiguous", "火星基地": "none"}
    county = {g["code"]: g["firms"] for g in data["frameworks"][0]["by_county"] if g["code"]}
    assert county == {"330206": 2, "330212": 1}
