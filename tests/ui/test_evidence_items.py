"""Issue 13: each evidence item of a question is marked present, missing or not applicable in the app, linked
to the attached files, kept in the assessment and shown on the 一企一档 index and the verification sheet."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import zipfile

import openpyxl
import pytest

from smedigital.core.resources import resource_path
from smedigital.library import paths
from smedigital.ui.assessment import widgets
from smedigital.ui.main_window import MainWindow

pytestmark = pytest.mark.usefixtures("english")

AFTER = resource_path("samples", "pilot", "manufacturer-miit-after.smd.json")
NETWORK = "miit.foundation.network"


def question_card(qtbot, library, aid, question_id=NETWORK):
    """The main window shown with the assessment open, and the card of ``question_id``."""
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_assessment(aid)
    view = window.assessment_view
    return window, next(p for p in view.section_pages.values() if question_id in p.cards).cards[question_id]


def test_marking_items_with_a_linked_file_reaches_the_file_and_the_pack_index(library, qtbot, tmp_path,
                                                                               monkeypatch, said):
    from smedigital.export.pack import build_pack, folder_resolver

    aid = library.import_file(AFTER)
    source = tmp_path / "网络拓扑图.pdf"
    source.write_bytes(b"%PDF topology of the plant")
    monkeypatch.setattr(widgets, "choose_evidence_files", lambda parent: [str(source)])
    window, card = question_card(qtbot, library, aid)
    assert card.items_summary.text() == "Evidence items: 3 not marked"
    card.attach_button.click()

    dialog = card.open_evidence_items()
    assert dialog.item_ids() == ["e1", "e2", "e3"]
    assert [dialog.table.item(r, dialog.COL_NEEDED).text() for r in range(3)] == ["yes", "yes", "yes"]
    dialog.link("e1", "网络拓扑图.pdf")  # linking a file marks the item present
    assert dialog.status_boxes["e1"].currentData() == "present"
    dialog.set_status("e2", "missing")
    dialog.set_status("e3", "na")
    dialog.accept()
    assert card.items_summary.text() == "Evidence items: 1 present, 1 missing, 1 not applicable"

    stored = library.load_assessment(aid).answers[NETWORK].evidence_items
    assert {k: m.status for k, m in stored.items()} == {"e1": "present", "e2": "missing", "e3": "na"}
    [f] = stored["e1"].files
    assert (f.name, f.size, f.sha256) == ("网络拓扑图.pdf", source.stat().st_size,
                                          hashlib.sha256(source.read_bytes()).hexdigest())

    # the pack the app writes finds the file in the library's store by its SHA-256 and lists every mark
    out = tmp_path / "pack.zip"
    result = build_pack(library.load_assessment(aid), out, "en", charts=False,
                        resolve=folder_resolver(paths.evidence_dir(library.data_dir, create=False)))
    assert result.problems == [] and result.evidence_files == 1
    with zipfile.ZipFile(out) as zf:
        [copied] = [n for n in zf.namelist() if n.endswith("e1-网络拓扑图.pdf")]
        assert zf.read(copied) == source.read_bytes()
        index = openpyxl.load_workbook(zf.open("00-index.xlsx"))
        sheet_pdf = zf.read("04-on-site-verification-sheet.pdf")
    label = library.load_assessment(aid).framework.question(NETWORK).label.en
    rows = {r[3].split(" ")[0]: r for r in ([c.value for c in row] for row in index.worksheets[0].iter_rows(min_row=4))
            if r[1] and r[1].endswith(f". {label}")}
    assert rows["e1"][4] == "present" and rows["e1"][5] == copied
    assert rows["e2"][4] == "missing" and rows["e3"][4] == "not applicable"
    if shutil.which("pdftotext"):  # the sheet shows the marks too: ✓ present (1 file), ✗ missing, – n/a
        sheet = tmp_path / "sheet.pdf"
        sheet.write_bytes(sheet_pdf)
        text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(sheet), "-"], capture_output=True, text=True,
                                                 check=True).stdout)
        assert "Networktopologydiagramornetworkdesigndocument(1)" in text
    assert said.messages == []


def test_cancel_keeps_the_marks_and_an_unmarked_item_with_no_file_is_not_stored(library, qtbot, said):
    aid = library.import_file(AFTER)
    window, card = question_card(qtbot, library, aid)
    dialog = card.open_evidence_items()
    assert card.open_evidence_items() is dialog  # one dialog per card
    dialog.set_status("e1", "present")
    dialog.reject()
    assert library.load_assessment(aid).answers[NETWORK].evidence_items == {}
    dialog = card.open_evidence_items()
    assert "No file is attached" in dialog.files_label.text()
    dialog.set_status("e2", "present")
    dialog.set_status("e2", "")  # back to "not marked"
    dialog.accept()
    assert library.load_assessment(aid).answers[NETWORK].evidence_items == {}
    assert said.messages == []


def test_a_file_name_that_looks_like_html_stays_text(library, qtbot, tmp_path, monkeypatch, said):
    aid = library.import_file(AFTER)
    source = tmp_path / "<img src=x>.pdf"
    source.write_bytes(b"%PDF")
    monkeypatch.setattr(widgets, "choose_evidence_files", lambda parent: [str(source)])
    window, card = question_card(qtbot, library, aid)
    card.attach_button.click()
    dialog = card.open_evidence_items()
    dialog.link("e2", "<img src=x>.pdf")
    cell = dialog.table.item(1, dialog.COL_FILES)
    assert cell.text() == "<img src=x>.pdf" and "<img" not in cell.toolTip()
    assert dialog.files.item(0).text() == "<img src=x>.pdf"
    dialog.accept()
    assert library.load_assessment(aid).answers[NETWORK].evidence_items["e2"].files[0].name == "<img src=x>.pdf"
    assert said.messages == []


def test_the_card_counts_only_the_items_the_claimed_level_needs(library, qtbot, said):
    """Product design at level 1 needs e1 only: e2 (from level 2) and e3 (from level 3) are neither missing
    nor "not marked" for that answer; claiming level 3 makes them count."""
    from smedigital.core.answers import Answer

    design = "miit.scene.product_design"
    aid = library.import_file(AFTER)
    window, card = question_card(qtbot, library, aid, design)
    view = window.assessment_view
    assert card.items_summary.text() == "Evidence items: 1 not marked (1 of 3 items are needed for the answer claimed)"

    dialog = card.open_evidence_items()
    assert [dialog.table.item(r, dialog.COL_NEEDED).text() for r in range(3)] == ["yes", "no", "no"]
    dialog.set_status("e1", "present")
    dialog.set_status("e3", "missing")
    dialog.accept()
    assert card.items_summary.text() == "Evidence items: 1 present (1 of 3 items are needed for the answer claimed)"

    view.session.set_answer(design, Answer(level=3, evidence_items=card.answer().evidence_items))
    qtbot.waitUntil(lambda: "needed" not in card.items_summary.text())
    assert card.items_summary.text() == "Evidence items: 1 present, 1 missing, 1 not marked"
    view.session.set_answer(design, Answer(level=0, evidence_items=card.answer().evidence_items))
    qtbot.waitUntil(lambda: card.items_summary.text() == "Evidence items: none needed for the answer claimed")
