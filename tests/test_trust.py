"""Trustworthy content: one rounding rule for scores, the pre-assessment caveat and provenance,
policy attribution, size mapping examples, MIIT scene wording and a stage that never contradicts the level."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest
from test_export_workbook import miit_library, sample

from smedigital.cli import main
from smedigital.core.planning import build_plan
from smedigital.core.wording import SCORE_NUMBER_FORMAT, fmt_score, round_score
from smedigital.export.report import build_report
from smedigital.export.workbook import write_plan_workbook

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "samples" / "manufacturer-miit.smd.json"
PDFTOTEXT = shutil.which("pdftotext")


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    out = subprocess.run([PDFTOTEXT, "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", out)


# --------------------------------------------------------------------- one answer, one number

@pytest.mark.parametrize(("value", "shown"), [
    (Fraction(4465, 100), "44.7"),        # half up, not to even
    (44.65, "44.7"),                      # a float is read by its decimal text, not its binary value
    (Fraction(4464999, 100000), "44.6"),
    (Fraction(134, 3), "44.7"),           # 44.666…
    (Fraction(2069, 40), "51.7"),         # 51.725: one decimal, so 51.7, never 51.73
    (40, "40.0"),
    (0, "0.0"),
    (Fraction(1, 20), "0.1"),
])
def test_one_rounding_rule(value, shown):
    assert fmt_score(value) == shown
    assert round_score(value) == Decimal(shown)


def test_the_sample_total_is_the_same_number_in_the_command_line_workbook_and_report(capsys, tmp_path):
    assert main(["score", str(SAMPLE), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["total_score"] == 51.725  # the JSON keeps full precision
    assert main(["score", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert "51.7 / 100" in out and "51.73" not in out and "51.72" not in out

    a = sample()
    path = tmp_path / "plan.xlsx"
    write_plan_workbook(a, path, "zh", build_plan(a, "level:2", library=miit_library()))
    ws = openpyxl.load_workbook(path).worksheets[0]
    totals = [c for row in ws.iter_rows() for c in row if c.value == 51.725]
    assert totals and all(c.number_format == SCORE_NUMBER_FORMAT == "0.0" for c in totals)
    scores = [c for row in ws.iter_rows() for c in row
              if isinstance(c.value, float) and c.number_format in ("0.00", "0.000")]
    assert scores == []  # no score shown with two decimals

    if PDFTOTEXT is not None:
        text = pdf_text(build_report(a, "zh", build_plan(a, "level:2", library=miit_library()), charts=False),
                        tmp_path)
        assert "51.7/100" in text and "51.73" not in text and "51.72" not in text
