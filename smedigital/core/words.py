"""The one catalogue of words for people outside Qt: ``resources/words/zh.yaml`` and ``en.yaml``.

Each file maps sections (``export``, ``aggregate``, ``cli``, ``charts``, ``core``, ``errors``, …) to
texts; nested keys are joined with dots, so ``export: {sheet.summary: 概览}`` is the key
``export.sheet.summary``. The catalogue is read once and checked on load: both languages have the
same keys, every text is a string, and each key has the same ``{placeholders}`` in both languages
(a word table that drifts is a load error, not a wrong message at a user's desk).

    w = words("en")
    w("export.sheet.summary")              # "Summary"
    w.fmt("export.page", n=1, m=3)         # "Page 1 of 3"
    w.section("export")["sheet.summary"]   # the same text, keys relative to the section

Qt's own strings stay in the ``.ts`` files (``smedigital/ui``). No plural forms: a text that needs
one has a second key (``…_one``).
"""

from __future__ import annotations

import functools
import string
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from .resources import resource_path
from .text import LANGUAGES, Text

__all__ = ["Words", "WordsError", "both", "load_catalogue", "paren", "placeholders", "punct", "table", "texts", "words"]


class WordsError(ValueError):
    """The catalogue is broken: the message names the file and the key (in English and Chinese)."""

    def __init__(self, en: str, zh: str) -> None:
        super().__init__(en)
        self.en, self.zh = en, zh

    def get(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


def placeholders(text: str) -> frozenset[str]:
    """The ``{names}`` a text is formatted with (``{s:g}`` counts as ``s``)."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


def _flatten(data: Any, prefix: str, out: dict[str, str], path: Path) -> None:
    if not isinstance(data, Mapping):
        raise WordsError(f"{path.name}: {prefix or 'the file'} is not a mapping of keys to texts",
                         f"{path.name}：{prefix or '文件'}不是“键：文本”的映射")
    for key, value in data.items():
        full = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, Mapping):
            _flatten(value, full, out, path)
        elif isinstance(value, str):
            if full in out:
                raise WordsError(f"{path.name}: {full}: given twice", f"{path.name}：{full}：重复定义")
            out[full] = value
        else:
            raise WordsError(f"{path.name}: {full}: not a text ({type(value).__name__})",
                             f"{path.name}：{full}：不是文本（{type(value).__name__}）")


def _read(path: Path) -> dict[str, str]:
    import yaml  # here: the first window (scores in the firm list) needs the module, not the catalogue

    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader (the C one when built)
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise WordsError(f"{path.name}: cannot be read: {exc}", f"{path.name}：无法读取：{exc}") from exc
    out: dict[str, str] = {}
    _flatten(data, "", out, path)
    return out


def load_catalogue(folder: Path) -> dict[str, dict[str, str]]:
    """``{lang: {key: text}}`` from ``folder/<lang>.yaml``, checked: same keys, same placeholders."""
    cat = {lang: _read(folder / f"{lang}.yaml") for lang in LANGUAGES}
    first, *rest = LANGUAGES
    for lang in rest:
        only_first = sorted(cat[first].keys() - cat[lang].keys())
        only_other = sorted(cat[lang].keys() - cat[first].keys())
        if only_first or only_other:
            missing = [f"{k} (missing in {lang}.yaml)" for k in only_first] + \
                      [f"{k} (missing in {first}.yaml)" for k in only_other]
            missing_zh = [f"{k}（{lang}.yaml 中缺少）" for k in only_first] + \
                         [f"{k}（{first}.yaml 中缺少）" for k in only_other]
            raise WordsError("words: the languages differ in keys: " + "; ".join(missing[:20]),
                             "词表：两种语言的键不一致：" + "；".join(missing_zh[:20]))
        for key, text in cat[first].items():
            a, b = placeholders(text), placeholders(cat[lang][key])
            if a != b:
                raise WordsError(
                    f"words: {key}: placeholders differ: {first} {sorted(a)}, {lang} {sorted(b)}",
                    f"词表：{key}：占位符不一致：{first} {sorted(a)}，{lang} {sorted(b)}")
    return cat


@functools.cache
def _catalogue() -> dict[str, dict[str, str]]:
    return load_catalogue(resource_path("words"))


class Words:
    """The catalogue in one language."""

    def __init__(self, lang: str, texts: Mapping[str, str]) -> None:
        self.lang = lang
        self._texts = texts

    def __call__(self, key: str) -> str:
        try:
            return self._texts[key]
        except KeyError:
            raise KeyError(f"no word {key!r} in resources/words/{self.lang}.yaml") from None

    def __contains__(self, key: object) -> bool:
        return key in self._texts

    def fmt(self, key: str, /, **kw: object) -> str:
        return self(key).format(**kw)

    def keys(self) -> Iterator[str]:
        return iter(self._texts)

    @functools.cache  # noqa: B019 - one Words per language, kept for the process
    def section(self, prefix: str) -> dict[str, str]:
        """The texts under ``prefix``, keyed relative to it (``section("export")["sheet.summary"]``)."""
        head = prefix + "."
        out = {k[len(head):]: v for k, v in self._texts.items() if k.startswith(head)}
        if not out:
            raise KeyError(f"no section {prefix!r} in resources/words/{self.lang}.yaml")
        return out


@functools.cache
def words(lang: str) -> Words:
    """The catalogue in ``lang`` (English for ``"en"``, else Chinese)."""
    lang = "en" if lang == "en" else "zh"
    return Words(lang, _catalogue()[lang])


class _Table(Mapping[str, dict[str, str]]):
    """``table("export")["zh"]["sheet.summary"]``: a section per language, read on first use."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    def __getitem__(self, lang: str) -> dict[str, str]:
        if lang not in LANGUAGES:
            raise KeyError(lang)
        return words(lang).section(self.prefix)

    def __iter__(self) -> Iterator[str]:
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)


class _Texts(Mapping[str, Text]):
    """``texts("aggregate.reason")["empty"]``: each key of a section as a :class:`Text`, read on first use."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix

    @functools.cached_property
    def _all(self) -> dict[str, Text]:
        zh, en = words("zh").section(self.prefix), words("en").section(self.prefix)
        return {k: Text(zh[k], en[k]) for k in zh}

    def __getitem__(self, key: str) -> Text:
        return self._all[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all)

    def __len__(self) -> int:
        return len(self._all)


def table(prefix: str) -> Mapping[str, dict[str, str]]:
    """A section as the old ``{"zh": {...}, "en": {...}}`` word tables (keys relative to ``prefix``)."""
    return _Table(prefix)


def texts(prefix: str) -> Mapping[str, Text]:
    """A section as ``{key: Text(zh, en)}`` (keys relative to ``prefix``)."""
    return _Texts(prefix)


def punct(mark: str, lang: str) -> str:
    """Punctuation by language: ``list_sep`` (；/; ), ``colon`` (：/: ), ``comma`` (，/, ), ``enum`` (、/, )."""
    return words(lang)("core.punct." + mark)


def paren(head: str, detail: str, lang: str) -> str:
    """``head（detail）`` in Chinese, ``head (detail)`` in English."""
    return words(lang).fmt("core.punct.paren", head=head, detail=detail)


def both(key: str, /, **kw: object) -> tuple[str, str]:
    """A text in English and Chinese, formatted: for the errors that carry both (``NotReadable(code, *both(...))``)."""
    return words("en").fmt(key, **kw), words("zh").fmt(key, **kw)
