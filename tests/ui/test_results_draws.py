"""Opening an assessment on its results: each chart in view is drawn once, at the size it is shown at, and
a chart out of view is not drawn until it is scrolled into view (then once). Before, the canvases were
drawn at their first paint, again by matplotlib's own paint (the redraw a resize asks for), and the
charts spanning both columns a third time when the page widened to fit the charts."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PySide6.QtWidgets import QApplication

from smedigital.ui.main_window import MainWindow
from smedigital.ui.qtguard import guard_singletons

guard_singletons()

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


@pytest.fixture
def full_draws(monkeypatch) -> Counter:
    """How many times matplotlib drew each canvas's whole figure (by chart key)."""
    counts: Counter = Counter()
    draw = FigureCanvasAgg.draw

    def counted(canvas):
        if getattr(canvas, "chart_key", ""):  # a results page's canvas
            counts[canvas.chart_key] += 1
        return draw(canvas)

    monkeypatch.setattr(FigureCanvasAgg, "draw", counted)
    return counts


def settle(qtbot, window, page) -> None:
    qtbot.waitUntil(lambda: bool(page.canvases) and not page.stale, timeout=15000)
    window.repaint()
    qtbot.wait(50)  # what an open leaves in the event loop (matplotlib's idle draws, the resizes) runs


def same_as_full_draw(canvas, result) -> bool:
    """The canvas shows what matplotlib draws for a fresh chart of the same kind and size."""
    shown = canvas.chart
    fresh = type(shown)(shown.framework, shown.lang, high_contrast=shown.style.high_contrast)
    fresh.figure.set_size_inches(canvas.figure.get_size_inches())
    fresh.update(result)
    agg = FigureCanvasAgg(fresh.figure)
    agg.draw()
    return np.array_equal(np.asarray(canvas.buffer_rgba()), np.asarray(agg.buffer_rgba()))


@pytest.mark.parametrize("sample", ["retail-chain-cdi", "manufacturer-miit"])
def test_an_open_draws_each_chart_in_view_once_at_its_shown_size(library, qtbot, full_draws, sample):
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    assert window.open_assessment(library.import_file(SAMPLES / f"{sample}.smd.json"))
    view = window.assessment_view
    page = view.results_page
    assert view.stack.currentWidget() is page  # a complete assessment opens on its results
    settle(qtbot, window, page)

    in_view = [c for c in page.canvases if not c.visibleRegion().isEmpty()]
    below = [c for c in page.canvases if c.chart_key in ("scenes", "history")]  # under the first two rows
    assert in_view and below and all(c.visibleRegion().isEmpty() for c in below)
    assert all(n <= 1 for n in full_draws.values()), full_draws  # a chart once in view while the texts grew
    assert {c.chart_key: full_draws[c.chart_key] for c in in_view} == {c.chart_key: 1 for c in in_view}
    assert {c.chart_key: full_draws[c.chart_key] for c in below} == {c.chart_key: 0 for c in below}
    ratio = page.devicePixelRatioF()
    for canvas in in_view:  # drawn at the size it is shown at, showing what a full draw shows
        assert canvas.get_width_height(physical=True) == (round(canvas.width() * ratio),
                                                          round(canvas.height() * ratio))
        assert canvas.chart_key == "history" or same_as_full_draw(canvas, view.session.result), canvas.chart_key

    last = below[-1]
    page.scroll.ensureWidgetVisible(last)
    qtbot.waitUntil(lambda: not last.visibleRegion().isEmpty() and not last.figure_stale)
    QApplication.processEvents()
    assert full_draws[last.chart_key] == 1  # scrolled into view: drawn then, once
    assert all(n <= 1 for n in full_draws.values()), full_draws  # scrolling draws nothing again


def test_a_second_firm_on_the_same_framework_reuses_the_charts_and_shows_a_full_draw(library, qtbot, full_draws):
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    qtbot.waitExposed(window)
    first_id = library.import_file(SAMPLES / "retail-chain-cdi.smd.json")
    second_id = library.import_file(SAMPLES / "farm-cooperative-cdi.smd.json")
    assert window.open_assessment(first_id)
    first = window.assessment_view.results_page
    settle(qtbot, window, first)
    figures = {c.chart_key: c.figure for c in first.canvases if c.chart_key != "history"}
    full_draws.clear()

    assert window.open_assessment(second_id)
    view = window.assessment_view
    page = view.results_page
    settle(qtbot, window, page)
    # the same figures on the new page's canvases (the old page is gone), updated to the second firm
    assert {c.chart_key: c.figure for c in page.canvases if c.chart_key != "history"} == figures
    assert all(c.figure.canvas is c for c in page.canvases)
    in_view = [c for c in page.canvases if not c.visibleRegion().isEmpty()]
    assert in_view
    assert sum(full_draws.values()) < len(in_view)  # the kept backgrounds are pasted, not drawn again
    for canvas in in_view:
        assert canvas.chart_key == "history" or same_as_full_draw(canvas, view.session.result), canvas.chart_key


def test_a_hidden_page_whose_charts_were_taken_draws_its_own_again_when_shown(qtbot):
    """Two views on one framework: the second takes the charts of the first while it is hidden; shown
    again, the first gets charts of its own again and shows its own firm's results as a full draw would."""
    from uiwindow import open_results

    from smedigital.core.assessment import load_assessment

    first_view, first = open_results(qtbot, load_assessment(SAMPLES / "retail-chain-cdi.smd.json"))
    first_figures = {c.chart_key: c.figure for c in first.canvases if c.chart_key != "history"}
    first_view.hide()
    second_view, second = open_results(qtbot, load_assessment(SAMPLES / "farm-cooperative-cdi.smd.json"))
    assert {c.chart_key: c.figure for c in second.canvases if c.chart_key != "history"} == first_figures
    second_view.hide()
    first_view.show()
    qtbot.waitExposed(first_view)
    qtbot.waitUntil(lambda: not first.stale and bool(first.canvases), timeout=15000)
    first_view.repaint()
    qtbot.wait(50)
    mine = {c.chart_key: c for c in first.canvases if c.chart_key != "history"}
    # its canvases hold figures drawn on them (the kept ones taken back, the other view being hidden now)
    assert mine and all(c.figure.canvas is c for c in mine.values())
    in_view = [c for c in mine.values() if not c.visibleRegion().isEmpty()]
    assert in_view
    for canvas in in_view:
        assert same_as_full_draw(canvas, first_view.session.result), canvas.chart_key
