"""The data types of a maturity framework: immutable, with points as exact fractions.

Read from a framework file by :mod:`.framework` (which re-exports every name here);
what each question kind means lives in :mod:`.kinds`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from .text import Text
from .yamlread import ProblemsError

PILLARS = ("cloud", "data", "intelligence")
DIRECTIONS = ("up", "flat", "down")
LEVEL_RANGE = range(0, 5)


class FrameworkError(ProblemsError):
    """A framework file that cannot be used."""


@dataclass(frozen=True, slots=True)
class Band:
    min: Fraction
    max: Fraction
    min_closed: bool
    max_closed: bool

    def contains(self, x: Fraction) -> bool:
        above = x >= self.min if self.min_closed else x > self.min
        below = x <= self.max if self.max_closed else x < self.max
        return above and below

    def describe(self) -> str:
        lo = "[" if self.min_closed else "("
        hi = "]" if self.max_closed else ")"
        return f"{lo}{float(self.min) * 100:g}%, {float(self.max) * 100:g}%{hi}"


@dataclass(frozen=True, slots=True)
class Option:
    id: str
    points: Fraction
    label: Text
    description: Text | None = None
    exclusive: bool = False
    band: Band | None = None
    direction: str | None = None


@dataclass(frozen=True, slots=True)
class Input:
    id: str
    label: Text
    unit: Text | None = None


@dataclass(frozen=True, slots=True)
class Ratio:
    numerator: str
    denominator: str
    at_most_one: bool = False


@dataclass(frozen=True, slots=True)
class Expr:
    """A value from raw inputs: one input, or numerator / denominator."""

    value: str | None = None
    numerator: str | None = None
    denominator: str | None = None

    def inputs(self) -> tuple[str, ...]:
        if self.value is not None:
            return (self.value,)
        return tuple(x for x in (self.numerator, self.denominator) if x is not None)


@dataclass(frozen=True, slots=True)
class Trend:
    current: Expr
    previous: Expr
    better: str
    flat_tolerance: Fraction = Fraction(0)


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """One piece of evidence to ask for: an id unique within its question, the text, and for a scene or
    scale question the level from which it is needed (None: needed for any claimed level, or any
    option that scores)."""

    id: str
    text: Text
    level: int | None = None

    def get(self, lang: str) -> str:
        return self.text.get(lang)


@dataclass(frozen=True, slots=True)
class SceneGroup:
    id: str
    title: Text


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    kind: str
    section: str
    text: Text
    explanation: Text
    standard: Text
    evidence: tuple[Text, ...]
    pillars: tuple[str, ...]
    max_points: Fraction
    pillar_weight: Fraction
    na_allowed: bool = False
    module: str | None = None
    options: tuple[Option, ...] = ()
    inputs: tuple[Input, ...] = ()
    ratio: Ratio | None = None
    trend: Trend | None = None
    group: SceneGroup | None = None
    mandatory: bool = False
    levels: Mapping[int, Text] = field(default_factory=dict)
    short_text: Text | None = None
    reach_note: Text | None = None  # said in the report when the question is short of its maximum
    evidence_items: tuple[EvidenceItem, ...] = ()  # the same texts as ``evidence``, with ids (and levels)
    option_by_id: Mapping[str, Option] = field(default_factory=dict, compare=False, repr=False)

    @property
    def label(self) -> Text:
        """A short name for tables, charts and plans (the question text when none is given)."""
        return self.short_text or self.text

    @property
    def is_leveled(self) -> bool:
        """Answered by a level 0-4 (scene, scale)."""
        from .kinds import KINDS  # noqa: PLC0415 - the kinds are built on these types

        return KINDS[self.kind].leveled

    def option(self, option_id: str) -> Option | None:
        return self.option_by_id.get(option_id)

    def evidence_item(self, item_id: str) -> EvidenceItem | None:
        return next((e for e in self.evidence_items if e.id == item_id), None)


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: Text
    max_points: Fraction | None
    parent: str | None
    children: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Module:
    id: str
    title: Text
    sectors: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Level:
    id: str
    index: int
    label: Text
    description: Text


@dataclass(frozen=True, slots=True)
class LevelCondition:
    level: str
    min_score: Fraction
    min_scenes: int = 0
    scene_level: int = 1
    min_mandatory: int = 0


@dataclass(frozen=True, slots=True)
class LevelRule:
    kind: str
    no_level_label: Text
    conditions: tuple[LevelCondition, ...]  # top level first


@dataclass(frozen=True, slots=True)
class Stage:
    id: str
    index: int
    label: Text
    description: Text


@dataclass(frozen=True, slots=True)
class StageThreshold:
    stage: str
    pillar: str
    min_score: Fraction
    or_level: str | None = None  # the threshold also holds for a firm at this level or above


@dataclass(frozen=True)
class Framework:
    id: str
    version: str
    title: Text
    source: Text
    description: Text
    notes: Text | None
    sections: Mapping[str, Section]
    dimensions: tuple[str, ...]
    modules: Mapping[str, Module]
    questions: tuple[Question, ...]
    levels: tuple[Level, ...]
    level_rule: LevelRule
    stages: tuple[Stage, ...]
    stage_rule: tuple[StageThreshold, ...]
    stage_rule_note: Text | None = None
    short_title: Text | None = None
    national_levels: bool = False  # levels are the national SME digital levels that policy targets name
    caveat: Text | None = None  # one line shown wherever a level is shown: what the level is and is not
    sources: tuple[Text, ...] = ()  # what each part rests on and whether it was checked against the source
    path: Path | None = None
    shared_inputs: tuple[Any, ...] = ()  # shared_inputs.SharedInput: figures several questions use, asked once
    question_by_id: Mapping[str, Question] = field(default_factory=dict, repr=False)
    dimension_of: Mapping[str, str] = field(default_factory=dict, repr=False)
    # tables derived from the framework alone (scoring units, next steps), filled on first use; a copy
    # made with dataclasses.replace starts with none
    cache: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def question(self, question_id: str) -> Question:
        return self.question_by_id[question_id]

    def level(self, level_id: str) -> Level:
        return next(lv for lv in self.levels if lv.id == level_id)

    def level_by_index(self, index: int) -> Level | None:
        return next((lv for lv in self.levels if lv.index == index), None)

    def stage(self, stage_id: str) -> Stage:
        return next(st for st in self.stages if st.id == stage_id)

    def ancestors(self, section_id: str) -> list[str]:
        """The section and every section above it, nearest first."""
        out: list[str] = []
        sid: str | None = section_id
        while sid is not None:
            out.append(sid)
            sid = self.sections[sid].parent
        return out

    def modules_for(self, industry_section: str | None) -> frozenset[str]:
        """Ids of the modules that apply to a firm of a GB/T 4754 section letter."""
        if not industry_section:
            return frozenset()
        letter = industry_section[:1].upper()
        return frozenset(m.id for m in self.modules.values() if letter in m.sectors)

    def questions_for(self, modules: Iterable[str] | None) -> list[Question]:
        """Core questions plus those of the given modules (all modules when None)."""
        if modules is None:
            return list(self.questions)
        wanted = set(modules)
        return [q for q in self.questions if q.module is None or q.module in wanted]

    @property
    def scenes(self) -> list[Question]:
        from .kinds import KINDS  # noqa: PLC0415 - the kinds are built on these types

        return [q for q in self.questions if KINDS[q.kind].is_scene]
