"""Every question kind of the core registry has an entry in every per-kind table outside the core.

A new kind is added in ``smedigital/core/kinds``; this test then names each table that still
lacks it (template writers and hints, the template importer, answer words, the UI's input widgets).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from smedigital.core.framework import KINDS as FRAMEWORK_KINDS
from smedigital.core.framework import bundled_frameworks
from smedigital.core.kinds import KINDS, kind_of
from smedigital.export import importer, template, words
from smedigital.ui.assessment import widgets

TABLES: dict[str, Mapping[str, Any]] = {
    "export/template.py TEMPLATE_WRITERS": template.TEMPLATE_WRITERS,
    "export/template.py KIND_HINTS": template.KIND_HINTS,
    "export/importer.py ANSWER_READERS": importer.ANSWER_READERS,
    "export/words.py ANSWER_WORDS": words.ANSWER_WORDS,
    "ui/assessment/widgets.py INPUT_CLASSES": widgets.INPUT_CLASSES,
}


def missing_entries(tables: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """``table: kind`` for every registered kind a table has no entry for, and every entry of no kind."""
    out = [f"{name}: {kid}" for name, table in tables.items() for kid in KINDS if kid not in table]
    out += [f"{name}: {kid} is not a kind" for name, table in tables.items() for kid in table if kid not in KINDS]
    return out


def test_every_kind_has_an_entry_in_every_table():
    assert missing_entries(TABLES) == []


@pytest.mark.parametrize("name", sorted(TABLES))
def test_a_table_without_a_kind_is_reported(name):
    for kid in KINDS:  # whichever kind is dropped from whichever table
        short = dict(TABLES, **{name: {k: v for k, v in TABLES[name].items() if k != kid}})
        assert missing_entries(short) == [f"{name}: {kid}"]


def test_the_framework_reads_exactly_the_registered_kinds():
    assert set(FRAMEWORK_KINDS) == set(KINDS)
    used = {q.kind for fw in bundled_frameworks().values() for q in fw.questions}
    assert used <= set(KINDS)
    for fw in bundled_frameworks().values():
        for q in fw.questions:
            assert kind_of(q).id == q.kind
            assert q.is_leveled == kind_of(q).leveled


def test_every_kind_takes_only_answer_fields_and_belongs_to_a_family():
    for kid, kind in KINDS.items():
        assert kind.id == kid
        assert kind.family in ("choice", "measured", "leveled")
        assert kind.takes and set(kind.takes) <= {"choice", "choices", "raw", "level"}


def test_a_question_of_an_unknown_kind_is_reported_with_the_kinds_there_are():
    from smedigital.core.framework import FrameworkError, framework_dir, parse_framework, read_yaml

    path = sorted(framework_dir().glob("*.yaml"))[0]
    data = read_yaml(path, FrameworkError)
    data["questions"][0]["kind"] = "slider"
    with pytest.raises(FrameworkError) as err:
        parse_framework(data, path.name)
    [problem] = [p for p in err.value.problems if p.location == "questions[0].kind"]
    assert "'slider' is not a question kind" in problem.message
    assert all(kid in problem.message for kid in KINDS)


def test_a_trend_whose_better_direction_is_not_up_or_down_is_reported_not_raised():
    from smedigital.core.framework import FrameworkError, framework_dir, parse_framework, read_yaml

    path = framework_dir() / "miit-2024-manufacturing.yaml"  # the MIIT framework asks trend questions
    data = read_yaml(path, FrameworkError)
    trends = [i for i, q in enumerate(data["questions"]) if q.get("kind") == "trend"]
    assert trends
    data["questions"][trends[0]]["trend"]["better"] = "sideways"
    with pytest.raises(FrameworkError) as err:
        parse_framework(data, path.name)
    assert [str(p) for p in err.value.problems] == [f"questions[{trends[0]}].trend.better: must be up or down"]
