"""The main window and the assessment view as the interface tests open them (imported by the test modules
beside it)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from smedigital.library import Library
from smedigital.ui.assessment import AssessmentView
from smedigital.ui.main_window import MainWindow


def show_window(qtbot, lib: Library, *, size: tuple[int, int] | None = None, active: bool = False) -> MainWindow:
    """A main window on ``lib``, shown (at ``size``) and exposed; ``active``: also waited for until it has the
    focus (for tests that press keys or open modal dialogs)."""
    window = MainWindow(lib)
    qtbot.addWidget(window)
    if size is not None:
        window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    if active:
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def open_view(qtbot, assessment, lang: str = "en", size: tuple[int, int] = (1400, 900), **kw) -> AssessmentView:
    """An assessment view on ``assessment`` (in memory, ``kw`` passed on), shown at ``size`` and exposed."""
    view = AssessmentView.in_memory(assessment, language=lang, **kw)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    return view


def open_results(qtbot, assessment, lang: str = "en", **kw):
    """:func:`open_view`, gone to the results page and waited for until its charts are drawn: (view, page)."""
    view = open_view(qtbot, assessment, lang, **kw)
    view.go_to("results")
    page = view.results_page
    qtbot.waitUntil(lambda: not page.stale, timeout=15000)
    return view, page
