"""Bilingual text: every string meant for people exists in Chinese and English."""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"


@dataclass(frozen=True, slots=True)
class Text:
    """A text in both languages; Chinese first, English complete."""

    zh: str
    en: str

    def get(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return self.en if lang == "en" else self.zh

    def to_dict(self) -> dict[str, str]:
        return {"zh": self.zh, "en": self.en}

    @staticmethod
    def same(s: str) -> Text:
        return Text(s, s)
