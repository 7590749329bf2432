"""What every tab of the regional overview shares: the result shown, tables, labels and chart slots.

A tab is a QWidget with ``retranslate()``, ``show_result(shown)`` and ``tab_title()``; the view
keeps a list of them (:attr:`OfficeView.pages`), so a new tab is one more widget in that list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QAbstractItemModel, QEvent, Qt, QTimer
from PySide6.QtGui import QShowEvent
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


class FittedTable(QTableView):
    """A table whose columns are each as wide as its widest cell or its heading, as Qt's ResizeToContents
    mode makes them, but measured once when the texts change (the model refilled, resorted or filtered,
    another font or style) and, while the table is hidden, once when it is next shown: in that mode Qt
    reads every cell again on each layout pass, three to four times per refill (issue 17)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._unfitted = True
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)

    def setModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802 - Qt override
        old = self.model()
        if old is not None:
            for signal in self._changes(old):
                signal.disconnect(self.fit_columns)
        super().setModel(model)
        if model is not None:
            for signal in self._changes(model):
                signal.connect(self.fit_columns)
        self.fit_columns()

    @staticmethod
    def _changes(model: QAbstractItemModel) -> tuple:
        return (model.modelReset, model.dataChanged, model.headerDataChanged, model.layoutChanged,
                model.rowsInserted, model.rowsRemoved, model.columnsInserted, model.columnsRemoved)

    def fit_columns(self, *_: object) -> None:
        """Each column as wide as Qt's ResizeToContents makes it now (the same rows: up to the header's
        precision); while the table is hidden, when it is next shown."""
        if not self.isVisible():
            self._unfitted = True
            return
        self._unfitted = False
        model, header = self.model(), self.horizontalHeader()
        if model is None:
            return
        stretched = header.logicalIndex(header.count() - 1) if header.stretchLastSection() else -1
        for column in range(model.columnCount()):
            if column == stretched:
                continue  # the header gives the last column the room left, as it does in either mode
            width = max(self.sizeHintForColumn(column), header.sectionSizeHint(column))
            header.resizeSection(column, min(max(width, header.minimumSectionSize()), header.maximumSectionSize()))

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if self._unfitted:
            self.fit_columns()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange, QEvent.Type.ApplicationFontChange):
            self._unfitted = True
            QTimer.singleShot(0, self, self.fit_columns)  # once the cells have their new font


def make_table(parent: QWidget) -> QTableView:
    table = FittedTable(parent)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSortingEnabled(True)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
    table.verticalHeader().setVisible(False)
    return table


def value_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


def make_canvas(chart: Any, name: str, description: str) -> Any:
    """A canvas for ``chart``, sized for its figure and named for screen readers (not yet placed)."""
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

    canvas = FigureCanvasQTAgg(chart.figure)
    canvas.chart = chart
    canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    width, height = chart.figure.get_size_inches()
    canvas.setFixedHeight(int(height * chart.figure.dpi))
    canvas.setMinimumWidth(int(width * chart.figure.dpi * 0.8))
    canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    canvas.setAccessibleName(name)
    canvas.setAccessibleDescription(description)
    return canvas


class ChartShelf:
    """A tab's charts kept per what they show (framework, language, contrast, grouping...) for one run's
    result, so that going back to a framework shown before swaps its drawn canvases in rather than
    building and drawing the figures again (building matplotlib axes is most of a switch's time).

    ``show(canvases, slots, key, build)``: ``build()`` gives {slot name: (chart, accessible name,
    accessible description)}, called only when ``key`` was not shown before for this result; the
    canvases in ``canvases`` (the tab's, by slot name) are replaced by the kept ones. The least
    recently shown sets beyond ``limit`` are let go.
    """

    def __init__(self, limit: int = 8) -> None:
        self.limit = limit
        self._result: object = None
        self._kept: dict[tuple, dict[str, Any]] = {}

    def show(self, canvases: dict[str, Any], slots: dict[str, QVBoxLayout], result: object, key: tuple,
             build: Callable[[], dict[str, tuple[Any, str, str]]]) -> None:
        if result is not self._result:  # another run: nothing kept applies
            self.clear(canvases, slots)
            self._result = result
        kept = self._kept.pop(key, None)
        if kept is None:
            kept = {name: make_canvas(*made) for name, made in build().items()}
        self._kept[key] = kept  # the most recently shown last
        for name, slot in slots.items():
            old, new = canvases.get(name), kept.get(name)
            if old is new:
                continue
            if old is not None:
                slot.removeWidget(old)
                old.hide()
            if new is not None:
                slot.addWidget(new)
                new.show()
                canvases[name] = new
            else:
                canvases.pop(name, None)
        while len(self._kept) > self.limit:
            stale = self._kept.pop(next(iter(self._kept)))
            for canvas in stale.values():
                canvas.deleteLater()

    def clear(self, canvases: dict[str, Any], slots: dict[str, QVBoxLayout]) -> None:
        for name, slot in slots.items():
            canvas = canvases.pop(name, None)
            if canvas is not None:
                slot.removeWidget(canvas)
                canvas.hide()
        for kept in self._kept.values():
            for canvas in kept.values():
                canvas.hide()
                canvas.deleteLater()
        self._kept.clear()
        self._result = None


def titled(chart: Any, framework: str) -> Any:
    """The chart's own title followed by the framework it counts (charts are never pooled across frameworks)."""
    if framework:
        chart.title.set_text(f"{chart.title.get_text()} · {framework}")
    return chart
