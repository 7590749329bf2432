"""The user guide: the Chinese and English guides have the same sections, every screen's F1
section exists, the MIIT figures list names every figure the assessment asks for, the time
is the measured one, and the printable PDF builds."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from smedigital.core import guide
from smedigital.core.framework import get_framework

ROOT = Path(__file__).resolve().parent.parent


def _headings(lang: str) -> list[tuple[int, str]]:
    return [(b.level, b.anchor) for b in guide.load(lang) if b.kind == "heading"]


def _section_text(lang: str, section: str) -> str:
    """The text of one section (its heading down to the next heading of the same or a higher level)."""
    blocks = guide.load(lang)
    start = next(i for i, b in enumerate(blocks) if b.kind == "heading" and b.anchor == section)
    level = blocks[start].level
    out = []
    for b in blocks[start + 1:]:
        if b.kind == "heading" and b.level <= level:
            break
        out += [b.text, *b.items, *(" ".join(r) for r in b.rows)]
    return "\n".join(out)


def test_the_chinese_and_english_guides_have_the_same_sections():
    zh, en = _headings("zh"), _headings("en")
    assert zh == en
    ids = [a for _, a in zh if a]
    assert len(ids) == len(set(ids)) >= 15
    assert all(a for level, a in zh if level > 1)  # every section can be opened by its anchor


def test_every_screen_has_its_section_in_both_guides():
    for lang in guide.LANGS:
        ids = set(guide.section_ids(guide.load(lang)))
        assert set(guide.PAGE_SECTIONS.values()) <= ids
        assert guide.DEFAULT_SECTION in ids
    assert guide.section_for_page("dim:foundation") == "questions"
    assert guide.section_for_page("no-such-page") == guide.DEFAULT_SECTION
    assert guide.section_for_page(None) == guide.DEFAULT_SECTION


def test_the_figures_list_names_every_figure_the_miit_assessment_asks_for():
    fw = get_framework("miit-2024-manufacturing")
    inputs = {i.id: i for q in fw.questions for i in q.inputs}
    assert len(inputs) == 15  # the "15 values" the guide promises
    for lang in guide.LANGS:
        figures = _section_text(lang, "figures").lower()
        missing = [i.label.get(lang) for i in inputs.values() if i.label.get(lang).lower() not in figures]
        assert missing == [], lang
        assert figures.count("□") == 1 + 4 + 1 + 15  # a box per figure, and one heading each table
        assert ("15 个数值" if lang == "zh" else "15 values") in figures


def test_the_guides_and_the_readme_state_the_measured_time():
    assert "35–60 分钟" in _section_text("zh", "time") and "35–60 minutes" in _section_text("en", "time")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "twenty minutes" not in readme and "35–60 minutes" in readme


def test_the_markdown_subset_is_read_as_written():
    blocks = guide.parse("# T\n\n## A {#a}\n\n第一行\n第二行\n\n- x\n  y\n1. one\n\n| h | i |\n|---|---|\n| **b** | `c` |\n")
    assert [(b.kind, b.anchor) for b in blocks] == [("heading", ""), ("heading", "a"), ("para", ""),
                                                    ("bullets", ""), ("numbered", ""), ("table", "")]
    assert blocks[2].text == "第一行第二行" and blocks[3].items == ["x y"]
    html = guide.to_html(blocks)
    assert '<h2><a name="a">A</a></h2>' in html and "<b>b</b>" in html and "<code>c</code>" in html
    assert guide.to_html(guide.parse("## <script> & {#x}")) == '<h2><a name="x">&lt;script&gt; &amp;</a></h2>'


def test_the_build_tool_writes_both_guides_as_pdfs_with_pages(tmp_path):
    spec = importlib.util.spec_from_file_location("build_guide", ROOT / "tools" / "build_guide.py")
    assert spec and spec.loader
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    pages = tool.build(tmp_path)
    assert set(pages) == {guide.pdf_name("zh"), guide.pdf_name("en")}
    for name, n in pages.items():
        data = (tmp_path / name).read_bytes()
        assert data.startswith(b"%PDF") and n >= 3
        assert len(re.findall(rb"/Type\s*/Page\b", data)) == n
    assert (tmp_path / "zh.md").read_text(encoding="utf-8") == guide.guide_path("zh").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", guide.LANGS)
def test_the_installed_guide_is_what_the_spec_bundles(lang):
    spec = (ROOT / "installers" / "smedigital.spec").read_text(encoding="utf-8")
    assert '"tools" / "build_guide.py"' in spec and '(str(guide_out), "resources/guide")' in spec
    assert guide.pdf_name(lang) in (ROOT / "installers" / "windows" / "smedigital.nsi").read_text(encoding="utf-8")
