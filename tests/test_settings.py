"""The app's settings (smedigital.library.settings): one declaration each, defaults for anything garbled."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from smedigital.library import Library, settings


@pytest.fixture
def lib(tmp_path):
    library = Library.open(tmp_path / "library.sqlite")
    yield library
    library.close()


def test_every_setting_has_its_own_key_and_a_default_it_accepts():
    keys = [s.key if isinstance(s, settings.Setting) else s.pattern for s in settings.ALL]
    assert len(keys) == len(set(keys))
    for s in settings.ALL:
        assert s.default is None or s.valid(s.default), s


def test_a_value_is_kept_read_back_and_forgotten_with_none(lib):
    assert settings.TEXT_SIZE.get(lib) is None
    settings.TEXT_SIZE.set(lib, 14)
    assert settings.TEXT_SIZE.get(lib) == 14
    settings.TEXT_SIZE.set(lib, None)
    assert settings.TEXT_SIZE.get(lib) is None and lib.get_state("text_size") is None
    step = settings.ASSESSMENT_STEP.of(7)
    step.set(lib, "review")
    assert step.get(lib) == "review" and settings.ASSESSMENT_STEP.of(8).get(lib) == ""


@pytest.mark.parametrize(("setting", "bad"), [(settings.TEXT_SIZE, "big"), (settings.LAST_ASSESSMENT, True),
                                              (settings.THEME, "purple"), (settings.UNSAVED_TOLD, ["a", 3])])
def test_a_wrong_value_is_refused_when_written_and_ignored_when_found(lib, setting, bad):
    with pytest.raises(TypeError):
        setting.set(lib, bad)
    lib.set_state(setting.key, bad)  # as a hand-edited or older library might hold it
    assert setting.get(lib) == setting.default


def test_the_default_of_a_list_is_a_fresh_copy(lib):
    settings.UNSAVED_TOLD.get(lib).append("x")
    assert settings.UNSAVED_TOLD.get(lib) == []


def test_a_library_that_cannot_be_written_costs_only_the_value(lib):
    lib.close()
    assert settings.LAST_FOLDER.remember(lib, "somewhere") is False


def test_the_interface_reads_and_writes_settings_only_through_the_declarations():
    """No ``library.get_state``/``set_state`` with a key of its own in smedigital/ui: a setting declared twice
    is how "where the user was" came to be stored in two places."""
    ui = Path(__file__).resolve().parent.parent / "smedigital" / "ui"
    direct = [f"{path.relative_to(ui.parent.parent)}:{n}" for path in sorted(ui.rglob("*.py"))
              for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
              if re.search(r"library\.(get|set)_state\(", line)]
    assert direct == []
