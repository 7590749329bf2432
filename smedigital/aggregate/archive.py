"""Zip attachments: a ``.zip`` of firms' files is read member by member, each with its own status.

A zip is an attachment (not a workbook) when it has neither ``[Content_Types].xml`` (Office Open
XML) nor ``mimetype`` (OpenDocument). :func:`expand` lists its members in the main process from the
central directory only (the archive within the size limit, at most ``Limits.max_entries`` entries);
anything it cannot list stays one entry, which the guard then rejects with its reason. A member is
inflated in the worker (:func:`read_member`) with its output capped and its ratio checked, then
goes through the same guard as a file. A zip inside the zip is refused (``nested-archive``).

A member's path is the archive's path, ``!/`` and the member's name (``firms.zip!/a/b.xlsx``); the
reader gets it as :data:`MEMBER_SEP`-joined, which no real path can hold.
"""

from __future__ import annotations

import io
import os
import stat
import struct
import zipfile

from smedigital.core.text import safe_text

from .guard import ZIP_MAGICS, Limits, Rejected, _inflate, shown

MEMBER_SEP = "\x00"  # archive path + MEMBER_SEP + member name (what the reader is given)
SHOWN_SEP = "!/"  # how a member's path is shown


def is_member(path: str) -> bool:
    return MEMBER_SEP in path


def shown_path(path: str) -> str:
    """A member's path as people read it (``firms.zip!/a.xlsx``); any other path as it is."""
    return path.replace(MEMBER_SEP, SHOWN_SEP)


def _is_attachment(names: list[str]) -> bool:
    return "[Content_Types].xml" not in names and "mimetype" not in names


_EOCD = struct.Struct("<4s4H2LH")  # end of central directory: signature, disks, entries, size, offset, comment
_ENTRY = struct.Struct("<4s4s4H3L5H2L")  # a central directory entry's fixed part (46 bytes), then its name
_LENGTHS = struct.Struct("<3H")  # an entry's name, extra field and comment lengths, 28 bytes into it
_WORKBOOK_PARTS = (b"[Content_Types].xml", b"mimetype")


def _names_a_workbook_part(tail: bytes) -> bool:
    """Whether the central directory at the end of ``tail`` (a zip's last bytes, ending with a plain end
    record: no comment, no zip64) names ``[Content_Types].xml`` or ``mimetype``, read as zipfile reads
    it. False whenever that is not certain: the caller then lists the archive with zipfile."""
    if len(tail) < _EOCD.size or tail[-_EOCD.size:-_EOCD.size + 4] != b"PK\x05\x06":
        return False
    _sig, _disk, _cd_disk, _here, count, size, _offset, comment = _EOCD.unpack_from(tail, len(tail) - _EOCD.size)
    start = len(tail) - _EOCD.size - size
    if comment or start < 0 or (start >= 20 and tail[start - 20:start - 16] == b"PK\x06\x07"):  # zip64 locator
        return False
    at, end = start, len(tail) - _EOCD.size
    lengths = _LENGTHS.unpack_from
    for _ in range(count):
        if at + _ENTRY.size > end or not tail.startswith(b"PK\x01\x02", at):
            return False
        name_len, extra_len, comment_len = lengths(tail, at + 28)  # the fixed part's last three lengths
        if tail[at + _ENTRY.size:at + _ENTRY.size + name_len] in _WORKBOOK_PARTS:
            return True
        at += _ENTRY.size + name_len + extra_len + comment_len
    return False


def expand(path: str, limits: Limits) -> list[str] | None:
    """The member entries of a zip attachment, or None to read ``path`` as a file (not a zip, a workbook,
    or a zip that cannot be listed safely: the guard says why)."""
    try:
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size > limits.max_file_bytes or st.st_size < 22:
            return None
        # a workbook (the usual file) is known from its first bytes and its central directory's names, read
        # with two reads and no file object; anything else is listed with zipfile
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
        try:
            if os.read(fd, 4) not in ZIP_MAGICS:
                return None
            for tail in (4096, 65_536):  # a workbook's directory is a few KB; a larger one is read whole
                os.lseek(fd, max(0, st.st_size - tail), os.SEEK_SET)
                if _names_a_workbook_part(os.read(fd, tail)):
                    return None
                if tail >= st.st_size:
                    break
        finally:
            os.close(fd)
        with open(path, "rb") as fh, zipfile.ZipFile(fh) as zf:
            infos = zf.infolist()
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, struct.error):
        return None
    names = [i.filename for i in infos]
    if not _is_attachment(names) or len(infos) > limits.max_entries:
        return None
    members = [i.filename for i in infos if not i.is_dir() and i.filename.count(MEMBER_SEP) == 0]
    return [f"{path}{MEMBER_SEP}{m}" for m in members] or None


def read_member(entry: str, limits: Limits, read_bytes) -> bytes:  # reader.read_bytes
    """A member's bytes, inflated with the guard's caps; a zip attachment inside is refused."""
    archive, member = entry.split(MEMBER_SEP, 1)
    data = read_bytes(archive, limits)
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        info = zf.getinfo(member)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError, EOFError, struct.error) as exc:
        raise Rejected("damaged", f"{shown(member)} cannot be found in the archive (changed while reading?)",
                       f"压缩包中找不到 {shown(member)}（读取时被改动？）") from exc
    if info.file_size > limits.max_file_bytes:
        raise Rejected("too-large", f"{info.file_size:,} bytes; at most {limits.max_file_bytes:,} are read",
                       f"{info.file_size:,} 字节；最多读取 {limits.max_file_bytes:,} 字节")
    if info.file_size > limits.ratio_grace_bytes and info.file_size > limits.max_ratio * max(info.compress_size, 1):
        ratio = info.file_size // max(info.compress_size, 1)
        raise Rejected("zip-bomb", f"inflates {ratio:,} times; at most {limits.max_ratio} is allowed",
                       f"解压后膨胀 {ratio:,} 倍；最多允许 {limits.max_ratio} 倍")
    content = _inflate(data, info)
    if content.startswith(ZIP_MAGICS):
        try:
            inner = zipfile.ZipFile(io.BytesIO(content)).namelist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, struct.error):
            inner = []
        if not inner or _is_attachment(inner):
            raise Rejected("nested-archive", "unpack it and aggregate its files", "请先解压再汇总其中的文件")
    return content


def display(path: str) -> str:
    return safe_text(shown_path(path))
