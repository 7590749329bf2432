"""The regional picture: files with their status, firms with their history, and the tables.

Rules, so an office can check a number by hand:

* **Files** in = accepted + rejected + duplicates + skipped (files not read because the run was
  cancelled, and this program's own summaries and long CSVs, recognised and never read as inputs).
  Each member of a ``.zip`` attachment counts as a file (``archive.zip!/member``). A file is a *duplicate* when an accepted file has the same content
  (SHA-256), or holds the same assessment: same firm, same assessment date, same
  framework; of those the one exported last is kept (the first in path order on a
  tie). When such files disagree (other answers or company details), the file log says so
  (``conflicting``) and names the file kept.
* **A firm** is its credit code, else its normalised name and region
  (:func:`.reader.normalise_name`); a firm without a credit code whose name and
  region match exactly one firm that has one is that firm.
* **History**: every accepted assessment of a firm, oldest first; the newest
  counts in the cross-section (every table but *progress*); a firm with two or
  more assessments of one framework shows its progress from the first to the last.
* **Tables** count firms per level (0 = no level yet) and stage, and average the
  total and pillar scores of the newest assessments; with several frameworks a level
  is counted by its number on each framework's own scale (第1级 … 第4级: a
  smedigital-cdi 成长级 is its level 2, not 二级), and the overview also counts each
  framework's levels under their own names.
* **Shares at 二级 / 三级 or above** (the national SME digital levels that policy
  targets name) count only the firms whose newest assessment uses a framework whose
  levels are those national levels (``Framework.national_levels``, e.g.
  miit-2024-manufacturing), of all such frameworks; with none of them the share is
  ``None`` (shown as "—"), never 0 %. *Gaps* count the firms for
  which a question or scene is among the suggested steps to the next level
  (``Result.level_gap``), and the mandatory scenes still below the level the next
  level asks for.
"""

from __future__ import annotations

import functools
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from smedigital.core.framework import PILLARS
from smedigital.core.text import Text, safe_text
from smedigital.core.words import punct, words
from smedigital.export.signing import TRUSTED, UNKNOWN_KEY, TrustedKey, show_fingerprint

from .archive import shown_path
from .checks import cross_flags
from .reader import AssessmentRow, FileOutcome
from .words import REASONS, SIGNATURES, flag_text

STATUSES = ("accepted", "rejected", "duplicate", "skipped")
HISTOGRAM_BINS = 10  # total score in bands of 10 points


@dataclass(frozen=True, slots=True)
class FileStatus:
    index: int
    path: str
    status: str  # one of STATUSES
    code: str  # see words.REASONS
    detail: str = ""  # English (a path, for a duplicate)
    detail_zh: str = ""  # Chinese; empty when the detail is the same in both languages
    signature: str = ""  # trusted, unknown_key, unsigned, invalid; "" when the file held no record to sign
    signer: str = ""  # the key's fingerprint
    signed_by: str = ""  # for a trusted key: its holder and organisation, from the office's list
    flags: tuple[tuple[str, str, str], ...] = ()  # plausibility flags (checks.py) of an accepted file's firm

    def flags_text(self, lang: str = "en") -> str:
        return punct("list_sep", lang).join(flag_text(f, lang) for f in self.flags)

    def signature_text(self, lang: str = "en") -> str:
        """The signature verdict in the interface language, with who signed or which key."""
        if not self.signature and self.status != "accepted":
            return ""
        label = SIGNATURES.get(self.signature or "questionnaire", Text(self.signature, self.signature)).get(lang)
        if self.signature == "trusted" and self.signed_by:
            return f"{label}{punct('colon', lang)}{self.signed_by}"
        if self.signature in ("unknown_key", "invalid") and self.signer:
            key = show_fingerprint(self.signer)[:19]
            return words(lang).fmt("aggregate.summary.fingerprint", label=label, key=key)
        return label

    def reason(self, lang: str = "en") -> str:
        """The reason in the interface language: the label of the code, then what exactly was found."""
        label = REASONS.get(self.code, Text(self.code, self.code)).get(lang)
        detail = self.detail_zh if lang == "zh" and self.detail_zh else self.detail
        if not detail:
            return label
        return f"{label}{punct('colon', lang)}{detail}"

    @property
    def shown_path(self) -> str:
        """The path as any UTF-8 output can carry it (bytes of a non-UTF-8 name as ``\\xff``)."""
        return safe_text(self.path)

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        out: dict[str, Any] = {"path": self.shown_path, "status": self.status, "code": self.code,
                               "reason": safe_text(self.reason(lang))}
        if self.status == "accepted":
            out["flags"] = [{"code": f[0], "reason": safe_text(flag_text(f, lang))} for f in self.flags]
        if self.signature or self.status == "accepted":
            out["signature"] = {"status": self.signature or "none", "fingerprint": self.signer or None,
                                "signed_by": safe_text(self.signed_by) or None,
                                "text": safe_text(self.signature_text(lang))}
        return out


@dataclass(slots=True)
class Firm:
    key: str
    history: list[AssessmentRow]  # oldest first
    flags: list[tuple[str, str, str]] = field(default_factory=list)  # plausibility flags (checks.py)

    def flags_text(self, lang: str = "en") -> str:
        return punct("list_sep", lang).join(flag_text(f, lang) for f in self.flags)

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        r = self.newest
        return {"key": safe_text(self.key), "name": safe_text(r.name), "credit_code": r.credit_code,
                "framework": r.framework_id, "total": r.total, "level": r.level, "signature": r.signature or None,
                "flags": [{"code": f[0], "reason": safe_text(flag_text(f, lang))} for f in self.flags]}

    @property
    def newest(self) -> AssessmentRow:
        return self.history[-1]


@dataclass(frozen=True, slots=True)
class Counts:
    files: int
    accepted: int
    rejected: int
    duplicates: int
    skipped: int
    firms: int
    firms_with_history: int

    def to_dict(self) -> dict[str, int]:
        return {"files": self.files, "accepted": self.accepted, "rejected": self.rejected,
                "duplicates": self.duplicates, "skipped": self.skipped, "firms": self.firms,
                "firms_with_history": self.firms_with_history}


@dataclass(frozen=True, slots=True)
class GroupRow:
    """Firms of one group (an industry section, a size class, a region, or all)."""

    key: str
    firms: int
    levels: tuple[int, ...]  # firms per level index 0 (none yet) … top
    stages: tuple[int, ...]  # firms per stage index
    mean_total: float
    mean_pillars: tuple[float, ...]  # in PILLARS order
    # firms per level index of those whose framework has the national levels (一级 … 四级): the only
    # firms a share at 二级 or 三级 or above counts
    national: tuple[int, ...] = ()

    @property
    def national_firms(self) -> int:
        """Firms of the group assessed with a framework whose levels are the national levels."""
        return sum(self.national)

    def national_at_least(self, level: int) -> int:
        """Of :attr:`national_firms`, how many are at national level ``level`` (2 = 二级) or above."""
        return sum(self.national[level:])

    def national_share(self, level: int) -> float | None:
        """Share at national level ``level`` or above of the firms assessed with a national-levels
        framework; ``None`` when the group has none (not 0: there is nothing to count)."""
        n = self.national_firms
        return self.national_at_least(level) / n if n else None


@dataclass(frozen=True, slots=True)
class GapRow:
    framework_id: str
    question_id: str
    kind: str  # question, scene or mandatory
    firms: int
    share: float  # of the firms assessed with that framework that have a next level


@dataclass(frozen=True, slots=True)
class ProgressRow:
    firm_key: str
    name: str
    framework_id: str
    assessments: int
    first_date: str
    last_date: str
    first_total: float
    last_total: float
    first_level: int
    last_level: int
    first_stage: int
    last_stage: int

    @property
    def total_change(self) -> float:
        return round(self.last_total - self.first_total, 4)

    @property
    def level_change(self) -> int:
        return self.last_level - self.first_level

    @property
    def stage_change(self) -> int:
        return self.last_stage - self.first_stage


UNRESOLVED = "?"  # the group of firms whose region names no division, or several: the office resolves them
DIVISION_LEVELS = ("province", "city", "county")


@dataclass(frozen=True, slots=True)
class RegionIssue:
    """A region text that names no GB/T 2260 division, or several: listed for the office to resolve."""

    text: str
    status: str  # ambiguous or none
    firms: int
    candidates: tuple[tuple[str, str], ...]  # (code, full name)
    message: Text

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {"text": safe_text(self.text), "status": self.status, "firms": self.firms,
                "candidates": [{"code": c, "name": n} for c, n in self.candidates],
                "reason": safe_text(self.message.get(lang))}


@functools.lru_cache(maxsize=16_384)  # the bundled divisions never change; a run asks once per firm and table
def division_at(code: str, level: str) -> str:
    """The division containing ``code`` at ``level`` (province, city, county); for a level a place does not
    have (a district of a municipality has no prefecture) the nearest one above; "" / "?" stay as they are."""
    if code in ("", UNRESOLVED):
        return code
    from smedigital.core.regions import regions

    chain = regions().chain(code)
    want = DIVISION_LEVELS.index(level)
    best = ""
    for r in chain:
        if DIVISION_LEVELS.index(r.level) <= want:
            best = r.code
    return best or code


def division_name(code: str) -> str:
    from smedigital.core.regions import regions

    return regions().full_name(code) if code not in ("", UNRESOLVED) else code


def place_regions(rows: Iterable[AssessmentRow]) -> tuple[RegionIssue, ...]:
    """Each row's division by :func:`~smedigital.core.regions.match_region` (one look-up per distinct text),
    and the texts that name none or several, most firms first."""
    from smedigital.core.regions import match_region

    seen: dict[str, Any] = {}
    firms: Counter[str] = Counter()
    for r in rows:
        text = r.region.strip()
        if not text:
            r.division = ""
            continue
        if text not in seen:
            seen[text] = match_region(text)
        m = seen[text]
        r.division = m.code if m.status == "one" and m.code else UNRESOLVED
        if r.division == UNRESOLVED:
            firms[text] += 1
    issues = [RegionIssue(text, seen[text].status, n,
                          tuple((c.code, division_name(c.code)) for c in seen[text].candidates[:12]),
                          seen[text].message) for text, n in firms.items()]
    issues.sort(key=lambda i: (-i.firms, i.text))
    return tuple(issues)


@dataclass(frozen=True, slots=True)
class FrameworkTables:
    """The tables of the firms assessed with one framework: levels and stages mean what it says, never pooled
    with another framework's (a smedigital-cdi 起步级 is not MIIT's 一级)."""

    framework_id: str
    overall: GroupRow
    by_industry: tuple[GroupRow, ...]
    by_size: tuple[GroupRow, ...]
    by_region: tuple[GroupRow, ...]  # by county-level division (GB/T 2260 code), "?" unresolved, "" not given
    histogram: tuple[int, ...]
    by_province: tuple[GroupRow, ...] = ()
    by_city: tuple[GroupRow, ...] = ()

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        from smedigital.core.framework import bundled_frameworks

        fw = bundled_frameworks().get(self.framework_id)
        g = self.overall

        def level_name(i: int) -> str:
            if fw is None:
                return str(i)
            lv = fw.level_by_index(i) if i else None
            return lv.label.get(lang) if lv is not None else fw.level_rule.no_level_label.get(lang)

        def stage_name(i: int) -> str:
            return fw.stages[i].label.get(lang) if fw is not None and i < len(fw.stages) else str(i)

        def rows(groups: Sequence[GroupRow]) -> list[dict[str, Any]]:
            return [{"key": safe_text(r.key), "firms": r.firms, "levels": list(r.levels), "mean_total": r.mean_total}
                    for r in groups]

        def divisions(groups: Sequence[GroupRow]) -> list[dict[str, Any]]:
            return [{"code": r.key if r.key not in ("", UNRESOLVED) else None,
                     "name": division_name(r.key) if r.key not in ("", UNRESOLVED) else None,
                     "unresolved": r.key == UNRESOLVED, "firms": r.firms, "levels": list(r.levels),
                     "mean_total": r.mean_total} for r in groups]

        return {"id": self.framework_id, "firms": g.firms,
                "levels": [{"index": i, "label": level_name(i), "firms": n} for i, n in enumerate(g.levels)],
                "stages": [{"index": i, "label": stage_name(i), "firms": n} for i, n in enumerate(g.stages)],
                "mean_total": g.mean_total, "mean_pillars": dict(zip(PILLARS, g.mean_pillars, strict=True)),
                "histogram": list(self.histogram), "by_industry": rows(self.by_industry),
                "by_size": rows(self.by_size), "by_province": divisions(self.by_province),
                "by_city": divisions(self.by_city), "by_county": divisions(self.by_region)}




@dataclass(frozen=True, slots=True)
class Tables:
    overall: GroupRow
    by_industry: tuple[GroupRow, ...]
    by_size: tuple[GroupRow, ...]
    by_region: tuple[GroupRow, ...]
    gaps: tuple[GapRow, ...]
    progress: tuple[ProgressRow, ...]
    histogram: tuple[int, ...]  # firms per band of 10 points, the last band 90-100 inclusive
    frameworks: tuple[tuple[str, int], ...]  # framework id, firms (newest assessment), most firms first
    by_framework: tuple[GroupRow, ...] = ()  # levels mean what their framework says: one row per framework
    national_frameworks: tuple[str, ...] = ()  # of ``frameworks``, those whose levels are the national levels
    per_framework: tuple[FrameworkTables, ...] = ()  # in ``frameworks`` order: the tables never pooled
    by_province: tuple[GroupRow, ...] = ()  # by GB/T 2260 division (by_region: county level)
    by_city: tuple[GroupRow, ...] = ()
    region_issues: tuple[RegionIssue, ...] = ()  # region texts naming no division or several: to resolve

    @property
    def mixed_scales(self) -> bool:
        """Levels of frameworks with different scales are pooled by number (name them neutrally)."""
        return len(self.frameworks) > 1 and len(self.national_frameworks) < len(self.frameworks)


class IndicatorSpool:
    """The long-format rows of every assessment read, kept out of memory.

    A spooled temporary file (in memory up to 2 MB, then an anonymous file the
    system deletes when it is closed) with an offset per file index, so
    :func:`~.longcsv.write_long_csv` can write them in file order.
    """

    def __init__(self) -> None:
        self._file = tempfile.SpooledTemporaryFile(max_size=2 * 1024 * 1024)  # more would only raise the peak
        self._where: dict[int, tuple[int, int]] = {}

    def add(self, index: int, text: str) -> None:
        if not text:
            return
        data = text.encode("utf-8")
        self._file.seek(0, 2)
        self._where[index] = (self._file.tell(), len(data))
        self._file.write(data)

    def get(self, index: int) -> str:
        where = self._where.get(index)
        if where is None:
            return ""
        self._file.seek(where[0])
        return self._file.read(where[1]).decode("utf-8")

    def close(self) -> None:
        self._file.close()
        self._where.clear()


@dataclass
class AggregateResult:
    """Everything one run found: read by the office view, written by write_summary and write_long_csv."""

    files: list[FileStatus]  # every input file, in input order
    firms: list[Firm]  # by name
    counts: Counts
    tables: Tables
    cancelled: bool = False
    spool: IndicatorSpool = field(default_factory=IndicatorSpool, repr=False)

    def assessments(self) -> Iterator[AssessmentRow]:
        """Every accepted assessment, in input order."""
        rows = [r for f in self.firms for r in f.history]
        yield from sorted(rows, key=lambda r: r.index)

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {**{k: v for k, v in self.counts.to_dict().items() if k not in ("skipped", "firms_with_history")},
                **({"skipped": self.counts.skipped} if self.counts.skipped else {}),
                "cancelled": self.cancelled,
                "file_status": [f.to_dict(lang) for f in self.files],
                "frameworks": [t.to_dict(lang) for t in self.tables.per_framework],
                "regions_to_resolve": [i.to_dict(lang) for i in self.tables.region_issues],
                "firms_flagged": sum(1 for f in self.firms if f.flags),
                "firm_list": [f.to_dict(lang) for f in self.firms]}

    def close(self) -> None:
        self.spool.close()

    def __enter__(self) -> AggregateResult:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --------------------------------------------------------------------- deciding

def _signature(o: FileOutcome, trusted: Mapping[str, TrustedKey]) -> tuple[str, str, str]:
    """(verdict, fingerprint, who): a key intact but unknown to the worker is trusted when on the office's list."""
    who = trusted.get(o.signer) if o.signature == UNKNOWN_KEY else None
    if who is not None:
        return TRUSTED, o.signer, f"{who.holder}（{who.organisation}）"
    return o.signature, o.signer, ""


def decide(paths: Sequence[str], outcomes: dict[int, FileOutcome], cancelled: bool,
           spool: IndicatorSpool, trusted: Mapping[str, TrustedKey] | None = None) -> AggregateResult:
    """Statuses (duplicates across files), firms with their history, counts and tables."""
    trusted = trusted or {}
    paths = [shown_path(p) for p in paths]  # a zip attachment's member as archive.zip!/member
    files: list[FileStatus] = []
    rows: dict[int, AssessmentRow] = {}
    signed: dict[int, tuple[str, str, str]] = {}
    for index, path in enumerate(paths):
        o = outcomes.get(index)
        if o is None:
            files.append(FileStatus(index, path, "skipped", "cancelled"))
        elif o.status == "accepted" and o.row is not None:
            rows[index] = o.row
            signed[index] = _signature(o, trusted)
            o.row.signature = signed[index][0]
            files.append(FileStatus(index, path, "accepted", o.code, "", "", *signed[index]))
        elif o.code == "own-output":  # this program's summary or long CSV: recognised, never an input
            files.append(FileStatus(index, path, "skipped", o.code, o.detail, o.detail_zh))
        else:
            files.append(FileStatus(index, path, "rejected", o.code, o.detail, o.detail_zh))
    _merge_name_keys(rows.values())
    first_of_content: dict[str, int] = {}
    for index in sorted(rows):
        sha = outcomes[index].sha256
        if sha in first_of_content:
            first = first_of_content[sha]
            files[index] = FileStatus(index, paths[index], "duplicate", "same-content", paths[first], "",
                                      *signed[index])
            del rows[index]
        else:
            first_of_content[sha] = index
    conflicted: dict[int, list[str]] = {}
    by_identity: dict[tuple[str, str, str], list[AssessmentRow]] = defaultdict(list)
    for row in rows.values():
        by_identity[row.identity].append(row)
    for same in by_identity.values():
        if len(same) < 2:
            continue
        keep = max(same, key=lambda r: (r.exported_at, -r.index))
        for row in same:
            if row is keep:
                continue
            if row.answers_digest == keep.answers_digest:
                files[row.index] = FileStatus(row.index, row.path, "duplicate", "same-assessment", keep.path, "",
                                              *signed[row.index])
            else:  # the same assessment with other answers: say so, and which one counts
                conflicted.setdefault(keep.index, []).append(row.path)
                files[row.index] = FileStatus(
                    row.index, row.path, "duplicate", "conflicting",
                    f"{keep.path} (its total {keep.total:g}; this file's {row.total:g})",
                    f"{keep.path}（其总分 {keep.total:g}；本文件 {row.total:g}）", *signed[row.index])
            del rows[row.index]
    history: dict[str, list[AssessmentRow]] = defaultdict(list)
    for index in sorted(rows):
        history[rows[index].firm_key].append(rows[index])
    firms = [Firm(key, sorted(h, key=lambda r: (r.assessed_on, r.exported_at, r.index))) for key, h in history.items()]
    firms.sort(key=lambda f: (f.newest.name, f.key))
    _flag(firms, files, conflicted)
    status = Counter(f.status for f in files)
    counts = Counts(len(files), status["accepted"], status["rejected"], status["duplicate"], status["skipped"],
                    len(firms), sum(1 for f in firms if len(f.history) > 1))
    return AggregateResult(files, firms, counts, build_tables(firms), cancelled, spool)


def _flag(firms: list[Firm], files: list[FileStatus], conflicted: Mapping[int, list[str]]) -> None:
    """Each firm's plausibility flags: its newest answers' own, then those across firms; each accepted file
    shows its firm's (the newest file) or its own (an older one)."""
    across = cross_flags([f.newest for f in firms], {f.key: f.history for f in firms})
    for f in firms:
        f.flags = list(f.newest.flags) + across.get(f.key, [])
        for r in f.history:
            if r.index in conflicted:
                names = ", ".join(conflicted[r.index][:3])
                f.flags.append(("conflicting-files", names, names))
        for r in f.history:
            flags = f.flags if r is f.newest else r.flags
            if flags and files[r.index].status == "accepted":
                files[r.index] = replace(files[r.index], flags=tuple(flags))


def _merge_name_keys(rows: Iterable[AssessmentRow]) -> None:
    """A firm given without its credit code joins the one firm with the same name and region that has one."""
    rows = list(rows)
    codes: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        if r.firm_key.startswith("code:"):
            codes[r.name_key].add(r.firm_key)
    for r in rows:
        if r.firm_key.startswith("name:") and len(codes.get(r.name_key, ())) == 1:
            r.firm_key = next(iter(codes[r.name_key]))


# --------------------------------------------------------------------- tables

def _levels_and_stages(firms: Sequence[Firm]) -> tuple[int, int, frozenset[str]]:
    """Level and stage columns, and the ids of the frameworks used whose levels are the national levels."""
    from smedigital.core.framework import bundled_frameworks

    known = bundled_frameworks()
    used = {f.newest.framework_id for f in firms}
    levels = max((len(known[fid].levels) for fid in used if fid in known), default=4) + 1
    stages = max((len(known[fid].stages) for fid in used if fid in known), default=4)
    national = frozenset(fid for fid in used if fid in known and known[fid].national_levels)
    return levels, stages, national


def group_row(key: str, rows: Sequence[AssessmentRow], n_levels: int, n_stages: int,
              national_ids: frozenset[str] = frozenset()) -> GroupRow:
    levels = [0] * n_levels
    national = [0] * n_levels
    stages = [0] * n_stages
    pillars = [0.0] * 3
    total = 0.0
    for r in rows:
        levels[min(r.level, n_levels - 1)] += 1
        if r.framework_id in national_ids:
            national[min(r.level, n_levels - 1)] += 1
        stages[min(r.stage, n_stages - 1)] += 1
        total += r.total
        for i, p in enumerate(r.pillars):
            pillars[i] += p
    n = len(rows)
    return GroupRow(key, n, tuple(levels), tuple(stages), round(total / n, 2) if n else 0.0,
                    tuple(round(p / n, 2) if n else 0.0 for p in pillars), tuple(national))


def _grouped(rows: Sequence[AssessmentRow], key: Any, n_levels: int, n_stages: int,
             national_ids: frozenset[str]) -> tuple[GroupRow, ...]:
    groups: dict[str, list[AssessmentRow]] = defaultdict(list)
    for r in rows:
        groups[key(r)].append(r)
    out = [group_row(k, g, n_levels, n_stages, national_ids) for k, g in groups.items()]
    out.sort(key=lambda g: (g.key in ("", UNRESOLVED), g.key == "", -g.firms, g.key))
    return tuple(out)


SIZE_ORDER = ("medium", "small", "micro", "large", "unknown")


def _histogram(rows: Sequence[AssessmentRow]) -> tuple[int, ...]:
    out = [0] * HISTOGRAM_BINS
    for r in rows:
        out[min(int(r.total // 10), HISTOGRAM_BINS - 1)] += 1
    return tuple(out)


def _framework_tables(fid: str, rows: Sequence[AssessmentRow], national: frozenset[str]) -> FrameworkTables:
    from smedigital.core.framework import bundled_frameworks

    fw = bundled_frameworks().get(fid)
    n_levels = len(fw.levels) + 1 if fw else 5
    n_stages = len(fw.stages) if fw else 4
    by_size = _grouped(rows, lambda r: r.size, n_levels, n_stages, national)
    by_size = tuple(sorted(by_size, key=lambda g: SIZE_ORDER.index(g.key) if g.key in SIZE_ORDER else 99))
    return FrameworkTables(fid, group_row(fid, rows, n_levels, n_stages, national),
                           _grouped(rows, lambda r: r.industry_section, n_levels, n_stages, national), by_size,
                           _grouped(rows, lambda r: division_at(r.division, "county"), n_levels, n_stages, national),
                           _histogram(rows),
                           _grouped(rows, lambda r: division_at(r.division, "province"), n_levels, n_stages, national),
                           _grouped(rows, lambda r: division_at(r.division, "city"), n_levels, n_stages, national))


def build_tables(firms: Sequence[Firm]) -> Tables:
    n_levels, n_stages, national = _levels_and_stages(firms)
    newest = [f.newest for f in firms]
    issues = place_regions(newest)
    by_size = _grouped(newest, lambda r: r.size, n_levels, n_stages, national)
    by_size = tuple(sorted(by_size, key=lambda g: SIZE_ORDER.index(g.key) if g.key in SIZE_ORDER else 99))
    histogram = [0] * HISTOGRAM_BINS
    for r in newest:
        histogram[min(int(r.total // 10), HISTOGRAM_BINS - 1)] += 1
    frameworks = tuple(sorted(Counter(r.framework_id for r in newest).items(), key=lambda kv: (-kv[1], kv[0])))
    return Tables(
        overall=group_row("", newest, n_levels, n_stages, national),
        by_industry=_grouped(newest, lambda r: r.industry_section, n_levels, n_stages, national),
        by_size=by_size,
        by_region=_grouped(newest, lambda r: division_at(r.division, "county"), n_levels, n_stages, national),
        by_province=_grouped(newest, lambda r: division_at(r.division, "province"), n_levels, n_stages, national),
        by_city=_grouped(newest, lambda r: division_at(r.division, "city"), n_levels, n_stages, national),
        region_issues=issues,
        gaps=_gaps(newest),
        progress=_progress(firms),
        histogram=tuple(histogram),
        frameworks=frameworks,
        by_framework=_grouped(newest, lambda r: r.framework_id, n_levels, n_stages, national),
        national_frameworks=tuple(fid for fid, _ in frameworks if fid in national),
        per_framework=tuple(_framework_tables(fid, [r for r in newest if r.framework_id == fid], national)
                            for fid, _ in frameworks),
    )


def _gaps(newest: Sequence[AssessmentRow]) -> tuple[GapRow, ...]:
    counts: Counter[tuple[str, str, str]] = Counter()
    with_next: Counter[str] = Counter()
    for r in newest:
        if r.next_level is None:
            continue
        with_next[r.framework_id] += 1
        for kind, ids in (("question", r.gap_questions), ("scene", r.gap_scenes), ("mandatory", r.missing_mandatory)):
            for qid in ids:
                counts[(r.framework_id, qid, kind)] += 1
    rows = [GapRow(fid, qid, kind, n, round(n / with_next[fid], 4)) for (fid, qid, kind), n in counts.items()]
    rows.sort(key=lambda g: (-g.firms, g.kind, g.framework_id, g.question_id))
    return tuple(rows)


def _progress(firms: Sequence[Firm]) -> tuple[ProgressRow, ...]:
    out = []
    for f in firms:
        by_framework: dict[str, list[AssessmentRow]] = defaultdict(list)
        for r in f.history:
            by_framework[r.framework_id].append(r)
        for fid, h in by_framework.items():
            if len(h) < 2:
                continue
            first, last = h[0], h[-1]
            out.append(ProgressRow(f.key, last.name, fid, len(h), first.assessed_on, last.assessed_on, first.total,
                                   last.total, first.level, last.level, first.stage, last.stage))
    out.sort(key=lambda p: (-p.total_change, p.name, p.framework_id))
    return tuple(out)
