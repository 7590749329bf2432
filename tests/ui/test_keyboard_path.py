"""A whole MIIT assessment of the sample firm with the keyboard alone: Tab, arrows, Space, typed text,
Alt+Right for the next step; no mouse and no focus set by the test. A widget that Tab cannot reach,
or cannot leave, fails it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QRadioButton, QWidget

from smedigital.core.assessment import load_assessment, new_assessment
from smedigital.core.framework import get_framework
from smedigital.core.resources import resource_path
from smedigital.core.wording import fmt_score
from smedigital.ui.assessment import AssessmentView
from smedigital.ui.qtguard import guard_singletons

guard_singletons()

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints",
                                                          "commitData called with an editor")]

SAMPLE = resource_path("samples", "manufacturer-miit.smd.json")
TAB_LIMIT = 300  # more presses than any page has focusable widgets: past it, Tab is going round in circles

Key = Qt.Key


class Keyboard:
    """Key presses sent where the focus is, counted."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot
        self.presses = 0

    @property
    def focus(self) -> QWidget:
        w = QApplication.focusWidget()
        assert w is not None, "nothing has the keyboard focus"
        return w

    def press(self, key: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        self.presses += 1
        self.qtbot.keyClick(self.focus, key, mods)
        QApplication.processEvents()  # an item editor closes on Return a moment later

    def type(self, text: str) -> None:
        """ASCII as keystrokes; Chinese as an input method commits it."""
        w = self.focus
        if text.isascii():
            self.presses += len(text)
            self.qtbot.keyClicks(w, text)
        else:
            self.presses += 1
            event = QInputMethodEvent()
            event.setCommitString(text)
            QApplication.sendEvent(w, event)

    def tab_to(self, target: QWidget, *, around: tuple[QWidget, ...] = ()) -> None:
        """Tab until ``target`` (or, for a radio group, one of ``around``) has the focus."""
        seen = []
        for _ in range(TAB_LIMIT):
            if self.focus is target or self.focus in around:
                return
            seen.append(f"{type(self.focus).__name__}:{self.focus.accessibleName()}")
            self.press(Key.Key_Tab)
        raise AssertionError(f"Tab never reached {target.accessibleName() or target.objectName()!r}; it went "
                             f"round {seen[-8:]}")

    def fill(self, field: QLineEdit, text: str) -> None:
        self.tab_to(field)
        self.press(Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        self.type(text)

    def choose(self, buttons: dict[str, QAbstractButton], key: str) -> None:
        """A radio option: Tab into the group (one Tab stop), arrows to the option, Space; a check box
        (each is its own Tab stop): Tab to it, Space."""
        target = buttons[key]
        if isinstance(target, QRadioButton):
            self.tab_to(target, around=tuple(buttons.values()))
            order = list(buttons)
            for _ in range(len(order)):
                if self.focus is target:
                    break
                here = order.index(next(k for k, b in buttons.items() if b is self.focus))
                self.press(Key.Key_Down if order.index(key) > here else Key.Key_Up)
            assert self.focus is target, f"the arrows never reached {target.accessibleName()!r}"
        else:
            self.tab_to(target)
        if not target.isChecked():
            self.press(Key.Key_Space)
        assert target.isChecked()

    def next_step(self) -> None:
        self.press(Key.Key_Right, Qt.KeyboardModifier.AltModifier)


def test_a_whole_miit_assessment_of_the_sample_firm_by_keyboard_alone(qtbot):
    sample = load_assessment(SAMPLE)
    fw = get_framework(sample.framework_id)
    view = AssessmentView.in_memory(new_assessment(fw), language="en")
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view.window())
    kb = Keyboard(qtbot)
    if QApplication.focusWidget() is None:
        qtbot.keyClick(view, Key.Key_Tab)
    session = view.session
    assert view.current_step() == "profile"

    # the firm
    c = sample.company
    p = view.profile_page
    kb.fill(p.name, c.name)
    kb.fill(p.credit_code, c.credit_code)
    kb.tab_to(p.section_combo)
    kb.type(c.industry[0])
    kb.tab_to(p.division_combo)
    kb.type(c.industry[1:3])
    for key, value in (("employees", c.employees), ("revenue_wan", c.revenue_wan), ("assets_wan", c.assets_wan)):
        kb.fill(p.figures[key], f"{value:g}")
    kb.fill(p.region, c.region)
    got = session.assessment.company
    assert (got.name, got.credit_code, got.industry, got.employees, got.revenue_wan, got.assets_wan, got.region) == (
        c.name, c.credit_code, c.industry, c.employees, c.revenue_wan, c.assets_wan, c.region)

    # who answered, and the pledge
    kb.next_step()
    assert view.current_step() == "details"
    d = view.details_page
    kb.fill(d.assessor, sample.assessor)
    for row, person in enumerate(sample.respondents):
        kb.tab_to(d.add_respondent)
        kb.press(Key.Key_Space)
        kb.type(person["name"])  # the editor of the new row's name is open
        kb.press(Key.Key_Return)
        qtbot.waitUntil(lambda r=row: d.respondents.item(r, 0) is not None)
        kb.tab_to(d.respondents)
        kb.press(Key.Key_Right)
        kb.press(Key.Key_F2)
        kb.type(person["role"])
        kb.press(Key.Key_Return)
    kb.tab_to(d.pledge_box)
    kb.press(Key.Key_Space)
    kb.fill(d.signer, sample.pledge["signed_by"])
    assert [dict(r) for r in session.assessment.respondents] == [dict(r) for r in sample.respondents]

    # every question, page by page, with the sample's answers
    typed_figures = 0
    for dim in fw.dimensions:
        kb.next_step()
        assert view.current_step() == f"dim:{dim}"
        for qid, card in view.section_pages[dim].cards.items():
            a = sample.answers.get(qid)
            assert a is not None and not a.na
            inp = card.input
            if a.choice is not None:
                kb.choose(inp.buttons, a.choice)
            for choice in a.choices or ():
                kb.choose(inp.buttons, choice)
            if a.level is not None:
                kb.choose(inp.buttons, str(a.level))
            for iid, value in (a.raw or {}).items():
                field = inp.fields[iid]
                if field.isReadOnly():  # a shared figure typed at an earlier question: shown, not asked
                    assert field.text() == f"{value:g}"
                    continue
                kb.fill(field, f"{value:g}")
                typed_figures += 1
            assert card.status.text().startswith("✓"), (qid, card.status.text())
    # revenue for two years and the device total are typed once each
    assert typed_figures == sum(len(a.raw or {}) for a in sample.answers.values()) - 5

    kb.next_step()
    assert view.current_step() == "review"
    assert "Everything is answered" in view.review_page.summary.text()
    kb.next_step()
    assert view.current_step() == "results"
    results = view.results_page
    qtbot.waitUntil(lambda: not results.stale, timeout=15000)
    expected = sample.score()
    assert session.assessment.score().total_score == expected.total_score
    assert results.headline.text().startswith(f"Total {fmt_score(expected.total_score)} / 100")
    assert expected.level_label("en") in results.headline.text()


def _tab_chain(qtbot, view: AssessmentView, presses: int) -> list[QWidget]:
    view.step_list.setFocus()
    QApplication.processEvents()
    chain = []
    for _ in range(presses):
        qtbot.keyClick(QApplication.focusWidget(), Key.Key_Tab)
        chain.append(QApplication.focusWidget())
    return chain


@pytest.mark.parametrize("step", ["dim:foundation", "plan"])
def test_tab_from_the_step_list_goes_through_the_question_content_before_the_buttons(qtbot, step):
    """Step list → the page (its questions, or the plan built on first visit) → Back, Save, Next; Shift+Tab
    from Back returns into the page."""
    view = AssessmentView.in_memory(load_assessment(SAMPLE), language="en")
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    qtbot.waitExposed(view)
    view.go_to(step)
    page = view.stack.currentWidget()
    chain = _tab_chain(qtbot, view, TAB_LIMIT)
    assert page.isAncestorOf(chain[0]), f"Tab from the step list went to {chain[0].accessibleName()!r}"
    first_button = chain.index(view.back_button)
    assert all(page.isAncestorOf(w) for w in chain[:first_button])
    buttons = [b for b in (view.back_button, view.save_button, view.next_button) if b.isEnabled()]  # Next: not last
    assert chain[first_button:first_button + len(buttons)] == buttons
    assert len(buttons) == (3 if step != "plan" else 2)
    assert not any(page.isAncestorOf(w) for w in chain[first_button + 1:chain.index(view.step_list)])
    view.back_button.setFocus()
    qtbot.keyClick(view.back_button, Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert page.isAncestorOf(QApplication.focusWidget())
