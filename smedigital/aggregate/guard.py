"""What a file is, and whether it is safe to hand to a spreadsheet reader.

Offices collect workbooks from many firms; some are damaged, some are not what
their name says, a few may be built to hurt. Before python-calamine or openpyxl
sees a byte, :func:`inspect_bytes` decides what the file is from its content
(never from its name alone) and, for a zip-based workbook, checks it:

* **size**: at most :attr:`Limits.max_file_bytes` (checked before reading);
* **zip bomb**: at most :attr:`Limits.max_entries` entries, a declared total
  of at most :attr:`Limits.max_total_bytes` uncompressed, no entry inflating
  more than :attr:`Limits.max_ratio` times (entries under
  :attr:`Limits.ratio_grace_bytes` excepted, as tiny parts compress oddly);
  declared sizes are not trusted: every entry a reader will inflate is inflated
  here, in memory, with its output capped at the declared size plus one byte, and
  must end exactly there with a matching CRC. The one exception, for the
  aggregation (:func:`inspect_lazily`): a workbook's worksheet parts
  (``xl/worksheets/*.xml``) are checked only when a sheet is about to be read
  (:meth:`ZipCheck.check_sheet`), and the parts python-calamine never opens
  (document properties, theme, charts, drawings, a sheet's relationships) only
  before openpyxl reads the workbook, so a plan workbook's parts the aggregation
  never reads are never inflated; their central-directory entries (sizes,
  ratios, counts, encryption, local header and bounds) are checked all the same,
  and the bytes a reader meets are always checked first;
* **XML entities**: no part may carry a document type declaration
  (``<!DOCTYPE``/``<!ENTITY``, in UTF-8 or UTF-16), which an Office part never
  needs and a "billion laughs" attack does; the one part parsed here,
  ``[Content_Types].xml``, goes through defusedxml;
* **encryption**: an OLE2 compound file (``D0 CF 11 E0 A1 B1 1A E1``) with an
  ``EncryptionInfo`` or ``EncryptedPackage`` stream is a password-protected
  workbook; one with a ``Workbook``/``Book`` stream is a legacy ``.xls``.

Nothing is evaluated: formulas are never computed (the readers return the
cached values only) and no macro or external link is followed.
"""

from __future__ import annotations

import io
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Protocol

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from smedigital.core.text import MAX_DETAIL, MAX_SHOWN, cap, shown
from smedigital.core.words import both

__all__ = ["MAX_DETAIL", "MAX_SHOWN", "Limits", "Rejected", "ZipCheck", "cap", "inspect_bytes", "inspect_lazily",
           "shown"]

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
_LOCAL_HEADER = b"PK\x03\x04"
_DTD_MARKERS = tuple(m.encode(enc) for m in ("<!DOCTYPE", "<!ENTITY") for enc in ("utf-8", "utf-16-le", "utf-16-be"))
_MARKUP_DECLARATION = (b"<!", b"<\0!")  # what every marker above starts with (UTF-16BE: after a NUL)
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_SPREADSHEET_TYPES = (
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
    "application/vnd.ms-excel.template.macroEnabled.main+xml",
)
_OTHER_OFFICE = {
    "wordprocessingml": ("a Word document", "Word 文档"),
    "presentationml": ("a PowerPoint presentation", "PowerPoint 演示文稿"),
}
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


@dataclass(frozen=True, slots=True)
class Limits:
    """The bounds every input file must keep; the defaults leave a plan workbook (~25 KB) a wide margin."""

    max_file_bytes: int = 20 * 1024 * 1024
    max_entries: int = 1_000
    max_total_bytes: int = 100 * 1024 * 1024
    max_ratio: int = 100
    ratio_grace_bytes: int = 256 * 1024
    seconds_per_file: float = 30.0
    # what a reader may materialise: rows x columns of each sheet (declared or found), summed over the
    # sheets, and the bytes of text the cells hold (shared strings count once per cell using them)
    max_cell_area: int = 2_000_000
    max_cell_text: int = 16 * 1024 * 1024
    # a whole run (aggregation), on top of the limit per file; None: run_seconds(files) (60 s + 5 s a file)
    seconds_per_run: float | None = None

    def run_seconds(self, files: int) -> float:
        """The time budget of a run over ``files`` files: files still unread when it is spent are rejected."""
        return self.seconds_per_run if self.seconds_per_run is not None else 60.0 + 5.0 * files
    # address space of a worker process (where the system can limit it): a reader that still runs away
    # stops there, and the file is rejected, instead of taking the machine's memory
    max_memory_bytes: int = 2 * 1024 * 1024 * 1024


class Rejected(Exception):
    """A file that cannot be used: ``code`` is stable (see ``words.REASONS``), ``detail`` says why
    (English) and ``detail_zh`` the same in Chinese; both are capped at :data:`MAX_DETAIL`."""

    def __init__(self, code: str, detail: str = "", detail_zh: str = ""):
        self.code = code
        self.detail = cap(detail)
        self.detail_zh = cap(detail_zh) if detail_zh else self.detail
        super().__init__(f"{code}: {self.detail}" if detail else code)

    def text(self, lang: str) -> str:
        return self.detail if lang == "en" else self.detail_zh


def inspect_bytes(data: bytes, name: str, limits: Limits) -> str:
    """What a file is (``xlsx``, ``ods`` or ``json``) once it is known safe to read; else :class:`Rejected`."""
    if not data:
        raise Rejected("empty", *both("errors.guard.empty"))
    if len(data) > limits.max_file_bytes:
        raise too_large(len(data), limits)
    if data.startswith(OLE2_MAGIC):
        raise ole2_rejection(data, name)
    if data.startswith(ZIP_MAGICS):
        return check_zip(data, limits)
    if _looks_like_json(data):
        return "json"
    if _looks_like_text(data):
        raise Rejected("not-ours", *both("errors.guard.not-ours"))
    raise Rejected("not-ours", *both("errors.guard.not-ours.2"))


def inspect_lazily(data: bytes, name: str, limits: Limits) -> tuple[str, ZipCheck | None]:
    """:func:`inspect_bytes`, but a workbook's worksheet parts are left for :class:`ZipCheck` to check when a
    reader is about to read them (``None``: nothing left to check)."""
    if data.startswith(ZIP_MAGICS) and data and len(data) <= limits.max_file_bytes:
        check = ZipCheck(data, limits)
        kind = check.run()
        return kind, check if check.deferred else None
    return inspect_bytes(data, name, limits), None


def too_large(size: int, limits: Limits) -> Rejected:
    return Rejected("too-large", *both("errors.guard.too-large", size=size, max_file_bytes=limits.max_file_bytes))


# --------------------------------------------------------------------- OLE2 (.xls, encrypted .xlsx)

def ole2_streams(data: bytes) -> set[str]:
    """Names of the streams and storages of an OLE2 compound file.

    Directory entries are 128 bytes at 128-byte aligned offsets after the 512-byte header
    (sectors are 512 or 4096 bytes), so they are found without following the FAT: an entry is
    taken when its UTF-16LE name, its name length field and its type (1 storage, 2 stream, 5 root)
    agree.
    """
    names: set[str] = set()
    for off in range(512, len(data) - 127, 128):
        length, kind = struct.unpack_from("<HB", data, off + 64)
        if kind not in (1, 2, 5) or not 2 <= length <= 64 or length % 2:
            continue
        raw = data[off:off + length - 2]
        if data[off + length - 2:off + length] != b"\0\0":
            continue
        try:
            name = raw.decode("utf-16-le")
        except UnicodeDecodeError:
            continue
        if name.isprintable() or name.lstrip("\x01\x05\x06").isprintable():
            names.add(name)
    return names


def ole2_rejection(data: bytes, name: str) -> Rejected:
    streams = ole2_streams(data)
    if streams & {"EncryptionInfo", "EncryptedPackage"}:
        return Rejected("encrypted", *both("errors.guard.encrypted"))
    if streams & {"Workbook", "Book"} or PurePath(name).suffix.lower() in (".xls", ".xlt"):
        return Rejected("old-xls", *both("errors.guard.old-xls"))
    return Rejected("not-ours", *both("errors.guard.not-ours.3"))


# --------------------------------------------------------------------- zip (xlsx, ods)

def check_zip(data: bytes, limits: Limits) -> str:
    """Check a zip archive entry by entry (see the module docstring); return ``xlsx`` or ``ods``."""
    check = ZipCheck(data, limits, defer=False)
    return check.run()


# a worksheet part as every writer names it (and a sheet's relationship targets it): checked when read
_WORKSHEET_PART = re.compile(r"xl/worksheets/[A-Za-z0-9_]{1,64}\.xml")
# parts python-calamine never opens, to list a workbook's sheets or to read one (found by giving each part in turn
# 128 MB behind headers that declare 4 KB: only the workbook part, its relationships, the package's, the styles,
# the shared strings and the sheet read were inflated): checked only before openpyxl, which may read them all
_UNREAD_PART = re.compile(r"docProps/[^/]{1,64}|xl/(?:theme|charts|drawings)/(?:_rels/)?[^/]{1,64}"
                          r"|xl/worksheets/_rels/[^/]{1,64}")
_SHEET_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sheet\s[^>]*>")
_ATTR = re.compile(rb"""([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_RELATIONSHIP_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?Relationship\s[^>]*>")
_SIMPLE_TARGET = re.compile(r"(?:/xl/|)worksheets/[A-Za-z0-9_]{1,64}\.xml")
_WORKBOOK_PARTS = ("xl/workbook.xml", "xl/_rels/workbook.xml.rels")
_KEPT_PARTS = ("[Content_Types].xml", "mimetype", *_WORKBOOK_PARTS, "xl/styles.xml")


class Entry(Protocol):
    """What the checks read of a zip entry: a ``zipfile.ZipInfo`` or a :class:`PlainEntry`."""

    filename: str
    flag_bits: int
    compress_type: int
    CRC: int
    compress_size: int
    file_size: int
    header_offset: int


class PlainEntry:
    __slots__ = ("filename", "flag_bits", "compress_type", "CRC", "compress_size", "file_size", "header_offset")

    def __init__(self, filename: str, flag_bits: int, compress_type: int, crc: int, compress_size: int,
                 file_size: int, header_offset: int):
        self.filename = filename
        self.flag_bits = flag_bits
        self.compress_type = compress_type
        self.CRC = crc
        self.compress_size = compress_size
        self.file_size = file_size
        self.header_offset = header_offset


_END = struct.Struct("<4s4H2LH")  # end of central directory record (22 bytes)
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")  # a central directory entry's fixed part (46 bytes): zipfile's own
_ZIP64_LOCATOR = b"PK\x06\x07"
_MAX_EXTRACT_VERSION = 63  # zipfile refuses an entry needing a later version (NotImplementedError)


def plain_entries(data: bytes) -> list[PlainEntry] | None:
    """The entries of a plain zip archive (what every spreadsheet writer makes: no archive comment, no zip64,
    nothing before the first entry, no extra fields in the central directory, names without NUL), read as
    ``zipfile.ZipFile(...).infolist()`` reads them (entry after entry until the directory's declared size is
    used up), without making a ZipInfo of each; None for any other archive, which zipfile then lists (and
    refuses with its own reasons)."""
    end = len(data) - _END.size
    if end < 0 or data[end:end + 4] != b"PK\x05\x06" or data[-2:] != b"\0\0":
        return None
    if end >= 20 and data[end - 20:end - 16] == _ZIP64_LOCATOR:
        return None
    size, offset = _END.unpack_from(data, end)[5:7]
    if offset + size != end:  # data before the archive, or a directory that does not end where the record starts
        return None
    out = []
    unpack, at, stop = _CENTRAL.unpack_from, offset, end
    while at < stop:
        if at + _CENTRAL.size > stop:
            return None
        (sig, _cv, _cs, extract, _r, flags, method, _t, _d, crc, csize, usize, nlen, xlen, clen, _disk, _ia, _ea,
         header) = unpack(data, at)
        at += _CENTRAL.size
        if sig != b"PK\x01\x02" or xlen or extract > _MAX_EXTRACT_VERSION or at + nlen + clen > stop:
            return None
        raw = data[at:at + nlen]
        if b"\0" in raw:  # ZipInfo cuts a name at NUL
            return None
        try:
            name = raw.decode("utf-8" if flags & 0x800 else "cp437")
        except UnicodeDecodeError:
            return None
        if _SEP != "/" and _SEP in name:  # ZipInfo turns the system's separator into "/"
            return None
        out.append(PlainEntry(name, flags, method, crc, csize, usize, header))
        at += nlen + clen
    return out


_SEP = os.sep


class ZipCheck:
    """The checks of one zip archive (see the module docstring), with its worksheet parts and the parts calamine
    never opens optionally left for later: :meth:`check_sheet` checks the part of one sheet before a reader reads
    it, :meth:`check_all` every part left (before a reader that reads them all, or when a sheet's part cannot be
    told for sure)."""

    def __init__(self, data: bytes, limits: Limits, defer: bool = True):
        self.data = data
        self.limits = limits
        self.defer = defer
        self.cells = CellBudget(limits)
        self.deferred: dict[str, Entry] = {}
        self.parts: dict[str, bytes] = {}  # [Content_Types].xml, mimetype, the workbook's own two parts, its styles
        # worksheet parts checked (bytes, CRC, XML declarations) for :meth:`sheet_xml`, their cells not yet counted
        self.uncounted: dict[str, bytes] = {}
        self._sheet_parts: tuple[list[str], dict[str, str]] | None = None
        self._plain: list[str] | None = None
        self._listed_plainly = False

    def run(self) -> str:
        data, limits = self.data, self.limits
        try:
            plain = plain_entries(data)
            infos: Sequence[Entry] = plain if plain is not None else zipfile.ZipFile(io.BytesIO(data)).infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, struct.error, OSError) as exc:
            raise Rejected("damaged", *both("errors.guard.damaged", exc=exc)) from exc
        if len(infos) > limits.max_entries:
            raise Rejected("zip-bomb",
                           *both("errors.guard.zip-bomb", entries=len(infos), max_entries=limits.max_entries))
        for info in infos:
            if info.file_size > limits.ratio_grace_bytes and info.file_size > limits.max_ratio * max(info.compress_size, 1):
                ratio = info.file_size // max(info.compress_size, 1)
                raise Rejected("zip-bomb", *both("errors.guard.zip-bomb.2",
                                                 member=shown(info.filename), ratio=ratio, max_ratio=limits.max_ratio))
        total = sum(i.file_size for i in infos)
        if total > limits.max_total_bytes:
            raise Rejected("zip-bomb", *both("errors.guard.zip-bomb.3",
                                             total=total, max_total_bytes=limits.max_total_bytes))
        names = [i.filename for i in infos]
        unique = len(set(names)) == len(names)  # a name twice: which one a reader takes is its own business
        for info in infos:
            if self.defer and unique and (_WORKSHEET_PART.fullmatch(info.filename)
                                          or _UNREAD_PART.fullmatch(info.filename)):
                _entry_bounds(data, info)  # what can be known without inflating: the rest when it is read
                self.deferred[info.filename] = info
                continue
            self._check(info)
        self.cells.check()
        parts = self.parts
        if "mimetype" in parts and parts["mimetype"].strip() == _ODS_MIMETYPE:
            self.check_all()  # an OpenDocument file's sheets are all in content.xml: nothing was left
            return "ods"
        if "[Content_Types].xml" not in parts:
            raise Rejected("not-ours", *both("errors.guard.not-ours.4"))
        _check_content_types(parts["[Content_Types].xml"])
        return "xlsx"

    def _inflated(self, info: Entry) -> bytes:
        """An entry's bytes, inflated and checked (size, CRC; an XML part without a document type declaration)."""
        content = _inflate(self.data, info)
        if info.filename.lower().endswith(_XML_SUFFIXES) and _declares_dtd(content):
            raise Rejected("xml-entities", *both("errors.guard.xml-entities", member=shown(info.filename)))
        return content

    def _check(self, info: Entry) -> None:
        content = self._inflated(info)
        if info.filename in _KEPT_PARTS:
            self.parts[info.filename] = content
        self.cells.add_part(info.filename, content)

    def _count_uncounted(self, part: str | None = None) -> None:
        """Count the cells of a part :meth:`sheet_xml` handed out (``None``: of every such part)."""
        for name in [part] if part is not None else list(self.uncounted):
            content = self.uncounted.pop(name, None)
            if content is not None:
                self.cells.add_part(name, content)

    def check_all(self) -> None:
        """Check every part left (its bytes, CRC, XML and cells), as :func:`check_zip` does."""
        deferred, self.deferred = self.deferred, {}
        for info in deferred.values():
            self._check(info)
        self._count_uncounted()
        self.cells.check()

    def sheet_xml(self, sheet: str) -> tuple[str, bytes] | None:
        """The part holding ``sheet`` and its XML, checked as every part is (bytes, CRC, no document type
        declaration) but its cells not counted against the cell budget, for a caller that reads the cells
        itself (never as a dense rectangle: :mod:`.cellxml`); None when the workbook does not say plainly which
        part that is (:meth:`plain_sheets`), or the part was checked already. Should a reader read the sheet
        after all, :meth:`check_sheet` (or :meth:`check_all`) counts its cells first; a caller that read them tells
        :meth:`count_read`."""
        part = self.sheet_parts()[1].get(sheet) if self.plain_sheets() is not None else None
        info = self.deferred.pop(part, None) if part is not None else None
        if info is None:
            return None
        content = self.uncounted[info.filename] = self._inflated(info)
        return info.filename, content

    def count_read(self, part: str, last_row: int, last_column: int) -> None:
        """Count the cells of a part :meth:`sheet_xml` handed out and its caller read (its last row and column
        holding a cell), as :meth:`check_sheet` would have before a reader: the verdict on a file does not
        depend on which reader read it."""
        content = self.uncounted.pop(part, None)
        if content is not None:
            self.cells.count(part, content, self.cells.declared(content), last_row, last_column)
            self.cells.check()

    def plain_sheets(self) -> list[str] | None:
        """The sheets' names, when the workbook part lists them plainly (one ``<sheets>`` holding every sheet tag,
        each with a plain name and a plain part of its own, no name twice, every part unchecked), as every
        spreadsheet reader lists them; else None."""
        if self._plain is None:
            names, parts = self.sheet_parts()
            self._plain = list(names) if self._listed_plainly and len(parts) == len(names) else []
        return self._plain or None

    def check_sheet(self, sheet: str, names: list[str]) -> None:
        """Check the part holding ``sheet`` if it was left, before a reader reads it (``names``: the sheets the
        reader found); when the workbook does not say plainly which part that is, or the reader found other
        sheets than this check did, every part left is checked."""
        if not self.deferred and not self.uncounted:
            return
        found, parts = self.sheet_parts()
        part = parts.get(sheet) if found == names else None
        if part is None:
            self.check_all()
            return
        info = self.deferred.pop(part, None)
        if info is not None:
            self._check(info)
            self.cells.check()
        elif part in self.uncounted:
            self._count_uncounted(part)
            self.cells.check()

    def sheet_parts(self) -> tuple[list[str], dict[str, str]]:
        """The sheets' names in order, and name -> worksheet part for those whose part is named plainly."""
        if self._sheet_parts is None:
            key = (self.parts.get(_WORKBOOK_PARTS[0], b""), self.parts.get(_WORKBOOK_PARTS[1], b""))
            told = _TOLD.get(key)
            if told is None:
                told = (*_sheet_parts(*key), _listed_plainly(key[0]))
                if len(_TOLD) >= 64:
                    _TOLD.clear()
                _TOLD[key] = told
            names, parts, self._listed_plainly = told
            # only a part this archive holds and left unchecked; a name of a part it lacks tells nothing
            self._sheet_parts = names, {n: p for n, p in parts.items() if p in self.deferred}
        return self._sheet_parts


# (workbook part, its relationships) -> what _sheet_parts made of them: every export writes the same few
_TOLD: dict[tuple[bytes, bytes], tuple[list[str], dict[str, str], bool]] = {}


def _listed_plainly(workbook: bytes) -> bool:
    """Whether the workbook part lists its sheets plainly: one ``<sheets>`` holding every sheet tag, none with a
    namespace prefix (with :func:`_sheet_parts`'s own conditions: no markup declaration, plain names)."""
    start, end = workbook.find(b"<sheets>"), workbook.find(b"</sheets>")
    tags = [m.start() for m in _SHEET_TAG.finditer(workbook)]
    return (bool(tags) and 0 <= start < end and workbook.count(b"<sheets>") == workbook.count(b"</sheets>") == 1
            and workbook.count(b"<sheet") == len(tags) + 1  # no tag with a prefix, none but in <sheets>
            and all(start < t < end for t in tags))


def _attrs(tag: bytes) -> dict[bytes, bytes] | None:
    """A tag's attributes; None when one is given twice."""
    found = [(m.group(1), m.group(2) if m.group(2) is not None else m.group(3)) for m in _ATTR.finditer(tag)]
    out = dict(found)
    return out if len(out) == len(found) else None


def _sheet_parts(workbook: bytes, rels: bytes) -> tuple[list[str], dict[str, str]]:
    """The sheets' names in order, and each sheet's worksheet part, from the workbook part and its relationships;
    a sheet whose name or part is anything but plain (escaped characters, a name, id or attribute twice, a target
    not of the simple form) is left out of the parts, and so checked with every part left. Markup declarations
    (comments, CDATA) could hide a tag from a reader but not from these scans: with one, no part is told."""
    if any(m in workbook or m in rels for m in _MARKUP_DECLARATION):
        return [], {}
    targets: dict[bytes, str] = {}
    for tag in _RELATIONSHIP_TAG.findall(rels):
        a = _attrs(tag)
        if a is None:  # which Id it has is a reader's guess
            return [], {}
        rid, target = a.get(b"Id"), (a.get(b"Target") or b"").decode("utf-8", "replace")
        if rid is None or rid in targets or not _SIMPLE_TARGET.fullmatch(target):
            targets[rid or b""] = ""
            continue
        targets[rid] = target[1:] if target.startswith("/") else "xl/" + target
    names: list[str] = []
    out: dict[str, str] = {}
    for tag in _SHEET_TAG.findall(workbook):
        a = _attrs(tag)
        raw = a.get(b"name") if a is not None else None
        names.append((raw or b"").decode("utf-8", "replace"))
        ids = [v for k, v in (a or {}).items() if k.endswith(b":id")]
        if a is None or raw is None or b"&" in raw or len(ids) != 1:
            continue
        part = targets.get(ids[0], "")
        if part:
            out[names[-1]] = part
    for name in {n for n in names if names.count(n) > 1}:
        out.pop(name, None)
    return names, out


def _entry_bounds(data: bytes, info: Entry) -> None:
    """The checks of an entry that need no inflating: not encrypted, a known method, its local header and
    compressed bytes inside the file (a stored entry: its sizes agree)."""
    name, offset = info.filename, info.header_offset
    if info.flag_bits & 0x1:
        raise Rejected("encrypted", *both("errors.guard.encrypted.2", member=shown(name)))
    if data[offset:offset + 4] != _LOCAL_HEADER:
        raise Rejected("damaged", *both("errors.guard.damaged.2", member=shown(name)))
    name_len, extra_len = struct.unpack_from("<HH", data, offset + 26)
    if offset + 30 + name_len + extra_len + info.compress_size > len(data):
        raise Rejected("damaged", *both("errors.guard.damaged.3", member=shown(name)))
    if info.compress_type not in (0, 8):
        raise Rejected("not-ours", *both("errors.guard.not-ours.5", member=shown(name), method=info.compress_type))
    if info.compress_type == 0 and info.compress_size != info.file_size:
        raise Rejected("damaged", *both("errors.guard.damaged.6", member=shown(name)))


def _inflate(data: bytes, info: Entry) -> bytes:
    """An entry's bytes, inflated with the output capped; it must end at its declared size with its CRC."""
    name, size, offset = info.filename, info.file_size, info.header_offset
    if info.flag_bits & 0x1:
        raise Rejected("encrypted", *both("errors.guard.encrypted.2", member=shown(name)))
    if data[offset:offset + 4] != _LOCAL_HEADER:
        raise Rejected("damaged", *both("errors.guard.damaged.2", member=shown(name)))
    name_len, extra_len = struct.unpack_from("<HH", data, offset + 26)
    start = offset + 30 + name_len + extra_len
    end = start + info.compress_size
    if end > len(data):
        raise Rejected("damaged", *both("errors.guard.damaged.3", member=shown(name)))
    raw = memoryview(data)[start:end]
    method = info.compress_type
    if method == 0:
        content = bytes(raw)
    elif method == 8:
        inflater = zlib.decompressobj(-15)
        try:
            content = inflater.decompress(raw, size + 1)
        except zlib.error as exc:
            raise Rejected("damaged", *both("errors.guard.damaged.4", member=shown(name), exc=exc)) from exc
        if len(content) > size or inflater.unconsumed_tail:
            raise Rejected("zip-bomb", *both("errors.guard.zip-bomb.4", member=shown(name), size=size))
        if not inflater.eof:
            raise Rejected("damaged", *both("errors.guard.damaged.5", member=shown(name)))
    else:
        raise Rejected("not-ours", *both("errors.guard.not-ours.5", member=shown(name), method=method))
    if len(content) != size or zlib.crc32(content) != info.CRC:
        raise Rejected("damaged", *both("errors.guard.damaged.6", member=shown(name)))
    return content


def _declares_dtd(content: bytes) -> bool:
    # every marker holds "!", rare in Office XML: one single-byte scan (memchr) settles almost every part
    if b"!" not in content or not any(m in content for m in _MARKUP_DECLARATION):
        return False
    return any(m in content for m in _DTD_MARKERS)


_KNOWN_CONTENT_TYPES: set[bytes] = set()  # [Content_Types].xml parts found fine: every export writes the same few


def _check_content_types(xml: bytes) -> None:
    if xml in _KNOWN_CONTENT_TYPES:
        return
    _check_content_types_xml(xml)
    if len(_KNOWN_CONTENT_TYPES) < 64:
        _KNOWN_CONTENT_TYPES.add(xml)


def _check_content_types_xml(xml: bytes) -> None:
    try:
        root = SafeET.fromstring(xml, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise Rejected("xml-entities", *both("errors.guard.xml-entities.2", error=type(exc).__name__)) from exc
    except SafeET.ParseError as exc:
        raise Rejected("damaged", *both("errors.guard.damaged.7", exc=exc)) from exc
    types = [el.get("ContentType", "") for el in root]
    if any(t in _SPREADSHEET_TYPES for t in types):
        return
    for key, what in _OTHER_OFFICE.items():
        if any(key in t for t in types):
            raise Rejected("not-ours", f"{what[0]} (renamed?), not an Excel workbook",
                           f"{what[1]}（改了扩展名？），不是 Excel 工作簿")
    raise Rejected("not-ours", *both("errors.guard.not-ours.6"))


# --------------------------------------------------------------------- text

def _looks_like_json(data: bytes) -> bool:
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{")


def _looks_like_text(data: bytes) -> bool:
    head = data[:4096]
    if b"\0" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 3:  # a cut multi-byte character at the end is fine
            try:
                head.decode("gb18030")
            except UnicodeDecodeError:
                return False
    return True


# --------------------------------------------------------------------- cells a reader will materialise

_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c|v|dimension|si)\b([^>]*)>")
_REF = re.compile(rb"""\br\s*=\s*["']\s*([A-Za-z]{0,3})(\d{0,7})\s*["']""")
_DIMENSION = re.compile(rb"""\bref\s*=\s*["']\s*\$?([A-Za-z]{1,3})\$?(\d{1,7})(?:\s*:\s*\$?([A-Za-z]{1,3})\$?(\d{1,7}))?""")
_SHARED = re.compile(rb"""\bt\s*=\s*["']s["']""")
# the common case, found with a few C-speed scans: every row and cell with its reference, no prefixes
# each cell pattern twice, alike but for what it captures: two lists of bytes cost less than one list of pairs
_FIRST_CELL = (re.compile(rb'<c r="([A-Z]{1,3})\d{1,7}"'), re.compile(rb'<c r="[A-Z]{1,3}(\d{1,7})"'))
_FIRST_ROW = re.compile(rb'<row r="(\d{1,7})"')
_FAST_CELL = (re.compile(rb'<c\s[^>]*?\br="([A-Z]{1,3})\d{1,7}"'), re.compile(rb'<c\s[^>]*?\br="[A-Z]{1,3}(\d{1,7})"'))
_FAST_ROW = re.compile(rb'<row\s[^>]*?\br="(\d{1,7})"')
_FAST_SHARED = re.compile(rb'<c\s[^>]*?\bt="s"[^>]*>\s*<v>\s*(\d{1,9})\s*</v>')
_FAST_DIMENSION = re.compile(rb"<dimension\b([^>]*)>")
_CELL_OR_ROW = re.compile(rb"<(c|row)[ >/]")  # what the counts of "<c ", "<c>", "<c/", "<row " … add up to
_PREFIXED = re.compile(rb"<[A-Za-z_][\w.-]*:(?:c|row|v|dimension|sheetData)\b")
# quickest of all: one scan takes every cell and row tag, with its reference when it comes first ("c r=\"B7",
# "row r=\"7"), else the bare tag name ("c", "row"), which sends the sheet the ways above; the references then
# make a short text of their own (a few bytes each), split (at C speed) into its numbers and into its letters
_TAG_REFS = re.compile(rb'<(c r="[A-Z]{1,3}\d{1,7}(?=")|row r="\d{1,7}(?=")|c(?=[ >/])|row(?=[ >/]))')
_ONLY_DIGITS = bytes(b if 0x30 <= b <= 0x39 else 0x20 for b in range(256))  # for bytes.translate: the rest as spaces
_ONLY_CAPITALS = bytes(b if 0x41 <= b <= 0x5A else 0x20 for b in range(256))
_PREFIX_HINT = re.compile(rb":(?:c|row|v|dimension|sheetData)\b")  # in every tag _PREFIXED finds; one quick scan


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


class CellBudget:
    """What the spreadsheet readers will hold once they read a workbook's sheets, found before they do.

    A reader materialises every sheet as a dense rectangle from A1 to its last cell (python-calamine)
    or walks every row and column of the declared dimension (openpyxl, read-only), and copies a shared
    string into every cell that uses it. So each worksheet part (any part with ``<sheetData``) is
    scanned once: its declared ``<dimension>``, the highest row and column actually present (cells
    without a reference counted from the one before), and the shared strings its cells use. The sum
    over the sheets of rows x columns must stay within :attr:`Limits.max_cell_area`, the text within
    :attr:`Limits.max_cell_text` bytes (of each worksheet part's XML, plus the XML of each shared
    string per cell using it), or the file is rejected with ``too-many-cells`` before a reader starts.
    """

    def __init__(self, limits: Limits):
        self.limits = limits
        self.area = 0
        self.text = 0
        self.widest = ("", 0)
        self.strings: list[int] = []  # length of each shared string (bytes of its XML, an upper bound)
        self.shared_uses: dict[int, int] = {}

    def add_part(self, name: str, content: bytes) -> None:
        lower = name.lower()
        if not lower.endswith(".xml"):
            return
        if b"<sst" in content[:4096] or b":sst" in content[:4096]:
            self._shared_strings(content)
        if b"sheetData" in content:
            self._sheet(name, content)

    def _shared_strings(self, content: bytes) -> None:
        starts = [m.start() for m in _TAG.finditer(content) if m.group(1) == b"si"]
        ends = starts[1:] + [len(content)]
        self.strings.extend(e - s for s, e in zip(starts, ends, strict=True))

    def _sheet(self, name: str, content: bytes) -> None:
        fast = self._sheet_fast(content)
        if fast is None:
            self._sheet_slow(name, content)
        else:
            self.count(name, content, *fast)

    def _sheet_fast(self, content: bytes) -> tuple[int, int, int] | None:
        """(declared area, last row, last column) when every row and cell carries its reference and no tag
        has a namespace prefix (what Excel, WPS, LibreOffice and openpyxl write); else None."""
        if _PREFIX_HINT.search(content) and _PREFIXED.search(content):
            return None
        found = self._refs_first(content)
        return found if found is not None else self._refs_anywhere(content)

    def _refs_first(self, content: bytes) -> tuple[int, int, int] | None:
        """:meth:`_sheet_fast` when every reference comes first in its tag (one scan of the sheet); else None."""
        tags = _TAG_REFS.findall(content)
        if b"c" in tags or b"row" in tags:  # a tag without its reference first
            return None
        refs = b" ".join(tags)  # tag names hold neither capitals nor digits: only the references give them
        last_row = max(map(int, set(refs.translate(_ONLY_DIGITS).split())), default=0)
        last_col = max(map(_column, set(refs.translate(_ONLY_CAPITALS).split())), default=0)
        self._shared(content)
        return self.declared(content), last_row, last_col

    def _refs_anywhere(self, content: bytes) -> tuple[int, int, int] | None:
        tags = _CELL_OR_ROW.findall(content)  # one scan counts both (a list of b"c" and b"row")
        n_cells = tags.count(b"c")
        n_rows = len(tags) - n_cells
        columns_of, rows_of = _FIRST_CELL  # the reference first, as every writer puts it
        columns = columns_of.findall(content)
        if len(columns) != n_cells:
            columns_of, rows_of = _FAST_CELL
            columns = columns_of.findall(content)
        rows = _FIRST_ROW.findall(content)
        if len(rows) != n_rows:
            rows = _FAST_ROW.findall(content)
        if len(columns) != n_cells or len(rows) != n_rows:
            return None
        # each distinct reference converted once (a sheet has thousands of cells but few rows and columns)
        numbers = set(rows)
        if columns:
            numbers.update(rows_of.findall(content))
        last_row = max(map(int, numbers), default=0)
        last_col = max(map(_column, set(columns)), default=0)
        self._shared(content)
        return self.declared(content), last_row, last_col

    def _shared(self, content: bytes) -> None:
        if b't="s"' in content:
            uses = self.shared_uses
            for index in _FAST_SHARED.findall(content):
                i = int(index)
                uses[i] = uses.get(i, 0) + 1

    @staticmethod
    def declared(content: bytes) -> int:
        dim = _FAST_DIMENSION.search(content)
        if dim:
            m = _DIMENSION.search(dim.group(1))
            if m:
                last_c, last_r = (m.group(3), m.group(4)) if m.group(3) else (m.group(1), m.group(2))
                return _column(last_c) * int(last_r)
        return 0

    def count(self, name: str, content: bytes, declared: int, max_row: int, max_col: int) -> None:
        area = max(declared, max_row * max_col)
        self.area += area
        self.text += len(content)
        if area >= self.widest[1]:
            self.widest = (name, area)

    def _sheet_slow(self, name: str, content: bytes) -> None:
        declared = 0
        row = col = 0
        max_row = max_col = 0
        shared_cell = False
        uses = self.shared_uses
        for m in _TAG.finditer(content):
            tag, attrs = m.group(1), m.group(2)
            if tag == b"c":
                ref = _REF.search(attrs)
                if ref and ref.group(1):
                    col = _column(ref.group(1))
                    if ref.group(2):
                        row = max(row, int(ref.group(2)))
                else:
                    col += 1
                max_col = max(max_col, col)
                max_row = max(max_row, row)
                shared_cell = not attrs.endswith(b"/") and _SHARED.search(attrs) is not None
            elif tag == b"row":
                ref = _REF.search(attrs)
                row = int(ref.group(2)) if ref and ref.group(2) else row + 1
                col = 0
                max_row = max(max_row, row)
            elif tag == b"v" and shared_cell:
                shared_cell = False
                end = content.find(b"<", m.end(), m.end() + 32)
                digits = content[m.end():end].strip() if end > 0 else b""
                if digits.isdigit():
                    index = int(digits)
                    uses[index] = uses.get(index, 0) + 1
            elif tag == b"dimension":
                dim = _DIMENSION.search(attrs)
                if dim:
                    last_col, last_row = (dim.group(3), dim.group(4)) if dim.group(3) else (dim.group(1), dim.group(2))
                    declared = _column(last_col) * int(last_row)
        self.count(name, content, declared, max_row, max_col)

    def check(self) -> None:
        text = self.text + sum(self.strings[i] * n for i, n in self.shared_uses.items() if i < len(self.strings))
        if self.area > self.limits.max_cell_area:
            name = shown(self.widest[0])
            raise Rejected("too-many-cells",
                           *both("errors.guard.too-many-cells",
                                 area=self.area, name=name, widest=self.widest[1], max_cell_area=self.limits.max_cell_area))
        if text > self.limits.max_cell_text:
            raise Rejected("too-many-cells",
                           *both("errors.guard.too-many-cells.2", text=text, max_cell_text=self.limits.max_cell_text))
