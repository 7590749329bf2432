"""The regional overview: choose firms' files, aggregate them off the GUI thread, look, drill down, save.

The run is :func:`smedigital.aggregate.aggregate` on a :class:`~smedigital.ui.tasks.BackgroundTask`
(worker processes read the files, each under a time limit); its ``progress`` callback
drives the progress bar and the Cancel button sets the ``threading.Event`` it looks at.
A cancelled run still shows what was read, with the files not read listed as skipped and
a notice saying so. Saving the summary workbook, the long CSV or the anonymised benchmark file
is a :class:`~smedigital.ui.tasks.FileJob`, like the other exports, offered outside the input folders.

The view owns the inputs, the run, the trusted keys, the framework shown and the saving; each tab is
its own widget (:mod:`.overview_tab`, :mod:`.groups_tab`, :mod:`.firms_tab`, :mod:`.files_tab`,
:mod:`.programme_tab`, :mod:`.providers_tab`) in :attr:`OfficeView.pages`, handed a :class:`~.common.Shown`
after every run, language or framework change.

The pilot programme's files (the office's stages and targets files, :mod:`smedigital.aggregate.pipeline` and
:mod:`smedigital.aggregate.targets`) are read again at every run, before any firm's file: a file with problems
is named with every problem's place and the run does not start. The programme
(:func:`smedigital.aggregate.build_programme`) is built on the worker thread after the aggregation, and built
again at once from the result shown when the office chooses another stages or targets file.
"""

from __future__ import annotations

import datetime as _dt
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from smedigital.aggregate.benchmark import MIN_CELL
from smedigital.aggregate.model import AggregateResult
from smedigital.library import Library, settings
from smedigital.ui import i18n, messages, theme
from smedigital.ui.flow import ScrollBodyLayout
from smedigital.ui.screens import size_to_current_page
from smedigital.ui.tasks import BackgroundTask, FileJob

from .common import OfficeTab, Shown, value_label
from .files_tab import FilesTab
from .firms_tab import FirmsTab
from .groups_tab import GroupsTab
from .history import FirmHistoryDialog
from .labels import RegionLabels
from .overview_tab import OverviewTab
from .programme_tab import ProgrammeTab
from .providers_tab import ProvidersTab
from .run_bar import RunBar

if TYPE_CHECKING:
    from smedigital.aggregate.programme import Programme

log = logging.getLogger("smedigital.ui")

# what the view keeps between runs (declared in smedigital.library.settings)
FOLDER_STATE = settings.OFFICE_FOLDER
KEYS_STATE = settings.OFFICE_TRUSTED_KEYS
STAGES_STATE = settings.OFFICE_STAGES
TARGETS_STATE = settings.OFFICE_TARGETS
RULES_STATE = settings.OFFICE_RULES


class _Tabs(QTabWidget):
    """The tabs, asking for their minimum height only: each tab scrolls its own content, so the page around
    them (in a scroll area) scrolls only when even that does not fit, not whenever a tab would like more."""

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return False


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
        self.stages_path: str = ""  # the office's stages file, read at every run
        self.targets_path: str = ""  # the office's targets file, read at every run
        self.programme: Programme | None = None  # the pilot programme of the result shown
        self._build()
        self.retranslate()
        self._update_state()
        remembered = KEYS_STATE.get(self.library)
        if remembered and Path(remembered).is_file():  # the list chosen last time, if still there
            self.choose_trusted_keys(remembered, quiet=True)
        for key, attr in ((STAGES_STATE, "stages_path"), (TARGETS_STATE, "targets_path")):
            remembered = key.get(self.library)
            if remembered and Path(remembered).is_file():
                setattr(self, attr, remembered)
        rules = RULES_STATE.get(self.library)
        if rules:
            self.programme_page.set_rules(rules)
        self._show_programme_files()

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        self.heading = QLabel(self)
        self.heading.setFont(theme.heading_font())
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)

        self.bar = RunBar(self)  # the inputs, the trusted keys and the run: this view drives them
        bar = self.bar
        bar.folder_button.clicked.connect(self.choose_folder)
        bar.files_button.clicked.connect(self.choose_files)
        bar.remove_button.clicked.connect(self.remove_selected_inputs)
        bar.clear_button.clicked.connect(self.clear_inputs)
        bar.inputs_list.itemSelectionChanged.connect(self._update_state)
        bar.keys_button.clicked.connect(lambda: self.choose_trusted_keys())
        bar.stages_button.clicked.connect(lambda: self.choose_stages())
        bar.targets_button.clicked.connect(lambda: self.choose_targets())
        bar.forget_button.clicked.connect(self.forget_programme_files)
        bar.run_button.clicked.connect(self.run)
        bar.cancel_button.clicked.connect(self.cancel)
        # the bar's widgets under the names callers and tests use
        self.folder_button, self.files_button, self.keys_button = bar.folder_button, bar.files_button, bar.keys_button
        self.run_button, self.cancel_button, self.progress = bar.run_button, bar.cancel_button, bar.progress
        self.run_status, self.keys_label = bar.run_status, bar.keys_label

        self.empty_label = QLabel(self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice = value_label(self)
        self.notice.setObjectName("officeNotice")
        self.notice.setFrameShape(QFrame.Shape.StyledPanel)

        # the framework shown: it governs the overview's charts and the tables by group (never pooled)
        self.framework_label = QLabel(self)
        self.framework_choice = QComboBox(self)
        self.framework_label.setBuddy(self.framework_choice)
        self.framework_choice.currentIndexChanged.connect(self._framework_changed)
        self.frameworks_line = value_label(self)  # "3 frameworks in these files: showing …"
        self.frameworks_line.setObjectName("officeFrameworks")

        self.tabs = _Tabs(self)
        self.tabs.setMinimumHeight(self._tabs_least_height())
        stack = self.tabs.findChild(QStackedWidget)
        if stack is not None:
            size_to_current_page(stack)  # a tall tab does not make every tab tall
        self.overview = OverviewTab(self.tabs)
        self.groups = GroupsTab(self.tabs)
        self.firms = FirmsTab(self.tabs)
        self.files = FilesTab(self.tabs)
        self.programme_page = ProgrammeTab(self.tabs)
        self.providers_page = ProvidersTab(self.tabs)
        self.programme_page.saveRequested.connect(self.save_recommendation)
        self.programme_page.rulesChosen.connect(self._remember_rules)
        self.overview.rejectedRequested.connect(self.show_rejected_files)
        self.firms.historyRequested.connect(self.show_history)
        self.pages: list[OfficeTab] = []  # the tabs in order, each a QWidget
        for page in (self.overview, self.groups, self.firms, self.files, self.programme_page, self.providers_page):
            self.add_page(page)
        # the pages under the names the screenshots and older callers use
        self.overview_page, self.groups_page, self.firms_page, self.files_page = (
            self.overview, self.groups, self.firms, self.files)

        self.summary_button = QPushButton(self)
        self.csv_button = QPushButton(self)
        self.benchmark_button = QPushButton(self)
        self.back_button = QPushButton(self)
        self.summary_button.clicked.connect(self.save_summary)
        self.csv_button.clicked.connect(self.save_long_csv)
        self.benchmark_button.clicked.connect(self.save_benchmark)
        self.back_button.clicked.connect(self.closeRequested)
        self.benchmark_about = value_label(self)  # what the benchmark file holds, and what it never holds

        framework = QHBoxLayout()
        framework.addWidget(self.framework_label)
        framework.addWidget(self.framework_choice)
        framework.addSpacing(12)
        framework.addWidget(self.frameworks_line, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary_button)
        bottom.addWidget(self.csv_button)
        bottom.addWidget(self.benchmark_button)
        bottom.addStretch(1)
        bottom.addWidget(self.back_button)
        # everything in a scroll area: on a short screen (a laptop at 150 % scaling) the page scrolls inside
        # the window rather than making the window taller than the screen
        self.body_area = QScrollArea(self)
        self.body_area.setWidgetResizable(True)
        self.body_area.setFrameShape(QFrame.Shape.NoFrame)
        self.body_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the page's controls, not the area
        body = QWidget(self.body_area)
        body.setObjectName("officeBody")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.body_area)
        layout = ScrollBodyLayout(body)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.bar)
        layout.addWidget(self.notice)
        layout.addLayout(framework)
        layout.addWidget(self.empty_label, 1)
        layout.addWidget(self.tabs, 3)
        layout.addLayout(bottom)
        layout.addWidget(self.benchmark_about)
        self.body_area.setWidget(body)

        chain = [bar.cancel_button, self.framework_choice, self.tabs,
                 self.summary_button, self.csv_button, self.benchmark_button, self.back_button]
        for a, b in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(a, b)

    def _tabs_least_height(self) -> int:
        """A dozen lines for the tabs, so that a table shows a few rows; on a short screen the page scrolls."""
        return self.fontMetrics().height() * 12

    def add_page(self, page: OfficeTab) -> None:
        """One more tab: a QWidget with ``tab_title()``, ``retranslate()`` and ``show_result(shown)``."""
        assert isinstance(page, QWidget)
        self.pages.append(page)
        self.tabs.addTab(page, page.tab_title())

    # ------------------------------------------------------------------ texts

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        try:  # nothing may escape a Qt virtual
            if event.type() == QEvent.Type.LanguageChange:
                self.retranslate()
            elif event.type() == QEvent.Type.ApplicationFontChange:
                self.heading.setFont(theme.heading_font())
                self.tabs.setMinimumHeight(self._tabs_least_height())
            elif event.type() == QEvent.Type.PaletteChange and self.result is not None:
                QTimer.singleShot(0, self._follow_contrast)  # the theme says it is on once the palette is set
        except Exception:
            log.exception("the regional overview could not follow a %s", event.type())
        super().changeEvent(event)

    def _follow_contrast(self) -> None:
        """Draw the charts again in black and white (or back) when high contrast was switched."""
        if self.result is not None and self.overview.charts_contrast != theme.is_high_contrast():
            for page in self.pages:
                draw = getattr(page, "draw_charts", None)
                if draw is not None:
                    draw()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Regional overview"))
        self.intro.setText(self.tr("For local industry offices: choose a folder (or files) of firms' plan "
                                   "workbooks, filled questionnaires and .smd.json files, then aggregate them. "
                                   "Every file is checked; the file log says why one was not used."))
        benchmark_about = self.tr("The benchmark file holds counts only, per framework: firms per level, per total "
                                  "score and per band of each dimension, for all firms and by industry division "
                                  "(GB/T 4754), size class and county (GB/T 2260). Groups of fewer than %1 firms "
                                  "are left out (this program's rule, so that a small group does not reveal a "
                                  "firm); no firm's name, credit code or file is in it. Firms compare themselves "
                                  "with it (smedigital-cli score --benchmark).").replace("%1", str(MIN_CELL))
        for button, text, name, description in (
            (self.summary_button, self.tr("Save &summary workbook…"), self.tr("Save summary workbook"),
             self.tr("Saves the overview, the tables by industry, size and region, the charts, the firm "
                     "list and the file log as an Excel workbook")),
            (self.csv_button, self.tr("Save long &CSV…"), self.tr("Save long CSV"),
             self.tr("Saves one row per firm and indicator, for pivot tables and statistics programs")),
            (self.benchmark_button, self.tr("Save be&nchmark file…"), self.tr("Save benchmark file"),
             benchmark_about),
            (self.back_button, self.tr("&Back to the firm list"), self.tr("Back to the firm list"),
             self.tr("Returns to the list of firms; the overview stays as it is")),
        ):
            button.setText(text)
            button.setAccessibleName(name)
            button.setAccessibleDescription(description)
            button.setToolTip(description)
        self.benchmark_about.setText(benchmark_about)
        self.bar.retranslate()
        self.empty_label.setText(self.tr("Choose a folder of firms' workbooks and assessment files, then press "
                                         "Aggregate."))
        self.framework_label.setText(self.tr("Frame&work shown:"))
        self.framework_choice.setAccessibleName(self.tr("Framework shown"))
        self.framework_choice.setAccessibleDescription(self.tr("Levels of different frameworks are never added "
                                                               "together: the charts and tables show one "
                                                               "framework's firms"))
        self.tabs.setAccessibleName(self.tr("Regional overview"))
        for page in self.pages:
            page.retranslate()
            self.tabs.setTabText(self.tabs.indexOf(page), page.tab_title())  # type: ignore[arg-type]  # every OfficeTab is a QWidget
        if self.result is not None:
            self._show_result()
        self._update_state()

    # ------------------------------------------------------------------ inputs

    def _start_folder(self) -> str:
        folder = FOLDER_STATE.get(self.library)
        return folder if folder and Path(folder).is_dir() else str(Path.home())

    def _remember_folder(self, folder: str) -> None:
        FOLDER_STATE.remember(self.library, folder)

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
                self.bar.inputs_list.addItem(p)
        self._update_state()
        self.run_button.setFocus()

    def set_inputs(self, paths: list[str]) -> None:
        self.clear_inputs()
        self.add_inputs([str(p) for p in paths])

    def remove_selected_inputs(self) -> None:
        for item in self.bar.inputs_list.selectedItems():
            self.inputs.remove(item.text())
            self.bar.inputs_list.takeItem(self.bar.inputs_list.row(item))
        self._update_state()

    def clear_inputs(self) -> None:
        self.inputs.clear()
        self.bar.inputs_list.clear()
        self._update_state()

    def choose_trusted_keys(self, path: str | None = None, quiet: bool = False) -> bool:
        """Choose (or, with ``path``, load) the trusted-keys file; a file that cannot be used is refused
        with every problem and the list in use stays."""
        from smedigital.export.signing import TrustError, load_trusted_keys

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
        KEYS_STATE.remember(self.library, self.trusted_path)
        self._show_keys()
        return True

    def _show_keys(self) -> None:
        self.bar.show_keys(self.trusted_path, len(self.trusted))

    # ------------------------------------------------------------------ the programme's files

    def choose_stages(self, path: str | None = None) -> bool:
        """Choose (or, with ``path``, set) the office's stages file; one with problems is refused, naming each."""
        from smedigital.aggregate.pipeline import load_stages

        return self._choose_office_file(path, load_stages, "stages_path", STAGES_STATE, self.tr("Choose the stages file"),
                                        self.tr("Stages files (*.csv *.yaml *.yml)"))

    def choose_targets(self, path: str | None = None) -> bool:
        """Choose (or, with ``path``, set) the office's targets file; one with problems is refused, naming each."""
        from smedigital.aggregate.targets import load_targets

        return self._choose_office_file(path, load_targets, "targets_path", TARGETS_STATE,
                                        self.tr("Choose the targets file"), self.tr("Targets files (*.yaml *.yml)"))

    def _choose_office_file(self, path: str | None, load: Any, attr: str, state: settings.Setting[str], title: str,
                            file_filter: str) -> bool:
        from smedigital.aggregate.officefile import OfficeFileError

        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, title, self._start_folder(),
                                                  ";;".join([file_filter, self.tr("All files (*)")]))
            if not path:
                return False
        try:
            load(path)
        except OfficeFileError as exc:
            self._office_file_refused(exc)
            return False
        setattr(self, attr, str(path))
        self._remember(state, str(path))
        self._show_programme_files()
        self._rebuild_programme()
        return True

    def forget_programme_files(self) -> None:
        """Use neither the stages nor the targets file from the next run on."""
        self.stages_path = self.targets_path = ""
        self._remember(STAGES_STATE, "")
        self._remember(TARGETS_STATE, "")
        self._show_programme_files()
        self._rebuild_programme()

    def _rebuild_programme(self) -> None:
        """The programme of the result shown, with the stages and targets files now chosen: no need to read every
        firm's file again (the stages and targets are a few rows; building them takes no time)."""
        if self.result is None or self.busy():
            return
        office_files = self._load_programme_files()
        if office_files is None:
            return
        from smedigital.aggregate import build_programme

        self.programme = build_programme(self.result, *office_files)
        self._show_pages()

    def _remember(self, setting: settings.Setting[str], value: str) -> None:
        setting.remember(self.library, value)

    def _remember_rules(self, ref: str) -> None:
        self._remember(RULES_STATE, ref)

    def _show_programme_files(self) -> None:
        self.bar.show_programme_files(self.stages_path, self.targets_path)

    def _office_file_refused(self, exc: Any) -> None:
        """Every problem of a stages or targets file, each with its place, in the interface's language."""
        messages.show_error(self, self.tr("Programme files"),
                            self.tr("This file cannot be used: %1").replace("%1", str(exc.source)) + "\n"
                            + "\n".join(exc.lines(i18n.current_language())))

    def _load_programme_files(self) -> tuple[Any, Any] | None:
        """(stages, targets) read now from the files chosen (None for one not chosen); None when one has problems
        (they are shown)."""
        from smedigital.aggregate.officefile import OfficeFileError
        from smedigital.aggregate.pipeline import load_stages
        from smedigital.aggregate.targets import load_targets

        try:
            stages = load_stages(self.stages_path) if self.stages_path else None
            targets = load_targets(self.targets_path) if self.targets_path else None
        except OfficeFileError as exc:
            self._office_file_refused(exc)
            return None
        return stages, targets

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
        office_files = self._load_programme_files()  # checked before any firm's file is read
        if office_files is None:
            return None
        stages, targets = office_files
        paths = list(self.inputs)
        options = {"trusted": dict(self.trusted), **self.aggregate_options}

        def work(progress: Any, cancel: Any) -> tuple[AggregateResult, Any]:
            from smedigital.aggregate import aggregate, build_programme

            result = aggregate(paths, progress=progress, cancel=cancel, **options)
            try:
                return result, build_programme(result, stages, targets)
            except BaseException:
                result.close()
                raise

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
        self.bar.show_progress(done, total)
        if self.task is not None and not self.task.cancelled:
            self._set_status("reading", done, total)

    def _set_status(self, state: str, a: int = 0, b: int = 0) -> None:
        self.bar.show_status(state, a, b)

    def _run_succeeded(self, outcome: object) -> None:
        assert isinstance(outcome, tuple)
        result, self.programme = outcome
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
        self.bar.set_state(running=running, busy=busy, has_inputs=bool(self.inputs),
                           cancellable=self.task is not None and not self.task.cancelled)
        has_result = self.result is not None
        self.tabs.setVisible(has_result)
        self.empty_label.setVisible(not has_result)
        self.benchmark_about.setVisible(has_result)
        for b in (self.summary_button, self.csv_button, self.benchmark_button, self.programme_page.save_button):
            b.setEnabled(has_result and not busy)
        several = has_result and self.framework_choice.count() > 1
        for w in (self.framework_label, self.framework_choice, self.frameworks_line):
            w.setVisible(several)

    def _show_result(self) -> None:
        result = self.result
        if result is None:
            return
        lang = i18n.current_language()
        self.labels = RegionLabels(result, lang)
        c = result.counts
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
        log.info("aggregated %s files: %s accepted, %s not used, %s firms", c.files, c.accepted,
                 c.rejected + c.duplicates + c.skipped, c.firms)
        self._fill_frameworks()
        self._show_pages()

    def _shown(self) -> Shown | None:
        if self.result is None or self.labels is None:
            return None
        return Shown(self.result, self.labels, self.shown_framework() or "", self.programme)

    def _show_pages(self) -> None:
        shown = self._shown()
        if shown is None:
            return
        self._show_frameworks_line()
        for page in self.pages:
            page.show_result(shown)
        self._update_state()

    # ------------------------------------------------------------------ the framework shown

    def shown_framework(self) -> str | None:
        """The framework whose charts and tables are shown (levels are never pooled across frameworks);
        None before a run or when no firm was found."""
        if self.result is None or not self.result.tables.per_framework:
            return None
        fid = self.framework_choice.currentData()
        known = [t.framework_id for t in self.result.tables.per_framework]
        return fid if isinstance(fid, str) and fid in known else known[0]

    def set_framework(self, framework_id: str) -> bool:
        """Show ``framework_id``'s figures; False when the files hold no firm of it."""
        index = self.framework_choice.findData(framework_id)
        if index < 0:
            return False
        self.framework_choice.setCurrentIndex(index)
        return True

    def _fill_frameworks(self) -> None:
        assert self.result is not None and self.labels is not None
        current = self.framework_choice.currentData()
        self.framework_choice.blockSignals(True)
        self.framework_choice.clear()
        for ft in self.result.tables.per_framework:  # the framework with the most firms first
            self.framework_choice.addItem(f"{self.labels.framework(ft.framework_id)} · {ft.overall.firms}",
                                          ft.framework_id)
        self.framework_choice.setCurrentIndex(max(0, self.framework_choice.findData(current)))
        self.framework_choice.blockSignals(False)

    def _framework_changed(self) -> None:
        if self.result is not None:
            self._show_pages()

    def _show_frameworks_line(self) -> None:
        assert self.result is not None and self.labels is not None
        n = len(self.result.tables.per_framework)
        fid = self.shown_framework()
        text = ""
        if n > 1 and fid is not None:
            text = (self.tr("%1 frameworks in these files: showing %2. Each framework's levels are its own; "
                            "choose another to see its firms.").replace("%1", str(n))
                    .replace("%2", self.labels.framework(fid)))
        self.frameworks_line.setText(text)
        self.frameworks_line.setAccessibleName(text)

    # ------------------------------------------------------------------ what the tabs show (tests, screenshots)

    @property
    def canvases(self) -> dict[str, Any]:
        """The charts on screen by name: histogram and pillars (overview), levels (groups)."""
        found: dict[str, Any] = {}
        for page in self.pages:
            found.update(getattr(page, "canvases", {}))
        return found

    def grouping(self) -> str:
        return self.groups.grouping()

    def set_grouping(self, by: str) -> None:
        self.groups.set_grouping(by)

    def show_rejected_files(self) -> None:
        self.tabs.setCurrentWidget(self.files)
        self.files.show_status("rejected")

    def shown_files(self) -> list[tuple[str, str, str]]:
        """(file name, status, reason) of the rows the file log shows, in order (tests, screen readers)."""
        return self.files.shown_files()

    # ------------------------------------------------------------------ drill-down

    def show_history(self, source_row: int | None = None) -> FirmHistoryDialog | None:
        """The history of a firm (the selected one by default), window-modal, not blocking."""
        if self.result is None or self.labels is None:
            return None
        if source_row is None:
            source_row = self.firms.selected_row()
            if source_row is None:
                return None
        firm = self.firms.firm_model.row(source_row)
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
        return self.firms.select_firm(name)

    # ------------------------------------------------------------------ saving

    def output_folder(self) -> str:
        """Where an output is offered first: the last folder used, unless it is inside a folder being
        aggregated (the next run would find the summary there); then the folder above the inputs."""
        from smedigital.aggregate.run import inside_inputs

        folder = self._start_folder()
        seen = 0
        while inside_inputs(folder, self.inputs) and seen < 64:
            parent = str(Path(folder).parent)
            if parent == folder:
                return str(Path.home())
            folder, seen = parent, seen + 1
        return folder

    def _ask_path(self, title: str, name: str, file_filter: str, suffix: str) -> Path | None:
        from smedigital.ui.exports import with_suffix

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
            from smedigital.aggregate import write_summary

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
            from smedigital.aggregate import write_long_csv

            write_long_csv(result, target)

        return self._save(path, write, title, self.tr("Writing the long CSV…"))

    def save_benchmark(self) -> FileJob | None:
        """Ask where, then write the anonymised benchmark file (counts only, groups under 10 firms left out)."""
        if self.result is None or self.busy():
            return None
        title = self.tr("Save benchmark file")
        path = self._ask_path(title, self.tr("benchmark") + f" {_dt.date.today().isoformat()}.json",
                              ";;".join([self.tr("Benchmark files (*.json)"), self.tr("All files (*)")]), ".json")
        if path is None:
            return None
        result = self.result

        def write(target: Path) -> None:
            from smedigital.aggregate.benchmark import write_benchmark

            write_benchmark(result, target)

        return self._save(path, write, title, self.tr("Writing the benchmark file…"))

    def save_recommendation(self) -> FileJob | None:
        """Ask where, then write the 推荐汇总表 workbook: one row per firm, the pipeline, the targets, the 服务商."""
        if self.result is None or self.programme is None or self.busy():
            return None
        title = self.tr("Save 推荐汇总表")
        pack = None
        ref = self.programme_page.rules_ref
        if ref:
            from smedigital.core.plan_subsidy import resolve_pack
            from smedigital.core.rules import RulesError

            try:
                pack = resolve_pack(ref)
            except RulesError as exc:
                messages.show_error(self, title, self.tr("This rule pack cannot be used: %1").replace("%1", ref)
                                    + "\n" + "\n".join(p.text(i18n.current_language()) for p in exc.problems))
                return None
        path = self._ask_path(title, self.tr("推荐汇总表") + f" {_dt.date.today().isoformat()}.xlsx",
                              ";;".join([self.tr("Excel workbooks (*.xlsx)"), self.tr("All files (*)")]), ".xlsx")
        if path is None:
            return None
        result, programme, lang = self.result, self.programme, i18n.current_language()

        def write(target: Path) -> None:
            from smedigital.aggregate import write_recommendation

            write_recommendation(result, programme.pipeline, target, lang, progress=programme.progress,
                                 providers=programme.providers, pack=pack)

        return self._save(path, write, title, self.tr("Writing the 推荐汇总表…"))

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
        except Exception:
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
