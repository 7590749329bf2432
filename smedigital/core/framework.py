"""Maturity frameworks as data.

A framework file (YAML, see ``resources/frameworks/FORMAT.md``) is read into
immutable dataclasses. Reading collects *every* problem with its location
instead of stopping at the first, so ``smedigital-cli framework validate`` can
list them all. Points are kept as exact fractions: ``1.875`` in a file is
``Fraction(15, 8)`` here, so sums such as 13 x 0.7 + 0.9 = 10 hold exactly.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

from .fwtypes import (
    DIRECTIONS,
    LEVEL_RANGE,
    PILLARS,
    Band,
    EvidenceItem,
    Expr,
    Framework,
    FrameworkError,
    Input,
    Level,
    LevelCondition,
    LevelRule,
    Module,
    Option,
    Question,
    Ratio,
    SceneGroup,
    Section,
    Stage,
    StageThreshold,
    Trend,
)
from .kinds import KINDS as _REGISTRY
from .resources import resource_path
from .text import Text
from .yamlread import Problem, ProblemsError, Reader, format_msg, id_list, read_yaml, to_fraction, type_msg

KINDS = tuple(_REGISTRY)  # the kind ids a framework file may use (their meaning: core/kinds)

__all__ = [
    "DIRECTIONS", "KINDS", "LEVEL_RANGE", "PILLARS", "Band", "EvidenceItem", "Expr", "Framework", "FrameworkError",
    "Input", "Level", "LevelCondition", "LevelRule", "Module", "Option", "Problem", "ProblemsError", "Question",
    "Ratio", "SceneGroup", "Section", "Stage", "StageThreshold", "Trend", "bundled_frameworks", "framework_dir",
    "get_framework", "load_framework", "parse_framework", "read_yaml", "to_fraction", "validate_framework_file",
]

FORMAT_NAME = "smedigital-framework"
FORMAT_VERSION = 1

_TOP_KEYS = frozenset({"format", "format_version", "id", "version", "title", "short_title", "source", "description",
                       "notes", "sections", "modules", "questions", "levels", "level_rule", "stages", "stage_rule",
                       "stage_rule_note", "national_levels", "caveat", "sources", "shared_inputs", "sectors"})
_SECTION_KEYS = frozenset({"id", "title", "max_points", "children"})
_QUESTION_KEYS = frozenset({"id", "kind", "section", "module", "text", "short_text", "explanation", "standard",
                            "evidence", "na_allowed", "pillars", "max_points", "pillar_weight", "options", "inputs",
                            "ratio", "trend", "group", "mandatory", "levels", "reach_note"})

# --------------------------------------------------------------------------- reading


def _read_sections(r: Reader, raw: Any) -> tuple[dict[str, Section], list[str]]:
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
                r.problem(f"{where}.id", format_msg("section-twice", id=repr(sid)))
            sections[sid] = Section(sid, title, maxp, parent, tuple(kids))
            ids.append(sid)
        return ids

    top = walk(raw, None)
    return sections, top


_EVIDENCE_KEYS = frozenset({"id", "zh", "en", "level"})


def _read_evidence(r: Reader, q: Mapping[str, Any], where: str, kind: str) -> tuple[EvidenceItem, ...]:
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
            r.problem(f"{loc}.id", format_msg("evidence-twice", id=repr(eid)))
        seen.add(eid)
        level = None
        if "level" in e:
            level = r.get(e, "level", loc, int)
            if kind not in _REGISTRY or not _REGISTRY[kind].leveled:
                r.problem(f"{loc}.level", format_msg("evidence-level"))
                level = None
            elif level is not None and level not in range(1, 5):
                r.problem(f"{loc}.level", format_msg("level-1-4"))
                level = None
        out.append(EvidenceItem(eid, text, level))
    return tuple(out)


def _read_question(r: Reader, where: str, q: Mapping[str, Any]) -> Question:
    r.known(q, _QUESTION_KEYS, where)
    qid = r.ident(q, "id", where)
    kind = r.get(q, "kind", where, str) or ""
    if kind and kind not in KINDS:
        r.problem(f"{where}.kind", format_msg("not-kind", kind=repr(kind), kinds=id_list(KINDS)))
    pillars = tuple(r.get(q, "pillars", where, list, default=[]) or [])
    for p in pillars:
        if p not in PILLARS:
            r.problem(f"{where}.pillars", format_msg("not-pillar-of", pillar=repr(p), pillars=id_list(PILLARS)))
    max_points = r.number(q, "max_points", where) or Fraction(0)
    pillar_weight = r.number(q, "pillar_weight", where, required=False, default=max_points) or Fraction(0)
    evidence_items = _read_evidence(r, q, where, kind)
    evidence = tuple(e.text for e in evidence_items)
    if not evidence:
        r.problem(f"{where}.evidence", format_msg("needs-item"))
    fields: dict[str, Any] = _REGISTRY[kind].read(r, q, where) if kind in _REGISTRY else {}
    return Question(
        id=qid, kind=kind, section=r.get(q, "section", where, str) or "",
        text=r.text(q, "text", where) or Text("", ""),
        explanation=r.text(q, "explanation", where) or Text("", ""),
        standard=r.text(q, "standard", where) or Text("", ""),
        evidence=evidence, pillars=pillars, max_points=max_points, pillar_weight=pillar_weight,
        na_allowed=bool(r.get(q, "na_allowed", where, bool, False, False)),
        module=r.get(q, "module", where, str, False), **fields,
        short_text=r.text(q, "short_text", where, required=False),
        reach_note=r.text(q, "reach_note", where, required=False),
        evidence_items=evidence_items,
        option_by_id={o.id: o for o in fields.get("options", ())},
    )


def _check_question(r: Reader, where: str, q: Question, fw_sections: Mapping[str, Section],
                    modules: Mapping[str, Module]) -> None:
    """Semantic checks of one question, then those of its kind."""
    if q.section and q.section not in fw_sections:
        r.problem(f"{where}.section", format_msg("no-section", id=repr(q.section)))
    if q.module is not None and q.module not in modules:
        r.problem(f"{where}.module", format_msg("no-module", id=repr(q.module)))
    if q.pillars and q.pillar_weight <= 0:
        r.problem(f"{where}.pillar_weight", format_msg("pillar-weight"))
    kind = _REGISTRY.get(q.kind)
    if kind is not None:  # an unknown kind is reported where it is read
        kind.check(r, where, q)


def _check_sums(r: Reader, sections: Mapping[str, Section], questions: list[Question],
                ancestors: Callable[[str], list[str]]) -> None:
    sums: dict[str, Fraction] = {sid: Fraction(0) for sid in sections}
    for q in questions:
        if q.section in sections:
            for sid in ancestors(q.section):
                sums[sid] += q.max_points
    for sid, s in sections.items():
        if s.max_points is not None and sums[sid] != s.max_points:
            r.problem(f"sections.{sid}.max_points",
                      format_msg("section-sum", declared=_fmt(s.max_points), total=_fmt(sums[sid])))


def _fmt(x: Fraction) -> str:
    return f"{float(x):g}"


def parse_framework(data: Any, source: str = "<framework>", path: Path | None = None) -> Framework:
    """Build a Framework from parsed YAML/JSON; raise FrameworkError listing every problem."""
    r = Reader()
    r.check_header(data, FORMAT_NAME, FORMAT_VERSION, FrameworkError, source)
    r.known(data, _TOP_KEYS, "")
    from .shared_inputs import expand  # it builds on this module
    data, shared, shared_problems = expand(data)
    r.problems.extend(shared_problems)
    fid = r.ident(data, "id", "")
    version = data.get("version")
    if not isinstance(version, (str, int)) or isinstance(version, bool):
        r.problem("version", type_msg("str"))
    title = r.text(data, "title", "") or Text("", "")
    sections, dims = _read_sections(r, r.items(data, "sections", ""))

    modules: dict[str, Module] = {}
    for where, m in r.items(data, "modules", "", required=False):
        mid = r.ident(m, "id", where)
        sectors = _read_sectors(r, m, where, required=True)
        if mid in modules:
            r.problem(f"{where}.id", format_msg("module-twice", id=repr(mid)))
        modules[mid] = Module(mid, r.text(m, "title", where) or Text("", ""), tuple(sectors))

    fw_sectors = _read_sectors(r, data, "")

    questions: list[Question] = []
    seen: dict[str, str] = {}
    for where, q in r.items(data, "questions", ""):
        question = _read_question(r, where, q)
        if question.id in seen:
            r.problem(f"{where}.id", format_msg("question-twice", id=repr(question.id), first=seen[question.id]))
        elif question.id in sections:
            r.problem(f"{where}.id", format_msg("also-section", id=repr(question.id)))
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
            r.problem("questions", format_msg("no-pillar-question", pillar=repr(p)))

    levels = []
    for i, (where, lv) in enumerate(r.items(data, "levels", "")):
        levels.append(Level(r.ident(lv, "id", where), i + 1, r.text(lv, "label", where) or Text("", ""),
                            r.text(lv, "description", where) or Text("", "")))
    level_ids = [lv.id for lv in levels]
    if len(set(level_ids)) != len(level_ids):
        r.problem("levels", format_msg("levels-unique"))
    level_rule = _read_level_rule(r, data, level_ids, _has_scenes(questions))

    stages = []
    for i, (where, st) in enumerate(r.items(data, "stages", "")):
        stages.append(Stage(r.ident(st, "id", where), i, r.text(st, "label", where) or Text("", ""),
                            r.text(st, "description", where) or Text("", "")))
    if len(stages) != 4:
        r.problem("stages", format_msg("four-stages"))
    stage_rule = []
    for where, t in r.items(data, "stage_rule", ""):
        sid = r.get(t, "stage", where, str) or ""
        pillar = r.get(t, "pillar", where, str) or ""
        if sid not in [s.id for s in stages[1:]]:
            r.problem(f"{where}.stage", format_msg("not-later-stage", id=repr(sid)))
        if pillar not in PILLARS:
            r.problem(f"{where}.pillar", format_msg("not-pillar", pillar=repr(pillar)))
        or_level = r.get(t, "or_level", where, str, False)
        if or_level is not None and or_level not in level_ids:
            r.problem(f"{where}.or_level", format_msg("not-level", id=repr(or_level)))
        stage_rule.append(StageThreshold(sid, pillar, r.number(t, "min_score", where) or Fraction(0), or_level))
    if [t.stage for t in stage_rule] != [s.id for s in stages[1:]]:
        r.problem("stage_rule", format_msg("stage-rule"))

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
        sectors=fw_sectors,
        caveat=r.text(data, "caveat", "", required=False),
        sources=tuple(r.text_value(s, f"sources[{i}]")
                      for i, s in enumerate(r.get(data, "sources", "", list, False, []) or [])),
        path=path, shared_inputs=shared,
        question_by_id={q.id: q for q in questions}, dimension_of=dimension_of,
    )


def _read_sectors(r: Reader, d: Mapping[str, Any], loc: str, required: bool = False) -> tuple[str, ...]:
    """The ``sectors`` list of a module (required) or a framework (optional): GB/T 4754-2017 section letters."""
    sectors = r.get(d, "sectors", loc, list, required, []) or []
    where = f"{loc}.sectors" if loc else "sectors"
    for s in sectors:
        if not (isinstance(s, str) and len(s) == 1 and "A" <= s <= "T"):
            r.problem(where, format_msg("not-sector", value=repr(s)))
    return tuple(s for s in sectors if isinstance(s, str))


def _has_scenes(questions: list[Question]) -> bool:
    """Whether any question is of a kind a gated level rule counts (an unknown kind is reported elsewhere)."""
    return any(kind.is_scene for q in questions if (kind := _REGISTRY.get(q.kind)) is not None)


def _read_level_rule(r: Reader, data: Mapping[str, Any], level_ids: list[str], has_scenes: bool) -> LevelRule:
    raw = r.get(data, "level_rule", "", dict, default={}) or {}
    kind = r.get(raw, "kind", "level_rule", str) or "bands"
    if kind not in ("bands", "gated"):
        r.problem("level_rule.kind", format_msg("bands-gated"))
    conditions = []
    for where, c in r.items(raw, "conditions", "level_rule"):
        lid = r.get(c, "level", where, str) or ""
        if lid not in level_ids:
            r.problem(f"{where}.level", format_msg("no-level", id=repr(lid)))
        min_scenes = scene_level = min_mandatory = 0
        if kind == "gated":
            min_scenes = r.get(c, "min_scenes", where, int, default=0) or 0
            scene_level = r.get(c, "scene_level", where, int, default=1) or 1
            min_mandatory = r.get(c, "min_mandatory", where, int, default=0) or 0
            if scene_level not in range(1, 5):
                r.problem(f"{where}.scene_level", format_msg("one-to-four"))
            if min_mandatory > min_scenes:
                r.problem(f"{where}.min_mandatory", format_msg("mandatory-scenes"))
            if not has_scenes:
                r.problem(where, format_msg("gated-scenes"))
        conditions.append(LevelCondition(lid, r.number(c, "min_score", where) or Fraction(0),
                                         min_scenes, scene_level, min_mandatory))
    order = [c.level for c in conditions]
    if sorted(order, key=lambda x: level_ids.index(x) if x in level_ids else -1, reverse=True) != order \
            or set(order) != set(level_ids):
        r.problem("level_rule.conditions", format_msg("conditions"))
    return LevelRule(kind, r.text(raw, "no_level_label", "level_rule") or Text("", ""), tuple(conditions))


def load_framework(path: str | Path) -> Framework:
    """Read and check one framework file."""
    p = Path(path)
    return parse_framework(read_yaml(p, FrameworkError), p.name, p)


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
