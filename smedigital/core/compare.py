"""Two assessments of one firm side by side: the diagnosis baseline and the 改造后 self-assessment,
or any two assessments of the same framework.

What changed is computed, never estimated: both assessments are scored with the same framework;
the level with its gates, the total and every dimension, every scene level, every answer that
differs, and the measured results (成效) of the trend questions, each from its own raw numbers (for
the MIIT 2024 indicators: energy per revenue, monthly pass rate, revenue per employee, cost per
revenue). The plan items marked done in the later assessment are listed with their evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .answers import AnswerInvalid, answer_code, trend_values
from .assessment import Assessment
from .framework import Framework, Question
from .kinds import KINDS
from .scoring import Result
from .shared_inputs import sensible_places, value_unit
from .text import Text
from .wording import SCORE_DECIMALS, fixed_text, fmt_score, round_places
from .words import paren, punct, table, words

#: How every screen and file (window, command line, JSON, PDF report, workbook sheet) shows a measured
#: result's change; the project's own rule, not the MIIT indicators'. Each value is rounded to the
#: indicator's :attr:`IndicatorChange.places` (three significant figures of the smaller), half away
#: from zero; the change is the difference of the two values as shown and the relative change is that
#: difference over the earlier value as shown, in per cent with RELATIVE_DECIMALS decimals, half away
#: from zero, always with its sign and its decimals (+8.0%, −1.9%, ±0.0%). A reader who works it out
#: from the printed numbers gets the printed answer: 46.7 → 50.4 is +3.7, +7.9%. From an earlier value
#: of zero there is no relative change, and every output says so (core.compare.zero_base).
RELATIVE_DECIMALS = 1


class ComparisonError(ValueError):
    """The two assessments cannot be compared (different frameworks)."""


@dataclass(frozen=True, slots=True)
class GateChange:
    """One condition of a level: what it asks and where each assessment stands."""

    level: str
    kind: str  # "score", "scenes" or "mandatory"
    required: Fraction
    before: Fraction
    after: Fraction
    scene_level: int | None = None

    @property
    def places(self) -> int:
        """A total score by the score rule (one decimal), a count of scenes whole."""
        return SCORE_DECIMALS if self.kind == "score" else 0

    @property
    def shown_change(self) -> Fraction:
        """The difference of the two values as shown (rounded to :attr:`places`)."""
        return round_places(self.after, self.places) - round_places(self.before, self.places)


@dataclass(frozen=True, slots=True)
class ScoreChange:
    id: str
    before: Fraction
    after: Fraction

    @property
    def change(self) -> Fraction:
        return self.after - self.before

    @property
    def shown_change(self) -> Fraction:
        """The change as people read it: the difference of the two scores as shown (each rounded by the
        one score rule, :func:`smedigital.core.wording.round_score`), so 51.7 → 57.5 reads +5.8."""
        return round_places(self.after, SCORE_DECIMALS) - round_places(self.before, SCORE_DECIMALS)


@dataclass(frozen=True, slots=True)
class SceneChange:
    id: str
    mandatory: bool
    before: int
    after: int


@dataclass(frozen=True, slots=True)
class AnswerChange:
    id: str
    before: str
    after: str
    points_before: Fraction
    points_after: Fraction


@dataclass(frozen=True, slots=True)
class IndicatorChange:
    """A measured result: the latest period's value in each assessment (None while an input is missing)."""

    id: str
    unit: Text | None
    before: Fraction | None
    after: Fraction | None
    factor: int = 1  # 100 when the value is a share shown in %, as the question card shows it

    @property
    def change(self) -> Fraction | None:
        return None if self.before is None or self.after is None else self.after - self.before

    def shown(self, x: Fraction | None) -> Fraction | None:
        """A value as every screen and file shows it: in :attr:`unit` (a share times 100 when that is %)."""
        return None if x is None else x * self.factor

    @property
    def places(self) -> int:
        """The decimals every screen and file shows the values with (three significant figures of the
        smaller, as the question card does)."""
        return sensible_places(*(v for v in (self.shown(self.before), self.shown(self.after)) if v is not None))

    def _rounded(self, x: Fraction | None) -> Fraction | None:
        shown = self.shown(x)
        return None if shown is None else round_places(shown, self.places)

    @property
    def shown_before(self) -> Fraction | None:
        """The earlier value as every screen and file shows it (in :attr:`unit`, rounded to :attr:`places`)."""
        return self._rounded(self.before)

    @property
    def shown_after(self) -> Fraction | None:
        """The later value as every screen and file shows it (in :attr:`unit`, rounded to :attr:`places`)."""
        return self._rounded(self.after)

    @property
    def shown_change(self) -> Fraction | None:
        """The change as shown: the difference of the shown values (see :data:`RELATIVE_DECIMALS`)."""
        b, a = self.shown_before, self.shown_after
        return None if b is None or a is None else a - b

    @property
    def relative(self) -> Fraction | None:
        """The relative change by the one rule (:data:`RELATIVE_DECIMALS`): the shown change over the
        shown earlier value, as a share rounded to a tenth of a per cent (0.079 for +7.9%). None when a
        value is missing or the earlier shown value is zero (:attr:`relative_missing` says which)."""
        change, base = self.shown_change, self.shown_before
        if change is None or not base:
            return None
        return round_places(100 * change / abs(base), RELATIVE_DECIMALS) / 100

    @property
    def relative_missing(self) -> str | None:
        """Why there is no relative change: ``"missing"`` (a value is missing), ``"zero_base"`` (the earlier
        value shows as zero, so a share of it means nothing) or None when there is one."""
        if self.shown_change is None:
            return "missing"
        return "zero_base" if not self.shown_before else None


@dataclass(frozen=True, slots=True)
class DoneItem:
    key: str
    title: str
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class Comparison:
    framework: Framework
    before: Assessment
    after: Assessment
    before_result: Result
    after_result: Result
    gates: tuple[GateChange, ...]
    total: ScoreChange
    dimensions: tuple[ScoreChange, ...]
    scenes: tuple[SceneChange, ...]
    changed_answers: tuple[AnswerChange, ...]
    indicators: tuple[IndicatorChange, ...]
    done: tuple[DoneItem, ...]


def _scene_counts(result: Result, at_least: int) -> tuple[int, int]:
    count = mandatory = 0
    for r in result.questions.values():
        if r.applicable and KINDS[r.question.kind].is_scene and (r.level or 0) >= at_least:
            count += 1
            mandatory += r.question.mandatory
    return count, mandatory


def _gates(fw: Framework, before: Result, after: Result) -> tuple[GateChange, ...]:
    """Every condition of every level (top level first), with where each assessment stands."""
    out = []
    gated = fw.level_rule.kind == "gated"
    for c in fw.level_rule.conditions:
        out.append(GateChange(c.level, "score", c.min_score, before.total_score, after.total_score))
        if not gated:
            continue
        (sb, mb), (sa, ma) = _scene_counts(before, c.scene_level), _scene_counts(after, c.scene_level)
        out.append(GateChange(c.level, "scenes", Fraction(c.min_scenes), Fraction(sb), Fraction(sa), c.scene_level))
        out.append(GateChange(c.level, "mandatory", Fraction(c.min_mandatory), Fraction(mb), Fraction(ma),
                              c.scene_level))
    return tuple(out)


def _current_value(q: Question, a: Assessment) -> Fraction | None:
    answer = a.verified_answers().get(q.id)
    if answer is None or not answer.raw:
        return None
    try:
        values = trend_values(q, answer.raw)
    except AnswerInvalid:
        return None
    return None if values is None else values[1]


def _done_items(after: Assessment) -> tuple[DoneItem, ...]:
    plan = after.plan or {}
    out = []
    for item in plan.get("items", ()) if isinstance(plan, dict) else ():
        if isinstance(item, dict) and item.get("status") == "done":
            evidence = item.get("evidence") or ()
            out.append(DoneItem(str(item.get("key", "")), str(item.get("title", item.get("key", ""))),
                                tuple(str(e) for e in evidence if isinstance(e, str))))
    return tuple(out)


def compare_assessments(before: Assessment, after: Assessment) -> Comparison:
    """Compare two assessments of the same framework; ``before`` is the earlier (or baseline) one."""
    if before.framework_id != after.framework_id:
        from .text import Msg
        from .words import words

        ids = {"before": before.framework_id, "after": after.framework_id}
        raise ComparisonError(Msg(words("en").fmt("core.compare.different", **ids),
                                  words("zh").fmt("core.compare.different", **ids), "different-frameworks"))
    fw = before.framework
    rb, ra = before.score(fw, explain=False), after.score(fw, explain=False)
    dims = tuple(ScoreChange(d, rb.sections[d].score, ra.sections[d].score) for d in fw.dimensions
                 if rb.sections[d].max_points or ra.sections[d].max_points)
    answers_b, answers_a = before.verified_answers(), after.verified_answers()
    scenes = []
    changed = []
    indicators = []
    for q in fw.questions:
        qb, qa = rb.questions.get(q.id), ra.questions.get(q.id)
        if qb is None and qa is None:
            continue  # a module that applies to neither
        if KINDS[q.kind].is_scene:
            scenes.append(SceneChange(q.id, q.mandatory, (qb.level or 0) if qb else 0, (qa.level or 0) if qa else 0))
        ab, aa = answers_b.get(q.id), answers_a.get(q.id)  # the answers that count (verified where rated)
        code_b, code_a = answer_code(q, ab), answer_code(q, aa)
        raw_b, raw_a = ab.raw if ab else None, aa.raw if aa else None
        if code_b != code_a or raw_b != raw_a:
            changed.append(AnswerChange(q.id, code_b, code_a, qb.points if qb else Fraction(0),
                                        qa.points if qa else Fraction(0)))
        if q.trend is not None:  # a measured value moving over time
            unit, factor = value_unit(q, q.trend.current)  # as the question card shows the value
            indicators.append(IndicatorChange(q.id, unit, _current_value(q, before), _current_value(q, after), factor))
    return Comparison(fw, before, after, rb, ra, _gates(fw, rb, ra), ScoreChange("total", rb.total_score, ra.total_score),
                      dims, tuple(scenes), tuple(changed), tuple(indicators), _done_items(after))


def _f(x: Fraction | None) -> float | None:
    return None if x is None else float(x)


def _side(result: Result, a: Assessment, lang: str) -> dict[str, Any]:
    return {"assessed_on": a.assessed_on, "total_score": float(result.total_score),
            "level": {"id": result.level.id if result.level else None, "index": result.level_index,
                      "label": result.level_label(lang)},
            "stage": {"id": result.stage.id, "index": result.stage.index, "label": result.stage.label.get(lang)}}


def comparison_to_dict(c: Comparison, lang: str = "zh") -> dict[str, Any]:
    """The comparison as JSON-ready data, full precision (as `score --json`), but for an indicator's
    ``relative_change``: the one number every output shows (:data:`RELATIVE_DECIMALS`: 0.079 for +7.9%),
    null with ``relative_change_missing`` (``missing`` or ``zero_base``) when there is none. ``places``
    is the decimals the values and the change are shown with."""
    fw = c.framework
    return {
        "framework": {"id": fw.id, "version": fw.version},
        "before": _side(c.before_result, c.before, lang),
        "after": _side(c.after_result, c.after, lang),
        "gates": [{"level": g.level, "kind": g.kind, "required": _f(g.required), "before": _f(g.before),
                   "after": _f(g.after), **({"scene_level": g.scene_level} if g.scene_level is not None else {})}
                  for g in c.gates],
        "dimensions": [{"id": d.id, "label": fw.sections[d.id].title.get(lang), "before": _f(d.before),
                        "after": _f(d.after), "change": _f(d.change)} for d in c.dimensions],
        "scenes": [{"id": s.id, "mandatory": s.mandatory, "before": s.before, "after": s.after} for s in c.scenes],
        "changed_answers": [{"id": a.id, "before": a.before, "after": a.after, "points_before": _f(a.points_before),
                             "points_after": _f(a.points_after)} for a in c.changed_answers],
        "indicators": [{"id": i.id, "label": fw.question(i.id).label.get(lang),
                        "unit": i.unit.get(lang) if i.unit else None, "before": _f(i.shown(i.before)),
                        "after": _f(i.shown(i.after)), "change": _f(i.shown(i.change)), "places": i.places,
                        "relative_change": _f(i.relative),
                        **({"relative_change_missing": i.relative_missing} if i.relative_missing else {})}
                       for i in c.indicators],
        "plan_items_done": [{"key": d.key, "title": d.title, "evidence": list(d.evidence)} for d in c.done],
    }


COMPARE_WORDS = table("core.compare")


def signed_text(x: Fraction, places: int) -> str:
    """A change with its sign and exactly ``places`` decimals: ``+3.7``, ``−1.7`` (a minus sign), ``±0.0``."""
    text = fixed_text(abs(x), places)
    return ("+" if x > 0 and text.strip("0.") else "−" if x < 0 and text.strip("0.") else "±") + text


def relative_text(i: IndicatorChange, lang: str) -> str:
    """The relative change as every output shows it (+7.9%), the words for an earlier value of zero, or ""
    when a value is missing."""
    if i.relative is not None:
        return signed_text(100 * i.relative, RELATIVE_DECIMALS) + "%"
    return words(lang)("core.compare.zero_base") if i.relative_missing == "zero_base" else ""


def format_comparison(c: Comparison, lang: str = "zh") -> list[str]:
    """The comparison as lines of text for the command line (scores by the one score rule, measured
    results by :data:`RELATIVE_DECIMALS`)."""
    w = COMPARE_WORDS["en" if lang == "en" else "zh"]
    fw = c.framework
    rb, ra = c.before_result, c.after_result
    co, comma = punct("colon", lang), punct("comma", lang)  # ：and ，in Chinese
    lines = [paren(f"  {w['total']}{co}{fmt_score(c.total.before)} → {fmt_score(c.total.after)}",
                   signed_text(c.total.shown_change, SCORE_DECIMALS), lang)
             + f"    {w['level']}{co}{rb.level_label(lang)} → {ra.level_label(lang)}    "
             f"{w['stage']}{co}{rb.stage.label.get(lang)} → {ra.stage.label.get(lang)}"]
    lines.append(f"  {w['dimensions']}{co}" + w["sep"].join(
        f"{fw.sections[d.id].title.get(lang)} {fmt_score(d.before)} → {fmt_score(d.after)}" for d in c.dimensions))
    moved = [s for s in c.scenes if s.before != s.after]
    lines.append(f"  {w['scenes']}{co}" + (w["sep"].join(
        f"{fw.question(s.id).label.get(lang)} {s.before} → {s.after}" for s in moved) or w["none"]))
    if c.indicators:
        parts = []
        for i in c.indicators:
            unit = i.unit.get(lang) if i.unit else ""
            unit = unit if unit in ("", "%") else f" {unit}"
            b, a, change = i.shown_before, i.shown_after, i.shown_change
            if b is None or a is None or change is None:
                parts.append(f"{fw.question(i.id).label.get(lang)} {w['missing']}")
                continue
            places = i.places
            parts.append(paren(f"{fw.question(i.id).label.get(lang)} {fixed_text(b, places)} → "
                               f"{fixed_text(a, places)}{unit}",
                               f"{signed_text(change, places)}{comma}{relative_text(i, lang)}", lang))
        lines.append(f"  {w['indicators']}{co}" + w["sep"].join(parts))
    lines.append(f"  {w['answers']}{co}{len(c.changed_answers)} {w['items']}".rstrip())
    if c.done:
        lines.append(f"  {w['done']}{co}" + w["sep"].join(d.title for d in c.done))
    return lines
