"""When something goes wrong: a log file, a calm message, and a record of hard crashes.

* :func:`setup_logging` writes ``<data dir>/logs/smedigital.log`` (rotating, 1 MB x 5).
* :func:`install_excepthook` logs any uncaught exception with its traceback and tells the
  user in plain words that their work up to the last change is saved; the traceback is
  only in the log, never on screen.
* :func:`enable_faulthandler` has Python write a hard crash (a segfault in Qt, say) to
  ``logs/fault.log``; :func:`take_previous_crash` finds that record at the next start so
  the program can say that it closed unexpectedly, and moves it aside.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as _dt
import faulthandler
import logging
import os
import sys
import tempfile
import threading
from pathlib import Path
from types import TracebackType
from typing import IO

from PySide6.QtCore import QCoreApplication

from smedigital.library import paths

from . import messages

LOG_NAME = "smedigital.log"
FAULT_NAME = "fault.log"
MAX_BYTES = 1_000_000
BACKUPS = 5

log = logging.getLogger("smedigital")
_fault_file: IO[str] | None = None
_qt_handler: object = None
_in_hook = threading.local()


_fallback_logs: Path | None = None  # where the logs went when the data folder's could not be made


def logs_folder(data_dir: Path | None = None) -> Path:
    """``<data dir>/logs``, created; when that cannot be made (a read-only data folder, a full
    disk) a ``smedigital-logs`` folder in the temporary directory, so the program still starts
    and its log is somewhere the user can be told about."""
    global _fallback_logs
    try:
        folder = paths.logs_dir(data_dir)
        with tempfile.TemporaryFile(dir=folder):  # there, but read-only: the same as missing
            pass
        return folder
    except OSError as exc:
        fallback = Path(tempfile.gettempdir()) / f"smedigital-logs-{_user_tag()}"
        fallback.mkdir(parents=True, exist_ok=True)
        if _fallback_logs != fallback:
            _fallback_logs = fallback
            log.warning("the logs folder of %s cannot be made (%s); logging to %s", data_dir, exc, fallback)
        return fallback


def _user_tag() -> str:
    try:
        return str(os.getuid())  # type: ignore[attr-defined,unused-ignore]  # not on Windows (caught below)
    except AttributeError:  # Windows: the temporary folder is per user already
        return "user"


def log_file(data_dir: Path | None = None) -> Path:
    return logs_folder(data_dir) / LOG_NAME


def setup_logging(data_dir: Path | None = None, level: int = logging.INFO, *, later: bool = False) -> Path:
    """Send the ``smedigital`` loggers to the rotating log file (once per file). With ``later``
    the records are kept until :func:`attach_log_file` (after the first window is painted; an
    error or the program's end attaches it at once), so start-up does without ``logging.handlers``."""
    path = log_file(data_dir)
    root = logging.getLogger("smedigital")
    root.setLevel(level)
    for h in root.handlers:
        if isinstance(h, (logging.FileHandler, _Pending)) and Path(h.baseFilename) == path:
            return path
    if later:
        atexit.unregister(attach_log_file)  # registered once, however many times this is called
        atexit.register(attach_log_file)
        root.addHandler(_Pending(path))
    else:
        root.addHandler(_file_handler(path))
    return path


def _file_handler(path: Path) -> logging.Handler:
    import logging.handlers

    handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8",
                                                   delay=True)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    return handler


class _Pending(logging.Handler):
    """The log file's place until it is attached: keeps the records (an error attaches the file
    at once, so it is never only in memory); afterwards passes them on to the file."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.baseFilename = str(path)
        self.records: list[logging.LogRecord] = []
        self.target: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self.target is not None:  # a thread that saw this handler just before it was swapped
            self.target.handle(record)
            return
        self.records.append(record)
        if record.levelno >= logging.ERROR:
            self.attach()

    def attach(self) -> None:
        root = logging.getLogger("smedigital")
        if self.target is None:
            self.target = _file_handler(Path(self.baseFilename))
            root.addHandler(self.target)
            for record in self.records:
                self.target.handle(record)
            self.records.clear()
        root.removeHandler(self)


def attach_log_file() -> None:
    """Attach the log file that :func:`setup_logging` kept for later, writing what was logged so far."""
    for h in list(logging.getLogger("smedigital").handlers):
        if isinstance(h, _Pending):
            with h.lock or contextlib.nullcontext():
                h.attach()


def close_logging() -> None:
    """Detach and close the file handlers (tests use this to leave no file open)."""
    attach_log_file()
    root = logging.getLogger("smedigital")
    for h in list(root.handlers):
        if isinstance(h, logging.FileHandler):
            root.removeHandler(h)
            h.close()


def excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """Log the exception, then tell the user calmly (once at a time, never the traceback)."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    log.critical("uncaught exception", exc_info=(exc_type, exc, tb))
    if getattr(_in_hook, "active", False) or QCoreApplication.instance() is None:
        return
    _in_hook.active = True
    try:
        messages.show_error(
            None, QCoreApplication.translate("Crash", "Something went wrong"),
            QCoreApplication.translate("Crash", "The program ran into a problem it did not expect. Your work up to "
                                                "the last change is saved. If this happens again, please send the "
                                                "log file to whoever supports you."),
            QCoreApplication.translate("Crash", "Log file: %1").replace("%1", str(log_file())))
    except Exception:  # the hook must never raise
        log.exception("could not show the error message")
    finally:
        _in_hook.active = False


def install_excepthook() -> None:
    sys.excepthook = excepthook
    threading.excepthook = lambda args: excepthook(args.exc_type, args.exc_value or Exception(), args.exc_traceback)


_QT_NOISE = ("This plugin does not support propagateSizeHints()", "This plugin does not support raise()")


def install_qt_message_handler() -> None:
    """Qt's own warnings go to the log file (the offscreen platform's "does not support" notes,
    which say nothing about the program, are dropped)."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    qt_log = logging.getLogger("smedigital.qt")
    levels = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
              QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
              QtMsgType.QtFatalMsg: logging.CRITICAL}

    def handler(kind: QtMsgType, context: object, message: str) -> None:
        if message in _QT_NOISE:
            return
        qt_log.log(levels.get(kind, logging.WARNING), "%s", message)

    global _qt_handler
    _qt_handler = handler  # Qt holds only a borrowed reference
    qInstallMessageHandler(handler)


def enable_faulthandler(data_dir: Path | None = None) -> Path:
    """Have hard crashes (segfaults, aborts) write their Python stacks to ``logs/fault.log``."""
    global _fault_file
    path = logs_folder(data_dir) / FAULT_NAME
    if _fault_file is not None and not _fault_file.closed:
        faulthandler.disable()
        _fault_file.close()
    _fault_file = path.open("a", encoding="utf-8")
    faulthandler.enable(_fault_file)
    return path


def disable_faulthandler() -> None:
    global _fault_file
    faulthandler.disable()
    if _fault_file is not None:
        _fault_file.close()
        _fault_file = None


def take_previous_crash(data_dir: Path | None = None) -> Path | None:
    """If the last run crashed hard, move its record to ``fault-<time>.log`` and return that path."""
    try:
        path = logs_folder(data_dir) / FAULT_NAME
        if path.stat().st_size == 0:
            return None
    except OSError:
        return None
    target = path.with_name(f"fault-{_dt.datetime.now():%Y%m%d-%H%M%S}.log")
    try:
        path.replace(target)
    except OSError:
        return None
    log.warning("the previous run crashed; its record is in %s", target)
    return target
