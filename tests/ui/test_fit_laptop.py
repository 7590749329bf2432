"""A 1366×768 laptop: the window fits when new and when restored, and every page fits in it.

The offscreen platform's screen is 800×800, so the pages are checked by what the window
needs (its minimum size, which a page's content raises when it does not fit) against the
room a 1366×768 screen with a task bar leaves, in both languages and in high contrast.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QApplication, QLabel

from smedigital.ui import i18n, theme
from smedigital.ui.assessment.plan_page import ACTION_MIN_WIDTH
from smedigital.ui.main_window import PREFERRED_SIZE, MainWindow
from smedigital.ui.screens import FRAME_ALLOWANCE, fitted_geometry

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = sorted((ROOT / "resources" / "samples").glob("*.smd.json"))[0]
LAPTOP = QRect(0, 0, 1366, 728)  # 1366×768 less a 40-pixel task bar


@pytest.fixture(autouse=True)
def _english_normal_contrast(qapp):
    i18n.set_language("en")
    yield
    theme.reset()
    i18n.reset()


def with_frame(inner: QRect) -> QRect:
    side = FRAME_ALLOWANCE.width() // 2
    return inner.adjusted(-side, -(FRAME_ALLOWANCE.height() - side), side, side)


@pytest.mark.parametrize("screen", [QRect(0, 0, 1366, 768), LAPTOP, QRect(0, 0, 1280, 720),
                                    QRect(1920, 0, 1366, 728), QRect(0, 0, 911, 512)])
def test_a_new_window_fits_the_screen_frame_and_all(screen):
    placed = fitted_geometry(screen, PREFERRED_SIZE)
    assert screen.contains(with_frame(placed)), (screen, placed)
    assert placed.width() <= PREFERRED_SIZE.width() and placed.height() <= PREFERRED_SIZE.height()
    assert placed.height() >= min(PREFERRED_SIZE.height(), screen.height() - FRAME_ALLOWANCE.height())


def test_on_a_large_screen_a_new_window_has_its_usual_size_centred():
    placed = fitted_geometry(QRect(0, 0, 1920, 1040), PREFERRED_SIZE)
    assert placed.size() == PREFERRED_SIZE
    assert abs(placed.center().x() - 960) <= 2


@pytest.mark.parametrize("remembered", [QRect(0, 0, 2400, 1400), QRect(5000, 3000, 900, 600),
                                        QRect(-700, -400, 1000, 700)])
def test_a_remembered_place_is_brought_onto_a_smaller_screen(remembered):
    placed = fitted_geometry(LAPTOP, PREFERRED_SIZE, current=remembered)
    assert LAPTOP.contains(with_frame(placed)), placed
    assert placed.width() == min(remembered.width(), LAPTOP.width() - FRAME_ALLOWANCE.width())


def test_a_window_closed_larger_than_the_screen_comes_back_inside_it(library, qtbot):
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    window.setGeometry(30, 30, 1700, 1100)  # left so on a larger monitor, now gone
    window.close()
    again = MainWindow(library)
    qtbot.addWidget(again)
    free = again.screen().availableGeometry()
    assert free.contains(with_frame(again.geometry())), (free, again.geometry())
    assert again.width() >= 700  # shrunk to the screen, not to nothing


def assert_fits(window: MainWindow, where: str) -> None:
    room = LAPTOP.size() - FRAME_ALLOWANCE
    need = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert need.width() <= room.width() and need.height() <= room.height(), f"{where} needs {need}"
    assert window.size().boundedTo(room) == window.size(), f"{where} grew to {window.size()}"


@pytest.mark.parametrize(("lang", "contrast"), [("en", False), ("zh", False), ("en", True)])
def test_every_page_fits_a_laptop_screen(library, qtbot, lang, contrast):
    i18n.set_language(lang)
    theme.set_high_contrast(contrast)
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.setGeometry(fitted_geometry(LAPTOP, LAPTOP.size()))
    window.show()
    qtbot.waitExposed(window)
    assert_fits(window, "the firm list")
    assessment_id = library.import_file(SAMPLE)
    assert window.open_assessment(assessment_id)
    view = window.assessment_view
    for step in view.steps:
        view.go_to(step)
        QApplication.processEvents()
        assert_fits(window, step)
    kinds: set[str] = set()
    for q in view.session.questions():
        if q.kind not in kinds:
            kinds.add(q.kind)
            view.go_to_question(q.id)
            QApplication.processEvents()
            assert_fits(window, f"a {q.kind} question")
    window.show_office()
    QApplication.processEvents()
    assert_fits(window, "the regional overview")


def test_english_step_names_plan_columns_and_review_heading_fit(library, qtbot):
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.setGeometry(fitted_geometry(LAPTOP, LAPTOP.size()))
    window.show()
    assert window.open_assessment(library.import_file(SAMPLE))
    view = window.assessment_view
    steps = view.step_list
    view.go_to("review")
    QApplication.processEvents()
    assert not steps.horizontalScrollBar().isVisible()
    for row in range(steps.count()):
        item = steps.item(row)
        rect = steps.visualItemRect(item)
        needed = steps.fontMetrics().boundingRect(QRect(0, 0, rect.width() - 8, 10_000),
                                                  Qt.TextFlag.TextWordWrap, item.text()).height()
        assert rect.right() <= steps.viewport().width() and rect.height() >= needed, item.text()
    review = view.pages["review"]
    labels = review.findChildren(QLabel, "pageHeading")
    assert labels and labels[0].y() < 40, "the review page's heading is not at the top"
    view.go_to("plan")
    QApplication.processEvents()
    table = view.pages["plan"].table
    header = table.horizontalHeader()
    model = table.model()
    owner = next(c for c in range(model.columnCount()) if model.headerData(c, header.orientation()) == "Owner")
    assert header.sectionViewportPosition(owner) + header.sectionSize(owner) <= table.viewport().width()
    assert header.sectionSize(owner) >= 60
    action = next(c for c in range(model.columnCount()) if model.headerData(c, header.orientation()) == "Action and step")
    assert header.sectionSize(action) >= ACTION_MIN_WIDTH
    assert table.horizontalScrollBar().maximum() == 0  # no column off the side at 1366 wide
    window.resize(1000, window.height())  # 125 % scaling: the action stays readable, the table scrolls instead
    qtbot.waitUntil(lambda: table.viewport().width() < 800)
    QApplication.processEvents()
    assert header.sectionSize(action) >= ACTION_MIN_WIDTH
    assert window.size().boundedTo(QSize(1366, 768)) == window.size()
