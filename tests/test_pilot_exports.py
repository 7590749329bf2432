"""Issue 13, exports and command line: score with an on-site rating, the verification sheet, the
before/after report (PDF and workbook sheet) and the 一企一档 pack."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

from smedigital.cli import main
from smedigital.core.answers import Answer, EvidenceFile, EvidenceMark
from smedigital.core.assessment import Verification, load_assessment, save_assessment, set_verification
from smedigital.core.compare import compare_assessments
from smedigital.core.evidence import evidence_status
from smedigital.core.resources import resource_path
from smedigital.export.compare_sheet import add_comparison_sheet
from smedigital.export.pack import build_pack, safe_name

BASELINE = resource_path("samples", "pilot", "manufacturer-miit-baseline.smd.json")
AFTER = resource_path("samples", "pilot", "manufacturer-miit-after.smd.json")
PC = "miit.scene.production_control"
PDFTOTEXT = shutil.which("pdftotext")
needs_pdftotext = pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def text_of(path: Path) -> str:
    out = subprocess.run([PDFTOTEXT, "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", out)


def pages(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", path.read_bytes()))


@pytest.fixture
def verified(tmp_path):
    a = load_assessment(AFTER)
    fw = a.framework
    qid = "miit.foundation.information_systems"
    v = set_verification(a, Verification("王评", "某评测机构", "2026-12-05",
                                         {PC: Answer(level=1), qid: Answer(choice=fw.question(qid).options[0].id)},
                                         {PC: "MES 仅试运行"}))
    path = tmp_path / "verified.smd.json"
    save_assessment(v, path)
    return path


def test_score_json_gives_self_and_verified_and_the_rating_shown_is_the_verified_one(capsys, verified):
    code, out, _ = run(capsys, "score", "--json", verified)
    assert code == 0
    d = json.loads(out)
    assert d["purpose"] == "after"
    assert d["total_score"] == d["verified"]["total_score"] < d["self"]["total_score"]
    diffs = {x["id"]: x for x in d["verification"]["differences"]}
    assert diffs["miit.foundation.information_systems"]["points_change"] < 0
    assert diffs[PC]["remark"] == "MES 仅试运行" and (diffs[PC]["self"], diffs[PC]["verified"]) == ("2", "1")
    code, out, _ = run(capsys, "score", verified)
    assert "现场评定核定结果" in out and "生产管控 2级 → 1级" in out
    code, out, _ = run(capsys, "--lang", "en", "score", verified)
    assert "on-site rating" in out and "Production control Level 2 → Level 1" in out


def test_score_json_without_a_verification_keeps_its_fields(capsys):
    code, out, _ = run(capsys, "score", "--json", AFTER)
    d = json.loads(out)
    assert "self" not in d and "verified" not in d and d["level"]["index"] == 2


@needs_pdftotext
def test_the_verification_sheet_prefills_answers_and_evidence_and_has_three_signatures(capsys, tmp_path, verified):
    out = tmp_path / "现场核查表.pdf"
    code, said, _ = run(capsys, "sheet", verified, "-o", out)
    assert code == 0 and "现场核查表" in said
    text = text_of(out)
    assert "核定答案" in text and "企业自评" in text
    assert "企业（盖章）负责人签字" in text and "服务商签字" in text and "评测人员签字" in text
    assert "[2级起]MES等信息系统中的工单截图" in text  # a scene level's own item
    assert "非官方表样" in text  # the layout is labelled the project's own
    assert "2级" in text and "总分57.5" in text  # the firm's own answers and result, not the verified ones


@needs_pdftotext
def test_the_blank_interview_form_and_english(capsys, tmp_path):
    out = tmp_path / "blank.pdf"
    code, said, _ = run(capsys, "sheet", "--framework", "miit-2024-manufacturing", "-o", out)
    assert code == 0 and "空白" in said
    text = text_of(out)
    assert "现场访谈表（空白）" in text and "自评结果" not in text
    assert run(capsys, "sheet", "--framework", "miit-2024-manufacturing", "-o", out)[0] == 1  # exists: --force
    en = tmp_path / "en.pdf"
    assert run(capsys, "--lang", "en", "sheet", AFTER, "-o", en)[0] == 0
    assert "On-siteverificationsheet" in text_of(en) and "Verifiedanswer" in text_of(en)
    code, _, err = run(capsys, "sheet", "-o", tmp_path / "x.pdf")
    assert code == 2 and "--framework" in err


@needs_pdftotext
def test_compare_writes_the_report_and_a_sheet_in_the_plan_workbook(capsys, tmp_path):
    plan = tmp_path / "plan.xlsx"
    assert run(capsys, "export", AFTER, "-o", plan)[0] == 0
    report = tmp_path / "对比.pdf"
    code, out, _ = run(capsys, "compare", BASELINE, AFTER, "-o", report, "--xlsx", plan)
    assert code == 0
    text = text_of(report)
    energy = load_assessment(AFTER).framework.question("miit.results.energy").label.zh
    for words in ("改造前后对比报告", "一、等级与门槛", "二级", "总分≥40", "六、两次评测之间完成的计划项及佐证",
                  energy, "生产管控"):
        assert words in text, words
    wb = openpyxl.load_workbook(plan)
    assert "改造前后对比" in wb.sheetnames and "改进计划" in wb.sheetnames  # the plan is still there
    ws = wb["改造前后对比"]
    values = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert "二、总分与维度" in values and "计划排程" in values
    assert len(wb["概览"]._charts) == 2  # the plan workbook's charts survive
    # a workbook that is not one is left alone and said so
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a zip")
    code, _, err = run(capsys, "compare", BASELINE, AFTER, "--xlsx", bad)
    assert code == 1 and "未改动" in err and bad.read_bytes() == b"not a zip"
    renamed = tmp_path / "renamed.xlsx"  # an assessment renamed .xlsx, and a zip bomb, never reach openpyxl
    renamed.write_bytes(Path(AFTER).read_bytes())
    code, _, err = run(capsys, "compare", BASELINE, AFTER, "--xlsx", renamed)
    assert code == 1 and "不是 .xlsx 工作簿" in err
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * (50 * 1024 * 1024))
    code, _, err = run(capsys, "compare", BASELINE, AFTER, "--xlsx", bomb)
    assert code == 1 and "未改动" in err


def test_compare_warns_when_the_files_are_in_the_wrong_order(capsys):
    code, _, err = run(capsys, "compare", AFTER, BASELINE)
    assert code == 0 and "诊断基线在前" in err


def test_the_comparison_sheet_can_be_added_by_the_app_in_english():
    c = compare_assessments(load_assessment(BASELINE), load_assessment(AFTER))
    wb = openpyxl.Workbook()
    assert add_comparison_sheet(wb, c, "en") == "Before and after"
    assert add_comparison_sheet(wb, c, "en") == "Before and after"  # replaced, not added twice
    assert wb.sheetnames.count("Before and after") == 1


def with_evidence(a, folder: Path, count: int, size: int = 2000):
    """Mark the first ``count`` needed items present, each with a file written in ``folder``."""
    folder.mkdir(exist_ok=True)
    for n, need in enumerate(evidence_status(a)[:count]):
        data = bytes([n % 256]) * size + str(n).encode()
        name = f"证据{n:02d}.png"
        (folder / name).write_bytes(data)
        f = EvidenceFile(name, len(data), hashlib.sha256(data).hexdigest())
        ans = a.answers[need.question_id]
        items = dict(ans.evidence_items)
        items[need.item.id] = EvidenceMark("present", (*(items[need.item.id].files if need.item.id in items else ()), f))
        a = a.with_answer(need.question_id, replace(ans, evidence_items=items))
    return a


def test_pack_holds_everything_and_lists_missing_evidence_first(capsys, tmp_path):
    a = with_evidence(load_assessment(AFTER), tmp_path / "ev", 6)
    src = tmp_path / "after.smd.json"
    save_assessment(a, src)
    out = tmp_path / "一企一档.zip"
    code, said, err = run(capsys, "pack", src, "--evidence-dir", tmp_path / "ev", "--baseline", BASELINE,
                          "-o", out, "--no-charts")
    assert code == 0 and "佐证 6 个" in said
    assert "缺少" in err and "MES等信息系统中的工单截图" in err  # printed before the export
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        assert {"00-目录.pdf", "00-目录.xlsx", "01-诊断报告.pdf", "02-改进计划.xlsx", "03-改造前后对比报告.pdf",
                "04-现场核查表.pdf", "评测数据.smd.json"} <= set(names)
        evidence = [n for n in names if n.startswith("01-数字化基础/")]
        assert len(evidence) == 6 and evidence[0] == "01-数字化基础/01-网络建设-e1-证据00.png"
        index = openpyxl.load_workbook(zf.open("00-目录.xlsx"))
    rows = [[c.value for c in r] for r in index["目录"].iter_rows(min_row=4)]
    first = rows[0]
    assert first[5] == evidence[0] and re.fullmatch(r"[0-9a-f]{64}", first[6])
    assert any(r[6] == "缺" for r in rows)  # a claimed item without a file
    assert not list(tmp_path.glob(".一企一档.zip.*"))  # no temporary file left


def test_pack_refuses_path_names_and_reports_missing_or_altered_files(tmp_path):
    folder = tmp_path / "ev"
    a = with_evidence(load_assessment(AFTER), folder, 3)
    secret = tmp_path / "secret.txt"
    secret.write_text("do not pack me")
    needs = evidence_status(a)
    hostile = [EvidenceFile("../secret.txt", secret.stat().st_size, hashlib.sha256(secret.read_bytes()).hexdigest()),
               EvidenceFile("sub/../../secret.txt", 0, ""), EvidenceFile("gone.png", 10, "")]
    need = needs[3]
    ans = a.answers[need.question_id]
    a = a.with_answer(need.question_id, replace(ans, evidence_items={
        **ans.evidence_items, need.item.id: EvidenceMark("present", tuple(hostile))}))
    (folder / "证据01.png").write_bytes(b"changed after it was recorded")
    out = tmp_path / "p.zip"
    result = build_pack(a, out, evidence_dir=folder, charts=False)
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        assert all(".." not in n and not n.startswith("/") for n in names)
        assert not any(b"do not pack me" in zf.read(n) for n in names)
    codes = [p.code for p in result.problems]
    assert codes.count("file-missing") == 3 and codes.count("file-differs") == 1
    assert result.evidence_files == 2
    assert any("文件缺失" in p.zh for p in result.problems)


def test_safe_names_never_leave_the_folder():
    for hostile in ("../../etc/passwd", "..", "a/b\\c", "C:\\x.png", "\x00evil", " .hidden", "x" * 500 + ".png"):
        name = safe_name(hostile)
        assert "/" not in name and "\\" not in name and name not in ("", ".", "..") and len(name) <= 120
    assert safe_name("x" * 500 + ".png").endswith(".png")
    assert safe_name("invoice\u202egnp.exe") == "invoice_gnp.exe"  # a right-to-left override cannot disguise it


def test_a_failed_pack_leaves_no_zip_and_no_temporary_file(tmp_path, monkeypatch):
    from smedigital.export import pack as pack_mod

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pack_mod, "_index_workbook", boom)
    out = tmp_path / "p.zip"
    out.write_bytes(b"the old pack")
    with pytest.raises(OSError):
        build_pack(load_assessment(AFTER), out, charts=False)
    assert out.read_bytes() == b"the old pack" and list(tmp_path.iterdir()) == [out]


def test_pack_of_a_missing_evidence_folder_is_refused(capsys, tmp_path):
    code, _, err = run(capsys, "pack", AFTER, "--evidence-dir", tmp_path / "nope", "-o", tmp_path / "p.zip")
    assert code == 1 and "不是文件夹" in err and not (tmp_path / "p.zip").exists()


@needs_pdftotext
def test_the_report_lists_plan_items_done_with_their_evidence(tmp_path):
    from smedigital.export.pilot_pdf import build_comparison_report

    after = load_assessment(AFTER)
    after = replace(after, plan={"target": "level:2", "items": [
        {"key": "miit.scene.production_control>2", "title": "上线MES工单管理", "status": "done",
         "evidence": ["MES验收单.pdf", "工单截图.png"]}]})
    out = tmp_path / "c.pdf"
    out.write_bytes(build_comparison_report(compare_assessments(load_assessment(BASELINE), after)))
    text = text_of(out)
    assert "上线MES工单管理" in text and "MES验收单.pdf" in text and "工单截图.png" in text


@needs_pdftotext
def test_the_diagnosis_report_says_its_results_are_the_on_site_rating(capsys, tmp_path, verified):
    pdf = tmp_path / "r.pdf"
    assert run(capsys, "export", verified, "-o", tmp_path / "p.xlsx", "--pdf", pdf)[0] == 0
    text = text_of(pdf)
    assert "本报告的结果为现场评定核定结果（王评，某评测机构，2026-12-05）；企业自评为总分57.5，二级。" in text
    assert "52.5/100" in text


def comparison_rows(ws) -> dict[str, list]:
    """The comparison sheet's rows by their first cell."""
    return {row[0].value: list(row) for row in ws.iter_rows() if row[0].value is not None}


@needs_pdftotext
def test_the_report_and_the_sheet_show_the_changes_with_the_digits_of_the_command_line(tmp_path):
    """One rule for every output (core.compare.RELATIVE_DECIMALS): 46.7 → 50.4 is +3.7 and +7.9% in the PDF
    and in the sheet (its value and its number format), not +8% or +8.0%; scores change as shown."""
    from smedigital.export.compare_sheet import signed_format
    from smedigital.export.pilot_pdf import build_comparison_report

    c = compare_assessments(load_assessment(BASELINE), load_assessment(AFTER))
    pdf = tmp_path / "c.pdf"
    pdf.write_bytes(build_comparison_report(c))
    text = text_of(pdf)
    for row in ("46.750.4+3.7+7.9%", "88.486.7−1.7−1.9%", "0.1460.128−0.018−12.3%", "97.898.6+0.8+0.8%",
                "数字化管理26.326.3±0.0", "数字化成效100.0100.0±0.0",
                "设备联网率20%以上-40%（含）40%以上-60%（含）+1.50", "百元营收成本下降下降±0.00"):  # points: two decimals
        assert row in text, row
    assert "（miit-2024-manufacturing2024）" in text  # Chinese brackets around the framework's id in Chinese
    wb = openpyxl.Workbook()
    ws = wb[add_comparison_sheet(wb, c)]
    rows = comparison_rows(ws)
    rpe = rows["人均营业收入"]
    assert [cell.value for cell in rpe[2:6]] == [pytest.approx(46.7), pytest.approx(50.4), pytest.approx(3.7),
                                                 pytest.approx(0.079)]
    assert [cell.number_format for cell in rpe[2:6]] == ["0.0", "0.0", signed_format(1), signed_format(1, True)]
    assert signed_format(1, True) == '+0.0%;"−"0.0%;"±"0.0%'  # +7.9%, −1.9%, ±0.0%: the text's own signs
    assert rows["单位营收能耗"][3].number_format == "0.000" and rows["单位营收能耗"][5].value == pytest.approx(-0.123)
    assert rows["总分"][4].value == pytest.approx(5.8)  # 57.5 − 51.7, as shown
    assert rows["设备联网率"][4].value == pytest.approx(1.5) and rows["设备联网率"][4].number_format == signed_format(2)
    assert ws.cell(2, 1).value.startswith("改造前（诊断基线）：2025-12-10 51.7 一级") and ": " not in ws.cell(2, 1).value


@needs_pdftotext
def test_a_relative_change_from_zero_is_said_in_the_report_and_the_sheet(tmp_path):
    from smedigital.export.pilot_pdf import build_comparison_report

    before = load_assessment(BASELINE)
    q = "miit.results.quality"
    before = replace(before, signed_off=None).with_answer(
        q, replace(before.answers[q], raw=dict(before.answers[q].raw) | {"pass_rate_after": 0}))
    c = compare_assessments(before, load_assessment(AFTER))
    pdf = tmp_path / "c.pdf"
    pdf.write_bytes(build_comparison_report(c, "en"))
    assert "norelativechangefromzero" in text_of(pdf)
    wb = openpyxl.Workbook()
    rows = comparison_rows(wb[add_comparison_sheet(wb, c)])
    assert rows["产品合格率"][5].value == "基数为零，无相对变化"
