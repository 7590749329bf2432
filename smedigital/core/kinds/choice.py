"""The choice family: ``single`` (one option counts) and ``multi`` (the chosen options add up, capped)."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ..answer_types import Answer
from ..fwtypes import Question
from ..text import Msg, shown
from ..yamlread import Reader, format_msg
from .base import ZERO, Kind, Problems, Step, UnitQuestion, Value, option_label, options_text

if TYPE_CHECKING:
    from ..scoring import QuestionResult


class Single(Kind):
    """One option; scores its points."""

    id = "single"


class Multi(Kind):
    """Several options; scores their sum, capped at the question's maximum. An ``exclusive`` option
    ("none") cannot be combined with others."""

    id = "multi"
    takes = ("choices",)
    set_valued = True
    exclusive_allowed = True

    def check(self, r: Reader, where: str, q: Question) -> None:
        if sum(1 for o in q.options if o.exclusive) > 1:
            r.problem(f"{where}.options", format_msg("one-exclusive"))
        total = sum((o.points for o in q.options if not o.exclusive), Fraction(0))
        if total < q.max_points:
            r.problem(f"{where}.max_points", format_msg("max-total", max=q.max_points, total=total))

    def validate(self, q: Question, answer: Answer, problems: Problems) -> None:
        if answer.choices is None:
            return
        add = problems.append
        seen: set[str] = set()
        for i, c in enumerate(answer.choices):
            opt = q.option(c)
            if opt is None:
                add((f"choices[{i}]", Msg(f"{shown(c)} is not an option ({options_text(q, 'en')})",
                                          f"{shown(c)} 不是选项之一（{options_text(q, 'zh')}）", "not-an-option")))
            if c in seen:
                add((f"choices[{i}]", Msg(f"{option_label(q, c, 'en')} is chosen twice",
                                          f"{option_label(q, c, 'zh')}被选了两次", "chosen-twice")))
            seen.add(c)
        exclusive = [c for c in answer.choices if (o := q.option(c)) is not None and o.exclusive]
        if exclusive and len(answer.choices) > 1:
            add(("choices", Msg(f"{option_label(q, exclusive[0], 'en')} (none) cannot be combined with other "
                                "choices", f"{option_label(q, exclusive[0], 'zh')}（“无”）不能与其他选项同时选择",
                                "none-with-others")))

    def is_answered(self, q: Question, answer: Answer) -> bool:
        return bool(answer.choices)

    def answer_code(self, q: Question, a: Answer) -> str:
        return ";".join(a.choices or ())

    def score(self, u: UnitQuestion, a: Answer) -> tuple[int, int | None, bool]:
        if not a.choices:
            return 0, None, False
        return min(sum(u.option_u.get(c, 0) for c in a.choices), u.max_u), None, True

    def next_steps(self, q: Question, qr: QuestionResult, answer: Answer | None) -> list[Step]:
        chosen = set(answer.choices or ()) if answer else set()
        room = q.max_points - qr.points
        if room <= 0:
            return []
        return [Step(q.id, None, o.id, min(o.points, room)) for o in q.options
                if not o.exclusive and o.id not in chosen]

    def greedy_take(self, q: Question, step: Step, offered: Fraction,
                    state: tuple[Fraction, int, frozenset[str]]) -> tuple[Fraction, tuple[Fraction, int, frozenset[str]],
                                                                          Step | None] | None:
        points, level, chosen = state
        if step.to_value in chosen:
            return None
        gain = min(offered, q.max_points - points)
        if gain <= 0:
            return None
        return gain, (points + gain, level, chosen | {str(step.to_value)}), None

    def merged_to(self, before: str | int, to: str | int) -> str | int:
        return f"{before}+{to}"  # every option added, in the order taken

    def current_value(self, q: Question, a: Answer | None) -> Value:
        if not a or not a.choices:
            return frozenset()
        return frozenset(c for c in a.choices if (o := q.option(c)) is not None and not o.exclusive)

    def answer_for(self, q: Question, value: Value, note: str, evidence: tuple[str, ...]) -> Answer:
        chosen = tuple(o.id for o in q.options if o.id in value)
        return Answer(choices=chosen or None, note=note, evidence=evidence)

    def points_of(self, q: Question, value: Value) -> Fraction:
        if value is None:
            return ZERO
        return min(sum((q.option(o).points for o in value), ZERO), q.max_points)  # type: ignore[union-attr]  # answers were checked against the options

    def units_of(self, u: UnitQuestion, value: Value) -> int:
        return 0 if value is None else min(sum(u.option_u.get(o, 0) for o in value), u.max_u)

    def rank(self, q: Question, value: Value) -> Fraction:
        return self.points_of(q, value)

    def steps_from(self, q: Question, value: Value) -> list[int | str]:
        if self.points_of(q, value) >= q.max_points:
            return []
        return [o.id for o in q.options if not o.exclusive and o.id not in value]

    def apply(self, q: Question, value: Value, to: int | str) -> Value:
        return frozenset(value or ()) | {to}

    def target_value(self, q: Question, want: int | str) -> Value:
        return frozenset([want]) if isinstance(want, str) else frozenset()

    def steps_between(self, q: Question, begin: Value, end: Value,
                      chain: Callable[[Question, Value, Value], list[Value]]) -> list[tuple[Any, Any]]:
        return [(None, o.id) for o in q.options if o.id in end and o.id not in begin]

    def one_down(self, q: Question, value: Value, start: Value,
                 chain: Callable[[Question, Value, Value], list[Value]]) -> Value:
        added = [o.id for o in q.options if o.id in value and o.id not in start]
        return frozenset(value) - {added[-1]}

    def applies_over(self, q: Question, current: Value, to: int | str) -> bool:
        return True  # adding an option never lowers the answer

    def steps_up(self, q: Question) -> list[int | str]:
        return [o.id for o in q.options if not o.exclusive]

    def missing_step(self, to: int | str) -> str:
        return format_msg("no-action-adds", option=repr(to))
