"""Each firm's stage in the pilot programme: 诊断 → 备案 → 改造 → 验收 → 兑现.

The cycle is the one pilot cities' notices describe (e.g. Liuzhou's 2025 notice and its annexes; Kunming's
acceptance list; Xiamen's 2025 on-site acceptance [re-post]): diagnosis
(诊断评估, a 诊断报告 with the baseline level), filing (项目备案 on the city platform), the retrofit (改造实施),
acceptance (评测验收 on site) and payout (兑现). What each stage rests on here:

* **诊断 (diagnosis)**: the firm has an assessment: the earliest one marked ``baseline``, else its earliest
  one not marked ``after``. Date: that assessment's date.
* **备案 (filing)**: only the office knows it (no firm's file records a filing): set in the stages file.
* **改造 (retrofit)**: the firm has a self-assessment after the retrofit (purpose ``after``) dated on or after
  its baseline. Date: that assessment's date.
* **验收 (acceptance)**: an on-site rating (现场评定, the ``verification`` of the file) is recorded on an
  assessment other than the baseline. Date: the rating's date.
* **兑现 (payout)**: only the office knows it: set in the stages file.

A firm's stage is the furthest its files show or the office set in its stages file (by credit code). A row
marked ``override`` (yes) sets the firm's stage whatever the files show, also behind them (an after-retrofit
self-assessment the office does not accept yet); the pipeline lists such firms, so the difference can be
checked. A date the office gives for a stage replaces the one read from the files. Only the framework of the firm's newest assessment is
followed (a firm assessed under two frameworks has its baseline and after compared within one).

The stages file (the office's own; UTF-8 CSV with a header row, or YAML ``format: smedigital-stages``):
``credit_code`` and ``stage`` (one of diagnosis, filing, retrofit, acceptance, payout, or 诊断, 备案, 改造,
验收, 兑现), optionally ``date`` (YYYY-MM-DD), ``provider`` (the 服务商, replacing the assessor named in the
files), ``spend`` (the spend the firm declared, whole yuan), ``override`` (yes/no) and ``note``. One row per
firm and stage.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from smedigital.core.profile import check_credit_code, normalise_credit_code
from smedigital.core.text import Text, safe_text

from .model import AggregateResult, Firm, division_at
from .officefile import OfficeFileError, bad_date, load_csv, load_yaml, parse_day, place_zh, read_text
from .reader import AssessmentRow
from .words import STAGE_BASIS, STAGE_NAMES

STAGES = ("diagnosis", "filing", "retrofit", "acceptance", "payout")
FILE_STAGES = ("diagnosis", "retrofit", "acceptance")  # what a firm's files can show; the rest the office sets
STAGES_FORMAT = "smedigital-stages"
STAGES_VERSION = 1
FIELDS = ("credit_code", "stage", "date", "provider", "spend", "override", "note")
YES, NO = ("yes", "true", "1", "是", "y"), ("no", "false", "0", "否", "n", "")
# a CSV's header may use the Chinese names an office's own table has
HEADER_ALIASES = {"统一社会信用代码": "credit_code", "信用代码": "credit_code", "阶段": "stage", "日期": "date",
                  "服务商": "provider", "投入": "spend", "申报投入": "spend", "备注": "note", "以此为准": "override"}
MAX_SPEND = 10**12  # yuan: beyond any SME's programme


def stage_of(text: str) -> str | None:
    """A stage's key from its key, Chinese or English name (as an office may write it), else None."""
    t = text.strip()
    if t.lower() in STAGES:
        return t.lower()
    for key, name in STAGE_NAMES.items():
        if t in (name.zh, name.en) or t.lower() == name.en.lower():
            return key
    return None


def stage_index(stage: str) -> int:
    return STAGES.index(stage) if stage in STAGES else -1


@dataclass(frozen=True, slots=True)
class StageSetting:
    """One row of the office's stages file."""

    credit_code: str
    stage: str
    date: dt.date | None = None
    provider: str = ""
    spend: int | None = None  # whole yuan
    note: str = ""
    where: str = ""  # its place in the file (``line 4`` or ``firms[2]``)
    override: bool = False  # the firm's stage whatever its files show


@dataclass(frozen=True)
class OfficeStages:
    settings: tuple[StageSetting, ...]
    source: str = ""

    def by_code(self) -> dict[str, list[StageSetting]]:
        out: dict[str, list[StageSetting]] = defaultdict(list)
        for s in self.settings:
            out[s.credit_code].append(s)
        return out


def _setting(raw: Mapping[str, Any], where: str, sep: str, problems: list[tuple[str, Text]]) -> StageSetting | None:
    def bad(key: str, zh: str, en: str) -> None:
        problems.append((f"{where}{sep}{key}", Text(zh, en)))

    n = len(problems)
    for extra in sorted(set(raw) - set(FIELDS), key=str):
        bad(safe_text(str(extra))[:40], f"不是本格式的字段（可用：{'、'.join(FIELDS)}）",
            f"is not a field of this format ({', '.join(FIELDS)})")
    code_raw = raw.get("credit_code")
    code = normalise_credit_code(code_raw) if isinstance(code_raw, str) else ""
    if not code:
        bad("credit_code", "缺少统一社会信用代码", "the credit code is missing")
    else:
        for p in check_credit_code(code):
            bad("credit_code", f"{code}：{p.message_zh}", f"{code}: {p.message_en}")
    stage_raw = raw.get("stage")
    stage = stage_of(stage_raw) if isinstance(stage_raw, str) else None
    if stage is None:
        names = "、".join(f"{k}（{STAGE_NAMES[k].zh}）" for k in STAGES)
        bad("stage", f"“{safe_text(str(stage_raw))[:40]}”不是阶段；可用：{names}",
            f"{safe_text(str(stage_raw))[:40]!r} is not a stage ({', '.join(STAGES)})")
    day = None
    if raw.get("date") not in (None, ""):
        day = parse_day(raw.get("date"))
        if day is None:
            problems.append((f"{where}{sep}date", bad_date(raw.get("date"))))
    spend = None
    if raw.get("spend") not in (None, ""):
        value = raw.get("spend")
        text = str(value).replace(",", "").strip() if isinstance(value, (str, int)) else ""
        if isinstance(value, bool) or not text.isdigit() or int(text) > MAX_SPEND:
            bad("spend", f"“{safe_text(str(value))[:40]}”不是以元为单位的非负整数",
                f"{safe_text(str(value))[:40]!r} is not a whole number of yuan (0 or more)")
        else:
            spend = int(text)
    override = raw.get("override", "")
    if isinstance(override, bool):
        pass
    elif isinstance(override, str) and override.strip().lower() in YES + NO:
        override = override.strip().lower() in YES
    elif override is None:
        override = False
    else:
        bad("override", "应为 yes 或 no", "must be yes or no")
        override = False
    texts = {}
    for key in ("provider", "note"):
        v = raw.get(key, "")
        if v is None:
            v = ""
        if not isinstance(v, str):
            bad(key, "应为文本", "must be text")
            v = ""
        texts[key] = v.strip()
    if len(problems) > n or stage is None:
        return None
    return StageSetting(code, stage, day, texts["provider"], spend, texts["note"], where, bool(override))


def parse_stages(data: Any, source: str = "<stages>") -> OfficeStages:
    """The YAML form (``format: smedigital-stages``); raises OfficeFileError with every problem's place."""
    problems: list[tuple[str, Text]] = []
    if not isinstance(data, dict):
        raise OfficeFileError(source, [("", Text("文件顶层应为映射（format、format_version、firms）",
                                                 "the file must hold a mapping at the top (format, format_version, "
                                                 "firms)"))])
    if data.get("format") != STAGES_FORMAT:
        problems.append(("format", Text(f"应为 {STAGES_FORMAT}", f"must be {STAGES_FORMAT}")))
    fv = data.get("format_version")
    if not isinstance(fv, int) or isinstance(fv, bool) or fv < 1:
        problems.append(("format_version", Text("应为整数", "must be a whole number")))
    elif fv > STAGES_VERSION:
        problems.append(("format_version", Text(f"为 {fv}，比本程序能读的新，请更新 smedigital",
                                                f"is {fv}, newer than this program reads; please update smedigital")))
    for extra in sorted(set(data) - {"format", "format_version", "firms"}, key=str):
        problems.append((safe_text(str(extra))[:40], Text("不是本格式的字段", "is not a field of this format")))
    firms = data.get("firms")
    if not isinstance(firms, list):
        problems.append(("firms", Text("应为列表", "must be a list")))
        firms = []
    out = []
    for i, raw in enumerate(firms):
        if not isinstance(raw, dict):
            problems.append((f"firms[{i}]", Text("应为映射", "must be a mapping")))
            continue
        s = _setting(raw, f"firms[{i}]", ".", problems)
        if s is not None:
            out.append(s)
    return _checked(out, problems, source)


def _checked(settings: list[StageSetting], problems: list[tuple[str, Text]], source: str) -> OfficeStages:
    seen: dict[tuple[str, str], str] = {}
    for s in settings:
        first = seen.setdefault((s.credit_code, s.stage), s.where)
        if first != s.where:
            problems.append((s.where, Text(f"{s.credit_code} 的“{STAGE_NAMES[s.stage].zh}”阶段已在{place_zh(first)}设置过",
                                           f"{s.credit_code}: the {s.stage} stage is set already at {first}")))
    if problems:
        raise OfficeFileError(source, problems)
    return OfficeStages(tuple(settings), source)


def load_stages(path: str | Path) -> OfficeStages:
    """The office's stages file: ``.csv`` (UTF-8, a header row) or ``.yaml``/``.yml``."""
    p = Path(path)
    text = read_text(p)
    if p.suffix.lower() in (".yaml", ".yml"):
        return parse_stages(load_yaml(text, str(p)), str(p))
    if p.suffix.lower() != ".csv":
        raise OfficeFileError(str(p), [("", Text("阶段文件应为 .csv 或 .yaml", "a stages file is a .csv or .yaml file"))])
    head, rows = load_csv(text)
    problems: list[tuple[str, Text]] = []
    names = [HEADER_ALIASES.get(h, h) for h in head]
    for need in ("credit_code", "stage"):
        if need not in names:
            problems.append(("line 1", Text(f"表头缺少 {need} 列", f"the header has no {need} column")))
    for name in names:
        if name and name not in FIELDS:
            problems.append((f"line 1, {safe_text(name)[:40]}", Text(f"不是本格式的列（可用：{'、'.join(FIELDS)}）",
                                                                     f"is not a column of this format "
                                                                     f"({', '.join(FIELDS)})")))
    if not {"credit_code", "stage"} <= set(names):
        raise OfficeFileError(str(p), problems)
    out = []
    for n, row in rows:
        raw = {HEADER_ALIASES.get(k, k): v for k, v in row.items() if HEADER_ALIASES.get(k, k) in FIELDS}
        s = _setting(raw, f"line {n}", ", ", problems)
        if s is not None:
            out.append(s)
    return _checked(out, problems, str(p))


# --------------------------------------------------------------------------- each firm's stage


@dataclass(frozen=True)
class FirmStage:
    firm_key: str
    newest: AssessmentRow
    stage: str  # the stage that counts
    files_stage: str  # the furthest stage the files show
    office_stage: str  # the stage the office set when it counts (further than the files, or an override); ""
    provider: str
    baseline: AssessmentRow | None
    after: AssessmentRow | None
    accepted: AssessmentRow | None  # the assessment whose on-site rating was recorded
    dates: Mapping[str, str] = field(default_factory=dict)  # stage -> YYYY-MM-DD ("" or absent: not known)
    spend: int | None = None  # declared, from the office's file
    notes: tuple[str, ...] = ()
    rated: AssessmentRow | None = None  # the newest assessment with an on-site rating, whatever its purpose
    in_stages_file: bool = False  # the office's stages file has a row for the firm

    @property
    def framework_id(self) -> str:
        return self.newest.framework_id

    @property
    def county(self) -> str:
        return division_at(self.newest.division, "county")

    @property
    def set_by_office(self) -> bool:
        return bool(self.office_stage)

    def basis(self) -> Text:
        """What the stage rests on, in words."""
        return STAGE_BASIS["office" if self.office_stage else self.files_stage]

    def reached(self, stage: str) -> bool:
        return stage_index(self.stage) >= stage_index(stage)

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        r = self.newest

        def level(row: AssessmentRow | None) -> int | None:
            return row.level if row is not None else None

        return {"key": safe_text(self.firm_key), "name": safe_text(r.name), "credit_code": r.credit_code,
                "framework": r.framework_id, "stage": self.stage, "stage_name": STAGE_NAMES[self.stage].get(lang),
                "files_stage": self.files_stage, "office_stage": self.office_stage or None,
                "basis": self.basis().get(lang), "provider": safe_text(self.provider) or None,
                "baseline_level": level(self.baseline),
                "after_level": self.after.self_level if self.after is not None else None,  # as the firm assessed it
                "verified_level": level(self.rated),  # rated on site
                "dates": {k: v for k, v in self.dates.items() if v}, "spend": self.spend,
                "notes": [safe_text(n) for n in self.notes]}


def _programme_rows(history: Sequence[AssessmentRow]) -> tuple[AssessmentRow | None, AssessmentRow | None,
                                                               AssessmentRow | None]:
    """(baseline, after, accepted) among one framework's assessments, oldest first."""
    baseline = next((r for r in history if r.purpose == "baseline"), None) or \
        next((r for r in history if r.purpose != "after"), None)
    later = [r for r in history if r is not baseline and (baseline is None or r.assessed_on >= baseline.assessed_on)]
    after = next((r for r in reversed(later) if r.purpose == "after"), None)
    accepted = next((r for r in reversed(later) if r.verified and r.purpose != "baseline"), None)
    if baseline is None and after is None and accepted is None and history:
        baseline = history[0]
    return baseline, after, accepted


def firm_stage(firm: Firm, settings: Sequence[StageSetting] = ()) -> FirmStage:
    newest = firm.newest
    history = [r for r in firm.history if r.framework_id == newest.framework_id]
    baseline, after, accepted = _programme_rows(history)
    dates: dict[str, str] = {"diagnosis": baseline.assessed_on if baseline else "",
                             "retrofit": after.assessed_on if after else "",
                             "acceptance": accepted.verified_on if accepted else ""}
    files_stage = "acceptance" if accepted else "retrofit" if after else "diagnosis"
    office = ""
    overridden = False
    provider = ""
    spend = None
    notes = []
    for s in sorted(settings, key=lambda s: (s.override, stage_index(s.stage))):
        office = s.stage
        overridden = s.override
        if s.date is not None:
            dates[s.stage] = s.date.isoformat()
        provider = s.provider or provider
        spend = s.spend if s.spend is not None else spend
        if s.note:
            notes.append(s.note)
    if not provider:
        provider = ((baseline.assessor if baseline else "") or newest.assessor).strip()
    rated = next((r for r in reversed(history) if r.verified), None)
    if overridden or (office and stage_index(office) > stage_index(files_stage)):
        stage = office
    else:  # the files show as far or further: they count, the office's dates are kept
        stage, office = files_stage, ""
    return FirmStage(firm.key, newest, stage, files_stage, office, provider, baseline, after, accepted, dates, spend,
                     tuple(notes), rated, bool(settings))


@dataclass(frozen=True)
class Pipeline:
    firms: tuple[FirmStage, ...]
    unmatched: tuple[StageSetting, ...] = ()  # office settings naming no firm of the run
    source: str = ""  # the stages file

    def counts(self) -> list[tuple[str, tuple[int, ...]]]:
        """Firms per stage, per framework (a firm counts under the framework of its newest assessment)."""
        by: dict[str, Counter[str]] = defaultdict(Counter)
        for f in self.firms:
            by[f.framework_id][f.stage] += 1
        order = sorted(by, key=lambda fid: (-sum(by[fid].values()), fid))
        return [(fid, tuple(by[fid][s] for s in STAGES)) for fid in order]

    def behind_files(self) -> list[FirmStage]:
        """Firms the office set (override) at a stage behind what their files show: to check."""
        return [f for f in self.firms if f.office_stage and stage_index(f.office_stage) < stage_index(f.files_stage)]

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {"stages": [{"id": s, "name": STAGE_NAMES[s].get(lang)} for s in STAGES],
                "stages_file": safe_text(self.source) or None,
                "counts": [{"framework": fid, "firms": sum(n), "by_stage": dict(zip(STAGES, n, strict=True))}
                           for fid, n in self.counts()],
                "firms": [f.to_dict(lang) for f in self.firms],
                "unmatched": [{"credit_code": s.credit_code, "stage": s.stage, "where": s.where}
                              for s in self.unmatched],
                "office_behind_files": [safe_text(f.firm_key) for f in self.behind_files()]}


def build_pipeline(result: AggregateResult, stages: OfficeStages | None = None) -> Pipeline:
    by_code = stages.by_code() if stages is not None else {}
    used: set[str] = set()
    out = []
    for firm in result.firms:
        code = firm.key.removeprefix("code:") if firm.key.startswith("code:") else ""
        settings = by_code.get(code, []) if code else []
        if settings:
            used.add(code)
        out.append(firm_stage(firm, settings))
    unmatched = tuple(s for s in (stages.settings if stages else ()) if s.credit_code not in used)
    return Pipeline(tuple(out), unmatched, stages.source if stages else "")
