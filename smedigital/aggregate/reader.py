"""Reading one input file into a compact row: runs in a worker process, one file at a time.

:func:`read_file` never raises: every file comes back as a :class:`FileOutcome`,
accepted with its :class:`AssessmentRow` and its indicator rows for the long CSV,
or rejected with a reason code and a detail. The workbook itself is dropped as
soon as its values are read; only the compact row travels back to the parent.

Plan workbooks and filled questionnaires are read with python-calamine (cached
values only, no formula is ever computed); openpyxl (``data_only``) is the
fallback when calamine cannot parse a file that passed the guard. The record is
checked by :func:`smedigital.export.record.verify_record` (checksum and visible
scores) and a questionnaire imported by
:func:`smedigital.export.importer.assessment_from_values`, so this module reads
cells and never re-implements their rules. Scores are always recomputed from the
answers (once per distinct answer set and run: :func:`scored_answers`); a plan workbook
whose recorded scores disagree with them is rejected.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, replace
from dataclasses import fields as dataclass_fields
from operator import attrgetter
from typing import Any, NamedTuple

import python_calamine

from smedigital.core.answers import answer_code
from smedigital.core.assessment import Assessment, AssessmentError, loads_assessment
from smedigital.core.files import NotReadable, read_bounded
from smedigital.core.framework import PILLARS, Framework
from smedigital.core.profile import normalise_credit_code, size_class
from smedigital.core.scoring import Result, level_gap
from smedigital.core.text import code_of, in_lang
from smedigital.export.cells import looks_like_formula
from smedigital.export.record import (
    RECORD_SHEET,
    RECORD_VERSION,
    TEMPLATE_FORMAT,
    WORKBOOK_FORMAT,
    RecordError,
    read_key_values,
    record_signature,
    scores_of,
    sheet_values,
    verify_record,
)
from smedigital.export.signing import verify_record as verify_signed

from .archive import is_member, read_member, shown_path
from .cellxml import number_styles, read_cells
from .checks import assessment_flags
from .guard import MAX_DETAIL, Limits, Rejected, ZipCheck, cap, inspect_lazily, shown

SUMMARY_FORMAT = "smedigital-summary"
SCORE_TOLERANCE = 1e-3

# ---------------------------------------------------------------------------- firm identity

_SUFFIXES = (  # legal-form variants that name the same firm, longest first
    ("有限责任公司", "有限公司"),
    ("companylimited", "coltd"),
    ("colimited", "coltd"),
    ("limited", "ltd"),
)


def normalise_name(name: str) -> str:
    """A firm's name for matching: NFKC, case-folded, without spaces, punctuation and symbols,
    and one spelling of the legal form (有限责任公司 and 有限公司 match).

    A name that a spreadsheet would take for a formula (``=1+1``, ``\t=1+1``, ``＝1+1``) is no firm's
    usual spelling: it is matched only exactly, never merged with another spelling or with the firm
    whose name is what is left without the symbols."""
    if looks_like_formula(name) or looks_like_formula(unicodedata.normalize("NFKC", name).lstrip()):
        return "exact:" + name
    text = unicodedata.normalize("NFKC", name).casefold()
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] not in "PSZC")
    for variant, canonical in _SUFFIXES:
        if text.endswith(variant):
            text = text[: -len(variant)] + canonical
            break
    return text


def normalise_region(region: str) -> str:
    return "".join(unicodedata.normalize("NFKC", region).split())


def name_key(name: str, region: str) -> str:
    """The identity of a firm without a credit code: normalised name and region."""
    return f"name:{normalise_name(name)}|{normalise_region(region)}"


def firm_key(credit_code: str, name: str, region: str, content_hash: str) -> str:
    """Credit code first; else name and region; a firm with neither stays on its own."""
    if credit_code:
        return f"code:{normalise_credit_code(credit_code)}"
    if normalise_name(name):
        return name_key(name, region)
    return f"anon:{content_hash[:16]}"


# ---------------------------------------------------------------------------- results

@dataclass(slots=True)
class AssessmentRow:
    """One accepted assessment, reduced to what the regional picture needs."""

    index: int
    path: str
    source: str  # workbook, template or assessment
    firm_key: str
    name_key: str
    name: str
    credit_code: str
    region: str
    industry: str
    industry_section: str
    size: str
    contact: str  # only when the firm agreed to share it
    framework_id: str
    framework_version: str
    assessed_on: str
    exported_at: str
    total: float
    level: int
    stage: int
    pillars: tuple[float, ...]  # in PILLARS order
    dimensions: tuple[tuple[str, float], ...]
    complete: bool
    next_level: int | None
    gap_questions: tuple[str, ...]
    gap_scenes: tuple[str, ...]
    missing_mandatory: tuple[str, ...]
    answers_digest: str = ""  # of the company and the answers: two files of one identity agree or not
    signature: str = ""  # the file's signature verdict, set when the run decides (see model.decide)
    assessor: str = ""  # the 服务商 or person who assessed it
    answers_only: str = ""  # digest of the answers alone: firms with the same answers (checks.cross_flags)
    flags: tuple[tuple[str, str, str], ...] = ()  # plausibility flags of its own answers (checks)
    scenes: tuple[tuple[str, int], ...] = ()  # scene question id, level (for the benchmark's scene distributions)
    division: str = ""  # the GB/T 2260 code the region names (model.place_regions); "" not given, "?" unresolved
    # the programme (pipeline.py, providers.py): what the file says of where the firm stands
    purpose: str = ""  # baseline, after, reassessment; "" not stated (older files)
    signed_off_on: str = ""  # the date the firm and its 服务商 signed the answers off ("" not signed off)
    verified: bool = False  # an on-site rating (现场评定) is recorded: ``level`` and ``total`` are the verified ones
    verified_on: str = ""  # its date
    verifier: str = ""  # its organisation, else who rated
    self_level: int = 0  # the firm's own level and total (the same as level/total when nothing was verified)
    self_total: float = 0.0
    verify_diffs: int = 0  # verified answers that differ from the firm's own
    # the plan's steps not dropped, with a known action: (spend categories, cost min, cost max) in yuan
    plan_steps: tuple[tuple[tuple[str, ...], int, int], ...] = ()

    def __reduce__(self) -> tuple[Any, ...]:
        return AssessmentRow, _ROW_FIELDS(self)

    @property
    def identity(self) -> tuple[str, str, str]:
        """Two files with the same identity hold the same assessment."""
        return self.firm_key, self.assessed_on, self.framework_id


@dataclass(slots=True)
class FileOutcome:
    index: int
    path: str
    status: str  # accepted or rejected (duplicates are decided later, across files)
    code: str
    detail: str  # English; capped
    sha256: str = ""
    row: AssessmentRow | None = None
    long_rows: str = ""  # CSV text, one line per indicator, without the firm key and file columns
    detail_zh: str = ""  # the same in Chinese; capped
    signature: str = ""  # see _Found; empty for a file that holds no record (a filled questionnaire)
    signer: str = ""


# Both pickle as their constructor and their fields' values (``__reduce__``): every outcome crosses from a worker
# to the parent, and a slots dataclass's own way (``__getstate__``/``__setstate__``, looking its fields up each
# time) took twice as long on each side.
_ROW_FIELDS = attrgetter(*(f.name for f in dataclass_fields(AssessmentRow)))
_OUTCOME_FIELDS = attrgetter(*(f.name for f in dataclass_fields(FileOutcome)))


def rejected(index: int, path: str, code: str, detail: str, sha256: str = "", detail_zh: str = "") -> FileOutcome:
    return FileOutcome(index, path, "rejected", code, cap(detail), sha256, detail_zh=cap(detail_zh or detail))


def rejection(index: int, path: str, exc: Rejected, sha256: str = "") -> FileOutcome:
    return rejected(index, path, exc.code, exc.detail, sha256, exc.detail_zh)


# ---------------------------------------------------------------------------- reading

class _Found(NamedTuple):
    assessment: Assessment
    source: str  # workbook, template or assessment
    scores: dict[str, Any] | None = None  # what a plan workbook recorded
    exported_at: str = ""
    signature: str = ""  # unsigned, unknown_key or invalid (trusted is decided by the office's list, later)
    signer: str = ""  # the signing key's fingerprint


def read_file(index: int, path: str, limits: Limits) -> FileOutcome:
    """Read, check and score one file (or a zip attachment's member); never raises."""
    try:
        return _read(index, path, limits)
    except Rejected as exc:
        return rejection(index, shown_path(path), exc)
    except MemoryError:
        return rejected(index, shown_path(path), "crashed", "ran out of memory while reading it", detail_zh="读取时内存不足")
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the run
        what = f"{type(exc).__name__}: {cap(str(exc), 200)}"
        return rejected(index, shown_path(path), "unreadable", what, detail_zh=f"读取出错：{what}")


def read_bytes(path: str, limits: Limits) -> bytes:
    """A file's bytes if it is a regular file within the size limit; else Rejected (never blocks)."""
    try:
        return read_bounded(path, limits.max_file_bytes)
    except NotReadable as exc:
        raise Rejected(exc.code, exc.en, exc.zh) from exc


LONG_CSV_HEAD = "\ufefffirm_key,".encode()  # how every long CSV this program writes begins
BENCHMARK_HEAD = b'{"format":"smedigital-benchmark"'  # how every benchmark file this program writes begins


def own_output() -> Rejected:
    return Rejected("own-output", "the long CSV written by 'smedigital-cli aggregate', not a firm's assessment: "
                                  "never read back", "是汇总生成的长表 CSV，不是企业的评测：不作为输入读取")


def _read(index: int, path: str, limits: Limits) -> FileOutcome:
    if is_member(path):
        try:
            data = read_member(path, limits, read_bytes)
        finally:
            path = shown_path(path)
    else:
        data = read_bytes(path, limits)
    digest = hashlib.sha256(data).hexdigest()
    try:
        if data.startswith(LONG_CSV_HEAD):
            raise own_output()
        if data.startswith(BENCHMARK_HEAD):
            raise Rejected("own-output", "a benchmark file written by smedigital, not a firm's assessment: never "
                                         "read back", "是本程序生成的对标文件，不是企业的评测：不作为输入读取")
        kind, check = inspect_lazily(data, path, limits)  # a workbook's sheets: checked as they are read
        found = _from_json(data, path) if kind == "json" else _from_workbook(data, path, check)
        fw = found.assessment.framework
        answers = answer_dicts(found.assessment)  # made once: the cache key and both digests read them
        text = answers_json(answers)
        scored = scored_answers(found.assessment, fw, answers, text)
        if found.scores is not None:
            _check_recorded_scores(scored.checked, found.scores)
    except Rejected as exc:
        return rejection(index, path, exc, digest)
    row = make_row(index, path, found.source, found.assessment, fw, scored.result, found.exported_at, digest, scored,
                   answers, text)
    return FileOutcome(index, path, "accepted", found.source, "", digest, row,
                       _long_rows(found.assessment, fw, scored.long_tails), signature=found.signature,
                       signer=found.signer)


# ---------------------------------------------------------------------------- scoring, once per answer set

class Scored(NamedTuple):
    """What follows from an answer set alone (the framework, the modules that apply, the firm's answers and the
    verified ones): the same for every file holding those answers, so worked out once per set and process."""

    framework: Framework  # held so that the framework's id() in the key stays its own
    result: Result  # with the level gap's conditions and suggested steps, not its candidates nor the stage gaps
    # (what the rows read: see _gaps and make_row; working out the rest cost as much as the scoring)
    checked: dict[str, Any]  # the recomputed scores a plan workbook's record is checked against
    long_tails: tuple[str, ...]  # each indicator's long-CSV line from the question column on (no line end)
    flags: tuple[tuple[str, str, str], ...]  # plausibility flags of the firm's own answers
    gap_questions: tuple[str, ...]
    gap_scenes: tuple[str, ...]
    missing_mandatory: tuple[str, ...]
    scenes: tuple[tuple[str, int], ...]
    answers_only: str  # answers_only_digest of the firm's answers ("" without answers)


MAX_SCORED = 256  # answer sets remembered per process (many firms of a region share one; bounded all the same)
_SCORED: dict[tuple[Any, ...], Scored] = {}


def forget_scored() -> None:
    """Forget the answer sets and long-CSV lines met so far (a run in this process starts or ends)."""
    _SCORED.clear()
    _TAILS.clear()


def scored_answers(a: Assessment, fw: Framework, answers: Mapping[str, Any] | None = None,
                   text: str | None = None) -> Scored:
    """The answers' :class:`Scored`, recomputed from the answers (never taken from the file) the first time a
    process meets the set. The key holds every field of every answer (their JSON, :func:`answers_json`: a
    number's type shows, ``1`` not ``true`` nor ``1.0``; the verified answers' ``repr``), so two sets share a
    result only when scoring could not tell them apart. ``answers``, ``text``: :func:`answer_dicts` and its
    :func:`answers_json` when the caller has them."""
    if answers is None:
        answers = answer_dicts(a)
    if text is None:
        text = answers_json(answers)
    v = a.verification
    key = (fw.id, fw.version, id(fw), a.modules(fw), text, repr(v.answers) if v is not None else None)
    hit = _SCORED.get(key)
    if hit is not None and hit.framework is fw:
        return hit
    result = a.score(fw, explain=False)
    result = replace(result, level_gap=level_gap(result, a.verified_answers(), with_candidates=False))
    out = Scored(fw, result, {k: v for k, v in scores_of(result).items() if k in CHECKED_SCORES},
                 _long_tails(a, fw, result), assessment_flags(a, fw), *_gaps(fw, result),
                 tuple((qr.question.id, qr.level or 0) for qr in result.questions.values()
                       if qr.question.kind == "scene" and qr.applicable),
                 answers_only_digest(a, answers, text) if a.answers else "")
    if len(_SCORED) >= MAX_SCORED:
        _SCORED.clear()
    _SCORED[key] = out
    return out


def not_utf8() -> Rejected:
    return Rejected("not-ours", "not UTF-8 text", "不是 UTF-8 文本")


def _problem_text(problem: Any, lang: str) -> str:
    where = getattr(problem, "location", None)
    if where is None:
        where = getattr(problem, "where", "")
    message = getattr(problem, "message", problem)
    return f"{where}: {in_lang(message, lang)}" if where else in_lang(message, lang)


def problems_rejection(problems: list[Any], default: str = "invalid") -> Rejected:
    """The rejection of a file with these problems: the first one's code, its text and how many more."""
    first = problems[0] if problems else None
    code = code_of(getattr(first, "message", ""), default) if first is not None else default
    n = len(problems) - 1
    more_en, more_zh = (f" (+{n} more)", f"（另有 {n} 个问题）") if n > 0 else ("", "")
    en = _problem_text(first, "en") if first is not None else "cannot be used"
    zh = _problem_text(first, "zh") if first is not None else "无法使用"
    return Rejected(code, cap(en, MAX_DETAIL - len(more_en)) + more_en, cap(zh, MAX_DETAIL - len(more_zh)) + more_zh)


def _from_json(data: bytes, path: str) -> _Found:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise not_utf8() from exc
    try:
        assessment = loads_assessment(text, path)
    except AssessmentError as exc:
        first = exc.problems[0] if exc.problems else None
        if first is not None and first.location == "format":
            raise Rejected("not-ours", "JSON, but not a smedigital assessment", "是 JSON，但不是 smedigital 评测文件") \
                from exc
        raise problems_rejection(exc.problems) from exc
    except RecursionError as exc:
        raise Rejected("damaged", "JSON nested too deeply", "JSON 嵌套层次过深") from exc
    verdict = verify_signed(json.loads(text), {})  # parsed once more: the signature covers the file's own JSON
    return _Found(assessment, "assessment", signature=verdict.status, signer=verdict.fingerprint or "")


# ---------------------------------------------------------------------------- workbooks

SheetCells = dict[tuple[int, int], Any]


def calamine_cells(rows: list[list[Any]]) -> SheetCells:
    """(row, column) -> value, 1-based as openpyxl counts, from calamine's rows (empty cells left out)."""
    return {(r, c): v for r, row in enumerate(rows, start=1) for c, v in enumerate(row, start=1)
            if v is not None and v != ""}


def key_values_of_rows(rows: list[list[Any]]) -> dict[str, Any]:
    """:func:`~smedigital.export.record.read_key_values` of :func:`calamine_cells` of ``rows``, read straight from
    calamine's rows (no cell map made for a sheet read once): the same keys and values."""
    out: dict[str, Any] = {}
    for row in rows[1:]:  # the note in row 1
        key = row[0] if row else None
        if not isinstance(key, str) or not key:
            continue
        values = [v for v in row[1:] if v is not None and v != ""]
        out[key] = values[0] if len(values) == 1 and not isinstance(values[0], str) else "".join(map(str, values))
    return out


def openpyxl_sheets(data: bytes) -> tuple[list[str], dict[str, SheetCells]]:
    """Every sheet's values read by openpyxl (read-only, cached values only) from bytes already guarded."""
    import openpyxl

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl's errors vary
        raise RecordError("", cap(str(exc), 120)) from exc
    try:
        names = list(wb.sheetnames)
        return names, {name: sheet_values(wb[name]) for name in names}
    finally:
        wb.close()


class Sheets:
    """The sheets of a workbook, read on demand: python-calamine, or openpyxl when calamine fails.

    Only ever given bytes that passed :func:`.guard.inspect_lazily`, whose cell budget bounds what
    either reader materialises; the worksheet parts it left (``check``) are checked before a reader reads
    them: a sheet's own part before calamine reads that sheet, every part left before openpyxl reads them all.
    When the workbook part lists its sheets plainly (:meth:`.guard.ZipCheck.plain_sheets`), a sheet in the
    form this program's exports write is read from the part the check inflated (:func:`.cellxml.read_cells`),
    and python-calamine is opened only for a sheet that is not.
    """

    def __init__(self, data: bytes, path: str, check: ZipCheck | None = None):
        self.path = path
        self.data = data
        self.check = check
        self.values: dict[str, SheetCells] = {}
        self.rows: dict[str, list[list[Any]]] = {}  # calamine's rows of the sheets read
        self.workbook: Any = None
        plain = check.plain_sheets() if check is not None else None
        self.lazy = plain is not None  # calamine not opened yet: the names are the workbook part's
        if plain is not None:
            self.names = plain
            self.numbers = number_styles(check.parts.get("xl/styles.xml")) if check is not None else None
        else:
            self._open()

    def _open(self) -> None:
        try:
            self.workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(self.data))
            names = list(self.workbook.sheet_names)
        except Exception:  # noqa: BLE001 - calamine's errors vary; openpyxl gets its chance
            self._fallback()
            return
        if self.lazy and names != self.names:  # the sheets were already told: a reader must not see others
            self.close()
            raise Rejected("damaged", "python-calamine lists other sheets than the workbook part names",
                           "python-calamine 列出的工作表与工作簿部件中的不同")
        self.names = names

    def _fallback(self) -> None:
        self.close()
        if self.check is not None:
            self.check.check_all()
        try:
            self.names, self.values = openpyxl_sheets(self.data)
        except RecordError as exc:
            why = in_lang(exc.reason, "en")
            raise Rejected("damaged", f"neither python-calamine nor openpyxl can read it: {why}",
                           f"python-calamine 和 openpyxl 都无法读取：{why}") from exc

    def _cells(self, name: str) -> SheetCells | None:
        """The cells of a sheet in the exports' form, read from the part the check inflated; else None."""
        if not self.lazy or self.check is None or name not in self.names:
            return None
        told = self.check.sheet_xml(name)
        read = read_cells(told[1], self.numbers) if told is not None else None
        if told is None or read is None:
            return None
        cells, last_row, last_column = read
        self.check.count_read(told[0], last_row, last_column)
        return cells

    def _rows(self, name: str) -> list[list[Any]] | None:
        """calamine's rows of a sheet, its part checked first; None when openpyxl reads the workbook (or it has
        no such sheet)."""
        if name not in self.names:
            return None
        if self.lazy:
            self._open()
            self.lazy = False
        if self.workbook is None or name not in self.names:
            return None
        rows = self.rows.get(name)
        if rows is None:
            if self.check is not None:
                self.check.check_sheet(name, self.names)
            try:
                rows = self.workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
            except Exception:  # noqa: BLE001
                self._fallback()
                return None
            self.rows[name] = rows
        return rows

    def get(self, name: str) -> SheetCells:
        if name not in self.values:
            cells = self._cells(name)
            if cells is None:
                rows = self._rows(name)
                cells = calamine_cells(rows) if rows is not None else None
            if cells is not None:
                self.values[name] = cells
        return self.values.get(name, {})

    def key_values(self, name: str) -> dict[str, Any]:
        """:func:`~smedigital.export.record.read_key_values` of the sheet."""
        if name not in self.values:
            cells = self._cells(name)
            if cells is not None:
                self.values[name] = cells
            else:
                rows = self._rows(name)
                if rows is not None:
                    return key_values_of_rows(rows)
        return read_key_values(self.values.get(name, {}))

    def close(self) -> None:
        if self.workbook is not None:
            self.workbook.close()
            self.workbook = None


def _version_of(kv: dict[str, Any]) -> int | None:
    version = kv.get("version")
    if isinstance(version, float) and version.is_integer():
        return int(version)
    if isinstance(version, int) and not isinstance(version, bool):
        return version
    if isinstance(version, str) and version.strip().isdigit() and len(version.strip()) < 10:
        return int(version.strip())
    return None


def _from_workbook(data: bytes, path: str, check: ZipCheck | None = None) -> _Found:
    sheets = Sheets(data, path, check)
    try:
        if RECORD_SHEET not in sheets.names:
            raise Rejected("not-ours", f"an Excel workbook without the hidden {RECORD_SHEET} sheet: "
                                       "not exported by smedigital, or the sheet was deleted",
                           f"Excel 工作簿中没有隐藏的 {RECORD_SHEET} 工作表：不是 smedigital 导出的，或该工作表已被删除")
        kv = sheets.key_values(RECORD_SHEET)
        fmt = kv.get("format")
        if fmt == SUMMARY_FORMAT:
            raise Rejected("own-output", "a summary written by 'smedigital-cli aggregate', not a firm's assessment: "
                                         "never read back", "是汇总生成的区域汇总表，不是企业的评测：不作为输入读取")
        if fmt not in (WORKBOOK_FORMAT, TEMPLATE_FORMAT):
            raise Rejected("not-ours", f"the {RECORD_SHEET} sheet's format is {shown(fmt)}",
                           f"{RECORD_SHEET} 工作表的格式为 {shown(fmt)}")
        version = _version_of(kv)
        if version is not None and version > RECORD_VERSION:
            raise Rejected("future-version", f"record version {version}, written by a newer smedigital (this one "
                                             f"reads up to {RECORD_VERSION}); please update the program",
                           f"记录版本 {version}，由更新版本的 smedigital 生成（本程序最多读取版本 {RECORD_VERSION}）；"
                           "请更新程序")
        if fmt == WORKBOOK_FORMAT:
            return _plan_workbook(sheets, kv, path)
        return _Found(_template(sheets, path), "template")
    finally:
        sheets.close()


def _plan_workbook(sheets: Sheets, kv: dict[str, Any], path: str) -> _Found:
    summary = str(kv.get("summary_sheet") or "")
    values: dict[str, SheetCells] = {}  # verify_record reads the summary sheet's cells only (which may be the record sheet itself)
    if summary in sheets.names:
        values[summary] = sheets.get(summary)
    try:
        record = verify_record(sheets.names, values, kv, path)
    except RecordError as exc:
        where = "" if exc.location == path else exc.location
        en, zh = in_lang(exc.reason, "en"), in_lang(exc.reason, "zh")
        raise Rejected(exc.code, f"{where}: {en}" if where else en, f"{where}：{zh}" if where else zh) from exc
    # the JSON verify_record parsed, and its canonical text made for the checksum: neither made again
    verdict = record_signature(kv, record.data, record.scores, parts=record.canonical)
    return _Found(record.assessment, "workbook", dict(record.scores), record.exported_at, verdict.status,
                  verdict.fingerprint or "")


def _template(sheets: Sheets, path: str) -> Assessment:
    # here: the template's module imports openpyxl, and a worker reading plan workbooks never needs the importer
    from smedigital.export.importer import ImportProblems, assessment_from_values
    from smedigital.export.template import LISTS_SHEET

    values = {name: sheets.get(name) for name in sheets.names if name != LISTS_SHEET}
    try:
        assessment = assessment_from_values(sheets.names, values, path)
    except ImportProblems as exc:
        raise problems_rejection(exc.problems) from exc
    if not assessment.answers:
        raise Rejected("blank", "a questionnaire with no answer filled in", "问卷中没有填写任何答案")
    return assessment


# What the official framework's points decide, and so every version of the program computes alike. The
# pillars and the stage are the project's own reading of the answers, which a later version may revise
# (as when the MIIT pillar mapping changed): they are taken afresh from the answers, never compared, so
# a workbook written by an earlier version is not mistaken for an edited one.
CHECKED_SCORES = ("total", "level", "dimensions")


def _check_recorded_scores(mine: dict[str, Any], recorded: dict[str, Any]) -> None:
    """``mine``: the recomputed scores (:attr:`Scored.checked`)."""
    theirs = {k: v for k, v in recorded.items() if k in CHECKED_SCORES}

    def close(a: Any, b: Any) -> bool:
        if isinstance(a, dict):
            return isinstance(b, dict) and set(a) == set(b) and all(close(a[k], b[k]) for k in a)
        try:
            return abs(float(a) - float(b)) <= SCORE_TOLERANCE
        except (TypeError, ValueError):
            return False

    if not close(mine, theirs):
        raise Rejected("edited", "the recorded scores do not follow from the recorded answers: "
                                 "edited after export", "记录的得分与记录的答案不符：导出后被改动")


# ---------------------------------------------------------------------------- compact rows

def _r4(x: Any) -> float:
    return round(float(x), 4)


def _gaps(fw: Framework, result: Result) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """(questions, scenes) the next level's gap suggests, and the mandatory scenes it misses."""
    gap = result.level_gap
    gap_questions: list[str] = []
    gap_scenes: list[str] = []
    missing: list[str] = []
    if gap is not None:
        for step in gap.suggested:
            kind = fw.question(step.question_id).kind
            (gap_scenes if kind == "scene" else gap_questions).append(step.question_id)
        for cond in gap.conditions:
            if cond.kind == "mandatory" and not cond.met:
                missing = [qr.question.id for qr in result.questions.values()
                           if qr.question.kind == "scene" and qr.question.mandatory and qr.applicable
                           and (qr.level or 0) < cond.scene_level]
    return tuple(gap_questions), tuple(gap_scenes), tuple(missing)


def make_row(index: int, path: str, source: str, a: Assessment, fw: Framework, result: Result,
             exported_at: str, digest: str, scored: Scored | None = None, answers: Mapping[str, Any] | None = None,
             text: str | None = None) -> AssessmentRow:
    """``scored``: :func:`scored_answers` of the assessment when the caller has it (``result`` is its result);
    ``answers``, ``text``: :func:`answer_dicts` and its :func:`answers_json`, likewise."""
    c = a.company
    try:
        size = size_class(c.industry or None, c.employees, c.revenue_wan, c.assets_wan).size
    except ValueError:
        size = "unknown"
    if answers is None:
        answers = answer_dicts(a)  # for both digests
    gap = result.level_gap
    if scored is None:
        gap_questions, gap_scenes, missing = _gaps(fw, result)
        scenes = tuple((qr.question.id, qr.level or 0) for qr in result.questions.values()
                       if qr.question.kind == "scene" and qr.applicable)
        flags = assessment_flags(a, fw)
        answers_only = answers_only_digest(a, answers) if a.answers else ""
    else:
        gap_questions, gap_scenes, missing = scored.gap_questions, scored.gap_scenes, scored.missing_mandatory
        scenes, flags, answers_only = scored.scenes, scored.flags, scored.answers_only
    if scored is not None and scored.result is result:  # the rounded scores the record was checked against
        total, dimensions = scored.checked["total"], tuple(scored.checked["dimensions"].items())
    else:
        total = _r4(result.total_score)
        dimensions = tuple((s.id, _r4(s.score)) for s in result.dimension_scores())
    return AssessmentRow(
        index=index, path=path, source=source,
        firm_key=firm_key(c.credit_code, c.name, c.region, digest),
        name_key=name_key(c.name, c.region), name=c.name, credit_code=c.credit_code,
        region=normalise_region(c.region), industry=c.industry, industry_section=c.industry_section, size=size,
        contact=c.contact if c.share_contact else "",
        framework_id=fw.id, framework_version=fw.version, assessed_on=a.assessed_on, exported_at=exported_at,
        total=total, level=result.level_index, stage=result.stage.index,
        pillars=tuple(_r4(result.pillars[p]) for p in PILLARS),
        dimensions=dimensions,
        complete=result.complete, next_level=gap.level.index if gap else None,
        gap_questions=gap_questions, gap_scenes=gap_scenes, missing_mandatory=missing,
        answers_digest=answers_digest(a, answers, text), assessor=a.assessor, scenes=scenes,
        answers_only=answers_only, flags=flags,
        **programme_fields(a, fw, result, total),
    )


def programme_fields(a: Assessment, fw: Framework, result: Result, total: float | None = None) -> dict[str, Any]:
    """Purpose, sign-off, the on-site rating against the firm's own answers, and the plan's step costs (``total``:
    the result's total score rounded, when the caller has it)."""
    out: dict[str, Any] = {"purpose": a.purpose, "signed_off_on": str((a.signed_off or {}).get("date", "")),
                           "self_level": result.level_index,
                           "self_total": _r4(result.total_score) if total is None else total}
    v = a.verification
    if v is not None:
        from smedigital.core.verification import verification_differences

        own = a.score_self(fw, explain=False)
        try:
            report = verification_differences(a)
            diffs = len(report.differences) if report is not None else 0
        except (ValueError, ArithmeticError):  # the comparison refuses it: count the answers that differ
            verified = a.verified_answers()  # the firm's notes and evidence kept: only the answer can differ
            diffs = sum(1 for qid in v.answers if verified.get(qid) != a.answers.get(qid))
        out.update(verified=True, verified_on=v.date, verifier=v.organisation or v.who,
                   self_level=own.level_index, self_total=_r4(own.total_score), verify_diffs=diffs)
    out["plan_steps"] = plan_steps(a, fw)
    return out


def plan_steps(a: Assessment, fw: Framework) -> tuple[tuple[tuple[str, ...], int, int], ...]:
    """The plan's steps (not dropped) whose action the framework's action library knows, with their costs;
    the extra spending a step may need beyond its action (``spend``) is not in the file and not counted."""
    items = a.plan.get("items") if isinstance(a.plan, Mapping) else None
    if not isinstance(items, list) or not items:
        return ()
    lib = action_library(fw)
    if lib is None:
        return ()
    out = []
    for item in items:
        if not isinstance(item, dict) or item.get("status") == "dropped" or not isinstance(item.get("action"), str):
            continue
        try:
            act = lib.action(item["action"])
        except KeyError:
            continue
        out.append((tuple(act.spend_categories), int(act.cost_min), int(act.cost_max)))
    return tuple(out)


_LIBRARIES: dict[tuple[str, str], Any] = {}  # (framework id, version) -> its action library or None


def action_library(fw: Framework) -> Any:
    """The bundled action library of a framework, or None when it has none or it cannot be read; looked up
    once per framework and process (finding the file costs more than a small plan's steps)."""
    key = (fw.id, fw.version)
    if key not in _LIBRARIES:
        from smedigital.core.actions import ActionsError, actions_for, has_actions

        try:
            _LIBRARIES[key] = actions_for(fw) if has_actions(fw) else None
        except (ActionsError, OSError):
            _LIBRARIES[key] = None
    return _LIBRARIES[key]


def answer_dicts(a: Assessment) -> dict[str, Any]:
    """Each answer's ``to_dict()``, by question id."""
    return {qid: ans.to_dict() for qid, ans in a.answers.items()}


def answers_json(answers: Mapping[str, Any]) -> str:
    """Canonical JSON (sorted keys, no spaces) of :func:`answer_dicts`."""
    return json.dumps(answers, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def answers_digest(a: Assessment, answers: Mapping[str, Any] | None = None, text: str | None = None) -> str:
    """SHA-256 of the company and the answers (what an assessment says, whatever file holds it): of the canonical
    JSON of ``{"company": …, "answers": …}``. ``answers``, ``text``: :func:`answer_dicts` and its
    :func:`answers_json` when the caller has them already (the object's two keys in sorted order, each value as
    made on its own: the same text)."""
    if text is None:
        text = answers_json(answer_dicts(a) if answers is None else answers)
    company = json.dumps(a.company.to_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    whole = f'{{"answers":{text},"company":{company}}}'
    return hashlib.sha256(whole.encode("utf-8", "surrogatepass")).hexdigest()


def answers_only_digest(a: Assessment, answers: Mapping[str, Any] | None = None, text: str | None = None) -> str:
    """SHA-256 of the answers alone, notes and evidence left out: two firms that answered alike. ``text``: the
    :func:`answers_json` of ``answers`` when the caller has it; when no answer has a note or evidence, the
    answers alone are those very answers, and that text is the one hashed (the same characters)."""
    if answers is None:
        answers = {qid: ans.to_dict() for qid, ans in a.answers.items()}
        text = None
    if text is None or any("note" in ans or "evidence" in ans for ans in answers.values()):
        data = {qid: {k: v for k, v in ans.items() if k not in ("note", "evidence")} for qid, ans in answers.items()}
        text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


LONG_COLUMNS = ("firm_key", "firm_name", "credit_code", "file", "framework", "assessed_on", "question_id", "dimension", "kind", "answer",
                "points", "max_points", "level", "na")


def csv_text(value: str) -> str:
    """Text for a CSV cell that Excel will not read as a formula (OWASP CSV injection)."""
    return "'" + value if looks_like_formula(value) else value


def indicator_rows(a: Assessment, fw: Framework, result: Result) -> str:
    """The long-format rows of one assessment (every question that applies), from the framework column on."""
    return _long_rows(a, fw, _long_tails(a, fw, result))


def _long_tails(a: Assessment, fw: Framework, result: Result) -> tuple[str, ...]:
    """Each long-format row from the question column on, as CSV text without its line end: what the answers
    decide (the framework and date columns come first, per file, in :func:`_long_rows`)."""
    tails: list[str] = []
    # the writer hands each row to write() whole, once (csv's C writer does): each write is one tail (a quoted
    # field may hold a line break, so rows are never split apart from one text)
    out = csv.writer(_Appender(tails), lineterminator="")
    dimension_of, answers, kept = fw.dimension_of, a.answers, _TAILS
    for qid, qr in result.questions.items():
        q = qr.question
        code = answer_code(q, answers.get(qid))
        key = (id(qr), id(fw), code)
        hit = kept.get(key)
        if hit is not None and hit[0] is qr and hit[1] is fw:
            tails.append(hit[2])
            continue
        level = "" if qr.level is None or not q.is_leveled else qr.level
        out.writerow((qid, dimension_of[qid], q.kind, csv_text(code),
                      _r4(qr.points), _r4(qr.max_points), level, int(qr.na)))
        if len(kept) >= MAX_TAILS:
            kept.clear()
        kept[key] = (qr, fw, tails[-1])
    return tuple(tails)


# (id of a question's result, id of the framework, answer code) -> (the result, the framework, its tail): the
# scoring makes one QuestionResult per question and distinct points, level and answered (scoring.units_of), so
# firms with one answer to a question share its tail; both are held so that their id()s stay their own
_TAILS: dict[tuple[int, int, str], tuple[Any, Framework, str]] = {}
MAX_TAILS = 20_000


class _Appender:
    """A file for csv.writer that keeps each write (one whole row) as an item of a list."""

    def __init__(self, items: list[str]):
        self.write = items.append


def _long_rows(a: Assessment, fw: Framework, tails: tuple[str, ...]) -> str:
    """The rows: the framework and date columns, then each tail. The csv module quotes each field on its own,
    so joining the two parts with a comma writes what one row of all the fields would."""
    if not tails:
        return ""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow((fw.id, csv_text(a.assessed_on)))
    head = buf.getvalue() + ","
    return "".join(f"{head}{tail}\r\n" for tail in tails)


