"""smedigital-cli speaks the language it is given: the problems of a file, usage errors and the problems of a
broken action library in Chinese with ``--lang zh`` (no English words beyond the ids and places they name),
in English with ``--lang en``."""

from __future__ import annotations

import pytest
from test_cli import ROOT, SAMPLE, run


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_compare_names_the_problems_of_a_bad_file_in_the_chosen_language(capsys, tmp_path, lang):
    import re

    bad = tmp_path / "坏.smd.json"
    bad.write_text('{"format": "smedigital-assessment", "format_version": "two"}', encoding="utf-8")
    code, _, err = run(capsys, "compare", str(bad), str(SAMPLE), "--lang", lang)
    assert code != 0
    line = next(x for x in err.splitlines() if "format_version" in x)
    if lang == "zh":
        assert line == f"{bad}: format_version: 必须是整数"
        words = set(re.findall(r"[A-Za-z]{3,}", err.replace(str(bad), ""))) - {"format", "version", "framework", "id"}
        assert not words, err
    else:
        assert line == f"{bad}: format_version: must be a whole number"


ENGLISH = r"[A-Za-z]{3,}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_compare_of_two_frameworks_and_wrong_plan_options_are_said_in_the_chosen_language(capsys, tmp_path, lang):
    """Usage errors of ``compare`` and ``plan`` with ``--lang zh`` say what is wrong in Chinese (the option or
    value named as typed), with ``--lang en`` in English."""
    import re

    cdi = ROOT / "resources" / "samples" / "retail-chain-cdi.smd.json"
    code, _, err = run(capsys, "compare", str(SAMPLE), str(cdi), "--lang", lang)
    assert code != 0
    [line] = [x for x in err.splitlines() if x.startswith(f"{SAMPLE}, {cdi}: ")]
    said = {"plan-budget": run(capsys, "plan", str(SAMPLE), "--budget", "-5", "--lang", lang)[2].strip(),
            "plan-months": run(capsys, "plan", str(SAMPLE), "--months", "0", "--lang", lang)[2].strip(),
            "plan-target": run(capsys, "plan", str(SAMPLE), "--target", "top", "--lang", lang)[2].strip(),
            "export-target": run(capsys, "export", str(SAMPLE), "-o", str(tmp_path / "x.xlsx"), "--target", "top",
                                 "--lang", lang)[2].strip()}
    if lang == "zh":
        assert line.endswith("两份评测使用不同的评测体系（miit-2024-manufacturing、smedigital-cdi），无法比较")
        assert said["plan-budget"] == "--budget：不能为负数"
        assert said["plan-months"] == "--months：必须至少为 1"
        for key in ("plan-target", "export-target"):
            assert said[key].startswith("--target：'top' 不是目标（"), said[key]
        for text in [line.split(": ", 1)[1], *said.values()]:
            assert not set(re.findall(ENGLISH, text)) - {"budget", "months", "target", "next", "level", "stage",
                                                           "top", "miit", "manufacturing", "smedigital", "cdi"}, text
    else:
        assert line.endswith("the assessments use different frameworks (miit-2024-manufacturing, smedigital-cdi)")
        assert said["plan-budget"] == "--budget: must not be negative"
        assert said["plan-months"] == "--months: must be at least 1"
        assert said["plan-target"] == "--target: 'top' is not a target (next-level, level:1-4, next-stage)"
        assert said["export-target"] == said["plan-target"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_plan_and_export_with_a_broken_action_library_say_why_in_the_chosen_language(capsys, tmp_path, monkeypatch,
                                                                                      lang):
    from smedigital.core import actions

    broken = tmp_path / "actions.yaml"
    broken.write_text("format: smedigital-actions\nformat_version: 1\nframework: miit-2024-manufacturing\n"
                      "framework_version: '2024'\nactions:\n  - id: x\n    question: miit.nope\n", encoding="utf-8")
    monkeypatch.setattr(actions, "actions_path", lambda framework_id: broken)
    actions.clear_cache()
    try:
        code, _, err = run(capsys, "plan", str(SAMPLE), "--lang", lang)
        _, _, err2 = run(capsys, "export", str(SAMPLE), "-o", str(tmp_path / "p.xlsx"), "--lang", lang)
    finally:
        actions.clear_cache()
    assert code != 0
    line = "actions.yaml: actions[0].question: " + {"zh": "miit-2024-manufacturing 中没有题目 'miit.nope'",
                                                 "en": "no question 'miit.nope' in miit-2024-manufacturing"}[lang]
    assert line in err.splitlines()
    assert line in err2  # the workbook is written without a plan, saying why
