"""Each question kind scores by its own rule; totals re-weight 'not applicable'."""

from __future__ import annotations

from fractions import Fraction

import pytest
from fwfactory import LEVELS4, LEVELS5, build, opts, q, t

from smedigital.core.answers import Answer, validate_answer
from smedigital.core.framework import FrameworkError
from smedigital.core.scoring import score_answers


def one(question, answer, **kw):
    fw = build([question], **kw)
    return fw, score_answers(fw, {question["id"]: answer})


def test_single_scores_the_chosen_option():
    _, r = one(q("s", "single", "a", 10, options=opts(0, 2.5, 5, 7.5, 10)), Answer(choice="o2"))
    assert r.questions["s"].points == 5
    assert r.total_score == 50


def test_multi_sums_and_caps_at_the_maximum():
    options = [{"id": "none", "points": 0, "label": t("none"), "exclusive": True}] + [
        {"id": f"x{i}", "points": 0.7, "label": t(f"x{i}")} for i in range(13)] + [
        {"id": "hr", "points": 0.9, "label": t("hr")}]
    question = q("m", "multi", "a", 10, options=options)
    _, r = one(question, Answer(choices=("x0", "x1", "hr")))
    assert r.questions["m"].points == Fraction(23, 10)
    _, r = one(question, Answer(choices=tuple(f"x{i}" for i in range(13)) + ("hr",)))
    assert r.questions["m"].points == 10  # 13 x 0.7 + 0.9 = 10 exactly, no float drift
    fw, _ = one(question, Answer(choices=("none",)))
    assert validate_answer(fw.question("m"), Answer(choices=("none", "x1")))  # none + other is invalid


def test_multi_cap_applies_when_options_exceed_the_maximum():
    question = q("m", "multi", "a", 4, options=opts(2, 2, 2))
    _, r = one(question, Answer(choices=("o0", "o1", "o2")))
    assert r.questions["m"].points == 4


BANDS = [
    {"id": "b0", "points": 0, "label": t("b0"), "band": {"min": 0, "max": 0.1, "min_closed": True, "max_closed": True}},
    {"id": "b1", "points": 1.5, "label": t("b1"), "band": {"min": 0.1, "max": 0.2, "min_closed": False, "max_closed": True}},
    {"id": "b2", "points": 3, "label": t("b2"), "band": {"min": 0.2, "max": 0.4, "min_closed": False, "max_closed": True}},
    {"id": "b3", "points": 4.5, "label": t("b3"), "band": {"min": 0.4, "max": 0.6, "min_closed": False, "max_closed": True}},
    {"id": "b4", "points": 6, "label": t("b4"), "band": {"min": 0.6, "max": 1, "min_closed": False, "max_closed": True}},
]
RATIO_Q = q("r", "ratio_band", "a", 6, options=BANDS,
            inputs=[{"id": "total", "label": t("total")}, {"id": "done", "label": t("done")}],
            ratio={"numerator": "done", "denominator": "total", "at_most_one": True})


@pytest.mark.parametrize(("done", "total", "points"), [
    (0, 10, 0), (1, 10, 0),          # exactly 10% is in the closed first band
    (11, 100, 1.5), (2, 10, 1.5),    # (10%, 20%]
    (21, 100, 3), (4, 10, 3),
    (41, 100, 4.5), (6, 10, 4.5),
    (61, 100, 6), (10, 10, 6),
])
def test_ratio_band_edges(done, total, points):
    _, r = one(RATIO_Q, Answer(raw={"total": total, "done": done}))
    assert r.questions["r"].points == Fraction(str(points))


def test_ratio_band_chosen_directly_and_raw_kept():
    fw, r = one(RATIO_Q, Answer(choice="b3"))
    assert r.questions["r"].points == Fraction(9, 2)
    a = Answer(raw={"total": 10, "done": 3}, choice="b0")
    assert any("disagrees" in m for _, m in validate_answer(fw.question("r"), a))
    assert any("cannot exceed" in m for _, m in validate_answer(fw.question("r"), Answer(raw={"total": 1, "done": 2})))
    assert any("is 0" in m for _, m in validate_answer(fw.question("r"), Answer(raw={"total": 0, "done": 0})))


def test_ratio_above_one_takes_the_last_band_when_allowed():
    question = dict(RATIO_Q, ratio={"numerator": "done", "denominator": "total", "at_most_one": False})
    _, r = one(question, Answer(raw={"total": 10, "done": 30}))
    assert r.questions["r"].points == 6


TREND_Q = q("t", "trend", "a", 7,
            inputs=[{"id": "e1", "label": t("e1")}, {"id": "e0", "label": t("e0")},
                    {"id": "r1", "label": t("r1")}, {"id": "r0", "label": t("r0")}],
            trend={"current": {"numerator": "e1", "denominator": "r1"},
                   "previous": {"numerator": "e0", "denominator": "r0"}, "better": "down"},
            options=[{"id": "up", "direction": "up", "points": 0, "label": t("up")},
                     {"id": "flat", "direction": "flat", "points": 3.5, "label": t("flat")},
                     {"id": "down", "direction": "down", "points": 7, "label": t("down")}])


@pytest.mark.parametrize(("raw", "points"), [
    ({"e1": 90, "r1": 1000, "e0": 100, "r0": 1000}, 7),      # energy per revenue fell
    ({"e1": 110, "r1": 1100, "e0": 100, "r0": 1000}, 3.5),   # same intensity: flat
    ({"e1": 120, "r1": 1000, "e0": 100, "r0": 1000}, 0),     # rose
])
def test_trend_from_raw_values(raw, points):
    _, r = one(TREND_Q, Answer(raw=raw))
    assert r.questions["t"].points == Fraction(str(points))


def test_trend_chosen_directly():
    _, r = one(TREND_Q, Answer(choice="flat"))
    assert r.questions["t"].points == Fraction(7, 2)


def test_trend_tolerance_makes_small_changes_flat():
    question = dict(TREND_Q, trend=dict(TREND_Q["trend"], flat_tolerance=0.05))
    _, r = one(question, Answer(raw={"e1": 103, "r1": 1000, "e0": 100, "r0": 1000}))
    assert r.questions["t"].points == Fraction(7, 2)


def test_scene_and_scale_count_level_quarters():
    scale = q("sc", "scale", "a", 8, levels=LEVELS5)
    _, r = one(scale, Answer(level=3))
    assert r.questions["sc"].points == 6
    scene = q("sn", "scene", "a", 0, levels=LEVELS4, group={"id": "g", "title": t("g")}, mandatory=True,
              pillars=["data"], pillar_weight=4)
    _, r = one(scene, Answer(level=2))
    assert r.questions["sn"].points == 0 and r.pillars["data"] == 50


def test_not_applicable_leaves_both_sums():
    fw = build([q("x", "single", "a", 50, options=opts(0, 50), na_allowed=True),
                q("y", "single", "b", 50, options=opts(0, 25, 50))])
    r = score_answers(fw, {"x": Answer(na=True), "y": Answer(choice="o1")})
    assert r.max_points == 50 and r.points == 25 and r.total_score == 50
    assert "x" not in r.unanswered and "y" not in r.unanswered  # 'not applicable' is an answer
    assert r.sections["a"].max_points == 0 and r.sections["b"].score == 50
    assert validate_answer(fw.question("y"), Answer(na=True))  # not allowed there


def test_unanswered_counts_zero_and_is_listed():
    fw = build([q("x", "single", "a", 50, options=opts(0, 50)), q("y", "single", "b", 50, options=opts(0, 50))])
    r = score_answers(fw, {"x": Answer(choice="o1")})
    assert r.total_score == 50 and not r.complete and "y" in r.unanswered


def test_a_100_point_framework_total_is_the_plain_sum():
    fw = build([q("x", "single", "a", 37.5, options=opts(0, 12.5, 37.5)),
                q("y", "single", "b", 62.5, options=opts(0, 62.5))])
    r = score_answers(fw, {"x": Answer(choice="o1"), "y": Answer(choice="o1")})
    assert r.total_score == Fraction(75)


def test_framework_checks_report_every_problem_with_location():
    bad = q("x", "single", "a", 10, options=opts(0, 5))  # best option 5 but max 10
    dup = q("x", "single", "zz", 10, options=opts(0, 10))
    with pytest.raises(FrameworkError) as info:
        build([bad, dup], sections=[{"id": "a", "title": t("A"), "max_points": 30}])
    text = "\n".join(str(p) for p in info.value.problems)
    assert "questions[0].max_points" in text and "best option is worth 5" in text
    assert "questions[1].id" in text and "used twice" in text
    assert "no section 'zz'" in text
    assert "sections.a.max_points" in text and "declares 30" in text


def test_framework_text_needs_both_languages():
    bad = q("x", "single", "a", 10, options=opts(0, 10))
    bad["text"] = {"zh": "问题"}
    with pytest.raises(FrameworkError) as info:
        build([bad])
    assert any(p.location == "questions[0].text.en" for p in info.value.problems)


def test_band_gaps_are_rejected():
    bands = [dict(b) for b in BANDS]
    bands[2] = dict(bands[2], band={"min": 0.25, "max": 0.4, "min_closed": False, "max_closed": True})
    with pytest.raises(FrameworkError) as info:
        build([dict(RATIO_Q, options=bands)])
    assert any("no gap" in p.message for p in info.value.problems)


def test_unknown_fields_are_reported_not_ignored():
    bad = q("x", "single", "a", 10, options=opts(0, 10))
    bad["max_point"] = 5  # a typo
    bad["options"][0]["lable"] = t("typo")
    with pytest.raises(FrameworkError) as info:
        build([bad])
    locations = {p.location for p in info.value.problems}
    assert {"questions[0].max_point", "questions[0].options[0].lable"} <= locations


def test_the_option_numbers_give_is_the_same_however_often_and_wherever_asked():
    """Checking, scoring and the gap all ask which band the numbers give; asked again (the answer remembered),
    the band and any refusal are what they were, for that question only."""
    from smedigital.core.answers import AnswerInvalid, computed_option

    fw = build([RATIO_Q])
    other = build([dict(RATIO_Q, ratio={"numerator": "done", "denominator": "total", "at_most_one": False})])
    question, other_q = fw.question("r"), other.question("r")
    for _ in range(2):
        assert computed_option(question, Answer(raw={"done": 3, "total": 10})).id == "b2"
        assert computed_option(question, Answer(raw={"done": 3})) is None
        for raw, code in (({"done": 3, "total": 0}, "zero-denominator"), ({"done": 12, "total": 10}, "ratio-above-one")):
            with pytest.raises(AnswerInvalid) as info:
                computed_option(question, Answer(raw=raw))
            assert info.value.message.code == code
        assert "(12) cannot exceed" in str(info.value)
        assert computed_option(other_q, Answer(raw={"done": 12, "total": 10})).id == "b4"  # its own rule, not the first's
        assert [p for p, _ in validate_answer(question, Answer(raw={"done": 3, "total": 0}))] == ["raw"]
    assert computed_option(question, Answer(raw={"done": 1.0, "total": 10.0})).id == "b0"
    _, r = one(RATIO_Q, Answer(raw={"done": 3, "total": 10}))
    assert r.questions["r"].points == 3


def test_an_answer_checked_again_gets_the_problems_it_got_the_first_time():
    """Answers are checked once per question and fields: asked again, each gets its own problems (a level of
    True is not the level 1, a choice of 1 not "1", a raw number 1.0 not 1 when the message shows it), and the
    list handed out is the caller's to change."""
    scale = q("sc", "scale", "a", 8, levels=LEVELS5)
    fw = build([scale, RATIO_Q, q("s", "single", "a", 3, options=opts(0, 1, 3)),
                q("m", "multi", "a", 4, options=opts(1, 1, 2))])
    sc, r, s, m = (fw.question(i) for i in ("sc", "r", "s", "m"))
    cases = [(sc, Answer(level=1), []), (sc, Answer(level=True), ["level"]), (sc, Answer(level=1.0), ["level"]),
             (sc, Answer(level=5), ["level"]), (sc, Answer(level=[1]), ["level"]),
             (s, Answer(choice="o1"), []), (s, Answer(choice=1), ["choice"]), (s, Answer(choice="o9"), ["choice"]),
             (s, Answer(choice="o1", choices=("o1",)), ["choices"]),
             (m, Answer(choices=("o0", "o1")), []), (m, Answer(choices=("o0", "o0")), ["choices[1]"]),
             (m, Answer(choices=(1,)), ["choices[0]"]), (m, Answer(choices=["o0"]), []),
             (r, Answer(raw={"done": 3, "total": 10}), []), (r, Answer(raw={"done": True, "total": 10}), ["raw.done"]),
             (r, Answer(raw={"done": 3, "total": 0}), ["raw"]), (r, Answer(raw={"done": [3], "total": 10}), ["raw.done"]),
             (r, Answer(raw={"done": 3, "total": 10}, choice="b0"), ["choice"])]
    first = [validate_answer(question, answer) for question, answer, _ in cases]
    assert [[p for p, _ in got] for got in first] == [want for _, _, want in cases]
    assert "True" in str(first[1][0][1]) and "1.0" in str(first[2][0][1]) and "1 is not" in str(first[6][0][1])
    first[0].append(("x", "y"))  # the caller's own list
    again = [validate_answer(question, answer) for question, answer, _ in cases]
    assert again[0] == [] and again[1:] == first[1:]
    assert [str(m) for got in again for _, m in got] == [str(m) for got in first[1:] for _, m in got]
