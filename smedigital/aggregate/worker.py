"""The entry of an aggregation worker process: kept apart from :mod:`.pool` so that starting a worker
imports nothing heavy before it decides what to leave out.

A spawned worker imports the module of its entry point, and the modules of its arguments, before the
entry runs. The reader therefore travels pickled, as bytes, and is loaded only once numpy is kept out.
A plan workbook is read without openpyxl (python-calamine; openpyxl is imported only for its fallback
and for a filled questionnaire), and openpyxl imports numpy when it can, to write numpy numbers, which
a worker that only reads never does; leaving it out spares a worker that needs openpyxl its import time
and about 12 MB. A process that has numpy already (an entry point that imported it) keeps it.
"""

from __future__ import annotations

import pickle
import signal
import sys
from multiprocessing.connection import Connection
from typing import Any


def worker_main(conn: Connection, limits: Any, reader: bytes) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when to stop
    sys.modules.setdefault("numpy", None)  # type: ignore[arg-type]  # None: "import numpy" raises ImportError
    read = pickle.loads(reader)  # pickled by the parent process that started this one
    from .pool import serve

    serve(conn, limits, read)
