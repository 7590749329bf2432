"""One input widget per question kind, and the card that frames a question.

Each input shows the framework's own texts in the current language and gives
back the kind's part of an :class:`~smedigital.core.answers.Answer` (``choice``,
``choices``, ``raw`` or ``level``); :class:`QuestionCard` adds "not
applicable", the note and the evidence, and emits the whole answer.

Long option texts and level descriptors wrap: a button's own text cannot, so
each option is a row of a text-less button and a label that clicks it. The
button carries the accessible name (the question and the option) and the
accessible description (the option's descriptor).
"""

from __future__ import annotations

import datetime as _dt
import math
import unicodedata
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QMouseEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from smedigital.core.answers import (
    Answer,
    AnswerInvalid,
    EvidenceFile,
    band_for,
    direction_of,
    ratio_of,
    trend_values,
)
from smedigital.core.assessment import EARLIEST_DATE, LATEST_DATE, parse_date
from smedigital.core.framework import Option, Question
from smedigital.core.scoring import QuestionResult
from smedigital.core.shared_inputs import sensible_places, value_unit
from smedigital.ui import messages

if TYPE_CHECKING:
    from .evidence_items import EvidenceItemsDialog

_Label = TypeVar("_Label", bound=QLabel)

NOTE_DELAY_MS = 400  # a note is committed this long after the last keystroke (and on leaving the page)


# --------------------------------------------------------------------------- helpers

def fmt_number(x: Fraction | float, places: int = 2) -> str:
    """A number for people: at most ``places`` decimals, no trailing zeros."""
    text = f"{float(x):.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def fmt_percent(x: Fraction) -> str:
    return f"{fmt_number(x * 100, 1)}%"


def parse_number(text: str) -> float | None:
    """A raw figure typed by the user: full-width digits and thousands separators are accepted.
    None for empty text; ValueError when it is not a finite number of at least 0."""
    s = unicodedata.normalize("NFKC", text).replace(",", "").replace("，", "").replace(" ", "").strip()
    if not s:
        return None
    value = float(s)
    if not math.isfinite(value) or value < 0:
        raise ValueError(s)
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def set_accessible(widget: QWidget, name: str, description: str = "") -> None:
    widget.setAccessibleName(name)
    if description:
        widget.setAccessibleDescription(description)


def date_in_range(edit: QDateEdit) -> QDateEdit:
    """Keep a date editor to the dates the files accept (2000-01-01 to 2100-12-31)."""
    lo, hi = EARLIEST_DATE, LATEST_DATE
    edit.setDateRange(QDate(lo.year, lo.month, lo.day), QDate(hi.year, hi.month, hi.day))
    return edit


def qdate(text: str) -> QDate:
    """A stored ``YYYY-MM-DD`` date for a date editor; today for none or one out of range."""
    try:
        day = parse_date(text) if text else _dt.date.today()
    except ValueError:
        day = _dt.date.today()
    return QDate(day.year, day.month, day.day)


def _small(label: _Label) -> _Label:
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 0.9)
    label.setFont(font)
    return label


def _plain_label(text: str, parent: QWidget | None = None, wrap: bool = True) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    label.setWordWrap(wrap)
    return label


class ClickLabel(QLabel):
    """A label that clicks its button when clicked, so the whole option text is a target."""

    clicked = Signal()

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(event.position().toPoint()):
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class OptionRow(QFrame):
    """A button without text, its wrapped label, an optional descriptor and points."""

    def __init__(self, button: QAbstractButton, label: str, description: str = "", extra: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("optionRow")
        self.button = button
        self.label = ClickLabel(label, self)
        self.label.clicked.connect(self._click)
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 2, 4, 2)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(0)
        grid.addWidget(button, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.label, 0, 1)
        if extra:
            grid.addWidget(_plain_label(extra, self, wrap=False), 0, 2, Qt.AlignmentFlag.AlignTop)
        if description:
            desc = _small(ClickLabel(description, self))
            desc.setObjectName("optionDescription")
            desc.clicked.connect(self._click)
            grid.addWidget(desc, 1, 1, 1, 2)
        grid.setColumnStretch(1, 1)
        button.installEventFilter(self)

    def _click(self) -> None:
        if self.button.isEnabled():
            self.button.setFocus(Qt.FocusReason.MouseFocusReason)
            if not (isinstance(self.button, QRadioButton) and self.button.isChecked()):
                self.button.click()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.button and event.type() in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self.setProperty("focused", event.type() == QEvent.Type.FocusIn)
            self.style().unpolish(self)
            self.style().polish(self)
        return False


# --------------------------------------------------------------------------- inputs per kind

class QuestionInput(QWidget):
    """The kind-specific part of a question. ``edited`` fires on every user change."""

    edited = Signal()

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.lang = lang
        self._loading = False
        self.qtext = question.text.get(lang)

    def value(self) -> Answer:
        """The kind's part of the answer, from what the widget shows."""
        raise NotImplementedError

    def load(self, answer: Answer | None) -> None:
        """Show an answer without emitting ``edited``."""
        raise NotImplementedError

    def inputs(self) -> list[QWidget]:
        """Every input the user can operate, for tests and accessibility checks."""
        return [w for w in self.findChildren(QWidget) if isinstance(w, (QAbstractButton, QLineEdit))]

    def _emit(self) -> None:
        if not self._loading:
            self.edited.emit()


class _OptionsInput(QuestionInput):
    """Radio buttons (one answer) or check boxes (several) for a list of options."""

    def __init__(self, question: Question, lang: str, options: Sequence[tuple[str, str, str, str]],
                 multiple: bool, parent: QWidget | None = None) -> None:
        super().__init__(question, lang, parent)
        self.buttons: dict[str, QAbstractButton] = {}
        self.group = QButtonGroup(self)
        self.group.setExclusive(not multiple)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.rows: dict[str, OptionRow] = {}
        for key, label, description, extra in options:
            button: QAbstractButton = QCheckBox(self) if multiple else QRadioButton(self)
            set_accessible(button, f"{self.qtext} — {label}", description or label)
            if not multiple:
                # radio buttons: one Tab stop, arrows between them; check boxes stay out of the group, which
                # would also make them one Tab stop but without arrow keys, so that only one could be reached
                self.group.addButton(button)
            self.buttons[key] = button
            row = OptionRow(button, label, description, extra, self)
            self.rows[key] = row
            layout.addWidget(row)
            button.toggled.connect(lambda checked, k=key: self._toggled(k, checked))

    def _toggled(self, key: str, checked: bool) -> None:
        if self._loading:
            return
        if self.group.exclusive() and not checked:
            return  # the other half of a radio change
        self._emit()

    def checked(self) -> list[str]:
        return [k for k, b in self.buttons.items() if b.isChecked()]

    def set_checked(self, keys: Sequence[str]) -> None:
        was = self._loading
        self._loading = True
        exclusive = self.group.exclusive()
        self.group.setExclusive(False)  # an exclusive group cannot be emptied otherwise
        for k, b in self.buttons.items():
            b.setChecked(k in keys)
        self.group.setExclusive(exclusive)
        self._loading = was


def _points_text(points: Fraction) -> str:
    return QuestionCard.tr_points(points)


class SingleInput(_OptionsInput):
    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        opts = [(o.id, o.label.get(lang), o.description.get(lang) if o.description else "", _points_text(o.points))
                for o in question.options]
        super().__init__(question, lang, opts, multiple=False, parent=parent)

    def value(self) -> Answer:
        chosen = self.checked()
        return Answer(choice=chosen[0]) if chosen else Answer()

    def load(self, answer: Answer | None) -> None:
        self.set_checked([answer.choice] if answer and answer.choice else [])


class MultiInput(_OptionsInput):
    """Check boxes; the exclusive option ("none") unticks the others and the others untick it."""

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        opts = [(o.id, o.label.get(lang), o.description.get(lang) if o.description else "",
                 "" if o.exclusive else _points_text(o.points)) for o in question.options]
        super().__init__(question, lang, opts, multiple=True, parent=parent)
        self.exclusive_id = next((o.id for o in question.options if o.exclusive), None)

    def _toggled(self, key: str, checked: bool) -> None:
        if self._loading:
            return
        if checked and self.exclusive_id is not None:
            if key == self.exclusive_id:
                self.set_checked([key])
            else:
                self.set_checked([k for k in self.checked() if k != self.exclusive_id])
        self._emit()

    def value(self) -> Answer:
        chosen = self.checked()
        return Answer(choices=tuple(chosen)) if chosen else Answer()

    def load(self, answer: Answer | None) -> None:
        self.set_checked(list(answer.choices or ()) if answer else [])


class LevelInput(_OptionsInput):
    """A level 0-4 (scene and scale), each with its descriptor."""

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        opts = []
        for level in range(0, 5):
            text = question.levels.get(level)
            if text is not None:
                desc = text.get(lang)
            elif level == 0:
                desc = QCoreApplication.translate("LevelInput", "Not done: even level 1 is not met in daily work.")
            else:
                desc = ""
            opts.append((str(level), QCoreApplication.translate("LevelInput", "Level %1").replace("%1", str(level)),
                         desc, ""))
        super().__init__(question, lang, opts, multiple=False, parent=parent)

    def value(self) -> Answer:
        chosen = self.checked()
        return Answer(level=int(chosen[0])) if chosen else Answer()

    def load(self, answer: Answer | None) -> None:
        self.set_checked([str(answer.level)] if answer and answer.level is not None else [])


class _NumbersInput(QuestionInput):
    """Raw figures (ratio_band and trend) that decide the option, or the option chosen directly."""

    def __init__(self, question: Question, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(question, lang, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        grid.setColumnStretch(2, 1)
        self.fields: dict[str, QLineEdit] = {}
        for row, inp in enumerate(question.inputs):
            label = _plain_label(inp.label.get(lang), self, wrap=False)
            field = QLineEdit(self)
            field.setObjectName(f"raw_{inp.id}")
            field.setMaximumWidth(160)
            field.setAlignment(Qt.AlignmentFlag.AlignRight)
            field.setPlaceholderText(self.tr("unknown"))
            unit = inp.unit.get(lang) if inp.unit else ""
            set_accessible(field, f"{self.qtext} — {inp.label.get(lang)}",
                           self.tr("A number of at least 0, in %1").replace("%1", unit) if unit
                           else self.tr("A number of at least 0"))
            label.setBuddy(field)
            field.textEdited.connect(self._numbers_edited)
            self.fields[inp.id] = field
            grid.addWidget(label, row, 0)
            grid.addWidget(field, row, 1)
            grid.addWidget(_plain_label(unit, self, wrap=False), row, 2)
        layout.addLayout(grid)
        self.shared_note = _small(_plain_label("", self))
        self.shared_note.setObjectName("sharedNote")
        self.shared_note.hide()
        layout.addWidget(self.shared_note)
        self.outcome = _plain_label("", self)
        self.outcome.setObjectName("computedOutcome")
        layout.addWidget(self.outcome)
        self.direct_label = _plain_label(self._direct_caption(), self)
        layout.addWidget(self.direct_label)
        self.choice = SingleInput(question, lang, self)
        self.choice.edited.connect(self._chosen)
        self._direct: str | None = None  # the option chosen by hand, apart from the one the figures show
        layout.addWidget(self.choice)
        self._computed: Option | None = None
        self._problem = ""
        self._evaluate()

    def _direct_caption(self) -> str:
        raise NotImplementedError

    def raw(self) -> tuple[dict[str, float], list[str]]:
        """The figures that parse, and the names of those that do not."""
        values: dict[str, float] = {}
        bad = []
        for inp in self.question.inputs:
            text = self.fields[inp.id].text()
            try:
                v = parse_number(text)
            except ValueError:
                bad.append(inp.label.get(self.lang))
                continue
            if v is not None:
                values[inp.id] = v
        return values, bad

    def _numbers_edited(self, _text: str) -> None:
        self._evaluate()
        self._emit()

    def _compute(self, raw: dict[str, float]) -> tuple[Option | None, str]:
        raise NotImplementedError

    def _evaluate(self) -> None:
        raw, bad = self.raw()
        computed, text = None, ""
        self._problem = ""
        if bad:
            self._problem = self.tr("Not a number of at least 0: %1 (not saved until corrected)").replace(
                "%1", ", ".join(bad))
        else:
            try:
                computed, text = self._compute(raw)
            except AnswerInvalid as exc:
                self._problem = self._explain_invalid(exc) + " " + self.tr("(not saved until corrected)")
        self._computed = computed
        if self._problem:
            self.outcome.setText("⚠ " + self._problem)
        elif computed is not None:
            self.outcome.setText(text)
        else:
            self.outcome.setText(self.tr("Enter every figure to compute the answer, or choose it below."))
        was = self._loading
        self._loading = True
        if computed is not None:
            self.choice.set_checked([computed.id])
        else:
            self.choice.set_checked([self._direct] if self._direct else [])
        for b in self.choice.buttons.values():
            b.setEnabled(computed is None)
        self._loading = was

    def _explain_invalid(self, exc: AnswerInvalid) -> str:
        return str(exc)

    def _chosen(self) -> None:
        chosen = self.choice.checked()
        self._direct = chosen[0] if chosen else None
        self._emit()

    @property
    def computed(self) -> Option | None:
        return self._computed

    @property
    def problem(self) -> str:
        return self._problem

    def value(self) -> Answer:
        raw, bad = self.raw()
        if bad or self._problem:
            raw = {}  # invalid figures are not stored: an assessment file holds only valid ones
        if self._computed is not None and raw:
            return Answer(raw=raw)
        return Answer(choice=self._direct, raw=raw or None)

    def load(self, answer: Answer | None) -> None:
        self._loading = True
        raw = (answer.raw or {}) if answer else {}
        for iid, field in self.fields.items():
            v = raw.get(iid)
            field.setText("" if v is None else fmt_number(v, 6))
        self._direct = answer.choice if answer else None
        self._loading = False
        self._evaluate()

    def inputs(self) -> list[QWidget]:
        return [f for f in self.fields.values() if not f.isReadOnly()] + list(self.choice.buttons.values())

    def set_shared(self, held_elsewhere: Sequence[str], note: str) -> None:
        """Figures entered at another question: shown read-only and left out of the Tab order;
        ``note`` says where they are entered and which questions also use them."""
        for iid, field in self.fields.items():
            elsewhere = iid in held_elsewhere
            field.setReadOnly(elsewhere)
            field.setFocusPolicy(Qt.FocusPolicy.ClickFocus if elsewhere else Qt.FocusPolicy.StrongFocus)
            field.setBackgroundRole(QPalette.ColorRole.Window if elsewhere else QPalette.ColorRole.Base)
            field.setAutoFillBackground(elsewhere)
            field.setFrame(not elsewhere)  # shown, not asked: reads as text rather than as a box to fill
        self.shared_note.setText(note)
        self.shared_note.setVisible(bool(note))


class RatioInput(_NumbersInput):
    def _direct_caption(self) -> str:
        return self.tr("Or, when the figures are not known, choose the band directly:")

    def _compute(self, raw: dict[str, float]) -> tuple[Option | None, str]:
        ratio = ratio_of(self.question, raw)
        if ratio is None:
            return None, ""
        band = band_for(self.question, ratio)
        text = self.tr("Ratio %1 → band: %2 (%3)").replace("%1", fmt_percent(ratio)).replace(
            "%2", band.label.get(self.lang)).replace("%3", QuestionCard.tr_points(band.points))
        return band, text

    def _explain_invalid(self, exc: AnswerInvalid) -> str:
        q = self.question
        assert q.ratio is not None
        labels = {i.id: i.label.get(self.lang) for i in q.inputs}
        raw, _ = self.raw()
        if raw.get(q.ratio.denominator) == 0:
            return self.tr("%1 is 0, so there is no ratio.").replace("%1", labels[q.ratio.denominator])
        if q.ratio.at_most_one:
            return self.tr("%1 cannot be more than %2.").replace("%1", labels[q.ratio.numerator]).replace(
                "%2", labels[q.ratio.denominator])
        return str(exc)


class TrendInput(_NumbersInput):
    def _direct_caption(self) -> str:
        return self.tr("Or, when the figures are not known, choose the direction directly:")

    def _compute(self, raw: dict[str, float]) -> tuple[Option | None, str]:
        q = self.question
        values = trend_values(q, raw)
        if values is None:
            return None, ""
        prev, cur = values
        direction = direction_of(q, prev, cur)
        option = next(o for o in q.options if o.direction == direction)
        arrow = {"up": "↑", "flat": "→", "down": "↓"}[direction]
        better = (self.tr("the better direction") if q.trend and direction == q.trend.better
                  else self.tr("not the better direction"))
        unit, factor = value_unit(q, q.trend.current) if q.trend else (None, 1)
        places = sensible_places(prev * factor, cur * factor)
        suffix = unit.get(self.lang) if unit else ""
        suffix = suffix if suffix == "%" else f" {suffix}" if suffix else ""
        text = self.tr("Before %1, after %2: %3 %4, %5 (%6)").replace(
            "%1", fmt_number(prev * factor, places) + suffix).replace("%2", fmt_number(cur * factor, places) + suffix).replace("%3", arrow).replace("%4", option.label.get(self.lang)).replace(
            "%5", better).replace("%6", QuestionCard.tr_points(option.points))
        return option, text

    def _explain_invalid(self, exc: AnswerInvalid) -> str:
        labels = {i.id: i.label.get(self.lang) for i in self.question.inputs}
        raw, _ = self.raw()
        zero = [labels[k] for k, v in raw.items() if v == 0 and k in labels]
        if zero:
            return self.tr("%1 is 0, so the value cannot be computed.").replace("%1", ", ".join(zero))
        return str(exc)


INPUT_CLASSES: dict[str, type[QuestionInput]] = {
    "single": SingleInput,
    "multi": MultiInput,
    "ratio_band": RatioInput,
    "trend": TrendInput,
    "scene": LevelInput,
    "scale": LevelInput,
}


def make_input(question: Question, lang: str, parent: QWidget | None = None) -> QuestionInput:
    return INPUT_CLASSES[question.kind](question, lang, parent)


# --------------------------------------------------------------------------- evidence files

def choose_evidence_files(parent: QWidget | None) -> list[str]:
    """Ask for evidence files (tests replace this function)."""
    paths, _ = QFileDialog.getOpenFileNames(parent, QCoreApplication.translate("QuestionCard", "Attach evidence"))
    return paths


class EvidenceStore:
    """Where evidence files go. This one keeps only the file names in the answer (the files stay
    where they are); the view gives a store backed by the Library when there is one."""

    def attach(self, question_id: str, paths: list[str]) -> list[str]:
        """Store the files; return the references to keep in ``Answer.evidence``."""
        return [Path(p).name for p in paths]

    def remove(self, question_id: str, ref: str) -> None:
        """Forget one stored file."""

    def open(self, question_id: str, ref: str) -> bool:
        """Have the system open a stored file; False when this store keeps none."""
        return False

    def rename(self, question_id: str, ref: str, name: str) -> str | None:
        """Give a stored file another name; the new reference, or None when it could not be renamed."""
        return name.strip() or None

    def relink(self, question_id: str, ref: str, to_question: str) -> str | None:
        """Link a stored file to another question instead; its reference there, or None when it failed."""
        return ref

    def describe(self, question_id: str, ref: str) -> EvidenceFile:
        """An attached file as an evidence item records it: its name, and its size and SHA-256 when known."""
        return EvidenceFile(Path(ref).name or ref)


def ask_evidence_target(parent: QWidget | None, choices: list[tuple[str, str]]) -> str | None:
    """Ask which question an evidence file belongs to (tests replace this function); None when cancelled."""
    from PySide6.QtWidgets import QInputDialog

    labels = [label for _, label in choices]
    label, ok = QInputDialog.getItem(parent, QCoreApplication.translate("QuestionCard", "Move evidence"),
                                     QCoreApplication.translate("QuestionCard", "Question the file shows:"),
                                     labels, 0, False)
    return next((qid for qid, text in choices if text == label), None) if ok else None


def ask_evidence_name(parent: QWidget | None, current: str) -> str | None:
    """Ask for an evidence file's new name (tests replace this function); None when cancelled."""
    from PySide6.QtWidgets import QInputDialog

    name, ok = QInputDialog.getText(parent, QCoreApplication.translate("QuestionCard", "Rename evidence"),
                                    QCoreApplication.translate("QuestionCard", "New name of the file:"),
                                    text=current)
    return name if ok and name.strip() else None


# --------------------------------------------------------------------------- the card

class QuestionCard(QFrame):
    """A question: its text, its input, "not applicable", a note and evidence.

    ``answerEdited(question_id, answer)`` carries the whole answer after every user change
    (``None`` when it holds nothing); ``activated(question_id)`` when focus or a click enters
    the card, so the page can show its help.
    """

    answerEdited = Signal(str, object)
    activated = Signal(str)
    evidenceMoved = Signal(str, str)  # reference, question it now belongs to

    def __init__(self, question: Question, number: str, lang: str,
                 evidence_store: EvidenceStore | None = None, module_title: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("questionCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.question = question
        self.lang = lang
        self._store = evidence_store or EvidenceStore()
        self._evidence: list[str] = []
        self._evidence_items: dict = {}  # the evidence marks of the answer, set in the evidence items dialog
        self._last_result: QuestionResult | None = None
        self.items_dialog: EvidenceItemsDialog | None = None  # the open one (evidence_items.py)
        self._loading = False
        q = question
        qtext = q.text.get(lang)
        layout = QVBoxLayout(self)
        layout.setSpacing(4)

        head = QHBoxLayout()
        self.number_label = _plain_label(number, self, wrap=False)
        self.number_label.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.title = _plain_label(qtext, self)
        self.title.setObjectName("questionText")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.number_label.setFont(font)
        head.addWidget(self.number_label)
        head.addWidget(self.title, 1)
        self.status = _plain_label("", self, wrap=False)
        self.status.setObjectName("answerStatus")
        self.status.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.status)
        layout.addLayout(head)
        tags = self._tags(module_title)
        if tags:
            self.tags = _small(_plain_label(tags, self))
            layout.addWidget(self.tags)

        self.input = make_input(q, lang, self)
        self.input.edited.connect(self._input_edited)
        layout.addWidget(self.input)

        na_word = self.tr("Not applicable")
        clear_word = self.tr("Clear answer")
        attach_word = self.tr("Attach evidence")
        evidence_word = self.tr("Evidence")
        note_word = self.tr("Note")
        row = QHBoxLayout()
        self.na_box: QCheckBox | None = None
        if q.na_allowed:
            self.na_box = QCheckBox(self.tr("Not applicable to this firm"), self)
            set_accessible(self.na_box, f"{qtext} — {na_word}",
                           self.tr("The question does not count towards the score"))
            self.na_box.toggled.connect(self._na_toggled)
            row.addWidget(self.na_box)
        self.clear_button = QPushButton(self.tr("Clear answer"), self)
        set_accessible(self.clear_button, f"{qtext} — {clear_word}",
                       self.tr("Removes the answer; the note and evidence stay"))
        self.clear_button.clicked.connect(self.clear)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        self.attach_button = QPushButton(self.tr("Attach evidence…"), self)
        set_accessible(self.attach_button, f"{qtext} — {attach_word}",
                       self.tr("Choose files that show the answer is true"))
        self.attach_button.clicked.connect(self._attach)
        row.addWidget(self.attach_button)
        self.items_button: QPushButton | None = None
        if q.evidence_items:
            self.items_button = QPushButton(self.tr("Evidence items…"), self)
            items_word = self.tr("Evidence items")
            set_accessible(self.items_button, f"{qtext} — {items_word}",
                           self.tr("Mark each evidence item present, missing or not applicable and link its files"))
            self.items_button.clicked.connect(lambda: self.open_evidence_items())
            row.addWidget(self.items_button)
        layout.addLayout(row)
        self.items_summary = _small(_plain_label("", self))
        self.items_summary.setObjectName("evidenceItemsSummary")
        self.items_summary.setVisible(bool(q.evidence_items))
        layout.addWidget(self.items_summary)

        self.evidence_list = QListWidget(self)
        self.evidence_list.setMaximumHeight(64)
        set_accessible(self.evidence_list, f"{qtext} — {evidence_word}",
                       self.tr("Attached evidence: Enter opens the selected file, F2 renames it, Delete removes "
                               "it; the context menu has the same"))
        self.evidence_list.installEventFilter(self)
        self.evidence_list.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.open_evidence_action = QAction(self.tr("Open"), self.evidence_list)
        self.rename_evidence_action = QAction(self.tr("Rename…"), self.evidence_list)
        self.remove_evidence_action = QAction(self.tr("Remove"), self.evidence_list)
        self.move_evidence_action = QAction(self.tr("Move to another question…"), self.evidence_list)
        self.move_evidence_action.triggered.connect(lambda: self._on_current(self.move_evidence))
        self.evidence_targets: list[tuple[str, str]] = []  # (question id, label): set by the view
        self.rename_evidence_action.setShortcut(QKeySequence(Qt.Key.Key_F2))
        self.rename_evidence_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.open_evidence_action.triggered.connect(lambda: self._on_current(self.open_evidence))
        self.rename_evidence_action.triggered.connect(lambda: self._on_current(self.rename_evidence))
        self.remove_evidence_action.triggered.connect(lambda: self._on_current(self.remove_evidence))
        self.evidence_list.addActions([self.open_evidence_action, self.rename_evidence_action,
                                       self.move_evidence_action, self.remove_evidence_action])
        self.evidence_list.itemActivated.connect(
            lambda item: self.open_evidence(item.data(Qt.ItemDataRole.UserRole)))
        self.evidence_list.hide()
        layout.addWidget(self.evidence_list)

        self.note = QPlainTextEdit(self)
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText(self.tr("Note (what was seen, who said it)"))
        self.note.setFixedHeight(self.note.fontMetrics().lineSpacing() * 2 + 14)
        set_accessible(self.note, f"{qtext} — {note_word}", self.tr("A note for the report"))
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.setInterval(NOTE_DELAY_MS)
        self._note_timer.timeout.connect(self._commit)
        self.note.textChanged.connect(self._note_changed)
        layout.addWidget(self.note)

        for w in self.findChildren(QWidget):
            if w is not self.evidence_list:
                w.installEventFilter(self)

    # -------------------------------------------------------------- texts

    @staticmethod
    def tr_points(points: Fraction) -> str:
        return QCoreApplication.translate("QuestionCard", "%1 pts").replace("%1", fmt_number(points))

    def _tags(self, module_title: str) -> str:
        q = self.question
        parts = []
        if q.kind == "scene":
            if q.group is not None:
                parts.append(q.group.title.get(self.lang))
            parts.append(self.tr("mandatory scene") if q.mandatory else self.tr("guiding scene"))
        if q.max_points:
            parts.append(self.tr("up to %1").replace("%1", self.tr_points(q.max_points)))
        elif q.kind == "scene":
            parts.append(self.tr("not scored; counts for the level"))
        if module_title:
            parts.append(module_title)
        return " · ".join(parts)

    # -------------------------------------------------------------- answer

    def answer(self) -> Answer | None:
        note = self.note.toPlainText().strip()
        evidence = tuple(self._evidence)
        marks = dict(self._evidence_items)
        if self.na_box is not None and self.na_box.isChecked():
            return Answer(na=True, note=note, evidence=evidence, evidence_items=marks)
        part = self.input.value()
        a = Answer(choice=part.choice, choices=part.choices, raw=part.raw, level=part.level, note=note,
                   evidence=evidence, evidence_items=marks)
        return None if a.is_empty and not note and not evidence and not marks else a

    def load(self, answer: Answer | None) -> None:
        """Show an answer without emitting anything."""
        self._loading = True
        self.input.load(None if answer is None or answer.na else answer)
        if self.na_box is not None:
            self.na_box.setChecked(bool(answer and answer.na))
        self.input.setEnabled(not (answer and answer.na))
        note = answer.note if answer else ""
        if self.note.toPlainText() != note:
            self.note.setPlainText(note)
        self._note_timer.stop()
        self._evidence = list(answer.evidence) if answer else []
        self._evidence_items = dict(answer.evidence_items) if answer else {}
        self._show_evidence()
        self._show_items_summary()
        self._loading = False

    def show_result(self, qr: QuestionResult | None) -> None:
        """The status line: answered or not, and the points earned (words, not colour)."""
        if qr is None:
            return
        self._last_result = qr
        if qr.na:
            text = self.tr("Not applicable")
        elif not qr.answered:
            text = self.tr("○ Not answered")
        elif self.question.max_points:
            text = self.tr("✓ Answered: %1 of %2").replace("%1", fmt_number(qr.points)).replace(
                "%2", self.tr_points(self.question.max_points))
        elif qr.level is not None:
            text = self.tr("✓ Answered: level %1").replace("%1", str(qr.level))
        else:
            text = self.tr("✓ Answered")
        self.status.setText(text)
        self.status.setAccessibleName(text)
        self._show_items_summary()  # the items needed follow the answer scored

    def clear(self) -> None:
        self._loading = True
        self.input.load(None)
        if self.na_box is not None:
            self.na_box.setChecked(False)
        self.input.setEnabled(True)
        self._loading = False
        self._commit()

    def flush(self) -> None:
        """Commit a note still waiting for its delay."""
        if self._note_timer.isActive():
            self._note_timer.stop()
            self._commit()

    def _input_edited(self) -> None:
        if not self._loading:
            self._commit()

    def _na_toggled(self, checked: bool) -> None:
        self.input.setEnabled(not checked)
        if not self._loading:
            self._commit()

    def _note_changed(self) -> None:
        if not self._loading:
            self._note_timer.start()

    def _commit(self) -> None:
        self._note_timer.stop()
        self.answerEdited.emit(self.question.id, self.answer())

    # -------------------------------------------------------------- evidence

    def _attach(self) -> None:
        paths = choose_evidence_files(self)
        if not paths:
            return
        refs = self._store.attach(self.question.id, paths)
        for ref in refs:
            if ref not in self._evidence:
                self._evidence.append(ref)
        self._show_evidence()
        self._commit()

    def remove_evidence(self, ref: str) -> None:
        if ref in self._evidence:
            self._store.remove(self.question.id, ref)
            self._evidence.remove(ref)
            self._show_evidence()
            self._commit()

    def _on_current(self, action: object) -> None:
        item = self.evidence_list.currentItem()
        if item is not None and callable(action):
            action(item.data(Qt.ItemDataRole.UserRole))

    def open_evidence(self, ref: str) -> bool:
        """Have the system open an attached file (a copy under its readable name)."""
        return bool(ref in self._evidence and self._store.open(self.question.id, ref))

    def rename_evidence(self, ref: str, name: str | None = None) -> str | None:
        """Give an attached file another name (asked for when not given); the answer keeps the new name."""
        if ref not in self._evidence:
            return None
        name = ask_evidence_name(self, ref) if name is None else name
        if not name or name == ref:
            return None
        new = self._store.rename(self.question.id, ref, name)
        if not new:
            return None
        if new in self._evidence:  # the same name twice: one entry
            self._evidence.remove(ref)
        else:
            self._evidence[self._evidence.index(ref)] = new
        self._show_evidence()
        row = self._evidence.index(new)
        self.evidence_list.setCurrentRow(row)
        self._commit()
        return new

    def move_evidence(self, ref: str, to_question: str | None = None) -> str | None:
        """Link an attached file to another question instead (asked for when not given); that question's
        answer gets it (``evidenceMoved``), this one's loses it."""
        targets = [(q, label) for q, label in self.evidence_targets if q != self.question.id]
        if ref not in self._evidence or not targets:
            return None
        to_question = ask_evidence_target(self, targets) if to_question is None else to_question
        if not to_question or to_question == self.question.id:
            return None
        moved = self._store.relink(self.question.id, ref, to_question)
        if not moved:
            return None
        self._evidence.remove(ref)
        self._show_evidence()
        self._commit()
        self.evidenceMoved.emit(moved, to_question)
        return to_question

    def open_evidence_items(self) -> QWidget | None:
        """The evidence items dialog of this question (window-modal, not blocking); its OK stores the marks."""
        from .evidence_items import EvidenceItemsDialog

        if not self.question.evidence_items:
            return None
        if self.items_dialog is not None:
            self.items_dialog.activateWindow()
            return self.items_dialog
        needed = self._needed_items()
        dialog = EvidenceItemsDialog(self.question, self.lang, self._evidence_items, self._evidence,
                                     lambda ref: self._store.describe(self.question.id, ref), needed, self)
        dialog.accepted.connect(lambda: self._items_chosen(dialog))
        dialog.finished.connect(lambda _r: self._items_dialog_done(dialog))
        self.items_dialog = dialog
        dialog.open()
        return dialog

    def _items_chosen(self, dialog: QWidget) -> None:
        self._evidence_items = dialog.marks()  # type: ignore[attr-defined]  # an EvidenceItemsDialog, imported lazily
        self._show_items_summary()
        self._commit()

    def _items_dialog_done(self, dialog: QWidget) -> None:
        if self.items_dialog is dialog:
            self.items_dialog = None
        dialog.deleteLater()

    def _needed_items(self) -> set[str]:
        """The ids of the evidence items the current answer needs (a level's items up to the level claimed)."""
        from smedigital.core.evidence import needed_items

        qr = self._last_result
        return {i.id for i in needed_items(self.question, self.answer(), bool(qr is not None and qr.points > 0))}

    def _show_items_summary(self) -> None:
        if self.question.evidence_items:
            from .evidence_items import marks_summary

            self.items_summary.setText(marks_summary(self.question, self._evidence_items, self._needed_items()))

    def _show_evidence(self) -> None:
        self.evidence_list.clear()
        for ref in self._evidence:
            self.evidence_list.addItem(Path(ref).name or ref)
            item = self.evidence_list.item(self.evidence_list.count() - 1)
            item.setData(Qt.ItemDataRole.UserRole, ref)
            item.setToolTip(messages.plain_tip(ref))
        self.evidence_list.setVisible(bool(self._evidence))

    # -------------------------------------------------------------- focus → help

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        et = event.type()
        if et in (QEvent.Type.FocusIn, QEvent.Type.MouseButtonPress):
            self.activated.emit(self.question.id)
        if watched is self.evidence_list and et == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]  # a KeyPress event is a QKeyEvent
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                item = self.evidence_list.currentItem()
                if item is not None:
                    self.remove_evidence(item.data(Qt.ItemDataRole.UserRole))
                    return True
        return False

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt override
        self.activated.emit(self.question.id)
        super().mousePressEvent(event)

    def input_widgets(self) -> list[QWidget]:
        """Every widget the user operates in this card (for tests and accessibility checks)."""
        out = list(self.input.inputs())
        if self.na_box is not None:
            out.append(self.na_box)
        out += [self.clear_button, self.attach_button, self.note, self.evidence_list]
        return out
