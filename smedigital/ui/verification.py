"""Verification mode (现场评定): beside each self-assessed answer the assessor records the answer found on site
and a remark; the verified rating and every difference are shown (h13a's ``smedigital.core.verification``).

The firm's own answers never change (a signed-off baseline can be verified); verified answers count for
the score wherever the assessment is scored, and the results say so.
"""

from __future__ import annotations

import datetime as _dt
import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from smedigital.core.answers import Answer, answer_code
from smedigital.core.text import in_lang
from smedigital.core.wording import fmt_score
from smedigital.library import Library, LibraryError

from . import i18n, messages, theme
from .screens import fit_to_screen

log = logging.getLogger("smedigital.ui")


class _Row:
    """One question: the firm's answer, "differs on site", the verified answer's input and a remark."""

    def __init__(self, dialog: VerificationDialog, question: Any, own: Answer | None, verified: Answer | None,
                 remark: str, lang: str, grid: QGridLayout, row: int):
        from .assessment.widgets import make_input

        self.question = question
        fw = dialog.assessment.framework
        from smedigital.core.verification import answer_label

        self.title = QLabel(question.label.get(lang))
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.own = QLabel(answer_label(fw, question.id, answer_code(question, own), lang))
        self.own.setTextFormat(Qt.TextFormat.PlainText)
        self.own.setWordWrap(True)
        self.differs = QCheckBox()
        self.input = make_input(question, lang)
        self.input.load(verified or own)
        self.input.setVisible(verified is not None)
        self.differs.setChecked(verified is not None)
        self.differs.toggled.connect(self.input.setVisible)
        self.remark = QLineEdit(remark)
        self.remark.setMaxLength(500)
        box = QVBoxLayout()
        box.addWidget(self.differs)
        box.addWidget(self.input)
        grid.addWidget(self.title, row, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.own, row, 1, Qt.AlignmentFlag.AlignTop)
        grid.addLayout(box, row, 2)
        grid.addWidget(self.remark, row, 3, Qt.AlignmentFlag.AlignTop)

    def retranslate(self) -> None:
        name = self.title.text()
        self.differs.setText(QCoreApplication.translate("VerificationDialog", "Differs on site"))
        self.differs.setAccessibleName(QCoreApplication.translate("VerificationDialog", "%1 — differs on site").replace("%1", name))
        self.remark.setAccessibleName(QCoreApplication.translate("VerificationDialog", "%1 — remark").replace("%1", name))
        self.remark.setPlaceholderText(QCoreApplication.translate("VerificationDialog", "Remark (what was seen)"))
        self.own.setAccessibleName(QCoreApplication.translate("VerificationDialog", "%1 — the firm's answer").replace("%1", name))

    def verified(self) -> Answer | None:
        return self.input.value() if self.differs.isChecked() else None


class VerificationDialog(QDialog):
    """The on-site rating of one assessment (window-modal). ``saved`` after each save."""

    scroll: QScrollArea  # type: ignore[assignment]  # the dialog's scroll area hides QWidget.scroll(dx, dy), unused here

    def __init__(self, library: Library, assessment_id: int, parent: QWidget | None = None, exports: Any = None):
        super().__init__(parent)
        self.library, self.assessment_id = library, assessment_id
        self.exports = exports  # the window's ExportController: the verification sheet can be exported
        self.assessment = library.load_assessment(assessment_id)
        lang = i18n.current_language()
        v = self.assessment.verification

        self.heading = QLabel(self.assessment.company.name)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setFont(theme.heading_font())
        self.who, self.organisation, self.date = QLineEdit(), QLineEdit(), QLineEdit()
        self.who.setText(v.who if v else "")
        self.organisation.setText(v.organisation if v else "")
        self.date.setText(v.date if v and v.date else _dt.date.today().isoformat())
        self.who_label, self.org_label, self.date_label = QLabel(), QLabel(), QLabel()
        for label, edit in ((self.who_label, self.who), (self.org_label, self.organisation),
                            (self.date_label, self.date)):
            label.setBuddy(edit)
        form = QFormLayout()
        form.addRow(self.who_label, self.who)
        form.addRow(self.org_label, self.organisation)
        form.addRow(self.date_label, self.date)

        body = QWidget()
        grid = QGridLayout(body)
        self.headers = [QLabel() for _ in range(4)]
        for c, h in enumerate(self.headers):
            font = h.font()
            font.setBold(True)
            h.setFont(font)
            grid.addWidget(h, 0, c)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(2, 4)
        grid.setColumnStretch(3, 2)
        self.rows: list[_Row] = []
        result = self.assessment.score_self(explain=False)
        for n, q in enumerate((q for q in self.assessment.framework.questions if q.id in result.questions), 1):
            self.rows.append(_Row(self, q, self.assessment.answers.get(q.id),
                                  v.answers.get(q.id) if v else None, v.remarks.get(q.id, "") if v else "",
                                  lang, grid, n))
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(body)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                             | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        self.sheet_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.sheet_button.setAutoDefault(False)
        self.sheet_button.setVisible(exports is not None)
        self.sheet_button.clicked.connect(lambda: self.export_sheet())
        self.print_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.setAutoDefault(False)
        self.print_button.setVisible(exports is not None)
        self.print_button.clicked.connect(lambda: self.print_sheet())
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.scroll, 1)
        summary_area = QScrollArea()
        summary_area.setWidgetResizable(True)
        summary_area.setWidget(self.summary)
        summary_area.setMaximumHeight(150)  # many differences scroll, the answers keep the room
        summary_area.setFrameShape(QScrollArea.Shape.NoFrame)
        layout.addWidget(summary_area)
        layout.addWidget(self.buttons)
        fit_to_screen(self, QSize(1100, 700))
        self.retranslate()
        self.show_summary()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        try:
            if event.type() == QEvent.Type.LanguageChange:
                self.retranslate()
        except Exception:  # nothing may escape a Qt virtual
            log.exception("the verification could not change language")
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("On-site verification"))
        for label, edit, text, name in (
                (self.who_label, self.who, self.tr("&Assessor:"), self.tr("Assessor")),
                (self.org_label, self.organisation, self.tr("&Organisation:"), self.tr("Organisation")),
                (self.date_label, self.date, self.tr("&Date (YYYY-MM-DD):"), self.tr("Date of the verification"))):
            label.setText(text)
            edit.setAccessibleName(name)
        for h, text in zip(self.headers, (self.tr("Question"), self.tr("The firm's answer"),
                                          self.tr("Found on site"), self.tr("Remark")), strict=True):
            h.setText(text)
        for row in self.rows:
            row.retranslate()
        self.scroll.setAccessibleName(self.tr("Answers to verify"))
        self.summary.setAccessibleName(self.tr("Verified rating and differences"))
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save.setText(self.tr("&Save the verification"))
        save.setAccessibleName(self.tr("Save the verification"))
        self.sheet_button.setText(self.tr("Verification &sheet (PDF)…"))
        self.sheet_button.setAccessibleName(self.tr("Verification sheet (PDF)"))
        self.sheet_button.setAccessibleDescription(self.tr(
            "Saves the 现场核查表: each answer of the firm with the one found on site, to print and sign"))
        self.print_button.setText(self.tr("&Print the sheet…"))
        self.print_button.setAccessibleName(self.tr("Print the verification sheet"))
        self.print_button.setAccessibleDescription(self.tr("Prints the 现场核查表 on A4 after a preview"))
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Close"))
        close.setAccessibleName(self.tr("Close"))

    def verification(self) -> Any:
        from smedigital.core.assessment import Verification

        answers = {r.question.id: a for r in self.rows if (a := r.verified()) is not None}
        remarks = {r.question.id: r.remark.text().strip() for r in self.rows if r.remark.text().strip()}
        return Verification(self.who.text().strip(), self.organisation.text().strip(), self.date.text().strip(),
                            answers, remarks)

    def save(self) -> bool:
        """Record the verification in the assessment (the firm's answers stay as they are)."""
        from smedigital.core.assessment import AssessmentError, set_verification

        title = self.tr("On-site verification")
        try:
            updated = set_verification(self.assessment, self.verification())
            self.library.save_assessment(self.assessment_id, updated)
        except AssessmentError as exc:  # each problem in the interface language, with where it is
            lang = i18n.current_language()
            details = "\n".join(f"{p.where}: {p.text(lang)}" if getattr(p, "where", "") else p.text(lang)
                                 for p in exc.problems) if exc.problems else str(exc)
            messages.show_error(self, title, self.tr("The verification was not saved:"), details)
            return False
        except (LibraryError, ValueError) as exc:
            messages.show_error(self, title, self.tr("The verification was not saved:"),
                                in_lang(exc.args[0] if exc.args else exc, i18n.current_language()))
            return False
        self.assessment = updated
        self.show_summary()
        return True

    def export_sheet(self) -> Any:
        """Save first, then write the verification sheet (h13a's PDF) off the GUI thread."""
        if self.exports is None or not self.save():
            return None
        a = self.assessment
        return self.exports.export_verification_sheet(a, f"{a.company.name} {a.assessed_on}")

    def print_sheet(self) -> Any:
        """Save first, then print the verification sheet (A4, after a preview)."""
        if self.exports is None or not self.save():
            return None
        return self.exports.print_verification_sheet(self.assessment)

    def show_summary(self) -> None:
        from smedigital.core.verification import answer_label, verification_differences

        lang = i18n.current_language()
        report = verification_differences(self.assessment)
        if report is None:
            self.summary.setText(self.tr("No verification recorded yet: tick “Differs on site” where the answer "
                                         "found on site is not the firm's, add remarks, then save."))
            return
        c = report.comparison
        fw = c.framework
        lines = [self.tr("Verified rating: %1, total %2 (the firm's own: %3, total %4)").replace(
            "%1", c.after_result.level_label(lang)).replace("%2", fmt_score(c.total.after)).replace(
            "%3", c.before_result.level_label(lang)).replace("%4", fmt_score(c.total.before))]
        if report.differences:
            lines.append(self.tr("%n difference(s):", "", len(report.differences)))
            for d in report.differences:
                remark = f" — {d.remark}" if d.remark else ""
                lines.append(f"• {fw.question(d.question_id).label.get(lang)}: "
                             f"{answer_label(fw, d.question_id, d.self_answer, lang)} → "
                             f"{answer_label(fw, d.question_id, d.verified_answer, lang)} "
                             f"({_signed(d.verified_points - d.self_points)}){remark}")
        else:
            lines.append(self.tr("The answers found on site are the firm's."))
        self.summary.setText("\n".join(lines))


def _signed(x: Any) -> str:
    text = f"{abs(float(x)):.2f}".rstrip("0").rstrip(".")
    return ("+" if x > 0 else "−" if x < 0 else "±") + text
