"""Open every main page of smedigital in turn and walk each over AT-SPI, as a screen reader would.

``python tools/atspi_pages.py OUT.json [--lang zh,en]``, inside a D-Bus session with an X server
(``dbus-run-session -- xvfb-run -a python tools/atspi_pages.py OUT.json``). The program runs on
the ``xcb`` platform with ``QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1`` (set here), on a fresh library
in a temporary folder holding the bundled samples. For each page (the firm library, the
new-assessment dialog, help, the assessment's profile, a page with a choice question, one with a
measured question, one with a scene question, review, results, plan, each tab of the regional
overview, a firm's history there, and a firm's assessment history and comparison in the library)
the walker
``tools/atspi_walk.py`` runs in the SYSTEM Python (``/usr/bin/python3``, or ``$ATSPI_PYTHON``)
while this program's event loop keeps answering it. OUT.json gets one object per page:

- ``page``: its language and name (``zh/home``); ``window``: the title of the window the page is
  in (a dialog's own);
- ``tab_order``: the keyboard's Tab stops in that window, in order, as pressing Tab reaches them
  (``class``, ``object`` name, ``rect`` on the screen as the walk sees it, ``name``: the accessible
  name or text, for messages; ``trapped`` when Tab goes round inside the page from that stop on);
- ``charts``: every chart shown (``rect`` on the screen);
- ``tree``: the walker's output (the program's windows, each node with role, name, description,
  states, extents on the screen and children in order), or ``error``.

OUT.json is written after every page, so a crash leaves the pages before it. ``ATSPI_TRACE=1``
has the walker print each object on stderr as it reaches it (to find the one a crash follows).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WALKER = Path(__file__).resolve().parent / "atspi_walk.py"
SYSTEM_PYTHON = os.environ.get("ATSPI_PYTHON", "/usr/bin/python3")
WINDOW_SIZE = (1360, 860)


def ping_bus() -> None:
    """Start the accessibility bus before Qt looks for it (Qt only joins a bus that is already there)."""
    subprocess.run([SYSTEM_PYTHON, str(WALKER), "--ping"], check=True, capture_output=True, timeout=30)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--lang", default="zh,en", help="the languages to walk the pages in, in turn")
    args = parser.parse_args(argv)

    os.environ["QT_LINUX_ACCESSIBILITY_ALWAYS_ON"] = "1"
    os.environ["QT_QPA_PLATFORM"] = "xcb"
    os.environ.setdefault("MPLBACKEND", "Agg")
    os.environ["SMEDIGITAL_NO_NETWORK"] = "1"
    work = Path(tempfile.mkdtemp(prefix="smedigital-atspi-"))
    os.environ["SMEDIGITAL_DATA_DIR"] = str(work / "library")
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    ping_bus()
    try:
        Driver(work, [lang.strip() for lang in args.lang.split(",") if lang.strip()], Path(args.out)).run()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


class Driver:
    def __init__(self, work: Path, langs: list[str], out: Path):
        from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer  # noqa: PLC0415

        from smedigital.core.resources import resource_path  # noqa: PLC0415
        from smedigital.library import Library  # noqa: PLC0415
        from smedigital.ui import i18n, messages  # noqa: PLC0415
        from smedigital.ui.application import create_application  # noqa: PLC0415
        from smedigital.ui.main_window import MainWindow  # noqa: PLC0415

        self.QEventLoop, self.QTimer, self.QCoreApplication = QEventLoop, QTimer, QCoreApplication
        self.work, self.out = work, out
        self.app = create_application(())
        messages.set_handler(lambda m: False)  # nothing modal: messages go to the log only
        self.library = Library.open()
        self.samples = sorted(resource_path("samples").glob("*.smd.json"))
        self.imported = [self.library.import_file(p) for p in self.samples]
        self.i18n, self.langs, self.lang = i18n, langs, langs[0]
        i18n.set_language(self.lang)
        self.window = MainWindow(self.library)
        self.window.resize(*WINDOW_SIZE)
        self.window.show()
        self.pages: list[dict] = []
        self.save()

    def save(self) -> None:
        """Written after every page: when the program crashes, the pages before the crash are kept."""
        self.out.write_text(json.dumps(self.pages, ensure_ascii=False, indent=1), encoding="utf-8")

    def settle(self, ms: int = 150) -> None:
        loop = self.QEventLoop()
        self.QTimer.singleShot(ms, loop.quit)
        loop.exec()
        self.QCoreApplication.processEvents()

    # ------------------------------------------------------------------ one page

    def record(self, name: str, window: object | None = None) -> None:
        from PySide6.QtWidgets import QApplication, QWidget  # noqa: PLC0415

        win = window or self.window
        assert isinstance(win, QWidget)
        win.raise_()
        win.activateWindow()
        self.settle()
        QApplication.processEvents()
        started = time.monotonic()
        entry = {"page": f"{self.lang}/{name}", "lang": self.lang, "window": win.windowTitle(), "tab_order": tab_order(win),
                 "charts": charts(win)}
        entry.update(self.walk(win.windowTitle()))
        entry["seconds"] = round(time.monotonic() - started, 2)
        self.pages.append(entry)
        self.save()

    def walk(self, title: str) -> dict:
        """Run the walker while this event loop keeps answering its questions."""
        from PySide6.QtCore import QProcess  # noqa: PLC0415

        proc = QProcess()
        loop = self.QEventLoop()
        proc.finished.connect(loop.quit)
        trace = ["--trace"] if os.environ.get("ATSPI_TRACE") else []
        if trace:
            proc.setProcessChannelMode(QProcess.ProcessChannelMode.ForwardedErrorChannel)
        proc.start(SYSTEM_PYTHON, [str(WALKER), "--pid", str(os.getpid()), "--window", title, *trace])
        self.QTimer.singleShot(60_000, loop.quit)
        loop.exec()
        if proc.state() != QProcess.ProcessState.NotRunning:
            proc.kill()
            proc.waitForFinished(2000)
            return {"error": "the walker took more than 60 s"}
        out = bytes(proc.readAllStandardOutput().data()).decode("utf-8", "replace")
        err = bytes(proc.readAllStandardError().data()).decode("utf-8", "replace")
        try:
            tree = json.loads(out)
        except ValueError:
            return {"error": f"walker exit {proc.exitCode()}: {err.strip()[-800:] or out[:800]}"}
        if "error" in tree:
            return {"error": tree["error"]}
        return {"tree": tree}

    # ------------------------------------------------------------------ the pages

    def run(self) -> list[dict]:
        steps: list[tuple[str, Callable[[], None]]] = [
            ("home", self.home),
            ("assessment", self.assessment),
            ("office", self.office),
            ("firm-history", self.firm_history),
        ]
        for lang in self.langs:
            self.lang = lang
            self.i18n.set_language(lang)
            for name, step in steps:
                try:
                    step()
                except Exception as exc:  # noqa: BLE001 - the other pages are still worth walking
                    import traceback  # noqa: PLC0415

                    self.pages.append({"page": f"{lang}/{name} (not finished)", "error": f"cannot open: {exc!r}",
                                       "traceback": traceback.format_exc()})
                    self.save()
        self.window.close()
        self.settle(10)
        self.library.close()
        self.save()
        return self.pages

    def home(self) -> None:
        self.window.show_home()
        firm_id = self.library.assessment_info(self.imported[0]).firm_id
        self.window.home.select_firm(firm_id)
        self.record("home")
        dialog = self.window.new_assessment()
        self.record("new-assessment", dialog)
        dialog.reject()
        help_dialog = self.window.show_help()
        self.record("help", help_dialog)
        help_dialog.close()
        self.settle(10)

    def assessment(self) -> None:
        w = self.window
        kinds_of = {aid: {q.kind for q in self.library.load_assessment(aid).framework.questions}
                    for aid in self.imported}
        self.main_sample = max(self.imported, key=lambda aid: len(kinds_of[aid]))
        if not w.open_assessment(self.main_sample):
            raise RuntimeError("the sample does not open")
        view = w.assessment_view
        view.go_to("profile")
        self.record("profile")
        kinds = {"choice": ("single", "multi", "scale"), "measured": ("ratio_band", "trend"), "scene": ("scene",)}
        questions = list(view.session.questions())
        for label, wanted in kinds.items():
            q = next((q for q in questions if q.kind in wanted), None)
            if q is None:
                self.pages.append({"page": f"{self.lang}/question-{label}",
                                   "error": "no question of this kind in the sample"})
                continue
            view.go_to_question(q.id)
            self.record(f"question-{label}")
        for step in ("review", "results", "plan"):
            if step in view.steps:
                view.go_to(step)
                self.record(step)
        w.show_home()

    def office(self) -> None:
        from smedigital.ui.screenshots import _office_inputs  # noqa: PLC0415 - the same inputs as the screenshots

        inputs = _office_inputs(self.work / "office-inputs", self.samples)
        view = self.window.show_office()
        view.aggregate_options = {"workers": 0}
        view.set_inputs([str(inputs)])
        loop = self.QEventLoop()
        view.runFinished.connect(loop.quit)
        if view.run() is not None:
            self.QTimer.singleShot(60_000, loop.quit)
            loop.exec()
        view.runFinished.disconnect(loop.quit)
        if view.result is None:
            raise RuntimeError("the regional overview has no result")
        for i in range(view.tabs.count()):
            view.tabs.setCurrentIndex(i)
            self.record(f"office-tab-{i + 1}")
        twice = next((f for f in view.result.firms if len(f.history) > 1), None)
        if twice is not None:
            view.tabs.setCurrentWidget(view.firms_page)
            view.select_firm(twice.newest.name)
            dialog = view.show_history()
            if dialog is not None:
                self.record("office-firm-history", dialog)
                dialog.reject()
        self.window.show_home()

    def firm_history(self) -> None:
        w = self.window
        first = getattr(self, "main_sample", self.imported[0])
        firm_id = self.library.assessment_info(first).firm_id
        self.library.duplicate_for_reassessment(first, purpose="reassessment")
        w.home.refresh(select=firm_id)
        dialog = w.show_history(firm_id)
        self.record("firm-history", dialog)
        comparison = dialog.compare()
        if comparison is None:
            raise RuntimeError("no comparison with two assessments")
        self.record("comparison", comparison)
        comparison.reject()
        dialog.reject()
        self.settle(10)


def _rect(widget: object) -> list[int]:
    from PySide6.QtCore import QPoint  # noqa: PLC0415

    top_left = widget.mapToGlobal(QPoint(0, 0))  # type: ignore[attr-defined]
    return [top_left.x(), top_left.y(), widget.width(), widget.height()]  # type: ignore[attr-defined]


def tab_order(window: object, limit: int = 400) -> list[dict]:
    """The widgets Tab reaches in ``window``, in order: Tab is pressed until the focus comes back.

    Pressing it (rather than following Qt's focus chain from Python) is what a keyboard user does,
    and it does not wrap every internal widget in a Python object: following the chain that way
    left PySide holding wrappers of widgets Qt deleted later, and the program crashed."""
    from PySide6.QtCore import Qt  # noqa: PLC0415
    from PySide6.QtTest import QTest  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    seen: list[object] = []
    trapped = None
    for _ in range(limit):
        target = QApplication.focusWidget() or window
        QTest.keyClick(target, Qt.Key.Key_Tab)
        w = QApplication.focusWidget()
        if w is None or w.window() is not window:
            break
        if any(w is s for s in seen):
            if w is not seen[0]:
                trapped = w  # Tab goes round a part of the page and never back to the start
            break
        seen.append(w)
    # places taken once Tab is back at the start: pressing it scrolled the page, and the walk that
    # follows sees the page as it is now
    stops = []
    for w in seen:
        text = getattr(w, "text", None)
        name = w.accessibleName() or (text() if callable(text) and not w.inherits("QAbstractItemView") else "")
        stops.append({"class": type(w).__name__, "object": w.objectName(), "rect": _rect(w), "name": name,
                      "scrolled": w.inherits("QScrollArea"), "trapped": w is trapped})
    return stops


def charts(window: object) -> list[dict]:
    """Every matplotlib chart shown in ``window``."""
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg  # noqa: PLC0415

    found = []
    for canvas in window.findChildren(FigureCanvasQTAgg):  # type: ignore[attr-defined]
        if canvas.isVisible() and canvas.window() is window:
            found.append({"class": type(canvas).__name__, "rect": _rect(canvas)})
    return found


if __name__ == "__main__":
    sys.exit(main())
