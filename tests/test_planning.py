"""Planning: the cheapest way through a failed gate, stage-ordered phases, re-scored expectations, kept edits."""

from __future__ import annotations

import datetime as dt

import pytest
from fwfactory import LEVELS4, build, q, t

from smedigital.core.actions import Action, ActionLibrary
from smedigital.core.answers import Answer
from smedigital.core.assessment import Assessment
from smedigital.core.optimize import Objective
from smedigital.core.planning import build_plan, edit_item, parse_target, plan_to_dict, with_plan
from smedigital.core.scoring import score_answers

GATED = {"kind": "gated", "no_level_label": t("none"), "conditions": [
    {"level": "l4", "min_score": 80, "min_scenes": 4, "scene_level": 4, "min_mandatory": 2},
    {"level": "l3", "min_score": 60, "min_scenes": 3, "scene_level": 3, "min_mandatory": 2},
    {"level": "l2", "min_score": 40, "min_scenes": 2, "scene_level": 2, "min_mandatory": 1},
    {"level": "l1", "min_score": 20, "min_scenes": 1, "scene_level": 1, "min_mandatory": 1}]}


def scene(sid, mandatory):
    return q(sid, "scene", "b", 0, levels=LEVELS4, group={"id": "g", "title": t("g")}, mandatory=mandatory,
             pillars=["data", "intelligence"], pillar_weight=4)


def framework():
    return build([
        q("pts", "single", "a", 60, options=[{"id": f"o{i}", "points": p, "label": t(f"o{i}")}
                                             for i, p in enumerate((0, 20, 40, 60))], pillars=["cloud"]),
        q("pts2", "multi", "a", 40, pillars=["data"], options=[
            {"id": "none", "points": 0, "label": t("none"), "exclusive": True},
            {"id": "x1", "points": 20, "label": t("x1")}, {"id": "x2", "points": 20, "label": t("x2")}]),
        scene("s1", True), scene("s2", True), scene("s3", False), scene("s4", False),
    ], level_rule=GATED)


def act(qid, to, effort=1, impact=2, phase="data", cost=(1000, 2000), months=2, prereq=()):
    return Action(f"{qid}.{to}", qid, to, t(f"do {qid} {to}"), t("what"), effort, cost[0], cost[1], months, impact,
                  phase, tuple(prereq), t("evidence"))


def library(fw, overrides=None):
    overrides = overrides or {}
    actions = []
    for qq in fw.questions:
        if qq.is_leveled:
            steps = [1, 2, 3, 4]
        elif qq.kind == "multi":
            steps = [o.id for o in qq.options if not o.exclusive]
        else:
            steps = [o.id for o in qq.options[1:]]
        for to in steps:
            kw = {"phase": "cloud"} if "cloud" in qq.pillars else {}
            if qq.kind == "scene" and to == 4:
                kw["phase"] = "intelligence"
            kw.update(overrides.get((qq.id, to), {}))
            actions.append(act(qq.id, to, **kw))
    return ActionLibrary(fw.id, fw.version, tuple(actions))


def assessment(fw, answers, plan=None, date="2026-11-20"):
    return Assessment(fw.id, fw.version, assessed_on=date, answers=answers, plan=plan)


START = {"pts": Answer(choice="o2"), "pts2": Answer(choices=("none",)), "s1": Answer(level=0),
         "s2": Answer(level=1), "s3": Answer(level=2), "s4": Answer(level=2)}


def test_the_starting_point_is_level_1_one_mandatory_scene_short_of_level_2():
    fw = framework()
    r = score_answers(fw, START)
    assert r.level_index == 1
    failed = [c.kind for c in r.level_gap.conditions if not c.met] if r.level_gap else None
    r2 = score_answers(fw, START, explain=True)
    assert [c.kind for c in r2.level_gap.conditions if not c.met] == ["mandatory"] or failed == ["mandatory"]


def test_planning_picks_the_cheapest_way_through_a_failed_gate():
    fw = framework()
    # s2 needs one step (1->2) but it is hard (effort 3) and dear; s1 needs two easy, cheap steps
    lib = library(fw, {("s2", 2): {"effort": 3, "cost": (5000, 9000)}})
    plan = build_plan(assessment(fw, START), "next-level", framework=fw, library=lib)
    assert plan.reached and plan.optimal
    keys = [i.key for i in plan.items]
    assert keys == ["s1>1", "s1>2"] or sorted(keys) == ["s1>1", "s1>2"]
    assert plan.expected.level_index == 2
    assert all("mandatory" in i.unblocks for i in plan.items)
    # when the one-step route costs less, it wins; by effort the two easy steps still win
    lib = library(fw, {("s2", 2): {"effort": 3}})
    plan = build_plan(assessment(fw, START), "next-level", framework=fw, library=lib)
    assert [i.key for i in plan.items] == ["s2>2"]
    plan = build_plan(assessment(fw, START), "next-level", framework=fw, library=lib, objective=Objective("effort"))
    assert sorted(i.key for i in plan.items) == ["s1>1", "s1>2"]


def test_points_gate_takes_the_biggest_gain_per_effort_and_drops_what_is_not_needed():
    fw = framework()
    answers = dict(START, s1=Answer(level=3), s2=Answer(level=3), s3=Answer(level=3))
    # level 2 now; level 3 needs 60 points: +20 from pts (o3) or from one pts2 option
    lib = library(fw, {("pts2", "x1"): {"effort": 2}, ("pts2", "x2"): {"effort": 2}})
    plan = build_plan(assessment(fw, answers), "level:3", framework=fw, library=lib)
    assert plan.reached and plan.expected.level_index == 3
    assert [i.key for i in plan.items] == ["pts>o3"]
    assert plan.expected.total_score == 60


def test_phases_follow_stage_order_and_quarters_follow_the_assessment():
    fw = framework()
    answers = {"pts": Answer(choice="o0"), "pts2": Answer(choices=("none",))}
    plan = build_plan(assessment(fw, answers, date="2026-11-20"), "level:4", framework=fw, library=library(fw))
    assert plan.reached and plan.expected.level_index == 4
    order = [p.id for p in plan.phases]
    assert order == sorted(order, key=["cloud", "data", "intelligence"].index)
    assert order[0] == "cloud"
    assert plan.start == dt.date(2027, 1, 1)
    assert plan.phases[0].start_quarter == "2027Q1"
    # a later phase starts when the earlier one ends; a step waits for the earlier step of its question
    for a, b in zip(plan.phases, plan.phases[1:], strict=False):
        assert b.start_month == a.end_month
    s1 = [i for i in plan.items if i.question_id == "s1"]
    for a, b in zip(s1, s1[1:], strict=False):
        assert b.start_month >= a.end_month
    assert plan.cost_min == sum(i.cost_min for i in plan.items)


def test_expected_after_plan_equals_rescoring_the_targets():
    fw = framework()
    plan = build_plan(assessment(fw, START), "level:3", framework=fw, library=library(fw))
    answers = dict(START)
    for item in plan.items:
        qq = fw.question(item.question_id)
        if qq.is_leveled:
            answers[qq.id] = Answer(level=max(item.to_value, answers[qq.id].level or 0))
        elif qq.kind == "multi":
            prev = [c for c in (answers[qq.id].choices or ()) if c != "none"]
            answers[qq.id] = Answer(choices=tuple(prev + [item.to_value]))
        else:
            answers[qq.id] = Answer(choice=item.to_value)
    rescored = score_answers(fw, answers)
    assert plan.expected.total_score == rescored.total_score
    assert plan.expected.level_index == rescored.level_index == 3
    assert plan.expected.stage.index == rescored.stage.index


def test_user_edits_survive_replanning():
    fw = framework()
    lib = library(fw)
    a = assessment(fw, START)
    plan = build_plan(a, "level:3", framework=fw, library=lib)
    key = plan.items[0].key
    a, plan = edit_item(a, plan, key, owner="张三", due="2027-03-31", status="in_progress", notes="已询价")
    again = build_plan(a, None, framework=fw, library=lib)  # target comes from the stored record
    assert again.target.to_string() == "level:3"
    item = again.item(key)
    assert (item.owner, item.due, item.status, item.notes) == ("张三", "2027-03-31", "in_progress", "已询价")
    # a different target no longer needs that step: the edited item is kept, marked as the user's
    smaller = build_plan(a, "next-level", framework=fw, library=lib)
    kept = [i for i in smaller.items if i.key == key]
    assert kept and (kept[0].owner == "张三")
    assert kept[0].kept_by_user or key in [i.key for i in smaller.items if not i.kept_by_user]


def test_dropped_items_do_not_count_in_the_expectation():
    fw = framework()
    a = assessment(fw, START)
    plan = build_plan(a, "next-level", framework=fw, library=library(fw))
    assert plan.expected.level_index == 2
    a, plan = edit_item(a, plan, plan.items[0].key, status="dropped")
    assert plan.expected.level_index == 1
    assert plan.cost_max == 0


def test_an_assessment_at_the_top_gets_an_empty_plan_that_says_so():
    fw = framework()
    top = {"pts": Answer(choice="o3"), "pts2": Answer(choices=("x1", "x2")),
           **{s: Answer(level=4) for s in ("s1", "s2", "s3", "s4")}}
    plan = build_plan(assessment(fw, top), "next-level", framework=fw, library=library(fw))
    assert plan.is_empty and plan.message is not None
    assert "top" in plan.message.en.lower() or "already" in plan.message.en.lower()
    assert plan.expected.level_index == 4


def test_next_stage_lifts_the_pillar_that_is_short():
    fw = framework()
    answers = {"pts": Answer(choice="o0"), "pts2": Answer(choices=("none",))}
    r = score_answers(fw, answers)
    assert r.stage.index == 0
    plan = build_plan(assessment(fw, answers), "next-stage", framework=fw, library=library(fw))
    assert plan.reached and plan.expected.stage.index == 1
    assert {i.question_id for i in plan.items} == {"pts"}  # the only cloud-tagged question
    assert all(i.unblocks == ("pillar:cloud",) for i in plan.items)


def test_stored_record_round_trips_through_the_assessment():
    fw = framework()
    a = assessment(fw, START)
    plan = build_plan(a, "level:3", framework=fw, library=library(fw))
    rec = with_plan(a, plan).plan
    assert rec["target"] == "level:3"
    assert {i["key"] for i in rec["items"]} == {i.key for i in plan.items}


@pytest.mark.parametrize("text", ["level:0", "level:5", "next", "level:x"])
def test_bad_targets_are_refused(text):
    with pytest.raises(ValueError):
        parse_target(text)


def test_objective_budget_pins_and_excludes_are_stored_and_used_again():
    fw = framework()
    lib = library(fw)
    a = assessment(fw, START)
    plan = build_plan(a, "level:3", framework=fw, library=lib, objective=Objective("effort", "high"),
                      pins=["pts>o3"], excludes=["s2>2"])
    assert "pts>o3" in [i.key for i in plan.items] and "s2>2" not in [i.key for i in plan.items]
    a = with_plan(a, plan)
    again = build_plan(a, None, framework=fw, library=lib)
    assert again.objective == Objective("effort", "high")
    assert again.pins == {"pts>o3"} and again.excludes == {"s2>2"}
    assert [i.key for i in again.items] == [i.key for i in plan.items]
    budget = build_plan(a, framework=fw, library=lib, budget=5000)
    stored = build_plan(with_plan(a, budget), None, framework=fw, library=lib)
    assert stored.budget == 5000 and [i.key for i in stored.items] == [i.key for i in budget.items]
    # an explicit target leaves the stored budget aside
    assert build_plan(with_plan(a, budget), "level:3", framework=fw, library=lib).budget is None


def test_a_phase_starts_the_month_after_the_one_before_ends_and_says_so_by_month():
    """The bundled pilot sample's plan: phase 1 (cloud) takes one month, so phase 2 starts a month later, in the
    same quarter; the months, not the shared quarter, show that one follows the other."""
    from smedigital.core.assessment import load_assessment
    from smedigital.core.resources import resource_path

    a = load_assessment(resource_path("samples", "pilot", "manufacturer-miit-after.smd.json"))
    plan = build_plan(a, None)
    one, two = plan.phases[:2]
    assert (one.id, two.id) == ("cloud", "data")
    assert one.start_quarter == two.start_quarter == "2027Q1"  # the quarter alone hides the order
    assert two.start_month == one.end_month
    assert (one.months, two.first_month) == ("2027-01", "2027-02")
    assert two.months == f"2027-02–{two.last_month}" and two.last_month > two.first_month
    assert min(i.first_month for i in two.items) == "2027-02" and all(i.first_month == "2027-01" for i in one.items)
    d = plan_to_dict(plan, "en")
    assert [(p["first_month"], p["last_month"]) for p in d["phases"]][:2] == [("2027-01", "2027-01"),
                                                                            ("2027-02", two.last_month)]
