"""Issue 13: the diagnosis report (with its plan), the before/after report and the verification sheet print
from the app on A4, page for page the PDF the export writes."""

from __future__ import annotations

import re

import pytest
from PySide6.QtPrintSupport import QPrinter

from smedigital.core.assessment import load_assessment
from smedigital.core.resources import resource_path
from smedigital.export.pilot_pdf import build_sheet
from smedigital.ui.main_window import MainWindow
from smedigital.ui.printing import PrintError, a4_printer, page_count, print_pdf

pytestmark = pytest.mark.usefixtures("english")

PILOT = resource_path("samples", "pilot")
AFTER = PILOT / "manufacturer-miit-after.smd.json"
BASELINE = PILOT / "manufacturer-miit-baseline.smd.json"


def pdf_printer(path) -> QPrinter:
    printer = a4_printer(QPrinter(QPrinter.PrinterMode.ScreenResolution))
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def printed_pages(path) -> list[tuple[float, float]]:
    """The MediaBox (width, height in points) of every page of a PDF Qt wrote."""
    data = path.read_bytes()
    return [(float(w), float(h)) for w, h in re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", data)]


def test_the_verification_sheet_prints_every_page_on_a4_landscape(tmp_path):
    sheet = build_sheet(load_assessment(AFTER), "zh")
    n = page_count(sheet)
    assert n >= 2
    out = tmp_path / "printed.pdf"
    assert print_pdf(sheet, pdf_printer(out)) == n
    pages = printed_pages(out)
    assert len(pages) == n
    assert all(abs(w - 842) < 2 and abs(h - 595) < 2 for w, h in pages)  # A4 landscape, as the sheet is


def test_a_document_that_is_not_a_pdf_is_refused_with_a_message(tmp_path):
    with pytest.raises(PrintError, match="cannot be read for printing"):
        print_pdf(b"%PDF-1.7 but nothing else", pdf_printer(tmp_path / "x.pdf"))


def test_file_print_makes_the_report_off_the_gui_thread_and_prints_it_in_portrait(library, qtbot, tmp_path, said):
    aid = library.import_file(AFTER)
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_assessment(aid)
    window.exports.print_preview = False  # the job makes the PDF and counts it; the preview is tested below
    with qtbot.waitSignal(window.print_report().finished, timeout=60000) as done:
        pass
    [pages] = done.args
    assert pages >= 5  # cover, summary, charts, findings, plan, evidence, basis
    job_pdf = tmp_path / "report.pdf"
    from smedigital.export.report import build_report

    report = build_report(library.load_assessment(aid), "en")
    assert page_count(report) == pages
    assert print_pdf(report, pdf_printer(job_pdf)) == pages
    assert all(abs(w - 595) < 2 and abs(h - 842) < 2 for w, h in printed_pages(job_pdf))
    assert said.messages == []


def test_the_comparison_dialog_prints_through_the_preview(library, qtbot, said):
    from smedigital.ui.firm_history import ComparisonDialog

    base = library.import_file(BASELINE)
    after = library.import_file(AFTER)
    window = MainWindow(library)
    qtbot.addWidget(window)
    dialog = ComparisonDialog(library, library.assessment_info(base).firm_id, base, after, window,
                              exports=window.exports)
    qtbot.addWidget(dialog)
    assert dialog.print_button.isEnabled()
    job = dialog.print_report()
    qtbot.waitUntil(lambda: job.preview is not None and job.preview.isVisible(), timeout=60000)
    qtbot.waitUntil(lambda: job.pages > 0, timeout=30000)  # the preview asked for the pages and got them
    with qtbot.waitSignal(job.finished, timeout=10000) as done:
        job.preview.reject()
    assert done.args[0] == job.pages == page_count(job.pdf)
    assert said.messages == []
