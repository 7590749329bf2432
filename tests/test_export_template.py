"""The blank questionnaire: structure, validation, protection, and exact import with Sheet!Cell problems."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from fwfactory import LEVELS5, build, q, t
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_export_workbook import FW_ID, record_kv

from smedigital.cli import main
from smedigital.core.answers import Answer
from smedigital.core.assessment import load_assessment
from smedigital.core.framework import get_framework
from smedigital.export.importer import ImportProblems, read_workbook
from smedigital.export.record import RECORD_SHEET
from smedigital.export.template import LISTS_SHEET, choice_labels, write_template

SHEETS_ZH = ["填写说明", "企业信息", "数字化基础", "数字化管理", "数字化成效", "数字化经营", LISTS_SHEET, RECORD_SHEET]


def maps(path: Path) -> tuple[dict, dict, str]:
    kv = record_kv(path)
    return json.loads(kv["questions"]), json.loads(kv["profile"]), kv["profile_sheet"]


def put(wb, sheet: str, cell: str, value) -> None:
    c = wb[sheet][cell]
    c.value = value
    if isinstance(value, str):
        c.data_type = "s"  # as a person typing text: never a formula


def fill_answer(wb, qq, entry: dict, answer: Answer, lang: str) -> None:
    """Write an answer into the template cells the map names (what a person does with the drop-downs)."""
    sheet = entry["sheet"]
    yes, no = ("是", "否") if lang == "zh" else ("yes", "no")
    label_of = {oid: label for label, oid in entry.get("choices", [])}
    if answer.na:
        put(wb, sheet, entry["na"], yes)
    if qq.kind == "single" and answer.choice:
        put(wb, sheet, entry["answer"], label_of[answer.choice])
    if qq.kind == "multi":
        for cell, oid in entry["options"].items():
            put(wb, sheet, cell, yes if oid in (answer.choices or ()) else no)
    if qq.kind in ("ratio_band", "trend"):
        for cell, iid in entry["inputs"].items():
            if answer.raw and iid in answer.raw:
                put(wb, sheet, cell, answer.raw[iid])
        if answer.choice:
            put(wb, sheet, entry["choice"], label_of[answer.choice])
    if qq.is_leveled and answer.level is not None:
        put(wb, sheet, entry["level"], answer.level)
    if answer.note:
        put(wb, sheet, entry["note"], answer.note)
    if answer.evidence:
        put(wb, sheet, entry["evidence"], "\n".join(answer.evidence))


def fill(path: Path, fw, answers: dict[str, Answer], lang: str = "zh", profile: dict | None = None) -> None:
    qmap, pmap, psheet = maps(path)
    wb = openpyxl.load_workbook(path)
    for qid, answer in answers.items():
        fill_answer(wb, fw.question(qid), qmap[qid], answer, lang)
    for key, value in (profile or {}).items():
        put(wb, psheet, pmap[key], value)
    wb.save(path)


# --------------------------------------------------------------------- structure

def test_template_sheets_protection_and_hidden_map(tmp_path):
    path = tmp_path / "q.xlsx"
    write_template(FW_ID, path, "zh")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == SHEETS_ZH
    assert [wb[n].sheet_state for n in SHEETS_ZH] == ["visible"] * 6 + ["hidden", "hidden"]
    assert wb.security.lockStructure
    for name in SHEETS_ZH[:6]:
        assert wb[name].protection.sheet, name
    kv = record_kv(path)
    assert kv["format"] == "smedigital-template" and kv["version"] == 1
    assert (kv["framework_id"], kv["framework_version"]) == (FW_ID, "2024")
    qmap, pmap, psheet = maps(path)
    fw = get_framework(FW_ID)
    assert set(qmap) == {qq.id for qq in fw.questions}
    # every answer cell is unlocked, the question texts are locked
    for qid, e in qmap.items():
        cells = [e[k] for k in ("answer", "level", "choice", "na", "note", "evidence") if k in e]
        cells += list(e.get("options", {})) + list(e.get("inputs", {}))
        for cell in cells:
            assert wb[e["sheet"]][cell].protection.locked is False, (qid, cell)
        row = int("".join(ch for ch in cells[0] if ch.isdigit()))
        assert wb[e["sheet"]].cell(row, 2).protection.locked is not False
    for cell in pmap.values():
        assert wb[psheet][cell].protection.locked is False


def validation_of(ws, cell: str):
    return [dv for dv in ws.data_validations.dataValidation if cell in dv.sqref]


def test_answer_cells_offer_the_options_as_drop_downs(tmp_path):
    path = tmp_path / "q.xlsx"
    write_template(FW_ID, path, "zh")
    wb = openpyxl.load_workbook(path)
    qmap, pmap, psheet = maps(path)
    lists = wb[LISTS_SHEET]

    def entries(dv) -> list[str]:
        ref = dv.formula1.split("!")[1].replace("$", "")
        return [c.value for row in lists[ref] for c in row]

    single = qmap["miit.management.planning"]
    (dv,) = validation_of(wb[single["sheet"]], single["answer"])
    assert dv.type == "list" and entries(dv) == [lb for lb, _ in single["choices"]]
    multi = qmap["miit.foundation.network"]
    for cell in multi["options"]:
        (dv,) = validation_of(wb[multi["sheet"]], cell)
        assert entries(dv) == ["是", "否"]
    ratio = qmap["miit.foundation.device_digitisation"]
    for cell in ratio["inputs"]:
        (dv,) = validation_of(wb[ratio["sheet"]], cell)
        assert (dv.type, dv.operator, dv.formula1) == ("decimal", "greaterThanOrEqual", "0")
    (dv,) = validation_of(wb[ratio["sheet"]], ratio["choice"])
    assert dv.type == "list"
    scene = qmap["miit.scene.quality"]
    (dv,) = validation_of(wb[scene["sheet"]], scene["level"])
    assert entries(dv) == ["0", "1", "2", "3", "4"]
    (dv,) = validation_of(wb[psheet], pmap["credit_code"])
    assert (dv.type, dv.operator, dv.formula1) == ("textLength", "equal", "18")
    (dv,) = validation_of(wb[psheet], pmap["employees"])
    assert (dv.type, dv.operator, dv.formula1) == ("whole", "greaterThanOrEqual", "0")
    (dv,) = validation_of(wb[psheet], pmap["industry"])
    assert "C 制造业" in entries(dv) and "C34 通用设备制造业" in entries(dv)


def test_sector_prefills_the_industry_and_english_names_the_sheets(tmp_path):
    path = tmp_path / "q.xlsx"
    write_template(FW_ID, path, "en", sector="c")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[:2] == ["Instructions", "Company"]
    _, pmap, psheet = maps(path)
    assert wb[psheet][pmap["industry"]].value == "C Manufacturing"
    assert record_kv(path)["sector"] == "C"


def test_a_blank_template_imports_to_an_assessment_without_answers(tmp_path):
    path = tmp_path / "q.xlsx"
    write_template(FW_ID, path, "zh", today=dt.date(2026, 11, 1))
    a = read_workbook(path)
    assert a.framework_id == FW_ID and a.answers == {} and a.company.name == ""


# --------------------------------------------------------------------- import

SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "samples" / "manufacturer-miit.smd.json"


def test_a_filled_template_imports_to_the_expected_answers(tmp_path):
    fw = get_framework(FW_ID)
    path = tmp_path / "q.xlsx"
    write_template(fw, path, "zh")
    expected = {
        "miit.foundation.network": Answer(choices=("control_network", "application_network"), note="=SUM(1)",
                                          evidence=("拓扑图", "交换机照片")),
        "miit.foundation.device_digitisation": Answer(raw={"devices_total": 80, "devices_digitised": 30}),
        "miit.foundation.device_networking": Answer(choice="r20_40"),
        "miit.foundation.information_systems": Answer(choice=fw.question(
            "miit.foundation.information_systems").options[2].id),
        "miit.results.energy": Answer(choice="down"),
        "miit.results.quality": Answer(raw={i.id: v for i, v in zip(
            fw.question("miit.results.quality").inputs, (96.5, 97.8), strict=True)}),
        "miit.scene.product_design": Answer(level=2),
        "miit.scene.quality": Answer(level=0, note="仅纸质记录"),
    }
    profile = {"name": "示例公司", "credit_code": "91330206MA2H7Q3K58", "industry": "C34 通用设备制造业",
               "employees": 120, "revenue_wan": 5600.5, "assets_wan": 4200, "region": "宁波",
               "assessed_on": dt.datetime(2026, 11, 20), "assessor": "李敏"}
    fill(path, fw, expected, "zh", profile)
    wb = openpyxl.load_workbook(path)
    qmap, _, _ = maps(path)
    wb[qmap["miit.scene.quality"]["sheet"]][qmap["miit.scene.quality"]["level"]].value = "0"  # typed as text
    wb.save(path)
    a = read_workbook(path)
    assert a.answers == expected
    c = a.company
    assert (c.name, c.credit_code, c.industry, c.employees, c.revenue_wan, c.assets_wan, c.region) == \
        ("示例公司", "91330206MA2H7Q3K58", "C34", 120, 5600.5, 4200, "宁波")
    assert (a.assessed_on, a.assessor) == ("2026-11-20", "李敏")
    assert a.score().questions["miit.foundation.device_digitisation"].points > 0


SAFE_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=20).map(
    str.strip)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data(), lang=st.sampled_from(["zh", "en"]))
def test_any_assessment_typed_into_the_template_imports_unchanged(tmp_path_factory, data, lang):
    from test_export_workbook import answer_for

    fw = get_framework(FW_ID)
    answers = {}
    for qq in fw.questions:
        if data.draw(st.booleans()):
            a = data.draw(answer_for(qq))
            raw = {k: (round(v, 3) if isinstance(v, float) else v) for k, v in a.raw.items()} if a.raw else None
            answers[qq.id] = Answer(a.choice, a.choices, raw, a.level, a.na, data.draw(SAFE_TEXT),
                                    tuple(x for x in data.draw(st.lists(SAFE_TEXT, max_size=2)) if x))
    path = tmp_path_factory.mktemp("tpl") / "q.xlsx"
    write_template(fw, path, lang)
    fill(path, fw, answers, lang)
    assert read_workbook(path).answers == answers


def problems_of(path: Path, **kw) -> list[str]:
    with pytest.raises(ImportProblems) as info:
        read_workbook(path, **kw)
    return [str(p) for p in info.value.problems]


def test_every_wrong_value_is_reported_with_its_sheet_and_cell(tmp_path):
    path = tmp_path / "q.xlsx"
    write_template(FW_ID, path, "zh")
    qmap, pmap, psheet = maps(path)
    wb = openpyxl.load_workbook(path)
    planning = qmap["miit.management.planning"]
    network = qmap["miit.foundation.network"]
    ratio = qmap["miit.foundation.device_digitisation"]
    scene = qmap["miit.scene.quality"]
    energy = qmap["miit.results.energy"]
    opt_cells = list(network["options"])
    in_cells = list(ratio["inputs"])
    e_cells = list(energy["inputs"])
    edits = [
        (planning["sheet"], planning["answer"], "很多"),
        (network["sheet"], opt_cells[1], "也许"),
        (ratio["sheet"], in_cells[0], "80箱"),  # not its unit (台)
        (ratio["sheet"], in_cells[1], -3),
        (scene["sheet"], scene["level"], 5),
        (energy["sheet"], e_cells[0], 10),
        (psheet, pmap["credit_code"], "91330206MA2H7Q3K59"),
        (psheet, pmap["industry"], "Z 不存在"),
        (psheet, pmap["employees"], 12.5),
        (psheet, pmap["assessed_on"], "明天"),
    ]
    for sheet, cell, value in edits:
        put(wb, sheet, cell, value)
    wb.save(path)
    got = problems_of(path)
    assert f'{planning["sheet"]}!{planning["answer"]}: "很多" is not one of the options (pick one from the ' \
           'drop-down)' in got
    assert f'{network["sheet"]}!{opt_cells[1]}: "也许" is not 是 or 否 (yes or no)' in got
    assert f'{ratio["sheet"]}!{in_cells[0]}: "80箱" is not a number' in got
    assert f'{ratio["sheet"]}!{in_cells[1]}: -3 is below 0' in got
    assert f'{scene["sheet"]}!{scene["level"]}: 5 is not a level 0-4 (write 0, 1, 2, 3 or 4)' in got
    assert any(p.startswith(f'{energy["sheet"]}!{e_cells[1]}: is empty') for p in got)
    assert any(p.startswith(f'{psheet}!{pmap["credit_code"]}: The check character does not match') for p in got)
    assert f'{psheet}!{pmap["industry"]}: "Z 不存在" is not a GB/T 4754-2017 section or division from the list' in got
    assert f'{psheet}!{pmap["employees"]}: 12.5 is not a whole number' in got
    assert f'{psheet}!{pmap["assessed_on"]}: "明天" is not a date such as 2026-11-20' in got
    assert len(got) == len(edits)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_wrong_value_is_said_in_the_users_language(tmp_path, lang):
    """The problems of a Chinese questionnaire, as a Chinese user reads them (the window and ``--lang zh``
    give ``text("zh")``): no English words besides the cell; an English user reads English."""
    import re

    path = tmp_path / "q.xlsx"
    write_template(FW_ID, path, "zh")
    qmap, pmap, psheet = maps(path)
    wb = openpyxl.load_workbook(path)
    planning, network = qmap["miit.management.planning"], qmap["miit.foundation.network"]
    ratio, scene = qmap["miit.foundation.device_digitisation"], qmap["miit.scene.quality"]
    edits = [(planning["sheet"], planning["answer"], "很多"), (network["sheet"], list(network["options"])[1], "也许"),
             (ratio["sheet"], list(ratio["inputs"])[0], "80箱"), (ratio["sheet"], list(ratio["inputs"])[1], -3),
             (scene["sheet"], scene["level"], 5), (psheet, pmap["employees"], 12.5),
             (psheet, pmap["assessed_on"], "明天"), (psheet, pmap["industry"], "Z 不存在")]
    for sheet, cell, value in edits:
        put(wb, sheet, cell, value)
    wb.save(path)
    with pytest.raises(ImportProblems) as info:
        read_workbook(path)
    said = {p.where: p.text(lang) for p in info.value.problems}
    yes_no = f'{network["sheet"]}!{list(network["options"])[1]}'
    assert len(said) == len(edits)
    if lang == "zh":
        assert said[yes_no] == '"也许" 不是“是”或“否”'
        for where, text in said.items():
            assert not re.findall(r"[A-Za-z]{3,}", text), (where, text)
    else:
        assert said[yes_no] == '"也许" is not 是 or 否 (yes or no)'  # the Chinese workbook's words, explained
        assert all(re.search(r"[A-Za-z]{3,}", text) for text in said.values()), said


def test_contradictions_are_reported_at_the_cell_that_causes_them(tmp_path):
    path = tmp_path / "q.xlsx"
    write_template(FW_ID, path, "en")
    qmap, _, _ = maps(path)
    wb = openpyxl.load_workbook(path)
    network = qmap["miit.foundation.network"]
    none_cell = next(c for c, oid in network["options"].items() if oid == "none")
    other = next(c for c, oid in network["options"].items() if oid != "none")
    put(wb, network["sheet"], none_cell, "yes")
    put(wb, network["sheet"], other, "yes")
    ratio = qmap["miit.foundation.device_digitisation"]
    total, digitised = list(ratio["inputs"])
    put(wb, ratio["sheet"], total, 10)
    put(wb, ratio["sheet"], digitised, 30)
    networking = qmap["miit.foundation.device_networking"]
    a, b = list(networking["inputs"])
    put(wb, networking["sheet"], a, 100)
    put(wb, networking["sheet"], b, 50)
    put(wb, networking["sheet"], networking["choice"], networking["choices"][0][0])
    wb.save(path)
    got = problems_of(path)
    assert got[0].startswith(f"{network['sheet']}!{none_cell}: \"None\" (none) cannot be combined")
    assert got[1].startswith(f"{ratio['sheet']}!{total}: ") and "cannot exceed" in got[1]
    assert got[2].startswith(f"{networking['sheet']}!{networking['choice']}: ") and "disagrees" in got[2]
    assert len(got) == 3
    # options and inputs are named as the firm reads them, never by internal ids
    fw = get_framework(FW_ID)
    q_ratio = fw.question_by_id["miit.foundation.device_digitisation"]
    assert all(i.label.en in got[1] for i in q_ratio.inputs) and not any(i.id in got[1] for i in q_ratio.inputs)
    q_net = fw.question_by_id["miit.foundation.device_networking"]
    assert not any(f"'{o.id}'" in got[2] for o in q_net.options)
    assert q_net.option(networking["choices"][0][1]).label.en.strip() in got[2]


def test_not_applicable_and_modules_of_another_industry(tmp_path):
    fw = build([
        q("core.single", "single", "a", 4, na_allowed=True,
          options=[{"id": "o0", "points": 0, "label": t("无")}, {"id": "o1", "points": 4, "label": t("有")}]),
        q("mod.scale", "scale", "b", 4, levels=LEVELS5, module="factory"),
    ], modules=[{"id": "factory", "title": t("制造业模块"), "sectors": ["C"]}])
    path = tmp_path / "q.xlsx"
    write_template(fw, path, "zh")
    qmap, pmap, psheet = maps(path)
    assert set(qmap) >= {"core.single", "mod.scale"}
    wb = openpyxl.load_workbook(path)
    single, scale = qmap["core.single"], qmap["mod.scale"]
    put(wb, single["sheet"], single["na"], "是")
    put(wb, scale["sheet"], scale["level"], 3)
    put(wb, psheet, pmap["industry"], "F 批发和零售业")
    wb.save(path)
    got = problems_of(path, framework=fw)
    assert got == [f"{scale['sheet']}!{scale['level']}: this question is only for firms in section C; the "
                   "company's industry is F"]
    put(wb, psheet, pmap["industry"], "C 制造业")
    put(wb, single["sheet"], single["answer"], "有")
    wb.save(path)
    assert problems_of(path, framework=fw) == [
        f"{single['sheet']}!{single['na']}: 'not applicable' cannot be combined with an answer"]
    put(wb, single["sheet"], single["answer"], None)
    wb.save(path)
    a = read_workbook(path, framework=fw)
    assert a.answers == {"core.single": Answer(na=True), "mod.scale": Answer(level=3)}
    # a template for a sector leaves other sectors' modules out
    path2 = tmp_path / "q2.xlsx"
    write_template(fw, path2, "zh", sector="F")
    assert "mod.scale" not in maps(path2)[0]


def test_duplicate_option_labels_get_told_apart():
    fw = build([q("dup", "single", "a", 2, options=[{"id": "x", "points": 0, "label": t("同")},
                                                      {"id": "y", "points": 2, "label": t("同")}])])
    assert choice_labels(fw.question("dup"), "zh") == [("同 [x]", "x"), ("同 [y]", "y")]


def test_a_template_of_another_framework_version_is_refused(tmp_path):
    path = tmp_path / "q.xlsx"
    write_template(FW_ID, path, "zh")
    wb = openpyxl.load_workbook(path)
    ws = wb[RECORD_SHEET]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "framework_version")
    ws.cell(row, 2).value = "2022"
    wb.save(path)
    (msg,) = problems_of(path)
    assert msg.startswith(f'{RECORD_SHEET}: the questionnaire is for "{FW_ID}" version "2022"')


# --------------------------------------------------------------------- command line

def test_cli_template_then_import(tmp_path, capsys):
    tpl = tmp_path / "q.xlsx"
    assert main(["template", "--framework", FW_ID, "-o", str(tpl), "--sector", "C"]) == 0
    sample = load_assessment(SAMPLE)
    fw = sample.framework
    fill(tpl, fw, dict(sample.answers), "zh", {"name": sample.company.name, "industry": "C34 通用设备制造业"})
    out = tmp_path / "a.smd.json"
    assert main(["import", str(tpl), "-o", str(out)]) == 0
    imported = load_assessment(out)
    assert imported.answers == sample.answers
    assert imported.score().total_score == sample.score().total_score
    capsys.readouterr()

    wb = openpyxl.load_workbook(tpl)
    qmap, _, _ = maps(tpl)
    e = qmap["miit.management.planning"]
    put(wb, e["sheet"], e["answer"], "很多")
    wb.save(tpl)
    assert main(["import", str(tpl), "-o", str(tmp_path / "b.smd.json")]) == 1
    err = capsys.readouterr().err
    assert f'{tpl}: {e["sheet"]}!{e["answer"]}: "很多" 不是选项之一（请从下拉列表中选择）' in err
    assert not (tmp_path / "b.smd.json").exists()
    assert main(["--lang", "en", "import", str(tpl), "-o", str(tmp_path / "b.smd.json")]) == 1
    assert f'{tpl}: {e["sheet"]}!{e["answer"]}: "很多" is not one of the options' in capsys.readouterr().err


def test_cli_usage_errors(tmp_path, capsys):
    assert main(["template", "--framework", "nope", "-o", str(tmp_path / "x.xlsx")]) == 1
    assert main(["template", "--framework", FW_ID, "-o", str(tmp_path / "x.xlsx"), "--sector", "CC"]) == 2
    assert main(["import", str(tmp_path / "missing.xlsx"), "-o", str(tmp_path / "a.json")]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "无法读取：文件不存在" in err


@pytest.mark.parametrize("sample_path", sorted((SAMPLE.parent).glob("*.smd.json")), ids=lambda p: p.name)
def test_every_sample_goes_through_its_questionnaire_unchanged(tmp_path, sample_path):
    a = load_assessment(sample_path)
    fw = a.framework
    for lang in ("zh", "en"):
        path = tmp_path / f"q-{lang}.xlsx"
        write_template(fw, path, lang, sector=a.company.industry_section or None)
        fill(path, fw, dict(a.answers), lang, {"industry": a.company.industry, "name": a.company.name})
        imported = read_workbook(path)
        assert imported.answers == a.answers
        assert imported.score().total_score == a.score().total_score


# --------------------------------------------------------------------- values as people type them

def test_common_chinese_typing_is_read_and_the_ambiguous_is_refused_with_what_was_read(tmp_path):
    path = tmp_path / "q.xlsx"
    write_template(FW_ID, path, "zh")
    qmap, pmap, psheet = maps(path)
    wb = openpyxl.load_workbook(path)
    systems = qmap["miit.foundation.information_systems"]
    ratio = qmap["miit.foundation.device_digitisation"]
    quality = qmap["miit.results.quality"]
    scene = qmap["miit.scene.quality"]
    network = qmap["miit.foundation.network"]
    total, digitised = list(ratio["inputs"])
    before, after = list(quality["inputs"])
    fw = get_framework(FW_ID)
    label = fw.question("miit.foundation.information_systems").option("several").label.zh
    edits = [
        (systems["sheet"], systems["answer"], label.replace("（", "(").replace("）", ")")),  # half-width brackets
        (ratio["sheet"], total, "5,600"),
        (ratio["sheet"], digitised, "２，８００"),  # full-width digits and comma
        (quality["sheet"], before, "22.5%"),  # the input is a percentage
        (quality["sheet"], after, "２５％"),
        (scene["sheet"], scene["level"], "2级"),
        (network["sheet"], list(network["options"])[1], "是"),
        (psheet, pmap["employees"], "1,200"),
        (psheet, pmap["revenue_wan"], "5600万元"),
        (psheet, pmap["assessed_on"], "2026/11/20"),
    ]
    for sheet, cell, value in edits:
        put(wb, sheet, cell, value)
    wb.save(path)
    a = read_workbook(path)
    assert a.answers["miit.foundation.information_systems"].choice == "several"
    assert a.answers["miit.foundation.device_digitisation"].raw == {
        fw.question("miit.foundation.device_digitisation").ratio.denominator: 5600,
        fw.question("miit.foundation.device_digitisation").ratio.numerator: 2800}
    assert sorted(a.answers["miit.results.quality"].raw.values()) == [22.5, 25]
    assert a.answers["miit.scene.quality"].level == 2
    assert (a.company.employees, a.company.revenue_wan, a.assessed_on) == (1200, 5600, "2026-11-20")

    wb = openpyxl.load_workbook(path)
    refused = [
        (ratio["sheet"], total, "5,6"),
        (ratio["sheet"], digitised, "22.5%"),  # a count, not a percentage
        (scene["sheet"], scene["level"], "5级"),
        (psheet, pmap["assessed_on"], "03/04/2026"),
    ]
    for sheet, cell, value in refused:
        put(wb, sheet, cell, value)
    wb.save(path)
    with pytest.raises(ImportProblems) as info:
        read_workbook(path)
    zh = {p.where: p.text("zh") for p in info.value.problems}
    en = {p.where: p.text("en") for p in info.value.problems}
    assert len(zh) == len(refused)
    assert "读到 \"5,6\"" in zh[f"{ratio['sheet']}!{total}"] and "5600 或 5.6" in zh[f"{ratio['sheet']}!{total}"]
    assert "是百分数；此处应填数值（单位：台），不带 %" in zh[f"{ratio['sheet']}!{digitised}"]
    assert "wants a number in units, without %" in en[f"{ratio['sheet']}!{digitised}"]
    assert "不是 0-4 级" in zh[f"{scene['sheet']}!{scene['level']}"]
    assert "2026-04-03 或 2026-03-04" in zh[f"{psheet}!{pmap['assessed_on']}"]
    assert "day and month could be either way round" in en[f"{psheet}!{pmap['assessed_on']}"]


def test_dates_outside_2000_to_2100_are_refused_where_they_are(tmp_path):
    path = tmp_path / "q.xlsx"
    write_template(FW_ID, path, "zh")
    _, pmap, psheet = maps(path)
    wb = openpyxl.load_workbook(path)
    wb[psheet][pmap["assessed_on"]] = dt.date(9999, 12, 31)
    wb.save(path)
    with pytest.raises(ImportProblems) as info:
        read_workbook(path)
    (p,) = info.value.problems
    assert p.where == f"{psheet}!{pmap['assessed_on']}" and p.code == "date-range"
    assert p.text("zh") == "9999-12-31 不在 2000-01-01 至 2100-12-31 之间"
    assert p.text("en") == "9999-12-31 is outside 2000-01-01 … 2100-12-31"
