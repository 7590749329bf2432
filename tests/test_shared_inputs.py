"""A figure several questions use is declared once, asked once, and kept one value."""

from __future__ import annotations

import copy
from fractions import Fraction

import pytest
from fwfactory import base_framework, t
from fwfactory import q as make_q

from smedigital.core.answers import Answer
from smedigital.core.assessment import load_assessment
from smedigital.core.framework import FrameworkError, get_framework, parse_framework
from smedigital.core.resources import resource_path
from smedigital.core.shared_inputs import owners, reconcile, sensible_places, spread, value_unit

MIIT = "miit-2024-manufacturing"
REVENUE = {"id": "revenue", "label": t("Revenue"), "unit": {"zh": "万元", "en": "10,000 yuan"}}
BANDS = [{"id": "lo", "points": 0, "label": t("lo"), "band": {"min": 0, "max": 0.5, "min_closed": True,
                                                              "max_closed": True}},
         {"id": "hi", "points": 5, "label": t("hi"), "band": {"min": 0.5, "max": 1, "min_closed": False,
                                                              "max_closed": True}}]


def ratio_q(qid: str, inputs: list) -> dict:
    return make_q(qid, "ratio_band", "a", 5, options=copy.deepcopy(BANDS), inputs=inputs,
                  ratio={"numerator": f"{qid}_part", "denominator": "revenue"}, na_allowed=True,
                  pillar_weight=1)


def part(qid: str) -> dict:
    return {"id": f"{qid}_part", "label": t("part"), "unit": {"zh": "万元", "en": "10,000 yuan"}}


def framework(**changes):
    data = base_framework([ratio_q("x", [part("x"), {"shared": "revenue"}]),
                           ratio_q("y", [{"shared": "revenue"}, part("y")])],
                          shared_inputs=[dict(REVENUE)])
    data.update(changes)
    return data


def problems(data) -> list[str]:
    with pytest.raises(FrameworkError) as exc:
        parse_framework(data, "test")
    return [str(p) for p in exc.value.problems]


def test_a_shared_reference_becomes_the_declared_input_in_every_question():
    fw = parse_framework(framework(), "test")
    x, y = fw.question("x"), fw.question("y")
    assert [i.id for i in x.inputs] == ["x_part", "revenue"]
    assert x.inputs[1] == y.inputs[0]
    assert x.inputs[1].unit.zh == "万元"
    assert [s.id for s in fw.shared_inputs] == ["revenue"]


def test_the_miit_framework_asks_revenue_and_devices_once():
    fw = get_framework(MIIT)
    assert {s.id for s in fw.shared_inputs} == {"devices_total", "revenue_last", "revenue_before"}
    users = {s.id: [q.id for q in fw.questions if any(i.id == s.id for i in q.inputs)] for s in fw.shared_inputs}
    assert users["devices_total"] == ["miit.foundation.device_digitisation", "miit.foundation.device_networking"]
    assert users["revenue_last"] == ["miit.results.energy", "miit.results.revenue_per_employee",
                                     "miit.results.cost"]


def test_malformed_shared_inputs_are_named_where_they_are():
    data = framework()
    data["questions"][0]["inputs"][1] = {"shared": "turnover"}
    assert any("questions[0].inputs[1].shared" in p and "turnover" in p for p in problems(data))

    data = framework()
    data["questions"][0]["inputs"][1] = dict(REVENUE)  # typed out again instead of named
    assert any("questions[0].inputs[1].id" in p and "shared: revenue" in p for p in problems(data))

    data = framework()
    data["questions"][0]["inputs"][1] = {"shared": "revenue", "label": t("again")}
    assert any("questions[0].inputs[1]" in p and "only 'shared'" in p for p in problems(data))

    data = framework(shared_inputs=[dict(REVENUE), dict(REVENUE)])
    assert any("shared_inputs[1].id" in p and "twice" in p for p in problems(data))

    data = framework(shared_inputs=[dict(REVENUE), {"id": "spare", "label": t("spare"), "colour": "red"}])
    found = problems(data)
    assert any("shared_inputs[1].colour" in p for p in found)
    assert any("'spare' is used by 0 question(s)" in p for p in found)

    assert any("shared_inputs" in p and "list" in p for p in problems(framework(shared_inputs="revenue")))


def test_a_change_at_the_first_question_reaches_the_others_but_not_a_not_applicable_one():
    fw = parse_framework(framework(), "test")
    answers = {"x": Answer(raw={"x_part": 10, "revenue": 100})}
    assert owners(fw, answers) == {"revenue": "x"}
    assert spread(fw, answers, "x") == {"y": Answer(raw={"revenue": 100})}
    answers["y"] = Answer(raw={"revenue": 100, "y_part": 80}, note="kept")
    answers["x"] = Answer(raw={"x_part": 10, "revenue": 120})
    assert spread(fw, answers, "x") == {"y": Answer(raw={"revenue": 120, "y_part": 80}, note="kept")}
    assert spread(fw, answers, "y") == {}  # y does not hold the figure: nothing flows back
    answers["y"] = Answer(na=True)
    assert spread(fw, answers, "x") == {}
    # x not applicable: y holds the figure now
    assert owners(fw, {"x": Answer(na=True)}) == {"revenue": "y"}


def test_an_older_file_with_disagreeing_copies_keeps_the_first_and_says_so():
    fw = parse_framework(framework(), "test")
    answers = {"x": Answer(raw={"x_part": 10, "revenue": 100}), "y": Answer(raw={"revenue": 90, "y_part": 5})}
    fixed, conflicts = reconcile(fw, answers)
    assert fixed["y"].raw == {"revenue": 100, "y_part": 5}
    assert [(c.kept_in, c.kept, c.replaced_in, c.replaced) for c in conflicts] == [("x", 100, "y", 90)]
    msg = conflicts[0].message(fw)
    assert "90" in msg.get("zh") and "100" in msg.get("zh") and "90" in msg.get("en") and "first" in msg.get("en")


def test_the_sample_file_loads_and_its_copies_already_agree():
    a = load_assessment(resource_path("samples", "manufacturer-miit.smd.json"))
    fw = a.framework
    fixed, conflicts = reconcile(fw, a.answers)
    assert conflicts == []
    assert fixed == dict(a.answers)


def test_computed_values_have_units_from_the_inputs_and_sensible_decimals():
    fw = get_framework(MIIT)
    energy = fw.question("miit.results.energy")
    unit, factor = value_unit(energy, energy.trend.current)
    assert (unit.zh, factor) == ("吨标准煤/万元", 1)
    cost = fw.question("miit.results.cost")
    unit, factor = value_unit(cost, cost.trend.current)
    assert (unit.zh, factor) == ("%", 100)  # 万元 over 万元 is a share
    rpe = fw.question("miit.results.revenue_per_employee")
    assert value_unit(rpe, rpe.trend.current)[0].zh == "万元/人"
    assert sensible_places(Fraction(5600, 120), Fraction(5200, 118)) == 1  # 46.7 and 44.1
    assert sensible_places(Fraction(820, 5600)) == 3  # 0.146
    assert sensible_places(0) == 0


def test_the_published_schema_knows_shared_inputs():
    import json

    import jsonschema
    import yaml

    schema = json.loads(resource_path("schemas", "framework.schema.json").read_text(encoding="utf-8"))
    text = resource_path("frameworks", f"{MIIT}.yaml").read_text(encoding="utf-8")
    data = json.loads(json.dumps(yaml.safe_load(text)))  # as JSON sees it (integer level keys become strings)
    jsonschema.validate(data, schema)
    energy = next(q for q in data["questions"] if q["id"] == "miit.results.energy")
    energy["inputs"][2] = {"shared": "revenue_last", "label": t("again")}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)
    data["questions"] = [q for q in data["questions"] if q["id"] != "miit.results.energy"]
    data["shared_inputs"][0] = {"id": "devices_total"}  # no label
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_malformed_shared_inputs_are_said_in_chinese_too():
    """``framework validate`` in Chinese (its default): each shared-input problem has its Chinese, naming the
    place and the id, with no English words but the field names and ids it quotes."""
    import re

    data = framework(shared_inputs=[dict(REVENUE), dict(REVENUE), {"id": "spare", "label": t("spare"), "colour": 1},
                                    {"id": "", "label": "x"}, 7])
    data["questions"][0]["inputs"][1] = {"shared": "turnover"}
    data["questions"][1]["inputs"][0] = dict(REVENUE)
    with pytest.raises(FrameworkError) as exc:
        parse_framework(data, "test")
    said = {(p.where, p.text("zh")) for p in exc.value.problems if p.where.startswith(("shared_inputs", "questions"))}
    expected = {("shared_inputs[1].id", "共用输入项 'revenue' 重复声明"),
            ("shared_inputs[2].colour", "不是已知的字段（可用 id、label、unit）"),
            ("shared_inputs[3].id", "必须是非空文本"),
            ("shared_inputs[4]", "必须是含 id、label 和 unit 的映射"),
            ("questions[0].inputs[1].shared", "没有名为 'turnover' 的共用输入项（已声明：revenue、spare）"),
            ("questions[1].inputs[0].id", "'revenue' 是共用输入项：请改写为 '- shared: revenue'"),
            ("shared_inputs", "'spare' 只被 0 道题使用；共用输入项用于两道及以上题目共用的数值")}
    assert expected <= said
    allowed = {"revenue", "spare", "turnover", "shared", "label", "unit"}
    for where, text in expected:
        assert not set(re.findall(r"[A-Za-z]{3,}", text)) - allowed, (where, text)
    english = {(p.where, p.text("en")) for p in exc.value.problems}
    assert ("questions[0].inputs[1].shared", "names no shared input 'turnover' (revenue, spare)") in english
