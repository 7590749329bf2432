"""The Qt binding in use must not leak references to None (PySide6 6.12.0 on Python 3.11 does)."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtWidgets import QLabel


def test_calls_returning_nothing_keep_the_reference_count_of_none(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
    assert sys.getrefcount(None) - before > -100, "the Qt binding drops references to None: pin PySide6 < 6.12"


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on")
def test_the_guard_protects_none_where_the_binding_drops_references(monkeypatch):
    import PySide6

    from smedigital.ui import qtguard

    monkeypatch.setattr(PySide6, "__version_info__", (6, 11, 3, "", ""))
    before = sys.getrefcount(None)
    qtguard.guard_singletons()  # a binding that keeps its counts: nothing to do (ctypes not needed)
    assert sys.getrefcount(None) < before + 1000
    monkeypatch.setattr(PySide6, "__version_info__", (6, 12, 0, "", ""))
    qtguard.guard_singletons()
    assert sys.getrefcount(None) > 1 << 39, "None would run out of references under PySide6 6.12"
