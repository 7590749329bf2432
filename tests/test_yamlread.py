"""The format checks every data file goes through (frameworks, action libraries): each detail in Chinese and
English, with the place it is about (``questions[1].points``, ``第 2 行第 9 列``), and no English inside the
Chinese beyond the field names and ids it quotes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from smedigital.core.framework import FrameworkError, load_framework
from smedigital.core.yamlread import ProblemsError, Reader, read_yaml

#: field names, ids and words of the format a Chinese message may quote
ALLOWED = {"zh", "en", "true", "false", "YAML", "UTF", "smedigital", "format", "version", "framework"}


def english_words(text: str, *allowed: str) -> set[str]:
    return set(re.findall(r"[A-Za-z]{3,}", text)) - ALLOWED - set(allowed)


def problems(r: Reader) -> dict[str, tuple[str, str]]:
    return {p.where: (p.text("zh"), p.text("en")) for p in r.problems}


def test_each_check_of_the_reader_says_what_is_wrong_in_both_languages():
    r = Reader()
    data = {"title": {"zh": "标题", "en": ""}, "weight": -2, "id": "Bad Id", "flag": "yes", "items": [{"a": 1}, 3],
            "name": 7, "share": "half", "typo": 1}
    r.known(data, frozenset(data) - {"typo"}, "")
    r.text(data, "title", "")
    r.number(data, "weight", "targets[1]")
    r.ident(data, "id", "")
    r.get(data, "flag", "", bool)
    r.items(data, "items", "")
    r.get(data, "name", "", str)
    r.get(data, "share", "targets[1]", (int, float))
    r.get(data, "rows", "", list)
    said = problems(r)
    assert said == {
        "typo": ("不是此格式的字段", "is not a field of this format"),
        "title.en": ("缺失或为空", "is missing or empty"),
        "targets[1].weight": ("不能为负数", "must not be negative"),
        "id": ('"Bad Id" 不是有效的编号（只能用小写字母、数字和 _ . -）',
               "\"Bad Id\" is not a valid id (lower-case letters, digits, '_', '.', '-')"),
        "flag": ("必须是 true 或 false", "must be true or false"),
        "items[1]": ("必须是映射（键值对）", "must be a mapping"),
        "name": ("必须是文本", "must be a string"),
        "targets[1].share": ("必须是数字", "must be a number"),
        "rows": ("缺失", "is missing"),
    }
    for where, (zh, _) in said.items():
        assert not english_words(zh, "Bad", "Id"), (where, zh)
    assert all(p.message.code for p in r.problems)  # a stable code for machines


def test_a_header_of_another_format_or_a_newer_version_is_said_in_both_languages():
    r = Reader()
    r.check_header({"format": "other", "format_version": "1"}, "smedigital-framework", 1, FrameworkError, "f.yaml")
    assert problems(r) == {"format": ("必须是 'smedigital-framework'", "must be 'smedigital-framework'"),
                           "format_version": ("必须是整数", "must be a whole number")}
    with pytest.raises(FrameworkError) as caught:
        r.check_header({"format": "smedigital-framework", "format_version": 9}, "smedigital-framework", 1,
                       FrameworkError, "f.yaml")
    [p] = caught.value.problems
    assert p.where == "format_version"
    assert p.text("zh") == "为 9，比本程序能读取的版本（1）更新；请升级 smedigital"
    assert p.text("en") == "is 9, newer than this program reads (1); please update smedigital"
    with pytest.raises(FrameworkError) as caught:
        Reader().check_header(["a list"], "smedigital-framework", 1, FrameworkError, "f.yaml")
    assert caught.value.problems[0].text("zh") == "文件顶层必须是映射（键值对）"


@pytest.mark.parametrize(("text", "zh", "en"), [
    ("title: a\nid: b: c\n", "第 2 行第 6 列：不是有效的 YAML（此处不能出现键值对（冒号后缺空格，或缩进不对？））",
     "line 2, column 6: is not valid YAML (mapping values are not allowed"),
    ("a:\n\t- b\n", "第 2 行第 1 列：不是有效的 YAML（含", "line 2, column 1: is not valid YAML (found character"),
    ("a: [1, 2\n", "第 2 行第 1 列：不是有效的 YAML（方括号没有闭合，或缺少逗号）", "line 2, column 1: is not valid YAML ("),
    ("a:\n  b: 1\n c: 2\n", "第 3 行第 2 列：不是有效的 YAML（缩进不一致", "line 3, column 2: is not valid YAML ("),
    ("%FOO\n---\na\n", "第 1 行第 5 列：不是有效的 YAML", "line 1, column 5: is not valid YAML ("),  # a reason not known
])
def test_a_file_that_is_not_valid_yaml_names_the_line_and_column_in_both_languages(tmp_path, text, zh, en):
    path = tmp_path / "框架.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProblemsError) as caught:
        read_yaml(path, FrameworkError)
    assert caught.value.source == str(path)
    [p] = caught.value.problems
    assert p.text("zh").startswith(zh) and not english_words(p.text("zh")), p.text("zh")
    assert p.text("en").startswith(en)


def test_a_file_that_is_not_utf8_or_cannot_be_read_is_said_in_both_languages(tmp_path):
    latin = tmp_path / "latin.yaml"
    latin.write_bytes("title: café".encode("latin-1"))
    with pytest.raises(FrameworkError) as caught:
        read_yaml(latin, FrameworkError)
    assert [(p.text("zh"), p.text("en")) for p in caught.value.problems] == [("不是 UTF-8 文本", "is not UTF-8 text")]
    with pytest.raises(FrameworkError) as caught:
        read_yaml(tmp_path / "missing.yaml", FrameworkError)
    [p] = caught.value.problems
    assert p.text("zh") == "无法读取：文件不存在" and p.text("en").startswith("cannot be read: ")


def test_a_framework_file_with_format_errors_is_said_in_chinese_field_by_field(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("format: smedigital-framework\nformat_version: 1\nid: Bad Id\ntitle: {zh: 坏框架}\nsurprise: 1\n",
                    encoding="utf-8")
    with pytest.raises(FrameworkError) as caught:
        load_framework(Path(path))
    said = {p.where: p.text("zh") for p in caught.value.problems}
    assert said["surprise"] == "不是此格式的字段"
    assert said["title.en"] == "缺失或为空"
    assert said["questions"] == "缺失"
    generic = [t for t in said.values() if t in ("缺失", "缺失或为空", "不是此格式的字段")]
    assert len(generic) >= 5


HOSTILE_FRAMEWORK = """\
format: smedigital-framework
format_version: 1
id: Bad Id
sectors: [Z]
stages: []
level_rule: {kind: odd}
questions:
  - {id: q1, kind: weird, section: nowhere, pillars: [magic], max_points: -1}
  - {id: q1, kind: single, section: s, max_points: 5, title: {zh: t, en: t},
     options: [{id: a, points: 1, label: {zh: a, en: a}}, {id: a, points: 2, exclusive: true, label: {zh: b, en: b}}]}
"""


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_framework_validate_says_every_problem_in_the_chosen_language(capsys, tmp_path, lang):
    """``smedigital-cli framework validate`` on a hostile file: one line per problem, ``file: place: why``; in
    Chinese no English word beyond the ids the file itself uses and the format's own words."""
    from smedigital.cli import main

    path = tmp_path / "bad.yaml"
    path.write_text(HOSTILE_FRAMEWORK, encoding="utf-8")
    assert main(["framework", "validate", str(path), "--lang", lang]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) >= 25 and all(line.startswith(f"{path}: ") for line in lines)
    said = dict(line[len(str(path)) + 2:].split(": ", 1) for line in lines if line.count(": ") >= 2)
    if lang == "zh":
        assert said["questions[1].id"] == "题目编号 'q1' 重复使用（首次出现于 questions[0]）"
        assert said["questions[1].options[1].points"] == "互斥项（“无”）必须为 0 分"
        assert said["stages"] == "必须正好有四个阶段（未上云、上云、用数、赋智）"
        ids = {"Bad", "Id", "magic", "weird", "nowhere", "single", "multi", "ratio_band", "ratio", "band", "trend",
               "scene", "scale", "cloud", "data", "intelligence", "bands", "gated", "questions"}  # a place it names
        for where, text in said.items():
            assert not english_words(text, *ids), (where, text)
    else:
        assert said["questions[1].id"] == "question id 'q1' is used twice (first at questions[0])"
        assert said["stages"] == "needs exactly four stages (not yet on the cloud, cloud, data, intelligence)"


def test_no_format_check_is_written_in_english_only():
    """Every ``r.problem(where, …)`` and ``Problem(where, …)`` in smedigital passes a message with both
    languages (``format_msg``, ``type_msg``, a ``Msg``…), never a bare English string or f-string."""
    import ast

    root = Path(__file__).resolve().parent.parent / "smedigital"
    bare = []
    for file in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or len(node.args) != 2:
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in ("problem", "Problem") and isinstance(node.args[1], (ast.Constant, ast.JoinedStr)):
                bare.append(f"{file.relative_to(root.parent)}:{node.lineno}")
    assert not bare, bare
