"""Test set-up: Qt runs offscreen, data lives in temporary folders, and a Qt warning fails a test."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ["SMEDIGITAL_NO_NETWORK"] = "1"

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory, monkeypatch):
    """Every test gets its own user data directory; nothing touches the real one."""
    data = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("SMEDIGITAL_DATA_DIR", str(data))
    yield data
