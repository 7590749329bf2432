"""Aggregation for industry offices: many firms' workbooks into one regional picture.

``aggregate(paths, progress, cancel)`` reads plan workbooks, filled
questionnaires and ``*.smd.json`` files from folders and files (hostile ones
included: see :mod:`.guard`), on all cores with a time limit per file
(:mod:`.pool`), and returns an :class:`~.model.AggregateResult`: every file with
its status and reason, every firm with its history, counts and tables.
:func:`write_summary` writes the summary workbook, :func:`write_long_csv` the
tidy CSV. Builds on :mod:`smedigital.core` and :mod:`smedigital.export`; never
imports Qt. Importing this package loads nothing heavy until a name is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .guard import Limits
    from .longcsv import write_long_csv
    from .model import AggregateResult, FileStatus, Firm
    from .run import aggregate, collect_files
    from .summary import write_summary

__all__ = ["AggregateResult", "FileStatus", "Firm", "Limits", "aggregate", "collect_files", "write_long_csv",
           "write_summary"]

_WHERE = {"Limits": "guard", "write_long_csv": "longcsv", "AggregateResult": "model", "FileStatus": "model",
          "Firm": "model", "aggregate": "run", "collect_files": "run", "write_summary": "summary"}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
