"""Points as people read them (the command line's plan and comparison, the pilot command, the office's firm
history): by the one rounding rule of scores and comparisons, half away from zero, without trailing zeros."""

from __future__ import annotations

from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from smedigital.core.compare import signed_text
from smedigital.core.wording import fmt_points, round_places


def test_points_round_half_away_from_zero_as_every_other_output_does():
    assert fmt_points(Fraction(1, 8)) == "0.13"  # float formatting said 0.12 (half to even)
    assert signed_text(Fraction(1, 8), 2) == "+0.13"  # the PDF's change column: the same digits
    assert fmt_points(-1.005) == "-1.01"  # a float read as its shortest decimal form, as scores are
    assert fmt_points(1.875) == "1.88"
    assert [fmt_points(x) for x in (7.5, 10, 100, 0.0, -0.001)] == ["7.5", "10", "100", "0", "0"]


def test_no_decimals_keeps_the_zeros_of_the_number_itself():
    assert fmt_points(10, 0) == "10"  # stripping trailing zeros at no decimals read 10 as 1
    assert fmt_points(Fraction(205, 2), 0) == "103"


@given(st.fractions(max_denominator=10**6).filter(lambda f: abs(f) < 10**6), st.integers(0, 4))
def test_points_text_is_the_rounded_value(x, places):
    assert Fraction(fmt_points(x, places)) == round_places(x, places)
