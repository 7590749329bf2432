"""Aggregation: a corpus of valid, broken and hostile files, each with the right status and reason.

The corpus is generated once per module into a temporary folder and read once
with two worker processes, as an office would run it; the tests then look at
the statuses, the firms and their history, the summary workbook and the CSV.
"""

from __future__ import annotations

import csv
import json
import random
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "data" / "aggregate"))

import aggcorpus as corpus

from smedigital.aggregate import aggregate, write_long_csv, write_summary
from smedigital.aggregate.reader import normalise_name
from smedigital.cli import main
from smedigital.core.assessment import FORMAT_VERSION, dumps_assessment
from smedigital.core.framework import bundled_frameworks
from smedigital.export.record import RECORD_SHEET, record_checksum
from smedigital.export.template import write_template

# file name -> (status, reason code)
EXPECTED: dict[str, tuple[str, str]] = {}


def expect(path: Path, status: str, code: str) -> Path:
    EXPECTED[path.name] = (status, code)
    return path


def set_record(src: Path, dst: Path, changes: dict[str, str]) -> Path:
    """A copy with values of the record sheet replaced (single-cell values only)."""
    wb = openpyxl.load_workbook(src)
    for row in wb[RECORD_SHEET].iter_rows():
        if row[0].value in changes:
            row[1].value = changes[row[0].value]
    wb.save(dst)
    return dst


def build_corpus(root: Path) -> None:
    EXPECTED.clear()
    rng = random.Random(2026)
    ok, bad, dup = root / "firms", root / "incoming" / "odd", root / "incoming"
    for d in (ok, bad, dup):
        d.mkdir(parents=True, exist_ok=True)
    sample = corpus.sample()
    base = expect(corpus.plan_workbook(ok / "sample.xlsx", sample), "accepted", "workbook")
    for other in corpus.other_samples():  # the other bundled samples (other frameworks, a before/after pair)
        name = f"sample-{other.company.credit_code}-{other.assessed_on}.xlsx"  # a firm may have two samples
        expect(corpus.plan_workbook(ok / name, other), "accepted", "workbook")

    # valid firms of every framework, in both languages and file kinds
    frameworks = list(bundled_frameworks().values())
    for i in range(6):
        a = corpus.random_assessment(rng, frameworks[i % len(frameworks)])
        expect(corpus.plan_workbook(ok / f"firm{i}.xlsx", a, "en" if i % 2 else "zh"), "accepted", "workbook")
    for i in range(2):
        a = corpus.random_assessment(rng, frameworks[i % len(frameworks)])
        expect(corpus.assessment_file(ok / f"json{i}.smd.json", a), "accepted", "assessment")
    # a firm assessed twice: history and progress
    code = corpus.credit_code(rng)
    for date in ("2026-03-01", "2026-09-01"):
        a = corpus.random_assessment(rng, name="宁波慧联智造有限公司", code=code, region="浙江省宁波市北仑区",
                                     industry="C34", assessed_on=date, share_contact=True)
        expect(corpus.plan_workbook(ok / f"huilian-{date}.xlsx", a), "accepted", "workbook")
    # a firm without credit code, its name written two ways: one firm
    for date, name in (("2026-02-01", "宁波 新材料 有限责任公司"), ("2026-08-01", "宁波新材料有限公司")):
        a = corpus.random_assessment(rng, name=name, code="", region="浙江省宁波市鄞州区", assessed_on=date)
        expect(corpus.assessment_file(ok / f"xincailiao-{date}.smd.json", a), "accepted", "assessment")
    # a firm given once without its credit code: joins the firm that has one
    a = corpus.with_company(sample, credit_code="", name="宁波恒锐精密机械有限公司(示例)")
    a = corpus.random_assessment(rng, name=a.company.name, code="", region=sample.company.region,
                                 assessed_on="2025-11-20")
    expect(corpus.assessment_file(ok / "hengrui-2025.smd.json", a), "accepted", "assessment")
    # a filled questionnaire, one out of range, one left blank
    write_template("miit-2024-manufacturing", ok / "filled.xlsx", "zh")
    scenes = [q.id for q in sample.framework.scenes]
    corpus.fill_template(ok / "filled.xlsx", dict.fromkeys(scenes[:6], 2),
                         {"name": "苏州问卷填写有限公司", "region": "江苏省苏州市工业园区", "assessed_on": "2026-06-01"})
    expect(ok / "filled.xlsx", "accepted", "template")
    write_template("miit-2024-manufacturing", bad / "out-of-range.xlsx", "zh")
    corpus.fill_template(bad / "out-of-range.xlsx", {scenes[0]: 7}, {"name": "范围外有限公司"})
    expect(bad / "out-of-range.xlsx", "rejected", "invalid")
    write_template("miit-2024-manufacturing", bad / "blank.xlsx", "en")
    expect(bad / "blank.xlsx", "rejected", "blank")

    # duplicates
    expect(dup / "copy-of-sample.xlsx", "duplicate", "same-content").write_bytes(base.read_bytes())
    expect(corpus.assessment_file(dup / "sample-again.smd.json", sample), "duplicate", "same-assessment")

    # broken and hostile
    expect(corpus.truncated_zip(base, bad / "truncated.xlsx"), "rejected", "damaged")
    expect(corpus.not_a_zip(bad / "noise.xlsx"), "rejected", "not-ours")
    expect(corpus.csv_renamed(bad / "table.xlsx"), "rejected", "not-ours")
    expect(bad / "empty.xlsx", "rejected", "empty").write_bytes(b"")
    expect(corpus.zip_bomb(bad / "bomb.xlsx"), "rejected", "zip-bomb")
    expect(corpus.lying_zip(bad / "lying.xlsx"), "rejected", "zip-bomb")
    expect(corpus.billion_laughs(base, bad / "laughs.xlsx"), "rejected", "xml-entities")
    expect(corpus.billion_laughs(base, bad / "laughs-types.xlsx", "[Content_Types].xml"), "rejected", "xml-entities")
    expect(corpus.edited_score(base, bad / "edited-score.xlsx"), "rejected", "edited")
    kv = corpus.record_of(base)
    scores = json.loads(kv["scores"])
    scores["total"] = round(scores["total"] + 5, 4)
    expect(set_record(base, bad / "edited-record.xlsx", {"scores": json.dumps(scores)}), "rejected", "edited")
    # a forged record: scores, checksum and summary cell all consistent, but not what the answers give
    forged = set_record(base, bad / "forged.xlsx", {
        "scores": json.dumps(scores), "checksum": record_checksum(json.loads(kv["assessment"]), scores)})
    corpus.edit_workbook(forged, forged, None, json.loads(kv["visible"])["total"], scores["total"])
    expect(forged, "rejected", "edited")
    expect(corpus.future_version(base, bad / "future.xlsx"), "rejected", "future-version")
    future = json.loads(dumps_assessment(sample))
    future["format_version"] = FORMAT_VERSION + 1
    expect(bad / "future.smd.json", "rejected", "future-version").write_text(json.dumps(future), encoding="utf-8")
    old_fw = json.loads(dumps_assessment(corpus.random_assessment(rng)))
    old_fw["framework"]["version"] = "2022"
    expect(bad / "old-framework.smd.json", "rejected", "invalid").write_text(json.dumps(old_fw), encoding="utf-8")
    other_fw = dict(old_fw, framework={"id": "miit-2030-services", "version": "2030"})
    expect(bad / "other-framework.smd.json", "rejected", "invalid").write_text(json.dumps(other_fw), encoding="utf-8")
    expect(bad / "notes.json", "rejected", "not-ours").write_text('{"hello": "world"}', encoding="utf-8")
    expect(corpus.encrypted_workbook(bad / "password.xlsx"), "rejected", "encrypted")
    expect(corpus.old_xls(bad / "old.xls"), "rejected", "old-xls")
    plain = openpyxl.Workbook()
    plain.active["A1"] = "=1+1"
    plain.save(bad / "plain.xlsx")
    expect(bad / "plain.xlsx", "rejected", "not-ours")
    with zipfile.ZipFile(bad / "letter.xlsx", "w") as zf:
        zf.writestr("[Content_Types].xml", corpus._CONTENT_TYPES.replace("spreadsheetml.sheet", "wordprocessingml."
                                                                          "document"))
    expect(bad / "letter.xlsx", "rejected", "not-ours")
    expect(bad / "readme.txt", "rejected", "not-ours").write_text("an office note", encoding="utf-8")


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    build_corpus(root)
    calls: list[tuple[int, int]] = []
    result = aggregate([root / "firms", root / "incoming"], progress=lambda d, t: calls.append((d, t)), workers=2)
    yield root, result, calls
    result.close()


def by_name(result):
    return {Path(f.path).name: f for f in result.files}


def test_every_file_gets_the_right_status_and_reason(run):
    _root, result, _ = run
    got = {name: (f.status, f.code) for name, f in by_name(result).items()}
    assert got == EXPECTED
    for f in result.files:
        assert f.reason("en") and f.reason("zh")
        if f.status in ("rejected", "duplicate"):
            assert f.detail, f


def test_the_counts_add_up_and_the_run_reports_progress(run):
    _root, result, calls = run
    c = result.counts
    assert c.files == len(EXPECTED) == c.accepted + c.rejected + c.duplicates
    assert c.skipped == 0 and not result.cancelled
    assert calls[0] == (0, c.files) and calls[-1] == (c.files, c.files)
    assert [d for d, _ in calls] == list(range(c.files + 1))


def test_reasons_say_what_was_found(run):
    files = by_name(run[1])
    assert "password" in files["password.xlsx"].reason("en")
    assert files["password.xlsx"].reason("zh").startswith("受密码保护或已加密")
    assert ".xls" in files["old.xls"].reason("en")
    assert "edited after export" in files["edited-score.xlsx"].detail
    assert "checksum" in files["edited-record.xlsx"].detail
    assert "do not follow from the recorded answers" in files["forged.xlsx"].detail
    assert "!" in files["out-of-range.xlsx"].detail  # Sheet!Cell of the bad value
    assert "newer" in files["future.xlsx"].detail
    assert files["copy-of-sample.xlsx"].detail.endswith("sample.xlsx")
    assert "truncated" in files["truncated.xlsx"].detail
    assert "inflates" in files["bomb.xlsx"].detail
    assert "CSV" in files["table.xlsx"].detail


def test_firms_keep_their_history_and_the_newest_counts(run):
    result = run[1]
    firms = {f.newest.name: f for f in result.firms}
    huilian = firms["宁波慧联智造有限公司"]
    assert [r.assessed_on for r in huilian.history] == ["2026-03-01", "2026-09-01"]
    xincailiao = next(f for f in result.firms if f.key.startswith("name:") and "新材料" in f.newest.name)
    assert len(xincailiao.history) == 2 and xincailiao.newest.assessed_on == "2026-08-01"
    hengrui = next(f for f in result.firms if f.key == "code:91330206MA2H7Q3K58")
    assert [r.assessed_on for r in hengrui.history] == ["2025-11-20", "2026-11-20"]
    assert hengrui.newest.path.endswith("sample.xlsx")
    others = corpus.other_samples()
    sample_firms = {a.company.credit_code for a in others}  # the before/after pair is one firm
    samples = 1 + len(sample_firms)
    assert result.counts.firms == len(result.firms) == samples + 6 + 2 + 1 + 1 + 1
    assert result.counts.firms_with_history == 3 + len(others) - len(sample_firms)
    progress = {(p.name, p.framework_id): p for p in result.tables.progress}
    p = progress[("宁波慧联智造有限公司", "miit-2024-manufacturing")]
    assert (p.first_date, p.last_date, p.assessments) == ("2026-03-01", "2026-09-01", 2)
    assert p.total_change == pytest.approx(huilian.history[1].total - huilian.history[0].total)
    assert sum(result.tables.overall.levels) == result.counts.firms == sum(result.tables.histogram)


def test_frameworks_are_mixed_and_each_keeps_its_own_questions(run):
    result = run[1]
    counted = dict(result.tables.frameworks)
    assert set(counted) == set(bundled_frameworks()) and sum(counted.values()) == result.counts.firms
    for g in result.tables.gaps:
        assert g.question_id in bundled_frameworks()[g.framework_id].question_by_id
    for f in result.firms:
        assert {r.framework_id for r in f.history} <= set(counted)
    assert {g.key for g in result.tables.by_framework} == set(counted)


def test_mixed_frameworks_are_never_pooled_each_counted_under_its_own_names(run, tmp_path):
    write_summary(run[1], tmp_path / "s.xlsx", "zh")
    wb = openpyxl.load_workbook(tmp_path / "s.xlsx")
    first_column = [r[0] for r in wb["总览"].iter_rows(values_only=True) if r]
    # MIIT 一级 and smedigital-cdi 起步级 are not added together as "第1级"
    assert "第1级" not in first_column and "第2级" not in first_column
    assert any(isinstance(c, str) and "从不相加" in c for c in first_column)
    means = [c for c in first_column if isinstance(c, str) and c.startswith("平均总分 · ")]
    assert len(means) == len(run[1].tables.frameworks)  # a mean total per framework, none pooled
    industry = [[c for c in r if c is not None] for r in wb["按行业"].iter_rows(values_only=True)]
    heads = [r for r in industry if len(r) > 2 and r[0] == "行业（GB/T 4754 门类）"]
    assert len(heads) == len(run[1].tables.frameworks)
    assert not any("第1级" in r for r in heads)
    assert {"一级", "起步级"} <= {c for r in heads for c in r}  # each under its own names
    for fw in bundled_frameworks().values():
        assert any(isinstance(c, str) and fw.id in c for c in first_column)
        assert fw.levels[0].label.zh in first_column
        if fw.caveat is not None:  # each framework's level says what it is (MIIT: a pre-assessment)
            assert any(isinstance(c, str) and c.endswith(fw.caveat.zh) for c in first_column)


def test_tables_group_the_newest_assessments(run):
    t = run[1].tables
    assert sum(g.firms for g in t.by_industry) == sum(g.firms for g in t.by_size) == \
        sum(g.firms for g in t.by_region) == t.overall.firms
    assert "C" in {g.key for g in t.by_industry}
    assert t.gaps and all(0 < g.share <= 1 for g in t.gaps)
    assert {g.kind for g in t.gaps} <= {"question", "scene", "mandatory"}
    sample_gap = [g for g in t.gaps if g.question_id == "miit.scene.after_sales"]
    assert sample_gap and sample_gap[0].kind == "scene"


def test_firm_names_match_across_spellings():
    assert normalise_name("宁波 新材料 有限责任公司") == normalise_name("宁波新材料有限公司")
    assert normalise_name("ＡＢＣ（宁波）有限公司") == normalise_name("abc宁波有限公司")
    assert normalise_name("Acme Co., Ltd.") == normalise_name("ACME Company Limited")
    assert normalise_name("宁波新材料有限公司") != normalise_name("宁波新材料科技有限公司")


def test_summary_workbook(run, tmp_path):
    _root, result, _ = run
    out = tmp_path / "summary.xlsx"
    write_summary(result, out, "zh")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames[:8] == ["总览", "按行业", "按规模", "按地区", "常见差距", "进展", "企业名单", "文件日志"]
    assert wb[RECORD_SHEET].sheet_state == "hidden"
    log = wb["文件日志"]
    assert log.max_row == 2 + result.counts.files
    firms = wb["企业名单"]
    header = [c.value for c in firms[3]]
    contacts = {r[0]: r[header.index("联系方式")] for r in firms.iter_rows(min_row=4, values_only=True)}
    for firm in result.firms:
        shown = contacts[firm.newest.name]
        assert (shown or "") == (firm.newest.contact or "")
    assert contacts["宁波慧联智造有限公司"]  # shared
    with zipfile.ZipFile(out) as zf:
        charts = [n for n in zf.namelist() if n.startswith("xl/charts/chart")]
        app = zf.read("docProps/app.xml").decode()
    assert len(charts) == 2 + len(result.tables.frameworks)  # overview: pillars, totals; levels by industry per framework
    assert "<Application>smedigital</Application>" in app  # the package finished on disk, streaming
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary.xlsx"]  # nothing left beside it
    overview = {r[0]: r[1] for r in wb["总览"].iter_rows(values_only=True) if r and r[0]}
    assert overview["文件数"] == result.counts.files and overview["企业数"] == result.counts.firms
    assert overview["核对：文件数 = 已采用 + 已拒绝 + 重复"] == "相符"
    overall = result.tables.overall  # the shares count only the firms assessed with the national levels
    assert 0 < overall.national_firms < overall.firms
    share = overview[f"二级及以上占比（按工信部2024制造业评测的 {overall.national_firms} 家企业）"]
    assert share == pytest.approx(overall.national_share(2), abs=1e-4)
    en = tmp_path / "summary-en.xlsx"
    write_summary(result, en, "en")
    assert openpyxl.load_workbook(en, read_only=True).sheetnames[:3] == ["Overview", "By industry", "By size"]


def test_long_csv(run, tmp_path):
    result = run[1]
    out = tmp_path / "long.csv"
    rows = write_long_csv(result, out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert len(table) == rows
    assert list(table[0]) == ["firm_key", "firm_name", "credit_code", "file", "framework", "assessed_on", "question_id", "dimension", "kind",
                              "answer", "points", "max_points", "level", "na"]
    accepted = [f.path for f in result.files if f.status == "accepted"]
    assert {r["file"] for r in table} == set(accepted)
    per_file = {p: sum(1 for r in table if r["file"] == p) for p in accepted}
    assert all(n >= 30 for n in per_file.values())
    sample_rows = [r for r in table if r["file"].endswith("/sample.xlsx")]
    network = next(r for r in sample_rows if r["question_id"] == "miit.foundation.network")
    assert (network["answer"], network["points"], network["max_points"], network["na"]) == \
        ("control_network;application_network", "4.0", "8.0", "0")
    assert {r["firm_key"] for r in sample_rows} == {"code:91330206MA2H7Q3K58"}
    assert {(r["firm_name"], r["credit_code"]) for r in sample_rows} == {(corpus.sample().company.name,
                                                                         "91330206MA2H7Q3K58")}


def test_each_indicator_row_is_written_whole_even_with_quotes_and_line_breaks():
    """The long CSV's rows are taken one write at a time from the csv writer: a field with a comma, a quote or a
    line break stays in its own row, written as a writer writing row by row writes it."""
    import io

    from smedigital.aggregate.reader import _Appender

    rows = [("q1", "d", "single", "a,b", 1.5, 2.0, "", 0), ("q2", "d", "multi", 'say "x"\nnext line', 0.0, 1.0, 2, 1),
            ("q3", "d", "level", "", 0.0, 0.0, "", 0)]
    kept: list[str] = []
    writer = csv.writer(_Appender(kept), lineterminator="")
    for row in rows:
        writer.writerow(row)
    expected = []
    for row in rows:
        buf = io.StringIO()
        csv.writer(buf, lineterminator="").writerow(row)
        expected.append(buf.getvalue())
    assert kept == expected and len(kept) == 3
    assert list(csv.reader(io.StringIO("\r\n".join(kept)))) == [[str(v) for v in row] for row in rows]


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    a = corpus.random_assessment(random.Random(5), name="=HYPERLINK(\"http://x\",\"y\")", code="",
                                 region="+区", share_contact=True)
    src = tmp_path / "in"
    src.mkdir()
    corpus.plan_workbook(src / "=evil.xlsx", a)
    with aggregate([src], workers=0) as result:
        assert result.counts.accepted == 1
        write_summary(result, tmp_path / "s.xlsx")
        write_long_csv(result, tmp_path / "l.csv")
    ws = openpyxl.load_workbook(tmp_path / "s.xlsx")["企业名单"]
    cell = ws["A4"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK") and cell.quotePrefix
    text = (tmp_path / "l.csv").read_text(encoding="utf-8-sig")
    assert "\n=" not in text and ",=" not in text and "'name:" not in text


def test_the_offices_own_outputs_are_recognised_and_never_read_back(run, tmp_path):
    out, long = tmp_path / "summary.xlsx", tmp_path / "long.csv"
    write_summary(run[1], out)
    write_long_csv(run[1], long)
    with aggregate([out, long], workers=0) as again:
        got = {Path(f.path).name: f for f in again.files}
        assert again.counts.files == again.counts.skipped == 2 and again.counts.rejected == 0
    assert (got["summary.xlsx"].status, got["summary.xlsx"].code) == ("skipped", "own-output")
    assert "summary" in got["summary.xlsx"].detail
    assert (got["long.csv"].status, got["long.csv"].code) == ("skipped", "own-output")
    assert "长表" in got["long.csv"].reason("zh")


def test_cancel_lists_the_files_not_read(tmp_path):
    rng = random.Random(9)
    for i in range(5):
        corpus.assessment_file(tmp_path / f"a{i}.smd.json", corpus.random_assessment(rng))
    import threading

    cancel = threading.Event()

    def progress(done, total):
        if done == 2:
            cancel.set()

    with aggregate([tmp_path], progress=progress, cancel=cancel, workers=0) as result:
        assert result.cancelled
        c = result.counts
        assert (c.accepted, c.skipped) == (2, 3)
        assert c.files == c.accepted + c.rejected + c.duplicates + c.skipped
        assert {f.code for f in result.files if f.status == "skipped"} == {"cancelled"}


# --------------------------------------------------------------------- command line

def test_cli_json(run, tmp_path, capsys):
    root = run[0]
    out, long = tmp_path / "s.xlsx", tmp_path / "l.csv"
    code = main(["aggregate", str(root / "firms"), str(root / "incoming"), "-o", str(out), "--csv", str(long),
                 "--json", "--lang", "en", "--workers", "2"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert {k: data[k] for k in ("files", "accepted", "rejected", "duplicates", "firms")} == {
        **{k: getattr(run[1].counts, k) for k in ("files", "accepted", "rejected", "duplicates", "firms")}}
    assert data["files"] == data["accepted"] + data["rejected"] + data["duplicates"]
    statuses = {Path(f["path"]).name: (f["status"], f["code"]) for f in data["file_status"]}
    assert statuses == EXPECTED
    assert all(f["reason"] for f in data["file_status"])
    assert out.exists() and long.exists()
    assert openpyxl.load_workbook(out, read_only=True).sheetnames[0] == "Overview"


def test_cli_exit_status(tmp_path, capsys):
    corpus.assessment_file(tmp_path / "a.smd.json", corpus.sample())
    assert main(["aggregate", str(tmp_path), "-o", str(tmp_path / "s.xlsx"), "--workers", "0",
                 "--allow-output-inside"]) == 0
    assert "1" in capsys.readouterr().out
    # output folder missing: 1; a path that does not exist or a bad option: 2
    assert main(["aggregate", str(tmp_path), "-o", str(tmp_path / "no" / "s.xlsx")]) == 1
    assert main(["aggregate", str(tmp_path / "nothing-here"), "-o", str(tmp_path / "s.xlsx")]) == 2
    with pytest.raises(SystemExit) as exc:
        main(["aggregate", str(tmp_path)])
    assert exc.value.code == 2
    assert main(["aggregate", str(tmp_path), "-o", str(tmp_path / "s.xlsx"), "--workers", "-1"]) == 2
    # a rejected file does not change the exit status
    (tmp_path / "junk.xlsx").write_bytes(b"PK\x03\x04junk")
    assert main(["aggregate", str(tmp_path), "-o", str(tmp_path / "s.xlsx"), "--workers", "0", "--json",
                 "--allow-output-inside"]) == 0
    data = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert (data["files"], data["accepted"], data["rejected"], data["skipped"]) == (3, 1, 1, 1)  # the summary: own


def test_an_output_inside_an_input_folder_is_refused_unless_asked(tmp_path, capsys):
    src = tmp_path / "firms"
    (src / "sub").mkdir(parents=True)
    corpus.assessment_file(src / "a.smd.json", corpus.sample())
    assert main(["aggregate", str(src), "-o", str(src / "sub" / "s.xlsx"), "--workers", "0", "--lang", "en"]) == 2
    assert "[output-inside-input]" in capsys.readouterr().err and not (src / "sub" / "s.xlsx").exists()
    assert main(["aggregate", str(src), "-o", str(tmp_path / "s.xlsx"), "--csv", str(src / "l.csv"),
                 "--workers", "0"]) == 2
    assert "输入文件夹之外" in capsys.readouterr().err
    assert main(["aggregate", str(src), "-o", str(tmp_path / "s.xlsx"), "--workers", "0"]) == 0


def test_a_workbook_from_a_version_with_another_pillar_mapping_is_accepted_with_todays_pillars(tmp_path, monkeypatch):
    """The pillars and the stage are the project's own reading: a later version may map them differently
    (as the MIIT pillar mapping changed), so a workbook whose recorded pillars and stage differ from
    today's is not taken for an edited one; the total, level and dimensions still must agree."""
    from smedigital.aggregate import reader

    (tmp_path / "in").mkdir()
    corpus.plan_workbook(tmp_path / "in" / "older.xlsx", corpus.sample())
    real = reader.scores_of

    def another_version(result):
        scores = real(result)
        return {**scores, "stage": (scores["stage"] + 1) % 4, "pillars": {p: v + 7 for p, v in scores["pillars"].items()}}

    monkeypatch.setattr(reader, "scores_of", another_version)
    with aggregate([tmp_path / "in"], workers=0) as result:
        (status,) = result.files
        assert status.status == "accepted", status.detail
    monkeypatch.setattr(reader, "scores_of", lambda r: {**real(r), "total": real(r)["total"] + 1})
    with aggregate([tmp_path / "in"], workers=0) as result:
        (status,) = result.files
        assert status.status == "rejected" and "do not follow from the recorded answers" in status.detail


@pytest.mark.parametrize("order", [("1-honest", "2-forged"), ("2-honest", "1-forged")])
def test_answers_scored_once_per_run_still_check_every_file(tmp_path, order):
    """A run scores each distinct answer set once; every file holding the set is still checked against that
    score: a forged record (scores, checksum and summary cell consistent) read before or after an honest
    file with the same answers is rejected, and the honest one accepted."""
    honest_name, forged_name = order
    src = tmp_path / "in"
    src.mkdir()
    honest = corpus.plan_workbook(src / f"{honest_name}.xlsx", corpus.sample())
    kv = corpus.record_of(honest)
    scores = json.loads(kv["scores"])
    scores["total"] = round(scores["total"] + 5, 4)
    forged = set_record(honest, src / f"{forged_name}.xlsx", {
        "scores": json.dumps(scores), "checksum": record_checksum(json.loads(kv["assessment"]), scores)})
    corpus.edit_workbook(forged, forged, None, json.loads(kv["visible"])["total"], scores["total"])
    with aggregate([src], workers=0) as result:
        by_name = {Path(f.path).stem: f for f in result.files}
    assert by_name[honest_name].status == "accepted", by_name[honest_name].detail
    assert by_name[forged_name].status == "rejected" and by_name[forged_name].code == "edited"
    assert "do not follow from the recorded answers" in by_name[forged_name].detail


def test_rows_share_equal_values_yet_every_score_prints_as_before(run):
    """The parent keeps one copy of each value rows repeat (run.Shared): a score stays a float (1 == 1.0) and a
    negative zero stays one (-0.0 == 0.0), so no figure in the outputs changes."""
    from dataclasses import replace

    from smedigital.aggregate.run import Shared

    row = next(run[1].assessments())
    shared = Shared()
    first = replace(row, scenes=(("foundation", 1),), pillars=(0.0, 2.0, 3.5), total=0.0, self_total=0.0,
                    flags=(("raw-disagree", "a: 1", "a: 1"),))
    second = replace(row, dimensions=(("foundation", 1.0),), pillars=(-0.0, 2.0, 3.5), total=-0.0, self_total=0.0,
                     flags=(("raw-disagree", "a: 1", "a: 1"),))
    shared.row(first)
    shared.row(second)
    assert [repr(v) for v in (*second.dimensions[0], *second.pillars)] == ["'foundation'", "1.0", "-0.0", "2.0", "3.5"]
    assert repr(second.self_total) == "0.0" and repr(second.total) == "-0.0"
    assert second.pillars[1] is first.pillars[1]  # equal and printing alike: one copy
    assert second.flags is not first.flags and second.flags[0] is first.flags[0]
    assert second.flags[0][1] is second.flags[0][2]  # the same text in both languages: one string
