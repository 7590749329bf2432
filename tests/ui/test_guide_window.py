"""Help > User guide (F1): the guide opens at the section about the screen the user is on, in
the interface language, offline; the guide's PDF builds; the Chinese and English guides match."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from uiwindow import show_window

from smedigital.core import guide
from smedigital.core.resources import resource_path
from smedigital.ui import i18n
from smedigital.ui.main_window import MainWindow

SAMPLE = resource_path("samples", "manufacturer-miit.smd.json")


@pytest.fixture(autouse=True)
def _reset(qapp):
    yield
    i18n.reset()


def _press_f1(qtbot, window: MainWindow):
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.guide_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_f1_opens_the_guide_at_the_section_of_each_main_page(library, qtbot, lang):
    i18n.set_language(lang)
    window = show_window(qtbot, library, size=(1100, 760), active=True)
    seen = {}
    dialog = _press_f1(qtbot, window)  # the firm list
    seen["home"] = dialog.section
    qtbot.waitUntil(lambda: dialog.section_in_view("firm-list"))
    assert dialog.windowTitle() == ("用户指南" if lang == "zh" else "User guide")
    dialog.close()
    assert window.open_assessment(library.import_file(SAMPLE))
    view = window.assessment_view
    for step in view.steps:
        view.go_to(step)
        dialog = _press_f1(qtbot, window)
        expected = guide.section_for_page(step)
        assert dialog.section == expected, step
        qtbot.waitUntil(lambda: dialog.section_in_view(expected))  # noqa: B023 - waited for here
        seen[step] = expected
        dialog.close()
    window.show_office()
    dialog = _press_f1(qtbot, window)
    assert dialog.section == "office"
    qtbot.waitUntil(lambda: dialog.section_in_view("office"))
    # every page has a section of its own, none falls back to the overview
    assert {"firm-list", "profile", "details", "questions", "review", "results", "plan"} <= set(seen.values())
    text = dialog.browser.toPlainText()
    assert ("35–60 分钟" if lang == "zh" else "35–60 minutes") in text


def test_the_guide_follows_a_language_switch(library, qtbot):
    i18n.set_language("zh")
    window = show_window(qtbot, library, size=(1100, 760), active=True)
    dialog = _press_f1(qtbot, window)
    assert "事先准备的数据" in dialog.browser.toPlainText()
    i18n.set_language("en")
    assert "Figures to have at hand" in dialog.browser.toPlainText()
    qtbot.waitUntil(lambda: dialog.section_in_view("firm-list"))  # still where it was


def test_save_as_pdf_writes_the_guide(library, qtbot, tmp_path, monkeypatch, said):
    i18n.set_language("zh")
    window = show_window(qtbot, library, size=(1100, 760), active=True)
    dialog = _press_f1(qtbot, window)
    target = tmp_path / "指南"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    job = dialog.save_pdf()
    assert job is not None
    with qtbot.waitSignal(job.finished, timeout=60000):
        pass
    written = tmp_path / "指南.pdf"
    assert written.read_bytes().startswith(b"%PDF")
    assert len(re.findall(rb"/Type\s*/Page\b", written.read_bytes())) >= 2


def test_an_unreadable_guide_is_said_calmly(library, qtbot, tmp_path, monkeypatch):
    i18n.set_language("en")
    monkeypatch.setattr(guide, "guide_dir", lambda: tmp_path / "nowhere")
    window = show_window(qtbot, library, size=(1100, 760), active=True)
    dialog = _press_f1(qtbot, window)
    assert dialog.browser.toPlainText().startswith("The user guide could not be read:")
    assert "nowhere" in dialog.browser.toPlainText()
