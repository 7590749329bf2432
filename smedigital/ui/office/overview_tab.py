"""The overview tab: the counts of a run, the shares at the national levels, and the charts of one framework."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from smedigital.aggregate.words import NO_SHARE
from smedigital.core.wording import fmt_score
from smedigital.ui import theme

from .common import ChartShelf, Shown, titled, value_label
from .models import percent

COUNTS = ("files", "accepted", "rejected", "duplicates", "skipped", "check", "firms", "history", "share2", "share3",
          "mean", "frameworks")


class OverviewTab(QScrollArea):
    """Counts for every file and firm read; the score distribution and the mean pillar scores of the framework
    chosen in the view, each titled with it. ``rejectedRequested()``: the user asked for the files not used."""

    rejectedRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(self)
        self.setWidget(body)
        self.shown: Shown | None = None
        self.canvases: dict[str, Any] = {}
        self.shelf = ChartShelf()
        self.charts_contrast = False  # whether the charts on screen are drawn for high contrast
        self.counts_form = QFormLayout()
        self.count_names: dict[str, QLabel] = {}
        self.count_values: dict[str, QLabel] = {}
        for key in COUNTS:
            name = QLabel(body)
            value = value_label(body)
            name.setBuddy(value)
            self.count_names[key] = name
            self.count_values[key] = value
            self.counts_form.addRow(name, value)
        self.rejected_button = QPushButton(body)
        self.rejected_button.clicked.connect(self.rejectedRequested)
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

    def tab_title(self) -> str:
        return self.tr("O&verview")

    def retranslate(self) -> None:
        self.setAccessibleName(self.tab_title().replace("&", ""))
        self.rejected_button.setText(self.tr("Show the files not used…"))
        self.rejected_button.setAccessibleName(self.tr("Show the files not used"))
        about = self.tr("Shows the rejected files in the file log, with the reason for each")
        self.rejected_button.setAccessibleDescription(about)
        self.rejected_button.setToolTip(about)
        names = {"files": self.tr("Files read:"), "accepted": self.tr("Accepted:"), "rejected": self.tr("Rejected:"),
                 "duplicates": self.tr("Duplicates:"),
                 "skipped": self.tr("Not read (cancelled, or this program's own outputs):"),
                 "check": self.tr("Check:"), "firms": self.tr("Firms:"),
                 "history": self.tr("Firms assessed more than once:"),
                 "share2": self.tr("Share at level 2 or above:"), "share3": self.tr("Share at level 3 or above:"),
                 "mean": self.tr("Mean total score:"), "frameworks": self.tr("Frameworks:")}
        for key, label in self.count_names.items():
            label.setText(names[key])
            self.count_values[key].setAccessibleName(names[key].rstrip(":："))

    def show_result(self, shown: Shown) -> None:
        self.shown = shown
        result, labels = shown.result, shown.labels
        c = result.counts
        values = self.count_values
        values["files"].setText(str(c.files))
        values["accepted"].setText(str(c.accepted))
        values["rejected"].setText(str(c.rejected))
        values["duplicates"].setText(str(c.duplicates))
        values["skipped"].setText(str(c.skipped))
        self.count_names["skipped"].setVisible(bool(c.skipped))
        values["skipped"].setVisible(bool(c.skipped))
        check = (self.tr("%1 files = %2 accepted + %3 rejected + %4 duplicates").replace("%1", str(c.files))
                 .replace("%2", str(c.accepted)).replace("%3", str(c.rejected)).replace("%4", str(c.duplicates)))
        if c.skipped:
            check += " " + self.tr("+ %1 not read").replace("%1", str(c.skipped))
        values["check"].setText(check)
        values["firms"].setText(str(c.firms))
        values["history"].setText(str(c.firms_with_history))
        self._show_shares()
        per = result.tables.per_framework
        if len(per) > 1:  # a mean of totals on different scales means nothing: one each
            values["mean"].setText("; ".join(f"{labels.framework(ft.framework_id)}: {fmt_score(ft.overall.mean_total)}"
                                             for ft in per))
        else:
            overall = result.tables.overall
            values["mean"].setText(fmt_score(overall.mean_total) if overall.firms else "–")
        values["frameworks"].setText("; ".join(f"{labels.framework(fid)}: {n}" for fid, n in result.tables.frameworks)
                                     or "–")
        self.rejected_button.setVisible(c.rejected > 0)
        self.draw_charts()

    def _show_shares(self) -> None:
        """The shares at 二级 and 三级 or above: of the firms assessed with a framework of the national
        levels only (a smedigital-cdi 成长级 is not 二级), saying which; "—" when there are none."""
        assert self.shown is not None
        overall, national = self.shown.result.tables.overall, self.shown.labels.national
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

    def draw_charts(self) -> None:
        """The score distribution and the mean pillar scores of the framework shown, titled with its name."""
        from smedigital.charts.figures import PillarMeans, ScoreDistribution

        shown = self.shown
        if shown is None:
            return
        lang, labels = shown.labels.lang, shown.labels
        tables = shown.tables()
        counts = tables.histogram if tables is not None else shown.result.tables.histogram
        means = tables.overall.mean_pillars if tables is not None else shown.result.tables.overall.mean_pillars
        name = shown.framework_name() if tables is not None else ""
        of = f" · {name}" if name else ""
        high_contrast = self.charts_contrast = theme.is_high_contrast()

        def build() -> dict[str, tuple[Any, str, str]]:
            histogram = titled(ScoreDistribution(lang, high_contrast=high_contrast, figsize=(6.0, 2.8)).update(counts),
                               name)
            bands = [f"{i * 10}–{100 if i == len(counts) - 1 else (i + 1) * 10}: {n}" for i, n in enumerate(counts)
                     if n]
            names = labels.pillars(shown.framework or None)
            pillars = titled(PillarMeans(lang, high_contrast=high_contrast, figsize=(6.0, 2.4)).update(means, names),
                             name)
            return {
                "histogram": (histogram, self.tr("Distribution of total scores") + of,
                              self.tr("Firms per band of total score: %1").replace("%1", "; ".join(bands) or "–")),
                "pillars": (pillars, self.tr("Mean pillar scores") + of,
                            "; ".join(f"{n} {fmt_score(m)}" for n, m in zip(names, means, strict=True))),
            }

        # each framework's charts are built once per run (and language and contrast), then swapped in
        self.shelf.show(self.canvases, self.chart_slots, shown.result, (shown.framework, lang, high_contrast), build)
