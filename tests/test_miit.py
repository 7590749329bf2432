"""The bundled MIIT 2024 manufacturing framework: structure, points and the gated level rule."""

from __future__ import annotations

from fractions import Fraction

import pytest

from smedigital.core.answers import Answer
from smedigital.core.framework import get_framework
from smedigital.core.scoring import score_answers

FW_ID = "miit-2024-manufacturing"
MANDATORY = {"product_design", "marketing", "production_control", "quality", "equipment", "safety", "energy",
             "procurement", "warehousing", "finance"}


@pytest.fixture(scope="module")
def fw():
    return get_framework(FW_ID)


def best_answers(fw):
    out = {}
    for q in fw.questions:
        if q.kind == "multi":
            out[q.id] = Answer(choices=tuple(o.id for o in q.options if not o.exclusive))
        elif q.is_leveled:
            out[q.id] = Answer(level=4)
        else:
            out[q.id] = Answer(choice=max(q.options, key=lambda o: o.points).id)
    return out


def test_structure_15_indicators_16_scenes_10_mandatory(fw):
    scored = [q for q in fw.questions if q.max_points > 0]
    scenes = fw.scenes
    assert len(scored) == 15 and len(scenes) == 16
    assert {q.id.rsplit(".", 1)[1] for q in scenes if q.mandatory} == MANDATORY
    assert sum((q.max_points for q in scored), Fraction(0)) == 100


def test_dimension_subtotals_are_50_30_20(fw):
    r = score_answers(fw, best_answers(fw))
    assert r.total_score == 100
    assert [(s.id, s.points, s.max_points) for s in r.dimension_scores()] == [
        ("foundation", 50, 50), ("management", 30, 30), ("results", 20, 20)]
    assert [fw.sections[s].max_points for s in ("foundation", "management", "results")] == [50, 30, 20]


@pytest.mark.parametrize(("qid", "choices", "points"), [
    ("miit.foundation.data_collection", ("hr",), Fraction(9, 10)),
    ("miit.foundation.data_collection", ("finance", "hr"), Fraction(16, 10)),
    ("miit.management.mechanisms", ("workflow", "system_rules", "data_rules"), Fraction(45, 8)),
    ("miit.foundation.network_security", ("rules", "products", "risk_assessment", "boundary_control"), Fraction(5)),
    ("miit.management.talent", ("staff", "dedicated_post"), Fraction(3)),
])
def test_multi_select_points(fw, qid, choices, points):
    r = score_answers(fw, {qid: Answer(choices=choices)})
    assert r.questions[qid].points == points


def test_device_rates_and_funding_from_raw_numbers(fw):
    answers = {
        "miit.foundation.device_digitisation": Answer(raw={"devices_total": 50, "devices_digitised": 10}),  # 20%
        "miit.foundation.device_networking": Answer(raw={"devices_total": 50, "devices_networked": 31}),  # 62%
        "miit.management.funding": Answer(raw={"digital_investment": 30, "revenue": 100}),  # 30%
    }
    r = score_answers(fw, answers)
    assert r.questions["miit.foundation.device_digitisation"].points == Fraction(3, 2)
    assert r.questions["miit.foundation.device_networking"].points == 6
    assert r.questions["miit.management.funding"].points == Fraction(15, 4)


def scenes_at(fw, levels):
    """Answers giving scenes levels: mapping scene suffix -> level."""
    return {f"miit.scene.{k}": Answer(level=v) for k, v in levels.items()}


BASE30 = {"miit.foundation.information_systems": Answer(choice="all"),
          "miit.results.energy": Answer(choice="down"), "miit.results.quality": Answer(choice="up"),
          "miit.results.revenue_per_employee": Answer(choice="up"), "miit.results.cost": Answer(choice="down")}
RECIPES = {
    30: {},
    38.5: {"miit.foundation.network": Answer(choices=("control_network", "application_network")),
           "miit.management.planning": Answer(choice="retrofits")},
    40: {"miit.foundation.network": Answer(choices=("control_network", "application_network")),
         "miit.management.planning": Answer(choice="transformed")},
    45: {"miit.foundation.network": Answer(choices=("control_network", "application_network", "industrial_5g")),
         "miit.management.planning": Answer(choice="learning"),
         "miit.management.talent": Answer(choices=("staff", "dedicated_post", "training", "performance_pay",
                                                   "talent_tiers"))},
}


def points_answers(fw, total):
    """Answers worth exactly ``total`` points (checked)."""
    answers = {**BASE30, **RECIPES[total]}
    assert score_answers(fw, answers).points == Fraction(str(total))
    return answers


SIX_AT_2 = {"finance": 2, "marketing": 2, "procurement": 2, "office": 2, "hr": 2, "decision": 2}


def test_level_2_at_exactly_40_points_and_six_scenes_with_three_mandatory(fw):
    r = score_answers(fw, {**points_answers(fw, 40), **scenes_at(fw, SIX_AT_2)})
    assert r.total_score == 40
    assert r.level.id == "l2" and r.level.label.zh == "二级"


def test_just_below_40_points_is_level_1(fw):
    r = score_answers(fw, {**points_answers(fw, 38.5), **scenes_at(fw, SIX_AT_2)})
    assert r.level_index == 1
    gap = r.level_gap
    assert gap.level.id == "l2"
    score_cond = next(c for c in gap.conditions if c.kind == "score")
    assert score_cond.short == Fraction(3, 2)
    assert sum(s.gain_points for s in gap.suggested) >= Fraction(3, 2)


def test_two_mandatory_scenes_are_not_enough_for_level_2(fw):
    levels = dict(SIX_AT_2, procurement=1, hr=2, office=2, decision=2, planning=2)  # finance, marketing mandatory
    r = score_answers(fw, {**points_answers(fw, 45), **scenes_at(fw, levels)})
    assert r.level_index == 1
    gap = r.level_gap
    mand = next(c for c in gap.conditions if c.kind == "mandatory")
    assert (mand.required, mand.actual, mand.short) == (3, 2, 1)
    assert next(c for c in gap.conditions if c.kind == "scenes").met
    assert gap.suggested and all(s.mandatory for s in gap.suggested)
    assert gap.suggested[0].question_id == "miit.scene.procurement"  # one level away, the cheapest


def test_five_scenes_are_not_enough_for_level_1(fw):
    five = {"finance": 1, "marketing": 1, "procurement": 1, "office": 1, "hr": 1}
    r = score_answers(fw, {**points_answers(fw, 30), **scenes_at(fw, five)})
    assert r.level is None and r.level_label("zh") == "未达一级"
    assert next(c for c in r.level_gap.conditions if c.kind == "scenes").short == 1


def test_level_4_needs_ten_scenes_at_level_4(fw):
    answers = best_answers(fw)
    r = score_answers(fw, answers)
    assert r.level.id == "l4" and r.level_gap is None
    names = [q.id for q in fw.scenes]
    answers.update({qid: Answer(level=3) for qid in names[:7]})  # 9 left at level 4
    r = score_answers(fw, answers)
    assert r.level.id == "l3"


def test_every_scene_has_four_level_descriptors_in_both_languages(fw):
    for q in fw.scenes:
        assert sorted(q.levels) == [1, 2, 3, 4]
        for text in q.levels.values():
            assert text.zh and text.en


def test_every_pillar_has_weight_and_stages_are_gated_in_order(fw):
    for p in ("cloud", "data", "intelligence"):
        assert any(p in q.pillars for q in fw.questions)
    assert [t.stage for t in fw.stage_rule] == ["cloud", "data", "intelligence"]
    assert [s.label.zh for s in fw.stages] == ["未上云", "上云", "用数", "赋智"]
