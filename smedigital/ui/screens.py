"""Windows that fit the screen they are on: a 1366×768 laptop, a larger scaling, a second monitor.

:func:`fitted_geometry` places a window inside the free area of a screen (frame included);
:func:`fit_to_screen` gives a dialog its usual size or, on a smaller screen, as much as there
is; :func:`size_to_current_page` makes a stacked widget ask only for the room its current page
needs (Qt's asks for the largest of all its pages, so one wide page made every page wide).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QSizePolicy, QStackedWidget, QWidget

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent

# Room kept for the window manager's title bar and borders, which are not known before the window
# is shown: a 1366×768 laptop with a 40-pixel task bar leaves 1366×728 for a window and its frame.
FRAME_ALLOWANCE = QSize(16, 40)
LAPTOP_FREE_AREA = QRect(0, 0, 1366, 728)  # when no screen is known


def available_area(widget: QWidget | None = None) -> QRect:
    """The free area (without task bars) of the screen ``widget`` is on, else of the primary screen."""
    screen = (widget.screen() if widget is not None else None) or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(LAPTOP_FREE_AREA)


def fitted_geometry(available: QRect, preferred: QSize, current: QRect | None = None) -> QRect:
    """The window's own area (its frame outside it) on a screen whose free area is ``available``:
    at ``current`` (a remembered place) or centred, no larger than ``preferred`` when new, and
    always small enough, frame included, to lie wholly inside the free area."""
    side = FRAME_ALLOWANCE.width() // 2  # left, right and bottom border
    top = FRAME_ALLOWANCE.height() - side  # the title bar
    inner = available.adjusted(side, top, -side, -side)
    size = (current.size() if current is not None else preferred).boundedTo(inner.size()).expandedTo(QSize(1, 1))
    corner = current.topLeft() if current is not None else inner.center() - QPoint(size.width() // 2,
                                                                                     size.height() // 2)
    x = max(inner.left(), min(corner.x(), inner.right() + 1 - size.width()))
    y = max(inner.top(), min(corner.y(), inner.bottom() + 1 - size.height()))
    return QRect(QPoint(x, y), size)


def fit_to_screen(window: QWidget, preferred: QSize) -> None:
    """Give a dialog its usual size, or as much of it as the free area of its screen holds."""
    area = available_area(window.parentWidget() or window)
    window.resize(fitted_geometry(area, preferred).size())


# QEvent.Type.LayoutRequest by Qt's documented number: importing PySide6's QEvent makes the class, which the
# first window does without (i18n.LANGUAGE_CHANGE says why)
LAYOUT_REQUEST = 76


class _CurrentPageOnly(QObject):
    """Keeps a stacked widget's pages but the shown one laid out as ignoring their size."""

    def __init__(self, stack: QStackedWidget, pages_added: bool = True) -> None:
        super().__init__(stack)
        self.stack = stack
        stack.currentChanged.connect(self.follow)
        if pages_added:  # pages added later (a new tab) are caught when the layout is redone
            stack.installEventFilter(self)
        self.follow()

    def follow(self, _index: int = 0) -> None:
        current = self.stack.currentWidget()
        for i in range(self.stack.count()):
            page = self.stack.widget(i)
            if page is None:
                continue
            policy = QSizePolicy.Policy.Preferred if page is current else QSizePolicy.Policy.Ignored
            if page.sizePolicy().horizontalPolicy() != policy or page.sizePolicy().verticalPolicy() != policy:
                page.setSizePolicy(policy, policy)
                self.stack.updateGeometry()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == LAYOUT_REQUEST and watched is self.stack:
            self.follow()
        return False


def size_to_current_page(stack: QStackedWidget, pages_added: bool = True) -> None:
    """From now on ``stack`` (a QStackedWidget, or a QTabWidget's) needs only the room of the page it
    shows: the others are laid out as ignoring their size (they get the room the shown page leaves
    when they are shown). Without ``pages_added``, for a stack whose pages are shown as they are added
    (and so caught as the shown page changes), the stack's events are not watched: the first window's
    stack, where a Python event filter would have PySide6 make its ~50 event classes before the first
    paint (~2.5 ms, issue 17)."""
    _CurrentPageOnly(stack, pages_added)
