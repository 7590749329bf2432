"""The help panel's "应索取的佐证材料" lists every item of the question, each marked with the level it is
needed from (3级起), and says these levels are the program's reading of the level texts."""

from __future__ import annotations

import pytest

from smedigital.core.framework import get_framework
from smedigital.ui import i18n, theme
from smedigital.ui.assessment.pages import HelpPanel

MIIT = "miit-2024-manufacturing"


@pytest.fixture
def language(qapp):
    def use(lang):
        i18n.set_language(lang)
        return lang
    yield use
    theme.reset()
    i18n.reset()


def shown(qtbot, lang, qid):
    panel = HelpPanel(lang)
    qtbot.addWidget(panel)
    panel.show_question(get_framework(MIIT).question(qid))
    return panel.toPlainText()


def test_each_item_shows_the_level_it_is_needed_from_in_chinese(qtbot, language):
    text = shown(qtbot, language("zh"), "miit.scene.after_sales")
    assert "远程运维平台或客服数据模型的使用记录（4级起）" in text
    assert "售后问题清单及其反馈到设计的记录（3级起）" in text
    assert "售后小程序、APP或售后系统的现场演示（1级起）" in text
    assert "标有等级的项只在申报该级或更高等级时需要" in text and "并非官方指引" in text


def test_each_item_shows_the_level_it_is_needed_from_in_english(qtbot, language):
    text = shown(qtbot, language("en"), "miit.scene.after_sales")
    lines = [line for line in text.splitlines() if "(from level 4)" in line]
    assert len(lines) == 1 and "remote" in lines[0].lower()
    assert "this program's reading of the level texts" in text


def test_a_scored_question_has_no_level_marks_or_level_note(qtbot, language):
    text = shown(qtbot, language("zh"), "miit.foundation.network")
    assert "级起" not in text and "标有等级的项" not in text
