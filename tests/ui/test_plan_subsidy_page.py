"""The plan page's rule-pack chooser: each step's eligibility, the eligible cost and subsidy range with
the pack's caveats, updating with the what-if controls; the choice is kept with the plan."""

from __future__ import annotations

import shutil

from test_assessment_wizard import activate, open_view

from smedigital.core.assessment import load_assessment
from smedigital.core.resources import resource_path
from smedigital.ui.assessment.plan_page import COLUMN_INDEX

CHANGCHUN = "changchun-batch3-example"


def sample():
    """The MIIT sample as if assessed in January 2025, so that its plan falls in Changchun's windows."""
    from dataclasses import replace

    return replace(load_assessment(resource_path("samples", "manufacturer-miit.smd.json")), assessed_on="2025-01-10")


def column(page, name):
    return [page.model.index(r, COLUMN_INDEX[name]).data() for r in range(page.model.rowCount())]


def test_choosing_a_pack_shows_eligibility_cost_subsidy_caveats_and_is_kept(qtbot, tmp_path):
    view = open_view(qtbot, sample())
    activate(qtbot, view)
    view.go_to("plan")
    page = view.plan_page
    page.target.setCurrentIndex(page.target.findData("level:3"))
    assert set(column(page, "subsidy")) == {"—"} and not page.subsidy_text.isVisible()

    index = page.rules.findData(CHANGCHUN)
    assert index > 0 and "[example]" in page.rules.itemText(index) and "[re-post]" in page.rules.itemText(index)
    page.rules.activated.emit(index)
    assert page.plan.rules == CHANGCHUN and view.session.assessment.plan["rules"] == CHANGCHUN
    states = column(page, "subsidy")
    assert "eligible" in states and "not counted" in states
    text = page.subsidy_text.text()
    assert "eligible cost ¥" in text and "estimated subsidy ¥" in text and "¥500,000" in text  # the cap
    assert "[met] needs Level 2 or above" in text and "[open]" in text
    caveats = page.subsidy_caveats.text()
    assert "Example rule pack" in caveats and "[re-post]" in caveats and page.subsidy_caveats.isVisible()
    row = states.index("not counted")
    tip = page.model.index(row, COLUMN_INDEX["subsidy"]).data(3)  # ToolTipRole
    assert "not counted" in tip or "not listed" in tip

    # what if: a lower target updates the figures at once
    before = page.subsidy.estimate.eligible.max
    page.target.setCurrentIndex(page.target.findData("level:2"))
    assert page.subsidy is not None and page.subsidy.estimate.eligible.max < before
    assert page.subsidy_text.text() != text

    # a pack file of one's own
    mine = tmp_path / "mine.yaml"
    shutil.copy(resource_path("rules", "hangzhou-xiaoshan.example.yaml"), mine)
    page.ask_pack_file = lambda: str(mine)
    page.rules.activated.emit(page.rules.findData("__open__"))
    assert page.plan.rules == str(mine) and page.subsidy.pack.id == "hangzhou-xiaoshan-example"
    assert page.rules.currentData() == str(mine)

    # cancelling the file dialog keeps the pack; "no pack" clears it
    page.ask_pack_file = lambda: ""
    page.rules.activated.emit(page.rules.findData("__open__"))
    assert page.plan.rules == str(mine)
    page.rules.activated.emit(page.rules.findData(""))
    assert page.plan.rules is None and "rules" not in view.session.assessment.plan
    assert set(column(page, "subsidy")) == {"—"}


def test_a_stored_pack_comes_back_and_an_unreadable_one_is_said(qtbot, tmp_path):
    a = sample()
    from dataclasses import replace

    view = open_view(qtbot, replace(a, plan={"target": "level:2", "rules": CHANGCHUN, "items": []}))
    activate(qtbot, view)
    view.go_to("plan")
    page = view.plan_page
    assert page.rules.currentData() == CHANGCHUN and page.subsidy is not None
    assert "Example rule pack" in page.subsidy_caveats.text()
    page.choose_rules(str(tmp_path / "gone.yaml"))
    assert page.subsidy is None and "cannot be read" in page.subsidy_text.text()
