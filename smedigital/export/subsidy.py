"""The subsidy of the rule pack chosen with a plan, as the exports show it."""

from __future__ import annotations

from smedigital.core.framework import ProblemsError
from smedigital.core.plan_subsidy import PlanSubsidy, plan_subsidy_for
from smedigital.core.planning import ImprovementPlan

from .words import words


def subsidy_of(plan: ImprovementPlan | None, lang: str = "zh") -> tuple[PlanSubsidy | None, str | None]:
    """(the subsidy, None), (None, why the chosen pack cannot be read), or (None, None) without a pack."""
    if plan is None or not plan.rules or not plan.items:
        return None, None
    try:
        return plan_subsidy_for(plan), None
    except (ProblemsError, OSError) as exc:
        problems = list(getattr(exc, "problems", None) or [exc])
        first = problems[0]
        why = first.text(lang) if hasattr(first, "text") else str(first)
        return None, words(lang)["subsidy.unreadable"].format(why=why)


def money_range(lo: int, hi: int, lang: str) -> str:
    if lo == hi:
        return words(lang)["yuan"].format(n=f"{lo:,}")
    return words(lang)["subsidy.range"].format(lo=f"{lo:,}", hi=f"{hi:,}")


def state_word(met: bool | None, lang: str) -> str:
    w = words(lang)
    return w["subsidy.met"] if met else w["subsidy.not_met"] if met is False else w["subsidy.open"]


def estimate_text(sub: PlanSubsidy, lang: str) -> str:
    e = sub.estimate
    return money_range(e.subsidy.min, e.subsidy.max, lang) if e.subsidy else words(lang)["subsidy.no_rate"]


def summary_line(sub: PlanSubsidy, lang: str, sheet: str = "") -> str:
    e = sub.estimate
    return words(lang)["subsidy.line"].format(pack=sub.pack.title.get(lang),
                                              elig=money_range(e.eligible.min, e.eligible.max, lang),
                                              est=estimate_text(sub, lang), sheet=sheet)
