"""``smedigital``: the desktop program.

Start-up imports only what the first window needs: Qt's widgets, the core and the
library. Charts (matplotlib) and spreadsheets (openpyxl) are imported by the views that
use them, when they are first shown. ``--version`` answers before Qt is even loaded.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from . import __version__

log = logging.getLogger("smedigital")


def _parse_with_argparse(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(
        prog="smedigital",
        description="Where a small or medium firm stands on the 上云用数赋智 path and under the MIIT SME digital "
                    "level indicators, and what to do next.")
    parser.add_argument("--lang", choices=("zh", "en"),
                        help="interface language (default: the last one used, else the system's)")
    parser.add_argument("--screenshots", metavar="DIR",
                        help="write PNGs of every main screen, in both languages and in high contrast, with the sample "
                             "firms, to DIR (uses a temporary library under DIR) and exit; exit 1 if a window "
                             "does not fit the screen (at most 1366x768)")
    parser.add_argument("--version", action="version", version=f"smedigital {__version__}")
    parser.add_argument("files", nargs="*", metavar="FILE.smd.json",
                        help="assessment files to import and open (as the installers' file association passes them)")
    # --- self-test (smedigital.selftest; owned by the installers work) ---
    parser.add_argument("--selftest", nargs="?", const="", metavar="DIR",
                        help="check this installation offline (window, scoring, charts, workbook, PDF report), "
                             "writing to DIR (default: a folder in the temporary directory); exit 0 if it works")
    args, rest = parser.parse_known_args(argv)
    # Qt's own options take values ("-platform offscreen"): only assessment files are ours
    files = [f for f in args.files if f.lower().endswith((".smd.json", ".xlsx"))]
    rest += [f for f in args.files if f not in files]
    args.files = files
    return args, rest


def parse_args(argv: Sequence[str] | None) -> tuple[argparse.Namespace, list[str]]:
    """The program's options and the rest (Qt's). A start with no option at all (from the menu, a double
    click on a file, the file association) is answered without building the parser: the same answer
    (tests/test_app_args.py holds it to the parser's), without its ~3.5 ms of CPU (issue 17)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if any(a.startswith("-") for a in args):
        return _parse_with_argparse(args)
    files = [f for f in args if f.lower().endswith((".smd.json", ".xlsx"))]
    return argparse.Namespace(lang=None, screenshots=None, files=files, selftest=None), [f for f in args
                                                                                         if f not in files]


def main(argv: Sequence[str] | None = None) -> int:
    args, qt_args = parse_args(argv)
    if args.selftest is not None:  # --- self-test: before anything heavy is imported ---
        from . import selftest

        return selftest.main(args.selftest or None, qt_args)
    if args.screenshots:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) and sys.platform.startswith("linux"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from .ui import screenshots

        misfits: list[str] = []
        written = screenshots.take(args.screenshots, qt_args, misfits, lang=args.lang)
        for path in written:
            print(path)
        for problem in misfits:  # in the interface language of the run (--lang, else the system's)
            print(screenshots.misfit_line(problem), file=sys.stderr)
        return 0 if written and not misfits else 1
    from .ui.application import create_window, show_first_window

    created = create_window(args.lang, qt_args, single=args.files)
    if created is None:
        from PySide6.QtCore import QCoreApplication

        app = QCoreApplication.instance()
        code = app.property("smedigital_exit_code") if app is not None else None
        return code if isinstance(code, int) else 1
    app, window = created
    show_first_window(window, args.files)
    code = app.exec()
    window.library.close()
    window.release_instance_guard()
    return code


if __name__ == "__main__":
    sys.exit(main())
