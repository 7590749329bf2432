"""The desktop program's application and first window: Qt's names, fonts, log and crash record, the
firm library (one program per library) and the main window. ``smedigital.app`` (the command), the
self-test and the screenshots all build on this, so none of them imports another.
"""

from __future__ import annotations

import gc
import logging
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Literal

from smedigital import __version__

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtWidgets import QApplication, QWidget

    from smedigital.library import Library

    from .instance import InstanceGuard
    from .main_window import MainWindow

log = logging.getLogger("smedigital")
PARTIALS_JOURNAL = "partial-files.txt"


def create_application(qt_args: Sequence[str] = (), rare_fonts_later: bool = False) -> QApplication:
    """The QApplication with its names, fonts, log file, excepthook and crash record. With
    ``rare_fonts_later``, the font of the rarer ideographs is registered when a text needs it
    (:func:`smedigital.ui.theme.cover`) or by :func:`smedigital.ui.theme.load_rare_fonts`."""
    # The modules of the first window that do without Qt come before PySide6: its import hook reads
    # the source of a module (~0.1 ms) the first time an import statement names it after PySide6 is
    # loaded (to look for ``from __feature__``), and most of these are named only by each other.
    from smedigital.core import wording  # noqa: F401  # the firm list's scores
    from smedigital.library import paths, settings  # noqa: F401  # the library and the app state

    from .qtguard import guard_singletons

    guard_singletons()
    from PySide6.QtWidgets import QApplication

    _standard_library_without_features()
    from . import crash, theme

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
    crash.setup_logging(data, later=True)  # the file is attached after the first paint (_after_show)
    app.setProperty("smedigital_previous_crash", str(crash.take_previous_crash(data) or ""))
    crash.enable_faulthandler(data)
    crash.install_excepthook()
    crash.install_qt_message_handler()
    theme.setup_fonts(rare_later=rare_fonts_later)
    theme.default_point_size()
    log.info("smedigital %s starting (Qt platform %s)", __version__, app.platformName())
    return app


# The first window's own modules as PySide6's scan (below) enters them: 0 where the source names PySide6,
# -1 where it does not (tests/ui/test_app.py holds each to its source). None uses ``__feature__``.
FIRST_WINDOW_MODULES = {
    "smedigital": -1, "smedigital.core": -1, "smedigital.core.resources": -1, "smedigital.core.text": -1,
    "smedigital.core.wording": -1, "smedigital.core.words": -1, "smedigital.library": -1,
    "smedigital.library.library": -1, "smedigital.library.paths": -1, "smedigital.library.schema": -1,
    "smedigital.library.settings": -1, "smedigital.ui": 0, "smedigital.ui.application": 0,
    "smedigital.ui.crash": 0, "smedigital.ui.home": 0, "smedigital.ui.i18n": 0, "smedigital.ui.labels": -1,
    "smedigital.ui.main_window": 0, "smedigital.ui.messages": 0, "smedigital.ui.qtguard": 0,
    "smedigital.ui.screens": 0, "smedigital.ui.tasks": 0, "smedigital.ui.theme": 0, "smedigital.ui.undoable": 0,
    "smedigital.ui.instance": 0,
}


def _standard_library_without_features() -> None:
    """PySide6 reads the source of each module an import statement names after PySide6 is loaded,
    once, to see whether it uses PySide6's ``__feature__`` options; our modules import some twenty
    of the standard library's (``logging``, ``typing``, ...) that way, ~3 ms of the first window's,
    and its own modules (:data:`FIRST_WINDOW_MODULES`) ~1.4 ms more, main_window's and home's source
    read whole. The standard library never does: it is entered in PySide6's table as not using them
    (-1, the answer its own scan would give), and so are the first window's modules, with the answer
    its scan would give. Does nothing where the table is not found (another PySide6)."""
    feature = sys.modules.get("shibokensupport.feature")
    table = getattr(feature, "pyside_feature_dict", None)
    if not isinstance(table, dict):
        return
    for name in list(sys.modules):
        if name.partition(".")[0] in sys.stdlib_module_names:
            table.setdefault(name, -1)
    for name, uses in FIRST_WINDOW_MODULES.items():
        table.setdefault(name, uses)


def _set_window_icon(app: QApplication) -> None:
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QIcon

    from smedigital.core.resources import resource_path

    icon = QIcon()
    folder = resource_path("icons")  # once: finding the resources folder resolves a path
    for size in (16, 24, 32, 48, 64, 128, 256):
        png = folder / f"smedigital-{size}.png"
        if png.is_file():
            icon.addFile(str(png), QSize(size, size))  # with its size given, Qt reads the file when it draws that size
    if not icon.isNull():
        app.setWindowIcon(icon)


def apply_settings(library: Library, lang: str | None = None) -> None:
    """Language, text size and contrast from the command line or the app state."""
    from smedigital.library import settings

    from . import i18n, theme

    chosen = i18n.normalise(lang) or i18n.normalise(settings.LANGUAGE.get(library)) or i18n.system_language()
    i18n.set_language(chosen)
    size = settings.TEXT_SIZE.get(library)
    if size is not None:
        theme.set_text_size(size)
    if settings.THEME.get(library) == "high_contrast":
        theme.set_high_contrast(True)


def open_library() -> Library | None:
    from smedigital.library import Library, LibraryError, SchemaTooNew

    from . import messages

    try:
        return Library.open()
    except (LibraryError, SchemaTooNew, OSError) as exc:
        from PySide6.QtCore import QCoreApplication

        log.error("cannot open the library: %s", exc)
        messages.show_error(None, QCoreApplication.translate("App", "Cannot open the firm library"),
                            QCoreApplication.translate("App", "The firm library could not be opened, so the program "
                                                              "cannot start. Backups are kept in the backups folder "
                                                              "beside it."), messages.error_text(exc))
        return None


def claim_library(files: Sequence[str] = ()) -> InstanceGuard | Literal[True] | None:
    """Take the library for this program (:mod:`smedigital.ui.instance`). When another program
    has it, that one is asked to come forward and import ``files``, and None is returned (the
    exit code is in the application's ``smedigital_exit_code`` property)."""
    from PySide6.QtCore import QCoreApplication

    from smedigital.library import paths

    from . import instance, messages

    app = QCoreApplication.instance()
    assert app is not None  # made before the library is claimed
    try:
        folder = paths.data_dir()
    except OSError:
        return True  # no folder, no library to share: open_library says why
    guard = instance.InstanceGuard(folder)
    if guard.acquire(listen=False):  # it listens once the first window is painted (_create_window)
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
    to the first and gets None.

    Python's cyclic garbage collector is off meanwhile: start-up makes tens of thousands of objects
    that live as long as the program (modules, Qt's enum classes, the widgets), and collecting every
    700 of them cost ~10 ms for nothing. They are then frozen (no collection scans them) until the
    event loop's first turn, and the collector is on again."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _create_window(lang, qt_args, single)
    finally:
        gc.freeze()
        if collecting:
            gc.enable()
        _unfreeze_at_first_turn()


def _unfreeze_at_first_turn() -> None:
    from PySide6.QtCore import QCoreApplication, QTimer

    if QCoreApplication.instance() is None:  # start-up failed before the application was made
        gc.unfreeze()
    else:
        QTimer.singleShot(0, gc.unfreeze)


def _create_window(lang: str | None, qt_args: Sequence[str],
                   single: Sequence[str] | None) -> tuple[QApplication, MainWindow] | None:
    # The font of the rarer ideographs (~1.5 ms CPU) before the first window only when a name the firm list
    # shows needs it (home.py); else once the window is painted, first of what waits for that (_after_show),
    # so it is there before anyone types; and at the latest RARE_FONTS_LATEST_MS from now (a window shown
    # other than by show_first_window).
    app = create_application(qt_args, rare_fonts_later=True)
    guard = claim_library(single) if single is not None else True
    if guard is None:
        return None
    library = open_library()
    if library is None:
        return None
    apply_settings(library, lang)
    from .main_window import MainWindow

    window = MainWindow(library)
    from PySide6.QtCore import QTimer

    from . import theme

    QTimer.singleShot(RARE_FONTS_LATEST_MS, window, theme.load_rare_fonts)
    if guard is not True:
        window.set_instance_guard(guard)
        # later launches are listened for once the window is painted: a later launch in between tries to
        # connect for longer than that (instance.CONNECT_MS), and QtNetwork is ~7 ms the first window skips
        _after_first_paint(window, guard.listen, latest_ms=AFTER_SHOW_LATEST_MS)
    # Once the window is painted, before the user can start anything that writes a file: the
    # background-work module (~1.5 ms) is not needed for the first window.
    _after_first_paint(window, lambda: _take_partials_journal(library.data_dir / PARTIALS_JOURNAL))
    return app, window


# At the latest this long after it is shown, what waits for the window's first paint runs anyway: a
# window that starts minimised, or on another virtual desktop, is painted only when it comes into view.
AFTER_SHOW_LATEST_MS = 2000
RARE_FONTS_LATEST_MS = 2000


def show_first_window(window: MainWindow, files: Sequence[str] = ()) -> None:
    """Show the window, and once it is painted (at the latest after :data:`AFTER_SHOW_LATEST_MS`) do what
    the first window does not need (:func:`_after_show`: the log file, the files given, reopening the
    last assessment, the notice of a crash). A zero timer alone may fire before the first paint on a
    real display, and reopening an assessment then held the window back by the assessment view's build."""
    _after_first_paint(window, lambda: _after_show(window, files), latest_ms=AFTER_SHOW_LATEST_MS)
    window.show()


def _after_first_paint(window: QWidget, work: Callable[[], object], latest_ms: int | None = None) -> None:
    """Run ``work`` once, at the event loop's turn after ``window`` is first painted (a zero timer
    alone may fire before: the window is exposed in the same turn), or ``latest_ms`` after now.

    Painted is told by the window being exposed when the event loop wakes or is about to wait (Qt paints
    a widget window as it handles its first expose, within the turn): an event filter would see the paint
    itself, but a Python event filter has PySide6 make its ~50 event classes at the first event, before
    the first paint (~2.5 ms of CPU, issue 17)."""
    from PySide6.QtCore import QAbstractEventDispatcher, QObject, QTimer

    class FirstPaint(QObject):
        done = False

        def check(self) -> None:
            handle = window.windowHandle()
            if handle is not None and handle.isExposed():
                self.run()

        def run(self) -> None:
            if self.done:
                return
            self.done = True
            QTimer.singleShot(0, work)
            self.deleteLater()  # and with it its connections and the timer of latest_ms

    first = FirstPaint(window)
    dispatcher = QAbstractEventDispatcher.instance()
    if dispatcher is not None:
        dispatcher.awake.connect(first.check)
        dispatcher.aboutToBlock.connect(first.check)
    if latest_ms is not None or dispatcher is None:
        QTimer.singleShot(latest_ms or 0, first, first.run)


def _take_partials_journal(journal: Path) -> None:
    """Remove what a killed run left half-written (listed in ``journal``), then have this run's
    files listed there while they are written."""
    from . import tasks

    tasks.clean_partials(journal)
    tasks.set_partials_journal(journal)


def _after_show(window: MainWindow, files: Sequence[str] = ()) -> None:
    from pathlib import Path

    from PySide6.QtCore import QCoreApplication, Qt  # noqa: F401 - makes the Qt namespace (below)

    from . import crash, messages, theme

    theme.load_rare_fonts()  # first: the assessment reopened below may show a rare character of a name
    # The first window does without PySide6's Qt namespace (ui/home.py says why); until it is made, PySide6
    # cannot hand a slot a Qt enum (a signal's argument, a property read). Importing it makes it, now that
    # the window is painted, so that every screen opened from here on works as with any PySide6 program.
    crash.attach_log_file()  # what start-up logged goes to the file now (logging.handlers was not needed before)
    if files:
        job = window.import_files([Path(f) for f in files])
        job.finished.connect(lambda ids: window.open_assessment(ids[-1]) if ids else window.restore_session())
    else:
        window.restore_session()
    window.remind_unsaved()
    app = QCoreApplication.instance()
    previous = app.property("smedigital_previous_crash") if app else ""
    if previous:
        messages.show_info(window, QCoreApplication.translate("App", "The program closed unexpectedly"),
                           QCoreApplication.translate("App", "The program closed unexpectedly last time. Your work "
                                                             "up to the last change was saved."),
                           QCoreApplication.translate("App", "Crash record: %1").replace("%1", str(previous)))
