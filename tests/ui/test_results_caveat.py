"""The results page says what the level is (a pre-assessment) and shows the total by the one rounding rule."""

from __future__ import annotations

import pytest
from uiwindow import open_results

from smedigital.core.assessment import load_assessment
from smedigital.core.resources import resource_path
from smedigital.ui.qtguard import guard_singletons

guard_singletons()

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]


@pytest.mark.parametrize(("lang", "headline", "caveat"), [
    ("en", "Total 51.7 / 100", "pre-assessment"),
    ("zh", "51.7 / 100", "预评结果"),
])
def test_the_results_page_shows_the_caveat_and_one_decimal(qtbot, lang, headline, caveat):
    a = load_assessment(resource_path("samples", "manufacturer-miit.smd.json"))
    view, page = open_results(qtbot, a, lang)
    assert headline in page.headline.text() and "51.73" not in page.headline.text()
    assert page.caveat.isVisible() and caveat in page.caveat.text()
    assert caveat in view.side.level.toolTip()
