"""Evidence items (佐证材料) of an assessment: which ones each claim needs, and which are still missing.

A claim is a scene or scale level of 1 or more (the items without a level, and those whose level is at
most the claimed one) or an option that scores points (every item of the question). An item is
satisfied when marked present (with or without files) or not applicable; an item nobody marked counts
as missing. Which items a level needs follows the framework's data (``evidence[].level``): the lowest
level whose text (``levels`` of the same question) the item evidences, so a 1级 claim is not asked for what
only the 4级 text mentions. The items come from a public tool's lists and their levels are the project's
reading of the level texts; neither is checked against official guidance. An item above the claimed level
is not needed: it is not listed as missing (``not_needed`` where every item is shown).
"""

from __future__ import annotations

from dataclasses import dataclass

from .answers import Answer, EvidenceFile, EvidenceMark, answer_code
from .assessment import Assessment
from .framework import EvidenceItem, Framework, Question
from .scoring import Result
from .words import table


@dataclass(frozen=True, slots=True)
class EvidenceNeed:
    """One evidence item of one claimed answer, with where it stands."""

    question_id: str
    item: EvidenceItem
    claim: str  # the answer as data: option id(s) or level
    status: str  # "present", "missing", "na" or "unmarked"
    files: tuple[EvidenceFile, ...] = ()

    @property
    def is_missing(self) -> bool:
        return self.status in ("missing", "unmarked")


def needed_items(q: Question, answer: Answer | None, points_earned: bool) -> tuple[EvidenceItem, ...]:
    """The evidence items an answer claims: none for an unanswered, "not applicable" or unscored answer."""
    if answer is None or answer.na or answer.is_empty:
        return ()
    if q.is_leveled:
        level = answer.level or 0
        if level < 1:
            return ()
        return tuple(e for e in q.evidence_items if e.level is None or e.level <= level)
    return q.evidence_items if points_earned else ()


def _claimed(q: Question, answer: Answer | None, result: Result) -> bool:
    qr = result.questions.get(q.id)
    return bool(qr is not None and qr.applicable and qr.points > 0)


def evidence_status(assessment: Assessment, framework: Framework | None = None) -> list[EvidenceNeed]:
    """Every evidence item of every claimed scene level or scored option, in question order, with its mark."""
    fw = framework or assessment.framework
    result = assessment.score_self(fw, explain=False)
    out: list[EvidenceNeed] = []
    for q in fw.questions:
        answer = assessment.answers.get(q.id)
        if q.id not in result.questions or not result.questions[q.id].applicable:
            continue
        items = needed_items(q, answer, _claimed(q, answer, result))
        if not items or answer is None:
            continue
        claim = answer_code(q, answer)
        for item in items:
            mark = answer.evidence_items.get(item.id)
            out.append(EvidenceNeed(q.id, item, claim, mark.status if mark else "unmarked",
                                    mark.files if mark else ()))
    return out


def missing_evidence(assessment: Assessment, framework: Framework | None = None) -> list[EvidenceNeed]:
    """The evidence items a claimed scene level or scored option needs that are missing or not marked."""
    return [n for n in evidence_status(assessment, framework) if n.is_missing]


STATUS_WORDS = table("core.evidence")


def level_mark(item: EvidenceItem, lang: str) -> str:
    """" [3级起]" / " [L3+]" for an item needed from a level up; "" for one any claim needs."""
    if item.level is None:
        return ""
    return f" [{item.level}级起]" if lang != "en" else f" [L{item.level}+]"


def item_status(need: EvidenceNeed | None, mark: EvidenceMark | None) -> str:
    """The status to show for an item in a full list: the need's when the answer asks for it, else the mark
    made anyway, else ``not_needed`` (an item above the claimed level, or of an answer that claims nothing)."""
    if need is not None:
        return need.status
    return mark.status if mark is not None else "not_needed"


def status_label(status: str, lang: str) -> str:
    return STATUS_WORDS["en" if lang == "en" else "zh"].get(status, status)
