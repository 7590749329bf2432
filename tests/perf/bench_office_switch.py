"""How long the regional overview takes to switch the framework shown (issue 17; run by hand).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/perf/bench_office_switch.py [--firms 300] [--rounds 10] [--smoke]

Makes ``--firms`` random firms' assessment files (two in three assessed with the MIIT 2024
manufacturing indicators, the rest with the retail sample's framework) in a temporary folder,
aggregates them in this process, shows the result in the office view (1360 x 860, offscreen), then
switches the framework shown back and forth: each switch is timed from the choice until the event
queue is empty again (the tables refilled, the three charts shown and painted). The first switch to
the other framework, whose charts are built then, is given on its own line. The baseline,
in the same run, is drawing and repainting one empty ``FigureCanvasQTAgg`` of the overview's chart
size: the floor of any chart's redraw. Last, the groups tab is shown again after the overview (its
tables laid out, its chart painted). The CPU time of this process is given as
well, steadier when other work shares the machine. ``--smoke``: 24 firms and two switches (CI: the script runs;
its figures mean nothing).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "data" / "aggregate"))
# a throwaway data dir unless one is given, so the bench never touches the user's library
if "SMEDIGITAL_DATA_DIR" not in os.environ:  # a throwaway data dir, removed when the bench exits
    _DATA = tempfile.TemporaryDirectory(prefix="smedigital-bench-")
    os.environ["SMEDIGITAL_DATA_DIR"] = _DATA.name

from smedigital.ui.qtguard import guard_singletons  # noqa: E402

guard_singletons()

from PySide6.QtWidgets import QApplication  # noqa: E402
from qtbench import empty_canvas_ms, settle  # noqa: E402


def stats(xs: list[float]) -> str:
    xs = sorted(xs)
    return f"median {statistics.median(xs):7.1f} ms  p90 {xs[max(int(len(xs) * 0.9) - 1, 0)]:7.1f} ms"


def make_files(folder: Path, n: int) -> list[Path]:
    import aggcorpus as corpus

    from smedigital.core.assessment import load_assessment
    from smedigital.core.framework import get_framework
    from smedigital.core.resources import resource_path

    other = get_framework(load_assessment(resource_path("samples", "retail-chain-cdi.smd.json")).framework_id)
    paths = []
    for i in range(n):
        rng = random.Random(i)
        fw = other if i % 3 == 2 else None
        a = corpus.random_assessment(rng, fw, name=f"基准测试企业{i:04}有限公司", code=corpus.credit_code(rng))
        paths.append(corpus.assessment_file(folder / f"firm{i:04}.smd.json", a))
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--firms", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--smoke", action="store_true", help="24 firms, two switches (CI: the script runs)")
    args = parser.parse_args()
    if args.smoke:
        args.firms, args.rounds = 24, 2
    app = QApplication.instance() or QApplication(sys.argv)


    from smedigital.aggregate import aggregate
    from smedigital.library import Library
    from smedigital.ui.office.view import OfficeView

    with tempfile.TemporaryDirectory(prefix="smedigital-bench-office-") as tmp:
        t = time.perf_counter()
        files = make_files(Path(tmp), args.firms)
        result = aggregate(files, workers=0)
        made_ms = (time.perf_counter() - t) * 1000
    lib = Library.open()
    view = OfficeView(lib)
    view.resize(1360, 860)
    view.show()
    settle(app)
    t = time.perf_counter()
    view._run_succeeded((result, None))
    settle(app)
    first_ms = (time.perf_counter() - t) * 1000
    frameworks = [view.framework_choice.itemData(i) for i in range(view.framework_choice.count())]
    assert len(frameworks) == 2, frameworks

    # baseline: one empty canvas of the overview's chart size, drawn and repainted
    base = empty_canvas_ms(app, (6.0, 2.8), (600, 280), max(args.rounds, 5))

    def switch(i: int) -> tuple[float, float]:
        t, c = time.perf_counter(), time.process_time()
        assert view.set_framework(frameworks[(i + 1) % 2])
        settle(app)
        assert view.shown_framework() == frameworks[(i + 1) % 2]
        return (time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000

    first_wall, first_cpu = switch(0)  # the other framework, never shown before: its charts are built
    wall, cpu = [], []
    for i in range(1, args.rounds + 1):
        w, c = switch(i)
        wall.append(w)
        cpu.append(c)
    print(f"firms: {result.counts.firms} in {len(frameworks)} frameworks (made and aggregated in {made_ms:.0f} ms); "
          f"first show {first_ms:.0f} ms")
    print(f"baseline, one empty canvas drawn and repainted: {stats(base)}")
    print(f"first switch to the other framework:            {first_wall:7.1f} ms (CPU {first_cpu:.1f} ms)   "
          f"x{first_wall / statistics.median(base):.1f} baseline")
    print(f"switch the framework shown, back and forth:     {stats(wall)}   "
          f"x{statistics.median(wall) / statistics.median(base):.1f} baseline")
    print(f"    the same, CPU time of this process:         {stats(cpu)}")

    # the groups tab shown again after the overview: its tables laid out anew (their columns were measured
    # when their texts changed, not on each layout pass), its chart painted
    tab_wall, tab_cpu = [], []
    for _ in range(max(args.rounds, 4)):
        view.tabs.setCurrentWidget(view.overview)
        settle(app)
        t, c = time.perf_counter(), time.process_time()
        view.tabs.setCurrentWidget(view.groups)
        settle(app)
        tab_wall.append((time.perf_counter() - t) * 1000)
        tab_cpu.append((time.process_time() - c) * 1000)
    print(f"the groups tab shown again:                     {stats(tab_wall)}")
    print(f"    the same, CPU time of this process:         {stats(tab_cpu)}")
    view.close()
    result.close()
    lib.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
