"""Plausibility checks: what an office should look at twice before it trusts a firm's numbers.

Each check is a **flag** with a stable code, said in Chinese and English (:data:`.words.FLAGS`),
and a detail naming what was found. A flag never changes a score or rejects a file: it points the
office to a firm to check (an on-site review decides).

Per assessment (in the worker, :func:`assessment_flags`):

* ``raw-vs-band``: the raw numbers give another band (or trend) than the one chosen;
* ``raw-disagree``: one input (same id) given different values in two questions;
* ``raw-impossible``: a share whose part is larger than its whole, or a negative count;
* ``scene-no-evidence``: a scene claimed at level 1 or above whose evidence items for that level were
  marked in the file, none of them present (or with a file attached), and no evidence text written.
  A file that marks no evidence item at all (an older file, or a firm that has not used the checklist)
  says nothing about its evidence and is not flagged: the flag points at a claim the file itself shows
  unsupported;
* ``scene-lower-evidence``: a scene's evidence names levels (``L2``, ``2级``) but not every level
  below the one claimed.

Across firms (when the run decides, :func:`cross_flags`):

* ``same-answers``: two or more firms with exactly the same answers (company details aside);
* ``code-conflict``: one credit code whose files name different firms (names or regions);
* ``assessor-same-answers``: a 服务商 (assessor) with two or more firms whose answers are all the same.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from smedigital.core.answers import AnswerInvalid, computed_option, ratio_of

Flag = tuple[str, str, str]  # code, detail in English, detail in Chinese

_LEVEL_TAG = re.compile(r"(?:\bL\s*([1-4])\b|([1-4])\s*级|level\s*([1-4]))", re.IGNORECASE)
MAX_NAMED = 5  # questions named in one flag's detail


def _names(ids: Sequence[str]) -> str:
    more = len(ids) - MAX_NAMED
    return ", ".join(ids[:MAX_NAMED]) + (f" (+{more})" if more > 0 else "")


def _unsupported_claim(q: Any, ans: Any) -> str:
    """``"<question> (L2: 0 of 3 items present)"`` when the items a claimed scene level needs were marked and none
    is present or has a file; "" when the level needs no item, or nothing was marked, or one is present."""
    if not ans.evidence_items:  # nothing marked (most files): nothing to look for among the items
        return ""
    needed = [e for e in q.evidence_items if e.level is None or e.level <= ans.level]
    marks = [ans.evidence_items[e.id] for e in needed if e.id in ans.evidence_items]
    if not marks or any(m.status == "present" or m.files for m in marks):
        return ""
    if all(m.status == "na" for m in marks):
        return ""
    return f"{q.id} (L{ans.level}: 0/{len(needed)})"


def assessment_flags(a: Any, fw: Any) -> tuple[Flag, ...]:
    """The flags of one assessment's own answers."""
    flags: list[Flag] = []
    mismatch: list[str] = []
    impossible: list[str] = []
    no_evidence: list[str] = []
    lower_missing: list[str] = []
    seen: dict[str, tuple[float, str]] = {}
    disagree: list[str] = []
    for qid, ans in a.answers.items():
        q = fw.question_by_id.get(qid)
        if q is None or ans.na:
            continue
        if ans.raw:
            for iid, value in ans.raw.items():
                if isinstance(value, (int, float)) and value < 0:
                    impossible.append(qid)
                before = seen.get(iid)
                if before is not None and before[0] != value:
                    disagree.append(f"{iid} ({before[1]}: {before[0]:g}; {qid}: {value:g})")
                seen.setdefault(iid, (value, qid))
            if q.ratio is not None and q.ratio.at_most_one:
                num, den = ans.raw.get(q.ratio.numerator), ans.raw.get(q.ratio.denominator)
                if isinstance(num, (int, float)) and isinstance(den, (int, float)) and num > den >= 0:
                    impossible.append(qid)
            if ans.choice is not None and q.kind in ("ratio_band", "trend"):
                try:
                    opt = computed_option(q, ans) if (q.kind != "ratio_band" or ratio_of(q, ans.raw) is not None) \
                        else None
                except (AnswerInvalid, ZeroDivisionError, ValueError):
                    opt = None
                if opt is not None and opt.id != ans.choice:
                    mismatch.append(qid)
        if q.kind == "scene" and ans.level:
            if not any(e.strip() for e in ans.evidence):
                unsupported = _unsupported_claim(q, ans)
                if unsupported:
                    no_evidence.append(unsupported)
            else:
                tagged = {int(next(g for g in m.groups() if g)) for e in ans.evidence for m in _LEVEL_TAG.finditer(e)}
                if tagged and not set(range(1, ans.level + 1)) <= tagged:
                    lower_missing.append(qid)
    if mismatch:
        flags.append(("raw-vs-band", _names(mismatch), _names(mismatch)))
    if disagree:
        flags.append(("raw-disagree", _names(disagree), _names(disagree)))
    if impossible:
        ids = sorted(set(impossible))
        flags.append(("raw-impossible", _names(ids), _names(ids)))
    if no_evidence:
        flags.append(("scene-no-evidence", _names(no_evidence), _names(no_evidence)))  # "L2: 0/3": present of needed
    if lower_missing:
        flags.append(("scene-lower-evidence", _names(lower_missing), _names(lower_missing)))
    return tuple(flags)


def cross_flags(newest: Sequence[Any], histories: Mapping[str, Sequence[Any]]) -> dict[str, list[Flag]]:
    """Flags by firm key, from the newest assessment of every firm (``newest``) and each firm's history."""
    out: dict[str, list[Flag]] = defaultdict(list)
    by_answers: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for r in newest:
        if r.answers_only:
            by_answers[(r.framework_id, r.answers_only)].append(r)
    for same in by_answers.values():
        if len(same) < 2:
            continue
        for r in same:
            others = [o.name or o.firm_key for o in same if o is not r]
            text = _names(others)
            out[r.firm_key].append(("same-answers", f"{len(others)} other firm(s): {text}",
                                    f"另有 {len(others)} 家企业：{text}"))
    for key, history in histories.items():
        if not key.startswith("code:"):
            continue
        names = sorted({(r.name_key, r.region) for r in history})
        if len(names) > 1:
            shown = _names([r.name for r in history if r.name][:MAX_NAMED])
            out[key].append(("code-conflict", f"{len(names)} different firms under one credit code: {shown}",
                             f"同一统一社会信用代码下有 {len(names)} 个不同企业：{shown}"))
    by_assessor: dict[str, list[Any]] = defaultdict(list)
    for r in newest:
        if r.assessor.strip():
            by_assessor[r.assessor.strip().casefold()].append(r)
    for group in by_assessor.values():
        if len(group) >= 2 and len({(r.framework_id, r.answers_only) for r in group}) == 1:
            who = group[0].assessor.strip()
            for r in group:
                out[r.firm_key].append(("assessor-same-answers",
                                        f"{who}: all {len(group)} of its firms have the same answers",
                                        f"{who}：其评测的 {len(group)} 家企业答案完全相同"))
    return out
