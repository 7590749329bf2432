"""The main window and the firm list as a user drives them: keys, menus, files, undo, languages."""

from __future__ import annotations

import datetime as dt
import json
import logging
import sqlite3
import sys
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent, QPalette
from PySide6.QtWidgets import QApplication, QFileDialog, QHeaderView, QPushButton, QWidget

from smedigital.core.answers import Answer
from smedigital.core.assessment import Company, load_assessment
from smedigital.core.framework import get_framework
from smedigital.core.profile import industry_name
from smedigital.library import Library, settings
from smedigital.ui import crash, i18n, theme
from smedigital.ui.application import apply_settings
from smedigital.ui.home import FirmTableModel, HomeView
from smedigital.ui.main_window import MainWindow
from smedigital.ui.qtguard import guard_singletons

guard_singletons()  # PySide6 6.12 on Python 3.11; see smedigital/ui/qtguard.py

# the offscreen platform warns on every top-level show(); nothing to do with us
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "resources" / "samples").glob("*.smd.json"))
MIIT = "miit-2024-manufacturing"
NETWORK = "miit.foundation.network"


# --------------------------------------------------------------------------- fixtures

@pytest.fixture(autouse=True)
def _english_and_normal_text(qapp):
    i18n.set_language("en")
    yield
    theme.reset()
    i18n.reset()


def add_firm(lib: Library, name: str, industry: str = "C34", region: str = "宁波", answered: bool = False,
             when: dt.date | None = None) -> tuple[int, int]:
    firm = lib.add_firm(Company(name=name, industry=industry, region=region))
    aid = lib.create_assessment(firm, MIIT, today=when or dt.date(2025, 6, 1))
    if answered:
        a = lib.load_assessment(aid).with_answer(NETWORK, Answer(choices=("control_network", "application_network")))
        a = a.with_answer("miit.foundation.information_systems", Answer(choice="several"))
        lib.save_assessment(aid, a)
    return firm, aid


def make_window(qtbot, lib: Library, show: bool = True) -> MainWindow:
    window = MainWindow(lib)
    qtbot.addWidget(window)
    if show:
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def names_in_list(home: HomeView) -> list[str]:
    return [home.proxy.index(r, FirmTableModel.NAME).data() for r in range(home.proxy.rowCount())]


def write_sample(tmp_path: Path, name: str = "样本企业", credit_code: str = "") -> Path:
    data = {"format": "smedigital-assessment", "format_version": 1, "framework": {"id": MIIT, "version": "2024"},
            "company": {"name": name, "industry": "C34", **({"credit_code": credit_code} if credit_code else {})},
            "assessed_on": "2025-03-01", "answers": {NETWORK: {"choices": ["control_network"]}}}
    path = tmp_path / f"{name}.smd.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


# --------------------------------------------------------------------------- the firm list

def test_home_lists_firms_with_latest_level_stage_and_score(library, qtbot):
    add_firm(library, "乙商贸有限公司", industry="F52", region="杭州")
    firm, _ = add_firm(library, "甲精密机械有限公司", answered=True, when=dt.date(2024, 1, 1))
    add_firm_later = library.create_assessment(firm, MIIT, today=dt.date(2025, 12, 1))
    home = HomeView(library)
    qtbot.addWidget(home)
    assert names_in_list(home) == ["乙商贸有限公司", "甲精密机械有限公司"]
    row = [home.proxy.index(1, c).data() for c in range(home.proxy.columnCount())]
    summary = library.firm(firm)
    assert summary.assessment_id == add_firm_later  # the latest by date
    fw = get_framework(MIIT)
    assert row == ["甲精密机械有限公司", industry_name("C34").en, fw.level_rule.no_level_label.en,
                   fw.stages[summary.stage_index].label.en, "0.0", "2025-12-01", "In progress"]
    assert home.status_label.text() == "2 firms"
    assert not home.empty_label.isVisible()
    tip = home.proxy.index(1, FirmTableModel.LEVEL).data(Qt.ItemDataRole.ToolTipRole)
    assert tip == fw.caveat.en and "pre-assessment" in tip  # the level says what it is


def column_widths(home: HomeView) -> list[int]:
    header = home.table.horizontalHeader()
    return [header.sectionSize(c) for c in range(home.model.columnCount()) if c != FirmTableModel.NAME]


def qt_contents_widths(home: HomeView, qtbot) -> list[int]:
    """The widths Qt's own ResizeToContents mode gives the same columns now."""
    header = home.table.horizontalHeader()
    modes = [header.sectionResizeMode(c) for c in range(home.model.columnCount())]
    for c in range(home.model.columnCount()):
        if c != FirmTableModel.NAME:
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
    header.resizeSections()
    widths = column_widths(home)
    for c, mode in enumerate(modes):
        header.setSectionResizeMode(c, mode)
    return widths


def test_the_columns_fit_their_texts_as_the_list_languages_and_text_size_change(library, qtbot):
    for i in range(30):  # more than the list shows at once
        add_firm(library, f"企业{i}", industry=("C34", "F52", "I65")[i % 3], answered=i % 2 == 0)
    window = make_window(qtbot, library)
    home = window.home
    assert column_widths(home) == qt_contents_widths(home, qtbot)
    assert all(w > 40 for w in column_widths(home))
    english = column_widths(home)
    window.language_actions["zh"].trigger()
    assert column_widths(home) == qt_contents_widths(home, qtbot) != english
    home.search_box.setText("企业1")  # fewer rows
    assert column_widths(home) == qt_contents_widths(home, qtbot)
    home.table.sortByColumn(FirmTableModel.SCORE, Qt.SortOrder.DescendingOrder)
    assert column_widths(home) == qt_contents_widths(home, qtbot)
    before = column_widths(home)
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)  # larger text
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: column_widths(home) != before)
    assert column_widths(home) == qt_contents_widths(home, qtbot)
    assert all(a > b for a, b in zip(column_widths(home), before, strict=True))
    window.language_actions["en"].trigger()


def test_an_empty_library_says_what_to_do(library, qtbot):
    home = HomeView(library)
    qtbot.addWidget(home)
    home.show()
    assert home.model.rowCount() == 0
    assert home.empty_label.isVisible() and "import" in home.empty_label.text()
    assert not home.open_button.isEnabled() and not home.delete_button.isEnabled()


def test_search_and_filters_narrow_the_list(library, qtbot):
    add_firm(library, "甲精密机械有限公司", answered=True, region="宁波北仑")
    add_firm(library, "乙商贸有限公司", industry="F52", region="杭州")
    add_firm(library, "丙软件有限公司", industry="I65", region="上海")
    home = HomeView(library)
    qtbot.addWidget(home)
    home.show()
    home.search_box.setText("有限")  # Chinese arrives through an input method, not key by key
    assert len(names_in_list(home)) == 3
    home.search_box.clear()
    qtbot.keyClicks(home.search_box, "hangzhou")
    assert names_in_list(home) == []
    assert home.empty_label.isVisible() and home.status_label.text() == "0 firms match"
    home.search_box.setText("杭州")
    assert names_in_list(home) == ["乙商贸有限公司"]
    home.search_box.clear()
    assert [home.industry_filter.itemData(i) for i in range(home.industry_filter.count())] == ["*", "C", "F", "I"]
    home.industry_filter.setCurrentIndex(home.industry_filter.findData("I"))
    assert names_in_list(home) == ["丙软件有限公司"]
    home.industry_filter.setCurrentIndex(0)
    level = library.search("甲")[0].level_index
    home.level_filter.setCurrentIndex(home.level_filter.findData(level))
    assert "甲精密机械有限公司" in names_in_list(home)
    home.level_filter.setCurrentIndex(home.level_filter.findData(4))
    assert names_in_list(home) == []


def test_delete_and_undo_with_the_bar_and_with_ctrl_z(library, qtbot):
    firm, _ = add_firm(library, "甲精密机械有限公司")
    add_firm(library, "乙商贸有限公司")
    window = make_window(qtbot, library)
    home = window.home
    assert home.select_firm(firm)
    qtbot.mouseClick(home.delete_button, Qt.MouseButton.LeftButton)
    assert names_in_list(home) == ["乙商贸有限公司"]
    assert home.undo_bar.isVisible() and "甲精密机械有限公司" in home.undo_label.text()
    assert [f.name for f in library.firms()] == ["乙商贸有限公司"]
    qtbot.mouseClick(home.undo_button, Qt.MouseButton.LeftButton)
    assert names_in_list(home) == ["乙商贸有限公司", "甲精密机械有限公司"]
    assert not home.undo_bar.isVisible()
    assert home.selected_firm_id() == firm
    # the keyboard: Delete on the list, Ctrl+Z to bring it back
    home.table.setFocus()
    qtbot.waitUntil(home.table.hasFocus)
    qtbot.keyClick(home.table, Qt.Key.Key_Delete)
    assert names_in_list(home) == ["乙商贸有限公司"]
    qtbot.keyClick(home.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(names_in_list(home)) == 2


def test_reassess_starts_from_the_last_answers_dated_today(library, qtbot):
    firm, aid = add_firm(library, "甲精密机械有限公司", answered=True)
    home = HomeView(library)
    qtbot.addWidget(home)
    home.select_firm(firm)
    qtbot.mouseClick(home.reassess_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(home.openRequested) as opened:
        home.reassess_dialog.accept()  # asked first, with the purpose: 复评 by default
    new_id = opened.args[0]
    assert new_id != aid
    new = library.load_assessment(new_id)
    assert new.assessed_on == dt.date.today().isoformat()
    assert new.answers == library.load_assessment(aid).answers
    assert home.proxy.index(0, FirmTableModel.DATE).data() == dt.date.today().isoformat()


def test_the_selection_is_remembered(library, qtbot):
    add_firm(library, "甲")
    second, _ = add_firm(library, "乙")
    home = HomeView(library)
    qtbot.addWidget(home)
    home.select_firm(second)
    again = HomeView(library)
    qtbot.addWidget(again)
    assert again.selected_firm_id() == second


# --------------------------------------------------------------------------- files

def test_import_through_the_menu(library, qtbot, tmp_path, monkeypatch, said):
    path = SAMPLES[0] if SAMPLES else write_sample(tmp_path)
    asked = []

    def fake_open(parent, title, folder, filters):
        asked.append(filters)
        return [str(path)], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(fake_open))
    window = make_window(qtbot, library)
    window.import_action.trigger()
    qtbot.waitUntil(lambda: window.importing is None)  # read off the GUI thread
    assert "*.smd.json" in asked[0] and "*.xlsx" in asked[0]
    expected = load_assessment(path).company.name
    assert names_in_list(window.home) == [expected]
    assert window.home.selected_firm().name == expected
    assert said.messages == []
    assert library.get_state("last_folder") == str(path.parent)


def test_import_with_ctrl_o_reports_a_bad_file_with_its_field(library, qtbot, tmp_path, monkeypatch, said):
    good = write_sample(tmp_path, "好文件公司")
    bad = tmp_path / "bad.smd.json"
    data = json.loads(good.read_text(encoding="utf-8"))
    data["answers"][NETWORK] = {"choices": ["no_such_option"]}
    bad.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a: ([str(bad), str(good)], "")))
    window = make_window(qtbot, library)
    qtbot.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.importing is None)
    assert names_in_list(window.home) == ["好文件公司"]
    assert said.kinds() == ["error"]
    message = said.messages[0]
    assert "1 file could not be imported" in message.text
    assert "bad.smd.json" in message.details and f'answers["{NETWORK}"].choices[0]' in message.details
    assert "Traceback" not in message.details


def test_drop_smd_json_files_on_the_window(library, qtbot, tmp_path, said):
    window = make_window(qtbot, library)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(write_sample(tmp_path, "拖入公司"))),
                  QUrl.fromLocalFile(str(tmp_path / "notes.txt"))])
    from PySide6.QtGui import QDragEnterEvent

    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPoint(10, 10).toPointF(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    window.dropEvent(drop)
    qtbot.waitUntil(lambda: window.importing is None)
    assert names_in_list(window.home) == ["拖入公司"]
    text_only = QMimeData()
    text_only.setText("hello")
    refused = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, text_only, Qt.MouseButton.LeftButton,
                              Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(refused)
    assert not refused.isAccepted()


def test_save_a_copy_with_ctrl_s(library, qtbot, tmp_path, monkeypatch, said):
    firm, aid = add_firm(library, "甲精密机械/有限公司", answered=True)
    suggested = []

    def fake_save(parent, title, path, filters):
        suggested.append(Path(path).name)
        return str(tmp_path / "out"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    window = make_window(qtbot, library)
    window.home.select_firm(firm)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert suggested == ["甲精密机械_有限公司 2025-06-01.smd.json"]
    assert load_assessment(tmp_path / "out.smd.json") == library.load_assessment(aid)
    assert said.messages == []


def test_save_a_copy_without_a_selection_says_so(library, qtbot, said):
    window = make_window(qtbot, library, show=False)
    assert window.export_current() is None
    assert said.kinds() == ["info"]


# --------------------------------------------------------------------------- keyboard, language, access

def test_ctrl_n_asks_for_the_name_then_creates_the_firm(library, qtbot, said):
    window = make_window(qtbot, library)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = window.new_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.name_edit.hasFocus())
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)  # no name yet: the dialog stays and says why
    assert dialog.isVisible() and dialog.problem.isVisible()
    qtbot.keyClicks(dialog.name_edit, "Ctrl N Machinery Co")
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)
    firms = library.firms()
    assert [f.name for f in firms] == ["Ctrl N Machinery Co"]
    assert firms[0].assessment_id is not None
    assert window.showing_assessment() and window.assessment_id == firms[0].assessment_id
    assert said.messages == []


def test_cancelling_the_new_assessment_creates_nothing(library, qtbot):
    window = make_window(qtbot, library)
    dialog = window.new_assessment()
    dialog.name_edit.setText("Never mind")
    with qtbot.waitSignal(dialog.finished):
        dialog.reject()
    assert library.firms() == []


def test_tab_order_goes_from_the_search_to_the_list_and_the_buttons(library, qtbot):
    firm, _ = add_firm(library, "甲")
    window = make_window(qtbot, library)
    home = window.home
    home.select_firm(firm)  # the buttons that act on a firm are enabled, so in the tab chain
    home.search_box.setFocus()
    qtbot.waitUntil(home.search_box.hasFocus)
    seen = []
    for _ in range(12):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen[:3] == [home.industry_filter, home.level_filter, home.table]
    assert seen.index(home.open_button) < seen.index(home.delete_button) < seen.index(home.import_button)
    with qtbot.waitSignal(home.openRequested):
        home.table.setFocus()
        qtbot.keyClick(home.table, Qt.Key.Key_Return)


def focusable_widgets(root: QWidget) -> list[QWidget]:
    """The widgets of this window (not of its dialogs or pop-ups) that can take the focus."""
    return [w for w in [root, *root.findChildren(QWidget)]
            if w.focusPolicy() != Qt.FocusPolicy.NoFocus and w.window() is root]


def test_every_input_of_the_window_and_its_dialogs_has_an_accessible_name(library, qtbot):
    add_firm(library, "甲")
    window = make_window(qtbot, library)
    window.home.show_undo_bar("甲")
    dialog = window.new_assessment()
    help_dialog = window.show_help()
    for root in (window, dialog, help_dialog):
        for lang in ("en", "zh"):
            i18n.set_language(lang)
            nameless = [f"{type(w).__name__} {w.objectName()!r}" for w in focusable_widgets(root)
                        if not w.accessibleName().strip() and not (w.parent() and isinstance(w.parent(), QWidget)
                                                                   and w.parent().focusProxy() is w)]
            assert nameless == [], f"{type(root).__name__} in {lang}"
    described = [w for w in focusable_widgets(window.home) if isinstance(w, QPushButton)]
    assert all(w.accessibleDescription() for w in described)
    assert window.home.search_label.buddy() is window.home.search_box
    assert window.home.industry_label.buddy() is window.home.industry_filter
    assert window.home.level_label.buddy() is window.home.level_filter
    assert dialog.name_label.buddy() is dialog.name_edit
    dialog.reject()
    help_dialog.close()


def menu_titles(window: MainWindow) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def test_language_switch_changes_the_visible_texts_and_back(library, qtbot):
    add_firm(library, "甲", answered=True)
    window = make_window(qtbot, library)
    assert menu_titles(window) == ["&File", "&View", "&Language", "&Help"]
    assert window.home.open_button.text() == "&Open"
    window.language_actions["zh"].trigger()
    assert menu_titles(window) == ["文件(&F)", "视图(&V)", "语言(&L)", "帮助(&H)"]
    assert window.home.open_button.text() == "打开(&O)"
    assert window.home.status_label.text() == "共 1 家企业"
    assert window.home.model.headerData(FirmTableModel.LEVEL, Qt.Orientation.Horizontal) == "数字化水平等级"
    assert window.home.proxy.index(0, FirmTableModel.LEVEL).data() in ("未达一级", "一级", "二级", "三级", "四级")
    assert library.get_state("language") == "zh"
    assert window.language_actions["zh"].isChecked()
    window.language_actions["en"].trigger()
    assert menu_titles(window) == ["&File", "&View", "&Language", "&Help"]
    assert window.home.status_label.text() == "1 firm"
    assert library.get_state("language") == "en"


def test_text_size_and_high_contrast(library, qtbot):
    window = make_window(qtbot, library)
    start = QApplication.font().pointSize()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.font().pointSize() == start + 1
    assert window.home.search_box.font().pointSize() == start + 1
    assert window.home.heading.font().pointSizeF() > start + 1
    assert library.get_state("text_size") == start + 1
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.font().pointSize() == start - 1
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.font().pointSize() == start and library.get_state("text_size") is None
    window.contrast_action.trigger()
    assert QApplication.palette().color(QPalette.ColorRole.Window).name() == "#000000"
    assert QApplication.palette().color(QPalette.ColorRole.WindowText).name() == "#ffffff"
    assert library.get_state("theme") == "high_contrast"
    window.contrast_action.trigger()
    assert QApplication.palette().color(QPalette.ColorRole.Window).name() != "#000000"
    assert library.get_state("theme") is None


def test_help_and_about(library, qtbot, said):
    window = make_window(qtbot, library)
    window.help_action.trigger()  # Help > Quick help (F1 opens the user guide: tests/ui/test_guide_window.py)
    assert window.help_dialog is not None and window.help_dialog.isVisible()
    assert str(library.data_dir) in window.help_dialog.browser.toPlainText()
    window.help_dialog.close()
    window.about_action.trigger()
    qtbot.waitUntil(window.about_dialog.isVisible)
    assert "smedigital 0" in window.about_dialog.intro.text()
    window.about_dialog.close()


# --------------------------------------------------------------------------- the assessment view and recovery

def test_an_assessment_opens_in_the_window_and_back(library, qtbot, tmp_path, monkeypatch, said):
    firm, aid = add_firm(library, "甲精密机械有限公司", answered=True)
    window = make_window(qtbot, library)
    window.home.select_firm(firm)
    qtbot.mouseClick(window.home.open_button, Qt.MouseButton.LeftButton)
    assert window.showing_assessment() and window.assessment_id == aid
    assert "甲精密机械有限公司" in window.windowTitle()
    assert library.get_state("last_assessment") == aid
    # Ctrl+S is the window's (save a copy), even with the view's own shortcuts around
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(tmp_path / "c.smd.json"), "")))
    window.assessment_view.setFocus()
    qtbot.keyClick(window.assessment_view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert (tmp_path / "c.smd.json").exists()
    window.home_action.trigger()
    assert not window.showing_assessment() and window.stack.currentWidget() is window.home
    assert library.get_state("last_assessment") is None
    assert window.home.selected_firm_id() == firm
    assert said.messages == []


def test_a_damaged_assessment_is_reported_and_the_firm_list_stays(library, qtbot, said):
    firm, aid = add_firm(library, "甲精密机械有限公司", answered=True)
    _, other = add_firm(library, "乙电子有限公司")
    with closing(sqlite3.connect(library.path)) as conn, conn:
        conn.execute("UPDATE assessments SET document = ? WHERE id = ?", ('{"format": "smedigital-assessment", "answ', aid))
    window = make_window(qtbot, library)
    assert not window.open_assessment(aid)
    assert window.stack.currentWidget() is window.home and window.assessment_view is None
    assert said.kinds() == ["error"] and said.messages[0].title == "Cannot open the assessment"
    assert "could not be shown" in said.messages[0].text and "damaged" in said.messages[0].details
    assert window.open_assessment(other)  # the others still open


def test_a_missing_part_of_the_program_is_not_passed_off_as_a_damaged_assessment(library, qtbot, monkeypatch, said):
    from smedigital.ui.assessment import view as view_module

    firm, aid = add_firm(library, "甲精密机械有限公司")
    window = make_window(qtbot, library)
    monkeypatch.setitem(sys.modules, "smedigital.ui.assessment", None)  # the package left out of a build
    with pytest.raises(ImportError):
        window.open_assessment(aid)
    monkeypatch.undo()

    def lost(*_args, **_kwargs):
        raise ModuleNotFoundError("No module named 'matplotlib'")

    monkeypatch.setattr(view_module.AssessmentView, "_build", lost)  # a module the view imports when it builds
    with pytest.raises(ModuleNotFoundError):
        window.open_assessment(aid)
    assert window.stack.currentWidget() is window.home and said.messages == []


def test_a_dropped_window_loses_nothing_and_the_next_one_reopens_where_the_user_was(qtbot, said):
    first_library = Library.open()
    firm, aid = add_firm(first_library, "甲精密机械有限公司")
    window = MainWindow(first_library)
    window.show()
    assert window.open_assessment(aid)
    view = window.assessment_view
    steps = list(view.steps)
    target = next(s for s in steps if s.startswith("dim:"))
    view.go_to(target)
    view.session.set_answer(NETWORK, Answer(choices=("control_network",)))
    # the window goes away without close(): no closeEvent, nothing flushed on the way out
    window.deleteLater()
    del window, view
    qtbot.waitUntil(lambda: not [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)])
    second_library = Library.open()  # the first connection is still open, as after a crash
    try:
        again = MainWindow(second_library)
        qtbot.addWidget(again)
        assert [f.name for f in second_library.firms()] == ["甲精密机械有限公司"]
        assert again.restore_session()
        assert again.assessment_id == aid
        assert again.assessment_view.current_step() == target
        assert second_library.load_assessment(aid).answers[NETWORK].choices == ("control_network",)
        again.close()
    finally:
        second_library.close()
        first_library.close()


def test_without_a_last_assessment_the_window_starts_on_the_firm_list(library, qtbot):
    window = make_window(qtbot, library)
    assert not window.restore_session()
    library.set_state("last_assessment", 999)
    assert not window.restore_session()
    assert library.get_state("last_assessment") is None
    assert window.stack.currentWidget() is window.home


def test_the_window_remembers_its_geometry(library, qtbot):
    window = make_window(qtbot, library)
    window.resize(700, 500)  # within the offscreen platform's 800 x 600 screen
    window.close()
    assert library.get_state("window_geometry")
    again = MainWindow(library)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (700, 500)


def stored_keys(lib: Library) -> set[str]:
    with closing(sqlite3.connect(lib.path)) as conn:
        return {key for (key,) in conn.execute("SELECT key FROM app_state")}


def test_where_the_user_was_is_kept_once_and_both_the_restart_and_the_list_return_there(library, qtbot):
    firm, aid = add_firm(library, "甲精密机械有限公司")
    window = make_window(qtbot, library)
    assert window.open_assessment(aid)
    target = [s for s in window.assessment_view.steps if s.startswith("dim:")][-1]
    window.assessment_view.go_to(target)
    window.close()
    kept = stored_keys(library)
    declared = {s.key for s in settings.ALL if isinstance(s, settings.Setting)}
    per_assessment = {s.of(aid).key for s in settings.ALL if isinstance(s, settings.PerAssessment)}
    assert kept <= declared | per_assessment  # nothing stored outside the declared settings
    assert "last_page" not in kept and settings.ASSESSMENT_STEP.of(aid).get(library) == target
    again = make_window(qtbot, library)
    assert again.restore_session() and again.assessment_view.current_step() == target
    again.home_action.trigger()
    again.home.select_firm(firm)
    qtbot.mouseClick(again.home.open_button, Qt.MouseButton.LeftButton)
    assert again.assessment_view.current_step() == target  # the same place, from the same record


GARBAGE = ["{not json", "[1, 2", "true", "-3", "0", "1e999", '"x"', "[null]", '{"a": 1}', "null", "999999999999"]


@pytest.mark.parametrize("raw", GARBAGE)
def test_garbled_settings_fall_back_to_the_defaults_and_the_window_starts(library, qtbot, raw):
    firm, aid = add_firm(library, "甲精密机械有限公司")
    keys = [s.key if isinstance(s, settings.Setting) else s.of(aid).key for s in settings.ALL]
    with closing(sqlite3.connect(library.path)) as conn, conn:
        conn.executemany("INSERT OR REPLACE INTO app_state (key, value) VALUES (?, ?)", [(k, raw) for k in keys])
    start = QApplication.font().pointSize()
    apply_settings(library)  # as at start-up
    assert i18n.current_language() in ("zh", "en")
    assert QApplication.font().pointSize() == start  # out of range or not a number: the system's size
    assert not theme.is_high_contrast()
    window = make_window(qtbot, library)
    assert not window.restore_session() and window.stack.currentWidget() is window.home
    assert window.home.default_framework_id() == MIIT
    for setting in settings.ALL:
        one = setting if isinstance(setting, settings.Setting) else setting.of(aid)
        value = one.get(library)
        assert value == one.default or one.valid(value)


# --------------------------------------------------------------------------- errors

def test_an_uncaught_exception_is_logged_and_told_calmly(qtbot, tmp_path, said, monkeypatch):
    log_path = crash.setup_logging(tmp_path)
    try:
        try:
            raise ZeroDivisionError("boom")
        except ZeroDivisionError:
            crash.excepthook(*sys.exc_info())
    finally:
        for h in logging.getLogger("smedigital").handlers:
            h.flush()
        crash.close_logging()
    assert said.kinds() == ["error"]
    shown = said.messages[0]
    assert "Traceback" not in shown.text + shown.details and "boom" not in shown.text
    assert str(log_path.name) in shown.details
    logged = log_path.read_text(encoding="utf-8")
    assert "Traceback" in logged and "ZeroDivisionError: boom" in logged


def test_a_hard_crash_record_is_found_at_the_next_start(tmp_path):
    path = crash.enable_faulthandler(tmp_path)
    crash.disable_faulthandler()
    assert crash.take_previous_crash(tmp_path) is None  # empty: no crash
    path.write_text("Fatal Python error: Segmentation fault\n", encoding="utf-8")
    moved = crash.take_previous_crash(tmp_path)
    assert moved is not None and moved.read_text(encoding="utf-8").startswith("Fatal")
    assert not path.exists()


def test_text_size_reaches_the_assessment_view_despite_its_style_sheet(library, qtbot):
    _, aid = add_firm(library, "甲")
    window = make_window(qtbot, library)
    assert window.open_assessment(aid)
    buttons = [w for w in window.assessment_view.findChildren(QPushButton) if w.isVisibleTo(window)]
    assert buttons
    start = QApplication.font().pointSize()
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert {b.font().pointSize() for b in buttons} == {start + 2}
