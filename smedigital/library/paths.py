"""Where the user's data lives: the library database, evidence files, backups and logs.

``SMEDIGITAL_DATA_DIR`` wins when set (tests and portable installs use it); otherwise the
platform's per-user data folder (``%LOCALAPPDATA%\\smedigital`` on Windows,
``~/.local/share/smedigital`` on Linux, ``~/Library/Application Support/smedigital`` on macOS).
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "SMEDIGITAL_DATA_DIR"
DB_NAME = "library.sqlite"


def data_dir(create: bool = True) -> Path:
    """The user's data folder, created on first use."""
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        path = Path(env).expanduser()
    else:
        import platformdirs  # only needed without the environment variable

        path = Path(platformdirs.user_data_dir("smedigital", appauthor=False))
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def _sub(name: str, base: Path | None, create: bool) -> Path:
    path = (base or data_dir(create)) / name
    if create:
        path.mkdir(parents=True, exist_ok=True)
    return path


def database_path(base: Path | None = None) -> Path:
    return (base or data_dir()) / DB_NAME


def evidence_dir(base: Path | None = None, create: bool = True) -> Path:
    return _sub("evidence", base, create)


def backups_dir(base: Path | None = None, create: bool = True) -> Path:
    return _sub("backups", base, create)


def logs_dir(base: Path | None = None, create: bool = True) -> Path:
    return _sub("logs", base, create)
