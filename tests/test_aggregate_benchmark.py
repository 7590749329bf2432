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
