"""Hostile and awkward inputs to an aggregation run: bounded memory and time, capped reasons, outputs that
stay writable and readable, firms told apart, disagreements said.

Every hostile file is made here and kept small; a run that regresses hits the worker's memory cap
(``Limits.max_memory_bytes``) or the run's time budget and fails, rather than taking the machine.
"""

from __future__ import annotations

import csv
import json
import os
import random
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "data" / "aggregate"))

import aggcorpus as corpus  # noqa: E402

from smedigital.aggregate import Limits, aggregate, write_long_csv, write_summary  # noqa: E402
from smedigital.aggregate.reader import read_file  # noqa: E402
from smedigital.core.text import MAX_DETAIL  # noqa: E402
from smedigital.export.record import RECORD_SHEET  # noqa: E402

SMALL_MEMORY = Limits(max_memory_bytes=1536 * 1024 * 1024)


def wide_workbook(path: Path, last: str = "XFD6000") -> Path:
    """A tiny workbook whose record sheet spans A1 to ``last``."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = RECORD_SHEET
    ws["A1"], ws["A2"], ws["B2"] = "x", "format", "smedigital-template"
    ws[last] = 1
    wb.save(path)
    return path


def test_a_workbook_declaring_98_million_cells_is_rejected_by_a_small_worker(tmp_path):
    wide = wide_workbook(tmp_path / "wide.xlsx")
    tall = wide_workbook(tmp_path / "tall.xlsx", "C1048576")  # 3 columns, every row
    corpus.assessment_file(tmp_path / "ok.smd.json", corpus.sample())
    start = time.monotonic()
    with aggregate([tmp_path], workers=1, limits=SMALL_MEMORY) as result:
        got = {Path(f.path).name: (f.status, f.code) for f in result.files}
        reasons = {Path(f.path).name: f.reason("zh") for f in result.files}
    assert got == {"wide.xlsx": ("rejected", "too-many-cells"), "tall.xlsx": ("rejected", "too-many-cells"),
                   "ok.smd.json": ("accepted", "assessment")}
    assert wide.stat().st_size < 8_000 and tall.stat().st_size < 8_000
    assert reasons["wide.xlsx"].startswith("单元格范围或文本过多：工作表共跨 98,304,000 个单元格")
    assert time.monotonic() - start < 120


def shared_string_workbook(path: Path, text: str, uses: int) -> Path:
    """A minimal workbook (made by hand: openpyxl writes no shared strings) whose record sheet has
    ``uses`` cells all showing the one shared string ``text``."""
    import zipfile

    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    cells = "".join(f'<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>' for r in range(3, 3 + uses))
    parts = {
        "[Content_Types].xml": f'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{ct}.worksheet+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{ct}.sharedStrings+xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="r1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
        f'<sheet name="{RECORD_SHEET}" sheetId="1" r:id="r1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'relationships"><Relationship Id="r1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="r2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}"><sheetData><row r="2"><c r="A2" t="inlineStr">'
        f'<is><t>format</t></is></c><c r="B2" t="inlineStr"><is><t>smedigital-template</t></is></c></row>'
        f"{cells}</sheetData></worksheet>",
        "xl/sharedStrings.xml": f'<sst xmlns="{main}" count="{uses}" uniqueCount="1"><si><t>{text}</t></si></sst>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, xml in parts.items():
            zf.writestr(name, xml.encode("utf-8"))
    return path


def test_shared_text_repeated_in_many_cells_counts_for_every_cell(tmp_path):
    # one 30,000-character string used by 2,000 cells: 180 MB of UTF-8 once a reader copies it
    rng = random.Random(3)
    text = "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(30_000))
    path = shared_string_workbook(tmp_path / "echo.xlsx", text, 2_000)
    assert path.stat().st_size < 200_000
    with aggregate([path], workers=1, limits=SMALL_MEMORY) as result:
        (f,) = result.files
    assert (f.status, f.code) == ("rejected", "too-many-cells")
    assert "bytes of text" in f.reason("en") and "字节的文本" in f.reason("zh")
    few = read_file(0, str(shared_string_workbook(tmp_path / "few.xlsx", text, 20)), Limits())
    assert few.code != "too-many-cells"  # the same text in a few cells is read (and found not to be ours)


def test_reasons_and_echoed_values_are_capped(tmp_path, capsys):
    doc = json.loads(corpus.SAMPLE.read_text(encoding="utf-8"))
    # a 600 KB question id repeated in the location of each of 20,000 unknown fields: 12 GB of text if echoed
    doc["answers"]["q" * 600_000] = {"choice": "x" * 100_000, **{f"k{i}": 1 for i in range(20_000)}}
    doc["company"]["industry"] = "Z" * 100_000
    (tmp_path / "huge.smd.json").write_text(json.dumps(doc), encoding="utf-8")
    tpl = tmp_path / "q.xlsx"
    from smedigital.export.template import write_template

    write_template(corpus.FRAMEWORK, tpl, "zh")
    kv = corpus.record_of(tpl)
    entry = next(e for e in json.loads(kv["questions"]).values() if "answer" in e)
    wb = openpyxl.load_workbook(tpl)
    rng = random.Random(4)
    wb[entry["sheet"]][entry["answer"]] = "".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(30_000))
    wb.save(tpl)
    from smedigital.cli import main

    out = tmp_path / "out"
    out.mkdir()
    # read in a worker (its memory capped): a regression fails there instead of filling this process
    assert main(["aggregate", str(tmp_path / "huge.smd.json"), str(tpl), "-o", str(out / "s.xlsx"), "--json",
                 "--workers", "1"]) == 0
    printed = capsys.readouterr().out
    assert len(printed) < 3_000
    files = json.loads(printed)["file_status"]
    assert [f["code"] for f in files] == ["invalid", "invalid"]
    assert all(len(f["reason"]) <= MAX_DETAIL + 40 for f in files)
    assert "不是选项之一" in files[1]["reason"]  # in the interface language, located
    assert f"{entry['sheet']}!{entry['answer']}" in files[1]["reason"]


def test_the_run_has_a_time_budget(tmp_path):
    rng = random.Random(21)
    corpus.assessment_file(tmp_path / "a0.smd.json", corpus.random_assessment(rng))
    for i in range(5):
        corpus.assessment_file(tmp_path / f"slow{i}.smd.json", corpus.random_assessment(rng))
    start = time.monotonic()
    with aggregate([tmp_path], workers=1, limits=Limits(seconds_per_file=600, seconds_per_run=4),
                   reader=corpus.slow_or_crashing_reader) as result:
        got = {Path(f.path).name: (f.status, f.code) for f in result.files}
        reason = next(f for f in result.files if f.code == "run-timeout").reason("zh")
    assert time.monotonic() - start < 90  # 4 s, once the worker has started
    assert got.pop("a0.smd.json") == ("accepted", "assessment")
    assert set(got.values()) == {("rejected", "run-timeout")} and len(got) == 5
    assert reason.startswith("汇总时间已用完：未读取") and "4 秒" in reason
    assert Limits().run_seconds(1000) == 60 + 5 * 1000


@pytest.mark.skipif(sys.platform == "win32" or sys.platform == "darwin", reason="file names are bytes on Linux")
def test_undecodable_names_and_lone_surrogates_are_written_escaped(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    bad_name = os.fsdecode(b"\xff\xfe-firm.smd.json")
    a = corpus.with_company(corpus.sample(), region="浙江\ud800宁波", credit_code="")
    corpus.assessment_file(src / bad_name, a)
    out = tmp_path / "out"
    out.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHONIOENCODING", "PYTHONUTF8", "LC_", "LANG"))}
    env.update(LC_ALL="C.UTF-8", PYTHONPATH=os.pathsep.join(sys.path))
    proc = subprocess.run([sys.executable, "-m", "smedigital.cli", "aggregate", str(src), "-o", str(out / "s.xlsx"),
                           "--csv", str(out / "l.csv"), "--json", "--workers", "0"],
                          capture_output=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    data = json.loads(proc.stdout)
    assert data["accepted"] == 1 and data["file_status"][0]["path"].endswith("\\xff\\xfe-firm.smd.json")
    rows = list(csv.DictReader((out / "l.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert rows and rows[0]["file"].endswith("\\xff\\xfe-firm.smd.json") and "\\ud800" in rows[0]["firm_key"]
    log = openpyxl.load_workbook(out / "s.xlsx")["文件日志"]
    assert log["A3"].value.endswith("\\xff\\xfe-firm.smd.json")


def test_summary_and_csv_get_ordinary_permissions(tmp_path):
    corpus.assessment_file(tmp_path / "a.smd.json", corpus.sample())
    old = os.umask(0o022)
    try:
        with aggregate([tmp_path / "a.smd.json"], workers=0) as result:
            write_summary(result, tmp_path / "s.xlsx")
            write_long_csv(result, tmp_path / "l.csv")
    finally:
        os.umask(old)
    assert (tmp_path / "s.xlsx").stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "l.csv").stat().st_mode & 0o777 == 0o644


def test_formula_like_names_stay_apart_and_disagreeing_duplicates_are_said(tmp_path):
    base = corpus.with_company(corpus.sample(), credit_code="", region="宁波")
    for i, name in enumerate(("=1+1", "\t=1+1", "＝1+1", "11")):
        corpus.assessment_file(tmp_path / f"n{i}.smd.json", corpus.with_company(base, name=name))
    same = corpus.with_company(base, name="宁波甲有限公司")
    corpus.assessment_file(tmp_path / "x1.smd.json", same)
    corpus.plan_workbook(tmp_path / "x2.xlsx", same)  # the same assessment, exported later: kept
    other = replace(same, company=replace(same.company, employees=(same.company.employees or 0) + 7))
    corpus.assessment_file(tmp_path / "x3.smd.json", other)  # same firm, date and framework; other details
    with aggregate([tmp_path], workers=0) as result:
        names = sorted(f.newest.name for f in result.firms)
        files = {Path(f.path).name: f for f in result.files}
    # a formula-like name is matched exactly: "＝1+1" is not "=1+1" and neither is the firm "11";
    # "\t=1+1" is "=1+1" once loading trims the name (white space never tells firms apart)
    assert names == sorted(["=1+1", "＝1+1", "11", "宁波甲有限公司"])
    assert (files["n1.smd.json"].status, files["n1.smd.json"].code) == ("duplicate", "same-assessment")
    assert [(files[n].status, files[n].code) for n in ("x1.smd.json", "x2.xlsx", "x3.smd.json")] == [
        ("duplicate", "same-assessment"), ("accepted", "workbook"), ("duplicate", "conflicting")]
    conflict = files["x3.smd.json"]
    assert conflict.reason("zh").startswith("同一企业、同一评测日期、同一评测体系，但答案或企业信息不一致")
    assert conflict.reason("zh").endswith("x2.xlsx（其总分 51.725；本文件 51.725）")
    assert "disagree" in conflict.reason("en")


def test_score_prints_a_lone_surrogate_escaped_under_a_strict_utf8_locale(tmp_path):
    path = corpus.assessment_file(tmp_path / "a.smd.json", corpus.with_company(corpus.sample(), name="恒锐\ud800"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHONIOENCODING", "PYTHONUTF8", "LC_", "LANG"))}
    env.update(LC_ALL="C.UTF-8", PYTHONPATH=os.pathsep.join(sys.path))
    for extra in ([], ["--json"]):
        proc = subprocess.run([sys.executable, "-m", "smedigital.cli", "score", str(path), *extra],
                              capture_output=True, env=env, timeout=120)
        assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
        out = proc.stdout.decode("utf-8")
        assert json.loads(out)["file"] == str(path) if extra else "恒锐\\ud800" in out
