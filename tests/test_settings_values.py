"""settings.Setting and settings.PerAssessment, written out instead of made by @dataclass(frozen=True)
(issue 17), behave as the dataclasses did: fields and their default, equality, hash, repr, immutability,
pattern matching; and a setting's list or dict default is handed out as a copy each time, a plain one as
it is. The dataclasses they were are defined here to compare with."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import pytest

from smedigital.library import Library, settings
from smedigital.library.settings import PerAssessment, Setting

T = TypeVar("T")


@dataclasses.dataclass(frozen=True)
class WasSetting(Generic[T]):
    key: str
    default: T
    valid: Callable[[Any], bool]
    doc: str = ""


@dataclasses.dataclass(frozen=True)
class WasPerAssessment(Generic[T]):
    pattern: str
    default: T
    valid: Callable[[Any], bool]
    doc: str = ""


def is_str(value: Any) -> bool:  # module level: pickled by name
    return isinstance(value, str)


@pytest.mark.parametrize(("now", "was", "first"), [(Setting, WasSetting, "key"),
                                                   (PerAssessment, WasPerAssessment, "pattern")])
def test_a_setting_is_a_value_as_the_dataclass_was(now, was, first):
    one, old = now("a.{}", "", is_str, "what it is"), was("a.{}", "", is_str, "what it is")
    fields = [f.name for f in dataclasses.fields(was)]
    assert fields[0] == first and now.__match_args__ == was.__match_args__ == tuple(fields)
    assert [getattr(one, f) for f in fields] == [getattr(old, f) for f in fields]
    assert repr(one) == repr(old).replace(was.__qualname__, now.__qualname__, 1)
    assert now("a.{}", "", is_str).doc == "" and now(**{f: getattr(old, f) for f in fields}) == one
    assert one == now("a.{}", "", is_str, "what it is") and hash(one) == hash(old)
    assert one != now("b.{}", "", is_str, "what it is") and one != old
    assert len({one, now("a.{}", "", is_str, "what it is")}) == 1
    with pytest.raises(TypeError):
        hash(now("a.{}", [], is_str))  # a list default is not hashable, as with the dataclass
    for change in (lambda: setattr(one, first, "x"), lambda: delattr(one, "doc"), lambda: setattr(one, "new", 1)):
        with pytest.raises(AttributeError):
            change()
    assert getattr(one, first) == "a.{}"
    match one:
        case now(name, default):
            assert (name, default) == ("a.{}", "")
        case _:
            pytest.fail("a setting matches by its fields in order")
    for again in (pickle.loads(pickle.dumps(one)), copy.copy(one), copy.deepcopy(one)):
        assert again == one
    assert now[str]("a.{}", "", is_str, "what it is") == one  # subscripted, as in a type alias


def test_a_default_list_is_a_fresh_copy_each_time_and_per_assessment_makes_settings(tmp_path):
    library = Library.open(tmp_path / "library.sqlite")
    try:
        told = settings.UNSAVED_TOLD.get(library)
        assert told == []
        told.append("x.smd.json")  # a caller changing what it was handed does not change the default
        assert settings.UNSAVED_TOLD.get(library) == [] and settings.UNSAVED_TOLD.default == []
        assert settings.LANGUAGE.get(library) == "" and settings.TEXT_SIZE.get(library) is None
        step = settings.ASSESSMENT_STEP.of(12)
        assert step == Setting("assessment.12.step", "", step.valid, step.doc)
        step.set(library, "review")
        assert step.get(library) == "review" and settings.ASSESSMENT_STEP.of(13).get(library) == ""
    finally:
        library.close()
