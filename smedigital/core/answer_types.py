"""What an answer is: exactly one of an option (``choice``), a set of options
(``choices``), raw numbers (``raw``), a level 0-4 (``level``), or "not
applicable" (``na``); each may carry a note and evidence marks.

What an answer *means* depends on the question's kind (:mod:`.kinds`);
:mod:`.answers` re-exports every name here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .text import Msg

EVIDENCE_STATUSES = ("present", "missing", "na")


@dataclass(frozen=True, slots=True)
class EvidenceFile:
    """A file attached to an evidence item: its name (no folders), size in bytes and SHA-256 (hex)."""

    name: str
    size: int = 0
    sha256: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "size": self.size, "sha256": self.sha256}


@dataclass(frozen=True, slots=True)
class EvidenceMark:
    """Where one evidence item of a question stands: ``present``, ``missing`` or ``na``, with its files."""

    status: str = "missing"
    files: tuple[EvidenceFile, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"status": self.status}
        if self.files:
            out["files"] = [f.to_dict() for f in self.files]
        return out


@dataclass(frozen=True, slots=True)
class Answer:
    choice: str | None = None
    choices: tuple[str, ...] | None = None
    raw: dict[str, float] | None = None
    level: int | None = None
    na: bool = False
    note: str = ""
    evidence: tuple[str, ...] = field(default_factory=tuple)
    evidence_items: Mapping[str, EvidenceMark] = field(default_factory=dict)

    @property
    def has_content(self) -> bool:
        """An answer, a note, evidence texts or evidence marks: worth keeping in the file."""
        return not self.is_empty or bool(self.note or self.evidence or self.evidence_items)

    @property
    def is_empty(self) -> bool:
        return (not self.na and self.choice is None and not self.choices and not self.raw
                and self.level is None)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.na:
            out["na"] = True
        if self.choice is not None:
            out["choice"] = self.choice
        if self.choices is not None:
            out["choices"] = list(self.choices)
        if self.raw is not None:
            out["raw"] = dict(self.raw)
        if self.level is not None:
            out["level"] = self.level
        if self.note:
            out["note"] = self.note
        if self.evidence:
            out["evidence"] = list(self.evidence)
        if self.evidence_items:
            out["evidence_items"] = {k: m.to_dict() for k, m in self.evidence_items.items()}
        return out


class AnswerInvalid(ValueError):
    """Raised by the computations below when raw numbers cannot give a result.

    ``str(exc)`` is English; ``exc.message`` a :class:`~.text.Msg` (``exc.message.get(lang)``).
    """

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message if isinstance(message, Msg) else Msg(message, message)

    def get(self, lang: str) -> str:
        return self.message.get(lang)
