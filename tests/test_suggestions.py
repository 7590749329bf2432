"""What the results page, the report and the workbook suggest for the next level is the first phase of
the optimal plan for that target: the same questions, never others."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest
from test_export_workbook import SAMPLE, sample

from smedigital.cli import main
from smedigital.core.planning import build_plan, planned_suggestions, with_planned_suggestions
from smedigital.core.wording import describe_gap
from smedigital.export.report import build_report, evidence_for_next_level
from smedigital.export.workbook import build_plan_workbook


def first_phase_questions(a) -> list[str]:
    plan = build_plan(a, "next-level")
    return list(dict.fromkeys(i.question_id for i in plan.phases[0].items))


def test_the_suggested_steps_are_the_first_phase_of_the_plan_for_the_next_level(capsys):
    a = sample()
    wanted = first_phase_questions(a)
    steps = planned_suggestions(a)
    assert [s.question_id for s in steps] == wanted
    assert main(["plan", str(SAMPLE), "--target", "next-level", "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)
    planned = [i["label"] for i in plan["phases"][0]["items"]]
    assert main(["score", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    suggested = [ln.split("建议：")[1].strip() for ln in out.splitlines() if "建议：" in ln]
    assert len(suggested) == len(planned) and all(s.startswith(p) for s, p in zip(suggested, planned, strict=True))
    # the older gap explanation suggested another scene than the planner plans
    fw = a.framework
    old = {s.question_id for s in a.score().level_gap.suggested}
    assert old != set(wanted)
    assert all(fw.question(q).label.zh in "\n".join(describe_gap(with_planned_suggestions(a, a.score()), "zh"))
               for q in wanted)


def test_the_workbook_suggests_what_the_plan_does():
    a = sample()
    fw = a.framework
    wanted = {fw.question(q).label.zh for q in first_phase_questions(a)}
    others = {q.label.zh for q in fw.questions if q.label.zh not in wanted}
    wb = build_plan_workbook(a, "zh")
    texts = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and "建议：" in c.value]
    assert texts
    lines = [ln for t in texts for ln in t.splitlines() if "建议：" in ln]
    named = {label for ln in lines for label in wanted | others if f"建议：{label} " in ln}
    assert named == wanted


def test_the_report_lists_evidence_for_the_planned_steps(tmp_path):
    a = sample()
    fw = a.framework
    wanted = [fw.question(q).label.zh for q in first_phase_questions(a)]
    heads = [h for h, _ in evidence_for_next_level(fw, with_planned_suggestions(a, a.score()), "zh")]
    assert [h.split("：")[0] for h in heads] == wanted
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed")
    path = tmp_path / "r.pdf"
    path.write_bytes(build_report(a, "zh"))
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                                             text=True, check=True).stdout)
    for h in heads:
        assert re.sub(r"\s+", "", h) in text
