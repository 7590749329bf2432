"""The user guide: read, split into sections, and rendered as HTML for the Help window.

The guide is written in ``docs/guide/zh.md`` and ``docs/guide/en.md`` (a source checkout); an
installed copy carries them under ``resources/guide/``, with the PDFs that
``tools/build_guide.py`` makes at build time (``smedigital.export.guide_pdf``). Both languages
have the same sections: a heading may end in ``{#id}``, and the ids are the anchors that F1
opens (:data:`PAGE_SECTIONS` says which section belongs to which screen).

The markdown is a small subset, enough for a guide: ``#``/``##``/``###`` headings, paragraphs,
``-`` and ``1.`` lists, ``|`` tables, ``**bold**`` and ``code`` in backquotes.

Use::

    from smedigital.core import guide
    blocks = guide.load("zh")
    guide.section_ids(blocks)        # ["overview", "first-assessment", ...]
    guide.to_html(blocks)            # each section heading an <a name="id">
    guide.section_for_page("dim:foundation")   # "questions"
"""

from __future__ import annotations

import html
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .resources import resources_root

LANGS = ("zh", "en")

#: the screen the user is on -> the guide's section about it (assessment steps by their key;
#: a dimension page ``dim:<id>`` counts as "questions")
PAGE_SECTIONS = {
    "home": "firm-list",
    "profile": "profile",
    "details": "details",
    "questions": "questions",
    "review": "review",
    "results": "results",
    "plan": "plan",
    "office": "office",
}
DEFAULT_SECTION = "overview"


def section_for_page(page: str | None) -> str:
    """The section id for a screen (``home``, ``office`` or an assessment step key)."""
    if not page:
        return DEFAULT_SECTION
    key = "questions" if page.startswith("dim:") else page
    return PAGE_SECTIONS.get(key, DEFAULT_SECTION)


def guide_dir() -> Path:
    """``resources/guide`` in an installed copy, else the checkout's ``docs/guide``."""
    if getattr(sys, "frozen", False):
        return resources_root() / "guide"
    return Path(__file__).resolve().parents[2] / "docs" / "guide"


def guide_path(lang: str) -> Path:
    return guide_dir() / f"{'en' if lang == 'en' else 'zh'}.md"


def pdf_name(lang: str) -> str:
    """The file name of the printable guide (what the installers ship)."""
    return f"smedigital-guide-{'en' if lang == 'en' else 'zh'}.pdf"


@dataclass
class Block:
    """One piece of the guide: ``heading`` (level 1-3, text, anchor), ``para`` (text),
    ``bullets``/``numbered`` (items) or ``table`` (rows, the first one the header)."""

    kind: str
    text: str = ""
    level: int = 0
    anchor: str = ""
    items: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


class GuideError(ValueError):
    """A guide file that cannot be read or does not follow the subset above."""


_HEADING = re.compile(r"^(#{1,3})\s+(.*?)(?:\s*\{#([a-z0-9-]+)\})?\s*$")
_BULLET = re.compile(r"^\s*[-*]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d+[.)]\s+(.*)$")


def parse(text: str) -> list[Block]:
    """The blocks of a guide text."""
    blocks: list[Block] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(Block("para", " ".join(para) if not _is_chinese_join(para) else "".join(para)))
            para.clear()

    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("<!--"):
            flush()
            continue
        if m := _HEADING.match(stripped):
            flush()
            blocks.append(Block("heading", m.group(2).strip(), level=len(m.group(1)), anchor=m.group(3) or ""))
        elif stripped.startswith("|"):
            flush()
            cells = [c.strip() for c in stripped.strip("|").split("|")]
            if all(re.fullmatch(r":?-{3,}:?", c) for c in cells):
                continue
            if blocks and blocks[-1].kind == "table":
                blocks[-1].rows.append(cells)
            else:
                blocks.append(Block("table", rows=[cells]))
        elif (m := _BULLET.match(line)) or (m := _NUMBERED.match(line)):
            flush()
            kind = "bullets" if _BULLET.match(line) else "numbered"
            if blocks and blocks[-1].kind == kind and not para:
                blocks[-1].items.append(m.group(1).strip())
            else:
                blocks.append(Block(kind, items=[m.group(1).strip()]))
        elif line.startswith("  ") and blocks and blocks[-1].kind in ("bullets", "numbered") and not para:
            blocks[-1].items[-1] += _joiner(blocks[-1].items[-1], stripped) + stripped  # a list item's next line
        else:
            para.append(stripped)
    flush()
    return blocks


def _is_chinese_join(lines: list[str]) -> bool:
    return all(_cjk(line[-1:]) for line in lines[:-1])


def _cjk(char: str) -> bool:
    return bool(char) and ("\u4e00" <= char <= "\u9fff" or "\u3000" <= char <= "\u303f" or "\uff00" <= char <= "\uffef")


def _joiner(before: str, after: str) -> str:
    return "" if _cjk(before[-1:]) else " "


def load(lang: str) -> list[Block]:
    """The guide in ``lang`` (zh unless en), parsed."""
    path = guide_path(lang)
    try:
        return parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise GuideError(f"{path}: {exc}") from exc


def section_ids(blocks: list[Block]) -> list[str]:
    """The anchors of the guide's headings, in order."""
    return [b.anchor for b in blocks if b.kind == "heading" and b.anchor]


def title(blocks: list[Block]) -> str:
    return next((b.text for b in blocks if b.kind == "heading" and b.level == 1), "")


def inline_html(text: str) -> str:
    """``**bold**`` and backquoted code of one line, HTML-escaped."""
    out = html.escape(text, quote=False)
    out = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", out)
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", out)


def plain(text: str) -> str:
    """A line without its markdown marks (for the PDF)."""
    return re.sub(r"`([^`]+)`", r"\1", re.sub(r"\*\*(.+?)\*\*", r"\1", text))


def to_html(blocks: list[Block]) -> str:
    """The guide as HTML for a QTextBrowser: every section heading's text is its anchor."""
    parts = []
    for b in blocks:
        if b.kind == "heading":
            text = inline_html(b.text)
            if b.anchor:
                text = f'<a name="{b.anchor}">{text}</a>'
            parts.append(f"<h{b.level}>{text}</h{b.level}>")
        elif b.kind == "para":
            parts.append(f"<p>{inline_html(b.text)}</p>")
        elif b.kind in ("bullets", "numbered"):
            tag = "ul" if b.kind == "bullets" else "ol"
            parts.append(f"<{tag}>" + "".join(f"<li>{inline_html(i)}</li>" for i in b.items) + f"</{tag}>")
        elif b.kind == "table":
            head, *body = b.rows
            rows = ["<tr>" + "".join(f"<th align=\"left\">{inline_html(c)}</th>" for c in head) + "</tr>"]
            rows += ["<tr>" + "".join(f"<td>{inline_html(c)}</td>" for c in row) + "</tr>" for row in body]
            parts.append('<table border="1" cellspacing="0" cellpadding="4">' + "".join(rows) + "</table>")
    return "\n".join(parts)


__all__ = ["LANGS", "PAGE_SECTIONS", "Block", "GuideError", "guide_dir", "guide_path", "inline_html", "load",
           "parse", "pdf_name", "plain", "section_for_page", "section_ids", "title", "to_html"]
