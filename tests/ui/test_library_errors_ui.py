"""Issue 13: what the firm library refuses reaches the user in the interface language, where the user sees it:
the evidence of an assessment, the firm history, opening an assessment and starting the program."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from uiwindow import show_window

from smedigital.core.resources import resource_path
from smedigital.library import Library, paths
from smedigital.library.library import MAX_EVIDENCE_BYTES
from smedigital.ui import i18n, theme
from smedigital.ui.assessment import widgets
from smedigital.ui.firm_history import FirmHistoryDialog

PILOT = resource_path("samples", "pilot")
BASELINE = PILOT / "manufacturer-miit-baseline.smd.json"
AFTER = PILOT / "manufacturer-miit-after.smd.json"
NETWORK = "miit.foundation.network"

#: the library's words in each language (resources/words, errors.library), as the user reads them
EXPECTED = {
    "too-large": {"zh": "监控录像.mp4 大小为 205 MB；佐证材料文件最大 200 MB",
                  "en": "监控录像.mp4 is 205 MB; evidence files are at most 200 MB"},
    "no-assessment": {"zh": "企业库中没有编号为 {aid} 的评测（可能已被删除）",
                      "en": "there is no assessment {aid} in the firm library (it may have been deleted meanwhile)"},
    "damaged": {"zh": "企业库中编号为 {aid} 的评测已损坏", "en": "assessment {aid} in the firm library is damaged"},
    "unusable": {"zh": "无法使用：不是数据库文件", "en": "cannot be used: file is not a database"},
}


@pytest.fixture(params=["zh", "en"])
def lang(request, qapp):
    i18n.set_language(request.param)
    yield request.param
    theme.reset()
    i18n.reset()


def test_an_oversized_evidence_file_is_refused_in_the_users_language(library, qtbot, tmp_path, monkeypatch,
                                                                     said, lang):
    aid = library.import_file(AFTER)
    big = tmp_path / "监控录像.mp4"
    with big.open("wb") as f:  # sparse: 205 MB by its size, next to nothing on the disk
        f.truncate(MAX_EVIDENCE_BYTES + 5 * 1_048_576)
    monkeypatch.setattr(widgets, "choose_evidence_files", lambda parent: [str(big)])
    window = show_window(qtbot, library)
    window.open_assessment(aid)
    view = window.assessment_view
    card = next(p for p in view.section_pages.values() if NETWORK in p.cards).cards[NETWORK]
    card.attach_button.click()
    [message] = said.messages
    assert message.kind == "warning"
    assert message.text == EXPECTED["too-large"][lang]
    if lang == "en":
        assert message.title == "Evidence not attached"
    assert library.evidence(aid) == []


def test_the_firm_history_on_an_assessment_deleted_elsewhere_says_so_in_the_users_language(library, qtbot, said,
                                                                                           lang):
    first = library.import_file(BASELINE)
    second = library.import_file(AFTER)
    firm = library.assessment_info(first).firm_id
    window = show_window(qtbot, library)
    window.home.select_firm(firm)
    qtbot.mouseClick(window.home.history_button, Qt.MouseButton.LeftButton)
    dialog = window.history_dialog
    assert isinstance(dialog, FirmHistoryDialog) and dialog.selected_id() == second
    other = Library.open()  # the same library from another window of the program
    try:
        other.remove_assessment(second)
    finally:
        other.close()
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    errors = [m for m in said.messages if m.kind == "error"]
    assert [m.text for m in errors] == [EXPECTED["no-assessment"][lang].format(aid=second)]
    if lang == "en":
        assert errors[0].title == "Cannot delete the assessment"
    assert [a.id for a in library.assessments(firm)] == [first]
    dialog.reject()


def test_a_damaged_assessment_is_named_when_it_is_opened(library, qtbot, said, lang):
    aid = library.import_file(BASELINE)
    library._conn.execute("UPDATE assessments SET document = '{\"answers\": ' WHERE id = ?", (aid,))
    window = show_window(qtbot, library)
    said.clear()
    assert window.open_assessment(aid) is False
    [message] = [m for m in said.messages if m.kind == "error"]
    assert message.details.startswith(EXPECTED["damaged"][lang].format(aid=aid))


def test_a_damaged_library_file_at_start_is_said_in_the_users_language(said, lang):
    from smedigital.ui.application import open_library

    db = paths.database_path()
    db.write_bytes(b"a copy cut short by a full disk, not a database " * 50)
    assert open_library() is None
    [message] = said.messages
    assert message.kind == "error"
    assert message.details == ("企业库 {db} " if lang == "zh" else "the firm library {db} ").format(db=db) + \
        EXPECTED["unusable"][lang]
