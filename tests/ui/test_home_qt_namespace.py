"""The firm list does without PySide6's ``Qt`` namespace (issue 17: its first use makes all its enum
classes, ~15 ms of the first window's): its numbers are Qt's, it looks and behaves as with the enums, and
what a user does on it before another screen is opened works in a process where ``Qt`` was never made."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from smedigital.ui import home as home_module
from smedigital.ui import undoable
from smedigital.ui.home import FirmTableModel, HomeView
from smedigital.ui.main_window import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = sorted((ROOT / "resources" / "samples").glob("*.smd.json"))


def test_the_numbers_written_for_qts_enums_are_qts():
    assert home_module._DISPLAY == Qt.ItemDataRole.DisplayRole.value
    assert home_module._TOOL_TIP == Qt.ItemDataRole.ToolTipRole.value
    assert home_module._ALIGNMENT == Qt.ItemDataRole.TextAlignmentRole.value
    assert home_module._ACCESSIBLE_TEXT == Qt.ItemDataRole.AccessibleTextRole.value
    assert home_module.SORT_ROLE == Qt.ItemDataRole.UserRole.value + 1
    assert home_module.FIRM_ID_ROLE == Qt.ItemDataRole.UserRole.value + 2
    assert home_module._SCORE_ALIGNMENT == (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value
    assert home_module._ALIGN_CENTER == Qt.AlignmentFlag.AlignCenter.value
    assert home_module._PLAIN_TEXT == Qt.TextFormat.PlainText.value
    assert undoable._WIDGET_SHORTCUT == Qt.ShortcutContext.WidgetShortcut.value
    assert undoable._WIDGET_WITH_CHILDREN_SHORTCUT == Qt.ShortcutContext.WidgetWithChildrenShortcut.value


def test_the_firm_list_is_set_as_with_qts_enums(qtbot, library, english):
    for sample in SAMPLES:
        library.import_file(sample)
    view = HomeView(library)
    qtbot.addWidget(view)
    header = view.table.horizontalHeader()
    # sorted by name, A to Z, and the header says so
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (FirmTableModel.NAME,
                                                                             Qt.SortOrder.AscendingOrder)
    assert header.isSortIndicatorShown()
    names = [view.proxy.index(r, FirmTableModel.NAME).data() for r in range(view.proxy.rowCount())]
    assert len(names) == len(SAMPLES) and names == sorted(names, key=str.casefold)
    # the column headings, and no heading for a row (what assistive technology reads), as before
    assert [view.model.headerData(c, Qt.Orientation.Horizontal) for c in range(view.model.columnCount())] == [
        "Firm", "Industry", "Digital level", "Stage", "Score", "Assessed on", "Status"]
    assert {view.model.headerData(r, Qt.Orientation.Vertical) for r in range(view.model.rowCount())} == {""}
    assert view.proxy.index(0, FirmTableModel.SCORE).data(Qt.ItemDataRole.TextAlignmentRole) == (
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value
    assert view.empty_label.alignment() == Qt.AlignmentFlag.AlignCenter
    for label in (view.empty_label, view.undo_label, view.status_label):  # firm names are never HTML
        assert label.textFormat() == Qt.TextFormat.PlainText
    assert view.undo_action.shortcutContext() == Qt.ShortcutContext.WidgetWithChildrenShortcut
    assert view.undo_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert view.delete_action.shortcutContext() == Qt.ShortcutContext.WidgetShortcut
    assert view.delete_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Delete)
    # a user's click on a heading still sorts, the other way on the second click
    view.table.sortByColumn(FirmTableModel.SCORE, Qt.SortOrder.DescendingOrder)
    scores = [view.proxy.index(r, FirmTableModel.SCORE).data(home_module.SORT_ROLE) for r in range(view.proxy.rowCount())]
    assert scores == sorted(scores, reverse=True)


def test_the_windows_shortcuts_are_as_with_qts_enums(qtbot, library, english):
    window = MainWindow(library)
    qtbot.addWidget(window)
    assert window.guide_action.shortcut() == QKeySequence(Qt.Key.Key_F1)
    assert window.quit_action.shortcuts() == [QKeySequence("Ctrl+Q")]
    assert window.export_plan_action.shortcut() == QKeySequence("Ctrl+E")
    assert window.new_action.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert [s.toString() for s in window.bigger_action.shortcuts()] == ["Ctrl+=", "Ctrl++"]


def test_the_first_window_and_its_firm_list_work_without_the_qt_namespace(tmp_path):
    """In a fresh process: the first window painted, and what a user does on the firm list (search,
    filters, selection, sorting by another column, the other language, a larger text) with ``Qt``
    never made; PySide6 cannot hand a slot a Qt enum before then, so nothing here may ask for one."""
    code = textwrap.dedent(f"""
        import json, sys
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from smedigital.library import Library
        lib = Library.open()
        for sample in {[str(s) for s in SAMPLES]!r}:
            lib.import_file(Path(sample))
        lib.close()

        import PySide6.QtCore as core
        from smedigital.ui.application import create_window
        app, window = create_window("en")
        window.show()
        while window.windowHandle() is None or not window.windowHandle().isExposed():
            app.processEvents()
        window.repaint()
        for _ in range(3):
            app.processEvents()
        painted = "Qt" in vars(core)

        from smedigital.ui import i18n, theme
        from smedigital.ui.home import FirmTableModel, _sort_ascending
        home = window.home
        def names():
            return [home.proxy.index(r, 0).data() for r in range(home.proxy.rowCount())]
        first = names()
        home.search_box.setText(first[0][:3])
        found = names()
        home.search_box.clear()
        home.industry_filter.setCurrentIndex(1)
        one_industry = home.proxy.rowCount()
        home.industry_filter.setCurrentIndex(0)
        home.table.selectRow(1)
        selected = home.selected_firm().name
        _sort_ascending(home.table, FirmTableModel.DATE)
        i18n.set_language("zh")
        app.processEvents()
        heading = home.model.horizontalHeaderItem(FirmTableModel.NAME).text()
        theme.set_text_size(theme.text_size() + 2)
        for _ in range(3):
            app.processEvents()
        used = "Qt" in vars(core)

        from PySide6.QtCore import Qt
        header = home.table.horizontalHeader()
        print(json.dumps({{"painted": painted, "used": used, "first": first, "found": found,
                          "one_industry": one_industry, "selected": selected, "heading": heading,
                          "sorted": [header.sortIndicatorSection(),
                                     header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder]}}))
        window.library.close()
    """)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SMEDIGITAL_DATA_DIR=str(tmp_path / "data"))
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    for failure in ("Traceback", "TypeError", "converter", "cannot be converted"):
        assert failure not in proc.stderr, proc.stderr[-3000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["painted"] is False and out["used"] is False
    assert len(out["first"]) == len(SAMPLES) and out["first"] == sorted(out["first"], key=str.casefold)
    assert out["found"] and all(out["first"][0][:3] in name for name in out["found"])
    assert 1 <= out["one_industry"] < len(SAMPLES) or len(SAMPLES) == 1
    assert out["selected"] == out["first"][1]
    assert out["heading"] == "企业"
    assert out["sorted"] == [FirmTableModel.DATE, True]
