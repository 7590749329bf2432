"""High contrast: every label, box, field border and chart visible, switched at run time or after a restart.

What is checked is what is drawn: the widgets are rendered and the brightest contrast of their
pixels with the window colour is measured (WCAG contrast ratio: at least 7:1 for text, 3:1
for borders and check box indicators).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from smedigital.ui import i18n, theme
from smedigital.ui.application import apply_settings
from smedigital.ui.main_window import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = sorted((ROOT / "resources" / "samples").glob("*.smd.json"))[0]


@pytest.fixture(autouse=True)
def _normal_contrast(qapp):
    i18n.set_language("en")
    yield
    theme.reset()
    i18n.reset()


def luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def drawn(widget: QWidget) -> tuple[QColor, float]:
    """What the user sees of ``widget`` in its window: the colour most of it is drawn in (its
    background) and the highest contrast of any of its pixels with that colour."""
    top = widget.window()
    image = top.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    image = image.copy(QRect(widget.mapTo(top, QPoint(0, 0)), widget.size()))
    counts = Counter(image.pixel(x, y) for x in range(image.width()) for y in range(image.height()))
    background = QColor.fromRgb(counts.most_common(1)[0][0])
    return background, max(contrast(QColor.fromRgb(c), background) for c in counts)


def drawn_contrast(widget: QWidget) -> float:
    background, best = drawn(widget)
    window = QApplication.palette().color(QPalette.ColorRole.Window)
    if theme.is_high_contrast():  # the widget is drawn on the black of the theme, not on a colour left over
        assert contrast(background, window) < 1.5, f"{type(widget).__name__} is drawn on {background.name()}"
    return best


def form(parent: QWidget | None = None) -> tuple[QWidget, dict[str, QWidget]]:
    """A label, an unchecked and a checked box, radio buttons, an empty field and a button, with a
    label under a style sheet of its own (as the assessment pages have)."""
    page = QWidget(parent)
    page.setStyleSheet("QLabel#styled { font-weight: bold; }")
    parts: dict[str, QWidget] = {
        "label": QLabel("Firm name", page), "styled": QLabel("Results", page), "unchecked": QCheckBox("", page),
        "checked": QCheckBox("", page), "radio": QRadioButton("", page), "field": QLineEdit(page),
        "button": QPushButton("", page),
    }
    parts["styled"].setObjectName("styled")
    parts["checked"].setChecked(True)
    layout = QVBoxLayout(page)
    for part in parts.values():
        layout.addWidget(part)
    return page, parts


def assert_visible(parts: dict[str, QWidget]) -> None:
    for name in ("label", "styled"):
        assert drawn_contrast(parts[name]) >= 7, f"{name} text is not readable"
    for name in ("unchecked", "checked", "radio", "field", "button"):
        assert drawn_contrast(parts[name]) >= 3, f"the {name}'s outline cannot be seen"


def test_switching_high_contrast_at_run_time_shows_text_boxes_and_borders(library, qtbot):
    window = MainWindow(library)
    qtbot.addWidget(window)
    page, parts = form()
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    window.contrast_action.trigger()
    assert theme.is_high_contrast() and library.get_state("theme") == "high_contrast"
    palette = QApplication.palette()
    black = palette.color(QPalette.ColorRole.Window)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText,
                 QPalette.ColorRole.Link, QPalette.ColorRole.HighlightedText):
        against = palette.color(QPalette.ColorRole.Highlight) if role == QPalette.ColorRole.HighlightedText else black
        assert contrast(palette.color(role), against) >= 7, role
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    assert contrast(disabled, black) >= 4.5 and disabled != palette.color(QPalette.ColorRole.WindowText)
    assert_visible(parts)
    assert contrast(QColor(theme.warning_colour()), black) >= 7
    window.contrast_action.trigger()
    assert not theme.is_high_contrast() and library.get_state("theme") is None
    assert QApplication.palette().color(QPalette.ColorRole.Window) != black
    assert drawn_contrast(parts["styled"]) >= 7  # back to dark text on a light window


def test_high_contrast_after_a_restart_shows_every_box_and_field_of_the_pages(library, qtbot):
    library.set_state("theme", "high_contrast")
    apply_settings(library, "en")  # what the program does when it starts
    assert theme.is_high_contrast()
    window = MainWindow(library)
    qtbot.addWidget(window)
    assert window.contrast_action.isChecked()
    window.show()
    qtbot.waitExposed(window)
    page, parts = form()
    qtbot.addWidget(page)
    page.show()
    assert_visible(parts)
    assessment_id = library.import_file(SAMPLE)
    assert window.open_assessment(assessment_id)
    view = window.assessment_view
    for step in ("profile", "details"):
        view.go_to(step)
        shown = [w for w in view.findChildren(QWidget) if w.isVisible() and w.width() > 0 and w.height() > 0]
        boxes = [w for w in shown if isinstance(w, QCheckBox | QLineEdit)]
        assert boxes, step
        for box in boxes:
            assert drawn_contrast(box) >= 3, f"{step}: {box.objectName() or type(box).__name__}"
        for label in [w for w in shown if isinstance(w, QLabel) and w.text().strip()][:20]:
            assert drawn_contrast(label) >= 7, f"{step}: label {label.text()!r}"


def test_the_results_charts_follow_high_contrast(library, qtbot):
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    assessment_id = library.import_file(SAMPLE)
    assert window.open_assessment(assessment_id)
    view = window.assessment_view
    view.go_to("results")
    results = view.pages["results"]
    qtbot.waitUntil(lambda: bool(results.canvases) and not results.stale)
    assert all(not c.chart.style.high_contrast for c in results.canvases)
    window.set_high_contrast(True)
    qtbot.waitUntil(lambda: bool(results.canvases) and all(c.chart.style.high_contrast for c in results.canvases))
    window.set_high_contrast(False)
    qtbot.waitUntil(lambda: bool(results.canvases) and not any(c.chart.style.high_contrast for c in results.canvases))
