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

from .text import Msg, Text, shown

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
        from .text import in_lang

        return in_lang(self.message, lang)


class ProblemsError(ValueError):
    """Input that cannot be used; ``problems`` lists every reason, each with its location."""

    def __init__(self, source: str, problems: list[Any]):
        self.source = source
        self.problems = problems
        first = "; ".join(str(p) for p in problems[:3])
        more = f" (+{len(problems) - 3} more)" if len(problems) > 3 else ""
        super().__init__(f"{source}: {first}{more}")


def format_msg(key: str, **kw: object) -> Msg:
    """The catalogue's ``errors.format.<key>`` in English and Chinese (``code``: the key); a :class:`Text`
    argument fills each language with its own words."""
    from .words import words  # the catalogue is read on the first problem, not when a framework loads

    def fmt(lang: str) -> str:
        return words(lang).fmt(f"errors.format.{key}", **{k: v.get(lang) if isinstance(v, Text) else v
                                                           for k, v in kw.items()})

    return Msg(fmt("en"), fmt("zh"), key)


_msg = format_msg


def id_list(items: Any) -> Text:
    """Ids listed in a message: ``a、b`` in Chinese, ``a, b`` in English."""
    items = [str(i) for i in items]
    return Text("、".join(items), ", ".join(items))


def type_msg(names: str) -> Msg:
    """``must be a list`` / ``必须是列表`` for the type names a check wanted (``int or float``: a number)."""
    from .words import words

    if names == "bool":
        return _msg("true-false")
    key = _TYPE_KEYS.get(names)
    en, zh = (words("en")(f"errors.format.type.{key}"), words("zh")(f"errors.format.type.{key}")) if key else (names, names)
    return Msg(words("en").fmt("errors.format.must-be", what=en), words("zh").fmt("errors.format.must-be", what=zh),
               "must-be")


_type_msg = type_msg
_TYPE_KEYS = {"dict": "dict", "list": "list", "str": "str", "int or float": "number", "int": "int"}


class Reader:
    """Walks the raw mapping, collecting problems instead of raising; each problem's message is a
    :class:`Msg` (English, with its Chinese) from the catalogue's ``errors.format``."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def problem(self, loc: str, msg: str) -> None:  # a plain str is English only: prefer a Msg
        self.problems.append(Problem(loc, msg))

    def known(self, d: Mapping[str, Any], keys: frozenset[str], loc: str) -> None:
        """Report keys the format does not have (a typo would otherwise be silently ignored)."""
        for key in d:
            if key not in keys:
                self.problem(f"{loc}.{key}" if loc else str(key), _msg("not-a-field"))

    def check_header(self, data: Any, name: str, version: int, error: type[ProblemsError], source: str) -> None:
        """``format`` and ``format_version`` of a data file; a newer version is refused at once."""
        if not isinstance(data, dict):
            raise error(source, [Problem("", _msg("top-mapping"))])
        if data.get("format") != name:
            self.problem("format", _msg("format", name=repr(name)))
        fv = data.get("format_version")
        if not isinstance(fv, int) or isinstance(fv, bool):
            self.problem("format_version", _type_msg("int"))
        elif fv > version:
            raise error(source, [Problem("format_version", _msg("too-new", found=fv, version=version))])

    def get(self, d: Mapping[str, Any], key: str, loc: str, kind: type | tuple[type, ...],
            required: bool = True, default: Any = None) -> Any:
        where = f"{loc}.{key}" if loc else key
        if key not in d or d[key] is None:
            if required:
                self.problem(where, _msg("missing"))
            return default
        value = d[key]
        if kind is bool and not isinstance(value, bool):
            self.problem(where, _type_msg("bool"))
            return default
        if not isinstance(value, kind) or (kind in (int, (int, float)) and isinstance(value, bool)):
            names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
            self.problem(where, _type_msg(names))
            return default
        return value

    def text(self, d: Mapping[str, Any], key: str, loc: str, required: bool = True) -> Text | None:
        raw = self.get(d, key, loc, dict, required)
        if raw is None:
            return Text("", "") if required else None
        return self.text_value(raw, f"{loc}.{key}" if loc else key)

    def text_value(self, raw: Any, where: str) -> Text:
        if not isinstance(raw, dict):
            self.problem(where, _msg("zh-en"))
            return Text("", "")
        parts = []
        for lang in ("zh", "en"):
            v = raw.get(lang)
            if not isinstance(v, str) or not v.strip():
                self.problem(f"{where}.{lang}", _msg("empty"))
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
            self.problem(f"{loc}.{key}" if loc else key, _msg("negative"))
        return value

    def ident(self, d: Mapping[str, Any], key: str, loc: str) -> str:
        raw = self.get(d, key, loc, str)
        if raw is None:
            return ""
        if not ID_PATTERN.match(raw):
            self.problem(f"{loc}.{key}" if loc else key, _msg("bad-id", value=shown(raw)))
        return raw

    def items(self, d: Mapping[str, Any], key: str, loc: str, required: bool = True) -> list[tuple[str, Any]]:
        raw = self.get(d, key, loc, list, required, [])
        base = f"{loc}.{key}" if loc else key
        out = []
        for i, item in enumerate(raw):
            where = f"{base}[{i}]"
            if not isinstance(item, dict):
                self.problem(where, _type_msg("dict"))
                continue
            out.append((where, item))
        return out


def read_yaml(path: Path, error: type[ProblemsError]) -> Any:
    """A YAML data file (safe loader), or ``error`` naming the file and the line that is wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise error(str(path), [Problem("", read_problem(exc))]) from exc
    try:
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as exc:
        raise error(str(path), [Problem("", yaml_problem(exc))]) from exc


def read_problem(exc: OSError | UnicodeDecodeError) -> Msg:
    """Why a data file cannot be read, in English and Chinese (not UTF-8, or the system's reason)."""
    if isinstance(exc, UnicodeDecodeError):
        return _msg("not-utf8")
    from .files import os_reason
    from .words import words

    en, zh = os_reason(exc)
    return Msg(words("en").fmt("errors.format.unreadable", why=en), words("zh").fmt("errors.format.unreadable", why=zh),
               "unreadable")


#: PyYAML's most common reasons (its own English words), in Chinese; another reason is left out of the
#: Chinese message, which still names the line and column
_YAML_ZH = {  # libyaml's words (the C loader) and PyYAML's own, where they differ
    "mapping values are not allowed in this context": "此处不能出现键值对（冒号后缺空格，或缩进不对？）",
    "mapping values are not allowed here": "此处不能出现键值对（冒号后缺空格，或缩进不对？）",
    "found character that cannot start any token": "含不能出现在此处的字符（如制表符：YAML 只能用空格缩进）",
    "found character '\\t' that cannot start any token": "含制表符（YAML 只能用空格缩进）",
    "did not find expected ',' or ']'": "方括号没有闭合，或缺少逗号",
    "did not find expected ',' or '}'": "花括号没有闭合，或缺少逗号",
    "found unexpected end of stream": "文件意外结束（引号没有闭合？）",
    "found undefined alias": "引用了未定义的别名",
    "did not find expected key": "缩进不一致，找不到应有的键",
    "did not find expected '-' indicator": "列表项与键值对混在同一层",
    "found unknown escape character": "含未知的转义字符",
    "second occurrence": "锚点重复定义",
    "could not find expected ':'": "找不到应有的冒号",
}


def yaml_problem(exc: Exception) -> Msg:
    """``line 4, column 2: is not valid YAML (<PyYAML's reason>)``, in English and Chinese."""
    from .words import paren, words

    mark = getattr(exc, "problem_mark", None)
    why = str(getattr(exc, "problem", None) or exc)
    zh_why = _YAML_ZH.get(why) or ("缩进不一致" if why.startswith("expected <block end>") else "")
    texts = []
    for lang, detail in (("en", why), ("zh", zh_why)):
        text = words(lang)("errors.format.not-yaml")
        text = paren(text, detail, lang) if detail else text
        if mark is not None:
            text = words(lang).fmt("errors.format.at", line=mark.line + 1, column=mark.column + 1, text=text)
        texts.append(text)
    return Msg(texts[0], texts[1], "not-yaml")
