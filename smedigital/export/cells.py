"""Writing cells safely: text stays text, numbers are values, Excel's limits hold.

Three rules, applied to every cell the exports write:

* **Text from people is always a string cell.** openpyxl turns any string that
  starts with ``=`` into a formula and ``#N/A`` into an error; :func:`put_text`
  stores a string cell instead, and one that starts with ``=``, ``+``, ``-``,
  ``@``, tab or CR also gets Excel's *quote prefix* (the ``'`` a person would
  type), so editing the cell later does not turn it into a formula either.
* **Characters XML cannot carry are removed** (control characters other than
  tab and line feed, U+FFFE/U+FFFF, lone surrogates); CR LF and CR become LF.
* **Excel's limits**: cell text is cut at 32,767 UTF-16 units (with "…"), sheet
  names are at most 31 characters, without ``[]:*?/\\``, unique and non-empty.

Numbers (scores above all) are written as plain values, never formulas.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # openpyxl is imported where a workbook is written: a reading worker never needs it
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

MAX_CELL_TEXT = 32_767
MAX_SHEET_TITLE = 31
# What a spreadsheet may read as the start of a formula (CSV/formula injection, OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")


def clean_text(value: Any, limit: int = MAX_CELL_TEXT) -> str:
    """Text as a cell can hold it: characters XML cannot carry removed, line ends as LF, cut at ``limit``."""
    if value is None:
        return ""
    text = str(value)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _NOT_XML.sub("", text)
    if len(text) > limit // 2 and utf16_length(text) > limit:
        text = cut_utf16(text, limit - 1) + "…"
    return text


def utf16_length(text: str) -> int:
    """Length as Excel counts it: UTF-16 code units (a character beyond U+FFFF counts two)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def cut_utf16(text: str, units: int) -> str:
    """The longest start of ``text`` of at most ``units`` UTF-16 code units."""
    count = 0
    for i, ch in enumerate(text):
        count += 2 if ord(ch) > 0xFFFF else 1
        if count > units:
            return text[:i]
    return text


_COORD = re.compile(r"^[$]?([A-Za-z]{1,3})[$]?(\d+)$")  # openpyxl's own pattern (openpyxl.utils.cell.COORD_RE)


def cell_rc(text: str) -> tuple[int, int]:
    """(row, column), 1-based, of a cell reference such as ``B12`` or ``$B$12``: what openpyxl's
    ``coordinate_from_string`` and ``column_index_from_string`` give, without importing openpyxl for a
    well-formed reference; anything else goes to them (imported then), which raise as they always have."""
    m = _COORD.match(text) if isinstance(text, str) else None
    if m is not None:
        row = int(m.group(2))
        column = 0
        for ch in m.group(1).upper():
            column = column * 26 + ord(ch) - 64
        if row:
            return row, column
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    letters, row = coordinate_from_string(text)
    return row, column_index_from_string(letters)


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def put_text(ws: Worksheet, row: int, column: int, value: Any, limit: int = MAX_CELL_TEXT) -> Cell:
    """Write text as a string cell, whatever it starts with; empty text leaves the cell empty."""
    cell = ws.cell(row=row, column=column)
    text = clean_text(value, limit)
    if not text:
        cell.value = None
        return cell
    cell.value = text
    cell.data_type = "s"  # openpyxl would make "=…" a formula and "#N/A" an error
    if looks_like_formula(text):
        cell.quotePrefix = True
    return cell


def put_number(ws: Worksheet, row: int, column: int, value: float | int | None, number_format: str = "General") -> Cell:
    """Write a number as a value (never a formula); None leaves the cell empty."""
    cell = ws.cell(row=row, column=column)
    if value is None:
        cell.value = None
        return cell
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"not a number: {value!r}")
    cell.value = value
    cell.number_format = number_format
    return cell


def sheet_title(name: str, taken: Iterable[str] = ()) -> str:
    """A valid, unused sheet name from ``name``: no ``[]:*?/\\``, no leading/trailing ', at most 31 chars."""
    base = _SHEET_BAD.sub(" ", clean_text(name)).replace("\n", " ").strip().strip("'").strip() or "Sheet"
    if base.lower() == "history":  # reserved by Excel
        base = "History 1"
    base = base[:MAX_SHEET_TITLE]
    used = {t.lower() for t in taken}
    candidate, n = base, 2
    while candidate.lower() in used:
        suffix = f" ({n})"
        candidate = base[: MAX_SHEET_TITLE - len(suffix)] + suffix
        n += 1
    return candidate


def cell_ref(sheet: str, coordinate: str) -> str:
    """``Sheet!A1`` as people read it in messages (no quoting)."""
    return f"{sheet}!{coordinate}"


def formula_ref(sheet: str, coordinate: str) -> str:
    """``'Sheet'!$A$1`` for use inside formulas and chart references."""
    return "'" + sheet.replace("'", "''") + "'!" + coordinate
