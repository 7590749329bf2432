"""The regional overview for local industry offices: many firms' workbooks and assessment files at once.

:class:`OfficeView` takes a folder (and files) of plan workbooks, filled questionnaires and
``.smd.json`` files, runs :func:`smedigital.aggregate.aggregate` on a worker thread with a
progress bar and a Cancel button, and shows the counts, the tables by industry, size and
region, the summary workbook's charts, the file log, and each firm's history. It saves the
summary workbook, the long CSV and the anonymised benchmark file. Each tab is its own widget
(``overview_tab``, ``groups_tab``, ``firms_tab``, ``files_tab``; the inputs and run bar in
``run_bar``); the view owns the run, the framework shown and the saving. Imported when first
shown (it loads matplotlib).
"""

from .view import OfficeView

__all__ = ["OfficeView"]
