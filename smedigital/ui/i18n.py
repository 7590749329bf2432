"""The interface language, switchable while the program runs.

Interface strings are English in the source (``self.tr("...")`` with literals, or
``QCoreApplication.translate("Context", "...")``) and translated by Qt from
``resources/translations/smedigital_<locale>.qm``; Qt's own strings (standard buttons,
file dialogs) come from Qt's ``qtbase_<locale>.qm``. Questionnaire texts are not here:
they live in the framework files, per language; widgets read them with
:func:`current_language`.

Switching installs the new translators; Qt then sends ``QEvent.LanguageChange`` to every
widget, and each of ours sets its texts again in a ``retranslate()`` method called from
``changeEvent``. :func:`language_changed` also announces it for objects that are not widgets.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QObject, QTranslator, Signal

from smedigital.core.resources import resource_path
from smedigital.core.text import DEFAULT_LANGUAGE, LANGUAGES

log = logging.getLogger("smedigital.ui")

#: language code -> (Qt locale name, the language's name in itself)
LOCALES = {"zh": ("zh_CN", "中文"), "en": ("en", "English")}
assert set(LOCALES) == set(LANGUAGES)


class _Notifier(QObject):
    changed = Signal(str)


_state: dict[str, object] = {"language": DEFAULT_LANGUAGE, "translators": []}
_notifier: _Notifier | None = None


def notifier() -> _Notifier:
    """A QObject whose ``changed(str)`` signal fires after every switch."""
    global _notifier
    if _notifier is None:
        _notifier = _Notifier()
    return _notifier


def current_language() -> str:
    """``zh`` or ``en``: the language framework texts are shown in."""
    return str(_state["language"])


def system_language() -> str:
    """``zh`` when the system's UI languages put Chinese first, else ``en``."""
    for name in QLocale.system().uiLanguages():
        lang = name.replace("_", "-").split("-")[0].lower()
        if lang in LOCALES:
            return lang
    return "en"


def normalise(lang: str | None) -> str | None:
    if not lang:
        return None
    lang = lang.replace("_", "-").split("-")[0].lower()
    return lang if lang in LOCALES else None


def translations_dir() -> Path:
    return resource_path("translations")


def set_language(lang: str) -> bool:
    """Switch the interface to ``lang`` (zh or en); every widget has retranslated when this returns.

    Returns False if our translation file is missing: the interface then shows the English
    source texts, while framework texts still follow ``lang``."""
    lang = normalise(lang) or "en"
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("set_language needs a QApplication")
    locale_name = LOCALES[lang][0]
    _state["language"] = lang
    QLocale.setDefault(QLocale(locale_name))
    from . import theme  # noqa: PLC0415

    theme.use_font_for(lang)
    ours = QTranslator()  # owned by Python: dropping the reference deletes it
    found = ours.load(f"smedigital_{locale_name}", str(translations_dir()))
    if not found:
        log.warning("no translation file smedigital_%s.qm in %s", locale_name, translations_dir())
    translators: list[QTranslator] = []
    qt_base = QTranslator()
    if lang != "en" and qt_base.load(f"qtbase_{locale_name}",
                                     QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        translators.append(qt_base)
    if found:
        translators.append(ours)
    old: list[QTranslator] = list(_state["translators"])  # type: ignore[call-overload]
    _state["translators"] = translators
    for t in old:
        QCoreApplication.removeTranslator(t)
    for t in translators:
        QCoreApplication.installTranslator(t)
    if not old and not translators:
        QCoreApplication.sendEvent(app, QEvent(QEvent.Type.LanguageChange))
    # QApplication posts LanguageChange on to each window; deliver those now, so that every
    # text has changed when this returns.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    notifier().changed.emit(lang)
    return found


def reset() -> None:
    """Remove our translators and go back to the state before any :func:`set_language` (tests)."""
    old: list[QTranslator] = list(_state["translators"])  # type: ignore[call-overload]
    _state["translators"] = []
    _state["language"] = DEFAULT_LANGUAGE
    for t in old:
        QCoreApplication.removeTranslator(t)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)


def retranslate_on_language_change(widget: Any, event: QEvent) -> None:
    """For a widget's ``changeEvent``: call its ``retranslate()`` on a language change.

    Nothing may escape a Qt virtual (PySide6 can crash while reporting it), so a failure is
    logged and the widget keeps its old texts.
    """
    if event.type() == QEvent.Type.LanguageChange:
        try:
            widget.retranslate()
        except Exception:  # noqa: BLE001
            log.exception("%s could not change language", type(widget).__name__)
