"""Evidence asked for the level claimed: each scene or scale item names the lowest level whose text it
evidences, so a 1级 claim is not asked for what only the 4级 text mentions, and the 一企一档 index lists as
missing only what the claimed levels need."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from smedigital.core.answers import Answer
from smedigital.core.assessment import load_assessment
from smedigital.core.evidence import missing_evidence, needed_items
from smedigital.core.framework import get_framework
from smedigital.export.pack import build_pack
from smedigital.export.pilot_words import pw

ROOT = Path(__file__).resolve().parent.parent
PILOT = ROOT / "resources/samples/pilot"
BASE, AFTER = PILOT / "manufacturer-miit-baseline.smd.json", PILOT / "manufacturer-miit-after.smd.json"
MIIT = "miit-2024-manufacturing"
AFTER_SALES = "miit.scene.after_sales"


def remote_item():
    q = get_framework(MIIT).question(AFTER_SALES)
    [item] = [e for e in q.evidence_items if "远程运维" in e.get("zh")]
    return q, item


def test_after_sales_asks_for_remote_maintenance_only_from_level_4():
    q, remote = remote_item()
    assert "远程运维" in q.levels[4].get("zh") and not any("远程运维" in q.levels[k].get("zh") for k in (1, 2, 3))
    for level in (1, 2, 3):
        needed = needed_items(q, Answer(level=level), points_earned=False)
        assert remote not in needed
        assert needed, f"a {level}级 claim still asks for something"
    assert remote in needed_items(q, Answer(level=4), points_earned=False)
    # the 1级 text (小程序、APP) is evidenced by the app demonstration, asked at every level
    app = next(e for e in q.evidence_items if "小程序" in e.get("zh"))
    assert all(app in needed_items(q, Answer(level=k), points_earned=False) for k in (1, 2, 3, 4))


def test_the_claimed_level_decides_what_the_missing_list_holds():
    a = load_assessment(AFTER)
    _, remote = remote_item()
    at = {k: a.with_answer(AFTER_SALES, replace(a.answers.get(AFTER_SALES) or Answer(), level=k, na=False))
          for k in (1, 4)}
    ids = {k: {n.item.id for n in missing_evidence(x) if n.question_id == AFTER_SALES} for k, x in at.items()}
    assert remote.id not in ids[1] and remote.id in ids[4]


@pytest.mark.parametrize("fid", [MIIT, "smedigital-cdi"])
def test_every_leveled_question_asks_something_only_from_a_higher_level(fid):
    fw = get_framework(fid)
    leveled = [q for q in fw.questions if q.is_leveled]
    assert leveled
    for q in leveled:
        shown = [k for k in q.levels if k >= 1]
        if len(shown) >= 2:
            assert any(e.level is not None and e.level > 1 for e in q.evidence_items), q.id
        for e in q.evidence_items:
            assert e.level is None or e.level in shown, (q.id, e.id, e.level)


def strip_levels(fw):
    """The framework as it was when every item was asked at every level."""
    questions = tuple(replace(q, evidence_items=tuple(replace(e, level=None) for e in q.evidence_items))
                      for q in fw.questions)
    return replace(fw, questions=questions, question_by_id={q.id: q for q in questions})


def test_the_pilot_pack_lists_fewer_missing_items_and_none_above_its_claim(tmp_path):
    a, base = load_assessment(AFTER), load_assessment(BASE)
    every = missing_evidence(a, strip_levels(a.framework))  # what the lists asked before
    out = tmp_path / "pack.zip"
    result = build_pack(a, out, "en", baseline=base, charts=False)
    assert 0 < len(result.missing) < len(every)
    fw = a.framework
    for n in result.missing:
        q = fw.question(n.question_id)
        if q.is_leveled:
            assert n.item.level is None or n.item.level <= a.answers[q.id].level, (q.id, n.item.id)
    w = pw("en")
    with zipfile.ZipFile(out) as zf:
        book = openpyxl.load_workbook(zf.open("00-index.xlsx"))
    assert book[w["idx.missing"][:31]].cell(1, 1).value == f"{w['idx.missing']} ({len(result.missing)})"
    # the full list still shows an item above the claim, marked with its level and not counted missing
    _, remote = remote_item()
    claim = a.answers[AFTER_SALES].level
    assert claim < 4
    rows = [[c.value for c in r] for r in book[w["idx.sheet"]].iter_rows(min_row=4)]
    [row] = [r for r in rows if r[3] and r[3].startswith(f"{remote.id} ") and "After-sales" in (r[1] or "")]
    assert row[3].endswith("[L4+]") and row[4] == "not needed for the answer claimed" and not row[6]
