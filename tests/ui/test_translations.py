"""Every interface string has a finished Chinese translation, and the shipped .qm files are current.

lupdate runs over every file under smedigital/ui and smedigital/app.py into temporary
copies of the .ts files, so a string added to the code without a translation fails here
(run ``python tools/i18n_update.py``, translate, commit the .ts and .qm files).
"""

from __future__ import annotations

import ast
import importlib.util
import re
import shutil
import sys
from pathlib import Path

import pytest


def _load_tool():
    """``tools/i18n_update.py``, a script outside the package, loaded by its path."""
    path = Path(__file__).resolve().parents[2] / "tools" / "i18n_update.py"
    spec = importlib.util.spec_from_file_location("i18n_update", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["i18n_update"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


i18n_update = _load_tool()

pytestmark = pytest.mark.skipif(shutil.which("pyside6-lupdate") is None
                                and not (Path(i18n_update.sys.executable).parent / "pyside6-lupdate").exists(),
                                reason="pyside6-lupdate is not installed")

PACKAGE = i18n_update.PACKAGE


@pytest.fixture(scope="module")
def fresh_ts(tmp_path_factory) -> dict[str, Path]:
    """The .ts files as lupdate makes them from today's code (translations kept from the committed ones)."""
    folder = tmp_path_factory.mktemp("ts")
    copies = {}
    for name in i18n_update.TS_FILES:
        copies[name] = folder / name
        shutil.copyfile(i18n_update.TRANSLATIONS / name, copies[name])
    i18n_update.lupdate(list(copies.values()))
    return copies


def test_lupdate_reads_every_file_of_the_interface():
    sources = set(i18n_update.sources())
    assert PACKAGE / "app.py" in sources
    for path in (PACKAGE / "ui").rglob("*.py"):
        assert path in sources, path


def test_every_string_has_a_finished_chinese_translation(fresh_ts):
    missing = i18n_update.untranslated(fresh_ts["smedigital_zh_CN.ts"])
    assert [str(m) for m in missing] == []


def test_every_plural_has_its_english_forms(fresh_ts):
    missing = i18n_update.untranslated(fresh_ts["smedigital_en.ts"], every_string=False)
    assert [str(m) for m in missing] == []


def test_contexts_are_classes_or_named_contexts(fresh_ts):
    """``obj.tr()`` on another object gives a context Qt never looks up at run time."""
    from defusedxml import ElementTree

    names = [c.findtext("name", "") for c in ElementTree.parse(fresh_ts["smedigital_zh_CN.ts"]).getroot()
             .iter("context")]
    assert [n for n in names if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", n)] == []


def test_the_shipped_qm_files_match_the_ts_files(tmp_path):
    for name in i18n_update.TS_FILES:
        ts = tmp_path / name
        shutil.copyfile(i18n_update.TRANSLATIONS / name, ts)
        i18n_update.lrelease([ts])
        shipped = (i18n_update.TRANSLATIONS / name).with_suffix(".qm")
        assert shipped.read_bytes() == ts.with_suffix(".qm").read_bytes(), f"run lrelease for {name}"


def _tr_calls_without_literals(path: Path) -> list[str]:
    bad = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        name = node.func.attr
        if name == "tr":
            text = node.args[0] if node.args else None
        elif name == "translate" and len(node.args) >= 2:
            text = node.args[1]
            if not isinstance(node.args[0], ast.Constant):
                bad.append(f"{path.name}:{node.lineno} context is not a literal")
        else:
            continue
        literal = isinstance(text, ast.Constant) and isinstance(text.value, str)
        if not literal:
            bad.append(f"{path.name}:{node.lineno} {name}() of something other than a literal")
    return bad


def test_translated_strings_are_literals():
    bad = []
    for path in i18n_update.sources():
        bad += _tr_calls_without_literals(path)
    assert bad == []


def test_translations_kept_beside_the_code_fill_only_unfinished_messages(tmp_path):
    ts = tmp_path / "x.ts"
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="zh_CN">'
                  "<context><name>Page</name>"
                  '<message><source>Save</source><translation type="unfinished"></translation></message>'
                  "<message><source>Open</source><translation>打开</translation></message>"
                  "</context></TS>\n", encoding="utf-8")
    filled = i18n_update.fill_unfinished(ts, {("Page", "Save"): "保存", ("Page", "Open"): "开启",
                                              ("Other", "Save"): "存"})
    assert filled == 1
    assert i18n_update.untranslated(ts) == []
    text = ts.read_text(encoding="utf-8")
    assert "<translation>保存</translation>" in text and "打开" in text and "开启" not in text
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>')
