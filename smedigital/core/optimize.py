"""The exact planner: the cheapest set of steps that meets a target, proven optimal.

The model (so a consultant can follow it):

* Every applicable question ends at one *value*: where it stands now, or one of the
  values its steps lead to (one level up at a time; the next better option at a time;
  for a multiple choice, any set of options added). Each value costs the sum of the
  steps on the way, each step priced by its action (the cost band, effort, months,
  impact), the cheapest alternative action under the objective.
* A target is a few conditions, each a sum over questions that must reach a need:
  points of total score (``total >= threshold`` in exact integer units), the number of
  scenes at a level or higher and how many of them are mandatory (gated level rules),
  the earned weight of a pillar (stage thresholds). Per-question targets, pinned and
  excluded steps only narrow each question's values.
* The objective, chosen by the user: lowest cost (the low, middle or high end of the
  cost bands; the default), least effort, or fewest months. Ties go to the higher
  total impact, then to less effort (or cost), then to fewer steps.
* Solving: dynamic programming over the questions. Questions that only add points (or
  pillar weight) are combined into one Pareto list of (points gained, objective) kept
  to the non-dominated pairs and capped at the need; questions that also count towards
  a scene gate are combined keyed by the capped counts. The two are joined at the end.
  Nothing is estimated or cut short: the result is the optimum of the model.
* Fewest months: the plan runs in phases one after another (cloud, data, intelligence)
  and, inside a phase, the steps of one question one after another and different
  questions side by side, so its length is the sum over phases of the longest
  question. The solver tries the limits per phase in order of their sum; the first sum
  that admits a plan is the fewest months, and among those the cheapest plan wins.
  Waiting for a prerequisite question inside the same phase is left to the schedule.
* Budget: the highest level, then the highest score, whose plan costs no more than the
  budget (and fits in the months given), the cheapest such plan.

The planner (:mod:`smedigital.core.planning`) turns the chosen values into plan items,
schedules them and re-scores the assessment with them: the expectation is never an
estimate.
"""

from __future__ import annotations

import itertools
import math
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from operator import itemgetter
from typing import Any, cast

from .actions import Action
from .framework import Framework, Question, StageThreshold
from .kinds import KINDS
from .scoring import Result, UnitQuestion, units_of

OBJECTIVES = ("cost", "effort", "months")
COST_ENDS = ("low", "mid", "high")
PHASES = ("cloud", "data", "intelligence")

# An objective is one integer, additive over steps: primary << 72, less impact << 60,
# plus a secondary << 8, plus the number of steps. Every part stays far inside its field
# (a plan has well under 2,000 steps of impact at most 3), so comparing the integers is
# comparing (primary, -impact, secondary, steps) in that order.
_P = 72
_I = 60
_S = 8
MONTHS_SOLVES = 40  # the most restricted solves one fewest-months (or budget-in-months) search makes


def primary_of(key: int) -> int:
    """The primary part (cost or effort) of an objective integer."""
    return (key + (1 << (_P - 1))) >> _P


@dataclass(frozen=True)
class Objective:
    kind: str = "cost"  # cost | effort | months
    cost_end: str = "mid"  # low | mid | high

    def __post_init__(self) -> None:
        if self.kind not in OBJECTIVES:
            raise ValueError(f"{self.kind!r} is not an objective ({', '.join(OBJECTIVES)})")
        if self.cost_end not in COST_ENDS:
            raise ValueError(f"{self.cost_end!r} is not a cost end ({', '.join(COST_ENDS)})")

    def cost(self, low: int, high: int) -> int:
        """The cost that counts, in yuan (the middle is counted twice over to stay whole)."""
        return low if self.cost_end == "low" else high if self.cost_end == "high" else low + high

    def budget_units(self, yuan: int) -> int:
        return 2 * yuan if self.cost_end == "mid" else yuan

    def yuan(self, units: int) -> int:
        return units // 2 if self.cost_end == "mid" else units

    def key(self, s: StepOption) -> int:
        cost = self.cost(s.cost_min, s.cost_max)
        primary, secondary = (s.effort, cost) if self.kind == "effort" else (cost, s.effort)
        return (primary << _P) - (s.impact << _I) + (secondary << _S) + 1


@dataclass(frozen=True)
class StepOption:
    """One step up with the action chosen for it, as the solver prices it."""

    to: int | str
    action: Action | None
    cost_min: int
    cost_max: int
    effort: int
    impact: int
    months: int
    phase: str
    auto: bool = True  # may be planned without the user asking for it


@dataclass(frozen=True)
class Choice:
    """Where one question ends and what it takes."""

    value: Any
    steps: tuple[StepOption, ...]
    units: int  # points gained, in the framework's integer units
    level: int | None  # the level reached (leveled questions)
    key: int  # the objective
    months: tuple[int, int, int]  # per phase, the steps one after another


@dataclass
class Problem:
    framework: Framework
    before: Result
    start: Mapping[str, Any]  # question id -> current value
    applicable: Sequence[Question]
    step_options: Callable[[Question, int | str], list[StepOption]]
    objective: Objective = field(default_factory=Objective)
    pins: frozenset[str] = frozenset()
    excludes: frozenset[str] = frozenset()
    question_targets: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Solution:
    values: dict[str, Any]
    choices: dict[str, Choice]
    key: int
    optimal: bool

    @property
    def steps(self) -> list[tuple[str, StepOption]]:
        return [(qid, s) for qid, c in self.choices.items() for s in c.steps]

    def months(self) -> int:
        return sum(max((c.months[i] for c in self.choices.values()), default=0) for i in range(3))


# --------------------------------------------------------------------- values per question

def _units(u: UnitQuestion, value: Any) -> int:
    return KINDS[u.q.kind].units_of(u, value)


def _pillar_units(u: UnitQuestion, value: Any) -> Fraction:
    if u.max_u:
        return Fraction(u.pillar_u * _units(u, value), u.max_u)
    level = KINDS[u.q.kind].plan_level(value)  # an unscored scene still counts for its pillars
    return Fraction(u.pillar_u * level // 4) if level is not None else Fraction(0)


def _next_values(q: Question, value: Any) -> int | str | None:
    """The next value up a chain question (single, ratio_band, trend, scene, scale)."""
    return KINDS[q.kind].chain_next(q, value)


class _Builder:
    def __init__(self, p: Problem, with_months: bool):
        self.p = p
        self.with_months = with_months
        self.units = {u.q.id: u for u in units_of(p.framework).questions}

    def allowed(self, q: Question, to: int | str, s: StepOption) -> bool:
        key = f"{q.id}>{to}"
        if key in self.p.excludes:
            return False
        return s.auto or key in self.p.pins

    def best_option(self, q: Question, to: int | str) -> StepOption | None:
        opts = [s for s in self.p.step_options(q, to) if self.allowed(q, to, s)]
        return min(opts, key=self.p.objective.key) if opts else None

    def choice(self, q: Question, value: Any, steps: tuple[StepOption, ...]) -> Choice:
        u = self.units[q.id]
        start = self.p.start[q.id]
        months = [0, 0, 0]
        for s in steps:
            months[PHASES.index(s.phase) if s.phase in PHASES else 1] += s.months
        return Choice(value, steps, _units(u, value) - _units(u, start),
                      KINDS[q.kind].plan_level(value),
                      sum(self.p.objective.key(s) for s in steps), (months[0], months[1], months[2]))

    def choices(self, q: Question) -> list[Choice]:
        kind = KINDS[q.kind]
        if kind.set_valued:
            return self._multi(q)
        start = self.p.start[q.id]
        pinned = [k.partition(">")[2] for k in self.p.pins if k.partition(">")[0] == q.id]
        want = self.p.question_targets.get(q.id)
        floor = max([kind.rank(q, kind.parse_to(q, t)) for t in pinned]
                    + ([kind.rank(q, want)] if want is not None else []), default=Fraction(-1))
        out = []
        value, steps = start, cast(tuple[StepOption, ...], ())
        if kind.rank(q, value) >= floor:
            out.append(self.choice(q, value, steps))
        while (nxt := kind.chain_next(q, value)) is not None:
            s = self.best_option(q, nxt)
            if s is None:
                break
            value, steps = nxt, (*steps, s)
            if kind.rank(q, value) >= floor:
                out.append(self.choice(q, value, steps))
        return out

    def _multi(self, q: Question) -> list[Choice]:
        u = self.units[q.id]
        start = frozenset(self.p.start[q.id] or ())
        room = u.max_u - _units(u, start)
        want = self.p.question_targets.get(q.id)
        required = {k.partition(">")[2] for k in self.p.pins if k.partition(">")[0] == q.id}
        if isinstance(want, str):
            required.add(want)
        required -= start
        options = []
        for o in q.options:
            if o.exclusive or o.id in start:
                continue
            s = self.best_option(q, o.id)
            if s is None:
                if o.id in required:
                    return []
                continue
            options.append((o.id, s))
        # knapsack over the options: (points gained capped at the room, months) -> best
        states: dict[tuple[int, ...], tuple[int, tuple[str, ...], tuple[StepOption, ...]]] = {(0, 0, 0, 0): (0, (), ())}
        for oid, s in options:
            gain = u.option_u[oid]
            ph = PHASES.index(s.phase) if s.phase in PHASES else 1
            k = self.p.objective.key(s)
            nxt: dict[tuple[int, ...], tuple[int, tuple[str, ...], tuple[StepOption, ...]]] = {}
            for st, (key, ids, steps) in states.items():
                take = oid in required
                if not take:
                    old = nxt.get(st)
                    if old is None or key < old[0]:
                        nxt[st] = (key, ids, steps)
                m = list(st[1:])
                if self.with_months:
                    m[ph] += s.months
                ns = (min(st[0] + gain, room), *m)
                cand = (key + k, (*ids, oid), (*steps, s))
                old = nxt.get(ns)
                if old is None or cand[0] < old[0]:
                    nxt[ns] = cand
            states = nxt
        out = []
        for _st, (_key, ids, steps) in sorted(states.items()):
            value = start | set(ids)
            out.append(self.choice(q, value, steps))
        return out


# --------------------------------------------------------------------- the dynamic programme

_Entry = tuple[int, int, Any]  # (big units, objective, back-pointer)


_ORDER = itemgetter(0, 1)


def _prune(entries: list[_Entry]) -> list[_Entry]:
    """Keep the non-dominated entries: more of the big dimension, lower objective.

    Entries hold the big dimension negated, so sorting them puts the most first."""
    entries.sort(key=_ORDER)
    out: list[_Entry] = []
    best = None
    for e in entries:
        if best is None or e[1] < best:
            out.append(e)
            best = e[1]
    return out


def _undominated(opts: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """A question's choices as (gain, objective, index), less those another beats on both."""
    opts.sort(key=lambda o: (-o[0], o[1]))
    out = []
    best = None
    for o in opts:
        if best is None or o[1] < best:
            out.append(o)
            best = o[1]
    return out


@dataclass(frozen=True)
class _Dim:
    name: str
    need: int
    contrib: Mapping[tuple[str, int], int]  # (question id, choice index) -> units
    questions: frozenset[str] = field(default=frozenset(), compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "questions", frozenset(qid for (qid, _), v in self.contrib.items() if v))


class _Solver:
    """Minimise the objective subject to sum of contributions >= need for every dimension."""

    def __init__(self, questions: Sequence[Question], choices: Mapping[str, list[Choice]]):
        self.questions = questions
        self.choices = choices

    def solve(self, dims: Sequence[_Dim], allowed: Callable[[Choice], bool] | None = None,
              maximise_big: bool = False, limit: int | None = None) -> tuple[int, dict[str, int]] | None:
        """The best selection (objective, question id -> choice index), or None when none meets the needs.

        maximise_big: the first dimension is not capped and the most of it wins (then the
        objective), among selections whose objective's primary is within ``limit``."""
        cands: dict[str, list[tuple[int, Choice]]] = {}
        for q in self.questions:
            cs = [(i, c) for i, c in enumerate(self.choices[q.id]) if allowed is None or allowed(c)]
            if not cs:
                return None
            cands[q.id] = cs
        big = dims[0] if dims and (maximise_big or dims[0].name in ("points",) or dims[0].name.startswith("pillar"))\
            else None
        small = [d for d in dims if d is not big]
        cap_big = (10 ** 12 if maximise_big else big.need) if big else 0
        group_a: list[Question] = []
        group_b: list[Question] = []
        rest: list[Question] = []
        for q in self.questions:
            touches_small = any(q.id in d.questions for d in small)
            touches_big = big is not None and q.id in big.questions
            (group_b if touches_small else group_a if touches_big else rest).append(q)
        chosen: dict[str, int] = {}
        base = 0
        for q in rest:  # helps no condition: the cheapest value allowed (staying, unless pinned)
            i, c = min(cands[q.id], key=lambda ic: ic[1].key)
            chosen[q.id] = i
            base += c.key

        # group A: one Pareto list over the big dimension (held negated: most first)
        front: list[_Entry] = [(0, 0, None)]
        bc = big.contrib if big else {}
        for q in group_a:
            qid = q.id
            opts = _undominated([(min(bc.get((qid, i), 0), cap_big), c.key, i) for i, c in cands[qid]])
            if len(opts) == 1:
                g, ck, i = opts[0]
                front = [(max(nb - g, -cap_big), k + ck, (back, qid, i)) for nb, k, back in front]
                continue
            merged = [(max(nb - g, -cap_big), k + ck, (back, qid, i))
                      for g, ck, i in opts for nb, k, back in front]
            front = _prune(merged)
        # group B: keyed by the capped small dimensions
        keyed: dict[tuple[int, ...], list[_Entry]] = {tuple(0 for _ in small): [(0, 0, None)]}
        for q in group_b:
            nxt: dict[tuple[int, ...], list[_Entry]] = {}
            for sk, entries in keyed.items():
                for i, c in cands[q.id]:
                    nk = tuple(min(v + d.contrib.get((q.id, i), 0), d.need) for v, d in zip(sk, small, strict=True))
                    add = big.contrib.get((q.id, i), 0) if big else 0
                    lst = nxt.setdefault(nk, [])
                    lst.extend((max(nb - add, -cap_big), k + c.key, (back, q.id, i)) for nb, k, back in entries)
            keyed = {sk: _prune(v) for sk, v in nxt.items()}

        need_small = tuple(d.need for d in small)
        best: tuple[tuple[int, int], int, Any, Any] | None = None
        a_negs = [e[0] for e in front]  # ascending: the most big units first
        for sk, entries in keyed.items():
            if sk != need_small:
                continue
            for nbb, kb, backb in entries:
                if maximise_big:
                    for nba, ka, backa in front:  # the most big units first, the objective falling
                        total = kb + ka + base
                        if limit is not None and primary_of(total) > limit:
                            continue
                        score = (nbb + nba, total)
                        if best is None or score < best[0]:
                            best = (score, total, backa, backb)
                        break
                    continue
                want = (big.need + nbb) if big else 0
                # the entry with the fewest big units that still covers ``want`` has the lowest objective
                j = bisect_right(a_negs, -want) - 1
                if j < 0:
                    continue
                _, ka, backa = front[j]
                total = kb + ka + base
                score = (0, total)
                if best is None or score < best[0]:
                    best = (score, total, backa, backb)
        if best is None:
            return None
        for back in (best[2], best[3]):
            while back is not None:
                back, qid, i = back
                chosen[qid] = i
        return best[1], chosen


# --------------------------------------------------------------------- targets as dimensions

def _ceil(x: Fraction) -> int:
    return -((-x.numerator) // x.denominator)


def _dims_for_level(p: Problem, choices: Mapping[str, list[Choice]], index: int) -> list[_Dim] | None:
    """The conditions of level ``index`` as dimensions (None: no such level)."""
    fw = p.framework
    lv = fw.level_by_index(index)
    if lv is None:
        return None
    cond = next(c for c in fw.level_rule.conditions if c.level == lv.id)
    unit = units_of(fw)
    scale = unit.scale
    earned = p.before.points * scale
    total = p.before.max_points * scale
    dims: list[_Dim] = []
    need_pts = _ceil(cond.min_score * total / 100 - earned)
    if need_pts > 0:
        dims.append(_Dim("points", need_pts, {(qid, i): c.units for qid, cs in choices.items()
                                              for i, c in enumerate(cs) if c.units}))
    if fw.level_rule.kind == "gated":
        at = cond.scene_level
        count = mand = 0
        for qr in p.before.questions.values():
            if KINDS[qr.question.kind].is_scene and qr.applicable and (qr.level or 0) >= at:
                count += 1
                mand += qr.question.mandatory
        for name, need, only_mandatory in (("scenes", cond.min_scenes - count, False),
                                           ("mandatory", cond.min_mandatory - mand, True)):
            if need <= 0:
                continue
            contrib = {}
            for q in p.applicable:
                if not KINDS[q.kind].is_scene or (only_mandatory and not q.mandatory):
                    continue
                if int(p.start[q.id] or 0) >= at:
                    continue
                for i, c in enumerate(choices[q.id]):
                    if (c.level or 0) >= at:
                        contrib[(q.id, i)] = 1
            dims.append(_Dim(name, need, contrib))
    return dims


def _dims_for_stage(p: Problem, choices: Mapping[str, list[Choice]],
                    thresholds: Sequence[StageThreshold]) -> list[_Dim]:
    """The pillar thresholds as dimensions (each pillar's earned units up to its threshold)."""
    fw = p.framework
    unit = {u.q.id: u for u in units_of(fw).questions}
    dims = []
    for t in thresholds:
        qs = [q for q in p.applicable if t.pillar in q.pillars]
        pmax = sum((unit[q.id].pillar_u for q in qs), 0)
        now = sum((_pillar_units(unit[q.id], p.start[q.id]) for q in qs), Fraction(0))
        need = t.min_score * pmax / 100 - now
        if need <= 0:
            continue
        gains = {(q.id, i): _pillar_units(unit[q.id], c.value) - _pillar_units(unit[q.id], p.start[q.id])
                 for q in qs for i, c in enumerate(choices[q.id])}
        den = math.lcm(need.denominator, *(g.denominator for g in gains.values()))
        dims.append(_Dim(f"pillar:{t.pillar}", _ceil(need * den),
                         {k: int(g * den) for k, g in gains.items() if g}))
    # a dimension with a large need goes first (the Pareto list); the others are keyed
    dims.sort(key=lambda d: -d.need)
    return dims


def _large(dims: Sequence[_Dim]) -> list[_Dim]:
    """The dimensions counted in fine units (points, pillars), as against counts of scenes."""
    return [d for d in dims if d.name == "points" or d.name.startswith("pillar")]


# --------------------------------------------------------------------- solving a target

@dataclass
class Exact:
    """Solves one problem for several targets (the values of each question are built once)."""

    problem: Problem

    def __post_init__(self) -> None:
        months = self.problem.objective.kind == "months"
        self._build(months)

    def _build(self, with_months: bool) -> None:
        b = _Builder(self.problem, with_months)
        self.choices = {q.id: b.choices(q) for q in self.problem.applicable}
        self.solver = _Solver(self.problem.applicable, self.choices)
        self.with_months = with_months

    def _solution(self, found: tuple[int, dict[str, int]] | None, optimal: bool = True) -> Solution | None:
        if found is None:
            return None
        key, chosen = found
        picked = {qid: self.choices[qid][i] for qid, i in chosen.items()}
        return Solution({qid: c.value for qid, c in picked.items()}, picked, key, optimal)

    def dims(self, kind: str, index: int | None) -> list[list[_Dim]]:
        """The alternative sets of conditions that meet a target (any one will do)."""
        p = self.problem
        if kind == "level":
            assert index is not None
            fw = p.framework
            conds = {c.level: c for c in fw.level_rule.conditions}
            out = []
            kept: list[Any] = []
            for k in range(index, len(fw.levels) + 1):
                lv = fw.level_by_index(k)
                d = _dims_for_level(p, self.choices, k)
                if lv is None or d is None:
                    continue
                c = conds[lv.id]
                # a higher level whose every requirement is at least a lower one's can only cost more
                if any(_covers(c, e) for e in kept):
                    continue
                kept.append(c)
                out.append(d)
            return out
        if kind == "stage":
            assert index is not None
            return self._stage_alternatives(index)
        return [[]]

    def _stage_alternatives(self, index: int) -> list[list[_Dim]]:
        """A stage holds when every threshold up to it holds, each by its pillar or, where the framework
        says so (``or_level``), by the firm's level: the pillars alone, or a level that carries some
        thresholds with the pillars of the others."""
        p = self.problem
        fw = p.framework
        thresholds = fw.stage_rule[:index]
        out = [_dims_for_stage(p, self.choices, thresholds)]
        by_level = sorted({fw.level(t.or_level).index for t in thresholds if t.or_level is not None})
        for k in by_level:
            level_dims = _dims_for_level(p, self.choices, k)
            if level_dims is None:
                continue
            rest = [t for t in thresholds if t.or_level is None or fw.level(t.or_level).index > k]
            dims = level_dims + _dims_for_stage(p, self.choices, rest)
            dims.sort(key=lambda d: (d.name not in ("points",) and not d.name.startswith("pillar"), -d.need))
            out.append(dims)
        return out

    def solve(self, kind: str, index: int | None = None) -> Solution | None:
        """The optimal plan for a target: kind level (index 1-4), stage (index), or questions."""
        alts = self.dims(kind, index)
        if self.problem.objective.kind == "months":
            return self._fewest_months(alts)
        return self._solution(self._best(alts))

    def _phase_values(self) -> list[list[int]]:
        vals: list[set[int]] = [{0}, {0}, {0}]
        for cs in self.choices.values():
            for c in cs:
                for i in range(3):
                    vals[i].add(c.months[i])
        return [sorted(v) for v in vals]

    def _best(self, alts: list[list[_Dim]], allowed: Callable[[Choice], bool] | None = None
              ) -> tuple[int, dict[str, int]] | None:
        """The cheapest selection meeting any one of the alternatives.

        An alternative with two large dimensions (points and a pillar) is slow to solve whole; the
        cheapest selection meeting only one of them, with the small ones, is a lower bound of its
        cost, so it is skipped when a bound already reaches the best found (or cannot be met)."""
        found = None
        for dims in sorted(alts, key=lambda ds: len(_large(ds))):
            large = _large(dims)
            if len(large) > 1 and found is not None:
                small = [d for d in dims if d not in large]
                bounds = [self.solver.solve([d, *small], allowed=allowed) for d in large]
                if any(b is None or b[0] >= found[0] for b in bounds):
                    continue
            got = self.solver.solve(dims, allowed=allowed)
            if got is not None and (found is None or got[0] < found[0]):
                found = got
        return found

    def _length(self, chosen: Mapping[str, int]) -> tuple[int, int, int]:
        picked = [self.choices[qid][i] for qid, i in chosen.items()]
        return (max((c.months[0] for c in picked), default=0), max((c.months[1] for c in picked), default=0),
                max((c.months[2] for c in picked), default=0))

    def _fewest_months(self, alts: list[list[_Dim]]) -> Solution | None:
        """Fewest months (the sum over phases of the longest question), then the lowest cost.

        The cheapest plan gives an upper bound; each phase's least possible length (by bisection
        with the other phases free) a lower bound; the limits between are tried in order of their
        sum, skipping any below a limit already found infeasible. At most MONTHS_SOLVES tries: a
        search cut short returns the best plan found, not marked optimal."""
        first = self._best(alts)
        if first is None:
            return None
        best, best_len = first, sum(self._length(first[1]))
        vals = self._phase_values()
        calls = 0
        lows = []
        for p in range(3):  # the least length of phase p, the others free
            cand = [v for v in vals[p] if v <= best_len]
            lo, hi = 0, len(cand) - 1
            while lo < hi:
                mid = (lo + hi) // 2
                limit = [10 ** 6, 10 ** 6, 10 ** 6]
                limit[p] = cand[mid]
                calls += 1
                if self._best(alts, _within(tuple(limit))) is not None:
                    hi = mid
                else:
                    lo = mid + 1
            lows.append(cand[lo] if cand else 0)
        triples = sorted((t for t in itertools.product(*([v for v in vals[p] if v >= lows[p]] for p in range(3)))
                          if sum(t) < best_len), key=lambda t: (sum(t), t))
        infeasible: list[tuple[int, ...]] = []
        found_sum = None
        complete = True
        for t in triples:
            if found_sum is not None and sum(t) > found_sum:
                break
            if any(all(a <= b for a, b in zip(t, f, strict=True)) for f in infeasible):
                continue
            if calls >= MONTHS_SOLVES:
                complete = False
                break
            calls += 1
            got = self._best(alts, _within(t))
            if got is None:
                infeasible.append(t)
                continue
            length = sum(self._length(got[1]))
            if found_sum is None or length < found_sum or (length == found_sum and got[0] < best[0]):
                if found_sum is None or length <= found_sum:
                    found_sum = length
                best = got
        return self._solution(best, optimal=complete)

    def within_budget(self, budget_yuan: int | None, months: int | None,
                      from_level: int) -> tuple[int, Solution] | None:
        """The highest level (then score) reachable within the budget and months, the cheapest such plan.

        Returns (level index, plan); level index may be the current one (the plan then raises the score)."""
        p = self.problem
        if months is not None and not self.with_months:
            self._build(True)
        limit = None if budget_yuan is None else p.objective.budget_units(budget_yuan)
        unit = units_of(p.framework)
        points = _Dim("points", 0, {(qid, i): c.units for qid, cs in self.choices.items()
                                    for i, c in enumerate(cs) if c.units})
        restricts: list[Callable[[Choice], bool] | None] = [None]
        if months is not None:
            restricts = [_within(t) for t in _maximal_triples(self._phase_values(), months)]
        del unit
        calls = 0
        complete = True
        for index in range(len(p.framework.levels), from_level - 1, -1):
            alts = self.dims("level", index) if index > from_level else [[]]
            best = None
            for dims in alts:
                small = [d for d in dims if d.name != "points"]
                need_pts = next((d.need for d in dims if d.name == "points"), 0)
                for allowed in restricts:
                    if calls >= MONTHS_SOLVES and allowed is not None:
                        complete = False  # too many ways to split the months: the best found, not proven
                        break
                    calls += 1
                    got = self.solver.solve([points, *small], allowed=allowed, maximise_big=True, limit=limit)
                    if got is None:
                        continue
                    key, chosen = got
                    gained = sum(self.choices[qid][i].units for qid, i in chosen.items())
                    if gained < need_pts:
                        continue
                    score = (-gained, key)
                    if best is None or score < best[0]:
                        best = (score, got)
            if best is not None:
                sol = self._solution(best[1], optimal=complete)
                assert sol is not None
                return index, sol
        return None


def _within(t: tuple[int, ...]) -> Callable[[Choice], bool]:
    return lambda c: c.months[0] <= t[0] and c.months[1] <= t[1] and c.months[2] <= t[2]


def _maximal_triples(vals: list[list[int]], months: int) -> list[tuple[int, ...]]:
    fits = [t for t in itertools.product(*vals) if sum(t) <= months]
    return [t for t in fits if not any(u != t and all(a <= b for a, b in zip(t, u, strict=True)) for u in fits)]


def _covers(c: Any, other: Any) -> bool:
    """True when meeting level condition ``c`` implies meeting ``other``."""
    return (c.min_score >= other.min_score and c.scene_level >= other.scene_level
            and c.min_scenes >= other.min_scenes and c.min_mandatory >= other.min_mandatory)
