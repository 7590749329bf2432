"""What a screen reader finds on every main page, read over AT-SPI (the interface Orca uses on Linux).

One program process (``tools/atspi_pages.py``) opens each page in turn, in Chinese and then in
English, under Xvfb, in a D-Bus session of its own with the accessibility bus (``at-spi2-core``);
for each page the system Python's AT-SPI client (``tools/atspi_walk.py``, Debian ``python3-gi`` +
``gir1.2-atspi-2.0``) walks the window. Then, page by page:

- every control the keyboard reaches (Tab) is on the bus with a non-empty name and a role that is
  not unknown/filler/panel (a scrolled area, which Qt gives no role of its own, needs its name), and
  every other focusable object on the screen has a name too;
- every column of a table has a header a screen reader can read out with its cells;
- every chart gives its own numbers in its name or description (not one text for all the charts);
- Tab moves through the page in reading order: never back up the page within the same column,
  never leftwards along a row.

Skipped only when the machine lacks the pieces (the reason says which); ``.ci/setup`` installs them,
and under CI (``CI`` set) a missing piece fails the test instead.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SYSTEM_PYTHON = os.environ.get("ATSPI_PYTHON", "/usr/bin/python3")
# roles that say nothing about what a control is
VAGUE_ROLES = {"", "unknown", "filler", "panel", "invalid", "redundant object"}
SCROLLED = {"QScrollArea"}
PAGES = tuple(f"{lang}/{page}" for lang in ("zh", "en") for page in (
    "home", "new-assessment", "help", "profile", "question-choice", "question-measured", "question-scene", "review", "results", "plan",
    "office-tab-1", "office-tab-2", "office-tab-3", "office-tab-4", "office-firm-history", "firm-history",
    "comparison"))

pytestmark = [pytest.mark.gui, pytest.mark.slow]


def _missing() -> str | None:
    for tool in ("xvfb-run", "dbus-run-session"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed (Debian: xvfb, dbus)"
    if not Path(SYSTEM_PYTHON).exists():
        return f"no system Python at {SYSTEM_PYTHON}"
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import gi; gi.require_version('Atspi', '2.0')"],
                           capture_output=True, text=True)
    if probe.returncode:
        return "the AT-SPI client is not installed (Debian: python3-gi gir1.2-atspi-2.0 at-spi2-core)"
    return None


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, dict]:
    reason = _missing()
    if reason and os.environ.get("CI"):
        pytest.fail(f"the screen-reader walk must run in CI: {reason}")
    if reason:
        pytest.skip(reason)
    out = tmp_path_factory.mktemp("atspi") / "pages.json"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}
    env.pop("QT_QPA_PLATFORM", None)
    run = subprocess.run(
        ["dbus-run-session", "--", "xvfb-run", "-a", "-s", "-screen 0 1600x1000x24",
         sys.executable, str(ROOT / "tools" / "atspi_pages.py"), str(out)],
        capture_output=True, text=True, timeout=240, env=env, cwd=ROOT)
    walked = json.loads(out.read_text(encoding="utf-8")) if out.exists() else []
    if run.returncode:
        done = [p.get("page") for p in walked]
        pytest.fail(f"the program walked over AT-SPI stopped (exit {run.returncode}) after {done}:\n"
                    f"{run.stderr[-3000:]}")
    return {p["page"]: p for p in walked}


def _nodes(node: dict, path: tuple[str, ...] = ()):
    here = (*path, f"{node['role']} {node['name']!r}")
    yield node, here
    for child in node["children"]:
        yield from _nodes(child, here)


def _window(page: dict) -> dict:
    wins = page["tree"]["windows"]
    assert wins, f"{page['page']}: the window {page['window']!r} is not on the accessibility bus"
    return wins[0]


def _at(page: dict, rect: list[int]) -> list[dict]:
    """The objects on the bus whose top-left corner is the widget's (Qt gives a check box the size
    of its box, not of the widget, so the size is not compared)."""
    x, y = rect[0], rect[1]
    return [node for node, _path in _nodes(_window(page))
            if node["extents"] and abs(node["extents"][0] - x) <= 2 and abs(node["extents"][1] - y) <= 2]


def test_every_page_was_walked(pages):
    problems = [f"{name}: {pages.get(name, {}).get('error', 'not opened')}" for name in PAGES
                if name not in pages or "tree" not in pages[name]]
    problems += [f"{name}: {p['error']}" for name, p in pages.items() if name not in PAGES]
    assert not problems, "pages not walked over AT-SPI:\n" + "\n".join(problems)
    slow = {name: p["seconds"] for name, p in pages.items() if p.get("seconds", 0) > 10}
    assert not slow, f"walking these pages took more than 10 s: {slow}"


@pytest.mark.parametrize("name", PAGES)
def test_every_control_has_a_name_and_a_role(pages, name):
    page = pages.get(name)
    if page is None or "tree" not in page:
        pytest.fail(f"{name} was not walked: {page and page.get('error')}")
    window = _window(page)
    unnamed = []
    for node, path in _nodes(window):
        states = node["states"]
        # a table's cells are its data, not controls: an empty one is read out as blank
        if ("focusable" in states and "showing" in states and "enabled" in states and not node["name"].strip()
                and node["role"] != "table cell"):
            unnamed.append(" > ".join(path[-3:]))
        if node["role"] == "table column header" and "showing" in states and not node["name"].strip():
            unnamed.append("column header without a name: " + " > ".join(path[-3:]))
    # the Tab stops Qt knows of, found on the bus by their place on the screen: each needs a name and a
    # role that says what it is; a scrolled area (Qt gives it no role of its own) needs its name
    for stop in page["tab_order"]:
        nodes = _at(page, stop["rect"])
        vague_ok = stop.get("scrolled", False) or stop["class"] in SCROLLED
        if not nodes:
            unnamed.append(f"Tab stop {stop['class']} {stop['object']!r} at {stop['rect']}: not on the bus")
        elif not any(n["name"].strip() and (vague_ok or n["role"] not in VAGUE_ROLES) for n in nodes):
            unnamed.append(f"Tab stop {stop['class']} {stop['object']!r}: "
                           + ", ".join(f"{n['role']} {n['name']!r}" for n in nodes))
    assert not unnamed, f"{name}: controls a screen reader cannot name:\n" + "\n".join(unnamed)


def test_every_chart_reads_out_its_numbers(pages):
    charted = {name: p for name, p in pages.items() if p.get("charts")}
    assert {"zh/results", "zh/office-tab-1", "en/results", "en/office-tab-1"} <= set(charted), f"charts expected on these pages, found on {sorted(charted)}"
    silent = []
    for name, page in charted.items():
        said: dict[str, list[str]] = {}
        for chart in page["charts"]:
            # the chart itself: the same place and size (a container may start at the same corner)
            nodes = [n for n in _at(page, chart["rect"]) if n["extents"] == chart["rect"]]
            text = " ".join(n["name"] + " " + n["description"] for n in nodes)
            if not re.search(r"\d", text):
                silent.append(f"{name}: chart at {chart['rect']} reads {text.strip()!r}")
            for n in nodes:
                said.setdefault(n["description"], []).append(n["name"])
        silent += [f"{name}: the charts {names} all read out the same text: {text[:120]!r}"
                   for text, names in said.items() if len(names) > 1]
    assert not silent, "charts without their numbers for a screen reader:\n" + "\n".join(silent)


def _backwards(stops: list[dict]) -> list[str]:
    """Tab steps against the reading order: back up the page within the same column (a jump to a
    column beside may start again at the top), or leftwards along the same row. Tab goes round:
    the round is read from the stop at the top of the page, and the step from the last stop back
    to it is not counted."""
    top = min(range(len(stops)), key=lambda i: (stops[i]["rect"][1], stops[i]["rect"][0]))
    stops = stops[top:] + stops[:top]
    found = []
    for a, b in zip(stops, stops[1:], strict=False):
        ax, ay, aw, ah = a["rect"]
        bx, by, bw, bh = b["rect"]
        side_by_side = bx >= ax + aw - 4 or bx + bw <= ax + 4
        up_same_column = by + bh <= ay + 4 and not side_by_side
        same_row = abs((ay + ah / 2) - (by + bh / 2)) <= min(ah, bh) / 2
        leftwards = same_row and bx + bw <= ax + 4
        if up_same_column or leftwards:
            found.append(f"{a['class']} {a['name']!r} {a['rect']} → {b['class']} {b['name']!r} {b['rect']}")
    return found


@pytest.mark.parametrize("name", PAGES)
def test_tab_follows_the_page(pages, name):
    page = pages.get(name)
    if page is None or "tree" not in page:
        pytest.fail(f"{name} was not walked: {page and page.get('error')}")
    assert page["tab_order"], f"{name}: nothing reachable by Tab"
    trapped = [s for s in page["tab_order"] if s.get("trapped")]
    assert not trapped, f"{name}: Tab goes round inside {trapped} and never back to the start"
    wrong = _backwards(page["tab_order"])
    assert not wrong, f"{name}: Tab goes back up the page:\n" + "\n".join(wrong)
