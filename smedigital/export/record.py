"""The machine-readable record inside an exported workbook, and reading it back.

Every workbook smedigital writes has a hidden sheet ``_smedigital`` of key/value
rows (key in column A, value from column B; a long value continues in C, D, …
in pieces of at most 32,000 characters, Excel's cell limit being 32,767).

A plan workbook (format ``smedigital-workbook``, version 1) records:

=================  ==========================================================
``format``         ``smedigital-workbook``
``version``        ``1``
``framework_id``   e.g. ``miit-2024-manufacturing``; ``framework_version``
``company``        the company as JSON
``lang``           the language of the visible sheets
``assessment``     the assessment file (``*.smd.json``) text, in pieces
``scores``         ``{"total", "level", "stage", "pillars", "dimensions"}``
``visible``        which visible cell shows which score (``{"total": "C9"}``)
``summary_sheet``  the sheet those cells are on
``checksum``       SHA-256 of the canonical JSON (sorted keys, no spaces) of
                   ``{"assessment": …, "scores": …}``
``signature``      the installation's Ed25519 signature block (JSON, see
                   :mod:`.signing`) over :func:`signed_record`: format, assessment,
                   scores and export time; absent when the key could not be used
=================  ==========================================================

The checksum only shows accidental damage: anyone can recompute it. The signature says who
exported the record and that nobody changed it since (:func:`record_signature`).

:func:`read_record` accepts the record only when the checksum matches it and
every visible score still shows what the record says, so a copy edited by hand
(in the record or on the Summary sheet) is recognised as such.

An exported assessment file (``*.smd.json``, :func:`save_signed_assessment`) is signed the same way: a
``signature`` block beside the file's fields, over the file's own JSON object without it (canonical bytes),
so the aggregation reports each file as trusted, unknown key, unsigned or invalid, as for workbooks.

A blank questionnaire (format ``smedigital-template``) uses the same layout;
see :mod:`smedigital.export.template`.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from smedigital.core.assessment import Assessment, AssessmentError, parse_assessment
from smedigital.core.framework import get_framework
from smedigital.core.scoring import Result
from smedigital.core.text import Msg, cap, in_lang, shown

from .cells import cell_rc, cell_ref, put_number, put_text

if TYPE_CHECKING:  # openpyxl is imported where a workbook is opened or written: checking a record never needs it
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

RECORD_SHEET = "_smedigital"
WORKBOOK_FORMAT = "smedigital-workbook"
TEMPLATE_FORMAT = "smedigital-template"
RECORD_VERSION = 1
CHUNK_UNITS = 32_000  # UTF-16 code units per cell, as Excel counts them
SCORE_TOLERANCE = 1e-6
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

# (row, column) -> value, per sheet
SheetValues = Mapping[str, Mapping[tuple[int, int], Any]]


class RecordError(ValueError):
    """A workbook whose record cannot be trusted or read; ``location`` is ``Sheet!Cell`` or the file.

    ``reason`` is a :class:`~smedigital.core.text.Msg` (English, with ``zh``); ``code`` is the stable
    reason code the aggregation reports (``damaged``, ``edited``, ``future-version``, ``invalid``, …).
    """

    def __init__(self, location: str, reason: str, code: str = "damaged"):
        self.location = location
        self.reason = reason
        self.code = code
        super().__init__(f"{location}: {reason}" if location else reason)


@dataclass(frozen=True)
class WorkbookRecord:
    assessment: Assessment
    scores: Mapping[str, Any]
    framework_id: str
    framework_version: str
    lang: str
    exported_at: str
    data: Any = None  # the record's assessment JSON as parsed: the signature check reuses it (parsed once)
    canonical: tuple[str, str] | None = None  # canonical JSON of ``data`` and of ``scores`` (see canonical_parts)


# --------------------------------------------------------------------- scores and checksum

def _num(x: Any) -> float:
    return round(float(x), 4)


def scores_of(result: Result) -> dict[str, Any]:
    """The scores a record keeps, rounded to 4 decimals as in ``result_to_dict``."""
    return {
        "total": _num(result.total_score),
        "level": result.level_index,
        "stage": result.stage.index,
        "pillars": {p: _num(v) for p, v in result.pillars.items()},
        "dimensions": {s.id: _num(s.score) for s in result.dimension_scores()},
    }


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def record_checksum(assessment: Mapping[str, Any], scores: Mapping[str, Any],
                    parts: tuple[str, str] | None = None) -> str:
    """SHA-256 (hex) of the canonical JSON of the assessment (answers included) and the scores; ``parts``: their
    :func:`canonical_parts` when the caller has them (the same text, not made again)."""
    if parts is not None:  # canonical JSON of a two-key object: its keys in order, each value as made on its own
        text = f'{{"assessment":{parts[0]},"scores":{parts[1]}}}'
    else:
        text = canonical_json({"assessment": assessment, "scores": scores})
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def canonical_parts(assessment: Any, scores: Any) -> tuple[str, str] | None:
    """The canonical JSON of a record's assessment and of its scores, each made once for both the checksum and
    the signature (which cover the same two values, in objects of their own); None when either holds a number
    canonical JSON refuses for a signature (NaN, infinity): each check then takes its own path, as before.

    For values parsed from JSON (whose keys are always text): what :func:`canonical_json` and
    :func:`.signing.canonical_bytes` would write for them, byte for byte."""
    try:
        return (json.dumps(assessment, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False),
                json.dumps(scores, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False))
    except (ValueError, TypeError):
        return None


def signed_body(parts: tuple[str, str], exported_at: str) -> bytes | None:
    """:func:`.signing.canonical_bytes` of :func:`signed_record` made from :func:`canonical_parts`; None when the
    text holds what UTF-8 cannot carry (a lone surrogate), for the signature check to refuse in its own words."""
    text = (f'{{"assessment":{parts[0]},"exported_at":{json.dumps(exported_at, ensure_ascii=False)},'
            f'"format":{json.dumps(WORKBOOK_FORMAT)},"scores":{parts[1]}}}')
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return None


def signed_record(assessment: Mapping[str, Any], scores: Mapping[str, Any], exported_at: str) -> dict[str, Any]:
    """The canonical record a workbook's signature covers."""
    return {"format": WORKBOOK_FORMAT, "assessment": assessment, "scores": scores, "exported_at": exported_at}


def sign_workbook_record(assessment: Mapping[str, Any], scores: Mapping[str, Any], exported_at: str) -> str | None:
    """The signature block (JSON text) for a workbook record, or None when this installation cannot sign
    (its key file is unreadable, or the record holds a value canonical JSON refuses): the export still
    works, and an office sees it as unsigned."""
    from .signing import SIGNATURE_FIELD, TrustError, sign_record

    try:
        signed = sign_record(signed_record(assessment, scores, exported_at))
    except (TrustError, ValueError, TypeError, OSError, UnicodeError):
        return None
    return canonical_json(signed[SIGNATURE_FIELD])


def signed_assessment_text(assessment: Assessment, list_every_question: bool = False) -> tuple[str, bool]:
    """An assessment file's text (``.smd.json``) with the installation's signature block under ``signature``, and
    whether it is signed.

    The signature covers the file's own record: its JSON object without ``signature``, made canonical
    (:func:`.signing.canonical_bytes`), so a reader verifies it from the parsed file alone, as the aggregation
    does (:func:`.signing.verify_record`). When this installation cannot sign (its key file is unreadable, or the
    record holds text canonical JSON refuses, such as a lone surrogate), the plain file is returned, unsigned: the
    export still works, and an office sees it as unsigned.
    """
    from smedigital.core.assessment import dumps_assessment

    from .signing import TrustError, sign_record

    record = assessment.to_dict(list_every_question)
    try:
        signed = sign_record(record)
    except (TrustError, ValueError, TypeError, OSError, UnicodeError):
        return dumps_assessment(assessment, list_every_question), False
    return json.dumps(signed, ensure_ascii=False, indent=1) + "\n", True


def save_signed_assessment(assessment: Assessment, path: str | Path, list_every_question: bool = False) -> bool:
    """Export an assessment as a signed ``.smd.json`` file (atomically: a complete file or none); True when signed."""
    from smedigital.core.assessment import atomic_write_bytes

    text, signed = signed_assessment_text(assessment, list_every_question)
    atomic_write_bytes(path, text.encode("utf-8"))
    return signed


def record_signature(kv: Mapping[str, Any], assessment: Any, scores: Any, trusted: Mapping[str, Any] | None = None,
                     parts: tuple[str, str] | None = None) -> Any:
    """The :class:`~.signing.Verdict` of a workbook record (``kv`` the record sheet's keys and values); ``parts``:
    the :func:`canonical_parts` of ``assessment`` and ``scores`` when the caller made them for the checksum."""
    from .signing import SIGNATURE_FIELD
    from .signing import verify_record as verify_signed

    exported_at = str(kv.get("exported_at") or "")
    record: dict[str, Any] = signed_record(assessment, scores, exported_at)
    block = kv.get(SIGNATURE_FIELD)
    if block is None or block == "":
        return verify_signed(record, trusted or {})
    try:
        record[SIGNATURE_FIELD] = json.loads(block) if isinstance(block, str) else block
    except (ValueError, RecursionError):
        record[SIGNATURE_FIELD] = "unreadable"  # a malformed block: invalid, not unsigned
    return verify_signed(record, trusted or {}, signed_body(parts, exported_at) if parts is not None else None)


def xml_safe_json(text: str) -> str:
    r"""JSON text with the characters XML cannot carry written as ``\uXXXX`` escapes (same JSON value)."""
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# --------------------------------------------------------------------- key/value sheet

def _utf16_units(ch: str) -> int:
    return 2 if ord(ch) > 0xFFFF else 1


def split_chunks(text: str, units: int = CHUNK_UNITS) -> list[str]:
    """Pieces of at most ``units`` UTF-16 code units (Excel's way of counting a cell's length)."""
    if len(text) <= units // 2 or (len(text) <= units and text.isascii()):
        return [text]
    out: list[str] = []
    start = count = 0
    for i, ch in enumerate(text):
        n = _utf16_units(ch)
        if count + n > units:
            out.append(text[start:i])
            start, count = i, 0
        count += n
    out.append(text[start:])
    return out


def write_key_values(ws: Worksheet, note: str, items: Iterable[tuple[str, Any]]) -> None:
    """Fill a record sheet: a note in A1, then one key per row; long text continues to the right."""
    put_text(ws, 1, 1, note)
    row = 2
    for key, value in items:
        put_text(ws, row, 1, key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            put_number(ws, row, 2, value)
        elif value is not None:
            text = value if isinstance(value, str) else xml_safe_json(canonical_json(value))
            for col, piece in enumerate(split_chunks(text), start=2):
                if _NOT_XML.search(piece) or "\r" in piece:
                    raise ValueError(f"record value {key!r} holds characters a cell cannot keep")
                put_text(ws, row, col, piece)
        row += 1
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 60


def add_record_sheet(wb: Workbook, note: str, items: Iterable[tuple[str, Any]]) -> Worksheet:
    ws = wb.create_sheet(RECORD_SHEET)
    write_key_values(ws, note, items)
    ws.sheet_state = "hidden"
    ws.protection.sheet = True
    return ws


def read_key_values(cells: Mapping[tuple[int, int], Any]) -> dict[str, Any]:
    """Key → value of a record sheet: text pieces joined; a lone number stays a number."""
    rows: dict[int, dict[int, Any]] = {}
    for (r, c), v in cells.items():
        rows.setdefault(r, {})[c] = v
    out: dict[str, Any] = {}
    for r in sorted(rows):
        if r == 1:
            continue
        key = rows[r].get(1)
        if not isinstance(key, str) or not key:
            continue
        values = [rows[r][c] for c in sorted(rows[r]) if c >= 2 and rows[r][c] is not None]
        if len(values) == 1 and not isinstance(values[0], str):
            out[key] = values[0]
        else:
            out[key] = "".join(str(v) for v in values)
    return out


# --------------------------------------------------------------------- reading workbooks

def open_workbook(path: str | Path, read_only: bool = True) -> Workbook:
    """Open an .xlsx whatever its name ends with; a file that is not one raises RecordError."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    p = Path(path)
    try:
        with p.open("rb") as fh:
            data = fh.read()
    except OSError as exc:
        why = exc.strerror or type(exc).__name__
        raise RecordError(str(p), Msg(f"cannot be read: {why}", f"无法读取：{why}"), "unreadable") from exc
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=read_only, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
        why = cap(str(exc), 120)
        raise RecordError(str(p), Msg(f"is not an Excel workbook (.xlsx): {why}",
                                      f"不是 Excel 工作簿（.xlsx）：{why}"), "not-ours") from exc


def sheet_values(ws: Any) -> dict[tuple[int, int], Any]:
    """Every non-empty cell of a sheet as (row, column) -> value."""
    out: dict[tuple[int, int], Any] = {}
    for row in ws.iter_rows():
        for cell in row:
            value = getattr(cell, "value", None)
            if value is None or value == "":
                continue
            r, c = getattr(cell, "row", None), getattr(cell, "column", None)
            if r is None or c is None:
                continue
            out[(r, c)] = value
    return out


class WorkbookValues(Mapping[str, Mapping[tuple[int, int], Any]]):
    """The values of an open workbook's sheets, each read on first use (a workbook has sheets one need not read)."""

    def __init__(self, wb: Workbook):
        self.wb = wb
        self.names = list(wb.sheetnames)
        self._cache: dict[str, dict[tuple[int, int], Any]] = {}

    def __getitem__(self, name: str) -> dict[tuple[int, int], Any]:
        if name not in self.names:
            raise KeyError(name)
        if name not in self._cache:
            self._cache[name] = sheet_values(self.wb[name])
        return self._cache[name]

    def __contains__(self, name: object) -> bool:
        return name in self.names

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)


@contextmanager
def workbook_values(path: str | Path) -> Iterator[WorkbookValues]:
    """Open a workbook read-only and give its sheets' values, read as they are asked for."""
    wb = open_workbook(path)
    try:
        yield WorkbookValues(wb)
    finally:
        wb.close()


def read_sheets(path: str | Path, only: Iterable[str] | None = None) -> tuple[list[str], dict[str, Any]]:
    """Sheet names in order and the values of every sheet (or of ``only`` those present)."""
    with workbook_values(path) as values:
        wanted = values.names if only is None else [n for n in only if n in values]
        return values.names, {n: values[n] for n in wanted}


_COORDS: dict[str, tuple[int, int]] = {}  # every plan workbook names the same few visible cells


def _coord(text: str) -> tuple[int, int]:
    hit = _COORDS.get(text)
    if hit is None:
        hit = cell_rc(text)  # a reference it cannot read raises, and is not kept
        if len(_COORDS) < 4096:
            _COORDS[text] = hit
    return hit


def coordinate(row: int, column: int) -> str:
    from openpyxl.utils.cell import get_column_letter

    return f"{get_column_letter(column)}{row}"


def _json(kv: Mapping[str, Any], key: str, where: str) -> Any:
    raw = kv.get(key)
    if not isinstance(raw, str) or not raw:
        raise RecordError(where, Msg(f"the record has no {key!r}", f"记录中缺少“{key}”"))
    try:
        return json.loads(raw)
    except json.JSONDecodeError as exc:
        raise RecordError(where, Msg(f"the record's {key!r} is damaged: {exc.msg}",
                                     f"记录中的“{key}”已损坏：{exc.msg}")) from exc


def _visible_matches(shown: Any, expected: Any) -> bool:
    if isinstance(expected, str):
        return isinstance(shown, str) and shown.strip() == expected
    if isinstance(shown, bool) or not isinstance(shown, (int, float)):
        return False
    return abs(float(shown) - float(expected)) <= SCORE_TOLERANCE


def expected_visible(scores: Mapping[str, Any], framework_id: str, lang: str) -> dict[str, Any]:
    """What each visible score cell must show: numbers for scores, labels for level and stage."""
    out: dict[str, Any] = {"total": scores["total"]}
    for p, v in scores.get("pillars", {}).items():
        out[f"pillars.{p}"] = v
    for d, v in scores.get("dimensions", {}).items():
        out[f"dimensions.{d}"] = v
    try:
        fw = get_framework(framework_id)
    except KeyError:
        return out
    level = fw.level_by_index(int(scores["level"]))
    out["level"] = level.label.get(lang) if level else fw.level_rule.no_level_label.get(lang)
    stage_index = int(scores["stage"])
    if 0 <= stage_index < len(fw.stages):
        out["stage"] = fw.stages[stage_index].label.get(lang)
    return out


def verify_record(names: list[str], values: SheetValues, kv: Mapping[str, Any], source: str) -> WorkbookRecord:
    """Check a plan workbook's record against its checksum and its visible scores; build the Assessment."""
    where = cell_ref(RECORD_SHEET, "B2")
    fmt = kv.get("format")
    if fmt == TEMPLATE_FORMAT:
        raise RecordError(source, Msg("is a blank questionnaire, not an exported plan workbook: "
                                      "use 'smedigital-cli import' to read the answers filled in",
                                      "是空白问卷，不是导出的改进计划工作簿：请用“导入”读取填写的答案"), "not-ours")
    if fmt != WORKBOOK_FORMAT:
        raise RecordError(where, Msg(f"the record's format is {shown(fmt)}, not {WORKBOOK_FORMAT!r}",
                                     f"记录格式为 {shown(fmt)}，不是 {WORKBOOK_FORMAT}"), "not-ours")
    version = kv.get("version")
    if isinstance(version, float) and version.is_integer():
        version = int(version)
    if not isinstance(version, int) or isinstance(version, bool):
        raise RecordError(where, Msg("the record has no version", "记录中缺少版本号"))
    if version > RECORD_VERSION:
        raise RecordError(where, Msg(f"the record is version {version}, written by a newer smedigital "
                                     f"(this one reads up to {RECORD_VERSION}); please update the program",
                                     f"记录版本为 {version}，由更新版本的 smedigital 生成（本程序最多读取版本 "
                                     f"{RECORD_VERSION}）；请更新程序"), "future-version")
    data = _json(kv, "assessment", RECORD_SHEET)
    scores = _json(kv, "scores", RECORD_SHEET)
    visible = _json(kv, "visible", RECORD_SHEET)
    checksum = kv.get("checksum")
    parts = canonical_parts(data, scores)  # made once: the checksum's text and the signature's bytes share them
    if not isinstance(checksum, str) or record_checksum(data, scores, parts) != checksum.strip().lower():
        raise RecordError(RECORD_SHEET, Msg("the record does not match its checksum: it was edited after export "
                                            "or is damaged", "记录与其校验和不符：导出后被改动或已损坏"), "edited")
    if not isinstance(scores, dict) or not isinstance(visible, dict) or not all(
            k in scores for k in ("total", "level", "stage")):
        raise RecordError(RECORD_SHEET, Msg("the record's scores are incomplete", "记录中的得分不完整"))
    lang = str(kv.get("lang") or "zh")
    fid = str(kv.get("framework_id") or "")
    summary = str(kv.get("summary_sheet") or "")
    if summary not in values:
        raise RecordError(source, Msg(f"the summary sheet {shown(summary)} is missing: the workbook was edited "
                                      "after export", f"缺少汇总工作表 {shown(summary)}：工作簿在导出后被改动"),
                          "edited")
    expected = expected_visible(scores, fid, lang)
    for key, coord in visible.items():
        if key not in expected or not isinstance(coord, str):
            continue
        try:
            rc = _coord(coord)
        except ValueError as exc:
            raise RecordError(RECORD_SHEET, Msg(f"the record names no cell for {shown(key)}",
                                                f"记录未给出 {shown(key)} 所在的单元格")) from exc
        shown_cell = values[summary].get(rc)
        if not _visible_matches(shown_cell, expected[key]):
            raise RecordError(cell_ref(summary, coord),
                              Msg(f"shows {shown(shown_cell)} but the export recorded {expected[key]!r}: "
                                  "the score was edited after export",
                                  f"显示为 {shown(shown_cell)}，但导出时记录的是 {expected[key]!r}：得分在导出后"
                                  "被改动"), "edited")
    try:
        assessment = parse_assessment(data, f"{source} ({RECORD_SHEET})")
    except AssessmentError as exc:
        problem = exc.problems[0] if exc.problems else None
        where_en = f"{problem.location}: " if problem is not None and problem.location else ""
        raise RecordError(RECORD_SHEET, Msg(f"the recorded assessment cannot be used: {where_en}"
                                            f"{in_lang(problem.message, 'en') if problem else ''}",
                                            f"记录中的评测无法使用：{where_en}"
                                            f"{in_lang(problem.message, 'zh') if problem else ''}"),
                          "invalid") from exc
    if fid and fid != assessment.framework_id:
        raise RecordError(RECORD_SHEET, Msg(f"the record names framework {shown(fid)} but its assessment "
                                            f"{shown(assessment.framework_id)}",
                                            f"记录写明的评测体系为 {shown(fid)}，但其中的评测为 "
                                            f"{shown(assessment.framework_id)}"), "edited")
    return WorkbookRecord(assessment, scores, assessment.framework_id, assessment.framework_version, lang,
                          str(kv.get("exported_at") or ""), data, parts)


def no_record(path: str | Path) -> RecordError:
    return RecordError(str(path), Msg(f"has no {RECORD_SHEET} sheet: it was not exported by smedigital, "
                                      "or the sheet was deleted",
                                      f"没有 {RECORD_SHEET} 工作表：不是 smedigital 导出的，或该工作表已被删除"),
                       "not-ours")


def read_record(path: str | Path) -> WorkbookRecord:
    """The assessment and scores of an exported plan workbook, verified (raises RecordError)."""
    with workbook_values(path) as values:
        if RECORD_SHEET not in values:
            raise no_record(path)
        kv = read_key_values(values[RECORD_SHEET])
        return verify_record(values.names, values, kv, str(path))
