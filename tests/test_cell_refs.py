"""Cell references read without openpyxl (export.cells.cell_rc) read as openpyxl reads them, and a reading
worker's imports leave openpyxl out."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
from openpyxl.utils.exceptions import CellCoordinatesException

from smedigital.export.cells import cell_rc


def openpyxl_rc(text):
    col, row = coordinate_from_string(text)
    return row, column_index_from_string(col)


@pytest.mark.parametrize("ref", ["A1", "B12", "$C$7", "c7", "Z26", "AA1", "AZ3", "ZZ9", "AAA1", "XFD1048576", "ZZZ2",
                                 "B12\n", "$A1", "A$1", "B٣"])
def test_a_cell_reference_reads_as_openpyxl_reads_it(ref):
    assert cell_rc(ref) == openpyxl_rc(ref)


@pytest.mark.parametrize("ref", ["A0", "1A", "", "AAAA1", "A", "12", "A-1", " A1", "A1 ", "É1", "$$A1", "A1:B2"])
def test_what_is_no_cell_reference_is_refused_as_openpyxl_refuses_it(ref):
    with pytest.raises(CellCoordinatesException) as theirs:
        openpyxl_rc(ref)
    with pytest.raises(CellCoordinatesException) as mine:
        cell_rc(ref)
    assert str(mine.value) == str(theirs.value)


def test_a_reading_worker_imports_neither_openpyxl_nor_the_plan_writer():
    code = ("import sys; import smedigital.aggregate.pool, smedigital.aggregate.reader; "
            "print(sorted(m for m in ('openpyxl', 'smedigital.export.workbook', 'smedigital.export.template') "
            "if m in sys.modules))")
    root = str(Path(__file__).resolve().parents[1])  # this checkout's code, whatever is installed
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (root, os.environ.get("PYTHONPATH"))))}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env,
                         cwd=root).stdout
    assert out.strip() == "[]"
