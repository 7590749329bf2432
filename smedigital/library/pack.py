"""A firm's ``.smdpack``: its assessments and their evidence files in one zip, to carry to another computer.

The zip holds ``manifest.json``, each assessment as ``assessments/<n>.smd.json`` (exactly the stored
document) and each evidence file once as ``evidence/<n>-<name>`` (its readable name); the manifest lists
every member with its size and SHA-256 and each evidence link (assessment, question, name). Importing
reads only the members the manifest names, refuses a pack whose member is missing, larger than said or
whose SHA-256 differs, and adds nothing unless every check passes; the assessments go to the firm with
the same credit code (else name) or a new one, an assessment already stored is not added twice.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .library import MAX_EVIDENCE_BYTES, LibraryError

if TYPE_CHECKING:
    from .library import Library

SUFFIX = ".smdpack"
FORMAT = "smedigital-pack"
VERSION = 1
MAX_MEMBERS = 5000
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024


class PackError(LibraryError):
    """A pack that cannot be imported; the message says why (nothing was added)."""


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _member_name(n: int, name: str) -> str:
    clean = re.sub(r'[\\/:*?"<>|\x00-\x1f\x7f]+', "_", name).strip(" .") or "file"
    return f"evidence/{n}-{clean[:120]}"


def export_pack(library: Library, firm_id: int, path: str | Path) -> Path:
    """Write every assessment of a firm, with its evidence files, as a ``.smdpack`` (atomically)."""
    target = Path(path)
    if not target.name.endswith(SUFFIX):
        target = target.with_name(target.name + SUFFIX)
    firm = library.firm(firm_id)
    infos = library.assessments(firm_id)
    manifest: dict[str, Any] = {"format": FORMAT, "version": VERSION, "firm": firm.name,
                                "credit_code": firm.credit_code, "assessments": [], "evidence": []}
    files: dict[str, dict[str, Any]] = {}  # sha256 -> evidence entry
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".pack.", suffix=SUFFIX, dir=target.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for n, info in enumerate(infos, 1):
                data = library.document(info.id).encode("utf-8")
                member = f"assessments/{n}.smd.json"
                zf.writestr(member, data)
                manifest["assessments"].append({"file": member, "size": len(data), "sha256": _digest(data),
                                                "assessed_on": info.assessed_on})
                for ev in library.evidence(info.id):
                    entry = files.get(ev.sha256)
                    if entry is None:
                        if not ev.path.is_file():
                            raise LibraryError(f"the evidence file {ev.original_name} is missing from the store")
                        entry = {"file": _member_name(len(files) + 1, ev.original_name), "size": ev.size,
                                 "sha256": ev.sha256, "links": []}
                        zf.write(ev.path, entry["file"])
                        files[ev.sha256] = entry
                        manifest["evidence"].append(entry)
                    entry["links"].append({"assessment": n, "question_id": ev.question_id, "name": ev.original_name})
            zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise LibraryError(f"cannot write {target.name}: {exc.strerror or exc}") from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def _read(zf: zipfile.ZipFile, entry: Any, limit: int) -> bytes:
    if not isinstance(entry, dict) or not isinstance(entry.get("file"), str) or not isinstance(entry.get("sha256"), str):
        raise PackError("the manifest lists a member without its file name and SHA-256")
    name = entry["file"]
    try:
        info = zf.getinfo(name)
    except KeyError:
        raise PackError(f"{name} is listed in the manifest but missing from the pack") from None
    size = entry.get("size")
    if info.file_size > limit or (isinstance(size, int) and info.file_size != size):
        raise PackError(f"{name} is not the size the manifest gives")
    with zf.open(info) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit or _digest(data) != entry["sha256"]:
        raise PackError(f"{name} does not match its SHA-256 in the manifest: the pack was changed or damaged")
    return data


def import_pack(library: Library, path: str | Path) -> list[int]:
    """Add the assessments and evidence of a ``.smdpack``; returns the assessments' ids (stored ones included).
    Raises PackError (nothing added) for a pack that fails a check."""
    from ..core.assessment import AssessmentError, parse_assessment  # noqa: PLC0415

    source = Path(path)
    try:
        zf = zipfile.ZipFile(source)
    except (OSError, zipfile.BadZipFile) as exc:
        raise PackError(f"{source.name} is not a smedigital pack: {exc}") from exc
    with zf:
        members = zf.infolist()
        if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_TOTAL_BYTES:
            raise PackError(f"{source.name} is too large to be a firm's pack")
        try:
            manifest = json.loads(zf.read("manifest.json")[:MAX_DOCUMENT_BYTES])
        except (KeyError, ValueError, zipfile.BadZipFile) as exc:
            raise PackError(f"{source.name} has no readable manifest") from exc
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise PackError(f"{source.name} is not a smedigital pack")
        if not isinstance(manifest.get("version"), int) or manifest["version"] > VERSION:
            raise PackError(f"{source.name} was written by a newer version of smedigital")
        assessments = []
        for entry in manifest.get("assessments") or []:
            data = _read(zf, entry, MAX_DOCUMENT_BYTES)
            try:
                assessments.append(parse_assessment(json.loads(data), f"{source.name}:{entry['file']}",
                                                    check_profile=False))
            except (ValueError, AssessmentError) as exc:
                raise PackError(f"{entry['file']}: {exc}") from exc
        if not assessments:
            raise PackError(f"{source.name} holds no assessment")
        evidence = []
        for entry in manifest.get("evidence") or []:
            data = _read(zf, entry, MAX_EVIDENCE_BYTES)
            links = [ln for ln in entry.get("links") or [] if isinstance(ln, dict)
                     and isinstance(ln.get("assessment"), int) and 1 <= ln["assessment"] <= len(assessments)
                     and isinstance(ln.get("question_id"), str) and isinstance(ln.get("name"), str)]
            evidence.append((data, links))
    ids: list[int] = []
    firm_id = None
    for a in assessments:
        new_id = library.add_assessment(a, firm_id, source=str(source))
        firm_id = library.assessment_info(new_id).firm_id
        ids.append(new_id)
    with tempfile.TemporaryDirectory(prefix="smdpack-") as folder:
        for n, (data, links) in enumerate(evidence):
            for link in links:
                aid = ids[link["assessment"] - 1]
                known = {(e.question_id, e.sha256) for e in library.evidence(aid)}
                if (link["question_id"], _digest(data)) in known:
                    continue
                name = re.sub(r'[\\/:*?"<>|\x00-\x1f\x7f]+', "_", link["name"]).strip(" .") or "file"
                tmp = Path(folder) / str(n) / name[:200]
                tmp.parent.mkdir(exist_ok=True)
                tmp.write_bytes(data)
                library.attach_evidence(aid, link["question_id"], tmp)
    return ids
