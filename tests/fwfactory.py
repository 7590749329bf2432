"""Small frameworks built in code, so every rule can be tested in isolation."""

from __future__ import annotations

import copy
from typing import Any

from smedigital.core.framework import Framework, parse_framework


def t(s: str) -> dict[str, str]:
    return {"zh": s, "en": s}


def q(qid: str, kind: str, section: str, max_points: float, **extra: Any) -> dict[str, Any]:
    base = {"id": qid, "kind": kind, "section": section, "text": t(qid), "explanation": t("why"),
            "standard": t("how"), "evidence": [t("doc")], "pillars": ["cloud"], "max_points": max_points}
    base.update(extra)
    return base


def opts(*points: float) -> list[dict[str, Any]]:
    return [{"id": f"o{i}", "points": p, "label": t(f"o{i}")} for i, p in enumerate(points)]


LEVELS4 = {n: t(f"level {n}") for n in range(1, 5)}
LEVELS5 = {n: t(f"level {n}") for n in range(0, 5)}


def base_framework(questions: list[dict[str, Any]], sections: list[dict[str, Any]] | None = None,
                   level_rule: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": "smedigital-framework", "format_version": 1, "id": "test-fw", "version": "1",
        "title": t("Test"), "source": t("tests"), "description": t("a test framework"),
        "sections": sections or [{"id": "a", "title": t("A")}, {"id": "b", "title": t("B")}],
        "questions": questions,
        "levels": [{"id": f"l{i}", "label": t(f"L{i}"), "description": t(f"level {i}")} for i in range(1, 5)],
        "level_rule": level_rule or {"kind": "bands", "no_level_label": t("none"), "conditions": [
            {"level": "l4", "min_score": 80}, {"level": "l3", "min_score": 60},
            {"level": "l2", "min_score": 40}, {"level": "l1", "min_score": 20}]},
        "stages": [{"id": s, "label": t(s), "description": t(s)} for s in ("none", "cloud", "data", "intelligence")],
        "stage_rule": [{"stage": "cloud", "pillar": "cloud", "min_score": 40},
                       {"stage": "data", "pillar": "data", "min_score": 40},
                       {"stage": "intelligence", "pillar": "intelligence", "min_score": 40}],
    }
    data.update(extra)
    # every pillar needs a question: add an unscored scale per pillar when the test gave none
    for p in ("cloud", "data", "intelligence"):
        if not any(p in qq.get("pillars", []) for qq in questions):
            questions.append(q(f"pillar.{p}", "scale", data["sections"][0]["id"], 0, pillars=[p],
                               pillar_weight=4, levels=LEVELS5))
    return data


def build(questions: list[dict[str, Any]], **kw: Any) -> Framework:
    return parse_framework(copy.deepcopy(base_framework(questions, **kw)), "test")
