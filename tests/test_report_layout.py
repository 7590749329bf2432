"""The diagnosis report laid out for print (issue 16): every page read back from the PDF with pypdfium2.

No page holds only a chart or only a heading, no heading ends a page, no line of the report is a lone
closing bracket, the plan table has the owner and due-date columns of the workbook, and a table
running onto a new page repeats its header row there.
"""

from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from pypdfium2 import raw as pdfium_c
from test_export_workbook import miit_library, sample

from smedigital.core.assessment import load_assessment
from smedigital.core.planning import build_plan, edit_item
from smedigital.export.report import build_report
from smedigital.export.words import words

ROOT = Path(__file__).resolve().parents[1]
RETAIL = ROOT / "resources" / "samples" / "retail-chain-cdi.smd.json"
PILOT_AFTER = ROOT / "resources" / "samples" / "pilot" / "manufacturer-miit-after.smd.json"


class Page:
    def __init__(self, number: int, lines: list[str], images: int, image_after_last_line: bool):
        self.number, self.lines, self.images = number, lines, images
        self.image_after_last_line = image_after_last_line  # a chart below the page's last line of text


def read_pages(pdf: bytes, firm: str) -> list[Page]:
    """Each page's text lines without the running header (report title · firm) and the page-number footer."""
    doc = pdfium.PdfDocument(pdf)
    out = []
    try:
        for i in range(len(doc)):
            page = doc[i]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            image_tops = [o.get_bounds()[3] for o in page.get_objects() if o.type == pdfium_c.FPDF_PAGEOBJ_IMAGE]
            lines = [ln.strip() for ln in text.replace("\r\n", "\n").split("\n") if ln.strip()]
            after = False
            if i > 0 and len(lines) > 2:  # where the last line before the footer stands (PDF y grows upwards)
                found = textpage.search(lines[-2], match_case=True).get_next()
                if found is not None:
                    bottom = textpage.get_charbox(found[0])[1]
                    after = any(top < bottom for top in image_tops)
            if i > 0:
                assert firm in lines[0], f"page {i + 1}: no running header with the firm name: {lines[:1]}"
                assert re.fullmatch(r"(第 \d+ 页 / 共 \d+ 页|Page \d+ of \d+)", lines[-1]), \
                    f"page {i + 1}: no page number at the foot: {lines[-1:]}"
                lines = lines[1:-1]
            out.append(Page(i + 1, lines, len(image_tops), after))
    finally:
        doc.close()
    return out


@pytest.fixture(scope="module")
def miit_zh():
    a = sample()
    plan = build_plan(a, "level:3", library=miit_library())
    key = plan.phases[-1].items[0].key
    a, plan = edit_item(a, plan, key, owner="王建国", due="2027-06-30")
    return a, plan, read_pages(build_report(a, "zh", plan), a.company.name)


@pytest.fixture(scope="module")
def miit_en():
    a = sample()
    return a, read_pages(build_report(a, "en", build_plan(a, "level:3", library=miit_library())), a.company.name)


@pytest.fixture(scope="module")
def retail_zh():
    a = load_assessment(RETAIL)
    return a, read_pages(build_report(a, "zh"), a.company.name)


@pytest.fixture(scope="module")
def pilot_en():
    """A firm name that wraps on the cover just before its closing bracket."""
    a = load_assessment(PILOT_AFTER)
    return a, read_pages(build_report(a, "en", build_plan(a, "level:3", library=miit_library())), a.company.name)


def all_reports(miit_zh, miit_en, retail_zh, pilot_en=None):
    out = [("miit zh", "zh", miit_zh[2]), ("miit en", "en", miit_en[1]), ("retail zh", "zh", retail_zh[1])]
    return out + ([("pilot after en", "en", pilot_en[1])] if pilot_en else [])


def headings(lang: str) -> set[str]:
    w = words(lang)
    return {w[k] for k in ("report.summary", "report.charts", "report.findings", "report.plan",
                           "report.evidence", "report.basis", "report.sign", "strengths", "gaps", "scene_levels")}


def test_no_page_holds_only_a_chart_or_only_a_heading(miit_zh, miit_en, retail_zh):
    for name, _lang, pages in all_reports(miit_zh, miit_en, retail_zh):
        assert sum(p.images for p in pages) >= 2, name  # the charts are there: stage ladder, radar (heat map)
        for p in pages[1:]:
            assert len(p.lines) >= 3, f"{name} page {p.number} holds only {p.lines} and {p.images} image(s)"


def test_no_heading_ends_a_page(miit_zh, miit_en, retail_zh):
    for name, lang, pages in all_reports(miit_zh, miit_en, retail_zh):
        heads = headings(lang)
        for p in pages[1:-1]:
            assert p.lines, f"{name} page {p.number} holds no text"
            last = p.lines[-1]
            if p.image_after_last_line:  # a heading over a chart
                continue
            assert last not in heads, f"{name} page {p.number} ends with the heading {last!r}"
            assert not re.match(r"(第.阶段：|Phase \d: )", last), f"{name} page {p.number} ends with {last!r}"


def test_no_line_is_a_lone_bracket_or_begins_with_closing_punctuation(miit_zh, miit_en, retail_zh, pilot_en):
    for name, _lang, pages in all_reports(miit_zh, miit_en, retail_zh, pilot_en):
        for p in pages:
            for line in p.lines:
                assert line not in ("）", ")", "（", "("), f"{name} page {p.number}: a lone bracket"
                if not line.startswith("·"):
                    assert line[0] not in "）。，、；：", f"{name} page {p.number}: {line!r} begins with punctuation"


def test_the_plan_table_has_the_owner_and_due_columns_and_the_owner_set_in_the_plan(miit_zh, miit_en):
    _a, plan, pages = miit_zh
    tokens = {t for p in pages for line in p.lines for t in line.split()}
    assert {"负责人"} <= tokens, "no 负责人 column header"
    text = "".join("".join(p.lines) for p in pages)
    assert "完成期限" in re.sub(r"\s+", "", text)
    assert "王建国" in text and "2027-06-30" in text  # the owner and due date the firm entered
    en_tokens = {t for p in miit_en[1] for line in p.lines for t in line.split()}
    assert {"Owner", "Due"} <= en_tokens


def test_a_table_repeats_its_header_row_on_every_page_it_runs_on(miit_zh):
    a, plan, pages = miit_zh
    fw = a.framework
    header = re.sub(r"\s+", "", words("zh")["from_to"])
    titles = [re.sub(r"\s+", "", i.action.title.zh if i.action else fw.question(i.question_id).label.zh)[:10]
              for i in plan.items]
    table_pages = []
    for p in pages:
        flat = re.sub(r"\s+", "", "".join(p.lines))
        if any(t in flat for t in titles):
            table_pages.append(p.number)
            assert header in flat, f"page {p.number}: plan rows without the header row"
    assert len(table_pages) >= 2, "the sample's plan for level 3 runs over two pages"
