"""The one way the application tells the user something or asks a yes/no question.

Every box goes through :func:`show_error`, :func:`show_warning`, :func:`show_info` or
:func:`ask`. Tests switch the boxes off with :func:`capture` (or :func:`set_handler`),
so nothing modal blocks them and they can check what would have been said. The texts
are for people: what happened and what to do, never a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

log = logging.getLogger("smedigital.ui")

ERROR, WARNING, INFO, QUESTION = "error", "warning", "info", "question"


# Message and Captured are not dataclasses: the first window defines them, and the decorator took
# ~0.6 ms a class (issue 17).
class Message(NamedTuple):
    kind: str
    title: str
    text: str
    details: str = ""


class Captured:
    """What :func:`capture` collected; ``answer`` is what :func:`ask` returns meanwhile."""

    def __init__(self, answer: bool = True, messages: list[Message] | None = None) -> None:
        self.answer = answer
        self.messages: list[Message] = [] if messages is None else messages

    def __repr__(self) -> str:
        return f"Captured(answer={self.answer!r}, messages={self.messages!r})"

    def __call__(self, message: Message) -> bool:
        self.messages.append(message)
        return self.answer

    def kinds(self) -> list[str]:
        return [m.kind for m in self.messages]

    def clear(self) -> None:
        self.messages.clear()


Handler = Callable[[Message], bool]
_handler: Handler | None = None


def set_handler(handler: Handler | None) -> Handler | None:
    """Send every message to ``handler`` instead of a box (None: boxes again); returns the old one."""
    global _handler
    old, _handler = _handler, handler
    return old


@contextmanager
def capture(answer: bool = True) -> Iterator[Captured]:
    """Collect messages instead of showing them; questions are answered ``answer``."""
    captured = Captured(answer)
    old = set_handler(captured)
    try:
        yield captured
    finally:
        set_handler(old)


def _show(parent: QWidget | None, message: Message) -> bool:
    log.log(logging.ERROR if message.kind == ERROR else logging.INFO, "%s: %s | %s%s", message.kind,
             message.title, message.text, f" | {message.details}" if message.details else "")
    if _handler is not None:
        return bool(_handler(message))
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox  # here: the first window does without the box's class

    icon = {ERROR: QMessageBox.Icon.Critical, WARNING: QMessageBox.Icon.Warning,
            INFO: QMessageBox.Icon.Information, QUESTION: QMessageBox.Icon.Question}[message.kind]
    box = QMessageBox(icon, message.title, message.text, QMessageBox.StandardButton.NoButton, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # names of firms and files are never HTML
    box.setAccessibleName(message.title)
    box.setAccessibleDescription(message.text)
    if message.details:
        box.setDetailedText(message.details)
    if message.kind == QUESTION:
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
    else:
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
    return box.exec() == QMessageBox.StandardButton.Yes


def plain_tip(text: str) -> str:
    """A tooltip that shows ``text`` as it is: Qt renders a tooltip that looks like HTML as HTML
    (a firm named ``<img src=…>`` would load a local image), so such text is escaped."""
    import html

    from PySide6.QtGui import Qt as GuiQt  # mightBeRichText lives in QtGui's Qt

    if not text or not GuiQt.mightBeRichText(text):
        return text

    return "<p style='white-space:pre-wrap'>" + html.escape(text).replace("\n", "<br>") + "</p>"


def show_error(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    _show(parent, Message(ERROR, title, text, details))


def show_warning(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    _show(parent, Message(WARNING, title, text, details))


def show_info(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    _show(parent, Message(INFO, title, text, details))


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    """A yes/no question (No is the default button); True for yes."""
    return _show(parent, Message(QUESTION, title, text))


def error_text(exc: BaseException) -> str:
    """An error's message in the interface language: ``exc.get(lang)`` for the errors that carry both
    languages (LibraryError, PackError, …), the :class:`Msg` an error was raised with, else ``str(exc)``."""
    from smedigital.core.text import in_lang

    from . import i18n

    lang = i18n.current_language()
    problems = getattr(exc, "problems", None)
    if isinstance(problems, list) and problems and all(callable(getattr(p, "text", None)) for p in problems):
        return _problems_text(getattr(exc, "source", ""), problems, lang)  # an AssessmentError's problems
    get = getattr(exc, "get", None)
    if callable(get):
        try:
            return str(get(lang)) or type(exc).__name__
        except TypeError:  # a ``get`` of another kind (e.g. a mapping-like error)
            pass
    text = in_lang(exc.args[0], lang) if len(exc.args) == 1 else str(exc)
    return text or type(exc).__name__


def _problems_text(source: str, problems: list[Any], lang: str) -> str:
    """A file's problems (the first three, each with where it is) in ``lang``: ``source: where: why; …``."""
    from smedigital.core.words import punct, words

    colon, sep = punct("colon", lang), punct("list_sep", lang)
    parts = [f"{p.where}{colon}{p.text(lang)}" if getattr(p, "where", "") else p.text(lang) for p in problems[:3]]
    text = sep.join(parts)
    if len(problems) > 3:
        text += "\n" + words(lang).fmt("errors.import.more", n=len(problems) - 3)
    return f"{source}{colon}{text}" if source else text
