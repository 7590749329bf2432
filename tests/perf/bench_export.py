"""How long writing one improvement plan workbook takes (goal: under 0.3 s).

Run by hand (pytest does not collect tests/perf):

    .venv/bin/python tests/perf/bench_export.py [--repeat N] [--smoke]

Two timings in one run, each the median of N writes of the bundled sample
assessment with a plan for level 3 (16 actions):

* ``write_plan_workbook``: the whole export (five visible sheets with styles,
  validations, conditional formats, two native charts, the record sheet with
  its checksum, the atomic save with fsync);
* plain openpyxl: a workbook with the same sheets and the same cell values and
  nothing else (no styles, charts, validations or record logic), saved with
  ``Workbook.save``, to put the first figure on this machine's scale.

The plan itself is made once beforehand: planning is the core's business and
has its own benchmark. Prints both medians and their ratio.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import openpyxl  # noqa: E402
from test_export_workbook import miit_library, sample  # noqa: E402

from smedigital.core.planning import build_plan  # noqa: E402
from smedigital.export.workbook import write_plan_workbook  # noqa: E402

GOAL_SECONDS = 0.3


def cells_of(path: Path) -> list[tuple[str, list[tuple[int, int, object]]]]:
    wb = openpyxl.load_workbook(path)
    out = []
    for ws in wb.worksheets:
        out.append((ws.title, [(c.row, c.column, c.value) for row in ws.iter_rows() for c in row
                               if c.value is not None]))
    return out


def plain_write(sheets: list[tuple[str, list[tuple[int, int, object]]]], path: Path) -> None:
    wb = openpyxl.Workbook()
    first = True
    for title, cells in sheets:
        if first:
            ws = wb.active
            ws.title = title
            first = False
        else:
            ws = wb.create_sheet(title)
        for r, c, v in cells:
            ws.cell(row=r, column=c).value = v
    wb.save(path)


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--smoke", action="store_true", help="two writes each (CI: the script runs; figures mean nothing)")
    args = parser.parse_args()
    if args.smoke:
        args.repeat = 2
    a = sample()
    plan = build_plan(a, "level:3", library=miit_library())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        target = folder / "plan.xlsx"
        write_plan_workbook(a, target, "zh", plan)  # warm-up: imports, caches
        sheets = cells_of(target)
        plain_write(sheets, folder / "plain.xlsx")
        export = median_time(lambda: write_plan_workbook(a, target, "zh", plan), args.repeat)
        plain = median_time(lambda: plain_write(sheets, folder / "plain.xlsx"), args.repeat)
    n_cells = sum(len(cells) for _, cells in sheets)
    print(f"plan workbook ({len(plan.items)} actions, {len(sheets)} sheets, {n_cells} cells), median of "
          f"{args.repeat}:")
    print(f"  write_plan_workbook  {export * 1000:7.1f} ms   (goal < {GOAL_SECONDS * 1000:.0f} ms: "
          f"{'met' if export < GOAL_SECONDS else 'NOT met'})")
    print(f"  plain openpyxl       {plain * 1000:7.1f} ms   (baseline: same cells, no styles/charts/validation/record)")
    print(f"  ratio to the baseline {export / plain:6.2f} x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
