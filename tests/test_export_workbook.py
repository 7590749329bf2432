"""The plan workbook: exact round trip through the hidden record, text that stays text, edits recognised."""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smedigital.cli import main
from smedigital.core.actions import Action, ActionLibrary, steps_up
from smedigital.core.answers import Answer
from smedigital.core.assessment import Assessment, Company, load_assessment, parse_assessment
from smedigital.core.framework import get_framework
from smedigital.core.planning import build_plan
from smedigital.core.profile import CREDIT_CODE_CHARSET, credit_code_check_char
from smedigital.core.text import Text
from smedigital.export.cells import clean_text, put_text, sheet_title
from smedigital.export.importer import ImportProblems, read_workbook
from smedigital.export.record import RECORD_SHEET, RecordError, read_key_values, read_record, scores_of
from smedigital.export.workbook import PLAN_COL, write_plan_workbook

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "manufacturer-miit.smd.json"
FW_ID = "miit-2024-manufacturing"


# --------------------------------------------------------------------- helpers shared by the export tests

def miit_library(fw=None) -> ActionLibrary:
    """An action for every step up of every question: enough for the planner, made up for tests."""
    fw = fw or get_framework(FW_ID)
    actions = []
    for i, q in enumerate(fw.questions):
        for k, to in enumerate(steps_up(q)):
            phase = "cloud" if "cloud" in q.pillars else ("intelligence" if q.is_leveled and to == 4 else "data")
            title = Text(f"提升{q.label.zh}到{to}", f"Raise {q.label.en} to {to}")
            actions.append(Action(f"{q.id}.{to}", q.id, to, title, Text("做法", "what"), 1 + (i + k) % 3,
                                  10_000 * (k + 1), 30_000 * (k + 1), 2 + i % 4, 1 + (i * 7 + k) % 3, phase, (),
                                  Text("上线记录", "go-live record")))
    return ActionLibrary(fw.id, fw.version, tuple(actions))


def sample() -> Assessment:
    return load_assessment(SAMPLE)


def record_kv(path: Path) -> dict:
    wb = openpyxl.load_workbook(path)
    ws = wb[RECORD_SHEET]
    return read_key_values({(c.row, c.column): c.value for row in ws.iter_rows() for c in row if c.value is not None})


def all_cells(path: Path):
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if c.value is not None:
                    yield ws.title, c


def valid_credit_code(rnd: random.Random) -> str:
    first = rnd.choice("9") + rnd.choice("123") + "".join(rnd.choice("0123456789") for _ in range(6)) + \
        "".join(rnd.choice(CREDIT_CODE_CHARSET) for _ in range(9))
    return first + credit_code_check_char(first)


# text people type, including what spreadsheets read as formulas and characters XML cannot carry
PEOPLE_TEXT = st.text(max_size=40) | st.sampled_from(
    ["=1+2", "+86 138", "-5%", "@SUM(A1)", "\tTab", "\rCR", "#N/A", "=HYPERLINK(\"http://x\")", "a\x01b\x1fc",
     "line\r\nbreak", "中文备注", "  spaced  ", "\ufffe\uffff", "😀 emoji"])


@st.composite
def answer_for(draw, q):
    note = draw(PEOPLE_TEXT)
    evidence = tuple(draw(st.lists(PEOPLE_TEXT, max_size=2)))
    if q.kind == "single":
        return Answer(choice=draw(st.sampled_from([o.id for o in q.options])), note=note, evidence=evidence)
    if q.kind == "multi":
        normal = [o.id for o in q.options if not o.exclusive]
        exclusive = [o.id for o in q.options if o.exclusive]
        if exclusive and draw(st.booleans()):
            return Answer(choices=(exclusive[0],), note=note)
        picked = draw(st.lists(st.sampled_from(normal), min_size=1, unique=True))
        return Answer(choices=tuple(o for o in normal if o in picked), note=note, evidence=evidence)
    if q.kind in ("ratio_band", "trend"):
        if draw(st.booleans()):
            return Answer(choice=draw(st.sampled_from([o.id for o in q.options])), note=note)
        number = st.integers(1, 10**6) | st.floats(0.5, 1e6, allow_nan=False, allow_infinity=False)
        raw = {i.id: draw(number) for i in q.inputs}
        if q.kind == "ratio_band" and q.ratio is not None and q.ratio.at_most_one:
            num, den = q.ratio.numerator, q.ratio.denominator
            raw[num], raw[den] = min(raw[num], raw[den]), max(raw[num], raw[den])
        return Answer(raw=raw, note=note, evidence=evidence)
    return Answer(level=draw(st.integers(0, 4)), note=note, evidence=evidence)


@st.composite
def assessments(draw):
    fw = get_framework(FW_ID)
    rnd = random.Random(draw(st.integers(0, 2**32)))
    answers = {}
    for q in fw.questions:
        if draw(st.integers(0, 9)) < 8:
            answers[q.id] = draw(answer_for(q))
    company = {"name": draw(PEOPLE_TEXT), "industry": draw(st.sampled_from(["", "C", "C34", "F52"])),
               "region": draw(PEOPLE_TEXT)}
    if draw(st.booleans()):
        company["credit_code"] = valid_credit_code(rnd)
    if draw(st.booleans()):
        company["employees"] = draw(st.integers(0, 5000))
        company["revenue_wan"] = draw(st.floats(0, 1e6, allow_nan=False))
    data = Assessment(fw.id, fw.version, Company(), "", "", answers).to_dict()
    data["company"] = company
    data["assessor"] = draw(PEOPLE_TEXT)
    data["assessed_on"] = draw(st.sampled_from(["", "2026-11-20", "2025-01-31"]))
    # the file format's own clean-up (trimmed names, no NUL) happens before export, as it would on loading
    return parse_assessment(json.loads(json.dumps(data)))


# --------------------------------------------------------------------- round trip

@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(a=assessments(), lang=st.sampled_from(["zh", "en"]))
def test_round_trip_gives_identical_answers_and_scores(tmp_path_factory, a, lang):
    folder = tmp_path_factory.mktemp("rt")
    path = folder / "plan.xlsx"
    plan = build_plan(a, library=miit_library())
    write_plan_workbook(a, path, lang, plan)
    rec = read_record(path)
    assert rec.assessment.answers == a.answers
    assert rec.assessment.company == a.company
    assert (rec.assessment.assessor, rec.assessment.assessed_on) == (a.assessor, a.assessed_on)
    assert rec.scores == scores_of(a.score())
    assert rec.lang == lang
    assert list(folder.iterdir()) == [path]  # no temporary file left behind


def test_sample_exports_every_sheet_in_its_language(tmp_path):
    a = sample()
    for lang, names in (("zh", ["概览", "答题明细", "改进计划", "路线图", "场景热力图", RECORD_SHEET]),
                        ("en", ["Summary", "Answers", "Plan", "Roadmap", "Scenes", RECORD_SHEET])):
        path = tmp_path / f"{lang}.xlsx"
        write_plan_workbook(a, path, lang, build_plan(a, "level:3", library=miit_library()))
        wb = openpyxl.load_workbook(path)
        assert wb.sheetnames == names
        assert wb[RECORD_SHEET].sheet_state == "hidden"
        assert all(wb[n].sheet_state == "visible" for n in names[:-1])
        summary = wb[names[0]]
        texts = [c.value for row in summary.iter_rows() for c in row if isinstance(c.value, str)]
        assert any(RECORD_SHEET in t for t in texts), "the summary documents the hidden sheet"
        assert any(a.company.name == t for t in texts)


def test_summary_has_native_radar_and_bar_charts_and_scores_as_values(tmp_path):
    path = tmp_path / "p.xlsx"
    write_plan_workbook(sample(), path, "zh", build_plan(sample(), library=miit_library()))
    wb = openpyxl.load_workbook(path)
    kinds = sorted(type(c).__name__ for c in wb["概览"]._charts)
    assert kinds == ["BarChart", "RadarChart"]
    formulas = [(s, c.coordinate) for s, c in all_cells(path) if c.data_type == "f"]
    assert formulas == []
    kv = record_kv(path)
    visible = json.loads(kv["visible"])
    scores = json.loads(kv["scores"])
    assert wb["概览"][visible["total"]].value == scores["total"] == 51.725
    assert wb["概览"][visible["level"]].value == "一级"
    assert wb["概览"][visible["stage"]].value == "上云"
    assert set(visible) >= {"pillars.cloud", "pillars.data", "pillars.intelligence", "dimensions.foundation"}


def test_record_keeps_format_version_framework_company_and_a_sha256(tmp_path):
    path = tmp_path / "p.xlsx"
    a = sample()
    write_plan_workbook(a, path, "zh")
    kv = record_kv(path)
    assert kv["format"] == "smedigital-workbook" and kv["version"] == 1
    assert (kv["framework_id"], kv["framework_version"]) == (FW_ID, "2024")
    assert json.loads(kv["company"])["name"] == a.company.name
    assert len(kv["checksum"]) == 64 and int(kv["checksum"], 16) >= 0
    assert json.loads(kv["assessment"])["answers"].keys() == {k for k in a.answers}


# --------------------------------------------------------------------- text stays text

FORMULA_LIKE = ["=1+2", "=HYPERLINK(\"http://evil\",\"x\")", "+1", "-1", "@SUM(A1:A2)", "\t=1", "\r=1", "#N/A"]


def test_formula_like_text_stays_text(tmp_path):
    a = sample()
    answers = dict(a.answers)
    for qid, text in zip(list(answers)[:len(FORMULA_LIKE)], FORMULA_LIKE, strict=True):
        old = answers[qid]
        answers[qid] = Answer(old.choice, old.choices, old.raw, old.level, old.na, text, (text,))
    a = Assessment(a.framework_id, a.framework_version,
                   Company(name="=cmd|' /C calc'!A0", industry="C34"), a.assessed_on, "@assessor", answers)
    path = tmp_path / "p.xlsx"
    write_plan_workbook(a, path, "zh")
    cells = list(all_cells(path))
    assert not [c for _, c in cells if c.data_type == "f"]
    name = [c for s, c in cells if c.value == "=cmd|' /C calc'!A0"]
    assert name and all(c.data_type == "s" and c.quotePrefix for c in name)
    eq = [c for _, c in cells if isinstance(c.value, str) and c.value.startswith("=")]
    assert eq and all(c.data_type == "s" for c in eq)
    shown = {c.value for _, c in cells}
    assert {"=1+2", "+1", "-1", "@SUM(A1:A2)", "#N/A"} <= shown
    assert read_record(path).assessment.answers == a.answers
    # every text that a spreadsheet would take for a formula keeps its quote prefix, wherever it is
    formula_like = [(s, c.coordinate) for s, c in cells if isinstance(c.value, str) and c.value.startswith(
        ("=", "+", "-", "@", "\t", "\r"))]
    assert len(formula_like) > 10
    assert [where for where in formula_like if not dict(((s, c.coordinate), c) for s, c in cells)[where].quotePrefix] \
        == []


def test_the_plan_sheets_editable_owner_and_note_cells_keep_formula_like_text_inert(tmp_path):
    a = sample()
    plan = build_plan(a, "level:3", library=miit_library())
    path = tmp_path / "p.xlsx"
    write_plan_workbook(a, path, "zh", plan)
    wb = openpyxl.load_workbook(path)
    ws = wb["改进计划"]
    rows = [r for r in range(2, ws.max_row + 1) if ws.cell(r, PLAN_COL["key"]).value][:3]
    for r, text in zip(rows, ("=1+1", "\t=1+1", "@SUM(A1)"), strict=True):
        for name in ("owner", "note"):
            c = ws.cell(r, PLAN_COL[name])
            c.value, c.data_type = text, "s"
    wb.save(path)
    imported = read_workbook(path)
    again = tmp_path / "again.xlsx"
    write_plan_workbook(imported, again, "zh", build_plan(imported, library=miit_library()))
    ws = openpyxl.load_workbook(again)["改进计划"]
    cells = [ws.cell(r, PLAN_COL[name]) for r in range(2, ws.max_row + 1) for name in ("owner", "note")
             if ws.cell(r, PLAN_COL[name]).value]
    assert len(cells) == 6
    assert [(c.coordinate, c.value) for c in cells if not (c.data_type == "s" and c.quotePrefix)] == []


def test_control_characters_are_removed_from_cells_but_kept_in_the_record(tmp_path):
    a = sample()
    qid = next(iter(a.answers))
    old = a.answers[qid]
    nasty = "bell\x07 esc\x1b nul-free\x01 ok\uffff"
    a = a.with_answer(qid, Answer(old.choice, old.choices, old.raw, old.level, old.na, nasty, ()))
    path = tmp_path / "p.xlsx"
    write_plan_workbook(a, path, "en")  # openpyxl would raise IllegalCharacterError
    shown = [c.value for s, c in all_cells(path) if s == "Answers" and isinstance(c.value, str) and "bell" in c.value]
    assert shown == ["bell esc nul-free ok"]
    assert read_record(path).assessment.answers[qid].note == nasty


def test_long_text_is_cut_in_cells_and_split_in_the_record(tmp_path):
    a = sample()
    qid = next(iter(a.answers))
    old = a.answers[qid]
    long_note = ("长" * 10_000) + ("x" * 2_000) + "😀" * 20_000  # 32,000 characters, 52,000 UTF-16 units
    a = a.with_answer(qid, Answer(old.choice, old.choices, old.raw, old.level, old.na, long_note, ()))
    path = tmp_path / "p.xlsx"
    write_plan_workbook(a, path, "zh")
    for _, c in all_cells(path):
        if isinstance(c.value, str):
            assert len(c.value.encode("utf-16-le")) // 2 <= 32_767
    assert read_record(path).assessment.answers[qid].note == long_note
    shown = [c.value for s, c in all_cells(path) if s == "答题明细" and isinstance(c.value, str) and "长长" in c.value]
    assert len(shown) == 1 and shown[0].endswith("…") and len(shown[0].encode("utf-16-le")) // 2 == 32_767


def test_clean_text_and_sheet_titles():
    assert clean_text("a\x00b\x0bc\r\nd\re") == "abc\nd\ne"
    assert clean_text("x" * 40_000).endswith("…") and len(clean_text("x" * 40_000)) == 32_767
    assert len(clean_text("😀" * 20_000).encode("utf-16-le")) // 2 == 32_767
    assert sheet_title("a/b\\c[d]:e*f?g") == "a b c d  e f g"
    assert len(sheet_title("名" * 40)) == 31
    assert sheet_title("History") != "History"
    assert sheet_title("Plan", ["plan"]) == "Plan (2)"
    assert sheet_title("'quoted'") == "quoted"


def test_put_text_keeps_error_codes_and_formulas_as_strings():
    wb = openpyxl.Workbook()
    ws = wb.active
    for i, text in enumerate(["#DIV/0!", "=A1", "+A1", "plain"], start=1):
        c = put_text(ws, i, 1, text)
        assert c.data_type == "s" and c.value == text
        assert c.quotePrefix == (text[0] in "=+")


# --------------------------------------------------------------------- edited copies

def test_a_hand_edited_visible_score_is_recognised(tmp_path):
    path = tmp_path / "p.xlsx"
    write_plan_workbook(sample(), path, "zh")
    cell = json.loads(record_kv(path)["visible"])["total"]
    wb = openpyxl.load_workbook(path)
    wb["概览"][cell] = 88.5
    wb.save(path)
    with pytest.raises(RecordError) as info:
        read_record(path)
    assert info.value.location == f"概览!{cell}"
    assert "edited after export" in str(info.value)
    with pytest.raises(ImportProblems) as info2:
        read_workbook(path)
    assert str(info2.value.problems[0]).startswith(f"概览!{cell}: shows 88.5")


def test_a_hand_edited_level_label_is_recognised(tmp_path):
    path = tmp_path / "p.xlsx"
    write_plan_workbook(sample(), path, "en")
    cell = json.loads(record_kv(path)["visible"])["level"]
    wb = openpyxl.load_workbook(path)
    wb["Summary"][cell] = "Level 4"
    wb.save(path)
    with pytest.raises(RecordError, match="edited after export"):
        read_record(path)


def test_an_edited_record_fails_its_checksum(tmp_path):
    path = tmp_path / "p.xlsx"
    write_plan_workbook(sample(), path, "zh")
    wb = openpyxl.load_workbook(path)
    ws = wb[RECORD_SHEET]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "assessment")
    ws.cell(row, 2).value = ws.cell(row, 2).value.replace('"level": 1', '"level": 4', 1)
    wb.save(path)
    with pytest.raises(RecordError, match="checksum"):
        read_record(path)


def test_a_workbook_without_record_or_not_a_workbook(tmp_path):
    path = tmp_path / "p.xlsx"
    write_plan_workbook(sample(), path, "zh")
    wb = openpyxl.load_workbook(path)
    del wb[RECORD_SHEET]
    wb.save(path)
    with pytest.raises(RecordError, match="no _smedigital sheet"):
        read_record(path)
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a zip")
    with pytest.raises(RecordError, match="not an Excel workbook"):
        read_record(junk)


# --------------------------------------------------------------------- plan, roadmap, scenes

def test_plan_sheet_has_status_dropdown_filter_frozen_header_and_print_setup(tmp_path):
    a = sample()
    plan = build_plan(a, "level:3", library=miit_library())
    path = tmp_path / "p.xlsx"
    write_plan_workbook(a, path, "zh", plan)
    ws = openpyxl.load_workbook(path)["改进计划"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref.startswith("A1:")
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert lists and lists[0].formula1 == '"计划中,进行中,已完成,已放弃"'
    assert len(ws.conditional_formatting) >= 2
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$1:$1"
    rows = [r for r in range(2, ws.max_row + 1) if ws.cell(r, PLAN_COL["key"]).value]
    assert len(rows) == len(plan.items)
    assert {ws.cell(r, PLAN_COL["status"]).value for r in rows} == {"计划中"}
    assert ws.column_dimensions["Q"].hidden


def test_roadmap_marks_quarters_with_a_character_and_a_fill(tmp_path):
    a = sample()
    plan = build_plan(a, "level:3", library=miit_library())
    path = tmp_path / "p.xlsx"
    write_plan_workbook(a, path, "en", plan)
    ws = openpyxl.load_workbook(path)["Roadmap"]
    marks = [c for row in ws.iter_rows(min_row=2) for c in row if c.value == "■"]
    assert len(marks) >= len(plan.items)
    assert all(c.fill.fgColor.rgb not in (None, "00000000") for c in marks)
    assert ws.cell(1, 4).value == "Months" and ws.cell(1, 5).value == plan.phases[0].start_quarter


FARM = Path(__file__).resolve().parent.parent / "resources" / "samples" / "farm-cooperative-cdi.smd.json"


def test_the_roadmap_and_the_plan_sheet_name_each_phases_months_as_the_plan_page(tmp_path):
    """Phases follow one another to the month: the farm sample's first phase takes 2027-01 and the second
    starts in 2027-02, both in 2027Q1. The workbook names the months, not only the quarter."""
    a = load_assessment(FARM)
    plan = build_plan(a)
    first, second = plan.phases[:2]
    assert (first.months, second.first_month) == ("2027-01", "2027-02")
    assert first.start_quarter == second.start_quarter == "2027Q1"  # the quarter alone hides the order
    path = tmp_path / "p.xlsx"
    write_plan_workbook(a, path, "zh", plan)
    wb = openpyxl.load_workbook(path)
    ws = wb["路线图"]
    assert [ws.cell(1, c).value for c in range(1, 6)] == ["阶段", "改进行动", "问题", "起止月份", "2027Q1"]
    rows = list(ws.iter_rows(min_row=2, max_row=1 + len(plan.items), values_only=True))
    by_phase = {}
    for row in rows:
        by_phase.setdefault(row[0], []).append(row[3])
    assert set(by_phase) == {f"第一阶段：上云\n{first.months}", f"第二阶段：用数\n{second.months}"}
    assert set(by_phase[f"第一阶段：上云\n{first.months}"]) == {"2027-01"}
    assert set(by_phase[f"第二阶段：用数\n{second.months}"]) == {"2027-02"}
    plan_ws = wb["改进计划"]
    assert plan_ws.cell(1, PLAN_COL["start"]).value == "开始月份"
    starts = {plan_ws.cell(r, PLAN_COL["start"]).value for r in range(2, 2 + len(plan.items))}
    assert starts == {"2027-01", "2027-02"}
    totals = [c.value for c in plan_ws["C"] if isinstance(c.value, str) and " · " in c.value]
    assert totals == ["第一阶段：上云 · 2027-01", "第二阶段：用数 · 2027-02"]


def test_an_item_running_over_months_is_named_by_its_first_and_last_month(tmp_path):
    a = sample()
    plan = build_plan(a, "level:3", library=miit_library())
    long = next(i for i in plan.items if i.duration_months > 1)
    path = tmp_path / "p.xlsx"
    write_plan_workbook(a, path, "en", plan)
    ws = openpyxl.load_workbook(path)["Roadmap"]
    y, m = map(int, long.first_month.split("-"))
    m += long.duration_months - 1
    last = f"{y + (m - 1) // 12}-{(m - 1) % 12 + 1:02d}"
    title = long.action.title.en
    assert any(r[1] == title and r[3] == f"{long.first_month}–{last}" for r in ws.iter_rows(values_only=True))


def test_scene_sheet_marks_the_firms_level(tmp_path):
    a = sample()
    plan = build_plan(a, library=miit_library())
    path = tmp_path / "p.xlsx"
    write_plan_workbook(a, path, "zh", plan)
    ws = openpyxl.load_workbook(path)["场景热力图"]
    result = a.score()
    fw = a.framework
    for i, q in enumerate(fw.scenes, start=2):
        level = result.questions[q.id].level
        assert ws.cell(i, 2).value == q.label.zh
        assert ws.cell(i, 4 + level).value == "●"
        assert ws.cell(i, 9).value == str(level)
    # the plan's target levels are marked with ○
    scene_ids = [q.id for q in fw.scenes]
    targets = [(i.question_id, i.to_value) for i in plan.items if i.question_id in scene_ids]
    assert targets
    for qid, to in targets:
        assert ws.cell(2 + scene_ids.index(qid), 4 + to).value == "○"


def test_a_workbook_without_plan_items_says_why(tmp_path):
    a = sample()
    plan = build_plan(a, "level:1", library=miit_library())  # the firm is at level 1 already
    assert not plan.items
    path = tmp_path / "p.xlsx"
    write_plan_workbook(a, path, "en", plan)
    wb = openpyxl.load_workbook(path)
    for name in ("Plan", "Roadmap"):
        assert wb[name].cell(1, 1).value == plan.message.en
        assert wb[name].max_row == 1
    assert read_record(path).assessment.plan is None


def test_import_takes_the_firms_plan_updates(tmp_path):
    a = sample()
    plan = build_plan(a, "level:3", library=miit_library())
    path = tmp_path / "p.xlsx"
    write_plan_workbook(a, path, "zh", plan)
    wb = openpyxl.load_workbook(path)
    ws = wb["改进计划"]
    rows = [r for r in range(2, ws.max_row + 1) if ws.cell(r, PLAN_COL["key"]).value]
    first, second = rows[0], rows[1]
    ws.cell(first, PLAN_COL["status"]).value = "已完成"
    ws.cell(first, PLAN_COL["owner"]).value = "王工"
    ws.cell(first, PLAN_COL["due"]).value = dt.date(2027, 6, 30)
    ws.cell(second, PLAN_COL["status"]).value = "in progress"
    wb.save(path)
    imported = read_workbook(path)
    items = {i["key"]: i for i in imported.plan["items"]}
    key1 = ws.cell(first, PLAN_COL["key"]).value
    key2 = ws.cell(second, PLAN_COL["key"]).value
    assert items[key1]["status"] == "done" and items[key1]["owner"] == "王工" and items[key1]["due"] == "2027-06-30"
    assert items[key2]["status"] == "in_progress"
    assert imported.answers == a.answers
    again = build_plan(imported, library=miit_library())
    assert again.item(key1).status == "done" and again.item(key1).owner == "王工"

    ws.cell(first, PLAN_COL["status"]).value = "差不多"
    ws.cell(second, PLAN_COL["due"]).value = "next year"
    wb.save(path)
    with pytest.raises(ImportProblems) as info:
        read_workbook(path)
    messages = [str(p) for p in info.value.problems]
    assert messages == [f'改进计划!N{first}: "差不多" is not a status from the list',
                        f'改进计划!M{second}: "next year" is not a date such as 2026-11-20']


def test_saving_replaces_the_file_atomically(tmp_path):
    path = tmp_path / "p.xlsx"
    path.write_bytes(b"old")
    write_plan_workbook(sample(), path, "zh")
    assert path.read_bytes()[:2] == b"PK"
    assert [p.name for p in tmp_path.iterdir()] == ["p.xlsx"]


# --------------------------------------------------------------------- command line

def test_cli_export_writes_the_workbook_and_refuses_to_overwrite(tmp_path, capsys):
    out = tmp_path / "plan.xlsx"
    assert main(["export", str(SAMPLE), "-o", str(out)]) == 0
    assert read_record(out).assessment.answers == sample().answers
    assert main(["export", str(SAMPLE), "-o", str(out)]) == 1
    assert "已存在（用 --force 覆盖）" in capsys.readouterr().err
    assert main(["--lang", "en", "export", str(SAMPLE), "-o", str(out), "--force"]) == 0
    assert read_record(out).lang == "en"


def test_cli_export_of_a_bad_assessment_exits_1(tmp_path, capsys):
    bad = tmp_path / "bad.smd.json"
    bad.write_text("{}", encoding="utf-8")
    assert main(["export", str(bad), "-o", str(tmp_path / "x.xlsx")]) == 1
    assert "Traceback" not in capsys.readouterr().err


# --------------------------------------------------------------------- LibreOffice

def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(src: Path, fmt: str, outdir: Path) -> Path:
    exe = _soffice()
    assert exe is not None
    profile = outdir / "lo-profile"
    subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", fmt,
                    "--outdir", str(outdir), str(src)], check=True, capture_output=True, timeout=240)
    out = outdir / (src.stem + "." + fmt.split(":")[0])
    assert out.is_file(), f"LibreOffice did not convert {src.name}"
    return out


def pdf_pages(pdf: Path) -> int:
    import re

    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


@pytest.mark.libreoffice
@pytest.mark.skipif(_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_prints_every_produced_workbook(tmp_path):
    from smedigital.export.template import write_template

    a = sample()
    files = []
    for lang in ("zh", "en"):
        p = tmp_path / f"plan-{lang}.xlsx"
        write_plan_workbook(a, p, lang, build_plan(a, "level:3", library=miit_library()))
        files.append(p)
        t = tmp_path / f"template-{lang}.xlsx"
        write_template(FW_ID, t, lang)
        files.append(t)
    for f in files:
        pdf = convert(f, "pdf", tmp_path)
        assert pdf_pages(pdf) >= 3, f.name


@pytest.mark.libreoffice
@pytest.mark.skipif(_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_shows_formula_like_text_as_text(tmp_path):
    a = sample()
    a = Assessment(a.framework_id, a.framework_version, Company(name="=1+2", industry="C"), a.assessed_on,
                   "+3+4", a.answers)
    p = tmp_path / "plan.xlsx"
    write_plan_workbook(a, p, "en")
    csv = convert(p, "csv:Text - txt - csv (StarCalc):44,34,76", tmp_path)
    text = csv.read_text(encoding="utf-8")
    assert "=1+2" in text and "+3+4" in text


@pytest.mark.parametrize("sample_path", sorted(SAMPLE.parent.glob("*.smd.json")), ids=lambda p: p.name)
def test_every_sample_exports_and_reads_back(tmp_path, sample_path):
    a = load_assessment(sample_path)
    for lang in ("zh", "en"):
        path = tmp_path / f"{lang}.xlsx"
        write_plan_workbook(a, path, lang)
        rec = read_record(path)
        assert rec.assessment.answers == a.answers and rec.scores == scores_of(a.score())
        wb = openpyxl.load_workbook(path)
        assert ("场景热力图" in wb.sheetnames or "Scenes" in wb.sheetnames) == bool(a.framework.scenes)


# --------------------------------------------------------------------- package: charts, styles, properties

def _xml(path: Path, part: str) -> str:
    import zipfile

    return zipfile.ZipFile(path).read(part).decode("utf-8")


def test_charts_carry_their_values_for_previews_that_do_not_calculate(tmp_path):
    import re
    import zipfile

    a = sample()
    path = tmp_path / "p.xlsx"
    write_plan_workbook(a, path, "zh")
    charts = [n for n in zipfile.ZipFile(path).namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 2
    result = a.score()
    dims = sorted(round(float(s.score), 2) for s in result.dimension_scores())
    pillars = sorted(round(float(v), 2) for v in result.pillars.values())
    cached = []
    for part in charts:
        xml = _xml(path, part)
        assert "<numCache>" in xml and "<strCache>" in xml  # values, category labels, series names
        values = xml.split("<val>")[1].split("</val>")[0]
        cached.append(sorted(round(float(v), 2) for v in re.findall(r"<v>([\d.]+)</v>", values)))
    assert dims in cached and pillars in cached
    labels = re.findall(r"<v>([^<]+)</v>", _xml(path, charts[0]).split("<cat>")[1].split("</cat>")[0])
    assert labels == [get_framework(a.framework_id).sections[s.id].title.zh for s in result.dimension_scores()]


def test_styles_list_font_children_in_schema_order_and_properties_name_the_firm(tmp_path):
    import re

    from smedigital.export.package import FONT_ORDER
    from smedigital.export.template import write_template

    a = sample()
    plan = tmp_path / "p.xlsx"
    write_plan_workbook(a, plan, "zh")
    blank = tmp_path / "q.xlsx"
    write_template(FW_ID, blank, "en")
    for path in (plan, blank):
        fonts = re.findall(r"<font>(.*?)</font>", _xml(path, "xl/styles.xml"))
        assert fonts
        for font in fonts:
            children = re.findall(r"<(\w+)\b", font)
            assert children == sorted(children, key=FONT_ORDER.index), font
        assert "<Application>smedigital</Application>" in _xml(path, "docProps/app.xml")
        assert "openpyxl" not in _xml(path, "docProps/core.xml") + _xml(path, "docProps/app.xml")
    assert f"<dc:creator>{a.company.name}</dc:creator>" in _xml(plan, "docProps/core.xml")
    assert "<dc:creator>smedigital</dc:creator>" in _xml(blank, "docProps/core.xml")
    assert openpyxl.load_workbook(plan).properties.creator == a.company.name


def test_finishing_a_saved_package_on_disk_makes_the_same_bytes_as_in_memory(tmp_path):
    from openpyxl import Workbook

    from smedigital.export.package import finish_package, finish_package_file

    wb = Workbook(write_only=True)
    sheet = wb.create_sheet("企业名单")
    rng = random.Random(7)
    for i in range(3000):  # parts larger than one piece of the copy
        sheet.append([f"企业{i:05}有限公司", rng.random(), "联系人" * rng.randrange(4)])
    path = tmp_path / "s.xlsx"
    wb.save(path)
    in_memory = finish_package(path.read_bytes())
    assert b"<Application>smedigital</Application>" not in path.read_bytes()
    finish_package_file(path)
    assert path.read_bytes() == in_memory
    finish_package_file(path)  # already finished: left as it is
    assert path.read_bytes() == in_memory
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.xlsx"]
