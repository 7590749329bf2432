"""The regional overview: choose firms' files, aggregate them off the GUI thread, look, drill down, save.

The run is :func:`smedigital.aggregate.aggregate` on a :class:`~smedigital.ui.tasks.BackgroundTask`
(worker processes read the files, each under a time limit); its ``progress`` callback
drives the progress bar and the Cancel button sets the ``threading.Event`` it looks at.
A cancelled run still shows what was read, with the files not read listed as skipped and
a notice saying so. Saving the summary workbook or the long CSV is a
:class:`~smedigital.ui.tasks.FileJob`, like the other exports.
"""

from __future__ import annotations

import datetime as _dt
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from smedigital.aggregate.model import AggregateResult, GroupRow
from smedigital.aggregate.words import NO_SHARE
from smedigital.core.wording import fmt_score
from smedigital.library import Library, LibraryError
from smedigital.ui import i18n, messages, theme
from smedigital.ui.tasks import BackgroundTask, FileJob

from .history import FirmHistoryDialog
from .labels import RegionLabels
from .models import SORT_ROLE, FileLogFilter, FileLogModel, FirmModel, GroupModel, RegionIssueModel, percent

log = logging.getLogger("smedigital.ui")

GROUPINGS = ("industry", "size", "region", "framework", "city", "province")
DIVISIONS = ("region", "city", "province")  # by GB/T 2260 division: county, prefecture, province level
STATUS_FILTERS = ("", "accepted", "rejected", "duplicate", "skipped")
FOLDER_STATE = "office_folder"
KEYS_STATE = "office_trusted_keys"  # the trusted-keys file chosen last


def _table(parent: QWidget) -> QTableView:
    table = QTableView(parent)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSortingEnabled(True)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move inside it
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


def _value_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class OfficeView(QWidget):
    """For local industry offices: many firms' files in one regional picture.

    Signals: ``openRequested(assessment_id)`` (open it in the assessment view),
    ``libraryChanged()`` (an assessment was imported), ``closeRequested()`` (back to the
    firm list), ``runFinished()`` (a run's outcome is on screen), ``saveFinished(path or None)``.
    ``aggregate_options`` are passed on to ``aggregate()`` (``workers``, ``reader``, ``limits``).
    """

    openRequested = Signal(int)
    libraryChanged = Signal()
    closeRequested = Signal()
    runFinished = Signal()
    saveFinished = Signal(object)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.inputs: list[str] = []
        self.result: AggregateResult | None = None
        self.labels: RegionLabels | None = None
        self.task: BackgroundTask | None = None
        self.save_job: FileJob | None = None
        self.history_dialog: FirmHistoryDialog | None = None
        self.aggregate_options: dict[str, Any] = {}
        self.trusted: dict[str, Any] = {}  # the office's trusted keys by fingerprint
        self.trusted_path: str = ""
        self.canvases: dict[str, Any] = {}
        self._charts_contrast = False  # whether the charts on screen are drawn for high contrast
        self._build()
        self.retranslate()
        self._update_state()
        remembered = self.library.get_state(KEYS_STATE)
        if isinstance(remembered, str) and Path(remembered).is_file():  # the list chosen last time, if still there
            self.choose_trusted_keys(remembered, quiet=True)

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        self.heading = QLabel(self)
        self.heading.setFont(theme.heading_font())
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)

        self.inputs_label = QLabel(self)
        self.inputs_list = QListWidget(self)
        self.inputs_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.inputs_list.setMaximumHeight(self.fontMetrics().height() * 3 + 12)
        self.inputs_label.setBuddy(self.inputs_list)
        self.folder_button = QPushButton(self)
        self.files_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        self.clear_button = QPushButton(self)
        self.folder_button.clicked.connect(self.choose_folder)
        self.files_button.clicked.connect(self.choose_files)
        self.remove_button.clicked.connect(self.remove_selected_inputs)
        self.clear_button.clicked.connect(self.clear_inputs)
        self.inputs_list.itemSelectionChanged.connect(self._update_state)

        self.keys_button = QPushButton(self)
        self.keys_button.clicked.connect(lambda: self.choose_trusted_keys())
        self.keys_label = _value_label(self)

        self.run_button = QPushButton(self)
        self.run_button.clicked.connect(self.run)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.cancel_button.clicked.connect(self.cancel)
        self.run_status = _value_label(self)
        self._status: tuple[str, int, int] = ("", 0, 0)  # what the run is doing, kept to say it again in another language

        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice = _value_label(self)
        self.notice.setObjectName("officeNotice")
        self.notice.setFrameShape(QFrame.Shape.StyledPanel)

        self.tabs = QTabWidget(self)
        self._build_overview()
        self._build_groups()
        self._build_firms()
        self._build_files()

        self.summary_button = QPushButton(self)
        self.csv_button = QPushButton(self)
        self.back_button = QPushButton(self)
        self.summary_button.clicked.connect(self.save_summary)
        self.csv_button.clicked.connect(self.save_long_csv)
        self.back_button.clicked.connect(self.closeRequested)

        inputs = QHBoxLayout()
        inputs.addWidget(self.inputs_label, 1)
        for b in (self.folder_button, self.files_button, self.remove_button, self.clear_button):
            inputs.addWidget(b)
        keys = QHBoxLayout()
        keys.addWidget(self.keys_button)
        keys.addWidget(self.keys_label, 1)
        run = QHBoxLayout()
        run.addWidget(self.run_button)
        run.addWidget(self.progress, 2)
        run.addWidget(self.cancel_button)
        run.addWidget(self.run_status, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary_button)
        bottom.addWidget(self.csv_button)
        bottom.addStretch(1)
        bottom.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(inputs)
        layout.addWidget(self.inputs_list)
        layout.addLayout(keys)
        layout.addLayout(run)
        layout.addWidget(self.notice)
        layout.addWidget(self.empty_label, 1)
        layout.addWidget(self.tabs, 3)
        layout.addLayout(bottom)

        chain = [self.folder_button, self.files_button, self.remove_button, self.clear_button, self.inputs_list,
                 self.keys_button, self.run_button, self.cancel_button, self.tabs, self.summary_button, self.csv_button,
                 self.back_button]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)

    def _build_overview(self) -> None:
        page = QScrollArea(self.tabs)
        page.setWidgetResizable(True)
        page.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(page)
        page.setWidget(body)
        self.overview_page = page
        self.counts_form = QFormLayout()
        self.count_names: dict[str, QLabel] = {}
        self.count_values: dict[str, QLabel] = {}
        for key in ("files", "accepted", "rejected", "duplicates", "skipped", "check", "firms", "history",
                    "share2", "share3", "mean", "frameworks"):
            name = QLabel(body)
            value = _value_label(body)
            name.setBuddy(value)
            self.count_names[key] = name
            self.count_values[key] = value
            self.counts_form.addRow(name, value)
        self.rejected_button = QPushButton(body)
        self.rejected_button.clicked.connect(self.show_rejected_files)
        self.chart_slots = {"histogram": QVBoxLayout(), "pillars": QVBoxLayout()}
        counts = QVBoxLayout()
        counts.addLayout(self.counts_form)
        rejected_row = QHBoxLayout()
        rejected_row.addWidget(self.rejected_button)
        rejected_row.addStretch(1)
        counts.addLayout(rejected_row)
        counts.addStretch(1)
        charts = QVBoxLayout()
        charts.addLayout(self.chart_slots["histogram"])
        charts.addLayout(self.chart_slots["pillars"])
        charts.addStretch(1)
        layout = QHBoxLayout(body)  # the figures on the left, the charts beside them
        layout.addLayout(counts, 2)
        layout.addLayout(charts, 3)
        self.tabs.addTab(page, "")

    def _build_groups(self) -> None:
        page = QWidget(self.tabs)
        self.groups_page = page
        self.group_by_label = QLabel(page)
        self.group_by = QComboBox(page)
        for key in GROUPINGS:
            self.group_by.addItem("", key)
        self.group_by_label.setBuddy(self.group_by)
        self.group_by.currentIndexChanged.connect(self._grouping_changed)
        self.framework_label = QLabel(page)  # with several frameworks: one at a time, never pooled
        self.framework_choice = QComboBox(page)
        self.framework_label.setBuddy(self.framework_choice)
        self.framework_choice.currentIndexChanged.connect(self._grouping_changed)
        self.group_model = GroupModel(self)
        self.group_proxy = QSortFilterProxyModel(self)
        self.group_proxy.setSourceModel(self.group_model)
        self.group_proxy.setSortRole(SORT_ROLE)
        self.group_table = _table(page)
        self.group_table.setModel(self.group_proxy)
        self.group_chart_slot = QVBoxLayout()
        self.issues_label = QLabel(page)
        self.issues_label.setWordWrap(True)
        self.issue_model = RegionIssueModel(self)
        self.issue_table = _table(page)
        self.issue_table.setModel(self.issue_model)
        self.issues_label.setBuddy(self.issue_table)
        self.group_note = _value_label(page)  # what a level means when frameworks of different scales are pooled
        self.group_note.setVisible(False)
        row = QHBoxLayout()
        row.addWidget(self.group_by_label)
        row.addWidget(self.group_by)
        row.addSpacing(12)
        row.addWidget(self.framework_label)
        row.addWidget(self.framework_choice)
        row.addStretch(1)
        scroll = QScrollArea(page)
        self.group_scroll = scroll
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget(scroll)
        scroll.setWidget(inner)
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(0, 0, 0, 0)
        self.group_table.setMinimumHeight(self.fontMetrics().height() * 9)
        inner_layout.addWidget(self.group_table)
        inner_layout.addWidget(self.issues_label)
        inner_layout.addWidget(self.issue_table)
        inner_layout.addLayout(self.group_chart_slot)
        inner_layout.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(self.group_note)
        layout.addWidget(scroll, 1)
        self.group_body = inner
        self.tabs.addTab(page, "")

    def _build_firms(self) -> None:
        page = QWidget(self.tabs)
        self.firms_page = page
        self.firm_model = FirmModel(self)
        self.firm_proxy = QSortFilterProxyModel(self)
        self.firm_proxy.setSourceModel(self.firm_model)
        self.firm_proxy.setSortRole(SORT_ROLE)
        self.firm_table = _table(page)
        self.firm_table.setModel(self.firm_proxy)
        self.firm_table.activated.connect(self._firm_activated)
        self.firm_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.history_button = QPushButton(page)
        self.history_button.clicked.connect(lambda: self.show_history())
        self.firm_table.selectionModel().selectionChanged.connect(lambda *_: self._update_state())
        row = QHBoxLayout()
        row.addWidget(self.history_button)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.firm_table, 1)
        layout.addLayout(row)
        self.tabs.addTab(page, "")

    def _build_files(self) -> None:
        page = QWidget(self.tabs)
        self.files_page = page
        self.status_label = QLabel(page)
        self.status_filter = QComboBox(page)
        for key in STATUS_FILTERS:
            self.status_filter.addItem("", key)
        self.status_label.setBuddy(self.status_filter)
        self.text_label = QLabel(page)
        self.text_filter = QLineEdit(page)
        self.text_filter.setClearButtonEnabled(True)
        self.text_label.setBuddy(self.text_filter)
        self.file_model = FileLogModel(self)
        self.file_proxy = FileLogFilter(self)
        self.file_proxy.setSourceModel(self.file_model)
        self.file_table = _table(page)
        self.file_table.setModel(self.file_proxy)
        self.file_table.horizontalHeader().setStretchLastSection(True)
        self.file_count = QLabel(page)
        self.file_count.setTextFormat(Qt.TextFormat.PlainText)
        self.status_filter.currentIndexChanged.connect(self._file_filter_changed)
        self.text_filter.textChanged.connect(self._file_filter_changed)
        row = QHBoxLayout()
        row.addWidget(self.status_label)
        row.addWidget(self.status_filter)
        row.addSpacing(12)
        row.addWidget(self.text_label)
        row.addWidget(self.text_filter, 1)
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(self.file_table, 1)
        layout.addWidget(self.file_count)
        self.tabs.addTab(page, "")

    # ------------------------------------------------------------------ texts

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        try:  # nothing may escape a Qt virtual
            if event.type() == QEvent.Type.LanguageChange:
                self.retranslate()
            elif event.type() == QEvent.Type.ApplicationFontChange:
                self.heading.setFont(theme.heading_font())
            elif event.type() == QEvent.Type.PaletteChange and self.result is not None:
                QTimer.singleShot(0, self._follow_contrast)  # the theme says it is on once the palette is set
        except Exception:  # noqa: BLE001
            log.exception("the regional overview could not follow a %s", event.type())
        super().changeEvent(event)

    def _follow_contrast(self) -> None:
        """Draw the charts again in black and white (or back) when high contrast was switched."""
        if self.result is not None and self._charts_contrast != theme.is_high_contrast():
            self._draw_overview_charts()
            self._draw_group_chart()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Regional overview"))
        self.intro.setText(self.tr("For local industry offices: choose a folder (or files) of firms' plan "
                                   "workbooks, filled questionnaires and .smd.json files, then aggregate them. "
                                   "Every file is checked; the file log says why one was not used."))
        self.inputs_label.setText(self.tr("&Folders and files to aggregate:"))
        self.inputs_list.setAccessibleName(self.tr("Folders and files to aggregate"))
        self.inputs_list.setAccessibleDescription(self.tr("Every file in these folders (and their subfolders) "
                                                          "and every file listed is read"))
        for button, text, name, description in (
            (self.folder_button, self.tr("Choose f&older…"), self.tr("Choose folder"),
             self.tr("Adds a folder of firms' workbooks and assessment files")),
            (self.files_button, self.tr("Add f&iles…"), self.tr("Add files"),
             self.tr("Adds single workbooks or assessment files")),
            (self.remove_button, self.tr("Re&move"), self.tr("Remove"),
             self.tr("Removes the selected folders and files from the list")),
            (self.clear_button, self.tr("Cl&ear"), self.tr("Clear"), self.tr("Empties the list")),
            (self.keys_button, self.tr("&Trusted keys…"), self.tr("Trusted keys"),
             self.tr("Chooses the office's trusted-keys file: files signed by one of its keys show who signed "
                     "them")),
            (self.run_button, self.tr("&Aggregate"), self.tr("Aggregate"),
             self.tr("Reads every file and builds the regional overview")),
            (self.cancel_button, self.tr("Cancel"), self.tr("Cancel"),
             self.tr("Stops reading files (Esc); what was read so far is shown")),
            (self.rejected_button, self.tr("Show the files not used…"), self.tr("Show the files not used"),
             self.tr("Shows the rejected files in the file log, with the reason for each")),
            (self.history_button, self.tr("Histor&y…"), self.tr("History"),
             self.tr("Shows the selected firm's assessments over time (Enter or double-click does too)")),
            (self.summary_button, self.tr("Save &summary workbook…"), self.tr("Save summary workbook"),
             self.tr("Saves the overview, the tables by industry, size and region, the charts, the firm "
                     "list and the file log as an Excel workbook")),
            (self.csv_button, self.tr("Save long &CSV…"), self.tr("Save long CSV"),
             self.tr("Saves one row per firm and indicator, for pivot tables and statistics programs")),
            (self.back_button, self.tr("&Back to the firm list"), self.tr("Back to the firm list"),
             self.tr("Returns to the list of firms; the overview stays as it is")),
        ):
            button.setText(text)
            button.setAccessibleName(name)
            button.setAccessibleDescription(description)
            button.setToolTip(description)
        self._show_keys()
        self.progress.setAccessibleName(self.tr("Progress"))
        self.progress.setAccessibleDescription(self.tr("How many of the files have been read"))
        self.empty_label.setText(self.tr("Choose a folder of firms' workbooks and assessment files, then press "
                                         "Aggregate."))
        self.tabs.setAccessibleName(self.tr("Regional overview"))
        self.tabs.setTabText(0, self.tr("O&verview"))
        self.overview_page.setAccessibleName(self.tabs.tabText(0).replace("&", ""))
        self.tabs.setTabText(1, self.tr("By gro&up"))
        self.group_scroll.setAccessibleName(self.tabs.tabText(1).replace("&", ""))
        self.tabs.setTabText(2, self.tr("Fir&ms"))
        self.tabs.setTabText(3, self.tr("File &log"))
        names = {"files": self.tr("Files read:"), "accepted": self.tr("Accepted:"), "rejected": self.tr("Rejected:"),
                 "duplicates": self.tr("Duplicates:"), "skipped": self.tr("Not read (cancelled, or this program's own outputs):"),
                 "check": self.tr("Check:"), "firms": self.tr("Firms:"),
                 "history": self.tr("Firms assessed more than once:"),
                 "share2": self.tr("Share at level 2 or above:"), "share3": self.tr("Share at level 3 or above:"),
                 "mean": self.tr("Mean total score:"), "frameworks": self.tr("Frameworks:")}
        for key, label in self.count_names.items():
            label.setText(names[key])
            self.count_values[key].setAccessibleName(names[key].rstrip(":："))
        self.group_by_label.setText(self.tr("&Group by:"))
        self.issue_table.setAccessibleName(self.tr("Regions to resolve"))
        self.issue_table.setAccessibleDescription(self.tr("Each region as given, why it names no single division, "
                                                          "how many firms gave it and the divisions it may mean"))
        self.framework_label.setText(self.tr("Frame&work:"))
        self.framework_choice.setAccessibleName(self.tr("Framework shown"))
        self.framework_choice.setAccessibleDescription(self.tr("Levels of different frameworks are never added "
                                                               "together: the table shows one framework's firms"))
        self.group_by.setAccessibleName(self.tr("Group by"))
        self.group_by.setAccessibleDescription(self.tr("Shows the table and the chart by industry, size class, "
                                                       "region or framework"))
        for i, text in enumerate((self.tr("Industry"), self.tr("Size class"), self.tr("Region (county level)"),
                                  self.tr("Framework"), self.tr("Region (prefecture level)"),
                                  self.tr("Region (province level)"))):
            self.group_by.setItemText(i, text)
        self.group_table.setAccessibleName(self.tr("Firms by group"))
        self.group_table.setAccessibleDescription(self.tr("Firms per level and stage, the shares at level 2 and "
                                                          "3 or above and the mean scores of each group"))
        self.firm_table.setAccessibleName(self.tr("Firms"))
        self.firm_table.setAccessibleDescription(self.tr("Each firm with its newest assessment; Enter shows its "
                                                         "history"))
        self.status_label.setText(self.tr("S&how:"))
        self.status_filter.setAccessibleName(self.tr("Show files"))
        self.status_filter.setAccessibleDescription(self.tr("Shows all files, or only those of one status"))
        for i, text in enumerate((self.tr("All files"), self.tr("Accepted"), self.tr("Rejected"),
                                  self.tr("Duplicates"), self.tr("Not read"))):
            self.status_filter.setItemText(i, text)
        self.text_label.setText(self.tr("Fil&ter:"))
        self.text_filter.setPlaceholderText(self.tr("File name, folder or reason"))
        self.text_filter.setAccessibleName(self.tr("Filter the file log"))
        self.text_filter.setAccessibleDescription(self.tr("Shows only the files whose name, folder or reason "
                                                          "contains this text"))
        self.file_table.setAccessibleName(self.tr("File log"))
        self.file_table.setAccessibleDescription(self.tr("Every file read, its status and the reason"))
        self._show_status()
        if self.result is not None:
            self._show_result()
        self._update_state()

    # ------------------------------------------------------------------ inputs

    def _start_folder(self) -> str:
        folder = self.library.get_state(FOLDER_STATE)
        return folder if isinstance(folder, str) and Path(folder).is_dir() else str(Path.home())

    def _remember_folder(self, folder: str) -> None:
        try:
            self.library.set_state(FOLDER_STATE, folder)
        except LibraryError:
            log.exception("cannot remember the folder")

    def choose_folder(self) -> str | None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder of firms' files"),
                                                  self._start_folder())
        if not folder:
            return None
        self._remember_folder(folder)
        self.add_inputs([folder])
        return folder

    def choose_files(self) -> list[str]:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Add firms' files"), self._start_folder(),
            ";;".join([self.tr("Workbooks and assessment files (*.xlsx *.xlsm *.json)"), self.tr("All files (*)")]))
        if paths:
            self._remember_folder(str(Path(paths[0]).parent))
            self.add_inputs(paths)
        return list(paths)

    def add_inputs(self, paths: list[str]) -> None:
        for p in paths:
            if p not in self.inputs:
                self.inputs.append(p)
                self.inputs_list.addItem(p)
        self._update_state()
        self.run_button.setFocus()

    def set_inputs(self, paths: list[str]) -> None:
        self.clear_inputs()
        self.add_inputs([str(p) for p in paths])

    def remove_selected_inputs(self) -> None:
        for item in self.inputs_list.selectedItems():
            self.inputs.remove(item.text())
            self.inputs_list.takeItem(self.inputs_list.row(item))
        self._update_state()

    def clear_inputs(self) -> None:
        self.inputs.clear()
        self.inputs_list.clear()
        self._update_state()

    def choose_trusted_keys(self, path: str | None = None, quiet: bool = False) -> bool:
        """Choose (or, with ``path``, load) the trusted-keys file; a file that cannot be used is refused
        with every problem and the list in use stays."""
        from smedigital.export.signing import TrustError, load_trusted_keys  # noqa: PLC0415

        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Choose the trusted-keys file"), self._start_folder(),
                ";;".join([self.tr("Trusted-keys files (*.yaml *.yml)"), self.tr("All files (*)")]))
            if not path:
                return False
        try:
            keys = load_trusted_keys(path)
        except TrustError as exc:
            if not quiet:
                messages.show_error(self, self.tr("Trusted keys"), self.tr("This trusted-keys file cannot be used:")
                                    + "\n" + "\n".join(exc.lines(i18n.current_language())))
            return False
        self.trusted, self.trusted_path = keys, str(path)
        try:
            self.library.set_state(KEYS_STATE, self.trusted_path)
        except LibraryError:
            log.exception("cannot remember the trusted-keys file")
        self._show_keys()
        return True

    def _show_keys(self) -> None:
        if not self.trusted_path:
            self.keys_label.setText(self.tr("No trusted-keys file: signed files show as signed by an unknown key"))
        else:
            self.keys_label.setText(self.tr("Trusted keys: %1 (%2 keys)").replace("%1", Path(self.trusted_path).name)
                                    .replace("%2", str(len(self.trusted))))

    # ------------------------------------------------------------------ running

    def busy(self) -> bool:
        return (self.task is not None and self.task.running) or (self.save_job is not None and self.save_job.running)

    def running(self) -> bool:
        return self.task is not None and self.task.running

    def run(self) -> BackgroundTask | None:
        """Aggregate the chosen folders and files on a worker thread."""
        if self.busy():
            return None
        if not self.inputs:
            messages.show_info(self, self.tr("Regional overview"), self.tr("Choose a folder or files first."))
            return None
        paths = list(self.inputs)
        options = {"trusted": dict(self.trusted), **self.aggregate_options}

        def work(progress: Any, cancel: Any) -> AggregateResult:
            from smedigital.aggregate import aggregate  # noqa: PLC0415

            return aggregate(paths, progress=progress, cancel=cancel, **options)

        task = BackgroundTask(work, "aggregate")
        task.progressed.connect(self._progressed)
        task.succeeded.connect(self._run_succeeded)
        task.failed.connect(self._run_failed)
        task.finished.connect(self._run_finished)
        self.task = task
        self.progress.setRange(0, 0)
        self._set_status("looking")
        log.info("aggregating %s", paths)
        task.start()
        self._update_state()
        self.cancel_button.setFocus()
        return task

    def cancel(self) -> None:
        if self.running() and self.task is not None and not self.task.cancelled:
            self.task.cancel()
            self._set_status("stopping")
            self._update_state()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(self.tr("%1 of %2 files").replace("%1", str(done)).replace("%2", str(total)))
        if self.task is not None and not self.task.cancelled:
            self._set_status("reading", done, total)

    def _set_status(self, state: str, a: int = 0, b: int = 0) -> None:
        self._status = (state, a, b)
        self._show_status()

    def _show_status(self) -> None:
        state, a, b = self._status
        text = {
            "": "",
            "looking": self.tr("Looking for files…"),
            "reading": self.tr("Reading files: %1 of %2"),
            "stopping": self.tr("Stopping…"),
            "cancelled": self.tr("Cancelled after %1 of %2 files."),
            "done": self.tr("Read %1 files."),
            "failed": self.tr("The run failed."),
        }[state]
        self.run_status.setText(text.replace("%1", str(a)).replace("%2", str(b)))
        self.run_status.setAccessibleName(self.run_status.text())

    def _run_succeeded(self, result: object) -> None:
        assert isinstance(result, AggregateResult)
        old, self.result = self.result, result
        if old is not None:
            old.close()
        self._show_result()
        self.tabs.setCurrentIndex(0)

    def _run_failed(self, error: object) -> None:
        messages.show_error(self, self.tr("Regional overview"),
                            self.tr("The files could not be aggregated. Check that the folders and files still "
                                    "exist and can be read, then try again."), str(error) or type(error).__name__)

    def _run_finished(self) -> None:
        task = self.task
        if task is not None and task.error is None:
            counts = self.result.counts if self.result is not None else None
            if task.cancelled and counts is not None:
                self._set_status("cancelled", counts.files - counts.skipped, counts.files)
            elif counts is not None:
                self._set_status("done", counts.files)
        else:
            self._set_status("failed")
        self.progress.setRange(0, 1)
        self.progress.setValue(1 if task is not None and not task.cancelled and task.error is None else 0)
        self.progress.resetFormat()
        self._update_state()
        if self.result is not None:
            self.tabs.setFocus()
        self.runFinished.emit()

    def shutdown(self) -> None:
        """Stop a run and let go of the result (the window is closing)."""
        if self.task is not None and self.task.running:
            self.task.cancel()
            self.task.wait(10)
        if self.save_job is not None and self.save_job.running:
            self.save_job.cancel()
            self.save_job.task.wait(10)
        if self.result is not None:
            self.result.close()

    # ------------------------------------------------------------------ showing

    def _update_state(self) -> None:
        running = self.running()
        busy = self.busy()
        for w in (self.folder_button, self.files_button, self.inputs_list, self.keys_button):
            w.setEnabled(not running)
        self.remove_button.setEnabled(not running and bool(self.inputs_list.selectedItems()))
        self.clear_button.setEnabled(not running and bool(self.inputs))
        self.run_button.setEnabled(not busy and bool(self.inputs))
        self.run_button.setDefault(not busy and bool(self.inputs))
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running and self.task is not None and not self.task.cancelled)
        has_result = self.result is not None
        self.tabs.setVisible(has_result)
        self.empty_label.setVisible(not has_result)
        for b in (self.summary_button, self.csv_button):
            b.setEnabled(has_result and not busy)
        self.history_button.setEnabled(bool(self.firm_table.selectionModel().selectedRows()))

    def _show_result(self) -> None:
        result = self.result
        if result is None:
            return
        lang = i18n.current_language()
        self.labels = labels = RegionLabels(result, lang)
        c = result.counts
        overall = result.tables.overall
        values = self.count_values
        values["files"].setText(str(c.files))
        values["accepted"].setText(str(c.accepted))
        values["rejected"].setText(str(c.rejected))
        values["duplicates"].setText(str(c.duplicates))
        values["skipped"].setText(str(c.skipped))
        for key in ("skipped",):
            self.count_names[key].setVisible(bool(c.skipped))
            values[key].setVisible(bool(c.skipped))
        check = (self.tr("%1 files = %2 accepted + %3 rejected + %4 duplicates").replace("%1", str(c.files))
                 .replace("%2", str(c.accepted)).replace("%3", str(c.rejected)).replace("%4", str(c.duplicates)))
        if c.skipped:
            check += " " + self.tr("+ %1 not read").replace("%1", str(c.skipped))
        values["check"].setText(check)
        values["firms"].setText(str(c.firms))
        values["history"].setText(str(c.firms_with_history))
        self._show_shares()
        if len(result.tables.per_framework) > 1:  # a mean of totals on different scales means nothing: one each
            values["mean"].setText("; ".join(f"{labels.framework(ft.framework_id)}: {fmt_score(ft.overall.mean_total)}"
                                             for ft in result.tables.per_framework))
        else:
            values["mean"].setText(fmt_score(overall.mean_total) if overall.firms else "–")
        values["frameworks"].setText("; ".join(f"{labels.framework(fid)}: {n}" for fid, n in result.tables.frameworks)
                                     or "–")
        not_used = c.rejected + c.duplicates + c.skipped
        self.rejected_button.setVisible(c.rejected > 0)
        notes = []
        if result.cancelled:
            notes.append(self.tr("⚠ The run was cancelled before every file was read (files not read: %1). The "
                                 "figures cover only the files read.").replace("%1", str(c.skipped)))
        if c.rejected:
            notes.append(self.tr("⚠ Files rejected: %1. The file log says why.").replace("%1", str(c.rejected)))
        if not c.firms:
            notes.append(self.tr("No usable assessment was found."))
        self.notice.setText("\n".join(notes))
        self.notice.setVisible(bool(notes))
        self.notice.setAccessibleName(self.notice.text())
        log.info("aggregated %s files: %s accepted, %s not used, %s firms", c.files, c.accepted, not_used, c.firms)

        self._fill_frameworks()
        self._grouping_changed()
        self.firm_model.show(result.firms, labels)
        self.file_model.show(result.files, lang)
        self.firm_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self._file_filter_changed()
        self._draw_overview_charts()
        self._draw_group_chart()
        self._update_state()

    def _show_shares(self) -> None:
        """The shares at 二级 and 三级 or above: of the firms assessed with a framework of the national
        levels only (a smedigital-cdi 成长级 is not 二级), saying which; "—" when there are none."""
        assert self.result is not None and self.labels is not None
        overall, national = self.result.tables.overall, self.labels.national
        n = overall.national_firms
        titles = {
            2: (self.tr("Share at level 2 or above:"),
                self.tr("Share at level 2 or above (of the firms assessed with %1):")),
            3: (self.tr("Share at level 3 or above:"),
                self.tr("Share at level 3 or above (of the firms assessed with %1):")),
        }
        if n:
            about = self.tr("Levels 2 and 3 are the national SME digital levels: only the firms whose newest "
                            "assessment used %1 count.").replace("%1", national)
        else:
            about = self.tr("No firm was assessed with a framework of the national SME digital levels (%1), so "
                            "there is no share at level 2 or 3 or above.").replace("%1", national)
        for key, level in (("share2", 2), ("share3", 3)):
            plain, scoped = titles[level]
            title = scoped.replace("%1", national) if n else plain
            self.count_names[key].setText(title)
            value = self.count_values[key]
            if n:
                value.setText(self.tr("%1 (%2 of %3 firms)").replace("%1", percent(overall.national_share(level)))
                              .replace("%2", str(overall.national_at_least(level))).replace("%3", str(n)))
            else:
                value.setText(NO_SHARE + " " + self.tr("(no firm was assessed with the national indicators: %1)")
                              .replace("%1", national))
            value.setAccessibleName(title.rstrip(":："))
            value.setAccessibleDescription(about)
            value.setToolTip(about)
        labels = self.labels
        several = labels.mixed
        if several:
            self.group_note.setText(self.tr("Each framework's levels are its own: the table shows the firms of the "
                                            "framework chosen, never added to another's. The shares at level 2 and 3 "
                                            "or above count only the firms assessed with %1.").replace("%1", national))
        self.group_note.setVisible(several)
        self.group_note.setAccessibleName(self.group_note.text() if several else "")

    def grouping(self) -> str:
        return str(self.group_by.currentData() or "industry")

    def set_grouping(self, by: str) -> None:
        self.group_by.setCurrentIndex(max(0, self.group_by.findData(by)))

    def shown_framework(self) -> str | None:
        """With several frameworks, the one whose tables are shown (levels are never pooled across them)."""
        if self.result is None or len(self.result.tables.per_framework) < 2 or self.grouping() == "framework":
            return None
        fid = self.framework_choice.currentData()
        return fid if isinstance(fid, str) else self.result.tables.per_framework[0].framework_id

    def _group_rows(self) -> tuple[GroupRow, ...]:
        if self.result is None:
            return ()
        t = self.result.tables
        fid = self.shown_framework()
        if fid is not None:
            ft = next(f for f in t.per_framework if f.framework_id == fid)
            return {"industry": ft.by_industry, "size": ft.by_size, "region": ft.by_region, "city": ft.by_city,
                    "province": ft.by_province}[self.grouping()]
        return {"industry": t.by_industry, "size": t.by_size, "region": t.by_region, "city": t.by_city,
                "province": t.by_province, "framework": t.by_framework}[self.grouping()]

    def _fill_frameworks(self) -> None:
        assert self.result is not None and self.labels is not None
        current = self.framework_choice.currentData()
        self.framework_choice.blockSignals(True)
        self.framework_choice.clear()
        for ft in self.result.tables.per_framework:
            self.framework_choice.addItem(f"{self.labels.framework(ft.framework_id)} · {ft.overall.firms}",
                                          ft.framework_id)
        self.framework_choice.setCurrentIndex(max(0, self.framework_choice.findData(current)))
        self.framework_choice.blockSignals(False)

    def _grouping_changed(self) -> None:
        if self.result is None or self.labels is None:
            return
        several = len(self.result.tables.per_framework) > 1
        self.framework_label.setVisible(several)
        self.framework_choice.setVisible(several)
        self.framework_choice.setEnabled(self.grouping() != "framework")
        self.group_model.show(self._group_rows(), self.labels, self.grouping(), self.shown_framework())
        issues = self.result.tables.region_issues
        self.issue_model.show(issues, self.labels.lang)
        show_issues = self.grouping() in DIVISIONS
        self.issues_label.setVisible(show_issues)
        self.issue_table.setVisible(show_issues and bool(issues))
        self.issues_label.setText(
            self.tr("Regions to resolve (%1): each names no administrative division, or several; correct the "
                    "firm's file and aggregate again.").replace("%1", str(len(issues))) if issues else
            self.tr("Every region names exactly one administrative division (GB/T 2260)."))
        self._draw_group_chart()

    # ------------------------------------------------------------------ charts

    def _put_canvas(self, key: str, slot: QVBoxLayout, chart: Any, name: str, description: str) -> Any:
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg  # noqa: PLC0415

        old = self.canvases.pop(key, None)
        if old is not None:
            slot.removeWidget(old)
            old.hide()
            old.deleteLater()
        canvas = FigureCanvasQTAgg(chart.figure)
        canvas.chart = chart
        canvas.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        width, height = chart.figure.get_size_inches()
        canvas.setFixedHeight(int(height * chart.figure.dpi))
        canvas.setMinimumWidth(int(width * chart.figure.dpi * 0.8))
        canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        canvas.setAccessibleName(name)
        canvas.setAccessibleDescription(description)
        slot.addWidget(canvas)
        self.canvases[key] = canvas
        return canvas

    def _draw_overview_charts(self) -> None:
        from smedigital.charts.figures import PillarMeans, ScoreDistribution  # noqa: PLC0415

        assert self.result is not None and self.labels is not None
        lang, t = self.labels.lang, self.result.tables
        high_contrast = self._charts_contrast = theme.is_high_contrast()
        hist_counts, means, of = t.histogram, t.overall.mean_pillars, ""
        if len(t.per_framework) > 1:  # never pooled: the framework with the most firms, named
            main = t.per_framework[0]
            hist_counts, means = main.histogram, main.overall.mean_pillars
            of = " · " + self.labels.framework(main.framework_id)
        histogram = ScoreDistribution(lang, high_contrast=high_contrast, figsize=(6.0, 2.8)).update(hist_counts)
        bands = [f"{i * 10}–{100 if i == len(hist_counts) - 1 else (i + 1) * 10}: {n}"
                 for i, n in enumerate(hist_counts) if n]
        self._put_canvas("histogram", self.chart_slots["histogram"], histogram,
                         self.tr("Distribution of total scores") + of,
                         self.tr("Firms per band of total score: %1").replace("%1", "; ".join(bands) or "–"))
        names = self.labels.pillars()
        pillars = PillarMeans(lang, high_contrast=high_contrast, figsize=(6.0, 2.4)).update(means, names)
        self._put_canvas("pillars", self.chart_slots["pillars"], pillars, self.tr("Mean pillar scores") + of,
                         "; ".join(f"{n} {fmt_score(m)}" for n, m in zip(names, means, strict=True)))

    def _draw_group_chart(self) -> None:
        from smedigital.charts.figures import LevelsByGroup  # noqa: PLC0415

        assert self.labels is not None
        labels, by = self.labels, self.grouping()
        rows = self._group_rows()
        n_levels = len(rows[0].levels) if rows else 5
        fid = self.shown_framework()
        groups = [(labels.group(by, g.key), g.levels) for g in rows]
        height = 1.6 + 0.42 * min(len(groups), LevelsByGroup(labels.lang).max_rows)
        chart = LevelsByGroup(labels.lang, high_contrast=theme.is_high_contrast(), figsize=(7.5, max(height, 3.2)))
        chart.update(groups, [labels.level(i, fid) for i in range(n_levels)], "region" if by in DIVISIONS else by)
        description = "; ".join(
            f"{name}: " + ", ".join(f"{labels.level(i, fid)} {n}" for i, n in enumerate(levels) if n)
            for name, levels in groups)
        self._put_canvas("levels", self.group_chart_slot, chart, self.tr("Levels by group"), description or "–")

    # ------------------------------------------------------------------ the file log

    def _file_filter_changed(self) -> None:
        self.file_proxy.set_status(str(self.status_filter.currentData() or ""))
        self.file_proxy.set_text(self.text_filter.text())
        self.file_count.setText(self.tr("%1 of %2 files shown").replace("%1", str(self.file_proxy.rowCount()))
                                .replace("%2", str(self.file_model.rowCount())))

    def show_rejected_files(self) -> None:
        self.status_filter.setCurrentIndex(STATUS_FILTERS.index("rejected"))
        self.tabs.setCurrentWidget(self.files_page)
        self.file_table.setFocus()

    def shown_files(self) -> list[tuple[str, str, str]]:
        """(file name, status, reason) of the rows the file log shows, in order (tests, screen readers)."""
        return [(self.file_proxy.index(r, 0).data(), self.file_proxy.index(r, 1).data(),
                 self.file_proxy.index(r, 2).data()) for r in range(self.file_proxy.rowCount())]

    # ------------------------------------------------------------------ drill-down

    def _firm_activated(self, index: QModelIndex) -> None:
        self.show_history(self.firm_proxy.mapToSource(index).row())

    def show_history(self, source_row: int | None = None) -> FirmHistoryDialog | None:
        """The history of a firm (the selected one by default), window-modal, not blocking."""
        if self.result is None or self.labels is None:
            return None
        if source_row is None:
            rows = self.firm_table.selectionModel().selectedRows()
            if not rows:
                return None
            source_row = self.firm_proxy.mapToSource(rows[0]).row()
        firm = self.firm_model.row(source_row)
        dialog = FirmHistoryDialog(firm, self.labels, self.library, self)
        dialog.openRequested.connect(self.openRequested)
        dialog.imported.connect(lambda _id: self.libraryChanged.emit())
        dialog.finished.connect(lambda _r: self._history_done(dialog))
        self.history_dialog = dialog
        dialog.open()
        return dialog

    def _history_done(self, dialog: FirmHistoryDialog) -> None:
        if self.history_dialog is dialog:
            self.history_dialog = None
        dialog.deleteLater()

    def select_firm(self, name: str) -> bool:
        for r in range(self.firm_proxy.rowCount()):
            index = self.firm_proxy.index(r, 0)
            if index.data() == name:
                self.firm_table.selectRow(r)
                return True
        return False

    # ------------------------------------------------------------------ saving

    def output_folder(self) -> str:
        """Where an output is offered first: the last folder used, unless it is inside a folder being
        aggregated (the next run would find the summary there); then the folder above the inputs."""
        from smedigital.aggregate.run import inside_inputs  # noqa: PLC0415

        folder = self._start_folder()
        seen = 0
        while inside_inputs(folder, self.inputs) and seen < 64:
            parent = str(Path(folder).parent)
            if parent == folder:
                return str(Path.home())
            folder, seen = parent, seen + 1
        return folder

    def _ask_path(self, title: str, name: str, file_filter: str, suffix: str) -> Path | None:
        from smedigital.ui.exports import with_suffix  # noqa: PLC0415

        folder = self.output_folder()
        chosen, _ = QFileDialog.getSaveFileName(self, title, str(Path(folder) / name), file_filter)
        if not chosen:
            return None
        path = with_suffix(chosen, suffix)
        self._remember_folder(str(path.parent))
        return path

    def save_summary(self) -> FileJob | None:
        """Ask where, then write the summary workbook of the overview shown."""
        if self.result is None or self.busy():
            return None
        title = self.tr("Save summary workbook")
        path = self._ask_path(title, self.tr("regional summary") + f" {_dt.date.today().isoformat()}.xlsx",
                              ";;".join([self.tr("Excel workbooks (*.xlsx)"), self.tr("All files (*)")]), ".xlsx")
        if path is None:
            return None
        result, lang = self.result, i18n.current_language()

        def write(target: Path) -> None:
            from smedigital.aggregate import write_summary  # noqa: PLC0415

            write_summary(result, target, lang)

        return self._save(path, write, title, self.tr("Writing the summary workbook…"))

    def save_long_csv(self) -> FileJob | None:
        """Ask where, then write the long CSV (one row per firm and indicator)."""
        if self.result is None or self.busy():
            return None
        title = self.tr("Save long CSV")
        path = self._ask_path(title, self.tr("indicators") + f" {_dt.date.today().isoformat()}.csv",
                              ";;".join([self.tr("CSV files (*.csv)"), self.tr("All files (*)")]), ".csv")
        if path is None:
            return None
        result = self.result

        def write(target: Path) -> None:
            from smedigital.aggregate import write_long_csv  # noqa: PLC0415

            write_long_csv(result, target)

        return self._save(path, write, title, self.tr("Writing the long CSV…"))

    def _save(self, path: Path, write: Any, title: str, busy_text: str) -> FileJob:
        job = FileJob(self, path, write, title=title, busy_text=busy_text)
        job.finished.connect(self._save_finished)
        self.save_job = job
        job.start()
        self._update_state()
        return job

    def _save_finished(self, written: object) -> None:
        self.save_job = None
        self._update_state()
        self.saveFinished.emit(written)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        try:  # nothing may escape a Qt virtual
            self.shutdown()
        except Exception:  # noqa: BLE001
            log.exception("the regional overview could not stop")
        super().closeEvent(event)

    # ------------------------------------------------------------------ focus

    def focus_start(self) -> None:
        """Where the keyboard starts: the results when there are some, else choosing a folder."""
        if self.result is not None:
            self.tabs.setFocus()
        elif self.inputs:
            self.run_button.setFocus()
        else:
            self.folder_button.setFocus()
