"""Qt's own dialogs speak the interface language: qtbase_zh_CN.qm is loaded for Chinese, not for English."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog, QLabel

from smedigital.ui import i18n
from smedigital.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _reset(qapp):
    yield
    i18n.reset()


def _look_in_label(qtbot) -> str:
    dialog = QFileDialog(None, "", "")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)  # Qt's own widgets, translated by Qt
    qtbot.addWidget(dialog)
    label = dialog.findChild(QLabel, "lookInLabel")
    assert label is not None
    return label.text()


def test_a_file_dialog_says_look_in_in_chinese_and_in_english(qtbot):
    i18n.set_language("zh")
    assert i18n.qt_translation_loaded()
    chinese = _look_in_label(qtbot)
    assert "Look in" not in chinese and any("\u4e00" <= ch <= "\u9fff" for ch in chinese)
    i18n.set_language("en")
    assert not i18n.qt_translation_loaded()
    assert _look_in_label(qtbot).replace("&", "") == "Look in:"


def test_the_window_title_is_the_installers_product_name(library, qtbot):
    window = MainWindow(library)
    qtbot.addWidget(window)
    i18n.set_language("zh")
    assert window.windowTitle() == "中小企业数字化水平自评"
    i18n.set_language("en")
    assert window.windowTitle() == "SME Digital Self-Assessment"


def test_the_quick_help_window_says_the_products_name_too(qtbot, tmp_path):
    from smedigital.ui.dialogs import HelpDialog

    i18n.set_language("zh")
    dialog = HelpDialog(str(tmp_path))
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "中小企业数字化水平自评：快速帮助"
    i18n.set_language("en")
    assert dialog.windowTitle() == "SME Digital Self-Assessment: quick help"
    assert "smedigital" not in dialog.windowTitle()
