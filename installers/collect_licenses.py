"""Copy the licence texts of every bundled component into ``resources/licenses/``.

The file names are the ones :data:`smedigital.about.COMPONENTS` lists. Texts come from the
installed distributions' metadata (``*.dist-info/licenses``), the interpreter's own
``LICENSE.txt``, and Debian's ``/usr/share/common-licenses`` and font copyright files; the Qt
notice and the font's OFL header are written here. (The component table with this build's
versions, ``THIRD-PARTY-NOTICES.txt``, is written by the PyInstaller spec.) Run it after upgrading a dependency; the output is
committed (so a build needs none of the sources above):

    .venv/bin/python installers/collect_licenses.py [--check]

``--check`` only reports files that are missing or differ, and exits 1 if any do.
"""

from __future__ import annotations

import argparse
import sys
import sysconfig
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from smedigital import about  # noqa: E402

OUT = ROOT / "resources" / "licenses"
COMMON = Path("/usr/share/common-licenses")

# Licence file in resources/licenses -> (distribution, file inside its metadata); the first one found wins.
FROM_DISTRIBUTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "matplotlib-LICENSE.txt": (("matplotlib", "LICENSE"),),
    "numpy-LICENSE.txt": (("numpy", "LICENSE.txt"),),
    "Pillow-LICENSE.txt": (("pillow", "LICENSE"),),
    "fonttools-LICENSE.txt": (("fonttools", "LICENSE"),),
    "contourpy-LICENSE.txt": (("contourpy", "LICENSE"),),
    "kiwisolver-LICENSE.txt": (("kiwisolver", "LICENSE"),),
    "cycler-LICENSE.txt": (("cycler", "LICENSE"),),
    "pyparsing-LICENSE.txt": (("pyparsing", "LICENSE"),),
    "python-dateutil-LICENSE.txt": (("python-dateutil", "LICENSE"),),
    "tzdata-LICENSE.txt": (("tzdata", "LICENSE"), ("tzdata", "LICENSE_APACHE")),
    "packaging-LICENSE.txt": (("packaging", "LICENSE"), ("packaging", "LICENSE.APACHE"), ("packaging", "LICENSE.BSD")),
    "openpyxl-LICENSE.txt": (("openpyxl", "LICENCE.rst"),),
    "et_xmlfile-LICENSE.txt": (("et-xmlfile", "LICENCE.rst"),),
    "PyYAML-LICENSE.txt": (("PyYAML", "LICENSE"),),
    "python-calamine-LICENSE.txt": (("python-calamine", "LICENSE"),),
    "defusedxml-LICENSE.txt": (("defusedxml", "LICENSE"),),
    "platformdirs-LICENSE.txt": (("platformdirs", "LICENSE"),),
    "PyInstaller-COPYING.txt": (("pyinstaller", "COPYING.txt"),),
    "cryptography-LICENSE.txt": (("cryptography", "LICENSE"), ("cryptography", "LICENSE.APACHE"),
                                 ("cryptography", "LICENSE.BSD")),
    "cffi-LICENSE.txt": (("cffi", "LICENSE"),),
    "pycparser-LICENSE.txt": (("pycparser", "LICENSE"),),
    # pypdfium2 (printing): its own licences, then PDFium's and those of the libraries built into its binary
    "pypdfium2-LICENSE.txt": (
                              ("pypdfium2", "Apache-2.0.txt"),
                              ("pypdfium2", "BSD-3-Clause.txt"),
                              ("pypdfium2", "pdfium.txt"),
                              ("pypdfium2", "pdfium-binaries.txt"),
                              ("pypdfium2", "abseil.txt"),
                              ("pypdfium2", "agg23.txt"),
                              ("pypdfium2", "dragonbox-Apache2-LLVM.txt"),
                              ("pypdfium2", "dragonbox-Boost.txt"),
                              ("pypdfium2", "fast_float.txt"),
                              ("pypdfium2", "freetype.txt"),
                              ("pypdfium2", "harfbuzz.txt"),
                              ("pypdfium2", "highway.txt"),
                              ("pypdfium2", "icu.txt"),
                              ("pypdfium2", "lcms.txt"),
                              ("pypdfium2", "libjpeg_turbo.ijg"),
                              ("pypdfium2", "libjpeg_turbo.md"),
                              ("pypdfium2", "libopenjpeg.txt"),
                              ("pypdfium2", "libpng.txt"),
                              ("pypdfium2", "libtiff.txt"),
                              ("pypdfium2", "simdutf.txt"),
                              ("pypdfium2", "zlib.txt"),
                              ("pypdfium2", "llvm-libc.txt"),
    ),
}
# Files made of several parts are joined (packaging: the choice, then both licences).
JOINED = {"packaging-LICENSE.txt", "tzdata-LICENSE.txt", "cryptography-LICENSE.txt", "pypdfium2-LICENSE.txt"}

QT_NOTICE = """\
Qt, PySide6 (Qt for Python) and Shiboken6
=========================================

This program uses the Qt framework (https://www.qt.io/) through PySide6 and Shiboken6
(https://doc.qt.io/qtforpython-6/), copyright (C) The Qt Company Ltd. and other contributors.

They are used under the GNU Lesser General Public License version 3 (LGPL-3.0-only; the text is
in LGPL-3.0.txt, and the GNU General Public License version 3 it builds on in GPL-3.0.txt).

- The Qt and PySide6 libraries are shipped unmodified, as separate shared libraries (the Qt6*.dll
  or libQt6*.so.6 files and the PySide6/shiboken6 modules in the program's folder). You may
  replace them with compatible versions you build yourself; the program will use them.
- The corresponding source code is available from https://download.qt.io/official_releases/qt/
  (Qt) and https://download.qt.io/official_releases/QtForPython/ (PySide6, Shiboken6), for the
  version shown in the About dialog. On request we will also provide a copy of that source on a
  physical medium for no more than the cost of making it.
- Qt itself contains third-party code under permissive licences (for example FreeType, HarfBuzz,
  libpng, zlib, PCRE2, double-conversion, md4c); their notices are listed in the Qt documentation
  ("Licenses Used in Qt", https://doc.qt.io/qt-6/licenses-used-in-qt.html).
"""

FONT_HEADER = """\
Smedigital Sans SC
==================

resources/fonts/SmedigitalSansSC.ttc and resources/fonts/SmedigitalSansSCExt.ttc are modified
versions (subsets, renamed "Smedigital Sans SC" and "Smedigital Sans SC Ext") of Noto Sans CJK SC
Regular and Bold, version {version}, from https://github.com/notofonts/noto-cjk (taken from
Debian's fonts-noto-cjk package). installers/fonts/make_cjk_font.py makes them.

Copyright 2014-2021 Adobe (http://www.adobe.com/), with Reserved Font Name 'Source'.
Noto is a trademark of Google Inc.

This Font Software is licensed under the SIL Open Font License, Version 1.1.
The subsets keep this licence; their names do not use the Reserved Font Name.

"""


def _dist_file(dist_name: str, file_name: str) -> str | None:
    try:
        dist = metadata.distribution(dist_name)
    except metadata.PackageNotFoundError:
        return None
    for f in dist.files or []:
        parts = Path(str(f)).parts
        if parts and parts[0].endswith(".dist-info") and Path(str(f)).name == file_name:
            return Path(str(dist.locate_file(f))).read_text(encoding="utf-8", errors="replace")
    return None


def _ofl_text() -> str:
    """The OFL 1.1 text from Debian's fonts-noto-cjk copyright file (its 'License: SIL-1.1' paragraph)."""
    copyright_file = Path("/usr/share/doc/fonts-noto-cjk/copyright")
    text = copyright_file.read_text(encoding="utf-8")
    marker = "\nLicense: SIL-1.1\n "  # the licence paragraph (its text lines start with a space)
    start = text.index(marker) + len(marker) - 1
    end = text.find("\nLicense: ", start)
    body = text[start:end if end > 0 else None]
    lines = [line[1:] if line.startswith(" ") else line for line in body.splitlines()]
    return "\n".join("" if line == "." else line for line in lines).strip() + "\n"


def _font_version() -> str:
    from fontTools.ttLib import TTCollection

    font = TTCollection(str(ROOT / "resources" / "fonts" / "SmedigitalSansSC.ttc"), lazy=True).fonts[0]
    description = font["name"].getDebugName(10) or ""
    words = description.split()
    return next((w for w in words if w[:1].isdigit()), "2.004")


def _python_licence() -> str:
    for folder in (Path(sysconfig.get_paths()["stdlib"]), Path(sys.base_prefix) / "Lib", Path(sys.base_prefix)):
        candidate = folder / "LICENSE.txt"
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    raise SystemExit("cannot find the interpreter's LICENSE.txt")


def wanted() -> dict[str, str]:
    """Every licence file and its text."""
    out: dict[str, str] = {}
    for name, sources in FROM_DISTRIBUTIONS.items():
        texts = [t for dist, file_name in sources if (t := _dist_file(dist, file_name)) is not None]
        if not texts:
            raise SystemExit(f"{name}: none of {sources} is installed")
        out[name] = "\n\n".join(texts) if name in JOINED else texts[0]
    out["Python-LICENSE.txt"] = _python_licence()
    out["LGPL-3.0.txt"] = (COMMON / "LGPL-3").read_text(encoding="utf-8")
    out["GPL-3.0.txt"] = (COMMON / "GPL-3").read_text(encoding="utf-8")
    out["Qt-NOTICE.txt"] = QT_NOTICE
    out["DejaVu-fonts-LICENSE.txt"] = Path("/usr/share/doc/fonts-dejavu-core/copyright").read_text(encoding="utf-8")
    out["SmedigitalSansSC-OFL-1.1.txt"] = FONT_HEADER.format(version=_font_version()) + _ofl_text()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="report missing or different files; change nothing")
    args = parser.parse_args()
    files = wanted()
    listed = {f for c in about.COMPONENTS for f in c.files}
    unlisted = sorted(listed - set(files))
    if unlisted:
        print(f"listed in smedigital.about but not collected: {unlisted}", file=sys.stderr)
        return 1
    stale = [name for name, text in files.items()
             if not (OUT / name).is_file() or (OUT / name).read_text(encoding="utf-8") != text]
    if args.check:
        for name in stale:
            print(f"out of date: resources/licenses/{name}")
        return 1 if stale else 0
    OUT.mkdir(parents=True, exist_ok=True)
    for name in stale:
        (OUT / name).write_text(files[name], encoding="utf-8")
    print(f"{len(files)} licence files in {OUT} ({len(stale)} written)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
