"""The words of the exports, in Chinese and English, and answers told in words.

Questionnaire text comes from the framework file; only the labels of the
workbooks and the report live here, one table per language with the same keys.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from fractions import Fraction

from smedigital.core.answers import Answer, AnswerInvalid, computed_option, ratio_of, trend_values
from smedigital.core.framework import Framework, Question
from smedigital.core.kinds import KINDS
from smedigital.core.words import punct, table

WORDS = table("export.common")  # resources/words/<lang>.yaml, section export.common

STATUSES = ("planned", "in_progress", "done", "dropped")


def words(lang: str) -> dict[str, str]:
    return WORDS["en" if lang == "en" else "zh"]


def fmt_number(x: Fraction | float | int, places: int = 2) -> str:
    """``12.5``, ``12``, ``0.33``: at most ``places`` decimals, no trailing zeros."""
    return f"{float(x):.{places}f}".rstrip("0").rstrip(".") or "0"


def fmt_money(x: int | float) -> str:
    return f"{x:,.0f}"


def list_sep(lang: str) -> str:
    return punct("list_sep", lang)


def level_words(q: Question, level: int, lang: str) -> str:
    """``2级：<descriptor>`` for a scene or scale level."""
    w = words(lang)
    descriptor = q.levels.get(level)
    text = descriptor.get(lang) if descriptor else (w["scene_not_done"] if level == 0 else "")
    head = w["level_n"].format(n=level)
    return f"{head}{punct('colon', lang)}{text}"


def _raw_value(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def answer_in_words(q: Question, answer: Answer | None, lang: str) -> str:
    """An answer as a person reads it: option labels, raw numbers with the band they give, or a level."""
    w = words(lang)
    if answer is None or answer.is_empty:
        return w["not_answered"]
    if answer.na:
        return w["not_applicable"]
    return ANSWER_WORDS[q.kind](q, answer, lang)


def _level_answer(q: Question, answer: Answer, lang: str) -> str:
    return level_words(q, answer.level or 0, lang) if answer.level is not None else words(lang)["not_answered"]


def _multi_answer(q: Question, answer: Answer, lang: str) -> str:
    labels = [(o.label.get(lang) if (o := q.option(c)) else c) for c in answer.choices or ()]
    return list_sep(lang).join(labels)


def _ratio_shown(q: Question, answer: Answer, parts: list[str]) -> bool:
    """Add the ratio the numbers give; they give an option (when complete)."""
    ratio = ratio_of(q, answer.raw)
    if ratio is not None:
        parts[-1] += f" = {fmt_number(ratio * 100, 1)}%"
    return True


def _trend_shown(q: Question, answer: Answer, parts: list[str]) -> bool:
    """Whether the numbers give a direction (both years given)."""
    return trend_values(q, answer.raw) is not None


def _option_answer(q: Question, answer: Answer, lang: str,
                   numbers: Callable[[Question, Answer, list[str]], bool] = lambda q, a, parts: True) -> str:
    """The raw numbers (with what ``numbers`` adds) and the option they give, else the option chosen."""
    w = words(lang)
    parts: list[str] = []
    if answer.raw:
        labels = {i.id: i for i in q.inputs}
        shown = []
        for key, value in answer.raw.items():
            inp = labels.get(key)
            unit = inp.unit.get(lang) if inp and inp.unit else ""
            name = inp.label.get(lang) if inp else key
            shown.append(f"{name} {_raw_value(value)}{(' ' + unit) if unit and lang == 'en' else unit}")
        parts.append(punct("comma", lang).join(shown))
        try:
            opt = computed_option(q, answer)
            if not numbers(q, answer, parts):
                opt = None
        except AnswerInvalid as exc:
            opt = None
            parts[-1] += w["invalid_numbers"].format(why=exc.get(lang))
        if opt is not None:
            parts.append(opt.label.get(lang))
            return " → ".join(parts)
    if answer.choice is not None:
        opt = q.option(answer.choice)
        parts.append(opt.label.get(lang) if opt else answer.choice)
    return " → ".join(parts) if parts else w["not_answered"]


# An answer in words, per question kind (tests/test_kinds_tables.py: one per kind of the core registry).
ANSWER_WORDS: dict[str, Callable[[Question, Answer, str], str]] = {
    "single": _option_answer,
    "multi": _multi_answer,
    "ratio_band": functools.partial(_option_answer, numbers=_ratio_shown),
    "trend": functools.partial(_option_answer, numbers=_trend_shown),
    "scene": _level_answer,
    "scale": _level_answer,
}


def section_path(fw: Framework, q: Question, lang: str) -> str:
    """``数字化基础 / 设备系统``: the question's section below its dimension."""
    chain = list(reversed(fw.ancestors(q.section)))
    return " / ".join(fw.sections[s].title.get(lang) for s in chain)


def step_words(fw: Framework, question_id: str, from_value: str | int | None, to_value: str | int | None,
               lang: str) -> str:
    """``1级 → 2级`` or ``无 → 20%以上-40%（含）``: a step of a question in words."""
    q = fw.question(question_id)
    w = words(lang)

    def one(v: str | int | None) -> str:
        if v is None or v == "":
            return "—"
        if q.is_leveled:
            return w["level_n"].format(n=v)
        opt = q.option(str(v))
        return opt.label.get(lang) if opt else str(v)

    if KINDS[q.kind].set_valued:  # a step adds an option
        return f"+ {one(to_value)}"
    return f"{one(from_value)} → {one(to_value)}"
