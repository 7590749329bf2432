"""A 1366×768 laptop: the window fits when new and when restored, and every page fits in it.

The offscreen platform's screen is 800×800, so the pages are checked by what the window
needs (its minimum size, which a page's content raises when it does not fit) against the
room a 1366×768 screen with a task bar leaves, in both languages and in high contrast.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from smedigital.ui import i18n, theme
from smedigital.ui.assessment.plan_page import ACTION_MIN_WIDTH
from smedigital.ui.main_window import PREFERRED_SIZE, MainWindow
from smedigital.ui.screens import FRAME_ALLOWANCE, fitted_geometry
from smedigital.ui.screenshots import misfit, misfit_line

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = sorted((ROOT / "resources" / "samples").glob("*.smd.json"))[0]
LAPTOP = QRect(0, 0, 1366, 728)  # 1366×768 less a 40-pixel task bar
LAPTOP_150 = QRect(0, 0, 911, 512)  # the same screen at 150 % scaling, as Qt's widgets measure it
PILOT = sorted((ROOT / "resources" / "samples" / "pilot").glob("*.smd.json"))  # one firm before and after
SLOW = 120_000  # ms


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


def assert_fits(window: QWidget, where: str, screen: QRect = LAPTOP) -> None:
    room = screen.size() - FRAME_ALLOWANCE
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


# --------------------------------------------------------------------------- 150 % scaling: 911×512 of screen
def room_150() -> QSize:
    return LAPTOP_150.size() - FRAME_ALLOWANCE


def laptop_window(qtbot, library, screen: QRect) -> MainWindow:
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.setGeometry(fitted_geometry(screen, screen.size()))
    window.show()
    qtbot.waitExposed(window)
    return window


def shown_in(area, widget: QWidget) -> bool:
    """Whether ``widget`` lies wholly inside the visible part of the scroll area ``area``."""
    top_left = widget.mapTo(area.viewport(), QPoint(0, 0))
    return area.viewport().rect().contains(QRect(top_left, widget.size()))


def test_at_150_percent_the_plan_page_puts_its_export_buttons_under_the_heading(library, qtbot):
    window = laptop_window(qtbot, library, LAPTOP_150)
    assert window.open_assessment(library.import_file(SAMPLE))
    view = window.assessment_view
    view.go_to("plan")
    QApplication.processEvents()
    assert_fits(window, "the English plan page", LAPTOP_150)
    page = view.pages["plan"]
    heading = page.findChildren(QLabel, "pageHeading")[0]
    bar = page.export_bar
    qtbot.waitUntil(lambda: bar.y() > heading.geometry().bottom())  # wrapped onto a row of its own
    assert bar.geometry().right() <= page.width() and bar.geometry().bottom() < page.target.y()
    assert all(b.isVisible() and b.width() >= b.minimumSizeHint().width() for b in bar.buttons.values())
    window.setGeometry(fitted_geometry(LAPTOP, LAPTOP.size()))  # at 100 % they stand beside the heading again
    qtbot.waitUntil(lambda: bar.y() <= heading.geometry().center().y() <= bar.geometry().bottom())
    assert bar.x() > heading.geometry().right()


def run_office(qtbot, window: MainWindow, folder):
    view = window.show_office()
    view.aggregate_options = {"workers": 0}
    view.set_inputs([str(folder)])
    with qtbot.waitSignal(view.runFinished, timeout=SLOW):
        qtbot.mouseClick(view.run_button, Qt.MouseButton.LeftButton)
    assert view.result is not None
    return view


@pytest.fixture
def office_folder(tmp_path):
    """The samples and the pilot firm, assessed twice (its history has a chart)."""
    folder = tmp_path / "firms"
    folder.mkdir()
    for path in [*(ROOT / "resources" / "samples").glob("*.smd.json"), *PILOT]:
        shutil.copyfile(path, folder / path.name)
    return folder


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_at_150_percent_the_regional_overview_and_a_firms_history_fit_and_scroll(library, qtbot, office_folder,
                                                                                 lang):
    i18n.set_language(lang)
    window = laptop_window(qtbot, library, LAPTOP_150)
    view = run_office(qtbot, window, office_folder)
    area = view.body_area
    for page in view.pages:
        view.tabs.setCurrentWidget(page)
        QApplication.processEvents()
        assert_fits(window, f"the regional overview's tab {view.tabs.tabText(view.tabs.indexOf(page))}", LAPTOP_150)
    window.resize(room_150() - QSize(0, 60))  # the frame, a menu bar and a status bar: the page scrolls
    qtbot.waitUntil(lambda: area.verticalScrollBar().maximum() > 0)
    assert view.tabs.height() >= view.tabs.minimumSizeHint().height()  # the tabs are not squashed to nothing
    view.folder_button.setFocus()
    assert shown_in(area, view.folder_button)
    while not view.back_button.hasFocus():  # Tab walks the page in order and scrolls to what it reaches
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert area.isAncestorOf(QApplication.focusWidget())
    assert shown_in(area, view.back_button) and area.verticalScrollBar().value() > 0

    pilot_firm = next(f for f in view.result.firms if len(f.history) > 1)
    view.tabs.setCurrentWidget(view.firms)
    assert view.select_firm(pilot_firm.newest.name)
    dialog = view.show_history()
    assert dialog is not None and dialog.chart is not None
    qtbot.waitExposed(dialog)
    need = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())  # its size comes from the test's screen
    assert need.boundedTo(room_150()) == need, need
    dialog.resize(room_150())
    QApplication.processEvents()
    assert dialog.close_button.isVisible() and dialog.rect().contains(dialog.close_button.geometry())
    scrolled = dialog.body_area
    assert scrolled.verticalScrollBar().maximum() > 0 and not shown_in(scrolled, dialog.chart)
    scrolled.ensureWidgetVisible(dialog.chart)
    assert shown_in(scrolled, dialog.chart)  # the chart is there, further down
    dialog.reject()


def test_at_100_percent_the_regional_overview_does_not_scroll(library, qtbot, office_folder):
    window = laptop_window(qtbot, library, LAPTOP)
    view = run_office(qtbot, window, office_folder)
    for page in view.pages:
        view.tabs.setCurrentWidget(page)
        QApplication.processEvents()
        assert view.body_area.verticalScrollBar().maximum() == 0, view.tabs.tabText(view.tabs.indexOf(page))
        assert view.tabs.height() > 250  # the room goes to the tabs


def test_a_screen_that_does_not_fit_is_named_in_the_interface_language(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.setMinimumSize(1000, 600)
    widget.resize(1000, 600)
    assert misfit_line(misfit(widget, LAPTOP_150)).startswith("does not fit the screen: 1000×600, needs at least")
    i18n.set_language("zh")
    line = misfit_line(misfit(widget, LAPTOP_150))
    assert line.startswith("超出屏幕") and "至少需要 1000×600" in line and "911×512" in line
    widget.setMinimumSize(100, 100)
    widget.resize(800, 400)
    assert misfit(widget, LAPTOP_150) == ""
