"""The dashboard's Agg renderer (``smedigital.charts.render``): a text drawn again comes from the glyph
masks kept when it was first drawn, and the canvas shows exactly what matplotlib's own renderer shows,
whatever the colour, in CJK and Latin, with fallback glyphs, rotated, unsmoothed or boxed."""

from __future__ import annotations

import pytest

SPECS = [
    {"s": "分项 33.3\n门槛 40.0\n未达标", "fontsize": 9.0, "fontweight": "bold", "linespacing": 1.25},
    {"s": "66.7 ≥ 40.0", "fontsize": 7.5},
    {"s": "王㛃·赵孟𫖯", "fontsize": 9.0},  # 𫖯 and 㛃 come from the fallback font
    {"s": "Rotated 30°, then some", "fontsize": 8.0, "rotation": 30},
    {"s": "no smoothing 12.5", "fontsize": 8.0, "antialiased": False},
    {"s": "下一阶段“用数”：还差 5.7 分", "fontsize": 7.5,
     "bbox": {"facecolor": "white", "edgecolor": "none", "pad": 1.5}},
]


@pytest.fixture(scope="module")
def render(tmp_path_factory):
    """The render module, with matplotlib's config and font cache in a temporary data folder."""
    data = tmp_path_factory.mktemp("chartdata")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SMEDIGITAL_DATA_DIR", str(data))
        from smedigital.charts import render
        from smedigital.charts.fonts import register_cjk_font

        register_cjk_font()
    return render


def figure_of(colour: str, shift: float = 0.0):
    from matplotlib.figure import Figure

    from smedigital.charts.fonts import register_cjk_font

    register_cjk_font()
    fig = Figure(figsize=(4.0, 3.2), dpi=100, facecolor="white")
    texts = []
    for i, spec in enumerate(SPECS):
        spec = dict(spec)
        texts.append(fig.text(0.05 + shift, 0.9 - i * 0.15, spec.pop("s"), color=colour, va="top", **spec))
    return fig, texts


def plain_pixels(fig):
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


def test_texts_drawn_again_in_another_colour_come_from_kept_masks_and_match_matplotlib(render):
    import numpy as np

    fig, texts = figure_of("#222222")
    canvas = render.CachingCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    assert isinstance(renderer, render.TextCachingRenderer)
    lines = sum(len(t.get_text().split("\n")) for t in texts)
    assert (renderer.text_hits, renderer.text_misses) == (0, lines)
    assert np.array_equal(np.asarray(canvas.buffer_rgba()), plain_pixels(figure_of("#222222")[0]))

    for t in texts:  # the stage ladder's notes when the stage flips: same words, same place, new colour
        t.set_color("white")
    fig.set_facecolor("#0B5394")
    canvas.draw()
    assert (renderer.text_hits, renderer.text_misses) == (lines, lines)
    expected, _ = figure_of("white")
    expected.set_facecolor("#0B5394")
    assert np.array_equal(np.asarray(canvas.buffer_rgba()), plain_pixels(expected))


def test_a_text_moved_by_a_fraction_of_a_pixel_is_rasterised_anew_and_matches_matplotlib(render):
    import numpy as np

    fig, texts = figure_of("black")
    canvas = render.CachingCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    misses = renderer.text_misses
    for t in texts:
        x, y = t.get_position()
        t.set_position((x + 0.3 / 400, y))  # 0.3 pixel to the right: other glyph masks
    shaped = dict(renderer._shapes)
    canvas.draw()
    assert renderer.text_hits == 0 and renderer.text_misses == 2 * misses
    assert renderer._shapes == shaped  # the same words: shaped once, rasterised at the new place
    assert np.array_equal(np.asarray(canvas.buffer_rgba()), plain_pixels(figure_of("black", 0.3 / 400)[0]))


def test_the_kept_masks_are_bounded(render):
    from matplotlib.figure import Figure

    fig = Figure(figsize=(3, 2), dpi=100)
    canvas = render.CachingCanvasAgg(fig)
    text = fig.text(0.1, 0.5, "")
    renderer = canvas.get_renderer()
    for i in range(render.TEXT_CACHE_SIZE + 40):
        text.set_text(f"总分 {i / 10:.1f}")
        canvas.draw()
    assert len(renderer._texts) == render.TEXT_CACHE_SIZE
    text.set_text("总分 0.0")  # the oldest: forgotten, drawn anew
    misses = renderer.text_misses
    canvas.draw()
    assert renderer.text_misses == misses + 1


def test_the_ladder_back_at_a_stage_shown_before_shapes_no_text_again(render):
    """Answers that move the firm between two stages and back: the second time, every text the stage
    ladder draws (its notes in their new colours, the gap) is composited from kept masks."""
    import numpy as np
    from test_charts import answers_for

    from smedigital.charts.figures import StageLadder
    from smedigital.core.framework import get_framework
    from smedigital.core.scoring import score_answers

    fw = get_framework("miit-2024-manufacturing")
    low = score_answers(fw, answers_for(fw, [0] * 16, pick=0))
    high = score_answers(fw, answers_for(fw, [3] * 16, pick=3))
    assert low.stage.index != high.stage.index
    ladder = StageLadder(fw, "zh")
    for r in (low, high):
        ladder.update(r).draw_fast()
    renderer = ladder.figure.canvas.get_renderer()
    misses, hits = renderer.text_misses, renderer.text_hits
    ladder.update(low).draw_fast()
    assert renderer.text_misses == misses and renderer.text_hits > hits
    assert np.array_equal(np.asarray(ladder.figure.canvas.buffer_rgba()),
                          plain_pixels(StageLadder(fw, "zh").update(low).figure))
