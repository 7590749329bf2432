"""The programme view of an aggregation: each firm's stage from its files and the office's stages file, the
targets' progress per framework, the 服务商 scorecard, and the 推荐汇总表 workbook and JSON from the command line.

The firms are built by the test from the bundled pilot pair (a signed-off baseline at 一级 and its after-retrofit
self-assessment at 二级), renamed to other firms, one of them rated on site, one with an improvement plan.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "data" / "aggregate"))

import aggcorpus as corpus

from smedigital.aggregate import aggregate
from smedigital.aggregate.officefile import OfficeFileError
from smedigital.aggregate.pipeline import build_pipeline, load_stages, parse_stages
from smedigital.aggregate.programme import build_programme
from smedigital.aggregate.providers import provider_scorecard
from smedigital.aggregate.targets import load_targets, parse_targets, targets_progress
from smedigital.cli import main
from smedigital.core.answers import Answer
from smedigital.core.assessment import Verification, load_assessment, set_verification
from smedigital.core.planning import build_plan, with_plan
from smedigital.core.resources import resource_path

PILOT = resource_path("samples", "pilot")
CODES = {"A": "91330211MA2J6T5P0Q", "B": "91330206MA2H7Q3K58", "C": "91320506MA1X8C4P2X"}
CDI_CODE = "93511623MA6B2K7L4Y"


def pair():
    return (load_assessment(PILOT / "manufacturer-miit-baseline.smd.json"),
            load_assessment(PILOT / "manufacturer-miit-after.smd.json"))


def rated(after):
    """The after-assessment with an on-site rating that puts the first scored single-choice answer, of those
    whose lowest option scores less, down to that option."""
    for q in after.framework.questions:
        own = after.answers.get(q.id)
        if q.kind != "single" or own is None or own.choice is None:
            continue
        low = min(q.options, key=lambda o: o.points)
        if low.id == own.choice:
            continue
        v = Verification("王评测", "某第三方评测机构", "2026-12-01", {q.id: Answer(choice=low.id)}, {q.id: "未见运行记录"})
        out = set_verification(after, v)
        if out.score().total_score < out.score_self().total_score:
            return out
    raise AssertionError("no answer of the pilot sample can be rated lower")


@pytest.fixture()
def firms(tmp_path):
    """A: baseline + after rated on site (服务商 甲); B: baseline with a plan + after (甲); C: baseline only (乙);
    D: a smedigital-cdi firm (乙)."""
    d = tmp_path / "in"
    d.mkdir()
    base, after = pair()
    base, after = replace(base, assessor="甲服务商"), replace(after, assessor="甲服务商")

    def firm(a, letter, name):
        return corpus.with_company(a, name=name, credit_code=CODES[letter])

    corpus.assessment_file(d / "a-base.smd.json", firm(base, "A", "甲企业"))
    corpus.assessment_file(d / "a-after.smd.json", firm(rated(after), "A", "甲企业"))
    plan = build_plan(base)
    corpus.assessment_file(d / "b-base.smd.json", firm(with_plan(base, plan), "B", "乙企业"))
    corpus.assessment_file(d / "b-after.smd.json", firm(after, "B", "乙企业"))
    corpus.assessment_file(d / "c-base.smd.json", firm(replace(base, assessor="乙服务商", assessed_on="2026-02-01"),
                                                       "C", "丙企业"))
    cdi = next(a for a in corpus.other_samples() if a.framework_id == "smedigital-cdi")
    corpus.assessment_file(d / "d.smd.json", corpus.with_company(replace(cdi, assessor="乙服务商"), name="丁合作社",
                                                                 credit_code=CDI_CODE))
    return d, plan


def stage_by_name(pipeline):
    return {f.newest.name: f for f in pipeline.firms}


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- stages


def test_each_firms_stage_and_dates_follow_from_its_files(firms):
    d, _ = firms
    with aggregate([d], workers=0) as result:
        got = stage_by_name(build_pipeline(result))
    a, b, c, dd = got["甲企业"], got["乙企业"], got["丙企业"], got["丁合作社"]
    assert (a.stage, b.stage, c.stage, dd.stage) == ("acceptance", "retrofit", "diagnosis", "diagnosis")
    assert a.dates["diagnosis"] == "2025-12-10" and a.dates["acceptance"] == "2026-12-01"
    assert b.dates["retrofit"] == "2026-11-20" and not b.dates["acceptance"]
    assert a.baseline.level == 1 and a.after.level == a.accepted.level  # the rated level counts
    assert a.baseline.signed_off_on == "2025-12-12"
    assert a.provider == "甲服务商" and c.provider == "乙服务商"
    assert "on-site rating" in a.basis().get("en") and "现场评定" in a.basis().get("zh")


def test_the_office_sets_filing_and_payout_and_may_override(firms, tmp_path):
    d, _ = firms
    stages = load_stages(write(tmp_path / "stages.csv", (
        "统一社会信用代码,阶段,日期,服务商,申报投入,备注,以此为准\n"
        f"{CODES['C']},备案,2026-03-02,,,已在市平台备案,\n"
        f"{CODES['A']},payout,2026-12-20,,\"200,000\",,\n"
        f"{CODES['B']},diagnosis,,,,改造后自评待核实,yes\n"
        f"{CODES['B']},filing,2026-01-05,丙服务商,,,\n"
        "91110000600037341L,filing,2026-01-01,,,,\n")))
    with aggregate([d], workers=0) as result:
        pipeline = build_pipeline(result, stages)
    got = stage_by_name(pipeline)
    a, b, c = got["甲企业"], got["乙企业"], got["丙企业"]
    assert (c.stage, c.dates["filing"], c.notes) == ("filing", "2026-03-02", ("已在市平台备案",))
    assert (a.stage, a.dates["payout"], a.spend, a.files_stage) == ("payout", "2026-12-20", 200_000, "acceptance")
    # the override puts B back at diagnosis although its files show the retrofit; the filing date stays
    assert (b.stage, b.files_stage, b.dates["filing"], b.provider) == ("diagnosis", "retrofit", "2026-01-05", "丙服务商")
    assert [f.newest.name for f in pipeline.behind_files()] == ["乙企业"]
    assert [s.credit_code for s in pipeline.unmatched] == ["91110000600037341L"]
    counts = dict(pipeline.counts())
    assert counts["miit-2024-manufacturing"] == (1, 1, 0, 0, 1) and counts["smedigital-cdi"] == (1, 0, 0, 0, 0)


def test_a_filing_behind_what_the_files_show_keeps_the_files_stage_and_its_date(firms):
    d, _ = firms
    stages = parse_stages({"format": "smedigital-stages", "format_version": 1,
                           "firms": [{"credit_code": CODES["A"], "stage": "filing", "date": "2026-01-10"}]})
    with aggregate([d], workers=0) as result:
        a = stage_by_name(build_pipeline(result, stages))["甲企业"]
    assert (a.stage, a.office_stage, a.dates["filing"]) == ("acceptance", "", "2026-01-10")


def test_a_stages_file_with_problems_names_each_place(tmp_path):
    bad = write(tmp_path / "stages.csv", (
        "credit_code,stage,date,colour\n"
        "91330211MA2J6T5P0Q,备案,2026-02-30,red\n"
        "91330211MA2J6T5P0X,filing,,\n"
        "91330206MA2H7Q3K58,shipping,,\n"
        "91330206MA2H7Q3K58,filing,,\n"
        "91330206MA2H7Q3K58,备案,,\n"))
    with pytest.raises(OfficeFileError) as exc:
        load_stages(bad)
    lines = exc.value.lines("en")
    assert [line for line in lines if "colour" in line] == [line for line in lines if line.startswith("line 1, colour")]
    assert any(line.startswith("line 1, colour: is not a column") for line in lines)
    assert any(line.startswith("line 2, date: '2026-02-30' is not a real date") for line in lines)
    assert any(line.startswith("line 3, credit_code: 91330211MA2J6T5P0X: The check character") for line in lines)
    assert any(line.startswith("line 4, stage: 'shipping' is not a stage") for line in lines)
    assert any(line.startswith("line 6: 91330206MA2H7Q3K58: the filing stage is set already at line 5")
               for line in lines)
    assert any("不是阶段" in line for line in exc.value.lines("zh"))
    with pytest.raises(OfficeFileError) as exc:
        load_stages(write(tmp_path / "s.yaml", "format: smedigital-stages\nformat_version: 1\nfirms:\n  - stage: x\n"))
    assert {loc for loc, _ in exc.value.problems} == {"firms[0].credit_code", "firms[0].stage"}
    with pytest.raises(OfficeFileError) as exc:
        load_stages(write(tmp_path / "nohead.csv", "code,when\n1,2\n"))
    assert [loc for loc, _ in exc.value.problems] == ["line 1", "line 1", "line 1, code", "line 1, when"]


# --------------------------------------------------------------------------- targets

TARGETS = """format: smedigital-targets
format_version: 1
targets:
  - id: l2
    text: {zh: 二级及以上占比达到 50%, en: half the firms at level 2 or above}
    source: 本单位 2026 年工作计划
    kind: share-at-level
    level: 2
    share: 0.5
    group: provider
  - id: diagnosed
    text: 2026 年 6 月底前诊断 3 家
    kind: count-by-date
    count: 3
    by: 2026-06-30
  - id: accepted
    text: 年底前验收 1 家二级以上企业
    kind: count-by-date
    stage: 验收
    level: 2
    count: 1
    by: 2026-12-31
    framework: miit-2024-manufacturing
"""


def test_targets_progress_is_per_framework_and_group(firms, tmp_path):
    d, _ = firms
    targets = load_targets(write(tmp_path / "t.yaml", TARGETS))
    with aggregate([d], workers=0) as result:
        pipeline = build_pipeline(result)
        levels = {f.newest.name: f.newest.level for f in pipeline.firms}
        got = {t.target.id: t for t in targets_progress(targets, pipeline, today=dt.date(2026, 12, 7))}
    # a level target looks at the national-levels framework only: the smedigital-cdi firm is not pooled in
    l2 = got["l2"]
    assert l2.frameworks == ("miit-2024-manufacturing",)
    at_l2 = [n for n in ("甲企业", "乙企业", "丙企业") if levels[n] >= 2]
    overall = l2.rows[0]
    assert (overall.group_key, overall.firms, overall.achieved) == ("", 3, len(at_l2))
    assert overall.met == (len(at_l2) / 3 >= 0.5)
    by_provider = {r.group_key: r for r in l2.rows[1:]}
    assert (by_provider["乙服务商"].firms, by_provider["乙服务商"].achieved, by_provider["乙服务商"].met) == (1, 0, False)
    assert by_provider["甲服务商"].firms == 2
    # counts by a date, one row per framework: A, B diagnosed 2025-12-10 and C 2026-02-01 count; D (cdi) apart
    diag = {r.framework_id: r for r in got["diagnosed"].rows}
    assert (diag["miit-2024-manufacturing"].achieved, diag["miit-2024-manufacturing"].met) == (3, True)
    assert diag["smedigital-cdi"].achieved == 0  # its assessment is dated after 2026-06-30
    assert got["diagnosed"].days_left == (dt.date(2026, 6, 30) - dt.date(2026, 12, 7)).days
    accepted = got["accepted"].rows[0]
    assert (accepted.achieved, accepted.met) == (int(levels["甲企业"] >= 2), levels["甲企业"] >= 2)


def test_a_targets_file_with_problems_names_each_place():
    data = {"format": "smedigital-targets", "format_version": 1, "targets": [
        {"id": "a", "text": "x", "kind": "share-at-level", "level": 7, "share": 90},
        {"id": "a", "text": "y", "kind": "count-by-date", "count": 0, "group": "colour", "by": "2026-13-01"},
        {"kind": "shares", "framework": "no-such", "extra": 1},
    ]}
    with pytest.raises(OfficeFileError) as exc:
        parse_targets(data, "t.yaml")
    where = {loc for loc, _ in exc.value.problems}
    assert {"targets[0].level", "targets[0].share", "targets[1].id", "targets[1].count", "targets[1].group",
            "targets[1].by", "targets[2].kind", "targets[2].framework", "targets[2].extra", "targets[2].id",
            "targets[2].text"} <= where
    assert all(msg.zh and msg.en for _, msg in exc.value.problems)


def test_the_sample_targets_and_stages_files_load():
    targets = load_targets(resource_path("samples", "office", "targets.example.yaml"))
    assert {t.kind for t in targets} == {"share-at-level", "count-by-date"} and all(t.source for t in targets)
    stages = load_stages(resource_path("samples", "office", "stages.example.csv"))
    assert stages.settings and stages.settings[0].stage == "filing"


# --------------------------------------------------------------------------- 服务商 scorecard


def test_the_provider_scorecard_figures(firms, tmp_path):
    d, plan = firms
    stages = load_stages(write(tmp_path / "s.csv", f"credit_code,stage,spend\n{CODES['A']},filing,150000\n"))
    base, after = pair()
    after_rated = rated(after)
    with aggregate([d], workers=0) as result:
        rows = {(r.provider, r.framework_id): r for r in provider_scorecard(build_pipeline(result, stages))}
    jia = rows[("甲服务商", "miit-2024-manufacturing")]
    a_up = after_rated.score().level_index - base.score().level_index
    b_up = after.score().level_index - base.score().level_index
    assert (jia.firms, jia.pairs, jia.levels_gained) == (2, 2, a_up + b_up)
    assert jia.mean_level_uplift == round((a_up + b_up) / 2, 2)
    points = float(after_rated.score().total_score + after.score().total_score - 2 * base.score().total_score)
    assert jia.points_gained == pytest.approx(points, abs=1e-3)
    # A's cost is its declared spend; B's the action costs of the steps kept in its baseline's plan
    steps = [i for i in plan.items if i.action is not None and i.status != "dropped"]
    assert steps
    b_min, b_max = sum(i.action.cost_min for i in steps), sum(i.action.cost_max for i in steps)
    assert (jia.costed, jia.declared, jia.cost_min, jia.cost_max) == (2, 1, 150_000 + b_min, 150_000 + b_max)
    if a_up + b_up > 0:
        assert jia.cost_per_level == ((150_000 + b_min) // (a_up + b_up), -(-(150_000 + b_max) // (a_up + b_up)))
    else:
        assert jia.cost_per_level is None
    # the on-site rating of A: one answer differs, and its effect on the total is the verified minus the own
    effect = float(after_rated.score().total_score - after_rated.score_self().total_score)
    assert effect < 0
    assert (jia.verified, jia.differences) == (1, 1)
    assert jia.points_effect == pytest.approx(effect, abs=1e-3)
    assert jia.levels_changed == int(after_rated.score().level_index != after_rated.score_self().level_index)
    yi = rows[("乙服务商", "miit-2024-manufacturing")]
    assert (yi.firms, yi.pairs, yi.mean_level_uplift, yi.cost_per_level, yi.verified) == (1, 0, None, None, 0)
    assert rows[("乙服务商", "smedigital-cdi")].firms == 1  # another framework: a row of its own


# --------------------------------------------------------------------------- command line and workbook


def test_cli_writes_the_recommendation_workbook_and_the_programme_json(firms, tmp_path, capsys):
    d, _ = firms
    targets = write(tmp_path / "t.yaml", TARGETS)
    stages = write(tmp_path / "s.csv", f"credit_code,stage,date\n{CODES['C']},filing,2026-03-02\n")
    out, rec = tmp_path / "summary.xlsx", tmp_path / "推荐汇总表.xlsx"
    assert main(["aggregate", str(d), "-o", str(out), "--json", "--workers", "0", "--lang", "zh", "--targets",
                 str(targets), "--stages", str(stages), "--recommend-out", str(rec),
                 "--rules", "changchun-batch3.example"]) == 0
    data = json.loads(capsys.readouterr().out)
    firms_json = {f["name"]: f for f in data["pipeline"]["firms"]}
    assert firms_json["丙企业"]["stage"] == "filing" and firms_json["丙企业"]["stage_name"] == "备案"
    assert firms_json["甲企业"]["dates"]["acceptance"] == "2026-12-01"
    assert {t["id"] for t in data["targets"]} == {"l2", "diagnosed", "accepted"}
    assert {p["provider"] for p in data["providers"]} == {"甲服务商", "乙服务商"}
    level = rated(pair()[1]).score().level_index
    jia_rated = {1: "一级", 2: "二级"}[level]
    assert (firms_json["甲企业"]["after_level"], firms_json["甲企业"]["verified_level"]) == (2, level)
    wb = openpyxl.load_workbook(rec, read_only=True)
    try:
        assert wb.sheetnames[:4] == ["推荐汇总表", "阶段统计", "目标进展", "服务商评分"]
        rows = [r for r in wb["推荐汇总表"].iter_rows(values_only=True)]
        assert any("本项目自定" in str(r[0]) for r in rows[:5])
        head = next(i for i, r in enumerate(rows) if r[0] == "序号")
        body = {r[1]: dict(zip(rows[head], r, strict=True)) for r in rows[head + 1:]}
        assert set(body) == {"甲企业", "乙企业", "丙企业", "丁合作社"}
        assert body["丙企业"]["阶段"] == "备案" and body["丙企业"]["备案日期"] == "2026-03-02"
        assert body["甲企业"]["诊断基线等级"] == "一级" and body["甲企业"]["服务商"] == "甲服务商"
        assert body["甲企业"]["改造后自评等级"] == "二级" and body["甲企业"]["现场评定等级"] == jia_rated
        assert body["乙企业"]["现场评定等级"] is None and body["乙企业"]["改造后自评等级"] == "二级"
        assert body["乙企业"]["计划费用下限（元）"] > 0 and body["乙企业"]["可补贴费用上限（元）"] is not None
        assert body["甲企业"]["计划费用下限（元）"] is None  # no plan in A's files
        pipeline = [r for r in wb["阶段统计"].iter_rows(values_only=True) if r and r[0] and "miit" in str(r[0])]
        assert pipeline and pipeline[0][1:7] == (0, 1, 1, 1, 0, 3)
        assert wb["_smedigital"].sheet_state == "hidden"
    finally:
        wb.close()
    # the workbook in an input folder is recognised as this program's output, never read as a firm's file
    again = tmp_path / "again"
    again.mkdir()
    (again / "推荐汇总表.xlsx").write_bytes(rec.read_bytes())
    with aggregate([again], workers=0) as result:
        assert [(f.status, f.code) for f in result.files] == [("skipped", "own-output")]


def test_cli_refuses_a_bad_targets_file_before_reading_any_file(firms, tmp_path, capsys):
    d, _ = firms
    bad = write(tmp_path / "t.yaml", "format: smedigital-targets\nformat_version: 1\ntargets:\n  - id: x\n")
    assert main(["aggregate", str(d), "-o", str(tmp_path / "s.xlsx"), "--workers", "0", "--lang", "en",
                 "--targets", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "targets[0].text: is missing" in err and "targets[0].kind: must be" in err
    assert not (tmp_path / "s.xlsx").exists()
    assert main(["aggregate", str(d), "-o", str(tmp_path / "s.xlsx"), "--workers", "0", "--rules", "x"]) == 2
    assert "--recommend-out" in capsys.readouterr().err


def test_programme_without_targets_says_so(firms):
    d, _ = firms
    with aggregate([d], workers=0) as result:
        data = build_programme(result).to_dict("en")
    assert data["targets"] is None and len(data["pipeline"]["firms"]) == 4 and data["providers"]


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_recommendation_workbook(firms, tmp_path):
    """Each of the four visible sheets converts: LibreOffice reads the file as Excel would."""
    from smedigital.aggregate.recommend import write_recommendation

    d, _ = firms
    rec = tmp_path / "rec.xlsx"
    with aggregate([d], workers=0) as result:
        prog = build_programme(result, None, load_targets(write(tmp_path / "t.yaml", TARGETS)))
        write_recommendation(result, prog.pipeline, rec, "en", progress=prog.progress, providers=prog.providers)
    profile = tmp_path / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(rec)], check=True, capture_output=True, timeout=240)
    pdf = (tmp_path / "rec.pdf").read_bytes()
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 4


def test_a_target_narrowed_by_where_counts_only_those_firms(firms):
    d, _ = firms
    targets = parse_targets({"format": "smedigital-targets", "format_version": 1, "targets": [
        {"id": "yi", "text": "乙服务商的企业全部诊断", "kind": "count-by-date", "count": 2, "by": "2026-12-31",
         "where": {"provider": "乙服务商"}}]})
    with aggregate([d], workers=0) as result:
        (tp,) = targets_progress(targets, build_pipeline(result), today=dt.date(2026, 12, 7))
    got = {r.framework_id: (r.firms, r.achieved, r.met) for r in tp.rows}
    # C (MIIT) and D (smedigital-cdi) are 乙服务商's: one firm on each framework, never added up to 2
    assert got == {"miit-2024-manufacturing": (1, 1, False), "smedigital-cdi": (1, 1, False)}


def test_cli_names_the_stages_files_firms_not_in_the_run(firms, tmp_path, capsys):
    d, _ = firms
    stages = write(tmp_path / "s.csv", "credit_code,stage\n91110000600037341L,payout\n")
    assert main(["aggregate", str(d), "-o", str(tmp_path / "s.xlsx"), "--workers", "0", "--lang", "en",
                 "--stages", str(stages)]) == 0
    assert "1 firm(s) (by credit code) not in this run: 91110000600037341L" in capsys.readouterr().err


def test_a_plan_record_with_strange_items_costs_only_what_it_names(tmp_path):
    from smedigital.aggregate.guard import Limits
    from smedigital.aggregate.reader import read_file

    base, _ = pair()
    plan = build_plan(base)
    kept = next(i for i in plan.items if i.action is not None)
    items = [1, "x", {"action": 5}, {"action": "no-such-action"}, {"action": kept.action.id, "status": "dropped"},
             {"action": kept.action.id}]
    path = corpus.assessment_file(tmp_path / "a.smd.json", replace(base, plan={"target": "next-level", "items": items}))
    outcome = read_file(0, str(path), Limits())
    assert outcome.status == "accepted"
    assert outcome.row.plan_steps == ((tuple(kept.action.spend_categories), kept.action.cost_min,
                                       kept.action.cost_max),)


def test_a_stages_or_targets_file_s_places_read_in_chinese_for_a_chinese_user(tmp_path):
    """第 4 行，stage and 第 2 行第 5 列, not "line 4" inside a Chinese sentence; English keeps line/column."""
    from smedigital.aggregate.officefile import load_yaml

    with pytest.raises(OfficeFileError) as exc:
        load_yaml("targets:\n  - id: a\n   bad: indent\n", "targets.yaml")
    [zh], [en] = exc.value.lines("zh"), exc.value.lines("en")
    assert zh.startswith("第 3 行第 ") and "列：不是有效的 YAML" in zh and "line" not in zh
    assert en.startswith("line 3, column ") and en.endswith("is not valid YAML")
    stages = tmp_path / "stages.csv"
    stages.write_text("credit_code,stage\n91330206MA2H7Q3K58,shipping\n91330206MA2H7Q3K58,filing\n"
                      "91330206MA2H7Q3K58,备案\n", encoding="utf-8")
    with pytest.raises(OfficeFileError) as exc:
        load_stages(stages)
    zh_lines = exc.value.lines("zh")
    assert any(line.startswith("第 2 行，stage：") for line in zh_lines), zh_lines
    assert not any("line" in line for line in zh_lines)
    assert any(line == "第 4 行：91330206MA2H7Q3K58 的“备案”阶段已在第 3 行设置过" for line in zh_lines), zh_lines
