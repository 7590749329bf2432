"""Scoring: exact, explainable, and the same whatever order the answers come in.

The maths, so a consultant can check any number by hand:

* Each question earns points by its kind (``score`` of each kind in core/kinds):
  ``single``, ``ratio_band`` and ``trend`` earn the points of the option that
  counts (raw numbers decide where given); ``multi`` earns the sum of the
  chosen options, capped at the question's maximum; ``scene`` and ``scale``
  earn ``max_points x level / 4``. Unanswered questions earn 0.
* Total score = 100 x earned / maximum, both summed over the *applicable*
  questions: those of the core and of modules that apply to the firm's
  industry, less those answered "not applicable". With no "not applicable"
  answers a 100-point framework's total is the plain sum of points.
* A dimension's (or any section's) score is the same ratio within it.
* A pillar score (cloud, data, intelligence) = 100 x earned / maximum over the
  applicable questions tagged with that pillar, each counting its pillar
  weight x the share of its maximum it earned (scenes: level / 4).
* Stage = the last stage in order whose pillar threshold holds together with
  every earlier one; none holds = stage 0 (not yet on the cloud).
* Level = the first level from the top whose conditions all hold (score, and
  for gated rules the number of scenes at a level or higher and how many of
  them are mandatory); thresholds are inclusive; none holds = no level yet.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, cast

from .answers import Answer
from .framework import PILLARS, Framework, Level, LevelCondition, Question, Stage, StageThreshold
from .kinds import KINDS
from .kinds.base import Step, UnitQuestion

ZERO = Fraction(0)
HUNDRED = Fraction(100)


def percent(part: Fraction | int, whole: Fraction | int) -> Fraction:
    """``HUNDRED * part / whole`` (``whole`` not 0), made as one fraction of integers: the same value, exact,
    without the two operations' own fractions (a fraction operation costs more than the arithmetic)."""
    return Fraction(100 * part.numerator * whole.denominator, part.denominator * whole.numerator)


# --------------------------------------------------------------------- the framework in integer units
# Points are counted in whole *units* of 1/scale point, where scale is a common
# denominator of every number in the framework times 4 (for level quarters), so
# sums are exact integer sums; they become fractions only at the end.

@dataclass(frozen=True, slots=True)
class UnitFramework:
    scale: int
    questions: tuple[UnitQuestion, ...]
    fractions: dict[int, Fraction] = field(default_factory=dict)  # units -> points, as met
    steps: dict[tuple[Any, ...], Any] = field(default_factory=dict)  # next steps (ranked) by answer, as met
    scored: dict[tuple[Any, ...], Any] = field(default_factory=dict)  # the same with gain_score, by maximum
    scene_steps: dict[tuple[str, int, int], Step] = field(default_factory=dict)  # (scene, level, level needed) ->
    # the step up to that level, without its gain in score (as met)
    sections: dict[tuple[str, int, int], SectionScore] = field(default_factory=dict)  # (section, units earned,
    # units of its maximum) -> its score (as met)

    def points(self, units: int) -> Fraction:
        """``units`` in points (a framework has few distinct sums, so each fraction is made once)."""
        f = self.fractions.get(units)
        if f is None:
            f = self.fractions[units] = Fraction(units, self.scale)
            _bound(self.fractions)
        return f


KEPT_AT_MOST = 50_000  # entries of one kept table; past that it starts again (scoring thousands of
# firms, each with its own "not applicable" answers, must not grow memory without end)


def _bound(table: dict[Any, Any]) -> None:
    if len(table) > KEPT_AT_MOST:
        table.clear()


def units_of(fw: Framework) -> UnitFramework:
    """The framework in integer units (computed once per framework, kept on it)."""
    hit = fw.cache.get("units")
    if hit is not None:
        return cast(UnitFramework, hit)
    numbers = [q.max_points for q in fw.questions] + [q.pillar_weight for q in fw.questions] + [
        o.points for q in fw.questions for o in q.options]
    scale = 4 * math.lcm(*(x.denominator for x in numbers)) if numbers else 4
    uqs = tuple(UnitQuestion(q, int(q.max_points * scale), int(q.pillar_weight * scale),
                             {o.id: int(o.points * scale) for o in q.options}, tuple(fw.ancestors(q.section)),
                             KINDS[q.kind].score, KINDS[q.kind].unanswered_level(),
                             QuestionResult(q, False, True, True, ZERO, None, ZERO))
                for q in fw.questions)
    unit = UnitFramework(scale, uqs)
    fw.cache["units"] = unit
    return unit


# --------------------------------------------------------------------- results

@dataclass(frozen=True, slots=True)
class QuestionResult:
    question: Question
    applicable: bool  # in the assessment and not answered "not applicable"
    answered: bool
    na: bool
    points: Fraction
    level: int | None
    pillar_earned: Fraction

    @property
    def max_points(self) -> Fraction:
        return self.question.max_points if self.applicable else ZERO


@dataclass(frozen=True, slots=True)
class SectionScore:
    id: str
    points: Fraction
    max_points: Fraction

    @property
    def score(self) -> Fraction:
        return percent(self.points, self.max_points) if self.max_points else ZERO


@dataclass(frozen=True, slots=True)
class GapCondition:
    kind: str  # "score", "scenes" or "mandatory"
    required: Fraction
    actual: Fraction
    scene_level: int = 0

    @property
    def short(self) -> Fraction:
        return max(ZERO, self.required - self.actual)

    @property
    def met(self) -> bool:
        return self.actual >= self.required


@dataclass(frozen=True, slots=True)
class LevelGap:
    level: Level
    conditions: tuple[GapCondition, ...]
    candidates: tuple[Step, ...]  # every single step that helps, cheapest first
    suggested: tuple[Step, ...]  # a smallest set of steps that closes every failed condition


@dataclass(frozen=True, slots=True)
class StageGap:
    stage: Stage
    pillar: str
    required: Fraction
    actual: Fraction

    @property
    def short(self) -> Fraction:
        return max(ZERO, self.required - self.actual)


@dataclass(frozen=True)
class Result:
    framework: Framework
    modules: frozenset[str]
    questions: Mapping[str, QuestionResult]
    points: Fraction
    max_points: Fraction
    sections: Mapping[str, SectionScore]
    pillars: Mapping[str, Fraction]
    level: Level | None
    stage: Stage
    unanswered: tuple[str, ...]
    level_gap: LevelGap | None = None
    stage_gaps: tuple[StageGap, ...] = field(default_factory=tuple)

    @property
    def total_score(self) -> Fraction:
        return percent(self.points, self.max_points) if self.max_points else ZERO

    @property
    def complete(self) -> bool:
        return not self.unanswered

    @property
    def level_index(self) -> int:
        return self.level.index if self.level else 0

    def level_label(self, lang: str = "zh") -> str:
        if self.level is None:
            return self.framework.level_rule.no_level_label.get(lang)
        return self.level.label.get(lang)

    def dimension_scores(self) -> list[SectionScore]:
        return [self.sections[d] for d in self.framework.dimensions if self.sections[d].max_points > 0]


# --------------------------------------------------------------------- scoring

def score_answers(framework: Framework, answers: Mapping[str, Answer],
                  modules: Iterable[str] | None = None, explain: bool = True) -> Result:
    """Score answers against a framework. ``modules``: the modules that apply (None = none)."""
    mods = frozenset(modules or ())
    unit = units_of(framework)
    scale = unit.scale
    results: dict[str, QuestionResult] = {}
    chain_points: dict[tuple[str, ...], int] = {}  # by the sections a question is in (many questions share them)
    chain_max: dict[tuple[str, ...], int] = {}
    p_earned: dict[str, int | Fraction] = dict.fromkeys(PILLARS, 0)
    p_max = dict.fromkeys(PILLARS, 0)
    unanswered: list[str] = []
    earned_total = max_total = 0
    for u in unit.questions:
        q = u.q
        if q.module is not None and q.module not in mods:
            continue
        a = answers.get(q.id)
        if a is not None and a.na:
            results[q.id] = u.na_result
            continue
        if a is None:
            points, level, answered = 0, u.unanswered_level, False
        else:
            points, level, answered = u.score(u, a)
        if not answered:
            unanswered.append(q.id)
        key = (points, level, answered)
        qr = u.results.get(key)
        if qr is None:  # what a question earns for one answer depends on the framework alone: made once
            if u.max_u:
                pillar_u: int | Fraction = points if u.pillar_u == u.max_u else Fraction(u.pillar_u * points, u.max_u)
            elif level is not None:
                pillar_u = u.pillar_u * level // 4
            else:
                pillar_u = 0
            qr = u.results[key] = (QuestionResult(q, True, answered, False, unit.points(points), level,
                                                  unit.points(pillar_u) if isinstance(pillar_u, int) else pillar_u / scale),
                                   pillar_u)
            _bound(u.results)
        for p in q.pillars:
            p_earned[p] += qr[1]
            p_max[p] += u.pillar_u
        earned_total += points
        max_total += u.max_u
        chain = u.chain
        chain_points[chain] = chain_points.get(chain, 0) + points
        chain_max[chain] = chain_max.get(chain, 0) + u.max_u
        results[q.id] = qr[0]

    sec_points: dict[str, int] = {}
    sec_max: dict[str, int] = {}
    for chain, chain_u in chain_points.items():
        chain_m = chain_max[chain]
        for sid in chain:
            sec_points[sid] = sec_points.get(sid, 0) + chain_u
            sec_max[sid] = sec_max.get(sid, 0) + chain_m
    sections = {}
    kept = unit.sections
    for sid in framework.sections:
        skey = (sid, sec_points.get(sid, 0), sec_max.get(sid, 0))
        sec = kept.get(skey)
        if sec is None:  # a section's score depends on its two sums alone: made once
            sec = kept[skey] = SectionScore(sid, unit.points(skey[1]), unit.points(skey[2]))
            _bound(kept)
        sections[sid] = sec
    pillars = {p: (percent(p_earned[p], p_max[p]) if p_max[p] else ZERO) for p in PILLARS}
    total = Fraction(100 * earned_total, max_total) if max_total else ZERO
    level_found = _evaluate_level(framework, total, results)
    stage = _evaluate_stage(framework, pillars, level_found)
    result = Result(framework, mods, results, unit.points(earned_total), unit.points(max_total), sections,
                    pillars, level_found, stage, tuple(unanswered))
    if not explain:
        return result
    return Result(framework, mods, results, result.points, result.max_points, sections, pillars, level_found, stage,
                  tuple(unanswered), level_gap(result, answers), stage_gaps(result))


def _scene_counts(results: Mapping[str, QuestionResult], at_least: int) -> tuple[int, int]:
    count = mandatory = 0
    for r in results.values():
        if r.applicable and KINDS[r.question.kind].is_scene and (r.level or 0) >= at_least:
            count += 1
            mandatory += r.question.mandatory
    return count, mandatory


def _condition_holds(c: LevelCondition, total: Fraction, results: Mapping[str, QuestionResult],
                     gated: bool) -> bool:
    if total < c.min_score:
        return False
    if not gated:
        return True
    count, mandatory = _scene_counts(results, c.scene_level)
    return count >= c.min_scenes and mandatory >= c.min_mandatory


def _evaluate_level(fw: Framework, total: Fraction, results: Mapping[str, QuestionResult]) -> Level | None:
    gated = fw.level_rule.kind == "gated"
    for c in fw.level_rule.conditions:
        if _condition_holds(c, total, results, gated):
            return fw.level(c.level)
    return None


def threshold_held_by_level(fw: Framework, t: StageThreshold, level: Level | None) -> bool:
    """Whether a stage threshold holds because of the firm's level (``or_level``), whatever the pillar."""
    return t.or_level is not None and level is not None and level.index >= fw.level(t.or_level).index


def _evaluate_stage(fw: Framework, pillars: Mapping[str, Fraction], level: Level | None) -> Stage:
    reached = 0
    for i, t in enumerate(fw.stage_rule):
        if pillars[t.pillar] >= t.min_score or threshold_held_by_level(fw, t, level):
            reached = i + 1
        else:
            break
    return fw.stages[reached]


# --------------------------------------------------------------------- gaps

def next_steps(q: Question, qr: QuestionResult, answer: Answer | None) -> list[Step]:
    """The single-step improvements of one question (one better option or one level up)."""
    if not qr.applicable:
        return []
    return KINDS[q.kind].next_steps(q, qr, answer)


_Ranked = tuple[tuple[int, int, str, int, Step], ...]  # (-gain in units, height, question, place, step) of each
# next step: the entries of the fewest-steps search's heap (_greedy_points), ordered as it takes them


def _ranked(steps: list[Step], scale: int, qid: str) -> _Ranked:
    return tuple((-_units(s.gain_points, scale), _height(s), qid, i, s) for i, s in enumerate(steps))


def _steps_of(unit: UnitFramework, qr: QuestionResult, answer: Answer | None) -> tuple[_Ranked, tuple[Any, ...] | None]:
    """next_steps, ranked, and the key they are kept under (None: not kept). Without raw numbers the
    steps depend only on the question and the answer's choice, choices or level, so they are kept; with
    them, on what the kind's ``raw_steps_key`` names (kept under it, unless it names nothing)."""
    q = qr.question
    if not qr.applicable:
        return (), None
    if answer is not None and answer.raw:
        raw_key = KINDS[q.kind].raw_steps_key(q, qr, answer)
        if raw_key is None:
            return _ranked(next_steps(q, qr, answer), unit.scale, q.id), None
        key: tuple[Any, ...] = ("raw", q.id, qr.level, raw_key)  # a level is never a text: no other key
    elif answer is not None:
        key = (q.id, qr.level, answer.choice, answer.choices)
    else:
        key = (q.id, qr.level, None, None)
    try:
        hit = unit.steps.get(key)
    except TypeError:  # an answer of the wrong shape (a list of choices): not kept
        return _ranked(next_steps(q, qr, answer), unit.scale, q.id), None
    if hit is None:
        hit = unit.steps[key] = _ranked(next_steps(q, qr, answer), unit.scale, q.id)
        _bound(unit.steps)
    return hit, key


def _scored_steps(unit: UnitFramework, ranked: _Ranked, key: tuple[Any, ...] | None, max_total: Fraction,
                  total_key: tuple[int, int]) -> tuple[tuple[int, Step], ...]:
    """(-gain in units, the step with its gain in score) of ranked steps (``total_key``: max_total as
    numerator, denominator); steps kept under ``key`` are kept scored for each maximum."""
    if key is None:
        return tuple((e[0], _with_score(e[4], max_total)) for e in ranked)
    full = (*key, *total_key)
    hit = unit.scored.get(full)
    if hit is None:
        hit = unit.scored[full] = tuple((e[0], _with_score(e[4], max_total)) for e in ranked)
        _bound(unit.scored)
    return hit


def _with_score(step: Step, max_total: Fraction) -> Step:
    gain_score = percent(step.gain_points, max_total) if max_total else ZERO
    return Step(step.question_id, step.from_value, step.to_value, step.gain_points, gain_score,
                step.levels_needed, step.mandatory)


def level_gap(result: Result, answers: Mapping[str, Answer] | None = None,
              with_candidates: bool = True) -> LevelGap | None:
    """What stands between the firm and the next level, and the cheapest ways to close it.

    ``with_candidates=False``: the gap without its :attr:`LevelGap.candidates` (left empty), for a caller
    that reads only the conditions and the suggested steps (the aggregation's rows); those are the same."""
    fw = result.framework
    nxt = fw.level_by_index(result.level_index + 1)
    if nxt is None:
        return None
    cond = next(c for c in fw.level_rule.conditions if c.level == nxt.id)
    gated = fw.level_rule.kind == "gated"
    total_score = result.total_score
    conditions = [GapCondition("score", cond.min_score, total_score)]
    candidates: list[Step] = []
    suggested: list[Step] = []
    answers = answers or {}

    # Points: greedy on the largest gain per step, one step at a time.
    if total_score < cond.min_score:
        need = (cond.min_score - total_score) * result.max_points / HUNDRED
        first_steps: list[tuple[int, Step]] = []
        unit = units_of(fw)
        max_total = result.max_points
        total_key = (max_total.numerator, max_total.denominator)
        ranked: dict[str, tuple[_Ranked, tuple[Any, ...] | None]] = {}
        for qr in result.questions.values():
            if qr.question.max_points.numerator > 0 and qr.applicable:
                steps = ranked[qr.question.id] = _steps_of(unit, qr, answers.get(qr.question.id))
                if with_candidates:
                    first_steps += _scored_steps(unit, *steps, max_total, total_key)
        first_steps.sort(key=lambda e: (e[0], e[1].question_id))
        candidates += [s for _, s in first_steps]
        suggested += _greedy_points(result, answers, need, ranked)

    if gated:
        count, mandatory = _scene_counts(result.questions, cond.scene_level)
        conditions.append(GapCondition("scenes", Fraction(cond.min_scenes), Fraction(count), cond.scene_level))
        conditions.append(GapCondition("mandatory", Fraction(cond.min_mandatory), Fraction(mandatory),
                                       cond.scene_level))
        short_all = max(0, cond.min_scenes - count)
        short_mand = max(0, cond.min_mandatory - mandatory)
        if short_all or short_mand:
            below = [qr for qr in result.questions.values()
                     if KINDS[qr.question.kind].is_scene and qr.applicable and (qr.level or 0) < cond.scene_level]
            scene_steps = [_scene_step(units_of(fw), qr, cond.scene_level) for qr in below]
            # ordered and chosen by what the score gain follows from (gain_score is gain_points over the
            # maximum): each step is given its gain in score once it is kept
            scene_steps.sort(key=lambda s: (s.levels_needed, not s.mandatory, s.question_id))
            if short_mand:
                scene_steps.sort(key=lambda s: (not s.mandatory, s.levels_needed, s.question_id))
            if with_candidates:
                candidates += [_with_score(s, result.max_points) for s in scene_steps]
            chosen = [s for s in scene_steps if s.mandatory][:short_mand]
            rest = [s for s in sorted(scene_steps, key=lambda s: (s.levels_needed, s.question_id))
                    if s not in chosen]
            chosen += rest[:max(0, short_all - len(chosen))]
            suggested += [_with_score(s, result.max_points) for s in chosen]
    return LevelGap(nxt, tuple(conditions), tuple(candidates), tuple(suggested))


def _scene_step(unit: UnitFramework, qr: QuestionResult, to: int) -> Step:
    """The step that takes a scene from its level up to ``to`` (made once per scene and levels)."""
    frm = qr.level or 0
    key = (qr.question.id, frm, to)
    hit = unit.scene_steps.get(key)
    if hit is None:
        q = qr.question
        hit = unit.scene_steps[key] = Step(q.id, frm, to, q.max_points * (to - frm) / 4, ZERO, to - frm, q.mandatory)
        _bound(unit.scene_steps)
    return hit


def _units(points: Fraction, scale: int) -> int:
    """Points that are a whole number of units, in units (exact: integer arithmetic only)."""
    return points.numerator * scale // points.denominator


def _height(step: Step) -> int:
    return step.to_value if isinstance(step.to_value, int) else 0


def _greedy_points(result: Result, answers: Mapping[str, Answer], need: Fraction,
                   ranked: Mapping[str, tuple[_Ranked, tuple[Any, ...] | None]] | None = None) -> list[Step]:
    """Fewest steps whose points cover ``need``: always take the largest next gain (``ranked``: the
    next steps of each applicable question that can earn points, when already known)."""
    # ordered by gain, then by how high the step climbs (a 1→2 step before a 3→4 one of equal gain), then by
    # question; one question's first steps in their order, before the steps that follow those taken (counter)
    heap: list[tuple[int, int, str, int, Step]] = []  # (-gain in units, height, question, place, step)
    # each question's (points, level, choices) as the search moves it: made when its first step is taken
    # (the search stops after a few steps, most questions are never touched)
    state: dict[str, tuple[Fraction, int, frozenset[str]]] = {}
    unit = units_of(result.framework)
    scale = unit.scale
    questions = result.questions
    if ranked is None:
        ranked = {qr.question.id: _steps_of(unit, qr, answers.get(qr.question.id)) for qr in questions.values()
                  if qr.question.max_points.numerator > 0 and qr.applicable}
    for steps, _ in ranked.values():
        heap += steps  # each entry its own (question, place): the same order as pushing one by one
    counter = len(heap)  # past every first step's place
    heapq.heapify(heap)
    taken: dict[str, Step] = {}
    got = 0  # units
    need_u = -(-need.numerator * scale // need.denominator)  # got < need exactly when got < need_u
    while heap and got < need_u:
        _, _, qid, _, step = heapq.heappop(heap)
        q = result.framework.question(qid)
        kind = KINDS[q.kind]
        now = state.get(qid)
        if now is None:
            qr, a = questions[qid], answers.get(qid)
            now = (qr.points, qr.level or 0, frozenset(a.choices or ()) if a and a.choices else frozenset())
        took = kind.greedy_take(q, step, step.gain_points, now)
        if took is None:
            continue
        gain, state[qid], follow = took
        got += _units(gain, scale)
        prev = taken.get(qid)
        merged_from = prev.from_value if prev else step.from_value
        merged_to = kind.merged_to(prev.to_value, step.to_value) if prev is not None else step.to_value
        taken[qid] = Step(qid, merged_from, merged_to, (prev.gain_points if prev else ZERO) + gain,
                          ZERO, (prev.levels_needed if prev else 0) + kind.levels_of_step(), q.mandatory)
        if follow is not None:
            heapq.heappush(heap, (-_units(follow.gain_points, scale), _height(follow), qid, counter, follow))
            counter += 1
    out = [_with_score(s, result.max_points) for s in taken.values()]  # the score of each merged step, once
    return sorted(out, key=lambda s: (-_units(s.gain_points, scale), s.question_id))


def stage_gaps(result: Result) -> tuple[StageGap, ...]:
    """The pillar thresholds still to meet for the next stage (that stage and every earlier one)."""
    fw = result.framework
    target = result.stage.index + 1
    if target >= len(fw.stages):
        return ()
    out = []
    for t in fw.stage_rule[:target]:
        actual = result.pillars[t.pillar]
        if actual < t.min_score and not threshold_held_by_level(fw, t, result.level):
            out.append(StageGap(fw.stage(t.stage), t.pillar, t.min_score, actual))
    return tuple(out)


# --------------------------------------------------------------------- JSON view

def _num(x: Fraction, places: int = 4) -> float:
    return round(float(x), places)


def step_to_dict(s: Step) -> dict[str, Any]:
    return {"question": s.question_id, "from": s.from_value, "to": s.to_value,
            "gain_points": _num(s.gain_points), "gain_score": _num(s.gain_score),
            "levels_needed": s.levels_needed, "mandatory": s.mandatory}


def result_to_dict(result: Result, lang: str = "zh") -> dict[str, Any]:
    fw = result.framework
    gap = result.level_gap
    gap_dict = None
    if gap is not None:
        gap_dict = {
            "level": {"id": gap.level.id, "index": gap.level.index, "label": gap.level.label.get(lang)},
            "conditions": [{"kind": c.kind, "required": _num(c.required), "actual": _num(c.actual),
                            "short": _num(c.short), "met": c.met,
                            **({"scene_level": c.scene_level} if c.kind != "score" else {})}
                           for c in gap.conditions],
            "suggested": [step_to_dict(s) for s in gap.suggested],
            "candidates": [step_to_dict(s) for s in gap.candidates],
        }
    return {
        "framework": {"id": fw.id, "version": fw.version},
        "total_score": _num(result.total_score),
        "points": _num(result.points),
        "max_points": _num(result.max_points),
        "level": {"id": result.level.id if result.level else None, "index": result.level_index,
                  "label": result.level_label(lang)},
        "next_level_gap": gap_dict,
        "dimensions": [{"id": s.id, "label": fw.sections[s.id].title.get(lang), "points": _num(s.points),
                        "max_points": _num(s.max_points), "score": _num(s.score)}
                       for s in result.dimension_scores()],
        "pillars": {p: _num(v) for p, v in result.pillars.items()},
        "stage": {"id": result.stage.id, "index": result.stage.index, "label": result.stage.label.get(lang)},
        "next_stage_gap": [{"stage": g.stage.id, "pillar": g.pillar, "required": _num(g.required),
                            "actual": _num(g.actual), "short": _num(g.short)} for g in result.stage_gaps],
        "complete": result.complete,
        "unanswered": list(result.unanswered),
        "modules": sorted(result.modules),
    }
