"""An Agg renderer that keeps the glyphs of the texts it drew, for the dashboard's redraws.

matplotlib's Agg renderer draws a text by shaping it (``FT2Font._layout``: which glyph of which
font goes where), rasterising each glyph at its place (``_render_glyph``: a grey coverage mask),
and compositing each mask in the text's colour (``draw_text_image``). After an answer change the
dashboard draws again texts it drew before: a label that only changes colour (the stage ladder's
notes when the stage flips), a number that comes back (an answer changed and changed back), a
note that did not move but sits where something else changed. ``TextCachingRenderer`` keeps, for
the last :data:`TEXT_CACHE_SIZE` texts it drew, the grey masks of their glyphs and where each
goes, keyed by everything the masks depend on: the string, the font files (with their fallbacks),
the size, the dpi, the canvas height, the angle, the exact place, antialiasing, the hinting flags,
font features and language. Not the colour nor the clip, which compositing applies. A text drawn
again with the same key skips shaping and rasterising and composites the same masks in the same
order: the pixels are exactly those of matplotlib's own ``RendererAgg.draw_text``
(``tests/test_charts_render.py`` and the ``draw_fast`` tests of ``tests/test_charts.py`` hold it so).
A text at a new place whose words were shaped before (a note's unchanged lines, a value written
elsewhere) reuses the shaping, which does not depend on the place, and only rasterises.

The renderer also finds a text's fonts (matplotlib looks them up over every family of
``font.family``: the CJK font and its fallbacks) and reads their line metrics once per set of
font properties, where matplotlib does it for every text it lays out or draws.

Mathtext and TeX are drawn by matplotlib as usual (the charts use neither).
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from . import prepare_matplotlib

prepare_matplotlib()

import math  # noqa: E402
import threading  # noqa: E402

import matplotlib as mpl  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag  # noqa: E402
from matplotlib.font_manager import fontManager, get_font  # noqa: E402
from matplotlib.ft2font import RenderMode  # noqa: E402

TEXT_CACHE_SIZE = 256  # texts per renderer (one renderer per canvas and size): a few MB at most


# what matplotlib's font lookup depends on besides the font properties (FontManager.findfont, get_font)
_FONT_RC = ("font.family", "font.style", "font.variant", "font.weight", "font.stretch", "font.size", "font.serif",
            "font.sans-serif", "font.cursive", "font.fantasy", "font.monospace", "font.enable_last_resort",
            "text.kerning_factor")


class TextCachingRenderer(RendererAgg):
    """``RendererAgg`` whose ``draw_text`` reuses the glyph masks of a text drawn before (see the module),
    and which finds a text's fonts and their line metrics once per set of font properties."""

    def __init__(self, width: float, height: float, dpi: float) -> None:
        super().__init__(width, height, dpi)
        self._texts: OrderedDict[tuple, list[tuple[Any, int, int]]] = OrderedDict()  # masks and places
        self._shapes: OrderedDict[tuple, list[tuple[Any, int, float, float]]] = OrderedDict()  # glyphs, offsets
        self._fonts: dict[tuple, Any] = {}
        self._heights: dict[tuple, tuple] = {}
        self.text_hits = 0  # texts composited from kept masks (for the benchmarks and tests)
        self.text_misses = 0

    def _font_key(self, prop: Any) -> tuple:
        """Everything the font files matplotlib picks for ``prop`` depend on."""
        rc: Any = mpl.rcParams
        return (tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in vars(prop).items()),
                tuple(tuple(v) if isinstance(v, list) else v for v in (rc[k] for k in _FONT_RC)),
                len(fontManager.ttflist), threading.get_ident())

    def _font(self, prop: Any, key: tuple | None = None) -> Any:
        """The ``FT2Font`` (with its fallbacks) matplotlib draws ``prop`` in, looked up once."""
        key = key or self._font_key(prop)
        font = self._fonts.get(key)
        if font is None:
            if len(self._fonts) >= TEXT_CACHE_SIZE:
                self._fonts.clear()
            font = self._fonts[key] = get_font(fontManager._find_fonts_by_props(prop))
        else:
            font._set_transform([[0x10000, 0], [0, 0x10000]], [0, 0])  # as get_font leaves it
        return font

    def _prepare_font(self, font_prop):
        """As ``RendererAgg._prepare_font``, the lookup once per set of font properties."""
        font = self._font(font_prop)
        font.clear()
        font.set_size(font_prop.get_size_in_points(), self.dpi)
        return font

    def _get_font_height_metrics(self, prop: Any) -> tuple:
        """The line metrics ``Text._get_layout`` reads from the font's tables (the same sums, in pixels at
        this renderer's dpi, the figure's), once per set of font properties; (None, None, None) when the
        font has no such table, and ``Text`` measures as it does without this method."""
        key = self._font_key(prop)
        metrics = self._heights.get(key)
        if metrics is None:
            font = self._font(prop, key)
            metrics = (None, None, None)
            for table_name, gap_key, ascent_key, descent_key in (
                    ("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
                    ("hhea", "lineGap", "ascent", "descent")):
                table = font.get_sfnt_table(table_name)
                if table is None:
                    continue
                scale = 1 / font.get_sfnt_table("head")["unitsPerEm"] * prop.get_size_in_points() * self.dpi / 72
                metrics = (table[ascent_key] * scale, -table[descent_key] * scale, table[gap_key] * scale)
                break
            if len(self._heights) >= TEXT_CACHE_SIZE:
                self._heights.clear()
            self._heights[key] = metrics
        return metrics

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if ismath:
            return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
        font = self._prepare_font(prop)
        flags = get_hinting_flag()
        features = mtext.get_fontfeatures() if mtext is not None else None
        language = mtext.get_language() if mtext is not None else None
        size = prop.get_size_in_points()
        antialiased = bool(gc.get_antialiased())
        shape_key = (s, font, size, self.dpi, flags, None if features is None else tuple(features),
                     language if language is None or isinstance(language, str) else tuple(map(tuple, language)))
        key = (shape_key, self.height, angle, x, y, antialiased)
        masks = _recall(self._texts, key)
        if masks is None:
            self.text_misses += 1
            glyphs = _recall(self._shapes, shape_key)  # the same words seen elsewhere: shaped already
            if glyphs is None:
                glyphs = [(item.ft_object, item.glyph_index, item.x, item.y)
                          for item in font._layout(s, flags=flags, features=features, language=language)]
                _keep(self._shapes, shape_key, glyphs)
            masks = _keep(self._texts, key, self._render(x, y, angle, size, flags, antialiased, glyphs))
        else:
            self.text_hits += 1
        for buffer, left, bottom in masks:
            self._renderer.draw_text_image(buffer, left, bottom, 0, gc)
        return None

    def _render(self, x: float, y: float, angle: float, size: float, flags: Any, antialiased: bool,
                glyphs: list[tuple[Any, int, float, float]]) -> list[tuple[Any, int, int]]:
        """Each glyph's mask and where it goes, computed as ``RendererAgg._draw_text_glyphs_and_boxes`` does."""
        cos = math.cos(math.radians(angle))
        sin = math.sin(math.radians(angle))
        matrix = (0x10000 * np.array([[cos, -sin], [sin, cos]]) @ [[1, 0], [0, 1]]).round().astype(int)
        masks = []
        for font, glyph_index, dx, dy in glyphs:  # dy is upwards
            font.set_size(size, self.dpi)
            font._set_transform(matrix, [round(0x40 * (x + dx * cos - dy * sin)),
                                         round(0x40 * (self.height - y + dx * sin + dy * cos))])
            bitmap = font._render_glyph(glyph_index, flags, RenderMode.NORMAL if antialiased else RenderMode.MONO)
            buffer = np.array(bitmap.buffer, copy=True)  # the font reuses its bitmap for the next glyph
            if not antialiased:
                buffer *= 0xff
            masks.append((buffer, bitmap.left, int(self.height) - bitmap.top + buffer.shape[0]))
        return masks


def _recall(kept: OrderedDict, key: tuple) -> Any:
    """What ``kept`` holds for ``key`` (now its most recent entry), or None."""
    value = kept.get(key)
    if value is not None:
        kept.move_to_end(key)
    return value


def _keep(kept: OrderedDict, key: tuple, value: Any) -> Any:
    """Keep ``value`` for ``key``, forgetting the least recent entry beyond :data:`TEXT_CACHE_SIZE`."""
    kept[key] = value
    if len(kept) > TEXT_CACHE_SIZE:
        kept.popitem(last=False)
    return value


class CachingCanvasMixin:
    """For a ``FigureCanvasAgg`` subclass: draw with a :class:`TextCachingRenderer`."""

    def get_renderer(self) -> RendererAgg:
        canvas: Any = self
        w, h = canvas.get_width_height(physical=True)
        key = w, h, canvas.figure.dpi
        if canvas._lastKey != key:
            canvas.renderer = TextCachingRenderer(w, h, canvas.figure.dpi)
            canvas._lastKey = key
        return canvas.renderer


class CachingCanvasAgg(CachingCanvasMixin, FigureCanvasAgg):
    """A ``FigureCanvasAgg`` drawing with a :class:`TextCachingRenderer`."""


__all__ = ["TEXT_CACHE_SIZE", "CachingCanvasAgg", "CachingCanvasMixin", "TextCachingRenderer"]
