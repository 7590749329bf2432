"""``smedigital --screenshots DIR``: every screen in both languages and in high contrast, each fitting 1366×768."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLabel, QWidget

from smedigital.ui.screenshots import misfit

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

ROOT = Path(__file__).resolve().parents[2]


def child_env(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", SMEDIGITAL_DATA_DIR=str(tmp_path / "data"))
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    env.pop("QT_SCALE_FACTOR", None)
    return env


def mean_lightness(path: Path) -> float:
    image = QImage(str(path)).scaled(64, 40)
    return sum(QColor(image.pixel(x, y)).lightnessF() for x in range(image.width())
               for y in range(image.height())) / (image.width() * image.height())


@pytest.mark.slow
def test_every_screen_in_both_languages_and_high_contrast_fits_a_laptop(tmp_path):
    out = tmp_path / "shots"
    proc = subprocess.run([sys.executable, "-m", "smedigital.app", "--screenshots", str(out)], capture_output=True,
                          text=True, env=child_env(tmp_path), cwd=ROOT, timeout=900)
    assert proc.returncode == 0, proc.stderr[-3000:]  # 1 when a window does not fit
    assert "does not fit" not in proc.stderr
    shots = {p.name for p in out.glob("*.png")}
    normal = {n for n in shots if re.fullmatch(r"(zh|en)-\d\d-.+\.png", n)}
    contrast = {n for n in shots if re.fullmatch(r"(zh|en)-hc-\d\d-.+\.png", n)}
    assert shots == normal | contrast
    def named(prefix: str, screen: str) -> str:
        found = [n for n in shots if re.fullmatch(rf"{prefix}-\d\d-{screen}\.png", n)]
        assert len(found) == 1, (prefix, screen, found)
        return found[0]

    for lang in ("zh", "en"):
        for screen in ("home", "new-assessment", "help", "office-overview", "profile", "results", "plan"):
            assert named(lang, screen) in normal and named(f"{lang}-hc", screen) in contrast
    assert {n.replace("-hc-", "-") for n in contrast} == normal  # the high-contrast set covers every screen
    for name in sorted(shots):
        image = QImage(str(out / name))
        assert image.width() <= 1366 and image.height() <= 768, f"{name}: {image.width()}×{image.height()}"
    for screen in ("home", "profile", "results", "plan"):
        assert mean_lightness(out / named("zh", screen)) > 0.6 > 0.3 > mean_lightness(out / named("zh-hc", screen))


def test_a_window_that_grew_past_the_screen_is_named(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    label = QLabel("x" * 10, widget)
    label.setMinimumWidth(1500)
    widget.resize(1500, 700)
    laptop = QRect(0, 0, 1366, 768)
    assert "1500" in misfit(widget, laptop) and "1366×768" in misfit(widget, laptop)
    label.setMinimumWidth(100)
    widget.resize(1000, 700)
    assert misfit(widget, laptop) == ""
