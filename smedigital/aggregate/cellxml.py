"""The cells of a worksheet part in the exact form this program's exports write, read straight from its XML.

The aggregation reads two sheets of every plan workbook (the record and the summary). The guard has already
inflated and checked their parts (:meth:`.guard.ZipCheck.sheet_xml`); reading their cells here, from those
bytes, spares python-calamine inflating and parsing them again (and the workbook's own parts, to list the
sheets). It is a fast path, never a second reader: it takes a sheet only when every byte of its ``<sheetData>``
is in the form openpyxl writes (each cell with its reference, a number or an inline string, no formula, no
shared string, no markup declaration, no namespace prefix, no carriage return, UTF-8) and every number's style is
one python-calamine shows as a plain number; anything else returns None and python-calamine reads the sheet as
before. On what it takes it gives what python-calamine gives (``tests/test_aggregate_cellxml.py`` holds the two
to each other on random texts, numbers and number formats, and on hostile parts).
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["Cells", "NumberStyles", "number_styles", "read_cells"]

# a cell as openpyxl writes it: reference, style, then a number (type "n" or none) or an inline string (its text
# without white space at either end unless marked to keep it), or nothing
_CELL = re.compile(
    r'<c r="([A-Z]{1,3})([1-9][0-9]{0,6})"(?: s="([0-9]{1,5})")?'
    r'(?:(?: t="n")?(?: ?/>|><v>(-?[0-9]{1,20}(?:\.[0-9]{1,20})?(?:[Ee][+-]?[0-9]{1,3})?)</v></c>)'
    r'| t="inlineStr"(?: ?/>|><is>(?:<t>((?![ \t\n])[^<]*(?<![ \t\n]))|<t xml:space="preserve">([^<]*))</t></is></c>))')
_GROUPS = 6
# what may lie between the cells: row tags (their attributes are not read) and white space
_BETWEEN = re.compile(r'(?:\s*(?:<row(?:\s[^<>]*)?>|</row>|<row(?:\s[^<>]*)?/>))*\s*')
_ENTITY = re.compile(r"&(?:amp|lt);")
_ESCAPE = re.compile(rb"_x[0-9A-Fa-f]{4}_")  # Excel's escape of a character XML cannot hold
_DECLARATION = re.compile(rb'<\?xml\s[^>]*\?>')
_UTF8 = re.compile(rb"""\sencoding\s*=\s*["']utf-?8["']""", re.IGNORECASE)
_MAX_ROW, _MAX_COLUMN = 1_048_576, 16_384


def _column(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


_LETTERS = [chr(c) for c in range(65, 91)]
_COLUMNS = {a: _column(a) for a in _LETTERS} | {a + b: _column(a + b) for a in _LETTERS for b in _LETTERS}


def _text(raw: str) -> str | None:
    """An inline string's text with "&lt;" and "&amp;" replaced (the other three XML entities already are), as
    python-calamine gives it; None when it is not plain (another entity or character reference, or Excel's
    ``_xHHHH_`` escape)."""
    if "&" in raw:
        if "&" in _ENTITY.sub("", raw):
            return None
        raw = raw.replace("&lt;", "<").replace("&amp;", "&")
    return None if "_x" in raw and _ESCAPE.search(raw.encode()) else raw


Cells = dict[tuple[int, int], Any]


def read_cells(xml: bytes, numbers: NumberStyles | None) -> tuple[Cells, int, int] | None:
    """(row, column) -> value of every cell holding one (1-based; numbers as floats, texts as str; empty texts
    left out), as ``calamine_cells`` makes of python-calamine's rows, with the last row and column holding a cell
    (empty or not: what the cell budget counts); None when the sheet is not in the form this reader takes (see
    the module docstring). ``numbers``: the workbook's :func:`number_styles`; None: its styles were not read, so
    a sheet with a number is not taken."""
    # a comment or CDATA section among the cells is left between them, where _BETWEEN refuses it; one elsewhere
    # could hide the cells from a reader (or show cells a reader does not see), so the sheet is not taken
    if b"\r" in xml or (b"!" in xml and (b"<!--" in xml or b"<![CDATA[" in xml)):
        return None
    if xml.startswith(b"<?xml"):
        decl = _DECLARATION.match(xml, 0, 200)
        if decl is None or (b"encoding" in decl.group() and not _UTF8.search(decl.group())):
            return None
    start = xml.find(b"<sheetData>")
    end = xml.find(b"</sheetData>", start)
    if start < 0 or end < 0 or xml.find(b"<sheetData", end) >= 0:
        return None
    try:
        data = xml[start + 11:end].decode("utf-8")
    except UnicodeDecodeError:
        return None
    entities = b"&" in xml
    if entities:  # these three stand for characters a text may hold as they are, but not "<" (nor "&" yet)
        data = data.replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'")
        entities = "&" in data
    pieces = _CELL.split(data)
    step = _GROUPS + 1
    if not _BETWEEN.fullmatch("".join(pieces[::step])):
        return None
    letters, digits, styles, values = pieces[1::step], pieces[2::step], pieces[3::step], pieces[4::step]
    if not letters:
        return {}, 0, 0
    rows = list(map(int, digits))
    try:
        columns = list(map(_COLUMNS.__getitem__, letters))
    except KeyError:  # three letters
        columns = list(map(_column, letters))
    last_row, last_column = max(rows), max(columns)
    if last_row > _MAX_ROW or last_column > _MAX_COLUMN or len(set(zip(rows, columns, strict=True))) != len(rows):
        return None  # out of a sheet's bounds, or a reference twice (which one a reader keeps is its own business)
    if any(v is not None for v in values):
        if numbers is None:
            return None
        for style in {s for s, v in zip(styles, values, strict=True) if v is not None}:
            if not numbers.plain(int(style or 0)):
                return None
    texts = [t if t is not None else p for t, p in zip(pieces[5::step], pieces[6::step], strict=True)]
    if entities or (b"_x" in xml and _ESCAPE.search(xml)):
        texts = [_text(t) if t else t for t in texts]
        if any(t is None for t, p, q in zip(texts, pieces[5::step], pieces[6::step], strict=True) if p or q):
            return None
    cells = {(r, c): float(v) if v is not None else t for r, c, v, t in zip(rows, columns, values, texts, strict=True)
             if v is not None or t}
    return cells, last_row, last_column


# number formats python-calamine shows as plain numbers: ECMA-376's built-in formats that are not dates or times
# (0 General, 1 "0", 2 "0.00", 3 "#,##0", 4 "#,##0.00", 9 "0%", 10 "0.00%", 11 "0.00E+00", 12 "# ?/?",
# 13 "# ??/??", 37-40 accounting, 48 "##0.0E+0"), and custom formats made of digit places, separators and signs
_PLAIN_BUILTIN = frozenset({0, 1, 2, 3, 4, 9, 10, 11, 12, 13, 37, 38, 39, 40, 48})
_PLAIN_CODE = re.compile(r"[0#?.,%; \-]+|General")
_NUM_FMT = re.compile(rb'<numFmt numFmtId="([0-9]{1,5})" formatCode="([^"<>]*)" ?/>')  # an entity: not plain
_XF_NEXT = (b" ", b"\t", b"\n", b"/", b">")  # what follows "<xf" in an xf tag (not "<xfId" or the like)
_XF_FORMAT = re.compile(rb'\snumFmtId="([0-9]{1,5})"')


class NumberStyles:
    """Which of a workbook's cell formats (``<cellXfs>``) python-calamine shows a number in as a plain number
    (not a date, time or duration), each told when first asked."""

    __slots__ = ("_custom", "_known", "_xfs")

    def __init__(self, custom: dict[int, str], xfs: list[bytes]):  # xfs: what follows each "<xf"
        self._custom = custom
        self._xfs = xfs
        self._known: dict[int, bool] = {}

    def plain(self, index: int) -> bool:
        known = self._known.get(index)
        if known is None:
            known = self._known[index] = self._plain(index)
        return known

    def _plain(self, index: int) -> bool:
        if index >= len(self._xfs):
            return False
        tag, closed, _ = self._xfs[index].partition(b">")
        if tag[:1] not in _XF_NEXT or not closed or b"<" in tag:  # not an xf tag ("<xfId"), or not closed
            return False
        formats = _XF_FORMAT.findall(tag)
        if len(formats) > 1:
            return False
        ident = int(formats[0]) if formats else 0
        code = self._custom.get(ident)
        return bool(_PLAIN_CODE.fullmatch(code)) if code is not None else ident in _PLAIN_BUILTIN


def number_styles(styles: bytes | None) -> NumberStyles | None:
    """The cell formats of a workbook's styles part (:class:`NumberStyles`); None when the part is missing or
    not in the plain form openpyxl writes (a sheet holding a number then goes to python-calamine)."""
    if styles is None or (b"!" in styles and b"<!" in styles) or b"\r" in styles:
        return None
    start, end = styles.find(b"<cellXfs"), styles.find(b"</cellXfs>")
    if not 0 <= start < end or styles.find(b"<cellXfs", start + 1) >= 0 or styles.find(b"</cellXfs>", end + 1) >= 0:
        return None
    custom: dict[int, str] = {}
    head = styles[:start]
    if b"<numFmt " in head:
        for ident, code in _NUM_FMT.findall(head):
            try:
                custom[int(ident)] = code.decode("utf-8")
            except UnicodeDecodeError:
                return None
        if head.count(b"<numFmt ") != len(custom):  # a format not in the plain form, or an id twice
            return None
    if styles.find(b"<numFmt ", start) >= 0:  # formats after the cell formats: not where openpyxl writes them
        return None
    return NumberStyles(custom, styles[start:end].split(b"<xf")[1:])
