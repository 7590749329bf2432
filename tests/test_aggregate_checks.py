"""Plausibility checks across firms: each a flag with its reason (zh/en, code) in the JSON and the file log."""

from __future__ import annotations

import json
import random
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "data" / "aggregate"))

import aggcorpus as corpus

from smedigital.aggregate import aggregate
from smedigital.cli import main
from smedigital.core.answers import Answer, EvidenceMark
from smedigital.core.framework import get_framework

FW = get_framework(corpus.FRAMEWORK)


def with_answer(a, qid, answer):
    return replace(a, answers={**a.answers, qid: answer})


def codes(flags):
    return {f[0] for f in flags}


def firm(result, name):
    return next(f for f in result.firms if f.newest.name == name)


def build(tmp_path: Path) -> Path:
    rng = random.Random(14)
    d = tmp_path / "in"
    d.mkdir()
    # two firms (different codes) with exactly the same answers, both assessed by one 服务商
    base = corpus.random_assessment(rng, name="甲公司")
    base = replace(base, assessor="同一服务商")
    corpus.assessment_file(d / "a.smd.json", base)
    corpus.assessment_file(d / "b.smd.json", replace(corpus.with_company(base, name="乙公司",
                                                                           credit_code=corpus.credit_code(rng))))
    # a firm whose raw numbers disagree with each other (all devices: 100 in one question, 80 in the next),
    # a scene without the lower levels' evidence and one whose evidence items are all marked missing (a band chosen against its raw numbers
    # is rejected outright: code "disagrees")
    c = corpus.random_assessment(rng, name="丙公司")
    c = with_answer(c, "miit.foundation.device_digitisation", Answer(raw={"devices_total": 100,
                                                                          "devices_digitised": 50}))
    c = with_answer(c, "miit.foundation.device_networking", Answer(raw={"devices_total": 80,
                                                                        "devices_networked": 40}))
    scene = next(q for q in FW.questions if q.kind == "scene")
    c = with_answer(c, scene.id, Answer(level=3, evidence=("L3: MES 工单截图",)))
    scene2 = [q for q in FW.questions if q.kind == "scene"][1]
    c = with_answer(c, scene2.id, Answer(level=2, evidence_items={e.id: EvidenceMark("missing")
                                                                  for e in scene2.evidence_items}))
    corpus.assessment_file(d / "c.smd.json", replace(c, assessor="另一服务商"))
    # one credit code, two different firms
    code = corpus.credit_code(rng)
    d1 = corpus.random_assessment(rng, name="丁公司", code=code)
    d2 = replace(corpus.random_assessment(rng, name="戊公司", code=code), assessed_on="2026-01-05")
    corpus.assessment_file(d / "d1.smd.json", d1)
    corpus.assessment_file(d / "d2.smd.json", d2)
    return d


def test_each_check_flags_the_firm_with_its_reason(tmp_path):
    d = build(tmp_path)
    with aggregate([d], workers=0) as result:
        a, b, c = firm(result, "甲公司"), firm(result, "乙公司"), firm(result, "丙公司")
        assert {"same-answers", "assessor-same-answers"} <= codes(a.flags) and codes(a.flags) == codes(b.flags)
        assert "乙公司" in a.flags_text("zh") and "同一服务商" in a.flags_text("zh")
        assert {"raw-disagree", "scene-lower-evidence", "scene-no-evidence"} <= codes(c.flags)
        assert "same-answers" not in codes(c.flags)
        text = c.flags_text("en")
        assert "devices_total (miit.foundation.device_digitisation: 100; miit.foundation.device_networking: 80)" \
            in text and "without the lower levels' evidence" in text
        assert "佐证材料" in c.flags_text("zh")
        coded = [f for f in result.firms if f.key.startswith("code:") and "code-conflict" in codes(f.flags)]
        assert len(coded) == 1 and "2 different firms under one credit code" in coded[0].flags_text("en")
        log = {Path(f.path).name: f for f in result.files}
        assert "raw-disagree" in codes(log["c.smd.json"].flags)


def test_flags_are_in_the_json_per_firm_and_per_file(tmp_path, capsys):
    d = build(tmp_path)
    out = tmp_path / "s.xlsx"
    assert main(["aggregate", str(d), "-o", str(out), "--json", "--workers", "0", "--lang", "zh"]) == 0
    data = json.loads(capsys.readouterr().out)
    firms = {f["name"]: f for f in data["firm_list"]}
    assert {f["code"] for f in firms["丙公司"]["flags"]} >= {"raw-disagree", "scene-no-evidence"}
    assert all(f["reason"] for f in firms["甲公司"]["flags"])
    assert data["firms_flagged"] >= 4
    files = {Path(f["path"]).name: f for f in data["file_status"]}
    assert any(f["code"] == "same-answers" for f in files["a.smd.json"]["flags"])


def test_same_answers_whatever_notes_and_evidence_the_answers_carry(tmp_path):
    """The answers compared are the answers alone: a note or evidence on one firm's answer does not hide that
    two firms answered alike, and one different answer does."""
    rng = random.Random(41)
    d = tmp_path / "in"
    d.mkdir()
    base = corpus.random_assessment(rng, name="甲公司")
    qid, answer = next((k, v) for k, v in sorted(base.answers.items()) if not v.na)
    corpus.assessment_file(d / "a.smd.json", base)
    noted = with_answer(base, qid, replace(answer, note="见附件", evidence=("截图",)))
    corpus.assessment_file(d / "b.smd.json", corpus.with_company(noted, name="乙公司",
                                                                 credit_code=corpus.credit_code(rng)))
    q = FW.question(qid)
    other = next(corpus.random_answer(q, rng) for _ in range(50))
    while other == answer:
        other = corpus.random_answer(q, rng)
    corpus.assessment_file(d / "c.smd.json", corpus.with_company(with_answer(base, qid, other), name="丙公司",
                                                                 credit_code=corpus.credit_code(rng)))
    for workers in (0, 2):
        with aggregate([d], workers=workers) as result:
            a, b, c = firm(result, "甲公司"), firm(result, "乙公司"), firm(result, "丙公司")
            assert "same-answers" in codes(a.flags) and "same-answers" in codes(b.flags)
            assert "乙公司" in a.flags_text("zh") and "丙公司" not in a.flags_text("zh")
            assert "same-answers" not in codes(c.flags)
