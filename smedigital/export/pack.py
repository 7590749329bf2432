"""The evidence file of one firm (一企一档) as one zip: what acceptance asks a firm to hand over.

Contents (names in the pack's language):

- ``00-目录.pdf`` and ``00-目录.xlsx``: every indicator with the answer claimed, each evidence item with its
  status, its file(s) in the pack and their SHA-256, or 缺; first, the evidence missing for a claimed scene
  level or scored option (:func:`smedigital.core.evidence.missing_evidence`);
- ``01-诊断报告.pdf`` (the diagnosis report), ``02-改进计划.xlsx`` (the plan workbook; with a baseline, its
  comparison sheet too), ``03-改造前后对比报告.pdf`` when a baseline is given, ``04-现场核查表.pdf`` (the
  verification sheet, pre-filled, for the on-site rating) and the assessment itself;
- a folder per dimension holding the evidence files, renamed ``<no>-<indicator>-<item id>-<original name>``.

Evidence files are found by a resolver (``EvidenceFile -> Path | None``): the app passes its library's
store; the command line looks in ``--evidence-dir`` by the recorded name, else by SHA-256. A recorded name
with a folder in it (``/``, ``\\``, ``..``) is never looked up as a path; a file whose SHA-256 or size
differs from the record is left out and said so. The zip is written to a temporary file beside the target
and moved into place only when complete.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook

from smedigital.core.answers import EvidenceFile, answer_code
from smedigital.core.assessment import Assessment, dumps_assessment
from smedigital.core.evidence import (
    EvidenceNeed,
    evidence_status,
    item_status,
    level_mark,
    missing_evidence,
    status_label,
)
from smedigital.core.files import atomic_output
from smedigital.core.framework import Framework
from smedigital.core.text import Msg
from smedigital.core.verification import answer_label
from smedigital.core.words import paren, words

from .cells import put_text
from .package import workbook_bytes
from .pilot_pdf import build_index_pdf, dimension_of
from .pilot_words import pw
from .styles import Look, body, fit_row, header_row, print_setup, set_widths

Resolver = Callable[[EvidenceFile], "Path | None"]

_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|\u200e\u200f\u202a-\u202e\u2066-\u2069]+')  # and direction overrides
MAX_NAME = 120
CHUNK = 1 << 20
# Evidence formats that are compressed already (photos, scans, office files, archives): stored as they are, since
# deflating them again costs time and gains nothing
STORED_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".pdf", ".zip", ".rar", ".7z", ".gz",
                             ".docx", ".xlsx", ".pptx", ".mp4", ".mov", ".mp3"})


def safe_name(name: str, limit: int = MAX_NAME) -> str:
    """A file name that is only a name: no folders, no ``..``, no characters Windows refuses, at most
    ``limit`` characters (the extension kept)."""
    text = _UNSAFE.sub("_", name).strip().strip(".").strip()
    text = re.sub(r"_+", "_", text) or "_"
    if len(text) > limit:
        stem, dot, ext = text.rpartition(".")
        if dot and 0 < len(ext) <= 10 and stem:
            text = stem[: limit - len(ext) - 1] + "." + ext
        else:
            text = text[:limit]
    return text


def is_plain_name(name: str) -> bool:
    """A recorded evidence name that can be looked up in a folder: no separators, no ``.``/``..``, no NUL."""
    return bool(name) and name not in (".", "..") and not any(c in name for c in "/\\\x00") and ":" not in name


def _regular_file(p: Path) -> bool:
    try:
        st = os.lstat(p)
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode)  # a symbolic link is not followed out of the folder


def folder_resolver(folder: str | Path) -> Resolver:
    """Find a file in ``folder`` by its recorded plain name, else by its SHA-256 (``<sha>`` or ``<sha[:2]>/<sha>``,
    the desktop library's store)."""
    base = Path(folder)

    def find(f: EvidenceFile) -> Path | None:
        candidates = []
        if is_plain_name(f.name):
            candidates.append(base / f.name)
        if re.fullmatch(r"[0-9a-f]{64}", f.sha256 or ""):
            candidates += [base / f.sha256, base / f.sha256[:2] / f.sha256]
        return next((c for c in candidates if _regular_file(c)), None)

    return find


def file_digest(path: Path) -> tuple[str, int]:
    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            h.update(chunk)
            size += len(chunk)
    return h.hexdigest(), size


@dataclass
class PackResult:
    path: Path
    entries: list[str] = field(default_factory=list)
    evidence_files: int = 0
    missing: list[EvidenceNeed] = field(default_factory=list)
    problems: list[Msg] = field(default_factory=list)  # files not found or not as recorded

    @property
    def size(self) -> int:
        return self.path.stat().st_size


def missing_lines(fw: Framework, needs: list[EvidenceNeed], lang: str) -> list[str]:
    """One line per missing item: indicator, claim, item, status."""
    out = []
    for n in needs:
        q = fw.question(n.question_id)
        claim = answer_label(fw, q.id, n.claim, lang)
        out.append(pw(lang)["missing_line"].format(question=q.label.get(lang), claim=claim, item=n.item.get(lang),
                                                   status=status_label(n.status, lang)))
    return out


def _names(lang: str) -> dict[str, str]:
    """The file names inside the pack, in the pack's language (resources/words, export.pack_files)."""
    return words(lang).section("export.pack_files")


def build_pack(assessment: Assessment, out: str | Path, lang: str = "zh", *, resolve: Resolver | None = None,
               evidence_dir: str | Path | None = None, baseline: Assessment | None = None, plan: object = None,
               charts: bool = True, warnings: list[str] | None = None) -> PackResult:
    """Write the 一企一档 zip atomically; returns what it holds and what was missing or not as recorded."""
    from smedigital.core.actions import ActionsError
    from smedigital.core.planning import build_plan

    from .report import build_report
    from .workbook import build_plan_workbook

    lang = "en" if lang == "en" else "zh"
    w = pw(lang)
    fw = assessment.framework
    names = _names(lang)
    if resolve is None:
        resolve = folder_resolver(evidence_dir) if evidence_dir is not None else (lambda f: None)
    target = Path(out)
    result = PackResult(target)
    result.missing = missing_evidence(assessment, fw)
    needs = {(n.question_id, n.item.id): n for n in evidence_status(assessment, fw)}
    if plan is None:
        try:
            plan = build_plan(assessment)
        except ActionsError:
            plan = None
    comparison = None
    if baseline is not None:
        from smedigital.core.compare import compare_assessments

        comparison = compare_assessments(baseline, assessment)

    with atomic_output(target) as tmp:  # a half-written zip never stands at the target
        rows: list[tuple[str, ...]] = []
        used: set[str] = set()
        copies: list[tuple[Path, str]] = []
        modules = assessment.modules(fw)
        number = 0
        dim_no = {d: i + 1 for i, d in enumerate(fw.dimensions)}
        for q in fw.questions:
            if q.module is not None and q.module not in modules:
                continue
            number += 1
            dim = dimension_of(fw, q)
            dim_title = fw.sections[dim].title.get(lang) if dim in fw.sections else dim
            folder = safe_name(f"{dim_no.get(dim, 0):02d}-{dim_title}", 60)
            ans = assessment.answers.get(q.id)
            claim = answer_label(fw, q.id, answer_code(q, ans), lang)
            for item in q.evidence_items:
                mark = ans.evidence_items.get(item.id) if ans is not None else None
                need = needs.get((q.id, item.id))
                status = item_status(need, mark)
                file_cells, sha_cells = [], []
                for f in (mark.files if mark is not None else ()):
                    src = resolve(f)
                    label = safe_name(f.name, 60)
                    if src is None:
                        result.problems.append(Msg(f"{q.label.en} / {item.id}: {label}: file not found",
                                                   f"{q.label.zh} / {item.id}：{label}：文件缺失", "file-missing"))
                        file_cells.append(paren(label, w["file_missing"], lang))
                        sha_cells.append(w["absent"])
                        continue
                    digest, size = file_digest(src)
                    if (f.sha256 and digest != f.sha256) or (f.size and size != f.size):
                        result.problems.append(Msg(f"{q.label.en} / {item.id}: {label}: the file differs from the "
                                                   "record (SHA-256 or size); left out",
                                                   f"{q.label.zh} / {item.id}：{label}：文件与记录（SHA-256 或大小）"
                                                   "不符，未收入", "file-differs"))
                        file_cells.append(paren(label, w["file_differs"], lang))
                        sha_cells.append(w["absent"])
                        continue
                    arc = f"{folder}/{safe_name(f'{number:02d}-{q.label.get(lang)}-{item.id}-{f.name}')}"
                    stem, k = arc, 2
                    while arc in used:
                        base, dot, ext = stem.rpartition(".")
                        arc = f"{base}-{k}.{ext}" if dot and "/" not in ext else f"{stem}-{k}"
                        k += 1
                    used.add(arc)
                    copies.append((src, arc))
                    file_cells.append(arc)
                    sha_cells.append(digest)
                if not file_cells:
                    sha_cells.append(w["absent"] if status in ("missing", "unmarked") else "")
                rows.append((dim_title, f"{number}. {q.label.get(lang)}", claim,
                             f"{item.id} {item.get(lang)}{level_mark(item, lang)}",
                             status_label(status, lang), "\n".join(file_cells), "\n".join(sha_cells)))

        contents = [(names["index_pdf"], w["idx.index_pdf"]), (names["index_xlsx"], w["idx.index_xlsx"]),
                    (names["report"], w["idx.report"]), (names["plan"], w["idx.plan"])]
        if comparison is not None:
            contents.append((names["compare"], w["idx.compare"]))
        contents.append((names["sheet"], w["sheet.title"]))
        contents.append((names["assessment"], w["idx.assessment"]))
        dims_used = sorted({a.split("/", 1)[0] for _, a in copies})
        contents += [(f"{d}/", w["col.evidence"]) for d in dims_used]
        missing = missing_lines(fw, result.missing, lang) + [m.get(lang) for m in result.problems]
        said: list[str] = []
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
            firm = assessment.company.name or ""
            zf.writestr(names["index_pdf"], build_index_pdf(firm, lang, contents, missing, rows, warnings=said))
            zf.writestr(names["index_xlsx"], _index_workbook(lang, contents, missing, rows))
            zf.writestr(names["report"], build_report(assessment, lang, plan, charts=charts, warnings=said))  # type: ignore[arg-type]  # plan: the record's
            wb = build_plan_workbook(assessment, lang, plan)  # type: ignore[arg-type]  # as above
            if comparison is not None:
                from .compare_sheet import add_comparison_sheet
                from .pilot_pdf import build_comparison_report

                add_comparison_sheet(wb, comparison, lang)
                zf.writestr(names["compare"], build_comparison_report(comparison, lang, warnings=said))
            zf.writestr(names["plan"], workbook_bytes(wb))
            from .pilot_pdf import build_sheet

            zf.writestr(names["sheet"], build_sheet(assessment, lang, warnings=said))
            zf.writestr(names["assessment"], dumps_assessment(assessment).encode("utf-8"))
            for src, arc in copies:
                stored = Path(arc).suffix.lower() in STORED_SUFFIXES
                zf.write(src, arc, compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
            result.entries = [i.filename for i in zf.infolist()]
    result.evidence_files = len(copies)
    if warnings is not None:
        warnings.extend(dict.fromkeys(said))
    return result


def _index_workbook(lang: str, contents: list[tuple[str, str]], missing: list[str],
                    rows: list[tuple[str, ...]]) -> bytes:
    w = pw(lang)
    wb = Workbook()
    ws = wb.active
    ws.title = w["idx.sheet"]
    look = Look(lang)
    heads = (w["col.dimension"], w["col.question"], w["col.claim"], w["col.item_text"], w["col.status"],
             w["col.files"], w["col.sha256"])
    set_widths(ws, (14, 26, 16, 40, 12, 44, 66))
    look.apply(put_text(ws, 1, 1, w["idx.title"]), "title", font=look.title)
    header_row(ws, 3, heads, look)
    for r, values in enumerate(rows, start=4):
        for c, v in enumerate(values, start=1):
            body(put_text(ws, r, c, v), look)
        fit_row(ws, r)
    ws.freeze_panes = "A4"
    ws.auto_filter.ref = f"A3:G{max(3, len(rows) + 3)}"
    print_setup(ws, landscape=True, title_rows="3:3")
    ms = wb.create_sheet(w["idx.missing"][:31])
    set_widths(ms, (110,))
    header_row(ms, 1, (f"{w['idx.missing']} ({len(missing)})",), look)
    for r, line in enumerate(missing or [w["idx.none_missing"]], start=2):
        body(put_text(ms, r, 1, line), look)
    look.apply(put_text(ms, len(missing or [1]) + 3, 1, w["idx.rule"]), "small", font=look.small)
    cs = wb.create_sheet(w["idx.contents"])
    set_widths(cs, (40, 40))
    header_row(cs, 1, (w["idx.file"], w["col.item"]), look)
    for r, (name, what) in enumerate(contents, start=2):
        body(put_text(cs, r, 1, name), look)
        body(put_text(cs, r, 2, what), look)
    return workbook_bytes(wb)
