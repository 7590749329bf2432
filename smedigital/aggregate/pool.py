"""Reading many files on all cores, each file under a time limit.

A small supervisor over ``multiprocessing`` worker processes (spawned, so it is
safe from a Qt application and behaves the same on Windows). Files go out in
chunks, the next one before a worker has finished the one it holds (it never waits
for work); each worker sends one result per file back as soon as it has it, so the
parent always knows which file a worker is on and since when. The parent reads them
in gatherings, at most one wake every :data:`GATHER` seconds (a wake per file cost the
parent more than the file's own row). A worker that
takes longer than :attr:`~.guard.Limits.seconds_per_file` on one file, or dies
(a crash in a native reader, running out of memory), is killed and replaced:
that file is rejected with the reason, the rest of its chunk goes to the next
worker. ``concurrent.futures.ProcessPoolExecutor`` cannot do that: it can
neither stop one task nor survive the death of one worker.

Results stream out in the order they finish; nothing but the compact
:class:`~.reader.FileOutcome` crosses between processes.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import select
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any

from .guard import Limits
from .reader import FileOutcome, forget_scored, read_file, rejected
from .worker import worker_main

Reader = Callable[[int, str, Limits], FileOutcome]
CHUNK = 16
START_SECONDS = 120.0  # a worker's imports, on a slow or busy machine
_POLL = 0.1  # how often a waiting parent looks at the cancel flag
GATHER = 0.02  # seconds: the parent wakes at most this often, reading every result sent meanwhile


class WorkersFailed(RuntimeError):
    """Worker processes could not be started."""


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def warm_up() -> None:
    """Load what every file needs once per worker (the readers come with this module's imports)."""
    from smedigital.core.framework import bundled_frameworks
    from smedigital.core.profile import load_industries, load_size_standard

    bundled_frameworks()
    load_industries()
    load_size_standard()


def limit_memory(limits: Limits) -> None:
    """Cap this process's address space at ``limits.max_memory_bytes`` (on systems that can)."""
    try:
        import resource
    except ImportError:  # Windows
        return
    want = limits.max_memory_bytes
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            want = min(want, hard)
        if soft == resource.RLIM_INFINITY or soft > want:
            resource.setrlimit(resource.RLIMIT_AS, (want, hard))
    except (ValueError, OSError, AttributeError):
        pass


def serve(conn: Connection, limits: Limits, reader: Reader) -> None:
    """A worker's loop (entered from :func:`.worker.worker_main`): chunks in, one outcome per file out."""
    warm_up()
    # what every file reads (modules, frameworks, tables) lives as long as the worker: kept out of the cyclic
    # collector's passes, which otherwise walk it again and again (a worker's collections took half the time)
    gc.freeze()
    limit_memory(limits)
    conn.send("ready")
    while True:
        try:
            chunk = conn.recv()
        except (EOFError, OSError):
            return
        if chunk is None:
            return
        for index, path in chunk:
            conn.send(reader(index, path, limits))


class _Worker:
    def __init__(self, ctx: Any, limits: Limits, reader: Reader):
        self.conn, child = ctx.Pipe(duplex=True)
        self.process = ctx.Process(target=worker_main, args=(child, limits, pickle.dumps(reader)), daemon=True,
                                   name="smedigital-aggregate")
        self.process.start()
        child.close()
        self.ready = False
        self.todo: deque[tuple[int, str]] = deque()
        self.deadline = time.monotonic() + START_SECONDS
        self._poll = _poller(self.conn)

    def waiting(self) -> bool:
        """Whether a message (or the pipe's end) waits to be read: :meth:`Connection.poll`, through a poll object
        kept for the pipe where the system has one (``Connection.poll`` builds a selector on every call, and the
        parent asks once a file)."""
        return bool(self._poll(0)) if self._poll is not None else self.conn.poll()

    def give(self, chunk: list[tuple[int, str]], seconds: float) -> None:
        idle = not self.todo  # a worker still on a file keeps that file's deadline
        self.todo.extend(chunk)
        self.conn.send(chunk)
        if self.ready and idle:
            self.deadline = time.monotonic() + seconds

    def stop(self, kill: bool = False) -> None:
        if not kill:
            try:
                self.conn.send(None)
            except OSError:
                kill = True
        if kill and self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.conn.close()


def _poller(conn: Connection) -> Callable[[int], list[Any]] | None:
    """``poll`` of a ``select.poll`` object watching ``conn`` for input (end of pipe included: POLLHUP is always
    reported); None where there is none (Windows pipes)."""
    if not hasattr(select, "poll"):
        return None
    try:
        fd = conn.fileno()
    except (OSError, ValueError):
        return None
    poll = select.poll()
    poll.register(fd, select.POLLIN)
    return poll.poll


def over_budget(index: int, path: str, seconds: float) -> FileOutcome:
    return rejected(index, path, "run-timeout", f"not read: the run's time limit ({seconds:g} s) was reached "
                                                "before this file", detail_zh=f"未读取：在读到此文件之前，本次汇总已达到"
                                                                              f"时间上限（{seconds:g} 秒）")


def run_files(items: Sequence[tuple[int, str]], limits: Limits, workers: int | None = None,
              cancel: threading.Event | None = None, reader: Reader = read_file,
              chunk: int = CHUNK) -> Iterator[FileOutcome]:
    """Read every (index, path) and yield its outcome, in the order they finish.

    ``workers`` 0 reads in this process, one file after another (no time limit per file can be
    enforced then; for tests and tiny runs). Stops early when ``cancel`` is set. When the run's
    budget (:meth:`Limits.run_seconds`) is spent, every file not read yet is rejected
    (``run-timeout``) at once.
    """
    budget = limits.run_seconds(len(items))
    deadline = time.monotonic() + budget
    if workers == 0:
        forget_scored()  # answer sets are remembered within a run (a worker process lives for one run)
        try:
            for n, (index, path) in enumerate(items):
                if cancel is not None and cancel.is_set():
                    return
                if time.monotonic() > deadline:
                    for index, path in items[n:]:
                        yield over_budget(index, path, budget)
                    return
                yield reader(index, path, limits)
        finally:
            forget_scored()
        return
    chunks = deque(list(items[i:i + chunk]) for i in range(0, len(items), chunk))
    if not chunks:
        return
    count = min(workers or default_workers(), len(chunks))
    ctx = multiprocessing.get_context("spawn")
    pool = [_Worker(ctx, limits, reader) for _ in range(count)]
    try:
        yield from _supervise(ctx, pool, chunks, limits, cancel, reader, deadline, budget)
    finally:
        for w in pool:
            w.stop(kill=bool(w.todo))


def _supervise(ctx: Any, pool: list[_Worker], chunks: deque[list[tuple[int, str]]], limits: Limits,
               cancel: threading.Event | None, reader: Reader, run_deadline: float = float("inf"),
               budget: float = 0.0) -> Generator[FileOutcome, None, None]:
    size = max(len(c) for c in chunks)
    for w in pool:
        w.give(chunks.popleft(), limits.seconds_per_file)
    woke = 0.0
    while any(w.todo for w in pool):
        if cancel is not None and cancel.is_set():
            return
        now = time.monotonic()
        if now > run_deadline:
            for w in pool:  # the workers still busy are killed by run_files (they have work left)
                for index, path in w.todo:
                    yield over_budget(index, path, budget)
            for rest in chunks:
                for index, path in rest:
                    yield over_budget(index, path, budget)
            chunks.clear()
            return
        busy = [w for w in pool if w.todo]
        # let results gather, one wake reads them all: GATHER after the last wake, and at least half of it from
        # now (a parent slow to handle a wake, on a busy machine, would otherwise wake for every file again)
        pause = min(max(woke + GATHER - now, GATHER / 2), min(w.deadline for w in busy) - now)
        if pause > 0:
            time.sleep(pause)
            now = time.monotonic()
        timeout = max(0.0, min(_POLL, min(w.deadline for w in busy) - now))
        ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout))
        woke = time.monotonic()
        for w in busy:
            if w.conn in ready or w.process.sentinel in ready:
                lost = yield from _receive(w, limits)
            else:
                lost = time.monotonic() > w.deadline
                if lost and w.ready:
                    index, path = w.todo.popleft()
                    yield rejected(index, path, "timeout", f"still not read after {limits.seconds_per_file:g} s; "
                                                           "the reader was stopped",
                                   detail_zh=f"{limits.seconds_per_file:g} 秒后仍未读完，已停止读取")
            if lost:
                if not w.ready:
                    raise WorkersFailed("a worker process did not start (see the log for why)")
                rest = list(w.todo)
                w.todo.clear()
                w.stop(kill=True)
                if rest:
                    chunks.appendleft(rest)
                fresh = _Worker(ctx, limits, reader)
                pool[pool.index(w)] = fresh
                w = fresh
            # a ready worker gets its next chunk while it reads the last of the one it has
            if chunks and len(w.todo) <= (size if w.ready else 0):
                w.give(chunks.popleft(), limits.seconds_per_file)


def _receive(w: _Worker, limits: Limits) -> Generator[FileOutcome, None, bool]:
    """Take what a worker sent; returns True (after yielding the lost file) when the worker died."""
    while w.waiting():
        try:
            message = w.conn.recv()
        except (EOFError, OSError):
            break
        if message == "ready":
            w.ready = True
            w.deadline = time.monotonic() + limits.seconds_per_file
            continue
        w.todo.popleft()
        w.deadline = time.monotonic() + limits.seconds_per_file
        yield message
    if w.process.is_alive():
        return False
    if w.ready and w.todo:
        index, path = w.todo.popleft()
        code = w.process.exitcode
        yield rejected(index, path, "crashed", f"the reader process stopped on this file (exit code {code}; out of "
                                               "memory?)", detail_zh=f"读取进程在此文件上退出（退出码 {code}；内存不足？）")
    return True
