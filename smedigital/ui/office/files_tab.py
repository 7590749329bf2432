"""The file log tab: every file read, its status and the reason, filtered by status or text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from .common import Shown, make_table
from .models import FileLogFilter, FileLogModel

STATUS_FILTERS = ("", "accepted", "rejected", "duplicate", "skipped")


class FilesTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status_label = QLabel(self)
        self.status_filter = QComboBox(self)
        for key in STATUS_FILTERS:
            self.status_filter.addItem("", key)
        self.status_label.setBuddy(self.status_filter)
        self.text_label = QLabel(self)
        self.text_filter = QLineEdit(self)
        self.text_filter.setClearButtonEnabled(True)
        self.text_label.setBuddy(self.text_filter)
        self.file_model = FileLogModel(self)
        self.file_proxy = FileLogFilter(self)
        self.file_proxy.setSourceModel(self.file_model)
        self.file_table = make_table(self)
        self.file_table.setModel(self.file_proxy)
        self.file_table.horizontalHeader().setStretchLastSection(True)
        self.file_count = QLabel(self)
        self.file_count.setTextFormat(Qt.TextFormat.PlainText)
        self.status_filter.currentIndexChanged.connect(self._filter_changed)
        self.text_filter.textChanged.connect(self._filter_changed)
        row = QHBoxLayout()
        row.addWidget(self.status_label)
        row.addWidget(self.status_filter)
        row.addSpacing(12)
        row.addWidget(self.text_label)
        row.addWidget(self.text_filter, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.file_table, 1)
        layout.addWidget(self.file_count)

    def tab_title(self) -> str:
        return self.tr("File &log")

    def retranslate(self) -> None:
        self.status_label.setText(self.tr("S&how:"))
        self.status_filter.setAccessibleName(self.tr("Show files"))
        self.status_filter.setAccessibleDescription(self.tr("Shows all files, or only those of one status"))
        for i, text in enumerate((self.tr("All files"), self.tr("Accepted"), self.tr("Rejected"),
                                  self.tr("Duplicates"), self.tr("Not read"))):
            self.status_filter.setItemText(i, text)
        self.text_label.setText(self.tr("Filter te&xt:"))
        self.text_filter.setPlaceholderText(self.tr("File name, folder or reason"))
        self.text_filter.setAccessibleName(self.tr("Filter the file log"))
        self.text_filter.setAccessibleDescription(self.tr("Shows only the files whose name, folder or reason "
                                                          "contains this text"))
        self.file_table.setAccessibleName(self.tr("File log"))
        self.file_table.setAccessibleDescription(self.tr("Every file read, its status and the reason"))
        self._filter_changed()

    _showing: tuple = ()

    def show_result(self, shown: Shown) -> None:
        if len(self._showing) == 2 and self._showing[0] is shown.result and self._showing[1] == shown.labels.lang:
            return  # another framework chosen: the file log lists every file whatever the framework
        self._showing = (shown.result, shown.labels.lang)
        self.file_model.show(shown.result.files, shown.labels.lang)
        self._filter_changed()

    def _filter_changed(self) -> None:
        self.file_proxy.set_status(str(self.status_filter.currentData() or ""))
        self.file_proxy.set_text(self.text_filter.text())
        self.file_count.setText(self.tr("%1 of %2 files shown").replace("%1", str(self.file_proxy.rowCount()))
                                .replace("%2", str(self.file_model.rowCount())))

    def show_status(self, status: str) -> None:
        self.status_filter.setCurrentIndex(STATUS_FILTERS.index(status))
        self.file_table.setFocus()

    def shown_files(self) -> list[tuple[str, str, str]]:
        """(file name, status, reason) of the rows the log shows, in order (tests, screen readers)."""
        return [(self.file_proxy.index(r, 0).data(), self.file_proxy.index(r, 1).data(),
                 self.file_proxy.index(r, 2).data()) for r in range(self.file_proxy.rowCount())]
