"""``aggregate(paths)``: from folders and files to an :class:`~.model.AggregateResult`."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterable, Mapping
from operator import attrgetter

from smedigital.export.signing import TrustedKey

from .archive import expand
from .guard import Limits
from .model import AggregateResult, IndicatorSpool, decide
from .pool import Reader, run_files
from .reader import AssessmentRow, FileOutcome, read_file

log = logging.getLogger("smedigital.aggregate")

Progress = Callable[[int, int], None]


def collect_files(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """Every file named or found in a named folder (recursively, sorted, symbolic links to folders not
    followed), each once, in the order given. Every file counts: what is not an assessment is rejected
    with its reason, never dropped. Raises FileNotFoundError for a path that does not exist."""
    out: list[str] = []
    seen: set[str] = set()

    def add(p: str, real: str | None = None) -> None:
        real = real or os.path.realpath(p)
        if real not in seen:
            seen.add(real)
            out.append(p)

    for raw in paths:
        p = os.fspath(raw)
        if os.path.isdir(p):
            _walk(p, add)
        elif os.path.lexists(p):
            add(p)
        else:
            raise FileNotFoundError(p)
    return out


def _walk(top: str, add: Callable[[str, str | None], None]) -> None:
    """``os.walk(top)``'s files, each folder's sorted and before its sorted subfolders', handed to ``add`` with
    its real path: a file that is no symbolic link is its folder's real path and its name (one ``realpath`` per
    folder, not one per file: ``realpath`` looks at every part of the path). A folder that cannot be listed is
    handed over itself, to be rejected with the reason; a symbolic link to a folder is neither followed nor a
    file (as ``os.walk`` without ``followlinks``)."""
    folders = [top]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as err:
            add(err.filename if err.filename is not None else folder, None)
            continue
        files: list[os.DirEntry[str]] = []
        subfolders: list[os.DirEntry[str]] = []
        for entry in entries:
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            (subfolders if is_dir else files).append(entry)
        real = os.path.realpath(folder)
        for entry in sorted(files, key=lambda e: e.name):
            add(entry.path, os.path.join(real, entry.name) if not entry.is_symlink() else None)
        folders.extend(e.path for e in sorted(subfolders, key=lambda e: e.name, reverse=True) if not e.is_symlink())


def inside_inputs(path: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]]) -> bool:
    """Whether ``path`` is one of the input folders or inside one (a run would read it back)."""
    real = os.path.realpath(path)
    for raw in inputs:
        p = os.fspath(raw)
        if not os.path.isdir(p):
            continue
        folder = os.path.realpath(p)
        if real == folder or real.startswith(folder.rstrip(os.sep) + os.sep):
            return True
    return False


_SHARED_TEXT = ("source", "region", "industry", "industry_section", "size", "framework_id", "framework_version",
                "assessed_on", "exported_at", "signature", "assessor", "purpose", "signed_off_on", "verified_on",
                "verifier", "division")
_SHARED_ITEMS = ("pillars", "dimensions", "gap_questions", "gap_scenes", "missing_mandatory", "flags", "scenes",
                 "plan_steps")
_NUMBERS = frozenset(("pillars", "dimensions"))  # items holding floats: shared in a table of their own
_TEXTS_OF = attrgetter(*_SHARED_TEXT)
_ITEMS_OF = attrgetter(*_SHARED_ITEMS)


class Shared:
    """One copy of each value many rows hold: a row arrives from its worker with its own copies of the
    question ids, the (scene, level) pairs, the plan steps' categories and costs, the plausibility flags, the
    signing key, the file's path, …; at ten thousand files those copies are most of the run's memory. Values
    are equal, so nothing a row says changes. Values holding floats are kept apart: ``1 == 1.0``, so one table
    could hand back an int for a float (and a score would print as ``1`` instead of ``1.0``); and a float is
    shared only when it prints the same (``-0.0 == 0.0``)."""

    def __init__(self) -> None:
        self.seen: dict[object, object] = {}
        self.numbers: dict[object, object] = {}  # only float-valued items: every key is of one kind

    def one(self, value: object) -> object:
        return self.seen.setdefault(value, value)

    def number(self, value: object) -> object:
        kept = self.numbers.setdefault(value, value)
        return kept if kept is value or repr(kept) == repr(value) else value  # -0.0 == 0.0, yet prints apart

    def outcome(self, outcome: FileOutcome, path: str) -> None:
        """The outcome's own copies of the path (``path``: the parent's, the same text) and of the signing
        key's fingerprint, which every file signed with one key repeats, replaced by one each."""
        if outcome.path == path:
            outcome.path = path
        outcome.signer = str(self.one(outcome.signer))
        outcome.signature = str(self.one(outcome.signature))
        outcome.code = str(self.one(outcome.code))
        if outcome.row is not None:
            self.row(outcome.row, path)

    def row(self, row: AssessmentRow, path: str | None = None) -> None:
        kept = self.seen.setdefault  # called as kept(value, value): C calls, no frame of ours per value
        if path is not None and row.path == path:
            row.path = path
        for name, value in zip(_SHARED_TEXT, _TEXTS_OF(row), strict=True):
            setattr(row, name, kept(value, value))
        # a flag's English and Chinese text are often the same text (values and ids): one string for both
        row.flags = tuple((code, en, en if zh == en else zh) for code, en, zh in row.flags)
        for name, items in zip(_SHARED_ITEMS, _ITEMS_OF(row), strict=True):
            setattr(row, name, tuple(map(self.number, items) if name in _NUMBERS else map(kept, items, items)))
        if row.self_total == row.total and repr(row.self_total) == repr(row.total):  # nothing verified
            row.self_total = row.total


def aggregate(paths: Iterable[str | os.PathLike[str]], progress: Progress | None = None,
              cancel: threading.Event | None = None, *, workers: int | None = None,
              limits: Limits | None = None, reader: Reader = read_file,
              trusted: Mapping[str, TrustedKey] | None = None) -> AggregateResult:
    """Read every file under ``paths`` and build the regional picture.

    ``progress(done, total)`` is called in the calling thread after each file;
    setting ``cancel`` stops the run early (the files not read yet are listed as
    skipped and ``result.cancelled`` is true). ``workers``: processes to use
    (default: one per core; 0 reads in this process, without a time limit per file).
    ``trusted``: the office's trusted keys (:func:`~smedigital.export.signing.load_trusted_keys`); a
    file signed by one of them is reported as trusted, with who signed it.
    Call ``result.close()`` (or use it in a ``with``) when done with it.
    """
    limits = limits or Limits()
    files = []
    for path in collect_files(paths):  # a zip attachment: each member is a file of its own
        files.extend(expand(path, limits) or [path])
    spool = IndicatorSpool()
    shared = Shared()
    outcomes: dict[int, FileOutcome] = {}
    total = len(files)
    if progress is not None:
        progress(0, total)
    try:
        for outcome in run_files(list(enumerate(files)), limits, workers, cancel, reader):
            spool.add(outcome.index, outcome.long_rows)
            outcome.long_rows = ""
            shared.outcome(outcome, files[outcome.index])
            outcomes[outcome.index] = outcome
            if outcome.status != "accepted":
                log.info("%s: %s %s", outcome.path, outcome.code, outcome.detail)
            if progress is not None:
                progress(len(outcomes), total)
    except BaseException:
        spool.close()
        raise
    cancelled = len(outcomes) < total
    return decide(files, outcomes, cancelled, spool, trusted)

