"""The interface against hostile data and hostile conditions (issue #12): far dates, HTML in
names, full disks, read-only folders, bad files dropped in bulk, two programs on one library."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication, QWidget
from uiwindow import show_window

from smedigital.core.answers import Answer
from smedigital.core.assessment import Company
from smedigital.library import Library
from smedigital.ui.main_window import MainWindow
from smedigital.ui.qtguard import guard_singletons

guard_singletons()

pytestmark = [pytest.mark.usefixtures("english"), pytest.mark.gui,
              pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "samples" / "manufacturer-miit.smd.json"
MIIT = "miit-2024-manufacturing"
NETWORK = "miit.foundation.network"


def child_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SMEDIGITAL_DATA_DIR=str(tmp_path / "data"),
               PYTHONPATH=str(ROOT))
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    return env


def run_child(tmp_path: Path, code: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=child_env(tmp_path), cwd=ROOT,
                          capture_output=True, text=True, timeout=timeout, check=False)


def add_firm(lib: Library, name: str, **company) -> tuple[int, int]:
    firm = lib.add_firm(Company(name=name, industry="C34", **company))
    return firm, lib.create_assessment(firm, MIIT, today=dt.date(2025, 6, 1))


# --------------------------------------------------------------------------- far dates

def test_the_plan_page_of_a_far_date_does_not_crash(tmp_path):
    """9999-12-31 on the plan page was a segmentation fault (the quarter after it does not exist;
    the error escaped a nested showEvent). A child process, so that a crash fails this test alone."""
    result = run_child(tmp_path, f"""
        from dataclasses import replace
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from smedigital.core.assessment import load_assessment
        from smedigital.ui.assessment import AssessmentView
        a = replace(load_assessment({str(SAMPLE)!r}), assessed_on="9999-12-31")
        view = AssessmentView.in_memory(a, language="en")
        view.resize(1200, 800)
        view.show()
        view.go_to("plan")
        app.processEvents()
        print("rows", view.plan_page.model.rowCount())
    """)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "rows" in result.stdout and "rows 0" not in result.stdout


def test_date_editors_keep_to_the_accepted_range(qtbot):
    from smedigital.core.assessment import load_assessment
    from smedigital.ui.assessment import AssessmentView

    view = AssessmentView.in_memory(load_assessment(SAMPLE), language="en")
    qtbot.addWidget(view)
    view.show()
    view.go_to("details")
    edit = view.details_page.assessed_on
    assert edit.maximumDate() == QDate(2100, 12, 31) and edit.minimumDate() == QDate(2000, 1, 1)
    edit.setDate(QDate(9999, 12, 31))
    assert edit.date() == QDate(2100, 12, 31)
    assert view.session.assessment.assessed_on == "2100-12-31"
    view.go_to("plan")  # plans from the first quarter of 2101 without trouble
    assert view.plan_page.plan is not None
    QApplication.processEvents()


# --------------------------------------------------------------------------- user text as plain text

HOSTILE_NAME = '<img src="file:///etc/hostile.png"><b>粗体</b>公司'


def rich_labels(root) -> list[str]:
    """Labels showing the hostile name that Qt would render as HTML (tooltips always would)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel, QWidget

    found = []
    for label in root.findChildren(QLabel):
        if "<img" in label.text() and label.textFormat() != Qt.TextFormat.PlainText:
            found.append(f"{label.objectName() or type(label.parent()).__name__}: {label.text()[:60]}")
    for widget in [root, *root.findChildren(QWidget)]:
        if "<img" in widget.toolTip():
            found.append(f"tooltip of {type(widget).__name__}")
    return found


def test_html_in_a_firm_name_is_shown_as_plain_text_everywhere(library, qtbot, said):
    firm, aid = add_firm(library, HOSTILE_NAME, region="<i>宁波</i>")
    a = library.load_assessment(aid)
    library.save_assessment(aid, a.with_answer(NETWORK, Answer(choices=("control_network",),
                                                               note='<img src="file:///etc/x.png">')))
    add_firm(library, "乙公司")
    window = show_window(qtbot, library)
    home = window.home
    assert home.select_firm(firm)
    from PySide6.QtCore import Qt

    from smedigital.ui.home import FirmTableModel

    tips = [home.proxy.index(r, FirmTableModel.NAME).data(Qt.ItemDataRole.ToolTipRole)
            for r in range(home.proxy.rowCount())]
    assert any("&lt;img" in t for t in tips) and not any("<img" in t for t in tips)
    home.delete_button.click()
    assert home.undo_bar.isVisible()
    assert rich_labels(window) == []
    home.undo_button.click()
    assert window.open_assessment(aid)
    view = window.assessment_view
    for step in view.steps:
        view.go_to(step)
        QApplication.processEvents()
        assert rich_labels(window) == [], step
    window.show_home()
    for m in said.messages:
        assert "<img" not in m.text or m.kind  # messages are plain text (checked in messages.py)


# --------------------------------------------------------------------------- read-only data folder

def test_a_data_folder_where_logs_cannot_be_made_still_gives_a_window(tmp_path):
    data = tmp_path / "data"
    Library.open(data / "library.sqlite").close()
    (data / "logs").write_text("not a folder", encoding="utf-8")  # as good as a read-only folder: no logs/
    data.chmod(0o555)
    try:
        env_tmp = tmp_path / "tmp"
        env_tmp.mkdir()
        code = f"""
            import os
            os.environ["TMPDIR"] = {str(env_tmp)!r}
            import tempfile
            tempfile.tempdir = None
            from smedigital.ui.application import create_window
            app, window = create_window("en")
            window.show()
            app.processEvents()
            import logging
            logging.getLogger("smedigital").info("written")
            from smedigital.ui import crash
            print("window", window.isVisible(), crash.log_file())
            window.library.close()
        """
        result = run_child(tmp_path, code)
    finally:
        data.chmod(0o755)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert "window True" in result.stdout and str(env_tmp) in result.stdout


def test_partial_export_files_left_by_a_kill_are_removed_at_the_next_start(tmp_path, qtbot, said):
    from smedigital.ui import tasks

    journal = tmp_path / "data" / "partial-files.txt"
    journal.parent.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    tasks.set_partials_journal(journal)
    try:
        left = tasks.partial_path(out / "计划.xlsx")  # the writer was killed here
        left.write_bytes(b"half a workbook")
        parent = QWidget()
        qtbot.addWidget(parent)
        job = tasks.FileJob(parent, out / "done.txt", lambda p: p.write_text("whole", encoding="utf-8"),
                            title="t", busy_text="b", offer_folder=False)
        with qtbot.waitSignal(job.finished, timeout=10000):
            job.start()
        assert (out / "done.txt").read_text(encoding="utf-8") == "whole"
        assert journal.read_text(encoding="utf-8").split() == [str(left)]  # only the killed one is listed
    finally:
        tasks.set_partials_journal(None)
    mine = out / "mine.part.txt"  # a file of the user's that only looks alike is never touched
    mine.write_text("keep", encoding="utf-8")
    journal.write_text(journal.read_text(encoding="utf-8") + str(mine) + "\n", encoding="utf-8")
    assert tasks.clean_partials(journal) == [left]
    assert not left.exists() and mine.exists() and not journal.exists()
    assert sorted(p.name for p in out.iterdir()) == ["done.txt", "mine.part.txt"]


# --------------------------------------------------------------------------- a full disk

def disk_full(monkeypatch, library: Library, files_too: bool = False) -> None:
    """The library's writes fail as SQLite's do on a full disk; with ``files_too`` every file write
    fails with ENOSPC as well."""
    import contextlib
    import errno
    import sqlite3

    @contextlib.contextmanager
    def full(self):
        raise sqlite3.OperationalError("database or disk is full")
        yield  # pragma: no cover

    monkeypatch.setattr(Library, "_write", full)
    if files_too:
        import smedigital.core.assessment as files

        def no_space(*_a, **_k):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(files, "atomic_write_bytes", no_space)


def test_after_failed_saves_closing_keeps_the_changes_in_a_file_and_says_where(library, qtbot, monkeypatch, said):
    from smedigital.core.assessment import load_assessment

    _, aid = add_firm(library, "满盘公司")
    window = show_window(qtbot, library)
    assert window.open_assessment(aid)
    session = window.assessment_view.session
    disk_full(monkeypatch, library)
    session.set_answer(NETWORK, Answer(choices=("control_network",)))
    assert session.dirty
    said.clear()
    assert window.close()
    assert said.kinds() == ["warning"]
    text = said.messages[0].text
    kept = Path(text.split(" are kept in ")[1].split("; import")[0])
    assert kept.is_file() and kept.parent == library.data_dir / "unsaved"
    assert load_assessment(kept).answers[NETWORK] == Answer(choices=("control_network",))
    monkeypatch.undo()
    assert NETWORK not in library.load_assessment(aid).answers  # the library really did not get it


def test_when_nothing_can_be_written_closing_asks_and_no_keeps_the_window(library, qtbot, monkeypatch):
    from smedigital.ui import messages

    _, aid = add_firm(library, "全满公司")
    window = show_window(qtbot, library)
    assert window.open_assessment(aid)
    session = window.assessment_view.session
    disk_full(monkeypatch, library, files_too=True)
    session.set_answer(NETWORK, Answer(choices=("control_network",)))
    with messages.capture(answer=False) as said:
        assert not window.close()
    assert said.kinds() == ["question"] and "全满公司" in said.messages[0].text
    assert window.isVisible() and window.showing_assessment()
    with messages.capture(answer=False):
        window.show_home()
    assert window.showing_assessment()  # still there: going back would lose them as well
    monkeypatch.undo()  # room again: Ctrl+S saves, and closing no longer asks
    assert window.assessment_view.save()
    with messages.capture() as said:
        assert window.close()
    assert said.messages == []
    assert library.load_assessment(aid).answers[NETWORK] == Answer(choices=("control_network",))


# --------------------------------------------------------------------------- import from the window

def drop_files(window: MainWindow, paths: list[Path]) -> None:
    from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
    from PySide6.QtGui import QDragEnterEvent, QDropEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    window.dropEvent(QDropEvent(QPoint(10, 10).toPointF(), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                                Qt.KeyboardModifier.NoModifier))


def sample_doc(name: str, **company) -> dict:
    doc = json.loads(SAMPLE.read_text(encoding="utf-8"))
    doc["company"] = {**doc["company"], "name": name, **company}
    return doc


def write_doc(path: Path, doc: dict) -> Path:
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def test_hostile_dropped_files_are_each_reported_and_the_rest_imported(library, qtbot, tmp_path, said):
    from smedigital.core.assessment import load_assessment
    from smedigital.export.workbook import write_plan_workbook

    deep = tmp_path / "deep.smd.json"
    deep.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")  # recursion
    huge = tmp_path / "huge.smd.json"
    doc = sample_doc("巨数公司")
    doc["company"]["employees"] = 7
    huge.write_text(json.dumps(doc).replace('"employees": 7', '"employees": 1' + "0" * 5000), encoding="utf-8")
    overflow = write_doc(tmp_path / "overflow.smd.json", sample_doc("溢出公司"))
    overflow.write_text(json.dumps(dict(sample_doc("溢出公司"), company={"name": "溢出公司", "employees": 7}),
                                   ensure_ascii=False).replace('"employees": 7', '"employees": 1e999'),
                        encoding="utf-8")
    latin = tmp_path / "latin.smd.json"
    latin.write_bytes(json.dumps(sample_doc("x")).encode("utf-8").replace(b'"x"', b'"\xe9\xe9"'))
    good = write_doc(tmp_path / "好.smd.json", sample_doc("好文件公司", credit_code=""))
    workbook = tmp_path / "计划.xlsx"
    write_plan_workbook(load_assessment(write_doc(tmp_path / "wb.smd.json", sample_doc("工作簿公司", credit_code=""))),
                        workbook)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    window = show_window(qtbot, library)
    drop_files(window, [deep, huge, overflow, latin, good, workbook, broken])
    qtbot.waitUntil(lambda: window.importing is None, timeout=60000)
    assert sorted(f.name for f in library.firms()) == sorted(["好文件公司", "工作簿公司"])
    assert said.kinds() == ["error"]  # one message, never the crash dialog
    details = said.messages[0].details
    assert "5 files could not be imported" in said.messages[0].text
    for name in ("deep.smd.json", "huge.smd.json", "overflow.smd.json", "latin.smd.json", "broken.xlsx"):
        assert f"{name}:\n  • " in details
    assert "Traceback" not in details


def test_a_file_with_very_many_problems_lists_only_the_first(library, qtbot, tmp_path, said):
    from smedigital.ui.importing import MAX_PROBLEMS_PER_FILE

    doc = sample_doc("问题公司")
    doc["answers"] = {f"no.such.question.{i}": {"choice": "x"} for i in range(60_000)}
    many = write_doc(tmp_path / "many.smd.json", doc)
    window = show_window(qtbot, library)
    ticks = []
    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    window.import_files([many])
    qtbot.waitUntil(lambda: window.importing is None, timeout=60000)
    timer.stop()
    details = said.messages[-1].details
    assert details.count("  • ") == MAX_PROBLEMS_PER_FILE + 1
    assert "… and 59980 more problems" in details
    assert len(details) < 10_000


def test_an_imported_firm_that_looks_like_one_in_the_library_is_asked_about(library, qtbot, tmp_path):
    from smedigital.ui import messages

    existing = library.add_firm(Company(name="宁波甲机械(集团)有限公司", region="宁波", industry="C34"))
    like = write_doc(tmp_path / "like.smd.json", sample_doc("宁波甲机械（集团）有限公司", region="宁波"))
    window = show_window(qtbot, library)
    with messages.capture(answer=True) as said:
        window.import_files([like])
        qtbot.waitUntil(lambda: window.importing is None, timeout=30000)
    assert said.kinds() == ["question"] and "宁波甲机械(集团)有限公司" in said.messages[0].text
    assert [f.id for f in library.firms()] == [existing]
    assert library.firm(existing).assessment_count == 1
    other = write_doc(tmp_path / "other.smd.json", dict(sample_doc("宁波甲机械 (集团) 有限公司", region="宁波",
                                                                    credit_code=""), assessed_on="2025-01-02"))
    with messages.capture(answer=False) as said:
        window.import_files([other])
        qtbot.waitUntil(lambda: window.importing is None, timeout=30000)
    assert said.kinds() == ["question"]
    assert len(library.firms()) == 2  # No: a new firm, as the user said


def new_assessment_named(qtbot, window: MainWindow, name: str) -> None:
    from PySide6.QtCore import Qt

    dialog = window.new_assessment()
    qtbot.waitUntil(lambda: dialog.isVisible())
    dialog.name_edit.setText(name)
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Return)


def test_a_new_assessment_of_a_firm_already_in_the_library_asks_first(library, qtbot):
    from smedigital.ui import messages

    firm, _ = add_firm(library, "宁波乙电子有限公司", region="宁波")
    window = show_window(qtbot, library)
    with messages.capture(answer=True) as said:
        new_assessment_named(qtbot, window, " 宁波乙电子有限公司")
    assert said.kinds() == ["question"] and "宁波乙电子有限公司" in said.messages[0].text
    assert [f.id for f in library.firms()] == [firm] and library.firm(firm).assessment_count == 2
    assert window.showing_assessment() and library.assessment_info(window.assessment_id).firm_id == firm
    window.show_home()
    with messages.capture(answer=False) as said:
        new_assessment_named(qtbot, window, "宁波乙电子有限公司")
    assert said.kinds() == ["question"]
    assert len(library.firms()) == 2  # the user said it is another firm
    with messages.capture() as said:
        new_assessment_named(qtbot, window, "宁波丙食品有限公司")
    assert said.messages == [] and len(library.firms()) == 3


# --------------------------------------------------------------------------- two programs, one library

def test_a_second_guard_on_the_same_library_hands_over_to_the_first(qtbot, tmp_path):
    from smedigital.ui.instance import InstanceGuard

    (tmp_path / "elsewhere").mkdir()
    first = InstanceGuard(tmp_path)
    second = InstanceGuard(tmp_path)
    other_library = InstanceGuard(tmp_path / "elsewhere")
    try:
        assert first.acquire()
        assert not second.acquire()  # the same library: refused
        assert other_library.acquire()  # another data folder is another library
        got: list[list[str]] = []
        first.activated.connect(got.append)
        sample = tmp_path / "计划.xlsx"
        child = subprocess.Popen(  # a later launch: another process, as in life
            [sys.executable, "-c", textwrap.dedent(f"""
                from PySide6.QtCore import QCoreApplication
                app = QCoreApplication([])
                from smedigital.ui.instance import InstanceGuard
                guard = InstanceGuard({str(tmp_path)!r})
                print(guard.acquire(), guard.hand_over([{str(sample)!r}]))
            """)], env=child_env(tmp_path), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        qtbot.waitUntil(lambda: child.poll() is not None, timeout=30000)  # the first answers meanwhile
        out, err = child.communicate()
        assert out.split() == ["False", "True"], err[-2000:]
        assert got == [[str(sample.resolve())]]
        first.release()
        assert second.acquire()  # free again once the first has gone
    finally:
        for g in (first, second, other_library):
            g.release()


def test_a_later_launch_while_the_first_is_still_painting_is_handed_over_once_it_listens(qtbot, tmp_path):
    """The program takes the lock before its first window and listens once it is painted: a launch in
    between finds no one listening yet, and keeps trying until the first answers."""
    from PySide6.QtCore import QTimer

    from smedigital.ui.instance import InstanceGuard

    first = InstanceGuard(tmp_path)
    try:
        assert first.acquire(listen=False) and first.server is None
        got: list[list[str]] = []
        first.activated.connect(got.append)
        child = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
                from PySide6.QtCore import QCoreApplication
                app = QCoreApplication([])
                from smedigital.ui.instance import InstanceGuard
                guard = InstanceGuard({str(tmp_path)!r})
                print(guard.acquire(), guard.hand_over([]))
            """)], env=child_env(tmp_path), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        QTimer.singleShot(1000, first.listen)  # as a first window painted a second after the later launch
        qtbot.waitUntil(lambda: child.poll() is not None, timeout=30000)
        out, err = child.communicate()
        assert out.split() == ["False", "True"], err[-2000:]
        assert got == [[]]
    finally:
        first.release()


def test_the_first_window_is_made_without_qtnetwork_which_comes_once_it_is_painted(tmp_path):
    """Listening for later launches (QtNetwork, ~7 ms) waits for the first paint; the lock is taken before."""
    code = textwrap.dedent("""
        import json, sys, time
        from smedigital.ui.application import create_window
        app, window = create_window("en", single=[])
        before = "PySide6.QtNetwork" in sys.modules
        window.show()
        deadline = time.monotonic() + 10
        while window.instance_guard.server is None and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        print(json.dumps({"before": before, "locked": window.instance_guard.locked,
                          "listening": window.instance_guard.server is not None
                          and window.instance_guard.server.isListening()}))
        window.library.close()
        window.release_instance_guard()
    """)
    proc = subprocess.run([sys.executable, "-c", code], env=child_env(tmp_path), cwd=ROOT, capture_output=True,
                          text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == {"before": False, "locked": True, "listening": True}


def test_the_socket_keeps_the_name_earlier_versions_gave_it(tmp_path, monkeypatch):
    """A later launch of an older version must find this one: the name is still the first 20 hex digits
    of the SHA-256 of the user and the folder (made by Qt now, not hashlib)."""
    import hashlib

    from smedigital.ui.instance import server_name

    for user, folder in (("张三", tmp_path / "数据"), ("o'brien", tmp_path / "a b"), ("", tmp_path)):
        for name in ("LOGNAME", "USER", "LNAME", "USERNAME"):
            monkeypatch.setenv(name, user) if user else monkeypatch.delenv(name, raising=False)
        if not user:  # no user name at all (the name stays so for the rest of the test)
            import getpass

            monkeypatch.setattr(getpass, "getuser", lambda: "")
        key = f"{user}\0{folder.resolve()}".encode("utf-8", "surrogatepass")
        assert server_name(folder) == "smedigital-" + hashlib.sha256(key).hexdigest()[:20]


def test_a_second_launch_brings_the_first_window_forward_and_ends(tmp_path):
    """Two real programs: the second gives its file to the first and exits 0; the first imports it."""
    sample = tmp_path / "second.smd.json"
    write_doc(sample, sample_doc("第二次启动公司", credit_code=""))
    ready = tmp_path / "ready"
    first_code = f"""
        import pathlib, sys
        from PySide6.QtCore import QTimer
        from smedigital.ui.application import create_window
        app, window = create_window("en", single=[])
        window.show()
        pathlib.Path({str(ready)!r}).write_text("up")
        def check():
            names = [f.name for f in window.library.firms()]
            if names:
                print("imported", names, window.instance_guard is not None)
                app.quit()
        timer = QTimer()
        timer.timeout.connect(check)
        timer.start(50)
        QTimer.singleShot(60000, app.quit)
        app.exec()
        window.library.close()
        window.release_instance_guard()
    """
    env = child_env(tmp_path)
    first = subprocess.Popen([sys.executable, "-c", textwrap.dedent(first_code)], env=env, cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        import time

        deadline = time.monotonic() + 60
        while not ready.exists() and time.monotonic() < deadline and first.poll() is None:
            time.sleep(0.05)
        assert ready.exists(), first.stderr.read() if first.poll() is not None else "the first did not start"
        second = subprocess.run([sys.executable, "-m", "smedigital.app", str(sample)], env=env, cwd=ROOT,
                                capture_output=True, text=True, timeout=60, check=False)
        assert second.returncode == 0, second.stderr[-2000:]
        out, err = first.communicate(timeout=60)
    finally:
        if first.poll() is None:
            first.kill()
    assert "imported ['第二次启动公司'] True" in out, err[-2000:]


def test_the_lock_of_a_killed_program_is_taken_over(tmp_path):
    from smedigital.ui.instance import LOCK_NAME, InstanceGuard

    child = subprocess.run([sys.executable, "-c", textwrap.dedent(f"""
        import os, signal
        from PySide6.QtCore import QCoreApplication
        app = QCoreApplication([])
        from smedigital.ui.instance import InstanceGuard
        guard = InstanceGuard({str(tmp_path)!r})
        print(guard.acquire(), flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    """)], env=child_env(tmp_path), cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    assert child.stdout.split() == ["True"] and (tmp_path / LOCK_NAME).exists()
    guard = InstanceGuard(tmp_path)
    try:
        assert guard.acquire()  # the dead process's lock and socket file are taken over
        assert guard.server is not None and guard.server.isListening()
    finally:
        guard.release()


def test_typing_the_credit_code_of_a_firm_already_in_the_library_asks_and_yes_moves_the_assessment(library, qtbot):
    from PySide6.QtCore import Qt

    from smedigital.ui import messages

    code = "91350100M000100Y43"
    old, old_aid = add_firm(library, "宁波丁科技有限公司", credit_code=code, region="宁波")
    window = show_window(qtbot, library)
    with messages.capture():
        new_assessment_named(qtbot, window, "丁科技")  # a short name: not recognised by name
    new_firm = library.assessment_info(window.assessment_id).firm_id
    assert new_firm != old
    view = window.assessment_view
    view.go_to("profile")
    edit = view.profile_page.credit_code
    edit.setFocus()
    with messages.capture(answer=True) as said:
        qtbot.keyClicks(edit, code)
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert said.kinds() == ["question"] and "宁波丁科技有限公司" in said.messages[0].text
    aid = window.assessment_id
    assert library.assessment_info(aid).firm_id == old
    assert {a.id for a in library.assessments(old)} == {old_aid, aid}
    assert new_firm not in {f.id for f in library.firms()}  # the empty duplicate went to the bin
    with messages.capture() as said:
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert said.messages == []  # asked once


def test_a_note_of_100000_characters_comes_in_whole_through_the_window(library, qtbot, tmp_path, said):
    doc = sample_doc("长备注导入公司")
    question = next(iter(doc["answers"]))
    doc["answers"][question]["note"] = "备注" * 50_000
    window = show_window(qtbot, library)
    window.import_files([write_doc(tmp_path / "long-note.smd.json", doc)])
    qtbot.waitUntil(lambda: window.importing is None, timeout=60000)
    assert said.messages == []
    firm = library.firms()[0]
    assert library.load_assessment(firm.assessment_id).answers[question].note == "备注" * 50_000


def test_changes_kept_in_files_are_named_at_the_next_start_once(library, qtbot, monkeypatch):
    from smedigital.ui import messages

    _, aid = add_firm(library, "满盘后重启公司")
    window = show_window(qtbot, library)
    assert window.open_assessment(aid)
    disk_full(monkeypatch, library)
    window.assessment_view.session.set_answer(NETWORK, Answer(choices=("control_network",)))
    with messages.capture():
        window.show_home()
    monkeypatch.undo()
    again = show_window(qtbot, library)
    with messages.capture() as said:
        assert len(again.remind_unsaved()) == 1
        assert again.remind_unsaved() == []  # told once
    assert said.kinds() == ["info"] and str(library.data_dir / "unsaved") in said.messages[0].text
    assert "满盘后重启公司" in said.messages[0].details


def test_cancelling_an_import_stops_before_the_next_file_and_says_so(library, qtbot, tmp_path, said):
    files = [write_doc(tmp_path / f"{i}.smd.json", sample_doc(f"取消公司{i}", credit_code="")) for i in range(4)]
    window = show_window(qtbot, library)
    job = window.import_files(files)
    job.cancel()  # the user pressed Cancel at once
    qtbot.waitUntil(lambda: window.importing is None, timeout=60000)
    assert len(library.firms()) == job.read_count < 4
    assert said.messages == []
    assert window.statusBar().currentMessage().startswith("Import cancelled:")


def test_a_holder_that_does_not_answer_is_said_and_the_library_not_opened_twice(qtbot, said):
    from smedigital.library import paths
    from smedigital.ui.application import claim_library
    from smedigital.ui.instance import InstanceGuard

    silent = InstanceGuard(paths.data_dir())
    assert silent.lock.tryLock(100)  # holds the lock but listens to no one (hung)
    try:
        assert claim_library(["a.smd.json"]) is None
    finally:
        silent.lock.unlock()
    assert said.kinds() == ["error"] and "does not answer" in said.messages[0].text
    assert str(paths.data_dir()) in said.messages[0].text
    assert QApplication.instance().property("smedigital_exit_code") == 1
    guard = claim_library([])  # free again
    try:
        assert guard is not None and guard.locked
    finally:
        guard.release()


def test_importing_a_signed_file_says_in_the_status_bar_that_its_signature_is_not_kept(library, qtbot, tmp_path,
                                                                                      said):
    from smedigital.core.assessment import parse_assessment
    from smedigital.export.record import save_signed_assessment

    signed = tmp_path / "signed.smd.json"
    assert save_signed_assessment(parse_assessment(sample_doc("签名导入公司"), "sample"), signed)
    window = show_window(qtbot, library)
    window.import_files([signed])
    qtbot.waitUntil(lambda: window.importing is None, timeout=30000)
    shown = window.statusBar().currentMessage()
    assert "1 of the files carried a signature, which was not kept" in shown and "imported" in shown
    plain = write_doc(tmp_path / "plain.smd.json", sample_doc("未签名导入公司"))
    window.import_files([plain])
    qtbot.waitUntil(lambda: window.importing is None, timeout=30000)
    assert "signature" not in window.statusBar().currentMessage()
    assert said.messages == []
