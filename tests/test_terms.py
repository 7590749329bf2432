"""One term for one thing: the Chinese texts a user reads keep to ``docs/terms.md``.

The avoid-list is read from the terms table; every Chinese text source (the interface
translations, the zh_strings.tsv tables, the catalogue of words in ``resources/words/`` and the
code beside it, the frameworks' and action libraries' texts, the user guide) is scanned for avoided terms and for
half-width ``:`` ``,`` ``;`` ``(`` ``)`` between Chinese characters.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
TERMS = ROOT / "docs" / "terms.md"

CJK = "\u4e00-\u9fff"
#: a half-width colon, comma, semicolon or parenthesis with Chinese on both sides (a space allowed);
#: after it also Chinese punctuation, quotes or an ellipsis ("建议: …")
HALF_WIDTH = re.compile(rf"[{CJK}] ?[:,;()] ?[{CJK}\u3000-\u303f\uff00-\uffef“‘…]")


@dataclass(frozen=True)
class Term:
    zh: str
    en: str
    avoid: tuple[str, ...]
    allowed_in: tuple[str, ...]


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def read_terms(text: str) -> list[Term]:
    """The rows of the table under "## 术语表"."""
    section = text.split("## 术语表", 1)[1]
    rows = [line for line in section.splitlines() if line.startswith("|")]
    header, _rule, *body = rows
    assert _cells(header)[:2] == ["术语", "English"]

    def words(cell: str) -> tuple[str, ...]:
        return tuple(w.strip() for w in cell.split(",") if w.strip())

    return [Term(c[0], c[1], words(c[3]), words(c[4])) for c in map(_cells, body)]


def problems(text: str, terms: list[Term]) -> list[str]:
    """What in one Chinese text breaks the terms: each avoided term (outside its allowed
    compounds) and each half-width punctuation mark between Chinese characters."""
    found = []
    for term in terms:
        masked = text
        for compound in sorted(term.allowed_in, key=len, reverse=True):
            masked = masked.replace(compound, "\0" * len(compound))
        for avoided in term.avoid:
            if avoided in masked:
                found.append(f"“{avoided}” (use “{term.zh}”)")
    found += [f"half-width “{m.group(0)}”" for m in HALF_WIDTH.finditer(text)]
    return found


def _has_chinese(text: str) -> bool:
    return re.search(f"[{CJK}]", text) is not None


def _mostly_chinese(text: str) -> bool:
    """A Chinese text, not an English docstring or message naming a Chinese term."""
    return len(re.findall(f"[{CJK}]", text)) > len(re.findall("[A-Za-z]", text))


def _ts_texts(path: Path):
    for message in ElementTree.parse(path).getroot().iter("message"):  # noqa: S314 - our own file
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("vanished", "obsolete"):
            continue
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        for form in forms:
            yield f"{path.name} [{message.findtext('source')!r}]", form


def _tsv_texts(path: Path):
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        parts = line.split("\t")
        if len(parts) == 3 and not line.startswith("#"):
            yield f"{path.relative_to(ROOT)}:{number}", parts[2]


def _python_texts(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield f"{path.relative_to(ROOT)}:{node.lineno}", node.value


def _yaml_texts(path: Path):
    def walk(node, where):
        if isinstance(node, dict):
            for key, value in node.items():
                yield from walk(value, f"{where}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                yield from walk(value, f"{where}[{i}]")
        elif isinstance(node, str):
            yield where, node

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    yield from walk(data, str(path.relative_to(ROOT)))


def _guide_texts(path: Path):
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        yield f"{path.relative_to(ROOT)}:{number}", line


def user_texts():
    """(where, text) for every Chinese text the user reads."""
    yield from _ts_texts(ROOT / "resources" / "translations" / "smedigital_zh_CN.ts")
    for tsv in sorted((ROOT / "smedigital" / "ui").rglob("zh_strings.tsv")):
        yield from _tsv_texts(tsv)
    for path in sorted((ROOT / "smedigital").rglob("*.py")):  # messages still written beside their code
        yield from ((where, text) for where, text in _python_texts(path) if _mostly_chinese(text))
    for folder in ("words", "frameworks", "actions"):  # words: the catalogue of every non-Qt text
        for path in sorted((ROOT / "resources" / folder).rglob("*.yaml")):
            yield from _yaml_texts(path)
    yield from _guide_texts(ROOT / "docs" / "guide" / "zh.md")


@pytest.fixture(scope="module")
def terms() -> list[Term]:
    return read_terms(TERMS.read_text(encoding="utf-8"))


def test_the_terms_table_is_read_and_every_avoided_word_names_its_term(terms):
    by_zh = {t.zh: t for t in terms}
    assert {"评测", "诊断", "约束性场景", "引导性场景", "分项"} <= set(by_zh)
    assert "评估" in by_zh["评测"].avoid and "支柱" in by_zh["分项"].avoid
    assert "非约束性场景" in by_zh["引导性场景"].avoid
    assert all(t.en for t in terms)
    avoided = [w for t in terms for w in t.avoid]
    assert len(avoided) == len(set(avoided))
    assert not set(avoided) & set(by_zh)  # no term is also avoided


def test_a_planted_bad_text_is_found(terms):
    assert problems("请先完成本次评估，再看支柱得分", terms) == ["“评估” (use “评测”)", "“支柱” (use “分项”)"]
    assert problems("建议: 先上云", terms) == ["half-width “议: 先”"]
    assert problems("总分,等级", terms) and problems("场景(约束性)", terms) and problems("场景 (约束性)", terms)
    assert problems("本场景为非约束性场景。", terms) == ["“非约束性场景” (use “引导性场景”)"]


def test_allowed_compounds_and_latin_text_pass(terms):
    assert problems("每年开展一次网络安全风险评估，并按评估报告整改。", terms) == []
    assert problems("上云 (cloud)、文件(&F)、Step 1: 先评测，比例 1:2", terms) == []
    assert problems("本次评测：约束性场景（6 个）", terms) == []


def test_every_chinese_text_keeps_to_the_terms(terms):
    bad = [f"{where}: {', '.join(found)}: {text[:80]!r}"
           for where, text in user_texts() if _has_chinese(text) and (found := problems(text, terms))]
    assert not bad, f"{len(bad)} text(s) break docs/terms.md:\n" + "\n".join(bad[:60])



def test_points_of_a_dimension_are_shown_by_the_one_rounding_rule(tmp_path, capsys):
    """A dimension's earned points (sums such as 23.85 or 7.875) read with one decimal, half up,
    in the report's findings and the command line, like every other score."""
    from test_export_workbook import sample

    from smedigital.cli import main
    from smedigital.core.assessment import save_assessment
    from smedigital.export.report import findings

    a = sample()
    result = a.score()
    points = {s.id: s.points for s in result.dimension_scores()}
    assert any((p * 10).denominator != 1 for p in points.values())  # sums finer than one decimal
    strengths, gaps = findings(a.framework, result, "zh")
    path = tmp_path / "a.smd.json"
    save_assessment(a, path)
    assert main(["score", str(path)]) == 0
    out = capsys.readouterr().out
    assert "管理" in out and "7.9/" in out  # 7.875 -> 7.9
    shown = [*strengths, *gaps, *out.splitlines()]
    assert not [line for line in shown if re.search(r"\d\.\d\d", line)]
