"""The problem-collecting reader of YAML data files (frameworks, action libraries).

A :class:`Reader` walks a parsed mapping and collects *every* problem with its
location (``questions[3].options[1].points``) instead of stopping at the first,
so a file's author sees them all at once; :func:`read_yaml` reads the file itself
and names the line that is not valid YAML.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import yaml

from .text import Text

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.\-]*$")

try:  # the C loader is several times faster on the larger frameworks
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


def to_fraction(value: Any) -> Fraction:
    """An exact fraction from a YAML/JSON number (floats go through their shortest repr)."""
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        return Fraction(value)
    if isinstance(value, float):
        return Fraction(repr(value))
    if isinstance(value, str):
        return Fraction(value.strip())
    raise TypeError(f"not a number: {value!r}")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with an input, at a location such as ``questions[3].options[1]``."""

    location: str
    message: str  # English; a text.Msg also carries the Chinese and a code

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message

    @property
    def where(self) -> str:
        return self.location

    def text(self, lang: str = "en") -> str:
        """The message in ``lang`` (English when it has no Chinese), without the location."""
        from .text import in_lang  # noqa: PLC0415

        return in_lang(self.message, lang)


class ProblemsError(ValueError):
    """Input that cannot be used; ``problems`` lists every reason, each with its location."""

    def __init__(self, source: str, problems: list[Any]):
        self.source = source
        self.problems = problems
        first = "; ".join(str(p) for p in problems[:3])
        more = f" (+{len(problems) - 3} more)" if len(problems) > 3 else ""
        super().__init__(f"{source}: {first}{more}")


class Reader:
    """Walks the raw mapping, collecting problems instead of raising."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def problem(self, loc: str, msg: str) -> None:
        self.problems.append(Problem(loc, msg))

    def known(self, d: Mapping[str, Any], keys: frozenset[str], loc: str) -> None:
        """Report keys the format does not have (a typo would otherwise be silently ignored)."""
        for key in d:
            if key not in keys:
                self.problem(f"{loc}.{key}" if loc else str(key), "is not a field of this format")

    def check_header(self, data: Any, name: str, version: int, error: type[ProblemsError], source: str) -> None:
        """``format`` and ``format_version`` of a data file; a newer version is refused at once."""
        if not isinstance(data, dict):
            raise error(source, [Problem("", "the file must hold a mapping at the top")])
        if data.get("format") != name:
            self.problem("format", f"must be {name!r}")
        fv = data.get("format_version")
        if not isinstance(fv, int) or isinstance(fv, bool):
            self.problem("format_version", "must be a whole number")
        elif fv > version:
            raise error(source, [Problem("format_version", f"is {fv}, newer than this program reads "
                                                           f"({version}); please update smedigital")])

    def get(self, d: Mapping[str, Any], key: str, loc: str, kind: type | tuple[type, ...],
            required: bool = True, default: Any = None) -> Any:
        where = f"{loc}.{key}" if loc else key
        if key not in d or d[key] is None:
            if required:
                self.problem(where, "is missing")
            return default
        value = d[key]
        if kind is bool and not isinstance(value, bool):
            self.problem(where, "must be true or false")
            return default
        if not isinstance(value, kind) or (kind in (int, (int, float)) and isinstance(value, bool)):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            self.problem(where, f"must be {_describe_type(names)}")
            return default
        return value

    def text(self, d: Mapping[str, Any], key: str, loc: str, required: bool = True) -> Text | None:
        raw = self.get(d, key, loc, dict, required)
        if raw is None:
            return Text("", "") if required else None
        return self.text_value(raw, f"{loc}.{key}" if loc else key)

    def text_value(self, raw: Any, where: str) -> Text:
        if not isinstance(raw, dict):
            self.problem(where, "must be a mapping with zh and en")
            return Text("", "")
        parts = []
        for lang in ("zh", "en"):
            v = raw.get(lang)
            if not isinstance(v, str) or not v.strip():
                self.problem(f"{where}.{lang}", "is missing or empty")
                v = ""
            parts.append(v.strip())
        return Text(parts[0], parts[1])

    def number(self, d: Mapping[str, Any], key: str, loc: str, required: bool = True,
               default: Fraction | None = None) -> Fraction | None:
        raw = self.get(d, key, loc, (int, float), required)
        if raw is None:
            return default
        value = to_fraction(raw)
        if value < 0:
            self.problem(f"{loc}.{key}", "must not be negative")
        return value

    def ident(self, d: Mapping[str, Any], key: str, loc: str) -> str:
        raw = self.get(d, key, loc, str)
        if raw is None:
            return ""
        if not ID_PATTERN.match(raw):
            self.problem(f"{loc}.{key}", f"{raw!r} is not a valid id (lower-case letters, digits, '_', '.', '-')")
        return raw

    def items(self, d: Mapping[str, Any], key: str, loc: str, required: bool = True) -> list[tuple[str, Any]]:
        raw = self.get(d, key, loc, list, required, [])
        base = f"{loc}.{key}" if loc else key
        out = []
        for i, item in enumerate(raw):
            where = f"{base}[{i}]"
            if not isinstance(item, dict):
                self.problem(where, "must be a mapping")
                continue
            out.append((where, item))
        return out


def _describe_type(names: str) -> str:
    return {"dict": "a mapping", "list": "a list", "str": "a string", "int or float": "a number",
            "bool": "true or false", "int": "a whole number"}.get(names, names)


def read_yaml(path: Path, error: type[ProblemsError]) -> Any:
    """A YAML data file (safe loader), or ``error`` naming the file and the line that is wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise error(str(path), [Problem("", f"cannot be read: {exc}")]) from exc
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise error(str(path), [Problem(where, f"is not valid YAML: {getattr(exc, 'problem', exc)}")]) from exc
