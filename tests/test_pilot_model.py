"""Issue 13, data model: purpose and baseline sign-off, evidence items, verification (现场评定)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from smedigital.core.answers import Answer, EvidenceFile, EvidenceMark
from smedigital.core.assessment import (
    AssessmentError,
    FrozenAssessment,
    Verification,
    dumps_assessment,
    load_assessment,
    loads_assessment,
    new_version,
    parse_assessment,
    set_verification,
    sign_off,
)
from smedigital.core.evidence import evidence_status, missing_evidence
from smedigital.core.framework import get_framework
from smedigital.core.verification import verification_differences, verification_to_dict

ROOT = Path(__file__).resolve().parent.parent
PILOT = ROOT / "resources/samples/pilot"
BASE, AFTER = PILOT / "manufacturer-miit-baseline.smd.json", PILOT / "manufacturer-miit-after.smd.json"
MIIT = "miit-2024-manufacturing"
PC = "miit.scene.production_control"


def data(path=BASE):
    return json.loads(path.read_text(encoding="utf-8"))


def problems_of(d):
    with pytest.raises(AssessmentError) as info:
        parse_assessment(d)
    return [str(p) for p in info.value.problems]


def test_samples_state_their_purpose_and_the_baseline_is_signed_off():
    base, after = load_assessment(BASE), load_assessment(AFTER)
    assert (base.purpose, after.purpose) == ("baseline", "after")
    assert base.is_signed_off and not after.is_signed_off


def test_an_older_file_without_the_new_fields_still_loads_and_is_written_as_version_1():
    d = data()
    for key in ("purpose", "signed_off"):
        d.pop(key)
    d["format_version"] = 1
    a = parse_assessment(d)
    assert a.purpose == "" and a.verification is None
    assert json.loads(dumps_assessment(a))["format_version"] == 1


def test_a_bad_purpose_is_refused_in_both_languages():
    d = data()
    d["purpose"] = "audit"
    with pytest.raises(AssessmentError) as info:
        parse_assessment(d)
    p = info.value.problems[0]
    assert p.location == "purpose" and "audit" in str(p)
    assert "诊断基线" in p.message.zh


def test_a_signed_off_baseline_refuses_changes_and_a_new_version_links_back():
    base = load_assessment(BASE)
    with pytest.raises(FrozenAssessment) as info:
        base.with_answer(PC, Answer(level=3))
    assert "签字确认" in info.value.get("zh") and "signed off" in str(info.value)
    after = new_version(base, "after")
    assert not after.is_signed_off and after.purpose == "after"
    assert after.previous["purpose"] == "baseline" and after.previous["assessed_on"] == base.assessed_on
    changed = after.with_answer(PC, Answer(level=3))
    assert changed.answers[PC].level == 3 and base.answers[PC].level == 1
    again = loads_assessment(dumps_assessment(changed))
    assert again.previous == after.previous and json.loads(dumps_assessment(again))["format_version"] == 2
    with pytest.raises(ValueError):
        new_version(base, "final")


def test_sign_off_needs_a_name_and_a_real_date():
    a = load_assessment(AFTER)
    with pytest.raises(ValueError):
        sign_off(a, " ", "2026-12-01")
    with pytest.raises(ValueError):
        sign_off(a, "周海峰", "2026-13-01")
    assert sign_off(a, "周海峰", "2026-12-01").signed_off == {"by": "周海峰", "date": "2026-12-01"}


def test_every_evidence_text_of_both_frameworks_is_an_item_with_a_unique_id():
    for fid in (MIIT, "smedigital-cdi"):
        for q in get_framework(fid).questions:
            ids = [e.id for e in q.evidence_items]
            assert ids and len(ids) == len(set(ids)) and len(ids) == len(q.evidence)
    q = get_framework(MIIT).question(PC)
    assert q.evidence_item("l2.mes-orders").level == 2


def test_evidence_marks_round_trip_and_unknown_items_or_statuses_are_errors():
    d = data(AFTER)
    digest = "ab" * 32
    d["answers"][PC]["evidence_items"] = {"e1": {"status": "present",
                                                "files": [{"name": "MES工单.png", "size": 1234, "sha256": digest}]},
                                          "e2": {"status": "na"}}
    a = parse_assessment(d)
    assert a.answers[PC].evidence_items["e1"] == EvidenceMark("present", (EvidenceFile("MES工单.png", 1234, digest),))
    assert loads_assessment(dumps_assessment(a)) == a
    d["answers"][PC]["evidence_items"]["zz"] = {"status": "present"}
    d["answers"][PC]["evidence_items"]["e3"] = {"status": "maybe"}
    msgs = problems_of(d)
    assert any("zz" in m and "evidence item" in m for m in msgs)
    assert any("maybe" in m for m in msgs)


def test_missing_evidence_lists_what_each_claim_needs():
    a = load_assessment(AFTER)
    level = a.answers[PC].level
    assert level == 2
    needs = [n for n in missing_evidence(a) if n.question_id == PC]
    # process parameters (e2) are 3级 evidence, alerts (e3) 4级: a 2级 claim is not asked for them
    assert {n.item.id for n in needs} == {"e1", "l2.mes-orders"}
    marks = {"e1": EvidenceMark("present", (EvidenceFile("a.png", 1, "0" * 64),)), "e2": EvidenceMark("na"),
             "e3": EvidenceMark("present"), "l2.mes-orders": EvidenceMark("missing")}
    from dataclasses import replace
    a = a.with_answer(PC, replace(a.answers[PC], evidence_items=marks))
    assert [n.item.id for n in missing_evidence(a) if n.question_id == PC] == ["l2.mes-orders"]
    # a level-1 claim does not need the level-2 item
    low = a.with_answer(PC, replace(a.answers[PC], level=1))
    assert all(n.item.id != "l2.mes-orders" for n in evidence_status(low) if n.question_id == PC)
    # an answer worth no points claims nothing
    zero = a.with_answer(PC, replace(a.answers[PC], level=0))
    assert all(n.question_id != PC for n in evidence_status(zero))


def verified(a, answers, remarks=None):
    return set_verification(a, Verification("王评", "某评测机构", "2026-12-05", answers, remarks or {}))


def test_verification_counts_and_every_difference_is_listed_with_its_effect():
    a = load_assessment(AFTER)
    mine = a.score()
    v = verified(a, {PC: Answer(level=1), "miit.scene.quality": Answer(level=a.answers["miit.scene.quality"].level)},
                 {PC: "MES 仅试运行", "miit.scene.quality": "属实"})
    assert v.score_self().total_score == mine.total_score
    report = verification_differences(v)
    assert [d.question_id for d in report.differences] == [PC]
    d = report.differences[0]
    assert (d.self_answer, d.verified_answer, d.remark) == (str(a.answers[PC].level), "1", "MES 仅试运行")
    assert report.remarks_only == (("miit.scene.quality", "属实"),)
    # the scene now counts one fewer at every gate asking for a level above 1
    moved = [g for g in report.comparison.gates if g.kind == "scenes" and g.scene_level and g.scene_level >= 2]
    assert moved and all(g.after == g.before - 1 for g in moved if g.scene_level <= a.answers[PC].level)
    out = verification_to_dict(report)
    assert out["self"]["total_score"] == float(mine.total_score)
    again = loads_assessment(dumps_assessment(v))
    assert again.verification == v.verification and again.score().level_index == v.score().level_index


def test_a_verified_answer_that_loses_points_lowers_the_verified_total():
    a = load_assessment(AFTER)
    fw = a.framework
    qid, best = next((q.id, q) for q in fw.questions if q.kind == "single" and a.answers.get(q.id)
                     and a.score().questions[q.id].points > 0)
    v = verified(a, {qid: Answer(choice=best.options[0].id)}, {qid: "未见实物"})
    diff = verification_differences(v).differences[0]
    assert diff.points_change < 0
    assert v.score().total_score == a.score().total_score + diff.points_change


def test_verification_of_an_unknown_question_or_a_bad_answer_is_refused():
    d = data(AFTER)
    d["verification"] = {"who": "王评", "organisation": "某评测机构", "date": "2026-12-05",
                         "answers": {"miit.nope": {"level": 2, "remark": "?"}, PC: {"level": 9}}}
    msgs = problems_of(d)
    assert any("miit.nope" in m and "not a question" in m for m in msgs)
    assert any("0-4" in m for m in msgs)
    a = load_assessment(AFTER)
    with pytest.raises(AssessmentError):
        verified(a, {"miit.nope": Answer(level=1)})


def test_recording_a_verification_is_allowed_on_a_signed_off_baseline():
    base = load_assessment(BASE)
    v = verified(base, {PC: Answer(level=0)}, {PC: "工单仍手工记录"})
    assert v.is_signed_off and v.answers == base.answers
    assert verification_differences(v).differences[0].verified_answer == "0"


def test_the_plan_starts_from_the_verified_answers():
    from smedigital.core.planning import build_plan

    a = load_assessment(AFTER)
    v = verified(a, {PC: Answer(level=1)}, {PC: "MES 仅试运行"})
    plan = build_plan(v, "level:3")
    own = build_plan(a, "level:3")
    assert plan.before.total_score == v.score().total_score
    assert (plan.before.questions[PC].level, own.before.questions[PC].level) == (1, 2)
    for item in plan.items:  # every step starts where the assessor found the firm
        if item.question_id == PC:
            assert item.from_value == 1
    assert plan.expected.questions[PC].level >= 1


def test_a_rating_that_costs_the_level_names_the_gates_it_turned():
    a = load_assessment(AFTER)
    assert a.score().level_index == 2
    lowered = {q.id: Answer(level=1) for q in a.framework.scenes if (a.answers.get(q.id) and
                                                                       a.answers[q.id].level == 2)}
    report = verification_differences(verified(a, lowered))
    assert report.level_changed and report.comparison.after_result.level_index == 1
    turned = {(g.level, g.kind) for g in report.gates_changed}
    assert ("l2", "scenes") in turned and all(g.after < g.required for g in report.gates_changed)
    assert verification_to_dict(report)["gates_changed"]


def test_new_from_the_command_line_states_its_purpose(tmp_path, capsys):
    from smedigital.cli import main

    out = tmp_path / "b.smd.json"
    assert main(["new", "--framework", MIIT, "-o", str(out), "--purpose", "baseline"]) == 0
    assert load_assessment(out).purpose == "baseline"
    assert main(["new", "--framework", MIIT, "-o", str(tmp_path / "c.smd.json"), "--purpose", "final"]) == 2
    assert "诊断基线" in capsys.readouterr().err


def test_a_new_version_can_start_from_what_the_rating_found():
    base = load_assessment(BASE)
    v = verified(base, {PC: Answer(level=0)}, {PC: "工单仍手工记录"})
    assert new_version(v, "after").answers[PC].level == 1
    nv = new_version(v, "after", from_verified=True)
    assert nv.answers[PC].level == 0 and nv.verification is None and nv.previous["purpose"] == "baseline"
