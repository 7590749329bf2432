#!/usr/bin/python3
"""Walk one program's accessibility tree the way a screen reader sees it: over AT-SPI.

Run with the SYSTEM Python (``/usr/bin/python3``), which has the AT-SPI client library through
GObject introspection (Debian: ``python3-gi`` and ``gir1.2-atspi-2.0``); the program being
walked may run in any other Python. It must run in the same D-Bus session, with the
accessibility bus up (``at-spi2-core``); a Qt program also needs ``QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1``
and the ``xcb`` platform.

``atspi_walk.py --pid PID`` prints one JSON object: ``{"pid", "app", "windows": [node...]}``,
each node ``{"role", "name", "description", "states": [...], "extents": [x, y, w, h] (screen),
"children": [node...], "children_total"}``, children in the order AT-SPI gives them. Long
lists and tables are cut to their first ``--max-children`` children (``children_total`` says
how many there were). ``--ping`` only asks for the desktop, which starts the accessibility bus
when it is not running yet (a program started after it then registers on it); it prints
``{"ok": true}``. Exit 1 with a JSON ``{"error": ...}`` when the program is not on the bus.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

STATES = {
    "focusable": Atspi.StateType.FOCUSABLE,
    "focused": Atspi.StateType.FOCUSED,
    "showing": Atspi.StateType.SHOWING,
    "visible": Atspi.StateType.VISIBLE,
    "enabled": Atspi.StateType.ENABLED,
    "active": Atspi.StateType.ACTIVE,
    "modal": Atspi.StateType.MODAL,
}


TRACE = False


def _node(acc: Atspi.Accessible, depth: int, max_children: int, max_depth: int) -> dict:
    if TRACE:
        print("  " * depth + f"{acc.get_role_name()} {acc.get_name()!r}", file=sys.stderr, flush=True)
    try:
        state_set = acc.get_state_set()
        states = [name for name, st in STATES.items() if state_set.contains(st)]
    except Exception:  # noqa: BLE001 - a widget that went away while walking
        states = []
    role = acc.get_role_name() or ""
    try:
        rect = acc.get_extents(Atspi.CoordType.SCREEN)
        extents = [rect.x, rect.y, rect.width, rect.height]
    except Exception:  # noqa: BLE001 - not every object has a component interface
        extents = None
    node = {
        "role": role,
        "name": acc.get_name() or "",
        "description": acc.get_description() or "",
        "states": states,
        "extents": extents,
        "children": [],
    }
    try:
        total = acc.get_child_count()
    except Exception:  # noqa: BLE001
        total = 0
    node["children_total"] = total
    if depth >= max_depth or "showing" not in states:
        return node  # what is not on the screen is not walked into (hidden pages of a stack, say)
    for i in range(min(total, max_children)):
        try:
            child = acc.get_child_at_index(i)
        except Exception:  # noqa: BLE001
            continue
        if child is not None:
            node["children"].append(_node(child, depth + 1, max_children, max_depth))
    return node


def find_app(pid: int, wait: float) -> Atspi.Accessible | None:
    deadline = time.monotonic() + wait
    while True:
        desktop = Atspi.get_desktop(0)
        for i in range(desktop.get_child_count()):
            app = desktop.get_child_at_index(i)
            try:
                if app is not None and app.get_process_id() == pid:
                    return app
            except Exception:  # noqa: BLE001 - an application leaving the bus
                continue
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pid", type=int)
    parser.add_argument("--ping", action="store_true")
    parser.add_argument("--wait", type=float, default=10.0, help="seconds to wait for the program to appear")
    parser.add_argument("--max-children", type=int, default=40)
    parser.add_argument("--max-depth", type=int, default=40)
    parser.add_argument("--window", help="walk only the window with this name (title)")
    parser.add_argument("--trace", action="store_true", help="each object on stderr as it is reached")
    args = parser.parse_args(argv)
    global TRACE
    TRACE = args.trace
    if args.ping:
        Atspi.get_desktop(0).get_child_count()
        print(json.dumps({"ok": True}))
        return 0
    if args.pid is None:
        parser.error("--pid or --ping")
    app = find_app(args.pid, args.wait)
    if app is None:
        print(json.dumps({"error": f"no application with process id {args.pid} on the accessibility bus"}))
        return 1
    tops = [w for w in (app.get_child_at_index(i) for i in range(app.get_child_count())) if w is not None]
    chosen = [w for w in tops if args.window is None or w.get_name() == args.window]
    if not chosen:  # a dialog may be named otherwise than its title: the active window then
        chosen = [w for w in tops if w.get_state_set().contains(Atspi.StateType.ACTIVE)]
    windows = [_node(win, 0, args.max_children, args.max_depth) for win in chosen]
    print(json.dumps({"pid": args.pid, "app": app.get_name(), "windows": windows}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
