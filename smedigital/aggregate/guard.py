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
  declared sizes are not trusted: every entry is inflated here, in memory, with
  its output capped at the declared size plus one byte, and must end exactly
  there with a matching CRC;
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
import struct
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePath

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

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
    "wordprocessingml": "a Word document",
    "presentationml": "a PowerPoint presentation",
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


class Rejected(Exception):
    """A file that cannot be used: ``code`` is stable (see ``words.REASONS``), ``detail`` says why."""

    def __init__(self, code: str, detail: str = ""):
        self.code = code
        self.detail = detail
        super().__init__(f"{code}: {detail}" if detail else code)


def inspect_bytes(data: bytes, name: str, limits: Limits) -> str:
    """What a file is (``xlsx``, ``ods`` or ``json``) once it is known safe to read; else :class:`Rejected`."""
    if not data:
        raise Rejected("empty", "the file is empty (0 bytes)")
    if len(data) > limits.max_file_bytes:
        raise Rejected("too-large", f"{len(data):,} bytes; at most {limits.max_file_bytes:,} are read")
    if data.startswith(OLE2_MAGIC):
        raise ole2_rejection(data, name)
    if data.startswith(ZIP_MAGICS):
        return check_zip(data, limits)
    if _looks_like_json(data):
        return "json"
    if _looks_like_text(data):
        raise Rejected("not-ours", "plain text, not a workbook (a CSV or text file renamed?)")
    raise Rejected("not-ours", "not an Excel workbook or a smedigital assessment file")


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
        return Rejected("encrypted", "an OLE2 file holding an EncryptionInfo stream: save it again without a password")
    if streams & {"Workbook", "Book"} or PurePath(name).suffix.lower() in (".xls", ".xlt"):
        return Rejected("old-xls", "an Excel 97-2003 workbook (.xls); smedigital exports .xlsx only")
    return Rejected("not-ours", "an OLE2 compound file (an old Office format), not a workbook this program reads")


# --------------------------------------------------------------------- zip (xlsx, ods)

def check_zip(data: bytes, limits: Limits) -> str:
    """Check a zip archive entry by entry (see the module docstring); return ``xlsx`` or ``ods``."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, struct.error, OSError) as exc:
        raise Rejected("damaged", f"the zip structure is incomplete or broken (truncated?): {exc}") from exc
    if len(infos) > limits.max_entries:
        raise Rejected("zip-bomb", f"{len(infos):,} entries in the zip; at most {limits.max_entries:,} are allowed")
    for info in infos:
        if info.file_size > limits.ratio_grace_bytes and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise Rejected("zip-bomb", f"{info.filename} inflates {info.file_size // max(info.compress_size, 1):,} "
                                       f"times; at most {limits.max_ratio} is allowed")
    total = sum(i.file_size for i in infos)
    if total > limits.max_total_bytes:
        raise Rejected("zip-bomb", f"{total:,} bytes uncompressed; at most {limits.max_total_bytes:,} are allowed")
    parts: dict[str, bytes] = {}
    for info in infos:
        content = _inflate(data, info)
        if info.filename.lower().endswith(_XML_SUFFIXES) and _declares_dtd(content):
            raise Rejected("xml-entities", f"{info.filename} declares a DTD or entities (an entity-expansion "
                                           "'billion laughs' attack?); Office files never do")
        if info.filename in ("[Content_Types].xml", "mimetype"):
            parts[info.filename] = content
    if "mimetype" in parts and parts["mimetype"].strip() == _ODS_MIMETYPE:
        return "ods"
    if "[Content_Types].xml" not in parts:
        raise Rejected("not-ours", "a zip archive, but not an Office Open XML workbook")
    _check_content_types(parts["[Content_Types].xml"])
    return "xlsx"


def _inflate(data: bytes, info: zipfile.ZipInfo) -> bytes:
    """An entry's bytes, inflated with the output capped; it must end at its declared size with its CRC."""
    name, size, offset = info.filename, info.file_size, info.header_offset
    if info.flag_bits & 0x1:
        raise Rejected("encrypted", f"{name} is an encrypted zip entry")
    if data[offset:offset + 4] != _LOCAL_HEADER:
        raise Rejected("damaged", f"{name}: no local header where the directory says (damaged or truncated zip)")
    name_len, extra_len = struct.unpack_from("<HH", data, offset + 26)
    start = offset + 30 + name_len + extra_len
    end = start + info.compress_size
    if end > len(data):
        raise Rejected("damaged", f"{name} ends beyond the end of the file (truncated)")
    raw = memoryview(data)[start:end]
    method = info.compress_type
    if method == 0:
        content = bytes(raw)
    elif method == 8:
        inflater = zlib.decompressobj(-15)
        try:
            content = inflater.decompress(raw, size + 1)
        except zlib.error as exc:
            raise Rejected("damaged", f"{name} cannot be inflated: {exc}") from exc
        if len(content) > size or inflater.unconsumed_tail:
            raise Rejected("zip-bomb", f"{name} inflates beyond the size its header declares ({size:,} bytes)")
        if not inflater.eof:
            raise Rejected("damaged", f"{name} is cut short (truncated)")
    else:
        raise Rejected("not-ours", f"{name} uses zip compression method {method}, which Office never writes")
    if len(content) != size or zlib.crc32(content) != info.CRC:
        raise Rejected("damaged", f"{name} does not match its size or checksum (damaged or truncated)")
    return content


def _declares_dtd(content: bytes) -> bool:
    # "<!" is rare in Office XML (text is escaped), so one quick scan settles almost every part
    if not any(m in content for m in _MARKUP_DECLARATION):
        return False
    return any(m in content for m in _DTD_MARKERS)


def _check_content_types(xml: bytes) -> None:
    try:
        root = SafeET.fromstring(xml, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise Rejected("xml-entities", f"[Content_Types].xml: {type(exc).__name__}") from exc
    except SafeET.ParseError as exc:
        raise Rejected("damaged", f"[Content_Types].xml is not well-formed XML: {exc}") from exc
    types = [el.get("ContentType", "") for el in root]
    if any(t in _SPREADSHEET_TYPES for t in types):
        return
    for key, what in _OTHER_OFFICE.items():
        if any(key in t for t in types):
            raise Rejected("not-ours", f"{what} (renamed?), not an Excel workbook")
    raise Rejected("not-ours", "an Office Open XML file without a workbook part")


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
