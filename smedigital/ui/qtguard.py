"""Keep PySide6 6.12 on Python 3.11 from aborting a long session.

There, every call of a PySide6 method that returns nothing drops one reference to ``None``
it never took; after some thousands of calls Python aborts with "Fatal Python error:
none_dealloc". Python 3.12 made ``None``, ``True`` and ``False`` immortal; this gives them
a reference count no session can use up, which amounts to the same. pyproject.toml pins
PySide6 below 6.12 for this reason; the guard stays for an installation that got 6.12
anyway, and ``tests/ui/test_qt_binding.py`` fails on a binding that leaks.
"""

from __future__ import annotations

import sys

_MARGIN = 1 << 40
LEAKING_FROM = (6, 12)  # the first PySide6 that drops references to None (check_binding finds one that does)


def guard_singletons() -> None:
    """Make ``None``, ``True`` and ``False`` practically immortal (Python < 3.12 with PySide6 6.12 or
    later only; idempotent). Imports PySide6 (to read its version)."""
    if sys.version_info >= (3, 12):
        return
    import PySide6

    if tuple(PySide6.__version_info__[:2]) < LEAKING_FROM:  # the bindings before it keep their counts
        return
    import ctypes  # ~2 ms: only where it is needed

    for obj in (None, True, False):
        refcnt = ctypes.c_ssize_t.from_address(id(obj))
        if refcnt.value < _MARGIN // 2:
            refcnt.value += _MARGIN


def check_binding(calls: int = 2000) -> str:
    """Check the binding's behaviour the program relies on; return "PySide6 x (Qt y), Python z".

    The Linux packages carry an older PySide6 and Python than development (built on Debian 11:
    PySide6 6.9 on x86-64, 6.8 on arm64, Python 3.11.2), so the self-test runs this there: the
    binding must be at least 6.7 (pyproject.toml's floor) and must not drop references to
    ``None`` (what :func:`guard_singletons` works around; needs a QApplication).
    """
    import PySide6
    from PySide6.QtCore import qVersion
    from PySide6.QtWidgets import QLabel

    version = tuple(int(part) for part in PySide6.__version__.split(".")[:2])
    if version < (6, 7):
        raise RuntimeError(f"PySide6 {PySide6.__version__} is older than 6.7")
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(calls):
        label.setText("x")
    lost = before - sys.getrefcount(None)
    label.deleteLater()
    if lost > calls // 20:
        raise RuntimeError(f"PySide6 {PySide6.__version__} dropped {lost} references to None in {calls} calls")
    python = ".".join(map(str, sys.version_info[:3]))
    return f"PySide6 {PySide6.__version__} (Qt {qVersion()}), Python {python}"
