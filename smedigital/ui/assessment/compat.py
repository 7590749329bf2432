"""A guard against a reference-counting fault of PySide6 6.12 on Python 3.11.

On Python 3.11 every call of a PySide6 6.12 method that returns nothing (``setText``,
``setChecked``...) drops one reference to ``None`` that it never took (Python 3.12 made
``None``, ``True`` and ``False`` immortal, so there it is harmless). After a few thousand
calls the count reaches zero and the interpreter aborts with "Fatal Python error:
none_dealloc". :func:`guard_singletons` gives the three singletons a reference count so
large that no session can use it up, which is what Python 3.12 does for them.
"""

from __future__ import annotations

import ctypes
import sys

_MARGIN = 1 << 40


def needs_guard() -> bool:
    return sys.version_info < (3, 12)


def guard_singletons() -> None:
    """Make ``None``, ``True`` and ``False`` practically immortal (Python < 3.12 only; idempotent)."""
    if not needs_guard():
        return
    for obj in (None, True, False):
        refcnt = ctypes.c_ssize_t.from_address(id(obj))
        if refcnt.value < _MARGIN // 2:
            refcnt.value += _MARGIN
