"""``smedigital --screenshots DIR``: a PNG of every main screen, in Chinese and in English.

The sample assessments in ``resources/samples`` are imported into a fresh library under
``DIR/library`` (the user's own library is never touched); then, for each language, the
firm list, the new-assessment dialog, help, and every step of the assessment view (the
profile, each dimension page, a question of each kind, review, results, plan) are drawn
into ``DIR/<lang>-<nn>-<screen>.png``.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QWidget

from smedigital.core.resources import resource_path

log = logging.getLogger("smedigital.ui")

WINDOW_SIZE = (1360, 860)


def settle(ms: int = 120) -> None:
    """Let layouts, timers and deferred painting run (charts refresh on a short timer)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    QCoreApplication.processEvents()


def _grab(widget: QWidget, path: Path, written: list[Path]) -> None:
    settle()
    if widget.grab().save(str(path)):
        written.append(path)
    else:
        log.error("could not write %s", path)


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in name).strip("-")


def take(out_dir: str | Path, qt_args: Sequence[str] = ()) -> list[Path]:
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    data = out / "library"
    shutil.rmtree(data, ignore_errors=True)
    os.environ["SMEDIGITAL_DATA_DIR"] = str(data)

    from smedigital.app import create_application  # noqa: PLC0415
    from smedigital.library import Library  # noqa: PLC0415

    from . import i18n, messages  # noqa: PLC0415
    from .main_window import MainWindow  # noqa: PLC0415

    app = create_application(qt_args)
    messages.set_handler(lambda m: False)  # nothing modal: messages go to the log only
    library = Library.open()
    samples = sorted(resource_path("samples").glob("*.smd.json"))
    imported = [library.import_file(p) for p in samples]
    if not imported:
        imported = [_made_up_sample(library)]
    written: list[Path] = []
    window = MainWindow(library)
    window.resize(*WINDOW_SIZE)
    window.show()
    try:
        for lang in ("zh", "en"):
            i18n.set_language(lang)
            _screens_for(lang, window, imported, out, written)
    finally:
        window.close()
        window.deleteLater()
        settle(10)
        library.close()
        app.processEvents()
    return written


def _made_up_sample(library: object) -> int:
    from smedigital.core.assessment import Company  # noqa: PLC0415
    from smedigital.core.framework import bundled_frameworks  # noqa: PLC0415

    firm = library.add_firm(Company(name="示例制造有限公司", industry="C34", region="浙江省"))  # type: ignore[attr-defined]
    return library.create_assessment(firm, next(iter(bundled_frameworks())))  # type: ignore[attr-defined]


def _screens_for(lang: str, window: object, assessments: list[int], out: Path, written: list[Path]) -> None:
    """Every screen with the first assessment; then, from the others, questions of kinds not yet seen."""
    from .main_window import MainWindow  # noqa: PLC0415

    assert isinstance(window, MainWindow)
    n = iter(range(1, 100))

    def shot(name: str, widget: QWidget | None = None) -> None:
        _grab(widget or window, out / f"{lang}-{next(n):02d}-{_safe(name)}.png", written)

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

    kinds_seen: set[str] = set()
    for i, aid in enumerate(assessments):
        if not window.open_assessment(aid):
            log.warning("no assessment view: only the firm list and dialogs were drawn")
            break
        for name, go in _view_targets(window.assessment_view, kinds_seen, every_step=i == 0):
            try:
                go()
            except Exception:  # noqa: BLE001 - one screen failing must not stop the others
                log.exception("cannot show %s", name)
                continue
            shot(name)
    window.show_home()


def _view_targets(view: object, kinds_seen: set[str], every_step: bool) -> list[tuple[str, Callable[[], object]]]:
    """The view's steps (profile, pages, review, results, plan...) and one question of each new kind."""
    targets: list[tuple[str, Callable[[], object]]] = []
    go_to = getattr(view, "go_to", None) or getattr(view, "set_page", None)
    if every_step and callable(go_to):
        steps = list(getattr(view, "steps", []) or [])
        targets += [(step.replace("dim:", "page-"), lambda s=step: go_to(s)) for step in steps]
    to_question = getattr(view, "go_to_question", None)
    session = getattr(view, "session", None)
    if callable(to_question) and session is not None:
        for q in session.questions():
            if q.kind not in kinds_seen:
                kinds_seen.add(q.kind)
                targets.append((f"question-{q.kind}", lambda qid=q.id: to_question(qid)))
    return targets
