"""A city rule pack applied to the improvement plan: actions' spend categories, per-step
eligibility, eligible cost and subsidy range, the level gate on the expected result, open
conditions, and the plan command's --rules."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from smedigital.cli import main
from smedigital.core.actions import ActionsError, actions_for, load_actions
from smedigital.core.assessment import load_assessment
from smedigital.core.framework import get_framework
from smedigital.core.plan_subsidy import ELIGIBLE, NOT_ELIGIBLE, PARTLY, plan_subsidy, resolve_pack
from smedigital.core.planning import build_plan, plan_record
from smedigital.core.rules import spend_categories

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "manufacturer-miit.smd.json"
ACTIONS = ROOT / "resources" / "actions"
CHANGCHUN = "changchun-batch3-example"
EARLY = "2025-01-10"  # assessed then, the plan starts 2025-04-01: inside Changchun's windows (to 2025-12-31)


def early():
    """The MIIT sample as if assessed in January 2025 (the sample itself is 2026-11: the windows have closed)."""
    from dataclasses import replace

    return replace(load_assessment(SAMPLE), assessed_on=EARLY)


@pytest.fixture
def early_file(tmp_path) -> Path:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    data["assessed_on"] = EARLY
    f = tmp_path / "early.smd.json"
    f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return f


@pytest.mark.parametrize("fid", ["miit-2024-manufacturing", "smedigital-cdi"])
def test_every_bundled_action_has_spend_categories_from_the_vocabulary(fid):
    lib = actions_for(get_framework(fid))
    known = spend_categories()
    for a in lib.actions:
        assert a.spend_categories, a.id
        assert set(a.spend_categories) <= set(known), a.id


def test_consulting_training_and_rules_are_not_software():
    lib = actions_for(get_framework("miit-2024-manufacturing"))
    for aid in ("miit.management.talent.training", "miit.management.planning.plan",
                "miit.foundation.data_security.rules", "miit.foundation.network_security.risk_assessment"):
        assert lib.action(aid).spend_categories == ("consulting_training",), aid
    assert lib.action("miit.management.talent.staff").spend_categories == ("other",)  # salaries


def test_an_unknown_or_missing_category_is_a_located_problem(tmp_path):
    fw = get_framework("miit-2024-manufacturing")
    data = yaml.safe_load((ACTIONS / "miit-2024-manufacturing.yaml").read_text(encoding="utf-8"))
    data["actions"][0]["spend_category"] = "robots"
    data["actions"][1]["spend_category"] = ["software_business", "hardware"]
    del data["actions"][2]["spend_category"]
    f = tmp_path / "lib.yaml"
    f.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ActionsError) as err:
        load_actions(f, fw)
    text = "\n".join(str(p) for p in err.value.problems)
    assert "actions[0].spend_category: 'robots' is not a spend category" in text
    assert "actions[1].spend_category[1]: 'hardware' is not a spend category" in text
    assert "actions[2].spend_category: is missing" in text


def test_the_plan_shows_each_step_eligible_or_not_with_cost_and_subsidy():
    plan = build_plan(early(), "level:3")
    sub = plan_subsidy(plan, resolve_pack(CHANGCHUN))
    by_key = {i.key: i for i in sub.items}
    assert len(by_key) == len(plan.items)
    statuses = {i.status for i in sub.items}
    assert ELIGIBLE in statuses and NOT_ELIGIBLE in statuses
    for item in plan.items:
        e = by_key[item.key]
        if item.action.spend_categories == ("consulting_training",):
            assert e.status == NOT_ELIGIBLE and (e.eligible_min, e.eligible_max) == (0, 0)
        if e.status == ELIGIBLE:
            assert (e.eligible_min, e.eligible_max) == (item.cost_min, item.cost_max)
    est = sub.estimate
    assert est.eligible.min == sum(i.eligible_min for i in sub.items)
    assert est.eligible.max == sum(i.eligible_max for i in sub.items)
    assert est.eligible.max < plan.cost_max  # rules and training are not eligible spend
    assert est.subsidy.max == min(est.eligible.max // 2, 500_000)  # 50 %, capped at ¥500k
    assert any("示例" in c.zh for c in sub.caveats) and any("[re-post]" in c.en for c in sub.caveats)


def test_a_step_that_mixes_eligible_and_other_spend_counts_from_nothing_to_its_whole_cost():
    key = "miit.scene.warehousing>4"  # software and production machinery (automatic delivery)
    from dataclasses import replace

    plan = build_plan(replace(early(), assessed_on="2024-06-01"), "level:3", pins=[key])  # all in the window
    item = plan.item(key)
    assert item.action.spend_categories == ("software_business", "production_equipment")
    e = plan_subsidy(plan, resolve_pack(CHANGCHUN)).item(key)
    assert e.status == PARTLY and (e.eligible_min, e.eligible_max) == (0, item.cost_max)
    assert "未列入" in e.reason.zh and "shares are not known" in e.reason.en


def test_the_level_gate_is_judged_on_the_expected_result_and_can_fail():
    a = load_assessment(SAMPLE)
    up = plan_subsidy(build_plan(a, "level:2"), resolve_pack(CHANGCHUN))
    gate = next(c for c in up.conditions if c.id == "level_gate")
    assert gate.met is True and "expected after the plan" in gate.text.en and "now Level 1" in gate.text.en
    # a plan for the next stage only that keeps the firm at 一级 does not reach the 二级 gate
    low = build_plan(a, "next-stage")
    if low.expected.level_index >= 2:
        low = build_plan(a, "level:1")
    sub = plan_subsidy(low, resolve_pack(CHANGCHUN))
    gate = next(c for c in sub.conditions if c.id == "level_gate")
    assert low.expected.level_index < 2 and gate.met is False
    assert sub.estimate.subsidy is not None  # still estimated, with the failed gate beside it


def test_documents_and_unknown_dates_are_open_not_met_and_a_closed_window_is_not_met():
    plan = build_plan(load_assessment(SAMPLE), "level:2")
    sub = plan_subsidy(plan, resolve_pack(CHANGCHUN))
    conds = {c.id: c for c in sub.conditions}
    assert all(c.met is None for k, c in conds.items() if k.startswith(("document.", "other.")))
    # the sample is assessed 2026-11: its plan starts 2027-01-01, after Changchun's windows closed
    assert conds["window.contract"].met is False and "2027-01-01" in conds["window.contract"].text.en
    xiaoshan = plan_subsidy(plan, resolve_pack("hangzhou-xiaoshan-example"))
    assert xiaoshan.estimate.subsidy.max == xiaoshan.estimate.eligible.max * 2 // 5  # 40 %, no cap


def test_the_pack_is_remembered_with_the_plan():
    a = load_assessment(SAMPLE)
    plan = build_plan(a, "level:2", rules=CHANGCHUN)
    assert plan_record(plan)["rules"] == CHANGCHUN
    again = build_plan(_with(a, plan))
    assert again.rules == CHANGCHUN
    assert build_plan(_with(a, plan), rules="").rules is None  # cleared


def _with(a, plan):
    from smedigital.core.planning import with_plan
    return with_plan(a, plan)


def test_cli_plan_rules_json_has_the_subsidy_fields(capsys, early_file):
    assert main(["plan", str(early_file), "--rules", CHANGCHUN, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    sub = out["subsidy"]
    assert out["rules"] == CHANGCHUN
    assert set(sub["eligible_cost"]) == {"min", "max"} and set(sub["estimate"]) == {"min", "max"}
    assert 0 < sub["estimate"]["max"] <= sub["eligible_cost"]["max"] // 2
    assert all(set(c) == {"id", "met", "text"} for c in sub["conditions"])
    assert {c["id"] for c in sub["conditions"]} >= {"level_gate", "window.contract", "document.application"}
    assert sub["caveats"] and sub["status"] == "example"
    keys = [i["key"] for ph in out["phases"] for i in ph["items"]]
    assert sorted(i["key"] for i in sub["items"]) == sorted(keys)
    first = out["phases"][0]["items"][0]
    assert first["eligibility"]["status"] in ("eligible", "partly", "not")


def test_cli_plan_text_shows_eligibility_subsidy_and_caveats(capsys, early_file):
    assert main(["--lang", "en", "plan", str(early_file), "--rules", CHANGCHUN, "--target", "level:3"]) == 0
    out = capsys.readouterr().out
    assert "[eligible]" in out and "[not counted]" in out
    assert "Subsidy estimate" in out and "estimated subsidy ¥" in out
    assert "! Example rule pack" in out and "! [re-post]" in out
    assert "[open]" in out and "[met] needs Level 2 or above" in out


def test_cli_plan_without_rules_has_no_subsidy_and_a_bad_pack_is_reported(capsys, tmp_path):
    assert main(["plan", str(SAMPLE), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["subsidy"] is None
    assert main(["--lang", "en", "plan", str(SAMPLE), "--rules", "nowhere-pack"]) == 1
    err = capsys.readouterr().err
    assert "no rule pack 'nowhere-pack'" in err and "Traceback" not in err


def test_cli_plan_save_keeps_the_pack_and_a_file_pack_works(capsys, tmp_path):
    f = tmp_path / "a.smd.json"
    shutil.copy(SAMPLE, f)
    pack = tmp_path / "mine.yaml"
    shutil.copy(ROOT / "resources" / "rules" / "hangzhou-xiaoshan.example.yaml", pack)
    assert main(["plan", str(f), "--rules", str(pack), "--save"]) == 0
    capsys.readouterr()
    assert main(["plan", str(f), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["subsidy"]["pack"] == "hangzhou-xiaoshan-example"
    assert main(["plan", str(f), "--rules", "none", "--save"]) == 0
    capsys.readouterr()
    assert main(["plan", str(f), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["subsidy"] is None


# --------------------------------------------------------------------- the plan workbook


def _cells(ws) -> str:
    return "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_workbook_has_a_subsidy_sheet_with_caveats_and_reads_back(tmp_path, lang):
    import openpyxl

    from smedigital.export.importer import read_workbook
    from smedigital.export.words import words
    from smedigital.export.workbook import write_plan_workbook

    a = early()
    plan = build_plan(a, "level:3", rules=CHANGCHUN)
    sub = plan_subsidy(plan, resolve_pack(CHANGCHUN))
    f = tmp_path / "plan.xlsx"
    write_plan_workbook(a, f, lang, plan)
    wb = openpyxl.load_workbook(f)
    w = words(lang)
    ws = wb[w["sheet.subsidy"]]
    text = _cells(ws)
    for cav in sub.caveats:
        assert cav.get(lang) in text
    assert sub.pack.title.get(lang) in text
    values = [c.value for row in ws.iter_rows() for c in row]
    assert sub.estimate.eligible.max in values and sub.estimate.subsidy.max in values
    assert STATUS_LABEL["not"][lang] in text and STATUS_LABEL["eligible"][lang] in text
    plan_text = _cells(wb[w["sheet.plan"]])  # the figures under the plan, with the caveats right below
    assert f"{sub.estimate.subsidy.max:,}" in plan_text and sub.caveats[0].get(lang) in plan_text
    back = read_workbook(f)
    assert back.plan["rules"] == CHANGCHUN


STATUS_LABEL = {"eligible": {"zh": "可补助", "en": "eligible"}, "not": {"zh": "不计入", "en": "not counted"}}


def test_no_pack_no_subsidy_sheet_and_an_unreadable_pack_is_said(tmp_path):
    import openpyxl

    from smedigital.export.workbook import write_plan_workbook

    a = load_assessment(SAMPLE)
    f = tmp_path / "plan.xlsx"
    write_plan_workbook(a, f, "en", build_plan(a, "level:2"))
    assert "Subsidy" not in openpyxl.load_workbook(f).sheetnames
    write_plan_workbook(a, f, "en", build_plan(a, "level:2", rules=str(tmp_path / "gone.yaml")))
    ws = openpyxl.load_workbook(f)["Subsidy"]
    assert "cannot be read" in _cells(ws)


# --------------------------------------------------------------------- the PDF report


def _pdf_text(path: Path) -> str:
    import re
    import subprocess

    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", out)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) not installed")
def test_the_report_has_a_subsidy_part_with_caveats_and_conditions(tmp_path, early_file):
    f, pdf = tmp_path / "plan.xlsx", tmp_path / "r.pdf"
    assert main(["--lang", "en", "export", str(early_file), "-o", str(f), "--pdf", str(pdf), "--target", "level:3",
                 "--rules", CHANGCHUN]) == 0
    text = _pdf_text(pdf)
    for needle in ("Subsidyestimate(cityrulepack)", "!Examplerulepack", "![re-post]", "Estimatedsubsidy(yuan)",
                   "250,000–500,000yuan", "notcounted", "[open]",
                   "[met]needsLevel2orabove"):
        assert needle in text, needle
    f2, pdf2 = tmp_path / "plain.xlsx", tmp_path / "plain.pdf"
    assert main(["--lang", "en", "export", str(SAMPLE), "-o", str(f2), "--pdf", str(pdf2)]) == 0
    assert "Subsidyestimate" not in _pdf_text(pdf2)


def test_a_pack_gated_on_another_framework_fails_the_gate_for_a_cdi_plan():
    a = load_assessment(ROOT / "resources" / "samples" / "retail-chain-cdi.smd.json")
    sub = plan_subsidy(build_plan(a), resolve_pack(CHANGCHUN))
    gate = next(c for c in sub.conditions if c.id == "level_gate")
    assert gate.met is False and "smedigital-cdi" in gate.text.en
    xian = plan_subsidy(build_plan(a), resolve_pack("xian-batch1-example"))
    assert xian.estimate.subsidy is None  # the Xi'an example gives no rate: no figure is made up



def test_steps_planned_to_start_after_a_window_closes_do_not_count():
    from dataclasses import replace

    a = replace(load_assessment(SAMPLE), assessed_on="2025-07-15")  # the plan starts 2025-10-01
    plan = build_plan(a, "level:3", pins=["miit.scene.warehousing>4"])
    sub = plan_subsidy(plan, resolve_pack(CHANGCHUN))
    late = [i for i in plan.items if i.start_quarter > "2025Q4"]
    assert late and any(i.start_quarter == "2025Q4" for i in plan.items)
    for item in late:
        e = sub.item(item.key)
        assert e.status == NOT_ELIGIBLE and e.eligible_max == 0
        if "software_business" in item.action.spend_categories:
            assert "after the pack's window closed" in e.reason.en
    cond = next(c for c in sub.conditions if c.id == "window.contract")
    assert cond.met is False and "planned to start after it closes" in cond.text.en
    assert sub.estimate.eligible.max > 0  # the steps that start in time still count
    # the sample itself (assessed 2026-11) plans from 2027: nothing can count for Changchun's batch 3
    closed = plan_subsidy(build_plan(load_assessment(SAMPLE), "level:3"), resolve_pack(CHANGCHUN))
    assert closed.estimate.eligible.max == 0 and closed.estimate.subsidy.max == 0
