"""What every question kind provides, and the behaviour of a kind whose answer is one option.

A kind answers seven questions for the rest of the core: how its fields are
*read* from a framework file and *checked*; whether an answer is *valid*; what
an answer *scores*; what the *next steps* up are (for the gap explanation);
where a question stands as a *planning state* and how a step moves it; and the
*answer code* that exports and comparisons show. :class:`Kind` implements them
for a "chain" of options (one option counts, a step up is the next better
option); the families in :mod:`.choice`, :mod:`.measured` and :mod:`.leveled`
override what differs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ClassVar

from ..answer_types import Answer, AnswerInvalid
from ..fwtypes import Band, Option, Question
from ..text import Msg, Text, shown
from ..words import punct, words
from ..yamlread import Reader, format_msg

if TYPE_CHECKING:
    from ..scoring import QuestionResult

ZERO = Fraction(0)
OPTION_KEYS = frozenset({"id", "points", "label", "description", "exclusive", "band", "direction"})

Value = Any  # a planning state: a level (int), an option id, a frozenset of option ids, or None
Problems = list[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class Step:
    """One way to move a question up: from its current answer to a better one."""

    question_id: str
    from_value: str | int | None
    to_value: str | int
    gain_points: Fraction = ZERO
    gain_score: Fraction = ZERO
    levels_needed: int = 0
    mandatory: bool = False


@dataclass(frozen=True, slots=True)
class UnitQuestion:
    """A question with its points in integer units of 1/scale point (see scoring.units_of)."""

    q: Question
    max_u: int
    pillar_u: int
    option_u: Mapping[str, int]
    chain: tuple[str, ...]
    score: Callable[[UnitQuestion, Answer], tuple[int, int | None, bool]]  # its kind's scorer
    unanswered_level: int | None  # the level of an unanswered question (0 for leveled kinds)
    na_result: Any  # the scoring.QuestionResult of a "not applicable" answer
    results: dict[tuple[int, int | None, bool], Any] = field(default_factory=dict)  # (units, level, answered) ->
    # (scoring.QuestionResult, pillar units), made as met


def option_label(q: Question, oid: str, lang: str) -> str:
    o = q.option(oid)
    return words(lang).fmt("core.punct.quote", text=o.label.get(lang).strip()) if o is not None else shown(oid)


def options_text(q: Question, lang: str) -> str:
    return punct("enum", lang).join(o.label.get(lang).strip() for o in q.options)


def read_options(r: Reader, q: Mapping[str, Any], loc: str, kind: Kind) -> tuple[Option, ...]:
    options = []
    seen: set[str] = set()
    for where, o in r.items(q, "options", loc):
        r.known(o, OPTION_KEYS, where)
        oid = r.ident(o, "id", where)
        if oid in seen:
            r.problem(f"{where}.id", format_msg("option-twice", id=repr(oid)))
        seen.add(oid)
        points = r.number(o, "points", where) or Fraction(0)
        label = r.text(o, "label", where) or Text("", "")
        desc = r.text(o, "description", where, required=False)
        exclusive = bool(r.get(o, "exclusive", where, bool, False, False))
        band, direction = kind.read_option(r, o, where)
        if exclusive and not kind.exclusive_allowed:
            r.problem(f"{where}.exclusive", format_msg("exclusive-multi"))
        if exclusive and points != 0:
            r.problem(f"{where}.points", format_msg("exclusive-zero"))
        options.append(Option(oid, points, label, desc, exclusive, band, direction))
    return tuple(options)


class Kind:
    """A question kind whose answer is one option (``single``); a step up is the next better option."""

    id: ClassVar[str] = "single"
    family: ClassVar[str] = "choice"
    takes: ClassVar[tuple[str, ...]] = ("choice",)  # the answer fields it accepts
    leveled: ClassVar[bool] = False  # answered by a level 0-4, scored max_points x level / 4
    is_scene: ClassVar[bool] = False  # counted by a gated level rule's scene conditions
    set_valued: ClassVar[bool] = False  # the planning state is a set of options, a step adds one
    exclusive_allowed: ClassVar[bool] = False

    # ----------------------------------------------------------------- reading and checking

    def read(self, r: Reader, raw: Mapping[str, Any], where: str) -> dict[str, Any]:
        """The kind's own fields of a Question, read from the file's mapping."""
        return {"options": read_options(r, raw, where, self)}

    def read_option(self, r: Reader, o: Mapping[str, Any], where: str) -> tuple[Band | None, str | None]:
        """The band and direction of one option (None for kinds that have none)."""
        return None, None

    def check(self, r: Reader, where: str, q: Question) -> None:
        """Checks of a read question against its kind."""
        points = [o.points for o in q.options]
        if points and max(points) != q.max_points:
            r.problem(f"{where}.max_points", format_msg("max-best", max=q.max_points, best=max(points)))

    # ----------------------------------------------------------------- answers

    def validate(self, q: Question, answer: Answer, problems: Problems) -> None:
        """Problems of the kind's own answer fields, appended as (sub-location, Msg)."""

    def computed_option(self, q: Question, answer: Answer) -> Option | None:
        """The option that raw numbers give (None for kinds without raw numbers)."""
        return None

    def effective_option(self, q: Question, answer: Answer) -> Option | None:
        """The option that counts."""
        return q.option(answer.choice) if answer.choice is not None else None

    def is_answered(self, q: Question, answer: Answer) -> bool:
        """Whether a non-empty, applicable answer gives a result."""
        try:
            return self.effective_option(q, answer) is not None
        except AnswerInvalid:
            return False

    def answer_code(self, q: Question, a: Answer) -> str:
        """An answer (not empty, not "not applicable") as data."""
        try:
            option = self.effective_option(q, a)
        except AnswerInvalid:
            return ""
        return option.id if option else ""

    # ----------------------------------------------------------------- scoring

    def unanswered_level(self) -> int | None:
        return None

    def score(self, u: UnitQuestion, a: Answer) -> tuple[int, int | None, bool]:
        """(units earned, level or None, answered)."""
        if a.choice is not None and a.choice in u.option_u:
            return u.option_u[a.choice], None, True
        return 0, None, False

    def next_steps(self, q: Question, qr: QuestionResult, answer: Answer | None) -> list[Step]:
        """The single-step improvements of an applicable question (one better option)."""
        better: list[Option] = sorted((o for o in q.options if o.points > qr.points), key=lambda o: o.points)
        if not better:
            return []
        current = None
        if answer is not None:
            try:
                opt = self.effective_option(q, answer)
                current = opt.id if opt else None
            except AnswerInvalid:
                current = None
        nxt = better[0]
        return [Step(q.id, current, nxt.id, nxt.points - qr.points)]

    def raw_steps_key(self, q: Question, qr: QuestionResult, answer: Answer) -> tuple[Any, ...] | None:
        """What :meth:`next_steps` of an answer with raw numbers follows from, so that its steps are kept per
        framework under it (scoring._steps_of); None: they are worked out each time (a kind without raw
        numbers, where such an answer is refused before it is scored)."""
        return None

    def greedy_take(self, q: Question, step: Step, offered: Fraction,
                    state: tuple[Fraction, int, frozenset[str]]) -> tuple[Fraction, tuple[Fraction, int, frozenset[str]],
                                                                          Step | None] | None:
        """Take one step in the fewest-steps search of the gap explanation: (gain, new state, the next
        step of the question or None), or None when the step no longer gains anything."""
        points, level, chosen = state
        points += offered
        better = sorted((o for o in q.options if o.points > points), key=lambda o: o.points)
        follow = Step(q.id, step.to_value, better[0].id, better[0].points - points) if better else None
        return offered, (points, level, chosen), follow

    def merged_to(self, before: str | int, to: str | int) -> str | int:
        """The 'to' of several steps of one question taken together."""
        return to

    def levels_of_step(self) -> int:
        return 0

    # ----------------------------------------------------------------- planning

    def current_value(self, q: Question, a: Answer | None) -> Value:
        """Where a question stands: a level (int), an option id, a set of option ids, or None."""
        if a is None:
            return None
        try:
            opt = self.effective_option(q, a)
        except AnswerInvalid:
            return None
        return opt.id if opt else None

    def answer_for(self, q: Question, value: Value, note: str, evidence: tuple[str, ...]) -> Answer:
        return Answer(choice=str(value), note=note, evidence=evidence)

    def points_of(self, q: Question, value: Value) -> Fraction:
        if value is None:
            return ZERO
        opt = q.option(str(value))
        return opt.points if opt else ZERO

    def units_of(self, u: UnitQuestion, value: Value) -> int:
        return 0 if value is None else u.option_u.get(str(value), 0)

    def rank(self, q: Question, value: Value) -> Fraction:
        """How far up a question a value is (None: -1)."""
        if value is None:
            return Fraction(-1)
        opt = q.option(str(value))
        return opt.points if opt else Fraction(-1)

    def steps_from(self, q: Question, value: Value) -> list[int | str]:
        """Single steps up from a value: the 'to' of each."""
        current = self.points_of(q, value) if value is not None else None
        better = sorted((o for o in q.options if current is None or o.points > current), key=lambda o: o.points)
        if current is None:
            # unanswered: the first step is the cheapest option worth something
            better = [o for o in better if o.points > 0] or better
        return [better[0].id] if better else []

    def chain_next(self, q: Question, value: Value) -> int | str | None:
        """The next value up the chain of an option or level question (the exact planner's steps)."""
        current = None if value is None else q.option(str(value))
        pts = current.points if current else None
        better = sorted((o for o in q.options if pts is None or o.points > pts), key=lambda o: o.points)
        if pts is None:
            better = [o for o in better if o.points > 0] or better
        return better[0].id if better else None

    def apply(self, q: Question, value: Value, to: int | str) -> Value:
        return to

    def target_value(self, q: Question, want: int | str) -> Value:
        return want

    def parse_to(self, q: Question, raw: str) -> int | str:
        """A step's 'to' from a stored key (``question>to``)."""
        return raw

    def valid_to(self, q: Question, to: int | str) -> bool:
        return q.option(str(to)) is not None

    def plan_level(self, value: Value) -> int | None:
        return None

    def gain_weight(self, q: Question) -> Fraction:
        """What a step weighs in a plan when it gains no points."""
        return ZERO

    def steps_between(self, q: Question, begin: Value, end: Value,
                      chain: Callable[[Question, Value, Value], list[Value]]) -> list[tuple[Any, Any]]:
        """(from, to) of each single step from one state to another."""
        links = chain(q, begin, end)
        return list(zip(links[:-1], links[1:], strict=True))

    def one_down(self, q: Question, value: Value, start: Value,
                 chain: Callable[[Question, Value, Value], list[Value]]) -> Value:
        links = chain(q, start, value)
        return links[-2] if len(links) > 1 else start

    def applies_over(self, q: Question, current: Value, to: int | str) -> bool:
        """Whether applying a planned step to an answer raises it (a step never lowers an answer)."""
        return current is None or self.rank(q, to) > self.rank(q, current)

    # ----------------------------------------------------------------- action libraries

    def steps_up(self, q: Question) -> list[int | str]:
        """The ``to`` of every step up: every option worth more than the least one."""
        if not q.options:
            return []
        least = min(o.points for o in q.options)
        return [o.id for o in q.options if o.points > least]

    def describe_step(self, to: int | str) -> str:
        return f"option {to!r}"

    def missing_step(self, to: int | str) -> str:
        return format_msg("no-action-option", option=repr(to))


def wrong_field(q: Question, takes: tuple[str, ...], name: str) -> tuple[str, Msg]:
    return (name, Msg(f"a {q.kind} question takes {' or '.join(takes)}, not {name}",
                      f"{q.kind} 类题目只接受 {' 或 '.join(takes)}，不接受 {name}", "wrong-field"))
