"""The on-site rating (现场评定) against the firm's self-assessment: every difference and its effect.

The verified result is the assessment scored with each verified answer in place of the firm's own
(questions the assessor did not record keep the firm's answer); the differences are computed with
the same comparison as 改造前后, so the effect on points, the level and every gate is exact.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

from .assessment import Assessment
from .compare import Comparison, GateChange, compare_assessments, comparison_to_dict
from .words import punct, words


@dataclass(frozen=True, slots=True)
class Difference:
    question_id: str
    self_answer: str  # as data (option id(s), level, na)
    verified_answer: str
    self_points: Fraction
    verified_points: Fraction
    remark: str = ""

    @property
    def points_change(self) -> Fraction:
        return self.verified_points - self.self_points


@dataclass(frozen=True)
class VerificationReport:
    comparison: Comparison  # before = self-assessment, after = verified
    differences: tuple[Difference, ...]
    remarks_only: tuple[tuple[str, str], ...]  # remarks on questions whose answer the assessor confirmed

    @property
    def level_changed(self) -> bool:
        return self.comparison.before_result.level_index != self.comparison.after_result.level_index

    @property
    def gates_changed(self) -> tuple[GateChange, ...]:
        """The level conditions the rating turned from met to not met, or the other way."""
        return tuple(g for g in self.comparison.gates if (g.before >= g.required) != (g.after >= g.required))


def self_and_verified(assessment: Assessment) -> tuple[Assessment, Assessment]:
    """The self-assessment and the verified assessment as two plain assessments (no verification inside)."""
    plain = replace(assessment, verification=None)
    return plain, replace(plain, answers=dict(assessment.verified_answers()))


def verification_differences(assessment: Assessment) -> VerificationReport | None:
    """Every verified answer that differs from the firm's, with the points it moves and the gates before
    and after; None when no verification is recorded."""
    v = assessment.verification
    if v is None:
        return None
    mine, verified = self_and_verified(assessment)
    c = compare_assessments(mine, verified)
    diffs = tuple(Difference(ch.id, ch.before, ch.after, ch.points_before, ch.points_after, v.remarks.get(ch.id, ""))
                  for ch in c.changed_answers)
    changed = {d.question_id for d in diffs}
    remarks = tuple((qid, r) for qid, r in v.remarks.items() if r and qid not in changed)
    return VerificationReport(c, diffs, remarks)


def verification_to_dict(report: VerificationReport, lang: str = "zh") -> dict[str, Any]:
    data = comparison_to_dict(report.comparison, lang)
    return {
        "self": data["before"], "verified": data["after"], "gates": data["gates"],
        "differences": [{"id": d.question_id, "self": d.self_answer, "verified": d.verified_answer,
                         "points_self": float(d.self_points), "points_verified": float(d.verified_points),
                         "points_change": float(d.points_change), "remark": d.remark} for d in report.differences],
        "remarks": [{"id": qid, "remark": r} for qid, r in report.remarks_only],
        "gates_changed": [{"level": g.level, "kind": g.kind, "required": float(g.required), "self": float(g.before),
                           "verified": float(g.after), **({"scene_level": g.scene_level} if g.scene_level else {})}
                          for g in report.gates_changed],
    }


def answer_label(fw: Any, question_id: str, code: str, lang: str = "zh") -> str:
    """An answer as data (``answer_code``) as people read it: option labels, ``2级`` / ``Level 2``, 不适用."""
    q = fw.question(question_id)
    w = words(lang)
    if not code:
        return w("core.verification.unanswered")
    if code == "na":
        return w("core.verification.na")
    if q.is_leveled:
        return w.fmt("core.verification.level", code=code)
    parts = []
    for oid in code.split(";"):
        o = q.option(oid)
        parts.append(o.label.get(lang).strip() if o is not None else oid)
    return punct("enum", lang).join(parts)
