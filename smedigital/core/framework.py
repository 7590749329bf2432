"""Maturity frameworks as data.

A framework file (YAML, see ``resources/frameworks/FORMAT.md``) is read into
immutable dataclasses. Reading collects *every* problem with its location
instead of stopping at the first, so ``smedigital-cli framework validate`` can
list them all. Points are kept as exact fractions: ``1.875`` in a file is
``Fraction(15, 8)`` here, so sums such as 13 x 0.7 + 0.9 = 10 hold exactly.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml

from .resources import resource_path
from .text import Text

KINDS = ("single", "multi", "ratio_band", "trend", "scene", "scale")
PILLARS = ("cloud", "data", "intelligence")
DIRECTIONS = ("up", "flat", "down")
LEVEL_RANGE = range(0, 5)
FORMAT_NAME = "smedigital-framework"
FORMAT_VERSION = 1

_ID = re.compile(r"^[a-z0-9][a-z0-9_.\-]*$")

_TOP_KEYS = frozenset({"format", "format_version", "id", "version", "title", "short_title", "source", "description",
                       "notes", "sections", "modules", "questions", "levels", "level_rule", "stages", "stage_rule",
                       "stage_rule_note", "national_levels", "caveat", "sources", "shared_inputs"})
_SECTION_KEYS = frozenset({"id", "title", "max_points", "children"})
_QUESTION_KEYS = frozenset({"id", "kind", "section", "module", "text", "short_text", "explanation", "standard",
                            "evidence", "na_allowed", "pillars", "max_points", "pillar_weight", "options", "inputs",
                            "ratio", "trend", "group", "mandatory", "levels", "reach_note"})
_OPTION_KEYS = frozenset({"id", "points", "label", "description", "exclusive", "band", "direction"})
_INPUT_KEYS = frozenset({"id", "label", "unit"})

try:  # the C loader is several times faster on the larger frameworks
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


def to_fraction(value: Any) -> Fraction:
    """An exact fraction from a YAML/JSON number (floats go through their shortest repr)."""
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        return Fraction(repr(value))
    if isinstance(value, str):
        return Fraction(value.strip())
    raise TypeError(f"not a number: {value!r}")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, at a location such as ``questions[3].options[1]``."""

    location: str
    message: str  # English; a text.Msg also carries the Chinese and a code

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message

    @property
    def where(self) -> str:
        return self.location

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` (English when it has no Chinese), without the location."""
        from .text import in_lang  # noqa: PLC0415

        return in_lang(self.message, lang)


class ProblemsError(ValueError):
    """Input that cannot be used; ``problems`` lists every reason, each with its location."""

    def __init__(self, source: str, problems: list[Any]):
        self.source = source
        self.problems = problems
        first = "; ".join(str(p) for p in problems[:3])
        more = f" (+{len(problems) - 3} more)" if len(problems) > 3 else ""
        super().__init__(f"{source}: {first}{more}")


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
        return self.kind in ("scene", "scale")

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
        return [q for q in self.questions if q.kind == "scene"]


# --------------------------------------------------------------------------- reading


class _Reader:
    """Walks the raw mapping, collecting problems instead of raising."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def problem(self, loc: str, msg: str) -> None:
        self.problems.append(Problem(loc, msg))

    def known(self, d: Mapping[str, Any], keys: frozenset[str], loc: str) -> None:
        """Report keys the format does not have (a typo would otherwise be silently ignored)."""
        for key in d:
            if key not in keys:
                self.problem(f"{loc}.{key}" if loc else str(key), "is not a field of this format")

    def check_header(self, data: Any, name: str, version: int, error: type[ProblemsError], source: str) -> None:
        """``format`` and ``format_version`` of a data file; a newer version is refused at once."""
        if not isinstance(data, dict):
            raise error(source, [Problem("", "the file must hold a mapping at the top")])
        if data.get("format") != name:
            self.problem("format", f"must be {name!r}")
        fv = data.get("format_version")
        if not isinstance(fv, int) or isinstance(fv, bool):
            self.problem("format_version", "must be a whole number")
        elif fv > version:
            raise error(source, [Problem("format_version", f"is {fv}, newer than this program reads "
                                                           f"({version}); please update smedigital")])

    def get(self, d: Mapping[str, Any], key: str, loc: str, kind: type | tuple[type, ...],
            required: bool = True, default: Any = None) -> Any:
        where = f"{loc}.{key}" if loc else key
        if key not in d or d[key] is None:
            if required:
                self.problem(where, "is missing")
            return default
        value = d[key]
        if kind is bool and not isinstance(value, bool):
            self.problem(where, "must be true or false")
            return default
        if not isinstance(value, kind) or (kind in (int, (int, float)) and isinstance(value, bool)):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            self.problem(where, f"must be {_describe_type(names)}")
            return default
        return value

    def text(self, d: Mapping[str, Any], key: str, loc: str, required: bool = True) -> Text | None:
        raw = self.get(d, key, loc, dict, required)
        if raw is None:
            return Text("", "") if required else None
        return self.text_value(raw, f"{loc}.{key}" if loc else key)

    def text_value(self, raw: Any, where: str) -> Text:
        if not isinstance(raw, dict):
            self.problem(where, "must be a mapping with zh and en")
            return Text("", "")
        parts = []
        for lang in ("zh", "en"):
            v = raw.get(lang)
            if not isinstance(v, str) or not v.strip():
                self.problem(f"{where}.{lang}", "is missing or empty")
                v = ""
            parts.append(v.strip())
        return Text(parts[0], parts[1])

    def number(self, d: Mapping[str, Any], key: str, loc: str, required: bool = True,
               default: Fraction | None = None) -> Fraction | None:
        raw = self.get(d, key, loc, (int, float), required)
        if raw is None:
            return default
        value = to_fraction(raw)
        if value < 0:
            self.problem(f"{loc}.{key}", "must not be negative")
        return value

    def ident(self, d: Mapping[str, Any], key: str, loc: str) -> str:
        raw = self.get(d, key, loc, str)
        if raw is None:
            return ""
        if not _ID.match(raw):
            self.problem(f"{loc}.{key}", f"{raw!r} is not a valid id (lower-case letters, digits, '_', '.', '-')")
        return raw

    def items(self, d: Mapping[str, Any], key: str, loc: str, required: bool = True) -> list[tuple[str, Any]]:
        raw = self.get(d, key, loc, list, required, [])
        base = f"{loc}.{key}" if loc else key
        out = []
        for i, item in enumerate(raw):
            where = f"{base}[{i}]"
            if not isinstance(item, dict):
                self.problem(where, "must be a mapping")
                continue
            out.append((where, item))
        return out


def _describe_type(names: str) -> str:
    return {"dict": "a mapping", "list": "a list", "str": "a string", "int or float": "a number",
            "bool": "true or false", "int": "a whole number"}.get(names, names)


def _read_sections(r: _Reader, raw: Any) -> tuple[dict[str, Section], list[str]]:
    sections: dict[str, Section] = {}
    top: list[str] = []

    def walk(items: list[tuple[str, Any]], parent: str | None) -> list[str]:
        ids = []
        for where, s in items:
            r.known(s, _SECTION_KEYS, where)
            sid = r.ident(s, "id", where)
            title = r.text(s, "title", where) or Text("", "")
            maxp = r.number(s, "max_points", where, required=False)
            kids = walk(r.items(s, "children", where, required=False), sid)
            if sid in sections:
                r.problem(f"{where}.id", f"section id {sid!r} is used twice")
            sections[sid] = Section(sid, title, maxp, parent, tuple(kids))
            ids.append(sid)
        return ids

    top = walk(raw, None)
    return sections, top


def _read_options(r: _Reader, q: Mapping[str, Any], loc: str, kind: str) -> tuple[Option, ...]:
    options = []
    seen: set[str] = set()
    for where, o in r.items(q, "options", loc):
        r.known(o, _OPTION_KEYS, where)
        oid = r.ident(o, "id", where)
        if oid in seen:
            r.problem(f"{where}.id", f"option id {oid!r} is used twice")
        seen.add(oid)
        points = r.number(o, "points", where) or Fraction(0)
        label = r.text(o, "label", where) or Text("", "")
        desc = r.text(o, "description", where, required=False)
        exclusive = bool(r.get(o, "exclusive", where, bool, False, False))
        band = None
        direction = None
        if kind == "ratio_band":
            b = r.get(o, "band", where, dict)
            if b is not None:
                bw = f"{where}.band"
                lo = r.number(b, "min", bw) or Fraction(0)
                hi = r.number(b, "max", bw) or Fraction(0)
                band = Band(lo, hi, bool(r.get(b, "min_closed", bw, bool, default=True)),
                            bool(r.get(b, "max_closed", bw, bool, default=True)))
                if hi < lo:
                    r.problem(bw, "max is below min")
        if kind == "trend":
            direction = r.get(o, "direction", where, str)
            if direction is not None and direction not in DIRECTIONS:
                r.problem(f"{where}.direction", f"must be one of {', '.join(DIRECTIONS)}")
        if exclusive and kind != "multi":
            r.problem(f"{where}.exclusive", "only options of a multi question can be exclusive")
        if exclusive and points != 0:
            r.problem(f"{where}.points", "an exclusive ('none') option must be worth 0 points")
        options.append(Option(oid, points, label, desc, exclusive, band, direction))
    return tuple(options)


def _read_inputs(r: _Reader, q: Mapping[str, Any], loc: str) -> tuple[Input, ...]:
    inputs = []
    seen: set[str] = set()
    for where, i in r.items(q, "inputs", loc):
        r.known(i, _INPUT_KEYS, where)
        iid = r.ident(i, "id", where)
        if iid in seen:
            r.problem(f"{where}.id", f"input id {iid!r} is used twice")
        seen.add(iid)
        inputs.append(Input(iid, r.text(i, "label", where) or Text("", ""), r.text(i, "unit", where, False)))
    return tuple(inputs)


def _read_expr(r: _Reader, raw: Any, where: str) -> Expr:
    if not isinstance(raw, dict):
        r.problem(where, "must be a mapping with value, or numerator and denominator")
        return Expr()
    if "value" in raw:
        return Expr(value=r.get(raw, "value", where, str))
    return Expr(numerator=r.get(raw, "numerator", where, str), denominator=r.get(raw, "denominator", where, str))


def _read_levels(r: _Reader, q: Mapping[str, Any], loc: str, wanted: range) -> dict[int, Text]:
    raw = r.get(q, "levels", loc, dict, default={})
    out: dict[int, Text] = {}
    for key, value in raw.items():
        try:
            n = int(key)
        except (TypeError, ValueError):
            r.problem(f"{loc}.levels.{key}", "level keys must be whole numbers 0-4")
            continue
        if n not in LEVEL_RANGE:
            r.problem(f"{loc}.levels.{key}", "level keys must be 0-4")
            continue
        out[n] = r.text_value(value, f"{loc}.levels.{key}")
    for n in wanted:
        if n not in out and raw:
            r.problem(f"{loc}.levels", f"level {n} has no descriptor")
    return out


_EVIDENCE_KEYS = frozenset({"id", "zh", "en", "level"})


def _read_evidence(r: _Reader, q: Mapping[str, Any], where: str, kind: str) -> tuple[EvidenceItem, ...]:
    """Evidence items: ``{id, zh, en}``, with ``level`` (1-4) on a scene or scale question for the
    items needed from that level up; an item without id is ``e<position>`` (files written before ids)."""
    out: list[EvidenceItem] = []
    seen: set[str] = set()
    for i, e in enumerate(r.get(q, "evidence", where, list, default=[]) or []):
        loc = f"{where}.evidence[{i}]"
        text = r.text_value(e, loc)
        if not isinstance(e, dict):
            continue
        r.known(e, _EVIDENCE_KEYS, loc)
        eid = r.ident(e, "id", loc) if "id" in e else f"e{i + 1}"
        if eid in seen:
            r.problem(f"{loc}.id", f"evidence id {eid!r} is used twice")
        seen.add(eid)
        level = None
        if "level" in e:
            level = r.get(e, "level", loc, int)
            if kind not in ("scene", "scale"):
                r.problem(f"{loc}.level", "only evidence of a scene or scale question can name a level")
                level = None
            elif level is not None and level not in range(1, 5):
                r.problem(f"{loc}.level", "must be a level 1-4")
                level = None
        out.append(EvidenceItem(eid, text, level))
    return tuple(out)


def _read_question(r: _Reader, where: str, q: Mapping[str, Any]) -> Question:
    r.known(q, _QUESTION_KEYS, where)
    qid = r.ident(q, "id", where)
    kind = r.get(q, "kind", where, str) or ""
    if kind and kind not in KINDS:
        r.problem(f"{where}.kind", f"{kind!r} is not a question kind ({', '.join(KINDS)})")
    pillars = tuple(r.get(q, "pillars", where, list, default=[]) or [])
    for p in pillars:
        if p not in PILLARS:
            r.problem(f"{where}.pillars", f"{p!r} is not a pillar ({', '.join(PILLARS)})")
    max_points = r.number(q, "max_points", where) or Fraction(0)
    pillar_weight = r.number(q, "pillar_weight", where, required=False, default=max_points) or Fraction(0)
    evidence_items = _read_evidence(r, q, where, kind)
    evidence = tuple(e.text for e in evidence_items)
    if not evidence:
        r.problem(f"{where}.evidence", "needs at least one item")
    options: tuple[Option, ...] = ()
    inputs: tuple[Input, ...] = ()
    ratio = trend = group = None
    levels: dict[int, Text] = {}
    mandatory = False
    if kind in ("single", "multi", "ratio_band", "trend"):
        options = _read_options(r, q, where, kind)
    if kind in ("ratio_band", "trend"):
        inputs = _read_inputs(r, q, where)
    if kind == "ratio_band":
        raw = r.get(q, "ratio", where, dict)
        if raw is not None:
            ratio = Ratio(r.get(raw, "numerator", f"{where}.ratio", str) or "",
                          r.get(raw, "denominator", f"{where}.ratio", str) or "",
                          bool(r.get(raw, "at_most_one", f"{where}.ratio", bool, False, False)))
    if kind == "trend":
        raw = r.get(q, "trend", where, dict)
        if raw is not None:
            tw = f"{where}.trend"
            better = r.get(raw, "better", tw, str) or "up"
            if better not in ("up", "down"):
                r.problem(f"{tw}.better", "must be up or down")
            trend = Trend(_read_expr(r, raw.get("current"), f"{tw}.current"),
                          _read_expr(r, raw.get("previous"), f"{tw}.previous"),
                          better, r.number(raw, "flat_tolerance", tw, False, Fraction(0)) or Fraction(0))
    if kind == "scene":
        g = r.get(q, "group", where, dict)
        if g is not None:
            group = SceneGroup(r.ident(g, "id", f"{where}.group"), r.text(g, "title", f"{where}.group") or Text("", ""))
        mandatory = bool(r.get(q, "mandatory", where, bool, False, False))
        levels = _read_levels(r, q, where, range(1, 5))
    if kind == "scale":
        levels = _read_levels(r, q, where, range(0, 5))
    if kind in ("scene", "scale") and not levels:
        r.problem(f"{where}.levels", "is missing")
    return Question(
        id=qid, kind=kind, section=r.get(q, "section", where, str) or "",
        text=r.text(q, "text", where) or Text("", ""),
        explanation=r.text(q, "explanation", where) or Text("", ""),
        standard=r.text(q, "standard", where) or Text("", ""),
        evidence=evidence, pillars=pillars, max_points=max_points, pillar_weight=pillar_weight,
        na_allowed=bool(r.get(q, "na_allowed", where, bool, False, False)),
        module=r.get(q, "module", where, str, False), options=options, inputs=inputs, ratio=ratio,
        trend=trend, group=group, mandatory=mandatory, levels=levels,
        short_text=r.text(q, "short_text", where, required=False),
        reach_note=r.text(q, "reach_note", where, required=False),
        evidence_items=evidence_items,
        option_by_id={o.id: o for o in options},
    )


def _check_question(r: _Reader, where: str, q: Question, fw_sections: Mapping[str, Section],
                    modules: Mapping[str, Module]) -> None:
    """Semantic checks of one question against its kind."""
    if q.section and q.section not in fw_sections:
        r.problem(f"{where}.section", f"no section {q.section!r}")
    if q.module is not None and q.module not in modules:
        r.problem(f"{where}.module", f"no module {q.module!r}")
    if q.pillars and q.pillar_weight <= 0:
        r.problem(f"{where}.pillar_weight", "a question tagged with pillars needs a positive pillar weight")
    points = [o.points for o in q.options]
    if q.kind in ("single", "ratio_band", "trend") and points and max(points) != q.max_points:
        r.problem(f"{where}.max_points", f"is {q.max_points} but the best option is worth {max(points)}")
    if q.kind == "multi":
        if sum(1 for o in q.options if o.exclusive) > 1:
            r.problem(f"{where}.options", "at most one option can be exclusive")
        total = sum((o.points for o in q.options if not o.exclusive), Fraction(0))
        if total < q.max_points:
            r.problem(f"{where}.max_points", f"is {q.max_points} but all options together give only {total}")
    input_ids = {i.id for i in q.inputs}
    if q.kind == "ratio_band":
        if q.ratio is None:
            r.problem(f"{where}.ratio", "is missing")
        else:
            for name in (q.ratio.numerator, q.ratio.denominator):
                if name not in input_ids:
                    r.problem(f"{where}.ratio", f"names no input {name!r}")
        bands = [o.band for o in q.options if o.band is not None]
        if len(bands) == len(q.options) and bands:
            if bands[0].min != 0 or not bands[0].min_closed:
                r.problem(f"{where}.options[0].band", "the first band must start at 0, closed")
            for i in range(1, len(bands)):
                prev, cur = bands[i - 1], bands[i]
                if cur.min != prev.max or cur.min_closed == prev.max_closed:
                    r.problem(f"{where}.options[{i}].band", "must start where the previous band ends, "
                              "with exactly one of the two ends closed (no gap, no overlap)")
    if q.kind == "trend":
        if q.trend is not None:
            for e, name in ((q.trend.current, "current"), (q.trend.previous, "previous")):
                if not e.inputs():
                    r.problem(f"{where}.trend.{name}", "names no input")
                for input_id in e.inputs():
                    if input_id not in input_ids:
                        r.problem(f"{where}.trend.{name}", f"names no input {input_id!r}")
            dirs = [o.direction for o in q.options]
            if sorted(d or "" for d in dirs) != sorted(DIRECTIONS):
                r.problem(f"{where}.options", "needs exactly one option for each of up, flat and down")
            else:
                best = next(o for o in q.options if o.direction == q.trend.better)
                if best.points != q.max_points:
                    r.problem(f"{where}.options", f"the better direction ({q.trend.better}) must carry max_points")


def _check_sums(r: _Reader, sections: Mapping[str, Section], questions: list[Question],
                ancestors: Callable[[str], list[str]]) -> None:
    sums: dict[str, Fraction] = {sid: Fraction(0) for sid in sections}
    for q in questions:
        if q.section in sections:
            for sid in ancestors(q.section):
                sums[sid] += q.max_points
    for sid, s in sections.items():
        if s.max_points is not None and sums[sid] != s.max_points:
            r.problem(f"sections.{sid}.max_points",
                      f"declares {_fmt(s.max_points)} but its questions add up to {_fmt(sums[sid])}")


def _fmt(x: Fraction) -> str:
    return f"{float(x):g}"


def parse_framework(data: Any, source: str = "<framework>", path: Path | None = None) -> Framework:
    """Build a Framework from parsed YAML/JSON; raise FrameworkError listing every problem."""
    r = _Reader()
    r.check_header(data, FORMAT_NAME, FORMAT_VERSION, FrameworkError, source)
    r.known(data, _TOP_KEYS, "")
    from .shared_inputs import expand  # noqa: PLC0415 - it builds on this module
    data, shared, shared_problems = expand(data)
    r.problems.extend(shared_problems)
    fid = r.ident(data, "id", "")
    version = data.get("version")
    if not isinstance(version, (str, int)) or isinstance(version, bool):
        r.problem("version", "must be a string")
    title = r.text(data, "title", "") or Text("", "")
    sections, dims = _read_sections(r, r.items(data, "sections", ""))

    modules: dict[str, Module] = {}
    for where, m in r.items(data, "modules", "", required=False):
        mid = r.ident(m, "id", where)
        sectors = r.get(m, "sectors", where, list, default=[]) or []
        for s in sectors:
            if not (isinstance(s, str) and len(s) == 1 and "A" <= s <= "T"):
                r.problem(f"{where}.sectors", f"{s!r} is not a GB/T 4754-2017 section letter (A-T)")
        if mid in modules:
            r.problem(f"{where}.id", f"module id {mid!r} is used twice")
        modules[mid] = Module(mid, r.text(m, "title", where) or Text("", ""), tuple(sectors))

    questions: list[Question] = []
    seen: dict[str, str] = {}
    for where, q in r.items(data, "questions", ""):
        question = _read_question(r, where, q)
        if question.id in seen:
            r.problem(f"{where}.id", f"question id {question.id!r} is used twice (first at {seen[question.id]})")
        elif question.id in sections:
            r.problem(f"{where}.id", f"{question.id!r} is also a section id")
        seen[question.id] = where
        _check_question(r, where, question, sections, modules)
        questions.append(question)

    def ancestors(sid: str) -> list[str]:
        out = []
        cur: str | None = sid
        while cur is not None and cur in sections:
            out.append(cur)
            cur = sections[cur].parent
        return out

    _check_sums(r, sections, questions, ancestors)
    for p in PILLARS:
        if questions and not any(p in q.pillars and q.pillar_weight > 0 for q in questions):
            r.problem("questions", f"no question counts for the {p!r} pillar")

    levels = []
    for i, (where, lv) in enumerate(r.items(data, "levels", "")):
        levels.append(Level(r.ident(lv, "id", where), i + 1, r.text(lv, "label", where) or Text("", ""),
                            r.text(lv, "description", where) or Text("", "")))
    level_ids = [lv.id for lv in levels]
    if len(set(level_ids)) != len(level_ids):
        r.problem("levels", "level ids must be unique")
    level_rule = _read_level_rule(r, data, level_ids, any(q.kind == "scene" for q in questions))

    stages = []
    for i, (where, st) in enumerate(r.items(data, "stages", "")):
        stages.append(Stage(r.ident(st, "id", where), i, r.text(st, "label", where) or Text("", ""),
                            r.text(st, "description", where) or Text("", "")))
    if len(stages) != 4:
        r.problem("stages", "needs exactly four stages (not yet on the cloud, cloud, data, intelligence)")
    stage_rule = []
    for where, t in r.items(data, "stage_rule", ""):
        sid = r.get(t, "stage", where, str) or ""
        pillar = r.get(t, "pillar", where, str) or ""
        if sid not in [s.id for s in stages[1:]]:
            r.problem(f"{where}.stage", f"{sid!r} is not one of the stages after the first")
        if pillar not in PILLARS:
            r.problem(f"{where}.pillar", f"{pillar!r} is not a pillar")
        or_level = r.get(t, "or_level", where, str, False)
        if or_level is not None and or_level not in level_ids:
            r.problem(f"{where}.or_level", f"{or_level!r} is not a level")
        stage_rule.append(StageThreshold(sid, pillar, r.number(t, "min_score", where) or Fraction(0), or_level))
    if [t.stage for t in stage_rule] != [s.id for s in stages[1:]]:
        r.problem("stage_rule", "needs one threshold for each stage after the first, in stage order")

    if r.problems:
        raise FrameworkError(source, r.problems)
    dimension_of = {}
    for q in questions:
        chain = ancestors(q.section)
        dimension_of[q.id] = chain[-1]
    return Framework(
        id=fid, version=str(version), title=title,
        source=r.text(data, "source", "") or Text("", ""),
        description=r.text(data, "description", "") or Text("", ""),
        notes=r.text(data, "notes", "", required=False),
        sections=sections, dimensions=tuple(dims), modules=modules, questions=tuple(questions),
        levels=tuple(levels), level_rule=level_rule, stages=tuple(stages), stage_rule=tuple(stage_rule),
        stage_rule_note=r.text(data, "stage_rule_note", "", required=False),
        short_title=r.text(data, "short_title", "", required=False),
        national_levels=bool(r.get(data, "national_levels", "", bool, False, False)),
        caveat=r.text(data, "caveat", "", required=False),
        sources=tuple(r.text_value(s, f"sources[{i}]")
                      for i, s in enumerate(r.get(data, "sources", "", list, False, []) or [])),
        path=path, shared_inputs=shared,
        question_by_id={q.id: q for q in questions}, dimension_of=dimension_of,
    )


def _read_level_rule(r: _Reader, data: Mapping[str, Any], level_ids: list[str], has_scenes: bool) -> LevelRule:
    raw = r.get(data, "level_rule", "", dict, default={}) or {}
    kind = r.get(raw, "kind", "level_rule", str) or "bands"
    if kind not in ("bands", "gated"):
        r.problem("level_rule.kind", "must be bands or gated")
    conditions = []
    for where, c in r.items(raw, "conditions", "level_rule"):
        lid = r.get(c, "level", where, str) or ""
        if lid not in level_ids:
            r.problem(f"{where}.level", f"no level {lid!r}")
        min_scenes = scene_level = min_mandatory = 0
        if kind == "gated":
            min_scenes = r.get(c, "min_scenes", where, int, default=0) or 0
            scene_level = r.get(c, "scene_level", where, int, default=1) or 1
            min_mandatory = r.get(c, "min_mandatory", where, int, default=0) or 0
            if scene_level not in range(1, 5):
                r.problem(f"{where}.scene_level", "must be 1-4")
            if min_mandatory > min_scenes:
                r.problem(f"{where}.min_mandatory", "cannot exceed min_scenes")
            if not has_scenes:
                r.problem(where, "a gated level rule needs scene questions")
        conditions.append(LevelCondition(lid, r.number(c, "min_score", where) or Fraction(0),
                                         min_scenes, scene_level, min_mandatory))
    order = [c.level for c in conditions]
    if sorted(order, key=lambda x: level_ids.index(x) if x in level_ids else -1, reverse=True) != order \
            or set(order) != set(level_ids):
        r.problem("level_rule.conditions", "needs one condition per level, from the top level down")
    return LevelRule(kind, r.text(raw, "no_level_label", "level_rule") or Text("", ""), tuple(conditions))


def load_framework(path: str | Path) -> Framework:
    """Read and check one framework file."""
    p = Path(path)
    return parse_framework(read_yaml(p, FrameworkError), p.name, p)


def read_yaml(path: Path, error: type[ProblemsError]) -> Any:
    """A YAML data file (safe loader), or ``error`` naming the file and the line that is wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise error(str(path), [Problem("", f"cannot be read: {exc}")]) from exc
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise error(str(path), [Problem(where, f"is not valid YAML: {getattr(exc, 'problem', exc)}")]) from exc


def validate_framework_file(path: str | Path) -> list[Problem]:
    try:
        load_framework(path)
    except FrameworkError as exc:
        return exc.problems
    return []


def framework_dir() -> Path:
    return resource_path("frameworks")


@functools.cache
def bundled_frameworks() -> dict[str, Framework]:
    """Every framework shipped in resources/frameworks, by id."""
    out: dict[str, Framework] = {}
    for p in sorted(framework_dir().glob("*.yaml")):
        fw = load_framework(p)
        out[fw.id] = fw
    return out


def get_framework(framework_id: str) -> Framework:
    try:
        return bundled_frameworks()[framework_id]
    except KeyError:
        raise KeyError(f"no bundled framework {framework_id!r}") from None
