"""How long the dashboard's charts take to refresh after an answer changes.

Run by hand (pytest does not collect tests/perf):

    .venv/bin/python tests/perf/bench_charts.py [--repeat N] [--lang zh|en] [--smoke]

Three timings in one run, each the median of N refreshes:

* baseline: drawing an empty Figure with one Axes (Agg), to put the others on
  this machine's scale;
* from scratch: building every dashboard figure anew and drawing it;
* in place, full draw: updating the kept figures' artists
  (``Dashboard.update``) and drawing each whole figure (``canvas.draw()``);
* in place, fast: the same update, then ``Dashboard.draw_fast()``, which
  restores each figure's kept background (axes, tick labels, legends) and
  draws only the changing artists over it; this is what the UI does.

The target is a refresh (every dashboard chart updated and drawn) under 50 ms.
Scoring the answers is timed on its own line: it is the core's cost, not the
charts'.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
# a throwaway data dir unless one is given, so the bench never touches the user's
if "SMEDIGITAL_DATA_DIR" not in os.environ:  # setdefault(mkdtemp()) made a folder even when one was given
    _DATA = tempfile.TemporaryDirectory(prefix="smedigital-bench-")  # removed when the bench exits
    os.environ["SMEDIGITAL_DATA_DIR"] = _DATA.name

from smedigital.charts import prepare_matplotlib  # noqa: E402

prepare_matplotlib()

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from smedigital.charts import figures as F  # noqa: E402
from smedigital.charts.fonts import register_cjk_font  # noqa: E402
from smedigital.core.answers import Answer  # noqa: E402
from smedigital.core.framework import Framework, get_framework  # noqa: E402
from smedigital.core.scoring import score_answers  # noqa: E402


def sample_answers(fw: Framework, scene_levels: list[int]) -> dict[str, Answer]:
    """Every question answered: the first non-zero option or band, and the given scene levels."""
    answers: dict[str, Answer] = {}
    for q in fw.questions:
        if q.kind == "multi":
            answers[q.id] = Answer(choices=tuple(o.id for o in q.options if not o.exclusive)[:2])
        elif q.kind in ("single", "ratio_band", "trend"):
            answers[q.id] = Answer(choice=q.options[min(2, len(q.options) - 1)].id)
        elif q.kind == "scale":
            answers[q.id] = Answer(level=2)
    for q, lv in zip(fw.scenes, scene_levels, strict=False):
        answers[q.id] = Answer(level=lv)
    return answers


def median_ms(fn, repeat: int) -> tuple[float, list[float]]:
    fn()  # warm-up: font loading, text layout caches
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repeat", type=int, default=40)
    ap.add_argument("--lang", choices=("zh", "en"), default="zh")
    ap.add_argument("--smoke", action="store_true", help="three refreshes (CI: the script runs; figures mean nothing)")
    args = ap.parse_args()
    if args.smoke:
        args.repeat = 3
    lang, n = args.lang, args.repeat
    family = register_cjk_font()

    fw = get_framework("miit-2024-manufacturing")
    levels = [3, 1, 2, 0, 1, 3, 2, 2, 1, 4, 2, 1, 3, 0, 2, 1]
    a1 = sample_answers(fw, levels)
    a2 = dict(a1)
    a2[fw.scenes[1].id] = Answer(level=3)  # the answer change: one scene up two levels
    a2[fw.questions[0].id] = Answer(choices=tuple(o.id for o in fw.questions[0].options if not o.exclusive))
    results = [score_answers(fw, a1), score_answers(fw, a2)]

    # baseline: an empty Figure with one Axes
    base_fig = Figure(figsize=F.DEFAULT_SIZE, dpi=F.DEFAULT_DPI)
    base_fig.add_subplot()
    base_canvas = FigureCanvasAgg(base_fig)
    baseline, base_times = median_ms(base_canvas.draw, n)

    # from scratch
    flip = [0]

    def scratch() -> None:
        flip[0] ^= 1
        r, prev = results[flip[0]], results[1 - flip[0]]
        figs = [F.stage_ladder(fw, r, lang), F.radar(fw, r, prev, lang), F.pillar_bars(fw, r, lang),
                F.level_gauge(fw, r, lang), F.scene_heatmap(fw, r, lang)]
        for fig in figs:
            FigureCanvasAgg(fig).draw()

    scratch_ms, _ = median_ms(scratch, max(5, n // 4))

    # in place, whole figures drawn
    dash = F.Dashboard(fw, lang)
    canvases = [FigureCanvasAgg(c.figure) for c in dash.charts]
    names = [type(c).__name__ for c in dash.charts]

    def in_place_full() -> None:
        flip[0] ^= 1
        dash.update(results[flip[0]], results[1 - flip[0]])
        for c in canvases:
            c.draw()

    full_ms, _ = median_ms(in_place_full, n)

    # in place, kept backgrounds (blitting)
    def in_place_fast() -> None:
        flip[0] ^= 1
        dash.update(results[flip[0]], results[1 - flip[0]])
        drawn = dash.draw_fast()
        assert drawn == len(names), "every chart shows a change, so every chart must be drawn"

    fast_ms, fast_times = median_ms(in_place_fast, n)

    def unchanged() -> None:
        dash.update(results[flip[0]], results[1 - flip[0]])
        dash.draw_fast()

    same_ms, _ = median_ms(unchanged, n)

    # per chart
    per_chart = []
    for chart, name in zip(dash.charts, names, strict=True):
        def one(chart=chart, fast=True) -> None:
            flip[0] ^= 1
            r, prev = results[flip[0]], results[1 - flip[0]]
            if isinstance(chart, F.RadarChart):
                chart.update(r, prev)
            else:
                chart.update(r)
            if fast:
                chart.draw_fast()
            else:
                chart.figure.canvas.draw()

        per_chart.append((name, median_ms(lambda one=one: one(fast=False), n)[0], median_ms(one, n)[0]))

    def score() -> None:
        flip[0] ^= 1
        score_answers(fw, a1 if flip[0] else a2)

    score_ms, _ = median_ms(score, n)

    print(f"font: {family}; language: {lang}; median of {n} refreshes "
          f"({max(5, n // 4)} from scratch); dashboard = {', '.join(names)}")
    print(f"baseline  empty Figure + 1 Axes, draw     {baseline:7.1f} ms")
    print(f"scratch   build + draw all {len(names)} charts       {scratch_ms:7.1f} ms   "
          f"x{scratch_ms / baseline:5.1f} baseline")
    print(f"in place  update + full draw, {len(names)} charts    {full_ms:7.1f} ms   x{full_ms / baseline:5.1f} baseline")
    print(f"in place  update + draw_fast, {len(names)} charts    {fast_ms:7.1f} ms   x{fast_ms / baseline:5.1f} baseline"
          f"   target < 50 ms: {'met' if fast_ms < 50 else 'NOT met'}")
    print(f"          (best of {n}: {min(fast_times):.1f} ms against a best baseline of {min(base_times):.1f} ms; "
          "on a busy machine the medians swell, the ratios less)")
    print(f"unchanged update + draw_fast (nothing drawn) {same_ms:7.1f} ms")
    print("per chart (update + full draw / update + draw_fast):")
    for name, full, fast in per_chart:
        print(f"          {name:<14} {full:7.1f} ms / {fast:6.1f} ms   x{full / baseline:4.1f} / x{fast / baseline:4.1f}")
    print(f"scoring   score_answers (core, for scale)  {score_ms:7.1f} ms")


if __name__ == "__main__":
    main()
