"""The improvement plan: choose a target, edit the actions in place, see the totals and the expected result.

The plan itself comes from :func:`smedigital.core.planning.build_plan`; this page
shows it in a table (owner, due date, status and notes are editable in place) and
stores the plan record (target and edits) in the assessment through the session.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from smedigital.core.actions import steps_up
from smedigital.core.optimize import Objective
from smedigital.core.plan_subsidy import PlanSubsidy, plan_subsidy, resolve_pack
from smedigital.core.planning import (
    PHASE_LABELS,
    STATUS_LABELS,
    STATUSES,
    ImprovementPlan,
    PlanItem,
    Target,
    build_plan,
    edit_item,
    parse_target,
    plan_record,
)
from smedigital.core.rules import bundled_rule_packs, yuan
from smedigital.core.scoring import Result
from smedigital.core.wording import fmt_score
from smedigital.ui import theme
from smedigital.ui.flow import FlowLayout

from .export_bar import ExportBar
from .session import AssessmentSession
from .widgets import date_in_range, fmt_number, qdate, set_accessible

log = logging.getLogger("smedigital.ui.assessment")

REBUILD_DELAY_MS = 80  # planning searches; a burst of answer changes plans once

AnyIndex = QModelIndex | QPersistentModelIndex

# column id, editable
COLUMNS: tuple[tuple[str, bool], ...] = (
    ("phase", False), ("action", False), ("priority", False), ("cost", False), ("subsidy", False),
    ("months", False), ("start", False), ("what_if", True), ("owner", True), ("due", True), ("status", True),
    ("notes", True),
)
WHAT_IF = ("", "pin", "exclude")  # as planned, pinned (we will do it), excluded (we will not)
YUAN_PER_UNIT = 10_000  # the budget is entered in 万元
ACTION_MIN_WIDTH = 220  # pixels: the action column is never squeezed below this (the table scrolls instead)
COLUMN_INDEX = {c: i for i, (c, _) in enumerate(COLUMNS)}


def _yuan(n: int) -> str:
    return f"{n:,}"


class PlanModel(QAbstractTableModel):
    """The plan's items as table rows; edits go to ``edit(key, field, value)``."""

    def __init__(self, lang: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.plan: ImprovementPlan | None = None
        self.items: list[PlanItem] = []
        self.subsidy: PlanSubsidy | None = None  # the chosen rule pack applied to the plan
        self.editor: Any = None  # callable(key, field, value) set by the page

    def set_plan(self, plan: ImprovementPlan | None) -> None:
        self.beginResetModel()
        self.plan = plan
        self.items = [i for ph in plan.phases for i in ph.items] if plan else []
        self.endResetModel()

    def refresh_rows(self) -> None:
        """The plan changed in place (an edit re-schedules it): show it again, keeping the selection."""
        if self.plan is None:
            return
        order = [i for ph in self.plan.phases for i in ph.items]
        if [i.key for i in order] != [i.key for i in self.items]:
            self.layoutAboutToBeChanged.emit()
            self.items = order
            self.layoutChanged.emit()
        if self.items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.items) - 1, len(COLUMNS) - 1))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt signature
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: N802, B008 - Qt signature
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role not in (Qt.ItemDataRole.DisplayRole,
                                                                     Qt.ItemDataRole.ToolTipRole):
            return None
        col = COLUMNS[section][0]
        return {
            "phase": self.tr("Phase"), "action": self.tr("Action and step"),
            "priority": self.tr("Priority"), "cost": self.tr("Cost (yuan)"), "subsidy": self.tr("Subsidy"),
            "months": self.tr("Months"),
            "start": self.tr("Starts"), "what_if": self.tr("What if"), "owner": self.tr("Owner"), "due": self.tr("Due"),
            "status": self.tr("Status"), "notes": self.tr("Notes"),
        }[col]

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and COLUMNS[index.column()][1]:
            base |= Qt.ItemFlag.ItemIsEditable
        return base

    def _step_text(self, item: PlanItem) -> str:
        assert self.plan is not None
        q = self.plan.framework.question(item.question_id)
        lang = self.lang
        name = q.label.get(lang)
        if q.is_leveled:
            return self.tr("%1: level %2 → %3").replace("%1", name).replace("%2", str(item.from_value or 0)).replace(
                "%3", str(item.to_value))
        to = q.option(str(item.to_value))
        return f"{name}: → {to.label.get(lang) if to else item.to_value}"

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.plan is None:
            return None
        item = self.items[index.row()]
        col = COLUMNS[index.column()][0]
        lang = self.lang
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if col == "phase":
                return PHASE_LABELS[item.phase].get(lang)
            if col == "action":
                title = item.action.title.get(lang) if item.action else self.tr("(no action in the library)")
                step = self._step_text(item) + (" " + self.tr("(kept by you)") if item.kept_by_user else "")
                return f"{title}\n{step}"
            if col == "priority":
                text = fmt_number(item.priority)
                return text + " " + self.tr("(unblocks a gate)") if item.unblocks else text
            if col == "cost":
                return f"{_yuan(item.cost_min)}–{_yuan(item.cost_max)}"
            if col == "subsidy":
                el = self.subsidy.item(item.key) if self.subsidy is not None else None
                if el is None:
                    return "—" if role == Qt.ItemDataRole.DisplayRole else self.tr("No rule pack chosen")
                return el.label.get(lang)
            if col == "months":
                return str(item.duration_months)
            if col == "what_if":
                return self.what_if_label(self.what_if_of(item.key))
            if col == "start":
                return item.first_month  # the month: two phases can start in one quarter, one after the other
            if col == "owner":
                return item.owner
            if col == "due":
                return item.due or (self.tr("(no date)") if role == Qt.ItemDataRole.AccessibleTextRole else "")
            if col == "status":
                return STATUS_LABELS[item.status].get(lang)
            if col == "notes":
                return item.notes
        if role == Qt.ItemDataRole.EditRole:
            return {"owner": item.owner, "due": item.due, "status": item.status, "notes": item.notes,
                    "what_if": self.what_if_of(item.key)}.get(col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == "subsidy":
                el = self.subsidy.item(item.key) if self.subsidy is not None else None
                return el.reason.get(lang) if el is not None else self.tr("Choose a rule pack to see whether "
                                                                          "this step is eligible spend")
                q_text = self.plan.framework.question(item.question_id).text.get(lang)
                return f"{item.action.what.get(lang)}\n\n{q_text}" if item.action else q_text
        if role == Qt.ItemDataRole.FontRole and item.status == "dropped":
            from PySide6.QtGui import QFont

            font = QFont()
            font.setStrikeOut(True)  # besides the word "dropped" in the status column
            return font
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self.editor is None:
            return False
        col = COLUMNS[index.column()][0]
        if not COLUMNS[index.column()][1]:
            return False
        item = self.items[index.row()]
        value = "" if value is None else str(value).strip()
        if col == "what_if":
            return value != self.what_if_of(item.key) and bool(self.editor(item.key, col, value))
        if getattr(item, col) == value:
            return False
        return bool(self.editor(item.key, col, value))

    def item_at(self, row: int) -> PlanItem:
        return self.items[row]

    def what_if_of(self, key: str) -> str:
        if self.plan is None:
            return ""
        return "pin" if key in self.plan.pins else "exclude" if key in self.plan.excludes else ""

    def what_if_label(self, value: str) -> str:
        return {"": self.tr("As planned"), "pin": self.tr("Pinned: we will do it"),
                "exclude": self.tr("Excluded: we will not")}[value]


class ComboDelegate(QStyledItemDelegate):
    """A combo box whose item data is the cell's edit value; subclasses fill it in ``createEditor``."""

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: Any, index: AnyIndex) -> None:  # noqa: N802
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class StatusDelegate(ComboDelegate):
    """A combo box of the four statuses, in words."""

    def __init__(self, lang: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lang = lang

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:  # noqa: N802
        combo = QComboBox(parent)
        for s in STATUSES:
            combo.addItem(STATUS_LABELS[s].get(self.lang), s)
        set_accessible(combo, self.tr("Status"), self.tr("Planned, in progress, done or dropped"))
        return combo


class WhatIfDelegate(ComboDelegate):
    """A combo box: as planned, pinned or excluded."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:  # noqa: N802
        combo = QComboBox(parent)
        model = index.model()
        for value in WHAT_IF:
            combo.addItem(model.what_if_label(value) if isinstance(model, PlanModel) else value, value)
        set_accessible(combo, self.tr("What if"), self.tr("Keep the step as planned, pin it or exclude it"))
        return combo


class DateDelegate(QStyledItemDelegate):
    """A date editor with a calendar; Delete in the cell clears the date."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex) -> QWidget:  # noqa: N802
        edit = date_in_range(QDateEdit(parent))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        set_accessible(edit, self.tr("Due date"), self.tr("The date the action should be finished"))
        return edit

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:  # noqa: N802
        assert isinstance(editor, QDateEdit)
        editor.setDate(qdate(str(index.data(Qt.ItemDataRole.EditRole) or "")))

    def setModelData(self, editor: QWidget, model: Any, index: AnyIndex) -> None:  # noqa: N802
        assert isinstance(editor, QDateEdit)
        model.setData(index, editor.date().toString("yyyy-MM-dd"), Qt.ItemDataRole.EditRole)


class PlanPage(QWidget):
    """Target selector, the actions table, totals, and the level and stage expected after the plan."""

    exportRequested = Signal(str)  # plan, report or template: the main window exports

    def __init__(self, session: AssessmentSession, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.lang = lang
        self.plan: ImprovementPlan | None = None
        self._planned_for: tuple[int, Any] | None = None  # (id of the result, target) the plan was made for
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Improvement plan"), self)
        heading.setObjectName("pageHeading")
        # the export buttons beside the heading, or under it when the window is narrow (150 % scaling)
        heading_row = FlowLayout(spacing=24)
        heading_row.addWidget(heading)
        layout.addLayout(heading_row)

        row = QHBoxLayout()
        target_label = QLabel(self.tr("&Target:"), self)
        self.target = QComboBox(self)
        set_accessible(self.target, self.tr("Target of the plan"),
                       self.tr("The next level, a chosen level, or the next stage"))
        target_label.setBuddy(self.target)
        row.addWidget(target_label)
        row.addWidget(self.target)
        objective_label = QLabel(self.tr("&Optimise for:"), self)
        self.objective = QComboBox(self)
        for text, kind, end in ((self.tr("Lowest cost (middle of the cost bands)"), "cost", "mid"),
                                (self.tr("Lowest cost (low end of the cost bands)"), "cost", "low"),
                                (self.tr("Lowest cost (high end of the cost bands)"), "cost", "high"),
                                (self.tr("Least effort"), "effort", "mid"),
                                (self.tr("Fewest months"), "months", "mid")):
            self.objective.addItem(text, f"{kind}:{end}")
        set_accessible(self.objective, self.tr("What the plan minimises"),
                       self.tr("The plan is the proven best for this choice"))
        objective_label.setBuddy(self.objective)
        row.addWidget(objective_label)
        row.addWidget(self.objective)
        budget_label = QLabel(self.tr("&Budget:"), self)
        self.budget = QSpinBox(self)
        self.budget.setRange(0, 1_000_000)
        self.budget.setSingleStep(5)
        self.budget.setSpecialValueText(self.tr("No budget"))
        self.budget.setSuffix(self.tr(" ×10,000 yuan"))
        self.budget.setKeyboardTracking(False)
        set_accessible(self.budget, self.tr("Budget in 10,000 yuan"),
                       self.tr("With a budget the plan reaches the best level, then score, the budget allows"))
        budget_label.setBuddy(self.budget)
        row.addStretch(1)
        self.export_bar = ExportBar(self)
        self.export_bar.requested.connect(self.exportRequested)
        heading_row.addWidget(self.export_bar)
        layout.addLayout(row)

        rules_row = QHBoxLayout()
        rules_label = QLabel(self.tr("&Rule pack:"), self)
        self.rules = QComboBox(self)
        set_accessible(self.rules, self.tr("City rule pack"),
                       self.tr("A city's subsidy rules: each step's eligibility, the eligible cost and the "
                               "estimated subsidy with its conditions"))
        rules_label.setBuddy(self.rules)
        rules_row.addWidget(budget_label)  # on this row, not the first: the page fits a laptop at 150 %
        rules_row.addWidget(self.budget)
        rules_row.addWidget(rules_label)
        rules_row.addWidget(self.rules, 1)
        layout.addLayout(rules_row)
        self.setTabOrder(self.budget, self.rules)  # Tab follows the rows: target, optimise, budget, rule pack
        self.rules_ref: str = ""
        self.ask_pack_file = self._ask_pack_file  # replaceable (tests): returns a path or ""

        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.message)

        self.model = PlanModel(lang, self)
        self.model.editor = self._edit
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(COLUMN_INDEX["status"], StatusDelegate(lang, self.table))
        self.table.setItemDelegateForColumn(COLUMN_INDEX["due"], DateDelegate(self.table))
        self.table.setItemDelegateForColumn(COLUMN_INDEX["what_if"], WhatIfDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrows move between cells
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        # the short columns as wide as their contents, the action taking the rest (never less than
        # ACTION_MIN_WIDTH; a horizontal scroll bar only then): every column, the owner's too, fits a
        # 1366-pixel-wide screen; the user can still widen any of them
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for col, width in (("phase", 110), ("owner", 80), ("due", 90), ("notes", 90)):
            self.table.setColumnWidth(COLUMN_INDEX[col], width)
        for col in ("priority", "cost", "subsidy", "months", "start", "what_if", "status"):
            header.setSectionResizeMode(COLUMN_INDEX[col], QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(40)
        header.sectionResized.connect(self._section_resized)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        set_accessible(self.table, self.tr("Actions"),
                       self.tr("One row per action; F2 or typing edits owner, due date, status and notes; "
                               "Delete clears a due date"))
        self.table.installEventFilter(self)
        self.table.viewport().installEventFilter(self)  # its width decides the action column's
        layout.addWidget(self.table, 1)

        what_if = QHBoxLayout()
        self.add_step = QComboBox(self)
        set_accessible(self.add_step, self.tr("Pin a step the plan does not take"),
                       self.tr("Steps you will take anyway, such as a contract already signed; the plan is "
                               "optimised around them"))
        self.add_step.activated.connect(self._pin_chosen)
        for combo in (self.add_step, self.rules):  # long step and pack names: not the page's minimum width
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(20)
        what_if.addWidget(self.add_step, 1)
        self.clear_what_if = QPushButton(self.tr("&Clear pins and exclusions"), self)
        self.clear_what_if.clicked.connect(self._clear_what_if)
        what_if.addWidget(self.clear_what_if)
        layout.addLayout(what_if)
        self.what_if = QLabel(self)
        self.what_if.setWordWrap(True)
        self.what_if.setTextFormat(Qt.TextFormat.PlainText)
        self.what_if.setObjectName("planWhatIf")
        layout.addWidget(self.what_if)

        self.totals = QLabel(self)
        self.totals.setWordWrap(True)
        self.totals.setTextFormat(Qt.TextFormat.PlainText)
        self.totals.setObjectName("planTotals")
        layout.addWidget(self.totals)
        self.expected = QLabel(self)
        self.expected.setWordWrap(True)
        self.expected.setTextFormat(Qt.TextFormat.PlainText)
        self.expected.setObjectName("planExpected")
        font = self.expected.font()
        font.setBold(True)
        self.expected.setFont(font)
        layout.addWidget(self.expected)
        self.subsidy_text = QLabel(self)
        self.subsidy_text.setWordWrap(True)
        self.subsidy_text.setTextFormat(Qt.TextFormat.PlainText)
        self.subsidy_text.setObjectName("planSubsidy")
        self.subsidy_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.subsidy_text)
        self.subsidy_caveats = QLabel(self)
        self.subsidy_caveats.setWordWrap(True)
        self.subsidy_caveats.setTextFormat(Qt.TextFormat.PlainText)
        self.subsidy_caveats.setObjectName("planSubsidyCaveats")
        self.subsidy_caveats.setStyleSheet(f"color: {theme.warning_colour()};")
        layout.addWidget(self.subsidy_caveats)
        self.subsidy: PlanSubsidy | None = None
        self._rules_error = ""

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REBUILD_DELAY_MS)
        self._timer.timeout.connect(self.rebuild)
        self.pins: frozenset[str] = frozenset()
        self.excludes: frozenset[str] = frozenset()
        self._fill_targets()
        self._load_what_if()
        self.target.currentIndexChanged.connect(self._target_chosen)
        self.objective.currentIndexChanged.connect(self._target_chosen)
        self.budget.valueChanged.connect(self._target_chosen)
        self.rules.activated.connect(self._rules_chosen)
        session.changed.connect(self._changed)
        session.structureChanged.connect(self._fill_targets)

    # ---------------------------------------------------------------- targets

    def _stored_target(self) -> str:
        rec = self.session.assessment.plan or {}
        return str(rec.get("target", "next-level"))

    def _fill_targets(self) -> None:
        fw = self.session.framework
        self.target.blockSignals(True)
        self.target.clear()
        self.target.addItem(self.tr("The next level"), "next-level")
        for lv in fw.levels:
            self.target.addItem(self.tr("Level: %1").replace("%1", lv.label.get(self.lang)), f"level:{lv.index}")
        self.target.addItem(self.tr("The next stage"), "next-stage")
        self.target.setCurrentIndex(max(0, self.target.findData(self._stored_target())))
        self.target.blockSignals(False)

    def _load_what_if(self) -> None:
        """Objective, budget, pins and exclusions as stored with the plan."""
        rec = self.session.assessment.plan or {}
        obj = rec.get("objective")
        obj = obj if isinstance(obj, dict) else {}
        data = f"{obj.get('kind', 'cost')}:{obj.get('cost_end', 'mid')}"
        budget = rec.get("budget")
        budget = budget if isinstance(budget, dict) else {}
        yuan = budget.get("yuan")
        for widget in (self.objective, self.budget):
            widget.blockSignals(True)
        self.objective.setCurrentIndex(max(0, self.objective.findData(data)))
        self.budget.setValue(yuan // YUAN_PER_UNIT if isinstance(yuan, int) and yuan > 0 else 0)
        for widget in (self.objective, self.budget):
            widget.blockSignals(False)
        self.pins = frozenset(k for k in rec.get("pins", []) if isinstance(k, str))
        self.excludes = frozenset(k for k in rec.get("excludes", []) if isinstance(k, str))
        stored = rec.get("rules")
        self.rules_ref = stored if isinstance(stored, str) else ""
        self._fill_rules()

    # ---------------------------------------------------------------- rule packs

    def _fill_rules(self) -> None:
        """No pack, the bundled example packs, the pack file stored with the plan, and "open a pack file…"."""
        self.rules.blockSignals(True)
        self.rules.clear()
        self.rules.addItem(self.tr("No rule pack (no subsidy estimate)"), "")
        try:
            packs = bundled_rule_packs()
        except Exception:  # a broken bundled pack must not break the page
            log.exception("the bundled rule packs could not be read")
            packs = {}
        for pid, pack in packs.items():
            if pid == "blank":
                continue
            marks = []
            if pack.is_example:
                marks.append(self.tr("[example]"))
            if pack.any_repost:
                marks.append(self.tr("[re-post]"))
            self.rules.addItem(" ".join([pack.title.get(self.lang), *marks]), pid)
        if self.rules_ref and self.rules.findData(self.rules_ref) < 0:
            self.rules.addItem(self.tr("Pack file: %1").replace("%1", self.rules_ref), self.rules_ref)
        self.rules.addItem(self.tr("Open a pack file…"), "__open__")
        self.rules.setCurrentIndex(max(0, self.rules.findData(self.rules_ref)))
        self.rules.blockSignals(False)

    def _ask_pack_file(self) -> str:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a rule pack"), "",
                                              self.tr("Rule packs (*.yaml *.yml)"))
        return path

    def _rules_chosen(self, index: int) -> None:
        ref = str(self.rules.itemData(index) or "")
        if ref == "__open__":
            ref = self.ask_pack_file() or self.rules_ref  # cancelled: keep the pack chosen before
        self.choose_rules(ref)

    def choose_rules(self, ref: str) -> None:
        """Choose a rule pack (a bundled id, a file path, or "" for none); it is kept with the plan."""
        self.rules_ref = ref
        self._fill_rules()
        self._target_chosen()

    def current_objective(self) -> Objective:
        kind, _, end = str(self.objective.currentData() or "cost:mid").partition(":")
        return Objective(kind, end)

    def current_budget(self) -> int | None:
        return self.budget.value() * YUAN_PER_UNIT if self.budget.value() > 0 else None

    def current_target(self) -> Target:
        try:
            return parse_target(self.target.currentData() or "next-level")
        except ValueError:
            return Target("next-level")

    def _target_chosen(self) -> None:
        self.rebuild()
        if self.plan is not None:
            self.session.set_plan(plan_record(self.plan))

    # ---------------------------------------------------------------- planning

    def _changed(self, result: Result) -> None:
        if self._planned_for is not None and self._planned_for[0] == id(result):
            return  # our own plan edit: the answers did not change
        if self.isVisible():
            self._timer.start()
        else:
            self._planned_for = None

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        # nothing may escape a Qt virtual: PySide6 crashes while reporting an error from a nested one
        if self._planned_for is None or self._planned_for[0] != id(self.session.result):
            self.rebuild()

    def rebuild(self) -> None:
        """Plan again from the session's answers and the chosen target (kept edits come back).
        A plan that cannot be made is said on the page; the page stays usable."""
        self._timer.stop()
        target = self.current_target()
        budget = self.current_budget()
        self.target.setEnabled(budget is None)  # with a budget the plan finds the best target itself
        try:
            plan = build_plan(self.session.assessment, target, objective=self.current_objective(),
                              pins=self.pins, excludes=self.excludes, budget=budget, rules=self.rules_ref)
        except Exception as exc:  # say it on the page, never crash the window
            log.exception("the plan could not be made")
            self.plan = None
            self._planned_for = (id(self.session.result), target.to_string())
            self.model.set_plan(None)
            self.message.setText(self.tr("The plan could not be made: %1").replace("%1", str(exc)))
            self.message.setVisible(True)
            self.totals.setText("")
            self.expected.setText("")
            self.subsidy = self.model.subsidy = None
            self._show_subsidy()
            return
        self.plan = plan
        self._planned_for = (id(self.session.result), target.to_string())
        self._apply_rules()
        self.model.set_plan(self.plan)
        self._fill_add_step()
        self._show_summary()

    # ---------------------------------------------------------------- what if

    def _step_name(self, key: str) -> str:
        fw = self.session.framework
        qid, _, to = key.partition(">")
        q = fw.question_by_id.get(qid)
        if q is None:
            return key
        if q.is_leveled:
            return self.tr("%1: level %2").replace("%1", q.label.get(self.lang)).replace("%2", to)
        opt = q.option(to)
        return f"{q.label.get(self.lang)}: {opt.label.get(self.lang) if opt else to}"

    def _fill_add_step(self) -> None:
        """Every step up from the current answers that the plan does not take, to pin."""
        plan = self.plan
        self.add_step.blockSignals(True)
        self.add_step.clear()
        self.add_step.addItem(self.tr("Pin a step the plan does not take…"), "")
        if plan is not None:
            taken = {i.key for i in plan.items}
            for qr in plan.before.questions.values():
                q = qr.question
                if not qr.applicable:
                    continue
                for to in steps_up(q):
                    key = f"{q.id}>{to}"
                    if key in taken or key in self.pins:
                        continue
                    if q.is_leveled and int(to) <= (qr.level or 0):
                        continue
                    if not q.is_leveled and q.kind != "multi" and (o := q.option(str(to))) and o.points <= qr.points:
                        continue
                    self.add_step.addItem(self._step_name(key), key)
        self.add_step.setCurrentIndex(0)
        self.add_step.blockSignals(False)

    def _pin_chosen(self, index: int) -> None:
        key = self.add_step.itemData(index)
        if key:
            self.set_what_if(str(key), "pin")

    def set_what_if(self, key: str, value: str) -> None:
        """Pin a step (the plan takes it), exclude it (the plan never takes it) or take it back ("")."""
        self.pins = (self.pins | {key}) if value == "pin" else (self.pins - {key})
        self.excludes = (self.excludes | {key}) if value == "exclude" else (self.excludes - {key})
        self._target_chosen()

    def _clear_what_if(self) -> None:
        self.pins = self.excludes = frozenset()
        self._target_chosen()

    def _edit(self, key: str, field: str, value: str) -> bool:
        if self.plan is None:
            return False
        if field == "what_if":
            QTimer.singleShot(0, lambda: self.set_what_if(key, value))  # re-plan after the editor has closed
            return True
        try:
            assessment, plan = edit_item(self.session.assessment, self.plan, key, **{field: value})
        except ValueError:
            return False
        self.plan = plan
        self.session.set_plan(assessment.plan)
        self._planned_for = (id(self.session.result), self.current_target().to_string())
        self._apply_rules()
        self.model.refresh_rows()
        self._show_summary()
        return True

    def _apply_rules(self) -> None:
        """The chosen pack applied to the current plan; a pack that cannot be read is said, not hidden."""
        self.subsidy = None
        self._rules_error = ""
        if self.plan is not None and self.rules_ref:
            try:
                self.subsidy = plan_subsidy(self.plan, resolve_pack(self.rules_ref))
            except Exception as exc:  # noqa: BLE001 - say it on the page
                problems = getattr(exc, "problems", None)
                first = problems[0] if problems else exc
                why = first.text(self.lang) if hasattr(first, "text") else str(first)
                self._rules_error = self.tr("The rule pack cannot be read: %1").replace("%1", why)
        self.model.subsidy = self.subsidy

    def _show_subsidy(self) -> None:
        sub, lang = self.subsidy, self.lang
        if sub is None:
            self.subsidy_text.setText(getattr(self, "_rules_error", ""))
            self.subsidy_caveats.setText("")
        else:
            e = sub.estimate

            def money(lo: int, hi: int) -> str:
                return yuan(lo, lang) if lo == hi else f"{yuan(lo, lang)} – {yuan(hi, lang)}"

            est = money(e.subsidy.min, e.subsidy.max) if e.subsidy else self.tr("no estimate (the pack gives no rate)")
            lines = [self.tr("Subsidy (%1): eligible cost %2 · estimated subsidy %3").replace(
                "%1", sub.pack.title.get(lang)).replace("%2", money(e.eligible.min, e.eligible.max)).replace("%3", est)]
            for c in sub.conditions:
                state = (self.tr("met") if c.met else self.tr("not met") if c.met is False else self.tr("open"))
                mark = "✓" if c.met else "✗" if c.met is False else "?"
                lines.append(f"  {mark} [{state}] {c.text.get(lang)}")
            self.subsidy_text.setText("\n".join(lines))
            self.subsidy_caveats.setText("\n".join(f"! {c.get(lang)}" for c in sub.caveats))
        self.subsidy_text.setVisible(bool(self.subsidy_text.text()))
        self.subsidy_caveats.setVisible(bool(self.subsidy_caveats.text()))
        self.subsidy_text.setAccessibleName(self.subsidy_text.text())
        self.subsidy_caveats.setAccessibleName(self.subsidy_caveats.text())

    def _show_summary(self) -> None:
        plan = self.plan
        lang = self.lang
        self._show_subsidy()
        if plan is None:
            return
        self.message.setText(plan.message.get(lang) if plan.message else "")
        self.message.setVisible(plan.message is not None)
        active = [i for i in plan.items if i.status != "dropped"]
        done = sum(1 for i in plan.items if i.status == "done")
        self.totals.setText(self.tr("%1 actions (%2 done, %3 dropped) · cost %4–%5 yuan · %6 months, from %7").replace(
            "%1", str(len(plan.items))).replace("%2", str(done)).replace(
            "%3", str(len(plan.items) - len(active))).replace("%4", _yuan(plan.cost_min)).replace(
            "%5", _yuan(plan.cost_max)).replace("%6", str(plan.duration_months)).replace(
            "%7", plan.start.isoformat()))
        before, after = plan.before, plan.expected
        self.expected.setText(self.tr("After the plan: %1, stage %2, score %3 (now %4, stage %5, score %6)").replace(
            "%1", after.level_label(lang)).replace("%2", after.stage.label.get(lang)).replace(
            "%3", fmt_score(after.total_score)).replace("%4", before.level_label(lang)).replace(
            "%5", before.stage.label.get(lang)).replace("%6", fmt_score(before.total_score)))
        notes = []
        if plan.budget is not None:
            best = plan.budget_target.describe(lang, plan.framework) if plan.budget_target else None
            notes.append(self.tr("Within %1 yuan the best reachable is %2.").replace("%1", _yuan(plan.budget)).replace(
                "%2", best or after.level_label(lang)))
        if plan.optimal:
            notes.append(self.tr("Proven the best plan for this choice."))
        names = [self._step_name(k) for k in sorted(plan.pins)]
        if names:
            notes.append(self.tr("Pinned: %1.").replace("%1", "; ".join(names)))
        names = [self._step_name(k) for k in sorted(plan.excludes)]
        if names:
            notes.append(self.tr("Excluded: %1.").replace("%1", "; ".join(names)))
        self.what_if.setText(" ".join(notes))
        self.what_if.setAccessibleName(self.what_if.text())
        self.clear_what_if.setEnabled(bool(plan.pins or plan.excludes))
        self.totals.setAccessibleName(self.totals.text())
        self.expected.setAccessibleName(self.expected.text())

    # ---------------------------------------------------------------- keys

    def _section_resized(self, column: int, _old: int, _new: int) -> None:
        if column != COLUMN_INDEX["action"]:
            self._fit_action_column()

    def _fit_action_column(self) -> None:
        """The action column takes the room the other columns leave, and at least ACTION_MIN_WIDTH."""
        header = self.table.horizontalHeader()
        action = COLUMN_INDEX["action"]
        others = sum(header.sectionSize(c) for c in range(header.count())
                     if c != action and not header.isSectionHidden(c))
        header.resizeSection(action, max(ACTION_MIN_WIDTH, self.table.viewport().width() - others))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport():
            self._fit_action_column()
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            index = self.table.currentIndex()
            if (event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and index.isValid()
                    and COLUMNS[index.column()][0] in ("due", "owner", "notes")
                    and self.table.state() != QAbstractItemView.State.EditingState):
                self.model.setData(index, "", Qt.ItemDataRole.EditRole)
                return True
        return False
