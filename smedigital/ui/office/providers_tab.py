"""The 服务商 tab: the service providers' scorecard, one row per provider and framework (never pooled).

The figures are :func:`smedigital.aggregate.providers.provider_scorecard` of the run; how each is computed is
the project's own rule (no notice sets a formula), said above the table in the words the 推荐汇总表 uses
(:data:`smedigital.aggregate.words.RECOMMEND_WORDS`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from smedigital.aggregate.providers import ProviderRow
from smedigital.core.rules import yuan
from smedigital.core.text import safe_text

from .common import Shown, make_table, value_label
from .labels import RegionLabels
from .models import SORT_ROLE, _Table, number
from .programme_tab import words

NONE = "—"


class ProviderModel(_Table):
    def show(self, rows: Sequence[ProviderRow], labels: RegionLabels, cost_range: str, cpl_header: str) -> None:
        lang = labels.lang
        w = words(lang)

        def mean(x: float | None, points: bool = False) -> str:
            return NONE if x is None else (number(x) if points else f"{x:+.2f}")

        def cpl(r: ProviderRow) -> str:
            c = r.cost_per_level
            if c is None:
                return NONE
            return yuan(c[0], lang) if c[0] == c[1] else cost_range.replace("%1", yuan(c[0], lang)).replace(
                "%2", yuan(c[1], lang))

        def num(x: float) -> str:
            return f"{x:+.2f}" if x else "0"

        columns: list[Any] = [
            (w["provider"], lambda r: safe_text(r.provider) or w["not_given"], lambda r: (r.provider == "", r.provider),
             False),
            (w["framework"], lambda r: labels.framework(r.framework_id), lambda r: r.framework_id, False),
            (w["firms"], lambda r: str(r.firms), lambda r: r.firms, True),
            (w["pairs"], lambda r: str(r.pairs), lambda r: r.pairs, True),
            (w["mean_level_uplift"], lambda r: mean(r.mean_level_uplift),
             lambda r: r.mean_level_uplift if r.mean_level_uplift is not None else -99.0, True),
            (w["mean_points_uplift"], lambda r: mean(r.mean_points_uplift, True),
             lambda r: r.mean_points_uplift if r.mean_points_uplift is not None else -999.0, True),
            (w["costed"], lambda r: str(r.costed), lambda r: r.costed, True),
            (w["declared"], lambda r: str(r.declared), lambda r: r.declared, True),
            (cpl_header, cpl,
             lambda r: r.cost_per_level[0] if r.cost_per_level else -1, True),
            (w["verified"], lambda r: str(r.verified), lambda r: r.verified, True),
            (w["differences"], lambda r: str(r.differences), lambda r: r.differences, True),
            (w["points_effect"], lambda r: num(r.points_effect), lambda r: r.points_effect, True),
            (w["levels_changed"], lambda r: str(r.levels_changed), lambda r: r.levels_changed, True),
        ]
        self.reset(rows, columns)


class ProvidersTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shown: Shown | None = None
        self.title = QLabel(self)
        self.title.setObjectName("officeTableTitle")
        self.title.setWordWrap(True)
        self.formula = value_label(self)  # how the figures are computed: the project's own rule
        self.formula.setObjectName("officeProjectRule")
        self.provider_model = ProviderModel(self)
        self.provider_proxy = QSortFilterProxyModel(self)
        self.provider_proxy.setSourceModel(self.provider_model)
        self.provider_proxy.setSortRole(SORT_ROLE)
        self.provider_table = make_table(self)
        self.provider_table.setModel(self.provider_proxy)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.formula)
        layout.addWidget(self.provider_table, 1)

    def tab_title(self) -> str:
        return self.tr("服务商 provi&ders")

    def retranslate(self) -> None:
        self.title.setText(self.tr("服务商 scorecard: firms served, level uplift from the baseline to after the "
                                   "retrofit, cost per level gained and the on-site ratings' differences, per "
                                   "framework"))
        self.provider_table.setAccessibleName(self.tr("服务商 scorecard"))
        self.provider_table.setAccessibleDescription(self.tr("One row per 服务商 and framework"))
        if self.shown is not None:
            self.show_result(self.shown)

    def show_result(self, shown: Shown) -> None:
        self.shown = shown
        w = words(shown.labels.lang)
        self.formula.setText(w["providers_note"])  # it says the formula is the project's own
        self.formula.setAccessibleName(self.formula.text())
        rows = shown.programme.providers if shown.programme is not None else ()
        self.provider_model.show(rows, shown.labels, self.tr("%1 to %2"), self.tr("Cost per level gained"))
        self.provider_table.sortByColumn(2, Qt.SortOrder.DescendingOrder)

    def shown_rows(self) -> list[list[str]]:
        p = self.provider_proxy
        return [[p.index(r, c).data() for c in range(p.columnCount())] for r in range(p.rowCount())]

