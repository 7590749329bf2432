"""Writing outputs: only to the path asked for, and atomically (a reader never sees half a file)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str], suffix: str = ".tmp") -> Iterator[str]:
    """A temporary path beside ``path``; on success it is flushed to disk and replaces ``path``.

    Streaming writers (openpyxl's write-only workbooks, the long CSV) write to the path;
    ``core.assessment.atomic_write_bytes`` is the same for bytes already in memory.
    """
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=target.parent)
    os.close(fd)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if hasattr(os, "O_DIRECTORY"):  # the rename itself, on disk (as core.assessment.atomic_write_bytes does)
        with contextlib.suppress(OSError):
            fd = os.open(target.parent, os.O_DIRECTORY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
