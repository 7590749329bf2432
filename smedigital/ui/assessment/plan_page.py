"""Placeholder until the plan editor is written."""

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PlanPage(QWidget):
    def __init__(self, session, lang, parent=None):
        super().__init__(parent)
        QVBoxLayout(self).addWidget(QLabel("plan", self))
