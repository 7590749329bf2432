"""Answers to questions, and what an answer means for each question kind.

An answer is exactly one of: an option (``choice``), a set of options
(``choices``), raw numbers (``raw``), a level 0-4 (``level``), or "not
applicable" (``na``); each may carry a note and evidence. What it means for a
question is its kind's business (:mod:`.kinds`); the functions here are the
entry points the rest of the program uses.
"""

from __future__ import annotations

from .answer_types import EVIDENCE_STATUSES, Answer, AnswerInvalid, EvidenceFile, EvidenceMark
from .framework import Option, Question
from .kinds import KINDS
from .kinds.base import wrong_field
from .kinds.measured import band_for, direction_of, ratio_of, trend_values
from .text import Msg, shown
from .words import punct

__all__ = ["EVIDENCE_STATUSES", "Answer", "AnswerInvalid", "EvidenceFile", "EvidenceMark", "answer_code",
           "band_for", "computed_option", "direction_of", "effective_option", "is_answered", "ratio_of",
           "trend_values", "validate_answer"]


def computed_option(q: Question, answer: Answer) -> Option | None:
    """The option that raw numbers give, or None when they are incomplete or absent."""
    return KINDS[q.kind].computed_option(q, answer)


def effective_option(q: Question, answer: Answer) -> Option | None:
    """For single, ratio_band and trend: the option that counts (raw numbers first)."""
    return KINDS[q.kind].effective_option(q, answer)


def is_answered(q: Question, answer: Answer | None) -> bool:
    if answer is None or answer.is_empty:
        return False
    if answer.na:
        return True
    return KINDS[q.kind].is_answered(q, answer)


def _options(q: Question, lang: str) -> str:
    return punct("enum", lang).join(o.label.get(lang).strip() for o in q.options)


def validate_answer(q: Question, answer: Answer) -> list[tuple[str, str]]:
    """Problems with one answer as (sub-location, message); empty when it is valid.

    Each message is a :class:`~.text.Msg`: English, with its Chinese (``message.zh``) and a code;
    options and inputs are named by their labels, never by internal ids.

    An answer without a note or evidence (most answers in a file) is checked once per question and fields (a
    level's and each raw number's type too: ``True`` is not ``1`` here); the same problems, in a list of their
    own, each time after.
    """
    if not answer.na and not answer.note and not answer.evidence and not answer.evidence_items:
        raw, choices = answer.raw, answer.choices
        if choices is not None and (type(choices) is not tuple or any(type(c) is not str for c in choices)):
            return _validate(q, answer)  # choices of another shape: checked, and refused, as they come
        try:
            key = (id(q), type(answer.level), answer.level, type(answer.choice), answer.choice, choices,
                   None if raw is None else (type(raw), tuple((type(k), k, type(v), v) for k, v in raw.items())))
            hit = _CHECKED.get(key)
        except (TypeError, AttributeError):  # a value no number is (unhashable): checked, and refused, as it comes
            return _validate(q, answer)
        if hit is None or hit[0] is not q:
            hit = (q, tuple(_validate(q, answer)))
            if len(_CHECKED) >= 4096:
                _CHECKED.clear()
            _CHECKED[key] = hit
        return list(hit[1])
    return _validate(q, answer)


# (id of a question, the answer's fields) -> (the question, its problems): see validate_answer
_CHECKED: dict[tuple[object, ...], tuple[Question, tuple[tuple[str, str], ...]]] = {}


def _validate(q: Question, answer: Answer) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    add = problems.append
    if answer.na:
        if not q.na_allowed:
            add(("na", Msg("this question cannot be answered 'not applicable'", "本题不能选择“不适用”", "na-not-allowed")))
        if answer.choice is not None or answer.choices or answer.raw or answer.level is not None:
            add(("na", Msg("'not applicable' cannot be combined with an answer", "“不适用”不能与答案同时填写",
                           "na-with-answer")))
        return problems
    kind = KINDS[q.kind]
    for name in ("choice", "choices", "raw", "level"):
        if getattr(answer, name) is not None and name not in kind.takes:
            add(wrong_field(q, kind.takes, name))
    if answer.choice is not None and q.option(answer.choice) is None:
        add(("choice", Msg(f"{shown(answer.choice)} is not an option ({_options(q, 'en')})",
                           f"{shown(answer.choice)} 不是选项之一（{_options(q, 'zh')}）", "not-an-option")))
    kind.validate(q, answer, problems)
    return problems


def answer_code(q: Question, a: Answer | None) -> str:
    """An answer as data: the option id, ``a;b`` for several, the level, ``na``, or empty."""
    if a is None:
        return ""
    if a.na:
        return "na"
    return KINDS[q.kind].answer_code(q, a)
