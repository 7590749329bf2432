"""Exports from the desktop program: plan workbook, diagnosis report, blank questionnaire, as a user asks for them.

The save dialog and the "open the folder" call are monkeypatched; every export is waited
for on the controller's ``finished`` signal (the file is written on a worker thread).
"""

from __future__ import annotations

import threading
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QFileDialog, QPushButton, QWidget
from uiwindow import show_window

from smedigital.core.assessment import load_assessment
from smedigital.export.record import RECORD_SHEET
from smedigital.library import Library
from smedigital.ui import i18n, messages, tasks
from smedigital.ui.main_window import MainWindow
from smedigital.ui.qtguard import guard_singletons

guard_singletons()

pytestmark = [pytest.mark.usefixtures("english"), pytest.mark.gui,
              pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "samples" / "manufacturer-miit.smd.json"
CDI_SAMPLE = ROOT / "resources" / "samples" / "retail-chain-cdi.smd.json"
SLOW = 60_000  # ms: the report draws its charts


# --------------------------------------------------------------------------- fixtures


@pytest.fixture
def save_as(monkeypatch):
    """Answer the save dialog with a path; returns the (title, suggested name) asked."""
    asked: list[tuple[str, str, str]] = []
    answer: dict[str, Path] = {}

    def fake(parent, title, suggested, filters):
        asked.append((title, Path(suggested).name, filters))
        return (str(answer["path"]), "") if "path" in answer else ("", "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))

    def choose(path: Path) -> list[tuple[str, str, str]]:
        answer["path"] = path
        return asked

    return choose


def with_sample(qtbot, lib: Library, sample: Path = SAMPLE) -> tuple[MainWindow, int]:
    aid = lib.import_file(sample)
    window = show_window(qtbot, lib, active=True)
    window.home.refresh(select=lib.assessment_info(aid).firm_id)
    return window, aid


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def all_cell_text(path: Path) -> str:
    wb = openpyxl.load_workbook(path)
    try:
        return "\n".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
                         if c.value is not None)
    finally:
        wb.close()


def assert_our_workbook(path: Path) -> list[str]:
    wb = openpyxl.load_workbook(path)
    try:
        assert RECORD_SHEET in wb.sheetnames
        return list(wb.sheetnames)
    finally:
        wb.close()


# --------------------------------------------------------------------------- the three exports

def test_plan_workbook_from_the_file_menu(library, qtbot, tmp_path, save_as, said, opened):
    window, aid = with_sample(qtbot, library)
    asked = save_as(tmp_path / "plan")  # no suffix typed: .xlsx is added
    with qtbot.waitSignal(window.exports.finished, timeout=SLOW) as done:
        window.export_plan_action.trigger()
    written = tmp_path / "plan.xlsx"
    assert done.args == [written]
    company = load_assessment(SAMPLE).company.name
    assert asked[0][1].startswith(company) and asked[0][1].endswith("improvement plan.xlsx")
    assert "*.xlsx" in asked[0][2]
    assert_our_workbook(written)
    assert files_in(tmp_path) == ["plan.xlsx"]  # no temporary file left beside it
    assert said.kinds() == ["question"] and "plan.xlsx" in said.messages[0].text
    assert opened == [QUrl.fromLocalFile(str(tmp_path))]
    assert opened[0].isLocalFile()


def test_the_plan_workbook_has_the_users_plan_edits_and_language(library, qtbot, tmp_path, save_as, said):
    window, aid = with_sample(qtbot, library)
    assert window.open_assessment(aid, "plan")
    view = window.assessment_view
    page = view.plan_page
    qtbot.waitUntil(lambda: page.plan is not None)
    key = page.model.item_at(0).key
    assert page._edit(key, "owner", "Wang Gong")  # as the table's editor does
    assert view.session.assessment.plan is not None
    i18n.set_language("zh")
    page = window.assessment_view.plan_page  # the view is rebuilt in the new language
    window.assessment_view.go_to("plan")
    save_as(tmp_path / "计划.xlsx")
    with qtbot.waitSignal(window.exports.finished, timeout=SLOW):
        qtbot.mouseClick(window.assessment_view.plan_page.export_bar.buttons["plan"], Qt.MouseButton.LeftButton)
    sheets = assert_our_workbook(tmp_path / "计划.xlsx")
    assert "概览" in sheets and "改进计划" in sheets  # written in the interface's language
    assert "Wang Gong" in all_cell_text(tmp_path / "计划.xlsx")


def test_diagnosis_report_from_the_results_page(library, qtbot, tmp_path, save_as, said, opened):
    window, aid = with_sample(qtbot, library)
    assert window.open_assessment(aid, "results")
    page = window.assessment_view.results_page
    button = page.export_bar.buttons["report"]
    assert button.accessibleName() == "Export diagnosis report" and button.accessibleDescription()
    asked = save_as(tmp_path / "report.pdf")
    with qtbot.waitSignal(window.exports.finished, timeout=SLOW) as done:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert done.args == [tmp_path / "report.pdf"]
    assert asked[0][1].endswith("diagnosis report.pdf") and "*.pdf" in asked[0][2]
    data = (tmp_path / "report.pdf").read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 10_000
    assert files_in(tmp_path) == ["report.pdf"]
    assert opened == [QUrl.fromLocalFile(str(tmp_path))]


def test_a_character_no_font_has_is_said_after_the_report_is_saved(library, qtbot, tmp_path, save_as, said, opened,
                                                                   monkeypatch):
    from dataclasses import replace

    from smedigital.charts import fonts
    from smedigital.core.assessment import save_assessment

    monkeypatch.setattr(fonts, "FALLBACK_FONT_FILES", ())
    a = load_assessment(SAMPLE)
    source = tmp_path / "rare.smd.json"
    save_assessment(replace(a, company=replace(a.company, name="龙\U00020000科技有限公司")), source)
    window, _ = with_sample(qtbot, library, source)
    save_as(tmp_path / "report.pdf")
    with qtbot.waitSignal(window.exports.finished, timeout=SLOW) as done:
        window.export_report_action.trigger()
    assert done.args == [tmp_path / "report.pdf"]
    assert said.kinds() == ["question", "warning"]
    assert "U+20000" in said.messages[1].text and "printed as “□”" in said.messages[1].text


def test_report_with_ctrl_shift_e_and_no_folder_opened_when_declined(library, qtbot, tmp_path, save_as, opened):
    window, _ = with_sample(qtbot, library)
    save_as(tmp_path / "r.pdf")
    with messages.capture(answer=False) as said, qtbot.waitSignal(window.exports.finished, timeout=SLOW):
        qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert (tmp_path / "r.pdf").read_bytes()[:4] == b"%PDF"
    assert said.kinds() == ["question"] and opened == []


def test_blank_questionnaire_for_a_chosen_framework_and_sector(library, qtbot, tmp_path, save_as, said):
    window = show_window(qtbot, library, active=True)
    window.template_action.trigger()
    dialog = window.exports.template_dialog
    assert dialog is not None and dialog.isVisible()
    for widget in (dialog.framework_box, dialog.sector_box):
        assert widget.accessibleName() and widget.accessibleDescription()
    fw_id = load_assessment(CDI_SAMPLE).framework_id
    dialog.framework_box.setCurrentIndex(dialog.framework_box.findData(fw_id))
    dialog.sector_box.setCurrentIndex(dialog.sector_box.findData("A"))
    assert "module" in dialog.note.text().lower() or "core questions" in dialog.note.text()
    asked = save_as(tmp_path / "q.xlsx")
    with qtbot.waitSignal(window.exports.finished, timeout=SLOW) as done:
        qtbot.keyClick(dialog.framework_box, Qt.Key.Key_Return)  # Enter accepts the dialog
    assert done.args == [tmp_path / "q.xlsx"]
    assert " A " in asked[0][1] and asked[0][1].endswith("questionnaire.xlsx")
    assert_our_workbook(tmp_path / "q.xlsx")
    assert fw_id in all_cell_text(tmp_path / "q.xlsx")


def test_blank_questionnaire_from_the_open_assessment_uses_its_framework_and_industry(library, qtbot, tmp_path,
                                                                                     save_as, said):
    window, aid = with_sample(qtbot, library, CDI_SAMPLE)
    assert window.open_assessment(aid, "results")
    qtbot.mouseClick(window.assessment_view.results_page.export_bar.buttons["template"], Qt.MouseButton.LeftButton)
    dialog = window.exports.template_dialog
    a = load_assessment(CDI_SAMPLE)
    assert dialog.framework_id == a.framework_id and dialog.sector == a.company.industry_section
    save_as(tmp_path / "blank.xlsx")
    with qtbot.waitSignal(window.exports.finished, timeout=SLOW):
        dialog.accept()
    assert_our_workbook(tmp_path / "blank.xlsx")


# --------------------------------------------------------------------------- cancel, errors

def test_cancel_while_writing_leaves_nothing_behind(library, qtbot, tmp_path, save_as, said, monkeypatch):
    started, release = threading.Event(), threading.Event()

    def slow_writer(assessment, path, lang="zh", plan=None, **kw):
        Path(path).write_bytes(b"PK half a workbook")  # what a crash mid-write would leave
        started.set()
        release.wait(10)

    import smedigital.export.workbook as workbook

    monkeypatch.setattr(workbook, "write_plan_workbook", slow_writer)
    window, _ = with_sample(qtbot, library)
    save_as(tmp_path / "plan.xlsx")
    window.export_plan_action.trigger()
    job = window.exports.job
    assert job is not None and job.running
    qtbot.waitUntil(started.is_set)
    assert any(p.name.startswith(".plan.xlsx.") for p in tmp_path.iterdir())  # the hidden partial file
    assert window.export_plan() is None and said.kinds() == ["info"]  # one export at a time
    said.clear()
    with qtbot.waitSignal(window.exports.finished, timeout=SLOW) as done:
        job.dialog.findChild(QPushButton).click()  # the progress dialog's Cancel button
        release.set()
    assert done.args == [None]
    assert files_in(tmp_path) == []
    assert said.messages == []  # cancelling is not an error, and there is no folder to open


def test_cancel_at_once_writes_nothing(library, qtbot, tmp_path, save_as, said):
    window, _ = with_sample(qtbot, library)
    save_as(tmp_path / "report.pdf")
    job = window.export_report()
    with qtbot.waitSignal(window.exports.finished, timeout=SLOW) as done:
        job.cancel()
    assert done.args == [None] and files_in(tmp_path) == [] and said.messages == []


def test_a_failed_export_is_a_calm_message_naming_the_file(library, qtbot, tmp_path, save_as, said, monkeypatch):
    def broken(framework, path, lang="zh", sector=None, **kw):
        raise OSError(28, "No space left on device")

    import smedigital.export.template as template

    monkeypatch.setattr(template, "write_template", broken)
    window = show_window(qtbot, library, active=True)
    dialog = window.export_template()
    save_as(tmp_path / "q.xlsx")
    with qtbot.waitSignal(window.exports.finished, timeout=SLOW) as done:
        dialog.accept()
    assert done.args == [None]
    assert said.kinds() == ["error"]
    message = said.messages[0]
    assert "q.xlsx" in message.text and "Nothing was written" in message.text
    assert "No space left" in message.details and "Traceback" not in message.details
    assert files_in(tmp_path) == []


def test_a_folder_that_is_gone_is_said_calmly(library, qtbot, tmp_path, save_as, said):
    window, _ = with_sample(qtbot, library)
    save_as(tmp_path / "gone" / "plan.xlsx")
    with qtbot.waitSignal(window.exports.finished, timeout=SLOW) as done:
        window.export_plan()
    assert done.args == [None] and said.kinds() == ["error"] and "plan.xlsx" in said.messages[0].text


def test_exports_need_an_assessment(library, qtbot, said, save_as):
    window = show_window(qtbot, library, active=True)
    assert window.export_plan() is None and window.export_report() is None
    assert said.kinds() == ["info", "info"]


def test_the_save_dialog_cancelled_does_nothing(library, qtbot, said, save_as):
    window, _ = with_sample(qtbot, library)
    assert window.export_plan() is None and window.exports.job is None and said.messages == []


def test_file_menu_has_the_exports_with_mnemonics_and_shortcuts(library, qtbot):
    window = show_window(qtbot, library, active=True)
    actions = window.file_menu.actions()
    for action in (window.export_plan_action, window.export_report_action, window.template_action):
        assert action in actions and "&" in action.text() and action.statusTip()
    assert window.export_plan_action.shortcut().toString() == "Ctrl+E"
    assert window.export_report_action.shortcut().toString() == "Ctrl+Shift+E"
    assert window.export_action.shortcut().toString() == "Ctrl+S"  # unchanged
    i18n.set_language("zh")
    assert window.export_plan_action.text() == "导出改进计划工作簿(&W)…"
    assert window.office_action.text() == "区域汇总(&R)"


def test_tasks_report_failures_and_values_on_the_gui_thread(qtbot):
    seen: list[object] = []

    def work(progress, cancel):
        progress(1, 2)
        progress(2, 2)
        return threading.current_thread() is threading.main_thread()

    task = tasks.BackgroundTask(work)
    task.progressed.connect(lambda d, t: seen.append((d, t)))
    with qtbot.waitSignal(task.finished):
        task.start()
    assert task.result is False  # the work ran on a worker thread
    assert seen[-1] == (2, 2)

    def fail(progress, cancel):
        raise ValueError("bad input")

    failing = tasks.BackgroundTask(fail)
    with qtbot.waitSignal(failing.failed) as failed:
        failing.start()
    assert isinstance(failed.args[0], ValueError) and not failing.running


def test_export_widgets_have_accessible_names(library, qtbot):
    window, aid = with_sample(qtbot, library)
    window.open_assessment(aid, "plan")
    bar = window.assessment_view.plan_page.export_bar
    for button in bar.buttons.values():
        assert button.accessibleName() and button.accessibleDescription() and "&" in button.text()
    unnamed = [w for w in bar.findChildren(QWidget) if w.focusPolicy() != Qt.FocusPolicy.NoFocus
               and not w.accessibleName()]
    assert unnamed == []
