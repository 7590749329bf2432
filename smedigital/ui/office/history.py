"""One firm's assessments over time, from the aggregated files, and the way into the firm library.

An assessment is *in the library* when the library has a firm with the same credit code
(else the same name, as :meth:`Library.import_file` finds firms) and, for that firm, an
assessment of the same framework and date. One that is not can be imported with one
click: an ``.smd.json`` file as it is, a workbook through the export layer's reader.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from smedigital.aggregate.model import Firm
from smedigital.aggregate.reader import AssessmentRow
from smedigital.core.wording import fmt_score
from smedigital.core.words import punct
from smedigital.library import Library, LibraryError
from smedigital.ui import i18n, messages, theme
from smedigital.ui.flow import ScrollBodyLayout
from smedigital.ui.screens import fit_to_screen

from .labels import RegionLabels
from .models import HistoryModel

log = logging.getLogger("smedigital.ui")


def find_in_library(library: Library, row: AssessmentRow) -> int | None:
    """The id of the library's assessment that ``row`` is (same firm, framework and date), if any."""
    try:
        firms = library.firms()
    except LibraryError:
        log.exception("cannot list the firms")
        return None
    code = row.credit_code.strip()
    name = row.name.strip()
    same = [f for f in firms if code and f.credit_code == code]
    if not same:
        same = [f for f in firms if f.name.strip() == name and (not code or not f.credit_code)]
    for firm in same:
        try:
            found = [a.id for a in library.assessments(firm.id)
                     if a.framework_id == row.framework_id and a.assessed_on == row.assessed_on]
        except LibraryError:
            log.exception("cannot list the assessments of firm %s", firm.id)
            continue
        if found:
            return found[-1]
    return None


def import_into_library(library: Library, row: AssessmentRow) -> tuple[int, bool]:
    """Add the assessment of ``row``'s file to the library: its id, and whether the file carried a signature,
    which the library does not keep (it stores the answers). Raises on a bad file."""
    from smedigital.core.assessment import load_assessment
    from smedigital.export.signing import INVALID, TRUSTED, UNKNOWN_KEY

    path = Path(row.path)
    if path.name.lower().endswith(".json"):
        assessment = load_assessment(path)
    else:
        from smedigital.export.importer import read_workbook  # openpyxl on first use

        assessment = read_workbook(path)
    signed = assessment.came_signed or row.signature in (TRUSTED, UNKNOWN_KEY, INVALID)
    return library.add_assessment(assessment, source=str(path)), signed


class FirmHistoryDialog(QDialog):
    """A firm's assessments (dates, scores, levels, stages), a chart of its total, and open or import.

    Signals: ``openRequested(assessment_id)`` (the dialog closes first), ``imported(assessment_id)``.
    """

    openRequested = Signal(int)
    imported = Signal(int)

    def __init__(self, firm: Firm, labels: RegionLabels, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.firm = firm
        self.labels = labels
        self.library = library
        self.setWindowModality(Qt.WindowModality.WindowModal)
        newest = firm.newest
        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.heading.setFont(font)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setText(newest.name)
        self.details = QLabel()
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table_label = QLabel()
        self.model = HistoryModel(self)
        self.model.show(firm.history, labels, [find_in_library(library, r) for r in firm.history])
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table_label.setBuddy(self.table)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(lambda _index: self.open_selected())
        self.chart = self._chart()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.signature_dropped: set[int] = set()  # rows imported from a signed file (the library keeps no signature)
        self.open_button = QPushButton()
        self.import_button = QPushButton()
        self.close_button = QPushButton()
        self.open_button.clicked.connect(self.open_selected)
        self.import_button.clicked.connect(self.import_selected)
        self.close_button.clicked.connect(self.reject)
        for b in (self.open_button, self.import_button):
            b.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        # all but the buttons in a scroll area: on a short screen (a laptop at 150 % scaling) the table and the
        # chart scroll inside the dialog, which stays on the screen with its buttons in view
        body = QWidget()
        content = ScrollBodyLayout(body)
        content.setContentsMargins(0, 0, 0, 0)
        content.addWidget(self.heading)
        content.addWidget(self.details)
        content.addWidget(self.table_label)
        self.table.setMinimumHeight(self.table.fontMetrics().height() * 5)  # a few rows, however short the screen
        content.addWidget(self.table, 1)
        if self.chart is not None:
            content.addWidget(self.chart)
        content.addWidget(self.status)
        self.body_area = QScrollArea()
        self.body_area.setWidgetResizable(True)
        self.body_area.setFrameShape(QFrame.Shape.NoFrame)
        self.body_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the table and the buttons
        self.body_area.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.body_area, 1)
        layout.addLayout(buttons)
        self.retranslate()
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.select_row(len(firm.history) - 1)
        self.table.setFocus()
        fit_to_screen(self, QSize(880, 720 if self.chart is not None else 420))

    # ------------------------------------------------------------------ texts

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        i18n.retranslate_on_language_change(self, event)
        super().changeEvent(event)

    def retranslate(self) -> None:
        newest = self.firm.newest
        self.setWindowTitle(self.tr("History of %1").replace("%1", newest.name))
        parts = [newest.credit_code and self.tr("Credit code %1").replace("%1", newest.credit_code),
                 self.labels.region(newest.region), self.labels.industry(newest.industry_section),
                 self.tr("%1 assessment(s) in the files").replace("%1", str(len(self.firm.history)))]
        self.details.setText(" · ".join(p for p in parts if p))
        self.table_label.setText(self.tr("&Assessments, oldest first:"))
        self.table.setAccessibleName(self.tr("Assessments of the firm"))
        self.table.setAccessibleDescription(self.tr("Date, framework, total score, level, stage, whether it is "
                                                    "in the firm library, and the file; Enter opens the selected "
                                                    "one"))
        self.open_button.setText(self.tr("&Open in the assessment view"))
        self.open_button.setAccessibleName(self.tr("Open in the assessment view"))
        self.open_button.setAccessibleDescription(self.tr("Opens the selected assessment from the firm library"))
        self.import_button.setText(self.tr("&Import into the firm library"))
        self.import_button.setAccessibleName(self.tr("Import into the firm library"))
        self.import_button.setAccessibleDescription(self.tr("Adds the selected assessment's file to the firm "
                                                            "library, so it can be opened"))
        self.close_button.setText(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close"))
        self.close_button.setAccessibleDescription(self.tr("Back to the regional overview"))
        if self.chart is not None:
            self.chart.setAccessibleName(self.tr("Total score over time"))
            lang = i18n.current_language()  # Chinese punctuation in Chinese: 2024-03-15：44.7，一级；…
            colon, comma, sep = punct("colon", lang), punct("comma", lang), punct("list_sep", lang)
            self.chart.setAccessibleDescription(sep.join(
                f"{r.assessed_on}{colon}{fmt_score(r.total)}{comma}{self.labels.level(r.level, r.framework_id)}"
                for r in self.firm.history))
        self._update_buttons()

    def _chart(self) -> Any:
        """The total over time (the newest assessment's framework), when there is more than one assessment."""
        same = [r for r in self.firm.history if r.framework_id == self.firm.newest.framework_id]
        if len(same) < 2:
            return None
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg

        from smedigital.charts.figures import ScoreHistory

        fw = self.labels.known.get(self.firm.newest.framework_id)
        chart = ScoreHistory(self.labels.lang, framework=fw, figsize=(6.8, 3.8),  # room for the slanted dates
                             high_contrast=theme.is_high_contrast())
        chart.update([(r.assessed_on, r.total, r.level) for r in same])
        canvas = FigureCanvasQTAgg(chart.figure)
        canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        canvas.setFixedHeight(int(3.8 * chart.figure.dpi))
        canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        canvas.chart = chart
        return canvas

    # ------------------------------------------------------------------ choosing

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)

    def selected_row(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _update_buttons(self) -> None:
        row = self.selected_row()
        stored = self.model.in_library[row] if row is not None else None
        self.open_button.setEnabled(stored is not None)
        self.import_button.setEnabled(row is not None and stored is None)
        if row is None:
            self.status.setText("")
        elif stored is not None and row in self.signature_dropped:
            self.status.setText(self.tr("Imported into the firm library without the file's signature: the firm "
                                        "library stores the answers, and a change to them would void it. The file "
                                        "keeps its signature; a copy saved from the library is signed by this "
                                        "installation."))
        elif stored is not None:
            self.status.setText(self.tr("This assessment is in the firm library."))
        else:
            self.status.setText(self.tr("This assessment is not in the firm library yet; import it to open it."))
        self.status.setAccessibleName(self.status.text())

    def open_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        stored = self.model.in_library[row]
        if stored is None:
            self.import_selected()
            return
        self.accept()
        self.openRequested.emit(stored)

    def import_selected(self) -> int | None:
        row = self.selected_row()
        if row is None or self.model.in_library[row] is not None:
            return None
        source = self.model.row(row)
        try:
            assessment_id, signed = import_into_library(self.library, source)
        except Exception as exc:  # a bad or vanished file: say so calmly
            log.warning("cannot import %s", source.path, exc_info=True)
            messages.show_error(self, self.tr("Import into the firm library"),
                                self.tr("“%1” could not be imported. Nothing was changed.").replace(
                                    "%1", Path(source.path).name), str(exc) or type(exc).__name__)
            return None
        if signed:
            self.signature_dropped.add(row)
        self.model.set_in_library(row, assessment_id)
        self._update_buttons()
        self.open_button.setFocus()
        self.imported.emit(assessment_id)
        return assessment_id
