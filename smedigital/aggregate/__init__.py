"""Aggregation for industry offices: many firms' workbooks into one regional picture.

``aggregate(paths, progress, cancel)`` reads plan workbooks, filled
questionnaires and ``*.smd.json`` files from folders and files (hostile ones
included: see :mod:`.guard`), on all cores with a time limit per file
(:mod:`.pool`), and returns an :class:`~.model.AggregateResult`: every file with
its status and reason, every firm with its history, counts and tables.
:func:`write_summary` writes the summary workbook, :func:`write_long_csv` the
tidy CSV. :func:`build_programme` gives the pilot programme's view of a result (each firm's stage, the office's
targets' progress, the 服务商 scorecard) and :func:`write_recommendation` the 推荐汇总表 workbook. Builds on :mod:`smedigital.core` and :mod:`smedigital.export`; never
imports Qt. Importing this package loads nothing heavy until a name is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .guard import Limits
    from .longcsv import write_long_csv
    from .model import AggregateResult, FileStatus, Firm
    from .programme import build_programme
    from .recommend import write_recommendation
    from .run import aggregate, collect_files
    from .summary import write_summary

__all__ = ["AggregateResult", "FileStatus", "Firm", "Limits", "aggregate", "build_programme", "collect_files",
           "write_long_csv", "write_recommendation", "write_summary"]

_WHERE = {"Limits": "guard", "write_long_csv": "longcsv", "AggregateResult": "model", "FileStatus": "model",
          "Firm": "model", "aggregate": "run", "collect_files": "run", "write_summary": "summary",
          "build_programme": "programme", "write_recommendation": "recommend"}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
