"""The regional overview for industry offices, as a user drives it: choose a folder, aggregate, look, drill down, save.

The inputs are the bundled samples exported as plan workbooks, plus a broken file. Runs
are waited for on the view's ``runFinished`` signal; one test reads with worker
processes as the program does, the others in the worker thread (``workers=0``) to stay quick.
"""

from __future__ import annotations

import csv
import random
import sys
import threading
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHeaderView,
    QLineEdit,
    QWidget,
)

from smedigital.aggregate.reader import read_file
from smedigital.core.assessment import load_assessment, save_assessment
from smedigital.export.record import RECORD_SHEET
from smedigital.library import Library
from smedigital.ui import i18n
from smedigital.ui.qtguard import guard_singletons

guard_singletons()

pytestmark = [pytest.mark.usefixtures("english"), pytest.mark.gui,
              pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "data" / "aggregate"))

import aggcorpus as corpus  # noqa: E402
from uiwindow import show_window  # noqa: E402

from smedigital.core.framework import get_framework  # noqa: E402
from smedigital.core.scoring import score_answers  # noqa: E402

SAMPLES = sorted((ROOT / "resources" / "samples").glob("*.smd.json"))
MANUFACTURER = ROOT / "resources" / "samples" / "manufacturer-miit.smd.json"
SLOW = 120_000  # ms: worker processes start by importing the program


# --------------------------------------------------------------------------- fixtures


def office(qtbot, lib: Library, **options):
    window = show_window(qtbot, lib, size=(1360, 860), active=True)
    view = window.show_office()
    view.aggregate_options = options
    return window, view


def run(qtbot, view, timeout: int = SLOW) -> None:
    with qtbot.waitSignal(view.runFinished, timeout=timeout):
        qtbot.mouseClick(view.run_button, Qt.MouseButton.LeftButton)


def count(view, key: str) -> str:
    return view.overview.count_values[key].text()


def table_rows(view, proxy) -> list[list[str]]:
    return [[proxy.index(r, c).data() for c in range(proxy.columnCount())] for r in range(proxy.rowCount())]


# --------------------------------------------------------------------------- getting there

def test_reached_from_the_view_menu_and_the_home_screen(library, qtbot, said):
    window = show_window(qtbot, library, size=(1360, 860), active=True)
    assert window.office_action in window.view_menu.actions() and "&" in window.office_action.text()
    window.office_action.trigger()
    view = window.office_view
    assert window.showing_office() and "Regional overview" in window.windowTitle()
    assert view.folder_button.hasFocus() and view.empty_label.isVisible() and not view.tabs.isVisible()
    qtbot.mouseClick(view.back_button, Qt.MouseButton.LeftButton)
    assert window.stack.currentWidget() is window.home
    assert window.home.office_button.accessibleName() == "Regional overview"
    qtbot.mouseClick(window.home.office_button, Qt.MouseButton.LeftButton)
    assert window.showing_office() and window.office_view is view  # kept, with its results
    assert window.export_plan() is None and said.kinds() == ["info"]  # the firm list is not on screen


# --------------------------------------------------------------------------- a run

def test_a_folder_with_a_broken_file_aggregated_by_worker_processes(library, qtbot, firms_folder, monkeypatch,
                                                                   said):
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a: str(firms_folder)))
    window, view = office(qtbot, library, workers=2)
    qtbot.mouseClick(view.folder_button, Qt.MouseButton.LeftButton)
    assert view.inputs == [str(firms_folder)] and view.run_button.isEnabled()
    assert library.get_state("office_folder") == str(firms_folder)
    with qtbot.waitSignal(view.runFinished, timeout=SLOW):
        qtbot.mouseClick(view.run_button, Qt.MouseButton.LeftButton)
        assert view.running() and view.cancel_button.isVisible() and not view.run_button.isEnabled()
    assert not view.running() and not view.progress.isVisible() and not view.cancel_button.isVisible()
    assert said.messages == []
    # the counts: files in = accepted + rejected + duplicates, and firms
    assert (count(view, "files"), count(view, "accepted"), count(view, "rejected"), count(view, "duplicates"),
            count(view, "firms")) == ("4", "3", "1", "0", "3")
    assert count(view, "check") == "4 files = 3 accepted + 1 rejected + 0 duplicates"
    assert not view.overview.count_values["skipped"].isVisible()
    # the shares count only the firm assessed with the national levels (MIIT): not the cdi firms
    miit = [f.newest.level for f in view.result.firms if f.newest.framework_id == "miit-2024-manufacturing"]
    n2 = sum(1 for level in miit if level >= 2)
    assert len(miit) == 1 and count(view, "share2") == f"{n2 / 1 * 100:.1f}% ({n2} of 1 firms)"
    assert count(view, "share3").endswith("of 1 firms)")
    assert view.overview.count_names["share2"].text() == ("Share at level 2 or above (of the firms assessed with MIIT 2024 "
                                                 "Manufacturing):")
    assert "national" in view.overview.count_values["share2"].toolTip()
    assert "Files rejected: 1" in view.notice.text()
    # the file log: the broken file rejected, with its reason
    log = {name: (status, reason) for name, status, reason in view.shown_files()}
    assert log["broken.xlsx"][0] == "rejected" and log["broken.xlsx"][1].startswith("damaged or truncated")
    assert sum(1 for status, _ in log.values() if status == "accepted") == 3
    qtbot.mouseClick(view.overview.rejected_button, Qt.MouseButton.LeftButton)
    assert view.tabs.currentWidget() is view.files_page
    assert [row[0] for row in view.shown_files()] == ["broken.xlsx"]
    view.files.status_filter.setCurrentIndex(0)
    view.files.text_filter.setText("retail")
    assert [row[0] for row in view.shown_files()] == ["retail-chain-cdi.xlsx"]
    assert view.files.file_count.text() == "1 of 4 files shown"
    # the charts of the summary workbook, described for screen readers
    assert set(view.canvases) == {"histogram", "pillars", "levels"}
    assert all(c.accessibleName() and c.accessibleDescription() for c in view.canvases.values())
    assert view.canvases["levels"].chart.figure.axes[0].patches  # drawn with bars


def test_the_table_by_industry_size_and_region(library, qtbot, firms_folder):
    window, view = office(qtbot, library, workers=0)
    view.set_inputs([firms_folder])
    run(qtbot, view)
    sections = sorted(load_assessment(p).company.industry_section for p in SAMPLES)
    frameworks = {load_assessment(p).framework_id for p in SAMPLES}
    choice = view.framework_choice
    assert not choice.isHidden() and choice.count() == len(frameworks) == 2
    rows, level_names = [], set()
    for i in range(choice.count()):  # one framework at a time: levels never pooled across them
        choice.setCurrentIndex(i)
        rows += table_rows(view, view.groups.group_proxy)
        headers = [view.groups.group_model.headerData(c, Qt.Orientation.Horizontal)
                   for c in range(view.groups.group_model.columnCount())]
        assert headers[0] == "Industry (GB/T 4754 section)"
        level_names |= set(headers[2:4])
    assert sorted(r[0][0] for r in rows) == sections  # "C Manufacturing" and so on
    assert [r[1] for r in rows] == ["1"] * 3
    assert "Share at level 2 or above (of the firms assessed with MIIT 2024 Manufacturing)" in headers
    assert len(level_names) == 4  # each framework's own names for its first levels
    assert not view.groups.group_note.isHidden() and "never added" in view.groups.group_note.text()
    chart = view.canvases["levels"]
    view.set_grouping("region")
    assert view.groups.group_model.headerData(0, Qt.Orientation.Horizontal) == "Region"
    regions = {load_assessment(p).company.region for p in SAMPLES}
    shown = []
    for i in range(choice.count()):
        choice.setCurrentIndex(i)
        shown += table_rows(view, view.groups.group_proxy)
    assert len(shown) == len(regions)
    assert view.canvases["levels"] is not chart  # the chart follows the grouping
    view.set_grouping("size")
    total = 0
    for i in range(choice.count()):
        choice.setCurrentIndex(i)
        total += sum(int(r[1]) for r in table_rows(view, view.groups.group_proxy))
    assert total == 3
    view.groups.group_table.sortByColumn(1, Qt.SortOrder.DescendingOrder)  # sorts by number, not by text


def test_cancel_stops_the_run(library, qtbot, firms_folder, said):
    started, release = threading.Event(), threading.Event()

    def waiting_reader(index, path, limits):
        started.set()
        release.wait(10)
        return read_file(index, path, limits)

    window, view = office(qtbot, library, workers=0, reader=waiting_reader)
    view.set_inputs([firms_folder])
    qtbot.mouseClick(view.run_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(started.is_set)
    assert view.cancel_button.isEnabled() and view.cancel_button.accessibleName() == "Cancel"
    with qtbot.waitSignal(view.runFinished, timeout=SLOW):
        qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)
        assert not view.cancel_button.isEnabled() and view.run_status.text() == "Stopping…"
        release.set()
    result = view.result
    assert result.cancelled and result.counts.skipped == 3 and result.counts.files == 4
    assert count(view, "skipped") == "3" and view.overview.count_values["skipped"].isVisible()
    assert "cancelled" in view.notice.text() and view.run_status.text() == "Cancelled after 1 of 4 files."
    assert [s for _, s, _ in view.shown_files()].count("skipped") == 3
    assert said.messages == [] and view.run_button.isEnabled()


def test_an_input_that_has_gone_is_a_calm_message(library, qtbot, tmp_path, said):
    window, view = office(qtbot, library, workers=0)
    view.set_inputs([tmp_path / "no such folder"])
    run(qtbot, view)
    assert said.kinds() == ["error"] and "Traceback" not in said.messages[0].details
    assert "no such folder" in said.messages[0].details
    assert view.result is None and view.run_status.text() == "The run failed."


def assessment_at(framework_id: str, level: int, name: str):
    """A random assessment of a manufacturer that reaches ``level`` of its framework."""
    fw = get_framework(framework_id)
    for seed in range(2000):
        a = corpus.random_assessment(random.Random(seed), fw, name=name, industry="C34", region="浙江省宁波市")
        if score_answers(fw, a.answers, fw.modules_for(a.company.industry_section)).level_index == level:
            return a
    raise AssertionError(f"no seed gives {framework_id} level {level}")


def test_the_shares_count_only_firms_assessed_with_the_national_levels(library, qtbot, tmp_path):
    mixed, cdi = tmp_path / "mixed", tmp_path / "cdi"
    for folder in (mixed, cdi):
        folder.mkdir()
    corpus.assessment_file(mixed / "miit.smd.json", assessment_at("miit-2024-manufacturing", 2, "二级有限公司"))
    for folder in (mixed, cdi):  # 成长级 and 成熟级: the cdi's levels 2 and 3, not 二级 and 三级
        corpus.assessment_file(folder / "cdi2.smd.json", assessment_at("smedigital-cdi", 2, "成长级有限公司"))
        corpus.assessment_file(folder / "cdi3.smd.json", assessment_at("smedigital-cdi", 3, "成熟级有限公司"))
    window, view = office(qtbot, library, workers=0)
    view.set_inputs([mixed])
    run(qtbot, view)
    assert count(view, "firms") == "3"
    assert count(view, "share2") == "100.0% (1 of 1 firms)"
    assert count(view, "share3") == "0.0% (0 of 1 firms)"
    assert view.overview.count_values["share2"].accessibleName() == ("Share at level 2 or above (of the firms assessed "
                                                            "with MIIT 2024 Manufacturing)")
    view.set_grouping("framework")
    rows = {r[0]: r for r in table_rows(view, view.groups.group_proxy)}
    headers = [view.groups.group_model.headerData(c, Qt.Orientation.Horizontal)
               for c in range(view.groups.group_model.columnCount())]
    share2 = headers.index("Share at level 2 or above (of the firms assessed with MIIT 2024 Manufacturing)")
    assert rows["MIIT 2024 Manufacturing (2024)"][share2] == "100.0%"
    cdi_row = next(r for name, r in rows.items() if name.startswith("Cloud-Data-Intelligence check"))
    assert cdi_row[share2] == "—"
    # only cdi firms: no share at all, and why
    view.set_inputs([cdi])
    run(qtbot, view)
    assert count(view, "share2").startswith("— (no firm was assessed with the national indicators")
    assert count(view, "share3").startswith("—")
    assert view.overview.count_names["share2"].text() == "Share at level 2 or above:"
    assert view.groups.group_note.isHidden()
    i18n.set_language("zh")
    assert count(view, "share2").startswith("—") and "工信部2024制造业" in count(view, "share2")


# --------------------------------------------------------------------------- drill-down

def test_double_click_a_firm_shows_its_history_then_import_and_open(library, qtbot, firms_folder, said):
    earlier = load_assessment(MANUFACTURER)
    first_id = next(iter(earlier.answers))
    earlier = replace(earlier, assessed_on="2024-03-15").with_answer(first_id, None)
    save_assessment(earlier, firms_folder / "manufacturer-2024.smd.json")
    window, view = office(qtbot, library, workers=0)
    view.set_inputs([firms_folder])
    run(qtbot, view)
    assert count(view, "firms") == "3" and count(view, "history") == "1" and count(view, "accepted") == "4"
    view.tabs.setCurrentWidget(view.firms_page)
    name = earlier.company.name
    assert view.select_firm(name)
    index = view.firms.firm_table.selectionModel().selectedRows()[0]
    rect = view.firms.firm_table.visualRect(index)
    qtbot.mouseClick(view.firms.firm_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.firms.firm_table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = view.history_dialog
    assert dialog is not None and dialog.isVisible()
    rows = table_rows(dialog, dialog.model)
    assert [r[0] for r in rows] == ["2024-03-15", load_assessment(MANUFACTURER).assessed_on]  # oldest first
    totals = [float(r[2]) for r in rows]
    assert totals[0] <= totals[1] and all(r[3] and r[4] for r in rows)  # levels and stages named
    assert [r[5] for r in rows] == ["no", "no"] and dialog.chart is not None
    assert not dialog.open_button.isEnabled() and dialog.import_button.isEnabled()
    with qtbot.waitSignal(view.libraryChanged):
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)  # the newest, a plan workbook
    assert said.messages == []
    assert [f.name for f in library.firms()] == [name]
    assert table_rows(dialog, dialog.model)[1][5] == "yes" and dialog.open_button.isEnabled()
    assert window.home.model.rowCount() == 1  # the firm list follows
    stored = dialog.model.in_library[1]
    with qtbot.waitSignal(dialog.finished):
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert window.showing_assessment() and window.assessment_id == stored


def test_history_knows_what_is_already_in_the_library(library, qtbot, tmp_path, said):
    aid = library.import_file(MANUFACTURER)
    folder = tmp_path / "in"
    folder.mkdir()
    save_assessment(load_assessment(MANUFACTURER), folder / "firm.smd.json")
    window, view = office(qtbot, library, workers=0)
    view.set_inputs([folder])
    run(qtbot, view)
    view.tabs.setCurrentWidget(view.firms_page)
    view.firms.firm_table.selectRow(0)
    qtbot.keyClick(view.firms.history_button, Qt.Key.Key_Space)
    dialog = view.history_dialog
    assert dialog.model.in_library == [aid] and dialog.open_button.isEnabled()
    assert not dialog.import_button.isEnabled() and "is in the firm library" in dialog.status.text()
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    assert window.assessment_id == aid


# --------------------------------------------------------------------------- saving

def test_save_the_summary_workbook_and_the_long_csv(library, qtbot, firms_folder, tmp_path, monkeypatch, said,
                                                    opened):
    window, view = office(qtbot, library, workers=0)
    view.set_inputs([firms_folder])
    view._remember_folder(str(firms_folder))  # the last folder chosen was the input folder
    run(qtbot, view)
    out = tmp_path / "out"
    out.mkdir()
    answers = iter([out / "summary", out / "long.csv"])
    asked: list[str] = []

    def fake_save(parent, title, suggested, filters):
        if not asked:  # offered outside the folder being aggregated, though it was the last one used
            assert Path(suggested).parent == firms_folder.parent
        asked.append(Path(suggested).name)
        return str(next(answers)), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    with qtbot.waitSignal(view.saveFinished, timeout=SLOW) as done:
        qtbot.mouseClick(view.summary_button, Qt.MouseButton.LeftButton)
    assert done.args == [out / "summary.xlsx"] and asked[0].startswith("regional summary")
    wb = openpyxl.load_workbook(out / "summary.xlsx")
    assert RECORD_SHEET in wb.sheetnames and "File log" in wb.sheetnames  # in the interface's language
    wb.close()
    with qtbot.waitSignal(view.saveFinished, timeout=SLOW) as done:
        qtbot.mouseClick(view.csv_button, Qt.MouseButton.LeftButton)
    assert done.args == [out / "long.csv"]
    with open(out / "long.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:6] == ["firm_key", "firm_name", "credit_code", "file", "framework", "assessed_on"]
    assert len(rows) > 10
    assert sorted(p.name for p in out.iterdir()) == ["long.csv", "summary.xlsx"]
    assert said.kinds() == ["question", "question"]
    assert opened == [QUrl.fromLocalFile(str(out))] * 2


def test_regions_by_division_and_those_to_resolve(library, qtbot, tmp_path):
    rng = random.Random(2260)
    folder = tmp_path / "in"
    folder.mkdir()
    for i, region in enumerate(["浙江省宁波市北仑区", "宁波北仑", "浙江宁波鄞州区", "鼓楼区"]):
        corpus.assessment_file(folder / f"{i}.smd.json", corpus.random_assessment(rng, name=f"企业{i}", region=region))
    window, view = office(qtbot, library, workers=0)
    view.set_inputs([folder])
    run(qtbot, view)
    view.set_grouping("region")
    rows = {r[0]: r[1] for r in table_rows(view, view.groups.group_proxy)}
    assert rows["浙江省宁波市北仑区 (330206)"] == "2" and rows["浙江省宁波市鄞州区 (330212)"] == "1"
    assert rows["(to resolve: see the list below)"] == "1"
    assert not view.groups.issue_table.isHidden() and "Regions to resolve (1)" in view.groups.issues_label.text()
    issue = table_rows(view, view.groups.issue_model)[0]
    assert issue[:3] == ["鼓楼区", "may mean several places", "1"] and "南京" in issue[3]
    view.set_grouping("province")
    assert {r[0]: r[1] for r in table_rows(view, view.groups.group_proxy)}["浙江省 (330000)"] == "3"
    view.set_grouping("industry")
    assert view.groups.issue_table.isHidden()


def test_trusted_keys_chosen_in_the_view_name_who_signed_each_file(library, qtbot, firms_folder, tmp_path,
                                                                   monkeypatch, said):
    import datetime as dt

    from smedigital.export.signing import TrustedKey, load_or_create_identity, save_trusted_keys

    window, view = office(qtbot, library, workers=0)
    view.set_inputs([firms_folder])
    assert "No trusted-keys file" in view.keys_label.text()
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: other\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a: (str(bad), "")))
    qtbot.mouseClick(view.keys_button, Qt.MouseButton.LeftButton)
    assert said.kinds() == ["error"] and "No trusted-keys file" in view.keys_label.text()
    keys = tmp_path / "keys.yaml"
    me = load_or_create_identity()  # the exports in firms_folder were signed with this installation's key
    save_trusted_keys(keys, [TrustedKey(me.fingerprint, "李评估", "某服务商", dt.date(2026, 12, 1))])
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a: (str(keys), "")))
    qtbot.mouseClick(view.keys_button, Qt.MouseButton.LeftButton)
    assert view.keys_label.text() == "Trusted keys: keys.yaml (1 keys)"
    from smedigital.ui.office.view import OfficeView

    again = OfficeView(library)  # the next session starts with the list chosen last
    qtbot.addWidget(again)
    assert again.trusted_path == str(keys) and len(again.trusted) == 1
    run(qtbot, view)
    model = view.files.file_model
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    col = header.index("Signature")
    shown = {model.index(r, 0).data(): model.index(r, col).data() for r in range(model.rowCount())}
    assert shown["broken.xlsx"] == ""
    assert {v for k, v in shown.items() if k != "broken.xlsx"} == {"signed by a trusted key: 李评估（某服务商）"}


# --------------------------------------------------------------------------- language and access

def test_the_view_follows_the_language(library, qtbot, firms_folder):
    window, view = office(qtbot, library, workers=0)
    view.set_inputs([firms_folder])
    run(qtbot, view)
    i18n.set_language("zh")
    assert view.heading.text() == "区域汇总" and window.windowTitle().startswith("区域汇总")
    assert view.files.status_filter.itemText(0) == "全部文件" and view.run_status.text() == "已读取 4 个文件。"
    assert "已拒绝" in [s for _, s, _ in view.shown_files()]
    assert view.groups.group_model.headerData(0, Qt.Orientation.Horizontal) == "行业（GB/T 4754 门类）"
    headers = [view.groups.group_model.headerData(c, Qt.Orientation.Horizontal)
               for c in range(view.groups.group_model.columnCount())]
    assert "二级及以上占比（按工信部2024制造业评测的企业）" in headers
    assert "第1级" not in headers and headers[2] == "未起步"  # the framework shown, under its own names
    assert view.overview.count_names["share2"].text() == "二级及以上占比（按工信部2024制造业评测的企业）："
    assert count(view, "check").startswith("4 个文件 =")


def test_every_input_has_an_accessible_name_and_the_keyboard_reaches_it(library, qtbot, firms_folder):
    window, view = office(qtbot, library, workers=0)
    view.set_inputs([firms_folder])
    run(qtbot, view)
    inputs = (QAbstractButton, QComboBox, QLineEdit, QAbstractItemView)
    for page in range(view.tabs.count()):
        view.tabs.setCurrentIndex(page)
        shown = [w for w in view.findChildren(QWidget) if isinstance(w, inputs) and w.isVisible()
                 and not isinstance(w, QHeaderView)]  # a table's headers are part of it
        unnamed = [type(w).__name__ for w in shown if not w.accessibleName()]
        assert unnamed == []
        assert all(w.accessibleDescription() for w in shown if not isinstance(w, QAbstractItemView)
                   or w.model() is not None)
        assert all(w.focusPolicy() & Qt.FocusPolicy.TabFocus for w in shown if w.isEnabled())


def test_switching_the_framework_shows_its_own_charts_kept_from_its_first_showing(library, qtbot, firms_folder):
    """Back at a framework shown before, its charts come back as they were drawn (not built again), each
    titled and described with that framework; the firm list, the same whatever the framework, keeps the
    user's sort; a new run shows charts of its own."""
    window, view = office(qtbot, library, workers=0)
    view.set_inputs([firms_folder])
    run(qtbot, view)
    choice = view.framework_choice
    assert choice.count() == 2
    seen = []
    for i in (0, 1):
        choice.setCurrentIndex(i)
        name = view.labels.framework(view.shown_framework())
        charts = dict(view.canvases)
        assert all(c.isVisibleTo(view) or key == "levels" for key, c in charts.items())
        assert all(name in c.accessibleName() and name in c.chart.title.get_text() for c in charts.values())
        seen.append(charts)
    assert all(seen[0][key] is not seen[1][key] for key in seen[0])
    # the histogram counts each framework's own firms
    assert [sum(c["histogram"].chart.ax.containers[0].datavalues) for c in seen] == sorted(
        (sum(1 for f in view.result.firms if f.newest.framework_id == fid) for fid in
         (choice.itemData(0), choice.itemData(1))), reverse=True)
    view.firms.firm_table.sortByColumn(8, Qt.SortOrder.DescendingOrder)  # by total
    choice.setCurrentIndex(0)
    assert all(view.canvases[key] is seen[0][key] for key in seen[0])  # kept, not built again
    assert not seen[1]["histogram"].isVisibleTo(view)
    header = view.firms.firm_table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (8, Qt.SortOrder.DescendingOrder)
    run(qtbot, view)  # the same files again: a new result, its own charts
    assert all(view.canvases[key] is not seen[0][key] for key in seen[0])


def test_the_charts_follow_high_contrast(library, qtbot, firms_folder):
    window, view = office(qtbot, library, workers=0)
    view.set_inputs([firms_folder])
    run(qtbot, view)
    before = view.canvases["histogram"]
    window.contrast_action.trigger()
    qtbot.waitUntil(lambda: view.canvases["histogram"] is not before)
    assert view.canvases["histogram"].chart.style.high_contrast
    assert view.canvases["levels"].chart.style.high_contrast


def test_the_regional_charts_say_more_than_colour():
    from smedigital.charts import figures as F

    groups = [(f"Region {i}", [i % 3, 1, 0, 2, 1]) for i in range(15)]
    chart = F.LevelsByGroup("en").update(groups, ["No level", "L1", "L2", "L3", "L4"], "region")
    labels = [t.get_text() for t in chart.ax.get_yticklabels()]
    assert len(labels) == 12 and labels[-1] == "Other (4 groups)"
    hatches = {F.level_look(i)[1] for i in range(5)}
    assert len(hatches) >= 3  # patterns, not only shades
    assert chart.title.get_text() == "Levels by region"
    hist = F.ScoreDistribution("zh").update([0, 1, 2, 0, 0, 0, 0, 0, 0, 1])
    assert len(hist.ax.patches) == 10 and hist.title.get_text() == "总分分布"
    means = F.PillarMeans("en").update([50.0, 20.5, 90.0], ["Cloud", "Data", "Intelligence"])
    assert sorted(t.get_text() for t in means.ax.texts) == ["20.5", "50.0", "90.0"]  # one decimal, always
    empty = F.LevelsByGroup("en").update([], [], "industry")
    assert empty.ax.texts[0].get_text() == "No usable assessment"
