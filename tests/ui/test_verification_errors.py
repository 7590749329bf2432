"""Issue 13: a verification that cannot be saved is explained in the interface language, field by field."""

from __future__ import annotations

import pytest

from smedigital.core.resources import resource_path
from smedigital.ui import i18n, theme
from smedigital.ui.verification import VerificationDialog

BASELINE = resource_path("samples", "pilot", "manufacturer-miit-baseline.smd.json")


@pytest.fixture(autouse=True)
def _reset(qapp):
    yield
    theme.reset()
    i18n.reset()


@pytest.mark.parametrize(("lang", "words"), [("zh", "不在 2000-01-01 至 2100-12-31 之间"),
                                              ("en", "is outside 2000-01-01 … 2100-12-31")])
def test_a_date_out_of_range_is_refused_in_the_interface_language(library, qtbot, said, lang, words):
    i18n.set_language(lang)
    aid = library.import_file(BASELINE)
    dialog = VerificationDialog(library, aid)
    qtbot.addWidget(dialog)
    dialog.who.setText("王工")
    dialog.organisation.setText("市中小企业服务中心")
    dialog.date.setText("1999-05-01")
    assert not dialog.save()
    [message] = said.messages
    assert message.kind == "error"
    assert "verification.date" in message.details and words in message.details
    assert library.load_assessment(aid).verification is None
