"""The improvement plan workbook (.xlsx): summary with native charts, answers, plan, roadmap, scenes.

Sheets, named in the workbook's language:

* **Summary** (概览): firm, date, framework, total, level, stage, the gap to
  the next level in words, dimension and pillar tables with a native Excel
  radar chart and bar chart, what the plan is expected to reach, and a note on
  the hidden record sheet.
* **Answers** (答题明细): every question with its answer in words, points of
  maximum, not applicable, note and evidence.
* **Plan** (改进计划): one row per plan item; status is a drop-down, owner,
  due date and notes are for the firm to keep up to date (``smedigital-cli
  import`` reads them back by the hidden key column).
* **Roadmap** (路线图): each item with its phase's months and its own (``2027-02–2027-11``, as the plan page
  and the report name them), and a Gantt grid by quarter marked with ■.
* **Scenes** (场景热力图), for frameworks with scenes: scenes × levels 0-4.
* ``_smedigital`` (hidden): the machine-readable record, see :mod:`.record`.

Every score is written as a value, never a formula; every text from people
goes through :func:`~smedigital.export.cells.put_text`.
"""

from __future__ import annotations

import datetime as _dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from openpyxl.chart import BarChart, RadarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.text import RichText, Text
from openpyxl.chart.title import Title
from openpyxl.drawing.text import CharacterProperties, Paragraph, ParagraphProperties, RegularTextRun
from openpyxl.drawing.text import Font as DrawingFont
from openpyxl.formatting.rule import CellIsRule, ColorScaleRule, FormulaRule
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from smedigital import __version__
from smedigital.core.actions import ActionsError
from smedigital.core.assessment import Assessment, dumps_assessment
from smedigital.core.framework import PILLARS, Framework
from smedigital.core.plan_subsidy import PlanSubsidy
from smedigital.core.planning import (
    PHASE_LABELS,
    STATUS_LABELS,
    STATUSES,
    ImprovementPlan,
    PlanItem,
    build_plan,
    with_plan,
    with_planned_suggestions,
)
from smedigital.core.scoring import Result
from smedigital.core.wording import SCORE_NUMBER_FORMAT, describe_gap, fmt_score, pillar_name
from smedigital.core.words import paren

from .cells import put_number, put_text, sheet_title
from .package import save_workbook, set_properties
from .record import (
    RECORD_VERSION,
    WORKBOOK_FORMAT,
    add_record_sheet,
    coordinate,
    record_checksum,
    scores_of,
    sign_workbook_record,
    xml_safe_json,
)
from .styles import (
    BORDER,
    CENTER,
    FONT_NAME,
    LEVEL_FILL,
    MARK_BORDER,
    PHASE_FILL,
    STATUS_FILL,
    SUBTLE_FILL,
    WRAP_TOP,
    Look,
    body,
    fit_row,
    header_row,
    print_setup,
    row_height_for,
    set_widths,
)
from .subsidy import state_word, subsidy_of, summary_line
from .words import answer_in_words, section_path, step_words, words

# Plan sheet columns (1-based); the key column is hidden and lets import find an item after sorting.
PLAN_COLUMNS = ("phase", "priority", "action", "dimension", "question", "from_to", "effort", "cost_min",
                "cost_max", "duration", "start", "owner", "due", "status", "done_evidence", "note", "key")
PLAN_COL = {name: i + 1 for i, name in enumerate(PLAN_COLUMNS)}
PLAN_WIDTHS = (12, 7, 30, 12, 13, 20, 8, 11, 11, 7, 8, 10, 11, 9, 28, 16, 4)
EDITABLE_PLAN_FIELDS = ("owner", "due", "status", "note")


def plan_status_label(status: str, lang: str) -> str:
    return STATUS_LABELS[status].get(lang)


def status_from_label(text: str) -> str | None:
    """The status id of a label in either language (or of the id itself)."""
    t = text.strip().lower()
    for status, label in STATUS_LABELS.items():
        if t in (status, status.replace("_", " "), label.zh.lower(), label.en.lower()):
            return status
    return None


def _plan_for(assessment: Assessment, plan: ImprovementPlan | None) -> ImprovementPlan | None:
    if plan is not None:
        return plan
    try:
        return build_plan(assessment)
    except ActionsError:  # no action library for this framework: the workbook goes without a plan
        return None


def write_plan_workbook(assessment: Assessment, path: str | Path, lang: str = "zh",
                        plan: ImprovementPlan | None = None, *, now: _dt.datetime | None = None) -> None:
    """Write the improvement plan workbook; ``plan`` None = plan for the next level when possible."""
    save_workbook(build_plan_workbook(assessment, lang, plan, now=now), path)


def build_plan_workbook(assessment: Assessment, lang: str = "zh", plan: ImprovementPlan | None = None, *,
                        now: _dt.datetime | None = None) -> Workbook:
    lang = "en" if lang == "en" else "zh"
    fw = assessment.framework
    result = with_planned_suggestions(assessment, assessment.score(fw))  # suggestions come from the planner
    plan = _plan_for(assessment, plan)
    if plan is not None and plan.items:
        assessment = with_plan(assessment, plan)
    w = words(lang)
    look = Look(lang)
    wb = Workbook()
    set_properties(wb, assessment.company.name or assessment.assessor, w["title.workbook"])
    titles: list[str] = []

    def new_sheet(key: str) -> Worksheet:
        title = sheet_title(w[key], titles)
        titles.append(title)
        if len(titles) == 1:
            ws = wb.active
            ws.title = title
            return ws
        return wb.create_sheet(title)

    summary = new_sheet("sheet.summary")
    visible = _summary_sheet(summary, assessment, fw, result, plan, lang, look)
    _answers_sheet(new_sheet("sheet.answers"), assessment, fw, result, lang, look)
    plan_ws = new_sheet("sheet.plan")
    _plan_sheet(plan_ws, fw, plan, lang, look)
    _roadmap_sheet(new_sheet("sheet.roadmap"), fw, plan, lang, look)
    if fw.scenes:
        _scenes_sheet(new_sheet("sheet.scenes"), fw, result, plan, lang, look)
    subsidy, why = subsidy_of(plan, lang)
    if subsidy is not None or why:
        sub_ws = new_sheet("sheet.subsidy")
        _subsidy_sheet(sub_ws, fw, plan, subsidy, why, lang, look)
        _plan_subsidy_note(plan_ws, subsidy, why, sub_ws.title, lang, look)

    scores = scores_of(result)
    record_text = dumps_assessment(assessment)
    checksum = record_checksum(json.loads(record_text), scores)
    stamp = (now or _dt.datetime.now()).replace(microsecond=0).isoformat()
    signature = sign_workbook_record(json.loads(record_text), scores, stamp)
    add_record_sheet(wb, "smedigital machine-readable record (see the note on the first sheet). Do not edit.", [
        ("format", WORKBOOK_FORMAT),
        ("version", RECORD_VERSION),
        ("generator", f"smedigital {__version__}"),
        ("exported_at", stamp),
        ("lang", lang),
        ("framework_id", fw.id),
        ("framework_version", fw.version),
        ("company", assessment.company.to_dict()),
        ("summary_sheet", summary.title),
        ("visible", visible),
        ("scores", scores),
        ("plan_sheet", plan_ws.title),
        ("plan_columns", {k: get_column_letter(PLAN_COL[k]) for k in ("key", *EDITABLE_PLAN_FIELDS)}),
        ("assessment", xml_safe_json(record_text)),
        ("checksum", checksum),
        *([("signature", signature)] if signature else []),
    ])
    wb.active = 0
    return wb


# --------------------------------------------------------------------- summary

def _label_value(ws: Worksheet, row: int, label: str, value: Any, look: Look, bold: bool = False) -> None:
    c = put_text(ws, row, 1, label)
    c.font = look.bold
    c.alignment = WRAP_TOP
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        v = put_number(ws, row, 2, value, SCORE_NUMBER_FORMAT)
    else:
        v = put_text(ws, row, 2, value)
    v.font = look.big if bold else look.normal
    v.alignment = WRAP_TOP


def _industry_words(code: str, lang: str) -> str:
    if not code:
        return ""
    try:
        from smedigital.core.profile import industry_name

        return f"{code} {industry_name(code).get(lang)}"
    except ValueError:
        return code


def _summary_sheet(ws: Worksheet, a: Assessment, fw: Framework, result: Result, plan: ImprovementPlan | None,
                   lang: str, look: Look) -> dict[str, str]:
    """Fill the summary; returns which cell shows which score (for the record)."""
    w = words(lang)
    set_widths(ws, (26, 16, 12, 16, 3, 12, 12, 12, 12, 12, 12))
    _summary_heading(ws, fw, lang, look, w)
    row = _summary_firm(ws, 4, a, fw, lang, look, w) + 1
    visible: dict[str, str] = {}
    row = _summary_result(ws, row, fw, result, lang, look, w, visible) + 1
    dims = _summary_dimensions(ws, row, fw, result, lang, look, w, visible)
    pillars = _summary_pillars(ws, dims[1] + 2, fw, result, lang, look, w, visible)
    row = _summary_expected(ws, pillars[1] + 2, plan, lang, look, w)
    stamp_row = _summary_record_note(ws, row, look, w)
    _summary_charts(ws, dims, pillars, lang, w)
    print_setup(ws, landscape=True, one_page=True)
    ws.print_area = f"A1:K{max(stamp_row, 36)}"
    ws.sheet_view.showGridLines = False
    return visible


def _summary_heading(ws: Worksheet, fw: Framework, lang: str, look: Look, w: Mapping[str, str]) -> None:
    """Rows 1-2: the workbook's title and the framework with its id and version."""
    c = put_text(ws, 1, 1, w["title.workbook"])
    c.font = look.title
    ws.merge_cells("A1:D1")
    ws.row_dimensions[1].height = 28
    c = put_text(ws, 2, 1, paren(fw.title.get(lang), f"{fw.id} {fw.version}", lang))
    c.font = look.subtitle
    ws.merge_cells("A2:K2")


def _summary_firm(ws: Worksheet, row: int, a: Assessment, fw: Framework, lang: str, look: Look,
                  w: Mapping[str, str]) -> int:
    """Who was assessed, when, by whom and against what, from ``row``; returns the row after them."""
    info = [(w["firm"], a.company.name), (w["credit_code"], a.company.credit_code),
            (w["industry"], _industry_words(a.company.industry, lang)), (w["assessed_on"], a.assessed_on),
            (w["assessor"], a.assessor), (w["framework"], fw.short_title.get(lang) if fw.short_title
                                          else fw.title.get(lang))]
    for label, value in info:
        _label_value(ws, row, label, value, look)
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
        fit_row(ws, row, merged={2: 44})
        row += 1
    return row


def _merged_value_row(ws: Worksheet, row: int) -> None:
    """A value in B-D of ``row``, its height fitted to the text."""
    ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
    fit_row(ws, row, merged={2: 44})


def _summary_result(ws: Worksheet, row: int, fw: Framework, result: Result, lang: str, look: Look,
                    w: Mapping[str, str], visible: dict[str, str]) -> int:
    """The total, level and stage (their cells noted in ``visible``), the framework's caveat, the gap to the
    next level and whether answers are missing; returns the row after them."""
    _label_value(ws, row, w["total"], round(float(result.total_score), 4), look, bold=True)
    put_text(ws, row, 3, w["of100"].strip()).font = look.small
    visible["total"] = coordinate(row, 2)
    row += 1
    ws.row_dimensions[row].height = 20
    row += 1
    for key, value in (("level", result.level_label(lang)), ("stage", result.stage.label.get(lang))):
        _label_value(ws, row, w[key], value, look, bold=True)
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
        visible[key] = coordinate(row, 2)
        fit_row(ws, row, minimum=20, line_height=18, merged={2: 44})
        row += 1
    if fw.caveat:  # what the level is: a pre-assessment, not an official rating
        c = put_text(ws, row, 2, fw.caveat.get(lang))
        c.font = look.small
        c.alignment = WRAP_TOP
        _merged_value_row(ws, row)
        row += 1
    gap_lines = [ln.strip() for ln in describe_gap(result, lang)]
    _label_value(ws, row, w["gap"], "\n".join(gap_lines), look)
    _merged_value_row(ws, row)
    row += 1
    if not result.complete:
        c = put_text(ws, row, 2, w["incomplete"].format(n=len(result.unanswered)))
        c.font = look.small
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
        row += 1
    return row


def _summary_dimensions(ws: Worksheet, row: int, fw: Framework, result: Result, lang: str, look: Look,
                        w: Mapping[str, str], visible: dict[str, str]) -> tuple[int, int]:
    """The dimension table (the radar's data) with its header at ``row``; returns its first and last data rows."""
    header_row(ws, row, (w["dimension"], w["points"], w["max_points"], w["score"]), look)
    first = row + 1
    for s in result.dimension_scores():
        row += 1
        body(put_text(ws, row, 1, fw.sections[s.id].title.get(lang)), look, wrap=False)
        body(put_number(ws, row, 2, round(float(s.points), 4), SCORE_NUMBER_FORMAT), look, wrap=False)
        body(put_number(ws, row, 3, round(float(s.max_points), 4), "General"), look, wrap=False)
        body(put_number(ws, row, 4, round(float(s.score), 4), SCORE_NUMBER_FORMAT), look, wrap=False)
        visible[f"dimensions.{s.id}"] = coordinate(row, 4)
    return first, row


def _summary_pillars(ws: Worksheet, row: int, fw: Framework, result: Result, lang: str, look: Look,
                     w: Mapping[str, str], visible: dict[str, str]) -> tuple[int, int]:
    """The pillar table (the bar chart's data) with the stage thresholds beside the scores, its header at
    ``row``; returns its first and last data rows."""
    threshold = {t.pillar: float(t.min_score) for t in fw.stage_rule}
    header_row(ws, row, (w["pillar"], w["pillar_score"], _threshold_word(lang)), look)
    ws.row_dimensions[row].height = 30
    first = row + 1
    for p in PILLARS:
        row += 1
        body(put_text(ws, row, 1, pillar_name(p, lang)), look, wrap=False)
        body(put_number(ws, row, 2, round(float(result.pillars[p]), 4), SCORE_NUMBER_FORMAT), look, wrap=False)
        body(put_number(ws, row, 3, threshold.get(p, 0.0), "0"), look, wrap=False)
        visible[f"pillars.{p}"] = coordinate(row, 2)
    return first, row


def _summary_expected(ws: Worksheet, row: int, plan: ImprovementPlan | None, lang: str, look: Look,
                      w: Mapping[str, str]) -> int:
    """What the plan is expected to reach and cost (when it has items); returns the row after it."""
    if plan is None or not plan.items:
        return row
    c = put_text(ws, row, 1, w["expected"])
    c.font = look.bold
    row += 1
    exp = plan.expected
    for label, value in ((w["plan_total"], round(float(exp.total_score), 4)),
                         (w["plan_level"], exp.level_label(lang)),
                         (w["plan_stage"], exp.stage.label.get(lang)),
                         (w["cost_total"], f"{plan.cost_min:,} – {plan.cost_max:,}")):
        _label_value(ws, row, label, value, look)
        row += 1
    return row + 1


def _summary_record_note(ws: Worksheet, row: int, look: Look, w: Mapping[str, str]) -> int:
    """The note on the record's hidden sheet at ``row`` and the program's version below it; returns that row."""
    note = put_text(ws, row, 1, w["record_note"])
    note.font = look.small
    note.alignment = WRAP_TOP
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
    ws.row_dimensions[row].height = row_height_for([(w["record_note"], 66)], line_height=12)
    stamp_row = row + 1
    put_text(ws, stamp_row, 1, f"smedigital {__version__}").font = look.small
    return stamp_row


def _summary_charts(ws: Worksheet, dims: tuple[int, int], pillars: tuple[int, int], lang: str,
                    w: Mapping[str, str]) -> None:
    """The native radar (dimensions) and bar chart (pillars against the stage thresholds) beside the tables."""
    radar = RadarChart()
    radar.type = "marker"
    radar.style = 26
    radar.title = _chart_title(w["radar"], lang)
    radar.add_data(Reference(ws, min_col=4, min_row=dims[0] - 1, max_row=dims[1]), titles_from_data=True)
    radar.set_categories(Reference(ws, min_col=1, min_row=dims[0], max_row=dims[1]))
    radar.y_axis.scaling.min = 0
    radar.y_axis.scaling.max = 100
    radar.y_axis.majorUnit = 20
    radar.y_axis.delete = False
    radar.x_axis.delete = False
    radar.legend = None
    radar.x_axis.txPr = _axis_text(lang)
    radar.y_axis.txPr = _axis_text(lang, 700)
    radar.y_axis.number_format = "0"
    radar.height, radar.width = 7.5, 11.5
    ws.add_chart(radar, "F4")

    bars = BarChart()
    bars.type = "col"
    bars.style = 10
    bars.title = _chart_title(w["bars"], lang)
    bars.add_data(Reference(ws, min_col=2, max_col=3, min_row=pillars[0] - 1, max_row=pillars[1]),
                  titles_from_data=True)
    bars.set_categories(Reference(ws, min_col=1, min_row=pillars[0], max_row=pillars[1]))
    bars.y_axis.scaling.min = 0
    bars.y_axis.scaling.max = 100
    bars.y_axis.majorUnit = 20
    bars.y_axis.delete = False
    bars.x_axis.delete = False
    bars.dataLabels = DataLabelList(showVal=True, showSerName=False, showCatName=False, showLegendKey=False,
                                    showPercent=False, showLeaderLines=False)
    bars.x_axis.txPr = _axis_text(lang)
    bars.y_axis.txPr = _axis_text(lang, 800)
    bars.legend.position = "b"
    bars.height, bars.width = 7.5, 11.5
    ws.add_chart(bars, "F20")


def _chart_title(text: str, lang: str, size: int = 1100) -> Title:
    """A chart title in the workbook's font at a modest size (Excel's default is 18 pt)."""
    face = DrawingFont(typeface=FONT_NAME.get(lang, FONT_NAME["zh"]))
    props = CharacterProperties(sz=size, b=True, latin=face, ea=face)
    para = Paragraph(pPr=ParagraphProperties(defRPr=props), r=[RegularTextRun(rPr=props, t=text)])
    return Title(tx=Text(rich=RichText(p=[para])), overlay=False)


def _axis_text(lang: str, size: int = 900) -> RichText:
    face = DrawingFont(typeface=FONT_NAME.get(lang, FONT_NAME["zh"]))
    props = CharacterProperties(sz=size, latin=face, ea=face)
    return RichText(p=[Paragraph(pPr=ParagraphProperties(defRPr=props), endParaRPr=props)])


def _threshold_word(lang: str) -> str:
    return words(lang)["stage_threshold"]


# --------------------------------------------------------------------- answers

def _answers_sheet(ws: Worksheet, a: Assessment, fw: Framework, result: Result, lang: str, look: Look) -> None:
    w = words(lang)
    titles = (w["section"], w["question"], w["answer"], w["points"], w["max_points"], w["na"], w["note"],
              w["evidence"], w["question_id"])
    set_widths(ws, (16, 34, 38, 7, 7, 7, 24, 24, 14))
    header_row(ws, 1, titles, look)
    ws.row_dimensions[1].height = 20
    row = 1
    for q in fw.questions:
        qr = result.questions.get(q.id)
        if qr is None:
            continue
        row += 1
        ans = a.answers.get(q.id)
        note = ans.note if ans else ""
        evidence = "\n".join(ans.evidence) if ans else ""
        texts = {1: section_path(fw, q, lang), 2: q.text.get(lang), 3: answer_in_words(q, ans, lang),
                 6: w["yes"] if qr.na else "", 7: note, 8: evidence, 9: q.id}
        for col, v in texts.items():
            body(put_text(ws, row, col, v), look)
        if qr.na:
            for col in (4, 5):
                body(ws.cell(row=row, column=col), look)
        else:
            body(put_number(ws, row, 4, round(float(qr.points), 4), "General"), look)
            body(put_number(ws, row, 5, round(float(q.max_points), 4), "General"), look)
        ws.cell(row=row, column=6).alignment = CENTER
        ws.cell(row=row, column=9).font = look.small
        fit_row(ws, row)
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(titles))}{max(row, 2)}"
    print_setup(ws, landscape=True, title_rows="1:1")


# --------------------------------------------------------------------- plan

def _plan_sheet(ws: Worksheet, fw: Framework, plan: ImprovementPlan | None, lang: str, look: Look) -> None:
    w = words(lang)
    items = [i for ph in plan.phases for i in ph.items] if plan is not None else []
    if plan is None or not items:
        _plan_empty(ws, plan, lang, look, w)
        return
    _plan_header(ws, lang, look, w)
    row = 1
    for item in items:
        row += 1
        _plan_item_row(ws, row, fw, item, lang, look, w)
    last = row
    ws.auto_filter.ref = f"A1:{get_column_letter(PLAN_COL['note'])}{last}"
    _plan_editing_aids(ws, last, lang, w)
    _plan_totals(ws, last + 2, plan, lang, look, w)


def _plan_empty(ws: Worksheet, plan: ImprovementPlan | None, lang: str, look: Look, w: Mapping[str, str]) -> None:
    """A plan without items: why there is none, in one cell."""
    message = plan.message.get(lang) if plan is not None and plan.message else w["no_plan"]
    set_widths(ws, (80,))
    c = put_text(ws, 1, 1, message)
    c.font = look.bold
    c.alignment = WRAP_TOP
    print_setup(ws, landscape=False)


def _plan_header(ws: Worksheet, lang: str, look: Look, w: Mapping[str, str]) -> None:
    """The column titles in row 1 (frozen, repeated on every printed page), the widths, the hidden key column."""
    titles = {"phase": w["phase"], "priority": w["priority"], "action": w["action"], "dimension": w["dimension"],
              "question": w["question"], "from_to": w["from_to"], "effort": w["effort"],
              "cost_min": _cost_word(lang, "min"), "cost_max": _cost_word(lang, "max"), "duration": w["duration"],
              "start": w["start"], "owner": w["owner"], "due": w["due"], "status": w["status"],
              "done_evidence": w["done_evidence"], "note": w["note"], "key": "key"}
    header_row(ws, 1, [titles[k] for k in PLAN_COLUMNS], look)
    set_widths(ws, PLAN_WIDTHS)
    ws.column_dimensions[get_column_letter(PLAN_COL["key"])].hidden = True
    ws.row_dimensions[1].height = 32
    ws.freeze_panes = "A2"
    print_setup(ws, landscape=True, title_rows="1:1")


def _plan_item_row(ws: Worksheet, row: int, fw: Framework, item: PlanItem, lang: str, look: Look,
                   w: Mapping[str, str]) -> None:
    """One plan item in ``row``: words, numbers, the due date as a date when it is one."""
    col = PLAN_COL
    q = fw.question(item.question_id)
    action = item.action
    values: dict[str, Any] = {
        "phase": PHASE_LABELS[item.phase].get(lang),
        "action": action.title.get(lang) if action else q.label.get(lang),
        "dimension": fw.sections[fw.dimension_of[q.id]].title.get(lang),
        "question": q.label.get(lang),
        "from_to": step_words(fw, q.id, item.from_value, item.to_value, lang),
        "effort": w[f"effort.{item.effort}"] if f"effort.{item.effort}" in w else str(item.effort),
        "start": item.first_month,  # the month: two phases can start in one quarter, one after the other
        "owner": item.owner,
        "status": plan_status_label(item.status, lang),
        "done_evidence": action.evidence.get(lang) if action else "",
        "note": item.notes,
        "key": item.key,
    }
    for name, value in values.items():
        body(put_text(ws, row, col[name], value), look)
    body(put_number(ws, row, col["priority"], item.priority, "0.0"), look)
    body(put_number(ws, row, col["cost_min"], item.cost_min, "#,##0"), look)
    body(put_number(ws, row, col["cost_max"], item.cost_max, "#,##0"), look)
    body(put_number(ws, row, col["duration"], item.duration_months, "0"), look)
    due_cell = ws.cell(row=row, column=col["due"])
    body(due_cell, look)
    if item.due:
        try:
            due_cell.value = _dt.date.fromisoformat(item.due)
            due_cell.number_format = "yyyy-mm-dd"
        except ValueError:
            put_text(ws, row, col["due"], item.due)
    else:
        due_cell.number_format = "yyyy-mm-dd"
    for name in ("priority", "effort", "duration", "start", "status"):
        ws.cell(row=row, column=col[name]).alignment = CENTER
    fit_row(ws, row)


def _plan_editing_aids(ws: Worksheet, last: int, lang: str, w: Mapping[str, str]) -> None:
    """For the owner editing rows 2-``last`` in Excel: the status list and date checks, the editable columns
    shaded, each status coloured, dropped items struck through, priority as a colour scale."""
    col = PLAN_COL
    letter = {k: get_column_letter(v) for k, v in col.items()}
    labels = [plan_status_label(s, lang) for s in STATUSES]
    dv = DataValidation(type="list", formula1='"' + ",".join(labels) + '"', allow_blank=False,
                        showErrorMessage=True, errorTitle=w["status"], error=w["status_hint"],
                        promptTitle=w["status"], prompt=w["status_hint"], showInputMessage=True)
    dv.add(f"{letter['status']}2:{letter['status']}{last}")
    ws.add_data_validation(dv)
    due = DataValidation(type="date", operator="greaterThan", formula1="36526", allow_blank=True,
                         showErrorMessage=True, error="yyyy-mm-dd")
    due.add(f"{letter['due']}2:{letter['due']}{last}")
    ws.add_data_validation(due)
    for name in ("owner", "due", "status", "note"):
        for r in range(2, last + 1):
            ws.cell(row=r, column=col[name]).fill = PatternFill("solid", fgColor="FFF7CC")

    status_range = f"{letter['status']}2:{letter['status']}{last}"
    for status, label in zip(STATUSES, labels, strict=True):
        ws.conditional_formatting.add(status_range, CellIsRule(
            operator="equal", formula=[f'"{label}"'], fill=PatternFill("solid", fgColor=STATUS_FILL[status],
                                                                       bgColor=STATUS_FILL[status])))
    dropped = labels[STATUSES.index("dropped")]
    ws.conditional_formatting.add(f"A2:{letter['note']}{last}", FormulaRule(
        formula=[f'${letter["status"]}2="{dropped}"'], font=Font(color="808080", strike=True)))
    ws.conditional_formatting.add(f"{letter['priority']}2:{letter['priority']}{last}", ColorScaleRule(
        start_type="min", start_color="FFFFFF", end_type="max", end_color="F8696B"))


def _plan_totals(ws: Worksheet, row: int, plan: ImprovementPlan, lang: str, look: Look,
                 w: Mapping[str, str]) -> None:
    """Below the items from ``row``: the total cost, each phase's cost and length, what the plan is expected
    to reach, the plan's message and the status hint; the print area ends with them."""
    col = PLAN_COL
    put_text(ws, row, col["action"], w["cost_total"]).font = look.bold
    put_number(ws, row, col["cost_min"], plan.cost_min, "#,##0").font = look.bold
    put_number(ws, row, col["cost_max"], plan.cost_max, "#,##0").font = look.bold
    row += 1
    for ph in plan.phases:
        put_text(ws, row, col["action"], f"{ph.label(lang)} · {ph.months}").font = look.normal
        put_number(ws, row, col["cost_min"], ph.cost_min, "#,##0").font = look.normal
        put_number(ws, row, col["cost_max"], ph.cost_max, "#,##0").font = look.normal
        put_number(ws, row, col["duration"], ph.duration_months, "0").font = look.normal
        row += 1
    row += 1
    exp = plan.expected
    text = w["expected_line"].format(expected=w["expected"], total=w["total"].lower(),  # 总分 has no case
                                     score=fmt_score(exp.total_score), level=exp.level_label(lang),
                                     stage=exp.stage.label.get(lang))
    put_text(ws, row, col["action"], text).font = look.bold
    if plan.message:
        put_text(ws, row + 1, col["action"], plan.message.get(lang)).font = look.small
    put_text(ws, row + 2, col["action"], w["status_hint"]).font = look.small
    ws.print_area = f"A1:{get_column_letter(col['note'])}{row + 2}"


def _plan_subsidy_note(ws: Worksheet, sub: PlanSubsidy | None, why: str | None, sheet: str, lang: str,
                       look: Look) -> None:
    """Below the plan: the subsidy figures in one line, with the pack's caveats right under it."""
    row = ws.max_row + 2
    lines = [summary_line(sub, lang, sheet)] if sub is not None else [why or ""]
    if sub is not None:
        lines += [f"! {c.get(lang)}" for c in sub.caveats]
    for i, text in enumerate(lines):
        c = put_text(ws, row + i, PLAN_COL["action"], text)
        c.font = look.bold if i == 0 else look.small
    last = get_column_letter(PLAN_COL["note"])
    ws.print_area = f"A1:{last}{row + len(lines) - 1}"


def _subsidy_sheet(ws: Worksheet, fw: Framework, plan: ImprovementPlan | None, sub: PlanSubsidy | None,
                   why: str | None, lang: str, look: Look) -> None:
    """The rule pack chosen with the plan: caveats first, the figures, each step's eligibility, the conditions."""
    w = words(lang)
    set_widths(ws, (40, 16, 16, 16, 70))
    print_setup(ws, landscape=True)
    c = put_text(ws, 1, 1, w["report.subsidy"])
    c.font = look.title
    if sub is None or plan is None:
        put_text(ws, 3, 1, why or "").font = look.bold
        return
    row = 3
    put_text(ws, row, 1, f"{w['subsidy.pack']}: {sub.pack.title.get(lang)}").font = look.big
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
    row += 2
    put_text(ws, row, 1, w["subsidy.caveats"]).font = look.bold
    for cav in sub.caveats:
        row += 1
        cell = put_text(ws, row, 1, f"! {cav.get(lang)}")
        cell.font = Font(name=look.bold.name, size=10, bold=True, color="C00000")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
        cell.alignment = WRAP_TOP
        ws.row_dimensions[row].height = 30
    e = sub.estimate
    row += 2
    lo, hi = w["subsidy.low"], w["subsidy.high"]
    header_row(ws, row, ["", f"{w['subsidy.eligible_cost']} {lo}", f"{w['subsidy.eligible_cost']} {hi}",
                         f"{w['subsidy.estimate']} {lo}", f"{w['subsidy.estimate']} {hi}"], look)
    ws.row_dimensions[row].height = 32
    row += 1
    put_text(ws, row, 1, w["subsidy.total"]).font = look.bold
    put_number(ws, row, 2, e.eligible.min, "#,##0").font = look.bold
    put_number(ws, row, 3, e.eligible.max, "#,##0").font = look.bold
    if e.subsidy is not None:
        put_number(ws, row, 4, e.subsidy.min, "#,##0").font = look.bold
        put_number(ws, row, 5, e.subsidy.max, "#,##0").font = look.bold
    else:
        put_text(ws, row, 4, w["subsidy.no_rate"]).font = look.bold
    row += 2
    header_row(ws, row, [w["action"], w["subsidy.eligibility"], _cost_word(lang, "min"), _cost_word(lang, "max"),
                         w["subsidy.reason"]], look)
    counted = {i.key: i for i in sub.items}
    for item in plan.items:
        row += 1
        el = counted.get(item.key)
        title = item.action.title.get(lang) if item.action else fw.question(item.question_id).label.get(lang)
        body(put_text(ws, row, 1, title), look)
        body(put_text(ws, row, 2, el.label.get(lang) if el else ""), look)
        body(put_number(ws, row, 3, el.eligible_min if el else 0, "#,##0"), look)
        body(put_number(ws, row, 4, el.eligible_max if el else 0, "#,##0"), look)
        body(put_text(ws, row, 5, el.reason.get(lang) if el else ""), look)
        if el is not None:
            colour = {"eligible": "E2EFDA", "partly": "FFF2CC", "not": "EDEDED"}[el.status]
            ws.cell(row=row, column=2).fill = PatternFill("solid", fgColor=colour)
        fit_row(ws, row)
    row += 2
    header_row(ws, row, [w["subsidy.conditions"], w["subsidy.state"], "", "", ""], look)
    for cond in sub.conditions:
        row += 1
        body(put_text(ws, row, 1, cond.text.get(lang)), look)
        body(put_text(ws, row, 2, state_word(cond.met, lang)), look)
        colour = "E2EFDA" if cond.met else "F8CBAD" if cond.met is False else "FFF2CC"
        ws.cell(row=row, column=2).fill = PatternFill("solid", fgColor=colour)
        fit_row(ws, row)
    ws.print_area = f"A1:E{row}"


def _cost_word(lang: str, end: str) -> str:
    return words(lang)["cost_from" if end == "min" else "cost_to"]


# --------------------------------------------------------------------- roadmap

def _quarter_label(start: _dt.date, index: int) -> str:
    m = start.month - 1 + 3 * index
    return f"{start.year + m // 12}Q{(m % 12) // 3 + 1}"


def _month_label(start: _dt.date, index: int) -> str:
    """The calendar month ``index`` months after ``start``'s, as the plan names it (``2027-02``)."""
    m = start.month - 1 + index
    return f"{start.year + m // 12}-{m % 12 + 1:02d}"


def _item_months(start: _dt.date, item: PlanItem) -> str:
    """The months an item runs in, as a phase's: ``2027-02`` or ``2027-02–2027-11``."""
    last = _month_label(start, max(item.start_month, item.end_month - 1))
    return item.first_month if last == item.first_month else f"{item.first_month}–{last}"


def _roadmap_sheet(ws: Worksheet, fw: Framework, plan: ImprovementPlan | None, lang: str, look: Look) -> None:
    w = words(lang)
    items = [i for ph in plan.phases for i in ph.items] if plan is not None else []
    if not items or plan is None:
        set_widths(ws, (80,))
        c = put_text(ws, 1, 1, plan.message.get(lang) if plan is not None and plan.message else w["no_plan"])
        c.font = look.bold
        c.alignment = WRAP_TOP
        print_setup(ws, landscape=False)
        return
    quarters = max(1, -(-max(i.end_month for i in items) // 3))
    head = [w["phase"], w["action"], w["question"], w["months"]] + [_quarter_label(plan.start, k) for k in range(quarters)]
    header_row(ws, 1, head, look)
    set_widths(ws, (17, 32, 14, 16) + (7,) * quarters)
    phase_months = {ph.id: ph.months for ph in plan.phases}
    row = 1
    for item in items:  # each phase and each action named to the month, as the plan page; the chart by quarter
        row += 1
        q = fw.question(item.question_id)
        title = item.action.title.get(lang) if item.action else q.label.get(lang)
        body(put_text(ws, row, 1, f"{PHASE_LABELS[item.phase].get(lang)}\n{phase_months[item.phase]}"), look)
        body(put_text(ws, row, 2, title), look)
        body(put_text(ws, row, 3, q.label.get(lang)), look)
        body(put_text(ws, row, 4, _item_months(plan.start, item)), look)
        first, last = item.start_month // 3, (item.end_month - 1) // 3
        for k in range(quarters):
            cell = ws.cell(row=row, column=5 + k)
            cell.border = BORDER
            cell.alignment = CENTER
            if first <= k <= last:
                cell.value = "■" if item.status != "dropped" else "×"
                cell.data_type = "s"
                cell.fill = PHASE_FILL.get(item.phase, SUBTLE_FILL) if item.status != "dropped" else SUBTLE_FILL
                cell.font = look.bold
        fit_row(ws, row)
    note = put_text(ws, row + 2, 1, w["roadmap_note"])
    note.font = look.small
    legend_col = 2
    for pid in ("cloud", "data", "intelligence"):
        if any(i.phase == pid for i in items):
            c = put_text(ws, row + 3, legend_col, f"■ {PHASE_LABELS[pid].get(lang)}")
            c.fill = PHASE_FILL[pid]
            c.font = look.normal
            legend_col += 1
    ws.freeze_panes = "D2"
    print_setup(ws, landscape=True, title_rows="1:1")


# --------------------------------------------------------------------- scenes

def _scene_targets(plan: ImprovementPlan | None) -> dict[str, int]:
    out: dict[str, int] = {}
    if plan is None:
        return out
    for item in plan.items:
        if isinstance(item.to_value, int) and item.status != "dropped":
            out[item.question_id] = max(out.get(item.question_id, 0), item.to_value)
    return out


def _scenes_sheet(ws: Worksheet, fw: Framework, result: Result, plan: ImprovementPlan | None, lang: str,
                  look: Look) -> None:
    w = words(lang)
    levels = list(range(0, 5))
    head = [w["group"], w["scene"], w["mandatory"]] + [w["level_n"].format(n=n) for n in levels] + \
        [w["current"], w["target"]]
    header_row(ws, 1, head, look)
    set_widths(ws, (18, 18, 8) + (7,) * len(levels) + (9, 9))
    targets = _scene_targets(plan)
    row = 1
    for q in fw.scenes:
        qr = result.questions.get(q.id)
        if qr is None:
            continue
        row += 1
        body(put_text(ws, row, 1, q.group.title.get(lang) if q.group else ""), look)
        body(put_text(ws, row, 2, q.label.get(lang)), look)
        body(put_text(ws, row, 3, "★" if q.mandatory else ""), look)
        ws.cell(row=row, column=3).alignment = CENTER
        current = None if qr.na else (qr.level or 0)
        target = targets.get(q.id)
        for n in levels:
            cell = ws.cell(row=row, column=4 + n)
            cell.border = BORDER
            cell.alignment = CENTER
            if current is not None and n <= current:
                cell.fill = LEVEL_FILL[n]
            if n == current:
                cell.value = "●"
                cell.border = MARK_BORDER
                cell.font = look.white_bold if n >= 3 else look.bold
            elif target is not None and n == target:
                cell.value = "○"
                cell.font = look.bold
            if cell.value is not None:
                cell.data_type = "s"
        body(put_text(ws, row, 9, w["not_applicable"] if current is None else str(current)), look)
        body(put_text(ws, row, 10, str(target) if target is not None else ""), look)
        ws.cell(row=row, column=9).alignment = CENTER
        ws.cell(row=row, column=10).alignment = CENTER
    # counts per level: how many scenes (and mandatory ones) are at that level or above
    row += 1
    body(put_text(ws, row, 1, _count_word(lang)), look)
    ws.cell(row=row, column=1).font = look.bold
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
    for n in levels:
        count = mand = 0
        for q in fw.scenes:
            qr = result.questions.get(q.id)
            if qr is not None and qr.applicable and (qr.level or 0) >= n:
                count += 1
                mand += q.mandatory
        c = put_text(ws, row, 4 + n, f"{count} ({mand}★)")
        body(c, look)
        c.alignment = CENTER
        c.fill = SUBTLE_FILL
    row += 2
    gap = result.level_gap
    if gap is not None:
        for cond in gap.conditions:
            if cond.kind == "score":
                continue
            text = _need_words(lang, cond.kind, int(cond.required), cond.scene_level, int(cond.actual),
                               gap.level.label.get(lang), cond.met)
            put_text(ws, row, 1, text).font = look.normal if cond.met else look.bold
            row += 1
    note = put_text(ws, row + 1, 1, w["scenes_note"])
    note.font = look.small
    ws.freeze_panes = "C2"
    print_setup(ws, landscape=False, title_rows="1:1")
    ws.sheet_view.showGridLines = False
    # A legend of the fills so the heat map reads in grey print too
    for n in levels:
        c = ws.cell(row=1, column=4 + n)
        c.fill = LEVEL_FILL[n]
        c.font = look.header if n >= 3 else look.bold


def _count_word(lang: str) -> str:
    return words(lang)["count_scenes"]


def _need_words(lang: str, kind: str, required: int, scene_level: int, actual: int, level: str,
                met: bool) -> str:
    w = words(lang)
    what = w["need.scenes" if kind == "scenes" else "need.mandatory"]
    state = w["need.met"] if met else w["need.short"].format(n=required - actual)
    return w["need"].format(level=level, required=required, what=what, scene_level=scene_level, actual=actual,
                            state=state)

