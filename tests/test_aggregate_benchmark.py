"""Benchmarks firms can see: an office's aggregate, anonymised, and a firm's percentile in its peer group."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "data" / "aggregate"))

import aggcorpus as corpus  # noqa: E402

from smedigital.cli import main  # noqa: E402


def test_the_benchmark_holds_counts_only_and_places_a_firm_in_its_peer_group(tmp_path, capsys):
    rng = random.Random(10)
    d = tmp_path / "in"
    d.mkdir()
    firms = []
    for i in range(12):  # 12 manufacturers in one county: a group; 2 retailers elsewhere: suppressed
        a = corpus.random_assessment(rng, name=f"对标企业{i}", region="宁波北仑", industry="C34")
        firms.append(a)
        corpus.assessment_file(d / f"c{i}.smd.json", a)
    for i in range(2):
        corpus.assessment_file(d / f"f{i}.smd.json",
                               corpus.random_assessment(rng, name=f"零售{i}", region="四川省成都市武侯区",
                                                        industry="F52"))
    bench = tmp_path / "out" / "bench.json"
    bench.parent.mkdir()
    assert main(["aggregate", str(d), "-o", str(tmp_path / "out" / "s.xlsx"), "--benchmark-out", str(bench),
                 "--workers", "0"]) == 0
    capsys.readouterr()
    text = bench.read_text(encoding="utf-8")
    data = json.loads(text)
    assert data["format"] == "smedigital-benchmark" and data["min_cell"] == 10
    assert "唯一真实的对标基准" in data["note"]["zh"] and "No public distribution" in data["note"]["en"]
    for a in firms:  # no name or credit code of any firm
        assert a.company.name not in text and (not a.company.credit_code or a.company.credit_code not in text)
    fw = data["frameworks"][0]
    groups = {(g["by"], g["key"]): g for g in fw["groups"]}
    assert groups[("all", "*")]["firms"] == 14
    assert groups[("industry_division", "C34")]["firms"] == 12 and groups[("county", "330206")]["firms"] == 12
    assert ("industry_division", "F52") not in groups and fw["suppressed_groups"] >= 2
    c34 = groups[("industry_division", "C34")]
    assert sum(c34["totals"]) == 12 and sum(c34["levels"]) == 12
    assert all(sum(v) == 12 for v in c34["scenes"].values()) and c34["dimensions"]

    assert main(["score", str(d / "c0.smd.json"), "--benchmark", str(bench), "--json"]) == 0
    placed = json.loads(capsys.readouterr().out)["benchmark"]
    assert placed["peer_group"] == {"by": "industry_division", "key": "C34", "firms": 12}
    assert 0 <= placed["percentile"] <= 100
    assert main(["score", str(d / "f0.smd.json"), "--benchmark", str(bench), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "all firms" in out and "No public distribution of levels under the MIIT" in out  # only 2 retailers
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    assert main(["score", str(d / "c0.smd.json"), "--benchmark", str(bad), "--lang", "en"]) == 1
    assert "not a smedigital-benchmark file" in capsys.readouterr().err


def test_level_names_follow_the_language_even_from_a_file_with_chinese_names_only(tmp_path, capsys):
    rng = random.Random(16)
    d = tmp_path / "in"
    d.mkdir()
    for i in range(11):
        corpus.assessment_file(d / f"c{i}.smd.json",
                               corpus.random_assessment(rng, name=f"等级企业{i}", region="宁波北仑", industry="C34"))
    bench = tmp_path / "bench.json"
    assert main(["aggregate", str(d), "-o", str(tmp_path / "s.xlsx"), "--benchmark-out", str(bench),
                 "--workers", "0"]) == 0
    capsys.readouterr()
    data = json.loads(bench.read_text(encoding="utf-8"))
    fw = data["frameworks"][0]
    assert fw["level_names"]["zh"][:3] == ["未达一级", "一级", "二级"]
    assert fw["level_names"]["en"][:3] == ["Below Level 1", "Level 1", "Level 2"]
    assert fw["level_labels"] == fw["level_names"]["zh"]  # what format version 1 readers find
    # a file written before the names were bilingual: the English names come from the framework itself
    del fw["level_names"]
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    for lang, first, other in (("en", "Below Level 1", "未达一级"), ("zh", "未达一级", "Below Level 1")):
        assert main(["score", str(d / "c0.smd.json"), "--benchmark", str(old), "--lang", lang]) == 0
        out = capsys.readouterr().out
        line = next(x for x in out.splitlines() if first in x)
        assert ("peer group by level: " if lang == "en" else "同组各等级企业数：") in line and other not in out
        assert sum(int(part.rsplit(" ", 1)[1]) for part in line.split("：" if lang == "zh" else ": ", 1)[1]
                   .split("；" if lang == "zh" else "; ")) == 11
    assert main(["score", str(d / "c0.smd.json"), "--benchmark", str(old), "--json", "--lang", "en"]) == 0
    placed = json.loads(capsys.readouterr().out)["benchmark"]
    assert [x["level"] for x in placed["levels"]] == ["Below Level 1", "Level 1", "Level 2", "Level 3", "Level 4"]
