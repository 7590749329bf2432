"""The newest glibc symbol version that any file of a bundle needs, read with ``objdump -T``.

    python3 installers/linux/glibc_check.py DIR [--max 2.31] [--objdump objdump]

Looks at every ELF file under DIR (programs, shared libraries, Python extension modules), collects
the ``GLIBC_x.y`` versions of the dynamic symbols they import and prints the newest, with the
files and symbols that need it. With ``--max``, exits 1 when some file needs a newer one (listing
each such file and symbol): the package's ``Depends: libc6 (>= …)`` is that newest version, and
build_deb.sh refuses a bundle that needs more than the baseline it claims for the architecture.
``--print-version`` prints only the newest version (for the control file).

For another architecture's files the host needs an objdump that reads them (Debian:
binutils-multiarch, or that architecture's cross binutils).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

# objdump -T: "0000000000000000      DF *UND*  0000000000000000 (GLIBC_2.14) memcpy"
# (older binutils print the version without parentheses)
_SYMBOL = re.compile(r"\*UND\*\s+[0-9a-fA-F]+\s+\(?GLIBC_(\d+(?:\.\d+)+)\)?\s+(\S+)")
_FILE_HEADER = re.compile(r"^(.+):\s+file format \S+$")


def elf_files(folder: Path) -> list[Path]:
    found = []
    for dirpath, _dirs, names in os.walk(folder):
        for name in names:
            path = Path(dirpath) / name
            if path.is_symlink() or not path.is_file():
                continue
            with path.open("rb") as fh:
                if fh.read(4) == b"\x7fELF":
                    found.append(path)
    return sorted(found)


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def needed_versions(files: list[Path], objdump: str = "objdump") -> dict[Path, dict[str, set[str]]]:
    """For each file: {glibc version: {symbols needing it}} (only files that need glibc at all)."""
    result: dict[Path, dict[str, set[str]]] = {}
    for start in range(0, len(files), 64):
        batch = files[start:start + 64]
        proc = subprocess.run([objdump, "-T", *map(str, batch)], capture_output=True, text=True)
        if proc.returncode != 0 and not proc.stdout:
            raise SystemExit(f"glibc_check: {objdump} -T failed: {proc.stderr.strip()[:500]}")
        current: Path | None = None
        for line in proc.stdout.splitlines():
            header = _FILE_HEADER.match(line)
            if header:
                current = Path(header.group(1))
                continue
            match = _SYMBOL.search(line)
            if match and current is not None:
                result.setdefault(current, defaultdict(set))[match.group(1)].add(match.group(2))
        if "file format not recognized" in proc.stderr:
            raise SystemExit(f"glibc_check: {objdump} cannot read these files (another architecture? "
                             f"install binutils-multiarch): {proc.stderr.strip()[:300]}")
    return result


def newest(needs: dict[Path, dict[str, set[str]]]) -> str | None:
    versions = {v for per_file in needs.values() for v in per_file}
    return max(versions, key=version_key) if versions else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--max", help="the baseline: fail when a file needs a newer glibc symbol version")
    parser.add_argument("--objdump", default=os.environ.get("OBJDUMP", "objdump"))
    parser.add_argument("--print-version", action="store_true", help="print only the newest version needed")
    args = parser.parse_args(argv)

    files = elf_files(args.folder)
    needs = needed_versions(files, args.objdump)
    top = newest(needs)
    if args.print_version:
        print(top or "")
    else:
        print(f"glibc_check: {len(files)} ELF files under {args.folder}, {len(needs)} import glibc symbols; "
              f"newest version needed: GLIBC_{top}")
        by_version: dict[str, list[str]] = defaultdict(list)
        for path, per_file in needs.items():
            best = max(per_file, key=version_key)
            by_version[best].append(f"{path.relative_to(args.folder)} ({', '.join(sorted(per_file[best])[:4])})")
        for version in sorted(by_version, key=version_key, reverse=True)[:4]:
            shown = by_version[version]
            print(f"  GLIBC_{version}: {len(shown)} files, e.g. {'; '.join(shown[:3])}")
    if args.max and top and version_key(top) > version_key(args.max):
        for path, per_file in sorted(needs.items()):
            for version, symbols in sorted(per_file.items(), key=lambda kv: version_key(kv[0])):
                if version_key(version) > version_key(args.max):
                    print(f"glibc_check: {path} needs GLIBC_{version} ({', '.join(sorted(symbols))}), "
                          f"newer than the baseline {args.max}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
