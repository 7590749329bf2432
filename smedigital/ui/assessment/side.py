"""The side panel: progress, the live score, level and stage, always in view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QProgressBar, QVBoxLayout, QWidget

from smedigital.core.framework import PILLARS
from smedigital.core.scoring import Result
from smedigital.core.wording import fmt_score


def pillar_name(result: Result, pillar: str, lang: str) -> str:
    """A pillar is named after the stage it opens (cloud → 上云)."""
    fw = result.framework
    for t in fw.stage_rule:
        if t.pillar == pillar:
            return fw.stage(t.stage).label.get(lang)
    return pillar


class SidePanel(QFrame):
    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.setObjectName("sidePanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self.title = QLabel(self.tr("Live result"), self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        layout.addWidget(self.title)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(True)
        self.progress.setAccessibleName(self.tr("Questions answered"))
        layout.addWidget(self.progress)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.answered = self._value()
        self.score = self._value()
        self.score.setObjectName("liveScore")
        self.level = self._value()
        self.level.setObjectName("liveLevel")
        self.stage = self._value()
        self.stage.setObjectName("liveStage")
        self.pillars = self._value()
        form.addRow(self.tr("Answered:"), self.answered)
        form.addRow(self.tr("Total score:"), self.score)
        form.addRow(self.tr("Level:"), self.level)
        form.addRow(self.tr("Stage:"), self.stage)
        form.addRow(self.tr("Pillars:"), self.pillars)
        layout.addLayout(form)
        self.save_state = self._value()
        self.save_state.setObjectName("saveState")
        layout.addWidget(self.save_state)

    def _value(self) -> QLabel:
        label = QLabel(self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def show_result(self, result: Result) -> None:
        total = len(result.questions)
        answered = total - len(result.unanswered)
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(answered)
        self.progress.setFormat(f"{answered} / {total}")
        self.answered.setText(self.tr("%1 of %2").replace("%1", str(answered)).replace("%2", str(total)))
        self.score.setText(self.tr("%1 / 100").replace("%1", fmt_score(result.total_score)))
        self.level.setText(result.level_label(self.lang))
        caveat = result.framework.caveat
        self.level.setToolTip(caveat.get(self.lang) if caveat else "")
        self.stage.setText(result.stage.label.get(self.lang))
        self.pillars.setText("\n".join(f"{pillar_name(result, p, self.lang)} {fmt_score(result.pillars[p])}"
                                       for p in PILLARS))
        for label, name in ((self.answered, self.tr("Answered")), (self.score, self.tr("Total score")),
                            (self.level, self.tr("Level")), (self.stage, self.tr("Stage")),
                            (self.pillars, self.tr("Pillars"))):
            label.setAccessibleName(f"{name}: {label.text()}")

    def show_saved(self, ok: bool, message: str = "") -> None:
        if ok:
            self.save_state.setText(self.tr("✓ Saved"))
        else:
            self.save_state.setText(self.tr("⚠ Not saved: %1").replace("%1", message))
        self.save_state.setAccessibleName(self.save_state.text())
