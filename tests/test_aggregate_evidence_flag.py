"""The plausibility flag ``scene-no-evidence``: raised only when a claimed scene level's evidence items were
marked in the file and none is present or has a file, never for a file that marks no item (it fired for
nearly every firm before)."""

from __future__ import annotations

import random
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "data" / "aggregate"))

import aggcorpus as corpus  # noqa: E402

from smedigital.aggregate import aggregate  # noqa: E402
from smedigital.aggregate.checks import assessment_flags  # noqa: E402
from smedigital.core.answers import Answer, EvidenceFile, EvidenceMark  # noqa: E402
from smedigital.core.framework import get_framework  # noqa: E402

FW = get_framework(corpus.FRAMEWORK)
SCENE = next(q for q in FW.questions if q.kind == "scene" and len(q.evidence_items) >= 2)


def flagged(answer: Answer) -> list[tuple[str, str, str]]:
    a = corpus.sample()
    a = replace(a, answers={**a.answers, SCENE.id: answer})
    return [f for f in assessment_flags(a, FW) if f[0] == "scene-no-evidence"]


def needed(level: int) -> list[str]:
    return [e.id for e in SCENE.evidence_items if e.level is None or e.level <= level]


def test_claimed_levels_without_any_mark_are_not_flagged(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    rng = random.Random(7)
    for i in range(6):  # random answers: scenes claimed at levels 0-4, no evidence marked, as most files are
        corpus.assessment_file(d / f"{i}.smd.json", corpus.random_assessment(rng))
    with aggregate([d], workers=0) as result:
        assert result.counts.firms == 6
        assert not [f for f in result.firms if any(c[0] == "scene-no-evidence" for c in f.flags)]


def test_items_marked_and_none_present_are_flagged_with_how_many():
    marks = {iid: EvidenceMark("missing") for iid in needed(2)}
    got = flagged(Answer(level=2, evidence_items=marks))
    assert len(got) == 1 and got[0][1] == f"{SCENE.id} (L2: 0/{len(needed(2))})"


def test_one_item_present_or_a_file_attached_or_evidence_written_is_enough():
    ids = needed(2)
    missing = {iid: EvidenceMark("missing") for iid in ids}
    assert not flagged(Answer(level=2, evidence_items={**missing, ids[0]: EvidenceMark("present")}))
    attached = EvidenceMark("missing", (EvidenceFile("拓扑图.pdf", 1200, "ab" * 32),))
    assert not flagged(Answer(level=2, evidence_items={**missing, ids[-1]: attached}))
    assert not flagged(Answer(level=2, evidence_items=missing, evidence=("MES 工单截图",)))
    assert not flagged(Answer(level=2, evidence_items={iid: EvidenceMark("na") for iid in ids}))
    assert not flagged(Answer(level=0, evidence_items=missing))  # nothing claimed
