"""The words of the aggregation: file reasons and the summary workbook, in Chinese and English."""

from __future__ import annotations

from collections.abc import Sequence

from smedigital.core.text import Text
from smedigital.core.words import paren, table, texts

# Reason codes of a file's status; the detail after the label says exactly what was found.
REASONS = texts("aggregate.reasons")  # resources/words/<lang>.yaml

# A file's signature (smedigital.export.signing): who exported its record, and is it unchanged since.
SIGNATURES = texts("aggregate.signatures")  # "questionnaire": no record to sign

# Plausibility flags (see checks.py): a firm's numbers to look at twice; never a rejection.
FLAGS = texts("aggregate.flags")


def flag_text(flag: tuple[str, str, str], lang: str) -> str:
    """A flag as people read it: its label, then what was found."""
    code, en, zh = flag
    label = FLAGS.get(code, Text(code, code)).get(lang)
    detail = zh if lang == "zh" else en
    if not detail:
        return label
    return paren(label, detail, lang)


STATUS_WORDS = texts("aggregate.file_status")

WORDS = table("aggregate.summary")


def words(lang: str) -> dict[str, str]:
    return WORDS["en" if lang == "en" else "zh"]


NO_SHARE = "—"  # a share at 二级 or above when no firm was assessed with the national levels


def national_names(framework_ids: Sequence[str], lang: str) -> str:
    """The short titles of the frameworks whose levels are the national levels, as a list in words.

    ``framework_ids``: those the firms used (``Tables.national_frameworks``); when there are none,
    every bundled framework with ``national_levels`` is named (what the firms would have needed).
    """
    from smedigital.core.framework import bundled_frameworks

    known = bundled_frameworks()
    ids = [fid for fid in framework_ids if fid in known] or [fid for fid, fw in known.items() if fw.national_levels]
    names = [(known[fid].short_title or known[fid].title).get(lang) for fid in ids]
    w = words(lang)
    if not names:
        return w["national_generic"]
    if len(names) == 1:
        return names[0]
    return w["list_sep"].join(names[:-1]) + w["list_last"] + names[-1]


# --------------------------------------------------------------------------- the programme (pipeline.py)

# The stages of the pilot programme's cycle, as pilot cities' notices name them (诊断评估 → 项目备案 → 改造实施 →
# 评测验收 → 兑现; e.g. Liuzhou's 2025 notice, Kunming's acceptance list, Xiamen 2025 [re-post]).
STAGE_NAMES = texts("aggregate.programme_stages")

# What a firm's stage rests on.
STAGE_BASIS = texts("aggregate.stage_basis")

# The 推荐汇总表 workbook (recommend.py) and the JSON's programme parts.
RECOMMEND_WORDS = table("aggregate.recommend")
