"""A city rule pack applied to an improvement plan: which steps are eligible spend, what the
eligible cost and the subsidy estimate come to, and which of the pack's conditions remain.

Every plan step's action carries its spend categories (``spend_category`` in the action
library). A step whose categories are all eligible counts in full; one whose categories are
all excluded or unlisted does not count; one that mixes eligible and other spend (in shares
the library cannot know) counts from nothing up to its whole cost. The level gate is judged
on the plan's expected (re-scored) result; what the tool cannot check — dates not yet known,
documents — is left open (``met`` None), never met.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .planning import ImprovementPlan, PlanItem
from .rules import (
    WINDOW_NAMES,
    Condition,
    Estimate,
    LevelResult,
    RulePack,
    RuleProblem,
    RulesError,
    SpendItem,
    bundled_rule_packs,
    estimate,
    level_label,
    load_rule_pack,
    rules_dir,
    spend_categories,
)
from .text import Text
from .words import texts

ELIGIBLE, PARTLY, NOT_ELIGIBLE = "eligible", "partly", "not"
STATUS_NAMES = texts("core.subsidy_status")  # resources/words/<lang>.yaml


@dataclass(frozen=True)
class ItemEligibility:
    key: str  # the plan item's key
    status: str  # eligible | partly | not
    eligible_min: int  # yuan of the step's cost that counts, low and high
    eligible_max: int
    reason: Text

    @property
    def label(self) -> Text:
        return STATUS_NAMES[self.status]


@dataclass(frozen=True)
class PlanSubsidy:
    pack: RulePack
    estimate: Estimate
    items: tuple[ItemEligibility, ...]

    @property
    def caveats(self) -> tuple[Text, ...]:
        return self.estimate.caveats

    @property
    def conditions(self) -> tuple[Condition, ...]:
        return self.estimate.conditions

    def item(self, key: str) -> ItemEligibility | None:
        return next((i for i in self.items if i.key == key), None)

    def open_conditions(self) -> list[Condition]:
        """The conditions not yet met: false (not met) or None (cannot be told yet)."""
        return [c for c in self.conditions if c.met is not True]

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """``plan --json``'s ``subsidy``: eligible_cost, estimate (None without a rate), conditions,
        items and caveats (in ``lang``, else both languages)."""
        def t(x: Text) -> Any:
            return x.get(lang) if lang else x.to_dict()

        e = self.estimate
        return {"pack": self.pack.id, "status": self.pack.status, "title": t(self.pack.title),
                "eligible_cost": e.eligible.to_dict(),
                "estimate": e.subsidy.to_dict() if e.subsidy else None,
                "cap_yuan": self.pack.subsidy.cap_yuan if self.pack.subsidy else None,
                "rate": float(self.pack.subsidy.rate) if self.pack.subsidy and self.pack.subsidy.rate else None,
                "conditions": [c.to_dict(lang) for c in e.conditions],
                "items": [{"key": i.key, "status": i.status,
                           "eligible_cost": {"min": i.eligible_min, "max": i.eligible_max},
                           "reason": t(i.reason)} for i in self.items],
                "caveats": [t(c) for c in e.caveats]}


def resolve_pack(ref: str, base: Path | None = None) -> RulePack:
    """A rule pack by a bundled pack's id or a file path (relative paths against ``base``)."""
    bundled = bundled_rule_packs()
    if ref in bundled:
        return bundled[ref]
    for name in (ref, f"{ref}.yaml"):  # a bundled pack by its file name
        if "/" not in name and "\\" not in name and (rules_dir() / name).is_file():
            return load_rule_pack(rules_dir() / name)
    p = Path(ref)
    if not p.is_absolute() and base is not None and not p.is_file():
        p = base / p
    if p.is_file():
        return load_rule_pack(p)
    raise RulesError(ref, [RuleProblem("", Text(
        f"找不到规则包 {ref!r}（内置规则包：{'、'.join(sorted(bundled))}，或给出文件路径）",
        f"no rule pack {ref!r} (bundled: {', '.join(sorted(bundled))}, or give a file path)"))])


def item_categories(item: PlanItem) -> tuple[str, ...]:
    return item.action.spend_categories if item.action is not None else ()


def _category_names(ids: Iterable[str]) -> Text:
    cats = spend_categories()
    names = [cats[c].name if c in cats else Text(c, c) for c in ids]
    return Text("、".join(n.zh for n in names), ", ".join(n.en for n in names))


def item_start(plan: ImprovementPlan, item: PlanItem) -> dt.date:
    """The first day of the month a step is planned to start: no contract or invoice for it comes earlier."""
    m = plan.start.month - 1 + item.start_month
    return dt.date(plan.start.year + m // 12, m % 12 + 1, 1)


def _too_late(plan: ImprovementPlan, item: PlanItem, pack: RulePack) -> dict[str, dt.date]:
    """The windows that close before the step can start (its dates, still unknown, cannot fall inside)."""
    start = item_start(plan, item)
    return {kind: start for kind, w in pack.windows.items() if w.end < start}


def _spend_item(item: PlanItem, pack: RulePack, label: str) -> tuple[SpendItem, str]:
    cats = item.action.spend_categories if item.action is not None else ()
    if not cats:
        return SpendItem("other", item.cost_min, item.cost_max, label), NOT_ELIGIBLE
    eligible = [c for c in cats if c in pack.spend.eligible]
    if len(eligible) == len(cats):
        return SpendItem(cats[0], item.cost_min, item.cost_max, label), ELIGIBLE
    if not eligible:
        first = next((c for c in cats if c in pack.spend.excluded), cats[0])
        return SpendItem(first, item.cost_min, item.cost_max, label), NOT_ELIGIBLE
    return SpendItem(eligible[0], 0, item.cost_max, label), PARTLY


def _reason(item: PlanItem, status: str, pack: RulePack, counted: bool, verdict: Text) -> Text:
    cats = item.action.spend_categories if item.action is not None else ()
    if not cats:
        return Text("未注明支出类别，不计入", "no spend category given; not counted")
    eligible = [c for c in cats if c in pack.spend.eligible]
    excluded = [c for c in cats if c in pack.spend.excluded]
    unlisted = [c for c in cats if c not in pack.spend.eligible and c not in pack.spend.excluded]
    zh: list[str] = []
    en: list[str] = []
    if eligible:
        n = _category_names(eligible)
        zh.append(f"{n.zh}：可补助")
        en.append(f"{n.en}: eligible")
    if excluded:
        n = _category_names(excluded)
        zh.append(f"{n.zh}：规则包明确排除")
        en.append(f"{n.en}: excluded by the pack")
    if unlisted:
        n = _category_names(unlisted)
        zh.append(f"{n.zh}：规则包未列入，不计入（请向主管部门确认）")
        en.append(f"{n.en}: not listed by the pack, not counted (ask the office)")
    if status == PARTLY:
        zh.append("各部分比例未知，按 0 至全部费用计")
        en.append("the shares are not known: counted from nothing up to the whole cost")
    if eligible and not counted:  # eligible by category but stopped by a date or the provider
        return verdict
    return Text("；".join(zh), "; ".join(en))


def _gate_on_expected(cond: Condition, plan: ImprovementPlan, pack: RulePack) -> Condition:
    gate = pack.level_gate
    if gate is None or gate.framework != plan.framework.id:
        return cond  # another framework's gate: the estimate already says so
    label = level_label(gate.framework, gate.level)
    now = plan.before.level_index
    after = plan.expected.level_index

    def name(i: int) -> Text:
        return level_label(plan.framework.id, i) if i else Text("未达一级", "no level yet")

    a, b = name(after), name(now)
    met = after >= gate.level
    return Condition("level_gate", met, Text(
        f"须达到{label.zh}及以上：计划完成后预计{a.zh}（现为{b.zh}）；以评测验收结果为准",
        f"needs {label.en} or above: {a.en} expected after the plan (now {b.en}); the on-site rating decides"))


def plan_subsidy(plan: ImprovementPlan, pack: RulePack, documents: Sequence[str] = ()) -> PlanSubsidy:
    """Apply ``pack`` to ``plan``: per step whether it is eligible, the eligible cost and subsidy
    range, and every condition (the level gate judged on the plan's expected result)."""
    spend: list[SpendItem] = []
    statuses: list[str] = []
    late: list[dict[str, dt.date]] = []
    for item in plan.items:
        title = item.action.title.zh if item.action is not None else item.question_id
        si, status = _spend_item(item, pack, title)
        too_late = _too_late(plan, item, pack)
        if too_late:  # a lower bound that already proves the dates fall outside: the step cannot count
            si = replace(si, contract=too_late.get("contract", si.contract),
                         invoice=too_late.get("invoice", si.invoice), payment=too_late.get("payment", si.payment),
                         acceptance=too_late.get("acceptance", si.acceptance))
        spend.append(si)
        statuses.append(status)
        late.append(too_late)
    level = LevelResult(plan.framework.id, plan.expected.level_index)
    est = estimate(pack, spend, level, documents)
    given = set(documents)
    conditions: list[Condition] = []
    for c in est.conditions:
        if c.id == "level_gate":
            c = _gate_on_expected(c, plan, pack)
        elif c.id.startswith("window.") and plan.items:
            kind = c.id.removeprefix("window.")
            w, wn = pack.windows[kind], WINDOW_NAMES[kind]
            n = sum(1 for x in late if kind in x)
            if w.end < plan.start:  # the plan's steps start after the window closed
                c = Condition(c.id, False, Text(
                    f"{wn.zh}日期须在 {w.start} 至 {w.end} 之间：计划自 {plan.start} 开始，已晚于截止日",
                    f"{wn.en} dates must lie within {w.start} to {w.end}: the plan starts on {plan.start}, "
                    "after the window closed"))
            elif n:
                c = Condition(c.id, False, Text(
                    f"{wn.zh}日期须在 {w.start} 至 {w.end} 之间：{n} 项步骤计划在截止日之后才开始，不计入",
                    f"{wn.en} dates must lie within {w.start} to {w.end}: {n} step(s) are planned to start "
                    "after it closes and do not count"))
        elif c.id.startswith("document.") and c.id.removeprefix("document.") not in given:
            doc = next(d for d in pack.documents if f"document.{d.id}" == c.id)
            c = Condition(c.id, None, Text(f"{doc.name.zh}：待准备（本工具无法核对）",
                                           f"{doc.name.en}: to prepare (this tool cannot check it)"))
        conditions.append(c)
    est = Estimate(est.pack_id, est.eligible, est.subsidy, tuple(conditions), est.items, est.caveats)
    out: list[ItemEligibility] = []
    for item, si, status, verdict, too_late in zip(plan.items, spend, statuses, est.items, late, strict=True):
        if not verdict.counted:
            status = NOT_ELIGIBLE
        lo, hi = (si.cost_min, si.cost_max) if verdict.counted else (0, 0)
        reason = _reason(item, status, pack, verdict.counted, verdict.reason)
        if too_late and not verdict.counted and any(c in pack.spend.eligible for c in item_categories(item)):
            start = item_start(plan, item)
            ends = min(pack.windows[k].end for k in too_late)
            reason = Text(f"计划 {start} 开始，晚于规则包时限（截止 {ends}），不计入",
                          f"planned to start {start}, after the pack's window closed ({ends}); not counted")
        out.append(ItemEligibility(item.key, status, lo, hi, reason))
    return PlanSubsidy(pack, est, tuple(out))


def plan_subsidy_for(plan: ImprovementPlan, base: Path | None = None) -> PlanSubsidy | None:
    """The subsidy of the pack stored with the plan, or None when no pack is chosen."""
    if not plan.rules:
        return None
    return plan_subsidy(plan, resolve_pack(plan.rules, base))


def yuan_range(lo: int, hi: int, lang: str) -> str:
    from .rules import yuan

    return yuan(lo, lang) if lo == hi else f"{yuan(lo, lang)} – {yuan(hi, lang)}"
