"""The worker keeps what firms share (issue 17): each indicator's long-CSV line is made once per question, result
and answer, and reused. A firm's lines must be what they would be were it the first firm read."""

from __future__ import annotations

import random
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "data" / "aggregate"))

import aggcorpus as corpus

from smedigital.aggregate.reader import forget_scored, indicator_rows
from smedigital.core.framework import get_framework


def _rows(a, fw):
    return indicator_rows(a, fw, a.score(fw))


def test_each_firms_long_csv_lines_are_its_own_whatever_was_read_before():
    fw = get_framework("smedigital-cdi")  # the framework whose questions may be answered "not applicable"
    rng = random.Random(5)
    firms = [corpus.random_assessment(rng, fw) for _ in range(30)] + [corpus.random_assessment(rng)
                                                                     for _ in range(10)]
    # the same answers as another firm, bar one: a question answered "not applicable", another not at all
    q = next(q for q in fw.questions if q.na_allowed and q.module is None and q.id in firms[0].answers
             and not firms[0].answers[q.id].na)
    twin = replace(firms[0], answers={**firms[0].answers, q.id: replace(firms[0].answers[q.id], na=True,
                                                                        choice=None, choices=None, raw=None,
                                                                        level=None)})
    gone = replace(firms[0], answers={k: v for k, v in firms[0].answers.items() if k != q.id})
    firms += [twin, gone]
    forget_scored()
    warm = [_rows(a, a.framework) for a in firms]
    cold = []
    for a in firms:
        forget_scored()
        cold.append(_rows(a, a.framework))
    forget_scored()
    assert warm == cold
    line = {who: next(r for r in rows.splitlines() if f",{q.id}," in r)
            for who, rows in zip(("own", "na", "gone"), (warm[0], warm[-2], warm[-1]), strict=True)}
    assert line["na"].endswith(",1") and not line["own"].endswith(",1")  # the na column
    assert line["own"] != line["gone"] and ",na," in line["na"]


def test_a_framework_whose_dimensions_differ_gets_its_own_lines():
    fw = get_framework(corpus.FRAMEWORK)
    a = corpus.random_assessment(random.Random(9))
    forget_scored()
    before = _rows(a, fw)
    moved = replace(fw, dimension_of={qid: "elsewhere" for qid in fw.dimension_of})
    lines = _rows(a, moved).splitlines()
    forget_scored()
    assert lines and all(",elsewhere," in r for r in lines)
    assert _rows(a, fw) == before


def test_the_record_sheet_read_from_calamines_rows_gives_what_the_cell_map_gives():
    from smedigital.aggregate.reader import calamine_cells, key_values_of_rows
    from smedigital.export.record import read_key_values

    rows = [["note", "ignored"], ["format", "smedigital-plan-workbook"], ["version", 3.0], ["", "no key"],
            [None, "no key either"], [7, "a number is no key"], ["split", "ab", None, "", "cd", 2.5],
            ["empty"], ["blank", "", None], ["number_and_text", 1.0, "x"], [], ["format", "twice: the last counts"],
            ["only_none", None], ["bool", True], ["zero", 0]]
    kv = key_values_of_rows(rows)
    assert kv == read_key_values(calamine_cells(rows))
    assert kv["split"] == "abcd2.5" and kv["version"] == 3.0 and kv["empty"] == "" and kv["bool"] is True
    assert kv["format"] == "twice: the last counts" and "note" not in kv
