"""A row of widgets that wraps onto more rows when the window is narrow (a laptop at 150 % scaling).

:class:`FlowLayout` lays its items out left to right and starts a new row when the next one would
not fit; it needs only the width of its widest item, so a row of buttons no longer sets the
window's minimum width. Items keep their order, so reading order (and Tab order) stays
left to right, then top to bottom. With ``fill_rows``, each item takes the height of its row, as in a
``QHBoxLayout`` (a label beside taller buttons has its text centred on theirs).
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QVBoxLayout, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = -1, *, fill_rows: bool = False) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self._fill_rows = fill_rows
        if parent is None:
            self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt override
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt override
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt override
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """All items on one row."""
        m = self.contentsMargins()
        width = sum(i.sizeHint().width() for i in self._items) + self._gap() * max(0, len(self._items) - 1)
        height = max((i.sizeHint().height() for i in self._items), default=0)
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt override
        """The widest item's width: the others wrap under it."""
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _gap(self) -> int:
        if self._spacing >= 0:
            return self._spacing
        parent = self.parentWidget()
        gap = parent.style().layoutSpacing(QSizePolicy.ControlType.PushButton, QSizePolicy.ControlType.PushButton,
                                           Qt.Orientation.Horizontal) if parent is not None else -1
        return gap if gap >= 0 else 6

    def _place(self, rect: QRect, *, move: bool) -> int:
        """Lay the items out in ``rect`` (or only measure); returns the height they take."""
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        gap = self._gap()
        x, y, row_height = area.x(), area.y(), 0
        row: list[tuple[QLayoutItem, QRect]] = []

        def end_row() -> None:
            if move:
                for item, place in row:
                    item.setGeometry(QRect(place.topLeft(), QSize(place.width(), row_height))
                                     if self._fill_rows else place)
            row.clear()

        for item in self._items:
            if item.isEmpty():
                continue
            hint = item.sizeHint().boundedTo(QSize(area.width(), item.sizeHint().height())).expandedTo(
                item.minimumSize())
            if x > area.x() and x + hint.width() > area.right() + 1:  # no room left on this row
                end_row()
                x, y, row_height = area.x(), y + row_height + gap, 0
            row.append((item, QRect(QPoint(x, y), hint)))
            x += hint.width() + gap
            row_height = max(row_height, hint.height())
        end_row()
        return y + row_height - rect.y() + m.bottom()


class ScrollBodyLayout(QVBoxLayout):
    """The column of a page inside a scroll area: as tall as the view when its content fits in it.

    A scroll area gives a body whose layout has height-for-width (word-wrapped labels) the height
    its layout *prefers* at that width, so a page in one scrolled even on a large screen; this layout
    answers with the least height that shows everything at that width, and the scroll bar only
    appears when the view is shorter than that.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._measuring = False

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        if self._measuring:  # QBoxLayout.minimumHeightForWidth asks heightForWidth first, to fill its cache
            return super().heightForWidth(width)
        self._measuring = True
        try:
            return super().minimumHeightForWidth(width)
        finally:
            self._measuring = False
