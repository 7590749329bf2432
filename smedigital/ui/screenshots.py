"""``smedigital --screenshots DIR``: a PNG of every main screen, in Chinese and in English.

The sample assessments in ``resources/samples`` are imported into a fresh library under
``DIR/library`` (the user's own library is never touched); then, for each language, the
firm list, the new-assessment dialog, help, the regional overview (the samples exported as
plan workbooks under ``DIR/office-inputs``, with an earlier assessment of one firm and a
broken file, and the example stages and targets files of ``resources/samples/office``: overview, table and
chart by industry, firms, file log, the programme, the 服务商 scorecard, a firm's history) and
every step of the assessment view (the profile, each dimension page, a question of each
kind, review, results, plan) are drawn into ``DIR/<lang>-<nn>-<screen>.png``; then the same
again in high contrast, into ``DIR/<lang>-hc-<nn>-<screen>.png``. Last come the results page
in narrower windows (``results-1024``, ``results-784``: a 1024-pixel screen and the offscreen
platform's own window width), where its charts stand in one column, and scrolled down to them
(``results-784-charts``).

Every screen is drawn as on a 1366×768 laptop: the window is sized to fit that screen (or the
real one, when smaller), and each window and dialog drawn is checked to fit it still (a page
whose content needs more room makes its window grow). An offscreen platform without a size
(``QT_QPA_PLATFORM=offscreen``) is given a 1366×768 screen; ``QT_SCALE_FACTOR`` (1.25, 1.5)
shows what fits at a larger scaling. :func:`take` lists what does not fit.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEventLoop, QRect, QSize, QTimer
from PySide6.QtWidgets import QWidget

from smedigital.core.resources import resource_path

if TYPE_CHECKING:
    from smedigital.library import Library

    from .assessment import AssessmentView

log = logging.getLogger("smedigital.ui")

LAPTOP = (1366, 768)  # the screen every screenshot must fit
NARROW_WIDTHS = (1024, 784)  # the results page again in windows this wide (see _narrow_results)


def settle(ms: int = 120) -> None:
    """Let layouts, timers and deferred painting run (charts refresh on a short timer)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    QCoreApplication.processEvents()


def _grab(widget: QWidget, path: Path, written: list[Path], area: QRect | None = None,
          misfits: list[tuple[str, QSize | None, QSize | None, QRect]] | None = None) -> None:
    settle()
    if widget.grab().save(str(path)):
        written.append(path)
    else:
        log.error("could not write %s", path)
    if area is not None and misfits is not None:
        frame, need = _too_big(widget, area)
        if frame is not None or need is not None:
            misfits.append((path.name, frame, need, area))


def _too_big(widget: QWidget, area: QRect) -> tuple[QSize | None, QSize | None]:
    """The size of ``widget`` (frame included) if larger than the screen area, and the size its
    content needs if that is larger."""
    frame = widget.frameGeometry().size()
    need = widget.minimumSizeHint() if widget.layout() is not None else widget.minimumSize()
    need = need.expandedTo(widget.minimumSize())
    return (frame if frame.width() > area.width() or frame.height() > area.height() else None,
            need if need.width() > area.width() or need.height() > area.height() else None)


def _describe(frame: QSize | None, need: QSize | None, area: QRect) -> str:
    """What does not fit, in the interface language: '1500×700, needs at least 1500×20 on a 1366×768 screen'."""
    def size(s: QSize | QRect) -> str:
        return f"{s.width()}×{s.height()}"

    if frame is None and need is None:
        return ""
    if need is None:
        text = QCoreApplication.translate("Screenshots", "%1 on a %3 screen")
    elif frame is None:
        text = QCoreApplication.translate("Screenshots", "needs at least %2 on a %3 screen")
    else:
        text = QCoreApplication.translate("Screenshots", "%1, needs at least %2 on a %3 screen")
    return (text.replace("%1", size(frame) if frame is not None else "")
            .replace("%2", size(need) if need is not None else "").replace("%3", size(area)))


def misfit(widget: QWidget, area: QRect) -> str:
    """Why ``widget`` (a window or dialog, frame included) does not fit the screen area, or ''."""
    return _describe(*_too_big(widget, area), area)


def misfit_line(problem: str) -> str:
    """The line ``smedigital --screenshots`` prints for a screen that does not fit, in the interface language."""
    return QCoreApplication.translate("Screenshots", "does not fit the screen: %1").replace("%1", problem)


def screen_area(widget: QWidget | None = None) -> QRect:
    """The part of the screen the screenshots may use: the free area, at most 1366×768."""
    from .screens import available_area

    free = available_area(widget)
    return QRect(free.topLeft(), free.size().boundedTo(QRect(0, 0, *LAPTOP).size()))


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in name).strip("-")


def take(out_dir: str | Path, qt_args: Sequence[str] = (), misfits: list[str] | None = None,
         lang: str | None = None) -> list[Path]:
    """Draw every screen into ``out_dir``; returns the files written. Each window or dialog that
    does not fit the screen (see :func:`screen_area`) is added to ``misfits``, with its size, in the
    interface language of the run (``lang``, else the system's), which is the language set afterwards."""
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    data = out / "library"
    shutil.rmtree(data, ignore_errors=True)
    os.environ["SMEDIGITAL_DATA_DIR"] = str(data)

    from smedigital.library import Library

    from . import i18n, messages, theme
    from .application import create_application
    from .main_window import MainWindow
    from .screens import fitted_geometry

    if os.environ.get("QT_QPA_PLATFORM") == "offscreen" and QCoreApplication.instance() is None:
        os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={_laptop_screen(out)}"
    app = create_application(qt_args)
    messages.set_handler(lambda m: False)  # nothing modal: messages go to the log only
    library = Library.open()
    samples = sorted(resource_path("samples").glob("*.smd.json"))
    imported = [library.import_file(p) for p in samples]
    if not imported:
        imported = [_made_up_sample(library)]
    office_inputs = _office_inputs(out / "office-inputs", samples)
    pilot = _pilot_firm(library, out)
    written: list[Path] = []
    misfits = [] if misfits is None else misfits
    found: list[tuple[str, QSize | None, QSize | None, QRect]] = []
    window = MainWindow(library)
    area = screen_area(window)
    window.setGeometry(fitted_geometry(area, area.size()))
    window.show()
    try:
        for contrast in (False, True):
            theme.set_high_contrast(contrast)
            for shown in ("zh", "en"):
                i18n.set_language(shown)
                _screens_for(shown, window, imported, out, written, office_inputs, pilot,
                             prefix=f"{shown}-hc" if contrast else shown, area=area, misfits=found)
    finally:
        theme.set_high_contrast(False)
        i18n.set_language(i18n.normalise(lang) or i18n.system_language())  # the run's own language again
        misfits.extend(f"{name}: {_describe(frame, need, screen)}" for name, frame, need, screen in found)
        window.close()
        window.deleteLater()
        settle(10)
        library.close()
        app.processEvents()
    return written


def _laptop_screen(out: Path) -> Path:
    """A configuration for Qt's offscreen platform: one 1366×768 screen at 96 dpi (its own default is 800×800)."""
    import json

    config = out / "offscreen-screen.json"
    config.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": LAPTOP[0],
                                               "height": LAPTOP[1], "logicalDpi": 96, "logicalBaseDpi": 96,
                                               "dpr": 1}]}), encoding="utf-8")
    return config


def _made_up_sample(library: Library) -> int:
    from smedigital.core.assessment import Company
    from smedigital.core.framework import bundled_frameworks

    firm = library.add_firm(Company(name="示例制造有限公司", industry="C34", region="浙江省"))
    return library.create_assessment(firm, next(iter(bundled_frameworks())))


def _office_inputs(folder: Path, samples: list[Path]) -> Path | None:
    """What an industry office might receive: the samples as plan workbooks, one firm also
    assessed a year earlier (fewer answers), a workbook cut off half-way, and the pilot pair (a firm's
    baseline and its after-retrofit assessment) for the programme tabs."""
    from dataclasses import replace

    from smedigital.core.assessment import load_assessment, save_assessment
    from smedigital.export.workbook import write_plan_workbook

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    try:
        for sample in samples:
            write_plan_workbook(load_assessment(sample), folder / sample.name.replace(".smd.json", ".xlsx"), "zh")
        if samples:
            a = load_assessment(samples[0])
            answered = list(a.answers)
            for qid in answered[: len(answered) // 3]:
                a = a.with_answer(qid, None)
            year, rest = a.assessed_on.split("-", 1)
            save_assessment(replace(a, assessed_on=f"{int(year) - 1}-{rest}"), folder / "earlier.smd.json")
            whole = (folder / samples[0].name.replace(".smd.json", ".xlsx")).read_bytes()
            (folder / "damaged.xlsx").write_bytes(whole[: len(whole) // 3])
        for pilot in sorted(resource_path("samples", "pilot").glob("*.smd.json")):  # a firm before and after
            shutil.copyfile(pilot, folder / pilot.name)
    except Exception:  # the other screens are still worth drawing
        log.exception("cannot prepare the regional overview's inputs")
        return None
    return folder


def _office_screens(window: object, inputs: Path, shot: Callable[[str, QWidget | None], None]) -> None:
    """The regional overview after a run over ``inputs``, each tab, and the history of a firm assessed twice.
    The run is made from the screenshot folder with the inputs named relative to it, so the pictures show
    "office-inputs" and not where this machine keeps the folder."""
    previous = Path.cwd()
    os.chdir(inputs.parent)
    try:
        _office_screens_here(window, Path(inputs.name), shot)
    finally:
        os.chdir(previous)


def _office_screens_here(window: object, inputs: Path, shot: Callable[[str, QWidget | None], None]) -> None:
    from .main_window import MainWindow

    assert isinstance(window, MainWindow)
    view = window.show_office()
    if view is None:  # the open assessment view would not close
        return
    view.aggregate_options = {"workers": 0}  # a handful of files: no worker processes needed
    view.set_inputs([str(inputs)])
    _office_programme_files(view)
    loop = QEventLoop()
    view.runFinished.connect(loop.quit)
    if view.run() is not None:
        QTimer.singleShot(120_000, loop.quit)
        loop.exec()
    view.runFinished.disconnect(loop.quit)
    if view.result is None:
        log.warning("the regional overview has no result: only its empty screen was drawn")
        shot("office-empty", None)
        return
    view.tabs.setCurrentIndex(0)
    shot("office-overview", None)
    view.set_grouping("industry")
    view.tabs.setCurrentWidget(view.groups)
    shot("office-by-industry", None)
    view.tabs.setCurrentWidget(view.firms)
    shot("office-firms", None)
    view.show_rejected_files()
    view.files.status_filter.setCurrentIndex(0)
    shot("office-file-log", None)
    view.tabs.setCurrentWidget(view.programme_page)
    shot("office-programme", None)
    view.tabs.setCurrentWidget(view.providers_page)
    shot("office-providers", None)
    twice = next((f for f in view.result.firms if len(f.history) > 1), None)
    if twice is not None:
        view.tabs.setCurrentWidget(view.firms)
        view.select_firm(twice.newest.name)
        dialog = view.show_history()
        if dialog is not None:
            shot("office-history", dialog)
            dialog.reject()
    view.tabs.setCurrentIndex(0)


def _office_programme_files(view: object) -> None:
    """The example stages and targets files of resources/samples/office, for the programme tabs (not remembered:
    the screenshots leave the office's own choices alone); one that cannot be read is left out."""
    from smedigital.aggregate.officefile import OfficeFileError
    from smedigital.aggregate.pipeline import load_stages
    from smedigital.aggregate.targets import load_targets

    from .office.view import OfficeView

    assert isinstance(view, OfficeView)
    folder = resource_path("samples", "office")
    for attr, name, load in (("stages_path", "stages.example.csv", load_stages),
                             ("targets_path", "targets.example.yaml", load_targets)):
        try:
            load(folder / name)
        except OfficeFileError:
            log.warning("the example %s cannot be read: the programme tab is drawn without it", name)
            continue
        setattr(view, attr, str(folder / name))
    view.bar.show_programme_files(view.stages_path, view.targets_path)


def _screens_for(lang: str, window: object, assessments: list[int], out: Path, written: list[Path],
                 office_inputs: Path | None = None, pilot: tuple[int, int] | None = None, prefix: str | None = None,
                 area: QRect | None = None, misfits: list[tuple[str, QSize | None, QSize | None, QRect]] | None = None) -> None:
    """Every screen with the first assessment; then, from the others, questions of kinds not yet seen.
    Files are named ``<prefix>-<nn>-<screen>.png`` (the prefix is the language, ``zh-hc`` for high contrast)."""
    from .main_window import MainWindow
    from .screens import fitted_geometry

    assert isinstance(window, MainWindow)
    n = iter(range(1, 100))

    def shot(name: str, widget: QWidget | None = None) -> None:
        if widget is None and area is not None:  # a page that made the window grow does not count against the next
            settle(10)  # the page's new minimum size first
            window.setGeometry(fitted_geometry(area, area.size(), current=window.geometry()))
        _grab(widget or window, out / f"{prefix or lang}-{next(n):02d}-{_safe(name)}.png", written, area, misfits)

    assessment_id = assessments[0]
    window.show_home()
    firm_id = window.library.assessment_info(assessment_id).firm_id
    window.home.select_firm(firm_id)
    shot("home")
    dialog = window.new_assessment()
    dialog.name_edit.setText("示例商贸有限公司" if lang == "zh" else "Example Trading Co., Ltd.")
    shot("new-assessment", dialog)
    dialog.reject()
    help_dialog = window.show_help()
    shot("help", help_dialog)
    help_dialog.close()
    if office_inputs is not None:
        try:
            _office_screens(window, office_inputs, shot)
        except Exception:  # one screen failing must not stop the others
            log.exception("cannot show the regional overview")
        window.show_home()

    kinds_seen: set[str] = set()
    for i, aid in enumerate(assessments):
        if not window.open_assessment(aid) or window.assessment_view is None:
            log.warning("assessment %s cannot be shown: its screens are not drawn", aid)
            continue
        for name, go in _view_targets(window.assessment_view, kinds_seen, every_step=i == 0):
            try:
                go()
            except Exception:  # one screen failing must not stop the others
                log.exception("cannot show %s", name)
                continue
            shot(name)
    window.show_home()
    if pilot is not None:
        try:
            _pilot_screens(window, pilot, out, shot)
        except Exception:  # one screen failing must not stop the others
            log.exception("cannot show the pilot cycle's screens")
        window.show_home()
    if area is not None:
        try:
            _narrow_results(window, assessment_id, area, shot)
        except Exception:  # one screen failing must not stop the others
            log.exception("cannot show the results page in a narrow window")
        window.setGeometry(fitted_geometry(area, area.size()))  # the whole screen again for what follows
        window.show_home()


def _narrow_results(window: object, assessment_id: int, area: QRect,
                    shot: Callable[[str, QWidget | None], None]) -> None:
    """The results page of the first assessment in windows :data:`NARROW_WIDTHS` wide (as tall as the
    screen allows), after every other screen so that their numbers stay as they were."""
    from .main_window import MainWindow
    from .screens import fitted_geometry

    assert isinstance(window, MainWindow)
    if not window.open_assessment(assessment_id) or window.assessment_view is None:
        return
    view = window.assessment_view
    view.go_to("results")
    page = view.results_page
    for width in NARROW_WIDTHS:
        place = window.geometry()
        window.setGeometry(fitted_geometry(area, area.size(), current=QRect(place.topLeft(),
                                                                            QSize(width, area.height()))))
        shot(f"results-{width}", None)
    settle()
    if page.canvases:  # the narrowest again, scrolled down to the charts (in one column)
        bar = page.scroll.verticalScrollBar()
        bar.setValue(page.canvases[0].y())
        shot(f"results-{NARROW_WIDTHS[-1]}-charts", None)
        bar.setValue(0)


def _view_targets(view: AssessmentView, kinds_seen: set[str],
                  every_step: bool) -> list[tuple[str, Callable[[], object]]]:
    """The view's steps (profile, pages, review, results, plan...) and one question of each new kind."""
    targets: list[tuple[str, Callable[[], object]]] = []
    if every_step:
        targets += [(step.replace("dim:", "page-"), functools.partial(view.go_to, step)) for step in view.steps]
    for q in view.session.questions():
        if q.kind not in kinds_seen:
            kinds_seen.add(q.kind)
            targets.append((f"question-{q.kind}", functools.partial(view.go_to_question, q.id)))
    return targets


# --------------------------------------------------------------------------- the pilot cycle (issue 13)

def _pilot_firm(library: Library, out: Path) -> tuple[int, int] | None:
    """The pilot samples (a diagnosis baseline and an after-retrofit self-assessment of one firm), with an
    evidence file attached to a question of the after one; (baseline id, after id)."""
    from dataclasses import replace

    pilot = resource_path("samples", "pilot")
    try:
        base = library.import_file(pilot / "manufacturer-miit-baseline.smd.json")
        after = library.import_file(pilot / "manufacturer-miit-after.smd.json")
        doc = out / "network-topology.pdf"
        doc.write_bytes(b"%PDF-1.4 a stand-in for the firm's network topology diagram")
        ev = library.attach_evidence(after, PILOT_QUESTION, doc)
        a = library.load_assessment(after)
        answer = a.answers[PILOT_QUESTION]
        a = a.with_answer(PILOT_QUESTION, replace(answer, evidence=(*answer.evidence, ev.original_name)))
        library.save_assessment(after, a)
    except Exception:  # the other screens are still worth drawing
        log.exception("cannot import the pilot samples")
        return None
    return base, after


PILOT_QUESTION = "miit.foundation.network"


def _pilot_screens(window: object, pilot: tuple[int, int], out: Path,
                   shot: Callable[[str, QWidget | None], None]) -> None:
    """The comparison page, the evidence items of a question, on-site verification and a firm pack being
    written (its progress dialog, held at the first file while it is drawn)."""
    import threading

    from .main_window import MainWindow
    from .packs import PackJob

    assert isinstance(window, MainWindow)
    base, after = pilot
    library = window.library
    firm = library.assessment_info(after).firm_id
    history = window.show_history(firm)
    comparison = history.compare(base, after)
    if comparison is not None:
        shot("pilot-comparison", comparison)
        comparison.reject()
    history.refresh(select=after)
    verification = history.verify()
    if verification is not None:
        shot("pilot-verification", verification)
        verification.reject()
    history.reject()

    if window.open_assessment(after) and window.assessment_view is not None:
        view = window.assessment_view
        view.go_to_question(PILOT_QUESTION)
        card = view.card(PILOT_QUESTION)
        dialog = card.open_evidence_items()
        if dialog is not None:
            dialog.link("e1", "network-topology.pdf")
            dialog.set_status("e3", "na")
            shot("pilot-evidence-items", dialog)
            dialog.reject()
        window.show_home()

    from smedigital.library.pack import export_pack

    gate = threading.Event()
    target = out / "library" / "pack-screenshot.smdpack"

    def held(lib: object, progress: Callable[[int, int], None], cancel: threading.Event) -> object:
        def report(done: int, total: int) -> None:
            progress(done, total)
            if done == 2:  # drawn at 2 of 5: the progress signals are spaced, so this one is sent again
                gate.wait(0.2)
                progress(done, total)
                gate.wait(30)
        return export_pack(lib, firm, target, report, cancel)  # type: ignore[arg-type]  # PackJob passes the Library

    job = PackJob(window, library.path, held,
                  title=QCoreApplication.translate("PackJob", "Export firm pack"),
                  busy_text=QCoreApplication.translate("PackJob", "Writing %1 with its evidence files…").replace(
                      "%1", target.name),
                  failed_text=QCoreApplication.translate("PackJob", "The pack could not be saved. Nothing was written."))
    loop = QEventLoop()
    job.finished.connect(lambda _v: loop.quit())
    job.start()
    job.dialog.show()
    settle(400)
    shot("pilot-pack-export", job.dialog)
    job.cancel()
    gate.set()
    QTimer.singleShot(30_000, loop.quit)
    loop.exec()
