"""Printing the diagnosis report (with its improvement plan), the before/after report and the verification
sheet from the app: Qt's print preview and print dialog, A4.

What is printed is exactly the PDF the export writes (``smedigital.export.report`` and ``pilot_pdf``, made
with fpdf2): each page is rendered by PDFium (``pypdfium2``, the one library that reads a PDF here: Qt's own
QtPdf is not part of PySide6-Essentials) at the printer's resolution, at most :data:`MAX_DPI`, and drawn on
the whole A4 sheet (the PDF pages carry their own margins). The PDF is made on a pool thread
(:class:`~smedigital.ui.tasks.BackgroundTask`); the preview and the printing happen on the GUI thread, as Qt
requires of a QPainter on a printer.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QRectF, Signal
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QWidget

from . import messages
from .tasks import BackgroundTask, Progress

log = logging.getLogger("smedigital.ui")

MAX_DPI = 300  # enough for 8-point Chinese text; an A4 page is then 2480 × 3508 pixels
MakePdf = Callable[[], bytes]
_alive: dict[int, QPrinter] = {}  # each preview's printer, while the preview exists


class PrintError(RuntimeError):
    """The document could not be printed (the printer refused, or the PDF could not be read)."""


def a4_printer(printer: QPrinter | None = None) -> QPrinter:
    """A printer (a new one when not given) set to A4, full page: the PDF pages bring their margins."""
    printer = printer or QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setFullPage(True)
    return printer


def page_count(pdf: bytes) -> int:
    import pypdfium2 as pdfium  # noqa: PLC0415 - only when printing

    doc = pdfium.PdfDocument(pdf)
    try:
        return len(doc)
    finally:
        doc.close()


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Draw every page of ``pdf`` on ``printer`` (the GUI thread); returns the number of pages printed."""
    import pypdfium2 as pdfium  # noqa: PLC0415 - only when printing

    try:
        doc = pdfium.PdfDocument(pdf)
    except pdfium.PdfiumError as exc:
        raise PrintError(QCoreApplication.translate("PrintJob", "The document cannot be read for printing: %1")
                         .replace("%1", str(exc))) from exc
    painter = QPainter()
    try:
        if len(doc):  # the sheet is A4 landscape, the reports portrait: the paper follows the first page
            width, height = doc[0].get_size()
            printer.setPageOrientation(QPageLayout.Orientation.Landscape if width > height
                                       else QPageLayout.Orientation.Portrait)
        if not painter.begin(printer):
            raise PrintError(QCoreApplication.translate("PrintJob", "The printer cannot be started: check that it "
                                                                    "is switched on and connected."))
        dpi = min(max(printer.resolution(), 72), MAX_DPI)
        target = QRectF(printer.paperRect(QPrinter.Unit.DevicePixel))
        target.moveTo(0, 0)
        printed = 0
        for n in range(len(doc)):
            page = doc[n]
            try:
                bitmap = page.render(scale=dpi / 72, rev_byteorder=True, may_draw_forms=True)
                pil = bitmap.to_pil().convert("RGB")
            finally:
                page.close()
            data = pil.tobytes()
            image = QImage(data, pil.width, pil.height, 3 * pil.width, QImage.Format.Format_RGB888)
            if printed:
                printer.newPage()
            # fit the page into the sheet keeping its proportions (an A4 page fills an A4 sheet exactly)
            scale = min(target.width() / image.width(), target.height() / image.height())
            w, h = image.width() * scale, image.height() * scale
            painter.drawImage(QRectF(target.x() + (target.width() - w) / 2, target.y() + (target.height() - h) / 2,
                                     w, h), image)
            printed += 1
        return printed
    finally:
        if painter.isActive():
            painter.end()
        doc.close()


class PrintJob(QObject):
    """Make the PDF off the GUI thread, then show the print preview (its Print button opens the system's print
    dialog). ``finished(pages)`` last: the pages drawn for the preview, or 0 when it failed."""

    finished = Signal(int)

    def __init__(self, parent: QWidget, title: str, make_pdf: MakePdf, *, preview: bool = True) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.title = title
        self.make_pdf = make_pdf
        self.show_preview = preview
        self.pdf: bytes | None = None
        self.preview: QPrintPreviewDialog | None = None
        self.printer: QPrinter | None = None
        self.pages = 0
        self.task = BackgroundTask(self._work, name=f"print {title}")
        self.task.succeeded.connect(self._made)
        self.task.failed.connect(self._failed)

    def start(self) -> PrintJob:
        self.task.start()
        return self

    def _work(self, progress: Progress, cancel: threading.Event) -> bytes:
        return self.make_pdf()

    def _made(self, pdf: object) -> None:
        self.pdf = bytes(pdf)  # type: ignore[arg-type]
        if not self.show_preview:
            self._done(page_count(self.pdf))
            return
        self.printer = a4_printer()  # kept: the preview holds only a pointer to it
        self.printer.setDocName(self.title)
        self.preview = QPrintPreviewDialog(self.printer, self.parent_widget)
        self.preview.setWindowTitle(self.title)
        self.preview.setAccessibleName(self.title)
        key = id(self.preview)
        _alive[key] = self.printer  # until the preview is gone: it keeps a pointer, not a reference
        self.preview.destroyed.connect(lambda *_: _alive.pop(key, None))
        self.preview.paintRequested.connect(self.paint)
        self.preview.finished.connect(lambda _r: self._done(self.pages))
        self.preview.open()

    def paint(self, printer: QPrinter) -> None:
        """Draw the document on ``printer``: the preview's pages, or the real printer after its dialog."""
        assert self.pdf is not None
        try:
            self.pages = print_pdf(self.pdf, a4_printer(printer))
        except PrintError as exc:
            log.warning("printing %s failed: %s", self.title, exc)
            self._say_failed(exc)

    def _failed(self, error: object) -> None:
        self._say_failed(error)
        self._done(0)

    def _say_failed(self, error: object) -> None:
        messages.show_error(self.parent_widget, self.title,
                            QCoreApplication.translate("PrintJob", "“%1” could not be printed.").replace(
                                "%1", self.title), str(error) or type(error).__name__)

    def _done(self, pages: int) -> None:
        if self.preview is not None:
            self.preview.deleteLater()
            self.preview = None
        self.finished.emit(pages)
        self.deleteLater()

