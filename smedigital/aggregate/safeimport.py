"""Importing one file the user picked, behind the same guards as aggregation, in a worker process.

``import_file(path, lang="zh", time_limit=60.0)`` reads an assessment file
(``*.smd.json``), a filled questionnaire or an exported plan workbook (the firm's
plan edits included) and returns an :class:`ImportOutcome`: the
:class:`~smedigital.core.assessment.Assessment`, or ``None`` and the
:class:`ImportProblem` s that say why, each with a stable ``code``, where it is
(``Sheet!B7``, a JSON path such as ``answers["q1"].choice``, or empty for the
whole file) and the text in ``lang``.

It never raises for bad input and never hangs: the path is opened without
blocking and must be a regular file (a FIFO or ``/dev/zero`` is refused at
once); the bytes pass :func:`.guard.inspect_bytes` (size, zip bomb, XML
entities, the cell area a reader would materialise) before any reader sees
them; the reading runs in a spawned worker process with a memory limit, killed
after ``time_limit`` seconds (:func:`import_files` reads many files in one or a few workers
started once). Texts are capped at :data:`MAX_TEXT` characters and
the problems at :data:`MAX_PROBLEMS` (the last one then says how many more there
were). Safe to call from a GUI worker thread (it starts a process, never a Qt
object); importing this module loads nothing heavy.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

from smedigital.core.assessment import Assessment
from smedigital.core.words import table

from .guard import Limits, cap

MAX_PROBLEMS = 50
MAX_TEXT = 300
START_SECONDS = 60.0  # on top of time_limit while the worker imports (a slow or busy machine)

_WORDS = table("errors.import")


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """One reason a file cannot be imported: ``code`` is stable (see ``aggregate.words.REASONS``),
    ``where`` is ``Sheet!Cell``, a JSON path or empty (the whole file), ``text`` is in the asked language."""

    code: str
    where: str
    text: str

    def __str__(self) -> str:
        return f"{self.where}: {self.text}" if self.where else self.text


@dataclass(frozen=True)
class ImportOutcome:
    assessment: Assessment | None
    problems: list[ImportProblem] = field(default_factory=list)
    kind: str = ""  # assessment, template or workbook (when known)
    more: int = 0  # problems found but not listed (the last listed one, code "more", says so in words)

    @property
    def ok(self) -> bool:
        return self.assessment is not None and not self.problems


def _word(key: str, lang: str, **kw: Any) -> str:
    return _WORDS["en" if lang == "en" else "zh"][key].format(**kw)


def _bounded(problems: list[ImportProblem], lang: str) -> list[ImportProblem]:
    out = [ImportProblem(p.code, cap(p.where, 80), cap(p.text, MAX_TEXT)) for p in problems[:MAX_PROBLEMS]]
    if len(problems) > MAX_PROBLEMS:
        out[-1] = ImportProblem("more", "", _word("more", lang, n=len(problems) - MAX_PROBLEMS + 1))
    return out


def _finished(outcome: ImportOutcome, lang: str) -> ImportOutcome:
    more = max(0, len(outcome.problems) - MAX_PROBLEMS + 1) if len(outcome.problems) > MAX_PROBLEMS else 0
    return ImportOutcome(outcome.assessment, _bounded(outcome.problems, lang), outcome.kind, more)


# ---------------------------------------------------------------------------- in the worker

class _LazySheets(Mapping[str, Mapping[tuple[int, int], Any]]):
    """The sheets of a workbook for the importer, each read (by the aggregation reader) when asked for."""

    def __init__(self, sheets: Any):
        self.sheets = sheets

    def __getitem__(self, name: str) -> Mapping[tuple[int, int], Any]:
        if name not in self.sheets.names:
            raise KeyError(name)
        return self.sheets.get(name)

    def __contains__(self, name: object) -> bool:
        return name in self.sheets.names

    def __iter__(self) -> Iterator[str]:
        return iter(self.sheets.names)

    def __len__(self) -> int:
        return len(self.sheets.names)


def read_for_import(path: str, lang: str, limits: Limits) -> ImportOutcome:
    """Read and check one file in this process (the worker calls this); never raises for bad input."""
    from smedigital.core.assessment import AssessmentError, loads_assessment
    from smedigital.core.files import NotReadable, read_bounded
    from smedigital.core.text import code_of, in_lang
    from smedigital.export.importer import ImportProblems, assessment_from_values
    from smedigital.export.record import RECORD_SHEET, WORKBOOK_FORMAT, read_key_values

    from .guard import Rejected, inspect_bytes
    from .reader import Sheets, not_utf8

    def problem(code: str, where: str, message: object) -> ImportProblem:
        return ImportProblem(code_of(message, code), where, in_lang(message, lang))

    try:
        data = read_bounded(path, limits.max_file_bytes)
        kind = inspect_bytes(data, path, limits)
        if kind == "json":
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                raise not_utf8() from None
            try:
                return ImportOutcome(loads_assessment(text, path), [], "assessment")
            except AssessmentError as exc:
                return ImportOutcome(None, [problem("invalid", p.location, p.message) for p in exc.problems],
                                     "assessment")
        sheets = Sheets(data, path)
        try:
            values = _LazySheets(sheets)
            try:
                assessment = assessment_from_values(sheets.names, values, path)
            except ImportProblems as exc:
                return ImportOutcome(None, [problem("invalid", p.where, p.message) for p in exc.problems])
            fmt = read_key_values(values[RECORD_SHEET]).get("format") if RECORD_SHEET in values else None
            return ImportOutcome(assessment, [], "workbook" if fmt == WORKBOOK_FORMAT else "template")
        finally:
            sheets.close()
    except NotReadable as exc:
        return ImportOutcome(None, [ImportProblem(exc.code, "", exc.text(lang))])
    except Rejected as exc:
        return ImportOutcome(None, [ImportProblem(exc.code, "", exc.text(lang))])
    except MemoryError:
        return ImportOutcome(None, [ImportProblem("crashed", "", _word("crashed", lang, code="MemoryError"))])
    except RecursionError:
        return ImportOutcome(None, [ImportProblem("damaged", "", _word("nested", lang))])
    except Exception as exc:  # noqa: BLE001 - never a traceback for a bad file
        what = f"{type(exc).__name__}: {cap(str(exc), 200)}"
        return ImportOutcome(None, [ImportProblem("unreadable", "", _word("read_error", lang, what=what))])


def _child(conn: Any, path: str, lang: str, limits: Limits) -> None:
    from . import reader  # noqa: F401 - the readers and frameworks load before the clock starts
    from .pool import limit_memory, warm_up

    warm_up()
    limit_memory(limits)
    try:
        conn.send("ready")
        outcome = read_for_import(path, lang, limits)
        conn.send(_finished(outcome, lang))
    finally:
        conn.close()


# ---------------------------------------------------------------------------- in the caller

def import_file(path: str | os.PathLike[str], *, lang: str = "zh", time_limit: float = 60.0,
                limits: Limits | None = None) -> ImportOutcome:
    """Import one file safely (see the module docstring); never raises for bad input, never hangs.

    ``time_limit`` counts from when the worker process is ready to read (starting it, which loads
    the readers and frameworks, may take up to :data:`START_SECONDS` more on a busy machine).
    """
    from multiprocessing.connection import wait

    lang = "en" if lang == "en" else "zh"
    path = os.fspath(path)
    limits = limits or Limits()
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(child, path, lang, limits), daemon=True, name="smedigital-import")
    try:
        process.start()
    except OSError as exc:
        parent.close()
        child.close()
        return ImportOutcome(None, [ImportProblem("crashed", "", _word("no-worker", lang, why=exc.strerror or exc))])
    child.close()
    deadline = time.monotonic() + START_SECONDS
    outcome: ImportOutcome | None = None
    timed_out = False
    try:
        while outcome is None:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            ready = wait([parent, process.sentinel], left)
            if parent in ready or parent.poll():
                try:
                    message = parent.recv()
                except (EOFError, OSError):
                    break
                if message == "ready":
                    deadline = time.monotonic() + time_limit
                else:
                    outcome = message
            elif process.sentinel in ready:
                break
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        parent.close()
    if outcome is not None:
        return outcome
    if timed_out:
        return ImportOutcome(None, [ImportProblem("timeout", "", _word("timeout", lang, s=time_limit))])
    return ImportOutcome(None, [ImportProblem("crashed", "", _word("crashed", lang, code=process.exitcode))])


# ---------------------------------------------------------------------------- many files

@dataclass(frozen=True)
class _Imported:
    """What a pool worker sends back for one file (the pool knows files by ``index``)."""

    index: int
    path: str
    outcome: ImportOutcome


def _pool_reader(lang: str, index: int, path: str, limits: Limits) -> _Imported:
    outcome = read_for_import(path, lang, limits)
    return _Imported(index, path, _finished(outcome, lang))


def import_files(paths: Sequence[str | os.PathLike[str]], *, lang: str = "zh", time_limit: float = 60.0,
                 limits: Limits | None = None, workers: int | None = 1,
                 cancel: threading.Event | None = None) -> Iterator[tuple[str, ImportOutcome]]:
    """:func:`import_file` for many files, in ``workers`` worker processes started once (not one per file).

    Yields ``(path, outcome)`` in the order the files finish; a file still being read after
    ``time_limit`` seconds, or whose reader dies, gets a ``timeout`` or ``crashed`` problem and the
    others go on. Stops early when ``cancel`` is set (the files not read yet are not yielded).
    """
    from .pool import run_files

    lang = "en" if lang == "en" else "zh"
    base = limits or Limits()
    limits = replace(base, seconds_per_file=time_limit,
                     seconds_per_run=base.seconds_per_run if base.seconds_per_run is not None else float("inf"))
    items = [(i, os.fspath(p)) for i, p in enumerate(paths)]
    reader = partial(_pool_reader, lang)
    for done in run_files(items, limits, workers, cancel, reader):  # type: ignore[arg-type]  # the pool carries any reader's result; Reader names the usual one
        if isinstance(done, _Imported):
            yield done.path, done.outcome
        else:  # the pool's own outcome: the file timed out or its reader died
            text = done.detail if lang == "en" else (done.detail_zh or done.detail)
            yield done.path, ImportOutcome(None, [ImportProblem(done.code, "", text)])
