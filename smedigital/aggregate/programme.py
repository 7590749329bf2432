"""The pilot programme's view of one aggregation: each firm's stage, the targets' progress and the 服务商
scorecard, computed together from an :class:`~.model.AggregateResult` (see :mod:`.pipeline`, :mod:`.targets`,
:mod:`.providers`); what the command line prints as JSON and the 推荐汇总表 workbook shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .model import AggregateResult
from .pipeline import OfficeStages, Pipeline, build_pipeline
from .providers import ProviderRow, provider_scorecard
from .targets import Target, TargetProgress, targets_progress


@dataclass(frozen=True)
class Programme:
    pipeline: Pipeline
    progress: tuple[TargetProgress, ...] | None  # None: no targets file
    providers: tuple[ProviderRow, ...]

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        return {"pipeline": self.pipeline.to_dict(lang),
                "targets": [t.to_dict(lang) for t in self.progress] if self.progress is not None else None,
                "providers": [p.to_dict() for p in self.providers]}


def build_programme(result: AggregateResult, stages: OfficeStages | None = None, targets: Sequence[Target] | None = None,
              today: dt.date | None = None) -> Programme:
    pipeline = build_pipeline(result, stages)
    progress = targets_progress(targets, pipeline, today) if targets is not None else None
    return Programme(pipeline, progress, provider_scorecard(pipeline))
