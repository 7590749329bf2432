"""What every workbook smedigital writes carries besides its cells.

* **Cached chart values.** A chart refers to its cells (``'Summary'!$D$5:$D$9``);
  Excel and WPS recompute it when they open the file, but previews that do not
  calculate (the WeChat and QQ file previews that Chinese offices forward files
  through, mail previews, Quick Look) draw only the values cached in the chart
  part, and show an empty chart without them. :func:`cache_chart` writes the
  values, the category labels and the series names into the chart.
* **Font child order.** ECMA-376 lists a font's children in the order ``b, i,
  strike, condense, extend, outline, shadow, u, vertAlign, sz, color, name,
  family, charset, scheme``, as Excel writes them; openpyxl writes ``name``
  first, which the Open XML SDK reports as a schema error in ``xl/styles.xml``.
  Importing this module makes openpyxl write the listed order.
* **Document properties.** The author is the firm (or the assessor, or the
  office), never "openpyxl"; the application is smedigital
  (:func:`set_properties`, :func:`finish_package`).
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from openpyxl.chart.data_source import AxDataSource, NumData, NumRef, NumVal, StrData, StrRef, StrVal
from openpyxl.styles.fonts import Font
from openpyxl.utils.cell import range_boundaries
from openpyxl.workbook.workbook import Workbook

from smedigital.core.assessment import atomic_write_bytes

from .cells import clean_text

APPLICATION = "smedigital"
FONT_ORDER = ("b", "i", "strike", "condense", "extend", "outline", "shadow", "u", "vertAlign", "sz", "color", "name",
              "family", "charset", "scheme")
assert set(FONT_ORDER) == set(Font.__elements__), "openpyxl's Font changed: check FONT_ORDER"
Font.__elements__ = FONT_ORDER  # serialisation order only; reading does not depend on it

ValueAt = Callable[[int, int], Any]


# --------------------------------------------------------------------- charts

def _cells(ref: str, value_at: ValueAt) -> list[Any]:
    """The values of a reference such as ``'Sheet'!$A$2:$A$5``, row by row."""
    area = ref.rsplit("!", 1)[-1].replace("$", "")
    min_col, min_row, max_col, max_row = range_boundaries(area)
    return [value_at(r, c) for r in range(min_row, (max_row or min_row) + 1)
            for c in range(min_col, (max_col or min_col) + 1)]


def _num_data(values: list[Any], fmt: str = "General") -> NumData:
    points = [NumVal(idx=i, v=float(v)) for i, v in enumerate(values)
              if isinstance(v, (int, float)) and not isinstance(v, bool)]
    return NumData(formatCode=fmt, pt=points, ptCount=len(values))


def _str_data(values: list[Any]) -> StrData:
    points = [StrVal(idx=i, v=clean_text(v, 255)) for i, v in enumerate(values) if v is not None]
    return StrData(pt=points, ptCount=len(values))


def cache_chart(chart: Any, value_at: ValueAt) -> None:
    """Write the values each series refers to into the chart (see the module docstring).

    ``value_at(row, column)`` gives a cell's value on the chart's data sheet.
    """
    for series in chart.series:
        if series.val is not None and series.val.numRef is not None:
            ref = series.val.numRef
            ref.numCache = _num_data(_cells(ref.f, value_at))
        cat = series.cat
        if cat is not None and (cat.numRef is not None or cat.strRef is not None):
            f = (cat.numRef or cat.strRef).f
            values = _cells(f, value_at)
            if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
                series.cat = AxDataSource(numRef=NumRef(f=f, numCache=_num_data(values)))
            else:
                series.cat = AxDataSource(strRef=StrRef(f=f, strCache=_str_data(values)))
        tx = series.tx
        if tx is not None and tx.strRef is not None:
            tx.strRef.strCache = _str_data(_cells(tx.strRef.f, value_at))


def cache_charts(wb: Workbook) -> None:
    """:func:`cache_chart` for every chart of an ordinary (not write-only) workbook."""
    for ws in wb.worksheets:
        def value(r: int, c: int, ws: Any = ws) -> Any:
            return ws.cell(row=r, column=c).value

        for chart in getattr(ws, "_charts", ()):
            cache_chart(chart, value)


# --------------------------------------------------------------------- properties

def set_properties(wb: Workbook, creator: str, title: str = "") -> None:
    """The author Excel and WPS show (the firm, the assessor or the office) and the title."""
    who = clean_text(creator, 200).replace("\n", " ").strip() or APPLICATION
    wb.properties.creator = who
    wb.properties.lastModifiedBy = who
    if title:
        wb.properties.title = clean_text(title, 200).replace("\n", " ")


_APP_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            "<Application>{app}</Application></Properties>")
_APP_PART = "docProps/app.xml"


def _names_us(src: zipfile.ZipFile) -> bool:
    """Whether the package needs no finishing: no ``docProps/app.xml``, or one naming smedigital already."""
    if _APP_PART not in src.namelist():
        return True
    return re.search(rb"<Application>" + re.escape(APPLICATION.encode()) + rb"</Application>",
                     src.read(_APP_PART)) is not None


def _copy_finished(src: zipfile.ZipFile, dst: zipfile.ZipFile) -> None:
    """Every part of ``src`` into ``dst`` in pieces (never a part held whole), ``docProps/app.xml`` replaced."""
    for info in src.infolist():
        if info.filename == _APP_PART:
            dst.writestr(info, _APP_XML.format(app=escape(APPLICATION)).encode("utf-8"),
                         compress_type=info.compress_type)
            continue
        with src.open(info) as fin, dst.open(info, "w") as fout:
            shutil.copyfileobj(fin, fout, 1 << 20)


def finish_package(data: bytes) -> bytes:
    """The saved workbook with ``docProps/app.xml`` naming smedigital as the application."""
    src = zipfile.ZipFile(io.BytesIO(data))
    if _names_us(src):
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        _copy_finished(src, dst)
    return out.getvalue()


def finish_package_file(path: str | os.PathLike[str]) -> None:
    """:func:`finish_package` of the workbook saved at ``path``, in place, streaming: each part is copied in
    pieces, never held whole (a summary's firm list is tens of megabytes of XML at ten thousand firms). The file
    is byte for byte what :func:`finish_package` would make of it."""
    with zipfile.ZipFile(path) as src:
        if _names_us(src):
            return
        part = f"{os.fspath(path)}.part"
        try:
            with zipfile.ZipFile(part, "w", zipfile.ZIP_DEFLATED) as dst:
                _copy_finished(src, dst)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(part)
            raise
    os.replace(part, path)


def workbook_bytes(wb: Workbook) -> bytes:
    """The saved workbook, with cached chart values and smedigital as its application."""
    cache_charts(wb)
    buf = io.BytesIO()
    wb.save(buf)
    return finish_package(buf.getvalue())


def save_workbook(wb: Workbook, path: str | Path) -> None:
    """Save atomically: into memory, then a temporary file beside the target, fsync, replace."""
    atomic_write_bytes(path, workbook_bytes(wb))
