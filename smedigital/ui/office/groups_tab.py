"""The groups tab: firms per level by industry, size class, region or framework, of one framework at a time."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSortFilterProxyModel
from PySide6.QtWidgets import QComboBox, QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from smedigital.aggregate.model import GroupRow
from smedigital.ui import theme

from .common import ChartShelf, Shown, make_table, titled, value_label
from .models import SORT_ROLE, GroupModel, RegionIssueModel

GROUPINGS = ("industry", "size", "region", "framework", "city", "province")
DIVISIONS = ("region", "city", "province")  # by GB/T 2260 division: county, prefecture, province level


class GroupsTab(QWidget):
    """The table and chart of firms per level in each group, and the regions to resolve.

    The framework is the one chosen in the view; grouped by framework, each framework is a row on its own
    scale and none is chosen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shown: Shown | None = None
        self.canvases: dict[str, Any] = {}
        self.shelf = ChartShelf()
        self.group_by_label = QLabel(self)
        self.group_by = QComboBox(self)
        for key in GROUPINGS:
            self.group_by.addItem("", key)
        self.group_by_label.setBuddy(self.group_by)
        self.group_by.currentIndexChanged.connect(self._grouping_changed)
        self.table_title = QLabel(self)  # names the grouping and the framework counted
        self.table_title.setWordWrap(True)
        self.table_title.setObjectName("officeTableTitle")
        self.group_model = GroupModel(self)
        self.group_proxy = QSortFilterProxyModel(self)
        self.group_proxy.setSourceModel(self.group_model)
        self.group_proxy.setSortRole(SORT_ROLE)
        self.group_table = make_table(self)
        self.group_table.setModel(self.group_proxy)
        self.table_title.setBuddy(self.group_table)
        self.group_chart_slot = QVBoxLayout()
        self.issues_label = QLabel(self)
        self.issues_label.setWordWrap(True)
        self.issue_model = RegionIssueModel(self)
        self.issue_table = make_table(self)
        self.issue_table.setModel(self.issue_model)
        self.issues_label.setBuddy(self.issue_table)
        self.group_note = value_label(self)  # what a level means when frameworks of different scales are found
        self.group_note.setVisible(False)
        row = QHBoxLayout()
        row.addWidget(self.group_by_label)
        row.addWidget(self.group_by)
        row.addStretch(1)
        scroll = QScrollArea(self)
        self.group_scroll = scroll
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget(scroll)
        scroll.setWidget(inner)
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(0, 0, 0, 0)
        self.group_table.setMinimumHeight(self.fontMetrics().height() * 9)
        inner_layout.addWidget(self.table_title)
        inner_layout.addWidget(self.group_table)
        inner_layout.addWidget(self.issues_label)
        inner_layout.addWidget(self.issue_table)
        inner_layout.addLayout(self.group_chart_slot)
        inner_layout.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.group_note)
        layout.addWidget(scroll, 1)
        self.group_body = inner

    def tab_title(self) -> str:
        return self.tr("By gro&up")

    def retranslate(self) -> None:
        self.group_by_label.setText(self.tr("&Group by:"))
        self.group_scroll.setAccessibleName(self.tab_title().replace("&", ""))
        self.issue_table.setAccessibleName(self.tr("Regions to resolve"))
        self.issue_table.setAccessibleDescription(self.tr("Each region as given, why it names no single division, "
                                                          "how many firms gave it and the divisions it may mean"))
        self.group_by.setAccessibleName(self.tr("Group by"))
        self.group_by.setAccessibleDescription(self.tr("Shows the table and the chart by industry, size class, "
                                                       "region or framework"))
        for i, text in enumerate((self.tr("Industry"), self.tr("Size class"), self.tr("Region (county level)"),
                                  self.tr("Framework"), self.tr("Region (prefecture level)"),
                                  self.tr("Region (province level)"))):
            self.group_by.setItemText(i, text)
        self.group_table.setAccessibleDescription(self.tr("Firms per level and stage, the shares at level 2 and "
                                                          "3 or above and the mean scores of each group"))

    # ------------------------------------------------------------------ grouping

    def grouping(self) -> str:
        return str(self.group_by.currentData() or "industry")

    def set_grouping(self, by: str) -> None:
        self.group_by.setCurrentIndex(max(0, self.group_by.findData(by)))

    def shown_framework(self) -> str | None:
        """The framework whose firms the table counts; None when grouped by framework (each row its own)."""
        if self.shown is None or self.grouping() == "framework" or not self.shown.framework:
            return None
        return self.shown.framework

    def group_rows(self) -> tuple[GroupRow, ...]:
        if self.shown is None:
            return ()
        t = self.shown.result.tables
        if self.grouping() == "framework":
            return t.by_framework
        ft = self.shown.tables()
        if ft is None:
            return {"industry": t.by_industry, "size": t.by_size, "region": t.by_region, "city": t.by_city,
                    "province": t.by_province}[self.grouping()]
        return {"industry": ft.by_industry, "size": ft.by_size, "region": ft.by_region, "city": ft.by_city,
                "province": ft.by_province}[self.grouping()]

    def show_result(self, shown: Shown) -> None:
        self.shown = shown
        labels, national = shown.labels, shown.labels.national
        if labels.mixed:
            self.group_note.setText(self.tr("Each framework's levels are its own: the table shows the firms of the "
                                            "framework chosen, never added to another's. The shares at level 2 and 3 "
                                            "or above count only the firms assessed with %1.").replace("%1", national))
        self.group_note.setVisible(labels.mixed)
        self.group_note.setAccessibleName(self.group_note.text() if labels.mixed else "")
        self._grouping_changed()

    def _titles(self) -> tuple[str, str]:
        """(the table's title, the chart's title), each naming the framework counted."""
        by = self.grouping()
        table = {"industry": self.tr("Firms by industry"), "size": self.tr("Firms by size class"),
                 "region": self.tr("Firms by region (county level)"),
                 "city": self.tr("Firms by region (prefecture level)"),
                 "province": self.tr("Firms by region (province level)"),
                 "framework": self.tr("Firms by framework, each on its own scale")}[by]
        fid = self.shown_framework()
        chart = self.tr("Levels by group")
        if fid is not None and self.shown is not None:
            name = self.shown.labels.framework(fid)
            return f"{table} · {name}", f"{chart} · {name}"
        return table, chart

    def _grouping_changed(self) -> None:
        shown = self.shown
        if shown is None:
            return
        self.group_model.show(self.group_rows(), shown.labels, self.grouping(), self.shown_framework())
        table_title, _ = self._titles()
        self.table_title.setText(table_title)
        self.group_table.setAccessibleName(table_title)
        issues = shown.result.tables.region_issues
        self.issue_model.show(issues, shown.labels.lang)
        show_issues = self.grouping() in DIVISIONS
        self.issues_label.setVisible(show_issues)
        self.issue_table.setVisible(show_issues and bool(issues))
        self.issues_label.setText(
            self.tr("Regions to resolve (%1): each names no administrative division, or several; correct the "
                    "firm's file and aggregate again.").replace("%1", str(len(issues))) if issues else
            self.tr("Every region names exactly one administrative division (GB/T 2260)."))
        self.draw_charts()

    def draw_charts(self) -> None:
        from smedigital.charts.figures import LevelsByGroup

        if self.shown is None:
            return
        labels, by = self.shown.labels, self.grouping()
        rows = self.group_rows()
        n_levels = len(rows[0].levels) if rows else 5
        fid = self.shown_framework()
        groups = [(labels.group(by, g.key), g.levels) for g in rows]
        high_contrast = theme.is_high_contrast()

        def build() -> dict[str, tuple[Any, str, str]]:
            height = 1.6 + 0.42 * min(len(groups), LevelsByGroup.MAX_ROWS)
            chart = LevelsByGroup(labels.lang, high_contrast=high_contrast, figsize=(7.5, max(height, 3.2)))
            chart.update(groups, [labels.level(i, fid) for i in range(n_levels)], "region" if by in DIVISIONS else by)
            titled(chart, labels.framework(fid) if fid else "")
            description = "; ".join(
                f"{name}: " + ", ".join(f"{labels.level(i, fid)} {n}" for i, n in enumerate(levels) if n)
                for name, levels in groups)
            return {"levels": (chart, self._titles()[1], description or "–")}

        # built once per run, framework, grouping, language and contrast, then swapped in
        self.shelf.show(self.canvases, {"levels": self.group_chart_slot}, self.shown.result,
                        (fid, by, labels.lang, high_contrast), build)
