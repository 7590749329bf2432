"""Issue 13: a firm's .smdpack is written and read off the GUI thread, with progress and cancel, and its
errors are shown in the interface language, naming the pack and the member."""

from __future__ import annotations

import threading
import zipfile

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from smedigital.core.resources import resource_path
from smedigital.library import Library
from smedigital.library.pack import export_pack
from smedigital.ui import i18n, theme
from smedigital.ui.packs import PackJob, export_job, import_job

PILOT = resource_path("samples", "pilot")
NETWORK = "miit.foundation.network"


@pytest.fixture(autouse=True)
def _reset(qapp):
    yield
    theme.reset()
    i18n.reset()


@pytest.fixture
def other(tmp_path):
    lib = Library.open(tmp_path / "other" / "library.sqlite")
    yield lib
    QApplication.processEvents()
    lib.close()


def firm_with_evidence(library, tmp_path) -> int:
    aid = library.import_file(PILOT / "manufacturer-miit-baseline.smd.json")
    library.import_file(PILOT / "manufacturer-miit-after.smd.json")
    for n in range(3):
        doc = tmp_path / f"证据{n}.pdf"
        doc.write_bytes(b"%PDF evidence " + bytes([n]) * 5000)
        library.attach_evidence(aid, NETWORK, doc)
    return library.assessment_info(aid).firm_id


def test_a_pack_goes_between_two_libraries_on_a_pool_thread(library, other, qtbot, tmp_path, said):
    from PySide6.QtWidgets import QWidget

    i18n.set_language("en")
    firm = firm_with_evidence(library, tmp_path)
    parent = QWidget()
    qtbot.addWidget(parent)
    threads = []
    real = export_pack

    def spy(lib, firm_id, path, progress=None, cancel=None):
        threads.append(QThread.currentThread() is not QApplication.instance().thread())
        return real(lib, firm_id, path, progress, cancel)

    import smedigital.library.pack as pack_module

    pack_module.export_pack, saved = spy, pack_module.export_pack
    try:
        job = export_job(parent, library, firm, tmp_path / "明川")
        progress = []
        job.task.progressed.connect(lambda d, t: progress.append((d, t)))
        with qtbot.waitSignal(job.finished, timeout=20000) as done:
            pass
    finally:
        pack_module.export_pack = saved
    pack = tmp_path / "明川.smdpack"
    assert done.args == [pack] and threads == [True]  # written off the GUI thread
    assert progress and progress[-1] == (5, 5)  # 2 assessments and 3 evidence files
    with zipfile.ZipFile(pack) as zf:
        assert sum(n.startswith("evidence/") for n in zf.namelist()) == 3

    job = import_job(parent, other, pack)
    with qtbot.waitSignal(job.finished, timeout=20000) as done:
        pass
    ids = done.args[0]
    assert len(ids) == 2
    [firm_b] = other.firms()
    assert firm_b.assessment_count == 2
    assert sorted(e.original_name for e in other.evidence(ids[0], NETWORK)) == ["证据0.pdf", "证据1.pdf", "证据2.pdf"]
    assert said.messages == []


def test_cancel_stops_the_export_and_the_import_and_leaves_nothing(library, other, qtbot, tmp_path, said):
    from PySide6.QtWidgets import QWidget

    i18n.set_language("en")
    firm = firm_with_evidence(library, tmp_path)
    parent = QWidget()
    qtbot.addWidget(parent)
    gate, started = threading.Event(), threading.Event()

    def held(lib, progress, cancel):  # the export waits at its first file until the test has pressed Cancel
        def report(done, total):
            progress(done, total)
            if done == 1:
                started.set()
                gate.wait(10)
        return export_pack(lib, firm, tmp_path / "held.smdpack", report, cancel)

    job = PackJob(parent, library.path, held, title="Export firm pack", busy_text="…", failed_text="not saved")
    job.start()
    assert started.wait(10)
    job.dialog.canceled.emit()  # what the progress dialog's Cancel button sends
    gate.set()
    with qtbot.waitSignal(job.finished, timeout=20000) as done:
        pass
    assert done.args == [None] and job.cancelled
    assert not (tmp_path / "held.smdpack").exists() and not list(tmp_path.glob(".pack.*"))
    assert said.messages == []  # cancelling is no error

    pack = export_pack(library, firm, tmp_path / "whole.smdpack")
    gate, started = threading.Event(), threading.Event()

    def held_import(lib, progress, cancel):
        from smedigital.library.pack import import_pack

        def report(done, total):
            progress(done, total)
            if done == total // 2 + 1:  # checked, and the first assessment added
                started.set()
                gate.wait(10)
        return import_pack(lib, pack, report, cancel)

    job = PackJob(parent, other.path, held_import, title="Import firm pack", busy_text="…", failed_text="not added")
    job.start()
    assert started.wait(10)
    job.cancel()
    gate.set()
    with qtbot.waitSignal(job.finished, timeout=20000) as done:
        pass
    assert done.args == [None] and other.firms() == []
    assert said.messages == []


def test_a_damaged_pack_is_refused_in_chinese_naming_the_member(library, other, qtbot, tmp_path, said):
    from PySide6.QtWidgets import QWidget

    i18n.set_language("zh")
    firm = firm_with_evidence(library, tmp_path)
    pack = export_pack(library, firm, tmp_path / "明川.smdpack")
    forged = tmp_path / "改过.smdpack"
    with zipfile.ZipFile(pack) as src, zipfile.ZipFile(forged, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item, data.replace(b"%PDF evidence", b"%PDF EVIDENCE") if "证据1" in item.filename else data)
    parent = QWidget()
    qtbot.addWidget(parent)
    job = import_job(parent, other, forged)
    with qtbot.waitSignal(job.finished, timeout=20000) as done:
        pass
    assert done.args == [None] and other.firms() == []
    [message] = said.messages
    assert message.kind == "error"
    assert "改过.smdpack" in message.details and "证据1.pdf" in message.details
    assert "SHA-256 不符" in message.details and "包已被改动或损坏" in message.details
