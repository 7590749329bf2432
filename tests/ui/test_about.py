"""Help > About lists every bundled component with its licence, and shows the licence texts."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from smedigital import about
from smedigital.ui import i18n
from smedigital.ui.dialogs import AboutDialog
from smedigital.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _english(qapp):
    i18n.set_language("en")
    yield
    i18n.reset()


def test_about_lists_components_and_licences(qtbot):
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    rows = {dialog.table.item(r, 0).text(): dialog.table.item(r, 2).text() for r in range(dialog.table.rowCount())}
    assert len(rows) == len(about.components())
    assert any("PySide6" in name for name in rows) and any("LGPL" in lic for lic in rows.values())
    assert any("OFL" in lic for lic in rows.values())
    assert dialog.table.accessibleName() == "Bundled components"
    dialog.show()
    qtbot.mouseClick(dialog.licence_button, Qt.MouseButton.LeftButton)
    assert dialog.licences.isVisible() and not dialog.table.isVisible()
    assert "LESSER GENERAL PUBLIC LICENSE" in dialog.licences.toPlainText().upper()
    qtbot.mouseClick(dialog.licence_button, Qt.MouseButton.LeftButton)
    assert dialog.table.isVisible()


def test_help_menu_opens_the_about_dialog_in_chinese_too(library, qtbot):
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.about_action.trigger()
    qtbot.waitUntil(window.about_dialog.isVisible)
    # the product's name, as the window title and the installers say it (issue 16)
    assert window.about_dialog.windowTitle() == "About SME Digital Self-Assessment"
    i18n.set_language("zh")
    assert window.about_dialog.windowTitle() == "关于中小企业数字化水平自评"
    assert window.about_dialog.table.horizontalHeaderItem(2).text() == "许可证"
    window.about_dialog.close()
