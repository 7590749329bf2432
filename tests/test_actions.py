"""Action libraries: the bundled ones load and cover every step; the checker finds every problem."""

from __future__ import annotations

import copy
from collections import defaultdict
from typing import Any

import pytest
import yaml
from fwfactory import LEVELS4, LEVELS5, build, opts, q, t

from smedigital.core.actions import (
    ActionLibrary,
    ActionsError,
    actions_for,
    actions_path,
    has_actions,
    load_actions,
    parse_actions,
    steps_up,
)
from smedigital.core.framework import bundled_frameworks, get_framework

MIIT = "miit-2024-manufacturing"

BUNDLED = sorted(bundled_frameworks())


# --------------------------------------------------------------------------- bundled libraries


def test_miit_library_loads_and_covers_every_step():
    fw = get_framework(MIIT)
    lib = actions_for(fw)
    assert isinstance(lib, ActionLibrary)
    assert (lib.framework_id, lib.framework_version) == (fw.id, fw.version)
    assert len(fw.questions) == 31
    for question in fw.questions:
        steps = steps_up(question)
        assert steps, question.id
        for to in steps:
            assert lib.for_step(question.id, to), f"{question.id}: nothing reaches {to!r}"
    scene_steps = sum(len(steps_up(qq)) for qq in fw.scenes)
    assert scene_steps == 64


def test_miit_library_follows_the_conventions():
    fw = get_framework(MIIT)
    lib = actions_for(fw)
    for a in lib.actions:
        assert a.id.startswith(f"{a.question_id}.{a.to}"), a.id
        assert 1 <= a.duration_months <= 12, a.id
        assert a.cost_max <= 2_000_000, a.id
        assert a.title.zh != a.title.en and a.what.zh != a.what.en, a.id
    # level 4 of a scene is about AI, models and simulation; level 1 about basic tools
    for sc in fw.scenes:
        assert all(a.phase == "intelligence" for a in lib.for_step(sc.id, 4)), sc.id
        assert all(a.phase == "cloud" for a in lib.for_step(sc.id, 1)), sc.id


def test_miit_prerequisites_have_no_cycles():
    """A planner orders questions by prerequisites, so the question graph must be acyclic."""
    lib = actions_for(get_framework(MIIT))
    graph: dict[str, set[str]] = defaultdict(set)
    for a in lib.actions:
        graph[a.question_id].update(a.prerequisites)
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        if state.get(node) == 1:
            pytest.fail("prerequisite cycle: " + " -> ".join(path + [node]))
        if state.get(node) == 2:
            return
        state[node] = 1
        for nxt in sorted(graph[node]):
            visit(nxt, path + [node])
        state[node] = 2

    for node in sorted(graph):
        visit(node, [])


@pytest.mark.parametrize("framework_id", BUNDLED)
def test_bundled_library_loads_cleanly(framework_id):
    fw = get_framework(framework_id)
    assert has_actions(fw), f"{framework_id} must have resources/actions/{framework_id}.yaml"
    lib = load_actions(actions_path(fw.id), fw)
    for question in fw.questions:
        for to in steps_up(question):
            assert lib.for_step(question.id, to)


@pytest.mark.parametrize("framework_id", BUNDLED)
def test_every_bundled_framework_has_an_action_library(framework_id):
    assert actions_path(framework_id).is_file(), (
        f"bundled framework {framework_id!r} has no resources/actions/{framework_id}.yaml")


def test_actions_for_is_cached():
    fw = get_framework(MIIT)
    assert actions_for(fw) is actions_for(fw)


# --------------------------------------------------------------------------- steps up


SCENE_Q = q("sn", "scene", "a", 0, levels=LEVELS4, group={"id": "g", "title": t("g")},
            pillars=["data", "intelligence"], pillar_weight=4)
MULTI_Q = q("m", "multi", "a", 4, pillars=["data"],
            options=[{"id": "none", "points": 0, "label": t("none"), "exclusive": True}] + opts(2, 2))
SINGLE_Q = q("s", "single", "b", 10, options=opts(0, 5, 10))
TREND_Q = q("tr", "trend", "b", 7, pillars=[],
            inputs=[{"id": "v1", "label": t("v1")}, {"id": "v0", "label": t("v0")}],
            trend={"current": {"value": "v1"}, "previous": {"value": "v0"}, "better": "down"},
            options=[{"id": "up", "direction": "up", "points": 0, "label": t("up")},
                     {"id": "flat", "direction": "flat", "points": 3.5, "label": t("flat")},
                     {"id": "down", "direction": "down", "points": 7, "label": t("down")}])
SCALE_Q = q("sc", "scale", "b", 8, levels=LEVELS5)


def small_framework():
    return build([copy.deepcopy(x) for x in (SCENE_Q, MULTI_Q, SINGLE_Q, TREND_Q, SCALE_Q)])


def test_steps_up_by_kind():
    fw = small_framework()
    assert steps_up(fw.question("sn")) == [1, 2, 3, 4]
    assert steps_up(fw.question("sc")) == [1, 2, 3, 4]
    assert steps_up(fw.question("m")) == ["o0", "o1"]          # the exclusive 'none' is no step
    assert steps_up(fw.question("s")) == ["o1", "o2"]          # every option worth more than the least
    assert steps_up(fw.question("tr")) == ["flat", "down"]     # better is down: up is the worst


def test_steps_up_of_the_miit_framework():
    fw = get_framework(MIIT)
    assert steps_up(fw.question("miit.foundation.device_networking")) == ["r10_20", "r20_40", "r40_60", "r60_100"]
    assert steps_up(fw.question("miit.results.quality")) == ["flat", "up"]
    assert len(steps_up(fw.question("miit.foundation.data_collection"))) == 14
    assert steps_up(fw.question("miit.management.planning"))[0] == "learning"


# --------------------------------------------------------------------------- the checker


def action(qid: str, to: Any, **extra: Any) -> dict[str, Any]:
    base = {"id": f"{qid}.{to}", "question": qid, "to": to, "title": t("title"), "what": t("what"),
            "effort": 2, "cost": {"min": 1000, "max": 5000}, "duration_months": 3, "impact": 2,
            "phase": "data", "spend_category": "software_business", "prerequisites": [], "evidence": t("evidence")}
    base.update(extra)
    return base


def full_library(fw) -> dict[str, Any]:
    return {"format": "smedigital-actions", "format_version": 1, "framework": fw.id,
            "framework_version": fw.version,
            "actions": [action(qq.id, to) for qq in fw.questions for to in steps_up(qq)]}


def problems(data, fw) -> list[tuple[str, str]]:
    with pytest.raises(ActionsError) as info:
        parse_actions(data, fw, "test")
    return [(p.location, p.message) for p in info.value.problems]


def index_of(data, action_id: str) -> int:
    return next(i for i, a in enumerate(data["actions"]) if a["id"] == action_id)


def test_a_complete_library_parses():
    fw = small_framework()
    lib = parse_actions(full_library(fw), fw)
    assert len(lib.actions) == 4 + 2 + 2 + 2 + 4
    [a] = lib.for_step("sn", 3)
    assert (a.question_id, a.to, a.effort, a.cost_min, a.cost_max) == ("sn", 3, 2, 1000, 5000)
    assert lib.for_step("sn", 5) == [] and lib.for_step("nope", 1) == []
    assert lib.for_step("m", "o1")[0].title.en == "title"


def test_checker_reports_a_missing_step():
    fw = small_framework()
    data = full_library(fw)
    del data["actions"][index_of(data, "sn.3")]
    del data["actions"][index_of(data, "m.o1")]
    del data["actions"][index_of(data, "tr.down")]
    found = problems(data, fw)
    assert ("sn", "no action reaches level 3") in found
    assert ("m", "no action adds option 'o1'") in found
    assert ("tr", "no action reaches option 'down'") in found
    assert len(found) == 3


def test_checker_reports_a_bad_to():
    fw = small_framework()
    data = full_library(fw)
    data["actions"].append(action("sn", 5, id="sn.five"))
    data["actions"].append(action("s", "o0", id="s.worst"))      # the least option is no step up
    data["actions"].append(action("m", "none", id="m.none"))     # nor is the exclusive 'none'
    data["actions"].append(action("sn", "o1", id="sn.word"))     # a level question needs a number
    n = len(data["actions"])
    found = problems(data, fw)
    locations = {loc for loc, _ in found}
    assert {f"actions[{n - 4}].to", f"actions[{n - 3}].to", f"actions[{n - 2}].to", f"actions[{n - 1}].to"} <= locations
    assert any("5 is not a step up of sn" in m for _, m in found)
    assert any("'o0' is not a step up of s" in m for _, m in found)


def test_checker_reports_a_duplicate_id():
    fw = small_framework()
    data = full_library(fw)
    data["actions"].append(action("sn", 2))  # same id sn.2 as the generated one
    found = problems(data, fw)
    n = len(data["actions"])
    assert found == [(f"actions[{n - 1}].id", f"action id 'sn.2' is used twice (first at actions[{index_of(data, 'sn.2')}])")]


def test_checker_reports_effort_and_other_values_out_of_range():
    fw = small_framework()
    data = full_library(fw)
    i = index_of(data, "sn.1")
    data["actions"][i].update(effort=4, impact=0, duration_months=40, phase="magic",
                              cost={"min": 5000, "max": 1000})
    found = dict(problems(data, fw))
    assert found[f"actions[{i}].effort"] == "is 4; must be 1-3"  # the location names the field
    assert found[f"actions[{i}].impact"] == "is 0; must be 1-3"
    assert "1-36" in found[f"actions[{i}].duration_months"]
    assert "not a phase" in found[f"actions[{i}].phase"]
    assert "below min" in found[f"actions[{i}].cost"]
    zh = {where: message.zh for where, message in found.items()}
    assert zh[f"actions[{i}].effort"] == "为 4；必须在 1-3 之间"
    assert zh[f"actions[{i}].phase"].startswith("'magic' 不是阶段（可用：")
    assert zh[f"actions[{i}].cost"] == "max（1000）小于 min（5000）"


def test_every_problem_of_an_action_library_is_said_in_chinese_too():
    """``framework validate`` and the plan speak Chinese by default: each problem of a hostile action library
    has its Chinese, with no English words beyond the field names, ids and file names it quotes."""
    import re

    fw = small_framework()
    data = full_library(fw)
    i, j = index_of(data, "sn.1"), index_of(data, "s.o1")
    data["actions"][i].update(effort=4, impact=0, duration_months=40, phase="magic", cost={"min": 5000, "max": 1000},
                              to=9)
    data["actions"][j].update(cost={"min": -1, "max": 10}, title={"zh": "只有中文"}, prerequisites=["s", "nope", 3],
                              spend_to_ratio={"years": 0, "unit_yuan": 0}, spend="coffee")
    data["actions"].append(action("ghost", 1))
    data["framework_version"] = "0"
    with pytest.raises(ActionsError) as info:
        parse_actions(data, fw, "test")
    said = [(p.location, p.text("zh")) for p in info.value.problems]
    assert len(said) >= 12
    ids = {"magic", "nope", "ghost", "coffee", "max", "min", "to", "test", "spend", "categories", "yaml", "resources",
           "rules", "sn", "o1", "s", "single", "multi", "scene", "scale", "ratio", "band", "trend", "cloud", "data",
           "intelligence", "cost", "effort", "impact", "duration", "months"}
    for where, text in said:
        assert not set(re.findall(r"[A-Za-z]{3,}", text)) - ids, (where, text)


def test_checker_reports_negative_cost_texts_prerequisites_and_unknown_question():
    fw = small_framework()
    data = full_library(fw)
    i = index_of(data, "s.o1")
    data["actions"][i].update(cost={"min": -1, "max": 10}, title={"zh": "只有中文"},
                              prerequisites=["s", "nope", "sn", "sn"])
    data["actions"].append(action("ghost", 1))
    n = len(data["actions"])
    found = problems(data, fw)
    assert (f"actions[{i}].cost.min", "must not be negative") in found
    assert (f"actions[{i}].title.en", "is missing or empty") in found
    assert (f"actions[{i}].prerequisites[0]", "an action cannot require its own question") in found
    assert (f"actions[{i}].prerequisites[1]", f"no question 'nope' in {fw.id}") in found
    assert (f"actions[{i}].prerequisites[3]", "'sn' is listed twice") in found
    assert (f"actions[{n - 1}].question", f"no question 'ghost' in {fw.id}") in found


def test_checker_reports_format_and_framework_mismatch():
    fw = small_framework()
    data = full_library(fw)
    data.update(format="other", framework="someone-else", framework_version="1999")
    found = dict(problems(data, fw))
    assert set(found) == {"format", "framework", "framework_version"}
    data = full_library(fw)
    data["format_version"] = 99
    assert "newer" in dict(problems(data, fw))["format_version"]


def test_load_actions_reports_yaml_errors_and_missing_files(tmp_path):
    fw = small_framework()
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: [unclosed\n", encoding="utf-8")
    with pytest.raises(ActionsError) as info:
        load_actions(bad, fw)
    assert "not valid YAML" in info.value.problems[0].message
    good = tmp_path / "good.yaml"
    good.write_text(yaml.safe_dump(full_library(fw), allow_unicode=True), encoding="utf-8")
    assert len(load_actions(good, fw).actions) == 14
    with pytest.raises(ActionsError, match="cannot be read"):
        load_actions(tmp_path / "missing.yaml", fw)


def test_actions_for_a_framework_without_a_library_is_a_clear_error():
    fw = small_framework()  # id 'test-fw': nothing bundled
    assert not has_actions(fw)
    with pytest.raises(ActionsError, match="has no action library") as caught:
        actions_for(fw)
    [p] = caught.value.problems
    assert p.text("zh") == "评测体系 test-fw 没有改进措施库（应为 resources/actions/test-fw.yaml）"


def test_spending_steps_are_marked_in_the_data_and_only_on_ratio_questions():
    fw = get_framework(MIIT)
    lib = actions_for(fw)
    spending = {a.id for a in lib.actions if a.spend is not None}
    assert spending == {f"miit.management.funding.{b}" for b in ("r10_20", "r20_40", "r40_60", "r60_100")}
    assert all(a.spend.years == 3 and a.spend.unit_yuan == 10_000 for a in lib.actions if a.spend)
    raw = {"format": "smedigital-actions", "format_version": 1, "framework": fw.id, "framework_version": fw.version,
           "actions": [dict(id="x", question="miit.scene.quality", to=2, title=t("x"), what=t("x"), effort=1,
                            cost={"min": 0, "max": 1}, duration_months=1, impact=1, phase="data", evidence=t("x"),
                            spend_to_ratio={"years": 0})]}
    with pytest.raises(ActionsError) as info:
        parse_actions(raw, fw)
    text = "\n".join(str(p) for p in info.value.problems)
    assert "actions[0].spend_to_ratio.years: must be at least 1" in text
    assert "miit.scene.quality is not a ratio question" in text
