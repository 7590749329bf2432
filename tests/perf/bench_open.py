"""Opening an assessment: the first one in a fresh program, then others in the same program.

Run by hand (not collected by pytest)::

    .venv/bin/python tests/perf/bench_open.py [--runs 5] [--smoke]

A consultant opens firm after firm from the firm list in front of a client. Each run is a fresh
process: the program's first window (the firm list) is shown as ``smedigital`` shows it, and once it
is painted (and what waits for the first paint has run), three assessments are opened one after the
other as a double click on the firm list opens them (``MainWindow.open_assessment``): a CDI retail
chain, then another firm with the same framework (a farm co-operative), then a firm assessed with
another framework (the MIIT 2024 manufacturer). All three are complete, so each opens on its results
with the charts. An open is timed from the call to the moment the assessment is painted with nothing
left waiting (the results page's charts and the planner's gap drawn): wall clock and the CPU time of
the process, median of the runs. The baseline is measured in the same process: the CPU time the program
took to its first window (interpreter start included), so a machine busy with other work disturbs
both alike; the CPU times are the figures to compare between two versions of the program.

Bytecode is written to a temporary folder by a warm-up run, and matplotlib's font cache is built there,
as an installed program that has run once has them. Uses the offscreen Qt platform unless a display is
available.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ("retail-chain-cdi", "farm-cooperative-cdi", "manufacturer-miit")  # the order they are opened in
LABELS = ("first assessment (CDI)", "second, another firm, same framework", "third, another framework (MIIT)")

OPENING = """
import json, sys, time
sys.path.insert(0, ROOT)
from smedigital.ui.application import create_window, show_first_window
app, window = create_window()
from smedigital.library import settings
settings.LAST_ASSESSMENT.set(window.library, None)  # the run before left one: the program would reopen it
show_first_window(window)
while window.windowHandle() is None or not window.windowHandle().isExposed():
    app.processEvents()
window.repaint()
first_cpu = time.process_time()
for _ in range(20):  # what waits for the first paint (the log file, the reminders) runs now
    app.processEvents()


def settled():
    view = window.assessment_view
    page = view.stack.currentWidget() if view is not None else None
    return view is not None and window.showing_assessment() and not getattr(page, "stale", False)


opens = []
for aid in IDS:
    wall, cpu = time.time(), time.process_time()
    if not window.open_assessment(aid):
        raise SystemExit(f"assessment {aid} did not open")
    if aid == IDS[0] and "matplotlib" in sys.modules:
        raise SystemExit("matplotlib was imported before the first assessment was opened")
    while not settled():
        app.processEvents()
    window.repaint()
    app.processEvents()
    opens.append({"wall": time.time() - wall, "cpu": time.process_time() - cpu,
                  "step": window.assessment_view.current_step()})
print(json.dumps({"first_cpu": first_cpu, "opens": opens}))
window.library.close()
"""


def prepare_library(data: Path, env: dict[str, str]) -> list[int]:
    """The three samples in a fresh library (in another process: this one stays without the frameworks)."""
    code = textwrap.dedent(f"""
        import sys, json
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from smedigital.library import Library
        lib = Library.open()
        ids = []
        for name in {SAMPLES!r}:
            d = json.loads((Path({str(ROOT / "resources" / "samples")!r}) / (name + ".smd.json")).read_text(
                encoding="utf-8"))
            d["company"].pop("credit_code", None)
            p = Path({str(data)!r}) / "tmp.smd.json"
            p.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
            ids.append(lib.import_file(p))
            p.unlink()
        lib.close()
        print(json.dumps(ids))
    """)
    proc = subprocess.run([sys.executable, "-c", code], check=True, env=env, capture_output=True, text=True)
    return list(json.loads(proc.stdout.strip().splitlines()[-1]))


def run_once(code: str, env: dict[str, str]) -> dict:
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-3000:])
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--smoke", action="store_true", help="one run (CI: the script runs; figures mean nothing)")
    args = parser.parse_args()
    if args.smoke:
        args.runs = 1
    env = dict(os.environ)
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.pop("MPLCONFIGDIR", None)  # matplotlib's cache in the library's data folder, as the program has it
    with tempfile.TemporaryDirectory(prefix="smedigital-bench-") as tmp:
        env["SMEDIGITAL_DATA_DIR"] = tmp
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        ids = prepare_library(Path(tmp), env)
        code = f"ROOT = {str(ROOT)!r}\nIDS = {ids!r}\n" + OPENING
        run_once(code, env)  # warm-up: bytecode, matplotlib's font cache, the file cache
        started = time.time()
        results = [run_once(code, env) for _ in range(args.runs)]
        took = time.time() - started
    base = statistics.median(r["first_cpu"] for r in results)
    print(f"platform: {env.get('QT_QPA_PLATFORM') or 'default (display)'}; {args.runs} run(s), median "
          f"({took:.0f} s)")
    print(f"baseline, CPU time to the program's first window (the firm list): {base * 1000:6.0f} ms")
    for i, label in enumerate(LABELS):
        wall = statistics.median(r["opens"][i]["wall"] for r in results)
        cpu = statistics.median(r["opens"][i]["cpu"] for r in results)
        step = results[0]["opens"][i]["step"]
        print(f"open {i + 1}, {label:40s} CPU {cpu * 1000:6.0f} ms ({cpu / base:4.2f}x the baseline), "
              f"wall {wall * 1000:6.0f} ms; shown: {step}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
