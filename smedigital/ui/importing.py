"""Importing files into the firm library from the window (File > Import, dropped files, the
command line): ``.smd.json`` assessments, filled questionnaires and plan workbooks (``.xlsx``).

Files are read on a worker (:class:`~smedigital.ui.tasks.BackgroundTask`) behind a progress
dialog with Cancel; whatever a file holds (too deep, too big, not text, a broken workbook), its
problems come back as text and the next file is read. The library is written on the GUI thread
(its connection belongs there), one file at a time; a firm that looks like one already in the
library (same credit code, or same name and region) is added to only after asking. At the end
one message lists every file that could not be imported with its problems, at most
:data:`MAX_PROBLEMS_PER_FILE` of each (a file with 900,000 problems must not freeze the window).

Reading goes through ``smedigital.aggregate.safeimport.import_file`` when it is there (size, zip
and XML guards, a worker process, a time limit, problems in the user's language); else through
the core's and the workbook importer's own readers in the worker thread.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from smedigital.library import Library, LibraryError

from . import i18n, messages, tasks

if TYPE_CHECKING:
    from smedigital.core.assessment import Assessment

log = logging.getLogger("smedigital.ui")

MAX_PROBLEMS_PER_FILE = 20
MAX_FILES_LISTED = 50  # files with problems listed in full in one message; the rest by name only
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
SUFFIXES = (".smd.json", ".json", *WORKBOOK_SUFFIXES)


def importable(path: Path | str) -> bool:
    """A file the window offers to import (by its name)."""
    return str(path).lower().endswith(SUFFIXES)


@dataclass(slots=True)
class FileRead:
    """One file read: its assessment, or its problems (at most MAX_PROBLEMS_PER_FILE, ``more`` untold)."""

    path: Path
    assessment: Assessment | None = None
    problems: list[str] = field(default_factory=list)
    more: int = 0


def problem_text(problem: Any, lang: str) -> str:
    """``where: message`` of a file's problem in ``lang`` (its Chinese when it has it; ``str(problem)`` is
    English), or the text as it is."""
    if not callable(getattr(problem, "text", None)):
        return str(problem)
    where = getattr(problem, "where", "")
    return f"{where}: {problem.text(lang)}" if where else problem.text(lang)


def _capped(path: Path, problems: Sequence[Any], lang: str = "en") -> FileRead:
    shown = [problem_text(p, lang) for p in problems[:MAX_PROBLEMS_PER_FILE]]
    shown = shown or [QCoreApplication.translate("FileImport", "cannot be read")]
    return FileRead(path, None, shown, max(0, len(problems) - MAX_PROBLEMS_PER_FILE))


def _could_not_read(exc: BaseException) -> str:
    text = QCoreApplication.translate("FileImport", "could not be read: %1")
    return text.replace("%1", f"{type(exc).__name__}: {exc}")


def _safe_reader() -> Any:
    try:
        from smedigital.aggregate import safeimport  # a colleague's module; there or not
    except ImportError:
        return None
    return getattr(safeimport, "import_file", None)


def read_file(path: Path, lang: str) -> FileRead:
    """Read one file into an assessment; every failure becomes problem texts, never an exception."""
    guarded = _safe_reader()
    if guarded is not None:
        try:
            outcome = guarded(path, lang=lang)
        except Exception as exc:  # a file must never stop the others
            log.warning("guarded import of %s failed", path, exc_info=True)
            return _capped(path, [_could_not_read(exc)])
        if outcome.assessment is not None:
            return FileRead(path, outcome.assessment)
        listed = [p for p in outcome.problems if getattr(p, "code", "") != "more"]
        untold = sum(int(m.group()) for p in outcome.problems if getattr(p, "code", "") == "more"
                     for m in [re.search(r"\d+", str(p.text))] if m)
        read = _capped(path, [f"{p.where}: {p.text}" if getattr(p, "where", "") else str(p.text) for p in listed])
        read.more += untold
        return read
    return _read_plain(path, lang)


def _read_plain(path: Path, lang: str) -> FileRead:
    from smedigital.core.framework import ProblemsError

    try:
        if path.name.lower().endswith(WORKBOOK_SUFFIXES):
            from smedigital.export.importer import read_workbook  # openpyxl on first use

            return FileRead(path, read_workbook(path))
        from smedigital.core.assessment import load_assessment

        return FileRead(path, load_assessment(path))
    except ProblemsError as exc:
        return _capped(path, list(exc.problems) or [str(exc)], lang)
    except RecursionError:
        return _capped(path, [QCoreApplication.translate("FileImport", "is nested too deeply to be read")])
    except MemoryError:
        return _capped(path, [QCoreApplication.translate("FileImport", "is too large to be read")])
    except UnicodeError:
        return _capped(path, [QCoreApplication.translate("FileImport", "is not UTF-8 text")])
    except OSError as exc:
        text = QCoreApplication.translate("FileImport", "cannot be read: %1")
        return _capped(path, [text.replace("%1", exc.strerror or str(exc))])
    except Exception as exc:  # overflow, a broken zip, anything: said, and the next file read
        log.warning("reading %s failed", path, exc_info=True)
        return _capped(path, [_could_not_read(exc)])


class FileImport(QObject):
    """Import ``paths`` into ``library``; ``finished(ids)`` with the assessments added, last of all
    (the caller reports ``failures``, with :func:`failure_details`).

    ``failures`` lists ``(file name, problems)`` of the files not imported; ``cancelled`` says
    whether the user stopped before every file was read (those read are imported)."""

    finished = Signal(list)

    def __init__(self, parent: QWidget, library: Library, paths: Sequence[Path]) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.library = library
        self.paths = [Path(p) for p in paths]
        self.lang = i18n.current_language()
        self.imported: list[int] = []
        self.signed = 0  # of them read from a file that carried a signature, which the library does not keep
        self.read_count = 0
        self.failures: list[tuple[str, list[str]]] = []
        self.done = False
        self.task = tasks.BackgroundTask(self._work, name="import")
        title = self.tr("Import")
        self.dialog = QProgressDialog(self.tr("Reading the files…"), self.tr("Cancel"), 0, len(self.paths), parent)
        self.dialog.setWindowTitle(title)
        tasks.plain_labels(self.dialog)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(tasks.DIALOG_DELAY_MS)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setAccessibleName(title)
        self.dialog.canceled.connect(self.cancel)
        self.task.progressed.connect(self._progressed)
        self.task.succeeded.connect(self._read)
        self.task.failed.connect(self._crashed)
        self.task.finished.connect(self._finish)

    @property
    def cancelled(self) -> bool:
        return self.task.cancelled

    def start(self) -> FileImport:
        self.task.start()
        return self

    def cancel(self) -> None:
        self.task.cancel()

    def _work(self, progress: tasks.Progress, cancel: threading.Event) -> list[FileRead]:
        reads: list[FileRead] = []
        for i, path in enumerate(self.paths):
            if cancel.is_set():
                break
            reads.append(read_file(path, self.lang))
            progress(i + 1, len(self.paths))
        return reads

    def _progressed(self, done: int, total: int) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)

    def _crashed(self, error: object) -> None:  # _work catches per file; this is a last resort
        self.failures.append(("", [str(error) or type(error).__name__]))

    def _read(self, reads: object) -> None:
        assert isinstance(reads, list)
        self.read_count = len(reads)
        for read in reads:
            try:
                self._add(read)
            except Exception as exc:  # one file's trouble never stops the others
                log.exception("importing %s failed", read.path)
                self.failures.append((read.path.name, [QCoreApplication.translate("FileImport", "could not be imported: %1").replace(
                    "%1", str(exc) or type(exc).__name__)]))

    def _add(self, read: FileRead) -> None:
        from smedigital.core.assessment import AssessmentError

        if read.assessment is None:
            problems = list(read.problems)
            if read.more:
                problems.append(self.tr("… and %1 more problems").replace("%1", str(read.more)))
            self.failures.append((read.path.name, problems))
            return
        assessment = read.assessment
        firm_id, new_firm = self._firm_for(read)
        try:
            self.imported.append(self.library.add_assessment(assessment, firm_id, new_firm=new_firm,
                                                             source=str(read.path)))
            self.signed += assessment.came_signed
        except AssessmentError as exc:
            lang = i18n.current_language()
            self.failures.append((read.path.name, [problem_text(p, lang) for p in exc.problems[:MAX_PROBLEMS_PER_FILE]]))
        except LibraryError as exc:
            self.failures.append((read.path.name, [messages.error_text(exc)]))

    def _firm_for(self, read: FileRead) -> tuple[int | None, bool]:
        """(firm id, new firm?) for ``add_assessment``: the firm found as always, or, for a firm that
        only looks like one in the library, the user's answer."""
        assert read.assessment is not None
        company = read.assessment.company
        if self.library.firm_for(company) is not None:
            return None, False
        similar = self.library.similar_firm(company)
        if similar is None:
            return None, False
        if ask_same_firm(self.parent_widget, company.name, similar, read.path.name):
            return similar.id, False
        return None, True

    def signature_note(self) -> str:
        """What became of the signatures of the files imported (empty when none was signed)."""
        if not self.signed:
            return ""
        return self.tr("%1 of the files carried a signature, which was not kept: the firm library stores the "
                       "answers, and a change to them would void it. The original files keep their signature; a "
                       "copy saved from here is signed by this installation.").replace("%1", str(self.signed))

    def _finish(self) -> None:
        self.dialog.reset()
        self.dialog.hide()
        self.dialog.deleteLater()
        self.done = True
        self.finished.emit(list(self.imported))  # the window reports the failures
        self.deleteLater()


def failure_details(failures: Sequence[tuple[str, list[str]]]) -> str:
    """Each file with its problems (bulleted), the first MAX_FILES_LISTED in full."""
    blocks = [f"{name}:\n" + "\n".join(f"  • {p}" for p in problems) if name else "\n".join(problems)
              for name, problems in failures[:MAX_FILES_LISTED]]
    rest = [name for name, _ in failures[MAX_FILES_LISTED:]]
    if rest:
        blocks.append(QCoreApplication.translate("FileImport", "%1 more files could not be imported: %2").replace(
            "%1", str(len(rest))).replace("%2", ", ".join(rest)))
    return "\n\n".join(blocks)


def ask_same_firm(parent: QWidget | None, name: str, firm: Any, source: str = "") -> bool:
    """Ask whether an assessment of ``name`` belongs to ``firm``, a firm already in the library."""
    about = ", ".join(x for x in (firm.credit_code, firm.region) if x)
    where = f" ({about})" if about else ""
    if source:
        text = QCoreApplication.translate(
            "FileImport", "“%1” in %2 looks like the firm “%3”%4 already in the library. Add the assessment to "
                          "that firm? No adds a new firm.")
        text = text.replace("%1", name).replace("%2", source).replace("%3", firm.name).replace("%4", where)
    else:
        text = QCoreApplication.translate(
            "FileImport", "“%1” looks like the firm “%3”%4 already in the library. Add the new assessment to that "
                          "firm? No adds a new firm.")
        text = text.replace("%1", name).replace("%3", firm.name).replace("%4", where)
    return messages.ask(parent, QCoreApplication.translate("FileImport", "Firm already in the library"), text)
