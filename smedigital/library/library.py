"""The firm library: every firm and assessment on this computer, in one SQLite file.

Each public method that changes something commits it at once, in its own transaction,
so a crash or a killed process loses at most the change that was being made. The
database runs in WAL mode with foreign keys on. An assessment is stored whole, as the
JSON of its ``.smd.json`` file; its total score, level, stage and completeness are cached
beside it for the firm list and filters, recomputed on every save.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import logging
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, NamedTuple

from ..core.text import Msg, in_lang
from . import paths
from .frozen import Frozen
from .schema import Migration, migrate

if TYPE_CHECKING:
    from ..core.assessment import Assessment, Company
    from .records import AssessmentInfo, Evidence, RemovedAssessment


def _files() -> ModuleType:
    """``smedigital.core.assessment``, imported on first use: listing firms needs none of the
    core, and the program's first window comes up sooner without it."""
    from ..core import assessment

    return assessment

log = logging.getLogger("smedigital.library")

MAX_EVIDENCE_BYTES = 200 * 1024 * 1024
PURGE_AFTER_DAYS = 30
STALE_SECONDS = 600.0  # a left-over file in the evidence store older than this is an interrupted run's


class LibraryError(Exception):
    """Something the user asked of the library cannot be done; the message says why. ``str(exc)`` is
    English, ``exc.get(lang)`` the message in the interface language, ``exc.message.code`` a stable code
    (a plain string given instead of a :class:`Msg` is shown as it is in both languages)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message if isinstance(message, Msg) else Msg(str(message), str(message))

    def get(self, lang: str) -> str:
        return self.message.get(lang)


def _msg(key: str, code: str, why: tuple[str, str] | None = None, **kw: object) -> Msg:
    """The catalogue's ``errors.library.<key>`` in English and Chinese, with the code ``code``; ``why``
    (English, Chinese) fills the placeholder ``{why}`` in each language."""
    from ..core.words import words  # the catalogue is read on the first error, not when the library opens

    en_kw, zh_kw = (dict(kw, why=why[0]), dict(kw, why=why[1])) if why is not None else (kw, kw)
    return Msg(words("en").fmt(f"errors.library.{key}", **en_kw), words("zh").fmt(f"errors.library.{key}", **zh_kw),
               code)


#: SQLite's result codes (the primary code, ``sqlite_errorcode & 0xFF``) a user can meet, each with its words
#: in the catalogue (``errors.library.sqlite.<key>``: what happened and what the user can do)
_SQLITE_CODES = {5: "busy", 6: "busy", 3: "readonly", 8: "readonly", 7: "nomem", 10: "ioerr", 11: "corrupt",
                 13: "full", 14: "cantopen", 26: "notadb"}
#: the same by SQLite's English text, for an error raised without its code (and Python's own for a closed library)
_SQLITE_TEXTS = {"database is locked": "busy", "database table is locked": "busy", "database or disk is full": "full",
                 "disk I/O error": "ioerr", "file is not a database": "notadb",
                 "database disk image is malformed": "corrupt", "attempt to write a readonly database": "readonly",
                 "unable to open database file": "cantopen", "out of memory": "nomem",
                 "Cannot operate on a closed database.": "closed"}


def _sqlite_reason(exc: sqlite3.Error) -> tuple[str, str]:
    """Why SQLite refused, in English and Chinese, with what the user can do (the catalogue's
    ``errors.library.sqlite``, by SQLite's result code, else by its text); a failure without words of
    its own keeps SQLite's text, labelled as SQLite's (SQLite 原文：…)."""
    from ..core.words import words

    text = str(exc) or type(exc).__name__
    code = getattr(exc, "sqlite_errorcode", None)
    key = _SQLITE_CODES.get(code & 0xFF) if isinstance(code, int) else None
    key = key or _SQLITE_TEXTS.get(text)
    if key is None:
        name = getattr(exc, "sqlite_errorname", None)
        detail = f"{text} ({name})" if name else text
        return (words("en").fmt("errors.library.sqlite.other", text=detail),
                words("zh").fmt("errors.library.sqlite.other", text=detail))
    return words("en")(f"errors.library.sqlite.{key}"), words("zh")(f"errors.library.sqlite.{key}")


def _os_reason(exc: OSError) -> tuple[str, str]:
    from ..core.files import os_reason

    return os_reason(exc)


def _wrapped(exc: BaseException, source: Msg | None = None) -> Msg:
    """A message raised below the library (a ValueError or AssessmentError carrying a :class:`Msg`, or
    its problems), kept with both languages when it has them; ``source`` names the stored assessment
    in both languages instead of the error's own (English) source."""
    problems = getattr(exc, "problems", None)
    if problems:
        src_en, src_zh = (str(source), source.zh) if source is not None else (getattr(exc, "source", ""),) * 2
        en = "; ".join(f"{p.where}: {p.text('en')}" if p.where else p.text("en") for p in problems[:3])
        zh = "；".join(f"{p.where}：{p.text('zh')}" if p.where else p.text("zh") for p in problems[:3])
        more_en = f" (+{len(problems) - 3} more)" if len(problems) > 3 else ""
        more = f"（另有 {len(problems) - 3} 处）" if len(problems) > 3 else ""
        return Msg(f"{src_en}: {en}{more_en}" if src_en else en + more_en,
                   f"{src_zh}：{zh}{more}" if src_zh else zh + more, "assessment")
    first = exc.args[0] if exc.args else exc
    return first if isinstance(first, Msg) else Msg(str(first), str(first))


class FirmSummary(Frozen):
    """A firm with its latest assessment (by assessment date, then by creation). Immutable, equal to and
    hashed as another with the same fields: the frozen slots dataclass it was, written out (:class:`.Frozen`),
    with an ``__init__`` of its own (keywords, one line a field, as the dataclass's: a list of firms makes many);
    tests/test_library_values.py holds it to the dataclass."""

    __slots__ = __match_args__ = _FIELDS = ("id", "name", "credit_code", "industry", "industry_section", "region", "created", "updated",
                 "assessment_count", "assessment_id", "framework_id", "assessed_on", "total_score",
                 "level_index", "stage_index", "complete")
    id: int
    name: str
    credit_code: str
    industry: str
    industry_section: str
    region: str
    created: str
    updated: str
    assessment_count: int
    assessment_id: int | None
    framework_id: str | None
    assessed_on: str | None
    total_score: float | None
    level_index: int | None
    stage_index: int | None
    complete: bool

    def __init__(self, id: int, name: str, credit_code: str, industry: str,
                 industry_section: str, region: str, created: str, updated: str, assessment_count: int,
                 assessment_id: int | None, framework_id: str | None, assessed_on: str | None,
                 total_score: float | None, level_index: int | None, stage_index: int | None,
                 complete: bool) -> None:
        put = object.__setattr__  # one line a field, as the dataclass's __init__ (a list of firms makes many)
        put(self, "id", id)
        put(self, "name", name)
        put(self, "credit_code", credit_code)
        put(self, "industry", industry)
        put(self, "industry_section", industry_section)
        put(self, "region", region)
        put(self, "created", created)
        put(self, "updated", updated)
        put(self, "assessment_count", assessment_count)
        put(self, "assessment_id", assessment_id)
        put(self, "framework_id", framework_id)
        put(self, "assessed_on", assessed_on)
        put(self, "total_score", total_score)
        put(self, "level_index", level_index)
        put(self, "stage_index", stage_index)
        put(self, "complete", complete)


class HistoryPoint(NamedTuple):
    date: str
    score: float | None
    level_index: int | None
    stage_index: int | None


def _now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


def _section_of(industry: str) -> str:
    if not industry:
        return ""
    from ..core.profile import industry_section  # the GB/T 4754 table is read on first use

    try:
        return industry_section(industry)
    except ValueError:
        return ""


_FIRM_COLUMNS = """
    f.id, f.name, f.credit_code, f.industry, f.industry_section, f.region, f.created, f.updated,
    (SELECT COUNT(*) FROM assessments c WHERE c.firm_id = f.id) AS assessment_count,
    a.id, a.framework_id, a.assessed_on, a.total_score, a.level_index, a.stage_index, a.complete
"""
_LATEST_JOIN = """
    LEFT JOIN assessments a ON a.id = (
        SELECT l.id FROM assessments l WHERE l.firm_id = f.id
        ORDER BY l.assessed_on DESC, l.id DESC LIMIT 1)
"""


def _firm(row: Sequence[Any]) -> FirmSummary:
    return FirmSummary(*row[:15], complete=bool(row[15])) # type: ignore[misc]  # mypy cannot count a star-args tuple: the row fills the fields before complete


def _info(row: Sequence[Any]) -> AssessmentInfo:
    from .records import AssessmentInfo

    return AssessmentInfo(*row[:10], complete=bool(row[10])) # type: ignore[misc]  # mypy cannot count a star-args tuple: the row fills the fields before complete


def _database_error(method: str, exc: sqlite3.Error) -> Msg:
    """``errors.library.database`` naming what the user was doing (``errors.library.action.<method>``,
    e.g. 读取企业列表 / read the firm list), not the method's internal name."""
    from ..core.words import words

    key = f"errors.library.action.{method}"
    key = key if key in words("en") else "errors.library.action.other"
    en_why, zh_why = _sqlite_reason(exc)
    return Msg(words("en").fmt("errors.library.database", action=words("en")(key), why=en_why),
               words("zh").fmt("errors.library.database", action=words("zh")(key), why=zh_why), "database")


def _translate_database_errors(cls: type) -> type:
    """Every public method raises LibraryError, never a bare sqlite3 error (a full disk, a locked
    or damaged file): callers, the interface above all, handle one kind of failure. The message names
    the operation the caller asked for (``save_assessment``), not one it called on the way."""

    def wrap(method: Any) -> Any:
        @functools.wraps(method)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return method(*args, **kwargs)
            except sqlite3.Error as exc:
                log.error("library: %s failed: %s", method.__name__, exc)
                raise LibraryError(_database_error(method.__name__, exc)) from exc
            except LibraryError as exc:  # a method it called failed: the message names what the user asked
                cause = exc.__cause__
                if exc.message.code != "database" or not isinstance(cause, sqlite3.Error):
                    raise
                raise LibraryError(_database_error(method.__name__, cause)) from cause

        return wrapper

    for name, value in list(vars(cls).items()):
        if not name.startswith("_") and callable(value) and not isinstance(value, (classmethod, staticmethod)):
            setattr(cls, name, wrap(value))
    return cls


@_translate_database_errors
class Library:
    """The firm library. Open with :meth:`open`; close with :meth:`close` (or let it go)."""

    def __init__(self, conn: sqlite3.Connection, path: Path, data_dir: Path):
        self._conn = conn
        self.path = path
        self.data_dir = data_dir

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: str | Path | None = None, migrations: Sequence[Migration] | None = None) -> Library:
        """Open (creating and migrating as needed) the library at ``path``,
        by default ``library.sqlite`` in the user's data folder."""
        if path is None:
            base = paths.data_dir()
            db = paths.database_path(base)
        else:
            db = Path(path)
            db.parent.mkdir(parents=True, exist_ok=True)
            base = db.parent
        try:
            conn = sqlite3.connect(db, isolation_level=None, timeout=10.0)
        except sqlite3.Error as exc:
            raise LibraryError(_msg("open", "open", path=db, why=_sqlite_reason(exc))) from exc
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                log.warning("the library at %s runs in %s journal mode, not WAL", db, mode)
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA busy_timeout = 10000")
            migrate(conn, paths.backups_dir(base), migrations)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise LibraryError(_msg("unusable", "unusable", path=db, why=_sqlite_reason(exc))) from exc
        except BaseException:
            conn.close()
            raise
        lib = cls(conn, db, base)
        lib.purge_deleted()
        try:
            lib.clean_evidence_store()
        except OSError as exc:  # a read-only store: nothing to clean now, the library still opens
            log.warning("the evidence store of %s could not be cleaned: %s", base, exc)
        return lib

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        conn = self._conn
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            yield conn

    @property
    def journal_mode(self) -> str:
        return str(self._conn.execute("PRAGMA journal_mode").fetchone()[0]).lower()

    # ------------------------------------------------------------------ firms

    def firms(self, include_deleted: bool = False) -> list[FirmSummary]:
        """Every live firm by name, each with its latest assessment's date, score, level and stage."""
        return self._query_firms("" if include_deleted else "WHERE f.deleted IS NULL", ())

    def search(self, text: str = "", industry: str | None = None, level: int | None = None) -> list[FirmSummary]:
        """Live firms whose name, credit code or region contains ``text`` (any case),
        optionally of one GB/T 4754 section letter and with a latest level index
        (0 = assessed but no level yet)."""
        where = ["f.deleted IS NULL"]
        args: list[Any] = []
        text = text.strip()
        if text:
            like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            where.append("(f.name LIKE ? ESCAPE '\\' OR f.credit_code LIKE ? ESCAPE '\\' "
                         "OR f.region LIKE ? ESCAPE '\\')")
            args += [like, like, like]
        if industry:
            where.append("f.industry_section = ?")
            args.append(industry[:1].upper())
        if level is not None:
            where.append("a.level_index = ?")
            args.append(level)
        return self._query_firms("WHERE " + " AND ".join(where), args)

    def _query_firms(self, where: str, args: Sequence[Any]) -> list[FirmSummary]:
        sql = f"SELECT {_FIRM_COLUMNS} FROM firms f {_LATEST_JOIN} {where} ORDER BY f.name COLLATE NOCASE, f.id"
        return [_firm(r) for r in self._conn.execute(sql, args)]

    def firm(self, firm_id: int) -> FirmSummary:
        rows = self._query_firms("WHERE f.id = ?", (firm_id,))
        if not rows:
            raise LibraryError(_msg("no-firm", "no-firm", firm_id=firm_id))
        return rows[0]

    def industries_in_use(self) -> list[str]:
        """The GB/T 4754 section letters of the live firms, sorted."""
        return [r[0] for r in self._conn.execute(
            "SELECT DISTINCT industry_section FROM firms WHERE deleted IS NULL AND industry_section != '' "
            "ORDER BY industry_section")]

    def add_firm(self, company: Company) -> int:
        """A new firm from a company profile; returns its id."""
        with self._write() as conn:
            return self._add_firm_in(conn, company)

    def _add_firm_in(self, conn: sqlite3.Connection, company: Company) -> int:
        name = company.name.strip()
        if not name:
            raise LibraryError(_msg("firm-name", "firm-name"))
        now = _now()
        cur = conn.execute(
            "INSERT INTO firms (name, credit_code, industry, industry_section, region, created, updated) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (name, company.credit_code, company.industry, _section_of(company.industry), company.region, now, now))
        return int(cur.lastrowid or 0)

    def update_firm(self, firm_id: int, company: Company) -> None:
        """Take the firm's name, credit code, industry and region from a company profile."""
        self._require_firm(firm_id)
        with self._write() as conn:
            self._update_firm(conn, firm_id, company)

    def _update_firm(self, conn: sqlite3.Connection, firm_id: int, company: Company) -> None:
        if not company.name.strip():
            return  # a name being typed again: keep the old one in the list
        conn.execute("UPDATE firms SET name = ?, credit_code = ?, industry = ?, industry_section = ?, region = ?, "
                     "updated = ? WHERE id = ?",
                     (company.name.strip(), company.credit_code, company.industry, _section_of(company.industry),
                      company.region, _now(), firm_id))

    def _require_firm(self, firm_id: int) -> None:
        if self._conn.execute("SELECT 1 FROM firms WHERE id = ?", (firm_id,)).fetchone() is None:
            raise LibraryError(_msg("no-firm", "no-firm", firm_id=firm_id))

    def delete_firm(self, firm_id: int) -> None:
        """Move a firm and its assessments to the bin; :meth:`restore_firm` brings them back.
        The bin is emptied of firms deleted more than 30 days before a later opening."""
        self._require_firm(firm_id)
        with self._write() as conn:
            conn.execute("UPDATE firms SET deleted = ? WHERE id = ?", (_now(), firm_id))

    def restore_firm(self, firm_id: int) -> None:
        self._require_firm(firm_id)
        with self._write() as conn:
            conn.execute("UPDATE firms SET deleted = NULL WHERE id = ?", (firm_id,))

    def purge_deleted(self, older_than_days: int = PURGE_AFTER_DAYS) -> int:
        """Remove for good the firms in the bin for longer than ``older_than_days``;
        evidence files no assessment refers to any more are removed too."""
        cutoff = (_dt.datetime.now(_dt.UTC) - _dt.timedelta(days=older_than_days)).isoformat(timespec="seconds")
        with self._write() as conn:
            hashes = [r[0] for r in conn.execute(
                "SELECT DISTINCT e.sha256 FROM evidence e JOIN assessments a ON a.id = e.assessment_id "
                "JOIN firms f ON f.id = a.firm_id WHERE f.deleted IS NOT NULL AND f.deleted <= ?", (cutoff,))]
            n = conn.execute("DELETE FROM firms WHERE deleted IS NOT NULL AND deleted <= ?", (cutoff,)).rowcount
        self._remove_orphan_files(hashes)
        return n

    # ------------------------------------------------------------------ assessments

    def create_assessment(self, firm_id: int, framework_id: str, today: _dt.date | None = None,
                          purpose: str = "") -> int:
        """A new, empty assessment of a firm; the company profile comes from the firm's latest
        assessment when it has one (so size figures carry over), else from the firm's row.
        ``purpose``: ``baseline``, ``after``, ``reassessment`` or "" (not stated)."""
        firm = self.firm(firm_id)
        from ..core.framework import get_framework

        try:
            framework = get_framework(framework_id)
        except KeyError as exc:
            raise LibraryError(_msg("no-framework", "no-framework", framework=framework_id)) from exc
        company = _files().Company(firm.name, firm.credit_code, firm.industry, region=firm.region)
        if firm.assessment_id is not None:
            try:
                company = self.load_assessment(firm.assessment_id).company
            except LibraryError:
                log.warning("assessment %s cannot be read; starting from the firm's row", firm.assessment_id)
        try:
            assessment = _files().new_assessment(framework, company, today=today, purpose=purpose)
        except ValueError as exc:
            raise LibraryError(_wrapped(exc)) from exc
        return self._insert(firm_id, assessment)

    def _insert(self, firm_id: int, assessment: Assessment) -> int:
        with self._write() as conn:
            return self._insert_in(conn, firm_id, assessment)

    def _insert_in(self, conn: sqlite3.Connection, firm_id: int, assessment: Assessment) -> int:
        _check_dates(assessment)
        now = _now()
        cur = conn.execute(
            "INSERT INTO assessments (firm_id, framework_id, framework_version, assessed_on, created, updated, "
            "document, total_score, level_index, stage_index, complete) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (firm_id, assessment.framework_id, assessment.framework_version, assessment.assessed_on, now, now,
             _files().dumps_assessment(assessment), *_cached_scores(assessment)))
        conn.execute("UPDATE firms SET updated = ? WHERE id = ?", (now, firm_id))
        return int(cur.lastrowid or 0)

    def save_assessment(self, assessment_id: int, assessment: Assessment) -> None:
        """Store an assessment's current state (answers, profile, plan) and its cached scores.
        The firm's name, credit code, industry and region follow the assessment's company."""
        info = self.assessment_info(assessment_id)
        _check_dates(assessment)
        document = _files().dumps_assessment(assessment)
        cached = _cached_scores(assessment)
        now = _now()
        with self._write() as conn:
            conn.execute(
                "UPDATE assessments SET framework_id = ?, framework_version = ?, assessed_on = ?, updated = ?, "
                "document = ?, total_score = ?, level_index = ?, stage_index = ?, complete = ? WHERE id = ?",
                (assessment.framework_id, assessment.framework_version, assessment.assessed_on, now, document,
                 *cached, assessment_id))
            self._update_firm(conn, info.firm_id, assessment.company)

    def load_assessment(self, assessment_id: int) -> Assessment:
        """The stored assessment. An answer that no longer passes the checks (say, numbers
        saved half-typed) is left out, with a warning in the log, rather than losing the rest."""
        row = self._conn.execute("SELECT document FROM assessments WHERE id = ?", (assessment_id,)).fetchone()
        if row is None:
            raise LibraryError(_msg("no-assessment", "no-assessment", assessment_id=assessment_id))
        source = f"library assessment {assessment_id}"
        try:
            data = json.loads(row[0])
        except json.JSONDecodeError as exc:
            from ..core.files import json_reason

            raise LibraryError(_msg("damaged", "damaged", why=json_reason(exc), assessment_id=assessment_id)) from exc
        files = _files()
        data = _drop_far_dates(data, source)
        try:
            return files.parse_assessment(data, source, check_profile=False)
        except files.AssessmentError as exc:
            answer_problems = [p for p in exc.problems if p.location.startswith("answers[")]
            stored = _msg("stored", "stored", assessment_id=assessment_id)
            if len(answer_problems) != len(exc.problems) or not isinstance(data.get("answers"), dict):
                raise LibraryError(_wrapped(exc, stored)) from exc
            bad = {qid for qid in data["answers"] if any(
                p.location.startswith(f"answers[{json.dumps(qid, ensure_ascii=False)}]") for p in answer_problems)}
            log.warning("%s: leaving out answers that do not pass the checks: %s", source, exc)
            data = dict(data, answers={k: v for k, v in data["answers"].items() if k not in bad})
            try:
                return files.parse_assessment(data, source, check_profile=False)
            except files.AssessmentError as exc2:
                raise LibraryError(_wrapped(exc2, stored)) from exc2

    def document(self, assessment_id: int) -> str:
        """The stored JSON text of an assessment, exactly as saved."""
        row = self._conn.execute("SELECT document FROM assessments WHERE id = ?", (assessment_id,)).fetchone()
        if row is None:
            raise LibraryError(_msg("no-assessment", "no-assessment", assessment_id=assessment_id))
        return str(row[0])

    def assessment_info(self, assessment_id: int) -> AssessmentInfo:
        row = self._conn.execute(
            "SELECT id, firm_id, framework_id, framework_version, assessed_on, created, updated, total_score, "
            "level_index, stage_index, complete FROM assessments WHERE id = ?", (assessment_id,)).fetchone()
        if row is None:
            raise LibraryError(_msg("no-assessment", "no-assessment", assessment_id=assessment_id))
        return _info(row)

    def assessments(self, firm_id: int) -> list[AssessmentInfo]:
        """A firm's assessments, oldest first."""
        return [_info(r) for r in self._conn.execute(
            "SELECT id, firm_id, framework_id, framework_version, assessed_on, created, updated, total_score, "
            "level_index, stage_index, complete FROM assessments WHERE firm_id = ? ORDER BY assessed_on, id",
            (firm_id,))]

    def move_assessment(self, assessment_id: int, firm_id: int) -> None:
        """Make an assessment one of ``firm_id``'s (the user said two firms are the same one). The firm
        it leaves goes to the bin when it has no assessment left (restorable as any deleted firm);
        the firm it joins takes its company details when it is now that firm's latest."""
        info = self.assessment_info(assessment_id)
        self._require_firm(firm_id)
        if info.firm_id == firm_id:
            return
        company = self.load_assessment(assessment_id).company
        with self._write() as conn:
            conn.execute("UPDATE assessments SET firm_id = ? WHERE id = ?", (firm_id, assessment_id))
            left = conn.execute("SELECT COUNT(*) FROM assessments WHERE firm_id = ?", (info.firm_id,)).fetchone()[0]
            if left == 0:
                conn.execute("UPDATE firms SET deleted = ? WHERE id = ?", (_now(), info.firm_id))
            newest = conn.execute("SELECT id FROM assessments WHERE firm_id = ? ORDER BY assessed_on DESC, id DESC "
                                  "LIMIT 1", (firm_id,)).fetchone()
            if newest is not None and newest[0] == assessment_id:
                self._update_firm(conn, firm_id, company)

    def delete_assessment(self, assessment_id: int) -> None:
        """Remove one assessment for good (with its evidence links)."""
        self.assessment_info(assessment_id)
        hashes = [e.sha256 for e in self.evidence(assessment_id)]
        with self._write() as conn:
            conn.execute("DELETE FROM assessments WHERE id = ?", (assessment_id,))
        self._remove_orphan_files(hashes)

    _ROW = ("framework_id, framework_version, assessed_on, created, updated, document, total_score, level_index, "
            "stage_index, complete")

    def remove_assessment(self, assessment_id: int) -> RemovedAssessment:
        """Take one assessment out of its firm (the firm stays, even with no assessment left), keeping
        what :meth:`restore_assessment` needs to undo it. Its evidence files stay in the store until
        the library is next opened, when files no assessment refers to are removed."""
        info = self.assessment_info(assessment_id)
        row = self._conn.execute(f"SELECT {self._ROW} FROM assessments WHERE id = ?", (assessment_id,)).fetchone()
        evidence = tuple(tuple(r) for r in self._conn.execute(
            "SELECT question_id, sha256, original_name, size, added FROM evidence WHERE assessment_id = ? "
            "ORDER BY id", (assessment_id,)))
        with self._write() as conn:
            conn.execute("DELETE FROM assessments WHERE id = ?", (assessment_id,))
            conn.execute("UPDATE firms SET updated = ? WHERE id = ?", (_now(), info.firm_id))
        from .records import RemovedAssessment

        return RemovedAssessment(assessment_id, info.firm_id, tuple(row), evidence)

    def restore_assessment(self, removed: RemovedAssessment) -> int:
        """Put back an assessment :meth:`remove_assessment` took out (with the evidence whose file is
        still in the store); returns its id, the same one when it is free."""
        self._require_firm(removed.firm_id)
        free = self._conn.execute("SELECT 1 FROM assessments WHERE id = ?", (removed.id,)).fetchone() is None
        with self._write() as conn:
            cur = conn.execute(
                f"INSERT INTO assessments (id, firm_id, {self._ROW}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (removed.id if free else None, removed.firm_id, *removed.row))
            new_id = int(cur.lastrowid or 0)
            for question_id, digest, name, size, added in removed.evidence:
                if self.evidence_path(digest).is_file():
                    conn.execute("INSERT OR IGNORE INTO evidence (assessment_id, question_id, sha256, original_name, "
                                 "size, added) VALUES (?, ?, ?, ?, ?, ?)",
                                 (new_id, question_id, digest, name, size, added))
        return new_id

    def history(self, firm_id: int) -> list[HistoryPoint]:
        """(date, score, level index, stage index) of each of a firm's assessments, oldest first."""
        return [HistoryPoint(a.assessed_on, a.total_score, a.level_index, a.stage_index)
                for a in self.assessments(firm_id)]

    def duplicate_for_reassessment(self, assessment_id: int, today: _dt.date | None = None,
                                   purpose: str = "reassessment", from_verified: bool = False) -> int:
        """A new version of an assessment of the same firm (``smedigital.core.assessment.new_version``): it
        starts from this one's answers (``from_verified``: those the on-site rating found), profile,
        respondents and plan, is dated today, has ``purpose``
        (``baseline``, ``after`` or ``reassessment``) and links back to this one; it is not signed off, even
        when this one is. The signed pledge is not carried over (it was signed for the earlier date), nor are
        evidence attachments (they showed the earlier state). The plan keeps the user's edits (owner, status,
        notes) but not a due date before the new assessment's date: the plan is made again from the new
        answers when it is shown, and a step cannot be due before its start."""
        info = self.assessment_info(assessment_id)
        old = self.load_assessment(assessment_id)
        start = (today or _dt.date.today()).isoformat()
        try:
            new = _files().new_version(old, purpose, today=today or _dt.date.today(), from_verified=from_verified)
        except ValueError as exc:
            raise LibraryError(_wrapped(exc)) from exc
        from dataclasses import replace  # here: the first window does without the module

        new = replace(new, pledge=None, plan=_plan_from(old.plan, start))
        return self._insert(info.firm_id, new)

    # ------------------------------------------------------------------ files

    def import_file(self, path: str | Path) -> int:
        """Add an assessment from a ``.smd.json`` file; returns its id. The firm is found by
        credit code, else by exact name, else created. Importing a file whose content is
        already stored for that firm returns the stored assessment instead of a copy.
        Raises AssessmentError (listing every problem with its field) for a bad file."""
        return self.add_assessment(_files().load_assessment(path), source=str(path))

    def add_assessment(self, assessment: Assessment, firm_id: int | None = None, *, new_firm: bool = False,
                       source: str = "") -> int:
        """Add an assessment read from a file (or a workbook) to the firm ``firm_id``; without one, to
        the firm found by credit code, else by exact name (``new_firm``: always a new firm). The same
        content already stored for that firm returns the stored assessment instead of a copy."""
        from ..core.framework import Problem

        files = _files()
        company = assessment.company
        if not company.name.strip():
            raise files.AssessmentError(source, [Problem("company.name", _msg("no-name", "no-name"))])
        if firm_id is not None:
            self._require_firm(firm_id)
        elif not new_firm:
            firm_id = self._find_firm(company)
        document = files.dumps_assessment(assessment)
        with self._write() as conn:
            if firm_id is None:
                firm_id = self._add_firm_in(conn, company)
            else:
                same = conn.execute("SELECT id FROM assessments WHERE firm_id = ? AND document = ?",
                                    (firm_id, document)).fetchone()
                if same is not None:
                    return int(same[0])
                if self._is_newest(firm_id, assessment.assessed_on):
                    self._update_firm(conn, firm_id, company)
            return self._insert_in(conn, firm_id, assessment)

    def firm_for(self, company: Company) -> int | None:
        """The live firm :meth:`add_assessment` adds ``company``'s assessment to: the same credit
        code, else the same name where one of the two has no credit code; None for a new firm."""
        return self._find_firm(company)

    def similar_firm(self, company: Company, exclude: int | None = None) -> FirmSummary | None:
        """A live firm that is probably the same as ``company`` although :meth:`add_assessment` would
        not take it as such: the same credit code, or the same name (ignoring case, spaces and full-
        or half-width forms) and the same region when both have one. The interface asks the user
        before adding to it."""
        code = company.credit_code.strip().upper()
        name = _name_key(company.name)
        region = _name_key(company.region)
        if not name and not code:
            return None
        for firm in self.firms():
            if firm.id == exclude:
                continue
            if code and firm.credit_code.strip().upper() == code:
                return firm
            if name and _name_key(firm.name) == name and (not region or not firm.region
                                                          or _name_key(firm.region) == region):
                return firm
        return None

    def _find_firm(self, company: Company) -> int | None:
        if company.credit_code:
            row = self._conn.execute("SELECT id FROM firms WHERE credit_code = ? AND deleted IS NULL "
                                     "ORDER BY id LIMIT 1", (company.credit_code,)).fetchone()
            if row:
                return int(row[0])
        row = self._conn.execute("SELECT id FROM firms WHERE name = ? AND deleted IS NULL AND "
                                 "(credit_code = '' OR ? = '') ORDER BY id LIMIT 1",
                                 (company.name.strip(), company.credit_code)).fetchone()
        return int(row[0]) if row else None

    def _is_newest(self, firm_id: int, assessed_on: str) -> bool:
        row = self._conn.execute("SELECT MAX(assessed_on) FROM assessments WHERE firm_id = ?", (firm_id,)).fetchone()
        return row[0] is None or assessed_on >= row[0]

    def export_file(self, assessment_id: int, path: str | Path) -> Path:
        """Write an assessment to a ``.smd.json`` file (atomically: a complete file or none)."""
        target = Path(path)
        if not target.name.endswith(".json"):
            target = target.with_name(target.name + ".smd.json")
        _files().save_assessment(self.load_assessment(assessment_id), target)
        return target

    # ------------------------------------------------------------------ evidence

    def attach_evidence(self, assessment_id: int, question_id: str, file_path: str | Path) -> Evidence:
        """Copy a file into the evidence store (by content hash) and link it to a question."""
        import shutil  # evidence only; the first window does without
        import tempfile

        self.assessment_info(assessment_id)
        src = Path(file_path)
        try:
            size = src.stat().st_size
            if size > MAX_EVIDENCE_BYTES:
                raise LibraryError(_msg("evidence-too-large", "evidence-too-large", name=src.name,
                                        mb=size // 1_048_576, max_mb=MAX_EVIDENCE_BYTES // 1_048_576))
            digest = _sha256(src)
            stored = self.evidence_path(digest)
            if not stored.exists():
                stored.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix=".incoming.", dir=stored.parent)
                os.close(fd)
                try:
                    shutil.copyfile(src, tmp)
                    os.replace(tmp, stored)
                except BaseException:
                    Path(tmp).unlink(missing_ok=True)
                    raise
        except OSError as exc:
            raise LibraryError(_msg("evidence-copy", "evidence-copy", name=src.name, why=_os_reason(exc))) from exc
        now = _now()
        with self._write() as conn:
            conn.execute("INSERT INTO evidence (assessment_id, question_id, sha256, original_name, size, added) "
                         "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (assessment_id, question_id, sha256) "
                         "DO UPDATE SET original_name = excluded.original_name",
                         (assessment_id, question_id, digest, src.name, size, now))
        row = self._conn.execute("SELECT id FROM evidence WHERE assessment_id = ? AND question_id = ? AND sha256 = ?",
                                 (assessment_id, question_id, digest)).fetchone()
        return next(e for e in self.evidence(assessment_id, question_id) if e.id == row[0])

    def evidence(self, assessment_id: int, question_id: str | None = None) -> list[Evidence]:
        sql = ("SELECT id, assessment_id, question_id, sha256, original_name, size, added FROM evidence "
               "WHERE assessment_id = ?")
        args: list[Any] = [assessment_id]
        if question_id is not None:
            sql += " AND question_id = ?"
            args.append(question_id)
        rows = self._conn.execute(sql + " ORDER BY id", args)
        from .records import Evidence

        return [Evidence(*r, path=self.evidence_path(r[3])) for r in rows] # type: ignore[misc]  # mypy cannot count a star-args tuple: the row fills the fields before path

    def remove_evidence(self, evidence_id: int) -> None:
        row = self._conn.execute("SELECT sha256 FROM evidence WHERE id = ?", (evidence_id,)).fetchone()
        if row is None:
            return
        with self._write() as conn:
            conn.execute("DELETE FROM evidence WHERE id = ?", (evidence_id,))
        self._remove_orphan_files([row[0]])

    def evidence_item(self, evidence_id: int) -> Evidence:
        row = self._conn.execute("SELECT id, assessment_id, question_id, sha256, original_name, size, added "
                                 "FROM evidence WHERE id = ?", (evidence_id,)).fetchone()
        if row is None:
            raise LibraryError(_msg("no-evidence", "no-evidence", evidence_id=evidence_id))
        from .records import Evidence

        return Evidence(*row, path=self.evidence_path(row[3])) # type: ignore[misc]  # mypy cannot count a star-args tuple: the row fills the fields before path

    def rename_evidence(self, evidence_id: int, name: str) -> Evidence:
        """Give an attached file another name (the one shown, opened and exported; the stored file keeps
        its content-hash name). The name is a file name: no folder, no control character."""
        clean = _evidence_name(name)
        self.evidence_item(evidence_id)
        with self._write() as conn:
            conn.execute("UPDATE evidence SET original_name = ? WHERE id = ?", (clean, evidence_id))
        return self.evidence_item(evidence_id)

    def relink_evidence(self, evidence_id: int, question_id: str) -> Evidence:
        """Link an attached file to another question of the same assessment instead (it was attached to the
        wrong one). When the file is already linked there, the two links become one."""
        ev = self.evidence_item(evidence_id)
        if ev.question_id == question_id:
            return ev
        with self._write() as conn:
            other = conn.execute("SELECT id FROM evidence WHERE assessment_id = ? AND question_id = ? AND sha256 = ?",
                                 (ev.assessment_id, question_id, ev.sha256)).fetchone()
            if other is not None:
                conn.execute("DELETE FROM evidence WHERE id = ?", (evidence_id,))
                evidence_id = int(other[0])
            else:
                conn.execute("UPDATE evidence SET question_id = ? WHERE id = ?", (question_id, evidence_id))
        return self.evidence_item(evidence_id)

    def open_copy(self, evidence_id: int) -> Path:
        """A copy of an attached file under its readable name (``opened/<id>/<name>`` in the data folder), for
        the system to open: the stored file, named by its hash, is never handed out (a program that saves
        over what it opened changes the copy, not the evidence)."""
        import shutil

        ev = self.evidence_item(evidence_id)
        folder = self.data_dir / "opened" / str(ev.id)
        target = folder / _evidence_name(ev.original_name)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for old in folder.iterdir():
                if old.is_file() and not old.is_symlink():
                    old.unlink()
            shutil.copyfile(ev.path, target)
        except OSError as exc:
            raise LibraryError(_msg("evidence-open", "evidence-open", name=ev.original_name, why=_os_reason(exc))) from exc
        return target

    def evidence_path(self, sha256: str) -> Path:
        return paths.evidence_dir(self.data_dir, create=False) / sha256[:2] / sha256

    def clean_evidence_store(self, older_than_seconds: float = STALE_SECONDS) -> list[Path]:
        """Remove what a killed program left in the evidence store: half-copied files
        (``.incoming.*``) and stored files no assessment refers to. Only files untouched for
        ``older_than_seconds`` go, so a copy another program is making right now is left alone.
        Returns the paths removed (each is logged)."""
        import time

        store = paths.evidence_dir(self.data_dir, create=False)
        if not store.is_dir():
            return []
        known = {r[0] for r in self._conn.execute("SELECT DISTINCT sha256 FROM evidence")}
        cutoff = time.time() - older_than_seconds
        removed: list[Path] = []
        for folder in store.iterdir():
            if not folder.is_dir() or folder.is_symlink():
                continue
            for path in folder.iterdir():
                try:
                    if not path.is_file() or path.is_symlink() or path.stat().st_mtime > cutoff:
                        continue
                    if path.name.startswith(".incoming.") or (len(path.name) == 64 and path.name not in known):
                        path.unlink()
                        removed.append(path)
                        log.info("removed %s, left in the evidence store by an interrupted run", path)
                except OSError as exc:
                    log.warning("cannot remove %s: %s", path, exc)
        return removed

    def _remove_orphan_files(self, hashes: Sequence[str]) -> None:
        for digest in set(hashes):
            if self._conn.execute("SELECT 1 FROM evidence WHERE sha256 = ?", (digest,)).fetchone() is None:
                self.evidence_path(digest).unlink(missing_ok=True)

    # ------------------------------------------------------------------ app state

    def get_state(self, key: str, default: Any = None) -> Any:
        row = self._conn.execute("SELECT value FROM app_state WHERE key = ?", (key,)).fetchone()
        if row is None:
            return default
        try:
            return json.loads(row[0])
        except json.JSONDecodeError:
            return default

    def set_state(self, key: str, value: Any) -> None:
        """Remember a value (anything JSON can hold); None forgets the key."""
        with self._write() as conn:
            if value is None:
                conn.execute("DELETE FROM app_state WHERE key = ?", (key,))
            else:
                conn.execute("INSERT INTO app_state (key, value) VALUES (?, ?) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                             (key, json.dumps(value, ensure_ascii=False)))


def _check_dates(assessment: Assessment) -> None:
    """The library stores no date the files would refuse (9999-12-31 broke the plan's quarters)."""
    from ..core.assessment import check_date_text

    for where, text in (("assessed_on", assessment.assessed_on), ("pledge.date", (assessment.pledge or {}).get("date"))):
        if text:
            problem = check_date_text(text)
            if problem is not None:
                raise LibraryError(Msg(f"{where}: {problem}", f"{where}：{in_lang(problem, 'zh')}", "bad-date"))


def _plan_from(plan: Any, start: str) -> dict[str, Any] | None:
    """A stored plan for a new version dated ``start``: every item keeps its edits but a due date before
    ``start``; the start and phases the plan had (if any) are dropped: they are made again."""
    if not isinstance(plan, dict):
        return None
    if not isinstance(plan.get("items"), list):
        return {k: v for k, v in plan.items() if k != "start"}
    items = []
    for item in plan.get("items", ()):
        if not isinstance(item, dict):
            continue
        due = item.get("due")
        items.append({k: v for k, v in item.items() if not (k == "due" and isinstance(due, str) and due < start)})
    out = {k: v for k, v in plan.items() if k not in ("items", "start")}
    out["items"] = items
    return out


def _evidence_name(name: str) -> str:
    """A file name as given to evidence: no folder part, no control or reserved character, at most 200
    characters; LibraryError when nothing is left."""
    import re

    text = re.sub(r'[\\/:*?"<>|\x00-\x1f\x7f]+', "_", (name or "").strip()).strip(" .")
    if not text or text in (".", ".."):
        raise LibraryError(_msg("evidence-name", "evidence-name"))
    return text[:200]


def _name_key(text: str) -> str:
    """A name as compared for "the same firm": NFKC (full-width letters and digits as half-width),
    no spaces, any case."""
    import unicodedata

    return "".join(unicodedata.normalize("NFKC", text or "").split()).casefold()


def _drop_far_dates(data: Any, source: str) -> Any:
    """A stored date the files no longer accept (9999-12-31, saved before dates were checked) is
    dropped, with a warning in the log, rather than leaving the whole assessment unreadable."""
    if not isinstance(data, dict):
        return data
    from ..core.assessment import parse_date

    def bad(value: Any) -> bool:
        if not isinstance(value, str) or not value:
            return False
        try:
            parse_date(value)
        except ValueError:
            return True
        return False

    if bad(data.get("assessed_on")):
        log.warning("%s: dropping the assessment date %r (out of range)", source, data["assessed_on"])
        data = dict(data, assessed_on="")
    pledge = data.get("pledge")
    if isinstance(pledge, dict) and bad(pledge.get("date")):
        log.warning("%s: dropping the pledge date %r (out of range)", source, pledge["date"])
        data = dict(data, pledge=dict(pledge, date=""))
    return data


def _cached_scores(assessment: Assessment) -> tuple[float | None, int | None, int | None, int]:
    """(total score, level index, stage index, complete) for the list; Nones if it cannot be scored."""
    try:
        result = assessment.score(explain=False)
    except Exception:  # a half-typed answer must not stop the save
        log.warning("assessment of %r could not be scored; saving without cached scores",
                    assessment.company.name, exc_info=True)
        return None, None, None, 0
    return round(float(result.total_score), 4), result.level_index, result.stage.index, int(result.complete)


def _sha256(path: Path) -> str:
    import hashlib

    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()
