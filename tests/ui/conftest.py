"""Fixtures shared by the interface tests."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QUrl
from PySide6.QtGui import QDesktopServices

from smedigital.library import Library
from smedigital.ui import messages


@pytest.fixture
def said():
    """Messages the program would have shown; questions are answered yes."""
    with messages.capture() as captured:
        yield captured


@pytest.fixture
def library():
    """Asked for before ``qtbot`` in each test, so it closes after qtbot has closed the widgets."""
    lib = Library.open()
    yield lib
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the widgets go first
    lib.close()


@pytest.fixture(autouse=True)
def opened(monkeypatch) -> list[QUrl]:
    """Folders and files the program asked the system to show: recorded, never really opened."""
    urls: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: urls.append(url) or True))
    return urls
