"""The tidy CSV: one row per accepted assessment and indicator, for pivot tables, R or pandas.

UTF-8 with a byte-order mark (so Excel reads Chinese correctly), CRLF line ends,
a header of machine names (the same whatever the language)::

    firm_key, firm_name, credit_code, file, framework, assessed_on, question_id, dimension, kind,
    answer, points, max_points, level, na

``firm_name`` and ``credit_code`` are the firm's as its newest file gives them (empty when not
given); ``file`` is the file read (``archive.zip!/member`` for a zip attachment's member).
``answer`` is the option id, ``a;b`` for several, the level 0-4, ``na``, or
empty when unanswered; ``max_points`` is 0 for a question answered "not
applicable" (it does not count), ``na`` is 1 or 0. Text that a spreadsheet could
take for a formula is prefixed with ``'``; a file name that is not UTF-8, or a lone surrogate,
is written escaped (``\\xff``, ``\\ud800``). Rows come in input-file order; the
duplicates and rejected files have none.
"""

from __future__ import annotations

import csv
import io
import os

from smedigital.core.files import atomic_output
from smedigital.core.text import safe_text

from .model import AggregateResult
from .reader import LONG_COLUMNS, csv_text


def write_long_csv(result: AggregateResult, path: str | os.PathLike[str]) -> int:
    """Write the long CSV to ``path`` atomically, streaming; returns the number of rows written."""
    count = 0
    with atomic_output(path, ".csv") as tmp, \
            open(tmp, "w", encoding="utf-8-sig", errors="backslashreplace", newline="") as fh:
        out = csv.writer(fh, lineterminator="\r\n")
        out.writerow(LONG_COLUMNS)
        for row in result.assessments():
            block = result.spool.get(row.index)
            if not block:
                continue
            prefix = io.StringIO()
            csv.writer(prefix, lineterminator="").writerow((csv_text(safe_text(row.firm_key)),
                                                           csv_text(safe_text(row.name)),
                                                           csv_text(safe_text(row.credit_code)),
                                                           csv_text(safe_text(row.path))))
            lead = prefix.getvalue() + ","
            lines = block.split("\r\n")[:-1]  # no field holds a line break: ids, dates and numbers only
            fh.writelines(f"{lead}{line}\r\n" for line in lines)
            count += len(lines)
    return count
