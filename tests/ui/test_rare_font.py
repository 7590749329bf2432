"""The font of the rarer ideographs (Smedigital Sans SC Ext) is registered before the first window only
when a firm name the list shows needs it, else once the window is painted: either way a rare name is
drawn in that font, at start and when a firm with one is added later."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RARE = "刘䶮㐀𫖯科技有限公司"  # Extension A (䶮 㐀) and C (𫖯): in the second bundled font only
COMMON = "宁波恒锐精密机械有限公司"  # GB 2312: the first font has it

# In a child process (a font registered stays registered): the families each character of a firm's name
# is drawn in with the firm list's font, from Qt's text layout of the name.
CHILD = """
import json, sys
sys.path.insert(0, ROOT)
from smedigital.core.assessment import Company
from smedigital.library import Library
lib = Library.open()
for name in NAMES:
    lib.add_firm(Company(name=name, industry="C"))
lib.close()
from PySide6.QtGui import QFontDatabase, QTextLayout
from smedigital.ui.application import create_window, show_first_window
app, window = create_window("zh")
out = {}

def drawn_in(name):
    model = window.home.model
    row = next(r for r in range(model.rowCount()) if model.firm(r).name == name)
    text = model.data(model.index(row, model.NAME))
    layout = QTextLayout(text, window.home.table.font())
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    runs = {}
    for run in layout.glyphRuns():
        runs.setdefault(run.rawFont().familyName(), 0)
        runs[run.rawFont().familyName()] += len(run.glyphIndexes())
    return runs

def registered():
    return "Smedigital Sans SC Ext" in QFontDatabase.families()

out["before_show"] = registered()
out["start"] = {name: drawn_in(name) for name in NAMES}
show_first_window(window)
while not window.windowHandle() or not window.windowHandle().isExposed():
    app.processEvents()
window.repaint()
for _ in range(5):
    app.processEvents()
out["after_paint"] = registered()
window.library.add_firm(Company(name=LATER, industry="C"))
window.home.refresh()
out["later"] = drawn_in(LATER)
print(json.dumps(out))
window.library.close()
window.release_instance_guard()
"""


def run_child(tmp_path: Path, names: list[str], later: str) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SMEDIGITAL_DATA_DIR=str(tmp_path / "data"))
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    code = f"ROOT = {str(ROOT)!r}\nNAMES = {names!r}\nLATER = {later!r}\n" + textwrap.dedent(CHILD)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_a_rare_name_in_the_list_at_start_is_drawn_in_the_rare_font(tmp_path):
    out = run_child(tmp_path, [COMMON, RARE], later="王㛃制造有限公司")
    assert out["before_show"], "the list shows a rare name: its font must be there before the first paint"
    # the three rare characters in the second font, the rest in the first
    assert out["start"][RARE] == {"Smedigital Sans SC": 7, "Smedigital Sans SC Ext": 3}
    assert out["start"][COMMON] == {"Smedigital Sans SC": 12}
    assert out["later"] == {"Smedigital Sans SC": 7, "Smedigital Sans SC Ext": 1}


def test_without_rare_names_the_font_waits_for_the_first_paint_and_serves_names_added_later(tmp_path):
    out = run_child(tmp_path, [COMMON], later=RARE)
    assert not out["before_show"], "no name shown needs the rare font: the first window goes without it"
    assert out["start"][COMMON] == {"Smedigital Sans SC": 12}
    assert out["after_paint"], "the rare font is registered once the window is painted"
    assert out["later"] == {"Smedigital Sans SC": 7, "Smedigital Sans SC Ext": 3}
