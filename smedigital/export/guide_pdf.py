"""The user guide as an A4 PDF, with the diagnosis report's fonts and page style (fpdf2).

``tools/build_guide.py`` writes it while the installers are built (the PDF is not kept in the
repository); the Help window's "Save as PDF" writes the same file from the guide it shows.

Use::

    from smedigital.export.guide_pdf import write_guide
    write_guide("zh", "smedigital-guide-zh.pdf")   # -> number of pages
"""

from __future__ import annotations

from pathlib import Path

from fpdf.enums import XPos, YPos
from fpdf.fonts import FontFace

from smedigital.core import guide
from smedigital.core.assessment import atomic_write_bytes

from .report import FAMILY, INK, MARGIN, MUTED, RULE, _Report, find_font


class _Guide(_Report):
    def __init__(self, lang: str, title: str):
        super().__init__(lang, "")
        self.guide_title = title

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font(FAMILY, size=8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, self.guide_title, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*RULE)
        self.line(MARGIN, self.get_y(), self.w - MARGIN, self.get_y())
        self.ln(4)
        self.set_text_color(*INK)

    def para(self, text: str, size: float = 10.5, color: tuple[int, int, int] = INK, indent: float = 0) -> None:
        """Left-aligned: Chinese lines break between characters, and justifying a line that
        broke at the space before a number would spread it across the page."""
        self.regular(size)
        self.set_text_color(*color)
        self.set_x(MARGIN + indent)
        self.multi_cell(self.w - 2 * MARGIN - indent, size * 0.55, text, align="L", new_x=XPos.LMARGIN,
                        new_y=YPos.NEXT)

    def bullets(self, lines: list[str], size: float = 10.5, indent: float = 4, numbered: bool = False) -> None:
        for n, line in enumerate(lines, 1):
            self.regular(size)
            if self.get_y() > self.h - MARGIN - 12:
                self.add_page()
            y = self.get_y()
            self.set_xy(MARGIN + indent, y)
            self.cell(6, size * 0.55, f"{n}." if numbered else "·")
            self.multi_cell(self.w - 2 * MARGIN - indent - 6, size * 0.55, line, align="L", new_x=XPos.LMARGIN,
                            new_y=YPos.NEXT)

    def title_block(self, text: str) -> None:
        self.bold(20)
        self.multi_cell(0, 11, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(3)
        self.regular()

    def table_rows(self, rows: list[list[str]]) -> None:
        width = self.w - 2 * MARGIN
        columns = max(len(r) for r in rows)
        narrow = [i for i in range(columns) if all(len(r[i]) <= 2 for r in rows if i < len(r))]  # the □ column
        rest = (width - 8 * len(narrow)) / max(1, columns - len(narrow))
        widths = tuple(8 if i in narrow else rest for i in range(columns))
        self.regular(9.5)
        heading = FontFace(emphasis="BOLD" if self.has_bold else None, fill_color=(238, 242, 247))
        with self.table(col_widths=widths, width=width, text_align="LEFT", line_height=5.2,
                        headings_style=heading, borders_layout="HORIZONTAL_LINES") as table:
            for row in rows:
                cells = table.row()
                for i in range(columns):
                    cells.cell(guide.plain(row[i]) if i < len(row) else "")
        self.ln(2)
        self.regular()


def build_guide(lang: str) -> tuple[bytes, int]:
    """The guide in ``lang`` as PDF bytes, and its number of pages."""
    blocks = guide.load(lang)
    pdf = _Guide(lang, guide.title(blocks))
    pdf.use_fonts(find_font())
    pdf.add_page()
    for b in blocks:
        if b.kind == "heading" and b.level == 1:
            pdf.title_block(b.text)
        elif b.kind == "heading" and b.level == 2:
            pdf.heading(guide.plain(b.text))
        elif b.kind == "heading":
            pdf.subheading(guide.plain(b.text))
        elif b.kind == "para":
            pdf.para(guide.plain(b.text))
            pdf.ln(1.5)
        elif b.kind == "bullets":
            pdf.bullets([guide.plain(i) for i in b.items])
            pdf.ln(1.5)
        elif b.kind == "numbered":
            pdf.bullets([guide.plain(i) for i in b.items], numbered=True)
            pdf.ln(1.5)
        elif b.kind == "table":
            pdf.table_rows(b.rows)
    return bytes(pdf.output()), pdf.page_no()


def write_guide(lang: str, path: str | Path) -> int:
    """Write the guide's PDF atomically; returns its number of pages."""
    data, pages = build_guide(lang)
    atomic_write_bytes(Path(path), data)
    return pages


__all__ = ["build_guide", "write_guide"]
