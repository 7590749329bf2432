"""Importing one file behind aggregation's guards, in a worker process: what the app and ``import`` rely on."""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path

import openpyxl
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "data" / "aggregate"))

import aggcorpus as corpus

from smedigital.aggregate.safeimport import MAX_PROBLEMS, MAX_TEXT, ImportOutcome, import_file
from smedigital.cli import main
from smedigital.export.record import RECORD_SHEET


def wide_workbook(path: Path) -> Path:
    """1.6 KB that declares cells A1 and XFD6000: a reader materialising the area needs gigabytes."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = RECORD_SHEET
    ws["A1"] = "x"
    ws["A2"], ws["B2"] = "format", "smedigital-template"
    ws["XFD6000"] = 1
    wb.save(path)
    return path


def only(outcome: ImportOutcome) -> tuple[str, str, str]:
    assert outcome.assessment is None and len(outcome.problems) == 1, outcome
    p = outcome.problems[0]
    return p.code, p.where, p.text


def test_assessment_files_and_plan_workbooks_import(tmp_path):
    sample = corpus.sample()
    json_out = import_file(corpus.assessment_file(tmp_path / "a.smd.json", sample))
    assert json_out.ok and json_out.kind == "assessment" and json_out.assessment.answers == sample.answers
    wb_out = import_file(corpus.plan_workbook(tmp_path / "plan.xlsx", sample), lang="en")
    assert wb_out.ok and wb_out.kind == "workbook" and wb_out.assessment.answers == sample.answers
    from smedigital.export.template import write_template

    write_template(corpus.FRAMEWORK, tmp_path / "q.xlsx", "zh")
    blank = import_file(tmp_path / "q.xlsx")
    assert blank.ok and blank.kind == "template" and not blank.assessment.answers


def test_a_declared_area_of_98_million_cells_is_refused_before_reading(tmp_path):
    path = wide_workbook(tmp_path / "wide.xlsx")
    assert path.stat().st_size < 8_000
    started = time.monotonic()
    code, where, text = only(import_file(path, lang="en"))
    assert code == "too-many-cells" and where == ""
    assert "98,304,000 cells" in text and "at most 2,000,000" in text
    assert time.monotonic() - started < 30
    assert "98,304,000 个单元格" in only(import_file(path))[2]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_and_an_endless_device_are_refused_at_once(tmp_path):
    fifo = tmp_path / "pipe.xlsx"
    os.mkfifo(fifo)
    started = time.monotonic()
    assert only(import_file(fifo, lang="en"))[::2] == ("unreadable", "is a named pipe (FIFO), not a regular file")
    assert only(import_file(fifo))[2] == "是命名管道（FIFO），不是普通文件"
    if os.path.exists("/dev/zero"):
        assert only(import_file("/dev/zero", lang="en"))[::2] == ("unreadable", "is a device, not a regular file")
    assert time.monotonic() - started < 60
    assert only(import_file(tmp_path))[0] == "unreadable"
    assert only(import_file(tmp_path / "missing.xlsx"))[0] == "unreadable"


def test_time_limit_stops_the_reader(tmp_path):
    path = corpus.plan_workbook(tmp_path / "plan.xlsx", corpus.sample())
    code, _, text = only(import_file(path, lang="en", time_limit=0.0))
    assert code == "timeout" and "the reader was stopped" in text


def test_problems_are_located_capped_and_counted(tmp_path):
    import json

    from smedigital.export.template import write_template

    path = tmp_path / "q.xlsx"
    write_template(corpus.FRAMEWORK, path, "zh")
    kv = corpus.record_of(path)
    qmap = json.loads(kv["questions"])
    wb = openpyxl.load_workbook(path)
    cells = []
    for entry in qmap.values():
        for cell in [*entry.get("options", {}), entry.get("level"), entry.get("answer")]:
            if cell:
                cells.append((entry["sheet"], cell))
    assert len(cells) > MAX_PROBLEMS
    rng = random.Random(12)
    for sheet, cell in cells:
        c = wb[sheet][cell]
        c.value = "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(3000))  # never echoed whole
        c.data_type = "s"
    wb.save(path)
    outcome = import_file(path, lang="en")
    assert outcome.assessment is None and len(outcome.problems) == MAX_PROBLEMS
    first = outcome.problems[0]
    assert first.code == "invalid" and first.where in {f"{sheet}!{cell}" for sheet, cell in cells}
    assert all(len(p.text) <= MAX_TEXT for p in outcome.problems)
    assert outcome.problems[-1].code == "more" and str(len(cells) - MAX_PROBLEMS + 1) in outcome.problems[-1].text
    assert outcome.more == len(cells) - MAX_PROBLEMS + 1


def test_cli_import_refuses_hostile_files_in_the_users_language(tmp_path, capsys):
    wide = wide_workbook(tmp_path / "wide.xlsx")
    assert main(["import", str(wide), "-o", str(tmp_path / "a.smd.json")]) == 1
    assert "最多读取 2,000,000 个" in capsys.readouterr().err
    assert main(["--lang", "en", "import", str(wide), "-o", str(tmp_path / "a.smd.json")]) == 1
    assert f"{wide}: its sheets span 98,304,000 cells" in capsys.readouterr().err
    assert not (tmp_path / "a.smd.json").exists()


def test_many_files_go_through_one_worker_each_with_its_outcome(tmp_path):
    from smedigital.aggregate.safeimport import import_files

    sample = corpus.sample()
    good = corpus.assessment_file(tmp_path / "a.smd.json", sample)
    plan = corpus.plan_workbook(tmp_path / "plan.xlsx", sample)
    wide = wide_workbook(tmp_path / "wide.xlsx")
    paths = [good, wide, plan, tmp_path / "missing.xlsx"]
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.smd.json")
        paths.append(tmp_path / "pipe.smd.json")
    started = time.monotonic()
    got = dict(import_files(paths, lang="en", workers=1))
    assert set(got) == {str(p) for p in paths}
    assert got[str(good)].ok and got[str(plan)].kind == "workbook"
    assert got[str(plan)].assessment.answers == sample.answers
    assert got[str(wide)].problems[0].code == "too-many-cells"
    assert got[str(tmp_path / "missing.xlsx")].problems[0].code == "unreadable"
    if hasattr(os, "mkfifo"):
        assert got[str(tmp_path / "pipe.smd.json")].problems[0].text == "is a named pipe (FIFO), not a regular file"
    assert time.monotonic() - started < 120
