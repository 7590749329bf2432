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
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from openpyxl.utils.cell import column_index_from_string, coordinate_from_string, get_column_letter

from smedigital.core.answers import Answer, validate_answer
from smedigital.core.assessment import Assessment, Company
from smedigital.core.framework import Framework, ProblemsError, Question, get_framework
from smedigital.core.profile import check_credit_code, normalise_credit_code, parse_industry
from smedigital.core.text import Msg, code_of, in_lang

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
from .workbook import status_from_label

_PLAIN_NUMBER = re.compile(r"^\s*\d+(\.\d+)?\s*$")
_YES = {"是", "yes", "y", "true", "1", "✓", "√"}
_NO = {"否", "no", "n", "false", "0"}


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
        raise ImportProblems(source, [CellProblem(Path(source).name, "", f"has no {RECORD_SHEET} sheet: it is not a "
                                                  "questionnaire or plan workbook made by smedigital, or the sheet "
                                                  "was deleted")])
    kv = read_key_values(values[RECORD_SHEET])
    fmt = kv.get("format")
    if fmt == WORKBOOK_FORMAT:
        return _plan_workbook(names, values, kv, source)
    if fmt == TEMPLATE_FORMAT:
        return _Template(values, kv, source, framework).read()
    raise ImportProblems(source, [CellProblem(RECORD_SHEET, "B2", f"unknown format {fmt!r}")])


# --------------------------------------------------------------------- cell values

def _shown(v: Any) -> str:
    return f'"{v}"' if isinstance(v, str) else repr(v)


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


def parse_number(v: Any) -> int | float:
    """A number at least 0 from a cell; raises ValueError with the message to show."""
    if isinstance(v, bool):
        raise ValueError(f"{_shown(v)} is not a number")
    if isinstance(v, str):
        if not _PLAIN_NUMBER.match(v):
            raise ValueError(f"{_shown(v)} is not a number")
        v = float(v)
    if not isinstance(v, (int, float)) or isinstance(v, (_dt.date, _dt.datetime)):
        raise ValueError(f"{_shown(cell_text(v))} is not a number")
    if isinstance(v, float):
        if math.isnan(v) or math.isinf(v):
            raise ValueError("is not a finite number")
        if v.is_integer() and abs(v) < 2 ** 53:
            v = int(v)
    if v < 0:
        raise ValueError(f"{v} is below 0")
    return v


def parse_yes_no(v: Any, lang: str) -> bool:
    if isinstance(v, bool):
        return v
    text = cell_text(v).lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    yes, no = ("是", "否") if lang != "en" else ("yes", "no")
    raise ValueError(f"{_shown(v)} is not {yes} or {no}")


def parse_level(v: Any) -> int:
    if isinstance(v, bool):
        raise ValueError(f"{_shown(v)} is not a level 0-4")
    if isinstance(v, (int, float)) and float(v).is_integer() and 0 <= v <= 4:
        return int(v)
    if isinstance(v, str) and v.strip() in ("0", "1", "2", "3", "4"):
        return int(v.strip())
    raise ValueError(f"{_shown(v)} is not a level 0-4")


def parse_choice(v: Any, choices: list[tuple[str, str]], question: Question | None) -> str:
    """The option id of a drop-down label (or of the exact option id, or of its label in either language)."""
    text = cell_text(v)
    for label, oid in choices:
        if text == label:
            return oid
    if question is not None:
        for o in question.options:
            if text in (o.id, o.label.zh.strip(), o.label.en.strip()):
                return o.id
    raise ValueError(f"{_shown(text)} is not one of the options")


def parse_date(v: Any) -> str:
    if isinstance(v, _dt.datetime):
        return v.date().isoformat()
    if isinstance(v, _dt.date):
        return v.isoformat()
    text = cell_text(v)
    try:
        return _dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValueError(f"{_shown(text)} is not a date (YYYY-MM-DD)") from None


def _rc(coord: str) -> tuple[int, int]:
    col, row = coordinate_from_string(coord)
    return row, column_index_from_string(col)


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
            raise ImportProblems(self.source, [CellProblem(RECORD_SHEET, "", f"the template map ({key}) is damaged; "
                                                           "make a new questionnaire and copy the answers over")])\
                from None

    def read(self) -> Assessment:
        version = self.kv.get("version")
        if isinstance(version, (int, float)) and not isinstance(version, bool) and version > RECORD_VERSION:
            raise ImportProblems(self.source, [CellProblem(RECORD_SHEET, "", f"the questionnaire is version "
                                               f"{version:g}, made by a newer smedigital; please update")])
        fid = str(self.kv.get("framework_id") or "")
        fver = cell_text(self.kv.get("framework_version"))
        if self.framework is None:
            try:
                self.framework = get_framework(fid)
            except KeyError:
                raise ImportProblems(self.source, [CellProblem(RECORD_SHEET, "", f"framework {fid!r} is not one "
                                                   "this program knows")]) from None
        fw = self.framework
        if fw.id != fid or fw.version != fver:
            raise ImportProblems(self.source, [CellProblem(RECORD_SHEET, "", f"the questionnaire is for {fid} "
                                               f"version {fver!r}; this program has {fw.id} version "
                                               f"{fw.version!r}: make a new questionnaire")])
        profile_map = self._json("profile")
        qmap = self._json("questions")
        sheets = {str(self.kv.get("profile_sheet") or "")} | {e.get("sheet", "") for e in qmap.values()}
        missing = [s for s in sorted(sheets) if s not in self.values]
        if missing:
            raise ImportProblems(self.source, [CellProblem(s, "", "this sheet is missing or was renamed")
                                               for s in missing])
        company, assessor, assessed_on = self._profile(profile_map)
        modules = fw.modules_for(company.industry_section)
        answers: dict[str, Answer] = {}
        for qid, entry in qmap.items():
            q = fw.question_by_id.get(qid)
            if q is None:
                self.problem(RECORD_SHEET, "", f"the map names {qid!r}, which {fw.id} does not have")
                continue
            answer = self._answer(q, entry)
            if answer is None:
                continue
            if q.module is not None and q.module not in modules and not answer.is_empty:
                sectors = ", ".join(fw.modules[q.module].sectors)
                where = entry.get("answer") or entry.get("level") or entry.get("choice") or \
                    next(iter(entry.get("options", {}) or entry.get("inputs", {})), "")
                self.problem(entry["sheet"], where, f"this question is only for firms in section {sectors}; the "
                             f"company's industry is {company.industry or 'not given'}")
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
                    self.problem(sheet, pmap["credit_code"], p.message_en)
        industry = ""
        if "industry" in pmap and (raw := self.get(sheet, pmap["industry"])) is not None:
            token = cell_text(raw).split(" ", 1)[0].split("\u3000", 1)[0]
            try:
                industry = parse_industry(token).code
            except ValueError:
                self.problem(sheet, pmap["industry"], f"{_shown(cell_text(raw))} is not a GB/T 4754-2017 section or "
                             "division from the list")
        figures: dict[str, Any] = {}
        for key in ("employees", "revenue_wan", "assets_wan"):
            raw = self.get(sheet, pmap[key]) if key in pmap else None
            if raw is None:
                figures[key] = None
                continue
            try:
                n = parse_number(raw)
            except ValueError as exc:
                self.problem(sheet, pmap[key], str(exc))
                figures[key] = None
                continue
            if key == "employees" and not isinstance(n, int):
                self.problem(sheet, pmap[key], f"{n} is not a whole number")
                n = None
            figures[key] = n
        assessed_on = ""
        if "assessed_on" in pmap and (raw := self.get(sheet, pmap["assessed_on"])) is not None:
            try:
                assessed_on = parse_date(raw)
            except ValueError as exc:
                self.problem(sheet, pmap["assessed_on"], str(exc))
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
                self.problem(sheet, cell, str(exc))
                return None

        choices = [tuple(c) for c in e.get("choices", [])]
        na = bool(read(e.get("na"), lambda v: parse_yes_no(v, self.lang)))
        note = cell_text(self.get(sheet, e["note"])) if e.get("note") else ""
        evidence_text = cell_text(self.get(sheet, e["evidence"])) if e.get("evidence") else ""
        evidence = tuple(ln.strip() for ln in evidence_text.splitlines() if ln.strip())
        choice = selected = raw = level = None
        if q.kind == "single":
            choice = read(e.get("answer"), lambda v: parse_choice(v, choices, q))
        elif q.kind == "multi":
            selected = []
            for cell, oid in e.get("options", {}).items():
                if read(cell, lambda v: parse_yes_no(v, self.lang)):
                    selected.append(oid)
        elif q.kind in ("ratio_band", "trend"):
            numbers = {}
            for cell, iid in e.get("inputs", {}).items():
                value = read(cell, parse_number)
                if value is not None:
                    numbers[iid] = value
            empty_inputs = [cell for cell, iid in e.get("inputs", {}).items() if self.get(sheet, cell) is None]
            if numbers and empty_inputs:
                self.problem(sheet, empty_inputs[0], "is empty: give every number of this question, or none and "
                             "pick from the list below")
            raw = numbers or None
            choice = read(e.get("choice"), lambda v: parse_choice(v, choices, q))
        else:
            level = read(e.get("level"), parse_level)
        if len(self.problems) > before:
            return None
        answered = choice is not None or bool(selected) or raw is not None or level is not None
        if na and answered:
            self.problem(sheet, e["na"], "'not applicable' cannot be combined with an answer")
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
    try:
        record = verify_record(names, values, kv, source)
    except RecordError as exc:
        raise ImportProblems(source, [_from_record_error(exc)]) from exc
    assessment = record.assessment
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
                problems.append(CellProblem(sheet, where("status"), f"{_shown(cell_text(raw))} is not a status "
                                            "from the list"))
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
                    problems.append(CellProblem(sheet, where("due"), str(exc)))
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
