"""The 推荐汇总表 workbook: one row per firm with its levels, stage, 服务商 and dates, plus the pipeline counts,
the targets' progress and the 服务商 scorecard (openpyxl write-only, saved atomically).

Pilot cities ask counties for a 推荐汇总表 (e.g. Liuzhou's 2025 notice, annex 4); its columns are not published,
so the layout is the project's own, and the first sheet says so. A hidden ``_smedigital`` sheet marks the
workbook as this program's output (format ``smedigital-summary``), so an aggregation never reads it back as a
firm's file. Every value is written as a value, never a formula; text from the files is quoted when a
spreadsheet could take it for a formula.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Sequence
from typing import Any

from smedigital import __version__
from smedigital.core.rules import Estimate, LevelResult, RulePack, SpendItem, estimate
from smedigital.core.text import safe_text
from smedigital.core.wording import SCORE_NUMBER_FORMAT
from smedigital.core.words import paren, punct

from .model import AggregateResult, division_name
from .pipeline import STAGES, FirmStage, Pipeline
from .providers import ProviderRow, plan_cost
from .reader import SUMMARY_FORMAT
from .summary import _Book, _Labels, _Sheet, signature_of
from .targets import TargetProgress, group_name
from .words import RECOMMEND_WORDS, STAGE_NAMES

RECOMMEND_KIND = "recommendation"
YUAN = "#,##0"


def firm_estimate(f: FirmStage, pack: RulePack) -> Estimate | None:
    """What ``pack`` would pay towards the firm's plan steps (None without a plan): a step all of whose spend
    categories are eligible counts in full, one mixing eligible and other spend from nothing up to its cost,
    as for a firm's own plan; the level gate is judged on the rated level, else the after, else the newest."""
    row = f.baseline if f.baseline is not None and f.baseline.plan_steps else f.after
    if row is None or not row.plan_steps:
        return None
    items = []
    for cats, lo, hi in row.plan_steps:
        eligible = [c for c in cats if c in pack.spend.eligible]
        if cats and len(eligible) == len(cats):
            items.append(SpendItem(cats[0], lo, hi))
        elif eligible:
            items.append(SpendItem(eligible[0], 0, hi))
        else:
            items.append(SpendItem(next((c for c in cats if c in pack.spend.excluded), cats[0] if cats else "other"),
                                   lo, hi))
    counted = f.accepted or f.after or f.newest
    return estimate(pack, items, LevelResult(counted.framework_id, counted.level))


def write_recommendation(result: AggregateResult, pipeline: Pipeline, path: str | os.PathLike[str],
                         lang: str = "zh", *, progress: Sequence[TargetProgress] | None = None,
                         providers: Sequence[ProviderRow] = (), pack: RulePack | None = None,
                         now: _dt.datetime | None = None) -> None:
    """Write the 推荐汇总表 workbook to ``path`` atomically (raises OSError when it cannot be written)."""
    lang = "en" if lang == "en" else "zh"
    w = RECOMMEND_WORDS[lang]
    labels = _Labels(result, lang)
    book = _Book(w, lang)
    sheet = book.sheet

    stamp = (now or _dt.datetime.now()).replace(microsecond=0).isoformat(sep=" ")
    _firms(sheet("sheet.recommend", (6, 30, 20, 22, 22, 22, 8, 24, 10, 10, 10, 8, 22, 24, *([12] * 13), 30, 40,
                                     30, 40)), result, pipeline, labels, w, pack, stamp)
    _pipeline(sheet("sheet.pipeline", (34, 10, 10, 10, 10, 10, 10)), pipeline, labels, w)
    _targets(sheet("sheet.targets", (14, 40, 30, 24, 12, 24, 8, 8, 8, 8, 8, 12, 10, 12)), progress, labels, w)
    _providers(sheet("sheet.providers", (26, 24, *([12] * 14))), providers, labels, w)
    book.save(path, (["smedigital 推荐汇总表 / recommendation summary. Do not edit."],
                     ["format", SUMMARY_FORMAT], ["kind", RECOMMEND_KIND], ["version", 1],
                     ["generator", f"smedigital {__version__}"], ["lang", lang]))


def _level(labels: _Labels, row: Any) -> str:
    return labels.level(row.level, row.framework_id) if row is not None else ""


def _yuan(s: _Sheet, value: int | None) -> Any:
    return s.number(value, YUAN) if value is not None else s.text("")


def _firms(s: _Sheet, result: AggregateResult, pipeline: Pipeline, labels: _Labels, w: dict[str, str],
           pack: RulePack | None, stamp: str) -> None:
    lang = labels.lang
    s.ws.freeze_panes = "C7"
    s.title(w["title"])
    s.note(w["layout_note"])
    s.note(f"{w['generated']}: {stamp}")
    s.note(w["pack_note"].format(pack=pack.id) if pack is not None else w["no_pack"])
    s.note(w["cost_note"])
    flags = {f.key: f for f in result.firms}
    head = s.header([w["no"], w["firm"], w["credit_code"], w["region"], w["county"], w["industry"], w["size"],
                     w["framework"], w["baseline_level"], w["after_level"], w["verified_level"], w["stage"],
                     w["basis"], w["provider"], *(w[f"date.{k}"] for k in ("diagnosis",)), w["signed_off"],
                     *(w[f"date.{k}"] for k in ("filing", "retrofit", "acceptance", "payout")),
                     w["plan_cost_min"], w["plan_cost_max"], w["spend"], w["eligible_min"], w["eligible_max"],
                     w["subsidy_min"], w["subsidy_max"], w["conditions"], w["flags"], w["notes"], w["file"]])
    for n, f in enumerate(pipeline.firms, start=1):
        r = f.newest
        cost = plan_cost(f)
        est = firm_estimate(f, pack) if pack is not None else None
        unmet = punct("list_sep", lang)
        county = f.county
        firm = flags.get(f.firm_key)
        s.append([s.number(n), s.text(r.name), s.text(r.credit_code), s.text(r.region),
                  s.text(division_name(county) if county not in ("", "?") else county),
                  s.text(labels.industry(r.industry_section)), s.text(labels.size(r.size)),
                  s.text(labels.framework(r.framework_id)), s.text(_level(labels, f.baseline)),
                  s.text(labels.level(f.after.self_level, f.after.framework_id) if f.after is not None else ""),
                  s.text(_level(labels, f.rated)),
                  s.text(STAGE_NAMES[f.stage].get(lang)), s.text(f.basis().get(lang)), s.text(f.provider),
                  s.text(f.dates.get("diagnosis", "")), s.text(f.baseline.signed_off_on if f.baseline else ""),
                  *(s.text(f.dates.get(k, "")) for k in ("filing", "retrofit", "acceptance", "payout")),
                  _yuan(s, cost[0] if cost else None), _yuan(s, cost[1] if cost else None), _yuan(s, f.spend),
                  _yuan(s, est.eligible.min if est else None), _yuan(s, est.eligible.max if est else None),
                  _yuan(s, est.subsidy.min if est and est.subsidy else None),
                  _yuan(s, est.subsidy.max if est and est.subsidy else None),
                  s.text(unmet.join(c.text.get(lang) for c in est.conditions if c.met is False) if est else "",
                         wrap=True),
                  s.text(safe_text(firm.flags_text(lang)) if firm else "", wrap=True),
                  s.text(punct("list_sep", lang).join(f.notes), wrap=True),
                  s.text(safe_text(r.path) + (f" — {signature_of(result, r.index, lang)}" if r.signature else ""))])
    if pipeline.firms:
        s.ws.auto_filter.ref = f"A{head}:AE{head + len(pipeline.firms)}"


def _pipeline(s: _Sheet, pipeline: Pipeline, labels: _Labels, w: dict[str, str]) -> None:
    lang = labels.lang
    s.title(w["sheet.pipeline"])
    s.note(w["stage_rules"])
    s.note(f"{w['stages_file']}: {safe_text(pipeline.source) or w['none']}")
    s.blank()
    s.header([w["framework"], *(STAGE_NAMES[k].get(lang) for k in STAGES), w["total"]])
    for fid, counts in pipeline.counts():
        s.append([s.text(labels.framework(fid)), *(s.number(n) for n in counts), s.number(sum(counts))])
    behind = pipeline.behind_files()
    if behind:
        s.blank()
        s.append([s.text(w["behind"], look_bold(s))])
        s.header([w["firm"], w["credit_code"], w["office_stage"], w["files_stage"]])
        for f in behind:
            s.append([s.text(f.newest.name), s.text(f.newest.credit_code),
                      s.text(STAGE_NAMES[f.office_stage].get(lang)), s.text(STAGE_NAMES[f.files_stage].get(lang))])
    if pipeline.unmatched:
        s.blank()
        s.append([s.text(w["unmatched"], look_bold(s))])
        s.header([w["credit_code"], w["stage"], w["where"]])
        for st in pipeline.unmatched:
            s.append([s.text(st.credit_code), s.text(STAGE_NAMES[st.stage].get(lang)), s.text(st.where)])


def look_bold(s: _Sheet) -> Any:
    return s.look.bold


def _targets(s: _Sheet, progress: Sequence[TargetProgress] | None, labels: _Labels, w: dict[str, str]) -> None:
    lang = labels.lang
    s.title(w["sheet.targets"])
    if progress is None:
        s.note(w["no_targets"])
        return
    s.note(w["targets_note"])
    s.blank()
    s.header([w["target_id"], w["target"], w["source"], w["framework"], w["group"], w["group_key"], w["firms"],
              w["achieved"], w["share"], w["goal"], w["met"], w["by"], w["days_left"], w["undated"]])
    for tp in progress:
        t = tp.target
        text = paren(t.text.get(lang), w["kind." + t.kind], lang)
        if not tp.rows:
            s.append([s.text(t.id), s.text(text, wrap=True), s.text(t.source, wrap=True), s.text(w["no_framework"])])
        for row in tp.rows:
            share = row.share
            s.append([s.text(t.id), s.text(text, wrap=True), s.text(t.source, wrap=True),
                      s.text(labels.framework(row.framework_id)),
                      s.text(w["group." + row.group] if row.group else ""),
                      s.text(group_name(labels, w, row.group, row.group_key)), s.number(row.firms),
                      s.number(row.achieved),
                      s.number(round(share, 4), "0.0%") if share is not None else s.text("—"),
                      s.number(int(row.goal)) if row.is_count else s.number(row.goal, "0.0%"),
                      s.text(w["yes"] if row.met else w["no_"]), s.text(t.by.isoformat() if t.by else ""),
                      s.number(tp.days_left) if tp.days_left is not None else s.text(""),
                      s.number(row.undated) if row.is_count else s.text("")])


def _providers(s: _Sheet, rows: Sequence[ProviderRow], labels: _Labels, w: dict[str, str]) -> None:
    s.title(w["sheet.providers"])
    s.note(w["providers_note"])
    s.blank()
    s.header([w["provider"], w["framework"], w["firms"], w["pairs"], w["mean_level_uplift"], w["mean_points_uplift"],
              w["costed"], w["declared"], w["cost_min"], w["cost_max"], w["cpl_min"], w["cpl_max"], w["verified"],
              w["differences"], w["points_effect"], w["levels_changed"]])
    for r in rows:
        cpl = r.cost_per_level

        def num(x: float | None, fmt: str = "0.00") -> Any:
            return s.number(x, fmt) if x is not None else s.text("—")

        s.append([s.text(r.provider or w["not_given"]), s.text(labels.framework(r.framework_id)), s.number(r.firms),
                  s.number(r.pairs), num(r.mean_level_uplift), num(r.mean_points_uplift, SCORE_NUMBER_FORMAT),
                  s.number(r.costed), s.number(r.declared), _yuan(s, r.cost_min if r.costed else None),
                  _yuan(s, r.cost_max if r.costed else None), _yuan(s, cpl[0] if cpl else None),
                  _yuan(s, cpl[1] if cpl else None), s.number(r.verified), s.number(r.differences),
                  s.number(round(r.points_effect, 2), SCORE_NUMBER_FORMAT), s.number(r.levels_changed)])
