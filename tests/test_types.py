"""The whole package type-checks cleanly (mypy, with the config in pyproject.toml), and every
``type: ignore`` in it names the error it silences and says why."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy not installed")
def test_the_package_type_checks():
    proc = subprocess.run([sys.executable, "-m", "mypy", "smedigital", "--cache-dir", "/dev/null"],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]


IGNORE = re.compile(r"#\s*type:\s*ignore(?P<rest>.*)$")
EXPLAINED = re.compile(r"^\[[a-z-]+(,\s*[a-z-]+)*\]\s+#\s*\S")


def test_every_type_ignore_names_its_code_and_why():
    bare = []
    for path in sorted((ROOT / "smedigital").rglob("*.py")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            found = IGNORE.search(line)
            if found and not EXPLAINED.match(found["rest"].strip()):
                bare.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert bare == []
