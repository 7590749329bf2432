"""library.FirmSummary, written out instead of made by @dataclass(frozen=True, slots=True) (issue 17),
behaves as the dataclass did: the same fields in the same order, equality, hash, repr, immutability,
pattern matching, pickling and copying. The dataclass it was is defined here to compare with."""

from __future__ import annotations

import copy
import dataclasses
import pickle

import pytest

from smedigital.library import FirmSummary


@dataclasses.dataclass(frozen=True, slots=True)
class Was:
    id: int
    name: str
    credit_code: str
    industry: str
    industry_section: str
    region: str
    created: str
    updated: str
    assessment_count: int
    assessment_id: int | None
    framework_id: str | None
    assessed_on: str | None
    total_score: float | None
    level_index: int | None
    stage_index: int | None
    complete: bool


ROW = (7, "宁波恒锐精密机械有限公司", "91330200MA2XXXXX1X", "C34", "C", "浙江省宁波市", "2026-01-02",
       "2026-03-04", 2, 11, "miit-2024", "2026-03-01", 61.5, 1, 2)


def test_a_firm_summary_is_made_and_read_as_the_dataclass_was():
    firm, was = FirmSummary(*ROW, complete=True), Was(*ROW, complete=True)
    fields = [f.name for f in dataclasses.fields(Was)]
    assert list(FirmSummary.__slots__) == fields and FirmSummary.__match_args__ == Was.__match_args__
    assert [getattr(firm, f) for f in fields] == [getattr(was, f) for f in fields]
    assert repr(firm) == repr(was).replace("Was(", "FirmSummary(", 1)
    assert FirmSummary(**{f: getattr(was, f) for f in fields}) == firm  # by keyword too
    with pytest.raises(TypeError):
        FirmSummary(*ROW)  # complete is required, as it was


def test_a_firm_summary_is_a_value_that_does_not_change():
    firm = FirmSummary(*ROW, complete=True)
    same, other = FirmSummary(*ROW, complete=True), FirmSummary(*ROW, complete=False)
    assert firm == same and hash(firm) == hash(same) == hash(Was(*ROW, complete=True))
    assert firm != other and len({firm, same, other}) == 2
    assert firm != Was(*ROW, complete=True) and firm != (*ROW, True)  # another class is never equal
    for change in (lambda: setattr(firm, "name", "x"), lambda: delattr(firm, "id"), lambda: setattr(firm, "new", 1)):
        with pytest.raises(AttributeError):
            change()
    assert firm.name == ROW[1] and not hasattr(firm, "__dict__")
    match firm:
        case FirmSummary(firm_id, name):
            assert (firm_id, name) == (7, ROW[1])
        case _:
            pytest.fail("a firm summary matches by its fields in order")


@pytest.mark.parametrize("protocol", range(2, pickle.HIGHEST_PROTOCOL + 1))
def test_a_firm_summary_survives_pickling_and_copying(protocol):
    firm = FirmSummary(*ROW, complete=False)
    for again in (pickle.loads(pickle.dumps(firm, protocol)), copy.copy(firm), copy.deepcopy(firm)):
        assert again == firm and repr(again) == repr(firm)
        with pytest.raises(AttributeError):
            again.name = "x"
