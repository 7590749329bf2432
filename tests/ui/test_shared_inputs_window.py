"""Revenue and device totals are typed once; computed values carry units; the wheel over a chart scrolls."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from uiwindow import open_view

from smedigital.core.answers import Answer
from smedigital.core.assessment import load_assessment, new_assessment, parse_assessment
from smedigital.core.framework import get_framework
from smedigital.core.resources import resource_path
from smedigital.ui.qtguard import guard_singletons

guard_singletons()

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

MIIT = "miit-2024-manufacturing"
ENERGY, RPE, COST = "miit.results.energy", "miit.results.revenue_per_employee", "miit.results.cost"
DIGITISED, NETWORKED = "miit.foundation.device_digitisation", "miit.foundation.device_networking"
SAMPLE = resource_path("samples", "manufacturer-miit.smd.json")



def type_into(qtbot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, text)


def test_revenue_typed_at_the_first_question_fills_every_other(qtbot):
    view = open_view(qtbot, new_assessment(get_framework(MIIT)))
    view.go_to("dim:results")
    energy, rpe, cost = (view.card(q).input for q in (ENERGY, RPE, COST))
    type_into(qtbot, energy.fields["revenue_last"], "5600")
    type_into(qtbot, energy.fields["revenue_before"], "5200")
    answers = view.session.assessment.answers
    for qid in (ENERGY, RPE, COST):
        assert answers[qid].raw["revenue_last"] == 5600 and answers[qid].raw["revenue_before"] == 5200
    for later in (rpe, cost):
        field = later.fields["revenue_last"]
        assert field.text() == "5600" and field.isReadOnly()
        assert field.focusPolicy() == Qt.FocusPolicy.ClickFocus  # Tab passes it by
        assert field not in later.inputs()
        assert "entered at question 12" in later.shared_note.text()
        qtbot.keyClicks(field, "9")  # a read-only copy cannot be typed over
        assert view.session.assessment.answers[later.question.id].raw["revenue_last"] == 5600
    assert "also used for question(s) 14, 15" in energy.shared_note.text()

    type_into(qtbot, energy.fields["revenue_last"], "6000")  # a correction reaches the others at once
    assert rpe.fields["revenue_last"].text() == "6000"
    assert view.session.assessment.answers[COST].raw["revenue_last"] == 6000

    # the rest of each question is typed as before and computes with the shared figure
    type_into(qtbot, rpe.fields["employees_last"], "120")
    type_into(qtbot, rpe.fields["employees_before"], "118")
    assert rpe.computed is not None
    assert "万元" not in rpe.outcome.text() and "10,000 yuan per person" in rpe.outcome.text()
    assert "50 10,000 yuan per person" in rpe.outcome.text()  # 6000/120 = 50, 5200/118 = 44.1
    assert "44.1" in rpe.outcome.text()


def test_device_total_is_asked_once_and_named_in_the_firms_language(qtbot):
    view = open_view(qtbot, new_assessment(get_framework(MIIT)), lang="zh")
    digitised, networked = view.card(DIGITISED).input, view.card(NETWORKED).input
    type_into(qtbot, digitised.fields["devices_total"], "80")
    assert networked.fields["devices_total"].text() == "80" and networked.fields["devices_total"].isReadOnly()
    assert networked.shared_note.text().startswith("生产设备总数")  # the figure named in the firm's language
    assert "2" in networked.shared_note.text() and "3" in digitised.shared_note.text()
    type_into(qtbot, networked.fields["devices_networked"], "18")
    assert "22.5%" in networked.outcome.text()


def test_computed_values_show_their_unit_and_three_figures(qtbot):
    view = open_view(qtbot, load_assessment(SAMPLE), lang="zh")
    energy = view.card(ENERGY).input.outcome.text()
    assert "0.165 吨标准煤/万元" in energy and "0.146 吨标准煤/万元" in energy  # 860/5200, 820/5600
    cost = view.card(COST).input.outcome.text()
    assert "Before 90%," in cost and "88.4%" in cost  # 4680/5200, 4950/5600 as shares of revenue
    assert "0.8839" not in cost and "72.5806" not in cost


def test_an_older_file_with_revenue_typed_differently_keeps_the_first_and_says_so(qtbot):
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data["answers"][COST]["raw"]["revenue_last"] = 5650  # typed again, differently, in an older version
    view = open_view(qtbot, parse_assessment(data, "older.smd.json"))
    answers = view.session.assessment.answers
    assert answers[COST].raw["revenue_last"] == 5600
    note = view.card(COST).input.shared_note.text()
    assert "5650" in note and "5600" in note and "⚠" in note
    assert not view.card(RPE).input.shared_note.text().startswith("⚠")


def test_the_wheel_over_a_results_chart_scrolls_the_page(qtbot):
    view = open_view(qtbot, load_assessment(SAMPLE), size=(1366, 768))
    view.go_to("results")
    page = view.results_page
    qtbot.waitUntil(lambda: not page.stale, timeout=15000)
    bar = page.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)  # the charts are taller than the window
    visible = [c for c in page.canvases if c.visibleRegion().boundingRect().height() > 20]
    assert visible
    canvas = visible[0]
    before = bar.value()
    where = QPointF(canvas.visibleRegion().boundingRect().center())
    event = QWheelEvent(where, QPointF(canvas.mapToGlobal(where.toPoint())), QPoint(0, 0), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QApplication.sendEvent(canvas, event)
    assert bar.value() > before


def test_a_signed_off_file_is_not_rewritten_by_the_reconciliation(qtbot):
    a = load_assessment(SAMPLE)
    answers = dict(a.answers)
    answers[COST] = Answer(raw={**answers[COST].raw, "revenue_last": 5650})
    a = replace(a, answers=answers, signed_off={"by": "王建国", "date": "2026-11-21"})
    view = open_view(qtbot, a)
    assert view.session.assessment.answers[COST].raw["revenue_last"] == 5650


# --------------------------------------------------------------------------- scrolling within a step

def test_a_level_chosen_by_click_brings_the_next_scene_into_view_and_a_change_stays_put(qtbot):
    view = open_view(qtbot, new_assessment(get_framework(MIIT)), size=(1366, 768))
    view.go_to("dim:scenes")
    page = view.section_pages["scenes"]
    bar = page.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    cards = list(page.cards.values())
    assert bar.value() == 0
    cards[0].input.buttons["2"].click()
    body = page.scroll.widget()
    qtbot.waitUntil(lambda: bar.value() > 0)
    top = cards[1].mapTo(body, cards[1].rect().topLeft()).y()
    assert bar.value() <= top < bar.value() + page.scroll.viewport().height() // 4  # the next scene at the top
    bar.setValue(0)
    cards[0].input.buttons["3"].click()  # a second thought on the same scene: the page does not move
    qtbot.wait(50)
    assert bar.value() == 0


def test_the_count_of_what_a_user_does_for_the_sample(qtbot):
    import importlib.util
    from pathlib import Path

    tool_path = Path(__file__).resolve().parents[2] / "tools" / "count_interactions.py"
    spec = importlib.util.spec_from_file_location("count_interactions", tool_path)
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    out = tool.count(SAMPLE)
    by_step = {r["step"]: r for r in out["steps"]}
    # 20 figures in the file, of which the device total once more and both years' revenue twice more
    assert out["total"]["typed"] == 6 + 6 + 20 - 5
    assert by_step["dim:results"]["typed"] == 10
    assert by_step["dim:scenes"]["notches"] == 0  # each level click brings the next scene up
    assert by_step["dim:scenes"]["clicks"] == 16


def test_when_the_first_question_is_not_applicable_the_next_one_asks_the_figure(qtbot, monkeypatch):
    from fwfactory import base_framework, t
    from fwfactory import q as make_q

    from smedigital.core.framework import bundled_frameworks, parse_framework

    bands = [{"id": "lo", "points": 0, "label": t("lo"), "band": {"min": 0, "max": 0.5, "min_closed": True,
                                                                  "max_closed": True}},
             {"id": "hi", "points": 5, "label": t("hi"), "band": {"min": 0.5, "max": 1, "min_closed": False,
                                                                  "max_closed": True}}]

    def ratio_q(qid, inputs):
        return make_q(qid, "ratio_band", "a", 5, options=[dict(b) for b in bands], inputs=inputs, na_allowed=True,
                      pillar_weight=1, ratio={"numerator": f"{qid}_part", "denominator": "revenue"})

    def part(qid):
        return {"id": f"{qid}_part", "label": t(f"part of {qid}"), "unit": t("万元")}

    fw = parse_framework(base_framework(
        [ratio_q("x", [part("x"), {"shared": "revenue"}]), ratio_q("y", [part("y"), {"shared": "revenue"}])],
        shared_inputs=[{"id": "revenue", "label": t("Revenue"), "unit": t("万元")}]), "test")
    monkeypatch.setitem(bundled_frameworks(), fw.id, fw)
    view = open_view(qtbot, new_assessment(fw))
    view.go_to("dim:a")
    x, y = view.card("x"), view.card("y")
    type_into(qtbot, x.input.fields["revenue"], "100")
    assert y.input.fields["revenue"].isReadOnly() and y.input.fields["revenue"].text() == "100"
    x.na_box.click()  # x does not apply to this firm: y now asks for the figure itself
    field = y.input.fields["revenue"]
    assert not field.isReadOnly() and field in y.input.inputs()
    assert field.text() == "100"  # what was typed is kept
    assert "entered at question" not in y.input.shared_note.text()
    type_into(qtbot, field, "200")
    type_into(qtbot, y.input.fields["y_part"], "150")
    assert view.session.assessment.answers["y"].raw == {"y_part": 150, "revenue": 200}
    assert view.session.assessment.answers["x"].na
