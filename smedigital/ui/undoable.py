"""The Undo (Ctrl+Z) and Delete actions a list with undoable deletions offers (the firm list, a firm's
assessments): Undo follows the undo stack, Delete works on the table that has the focus."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QWidget


def undo_and_delete_actions(owner: QWidget, table: QWidget, stack: QUndoStack, delete: Callable[[], object],
                            undo_context: Qt.ShortcutContext | None = None) -> tuple[QAction, QAction]:
    """The two actions, added to ``owner`` (Undo) and ``table`` (Delete); their texts are the owner's to set."""
    undo = QAction(owner)
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    if undo_context is not None:
        undo.setShortcutContext(undo_context)
    undo.setEnabled(False)
    undo.triggered.connect(stack.undo)
    stack.canUndoChanged.connect(undo.setEnabled)
    owner.addAction(undo)
    remove = QAction(owner)
    remove.setShortcut(QKeySequence.StandardKey.Delete)
    remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    remove.triggered.connect(delete)
    table.addAction(remove)
    return undo, remove
