"""Answers to questions, and what an answer means for each question kind.

An answer is exactly one of: an option (``choice``), a set of options
(``choices``), raw numbers (``raw``), a level 0-4 (``level``), or "not
applicable" (``na``); each may carry a note and evidence. Raw numbers of
``ratio_band`` and ``trend`` questions are kept as given and turned into the
band or direction with exact decimal arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from .framework import Expr, Option, Question, to_fraction


@dataclass(frozen=True, slots=True)
class Answer:
    choice: str | None = None
    choices: tuple[str, ...] | None = None
    raw: dict[str, float] | None = None
    level: int | None = None
    na: bool = False
    note: str = ""
    evidence: tuple[str, ...] = field(default_factory=tuple)

    @property
    def is_empty(self) -> bool:
        return (not self.na and self.choice is None and not self.choices and not self.raw
                and self.level is None)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.na:
            out["na"] = True
        if self.choice is not None:
            out["choice"] = self.choice
        if self.choices is not None:
            out["choices"] = list(self.choices)
        if self.raw is not None:
            out["raw"] = dict(self.raw)
        if self.level is not None:
            out["level"] = self.level
        if self.note:
            out["note"] = self.note
        if self.evidence:
            out["evidence"] = list(self.evidence)
        return out


class AnswerInvalid(ValueError):
    """Raised by the computations below when raw numbers cannot give a result."""


def _num(raw: dict[str, float], name: str | None) -> Fraction | None:
    if name is None or name not in raw or raw[name] is None:
        return None
    return to_fraction(raw[name])


def _quotient(raw: dict[str, float], numerator: str | None, denominator: str | None,
              what: str) -> Fraction | None:
    """numerator / denominator from raw numbers, exactly; None while either is missing."""
    num, den = _num(raw, numerator), _num(raw, denominator)
    if num is None or den is None:
        return None
    if den == 0:
        raise AnswerInvalid(f"{denominator} is 0, so the {what} cannot be computed")
    return num / den


def ratio_of(q: Question, raw: dict[str, float] | None) -> Fraction | None:
    """The exact ratio of a ratio_band question, or None while an input is missing."""
    if not raw or q.ratio is None:
        return None
    value = _quotient(raw, q.ratio.numerator, q.ratio.denominator, "ratio")
    if value is None:
        return None
    if to_fraction(raw[q.ratio.numerator]) < 0 or to_fraction(raw[q.ratio.denominator]) < 0:
        raise AnswerInvalid("raw numbers cannot be negative")
    if q.ratio.at_most_one and value > 1:
        raise AnswerInvalid(f"{q.ratio.numerator} ({raw[q.ratio.numerator]:g}) cannot exceed "
                            f"{q.ratio.denominator} ({raw[q.ratio.denominator]:g})")
    return value


def band_for(q: Question, ratio: Fraction) -> Option:
    """The band option containing the ratio; above the last band, the last band."""
    for option in q.options:
        if option.band is not None and option.band.contains(ratio):
            return option
    return q.options[-1]


def _expr_value(raw: dict[str, float], e: Expr) -> Fraction | None:
    if e.value is not None:
        return _num(raw, e.value)
    return _quotient(raw, e.numerator, e.denominator, "value")


def trend_values(q: Question, raw: dict[str, float] | None) -> tuple[Fraction, Fraction] | None:
    """(previous, current) of a trend question, or None while an input is missing."""
    if not raw or q.trend is None:
        return None
    cur = _expr_value(raw, q.trend.current)
    prev = _expr_value(raw, q.trend.previous)
    if cur is None or prev is None:
        return None
    return prev, cur


def direction_of(q: Question, prev: Fraction, cur: Fraction) -> str:
    tol = (q.trend.flat_tolerance if q.trend else Fraction(0)) * abs(prev)
    diff = cur - prev
    if abs(diff) <= tol:
        return "flat"
    return "up" if diff > 0 else "down"


def computed_option(q: Question, answer: Answer) -> Option | None:
    """The option that raw numbers give, or None when they are incomplete or absent."""
    if q.kind == "ratio_band":
        ratio = ratio_of(q, answer.raw)
        return None if ratio is None else band_for(q, ratio)
    if q.kind == "trend":
        values = trend_values(q, answer.raw)
        if values is None:
            return None
        direction = direction_of(q, *values)
        return next(o for o in q.options if o.direction == direction)
    return None


def effective_option(q: Question, answer: Answer) -> Option | None:
    """For single, ratio_band and trend: the option that counts (raw numbers first)."""
    if answer.raw and q.kind in ("ratio_band", "trend"):
        opt = computed_option(q, answer)
        if opt is not None:
            return opt
    if answer.choice is not None:
        return q.option(answer.choice)
    return None


def is_answered(q: Question, answer: Answer | None) -> bool:
    if answer is None or answer.is_empty:
        return False
    if answer.na:
        return True
    if q.kind in ("scene", "scale"):
        return answer.level is not None
    if q.kind == "multi":
        return bool(answer.choices)
    try:
        return effective_option(q, answer) is not None
    except AnswerInvalid:
        return False


def validate_answer(q: Question, answer: Answer) -> list[tuple[str, str]]:
    """Problems with one answer as (sub-location, message); empty when it is valid."""
    problems: list[tuple[str, str]] = []
    add = problems.append
    if answer.na:
        if not q.na_allowed:
            add(("na", "this question cannot be answered 'not applicable'"))
        if answer.choice is not None or answer.choices or answer.raw or answer.level is not None:
            add(("na", "'not applicable' cannot be combined with an answer"))
        return problems
    takes = {
        "single": ("choice",), "multi": ("choices",), "ratio_band": ("choice", "raw"),
        "trend": ("choice", "raw"), "scene": ("level",), "scale": ("level",),
    }[q.kind]
    for name in ("choice", "choices", "raw", "level"):
        if getattr(answer, name) is not None and name not in takes:
            add((name, f"a {q.kind} question takes {' or '.join(takes)}, not {name}"))
    if answer.choice is not None and q.option(answer.choice) is None:
        add(("choice", f"{answer.choice!r} is not an option ({', '.join(o.id for o in q.options)})"))
    if answer.choices is not None and q.kind == "multi":
        seen: set[str] = set()
        for i, c in enumerate(answer.choices):
            opt = q.option(c)
            if opt is None:
                add((f"choices[{i}]", f"{c!r} is not an option ({', '.join(o.id for o in q.options)})"))
            if c in seen:
                add((f"choices[{i}]", f"{c!r} is chosen twice"))
            seen.add(c)
        exclusive = [c for c in answer.choices if (o := q.option(c)) is not None and o.exclusive]
        if exclusive and len(answer.choices) > 1:
            add(("choices", f"{exclusive[0]!r} (none) cannot be combined with other choices"))
    if answer.level is not None and q.kind in ("scene", "scale"):
        if isinstance(answer.level, bool) or not isinstance(answer.level, int) or not 0 <= answer.level <= 4:
            add(("level", f"must be a whole number 0-4, not {answer.level!r}"))
    if answer.raw is not None and q.kind in ("ratio_band", "trend"):
        names = {i.id for i in q.inputs}
        for key, value in answer.raw.items():
            if key not in names:
                add((f"raw.{key}", f"is not an input of this question ({', '.join(sorted(names))})"))
            elif isinstance(value, bool) or not isinstance(value, (int, float)):
                add((f"raw.{key}", f"must be a number, not {value!r}"))
            elif value < 0 or value != value or value in (float("inf"), float("-inf")):
                add((f"raw.{key}", f"must be a finite number of at least 0, not {value!r}"))
        if not problems:
            try:
                computed = computed_option(q, answer)
            except AnswerInvalid as exc:
                add(("raw", str(exc)))
            else:
                if computed is not None and answer.choice is not None and answer.choice != computed.id:
                    add(("choice", f"{answer.choice!r} disagrees with {computed.id!r} computed from the raw numbers"))
    return problems


def answer_code(q: Question, a: Answer | None) -> str:
    """An answer as data: the option id, ``a;b`` for several, the level, ``na``, or empty."""
    if a is None:
        return ""
    if a.na:
        return "na"
    if q.is_leveled:
        return "" if a.level is None else str(a.level)
    if q.kind == "multi":
        return ";".join(a.choices or ())
    try:
        option = effective_option(q, a)
    except AnswerInvalid:
        return ""
    return option.id if option else ""
