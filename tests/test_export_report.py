"""The PDF diagnosis report: pages, CJK font, page numbers, findings, the plan, evidence and signatures."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
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
                 "三、优势与差距", "四、改进计划", "五、晋级所需佐证材料", "六、依据与说明", "七、签字确认", "评测人（签字）",
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
    assert "产品质量：7.0 / 7.0 分" in strengths
    assert any(g.startswith("要素保障：3.0 / 15.0 分，尚差 12.0 分") for g in gaps)
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


# --------------------------------------------------------------------- every character of a name, or a warning

RARE_FIRM = "广州刘䶮㐀﨑科技有限公司"  # Extension A (䶮 㐀) and a compatibility ideograph (﨑)
RARE_PERSON = "王㛃、赵孟𫖯"  # Extension A, and Extension C (𫖯, in the 通用规范汉字表)
NO_FONT_HAS = "𠀀"  # U+20000, Extension B: not in the bundled font


def named(firm: str, assessor: str = "王㛃"):
    a = sample()
    return replace(a, company=replace(a.company, name=firm), assessor=assessor)


def make_fallback_font(path: Path, chars: str) -> Path:
    """A tiny TrueType font whose only glyphs are boxes for ``chars`` (a stand-in for SimSun-ExtB or HanaMinB)."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    names = [".notdef"] + [f"uni{ord(c):05X}" for c in chars]
    fb = FontBuilder(1000, isTTF=True)
    fb.setupGlyphOrder(names)
    fb.setupCharacterMap({ord(c): f"uni{ord(c):05X}" for c in chars})
    glyphs = {}
    for name in names:
        pen = TTGlyphPen(None)
        for x0, y0, x1, y1 in ((100, -50, 900, 750), (200, 50, 800, 650)):
            pen.moveTo((x0, y0)), pen.lineTo((x0, y1)), pen.lineTo((x1, y1)), pen.lineTo((x1, y0)), pen.closePath()
        glyphs[name] = pen.glyph()
    fb.setupGlyf(glyphs)
    fb.setupHorizontalMetrics({n: (1000, 100) for n in names})
    fb.setupHorizontalHeader(ascent=880, descent=-120)
    fb.setupNameTable({"familyName": "Smedigital Test Fallback", "styleName": "Regular"})
    fb.setupOS2(sTypoAscender=880, sTypoDescender=-120, usWinAscent=880, usWinDescent=120)
    fb.setupPost()
    fb.save(str(path))
    return path


@pytest.fixture
def no_fallback_font(monkeypatch):
    from smedigital.charts import fonts

    monkeypatch.setattr(fonts, "FALLBACK_FONT_FILES", ())


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")
def test_extension_a_compatibility_and_rare_name_characters_print(tmp_path, no_fallback_font):
    said: list[str] = []
    pdf = build_report(named(RARE_FIRM, RARE_PERSON), "zh", charts=False, warnings=said)
    text = text_of(pdf, tmp_path)
    assert said == []
    assert RARE_FIRM in text and squeeze(RARE_PERSON) in text  # on the cover, in the header, on the signature line
    assert text.count(RARE_FIRM) >= pages(pdf)
    assert "□" not in text


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")
def test_nb_in_a_name_prints_as_written_and_the_page_count_still_comes(tmp_path):
    pdf = build_report(named("{nb}数字科技有限公司", "{nb}"), "zh", charts=False)
    text = text_of(pdf, tmp_path)
    n = pages(pdf)
    assert "{nb}数字科技有限公司" in text and text.count("{nb}数字科技有限公司") >= n
    assert f"第{n}页/共{n}页" in text and "共{nb}页" not in text
    assert f"{n}数字科技有限公司" not in text


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")
def test_a_character_no_font_has_prints_as_a_box_with_a_warning(tmp_path, no_fallback_font, caplog):
    said: list[str] = []
    pdf = build_report(named(f"龙{NO_FONT_HAS}科技有限公司"), "zh", charts=False, warnings=said)
    text = text_of(pdf, tmp_path)
    assert "龙□科技有限公司" in text and NO_FONT_HAS not in text
    assert len(said) == 1 and "𠀀（U+20000）" in said[0] and "□" in said[0]
    assert any("U+20000" in r.getMessage() for r in caplog.records)
    # variation selectors and zero-width joiners are not characters to print: no box, no warning
    said.clear()
    build_report(named("葛\U000e0100\u200d科技\ufe00有限公司"), "en", charts=False, warnings=said)
    assert said == []


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")
def test_a_fallback_font_on_the_machine_prints_what_the_bundled_font_lacks(tmp_path, monkeypatch):
    from smedigital.charts import fonts

    font = make_fallback_font(tmp_path / "fallback.ttf", NO_FONT_HAS + "𪚥")
    monkeypatch.setattr(fonts, "FALLBACK_FONT_FILES", (tmp_path / "absent.ttf", font))
    said: list[str] = []
    pdf = build_report(named(f"龙{NO_FONT_HAS}𪚥科技有限公司", f"王{NO_FONT_HAS}"), "zh", charts=False, warnings=said)
    text = text_of(pdf, tmp_path)
    assert said == []
    assert f"龙{NO_FONT_HAS}𪚥科技有限公司" in text and f"王{NO_FONT_HAS}" in text
    assert len(re.findall(rb"/BaseFont /[A-Z]{6}\+\w+", pdf)) >= 2  # the fallback font embedded beside the CJK font
    # without such a character the fallback font is not even read
    plain = build_report(named("广州科技有限公司"), "zh", charts=False)
    assert b"SmedigitalTestFallback" not in plain


def test_cli_export_says_which_characters_print_as_boxes(tmp_path, capsys, no_fallback_font):
    from smedigital.core.assessment import save_assessment

    source = tmp_path / "firm.smd.json"
    save_assessment(named(f"龙{NO_FONT_HAS}科技有限公司"), source)
    for lang, words in (("zh", "报告中印为“□”"), ("en", "printed as “□”")):
        xlsx, pdf = tmp_path / f"plan-{lang}.xlsx", tmp_path / f"report-{lang}.pdf"
        assert main(["--lang", lang, "export", str(source), "-o", str(xlsx), "--pdf", str(pdf)]) == 0
        err = capsys.readouterr().err
        assert f"{pdf}: " in err and words in err and "U+20000" in err, err


# --------------------------------------------------------------------- speed: the parsed font is kept

@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_parsed_font_is_kept_and_each_report_subsets_a_font_file_of_its_own(tmp_path, monkeypatch):
    from smedigital.export import report

    first = build_report(named("甲乙丙科技有限公司"), "zh", charts=False)
    assert report._templates  # parsed once for the process
    second = build_report(named("丁戊己庚辛壬癸有限公司"), "zh", charts=False)
    assert "甲乙丙科技有限公司" in text_of(first, tmp_path)
    assert "丁戊己庚辛壬癸有限公司" in text_of(second, tmp_path)  # glyphs the first report's subset lacked
    # an fpdf2 whose font objects cannot be copied: a plain add_font, the same report
    monkeypatch.setattr(report, "_copy_font", lambda font: (_ for _ in ()).throw(TypeError("no copy")))
    third = build_report(named("丁戊己庚辛壬癸有限公司"), "zh", charts=False)
    assert text_of(third, tmp_path) == text_of(second, tmp_path)


def test_the_sample_report_reads_no_second_font(report_zh):
    """Every character of the program's own texts is in the first bundled font: a report of them embeds it
    alone (the second font, parsed and subset for two brackets of the framework's notes, made every report
    a third of a second slower)."""
    if find_font().regular.name != "SmedigitalSansSC.ttc":
        pytest.skip("the bundled font is not the one in use")
    fonts = set(re.findall(rb"/BaseFont /[A-Z]{6}\+(\w+)", report_zh))
    assert fonts == {b"SmedigitalSansSC", b"SmedigitalSansSCBold"}, fonts


def _subset_glyphs(font, names: list[str]) -> dict[str, tuple[int, bytes]]:
    """Subset ``font`` to the glyphs ``names`` as fpdf2 does; each kept glyph's id and charstring."""
    from fontTools import subset

    options = subset.Options(notdef_outline=True, recommended_glyphs=True)
    options.drop_tables += ["GDEF", "GPOS", "GSUB"]  # as fpdf2 does: no glyphs added for layout features
    subsetter = subset.Subsetter(options)
    subsetter.populate(glyphs=names)
    subsetter.subset(font)
    top = font["CFF "].cff.topDictIndex[0]
    out = {}
    for name in top.charset:
        charstring = top.CharStrings[name]
        charstring.compile()  # as the font is saved: the bytes of a glyph not decompiled stay as they are
        out[name] = (font.getGlyphID(name), charstring.bytecode)
    return out


@pytest.mark.parametrize("face", [0, 1])
def test_the_bundled_font_is_subset_without_reading_its_glyphs_to_the_same_subset(face):
    from fontTools.ttLib import TTFont

    from smedigital.core.resources import resource_path
    from smedigital.export.report import _font_file

    path = resource_path("fonts") / "SmedigitalSansSC.ttc"
    with _font_file(path, face) as fast, TTFont(str(path), fontNumber=face, lazy=True) as usual:
        assert fast["CFF "].closure_glyphs.__name__ == "_no_op"  # no subroutines: the glyphs are copied as they are
        assert "cmap" not in fast and "hmtx" not in fast  # fpdf2 embeds the CFF table alone
        cmap = usual.getBestCmap()
        names = sorted({cmap[ord(c)] for c in "数字化水平评测（上云、用数、赋智）〈〉【】Level 3: 12.5%"})
        got, want = _subset_glyphs(fast, names), _subset_glyphs(usual, names)
    assert len(got) > 30 and got == want


def test_a_font_with_subroutines_is_subset_the_usual_way():
    from fontTools.ttLib import TTFont

    from smedigital.core.resources import resource_path
    from smedigital.export.report import _plain_cff

    with TTFont(str(resource_path("fonts") / "SmedigitalSansSC.ttc"), fontNumber=0, lazy=True) as font:
        font["CFF "].cff.topDictIndex[0].GlobalSubrs.append(b"\x0b")  # one (return-only) global subroutine
        assert _plain_cff(font) is False
        assert font["CFF "].closure_glyphs.__name__ == "closure_glyphs" and "cmap" in font


@pytest.mark.skipif(PDFTOTEXT is None, reason="pdftotext (poppler-utils) is not installed")
def test_the_reports_plan_names_each_phases_months_as_the_plan_page(tmp_path):
    """The farm sample's phases 1 and 2 both start in 2027Q1, one month after the other: the report says
    2027-01 and 2027-02, and each action's start month."""
    from smedigital.core.assessment import load_assessment

    a = load_assessment(Path(__file__).resolve().parent.parent / "resources" / "samples" / "farm-cooperative-cdi.smd.json")
    plan = build_plan(a)
    text = squeeze(text_of(build_report(a, "zh", plan, charts=False), tmp_path))
    assert squeeze("第一阶段：上云 · 2027-01") in text and squeeze("第二阶段：用数 · 2027-02") in text
    assert "2027Q1" not in text  # no quarter left: every phase and every action by its month
    en = squeeze(text_of(build_report(a, "en", plan, charts=False), tmp_path))
    assert squeeze("Phase 1: Migrating to cloud · 2027-01") in en and squeeze("Phase 2: Using data · 2027-02") in en
