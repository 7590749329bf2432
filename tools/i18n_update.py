"""Refresh the interface translations: ``python tools/i18n_update.py``.

A developer's tool, outside the program's package: the installers neither ship nor need it.

Runs ``pyside6-lupdate`` over every ``.py`` under ``smedigital/ui`` and over
``smedigital/app.py`` into ``resources/translations/smedigital_zh_CN.ts`` and
``smedigital_en.ts`` (strings no longer in the code are dropped), then ``pyside6-lrelease``
to the ``.qm`` files the program loads, and lists what still needs translating.

Translate in the ``.ts`` files (by hand or with ``pyside6-linguist``): every string needs a
finished Chinese translation (``tests/ui/test_translations.py`` fails otherwise); the
English file only needs the plural forms of strings with ``%n``. A part of the interface
may also keep its Chinese beside its code in a ``zh_strings.tsv`` (context, English source,
Chinese, tab-separated; ``#`` starts a comment line): the update fills every unfinished
Chinese translation it finds there, and never overwrites a finished one.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "smedigital"
TRANSLATIONS = ROOT / "resources" / "translations"
#: .ts file -> (target language, does every string need a translation?)
TS_FILES = {"smedigital_zh_CN.ts": ("zh_CN", True), "smedigital_en.ts": ("en", False)}


def sources() -> list[Path]:
    """The files whose strings are translated: all of ``smedigital/ui`` and ``smedigital/app.py``."""
    files = sorted(p for p in (PACKAGE / "ui").rglob("*.py") if "__pycache__" not in p.parts)
    return [*files, PACKAGE / "app.py"]


def tool(name: str) -> str:
    """``pyside6-lupdate`` / ``pyside6-lrelease`` beside this Python, else on the PATH."""
    for folder in (Path(sys.executable).parent, ):
        for candidate in (folder / name, folder / f"{name}.exe"):
            if candidate.exists():
                return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"{name} not found; install PySide6 (pip install -e '.[test]')")
    return found


def lupdate(ts_files: Sequence[Path], files: Sequence[Path] | None = None) -> str:
    """Bring ``.ts`` files up to date with the sources; returns lupdate's report."""
    out = []
    for ts in ts_files:
        lang = TS_FILES.get(ts.name, ("zh_CN", True))[0]
        cmd = [tool("pyside6-lupdate"), "-no-obsolete", "-locations", "relative", "-source-language", "en",
               "-target-language", lang, *(str(f) for f in (files or sources())), "-ts", str(ts)]
        proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
        if proc.returncode != 0:
            raise RuntimeError(f"lupdate failed for {ts.name}:\n{proc.stdout}{proc.stderr}")
        out.append(proc.stdout + proc.stderr)
    return "".join(out)


def lrelease(ts_files: Sequence[Path]) -> str:
    out = []
    for ts in ts_files:
        cmd = [tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise RuntimeError(f"lrelease failed for {ts.name}:\n{proc.stdout}{proc.stderr}")
        out.append(proc.stdout + proc.stderr)
    return "".join(out)


def provided_translations() -> dict[tuple[str, str], str]:
    """(context, source) -> Chinese from every ``zh_strings.tsv`` under ``smedigital/ui``."""
    table: dict[tuple[str, str], str] = {}
    for tsv in sorted((PACKAGE / "ui").rglob("zh_strings.tsv")):
        for number, line in enumerate(tsv.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 3:
                raise ValueError(f"{tsv}:{number}: needs context, source and translation separated by tabs")
            table[(parts[0], parts[1])] = parts[2]
    return table


def fill_unfinished(ts: Path, table: dict[tuple[str, str], str]) -> int:
    """Put translations from ``table`` into the unfinished messages of a ``.ts`` file; returns how many."""
    tree = ElementTree.parse(ts)  # noqa: S314 - our own file
    filled = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            text = table.get((name, message.findtext("source", "")))
            translation = message.find("translation")
            if text is None or translation is None or translation.get("type") != "unfinished":
                continue
            if message.get("numerus") == "yes":
                for child in list(translation):
                    translation.remove(child)
                ElementTree.SubElement(translation, "numerusform").text = text
            else:
                translation.text = text
            del translation.attrib["type"]
            filled += 1
    if filled:
        body = ElementTree.tostring(tree.getroot(), encoding="unicode")
        ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")
    return filled


@dataclass(frozen=True, slots=True)
class Missing:
    context: str
    source: str
    location: str

    def __str__(self) -> str:
        return f"{self.location} [{self.context}] {self.source!r}"


def untranslated(ts: Path, every_string: bool = True) -> list[Missing]:
    """Current strings of a ``.ts`` file without a finished translation. With
    ``every_string=False`` only plural (``%n``) strings count."""
    tree = ElementTree.parse(ts)  # noqa: S314 - our own file
    missing = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            numerus = message.get("numerus") == "yes"
            if not every_string and not numerus:
                continue
            translation = message.find("translation")
            kind = translation.get("type") if translation is not None else "missing"
            if kind in ("vanished", "obsolete"):
                continue
            if translation is None:
                texts = []
            elif numerus:
                texts = [f.text or "" for f in translation.iter("numerusform")]
            else:
                texts = [translation.text or ""]
            if kind == "unfinished" or not texts or not all(t.strip() for t in texts):
                loc = message.find("location")
                where = f"{loc.get('filename')}:{loc.get('line')}" if loc is not None else ""
                missing.append(Missing(name, message.findtext("source", ""), where))
    return missing


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python tools/i18n_update.py", description=__doc__.split("\n")[0])
    parser.add_argument("--no-release", action="store_true", help="update the .ts files only")
    args = parser.parse_args(argv)
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    ts_files = [TRANSLATIONS / name for name in TS_FILES]
    print(lupdate(ts_files), end="")
    provided = provided_translations()
    for ts in ts_files:
        if TS_FILES[ts.name][0] == "zh_CN":
            filled = fill_unfinished(ts, provided)
            if filled:
                print(f"{ts.name}: {filled} translation(s) taken from zh_strings.tsv")
                lupdate([ts])  # back to lupdate's own layout
    if not args.no_release:
        print(lrelease(ts_files), end="")
    status = 0
    for ts in ts_files:
        todo = untranslated(ts, TS_FILES[ts.name][1])
        if todo:
            status = 1
            print(f"{ts.name}: {len(todo)} string(s) to translate:")
            for m in todo:
                print(f"  {m}")
    return status


if __name__ == "__main__":
    sys.exit(main())
