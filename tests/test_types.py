"""The core type-checks cleanly (mypy); the layers above are not yet held to it."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy not installed")
def test_the_core_type_checks():
    proc = subprocess.run([sys.executable, "-m", "mypy", "smedigital/core", "--cache-dir", "/dev/null"],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
