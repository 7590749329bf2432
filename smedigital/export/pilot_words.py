"""Words of the pilot-cycle exports (verification sheet, comparison report, 一企一档 pack), in both languages."""

from __future__ import annotations

from smedigital.core.words import table

PILOT_WORDS = table("export.pilot")  # resources/words/<lang>.yaml, section export.pilot

STATUS_MARK = {"present": "√", "missing": "×", "na": "—", "unmarked": "□"}


def pw(lang: str) -> dict[str, str]:
    return PILOT_WORDS["en" if lang == "en" else "zh"]
