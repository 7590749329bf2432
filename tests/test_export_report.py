"""The PDF diagnosis report: pages, CJK font, page numbers, findings, the plan, evidence and signatures."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_export_workbook import SAMPLE, miit_library, sample

from smedigital.cli import main
from smedigital.core.planning import build_plan
from smedigital.export.report import build_report, evidence_for_next_level, find_font, findings, write_report

PDFTOTEXT = shutil.which("pdftotext")


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def text_of(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    out = subprocess.run([PDFTOTEXT, "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", out)  # pdftotext spaces CJK text its own way: compare without white space


def squeeze(s: str) -> str:
    return re.sub(r"\s+", "", s)


@pytest.fixture(scope="module")
def report_zh() -> bytes:
    a = sample()
    return build_report(a, "zh", build_plan(a, "level:3", library=miit_library()))


def test_the_report_is_an_a4_pdf_with_an_embedded_cjk_font(report_zh):
    assert report_zh.startswith(b"%PDF-")
    assert pages(report_zh) >= 6
    assert b"/MediaBox [0 0 595.28 841.89]" in report_zh
    assert b"/FontFile" in report_zh or b"/FontFile3" in report_zh
    assert re.search(rb"/BaseFont /[A-Z]{6}\+\w+", report_zh)


def test_the_font_is_found_with_its_collection_face():
    font = find_font()
    assert font.regular.is_file()
    if font.regular.suffix.lower() == ".ttc":
        from fontTools.ttLib import TTCollection

        collection = TTCollection(str(font.regular), lazy=True)
        try:
            names = [f["name"].getDebugName(1) for f in collection.fonts]
        finally:
            collection.close()
        assert "SC" in names[font.face] or "CN" in names[font.face]


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_report_says_what_it_should(report_zh, tmp_path):
    a = sample()
    text = text_of(report_zh, tmp_path)
    n = pages(report_zh)
    for word in ("数字化水平诊断报告", a.company.name, a.assessor, a.assessed_on, "一、诊断结论", "二、维度与场景",
                 "三、优势与差距", "四、改进计划", "五、晋级所需证据", "六、依据与说明", "七、签字确认", "评估人（签字）",
                 "企业负责人（签字并盖章）", "第二阶段：用数", "还需 1 个场景达到 2 级及以上",
                 f"第 2 页 / 共 {n} 页", f"第 {n} 页 / 共 {n} 页"):
        assert squeeze(word) in text, word
    assert "第1页" not in text  # the cover carries no number
    # the evidence checklist of the suggested step: the first phase of the optimal plan for the next level
    # (equipment management 1 -> 2)
    q = a.framework.question("miit.scene.equipment")
    for item in q.evidence:
        assert squeeze(item.zh[:12]) in text


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_english_report(tmp_path):
    a = sample()
    pdf = build_report(a, "en", build_plan(a, library=miit_library()))
    text = text_of(pdf, tmp_path)
    n = pages(pdf)
    for word in ("Digital level diagnosis report", "1. Findings", "4. Improvement plan", f"Page 2 of {n}",
                 "Assessor (signature)", "After-sales service"):
        assert squeeze(word) in text, word


def test_findings_name_strengths_and_gaps():
    a = sample()
    result = a.score()
    strengths, gaps = findings(a.framework, result, "zh")
    assert "产品质量：7 / 7 分" in strengths
    assert any(g.startswith("要素保障：3 / 15 分，尚差 12 分") for g in gaps)
    # scenes below the next level's gate (level 2) hold the firm back, mandatory ones first
    scene_gaps = [g for g in gaps if g.startswith("场景")]
    assert scene_gaps and "★" in scene_gaps[0]
    assert not any("营销管理" in g for g in scene_gaps)  # already at level 2


def test_evidence_for_the_next_level_follows_the_suggested_steps():
    a = sample()
    result = a.score()
    items = evidence_for_next_level(a.framework, result, "zh")
    suggested = [s.question_id for s in result.level_gap.suggested]
    assert len(items) == len(suggested) >= 1
    head, checklist = items[0]
    q = a.framework.question(suggested[0])
    assert head.startswith(q.label.zh) and checklist == [e.zh for e in q.evidence]


def test_without_plan_items_or_charts_the_report_still_comes(tmp_path):
    a = sample()
    pdf = build_report(a, "zh", build_plan(a, "level:1", library=miit_library()), charts=False)
    assert pages(pdf) >= 4
    path = tmp_path / "r.pdf"
    path.write_bytes(b"old")
    write_report(a, path, "en", charts=False)
    assert path.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["r.pdf"]


def test_cli_export_with_pdf(tmp_path, capsys):
    xlsx, pdf = tmp_path / "plan.xlsx", tmp_path / "report.pdf"
    assert main(["export", str(SAMPLE), "-o", str(xlsx), "--pdf", str(pdf)]) == 0
    assert xlsx.is_file() and pdf.read_bytes().startswith(b"%PDF-")
    out = capsys.readouterr().out
    assert "report.pdf：诊断报告" in out
