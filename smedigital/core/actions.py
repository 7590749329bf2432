"""Action libraries: what a small firm can concretely do for every step up of a framework.

A library (YAML, see ``resources/actions/FORMAT.md``) belongs to one framework and
version. Reading checks it against that framework and collects *every* problem
with its location, as :mod:`smedigital.core.framework` does: unknown questions,
steps a question does not have, values out of range, one-sided texts, and every
step up that no action reaches.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .framework import Framework, Problem, ProblemsError, Question
from .kinds import KINDS
from .resources import resource_path
from .rules import spend_categories
from .text import Text
from .yamlread import Reader, format_msg, id_list, read_yaml, type_msg

FORMAT_NAME = "smedigital-actions"
FORMAT_VERSION = 1
PHASES = ("cloud", "data", "intelligence")
EFFORT_RANGE = range(1, 4)
IMPACT_RANGE = range(1, 4)
DURATION_RANGE = range(1, 37)

Step = int | str


class ActionsError(ProblemsError):
    """An action library that cannot be used, with every problem found."""


@dataclass(frozen=True)
class SpendRule:
    """A step reached by spending more (a ratio of the firm's own numbers), priced from them.

    The yuan needed = (the lower bound of the band reached x the question's ratio denominator
    - its numerator) x ``years`` x ``unit_yuan``; such steps are planned only when the user
    asks for them."""

    years: int = 1
    unit_yuan: int = 1


@dataclass(frozen=True)
class Action:
    id: str
    question_id: str
    to: Step  # the level reached (scene/scale) or the option id reached
    title: Text
    what: Text
    effort: int  # 1 low .. 3 high
    cost_min: int  # yuan, one-off plus the first year
    cost_max: int
    duration_months: int
    impact: int  # 1 low .. 3 high
    phase: str  # cloud | data | intelligence
    prerequisites: tuple[str, ...]
    evidence: Text
    spend: SpendRule | None = None  # priced from the firm's numbers; planned only when asked for
    # what the money goes on, ids from resources/rules/spend-categories.yaml; several when the action
    # mixes (e.g. software and its consulting), in unknown shares
    spend_categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActionLibrary:
    framework_id: str
    framework_version: str
    actions: tuple[Action, ...]
    _by_step: Mapping[tuple[str, Step], tuple[Action, ...]] = field(
        default_factory=dict, init=False, compare=False, repr=False)
    _by_id: Mapping[str, Action] = field(default_factory=dict, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        by_step: dict[tuple[str, Step], list[Action]] = {}
        for a in self.actions:
            by_step.setdefault((a.question_id, a.to), []).append(a)
        object.__setattr__(self, "_by_step", {k: tuple(v) for k, v in by_step.items()})
        object.__setattr__(self, "_by_id", {a.id: a for a in self.actions})

    def for_step(self, question_id: str, to: Step) -> list[Action]:
        """The actions that take a question to level/option ``to`` (alternatives, in file order)."""
        return list(self._by_step.get((question_id, to), ()))

    def for_question(self, question_id: str) -> list[Action]:
        return [a for a in self.actions if a.question_id == question_id]

    def action(self, action_id: str) -> Action:
        return self._by_id[action_id]


def steps_up(question: Question) -> list[Step]:
    """The ``to`` value of every step up of a question.

    scene/scale: each level from 1 to the top (the step from the level below);
    single, ratio_band, trend: every option worth more than the least one;
    multi: every non-exclusive option (adding it).
    """
    return KINDS[question.kind].steps_up(question)


def describe_step(question: Question, to: Step) -> str:
    """``level 3``, ``option 'r20_40'``; used in messages."""
    return KINDS[question.kind].describe_step(to)


def _missing_message(question: Question, to: Step) -> str:
    return KINDS[question.kind].missing_step(to)


def _read_step(r: Reader, raw: dict[str, Any], where: str, question: Question | None) -> Step | None:
    if "to" not in raw or raw["to"] is None:
        r.problem(f"{where}.to", format_msg("missing"))
        return None
    to = raw["to"]
    if isinstance(to, bool) or not isinstance(to, (int, str)):
        r.problem(f"{where}.to", format_msg("level-or-option"))
        return None
    if question is None:
        return to
    valid = steps_up(question)
    if not question.is_leveled and isinstance(to, int) and str(to) in valid:
        to = str(to)  # an option id that YAML read as a number
    if question.is_leveled and isinstance(to, str):
        r.problem(f"{where}.to", format_msg("to-level", question=question.id, kind=question.kind, top=max(valid),
                                            value=repr(to)))
        return None
    if to not in valid:
        if question.is_leveled:
            r.problem(f"{where}.to", format_msg("not-step-level", value=to, question=question.id, low=valid[0],
                                                    high=valid[-1]))
        else:
            steps = id_list(valid) if valid else Text(format_msg("none-declared").zh, format_msg("none-declared"))
            r.problem(f"{where}.to", format_msg("not-step", value=repr(to), question=question.id, steps=steps))
        return None
    return to


def _read_int(r: Reader, raw: dict[str, Any], key: str, where: str, allowed: range) -> int:
    value = r.get(raw, key, where, int)
    if value is None:
        return allowed.start
    if value not in allowed:
        r.problem(f"{where}.{key}", format_msg("out-of-range", value=value, low=allowed.start, high=allowed.stop - 1))
    return value


def _read_spend_categories(r: Reader, raw: dict[str, Any], where: str, known: Mapping[str, Any]) -> tuple[str, ...]:
    """``spend_category``: one id of the spend vocabulary, or a list of them (an action that mixes)."""
    loc = f"{where}.spend_category"
    value = raw.get("spend_category")
    if value is None:
        r.problem(loc, format_msg("spend-missing"))
        return ()
    values = value if isinstance(value, list) else [value]
    if not values:
        r.problem(loc, format_msg("empty-list"))
    out: list[str] = []
    for i, v in enumerate(values):
        vw = f"{loc}[{i}]" if isinstance(value, list) else loc
        if not isinstance(v, str):
            r.problem(vw, format_msg("spend-id"))
        elif v not in known:
            r.problem(vw, format_msg("not-spend", value=repr(v), known=id_list(known)))
        elif v in out:
            r.problem(vw, format_msg("listed-twice", value=repr(v)))
        else:
            out.append(v)
    return tuple(out)


def _read_action(r: Reader, where: str, raw: dict[str, Any], fw: Framework,
                 categories: Mapping[str, Any] | None = None) -> Action:
    aid = r.ident(raw, "id", where)
    qid = r.get(raw, "question", where, str) or ""
    question = fw.question_by_id.get(qid) if qid else None
    if qid and question is None:
        r.problem(f"{where}.question", format_msg("no-question", id=repr(qid), framework=fw.id))
    to = _read_step(r, raw, where, question)
    title = r.text(raw, "title", where) or Text("", "")
    what = r.text(raw, "what", where) or Text("", "")
    evidence = r.text(raw, "evidence", where) or Text("", "")
    effort = _read_int(r, raw, "effort", where, EFFORT_RANGE)
    impact = _read_int(r, raw, "impact", where, IMPACT_RANGE)
    duration = _read_int(r, raw, "duration_months", where, DURATION_RANGE)

    cost_min = cost_max = 0
    cost = r.get(raw, "cost", where, dict)
    if cost is not None:
        cw = f"{where}.cost"
        cost_min = r.get(cost, "min", cw, int, default=0) or 0
        cost_max = r.get(cost, "max", cw, int, default=0) or 0
        if cost_min < 0:
            r.problem(f"{cw}.min", format_msg("negative"))
        if cost_max < 0:
            r.problem(f"{cw}.max", format_msg("negative"))
        if cost_max < cost_min:
            r.problem(cw, format_msg("max-below-min-of", max=cost_max, min=cost_min))

    phase = r.get(raw, "phase", where, str) or ""
    if phase and phase not in PHASES:
        r.problem(f"{where}.phase", format_msg("not-phase", value=repr(phase), phases=id_list(PHASES)))

    prereqs: list[str] = []
    for i, p in enumerate(r.get(raw, "prerequisites", where, list, required=False, default=[]) or []):
        pw = f"{where}.prerequisites[{i}]"
        if not isinstance(p, str):
            r.problem(pw, format_msg("question-id"))
            continue
        if p not in fw.question_by_id:
            r.problem(pw, format_msg("no-question", id=repr(p), framework=fw.id))
        elif p == qid:
            r.problem(pw, format_msg("own-question"))
        elif p in prereqs:
            r.problem(pw, format_msg("listed-twice", value=repr(p)))
        prereqs.append(p)

    spend = None
    raw_spend = r.get(raw, "spend_to_ratio", where, dict, required=False, default=None)
    if raw_spend is not None:
        sw = f"{where}.spend_to_ratio"
        years = r.get(raw_spend, "years", sw, int, required=False, default=1)
        unit = r.get(raw_spend, "unit_yuan", sw, int, required=False, default=1)
        if years < 1:
            r.problem(f"{sw}.years", format_msg("at-least-1"))
        if unit < 1:
            r.problem(f"{sw}.unit_yuan", format_msg("at-least-1"))
        if question is not None and question.ratio is None:
            r.problem(sw, format_msg("not-ratio", question=qid))
        spend = SpendRule(max(1, years), max(1, unit))

    cats = _read_spend_categories(r, raw, where, categories if categories is not None else spend_categories())
    return Action(id=aid, question_id=qid, to=to if to is not None else "", title=title, what=what,
                  effort=effort, cost_min=cost_min, cost_max=cost_max, duration_months=duration,
                  impact=impact, phase=phase, prerequisites=tuple(prereqs), evidence=evidence, spend=spend,
                  spend_categories=cats)


def parse_actions(data: Any, framework: Framework, source: str = "<actions>") -> ActionLibrary:
    """Build an ActionLibrary from parsed YAML; raise ActionsError listing every problem."""
    r = Reader()
    r.check_header(data, FORMAT_NAME, FORMAT_VERSION, ActionsError, source)
    fid = data.get("framework")
    if fid != framework.id:
        r.problem("framework", format_msg("other-framework", value=repr(fid), framework=repr(framework.id)))
    fver = data.get("framework_version")
    if fver is None or isinstance(fver, bool) or str(fver) != framework.version:
        r.problem("framework_version", format_msg("other-version", value=repr(fver), framework=framework.id,
                                                     version=repr(framework.version)))

    actions: list[Action] = []
    seen: dict[str, str] = {}
    categories = spend_categories()
    for where, raw in r.items(data, "actions", ""):
        action = _read_action(r, where, raw, framework, categories)
        if action.id:
            if action.id in seen:
                r.problem(f"{where}.id", format_msg("action-twice", id=repr(action.id), first=seen[action.id]))
            else:
                seen[action.id] = where
        actions.append(action)

    covered = {(a.question_id, a.to) for a in actions}
    for q in framework.questions:
        for to in steps_up(q):
            if (q.id, to) not in covered:
                r.problem(q.id, _missing_message(q, to))

    if r.problems:
        raise ActionsError(source, r.problems)
    return ActionLibrary(framework.id, framework.version, tuple(actions))


def load_actions(path: str | Path, framework: Framework) -> ActionLibrary:
    """Read one action library and check it against its framework.

    A library may be split: ``include: [part.yaml, …]`` (paths relative to the file) appends
    each part's ``actions`` list to its own.
    """
    p = Path(path)
    data = read_yaml(p, ActionsError)
    if isinstance(data, dict) and data.get("include") is not None:
        parts = data.pop("include")
        if not isinstance(parts, list) or not all(isinstance(x, str) for x in parts):
            raise ActionsError(str(p), [Problem("include", format_msg("include-list"))])
        actions = list(data.get("actions") or [])
        for name in parts:
            part = read_yaml(p.parent / name, ActionsError)
            if not isinstance(part, dict) or not isinstance(part.get("actions"), list):
                raise ActionsError(str(p.parent / name), [Problem("actions", type_msg("list"))])
            actions.extend(part["actions"])
        data["actions"] = actions
    return parse_actions(data, framework, p.name)


def actions_path(framework_id: str) -> Path:
    """Where the bundled library of a framework lives (it may not exist)."""
    return resource_path("actions", f"{framework_id}.yaml")


def has_actions(framework: Framework) -> bool:
    return actions_path(framework.id).is_file()


_cache: dict[tuple[str, str, Path], ActionLibrary] = {}


def actions_for(framework: Framework) -> ActionLibrary:
    """The bundled action library of a framework, read once and kept."""
    path = actions_path(framework.id)
    key = (framework.id, framework.version, path)
    lib = _cache.get(key)
    if lib is None:
        if not path.is_file():
            raise ActionsError(str(path), [Problem("", format_msg("no-actions", framework=framework.id))])
        lib = _cache[key] = load_actions(path, framework)
    return lib


def clear_cache() -> None:
    _cache.clear()
