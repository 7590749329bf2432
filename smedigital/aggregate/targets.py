"""The office's targets and the progress against them, per framework (never pooled across frameworks).

A targets file is the office's own (YAML, ``format: smedigital-targets``); each target names its source
(the office's plan or a notice) so the workbook can say where the number comes from. Two kinds:

* ``share-at-level``: the share of firms at ``level`` or above (a number on the framework's own scale;
  with the national levels, 2 = 二级) is to reach ``share`` (0 < share ≤ 1), optionally ``by`` a date. With
  ``group`` (industry, size, county or provider) progress is also shown for each group, so an office sees
  which industry, size class, county or 服务商 lags. Jiujiang's target (≥ 90 % of its 规上 industrial SMEs at
  二级+ [re-post]) is of this kind.
* ``count-by-date``: ``count`` firms are to have reached ``stage`` (default diagnosis) — and, with ``level``,
  to be at that level or above — ``by`` a date. Yinchuan's "300+ firms diagnosed in 2025" and "> 220 规上
  firms at 二级+ by 2026" are of this kind. A firm counts when it is at the stage (or beyond) and the date
  it reached the stage (see :mod:`.pipeline`) is on or before ``by``; with a ``level`` its newest assessment
  must also be dated on or before ``by``. A firm at the stage whose date is not known is not counted and is
  shown apart (``undated``).

A level only means something on one framework's scale, so progress is computed separately for every
framework: the one the target names (``framework``), else every framework in the run whose levels are
the national levels when the target names a level, else every framework in the run. Optional
``where`` narrows the firms (``industry``: a GB/T 4754 section letter, ``size``: micro/small/medium/large,
``county``: a GB/T 2260 code, ``provider``: the 服务商's name).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from smedigital.core.text import Text, safe_text

from .model import division_at, division_name
from .officefile import OfficeFileError, bad_date, load_yaml, parse_day, read_text
from .pipeline import STAGES, FirmStage, Pipeline, stage_index, stage_of
from .words import STAGE_NAMES

TARGETS_FORMAT = "smedigital-targets"
TARGETS_VERSION = 1
KINDS = ("share-at-level", "count-by-date")
GROUPS = ("industry", "size", "county", "provider")
FIELDS = {"id", "text", "source", "kind", "level", "share", "count", "stage", "by", "group", "framework", "where"}
ALL = ""  # the group key of every firm


@dataclass(frozen=True, slots=True)
class Target:
    id: str
    text: Text
    kind: str
    source: str = ""
    level: int | None = None
    share: float | None = None
    count: int | None = None
    stage: str = "diagnosis"
    by: dt.date | None = None
    group: str = ""
    framework: str = ""
    where: Mapping[str, str] = field(default_factory=dict)


def group_of(kind: str) -> Callable[[FirmStage], str]:
    if kind == "industry":
        return lambda f: f.newest.industry_section
    if kind == "size":
        return lambda f: f.newest.size
    if kind == "county":
        return lambda f: division_at(f.newest.division, "county")
    return lambda f: f.provider


def _text(raw: Any) -> Text | None:
    if isinstance(raw, str) and raw.strip():
        return Text(raw.strip(), raw.strip())
    if isinstance(raw, dict) and set(raw) <= {"zh", "en"} and all(isinstance(v, str) and v.strip()
                                                                  for v in raw.values()) and raw:
        zh = raw.get("zh") or raw["en"]
        return Text(zh.strip(), (raw.get("en") or zh).strip())
    return None


def _whole(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def parse_targets(data: Any, source: str = "<targets>") -> tuple[Target, ...]:
    """The targets; raises OfficeFileError with every problem and its place (``targets[1].share``)."""
    from smedigital.core.framework import bundled_frameworks

    known = bundled_frameworks()
    problems: list[tuple[str, Text]] = []

    def bad(loc: str, zh: str, en: str) -> None:
        problems.append((loc, Text(zh, en)))

    if not isinstance(data, dict):
        raise OfficeFileError(source, [("", Text("文件顶层应为映射（format、format_version、targets）",
                                                 "the file must hold a mapping at the top (format, format_version, "
                                                 "targets)"))])
    if data.get("format") != TARGETS_FORMAT:
        bad("format", f"应为 {TARGETS_FORMAT}", f"must be {TARGETS_FORMAT}")
    fv = _whole(data.get("format_version"))
    if fv is None or fv < 1:
        bad("format_version", "应为整数", "must be a whole number")
    elif fv > TARGETS_VERSION:
        bad("format_version", f"为 {fv}，比本程序能读的新，请更新 smedigital",
            f"is {fv}, newer than this program reads; please update smedigital")
    for extra in sorted(set(data) - {"format", "format_version", "targets"}, key=str):
        bad(safe_text(str(extra))[:40], "不是本格式的字段", "is not a field of this format")
    raw_targets = data.get("targets")
    if not isinstance(raw_targets, list) or not raw_targets:
        bad("targets", "应为非空列表", "must be a list with at least one target")
        raw_targets = []
    out: list[Target] = []
    ids: dict[str, str] = {}
    for i, raw in enumerate(raw_targets):
        at = f"targets[{i}]"
        if not isinstance(raw, dict):
            bad(at, "应为映射", "must be a mapping")
            continue
        n = len(problems)
        for extra in sorted(set(raw) - FIELDS, key=str):
            bad(f"{at}.{safe_text(str(extra))[:40]}", f"不是目标的字段（可用：{'、'.join(sorted(FIELDS))}）",
                f"is not a field of a target ({', '.join(sorted(FIELDS))})")
        tid = raw.get("id")
        if not isinstance(tid, str) or not tid.strip():
            bad(f"{at}.id", "缺少或为空", "is missing or empty")
            tid = ""
        elif tid.strip() in ids:
            bad(f"{at}.id", f"与 {ids[tid.strip()]} 重复", f"repeats {ids[tid.strip()]}")
        else:
            ids[tid.strip()] = at
        text = _text(raw.get("text"))
        if text is None:
            bad(f"{at}.text", "缺少目标的文字（文本，或 zh/en 两种语言）", "is missing: the target in words (text, or zh and en)")
        source_text = raw.get("source", "")
        if not isinstance(source_text, str):
            bad(f"{at}.source", "应为文本", "must be text")
            source_text = ""
        kind = raw.get("kind")
        if kind not in KINDS:
            bad(f"{at}.kind", f"应为 {' 或 '.join(KINDS)}", f"must be {' or '.join(KINDS)}")
        fid = raw.get("framework", "")
        if fid and (not isinstance(fid, str) or fid not in known):
            bad(f"{at}.framework", f"{safe_text(str(fid))[:60]} 不是已知的评测体系（{'、'.join(sorted(known))}）",
                f"{safe_text(str(fid))[:60]} is not a known framework ({', '.join(sorted(known))})")
            fid = ""
        level = raw.get("level")
        top = len(known[fid].levels) if fid else max(len(fw.levels) for fw in known.values())
        if level is not None and (_whole(level) is None or not 1 <= level <= top):
            bad(f"{at}.level", f"应为 1 到 {top} 的整数", f"must be a whole number from 1 to {top}")
            level = None
        if kind == "share-at-level" and raw.get("level") is None:
            bad(f"{at}.level", "按等级占比的目标需要 level", "a share-at-level target needs a level")
        share = raw.get("share")
        if kind == "share-at-level":
            if isinstance(share, bool) or not isinstance(share, (int, float)) or not 0 < share <= 1:
                bad(f"{at}.share", "应为大于 0、不超过 1 的数（0.9 即 90%）",
                    "must be a number above 0 and at most 1 (0.9 is 90 %)")
                share = None
        elif share is not None:
            bad(f"{at}.share", "只用于 share-at-level 目标", "belongs to share-at-level targets only")
        count = _whole(raw.get("count"))
        if kind == "count-by-date":
            if count is None or count < 1:
                bad(f"{at}.count", "应为正整数", "must be a whole number of 1 or more")
                count = None
            if raw.get("by") in (None, ""):
                bad(f"{at}.by", "按日期计数的目标需要截止日期 by", "a count-by-date target needs a date (by)")
        elif raw.get("count") is not None:
            bad(f"{at}.count", "只用于 count-by-date 目标", "belongs to count-by-date targets only")
        stage = "diagnosis"
        if raw.get("stage") is not None:
            stage = stage_of(raw["stage"]) if isinstance(raw["stage"], str) else None  # type: ignore[assignment]  # None only until the check below
            if stage is None:
                bad(f"{at}.stage", f"应为 {'、'.join(STAGES)} 之一", f"must be one of {', '.join(STAGES)}")
                stage = "diagnosis"
        by = None
        if raw.get("by") not in (None, ""):
            by = parse_day(raw["by"])
            if by is None:
                problems.append((f"{at}.by", bad_date(raw["by"])))
        group = raw.get("group", "")
        if group and group not in GROUPS:
            bad(f"{at}.group", f"应为 {'、'.join(GROUPS)} 之一", f"must be one of {', '.join(GROUPS)}")
            group = ""
        where = raw.get("where") or {}
        if not isinstance(where, dict) or not all(k in GROUPS and isinstance(v, str) and v.strip()
                                                  for k, v in where.items()):
            bad(f"{at}.where", f"应为“{'/'.join(GROUPS)}: 文本”的映射", f"must map {'/'.join(GROUPS)} to a text")
            where = {}
        if len(problems) == n and text is not None:
            out.append(Target(tid.strip(), text, str(kind), source_text.strip(), level,
                              float(share) if share is not None else None, count, stage, by, group, fid,
                              {k: v.strip() for k, v in where.items()}))
    if problems:
        raise OfficeFileError(source, problems)
    return tuple(out)


def load_targets(path: str | Path) -> tuple[Target, ...]:
    p = Path(path)
    return parse_targets(load_yaml(read_text(p), str(p)), str(p))


# --------------------------------------------------------------------------- progress


@dataclass(frozen=True, slots=True)
class Progress:
    """One target on one framework, for all firms (``group_key`` "") or one group."""

    target_id: str
    framework_id: str
    group: str  # industry, size, county, provider; "" for all firms
    group_key: str
    firms: int  # the firms the target looks at (of this framework, group and ``where``)
    achieved: int  # of them, at the level or above / counted by the date
    goal: float  # the share (0-1) or the count
    undated: int = 0  # count-by-date: firms at the stage whose date is not known (not counted)
    kind: str = "share"  # share or count

    @property
    def is_count(self) -> bool:
        return self.kind == "count"

    @property
    def share(self) -> float | None:
        return self.achieved / self.firms if self.firms else None

    @property
    def met(self) -> bool:
        """Reached: the count, or the share (a group without firms has reached no share)."""
        if self.is_count:
            return self.achieved >= self.goal
        return self.share is not None and self.share >= self.goal - 1e-9

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"target": self.target_id, "framework": self.framework_id,
                               "group": self.group or None, "group_key": safe_text(self.group_key) or None,
                               "firms": self.firms, "achieved": self.achieved, "met": self.met}
        if self.is_count:
            out.update(count=int(self.goal), undated=self.undated)
        else:
            out.update(share=round(self.share, 4) if self.share is not None else None, goal_share=self.goal)
        return out


@dataclass(frozen=True)
class TargetProgress:
    target: Target
    rows: tuple[Progress, ...]  # per framework: all firms first, then its groups
    frameworks: tuple[str, ...]
    days_left: int | None  # to ``by`` from the run's day; negative when past

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        t = self.target
        return {"id": t.id, "text": t.text.get(lang), "source": safe_text(t.source) or None, "kind": t.kind,
                "level": t.level, "share": t.share, "count": t.count,
                "stage": t.stage if t.kind == "count-by-date" else None,
                "stage_name": STAGE_NAMES[t.stage].get(lang) if t.kind == "count-by-date" else None,
                "by": t.by.isoformat() if t.by else None, "days_left": self.days_left, "group": t.group or None,
                "where": dict(t.where) or None, "frameworks": list(self.frameworks),
                "progress": [r.to_dict() for r in self.rows]}


def _frameworks(target: Target, firms: Sequence[FirmStage]) -> tuple[str, ...]:
    from smedigital.core.framework import bundled_frameworks

    if target.framework:
        return (target.framework,)
    known = bundled_frameworks()
    used = sorted({f.framework_id for f in firms})
    if target.level is not None:
        return tuple(fid for fid in used if fid in known and known[fid].national_levels)
    return tuple(used)


def _counts(target: Target, firms: Sequence[FirmStage]) -> tuple[int, int]:
    """(achieved, undated) of ``firms`` for the target."""
    achieved = undated = 0
    for f in firms:
        if target.kind == "share-at-level":
            achieved += f.newest.level >= (target.level or 0)
            continue
        if not f.reached(target.stage):
            continue
        if target.level is not None and f.newest.level < target.level:
            continue
        day = parse_day(_reached_on(f, target.stage))
        if day is None:
            undated += 1
        elif target.by is None or (day <= target.by and (target.level is None or
                                                          (parse_day(f.newest.assessed_on) or day) <= target.by)):
            achieved += 1
    return achieved, undated


def _reached_on(f: FirmStage, stage: str) -> str:
    """The date the firm reached ``stage``: that stage's date, else the earliest known date of a later stage."""
    for s in STAGES[stage_index(stage):]:
        if f.dates.get(s):
            return f.dates[s]
    return ""


def target_progress(target: Target, pipeline: Pipeline, today: dt.date | None = None) -> TargetProgress:
    firms = [f for f in pipeline.firms if all(group_of(k)(f) == v for k, v in target.where.items())]
    fids = _frameworks(target, firms)
    rows = []
    kind = "count" if target.kind == "count-by-date" else "share"
    goal = float((target.count or 0) if kind == "count" else (target.share or 0.0))
    for fid in fids:
        mine = [f for f in firms if f.framework_id == fid]
        achieved, undated = _counts(target, mine)
        rows.append(Progress(target.id, fid, "", ALL, len(mine), achieved, goal, undated, kind))
        if target.group:
            groups: dict[str, list[FirmStage]] = defaultdict(list)
            key = group_of(target.group)
            for f in mine:
                groups[key(f)].append(f)
            for g in sorted(groups, key=lambda k: (k == "", -len(groups[k]), k)):
                a, u = _counts(target, groups[g])
                rows.append(Progress(target.id, fid, target.group, g, len(groups[g]), a, goal, u, kind))
    day = today or dt.date.today()
    return TargetProgress(target, tuple(rows), fids, (target.by - day).days if target.by else None)


def targets_progress(targets: Sequence[Target], pipeline: Pipeline,
                     today: dt.date | None = None) -> tuple[TargetProgress, ...]:
    return tuple(target_progress(t, pipeline, today) for t in targets)


class GroupLabels(Protocol):
    """What :func:`group_name` needs of the labels (the workbook's and the office window's both have it)."""

    def industry(self, section: str) -> str: ...

    def size(self, size: str) -> str: ...


def group_name(labels: GroupLabels, w: Mapping[str, str], group: str, key: str) -> str:
    """A target's group as the recommendation workbook and the office window name it: all firms, a group
    not given, or the group's own name (``w`` is the language's :data:`~.words.RECOMMEND_WORDS`)."""
    if not group:
        return w["all_firms"]
    if not key:
        return w["not_given"]
    if group == "industry":
        return labels.industry(key)
    if group == "size":
        return labels.size(key)
    if group == "county":
        return division_name(key) if key != "?" else key
    return key
