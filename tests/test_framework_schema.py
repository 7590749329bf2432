"""Every bundled framework matches the published JSON Schema, and the schema catches what it should."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from fwfactory import base_framework

from smedigital.core.framework import FrameworkError, get_framework, parse_framework

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "resources/schemas/framework.schema.json").read_text(encoding="utf-8"))
FRAMEWORK_FILES = sorted((ROOT / "resources/frameworks").glob("*.yaml"))


def as_json(path: Path):
    """The file as JSON sees it (YAML's integer level keys become strings)."""
    return json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8"))))


@pytest.mark.parametrize("path", FRAMEWORK_FILES, ids=[p.stem for p in FRAMEWORK_FILES])
def test_bundled_framework_matches_the_schema(path):
    data = as_json(path)
    jsonschema.validate(data, SCHEMA)


def test_schema_rejects_a_one_language_text():
    data = as_json(FRAMEWORK_FILES[0])
    data["questions"][0]["text"] = {"zh": "只有中文"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)


@pytest.mark.parametrize("bad", [["c"], ["Z"], ["CC"], [3], "C"])
def test_a_framework_sectors_list_is_section_letters_in_the_schema_and_the_loader(bad):
    data = as_json(FRAMEWORK_FILES[0])
    data["sectors"] = bad
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, SCHEMA)
    with pytest.raises(FrameworkError, match="sectors"):
        parse_framework(base_framework([], sectors=bad), "bad.yaml")


def test_the_manufacturing_table_is_meant_for_manufacturers_and_the_loader_reads_it():
    assert get_framework("miit-2024-manufacturing").sectors == ("C",)
