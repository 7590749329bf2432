"""Reading the office's own small files (stages, targets): YAML or CSV, every problem named by its place.

A problem is ``(location, Text)``: ``firms[2].stage`` in YAML, ``line 4, stage`` in a CSV. Dates stay
text while reading, so a bad one is reported with its place rather than turned into something else.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from smedigital.core.text import Text, safe_text

MAX_OFFICE_FILE = 5 * 1024 * 1024  # an office's list of firms or targets: far below this


class OfficeFileError(ValueError):
    """A stages or targets file that cannot be used; ``problems`` hold every reason with its place."""

    def __init__(self, source: str, problems: Sequence[tuple[str, Text]]):
        self.source = source
        self.problems = list(problems)
        super().__init__(f"{source}: " + "; ".join(self.lines("en")))

    def lines(self, lang: str = "zh") -> list[str]:
        if lang == "en":
            return [safe_text(f"{loc}: {msg.get(lang)}" if loc else msg.get(lang)) for loc, msg in self.problems]
        return [safe_text(f"{place_zh(loc)}：{msg.get(lang)}" if loc else msg.get(lang)) for loc, msg in self.problems]


_LINE = re.compile(r"line (\d+)(?:, column (\d+))?")


def place_zh(loc: str) -> str:
    """A place as a Chinese reader reads it: ``line 4, stage`` → ``第 4 行，stage`` (field names stay as in the file)."""
    m = _LINE.match(loc)
    if m is None:
        return loc
    where = f"第 {m[1]} 行" + (f"第 {m[2]} 列" if m[2] else "")
    rest = loc[m.end():]
    return where + ("，" + rest[2:] if rest.startswith(", ") else rest)


class _TextDates(yaml.SafeLoader):
    """Dates stay text so a bad one is reported with its place."""


_TextDates.add_constructor("tag:yaml.org,2002:timestamp",
                           lambda loader, node: loader.construct_scalar(node))  # type: ignore[arg-type]  # a timestamp tag is always on a ScalarNode


def read_text(path: str | Path) -> str:
    p = Path(path)
    try:
        if p.stat().st_size > MAX_OFFICE_FILE:
            raise OfficeFileError(str(p), [("", Text(f"文件超过 {MAX_OFFICE_FILE // 1_048_576} MB，不像是单位的清单",
                                                     f"larger than {MAX_OFFICE_FILE // 1_048_576} MB: not an "
                                                     "office's list"))])
        return p.read_bytes().decode("utf-8-sig")
    except FileNotFoundError as exc:
        raise OfficeFileError(str(p), [("", Text("文件不存在", "no such file"))]) from exc
    except UnicodeDecodeError as exc:
        raise OfficeFileError(str(p), [("", Text("不是 UTF-8 文本", "not UTF-8 text"))]) from exc
    except OSError as exc:
        raise OfficeFileError(str(p), [("", Text(f"无法读取：{exc.strerror or exc}",
                                                 f"cannot be read: {exc.strerror or exc}"))]) from exc


def load_yaml(text: str, source: str) -> Any:
    try:
        return yaml.load(text, Loader=_TextDates)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise OfficeFileError(source, [(where, Text("不是有效的 YAML", "is not valid YAML"))]) from exc
    except RecursionError as exc:
        raise OfficeFileError(source, [("", Text("YAML 嵌套层次过深", "YAML nested too deeply"))]) from exc


def load_csv(text: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header (trimmed, lower case) and each data row with its line number; blank rows left out."""
    reader = csv.reader(io.StringIO(text))
    rows = list(reader)
    if not rows:
        return [], []
    head = [h.strip().lower() for h in rows[0]]
    out = []
    for n, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        out.append((n, {h: (row[i].strip() if i < len(row) else "") for i, h in enumerate(head) if h}))
    return head, out


def parse_day(value: Any) -> dt.date | None:
    """A YYYY-MM-DD date (text or a date), or None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def bad_date(value: Any) -> Text:
    shown = safe_text(str(value))[:40]
    return Text(f"“{shown}”不是 YYYY-MM-DD 格式的有效日期", f"{shown!r} is not a real date as YYYY-MM-DD")
