"""The diagnosis report (诊断报告) as an A4 PDF, written with fpdf2 in a CJK font.

Contents: a cover (firm, assessor, date); the findings with the stage ladder,
the level and the gap to the next level; the radar of the dimensions and the
scene heat map; strengths and gaps in words; the improvement plan by phase
with costs; the evidence the next level needs (the evidence checklists of the
questions of the suggested steps); signature lines for the assessor and the
firm. Every page after the cover carries "第 N 页 / 共 M 页".

Laid out for print (A4, 18 mm margins, the report title and the firm in the running header): a
heading or subheading moves to a new page unless it fits with the start of what follows; the radar
stands beside the dimension scores and the heat map is made smaller (down to a size whose words stay
legible) to fit the rest of a page; the tables are as wide as their content, break a header label
before its bracket or in the middle rather than leave a bracket alone, repeat their header row on
every page they run on and keep it with their first row; the plan table has the owner and due-date
columns of the plan workbook, empty for the firm to fill in; no line begins with a closing mark
(。，、）…), as Chinese print does.

The font is the one :mod:`smedigital.charts.fonts` finds (a ``.ttc`` face is
chosen with fpdf2's ``collection_font_number``), else Debian's Noto Sans CJK;
charts are matplotlib figures from :mod:`smedigital.charts.figures`, drawn
with the Agg canvas and embedded as images. Without the charts module the
report is written without charts.

No character is dropped silently. Every text goes through
:meth:`_Report.normalize_text`: a character the CJK font lacks is printed in a
fallback font, the second bundled font or else one found on the machine
(:func:`smedigital.charts.fonts.fallback_font_for`), embedded only then; a
compatibility ideograph no font has as its canonical equivalent; anything else
as "□" (the mark Chinese print uses for a missing character), and the export
says which characters (:func:`write_report` returns the warnings, in the
report's language). Invisible format characters (variation
selectors, zero-width joiners) are left out. The total page count is an alias
of noncharacters that no text passes through, so "{nb}" in a firm name prints
as it is written.

Speed: the bundled font is split (GB 2312, its punctuation and the program's texts
in the first file, the rarer ideographs in the second, which a report embeds only
when a text needs it), so fpdf2 parses and subsets a quarter of the glyphs; the
parsed fonts are kept for the process (each report gets its own copy of the font
file to subset); font bounding boxes are not recomputed when the subset is written.
The bundled fonts have no subroutines, so a subset copies the glyphs' charstrings
as they are, and of a CID-keyed font only the tables fpdf2 embeds are read
(:func:`_plain_cff`).
"""

from __future__ import annotations

import copy
import functools
import logging
import threading
import unicodedata
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from fpdf import FPDF
from fpdf.enums import XPos, YPos

if TYPE_CHECKING:
    from fpdf.fonts import TTFFont

from smedigital.core.actions import ActionsError
from smedigital.core.assessment import Assessment, atomic_write_bytes
from smedigital.core.framework import PILLARS, Framework
from smedigital.core.planning import PHASE_LABELS, ImprovementPlan, build_plan, with_planned_suggestions
from smedigital.core.scoring import Result
from smedigital.core.wording import describe_gap, fmt_score, pillar_name
from smedigital.core.words import paren, punct
from smedigital.core.words import words as catalogue

from .subsidy import estimate_text, money_range, state_word, subsidy_of
from .words import fmt_money, step_words, words

log = logging.getLogger("smedigital.export")

DEBIAN_NOTO_CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
DEBIAN_NOTO_CJK_SC_FACE = 2  # JP, KR, SC, TC, HK, then the mono faces
FAMILY = "cjk"
MARGIN = 18.0
INK = (33, 33, 33)
ACCENT = (31, 78, 121)
MUTED = (110, 110, 110)
RULE = (190, 190, 190)
STRENGTH_SHARE = Fraction(3, 4)
GAP_SHARE = Fraction(1, 2)


class ReportError(RuntimeError):
    """The report cannot be written (no CJK font found)."""


@dataclass(frozen=True)
class FontChoice:
    regular: Path
    face: int
    bold: Path | None = None
    bold_face: int = 0


def _bold_face(path: Path, family: str) -> int | None:
    """The face of ``family`` in weight Bold inside a font file (a collection or a single font), if any."""
    try:
        from fontTools.ttLib import TTCollection, TTFont

        if path.suffix.lower() == ".ttc":
            collection = TTCollection(str(path), lazy=True)
            fonts = list(collection.fonts)
        else:
            collection = None
            fonts = [TTFont(str(path), lazy=True)]
        try:
            for i, font in enumerate(fonts):
                name = font["name"]
                fam = name.getDebugName(16) or name.getDebugName(1)
                sub = name.getDebugName(17) or name.getDebugName(2)
                if fam == family and sub == "Bold":
                    return i
        finally:
            for font in fonts:
                font.close()
            if collection is not None:
                collection.close()
    except Exception:  # noqa: BLE001 - an unreadable font file: no bold from it
        return None
    return None


@functools.lru_cache(maxsize=8)
def _bold_face_of(path: Path) -> int | None:
    """The bold face of a collection beside its first face, if any (single font files: None)."""
    if path.suffix.lower() != ".ttc":
        return None
    try:
        from fontTools.ttLib import TTCollection

        with TTCollection(str(path), lazy=True) as collection:
            name = collection.fonts[0]["name"]
            family = name.getDebugName(16) or name.getDebugName(1) or ""
    except Exception:  # noqa: BLE001 - an unreadable collection: its first face only
        return None
    face = _bold_face(path, family)
    return face if face else None


def find_font() -> FontChoice:
    """The CJK font for the report: the charts' choice, else Debian's Noto Sans CJK SC; bold when there is one."""
    regular: Path | None = None
    face = 0
    family = ""
    try:
        from smedigital.charts.fonts import cjk_font

        found = cjk_font()
    except ImportError:
        found = None
    if found is not None:
        regular, face, family = Path(found.path), found.face_index, found.family
    elif DEBIAN_NOTO_CJK.is_file():
        regular, face, family = DEBIAN_NOTO_CJK, DEBIAN_NOTO_CJK_SC_FACE, "Noto Sans CJK SC"
    if regular is None:
        raise ReportError("no CJK font found: install fonts-noto-cjk or put a font under resources/fonts")
    candidates = [regular]
    if "Regular" in regular.name:
        candidates.append(regular.with_name(regular.name.replace("Regular", "Bold")))
    for path in candidates:
        if path.is_file() and (index := _bold_face(path, family)) is not None:
            return FontChoice(regular, face, path, index)
    return FontChoice(regular, face)


# --------------------------------------------------------------------- fonts and text

MISSING_MARK = "\u25a1"  # □: printed for a character no font here has
# The total page count: noncharacters, which normalize_text never lets through from a text.
PAGE_TOTAL_ALIAS = "\ufdd0\ufdd1\ufdd2"
# Not printed, not a loss: variation selectors pick a glyph variant the fonts may not have,
# zero-width joiners and the byte order mark have no glyph.
_INVISIBLE = frozenset(chr(c) for c in (*range(0xFE00, 0xFE10), 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF))

# Closing punctuation that Chinese print never puts at the start of a line.
_CLOSERS = frozenset("。，、；：？！）》」』】”’…%")

_template_lock = threading.Lock()
_templates: dict[tuple[str, int, str], Any] = {}
_copy_font = copy.copy


def unprintable_warning(chars: list[str] | tuple[str, ...], lang: str) -> str:
    """The export's warning about characters printed as "□", in ``lang``."""
    shown = [paren(c, f"U+{ord(c):04X}", lang) for c in chars[:12]]
    listed = punct("enum", lang).join(shown) + ("…" if len(chars) > 12 else "")
    return catalogue(lang).fmt("export.unprintable", n=len(chars), chars=listed)


# Tables for vertical text and baselines: never used by a horizontal PDF, and the subsetter
# would read and rewrite the vertical metrics of every glyph.
_UNUSED_TABLES = ("vhea", "vmtx", "VORG", "BASE")


def _font_file(path: Path, face: int) -> Any:
    """The font file for one document to subset: bounding boxes kept as they are (recomputing
    them means drawing every kept glyph, twice), the tables a PDF does not use left out, and a
    font without subroutines (the bundled ones) subset without reading its glyphs (:func:`_plain_cff`)."""
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), recalcTimestamp=False, recalcBBoxes=False, fontNumber=face, lazy=True)
    for tag in _UNUSED_TABLES:
        if tag in font:
            del font[tag]
    _plain_cff(font)
    return font


def _no_op(*_args: Any, **_kwargs: Any) -> None:
    return None


# What fpdf2 needs of a CID-keyed CFF font to subset and save it; it embeds the CFF table alone.
_CFF_KEPT_TABLES = frozenset(("head", "maxp", "post", "name", "CFF ", "GlyphOrder"))


def _plain_cff(font: Any) -> bool:
    """Let a CID-keyed CFF font without subroutines be subset with its charstrings copied as they are.

    fontTools's subsetter decompiles every kept glyph twice: to find the components of accented
    glyphs (``seac``, which a CID-keyed font cannot have) and to renumber the subroutines it keeps
    (a font with none has none to renumber), then compiles each again; 0.13 s of the 0.16 s a face
    of a report's 650 glyphs costs. For such a font both steps are left out (on this font object
    only); the subset is the same. The tables fpdf2 does not embed of a CID-keyed font (it writes
    the CFF table alone: cmap, widths, OS/2…) are left out before they are read and subset for
    nothing (for the second bundled font, 24,000 characters, 40 ms a face in every report that
    prints a rare name). Returns whether all that was done.
    """
    try:
        if "CFF " not in font:
            return False
        table = font["CFF "]
        cff = table.cff
        top = cff.topDictIndex[0]
        if getattr(top, "ROS", None) is None or len(cff) != 1:
            return False
        privates = [fd.Private for fd in top.FDArray] if hasattr(top, "FDArray") else [top.Private]
        if len(top.GlobalSubrs) or any(len(getattr(p, "Subrs", None) or ()) for p in privates):
            return False
    except Exception:  # noqa: BLE001 - a font fontTools reads differently: subset the usual way
        return False
    table.closure_glyphs = _no_op
    cff.remove_unused_subroutines = _no_op
    for tag in list(font.keys()):
        if tag not in _CFF_KEPT_TABLES:
            del font[tag]
    return True


def _add_font(pdf: FPDF, family: str, style: str, path: Path, face: int) -> None:
    """``pdf.add_font``, parsing each font file once per process.

    fpdf2 parses the whole font (cmap and widths of 30,000 glyphs) in ``add_font`` and subsets
    the parsed font in place when the document is written. The parsed font is kept as a
    template; each document gets a shallow copy of it with a font file of its own to subset.
    Should fpdf2's font object ever change shape, this falls back to a plain ``add_font``.
    """
    from fpdf.fonts import SubsetMap, TTFFont

    key = (str(path), face, style)
    fontkey = f"{family.lower()}{style}"
    try:
        with _template_lock:
            template = _templates.get(key)
            if template is None:
                probe = FPDF()
                probe.add_font(family, style, str(path), collection_font_number=face)
                template = _templates[key] = cast(TTFFont, probe.fonts[fontkey])  # a font file's: TTFFont
                template.close()  # its parsed cmap and widths are kept; each document opens the file anew
        font = _copy_font(template)
        if not isinstance(font, TTFFont):
            raise TypeError(type(font))
        font.i = len(pdf.fonts) + 1
        font.fontkey = fontkey
        font.ttfont = _font_file(path, face)
        font.missing_glyphs = []
        font.biggest_size_pt = 0
        font._hbfont = None
        font.subset = SubsetMap(font)
    except (AttributeError, TypeError) as exc:  # an fpdf2 whose fonts are made differently
        log.debug("font template not used (%s): a plain add_font", exc)
        pdf.add_font(family, style, str(path), collection_font_number=face)
        added = cast(TTFFont, pdf.fonts[fontkey])  # a font file's: TTFFont
        added.ttfont.close()
        added.ttfont = _font_file(path, face)
        return
    pdf.fonts[fontkey] = font
    if font.is_cff and font.is_cid_keyed:
        pdf._set_min_pdf_version("1.6")


# --------------------------------------------------------------------- the document

class _Report(FPDF):
    def __init__(self, lang: str, firm: str):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.lang = lang
        self.firm = firm
        self.w_ = words(lang)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN + 4)
        self.alias_nb_pages(PAGE_TOTAL_ALIAS)
        self.has_bold = False
        self.covered: dict[int, Any] = {}  # the CJK font's cmap
        self.fallbacks: list[str] = []  # fallback fonts added to this document, by family
        self.fallback_chars: set[str] = set()
        self.unprintable: dict[str, None] = {}  # characters printed as MISSING_MARK, in order of appearance
        self._page_total = False
        # layout decisions, for the tests: (what, page, detail)
        self.placed: list[tuple[str, int, Any]] = []

    def use_fonts(self, font: FontChoice) -> None:
        """The CJK font (and its bold) for this document."""
        _add_font(self, FAMILY, "", font.regular, font.face)
        if font.bold is not None:
            _add_font(self, FAMILY, "B", font.bold, font.bold_face)
            self.has_bold = True
        self.covered = cast("TTFFont", self.fonts[FAMILY]).cmap  # _add_font adds TTFFonts only

    def warnings(self) -> list[str]:
        return [unprintable_warning(list(self.unprintable), self.lang)] if self.unprintable else []

    def normalize_text(self, text: str) -> str:
        if self._page_total:
            return PAGE_TOTAL_ALIAS.join(self._printable(part) for part in text.split(PAGE_TOTAL_ALIAS))
        return super().normalize_text(self._printable(text))

    def _printable(self, text: str) -> str:
        covered = self.covered
        if not covered or all(ord(c) in covered for c in text):
            return text
        return "".join(self._printable_char(c) for c in text)

    def _printable_char(self, c: str) -> str:
        if ord(c) in self.covered or c in self.fallback_chars or c in "\n\r":
            return c
        if c in _INVISIBLE or 0xE0100 <= ord(c) <= 0xE01EF:
            return ""
        if unicodedata.category(c) == "Cc":
            return " "
        same = unicodedata.normalize("NFC", c)  # a compatibility ideograph: its unified twin
        if same != c and all(ord(x) in self.covered for x in same):
            return same
        if self._add_fallback_for(c):
            return c
        if c not in self.unprintable:
            self.unprintable[c] = None
            log.warning("no font has %s (U+%04X): printed as %s", c, ord(c), MISSING_MARK)
        return MISSING_MARK

    def _add_fallback_for(self, c: str) -> bool:
        try:
            from smedigital.charts.fonts import fallback_font_for
        except ImportError:
            return False
        if any(ord(c) in cast("TTFFont", self.fonts[family]).cmap for family in self.fallbacks):
            self.fallback_chars.add(c)
            return True
        path = fallback_font_for(c)
        if path is None:
            return False
        family = f"fallback{len(self.fallbacks)}"
        _add_font(self, family, "", path, 0)
        bold = _bold_face_of(path)
        if bold is not None:  # the bundled second font has a bold: bold text stays bold
            _add_font(self, family, "B", path, bold)
        self.fallbacks.append(family)
        self.set_fallback_fonts(self.fallbacks, exact_match=False)
        self.fallback_chars.add(c)
        return True

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font(FAMILY, size=8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, f"{self.w_['title.report']} · {self.firm}", align="R",
                  new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*RULE)
        self.line(MARGIN, self.get_y(), self.w - MARGIN, self.get_y())
        self.ln(4)
        self.set_text_color(*INK)

    def footer(self) -> None:
        if self.page_no() == 1:
            return
        self.set_y(-MARGIN + 2)
        self.set_font(FAMILY, size=8)
        self.set_text_color(*MUTED)
        self._page_total = True
        try:
            self.cell(0, 5, self.w_["page"].format(n=self.page_no(), m=PAGE_TOTAL_ALIAS), align="C")
        finally:
            self._page_total = False
        self.set_text_color(*INK)

    # small helpers -----------------------------------------------------
    def bold(self, size: float) -> None:
        self.set_font(FAMILY, "B" if self.has_bold else "", size)

    def regular(self, size: float = 10.5) -> None:
        self.set_font(FAMILY, "", size)

    # keeping things together -----------------------------------------
    def room(self) -> float:
        """The height left on this page above the bottom margin."""
        return self.page_break_trigger - self.get_y()

    def ensure(self, height: float) -> None:
        """A new page unless ``height`` fits below the current position (and the page holds something)."""
        if height > self.room() and self.get_y() > self.t_margin + 12:
            self.add_page()

    def text_height(self, text: str, width: float, size: float, line: float | None = None) -> float:
        """The height of ``text`` wrapped in ``width`` at ``size`` points (nothing drawn)."""
        self.regular(size)
        return cast(float, self.multi_cell(width, line or size * 0.55, text, dry_run=True, output="HEIGHT"))

    def bullets_height(self, lines: list[str], size: float = 10.5, indent: float = 4,
                       width: float | None = None) -> float:
        width = (width or self.w - 2 * MARGIN) - indent - 4
        return sum(self.text_height(line, width, size) for line in lines)

    def heading(self, text: str, keep: float = 24) -> None:
        """A section heading, on a new page unless it and ``keep`` mm of what follows fit on this one."""
        self.ensure(14 + keep)
        self.ln(3)
        self.bold(14)
        self.set_text_color(*ACCENT)
        self.cell(0, 9, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)
        self.ln(1)
        self.placed.append(("heading", self.page_no(), keep))

    def subheading(self, text: str, keep: float = 16) -> None:
        """A heading within a section, kept with ``keep`` mm of what follows."""
        self.ensure(9.5 + keep)
        self.ln(1.5)
        self.bold(11.5)
        self.multi_cell(0, 6.5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)  # a long one wraps
        self.ln(0.5)
        self.regular()
        self.placed.append(("subheading", self.page_no(), keep))

    def keep_punctuation(self, text: str, width: float, exact: bool = False) -> str:
        """``text`` with a line break put before the character ahead of any closing punctuation mark
        (。，、）…) that would otherwise begin a line: Chinese print never starts a line with one.
        ``width``: of a multi_cell, or (``exact``) of the text itself, as in a table cell with padding."""
        if not any(c in _CLOSERS for c in text):
            return text
        if exact:  # multi_cell keeps its cell margin on either side; a padded table cell does not
            width += 2 * self.c_margin
        if self.get_string_width(text) < width - 2 * self.c_margin - 0.5:  # one line: nothing to wrap
            return text
        done: list[str] = []
        rest = text
        for _ in range(200):  # each round settles one line break
            lines = cast("list[str]", self.multi_cell(width, 5, rest, dry_run=True, output="LINES"))
            starts, pos = [], 0
            for line in lines:  # where each line begins in ``rest``
                found = rest.find(line, pos) if line else pos
                starts.append(found if found >= 0 else pos)
                pos = starts[-1] + len(line)
            def moved(prev: str) -> int:  # the characters to carry down: closing marks ending prev, and one more
                n = len(prev) - len(prev.rstrip("".join(_CLOSERS))) + 1
                return n if n < len(prev) and prev[-n] != " " else 0

            bad = next((i for i in range(1, len(lines)) if lines[i][:1] in _CLOSERS and moved(lines[i - 1])
                        and starts[i] > starts[i - 1]), None)
            if bad is None:
                done.append(rest)
                return "\n".join(done)
            cut = starts[bad - 1] + len(lines[bad - 1]) - moved(lines[bad - 1])  # before what goes down
            done.append(rest[:cut].rstrip(" "))
            rest = rest[cut:].lstrip("\n")
        return text

    def para(self, text: str, size: float = 10.5, color: tuple[int, int, int] = INK, indent: float = 0) -> None:
        self.regular(size)
        self.set_text_color(*color)
        self.set_x(MARGIN + indent)
        width = self.w - 2 * MARGIN - indent
        self.multi_cell(width, size * 0.55, self.keep_punctuation(text, width), new_x=XPos.LMARGIN,
                        new_y=YPos.NEXT)
        self.set_text_color(*INK)

    def bullets(self, lines: list[str], size: float = 10.5, indent: float = 4) -> None:
        self.bullets_in(lines, self.w - 2 * MARGIN, size, indent)

    def bullets_in(self, lines: list[str], width: float, size: float = 10.5, indent: float = 4,
                   align: str = "J") -> None:
        """Bullets in a column ``width`` mm wide from the left margin (beside a chart, say)."""
        for line in lines:
            self.regular(size)
            y = self.get_y()
            if y > self.h - MARGIN - 12:
                self.add_page()
                y = self.get_y()
            self.set_xy(MARGIN + indent, y)
            self.cell(4, size * 0.55, "·")
            self.multi_cell(width - indent - 4, size * 0.55, self.keep_punctuation(line, width - indent - 4),
                            align=align, new_x=XPos.LMARGIN,
                            new_y=YPos.NEXT)

    def key_values(self, rows: list[tuple[str, str]], key_width: float | None = None, size: float = 10.5,
                   x: float = MARGIN, width: float | None = None, rule: bool = False) -> None:
        """Label/value rows; either side may wrap, the next row starts below the taller one."""
        key_width = key_width or (52 if self.lang == "en" else 42)
        width = width or self.w - MARGIN - x
        line = size * 0.6
        for key, value in rows:
            if self.get_y() > self.h - MARGIN - 14:
                self.add_page()
            y0 = self.get_y()
            self.bold(size)
            self.set_xy(x, y0)
            self.multi_cell(key_width - 2, line, self.keep_punctuation(key, key_width - 2), new_x=XPos.LMARGIN,
                            new_y=YPos.NEXT)
            y_key = self.get_y()
            self.regular(size)
            self.set_xy(x + key_width, y0)
            # left-aligned: justifying a line of CJK with one space in it stretches it apart
            self.multi_cell(width - key_width, line, self.keep_punctuation(value or "—", width - key_width), align="L",
                            new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            y_end = max(y_key, self.get_y())
            if rule:
                self.set_draw_color(*RULE)
                self.line(x, y_end + 1, x + width, y_end + 1)
            self.set_y(y_end + (2.5 if rule else 1))

    def figure(self, fig: Any, width: float, min_width: float | None = None, x: float | None = None,
               advance: bool = True) -> tuple[float, float]:
        """A matplotlib figure at 200 dpi and ``width`` mm, centred (or at ``x``); returns its (width, height).

        When it does not fit below the current position it is made smaller down to ``min_width``
        (the rest of the page), else it goes to a new page. The Agg canvas's pixels go in as an
        RGB image (fpdf2 compresses them once), which is what a PNG would have become, without
        encoding and decoding the PNG in between.
        """
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from PIL import Image

        w_in, h_in = fig.get_size_inches()
        width, height = self.figure_size(fig, width, min_width)
        if self.get_y() + height > self.page_break_trigger:
            self.add_page()
        canvas = FigureCanvasAgg(fig)
        fig.set_dpi(200)
        fig.set_facecolor("white")
        canvas.draw()
        image = Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
        image = image.convert("RGB")
        self.image(image, x=(self.w - width) / 2 if x is None else x, y=self.get_y(), w=width, h=height)
        self.placed.append(("figure", self.page_no(), (round(width, 1), round(height, 1))))
        if advance:
            self.set_y(self.get_y() + height + 2)
        return width, height

    def figure_size(self, fig: Any, width: float, min_width: float | None = None) -> tuple[float, float]:
        """The (width, height) :meth:`figure` gives ``fig`` here: ``width``, or smaller down to ``min_width``
        to fit the rest of this page."""
        w_in, h_in = fig.get_size_inches()
        ratio = h_in / w_in
        room = self.room() - 0.5
        if min_width is not None and width * ratio > room and room / ratio >= min_width - 0.5:
            width = room / ratio
        return width, width * ratio

    # tables ------------------------------------------------------------
    def content_table(self, heads: list[str], rows: list[list[str]], aligns: tuple[str, ...], flex: tuple[bool, ...],
             size: float = 8.5, mins: tuple[float, ...] | None = None, title: str | None = None,
             measure: list[list[str]] | None = None) -> None:
        """A table whose columns are as wide as their content: the short columns (``flex`` False) as wide
        as their widest cell or header line, the text columns sharing the rest. A header label is broken
        at a sensible point (before a bracket, at a space, in the middle of a long Chinese word) only
        when its column is narrower than the label. ``measure``: the rows the widths come from (several
        tables in a row: the same columns); the header row is printed again on every page the
        table runs on, and it stays with the first row (and with ``title``, a subheading printed above the table).
        """
        from fpdf.fonts import FontFace

        pad_x, pad_y = 1.2, 0.9
        line = size * 0.5
        total = self.epw - 0.01
        mins = mins or tuple(0.0 for _ in heads)
        self.bold(size)
        head_opts = [[(max(self.get_string_width(x) for x in opt.split("\n")), opt)
                      for opt in _head_breaks(h, self.lang)] for h in heads]
        self.regular(size)
        shown, rows = rows, measure or rows
        body = [max((self.get_string_width(x) for r in rows for x in r[c].split("\n")), default=0.0)
                for c in range(len(heads))]
        widths = [0.0] * len(heads)
        labels = [""] * len(heads)
        for c in range(len(heads)):
            narrowest = min(w for w, _ in head_opts[c])
            if flex[c]:
                widths[c] = max(narrowest, _longest_word(self, rows, c)) + 2 * pad_x
            else:
                widths[c] = max(body[c], narrowest, mins[c] - 2 * pad_x) + 2 * pad_x
        spare = total - sum(widths)
        want = [max(0.0, max(body[c], head_opts[c][0][0]) + 2 * pad_x - widths[c]) if flex[c] else 0.0
                for c in range(len(heads))]
        if spare > 0 and sum(want) > 0:
            share = min(1.0, spare / sum(want))
            widths = [wd + want[c] * share for c, wd in enumerate(widths)]
            spare = total - sum(widths)
        if spare > 0:  # still room: to the text columns
            n_flex = sum(flex) or len(heads)
            widths = [wd + (spare / n_flex if flex[c] or not any(flex) else 0) for c, wd in enumerate(widths)]
        if sum(widths) > total:  # wider than the page: every column narrower, its text wraps
            widths = [wd * total / sum(widths) for wd in widths]
        for c in range(len(heads)):  # the fewest header lines that fit the column
            room = widths[c] - 2 * pad_x + 0.01
            fitting = [opt for w, opt in head_opts[c] if w <= room]
            labels[c] = fitting[0] if fitting else min(head_opts[c])[1]
        self.regular(size)
        rows = [[self.keep_punctuation(text, widths[c] - 2 * pad_x - self.line_width, exact=True)
                 for c, text in enumerate(r)] for r in shown]
        self.placed.append(("table", self.page_no(), tuple(labels)))
        head_h = max(lab.count("\n") + 1 for lab in labels) * line + 2 * pad_y
        first = max((self.text_height(rows[0][c], widths[c] - 2 * pad_x, size, line)
                     for c in range(len(heads))), default=0.0) + 2 * pad_y if rows else 0.0
        self.ensure((8.5 if title else 0) + head_h + first + 1)
        if title:
            self.subheading(title, keep=0)
        style = FontFace(family=FAMILY, emphasis="BOLD" if self.has_bold else None, size_pt=size, color=ACCENT)
        self.regular(size)
        with self.table(col_widths=tuple(widths), width=sum(widths), line_height=line, text_align=aligns,
                        headings_style=style, first_row_as_headings=True, borders_layout="HORIZONTAL_LINES",
                        padding=(pad_y, pad_x), v_align="MIDDLE", repeat_headings=1) as table:
            head = table.row()
            for lab in labels:
                head.cell(lab)
            for r in rows:
                row = table.row()
                for text in r:
                    row.cell(text)


def _head_breaks(label: str, lang: str) -> list[str]:
    """A header label as it is, then broken at sensible points: before a bracket, at spaces, then (a
    Chinese word of four or more characters) in the middle; never a bracket or one character alone."""
    out = [label]
    for bracket in ("（", " ("):
        i = label.find(bracket)
        if i > 0:
            out.append(label[:i].rstrip() + "\n" + label[i:].strip())
    if " " in label.strip() and lang == "en":
        out.append("\n".join(label.split()))
    core = label.split("（")[0]
    if lang != "en" and " " not in core and len(core) >= 4:
        half = (len(core) + 1) // 2
        rest = label[len(core):]
        out.append(core[:half] + "\n" + core[half:] + ("\n" + rest if rest else ""))
    seen: list[str] = []
    for opt in out:
        if opt not in seen and all(len(x.strip()) > 1 for x in opt.split("\n")):
            seen.append(opt)
    return seen or [label]


def _longest_word(pdf: FPDF, rows: list[list[str]], col: int) -> float:
    """The widest word (text between spaces) of a column: Chinese text wraps anywhere, English at spaces."""
    return max((pdf.get_string_width(word) for r in rows for word in r[col].split()), default=0.0) \
        if pdf_lang(pdf) == "en" else 0.0


def pdf_lang(pdf: FPDF) -> str:
    return getattr(pdf, "lang", "zh")


def _charts() -> Any:
    try:
        from smedigital.charts import figures
    except ImportError:
        return None
    return figures


# --------------------------------------------------------------------- findings in words

def _scored_sections(fw: Framework, result: Result) -> list[str]:
    """The sections the findings talk about: sub-dimensions that carry points (dimensions without any)."""
    out: list[str] = []
    for dim in fw.dimensions:
        kids = [c for c in fw.sections[dim].children if result.sections[c].max_points > 0]
        if kids:
            out += kids
        elif result.sections[dim].max_points > 0:
            out.append(dim)
    return out


def findings(fw: Framework, result: Result, lang: str) -> tuple[list[str], list[str]]:
    """Strengths and gaps in words: sections at 75 % or more / below 50 %, scenes well ahead / holding back."""
    w = words(lang)
    strengths: list[tuple[Fraction, str]] = []
    gaps: list[tuple[Fraction, str]] = []
    for sid in _scored_sections(fw, result):
        s = result.sections[sid]
        share = s.points / s.max_points
        name = fw.sections[sid].title.get(lang)
        if share >= STRENGTH_SHARE:
            strengths.append((-share, w["strength_line"].format(name=name, points=fmt_score(s.points),
                                                               max=fmt_score(s.max_points))))
        elif share < GAP_SHARE:
            gaps.append((share, w["gap_line"].format(name=name, points=fmt_score(s.points),
                                                     max=fmt_score(s.max_points),
                                                     short=fmt_score(s.max_points - s.points))))
    gate = None
    if result.level_gap is not None:
        gate = next((c.scene_level for c in result.level_gap.conditions if c.kind == "scenes"), None)
    scene_strengths, scene_gaps = [], []
    for q in fw.scenes:
        qr = result.questions.get(q.id)
        if qr is None or not qr.applicable:
            continue
        level = qr.level or 0
        name = q.label.get(lang) + (" ★" if q.mandatory else "")
        if level >= 3:
            scene_strengths.append(w["scene_strength"].format(name=name, lv=level))
        elif gate is not None and level < gate:
            scene_gaps.append((not q.mandatory, level, w["scene_gap"].format(name=name, lv=level)))
    out_s = [t for _, t in sorted(strengths)] + scene_strengths
    out_g = [t for _, t in sorted(gaps)] + [t for *_, t in sorted(scene_gaps)]
    for q in fw.questions:  # what the framework says plainly about a shortfall (e.g. bands out of reach)
        qr = result.questions.get(q.id)
        if q.reach_note is not None and qr is not None and qr.applicable and qr.points < q.max_points:
            out_g.append(w["reach_line"].format(name=q.label.get(lang), note=q.reach_note.get(lang)))
    return out_s, out_g


def evidence_for_next_level(fw: Framework, result: Result, lang: str) -> list[tuple[str, list[str]]]:
    """(question and step, evidence checklist) for each suggested step to the next level."""
    gap = result.level_gap
    if gap is None:
        return []
    out = []
    for step in gap.suggested:
        q = fw.question(step.question_id)
        head = f"{q.label.get(lang)}{punct('colon', lang)}{step_words(fw, q.id, step.from_value, step.to_value, lang)}"
        out.append((head, [e.get(lang) for e in q.evidence]))
    return out


# --------------------------------------------------------------------- writing

def write_report(assessment: Assessment, path: str | Path, lang: str = "zh", plan: ImprovementPlan | None = None,
                 *, charts: bool = True) -> list[str]:
    """Write the diagnosis report (PDF) atomically; returns its warnings (characters printed as "□"), in ``lang``."""
    said: list[str] = []
    atomic_write_bytes(path, build_report(assessment, lang, plan, charts=charts, warnings=said))
    return said


def build_report(assessment: Assessment, lang: str = "zh", plan: ImprovementPlan | None = None,
                 *, charts: bool = True, warnings: list[str] | None = None) -> bytes:
    """The report's PDF; its warnings (characters no font has, printed as "□") are added to ``warnings``."""
    lang = "en" if lang == "en" else "zh"
    fw = assessment.framework
    result = with_planned_suggestions(assessment, assessment.score(fw))  # suggestions come from the planner
    if plan is None:
        try:
            plan = build_plan(assessment)
        except ActionsError:
            plan = None
    w = words(lang)
    font = find_font()
    pdf = _Report(lang, assessment.company.name)
    pdf.use_fonts(font)
    pdf.set_title(f"{w['title.report']} - {assessment.company.name}")
    pdf.set_author(assessment.assessor)
    pdf.set_creator("smedigital")
    figures = _charts() if charts else None

    _cover(pdf, assessment, fw, result, lang)
    pdf.add_page()
    _rating_note(pdf, assessment, lang)
    _summary(pdf, fw, result, lang, figures)
    _charts_section(pdf, fw, result, lang, figures)
    _findings_section(pdf, fw, result, lang)
    _plan_section(pdf, fw, plan, lang)
    _evidence_section(pdf, fw, result, lang)
    _basis_section(pdf, fw, lang)
    _signatures(pdf, assessment, lang)
    out = bytes(pdf.output())
    if warnings is not None:
        warnings.extend(pdf.warnings())
    return out


def _cover(pdf: _Report, a: Assessment, fw: Framework, result: Result, lang: str) -> None:
    w = words(lang)
    pdf.add_page()
    pdf.set_y(60)
    pdf.bold(26)
    pdf.set_text_color(*ACCENT)
    pdf.cell(0, 14, w["title.report"], align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    pdf.set_text_color(*INK)
    pdf.bold(16)
    pdf.multi_cell(0, 9, a.company.name or "—", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    pdf.regular(11)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(0, 6, fw.title.get(lang), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    pdf.set_y(150)
    rows = [(w["cover.firm"], a.company.name), (w["credit_code"], a.company.credit_code),
            (w["cover.assessor"], a.assessor), (w["cover.date"], a.assessed_on),
            (w["cover.framework"], f"{fw.short_title.get(lang) if fw.short_title else fw.id} ({fw.version})"),
            (w["total"], f"{fmt_score(result.total_score)} / 100"), (w["level"], result.level_label(lang)),
            (w["stage"], result.stage.label.get(lang))]
    pdf.key_values(rows, key_width=58 if lang == "en" else 45, size=11, x=35, width=140, rule=True)
    # the source at the foot of the cover, in a size that keeps it on the cover
    source = fw.source.get(lang)
    top = pdf.get_y() + 8
    size = 8.5
    height = pdf.text_height(source, pdf.w - 2 * MARGIN, size, size * 0.53)
    while size > 6.5 and height > pdf.page_break_trigger - top:
        size -= 0.5
        height = pdf.text_height(source, pdf.w - 2 * MARGIN, size, size * 0.53)
    pdf.set_y(max(top, pdf.page_break_trigger - height - 4))
    pdf.regular(size)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(0, size * 0.53, source, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*INK)


def _summary(pdf: _Report, fw: Framework, result: Result, lang: str, figures: Any) -> None:
    w = words(lang)
    pdf.heading(w["report.summary"])
    rows = [(w["total"], f"{fmt_score(result.total_score)} / 100"), (w["level"], result.level_label(lang)),
            (w["stage"], result.stage.label.get(lang)),
            (w["gap"], "\n".join(ln.strip() for ln in describe_gap(result, lang)))]
    if result.level is not None:
        rows.insert(2, ("", result.level.description.get(lang)))
    pdf.key_values(rows)
    if fw.caveat:
        pdf.para(fw.caveat.get(lang), size=9, color=MUTED)
    if not result.complete:
        pdf.para(w["incomplete"].format(n=len(result.unanswered)), size=9, color=MUTED)
    pdf.ln(2)
    pdf.subheading(w["stage_ladder"])
    pdf.para(result.stage.description.get(lang), size=10)
    if figures is not None:
        pdf.figure(figures.stage_ladder(fw, result, lang, figsize=(6.4, 3.6)), 130)
    pillars = punct("list_sep", lang).join(
        w["pillar_line"].format(name=pillar_name(p, lang), score=fmt_score(result.pillars[p])) for p in PILLARS)
    pdf.para(f"{w['pillar_score']}{punct('colon', lang)}{pillars}")


RADAR_WIDTH = 88.0  # mm, beside the dimension scores
RADAR_MIN_WIDTH = 72.0
HEATMAP_WIDTH = 150.0
HEATMAP_MIN_WIDTH = 112.0  # the heat map's words stay at 6.5 pt or more


def _charts_section(pdf: _Report, fw: Framework, result: Result, lang: str, figures: Any) -> None:
    """The dimension scores with the radar beside them (one block, kept together with the heading),
    then the scene heat map under its subheading, made smaller to fit the rest of the page when it can."""
    w = words(lang)
    dims = [w["dim_line"].format(name=fw.sections[s.id].title.get(lang), points=fmt_score(s.points),
                                 max=fmt_score(s.max_points), score=fmt_score(s.score))
            for s in result.dimension_scores()]
    if figures is None:
        pdf.heading(w["report.charts"], keep=pdf.bullets_height(dims[:3]))
        pdf.bullets(dims)
        pdf.para(w["charts_missing"], size=9, color=MUTED)
        return
    radar = figures.radar(fw, result, lang=lang, figsize=(5.6, 4.2))
    r_in = radar.get_size_inches()
    text_w = pdf.w - 2 * MARGIN - RADAR_WIDTH - 4
    block = max(pdf.bullets_height(dims, width=text_w), RADAR_MIN_WIDTH * r_in[1] / r_in[0])
    pdf.heading(w["report.charts"], keep=block)
    width, height = pdf.figure_size(radar, RADAR_WIDTH, RADAR_MIN_WIDTH)
    if height > pdf.room():  # (the heading made room for it: only should the dimensions be many)
        pdf.add_page()
    top = pdf.get_y()
    pdf.figure(radar, width, x=pdf.w - MARGIN - width, advance=False)
    pdf.set_y(top)
    pdf.bullets_in(dims, pdf.w - 2 * MARGIN - width - 4, align="L")
    pdf.set_y(max(pdf.get_y(), top + height) + 2)
    heat = figures.scene_heatmap(fw, result, lang)
    if heat is not None:
        h_in = heat.get_size_inches()
        least = min(HEATMAP_MIN_WIDTH * h_in[1] / h_in[0], pdf.h - 2 * MARGIN - 30)
        pdf.subheading(w["scene_levels"], keep=least + 1)
        pdf.figure(heat, HEATMAP_WIDTH, HEATMAP_MIN_WIDTH)


def _findings_section(pdf: _Report, fw: Framework, result: Result, lang: str) -> None:
    w = words(lang)
    strengths, gaps = findings(fw, result, lang)
    strengths, gaps = strengths or ["—"], gaps or ["—"]
    pdf.heading(w["report.findings"], keep=8.5 + pdf.bullets_height(strengths[:2]))
    pdf.subheading(w["strengths"], keep=pdf.bullets_height(strengths[:2]))
    pdf.bullets(strengths)
    pdf.subheading(w["gaps"], keep=pdf.bullets_height(gaps[:2]))
    pdf.bullets(gaps)


def _plan_section(pdf: _Report, fw: Framework, plan: ImprovementPlan | None, lang: str) -> None:
    w = words(lang)
    pdf.heading(w["report.plan"], keep=30)
    if plan is None or not plan.items:
        pdf.para(plan.message.get(lang) if plan is not None and plan.message else w["no_plan"])
        return
    exp = plan.expected
    summary = [(w["plan_total"], fmt_score(exp.total_score)), (w["plan_level"], exp.level_label(lang)),
               (w["plan_stage"], exp.stage.label.get(lang)),
               (w["cost_total"], f"{fmt_money(plan.cost_min)} – {fmt_money(plan.cost_max)}")]
    pdf.key_values(summary)
    if plan.message:
        pdf.para(plan.message.get(lang), size=9, color=MUTED)
    # as in the workbook: the owner and the due date, to fill in by hand when the plan has none
    heads = [w["action"], w["from_to"], w["cost"], w["duration"], w["start"], w["owner"], w["due"]]
    by_phase = []
    for phase in plan.phases:
        rows = []
        for item in phase.items:
            q = fw.question(item.question_id)
            title = item.action.title.get(lang) if item.action else q.label.get(lang)
            step = step_words(fw, q.id, item.from_value, item.to_value, lang).replace("+ ", "+\u00a0")
            rows.append([title, f"{q.label.get(lang)}\n{step}", f"{fmt_money(item.cost_min)} – {fmt_money(item.cost_max)}",
                         str(item.duration_months), item.first_month, item.owner, item.due])
        by_phase.append(rows)
    every = [r for rows in by_phase for r in rows]  # one set of column widths for all phases
    for phase, rows in zip(plan.phases, by_phase, strict=True):
        pdf.content_table(heads, rows, aligns=("LEFT", "LEFT", "RIGHT", "CENTER", "CENTER", "LEFT", "CENTER"),
                 flex=(True, True, False, False, False, False, False),
                 mins=(30, 28, 0, 0, 0, 18, 19), measure=every,
                 title=f"{PHASE_LABELS[phase.id].get(lang)} · {phase.months}")  # to the month, as the plan page
        pdf.para(w["phase_total"].format(lo=fmt_money(phase.cost_min), hi=fmt_money(phase.cost_max)), size=9,
                 color=MUTED)
    _subsidy_part(pdf, fw, plan, lang)


WARN = (176, 0, 0)


def _subsidy_part(pdf: _Report, fw: Framework, plan: ImprovementPlan, lang: str) -> None:
    """With a rule pack chosen with the plan: its caveats first, the eligible cost and estimate, each
    step's eligibility and every condition (met, not met or open)."""
    sub, why = subsidy_of(plan, lang)
    if sub is None and not why:
        return
    w = words(lang)
    pdf.subheading(w["report.subsidy"])
    if sub is None:
        pdf.para(why or "", size=9.5, color=WARN)
        return
    pdf.para(f"{w['subsidy.pack']}: {sub.pack.title.get(lang)}", size=10)
    pdf.regular(9)
    pdf.set_text_color(*WARN)
    for cav in sub.caveats:  # left-aligned: justifying a line of CJK with one space stretches it apart
        text = cav.get(lang).replace(" × ", "×") if lang == "zh" else cav.get(lang)  # no break at a lone space
        pdf.multi_cell(pdf.w - 2 * MARGIN, 9 * 0.55, f"! {text}", align="L", new_x=XPos.LMARGIN,
                       new_y=YPos.NEXT)
    pdf.set_text_color(*INK)
    e = sub.estimate
    pdf.ln(1)
    pdf.key_values([(w["subsidy.eligible_cost"], money_range(e.eligible.min, e.eligible.max, lang)),
                    (w["subsidy.estimate"], estimate_text(sub, lang))])
    rows = []
    for item in plan.items:
        el = sub.item(item.key)
        if el is None:
            continue
        rows.append([item.action.title.get(lang) if item.action else fw.question(item.question_id).label.get(lang),
                     el.label.get(lang),
                     f"{fmt_money(el.eligible_min)} – {fmt_money(el.eligible_max)}" if el.eligible_max else "—",
                     el.reason.get(lang)])
    pdf.content_table([w["action"], w["subsidy.eligibility"], w["subsidy.item_cost"], w["subsidy.reason"]], rows,
             aligns=("LEFT", "CENTER", "RIGHT", "LEFT"), flex=(True, False, False, True), size=9, mins=(40, 0, 0, 40))
    pdf.ln(1)
    pdf.bold(10)
    pdf.cell(0, 6, w["subsidy.conditions"], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    mark = {True: "✓", False: "✗", None: "?"}
    pdf.bullets([f"{mark[c.met]} [{state_word(c.met, lang)}] {c.text.get(lang)}" for c in sub.conditions], size=9)


def _evidence_section(pdf: _Report, fw: Framework, result: Result, lang: str) -> None:
    w = words(lang)
    pdf.heading(w["report.evidence"])
    items = evidence_for_next_level(fw, result, lang)
    if result.level_gap is None:
        pdf.para(w["no_evidence"])
        return
    target = result.level_gap.level.label.get(lang)
    pdf.para(paren(w["gap"], target, lang) + punct("colon", lang).rstrip(), size=10, color=MUTED)
    for head, checklist in items:
        pdf.subheading(head, keep=pdf.bullets_height(checklist[:2], size=10))
        pdf.bullets(checklist, size=10)


def _rating_note(pdf: _Report, a: Assessment, lang: str) -> None:
    """With an on-site rating: the results below are the verified ones; the firm's own total and level beside."""
    if a.verification is None:
        return
    from .pilot_words import pw

    mine = a.score_self(explain=False)
    v = a.verification
    pdf.para(pw(lang)["report.rated"].format(who=v.who or "?", org=v.organisation or "?", date=v.date or "?",
                                             total=fmt_score(mine.total_score), level=mine.level_label(lang)),
             size=9.5, color=ACCENT)


def _basis_section(pdf: _Report, fw: Framework, lang: str) -> None:
    """依据与说明: what the framework rests on, what was checked and what is the project's own reading."""
    w = words(lang)
    pdf.heading(w["report.basis"])
    if fw.caveat:
        pdf.para(fw.caveat.get(lang), size=10.5)
    pdf.subheading(w["basis.source"])
    pdf.para(fw.source.get(lang), size=10)
    if fw.sources:
        pdf.subheading(w["basis.checked"])
        pdf.bullets([s.get(lang) for s in fw.sources], size=9.5)
    for key, text in (("basis.notes", fw.notes), ("basis.stages", fw.stage_rule_note)):
        if text is None:
            continue
        pdf.subheading(w[key])
        for line in (ln.strip() for ln in text.get(lang).splitlines()):
            if line[:1] in ("·", "-"):  # a list item of the note: a bullet, its text wrapping beside it
                pdf.bullets([line[1:].strip()], size=9.5)
            elif line:
                pdf.para(line, size=9.5)


def _signatures(pdf: _Report, a: Assessment, lang: str) -> None:
    w = words(lang)
    if pdf.get_y() > pdf.h - 115:
        pdf.add_page()
    pdf.heading(w["report.sign"])
    pdf.ln(6)
    for label, name in ((w["sign.assessor"], a.assessor), (w["sign.firm"], a.company.name)):
        pdf.regular(10.5)
        pdf.cell(0, 6, label, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(12)
        y = pdf.get_y()
        pdf.set_draw_color(*INK)
        pdf.line(MARGIN, y, MARGIN + 90, y)
        pdf.line(MARGIN + 110, y, pdf.w - MARGIN, y)
        pdf.regular(8.5)
        pdf.set_text_color(*MUTED)
        pdf.set_xy(MARGIN, y + 1)
        pdf.cell(90, 5, name or "")
        pdf.set_xy(MARGIN + 110, y + 1)
        pdf.cell(0, 5, w["sign.date"], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(*INK)
        pdf.ln(10)
