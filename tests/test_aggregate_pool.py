"""Worker processes: a file that never finishes or kills its reader costs that file only."""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "data" / "aggregate"))

import aggcorpus as corpus

from smedigital.aggregate import Limits, aggregate


def test_a_stuck_file_times_out_and_a_crash_is_reported(tmp_path):
    rng = random.Random(11)
    for i in range(12):
        corpus.assessment_file(tmp_path / f"ok{i:02}.smd.json", corpus.random_assessment(rng))
    corpus.assessment_file(tmp_path / "slow.smd.json", corpus.random_assessment(rng))
    corpus.assessment_file(tmp_path / "crash.smd.json", corpus.random_assessment(rng))
    start = time.monotonic()
    with aggregate([tmp_path], workers=2, limits=Limits(seconds_per_file=2),
                   reader=corpus.slow_or_crashing_reader) as result:
        statuses = {Path(f.path).name: (f.status, f.code) for f in result.files}
        assert statuses.pop("slow.smd.json") == ("rejected", "timeout")
        assert statuses.pop("crash.smd.json") == ("rejected", "crashed")
        assert set(statuses.values()) == {("accepted", "assessment")}
        c = result.counts
        assert c.files == 14 == c.accepted + c.rejected + c.duplicates and c.accepted == 12
    assert time.monotonic() - start < 60


def test_processes_and_in_process_reading_agree(tmp_path):
    rng = random.Random(12)
    for i in range(40):
        corpus.assessment_file(tmp_path / f"a{i:02}.smd.json", corpus.random_assessment(rng))
    with aggregate([tmp_path], workers=2) as many, aggregate([tmp_path], workers=0) as one:
        assert many.files == one.files
        assert many.tables == one.tables
        assert [f.history for f in many.firms] == [f.history for f in one.firms]


def test_workers_leave_numpy_out_and_rows_share_their_repeated_values(tmp_path):
    """A worker only reads: it starts without numpy (openpyxl's optional import, about 12 MB a worker);
    the parent keeps one copy of the question ids and (scene, level) pairs that every row repeats."""
    from smedigital.aggregate.pool import run_files

    rng = random.Random(13)
    for i in range(6):
        corpus.assessment_file(tmp_path / f"a{i}.smd.json", corpus.random_assessment(rng))
    items = list(enumerate(sorted(str(p) for p in tmp_path.iterdir())))
    outcomes = list(run_files(items, Limits(), workers=2, reader=corpus.numpy_reporting_reader))
    assert [o.detail for o in outcomes] == ["numpy loaded: False"] * 6
    with aggregate([tmp_path], workers=2) as result:
        rows = [row for firm in result.firms for row in firm.history]
        assert len(rows) == 6
        pairs = {}
        for row in rows:
            for pair in row.scenes:
                assert pairs.setdefault(pair, pair) is pair  # equal pairs are one object
        assert len(pairs) < sum(len(r.scenes) for r in rows)
