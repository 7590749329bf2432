"""Count the clicks, typed values and scroll notches a mouse user needs for one assessment.

The count reasons over the real pages, built offscreen at a given window size (1366×768 by
default, a common office laptop) with the assessment's answers in place:

* clicks: "Next" once per step from the firm's profile to the results; on the profile one click
  into each text field that has a value and two per industry list (open, pick); on the details
  one into the assessor and signer fields, per respondent "Add" plus a double click on the role,
  one for the pledge; per question one click per option chosen (one for a single answer, a band,
  a direction or a level, one per ticked box) and one into each figure field the user types;
* typed values: each text or figure typed (a figure shown read-only because an earlier question
  holds it is not typed);
* scroll notches: per page, the wheel notches to go from its top to its bottom once
  (scroll range ÷ (wheel lines × line step), rounded up), for every question page and the
  results; the profile and details pages too when they do not fit.

Notes, evidence and the assessment date are left out (they do not change the score).

Run from a checkout; the code measured is the one on ``PYTHONPATH``, so the same script counts an
older version too::

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. python tools/count_interactions.py \\
        resources/samples/manufacturer-miit.smd.json
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any


def _notches(page: Any) -> int:
    from PySide6.QtWidgets import QApplication, QScrollArea

    total = 0
    for area in page.findChildren(QScrollArea):
        bar = area.verticalScrollBar()
        if area.isVisible() and bar.maximum() > 0:
            total += math.ceil(bar.maximum() / (QApplication.wheelScrollLines() * bar.singleStep()))
    return total


def _settle(app: Any, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()


def _answer_page(app: Any, view: Any, step: str, a: Any) -> dict[str, Any]:
    """Answer one page's questions through its widgets, top to bottom, scrolling with the wheel only
    as far as the next thing to click or type is out of view; counts what that took."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    view.go_to(step)
    _settle(app)
    page = view.section_pages[step[4:]]
    bar = page.scroll.verticalScrollBar()
    body = page.scroll.widget()
    clicks = typed = notches = 0

    def reach(w: Any) -> None:
        nonlocal notches
        _settle(app, 0.05)
        notch = QApplication.wheelScrollLines() * bar.singleStep()
        top = w.mapTo(body, w.rect().topLeft()).y()
        bottom = top + w.height()
        height = page.scroll.viewport().height()
        if bottom > bar.value() + height:
            n = math.ceil((bottom - bar.value() - height) / notch)
            notches += n
            bar.setValue(min(bar.maximum(), bar.value() + n * notch))
        elif top < bar.value():
            n = math.ceil((bar.value() - top) / notch)
            notches += n
            bar.setValue(max(0, bar.value() - n * notch))

    for qid, card in page.cards.items():
        answer = a.answers.get(qid)
        if answer is None:
            continue
        inp = card.input
        if answer.na and card.na_box is not None:
            reach(card.na_box)
            card.na_box.click()
            clicks += 1
            continue
        fields = getattr(inp, "fields", {})
        for iid, value in (answer.raw or {}).items():
            field = fields.get(iid)
            if field is None or field.isReadOnly():
                continue  # shown from the question that holds the figure
            reach(field)
            field.setFocus()
            field.selectAll()
            QTest.keyClicks(field, f"{value:g}")
            clicks += 1
            typed += 1
        keys = list(answer.choices or ())
        if answer.level is not None:
            keys.append(str(answer.level))
        elif answer.choice is not None and getattr(inp, "computed", None) is None:
            keys.append(answer.choice)
        buttons = getattr(inp, "buttons", None) or getattr(getattr(inp, "choice", None), "buttons", {})
        for key in keys:
            reach(buttons[key])
            buttons[key].click()
            clicks += 1
        _settle(app, 0.05)
    return {"step": step, "clicks": clicks, "typed": typed, "notches": notches}


def count(path: Path, width: int = 1366, height: int = 768) -> dict[str, Any]:
    """The counts for one assessment file, per step and in total."""
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    from smedigital.core.assessment import load_assessment
    from smedigital.ui.assessment import AssessmentView

    a = load_assessment(path)
    view = AssessmentView.in_memory(replace(a, answers={}), language="zh")
    view.resize(width, height)
    view.show()
    _settle(app)
    steps = list(view.steps)
    rows: list[dict[str, Any]] = []

    def add(step: str, clicks: int, typed: int) -> None:
        view.go_to(step)
        _settle(app)
        if step == "results":
            page = view.results_page
            end = time.monotonic() + 30
            while getattr(page, "stale", False) and time.monotonic() < end:
                app.processEvents()
            bar = page.scroll.verticalScrollBar()
            while bar.maximum() == 0 and time.monotonic() < end:  # the charts' layout comes a moment later
                app.processEvents()
        rows.append({"step": step, "clicks": clicks, "typed": typed, "notches": _notches(view.stack.currentWidget())})

    c = a.company
    fields = [c.name, c.credit_code, c.employees, c.revenue_wan, c.assets_wan, c.region]
    filled = sum(v not in (None, "") for v in fields)
    industry_lists = (1 if c.industry else 0) + (1 if c.industry and len(c.industry) >= 3 else 0)
    add("profile", filled + 2 * industry_lists, filled)

    people = len(a.respondents)
    roles = sum(bool(r.get("role")) for r in a.respondents)
    signer = bool(a.pledge and a.pledge.get("signed_by"))
    add("details", bool(a.assessor) + people + 2 * roles + bool(a.pledge) + signer,
        bool(a.assessor) + people + roles + signer)

    for step in steps:
        if step.startswith("dim:"):
            rows.append(_answer_page(app, view, step, a))
    add("review", 0, 0)
    add("results", 0, 0)
    nexts = steps.index("results")
    total = {"clicks": sum(r["clicks"] for r in rows) + nexts, "typed": sum(r["typed"] for r in rows),
             "notches": sum(r["notches"] for r in rows), "steps": nexts + 1, "next_clicks": nexts}
    view.close()
    return {"file": path.name, "window": f"{width}x{height}", "steps": rows, "total": total}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("assessment", type=Path)
    parser.add_argument("--size", default="1366x768", help="window size, WIDTHxHEIGHT")
    parser.add_argument("--json", action="store_true", help="the counts as JSON")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    width, height = (int(x) for x in args.size.lower().split("x"))
    out = count(args.assessment, width, height)
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return 0
    print(f"{out['file']} at {out['window']}")
    for r in out["steps"]:
        print(f"  {r['step']:<16} clicks {r['clicks']:>3}  typed {r['typed']:>3}  scroll notches {r['notches']:>3}")
    t = out["total"]
    print(f"  total: {t['steps']} steps, {t['clicks']} clicks (of which {t['next_clicks']} Next), "
          f"{t['typed']} typed values, {t['notches']} scroll notches")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
