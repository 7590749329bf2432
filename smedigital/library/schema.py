"""The library's SQLite schema as numbered migration steps.

The database records which steps it has had in ``schema_version`` (one row per step).
Opening a database runs the steps it lacks, each in its own transaction together with
its ``schema_version`` row, so a step is either wholly applied or not at all. Before any
step touches a database that already holds data, the whole file is copied with SQLite's
backup API to ``<data dir>/backups/library-v<N>-<timestamp>.sqlite`` (N = the version it
had), so a failed or regretted upgrade can be undone by hand.

Never edit a step that has shipped: add a new one.
"""

from __future__ import annotations

import datetime as _dt
import logging
import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

log = logging.getLogger("smedigital.library")


class Migration(NamedTuple):
    """One numbered step of the schema. (A named tuple: the first window defines it, and a frozen
    dataclass took ~0.6 ms more to define, issue 17.)"""

    version: int
    description: str
    sql: str


MIGRATIONS: list[Migration] = [
    Migration(1, "firms, assessments, evidence and app state", """
        CREATE TABLE firms (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            credit_code TEXT NOT NULL DEFAULT '',
            industry TEXT NOT NULL DEFAULT '',          -- GB/T 4754-2017 code as entered: C, C34, 3411
            industry_section TEXT NOT NULL DEFAULT '',  -- its section letter, for filtering
            region TEXT NOT NULL DEFAULT '',
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            deleted TEXT                                -- set = in the bin (undo), NULL = live
        );
        CREATE INDEX firms_live ON firms(deleted, name);
        CREATE INDEX firms_credit_code ON firms(credit_code);

        CREATE TABLE assessments (
            id INTEGER PRIMARY KEY,
            firm_id INTEGER NOT NULL REFERENCES firms(id) ON DELETE CASCADE,
            framework_id TEXT NOT NULL,
            framework_version TEXT NOT NULL,
            assessed_on TEXT NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            document TEXT NOT NULL,            -- the full .smd.json content
            total_score REAL,                  -- cached from the document; NULL when it could not be scored
            level_index INTEGER,
            stage_index INTEGER,
            complete INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX assessments_firm ON assessments(firm_id, assessed_on, id);

        CREATE TABLE evidence (
            id INTEGER PRIMARY KEY,
            assessment_id INTEGER NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            sha256 TEXT NOT NULL,              -- the file is <data dir>/evidence/<sha256[:2]>/<sha256>
            original_name TEXT NOT NULL,
            size INTEGER NOT NULL,
            added TEXT NOT NULL,
            UNIQUE (assessment_id, question_id, sha256)
        );
        CREATE INDEX evidence_sha ON evidence(sha256);

        CREATE TABLE app_state (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL                -- JSON
        );
    """),
]


def now_stamp() -> str:
    return _dt.datetime.now(_dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")


def current_version(conn: sqlite3.Connection) -> int:
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").fetchone()
    if not has_table:
        return 0
    row = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def _has_user_tables(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                        ).fetchone() is not None


def backup(conn: sqlite3.Connection, folder: Path, version: int) -> Path:
    """A consistent copy of the open database, made with the SQLite backup API."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"library-v{version}-{now_stamp()}.sqlite"
    dest = sqlite3.connect(target)
    try:
        conn.backup(dest)
    finally:
        dest.close()
    log.info("backed up the library (schema version %d) to %s", version, target)
    return target


class SchemaTooNew(RuntimeError):
    """The database was written by a newer smedigital. ``str(exc)`` is English, ``exc.get(lang)`` the
    message in the interface language."""

    def __init__(self, version: int, latest: int) -> None:
        from ..core.text import Msg
        from ..core.words import both

        self.message = Msg(*both("errors.library.schema-too-new", version=version, latest=latest), "schema-too-new")
        super().__init__(self.message)

    def get(self, lang: str) -> str:
        return self.message.get(lang)


def migrate(conn: sqlite3.Connection, backups: Path,
            migrations: Sequence[Migration] | None = None) -> Path | None:
    """Bring the schema up to date; returns the backup made first, if one was needed.

    ``conn`` must be in autocommit mode (``isolation_level=None``): each step opens its own
    transaction so DDL and its version row commit together.
    """
    steps = sorted(MIGRATIONS if migrations is None else migrations, key=lambda m: m.version)
    if [m.version for m in steps] != list(range(1, len(steps) + 1)):
        raise ValueError("migrations must be numbered 1, 2, 3, ... without gaps")
    version = current_version(conn)
    latest = steps[-1].version if steps else 0
    if version > latest:
        raise SchemaTooNew(version, latest)
    pending = [m for m in steps if m.version > version]
    if not pending:
        return None
    made = backup(conn, backups, version) if _has_user_tables(conn) else None
    for m in pending:
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            if m.version == 1:
                conn.execute("CREATE TABLE IF NOT EXISTS schema_version "
                             "(version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied TEXT NOT NULL)")
            for statement in _statements(m.sql):
                conn.execute(statement)
            conn.execute("INSERT INTO schema_version (version, description, applied) VALUES (?, ?, ?)",
                         (m.version, m.description, _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")))
        log.info("library schema migrated to version %d: %s", m.version, m.description)
    return made


def _statements(sql: str) -> list[str]:
    """Split a script into statements (sqlite3's execute runs one; executescript would commit).
    Pieces between semicolons are joined until SQLite calls them complete, so a ';' inside
    a string or a comment does not split a statement."""
    out, buf = [], ""
    for piece in sql.split(";"):
        buf += piece + ";"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \t\r\n;"):
                out.append(buf.strip())
            buf = ""
    if buf.strip(" \t\r\n;"):
        out.append(buf.strip())
    return out
