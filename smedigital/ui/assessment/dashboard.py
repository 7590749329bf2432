"""The results page: score, level and stage in words, the gap to the next level, and the charts.

The charts are ``smedigital.charts.figures`` objects built once and updated in place;
an answer change schedules one refresh (a single-shot timer, so a burst of changes
redraws once) and only while the page is shown: a hidden dashboard is marked stale
and refreshed when it is shown again.

The charts stand in two columns when the page is wide enough for two of them side by side, else in one,
in reading order (stage, level, dimensions, pillars, scenes, history: the order screen readers meet them
in either way); the charts spanning both columns keep the page's full width. The choice follows the
page's width alone (less the vertical scroll bar, shown or not), so a switch cannot undo itself; and the
page asks its window for the width one column needs, so no chart is ever cut off at the right.
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QGridLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from smedigital.core.framework import PILLARS
from smedigital.core.planning import with_planned_suggestions
from smedigital.core.scoring import Result
from smedigital.core.wording import describe_gap, fmt_score
from smedigital.ui import theme

from .export_bar import ExportBar
from .session import AssessmentSession
from .side import pillar_name
from .widgets import fmt_number

REFRESH_DELAY_MS = 0  # coalesces the changes of one event-loop pass; typing never waits on a sleep
CHART_MIN_HEIGHT = 340

HistorySource = Callable[[], Sequence[tuple[str, float, int]]]


def _label(parent: QWidget, bold: bool = False, scale: float = 1.0) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if bold or scale != 1.0:
        font = label.font()
        font.setBold(bold)
        font.setPointSizeF(font.pointSizeF() * scale)
        label.setFont(font)
    return label


class ResultsPage(QWidget):
    """Score, level, stage, the gap in words, and the charts, refreshed after every change."""

    scroll: QScrollArea  # type: ignore[assignment]  # the page's scroll area hides QWidget.scroll(dx, dy), unused here

    refreshed = Signal(float)  # milliseconds the last refresh took
    exportRequested = Signal(str)  # plan, report or template: the main window exports

    def __init__(self, session: AssessmentSession, lang: str, history: HistorySource | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.lang = lang
        self.history_source = history
        self._stale = True
        self._charts: Any = None  # smedigital.charts.figures.Dashboard, imported on first use
        self._charts_contrast = False  # whether the charts on screen are drawn for high contrast
        self._history_chart: Any = None
        self._canvases: list[Any] = []
        self._columns = 0  # the charts' columns as laid out: 2, 1, or 0 before there are charts
        self._signatures: dict[str, Any] = {}
        self.last_refresh_ms = 0.0

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(self.scroll)
        body = QWidget(self.scroll)
        self.scroll.setWidget(body)
        self.body = body
        layout = QVBoxLayout(body)
        heading = QLabel(self.tr("Results"), body)
        heading.setObjectName("pageHeading")
        self.scroll.setAccessibleName(heading.text())
        layout.addWidget(heading)
        self.export_bar = ExportBar(body, wrap=True)
        self.export_bar.requested.connect(self.exportRequested)
        layout.addWidget(self.export_bar)
        self.headline = _label(body, bold=True, scale=1.25)
        self.headline.setObjectName("resultsHeadline")
        layout.addWidget(self.headline)
        self.caveat = _label(body, scale=0.9)  # what the level is (the framework says): e.g. a pre-assessment
        self.caveat.setObjectName("levelCaveat")
        layout.addWidget(self.caveat)
        self.incomplete = _label(body)
        layout.addWidget(self.incomplete)
        self.gap_title = _label(body, bold=True)
        self.gap_title.setText(self.tr("To reach the next level"))
        layout.addWidget(self.gap_title)
        self.gap = _label(body)
        self.gap.setObjectName("levelGap")
        layout.addWidget(self.gap)
        self.stage_gap = _label(body)
        self.stage_gap.setObjectName("stageGap")
        layout.addWidget(self.stage_gap)
        self.summary = _label(body)
        self.summary.setObjectName("scoreSummary")
        layout.addWidget(self.summary)
        self.grid = QGridLayout()
        layout.addLayout(self.grid)
        layout.addStretch(1)
        body.installEventFilter(self)  # a text or button grown (a larger text size): the widths needed again

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh_now)
        # the gap to the next level names the first phase of the optimal plan, which takes the planner
        # (10-30 ms): it follows the charts, once they are drawn, from the next pass of the event loop
        self._gap_pending = False
        self._gap_timer = QTimer(self)
        self._gap_timer.setSingleShot(True)
        self._gap_timer.setInterval(0)
        self._gap_timer.timeout.connect(self.show_gap_now)
        session.changed.connect(self._changed)

    # ---------------------------------------------------------------- scheduling

    def _changed(self, _result: Result) -> None:
        self._stale = True
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._charts_taken():
            self._stale = True
        if self._stale:
            self._timer.start()

    def schedule_refresh(self) -> None:
        self._stale = True
        self._timer.start()

    @property
    def stale(self) -> bool:
        """Whether something shown (a chart, a text, the planned gap) is not yet the session's result."""
        return self._stale or self._gap_pending

    # ---------------------------------------------------------------- drawing

    def _build_charts(self) -> None:
        from smedigital.charts.figures import Dashboard, ScoreHistory

        canvas_class = _lazy_canvas_class()

        fw = self.session.framework
        self._charts_contrast = theme.is_high_contrast()
        self._charts = _take_dashboard(fw, self.lang, self._charts_contrast, self) \
            or _keep_dashboard(Dashboard(fw, self.lang, high_contrast=self._charts_contrast), self)
        d = self._charts
        placed: list[tuple[str, Any, str, int, int, int]] = [
            ("ladder", d.ladder, self.tr("Stage ladder"), 0, 0, 1),
            ("gauge", d.gauge, self.tr("Level"), 0, 1, 1),
            ("radar", d.radar, self.tr("Dimension scores, with the previous assessment"), 1, 0, 1),
            ("pillars", d.pillars, self.tr("Pillar scores against the stage thresholds"), 1, 1, 1),
        ]
        row = 2
        if d.scenes is not None:
            placed.append(("scenes", d.scenes, self.tr("Scene levels"), row, 0, 2))
            row += 1
        if self.history_source is not None:
            self._history_chart = ScoreHistory(self.lang, framework=fw, high_contrast=self._charts_contrast)
            placed.append(("history", self._history_chart, self.tr("Score history"), row, 0, 2))
        row_height: dict[int, int] = {}
        for _key, chart, _name, r, _c, _span in placed:
            height = int(chart.figure.get_size_inches()[1] * chart.figure.dpi)
            row_height[r] = max(row_height.get(r, CHART_MIN_HEIGHT), height)
        for order, (key, chart, name, r, c, span) in enumerate(placed):
            canvas = canvas_class(chart.figure)
            canvas.chart_key = key
            canvas.chart = chart
            canvas.setParent(self.body)
            canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            canvas.setAccessibleName(name)
            # the charts are laid out for their figure's height; the width follows the page, down to
            # four fifths of the width the figure is laid out for (narrower, its words overlap)
            width_in, height_in = chart.figure.get_size_inches()
            canvas.setMinimumWidth(int(width_in * chart.figure.dpi * 0.8))
            canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            # (row, column, columns spanned, height) in two columns (a row as high as its higher chart) and
            # in one (each as high as its own figure)
            canvas.places = {2: (r, c, span, row_height[r]),
                             1: (order, 0, 1, max(CHART_MIN_HEIGHT, int(height_in * chart.figure.dpi)))}
            self._canvases.append(canvas)
        self._arrange(self._wanted_columns())
        self._ask_for_width()
        for canvas in self._canvases:
            canvas.show()  # now, not from the event loop (as the layout would): the layout counts it at once

    # ---------------------------------------------------------------- one column or two

    def _widths_needed(self) -> tuple[int, int]:
        """The body's least width with the charts in one column and in two (texts and buttons included)."""
        layout = self.body.layout()
        if layout is None:  # made in __init__
            return 0, 0
        margins = layout.contentsMargins()
        others = 0
        for i in range(layout.count()):
            item = layout.itemAt(i)
            if item is not None and item.layout() is not self.grid:
                others = max(others, item.minimumSize().width())
        one = max((c.minimumWidth() for c in self._canvases), default=0)
        column: dict[int, int] = {}
        spanning = 0
        for canvas in self._canvases:
            _row, col, span, _height = canvas.places[2]
            if span > 1:
                spanning = max(spanning, canvas.minimumWidth())
            else:
                column[col] = max(column.get(col, 0), canvas.minimumWidth())
        gap = max(0, self.grid.horizontalSpacing())
        two = max(spanning, sum(column.values()) + gap * max(0, len(column) - 1))
        sides = margins.left() + margins.right()
        return max(one, others) + sides, max(two, others) + sides

    def _around_body(self) -> int:
        """What the scroll area takes of the page's width besides the body: its frame and the vertical scroll
        bar, counted whether it is shown or not (the choice of columns must not change whether it is)."""
        return 2 * self.scroll.frameWidth() + self.scroll.verticalScrollBar().sizeHint().width()

    def _wanted_columns(self) -> int:
        return 2 if self.width() - self._around_body() >= self._widths_needed()[1] else 1

    def _ask_for_width(self) -> None:
        """The page's least width: the charts in one column, with the scroll bar beside them (the window
        cannot be made narrower than that while the results are shown)."""
        need = self._widths_needed()[0] + self._around_body()
        if self._canvases and self.scroll.minimumWidth() != need:
            self.scroll.setMinimumWidth(need)

    def _arrange(self, columns: int) -> None:
        """Put the charts in ``columns`` columns, in a grid of their own (a grid never forgets a row or a
        column it once had)."""
        layout = self.body.layout()
        assert isinstance(layout, QVBoxLayout)  # made in __init__
        old = self.grid
        at = layout.indexOf(old)
        for canvas in self._canvases:
            old.removeWidget(canvas)
        layout.removeItem(old)
        old.deleteLater()
        self.grid = QGridLayout()
        layout.insertLayout(at, self.grid)
        for canvas in self._canvases:
            row, col, span, height = canvas.places[columns]
            canvas.setFixedHeight(height)
            self.grid.addWidget(canvas, row, col, 1, span)
        self._columns = columns

    def _fit_columns(self) -> None:
        """After a resize or a change of what the texts need: the width asked for, and the columns."""
        if not self._canvases:
            return
        self._ask_for_width()
        columns = self._wanted_columns()
        if columns != self._columns:
            self._arrange(columns)
            self._settle_layout()

    @property
    def columns(self) -> int:
        """How many columns the charts stand in (0 before they are made)."""
        return self._columns

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit_columns()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.body and event.type() == QEvent.Type.LayoutRequest:
            self._fit_columns()
        return False

    def _settle_layout(self) -> None:
        """Give the new canvases their final sizes now, before their first paint: left to the event loop,
        the page is painted while the body is still as wide as it was without the charts, and the charts
        spanning both columns are drawn once at that width and again when the body widens."""
        layout = self.body.layout()
        if layout is None:
            return
        layout.activate()
        QApplication.sendPostedEvents(self.scroll.viewport(), QEvent.Type.LayoutRequest)

    def _charts_taken(self) -> bool:
        """Whether another results page took this page's charts while it was hidden (see _take_dashboard)."""
        return self._charts is not None and any(c.figure.canvas is not c for c in self._canvases
                                                if c.chart is not self._history_chart)

    def _drop_charts(self) -> None:
        for canvas in self._canvases:
            self.grid.removeWidget(canvas)
            canvas.hide()
            canvas.deleteLater()
        self._canvases.clear()
        self._columns = 0
        self._signatures.clear()
        self._charts = self._history_chart = None

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._charts is not None \
                and self._charts_contrast != theme.is_high_contrast():
            self.schedule_refresh()

    @property
    def canvases(self) -> list[Any]:
        return list(self._canvases)

    def refresh_now(self) -> None:
        """Update the texts and every chart from the session's result, and draw them."""
        start = time.perf_counter()
        self._timer.stop()
        result = self.session.result
        previous = self.session.previous_result
        self._show_texts(result)
        if self._charts is not None and (self._charts_contrast != theme.is_high_contrast() or self._charts_taken()):
            # high contrast was switched (the charts are drawn again in its style), or another page took them
            self._drop_charts()
        built = self._charts is None
        if built:
            self._build_charts()
            self._settle_layout()
        history = list(self.history_source()) if self.history_source is not None else []
        d = self._charts
        for canvas in self._canvases:
            key = canvas.chart_key
            signature = _signature(key, result, previous, history)
            if signature == self._signatures.get(key):
                continue  # what this chart shows did not change: no redraw
            self._signatures[key] = signature
            if key == "radar":
                d.radar.update(result, previous)
            elif key == "history":
                self._history_chart.update(history)
            else:
                getattr(d, key).update(result)
            if built or canvas.visibleRegion().isEmpty():
                # new (its first paint draws it, once, at its final size) or scrolled out of view: drawn
                # when it is next painted
                canvas.mark_stale()
            else:
                canvas.draw_chart()  # on screen: only its changing artists, blitted over the kept background
        self._describe_charts(result)
        self._stale = False
        self._gap_pending = True
        self._gap_timer.start()
        self.last_refresh_ms = (time.perf_counter() - start) * 1000
        self.refreshed.emit(self.last_refresh_ms)

    def show_gap_now(self) -> None:
        """The gap to the next level, with the planner's suggestions (after the charts: see __init__)."""
        self._gap_timer.stop()
        self._gap_pending = False
        lang = self.lang
        # the suggested steps are the first phase of the optimal plan for the next level
        result = with_planned_suggestions(self.session.assessment, self.session.result)
        lines = describe_gap(result, lang)
        gap = result.level_gap
        title = self.tr("To reach %1").replace("%1", gap.level.label.get(lang)) if gap else self.tr("Level")
        self.gap_title.setText(title)
        self.gap.setText("\n".join("• " + ln.strip() if not ln.startswith("  ") else "    – " + ln.strip()
                                   for ln in lines))

    def _show_texts(self, result: Result) -> None:
        lang = self.lang
        self.headline.setText(self.tr("Total %1 / 100 · Level: %2 · Stage: %3").replace(
            "%1", fmt_score(result.total_score)).replace("%2", result.level_label(lang)).replace(
            "%3", result.stage.label.get(lang)))
        caveat = result.framework.caveat
        self.caveat.setText(caveat.get(lang) if caveat else "")
        self.caveat.setVisible(caveat is not None)
        if result.unanswered:
            self.incomplete.setText(self.tr("⚠ %1 questions are unanswered; they count as 0 until answered.").replace(
                "%1", str(len(result.unanswered))))
        else:
            self.incomplete.setText(self.tr("Every question is answered."))
        self.stage_gap.setText(self._stage_gap_text(result))
        self.summary.setText(self._summary_text(result))

    def _stage_gap_text(self, result: Result) -> str:
        if not result.stage_gaps:
            if result.stage.index >= len(result.framework.stages) - 1:
                return self.tr("Stage: already at the last stage.")
            return ""
        nxt = result.framework.stages[result.stage.index + 1]
        parts = [self.tr("%1 pillar %2 of %3 needed").replace("%1", pillar_name(result, g.pillar, self.lang)).replace(
            "%2", fmt_score(g.actual)).replace("%3", fmt_number(g.required, 0)) for g in result.stage_gaps]
        return self.tr("To reach the stage %1: %2.").replace("%1", nxt.label.get(self.lang)).replace(
            "%2", "; ".join(parts))

    def _summary_text(self, result: Result) -> str:
        fw = result.framework
        dims = ", ".join(f"{fw.sections[s.id].title.get(self.lang)} {fmt_score(s.points)}/{fmt_score(s.max_points)}"
                         for s in result.dimension_scores())
        pillars = ", ".join(f"{pillar_name(result, p, self.lang)} {fmt_score(result.pillars[p])}" for p in PILLARS)
        return self.tr("Dimensions: %1. Pillars (0-100): %2.").replace("%1", dims).replace("%2", pillars)

    def _describe_charts(self, result: Result) -> None:
        """Each chart's own numbers in words, for screen readers (its name says what it shows)."""
        if not self._canvases:
            return
        for canvas in self._canvases:
            canvas.setAccessibleDescription(self._chart_text(canvas.chart_key, result) or "–")

    def _chart_text(self, key: str, result: Result) -> str:
        from smedigital.charts.figures import scene_name  # matplotlib is loaded by now

        fw, lang = result.framework, self.lang
        pillars = ", ".join(f"{pillar_name(result, p, lang)} {fmt_score(result.pillars[p])}" for p in PILLARS)
        if key == "gauge":
            return self.headline.text()
        if key in ("ladder", "pillars"):  # the stage reached, or the pillar scores, and what the next stage needs
            head = result.stage.label.get(lang) if key == "ladder" else pillars
            return " ".join(t for t in (head + ("。" if lang == "zh" else "."), self._stage_gap_text(result)) if t)
        if key == "radar":
            def dims(r: Result) -> str:
                return ", ".join(f"{fw.sections[s.id].title.get(lang)} {fmt_number(s.points)}/{fmt_number(s.max_points)}"
                                 for s in r.dimension_scores())
            return dims(result)
        if key == "scenes":
            levels = []
            for q in fw.scenes:
                qr = result.questions.get(q.id)
                shown = (qr.level or 0) if qr is not None and qr.applicable and qr.answered else "–"
                levels.append(f"{scene_name(q, lang)}: {shown}")
            return "; ".join(levels)
        if key == "history" and self.history_source is not None:
            points = []
            for point in self.history_source():
                date, score, level = point[0], point[1], point[2]
                lv = fw.level_by_index(level) if level is not None else None
                label = lv.label.get(lang) if lv is not None else fw.level_rule.no_level_label.get(lang)
                points.append(f"{str(date)[:10]}: {fmt_score(score)}, {label}")
            return "; ".join(points)
        return self._summary_text(result)


# The dashboards of the last results pages, kept between assessments in one program: a page opened on the
# same framework, language and contrast takes one instead of building its figures again (the figures and
# their kept backgrounds, not the canvases: those belong to the page they are on). Taken from a hidden
# page only: a page whose charts were taken builds new ones if it is shown again.
KEPT_DASHBOARDS = 2
_dashboards: list[tuple[Any, Any, Any]] = []  # (dashboard, its figures' sizes as built, weak ref to its page)


def _keep_dashboard(dashboard: Any, page: ResultsPage) -> Any:
    sizes = [chart.figure.get_size_inches().copy() for chart in dashboard.charts]
    _dashboards.insert(0, (dashboard, sizes, weakref.ref(page)))
    del _dashboards[KEPT_DASHBOARDS:]
    return dashboard


def _take_dashboard(framework: Any, lang: str, high_contrast: bool, page: ResultsPage) -> Any:
    """A kept dashboard for ``framework`` (the same object), ``lang`` and contrast whose page is gone or
    hidden, set back to the size it was built at and handed to ``page``; None when there is none."""
    for i, (dashboard, sizes, owner_ref) in enumerate(_dashboards):
        ladder = dashboard.ladder
        if ladder.framework is not framework or ladder.lang != lang or ladder.style.high_contrast != high_contrast:
            continue
        owner = owner_ref()
        if owner is not None and owner is not page:
            try:
                if owner.isVisible():
                    continue
            except RuntimeError:  # its widget is deleted already
                pass
        del _dashboards[i]
        for chart, size in zip(dashboard.charts, sizes, strict=True):
            chart.figure.set_size_inches(size, forward=False)
            chart.on_new_canvas()
        _dashboards.insert(0, (dashboard, sizes, weakref.ref(page)))
        return dashboard
    return None


def _signature(key: str, result: Result, previous: Result | None, history: Sequence[Any]) -> Any:
    """What a chart shows, to skip redrawing it when an answer changed nothing it shows.
    Generous on purpose: a redraw too many is slow, a redraw too few would be wrong."""
    pillars = tuple(result.pillars[p] for p in PILLARS)
    if key == "ladder":
        return result.stage.index, pillars
    if key == "gauge":
        return result.total_score, result.level_index
    if key == "radar":
        dims = tuple((s.id, s.points, s.max_points) for s in result.dimension_scores())
        prev = tuple((s.id, s.points, s.max_points) for s in previous.dimension_scores()) if previous else None
        return dims, prev
    if key == "pillars":
        return pillars, result.stage.index
    if key == "scenes":
        scenes = tuple((qid, r.level, r.answered, r.na) for qid, r in result.questions.items()
                       if r.question.kind == "scene")
        return scenes, result.level_index, result.total_score
    if key == "history":
        return tuple(history)
    return object()  # unknown: always redraw


def forward_wheel(widget: QWidget, event: QWheelEvent) -> None:
    """Hand a wheel event to the scroll bar of the scroll area around ``widget`` (a chart)."""
    area = widget.parentWidget()
    while area is not None and not isinstance(area, QAbstractScrollArea):
        area = area.parentWidget()
    if area is None:
        event.ignore()
        return
    bar = area.horizontalScrollBar() if event.angleDelta().y() == 0 else area.verticalScrollBar()
    forwarded = QWheelEvent(event.position(), event.globalPosition(), event.pixelDelta(), event.angleDelta(),
                            event.buttons(), event.modifiers(), event.phase(), event.inverted(), event.source())
    QApplication.sendEvent(bar, forwarded)
    event.setAccepted(forwarded.isAccepted())


def _lazy_canvas_class() -> type:
    """A FigureCanvasQTAgg that can postpone drawing until it is painted (imported on first use)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    from smedigital.charts.render import CachingCanvasMixin

    class LazyCanvas(CachingCanvasMixin, FigureCanvasQTAgg):  # texts drawn again reuse their glyphs
        chart_key = ""
        chart: Any = None
        places: dict[int, tuple[int, int, int, int]] = {}  # by columns: (row, column, columns spanned, height)
        _figure_stale = False
        _painting = False  # drawing inside paintEvent: the paint under way copies the buffer, nothing to repaint

        def mark_stale(self) -> None:
            self._figure_stale = True
            self.update()

        def draw_chart(self) -> None:
            """Draw now, the chart's fast way (a blit of what changed) when it has one."""
            self._figure_stale = False
            draw_fast = getattr(self.chart, "draw_fast", None)
            if draw_fast is not None:
                draw_fast(force=True)
            else:
                self.draw()

        def render_now(self) -> None:
            """Bring a chart marked stale up to date before it is painted (scrolled into view): only what
            changed since it was last drawn, the chart's fast way, when it has one; render only, as the
            paint that follows copies the buffer."""
            if not self._figure_stale:
                return
            self._figure_stale = False
            draw_fast = getattr(self.chart, "draw_fast", None)
            self._painting = True
            try:
                if draw_fast is not None:
                    draw_fast(force=True)
                else:
                    FigureCanvasAgg.draw(self)
            finally:
                self._painting = False

        def draw(self) -> None:
            if self._painting:
                FigureCanvasAgg.draw(self)  # no update(): this is the paint
            else:
                super().draw()

        def blit(self, bbox: Any = None) -> None:
            if not self._painting:  # repainting from within the paint would recurse
                super().blit(bbox)

        @property
        def figure_stale(self) -> bool:
            return self._figure_stale

        def draw_idle(self) -> None:
            """What matplotlib asks for after a resize (a full draw from the event loop, then another from the
            next paint when both are pending): the chart is marked stale instead, and drawn once, the
            chart's way, when it is painted, not at all while it is out of view."""
            if self.chart is not None:
                self.mark_stale()
            else:
                super().draw_idle()

        def paintEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
            self.render_now()
            super().paintEvent(event)

        def wheelEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
            # the charts neither zoom nor scroll: the wheel scrolls the page around them, which
            # matplotlib's canvas would otherwise swallow
            forward_wheel(self, event)

    return LazyCanvas
