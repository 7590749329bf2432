"""Comparing two assessments of one firm: the diagnosis baseline and the 改造后 self-assessment."""

from __future__ import annotations

import json
from dataclasses import replace
from fractions import Fraction

import pytest

from smedigital.cli import main
from smedigital.core.answers import Answer
from smedigital.core.assessment import load_assessment, new_assessment
from smedigital.core.compare import ComparisonError, compare_assessments, comparison_to_dict
from smedigital.core.framework import get_framework
from smedigital.core.resources import resource_path

BASELINE = resource_path("samples", "pilot", "manufacturer-miit-baseline.smd.json")
AFTER = resource_path("samples", "pilot", "manufacturer-miit-after.smd.json")


@pytest.fixture(scope="module")
def pair():
    return load_assessment(BASELINE), load_assessment(AFTER)


def test_the_sample_pair_goes_from_level_one_to_level_two_with_the_scenes_it_raised(pair):
    c = compare_assessments(*pair)
    assert (c.before_result.level.id, c.after_result.level.id) == ("l1", "l2")
    moved = {s.id: (s.before, s.after) for s in c.scenes if s.before != s.after}
    assert moved == {f"miit.scene.{s}": (1, 2) for s in ("planning", "production_control", "quality", "equipment",
                                                         "procurement")}
    assert len(c.scenes) == 16
    assert c.total.after - c.total.before == c.after_result.total_score - c.before_result.total_score > 0


def test_the_gates_of_level_two_show_where_each_assessment_stood(pair):
    c = compare_assessments(*pair)
    l2 = {g.kind: g for g in c.gates if g.level == "l2"}
    assert set(l2) == {"score", "scenes", "mandatory"}
    assert l2["scenes"].required == 6 and l2["scenes"].before == 5 and l2["scenes"].after >= 6


def test_measured_results_are_each_assessments_latest_period_from_its_own_raw_numbers(pair):
    c = compare_assessments(*pair)
    energy = next(i for i in c.indicators if i.id == "miit.results.energy")
    assert energy.before == Fraction(820, 5600) and energy.after == Fraction(790, 6150)
    assert energy.change == Fraction(790, 6150) - Fraction(820, 5600) < 0
    assert energy.unit is not None and energy.unit.zh == "吨标准煤/万元"
    assert {i.id for i in c.indicators} == {"miit.results.energy", "miit.results.quality",
                                            "miit.results.revenue_per_employee", "miit.results.cost"}


def test_changed_answers_are_exactly_those_that_differ(pair):
    before, after = pair
    c = compare_assessments(before, after)
    ids = {a.id for a in c.changed_answers}
    assert "miit.scene.equipment" in ids and "miit.foundation.device_networking" in ids
    assert "miit.scene.marketing" not in ids  # the same level in both
    same = compare_assessments(before, before)
    assert same.changed_answers == () and all(s.before == s.after for s in same.scenes)


def test_an_indicator_without_its_numbers_is_missing_not_zero(pair):
    before, after = pair
    c = compare_assessments(replace(before, signed_off=None).with_answer("miit.results.energy", None), after)
    energy = next(i for i in c.indicators if i.id == "miit.results.energy")
    assert energy.before is None and energy.change is None
    assert next(i for i in comparison_to_dict(c)["indicators"] if i["id"] == "miit.results.energy")["change"] is None


def test_assessments_of_different_frameworks_cannot_be_compared(pair):
    cdi = new_assessment(get_framework("smedigital-cdi"))
    with pytest.raises(ComparisonError):
        compare_assessments(pair[0], cdi)


def test_plan_items_marked_done_in_the_later_assessment_are_listed(pair):
    before, after = pair
    after = replace(after, plan={"target": "level:2", "items": [
        {"key": "miit.scene.equipment:1>2", "status": "done", "evidence": ["EAM验收单.pdf"]},
        {"key": "miit.scene.quality:1>2", "status": "planned"}]})
    c = compare_assessments(before, after)
    assert [(d.key, d.evidence) for d in c.done] == [("miit.scene.equipment:1>2", ("EAM验收单.pdf",))]


def test_cli_compare_json_has_the_promised_fields(capsys):
    assert main(["compare", str(BASELINE), str(AFTER), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"before", "after", "changed_answers", "scenes", "indicators"} <= set(data)
    for side in ("before", "after"):
        assert {"total_score", "level", "stage"} <= set(data[side])
    assert data["before"]["level"]["index"] == 1 and data["after"]["level"]["index"] == 2
    assert {"id", "before", "after"} <= set(data["scenes"][0])
    assert all({"id", "before", "after", "change"} <= set(i) for i in data["indicators"])


def test_cli_compare_text_in_both_languages(capsys):
    assert main(["compare", str(BASELINE), str(AFTER)]) == 0
    zh = capsys.readouterr().out
    assert "一级 → 二级" in zh and "设备管理 1 → 2" in zh and "吨标准煤/万元" in zh
    assert main(["--lang", "en", "compare", str(BASELINE), str(AFTER)]) == 0
    en = capsys.readouterr().out
    assert "Level 1 → Level 2" in en and "Scene levels changed" in en


def test_cli_compare_text_shows_measured_results_as_the_question_card_does(capsys):
    """A share in % with the card's decimals (百元营收成本 88.4 → 86.7%, not 0.884 → 0.8666), Chinese
    punctuation in Chinese, and "per person" in English."""
    assert main(["compare", str(BASELINE), str(AFTER)]) == 0
    zh = capsys.readouterr().out
    assert "总分：51.7 → 57.5（+5.8）" in zh and "等级：一级 → 二级" in zh
    assert "百元营收成本 88.4 → 86.7%（−1.7，−2%）" in zh and "产品合格率 97.8 → 98.6%" in zh
    assert "人均营业收入 46.7 → 50.4 万元/人（+3.7，+8%）" in zh and ": " not in zh.split("\n", 1)[1]
    assert main(["--lang", "en", "compare", str(BASELINE), str(AFTER)]) == 0
    en = capsys.readouterr().out
    assert "Revenue per employee 46.7 → 50.4 10,000 yuan per person (+3.7, +8%)" in en
    assert "Cost per 100 yuan of revenue 88.4 → 86.7% (−1.7, −2%)" in en


def test_cli_compare_reports_a_bad_file_without_a_traceback(tmp_path, capsys):
    bad = tmp_path / "bad.smd.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["compare", str(BASELINE), str(bad)]) == 1
    err = capsys.readouterr().err
    assert str(bad) in err and "Traceback" not in err


def test_answers_with_a_note_only_do_not_count_as_changed(pair):
    before, _ = pair
    q = "miit.scene.marketing"
    noted = replace(before, signed_off=None).with_answer(q, Answer(level=before.answers[q].level, note="复核：无变化"))
    assert compare_assessments(before, noted).changed_answers == ()
