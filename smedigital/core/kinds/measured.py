"""The measured family: ``ratio_band`` (a ratio of two numbers falls in a band) and ``trend`` (a value
went up, stayed flat or went down). Raw numbers are kept as given and turned into the band or direction
with exact arithmetic; without them, the option chosen counts."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from ..answer_types import Answer, AnswerInvalid
from ..fwtypes import DIRECTIONS, Band, Expr, Input, Option, Question, Ratio, Trend
from ..text import MAX_SHOWN, Msg, Text, cap, shown
from ..yamlread import Reader, format_msg, id_list, to_fraction
from .base import Kind, Problems, option_label

INPUT_KEYS = frozenset({"id", "label", "unit"})


# --------------------------------------------------------------------- the arithmetic

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


# --------------------------------------------------------------------- reading

def _read_inputs(r: Reader, q: Mapping[str, Any], loc: str) -> tuple[Input, ...]:
    inputs = []
    seen: set[str] = set()
    for where, i in r.items(q, "inputs", loc):
        r.known(i, INPUT_KEYS, where)
        iid = r.ident(i, "id", where)
        if iid in seen:
            r.problem(f"{where}.id", format_msg("input-twice", id=repr(iid)))
        seen.add(iid)
        inputs.append(Input(iid, r.text(i, "label", where) or Text("", ""), r.text(i, "unit", where, False)))
    return tuple(inputs)


def _read_expr(r: Reader, raw: Any, where: str) -> Expr:
    if not isinstance(raw, dict):
        r.problem(where, format_msg("expr"))
        return Expr()
    if "value" in raw:
        return Expr(value=r.get(raw, "value", where, str))
    return Expr(numerator=r.get(raw, "numerator", where, str), denominator=r.get(raw, "denominator", where, str))


# --------------------------------------------------------------------- the kinds

# (kind, id of the question, its numbers with their types) -> (the question, the option or None, why not):
# the question is held so that its id() stays its own; bounded, as a long session meets many numbers
_COMPUTED: dict[tuple[Any, ...], tuple[Question, Option | None, Msg | None]] = {}
MAX_COMPUTED = 4096

class Measured(Kind):
    """What ratio_band and trend share: options, raw-number inputs, and the option the numbers give."""

    family = "measured"
    takes = ("choice", "raw")

    def read(self, r: Reader, raw: Mapping[str, Any], where: str) -> dict[str, Any]:
        fields = super().read(r, raw, where)
        fields["inputs"] = _read_inputs(r, raw, where)
        return fields

    def computed_option(self, q: Question, answer: Answer) -> Option | None:
        """The option the raw numbers give (None while one is missing), worked out once per question and numbers:
        checking an answer, scoring it and explaining the gap to the next level all ask for it."""
        raw = answer.raw
        if not raw:
            return self._compute(q, answer)
        key = (self.id, id(q), tuple((k, type(v), v) for k, v in raw.items()))  # the type: True is not 1 here
        try:
            hit = _COMPUTED.get(key)
        except TypeError:  # a value no number is (unhashable): worked out, and refused, as it comes
            return self._compute(q, answer)
        if hit is None or hit[0] is not q:
            try:
                hit = (q, self._compute(q, answer), None)
            except AnswerInvalid as exc:
                hit = (q, None, exc.message)
            if len(_COMPUTED) >= MAX_COMPUTED:
                _COMPUTED.clear()
            _COMPUTED[key] = hit
        if hit[2] is not None:
            raise AnswerInvalid(hit[2])  # a new exception each time, with the same message
        return hit[1]

    def _compute(self, q: Question, answer: Answer) -> Option | None:
        raise NotImplementedError

    def effective_option(self, q: Question, answer: Answer) -> Option | None:
        """The option that counts: the one the raw numbers give, else the one chosen."""
        if answer.raw:
            opt = self.computed_option(q, answer)
            if opt is not None:
                return opt
        return q.option(answer.choice) if answer.choice is not None else None

    def raw_steps_key(self, q: Question, qr: Any, answer: Answer) -> tuple[Any, ...] | None:
        """next_steps (the base's) follows from the points earned and the option that counts, not from the
        numbers that gave it: one firm's 37/100 and another's 41/100 in the same band share their steps."""
        try:
            opt = self.effective_option(q, answer)
        except AnswerInvalid:
            opt = None
        return (qr.points, opt.id if opt is not None else None)

    def score(self, u: Any, a: Answer) -> tuple[int, int | None, bool]:
        try:
            opt = self.effective_option(u.q, a)
        except AnswerInvalid:
            opt = None
        return (u.option_u[opt.id], None, True) if opt is not None else (0, None, False)

    def validate(self, q: Question, answer: Answer, problems: Problems) -> None:
        if answer.raw is None:
            return
        add = problems.append
        names = {i.id for i in q.inputs}
        for key, value in answer.raw.items():
            if key not in names:
                add((f"raw.{cap(str(key), MAX_SHOWN)}", Msg(f"is not an input of this question ({', '.join(sorted(names))})",
                                                            f"不是本题的输入项（{'、'.join(sorted(names))}）",
                                                            "not-an-input")))
            elif isinstance(value, bool) or not isinstance(value, (int, float)):
                add((f"raw.{key}", Msg(f"must be a number, not {shown(value)}", f"必须是数字，而不是 {shown(value)}",
                                       "not-a-number")))
            elif value < 0 or value != value or value in (float("inf"), float("-inf")):
                add((f"raw.{key}", Msg(f"must be a finite number of at least 0, not {shown(value)}",
                                       f"必须是不小于 0 的有限数，而不是 {shown(value)}", "not-a-number")))
        if problems:
            return
        try:
            computed = self.computed_option(q, answer)
        except AnswerInvalid as exc:
            add(("raw", exc.message))
        else:
            if computed is not None and answer.choice is not None and answer.choice != computed.id:
                chosen_en, chosen_zh = option_label(q, answer.choice, "en"), option_label(q, answer.choice, "zh")
                got_en, got_zh = option_label(q, computed.id, "en"), option_label(q, computed.id, "zh")
                add(("choice", Msg(f"{chosen_en} disagrees with {got_en}, computed from the numbers given",
                                   f"所选的{chosen_zh}与按填写的数值算出的{got_zh}不一致", "disagrees")))


class RatioBand(Measured):
    """A ratio numerator / denominator; the option is the band it falls in."""

    id = "ratio_band"

    def read(self, r: Reader, raw: Mapping[str, Any], where: str) -> dict[str, Any]:
        fields = super().read(r, raw, where)
        spec = r.get(raw, "ratio", where, dict)
        if spec is not None:
            fields["ratio"] = Ratio(r.get(spec, "numerator", f"{where}.ratio", str) or "",
                                    r.get(spec, "denominator", f"{where}.ratio", str) or "",
                                    bool(r.get(spec, "at_most_one", f"{where}.ratio", bool, False, False)))
        return fields

    def read_option(self, r: Reader, o: Mapping[str, Any], where: str) -> tuple[Band | None, str | None]:
        b = r.get(o, "band", where, dict)
        if b is None:
            return None, None
        bw = f"{where}.band"
        lo = r.number(b, "min", bw) or Fraction(0)
        hi = r.number(b, "max", bw) or Fraction(0)
        band = Band(lo, hi, bool(r.get(b, "min_closed", bw, bool, default=True)),
                    bool(r.get(b, "max_closed", bw, bool, default=True)))
        if hi < lo:
            r.problem(bw, format_msg("max-below-min"))
        return band, None

    def check(self, r: Reader, where: str, q: Question) -> None:
        super().check(r, where, q)
        input_ids = {i.id for i in q.inputs}
        if q.ratio is None:
            r.problem(f"{where}.ratio", format_msg("missing"))
        else:
            for name in (q.ratio.numerator, q.ratio.denominator):
                if name not in input_ids:
                    r.problem(f"{where}.ratio", format_msg("no-input", id=repr(name)))
        bands = [o.band for o in q.options if o.band is not None]
        if len(bands) == len(q.options) and bands:
            if bands[0].min != 0 or not bands[0].min_closed:
                r.problem(f"{where}.options[0].band", format_msg("first-band"))
            for i in range(1, len(bands)):
                prev, cur = bands[i - 1], bands[i]
                if cur.min != prev.max or cur.min_closed == prev.max_closed:
                    r.problem(f"{where}.options[{i}].band", format_msg("band-gap"))

    def _compute(self, q: Question, answer: Answer) -> Option | None:
        ratio = ratio_of(q, answer.raw)
        return None if ratio is None else band_for(q, ratio)


class TrendKind(Measured):
    """A value this year against last year; the option is the direction it moved."""

    id = "trend"

    def read(self, r: Reader, raw: Mapping[str, Any], where: str) -> dict[str, Any]:
        fields = super().read(r, raw, where)
        spec = r.get(raw, "trend", where, dict)
        if spec is not None:
            tw = f"{where}.trend"
            better = r.get(spec, "better", tw, str) or "up"
            if better not in ("up", "down"):
                r.problem(f"{tw}.better", format_msg("up-down"))
            fields["trend"] = Trend(_read_expr(r, spec.get("current"), f"{tw}.current"),
                                    _read_expr(r, spec.get("previous"), f"{tw}.previous"),
                                    better, r.number(spec, "flat_tolerance", tw, False, Fraction(0)) or Fraction(0))
        return fields

    def read_option(self, r: Reader, o: Mapping[str, Any], where: str) -> tuple[Band | None, str | None]:
        direction = r.get(o, "direction", where, str)
        if direction is not None and direction not in DIRECTIONS:
            r.problem(f"{where}.direction", format_msg("one-of", values=id_list(DIRECTIONS)))
        return None, direction

    def check(self, r: Reader, where: str, q: Question) -> None:
        super().check(r, where, q)
        input_ids = {i.id for i in q.inputs}
        if q.trend is None:
            return
        for e, name in ((q.trend.current, "current"), (q.trend.previous, "previous")):
            if not e.inputs():
                r.problem(f"{where}.trend.{name}", format_msg("no-inputs"))
            for input_id in e.inputs():
                if input_id not in input_ids:
                    r.problem(f"{where}.trend.{name}", format_msg("no-input", id=repr(input_id)))
        dirs = [o.direction for o in q.options]
        if sorted(d or "" for d in dirs) != sorted(DIRECTIONS):
            r.problem(f"{where}.options", format_msg("up-flat-down"))
        else:  # (a "better" other than up or down is reported where it is read)
            best = next((o for o in q.options if o.direction == q.trend.better), None)
            if best is not None and best.points != q.max_points:
                r.problem(f"{where}.options", format_msg("better-max", better=q.trend.better))

    def _compute(self, q: Question, answer: Answer) -> Option | None:
        values = trend_values(q, answer.raw)
        if values is None:
            return None
        direction = direction_of(q, *values)
        return next(o for o in q.options if o.direction == direction)
