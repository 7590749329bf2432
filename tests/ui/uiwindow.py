"""The main window as the interface tests open it (imported by the test modules beside it)."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from smedigital.library import Library
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
