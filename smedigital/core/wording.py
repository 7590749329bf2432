"""The result put into words, the same in the command line, the window, the workbook and the report."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only named in annotations: the firm list formats scores without loading scoring
    from decimal import Decimal
    from fractions import Fraction

    from .scoring import Result
from .words import table, words

#: The one rounding rule for scores (total, dimensions, pillars) wherever people read them: one
#: decimal, half up (44.65 -> 44.7). The window, the report, the command line's text and the
#: workbook's number format all use it; the JSON output keeps full precision.
SCORE_DECIMALS = 1
SCORE_NUMBER_FORMAT = "0.0"  # the workbook's cell format for the same rule


def _rounded_units(x: Fraction, places: int) -> int:
    """``x`` in units of ``10**-places``, rounded half away from zero (the one rounding rule)."""
    n = abs(x) * 10**places
    q = n.numerator // n.denominator
    if (n - q) * 2 >= 1:
        q += 1
    return -q if x < 0 else q


def round_score(x: Fraction | float | int | Decimal) -> Decimal:
    """A score rounded by the project's one rule: one decimal, half away from zero."""
    from decimal import Decimal
    from fractions import Fraction

    f = x if isinstance(x, Fraction) else Fraction(str(x)) if isinstance(x, float) else Fraction(x)
    return Decimal(_rounded_units(f, SCORE_DECIMALS)).scaleb(-SCORE_DECIMALS)


def round_places(x: Fraction, places: int) -> Fraction:
    """``x`` rounded to ``places`` decimals by the rule scores follow (:func:`round_score`), half away
    from zero: 0.1465 → 0.147, −1.95 → −2.0 at one decimal."""
    from fractions import Fraction

    return Fraction(_rounded_units(x, places), 10**places)


def fixed_text(x: Fraction, places: int) -> str:
    """``x`` with exactly ``places`` decimals, rounded by :func:`round_places` (``98.0``, ``0.128``, ``-1.7``)."""
    from decimal import Decimal

    return f"{Decimal(_rounded_units(x, places)).scaleb(-places):.{places}f}"


def fmt_score(x: Fraction | float | int | Decimal) -> str:
    """A score for people, by the one rule: ``44.7``, ``40.0``."""
    if type(x) is float or type(x) is int:  # the library's scores (the firm list)
        text = _plain_score_text(x)
        if text is not None:
            return text
    return f"{round_score(x):.{SCORE_DECIMALS}f}"


def _plain_score_text(x: float | int) -> str | None:
    """:func:`fmt_score` of a float or an int by the same rule, in integer arithmetic on the
    shortest decimal form (what :func:`round_score` reads, ``Fraction(str(x))``): the same text
    without loading decimal and fractions (~2 ms of the first window, issue 17). None for inf/nan."""
    mantissa, _, exponent = str(x).lower().partition("e")
    negative = mantissa.startswith("-")
    whole, _, fraction = mantissa.lstrip("-").partition(".")
    if not (whole + fraction).isdigit():
        return None
    digits = int(whole + fraction)  # x * 10**SCORE_DECIMALS == digits * 10**shift
    shift = int(exponent or 0) - len(fraction) + SCORE_DECIMALS
    if shift >= 0:
        q = digits * 10**shift
    else:
        q, rest = divmod(digits, 10**-shift)
        q += 2 * rest >= 10**-shift  # half away from zero
    text = str(q).rjust(SCORE_DECIMALS + 1, "0")
    return f"{'-' if negative and q else ''}{text[:-SCORE_DECIMALS]}.{text[-SCORE_DECIMALS:]}"

GAP_WORDS = table("core.gap")


def fmt_points(x: Fraction | float | int, places: int = 2) -> str:
    """A number of points by the one rounding rule (:func:`round_places`: half away from zero, a float read as
    its shortest decimal form), without trailing zeros: 7.5, 10, 1.88, 0.13 for 1/8."""
    from fractions import Fraction

    f = x if isinstance(x, Fraction) else Fraction(str(x)) if isinstance(x, float) else Fraction(x)
    text = fixed_text(f, places)
    return text.rstrip("0").rstrip(".") if places > 0 else text


def describe_gap(result: Result, lang: str) -> list[str]:
    """What stands between the firm and the next level: one line per failed condition, then one
    indented line per suggested step (those start with two spaces)."""
    w = GAP_WORDS["en" if lang == "en" else "zh"]
    gap = result.level_gap
    if gap is None:
        return [w["top"]]
    fw = result.framework
    lines = []
    for c in gap.conditions:
        if c.met:
            continue
        if c.kind == "score":
            lines.append(w["short_points"].format(n=fmt_score(c.short)))
        elif c.kind == "scenes":
            lines.append(w["short_scenes"].format(n=int(c.short), lv=c.scene_level))
        else:
            lines.append(w["short_mandatory"].format(n=int(c.short), lv=c.scene_level))
    for s in gap.suggested:
        q = fw.question(s.question_id)
        if q.is_leveled:
            move = f"{s.from_value} → {s.to_value}"
        else:
            labels = [(o.label.get(lang) if (o := q.option(part)) else part) for part in str(s.to_value).split("+")]
            move = "→ " + w["option_sep"].join(labels)
            if s.gain_points:
                move += w["gain"].format(n=fmt_score(s.gain_points))
        lines.append(w["suggest"].format(label=q.label.get(lang), move=move))
    return lines


def pillar_name(pillar: str, lang: str) -> str:
    """A pillar's short name (上云 / 用数 / 赋智): the same in the command line, the workbooks and the report."""
    return words(lang)("core.pillars." + pillar)
