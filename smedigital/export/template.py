"""The blank questionnaire workbook: a firm fills it in Excel, ``smedigital-cli import`` reads it back.

Layout (sheet names in the template's language):

* **Instructions** (填写说明): how to fill it in and import it.
* **Company** (企业信息): the profile, one field per row, with validation
  (industry from a list of GB/T 4754-2017 sections and divisions, whole
  numbers at least 0, a credit code of 18 characters, a date).
* **One sheet per dimension** (top-level section): each question on a row of
  its own; its answer cell in column D is a drop-down of the options (single),
  of the levels 0-4 (scene, scale); a multiple-choice question has one row per
  option with a yes/no drop-down; ratio and trend questions have one number
  cell per raw input and an optional drop-down of the band or direction.
  Columns E-G take "not applicable" (where allowed), a note and evidence.
* ``_lists`` (hidden): the drop-down entries.
* ``_smedigital`` (hidden): format ``smedigital-template`` version 1, the
  framework id and version, and the *map* — which cell holds which answer —
  so import is exact and never guesses.

Every sheet is protected with only the answer cells (light yellow) unlocked,
and the workbook structure is locked: sheets cannot be added, removed, renamed
or moved by accident. There is no password; protection guards against slips,
not against a determined user, and import relies on the map, not on the look.
"""

from __future__ import annotations

import datetime as _dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.styles import Alignment, Protection
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from smedigital import __version__
from smedigital.core.framework import Framework, Question, get_framework
from smedigital.core.profile import load_industries
from smedigital.core.words import paren, texts

from .cells import put_text, sheet_title
from .package import save_workbook, set_properties
from .record import RECORD_VERSION, TEMPLATE_FORMAT, add_record_sheet, coordinate
from .styles import (
    CENTER,
    INPUT_FILL,
    SUBTLE_FILL,
    WRAP_TOP,
    Look,
    body,
    fit_row,
    header_row,
    print_setup,
    set_widths,
)
from .words import level_words, words

LISTS_SHEET = "_lists"
# question sheet columns
COL_NO, COL_TEXT, COL_HINT, COL_ANSWER, COL_NA, COL_NOTE, COL_EVIDENCE, COL_CHECK = range(1, 9)
QUESTION_WIDTHS = (6, 46, 16, 24, 9, 22, 22, 34)
PROFILE_FIELDS = ("name", "credit_code", "industry", "region", "employees", "revenue_wan", "assets_wan", "contact",
                  "assessor", "assessed_on")


@dataclass
class _Lists:
    """Drop-down entries, one column of the hidden ``_lists`` sheet per list (identical lists shared)."""

    ws: Worksheet
    columns: dict[tuple[str, ...], str] = field(default_factory=dict)

    def ref(self, entries: Sequence[str]) -> str:
        key = tuple(entries)
        if key not in self.columns:
            col = len(self.columns) + 1
            for i, entry in enumerate(entries, start=1):
                put_text(self.ws, i, col, entry)
            letter = get_column_letter(col)
            self.columns[key] = f"{quote_sheetname(self.ws.title)}!${letter}$1:${letter}${len(entries)}"
        return self.columns[key]


def choice_labels(q: Question, lang: str) -> list[tuple[str, str]]:
    """(drop-down label, option id) for a question's options; labels made unique when two coincide."""
    seen: dict[str, int] = {}
    for o in q.options:
        label = o.label.get(lang).strip()
        seen[label] = seen.get(label, 0) + 1
    return [(o.label.get(lang).strip() if seen[o.label.get(lang).strip()] == 1
             else f"{o.label.get(lang).strip()} [{o.id}]", o.id) for o in q.options]


def industry_entries(lang: str) -> list[str]:
    """``C 制造业``, ``C13 农副食品加工业``, …: every section followed by its divisions."""
    ind = load_industries()
    out = []
    for s in ind.sections.values():
        out.append(f"{s.code} {s.name.get(lang)}")
        out += [f"{s.code}{d} {ind.divisions[d].name.get(lang)}" for d in s.divisions]
    return out


def _unlock(cell: Any) -> None:
    cell.protection = Protection(locked=False)
    cell.fill = INPUT_FILL


def _protect(ws: Worksheet) -> None:
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # people may still widen columns and rows
    ws.protection.formatRows = False
    ws.protection.selectLockedCells = False
    ws.protection.selectUnlockedCells = False


def _list_validation(ws: Worksheet, ref: str, prompt: str, error: str) -> DataValidation:
    dv = DataValidation(type="list", formula1=ref, allow_blank=True, showErrorMessage=True, showInputMessage=True,
                        prompt=prompt[:255], error=error[:255])
    ws.add_data_validation(dv)
    return dv


def write_template(framework: Framework | str, path: str | Path, lang: str = "zh", sector: str | None = None,
                   *, today: _dt.date | None = None) -> None:
    """Write the blank questionnaire of a framework (questions of the modules of ``sector``, or all)."""
    save_workbook(build_template(framework, lang, sector, today=today), path)


def build_template(framework: Framework | str, lang: str = "zh", sector: str | None = None,
                   *, today: _dt.date | None = None) -> Workbook:
    fw = get_framework(framework) if isinstance(framework, str) else framework
    lang = "en" if lang == "en" else "zh"
    sector = sector.strip().upper()[:1] if sector else None
    w = words(lang)
    look = Look(lang)
    wb = Workbook()
    set_properties(wb, "", w["title.template"])
    titles: list[str] = []

    def new_sheet(name: str) -> Worksheet:
        title = sheet_title(name, titles + [LISTS_SHEET, "_smedigital"])
        titles.append(title)
        if len(titles) == 1:
            wb.active.title = title
            return wb.active
        return wb.create_sheet(title)

    instructions = new_sheet(w["sheet.instructions"])
    profile = new_sheet(w["sheet.profile"])
    lists = _Lists(wb.create_sheet(LISTS_SHEET))
    qmap: dict[str, dict[str, Any]] = {}
    profile_map = _profile_sheet(profile, lists, lang, look, sector)

    modules = fw.modules_for(sector) if sector else None
    questions = fw.questions_for(modules)
    for dim in fw.dimensions:
        in_dim = [q for q in questions if fw.dimension_of[q.id] == dim]
        if not in_dim:
            continue
        ws = new_sheet(fw.sections[dim].title.get(lang))
        _question_sheet(ws, fw, dim, in_dim, lists, qmap, lang, look)
    _instructions_sheet(instructions, fw, lang, look, sector)

    # the hidden sheets last, in a fixed order
    wb.move_sheet(LISTS_SHEET, offset=len(wb.sheetnames) - 1 - wb.sheetnames.index(LISTS_SHEET))
    wb[LISTS_SHEET].sheet_state = "hidden"
    wb[LISTS_SHEET].protection.sheet = True
    add_record_sheet(wb, "smedigital template map: which cell holds which answer. Do not edit.", [
        ("format", TEMPLATE_FORMAT),
        ("version", RECORD_VERSION),
        ("generator", f"smedigital {__version__}"),
        ("created_on", (today or _dt.date.today()).isoformat()),
        ("lang", lang),
        ("framework_id", fw.id),
        ("framework_version", fw.version),
        ("sector", sector or ""),
        ("profile_sheet", profile.title),
        ("profile", profile_map),
        ("questions", qmap),
    ])
    for ws in wb.worksheets:
        if ws.sheet_state == "visible":
            _protect(ws)
    wb.security = WorkbookProtection(lockStructure=True)
    wb.active = 0
    return wb


# --------------------------------------------------------------------- instructions and profile

def _instructions_sheet(ws: Worksheet, fw: Framework, lang: str, look: Look, sector: str | None) -> None:
    w = words(lang)
    set_widths(ws, (75,))
    put_text(ws, 1, 1, w["title.template"]).font = look.title
    ws.row_dimensions[1].height = 28
    c = put_text(ws, 2, 1, f"{fw.title.get(lang)} ({fw.id} {fw.version})")
    c.font = look.bold
    c.alignment = WRAP_TOP
    fit_row(ws, 2)
    c = put_text(ws, 3, 1, fw.source.get(lang))
    c.font = look.small
    c.alignment = WRAP_TOP
    fit_row(ws, 3, line_height=12)
    c = put_text(ws, 5, 1, w["instructions"])
    c.font = look.normal
    c.alignment = WRAP_TOP
    fit_row(ws, 5)
    c = put_text(ws, 7, 1, _legend_word(lang))
    _unlock(c)
    c.protection = Protection(locked=True)
    c.font = look.bold
    if sector:
        put_text(ws, 8, 1, f"GB/T 4754-2017: {sector}").font = look.small
    c = put_text(ws, 10, 1, fw.description.get(lang))
    c.font = look.small
    c.alignment = WRAP_TOP
    fit_row(ws, 10, line_height=12)
    print_setup(ws, landscape=False)
    ws.sheet_view.showGridLines = False


def _profile_sheet(ws: Worksheet, lists: _Lists, lang: str, look: Look, sector: str | None) -> dict[str, str]:
    w = words(lang)
    set_widths(ws, (26, 44, 40))
    put_text(ws, 1, 1, w["sheet.profile"]).font = look.title
    ws.row_dimensions[1].height = 26
    header_row(ws, 2, (w["profile.field"], w["profile.value"], w["profile.hint"]), look)
    labels = {"name": w["firm"], "credit_code": w["credit_code"], "industry": w["industry"], "region": w["region"],
              "employees": w["employees"], "revenue_wan": w["revenue_wan"], "assets_wan": w["assets_wan"],
              "contact": w["contact"], "assessor": w["assessor"], "assessed_on": w["assessed_on"]}
    hints = {"credit_code": w["hint.credit_code"], "industry": w["hint.industry"], "employees": w["hint.whole"],
             "revenue_wan": w["hint.number"], "assets_wan": w["hint.number"], "assessed_on": w["hint.date"]}
    out: dict[str, str] = {}
    industries = industry_entries(lang)
    for i, key in enumerate(PROFILE_FIELDS):
        row = 3 + i
        body(put_text(ws, row, 1, labels[key]), look, wrap=False)
        ws.cell(row=row, column=1).font = look.bold
        cell = ws.cell(row=row, column=2)
        body(cell, look, wrap=False)
        _unlock(cell)
        body(put_text(ws, row, 3, hints.get(key, "")), look, wrap=False)
        ws.cell(row=row, column=3).font = look.small
        ref = coordinate(row, 2)
        out[key] = ref
        if key == "credit_code":
            cell.number_format = "@"
            dv = DataValidation(type="textLength", operator="equal", formula1="18", allow_blank=True,
                                showErrorMessage=True, error=w["hint.credit_code"], prompt=w["hint.credit_code"],
                                showInputMessage=True)
            ws.add_data_validation(dv)
            dv.add(ref)
        elif key == "industry":
            _list_validation(ws, lists.ref(industries), w["hint.industry"], w["hint.industry"]).add(ref)
            if sector:
                match = next((e for e in industries if e.split(" ", 1)[0] == sector), None)
                if match:
                    put_text(ws, row, 2, match)
        elif key == "employees":
            dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                                showErrorMessage=True, error=w["hint.whole"])
            ws.add_data_validation(dv)
            dv.add(ref)
        elif key in ("revenue_wan", "assets_wan"):
            dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                                showErrorMessage=True, error=w["hint.number"])
            ws.add_data_validation(dv)
            dv.add(ref)
        elif key == "assessed_on":
            cell.number_format = "yyyy-mm-dd"
            dv = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True,
                                showErrorMessage=True, error=w["hint.date"])
            ws.add_data_validation(dv)
            dv.add(ref)
        else:
            cell.number_format = "@"
    print_setup(ws, landscape=False)
    return out


# --------------------------------------------------------------------- question sheets

# How each question kind is answered in the template (tests/test_kinds_tables.py: one per kind).
KIND_HINTS = texts("export.kind_hints")  # how to answer, per kind (resources/words)


def _kind_hint(q: Question, lang: str) -> str:
    return KIND_HINTS[q.kind].get(lang)


def _question_sheet(ws: Worksheet, fw: Framework, dim: str, questions: list[Question], lists: _Lists,
                    qmap: dict[str, dict[str, Any]], lang: str, look: Look) -> None:
    w = words(lang)
    set_widths(ws, QUESTION_WIDTHS)
    put_text(ws, 1, 1, fw.sections[dim].title.get(lang)).font = look.title
    ws.row_dimensions[1].height = 26
    header_row(ws, 2, ("#", w["question"], "", w["your_answer"], w["na"], w["note"], w["evidence"],
                       _check_word(lang)), look)
    ws.freeze_panes = "A3"
    print_setup(ws, landscape=True, title_rows="2:2")
    yes_no = lists.ref([w["yes"], w["no"]])
    levels_ref = lists.ref(["0", "1", "2", "3", "4"])
    row = 2
    section = None
    number = 0
    for q in questions:
        if q.section != section and q.section != dim:
            section = q.section
            row += 1
            c = put_text(ws, row, 1, fw.sections[section].title.get(lang))
            c.font = look.bold
            c.fill = SUBTLE_FILL
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=COL_CHECK)
        number += 1
        row += 1
        entry: dict[str, Any] = {"sheet": ws.title, "kind": q.kind}
        qmap[q.id] = entry
        text = q.text.get(lang)
        if q.module is not None:
            sectors = ", ".join(fw.modules[q.module].sectors)
            text += w["module_only"].format(sectors=sectors)
        body(put_text(ws, row, COL_NO, str(number)), look)
        body(put_text(ws, row, COL_TEXT, text), look)
        ws.cell(row=row, column=COL_TEXT).font = look.bold
        body(put_text(ws, row, COL_HINT, _kind_hint(q, lang)), look)
        ws.cell(row=row, column=COL_HINT).font = look.small
        checklist = "\n".join(f"· {e.get(lang)}" for e in q.evidence)
        body(put_text(ws, row, COL_CHECK, checklist), look)
        ws.cell(row=row, column=COL_CHECK).font = look.small
        for col in (COL_ANSWER, COL_NA, COL_NOTE, COL_EVIDENCE):
            body(ws.cell(row=row, column=col), look)
        for col, key in ((COL_NOTE, "note"), (COL_EVIDENCE, "evidence")):
            _unlock(ws.cell(row=row, column=col))
            entry[key] = coordinate(row, col)
        if q.na_allowed:
            cell = ws.cell(row=row, column=COL_NA)
            _unlock(cell)
            cell.alignment = CENTER
            _list_validation(ws, yes_no, w["yes_no"], w["yes_no"]).add(cell.coordinate)
            entry["na"] = cell.coordinate
        question_row = row
        row = TEMPLATE_WRITERS[q.kind](_Rows(ws, q, entry, lists, lang, look, yes_no, levels_ref, w), row)
        if "answer" not in entry and "level" not in entry:
            ws.cell(row=question_row, column=COL_ANSWER).fill = SUBTLE_FILL
        fit_row(ws, question_row)



@dataclass
class _Rows:
    """What a question's answer rows are written with."""

    ws: Worksheet
    q: Question
    entry: dict[str, Any]
    lists: _Lists
    lang: str
    look: Look
    yes_no: str
    levels_ref: str
    w: Any  # the words of the language


def _write_single(t: _Rows, row: int) -> int:
    """One option from a list."""
    labels = choice_labels(t.q, t.lang)
    cell = t.ws.cell(row=row, column=COL_ANSWER)
    _unlock(cell)
    _list_validation(t.ws, t.lists.ref([lb for lb, _ in labels]), t.w["pick_one"], t.w["pick_one"]).add(
        cell.coordinate)
    t.entry["answer"] = cell.coordinate
    t.entry["choices"] = labels
    for label, _ in labels:
        row += 1
        c = put_text(t.ws, row, COL_TEXT, f"○ {label}")
        c.font = t.look.grey
        c.alignment = Alignment(wrap_text=True, vertical="top", indent=1)
        fit_row(t.ws, row)
    return row


def _write_multi(t: _Rows, row: int) -> int:
    """Yes/no for each option."""
    t.entry["options"] = {}
    for label, oid in choice_labels(t.q, t.lang):
        row += 1
        c = put_text(t.ws, row, COL_TEXT, f"☐ {label}")
        c.font = t.look.normal
        c.alignment = Alignment(wrap_text=True, vertical="top", indent=1)
        cell = t.ws.cell(row=row, column=COL_ANSWER)
        body(cell, t.look, wrap=False)
        _unlock(cell)
        cell.alignment = CENTER
        _list_validation(t.ws, t.yes_no, t.w["yes_no"], t.w["yes_no"]).add(cell.coordinate)
        t.entry["options"][cell.coordinate] = oid
        fit_row(t.ws, row)
    return row


def _write_measured(t: _Rows, row: int, pick: str) -> int:
    """Each raw number, then the option to pick when the numbers are not known (``pick``: the word of
    that row, band or direction)."""
    t.entry["inputs"] = {}
    for inp in t.q.inputs:
        row += 1
        unit = paren("", inp.unit.get(t.lang), t.lang) if inp.unit else ""
        c = put_text(t.ws, row, COL_TEXT, f"{inp.label.get(t.lang)}{unit}")
        c.alignment = Alignment(wrap_text=True, vertical="top", indent=1)
        c.font = t.look.normal
        put_text(t.ws, row, COL_HINT, t.w["input"]).font = t.look.small
        cell = t.ws.cell(row=row, column=COL_ANSWER)
        body(cell, t.look, wrap=False)
        _unlock(cell)
        cell.number_format = "General"
        dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                            showErrorMessage=True, error=t.w["hint.number"])
        t.ws.add_data_validation(dv)
        dv.add(cell.coordinate)
        t.entry["inputs"][cell.coordinate] = inp.id
        fit_row(t.ws, row)
    row += 1
    labels = choice_labels(t.q, t.lang)
    c = put_text(t.ws, row, COL_TEXT, t.w[pick])
    c.alignment = Alignment(wrap_text=True, vertical="top", indent=1)
    c.font = t.look.grey
    cell = t.ws.cell(row=row, column=COL_ANSWER)
    body(cell, t.look, wrap=False)
    _unlock(cell)
    _list_validation(t.ws, t.lists.ref([lb for lb, _ in labels]), t.w["pick_one"], t.w["pick_one"]).add(
        cell.coordinate)
    t.entry["choice"] = cell.coordinate
    t.entry["choices"] = labels
    fit_row(t.ws, row)
    return row


def _write_leveled(t: _Rows, row: int) -> int:
    """A level 0-4, under the descriptor of each level."""
    cell = t.ws.cell(row=row, column=COL_ANSWER)
    _unlock(cell)
    cell.alignment = CENTER
    _list_validation(t.ws, t.levels_ref, t.w["pick_level"], t.w["pick_level"]).add(cell.coordinate)
    t.entry["level"] = cell.coordinate
    for n in range(0, 5):
        if n not in t.q.levels and n != 0:
            continue
        row += 1
        c = put_text(t.ws, row, COL_TEXT, level_words(t.q, n, t.lang))
        c.font = t.look.grey
        c.alignment = Alignment(wrap_text=True, vertical="top", indent=1)
        fit_row(t.ws, row)
    return row


# The answer rows of each question kind (tests/test_kinds_tables.py: one per kind of the core registry).
TEMPLATE_WRITERS: dict[str, Callable[[_Rows, int], int]] = {
    "single": _write_single,
    "multi": _write_multi,
    "ratio_band": functools.partial(_write_measured, pick="band"),
    "trend": functools.partial(_write_measured, pick="direction"),
    "scene": _write_leveled,
    "scale": _write_leveled,
}


def _check_word(lang: str) -> str:
    return words(lang)["evidence_to_prepare"]


def _legend_word(lang: str) -> str:
    return words(lang)["yellow_cells"]
