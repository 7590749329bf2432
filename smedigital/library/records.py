"""The library's records the first window does without: an assessment's row, a piece of evidence, an
assessment taken out. Apart from :mod:`smedigital.library.library`, which imports this module when
it first makes one (a dataclass costs ~0.7 ms to define; issue 17)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class AssessmentInfo:
    """An assessment's row without its document."""

    id: int
    firm_id: int
    framework_id: str
    framework_version: str
    assessed_on: str
    created: str
    updated: str
    total_score: float | None
    level_index: int | None
    stage_index: int | None
    complete: bool


@dataclass(frozen=True, slots=True)
class Evidence:
    id: int
    assessment_id: int
    question_id: str
    sha256: str
    original_name: str
    size: int
    added: str
    path: Path


@dataclass(frozen=True, slots=True)
class RemovedAssessment:
    """An assessment taken out of the library by :meth:`Library.remove_assessment`, whole (its row and
    its evidence links), so that :meth:`Library.restore_assessment` can put it back."""

    id: int
    firm_id: int
    row: tuple[Any, ...]  # framework_id … complete, as stored
    evidence: tuple[tuple[Any, ...], ...]  # question_id, sha256, original_name, size, added
