"""Every benchmark under tests/perf runs at its smoke size, so none of them rots unseen.

The figures printed at that size mean nothing and are not judged; what is checked is that the
script still runs against today's code and still reports a ratio to its baseline. The bundle's
benchmark needs the built installer: `.ci/run` runs it at its smoke size after the installers.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = sorted((ROOT / "tests" / "perf").glob("bench_*.py"))
AFTER_THE_INSTALLERS = {"bench_bundle.py"}
LITTER = "smedigital-bench-"  # what the benchmarks name their temporary folders
RATIO = re.compile(r"\d\s*x\b|\bx\s*\d")  # "1.66 x", "2.06x" or "x 2.6"


def test_every_benchmark_has_a_smoke_size_and_is_run():
    assert len(BENCHMARKS) >= 7
    for bench in BENCHMARKS:
        assert "--smoke" in bench.read_text(encoding="utf-8"), f"{bench.name} has no --smoke size"
    ci_run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for name in AFTER_THE_INSTALLERS:
        assert f"tests/perf/{name} --smoke" in ci_run, f".ci/run does not run {name} at its smoke size"


@pytest.mark.slow
@pytest.mark.parametrize("bench", [b for b in BENCHMARKS if b.name not in AFTER_THE_INSTALLERS], ids=lambda p: p.stem)
def test_benchmark_runs_at_smoke_size(bench, tmp_path):
    temp = tmp_path / "temp"  # the benchmark's temporary folder: whatever it makes there, it removes
    temp.mkdir()
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MPLBACKEND="Agg", SMEDIGITAL_DATA_DIR=str(tmp_path),
               TMPDIR=str(temp))
    env.pop("PYTHONPATH", None)
    proc = subprocess.run([sys.executable, str(bench), "--smoke"], capture_output=True, text=True, timeout=900,
                          env=env, cwd=tmp_path, check=False)
    assert proc.returncode == 0, f"{bench.name} --smoke failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}"
    out = proc.stdout
    assert "baseline" in out.lower() and RATIO.search(out), f"{bench.name} printed no ratio to a baseline:\n{out[-2000:]}"
    left = sorted(p.name for p in temp.iterdir() if p.name.startswith(LITTER))
    assert not left, f"{bench.name} --smoke left {left} in the temporary folder"


def test_a_benchmark_given_a_data_folder_makes_no_folder_of_its_own(tmp_path):
    """The charts and report benchmarks made a smedigital-bench-* folder at import even when given a data folder
    (``os.environ.setdefault(..., tempfile.mkdtemp())`` evaluates the mkdtemp), and never removed it."""
    temp = tmp_path / "temp"
    temp.mkdir()
    for name in ("bench_charts.py", "bench_report.py"):
        for given in (True, False):
            env = dict(os.environ, TMPDIR=str(temp), MPLBACKEND="Agg")
            env.pop("PYTHONPATH", None)
            env.pop("SMEDIGITAL_DATA_DIR", None)
            if given:
                env["SMEDIGITAL_DATA_DIR"] = str(tmp_path / "data")
            code = (f"import runpy, os; "
                    f"runpy.run_path({str(ROOT / 'tests' / 'perf' / name)!r}, run_name='bench'); "
                    f"print(os.environ['SMEDIGITAL_DATA_DIR'])")
            proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300, env=env,
                                  cwd=tmp_path, check=False)
            assert proc.returncode == 0, proc.stderr[-3000:]
            assert (proc.stdout.strip() == str(tmp_path / "data")) is given
            left = sorted(p.name for p in temp.iterdir() if p.name.startswith(LITTER))
            assert not left, f"{name} (data folder given: {given}) left {left}"
