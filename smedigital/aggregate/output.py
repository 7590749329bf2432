"""Writing outputs: only to the path asked for, and atomically (a reader never sees half a file)."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path


def ordinary_mode(target: Path) -> int:
    """The mode a plain ``open()`` would give a new file (0666 less the umask), or the mode of the file replaced."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


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
        os.chmod(tmp, ordinary_mode(target))  # mkstemp makes it private (0600); a save is not
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
