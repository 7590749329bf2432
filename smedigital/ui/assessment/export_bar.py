"""The export buttons of the results and plan pages: plan workbook, diagnosis report, blank questionnaire.

The bar only asks (``requested(kind)`` with ``plan``, ``report`` or ``template``); the main
window does the exporting, with the assessment as it is at that moment. A bar made with ``wrap=True``
puts the buttons that do not fit beside the others on the next row (the results page at a narrow width or
a large text size), in the same order.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QPushButton, QWidget

from smedigital.ui.flow import FlowLayout

from .widgets import set_accessible

KINDS = ("plan", "report", "template")


class ExportBar(QWidget):
    requested = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, wrap: bool = False) -> None:
        super().__init__(parent)
        layout: QLayout = FlowLayout(self, fill_rows=True) if wrap else QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.caption = QLabel(self.tr("Export:"), self)
        layout.addWidget(self.caption)
        self.buttons: dict[str, QPushButton] = {}
        for kind, text, name, description in (
            ("plan", self.tr("Plan &workbook (.xlsx)…"), self.tr("Export plan workbook"),
             self.tr("Saves the improvement plan, answers, roadmap and charts as an Excel workbook (Ctrl+E)")),
            ("report", self.tr("Diagnosis &report (PDF)…"), self.tr("Export diagnosis report"),
             self.tr("Saves the diagnosis report with its charts and the plan as a PDF document (Ctrl+Shift+E)")),
            ("template", self.tr("Blank &questionnaire…"), self.tr("Blank questionnaire"),
             self.tr("Saves an empty questionnaire workbook of this framework for a firm to fill in")),
        ):
            button = QPushButton(text, self)
            set_accessible(button, name, description)
            button.setToolTip(description)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, k=kind: self.requested.emit(k))
            layout.addWidget(button)
            self.buttons[kind] = button
        if isinstance(layout, QHBoxLayout):
            layout.addStretch(1)
