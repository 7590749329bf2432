"""The one catalogue of words (``resources/words/``): both languages say the same things, and every word is used.

Every key has a text in Chinese and in English with the same ``{placeholders}``; the loader refuses a
catalogue that drifts (a planted missing key or placeholder fails it); and every key is used: its
literal appears in the code of its domain, or it is built from a prefix declared here together with
every value the code builds it from.
"""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pytest

from smedigital.core.words import WordsError, load_catalogue, placeholders, words

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "resources" / "words"

#: Where the code of each top-level section reads its words (keys are used relative to their table).
USERS: dict[str, tuple[str, ...]] = {
    "export": ("smedigital/export", "smedigital/ui"),
    "aggregate": ("smedigital/aggregate", "smedigital/ui/office", "smedigital/commands/aggregate.py"),
    "core": ("smedigital",),  # core's words (pillar names, punctuation, plan labels) serve every layer
    "charts": ("smedigital/charts",),
    "cli": ("smedigital/cli.py", "smedigital/commands"),
    "errors": ("smedigital/aggregate", "smedigital/core", "smedigital/library"),
}


def _dynamic() -> list[tuple[str, str, tuple[str, ...]]]:
    """Keys the code builds: (key prefix, the literal the code builds it with, every value it adds)."""
    from smedigital.aggregate.model import DIVISION_LEVELS
    from smedigital.aggregate.model import STATUSES as FILE_STATUSES
    from smedigital.aggregate.pipeline import STAGES
    from smedigital.aggregate.targets import GROUPS
    from smedigital.aggregate.targets import KINDS as TARGET_KINDS
    from smedigital.core.framework import PILLARS
    from smedigital.core.kinds import KINDS as QUESTION_KINDS
    from smedigital.core.planning import METHODS, PHASE_ORDER, STATUSES
    from smedigital.core.yamlread import _TYPE_KEYS as TYPE_KEYS
    from smedigital.export.signing import INVALID, TRUSTED, UNKNOWN_KEY, UNSIGNED
    from smedigital.library import Library
    from smedigital.library.library import _SQLITE_CODES, _SQLITE_TEXTS

    library_methods = tuple(name for name, value in vars(Library).items() if not name.startswith("_")
                            and callable(value) and not isinstance(value, (classmethod, staticmethod)))

    return [
        ("core.plan_status.", "core.plan_status", STATUSES),  # STATUS_LABELS[status]
        ("core.plan_phase.", "core.plan_phase", PHASE_ORDER),  # PHASE_LABELS[phase]
        ("core.evidence.", "core.evidence", ("present", "missing", "na", "unmarked")),  # status_label(status)
        ("aggregate.file_status.", "aggregate.file_status", FILE_STATUSES),  # STATUS_WORDS[status]
        ("aggregate.programme_stages.", "aggregate.programme_stages", STAGES),  # STAGE_NAMES[stage]
        ("aggregate.recommend.kind.", "kind.", TARGET_KINDS),  # w["kind." + target.kind]
        ("aggregate.recommend.group.", "group.", GROUPS),  # w["group." + target.group]
        ("aggregate.summary.share_l2_of", "share_l", ("", "_one")),  # w[f"share_l{level}_of{one}"]
        ("aggregate.summary.share_l3_of", "share_l", ("", "_one")),
        ("cli.plan.", "cli.plan", METHODS + ("cost", "effort", "months", "low", "mid", "high")),  # w[plan.method] …
        ("cli.bench.by.", "by.", ("industry_division", "county", "size", "all")),  # w["by." + group["by"]]
        ("core.pillars.", "core.pillars.", PILLARS),  # pillar_name(pillar)
        ("export.kind_hints.", "export.kind_hints", tuple(QUESTION_KINDS)),  # KIND_HINTS[q.kind]
        ("export.common.effort.", "effort.", ("1", "2", "3")),  # w[f"effort.{item.effort}"], effort 1-3
        ("aggregate.summary.division.", "division.", DIVISION_LEVELS),  # w[f"division.{level}"]
        ("aggregate.summary.region.", "region.", ("ambiguous", "none")),  # w[f"region.{issue.status}"]
        ("aggregate.summary.gap.", "gap.", ("question", "scene", "mandatory")),  # w[f"gap.{g.kind}"]
        ("aggregate.summary.level_names", "level_names", ("", "_own")),  # w["level_names" + own]
        ("aggregate.summary.level_n", "level_n", ("", "_own")),
        ("aggregate.recommend.date.", "date.", ("diagnosis", "filing", "retrofit", "acceptance", "payout")),
        ("aggregate.signatures.", "aggregate.signatures", (TRUSTED, UNKNOWN_KEY, UNSIGNED, INVALID, "questionnaire")),
        # _database_error(method.__name__): every public method of the library, and the fallback
        ("errors.library.action.", "errors.library.action.", (*library_methods, "other")),
        ("errors.format.type.", "errors.format.type.", tuple(TYPE_KEYS.values())),  # yamlread._type_msg
        # _sqlite_reason(exc): SQLite's failures by their result code or text, and SQLite's own words
        ("errors.library.sqlite.", "errors.library.sqlite.",
         (*sorted({*_SQLITE_CODES.values(), *_SQLITE_TEXTS.values()}), "other")),
    ]


def _sources(paths: tuple[str, ...]) -> set[str]:
    """Every string literal (f-string parts too) in the Python files under ``paths``."""
    out: set[str] = set()
    for p in paths:
        path = ROOT / p
        for file in ([path] if path.is_file() else sorted(path.rglob("*.py"))):
            for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    out.add(node.value)
    return out


def _table_of(key: str, tables: set[str]) -> str:
    """The table (``export.common``) a key belongs to: the longest table prefix."""
    return max((t for t in tables if key.startswith(t + ".")), key=len)


def test_both_languages_have_the_same_keys_and_placeholders():
    zh, en = words("zh"), words("en")
    assert set(zh.keys()) == set(en.keys())
    assert len(set(zh.keys())) > 500
    for key in zh.keys():
        assert zh(key).strip() or key == "core.compare.items", key  # "项" reads as nothing in English
        assert placeholders(zh(key)) == placeholders(en(key)), key


def test_the_texts_are_what_the_code_shows():
    """The facades give the catalogue's texts (a few that a user sees, in both languages)."""
    from smedigital.aggregate.words import REASONS
    from smedigital.core.planning import STATUS_LABELS
    from smedigital.export.words import words as export_words

    assert export_words("zh")["sheet.summary"] == "概览" and export_words("en")["sheet.summary"] == "Summary"
    assert REASONS["zip-bomb"].get("zh") == "压缩包异常（疑似压缩炸弹）"
    # one label for the plan status "planned" everywhere (the window's Qt text says 计划中, the workbook too)
    assert STATUS_LABELS["planned"].get("zh") == "计划中"
    assert "计划中" in export_words("zh")["status_hint"]
    assert words("en").fmt("export.common.page", n=2, m=5) == "Page 2 of 5"
    # a placeholder may be called "key" (a key's fingerprint), like the key argument itself
    assert words("zh").fmt("aggregate.summary.fingerprint", label="已签名", key="ab12") == "已签名（指纹 ab12…）"


def test_every_key_is_used_in_the_code():
    tables_zh = words("zh")
    keys = list(tables_zh.keys())
    literals = {top: _sources(paths) for top, paths in USERS.items()}
    dynamic = _dynamic()
    for prefix, literal, values in dynamic:  # built in the code, and there for every value it is built from
        assert literal in literals[prefix.split(".")[0]], (prefix, literal)
        missing = [prefix + v for v in values if prefix + v not in tables_zh]
        assert not missing, missing
    built = {prefix + v for prefix, _, values in dynamic for v in values}
    # a table is a key's path up to its second dot, or the whole key when it has only one
    tables = {".".join(k.split(".")[:2]) for k in keys if k.count(".") >= 2}
    unused = []
    for key in keys:
        top = key.split(".")[0]
        if key in built or key in literals[top]:
            continue
        table = _table_of(key, tables) if any(key.startswith(t + ".") for t in tables) else top
        if key[len(table) + 1:] not in literals[top]:
            unused.append(key)
    assert not unused, f"{len(unused)} key(s) used nowhere: {unused}"


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "words"
    shutil.copytree(CATALOGUE, folder)
    return folder


def test_the_loader_takes_the_real_catalogue(tmp_path):
    cat = load_catalogue(_copy(tmp_path))
    assert cat["zh"]["export.common.sheet.summary"] == "概览"


def test_a_key_missing_in_one_language_fails_the_loader(tmp_path):
    folder = _copy(tmp_path)
    en = folder / "en.yaml"
    en.write_text(re.sub(r"(?m)^    sheet\.summary: Summary\n", "", en.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(WordsError) as info:
        load_catalogue(folder)
    assert "export.common.sheet.summary" in str(info.value) and "en.yaml" in str(info.value)
    assert "export.common.sheet.summary" in info.value.get("zh") and "缺少" in info.value.get("zh")


def test_a_placeholder_mismatch_fails_the_loader(tmp_path):
    folder = _copy(tmp_path)
    zh = folder / "zh.yaml"
    text = zh.read_text(encoding="utf-8")
    assert "第 {n} 页 / 共 {m} 页" in text
    zh.write_text(text.replace("第 {n} 页 / 共 {m} 页", "第 {n} 页 / 共 {total} 页", 1), encoding="utf-8")
    with pytest.raises(WordsError, match=r"export\.common\.page: placeholders differ"):
        load_catalogue(folder)


@pytest.mark.parametrize("bad, why", [
    ("export:\n  common:\n    sheet.summary: [概览]\n", "not a text"),
    ("export: [1, 2\n", "cannot be read"),
    ("- 概览\n", "not a mapping"),
])
def test_a_malformed_catalogue_is_named(tmp_path, bad, why):
    folder = _copy(tmp_path)
    (folder / "zh.yaml").write_text(bad, encoding="utf-8")
    with pytest.raises(WordsError, match=why) as info:
        load_catalogue(folder)
    assert "zh.yaml" in str(info.value)


def test_a_missing_language_file_is_named(tmp_path):
    """A build that lost a catalogue file fails on load, naming it (the self-test loads it in the installed copy)."""
    folder = _copy(tmp_path)
    (folder / "en.yaml").unlink()
    with pytest.raises(WordsError, match=r"en\.yaml: cannot be read") as info:
        load_catalogue(folder)
    assert "en.yaml：无法读取" in info.value.get("zh")
