"""The home screen: every firm in the library with its latest level, stage and score.

A search box and two filters (industry, level) narrow the list, which the library
searches. The buttons open a firm's latest assessment, start a re-assessment from it,
delete a firm (undoable: an undo bar and Ctrl+Z), start a new assessment, import and
export ``.smd.json`` files. Starting, importing and exporting are the main window's
work; the home screen asks for them with signals.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    QTimer,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QStandardItemModel, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from smedigital.core.wording import fmt_score
from smedigital.library import FirmSummary, Library, LibraryError, settings

from . import i18n, messages, theme
from .labels import ListLabels
from .undoable import undo_and_delete_actions

log = logging.getLogger("smedigital.ui")

# The home screen does without PySide6's ``Qt`` namespace (issue 17): the first use of ``Qt``
# makes all its 93 enum classes at once (~15 ms of the first window's, which a bare window never
# spends). Its values are therefore written here as the numbers Qt documents for them
# (tests/ui/test_home_qt_namespace.py holds them to Qt's), and the screen sets enum-typed things through
# Qt's property system, which takes numbers. Other screens import ``Qt`` as usual. Until one does,
# PySide6 cannot hand Python a Qt enum by name (a signal's argument, a property read): a slot here takes
# no arguments from a signal that carries one (see the connections to _fit_columns), and
# tests/ui/test_home_qt_namespace.py drives the list in a process where ``Qt`` was never made.
_DISPLAY, _TOOL_TIP, _ALIGNMENT, _ACCESSIBLE_TEXT = 0, 3, 7, 11  # Qt.ItemDataRole: DisplayRole ...
_USER_ROLE = 256  # Qt.ItemDataRole.UserRole
SORT_ROLE = _USER_ROLE + 1
FIRM_ID_ROLE = _USER_ROLE + 2
ANY = "*"  # the "all" entry of the filters
# The roles as plain numbers: Qt asks a model for a dozen roles per cell to size and paint the list
# (a thousand calls for a short list), and comparing a number with a number is what keeps that quick.
_ROLES = frozenset({_DISPLAY, _ACCESSIBLE_TEXT, _TOOL_TIP, _ALIGNMENT, SORT_ROLE, FIRM_ID_ROLE})
_SCORE_ALIGNMENT = 0x0002 | 0x0080  # Qt.AlignmentFlag.AlignRight | AlignVCenter
_PLAIN_TEXT = 0  # Qt.TextFormat.PlainText
_ALIGN_CENTER = 0x0004 | 0x0080  # Qt.AlignmentFlag.AlignCenter (AlignHCenter | AlignVCenter)


class FirmTableModel(QStandardItemModel):
    """The firms shown on the home screen, one row each.

    A QStandardItemModel for its column headings alone, which it keeps and gives the header on
    the C++ side (a Python ``headerData`` is handed a ``Qt.Orientation``, which makes the ``Qt``
    namespace); its cells hold no items: :meth:`data` answers from the rows. Cells are not
    editable all the same: the view has no edit triggers."""

    NAME, INDUSTRY, LEVEL, STAGE, SCORE, DATE, STATUS = range(7)

    def __init__(self, labels: ListLabels, parent: QWidget | None = None):
        super().__init__(0, 7, parent)
        self.labels = labels
        self._rows: list[FirmSummary] = []

    # -- data
    def set_rows(self, rows: list[FirmSummary]) -> None:
        theme.cover(f.name for f in rows)  # a rare character of a name: its font before the list shows it
        self.beginResetModel()
        self._rows = list(rows)
        # the model's own rows (empty cells) as many as the firms: its indexes are made from them; their
        # headings (the hidden row header, which assistive technology reads) empty, as they were
        self.blockSignals(True)
        self.setRowCount(len(self._rows))
        self.setVerticalHeaderLabels([""] * len(self._rows))
        self.blockSignals(False)
        self.endResetModel()

    def firm(self, row: int) -> FirmSummary:
        return self._rows[row]

    def row_of(self, firm_id: int) -> int | None:
        return next((i for i, f in enumerate(self._rows) if f.id == firm_id), None)

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels([self.tr("Firm"), self.tr("Industry"), self.tr("Digital level"), self.tr("Stage"),
                                        self.tr("Score"), self.tr("Assessed on"), self.tr("Status")])
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.columnCount() - 1))

    def _status(self, f: FirmSummary) -> str:
        if f.assessment_id is None:
            return self.tr("Not assessed")
        return self.tr("Complete") if f.complete else self.tr("In progress")

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        if role not in _ROLES or not index.isValid():  # the roles this model has nothing for: most of Qt's asks
            return None
        f = self._rows[index.row()]
        col = index.column()
        lang = i18n.current_language()
        if role == FIRM_ID_ROLE:
            return f.id
        if role == _DISPLAY or role == _ACCESSIBLE_TEXT:
            if col == self.NAME:
                return f.name
            if col == self.INDUSTRY:
                return self.labels.industry(f.industry, lang)
            if col == self.LEVEL:
                return self.labels.level(f.framework_id, f.level_index, lang)
            if col == self.STAGE:
                return self.labels.stage(f.framework_id, f.stage_index, lang)
            if col == self.SCORE:
                return "" if f.total_score is None else fmt_score(f.total_score)
            if col == self.DATE:
                return f.assessed_on or ""
            return self._status(f)
        if role == SORT_ROLE:
            return [f.name.casefold(), f.industry, -1 if f.level_index is None else f.level_index,
                    -1 if f.stage_index is None else f.stage_index,
                    -1.0 if f.total_score is None else f.total_score, f.assessed_on or "",
                    self._status(f)][col]
        if role == _TOOL_TIP:
            if col == self.NAME:
                return messages.plain_tip("\n".join(x for x in (f.name, f.credit_code, f.region) if x))
            if col == self.INDUSTRY and f.industry:
                return f"GB/T 4754-2017 {f.industry}"
            if col == self.LEVEL and f.framework_id:  # what the level is: e.g. a pre-assessment
                from smedigital.core.framework import bundled_frameworks  # not before the first window: start-up

                fw = bundled_frameworks().get(f.framework_id)
                return fw.caveat.get(lang) if fw is not None and fw.caveat is not None else None
            return None
        if role == _ALIGNMENT and col == self.SCORE:
            return _SCORE_ALIGNMENT
        return None


def _sort_ascending(table: QTableView, column: int) -> None:
    """``table.sortByColumn(column, Qt.SortOrder.AscendingOrder)`` without the ``Qt`` namespace: the
    header's saved state with its sort indicator set (in the state Qt saves: a marker, its version,
    then the orientation, the sort order (0: ascending) and the sorted section, 32-bit numbers each)
    and restored, which has the table sort. Should a Qt save its state otherwise, the usual call."""
    header = table.horizontalHeader()
    state = bytearray(header.saveState().data())
    wanted = (0).to_bytes(4, "big") + column.to_bytes(4, "big")
    if len(state) >= 20 and state[:8] == b"\0\0\0\xff\0\0\0\0":
        state[12:20] = wanted
        if header.restoreState(QByteArray(bytes(state))) and header.saveState().data()[12:20] == wanted:
            return
    from PySide6.QtCore import Qt

    table.sortByColumn(column, Qt.SortOrder.AscendingOrder)


class DeleteFirm(QUndoCommand):
    """Moving a firm to the bin, undoable."""

    def __init__(self, home: HomeView, firm: FirmSummary):
        super().__init__()
        self.home, self.firm_id, self.name = home, firm.id, firm.name

    # redo() and undo() are Qt virtuals: nothing may escape them.
    def redo(self) -> None:
        try:
            self.home.library.delete_firm(self.firm_id)
        except LibraryError as exc:
            messages.show_error(self.home, QCoreApplication.translate("HomeView", "Cannot delete the firm"), messages.error_text(exc))
            return
        self.home.refresh()
        self.home.show_undo_bar(self.name)

    def undo(self) -> None:
        try:
            self.home.library.restore_firm(self.firm_id)
        except LibraryError as exc:
            messages.show_error(self.home, QCoreApplication.translate("HomeView", "Cannot bring the firm back"), messages.error_text(exc))
            return
        self.home.hide_undo_bar()
        self.home.refresh(select=self.firm_id)


class HomeView(QWidget):
    """The firm list with search, filters and the actions on firms.

    Signals: ``openRequested(assessment_id)``, ``newRequested()``, ``importRequested()``,
    ``exportRequested(assessment_id)``, ``officeRequested()`` (the regional overview).
    """

    openRequested = Signal(int)
    newRequested = Signal()
    importRequested = Signal()
    exportRequested = Signal(int)
    officeRequested = Signal()
    historyRequested = Signal(int)  # a firm id: its assessments, to open, delete or compare

    def __init__(self, library: Library, parent: QWidget | None = None):
        super().__init__(parent)
        self.library = library
        self.labels = ListLabels(library)
        self.undo_stack = QUndoStack(self)
        self.reassess_dialog: QWidget | None = None
        self._industries: list[str] = self._industries_in_use()

        self.heading = QLabel()
        self.heading.setFont(theme.heading_font())
        self.intro = QLabel()
        self.intro.setWordWrap(True)

        self.search_label = QLabel()
        self.search_box = QLineEdit()
        self.search_box.setClearButtonEnabled(True)
        self.search_label.setBuddy(self.search_box)
        self.industry_label = QLabel()
        self.industry_filter = QComboBox()
        self.industry_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.industry_label.setBuddy(self.industry_filter)
        self.level_label = QLabel()
        self.level_filter = QComboBox()
        self.level_label.setBuddy(self.level_filter)

        self.model = FirmTableModel(self.labels, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        _sort_ascending(self.table, FirmTableModel.NAME)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        # Each column as wide as its widest text (the name column takes the rest), sized by
        # _fit_columns when the texts change: Qt's ResizeToContents mode measures every cell
        # again on each layout pass, ~5 ms of the first window's (issue 17) for the same widths.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(FirmTableModel.NAME, QHeaderView.ResizeMode.Stretch)
        for changed in (self.model.modelReset, self.model.dataChanged, self.model.headerDataChanged,
                        self.model.rowsInserted, self.model.rowsRemoved, header.sortIndicatorChanged):
            # without arguments: PySide6 would turn a Qt.Orientation or Qt.SortOrder into Python for it
            changed.connect(lambda: self._fit_columns())
        self.table.activated.connect(self._activated)

        self.empty_label = QLabel()
        self.empty_label.setProperty("textFormat", _PLAIN_TEXT)
        self.empty_label.setWordWrap(True)
        self.empty_label.setProperty("alignment", _ALIGN_CENTER)

        self.undo_bar = QFrame()
        self.undo_bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.undo_label = QLabel()
        self.undo_label.setProperty("textFormat", _PLAIN_TEXT)  # a firm's name is never HTML
        self.undo_button = QPushButton()
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.undo_close = QPushButton()
        self.undo_close.clicked.connect(self.hide_undo_bar)
        bar = QHBoxLayout(self.undo_bar)
        bar.addWidget(self.undo_label, 1)
        bar.addWidget(self.undo_button)
        bar.addWidget(self.undo_close)
        self.undo_bar.hide()

        self.open_button = QPushButton()
        self.reassess_button = QPushButton()
        self.delete_button = QPushButton()
        self.new_button = QPushButton()
        self.import_button = QPushButton()
        self.export_button = QPushButton()
        self.office_button = QPushButton()
        self.history_button = QPushButton()
        self.sample_button = QPushButton()
        self.history_button.clicked.connect(self.history_selected)
        self.sample_button.clicked.connect(self.open_sample)
        self.open_button.clicked.connect(self.open_selected)
        self.reassess_button.clicked.connect(self.reassess_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.new_button.clicked.connect(self.newRequested)
        self.import_button.clicked.connect(self.importRequested)
        self.export_button.clicked.connect(self.export_selected)
        self.office_button.clicked.connect(self.officeRequested)
        self.open_button.setDefault(False)

        self.status_label = QLabel()
        self.status_label.setProperty("textFormat", _PLAIN_TEXT)

        self.undo_action, self.delete_action = undo_and_delete_actions(
            self, self.table, self.undo_stack, self.delete_selected,
            undo_with_children=True)

        filters = QHBoxLayout()
        filters.addWidget(self.search_label)
        filters.addWidget(self.search_box, 1)
        filters.addSpacing(12)
        filters.addWidget(self.industry_label)
        filters.addWidget(self.industry_filter)
        filters.addSpacing(12)
        filters.addWidget(self.level_label)
        filters.addWidget(self.level_filter)
        buttons = QHBoxLayout()
        for b in (self.open_button, self.reassess_button, self.history_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        for b in (self.new_button, self.import_button, self.export_button):
            buttons.addWidget(b)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.office_button)  # for industry offices: beside the heading, apart from the firm's work
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.intro)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        sample_row = QHBoxLayout()
        sample_row.addStretch(1)
        sample_row.addWidget(self.sample_button)
        sample_row.addStretch(1)
        layout.addLayout(sample_row)
        layout.addWidget(self.undo_bar)
        layout.addLayout(buttons)
        layout.addWidget(self.status_label)

        # Tab order follows the screen: search, filters, list, then the buttons left to right.
        chain: list[QWidget] = [self.search_box, self.industry_filter, self.level_filter, self.table, self.undo_button,
                 self.undo_close, self.sample_button, self.open_button, self.reassess_button, self.history_button,
                 self.delete_button, self.new_button,
                 self.import_button, self.export_button, self.office_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

        self.retranslate()
        self.search_box.textChanged.connect(self._filters_changed)
        self.industry_filter.currentIndexChanged.connect(self._filters_changed)
        self.level_filter.currentIndexChanged.connect(self._filters_changed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        i18n.notifier().changed.connect(self._language_switched)
        app = QCoreApplication.instance()
        if isinstance(app, QGuiApplication):
            app.fontChanged.connect(self._font_changed)
        theme.notifier().contrast_changed.connect(self._style_changed)
        self.refresh(select=settings.HOME_SELECTED_FIRM.get(library))

    # ------------------------------------------------------------------ texts

    # Language, font and contrast switches come as signals, not to a changeEvent: a Python event handler has
    # PySide6 make its ~50 event classes at the first event, before the first paint (~2.5 ms, issue 17).
    def _language_switched(self, _lang: str) -> None:
        try:  # nothing may escape a slot: PySide6 can crash while reporting it
            self.retranslate()
        except Exception:
            log.exception("the firm list could not change language")

    def _font_changed(self, *_: object) -> None:
        """The application font changed (text size, language): a heading to match, and the columns
        fitted again once every widget has its new font."""
        try:
            self.heading.setFont(theme.heading_font())
        except Exception:
            log.exception("the firm list could not follow the new font")
        QTimer.singleShot(0, self, self._fit_columns)

    def _style_changed(self) -> None:
        QTimer.singleShot(0, self, self._fit_columns)

    def _fit_columns(self, *_: object) -> None:
        """Each column but the name's as wide as its widest cell or its heading, as Qt's
        ResizeToContents mode makes it (the same rows: up to the header's precision)."""
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            if column != FirmTableModel.NAME:
                width = max(self.table.sizeHintForColumn(column), header.sectionSizeHint(column))
                header.resizeSection(column, min(max(width, header.minimumSectionSize()), header.maximumSectionSize()))

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Firms"))
        self.intro.setText(self.tr("Each firm with its latest assessment. Open one to continue it, or re-assess a "
                                   "firm to start next year's assessment from its last answers."))
        self.search_label.setText(self.tr("&Search:"))
        self.search_box.setPlaceholderText(self.tr("Name, credit code or region"))
        self.search_box.setAccessibleName(self.tr("Search firms"))
        self.search_box.setAccessibleDescription(self.tr("Shows the firms whose name, unified social credit code "
                                                         "or region contains this text"))
        self.industry_label.setText(self.tr("&Industry:"))
        self.industry_filter.setAccessibleName(self.tr("Industry filter"))
        self.industry_filter.setAccessibleDescription(self.tr("Shows only firms of one GB/T 4754 industry section"))
        self.level_label.setText(self.tr("L&evel:"))
        self.level_filter.setAccessibleName(self.tr("Level filter"))
        self.level_filter.setAccessibleDescription(self.tr("Shows only firms whose latest assessment reached "
                                                           "this digital level"))
        self.table.setAccessibleName(self.tr("Firm list"))
        self.table.setAccessibleDescription(self.tr("Firms with their latest digital level, stage, score and "
                                                    "assessment date. Press Enter to open the selected firm."))
        self.undo_button.setText(self.tr("&Undo"))
        self.undo_button.setAccessibleName(self.tr("Undo delete"))
        self.undo_button.setAccessibleDescription(self.tr("Brings the deleted firm back"))
        self.undo_close.setText(self.tr("Dismiss"))
        self.undo_close.setAccessibleName(self.tr("Dismiss"))
        self.undo_close.setAccessibleDescription(self.tr("Hides this message"))
        self.undo_action.setText(self.tr("Undo"))
        self.delete_action.setText(self.tr("Delete firm"))
        for button, text, name, desc in (
            (self.open_button, self.tr("&Open"), self.tr("Open"),
             self.tr("Opens the selected firm's latest assessment")),
            (self.reassess_button, self.tr("&Re-assess"), self.tr("Re-assess"),
             self.tr("Starts a new assessment of the selected firm, dated today, from its last answers")),
            (self.history_button, self.tr("&History…"), self.tr("History"),
             self.tr("Lists every assessment of the selected firm, to open, compare or delete one")),
            (self.sample_button, self.tr("Open a &sample firm"), self.tr("Open a sample firm"),
             self.tr("Adds a made-up firm with a diagnosis baseline and an after-transformation self-assessment, "
                     "to try the program on")),
            (self.delete_button, self.tr("&Delete"), self.tr("Delete"),
             self.tr("Deletes the selected firm and its assessments; you can undo this")),
            (self.new_button, self.tr("&New assessment…"), self.tr("New assessment"),
             self.tr("Starts an assessment of a new firm")),
            (self.import_button, self.tr("Im&port…"), self.tr("Import"),
             self.tr("Adds assessments from .smd.json files")),
            (self.export_button, self.tr("E&xport…"), self.tr("Export"),
             self.tr("Saves the selected firm's latest assessment as a .smd.json file")),
            (self.office_button, self.tr("Re&gional overview…"), self.tr("Regional overview"),
             self.tr("For industry offices: aggregates a folder of firms' workbooks and assessment files")),
        ):
            button.setText(text)
            button.setAccessibleName(name)
            button.setAccessibleDescription(desc)
        self._fill_filters()
        self.model.retranslate()
        self._update_texts()

    def _fill_filters(self) -> None:
        lang = i18n.current_language()
        industry = self.industry_filter.currentData()
        level = self.level_filter.currentData()
        self.industry_filter.blockSignals(True)
        self.industry_filter.clear()
        self.industry_filter.addItem(self.tr("All industries"), ANY)
        for code in self._industries:
            self.industry_filter.addItem(f"{code} {self.labels.section(code, lang)}", code)
        self.industry_filter.setCurrentIndex(max(0, self.industry_filter.findData(industry or ANY)))
        self.industry_filter.blockSignals(False)

        self.level_filter.blockSignals(True)
        self.level_filter.clear()
        self.level_filter.addItem(self.tr("All levels"), ANY)
        for index, name in self.labels.level_choices(lang):
            self.level_filter.addItem(name, index)
        self.level_filter.setCurrentIndex(max(0, self.level_filter.findData(ANY if level is None else level)))
        self.level_filter.blockSignals(False)

    def _update_texts(self) -> None:
        shown = self.model.rowCount()
        filtered = bool(self.search_box.text().strip()) or self.industry_filter.currentData() not in (ANY, None) \
            or self.level_filter.currentData() not in (ANY, None)
        if filtered:
            self.status_label.setText(self.tr("%n firm(s) match", "", shown))
        else:
            self.status_label.setText(self.tr("%n firm(s)", "", shown))
        if shown == 0 and not filtered:
            self.empty_label.setText(self.tr("No firms yet. Start a new assessment, or import .smd.json files "
                                             "(you can also drop them on this window)."))
        elif shown == 0:
            self.empty_label.setText(self.tr("No firm matches the search and filters."))
        self.empty_label.setVisible(shown == 0)
        self.sample_button.setVisible(shown == 0 and not filtered)

    # ------------------------------------------------------------------ data

    def refresh(self, select: int | None = None) -> None:
        """Search the library again with the current filters, keeping (or setting) the selection."""
        keep = select if select is not None else self.selected_firm_id()
        industry = self.industry_filter.currentData()
        level = self.level_filter.currentData()
        industries = self._industries_in_use()
        if industries != self._industries:
            self._industries = industries
            self._fill_filters()
        try:
            rows = self.library.search(self.search_box.text(),
                                       industry=None if industry in (ANY, None) else industry,
                                       level=None if level in (ANY, None) else int(level))
        except LibraryError as exc:
            messages.show_error(self, self.tr("Cannot read the library"), messages.error_text(exc))
            rows = []
        self.labels.know_industries({f.industry for f in rows})
        self.model.set_rows(rows)
        if keep is not None:
            self.select_firm(keep)
        self._update_texts()
        self._selection_changed()

    def _industries_in_use(self) -> list[str]:
        try:
            return self.library.industries_in_use()
        except LibraryError:
            log.exception("cannot list the industries")
            return []

    def _filters_changed(self) -> None:
        self.refresh()

    def select_firm(self, firm_id: int) -> bool:
        row = self.model.row_of(firm_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    def selected_firm(self) -> FirmSummary | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.model.firm(self.proxy.mapToSource(rows[0]).row())

    def selected_firm_id(self) -> int | None:
        f = self.selected_firm() if self.table.selectionModel() else None
        return f.id if f else None

    def _selection_changed(self, *args: object) -> None:
        firm = self.selected_firm()
        for b in (self.open_button, self.reassess_button, self.delete_button, self.export_button,
                  self.history_button):
            b.setEnabled(firm is not None)
        self.reassess_button.setEnabled(firm is not None and firm.assessment_id is not None)
        self.export_button.setEnabled(firm is not None and firm.assessment_id is not None)
        if firm is not None:
            if firm.id != settings.HOME_SELECTED_FIRM.get(self.library):
                settings.HOME_SELECTED_FIRM.remember(self.library, firm.id)

    # ------------------------------------------------------------------ actions

    def _activated(self, index: QModelIndex) -> None:
        self.open_selected()

    def open_selected(self) -> None:
        firm = self.selected_firm()
        if firm is None:
            return
        assessment_id = firm.assessment_id
        if assessment_id is None:
            try:
                assessment_id = self.library.create_assessment(firm.id, self.default_framework_id())
            except LibraryError as exc:
                messages.show_error(self, self.tr("Cannot start the assessment"), messages.error_text(exc))
                return
        self.openRequested.emit(assessment_id)

    def default_framework_id(self) -> str:
        """The framework used last, else the first one shipped."""
        last = settings.LAST_FRAMEWORK.get(self.library)
        return last if last in self.labels.data["order"] else self.labels.data["order"][0]

    def reassess_selected(self) -> None:
        """Ask first, and what the new assessment is for (:class:`~.firm_history.ReassessDialog`); when the
        user accepts, a new version of the firm's latest assessment, dated today, opened on its first page
        (not on the results of the one it was copied from)."""
        firm = self.selected_firm()
        if firm is None or firm.assessment_id is None:
            return
        from .firm_history import ReassessDialog  # not needed for the first window

        last_purpose, verified = "", False
        try:
            last = self.library.load_assessment(firm.assessment_id)
            last_purpose, verified = last.purpose, last.verification is not None
        except LibraryError:
            log.warning("assessment %s cannot be read; asking without its purpose", firm.assessment_id)
        dialog = ReassessDialog(firm.name, firm.assessed_on or "", last_purpose, self, verified=verified)
        dialog.accepted.connect(lambda: self._reassess(firm, dialog.purpose(), dialog.from_verified()))
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        self.reassess_dialog = dialog
        dialog.open()

    def _reassess(self, firm: FirmSummary, purpose: str, from_verified: bool = False) -> None:
        if firm.assessment_id is None:
            return
        try:
            new_id = self.library.duplicate_for_reassessment(firm.assessment_id, purpose=purpose,
                                                             from_verified=from_verified)
            settings.ASSESSMENT_STEP.of(new_id).set(self.library, "profile")
        except LibraryError as exc:
            messages.show_error(self, self.tr("Cannot start the re-assessment"), messages.error_text(exc))
            return
        self.refresh(select=firm.id)
        self.openRequested.emit(new_id)

    def history_selected(self) -> None:
        firm = self.selected_firm()
        if firm is not None:
            self.historyRequested.emit(firm.id)

    def open_sample(self) -> int | None:
        """Import the bundled sample firm (a diagnosis baseline and its after-transformation self-assessment)
        and select it; returns the firm's id."""
        from smedigital.core.assessment import AssessmentError
        from smedigital.core.resources import resource_path

        files = sorted(resource_path("samples", "pilot").glob("*baseline.smd.json")) + sorted(
            resource_path("samples", "pilot").glob("*after.smd.json"))
        if not files:
            messages.show_error(self, self.tr("Open a sample firm"),
                                self.tr("The sample firm is missing from this installation."))
            return None
        try:
            ids = [self.library.import_file(p) for p in files]
            firm_id = self.library.assessment_info(ids[-1]).firm_id
        except (LibraryError, AssessmentError, OSError) as exc:
            messages.show_error(self, self.tr("Open a sample firm"), self.tr("The sample firm could not be added."),
                                messages.error_text(exc))
            return None
        self.refresh(select=firm_id)
        self.table.setFocus()
        return firm_id

    def delete_selected(self) -> None:
        firm = self.selected_firm()
        if firm is None:
            return
        command = DeleteFirm(self, firm)
        command.setText(self.tr("Delete %1").replace("%1", firm.name))
        self.undo_stack.push(command)

    def export_selected(self) -> None:
        firm = self.selected_firm()
        if firm is not None and firm.assessment_id is not None:
            self.exportRequested.emit(firm.assessment_id)

    def show_undo_bar(self, name: str) -> None:
        self.undo_label.setText(self.tr("“%1” was deleted with its assessments.").replace("%1", name))
        self.undo_bar.show()

    def hide_undo_bar(self) -> None:
        self.undo_bar.hide()
        if self.undo_button.hasFocus() or self.undo_close.hasFocus():
            self.table.setFocus()
