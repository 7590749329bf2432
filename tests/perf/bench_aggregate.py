"""Benchmark: aggregating 10,000 plan workbooks (goals: CPU per file within 2x python-calamine reading every sheet, at least 10x a pandas loop, under 250 MB).

Run by hand:  .venv/bin/python tests/perf/bench_aggregate.py [N] [BASELINE_N] [--rounds R] [--smoke]

(pandas is needed for its baseline only: ``pip install -e .[bench]``; without it that baseline is
left out and said so. ``--smoke`` runs 24 files in a temporary folder, as CI does, so the script
cannot rot; its figures mean nothing at that size.)

1. Generates N plan workbooks of random firms (about one in ten assessed twice) with
   the export's ``write_plan_workbook``, once, into /tmp/smedigital-bench-aggregate-N
   (reused on the next run; delete the folder to make them again). Each firm has its
   own name, credit code, region and industry division, and its own answers: one of 100
   random answer sets with a few answers (PERTURBED) drawn afresh for that firm, so no two
   firms' answers are alike and the aggregation scores every file (its cache of scored
   answer sets never hits, as in a real folder where each firm differs). The plan written
   with them is the answer set's own (planning is slow, ~0.4 s a firm): the aggregation never
   checks a plan's steps against the answers (it counts their costs), and the recorded scores,
   which it does check, are the firm's own, computed by the export from its answers.
2. In a fresh process: ``aggregate()`` over the folder on every core, then
   ``write_summary`` and ``write_long_csv``; files per second, CPU time per file (of the
   parent and every worker, counted from the call: the baselines count theirs from their
   loop, so neither counts its interpreter's start and imports; ours are printed apart), and
   the peak resident memory of that process and of its largest worker (``ru_maxrss``).
   Done ``--rounds`` times (default 2), taking turns with the python-calamine baseline; the
   faster run counts for the rates, the one that took less CPU for the CPU per file (the
   machine may be shared, and a busy host slows CPU time too), which is printed with the
   parent's share; every run's figures are printed. A worker's own start (interpreter,
   imports, frameworks: measured in fresh processes) is printed apart, with the ratio
   without it, counted as the baselines count theirs (from their loop).
3. In other fresh processes, the baselines over the first BASELINE_N files: python-calamine
   reading every sheet of each file (the reader's own speed: the goal is aggregation within
   2x its CPU time per file), after each of ours but the last (at least twice), its leaner
   run counting; beside it the same on every core (as many processes at once as the
   aggregation has workers, each reading BASELINE_N files of its own: a core's CPU time per
   file grows when its neighbours work too, as they do in the aggregation), with the ratio to
   that; and, once,
   ``pandas.read_excel(path, sheet_name=None, engine="openpyxl")``; files per second,
   CPU time per file and peak memory.

Prints the rates, the speed-up, the memory figures and the time projected for
100,000 files.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "data" / "aggregate"))



ANSWER_SETS = 100  # planning is slow (~0.4 s); firms start from shared answer sets and plans, never share identity
PERTURBED = 4  # answers drawn afresh for each firm (and each later assessment): every firm's answers its own


@functools.cache
def _answer_set(k: int) -> tuple[Any, Any]:
    import aggcorpus as corpus

    from smedigital.core.planning import build_plan

    a = corpus.random_assessment(random.Random(10**6 + k))
    return a, build_plan(a)


def _perturbed(a: Any, rng: random.Random) -> dict[str, Any]:
    """The answer set's answers with PERTURBED questions (of those that apply) answered afresh."""
    import aggcorpus as corpus

    from smedigital.core.framework import get_framework

    fw = get_framework(a.framework_id)
    questions = fw.questions_for(fw.modules_for(a.company.industry_section))
    answers = dict(a.answers)
    for q in rng.sample(questions, PERTURBED):
        answers[q.id] = corpus.random_answer(q, rng)
    return answers


def _make(args: tuple[int, str]) -> None:
    import aggcorpus as corpus

    from smedigital.core.profile import load_industries

    index, folder = args
    rng = random.Random(index)
    base, plan = _answer_set(index % ANSWER_SETS)
    section = base.company.industry_section
    divisions = load_industries().sections[section].divisions
    company = replace(base.company, name=f"基准测试企业{index:06}有限公司", credit_code=corpus.credit_code(rng),
                      region=rng.choice(corpus.REGIONS), share_contact=rng.random() < 0.5,
                      industry=f"{section}{rng.choice(divisions)}" if divisions else section)
    a = replace(base, company=company, answers=_perturbed(base, rng))
    where = Path(folder) / f"{index // 1000:03}"
    corpus.plan_workbook(where / f"firm{index:06}.xlsx", a, "en" if index % 7 == 0 else "zh", plan)
    if index % 10 == 0:  # a second, later assessment of the same firm
        later, later_plan = _answer_set((index // 10) % ANSWER_SETS)
        later = replace(later, company=company, assessed_on="2026-12-15", answers=_perturbed(later, rng))
        corpus.plan_workbook(where / f"firm{index:06}-b.xlsx", later, "zh", later_plan)


def corpus_folder(n: int, root: Path | None = None) -> Path:
    folder = (root or Path("/tmp")) / f"smedigital-bench-aggregate-own-{n}"  # "own": every firm's answers its own
    marker = folder.with_suffix(".done")  # beside the folder: every file inside is an input
    if marker.exists():
        return folder
    firms = n * 10 // 11  # with every tenth firm assessed twice, n files in all
    for i in range(0, firms, 1000):
        (folder / f"{i // 1000:03}").mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    with ProcessPoolExecutor() as pool:
        for done, _ in enumerate(pool.map(_make, [(i, str(folder)) for i in range(firms)], chunksize=50), 1):
            if done % 1000 == 0:
                print(f"  generated {done}/{firms} firms", file=sys.stderr, flush=True)
    files = sum(1 for _ in folder.rglob("*.xlsx"))
    marker.write_text(json.dumps({"files": files}))
    print(f"generated {files} workbooks in {time.perf_counter() - start:.0f} s into {folder}", file=sys.stderr)
    return folder


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def _own_peak_mb() -> float:
    """This process's own peak resident size so far (VmHWM; Linux, else 0)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def _cpu_s(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


class WorkerPeaks:
    """The largest own peak (VmHWM) of this process's children while they run (Linux; else none).

    ``ru_maxrss`` of a spawned child also counts the parent's resident size at the moment the child
    was started (Linux carries the old image's high-water mark across exec), so it says as much about
    the parent as about the worker; VmHWM is the worker's own."""

    def __init__(self) -> None:
        import threading

        self.peak_kb = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._poll, daemon=True)

    def _children(self) -> list[str]:
        pids: list[str] = []
        for task in Path(f"/proc/{os.getpid()}/task").iterdir():
            pids.extend((task / "children").read_text().split())
        return pids

    def _poll(self) -> None:
        while not self.stop.wait(0.2):
            try:
                for pid in self._children():
                    # a worker once it runs its own program: a child caught between fork and exec still holds (and
                    # reports as its VmHWM) this process's image
                    if b"spawn_main" not in Path(f"/proc/{pid}/cmdline").read_bytes():
                        continue
                    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                        if line.startswith("VmHWM:"):
                            self.peak_kb = max(self.peak_kb, int(line.split()[1]))
            except (OSError, ValueError):
                continue

    def __enter__(self) -> WorkerPeaks:
        if Path(f"/proc/{os.getpid()}/task").is_dir():
            self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        if self.thread.is_alive():
            self.thread.join()


def measure_ours(folder: str) -> dict[str, float]:
    from smedigital.aggregate import aggregate, write_long_csv, write_summary

    out = Path(folder).parent / f"{Path(folder).name}-out"
    out.mkdir(exist_ok=True)
    # CPU from here, as the baselines count theirs from their loop: this process's start and its imports (printed
    # apart) are left out; the workers' start, imports and warm-up, and everything the parent does, count
    start_self, start_children = _cpu_s(resource.RUSAGE_SELF), _cpu_s(resource.RUSAGE_CHILDREN)
    start_cpu = start_self + start_children
    imported = _own_peak_mb()
    start = time.perf_counter()
    with WorkerPeaks() as peaks, aggregate([folder]) as result:
        read = time.perf_counter() - start
        parent_cpu = _cpu_s(resource.RUSAGE_SELF) - start_self
        cpu = parent_cpu + _cpu_s(resource.RUSAGE_CHILDREN) - start_children
        after_aggregate = _own_peak_mb()
        t = time.perf_counter()
        write_summary(result, out / "summary.xlsx")
        summary = time.perf_counter() - t
        t = time.perf_counter()
        rows = write_long_csv(result, out / "long.csv")
        long_csv = time.perf_counter() - t
        counts = result.counts
    return {"files": counts.files, "accepted": counts.accepted, "firms": counts.firms, "read_s": read, "cpu_s": cpu,
            "parent_cpu_s": parent_cpu, "import_cpu_s": start_cpu,
            "summary_s": summary, "csv_s": long_csv, "csv_rows": rows,
            "parent_mb": _peak_mb(resource.RUSAGE_SELF), "worker_mb": _peak_mb(resource.RUSAGE_CHILDREN),
            "parent_start_mb": imported, "parent_aggregate_mb": after_aggregate,
            "worker_own_mb": peaks.peak_kb / 1024,
            "workers": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1}


def measure_calamine(folder: str, n: int, offset: int = 0) -> dict[str, float]:
    from python_calamine import CalamineWorkbook

    files = sorted(str(p) for p in Path(folder).rglob("*.xlsx"))[offset:offset + n]
    start, cpu = time.perf_counter(), _cpu_s(resource.RUSAGE_SELF)
    for path in files:
        book = CalamineWorkbook.from_path(path)
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python()
    return {"files": len(files), "read_s": time.perf_counter() - start, "cpu_s": _cpu_s(resource.RUSAGE_SELF) - cpu,
            "parent_mb": _peak_mb(resource.RUSAGE_SELF)}


def measure_pandas(folder: str, n: int) -> dict[str, float]:
    import pandas as pd

    files = sorted(str(p) for p in Path(folder).rglob("*.xlsx"))[:n]
    start, cpu = time.perf_counter(), _cpu_s(resource.RUSAGE_SELF)
    for path in files:
        pd.read_excel(path, sheet_name=None, engine="openpyxl")
    return {"files": len(files), "read_s": time.perf_counter() - start, "cpu_s": _cpu_s(resource.RUSAGE_SELF) - cpu,
            "parent_mb": _peak_mb(resource.RUSAGE_SELF)}


def worker_start_s(tries: int = 3) -> float:
    """CPU seconds a fresh process takes to be what a worker is before its first file (the interpreter, the
    worker's imports, the frameworks and tables loaded): the leaner of ``tries``."""
    code = "import smedigital.aggregate.pool as p; p.warm_up()"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    best = float("inf")
    for _ in range(tries):
        before = _cpu_s(resource.RUSAGE_CHILDREN)
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
        best = min(best, _cpu_s(resource.RUSAGE_CHILDREN) - before)
    return best


def calamine_on_every_core(folder: str, n: int, processes: int) -> dict[str, float]:
    """python-calamine in ``processes`` fresh processes at once, each reading ``n`` files of its own: the
    baseline's CPU per file when every core is busy, as the aggregation's are (a core's CPU time per file grows
    when its neighbours work too: shared caches and memory)."""
    procs = [subprocess.Popen([sys.executable, __file__, "--measure", "calamine", folder, str(n), str(k * n)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for k in range(processes)]
    runs = []
    for proc in procs:
        out, err = proc.communicate()
        if proc.returncode != 0:
            raise SystemExit(err)
        runs.append(json.loads(out.strip().splitlines()[-1]))
    return {"files": sum(r["files"] for r in runs), "cpu_s": sum(r["cpu_s"] for r in runs),
            "read_s": max(r["read_s"] for r in runs), "processes": processes}


def in_fresh_process(what: str, *args: str) -> dict[str, float]:
    proc = subprocess.run([sys.executable, __file__, "--measure", what, *args], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    if sys.argv[1:2] == ["--measure"]:
        what, folder = sys.argv[2], sys.argv[3]
        measures: dict[str, Callable[..., dict[str, float]]] = {
            "ours": measure_ours, "calamine": measure_calamine, "pandas": measure_pandas}
        measure = measures[what]
        figures = measure(folder) if what == "ours" else measure(folder, *map(int, sys.argv[4:]))
        print(json.dumps(figures))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=10_000, help="plan workbooks to aggregate")
    parser.add_argument("baseline_n", nargs="?", type=int, default=500, help="files the baselines read")
    parser.add_argument("--smoke", action="store_true", help="24 files in a temporary folder (CI)")
    parser.add_argument("--rounds", type=int, default=2,
                        help="times ours and the python-calamine baseline each run, one after the other (at least 2)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.smoke:
            report(corpus_folder(24, Path(tmp)), 6)
        else:
            report(corpus_folder(args.n), args.baseline_n, max(2, args.rounds))


def _listed(runs: list[dict[str, float]], key: str, places: int = 2, unit: str = "") -> str:
    """Each run's figure: seconds (``read_s``) as they are, CPU seconds (``cpu_s``) in ms per file."""
    values = [r[key] if key == "read_s" else 1000 * r[key] / r["files"] for r in runs]
    return ", ".join(f"{v:.{places}f}{unit}" for v in values)


def report(folder: Path, baseline_n: int, rounds: int = 2) -> None:
    # The machine may be shared (another job, or a busy host under a virtual machine, slows CPU time too, by a
    # quarter at times): ours and the python-calamine baseline take turns, ``rounds`` times each, and the leaner
    # run of each counts for the CPU ratio (the faster of ours for the rates); every run is printed. CPU time per
    # file (every process, whatever else is running) is printed beside the wall-clock rates.
    runs: list[dict[str, float]] = []
    calamines: list[dict[str, float]] = []
    every_core: list[dict[str, float]] = []
    base = None
    for n in range(rounds):
        runs.append(in_fresh_process("ours", str(folder)))
        if n < rounds - 1 or len(calamines) < 2:
            calamines.append(in_fresh_process("calamine", str(folder), str(baseline_n)))
            every_core.append(calamine_on_every_core(str(folder), baseline_n, int(runs[0]["workers"])))
        if n == 0:
            try:
                import pandas  # noqa: F401
            except ImportError:
                pass
            else:
                base = in_fresh_process("pandas", str(folder), str(baseline_n))
    ours = min(runs, key=lambda r: r["read_s"])
    rate = ours["files"] / ours["read_s"]
    per_core = rate / ours["workers"]
    # CPU: the run that took less (the machine may be shared: another job's load slows both wall and CPU time)
    leaner = min(runs, key=lambda r: r["cpu_s"])
    cpu_ms = 1000 * leaner["cpu_s"] / leaner["files"]
    parent_ms = 1000 * leaner.get("parent_cpu_s", 0.0) / leaner["files"]
    print(f"aggregate(): {ours['files']:,.0f} files ({ours['accepted']:,.0f} accepted, {ours['firms']:,.0f} firms) in "
          f"{ours['read_s']:.1f} s = {rate:,.0f} files/s on {ours['workers']:.0f} cores ({per_core:,.0f} per core; "
          f"runs: {_listed(runs, 'read_s', 1, ' s')}); CPU {cpu_ms:.2f} ms per file (the leaner run; runs: "
          f"{_listed(runs, 'cpu_s')})")
    print(f"  of which the parent {parent_ms:.2f} ms a file and the workers {cpu_ms - parent_ms:.2f}")
    start_s = worker_start_s()
    start_ms = 1000 * start_s * ours["workers"] / leaner["files"]
    print(f"  a worker's own start (interpreter, imports, frameworks and tables loaded) {start_s:.2f} s CPU (the "
          f"leaner of 3), its {ours['workers']:.0f} workers' {start_ms:.2f} ms a file at this size: counted above, "
          "where the baselines count from their loop (their start and imports left out)")
    print(f"  CPU counted from the call (workers' start and warm-up included); before it, the process's start and "
          f"imports took {ours['import_cpu_s']:.2f} s more ({1000 * ours['import_cpu_s'] / ours['files']:.2f} ms a file "
          "at this size)")
    print(f"  write_summary {ours['summary_s']:.1f} s, write_long_csv {ours['csv_s']:.1f} s "
          f"({ours['csv_rows']:,.0f} rows)")
    print(f"  peak memory: parent {ours['parent_mb']:.0f} MB, largest worker {ours['worker_mb']:.0f} MB (ru_maxrss)")
    if ours.get("parent_aggregate_mb"):
        print(f"  the parent's own peak (VmHWM): {ours['parent_start_mb']:.0f} MB with its imports, "
              f"{ours['parent_aggregate_mb']:.0f} MB when aggregate() returned, {ours['parent_mb']:.0f} MB after "
              "write_summary and write_long_csv")
    if ours.get("worker_own_mb"):
        print(f"  largest worker's own peak (VmHWM): {ours['worker_own_mb']:.0f} MB (ru_maxrss of a spawned child "
              "also counts the parent's size when it was started)")
    calamine = min(calamines, key=lambda r: r["cpu_s"] / r["files"])
    cal_ms = 1000 * calamine["cpu_s"] / calamine["files"]
    print(f"baseline, python-calamine reading every sheet: {calamine['files']:,.0f} files, CPU {cal_ms:.2f} ms per file "
          f"(the leaner run; runs: {_listed(calamines, 'cpu_s')})")
    print(f"ratio of CPU time per file to python-calamine: {cpu_ms / cal_ms:.2f}x (goal: within 2x); without the "
          f"workers' start, counted as the baseline counts: {(cpu_ms - start_ms) / cal_ms:.2f}x")
    cores = min(every_core, key=lambda r: r["cpu_s"] / r["files"])
    cores_ms = 1000 * cores["cpu_s"] / cores["files"]
    print(f"baseline, python-calamine on every core ({cores['processes']:.0f} processes at once, {baseline_n:,} files "
          f"each, as the aggregation keeps every core busy): CPU {cores_ms:.2f} ms per file (the leaner run; runs: "
          f"{_listed(every_core, 'cpu_s')}); ratio {cpu_ms / cores_ms:.2f}x")
    if base is None:
        print("pandas is not installed: its baseline is left out (pip install -e .[bench])")
    else:
        base_rate = base["files"] / base["read_s"]
        base_cpu_ms = 1000 * base["cpu_s"] / base["files"]
        print(f"pandas.read_excel(sheet_name=None, engine='openpyxl') loop: {base['files']:,.0f} files in "
              f"{base['read_s']:.1f} s = {base_rate:,.1f} files/s; CPU {base_cpu_ms:.1f} ms per file; "
              f"peak {base['parent_mb']:.0f} MB")
        speedup = rate / base_rate
        print(f"speed-up: {speedup:.1f}x ({per_core / base_rate:.1f}x per core; {base_cpu_ms / cpu_ms:.1f}x in CPU "
              f"time per file); goal 10x: {'met' if speedup >= 10 else 'NOT met'}")
        print(f"projected for 100,000 files: {100_000 / rate / 60:.1f} min "
              f"(pandas loop: {100_000 / base_rate / 3600:.1f} h)")
    peak = ours["parent_mb"] + ours["workers"] * ours["worker_mb"]
    print(f"memory, parent + every worker at its peak (ru_maxrss): {peak:.0f} MB; goal under 250 MB: "
          f"{'met' if peak < 250 else 'NOT met'}")
    if ours.get("worker_own_mb"):
        own = ours["parent_mb"] + ours["workers"] * ours["worker_own_mb"]
        print(f"memory, parent + every worker at its own peak (VmHWM): {own:.0f} MB; goal under 250 MB: "
              f"{'met' if own < 250 else 'NOT met'}")


if __name__ == "__main__":
    main()
