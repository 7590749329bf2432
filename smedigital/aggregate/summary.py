"""The summary workbook of an aggregation (openpyxl, write-only so memory stays flat, saved atomically).

Sheets, named in the chosen language: overview (counts that add up, levels,
stages, shares at 二级 and 三级 or above of the firms assessed with a framework of
the national levels, mean scores, a score histogram and the pillar means as native
charts), by industry (GB/T 4754 sections, with a
stacked bar chart of levels), by size class, by region, common gaps, progress,
the firm list (contact details only where the firm agreed to share them) and
the file log (every input file, its status and why). A hidden ``_smedigital``
sheet marks the workbook as a summary, so reading it back as an input says so.

Every value is written as a value, never a formula; text from the files goes in
as text, quoted when a spreadsheet could read it as a formula.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from smedigital import __version__
from smedigital.core.files import atomic_output
from smedigital.core.framework import PILLARS, Framework, bundled_frameworks
from smedigital.core.profile import load_industries, size_label
from smedigital.core.text import safe_text
from smedigital.core.wording import SCORE_NUMBER_FORMAT, pillar_name
from smedigital.export.cells import clean_text, looks_like_formula, sheet_title
from smedigital.export.package import cache_chart, finish_package_file, set_properties
from smedigital.export.record import RECORD_SHEET
from smedigital.export.styles import BORDER, CENTER, HEADER_FILL, WRAP_TOP, Look
from smedigital.export.workbook import _axis_text, _chart_title

from .model import UNRESOLVED, AggregateResult, GroupRow, division_name
from .reader import SUMMARY_FORMAT
from .words import NO_SHARE, STATUS_WORDS, national_names, words

SUMMARY_VERSION = 1


class _Sheet:
    """A write-only sheet filled row by row, which remembers where it is."""

    def __init__(self, wb: Workbook, title: str, look: Look, widths: Sequence[float], charts: bool = False):
        self.ws = wb.create_sheet(title)
        self.look = look
        self.row = 0
        # what charts refer to, to cache in them: kept only on a sheet with charts (a firm list of ten thousand
        # rows would keep every one of its cells, tens of megabytes, for nothing)
        self.values: dict[tuple[int, int], Any] | None = {} if charts else None
        for i, width in enumerate(widths, start=1):
            self.ws.column_dimensions[get_column_letter(i)].width = width
        # A4 landscape, fit to the page width (a write-only sheet has no print_setup constants)
        self.ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        self.ws.page_setup.orientation = "landscape"
        self.ws.page_setup.fitToWidth, self.ws.page_setup.fitToHeight = 1, 0
        self.ws.sheet_properties.pageSetUpPr.fitToPage = True

    def text(self, value: Any, font: Any = None, wrap: bool = False) -> Any:
        cell = WriteOnlyCell(self.ws, clean_text(value))
        cell.data_type = "s"  # openpyxl would read "=…" as a formula
        if looks_like_formula(cell.value or ""):
            cell.quotePrefix = True
        cell.font = font or self.look.normal
        if wrap:
            cell.alignment = WRAP_TOP
        return cell

    def number(self, value: float | int | None, fmt: str = "General") -> Any:
        cell = WriteOnlyCell(self.ws, value)
        cell.number_format = fmt
        cell.font = self.look.normal
        return cell

    def append(self, cells: Sequence[Any]) -> int:
        self.ws.append(list(cells))
        self.row += 1
        if self.values is not None:
            for col, cell in enumerate(cells, start=1):
                value = getattr(cell, "value", cell)
                if value is not None:
                    self.values[(self.row, col)] = value
        return self.row

    def add_chart(self, chart: Any, anchor: str) -> None:
        if self.values is None:
            raise ValueError("a chart on a sheet made without charts=True")
        values = self.values
        cache_chart(chart, lambda r, c: values.get((r, c)))
        self.ws.add_chart(chart, anchor)

    def header(self, titles: Sequence[str]) -> int:
        cells = []
        for t in titles:
            c = self.text(t, self.look.header)
            c.fill = HEADER_FILL
            c.alignment = CENTER
            c.border = BORDER
            cells.append(c)
        return self.append(cells)

    def title(self, text: str) -> int:
        return self.append([self.text(text, self.look.title)])

    def note(self, text: str) -> int:
        return self.append([self.text(text, self.look.small)])

    def blank(self) -> int:
        return self.append([])


class _Labels:
    """Level and stage names of the framework most firms were assessed with, industry and size names.

    With several frameworks a level without a framework is named by its number: 一级 … 四级 when every
    framework used has the national levels, else neutrally (第1级 … 第4级, each framework's own scale).
    """

    def __init__(self, result: AggregateResult, lang: str):
        self.lang = lang
        self.w = words(lang)
        known = bundled_frameworks()
        main = next((fid for fid, _ in result.tables.frameworks if fid in known), None)
        self.fw: Framework | None = known.get(main) if main else None
        self.mixed = len(result.tables.frameworks) > 1  # then levels are named by number, not by one framework
        self.own_scale = result.tables.mixed_scales  # ... and not all of them are the national levels
        self.national = national_names(result.tables.national_frameworks, lang)
        self.national_ids = frozenset(result.tables.national_frameworks)
        self.known = known
        self.sections = load_industries().sections

    def framework(self, fid: str) -> str:
        fw = self.known.get(fid)
        return f"{(fw.short_title or fw.title).get(self.lang)} ({fid} {fw.version})" if fw else fid

    def level(self, index: int, fid: str | None = None) -> str:
        fw = self.known.get(fid) if fid else (None if self.mixed else self.fw)
        if fw is not None:
            lv = fw.level_by_index(index)
            if lv is not None:
                return lv.label.get(self.lang)
            if index == 0:
                return fw.level_rule.no_level_label.get(self.lang)
        own = "_own" if self.own_scale else ""
        names = self.w["level_names" + own].split("|")
        return names[index] if 0 <= index < len(names) else self.w["level_n" + own].format(n=index)

    def share_title(self, level: int, firms: int) -> str:
        """The headline share at 二级 (2) or 三级 (3) or above, saying whom it counts."""
        if not firms:
            return self.w[f"share_l{level}"]
        one = "_one" if firms == 1 else ""  # no plural forms in the catalogue: a key for one firm
        return self.w[f"share_l{level}_of{one}"].format(names=self.national, n=firms)

    def stage(self, index: int, fid: str | None = None) -> str:
        fw = self.known.get(fid) if fid else self.fw
        if fw is not None and 0 <= index < len(fw.stages):
            return fw.stages[index].label.get(self.lang)
        return str(index)

    def industry(self, section: str) -> str:
        if section in self.sections:
            return f"{section} {self.sections[section].name.get(self.lang)}"
        return section or self.w["not_given"]

    def size(self, size: str) -> str:
        try:
            return size_label(size).get(self.lang)
        except KeyError:
            return size

    def question(self, fid: str, qid: str) -> tuple[str, str]:
        fw = self.known.get(fid)
        if fw is None or qid not in fw.question_by_id:
            return qid, ""
        q = fw.question(qid)
        return q.label.get(self.lang), fw.sections[fw.dimension_of[qid]].title.get(self.lang)


def write_summary(result: AggregateResult, path: str | os.PathLike[str], lang: str = "zh", *,
                  now: _dt.datetime | None = None) -> None:
    """Write the summary workbook to ``path`` atomically (raises OSError when it cannot be written)."""
    lang = "en" if lang == "en" else "zh"
    w = words(lang)
    labels = _Labels(result, lang)
    book = _Book(w, lang)
    sheet = book.sheet

    _overview(sheet("sheet.overview", (44, 14, 10, 4), charts=True), result, labels, now)
    t = result.tables
    blocks = t.per_framework if labels.mixed else ()
    _groups(sheet("sheet.industry", _group_widths(labels), charts=True), t.by_industry, labels, "industry",
            labels.industry, chart=True, blocks=[(f.framework_id, f.by_industry) for f in blocks])
    _groups(sheet("sheet.size", _group_widths(labels)), t.by_size, labels, "size", labels.size,
            blocks=[(f.framework_id, f.by_size) for f in blocks])
    _regions(sheet("sheet.region", [10, 26, *_group_widths(labels)[1:]]), result, labels)
    _gaps(sheet("sheet.gaps", (22, 26, 34, 40, 16, 10, 14)), result, labels)
    _progress(sheet("sheet.progress", (30, 26, 8, 12, 12, 10, 10, 10, 10, 10, 8, 10, 10)), result, labels)
    _firms(sheet("sheet.firms", (30, 20, 20, 22, 10, 26, 12, 8, 10, 10, 8, 8, 8, 8, 24, 40, 30, 60)), result, labels)
    _files(sheet("sheet.files", (70, 10, 70, 30, 60)), result, labels)
    book.save(path, (["smedigital aggregation summary. Do not edit."], ["format", SUMMARY_FORMAT],
                     ["version", SUMMARY_VERSION], ["generator", f"smedigital {__version__}"],
                     ["lang", lang]))


class _Book:
    """A write-only workbook of named sheets (titles from ``w``, never clashing with the record sheet), saved
    with its hidden record sheet: the summary and the recommendation workbooks are both made this way."""

    def __init__(self, w: dict[str, str], lang: str) -> None:
        self.w = w
        self.look = Look(lang)
        self.wb = Workbook(write_only=True)
        set_properties(self.wb, "", w["title"])
        self.titles: list[str] = []

    def sheet(self, key: str, widths: Sequence[float], charts: bool = False) -> _Sheet:
        title = sheet_title(self.w[key], self.titles + [RECORD_SHEET])
        self.titles.append(title)
        return _Sheet(self.wb, title, self.look, widths, charts)

    def save(self, path: str | os.PathLike[str], record: Sequence[list[Any]]) -> None:
        """Add the hidden record sheet (the rows that let the reader know the workbook again) and write the
        workbook to ``path`` atomically, its package finished (:func:`~smedigital.export.package.finish_package_file`)."""
        sheet = self.wb.create_sheet(RECORD_SHEET)
        for row in record:
            sheet.append(row)
        sheet.sheet_state = "hidden"
        with atomic_output(path, ".xlsx") as tmp:
            self.wb.save(tmp)
            finish_package_file(tmp)  # streaming: the whole package is never in memory


def _share(n: int, of: int) -> float:
    return round(n / of, 4) if of else 0.0


def _national_share(s: _Sheet, g: GroupRow, level: int) -> Any:
    """A share at 二级 / 三级 or above of a group's firms assessed with the national levels, or "—" when none."""
    share = g.national_share(level)
    return s.text(NO_SHARE) if share is None else s.number(round(share, 4), "0.0%")


def _overview(s: _Sheet, result: AggregateResult, labels: _Labels, now: _dt.datetime | None) -> None:
    w, look, counts, t = labels.w, s.look, result.counts, result.tables
    s.ws.freeze_panes = "A2"
    s.title(w["title"])
    stamp = (now or _dt.datetime.now()).replace(microsecond=0).isoformat(sep=" ")
    s.append([s.text(w["generated"], look.small), s.text(f"{stamp} · smedigital {__version__}", look.small)])
    s.blank()
    s.header([w["inputs"], w["number"]])
    figures = [("files", counts.files), ("accepted", counts.accepted), ("rejected", counts.rejected),
               ("duplicates", counts.duplicates)]
    if counts.skipped:
        figures.append(("skipped", counts.skipped))
    figures += [("firms", counts.firms), ("firms_with_history", counts.firms_with_history)]
    for key, value in figures:
        s.append([s.text(w[key]), s.number(value)])
    adds_up = counts.files == counts.accepted + counts.rejected + counts.duplicates + counts.skipped
    s.append([s.text(w["check"]), s.text(w["ok"] if adds_up else "✗", look.bold)])
    s.blank()
    s.header([w["framework"], w["count"]])
    for fid, n in t.frameworks:
        s.append([s.text(labels.framework(fid)), s.number(n)])
    s.blank()
    overall = t.overall
    national = overall.national_firms
    for level in (2, 3):
        s.append([s.text(labels.share_title(level, national), look.bold), _national_share(s, overall, level)])
    if not national:
        s.note(w["no_national"].format(names=labels.national))
    elif national < overall.firms:
        s.note(w["national_note"].format(names=labels.national))
    per = t.per_framework if labels.mixed else ()
    if not per:
        s.append([s.text(w["mean_total"], look.bold), s.number(overall.mean_total, SCORE_NUMBER_FORMAT)])
    else:  # a mean of totals on different frameworks' scales means nothing: one per framework
        for ft in per:
            s.append([s.text(f"{w['mean_total']} · {labels.framework(ft.framework_id)}", look.bold),
                      s.number(ft.overall.mean_total, SCORE_NUMBER_FORMAT)])
    s.blank()
    known = bundled_frameworks()
    for fid, _n in t.frameworks:  # what each framework's level is (e.g. a pre-assessment, not a rating)
        caveat = known[fid].caveat if fid in known else None
        if caveat is not None:
            s.note(f"{labels.framework(fid)}: {caveat.get(labels.lang)}")
    if not per:
        s.header([w["level_own" if labels.own_scale else "level"], w["count"], w["share"]])
        for i, n in enumerate(overall.levels):
            s.append([s.text(labels.level(i)), s.number(n), s.number(_share(n, overall.firms), "0.0%")])
        s.blank()
        s.header([w["stage"], w["count"], w["share"]])
        for i, n in enumerate(overall.stages):
            s.append([s.text(labels.stage(i)), s.number(n), s.number(_share(n, overall.firms), "0.0%")])
        s.blank()
    else:
        s.note(w["per_framework_note"])
        for ft in per:  # each framework's levels and stages under their own names, never added together
            g = ft.overall
            s.header([labels.framework(g.key), w["count"], w["share"]])
            for i, n in enumerate(g.levels):
                s.append([s.text(labels.level(i, g.key)), s.number(n), s.number(_share(n, g.firms), "0.0%")])
            for i, n in enumerate(g.stages):
                s.append([s.text(f"{w['stage']}: {labels.stage(i, g.key)}"), s.number(n),
                          s.number(_share(n, g.firms), "0.0%")])
            s.blank()
    series = [(w["mean"], overall.mean_pillars, t.histogram)] if not per else [
        (labels.framework(ft.framework_id), ft.overall.mean_pillars, ft.histogram) for ft in per]
    pillar_head = s.header([w["pillar"], *(name for name, _, _ in series)])
    for i, p in enumerate(PILLARS):
        s.append([s.text(pillar_name(p, labels.lang)), *(s.number(means[i], SCORE_NUMBER_FORMAT) for _, means, _ in series)])
    chart = _bar_chart(w["chart.pillars"], labels.lang, stacked=False)
    chart.add_data(Reference(s.ws, min_col=2, max_col=1 + len(series), min_row=pillar_head, max_row=pillar_head + 3),
                   titles_from_data=True)
    chart.set_categories(Reference(s.ws, min_col=1, min_row=pillar_head + 1, max_row=pillar_head + 3))
    chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 100
    if not per:
        chart.legend = None
    chart.dataLabels = DataLabelList(showVal=True, showSerName=False, showCatName=False, showLegendKey=False,
                                     showPercent=False, showLeaderLines=False)
    s.add_chart(chart, "F2")
    s.blank()
    hist_head = s.header([w["band"], *(name if per else w["count"] for name, _, _ in series)])
    for i in range(len(t.histogram)):
        top = "100" if i == len(t.histogram) - 1 else str((i + 1) * 10)
        s.append([s.text(f"{i * 10}–{top}"), *(s.number(h[i]) for _, _, h in series)])
    hist = _bar_chart(w["chart.histogram"], labels.lang, stacked=False)
    hist.add_data(Reference(s.ws, min_col=2, max_col=1 + len(series), min_row=hist_head,
                            max_row=hist_head + len(t.histogram)), titles_from_data=True)
    hist.set_categories(Reference(s.ws, min_col=1, min_row=hist_head + 1, max_row=hist_head + len(t.histogram)))
    hist.gapWidth = 10
    if not per:
        hist.legend = None
    s.add_chart(hist, "F20")


def _bar_chart(title: str, lang: str, stacked: bool, horizontal: bool = False) -> BarChart:
    chart = BarChart()
    chart.type = "bar" if horizontal else "col"
    chart.style = 10
    chart.title = _chart_title(title, lang)
    if stacked:
        chart.grouping = "stacked"
        chart.overlap = 100
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    chart.x_axis.txPr = _axis_text(lang)
    chart.y_axis.txPr = _axis_text(lang, 800)
    chart.height, chart.width = 8, 14
    return chart


def _group_widths(labels: _Labels) -> list[int]:
    n_levels = len(labels.fw.levels) + 1 if labels.fw else 5
    n_stages = len(labels.fw.stages) if labels.fw else 4
    return [30, 8] + [9] * (n_levels + n_stages) + [15, 15, 15, 10, 9, 9, 9]


def _groups(s: _Sheet, rows: Sequence[GroupRow], labels: _Labels, key: str, name: Any, chart: bool = False,
            blocks: Sequence[tuple[str, Sequence[GroupRow]]] = ()) -> None:
    """One table of groups; with several frameworks (``blocks``) one table per framework, each with its own
    level and stage names: levels of different frameworks are never added together."""
    w = labels.w
    if blocks:
        s.ws.freeze_panes = "B3"
        s.title(w[key])
        s.note(w["per_framework_note"])
        for fid, group_rows in blocks:
            s.blank()
            s.append([s.text(labels.framework(fid), s.look.bold)])
            n_levels = len(group_rows[0].levels) if group_rows else 5
            n_stages = len(group_rows[0].stages) if group_rows else 4
            national = fid in labels.national_ids
            head = s.header([w[key], w["count"], *(labels.level(i, fid) for i in range(n_levels)),
                             *(labels.stage(i, fid) for i in range(n_stages)),
                             *((w["share_l2"], w["share_l3"]) if national else ()), w["mean_total"],
                             *(pillar_name(p, labels.lang) for p in PILLARS)])
            for g in group_rows:
                s.append([s.text(name(g.key)), s.number(g.firms), *(s.number(n) for n in g.levels),
                          *(s.number(n) for n in g.stages),
                          *((_national_share(s, g, 2), _national_share(s, g, 3)) if national else ()),
                          s.number(g.mean_total, SCORE_NUMBER_FORMAT),
                          *(s.number(m, SCORE_NUMBER_FORMAT) for m in g.mean_pillars)])
            if chart and group_rows:  # beside its table: this framework's levels by group
                bars = _bar_chart(f"{w['chart.levels']} · {labels.framework(fid)}", labels.lang, stacked=True,
                                  horizontal=True)
                bars.add_data(Reference(s.ws, min_col=3, max_col=2 + n_levels, min_row=head,
                                        max_row=head + len(group_rows)), titles_from_data=True)
                bars.set_categories(Reference(s.ws, min_col=1, min_row=head + 1, max_row=head + len(group_rows)))
                bars.x_axis.scaling.orientation = "maxMin"
                bars.legend.position = "b"
                bars.height, bars.width = 4 + 0.7 * len(group_rows), 16
                s.add_chart(bars, f"{get_column_letter(4 + n_levels + n_stages + 4)}{head}")
        return
    n_levels = len(rows[0].levels) if rows else 5
    n_stages = len(rows[0].stages) if rows else 4
    s.ws.freeze_panes = "B4" if labels.own_scale else "B3"  # before the first row: a write-only sheet
    s.title(w[key])
    if labels.own_scale:
        s.note(w["levels_note"].format(names=labels.national))
    names = labels.national
    head = s.header([w[key], w["count"], *(labels.level(i) for i in range(n_levels)),
                     *(labels.stage(i) for i in range(n_stages)), w["national_firms"].format(names=names),
                     w["share_l2_col"].format(names=names), w["share_l3_col"].format(names=names), w["mean_total"],
                     *(pillar_name(p, labels.lang) for p in PILLARS)])
    for g in rows:
        s.append([s.text(name(g.key)), s.number(g.firms), *(s.number(n) for n in g.levels),
                  *(s.number(n) for n in g.stages), s.number(g.national_firms), _national_share(s, g, 2),
                  _national_share(s, g, 3), s.number(g.mean_total, SCORE_NUMBER_FORMAT),
                  *(s.number(m, SCORE_NUMBER_FORMAT) for m in g.mean_pillars)])
    if rows:
        s.ws.auto_filter.ref = f"A{head}:{get_column_letter(2 + n_levels + n_stages + 7)}{head + len(rows)}"
    if chart and rows:
        title = w["chart.levels_own" if labels.own_scale else "chart.levels"]
        bars = _bar_chart(title, labels.lang, stacked=True, horizontal=True)
        bars.add_data(Reference(s.ws, min_col=3, max_col=2 + n_levels, min_row=head, max_row=head + len(rows)),
                      titles_from_data=True)
        bars.set_categories(Reference(s.ws, min_col=1, min_row=head + 1, max_row=head + len(rows)))
        bars.x_axis.scaling.orientation = "maxMin"  # the first industry on top, as in the table
        bars.legend.position = "b"
        bars.gapWidth = 40
        bars.height, bars.width = 4 + 0.7 * len(rows), 20
        s.add_chart(bars, f"A{head + len(rows) + 3}")


def _regions(s: _Sheet, result: AggregateResult, labels: _Labels) -> None:
    """Firms by GB/T 2260 division at province, prefecture and county level (per framework with several),
    then the region texts that name no division or several, for the office to resolve."""
    w, t = labels.w, result.tables
    per = t.per_framework if labels.mixed else ()
    blocks: list[tuple[str, Sequence[GroupRow], str]] = []
    for level in ("province", "city", "county"):
        if per:
            blocks += [(ft.framework_id, {"province": ft.by_province, "city": ft.by_city,
                                          "county": ft.by_region}[level], level) for ft in per]
        else:
            blocks.append(("", {"province": t.by_province, "city": t.by_city, "county": t.by_region}[level], level))
    s.ws.freeze_panes = "B3"
    s.title(w["sheet.region"])
    s.note(w["regions_note"])
    for fid, rows, level in blocks:
        s.blank()
        s.append([s.text(w[f"division.{level}"] + (f" · {labels.framework(fid)}" if fid else ""), s.look.bold)])
        n_levels = len(rows[0].levels) if rows else 5
        n_stages = len(rows[0].stages) if rows else 4
        national = (fid or (t.frameworks[0][0] if t.frameworks else "")) in labels.national_ids
        s.header([w["division_code"], w["region"], w["count"], *(labels.level(i, fid or None) for i in range(n_levels)),
                  *(labels.stage(i, fid or None) for i in range(n_stages)),
                  *((w["share_l2"], w["share_l3"]) if national else ()), w["mean_total"]])
        for g in rows:
            name = w["not_given"] if g.key == "" else w["unresolved"] if g.key == UNRESOLVED else division_name(g.key)
            s.append([s.text(g.key if g.key not in ("", UNRESOLVED) else ""), s.text(name), s.number(g.firms),
                      *(s.number(n) for n in g.levels), *(s.number(n) for n in g.stages),
                      *((_national_share(s, g, 2), _national_share(s, g, 3)) if national else ()),
                      s.number(g.mean_total, SCORE_NUMBER_FORMAT)])
    s.blank()
    s.append([s.text(w["to_resolve"], s.look.bold)])
    if not t.region_issues:
        s.note(w["none_to_resolve"])
        return
    s.header([w["region_text"], w["problem"], w["count"], w["candidates"]])
    for issue in t.region_issues:
        s.append([s.text(safe_text(issue.text)), s.text(w[f"region.{issue.status}"]), s.number(issue.firms),
                  s.text("；".join(f"{c} {n}" for c, n in issue.candidates) or safe_text(issue.message.get(labels.lang)))])


def _gaps(s: _Sheet, result: AggregateResult, labels: _Labels) -> None:
    w = labels.w
    s.ws.freeze_panes = "A4"
    s.title(w["sheet.gaps"])
    s.note(w["gaps_note"])
    head = s.header([w["gap_kind"], w["framework"], w["question_id"], w["question"], w["dimension"], w["gap_firms"],
                     w["gap_share"]])
    for g in result.tables.gaps:
        text, dimension = labels.question(g.framework_id, g.question_id)
        s.append([s.text(w[f"gap.{g.kind}"]), s.text(g.framework_id), s.text(g.question_id), s.text(text, wrap=True),
                  s.text(dimension), s.number(g.firms), s.number(g.share, "0.0%")])
    if result.tables.gaps:
        s.ws.auto_filter.ref = f"A{head}:G{head + len(result.tables.gaps)}"


def _progress(s: _Sheet, result: AggregateResult, labels: _Labels) -> None:
    w = labels.w
    s.ws.freeze_panes = "B3"
    s.title(w["sheet.progress"])
    head = s.header([w["firm"], w["framework"], w["assessments"], w["first_date"], w["last_date"], w["first_total"],
                     w["last_total"], w["total_change"], w["first_level"], w["last_level"], w["level_change"],
                     w["first_stage"], w["last_stage"]])
    rows = result.tables.progress
    for p in rows:
        fid = p.framework_id
        s.append([s.text(p.name), s.text(fid), s.number(p.assessments), s.text(p.first_date), s.text(p.last_date),
                  s.number(p.first_total, SCORE_NUMBER_FORMAT), s.number(p.last_total, SCORE_NUMBER_FORMAT), s.number(p.total_change, "+0.0;-0.0;0"),
                  s.text(labels.level(p.first_level, fid)), s.text(labels.level(p.last_level, fid)),
                  s.number(p.level_change, "+0;-0;0"), s.text(labels.stage(p.first_stage, fid)),
                  s.text(labels.stage(p.last_stage, fid))])
    if rows:
        s.ws.auto_filter.ref = f"A{head}:M{head + len(rows)}"
    else:
        s.note(w["no_progress"])


def signature_of(result: AggregateResult, index: int, lang: str) -> str:
    f = result.files[index] if 0 <= index < len(result.files) else None
    return f.signature_text(lang) if f is not None else ""


def _firms(s: _Sheet, result: AggregateResult, labels: _Labels) -> None:
    w, lang = labels.w, labels.lang
    s.ws.freeze_panes = "B4"
    s.title(w["sheet.firms"])
    s.note(w["contact_note"])
    head = s.header([w["firm"], w["credit_code"], w["region"], w["industry"], w["size_class"], w["framework"],
                     w["assessed_on"], w["total"], w["level"], w["stage"], *(pillar_name(p, labels.lang) for p in PILLARS), w["assessments"],
                     w["contact"], w["file"], w["signature"], w["flags"]])
    for firm in result.firms:
        r = firm.newest
        s.append([s.text(r.name), s.text(r.credit_code), s.text(r.region), s.text(labels.industry(r.industry_section)),
                  s.text(labels.size(r.size)), s.text(r.framework_id), s.text(r.assessed_on),
                  s.number(r.total, SCORE_NUMBER_FORMAT), s.text(labels.level(r.level, r.framework_id)),
                  s.text(labels.stage(r.stage, r.framework_id)), *(s.number(p, SCORE_NUMBER_FORMAT) for p in r.pillars),
                  s.number(len(firm.history)), s.text(r.contact), s.text(safe_text(r.path)),
                  s.text(safe_text(signature_of(result, r.index, lang))), s.text(safe_text(firm.flags_text(lang)))])
    if result.firms:
        s.ws.auto_filter.ref = f"A{head}:R{head + len(result.firms)}"
    else:
        s.note(w["no_firms"])


def _files(s: _Sheet, result: AggregateResult, labels: _Labels) -> None:
    w, lang = labels.w, labels.lang
    s.ws.freeze_panes = "A3"
    s.title(w["sheet.files"])
    head = s.header([w["path"], w["status"], w["reason"], w["signature"], w["flags"]])
    for f in result.files:
        s.append([s.text(f.shown_path), s.text(STATUS_WORDS[f.status].get(lang)), s.text(safe_text(f.reason(lang))),
                  s.text(safe_text(f.signature_text(lang))), s.text(safe_text(f.flags_text(lang)))])
    if result.files:
        s.ws.auto_filter.ref = f"A{head}:E{head + len(result.files)}"
