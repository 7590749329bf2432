"""The pilot cycle's printed documents (A4, fpdf2, the report's CJK font set-up):

- the on-site verification sheet (现场核查表): every question with the firm's self-assessed answer and the
  status of each evidence item, empty columns for the verified answer and remarks, signature blocks for the
  firm, the 服务商 and the assessor; with no self-assessment, the blank on-site interview form;
- the before/after report (改造前后对比报告) from :func:`smedigital.core.compare.compare_assessments`;
- the index (目录) of a 一企一档 pack (:mod:`.pack`).

Each returns its PDF bytes and adds its warnings (characters printed as □) to ``warnings``.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from fpdf.enums import PageOrientation, XPos, YPos
from fpdf.fonts import FontFace

from smedigital.core.answers import answer_code
from smedigital.core.assessment import PURPOSE_LABELS, Assessment
from smedigital.core.compare import Comparison, relative_text, signed_text
from smedigital.core.evidence import evidence_status, level_mark, status_label
from smedigital.core.framework import Framework, Question
from smedigital.core.verification import answer_label
from smedigital.core.wording import SCORE_DECIMALS, fixed_text, fmt_points, fmt_score
from smedigital.core.words import paren, punct

from .pilot_words import STATUS_MARK, pw
from .report import ACCENT, INK, MARGIN, MUTED, PAGE_TOTAL_ALIAS, RULE, _Report, find_font


class PilotDoc(_Report):
    """A plain document: a running head with its title and the firm on every page, page numbers."""

    def __init__(self, lang: str, firm: str, title: str, landscape: bool = False):
        super().__init__(lang, firm)
        self.doc_title = title
        if landscape:
            self.cur_orientation = PageOrientation.LANDSCAPE  # set before the first page
            self.def_orientation = PageOrientation.LANDSCAPE
            self.w, self.h = self.h, self.w
            self.w_pt, self.h_pt = self.h_pt, self.w_pt
        self.use_fonts(find_font())
        self.set_title(f"{title} - {firm}")
        self.set_creator("smedigital")

    def header(self) -> None:
        self.set_font("cjk", size=8)
        self.set_text_color(*MUTED)
        head = f"{self.doc_title} · {self.firm}" if self.firm else self.doc_title
        self.cell(0, 5, head, align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(*RULE)
        self.line(MARGIN, self.get_y(), self.w - MARGIN, self.get_y())
        self.ln(3)
        self.set_text_color(*INK)

    def footer(self) -> None:
        self.set_y(-MARGIN + 2)
        self.set_font("cjk", size=8)
        self.set_text_color(*MUTED)
        self._page_total = True
        try:
            self.cell(0, 5, pw(self.lang)["page"].format(n=self.page_no(), m=PAGE_TOTAL_ALIAS), align="C")
        finally:
            self._page_total = False
        self.set_text_color(*INK)

    def title_block(self, title: str) -> None:
        self.bold(17)
        self.set_text_color(*ACCENT)
        self.cell(0, 10, title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)
        self.ln(1)

    def grid(self, widths: Sequence[float], head: Sequence[str], rows: Sequence[Sequence[str]], size: float = 8.5,
             line_height: float | None = None, min_row_height: float = 0) -> None:
        """A table with wrapping cells, its head repeated on every page (widths as shares of the page width)."""
        total = self.w - 2 * MARGIN
        scale = total / sum(widths)
        self.regular(size)
        head_style = FontFace(emphasis="BOLD" if self.has_bold else None, color=(255, 255, 255), fill_color=ACCENT,
                              size_pt=size)
        with self.table(col_widths=tuple(w * scale for w in widths), width=total, text_align="LEFT",
                        line_height=line_height or size * 0.5, headings_style=head_style, padding=1,
                        v_align="TOP", borders_layout="ALL") as table:
            row = table.row()
            for h in head:
                row.cell(h)
            for values in rows:
                row = table.row(min_height=min_row_height) if min_row_height else table.row()
                for v in values:
                    row.cell(v if v else " ")
        self.ln(2)

    def signature_blocks(self, labels: Sequence[str]) -> None:
        w = pw(self.lang)
        if self.get_y() > self.h - MARGIN - 24 * len(labels):
            self.add_page()
        self.ln(4)
        for label in labels:
            self.regular(10)
            self.cell(0, 6, label, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.ln(10)
            y = self.get_y()
            self.set_draw_color(*INK)
            self.line(MARGIN, y, MARGIN + 95, y)
            self.line(MARGIN + 110, y, self.w - MARGIN, y)
            self.regular(8.5)
            self.set_text_color(*MUTED)
            self.set_xy(MARGIN + 110, y + 1)
            self.cell(0, 5, w["sign.date"], new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            self.set_text_color(*INK)
            self.ln(6)

    def finish(self, warnings: list[str] | None) -> bytes:
        out = bytes(self.output())
        if warnings is not None:
            warnings.extend(self.warnings())
        return out


def dimension_of(fw: Framework, q: Question) -> str:
    chain = fw.ancestors(q.section)
    return chain[-1] if chain else q.section


def _choices_text(q: Question, lang: str) -> str:
    w = pw(lang)
    if q.is_leveled:
        return w["levels"]
    if q.inputs:
        return w["inputs"] + ": " + punct("list_sep", lang).join(f"{i.label.get(lang)} ____" for i in q.inputs)
    return w["options"] + ": " + " / ".join(o.label.get(lang).strip() for o in q.options)


def _firm_rows(a: Assessment, fw: Framework, lang: str, blank: bool) -> list[tuple[str, str]]:
    w = pw(lang)
    c = a.company
    rows = [(w["firm"], c.name), (w["credit_code"], c.credit_code), (w["industry"], c.industry),
            (w["region"], c.region), (w["framework"], f"{fw.title.get(lang)} ({fw.id} {fw.version})")]
    if not blank:
        r = a.score_self(fw, explain=False)
        rows += [(w["assessed_on"], a.assessed_on), (w["assessor"], a.assessor),
                 (w["self_result"], f"{w['total']} {fmt_score(r.total_score)}{', ' if lang == 'en' else '，'}"
                                    f"{r.level_label(lang)}")]
        if a.purpose:
            rows.append((w["purpose"], PURPOSE_LABELS[a.purpose].get(lang)))
    rows.append((w["date_on_site"], ""))
    return rows


def build_sheet(assessment: Assessment, lang: str = "zh", *, warnings: list[str] | None = None) -> bytes:
    """The on-site verification sheet; an assessment with no answers gives the blank interview form."""
    lang = "en" if lang == "en" else "zh"
    w = pw(lang)
    fw = assessment.framework
    blank = not assessment.answers
    title = w["sheet.blank"] if blank else w["sheet.title"]
    pdf = PilotDoc(lang, assessment.company.name or "", title, landscape=True)
    pdf.set_auto_page_break(True, margin=MARGIN + 2)
    pdf.add_page()
    pdf.title_block(title)
    pdf.key_values(_firm_rows(assessment, fw, lang, blank), size=9.5, rule=False)
    pdf.para(w["sheet.intro.blank"] if blank else w["sheet.intro"], size=9)
    pdf.para(w["sheet.own"], size=8.5, color=MUTED)
    modules = assessment.modules(fw) if assessment.company.industry else frozenset(fw.modules)
    marks = {(n.question_id, n.item.id): n for n in evidence_status(assessment, fw)} if not blank else {}
    number = 0
    for dim in fw.dimensions:
        qs = [q for q in fw.questions if dimension_of(fw, q) == dim and (q.module is None or q.module in modules)]
        if not qs:
            continue
        pdf.subheading(fw.sections[dim].title.get(lang))
        rows = []
        for q in qs:
            number += 1
            ans = assessment.answers.get(q.id)
            head = f"{q.label.get(lang)}{'（约束性）' if q.mandatory and lang == 'zh' else ' (mandatory)' if q.mandatory else ''}"
            question = f"{head}\n{_choices_text(q, lang)}"
            own = "" if blank else answer_label(fw, q.id, answer_code(q, ans), lang)
            ev_lines = []
            for item in q.evidence_items:
                need = marks.get((q.id, item.id))
                mark = ans.evidence_items.get(item.id) if ans is not None else None
                status = need.status if need is not None else (mark.status if mark is not None else "unmarked")
                prefix = "□" if blank else STATUS_MARK.get(status, "□")
                lvl = f"{level_mark(item, lang).strip()} " if item.level else ""
                files = f" ({len(mark.files)})" if mark is not None and mark.files else ""
                ev_lines.append(f"{prefix} {lvl}{item.get(lang)}{files}")
            rows.append((str(number), question, own, "\n".join(ev_lines), "", ""))
        pdf.grid((5, 38, 20, 50, 16, 28), (w["col.no"], w["col.question"], w["col.self"], w["col.evidence"],
                                           w["col.verified"], w["col.remark"]), rows, size=8, min_row_height=14)
    pdf.signature_blocks((w["sign.firm"], w["sign.provider"], w["sign.assessor"]))
    return pdf.finish(warnings)


# --------------------------------------------------------------------- before / after

def build_comparison_report(c: Comparison, lang: str = "zh", *, warnings: list[str] | None = None) -> bytes:
    """The 改造前后对比报告: level and gates, total and dimensions, scene levels, changed answers, 成效
    indicators with their change, plan items done with their evidence."""
    lang = "en" if lang == "en" else "zh"
    w = pw(lang)
    fw = c.framework
    rb, ra = c.before_result, c.after_result
    pdf = PilotDoc(lang, c.after.company.name or "", w["cmp.title"])
    pdf.add_page()
    pdf.title_block(w["cmp.title"])

    def side(a: Assessment, r: Any) -> str:
        sep = punct("comma", lang)
        purpose = f"{PURPOSE_LABELS[a.purpose].get(lang)}{sep}" if a.purpose else ""
        return f"{purpose}{a.assessed_on}{sep}{w['total']} {fmt_score(r.total_score)}{sep}{r.level_label(lang)}"

    pdf.key_values([(w["firm"], c.after.company.name), (w["cmp.before"], side(c.before, rb)),
                    (w["cmp.after"], side(c.after, ra)),
                    (w["framework"], paren(fw.title.get(lang), f"{fw.id} {fw.version}", lang))], size=9.5)
    for label, a in ((w["col.before"], c.before), (w["col.after"], c.after)):
        if a.verification is not None:
            pdf.para(w["cmp.verified"].format(side=label), size=9, color=MUTED)
    if fw.caveat:
        pdf.para(fw.caveat.get(lang), size=8.5, color=MUTED)

    pdf.heading(w["cmp.gates"])
    rows: list[tuple[str, ...]] = []
    for g in c.gates:
        level = fw.level(g.level).label.get(lang)
        x = fixed_text(g.required, g.places)  # a score by the score rule (40.0), scenes whole
        cond = (w["gate.score"].format(x=x) if g.kind == "score" else
                w["gate.scenes"].format(k=g.scene_level, x=x) if g.kind == "scenes" else
                w["gate.mandatory"].format(x=x))
        met = f"{w['yes'] if g.before >= g.required else w['no']} → {w['yes'] if g.after >= g.required else w['no']}"
        rows.append((level, cond, fixed_text(g.before, g.places), fixed_text(g.after, g.places),
                     signed_text(g.shown_change, g.places), met))
    pdf.grid((12, 34, 12, 12, 12, 14), (w["col.level"], w["col.condition"], w["col.before"], w["col.after"],
                                        w["col.change"], w["col.met"]), rows)

    pdf.heading(w["cmp.scores"])
    rows = [(w["total"], fmt_score(c.total.before), fmt_score(c.total.after),
             signed_text(c.total.shown_change, SCORE_DECIMALS))]
    rows += [(fw.sections[d.id].title.get(lang), fmt_score(d.before), fmt_score(d.after),
              signed_text(d.shown_change, SCORE_DECIMALS)) for d in c.dimensions]
    pdf.grid((40, 15, 15, 15), (w["col.item"], w["col.before"], w["col.after"], w["col.change"]), rows)

    if c.scenes:
        pdf.heading(w["cmp.scenes"])
        rows = [(fw.question(s.id).label.get(lang), w["yes"] if s.mandatory else "", str(s.before), str(s.after),
                 signed_text(Fraction(s.after - s.before), 0)) for s in c.scenes]
        pdf.grid((40, 12, 12, 12, 12), (w["col.item"], w["col.mandatory"], w["col.before"], w["col.after"],
                                        w["col.change"]), rows)

    pdf.heading(w["cmp.answers"])
    if c.changed_answers:
        rows = [(fw.question(x.id).label.get(lang), answer_label(fw, x.id, x.before, lang),
                 answer_label(fw, x.id, x.after, lang), signed_text(x.points_after - x.points_before, 2))
                for x in c.changed_answers]
        pdf.grid((30, 30, 30, 12), (w["col.item"], w["col.before"], w["col.after"], w["col.points"]), rows)
    else:
        pdf.para(w["cmp.none"])

    if c.indicators:
        pdf.heading(w["cmp.indicators"])
        rows = []
        for i in c.indicators:  # by the one rule of core.compare.RELATIVE_DECIMALS, as the window and sheet
            was, now, change = i.shown_before, i.shown_after, i.shown_change
            rows.append((fw.question(i.id).label.get(lang), i.unit.get(lang) if i.unit else "",
                         w["missing_data"] if was is None else fixed_text(was, i.places),
                         w["missing_data"] if now is None else fixed_text(now, i.places),
                         "" if change is None else signed_text(change, i.places), relative_text(i, lang)))
        pdf.grid((30, 18, 14, 14, 14, 12), (w["col.item"], w["col.unit"], w["col.before"], w["col.after"],
                                            w["col.change"], w["col.relative"]), rows)

    pdf.heading(w["cmp.done"])
    if c.done:
        pdf.grid((40, 50), (w["col.item"], w["col.evidence_done"]),
                 [(d.title, "\n".join(d.evidence)) for d in c.done])
    else:
        pdf.para(w["cmp.none"])
    return pdf.finish(warnings)


# --------------------------------------------------------------------- pack index

def build_index_pdf(firm: str, lang: str, contents: Sequence[tuple[str, str]], missing: Sequence[str],
                    rows: Sequence[Sequence[str]], *, warnings: list[str] | None = None) -> bytes:
    """The 目录 of a 一企一档 pack: what the pack holds, the evidence missing for a claim, then every indicator
    with its claimed answer and each evidence item with its file(s) and SHA-256 or 缺."""
    w = pw(lang)
    pdf = PilotDoc(lang, firm, w["idx.title"], landscape=True)
    pdf.add_page()
    pdf.title_block(w["idx.title"])
    pdf.subheading(w["idx.contents"])
    pdf.grid((40, 60), (w["idx.file"], w["col.item"]), [(name, what) for name, what in contents], size=8.5)
    pdf.subheading(f"{w['idx.missing']} ({len(missing)})")
    if missing:
        pdf.bullets(list(missing), size=8.5)
    else:
        pdf.para(w["idx.none_missing"], size=9)
    pdf.para(w["idx.rule"], size=8, color=MUTED)
    pdf.add_page()
    pdf.grid((14, 26, 14, 34, 10, 40, 30), (w["col.dimension"], w["col.question"], w["col.claim"], w["col.item_text"],
                                            w["col.status"], w["col.files"], w["col.sha256"]),
             rows, size=7)
    return pdf.finish(warnings)


def status_words(status: str, lang: str) -> str:
    return status_label(status, lang)


__all__ = ["PilotDoc", "build_comparison_report", "build_index_pdf", "build_sheet", "dimension_of", "fmt_points"]
