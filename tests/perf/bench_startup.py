"""Start-up time: smedigital's first window against a bare PySide6 QMainWindow.

Run by hand (not collected by pytest)::

    .venv/bin/python tests/perf/bench_startup.py [--runs 7] [--firms 20] [--reopen] [--instructions]

Each measurement is a fresh process: the time from just before the process is started to
the moment its first window is exposed and painted (and one more turn of the event loop, so
what the program puts off until the first paint is counted too), median of the runs; beside it the CPU
time the process used up to then (interpreter start included), which a busy machine (other
jobs on the same CPUs) disturbs much less than the wall-clock time. The library
holds ``--firms`` copies of the sample firm so the firm list has rows to show. Also prints
which heavy modules (matplotlib, openpyxl, ...) were imported before the first window:
there should be none. Beside it, the CPU time of the program as ``smedigital`` starts it (``smedigital.app``:
its arguments and the lock that keeps one program per library), which ``create_window`` alone does
without, to its first window and with what it does once the window is painted. With ``--reopen``, also a start that reopens the last assessment, as the program
does when the user closed it on one: the firm list is painted first, then the assessment is shown. Goal (issue 17): smedigital within 1.5x of the bare window. Bytecode is written to
a temporary folder by a warm-up run, as an installed program has it compiled.

With ``--instructions``, also the instructions each of the three starts executes to its first window, counted
by valgrind's callgrind (one run each, the process ended right there): on a shared or virtual machine whose CPU
time varies by half from one minute to the next, the figure that does not move.

Uses the offscreen Qt platform unless a display is available (run under
``xvfb-run -a`` to measure with a real X server).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("matplotlib", "openpyxl", "fpdf", "python_calamine", "numpy", "PIL", "smedigital.charts",
         "smedigital.export", "smedigital.ui.assessment",
         # the frameworks (YAML, scoring): the firm list's labels are kept in the library after the first start
         "smedigital.core.framework")

WAIT_EXPOSED = """
import os
def wait_shown(app, window):
    window.show()
    while window.windowHandle() is None or not window.windowHandle().isExposed():
        app.processEvents()
    window.repaint()
    app.processEvents()
"""

BARE = WAIT_EXPOSED + """
import json, sys, time
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([sys.argv[0]])
window = QMainWindow()
window.resize(1200, 780)
wait_shown(app, window)
print(json.dumps({"shown": time.time(), "cpu": time.process_time(), "heavy": []}), flush=True)
if os.environ.get("SMEDIGITAL_BENCH_EXIT"):  # --instructions: nothing after the first window is counted
    os._exit(0)
"""

SMEDIGITAL = WAIT_EXPOSED + """
import json, sys, time
sys.path.insert(0, ROOT)
from smedigital.ui.application import create_window
app, window = create_window()
wait_shown(app, window)
shown, cpu = time.time(), time.process_time()
heavy = sorted(m for m in sys.modules if any(m == h or m.startswith(h + ".") for h in HEAVY))
heavy = sorted({next(h for h in HEAVY if m == h or m.startswith(h + ".")) for m in heavy})
print(json.dumps({"shown": shown, "cpu": cpu, "heavy": heavy, "rows": window.home.model.rowCount()}), flush=True)
if os.environ.get("SMEDIGITAL_BENCH_EXIT"):
    os._exit(0)
window.library.close()
"""


PROGRAM = WAIT_EXPOSED + """
import json, sys, time
sys.path.insert(0, ROOT)
from smedigital.app import parse_args  # what smedigital.app.main does, up to its event loop
args, qt_args = parse_args([])
from smedigital.ui.application import create_window, show_first_window
app, window = create_window(args.lang, qt_args, single=args.files)
show_first_window(window, args.files)
from PySide6.QtCore import QAbstractEventDispatcher
painted = []

# As the program tells its first paint (application._after_first_paint: the window exposed when the event loop
# wakes or is about to wait), connected after it, so called right after it: it has only put off what waits for
# the paint (a zero timer), which runs later in this turn. Not an event filter: a Python event filter would make
# PySide6's event classes, which the program's first window does without.
def probe():
    handle = window.windowHandle()
    if handle is not None and handle.isExposed() and not painted:
        painted.append(time.process_time())
        if os.environ.get("SMEDIGITAL_BENCH_EXIT"):  # --instructions: counted to the first paint itself
            print(json.dumps({"shown": time.time(), "cpu": painted[0], "painted_cpu": painted[0]}), flush=True)
            os._exit(0)

QAbstractEventDispatcher.instance().awake.connect(probe)
QAbstractEventDispatcher.instance().aboutToBlock.connect(probe)
wait_shown(app, window)
while not painted:
    app.processEvents()
print(json.dumps({"shown": time.time(), "cpu": time.process_time(), "painted_cpu": painted[0]}))
window.library.close()
window.release_instance_guard()
"""

REOPENING = """
import json, sys, time
sys.path.insert(0, ROOT)
from smedigital.ui.application import create_window, show_first_window
app, window = create_window()
show_first_window(window)  # as the program starts: reopening the last assessment waits for the first paint
while window.windowHandle() is None or not window.windowHandle().isExposed():
    app.processEvents()
window.repaint()
shown, cpu = time.time(), time.process_time()
while not window.showing_assessment():
    app.processEvents()
print(json.dumps({"shown": shown, "cpu": cpu, "reopened": time.time(), "reopened_cpu": time.process_time()}))
window.library.close()
"""


def run_once(code: str, env: dict[str, str], instructions: bool = False) -> dict:
    start = time.time()
    command = [sys.executable, "-c", code]
    if instructions:  # counted by valgrind's callgrind: exact whatever else the machine runs
        command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command]
        env = {**env, "SMEDIGITAL_BENCH_EXIT": "1"}
    proc = subprocess.run(command, capture_output=True, text=True, env=env, timeout=1200 if instructions else 120)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-3000:])
    line = proc.stdout.strip().splitlines()[-1]
    out = json.loads(line)
    out["seconds"] = out["shown"] - start
    if instructions:
        counted = re.search(r"Collected : (\d+)", proc.stderr)
        if counted is None:
            raise RuntimeError("callgrind printed no count: " + proc.stderr[-2000:])
        out["instructions"] = int(counted.group(1))
    return out


def prepare_library(data: Path, firms: int, env: dict[str, str], reopen: bool = False) -> None:
    """``firms`` copies of each sample; with ``reopen``, the last one imported is the assessment the
    program reopens (as when the user closed the program on it)."""
    code = textwrap.dedent(f"""
        import sys, json
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from smedigital.library import Library, settings
        samples = sorted(Path({str(ROOT / "resources" / "samples")!r}).glob("*.smd.json"))
        lib = Library.open()
        for i in range({firms}):
            for s in samples:
                d = json.loads(s.read_text(encoding="utf-8"))
                d["company"]["name"] += f" {{i}}"
                d["company"].pop("credit_code", None)
                p = Path({str(data)!r}) / "tmp.smd.json"
                p.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
                last = lib.import_file(p)
        if {reopen!r}:
            settings.LAST_ASSESSMENT.set(lib, last)
        lib.close()
    """)
    subprocess.run([sys.executable, "-c", code], check=True, env=env)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--firms", type=int, default=20)
    parser.add_argument("--smoke", action="store_true", help="one run each, two firms (CI: the script runs; figures mean nothing)")
    parser.add_argument("--instructions", action="store_true",
                        help="also count the instructions to the first window (valgrind's callgrind, one run each: "
                             "exact on a busy machine, where CPU time is not; needs valgrind, takes a minute or two)")
    parser.add_argument("--reopen", action="store_true",
                        help="also time a start that reopens the last assessment: to the first paint (the firm "
                             "list) and to the assessment shown")
    args = parser.parse_args()
    if args.smoke:
        args.runs, args.firms = 1, 2
    env = dict(os.environ)
    if not (env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        env["SMEDIGITAL_DATA_DIR"] = tmp
        # An installed program has its bytecode compiled; here it goes to a temporary folder
        # (the warm-up run writes it) even where PYTHONDONTWRITEBYTECODE is set.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        prepare_library(Path(tmp), args.firms, env)
        header = f"ROOT = {str(ROOT)!r}\nHEAVY = {HEAVY!r}\n"
        run_once(BARE, env)  # warm the file cache once for both
        run_once(header + SMEDIGITAL, env)
        run_once(header + PROGRAM, env)
        bare, ours, bare_cpu, ours_cpu, heavy, rows, program = [], [], [], [], set(), 0, []
        for _ in range(args.runs):  # interleaved, so a busy moment hits both alike
            result = run_once(BARE, env)
            bare.append(result["seconds"])
            bare_cpu.append(result["cpu"])
            result = run_once(header + SMEDIGITAL, env)
            ours.append(result["seconds"])
            ours_cpu.append(result["cpu"])
            heavy |= set(result["heavy"])
            rows = result["rows"]
            program.append(run_once(header + PROGRAM, env))
        counts: list[int] = []
        if args.instructions:
            counts = [run_once(code, env, instructions=True)["instructions"]
                      for code in (BARE, header + SMEDIGITAL, header + PROGRAM)]
        reopening: list[dict] = []
        if args.reopen:
            env["SMEDIGITAL_DATA_DIR"] = str(Path(tmp) / "reopen")
            prepare_library(Path(tmp), args.firms, env, reopen=True)
            run_once(header + REOPENING, env)
            reopening = [run_once(header + REOPENING, env) for _ in range(args.runs)]
    b, o = statistics.median(bare), statistics.median(ours)
    print(f"platform: {env.get('QT_QPA_PLATFORM') or 'default (display)'}; {args.runs} runs each, median; "
          f"firm list with {rows} firms")
    print(f"baseline, bare PySide6 QMainWindow: {b * 1000:7.0f} ms  (min {min(bare) * 1000:.0f}, max {max(bare) * 1000:.0f})")
    print(f"smedigital first window:            {o * 1000:7.0f} ms  (min {min(ours) * 1000:.0f}, max {max(ours) * 1000:.0f})")
    print(f"ratio to the baseline: {o / b:.2f}x (goal: within 1.5x)")
    bc, oc = statistics.median(bare_cpu), statistics.median(ours_cpu)
    print(f"CPU time to the first window: bare {bc * 1000:.0f} ms, smedigital {oc * 1000:.0f} ms, ratio {oc / bc:.2f}x")
    pc = statistics.median(r["cpu"] for r in program)
    pp = statistics.median(r["painted_cpu"] for r in program)
    print(f"as the program starts (smedigital.app: its arguments, the one-program-per-library lock): CPU to its "
          f"first window {pp * 1000:.0f} ms, ratio {pp / bc:.2f}x; with what waits for the first paint (the log "
          f"file, listening for later launches, the Qt namespace, the clean-up) {pc * 1000:.0f} ms, ratio {pc / bc:.2f}x")
    if counts:
        print(f"instructions to the first window (callgrind): bare {counts[0] / 1e6:.1f} M, smedigital "
              f"{counts[1] / 1e6:.1f} M ({counts[1] / counts[0]:.3f}x), the program as launched to its first paint "
              f"{counts[2] / 1e6:.1f} M ({counts[2] / counts[0]:.3f}x)")
    if reopening:
        first = statistics.median(r["seconds"] for r in reopening)
        whole = statistics.median(r["reopened"] - r["shown"] + r["seconds"] for r in reopening)
        print(f"reopening the last assessment: first window (the firm list) {first * 1000:.0f} ms, CPU "
              f"{statistics.median(r['cpu'] for r in reopening) * 1000:.0f} ms ({first / b:.2f}x); the assessment "
              f"shown {whole * 1000:.0f} ms, CPU {statistics.median(r['reopened_cpu'] for r in reopening) * 1000:.0f} ms")
    print(f"heavy modules imported before the first window: {', '.join(sorted(heavy)) or 'none'}")
    return 0 if not heavy else 1


if __name__ == "__main__":
    sys.exit(main())
