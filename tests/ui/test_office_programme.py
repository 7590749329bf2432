"""The pilot programme in the regional overview, as an office clerk drives it: the stages and targets files chosen
beside the trusted keys, the programme tab (firms per stage, each firm's stage and its basis, the targets'
progress), the 服务商 scorecard, the 推荐汇总表 saved from the view, a broken targets file refused with its place,
and the app's own .smd.json exports signed so an office that trusts the key sees who sent them.

The firms are built here from the bundled pilot pair (a signed-off baseline at 一级 and its after-retrofit
self-assessment at 二级), renamed: 甲企业 (baseline, after rated on site; 甲服务商), 乙企业 (baseline with an
improvement plan, after; 甲服务商), 丙企业 (baseline only; 乙服务商) and 丁合作社 (another framework; 乙服务商).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import replace
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from smedigital.core.planning import build_plan, with_plan
from smedigital.ui import i18n
from smedigital.ui.qtguard import guard_singletons

guard_singletons()

pytestmark = [pytest.mark.usefixtures("english"), pytest.mark.gui,
              pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "data" / "aggregate"))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import aggcorpus as corpus  # noqa: E402
from test_aggregate_pipeline import CDI_CODE, CODES, pair, rated  # noqa: E402
from test_office_view import SLOW, office, run, table_rows  # noqa: E402

MANUFACTURING = "miit-2024-manufacturing"


@pytest.fixture
def firms(tmp_path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    base, after = pair()
    base, after = replace(base, assessor="甲服务商"), replace(after, assessor="甲服务商")

    def firm(a, letter, name):
        return corpus.with_company(a, name=name, credit_code=CODES[letter])

    corpus.assessment_file(d / "a-base.smd.json", firm(base, "A", "甲企业"))
    corpus.assessment_file(d / "a-after.smd.json", firm(rated(after), "A", "甲企业"))
    corpus.assessment_file(d / "b-base.smd.json", firm(with_plan(base, build_plan(base)), "B", "乙企业"))
    corpus.assessment_file(d / "b-after.smd.json", firm(after, "B", "乙企业"))
    corpus.assessment_file(d / "c-base.smd.json", firm(replace(base, assessor="乙服务商", assessed_on="2026-02-01"),
                                                       "C", "丙企业"))
    cdi = next(a for a in corpus.other_samples() if a.framework_id == "smedigital-cdi")
    corpus.assessment_file(d / "d.smd.json", corpus.with_company(replace(cdi, assessor="乙服务商"), name="丁合作社",
                                                                 credit_code=CDI_CODE))
    return d


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def stages_file(folder: Path) -> Path:
    """丙 filed by the office; 乙 held back at diagnosis (override) though its files show the retrofit; 甲 with its
    declared spend; one row naming a firm not in the run."""
    return write(folder / "stages.csv", (
        "credit_code,stage,date,provider,spend,override,note\n"
        f"{CODES['C']},filing,2026-03-02,,,,已在市平台备案\n"
        f"{CODES['B']},diagnosis,,,,yes,改造后自评待核实\n"
        f"{CODES['A']},acceptance,,,150000,,\n"
        "91110000600037341L,filing,2026-04-01,,,,\n"))


TARGETS = """format: smedigital-targets
format_version: 1
targets:
  - id: share-l2
    text: {zh: 二级及以上占比达到 60%, en: 60 % at level 2 or above}
    source: 本单位 2026 年工作方案
    kind: share-at-level
    framework: miit-2024-manufacturing
    level: 2
    share: 0.6
    group: provider
  - id: diagnosed
    text: {zh: 年底前诊断 3 家, en: 3 firms diagnosed by the end of the year}
    source: 本单位 2026 年工作方案
    kind: count-by-date
    stage: diagnosis
    count: 3
    by: 2026-12-31
"""


def choose(qtbot, monkeypatch, button, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def programme_view(qtbot, library, monkeypatch, firms: Path, tmp_path: Path, targets: str = TARGETS):
    window, view = office(qtbot, library, workers=0)
    view.set_inputs([firms])
    choose(qtbot, monkeypatch, view.bar.stages_button, stages_file(tmp_path))
    choose(qtbot, monkeypatch, view.bar.targets_button, write(tmp_path / "targets.yaml", targets))
    return window, view


# --------------------------------------------------------------------------- the programme tab

def test_stages_and_targets_chosen_then_run_show_the_pipeline_and_the_targets(library, qtbot, monkeypatch, firms,
                                                                               tmp_path, said):
    window, view = programme_view(qtbot, library, monkeypatch, firms, tmp_path)
    assert view.bar.programme_label.text() == "Stages file: stages.csv · Targets file: targets.yaml"
    run(qtbot, view)
    assert said.kinds() == []
    page = view.programme_page
    view.tabs.setCurrentWidget(page)
    assert view.tabs.tabText(view.tabs.currentIndex()) == "&Programme"
    # firms per stage, one row per framework (never pooled): 甲 accepted, 乙 held at diagnosis, 丙 filed
    counts = {r[0]: r[1:] for r in table_rows(view, page.counts_proxy)}
    header = [page.counts_model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.counts_model.columnCount())]
    assert header[1:] == ["Diagnosis", "Filing", "Retrofit", "Acceptance", "Payout", "Total"]
    manufacturing = view.labels.framework(MANUFACTURING)
    assert counts[manufacturing] == ["1", "1", "0", "1", "0", "3"]
    assert [v for k, v in counts.items() if k != manufacturing] == [["1", "0", "0", "0", "0", "1"]]
    # each firm's stage and what it rests on
    rows = {r[0]: r for r in page.shown_firms()}
    assert rows["甲企业"][3:6] == ["Acceptance", "files: an on-site rating is recorded", "甲服务商"]
    assert rows["乙企业"][3:5] == ["Diagnosis", "set by the office (stages file)"]
    assert rows["丙企业"][3] == "Filing" and "2026-03-02" in rows["丙企业"]
    assert page.firm_count.text() == "4 of 4 firms shown"
    # filtered by stage, and the firms the office set behind their files listed for checking
    page.show_stage("filing")
    assert [r[0] for r in page.shown_firms()] == ["丙企业"]
    assert not page.behind_line.isHidden() and "乙企业 (Diagnosis < Retrofit)" in page.behind_line.text()
    page.show_stage("behind")
    assert [r[0] for r in page.shown_firms()] == ["乙企业"] and page.firm_count.text() == "1 of 4 firms shown"
    assert "91110000600037341L" in page.unmatched_line.text() and not page.unmatched_line.isHidden()
    # the targets: progress per framework and by 服务商, met or not, with their source
    progress = table_rows(view, page.target_proxy)
    head = [page.target_model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.target_model.columnCount())]
    col = {h: i for i, h in enumerate(head)}
    share = {r[col["Group"]]: r for r in progress if r[col["Id"]] == "share-l2"}
    assert share["all"][col["Firms"]] == "3" and share["all"][col["Achieved"]] == "2"
    assert share["all"][col["Share"]] == "66.7%" and share["all"][col["Goal"]] == "60.0%"
    assert share["all"][col["Met"]] == "met" and share["all"][col["Source"]] == "本单位 2026 年工作方案"
    assert share["乙服务商"][col["Share"]] == "0.0%" and share["乙服务商"][col["Met"]] == "not met"
    diagnosed = {r[col["Framework"]]: r for r in progress if r[col["Id"]] == "diagnosed"}
    assert diagnosed[manufacturing][col["Achieved"]] == "3" and diagnosed[manufacturing][col["Met"]] == "met"
    assert len(diagnosed) == 2  # the other framework's firms counted on their own
    assert all(r[col["Met"]] == "not met" for f, r in diagnosed.items() if f != manufacturing)
    # the choices are remembered for the next session
    from smedigital.ui.office.view import OfficeView

    again = OfficeView(library)
    qtbot.addWidget(again)
    assert (Path(again.stages_path).name, Path(again.targets_path).name) == ("stages.csv", "targets.yaml")
    # in Chinese the tab, the stages and the targets' words follow
    i18n.set_language("zh")
    assert view.tabs.tabText(view.tabs.indexOf(page)) == "项目进展(&P)"
    assert {r[0]: r for r in page.shown_firms()}["乙企业"][3] == "诊断"
    assert "已达成" in [r[col["Met"]] for r in table_rows(view, page.target_proxy)]


def test_without_programme_files_the_stages_come_from_the_files(library, qtbot, monkeypatch, firms, tmp_path):
    window, view = office(qtbot, library, workers=0)
    view.set_inputs([firms])
    assert view.bar.programme_label.text() == ("No stages file: the stages come from the firms' files · "
                                               "No targets file")
    assert not view.bar.forget_button.isEnabled()
    run(qtbot, view)
    page = view.programme_page
    rows = {r[0]: r[3] for r in page.shown_firms()}
    assert rows == {"甲企业": "Acceptance", "乙企业": "Retrofit", "丙企业": "Diagnosis", "丁合作社": "Diagnosis"}
    assert page.target_table.isHidden() and "No targets file" in page.targets_note.text()
    assert page.behind_line.isHidden() and page.unmatched_line.isHidden()
    # a stages file chosen after the run counts at once, without reading every firm's file again
    task = view.task
    choose(qtbot, monkeypatch, view.bar.stages_button, stages_file(tmp_path))
    assert view.task is task
    rows = {r[0]: r[3] for r in page.shown_firms()}
    assert rows == {"甲企业": "Acceptance", "乙企业": "Diagnosis", "丙企业": "Filing", "丁合作社": "Diagnosis"}
    assert page.stages_line.text().startswith("Stages file: stages.csv.") and not page.behind_line.isHidden()
    # and forgetting it goes back to the files alone
    qtbot.mouseClick(view.bar.forget_button, Qt.MouseButton.LeftButton)
    assert {r[0]: r[3] for r in page.shown_firms()}["丙企业"] == "Diagnosis"
    assert view.bar.programme_label.text().startswith("No stages file")


# --------------------------------------------------------------------------- the 服务商 scorecard

def test_the_scorecard_row_of_a_provider(library, qtbot, monkeypatch, firms, tmp_path):
    window, view = programme_view(qtbot, library, monkeypatch, firms, tmp_path)
    run(qtbot, view)
    page = view.providers_page
    view.tabs.setCurrentWidget(page)
    model = page.provider_model
    head = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    col = {h: i for i, h in enumerate(head)}
    rows = {(r[0], r[1]): r for r in page.shown_rows()}
    jia = rows[("甲服务商", view.labels.framework(MANUFACTURING))]
    # 甲企业 and 乙企业, each with a baseline and an after
    assert jia[col["Firms"]] == "2" and jia[col["Firms with baseline and after"]] == "2"
    assert jia[col["Mean level uplift"]] == "+1.00"  # each from 一级 to 二级 (甲's as rated on site)
    # 甲 rated on site: one answer put lower, 5 points, the level unchanged
    assert jia[col["Firms rated on site"]] == "1" and jia[col["Verified answers unlike the firm's"]] == "1"
    assert jia[col["Rating's effect on the total (sum)"]] == "-5.00"
    assert jia[col["Firms whose rated level is not their own"]] == "0"
    # both costed: 甲's declared spend (150 000 yuan), 乙's plan at the action library's costs; 2 levels gained
    plan = [i.action for i in build_plan(pair()[0]).items if i.action is not None and i.status != "dropped"]
    low, high = 150_000 + sum(a.cost_min for a in plan), 150_000 + sum(a.cost_max for a in plan)
    assert jia[col["Firms with a cost"]] == "2" and jia[col["of which declared"]] == "1"
    assert jia[col["Cost per level gained"]] == f"¥{low // 2:,} to ¥{-(-high // 2):,}"
    yi = rows[("乙服务商", view.labels.framework(MANUFACTURING))]
    assert yi[col["Firms"]] == "1" and yi[col["Firms with baseline and after"]] == "0"
    assert yi[col["Mean level uplift"]] == "—" and yi[col["Cost per level gained"]] == "—"
    # the formula is labelled as the project's own
    assert "project's own" in page.formula.text() and not page.formula.isHidden()
    i18n.set_language("zh")
    assert "本项目自定" in page.formula.text()
    assert view.tabs.tabText(view.tabs.indexOf(page)) == "服务商(&D)"


# --------------------------------------------------------------------------- the 推荐汇总表

def test_save_the_recommendation_summary_one_row_per_firm(library, qtbot, monkeypatch, firms, tmp_path, said):
    window, view = programme_view(qtbot, library, monkeypatch, firms, tmp_path)
    view._remember_folder(str(firms))  # the last folder used was the input folder
    run(qtbot, view)
    page = view.programme_page
    view.tabs.setCurrentWidget(page)
    index = page.rules.findData("xian-batch1-example")  # a bundled example pack, for the subsidy estimate
    assert index > 0 and "[example]" in page.rules.itemText(index)
    page.rules.setCurrentIndex(index)
    page.rules.activated.emit(index)
    out = tmp_path / "out"
    out.mkdir()
    offered: list[str] = []

    def fake_save(parent, title, suggested, filters):
        offered.append(suggested)
        return str(out / "推荐"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    with qtbot.waitSignal(view.saveFinished, timeout=SLOW) as done:
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert done.args == [out / "推荐.xlsx"]
    assert Path(offered[0]).parent == firms.parent and Path(offered[0]).name.startswith("推荐汇总表 ")
    wb = openpyxl.load_workbook(out / "推荐.xlsx", read_only=True)
    ws = wb[wb.sheetnames[0]]
    rows = [r for r in ws.iter_rows(values_only=True)]
    head = next(i for i, r in enumerate(rows) if r and r[0] == "No.")
    firms_rows = [r for r in rows[head + 1:] if r and r[0] is not None]
    assert sorted(r[1] for r in firms_rows) == ["丁合作社", "丙企业", "乙企业", "甲企业"]  # one row per firm
    assert any("xian-batch1-example" in str(r[0]) for r in rows[:head])  # the rule pack named
    wb.close()
    assert sorted(p.name for p in out.iterdir()) == ["推荐.xlsx"]  # written atomically: nothing else left
    from smedigital.ui.office.view import OfficeView

    again = OfficeView(library)  # the pack chosen is remembered
    qtbot.addWidget(again)
    assert again.programme_page.rules_ref == "xian-batch1-example"


# --------------------------------------------------------------------------- a broken file

def test_a_broken_targets_file_is_named_with_its_place_and_the_run_does_not_start(library, qtbot, monkeypatch,
                                                                                    firms, tmp_path, said):
    window, view = programme_view(qtbot, library, monkeypatch, firms, tmp_path)
    assert said.kinds() == []
    targets = tmp_path / "targets.yaml"
    # edited after it was chosen: a share above 1 and a date that does not exist
    write(targets, TARGETS.replace("share: 0.6", "share: 1.5").replace("by: 2026-12-31", "by: 2026-02-30"))
    qtbot.mouseClick(view.run_button, Qt.MouseButton.LeftButton)
    assert view.task is None and view.result is None and view.progress.isHidden()
    message = said.messages[-1]
    assert said.kinds() == ["error"] and "targets.yaml" in message.text
    assert "targets[0].share: must be a number above 0 and at most 1" in message.text
    assert "targets[1].by: '2026-02-30' is not a real date as YYYY-MM-DD" in message.text
    # the same in Chinese
    i18n.set_language("zh")
    qtbot.mouseClick(view.run_button, Qt.MouseButton.LeftButton)
    assert view.task is None and said.kinds() == ["error", "error"]
    assert "此文件无法使用" in said.messages[-1].text and "targets[0].share：应为大于 0、不超过 1 的数" in \
        said.messages[-1].text
    # a broken file chosen is refused and the one in use stays
    bad = write(tmp_path / "bad.yaml", "format: smedigital-targets\nformat_version: 1\ntargets: []\n")
    write(targets, TARGETS)
    choose(qtbot, monkeypatch, view.bar.targets_button, bad)
    assert said.kinds()[-1] == "error" and "targets：应为" in said.messages[-1].text
    assert view.targets_path == str(targets)
    run(qtbot, view)
    assert view.result is not None and view.programme.progress is not None


# --------------------------------------------------------------------------- signed exports

def test_the_apps_export_is_signed_and_an_office_trusting_the_key_sees_it(library, qtbot, monkeypatch, tmp_path,
                                                                          said):
    from smedigital.core.resources import resource_path
    from smedigital.export.signing import TrustedKey, load_or_create_identity, save_trusted_keys

    window, view = office(qtbot, library, workers=0)
    assessment_id = library.import_file(resource_path("samples", "manufacturer-miit.smd.json"))
    out = tmp_path / "sent"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out / "firm"), "")))
    written = window.export_assessment(assessment_id)
    assert written == out / "firm.smd.json"
    record = json.loads(written.read_text(encoding="utf-8"))
    me = load_or_create_identity()
    assert record["signature"]["fingerprint"] == me.fingerprint
    keys = save_trusted_keys_file(tmp_path, me.fingerprint, TrustedKey, save_trusted_keys)
    view = window.show_office()
    view.aggregate_options = {"workers": 0}
    assert view.choose_trusted_keys(str(keys))
    view.set_inputs([out])
    run(qtbot, view)
    assert view.result.counts.firms == 1
    model = view.files.file_model
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert model.index(0, header.index("Signature")).data() == "signed by a trusted key: 李评估（某服务商）"
    # edited after the export: the signature no longer holds
    record["company"]["name"] = "改过的名字"
    written.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    run(qtbot, view)
    assert model.index(0, header.index("Signature")).data().startswith("signature invalid (changed after signing)")


def save_trusted_keys_file(folder: Path, fingerprint: str, key_type, save) -> Path:
    keys = folder / "keys.yaml"
    save(keys, [key_type(fingerprint, "李评估", "某服务商", dt.date(2026, 12, 1))])
    return keys
