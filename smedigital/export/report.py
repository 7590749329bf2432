"""The diagnosis report (诊断报告) as an A4 PDF, written with fpdf2 in a CJK font.

Contents: a cover (firm, assessor, date); the findings with the stage ladder,
the level and the gap to the next level; the radar of the dimensions and the
scene heat map; strengths and gaps in words; the improvement plan by phase
with costs; the evidence the next level needs (the evidence checklists of the
questions of the suggested steps); signature lines for the assessor and the
firm. Every page after the cover carries "第 N 页 / 共 M 页".

The font is the one :mod:`smedigital.charts.fonts` finds (a ``.ttc`` face is
chosen with fpdf2's ``collection_font_number``), else Debian's Noto Sans CJK;
charts are matplotlib figures from :mod:`smedigital.charts.figures`, drawn
with the Agg canvas into PNG. Without the charts module the report is written
without charts.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from smedigital.core.actions import ActionsError
from smedigital.core.assessment import Assessment, atomic_write_bytes
from smedigital.core.framework import PILLARS, Framework
from smedigital.core.planning import PHASE_LABELS, ImprovementPlan, build_plan, with_planned_suggestions
from smedigital.core.scoring import Result
from smedigital.core.wording import describe_gap, fmt_score

from .words import fmt_money, fmt_number, step_words, words

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


# --------------------------------------------------------------------- the document

class _Report(FPDF):
    def __init__(self, lang: str, firm: str):
        super().__init__(orientation="portrait", unit="mm", format="A4")
        self.lang = lang
        self.firm = firm
        self.w_ = words(lang)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=MARGIN + 4)
        self.alias_nb_pages("{nb}")
        self.has_bold = False

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
        self.cell(0, 5, self.w_["page"].format(n=self.page_no(), m="{nb}"), align="C")
        self.set_text_color(*INK)

    # small helpers -----------------------------------------------------
    def bold(self, size: float) -> None:
        self.set_font(FAMILY, "B" if self.has_bold else "", size)

    def regular(self, size: float = 10.5) -> None:
        self.set_font(FAMILY, "", size)

    def heading(self, text: str) -> None:
        if self.get_y() > self.h - 60:
            self.add_page()
        self.ln(3)
        self.bold(14)
        self.set_text_color(*ACCENT)
        self.cell(0, 9, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)
        self.ln(1)

    def subheading(self, text: str) -> None:
        if self.get_y() > self.h - 45:
            self.add_page()
        self.ln(1.5)
        self.bold(11.5)
        self.cell(0, 7, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.regular()

    def para(self, text: str, size: float = 10.5, color: tuple[int, int, int] = INK, indent: float = 0) -> None:
        self.regular(size)
        self.set_text_color(*color)
        self.set_x(MARGIN + indent)
        self.multi_cell(self.w - 2 * MARGIN - indent, size * 0.55, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)

    def bullets(self, lines: list[str], size: float = 10.5, indent: float = 4) -> None:
        for line in lines:
            self.regular(size)
            y = self.get_y()
            if y > self.h - MARGIN - 12:
                self.add_page()
                y = self.get_y()
            self.set_xy(MARGIN + indent, y)
            self.cell(4, size * 0.55, "·")
            self.multi_cell(self.w - 2 * MARGIN - indent - 4, size * 0.55, line, new_x=XPos.LMARGIN,
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
            self.multi_cell(key_width - 2, line, key, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            y_key = self.get_y()
            self.regular(size)
            self.set_xy(x + key_width, y0)
            self.multi_cell(width - key_width, line, value or "—", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            y_end = max(y_key, self.get_y())
            if rule:
                self.set_draw_color(*RULE)
                self.line(x, y_end + 1, x + width, y_end + 1)
            self.set_y(y_end + (2.5 if rule else 1))

    def figure(self, fig: Any, width: float) -> None:
        """A matplotlib figure as PNG at ``width`` mm, centred; a new page first when it does not fit."""
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        FigureCanvasAgg(fig)
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=200, facecolor="white")
        w_in, h_in = fig.get_size_inches()
        height = width * h_in / w_in
        if self.get_y() + height > self.h - MARGIN - 6:
            self.add_page()
        buf.seek(0)
        self.image(buf, x=(self.w - width) / 2, y=self.get_y(), w=width, h=height)
        self.set_y(self.get_y() + height + 2)


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
            strengths.append((-share, w["strength_line"].format(name=name, points=fmt_number(s.points),
                                                               max=fmt_number(s.max_points))))
        elif share < GAP_SHARE:
            gaps.append((share, w["gap_line"].format(name=name, points=fmt_number(s.points),
                                                     max=fmt_number(s.max_points),
                                                     short=fmt_number(s.max_points - s.points))))
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
        head = f"{q.label.get(lang)}：{step_words(fw, q.id, step.from_value, step.to_value, lang)}" if lang != "en" \
            else f"{q.label.get(lang)}: {step_words(fw, q.id, step.from_value, step.to_value, lang)}"
        out.append((head, [e.get(lang) for e in q.evidence]))
    return out


# --------------------------------------------------------------------- writing

def write_report(assessment: Assessment, path: str | Path, lang: str = "zh", plan: ImprovementPlan | None = None,
                 *, charts: bool = True) -> None:
    """Write the diagnosis report (PDF) atomically."""
    atomic_write_bytes(path, build_report(assessment, lang, plan, charts=charts))


def build_report(assessment: Assessment, lang: str = "zh", plan: ImprovementPlan | None = None,
                 *, charts: bool = True) -> bytes:
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
    pdf.add_font(FAMILY, "", str(font.regular), collection_font_number=font.face)
    if font.bold is not None:
        pdf.add_font(FAMILY, "B", str(font.bold), collection_font_number=font.bold_face)
        pdf.has_bold = True
    pdf.set_title(f"{w['title.report']} - {assessment.company.name}")
    pdf.set_author(assessment.assessor)
    pdf.set_creator("smedigital")
    figures = _charts() if charts else None

    _cover(pdf, assessment, fw, result, lang)
    pdf.add_page()
    _summary(pdf, fw, result, lang, figures)
    _charts_section(pdf, fw, result, lang, figures)
    _findings_section(pdf, fw, result, lang)
    _plan_section(pdf, fw, plan, lang)
    _evidence_section(pdf, fw, result, lang)
    _basis_section(pdf, fw, lang)
    _signatures(pdf, assessment, lang)
    return bytes(pdf.output())


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
    pdf.set_y(-50)
    pdf.regular(8.5)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(0, 4.5, fw.source.get(lang), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
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
    pillars = "；".join(w["pillar_line"].format(name=w[p], score=fmt_score(result.pillars[p])) for p in PILLARS) \
        if lang != "en" else "; ".join(w["pillar_line"].format(name=w[p], score=fmt_score(result.pillars[p]))
                                       for p in PILLARS)
    pdf.para(f"{w['pillar_score']}：{pillars}" if lang != "en" else f"{w['pillar_score']}: {pillars}")


def _charts_section(pdf: _Report, fw: Framework, result: Result, lang: str, figures: Any) -> None:
    w = words(lang)
    pdf.heading(w["report.charts"])
    dims = [w["dim_line"].format(name=fw.sections[s.id].title.get(lang), points=fmt_number(s.points),
                                 max=fmt_number(s.max_points), score=fmt_score(s.score))
            for s in result.dimension_scores()]
    pdf.bullets(dims)
    if figures is None:
        pdf.para(w["charts_missing"], size=9, color=MUTED)
        return
    pdf.figure(figures.radar(fw, result, lang=lang, figsize=(5.6, 4.2)), 115)
    heat = figures.scene_heatmap(fw, result, lang)
    if heat is not None:
        pdf.add_page()
        pdf.subheading(w["scene_levels"])
        pdf.figure(heat, 150)


def _findings_section(pdf: _Report, fw: Framework, result: Result, lang: str) -> None:
    w = words(lang)
    strengths, gaps = findings(fw, result, lang)
    pdf.add_page()
    pdf.heading(w["report.findings"])
    pdf.subheading(w["strengths"])
    pdf.bullets(strengths or ["—"])
    pdf.subheading(w["gaps"])
    pdf.bullets(gaps or ["—"])


def _plan_section(pdf: _Report, fw: Framework, plan: ImprovementPlan | None, lang: str) -> None:
    w = words(lang)
    pdf.heading(w["report.plan"])
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
    widths = (56, 54, 30, 16, 18)
    heads = (w["action"], w["from_to"], w["cost"], w["duration"], w["start"])
    for phase in plan.phases:
        pdf.subheading(f"{PHASE_LABELS[phase.id].get(lang)} · {phase.start_quarter}")
        pdf.regular(9)
        with pdf.table(col_widths=widths, line_height=4.8, text_align=("LEFT", "LEFT", "RIGHT", "CENTER", "CENTER"),
                       headings_style=_heading_style(pdf), first_row_as_headings=True,
                       borders_layout="HORIZONTAL_LINES") as table:
            head = table.row()
            for h in heads:
                head.cell(h)
            for item in phase.items:
                q = fw.question(item.question_id)
                title = item.action.title.get(lang) if item.action else q.label.get(lang)
                row = table.row()
                row.cell(title)
                row.cell(f"{q.label.get(lang)}\n{step_words(fw, q.id, item.from_value, item.to_value, lang)}")
                row.cell(f"{fmt_money(item.cost_min)} – {fmt_money(item.cost_max)}")
                row.cell(str(item.duration_months))
                row.cell(item.start_quarter)
        pdf.para(w["phase_total"].format(lo=fmt_money(phase.cost_min), hi=fmt_money(phase.cost_max)), size=9,
                 color=MUTED)


def _heading_style(pdf: _Report) -> Any:
    from fpdf.fonts import FontFace

    return FontFace(family=FAMILY, emphasis="BOLD" if pdf.has_bold else None, size_pt=9, color=ACCENT)


def _evidence_section(pdf: _Report, fw: Framework, result: Result, lang: str) -> None:
    w = words(lang)
    pdf.heading(w["report.evidence"])
    items = evidence_for_next_level(fw, result, lang)
    if result.level_gap is None:
        pdf.para(w["no_evidence"])
        return
    target = result.level_gap.level.label.get(lang)
    pdf.para(f"{w['gap']}（{target}）：" if lang != "en" else f"{w['gap']} ({target}):", size=10, color=MUTED)
    for head, checklist in items:
        pdf.subheading(head)
        pdf.bullets(checklist, size=10)


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
