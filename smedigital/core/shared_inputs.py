"""Figures that several questions use, asked once: a framework's ``shared_inputs``.

A framework declares a figure such as last year's revenue once, at the top level
(``shared_inputs``: id, label, unit), and each question that needs it names it in its
``inputs`` as ``- shared: revenue_last``; loading expands that reference into the
question's input (same id, label and unit), so scoring and the files are unchanged:
every answer that uses the figure still holds it in its own ``raw`` numbers.

What this module adds is that the copies stay one value: the first question (in
framework order) that uses the figure and is not "not applicable" holds it
(:func:`owners`), a change there is copied into every other user
(:func:`spread`), and an older file whose copies disagree keeps the first and
says so (:func:`reconcile`). It also gives computed values their unit and a
sensible number of decimals (:func:`value_unit`, :func:`sensible_places`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any

from .answers import Answer
from .framework import Expr, Problem, Question
from .text import Msg, Text
from .yamlread import format_msg, type_msg

_SHARED_KEYS = frozenset({"id", "label", "unit"})


@dataclass(frozen=True, slots=True)
class SharedInput:
    """A figure declared once in a framework and named by the questions that use it."""

    id: str
    label: Text
    unit: Text | None = None


def _text(raw: Any) -> Text | None:
    if isinstance(raw, Mapping) and isinstance(raw.get("zh"), str) and isinstance(raw.get("en"), str):
        return Text(raw["zh"], raw["en"])
    return None


def expand(data: Any) -> tuple[Any, tuple[SharedInput, ...], list[Problem]]:
    """The framework mapping with every ``{shared: id}`` input replaced by the declared input,
    the declarations, and the problems found (each with its location)."""
    problems: list[Problem] = []
    if not isinstance(data, Mapping) or "shared_inputs" not in data:
        return data, (), problems
    raw = data.get("shared_inputs")
    declared: dict[str, dict[str, Any]] = {}
    shared: list[SharedInput] = []
    if not isinstance(raw, list):
        problems.append(Problem("shared_inputs", type_msg("list")))
        raw = []
    for i, item in enumerate(raw):
        where = f"shared_inputs[{i}]"
        if not isinstance(item, Mapping):
            problems.append(Problem(where, format_msg("shared-mapping")))
            continue
        for key in sorted(set(item) - _SHARED_KEYS, key=str):
            problems.append(Problem(f"{where}.{key}", format_msg("shared-field")))
        sid = item.get("id")
        label = _text(item.get("label"))
        unit = _text(item.get("unit")) if "unit" in item else None
        if not isinstance(sid, str) or not sid:
            problems.append(Problem(f"{where}.id", format_msg("non-empty")))
            continue
        if sid in declared:
            problems.append(Problem(f"{where}.id", format_msg("shared-twice", id=repr(sid))))
            continue
        if label is None:
            problems.append(Problem(f"{where}.label", format_msg("zh-en-texts")))
            label = Text(sid, sid)
        if "unit" in item and unit is None:
            problems.append(Problem(f"{where}.unit", format_msg("zh-en-texts")))
        declared[sid] = {"id": sid, "label": item.get("label")} | ({"unit": item["unit"]} if "unit" in item else {})
        shared.append(SharedInput(sid, label, unit))

    used: dict[str, list[str]] = {sid: [] for sid in declared}
    questions = data.get("questions")
    out_questions: list[Any] = []
    for qi, q in enumerate(questions if isinstance(questions, list) else []):
        inputs = q.get("inputs") if isinstance(q, Mapping) else None
        if not isinstance(inputs, list):
            out_questions.append(q)
            continue
        new_inputs = []
        for ii, inp in enumerate(inputs):
            where = f"questions[{qi}].inputs[{ii}]"
            if isinstance(inp, Mapping) and "shared" in inp:
                ref = inp.get("shared")
                if set(inp) != {"shared"}:
                    problems.append(Problem(where, format_msg("shared-only")))
                if ref not in declared:
                    names = ", ".join(declared)
                    problems.append(Problem(f"{where}.shared", format_msg(
                        "shared-unknown", ref=repr(ref), declared=Text(names.replace(", ", "、"), names) if names
                        else Text(format_msg("none-declared").zh, format_msg("none-declared")))))
                    continue
                used[ref].append(str(q.get("id")))
                new_inputs.append(dict(declared[ref]))
            else:
                if isinstance(inp, Mapping) and inp.get("id") in declared:
                    problems.append(Problem(f"{where}.id", format_msg("shared-write", id=repr(inp.get("id")),
                                                                      name=inp.get("id"))))
                new_inputs.append(inp)
        out_questions.append({**q, "inputs": new_inputs})
    for sid, users in used.items():
        if len(users) < 2:
            problems.append(Problem("shared_inputs", format_msg("shared-once", id=repr(sid), n=len(users))))
    out = {k: v for k, v in data.items() if k != "shared_inputs"}
    if isinstance(questions, list):
        out["questions"] = out_questions
    return out, tuple(shared), problems


def users(fw: Any, input_id: str, questions: Sequence[Question] | None = None) -> list[Question]:
    """The questions (of ``questions``, by default all of the framework) whose inputs include the figure."""
    return [q for q in (fw.questions if questions is None else questions)
            if any(i.id == input_id for i in q.inputs)]


def owners(fw: Any, answers: Mapping[str, Answer], questions: Sequence[Question] | None = None) -> dict[str, str]:
    """For each shared input, the question where it is entered: the first user not answered 'not applicable'."""
    out: dict[str, str] = {}
    for s in getattr(fw, "shared_inputs", ()):
        for q in users(fw, s.id, questions):
            a = answers.get(q.id)
            if a is None or not a.na:
                out[s.id] = q.id
                break
    return out


def _with_value(a: Answer | None, input_id: str, value: float | None) -> Answer | None:
    """``a`` with the figure set to ``value`` (removed when None); None when nothing changes or ``a`` is N/A."""
    if a is not None and a.na:
        return None
    raw = dict(a.raw or {}) if a is not None else {}
    if raw.get(input_id) == value and (value is not None or input_id not in raw):
        return None
    if value is None:
        raw.pop(input_id, None)
    else:
        raw[input_id] = value
    if a is None:
        return Answer(raw=raw) if raw else None
    return replace(a, raw=raw or None)


def spread(fw: Any, answers: Mapping[str, Answer], question_id: str,
           questions: Sequence[Question] | None = None) -> dict[str, Answer]:
    """The other answers to change after ``question_id``'s answer changed: its shared figures copied
    into every other question that uses them (only from the question that holds the figure)."""
    holder = owners(fw, answers, questions)
    source = answers.get(question_id)
    changes: dict[str, Answer] = {}
    for sid, owner in holder.items():
        if owner != question_id:
            continue
        value = (source.raw or {}).get(sid) if source is not None else None
        for q in users(fw, sid, questions):
            if q.id == question_id:
                continue
            current = changes.get(q.id, answers.get(q.id))
            new = _with_value(current, sid, value)
            if new is not None:
                changes[q.id] = new
    return changes


@dataclass(frozen=True, slots=True)
class Conflict:
    """Copies of one shared figure that disagreed in a file: the value kept and the one replaced."""

    input_id: str
    kept_in: str
    kept: float
    replaced_in: str
    replaced: float

    def message(self, fw: Any) -> Msg:
        s = next(x for x in fw.shared_inputs if x.id == self.input_id)
        a, b = f"{self.kept:g}", f"{self.replaced:g}"
        return Msg(f"{s.label.en} was {b} here but {a} in an earlier question; {a} (the first) is kept, please check",
                   f"{s.label.zh}在本题为 {b}，在前面的题目中为 {a}；已保留前者 {a}，请核对", "shared-disagrees")


def reconcile(fw: Any, answers: Mapping[str, Answer],
              questions: Sequence[Question] | None = None) -> tuple[dict[str, Answer], list[Conflict]]:
    """An older file's answers with every shared figure made one value: the first copy found (in
    framework order) is kept and written into every user; the copies that differed are returned."""
    out = dict(answers)
    conflicts: list[Conflict] = []
    for s in getattr(fw, "shared_inputs", ()):
        qs = users(fw, s.id, questions)
        first: tuple[str, float] | None = None
        for q in qs:
            a = out.get(q.id)
            v = (a.raw or {}).get(s.id) if a is not None and not a.na else None
            if v is None:
                continue
            if first is None:
                first = (q.id, v)
            elif v != first[1]:
                conflicts.append(Conflict(s.id, first[0], first[1], q.id, v))
        if first is None:
            continue
        for q in qs:
            new = _with_value(out.get(q.id), s.id, first[1])
            if new is not None:
                out[q.id] = new
    return out, conflicts


# ------------------------------------------------------------------ computed values

def value_unit(q: Question, e: Expr) -> tuple[Text | None, int]:
    """The unit of a computed value and the factor to show it in: an input's own unit; for a
    quotient, "numerator unit/denominator unit", or a percentage (factor 100) when both units agree."""
    units = {i.id: i.unit for i in q.inputs}
    if e.value is not None:
        return units.get(e.value), 1
    top, bottom = units.get(e.numerator or ""), units.get(e.denominator or "")
    if top is None or bottom is None:
        return None, 1
    if top == bottom:
        return Text("%", "%"), 100
    return Text(f"{top.zh}/{bottom.zh}", f"{top.en} per {_PER_EN.get(bottom.en, bottom.en)}"), 1


_PER_EN = {"people": "person"}  # a unit after "per" is one of it: 10,000 yuan per person, not per people


def sensible_places(*values: Fraction | float, digits: int = 3) -> int:
    """Decimals that show ``digits`` significant figures of the smallest non-zero value (0-4), so that
    two values side by side are read to the same precision: 46.7, 0.165, 97.8."""
    smallest = min((abs(float(v)) for v in values if v), default=0.0)
    if smallest == 0:
        return 0
    return max(0, min(4, digits - 1 - math.floor(math.log10(smallest))))

