"""Charts on matplotlib ``Figure`` objects: never pyplot, never Qt.

The Qt UI embeds the figures with ``backend_qtagg``; the PDF report saves them
as PNG or SVG. Importing this package does not import matplotlib: call
:func:`prepare_matplotlib` (``smedigital.charts.figures`` does) so that
matplotlib's configuration and font cache live in the application's data
folder, built once and reused, and so that the Agg backend is the default.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "smedigital"


def data_dir() -> Path:
    """The application's data folder: ``$SMEDIGITAL_DATA_DIR``, else the platform's user data folder."""
    env = os.environ.get("SMEDIGITAL_DATA_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def mpl_config_dir() -> Path:
    """Where matplotlib keeps its configuration and font cache: ``<data dir>/mplconfig``."""
    return data_dir() / "mplconfig"


def prepare_matplotlib() -> None:
    """Point matplotlib at ``<data dir>/mplconfig`` and import it with the Agg backend.

    Must run before matplotlib is first imported to take effect (later calls
    are harmless). ``MPLCONFIGDIR`` and ``MPLBACKEND`` already set in the
    environment are respected, as is a backend chosen before this call.
    """
    first = "matplotlib" not in sys.modules
    if first and not os.environ.get("MPLCONFIGDIR"):
        folder = mpl_config_dir()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:  # read-only or missing home: matplotlib falls back to a temporary folder
            pass
        else:
            os.environ["MPLCONFIGDIR"] = str(folder)
    import matplotlib

    if first and not os.environ.get("MPLBACKEND"):
        chosen = getattr(matplotlib.rcParams, "_get_backend_or_none", lambda: None)()
        if chosen is None:
            matplotlib.use("Agg")


__all__ = ["data_dir", "mpl_config_dir", "prepare_matplotlib"]
