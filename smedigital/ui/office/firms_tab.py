"""The firms tab: every firm with its newest assessment; Enter or double-click asks for its history."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from .common import Shown, make_table
from .models import SORT_ROLE, FirmModel


class FirmsTab(QWidget):
    """``historyRequested(source_row)``: the user asked for a firm's history (the view opens it)."""

    historyRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.firm_model = FirmModel(self)
        self.firm_proxy = QSortFilterProxyModel(self)
        self.firm_proxy.setSourceModel(self.firm_model)
        self.firm_proxy.setSortRole(SORT_ROLE)
        self.firm_table = make_table(self)
        self.firm_table.setModel(self.firm_proxy)
        self.firm_table.activated.connect(self._activated)
        self.firm_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.history_button = QPushButton(self)
        self.history_button.clicked.connect(self._history_clicked)
        self.firm_table.selectionModel().selectionChanged.connect(lambda *_: self._update_state())
        row = QHBoxLayout()
        row.addWidget(self.history_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.firm_table, 1)
        layout.addLayout(row)
        self._update_state()

    def tab_title(self) -> str:
        return self.tr("Fir&ms")

    def retranslate(self) -> None:
        self.history_button.setText(self.tr("Histor&y…"))
        self.history_button.setAccessibleName(self.tr("History"))
        about = self.tr("Shows the selected firm's assessments over time (Enter or double-click does too)")
        self.history_button.setAccessibleDescription(about)
        self.history_button.setToolTip(about)
        self.firm_table.setAccessibleName(self.tr("Firms"))
        self.firm_table.setAccessibleDescription(self.tr("Each firm with its newest assessment; Enter shows its "
                                                         "history"))

    _showing: tuple = ()

    def show_result(self, shown: Shown) -> None:
        if len(self._showing) == 2 and self._showing[0] is shown.result and self._showing[1] is shown.labels:
            return  # another framework chosen: every firm is listed whatever the framework, as it was sorted
        self._showing = (shown.result, shown.labels)
        self.firm_model.show(shown.result.firms, shown.labels)
        self.firm_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self._update_state()

    def _update_state(self) -> None:
        self.history_button.setEnabled(self.selected_row() is not None)

    def selected_row(self) -> int | None:
        """The source row of the firm selected, if any."""
        rows = self.firm_table.selectionModel().selectedRows()
        return self.firm_proxy.mapToSource(rows[0]).row() if rows else None

    def _activated(self, index: QModelIndex) -> None:
        self.historyRequested.emit(self.firm_proxy.mapToSource(index).row())

    def _history_clicked(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.historyRequested.emit(row)

    def select_firm(self, name: str) -> bool:
        for r in range(self.firm_proxy.rowCount()):
            if self.firm_proxy.index(r, 0).data() == name:
                self.firm_table.selectRow(r)
                return True
        return False
