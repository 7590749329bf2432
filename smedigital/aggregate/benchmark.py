"""Benchmarks firms can see: an office's own aggregate, anonymised, as the peer distribution.

No public distribution of levels under the MIIT SME digital-level indicators exists (the
published figures are proxies: the CMMM self-diagnosis and spending surveys), so the firms an
office aggregated are the only true benchmark. :func:`benchmark_data` turns a run into a JSON
file (format ``smedigital-benchmark``) that holds counts only: per framework, for all firms and
per industry division (GB/T 4754), size class and county (GB/T 2260), the firms per level, per
total score point (0-100), per 10-point band of each dimension and per level of each scene.
A cell of fewer than :data:`MIN_CELL` firms is left out (counted as suppressed); no firm's name,
credit code or file is in it. Level names are stored in Chinese and English (``level_names``);
:func:`level_names` gives them in the interface language, from the framework itself when it is known.

:func:`place` gives one assessment's percentile in its peer group: the most specific cell the
file holds (industry division, then county, then size, then all firms of the framework).
"""

from __future__ import annotations

import datetime as _dt
import json
import os
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from smedigital.core.files import atomic_output
from smedigital.core.text import Text

from .model import UNRESOLVED, AggregateResult, division_at
from .reader import AssessmentRow

FORMAT = "smedigital-benchmark"
VERSION = 1
MIN_CELL = 10
NOTE = Text("未发现工信部中小企业数字化水平评测指标等级的公开分布；本单位汇总的企业是唯一真实的对标基准。"
            "本文件只含计数（少于 10 家企业的分组已隐去），不含企业名称、信用代码或文件。",
            "No public distribution of levels under the MIIT SME digital-level indicators exists; the firms this "
            "office aggregated are the only true benchmark. This file holds counts only (groups of fewer than "
            "10 firms are left out), no firm's name, credit code or file.")
GROUPS = ("industry_division", "county", "size", "all")  # most specific first: the peer group chosen


def _keys(r: AssessmentRow) -> dict[str, str]:
    division = r.industry[:3] if len(r.industry) >= 3 and r.industry[1:3].isdigit() else ""
    county = division_at(r.division, "county")
    return {"industry_division": division, "county": "" if county == UNRESOLVED else county, "size": r.size,
            "all": "*"}


def _cell(rows: Sequence[AssessmentRow], n_levels: int) -> dict[str, Any]:
    levels = [0] * n_levels
    totals = [0] * 101
    dims: dict[str, list[int]] = defaultdict(lambda: [0] * 10)
    scenes: dict[str, list[int]] = defaultdict(lambda: [0] * 5)
    for r in rows:
        levels[min(r.level, n_levels - 1)] += 1
        totals[max(0, min(100, int(r.total)))] += 1
        for did, score in r.dimensions:
            dims[did][min(int(score // 10), 9)] += 1
        for qid, level in r.scenes:
            scenes[qid][max(0, min(4, level))] += 1
    return {"firms": len(rows), "levels": levels, "totals": totals, "dimensions": dict(dims), "scenes": dict(scenes)}


def framework_level_names(framework_id: str, n_levels: int, lang: str) -> list[str]:
    """The names of levels 0 … n_levels-1 as the bundled framework gives them in ``lang`` ("zh" or "en");
    empty for a framework this program does not know."""
    from smedigital.core.framework import bundled_frameworks

    fw = bundled_frameworks().get(framework_id)
    if fw is None:
        return []
    names = []
    for i in range(n_levels):
        level = fw.level_by_index(i) if i else None
        names.append((level.label if level is not None else fw.level_rule.no_level_label).get(lang))
    return names


def level_names(framework: dict[str, Any], lang: str) -> list[str]:
    """The level names of one framework of a benchmark file in the interface language: the bundled
    framework's own names first (a file of format version 1 holds Chinese names only), else the file's."""
    levels = next((c.get("levels") for c in framework.get("groups", []) if isinstance(c, dict)), None)
    n_levels = len(levels) if isinstance(levels, list) else 0
    fid = framework.get("id")
    names = framework_level_names(fid, n_levels, lang) if isinstance(fid, str) and n_levels else []
    if names:
        return names
    stored = framework.get("level_names")
    if isinstance(stored, dict) and isinstance(stored.get(lang), list):
        return [str(n) for n in stored[lang]]
    legacy = framework.get("level_labels")
    return [str(n) for n in legacy] if isinstance(legacy, list) else []


def benchmark_data(result: AggregateResult, now: _dt.datetime | None = None) -> dict[str, Any]:
    from smedigital.core.framework import bundled_frameworks

    known = bundled_frameworks()
    newest = [f.newest for f in result.firms]
    out = []
    for fid, _n in result.tables.frameworks:
        rows = [r for r in newest if r.framework_id == fid]
        fw = known.get(fid)
        n_levels = len(fw.levels) + 1 if fw else 5
        groups: dict[tuple[str, str], list[AssessmentRow]] = defaultdict(list)
        for r in rows:
            for by, key in _keys(r).items():
                if key:
                    groups[(by, key)].append(r)
        cells, suppressed = [], 0
        for (by, key), members in sorted(groups.items()):
            if len(members) < MIN_CELL:
                suppressed += 1
                continue
            cells.append({"by": by, "key": key, **_cell(members, n_levels)})
        names = {lang: framework_level_names(fid, n_levels, lang) for lang in ("zh", "en")}
        out.append({"id": fid, "version": fw.version if fw else "", "firms": len(rows), "groups": cells,
                    "suppressed_groups": suppressed,
                    "level_labels": names["zh"],  # as format version 1 wrote them: Chinese only
                    "level_names": names})
    return {"format": FORMAT, "format_version": VERSION,
            "generated": (now or _dt.datetime.now()).replace(microsecond=0).isoformat(),
            "min_cell": MIN_CELL, "note": {"zh": NOTE.zh, "en": NOTE.en}, "frameworks": out}


def write_benchmark(result: AggregateResult, path: str | os.PathLike[str]) -> None:
    with atomic_output(path, ".json") as tmp, open(tmp, "w", encoding="utf-8") as fh:
        json.dump(benchmark_data(result), fh, ensure_ascii=False, separators=(",", ":"))


class BenchmarkError(ValueError):
    def __init__(self, en: str, zh: str):
        super().__init__(en)
        self.text = Text(zh, en)


def load_benchmark(path: str | os.PathLike[str]) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.loads(fh.read(64 * 1024 * 1024))
    except (OSError, ValueError, RecursionError) as exc:
        raise BenchmarkError(f"cannot be read as a benchmark file: {type(exc).__name__}",
                             f"无法作为对标文件读取：{type(exc).__name__}") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("frameworks"), list):
        raise BenchmarkError(f"not a {FORMAT} file", f"不是 {FORMAT} 文件")
    if not isinstance(data.get("format_version"), int) or data["format_version"] > VERSION:
        raise BenchmarkError("written by a newer smedigital; please update", "由更新版本的 smedigital 生成，请更新程序")
    return data


def place(data: dict[str, Any], framework_id: str, total: float, keys: dict[str, str],
          lang: str = "zh") -> dict[str, Any] | None:
    """The percentile of ``total`` in the most specific peer group the benchmark holds; None without one.

    Percentile = 100 × (firms below + half the firms at the same whole point) / firms in the group.
    ``levels``: the group's firms per level, each level named in ``lang`` (see :func:`level_names`)."""
    fw = next((f for f in data["frameworks"] if isinstance(f, dict) and f.get("id") == framework_id), None)
    if fw is None:
        return None
    cells = {(c.get("by"), c.get("key")): c for c in fw.get("groups", []) if isinstance(c, dict)}
    for by in GROUPS:
        cell = cells.get((by, keys.get(by, "")))
        if cell is None:
            continue
        counts = cell.get("totals")
        n = cell.get("firms")
        if not isinstance(counts, list) or len(counts) != 101 or not isinstance(n, int) or n <= 0:
            continue
        point = max(0, min(100, int(total)))
        below = sum(c for c in counts[:point] if isinstance(c, int))
        same = counts[point] if isinstance(counts[point], int) else 0
        counts_by_level = cell.get("levels")
        names = level_names(fw, lang)
        levels = [{"level": names[i] if i < len(names) else str(i), "firms": c}
                  for i, c in enumerate(counts_by_level if isinstance(counts_by_level, list) else [])
                  if isinstance(c, int)]
        return {"percentile": round(100 * (below + same / 2) / n, 1), "peer_group": {"by": by, "key": cell["key"],
                "firms": n}, "levels": levels, "note": data.get("note"), "generated": data.get("generated")}
    return None
