"""Layers import downward only: core ← (charts, export, aggregate, cli) ← ui; and the lint rules hold (ruff)."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "smedigital"
QT_AND_FRIENDS = ("PySide6", "shiboken6", "matplotlib", "openpyxl", "fpdf", "python_calamine")
ABOVE_CORE = ("smedigital.ui", "smedigital.charts", "smedigital.export", "smedigital.aggregate",
              "smedigital.cli", "smedigital.commands", "smedigital.app")


def imports_of(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    module = ".".join(path.relative_to(PKG.parent).with_suffix("").parts).removesuffix(".__init__")
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = module.split(".")
                package = parts if path.name == "__init__.py" else parts[:-1]
                base = package[: len(package) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            out.append((node.lineno, name))
    return out


def offenders(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    bad = []
    for path in sorted((PKG / folder).rglob("*.py")) if (PKG / folder).is_dir() else []:
        for line, name in imports_of(path):
            if any(name == f or name.startswith(f + ".") for f in forbidden):
                bad.append(f"{path.relative_to(PKG.parent)}:{line} imports {name}")
    return bad


def test_core_imports_no_gui_chart_or_excel_library_and_nothing_above_it():
    assert offenders("core", QT_AND_FRIENDS + ABOVE_CORE) == []


@pytest.mark.parametrize("folder", ["charts", "export", "aggregate"])
def test_middle_layers_do_not_import_qt_or_the_ui(folder):
    assert offenders(folder, ("PySide6", "shiboken6", "smedigital.ui", "smedigital.app")) == []


def test_only_the_ui_imports_pyside6():
    bad = []
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(PKG)
        if rel.parts[0] in ("ui",) or rel.name == "app.py":
            continue
        bad += [f"{rel}:{line} imports {name}" for line, name in imports_of(path)
                if name.startswith(("PySide6", "shiboken6"))]
    assert bad == []


def test_importing_the_core_loads_none_of_them():
    code = ("import sys, smedigital.core.scoring, smedigital.core.assessment, smedigital.core.profile, "
            "smedigital.cli; bad=[m for m in sys.modules if m.split('.')[0] in "
            f"{QT_AND_FRIENDS!r}]; print(bad); sys.exit(1 if bad else 0)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.skipif(shutil.which("lint-imports") is None and not (Path(sys.executable).parent / "lint-imports").exists(),
                    reason="import-linter not installed")
def test_import_linter_contracts_hold():
    exe = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    proc = subprocess.run([exe], capture_output=True, text=True, cwd=PKG.parent)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]


def _tool(name: str) -> str | None:
    """A console script beside this Python (the project's virtual environment), else on the PATH."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else shutil.which(name)


@pytest.mark.skipif(_tool("ruff") is None, reason="ruff not installed")
def test_ruff_finds_nothing_in_the_code_the_tests_or_the_tools():
    """The lint rules of pyproject.toml, RUF100 among them: a noqa marker that is unused or names a rule the
    project does not enable fails here."""
    proc = subprocess.run([_tool("ruff"), "check", "--no-cache", "smedigital", "tests", "tools"],
                          capture_output=True, text=True, cwd=PKG.parent)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
