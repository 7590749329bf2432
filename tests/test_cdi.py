"""The 上云用数赋智 framework: modules, policy coverage, descriptors, and the module rule for answers."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from smedigital.core.answers import Answer
from smedigital.core.assessment import AssessmentError, loads_assessment
from smedigital.core.framework import get_framework
from smedigital.core.scoring import score_answers

ROOT = Path(__file__).resolve().parent.parent
POLICY_MAP = ROOT / "resources" / "frameworks" / "smedigital-cdi-policy.md"
POLICY_KEYS = ["personal_info", "level_protection", "data_security_monitoring", "algorithm_transparency",
               "barrier_free", "green_supply_chain", "core_tech_rd"]
MODULE_KEYS = ["mfg_on_demand", "mfg_customisation", "mfg_integrated_operation", "mfg_supply_chain",
               "mfg_equipment_networking", "mfg_platforms_clusters", "agri_digital_production", "agri_links",
               "agri_traceability", "agri_branding", "agri_ecommerce", "agri_inputs_compliance",
               "svc_consumption_scenarios", "svc_shopping_guide", "svc_replenishment", "svc_virtual_experience",
               "svc_online_office", "svc_remote_services", "svc_brand_promotion", "producer_services"]


@pytest.fixture(scope="module")
def fw():
    return get_framework("smedigital-cdi")


def policy_rows() -> dict[str, list[str]]:
    rows = {}
    for line in POLICY_MAP.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and re.fullmatch(r"[a-z_]+", cells[0]) and cells[0] != "key":
            rows[cells[0]] = re.findall(r"`([^`]+)`", cells[3])
    return rows


@pytest.mark.parametrize("key", POLICY_KEYS + MODULE_KEYS)
def test_every_policy_point_keeps_a_question(fw, key):
    rows = policy_rows()
    assert key in rows, f"policy point {key} has no row in {POLICY_MAP.name}"
    assert rows[key], f"policy point {key} lists no question"
    for qid in rows[key]:
        assert qid in fw.question_by_id, f"policy point {key}: question {qid} is not in the framework"


def test_core_is_100_points_and_modules_apply_by_industry(fw):
    core = [q for q in fw.questions if q.module is None]
    assert sum(q.max_points for q in core) == 100
    assert 40 <= len(fw.questions) <= 70
    assert fw.modules_for("C") == {"manufacturing"}
    assert fw.modules_for("A") == {"agriculture"}
    assert fw.modules_for("F") == {"consumer_services"}
    assert fw.modules_for("I") == {"producer_services"}
    for q in fw.questions:
        if q.kind == "scale":
            assert sorted(q.levels) == [0, 1, 2, 3, 4], q.id
            assert all(t.zh and t.en for t in q.levels.values()), q.id


def test_module_questions_count_only_for_firms_they_apply_to(fw):
    mfg = next(q for q in fw.questions if q.module == "manufacturing" and q.kind == "scale")
    core = next(q for q in fw.questions if q.module is None and q.kind == "scale")
    answers = {mfg.id: Answer(level=4), core.id: Answer(level=4)}
    with_module = score_answers(fw, answers, {"manufacturing"})
    without = score_answers(fw, answers, set())
    assert with_module.max_points == 100 + sum(q.max_points for q in fw.questions if q.module == "manufacturing")
    assert without.max_points == 100
    assert mfg.id not in without.questions


def test_an_answer_to_a_module_that_does_not_apply_is_an_error(fw):
    agri = next(q for q in fw.questions if q.module == "agriculture")
    doc = {"format": "smedigital-assessment", "format_version": 1,
           "framework": {"id": fw.id, "version": fw.version},
           "company": {"name": "某零售公司", "industry": "F52"},
           "answers": {agri.id: {"level": 2}}}
    with pytest.raises(AssessmentError) as info:
        loads_assessment(json.dumps(doc, ensure_ascii=False), "x")
    assert "agriculture module, which does not apply to industry F" in str(info.value.problems[0])


def test_stages_are_gated_in_cloud_data_intelligence_order(fw):
    assert [t.pillar for t in fw.stage_rule] == ["cloud", "data", "intelligence"]
    assert fw.stage_rule_note is not None and fw.stage_rule_note.zh and fw.stage_rule_note.en
    assert [s.label.zh for s in fw.stages] == ["未上云", "上云", "用数", "赋智"]
    assert fw.level_rule.kind == "bands"
