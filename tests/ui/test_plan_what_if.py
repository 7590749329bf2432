"""The plan page's what-if: objective, budget, pinned and excluded steps re-optimise the plan at once;
the results page suggests the first phase of the optimal plan for the next level."""

from __future__ import annotations

from test_assessment_wizard import activate, open_view

from smedigital.core.assessment import load_assessment
from smedigital.core.planning import build_plan
from smedigital.core.resources import resource_path
from smedigital.ui.assessment.plan_page import COLUMN_INDEX

FUNDING = "miit.management.funding>r10_20"


def sample():
    return load_assessment(resource_path("samples", "manufacturer-miit.smd.json"))


def mid(plan) -> float:
    return (plan.cost_min + plan.cost_max) / 2


def test_objective_budget_pins_and_exclusions_replan_and_are_stored(qtbot):
    view = open_view(qtbot, sample())
    activate(qtbot, view)
    view.go_to("plan")
    page = view.plan_page
    page.target.setCurrentIndex(page.target.findData("level:3"))
    cheapest = page.plan
    assert cheapest.reached and cheapest.optimal and "Proven the best plan" in page.what_if.text()

    page.objective.setCurrentIndex(page.objective.findData("months:mid"))
    fastest = page.plan
    assert fastest.objective.kind == "months" and fastest.reached
    assert fastest.duration_months <= cheapest.duration_months and mid(fastest) >= mid(cheapest)
    assert view.session.assessment.plan["objective"]["kind"] == "months"
    page.objective.setCurrentIndex(page.objective.findData("cost:mid"))

    # ¥200,000: the best the budget allows, found without a target
    page.budget.setValue(20)
    assert page.plan.budget == 200_000 and not page.target.isEnabled()
    assert mid(page.plan) <= 200_000 and page.plan.expected.level_index == 2
    assert "200,000" in page.what_if.text() and "Level 2" in page.what_if.text()
    assert str(page.plan.expected.level_label("en")) in page.expected.text()
    page.budget.setValue(0)
    assert page.plan.budget is None and page.target.isEnabled()

    # "we will not do this": excluded in the table, the plan goes around it and still reaches the level
    row = next(r for r, i in enumerate(page.model.items) if i.question_id.startswith("miit.scene."))
    key = page.model.item_at(row).key
    assert page.model.setData(page.model.index(row, COLUMN_INDEX["what_if"]), "exclude")
    qtbot.waitUntil(lambda: key in page.plan.excludes)
    assert key not in [i.key for i in page.plan.items] and page.plan.reached
    assert view.session.assessment.plan["excludes"] == [key]
    assert "Excluded:" in page.what_if.text()

    # "we are doing it anyway": pin a step the plan did not take (raising spending to 10 % of revenue)
    index = page.add_step.findData(FUNDING)
    assert index > 0
    page.add_step.activated.emit(index)
    item = page.plan.item(FUNDING)
    assert item.cost_min >= 14_100_000  # 3 years x (10 % of 5,600万元 - 90万元)
    assert view.session.assessment.plan["pins"] == [FUNDING]
    page.clear_what_if.click()
    assert not page.plan.pins and not page.plan.excludes
    assert FUNDING not in [i.key for i in page.plan.items]


def test_the_results_page_suggests_the_first_phase_of_the_plan_for_the_next_level(qtbot):
    a = sample()
    first = build_plan(a, "next-level").phases[0].items
    view = open_view(qtbot, a)
    view.go_to("results")
    page = view.results_page
    qtbot.waitUntil(lambda: not page.stale, timeout=15000)
    fw = a.framework
    suggested = [ln for ln in page.gap.text().splitlines() if "Suggested:" in ln]
    assert len(suggested) == len({i.question_id for i in first})
    for i in first:
        assert any(fw.question(i.question_id).label.en in ln for ln in suggested)
