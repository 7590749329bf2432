"""The frozen program's entry point (PyInstaller runs a script, not a package's module)."""

import multiprocessing
import sys

if __name__ == "__main__":
    # The office view's aggregation reads files in worker processes started with "spawn";
    # in a frozen program each worker re-runs this script and must stop here.
    multiprocessing.freeze_support()
    from smedigital.app import main

    sys.exit(main())
