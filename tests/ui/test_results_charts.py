"""The results page's charts scrolled out of view: marked stale on an answer change, and brought up to
date when scrolled back into view by drawing only what changed, showing what a full draw shows."""

from __future__ import annotations

import pytest
from uiwindow import open_results

from smedigital.core.answers import Answer
from smedigital.core.assessment import load_assessment
from smedigital.core.resources import resource_path
from smedigital.ui.qtguard import guard_singletons

guard_singletons()

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


def full_draw(chart_class, canvas, result):
    """A fresh chart of the same kind and size, updated to ``result`` and drawn whole by matplotlib."""
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    shown = canvas.chart
    fresh = chart_class(shown.framework, shown.lang, high_contrast=shown.style.high_contrast)
    fresh.figure.set_size_inches(canvas.figure.get_size_inches())
    fresh.update(result)
    agg = FigureCanvasAgg(fresh.figure)
    agg.draw()
    return np.asarray(agg.buffer_rgba())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_heat_map_scrolled_back_into_view_draws_only_what_changed(qtbot, lang):
    import numpy as np

    from smedigital.charts.figures import SceneHeatmap

    view, page = open_results(qtbot, load_assessment(resource_path("samples", "manufacturer-miit.smd.json")), lang)
    canvas = next(c for c in page.canvases if c.chart_key == "scenes")
    bar = page.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)

    def scroll_to_heat_map() -> None:
        page.scroll.ensureWidgetVisible(canvas)
        qtbot.waitUntil(lambda: not canvas.visibleRegion().isEmpty() and not canvas.figure_stale)

    def scroll_to_top() -> None:
        bar.setValue(0)
        qtbot.waitUntil(lambda: canvas.visibleRegion().isEmpty())

    assert canvas.visibleRegion().isEmpty()  # below the window: not drawn yet
    scroll_to_heat_map()  # its first showing: drawn whole
    scroll_to_top()
    full_draws: list[object] = []
    canvas.mpl_connect("draw_event", full_draws.append)
    scene = view.session.framework.scenes[1]
    for level in (3, 1):
        view.session.set_answer(scene.id, Answer(level=level))
        qtbot.waitUntil(lambda: not page.stale, timeout=15000)
        assert canvas.figure_stale  # out of view: not drawn on the change
        scroll_to_heat_map()
        assert full_draws == []  # only the row that changed, over the kept background
        shown = np.asarray(canvas.buffer_rgba())
        assert np.array_equal(shown, full_draw(SceneHeatmap, canvas, view.session.result))
        scroll_to_top()
