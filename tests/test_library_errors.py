"""Issue 13: the firm library's errors reach the user in the user's language, naming the firm, assessment
or file concerned; a wrapped SQLite or system error keeps its detail inside a translated sentence."""

from __future__ import annotations

import ast
import json
import re
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from smedigital.core.resources import resource_path
from smedigital.library import Library, LibraryError, SchemaTooNew
from smedigital.library.library import MAX_EVIDENCE_BYTES

BASELINE = resource_path("samples", "pilot", "manufacturer-miit-baseline.smd.json")
NETWORK = "miit.foundation.network"
CJK = re.compile(r"[\u4e00-\u9fff]")
LIBRARY_PY = Path(__file__).resolve().parent.parent / "smedigital" / "library" / "library.py"


@pytest.fixture
def lib():
    library = Library.open()
    yield library
    library.close()


def chinese(text: str) -> bool:
    return bool(CJK.search(text))


def english_words(text: str, *allowed: str) -> set[str]:
    """The ASCII words of three letters or more in a Chinese message, less the identifiers it may name."""
    return set(re.findall(r"[A-Za-z]{3,}", text)) - {"JSON", "SHA", "smedigital", *allowed}


def test_a_missing_firm_is_named_in_both_languages(lib):
    with pytest.raises(LibraryError) as caught:
        lib.firm(9876)
    exc = caught.value
    assert exc.message.code == "no-firm"
    assert exc.get("en") == str(exc) and "no firm 9876" in exc.get("en") and not chinese(exc.get("en"))
    assert exc.get("zh") == "企业库中没有编号为 9876 的企业（可能已被删除）"
    with pytest.raises(LibraryError, match="no firm 9876"):
        lib.delete_firm(9876)


@pytest.mark.parametrize("call", ["load_assessment", "assessment_info", "document", "remove_assessment"])
def test_a_missing_assessment_is_named_in_both_languages(lib, call):
    with pytest.raises(LibraryError) as caught:
        getattr(lib, call)(4321)
    exc = caught.value
    assert exc.message.code == "no-assessment"
    assert "no assessment 4321" in exc.get("en")
    assert exc.get("zh") == "企业库中没有编号为 4321 的评测（可能已被删除）"


def test_a_damaged_assessment_names_it_and_keeps_the_parser_detail(lib):
    aid = lib.import_file(BASELINE)
    lib._conn.execute("UPDATE assessments SET document = ? WHERE id = ?", ('{"format": "smedigital-assess', aid))
    with pytest.raises(LibraryError) as caught:
        lib.load_assessment(aid)
    exc = caught.value
    assert exc.message.code == "damaged"
    assert exc.get("en").startswith(f"assessment {aid} in the firm library is damaged")
    zh = exc.get("zh")
    assert zh == f"企业库中编号为 {aid} 的评测已损坏（保存的内容不是有效的 JSON：第 1 行第 12 列：字符串没有结束）"
    assert exc.get("en").endswith("line 1, column 12: Unterminated string starting at)")  # json's own words


@pytest.mark.parametrize(("document", "zh"), [
    ("", "第 1 行第 1 列：此处缺少值"),
    ('{"format": "smedigital-assessment",}', "第 1 行第 36 列"),
    ('{"a": 1} {"b": 2}', "第 1 行第 10 列：末尾有多余的内容"),
    ('{"a" 1}', "第 1 行第 6 列：此处缺少冒号"),
])
def test_json_damage_is_said_in_chinese_with_its_line_and_column(lib, document, zh):
    aid = lib.import_file(BASELINE)
    lib._conn.execute("UPDATE assessments SET document = ? WHERE id = ?", (document, aid))
    with pytest.raises(LibraryError) as caught:
        lib.load_assessment(aid)
    assert zh in caught.value.get("zh")
    assert not english_words(caught.value.get("zh")), caught.value.get("zh")


def test_a_stored_assessment_that_fails_the_checks_is_named_in_chinese(lib):
    """The stored assessment is named by its number in the user's language (not "library assessment 3"),
    with each field that fails and why."""
    aid = lib.import_file(BASELINE)
    data = json.loads(lib.document(aid))
    data["format_version"] = "two"
    lib._conn.execute("UPDATE assessments SET document = ? WHERE id = ?", (json.dumps(data), aid))
    with pytest.raises(LibraryError) as caught:
        lib.load_assessment(aid)
    exc = caught.value
    assert exc.message.code == "assessment"
    assert exc.get("zh") == f"企业库中编号为 {aid} 的评测：format_version：必须是整数"
    assert not english_words(exc.get("zh"), "format", "version")
    assert exc.get("en") == f"assessment {aid} in the firm library: format_version: must be a whole number"


def test_an_assessment_without_a_firm_name_is_refused_in_both_languages(lib):
    from smedigital.core.assessment import AssessmentError, load_assessment

    nameless = load_assessment(BASELINE)
    nameless = replace(nameless, company=replace(nameless.company, name="  "))
    with pytest.raises(AssessmentError) as caught:
        lib.add_assessment(nameless, source="nameless.smd.json")
    [problem] = caught.value.problems
    assert problem.where == "company.name"
    assert problem.text("zh") == "为空：企业须填写名称" and not english_words(problem.text("zh"))
    assert problem.text("en") == "is empty: the firm needs a name"
    assert lib.firms() == []


def test_a_damaged_library_file_says_so_in_chinese_with_the_path(tmp_path):
    bad = tmp_path / "library.sqlite"
    bad.write_bytes(b"not a database, only some words from a broken copy " * 40)
    with pytest.raises(LibraryError) as caught:
        Library.open(bad)
    exc = caught.value
    assert exc.message.code == "unusable"
    assert exc.get("en").startswith(f"the firm library {bad} cannot be used: the file is not a firm library database")
    assert exc.get("zh").startswith(f"企业库 {bad} 无法使用：该文件不是企业库数据库")
    assert "用备份替换企业库文件 library.sqlite" in exc.get("zh")


def test_a_library_of_a_newer_version_says_so_in_both_languages(tmp_path):
    path = tmp_path / "library.sqlite"
    Library.open(path).close()
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("INSERT INTO schema_version (version, description, applied) VALUES (999, 'future', '2030-01-01T00:00:00+00:00')")
    conn.close()
    with pytest.raises(SchemaTooNew) as caught:
        Library.open(path)
    assert "schema version 999" in caught.value.get("en") and "update smedigital" in str(caught.value)
    assert caught.value.get("zh").startswith("企业库的结构版本为 999")


def test_an_oversized_evidence_file_is_refused_in_both_languages(lib, tmp_path):
    aid = lib.import_file(BASELINE)
    big = tmp_path / "车间监控录像.mp4"
    with big.open("wb") as f:  # sparse: the size is what counts, the disk holds next to nothing
        f.truncate(MAX_EVIDENCE_BYTES + 5 * 1_048_576)
    with pytest.raises(LibraryError) as caught:
        lib.attach_evidence(aid, NETWORK, big)
    exc = caught.value
    assert exc.message.code == "evidence-too-large"
    assert exc.get("en") == "车间监控录像.mp4 is 205 MB; evidence files are at most 200 MB"
    assert exc.get("zh") == "车间监控录像.mp4 大小为 205 MB；佐证材料文件最大 200 MB"
    assert lib.evidence(aid) == []


def test_an_evidence_file_that_cannot_be_read_keeps_the_system_reason(lib, tmp_path):
    aid = lib.import_file(BASELINE)
    with pytest.raises(LibraryError) as caught:
        lib.attach_evidence(aid, NETWORK, tmp_path / "gone.pdf")
    exc = caught.value
    assert exc.message.code == "evidence-copy"
    assert exc.get("en") == "cannot copy gone.pdf into the firm library: No such file or directory"
    assert exc.get("zh") == "无法将 gone.pdf 复制到企业库：文件不存在"


def test_an_evidence_name_left_empty_and_a_missing_evidence_are_said_in_chinese(lib, tmp_path):
    aid = lib.import_file(BASELINE)
    note = tmp_path / "topology.txt"
    note.write_text("network topology", encoding="utf-8")
    ev = lib.attach_evidence(aid, NETWORK, note)
    with pytest.raises(LibraryError) as caught:
        lib.rename_evidence(ev.id, "  ..  ")
    assert (caught.value.message.code, caught.value.get("zh")) == ("evidence-name", "佐证材料文件须有文件名")
    with pytest.raises(LibraryError) as caught:
        lib.evidence_item(ev.id + 100)
    assert caught.value.get("zh") == f"企业库中没有编号为 {ev.id + 100} 的佐证材料文件（可能已被移除）"


def test_an_unknown_framework_and_a_bad_purpose_are_said_in_chinese(lib):
    aid = lib.import_file(BASELINE)
    firm = lib.assessment_info(aid).firm_id
    with pytest.raises(LibraryError) as caught:
        lib.create_assessment(firm, "miit-1999")
    assert caught.value.message.code == "no-framework"
    assert caught.value.get("zh") == "本版本的 smedigital 未内置评测体系 miit-1999"
    with pytest.raises(LibraryError) as caught:
        lib.create_assessment(firm, "miit-2024", purpose="whatever")
    assert chinese(caught.value.get("zh")) and not chinese(caught.value.get("en"))


def test_a_date_the_files_would_refuse_names_the_field_in_chinese(lib):
    aid = lib.import_file(BASELINE)
    bad = replace(lib.load_assessment(aid), assessed_on="2024-13-40")
    with pytest.raises(LibraryError) as caught:
        lib.save_assessment(aid, bad)
    assert caught.value.message.code == "bad-date"
    assert caught.value.get("en").startswith("assessed_on: ")
    assert caught.value.get("zh") == "assessed_on：\"2024-13-40\" 不是日期（YYYY-MM-DD）"


def test_a_database_failure_keeps_sqlites_detail_in_a_chinese_sentence(lib):
    lib._conn.close()
    with pytest.raises(LibraryError) as caught:
        lib.firms()
    exc = caught.value
    assert exc.message.code == "database"
    assert exc.get("en") == "the firm library could not read the firm list: the firm library is closed; start smedigital again"
    assert exc.get("zh") == "企业库无法完成操作（读取企业列表）：企业库已关闭。请重新启动本程序"


@pytest.mark.parametrize(("call", "en", "zh"), [
    (lambda lib, aid, a: lib.save_assessment(aid, a), "save an assessment", "保存评测"),
    (lambda lib, aid, a: lib.delete_firm(1), "delete a firm", "删除企业"),
    (lambda lib, aid, a: lib.evidence(aid), "read the evidence files", "读取佐证材料列表"),
    (lambda lib, aid, a: lib.set_state("window", [1, 2]), "save the settings", "保存设置"),
])
def test_a_database_failure_names_what_the_user_was_doing_in_their_language(lib, call, en, zh):
    aid = lib.import_file(BASELINE)
    assessment = lib.load_assessment(aid)
    lib._conn.close()
    with pytest.raises(LibraryError) as caught:
        call(lib, aid, assessment)
    exc = caught.value
    assert exc.get("en").startswith(f"the firm library could not {en}: ")
    assert exc.get("zh").startswith(f"企业库无法完成操作（{zh}）：")
    assert not english_words(exc.get("zh")), exc.get("zh")


def test_every_library_operation_has_a_name_for_its_database_errors_in_both_languages():
    """Each public method of the library turns a SQLite failure into a message naming the operation: the
    catalogue has a user-facing name for each (a new method without one would show "完成操作")."""
    from smedigital.core.words import words

    wrapped = [name for name, value in vars(Library).items() if not name.startswith("_") and callable(value)
               and not isinstance(value, (classmethod, staticmethod))]
    assert {"firms", "save_assessment", "attach_evidence", "set_state"} <= set(wrapped)
    for name in wrapped:
        zh, en = words("zh")(f"errors.library.action.{name}"), words("en")(f"errors.library.action.{name}")
        assert chinese(zh) and not english_words(zh), name
        assert not chinese(en) and "_" not in en, name


def test_every_library_error_is_raised_with_both_languages():
    """No ``raise LibraryError(f"...")`` in English only comes back: each carries a catalogue message
    (``_msg``), a wrapped bilingual one (``_wrapped``) or a ``Msg``."""
    tree = ast.parse(LIBRARY_PY.read_text(encoding="utf-8"))
    raised = [node.exc for node in ast.walk(tree) if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)
              and isinstance(node.exc.func, ast.Name) and node.exc.func.id == "LibraryError"]
    assert len(raised) >= 18
    for call in raised:
        [arg] = call.args
        assert isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name), ast.unparse(call)
        assert arg.func.id in {"_msg", "_wrapped", "Msg", "_database_error"}, ast.unparse(call)


# --------------------------------------------------------------------------- SQLite's own failures, made for real

def sqlite_failure(call, path: Path | None = None) -> LibraryError:
    with pytest.raises(LibraryError) as caught:
        call()
    exc = caught.value
    assert isinstance(exc.__cause__, sqlite3.Error)  # SQLite's own failure, not one made up by the test
    zh = exc.get("zh").replace(str(path), "") if path is not None else exc.get("zh")
    assert not english_words(zh, "library", "sqlite", "backups"), zh  # every word in Chinese but the file's name
    assert not chinese(exc.get("en")), exc.get("en")
    return exc


def test_a_library_locked_by_another_program_says_so_and_what_to_do(lib):
    aid = lib.import_file(BASELINE)
    assessment = lib.load_assessment(aid)
    lib._conn.execute("PRAGMA busy_timeout = 50")  # the test waits 50 ms for the lock, not the program's 10 s
    other = sqlite3.connect(lib.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        exc = sqlite_failure(lambda: lib.save_assessment(aid, replace(assessment, assessed_on="2026-01-02")))
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert exc.get("zh") == ("企业库无法完成操作（保存评测）：企业库文件正被另一个程序占用（已锁定）。请关闭同时使用企业库的"
                             "其他程序（如另一个 smedigital 窗口、备份或同步软件），再试一次")
    assert exc.get("en").startswith("the firm library could not save an assessment: the library file is locked by "
                                    "another program; close any other program")
    assert lib.load_assessment(aid).assessed_on == assessment.assessed_on  # nothing half-written


def test_a_read_only_library_says_to_check_the_folders_permissions(lib):
    lib.import_file(BASELINE)
    # SQLite's read-only mode: it refuses every write as it does for a file it may not write (the tests run as root
    # in CI, and root may write to a file without write permission)
    lib._conn.execute("PRAGMA query_only = ON")
    exc = sqlite_failure(lambda: lib.set_state("window", [1, 2]))
    assert exc.get("zh").startswith("企业库无法完成操作（保存设置）：企业库文件是只读的，无法写入。请检查企业库文件及其所在文件夹的权限")
    assert "the library file is read-only; check that the file and its folder may be written to" in exc.get("en")


def test_a_file_of_garbage_is_not_a_library_and_a_backup_is_the_way_back(tmp_path):
    bad = tmp_path / "library.sqlite"
    bad.write_bytes(bytes(range(256)) * 64)
    exc = sqlite_failure(lambda: Library.open(bad), bad)
    assert exc.get("zh").startswith(f"企业库 {bad} 无法使用：该文件不是企业库数据库（可能被其他文件覆盖或已损坏）。"
                                    "请退出本程序，用备份替换企业库文件 library.sqlite")
    assert "“帮助 > 快速帮助”" in exc.get("zh")


def test_a_truncated_library_is_damaged_and_a_backup_is_the_way_back(tmp_path):
    path = tmp_path / "library.sqlite"
    with Library.open(path) as library:
        library.import_file(BASELINE)
    data = path.read_bytes()
    assert len(data) > 16_384
    path.write_bytes(data[: len(data) // 2])  # a copy cut short
    exc = sqlite_failure(lambda: Library.open(path), path)
    assert exc.get("zh").startswith(f"企业库 {path} 无法使用：企业库文件已损坏。请退出本程序，用备份替换企业库文件 library.sqlite")
    assert "the library file is damaged; quit smedigital and replace library.sqlite with a backup" in exc.get("en")


def test_a_full_library_says_to_free_disk_space(lib):
    lib._conn.execute(f"PRAGMA max_page_count = {lib._conn.execute('PRAGMA page_count').fetchone()[0]}")
    big = ["一段很长的备注"] * 100_000  # more than the pages left: SQLite's own "database or disk is full"
    exc = sqlite_failure(lambda: lib.set_state("notes", big))
    assert exc.get("zh") == "企业库无法完成操作（保存设置）：磁盘已满。请在存放企业库的磁盘上腾出空间，再试一次"
    assert exc.get("en") == ("the firm library could not save the settings: the disk is full; free some space on the "
                             "disk holding the firm library and try again")
    assert lib.get_state("notes") is None  # nothing half-written


def test_a_failure_without_words_of_its_own_keeps_sqlites_text_labelled_as_sqlites(lib):
    lib._conn.execute("DROP TABLE app_state")
    with pytest.raises(LibraryError) as caught:
        lib.set_state("window", [1])
    exc = caught.value
    assert exc.get("zh") == "企业库无法完成操作（保存设置）：SQLite 原文：no such table: app_state (SQLITE_ERROR)"
    assert exc.get("en") == "the firm library could not save the settings: SQLite's own words: no such table: app_state (SQLITE_ERROR)"
