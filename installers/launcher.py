"""The frozen program's entry point (PyInstaller runs a script, not a package's module).

The bundle has two executables built from this one script: ``smedigital`` (the window program,
``smedigital.app:main``) and ``smedigital-cli`` (the command line, ``smedigital.cli:main``; on
Windows a second, console executable, on Linux a hard link to the first). Which one runs is
decided by the name the program was started under.
"""

import multiprocessing
import os
import sys


def _is_cli(executable: str) -> bool:
    name = os.path.basename(executable).lower()
    return name.removesuffix(".exe") == "smedigital-cli"


if __name__ == "__main__":
    # The office view's aggregation reads files in worker processes started with "spawn";
    # in a frozen program each worker re-runs this script and must stop here.
    multiprocessing.freeze_support()
    if _is_cli(sys.executable) or _is_cli(sys.argv[0]):  # Linux: a hard link, started by that name
        from smedigital.cli import main
    else:
        from smedigital.app import main

    sys.exit(main())
