"""Names in the regional overview: levels, stages, industries, size classes, regions, frameworks, pillars.

Levels and stages are named after the framework most firms were assessed with; when the
files use several frameworks, a level is named by its number, as the aggregation counts
it (see :mod:`smedigital.aggregate.model`): 一级 … 四级 only when every framework used has
the national levels, else neutrally, 第1级 … 第4级 on each framework's own scale (a
smedigital-cdi 成长级 is its level 2, not 二级).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from smedigital.aggregate.model import AggregateResult
from smedigital.aggregate.words import national_names
from smedigital.charts.figures import pillar_label
from smedigital.core.framework import PILLARS, Framework, bundled_frameworks
from smedigital.core.profile import load_industries, size_label

LEVEL_NUMBERS_ZH = "一二三四五六七八九"


class RegionLabels:
    """The names for one aggregation result, in one language."""

    def __init__(self, result: AggregateResult, lang: str) -> None:
        self.lang = lang
        self.known = bundled_frameworks()
        main = next((fid for fid, _ in result.tables.frameworks if fid in self.known), None)
        self.fw: Framework | None = self.known.get(main) if main else None
        self.mixed = len(result.tables.frameworks) > 1
        self.own_scale = result.tables.mixed_scales  # levels pooled by number across different scales
        self.national = national_names(result.tables.national_frameworks, lang)  # whom the shares count
        self.sections = load_industries().sections

    def level(self, index: int, framework_id: str | None = None) -> str:
        """A level's name: the framework's own when one is given (or all firms share one), else by number
        (一级 when every framework used has the national levels, else 第1级 on each framework's own scale)."""
        fw = self.known.get(framework_id) if framework_id else (None if self.mixed else self.fw)
        if fw is not None:
            lv = fw.level_by_index(index)
            if lv is not None:
                return lv.label.get(self.lang)
            if index == 0:
                return fw.level_rule.no_level_label.get(self.lang)
        if self.own_scale:  # 第2级 in Chinese: not the national 二级
            if index <= 0:
                return QCoreApplication.translate("RegionScale", "No level yet")
            return QCoreApplication.translate("RegionScale", "Level %1").replace("%1", str(index))
        if index <= 0:
            return QCoreApplication.translate("RegionLabels", "No level yet")
        number = LEVEL_NUMBERS_ZH[index - 1] if self.lang == "zh" and index <= len(LEVEL_NUMBERS_ZH) else str(index)
        # 二级 in Chinese, Level 2 in English
        return QCoreApplication.translate("RegionLabels", "Level %1").replace("%1", number)

    def level_names(self, count: int) -> list[str]:
        return [self.level(i) for i in range(count)]

    def stage(self, index: int, framework_id: str | None = None) -> str:
        fw = self.known.get(framework_id) if framework_id else self.fw
        if fw is not None and 0 <= index < len(fw.stages):
            return fw.stages[index].label.get(self.lang)
        return QCoreApplication.translate("RegionLabels", "Stage %1").replace("%1", str(index + 1))

    def industry(self, section: str) -> str:
        if section in self.sections:
            return f"{section} {self.sections[section].name.get(self.lang)}"
        return section or QCoreApplication.translate("RegionLabels", "(not given)")

    def size(self, size: str) -> str:
        try:
            return size_label(size).get(self.lang)
        except KeyError:
            return size or QCoreApplication.translate("RegionLabels", "(not given)")

    def region(self, region: str) -> str:
        """A region as given, or a division's GB/T 2260 code as its full name with the code."""
        from smedigital.aggregate.model import UNRESOLVED, division_name  # noqa: PLC0415

        if region == UNRESOLVED:
            return QCoreApplication.translate("RegionLabels", "(to resolve: see the list below)")
        if len(region) == 6 and region.isdigit():
            name = division_name(region)
            return f"{name} ({region})" if name else region
        return region or QCoreApplication.translate("RegionLabels", "(not given)")

    def framework(self, framework_id: str) -> str:
        fw = self.known.get(framework_id)
        if fw is None:
            return framework_id
        return f"{(fw.short_title or fw.title).get(self.lang)} ({fw.version})"

    def group(self, by: str, key: str) -> str:
        """The name of a group of the tables ``by`` industry, size, region or framework."""
        return {"industry": self.industry, "size": self.size, "region": self.region, "city": self.region,
                "province": self.region, "framework": self.framework}[by](key)

    def pillar(self, pillar: str, framework_id: str | None = None) -> str:
        fw = self.known.get(framework_id) if framework_id else self.fw
        if fw is not None:
            return pillar_label(fw, pillar, self.lang)
        names = {"cloud": QCoreApplication.translate("RegionLabels", "Cloud"),
                 "data": QCoreApplication.translate("RegionLabels", "Data"),
                 "intelligence": QCoreApplication.translate("RegionLabels", "Intelligence")}
        return names.get(pillar, pillar)

    def pillars(self, framework_id: str | None = None) -> list[str]:
        return [self.pillar(p, framework_id) for p in PILLARS]
