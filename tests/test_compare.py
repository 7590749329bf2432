"""Comparing two assessments of one firm: the diagnosis baseline and the 改造后 self-assessment."""

from __future__ import annotations

import json
import re
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
    assert "百元营收成本 88.4 → 86.7%（−1.7，−1.9%）" in zh and "产品合格率 97.8 → 98.6%" in zh
    assert "人均营业收入 46.7 → 50.4 万元/人（+3.7，+7.9%）" in zh
    assert main(["--lang", "en", "compare", str(BASELINE), str(AFTER)]) == 0
    en = capsys.readouterr().out
    assert "Revenue per employee 46.7 → 50.4 10,000 yuan per person (+3.7, +7.9%)" in en
    assert "Cost per 100 yuan of revenue 88.4 → 86.7% (−1.7, −1.9%)" in en


def test_cli_compare_in_chinese_has_no_half_width_colon_and_english_keeps_its_own(capsys):
    assert main(["compare", str(BASELINE), str(AFTER)]) == 0
    zh = capsys.readouterr().out
    assert ": " not in zh and f"{AFTER}：宁波明川五金制品有限公司" in zh.splitlines()[0]
    assert main(["--lang", "en", "compare", str(BASELINE), str(AFTER)]) == 0
    en = capsys.readouterr().out
    assert f"{AFTER}: " in en.splitlines()[0] and "：" not in en.replace("（示例·改造前后）", "")


def test_relative_changes_follow_one_rule_worked_from_the_numbers_shown(capsys):
    """One decimal always (+8.0%, not +8%), and 46.7 → 50.4 is +7.9% as a reader works it out (the raw
    values 46.67 → 50.41 would give +8.0%); 88.4 → 86.7 is −1.9%, 0.146 → 0.128 is −12.3%."""
    assert main(["compare", str(BASELINE), str(AFTER)]) == 0
    zh = capsys.readouterr().out
    relative = re.findall(r"[+−±]\d+(?:\.\d+)?%", zh)
    assert relative == ["−12.3%", "+0.8%", "+7.9%", "−1.9%"]
    assert "维度得分：数字化基础 47.7 → 59.2；数字化管理 26.3 → 26.3；数字化成效 100.0 → 100.0" in zh  # as the window
    assert main(["compare", str(BASELINE), str(AFTER), "--json"]) == 0
    data = {i["id"]: i for i in json.loads(capsys.readouterr().out)["indicators"]}
    rpe = data["miit.results.revenue_per_employee"]
    assert rpe["relative_change"] == pytest.approx(0.079) and rpe["places"] == 1
    assert rpe["before"] == pytest.approx(46.6667, abs=1e-4)  # the values themselves keep full precision
    assert data["miit.results.cost"]["relative_change"] == pytest.approx(-0.019)
    assert data["miit.results.energy"]["relative_change"] == pytest.approx(-0.123)
    assert all("relative_change_missing" not in i for i in data.values())


def zero_base_pair(pair):
    """The baseline's latest pass rate is 0: no relative change can be worked out from it."""
    before, after = pair
    q = "miit.results.quality"
    raw = dict(before.answers[q].raw) | {"pass_rate_after": 0}
    return replace(before, signed_off=None).with_answer(q, replace(before.answers[q], raw=raw)), after


def test_a_relative_change_from_zero_says_so_instead_of_a_number(pair, tmp_path, capsys):
    from smedigital.core.assessment import save_assessment

    before, after = zero_base_pair(pair)
    c = compare_assessments(before, after)
    quality = next(i for i in c.indicators if i.id == "miit.results.quality")
    assert quality.shown_before == 0 and quality.relative is None and quality.relative_missing == "zero_base"
    path = tmp_path / "zero.smd.json"
    save_assessment(before, path)
    assert main(["compare", str(path), str(AFTER)]) == 0
    zh = capsys.readouterr().out
    assert "产品合格率 0.0 → 98.6%（+98.6，基数为零，无相对变化）" in zh and "inf" not in zh
    assert main(["--lang", "en", "compare", str(path), str(AFTER)]) == 0
    assert "(+98.6, no relative change from zero)" in capsys.readouterr().out
    assert main(["compare", str(path), str(AFTER), "--json"]) == 0
    data = {i["id"]: i for i in json.loads(capsys.readouterr().out)["indicators"]}
    assert data["miit.results.quality"]["relative_change"] is None
    assert data["miit.results.quality"]["relative_change_missing"] == "zero_base"


def test_a_missing_value_has_no_relative_change_and_says_why_in_json(pair):
    before, after = pair
    c = compare_assessments(replace(before, signed_off=None).with_answer("miit.results.energy", None), after)
    energy = next(i for i in comparison_to_dict(c)["indicators"] if i["id"] == "miit.results.energy")
    assert energy["relative_change"] is None and energy["relative_change_missing"] == "missing"


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
