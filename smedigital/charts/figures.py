"""The assessment's charts as matplotlib ``Figure`` objects (no pyplot, no Qt).

Every chart exists twice: a class that builds the figure once and updates its
artists in place (``chart.update(result)``; the dashboard uses these so a
refresh after an answer changes only redraws), and a function that returns a
ready figure (the report uses these). Texts come from the framework (section
titles, stage and level labels) in the language asked for; only the charts' own
words (axis names, "threshold", legends) live here. Meaning never rests on
colour alone: states carry a hatch, a marker or a written label as well, and
``high_contrast=True`` draws in black and white with heavier lines and larger
type.

For the dashboard, ``Dashboard(framework, lang)`` holds the live charts; after an
answer changes, ``dashboard.update(result, previous)`` then
``dashboard.draw_fast()`` redraws only the charts whose values changed, each by
blitting its changing artists over a kept background (see ``Chart.draw_fast``).
With a Qt canvas (``FigureCanvasQTAgg(chart.figure)``) the same calls work, as
``draw_fast`` draws on whatever canvas the figure has.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, cast

from smedigital.core.framework import Framework, Question
from smedigital.core.scoring import Result, threshold_held_by_level
from smedigital.core.wording import fmt_score

from . import prepare_matplotlib
from .fonts import register_cjk_font

prepare_matplotlib()

import numpy as np  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.legend import Legend  # noqa: E402
from matplotlib.legend_handler import HandlerTuple  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch, Rectangle  # noqa: E402
from matplotlib.patheffects import withStroke  # noqa: E402
from matplotlib.projections.polar import PolarAxes  # noqa: E402
from matplotlib.transforms import blended_transform_factory, offset_copy  # noqa: E402

from smedigital.core.words import table  # noqa: E402

DEFAULT_SIZE = (5.0, 4.0)
DEFAULT_DPI = 100
SCENE_LEVELS = range(0, 5)

# --------------------------------------------------------------------------- the charts' own words

WORDS = table("charts.figures")  # resources/words/<lang>.yaml


def _w(lang: str, key: str, **kw: object) -> str:
    text = WORDS["en" if lang == "en" else "zh"][key]
    return text.format(**kw) if kw else text


def _num(x: Fraction | float | int) -> str:
    """A score for a label: whole numbers plain, else one decimal."""
    return fmt_score(x)


_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def _wrap(text: str, width: int) -> str:
    """Wrap to ``width`` Latin characters a line; a CJK character counts double."""
    if _CJK.search(text):
        width = max(2, width // 2)
    return textwrap.fill(text, width=width, break_long_words=True, break_on_hyphens=False)




def scene_name(q: Question, lang: str) -> str:
    """A scene's short name from the framework (``short_text``; the question text when none)."""
    return q.label.get(lang)


def pillar_label(framework: Framework, pillar: str, lang: str) -> str:
    """A pillar is named after the stage it opens (cloud → 上云)."""
    for t in framework.stage_rule:
        if t.pillar == pillar:
            return framework.stage(t.stage).label.get(lang)
    return pillar


# --------------------------------------------------------------------------- style


@dataclass(frozen=True, slots=True)
class Style:
    high_contrast: bool
    text: str
    edge: str
    current: str  # the firm's own position: darkest
    current_text: str
    reached: str  # achieved / met
    open: str  # not reached
    open_hatch: str
    reached_hatch: str
    previous: str
    grid: str
    band: tuple[str, str]
    line: float
    font: float

    @property
    def small(self) -> float:
        return self.font - 1.5

    @property
    def title(self) -> float:
        return self.font + 1.5


NORMAL = Style(False, text="#222222", edge="#444444", current="#0B5394", current_text="white",
               reached="#9FC5E8", open="white", open_hatch="///", reached_hatch="", previous="#C0504D",
               grid="#CCCCCC", band=("#F2F2F2", "#FFFFFF"), line=1.6, font=9.0)
HIGH_CONTRAST = Style(True, text="black", edge="black", current="black", current_text="white",
                      reached="#BBBBBB", open="white", open_hatch="///", reached_hatch="..", previous="black",
                      grid="#777777", band=("#DDDDDD", "#FFFFFF"), line=2.6, font=11.0)


def style_for(high_contrast: bool) -> Style:
    return HIGH_CONTRAST if high_contrast else NORMAL


def _new_figure(figsize: tuple[float, float] | None, dpi: int, style: Style) -> Figure:
    register_cjk_font()
    fig = Figure(figsize=figsize or DEFAULT_SIZE, dpi=dpi, facecolor="white")
    fig.set_layout_engine("none")
    return fig


def _title(fig: Figure, style: Style):
    return fig.text(0.03, 0.965, "", ha="left", va="top", fontsize=style.title, fontweight="bold", color=style.text)


def _subtitle(fig: Figure, style: Style, y: float = 0.895):
    return fig.text(0.03, y, "", ha="left", va="top", fontsize=style.small, color=style.text)


class Chart:
    """A figure built once; ``update`` changes its artists in place and returns the chart.

    After ``update``, ``draw_fast()`` redraws the figure on its canvas: charts that
    list their changing artists in ``_dynamic`` keep a bitmap of everything else
    (axes, tick labels, legends) and only draw the changing artists over it, then
    blit; while the canvas still shows the chart's last frame, only the artists
    whose values changed (and those they overlap) are drawn again, within the
    regions they cover (see ``draw_fast``). The bitmap is retaken when the canvas
    size or dpi changes or the chart's structure changed. A chart whose displayed values did not change
    since the last ``draw_fast`` is not drawn again. ``figure`` itself stays a
    plain, complete Figure: ``savefig`` and a full ``canvas.draw()`` show
    everything.
    """

    figure: Figure
    _dynamic: list | None = None  # None: every refresh is a full draw
    _background = None
    _background_key: tuple | None = None
    _structure_changed: bool = True
    _signature: object = None
    _drawn_signature: object = ()
    # what the kept background shows that an update may change back and forth (the ladder: its stage):
    # one bitmap is kept per variant, so going back to a stage shown before is a blit, not a full draw
    _variant: object = None
    _kept: dict | None = None
    _kept_for: tuple | None = None  # the canvas size and dpi the kept bitmaps were taken at

    def _changed(self, signature: object) -> None:
        """Record what the chart now shows (a hashable summary of the values)."""
        self._signature = signature

    def _canvas(self):
        canvas = self.figure.canvas
        if not hasattr(canvas, "copy_from_bbox"):  # a bare Figure: give it an Agg canvas (keeping its texts' glyphs)
            from .render import CachingCanvasAgg

            canvas = CachingCanvasAgg(self.figure)
        return canvas

    def draw_fast(self, force: bool = False) -> bool:
        """Bring the canvas up to date after ``update``; returns whether anything was drawn.

        When the canvas still shows the last frame this chart drew, only what changed is drawn again:
        the regions the changed artists covered before and cover now get their background back, every
        changing artist that touches them is drawn over it in z-order, and pixels those draws spill
        outside the regions are put back as they were. Inside the regions that is what a full draw
        paints there, outside them nothing changed: the canvas equals a full draw, pixel for pixel.
        A text whose string, place and look are unchanged is drawn only where it touches a changed region.
        """
        canvas = self._canvas()
        size = (canvas.get_width_height(physical=True), self.figure.dpi)
        key = (*size, self._variant)
        if self._structure_changed or self._kept_for != size:
            self._kept, self._kept_for, self._diffs = {}, size, None
        elif self._background_key != key and self._kept and key in self._kept:
            self._background, self._background_key = self._kept[key], key
        fresh = self._background is not None and self._background_key == key and not self._structure_changed
        if fresh and not force and self._signature == self._drawn_signature:
            return False
        dynamic = self._dynamic
        changes = False
        self._watch(canvas)
        self._drawing = True
        try:
            if dynamic is None:
                canvas.draw()
                self._background, self._background_key, self._structure_changed = True, key, False
            elif fresh and self._shown is not None and self._kept is not None \
                    and (self._shown[0] == key or self._shown[0] in self._kept):
                # the canvas shows this chart's last frame: only what changed is drawn, and where the kept
                # background of another variant was shown (the ladder at another stage), where the two differ
                changes = True
                moved = [] if self._shown[0] == key else self._between(self._shown[0], key)
                self._draw_changes(canvas, dynamic, key, moved)
            elif fresh:
                self._paste(canvas, self._background)
                for artist in dynamic:
                    if artist.get_visible():
                        self.figure.draw_artist(artist)
                canvas.blit(self.figure.bbox)
            else:
                for artist in dynamic:
                    artist.set_animated(True)
                try:
                    canvas.draw()
                    self._background = np.asarray(canvas.buffer_rgba()).copy()
                    self._background_key = key
                    if self._kept is not None:
                        self._kept[key] = self._background
                    self._structure_changed = False
                finally:
                    for artist in dynamic:
                        artist.set_animated(False)
                for artist in dynamic:
                    if artist.get_visible():
                        self.figure.draw_artist(artist)
                canvas.blit(self.figure.bbox)
            if dynamic is not None and not changes:
                self._shown = (key, self._snapshot(canvas, dynamic))
        finally:
            self._drawing = False
        self._drawn_signature = self._signature
        return True

    def on_new_canvas(self) -> None:
        """The figure was put on a new canvas (a results page taking kept charts): it shows nothing of the
        chart yet, so the next ``draw_fast`` paints the whole frame (over the kept background, when the
        canvas has the size it was taken at) rather than only what changed."""
        self._shown = None

    # what the canvas shows: (background key, {artist: (look, pixel box or None)}), None when unknown
    _shown: tuple | None = None
    _drawing = False
    _watched: object = None

    def _watch(self, canvas) -> None:
        """Forget what the canvas shows when someone else draws the whole figure on it (a resize, a repaint)."""
        if self._watched is canvas:
            return
        self._watched = canvas

        def drawn(_event: object) -> None:
            if not self._drawing:
                self._shown = None

        canvas.mpl_connect("draw_event", drawn)

    def _snapshot(self, canvas, dynamic: list, before: dict | None = None) -> dict:
        """Each changing artist's look and the box of pixels it paints (``before``: the last snapshot at
        this canvas size, whose boxes stay right for the artists whose look did not change)."""
        renderer = canvas.get_renderer()
        pad = 5 * self.figure.dpi / 72  # antialiasing, line widths, text boxes, halos: a few points round
        shown = {}
        for artist in dynamic:
            look: object = _look(artist)
            box = None
            was = before.get(artist) if before else None
            if was is not None and was[0] == look:
                shown[artist] = was
                continue
            points = None
            if artist.get_visible():
                e = _extent(artist, renderer) if look is not None else None
                if e is None:  # not known where it draws: the whole canvas
                    look, box = object(), (0, 0, *canvas.get_width_height(physical=True))
                else:
                    box = (math.floor(e[0] - pad), math.floor(e[1] - pad), math.ceil(e[2] + pad),
                           math.ceil(e[3] + pad))
                    points = _vertices(artist)
            shown[artist] = (look, box, points)
        return shown

    def _moved(self, artist: Any, was: tuple, now: tuple) -> list | None:
        """Where a line or polygon whose points moved (and nothing else) changed: the segments next to
        each moved point, before and after, as boxes; None when that cannot be said."""
        a, b = was[2], now[2]
        if a is None or b is None or a.shape != b.shape or len(a) < 2 or \
                _look_besides_data(artist, was[0]) != _look_besides_data(artist, now[0]):
            return None
        moved = np.flatnonzero((a != b).any(axis=1))
        if not np.isfinite(a).all() or not np.isfinite(b).all():
            return None
        # the line's half width and its markers, then the same few points as every box
        pt = self.figure.dpi / 72
        pad = 5 * pt
        if isinstance(artist, Line2D):
            pad += (artist.get_linewidth() + artist.get_markersize() + artist.get_markeredgewidth()) * pt
        else:
            pad += artist.get_linewidth() * pt
        n = len(a)
        boxes = []
        for i in moved.tolist():
            ends = [(i - 1) % n, i, (i + 1) % n]  # a closed shape: the first and last points are neighbours
            xy = np.concatenate([a[ends], b[ends]])
            (x0, y0), (x1, y1) = xy.min(axis=0), xy.max(axis=0)
            boxes.append((math.floor(x0 - pad), math.floor(y0 - pad), math.ceil(x1 + pad), math.ceil(y1 + pad)))
        return boxes

    @staticmethod
    def _paste(canvas, background) -> None:
        np.asarray(canvas.get_renderer().buffer_rgba())[...] = background  # a new canvas: its renderer made now

    def _between(self, before: tuple, now: tuple) -> list[tuple[int, int, int, int]]:
        """Where two kept backgrounds differ, as boxes of 16-pixel tiles (display pixels), worked out once."""
        if self._diffs is None:
            self._diffs = {}
        pair = (before, now)
        if pair not in self._diffs:
            assert self._kept is not None
            a, b = self._kept[before], self._kept[now]
            height, width = a.shape[:2]
            t = 16
            diff = np.pad((a != b).any(axis=2), ((0, -height % t), (0, -width % t)))
            tiles = diff.reshape(diff.shape[0] // t, t, diff.shape[1] // t, t).any(axis=(1, 3))
            boxes = []
            for row, line in enumerate(np.asarray(tiles)):
                cols = np.flatnonzero(line).tolist()
                while cols:  # runs of neighbouring tiles make one box
                    first = last = cols.pop(0)
                    while cols and cols[0] == last + 1:
                        last = cols.pop(0)
                    boxes.append((first * t, max(height - (row + 1) * t, 0), min((last + 1) * t, width),
                                  height - row * t))
            self._diffs[pair] = boxes
        return self._diffs[pair]

    _diffs: dict | None = None

    def _draw_changes(self, canvas, dynamic: list, key: tuple, moved: list) -> None:
        old = self._shown[1] if self._shown is not None else {}
        new = self._snapshot(canvas, dynamic, old)
        background: Any = self._kept[key] if self._kept is not None else self._background
        rects = list(moved)
        for artist in dynamic:
            was, now = old.get(artist), new[artist]
            if was is None:
                rects.append((0, 0, *canvas.get_width_height(physical=True)))
            elif was[0] != now[0] or was[1] != now[1]:
                segments = self._moved(artist, was, now)  # a radar's line: only the segments that moved
                rects += segments if segments is not None else [r for r in (was[1], now[1]) if r is not None]
        if not rects:
            return
        buf = np.asarray(canvas.buffer_rgba())
        height, width = buf.shape[:2]

        def rows_cols(r):  # a display box (origin bottom left) as buffer slices (origin top left)
            x0, y0, x1, y1 = max(r[0], 0), max(r[1], 0), min(r[2], width), min(r[3], height)
            return slice(height - y1, height - y0), slice(x0, x1)

        def touches(box) -> bool:
            return box is not None and any(box[0] < r[2] and r[0] < box[2] and box[1] < r[3] and r[1] < box[3]
                                           for r in rects)

        drawn = [a for a in dynamic if new[a][1] is not None and touches(new[a][1])]
        # the draws may spill out of the changed regions (a text half in one): what they cover is kept first
        spill = [(rr, cc, buf[rr, cc].copy()) for rr, cc in (rows_cols(new[a][1]) for a in drawn)]
        regions = [rows_cols(r) for r in rects]
        for rr, cc in regions:
            buf[rr, cc] = background[rr, cc]
        for artist in drawn:
            self.figure.draw_artist(artist)
        painted = [(rr, cc, buf[rr, cc].copy()) for rr, cc in regions]
        for rr, cc, pixels in spill + painted:  # outside the regions as before, inside as just drawn
            buf[rr, cc] = pixels
        from matplotlib.transforms import Bbox

        canvas.blit(Bbox.from_extents(min(r[0] for r in rects), min(r[1] for r in rects),
                                      max(r[2] for r in rects), max(r[3] for r in rects)))
        self._shown = (key, new)

    def png(self, dpi: float | None = None) -> bytes:
        from io import BytesIO

        buf = BytesIO()
        self.figure.savefig(buf, format="png", dpi=dpi or self.figure.dpi)
        return buf.getvalue()

    def svg(self) -> bytes:
        from io import BytesIO

        buf = BytesIO()
        self.figure.savefig(buf, format="svg")
        return buf.getvalue()


def _rgba(colour: Any) -> tuple:
    from matplotlib.colors import to_rgba_array

    return tuple(to_rgba_array(colour).ravel().tolist()) if colour is not None else ()


def _look(artist: Any) -> tuple | None:
    """What an artist's pixels depend on among what ``update`` changes; None: not known (always redrawn)."""
    from matplotlib.collections import Collection
    from matplotlib.spines import Spine
    from matplotlib.text import Annotation, Text

    if not artist.get_visible():
        return (False,)
    if isinstance(artist, Text):
        box = artist.get_bbox_patch()
        look: tuple = (artist.get_text(), tuple(artist.get_unitless_position()), _rgba(artist.get_color()),
                       artist.get_horizontalalignment(), artist.get_verticalalignment(), artist.get_fontsize(),
                       artist.get_fontweight(), artist.get_rotation(), artist.get_linespacing(),
                       None if box is None else (_rgba(box.get_facecolor()), _rgba(box.get_edgecolor()),
                                                 repr(vars(box.get_boxstyle()))))
        if isinstance(artist, Annotation):
            look += (tuple(artist.xy), tuple(artist.xyann))
        return look
    if isinstance(artist, Spine):
        return (True,)  # the dashboards never change a spine: redrawn only where something under it changed
    if isinstance(artist, Line2D):
        return (np.asarray(artist.get_xdata(), float).tobytes(), np.asarray(artist.get_ydata(), float).tobytes(),
                _rgba(artist.get_color()), str(artist.get_linestyle()), artist.get_linewidth(),
                str(artist.get_marker()), artist.get_markersize())
    if isinstance(artist, Patch):
        return (np.asarray(artist.get_path().vertices).tobytes(),
                np.asarray(artist.get_patch_transform().get_matrix()).tobytes(),
                _rgba(artist.get_facecolor()), _rgba(artist.get_edgecolor()), artist.get_hatch(),
                str(artist.get_linestyle()), artist.get_linewidth(), artist.get_fill())
    if isinstance(artist, Collection):
        return (np.asarray(artist.get_facecolor()).tobytes(), np.asarray(artist.get_edgecolor()).tobytes(),
                len(artist.get_paths()))
    return None


def _vertices(artist: Any) -> Any:
    """A line's or a polygon's points on the canvas (display pixels), else None."""
    from matplotlib.patches import Polygon

    if isinstance(artist, Line2D):
        xy = np.column_stack([np.asarray(artist.get_xdata(), float), np.asarray(artist.get_ydata(), float)])
    elif isinstance(artist, Polygon):
        xy = np.asarray(artist.get_xy(), float)
    else:
        return None
    if not len(xy):
        return None
    return np.asarray(artist.get_transform().transform(xy), float)


def _look_besides_data(artist: Any, look: Any) -> Any:
    """An artist's look but for its points (see ``_look``): the colours, widths, markers, hatch."""
    if not isinstance(look, tuple) or not look or look == (False,):
        return look
    return look[2:] if isinstance(artist, Line2D) else look[1:]


def _extent(artist: Any, renderer: Any) -> tuple[float, float, float, float] | None:
    """Where on the canvas an artist draws (display pixels, origin bottom left), before padding."""
    ax = getattr(artist, "axes", None)
    if ax is not None and ax.name == "polar" and not hasattr(artist, "get_text"):
        box = ax.bbox  # a line or patch on a polar axes may bow between its points: its whole axes
    else:
        try:
            box = artist.get_window_extent(renderer)
        except Exception:  # noqa: BLE001 - an artist that cannot tell is redrawn everywhere
            return None
    x0, y0, x1, y1 = box.extents
    if not all(math.isfinite(v) for v in (x0, y0, x1, y1)):
        return None
    return x0, y0, x1, y1


def _by_zorder(artists: list) -> list:
    return sorted(artists, key=lambda a: a.get_zorder())


# --------------------------------------------------------------------------- stage ladder


class StageLadder(Chart):
    """The four stages as a staircase, the firm's step marked, each pillar score against its threshold."""

    def __init__(self, framework: Framework, lang: str = "zh", *, high_contrast: bool = False,
                 figsize: tuple[float, float] | None = None, dpi: int = DEFAULT_DPI):
        self.framework = framework
        self.lang = lang
        self.style = s = style_for(high_contrast)
        self.figure = fig = _new_figure(figsize, dpi, s)
        self.title = _title(fig, s)
        self.subtitle = _subtitle(fig, s)
        ax = self.ax = fig.add_axes((0.03, 0.04, 0.94, 0.78))
        ax.set_axis_off()
        n = len(framework.stages)
        ax.set_xlim(-0.02, n)
        ax.set_ylim(0, n + 0.9)
        width = 0.94
        wrap = 14 if lang == "en" else 10
        self.steps: list[Rectangle] = []
        self.labels = []
        self.notes = []
        for i, stage in enumerate(framework.stages):
            rect = Rectangle((i, 0), width, i + 1, linewidth=s.line * 0.7, edgecolor=s.edge)
            ax.add_patch(rect)
            self.steps.append(rect)
            self.labels.append(ax.text(i + width / 2, i + 0.93, _wrap(stage.label.get(lang), wrap), ha="center",
                                       va="top", fontsize=s.font, fontweight="bold", linespacing=1.1))
            self.notes.append(ax.text(i + width / 2, 0.1, "", ha="center", va="bottom", fontsize=s.small,
                                      linespacing=1.25))
        # marker and its word sit a fixed number of points above the current step's top
        ms = 11 + (3 if s.high_contrast else 0)
        self.marker, = ax.plot([], [], marker="v", markersize=ms, linestyle="none", color=s.current,
                               markeredgecolor=s.edge, transform=offset_copy(ax.transData, fig, y=ms / 2 + 3,
                                                                             units="points"))
        self.here = ax.text(0, 0, _w(lang, "you_are_here"), ha="center", va="bottom", fontsize=s.font,
                            fontweight="bold", color=s.text,
                            transform=offset_copy(ax.transData, fig, y=ms + 5, units="points"))
        # the steps, their names and the marker change only with the stage: they stay in the kept
        # background, one per stage shown (see Chart._variant); the pillar notes and the gap change with any answer
        self._dynamic = [*self.notes, self.subtitle]

    def update(self, result: Result) -> StageLadder:
        fw, lang, s = self.framework, self.lang, self.style
        current = result.stage.index
        self._variant = current  # the steps, their names and the marker: one kept background per stage
        self.title.set_text(_w(lang, "stage_title", stage=result.stage.label.get(lang)))
        self.subtitle.set_text(self._gap_text(result))
        thresholds = {fw.stage(t.stage).index: t for t in fw.stage_rule}
        for i, rect in enumerate(self.steps):
            if i == current:
                face, hatch, color = s.current, "", s.current_text
            elif i < current:
                face, hatch, color = s.reached, s.reached_hatch, s.text
            else:
                face, hatch, color = s.open, s.open_hatch, s.text
            rect.set_facecolor(face)
            rect.set_hatch(hatch)
            rect.set_linestyle("-" if i <= current else (0, (4, 2)))
            self.labels[i].set_color(color)
            self.notes[i].set_color(color)
            t = thresholds.get(i)
            if t is None:
                self.notes[i].set_text(_w(lang, "start"))
                continue
            score = result.pillars[t.pillar]
            ok = score >= t.min_score
            by_level = not ok and threshold_held_by_level(fw, t, result.level)
            state = (_w(lang, "met_by_level", level=result.level_label(lang)) if by_level
                     else _w(lang, "met" if ok else "not_met"))
            self.notes[i].set_text("\n".join((_w(lang, "pillar_score", v=_num(score)),
                                              _w(lang, "threshold_short", t=_num(t.min_score)), state)))
        for i, rect in enumerate(self.steps):
            # white boxes keep the texts of hatched steps readable
            box = {"facecolor": "white", "edgecolor": "none", "pad": 1.5} if rect.get_hatch() else None
            self.notes[i].set_bbox(box)
            self.labels[i].set_bbox(box)
        x = current + 0.47
        self.marker.set_data([x], [current + 1])
        self.here.set_position((x, current + 1))
        self._changed((current, tuple(result.pillars.values()), self.subtitle.get_text()))
        return self

    def _gap_text(self, result: Result) -> str:
        fw, lang = self.framework, self.lang
        if result.stage.index + 1 >= len(fw.stages):
            return _w(lang, "top_stage")
        nxt = fw.stages[result.stage.index + 1]
        gaps = [g for g in result.stage_gaps]
        if not gaps:
            return ""
        own = next((g for g in gaps if g.stage.id == nxt.id), gaps[0])
        text = _w(lang, "stage_gap", stage=nxt.label.get(lang), pillar=pillar_label(fw, own.pillar, lang),
                  n=_num(own.short), t=_num(own.required))
        others = len(gaps) - 1
        if others:
            text += _w(lang, "stage_gap_more", k=others)
        return text


def stage_ladder(framework: Framework, result: Result, lang: str = "zh", *, high_contrast: bool = False,
                 figsize: tuple[float, float] | None = None, dpi: int = DEFAULT_DPI) -> Figure:
    return StageLadder(framework, lang, high_contrast=high_contrast, figsize=figsize, dpi=dpi).update(result).figure


# --------------------------------------------------------------------------- radar


class RadarChart(Chart):
    """Dimension scores 0-100 on a radar; a previous assessment dashed underneath when given."""

    def __init__(self, framework: Framework, lang: str = "zh", *, high_contrast: bool = False,
                 figsize: tuple[float, float] | None = None, dpi: int = DEFAULT_DPI,
                 dimensions: Sequence[str] | None = None):
        import math

        self.framework = framework
        self.lang = lang
        self.style = s = style_for(high_contrast)
        # the axes: dimensions that carry points (scenes, worth no points, are not an axis)
        self.dimensions = list(dimensions) if dimensions is not None else [
            d for d in framework.dimensions if (framework.sections[d].max_points or 0) > 0
            or any(q.max_points > 0 for q in framework.questions if framework.dimension_of.get(q.id) == d)]
        self.figure = fig = _new_figure(figsize, dpi, s)
        self.title = _title(fig, s)
        self.title.set_text(_w(lang, "radar_title"))
        ax = cast(PolarAxes, fig.add_axes((0.2, 0.17, 0.6, 0.62), projection="polar"))  # a polar projection's axes
        self.ax = ax
        n = max(len(self.dimensions), 1)
        self.angles = [2 * math.pi * i / n for i in range(n)]
        ax.set_theta_offset(math.pi / 2)
        ax.set_theta_direction(-1)
        ax.set_ylim(0, 100)
        ax.set_yticks([20, 40, 60, 80, 100])
        ax.set_yticklabels(["20", "40", "60", "80", "100"], fontsize=s.small - 0.5, color="#555555")
        ax.set_rlabel_position(180 / n)
        ax.set_xticks(self.angles)
        wrap = 16 if lang == "en" else 12
        ax.set_xticklabels([_wrap(framework.sections[d].title.get(lang), wrap) for d in self.dimensions],
                           fontsize=s.font, color=s.text)
        ax.tick_params(axis="x", pad=8 if len(self.dimensions) > 3 else 12)
        ax.grid(color=s.grid, linewidth=0.8)
        ax.spines["polar"].set_color(s.grid)
        self.prev_line, = ax.plot([], [], linestyle=(0, (5, 3)), linewidth=s.line, color=s.previous, marker="s",
                                  markersize=5, markerfacecolor="white", markeredgecolor=s.previous,
                                  label=_w(lang, "previous"), zorder=3)
        self.fill = ax.fill([0] * n, [0] * n, color=s.current, alpha=0.0 if s.high_contrast else 0.18,
                            hatch="..." if s.high_contrast else None, fill=not s.high_contrast, linewidth=0,
                            zorder=2.6)[0]  # over the grid and the rim, as draw_fast paints it over the kept background
        self.line, = ax.plot([], [], linestyle="-", linewidth=s.line, color=s.current, marker="o", markersize=6,
                             label=_w(lang, "this"), zorder=4)
        self.values = [ax.annotate("", (a, 0), xytext=(0, 0), textcoords="offset points", ha="center",
                                   va="center", fontsize=s.small, fontweight="bold", color=s.text, zorder=5,
                                   bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6, "alpha": 0.85})
                       for a in self.angles]
        self.legend: Legend | None = None
        self._dynamic = _by_zorder([self.prev_line, self.fill, self.line, *self.values])

    def update(self, result: Result, previous: Result | None = None) -> RadarChart:
        now = [float(result.sections[d].score) if d in result.sections else 0.0 for d in self.dimensions]
        closed_a = self.angles + self.angles[:1]
        self.line.set_data(closed_a, now + now[:1])
        self.fill.set_xy(list(zip(closed_a, now + now[:1], strict=True)))
        import math

        for a, v, t in zip(self.angles, now, self.values, strict=True):
            # a fixed distance outside the vertex; near the rim, inside it so it never meets the axis title
            d = (15 if v <= 80 else -15) * (1.25 if self.style.high_contrast else 1)
            t.xy = (a, v)
            t.set_position((d * math.sin(a), d * math.cos(a)))
            t.set_text(_num(v))
        old = None
        if previous is not None:
            old = [float(previous.sections[d].score) if d in previous.sections else 0.0 for d in self.dimensions]
            self.prev_line.set_data(closed_a, old + old[:1])
            self.prev_line.set_visible(True)
        else:
            self.prev_line.set_data([], [])
            self.prev_line.set_visible(False)
        self._changed((tuple(now), tuple(old) if old else None))
        handles = [self.line] + ([self.prev_line] if previous is not None else [])
        if self.legend is None or len(self.legend.legend_handles) != len(handles):
            if self.legend is not None:
                self.legend.remove()
            self.legend = self.figure.legend(handles=handles, loc="lower center", ncols=2, frameon=False,
                                             fontsize=self.style.small, bbox_to_anchor=(0.5, 0.0))
            self._structure_changed = True  # the legend is in the kept background
        return self


def radar(framework: Framework, result: Result, previous: Result | None = None, lang: str = "zh", *,
          high_contrast: bool = False, figsize: tuple[float, float] | None = None,
          dpi: int = DEFAULT_DPI) -> Figure:
    return RadarChart(framework, lang, high_contrast=high_contrast, figsize=figsize,
                      dpi=dpi).update(result, previous).figure


# --------------------------------------------------------------------------- scene heat map


class SceneHeatmap(Chart):
    """Scenes (rows, grouped, mandatory ★) by level 0-4 (columns); the firm's level filled and labelled.

    The cells are one ``PatchCollection`` (gid ``scene-cells``, row-major: scene by scene in the
    framework's order, levels 0-4); ``states[(question id, level)]`` is ``current``, ``below`` (a lower
    level the firm also meets) or ``open``. Each answered scene's cell at its level carries a text with
    the level's name; lower levels are lighter and crossed by a line leading up to it, so the chart
    reads in grey as well.
    """

    def __init__(self, framework: Framework, lang: str = "zh", *, high_contrast: bool = False,
                 figsize: tuple[float, float] | None = None, dpi: int = DEFAULT_DPI):
        from matplotlib.collections import PatchCollection

        self.framework = framework
        self.lang = lang
        self.style = s = style_for(high_contrast)
        self.scenes = framework.scenes
        if not self.scenes:
            raise ValueError(f"framework {framework.id!r} has no scene questions")
        rows: list[tuple[str, object]] = []
        group = None
        for q in self.scenes:
            gid = q.group.id if q.group else None
            if gid != group and q.group is not None:
                rows.append(("group", q.group.title.get(lang)))
            group = gid
            rows.append(("scene", q))
        self.rows = rows
        nrows = len(rows)
        if figsize is None:
            figsize = (6.0 if lang == "en" else 5.4, max(4.0, 1.55 + 0.24 * (nrows + 1)))
        self.figure = fig = _new_figure(figsize, dpi, s)
        height = figsize[1]
        top_pad, bottom_pad = 0.95 / height, 0.5 / height  # inches of title above and legend below
        left = 0.42 if lang == "en" else 0.3
        ax = self.ax = fig.add_axes((left, bottom_pad, 0.96 - left, 1 - top_pad - bottom_pad))
        self.title = _title(fig, s)
        dim = framework.dimension_of.get(self.scenes[0].id)
        self.title.set_text(framework.sections[dim].title.get(lang) if dim else "")
        self.subtitle = _subtitle(fig, s, y=1 - 0.42 / height)
        ax.set_xlim(-0.5, 4.5)
        ax.set_ylim(nrows + 0.5, -0.5)  # the extra row holds the counts
        for sp in ax.spines.values():
            sp.set_visible(False)
        ax.xaxis.tick_top()
        ax.set_xticks(list(SCENE_LEVELS))
        ax.set_xticklabels([_w(lang, "scene_level", n=n) for n in SCENE_LEVELS], fontsize=s.font)
        ax.tick_params(length=0, pad=3)
        self.row_of: dict[str, int] = {}
        labels = []
        for i, (kind, item) in enumerate(rows):
            if kind == "scene":
                assert isinstance(item, Question)
                self.row_of[item.id] = i
                labels.append(("★ " if item.mandatory else "") + scene_name(item, lang))
        ax.set_yticks(list(self.row_of.values()) + [nrows])
        ax.set_yticklabels(labels + [_w(lang, "count_row")], fontsize=s.small)
        left_edge = blended_transform_factory(fig.transFigure, ax.transData)
        for i, (kind, item) in enumerate(rows):
            if kind == "group":
                ax.text(0.02, i + 0.1, str(item), transform=left_edge, ha="left", va="center", fontsize=s.small,
                        fontweight="bold", color=s.text)
                ax.axhline(i + 0.45, color=s.edge, linewidth=0.6)
        ax.axhline(nrows - 0.5, color=s.edge, linewidth=0.6)

        self.index: dict[tuple[str, int], int] = {}
        self._rects: list[Rectangle] = []
        for q in self.scenes:
            i = self.row_of[q.id]
            for lv in SCENE_LEVELS:
                self.index[(q.id, lv)] = len(self._rects)
                self._rects.append(Rectangle((lv - 0.46, i - 0.42), 0.92, 0.84))
        self.states: dict[tuple[str, int], str] = dict.fromkeys(self.index, "open")
        self.cells = PatchCollection(self._rects, facecolors=s.open, edgecolors=s.grid, linewidths=0.6, zorder=2)
        self.cells.set_gid("scene-cells")
        ax.add_collection(self.cells, autolim=False)
        # lower levels met also carry a line through them, leading up to the current cell (one artist:
        # hatching each cell would cost ten times the drawing time)
        track_style: dict[str, Any] = {"color": s.edge if s.high_contrast else "#3D6A99", "linewidth": 2.4 if s.high_contrast else 1.6,
                       "solid_capstyle": "butt"}
        self.track = Line2D([], [], zorder=2.1, **track_style)
        ax.add_line(self.track)
        self.level_text = {q.id: ax.text(0, self.row_of[q.id], "", ha="center", va="center", fontsize=s.small,
                                         fontweight="bold", color=s.current_text, zorder=3) for q in self.scenes}
        self.row_note = {q.id: ax.text(2, self.row_of[q.id], "", ha="center", va="center", fontsize=s.small,
                                       color=s.text, zorder=3, visible=False,  # no italic: CJK fonts have none
                                       bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
                         for q in self.scenes}
        self.counts = [ax.text(lv, nrows, "", ha="center", va="center", fontsize=s.small, color=s.text)
                       for lv in SCENE_LEVELS]
        self.need_mark = Rectangle((0, 0), 0, 1, transform=blended_transform_factory(ax.transData, ax.transAxes),
                                   fill=False, edgecolor=s.edge, linewidth=s.line, linestyle=(0, (4, 2)),
                                   visible=False, clip_on=False, zorder=5)
        ax.add_patch(self.need_mark)
        handles: list[Any] = [Patch(facecolor=s.current, edgecolor=s.edge, label=_w(lang, "current_cell")),
                              (Patch(facecolor=s.reached, edgecolor=s.edge), Line2D([], [], **track_style)),
                              Line2D([], [], linestyle="none")]  # Any: a tuple is a handle HandlerTuple draws
        fig.legend(handles=handles,
                   labels=[_w(lang, "current_cell"), _w(lang, "below_cell"), _w(lang, "mandatory")],
                   handler_map={tuple: HandlerTuple(ndivide=1)},
                   loc="lower center", ncols=3, frameon=False, fontsize=s.small, bbox_to_anchor=(0.5, 0.005),
                   handlelength=1.6, columnspacing=1.2)
        self._dynamic = _by_zorder([self.cells, self.track, *self.level_text.values(), *self.row_note.values(),
                                    *self.counts, self.need_mark, self.subtitle])

    def update(self, result: Result) -> SceneHeatmap:
        s, lang = self.style, self.lang
        counts = [0] * 5
        mand = [0] * 5
        colours = {"current": s.current, "below": s.reached, "open": s.open}
        shown: list[tuple[str, int | None]] = []
        track_x: list[float] = []
        track_y: list[float] = []
        for q in self.scenes:
            qr = result.questions.get(q.id)
            note, label = self.row_note[q.id], self.level_text[q.id]
            if qr is None or not qr.applicable or not qr.answered:
                level = None
                note.set_text(_w(lang, "unanswered" if qr is not None and not qr.na else "not_applicable"))
                note.set_visible(True)
                label.set_text("")
            else:
                level = qr.level or 0
                for lv in range(1, level + 1):
                    counts[lv] += 1
                    mand[lv] += q.mandatory
                note.set_visible(False)
                label.set_position((level, self.row_of[q.id]))
                label.set_text(_w(lang, "scene_level", n=level))
                if level > 0:
                    row = self.row_of[q.id]
                    track_x += [-0.46, level - 0.46, float("nan")]
                    track_y += [row, row, float("nan")]
            shown.append((q.id, level))
            for lv in SCENE_LEVELS:
                self.states[(q.id, lv)] = ("open" if level is None or lv > level else
                                           "current" if lv == level else "below")
        self.cells.set_facecolor([colours[self.states[key]] for key in self.index])
        self.track.set_data(track_x, track_y)
        for lv, t in enumerate(self.counts):
            t.set_text("" if lv == 0 else f"{counts[lv]} ({mand[lv]}★)")
        self._update_need(result)
        self._changed((tuple(shown), self.subtitle.get_text()))
        return self

    def _update_need(self, result: Result) -> None:
        lang = self.lang
        gap = result.level_gap
        by_kind = {c.kind: c for c in gap.conditions} if gap is not None else {}
        scenes, mandatory = by_kind.get("scenes"), by_kind.get("mandatory")
        if gap is None or scenes is None:
            top = result.level is not None and self.framework.level_by_index(result.level_index + 1) is None
            self.subtitle.set_text(_w(lang, "scene_top") if top else "")
            self.need_mark.set_visible(False)
            return
        k = scenes.scene_level
        self.subtitle.set_text(_w(lang, "scene_need", level=gap.level.label.get(lang), n=int(scenes.required),
                                  k=k, have=int(scenes.actual),
                                  m=int(mandatory.required) if mandatory else 0,
                                  have_m=int(mandatory.actual) if mandatory else 0))
        # a dashed frame round the columns the next level asks for
        self.need_mark.set_x(k - 0.5)
        self.need_mark.set_width(4.5 - (k - 0.5))
        self.need_mark.set_visible(True)


def scene_heatmap(framework: Framework, result: Result, lang: str = "zh", *, high_contrast: bool = False,
                  figsize: tuple[float, float] | None = None, dpi: int = DEFAULT_DPI) -> Figure | None:
    """The scene heat map, or None for a framework without scene questions."""
    if not framework.scenes:
        return None
    return SceneHeatmap(framework, lang, high_contrast=high_contrast, figsize=figsize,
                        dpi=dpi).update(result).figure


# --------------------------------------------------------------------------- score history


HistoryPoint = tuple[str, float, int]  # (ISO date, total score 0-100, level index)


def score_gates(framework: Framework, lang: str) -> list[tuple[float, str]]:
    """(score, label) of each level's minimum total score, lowest first: the score part of a gated rule."""
    out = []
    for c in sorted(framework.level_rule.conditions, key=lambda c: c.min_score):
        out.append((float(c.min_score), _w(lang, "gate", level=framework.level(c.level).label.get(lang),
                                           t=_num(c.min_score).removesuffix(".0"))))
    return out


def level_bands(framework: Framework, lang: str) -> list[tuple[float, float, str]]:
    """(low, high, label) score bands: below the first level's minimum, then one per level up to 100."""
    mins = {c.level: float(c.min_score) for c in framework.level_rule.conditions}
    levels = sorted(framework.levels, key=lambda lv: lv.index)
    edges = [mins.get(lv.id, 0.0) for lv in levels]
    out = []
    if edges and edges[0] > 0:
        out.append((0.0, edges[0], framework.level_rule.no_level_label.get(lang)))
    for i, lv in enumerate(levels):
        hi = edges[i + 1] if i + 1 < len(edges) else 100.0
        out.append((edges[i], hi, lv.label.get(lang)))
    return out


class ScoreHistory(Chart):
    """Total score over time over the level bands (score thresholds of each level, from the framework)."""

    def __init__(self, lang: str = "zh", *, framework: Framework | None = None, high_contrast: bool = False,
                 figsize: tuple[float, float] | None = None, dpi: int = DEFAULT_DPI):
        self.framework = framework
        self.lang = lang
        self.style = s = style_for(high_contrast)
        self.figure = fig = _new_figure(figsize, dpi, s)
        self.title = _title(fig, s)
        self.title.set_text(_w(lang, "history_title"))
        ax = self.ax = fig.add_axes((0.13, 0.13, 0.62, 0.72))
        ax.set_ylim(0, 100)
        ax.set_ylabel(_w(lang, "history_y"), fontsize=s.font)
        ax.tick_params(labelsize=s.small)
        ax.spines[["top", "right"]].set_visible(False)
        label_x = blended_transform_factory(ax.transAxes, ax.transData)
        gated = framework is not None and framework.level_rule.kind == "gated"
        for t, text in score_gates(framework, lang) if gated and framework else []:
            ax.axhline(t, color=s.grid, linewidth=0.8, linestyle=(0, (3, 2)), zorder=1)
            ax.text(1.02, t, text, transform=label_x, ha="left", va="center", fontsize=s.small, color=s.text)
        if gated:
            _subtitle(fig, s).set_text(_wrap(_w(lang, "gates_note"), 80 if lang == "en" else 45))
        for i, (lo, hi, text) in enumerate(level_bands(framework, lang) if framework and not gated else []):
            ax.axhspan(lo, hi, facecolor=s.band[i % 2], edgecolor="none", zorder=0)
            if lo > 0:
                ax.axhline(lo, color=s.grid, linewidth=0.8, linestyle=(0, (3, 2)), zorder=1)
            ax.text(1.02, (lo + hi) / 2, _wrap(text, 14 if lang == "en" else 10), transform=label_x, ha="left",
                    va="center", fontsize=s.small, color=s.text)
        self.line, = ax.plot([], [], linestyle="-", linewidth=s.line, color=s.current, marker="o", markersize=6,
                             zorder=3)
        self.point_labels: list = []
        self.empty = ax.text(0.5, 0.5, _w(lang, "no_history"), transform=ax.transAxes, ha="center", va="center",
                             fontsize=s.font, color=s.text, visible=False)

    def _level_text(self, index: int) -> str:
        fw = self.framework
        if fw is None:
            return str(index)
        lv = fw.level_by_index(index)
        return lv.label.get(self.lang) if lv else fw.level_rule.no_level_label.get(self.lang)

    def update(self, points: Sequence[HistoryPoint]) -> ScoreHistory:
        ax, s = self.ax, self.style
        pts = sorted(((_dt.date.fromisoformat(str(d)[:10]), float(v), int(lv)) for d, v, lv in points),
                     key=lambda p: p[0])
        for t in self.point_labels:
            t.remove()
        self.point_labels = []
        self.empty.set_visible(not pts)
        self._changed(tuple(pts))
        if not pts:
            self.line.set_data([], [])
            ax.set_xticks([])
            return self
        xs = [p[0].toordinal() for p in pts]
        ys = [p[1] for p in pts]
        self.line.set_data(xs, ys)
        span = max(xs[-1] - xs[0], 1)
        pad = max(span * 0.08, 20)
        ax.set_xlim(xs[0] - pad, xs[-1] + pad)
        if len(pts) <= 8:
            ticks = xs
        else:  # every second or third, always the last
            step = -(-len(pts) // 6)
            ticks = xs[::-1][::step][::-1]
        ax.set_xticks(ticks)
        ax.set_xticklabels([_dt.date.fromordinal(x).isoformat() for x in ticks], rotation=30, ha="right",
                           fontsize=s.small)
        for x, y, (_, _, lv) in zip(xs, ys, pts, strict=True):
            above = y < 88
            self.point_labels.append(ax.annotate(
                f"{_num(y)}\n{self._level_text(lv)}" if self.framework else _num(y), (x, y),
                xytext=(0, 7 if above else -7), textcoords="offset points", ha="center",
                va="bottom" if above else "top", fontsize=s.small - 0.5, color=s.text, linespacing=1.25,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.8, "alpha": 0.8}))
        return self


def score_history(points: Sequence[HistoryPoint], lang: str = "zh", *, framework: Framework | None = None,
                  high_contrast: bool = False, figsize: tuple[float, float] | None = None,
                  dpi: int = DEFAULT_DPI) -> Figure:
    """``points``: (ISO date, total score, level index). ``framework`` gives the level bands and labels."""
    return ScoreHistory(lang, framework=framework, high_contrast=high_contrast, figsize=figsize,
                        dpi=dpi).update(points).figure


# --------------------------------------------------------------------------- pillar bars


class PillarBars(Chart):
    """Cloud, data and intelligence scores as bars, each with its stage threshold drawn across it."""

    def __init__(self, framework: Framework, lang: str = "zh", *, high_contrast: bool = False,
                 figsize: tuple[float, float] | None = None, dpi: int = DEFAULT_DPI):
        self.framework = framework
        self.lang = lang
        self.style = s = style_for(high_contrast)
        self.thresholds = list(framework.stage_rule)
        self.figure = fig = _new_figure(figsize, dpi, s)
        self.title = _title(fig, s)
        self.title.set_text(_w(lang, "pillar_title"))
        left = 0.3 if lang == "en" else 0.17
        ax = self.ax = fig.add_axes((left, 0.25, 0.93 - left, 0.6))
        n = len(self.thresholds)
        ax.set_xlim(0, 100)
        ax.set_ylim(n - 0.4, -0.6)
        ax.set_yticks(range(n))
        ax.set_yticklabels([_wrap(pillar_label(framework, t.pillar, lang), 14 if lang == "en" else 10)
                            for t in self.thresholds], fontsize=s.font)
        ax.set_xticks([0, 20, 40, 60, 80, 100])
        ax.tick_params(labelsize=s.small)
        ax.set_xlabel(_w(lang, "pillar_x"), fontsize=s.small)
        ax.spines[["top", "right"]].set_visible(False)
        ax.grid(axis="x", color=s.grid, linewidth=0.6)
        ax.set_axisbelow(True)
        self.bars = [Rectangle((0, i - 0.25), 0, 0.5, edgecolor=s.edge, linewidth=s.line * 0.6)
                     for i in range(n)]
        for b in self.bars:
            ax.add_patch(b)
        self.values = [ax.text(0, i, "", ha="left", va="center", fontsize=s.small, fontweight="bold",
                               color=s.text) for i in range(n)]
        marks = []
        for i, t in enumerate(self.thresholds):
            x = float(t.min_score)
            # a white halo keeps the mark visible over a dark bar
            marks += ax.plot([x, x], [i - 0.33, i + 0.33], color=s.edge, linewidth=s.line * 1.4, solid_capstyle="butt",
                    zorder=4, path_effects=[withStroke(linewidth=s.line * 1.4 + 2.5, foreground="white")])
            ax.text(x, i - 0.35, _w(lang, "threshold", t=_num(t.min_score)), ha="center", va="bottom",
                    fontsize=s.small - 0.5, color=s.text)
        fig.legend(handles=[Patch(facecolor=s.current, edgecolor=s.edge, label=_w(lang, "pillar_met")),
                            Patch(facecolor=s.reached, edgecolor=s.edge, hatch=s.open_hatch,
                                  label=_w(lang, "pillar_short")),
                            Line2D([], [], color=s.edge, linewidth=s.line * 1.4, marker="|", linestyle="none",
                                   markersize=12, label=_w(lang, "threshold", t="").strip())],
                   loc="lower center", ncols=3, frameon=False, fontsize=s.small, bbox_to_anchor=(0.5, 0.0))
        # the left spine is drawn over the bars' ends, as in a full draw
        self._dynamic = _by_zorder([*self.bars, *marks, *self.values, ax.spines["left"]])

    def update(self, result: Result) -> PillarBars:
        s = self.style
        for i, t in enumerate(self.thresholds):
            v = float(result.pillars[t.pillar])
            ok = result.pillars[t.pillar] >= t.min_score
            bar = self.bars[i]
            bar.set_width(v)
            bar.set_facecolor(s.current if ok else s.reached)
            bar.set_hatch("" if ok else s.open_hatch)
            sign = "≥" if ok else "<"
            text = self.values[i]
            text.set_text(f"{_num(v)} {sign} {_num(t.min_score)}")
            # outside the bar when there is room, else inside in the bar's text colour
            thr = float(t.min_score)
            if v <= 78:
                # after the bar, or after the threshold mark when that is just beyond the bar's end
                text.set_position(((thr if v < thr < v + 25 else v) + 1.5, i))
                text.set_horizontalalignment("left")
                text.set_color(s.text)
                text.set_bbox(None)
            else:
                text.set_position((v - 1.5, i))
                text.set_horizontalalignment("right")
                text.set_color(s.current_text if ok else s.text)
                text.set_bbox(None if ok else {"facecolor": "white", "edgecolor": "none", "pad": 1})
        self._changed(tuple(result.pillars[t.pillar] for t in self.thresholds))
        return self


def pillar_bars(framework: Framework, result: Result, lang: str = "zh", *, high_contrast: bool = False,
                figsize: tuple[float, float] | None = None, dpi: int = DEFAULT_DPI) -> Figure:
    return PillarBars(framework, lang, high_contrast=high_contrast, figsize=figsize, dpi=dpi).update(result).figure


# --------------------------------------------------------------------------- level gauge


class LevelGauge(Chart):
    """The total score on a 0-100 scale cut into the levels' score thresholds, the firm's level named."""

    def __init__(self, framework: Framework, lang: str = "zh", *, high_contrast: bool = False,
                 figsize: tuple[float, float] | None = None, dpi: int = DEFAULT_DPI):
        self.framework = framework
        self.lang = lang
        self.style = s = style_for(high_contrast)
        self.figure = fig = _new_figure(figsize or (5.0, 1.9), dpi, s)
        self.title = _title(fig, s)
        ax = self.ax = fig.add_axes((0.05, 0.3, 0.9, 0.3))
        ax.set_xlim(0, 100)
        ax.set_ylim(0, 1)
        ax.set_yticks([])
        ax.tick_params(labelsize=s.small)
        ax.set_xticks([0, 20, 40, 60, 80, 100])
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        if framework.level_rule.kind == "gated":
            # a gated level is not a band of the score: the track shows the score, with each level's score gate
            ax.add_patch(Rectangle((0, 0), 100, 1, facecolor=s.band[0], edgecolor=s.edge, linewidth=0.6))
            for t, text in score_gates(framework, lang):
                ax.plot([t, t], [0, 1], color=s.edge, linewidth=s.line, linestyle=(0, (3, 2)))
                ax.text(t + 0.8, 0.5, text, ha="left", va="center", fontsize=s.small - 1, color=s.text)
            fig.text(0.05, 0.02, _wrap(_w(lang, "gates_note"), 70 if lang == "en" else 40), ha="left",
                     va="bottom", fontsize=s.small - 1, color=s.text)
        else:
            for i, (lo, hi, text) in enumerate(level_bands(framework, lang)):
                ax.add_patch(Rectangle((lo, 0), hi - lo, 1, facecolor=s.band[i % 2], edgecolor=s.edge,
                                       linewidth=0.6))
                ax.text((lo + hi) / 2, 0.5, text, ha="center", va="center", fontsize=s.small, color=s.text)
        self.marker, = ax.plot([], [], marker="v", markersize=12, linestyle="none", color=s.current,
                               markeredgecolor=s.edge, clip_on=False)
        self.value = ax.text(0, 1.55, "", ha="center", va="bottom", fontsize=s.font, fontweight="bold",
                             color=s.text, clip_on=False)
        ax.set_xlabel(_w(lang, "gauge_x"), fontsize=s.small)
        self._dynamic = [self.title, self.marker, self.value]

    def update(self, result: Result) -> LevelGauge:
        v = float(result.total_score)
        self.title.set_text(_w(self.lang, "gauge_title", level=result.level_label(self.lang)))
        self.marker.set_data([v], [1.22])
        self.value.set_position((v, 1.45))
        self.value.set_text(_num(v))
        self._changed((result.total_score, result.level_index))
        return self


def level_gauge(framework: Framework, result: Result, lang: str = "zh", *, high_contrast: bool = False,
                figsize: tuple[float, float] | None = None, dpi: int = DEFAULT_DPI) -> Figure:
    return LevelGauge(framework, lang, high_contrast=high_contrast, figsize=figsize, dpi=dpi).update(result).figure


# --------------------------------------------------------------------------- the dashboard


class Dashboard:
    """The dashboard's charts, kept alive so an answer change only updates and redraws them."""

    def __init__(self, framework: Framework, lang: str = "zh", *, high_contrast: bool = False):
        self.ladder = StageLadder(framework, lang, high_contrast=high_contrast)
        self.radar = RadarChart(framework, lang, high_contrast=high_contrast)
        self.pillars = PillarBars(framework, lang, high_contrast=high_contrast)
        self.gauge = LevelGauge(framework, lang, high_contrast=high_contrast)
        self.scenes = SceneHeatmap(framework, lang, high_contrast=high_contrast) if framework.scenes else None

    @property
    def charts(self) -> list[Chart]:
        return [c for c in (self.ladder, self.radar, self.pillars, self.gauge, self.scenes) if c is not None]

    def update(self, result: Result, previous: Result | None = None) -> Dashboard:
        self.ladder.update(result)
        self.radar.update(result, previous)
        self.pillars.update(result)
        self.gauge.update(result)
        if self.scenes is not None:
            self.scenes.update(result)
        return self

    def draw_fast(self, force: bool = False) -> int:
        """Redraw the charts whose values changed (see ``Chart.draw_fast``); returns how many were drawn."""
        return sum(chart.draw_fast(force) for chart in self.charts)



# --------------------------------------------------------------------------- regional overview
#
# The charts of the aggregation's summary workbook, for the office view: firms per level in
# each group as stacked bars, the distribution of total scores, and the mean pillar scores.
# They take plain numbers (the aggregation's tables) and names, so the charts still know
# nothing of the aggregation. Levels differ by hatch as well as by shade, and every
# segment wide enough carries its count.

WORDS["zh"].update({
    "levels_by.industry": "各行业等级分布",
    "levels_by.size": "各规模企业等级分布",
    "levels_by.region": "各地区等级分布",
    "levels_by.framework": "各评测体系等级分布",
    "firms_x": "企业数",
    "other_groups": "其他（{n} 组）",
    "no_firms": "没有可用的评测",
    "histogram_title": "总分分布",
    "histogram_x": "总分",
    "histogram_y": "企业数",
    "pillar_means_title": "上云、用数、赋智平均分",
    "pillar_means_x": "平均分（0–100）",
})
WORDS["en"].update({
    "levels_by.industry": "Levels by industry",
    "levels_by.size": "Levels by size class",
    "levels_by.region": "Levels by region",
    "levels_by.framework": "Levels by framework",
    "firms_x": "Firms",
    "other_groups": "Other ({n} groups)",
    "no_firms": "No usable assessment",
    "histogram_title": "Distribution of total scores",
    "histogram_x": "Total score",
    "histogram_y": "Firms",
    "pillar_means_title": "Mean cloud, data and intelligence scores",
    "pillar_means_x": "Mean score (0–100)",
})

# (face, hatch, text colour) per level index, 0 (no level yet) first: neighbours differ in pattern as
# well as in shade (a hatch is drawn in the edge colour, so hatched faces stay light)
_LEVEL_LOOKS = {
    False: (("white", "///", "#222222"), ("#DCE9F5", "", "#222222"), ("#9FC5E8", "..", "#222222"),
            ("#6FA8DC", "\\\\", "#222222"), ("#0B5394", "", "white")),
    True: (("white", "///", "black"), ("#EEEEEE", "", "black"), ("#BBBBBB", "...", "black"),
           ("#888888", "\\\\", "black"), ("black", "", "white")),
}


def level_look(index: int, high_contrast: bool = False) -> tuple[str, str, str]:
    """(face colour, hatch, text colour) of a level's bar segment; beyond the fifth, the last one's."""
    looks = _LEVEL_LOOKS[high_contrast]
    return looks[min(max(index, 0), len(looks) - 1)]


def _whole_numbers(axis, bins: int = 6) -> None:
    """Ticks at whole numbers only: the axis counts firms."""
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(integer=True, nbins=bins))


class LevelsByGroup(Chart):
    """Firms per level in each group (industry, size class, region) as horizontal stacked bars.

    The first group is drawn on top, as in the table; groups beyond ``max_rows`` are added
    together into one last row ("other").
    """

    MAX_ROWS = 12

    def __init__(self, lang: str = "zh", *, high_contrast: bool = False, max_rows: int = MAX_ROWS,
                 figsize: tuple[float, float] | None = None, dpi: int = DEFAULT_DPI):
        self.lang = lang
        self.max_rows = max_rows
        self.style = s = style_for(high_contrast)
        self.figure = fig = _new_figure(figsize or (6.4, 4.6), dpi, s)
        self.title = _title(fig, s)
        self.ax = fig.add_axes((0.3, 0.2, 0.65, 0.67))
        self.legend: Legend | None = None

    def update(self, groups: Sequence[tuple[str, Sequence[int]]], level_names: Sequence[str],
               by: str = "industry") -> LevelsByGroup:
        """``groups``: (name, firms per level index 0 …); ``by``: industry, size, region or framework."""
        ax, s, lang = self.ax, self.style, self.lang
        ax.clear()
        if self.legend is not None:
            self.legend.remove()
            self.legend = None
        self._structure_changed = True
        self.title.set_text(_w(lang, f"levels_by.{by}"))
        rows = [(name, list(counts)) for name, counts in groups]
        if len(rows) > self.max_rows:
            rest = rows[self.max_rows - 1:]
            width = max(len(c) for _, c in rest)
            summed = [sum(c[i] for _, c in rest if i < len(c)) for i in range(width)]
            rows = rows[:self.max_rows - 1] + [(_w(lang, "other_groups", n=len(rest)), summed)]
        n_levels = max([len(level_names)] + [len(c) for _, c in rows])
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(labelsize=s.small)
        if not rows or not any(sum(c) for _, c in rows):
            ax.set_axis_off()
            ax.text(0.5, 0.5, _w(lang, "no_firms"), transform=ax.transAxes, ha="center", va="center",
                    fontsize=s.font, color=s.text)
            self._changed(("empty", by))
            return self
        widest = max(sum(c) for _, c in rows)
        ax.set_xlim(0, widest * 1.04)
        ax.set_ylim(len(rows) - 0.5, -0.5)
        ax.set_yticks(range(len(rows)))
        ax.set_yticklabels([_wrap(name, 26 if lang == "en" else 20) for name, _ in rows], fontsize=s.small,
                           linespacing=1.0)
        ax.set_xlabel(_w(lang, "firms_x"), fontsize=s.small)
        ax.grid(axis="x", color=s.grid, linewidth=0.6)
        ax.set_axisbelow(True)
        _whole_numbers(ax.xaxis)
        left = [0] * len(rows)
        handles = []
        for level in range(n_levels):
            face, hatch, text_colour = level_look(level, s.high_contrast)
            widths = [c[level] if level < len(c) else 0 for _, c in rows]
            ax.barh(range(len(rows)), widths, left=left, height=0.62, color=face, hatch=hatch, edgecolor=s.edge,
                    linewidth=s.line * 0.45)
            for row, (x0, w) in enumerate(zip(left, widths, strict=True)):
                if w and w / (widest * 1.04) >= 0.045:
                    # on a hatch, the count sits in a small white box
                    ax.text(x0 + w / 2, row, str(w), ha="center", va="center", fontsize=s.small,
                            color=s.text if hatch else text_colour,
                            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.5} if hatch else None)
            name = level_names[level] if level < len(level_names) else str(level)
            handles.append(Patch(facecolor=face, hatch=hatch, edgecolor=s.edge, label=name))
            left = [a + b for a, b in zip(left, widths, strict=True)]
        self.legend = self.figure.legend(handles=handles, loc="lower center", ncols=min(len(handles), 5),
                                         frameon=False, fontsize=s.small, bbox_to_anchor=(0.5, 0.0))
        self._changed((tuple((n, tuple(c)) for n, c in rows), tuple(level_names), by))
        return self


def levels_by_group(groups: Sequence[tuple[str, Sequence[int]]], level_names: Sequence[str], lang: str = "zh", *,
                    by: str = "industry", high_contrast: bool = False, figsize: tuple[float, float] | None = None,
                    dpi: int = DEFAULT_DPI) -> Figure:
    return LevelsByGroup(lang, high_contrast=high_contrast, figsize=figsize, dpi=dpi).update(
        groups, level_names, by).figure


class ScoreDistribution(Chart):
    """Firms per band of 10 points of the total score (the last band 90-100 inclusive), counts on the bars."""

    def __init__(self, lang: str = "zh", *, high_contrast: bool = False,
                 figsize: tuple[float, float] | None = None, dpi: int = DEFAULT_DPI):
        self.lang = lang
        self.style = s = style_for(high_contrast)
        self.figure = fig = _new_figure(figsize or (5.0, 3.6), dpi, s)
        self.title = _title(fig, s)
        self.title.set_text(_w(lang, "histogram_title"))
        self.ax = fig.add_axes((0.12, 0.17, 0.84, 0.68))

    def update(self, histogram: Sequence[int]) -> ScoreDistribution:
        ax, s, lang = self.ax, self.style, self.lang
        ax.clear()
        self._structure_changed = True
        counts = [int(n) for n in histogram]
        band = 100 / max(len(counts), 1)
        ax.bar([band * (i + 0.5) for i in range(len(counts))], counts, width=band * 0.9, color=s.reached,
               edgecolor=s.edge, linewidth=s.line * 0.45, hatch=s.reached_hatch)
        top = max(counts, default=0)
        for i, n in enumerate(counts):
            if n:
                ax.text(band * (i + 0.5), n, str(n), ha="center", va="bottom", fontsize=s.small, color=s.text)
        ax.set_xlim(0, 100)
        ax.set_ylim(0, max(1, top) * 1.18)
        ax.set_xticks([band * i for i in range(len(counts) + 1)])
        ax.tick_params(labelsize=s.small)
        _whole_numbers(ax.yaxis, 5)
        ax.set_xlabel(_w(lang, "histogram_x"), fontsize=s.small)
        ax.set_ylabel(_w(lang, "histogram_y"), fontsize=s.small)
        ax.spines[["top", "right"]].set_visible(False)
        ax.grid(axis="y", color=s.grid, linewidth=0.6)
        ax.set_axisbelow(True)
        if not top:
            ax.text(0.5, 0.5, _w(lang, "no_firms"), transform=ax.transAxes, ha="center", va="center",
                    fontsize=s.font, color=s.text)
        self._changed(tuple(counts))
        return self


def score_distribution(histogram: Sequence[int], lang: str = "zh", *, high_contrast: bool = False,
                       figsize: tuple[float, float] | None = None, dpi: int = DEFAULT_DPI) -> Figure:
    return ScoreDistribution(lang, high_contrast=high_contrast, figsize=figsize, dpi=dpi).update(histogram).figure


class PillarMeans(Chart):
    """The mean cloud, data and intelligence pillar scores (0-100) as bars, each with its value written."""

    def __init__(self, lang: str = "zh", *, high_contrast: bool = False,
                 figsize: tuple[float, float] | None = None, dpi: int = DEFAULT_DPI):
        self.lang = lang
        self.style = s = style_for(high_contrast)
        self.figure = fig = _new_figure(figsize or (5.0, 3.0), dpi, s)
        self.title = _title(fig, s)
        self.title.set_text(_w(lang, "pillar_means_title"))
        left = 0.26 if lang == "en" else 0.17
        self.ax = fig.add_axes((left, 0.22, 0.92 - left, 0.6))

    def update(self, means: Sequence[float], names: Sequence[str]) -> PillarMeans:
        """``means`` in the order of ``names`` (cloud, data, intelligence)."""
        ax, s, lang = self.ax, self.style, self.lang
        ax.clear()
        self._structure_changed = True
        values = [float(v) for v in means]
        rows = range(len(values))
        ax.barh(rows, values, height=0.55, color=s.current, edgecolor=s.edge, linewidth=s.line * 0.45)
        for i, v in enumerate(values):
            inside = v > 82
            ax.text(v - 1.5 if inside else v + 1.5, i, _num(v), ha="right" if inside else "left", va="center",
                    fontsize=s.small, fontweight="bold", color=s.current_text if inside else s.text)
        ax.set_xlim(0, 100)
        ax.set_ylim(len(values) - 0.5, -0.5)
        ax.set_yticks(list(rows))
        ax.set_yticklabels([_wrap(n, 14 if lang == "en" else 10) for n in names], fontsize=s.font)
        ax.set_xticks([0, 20, 40, 60, 80, 100])
        ax.tick_params(labelsize=s.small)
        ax.set_xlabel(_w(lang, "pillar_means_x"), fontsize=s.small)
        ax.spines[["top", "right"]].set_visible(False)
        ax.grid(axis="x", color=s.grid, linewidth=0.6)
        ax.set_axisbelow(True)
        self._changed((tuple(values), tuple(names)))
        return self


def pillar_means(means: Sequence[float], names: Sequence[str], lang: str = "zh", *, high_contrast: bool = False,
                 figsize: tuple[float, float] | None = None, dpi: int = DEFAULT_DPI) -> Figure:
    return PillarMeans(lang, high_contrast=high_contrast, figsize=figsize, dpi=dpi).update(means, names).figure


__all__ = [
    "Chart", "Dashboard", "HistoryPoint", "LevelGauge", "PillarBars", "RadarChart", "SceneHeatmap", "ScoreHistory",
    "StageLadder", "Style", "WORDS", "level_bands", "score_gates", "level_gauge", "pillar_bars", "pillar_label", "radar", "scene_heatmap",
    "scene_name", "score_history", "stage_ladder", "style_for",
    "LevelsByGroup", "PillarMeans", "ScoreDistribution", "level_look", "levels_by_group", "pillar_means",
    "score_distribution",
]
