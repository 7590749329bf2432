"""Bilingual text: every string meant for people exists in Chinese and English."""

from __future__ import annotations

from typing import Any

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"


class Text:
    """A text in both languages; Chinese first, English complete. Immutable, equal to and hashed as
    another with the same two texts.

    What ``@dataclass(frozen=True, slots=True)`` would make, written out: the program's first window
    defines this class, and the decorator's work took ~0.6 ms of it (issue 17)."""

    __slots__ = ("zh", "en")
    __match_args__ = ("zh", "en")
    zh: str
    en: str

    def __init__(self, zh: str, en: str) -> None:
        object.__setattr__(self, "zh", zh)
        object.__setattr__(self, "en", en)

    def __repr__(self) -> str:
        return f"Text(zh={self.zh!r}, en={self.en!r})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return (self.zh, self.en) == (other.zh, other.en)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.zh, self.en))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"cannot assign to field {name!r}: a Text does not change")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}: a Text does not change")

    def __getstate__(self) -> tuple[str, str]:  # pickling (the aggregation's workers get frameworks so)
        return self.zh, self.en

    def __setstate__(self, state: tuple[str, str]) -> None:
        object.__setattr__(self, "zh", state[0])
        object.__setattr__(self, "en", state[1])

    def get(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return self.en if lang == "en" else self.zh

    def to_dict(self) -> dict[str, str]:
        return {"zh": self.zh, "en": self.en}

    @staticmethod
    def same(s: str) -> Text:
        return Text(s, s)


class Msg(str):
    """A message for people: the English text (it *is* that string, so code that prints or matches
    messages keeps working), its Chinese (``zh``) and a stable ``code`` for machines.

    ``Msg.get(lang)`` or :func:`in_lang` gives it in the interface language; a plain ``str`` passed
    to :func:`in_lang` is returned as it is.
    """

    zh: str
    code: str

    def __new__(cls, en: str, zh: str, code: str = "") -> Msg:
        obj = super().__new__(cls, en)
        obj.zh = zh
        obj.code = code
        return obj

    def __getnewargs__(self) -> tuple[str, str, str]:  # type: ignore[override]  # unpickling needs all three
        return str(self), self.zh, self.code

    def get(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return str(self) if lang == "en" else self.zh


def in_lang(message: object, lang: str = DEFAULT_LANGUAGE) -> str:
    """A message in ``lang`` when it carries both languages (:class:`Msg`, :class:`Text`), else as it is."""
    if isinstance(message, (Msg, Text)):
        return message.get(lang)
    return str(message)


def code_of(message: object, default: str = "") -> str:
    return getattr(message, "code", "") or default


MAX_DETAIL = 300  # characters of a reason's detail; an echoed value is cut much shorter (see :func:`shown`)
MAX_SHOWN = 60


def cap(text: str, limit: int = MAX_DETAIL) -> str:
    """Text cut to ``limit`` characters (with "…"), so no reason grows with its input."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def shown(value: object, limit: int = MAX_SHOWN) -> str:
    """A value from the input as a message quotes it: short, on one line, without control characters."""
    try:
        text = value if isinstance(value, str) else repr(value)
    except ValueError:  # an integer too long to print
        text = type(value).__name__
    text = "".join(ch if ch.isprintable() else " " for ch in text[: limit * 2])
    return '"' + cap(text, limit) + '"' if isinstance(value, str) else cap(text, limit)


def safe_text(text: str) -> str:
    """Text that any UTF-8 writer accepts: a byte of a file name that was not UTF-8 (kept by Python as a
    surrogate escape, U+DC80-U+DCFF) is written ``\\xff``, any other lone surrogate ``\\ud800``."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    out = []
    for ch in text:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:
            out.append(f"\\x{code - 0xDC00:02x}")
        elif 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)
