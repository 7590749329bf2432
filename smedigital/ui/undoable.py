"""The Undo (Ctrl+Z) and Delete actions a list with undoable deletions offers (the firm list, a firm's
assessments): Undo follows the undo stack, Delete works on the table that has the focus."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QWidget

# Qt.ShortcutContext as Qt documents its values, set through the property: the firm list does without
# PySide6's Qt namespace (see smedigital.ui.home).
_WIDGET_SHORTCUT, _WIDGET_WITH_CHILDREN_SHORTCUT = 0, 3


def undo_and_delete_actions(owner: QWidget, table: QWidget, stack: QUndoStack, delete: Callable[[], object],
                            undo_with_children: bool = False) -> tuple[QAction, QAction]:
    """The two actions, added to ``owner`` (Undo) and ``table`` (Delete); their texts are the owner's to set.
    With ``undo_with_children``, Undo answers Ctrl+Z only where the focus is in ``owner``."""
    undo = QAction(owner)
    # setShortcuts with a list: PySide6's setShortcut weighs whether its argument is a Qt.Key, which
    # makes the Qt namespace
    undo.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
    if undo_with_children:
        undo.setProperty("shortcutContext", _WIDGET_WITH_CHILDREN_SHORTCUT)
    undo.setEnabled(False)
    undo.triggered.connect(stack.undo)
    stack.canUndoChanged.connect(undo.setEnabled)
    owner.addAction(undo)
    remove = QAction(owner)
    remove.setShortcuts([QKeySequence(QKeySequence.StandardKey.Delete)])
    remove.setProperty("shortcutContext", _WIDGET_SHORTCUT)
    remove.triggered.connect(delete)
    table.addAction(remove)
    return undo, remove
