"""A firm's ``.smdpack`` written or read off the GUI thread, with progress and cancel.

:class:`PackJob` runs :func:`smedigital.library.pack.export_pack` or
:func:`~smedigital.library.pack.import_pack` on a pool thread behind the progress dialog of
:class:`~smedigital.ui.tasks.DialogJob` whose Cancel stops it between files. The worker opens a connection of its own to
the same library file (SQLite connections stay on the thread that made them; the library runs in WAL mode,
so the window keeps reading while the pack is written). Both are atomic in the pack module: an export that
fails or is cancelled leaves no file, an import adds nothing (or takes back what it added). Errors are
shown in the interface language (:class:`~smedigital.library.pack.PackError` carries both).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QWidget

from . import messages
from .tasks import DialogJob, Progress

if TYPE_CHECKING:
    from smedigital.library import Library

PackWork = Callable[["Library", Progress, threading.Event], Any]


class PackJob(DialogJob):
    """One export or import of a ``.smdpack``. ``finished(value)`` last: the written path or the imported
    assessments' ids, or None when it was cancelled or failed (the user has been told why)."""

    finished = Signal(object)

    def __init__(self, parent: QWidget, library_path: Path, work: PackWork, *, title: str, busy_text: str,
                 failed_text: str) -> None:
        super().__init__(parent, self._work, name=title, title=title, busy_text=busy_text)
        self.library_path = Path(library_path)
        self.work = work
        self.failed_text = failed_text
        self.value: Any = None
        self.error: BaseException | None = None
        self.task.progressed.connect(self._progressed)
        self.task.succeeded.connect(self._succeeded)
        self.task.failed.connect(self._failed)
        self.task.finished.connect(self._finished)

    def start(self) -> PackJob:
        self.task.start()
        return self

    def _work(self, progress: Progress, cancel: threading.Event) -> Any:  # the worker thread
        from smedigital.library import Library

        lib = Library.open(self.library_path)
        try:
            return self.work(lib, progress, cancel)
        finally:
            lib.close()

    def _progressed(self, done: int, total: int) -> None:
        if self.task.cancelled:
            return
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(done, max(total, 1)))

    def _succeeded(self, value: object) -> None:
        self.value = value

    def _failed(self, error: object) -> None:
        from smedigital.library.pack import PackCancelled

        self.error = error if isinstance(error, BaseException) else RuntimeError(str(error))
        if isinstance(error, PackCancelled) or self.task.cancelled:
            return
        messages.show_error(self.parent_widget, self.title, self.failed_text, messages.error_text(self.error))

    def _finished(self) -> None:
        self.close_dialog()
        value = None if self.error is not None else self.value
        self.finished.emit(value)
        self.deleteLater()


def export_job(parent: QWidget, library: Library, firm_id: int, path: str | Path) -> PackJob:
    """Write the firm's pack to ``path`` in the background (started)."""
    from smedigital.library.pack import export_pack

    target = Path(path)

    def work(lib: Library, progress: Progress, cancel: threading.Event) -> Path:
        return export_pack(lib, firm_id, target, progress, cancel)

    busy = QCoreApplication.translate("PackJob", "Writing %1 with its evidence files…").replace("%1", target.name)
    job = PackJob(parent, library.path, work, title=QCoreApplication.translate("PackJob", "Export firm pack"),
                  busy_text=busy, failed_text=QCoreApplication.translate(
                      "PackJob", "The pack could not be saved. Nothing was written."))
    return job.start()


def import_job(parent: QWidget, library: Library, path: str | Path) -> PackJob:
    """Check every member of the pack at ``path``, then add its assessments and evidence (started)."""
    from smedigital.library.pack import import_pack

    source = Path(path)

    def work(lib: Library, progress: Progress, cancel: threading.Event) -> list[int]:
        return import_pack(lib, source, progress, cancel)

    busy = QCoreApplication.translate("PackJob", "Checking and adding %1…").replace("%1", source.name)
    job = PackJob(parent, library.path, work, title=QCoreApplication.translate("PackJob", "Import firm pack"),
                  busy_text=busy, failed_text=QCoreApplication.translate(
                      "PackJob", "The pack could not be imported. Nothing was added."))
    return job.start()
