"""The program as started from its entry point: options, start-up imports, fonts, screenshots."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from smedigital import __version__
from smedigital.app import main, parse_args

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("matplotlib", "openpyxl", "fpdf", "python_calamine", "smedigital.charts", "smedigital.export",
         "smedigital.ui.assessment")


def child_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SMEDIGITAL_DATA_DIR=str(tmp_path / "data"))
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    return env


def test_version_answers_without_loading_qt(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"smedigital {__version__}"
    proc = subprocess.run([sys.executable, "-c", "import sys; from smedigital.app import main\n"
                           "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
                           "print([m for m in sys.modules if m.startswith('PySide6')])"],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.stdout.strip().splitlines()[-1] == "[]"


def test_options():
    args, qt_args = parse_args(["--lang", "en", "-platform", "offscreen"])
    assert args.lang == "en" and args.screenshots is None and qt_args == ["-platform", "offscreen"]
    assert args.files == []
    args, qt_args = parse_args(["-platform", "offscreen", "/tmp/a.smd.json"])
    assert args.files == ["/tmp/a.smd.json"] and qt_args == ["-platform", "offscreen"]


def test_a_file_given_on_the_command_line_is_imported_and_opened(tmp_path):
    sample = ROOT / "resources" / "samples" / "manufacturer-miit.smd.json"
    code = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from smedigital.ui.application import _after_show, create_window
        app, window = create_window("zh")
        window.show()
        _after_show(window, [{str(sample)!r}])
        import time
        deadline = time.monotonic() + 60
        while not window.showing_assessment() and time.monotonic() < deadline:  # imported off the GUI thread
            app.processEvents()
            time.sleep(0.01)
        print(window.showing_assessment(), window.library.firms()[0].name, not app.windowIcon().isNull())
        window.library.close()
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env=child_env(tmp_path))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.split() == ["True", "宁波恒锐精密机械有限公司（示例）", "True"]
    with pytest.raises(SystemExit):
        parse_args(["--lang", "fr"])


def test_the_first_window_loads_nothing_heavy_and_renders_chinese(tmp_path):
    code = textwrap.dedent(f"""
        import gc, json, sys
        sys.path.insert(0, {str(ROOT)!r})
        from PySide6.QtGui import QFontInfo, QFontMetrics
        from smedigital.ui.application import create_window
        app, window = create_window("zh")
        window.show()
        app.processEvents()
        label = window.home.heading
        font = QFontInfo(label.font()).family()
        heavy = sorted(m for m in sys.modules if any(m == h or m.startswith(h + ".") for h in {HEAVY!r}))
        print(json.dumps({{"heavy": heavy, "font": font, "title": window.file_menu.title(),
                           "han": all(QFontMetrics(label.font()).inFontUcs4(ord(c)) for c in "企业数字化评测"),
                           "hook": sys.excepthook.__module__, "app": app.applicationName(),
                           "gc": [gc.isenabled(), gc.get_freeze_count()]}}))
        window.close()
        window.library.close()
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=child_env(tmp_path),
                          timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["heavy"] == []
    assert out["title"] == "文件(&F)"
    assert out["han"], f"{out['font']} has no Simplified Chinese glyphs"
    assert out["hook"] == "smedigital.ui.crash" and out["app"] == "smedigital"
    assert out["gc"] == [True, 0], "the garbage collector is off or start-up's objects frozen after the first turn"
    assert (tmp_path / "data" / "library.sqlite").exists()
    assert (tmp_path / "data" / "logs").is_dir()


def test_the_first_windows_modules_are_entered_as_pyside6s_scan_would_enter_them():
    """application.FIRST_WINDOW_MODULES spares PySide6's import hook reading their sources: each value must
    be what the hook's scan gives (0 where the source names PySide6, -1 where not), and none of them may
    use PySide6's __feature__ options, which the scan is there to find."""
    import importlib.util

    from smedigital.ui.application import FIRST_WINDOW_MODULES

    for name, value in FIRST_WINDOW_MODULES.items():
        spec = importlib.util.find_spec(name)
        assert spec is not None and spec.origin, name
        source = Path(spec.origin).read_text(encoding="utf-8")
        assert value == (0 if "PySide6" in source else -1), name
        assert not re.search(r"^\s*(from|import)\s+__feature__", source, re.MULTILINE), name


def test_the_last_assessment_is_reopened_once_the_firm_list_is_painted(tmp_path):
    """The program starts on the firm list and then reopens the assessment the user was on: the window
    is not held back by the assessment view's build (a zero timer may fire before the first paint)."""
    sample = ROOT / "resources" / "samples" / "manufacturer-miit.smd.json"
    code = textwrap.dedent(f"""
        import json, sys, time
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from smedigital.library import Library, settings
        lib = Library.open()
        settings.LAST_ASSESSMENT.set(lib, lib.import_file(Path({str(sample)!r})))
        lib.close()

        from PySide6.QtCore import QEvent, QObject
        from smedigital.ui.application import create_window, show_first_window
        app, window = create_window("en")
        painted = []

        class Paints(QObject):
            def eventFilter(self, watched, event):
                if event.type() == QEvent.Type.Paint and not painted:
                    painted.append(window.showing_assessment())
                return False

        probe = Paints()
        window.installEventFilter(probe)
        show_first_window(window)
        deadline = time.monotonic() + 60
        while not window.showing_assessment() and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        logs = sorted(p.name for p in (window.library.data_dir / "logs").iterdir())
        print(json.dumps({{"first_paint_on_assessment": painted, "reopened": window.showing_assessment(),
                          "log": logs}}))
        window.library.close()
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env=child_env(tmp_path))
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["first_paint_on_assessment"] == [False] and out["reopened"] is True
    assert out["log"], "the log file is attached once the window is painted"


def test_once_the_firm_list_is_painted_pyside6s_qt_namespace_is_made(tmp_path):
    """The first window does without PySide6's Qt namespace (ui/home.py), and PySide6 cannot hand a slot a
    Qt enum before it is made: once the window is painted it is made, so that every screen opened from then
    on (and any signal carrying a Qt enum) works as in any PySide6 program."""
    code = textwrap.dedent(f"""
        import json, sys, time
        sys.path.insert(0, {str(ROOT)!r})
        import PySide6.QtCore as core
        from smedigital.ui.application import create_window, show_first_window
        app, window = create_window("en")
        show_first_window(window)
        before = "Qt" in vars(core)
        deadline = time.monotonic() + 10  # the window is painted and what waits for it runs well before
        while "Qt" not in vars(core) and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)
        print(json.dumps({{"before": before, "after": "Qt" in vars(core), "home": not window.showing_assessment()}}))
        window.library.close()
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env=child_env(tmp_path))
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out == {"before": False, "after": True, "home": True}


def test_what_waits_for_the_first_paint_runs_once_and_anyway_when_no_paint_comes(qtbot):
    from PySide6.QtWidgets import QWidget

    from smedigital.ui.application import _after_first_paint

    hidden, shown = QWidget(), QWidget()
    qtbot.addWidget(hidden)
    qtbot.addWidget(shown)
    runs: list[str] = []
    _after_first_paint(hidden, lambda: runs.append("hidden"), latest_ms=50)  # a window never painted
    _after_first_paint(shown, lambda: runs.append("shown"), latest_ms=200)
    shown.show()
    qtbot.waitUntil(lambda: "shown" in runs)
    qtbot.waitUntil(lambda: "hidden" in runs)
    qtbot.wait(300)  # past both deadlines: nothing runs twice
    shown.update()
    qtbot.wait(50)
    assert sorted(runs) == ["hidden", "shown"]


@pytest.mark.slow
def test_screenshots_of_every_main_screen_in_both_languages(tmp_path):
    out = tmp_path / "shots"
    proc = subprocess.run([sys.executable, "-m", "smedigital.app", "--screenshots", str(out)], capture_output=True,
                          text=True, env=child_env(tmp_path), cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    shots = sorted(p.name for p in out.glob("*.png"))
    for lang in ("zh", "en"):
        assert f"{lang}-01-home.png" in shots and f"{lang}-02-new-assessment.png" in shots
        assert f"{lang}-03-help.png" in shots
        for screen in ("pilot-comparison", "pilot-verification", "pilot-evidence-items", "pilot-pack-export"):
            assert any(n.startswith(f"{lang}-") and n.endswith(f"-{screen}.png") for n in shots), (lang, screen)
    assert all((out / name).stat().st_size > 5000 for name in shots)
    assert "propagateSizeHints" not in proc.stderr
