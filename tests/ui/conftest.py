"""Fixtures shared by the interface tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QUrl
from PySide6.QtGui import QDesktopServices

from smedigital.core.assessment import load_assessment
from smedigital.export.workbook import write_plan_workbook
from smedigital.library import Library
from smedigital.ui import i18n, messages, theme

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "resources" / "samples").glob("*.smd.json"))


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


@pytest.fixture
def english(qapp):
    """The interface in English for the test (a module takes it with ``pytest.mark.usefixtures("english")``),
    the language and theme put back afterwards."""
    i18n.set_language("en")
    yield
    theme.reset()
    i18n.reset()


@pytest.fixture(params=["zh", "en"])
def lang(request, qapp):
    """Each test taking it runs in Chinese and in English, the language and theme put back afterwards."""
    i18n.set_language(request.param)
    yield request.param
    theme.reset()
    i18n.reset()


@pytest.fixture
def firms_folder(tmp_path) -> Path:
    """The bundled samples as plan workbooks (more than one framework), and a workbook cut off half-way."""
    folder = tmp_path / "firms"
    folder.mkdir()
    for sample in SAMPLES:
        write_plan_workbook(load_assessment(sample), folder / sample.name.replace(".smd.json", ".xlsx"), "zh")
    whole = (folder / SAMPLES[0].name.replace(".smd.json", ".xlsx")).read_bytes()
    (folder / "broken.xlsx").write_bytes(whole[: len(whole) // 3])
    return folder
