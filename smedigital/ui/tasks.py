"""Work off the GUI thread: a background task with progress and cancel, and writing a file that way.

:class:`BackgroundTask` runs a plain Python function on Qt's global thread pool. The
function gets ``progress(done, total)`` and a ``threading.Event`` that is set when the
user cancels; what it returns (or the exception it raises) comes back on the GUI thread
through signals. Nothing Qt is touched from the worker but the task's own signals, which
Qt delivers queued to the GUI thread.

:class:`FileJob` writes one file that way, behind a progress dialog: the writer writes a
hidden temporary file beside the target, and only when it succeeded and the user did not
cancel is that moved over the target (``os.replace``: the target is a whole new file or
untouched). A cancelled or failed job leaves nothing behind. Afterwards the user is
offered to open the folder; errors are a calm message naming the file.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel, QProgressDialog, QWidget

from . import messages

log = logging.getLogger("smedigital.ui")

Progress = Callable[[int, int], None]
Work = Callable[[Progress, threading.Event], Any]
PROGRESS_INTERVAL = 0.05  # seconds between progress signals: a run over many small files stays smooth
DIALOG_DELAY_MS = 300  # a quick job finishes before its progress dialog would flash up

_running: set[BackgroundTask] = set()  # keeps each task alive until its results are delivered


class _Runnable(QRunnable):
    def __init__(self, task: BackgroundTask) -> None:
        super().__init__()
        self.task = task

    def run(self) -> None:  # the worker thread: nothing may escape
        task = self.task
        try:
            value = task.work(task._report, task.cancel_event)
        except Exception as exc:  # handed to the GUI thread, which tells the user calmly
            log.warning("background task %s failed", task.name, exc_info=True)
            task._outcome.emit(False, exc)
        else:
            task._outcome.emit(True, value)
        finally:
            task._done.set()


class BackgroundTask(QObject):
    """``work(progress, cancel)`` on a pool thread.

    Signals (on the GUI thread): ``progressed(done, total)``; then ``succeeded(value)`` or
    ``failed(exception)``; then ``finished()``, always last. A cancelled task still ends with
    those: ``cancelled`` says whether to keep what it returned.
    """

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()
    _outcome = Signal(bool, object)
    _progress = Signal(int, int)

    def __init__(self, work: Work, name: str = "") -> None:
        super().__init__()
        self.work = work
        self.name = name or getattr(work, "__name__", "task")
        self.cancel_event = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None
        self.running = False
        self.done = False
        self._done = threading.Event()
        self._last_report = 0.0
        self._runnable: _Runnable | None = None
        # Qt, here and below, when first needed: the first window's clean-up imports this module and does
        # without PySide6's Qt namespace (see smedigital.ui.home)
        from PySide6.QtCore import Qt

        self._outcome.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._progress.connect(self.progressed, Qt.ConnectionType.QueuedConnection)

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def start(self, pool: QThreadPool | None = None) -> BackgroundTask:
        if self.running or self.done:
            raise RuntimeError(f"task {self.name} was already started")
        self.running = True
        _running.add(self)
        self._runnable = _Runnable(self)
        self._runnable.setAutoDelete(False)  # Python owns it: dropped after the results are in
        (pool or QThreadPool.globalInstance()).start(self._runnable)
        return self

    def cancel(self) -> None:
        """Ask the work to stop (it looks at the event); the signals still follow."""
        self.cancel_event.set()

    def wait(self, seconds: float | None = None) -> bool:
        """Block until the work has returned (not until its signals are delivered)."""
        return self._done.wait(seconds)

    def _report(self, done: int, total: int) -> None:  # the worker thread
        now = time.monotonic()
        if done >= total or now - self._last_report >= PROGRESS_INTERVAL:
            self._last_report = now
            self._progress.emit(int(done), int(total))

    def _deliver(self, ok: bool, value: object) -> None:
        self.running = False
        self.done = True
        self._runnable = None
        try:
            if ok:
                self.result = value
                self.succeeded.emit(value)
            else:
                self.error = value if isinstance(value, BaseException) else RuntimeError(str(value))
                self.failed.emit(self.error)
        finally:
            self.finished.emit()
            _running.discard(self)


def plain_labels(widget: QWidget) -> QWidget:
    """Every label inside ``widget`` (a progress dialog's, say) shows its text as plain text:
    file and firm names are never HTML."""
    from PySide6.QtCore import Qt

    for label in widget.findChildren(QLabel):
        label.setTextFormat(Qt.TextFormat.PlainText)
    return widget


def cancel_all(wait_seconds: float = 10.0) -> None:
    """Cancel every running task and wait for their work to return (the program is closing)."""
    tasks = list(_running)
    for task in tasks:
        task.cancel()
    deadline = time.monotonic() + wait_seconds
    for task in tasks:
        task.wait(max(0.0, deadline - time.monotonic()))


def open_folder(folder: str | Path) -> bool:
    """Show a folder in the system's file manager (a local file URL: never the network)."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))))


# Partial files being written are listed in a journal in the data folder while they exist, so
# that those a killed program left behind are removed at the next start (clean_partials).
_journal: Path | None = None
_journal_lock = threading.Lock()


def set_partials_journal(path: Path | None) -> None:
    global _journal
    _journal = path


def _journal_lines() -> list[str]:
    assert _journal is not None
    try:
        return [line for line in _journal.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, UnicodeDecodeError):
        return []


def _journal_write(lines: list[str]) -> None:
    assert _journal is not None
    try:
        if lines:
            _journal.write_text("\n".join(lines) + "\n", encoding="utf-8")
        else:
            _journal.unlink(missing_ok=True)
    except OSError as exc:  # the journal is a convenience: the file itself is what matters
        log.warning("cannot update %s: %s", _journal, exc)


def _remember(path: Path) -> None:
    if _journal is None:
        return
    with _journal_lock:
        _journal_write([*_journal_lines(), str(path)])


def _forget(path: Path | None) -> None:
    if _journal is None or path is None:
        return
    with _journal_lock:
        lines = _journal_lines()
        if str(path) in lines:
            _journal_write([line for line in lines if line != str(path)])


def clean_partials(journal: Path) -> list[Path]:
    """Remove the partial files a killed run left (listed in ``journal``), then the journal."""
    removed: list[Path] = []
    try:
        lines = journal.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return removed
    for line in lines:
        path = Path(line.strip())
        if not line.strip() or not path.name.startswith(".") or ".part" not in path.name:
            continue  # only what partial_path made
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            log.warning("cannot remove the partial file %s: %s", path, exc)
            continue
        removed.append(path)
        log.info("removed %s, left half-written by an interrupted run", path)
    with contextlib.suppress(OSError):
        journal.unlink()
    return removed


def _discard(path: Path | None) -> None:
    if path is not None:
        with contextlib.suppress(OSError):
            path.unlink()
        _forget(path)


def partial_path(target: Path) -> Path:
    """An empty hidden file beside ``target`` for the writer to fill (same folder: the final move is atomic)."""
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part" + target.suffix, dir=target.parent)
    os.close(fd)
    _remember(Path(name))
    return Path(name)


class DialogJob(QObject):
    """A :class:`BackgroundTask` behind a window-modal progress dialog whose Cancel stops it (shared by
    :class:`FileJob` and the pack jobs of :mod:`smedigital.ui.packs`).

    The dialog shows only when the work takes longer than :data:`DIALOG_DELAY_MS`. Subclasses connect the
    task's ``succeeded``/``failed``/``finished`` and call :meth:`close_dialog` once it has finished.
    """

    def __init__(self, parent: QWidget, work: Work, *, name: str, title: str, busy_text: str) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.title = title
        self.task = BackgroundTask(work, name=name)
        self.dialog = QProgressDialog(busy_text, QCoreApplication.translate("DialogJob", "Cancel"), 0, 0, parent)
        self.dialog.setWindowTitle(title)
        plain_labels(self.dialog)
        from PySide6.QtCore import Qt

        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(DIALOG_DELAY_MS)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setAccessibleName(title)
        self.dialog.setAccessibleDescription(busy_text)
        self.dialog.canceled.connect(self.cancel)

    @property
    def cancelled(self) -> bool:
        return self.task.cancelled

    @property
    def running(self) -> bool:
        return self.task.running

    def cancel(self) -> None:
        """Stop waiting: whatever the work still produces is thrown away."""
        if not self.task.cancelled:
            log.info("%s cancelled", self.task.name)
            self.task.cancel()
        self.dialog.reset()

    def close_dialog(self) -> None:
        self.dialog.reset()
        self.dialog.hide()
        self.dialog.deleteLater()


class FileJob(DialogJob):
    """Write one file in the background behind a progress dialog, then offer to open its folder.

    ``write(path)`` runs on a pool thread and must write the whole file to ``path`` (the
    export functions do, atomically). ``finished(path)`` is emitted last, with the file
    written, or None when the job was cancelled or failed; no file is left behind then.
    """

    finished = Signal(object)

    def __init__(self, parent: QWidget, target: str | Path, write: Callable[[Path], Any], *, title: str,
                 busy_text: str, offer_folder: bool = True) -> None:
        super().__init__(parent, self._work, name=f"write {Path(target).name}", title=title, busy_text=busy_text)
        self.target = Path(target)
        self.write = write
        self.offer_folder = offer_folder
        self.partial: Path | None = None
        self.written: Path | None = None
        self.task.succeeded.connect(self._succeeded)
        self.task.failed.connect(self._failed)
        self.task.finished.connect(self._finished)

    def start(self) -> FileJob:
        try:
            self.partial = partial_path(self.target)
        except OSError as exc:  # the folder is gone or cannot be written to
            self._say_failed(exc)
            self.dialog.reset()
            self.dialog.deleteLater()
            self.finished.emit(None)
            self.deleteLater()
            return self
        self.task.start()
        return self

    def _work(self, progress: Progress, cancel: threading.Event) -> Path | None:
        assert self.partial is not None
        self.write(self.partial)
        if cancel.is_set():  # nobody wants it any more: leave nothing behind, even if the GUI has gone
            _discard(self.partial)
            return None
        return self.partial

    def _succeeded(self, partial: object) -> None:
        if self.task.cancelled or partial is None:
            _discard(self.partial)
            return
        try:
            os.replace(self.partial, self.target)  # type: ignore[arg-type]  # set when the file was written
        except OSError as exc:
            _discard(self.partial)
            self._say_failed(exc)
            return
        _forget(self.partial)
        self.written = self.target
        log.info("wrote %s", self.target)

    def _failed(self, error: object) -> None:
        _discard(self.partial)
        if not self.task.cancelled:
            self._say_failed(error)

    def _say_failed(self, error: object) -> None:
        messages.show_error(
            self.parent_widget, self.title,
            self.tr("“%1” could not be saved in %2. Nothing was written. If the file is open in another program, "
                    "close it there and try again.").replace("%1", self.target.name).replace(
                "%2", str(self.target.parent)),
            str(error) or type(error).__name__)

    def _finished(self) -> None:
        self.close_dialog()
        written = self.written
        if written is not None and self.offer_folder:
            if messages.ask(self.parent_widget, self.title,
                            self.tr("“%1” is saved in %2. Open the folder?").replace("%1", written.name).replace(
                                "%2", str(written.parent))):
                open_folder(written.parent)
        self.finished.emit(written)
        self.deleteLater()
