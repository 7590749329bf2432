"""The inputs and run bar of the regional overview: folders and files, trusted keys, the programme's stages and
targets files, Aggregate, progress, Cancel.

Widgets and words only: the view owns the inputs, the trusted keys and the run, connects the
buttons and tells the bar what to show (:meth:`RunBar.set_state`, :meth:`RunBar.show_status`,
:meth:`RunBar.show_keys`, :meth:`RunBar.show_programme_files`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .common import value_label


class RunBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.inputs_label = QLabel(self)
        self.inputs_list = QListWidget(self)
        self.inputs_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.inputs_list.setMaximumHeight(self.fontMetrics().height() * 3 + 12)
        self.inputs_label.setBuddy(self.inputs_list)
        self.folder_button = QPushButton(self)
        self.files_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        self.clear_button = QPushButton(self)
        self.keys_button = QPushButton(self)
        self.keys_label = value_label(self)
        self.stages_button = QPushButton(self)  # the office's stages file (pipeline.py)
        self.targets_button = QPushButton(self)  # the office's targets file (targets.py)
        self.forget_button = QPushButton(self)  # neither any more
        self.programme_label = value_label(self)
        self.run_button = QPushButton(self)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton(self)
        self.cancel_button.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        self.run_status = value_label(self)
        self._status: tuple[str, int, int] = ("", 0, 0)  # what the run is doing, kept to say it again in another language
        self._keys: tuple[str, int] = ("", 0)  # the trusted-keys file shown and its number of keys
        self._programme: tuple[str, str] = ("", "")  # the stages and targets files shown

        inputs = QHBoxLayout()
        inputs.addWidget(self.inputs_label, 1)
        for b in (self.folder_button, self.files_button, self.remove_button, self.clear_button):
            inputs.addWidget(b)
        keys = QHBoxLayout()
        keys.addWidget(self.keys_button)
        keys.addWidget(self.keys_label, 1)
        keys.addWidget(self.stages_button)
        keys.addWidget(self.targets_button)
        keys.addWidget(self.forget_button)
        run = QHBoxLayout()  # the stages and targets files shown on the run's row: a row less on a short screen
        run.addWidget(self.run_button)
        run.addWidget(self.progress, 2)
        run.addWidget(self.cancel_button)
        run.addWidget(self.run_status, 1)
        run.addWidget(self.programme_label, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(inputs)
        layout.addWidget(self.inputs_list)
        layout.addLayout(keys)
        layout.addLayout(run)
        chain: list[QWidget] = [self.folder_button, self.files_button, self.remove_button, self.clear_button,
                                self.inputs_list, self.keys_button, self.stages_button, self.targets_button,
                                self.forget_button, self.run_button, self.cancel_button]
        for first, then in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, then)

    def retranslate(self) -> None:
        self.inputs_label.setText(self.tr("&Folders and files to aggregate:"))
        self.inputs_list.setAccessibleName(self.tr("Folders and files to aggregate"))
        self.inputs_list.setAccessibleDescription(self.tr("Every file in these folders (and their subfolders) "
                                                          "and every file listed is read"))
        for button, text, name, description in (
            (self.folder_button, self.tr("Choose f&older…"), self.tr("Choose folder"),
             self.tr("Adds a folder of firms' workbooks and assessment files")),
            (self.files_button, self.tr("Add f&iles…"), self.tr("Add files"),
             self.tr("Adds single workbooks or assessment files")),
            (self.remove_button, self.tr("&Remove"), self.tr("Remove"),
             self.tr("Removes the selected folders and files from the list")),
            (self.clear_button, self.tr("Cl&ear"), self.tr("Clear"), self.tr("Empties the list")),
            (self.keys_button, self.tr("&Trusted keys…"), self.tr("Trusted keys"),
             self.tr("Chooses the office's trusted-keys file: files signed by one of its keys show who signed "
                     "them")),
            (self.stages_button, self.tr("Stages file (&K)…"), self.tr("Stages file"),
             self.tr("Chooses the office's stages file (CSV or smedigital-stages YAML): the stages only the office "
                     "knows (filing, payout), a 服务商 or declared spend per firm, read at every run")),
            (self.targets_button, self.tr("Targets file (&J)…"), self.tr("Targets file"),
             self.tr("Chooses the office's targets file (smedigital-targets YAML): shares at a level or above and "
                     "counts by a date, each with its source, read at every run")),
            (self.forget_button, self.tr("No stages or targets"), self.tr("No stages or targets"),
             self.tr("Stops using the stages and targets files; the programme tab then shows the stages the firms' "
                     "files show")),
            (self.run_button, self.tr("&Aggregate"), self.tr("Aggregate"),
             self.tr("Reads every file and builds the regional overview")),
            (self.cancel_button, self.tr("Cancel"), self.tr("Cancel"),
             self.tr("Stops reading files (Esc); what was read so far is shown")),
        ):
            button.setText(text)
            button.setAccessibleName(name)
            button.setAccessibleDescription(description)
            button.setToolTip(description)
        self.progress.setAccessibleName(self.tr("Progress"))
        self.progress.setAccessibleDescription(self.tr("How many of the files have been read"))
        self.show_keys(*self._keys)
        self.show_programme_files(*self._programme)
        self.show_status(*self._status)

    def set_state(self, *, running: bool, busy: bool, has_inputs: bool, cancellable: bool) -> None:
        for w in (self.folder_button, self.files_button, self.inputs_list, self.keys_button, self.stages_button,
                  self.targets_button):
            w.setEnabled(not running)
        self.forget_button.setEnabled(not running and any(self._programme))
        self.remove_button.setEnabled(not running and bool(self.inputs_list.selectedItems()))
        self.clear_button.setEnabled(not running and has_inputs)
        self.run_button.setEnabled(not busy and has_inputs)
        self.run_button.setDefault(not busy and has_inputs)
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        self.cancel_button.setEnabled(running and cancellable)

    def show_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(self.tr("%1 of %2 files").replace("%1", str(done)).replace("%2", str(total)))

    def show_keys(self, path: str, count: int) -> None:
        self._keys = (path, count)
        if not path:
            self.keys_label.setText(self.tr("No trusted-keys file: signed files show as signed by an unknown key"))
        else:
            self.keys_label.setText(self.tr("Trusted keys: %1 (%2 keys)").replace("%1", Path(path).name)
                                    .replace("%2", str(count)))

    def show_programme_files(self, stages: str, targets: str) -> None:
        self._programme = (stages, targets)
        parts = [self.tr("Stages file: %1").replace("%1", Path(stages).name) if stages else
                 self.tr("No stages file: the stages come from the firms' files"),
                 self.tr("Targets file: %1").replace("%1", Path(targets).name) if targets else
                 self.tr("No targets file")]
        self.programme_label.setText(" · ".join(parts))
        self.programme_label.setAccessibleName(self.programme_label.text())
        self.forget_button.setEnabled(self.stages_button.isEnabled() and bool(stages or targets))

    def show_status(self, state: str, a: int = 0, b: int = 0) -> None:
        """What the run is doing: "", looking, reading (a of b), stopping, cancelled (after a of b), done (a
        files) or failed."""
        self._status = (state, a, b)
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
