"""core.text.Text, written out instead of made by @dataclass (issue 17), behaves as the frozen dataclass did:
a value that does not change, equal and hashed by its two texts, that survives pickling (the aggregation's
workers get frameworks pickled) and copying."""

from __future__ import annotations

import copy
import pickle

import pytest

from smedigital.core.text import Text, in_lang


def test_a_text_is_a_value_that_does_not_change():
    text = Text("企业", "Firm")
    assert (text.zh, text.en, text.get("en"), text.get(), in_lang(text, "en")) == ("企业", "Firm", "Firm", "企业", "Firm")
    assert text == Text("企业", "Firm") and hash(text) == hash(Text("企业", "Firm"))
    assert text != Text("企业", "Firms") and text != ("企业", "Firm") and text != "Firm"
    assert len({text, Text("企业", "Firm"), Text.same("x")}) == 2
    assert repr(text) == "Text(zh='企业', en='Firm')"
    assert text.to_dict() == {"zh": "企业", "en": "Firm"}
    for change in (lambda: setattr(text, "en", "Company"), lambda: delattr(text, "zh"),
                   lambda: setattr(text, "other", 1)):
        with pytest.raises(AttributeError):
            change()
    assert text.en == "Firm" and not hasattr(text, "__dict__")
    match text:
        case Text(zh, en):
            assert (zh, en) == ("企业", "Firm")


@pytest.mark.parametrize("protocol", range(2, pickle.HIGHEST_PROTOCOL + 1))
def test_a_text_survives_pickling_and_copying(protocol):
    text = Text("数字化水平", "digital level")
    for again in (pickle.loads(pickle.dumps(text, protocol)), copy.copy(text), copy.deepcopy(text)):
        assert again == text and again is not None and (again.zh, again.en) == (text.zh, text.en)
        with pytest.raises(AttributeError):
            again.zh = "x"
