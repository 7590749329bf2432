"""The 服务商 scorecard: what each service provider's firms show, per framework (never pooled).

Rules, so an office can check every figure by hand (the project's own reading; no notice sets a formula):

* **Provider**: the 服务商 the office set for the firm in its stages file, else the assessor named in the
  firm's baseline (else newest) assessment, as written (white space trimmed; spell it one way in the files).
  Firms without one are listed under "" (not given).
* **Firms served**: firms whose newest assessment uses the framework, with this provider.
* **Uplift**: for each firm with a baseline and an after-retrofit assessment (see :mod:`.pipeline`), the
  after level minus the baseline level, and the same for the total score; the level that counts is the
  verified one where an on-site rating is recorded. *Mean level uplift* = the sum over those firms / their
  number.
* **Cost per level gained**: of the firms with an uplift and a cost, the sum of their costs / the sum of
  their level uplifts (only when that sum is above 0). A firm's cost is the spend it declared (``spend`` in
  the office's stages file) when given, else the cost range of the plan steps kept in its baseline file
  (else its after file): each step's action cost from the action library, without the extra spending some
  steps need (a share of revenue the file does not hold). A range stays a range: min / levels … max / levels.
* **Verification**: firms with an on-site rating recorded; *differences*: the verified answers that differ
  from the firm's own, summed; *points effect*: verified total minus the firm's own total, summed (negative:
  the firms claimed more than the rating found); *levels changed*: firms whose verified level is not their own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from smedigital.core.text import safe_text

from .pipeline import FirmStage, Pipeline
from .reader import AssessmentRow


@dataclass(frozen=True, slots=True)
class ProviderRow:
    provider: str
    framework_id: str
    firms: int
    pairs: int  # firms with a baseline and an after assessment
    levels_gained: int  # summed over the pairs (may be negative)
    points_gained: float
    costed: int  # of the pairs, firms with a cost (declared, or from the plan)
    declared: int  # of those, firms whose cost is the declared spend
    cost_min: int  # summed over the costed firms
    cost_max: int
    costed_levels: int  # level uplift summed over the costed firms
    verified: int
    differences: int
    points_effect: float
    levels_changed: int

    @property
    def mean_level_uplift(self) -> float | None:
        return round(self.levels_gained / self.pairs, 2) if self.pairs else None

    @property
    def mean_points_uplift(self) -> float | None:
        return round(self.points_gained / self.pairs, 2) if self.pairs else None

    @property
    def cost_per_level(self) -> tuple[int, int] | None:
        """(min, max) yuan per level gained; None without a costed firm or a level gained."""
        if not self.costed or self.costed_levels <= 0:
            return None
        return self.cost_min // self.costed_levels, -(-self.cost_max // self.costed_levels)

    def to_dict(self) -> dict[str, Any]:
        cpl = self.cost_per_level
        return {"provider": safe_text(self.provider) or None, "framework": self.framework_id, "firms": self.firms,
                "pairs": self.pairs, "mean_level_uplift": self.mean_level_uplift,
                "mean_points_uplift": self.mean_points_uplift, "levels_gained": self.levels_gained,
                "costed_firms": self.costed, "declared_firms": self.declared,
                "cost": {"min": self.cost_min, "max": self.cost_max} if self.costed else None,
                "cost_per_level": {"min": cpl[0], "max": cpl[1]} if cpl else None,
                "verified_firms": self.verified, "verification_differences": self.differences,
                "verification_points_effect": round(self.points_effect, 2),
                "verification_levels_changed": self.levels_changed}


def plan_cost(f: FirmStage) -> tuple[int, int] | None:
    """(min, max) yuan of the plan steps kept in the firm's baseline file, else its after file; None without."""
    for row in (f.baseline, f.after):
        if row is not None and row.plan_steps:
            return sum(s[1] for s in row.plan_steps), sum(s[2] for s in row.plan_steps)
    return None


def firm_cost(f: FirmStage) -> tuple[int, int, bool] | None:
    """(min, max, declared) yuan of one firm: its declared spend, else its plan steps' action costs."""
    if f.spend is not None:
        return f.spend, f.spend, True
    cost = plan_cost(f)
    return (cost[0], cost[1], False) if cost is not None else None


def _row(provider: str, fid: str, firms: Sequence[FirmStage]) -> ProviderRow:
    pairs = levels = costed = declared = cmin = cmax = clevels = verified = diffs = changed = 0
    points = effect = 0.0
    for f in firms:
        if f.baseline is not None and f.after is not None and f.after is not f.baseline:
            up = f.after.level - f.baseline.level
            pairs += 1
            levels += up
            points += f.after.total - f.baseline.total
            cost = firm_cost(f)
            if cost is not None:
                costed += 1
                declared += cost[2]
                cmin += cost[0]
                cmax += cost[1]
                clevels += up
        rated: AssessmentRow | None = f.rated
        if rated is not None:
            verified += 1
            diffs += rated.verify_diffs
            effect += rated.total - rated.self_total
            changed += rated.level != rated.self_level
    return ProviderRow(provider, fid, len(firms), pairs, levels, round(points, 4), costed, declared, cmin, cmax,
                       clevels, verified, diffs, round(effect, 4), changed)


def provider_scorecard(pipeline: Pipeline) -> tuple[ProviderRow, ...]:
    """One row per provider and framework, most firms first ("" — not given — last)."""
    groups: dict[tuple[str, str], list[FirmStage]] = defaultdict(list)
    for f in pipeline.firms:
        groups[(f.provider, f.framework_id)].append(f)
    rows = [_row(p, fid, fs) for (p, fid), fs in groups.items()]
    rows.sort(key=lambda r: (r.framework_id, r.provider == "", -r.firms, r.provider))
    return tuple(rows)
