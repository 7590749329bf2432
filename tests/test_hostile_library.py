"""Hostile data the core and the library meet: far dates, huge notes, orphans left by a kill,
two programs on one library (issue #12)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from smedigital.core.answers import Answer
from smedigital.core.assessment import AssessmentError, Company, loads_assessment, parse_date
from smedigital.core.planning import build_plan, edit_item, plan_start
from smedigital.library import Library

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "manufacturer-miit.smd.json"
FW = "miit-2024-manufacturing"
NETWORK = "miit.foundation.network"


def sample_doc() -> dict:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def problems_of(doc) -> list[str]:
    with pytest.raises(AssessmentError) as info:
        loads_assessment(json.dumps(doc, ensure_ascii=False), "far.smd.json")
    return [str(p) for p in info.value.problems]


# --------------------------------------------------------------------------- dates

@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1899-06-30", "2101-01-01"])
def test_a_date_outside_the_sane_range_is_refused_with_its_field(day):
    doc = sample_doc()
    doc["assessed_on"] = day
    assert any(m.startswith("assessed_on:") and "2000-01-01" in m for m in problems_of(doc))
    doc = sample_doc()
    doc["pledge"]["date"] = day
    assert any(m.startswith("pledge.date:") for m in problems_of(doc))
    with pytest.raises(ValueError, match="outside"):
        parse_date(day)


def test_the_plan_of_a_far_date_neither_overflows_nor_accepts_a_far_due_date():
    a = loads_assessment(SAMPLE.read_text(encoding="utf-8"), "sample")
    far = replace(a, assessed_on="9999-12-31")  # as a library row written before the check could hold it
    import datetime as dt

    assert plan_start("9999-12-31", dt.date(2026, 12, 7)) == dt.date(2027, 1, 1)
    plan = build_plan(far)
    assert plan.items
    with pytest.raises(ValueError, match="outside"):
        edit_item(a, build_plan(a), plan.items[0].key, due="9999-12-31")


# --------------------------------------------------------------------------- long notes

def test_a_note_longer_than_32000_characters_survives_load_and_save(tmp_path):
    lib = Library.open()
    try:
        firm = lib.add_firm(Company(name="长备注公司", industry="C34"))
        aid = lib.create_assessment(firm, FW)
        a = lib.load_assessment(aid)
        q = a.framework.question(NETWORK)
        note = "很长的备注。" * 20_000 + "尾"  # 120,001 characters
        lib.save_assessment(aid, a.with_answer(NETWORK, Answer(choices=(q.options[1].id,), note=note)))
        again = lib.load_assessment(aid)
        assert again.answers[NETWORK].note == note
        lib.save_assessment(aid, again)  # the next save keeps it whole too
        assert lib.load_assessment(aid).answers[NETWORK].note == note
        out = lib.export_file(aid, tmp_path / "long.smd.json")
        assert loads_assessment(out.read_text(encoding="utf-8"), "long").answers[NETWORK].note == note
    finally:
        lib.close()


def test_a_library_row_with_a_far_date_still_opens():
    lib = Library.open()
    try:
        firm = lib.add_firm(Company(name="远日期公司", industry="C34"))
        aid = lib.create_assessment(firm, FW)
        doc = json.loads(lib.document(aid))
        doc["assessed_on"] = "9999-12-31"
        with lib._write() as conn:  # as a version before the check wrote it
            conn.execute("UPDATE assessments SET document = ? WHERE id = ?", (json.dumps(doc), aid))
        assert lib.load_assessment(aid).assessed_on == ""
    finally:
        lib.close()


# --------------------------------------------------------------------------- left by a kill

def test_orphan_evidence_and_partial_copies_are_removed_at_the_next_start(tmp_path):
    import os

    lib = Library.open()
    firm = lib.add_firm(Company(name="证据公司", industry="C34"))
    aid = lib.create_assessment(firm, FW)
    src = tmp_path / "拓扑图.png"
    src.write_bytes(b"\x89PNG kept")
    kept = lib.attach_evidence(aid, NETWORK, src).path
    store = kept.parent.parent
    orphan = store / "ab" / ("ab" + "0" * 62)  # copied, then killed before the row was written
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(b"orphan")
    partial = store / "cd" / ".incoming.x1y2"  # killed in the middle of the copy
    partial.parent.mkdir(parents=True, exist_ok=True)
    partial.write_bytes(b"half")
    fresh = store / "cd" / ".incoming.now"  # another program copying right now
    fresh.write_bytes(b"busy")
    old = 1_000_000_000
    for p in (orphan, partial, kept):
        os.utime(p, (old, old))
    lib.close()
    lib = Library.open()
    try:
        assert not orphan.exists() and not partial.exists()
        assert kept.exists() and fresh.exists()
        assert lib.evidence(aid)[0].path.read_bytes() == b"\x89PNG kept"
    finally:
        lib.close()


# --------------------------------------------------------------------------- the same firm twice

def test_similar_firm_finds_the_same_code_or_the_same_name_and_region():
    lib = Library.open()
    try:
        a = lib.add_firm(Company(name="宁波甲机械(集团)有限公司", region="宁波", credit_code="91350100M000100Y43"))
        assert lib.similar_firm(Company(name="别名", credit_code="91350100m000100y43")).id == a
        assert lib.similar_firm(Company(name="宁波甲机械（集团） 有限公司", region="宁波")).id == a
        assert lib.similar_firm(Company(name="宁波甲机械（集团）有限公司")).id == a  # no region: the name decides
        assert lib.similar_firm(Company(name="宁波甲机械（集团）有限公司", region="杭州")) is None
        assert lib.similar_firm(Company(name="另一家公司", region="宁波")) is None
        assert lib.firm_for(Company(name="宁波甲机械（集团）有限公司")) is None  # not the same by the import's rule
        doc = loads_assessment(SAMPLE.read_text(encoding="utf-8"), "s")
        new = lib.add_assessment(doc, a)
        assert lib.assessment_info(new).firm_id == a
        other = lib.add_assessment(replace(doc, assessed_on="2025-02-02"), new_firm=True)
        assert lib.assessment_info(other).firm_id != a
    finally:
        lib.close()


def test_moving_an_assessment_to_the_same_firm_bins_the_empty_duplicate():
    lib = Library.open()
    try:
        a = lib.add_firm(Company(name="戊公司", region="宁波"))
        a1 = lib.create_assessment(a, FW)
        b = lib.add_firm(Company(name="戊公司（重复）"))
        b1 = lib.create_assessment(b, FW)
        lib.move_assessment(b1, a)
        assert {x.id for x in lib.assessments(a)} == {a1, b1}
        assert [f.id for f in lib.firms()] == [a]
        lib.restore_firm(b)  # in the bin, not gone
        assert lib.firm(b).assessment_count == 0
    finally:
        lib.close()


def test_the_library_refuses_to_store_a_far_date():
    from smedigital.library import LibraryError

    lib = Library.open()
    try:
        firm = lib.add_firm(Company(name="远期公司", industry="C34"))
        aid = lib.create_assessment(firm, FW)
        a = lib.load_assessment(aid)
        with pytest.raises(LibraryError, match="assessed_on"):
            lib.save_assessment(aid, replace(a, assessed_on="9999-12-31"))
        with pytest.raises(LibraryError, match="pledge.date"):
            lib.save_assessment(aid, replace(a, pledge={"signed_by": "张", "date": "1900-01-01"}))
        assert lib.load_assessment(aid).assessed_on == a.assessed_on
    finally:
        lib.close()
