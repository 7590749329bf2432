"""The regional overview's tabs, the framework shown and the benchmark file, as a clerk drives them.

Each tab is its own widget handed every result; the framework chosen governs every chart and
table title (levels are never pooled across frameworks); the benchmark file is saved like the
summary, outside the input folders, anonymised, and never read back as an input.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QVBoxLayout, QWidget

from smedigital.core.assessment import load_assessment, save_assessment
from smedigital.ui import i18n
from smedigital.ui.qtguard import guard_singletons

guard_singletons()

pytestmark = [pytest.mark.usefixtures("english"), pytest.mark.gui,
              pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "data" / "aggregate"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import aggcorpus as corpus  # noqa: E402
from test_office_view import SAMPLES, SLOW, office, run, table_rows  # noqa: E402

MANUFACTURER = ROOT / "resources" / "samples" / "manufacturer-miit.smd.json"


def band_total(description: str) -> int:
    """The firms a histogram's description counts ("Firms per band of total score: 20–30: 1; 40–50: 2")."""
    bands = description.split(": ", 1)[1]
    return sum(int(part.rsplit(": ", 1)[1]) for part in bands.split("; ") if ": " in part)


class NotesTab(QWidget):
    """A tab another module might add: it only needs a title, retranslate and show_result."""

    def __init__(self) -> None:
        super().__init__()
        self.label = QLabel(self)
        QVBoxLayout(self).addWidget(self.label)
        self.seen: list[str] = []

    def tab_title(self) -> str:
        return "Notes"

    def retranslate(self) -> None:
        pass

    def show_result(self, shown) -> None:
        self.seen.append(shown.framework)
        self.label.setText(f"{shown.result.counts.firms} firms")


# --------------------------------------------------------------------------- the tabs

def test_each_tab_is_its_own_widget_and_shows_the_result(library, qtbot, firms_folder):
    window, view = office(qtbot, library, workers=0)
    extra = NotesTab()
    view.add_page(extra)  # a new tab is one more widget in the list
    assert view.pages == [view.overview, view.groups, view.firms, view.files, view.programme_page,
                          view.providers_page, extra]
    assert [view.tabs.widget(i) for i in range(view.tabs.count())] == view.pages
    view.set_inputs([firms_folder])
    run(qtbot, view)
    assert [view.tabs.tabText(i) for i in range(view.tabs.count())] == ["O&verview", "By gro&up", "Fir&ms",
                                                                        "File &log", "&Programme",
                                                                        "服务商 provi&ders", "Notes"]
    # every tab shows the same run
    assert view.overview.count_values["firms"].text() == "3"
    assert view.overview.count_values["rejected"].text() == "1"
    assert sum(int(r[1]) for r in table_rows(view, view.groups.group_proxy)) == \
        int(view.framework_choice.currentText().rsplit("· ", 1)[1])  # the firms of the framework shown
    names = sorted(r[0] for r in table_rows(view, view.firms.firm_proxy))
    assert names == sorted(load_assessment(p).company.name for p in SAMPLES)
    assert sorted(f[0] for f in view.shown_files()) == sorted(p.name for p in firms_folder.iterdir())
    assert extra.label.text() == "3 firms" and extra.seen == [view.shown_framework()]
    # the rejected-files button of the overview opens the file log of the view
    qtbot.mouseClick(view.overview.rejected_button, Qt.MouseButton.LeftButton)
    assert view.tabs.currentWidget() is view.files and [f[0] for f in view.shown_files()] == ["broken.xlsx"]
    # each tab follows the language on its own
    i18n.set_language("zh")
    assert view.tabs.tabText(1) == "分组统计(&U)"
    assert view.files.status_filter.itemText(0) == "全部文件"
    assert view.groups.table_title.text().startswith("按行业统计企业 · ")
    assert view.firms.history_button.text() == "评测历史(&Y)…"


# --------------------------------------------------------------------------- the framework shown

def test_the_framework_chosen_governs_every_chart_and_title(library, qtbot, firms_folder):
    window, view = office(qtbot, library, workers=0)
    view.set_inputs([firms_folder])
    run(qtbot, view)
    per = {ft.framework_id: ft.overall.firms for ft in view.result.tables.per_framework}
    assert len(per) == 2 and view.framework_choice.isVisible() and view.frameworks_line.isVisible()
    for fid, firms in per.items():
        assert view.set_framework(fid)
        name = view.labels.framework(fid)
        assert view.shown_framework() == fid
        assert view.frameworks_line.text().startswith(f"2 frameworks in these files: showing {name}.")
        histogram, pillars, levels = (view.canvases[k] for k in ("histogram", "pillars", "levels"))
        assert histogram.chart.title.get_text() == f"Distribution of total scores · {name}"
        assert histogram.accessibleName() == f"Distribution of total scores · {name}"
        assert band_total(histogram.accessibleDescription()) == firms  # this framework's firms only
        assert pillars.chart.title.get_text().endswith(f" · {name}") and pillars.accessibleName().endswith(name)
        assert pillars.accessibleDescription().startswith(view.labels.pillars(fid)[0])
        assert levels.chart.title.get_text().endswith(f" · {name}")
        assert view.groups.table_title.text() == f"Firms by industry · {name}"
        assert view.groups.group_table.accessibleName() == f"Firms by industry · {name}"
        assert sum(int(r[1]) for r in table_rows(view, view.groups.group_proxy)) == firms
    # the choice stays when grouping changes, and survives another language
    view.set_grouping("size")
    assert view.groups.table_title.text() == f"Firms by size class · {name}"
    view.set_grouping("framework")  # every framework a row, each on its own scale: none is named
    assert view.groups.table_title.text() == "Firms by framework, each on its own scale"
    assert sorted(int(r[1]) for r in table_rows(view, view.groups.group_proxy)) == sorted(per.values())
    i18n.set_language("zh")
    zh_name = view.labels.framework(fid)
    assert view.shown_framework() == fid
    assert view.frameworks_line.text().startswith(f"这些文件共涉及 2 个评测体系：当前显示 {zh_name}")
    assert view.canvases["histogram"].chart.title.get_text() == f"总分分布 · {zh_name}"


def test_one_framework_is_named_without_a_choice(library, qtbot, tmp_path):
    folder = tmp_path / "one"
    folder.mkdir()
    save_assessment(load_assessment(MANUFACTURER), folder / "firm.smd.json")
    window, view = office(qtbot, library, workers=0)
    view.set_inputs([folder])
    run(qtbot, view)
    name = view.labels.framework("miit-2024-manufacturing")
    assert view.framework_choice.isHidden() and view.frameworks_line.isHidden()
    assert view.canvases["histogram"].chart.title.get_text() == f"Distribution of total scores · {name}"
    assert view.groups.table_title.text() == f"Firms by industry · {name}"


# --------------------------------------------------------------------------- the benchmark file

def test_the_benchmark_file_is_saved_anonymised_outside_the_inputs_and_never_read_back(
        library, qtbot, tmp_path, monkeypatch, said, opened):
    rng = random.Random(14)
    inputs = tmp_path / "in"
    inputs.mkdir()
    firms = []
    for i in range(12):  # 12 manufacturers of one division in one county; 3 retailers elsewhere: under 10
        a = corpus.random_assessment(rng, name=f"对标企业{i}有限公司", region="宁波北仑", industry="C34")
        firms.append(a)
        corpus.assessment_file(inputs / f"c{i}.smd.json", a)
    for i in range(3):
        a = corpus.random_assessment(rng, name=f"零售企业{i}有限公司", region="四川省成都市武侯区", industry="F52")
        firms.append(a)
        corpus.assessment_file(inputs / f"f{i}.smd.json", a)
    window, view = office(qtbot, library, workers=0)
    assert not view.benchmark_button.isEnabled()  # nothing to save before a run
    view.set_inputs([inputs])
    view._remember_folder(str(inputs))  # the last folder chosen was the input folder
    run(qtbot, view)
    assert view.benchmark_button.isEnabled() and view.benchmark_about.isVisible()
    assert "fewer than 10 firms" in view.benchmark_about.text() and "no firm's name" in view.benchmark_about.text()
    out = tmp_path / "out"
    out.mkdir()
    suggested: list[Path] = []

    def fake_save(parent, title, offered, filters):
        suggested.append(Path(offered))
        return str(out / "bench"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    with qtbot.waitSignal(view.saveFinished, timeout=SLOW) as done:
        qtbot.mouseClick(view.benchmark_button, Qt.MouseButton.LeftButton)
    assert suggested[0].parent == inputs.parent and suggested[0].name.startswith("benchmark")  # not in the inputs
    assert done.args == [out / "bench.json"] and sorted(p.name for p in out.iterdir()) == ["bench.json"]
    text = (out / "bench.json").read_text(encoding="utf-8")
    for a in firms:  # no name or credit code of any firm, no file name
        assert a.company.name not in text
        assert not a.company.credit_code or a.company.credit_code not in text
    assert "c0.smd.json" not in text and str(inputs) not in text
    data = json.loads(text)
    fw = data["frameworks"][0]
    groups = {(g["by"], g["key"]): g["firms"] for g in fw["groups"]}
    assert groups[("all", "*")] == 15 and groups[("industry_division", "C34")] == 12
    assert groups[("county", "330206")] == 12
    assert ("industry_division", "F52") not in groups and fw["suppressed_groups"] >= 2  # 3 retailers: left out
    assert all(n >= 10 for n in groups.values())
    assert fw["level_names"]["en"][1] != fw["level_names"]["zh"][1] and fw["level_names"]["zh"][1] == "一级"
    assert said.kinds() == ["question"]  # offered to show the folder, as for the summary
    # saved back into the inputs, it is recognised as this program's own output and not read
    (out / "bench.json").replace(inputs / "bench.json")
    run(qtbot, view)
    log = {name: (status, reason) for name, status, reason in view.shown_files()}
    assert log["bench.json"][0] == "skipped" and "own" in log["bench.json"][1]
    assert view.overview.count_values["firms"].text() == "15" and view.overview.count_values["rejected"].text() == "0"


def test_every_shortcut_letter_is_used_once_on_each_tab(library, qtbot, firms_folder):
    from PySide6.QtWidgets import QAbstractButton

    window, view = office(qtbot, library, workers=0)
    view.set_inputs([firms_folder])
    run(qtbot, view)
    for lang in ("en", "zh"):
        i18n.set_language(lang)
        for page in range(view.tabs.count()):
            view.tabs.setCurrentIndex(page)
            texts = [w.text() for w in view.findChildren(QAbstractButton) if w.isVisible()]
            texts += [w.text() for w in view.findChildren(QLabel) if w.isVisible() and w.buddy() is not None]
            texts += [view.tabs.tabText(i) for i in range(view.tabs.count())]
            letters = [t[t.index("&") + 1].lower() for t in texts if "&" in t.replace("&&", "")]
            twice = sorted({x for x in letters if letters.count(x) > 1})
            assert twice == [], (lang, page, [t for t in texts if "&" in t])


def test_files_without_a_usable_assessment_name_no_framework(library, qtbot, tmp_path):
    folder = tmp_path / "junk"
    folder.mkdir()
    (folder / "notes.json").write_text('{"format": "something else"}', encoding="utf-8")
    (folder / "half.xlsx").write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    window, view = office(qtbot, library, workers=0)
    view.set_inputs([folder])
    run(qtbot, view)
    assert view.shown_framework() is None and view.framework_choice.isHidden()
    assert "No usable assessment was found." in view.notice.text()
    assert view.canvases["histogram"].chart.title.get_text() == "Distribution of total scores"
    assert view.groups.table_title.text() == "Firms by industry" and view.groups.group_proxy.rowCount() == 0
    assert view.firms.firm_proxy.rowCount() == 0 and len(view.shown_files()) == 2


# --------------------------------------------------------------------------- column widths

def column_widths(table) -> list[int]:
    header = table.horizontalHeader()
    last = header.logicalIndex(header.count() - 1) if header.stretchLastSection() else -1
    return [header.sectionSize(c) for c in range(header.count()) if c != last]


def qt_contents_widths(table) -> list[int]:
    """The widths Qt's own ResizeToContents mode gives the same columns now."""
    from PySide6.QtWidgets import QHeaderView

    header = table.horizontalHeader()
    modes = [header.sectionResizeMode(c) for c in range(header.count())]
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.resizeSections()
    widths = column_widths(table)
    for c, mode in enumerate(modes):
        header.setSectionResizeMode(c, mode)
    return widths


def test_the_tables_columns_fit_their_texts_through_refills_languages_and_text_sizes(library, qtbot, firms_folder):
    window, view = office(qtbot, library, workers=0)
    view.set_inputs([firms_folder])
    run(qtbot, view)
    groups, files = view.groups, view.files
    view.tabs.setCurrentWidget(groups)
    table = groups.group_table
    qtbot.waitUntil(table.isVisible)
    assert column_widths(table) == qt_contents_widths(table)
    assert all(w >= table.horizontalHeader().minimumSectionSize() for w in column_widths(table))
    by_industry = column_widths(table)
    frameworks = [view.framework_choice.itemData(i) for i in range(view.framework_choice.count())]
    for fid in reversed(frameworks):  # refilled with another framework's firms
        assert view.set_framework(fid)
        assert column_widths(table) == qt_contents_widths(table)
    view.set_grouping("framework")
    assert column_widths(table) == qt_contents_widths(table) != by_industry  # the names are others
    table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    assert column_widths(table) == qt_contents_widths(table)
    i18n.set_language("zh")
    assert column_widths(table) == qt_contents_widths(table)
    before = column_widths(table)
    font = table.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)  # larger text
    table.setFont(font)
    qtbot.waitUntil(lambda: column_widths(table) != before)
    assert column_widths(table) == qt_contents_widths(table)
    assert all(a > b for a, b in zip(column_widths(table), before, strict=True))
    # refilled while hidden (another tab shown): fitted when shown again, the file log as well
    view.tabs.setCurrentWidget(files)
    qtbot.waitUntil(files.file_table.isVisible)
    assert column_widths(files.file_table) == qt_contents_widths(files.file_table)
    view.set_grouping("size")
    view.set_framework(frameworks[0])
    view.tabs.setCurrentWidget(groups)
    qtbot.waitUntil(table.isVisible)
    assert column_widths(table) == qt_contents_widths(table)
    i18n.set_language("en")
