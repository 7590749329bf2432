"""The pilot cycle in the window: a sample firm from the empty library, a confirmed re-assessment
that opens on its first page, a firm's assessments (one deleted, with undo) and two of them side
by side (the diagnosis baseline and the after-transformation self-assessment)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from uiwindow import show_window

from smedigital.core.answers import Answer
from smedigital.core.resources import resource_path
from smedigital.library import Library
from smedigital.ui import i18n
from smedigital.ui.firm_history import ComparisonDialog, FirmHistoryDialog, ReassessDialog
from smedigital.ui.home import HomeView
from smedigital.ui.main_window import MainWindow

pytestmark = pytest.mark.usefixtures("english")

PILOT = resource_path("samples", "pilot")
BASELINE = PILOT / "manufacturer-miit-baseline.smd.json"
AFTER = PILOT / "manufacturer-miit-after.smd.json"
NETWORK = "miit.foundation.network"


def texts(dialog: ComparisonDialog, table) -> list[list[str]]:
    return dialog.table_texts(table)


# --------------------------------------------------------------------------- the sample firm

def test_an_empty_library_offers_a_sample_firm_one_click_away(library, qtbot, said):
    home = HomeView(library)
    qtbot.addWidget(home)
    home.show()
    qtbot.waitExposed(home)
    assert home.sample_button.isVisible()
    assert home.sample_button.accessibleName()
    qtbot.mouseClick(home.sample_button, Qt.MouseButton.LeftButton)
    assert said.messages == []
    firms = library.firms()
    assert len(firms) == 1 and firms[0].assessment_count == 2
    assert home.selected_firm_id() == firms[0].id
    assert not home.sample_button.isVisible()  # only on the empty list
    assert home.history_button.isEnabled()


def test_the_sample_button_is_not_offered_when_a_search_finds_nothing(library, qtbot):
    library.import_file(BASELINE)
    home = HomeView(library)
    qtbot.addWidget(home)
    home.show()
    assert not home.sample_button.isVisible()
    home.search_box.setText("no such firm")
    assert home.empty_label.isVisible() and not home.sample_button.isVisible()


# --------------------------------------------------------------------------- re-assessment

def test_reassessing_asks_first_and_cancel_changes_nothing(library, qtbot):
    aid = library.import_file(BASELINE)
    firm = library.assessment_info(aid).firm_id
    home = HomeView(library)
    qtbot.addWidget(home)
    home.select_firm(firm)
    with qtbot.assertNotEmitted(home.openRequested):
        home.reassess_selected()
        dialog = home.reassess_dialog
        assert isinstance(dialog, ReassessDialog) and dialog.isVisible()
        assert dialog.purpose() == "after"  # after a diagnosis baseline comes the 改造后 self-assessment
        dialog.reject()
    assert len(library.assessments(firm)) == 1


def test_a_reassessment_opens_on_its_first_page_not_on_last_years_results(library, qtbot):
    aid = library.import_file(BASELINE)
    firm = library.assessment_info(aid).firm_id
    window = show_window(qtbot, library)
    window.home.select_firm(firm)
    window.home.reassess_selected()
    window.home.reassess_dialog.radios["reassessment"].setChecked(True)
    window.home.reassess_dialog.accept()
    assert window.showing_assessment()
    new_id = window.assessment_id
    assert new_id != aid
    new = library.load_assessment(new_id)
    assert new.assessed_on == dt.date.today().isoformat()
    assert new.purpose == "reassessment" and not new.is_signed_off  # the signed baseline's sign-off stays there
    assert new.previous and new.previous["purpose"] == "baseline"
    assert window.assessment_view.current_step() == "profile"


def test_a_reassessment_keeps_plan_edits_but_not_due_dates_before_its_start(library):
    aid = library.import_file(BASELINE)
    old = library.load_assessment(aid)
    library.save_assessment(aid, replace(old, signed_off=None, plan={"target": "level:2", "items": [
        {"key": "a", "owner": "孙悦", "due": "2024-03-31", "status": "in_progress"},
        {"key": "b", "due": "2099-12-31"}]}))
    new_id = library.duplicate_for_reassessment(aid, today=dt.date(2026, 6, 1), purpose="after")
    plan = library.load_assessment(new_id).plan
    assert plan["target"] == "level:2"
    assert plan["items"] == [{"key": "a", "owner": "孙悦", "status": "in_progress"}, {"key": "b", "due": "2099-12-31"}]


# --------------------------------------------------------------------------- history and deleting one

def test_one_assessment_is_deleted_alone_and_undo_brings_it_back(library, qtbot, said):
    first = library.import_file(BASELINE)
    second = library.import_file(AFTER)
    firm = library.assessment_info(first).firm_id
    window = show_window(qtbot, library)
    window.home.select_firm(firm)
    qtbot.mouseClick(window.home.history_button, Qt.MouseButton.LeftButton)
    dialog = window.history_dialog
    assert isinstance(dialog, FirmHistoryDialog)
    assert dialog.table.rowCount() == 2
    assert dialog.selected_id() == second  # the latest is selected
    with qtbot.waitSignal(dialog.changed):
        qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert [a.id for a in library.assessments(firm)] == [first]
    assert library.firm(firm).assessment_count == 1  # the firm stays
    assert dialog.undo_button.isVisible()
    assert window.home.model.firm(0).assessment_id == first  # the list follows
    with qtbot.waitSignal(dialog.changed):
        qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert [a.id for a in library.assessments(firm)] == [first, second]
    assert not dialog.undo_button.isVisible()
    # and again from the keyboard: Delete on the list, Ctrl+Z to undo
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.table.selectRow(0)
    dialog.table.setFocus()
    qtbot.waitUntil(dialog.table.hasFocus)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
    assert [a.id for a in library.assessments(firm)] == [second]
    qtbot.keyClick(dialog.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert [a.id for a in library.assessments(firm)] == [first, second]
    assert QKeySequence(QKeySequence.StandardKey.Undo) in dialog.undo_action.shortcuts()
    dialog.reject()


def test_the_evidence_of_a_deleted_assessment_comes_back_with_it(library, tmp_path):
    aid = library.import_file(BASELINE)
    note = tmp_path / "topology.txt"
    note.write_text("network topology", encoding="utf-8")
    library.attach_evidence(aid, NETWORK, note)
    removed = library.remove_assessment(aid)
    assert library.evidence(aid) == []
    back = library.restore_assessment(removed)
    assert back == aid
    [e] = library.evidence(aid)
    assert e.original_name == "topology.txt" and e.path.read_text(encoding="utf-8") == "network topology"


# --------------------------------------------------------------------------- comparison

def test_baseline_then_after_then_the_comparison(library, qtbot, said):
    """Baseline, a re-assessment with the network improved and its plan item done, then side by side."""
    base = library.import_file(BASELINE)
    firm = library.assessment_info(base).firm_id
    window = show_window(qtbot, library)
    window.home.select_firm(firm)
    window.home.reassess_selected()
    window.home.reassess_dialog.accept()
    after_id = window.assessment_id
    window.show_home()
    after = library.load_assessment(after_id)
    after = after.with_answer(NETWORK, Answer(choices=("control_network", "application_network",
                                                       "industrial_5g")))
    after = replace(after, plan={"items": [{"key": "net", "title": "Upgrade the plant network", "status": "done",
                                            "evidence": ["network topology"]}]})
    library.save_assessment(after_id, after)
    dialog = window.show_history(firm)
    comparison = dialog.compare()
    assert isinstance(comparison, ComparisonDialog)
    assert comparison.pair() == (base, after_id)
    assert comparison.comparison is not None
    changed = texts(comparison, comparison.answers)
    assert any("network" in row[0].lower() or "网络" in row[0] for row in changed)
    assert "Total score:" in comparison.summary.text() and "Level:" in comparison.summary.text()
    assert comparison.gates.rowCount() > 0 and comparison.scenes.rowCount() > 0
    assert texts(comparison, comparison.done_items) == [["Upgrade the plant network", "network topology"]]
    comparison.reject()
    dialog.reject()


def test_the_pilot_pair_side_by_side_with_units_and_changes(library, qtbot):
    base = library.import_file(BASELINE)
    after = library.import_file(AFTER)
    firm = library.assessment_info(base).firm_id
    dialog = ComparisonDialog(library, firm)
    qtbot.addWidget(dialog)
    assert dialog.pair() == (base, after)
    indicators = texts(dialog, dialog.indicators)
    assert len(indicators) == 4
    assert all(row[2] != "–" and row[3] != "–" for row in indicators)  # both years measured
    assert any(row[1] for row in indicators)  # units shown
    assert all(row[4][0] in "+−±" for row in indicators)
    dims = texts(dialog, dialog.dimensions)
    assert len(dims) == 3
    # choosing the pair the other way round still compares, and says so
    dialog.before_box.setCurrentIndex(1)
    dialog.after_box.setCurrentIndex(0)
    assert "dated after" in dialog.summary.text()
    # a dialog with every control named, in Chinese too
    assert "Diagnosis baseline" in dialog.after_box.currentText()
    i18n.set_language("zh")
    assert dialog.windowTitle() != "Compare two assessments"
    assert "诊断基线" in dialog.after_box.currentText()  # the choices follow the language too
    assert "总分" in dialog.summary.text()
    gates = [row[0] for row in texts(dialog, dialog.gates)]
    assert "二级：总分不低于 40.0" in gates and not any(": " in g for g in gates)  # Chinese punctuation in Chinese
    for widget in (dialog.before_box, dialog.after_box, dialog.tabs, dialog.indicators):
        assert widget.accessibleName()
    QApplication.processEvents()


def test_the_window_shows_each_change_with_the_digits_of_the_report_and_the_command_line(library, qtbot):
    """46.7 → 50.4 is +3.7 and +7.9% (one decimal always, worked from the numbers shown); a dimension
    that stayed at 26.3 reads ±0.0; the total changes by the difference of the totals shown."""
    base = library.import_file(BASELINE)
    library.import_file(AFTER)
    dialog = ComparisonDialog(library, library.assessment_info(base).firm_id)
    qtbot.addWidget(dialog)
    rows = {row[0]: row[2:] for row in texts(dialog, dialog.indicators)}
    assert rows["Revenue per employee"] == ["46.7", "50.4", "+3.7", "+7.9%"]
    assert rows["Cost per 100 yuan of revenue"] == ["88.4", "86.7", "−1.7", "−1.9%"]
    assert rows["Energy per revenue"] == ["0.146", "0.128", "−0.018", "−12.3%"]
    dims = {row[0]: row[1:] for row in texts(dialog, dialog.dimensions)}
    assert dims["Digital management"] == ["26.3", "26.3", "±0.0"]
    assert dims["Digital results"] == ["100.0", "100.0", "±0.0"]
    assert "Total score: 51.7 → 57.5 (+5.8)" in dialog.summary.text()


def test_one_assessment_alone_has_nothing_to_compare(library, qtbot):
    base = library.import_file(BASELINE)
    dialog = FirmHistoryDialog(library, library.assessment_info(base).firm_id)
    qtbot.addWidget(dialog)
    assert not dialog.compare_button.isEnabled()
    assert dialog.compare() is None


# --------------------------------------------------------------------------- a signed-off baseline

def test_a_signed_off_baseline_opens_read_only_with_a_new_version_action(library, qtbot, said):
    base = library.import_file(BASELINE)
    window = show_window(qtbot, library)
    assert window.open_assessment(base)
    view = window.assessment_view
    assert view.is_read_only()
    assert view.frozen_bar.isVisible() and "周海峰" in view.frozen_label.text()
    assert not view.profile_page.name.isEnabled()
    for page in view.section_pages.values():
        assert page.isEnabled() and page.scroll.isEnabled() and page.help.isEnabled()  # readable
        assert not any(card.isEnabled() for card in page.cards.values())  # not editable
    view.go_to("results")  # the results stay readable
    assert view.current_step() == "results"
    qtbot.mouseClick(view.new_version_button, Qt.MouseButton.LeftButton)
    dialog = window.version_dialog
    assert dialog.purpose() == "after"
    dialog.accept()
    assert window.assessment_id != base
    new_view = window.assessment_view
    assert not new_view.is_read_only() and not new_view.frozen_bar.isVisible()
    assert new_view.current_step() == "profile"
    assert library.load_assessment(base).is_signed_off  # the baseline stays as it was agreed
    assert said.messages == []


def test_the_comparison_is_exported_as_a_pdf_report_and_a_sheet(library, qtbot, tmp_path, monkeypatch, said):
    from openpyxl import load_workbook
    from PySide6.QtWidgets import QFileDialog

    chosen: list[Path] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda parent, title, suggested, filters: (str(chosen[-1]), "")))
    base = library.import_file(BASELINE)
    library.import_file(AFTER)
    window = show_window(qtbot, library)
    history = window.show_history(library.assessment_info(base).firm_id)
    comparison = history.compare()
    assert comparison.pdf_button.isVisible() and comparison.pdf_button.isEnabled()
    chosen.append(tmp_path / "before-after.pdf")
    job = comparison.export("pdf")
    with qtbot.waitSignal(job.finished, timeout=60_000) as done:
        pass
    assert done.args[0] == chosen[-1]
    assert chosen[-1].read_bytes().startswith(b"%PDF")
    chosen.append(tmp_path / "before-after.xlsx")
    job = comparison.export("xlsx")
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass
    assert load_workbook(chosen[-1]).sheetnames
    comparison.reject()
    history.reject()


# --------------------------------------------------------------------------- evidence

def test_evidence_is_attached_opened_under_its_name_renamed_and_removed(library, qtbot, tmp_path, monkeypatch,
                                                                         opened, said):
    from smedigital.ui.assessment import widgets

    aid = library.import_file(AFTER)
    window = show_window(qtbot, library)
    assert window.open_assessment(aid)
    view = window.assessment_view
    view.go_to_question(NETWORK)
    card = next(p for p in view.section_pages.values() if NETWORK in p.cards).cards[NETWORK]
    source = tmp_path / "网络拓扑图.pdf"
    source.write_bytes(b"%PDF-1.4 topology")
    monkeypatch.setattr(widgets, "choose_evidence_files", lambda parent: [str(source)])
    qtbot.mouseClick(card.attach_button, Qt.MouseButton.LeftButton)
    [ev] = library.evidence(aid, NETWORK)
    assert ev.original_name == "网络拓扑图.pdf"
    assert "网络拓扑图.pdf" in view.session.assessment.answers[NETWORK].evidence
    # opened: a copy under its readable name, never the stored file named by its hash
    card.evidence_list.setCurrentRow(card.evidence_list.count() - 1)
    card.open_evidence_action.trigger()
    assert len(opened) == 1
    path = Path(opened[0].toLocalFile())
    assert path.name == "网络拓扑图.pdf" and path.read_bytes() == b"%PDF-1.4 topology"
    assert path != ev.path
    # renamed from the keyboard (F2), the answer follows
    monkeypatch.setattr(widgets, "ask_evidence_name", lambda parent, current: "车间网络拓扑 2026.pdf")
    card.evidence_list.setFocus()
    qtbot.waitUntil(card.evidence_list.hasFocus)
    card.rename_evidence_action.trigger()
    assert library.evidence(aid, NETWORK)[0].original_name == "车间网络拓扑 2026.pdf"
    answer = library.load_assessment(aid).answers[NETWORK]
    assert "车间网络拓扑 2026.pdf" in answer.evidence and "网络拓扑图.pdf" not in answer.evidence
    card.open_evidence("车间网络拓扑 2026.pdf")
    assert Path(opened[-1].toLocalFile()).name == "车间网络拓扑 2026.pdf"
    # a name with a folder in it stays a file name
    assert card.rename_evidence("车间网络拓扑 2026.pdf", "../x/y.pdf") == "_x_y.pdf"
    # removed with Delete
    card.evidence_list.setCurrentRow(card.evidence_list.count() - 1)
    qtbot.keyClick(card.evidence_list, Qt.Key.Key_Delete)
    assert library.evidence(aid, NETWORK) == []
    assert said.messages == []


def test_editing_an_answer_keeps_its_evidence_marks(library, qtbot):
    from smedigital.core.answers import EvidenceMark

    aid = library.import_file(AFTER)
    before = library.load_assessment(aid)
    qid = NETWORK
    before = before.with_answer(qid, replace(before.answers[qid], evidence_items={"e1": EvidenceMark("present")}))
    library.save_assessment(aid, before)
    window = show_window(qtbot, library)
    window.open_assessment(aid)
    view = window.assessment_view
    card = next(p for p in view.section_pages.values() if qid in p.cards).cards[qid]
    card.note.setPlainText("checked on site")
    card._commit()
    assert library.load_assessment(aid).answers[qid].evidence_items == before.answers[qid].evidence_items


# --------------------------------------------------------------------------- .smdpack

def test_a_firm_pack_goes_from_one_library_to_another_through_the_file_menu(library, qtbot, tmp_path,
                                                                            monkeypatch, said):
    from PySide6.QtWidgets import QFileDialog

    aid = library.import_file(BASELINE)
    library.import_file(AFTER)
    doc = tmp_path / "网络拓扑图.pdf"
    doc.write_bytes(b"%PDF topology")
    library.attach_evidence(aid, NETWORK, doc)
    firm = library.assessment_info(aid).firm_id
    window = show_window(qtbot, library)
    window.home.select_firm(firm)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args: (str(tmp_path / "明川"), "")))
    with qtbot.waitSignal(window.export_pack().finished, timeout=20000) as done:
        pass
    pack = tmp_path / "明川.smdpack"
    assert done.args == [pack] and pack.is_file()

    other = Library.open(tmp_path / "other" / "library.sqlite")
    try:
        second = MainWindow(other)
        qtbot.addWidget(second)
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *args: (str(pack), "")))
        with qtbot.waitSignal(second.import_pack().finished, timeout=20000):
            pass
        [firm_b] = other.firms()
        assert firm_b.assessment_count == 2
        assert second.home.selected_firm_id() == firm_b.id
        first_b = other.assessments(firm_b.id)[0].id
        [ev] = other.evidence(first_b, NETWORK)
        assert ev.original_name == "网络拓扑图.pdf" and ev.path.read_bytes() == b"%PDF topology"
        assert said.messages == []
        second.close()
    finally:
        QApplication.processEvents()
        other.close()


def test_a_damaged_pack_is_refused_with_a_message(library, qtbot, tmp_path, said):
    bad = tmp_path / "bad.smdpack"
    bad.write_bytes(b"not a zip")
    window = show_window(qtbot, library)
    with qtbot.waitSignal(window.import_pack(bad).finished, timeout=20000) as done:
        pass
    assert done.args == [None]
    assert said.kinds() == ["error"]
    assert library.firms() == []


# --------------------------------------------------------------------------- on-site verification

def test_verification_records_the_answer_found_on_site_and_shows_the_differences(library, qtbot, tmp_path,
                                                                                  monkeypatch, said):
    from PySide6.QtWidgets import QFileDialog

    from smedigital.ui.verification import VerificationDialog

    base = library.import_file(BASELINE)
    firm = library.assessment_info(base).firm_id
    self_score = library.assessment_info(base).total_score
    window = show_window(qtbot, library)
    history = window.show_history(firm)
    history.table.selectRow(0)
    dialog = history.verify()
    assert isinstance(dialog, VerificationDialog)
    assert "No verification" in dialog.summary.text()
    row = next(r for r in dialog.rows if r.question.id == NETWORK)
    assert row.own.text()  # the firm's answer, as people read it
    assert not row.input.isVisible()
    row.differs.setChecked(True)
    row.input.load(Answer(choices=("control_network",)))
    row.remark.setText("办公网与生产网未隔离，应用网络未建成")
    dialog.who.setText("王工")
    dialog.organisation.setText("市中小企业服务中心")
    assert dialog.save()
    stored = library.load_assessment(base)
    assert stored.is_signed_off  # the firm's answers stay as they were signed
    assert stored.answers[NETWORK].choices == ("control_network", "application_network")
    assert stored.verification.answers[NETWORK].choices == ("control_network",)
    assert stored.verification.remarks[NETWORK].startswith("办公网")
    text = dialog.summary.text()
    assert "Verified rating" in text and "1 difference" in text and "办公网与生产网未隔离" in text
    assert library.assessment_info(base).total_score < self_score  # the verified answers count
    # the verification sheet, as PDF, off the GUI thread
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args: (str(tmp_path / "sheet.pdf"), "")))
    job = dialog.export_sheet()
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass
    assert (tmp_path / "sheet.pdf").read_bytes().startswith(b"%PDF")
    dialog.reject()
    assert said.kinds() == ["question"]  # open the folder?
    # opened again, it shows what was recorded
    again = VerificationDialog(library, base)
    qtbot.addWidget(again)
    row = next(r for r in again.rows if r.question.id == NETWORK)
    assert row.differs.isChecked() and row.remark.text().startswith("办公网")
    assert again.who.text() == "王工"
    history.reject()


def test_a_new_assessment_can_say_it_is_the_diagnosis_baseline(library, qtbot, said):
    window = show_window(qtbot, library)
    dialog = window.new_assessment()
    assert dialog.purpose == ""  # not stated unless chosen
    dialog.purpose_box.setCurrentIndex(dialog.purpose_box.findData("baseline"))
    assert dialog.purpose_box.accessibleName()
    dialog.name_edit.setText("试点企业甲")
    with qtbot.waitSignal(dialog.finished):
        dialog.accept()
    [firm] = library.firms()
    assert library.load_assessment(firm.assessment_id).purpose == "baseline"


# --------------------------------------------------------------------------- carried over or reviewed

def test_a_reassessment_marks_each_answer_carried_over_until_it_is_checked_again(library, qtbot):
    aid = library.import_file(BASELINE)
    firm = library.assessment_info(aid).firm_id
    window = show_window(qtbot, library)
    window.home.select_firm(firm)
    window.home.reassess_selected()
    window.home.reassess_dialog.accept()
    view = window.assessment_view
    assert view.carried_from() is not None
    left = view.to_review()
    assert len(left) == len(view.review_boxes) > 20
    assert "2025-12-10" in view.review_boxes[NETWORK].text()
    assert "to review" in view.step_list.item(2).text()
    assert view.review_next_button.isVisible()
    # "next to review" goes to the first one; ticking its box marks it checked
    first = view.next_to_review()
    assert first == left[0]
    view.review_boxes[first].setChecked(True)
    assert first not in view.to_review()
    assert "still true" in view.review_boxes[first].text()
    # editing an answer marks it reviewed, and says it changed
    card = next(p for p in view.section_pages.values() if NETWORK in p.cards).cards[NETWORK]
    card.load(Answer(choices=("control_network",)))
    card._commit()
    assert NETWORK not in view.to_review()
    assert "changed since 2025-12-10" in view.review_boxes[NETWORK].text()
    # remembered with the assessment
    new_id = window.assessment_id
    window.show_home()
    window.open_assessment(new_id)
    assert NETWORK not in window.assessment_view.to_review()
    assert window.assessment_view.review_boxes[NETWORK].isChecked()


def test_a_first_assessment_has_no_review_marks(library, qtbot):
    from smedigital.core.assessment import Company

    firm = library.add_firm(Company(name="新企业", industry="C34"))
    aid = library.create_assessment(firm, "miit-2024-manufacturing")
    window = show_window(qtbot, library)
    window.open_assessment(aid)
    view = window.assessment_view
    assert view.carried_from() is None and view.review_boxes == {} and view.to_review() == []
    assert not view.review_next_button.isVisible()


def test_evidence_attached_to_the_wrong_question_is_moved_to_the_right_one(library, qtbot, tmp_path,
                                                                           monkeypatch, said):
    from smedigital.ui.assessment import widgets

    aid = library.import_file(AFTER)
    window = show_window(qtbot, library)
    window.open_assessment(aid)
    view = window.assessment_view
    pages = list(view.section_pages.values())
    card = next(p for p in pages if NETWORK in p.cards).cards[NETWORK]
    target_id = next(q for p in pages for q in p.cards if q != NETWORK and p is not pages[0]) \
        if len(pages) > 1 else None
    source = tmp_path / "energy-2025.xlsx"
    source.write_bytes(b"energy statistics")
    monkeypatch.setattr(widgets, "choose_evidence_files", lambda parent: [str(source)])
    qtbot.mouseClick(card.attach_button, Qt.MouseButton.LeftButton)
    monkeypatch.setattr(widgets, "ask_evidence_target", lambda parent, choices: target_id)
    card.evidence_list.setCurrentRow(card.evidence_list.count() - 1)
    card.move_evidence_action.trigger()
    assert library.evidence(aid, NETWORK) == []
    [ev] = library.evidence(aid, target_id)
    assert ev.original_name == "energy-2025.xlsx"
    stored = library.load_assessment(aid)
    assert "energy-2025.xlsx" not in stored.answers[NETWORK].evidence
    assert "energy-2025.xlsx" in stored.answers[target_id].evidence
    target_card = next(p for p in pages if target_id in p.cards).cards[target_id]
    assert any(target_card.evidence_list.item(i).text() == "energy-2025.xlsx"
               for i in range(target_card.evidence_list.count()))
    assert said.messages == []


def test_a_new_version_can_start_from_the_answers_found_on_site(library, qtbot, said):
    from smedigital.core.assessment import Verification, set_verification

    base = library.import_file(BASELINE)
    a = library.load_assessment(base)
    library.save_assessment(base, set_verification(a, Verification(
        "王工", "", "2025-12-20", {NETWORK: Answer(choices=("control_network",))}, {})))
    window = show_window(qtbot, library)
    dialog = window.new_version_of(base)
    assert dialog.verified_box.isVisibleTo(dialog) and dialog.from_verified()
    dialog.accept()
    new = library.load_assessment(window.assessment_id)
    assert new.answers[NETWORK].choices == ("control_network",)
    assert new.verification is None and not new.is_signed_off


def test_the_evidence_file_is_exported_from_the_firms_assessments(library, qtbot, tmp_path, monkeypatch, said):
    import zipfile

    from PySide6.QtWidgets import QFileDialog

    library.import_file(BASELINE)
    after = library.import_file(AFTER)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args: (str(tmp_path / "一企一档.zip"), "")))
    window = show_window(qtbot, library)
    history = window.show_history(library.assessment_info(after).firm_id)
    assert history.selected_id() == after
    job = history.export_pilot_pack()
    with qtbot.waitSignal(job.finished, timeout=120_000):
        pass
    with zipfile.ZipFile(tmp_path / "一企一档.zip") as zf:
        names = zf.namelist()
    assert any(n.endswith(".pdf") for n in names) and len(names) >= 5
    assert any("对比" in n or "before" in n.lower() or "compar" in n.lower() for n in names), names
    history.reject()
