"""The question widgets, one per kind, driven by clicks and keystrokes."""

from __future__ import annotations

from fractions import Fraction

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QWidget

from smedigital.core.answers import Answer, band_for, ratio_of
from smedigital.core.framework import get_framework
from smedigital.ui.assessment import widgets
from smedigital.ui.assessment.widgets import QuestionCard, parse_number
from smedigital.ui.qtguard import guard_singletons

# the offscreen platform warns on every top-level show(); nothing to do with us
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

FW = get_framework("miit-2024-manufacturing")
guard_singletons()  # PySide6 6.12 on Python 3.11 drops references to None; see smedigital/ui/qtguard.py


def kind(k: str):
    return next(q for q in FW.questions if q.kind == k)


def make_card(qtbot, question, lang="en") -> tuple[QuestionCard, list]:
    card = QuestionCard(question, "1.", lang)
    qtbot.addWidget(card)
    card.resize(900, 700)
    card.show()
    edits: list = []
    card.answerEdited.connect(lambda qid, a: edits.append(a))
    return card, edits


def click(qtbot, button: QAbstractButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_into(qtbot, field: QLineEdit, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, text)


def test_single_choice_by_clicking_the_button_and_the_label(qtbot):
    q = kind("single")
    card, edits = make_card(qtbot, q)
    first, last = q.options[0], q.options[-1]
    click(qtbot, card.input.buttons[first.id])
    assert edits[-1].choice == first.id
    # the option's text is a click target too
    qtbot.mouseClick(card.input.rows[last.id].label, Qt.MouseButton.LeftButton)
    assert edits[-1].choice == last.id
    assert card.input.buttons[last.id].isChecked() and not card.input.buttons[first.id].isChecked()


def test_multi_none_unticks_the_others_and_the_others_untick_none(qtbot):
    q = FW.question("miit.foundation.network")
    card, edits = make_card(qtbot, q)
    buttons = card.input.buttons
    none_id = next(o.id for o in q.options if o.exclusive)
    others = [o.id for o in q.options if not o.exclusive]
    click(qtbot, buttons[others[0]])
    click(qtbot, buttons[others[1]])
    assert edits[-1].choices == (others[0], others[1])
    click(qtbot, buttons[none_id])
    assert edits[-1].choices == (none_id,)
    assert not buttons[others[0]].isChecked() and not buttons[others[1]].isChecked()
    click(qtbot, buttons[others[2]])
    assert edits[-1].choices == (others[2],)
    assert not buttons[none_id].isChecked()
    click(qtbot, buttons[others[2]])  # untick the last one: no answer left
    assert edits[-1] is None


def test_ratio_band_shows_ratio_and_band_as_you_type(qtbot):
    q = FW.question("miit.foundation.device_digitisation")
    card, edits = make_card(qtbot, q)
    inp = card.input
    assert q.ratio is not None
    type_into(qtbot, inp.fields[q.ratio.denominator], "200")
    assert edits[-1].raw == {q.ratio.denominator: 200}
    assert "Enter every figure" in inp.outcome.text()
    type_into(qtbot, inp.fields[q.ratio.numerator], "90")
    expected = band_for(q, ratio_of(q, {q.ratio.numerator: 90, q.ratio.denominator: 200}))
    assert expected.id == "r40_60"
    assert "45%" in inp.outcome.text()
    assert expected.label.get("en") in inp.outcome.text()
    assert edits[-1] == Answer(raw={q.ratio.denominator: 200, q.ratio.numerator: 90})
    # the band is shown checked, and cannot be chosen against the numbers
    assert inp.choice.buttons[expected.id].isChecked()
    assert not any(b.isEnabled() for b in inp.choice.buttons.values())


@pytest.mark.parametrize(("num", "den", "band"), [("10", "100", "r0_10"), ("10.5", "100", "r10_20"),
                                                  ("20", "100", "r10_20"), ("60", "100", "r40_60"),
                                                  ("61", "100", "r60_100"), ("0", "5", "r0_10")])
def test_ratio_band_edges_follow_the_framework(qtbot, num, den, band):
    q = FW.question("miit.foundation.device_digitisation")
    card, edits = make_card(qtbot, q)
    type_into(qtbot, card.input.fields[q.ratio.denominator], den)
    type_into(qtbot, card.input.fields[q.ratio.numerator], num)
    assert card.input.computed is not None and card.input.computed.id == band


def test_ratio_band_bad_numbers_are_explained_and_not_stored(qtbot):
    q = FW.question("miit.foundation.device_digitisation")
    card, edits = make_card(qtbot, q)
    type_into(qtbot, card.input.fields[q.ratio.denominator], "10")
    type_into(qtbot, card.input.fields[q.ratio.numerator], "20")
    text = card.input.outcome.text()
    assert "cannot be more than" in text and "not saved" in text
    assert edits[-1] is None  # nothing valid to store
    type_into(qtbot, card.input.fields[q.ratio.numerator], "abc")
    assert "Not a number" in card.input.outcome.text()
    # a band chosen directly still counts while the numbers are wrong
    click(qtbot, card.input.choice.buttons["r20_40"])
    assert edits[-1] == Answer(choice="r20_40")


def test_ratio_band_chosen_directly_when_numbers_are_unknown(qtbot):
    q = FW.question("miit.management.funding")
    card, edits = make_card(qtbot, q)
    click(qtbot, card.input.choice.buttons["r10_20"])
    assert edits[-1] == Answer(choice="r10_20")
    # numbers typed later decide, and the direct choice is dropped
    type_into(qtbot, card.input.fields[q.ratio.denominator], "1000")
    type_into(qtbot, card.input.fields[q.ratio.numerator], "500")
    assert edits[-1].choice is None and edits[-1].raw is not None
    assert card.input.computed.id == "r40_60"


def test_trend_direction_from_two_years(qtbot):
    q = FW.question("miit.results.energy")  # energy per revenue: down is better
    card, edits = make_card(qtbot, q)
    values = {"energy_last": "90", "energy_before": "100", "revenue_last": "1000", "revenue_before": "1000"}
    for iid, v in values.items():
        type_into(qtbot, card.input.fields[iid], v)
    assert card.input.computed.direction == "down"
    text = card.input.outcome.text()
    assert "↓" in text and "the better direction" in text
    assert edits[-1].raw == {k: int(v) for k, v in values.items()}
    type_into(qtbot, card.input.fields["energy_last"], "100")
    assert card.input.computed.direction == "flat" and "→" in card.input.outcome.text()


def test_trend_zero_denominator_is_explained(qtbot):
    q = FW.question("miit.results.energy")
    card, _ = make_card(qtbot, q)
    for iid, v in {"energy_last": "90", "energy_before": "100", "revenue_last": "0", "revenue_before": "10"}.items():
        type_into(qtbot, card.input.fields[iid], v)
    assert "is 0" in card.input.outcome.text()


def test_scene_levels_show_their_descriptors(qtbot):
    q = kind("scene")
    card, edits = make_card(qtbot, q)
    for level in range(1, 5):
        row = card.input.rows[str(level)]
        descriptor = q.levels[level].get("en")
        assert descriptor in [w.text() for w in row.findChildren(widgets.ClickLabel)]
        assert card.input.buttons[str(level)].accessibleDescription() == descriptor
    click(qtbot, card.input.buttons["3"])
    assert edits[-1] == Answer(level=3)
    assert "level 3" in card.status.text() or card.status.text() == ""


def test_keyboard_space_and_arrows_choose_a_level(qtbot):
    q = kind("scene")
    card, edits = make_card(qtbot, q)
    card.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is card)
    b0 = card.input.buttons["0"]
    b0.setFocus()
    qtbot.waitUntil(b0.hasFocus)
    qtbot.keyClick(b0, Qt.Key.Key_Space)
    assert edits[-1] == Answer(level=0)
    qtbot.keyClick(b0, Qt.Key.Key_Down)  # arrows move within the group and choose, as radio buttons do
    assert card.input.buttons["1"].hasFocus()
    assert edits[-1] == Answer(level=1)


def test_not_applicable_disables_the_answer_and_keeps_the_note(qtbot):
    from fwfactory import build, opts
    from fwfactory import q as make_q

    fw = build([make_q("x.one", "single", "a", 4, options=opts(0, 2, 4), na_allowed=True)])
    card, edits = make_card(qtbot, fw.question("x.one"))
    assert card.na_box is not None
    click(qtbot, card.input.buttons["o2"])
    assert edits[-1] == Answer(choice="o2")
    qtbot.keyClicks(card.note, "no such process")
    card.flush()
    assert edits[-1] == Answer(choice="o2", note="no such process")
    click(qtbot, card.na_box)
    assert edits[-1] == Answer(na=True, note="no such process")
    assert not card.input.isEnabled()
    click(qtbot, card.na_box)
    assert card.input.isEnabled()
    assert edits[-1] == Answer(choice="o2", note="no such process")


def test_a_question_without_na_has_no_na_box(qtbot):
    card, _ = make_card(qtbot, kind("scene"))
    assert card.na_box is None


def test_note_is_committed_after_a_short_pause(qtbot):
    card, edits = make_card(qtbot, kind("scene"))
    qtbot.keyClicks(card.note, "seen on site")
    with qtbot.waitSignal(card.answerEdited, timeout=2000):
        pass
    assert edits[-1] == Answer(note="seen on site")


def test_evidence_is_attached_listed_and_removed(qtbot, monkeypatch, tmp_path):
    f = tmp_path / "network-diagram.pdf"
    f.write_bytes(b"%PDF-1.4")
    monkeypatch.setattr(widgets, "choose_evidence_files", lambda parent: [str(f)])
    card, edits = make_card(qtbot, kind("scene"))
    click(qtbot, card.attach_button)
    assert edits[-1] == Answer(evidence=("network-diagram.pdf",))
    assert card.evidence_list.isVisible() and card.evidence_list.count() == 1
    card.evidence_list.setFocus()
    card.evidence_list.setCurrentRow(0)
    qtbot.keyClick(card.evidence_list, Qt.Key.Key_Delete)
    assert edits[-1] is None
    assert not card.evidence_list.isVisible()


@pytest.mark.parametrize("question", FW.questions, ids=lambda q: q.id)
def test_every_input_names_its_question(qtbot, question):
    card, _ = make_card(qtbot, question, lang="zh")
    text = question.text.get("zh")
    inputs = card.input_widgets()
    assert inputs
    for w in inputs:
        assert isinstance(w, QWidget)
        assert w.accessibleName().startswith(text), (type(w).__name__, w.accessibleName())
        assert w.accessibleDescription(), (type(w).__name__, w.accessibleName())


@pytest.mark.parametrize(("text", "value"), [("12", 12), ("1,234.5", 1234.5), ("１２３", 123), (" 0.5 ", 0.5),
                                             ("", None)])
def test_numbers_are_read_forgivingly(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["abc", "-1", "nan", "inf", "1e400"])
def test_numbers_that_are_refused(text):
    with pytest.raises(ValueError):
        parse_number(text)


def test_points_are_shown_exactly():
    assert QuestionCard.tr_points(Fraction(15, 8)) == "1.88 pts"
    assert QuestionCard.tr_points(Fraction(50)) == "50 pts"


def test_energy_per_revenue_is_shown_in_one_unit_everywhere_and_the_help_says_why_not_per_100_yuan(qtbot):
    """The question asks per 100 yuan (每百元营业收入综合能源消费量, 吨标准煤); revenue is entered in 10,000 yuan.
    The card and the before/after comparison show the same figure in the same unit, and the help says in both
    languages that it is 100 times the per-100-yuan figure, with the same direction."""
    from smedigital.core.compare import compare_assessments

    q = FW.question("miit.results.energy")
    card, _ = make_card(qtbot, q)
    values = {"energy_last": "790", "energy_before": "820", "revenue_last": "6150", "revenue_before": "5600"}
    for iid, v in values.items():
        type_into(qtbot, card.input.fields[iid], v)
    text = card.input.outcome.text()
    assert "Before 0.146 tonnes of standard coal per 10,000 yuan, after 0.128 tonnes of standard coal per " \
           "10,000 yuan: ↓ Down" in text

    from smedigital.core.assessment import new_assessment

    before = new_assessment(FW).with_answer(q.id, Answer(raw={k: int(v) for k, v in values.items()} | {
        "energy_last": 820, "revenue_last": 5600}))
    after = new_assessment(FW).with_answer(q.id, Answer(raw={k: int(v) for k, v in values.items()}))
    energy = next(i for i in compare_assessments(before, after).indicators if i.id == q.id)
    assert energy.unit is not None and energy.unit.en == "tonnes of standard coal per 10,000 yuan"
    assert energy.unit.zh == "吨标准煤/万元"
    assert (round(float(energy.before), 3), round(float(energy.after), 3)) == (0.146, 0.128)

    zh, en = q.explanation.zh, q.explanation.en
    assert "每百元营业收入综合能源消费量" in zh and "吨标准煤/万元" in zh and "100倍" in zh
    assert "无论营业收入用什么单位" in zh and "下降得7分，持平3.5分，上升0分" in zh
    assert "per 100 yuan" in en and "100 times" in en and "whatever the revenue unit" in en
    assert "Down earns 7 points, flat 3.5, up 0" in " ".join(en.split())
