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
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QObject,
    QTranslator,
    Signal,
)

from smedigital.core.resources import resource_path
from smedigital.core.text import DEFAULT_LANGUAGE, LANGUAGES

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent

log = logging.getLogger("smedigital.ui")

# language code -> (Qt locale name, the language's name in itself)
LOCALES = {"zh": ("zh_CN", "中文"), "en": ("en", "English")}
assert set(LOCALES) == set(LANGUAGES)


# Qt 6 texts that Qt's own ``qtbase_zh_CN.qm`` still lacks (it has "Look in:", Qt 6 asks for
# "&Look in:"): translated in our .ts (context as Qt's), which Qt asks before qtbase.
QT_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)


# QEvent.Type.LanguageChange by Qt's documented number: the first window does without PySide6's QEvent
# class, whose making (its 179 event types, and ~50 event classes with the first event handed to Python)
# took ~2.5 ms of CPU (issue 17); tests/ui/test_home_qt_namespace.py holds the number to Qt's.
LANGUAGE_CHANGE = 89


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


def qt_translations_dirs() -> list[Path]:
    """Where Qt's own translations (``qtbase_zh_CN.qm``) may be: Qt's configured folder, then
    the ``Qt/translations`` folder of the PySide6 package (what an installed bundle carries)."""
    import PySide6

    folders = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
               Path(PySide6.__file__).resolve().parent / "Qt" / "translations"]
    return list(dict.fromkeys(folders))


def _qt_base_translator(locale_name: str) -> QTranslator | None:
    """Qt's translation of its own texts (file dialogs' "Look in:", standard buttons), or None."""
    for folder in qt_translations_dirs():
        translator = QTranslator()
        if translator.load(f"qtbase_{locale_name}", str(folder)):
            return translator
    log.warning("no qtbase_%s.qm in %s: Qt's own dialogs stay in English", locale_name,
                ", ".join(str(f) for f in qt_translations_dirs()))
    return None


def qt_translation_loaded() -> bool:
    """Whether Qt's own texts are translated now (always False for English, which needs none)."""
    return bool(_state.get("qt_base"))


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
    from . import theme

    theme.use_font_for(lang)
    ours = QTranslator()  # owned by Python: dropping the reference deletes it
    found = ours.load(f"smedigital_{locale_name}", str(translations_dir()))
    if not found:
        log.warning("no translation file smedigital_%s.qm in %s", locale_name, translations_dir())
    translators: list[QTranslator] = []
    qt_base = _qt_base_translator(locale_name) if lang != "en" else None
    _state["qt_base"] = qt_base is not None
    if qt_base is not None:
        translators.append(qt_base)
    if found:
        translators.append(ours)
    old: list[QTranslator] = list(_state["translators"])  # type: ignore[call-overload]  # _state is mixed; this is a list
    _state["translators"] = translators
    for t in old:
        QCoreApplication.removeTranslator(t)
    for t in translators:
        QCoreApplication.installTranslator(t)
    if not old and not translators:
        from PySide6.QtCore import QEvent

        QCoreApplication.sendEvent(app, QEvent(QEvent.Type.LanguageChange))
    # QApplication posts LanguageChange on to each window; deliver those now, so that every
    # text has changed when this returns.
    QCoreApplication.sendPostedEvents(None, LANGUAGE_CHANGE)
    notifier().changed.emit(lang)
    return found


def reset() -> None:
    """Remove our translators and go back to the state before any :func:`set_language` (tests)."""
    old: list[QTranslator] = list(_state["translators"])  # type: ignore[call-overload]  # _state is mixed; this is a list
    _state["translators"] = []
    _state["qt_base"] = False
    _state["language"] = DEFAULT_LANGUAGE
    for t in old:
        QCoreApplication.removeTranslator(t)
    QCoreApplication.sendPostedEvents(None, LANGUAGE_CHANGE)


def retranslate_on_language_change(widget: Any, event: QEvent) -> None:
    """For a widget's ``changeEvent``: call its ``retranslate()`` on a language change.

    Nothing may escape a Qt virtual (PySide6 can crash while reporting it), so a failure is
    logged and the widget keeps its old texts.
    """
    if event.type() == LANGUAGE_CHANGE:
        try:
            widget.retranslate()
        except Exception:
            log.exception("%s could not change language", type(widget).__name__)
