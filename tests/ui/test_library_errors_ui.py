"""Issue 13: what the firm library refuses reaches the user in the interface language, where the user sees it:
the evidence of an assessment, the firm history, opening an assessment and starting the program."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from uiwindow import show_window

from smedigital.core.resources import resource_path
from smedigital.library import Library, paths
from smedigital.library.library import MAX_EVIDENCE_BYTES
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
    "unusable": {"zh": "无法使用：该文件不是企业库数据库（可能被其他文件覆盖或已损坏）。请退出本程序，用备份替换企业库文件 "
                       "library.sqlite（用户数据文件夹中 backups 文件夹里的副本或您自己的备份；位置见“帮助 > 快速帮助”）",
                 "en": "cannot be used: the file is not a firm library database (overwritten by another file, or "
                       "damaged); quit smedigital and replace library.sqlite with a backup (a copy in the backups "
                       "folder of the user data folder, or your own; Help > Quick help shows where)"},
}


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


def _english_words(text: str, *allowed: str) -> set[str]:
    """ASCII words of three letters or more in a Chinese text, less the identifiers it may name."""
    import re

    return set(re.findall(r"[A-Za-z]{3,}", text)) - {"JSON", "smd", "json", "xlsx", *allowed}


def _import(qtbot, library, paths_):
    from PySide6.QtWidgets import QWidget

    from smedigital.ui.importing import FileImport

    parent = QWidget()
    qtbot.addWidget(parent)
    job = FileImport(parent, library, paths_).start()
    qtbot.waitUntil(lambda: job.done, timeout=60000)
    return job.failures


def test_an_imported_file_without_a_firm_name_is_refused_in_the_users_language(library, qtbot, tmp_path, lang):
    import json

    doc = json.loads(BASELINE.read_text(encoding="utf-8"))
    doc["company"]["name"] = "   "
    nameless = tmp_path / "无名.smd.json"
    nameless.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    [(name, [problem])] = _import(qtbot, library, [nameless])
    assert name == "无名.smd.json"
    assert problem == {"zh": "company.name: 为空：企业须填写名称", "en": "company.name: is empty: the firm needs a name"}[lang]
    if lang == "zh":
        assert not _english_words(problem, "company", "name")
    assert library.firms() == []


def test_a_broken_file_read_without_the_guarded_reader_is_said_in_the_users_language(library, qtbot, tmp_path,
                                                                                    monkeypatch, lang):
    from smedigital.ui import importing

    monkeypatch.setattr(importing, "_safe_reader", lambda: None)  # a build without aggregation
    broken = tmp_path / "坏.smd.json"
    broken.write_text('{"format": "smedigital-assessment", "format_version": 1,', encoding="utf-8")
    [(name, [problem])] = _import(qtbot, library, [broken])
    assert name == "坏.smd.json"
    assert problem == {"zh": "第 1 行第 57 列：不是有效的 JSON：此处应为带双引号的字段名",
                       "en": "line 1, column 57: is not valid JSON: Expecting property name enclosed in double quotes"}[lang]
    if lang == "zh":
        assert not _english_words(problem)


def test_an_assessment_error_shown_in_a_message_box_is_in_the_users_language(lang):
    from smedigital.core.assessment import AssessmentError, loads_assessment
    from smedigital.ui import messages

    with pytest.raises(AssessmentError) as caught:
        loads_assessment('{"format": "smedigital-assessment", "format_version": "two", "pledge": 3}', "样例.smd.json")
    text = messages.error_text(caught.value)
    assert text.startswith("样例.smd.json")
    if lang == "zh":
        assert "format_version：必须是整数" in text and "pledge：必须是含文本字段的对象" in text
        assert not _english_words(text, "format", "version", "pledge", "framework"), text
    else:
        assert "format_version: must be a whole number" in text and "pledge: must be an object" in text
