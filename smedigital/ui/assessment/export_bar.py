"""The export buttons of the results and plan pages: plan workbook, diagnosis report, blank questionnaire.

The bar only asks (``requested(kind)`` with ``plan``, ``report`` or ``template``); the main
window does the exporting, with the assessment as it is at that moment.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from .widgets import set_accessible

KINDS = ("plan", "report", "template")


class ExportBar(QWidget):
    requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
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
        layout.addStretch(1)
