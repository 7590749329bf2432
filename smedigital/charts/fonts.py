"""A CJK font for matplotlib (and the same file for the PDF writer).

Order of preference: a font bundled under ``resources/fonts/``; Noto Sans CJK
SC from Debian's ``fonts-noto-cjk``; any installed font whose family is one of
the well-known Chinese sans-serif families. The chosen family goes first in
``font.sans-serif`` (the rest stay as fallbacks for symbols), and
``axes.unicode_minus`` is switched off because not every CJK font has U+2212.

The bundled fonts come in two files (see ``installers/fonts/make_cjk_font.py``):
Smedigital Sans SC with GB 2312 and the program's texts, chosen here, and
Smedigital Sans SC Ext with every other ideograph of Noto Sans CJK SC (the
unified ideographs, Extension A, the compatibility ideographs and the 2,365
commonest of Extensions B to H), the first fallback font. For the rarer
ideographs a further font is looked for where systems keep those that have
them (:data:`FALLBACK_FONT_FILES`: Windows' SimSun-ExtB and SimSun-ExtG, HanaMin
from ``fonts-hanazono``, AR PL UMing). The charts draw a character their CJK
family lacks in the first fallback that has it (matplotlib's per-glyph
fallback over ``font.family``); the PDF report embeds a fallback font only
when a text needs it (:func:`fallback_font_for`).
"""

from __future__ import annotations

import functools
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from smedigital.core.resources import resource_path

from . import prepare_matplotlib

FONT_SUFFIXES = (".ttf", ".otf", ".ttc")
DEBIAN_NOTO_CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
# Families that cover simplified Chinese, most preferred first.
CJK_FAMILY_HINTS = ("Noto Sans CJK", "Source Han Sans", "WenQuanYi", "Microsoft YaHei", "SimHei", "PingFang")
# Within a collection (a .ttc holds JP, KR, SC, TC... faces) prefer the simplified Chinese one.
_SC_SUFFIXES = (" SC", " CN", " GB")


def _fallback_font_files() -> tuple[Path, ...]:
    """Where systems keep fonts with the rarer CJK ideographs, most complete first."""
    windows = Path(os.environ.get("WINDIR") or r"C:\Windows") / "Fonts"
    local = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "Microsoft" / "Windows" / "Fonts"
    user = Path.home() / ".local" / "share" / "fonts"
    names = ("SimsunExtG.ttf", "simsunb.ttf", "HanaMinB.ttf", "HanaMinA.ttf", "mingliub.ttc")
    debian = (Path("/usr/share/fonts/truetype/hanazono/HanaMinB.ttf"),  # fonts-hanazono: Extensions B to F
              Path("/usr/share/fonts/truetype/hanazono/HanaMinA.ttf"),
              Path("/usr/share/fonts/truetype/arphic/uming.ttc"))  # fonts-arphic-uming: some of Extension B
    return (*(folder / n for folder in (windows, local) for n in names), *debian, *(user / n for n in names[2:4]))


# Windows: SimSun-ExtG (Windows 11, Extensions B to G), SimSun-ExtB, MingLiU-ExtB; anywhere: HanaMin.
FALLBACK_FONT_FILES: tuple[Path, ...] = _fallback_font_files()


@dataclass(frozen=True, slots=True)
class CJKFont:
    family: str
    path: Path
    face_index: int  # which face of a .ttc collection (fpdf2: collection_font_number)


_lock = threading.Lock()
_searched = False
_font: CJKFont | None = None


def _is_cjk_family(name: str) -> bool:
    return any(h.lower() in name.lower() for h in CJK_FAMILY_HINTS)


def _rank(entry) -> tuple:
    """Sort key for font entries: known family order, simplified Chinese, sans (not mono), regular."""
    name = entry.name
    hint = next((i for i, h in enumerate(CJK_FAMILY_HINTS) if h.lower() in name.lower()), len(CJK_FAMILY_HINTS))
    weight = entry.weight if isinstance(entry.weight, int) else 400
    return (hint, not name.endswith(_SC_SUFFIXES), "mono" in name.lower(), entry.style != "normal",
            abs(weight - 400), _entry_index(entry))


def _entry_index(entry) -> int:
    """The face of a collection a font entry stands for (matplotlib >= 3.10 keeps every face)."""
    index = getattr(entry, "index", None)
    if index is None:
        index = getattr(entry.fname, "face_index", 0)
    return int(index or 0)


@functools.lru_cache(maxsize=1024)
def _resolved(fname: str) -> str:
    """A font file's resolved path, worked out once per process (a font file does not move while the
    program runs; resolving each of the system's fonts for every lookup cost the first report 25 ms)."""
    try:
        return str(Path(fname).resolve())
    except OSError:
        return ""


def _entries_for(path: Path) -> list:
    from matplotlib import font_manager

    target = _resolved(str(path))
    return [e for e in font_manager.fontManager.ttflist if _resolved(str(e.fname)) == target]


def _add_file(path: Path) -> CJKFont | None:
    """Register one font file (every face of a collection) and pick its best face."""
    from matplotlib import font_manager

    entries = _entries_for(path)
    if not entries:
        try:
            font_manager.fontManager.addfont(str(path))
        except (OSError, RuntimeError, ValueError):
            return None
        entries = _entries_for(path)
    if not entries:
        return None
    cjk = [e for e in entries if _is_cjk_family(e.name)] or entries
    best = min(cjk, key=_rank)
    return CJKFont(best.name, path, _entry_index(best))


def _add_bold_sibling(path: Path) -> None:
    """Debian ships NotoSansCJK-Bold.ttc beside the regular file: register it so bold text is bold."""
    if "Regular" not in path.name:
        return
    bold = path.with_name(path.name.replace("Regular", "Bold"))
    if bold.is_file() and not _entries_for(bold):
        from matplotlib import font_manager

        try:
            font_manager.fontManager.addfont(str(bold))
        except (OSError, RuntimeError, ValueError):
            pass


def _bundled_fonts() -> list[Path]:
    folder = resource_path("fonts")
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in FONT_SUFFIXES)


def _system_font() -> CJKFont | None:
    from matplotlib import font_manager

    found = [e for e in font_manager.fontManager.ttflist if _is_cjk_family(e.name)]
    if not found:
        return None
    best = min(found, key=_rank)
    return CJKFont(best.name, Path(str(best.fname)), _entry_index(best))


def _search() -> CJKFont | None:
    prepare_matplotlib()
    for path in _bundled_fonts():
        font = _add_file(path)
        if font is not None:
            _add_bold_sibling(path)
            return font
    if DEBIAN_NOTO_CJK.is_file():
        font = _add_file(DEBIAN_NOTO_CJK)
        if font is not None:
            _add_bold_sibling(DEBIAN_NOTO_CJK)
            return font
    return _system_font()


def _apply(family: str, fallbacks: list[str] | None = None) -> None:
    import matplotlib

    rc = matplotlib.rcParams
    current = list(rc["font.sans-serif"])
    if current[:1] != [family]:
        rc["font.sans-serif"] = [family] + [f for f in current if f != family]
    # matplotlib falls back glyph by glyph over the families of font.family (not over a generic
    # family's list): the fallback fonts come after the CJK family's generic name.
    wanted = ["sans-serif", *(f for f in fallbacks or () if f != family)]
    if rc["font.family"] != wanted:
        rc["font.family"] = wanted
    rc["axes.unicode_minus"] = False


def cjk_font() -> CJKFont | None:
    """The CJK font in use (searched and registered on first call), or None when there is none."""
    global _searched, _font
    with _lock:
        if not _searched:
            _font = _search()
            _searched = True
        return _font


def fallback_font_files() -> list[Path]:
    """The fonts for what the CJK font lacks, in order: the other fonts bundled in ``resources/fonts``
    (the rarer ideographs), then those of :data:`FALLBACK_FONT_FILES` on this machine (a check that
    each file exists, nothing read)."""
    main = cjk_font()
    chosen = main.path.resolve() if main is not None else None
    bundled = [p for p in _bundled_fonts() if p.resolve() != chosen]
    return [*bundled, *(p for p in FALLBACK_FONT_FILES if p.is_file())]


@functools.lru_cache(maxsize=16)
def _cmap(path: Path, face: int, mtime: float) -> frozenset[int]:
    """The characters a font maps: read by FreeType (matplotlib's FT2Font, 10 ms for the second bundled
    font's 24,000), else by fontTools (60 ms)."""
    try:
        from matplotlib.ft2font import FT2Font

        return frozenset(FT2Font(str(path), face_index=face).get_charmap())
    except Exception:  # noqa: BLE001 - no FreeType here, or it cannot read the file: fontTools
        pass
    from fontTools.ttLib import TTFont

    try:
        with TTFont(str(path), fontNumber=face, lazy=True) as font:
            return frozenset(font.getBestCmap() or ())
    except Exception:  # noqa: BLE001 - an unreadable font is no fallback
        return frozenset()


def font_has(path: Path, char: str, face: int = 0) -> bool:
    """Whether the font file (a face of a collection) maps ``char``; its cmap is read once per process."""
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return False
    return ord(char) in _cmap(path, face, mtime)


def fallback_font_for(char: str) -> Path | None:
    """The first fallback font on this machine that has ``char`` (its first face), or None."""
    return next((p for p in fallback_font_files() if font_has(p, char)), None)


def _fallback_families() -> list[str]:
    """The families of the fallback fonts on this machine, registered with matplotlib."""
    families: list[str] = []
    for path in fallback_font_files():
        font = _add_file(path)
        if font is not None and font.family not in families:
            families.append(font.family)
    return families


_fallbacks: list[str] | None = None
_fallback_lock = threading.Lock()


class _NoWeightComplaints(logging.Filter):
    """matplotlib logs, for every new size and weight, that a fallback font has no such weight
    (HanaMin has one, of weight 500): expected of a font used for a few characters, so not said."""

    def __init__(self, families: list[str]) -> None:
        super().__init__()
        self.families = set(families)

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args if isinstance(record.args, tuple) else ()
        return not (str(record.msg).startswith("findfont: Failed to find font weight") and len(args) > 1
                    and args[1] in self.families)


def register_cjk_font() -> str | None:
    """Register a CJK font with matplotlib and put it first; returns its family (None: no CJK font found).

    The fallback fonts on this machine follow it in ``font.family``, so a character the CJK font
    lacks is drawn in the first of them that has it (else as matplotlib's missing-glyph box).
    Idempotent: the search runs once; later calls only make sure the rcParams still name it.
    """
    global _fallbacks
    font = cjk_font()
    if font is None:
        return None
    with _fallback_lock:  # not _lock: the fallback search asks cjk_font() which font it follows
        if _fallbacks is None:
            _fallbacks = _fallback_families()
            if _fallbacks:
                logging.getLogger("matplotlib.font_manager").addFilter(_NoWeightComplaints(_fallbacks))
        fallbacks = list(_fallbacks)
    _apply(font.family, fallbacks)
    return font.family


def cjk_font_path() -> Path | None:
    """The file of the CJK font, for the PDF writer (a .ttc: see ``cjk_font().face_index``)."""
    font = cjk_font()
    return font.path if font else None


__all__ = ["CJKFont", "CJK_FAMILY_HINTS", "FALLBACK_FONT_FILES", "cjk_font", "cjk_font_path", "fallback_font_files",
           "fallback_font_for", "font_has", "register_cjk_font"]
