"""Improvement planning: from a scored assessment and a target to costed, sequenced actions.

How a plan is made (so a consultant can follow it):

1. The *target* is the next level, a chosen level (``level:2``), the next stage,
   or per-question targets set by the user.
2. A search raises one question at a time: every single step up (one better
   option, one added option, one level up) is a candidate, and for a gated
   level rule so is lifting a scene straight to the level the gate asks for.
   Each round takes the candidate that removes the most *shortfall* per unit
   of effort (effort of the cheapest action for each step; ties go to the
   lower cost). Shortfall adds, for every failed condition, how far it is from
   being met as a share of what it asks (points, scenes, mandatory scenes,
   pillar thresholds). It stops when the target is met.
3. Steps that the target turns out not to need are dropped again (last first).
4. Each step becomes a plan item with the action chosen for it (best impact per
   effort, then lowest cost). Priority = impact x gain / effort, where gain is
   the points gained, or for unscored scenes their pillar weight x levels / 4;
   items that unblock a gate (a scene or mandatory-scene count, a pillar
   threshold) come first.
5. Items are grouped in phases in stage order (cloud, then data, then
   intelligence). Phases follow one another to the month (the project's rule):
   a phase starts in the month after the one before ends, so a one-month phase
   and the next one both start in the same quarter; the plan therefore names
   each phase's first and last month (``2027-02``–``2027-11``) and each item's
   first month, not only the quarter they start in. Inside
   a phase items run side by side, except that a step waits for the earlier
   steps of the same question and for the items of its prerequisite questions.
   The plan starts in the quarter after the assessment.
6. "Expected after the plan" is the assessment re-scored with every item that
   is not dropped applied — never an estimate.

User edits (owner, due date, status, notes) are stored in the assessment's
``plan`` record by item key (``question>to``) and survive re-planning; an
edited item the new plan no longer needs is kept, marked as kept by the user.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any

from .actions import Action, ActionLibrary, actions_for
from .answers import Answer, AnswerInvalid, ratio_of
from .assessment import Assessment, parse_date
from .framework import PILLARS, Framework, ProblemsError, Question
from .kinds import KINDS
from .optimize import Exact, Objective, Problem, Solution, StepOption
from .scoring import Result, Step, score_answers, threshold_held_by_level
from .text import Text
from .words import texts, words

METHODS = ("exact", "greedy")

STATUSES = ("planned", "in_progress", "done", "dropped")
PHASE_ORDER = ("cloud", "data", "intelligence")
ZERO = Fraction(0)
_EDIT_FIELDS = ("owner", "due", "status", "notes")

STATUS_LABELS = texts("core.plan_status")  # one label per status: the window, the workbook, the CLI
PHASE_LABELS = texts("core.plan_phase")


# --------------------------------------------------------------------- targets

@dataclass(frozen=True)
class Target:
    kind: str  # "next-level", "level", "next-stage", "questions"
    level_index: int | None = None
    question_targets: Mapping[str, int | str] = field(default_factory=dict)

    def to_string(self) -> str:
        return f"level:{self.level_index}" if self.kind == "level" else self.kind

    def describe(self, lang: str = "zh", framework: Framework | None = None) -> str:
        if self.kind == "level" and framework is not None and framework.level_by_index(self.level_index or 0):
            return framework.level_by_index(self.level_index or 0).label.get(lang)  # type: ignore[union-attr]  # checked above
        w = words(lang)
        if self.kind == "next-level":
            return w("core.plan_target.next_level")
        if self.kind == "level":
            return w.fmt("core.plan_target.level", n=self.level_index)
        if self.kind == "next-stage":
            return w("core.plan_target.next_stage")
        return w("core.plan_target.per_question")


def parse_target(text: str, question_targets: Mapping[str, int | str] | None = None) -> Target:
    """``next-level``, ``level:N`` (N = 1..4), ``next-stage`` or ``questions``."""
    t = text.strip().lower()
    if t in ("next-level", "next-stage"):
        return Target(t)
    if t == "questions":
        return Target("questions", question_targets=dict(question_targets or {}))
    if t.startswith("level:"):
        try:
            n = int(t.split(":", 1)[1])
        except ValueError:
            n = -1
        if 1 <= n <= 4:
            return Target("level", n)
    from .text import Msg

    raise ValueError(Msg(words("en").fmt("core.bad_target", target=repr(text)),
                         words("zh").fmt("core.bad_target", target=repr(text)), "bad-target"))


# --------------------------------------------------------------------- plan model

@dataclass
class PlanItem:
    key: str
    question_id: str
    from_value: int | str | None
    to_value: int | str
    action: Action | None
    phase: str
    gain_points: Fraction
    gain_weight: Fraction
    unblocks: tuple[str, ...] = ()
    start_month: int = 0  # months after the plan start
    start_quarter: str = ""
    first_month: str = ""  # the calendar month it starts in, "2027-02"
    owner: str = ""
    due: str = ""
    status: str = "planned"
    notes: str = ""
    kept_by_user: bool = False
    spend: int | None = None  # yuan of extra spending the step needs (None: not a spending step)

    @property
    def effort(self) -> int:
        return self.action.effort if self.action else 2

    @property
    def impact(self) -> int:
        return self.action.impact if self.action else 1

    @property
    def duration_months(self) -> int:
        return self.action.duration_months if self.action else 3

    @property
    def cost_min(self) -> int:
        return (self.action.cost_min if self.action else 0) + (self.spend or 0)

    @property
    def cost_max(self) -> int:
        return (self.action.cost_max if self.action else 0) + (self.spend or 0)

    @property
    def priority(self) -> float:
        gain = self.gain_points if self.gain_points > 0 else self.gain_weight
        return round(float(self.impact * gain / self.effort), 3)

    @property
    def end_month(self) -> int:
        return self.start_month + self.duration_months

    def edits(self) -> dict[str, str]:
        return {f: getattr(self, f) for f in _EDIT_FIELDS}


@dataclass
class Phase:
    id: str
    items: list[PlanItem]
    start_month: int
    end_month: int
    start_quarter: str
    first_month: str = ""  # the calendar month it starts in, "2027-02"
    last_month: str = ""  # the calendar month its last item ends in (its first month when it takes no time)

    @property
    def duration_months(self) -> int:
        return self.end_month - self.start_month

    @property
    def months(self) -> str:
        """The calendar months it runs in: ``2027-01``, or ``2027-02–2027-11``."""
        return self.first_month if self.last_month == self.first_month else f"{self.first_month}–{self.last_month}"

    @property
    def cost_min(self) -> int:
        return sum(i.cost_min for i in self.items if i.status != "dropped")

    @property
    def cost_max(self) -> int:
        return sum(i.cost_max for i in self.items if i.status != "dropped")

    def label(self, lang: str = "zh") -> str:
        return PHASE_LABELS[self.id].get(lang)


@dataclass
class ImprovementPlan:
    framework: Framework
    target: Target
    before: Result
    items: list[PlanItem]
    phases: list[Phase]
    expected: Result
    start: _dt.date
    reached: bool
    message: Text | None = None
    method: str = "exact"
    objective: Objective = field(default_factory=Objective)
    optimal: bool = False  # proven the best plan for the target under the objective
    pins: frozenset[str] = frozenset()
    excludes: frozenset[str] = frozenset()
    budget: int | None = None  # yuan, in budget mode
    budget_months: int | None = None
    budget_target: Target | None = None  # the best target reachable within the budget
    rules: str | None = None  # the city rule pack chosen with the plan: a bundled pack's id or a file path

    @property
    def cost_min(self) -> int:
        return sum(p.cost_min for p in self.phases)

    @property
    def cost_max(self) -> int:
        return sum(p.cost_max for p in self.phases)

    @property
    def duration_months(self) -> int:
        return max((p.end_month for p in self.phases), default=0)

    @property
    def is_empty(self) -> bool:
        return not self.items

    def item(self, key: str) -> PlanItem:
        return next(i for i in self.items if i.key == key)


# --------------------------------------------------------------------- answers as a state

def _current_value(q: Question, a: Answer | None) -> Any:
    """Where a question stands: a level (int), an option id, a set of option ids (multi), or None."""
    return KINDS[q.kind].current_value(q, a)


def _answer_for(q: Question, value: int | str | frozenset[str] | None, old: Answer | None) -> Answer | None:
    if value is None:
        return old
    return KINDS[q.kind].answer_for(q, value, old.note if old else "", old.evidence if old else ())


def _points_of(q: Question, value: int | str | frozenset[str] | None) -> Fraction:
    return KINDS[q.kind].points_of(q, value)


def _steps_from(q: Question, value: int | str | frozenset[str] | None) -> list[int | str]:
    """Single steps up from a value: the 'to' of each (multi: every option not yet chosen)."""
    return KINDS[q.kind].steps_from(q, value)


def _apply(q: Question, value: Any, to: int | str) -> Any:
    return KINDS[q.kind].apply(q, value, to)


# --------------------------------------------------------------------- the search

class _Search:
    def __init__(self, assessment: Assessment, fw: Framework, library: ActionLibrary, target: Target,
                 before: Result):
        self.a = assessment
        self.fw = fw
        self.lib = library
        self.target = target
        self.before = before
        self.modules = before.modules
        self.applicable = [r.question for r in before.questions.values() if r.applicable]
        self.start = {q.id: _current_value(q, assessment.answers.get(q.id)) for q in self.applicable}
        self.level_index = self._target_level()
        self.stage_index = (before.stage.index + 1) if target.kind == "next-stage" else None
        self.pins: frozenset[str] = frozenset()
        self.excludes: frozenset[str] = frozenset()

    def with_choices(self, pins: frozenset[str], excludes: frozenset[str]) -> _Search:
        """Steps the user pinned (taken first, never pruned) or excluded (never taken)."""
        self.pins, self.excludes = pins, excludes
        return self

    def _pinned_state(self) -> dict[str, Any]:
        state = dict(self.start)
        for key in sorted(self.pins):
            qid, _, to_raw = key.partition(">")
            q = self.fw.question_by_id.get(qid)
            if q is None or qid not in state:
                continue
            kind = KINDS[q.kind]
            to = kind.parse_to(q, to_raw)
            if kind.valid_to(q, to) and kind.applies_over(q, state[qid], to):
                state[qid] = kind.apply(q, state[qid], to)
        return state

    def _target_level(self) -> int | None:
        if self.target.kind == "next-level":
            return self.before.level_index + 1
        if self.target.kind == "level":
            return self.target.level_index
        return None

    def answers_for(self, state: Mapping[str, Any]) -> dict[str, Answer]:
        answers = dict(self.a.answers)
        for qid, value in state.items():
            if value != self.start.get(qid):
                q = self.fw.question(qid)
                new = _answer_for(q, value, answers.get(qid))
                if new is not None:
                    answers[qid] = new
        return answers

    def score(self, state: Mapping[str, Any]) -> Result:
        return score_answers(self.fw, self.answers_for(state), self.modules, explain=False)

    def shortfall(self, r: Result, state: Mapping[str, Any]) -> Fraction:
        total = ZERO
        if self.level_index is not None:
            cond = next(c for c in self.fw.level_rule.conditions
                        if c.level == self.fw.level_by_index(self.level_index).id)  # type: ignore[union-attr]  # a result's level
            if cond.min_score > 0 and r.total_score < cond.min_score:
                total += (cond.min_score - r.total_score) / cond.min_score
            if self.fw.level_rule.kind == "gated":
                count = mandatory = 0
                for qr in r.questions.values():
                    if KINDS[qr.question.kind].is_scene and qr.applicable and (qr.level or 0) >= cond.scene_level:
                        count += 1
                        mandatory += qr.question.mandatory
                if count < cond.min_scenes:
                    total += Fraction(cond.min_scenes - count, cond.min_scenes)
                if mandatory < cond.min_mandatory:
                    total += Fraction(cond.min_mandatory - mandatory, cond.min_mandatory)
        if self.stage_index is not None:
            for t in self.fw.stage_rule[: self.stage_index]:
                if threshold_held_by_level(self.fw, t, r.level):
                    continue
                if r.pillars[t.pillar] < t.min_score and t.min_score > 0:
                    total += (t.min_score - r.pillars[t.pillar]) / t.min_score
        if self.target.kind == "questions":
            for qid, want in self.target.question_targets.items():
                q = self.fw.question_by_id.get(qid)
                if q is None or qid not in state:
                    continue
                kind = KINDS[q.kind]
                if kind.leveled:  # by level: an unscored scene has no points to compare
                    short = int(state[qid] or 0) < int(want)
                else:
                    short = kind.points_of(q, state[qid]) < kind.points_of(q, kind.target_value(q, want))
                if short:
                    total += 1
        return total

    def step_cost(self, q: Question, to: int | str) -> tuple[int, int]:
        best = choose_action(self.lib.for_step(q.id, to))
        return (best.effort, best.cost_min) if best else (2, 0)

    def candidates(self, state: Mapping[str, Any]) -> list[tuple[str, list[int | str]]]:
        out: list[tuple[str, list[int | str]]] = []
        for q in self.applicable:
            for to in _steps_from(q, state[q.id]):
                acts = self.lib.for_step(q.id, to)
                key = f"{q.id}>{to}"
                if key in self.excludes or (acts and all(a.spend is not None for a in acts) and key not in self.pins):
                    continue  # excluded; or spending more of revenue, planned only when the user asks for it
                out.append((q.id, [to]))
        if self.level_index is not None and self.fw.level_rule.kind == "gated":
            cond = next(c for c in self.fw.level_rule.conditions
                        if c.level == self.fw.level_by_index(self.level_index).id)  # type: ignore[union-attr]  # a result's level
            for q in self.applicable:
                if not KINDS[q.kind].is_scene:
                    continue
                level = int(state[q.id] or 0)
                path: list[int | str] = list(range(level + 1, cond.scene_level + 1))
                if level + 1 < cond.scene_level and not any(
                        f"{q.id}>{to}" in self.excludes for to in path):
                    out.append((q.id, path))
        return out

    def run(self) -> tuple[dict[str, Any], bool]:
        state = self._pinned_state()
        result = self.score(state)
        short = self.shortfall(result, state)
        for _ in range(400):
            if short == 0:
                break
            best: tuple[Fraction, int, str, list[int | str]] | None = None
            best_short = short
            for qid, path in self.candidates(state):
                q = self.fw.question(qid)
                trial = dict(state)
                value = state[qid]
                effort = cost = 0
                for to in path:
                    value = _apply(q, value, to)
                    e, c = self.step_cost(q, to)
                    effort += e
                    cost += c
                trial[qid] = value
                new_short = self.shortfall(self.score(trial), trial)
                gain = short - new_short
                if gain <= 0:
                    continue
                key = (gain / effort, -cost, qid, path)
                if best is None or (key[0], key[1]) > (best[0], best[1]):
                    best = (key[0], key[1], qid, path)
                    best_short = new_short
            if best is None:
                return state, False
            _, _, qid, path = best
            q = self.fw.question(qid)
            for to in path:
                state[qid] = _apply(q, state[qid], to)
            short = best_short
        state = self._prune(state)
        return state, self.shortfall(self.score(state), state) == 0

    def _prune(self, state: dict[str, Any]) -> dict[str, Any]:
        """Lower any raised question as far as the target allows (the last raised first), never below a pin."""
        floor = self._pinned_state()
        for qid in reversed([q.id for q in self.applicable]):
            q = self.fw.question(qid)
            while state[qid] != floor[qid]:
                lower = self._one_down(q, state[qid], floor[qid])
                trial = dict(state, **{qid: lower})
                if self.shortfall(self.score(trial), trial) == 0:
                    state = trial
                else:
                    break
        return state

    def _one_down(self, q: Question, value: Any, start: Any) -> Any:
        return KINDS[q.kind].one_down(q, value, start, self._chain)

    def _chain(self, q: Question, start: Any, end: Any) -> list[Any]:
        chain = [start]
        cur = start
        while cur != end:
            steps = _steps_from(q, cur)
            if not steps:
                break
            cur = steps[0]
            chain.append(cur)
        return chain


def choose_action(actions: list[Action]) -> Action | None:
    """Among alternatives for one step: the best impact per effort, then the lowest cost."""
    if not actions:
        return None
    return min(actions, key=lambda a: (-Fraction(a.impact, a.effort), a.cost_min, a.cost_max, a.id))


# --------------------------------------------------------------------- building the plan

def _quarter(start: _dt.date, months: int) -> str:
    m = start.month - 1 + months
    return f"{start.year + m // 12}Q{(m % 12) // 3 + 1}"


def _month(start: _dt.date, months: int) -> str:
    """The calendar month ``months`` after ``start``'s, as ``2027-02``."""
    m = start.month - 1 + months
    return f"{start.year + m // 12}-{m % 12 + 1:02d}"


def plan_start(assessed_on: str, today: _dt.date | None = None) -> _dt.date:
    """The first day of the quarter after the assessment (or after today when no date)."""
    try:
        d = parse_date(assessed_on) if assessed_on else (today or _dt.date.today())
    except ValueError:  # no date, or one whose next quarter would not exist (9999-12-31): plan from today
        d = today or _dt.date.today()
    q_month = ((d.month - 1) // 3 + 1) * 3 + 1
    year = d.year + (q_month - 1) // 12
    return _dt.date(year, (q_month - 1) % 12 + 1, 1)


def _stored_target(assessment: Assessment) -> Target:
    rec = assessment.plan or {}
    try:
        return parse_target(str(rec.get("target", "next-level")), rec.get("question_targets"))
    except ValueError:
        return Target("next-level")


def _stored_objective(rec: Mapping[str, Any]) -> Objective:
    raw = rec.get("objective")
    if isinstance(raw, dict):
        try:
            return Objective(str(raw.get("kind", "cost")), str(raw.get("cost_end", "mid")))
        except ValueError:
            pass
    return Objective()


def _stored_budget(rec: Mapping[str, Any]) -> tuple[int | None, int | None]:
    raw = rec.get("budget")
    if not isinstance(raw, dict):
        return None, None

    def whole(x: Any) -> int | None:
        return x if isinstance(x, int) and not isinstance(x, bool) and x >= 0 else None

    return whole(raw.get("yuan")), whole(raw.get("months"))


def _unblocks(fw: Framework, before: Result, q: Question, search: _Search) -> tuple[str, ...]:
    out = []
    if search.level_index is not None and fw.level_rule.kind == "gated" and KINDS[q.kind].is_scene:
        gap = before.level_gap
        for c in gap.conditions if gap else ():
            if not c.met and c.kind == "scenes":
                out.append("scenes")
            if not c.met and c.kind == "mandatory" and q.mandatory:
                out.append("mandatory")
    if search.stage_index is not None:
        for t in fw.stage_rule[: search.stage_index]:
            if t.pillar in q.pillars and before.pillars[t.pillar] < t.min_score:
                out.append(f"pillar:{t.pillar}")
    return tuple(out)


def spend_needed(q: Question, to: int | str, answer: Answer | None, action: Action | None) -> int | None:
    """Yuan of extra spending a ratio step needs, from the firm's own numbers (None: unknown or not such a step).

    The numerator must grow to the lower bound of the band reached x the denominator; the step
    costs what that adds beyond the band below it, for the years the action's rule says."""
    rule = action.spend if action else None
    if rule is None or q.ratio is None or answer is None or not answer.raw:
        return None
    try:
        if ratio_of(q, answer.raw) is None:
            return None
    except AnswerInvalid:
        return None
    num = Fraction(str(answer.raw[q.ratio.numerator]))
    den = Fraction(str(answer.raw[q.ratio.denominator]))
    opt = q.option(str(to))
    if opt is None or opt.band is None:
        return None
    below = [o for o in q.options if o.points < opt.points and o.band is not None]
    prev = max(below, key=lambda o: o.points) if below else None

    def to_reach(o: Any) -> Fraction:
        return max(ZERO, o.band.min * den - num) if o is not None else ZERO

    extra = (to_reach(opt) - to_reach(prev)) * rule.years * rule.unit_yuan
    return -((-extra.numerator) // extra.denominator)


def _step_options(lib: ActionLibrary, answers: Mapping[str, Answer]) -> Any:
    cache: dict[tuple[str, int | str], list[StepOption]] = {}

    def options(q: Question, to: int | str) -> list[StepOption]:
        hit = cache.get((q.id, to))
        if hit is not None:
            return hit
        out = []
        for a in lib.for_step(q.id, to):
            extra = spend_needed(q, to, answers.get(q.id), a) or 0
            out.append(StepOption(to, a, a.cost_min + extra, a.cost_max + extra, a.effort, a.impact,
                                  a.duration_months, a.phase or _default_phase(q), a.spend is None))
        if not out:
            out = [StepOption(to, None, 0, 0, 2, 1, 3, _default_phase(q))]
        cache[(q.id, to)] = out
        return out

    return options


def parse_step_keys(keys: Any) -> frozenset[str]:
    """Step keys (``question>to``) from a list or a comma-separated text."""
    if keys is None:
        return frozenset()
    if isinstance(keys, str):
        keys = keys.split(",")
    return frozenset(k.strip() for k in keys if isinstance(k, str) and ">" in k)


def build_plan(assessment: Assessment, target: Target | str | None = None, *, framework: Framework | None = None,
               library: ActionLibrary | None = None, today: _dt.date | None = None, method: str = "exact",
               objective: Objective | None = None, pins: Any = None, excludes: Any = None,
               budget: int | None = None, months: int | None = None, rules: str | None = None) -> ImprovementPlan:
    """Plan the steps to a target; keep the user's edits stored in the assessment.

    method: ``exact`` (the optimum under the objective, proven) or ``greedy`` (the older
    heuristic, kept for comparison). pins/excludes: step keys (``question>to``) the plan
    must take or must not take (exact method). budget (yuan) and/or months: plan the best
    level, then score, reachable within them instead of a target. rules: the city rule pack
    chosen with the plan (bundled id or file path; ``""`` clears the stored one)."""
    if method not in METHODS:
        raise ValueError(f"{method!r} is not a method ({', '.join(METHODS)})")
    fw = framework or assessment.framework
    assessment = as_verified(assessment)  # an on-site rating counts: plan from where it put the firm
    lib = library or actions_for(fw)
    rec = assessment.plan or {}
    if isinstance(target, str):
        target = parse_target(target)
    if target is None:  # the stored plan: its target, objective and budget
        target = _stored_target(assessment)
        if budget is None and months is None:
            budget, months = _stored_budget(rec)
    objective = objective or _stored_objective(rec)
    pins = parse_step_keys(rec.get("pins") if pins is None else pins)
    excludes = parse_step_keys(rec.get("excludes") if excludes is None else excludes)
    if rules is None:
        stored = rec.get("rules")
        rules = stored if isinstance(stored, str) and stored else None
    rules = rules or None
    before = assessment.score(fw)
    start = plan_start(assessment.assessed_on, today)
    message = None
    items: list[PlanItem] = []
    reached = True
    optimal = False
    budget_target: Target | None = None
    top = len(fw.levels)
    budget_mode = budget is not None or months is not None
    if budget_mode:
        method = "exact"
        if objective.kind != "cost":
            objective = Objective("cost", objective.cost_end)
        target = Target("level", min(top, before.level_index + 1)) if before.level_index < top else Target("next-level")
    search = _Search(assessment, fw, lib, target, before).with_choices(pins, excludes)
    options = _step_options(lib, assessment.answers)
    problem = Problem(fw, before, search.start, search.applicable, options, objective, pins, excludes,
                      dict(target.question_targets) if target.kind == "questions" else {})
    solution: Solution | None = None
    if budget_mode:
        found = Exact(problem).within_budget(budget, months, before.level_index)
        if found is None:
            message = Text("在给定的预算和期限内无法制定计划（所选或排除的步骤已超出）。",
                           "No plan fits the budget and months given (the steps pinned or excluded already exceed them).")
            reached = False
        else:
            index, solution = found
            optimal = solution.optimal
            if index > before.level_index:
                target = budget_target = Target("level", index)
                search = _Search(assessment, fw, lib, target, before).with_choices(pins, excludes)
            else:
                message = Text("在给定的预算和期限内无法升级；以下计划在当前等级内尽量提高总分。",
                               "No higher level fits the budget and months given; the plan raises the score "
                               "as far as they allow.")
            items = _items_from_state(fw, lib, before, search, dict(search.start, **solution.values),
                                      _picker(solution, lib))
    elif target.kind in ("next-level", "level") and before.level_index >= (search.level_index or 0):
        message = Text(f"已达到{before.level_label('zh')}，无需为该目标制定计划。",
                       f"Already at {before.level_label('en')}: nothing to plan for this target.")
    elif target.kind == "next-level" and before.level_index >= top:
        message = Text("已是最高等级，无需改进计划。", "Already at the top level: no plan is needed.")
    elif target.kind == "next-stage" and before.stage.index >= len(fw.stages) - 1:
        message = Text("已处于赋智阶段（最高阶段），无需改进计划。",
                       "Already at the last stage (enabling intelligence): no plan is needed.")
    else:
        state: dict[str, Any] | None = None
        if method == "exact":
            kind = ("level" if search.level_index is not None else
                    "stage" if search.stage_index is not None else "questions")
            solution = Exact(problem).solve(kind, search.level_index if kind == "level" else search.stage_index)
            if solution is not None:
                state = dict(search.start, **solution.values)
                reached = search.shortfall(search.score(state), state) == 0  # re-scored, never estimated
                optimal = reached and solution.optimal
        if state is None:
            state, reached = search.run()
        items = _items_from_state(fw, lib, before, search, state,
                                  _picker(solution, lib) if solution is not None else _greedy_picker(lib))
        if not reached:
            message = Text("现有行动库（及所选、排除的步骤）无法完全达到该目标；以下计划尽可能接近目标。",
                           "The action library (with the steps pinned or excluded) cannot fully reach this "
                           "target; the plan gets as close as it can.")
    for item in items:
        q = fw.question(item.question_id)
        item.spend = spend_needed(q, item.to_value, assessment.answers.get(q.id), item.action)
    items = _merge_edits(fw, lib, assessment, items)
    phases = _schedule(fw, items, start)
    expected = score_answers(fw, expected_answers(assessment, items, fw), before.modules)
    return ImprovementPlan(fw, target, before, items, phases, expected, start, reached, message, method=method,
                           objective=objective, optimal=optimal, pins=pins, excludes=excludes, budget=budget,
                           budget_months=months, budget_target=budget_target, rules=rules)


_Picker = Any  # (question, to) -> action


def _picker(solution: Solution | None, lib: ActionLibrary) -> _Picker:
    chosen = {(qid, s.to): s.action for qid, s in solution.steps} if solution else {}

    def pick(q: Question, to: int | str) -> Action | None:
        if (q.id, to) in chosen:
            return chosen[(q.id, to)]
        return choose_action(lib.for_step(q.id, to))

    return pick


def _greedy_picker(lib: ActionLibrary) -> _Picker:
    return lambda q, to: choose_action(lib.for_step(q.id, to))


def _items_from_state(fw: Framework, lib: ActionLibrary, before: Result, search: _Search,
                      state: Mapping[str, Any], pick: _Picker) -> list[PlanItem]:
    items = []
    for q in search.applicable:
        begin, end = search.start[q.id], state[q.id]
        if begin == end:
            continue
        kind = KINDS[q.kind]
        steps = kind.steps_between(q, begin, end, search._chain)
        value = begin
        for frm, to in steps:
            new_value = _apply(q, value, to)
            gain = _points_of(q, new_value) - _points_of(q, value)
            weight = kind.gain_weight(q)
            action = pick(q, to)
            items.append(PlanItem(
                key=f"{q.id}>{to}", question_id=q.id, from_value=frm, to_value=to, action=action,
                phase=action.phase if action else _default_phase(q), gain_points=gain, gain_weight=weight,
                unblocks=_unblocks(fw, before, q, search)))
            value = new_value
    return items


def _default_phase(q: Question) -> str:
    for p in PHASE_ORDER:
        if p in q.pillars:
            return p
    return "data"


def _merge_edits(fw: Framework, lib: ActionLibrary, assessment: Assessment, items: list[PlanItem]) -> list[PlanItem]:
    stored = {rec.get("key"): rec for rec in (assessment.plan or {}).get("items", []) if isinstance(rec, dict)}
    keys = set()
    for item in items:
        keys.add(item.key)
        rec = stored.get(item.key)
        if rec:
            _apply_edits(item, rec)
    for key, rec in stored.items():
        if key in keys or not isinstance(key, str) or not _has_edits(rec):
            continue
        qid, _, to_raw = key.partition(">")
        q = fw.question_by_id.get(qid)
        if q is None:
            continue
        to = KINDS[q.kind].parse_to(q, to_raw)
        action = choose_action(lib.for_step(qid, to))
        item = PlanItem(key, qid, rec.get("from"), to, action, action.phase if action else _default_phase(q),
                        ZERO, ZERO, kept_by_user=True)
        _apply_edits(item, rec)
        items.append(item)
    return items


def _has_edits(rec: Mapping[str, Any]) -> bool:
    return any(rec.get(f) for f in ("owner", "due", "notes")) or rec.get("status", "planned") != "planned"


def _apply_edits(item: PlanItem, rec: Mapping[str, Any]) -> None:
    for f in _EDIT_FIELDS:
        v = rec.get(f)
        if isinstance(v, str) and (f != "status" or v in STATUSES):
            setattr(item, f, v)


def _schedule(fw: Framework, items: list[PlanItem], start: _dt.date) -> list[Phase]:
    def order(i: PlanItem) -> tuple[Any, ...]:
        return (PHASE_ORDER.index(i.phase), not i.unblocks, -i.priority, i.question_id, str(i.to_value))

    items.sort(key=order)
    phases: list[Phase] = []
    month = 0
    end_of: dict[str, int] = {}  # question id -> month its latest scheduled step ends
    for pid in PHASE_ORDER:
        members = [i for i in items if i.phase == pid]
        if not members:
            continue
        phase_end = month
        for i in members:
            begin = max([month, end_of.get(i.question_id, 0)]
                        + [end_of.get(p, 0) for p in (i.action.prerequisites if i.action else ())])
            i.start_month = begin
            i.start_quarter = _quarter(start, begin)
            i.first_month = _month(start, begin)
            if i.status != "dropped":
                end_of[i.question_id] = i.end_month
                phase_end = max(phase_end, i.end_month)
        phases.append(Phase(pid, members, month, phase_end, _quarter(start, month), _month(start, month),
                            _month(start, max(month, phase_end - 1))))
        month = phase_end
    return phases


def as_verified(assessment: Assessment) -> Assessment:
    """The assessment with its verified answers as its own (itself when no on-site rating is recorded)."""
    if assessment.verification is None:
        return assessment
    return replace(assessment, answers=dict(assessment.verified_answers()), verification=None)


def expected_answers(assessment: Assessment, items: list[PlanItem], fw: Framework | None = None) -> dict[str, Answer]:
    """The assessment's answers (the verified ones where rated) with every item that is not dropped applied."""
    fw = fw or assessment.framework
    answers = dict(assessment.verified_answers())
    for item in items:
        if item.status == "dropped":
            continue
        q = fw.question(item.question_id)
        kind = KINDS[q.kind]
        current = kind.current_value(q, answers.get(q.id))
        if not kind.applies_over(q, current, item.to_value):
            continue
        new = kind.apply(q, current, item.to_value)
        answer = _answer_for(q, new, answers.get(q.id))
        if answer is not None:
            answers[q.id] = answer
    return answers


# --------------------------------------------------------------------- storing

def plan_record(plan: ImprovementPlan) -> dict[str, Any]:
    """What the assessment file keeps: the target and, per item, its identity and the user's edits."""
    rec: dict[str, Any] = {"target": plan.target.to_string(), "items": []}
    if plan.target.kind == "questions":
        rec["question_targets"] = dict(plan.target.question_targets)
    if plan.objective != Objective():
        rec["objective"] = {"kind": plan.objective.kind, "cost_end": plan.objective.cost_end}
    if plan.budget is not None or plan.budget_months is not None:
        rec["budget"] = {"yuan": plan.budget, "months": plan.budget_months}
    if plan.pins:
        rec["pins"] = sorted(plan.pins)
    if plan.excludes:
        rec["excludes"] = sorted(plan.excludes)
    if plan.rules:
        rec["rules"] = plan.rules
    for i in plan.items:
        entry: dict[str, Any] = {"key": i.key, "question": i.question_id, "from": i.from_value, "to": i.to_value,
                                 "action": i.action.id if i.action else None}
        entry.update({k: v for k, v in i.edits().items() if v and not (k == "status" and v == "planned")})
        rec["items"].append(entry)
    return rec


def with_plan(assessment: Assessment, plan: ImprovementPlan) -> Assessment:
    return replace(assessment, plan=plan_record(plan))


def edit_item(assessment: Assessment, plan: ImprovementPlan, key: str, **edits: str) -> tuple[Assessment, ImprovementPlan]:
    """Change owner/due/status/notes of one item; returns the updated assessment and plan."""
    for f, v in edits.items():
        if f not in _EDIT_FIELDS:
            raise ValueError(f"{f!r} cannot be edited (only {', '.join(_EDIT_FIELDS)})")
        if f == "status" and v not in STATUSES:
            raise ValueError(f"{v!r} is not a status ({', '.join(STATUSES)})")
        if f == "due" and v:
            parse_date(v)
    item = plan.item(key)
    for f, v in edits.items():
        setattr(item, f, v)
    plan.phases = _schedule(plan.framework, plan.items, plan.start)
    plan.expected = score_answers(plan.framework, expected_answers(assessment, plan.items, plan.framework),
                                  plan.before.modules)
    return with_plan(assessment, plan), plan


def plan_to_dict(plan: ImprovementPlan, lang: str = "zh") -> dict[str, Any]:
    fw = plan.framework

    def lv(r: Result) -> dict[str, Any]:
        return {"index": r.level_index, "label": r.level_label(lang)}

    return {
        "framework": {"id": fw.id, "version": fw.version},
        "target": plan.target.to_string(),
        "reached": plan.reached,
        "method": plan.method,
        "objective": {"kind": plan.objective.kind, "cost_end": plan.objective.cost_end},
        "optimal": plan.optimal,
        "pins": sorted(plan.pins),
        "excludes": sorted(plan.excludes),
        **({"budget": {"yuan": plan.budget, "months": plan.budget_months,
                       "best_target": plan.budget_target.to_string() if plan.budget_target else None,
                       "level": lv(plan.expected),
                       "total_score": round(float(plan.expected.total_score), 4)}}
           if plan.budget is not None or plan.budget_months is not None else {}),
        "message": plan.message.get(lang) if plan.message else None,
        "start": plan.start.isoformat(),
        "before": {"total_score": round(float(plan.before.total_score), 4), "level": lv(plan.before),
                   "stage": {"index": plan.before.stage.index, "label": plan.before.stage.label.get(lang)},
                   "pillars": {p: round(float(plan.before.pillars[p]), 4) for p in PILLARS}},
        "expected": {"total_score": round(float(plan.expected.total_score), 4), "level": lv(plan.expected),
                     "stage": {"index": plan.expected.stage.index, "label": plan.expected.stage.label.get(lang)},
                     "pillars": {p: round(float(plan.expected.pillars[p]), 4) for p in PILLARS}},
        "cost": {"min": plan.cost_min, "max": plan.cost_max},
        "duration_months": plan.duration_months,
        "phases": [{
            "id": ph.id, "label": ph.label(lang), "start_quarter": ph.start_quarter,
            "first_month": ph.first_month, "last_month": ph.last_month,
            "duration_months": ph.duration_months, "cost": {"min": ph.cost_min, "max": ph.cost_max},
            "items": [{
                "key": i.key, "question": i.question_id, "label": fw.question(i.question_id).label.get(lang),
                "dimension": fw.dimension_of[i.question_id], "from": i.from_value, "to": i.to_value,
                "action": i.action.id if i.action else None,
                "title": i.action.title.get(lang) if i.action else None,
                "priority": i.priority, "unblocks": list(i.unblocks), "effort": i.effort, "impact": i.impact,
                "cost": {"min": i.cost_min, "max": i.cost_max}, "spend": i.spend,
                "duration_months": i.duration_months,
                "start_quarter": i.start_quarter, "first_month": i.first_month, "gain_points": round(float(i.gain_points), 4),
                "owner": i.owner, "due": i.due, "status": i.status, "notes": i.notes,
                "kept_by_user": i.kept_by_user,
            } for i in ph.items],
        } for ph in plan.phases],
    }


# --------------------------------------------------------------------- suggestions for the next level

def planned_suggestions(assessment: Assessment, framework: Framework | None = None,
                        library: ActionLibrary | None = None) -> tuple[Step, ...] | None:
    """What the results page, the report and the workbook suggest for the next level: the first
    phase of the optimal plan for it (with the user's pinned and excluded steps), one step per
    question. None when there is no action library or no next level."""
    fw = framework or assessment.framework
    try:
        lib = library or actions_for(fw)
    except ProblemsError:
        return None
    plan = build_plan(assessment, Target("next-level"), framework=fw, library=lib)
    if plan.before.level_gap is None:
        return None
    first = [i for i in (plan.phases[0].items if plan.phases else [])
             if not i.kept_by_user and i.status != "dropped"]
    merged: dict[str, Step] = {}
    max_total = plan.before.max_points
    for i in first:
        q = fw.question(i.question_id)
        kind = KINDS[q.kind]
        prev = merged.get(q.id)
        gain = (prev.gain_points if prev else ZERO) + i.gain_points
        to = kind.merged_to(prev.to_value, i.to_value) if prev is not None else i.to_value
        merged[q.id] = Step(q.id, prev.from_value if prev else i.from_value, to, gain,
                            100 * gain / max_total if max_total else ZERO,
                            (prev.levels_needed if prev else 0) + kind.levels_of_step(), q.mandatory)
    return tuple(merged.values())


def with_planned_suggestions(assessment: Assessment, result: Result) -> Result:
    """The result with its next-level suggestions taken from the planner (see planned_suggestions)."""
    if result.level_gap is None:
        return result
    steps = planned_suggestions(assessment, result.framework)
    if steps is None:
        return result
    return replace(result, level_gap=replace(result.level_gap, suggested=steps))
