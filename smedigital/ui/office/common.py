"""What every tab of the regional overview shares: the result shown, tables, labels and chart slots.

A tab is a QWidget with ``retranslate()``, ``show_result(shown)`` and ``tab_title()``; the view
keeps a list of them (:attr:`OfficeView.pages`), so a new tab is one more widget in that list.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QSizePolicy, QTableView, QVBoxLayout, QWidget

from smedigital.aggregate.model import AggregateResult, FrameworkTables

from .labels import RegionLabels

if TYPE_CHECKING:
    from smedigital.aggregate.programme import Programme


@dataclass(frozen=True)
class Shown:
    """One run's result as the view shows it: in one language, one framework at a time (never pooled)."""

    result: AggregateResult
    labels: RegionLabels
    framework: str  # the id of the framework whose figures are shown; "" when no firm was found
    programme: Programme | None = None  # the pilot programme's stages, targets and 服务商 of the same run

    def tables(self) -> FrameworkTables | None:
        return next((t for t in self.result.tables.per_framework if t.framework_id == self.framework), None)

    def framework_name(self) -> str:
        return self.labels.framework(self.framework) if self.framework else "–"


class OfficeTab(Protocol):
    """What the view asks of a tab (a QWidget besides)."""

    def tab_title(self) -> str: ...

    def retranslate(self) -> None: ...

    def show_result(self, shown: Shown) -> None: ...


def make_table(parent: QWidget) -> QTableView:
    table = QTableView(parent)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSortingEnabled(True)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


def value_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


def put_canvas(canvases: dict[str, Any], key: str, slot: QVBoxLayout, chart: Any, name: str,
               description: str) -> Any:
    """Show ``chart`` in ``slot`` in place of the canvas under ``key``, named for screen readers."""
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg  # noqa: PLC0415

    old = canvases.pop(key, None)
    if old is not None:
        slot.removeWidget(old)
        old.hide()
        old.deleteLater()
    canvas = FigureCanvasQTAgg(chart.figure)
    canvas.chart = chart
    canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    width, height = chart.figure.get_size_inches()
    canvas.setFixedHeight(int(height * chart.figure.dpi))
    canvas.setMinimumWidth(int(width * chart.figure.dpi * 0.8))
    canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    canvas.setAccessibleName(name)
    canvas.setAccessibleDescription(description)
    slot.addWidget(canvas)
    canvases[key] = canvas
    return canvas


def titled(chart: Any, framework: str) -> Any:
    """The chart's own title followed by the framework it counts (charts are never pooled across frameworks)."""
    if framework:
        chart.title.set_text(f"{chart.title.get_text()} · {framework}")
    return chart
