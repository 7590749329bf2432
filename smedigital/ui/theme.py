"""Text size and contrast, applied to the whole application.

The text size is the application font's point size: every widget that does not set a
font of its own follows it, and widgets with a larger heading font derive it from the
application font (see :func:`heading_font`), so headings grow too. The high-contrast
theme is a palette (white on black, yellow selection) on the Fusion style, which
honours palettes on every platform. No meaning is carried by colour alone: levels,
stages and states are always written out.

Fusion draws the borders of fields, check boxes, buttons and frames in a shade of the window
colour, which on a black window is black: :class:`~smedigital.ui.contrast_style.HighContrastStyle` draws them again in
white (yellow where the focus is), so an unchecked box or an empty field is as visible as a
checked one. Widgets with a style sheet of their own are polished again after a switch, so
their text follows the new palette too.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from collections.abc import Iterable

    from PySide6.QtGui import QPalette

log = logging.getLogger("smedigital")

# QEvent.Type.ApplicationFontChange by Qt's documented number: the first window does without PySide6's
# QEvent class (i18n.LANGUAGE_CHANGE says why)
APPLICATION_FONT_CHANGE = 36
MIN_POINT_SIZE = 8
MAX_POINT_SIZE = 28
STEP = 1

_saved: dict[str, object] = {}


class _Notifier(QObject):
    contrast_changed = Signal()


def notifier() -> _Notifier:
    """A QObject whose ``contrast_changed()`` fires after every switch of :func:`set_high_contrast` (the
    style changes with it; widgets that fit themselves to their contents follow this, not a changeEvent)."""
    found = _saved.get("notifier")
    if isinstance(found, _Notifier):
        return found
    made = _Notifier()
    _saved["notifier"] = made
    return made


def _app() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("the theme needs a QApplication")
    return app


def default_point_size() -> int:
    """The platform's own text size, remembered the first time it is asked for."""
    if "point_size" not in _saved:
        size = _app().font().pointSize()
        _saved["point_size"] = size if size > 0 else 10
    return int(_saved["point_size"])  # type: ignore[call-overload]  # _saved holds mixed values; this one is an int


def text_size() -> int:
    size = _app().font().pointSize()
    return size if size > 0 else default_point_size()


def set_text_size(points: int) -> int:
    """Set the application's text size (clamped to 8-28 pt); returns the size set."""
    default_point_size()
    points = max(MIN_POINT_SIZE, min(MAX_POINT_SIZE, int(points)))
    app = _app()
    font = QFont(app.font())
    font.setPointSize(points)
    app.setFont(font)
    _deliver_font_change()
    return points


def _deliver_font_change() -> None:
    """Make every widget follow the application font now. Qt posts the change (so deliver it),
    and skips widgets under a style sheet (so have their style sheets applied again)."""
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.sendPostedEvents(None, APPLICATION_FONT_CHANGE)
    for widget in QApplication.allWidgets():
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet(sheet)


def bigger() -> int:
    return set_text_size(text_size() + STEP)


def smaller() -> int:
    return set_text_size(text_size() - STEP)


def heading_font(scale: float = 1.4, bold: bool = True) -> QFont:
    """A heading font derived from the current application font."""
    font = QFont(_app().font())
    font.setPointSizeF(max(1.0, font.pointSizeF() * scale))
    font.setBold(bold)
    return font


BLACK, WHITE, YELLOW, GREY = "#000000", "#ffffff", "#ffd700", "#b0b0b0"
LINK, LINK_VISITED = "#00ffff", "#ff80ff"
# Text that warns (a field's problem, a caveat): dark red on white, light red on black.
WARNING_TEXT = {False: "#9c0006", True: "#ff9e9e"}


def high_contrast_palette() -> QPalette:
    # here: the first window (no high contrast) does without QPalette's class
    from PySide6.QtGui import QColor, QPalette

    black, white, yellow, grey = QColor(BLACK), QColor(WHITE), QColor(YELLOW), QColor(GREY)
    p = QPalette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled):
        p.setColor(group, QPalette.ColorRole.Window, black)
        p.setColor(group, QPalette.ColorRole.WindowText, white)
        p.setColor(group, QPalette.ColorRole.Base, black)
        p.setColor(group, QPalette.ColorRole.AlternateBase, QColor("#1a1a1a"))
        p.setColor(group, QPalette.ColorRole.Text, white)
        p.setColor(group, QPalette.ColorRole.Button, QColor("#101010"))
        p.setColor(group, QPalette.ColorRole.ButtonText, white)
        p.setColor(group, QPalette.ColorRole.BrightText, yellow)
        p.setColor(group, QPalette.ColorRole.Highlight, yellow)
        p.setColor(group, QPalette.ColorRole.HighlightedText, black)
        p.setColor(group, QPalette.ColorRole.ToolTipBase, black)
        p.setColor(group, QPalette.ColorRole.ToolTipText, white)
        p.setColor(group, QPalette.ColorRole.PlaceholderText, grey)
        p.setColor(group, QPalette.ColorRole.Link, QColor(LINK))
        p.setColor(group, QPalette.ColorRole.LinkVisited, QColor(LINK_VISITED))
        p.setColor(group, QPalette.ColorRole.Light, white)
        p.setColor(group, QPalette.ColorRole.Midlight, grey)
        p.setColor(group, QPalette.ColorRole.Mid, grey)
        p.setColor(group, QPalette.ColorRole.Dark, grey)
        p.setColor(group, QPalette.ColorRole.Shadow, white)
    # disabled: grey text (9.6:1 on black), still readable, told apart from white
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText,
                 QPalette.ColorRole.Light, QPalette.ColorRole.Shadow):
        p.setColor(QPalette.ColorGroup.Disabled, role, grey)
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Highlight, grey)
    return p


def is_high_contrast() -> bool:
    return bool(_saved.get("high_contrast", False))


def warning_colour() -> str:
    """The colour of warning text (problems, caveats) for the current contrast."""
    return WARNING_TEXT[is_high_contrast()]


def set_high_contrast(on: bool) -> None:
    """Switch the high-contrast theme on or off (off restores the platform style and palette)."""
    from PySide6.QtGui import QPalette

    app = _app()
    if on == is_high_contrast():
        return
    _saved["high_contrast"] = on  # before the palette changes, so widgets told of it see the new state
    if on:
        _saved["style"] = app.style().name()
        _saved["palette"] = QPalette(app.palette())
        from .contrast_style import (
            HighContrastStyle,  # here: the first window (no high contrast) does without QProxyStyle
        )

        style = HighContrastStyle()
        _saved["hc_style"] = style  # Qt owns it once set; the reference keeps the wrapper alive meanwhile
        app.setStyle(style)
        app.setPalette(high_contrast_palette())
    else:
        saved = _saved.get("style")
        if saved:
            app.setStyle(str(saved))
        palette = _saved.get("palette")
        app.setPalette(palette if isinstance(palette, QPalette) else app.style().standardPalette())
        _saved.pop("hc_style", None)
    _repolish_style_sheets(WARNING_TEXT[not on], WARNING_TEXT[on])
    notifier().contrast_changed.emit()


def _repolish_style_sheets(old_warning: str, new_warning: str) -> None:
    """Widgets under a style sheet keep the palette they were polished with: polish them again so
    their text takes the new palette's colours (else white on white, or black on black); warning
    text written in :func:`warning_colour` takes the new one."""
    for widget in QApplication.allWidgets():
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet(sheet.replace(old_warning, new_warning))
    for widget in QApplication.allWidgets():
        widget.update()


# Families that carry Chinese glyphs, in order of preference, per platform.
CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC",
                "Hiragino Sans GB", "Noto Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "SimHei")


# The second bundled font (installers/fonts/make_cjk_font.py: FAMILY_EXT): the ideographs beyond GB 2312
# and the program's own texts, the rarer characters of names. Registering it costs ~1.5 ms of CPU, so the
# first window registers it only when a name it shows needs it (:func:`cover`), else right after its first
# paint (:func:`load_rare_fonts`); its family is in the application font's list from the start, where Qt
# passes over it until it is registered.
RARE_FAMILY = "Smedigital Sans SC Ext"
# Below this code point the first bundled font has every character either font has (Latin, punctuation,
# symbols): only ideographs and CJK forms from here on may need the second.
_FIRST_RARE = "\u2e80"


def setup_fonts(rare_later: bool = False) -> str | None:
    """Make Chinese render everywhere: register any font shipped in ``resources/fonts`` and
    find a family with Simplified Chinese glyphs; :func:`use_font_for` then puts it in the
    application font. Returns the family found. With ``rare_later``, the font of the rarer
    ideographs (:data:`RARE_FAMILY`) waits for :func:`cover` or :func:`load_rare_fonts`."""
    from PySide6.QtGui import QFontDatabase

    from smedigital.core.resources import resource_path

    shipped: list[str] = []
    later: list[str] = []
    folder = resource_path("fonts")
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() in (".ttf", ".otf", ".ttc"):
                if rare_later and shipped and path.stem.endswith("Ext"):  # SmedigitalSansSCExt.ttc
                    later.append(str(path))
                    shipped.append(RARE_FAMILY)
                    continue
                font_id = QFontDatabase.addApplicationFont(str(path))
                if font_id >= 0:
                    shipped += QFontDatabase.applicationFontFamilies(font_id)
    _saved["rare_files"] = later
    chosen = next((f for f in shipped if f), None)
    if chosen is None:  # no font shipped: one of the system's (listing them takes a while)
        installed = set(QFontDatabase.families())
        chosen = next((f for f in CJK_FAMILIES if f in installed), None)
    # The family the platform really uses ("Sans Serif" is only an alias, which would resolve
    # to the CJK family once that is in the list).
    from PySide6.QtGui import QFontInfo

    latin = QFontInfo(_app().font()).family()
    _saved["latin_families"] = [latin] if latin and latin != chosen else []
    _saved["cjk_family"] = chosen
    # the other shipped families (Smedigital Sans SC Ext: the rarer ideographs of names) right behind it
    _saved["cjk_more"] = list(dict.fromkeys(f for f in shipped if f and f != chosen))
    use_font_for("zh")
    return chosen


def load_rare_fonts() -> None:
    """Register the fonts :func:`setup_fonts` left for later (once; nothing when there are none)."""
    from PySide6.QtGui import QFontDatabase

    later = _saved.get("rare_files")
    _saved["rare_files"] = []
    for path in later if isinstance(later, list) else ():
        if QFontDatabase.addApplicationFont(path) < 0:
            log.warning("cannot load the font %s", path)


def cover(texts: Iterable[str]) -> None:
    """Register the font of the rarer ideographs now if one of ``texts`` has a character that the
    first CJK font lacks (a firm's name with 䶮 or 𠀀 about to be shown); nothing once it is registered."""
    if not _saved.get("rare_files"):
        return
    known = _saved.setdefault("covered", set())
    assert isinstance(known, set)
    wanted = {ch for text in texts if not text.isascii() for ch in text if ch >= _FIRST_RARE} - known
    if not wanted:
        return
    from PySide6.QtGui import QRawFont

    first = QRawFont.fromFont(QFont(str(_saved["cjk_family"])))  # that font alone (no fallback behind it)
    for ch in wanted:
        if not first.supportsCharacter(ord(ch)):
            load_rare_fonts()
            return
        known.add(ch)


def use_font_for(lang: str) -> None:
    """Chinese interface: the CJK family first (its punctuation and Latin fit Chinese text).
    English: the platform's own family first, the CJK family behind it for Chinese names."""
    cjk = _saved.get("cjk_family")
    if not cjk:
        return
    latin = list(_saved.get("latin_families") or [])  # type: ignore[call-overload]  # a list of names, see above
    more = _saved.get("cjk_more")
    cjk_families = [str(cjk), *(str(f) for f in more)] if isinstance(more, list) else [str(cjk)]
    families = [*cjk_families, *latin] if lang == "zh" else [*latin, *cjk_families]
    app = _app()
    font = QFont(app.font())
    if font.families() != families:
        font.setFamilies(families)
        app.setFont(font)
        _deliver_font_change()


def reset() -> None:
    """Normal contrast and the platform's text size again (tests)."""
    set_high_contrast(False)
    if "point_size" in _saved:
        set_text_size(default_point_size())
