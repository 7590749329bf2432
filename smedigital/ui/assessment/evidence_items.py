"""Marking a question's evidence items (佐证材料) present, missing or not applicable, with their files.

The items are data of the framework (``Question.evidence_items``: an id, a text per language and, for scene
and scale levels, the level from which an item is asked); for the MIIT table they are the project's reading
of a public tool's lists, not checked against official guidance, and the dialog says so. Each item's mark
goes into the answer (``Answer.evidence_items``: status and linked files, with size and SHA-256 when the
library holds the file) and is read from there by the 一企一档 index and the verification sheet
(``smedigital.export.pack``, ``smedigital.export.pilot_pdf``). Which items the current answer claims follows
:func:`smedigital.core.evidence.needed_items`: an item nobody marked counts as missing for it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from smedigital.core.answers import EvidenceFile, EvidenceMark
from smedigital.core.framework import Question
from smedigital.ui import messages
from smedigital.ui.screens import fit_to_screen

UNMARKED = ""
STATUSES = (UNMARKED, "present", "missing", "na")  # the combo's order; "" is "not marked"


def status_words() -> dict[str, str]:
    return {UNMARKED: QCoreApplication.translate("EvidenceItemsDialog", "Not marked (counts as missing)"),
            "present": QCoreApplication.translate("EvidenceItemsDialog", "Present"),
            "missing": QCoreApplication.translate("EvidenceItemsDialog", "Missing"),
            "na": QCoreApplication.translate("EvidenceItemsDialog", "Not applicable")}


def marks_summary(question: Question, marks: Mapping[str, EvidenceMark], needed: Collection[str] | None = None) -> str:
    """``Evidence items: 2 present, 1 missing, 3 not marked`` (words, not colour) for the card, counting only the
    items the current answer needs (``needed``, :func:`smedigital.core.evidence.needed_items`; None: every item).
    An item above the level claimed is not needed: it is neither missing nor "not marked" for this answer."""
    items = [i for i in question.evidence_items if needed is None or i.id in needed]
    if not items:
        return QCoreApplication.translate("EvidenceItemsDialog", "Evidence items: none needed for the answer claimed")
    counts = {s: 0 for s in STATUSES}
    for item in items:
        mark = marks.get(item.id)
        counts[mark.status if mark is not None and mark.status in counts else UNMARKED] += 1
    parts = [QCoreApplication.translate("EvidenceItemsDialog", "%1 present").replace("%1", str(counts["present"])),
             QCoreApplication.translate("EvidenceItemsDialog", "%1 missing").replace("%1", str(counts["missing"])),
             QCoreApplication.translate("EvidenceItemsDialog", "%1 not applicable").replace("%1", str(counts["na"])),
             QCoreApplication.translate("EvidenceItemsDialog", "%1 not marked").replace("%1", str(counts[UNMARKED]))]
    sep = QCoreApplication.translate("EvidenceItemsDialog", ", ")
    text = QCoreApplication.translate("EvidenceItemsDialog", "Evidence items: %1").replace("%1", sep.join(
        p for p, s in zip(parts, ("present", "missing", "na", UNMARKED), strict=True) if counts[s]))
    if len(items) < len(question.evidence_items):
        text += QCoreApplication.translate("EvidenceItemsDialog", " (%1 of %2 items are needed for the answer "
                                           "claimed)").replace("%1", str(len(items))).replace(
            "%2", str(len(question.evidence_items)))
    return text


class EvidenceItemsDialog(QDialog):
    """The question's evidence items in a table: a status for each and, below, the attached files linked to
    the selected item. ``marks()`` is the result (items left "not marked" are not stored)."""

    COL_ID, COL_ITEM, COL_NEEDED, COL_STATUS, COL_FILES = range(5)

    def __init__(self, question: Question, lang: str, marks: Mapping[str, EvidenceMark], attached: list[str],
                 describe: Callable[[str], EvidenceFile], needed: set[str] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.lang = lang
        self.describe = describe
        self.attached = list(dict.fromkeys(attached))
        self._status = {i.id: (marks[i.id].status if i.id in marks else UNMARKED) for i in question.evidence_items}
        self._files: dict[str, list[EvidenceFile]] = {i.id: list(marks[i.id].files) if i.id in marks else []
                                                      for i in question.evidence_items}
        self._loading = False
        self.setWindowTitle(self.tr("Evidence items — %1").replace("%1", question.label.get(lang)))
        self.setAccessibleName(self.windowTitle())
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Mark each item the answer rests on as present, missing or not applicable, and link "
                               "the attached files that show it. An item not marked counts as missing for the level "
                               "or points claimed; an item marked with a level is asked for only from that level up. The lists are "
                               "this program's reading of the evidence the MIIT indicators ask for (a public assessment "
                               "tool's lists), and the levels its reading of the level texts, not official guidance."),
                       self)
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(intro)

        words = status_words()
        needed = needed or set()
        self.table = QTableWidget(len(question.evidence_items), 5, self)
        self.table.setHorizontalHeaderLabels([self.tr("Id"), self.tr("Evidence item"),
                                              self.tr("Asked by the answer"), self.tr("Status"), self.tr("Files")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName(self.tr("Evidence items"))
        self.table.setAccessibleDescription(self.tr("One row per item; the Status column sets its mark, the list "
                                                    "below links files to the selected item"))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.COL_ITEM, QHeaderView.ResizeMode.Stretch)
        self.status_boxes: dict[str, QComboBox] = {}
        for row, item in enumerate(question.evidence_items):
            text = item.get(lang) + (self.tr(" (from level %1)").replace("%1", str(item.level)) if item.level else "")
            self.table.setItem(row, self.COL_ID, QTableWidgetItem(item.id))
            self.table.setItem(row, self.COL_ITEM, QTableWidgetItem(text))
            self.table.setItem(row, self.COL_NEEDED, QTableWidgetItem(self.tr("yes") if item.id in needed
                                                                      else self.tr("no")))
            self.table.setItem(row, self.COL_FILES, QTableWidgetItem(""))
            box = QComboBox(self.table)
            for status in STATUSES:
                box.addItem(words[status], status)
            box.setCurrentIndex(STATUSES.index(self._status[item.id]) if self._status[item.id] in STATUSES else 0)
            box.setAccessibleName(self.tr("Status of %1").replace("%1", f"{item.id} {item.get(lang)}"))
            box.currentIndexChanged.connect(lambda _i, iid=item.id, b=box: self._status_chosen(iid, b))
            self.table.setCellWidget(row, self.COL_STATUS, box)
            self.status_boxes[item.id] = box
            self._show_files(item.id)
        self.table.resizeColumnsToContents()
        header.setSectionResizeMode(self.COL_ITEM, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)

        self.files_label = QLabel(self, textFormat=Qt.TextFormat.PlainText)
        self.files_label.setWordWrap(True)
        layout.addWidget(self.files_label)
        self.files = QListWidget(self)
        self.files.setAccessibleName(self.tr("Attached files linked to the selected item"))
        self.files.setMaximumHeight(120)
        self.files.itemChanged.connect(self._file_toggled)
        layout.addWidget(self.files)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.table.currentCellChanged.connect(lambda row, *_: self._show_links(row))
        if question.evidence_items:
            self.table.selectRow(0)
            self._show_links(0)
        fit_to_screen(self, QSize(760, 420))

    # -------------------------------------------------------------- state

    def item_ids(self) -> list[str]:
        return [i.id for i in self.question.evidence_items]

    def set_status(self, item_id: str, status: str) -> None:
        """Choose a status as the user would (tests, keyboard-free)."""
        box = self.status_boxes[item_id]
        box.setCurrentIndex(STATUSES.index(status))

    def link(self, item_id: str, ref: str, linked: bool = True) -> None:
        """Link (or unlink) an attached file to an item, as ticking it in the list does."""
        self.table.selectRow(self.item_ids().index(item_id))
        self._show_links(self.item_ids().index(item_id))
        for row in range(self.files.count()):
            entry = self.files.item(row)
            if entry.data(Qt.ItemDataRole.UserRole) == ref:
                entry.setCheckState(Qt.CheckState.Checked if linked else Qt.CheckState.Unchecked)

    def marks(self) -> dict[str, EvidenceMark]:
        """The marks to keep in the answer: every item with a status (a file linked to an item not marked makes
        it present)."""
        out: dict[str, EvidenceMark] = {}
        for iid in self.item_ids():
            status = self._status[iid]
            files = tuple(self._files[iid])
            if status == UNMARKED and files:
                status = "present"
            if status != UNMARKED:
                out[iid] = EvidenceMark(status, files)
        return out

    # -------------------------------------------------------------- slots

    def _status_chosen(self, item_id: str, box: QComboBox) -> None:
        self._status[item_id] = str(box.currentData())

    def _show_files(self, item_id: str) -> None:
        row = self.item_ids().index(item_id)
        names = [f.name for f in self._files[item_id]]
        cell = self.table.item(row, self.COL_FILES)
        assert cell is not None  # every row has its files cell
        cell.setText(", ".join(names) if self.lang == "en" else "、".join(names))
        cell.setToolTip(messages.plain_tip("\n".join(names)) if names else "")  # a file name is never HTML

    def _show_links(self, row: int) -> None:
        if not 0 <= row < len(self.question.evidence_items):
            return
        item = self.question.evidence_items[row]
        self._loading = True
        self.files.clear()
        linked = {f.name for f in self._files[item.id]}
        for ref in dict.fromkeys([*self.attached, *linked]):
            entry = QListWidgetItem(ref, self.files)
            entry.setData(Qt.ItemDataRole.UserRole, ref)
            entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            entry.setCheckState(Qt.CheckState.Checked if ref in linked else Qt.CheckState.Unchecked)
            if ref not in self.attached:
                entry.setToolTip(self.tr("Linked, but no longer attached to the question"))
        self._loading = False
        if self.attached or linked:
            self.files_label.setText(self.tr("Files linked to %1 (tick to link):").replace("%1", item.id))
        else:
            self.files_label.setText(self.tr("No file is attached to this question yet: attach files on the "
                                             "question card, then link them here."))

    def _file_toggled(self, entry: QListWidgetItem) -> None:
        if self._loading:
            return
        row = self.table.currentRow()
        if not 0 <= row < len(self.question.evidence_items):
            return
        iid = self.question.evidence_items[row].id
        ref = str(entry.data(Qt.ItemDataRole.UserRole))
        files = [f for f in self._files[iid] if f.name != ref]
        if entry.checkState() == Qt.CheckState.Checked:
            files.append(self.describe(ref))
            if self._status[iid] in (UNMARKED, "missing"):
                self.set_status(iid, "present")
        self._files[iid] = files
        self._show_files(iid)
