"""Reading a file the user named, whatever it turns out to be, without hanging or filling memory.

A path may name a FIFO (reading it waits for a writer that never comes), a
device such as ``/dev/zero`` (endless) or a folder. :func:`read_bounded` opens
without blocking, checks the opened file (not the name, which could change in
between) is a regular file and reads at most ``limit`` bytes, so ``score``,
``import``, aggregation and the library's import all refuse such paths at once.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .words import both, words


class NotReadable(OSError):
    """A path that is not a regular file of at most the limit; ``code`` is stable, ``zh``/``en`` say why."""

    def __init__(self, code: str, en: str, zh: str):
        super().__init__(en)
        self.code = code
        self.en = en
        self.zh = zh

    def text(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


def read_bounded(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; else :class:`NotReadable` (never blocks)."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if isinstance(exc, IsADirectoryError) or os.path.isdir(path):
            raise NotReadable("unreadable", *both("errors.files.folder")) from exc
        raise _cannot_read(exc) from exc
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise NotReadable("unreadable", *both("errors.files.folder"))
        if not stat.S_ISREG(st.st_mode):
            what_en, what_zh = _kind(st.st_mode)
            raise NotReadable("unreadable", words("en").fmt("errors.files.special", what=what_en),
                              words("zh").fmt("errors.files.special", what=what_zh))
        if st.st_size > limit:
            raise NotReadable("too-large", *both("errors.files.too-large", size=st.st_size, limit=limit))
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            try:
                chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            except BlockingIOError:  # a regular file never blocks; anything else is refused above
                break
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:  # grew while being read
            raise NotReadable("too-large", *both("errors.files.too-large.2", limit=limit))
        return b"".join(chunks)
    except OSError as exc:
        if isinstance(exc, NotReadable):
            raise
        raise _cannot_read(exc) from exc
    finally:
        os.close(fd)


_ERRNO_ZH = {errno.ENOENT: "文件不存在", errno.EACCES: "没有读取权限", errno.EPERM: "不允许访问",
             errno.EISDIR: "是文件夹", errno.ENAMETOOLONG: "文件名过长", errno.ELOOP: "符号链接循环",
             errno.EIO: "输入输出错误", errno.ENOTDIR: "路径中有一部分不是文件夹"}


def _cannot_read(exc: OSError) -> NotReadable:
    en, zh = os_reason(exc)
    return NotReadable("unreadable", words("en").fmt("errors.files.cannot_read", why=en),
                       words("zh").fmt("errors.files.cannot_read", why=zh))


def os_reason(exc: OSError) -> tuple[str, str]:
    """Why the system refused, in English and Chinese."""
    en = exc.strerror or type(exc).__name__
    return en, _ERRNO_ZH.get(exc.errno or 0, en)


#: the json module's reasons (its own English words), in Chinese
_JSON_ZH = {"Expecting value": "此处缺少值", "Expecting property name enclosed in double quotes": "此处应为带双引号的字段名",
            "Expecting ':' delimiter": "此处缺少冒号", "Expecting ',' delimiter": "此处缺少逗号",
            "Unterminated string starting at": "字符串没有结束", "Invalid control character at": "含无效的控制字符",
            "Invalid \\escape": "含无效的转义符", "Invalid \\uXXXX escape": "含无效的 \\u 转义",
            "Extra data": "末尾有多余的内容", "Illegal trailing comma before end of object": "对象末尾有多余的逗号",
            "Illegal trailing comma before end of array": "列表末尾有多余的逗号"}


def json_reason(exc: ValueError, where: bool = True) -> tuple[str, str]:
    """Why a text is not valid JSON, in English and Chinese; with its line and column unless ``where`` is
    false (for a message that gives them as its location)."""
    msg, line, column = getattr(exc, "msg", str(exc)), getattr(exc, "lineno", 0), getattr(exc, "colno", 0)
    if not where:
        return msg, _JSON_ZH.get(msg, msg)
    if not line:
        return str(exc), _JSON_ZH.get(msg, msg)
    return words("en").fmt("errors.files.json_at", line=line, column=column, why=msg), \
        words("zh").fmt("errors.files.json_at", line=line, column=column, why=_JSON_ZH.get(msg, msg))


def _kind(mode: int) -> tuple[str, str]:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)", "命名管道（FIFO）"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device", "设备文件"
    if stat.S_ISSOCK(mode):
        return "a socket", "套接字"
    return "not a regular file", "特殊文件"


def is_regular_file(path: str | Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


# --------------------------------------------------------------------- writing atomically

def ordinary_mode(target: Path) -> int:
    """The mode a plain ``open()`` would give a new file (0666 less the umask), or the mode of the file replaced."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def sync_folder(folder: Path) -> None:
    """Put a rename in ``folder`` on disk (where the system allows it)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder or ".", os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike[str], suffix: str = ".tmp") -> Iterator[str]:
    """A temporary path beside ``path``; on success it is flushed to disk and replaces ``path``, else removed.

    Streaming writers (openpyxl's write-only workbooks, the long CSV, a zip) write to the path;
    ``core.assessment.atomic_write_bytes`` is the same for bytes already in memory.
    """
    target = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=target.parent or ".")
    os.close(fd)
    try:
        os.chmod(tmp, ordinary_mode(target))  # mkstemp makes it private (0600); a save is not
        yield tmp
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    sync_folder(target.parent)
