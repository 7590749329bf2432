"""A firm's assessments, one by one, and two of them side by side.

:class:`FirmHistoryDialog` lists every assessment of one firm (date, level, stage, score,
complete or not); one can be opened, deleted alone (the firm stays; Undo and Ctrl+Z bring it
back) or compared with another. :class:`ComparisonDialog` shows two assessments of the firm
with :func:`smedigital.core.compare.compare_assessments`: level and every gate, total and
dimensions, every scene level, the measured results (成效) with their change and unit, the
answers that changed and the plan items done in between. Every text is plain text.
"""

from __future__ import annotations

import logging
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from smedigital.core.wording import SCORE_DECIMALS, fmt_points, fmt_score
from smedigital.core.words import punct
from smedigital.library import AssessmentInfo, Library, LibraryError, RemovedAssessment

from . import i18n, messages, theme
from .labels import ListLabels
from .screens import fit_to_screen
from .undoable import undo_and_delete_actions

if TYPE_CHECKING:
    from smedigital.core.compare import Comparison

log = logging.getLogger("smedigital.ui")

ASSESSMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _table(columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    return table


def _fill(table: QTableWidget, headers: list[str], rows: list[list[str]]) -> None:
    """Rows of plain text (a QTableWidgetItem never reads HTML)."""
    table.setHorizontalHeaderLabels(headers)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))


def _num(x: Fraction | float | None, places: int = 4) -> str:
    return "–" if x is None else fmt_points(x, places)


def _assessment_text(labels: ListLabels, info: AssessmentInfo, lang: str) -> str:
    score = "–" if info.total_score is None else fmt_score(info.total_score)
    return f"{info.assessed_on} · {labels.level(info.framework_id, info.level_index, lang)} · {score}"


def purpose_name(purpose: str) -> str:
    """诊断基线, 改造后自评 or 复评 in the interface language; "" for an assessment without a purpose."""
    names = {"baseline": QCoreApplication.translate("purpose", "Diagnosis baseline"),
             "after": QCoreApplication.translate("purpose", "Self-assessment after the transformation"),
             "reassessment": QCoreApplication.translate("purpose", "Re-assessment")}
    return names.get(purpose, "")


PURPOSE_ORDER = ("baseline", "after", "reassessment")


class ReassessDialog(QDialog):
    """Asks before a re-assessment starts, and what it is for (its purpose). Window-modal, not blocking:
    connect ``accepted`` and read :meth:`purpose`."""

    def __init__(self, firm_name: str, assessed_on: str, last_purpose: str, parent: QWidget | None = None,
                 verified: bool = False):
        super().__init__(parent)
        self.firm_name, self.assessed_on = firm_name, assessed_on
        self.text = QLabel()
        self.text.setTextFormat(Qt.TextFormat.PlainText)  # a firm's name is never HTML
        self.text.setWordWrap(True)
        self.group = QGroupBox()
        self.radios = {p: QRadioButton() for p in PURPOSE_ORDER}
        box = QVBoxLayout(self.group)
        for radio in self.radios.values():
            box.addWidget(radio)
        default = "after" if last_purpose == "baseline" else "reassessment"
        self.radios[default].setChecked(True)
        self.verified_box = QCheckBox()
        self.verified_box.setVisible(verified)  # only when the earlier one was rated on site
        self.verified_box.setChecked(verified)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.group)
        layout.addWidget(self.verified_box)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.retranslate()
        self.radios[default].setFocus()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        try:
            if event.type() == QEvent.Type.LanguageChange:
                self.retranslate()
        except Exception:  # nothing may escape a Qt virtual
            log.exception("the re-assessment question could not change language")
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Re-assess"))
        self.text.setText(self.tr(
            "Start a new assessment of “%1”, dated today, from the answers of %2? The earlier assessment stays "
            "as it is; go through the answers and change those that are no longer true.").replace(
            "%1", self.firm_name).replace("%2", self.assessed_on))
        self.text.setAccessibleName(self.tr("What happens"))
        self.group.setTitle(self.tr("What is this assessment for?"))
        self.group.setAccessibleName(self.tr("Purpose of the new assessment"))
        for purpose, radio in self.radios.items():
            radio.setText(purpose_name(purpose))
            radio.setAccessibleName(purpose_name(purpose))
        self.verified_box.setText(self.tr("Start from the answers found on site (the on-site rating), not the "
                                          "firm's own"))
        self.verified_box.setAccessibleName(self.tr("Start from the answers found on site"))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Start the re-assessment"))
        ok.setAccessibleName(self.tr("Start the re-assessment"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        cancel.setAccessibleName(self.tr("Cancel"))

    def purpose(self) -> str:
        return next(p for p, r in self.radios.items() if r.isChecked())

    def from_verified(self) -> bool:
        return self.verified_box.isVisibleTo(self) and self.verified_box.isChecked()


class _Purposes(dict):
    signed: set[int]


def _purposes(library: Library, infos: list[AssessmentInfo]) -> _Purposes:
    """Each assessment's purpose (``baseline``, ``after``, ``reassessment`` or "") and which are signed off."""
    out = _Purposes()
    out.signed = set()
    for info in infos:
        try:
            a = library.load_assessment(info.id)
        except LibraryError:
            continue
        out[info.id] = a.purpose
        if a.is_signed_off:
            out.signed.add(info.id)
    return out


class DeleteAssessment(QUndoCommand):
    """Taking one assessment out of its firm, undoable."""

    def __init__(self, dialog: FirmHistoryDialog, assessment_id: int, text: str):
        super().__init__(text)
        self.dialog, self.assessment_id = dialog, assessment_id
        self.removed: RemovedAssessment | None = None

    # redo() and undo() are Qt virtuals: nothing may escape them.
    def redo(self) -> None:
        try:
            self.removed = self.dialog.library.remove_assessment(self.assessment_id)
        except LibraryError as exc:
            messages.show_error(self.dialog, QCoreApplication.translate("FirmHistoryDialog",
                                                                        "Cannot delete the assessment"), messages.error_text(exc))
            return
        self.dialog.deleted(self.removed)

    def undo(self) -> None:
        if self.removed is None:
            return
        try:
            self.assessment_id = self.dialog.library.restore_assessment(self.removed)
        except LibraryError as exc:
            messages.show_error(self.dialog, QCoreApplication.translate("FirmHistoryDialog",
                                                                        "Cannot bring the assessment back"), messages.error_text(exc))
            return
        self.dialog.restored(self.assessment_id)


class FirmHistoryDialog(QDialog):
    """Every assessment of one firm. Signals: ``openRequested(assessment_id)``, ``changed()``
    (an assessment was deleted or brought back: the firm list should be read again)."""

    openRequested = Signal(int)
    changed = Signal()

    DATE, PURPOSE, LEVEL, STAGE, SCORE, STATUS = range(6)

    def __init__(self, library: Library, firm_id: int, parent: QWidget | None = None, exports: Any = None):
        super().__init__(parent)
        self.library, self.firm_id = library, firm_id
        self.exports = exports  # the window's ExportController: the comparison can be exported
        self.labels = ListLabels(library)
        self.undo_stack = QUndoStack(self)
        self.comparison: ComparisonDialog | None = None
        self.infos: list[AssessmentInfo] = []

        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setFont(theme.heading_font())
        self.table = _table(6)
        self.table.itemActivated.connect(lambda _item: self.open_selected())
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.undo_label = QLabel()
        self.undo_label.setTextFormat(Qt.TextFormat.PlainText)
        self.undo_button = QPushButton()
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.undo_label.hide()
        self.undo_button.hide()
        self.open_button = QPushButton()
        self.compare_button = QPushButton()
        self.delete_button = QPushButton()
        self.verify_button = QPushButton()
        self.pack_button = QPushButton()
        self.pack_button.clicked.connect(lambda: self.export_pilot_pack())
        self.pack_button.setVisible(exports is not None)
        self.verify_button.clicked.connect(lambda: self.verify())
        self.close_button = QPushButton()
        self.open_button.clicked.connect(self.open_selected)
        self.compare_button.clicked.connect(lambda: self.compare())
        self.delete_button.clicked.connect(self.delete_selected)
        self.close_button.clicked.connect(self.reject)
        self.open_button.setAutoDefault(False)

        self.undo_action, self.delete_action = undo_and_delete_actions(self, self.table, self.undo_stack,
                                                                       self.delete_selected)

        undo_row = QHBoxLayout()
        undo_row.addWidget(self.undo_label, 1)
        undo_row.addWidget(self.undo_button)
        buttons = QHBoxLayout()
        for b in (self.open_button, self.compare_button, self.verify_button, self.pack_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addLayout(undo_row)
        layout.addLayout(buttons)
        chain: list[QWidget] = [self.table, self.undo_button, self.open_button, self.compare_button, self.verify_button,
                 self.pack_button, self.delete_button,
                 self.close_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        fit_to_screen(self, QSize(760, 420))
        self.retranslate()
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        try:
            if event.type() == QEvent.Type.LanguageChange:
                self.retranslate()
                self.refresh()
        except Exception:  # nothing may escape a Qt virtual
            log.exception("the firm's history could not change language")
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Assessments of the firm"))
        self.table.setAccessibleName(self.tr("Assessments of the firm"))
        self.table.setAccessibleDescription(self.tr("Each assessment of this firm, oldest first. Press Enter to "
                                                    "open one, Delete to delete it."))
        for button, text, desc in (
            (self.open_button, self.tr("&Open"), self.tr("Opens the selected assessment")),
            (self.compare_button, self.tr("&Compare…"),
             self.tr("Shows two assessments of this firm side by side, the first and the latest unless you "
                     "choose others")),
            (self.delete_button, self.tr("&Delete assessment"),
             self.tr("Deletes the selected assessment only; the firm and its other assessments stay. You can "
                     "undo this")),
            (self.verify_button, self.tr("On-site &verification…"),
             self.tr("Records, beside each of the firm's answers, the answer found on site and a remark; shows "
                     "the verified rating and every difference")),
            (self.pack_button, self.tr("Evidence &file (一企一档)…"),
             self.tr("Saves the selected assessment's 一企一档 zip: reports, plan, verification sheet, the comparison "
                     "with the diagnosis baseline and the evidence files")),
            (self.close_button, self.tr("Close"), self.tr("Closes this window")),
            (self.undo_button, self.tr("&Undo"), self.tr("Brings the deleted assessment back")),
        ):
            button.setText(text)
            button.setAccessibleName(text.replace("&", "").rstrip("…"))
            button.setAccessibleDescription(desc)
        self.undo_action.setText(self.tr("Undo"))
        self.delete_action.setText(self.tr("Delete assessment"))

    def refresh(self, select: int | None = None) -> None:
        keep = select if select is not None else self.selected_id()
        lang = i18n.current_language()
        try:
            firm = self.library.firm(self.firm_id)
            self.infos = self.library.assessments(self.firm_id)
        except LibraryError as exc:
            messages.show_error(self, self.tr("Cannot read the library"), messages.error_text(exc))
            self.infos = []
            return
        self.heading.setText(firm.name)
        rows = []
        purposes = _purposes(self.library, self.infos)
        for a in self.infos:
            purpose = purpose_name(purposes.get(a.id, ""))
            if a.id in purposes.signed:
                purpose = self.tr("%1, signed off").replace("%1", purpose) if purpose else self.tr("signed off")
            rows.append([a.assessed_on, purpose, self.labels.level(a.framework_id, a.level_index, lang),
                         self.labels.stage(a.framework_id, a.stage_index, lang),
                         "–" if a.total_score is None else fmt_score(a.total_score),
                         self.tr("complete") if a.complete else self.tr("incomplete")])
        _fill(self.table, [self.tr("Date"), self.tr("Purpose"), self.tr("Level"), self.tr("Stage"), self.tr("Score"), self.tr("Status")],
              rows)
        for r, a in enumerate(self.infos):
            cell = self.table.item(r, 0)
            assert cell is not None  # _fill made every cell
            cell.setData(ASSESSMENT_ID_ROLE, a.id)
        ids = [a.id for a in self.infos]
        row = ids.index(keep) if keep in ids else len(ids) - 1
        if row >= 0:
            self.table.selectRow(row)
        self._selection_changed()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.infos):
            return None
        return self.infos[rows[0].row()].id

    def _selection_changed(self) -> None:
        chosen = self.selected_id() is not None
        self.open_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
        self.verify_button.setEnabled(chosen)
        self.pack_button.setEnabled(chosen)
        self.compare_button.setEnabled(len(self.infos) >= 2)

    def open_selected(self) -> None:
        assessment_id = self.selected_id()
        if assessment_id is not None:
            self.openRequested.emit(assessment_id)
            self.accept()

    def delete_selected(self) -> None:
        assessment_id = self.selected_id()
        if assessment_id is None:
            return
        date = next(a.assessed_on for a in self.infos if a.id == assessment_id)
        self.undo_stack.push(DeleteAssessment(self, assessment_id, self.tr("Delete the assessment of %1").replace(
            "%1", date)))

    def deleted(self, removed: RemovedAssessment) -> None:
        self.refresh()
        date = str(removed.row[2])
        self.undo_label.setText(self.tr("The assessment of %1 was deleted; the firm stays.").replace("%1", date))
        self.undo_label.show()
        self.undo_button.show()
        self.changed.emit()

    def restored(self, assessment_id: int) -> None:
        self.undo_label.hide()
        if self.undo_button.hasFocus():
            self.table.setFocus()
        self.undo_button.hide()
        self.refresh(select=assessment_id)
        self.changed.emit()

    def export_pilot_pack(self) -> Any:
        """The selected assessment's 一企一档 zip, with the firm's latest diagnosis baseline before it (if any)."""
        assessment_id = self.selected_id()
        if assessment_id is None or self.exports is None:
            return None
        try:
            assessment = self.library.load_assessment(assessment_id)
            baseline = None
            earlier = [a for a in self.infos if a.id != assessment_id and (a.assessed_on, a.id) <= next(
                (b.assessed_on, b.id) for b in self.infos if b.id == assessment_id)]
            for info in reversed(earlier):
                candidate = self.library.load_assessment(info.id)
                if candidate.purpose == "baseline" and candidate.framework_id == assessment.framework_id:
                    baseline = candidate
                    break
        except LibraryError as exc:
            messages.show_error(self, self.tr("Cannot read the library"), messages.error_text(exc))
            return None
        return self.exports.export_pilot_pack(assessment, baseline,
                                              f"{assessment.company.name} {assessment.assessed_on}")

    def verify(self) -> QDialog | None:
        """The on-site verification of the selected assessment (window-modal, not blocking)."""
        from .verification import VerificationDialog

        assessment_id = self.selected_id()
        if assessment_id is None:
            return None
        try:
            dialog = VerificationDialog(self.library, assessment_id, self, exports=self.exports)
        except LibraryError as exc:
            messages.show_error(self, self.tr("Cannot read the library"), messages.error_text(exc))
            return None
        def finished(_result: int) -> None:
            self.refresh(select=assessment_id)
            self.changed.emit()
            dialog.deleteLater()

        dialog.finished.connect(finished)
        self.verification = dialog
        dialog.open()
        return dialog

    def compare(self, before_id: int | None = None, after_id: int | None = None) -> ComparisonDialog | None:
        if len(self.infos) < 2:
            return None
        self.comparison = ComparisonDialog(self.library, self.firm_id, before_id, after_id, self,
                                           exports=self.exports)
        self.comparison.open()
        return self.comparison


class ComparisonDialog(QDialog):
    """Two assessments of one firm side by side (by default the first, the baseline, and the latest)."""

    def __init__(self, library: Library, firm_id: int, before_id: int | None = None, after_id: int | None = None,
                 parent: QWidget | None = None, exports: Any = None):
        super().__init__(parent)
        self.library, self.firm_id = library, firm_id
        self.exports = exports
        self.labels = ListLabels(library)
        self.comparison: Comparison | None = None
        try:
            self.infos = library.assessments(firm_id)
            self.firm_name = library.firm(firm_id).name
        except LibraryError as exc:
            messages.show_error(self, self.tr("Cannot read the library"), messages.error_text(exc))
            self.infos, self.firm_name = [], ""

        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setFont(theme.heading_font())
        self.before_label, self.after_label = QLabel(), QLabel()
        self.before_box, self.after_box = QComboBox(), QComboBox()
        self.before_label.setBuddy(self.before_box)
        self.after_label.setBuddy(self.after_box)
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                             | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.tabs = QTabWidget()
        self.gates = _table(5)
        self.dimensions = _table(4)
        self.scenes = _table(4)
        self.indicators = _table(6)
        self.answers = _table(5)
        self.done_items = _table(2)
        for t in (self.gates, self.dimensions, self.scenes, self.indicators, self.answers, self.done_items):
            self.tabs.addTab(t, "")
        self.buttons = QDialogButtonBox()
        self.buttons.rejected.connect(self.reject)
        self.pdf_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.sheet_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        # Close made last: Tab follows the order the buttons are made in, and it stands right of the exports
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.sheet_button.clicked.connect(lambda: self.export("xlsx"))
        self.print_button.clicked.connect(lambda: self.print_report())
        for b in (self.pdf_button, self.sheet_button, self.print_button):
            b.setAutoDefault(False)
            b.setVisible(exports is not None)

        form = QFormLayout()
        form.addRow(self.before_label, self.before_box)
        form.addRow(self.after_label, self.after_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        fit_to_screen(self, QSize(980, 640))

        purposes = self._purposes = _purposes(library, self.infos)
        for box in (self.before_box, self.after_box):
            for info in self.infos:
                box.addItem("", info.id)
        self._name_choices()
        ids = [a.id for a in self.infos]
        if before_id not in ids:  # the diagnosis baseline (the latest one, if several), else the first
            baselines = [i for i in ids if purposes.get(i) == "baseline" and i != ids[-1]]
            before_id = baselines[-1] if baselines else (ids[0] if ids else None)
        self.before_box.setCurrentIndex(ids.index(before_id) if before_id in ids else 0)
        self.after_box.setCurrentIndex(ids.index(after_id) if after_id in ids else len(ids) - 1)
        self.before_box.currentIndexChanged.connect(self.refresh)
        self.after_box.currentIndexChanged.connect(self.refresh)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        try:
            if event.type() == QEvent.Type.LanguageChange:
                self.retranslate()
        except Exception:  # nothing may escape a Qt virtual
            log.exception("the comparison could not change language")
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Compare two assessments"))
        self._name_choices()
        self.heading.setText(self.firm_name)
        self.before_label.setText(self.tr("&From (before):"))
        self.after_label.setText(self.tr("&To (after):"))
        self.before_box.setAccessibleName(self.tr("Earlier assessment"))
        self.after_box.setAccessibleName(self.tr("Later assessment"))
        self.summary.setAccessibleName(self.tr("Summary of the comparison"))
        self.tabs.setAccessibleName(self.tr("Parts of the comparison"))
        names = (self.tr("Level gates"), self.tr("Dimensions"), self.tr("Scenes"), self.tr("Measured results"),
                 self.tr("Changed answers"), self.tr("Plan items done"))
        for i, (t, name) in enumerate(zip((self.gates, self.dimensions, self.scenes, self.indicators, self.answers,
                                            self.done_items), names, strict=True)):
            self.tabs.setTabText(i, name)
            t.setAccessibleName(name)
        for button, text, desc in (
                (self.pdf_button, self.tr("Export &PDF…"), self.tr("Saves this comparison as a PDF report")),
                (self.sheet_button, self.tr("Export &sheet…"),
                 self.tr("Saves this comparison as an Excel sheet")),
                (self.print_button, self.tr("P&rint…"), self.tr("Prints the before/after report on A4 after a "
                                                                "preview"))):
            button.setText(text)
            button.setAccessibleName(text.replace("&", "").rstrip("…"))
            button.setAccessibleDescription(desc)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName(self.tr("Close"))
        self.refresh()

    def _name_choices(self) -> None:
        lang = i18n.current_language()
        for box in (self.before_box, self.after_box):
            for i, info in enumerate(self.infos):
                text = _assessment_text(self.labels, info, lang)
                purpose = purpose_name(self._purposes.get(info.id, ""))
                box.setItemText(i, f"{text} · {purpose}" if purpose else text)

    def pair(self) -> tuple[int | None, int | None]:
        return self.before_box.currentData(), self.after_box.currentData()

    def refresh(self) -> None:
        from smedigital.core.compare import ComparisonError, compare_assessments

        before_id, after_id = self.pair()
        self.comparison = None
        if before_id is None or after_id is None:
            self._show_message(self.tr("This firm has fewer than two assessments: there is nothing to compare."))
            return
        try:
            before = self.library.load_assessment(before_id)
            after = self.library.load_assessment(after_id)
            self.comparison = compare_assessments(before, after)
        except ComparisonError:
            self._show_message(self.tr("These two assessments use different frameworks and cannot be compared. "
                                       "Choose two of the same framework."))
            return
        except (LibraryError, ValueError) as exc:
            log.exception("cannot compare assessments %s and %s", before_id, after_id)
            self._show_message(self.tr("These assessments cannot be compared: %1").replace("%1", messages.error_text(exc)))
            return
        self._show(self.comparison)
        for b in (self.pdf_button, self.sheet_button, self.print_button):
            b.setEnabled(True)

    def export(self, kind: str) -> Any:
        """The comparison shown, as a PDF report or an Excel sheet, written off the GUI thread by the window."""
        if self.exports is None or self.comparison is None:
            return None
        c = self.comparison
        stem = f"{c.after.company.name or self.firm_name} {c.before.assessed_on} {c.after.assessed_on}"
        return self.exports.export_comparison(c.before, c.after, stem, kind)

    def print_report(self) -> Any:
        """The comparison shown, printed as the before/after report (A4, after a preview)."""
        if self.exports is None or self.comparison is None:
            return None
        return self.exports.print_comparison(self.comparison.before, self.comparison.after)

    def _show_message(self, text: str) -> None:
        self.summary.setText(text)
        for b in (self.pdf_button, self.sheet_button, self.print_button):
            b.setEnabled(False)
        for t in (self.gates, self.dimensions, self.scenes, self.indicators, self.answers, self.done_items):
            t.setRowCount(0)

    def _show(self, c: Comparison) -> None:
        from smedigital.core.compare import relative_text, signed_text
        from smedigital.core.verification import answer_label
        from smedigital.core.wording import fixed_text

        lang = i18n.current_language()
        fw = c.framework
        rb, ra = c.before_result, c.after_result
        lines = [self.tr("Total score: %1 → %2 (%3)").replace("%1", fmt_score(c.total.before)).replace(
            "%2", fmt_score(c.total.after)).replace("%3", signed_text(c.total.shown_change, SCORE_DECIMALS)),
            self.tr("Level: %1 → %2").replace("%1", rb.level_label(lang)).replace("%2", ra.level_label(lang)),
            self.tr("Stage: %1 → %2").replace("%1", rb.stage.label.get(lang)).replace("%2",
                                                                                       ra.stage.label.get(lang))]
        if c.before.assessed_on > c.after.assessed_on:
            lines.append(self.tr("Note: the earlier side is dated after the later one."))
        if fw.caveat is not None:
            lines.append(fw.caveat.get(lang))
        self.summary.setText("\n".join(lines))

        level_names = {lv.id: lv.label.get(lang) for lv in fw.levels}
        before_word, after_word, change_word = self.tr("Before"), self.tr("After"), self.tr("Change")
        gate_rows = []
        for g in c.gates:
            if g.kind == "score":
                what = self.tr("total score at least %1").replace("%1", fmt_score(g.required))
                b, a = fmt_score(g.before), fmt_score(g.after)
            elif g.kind == "scenes":
                what = self.tr("scenes at level %1 or higher: at least %2").replace("%1", str(g.scene_level)).replace(
                    "%2", _num(g.required))
                b, a = _num(g.before), _num(g.after)
            else:
                what = self.tr("of them mandatory: at least %1").replace("%1", _num(g.required))
                b, a = _num(g.before), _num(g.after)
            met = self.tr("met") if g.after >= g.required else self.tr("not met")
            gate_rows.append([f"{level_names.get(g.level, g.level)}{punct('colon', lang)}{what}", b, a, met,
                              self.tr("newly met") if g.before < g.required <= g.after else ""])
        _fill(self.gates, [self.tr("Condition"), before_word, after_word, self.tr("After: met?"), change_word],
              gate_rows)
        _fill(self.dimensions, [self.tr("Dimension"), before_word, after_word, change_word],
              [[fw.sections[d.id].title.get(lang), fmt_score(d.before), fmt_score(d.after),
                signed_text(d.shown_change, SCORE_DECIMALS)] for d in c.dimensions])
        _fill(self.scenes, [self.tr("Scene"), before_word, after_word, change_word],
              [[fw.question(s.id).label.get(lang) + (self.tr(" (mandatory)") if s.mandatory else ""),
                str(s.before), str(s.after), signed_text(Fraction(s.after - s.before), 0)] for s in c.scenes])
        ind_rows = []
        for i in c.indicators:  # by the one rule of core.compare.RELATIVE_DECIMALS, as the report and sheet
            was, now, change = i.shown_before, i.shown_after, i.shown_change
            ind_rows.append([fw.question(i.id).label.get(lang), i.unit.get(lang) if i.unit else "",
                             "–" if was is None else fixed_text(was, i.places), "–" if now is None else fixed_text(now, i.places),
                             "–" if change is None else signed_text(change, i.places), relative_text(i, lang) or "–"])
        _fill(self.indicators, [self.tr("Indicator (latest period)"), self.tr("Unit"), before_word, after_word,
                                change_word, self.tr("Change in %")], ind_rows)
        _fill(self.answers, [self.tr("Question"), self.tr("Answer before"), self.tr("Answer after"),
                             self.tr("Points before"), self.tr("Points after")],
              [[fw.question(a.id).label.get(lang), answer_label(fw, a.id, a.before, lang),
                answer_label(fw, a.id, a.after, lang), _num(a.points_before, 2),
                _num(a.points_after, 2)] for a in c.changed_answers])
        _fill(self.done_items, [self.tr("Plan item"), self.tr("Evidence")],
              [[d.title, "; ".join(d.evidence)] for d in c.done])

    def table_texts(self, table: QTableWidget) -> list[list[str]]:
        """What a table shows, row by row (for tests and screen readers' checks)."""
        return [[cell.text() if (cell := table.item(r, c)) else "" for c in range(table.columnCount())]
                for r in range(table.rowCount())]

