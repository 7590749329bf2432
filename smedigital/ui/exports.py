"""Exports from the desktop program: the plan workbook, the diagnosis report and the blank questionnaire.

:class:`ExportController` asks where to save, then writes the file with the export layer
(``smedigital.export``: ``write_plan_workbook``, ``write_report``, ``write_template``) on a
worker thread behind a progress dialog (:class:`~smedigital.ui.tasks.FileJob`). The plan
and the report are made from the assessment as it is now, the user's plan edits and target
included (they live in the assessment's plan record), in the interface's language.

Importing this module loads neither openpyxl nor matplotlib: the export modules are
imported by the worker, when a file is first written.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from . import i18n, messages
from .tasks import FileJob

if TYPE_CHECKING:
    from smedigital.core.assessment import Assessment
    from smedigital.library import Library

log = logging.getLogger("smedigital.ui")

XLSX, PDF = ".xlsx", ".pdf"
FILTER_SEP = ";;"


def safe_file_name(text: str, fallback: str = "export") -> str:
    """``text`` without the characters Windows does not allow in a file name."""
    return re.sub(r'[\\/:*?"<>|\x00-\x1f]+', "_", text).strip(" .") or fallback


def with_suffix(path: str, suffix: str) -> Path:
    """The path the user chose, with the file type's suffix added when it has none."""
    p = Path(path)
    return p if p.suffix.lower() == suffix else p.with_name(p.name + suffix)


# --------------------------------------------------------------------------- the writers (worker thread)

def plan_writer(assessment: Assessment, lang: str) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        from smedigital.export import workbook  # noqa: PLC0415 - openpyxl on first use, in the worker

        workbook.write_plan_workbook(assessment, path, lang)  # the plan from the stored target and edits

    return write


def report_writer(assessment: Assessment, lang: str, said: list[str] | None = None) -> Callable[[Path], None]:
    """The report's writer; its warnings (characters no font has, in ``lang``) are added to ``said``."""
    def write(path: Path) -> None:
        from smedigital.export import report  # noqa: PLC0415

        warnings = report.write_report(assessment, path, lang)
        if said is not None:
            said.extend(warnings)

    return write


def comparison_writer(before: Assessment, after: Assessment, kind: str, lang: str,
                      said: list[str] | None = None) -> Callable[[Path], None]:
    """The before/after comparison (``smedigital.core.compare``) as the PDF report (``kind`` ``pdf``) or as a
    workbook with the comparison sheet (``xlsx``), both h13a's writers; computed in the worker."""
    def write(path: Path) -> None:
        from smedigital.core.compare import compare_assessments  # noqa: PLC0415

        c = compare_assessments(before, after)
        if kind == "xlsx":
            from smedigital.export.compare_sheet import write_comparison_sheet  # noqa: PLC0415

            if path.exists() and path.stat().st_size == 0:
                path.unlink()  # the job's empty partial file: a new workbook, not one to add the sheet to
            write_comparison_sheet(c, path, lang)
            return
        from smedigital.export.pilot_pdf import build_comparison_report  # noqa: PLC0415

        warnings: list[str] = []
        data = build_comparison_report(c, lang, warnings=warnings)
        path.write_bytes(data)
        if said is not None:
            said.extend(warnings)

    return write


def sheet_writer(assessment: Assessment, lang: str, said: list[str] | None = None) -> Callable[[Path], None]:
    """The verification sheet (现场核查表, h13a's ``smedigital.export.pilot_pdf.build_sheet``)."""
    def write(path: Path) -> None:
        from smedigital.export.pilot_pdf import build_sheet  # noqa: PLC0415

        warnings: list[str] = []
        path.write_bytes(build_sheet(assessment, lang, warnings=warnings))
        if said is not None:
            said.extend(warnings)

    return write


def pilot_pack_writer(assessment: Assessment, baseline: Assessment | None, evidence_dir: Path, lang: str,
                      said: list[str] | None = None) -> Callable[[Path], None]:
    """The 一企一档 zip (h13a's ``smedigital.export.pack.build_pack``): reports, plan, sheet, comparison with the
    baseline when there is one, and the evidence files found in the library's store by their SHA-256."""
    def write(path: Path) -> None:
        from smedigital.export.pack import build_pack, folder_resolver, missing_lines  # noqa: PLC0415

        warnings: list[str] = []
        result = build_pack(assessment, path, lang, resolve=folder_resolver(evidence_dir), baseline=baseline,
                            warnings=warnings)
        if said is not None:
            said.extend(warnings)
            said.extend(m.get(lang) for m in result.problems)
            said.extend(missing_lines(assessment.framework, result.missing, lang))

    return write


def template_writer(framework_id: str, lang: str, sector: str | None) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        from smedigital.export import template  # noqa: PLC0415

        template.write_template(framework_id, path, lang, sector)

    return write


# --------------------------------------------------------------------------- choosing a questionnaire

class TemplateDialog(QDialog):
    """Which framework's questionnaire, and for which industry (its sector modules), or all modules."""

    def __init__(self, framework_id: str | None = None, sector: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from smedigital.core.framework import bundled_frameworks  # noqa: PLC0415
        from smedigital.core.profile import load_industries  # noqa: PLC0415

        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.frameworks = bundled_frameworks()
        self.sections = load_industries().sections
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.framework_label = QLabel()
        self.framework_box = QComboBox()
        self.framework_label.setBuddy(self.framework_box)
        self.sector_label = QLabel()
        self.sector_box = QComboBox()
        self.sector_label.setBuddy(self.sector_box)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.framework_label, self.framework_box)
        form.addRow(self.sector_label, self.sector_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        for fid in self.frameworks:
            self.framework_box.addItem("", fid)
        self.sector_box.addItem("", "")
        for code in self.sections:
            self.sector_box.addItem("", code)
        self.retranslate()
        if framework_id in self.frameworks:
            self.framework_box.setCurrentIndex(self.framework_box.findData(framework_id))
        if sector:
            self.sector_box.setCurrentIndex(max(0, self.sector_box.findData(sector[:1].upper())))
        self.framework_box.currentIndexChanged.connect(self._update_note)
        self.sector_box.currentIndexChanged.connect(self._update_note)
        self._update_note()
        self.resize(max(self.sizeHint().width(), 520), self.sizeHint().height())

    @property
    def framework_id(self) -> str:
        return str(self.framework_box.currentData())

    @property
    def sector(self) -> str | None:
        return self.sector_box.currentData() or None

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        i18n.retranslate_on_language_change(self, event)
        super().changeEvent(event)

    def retranslate(self) -> None:
        lang = i18n.current_language()
        self.setWindowTitle(self.tr("Blank questionnaire"))
        self.intro.setText(self.tr("A questionnaire workbook for a firm to fill in Excel; import it back with "
                                   "smedigital-cli import. It is written in the interface's language."))
        self.framework_label.setText(self.tr("&Framework:"))
        self.framework_box.setAccessibleName(self.tr("Framework"))
        self.framework_box.setAccessibleDescription(self.tr("The maturity framework whose questions the "
                                                            "questionnaire asks"))
        self.sector_label.setText(self.tr("&Industry:"))
        self.sector_box.setAccessibleName(self.tr("Industry"))
        self.sector_box.setAccessibleDescription(self.tr("The firm's GB/T 4754 industry section: the questions "
                                                         "of its sector modules are included; with all industries, "
                                                         "every module's questions are"))
        for i in range(self.framework_box.count()):
            fw = self.frameworks[self.framework_box.itemData(i)]
            self.framework_box.setItemText(i, fw.title.get(lang))
        self.sector_box.setItemText(0, self.tr("All industries (every sector module)"))
        for i in range(1, self.sector_box.count()):
            code = self.sector_box.itemData(i)
            self.sector_box.setItemText(i, f"{code} {self.sections[code].name.get(lang)}")
        if hasattr(self, "frameworks"):
            self._update_note()

    def _update_note(self) -> None:
        lang = i18n.current_language()
        fw = self.frameworks.get(self.framework_id)
        if fw is None:
            return
        modules = fw.modules.values() if self.sector is None else [fw.modules[m] for m in
                                                                     sorted(fw.modules_for(self.sector))]
        names = "、".join(m.title.get(lang) for m in modules) if lang == "zh" else \
            ", ".join(m.title.get(lang) for m in modules)
        if names:
            self.note.setText(self.tr("The core questions and those of: %1.").replace("%1", names))
        else:
            self.note.setText(self.tr("The core questions only (no sector module applies to this industry)."))
        self.note.setAccessibleName(self.note.text())


# --------------------------------------------------------------------------- the controller

class ExportController(QObject):
    """Exports of the main window. ``finished(path or None)`` after each export (None: cancelled or failed)."""

    finished = Signal(object)

    def __init__(self, window: QWidget, library: Library) -> None:
        super().__init__(window)
        self.window = window
        self.library = library
        self.job: FileJob | None = None
        self.template_dialog: TemplateDialog | None = None
        self.print_job: Any = None  # the PrintJob making its PDF or showing its preview
        self.print_preview = True  # False (tests): the PDF is made and counted, no preview is shown

    # -------------------------------------------------------------- folders

    def _folder(self) -> Path:
        folder = self.library.get_state("last_folder")
        return Path(folder) if isinstance(folder, str) and Path(folder).is_dir() else Path.home()

    def _ask_path(self, title: str, name: str, file_filter: str, suffix: str) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(self.window, title, str(self._folder() / name), file_filter)
        if not chosen:
            return None
        path = with_suffix(chosen, suffix)
        try:
            self.library.set_state("last_folder", str(path.parent))
        except Exception:  # noqa: BLE001 - remembering the folder is a convenience
            log.exception("cannot remember the folder")
        return path

    def busy(self) -> bool:
        if self.job is not None and self.job.running:
            messages.show_info(self.window, self.tr("Export"),
                               self.tr("An export is still being written. Wait for it to finish, or cancel it."))
            return True
        return False

    # -------------------------------------------------------------- the three exports

    def export_plan(self, assessment: Assessment, stem: str) -> FileJob | None:
        """Ask where, then write the improvement plan workbook of ``assessment`` (``stem``: firm and date)."""
        if self.busy():
            return None
        title = self.tr("Export plan workbook")
        name = safe_file_name(stem) + " " + self.tr("improvement plan") + XLSX
        path = self._ask_path(title, name, FILTER_SEP.join([self.tr("Excel workbooks (*.xlsx)"),
                                                             self.tr("All files (*)")]), XLSX)
        if path is None:
            return None
        return self._start(path, plan_writer(assessment, i18n.current_language()), title,
                           self.tr("Writing the improvement plan workbook…"))

    def export_report(self, assessment: Assessment, stem: str) -> FileJob | None:
        """Ask where, then write the diagnosis report (PDF) of ``assessment``."""
        if self.busy():
            return None
        title = self.tr("Export diagnosis report")
        name = safe_file_name(stem) + " " + self.tr("diagnosis report") + PDF
        path = self._ask_path(title, name, FILTER_SEP.join([self.tr("PDF documents (*.pdf)"),
                                                             self.tr("All files (*)")]), PDF)
        if path is None:
            return None
        said: list[str] = []
        job = self._start(path, report_writer(assessment, i18n.current_language(), said), title,
                          self.tr("Writing the diagnosis report with its charts…"))
        job.finished.connect(lambda written: written is not None and said and messages.show_warning(
            self.window, title, "\n\n".join(said)))  # already in the interface's language
        return job

    def export_comparison(self, before: Assessment, after: Assessment, stem: str, kind: str = "pdf") -> FileJob | None:
        """Ask where, then write the before/after comparison of two assessments of one firm as a PDF report
        (``kind`` ``pdf``) or an Excel sheet (``xlsx``)."""
        if self.busy():
            return None
        title = self.tr("Export the comparison")
        suffix = XLSX if kind == "xlsx" else PDF
        name = safe_file_name(stem) + " " + self.tr("before and after") + suffix
        file_filter = self.tr("Excel workbooks (*.xlsx)") if kind == "xlsx" else self.tr("PDF documents (*.pdf)")
        path = self._ask_path(title, name, FILTER_SEP.join([file_filter, self.tr("All files (*)")]), suffix)
        if path is None:
            return None
        said: list[str] = []
        job = self._start(path, comparison_writer(before, after, kind, i18n.current_language(), said), title,
                          self.tr("Writing the comparison…"))
        job.finished.connect(lambda written: written is not None and said and messages.show_warning(
            self.window, title, "\n\n".join(said)))
        return job

    def export_verification_sheet(self, assessment: Assessment, stem: str) -> FileJob | None:
        """Ask where, then write the verification sheet (PDF) of ``assessment``."""
        if self.busy():
            return None
        title = self.tr("Export the verification sheet")
        name = safe_file_name(stem) + " " + self.tr("verification sheet") + PDF
        path = self._ask_path(title, name, FILTER_SEP.join([self.tr("PDF documents (*.pdf)"),
                                                             self.tr("All files (*)")]), PDF)
        if path is None:
            return None
        said: list[str] = []
        job = self._start(path, sheet_writer(assessment, i18n.current_language(), said), title,
                          self.tr("Writing the verification sheet…"))
        job.finished.connect(lambda written: written is not None and said and messages.show_warning(
            self.window, title, "\n\n".join(said)))
        return job

    def export_pilot_pack(self, assessment: Assessment, baseline: Assessment | None, stem: str) -> FileJob | None:
        """Ask where, then write the firm's 一企一档 evidence file (a zip) for ``assessment``."""
        from smedigital.library import paths  # noqa: PLC0415

        if self.busy():
            return None
        title = self.tr("Export the evidence file (一企一档)")
        name = safe_file_name(stem) + " " + self.tr("evidence file") + ".zip"
        path = self._ask_path(title, name, FILTER_SEP.join([self.tr("Zip archives (*.zip)"),
                                                             self.tr("All files (*)")]), ".zip")
        if path is None:
            return None
        said: list[str] = []
        store = paths.evidence_dir(self.library.data_dir, create=False)
        job = self._start(path, pilot_pack_writer(assessment, baseline, store, i18n.current_language(), said), title,
                          self.tr("Writing the evidence file…"))
        job.finished.connect(lambda written: written is not None and said and messages.show_warning(
            self.window, title, self.tr("The evidence file was written; some things are missing or were left "
                                        "out:"), "\n".join(said)))
        return job

    # -------------------------------------------------------------- printing (ui/printing.py)

    def print_document(self, title: str, make_pdf: Callable[[], bytes]) -> Any:
        """Make the PDF off the GUI thread, then show the A4 print preview with its Print button; the started
        job (``smedigital.ui.printing.PrintJob``)."""
        from .printing import PrintJob  # noqa: PLC0415 - QtPrintSupport and PDFium when first printing

        self.print_job = PrintJob(self.window, title, make_pdf, preview=self.print_preview)
        self.print_job.finished.connect(lambda _pages: setattr(self, "print_job", None))
        return self.print_job.start()

    def print_report(self, assessment: Assessment) -> Any:
        """Print the diagnosis report, its improvement plan included (the plan from the stored target and edits)."""
        lang = i18n.current_language()

        def make() -> bytes:
            from smedigital.export.report import build_report  # noqa: PLC0415

            return build_report(assessment, lang)

        return self.print_document(self.tr("Print the diagnosis report and plan"), make)

    def print_verification_sheet(self, assessment: Assessment) -> Any:
        """Print the on-site verification sheet (现场核查表)."""
        lang = i18n.current_language()

        def make() -> bytes:
            from smedigital.export.pilot_pdf import build_sheet  # noqa: PLC0415

            return build_sheet(assessment, lang)

        return self.print_document(self.tr("Print the verification sheet"), make)

    def print_comparison(self, before: Assessment, after: Assessment) -> Any:
        """Print the before/after report of two assessments of one firm."""
        lang = i18n.current_language()

        def make() -> bytes:
            from smedigital.core.compare import compare_assessments  # noqa: PLC0415
            from smedigital.export.pilot_pdf import build_comparison_report  # noqa: PLC0415

            return build_comparison_report(compare_assessments(before, after), lang)

        return self.print_document(self.tr("Print the before/after report"), make)

    def export_template(self, framework_id: str | None = None, sector: str | None = None) -> TemplateDialog | None:
        """Ask for the framework and industry (window-modal, not blocking), then where, then write."""
        if self.busy():
            return None
        if self.template_dialog is not None and self.template_dialog.isVisible():
            self.template_dialog.activateWindow()
            return self.template_dialog
        dialog = TemplateDialog(framework_id, sector, self.window)
        dialog.accepted.connect(lambda: self._template_chosen(dialog))
        dialog.finished.connect(lambda _result: self._template_dialog_done(dialog))
        self.template_dialog = dialog
        dialog.open()
        return dialog

    def _template_dialog_done(self, dialog: TemplateDialog) -> None:
        if self.template_dialog is dialog:
            self.template_dialog = None
        dialog.deleteLater()

    def _template_chosen(self, dialog: TemplateDialog) -> FileJob | None:
        lang = i18n.current_language()
        fw = dialog.frameworks[dialog.framework_id]
        short = (fw.short_title or fw.title).get(lang)
        sector = dialog.sector
        title = self.tr("Blank questionnaire")
        name = " ".join(x for x in (safe_file_name(short), sector or "", self.tr("questionnaire")) if x) + XLSX
        path = self._ask_path(title, name, FILTER_SEP.join([self.tr("Excel workbooks (*.xlsx)"),
                                                             self.tr("All files (*)")]), XLSX)
        if path is None:
            return None
        return self._start(path, template_writer(fw.id, lang, sector), title,
                           self.tr("Writing the blank questionnaire…"))

    # -------------------------------------------------------------- running

    def _start(self, path: Path, write: Callable[[Path], Any], title: str, busy_text: str) -> FileJob:
        job = FileJob(self.window, path, write, title=title, busy_text=busy_text)
        job.finished.connect(self._job_finished)
        self.job = job
        return job.start()

    def _job_finished(self, written: object) -> None:
        self.job = None
        if written is not None:
            status = getattr(self.window, "statusBar", None)
            if callable(status):
                status().showMessage(self.tr("Saved %1").replace("%1", str(written)), 5000)
        self.finished.emit(written)

