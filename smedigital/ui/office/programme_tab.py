"""The programme tab (项目进展): each firm's stage in the pilot programme, the pipeline counts and the targets' progress.

The figures are :func:`smedigital.aggregate.build_programme` of the run (see :mod:`smedigital.aggregate.pipeline`
for what each stage rests on and :mod:`smedigital.aggregate.targets` for how progress is counted); column names
and the notes on how they are computed are the ones the 推荐汇总表 workbook uses
(:data:`smedigital.aggregate.words.RECOMMEND_WORDS`), so the screen and the workbook say the same. Counts are
per framework (a firm counts under the framework of its newest assessment), never pooled.

The tab also holds what the 推荐汇总表 export needs: the rule pack for its subsidy estimate and the save button;
the view does the saving.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from smedigital.aggregate.pipeline import STAGES, FirmStage, Pipeline, stage_index
from smedigital.aggregate.targets import Progress, TargetProgress, group_name
from smedigital.aggregate.words import RECOMMEND_WORDS, STAGE_NAMES
from smedigital.core.text import safe_text

from .common import Shown, make_table, value_label
from .labels import RegionLabels
from .models import SORT_ROLE, _Table, percent, share_sort

BEHIND = "behind"  # the stage filter's choice of the firms the office set behind their files
OPEN_PACK = "__open__"


def words(lang: str) -> dict[str, str]:
    return RECOMMEND_WORDS["en" if lang == "en" else "zh"]


class CountsModel(_Table):
    """Firms per stage, one row per framework."""

    def show(self, pipeline: Pipeline, labels: RegionLabels) -> None:
        w = words(labels.lang)
        columns: list[Any] = [(w["framework"], lambda r: labels.framework(r[0]), lambda r: r[0], False)]
        for i, stage in enumerate(STAGES):
            columns.append((STAGE_NAMES[stage].get(labels.lang), lambda r, i=i: str(r[1][i]),
                            lambda r, i=i: r[1][i], True))
        columns.append((w["total"], lambda r: str(sum(r[1])), lambda r: sum(r[1]), True))
        self.reset(pipeline.counts(), columns)


class StageModel(_Table):
    """Each firm with its stage, what the stage rests on, its 服务商, its levels and the dates of each stage."""

    def show(self, pipeline: Pipeline, labels: RegionLabels) -> None:
        lang = labels.lang
        w = words(lang)

        def level(row: Any) -> str:
            return labels.level(row.level, row.framework_id) if row is not None else ""

        columns: list[Any] = [
            (w["firm"], lambda f: f.newest.name, lambda f: f.newest.name, False),
            (w["credit_code"], lambda f: f.newest.credit_code, lambda f: f.newest.credit_code, False),
            (w["framework"], lambda f: labels.framework(f.framework_id), lambda f: f.framework_id, False),
            (w["stage"], lambda f: STAGE_NAMES[f.stage].get(lang), lambda f: stage_index(f.stage), False),
            (w["basis"], lambda f: f.basis().get(lang), lambda f: f.basis().get(lang), False),
            (w["provider"], lambda f: f.provider or w["not_given"], lambda f: (f.provider == "", f.provider), False),
            (w["baseline_level"], lambda f: level(f.baseline), lambda f: f.baseline.level if f.baseline else -1, False),
            (w["after_level"],
             lambda f: labels.level(f.after.self_level, f.framework_id) if f.after is not None else "",
             lambda f: f.after.self_level if f.after is not None else -1, False),
            (w["verified_level"], lambda f: level(f.rated), lambda f: f.rated.level if f.rated else -1, False),
        ]
        for stage in STAGES:
            columns.append((w[f"date.{stage}"], lambda f, s=stage: f.dates.get(s, ""),
                            lambda f, s=stage: f.dates.get(s, "") or "9999", False))
        self.reset(pipeline.firms, columns)

    def extra(self, row: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and isinstance(row, FirmStage):
            return safe_text(row.newest.path)
        return None


class StageFilter(QSortFilterProxyModel):
    """Shows every firm, the firms at one stage, or those the office set behind what their files show."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.stage = ""
        self.setSortRole(SORT_ROLE)

    def set_stage(self, stage: str) -> None:
        self.stage = stage
        self.invalidate()  # not invalidateFilter(): deprecated from Qt 6.10

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        if not self.stage:
            return True
        model = self.sourceModel()
        if not isinstance(model, StageModel) or source_row >= len(model.rows):
            return True
        f = model.row(source_row)
        if self.stage == BEHIND:
            return bool(f.office_stage) and stage_index(f.office_stage) < stage_index(f.files_stage)
        return f.stage == self.stage


class TargetModel(_Table):
    """Each target's progress: for all firms of each framework, then by group."""

    def show(self, progress: Sequence[TargetProgress], labels: RegionLabels, met: str, not_met: str) -> None:
        lang = labels.lang
        w = words(lang)
        rows: list[tuple[TargetProgress, Progress | None]] = [(tp, row) for tp in progress for row in tp.rows]
        rows += [(tp, None) for tp in progress if not tp.rows]  # a target no framework of the run applies to

        def text(tp: TargetProgress) -> str:
            kind = w["kind." + tp.target.kind]
            return f"{tp.target.text.get(lang)}（{kind}）" if lang == "zh" else f"{tp.target.text.get(lang)} ({kind})"

        def goal(r: Any) -> str:
            return "" if r is None else str(int(r.goal)) if r.is_count else percent(r.goal)

        self.reset(rows, [
            (w["target_id"], lambda x: x[0].target.id, lambda x: x[0].target.id, False),
            (w["target"], lambda x: text(x[0]), lambda x: text(x[0]), False),
            (w["framework"], lambda x: labels.framework(x[1].framework_id) if x[1] else w["no_framework"],
             lambda x: x[1].framework_id if x[1] else "", False),
            (w["group"], lambda x: w["group." + x[1].group] if x[1] and x[1].group else "",
             lambda x: x[1].group if x[1] else "", False),
            (w["group_key"], lambda x: group_name(labels, w, x[1].group, x[1].group_key) if x[1] else "",
             lambda x: (x[1].group != "", x[1].group_key) if x[1] else (False, ""), False),
            (w["firms"], lambda x: str(x[1].firms) if x[1] else "", lambda x: x[1].firms if x[1] else -1, True),
            (w["achieved"], lambda x: str(x[1].achieved) if x[1] else "", lambda x: x[1].achieved if x[1] else -1,
             True),
            (w["share"], lambda x: percent(x[1].share) if x[1] and not x[1].is_count else "",
             lambda x: share_sort(x[1].share) if x[1] else -1.0, True),
            (w["goal"], lambda x: goal(x[1]), lambda x: x[1].goal if x[1] else -1.0, True),
            (w["met"], lambda x: (met if x[1].met else not_met) if x[1] else "",
             lambda x: int(x[1].met) if x[1] else -1, False),
            (w["by"], lambda x: x[0].target.by.isoformat() if x[0].target.by else "",
             lambda x: x[0].target.by.isoformat() if x[0].target.by else "", False),
            (w["days_left"], lambda x: str(x[0].days_left) if x[0].days_left is not None else "",
             lambda x: x[0].days_left if x[0].days_left is not None else 10**9, True),
            (w["undated"], lambda x: str(x[1].undated) if x[1] and x[1].is_count else "",
             lambda x: x[1].undated if x[1] else -1, True),
            (w["source"], lambda x: safe_text(x[0].target.source), lambda x: x[0].target.source, False),
        ])

    def extra(self, row: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            tp = row[0]
            return safe_text(tp.target.source) or None
        return None


class ProgrammeTab(QWidget):
    """``saveRequested()``: the user asked to save the 推荐汇总表; ``rulesChosen(ref)``: a rule pack was chosen
    for its subsidy estimate (a bundled pack's id, a file, or "" for none)."""

    saveRequested = Signal()
    rulesChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shown: Shown | None = None
        self.rules_ref = ""
        self.stages_line = value_label(self)  # the stages file, or that there is none
        self.counts_title = QLabel(self)
        self.counts_title.setObjectName("officeTableTitle")
        self.counts_model = CountsModel(self)
        self.counts_proxy = QSortFilterProxyModel(self)
        self.counts_proxy.setSourceModel(self.counts_model)
        self.counts_proxy.setSortRole(SORT_ROLE)
        self.counts_table = make_table(self)
        self.counts_table.setModel(self.counts_proxy)

        self.stage_label = QLabel(self)
        self.stage_filter = QComboBox(self)
        for key in ("", *STAGES, BEHIND):
            self.stage_filter.addItem("", key)
        self.stage_label.setBuddy(self.stage_filter)
        self.stage_filter.currentIndexChanged.connect(self._filter_changed)
        self.firm_count = value_label(self)
        self.stage_model = StageModel(self)
        self.stage_proxy = StageFilter(self)
        self.stage_proxy.setSourceModel(self.stage_model)
        self.stage_table = make_table(self)
        self.stage_table.setModel(self.stage_proxy)
        self.behind_line = value_label(self)  # firms the office set behind their files: to check
        self.behind_line.setObjectName("officeNotice")
        self.unmatched_line = value_label(self)  # rows of the stages file naming no firm of the run

        self.targets_title = QLabel(self)
        self.targets_title.setObjectName("officeTableTitle")
        self.targets_note = value_label(self)
        self.target_model = TargetModel(self)
        self.target_proxy = QSortFilterProxyModel(self)
        self.target_proxy.setSourceModel(self.target_model)
        self.target_proxy.setSortRole(SORT_ROLE)
        self.target_table = make_table(self)
        self.target_table.setModel(self.target_proxy)

        self.rules_label = QLabel(self)
        self.rules = QComboBox(self)
        self.rules_label.setBuddy(self.rules)
        self.rules.activated.connect(self._rules_activated)
        self.save_button = QPushButton(self)
        self.save_button.clicked.connect(self.saveRequested)

        filter_row = QHBoxLayout()
        filter_row.addWidget(self.stage_label)
        filter_row.addWidget(self.stage_filter)
        filter_row.addWidget(self.firm_count, 1)
        save_row = QHBoxLayout()
        save_row.addWidget(self.rules_label)
        save_row.addWidget(self.rules, 1)
        save_row.addWidget(self.save_button)
        notes = QVBoxLayout()  # beside the counts: what the stages rest on, and what to check
        notes.addWidget(self.stages_line)
        notes.addWidget(self.behind_line)
        notes.addWidget(self.unmatched_line)
        notes.addStretch(1)
        counts = QVBoxLayout()
        counts.addWidget(self.counts_title)
        counts.addWidget(self.counts_table)
        counts.addStretch(1)
        top = QHBoxLayout()
        top.addLayout(counts, 3)
        top.addLayout(notes, 2)
        firms = QWidget(self)
        firms_layout = QVBoxLayout(firms)
        firms_layout.setContentsMargins(0, 0, 0, 0)
        firms_layout.addLayout(filter_row)
        firms_layout.addWidget(self.stage_table, 1)
        targets = QWidget(self)
        targets_layout = QVBoxLayout(targets)
        targets_layout.setContentsMargins(0, 0, 0, 0)
        targets_layout.addWidget(self.targets_title)
        targets_layout.addWidget(self.targets_note)
        targets_layout.addWidget(self.target_table, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)  # the firms above, the targets below
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(firms)
        self.splitter.addWidget(targets)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        # in a scroll area: on a laptop screen (1366×768) the tab scrolls instead of making the window taller
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(save_row)
        self.scroll_area = QScrollArea(self)
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(body)
        self.scroll_area.setMinimumHeight(120)
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # not a Tab stop of its own: the tables inside are
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll_area)
        chain: list[QWidget] = [self.counts_table, self.stage_filter, self.stage_table, self.target_table,
                                self.rules, self.save_button]
        for first, then in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, then)
        self._fill_rules()

    def tab_title(self) -> str:
        return self.tr("&Programme")

    # ------------------------------------------------------------------ words

    def retranslate(self) -> None:
        self.scroll_area.setAccessibleName(self.tab_title().replace("&", ""))
        self.counts_title.setText(self.tr("Firms per stage (each firm under the framework of its newest "
                                          "assessment; frameworks are never added together)"))
        self.counts_table.setAccessibleName(self.tr("Firms per stage"))
        self.counts_table.setAccessibleDescription(self.tr("For each framework, how many firms are at each stage "
                                                           "of the programme"))
        self.stage_label.setText(self.tr("Show sta&ge:"))
        self.stage_filter.setAccessibleName(self.tr("Show stage"))
        self.stage_filter.setAccessibleDescription(self.tr("Shows every firm, the firms at one stage, or those "
                                                           "the office set behind what their files show"))
        lang = self._lang()
        for i in range(self.stage_filter.count()):
            key = self.stage_filter.itemData(i)
            text = (self.tr("All stages") if not key else
                    self.tr("Set by the office behind their files (to check)") if key == BEHIND else
                    STAGE_NAMES[key].get(lang))
            self.stage_filter.setItemText(i, text)
        self.stage_table.setAccessibleName(self.tr("Firms and their stage"))
        self.stage_table.setAccessibleDescription(self.tr("Each firm's stage in the programme, what it rests on, "
                                                          "its 服务商, its levels and the date of each stage"))
        self.targets_title.setText(self.tr("Targets"))
        self.target_table.setAccessibleName(self.tr("Targets"))
        self.target_table.setAccessibleDescription(self.tr("Each target's progress, per framework and by group, "
                                                           "whether it is met, and where the target comes from"))
        self.rules_label.setText(self.tr("Rule pack for the e&xport:"))
        self.rules.setAccessibleName(self.tr("Rule pack for the export"))
        about_rules = self.tr("The city rule pack whose rules estimate each firm's eligible cost and subsidy in "
                              "the 推荐汇总表 (an estimate only: the authority decides)")
        self.rules.setAccessibleDescription(about_rules)
        self.rules.setToolTip(about_rules)
        self.save_button.setText(self.tr("Save 推荐汇总表 (recommendation summar&y)…"))
        self.save_button.setAccessibleName(self.tr("Save 推荐汇总表"))
        about = self.tr("Saves the 推荐汇总表 workbook: one row per firm with its levels, stage, 服务商 and dates, "
                        "the firms per stage, the targets' progress and the 服务商 scorecard")
        self.save_button.setAccessibleDescription(about)
        self.save_button.setToolTip(about)
        self._fill_rules()
        if self.shown is not None:
            self.show_result(self.shown)

    def _lang(self) -> str:
        from smedigital.ui import i18n

        return i18n.current_language()

    # ------------------------------------------------------------------ the rule pack

    def _fill_rules(self) -> None:
        """No pack, the bundled packs (examples marked), the pack file chosen, and "open a pack file…"."""
        from smedigital.core.rules import bundled_rule_packs

        lang = self._lang()
        self.rules.blockSignals(True)
        self.rules.clear()
        self.rules.addItem(self.tr("No rule pack (no subsidy estimate)"), "")
        try:
            packs = bundled_rule_packs()
        except Exception:  # noqa: BLE001 - a broken bundled pack must not break the tab
            packs = {}
        for pid, pack in packs.items():
            if pid == "blank":
                continue
            marks = [self.tr("[example]")] if pack.is_example else []
            if pack.any_repost:
                marks.append(self.tr("[re-post]"))
            self.rules.addItem(" ".join([pack.title.get(lang), *marks]), pid)
        if self.rules_ref and self.rules.findData(self.rules_ref) < 0:
            self.rules.addItem(self.tr("Pack file: %1").replace("%1", self.rules_ref), self.rules_ref)
        self.rules.addItem(self.tr("Open a pack file…"), OPEN_PACK)
        self.rules.setCurrentIndex(max(0, self.rules.findData(self.rules_ref)))
        self.rules.blockSignals(False)

    def ask_pack_file(self) -> str:
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a rule pack"), "",
                                              self.tr("Rule packs (*.yaml *.yml)"))
        return path

    def _rules_activated(self, index: int) -> None:
        ref = str(self.rules.itemData(index) or "")
        if ref == OPEN_PACK:
            ref = self.ask_pack_file() or self.rules_ref  # cancelled: keep the pack chosen before
        self.set_rules(ref)
        self.rulesChosen.emit(ref)

    def set_rules(self, ref: str) -> None:
        """Show ``ref`` (a bundled pack's id, a file path, or "" for none) as the pack chosen."""
        self.rules_ref = ref
        self._fill_rules()

    # ------------------------------------------------------------------ showing

    def show_result(self, shown: Shown) -> None:
        self.shown = shown
        programme, labels = shown.programme, shown.labels
        lang = labels.lang
        w = words(lang)
        if programme is None:
            return
        pipeline = programme.pipeline
        if pipeline.source:
            from pathlib import Path

            self.stages_line.setText(self.tr("Stages file: %1. A firm's stage is the furthest its files show or "
                                             "the office set; filing and payout only the office can set.")
                                     .replace("%1", safe_text(Path(pipeline.source).name)))
        else:
            self.stages_line.setText(self.tr("No stages file: the stages come from the firms' files alone "
                                             "(diagnosis, retrofit, acceptance); filing and payout only the "
                                             "office can set, in its stages file."))
        self.stages_line.setToolTip(w["stage_rules"])
        self.counts_model.show(pipeline, labels)
        self._fit_counts()
        self.stage_model.show(pipeline, labels)
        self.stage_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        behind = pipeline.behind_files()
        self.behind_line.setText(
            self.tr("⚠ The office set %1 firms at a stage behind what their files show (override): %2. Choose "
                    "“Set by the office behind their files” above to check them.")
            .replace("%1", str(len(behind)))
            .replace("%2", ", ".join(f"{safe_text(f.newest.name)} ({STAGE_NAMES[f.office_stage].get(lang)} < "
                                     f"{STAGE_NAMES[f.files_stage].get(lang)})" for f in behind[:10])
                     + (" …" if len(behind) > 10 else "")) if behind else "")
        self.behind_line.setVisible(bool(behind))
        codes = sorted({s.credit_code for s in pipeline.unmatched})
        self.unmatched_line.setText(
            self.tr("Firms of the stages file not found in this run: %1 (%2)").replace("%1", str(len(codes)))
            .replace("%2", ", ".join(codes[:10]) + (" …" if len(codes) > 10 else "")) if codes else "")
        self.unmatched_line.setVisible(bool(codes))
        if programme.progress is None:
            self.targets_note.setText(self.tr("No targets file: choose the office's targets file (smedigital-"
                                              "targets YAML) beside the trusted keys; it counts at once."))
            self.target_model.show((), labels, "", "")
        else:
            self.targets_note.setText(w["targets_note"])
            self.target_model.show(programme.progress, labels, self.tr("met"), self.tr("not met"))
        self.target_table.setVisible(programme.progress is not None)
        self._filter_changed()

    def _fit_counts(self) -> None:
        """The counts table as tall as its rows (a framework or two), so the firms below get the room."""
        t = self.counts_table
        t.resizeRowsToContents()
        rows = sum(t.rowHeight(r) for r in range(self.counts_proxy.rowCount())) or t.verticalHeader().defaultSectionSize()
        t.setFixedHeight(rows + t.horizontalHeader().sizeHint().height() + 2 * t.frameWidth() + 2)

    def _filter_changed(self) -> None:
        self.stage_proxy.set_stage(str(self.stage_filter.currentData() or ""))
        self.firm_count.setText(self.tr("%1 of %2 firms shown").replace("%1", str(self.stage_proxy.rowCount()))
                                .replace("%2", str(self.stage_model.rowCount())))

    def show_stage(self, stage: str) -> None:
        """Show the firms at ``stage`` ("" every firm, ``behind`` those the office set behind their files)."""
        self.stage_filter.setCurrentIndex(max(0, self.stage_filter.findData(stage)))

    def shown_firms(self) -> list[list[str]]:
        """The rows the firms table shows, as text (tests, screen readers)."""
        p = self.stage_proxy
        return [[p.index(r, c).data() for c in range(p.columnCount())] for r in range(p.rowCount())]
