"""Help > User guide (F1): the guide in the interface language, opened at the current screen's section.

The guide's text is ``docs/guide/<lang>.md`` (``resources/guide`` when installed), read by
:mod:`smedigital.core.guide` and shown as HTML in a QTextBrowser, offline; each section heading
carries an anchor, and :meth:`GuideDialog.show_section` scrolls to it. "Save as PDF…" saves
the printable guide: the PDF the installer carries when there is one, else the same PDF made
now (:mod:`smedigital.export.guide_pdf`), behind the usual progress dialog.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from smedigital.core import guide

from . import i18n, messages, tasks
from .screens import fit_to_screen

log = logging.getLogger("smedigital.ui")


def _write_pdf(lang: str, target: Path) -> None:
    """The printable guide at ``target``: the installed PDF copied, or made now."""
    shipped = guide.guide_dir() / guide.pdf_name(lang)
    if shipped.is_file():
        shutil.copyfile(shipped, target)
        return
    from smedigital.export.guide_pdf import write_guide  # fpdf2 only when asked

    write_guide(lang, target)


class GuideDialog(QDialog):
    """The user guide, beside the main window (not modal)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = ""
        self.section = guide.DEFAULT_SECTION
        self.sections: list[str] = []
        self.save_job: tasks.FileJob | None = None
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(False)
        self.browser.setOpenLinks(False)
        self.pdf_button = QPushButton()
        self.pdf_button.clicked.connect(self.save_pdf)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(self.buttons)
        self.retranslate()
        fit_to_screen(self, QSize(760, 640))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        i18n.retranslate_on_language_change(self, event)
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("User guide"))
        self.browser.setAccessibleName(self.tr("User guide"))
        self.browser.setAccessibleDescription(self.tr("The guide, at the section about the current screen"))
        self.pdf_button.setText(self.tr("Save as &PDF…"))
        self.pdf_button.setAccessibleName(self.tr("Save as PDF"))
        self.pdf_button.setAccessibleDescription(self.tr("Save the whole guide as a PDF document to print"))
        for button in self.buttons.buttons():
            button.setAccessibleName(button.text().replace("&", ""))
        self._load(i18n.current_language())

    def _load(self, lang: str) -> None:
        if lang == self.lang:
            return
        try:
            blocks = guide.load(lang)
        except guide.GuideError as exc:
            log.error("cannot read the user guide: %s", exc)
            self.browser.setPlainText(self.tr("The user guide could not be read: %1").replace("%1", str(exc)))
            self.sections = []
            self.lang = lang
            return
        self.lang = lang
        self.sections = guide.section_ids(blocks)
        self.browser.setHtml(guide.to_html(blocks))
        self.show_section(self.section)

    def show_section(self, section: str) -> None:
        """Scroll to a section (an anchor of the guide; the overview if there is no such section)."""
        self.section = section if section in self.sections else guide.DEFAULT_SECTION
        self.browser.scrollToAnchor(self.section)
        # a dialog just shown lays its text out again at its real width: scroll once more then
        QTimer.singleShot(0, self, lambda: self.browser.scrollToAnchor(self.section))

    def section_in_view(self, section: str) -> bool:
        """Whether the heading of ``section`` is in the visible part of the guide."""
        document = self.browser.document()
        layout = document.documentLayout()
        top = self.browser.verticalScrollBar().value()
        bottom = top + self.browser.viewport().height()
        block = document.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                if section in it.fragment().charFormat().anchorNames():
                    y = layout.blockBoundingRect(block).top()
                    return top - 1 <= y < bottom
                it += 1
            block = block.next()
        return False

    def save_pdf(self) -> tasks.FileJob | None:
        title = self.tr("Save the user guide")
        path, _ = QFileDialog.getSaveFileName(self, title, guide.pdf_name(self.lang),
                                              self.tr("PDF documents (*.pdf)"))
        if not path:
            return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        lang = self.lang
        try:
            job = tasks.FileJob(self, path, lambda target: _write_pdf(lang, target), title=title,
                                busy_text=self.tr("Writing the user guide…"))
        except OSError as exc:
            messages.show_error(self, title, str(exc))
            return None
        self.save_job = job
        return job.start()
