"""Question pages (one per dimension), the help panel beside them, and the review page."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from smedigital.core.framework import Framework, Question
from smedigital.core.scoring import Result
from smedigital.core.shared_inputs import owners, users

from .session import AssessmentSession
from .widgets import EvidenceStore, QuestionCard, set_accessible


class HelpPanel(QTextBrowser):
    """Why a question matters, how to judge it, and the evidence to ask for."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.setObjectName("helpPanel")
        self.setOpenLinks(False)
        self.question_id: str | None = None
        set_accessible(self, self.tr("Help"), self.tr("Explanation, judging standard and evidence checklist of the "
                                                       "current question"))
        self.setPlainText(self.tr("Select a question to see why it matters, how to judge it and what evidence "
                                  "to ask for."))

    def show_question(self, q: Question) -> None:
        if q.id == self.question_id:
            return
        self.question_id = q.id
        lang = self.lang
        esc = html.escape
        # every item, each marked with the level it is needed from (the evidence dialog says which the answer asks)
        mark = self.tr(" (from level %1)")
        evidence = "".join(f"<li>☐ {esc(e.get(lang) + (mark.replace('%1', str(e.level)) if e.level else ''))}</li>"
                           for e in q.evidence_items)
        why = self.tr("Why it matters")
        how = self.tr("How to judge")
        ask = self.tr("Evidence to ask for")
        note = self.tr("An item marked with a level is asked for only when that level or a higher one is claimed. "
                       "These levels are this program's reading of the level texts, not official guidance.")
        levels = f"<p><small>{esc(note)}</small></p>" if any(e.level for e in q.evidence_items) else ""
        self.setHtml(
            f"<h3>{esc(q.text.get(lang))}</h3>"
            f"<h4>{esc(why)}</h4><p>{esc(q.explanation.get(lang))}</p>"
            f"<h4>{esc(how)}</h4><p>{esc(q.standard.get(lang))}</p>"
            f"<h4>{esc(ask)}</h4><ul style='list-style-type:none'>{evidence}</ul>{levels}")


def subsection_of(fw: Framework, q: Question) -> str | None:
    """The section just below the dimension that a question belongs to, if any."""
    chain = fw.ancestors(q.section)
    return chain[-2] if len(chain) >= 2 else None


class SectionPage(QWidget):
    """The questions of one dimension, with sub-section headings and the help panel.

    The question cards are made when the page is first shown (or its ``cards`` are first asked for):
    an assessment opens on one page, and making every page's hundreds of widgets up front cost most
    of the time to open it. Until then the page knows its questions (``question_ids``) and a change
    of the answers only waits for it; ``built`` is emitted once the cards are there."""

    built = Signal()

    def __init__(self, session: AssessmentSession, dimension: str, questions: Sequence[Question],
                 numbers: dict[str, int], lang: str, evidence_store: EvidenceStore | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.dimension = dimension
        self.lang = lang
        self.numbers = numbers
        self.questions = list(questions)
        self.question_ids = [q.id for q in questions]
        self.evidence_store = evidence_store
        self._cards: dict[str, QuestionCard] | None = None
        fw = session.framework
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(fw.sections[dimension].title.get(lang), self)
        self.heading.setObjectName("pageHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QLabel(self)
        self.progress.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.heading)
        layout.addWidget(self.progress)

    @property
    def is_built(self) -> bool:
        return self._cards is not None

    @property
    def cards(self) -> dict[str, QuestionCard]:
        """The question cards by question id, in the page's order (made now if the page was not shown yet)."""
        return self.ensure_built()

    @property
    def scroll(self) -> QScrollArea:  # type: ignore[override]  # the scroll area hides QWidget.scroll(dx, dy), unused
        """The scroll area of the cards (made now if the page was not shown yet)."""
        self.ensure_built()
        return self._scroll

    @property
    def help(self) -> HelpPanel:
        """The help panel beside the cards (made now if the page was not shown yet)."""
        self.ensure_built()
        return self._help

    @property
    def splitter(self) -> QSplitter:
        self.ensure_built()
        return self._splitter

    def ensure_built(self) -> dict[str, QuestionCard]:
        if self._cards is None:
            self._build()
            self.built.emit()
        assert self._cards is not None  # made by _build
        return self._cards

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        if self._cards is None:  # shown by someone who did not build it first: its content is shown with it
            self.ensure_built()
            self._splitter.show()
        super().showEvent(event)

    def _build(self) -> None:
        session, fw, lang, questions, numbers = self.session, self.session.framework, self.lang, self.questions, \
            self.numbers
        splitter = self._splitter = QSplitter(Qt.Orientation.Horizontal, self)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)  # made in __init__
        layout.addWidget(splitter, 1)
        scroll = self._scroll = QScrollArea(splitter)
        scroll.setAccessibleName(self.heading.text())
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(scroll)
        scroll.setWidget(body)
        column = QVBoxLayout(body)
        cards: dict[str, QuestionCard] = {}
        self._cards = cards
        last_sub: str | None = None
        for q in questions:
            sub = subsection_of(fw, q)
            if sub is not None and sub != last_sub:
                title = QLabel(fw.sections[sub].title.get(lang), body)
                title.setObjectName("subsectionHeading")
                title.setTextFormat(Qt.TextFormat.PlainText)
                font = title.font()
                font.setBold(True)
                font.setPointSizeF(font.pointSizeF() * 1.1)
                title.setFont(font)
                column.addWidget(title)
                last_sub = sub
            module_title = fw.modules[q.module].title.get(lang) if q.module is not None and q.module in fw.modules else ""
            card = QuestionCard(q, f"{numbers[q.id]}.", lang, self.evidence_store, module_title, body)
            card.load(session.answer(q.id))
            card.answerEdited.connect(session.set_answer)
            card.answerEdited.connect(self._advance)
            card.activated.connect(self._show_help)
            column.addWidget(card)
            cards[q.id] = card
        column.addStretch(1)
        self._answered: set[str] = set()
        self._just_answered: set[str] = set()
        session.answerChanged.connect(self._answer_changed)
        self._help = HelpPanel(lang, splitter)
        splitter.addWidget(scroll)
        splitter.addWidget(self._help)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([700, 260])
        if questions:
            self._help.show_question(questions[0])
        self.refresh(session.result)
        self._just_answered = set()

    def _advance(self, question_id: str, _answer: object) -> None:
        """A question answered with one click (one option or a level) for the first time: bring the next
        question into view, so that going down the page takes no scrolling (a changed answer stays put)."""
        card = (self._cards or {}).get(question_id)
        if card is None or question_id not in self._just_answered or card.question.kind not in (
                "single", "scene", "scale"):
            return
        self._just_answered.discard(question_id)
        order = list(self.cards)
        at = order.index(question_id)
        if at + 1 < len(order):
            QTimer.singleShot(0, lambda nxt=self.cards[order[at + 1]]: self._bring_up(nxt))

    def _bring_up(self, card: QWidget) -> None:
        """Scroll so that ``card`` starts near the top of the view, unless all of it is already in view."""
        if not self.cards:
            return
        bar = self.scroll.verticalScrollBar()
        body = self.scroll.widget()
        if body is None:  # set in __init__
            return
        top = card.mapTo(body, card.rect().topLeft()).y()
        view_height = self.scroll.viewport().height()
        if bar.value() <= top and top + card.height() <= bar.value() + view_height:
            return
        bar.setValue(min(bar.maximum(), max(0, top - 8)))

    def _answer_changed(self, question_id: str) -> None:
        """Another question's change reached this one (a shared figure copied in): show it."""
        card = (self._cards or {}).get(question_id)
        if card is None:
            return
        if card.answer() != self.session.answer(question_id):
            card.load(self.session.answer(question_id))

    def show_shared(self) -> None:
        """Each shared figure is typed at one question; the others show it read-only and say where."""
        fw = self.session.framework
        shared = {s.id: s for s in fw.shared_inputs}
        if not shared or self._cards is None:  # a page not shown yet shows them when it is made
            return
        questions = self.session.questions()
        holder = owners(fw, self.session.assessment.answers, questions)
        conflicts = {c.replaced_in: c for c in getattr(self.session, "shared_conflicts", [])}
        sep = "、" if self.lang == "zh" else ", "
        for qid, card in self.cards.items():
            mine = [i.id for i in card.question.inputs if i.id in shared]
            if not mine or not hasattr(card.input, "set_shared"):
                continue
            elsewhere = [iid for iid in mine if holder.get(iid) not in (None, qid)]
            lines = []
            for where in dict.fromkeys(holder[iid] for iid in elsewhere):
                labels = sep.join(shared[i].label.get(self.lang) for i in elsewhere if holder[i] == where)
                lines.append(self.tr("%1: entered at question %2 (change it there)").replace("%1", labels).replace(
                    "%2", str(self.numbers.get(where, "?"))))
            held = [iid for iid in mine if holder.get(iid) == qid]
            also = sorted({self.numbers[q.id] for iid in held for q in users(fw, iid, questions) if q.id != qid
                           and q.id in self.numbers})
            if also:
                labels = sep.join(shared[i].label.get(self.lang) for i in held)
                lines.append(self.tr("%1: also used for question(s) %2").replace("%1", labels).replace(
                    "%2", sep.join(str(n) for n in also)))
            if qid in conflicts:
                lines.append("⚠ " + conflicts[qid].message(fw).get(self.lang))
            card.input.set_shared(elsewhere, "\n".join(lines))

    def _show_help(self, question_id: str) -> None:
        card = (self._cards or {}).get(question_id)
        if card is not None:
            self.help.show_question(card.question)

    def refresh(self, result: Result) -> None:
        if self._cards is None:  # not shown yet: it is made from the session's result when it is
            return
        answered = 0
        now: set[str] = set()
        for qid, card in self.cards.items():
            qr = result.questions.get(qid)
            card.show_result(qr)
            if qr and qr.answered:
                answered += 1
                now.add(qid)
        self._just_answered = now - self._answered
        self._answered = now
        self.show_shared()  # who holds a shared figure can change with any answer ("not applicable")
        self.progress.setText(self.tr("%1 of %2 questions answered in this part").replace(
            "%1", str(answered)).replace("%2", str(len(self.cards))))

    def reload_answers(self) -> None:
        for qid, card in (self._cards or {}).items():
            card.load(self.session.answer(qid))

    def flush(self) -> None:
        for card in (self._cards or {}).values():
            card.flush()

    def focus_question(self, question_id: str) -> None:
        card = self.cards.get(question_id)
        if card is None:
            return
        self.help.show_question(card.question)
        target = next((w for w in card.input_widgets() if w.isEnabled() and w.focusPolicy() != Qt.FocusPolicy.NoFocus),
                      card)
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        # after the layout has placed the card (a freshly shown page has no geometry yet)
        QTimer.singleShot(0, lambda: self.scroll.ensureWidgetVisible(card, 0, 40) if self.cards else None)

    def first_unanswered(self, result: Result) -> str | None:
        return next((qid for qid in self.question_ids if not result.questions[qid].answered), None)


class ReviewPage(QWidget):
    """What is still missing, each entry a link to the place to fix it."""

    jumpToQuestion = Signal(str)
    jumpToStep = Signal(str)

    def __init__(self, session: AssessmentSession, numbers: dict[str, int], lang: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.numbers = numbers
        self.lang = lang
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Review"), self)
        heading.setObjectName("pageHeading")
        layout.addWidget(heading)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.summary)
        hint = QLabel(self.tr("Click an entry, or select it and press Enter, to go there."), self)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        set_accessible(self.list, self.tr("Still missing"),
                       self.tr("Unanswered questions and missing details; Enter goes to the entry"))
        self.list.itemActivated.connect(self._activate)
        self.list.itemClicked.connect(self._activate)
        layout.addWidget(self.list, 1)
        layout.addStretch(0)  # takes the room only while the list is hidden: the heading stays at the top
        self.refresh(session.result)

    def refresh(self, result: Result) -> None:
        fw = self.session.framework
        a = self.session.assessment
        self.list.clear()
        total = len(result.questions)
        answered = total - len(result.unanswered)
        details = []
        if not a.company.name:
            details.append((self.tr("The firm's name is missing"), "profile"))
        if not a.company.industry:
            details.append((self.tr("The firm's industry is missing (it decides the sector modules)"), "profile"))
        if not a.assessor:
            details.append((self.tr("The assessor is missing"), "details"))
        if not a.respondents:
            details.append((self.tr("No respondent is listed"), "details"))
        if not a.pledge:
            details.append((self.tr("The truthfulness pledge is not signed"), "details"))
        elif not a.pledge.get("signed_by"):
            details.append((self.tr("The pledge has no signer"), "details"))
        for text, step in details:
            item = QListWidgetItem("• " + text)
            item.setData(Qt.ItemDataRole.UserRole, ("step", step))
            self.list.addItem(item)
        last_dim = None
        for qid in result.unanswered:
            dim = fw.dimension_of[qid]
            if dim != last_dim:
                header = QListWidgetItem(fw.sections[dim].title.get(self.lang))
                header.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading: readable, not a target
                font = header.font()
                font.setBold(True)
                header.setFont(font)
                self.list.addItem(header)
                last_dim = dim
            q = fw.question(qid)
            item = QListWidgetItem(f"    {self.numbers.get(qid, '')}. {q.text.get(self.lang)}")
            item.setData(Qt.ItemDataRole.UserRole, ("question", qid))
            self.list.addItem(item)
        if result.unanswered or details:
            self.summary.setText(self.tr("%1 of %2 questions answered; %3 unanswered, %4 details missing.").replace(
                "%1", str(answered)).replace("%2", str(total)).replace("%3", str(len(result.unanswered))).replace(
                "%4", str(len(details))))
        else:
            self.summary.setText(self.tr("Everything is answered and the details are complete."))
        self.list.setVisible(self.list.count() > 0)

    def _activate(self, item: QListWidgetItem) -> None:
        data = item.data(Qt.ItemDataRole.UserRole)
        if not data:
            return
        kind, target = data
        if kind == "question":
            self.jumpToQuestion.emit(target)
        else:
            self.jumpToStep.emit(target)


class Separator(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.HLine)
        self.setFrameShadow(QFrame.Shadow.Sunken)
