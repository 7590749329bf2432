"""Render ``resources/icons/smedigital.svg`` to the PNG sizes desktops ask for, and a Windows .ico.

PNGs (``smedigital-<N>.png``) go to the hicolor icon theme in the .deb and to the window icon;
``smedigital.ico`` (16-256 px) is the Windows executable's and installer's icon. Qt draws the
SVG (QSvgRenderer), Pillow packs the .ico. Run after changing the SVG; the output is committed:

    QT_QPA_PLATFORM=offscreen .venv/bin/python installers/icons/render_icons.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(ICONS / "smedigital.svg"))
    if not renderer.isValid():
        print("cannot read smedigital.svg", file=sys.stderr)
        return 1
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(ICONS / f"smedigital-{size}.png"))
    largest = Image.open(ICONS / "smedigital-256.png")
    frames = [Image.open(ICONS / f"smedigital-{s}.png") for s in ICO_SIZES]
    largest.save(ICONS / "smedigital.ico", sizes=[(s, s) for s in ICO_SIZES], append_images=frames)
    del app
    print(f"wrote {len(SIZES)} PNGs and smedigital.ico to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
