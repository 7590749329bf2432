"""Assessment files: round trip, atomic saves, and every kind of bad file reported with its location."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from smedigital.core.answers import Answer
from smedigital.core.assessment import (
    FORMAT_VERSION,
    AssessmentError,
    Company,
    load_assessment,
    loads_assessment,
    new_assessment,
    save_assessment,
)
from smedigital.core.framework import get_framework

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "manufacturer-miit.smd.json"


def sample_doc():
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def problems_of(doc) -> list[str]:
    with pytest.raises(AssessmentError) as info:
        loads_assessment(json.dumps(doc, ensure_ascii=False), "bad.smd.json")
    return [str(p) for p in info.value.problems]


def test_sample_round_trips(tmp_path):
    a = load_assessment(SAMPLE)
    out = tmp_path / "copy.smd.json"
    save_assessment(a, out)
    b = load_assessment(out)
    assert b == a
    assert b.score().total_score == a.score().total_score
    assert b.answers["miit.foundation.data_security"].note == "仅有NAS每日备份"
    assert b.answers["miit.foundation.device_digitisation"].raw == {"devices_total": 80, "devices_digitised": 30}


def test_new_assessment_lists_every_question_and_loads_back(tmp_path):
    fw = get_framework("miit-2024-manufacturing")
    out = tmp_path / "new.smd.json"
    save_assessment(new_assessment(fw, Company(name="测试")), out, list_every_question=True)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert set(doc["answers"]) == {q.id for q in fw.questions}
    a = load_assessment(out)
    assert a.answers == {} and not a.score().complete


def test_save_is_atomic_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    a = load_assessment(SAMPLE)
    out = tmp_path / "a.smd.json"
    save_assessment(a, out)
    before = out.read_bytes()

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError):
        save_assessment(a.with_answer("miit.scene.hr", Answer(level=4)), out)
    assert out.read_bytes() == before  # the old file is intact
    assert [p.name for p in tmp_path.iterdir()] == ["a.smd.json"]  # no half-written temporary left


def test_not_json_names_line_and_column():
    with pytest.raises(AssessmentError) as info:
        loads_assessment('{"format": "smedigital-assessment",\n  oops}', "x.smd.json")
    assert "line 2" in str(info.value.problems[0]) and "not valid JSON" in str(info.value.problems[0])


def test_not_ours_is_refused():
    assert "not a smedigital assessment" in problems_of({"format": "something-else"})[0]


def test_newer_format_version_is_refused_clearly():
    doc = sample_doc()
    doc["format_version"] = FORMAT_VERSION + 1
    (msg,) = problems_of(doc)
    assert msg.startswith("format_version:") and "newer smedigital" in msg


def test_unknown_framework_and_wrong_version():
    doc = sample_doc()
    doc["framework"] = {"id": "nope", "version": "1"}
    assert any("framework.id" in m for m in problems_of(doc))
    doc["framework"] = {"id": "miit-2024-manufacturing", "version": "2022"}
    assert any("framework.version" in m for m in problems_of(doc))


def test_every_answer_problem_is_reported_with_its_path():
    doc = sample_doc()
    doc["answers"]["miit.nope"] = {"choice": "x"}
    doc["answers"]["miit.foundation.information_systems"] = {"choice": "plenty"}
    doc["answers"]["miit.foundation.network"] = {"choices": ["none", "control_network"]}
    doc["answers"]["miit.scene.hr"] = {"level": 5}
    doc["answers"]["miit.scene.office"] = {"level": True}
    doc["answers"]["miit.scene.finance"] = {"na": True}
    doc["answers"]["miit.foundation.device_networking"] = {"raw": {"devices_total": 10, "devices_networked": 11}}
    doc["answers"]["miit.management.funding"] = {"raw": {"digital_investment": -1, "revenue": 10}}
    msgs = problems_of(doc)
    text = "\n".join(msgs)
    assert 'answers["miit.nope"]: "miit.nope" is not a question' in text
    assert 'answers["miit.foundation.information_systems"].choice: "plenty" is not an option' in text
    assert 'answers["miit.foundation.network"].choices: "None" (none) cannot be combined' in text
    assert 'answers["miit.scene.hr"].level: must be a whole number 0-4' in text
    assert 'answers["miit.scene.office"].level' in text
    assert 'answers["miit.scene.finance"].na: this question cannot be answered \'not applicable\'' in text
    # inputs by the labels people read, not their ids
    assert 'answers["miit.foundation.device_networking"].raw: Of which networked (11) cannot exceed ' \
           'Production devices in total (10)' in text
    assert 'answers["miit.management.funding"].raw.digital_investment: must be a finite number' in text
    assert len(msgs) == 8


def test_company_profile_checks():
    doc = sample_doc()
    doc["company"]["credit_code"] = "91330206MA2H7Q3K59"  # wrong check digit
    doc["company"]["industry"] = "Z"
    doc["company"]["employees"] = -3
    msgs = problems_of(doc)
    assert any(m.startswith("company.credit_code:") for m in msgs)
    assert any(m.startswith("company.industry:") for m in msgs)
    assert any(m.startswith("company.employees:") for m in msgs)


def test_unknown_fields_and_bad_date():
    doc = sample_doc()
    doc["surprise"] = 1
    doc["assessed_on"] = "29/11/2026"
    msgs = problems_of(doc)
    assert "surprise: is not a known field" in msgs
    assert any(m.startswith("assessed_on:") for m in msgs)


def test_an_unreadable_file_and_a_non_utf8_file(tmp_path):
    with pytest.raises(AssessmentError) as info:
        load_assessment(tmp_path / "missing.smd.json")
    assert "cannot be read" in str(info.value)
    bad = tmp_path / "gbk.smd.json"
    bad.write_bytes('{"company": "测试"}'.encode("gbk"))
    with pytest.raises(AssessmentError) as info:
        load_assessment(bad)
    assert "not UTF-8" in str(info.value)


def test_empty_entries_are_unanswered_not_errors():
    doc = sample_doc()
    doc["answers"]["miit.scene.hr"] = {}
    a = loads_assessment(json.dumps(doc), "x")
    assert "miit.scene.hr" in a.score().unanswered


def test_saved_files_get_ordinary_permissions_not_private_ones(tmp_path):
    a = load_assessment(SAMPLE)
    out = tmp_path / "shared.smd.json"
    old = os.umask(0o022)
    try:
        save_assessment(a, out)
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644
    out.chmod(0o600)
    save_assessment(a, out)
    assert out.stat().st_mode & 0o777 == 0o600  # replacing keeps the file's own mode


def test_assessment_dates_outside_2000_to_2100_are_refused():
    doc = sample_doc()
    doc["assessed_on"] = "9999-12-31"
    assert problems_of(doc) == ["assessed_on: 9999-12-31 is outside 2000-01-01 … 2100-12-31"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_or_a_device_is_refused_without_waiting(tmp_path, capsys):
    from smedigital.cli import main

    fifo = tmp_path / "a.smd.json"
    os.mkfifo(fifo)
    with pytest.raises(AssessmentError) as info:
        load_assessment(fifo)
    assert info.value.problems[0].message.zh == "是命名管道（FIFO），不是普通文件"
    assert main(["score", str(fifo)]) == 1
    assert f"{fifo}: 是命名管道（FIFO），不是普通文件" in capsys.readouterr().err
    if os.path.exists("/dev/zero"):
        assert main(["--lang", "en", "score", "/dev/zero"]) == 1
        assert "/dev/zero: is a device, not a regular file" in capsys.readouterr().err


def test_json_nested_too_deeply_or_with_endless_numbers_is_refused_in_both_languages():
    from smedigital.core.assessment import loads_assessment

    for text, zh in (('{"x": ' + "[" * 200_000 + "]" * 200_000 + "}", "嵌套层次过深"),
                     ('{"format": "smedigital-assessment", "n": ' + "9" * 50_000 + "}", "含位数过多的数字")):
        with pytest.raises(AssessmentError) as info:
            loads_assessment(text)
        (p,) = info.value.problems
        assert p.message.zh == zh and p.message.code == "damaged"


def test_a_one_field_answer_reads_as_the_same_answer_with_a_blank_note_and_a_wrong_type_is_still_named():
    """One-field answers (most of them) are read the short way: the same answers as the long way (an empty note
    sends an answer there); a field of the wrong type is reported with its place as before."""
    doc = sample_doc()
    short = loads_assessment(json.dumps(doc, ensure_ascii=False))
    long_doc = sample_doc()
    long_doc["answers"] = {qid: {**ans, "note": ans.get("note", "")} for qid, ans in long_doc["answers"].items()}
    assert loads_assessment(json.dumps(long_doc, ensure_ascii=False)).answers == short.answers
    assert any(len(ans) == 1 for ans in doc["answers"].values())
    qid = next(qid for qid, ans in doc["answers"].items() if set(ans) == {"choice"})
    doc["answers"][qid] = {"choice": 3}
    assert any(f'answers["{qid}"].choice' in p and "option id" in p for p in problems_of(doc))
