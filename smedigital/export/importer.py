"""Reading workbooks back: a filled questionnaire, or an exported plan workbook.

``read_workbook(path)`` looks at the hidden ``_smedigital`` sheet:

* ``smedigital-template``: the answers are read from exactly the cells the
  template's map names; nothing is guessed. A value that is not one of the
  options, not a number, not a level 0-4, not yes/no, … is reported as
  ``Sheet!Cell: what is wrong``, and every problem of the workbook is
  reported, not just the first.
* ``smedigital-workbook``: the record is verified (:func:`.record.read_record`:
  checksum and visible scores) and the firm's updates on the Plan sheet
  (status, owner, due date, note, found by the hidden key column so sorting
  does no harm) are taken into the assessment's plan.

The reading is split so another reader can supply the cell values (e.g. a
faster one for many files): give :func:`assessment_from_values` the sheet names
and a mapping ``{sheet: {(row, column): value}}`` (as :func:`.record.read_sheets`
returns) and it does the rest.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from smedigital.core.answers import Answer, validate_answer
from smedigital.core.assessment import Assessment, Company, check_date_range
from smedigital.core.framework import Framework, ProblemsError, Question, get_framework
from smedigital.core.profile import check_credit_code, normalise_credit_code, parse_industry
from smedigital.core.text import MAX_SHOWN, Msg, cap, code_of, in_lang, shown
from smedigital.core.words import texts

from .cells import cell_rc
from .record import (
    RECORD_SHEET,
    RECORD_VERSION,
    TEMPLATE_FORMAT,
    WORKBOOK_FORMAT,
    RecordError,
    SheetValues,
    read_key_values,
    verify_record,
    workbook_values,
)


@dataclass(frozen=True, slots=True)
class CellProblem:
    """One problem of a workbook: ``message`` is a :class:`~smedigital.core.text.Msg` (English, with its
    Chinese and a stable ``code``) or plain English text."""

    sheet: str
    cell: str
    message: str

    @property
    def where(self) -> str:
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet

    @property
    def code(self) -> str:
        return code_of(self.message, "invalid")

    def text(self, lang: str = "en") -> str:
        return in_lang(self.message, lang)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


class ImportProblems(ProblemsError):
    """A workbook that cannot be imported; ``problems`` lists every (sheet, cell, message)."""


def _from_record_error(exc: RecordError) -> CellProblem:
    sheet, sep, cell = exc.location.partition("!")
    return CellProblem(sheet, cell if sep else "", Msg(str(exc.reason), in_lang(exc.reason, "zh"), exc.code))


def read_workbook(path: str | Path, framework: Framework | None = None) -> Assessment:
    """The assessment in a filled template or an exported plan workbook; raises ImportProblems."""
    source = str(path)
    try:
        with workbook_values(path) as values:
            return assessment_from_values(values.names, values, source, framework)
    except RecordError as exc:
        raise ImportProblems(source, [_from_record_error(exc)]) from exc


def assessment_from_values(names: list[str], values: SheetValues, source: str,
                           framework: Framework | None = None) -> Assessment:
    if RECORD_SHEET not in values:
        raise ImportProblems(source, [CellProblem(Path(source).name, "", Msg(
            f"has no {RECORD_SHEET} sheet: it is not a questionnaire or plan workbook made by smedigital, or the "
            "sheet was deleted", f"没有 {RECORD_SHEET} 工作表：不是 smedigital 生成的问卷或改进计划工作簿，或该工作表已被删除",
            "not-ours"))])
    kv = read_key_values(values[RECORD_SHEET])
    fmt = kv.get("format")
    if fmt == WORKBOOK_FORMAT:
        return _plan_workbook(names, values, kv, source)
    if fmt == TEMPLATE_FORMAT:
        return _Template(values, kv, source, framework).read()
    raise ImportProblems(source, [CellProblem(RECORD_SHEET, "B2", Msg(f"unknown format {shown(fmt)}",
                                                                       f"未知的格式 {shown(fmt)}", "not-ours"))])


# --------------------------------------------------------------------- cell values

def _shown(v: Any) -> str:
    return shown(v)


def cell_text(v: Any) -> str:
    """A cell's value as text: numbers without a spurious ``.0``, dates as ISO."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, _dt.datetime):
        return v.date().isoformat() if v.time() == _dt.time() else v.isoformat(sep=" ")
    if isinstance(v, _dt.date):
        return v.isoformat()
    return str(v).strip()


def typed(text: str) -> str:
    """Text as typed, for comparing: full-width forms made half-width (NFKC: ２ → 2, （ → (, ， → ,),
    ideographic and repeated spaces made one space, case folded."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


_PROFILE_UNITS = texts("export.profile_units")  # resources/words/<lang>.yaml


class Unreadable(ValueError):
    """A cell value that cannot be used; ``args[0]`` is a Msg saying what was read and what is wanted."""


def _unreadable(en: str, zh: str, code: str = "invalid") -> Unreadable:
    return Unreadable(Msg(en, zh, code))


_NUMBER = re.compile(r"^[+]?(\d+)(\.\d+)?$")
_GROUPED = re.compile(r"^[+]?\d{1,3}(,\d{3})+(\.\d+)?$")
_NEGATIVE = re.compile(r"^-\s*\d[\d,]*(\.\d+)?%?$")


def parse_number(v: Any, unit: Any = None) -> int | float:
    """A number at least 0 from a cell, as people type it: ``5600``, ``5,600``, ``５６００``, ``22.5%``
    (when the input is a percentage), ``80台`` (its own unit); raises :class:`Unreadable` otherwise,
    saying what was read and what is wanted. ``unit`` is the input's unit (a ``Text``) when known."""
    if isinstance(v, bool):
        raise _unreadable(f"{shown(v)} is not a number", f"{shown(v)} 不是数字")
    if isinstance(v, str):
        v = _number_text(v, unit)
    if not isinstance(v, (int, float)) or isinstance(v, (_dt.date, _dt.datetime)):
        raise _unreadable(f"{shown(cell_text(v))} is not a number", f"{shown(cell_text(v))} 不是数字")
    if isinstance(v, float):
        if math.isnan(v) or math.isinf(v):
            raise _unreadable("is not a finite number", "不是有限的数")
        if v.is_integer() and abs(v) < 2 ** 53:
            v = int(v)
    if v < 0:
        raise _unreadable(f"{v} is below 0", f"{v} 小于 0")
    return v


def _number_text(raw: str, unit: Any) -> int | float:
    text = typed(raw).replace(" ", "")
    units = [typed(u).replace(" ", "") for u in ((unit.zh, unit.en) if unit is not None else ()) if u]
    is_percent = "%" in units
    for u in sorted(units, key=len, reverse=True):
        if u and u != "%" and text.endswith(u) and len(text) > len(u):
            text = text[: -len(u)]
            break
    if _NEGATIVE.match(text):
        raise _unreadable(f"{shown(raw)} is below 0", f"{shown(raw)} 小于 0")
    percent = text.endswith("%")
    if percent:
        text = text[:-1]
        if not is_percent:
            want_en = f" in {unit.en}" if unit is not None and unit.en else ""
            want_zh = f"（单位：{unit.zh}）" if unit is not None and unit.zh else ""
            raise _unreadable(f"read {shown(raw)}, a percentage; this cell wants a number{want_en}, without %",
                              f"读到 {shown(raw)}，是百分数；此处应填数值{want_zh}，不带 %")
    if _GROUPED.match(text):
        text = text.replace(",", "")
    elif "," in text:
        raise _unreadable(f"read {shown(raw)}: the comma is neither a thousands separator (5,600) nor allowed as "
                          "a decimal point; write e.g. 5600 or 5.6",
                          f"读到 {shown(raw)}：逗号既不是千位分隔符（如 5,600），也不能作小数点；请写成 5600 或 5.6 这样的数")
    if not _NUMBER.match(text) or len(text) > 40:
        raise _unreadable(f"{shown(raw)} is not a number", f"{shown(raw)} 不是数字")
    return float(text)


_YES = {"是", "yes", "y", "true", "1", "✓", "√", "对", "有", "是的", "✔", "☑"}
_NO = {"否", "no", "n", "false", "0", "不是", "无", "没有", "✗", "×", "☐"}


def parse_yes_no(v: Any, lang: str) -> bool:
    if isinstance(v, bool):
        return v
    text = typed(cell_text(v))
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise _unreadable(f"{shown(v)} is not 是 or 否 (yes or no)" if lang != "en" else f"{shown(v)} is not yes or no",
                      f"{shown(v)} 不是“是”或“否”")


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4}
_LEVEL = re.compile(r"^(?:第|level|lv\.?|l)?\s*([0-4]|[零〇一二两三四])(?:\.0+)?\s*(?:级|級|level)?$")


def parse_level(v: Any) -> int:
    """A level 0-4 as people type it: ``2``, ``２``, ``2级``, ``二级``, ``第2级``, ``Level 2``, ``2.0``."""
    if isinstance(v, bool):
        raise _unreadable(f"{shown(v)} is not a level 0-4", f"{shown(v)} 不是 0-4 级")
    if isinstance(v, (int, float)) and float(v).is_integer() and 0 <= v <= 4:
        return int(v)
    if isinstance(v, str):
        m = _LEVEL.match(typed(v))
        if m:
            token = m.group(1)
            return _CN_DIGITS[token] if token in _CN_DIGITS else int(token)
    raise _unreadable(f"{shown(v)} is not a level 0-4 (write 0, 1, 2, 3 or 4)",
                      f"{shown(v)} 不是 0-4 级（请填 0、1、2、3 或 4）")


def parse_choice(v: Any, choices: list[tuple[str, str]], question: Question | None) -> str:
    """The option id of a drop-down label, of the exact option id, or of its label in either language;
    typed with half-width brackets, other spaces or case, or as the option's letter or number as shown."""
    text = cell_text(v)
    for label, oid in choices:
        if text == label:
            return oid
    want = typed(text)
    found: dict[str, None] = {}
    for label, oid in choices:
        if typed(label) == want:
            found[oid] = None
    if question is not None:
        for o in question.options:
            if want in (typed(o.id), typed(o.label.zh), typed(o.label.en)):
                found[o.id] = None
    if len(found) == 1:
        return next(iter(found))
    if len(found) > 1:
        raise _unreadable(f"{shown(text)} matches several options; pick one from the drop-down",
                          f"{shown(text)} 与多个选项相符；请从下拉列表中选择一项")
    raise _unreadable(f"{shown(text)} is not one of the options (pick one from the drop-down)",
                      f"{shown(text)} 不是选项之一（请从下拉列表中选择）")


_YMD = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_DMY = re.compile(r"^(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4})$")
_EXCEL_EPOCH = _dt.date(1899, 12, 30)


def parse_date(v: Any) -> str:
    """A date as people type it: a date cell, ``2026-11-20``, ``2026/11/20``, ``2026.11.20``,
    ``2026年11月20日``, full-width digits, or Excel's day number; it must lie in 2000-2100.
    Day and month in either order (``20/11/2026``) are taken only when they cannot be mistaken."""
    if isinstance(v, _dt.datetime):
        day = v.date()
    elif isinstance(v, _dt.date):
        day = v
    elif isinstance(v, (int, float)) and not isinstance(v, bool) and float(v).is_integer() \
            and 36_526 <= v <= 73_415:  # Excel's day numbers of 2000-01-01 … 2100-12-31
        day = _EXCEL_EPOCH + _dt.timedelta(days=int(v))
    else:
        day = _date_text(cell_text(v))
    problem = check_date_range(day)
    if problem is not None:
        raise Unreadable(problem)
    return day.isoformat()


def _date_text(raw: str) -> _dt.date:
    text = typed(raw)
    wanted_en, wanted_zh = "a date such as 2026-11-20", "日期，如 2026-11-20"
    m = _YMD.match(text)
    if m:
        y, mo, d = (int(g) for g in m.groups())
    else:
        m = _DMY.match(text)
        if not m:
            raise _unreadable(f"{shown(raw)} is not {wanted_en}", f"{shown(raw)} 不是{wanted_zh}")
        a, b, y = (int(g) for g in m.groups())
        if a > 12 >= b:
            d, mo = a, b
        elif b > 12 >= a:
            mo, d = a, b
        elif a == b:
            d = mo = a
        else:
            raise _unreadable(f"read {shown(raw)}: day and month could be either way round; write it year first, "
                              f"e.g. {y}-{b:02d}-{a:02d} or {y}-{a:02d}-{b:02d}",
                              f"读到 {shown(raw)}：日和月可能颠倒，无法确定；请按年-月-日填写，如 {y}-{b:02d}-{a:02d} "
                              f"或 {y}-{a:02d}-{b:02d}")
    try:
        return _dt.date(y, mo, d)
    except ValueError:
        raise _unreadable(f"{shown(raw)} is not a date that exists", f"{shown(raw)} 不是存在的日期") from None


def _rc(coord: str) -> tuple[int, int]:
    return cell_rc(coord)


# --------------------------------------------------------------------- questionnaire

class _Template:
    def __init__(self, values: SheetValues, kv: Mapping[str, Any], source: str, framework: Framework | None):
        self.values = values
        self.kv = kv
        self.source = source
        self.problems: list[CellProblem] = []
        self.lang = str(kv.get("lang") or "zh")
        self.framework = framework
        self.given = framework is not None

    def problem(self, sheet: str, cell: str, message: str) -> None:
        self.problems.append(CellProblem(sheet, cell, message))

    def get(self, sheet: str, cell: str) -> Any:
        v = self.values.get(sheet, {}).get(_rc(cell))
        if isinstance(v, str) and not v.strip():
            return None
        return v

    def _json(self, key: str) -> Any:
        try:
            return json.loads(str(self.kv.get(key) or ""))
        except json.JSONDecodeError:
            raise ImportProblems(self.source, [CellProblem(RECORD_SHEET, "", Msg(
                f"the template map ({key}) is damaged; make a new questionnaire and copy the answers over",
                f"问卷的单元格对照表（{key}）已损坏；请生成新问卷并把答案抄过去", "damaged"))]) from None

    def read(self) -> Assessment:
        version = self.kv.get("version")
        if isinstance(version, (int, float)) and not isinstance(version, bool) and version > RECORD_VERSION:
            raise ImportProblems(self.source, [CellProblem(RECORD_SHEET, "", Msg(
                f"the questionnaire is version {version:g}, made by a newer smedigital; please update",
                f"问卷版本为 {version:g}，由更新版本的 smedigital 生成；请更新程序", "future-version"))])
        fid = str(self.kv.get("framework_id") or "")
        fver = cell_text(self.kv.get("framework_version"))
        if self.framework is None:
            try:
                self.framework = get_framework(fid)
            except KeyError:
                raise ImportProblems(self.source, [CellProblem(RECORD_SHEET, "", Msg(
                    f"framework {shown(fid)} is not one this program knows", f"评测体系 {shown(fid)} 不是本程序认识的",
                    "invalid"))]) from None
        fw = self.framework
        if fw.id != fid or fw.version != fver:
            raise ImportProblems(self.source, [CellProblem(RECORD_SHEET, "", Msg(
                f"the questionnaire is for {shown(fid)} version {shown(fver)}; this program has {fw.id} version "
                f"{fw.version!r}: make a new questionnaire",
                f"问卷对应 {shown(fid)} 版本 {shown(fver)}；本程序为 {fw.id} 版本 {fw.version}：请生成新问卷",
                "invalid"))])
        profile_map = self._json("profile")
        qmap = self._json("questions")
        sheets = {str(self.kv.get("profile_sheet") or "")} | {e.get("sheet", "") for e in qmap.values()}
        missing = [s for s in sorted(sheets) if s not in self.values]
        if missing:
            raise ImportProblems(self.source, [CellProblem(cap(s, MAX_SHOWN), "", Msg(
                "this sheet is missing or was renamed", "该工作表缺失或被改名", "invalid")) for s in missing])
        company, assessor, assessed_on = self._profile(profile_map)
        modules = fw.modules_for(company.industry_section)
        answers: dict[str, Answer] = {}
        for qid, entry in qmap.items():
            q = fw.question_by_id.get(qid)
            if q is None:
                self.problem(RECORD_SHEET, "", Msg(f"the map names {shown(qid)}, which {fw.id} does not have",
                                                   f"对照表中的 {shown(qid)} 不是 {fw.id} 的题目", "invalid"))
                continue
            answer = self._answer(q, entry)
            if answer is None:
                continue
            if q.module is not None and q.module not in modules and not answer.is_empty:
                sectors = ", ".join(fw.modules[q.module].sectors)
                where = entry.get("answer") or entry.get("level") or entry.get("choice") or \
                    next(iter(entry.get("options", {}) or entry.get("inputs", {})), "")
                self.problem(entry["sheet"], where, Msg(
                    f"this question is only for firms in section {sectors}; the company's industry is "
                    f"{company.industry or 'not given'}",
                    f"本题只适用于门类 {sectors.replace(', ', '、')} 的企业；本企业的行业为 {company.industry or '未填写'}",
                    "module-not-applicable"))
                continue
            answers[qid] = answer
        if self.problems:
            raise ImportProblems(self.source, sorted(self.problems, key=self._order))
        return Assessment(fw.id, fw.version, company, assessed_on, assessor, answers)

    def _order(self, p: CellProblem) -> tuple[int, int, int]:
        """Problems in reading order: sheet by sheet, row by row."""
        names = list(self.values)
        sheet = names.index(p.sheet) if p.sheet in names else len(names)
        try:
            row, col = _rc(p.cell) if p.cell else (0, 0)
        except ValueError:
            row, col = 0, 0
        return sheet, row, col

    def _profile(self, pmap: Mapping[str, str]) -> tuple[Company, str, str]:
        sheet = str(self.kv.get("profile_sheet") or "")
        vals: dict[str, Any] = {}
        for key in ("name", "region", "contact", "assessor"):
            vals[key] = cell_text(self.get(sheet, pmap[key])) if key in pmap else ""
        code = ""
        if "credit_code" in pmap:
            code = normalise_credit_code(cell_text(self.get(sheet, pmap["credit_code"])))
            if code:
                for p in check_credit_code(code):
                    self.problem(sheet, pmap["credit_code"], Msg(p.message_en, p.message_zh, "credit-code"))
        industry = ""
        if "industry" in pmap and (raw := self.get(sheet, pmap["industry"])) is not None:
            token = cell_text(raw).split(" ", 1)[0].split("\u3000", 1)[0]
            try:
                industry = parse_industry(token).code
            except ValueError:
                self.problem(sheet, pmap["industry"], Msg(
                    f"{_shown(cell_text(raw))} is not a GB/T 4754-2017 section or division from the list",
                    f"{_shown(cell_text(raw))} 不是列表中的 GB/T 4754-2017 门类或大类"))
        figures: dict[str, Any] = {}
        for key in ("employees", "revenue_wan", "assets_wan"):
            n: float | None
            raw = self.get(sheet, pmap[key]) if key in pmap else None
            if raw is None:
                figures[key] = None
                continue
            try:
                n = parse_number(raw, _PROFILE_UNITS[key])
            except ValueError as exc:
                self.problem(sheet, pmap[key], exc.args[0])
                figures[key] = None
                continue
            if key == "employees" and not isinstance(n, int):
                self.problem(sheet, pmap[key], Msg(f"{n} is not a whole number", f"{n} 不是整数"))
                n = None
            figures[key] = n
        assessed_on = ""
        if "assessed_on" in pmap and (raw := self.get(sheet, pmap["assessed_on"])) is not None:
            try:
                assessed_on = parse_date(raw)
            except ValueError as exc:
                self.problem(sheet, pmap["assessed_on"], exc.args[0])
        company = Company(name=vals["name"], credit_code=code, industry=industry, region=vals["region"],
                          contact=vals["contact"], **figures)
        return company, vals["assessor"], assessed_on

    def _answer(self, q: Question, e: Mapping[str, Any]) -> Answer | None:
        sheet = e["sheet"]
        before = len(self.problems)

        def read(cell: str | None, parse: Any) -> Any:
            if not cell:
                return None
            raw = self.get(sheet, cell)
            if raw is None:
                return None
            try:
                return parse(raw)
            except ValueError as exc:
                self.problem(sheet, cell, exc.args[0])
                return None

        na = bool(read(e.get("na"), lambda v: parse_yes_no(v, self.lang)))
        note = cell_text(self.get(sheet, e["note"])) if e.get("note") else ""
        evidence_text = cell_text(self.get(sheet, e["evidence"])) if e.get("evidence") else ""
        evidence = tuple(ln.strip() for ln in evidence_text.splitlines() if ln.strip())
        choice, selected, raw, level = ANSWER_READERS[q.kind](self, q, e, read)
        if len(self.problems) > before:
            return None
        answered = choice is not None or bool(selected) or raw is not None or level is not None
        if na and answered:
            self.problem(sheet, e["na"], Msg("'not applicable' cannot be combined with an answer",
                                             "“不适用”不能与答案同时填写", "na-with-answer"))
            return None
        answer = Answer(choice=choice, choices=tuple(selected) if selected else None, raw=raw, level=level,
                        na=na, note=note, evidence=evidence)
        for sub, message in validate_answer(q, answer):
            self.problem(sheet, self._cell_for(q, e, sub, answer), message)
        if len(self.problems) > before:
            return None
        if answer.is_empty and not note and not evidence:
            return None
        return answer

    @staticmethod
    def _cell_for(q: Question, e: Mapping[str, Any], sub: str, answer: Answer) -> str:
        """The cell a problem of ``validate_answer`` (``choice``, ``raw.x``, ``choices[1]``, …) belongs to."""
        if sub == "na":
            return e.get("na") or e.get("answer") or ""
        if sub.startswith("choices"):
            by_option = {oid: cell for cell, oid in e.get("options", {}).items()}
            m = re.match(r"choices\[(\d+)\]", sub)
            chosen = list(answer.choices or ())
            if m and int(m.group(1)) < len(chosen):
                return by_option.get(chosen[int(m.group(1))], "")
            exclusive = next((o.id for o in q.options if o.exclusive), None)
            return by_option.get(exclusive or "", "") or next(iter(by_option.values()), "")
        if sub.startswith("raw"):
            by_input = {iid: cell for cell, iid in e.get("inputs", {}).items()}
            _, _, name = sub.partition(".")
            return by_input.get(name) or next(iter(by_input.values()), "")
        if sub == "choice":
            return e.get("choice") or e.get("answer") or ""
        if sub == "level":
            return e.get("level", "")
        return e.get("answer") or e.get("level") or ""


# --------------------------------------------------------------------- plan workbook

def _plan_workbook(names: list[str], values: SheetValues, kv: Mapping[str, Any], source: str) -> Assessment:
    from openpyxl.utils.cell import column_index_from_string, get_column_letter  # here: a reading worker

    from .workbook import status_from_label  # never imports openpyxl and the plan writer for a questionnaire

    try:
        record = verify_record(names, values, kv, source)
    except RecordError as exc:
        raise ImportProblems(source, [_from_record_error(exc)]) from exc
    assessment = record.assessment
    if kv.get("signature"):  # read from a signed workbook: whoever keeps only the answers says the signature went
        assessment = replace(assessment, came_signed=True)
    plan = assessment.plan
    sheet = str(kv.get("plan_sheet") or "")
    if not plan or not plan.get("items") or sheet not in values:
        return assessment
    try:
        columns = json.loads(str(kv.get("plan_columns") or "{}"))
    except json.JSONDecodeError:
        return assessment
    col = {k: column_index_from_string(v) for k, v in columns.items() if isinstance(v, str)}
    if "key" not in col:
        return assessment
    cells = values[sheet]
    items = {it.get("key"): dict(it) for it in plan.get("items", []) if isinstance(it, dict)}
    problems: list[CellProblem] = []
    rows = sorted({r for (r, c) in cells if c == col["key"] and r > 1})
    for r in rows:
        key = cells.get((r, col["key"]))
        if not isinstance(key, str) or key not in items:
            continue
        item = items[key]

        def where(name: str, row: int = r) -> str:
            return f"{get_column_letter(col[name])}{row}"

        for name, field_name in (("owner", "owner"), ("note", "notes")):
            if name in col:
                text = cell_text(cells.get((r, col[name])))
                _set(item, field_name, text)
        if "status" in col:
            raw = cells.get((r, col["status"]))
            status = status_from_label(cell_text(raw)) if raw is not None else "planned"
            if status is None:
                problems.append(CellProblem(sheet, where("status"), Msg(
                    f"{_shown(cell_text(raw))} is not a status from the list",
                    f"{_shown(cell_text(raw))} 不是列表中的状态")))
            else:
                _set(item, "status", "" if status == "planned" else status)
        if "due" in col:
            raw = cells.get((r, col["due"]))
            if raw is None:
                _set(item, "due", "")
            else:
                try:
                    _set(item, "due", parse_date(raw))
                except ValueError as exc:
                    problems.append(CellProblem(sheet, where("due"), exc.args[0]))
    if problems:
        raise ImportProblems(source, problems)
    new_plan = dict(plan)
    new_plan["items"] = [items.get(it.get("key"), it) if isinstance(it, dict) else it for it in plan["items"]]
    return replace(assessment, plan=new_plan)


def _set(item: dict[str, Any], name: str, value: str) -> None:
    if value:
        item[name] = value
    else:
        item.pop(name, None)


# --------------------------------------------------------------------- each kind's answer cells

_Read = Callable[[str | None, Any], Any]  # a cell's value parsed, or None (a problem is recorded)
_Parts = tuple[str | None, list[str] | None, dict[str, Any] | None, int | None]  # choice, choices, raw, level


def _read_single(imp: Any, q: Question, e: Mapping[str, Any], read: _Read) -> _Parts:
    choices = [tuple(c) for c in e.get("choices", [])]
    return read(e.get("answer"), lambda v: parse_choice(v, choices, q)), None, None, None


def _read_multi(imp: Any, q: Question, e: Mapping[str, Any], read: _Read) -> _Parts:
    selected = []
    for cell, oid in e.get("options", {}).items():
        if read(cell, lambda v: parse_yes_no(v, imp.lang)):
            selected.append(oid)
    return None, selected, None, None


def _read_measured(imp: Any, q: Question, e: Mapping[str, Any], read: _Read) -> _Parts:
    sheet = e["sheet"]
    numbers = {}
    units = {i.id: i.unit for i in q.inputs}
    for cell, iid in e.get("inputs", {}).items():
        unit = units.get(iid)
        value = read(cell, lambda v, unit=unit: parse_number(v, unit))
        if value is not None:
            numbers[iid] = value
    empty_inputs = [cell for cell, iid in e.get("inputs", {}).items() if imp.get(sheet, cell) is None]
    if numbers and empty_inputs:
        imp.problem(sheet, empty_inputs[0], Msg(
            "is empty: give every number of this question, or none and pick from the list below",
            "为空：请填写本题的全部数值，或都不填而从下面的列表中选择", "incomplete"))
    choices = [tuple(c) for c in e.get("choices", [])]
    return read(e.get("choice"), lambda v: parse_choice(v, choices, q)), None, numbers or None, None


def _read_leveled(imp: Any, q: Question, e: Mapping[str, Any], read: _Read) -> _Parts:
    return None, None, None, read(e.get("level"), parse_level)


# The answer cells of each question kind, as the template writes them (tests/test_kinds_tables.py: one per kind).
ANSWER_READERS: dict[str, Callable[[Any, Question, Mapping[str, Any], _Read], _Parts]] = {
    "single": _read_single,
    "multi": _read_multi,
    "ratio_band": _read_measured,
    "trend": _read_measured,
    "scene": _read_leveled,
    "scale": _read_leveled,
}
