"""The chart layer: every figure in both languages, CJK text without missing glyphs, the heat map's
cells, in-place updates equal to fresh figures, and never pyplot or Qt."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from fwfactory import build, opts, q

from smedigital.core.answers import Answer
from smedigital.core.framework import Framework, get_framework
from smedigital.core.scoring import Result, score_answers
from smedigital.core.wording import fmt_score

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("zh", "en")
SCENE_LEVELS = [3, 1, 2, 0, 1, 3, 2, 2, 1, 4, 2, 1, 3, 0, 2, 1]
CJK = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def F(tmp_path_factory):  # noqa: N802 - the figures module, used as F.radar_chart(...) throughout
    """The figures module, with matplotlib's config and font cache in a temporary data folder."""
    data = tmp_path_factory.mktemp("chartdata")
    with pytest.MonkeyPatch.context() as mp:  # the environment as it was afterwards
        mp.setenv("SMEDIGITAL_DATA_DIR", str(data))
        from smedigital.charts import figures
    return figures


@pytest.fixture(scope="module")
def fw() -> Framework:
    return get_framework("miit-2024-manufacturing")


def answers_for(fw: Framework, scene_levels: list[int], pick: int = 2) -> dict[str, Answer]:
    """Every question answered from the framework's own data: option ``pick`` (or two choices) and the scene levels."""
    out: dict[str, Answer] = {}
    for qq in fw.questions:
        if qq.kind == "multi":
            out[qq.id] = Answer(choices=tuple(o.id for o in qq.options if not o.exclusive)[:2])
        elif qq.kind in ("single", "ratio_band", "trend"):
            out[qq.id] = Answer(choice=qq.options[min(pick, len(qq.options) - 1)].id)
        elif qq.kind == "scale":
            out[qq.id] = Answer(level=2)
    for sc, lv in zip(fw.scenes, scene_levels, strict=False):
        out[sc.id] = Answer(level=lv)
    return out


@pytest.fixture(scope="module")
def result(fw) -> Result:
    return score_answers(fw, answers_for(fw, SCENE_LEVELS))


@pytest.fixture(scope="module")
def previous(fw) -> Result:
    return score_answers(fw, answers_for(fw, [max(0, lv - 1) for lv in SCENE_LEVELS], pick=1))


def all_figures(F, fw, result, previous, lang, **kw):
    return {
        "ladder": F.stage_ladder(fw, result, lang, **kw),
        "radar": F.radar(fw, result, previous, lang, **kw),
        "scenes": F.scene_heatmap(fw, result, lang, **kw),
        "history": F.score_history([("2023-03-01", 31.5, 1), ("2024-04-15", float(previous.total_score),
                                     previous.level_index), ("2025-02-20", float(result.total_score),
                                                             result.level_index)],
                                   lang, framework=fw, **kw),
        "pillars": F.pillar_bars(fw, result, lang, **kw),
        "gauge": F.level_gauge(fw, result, lang, **kw),
    }


def render_png(fig) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    buf = io.BytesIO()
    FigureCanvasAgg(fig).print_png(buf)
    return buf.getvalue()


def pixels(fig):
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = fig.canvas if hasattr(fig.canvas, "buffer_rgba") else FigureCanvasAgg(fig)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


def texts_of(fig) -> list[str]:
    from matplotlib.text import Text

    return [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text()]


# --------------------------------------------------------------------------- fonts


def test_the_registered_font_is_a_cjk_font_with_the_glyphs_we_need(F):
    from matplotlib import font_manager, ft2font, rcParams

    from smedigital.charts.fonts import CJK_FAMILY_HINTS, cjk_font, cjk_font_path, register_cjk_font
    from smedigital.core.resources import resource_path

    family = register_cjk_font()
    if family is None:
        pytest.skip("no CJK font installed (Debian: apt-get install fonts-noto-cjk)")
    font = cjk_font()
    assert font is not None and font.family == family and cjk_font_path() == font.path and font.path.is_file()
    bundled = font.path.resolve().parent == resource_path("fonts").resolve()
    # a font shipped in resources/fonts may have any name; a system font must be a known CJK family
    assert bundled or any(h.lower() in family.lower() for h in CJK_FAMILY_HINTS), family
    assert rcParams["font.sans-serif"][0] == family
    assert rcParams["axes.unicode_minus"] is False
    face = ft2font.FT2Font(str(font.path), face_index=font.face_index)
    assert face.family_name == family
    for ch in "未上云用数赋智数字化经营一二三四级约束性场景":
        assert face.get_char_index(ord(ch)) != 0, ch
    # idempotent: a second call neither searches nor adds fonts again
    n = len(font_manager.fontManager.ttflist)
    assert register_cjk_font() == family
    assert len(font_manager.fontManager.ttflist) == n


def test_without_a_bundled_font_the_system_noto_sans_cjk_sc_face_is_chosen(F, monkeypatch):
    from matplotlib import ft2font

    from smedigital.charts import fonts

    if not fonts.DEBIAN_NOTO_CJK.is_file():
        pytest.skip("fonts-noto-cjk not installed")
    monkeypatch.setattr(fonts, "_bundled_fonts", lambda: [])
    font = fonts._search()
    assert font is not None and font.path == fonts.DEBIAN_NOTO_CJK
    assert font.family == "Noto Sans CJK SC"  # the simplified Chinese face of the collection, not JP
    face = ft2font.FT2Font(str(font.path), face_index=font.face_index)
    assert face.family_name == "Noto Sans CJK SC" and face.style_name == "Regular"


# --------------------------------------------------------------------------- every figure


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
@pytest.mark.parametrize("lang", LANGS)
def test_every_figure_renders_to_png_without_missing_glyphs(F, fw, result, previous, lang, high_contrast):
    from matplotlib.figure import Figure

    from smedigital.charts.fonts import register_cjk_font

    if register_cjk_font() is None:
        pytest.skip("no CJK font installed")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figs = all_figures(F, fw, result, previous, lang, high_contrast=high_contrast)
        pngs = {name: render_png(fig) for name, fig in figs.items()}
    glyphs = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    assert glyphs == []
    assert [str(w.message) for w in caught] == []
    for name, fig in figs.items():
        assert isinstance(fig, Figure), name
        assert pngs[name].startswith(b"\x89PNG"), name
        assert len(pngs[name]) > 5000, name
    texts = [t for fig in figs.values() for t in texts_of(fig)]
    if lang == "en":  # nothing Chinese left in the English figures
        assert [t for t in texts if CJK.search(t)] == []
    else:
        assert sum(bool(CJK.search(t)) for t in texts) > 40


def test_titles_and_labels_come_from_the_framework(F, fw, result, previous):
    for lang in LANGS:
        figs = all_figures(F, fw, result, previous, lang)
        ladder = texts_of(figs["ladder"])
        for stage in fw.stages:
            assert any(stage.label.get(lang) in t.replace("\n", " ") or stage.label.get(lang) in t for t in ladder)
        radar = texts_of(figs["radar"])
        for d in fw.dimensions:
            if fw.sections[d].max_points:
                title = fw.sections[d].title.get(lang)
                assert any(t.replace("\n", " ") == title for t in radar), title
        scenes = texts_of(figs["scenes"])
        for sc in fw.scenes:
            assert sc.group is not None and sc.group.title.get(lang) in scenes
        gauge = texts_of(figs["gauge"])
        assert all(any(lv.label.get(lang) in t for t in gauge) for lv in fw.levels)  # as score gates
        assert any(result.level_label(lang) in t for t in gauge)
        history = " ".join(texts_of(figs["history"]))
        # MIIT levels are gated: the charts draw each level's score gate, never a band a score falls in
        for lv in fw.levels:
            gate = F.WORDS[lang]["gate"].format(level=lv.label.get(lang), t="")
            assert gate in history
        assert fw.level_rule.no_level_label.get(lang) not in history


# --------------------------------------------------------------------------- the heat map


@pytest.mark.parametrize("lang", LANGS)
def test_the_heat_map_fills_and_labels_the_firms_level_of_every_scene(F, fw, result, lang):
    from matplotlib.colors import to_rgba

    fig = F.scene_heatmap(fw, result, lang)
    ax = fig.axes[0]
    cells = next(c for c in ax.collections if c.get_gid() == "scene-cells")
    faces = [tuple(c) for c in cells.get_facecolors()]
    assert len(faces) == 5 * len(fw.scenes)
    style = F.style_for(False)
    current, below, open_ = (to_rgba(style.current), to_rgba(style.reached), to_rgba(style.open))
    rows = {t.get_text(): y for t, y in zip(ax.get_yticklabels(), ax.get_yticks(), strict=True)}
    labels = {(round(t.get_position()[0]), round(t.get_position()[1])): t.get_text() for t in ax.texts
              if t.get_visible() and t.get_text()}
    for i, (sc, level) in enumerate(zip(fw.scenes, SCENE_LEVELS, strict=True)):
        name = ("★ " if sc.mandatory else "") + F.scene_name(sc, lang)
        assert name in rows, name  # mandatory scenes, and only they, carry the star
        for lv in range(5):
            expected = current if lv == level else below if lv < level else open_
            assert faces[i * 5 + lv] == pytest.approx(expected), (sc.id, lv)
        assert labels[(level, round(rows[name]))] == F.WORDS[lang]["scene_level"].format(n=level)
    # the count row: scenes at each level or above, mandatory ones in brackets
    n_at = [sum(lv >= k for lv in SCENE_LEVELS) for k in range(5)]
    m_at = [sum(lv >= k for lv, sc in zip(SCENE_LEVELS, fw.scenes, strict=True) if sc.mandatory) for k in range(5)]
    count_y = round(rows[F.WORDS[lang]["count_row"]])
    for k in range(1, 5):
        assert labels[(k, count_y)] == f"{n_at[k]} ({m_at[k]}★)"


def test_the_heat_map_states_follow_answer_changes_in_place(F, fw, result):
    chart = F.SceneHeatmap(fw, "zh").update(result)
    first = fw.scenes[0]
    assert chart.states[(first.id, SCENE_LEVELS[0])] == "current"
    answers = answers_for(fw, SCENE_LEVELS)
    answers[first.id] = Answer(level=4)
    del answers[fw.scenes[1].id]
    chart.update(score_answers(fw, answers))
    assert [chart.states[(first.id, lv)] for lv in range(5)] == ["below"] * 4 + ["current"]
    assert all(chart.states[(fw.scenes[1].id, lv)] == "open" for lv in range(5))
    assert chart.row_note[fw.scenes[1].id].get_visible()
    assert chart.row_note[fw.scenes[1].id].get_text() == F.WORDS["zh"]["unanswered"]


def test_no_heat_map_for_a_framework_without_scenes(F):
    small = build([q("a1", "single", "a", 10, options=opts(0, 5, 10)),
                   q("b1", "single", "b", 10, options=opts(0, 10), pillars=["data"])])
    r = score_answers(small, {"a1": Answer(choice="o1"), "b1": Answer(choice="o1")})
    assert F.scene_heatmap(small, r, "zh") is None
    with pytest.raises(ValueError):
        F.SceneHeatmap(small)
    # every other chart copes with a framework that is not the MIIT one
    for fig in (F.stage_ladder(small, r, "en"), F.radar(small, r, None, "en"), F.pillar_bars(small, r, "zh"),
                F.level_gauge(small, r, "zh"), F.score_history([("2024-01-01", 50.0, 2)], "en", framework=small)):
        assert render_png(fig).startswith(b"\x89PNG")


# --------------------------------------------------------------------------- other charts


def test_the_stage_ladder_marks_the_firms_stage(F, fw, result):
    from matplotlib.colors import to_rgba

    chart = F.StageLadder(fw, "en").update(result)
    x, _ = chart.marker.get_data()
    assert int(x[0]) == result.stage.index
    assert chart.title.get_text().endswith(result.stage.label.get("en"))
    assert chart.steps[result.stage.index].get_facecolor() == pytest.approx(to_rgba(chart.style.current))
    later = chart.steps[result.stage.index + 1:]
    assert later and all(step.get_hatch() for step in later)  # stages not reached are hatched
    notes = [n.get_text() for n in chart.notes]
    for t in fw.stage_rule:
        met = result.pillars[t.pillar] >= t.min_score
        by_level = t.or_level is not None and result.level_index >= fw.level(t.or_level).index
        expected = "met" if met else (f"reached by {result.level_label('en')}" if by_level else "not met")
        assert notes[fw.stage(t.stage).index].endswith(expected)


def test_the_radar_overlays_the_previous_assessment_dashed_with_a_legend(F, fw, result, previous):
    chart = F.RadarChart(fw, "en").update(result, previous)
    assert chart.prev_line.get_visible()
    assert chart.prev_line.get_linestyle() not in ("-", "solid", "None", "none", "")
    assert chart.prev_line.get_marker() != chart.line.get_marker()  # told apart without colour
    assert [t.get_text() for t in chart.legend.get_texts()] == ["This assessment", "Previous assessment"]
    dims = [d for d in fw.dimensions if fw.sections[d].max_points]
    assert chart.dimensions == dims
    _, r = chart.line.get_data()
    assert list(r[:-1]) == pytest.approx([float(s.score) for s in result.dimension_scores()])
    chart.update(result)  # previous gone: no dashed line, one legend entry
    assert not chart.prev_line.get_visible()
    assert [t.get_text() for t in chart.legend.get_texts()] == ["This assessment"]


def test_pillar_bars_show_scores_and_thresholds(F, fw, result):
    chart = F.PillarBars(fw, "zh").update(result)
    for bar, t, text in zip(chart.bars, fw.stage_rule, chart.values, strict=True):
        assert bar.get_width() == pytest.approx(float(result.pillars[t.pillar]))
        assert ("≥" if result.pillars[t.pillar] >= t.min_score else "<") in text.get_text()
        assert bool(bar.get_hatch()) == (result.pillars[t.pillar] < t.min_score)


def test_score_history_handles_no_one_and_many_points(F, fw):
    empty = F.ScoreHistory("zh", framework=fw).update([])
    assert empty.empty.get_visible()
    one = F.ScoreHistory("en", framework=fw).update([("2024-05-01", 95.0, 4)])
    assert any("Level 4" in t for t in texts_of(one.figure))
    many = [(f"20{10 + i // 2}-{1 + (i % 2) * 6:02d}-01", 10 + i * 7.5, min(4, i // 3)) for i in range(12)]
    chart = F.ScoreHistory("en").update(list(reversed(many)))  # any order: sorted by date
    xs, ys = chart.line.get_data()
    assert list(ys) == [p[1] for p in many] and list(xs) == sorted(xs)
    for c in (empty, one, chart):
        assert c.png().startswith(b"\x89PNG")


# --------------------------------------------------------------------------- in-place updates


def test_updating_in_place_draws_the_same_as_a_fresh_figure(F, fw, result, previous):
    import numpy as np

    other = score_answers(fw, answers_for(fw, [4] * 16, pick=4))
    for cls in (F.StageLadder, F.RadarChart, F.PillarBars, F.LevelGauge, F.SceneHeatmap):
        def fresh(r, cls=cls):
            chart = cls(fw, "zh")
            return chart.update(r, previous) if cls is F.RadarChart else chart.update(r)

        kept = fresh(other)
        pixels(kept.figure)
        kept = kept.update(result, previous) if cls is F.RadarChart else kept.update(result)
        assert np.array_equal(pixels(kept.figure), pixels(fresh(result).figure)), cls.__name__


def test_draw_fast_matches_a_full_draw_and_skips_unchanged_charts(F, fw, result, previous):
    import numpy as np

    other = score_answers(fw, answers_for(fw, [4] * 16, pick=4))
    dash = F.Dashboard(fw, "en")
    dash.update(other)
    assert dash.draw_fast() == len(dash.charts)
    dash.update(result, previous)
    assert dash.draw_fast() == len(dash.charts)
    for chart in dash.charts:
        fast = np.asarray(chart.figure.canvas.buffer_rgba()).copy()
        assert np.array_equal(fast, pixels(chart.figure)), type(chart).__name__
    dash.update(result, previous)
    assert dash.draw_fast() == 0
    assert dash.draw_fast(force=True) == len(dash.charts)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
def test_draw_fast_after_each_answer_change_shows_exactly_what_a_full_draw_shows(F, fw, lang, high_contrast):
    """One chart kept on screen through a run of answer changes (one scored answer, one scene level, the
    stage going up and down, everything at once): after each ``draw_fast``, which redraws only what
    changed, the canvas equals a full draw of a fresh chart, pixel for pixel."""
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    systems = fw.question("miit.foundation.information_systems")
    base = answers_for(fw, SCENE_LEVELS)
    steps = [base, {**base, fw.scenes[1].id: Answer(level=3)}]
    steps.append({**steps[-1], systems.id: Answer(choice=systems.options[0].id)})
    steps.append({**steps[-1], systems.id: Answer(choice=systems.options[-1].id)})
    steps += [answers_for(fw, [4] * 16, pick=4), answers_for(fw, [0] * 16, pick=0)]
    results = [score_answers(fw, a) for a in steps]
    results += results[-2::-1]  # and back again: the ladder returns to stages it showed before
    assert len({r.stage.index for r in results}) > 1
    for cls in (F.StageLadder, F.RadarChart, F.PillarBars, F.LevelGauge, F.SceneHeatmap):
        def update(chart, i, cls=cls):
            r = results[i]
            return chart.update(r, results[i - 1]) if cls is F.RadarChart else chart.update(r)

        kept = cls(fw, lang, high_contrast=high_contrast)
        for i in range(len(results)):
            update(kept, i)
            kept.draw_fast()
            fast = np.asarray(kept.figure.canvas.buffer_rgba())
            fresh = update(cls(fw, lang, high_contrast=high_contrast), i)
            canvas = FigureCanvasAgg(fresh.figure)
            canvas.draw()
            differ = int((fast != np.asarray(canvas.buffer_rgba())).any(axis=2).sum())
            assert differ == 0, f"{cls.__name__}, change {i}: {differ} pixels differ from a full draw"


@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
def test_a_radar_of_many_dimensions_redraws_only_the_values_near_the_point_that_moved(F, high_contrast):
    """One answer changes one dimension of the nine of the retail sample's framework: the radar draws again
    only the value labels near the moved point, and still shows exactly what a full draw shows."""
    import numpy as np
    from matplotlib.text import Text

    from smedigital.core.assessment import load_assessment

    sample = load_assessment(ROOT / "resources" / "samples" / "retail-chain-cdi.smd.json")
    fw = get_framework(sample.framework_id)
    q = next(q for q in fw.questions if q.kind == "single" and q.max_points > 0)
    low, high = (score_answers(fw, {**sample.answers, q.id: Answer(choice=o.id)}) for o in (q.options[0], q.options[-1]))
    radar = F.RadarChart(fw, "en", high_contrast=high_contrast)
    assert len(radar.dimensions) >= 6
    moved = [d for d in radar.dimensions if low.sections[d].score != high.sections[d].score]
    assert len(moved) == 1
    radar.update(low, low).draw_fast()
    drawn: list[str] = []
    original = Text.draw

    def counting(text, renderer):
        drawn.append(text.get_text())
        return original(text, renderer)

    Text.draw = counting  # type: ignore[method-assign]
    try:
        radar.update(high, low).draw_fast()
    finally:
        Text.draw = original  # type: ignore[method-assign]
    assert 1 <= len(drawn) < len(radar.dimensions)  # the moved value and those near its two segments, not all
    fast = np.asarray(radar.figure.canvas.buffer_rgba()).copy()
    assert np.array_equal(fast, pixels(F.RadarChart(fw, "en", high_contrast=high_contrast).update(high, low).figure))


def test_draw_fast_after_someone_else_drew_the_canvas_still_matches_a_full_draw(F, fw, result, previous):
    """A full draw by the canvas itself (a resize, a repaint of a chart scrolled back into view) between
    two updates: the next ``draw_fast`` does not trust what it drew before."""
    import numpy as np

    other = score_answers(fw, answers_for(fw, [4] * 16, pick=4))
    pillars = F.PillarBars(fw, "zh")
    pillars.update(other)
    pillars.draw_fast()
    pillars.update(result)
    pillars.figure.canvas.draw()  # someone else draws the new values
    pillars.update(other)  # back to what draw_fast drew last
    assert pillars.draw_fast(force=True)
    fast = np.asarray(pillars.figure.canvas.buffer_rgba()).copy()
    assert np.array_equal(fast, pixels(F.PillarBars(fw, "zh").update(other).figure))


def test_the_ladder_back_at_a_stage_shown_before_is_drawn_from_its_kept_background(F, fw, result):
    """Answers that move the firm between two stages and back: the second visit to a stage blits over the
    bitmap kept for it (no full draw), and shows what a full draw shows."""
    import numpy as np

    low = score_answers(fw, answers_for(fw, [0] * 16, pick=0))
    assert low.stage.index != result.stage.index
    ladder = F.StageLadder(fw, "zh")
    canvas = ladder._canvas()
    for r in (low, result):
        ladder.update(r)
        assert ladder.draw_fast()
    full_draws = []
    original = canvas.draw
    canvas.draw = lambda *a, **k: (full_draws.append(1), original(*a, **k))[1]
    ladder.update(low)
    assert ladder.draw_fast()
    assert full_draws == []
    fast = np.asarray(canvas.buffer_rgba()).copy()
    assert np.array_equal(fast, pixels(F.StageLadder(fw, "zh").update(low).figure))


# --------------------------------------------------------------------------- no pyplot, no Qt


def test_building_everything_never_imports_pyplot_or_qt(tmp_path):
    code = r"""
import json, os, sys
import smedigital.charts
assert "matplotlib" not in sys.modules, "importing smedigital.charts imported matplotlib"
from smedigital.charts import figures as F
from smedigital.charts.fonts import cjk_font_path, register_cjk_font
from smedigital.core.answers import Answer
from smedigital.core.framework import get_framework
from smedigital.core.scoring import score_answers
from matplotlib.backends.backend_agg import FigureCanvasAgg
import io
fw = get_framework("miit-2024-manufacturing")
r = score_answers(fw, {s.id: Answer(level=i % 5) for i, s in enumerate(fw.scenes)})
for lang in ("zh", "en"):
    figs = [F.stage_ladder(fw, r, lang), F.radar(fw, r, r, lang), F.scene_heatmap(fw, r, lang),
            F.score_history([("2024-01-01", 30.0, 1)], lang, framework=fw), F.pillar_bars(fw, r, lang),
            F.level_gauge(fw, r, lang)]
    for fig in figs:
        FigureCanvasAgg(fig).print_png(io.BytesIO())
        fig.savefig(io.BytesIO(), format="svg")
d = F.Dashboard(fw, "zh").update(r)
d.draw_fast()
import matplotlib
print(json.dumps({
    "pyplot": "matplotlib.pyplot" in sys.modules,
    "qt": sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6")),
    "mplconfigdir": os.environ.get("MPLCONFIGDIR"),
    "configdir": matplotlib.get_configdir(),
    "cachedir": matplotlib.get_cachedir(),
    "backend": matplotlib.get_backend(),
    "family": register_cjk_font(),
}))
"""
    env = {k: v for k, v in os.environ.items() if k not in ("MPLCONFIGDIR", "MPLBACKEND")}
    env["SMEDIGITAL_DATA_DIR"] = str(tmp_path)
    env["PYTHONPATH"] = str(ROOT)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=180)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["pyplot"] is False
    assert out["qt"] == []
    mplconfig = tmp_path / "mplconfig"
    assert out["mplconfigdir"] == str(mplconfig)
    assert Path(out["configdir"]) == mplconfig and Path(out["cachedir"]) == mplconfig
    assert list(mplconfig.glob("fontlist-*.json")), "the font cache is built in the data folder"
    assert out["backend"].lower() == "agg"


def test_prepare_matplotlib_respects_settings_made_before_it(tmp_path):
    own = tmp_path / "own-mpl"
    own.mkdir()
    code = ("import os\nfrom smedigital.charts import prepare_matplotlib\nprepare_matplotlib()\n"
            "import matplotlib\nprint(os.environ['MPLCONFIGDIR'], matplotlib.get_backend())")
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    env.update(SMEDIGITAL_DATA_DIR=str(tmp_path / "data"), MPLCONFIGDIR=str(own), PYTHONPATH=str(ROOT),
               MPLBACKEND="svg")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    folder, backend = proc.stdout.split()
    assert folder == str(own) and backend == "svg"
    assert not (tmp_path / "data" / "mplconfig").exists()


def test_a_level_1_firm_with_a_level_2_score_is_not_drawn_in_a_level_2_band(F, fw):
    """MIIT levels are gated: a score of 50 with too few scenes is 一级, and no chart puts it in 二级's band."""
    r = score_answers(fw, answers_for(fw, [2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], pick=3))
    assert r.level_index == 1 and r.total_score >= 40
    for lang in LANGS:
        gauge = F.level_gauge(fw, r, lang)
        texts = [t.replace("\n", "") for t in texts_of(gauge)]
        two = fw.level("l2").label.get(lang)
        # 二级 appears only as the label of its score gate, and the title names the firm's real level
        assert all(("分数线" in t or "score ≥" in t) for t in texts if two in t and "：" not in t and ":" not in t)
        assert any(r.level_label(lang) in t for t in texts)
        history = F.score_history([("2024-01-01", float(r.total_score), r.level_index)], lang, framework=fw)
        labels = [t for t in texts_of(history) if t.startswith(fmt_score(r.total_score))]
        assert labels and r.level_label(lang) in labels[0] and two not in labels[0]
        assert not [p for p in history.axes[0].patches if p.get_height() < 100]  # no score bands


# --------------------------------------------------------------------------- rare characters of names

def _missing_glyphs(fig) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        render_png(fig)
    return [str(w.message) for w in caught if "missing from font" in str(w.message)]


def test_rare_characters_of_names_render_in_the_bundled_font(F):
    from smedigital.charts.fonts import register_cjk_font

    if register_cjk_font() is None:
        pytest.skip("no CJK font installed")
    groups = [("广州刘䶮㐀﨑科技", [1, 2, 0, 0, 0]), ("王㛃·赵孟𫖯", [0, 1, 1, 0, 0])]
    fig = F.levels_by_group(groups, ["未达", "一级", "二级", "三级", "四级"], "zh", by="region")
    assert _missing_glyphs(fig) == []


def test_a_character_the_bundled_font_lacks_is_drawn_in_a_fallback_font(F, tmp_path, monkeypatch):
    from test_export_report import make_fallback_font

    from smedigital.charts import fonts

    if fonts.register_cjk_font() is None:
        pytest.skip("no CJK font installed")
    rare = "𠀀"  # U+20000: not in the bundled font
    fallback = make_fallback_font(tmp_path / "fallback.ttf", rare)
    monkeypatch.setattr(fonts, "FALLBACK_FONT_FILES", (fallback,))
    monkeypatch.setattr(fonts, "_fallbacks", None)
    try:
        fonts.register_cjk_font()
        from matplotlib import rcParams

        assert "Smedigital Test Fallback" in rcParams["font.family"]
        fig = F.levels_by_group([(f"龙{rare}科技", [1, 0, 0, 0, 0])], ["未达", "一级", "二级", "三级", "四级"], "zh")
        assert _missing_glyphs(fig) == []
    finally:
        monkeypatch.undo()
        fonts._fallbacks = None
        fonts.register_cjk_font()
