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
from typing import TYPE_CHECKING

from . import __version__

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from .library import Library
    from .ui.main_window import MainWindow

log = logging.getLogger("smedigital")
PARTIALS_JOURNAL = "partial-files.txt"


def parse_args(argv: Sequence[str] | None) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(
        prog="smedigital",
        description="Where a small or medium firm stands on the 上云用数赋智 path and under the MIIT SME digital "
                    "level indicators, and what to do next.")
    parser.add_argument("--lang", choices=("zh", "en"),
                        help="interface language (default: the last one used, else the system's)")
    parser.add_argument("--screenshots", metavar="DIR",
                        help="write PNGs of every main screen, in both languages, with the sample firms, to DIR "
                             "(uses a temporary library under DIR) and exit")
    parser.add_argument("--version", action="version", version=f"smedigital {__version__}")
    parser.add_argument("files", nargs="*", metavar="FILE.smd.json",
                        help="assessment files to import and open (as the installers' file association passes them)")
    # --- self-test (smedigital.selftest; owned by the installers work) ---
    parser.add_argument("--selftest", nargs="?", const="", metavar="DIR",
                        help="check this installation offline (window, scoring, charts, workbook, PDF report), "
                             "writing to DIR (default: a folder in the temporary directory); exit 0 if it works")
    args, rest = parser.parse_known_args(list(sys.argv[1:] if argv is None else argv))
    # Qt's own options take values ("-platform offscreen"): only assessment files are ours
    files = [f for f in args.files if f.lower().endswith((".smd.json", ".xlsx"))]
    rest += [f for f in args.files if f not in files]
    args.files = files
    return args, rest


def create_application(qt_args: Sequence[str] = ()) -> QApplication:
    """The QApplication with its names, fonts, log file, excepthook and crash record."""
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from .ui.qtguard import guard_singletons  # noqa: PLC0415

    guard_singletons()
    from .library import paths  # noqa: PLC0415
    from .ui import crash, theme  # noqa: PLC0415

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication([sys.argv[0] if sys.argv else "smedigital", *qt_args])
    app.setApplicationName("smedigital")
    app.setApplicationDisplayName("smedigital")
    app.setOrganizationName("smedigital")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("smedigital")  # links the window to the installed desktop entry
    _set_window_icon(app)
    try:
        data = paths.data_dir()
    except OSError:  # cannot be made: the logs go to the temporary folder, open_library says why
        data = None
    crash.setup_logging(data)
    app.setProperty("smedigital_previous_crash", str(crash.take_previous_crash(data) or ""))
    crash.enable_faulthandler(data)
    crash.install_excepthook()
    crash.install_qt_message_handler()
    theme.setup_fonts()
    theme.default_point_size()
    log.info("smedigital %s starting (Qt platform %s)", __version__, app.platformName())
    return app


def _set_window_icon(app: QApplication) -> None:
    from PySide6.QtGui import QIcon  # noqa: PLC0415

    from .core.resources import resource_path  # noqa: PLC0415

    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256):
        png = resource_path("icons", f"smedigital-{size}.png")
        if png.is_file():
            icon.addFile(str(png))
    if not icon.isNull():
        app.setWindowIcon(icon)


def apply_settings(library: Library, lang: str | None = None) -> None:
    """Language, text size and contrast from the command line or the app state."""
    from .ui import i18n, theme  # noqa: PLC0415

    chosen = i18n.normalise(lang) or i18n.normalise(library.get_state("language")) or i18n.system_language()
    i18n.set_language(chosen)
    size = library.get_state("text_size")
    if isinstance(size, int):
        theme.set_text_size(size)
    if library.get_state("theme") == "high_contrast":
        theme.set_high_contrast(True)


def open_library() -> Library | None:
    from .library import Library, LibraryError, SchemaTooNew  # noqa: PLC0415
    from .ui import messages  # noqa: PLC0415

    try:
        return Library.open()
    except (LibraryError, SchemaTooNew, OSError) as exc:
        from PySide6.QtCore import QCoreApplication  # noqa: PLC0415

        log.error("cannot open the library: %s", exc)
        messages.show_error(None, QCoreApplication.translate("App", "Cannot open the firm library"),
                            QCoreApplication.translate("App", "The firm library could not be opened, so the program "
                                                              "cannot start. Backups are kept in the backups folder "
                                                              "beside it."), str(exc))
        return None


def claim_library(files: Sequence[str] = ()) -> object | None:
    """Take the library for this program (:mod:`smedigital.ui.instance`). When another program
    has it, that one is asked to come forward and import ``files``, and None is returned (the
    exit code is in the application's ``smedigital_exit_code`` property)."""
    from PySide6.QtCore import QCoreApplication  # noqa: PLC0415

    from .library import paths  # noqa: PLC0415
    from .ui import instance, messages  # noqa: PLC0415

    app = QCoreApplication.instance()
    try:
        folder = paths.data_dir()
    except OSError:
        return True  # no folder, no library to share: open_library says why
    guard = instance.InstanceGuard(folder)
    if guard.acquire():
        return guard
    if guard.hand_over(files):
        log.info("the program already running on %s came forward; this one ends", folder)
        app.setProperty("smedigital_exit_code", 0)
        return None
    log.error("the program holding %s does not answer", guard.lock.fileName())
    messages.show_error(
        None, QCoreApplication.translate("App", "smedigital is already running"),
        QCoreApplication.translate("App", "Another smedigital window (process %1) is using the firm library in %2 "
                                          "but does not answer. Only one window at a time may use the library, so "
                                          "that no one's changes overwrite another's: close the other window (or "
                                          "end that process) and start again.").replace(
            "%1", guard.holder() or "?").replace("%2", str(folder)))
    app.setProperty("smedigital_exit_code", 1)
    return None


def create_window(lang: str | None = None, qt_args: Sequence[str] = (), *,
                  single: Sequence[str] | None = None) -> tuple[QApplication, MainWindow] | None:
    """Everything up to the first window, not yet shown (the start-up benchmark times this plus ``show``).
    With ``single`` (the files to open), the library is claimed first: a second program hands them
    to the first and gets None."""
    app = create_application(qt_args)
    guard = claim_library(single) if single is not None else True
    if guard is None:
        return None
    library = open_library()
    if library is None:
        return None
    apply_settings(library, lang)
    from .ui import tasks  # noqa: PLC0415

    journal = library.data_dir / PARTIALS_JOURNAL
    tasks.clean_partials(journal)  # what a killed run left half-written
    tasks.set_partials_journal(journal)
    from .ui.main_window import MainWindow  # noqa: PLC0415

    window = MainWindow(library)
    if guard is not True:
        window.set_instance_guard(guard)
    return app, window


def _after_show(window: MainWindow, files: Sequence[str] = ()) -> None:
    from pathlib import Path  # noqa: PLC0415

    from PySide6.QtCore import QCoreApplication  # noqa: PLC0415

    from .ui import messages  # noqa: PLC0415

    if files:
        job = window.import_files([Path(f) for f in files])
        job.finished.connect(lambda ids: window.open_assessment(ids[-1]) if ids else window.restore_session())
    else:
        window.restore_session()
    window.remind_unsaved()
    previous = QCoreApplication.instance().property("smedigital_previous_crash") if QCoreApplication.instance() else ""
    if previous:
        messages.show_info(window, QCoreApplication.translate("App", "The program closed unexpectedly"),
                           QCoreApplication.translate("App", "The program closed unexpectedly last time. Your work "
                                                             "up to the last change was saved."),
                           QCoreApplication.translate("App", "Crash record: %1").replace("%1", str(previous)))


def main(argv: Sequence[str] | None = None) -> int:
    args, qt_args = parse_args(argv)
    if args.selftest is not None:  # --- self-test: before anything heavy is imported ---
        from . import selftest  # noqa: PLC0415

        return selftest.main(args.selftest or None, qt_args)
    if args.screenshots:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) and sys.platform.startswith("linux"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from .ui import screenshots  # noqa: PLC0415

        written = screenshots.take(args.screenshots, qt_args)
        for path in written:
            print(path)
        return 0 if written else 1
    created = create_window(args.lang, qt_args, single=args.files)
    if created is None:
        from PySide6.QtCore import QCoreApplication  # noqa: PLC0415

        app = QCoreApplication.instance()
        code = app.property("smedigital_exit_code") if app is not None else None
        return code if isinstance(code, int) else 1
    app, window = created
    window.show()
    from PySide6.QtCore import QTimer  # noqa: PLC0415

    QTimer.singleShot(0, lambda: _after_show(window, args.files))
    code = app.exec()
    window.library.close()
    window.release_instance_guard()
    return code


if __name__ == "__main__":
    sys.exit(main())
