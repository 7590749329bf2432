"""A firm's history in the regional overview: importing a signed file into the firm library says, in the
dialog itself, that the library keeps the answers and not the signature; an unsigned file says nothing of it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from uiwindow import show_window

from smedigital.core.assessment import load_assessment, save_assessment
from smedigital.export.record import save_signed_assessment
from smedigital.export.workbook import write_plan_workbook
from smedigital.library import Library
from smedigital.ui import i18n
from smedigital.ui.qtguard import guard_singletons

guard_singletons()

pytestmark = [pytest.mark.usefixtures("english"), pytest.mark.gui,
              pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

ROOT = Path(__file__).resolve().parents[2]

MANUFACTURER = ROOT / "resources" / "samples" / "manufacturer-miit.smd.json"
DROPPED = "without the file's signature"


def history_of_one_firm(qtbot, library: Library, folder: Path):
    """The office view run over ``folder`` (one firm), and that firm's history dialog."""
    window = show_window(qtbot, library, size=(1360, 860), active=True)
    view = window.show_office()
    view.aggregate_options = {"workers": 0}
    view.set_inputs([folder])
    with qtbot.waitSignal(view.runFinished, timeout=60_000):
        qtbot.mouseClick(view.run_button, Qt.MouseButton.LeftButton)
    view.tabs.setCurrentWidget(view.firms_page)
    view.firms.firm_table.selectRow(0)
    qtbot.keyClick(view.firms.history_button, Qt.Key.Key_Space)
    return view, view.history_dialog


def import_row(qtbot, view, dialog, row: int) -> None:
    dialog.select_row(row)
    with qtbot.waitSignal(view.libraryChanged):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)


def test_importing_a_signed_file_says_the_signature_stays_behind(library, qtbot, tmp_path, said):
    folder = tmp_path / "in"
    folder.mkdir()
    a = load_assessment(MANUFACTURER)
    save_assessment(replace(a, assessed_on="2024-03-15"), folder / "plain.smd.json")  # unsigned, the older
    assert save_signed_assessment(a, folder / "signed.smd.json") is True
    view, dialog = history_of_one_firm(qtbot, library, folder)
    rows = [dialog.model.row(r).path for r in range(dialog.model.rowCount())]
    assert [Path(p).name for p in rows] == ["plain.smd.json", "signed.smd.json"]

    import_row(qtbot, view, dialog, 1)
    assert said.messages == []
    assert DROPPED in dialog.status.text() and "answers" in dialog.status.text()
    assert dialog.status.accessibleName() == dialog.status.text()  # read out, not only shown
    stored = library.load_assessment(dialog.model.in_library[1])
    assert stored.company == a.company and not stored.came_signed  # the library holds the answers only

    import_row(qtbot, view, dialog, 0)  # the unsigned file: nothing to say about a signature
    assert "is in the firm library" in dialog.status.text() and DROPPED not in dialog.status.text()

    dialog.select_row(1)  # back on the signed one: it still says so, in either language
    assert DROPPED in dialog.status.text()
    assert dialog.chart is not None and "2024-03-15: " in dialog.chart.accessibleDescription()
    i18n.set_language("zh")
    assert "未保留文件的签名" in dialog.status.text() and "企业库只保存答案" in dialog.status.text()
    described = dialog.chart.accessibleDescription()  # what a screen reader says of the chart, in Chinese
    assert "2024-03-15：" in described and "；" in described and ": " not in described and "; " not in described


def test_a_signed_plan_workbook_says_so_too(library, qtbot, tmp_path, said):
    folder = tmp_path / "in"
    folder.mkdir()
    write_plan_workbook(load_assessment(MANUFACTURER), folder / "plan.xlsx", "zh")  # signed by this installation
    view, dialog = history_of_one_firm(qtbot, library, folder)
    import_row(qtbot, view, dialog, 0)
    assert said.messages == [] and DROPPED in dialog.status.text()
