"""The leveled family: ``scene`` (a digital scene rated 0-4, counted by gated level rules; may be
mandatory and belong to a group) and ``scale`` (a practice rated 0-4). Both score max_points x level / 4
and move up one level per step."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..answer_types import Answer
from ..fwtypes import LEVEL_RANGE, Question, SceneGroup
from ..text import Msg, Text, shown
from ..yamlread import Reader, format_msg
from .base import Kind, Problems, Step, UnitQuestion, Value

if TYPE_CHECKING:
    from ..scoring import QuestionResult


def _read_levels(r: Reader, q: Mapping[str, Any], loc: str, wanted: range) -> dict[int, Text]:
    raw = r.get(q, "levels", loc, dict, default={})
    out: dict[int, Text] = {}
    for key, value in raw.items():
        try:
            n = int(key)
        except (TypeError, ValueError):
            r.problem(f"{loc}.levels.{key}", format_msg("level-keys"))
            continue
        if n not in LEVEL_RANGE:
            r.problem(f"{loc}.levels.{key}", format_msg("level-keys"))
            continue
        out[n] = r.text_value(value, f"{loc}.levels.{key}")
    for n in wanted:
        if n not in out and raw:
            r.problem(f"{loc}.levels", format_msg("no-descriptor", level=n))
    return out


class Leveled(Kind):
    """Answered by a level 0-4 against the question's level descriptors."""

    family = "leveled"
    takes = ("level",)
    leveled = True
    described_levels = range(0, 5)  # the levels that need a descriptor

    def read(self, r: Reader, raw: Mapping[str, Any], where: str) -> dict[str, Any]:
        levels = _read_levels(r, raw, where, self.described_levels)
        if not levels:
            r.problem(f"{where}.levels", format_msg("missing"))
        return {"levels": levels}

    def check(self, r: Reader, where: str, q: Question) -> None:
        pass

    def validate(self, q: Question, answer: Answer, problems: Problems) -> None:
        level = answer.level
        if level is not None and (isinstance(level, bool) or not isinstance(level, int) or not 0 <= level <= 4):
            problems.append(("level", Msg(f"must be a whole number 0-4, not {shown(level)}",
                                          f"必须是 0-4 的整数，而不是 {shown(level)}", "not-a-level")))

    def is_answered(self, q: Question, answer: Answer) -> bool:
        return answer.level is not None

    def answer_code(self, q: Question, a: Answer) -> str:
        return "" if a.level is None else str(a.level)

    def unanswered_level(self) -> int | None:
        return 0

    def score(self, u: UnitQuestion, a: Answer) -> tuple[int, int | None, bool]:
        if a.level is None:
            return 0, 0, False
        return u.max_u * a.level // 4, a.level, True

    def next_steps(self, q: Question, qr: QuestionResult, answer: Answer | None) -> list[Step]:
        level = qr.level or 0
        if level >= 4:
            return []
        return [Step(q.id, level, level + 1, q.max_points / 4, Fraction(0), 1, q.mandatory)]

    def greedy_take(self, q: Question, step: Step, offered: Fraction,
                    state: tuple[Fraction, int, frozenset[str]]) -> tuple[Fraction, tuple[Fraction, int, frozenset[str]],
                                                                          Step | None] | None:
        points, level, chosen = state
        level += 1
        follow = Step(q.id, level, level + 1, q.max_points / 4) if level < 4 else None
        return offered, (points + offered, level, chosen), follow

    def levels_of_step(self) -> int:
        return 1

    def current_value(self, q: Question, a: Answer | None) -> Value:
        return (a.level or 0) if a else 0

    def answer_for(self, q: Question, value: Value, note: str, evidence: tuple[str, ...]) -> Answer:
        return Answer(level=int(value), note=note, evidence=evidence)

    def points_of(self, q: Question, value: Value) -> Fraction:
        return Fraction(0) if value is None else q.max_points * int(value) / 4

    def units_of(self, u: UnitQuestion, value: Value) -> int:
        return 0 if value is None else u.max_u * int(value) // 4

    def rank(self, q: Question, value: Value) -> Fraction:
        return Fraction(-1) if value is None else Fraction(int(value))

    def steps_from(self, q: Question, value: Value) -> list[int | str]:
        return [int(value) + 1] if int(value or 0) < 4 else []

    def chain_next(self, q: Question, value: Value) -> int | str | None:
        top = max(q.levels, default=4) if q.levels else 4
        return int(value or 0) + 1 if int(value or 0) < top else None

    def parse_to(self, q: Question, raw: str) -> int | str:
        return int(raw) if raw.isdigit() else raw

    def valid_to(self, q: Question, to: int | str) -> bool:
        return True

    def plan_level(self, value: Value) -> int | None:
        return int(value or 0)

    def gain_weight(self, q: Question) -> Fraction:
        return q.pillar_weight / 4  # an unscored scene still counts for its pillars

    def steps_between(self, q: Question, begin: Value, end: Value,
                      chain: Callable[[Question, Value, Value], list[Value]]) -> list[tuple[Any, Any]]:
        return [(lv - 1, lv) for lv in range(int(begin) + 1, int(end) + 1)]

    def one_down(self, q: Question, value: Value, start: Value,
                 chain: Callable[[Question, Value, Value], list[Value]]) -> Value:
        return int(value) - 1

    def steps_up(self, q: Question) -> list[int | str]:
        return list(range(1, max(q.levels, default=4) + 1))

    def describe_step(self, to: int | str) -> str:
        return f"level {to}"

    def missing_step(self, to: int | str) -> str:
        return format_msg("no-action-level", level=to)


class Scene(Leveled):
    """A digital scene: levels 1-4 described; counted by gated level rules; may be mandatory, in a group."""

    id = "scene"
    is_scene = True
    described_levels = range(1, 5)

    def read(self, r: Reader, raw: Mapping[str, Any], where: str) -> dict[str, Any]:
        fields: dict[str, Any] = {}
        g = r.get(raw, "group", where, dict)
        if g is not None:
            fields["group"] = SceneGroup(r.ident(g, "id", f"{where}.group"),
                                         r.text(g, "title", f"{where}.group") or Text("", ""))
        fields["mandatory"] = bool(r.get(raw, "mandatory", where, bool, False, False))
        fields.update(super().read(r, raw, where))
        return fields


class Scale(Leveled):
    """A practice rated on a 0-4 scale, every level described."""

    id = "scale"
