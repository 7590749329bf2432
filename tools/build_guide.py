"""Build the user guide for the installers: ``python tools/build_guide.py OUT_DIR``.

Writes ``OUT_DIR/zh.md`` and ``OUT_DIR/en.md`` (the guide the Help window shows, copied from
``docs/guide``) and the printable ``smedigital-guide-zh.pdf`` and ``smedigital-guide-en.pdf``
(``smedigital.export.guide_pdf``: fpdf2 with the report's fonts). ``installers/smedigital.spec``
runs it and bundles OUT_DIR as ``resources/guide``; the PDFs are made at build time, never kept
in the repository. Prints one line per file with its pages.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from smedigital.core import guide  # noqa: E402
from smedigital.export.guide_pdf import write_guide  # noqa: E402


def build(out: Path) -> dict[str, int]:
    """The guide's markdown and PDFs in ``out``; returns the pages of each PDF by file name."""
    out.mkdir(parents=True, exist_ok=True)
    pages = {}
    for lang in guide.LANGS:
        shutil.copyfile(guide.guide_path(lang), out / f"{lang}.md")
        name = guide.pdf_name(lang)
        pages[name] = write_guide(lang, out / name)
    return pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path, help="folder for the guide's markdown and PDFs")
    args = parser.parse_args(argv)
    for name, n in build(args.out).items():
        print(f"{args.out / name}: {n} pages")
    return 0


if __name__ == "__main__":
    sys.exit(main())
