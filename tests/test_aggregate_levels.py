"""Shares at 二级 / 三级 or above count only firms assessed with a framework of the national levels.

miit-2024-manufacturing's levels 一级-四级 are the national SME digital levels that the 2027
target "二级 or above" names; smedigital-cdi's 起步级/成长级/成熟级/领先级 are not, so a
cdi firm at 成长级 (its level 2) must not count as reaching 二级. Pooled by number, levels
are named neutrally (第1级 … / Level 1 …, each framework's own scale).
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import openpyxl
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "data" / "aggregate"))

import aggcorpus as corpus

from smedigital.aggregate import aggregate, write_summary
from smedigital.aggregate.words import national_names
from smedigital.core.assessment import Assessment
from smedigital.core.framework import bundled_frameworks, get_framework
from smedigital.core.scoring import score_answers

MIIT, CDI = "miit-2024-manufacturing", "smedigital-cdi"


def assessment_at(framework_id: str, level: int, name: str) -> Assessment:
    """A random assessment of a manufacturer (industry C34) that reaches ``level`` of its framework."""
    fw = get_framework(framework_id)
    for seed in range(2000):
        a = corpus.random_assessment(random.Random(seed), fw, name=name, industry="C34", region="浙江省宁波市")
        if score_answers(fw, a.answers, fw.modules_for(a.company.industry_section)).level_index == level:
            return a
    raise AssertionError(f"no seed gives {framework_id} level {level}")


def write_firms(folder: Path, firms: list[tuple[str, int, str]]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, (fid, level, name) in enumerate(firms):
        corpus.assessment_file(folder / f"firm{i}.smd.json", assessment_at(fid, level, name))
    return folder


MIXED = [(MIIT, 2, "二级制造有限公司"), (CDI, 2, "成长级诊断有限公司"), (CDI, 3, "成熟级诊断有限公司")]
CDI_ONLY = [(CDI, 2, "成长级诊断有限公司"), (CDI, 3, "成熟级诊断有限公司")]


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    folder = write_firms(tmp_path_factory.mktemp("mixed") / "firms", MIXED)
    with aggregate([folder], workers=0) as result:
        yield folder, result


@pytest.fixture(scope="module")
def cdi_only(tmp_path_factory):
    folder = write_firms(tmp_path_factory.mktemp("cdi") / "firms", CDI_ONLY)
    with aggregate([folder], workers=0) as result:
        yield folder, result


def first_two_columns(path: Path, sheet: str) -> dict[str, object]:
    return {r[0]: r[1] for r in openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True) if r and r[0]}


def test_the_frameworks_say_which_levels_are_national():
    known = bundled_frameworks()
    assert known[MIIT].national_levels and not known[CDI].national_levels
    assert national_names([MIIT], "zh") == "工信部2024制造业"
    assert national_names([], "en") == "MIIT 2024 Manufacturing"  # none used: those that would have counted


def test_only_firms_of_the_national_levels_count_for_the_shares(mixed):
    result = mixed[1]
    levels = {f.newest.name: (f.newest.framework_id, f.newest.level) for f in result.firms}
    assert levels == {name: (fid, level) for fid, level, name in MIXED}
    t = result.tables
    assert t.national_frameworks == (MIIT,) and t.mixed_scales
    overall = t.overall
    assert overall.firms == 3 and overall.levels[2:4] == (2, 1)  # pooled by number, each on its own scale
    assert overall.national_firms == 1 and overall.national_at_least(2) == 1 and overall.national_at_least(3) == 0
    assert overall.national_share(2) == 1.0 and overall.national_share(3) == 0.0
    by_framework = {g.key: g for g in t.by_framework}
    assert by_framework[CDI].firms == 2 and by_framework[CDI].national_share(2) is None
    assert by_framework[MIIT].national_share(2) == 1.0
    industry = t.by_industry[0]
    assert industry.key == "C" and industry.national_firms == 1 and industry.national_share(2) == 1.0


def test_the_summary_says_whom_the_shares_count(mixed, tmp_path):
    out = tmp_path / "s.xlsx"
    write_summary(mixed[1], out, "zh")
    overview = first_two_columns(out, "总览")
    assert overview["二级及以上占比（按工信部2024制造业评测的 1 家企业）"] == 1.0
    assert overview["三级及以上占比（按工信部2024制造业评测的 1 家企业）"] == 0.0
    assert "二级及以上占比" not in overview  # no share of all firms
    first = list(overview)
    assert any(str(c).startswith("二级、三级指国家中小企业数字化水平等级") for c in first)
    # never pooled by number: each framework's levels under their own names, a table per framework
    assert "等级（按各评测体系自身的等级序号）" not in first and not {"第1级", "第2级"} & set(first)
    assert {"二级", "成长级", "成熟级"} <= set(first)
    wb = openpyxl.load_workbook(out)
    rows = [[c.value for c in r] for r in wb["按行业"].iter_rows()]
    assert str(rows[1][0]).startswith("各评测体系的等级")
    heads = [r for r in rows if r[1] == "企业数"]
    assert len(heads) == 2 and "第1级" not in heads[0] + heads[1]
    miit = next(h for h in heads if "二级" in h)
    row = dict(zip(miit, rows[rows.index(miit) + 1], strict=True))
    assert row["企业数"] == 1 and row["二级"] == 1
    assert row["二级及以上占比"] == 1.0 and row["三级及以上占比"] == 0.0
    cdi = next(h for h in heads if "成长级" in h)
    assert "二级及以上占比" not in cdi  # a share at 二级 means nothing on smedigital-cdi's scale
    en = tmp_path / "en.xlsx"
    write_summary(mixed[1], en, "en")
    overview = first_two_columns(en, "Overview")
    assert overview["Share at level 2 or above (of the 1 firm assessed with MIIT 2024 Manufacturing)"] == 1.0
    assert "Level (by each framework's own scale)" not in overview
    assert {"Mean total · MIIT 2024 Manufacturing (miit-2024-manufacturing 2024)"} <= set(overview) or \
        sum(1 for k in overview if str(k).startswith("Mean total · ")) == 2


def test_without_a_firm_of_the_national_levels_there_is_no_share(cdi_only, tmp_path):
    result = cdi_only[1]
    t = result.tables
    assert t.national_frameworks == () and not t.mixed_scales
    assert t.overall.national_firms == 0
    assert t.overall.national_share(2) is None and t.overall.national_share(3) is None
    out = tmp_path / "s.xlsx"
    write_summary(result, out, "zh")
    overview = first_two_columns(out, "总览")
    assert overview["二级及以上占比"] == "—" and overview["三级及以上占比"] == "—"
    assert any(str(c).startswith("没有企业按国家中小企业数字化水平等级的评测体系（工信部2024制造业）评测") for c in overview)
    first = list(overview)
    assert {"成长级", "成熟级"} <= set(first) and "二级" not in first  # one framework: its own level names
    ws = openpyxl.load_workbook(out)["按行业"]
    header = [c.value for c in ws[2]]
    row = dict(zip(header, [c.value for c in ws[3]], strict=True))
    assert row["二级及以上占比（按工信部2024制造业评测的企业）"] == "—"
    assert row["按工信部2024制造业评测的企业数"] == 0
    assert "成长级" in header and ws.freeze_panes == "B3"
    en = tmp_path / "en.xlsx"
    write_summary(result, en, "en")
    overview = first_two_columns(en, "Overview")
    assert overview["Share at level 2 or above"] == "—"
    assert any(str(c).startswith("No firm was assessed with a framework of the national SME digital levels")
               for c in overview)


def test_the_json_gives_each_framework_its_own_levels_and_means(mixed, tmp_path, capsys):
    from smedigital.cli import main

    assert main(["aggregate", str(mixed[0]), "-o", str(tmp_path / "s.xlsx"), "--json", "--workers", "0",
                 "--lang", "zh"]) == 0
    data = json.loads(capsys.readouterr().out)
    by_id = {f["id"]: f for f in data["frameworks"]}
    assert set(by_id) == {MIIT, CDI}
    assert [lv["label"] for lv in by_id[MIIT]["levels"]][1:] == ["一级", "二级", "三级", "四级"]
    assert "成长级" in [lv["label"] for lv in by_id[CDI]["levels"]]
    assert by_id[MIIT]["firms"] == 1 and by_id[CDI]["firms"] == 2
    assert sum(lv["firms"] for lv in by_id[CDI]["levels"]) == 2 and sum(by_id[CDI]["histogram"]) == 2
    assert set(by_id[CDI]["mean_pillars"]) == {"cloud", "data", "intelligence"}
