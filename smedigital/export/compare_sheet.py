"""The 改造前后对比 as a workbook sheet: added to the plan workbook (or a new workbook), for the command line
(``compare … --xlsx FILE``) and the app alike."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from openpyxl import Workbook, load_workbook

from smedigital.core.compare import RELATIVE_DECIMALS, Comparison, relative_text
from smedigital.core.verification import answer_label
from smedigital.core.wording import SCORE_DECIMALS, SCORE_NUMBER_FORMAT, fixed_text, fmt_score
from smedigital.core.words import punct

from .cells import put_number, put_text
from .package import save_workbook
from .pilot_words import pw
from .styles import Look, body, header_row, print_setup, set_widths


def _f(x: Fraction | None) -> float | None:
    return None if x is None else float(x)


def number_format(places: int) -> str:
    """A cell format with exactly ``places`` decimals (``0.000``)."""
    return "0." + "0" * places if places else "0"


def signed_format(places: int, percent: bool = False) -> str:
    """A change's cell format, as :func:`smedigital.core.compare.signed_text` writes it: ``+3.7``, ``−1.7``
    (a minus sign), ``±0.0``; ``percent`` for a share shown in per cent (+7.9%)."""
    digits = number_format(places) + ("%" if percent else "")
    return f'+{digits};"−"{digits};"±"{digits}'


def add_comparison_sheet(wb: Workbook, c: Comparison, lang: str = "zh") -> str:
    """Add (or replace) the comparison sheet in ``wb``; returns its title."""
    lang = "en" if lang == "en" else "zh"
    w = pw(lang)
    fw = c.framework
    title = w["cmp.sheet"]
    if title in wb.sheetnames:
        del wb[title]
    ws = wb.create_sheet(title)
    look = Look(lang)
    set_widths(ws, (30, 24, 16, 16, 12, 14))
    cell = put_text(ws, 1, 1, f"{w['cmp.title']} · {c.after.company.name}")
    look.apply(cell, "title", font=look.title)
    rb, ra = c.before_result, c.after_result
    co = punct("colon", lang)  # ：in Chinese
    put_text(ws, 2, 1, f"{w['cmp.before']}{co}{c.before.assessed_on} {fmt_score(rb.total_score)} {rb.level_label(lang)}"
                       f"    {w['cmp.after']}{co}{c.after.assessed_on} {fmt_score(ra.total_score)} {ra.level_label(lang)}")
    if fw.caveat:
        look.apply(put_text(ws, 3, 1, fw.caveat.get(lang)), "small", font=look.small)
    row = 5

    def section(name: str, head: tuple[str, ...]) -> None:
        nonlocal row
        look.apply(put_text(ws, row, 1, name), "big", font=look.big)
        row += 1
        header_row(ws, row, head, look)
        row += 1

    def line(values: tuple[object, ...], fmt: str = SCORE_NUMBER_FORMAT, change: str | None = None) -> None:
        """A row; numbers in ``fmt``, the change column (5) in ``change`` when given."""
        nonlocal row
        for i, v in enumerate(values, start=1):
            if isinstance(v, (int, float)) or v is None and i > 2:
                f = change if change is not None and i == 5 else fmt
                body(put_number(ws, row, i, v, f), look, number_format=f)
            else:
                body(put_text(ws, row, i, "" if v is None else str(v)), look)
        row += 1

    section(w["cmp.gates"], (w["col.level"], w["col.condition"], w["col.required"], w["col.before"], w["col.after"],
                              w["col.met"]))
    for g in c.gates:
        x = fixed_text(g.required, g.places)  # as the report and the window: 总分≥40.0, scenes whole
        cond = (w["gate.score"].format(x=x) if g.kind == "score" else
                w["gate.scenes"].format(k=g.scene_level, x=x) if g.kind == "scenes" else w["gate.mandatory"].format(x=x))
        line((fw.level(g.level).label.get(lang), cond, _f(g.required), _f(g.before), _f(g.after),
              f"{w['yes'] if g.before >= g.required else w['no']} → {w['yes'] if g.after >= g.required else w['no']}"),
             number_format(g.places))
    row += 1
    section(w["cmp.scores"], (w["col.item"], "", w["col.before"], w["col.after"], w["col.change"]))
    score_change = signed_format(SCORE_DECIMALS)  # the difference of the scores as shown: 51.7 → 57.5 is +5.8
    line((w["total"], "", _f(c.total.before), _f(c.total.after), _f(c.total.shown_change)), change=score_change)
    for d in c.dimensions:
        line((fw.sections[d.id].title.get(lang), "", _f(d.before), _f(d.after), _f(d.shown_change)), change=score_change)
    if c.scenes:
        row += 1
        section(w["cmp.scenes"], (w["col.item"], w["col.mandatory"], w["col.before"], w["col.after"], w["col.change"]))
        for s in c.scenes:
            line((fw.question(s.id).label.get(lang), w["yes"] if s.mandatory else "", s.before, s.after,
                  s.after - s.before), "0", signed_format(0))
    row += 1
    section(w["cmp.answers"], (w["col.item"], "", w["col.before"], w["col.after"], w["col.points"]))
    for change in c.changed_answers:
        line((fw.question(change.id).label.get(lang), "", answer_label(fw, change.id, change.before, lang),
              answer_label(fw, change.id, change.after, lang), _f(change.points_after - change.points_before)),
             "0.00", signed_format(2))  # +1.50, ±0.00: as the report
    if not c.changed_answers:
        line((w["cmp.none"],))
    if c.indicators:
        row += 1
        section(w["cmp.indicators"], (w["col.item"], w["col.unit"], w["col.before"], w["col.after"], w["col.change"],
                                      w["col.relative"]))
        for i in c.indicators:  # the values as shown, so the sheet's own arithmetic gives the same change
            line((fw.question(i.id).label.get(lang), i.unit.get(lang) if i.unit else "", _f(i.shown_before),
                  _f(i.shown_after), _f(i.shown_change)), number_format(i.places), signed_format(i.places))
            if i.relative is not None:  # core.compare.RELATIVE_DECIMALS: +7.9%, as the window and the report
                fmt = signed_format(RELATIVE_DECIMALS, percent=True)
                body(put_number(ws, row - 1, 6, _f(i.relative), fmt), look, number_format=fmt)
            else:
                body(put_text(ws, row - 1, 6, relative_text(i, lang) or w["missing_data"]), look)
    row += 1
    section(w["cmp.done"], (w["col.item"], w["col.evidence_done"]))
    for done in c.done:
        line((done.title, "\n".join(done.evidence)))
    if not c.done:
        line((w["cmp.none"],))
    print_setup(ws, landscape=False)
    return title


def write_comparison_sheet(c: Comparison, path: str | Path, lang: str = "zh") -> str:
    """Add the comparison sheet to the workbook at ``path`` (the plan workbook), or write a new workbook
    holding only it; saved atomically. Returns the sheet's title."""
    p = Path(path)
    if p.exists():
        wb = load_workbook(p)
    else:
        wb = Workbook()
        wb.remove(wb.active)
    title = add_comparison_sheet(wb, c, lang)
    save_workbook(wb, p)
    return title
