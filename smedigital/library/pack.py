"""A firm's ``.smdpack``: its assessments and their evidence files in one zip, to carry to another computer.

The zip holds ``manifest.json``, each assessment as ``assessments/<n>.smd.json`` (exactly the stored
document) and each evidence file once as ``evidence/<n>-<name>`` (its readable name); the manifest lists
every member with its size and SHA-256 and each evidence link (assessment, question, name). Importing
reads only the members the manifest names, refuses a pack whose member is missing, larger than said or
whose SHA-256 differs, and adds nothing unless every check passes; the assessments go to the firm with
the same credit code (else name) or a new one, an assessment already stored is not added twice. An import
that fails or is cancelled while adding takes back what it added (assessments, and the firm if it made one).

Both take ``progress(done, total)`` and a ``cancel`` event (the interface runs them on a pool thread with a
connection of their own); every error is a :class:`PackError` whose message is in both languages
(``exc.get(lang)``) and names the pack and the member.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.text import Msg
from ..core.words import both
from .library import MAX_EVIDENCE_BYTES, LibraryError

if TYPE_CHECKING:
    from .library import Library

SUFFIX = ".smdpack"
FORMAT = "smedigital-pack"
VERSION = 1
MAX_MEMBERS = 5000
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024


Progress = Callable[[int, int], None]


class PackError(LibraryError):
    """A pack that cannot be written or imported; nothing was written or added. ``str(exc)`` is English,
    ``exc.get(lang)`` the message in the interface language, ``exc.message.code`` a stable code."""

    def __init__(self, message: Msg):
        super().__init__(message)


class PackCancelled(PackError):
    """The user stopped the export or import; nothing was written or added."""

    def __init__(self, source: str):
        super().__init__(Msg(*both("errors.library.cancelled", source=source), "cancelled"))


def _reasons(exc: BaseException) -> tuple[str, str]:
    """Why, in English and Chinese: an error's problems (each with its place), its own two languages, the
    system's reason or json's; else its text as it is."""
    from ..core.files import json_reason, os_reason
    from ..core.text import in_lang

    problems = getattr(exc, "problems", None)
    if problems:
        def listed(lang: str, sep: str, colon: str) -> str:
            return sep.join(f"{p.where}{colon}{p.text(lang)}" if getattr(p, "where", "") else p.text(lang)
                            for p in problems[:3])

        return listed("en", "; ", ": "), listed("zh", "；", "：")
    if isinstance(exc, json.JSONDecodeError):
        return json_reason(exc)
    if isinstance(exc, LibraryError):
        return exc.get("en"), exc.get("zh")
    if isinstance(exc, OSError) and exc.strerror:
        return os_reason(exc)
    if isinstance(exc, zipfile.BadZipFile) and str(exc) == "File is not a zip file":
        return str(exc), "不是 zip 文件"
    first = exc.args[0] if len(exc.args) == 1 else str(exc)
    return in_lang(first, "en"), in_lang(first, "zh")


def _because(key: str, code: str, exc: BaseException, **kw: object) -> Msg:
    """``errors.library.<key>`` with its ``{exc}`` said in each language."""
    from ..core.words import words

    en, zh = _reasons(exc)
    return Msg(words("en").fmt(f"errors.library.{key}", exc=en, **kw), words("zh").fmt(f"errors.library.{key}", exc=zh, **kw),
               code)


def _check(cancel: threading.Event | None, source: str) -> None:
    if cancel is not None and cancel.is_set():
        raise PackCancelled(source)


def _no_progress(done: int, total: int) -> None:
    return None


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _member_name(n: int, name: str) -> str:
    clean = re.sub(r'[\\/:*?"<>|\x00-\x1f\x7f]+', "_", name).strip(" .") or "file"
    return f"evidence/{n}-{clean[:120]}"


def export_pack(library: Library, firm_id: int, path: str | Path, progress: Progress | None = None,
                cancel: threading.Event | None = None) -> Path:
    """Write every assessment of a firm, with its evidence files, as a ``.smdpack`` (atomically: a cancelled
    or failed export leaves no file)."""
    progress = progress or _no_progress
    target = Path(path)
    if not target.name.endswith(SUFFIX):
        target = target.with_name(target.name + SUFFIX)
    firm = library.firm(firm_id)
    infos = library.assessments(firm_id)
    manifest: dict[str, Any] = {"format": FORMAT, "version": VERSION, "firm": firm.name,
                                "credit_code": firm.credit_code, "assessments": [], "evidence": []}
    files: dict[str, dict[str, Any]] = {}  # sha256 -> evidence entry
    linked = [(info, library.evidence(info.id)) for info in infos]
    total = len(infos) + sum(len(evs) for _, evs in linked)
    done = 0
    progress(0, total)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".pack.", suffix=SUFFIX, dir=target.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for n, (info, evs) in enumerate(linked, 1):
                _check(cancel, target.name)
                data = library.document(info.id).encode("utf-8")
                member = f"assessments/{n}.smd.json"
                zf.writestr(member, data)
                manifest["assessments"].append({"file": member, "size": len(data), "sha256": _digest(data),
                                                "assessed_on": info.assessed_on})
                done += 1
                progress(done, total)
                for ev in evs:
                    _check(cancel, target.name)
                    entry = files.get(ev.sha256)
                    if entry is None:
                        if not ev.path.is_file():
                            raise PackError(Msg(*both("errors.library.evidence-missing", name=target.name,
                                                      original_name=ev.original_name, question_id=ev.question_id),
                                                "evidence-missing"))
                        entry = {"file": _member_name(len(files) + 1, ev.original_name), "size": ev.size,
                                 "sha256": ev.sha256, "links": []}
                        zf.write(ev.path, entry["file"])
                        files[ev.sha256] = entry
                        manifest["evidence"].append(entry)
                    entry["links"].append({"assessment": n, "question_id": ev.question_id, "name": ev.original_name})
                    done += 1
                    progress(done, total)
            _check(cancel, target.name)
            zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        from ..core.files import os_reason

        en, zh = os_reason(exc)
        raise PackError(Msg(f"{target.name}: cannot be written in {target.parent}: {en}",
                            f"{target.name}：无法写入 {target.parent}：{zh}", "unwritable")) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def _read(zf: zipfile.ZipFile, entry: Any, limit: int, pack: str) -> bytes:
    if not isinstance(entry, dict) or not isinstance(entry.get("file"), str) or not isinstance(entry.get("sha256"), str):
        raise PackError(Msg(*both("errors.library.manifest-entry", pack=pack), "manifest-entry"))
    name = entry["file"]
    try:
        info = zf.getinfo(name)
    except KeyError:
        raise PackError(Msg(*both("errors.library.member-missing", pack=pack, name=name), "member-missing")) from None
    size = entry.get("size")
    if info.file_size > limit or (isinstance(size, int) and info.file_size != size):
        raise PackError(Msg(*both("errors.library.member-size", pack=pack, name=name), "member-size"))
    try:
        with zf.open(info) as fh:
            data = fh.read(limit + 1)
    except (OSError, zipfile.BadZipFile, EOFError, RuntimeError) as exc:  # damaged data, an encrypted member
        raise PackError(_because("member-unreadable", "member-unreadable", exc, pack=pack, name=name)) from exc
    if len(data) > limit or _digest(data) != entry["sha256"]:
        raise PackError(Msg(*both("errors.library.member-sha256", pack=pack, name=name),
                            "member-sha256"))
    return data


def import_pack(library: Library, path: str | Path, progress: Progress | None = None,
                cancel: threading.Event | None = None) -> list[int]:
    """Add the assessments and evidence of a ``.smdpack``; returns the assessments' ids (stored ones included).
    Raises PackError (nothing added) for a pack that fails a check, and PackCancelled when ``cancel`` is set."""
    from ..core.assessment import AssessmentError, parse_assessment

    progress = progress or _no_progress
    source = Path(path)
    pack = source.name
    try:
        zf = zipfile.ZipFile(source)
    except (OSError, zipfile.BadZipFile) as exc:
        raise PackError(_because("not-a-pack", "not-a-pack", exc, pack=pack)) from exc
    with zf:
        members = zf.infolist()
        if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_TOTAL_BYTES:
            raise PackError(Msg(*both("errors.library.too-large",
                                      pack=pack, max_files=MAX_MEMBERS, max_gb=MAX_TOTAL_BYTES // 1024 ** 3), "too-large"))
        try:
            manifest = json.loads(zf.read("manifest.json")[:MAX_DOCUMENT_BYTES])
        except (KeyError, ValueError, RecursionError, OSError, zipfile.BadZipFile, EOFError) as exc:
            raise PackError(Msg(*both("errors.library.no-manifest", pack=pack), "no-manifest")) from exc
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise PackError(Msg(*both("errors.library.not-a-pack.2", pack=pack), "not-a-pack"))
        if not isinstance(manifest.get("version"), int) or manifest["version"] > VERSION:
            raise PackError(Msg(*both("errors.library.newer", pack=pack), "newer"))
        entries = manifest.get("assessments") or []
        ev_entries = manifest.get("evidence") or []
        if not isinstance(entries, list) or not isinstance(ev_entries, list):
            raise PackError(Msg(*both("errors.library.manifest-entry.2", pack=pack), "manifest-entry"))
        total = 2 * (len(entries) + len(ev_entries))  # checked, then added
        done = 0
        progress(0, total)
        assessments = []
        for entry in entries:
            _check(cancel, pack)
            data = _read(zf, entry, MAX_DOCUMENT_BYTES, pack)
            try:
                assessments.append(parse_assessment(json.loads(data), f"{pack}:{entry['file']}",
                                                    check_profile=False))
            except (ValueError, RecursionError, AssessmentError) as exc:
                why_en, why_zh = _reasons(exc)
                raise PackError(Msg(f"{pack}: {entry['file']} is not an assessment this version can read: {why_en}",
                                    f"{pack}：{entry['file']} 不是可读取的评测：{why_zh}", "bad-assessment")) from exc
            done += 1
            progress(done, total)
        if not assessments:
            raise PackError(Msg(*both("errors.library.empty", pack=pack), "empty"))
        evidence = []
        for entry in ev_entries:
            _check(cancel, pack)
            data = _read(zf, entry, MAX_EVIDENCE_BYTES, pack)
            links = [ln for ln in entry.get("links") or [] if isinstance(ln, dict)
                     and isinstance(ln.get("assessment"), int) and 1 <= ln["assessment"] <= len(assessments)
                     and isinstance(ln.get("question_id"), str) and isinstance(ln.get("name"), str)]
            evidence.append((entry["file"], data, links))
            done += 1
            progress(done, total)
    _check(cancel, pack)
    stored_before = {i.id for f in library.firms() for i in library.assessments(f.id)}
    firms_before = {f.id for f in library.firms()}
    ids: list[int] = []
    try:
        firm_id = None
        for a in assessments:
            _check(cancel, pack)
            try:
                new_id = library.add_assessment(a, firm_id, source=str(source))
            except (AssessmentError, ValueError) as exc:  # a firm without a name, say
                raise PackError(_because("bad-assessment", "bad-assessment", exc, pack=pack)) from exc
            firm_id = library.assessment_info(new_id).firm_id
            ids.append(new_id)
            done += 1
            progress(done, total)
        with tempfile.TemporaryDirectory(prefix="smdpack-") as folder:
            for n, (member, data, links) in enumerate(evidence):
                _check(cancel, pack)
                for link in links:
                    aid = ids[link["assessment"] - 1]
                    known = {(e.question_id, e.sha256) for e in library.evidence(aid)}
                    if (link["question_id"], _digest(data)) in known:
                        continue
                    name = re.sub(r'[\\/:*?"<>|\x00-\x1f\x7f]+', "_", link["name"]).strip(" .") or "file"
                    tmp = Path(folder) / str(n) / name[:200]
                    tmp.parent.mkdir(exist_ok=True)
                    try:
                        tmp.write_bytes(data)
                        library.attach_evidence(aid, link["question_id"], tmp)
                    except (OSError, LibraryError) as exc:
                        if isinstance(exc, PackError):
                            raise
                        raise PackError(_because("evidence-add", "evidence-add", exc, pack=pack, member=member)) from exc
                done += 1
                progress(done, total)
    except BaseException:
        _take_back(library, ids, stored_before, firms_before)
        raise
    return ids


def _take_back(library: Library, ids: list[int], stored_before: set[int], firms_before: set[int]) -> None:
    """Remove what a failed or cancelled import added: its new assessments, and a firm it made."""
    for aid in dict.fromkeys(ids):
        if aid in stored_before:
            continue
        try:
            firm = library.assessment_info(aid).firm_id
            library.delete_assessment(aid)
            if firm not in firms_before and not library.assessments(firm):
                library.delete_firm(firm)
        except LibraryError:  # the library itself failed: what could not be taken back stays, logged by it
            continue
