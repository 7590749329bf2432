"""The tables of the regional overview: groups, firms, the file log and one firm's history.

Each model shows rows of the aggregation's plain data (:mod:`smedigital.aggregate.model`)
with names from :class:`~.labels.RegionLabels`; ``SORT_ROLE`` gives numbers for sorting.
Statuses and levels are written out: nothing is said by colour alone.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from smedigital.aggregate.model import FileStatus, Firm, GroupRow
from smedigital.aggregate.reader import AssessmentRow
from smedigital.aggregate.words import NO_SHARE
from smedigital.core.wording import fmt_score

from ..messages import plain_tip
from .labels import RegionLabels

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2
AnyIndex = QModelIndex | QPersistentModelIndex
DISPLAY = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole)
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def percent(share: float | None) -> str:
    """A share as a percentage; "—" for none (no firm to count), never 0%."""
    return NO_SHARE if share is None else f"{share * 100:.1f}%"


def share_sort(share: float | None) -> float:
    return -1.0 if share is None else share


def number(x: float) -> str:
    """A score (total, pillar, dimension or a mean of them), by the project's one rounding rule."""
    return fmt_score(x)


class _Table(QAbstractTableModel):
    """Rows of cells: each column a (header, text of a row, sort value of a row, numeric?)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []
        self.columns: list[tuple[str, Callable[[Any], str], Callable[[Any], Any], bool]] = []

    def reset(self, rows: Sequence[Any], columns: list[tuple[str, Callable[[Any], str], Callable[[Any], Any], bool]]
              ) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.columns = columns
        self.endResetModel()

    def row(self, index: int) -> Any:
        return self.rows[index]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt signature
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt signature
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role in (Qt.ItemDataRole.DisplayRole,
                                                                 Qt.ItemDataRole.ToolTipRole):
            return self.columns[section][0]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        _, text, sort, numeric = self.columns[index.column()]
        if role in DISPLAY:
            return text(row)
        if role == SORT_ROLE:
            return sort(row)
        if role == Qt.ItemDataRole.TextAlignmentRole and numeric:
            return RIGHT
        return self.extra(row, index.column(), role)

    def extra(self, row: Any, column: int, role: int) -> Any:
        return None


def _value_at(field: str, i: int) -> Callable[[Any], Any]:
    """A column's sort value: item ``i`` of a row's ``field``."""
    return lambda row: getattr(row, field)[i]


def _shown_at(field: str, i: int, show: Callable[[Any], str] = str) -> Callable[[Any], str]:
    """A column's text: item ``i`` of a row's ``field``, shown by ``show``."""
    return lambda row: show(getattr(row, field)[i])


class GroupModel(_Table):
    """Firms of each industry section, size class, region or framework, with levels, stages, shares and means.

    The shares at level 2 and 3 or above are of the group's firms assessed with a framework of the
    national levels (二级, 三级), shown beside them; "—" for a group without any.
    """

    def show(self, rows: Sequence[GroupRow], labels: RegionLabels, by: str, framework_id: str | None = None) -> None:
        """``framework_id``: the rows are of that framework's firms alone (its level and stage names)."""
        n_levels = len(rows[0].levels) if rows else 5
        n_stages = len(rows[0].stages) if rows else 4
        group_header = {"industry": self.tr("Industry (GB/T 4754 section)"), "size": self.tr("Size class"),
                        "region": self.tr("Region"), "city": self.tr("Prefecture-level division"),
                        "province": self.tr("Province-level division"), "framework": self.tr("Framework")}[by]
        columns: list[tuple[str, Callable[[Any], str], Callable[[Any], Any], bool]] = [
            (group_header, lambda g: labels.group(by, g.key),
             lambda g: ("\uffff" if g.key == "" else "") + labels.group(by, g.key).casefold(), False),  # blank last
            (self.tr("Firms"), lambda g: str(g.firms), lambda g: g.firms, True),
        ]
        for i in range(n_levels):
            columns.append((labels.level(i, framework_id), _shown_at("levels", i), _value_at("levels", i), True))
        for i in range(n_stages):
            columns.append((labels.stage(i, framework_id), _shown_at("stages", i), _value_at("stages", i), True))
        national = labels.national
        columns += [
            (self.tr("Assessed with %1").replace("%1", national), lambda g: str(g.national_firms),
             lambda g: g.national_firms, True),
            (self.tr("Share at level 2 or above (of the firms assessed with %1)").replace("%1", national),
             lambda g: percent(g.national_share(2)), lambda g: share_sort(g.national_share(2)), True),
            (self.tr("Share at level 3 or above (of the firms assessed with %1)").replace("%1", national),
             lambda g: percent(g.national_share(3)), lambda g: share_sort(g.national_share(3)), True),
            (self.tr("Mean total"), lambda g: number(g.mean_total), lambda g: g.mean_total, True),
        ]
        for i, name in enumerate(labels.pillars()):
            columns.append((self.tr("Mean %1").replace("%1", name), _shown_at("mean_pillars", i, number),
                            _value_at("mean_pillars", i), True))
        self.reset(rows, columns)


class FirmModel(_Table):
    """Every firm with its newest assessment and how many it has."""

    def show(self, firms: Sequence[Firm], labels: RegionLabels) -> None:
        def newest(f: Firm) -> AssessmentRow:
            return f.newest

        self.reset(firms, [
            (self.tr("Firm"), lambda f: newest(f).name, lambda f: newest(f).name, False),
            (self.tr("Credit code"), lambda f: newest(f).credit_code, lambda f: newest(f).credit_code, False),
            (self.tr("Region"), lambda f: labels.region(newest(f).region), lambda f: newest(f).region, False),
            (self.tr("Industry"), lambda f: labels.industry(newest(f).industry_section),
             lambda f: newest(f).industry_section, False),
            (self.tr("Size class"), lambda f: labels.size(newest(f).size), lambda f: newest(f).size, False),
            (self.tr("Framework"), lambda f: labels.framework(newest(f).framework_id),
             lambda f: newest(f).framework_id, False),
            (self.tr("Assessments"), lambda f: str(len(f.history)), lambda f: len(f.history), True),
            (self.tr("Last assessed"), lambda f: newest(f).assessed_on, lambda f: newest(f).assessed_on, False),
            (self.tr("Total"), lambda f: number(newest(f).total), lambda f: newest(f).total, True),
            (self.tr("Level"), lambda f: labels.level(newest(f).level, newest(f).framework_id),
             lambda f: newest(f).level, False),
            (self.tr("Stage"), lambda f: labels.stage(newest(f).stage, newest(f).framework_id),
             lambda f: newest(f).stage, False),
            (self.tr("Check"), lambda f: f.flags_text(labels.lang), lambda f: -len(f.flags),
             False),
        ])

    def extra(self, row: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(row.newest.path)
        return None


class RegionIssueModel(_Table):
    """The regions that name no GB/T 2260 division, or several: for the office to resolve."""

    def show(self, issues: Sequence[Any], lang: str) -> None:
        def problem(i: Any) -> str:
            return self.tr("may mean several places") if i.status == "ambiguous" else self.tr("not recognised")

        self.reset(issues, [
            (self.tr("Region as given"), lambda i: i.text, lambda i: i.text, False),
            (self.tr("Problem"), problem, lambda i: i.status, False),
            (self.tr("Firms"), lambda i: str(i.firms), lambda i: i.firms, True),
            (self.tr("Possible divisions"), lambda i: "; ".join(f"{c} {n}" for c, n in i.candidates),
             lambda i: len(i.candidates), False),
        ])

    def extra(self, row: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(row.message.get(i18n_lang()))
        return None


def i18n_lang() -> str:
    from smedigital.ui import i18n

    return i18n.current_language()


class FileLogModel(_Table):
    """Every input file: its status and the reason, in words."""

    def show(self, files: Sequence[FileStatus], lang: str) -> None:
        statuses = self.status_words()
        self.reset(files, [
            (self.tr("File"), lambda f: os.path.basename(f.path), lambda f: os.path.basename(f.path).casefold(),
             False),
            (self.tr("Status"), lambda f: statuses.get(f.status, f.status), lambda f: f.status, False),
            (self.tr("Reason"), lambda f: f.reason(lang), lambda f: f.reason(lang), False),
            (self.tr("Signature"), lambda f: f.signature_text(lang), lambda f: f.signature, False),
            (self.tr("Check"), lambda f: f.flags_text(lang), lambda f: -len(f.flags), False),
            (self.tr("Folder"), lambda f: os.path.dirname(f.path), lambda f: f.path, False),
        ])

    def status_words(self) -> dict[str, str]:
        return {"accepted": self.tr("accepted"), "rejected": self.tr("rejected"),
                "duplicate": self.tr("duplicate"), "skipped": self.tr("skipped")}

    def extra(self, row: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(row.path)
        if role == STATUS_ROLE:
            return row.status
        return None


class FileLogFilter(QSortFilterProxyModel):
    """Only files of one status (or all), and only those whose name, folder or reason contain a text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.status = ""
        self.text = ""
        self.setSortRole(SORT_ROLE)

    def set_status(self, status: str) -> None:
        self.status = status
        self.invalidate()  # not invalidateFilter(): deprecated from Qt 6.10

    def set_text(self, text: str) -> None:
        self.text = text.strip().casefold()
        self.invalidate()  # not invalidateFilter(): deprecated from Qt 6.10

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:  # noqa: N802 - Qt override
        model = self.sourceModel()
        if not isinstance(model, FileLogModel) or source_row >= len(model.rows):
            return True
        f = model.rows[source_row]
        if self.status and f.status != self.status:
            return False
        if self.text:
            shown = " ".join(str(model.index(source_row, c).data()) for c in range(model.columnCount()))
            return self.text in shown.casefold()
        return True


class HistoryModel(_Table):
    """One firm's assessments, oldest first, and whether each is in the firm library."""

    def show(self, rows: Sequence[AssessmentRow], labels: RegionLabels, in_library: Sequence[int | None]) -> None:
        self.in_library = list(in_library)
        where = {id(r): i for i, r in enumerate(rows)}

        def stored(r: AssessmentRow) -> bool:
            return self.in_library[where[id(r)]] is not None

        self.reset(rows, [
            (self.tr("Assessed on"), lambda r: r.assessed_on, lambda r: r.assessed_on, False),
            (self.tr("Framework"), lambda r: labels.framework(r.framework_id), lambda r: r.framework_id, False),
            (self.tr("Total"), lambda r: number(r.total), lambda r: r.total, True),
            (self.tr("Level"), lambda r: labels.level(r.level, r.framework_id), lambda r: r.level, False),
            (self.tr("Stage"), lambda r: labels.stage(r.stage, r.framework_id), lambda r: r.stage, False),
            (self.tr("In the firm library"), lambda r: self.tr("yes") if stored(r) else self.tr("no"),
             lambda r: int(stored(r)), False),
            (self.tr("File"), lambda r: os.path.basename(r.path), lambda r: r.path, False),
        ])

    def set_in_library(self, row: int, assessment_id: int | None) -> None:
        self.in_library[row] = assessment_id
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def extra(self, row: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(row.path)
        return None
