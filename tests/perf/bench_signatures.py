"""Benchmark: what checking signatures costs an aggregation (issue 14).

Run by hand:  .venv/bin/python tests/perf/bench_signatures.py [N] [--smoke]

Generates N plan workbooks twice with ``bench_aggregate``'s generator (same firms and answers):
once signed with a benchmark key (in a temporary data folder, never the user's own), once
unsigned, under /tmp/smedigital-bench-signatures/. Then, in fresh processes, ``aggregate()`` over
each on every core, the signed run with a trusted-keys file naming the key; twice each, the
faster run counts (the machine may be shared). Prints files per second, CPU time per file (counted
from the ``aggregate()`` call, as ``bench_aggregate`` counts it) and peak memory (parent and largest
worker) of both, and the ratio.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_aggregate as bench  # noqa: E402


def generate(n: int, root: Path, signed: bool) -> Path:
    if not signed:  # the same workbooks as an older version wrote them: no signature row
        import smedigital.export.workbook as workbook

        workbook.sign_workbook_record = lambda *a, **k: None
    return bench.corpus_folder(n, root / ("signed" if signed else "unsigned"))


def measure(folder: str, keys: str) -> dict[str, float]:
    from smedigital.aggregate import aggregate
    from smedigital.export.signing import load_trusted_keys

    trusted = load_trusted_keys(keys) if keys else {}
    # from the call, as bench_aggregate counts: the process's start and imports left out of both runs
    start_cpu = bench._cpu_s(resource.RUSAGE_SELF) + bench._cpu_s(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with aggregate([folder], trusted=trusted) as result:
        read = time.perf_counter() - start
        cpu = bench._cpu_s(resource.RUSAGE_SELF) + bench._cpu_s(resource.RUSAGE_CHILDREN) - start_cpu
        verdicts: dict[str, int] = {}
        for f in result.files:
            verdicts[f.signature or "-"] = verdicts.get(f.signature or "-", 0) + 1
        files = result.counts.files
    return {"files": files, "read_s": read, "cpu_s": cpu, "parent_mb": bench._peak_mb(resource.RUSAGE_SELF),
            "worker_mb": bench._peak_mb(resource.RUSAGE_CHILDREN), "verdicts": verdicts}


def fresh(folder: Path, keys: str) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--measure", str(folder), keys], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    if sys.argv[1:2] == ["--measure"]:
        print(json.dumps(measure(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "")))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=1000)
    parser.add_argument("--smoke", action="store_true", help="24 files in a temporary folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) if args.smoke else Path("/tmp/smedigital-bench-signatures")
        n = 24 if args.smoke else args.n
        data = root / "data"  # the benchmark's own key, never the user's
        os.environ["SMEDIGITAL_DATA_DIR"] = str(data)
        from smedigital.export.signing import TrustedKey, load_or_create_identity, save_trusted_keys

        me = load_or_create_identity()
        keys = root / "trusted.yaml"
        save_trusted_keys(keys, [TrustedKey(me.fingerprint, "bench", "bench", dt.date(2026, 12, 7))])
        signed = generate(n, root, True)
        unsigned = subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {str(HERE)!r}); "
                                   "import bench_signatures as b; from pathlib import Path; "
                                   f"print(b.generate({n}, Path({str(root)!r}), False))"], check=True,
                                  capture_output=True, text=True).stdout.strip()
        runs = {"signed": [], "unsigned (the baseline)": []}
        for _ in range(2):
            runs["unsigned (the baseline)"].append(fresh(Path(unsigned), ""))
            runs["signed"].append(fresh(signed, str(keys)))
        best = {k: min(v, key=lambda r: r["read_s"]) for k, v in runs.items()}
        for k, r in best.items():
            print(f"{k}: {r['files']} files in {r['read_s']:.1f} s = {r['files'] / r['read_s']:.1f} files/s "
                  f"(runs {', '.join(format(x['read_s'], '.1f') for x in runs[k])} s); CPU "
                  f"{1000 * r['cpu_s'] / r['files']:.2f} ms per file; peak parent {r['parent_mb']:.0f} MB, "
                  f"largest worker {r['worker_mb']:.0f} MB; signatures {r['verdicts']}")
        s, u = best["signed"], best["unsigned (the baseline)"]
        print(f"signed / unsigned baseline: wall {s['read_s'] / u['read_s']:.2f}x, CPU per file "
              f"{s['cpu_s'] / u['cpu_s']:.2f}x, worker peak {s['worker_mb'] - u['worker_mb']:+.0f} MB")


if __name__ == "__main__":
    main()
