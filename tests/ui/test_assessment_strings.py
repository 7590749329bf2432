"""Every interface string of the assessment workspace has its Chinese in zh_strings.tsv."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import defusedxml.ElementTree as ET
import pytest

PKG = Path(__file__).resolve().parents[2] / "smedigital" / "ui" / "assessment"
TSV = PKG / "zh_strings.tsv"


def tsv_rows() -> list[tuple[str, str, str]]:
    rows = []
    for line in TSV.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            ctx, src, zh = line.split("\t")
            rows.append((ctx, src, zh))
    return rows


def test_translations_keep_placeholders_and_mnemonics():
    for ctx, src, zh in tsv_rows():
        assert sorted(re.findall(r"%\d", src)) == sorted(re.findall(r"%\d", zh)), (ctx, src)
        assert ("&" in src) == ("&" in zh), (ctx, src)
        assert zh.strip(), (ctx, src)


def _lupdate() -> str | None:
    here = Path(sys.executable).parent / "pyside6-lupdate"
    return str(here) if here.exists() else shutil.which("pyside6-lupdate")


@pytest.mark.skipif(_lupdate() is None, reason="pyside6-lupdate is not installed")
def test_every_string_in_the_code_has_a_translation(tmp_path):
    ts = tmp_path / "assessment.ts"
    files = sorted(str(p) for p in PKG.glob("*.py"))
    subprocess.run([_lupdate(), *files, "-ts", str(ts)], check=True, capture_output=True)
    found = {(ctx.find("name").text, m.find("source").text)
             for ctx in ET.parse(ts).getroot().iter("context") for m in ctx.iter("message")}
    have = {(ctx, src) for ctx, src, _ in tsv_rows()}
    assert found - have == set()
    assert have - found == set()  # no stale entries
