"""The first window does without PySide6's QEvent class (issue 17: making it, its 179 event types and,
with the first event handed to Python, ~50 event classes took ~2.5 ms of CPU before the first paint):
no Python event handler or filter sees its events before it is painted, and the event types it names
are Qt's numbers. What the handlers did is done all the same: what waits for the first paint runs once
the window is painted, and the firm list and the window follow a switch of language, text size and
contrast."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent

from smedigital.ui import i18n, screens, theme

pytestmark = [pytest.mark.gui]

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "samples" / "manufacturer-miit.smd.json"


def test_the_event_numbers_written_out_are_qts():
    assert i18n.LANGUAGE_CHANGE == QEvent.Type.LanguageChange.value
    assert theme.APPLICATION_FONT_CHANGE == QEvent.Type.ApplicationFontChange.value
    assert screens.LAYOUT_REQUEST == QEvent.Type.LayoutRequest.value


def test_the_first_window_is_painted_without_qevent_and_follows_every_switch(tmp_path):
    code = textwrap.dedent(f"""
        import json, sys
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from smedigital.library import Library
        lib = Library.open()
        lib.import_file(Path({str(SAMPLE)!r}))
        lib.close()

        import PySide6.QtCore as core
        from smedigital.ui.application import create_window, show_first_window
        app, window = create_window("en")
        show_first_window(window)
        while window.windowHandle() is None or not window.windowHandle().isExposed():
            app.processEvents()
        window.repaint()
        painted_without = "QEvent" not in vars(core)
        for _ in range(5):
            app.processEvents()
        from smedigital.ui import crash, i18n, theme
        after_paint = [crash.log_file() is not None, "smedigital.ui.tasks" in sys.modules]
        home = window.home
        out = {{"painted_without": painted_without, "after_paint": after_paint,
               "en": [window.file_menu.title(), home.heading.text(), home.table.horizontalHeader().count()]}}
        i18n.set_language("zh")
        out["zh"] = [window.file_menu.title(), home.heading.text(),
                     window.language_actions["zh"].isChecked()]
        size = home.heading.font().pointSizeF()
        theme.set_text_size(theme.text_size() + 4)
        for _ in range(3):
            app.processEvents()
        header = home.table.horizontalHeader()
        out["bigger"] = [home.heading.font().pointSizeF() > size,
                         header.sectionSize(2) >= header.sectionSizeHint(2) - 1]
        narrow = header.sectionSize(2)
        theme.set_text_size(theme.text_size() - 6)
        for _ in range(3):
            app.processEvents()
        out["smaller_refit"] = header.sectionSize(2) < narrow
        fits = []
        home._fit_columns = lambda *_: fits.append(1)  # the contrast switch asks for the columns to be fitted
        theme.set_high_contrast(True)
        for _ in range(3):
            app.processEvents()
        out["contrast_refit"] = bool(fits)
        print(json.dumps(out, ensure_ascii=False))
        window.library.close()
        window.release_instance_guard()
    """)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SMEDIGITAL_DATA_DIR=str(tmp_path / "data"))
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["painted_without"], "the first window made PySide6's QEvent class before it was painted"
    assert out["after_paint"] == [True, True], "what waits for the first paint did not run once it was painted"
    assert out["en"][:2] == ["&File", "Firms"]
    assert out["zh"] == ["文件(&F)", "企业", True]
    assert out["bigger"] == [True, True] and out["smaller_refit"], out
    assert out["contrast_refit"]
