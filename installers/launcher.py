"""The frozen program's entry point (PyInstaller runs a script, not a package's module)."""

import sys

from smedigital.app import main

if __name__ == "__main__":
    sys.exit(main())
