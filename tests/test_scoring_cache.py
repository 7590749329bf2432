"""Scoring keeps tables derived from a framework on the framework object (issue 17): they must never
leak into a changed copy of the framework, nor make a second scoring differ from a first one."""

from __future__ import annotations

import dataclasses
import random

from smedigital.core.answers import Answer
from smedigital.core.framework import get_framework, load_framework
from smedigital.core.scoring import result_to_dict, score_answers


def _single(fw):
    return next(q for q in fw.questions if q.kind == "single" and q.module is None and len(q.options) > 1)


def test_a_changed_copy_of_a_framework_scores_with_its_own_points():
    fw = get_framework("miit-2024-manufacturing")
    q = _single(fw)
    best = max(q.options, key=lambda o: o.points)
    answers = {q.id: Answer(choice=best.id)}
    before = score_answers(fw, answers).questions[q.id].points  # fills the cache of fw
    assert before == best.points

    halved = tuple(dataclasses.replace(o, points=o.points / 2) for o in q.options)
    q2 = dataclasses.replace(q, options=halved, max_points=q.max_points / 2,
                             option_by_id={o.id: o for o in halved})
    fw2 = dataclasses.replace(fw, questions=tuple(q2 if x.id == q.id else x for x in fw.questions),
                              question_by_id={**fw.question_by_id, q.id: q2})
    assert score_answers(fw2, answers).questions[q.id].points == best.points / 2
    assert score_answers(fw, answers).questions[q.id].points == before


def test_scoring_again_with_warm_tables_gives_what_a_fresh_framework_gives():
    warm = get_framework("smedigital-cdi")
    rng = random.Random(17)
    cases = []
    for _ in range(40):
        answers = {}
        for q in warm.questions:
            roll = rng.random()
            if roll < 0.1:
                continue
            if q.is_leveled:
                answers[q.id] = Answer(level=rng.randint(0, 4))
            elif q.kind == "multi":
                plain = [o.id for o in q.options if not o.exclusive]
                answers[q.id] = Answer(choices=tuple(rng.sample(plain, rng.randint(1, len(plain)))))
            elif q.inputs and roll < 0.4:
                answers[q.id] = Answer(raw={i.id: rng.choice([0, 3, 10, 250.5]) for i in q.inputs})
            else:
                answers[q.id] = Answer(choice=rng.choice(q.options).id)
        cases.append(answers)
    first = [result_to_dict(score_answers(warm, a)) for a in cases]
    again = [result_to_dict(score_answers(warm, a)) for a in reversed(cases)][::-1]
    fresh_fw = load_framework(warm.path)
    fresh = [result_to_dict(score_answers(fresh_fw, a)) for a in cases]
    assert first == again == fresh
    assert any(r["next_level_gap"] and r["next_level_gap"]["suggested"] for r in first)


def test_the_same_answers_give_equal_results_whatever_was_scored_between():
    fw = get_framework("miit-2024-manufacturing")
    q = _single(fw)
    worst = min(q.options, key=lambda o: o.points)
    answers = {q.id: Answer(choice=worst.id)}
    a = score_answers(fw, answers)
    score_answers(fw, {q.id: Answer(na=True)} if q.na_allowed else {})
    b = score_answers(fw, answers)
    assert result_to_dict(a) == result_to_dict(b)
    assert a.questions[q.id].points == worst.points


def test_a_framework_sent_to_another_process_scores_the_same():
    import pickle

    fw = get_framework("miit-2024-manufacturing")
    q = _single(fw)
    answers = {q.id: Answer(choice=min(q.options, key=lambda o: o.points).id)}
    here = result_to_dict(score_answers(fw, answers))  # the kept tables travel with the framework
    there = pickle.loads(pickle.dumps(fw))
    assert result_to_dict(score_answers(there, answers)) == here
    assert result_to_dict(score_answers(there, {})) == result_to_dict(score_answers(fw, {}))


def test_kept_tables_that_fill_up_start_again_and_scores_stay_right(monkeypatch):
    from smedigital.core import scoring

    monkeypatch.setattr(scoring, "KEPT_AT_MOST", 3)
    fw = load_framework(get_framework("smedigital-cdi").path)
    expected = []
    cases = []
    for level in range(5):
        answers = {q.id: Answer(level=level) for q in fw.questions if q.is_leveled}
        cases.append(answers)
        expected.append(result_to_dict(score_answers(load_framework(fw.path), answers)))
    assert [result_to_dict(score_answers(fw, a)) for a in cases] == expected
    unit = scoring.units_of(fw)
    assert len(unit.steps) <= 4 and len(unit.scored) <= 4 and len(unit.fractions) <= 4


def test_the_gap_without_candidates_suggests_the_same_steps_and_conditions():
    """The aggregation asks for the level gap without its candidates (its rows never show them): what it
    does read, the next level, the conditions and the suggested steps with their gains, must be the same."""
    from smedigital.core.scoring import level_gap

    for fid in ("smedigital-cdi", "miit-2024-manufacturing"):
        fw = get_framework(fid)
        rng = random.Random(23)
        gaps = scene_gaps = 0
        for _ in range(60):
            answers = {}
            for q in fw.questions:
                if q.module is not None or rng.random() < 0.1:
                    continue
                if q.is_leveled:
                    answers[q.id] = Answer(level=rng.choice([0, 1, 2, 2, 3, 4]))
                elif q.kind == "multi":
                    plain = [o.id for o in q.options if not o.exclusive]
                    answers[q.id] = Answer(choices=tuple(rng.sample(plain, rng.randint(1, len(plain)))))
                elif q.na_allowed and rng.random() < 0.1:
                    answers[q.id] = Answer(na=True)
                else:
                    answers[q.id] = Answer(choice=rng.choice(q.options).id)
            full = score_answers(fw, answers)
            light = level_gap(score_answers(fw, answers, explain=False), answers, with_candidates=False)
            if full.level_gap is None:
                assert light is None
                continue
            assert light is not None and light.candidates == ()
            assert (light.level, light.conditions, light.suggested) == (
                full.level_gap.level, full.level_gap.conditions, full.level_gap.suggested)
            gaps += bool(full.level_gap.suggested)
            scene_gaps += any(c.kind == "scenes" and not c.met for c in full.level_gap.conditions)
        assert gaps > 10  # steps were suggested, and for the gated framework scenes were short too
        assert fid != "miit-2024-manufacturing" or scene_gaps > 0


def test_next_steps_of_raw_numbers_are_those_of_the_band_they_fall_in():
    """Answers given as raw numbers share their next steps with other numbers earning the same option: a firm
    in a low band must never be offered the step a firm in a higher band was (and the other way round)."""
    warm = get_framework("miit-2024-manufacturing")
    fresh_fw = load_framework(warm.path)
    measured = [q for q in warm.questions if q.kind in ("ratio_band", "trend") and q.module is None]
    assert measured
    rng = random.Random(41)
    base = {q.id: Answer(level=0) for q in warm.questions if q.is_leveled and q.module is None}
    cases = []
    for _ in range(30):
        answers = dict(base)
        for q in measured:
            if q.kind == "ratio_band":
                den = rng.choice([10, 100, 1000])
                answers[q.id] = Answer(raw={q.ratio.denominator: den, q.ratio.numerator: rng.randint(0, den)})
            else:
                answers[q.id] = Answer(raw={i.id: rng.randint(1, 1000) for i in q.inputs})
        cases.append(answers)
    warm_steps = [score_answers(warm, a).level_gap for a in cases]
    fresh_steps = [score_answers(fresh_fw, a).level_gap for a in reversed(cases)][::-1]
    firsts = [load_framework(warm.path) for _ in cases[:8]]  # each scoring its case first, with cold tables
    cold_steps = [score_answers(f, a).level_gap for f, a in zip(firsts, cases, strict=False)]
    as_data = [[(s.question_id, s.from_value, s.to_value, s.gain_points) for s in g.candidates] for g in warm_steps]
    assert as_data == [[(s.question_id, s.from_value, s.to_value, s.gain_points) for s in g.candidates]
                       for g in fresh_steps]
    assert as_data[:8] == [[(s.question_id, s.from_value, s.to_value, s.gain_points) for s in g.candidates]
                           for g in cold_steps]
    ids = {q.id for q in measured}
    assert len({tuple(s for s in steps if s[0] in ids) for steps in as_data}) > 5  # the bands differed


def test_percentages_are_the_exact_fractions_of_a_hundred_times_part_over_whole():
    """Scores, pillar scores and a step's gain in score are 100 x part / whole made as one fraction: the very
    fraction the two operations give, for whole numbers and fractions of either sign."""
    import random as _random
    from fractions import Fraction

    from smedigital.core.scoring import percent

    rng = _random.Random(5)
    for _ in range(5000):
        part = rng.choice([rng.randint(-50, 500), Fraction(rng.randint(-500, 5000), rng.randint(1, 97))])
        whole = rng.choice([rng.randint(1, 500), Fraction(rng.randint(1, 5000), rng.randint(1, 97)), -rng.randint(1, 50)])
        got, want = percent(part, whole), Fraction(100) * part / whole
        assert (type(got), got.numerator, got.denominator) == (type(want), want.numerator, want.denominator)
    assert percent(Fraction(1, 3), 3) == Fraction(100, 9) and percent(0, Fraction(7, 2)) == 0
