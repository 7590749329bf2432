"""Where the application's data files live.

The `resources/` folder sits next to the `smedigital/` package in a source checkout;
a PyInstaller build unpacks it under `sys._MEIPASS`, so the same relative paths
work in both.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resources_root() -> Path:
    """The `resources/` folder: under `sys._MEIPASS` when frozen, else beside the package."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and frozen_root:
        return Path(frozen_root) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource_path(*parts: str) -> Path:
    """A path inside `resources/`, e.g. `resource_path("reference", "gbt4754-2017.yaml")`."""
    return resources_root().joinpath(*parts)
