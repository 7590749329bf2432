"""Answers to questions, and what an answer means for each question kind.

An answer is exactly one of: an option (``choice``), a set of options
(``choices``), raw numbers (``raw``), a level 0-4 (``level``), or "not
applicable" (``na``); each may carry a note and evidence. Raw numbers of
``ratio_band`` and ``trend`` questions are kept as given and turned into the
band or direction with exact decimal arithmetic.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from .framework import Expr, Option, Question, to_fraction
from .text import MAX_SHOWN, Msg, Text, cap, shown

EVIDENCE_STATUSES = ("present", "missing", "na")


@dataclass(frozen=True, slots=True)
class EvidenceFile:
    """A file attached to an evidence item: its name (no folders), size in bytes and SHA-256 (hex)."""

    name: str
    size: int = 0
    sha256: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "size": self.size, "sha256": self.sha256}


@dataclass(frozen=True, slots=True)
class EvidenceMark:
    """Where one evidence item of a question stands: ``present``, ``missing`` or ``na``, with its files."""

    status: str = "missing"
    files: tuple[EvidenceFile, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"status": self.status}
        if self.files:
            out["files"] = [f.to_dict() for f in self.files]
        return out


@dataclass(frozen=True, slots=True)
class Answer:
    choice: str | None = None
    choices: tuple[str, ...] | None = None
    raw: dict[str, float] | None = None
    level: int | None = None
    na: bool = False
    note: str = ""
    evidence: tuple[str, ...] = field(default_factory=tuple)
    evidence_items: Mapping[str, EvidenceMark] = field(default_factory=dict)

    @property
    def has_content(self) -> bool:
        """An answer, a note, evidence texts or evidence marks: worth keeping in the file."""
        return not self.is_empty or bool(self.note or self.evidence or self.evidence_items)

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
        if self.evidence_items:
            out["evidence_items"] = {k: m.to_dict() for k, m in self.evidence_items.items()}
        return out


class AnswerInvalid(ValueError):
    """Raised by the computations below when raw numbers cannot give a result.

    ``str(exc)`` is English; ``exc.message`` a :class:`~.text.Msg` (``exc.message.get(lang)``).
    """

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message if isinstance(message, Msg) else Msg(message, message)

    def get(self, lang: str) -> str:
        return self.message.get(lang)


def _label(q: Question | None, input_id: str | None) -> Text:
    """The label of an input, as people read it (the id only when the framework has no such input)."""
    if q is not None:
        for i in q.inputs:
            if i.id == input_id:
                return i.label
    return Text.same(str(input_id))


def _num(raw: dict[str, float], name: str | None) -> Fraction | None:
    if name is None or name not in raw or raw[name] is None:
        return None
    return to_fraction(raw[name])


def _quotient(raw: dict[str, float], numerator: str | None, denominator: str | None,
              what: str, q: Question | None = None) -> Fraction | None:
    """numerator / denominator from raw numbers, exactly; None while either is missing."""
    num, den = _num(raw, numerator), _num(raw, denominator)
    if num is None or den is None:
        return None
    if den == 0:
        label = _label(q, denominator)
        what_zh = "比例" if what == "ratio" else "数值"
        raise AnswerInvalid(Msg(f"{label.en} is 0, so the {what} cannot be computed",
                                f"{label.zh}为 0，无法计算{what_zh}", "zero-denominator"))
    return num / den


def ratio_of(q: Question, raw: dict[str, float] | None) -> Fraction | None:
    """The exact ratio of a ratio_band question, or None while an input is missing."""
    if not raw or q.ratio is None:
        return None
    value = _quotient(raw, q.ratio.numerator, q.ratio.denominator, "ratio", q)
    if value is None:
        return None
    if to_fraction(raw[q.ratio.numerator]) < 0 or to_fraction(raw[q.ratio.denominator]) < 0:
        raise AnswerInvalid(Msg("raw numbers cannot be negative", "数值不能为负", "negative"))
    if q.ratio.at_most_one and value > 1:
        top, bottom = _label(q, q.ratio.numerator), _label(q, q.ratio.denominator)
        a, b = f"{raw[q.ratio.numerator]:g}", f"{raw[q.ratio.denominator]:g}"
        raise AnswerInvalid(Msg(f"{top.en} ({a}) cannot exceed {bottom.en} ({b})",
                                f"{top.zh}（{a}）不能大于{bottom.zh}（{b}）", "ratio-above-one"))
    return value


def band_for(q: Question, ratio: Fraction) -> Option:
    """The band option containing the ratio; above the last band, the last band."""
    for option in q.options:
        if option.band is not None and option.band.contains(ratio):
            return option
    return q.options[-1]


def _expr_value(raw: dict[str, float], e: Expr, q: Question | None = None) -> Fraction | None:
    if e.value is not None:
        return _num(raw, e.value)
    return _quotient(raw, e.numerator, e.denominator, "value", q)


def trend_values(q: Question, raw: dict[str, float] | None) -> tuple[Fraction, Fraction] | None:
    """(previous, current) of a trend question, or None while an input is missing."""
    if not raw or q.trend is None:
        return None
    cur = _expr_value(raw, q.trend.current, q)
    prev = _expr_value(raw, q.trend.previous, q)
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


def _options(q: Question, lang: str) -> str:
    return ("、" if lang == "zh" else ", ").join(o.label.get(lang).strip() for o in q.options)


def _option_label(q: Question, oid: str, lang: str) -> str:
    o = q.option(oid)
    return f"“{o.label.zh.strip()}”" if o is not None and lang == "zh" else \
        f'"{o.label.en.strip()}"' if o is not None else shown(oid)


def validate_answer(q: Question, answer: Answer) -> list[tuple[str, str]]:
    """Problems with one answer as (sub-location, message); empty when it is valid.

    Each message is a :class:`~.text.Msg`: English, with its Chinese (``message.zh``) and a code;
    options and inputs are named by their labels, never by internal ids.
    """
    problems: list[tuple[str, str]] = []
    add = problems.append
    if answer.na:
        if not q.na_allowed:
            add(("na", Msg("this question cannot be answered 'not applicable'", "本题不能选择“不适用”", "na-not-allowed")))
        if answer.choice is not None or answer.choices or answer.raw or answer.level is not None:
            add(("na", Msg("'not applicable' cannot be combined with an answer", "“不适用”不能与答案同时填写",
                           "na-with-answer")))
        return problems
    takes = {
        "single": ("choice",), "multi": ("choices",), "ratio_band": ("choice", "raw"),
        "trend": ("choice", "raw"), "scene": ("level",), "scale": ("level",),
    }[q.kind]
    for name in ("choice", "choices", "raw", "level"):
        if getattr(answer, name) is not None and name not in takes:
            add((name, Msg(f"a {q.kind} question takes {' or '.join(takes)}, not {name}",
                           f"{q.kind} 类题目只接受 {' 或 '.join(takes)}，不接受 {name}", "wrong-field")))
    if answer.choice is not None and q.option(answer.choice) is None:
        add(("choice", Msg(f"{shown(answer.choice)} is not an option ({_options(q, 'en')})",
                           f"{shown(answer.choice)} 不是选项之一（{_options(q, 'zh')}）", "not-an-option")))
    if answer.choices is not None and q.kind == "multi":
        seen: set[str] = set()
        for i, c in enumerate(answer.choices):
            opt = q.option(c)
            if opt is None:
                add((f"choices[{i}]", Msg(f"{shown(c)} is not an option ({_options(q, 'en')})",
                                          f"{shown(c)} 不是选项之一（{_options(q, 'zh')}）", "not-an-option")))
            if c in seen:
                add((f"choices[{i}]", Msg(f"{_option_label(q, c, 'en')} is chosen twice",
                                          f"{_option_label(q, c, 'zh')}被选了两次", "chosen-twice")))
            seen.add(c)
        exclusive = [c for c in answer.choices if (o := q.option(c)) is not None and o.exclusive]
        if exclusive and len(answer.choices) > 1:
            add(("choices", Msg(f"{_option_label(q, exclusive[0], 'en')} (none) cannot be combined with other "
                                "choices", f"{_option_label(q, exclusive[0], 'zh')}（“无”）不能与其他选项同时选择",
                                "none-with-others")))
    if answer.level is not None and q.kind in ("scene", "scale"):
        if isinstance(answer.level, bool) or not isinstance(answer.level, int) or not 0 <= answer.level <= 4:
            add(("level", Msg(f"must be a whole number 0-4, not {shown(answer.level)}",
                              f"必须是 0-4 的整数，而不是 {shown(answer.level)}", "not-a-level")))
    if answer.raw is not None and q.kind in ("ratio_band", "trend"):
        names = {i.id for i in q.inputs}
        for key, value in answer.raw.items():
            if key not in names:
                add((f"raw.{cap(str(key), MAX_SHOWN)}", Msg(f"is not an input of this question ({', '.join(sorted(names))})",
                                              f"不是本题的输入项（{'、'.join(sorted(names))}）", "not-an-input")))
            elif isinstance(value, bool) or not isinstance(value, (int, float)):
                add((f"raw.{key}", Msg(f"must be a number, not {shown(value)}", f"必须是数字，而不是 {shown(value)}",
                                       "not-a-number")))
            elif value < 0 or value != value or value in (float("inf"), float("-inf")):
                add((f"raw.{key}", Msg(f"must be a finite number of at least 0, not {shown(value)}",
                                       f"必须是不小于 0 的有限数，而不是 {shown(value)}", "not-a-number")))
        if not problems:
            try:
                computed = computed_option(q, answer)
            except AnswerInvalid as exc:
                add(("raw", exc.message))
            else:
                if computed is not None and answer.choice is not None and answer.choice != computed.id:
                    chosen_en, chosen_zh = _option_label(q, answer.choice, "en"), _option_label(q, answer.choice, "zh")
                    got_en, got_zh = _option_label(q, computed.id, "en"), _option_label(q, computed.id, "zh")
                    add(("choice", Msg(f"{chosen_en} disagrees with {got_en}, computed from the numbers given",
                                       f"所选的{chosen_zh}与按填写的数值算出的{got_zh}不一致", "disagrees")))
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
