"""Shared look of the workbooks: fonts per language, header rows, column widths, printing."""

from __future__ import annotations

import math
from collections.abc import Sequence
from copy import copy
from typing import Any

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from . import package  # noqa: F401 - openpyxl writes font children in the schema's order
from .cells import put_text

# A CJK font every Chinese Windows has; LibreOffice and Excel for Mac substitute their own.
FONT_NAME = {"zh": "Microsoft YaHei", "en": "Calibri"}

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
INPUT_FILL = PatternFill("solid", fgColor="FFF7CC")  # the cells a person fills in
SUBTLE_FILL = PatternFill("solid", fgColor="F2F2F2")
PHASE_FILL = {"cloud": PatternFill("solid", fgColor="9DC3E6"), "data": PatternFill("solid", fgColor="A9D18E"),
              "intelligence": PatternFill("solid", fgColor="F4B183")}
# Scene heat map: level 0 (not done) .. 4, light to dark
LEVEL_FILL = [PatternFill("solid", fgColor=c) for c in ("EDEDED", "DEEBF7", "9DC3E6", "4A8FCC", "1F4E79")]
STATUS_FILL = {"planned": "DDEBF7", "in_progress": "FFE699", "done": "C6EFCE", "dropped": "D9D9D9"}

THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
THICK = Side(style="medium", color="000000")
MARK_BORDER = Border(left=THICK, right=THICK, top=THICK, bottom=THICK)

WRAP_TOP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT_CENTER = Alignment(vertical="center", wrap_text=True)


class Look:
    """Fonts for one language and the cell styles of one workbook.

    Setting font, border and alignment on a cell makes openpyxl hash each style
    object and look it up; :meth:`apply` does that once per combination and
    copies the resulting style indices to every further cell (a Look therefore
    belongs to one workbook).
    """

    def __init__(self, lang: str):
        self._arrays: dict[str, Any] = {}
        name = FONT_NAME.get(lang, FONT_NAME["zh"])
        self.normal = Font(name=name, size=10)
        self.bold = Font(name=name, size=10, bold=True)
        self.header = Font(name=name, size=10, bold=True, color="FFFFFF")
        self.title = Font(name=name, size=16, bold=True, color="1F4E79")
        self.subtitle = Font(name=name, size=10, italic=True, color="595959")
        self.big = Font(name=name, size=14, bold=True)
        self.small = Font(name=name, size=9, color="595959")
        self.white_bold = Font(name=name, size=10, bold=True, color="FFFFFF")
        self.grey = Font(name=name, size=10, color="808080")

    def apply(self, cell: Any, key: str, **attrs: Any) -> None:
        """Style a cell with ``attrs`` (font=..., border=..., …); ``key`` names the combination."""
        keep_format = "number_format" not in attrs
        fmt = cell._style.numFmtId if cell.has_style else 0  # a number format set before stays
        quote = cell._style.quotePrefix if cell.has_style else 0  # so does put_text's quote prefix
        array = self._arrays.get(key)
        if array is None:
            for name, value in attrs.items():
                setattr(cell, name, value)
            array = copy(cell._style)
            if keep_format:
                array.numFmtId = 0
            array.quotePrefix = 0
            self._arrays[key] = array
        else:
            cell._style = copy(array)
        if keep_format:
            cell._style.numFmtId = fmt
        cell._style.quotePrefix = quote


def header_row(ws: Worksheet, row: int, titles: Sequence[str], look: Look, first_col: int = 1) -> None:
    for i, title in enumerate(titles):
        c = put_text(ws, row, first_col + i, title)
        look.apply(c, "header", font=look.header, fill=HEADER_FILL, alignment=CENTER, border=BORDER)


def set_widths(ws: Worksheet, widths: Sequence[float], first_col: int = 1) -> None:
    for i, w in enumerate(widths):
        ws.column_dimensions[get_column_letter(first_col + i)].width = w


def body(cell: Any, look: Look, wrap: bool = True, number_format: str | None = None) -> None:
    """A table cell: normal font, thin border, wrapped at the top (or one line, centred vertically)."""
    key = f"body-{wrap}-{number_format}"
    attrs: dict[str, Any] = {"font": look.normal, "border": BORDER, "alignment": WRAP_TOP if wrap else LEFT_CENTER}
    if number_format is not None:
        attrs["number_format"] = number_format
    look.apply(cell, key, **attrs)


def print_setup(ws: Worksheet, landscape: bool, title_rows: str | None = None, one_page: bool = False) -> None:
    """A4, fit to the page width (as many pages down as needed, or all on one page), repeated title rows."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1 if one_page else 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    if title_rows:
        ws.print_title_rows = title_rows


def row_height_for(texts: Sequence[tuple[str, float]], line_height: float = 14.0, minimum: float = 15.0) -> float:
    """A row height (points) that shows wrapped texts: (text, column width in characters) pairs.

    Neither Excel nor LibreOffice grows rows for wrapped text written by a program
    reliably, so the exports set heights themselves; CJK characters count double.
    """
    lines = 1
    for text, width in texts:
        if not text:
            continue
        n = 0
        for para in str(text).split("\n"):
            units = sum(2.2 if ord(ch) > 0x2E80 else 0.9 for ch in para)
            n += max(1, math.ceil(units / max(1.0, width - 1.5)))
        lines = max(lines, n)
    return max(minimum, lines * line_height + 3)


def fit_row(ws: Worksheet, row: int, minimum: float = 15.0, line_height: float = 14.0,
            merged: dict[int, float] | None = None) -> None:
    """Set a row's height to show every wrapped text in it (column widths from the sheet)."""
    texts = []
    for cell in ws[row]:
        if isinstance(cell.value, str) and cell.value:
            width = (merged or {}).get(cell.column)
            if width is None:
                dim = ws.column_dimensions.get(get_column_letter(cell.column))
                if dim is not None and dim.hidden:
                    continue
                width = dim.width if dim is not None and dim.width else 8.43
            size = cell.font.sz if cell.font is not None and cell.font.sz else 10
            texts.append((cell.value, width * 10 / float(size)))
    ws.row_dimensions[row].height = row_height_for(texts, line_height, minimum)
