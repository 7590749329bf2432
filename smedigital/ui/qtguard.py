"""Keep PySide6 6.12 on Python 3.11 from aborting a long session.

There, every call of a PySide6 method that returns nothing drops one reference to ``None``
it never took; after some thousands of calls Python aborts with "Fatal Python error:
none_dealloc". Python 3.12 made ``None``, ``True`` and ``False`` immortal; this gives them
a reference count no session can use up, which amounts to the same. pyproject.toml pins
PySide6 below 6.12 for this reason; the guard stays for an installation that got 6.12
anyway, and ``tests/ui/test_qt_binding.py`` fails on a binding that leaks.
"""

from __future__ import annotations

import ctypes
import sys

_MARGIN = 1 << 40


def guard_singletons() -> None:
    """Make ``None``, ``True`` and ``False`` practically immortal (Python < 3.12 only; idempotent)."""
    if sys.version_info >= (3, 12):
        return
    for obj in (None, True, False):
        refcnt = ctypes.c_ssize_t.from_address(id(obj))
        if refcnt.value < _MARGIN // 2:
            refcnt.value += _MARGIN
