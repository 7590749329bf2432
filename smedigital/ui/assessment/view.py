"""The assessment workspace: a stepper over the profile, the dimensions, review, results and plan.

``AssessmentView(library, assessment_id)`` opens an assessment stored in the Library
and saves every change back at once; ``AssessmentView.in_memory(assessment)`` (or
``session=``) works without one, for tests and previews.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QCloseEvent, QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from smedigital.core.assessment import Assessment
from smedigital.core.scoring import Result
from smedigital.library import settings
from smedigital.ui import i18n, messages, theme
from smedigital.ui.screens import size_to_current_page

from .pages import ReviewPage, SectionPage
from .profile_page import DetailsPage, ProfilePage
from .session import AssessmentSession
from .side import SidePanel
from .widgets import EvidenceStore

log = logging.getLogger("smedigital.ui.assessment")

STYLE = """
QFrame#optionRow { border: 2px solid transparent; border-radius: 4px; }
QFrame#optionRow[focused="true"] { border: 2px solid palette(highlight); }
QLabel#pageHeading { font-size: 15pt; font-weight: bold; }
QLabel#fieldProblem { color: %(warning)s; }
QLabel#computedOutcome { font-weight: bold; }
"""


class LibraryEvidence(EvidenceStore):
    """Evidence copied into the Library's store; the answer keeps the original file names."""

    def __init__(self, library: Any, assessment_id: int, parent: QWidget) -> None:
        self.library = library
        self.assessment_id = assessment_id
        self.parent = parent

    def attach(self, question_id: str, paths: list[str]) -> list[str]:
        refs, problems = [], []
        for p in paths:
            try:
                ev = self.library.attach_evidence(self.assessment_id, question_id, p)
            except Exception as exc:  # noqa: BLE001 - LibraryError and OS errors alike: tell the user
                problems.append(messages.error_text(exc))
            else:
                refs.append(ev.original_name)
        if problems:
            messages.show_warning(self.parent, QCoreApplication.translate("LibraryEvidence", "Evidence not attached"),
                                  "\n".join(problems))
        return refs

    def _find(self, question_id: str, ref: str) -> Any:
        return next((ev for ev in self.library.evidence(self.assessment_id, question_id) if ev.original_name == ref),
                    None)

    def open(self, question_id: str, ref: str) -> bool:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        title = QCoreApplication.translate("LibraryEvidence", "Cannot open the evidence")
        try:
            ev = self._find(question_id, ref)
            if ev is None:
                messages.show_warning(self.parent, title, QCoreApplication.translate(
                    "LibraryEvidence", "“%1” is named in the answer but its file is not in the firm library "
                    "(it was attached on another computer, or before this version kept files).").replace("%1", ref))
                return False
            copy = self.library.open_copy(ev.id)
        except Exception as exc:  # noqa: BLE001 - LibraryError and OS errors alike: tell the user
            messages.show_warning(self.parent, title, messages.error_text(exc))
            return False
        return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy))))

    def rename(self, question_id: str, ref: str, name: str) -> str | None:
        title = QCoreApplication.translate("LibraryEvidence", "Cannot rename the evidence")
        try:
            ev = self._find(question_id, ref)
            if ev is None:
                return name.strip() or None  # only a name in the answer: rename it there
            return str(self.library.rename_evidence(ev.id, name).original_name)
        except Exception as exc:  # noqa: BLE001
            messages.show_warning(self.parent, title, str(exc))
            return None

    def describe(self, question_id: str, ref: str) -> Any:
        """The stored file's name, size and SHA-256 (the pack finds it in the store by the SHA-256)."""
        from smedigital.core.answers import EvidenceFile

        try:
            ev = self._find(question_id, ref)
        except Exception:  # noqa: BLE001 - the library failed: the name alone still links the file
            ev = None
        return EvidenceFile(ref) if ev is None else EvidenceFile(ev.original_name, int(ev.size), str(ev.sha256))

    def relink(self, question_id: str, ref: str, to_question: str) -> str | None:
        try:
            ev = self._find(question_id, ref)
            if ev is None:
                return ref  # only a name in the answer: it moves with the answer
            return str(self.library.relink_evidence(ev.id, to_question).original_name)
        except Exception as exc:  # noqa: BLE001
            messages.show_warning(self.parent, QCoreApplication.translate(
                "LibraryEvidence", "Cannot move the evidence"), str(exc))
            return None

    def remove(self, question_id: str, ref: str) -> None:
        try:
            for ev in self.library.evidence(self.assessment_id, question_id):
                if ev.original_name == ref:
                    self.library.remove_evidence(ev.id)
        except Exception:  # the link goes from the answer anyway; the file stays until purged
            log.exception("removing evidence %r of %s failed", ref, question_id)


def previous_from_library(library: Any, assessment_id: int, assessment: Assessment) -> Assessment | None:
    """The firm's assessment just before this one with the same framework, if any."""
    try:
        info = library.assessment_info(assessment_id)
        earlier = [a for a in library.assessments(info.firm_id)
                   if a.id != assessment_id and a.framework_id == assessment.framework_id
                   and (a.assessed_on, a.id) < (info.assessed_on, info.id)]
        return library.load_assessment(earlier[-1].id) if earlier else None
    except Exception:  # an overlay is a nicety; a damaged older record must not stop the view
        log.exception("the previous assessment of %s cannot be read", assessment_id)
        return None


class AssessmentView(QWidget):
    """The workspace for one assessment.

    Steps (keys): ``profile``, ``details``, ``dim:<dimension id>`` for each dimension with
    questions for this firm, ``review``, ``results``, ``plan``. Keyboard: Alt+Right or
    Ctrl+Enter next step, Alt+Left previous step, Ctrl+S save.

    ``exportRequested(kind)`` passes on the export buttons of the results and plan pages
    (``plan``, ``report``, ``template``); whoever hosts the view does the exporting.
    """

    stepChanged = Signal(str)
    firmChanged = Signal(int)  # the assessment was moved to this firm (the same firm, the user said)
    exportRequested = Signal(str)  # plan, report or template, from the results or plan page
    newVersionRequested = Signal(int)  # a signed-off assessment: make a new version of it (this id)

    def __init__(self, library: Any, assessment_id: int | None, parent: QWidget | None = None, *,
                 session: AssessmentSession | None = None, language: str | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.assessment_id = assessment_id
        if session is None:
            if library is None or assessment_id is None:
                raise ValueError("AssessmentView needs a library and an assessment id, or a session")
            assessment = library.load_assessment(assessment_id)
            session = AssessmentSession(
                assessment, save=lambda a: library.save_assessment(assessment_id, a),
                previous=previous_from_library(library, assessment_id, assessment), parent=self)
        self.session = session
        self.lang = language or i18n.current_language()
        self._follow_app_language = language is None
        self.evidence_store: EvidenceStore = (LibraryEvidence(library, assessment_id, self)
                                              if library is not None and assessment_id is not None
                                              else EvidenceStore())
        self.setStyleSheet(STYLE % {"warning": theme.warning_colour()})
        self._root = QHBoxLayout(self)
        self._root.setContentsMargins(6, 6, 6, 6)
        self._content: QWidget | None = None
        self.pages: dict[str, QWidget] = {}
        self._steps: list[str] = []
        self._build()
        session.changed.connect(self._changed)
        session.structureChanged.connect(self._structure_changed)
        session.saved.connect(lambda: self.side.show_saved(True))
        session.saveFailed.connect(lambda msg: self.side.show_saved(False, msg))
        i18n.notifier().changed.connect(self._app_language_changed)
        for keys, slot in ((("Alt+Right", "Ctrl+Return", "Ctrl+Enter"), self.next_step),
                           (("Alt+Left",), self.previous_step), ((QKeySequence.StandardKey.Save,), self.save)):
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(slot)
        self.go_to(self._resume_step(), remember=False)

    @classmethod
    def in_memory(cls, assessment: Assessment, parent: QWidget | None = None, *, language: str | None = None,
                  previous: Assessment | None = None) -> AssessmentView:
        """A view on an assessment kept in memory only (tests, previews)."""
        session = AssessmentSession(assessment, previous=previous)
        view = cls(None, None, parent, session=session, language=language)
        session.setParent(view)
        return view

    # ---------------------------------------------------------------- building

    def _build(self) -> None:
        old = self._content
        content = QWidget(self)
        self._content = content
        layout = QHBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)

        left = QVBoxLayout()
        steps_label = QLabel(self.tr("S&teps"), content)
        self.step_list = QListWidget(content)
        self.step_list.setObjectName("stepList")
        self.step_list.setMaximumWidth(230)
        self.step_list.setMinimumWidth(180)
        self.step_list.setWordWrap(True)  # long English step names wrap rather than run off the side
        self.step_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.step_list.setAccessibleName(self.tr("Steps"))
        self.step_list.setAccessibleDescription(self.tr("The steps of the assessment; choosing one goes there"))
        steps_label.setBuddy(self.step_list)
        left.addWidget(steps_label)
        left.addWidget(self.step_list, 1)
        self.side = SidePanel(self.lang, content)
        self.side.setMaximumWidth(230)
        left.addWidget(self.side)
        layout.addLayout(left)

        centre = QVBoxLayout()
        self.frozen_bar = QFrame(content)
        self.frozen_bar.setObjectName("frozenBar")
        self.frozen_bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.frozen_label = QLabel(self.frozen_bar)
        self.frozen_label.setTextFormat(Qt.TextFormat.PlainText)  # names are never HTML
        self.frozen_label.setWordWrap(True)
        self.new_version_button = QPushButton(self.tr("&New version…"), self.frozen_bar)
        self.new_version_button.setAccessibleName(self.tr("New version"))
        self.new_version_button.setAccessibleDescription(self.tr(
            "Starts a new, unsigned assessment from these answers; this signed-off one stays as it is"))
        self.new_version_button.clicked.connect(self._new_version)
        bar = QHBoxLayout(self.frozen_bar)
        bar.addWidget(self.frozen_label, 1)
        bar.addWidget(self.new_version_button)
        centre.addWidget(self.frozen_bar)
        self.stack = QStackedWidget(content)
        size_to_current_page(self.stack)  # a wide page (the plan) does not widen the others
        centre.addWidget(self.stack, 1)
        nav = QHBoxLayout()
        self.back_button = QPushButton(self.tr("< &Back"), content)
        self.back_button.setAccessibleName(self.tr("Back"))
        self.back_button.setAccessibleDescription(self.tr("Previous step (Alt+Left)"))
        self.back_button.setToolTip(self.tr("Previous step (Alt+Left)"))
        self.next_button = QPushButton(self.tr("&Next >"), content)
        self.next_button.setAccessibleName(self.tr("Next"))
        self.next_button.setAccessibleDescription(self.tr("Next step (Alt+Right or Ctrl+Enter)"))
        self.next_button.setToolTip(self.tr("Next step (Alt+Right or Ctrl+Enter)"))
        self.save_button = QPushButton(self.tr("&Save"), content)
        self.save_button.setAccessibleName(self.tr("Save"))
        self.save_button.setAccessibleDescription(self.tr("Every change is saved at once; this saves again (Ctrl+S)"))
        self.save_button.setToolTip(self.tr("Every change is saved at once; this saves again (Ctrl+S)"))
        self.position = QLabel(content)
        self.position.setTextFormat(Qt.TextFormat.PlainText)
        self.review_next_button = QPushButton(self.tr("Next to revie&w"), content)
        self.review_next_button.setAccessibleName(self.tr("Next to review"))
        self.review_next_button.setAccessibleDescription(self.tr(
            "Goes to the next answer carried over from the earlier assessment that nobody has checked again"))
        self.review_next_button.clicked.connect(self.next_to_review)
        nav.addWidget(self.back_button)
        nav.addWidget(self.review_next_button)
        nav.addWidget(self.position, 1, Qt.AlignmentFlag.AlignCenter)
        nav.addWidget(self.save_button)
        nav.addWidget(self.next_button)
        centre.addLayout(nav)
        layout.addLayout(centre, 1)

        self.back_button.clicked.connect(self.previous_step)
        self.next_button.clicked.connect(self.next_step)
        self.save_button.clicked.connect(self.save)
        self.step_list.currentRowChanged.connect(self._row_changed)

        self.pages = {}
        self.profile_page = ProfilePage(self.session, self.lang, self.stack)
        self.details_page = DetailsPage(self.session, self.lang, self.stack)
        self._add_page("profile", self.profile_page)
        for edit in (self.profile_page.name, self.profile_page.credit_code, self.profile_page.region):
            edit.editingFinished.connect(self._check_same_firm)
        self._add_page("details", self.details_page)
        self._build_question_pages()
        self._root.addWidget(content)
        if old is not None:
            self._root.removeWidget(old)
            old.hide()
            old.deleteLater()
        self.side.show_result(self.session.result)
        self.side.show_saved(not self.session.dirty)
        self._order_tabs()

    def _add_page(self, key: str, page: QWidget) -> None:
        self.pages[key] = page
        self.stack.addWidget(page)

    def _build_question_pages(self) -> None:
        """The dimension pages, review, results and plan: everything that depends on the questions."""
        session = self.session
        fw = session.framework
        questions = session.questions()
        self.numbers = {q.id: i + 1 for i, q in enumerate(questions)}
        if self.stack.currentWidget() not in (self.profile_page, self.details_page):
            # removing the page shown would show the next one, which made its cards only to be deleted; the
            # caller shows the new page in its place (_structure_changed) before anything is painted, else the
            # details stay, where removing every later page left the stack before
            self.stack.setCurrentWidget(self.details_page)
        for key in [k for k in self.pages if k not in ("profile", "details")]:
            page = self.pages.pop(key)
            self.stack.removeWidget(page)
            page.deleteLater()
        self.section_pages: dict[str, SectionPage] = {}
        for dim in fw.dimensions:
            qs = [q for q in questions if fw.dimension_of[q.id] == dim]
            if not qs:
                continue
            page = SectionPage(session, dim, qs, self.numbers, self.lang, self.evidence_store, self.stack)
            page.built.connect(lambda page=page: self._page_built(page))
            self.section_pages[dim] = page
            self._add_page(f"dim:{dim}", page)
        self.review_page = ReviewPage(session, self.numbers, self.lang, self.stack)
        self.review_page.jumpToQuestion.connect(self.go_to_question)
        self.review_page.jumpToStep.connect(self.go_to)
        self._add_page("review", self.review_page)
        self.results_page: Any = _Placeholder(self.stack)
        self._add_page("results", self.results_page)
        self.plan_page: Any = _Placeholder(self.stack)
        self._add_page("plan", self.plan_page)
        self._steps = list(self.pages)
        self._evidence_targets = [(q.id, f"{self.numbers[q.id]}. {q.label.get(self.lang)}") for q in questions]
        self._add_review_marks()
        self._fill_step_list()
        self._show_frozen()

    def _page_built(self, page: SectionPage) -> None:
        """A question page made on its first showing gets what the view adds to its cards."""
        self._wire_evidence_moves(page)
        self._add_review_marks_to(page)
        self._freeze(page)

    def _wire_evidence_moves(self, page: SectionPage) -> None:
        for card in page.cards.values():
            card.evidence_targets = self._evidence_targets
            card.evidenceMoved.connect(self._evidence_moved)

    def _evidence_moved(self, ref: str, to_question: str) -> None:
        """A file moved to another question: that answer lists it now."""
        from dataclasses import replace

        from smedigital.core.answers import Answer

        answer = self.session.answer(to_question) or Answer()
        if ref not in answer.evidence:
            self.session.set_answer(to_question, replace(answer, evidence=(*answer.evidence, ref)))
        for page in self.section_pages.values():
            if page.is_built and to_question in page.cards:  # a page not made yet loads it when it is
                page.cards[to_question].load(self.session.answer(to_question))

    # ---------------------------------------------------------------- carried over or reviewed

    def carried_from(self) -> Assessment | None:
        """The earlier assessment this one was made from (a re-assessment: ``previous`` is set), or None."""
        if not getattr(self.session.assessment, "previous", None):
            return None
        return self.session.previous

    def reviewed(self) -> set[str]:
        if self.library is None or self.assessment_id is None:
            return set(getattr(self, "_reviewed_here", set()))
        return set(settings.ASSESSMENT_REVIEWED.of(self.assessment_id).get(self.library))

    def set_reviewed(self, question_id: str, on: bool = True) -> None:
        done = self.reviewed()
        done = done | {question_id} if on else done - {question_id}
        self._reviewed_here = done
        if self.library is not None and self.assessment_id is not None:
            settings.ASSESSMENT_REVIEWED.of(self.assessment_id).remember(self.library, sorted(done))
        self._show_review_mark(question_id)
        self._update_step_marks(self.session.result)

    def to_review(self) -> list[str]:
        """The questions, in order, whose answer was carried over and not checked again yet."""
        if self.carried_from() is None:
            return []
        done = self.reviewed()
        return [qid for page in self.section_pages.values() for qid in page.question_ids if qid not in done]

    def _add_review_marks(self) -> None:
        """On a re-assessment, a box on each question card: "carried over from <date>", ticked once the answer
        was checked again (editing it ticks it); answers changed since show so."""
        self._review_boxes: dict[str, QCheckBox] = {}
        earlier = self.carried_from()
        self.review_next_button.setVisible(earlier is not None)
        for page in self.section_pages.values():
            if page.is_built:  # the others get theirs when they are made (_page_built)
                self._add_review_marks_to(page)

    def _add_review_marks_to(self, page: SectionPage) -> None:
        if self.carried_from() is None:
            return
        for qid, card in page.cards.items():
            box = QCheckBox(card)
            box.toggled.connect(lambda on, q=qid: self.set_reviewed(q, on))
            card.answerEdited.connect(self._edited_is_reviewed)
            layout = card.layout()
            if isinstance(layout, QVBoxLayout):  # a QuestionCard's
                layout.insertWidget(1, box)
            self._review_boxes[qid] = box
            self._show_review_mark(qid)

    def _edited_is_reviewed(self, question_id: str, _answer: object) -> None:
        box = self._review_boxes.get(question_id)
        if box is not None and not box.isChecked():
            box.setChecked(True)
        elif box is not None:
            self._show_review_mark(question_id)  # changed or not since the earlier assessment

    def _show_review_mark(self, question_id: str) -> None:
        box = getattr(self, "_review_boxes", {}).get(question_id)
        earlier = self.carried_from()
        if box is None or earlier is None:
            return
        done = question_id in self.reviewed()
        changed = earlier.answers.get(question_id) != self.session.assessment.answers.get(question_id)
        if done and changed:
            text = self.tr("Reviewed: changed since %1").replace("%1", earlier.assessed_on)
        elif done:
            text = self.tr("Reviewed: still true since %1").replace("%1", earlier.assessed_on)
        else:
            text = self.tr("Carried over from %1: tick when checked again").replace("%1", earlier.assessed_on)
        box.blockSignals(True)
        box.setChecked(done)
        box.blockSignals(False)
        box.setText(text)
        box.setAccessibleName(text)

    def next_to_review(self) -> str | None:
        """Go to the next carried-over answer nobody has checked again; None when every one was."""
        left = self.to_review()
        if not left:
            self.position.setText(self.tr("Every carried-over answer was checked again"))
            return None
        self.go_to_question(left[0])
        card = next(p.cards[left[0]] for p in self.section_pages.values() if left[0] in p.question_ids)
        box = self._review_boxes.get(left[0])
        (box or card).setFocus()
        return left[0]

    def is_read_only(self) -> bool:
        """A signed-off assessment (a baseline the firm and the 服务商 agreed on): its answers cannot change."""
        return bool(getattr(self.session.assessment, "is_signed_off", False))

    def _show_frozen(self) -> None:
        """A signed-off assessment opens read-only: its profile and answers are shown but cannot be edited,
        and a bar says so and offers a new version. The results and plan stay usable."""
        frozen = self.is_read_only()
        self.frozen_bar.setVisible(frozen)
        if frozen:
            signed = self.session.assessment.signed_off or {}
            self.frozen_label.setText(self.tr(
                "Signed off by %1 on %2: this assessment is read-only. To change answers, make a new version; "
                "this one stays as it was agreed.").replace("%1", str(signed.get("by") or "?")).replace(
                "%2", str(signed.get("date") or "?")))
            self.frozen_label.setAccessibleName(self.frozen_label.text())
        self.new_version_button.setVisible(frozen and self.assessment_id is not None)
        for page in (self.profile_page, self.details_page, *self.section_pages.values()):
            self._freeze(page)

    def _freeze(self, page: QWidget) -> None:
        """The answers on ``page``, not the page, are read-only when the assessment is signed off: its scroll
        bar and help stay usable, so everything can be read. A question page not made yet is done when it is."""
        if isinstance(page, SectionPage) and not page.is_built:
            return
        frozen = self.is_read_only()
        bodies = [body for area in page.findChildren(QScrollArea) if (body := area.widget()) is not None]
        for body in bodies or [page]:
            body.setEnabled(not frozen)

    def _new_version(self) -> None:
        if self.assessment_id is not None:
            self.save()
            self.newVersionRequested.emit(self.assessment_id)

    def _fill_step_list(self) -> None:
        fw = self.session.framework
        current = self.current_step() if self.step_list.count() else None
        self.step_list.blockSignals(True)
        self.step_list.clear()
        for key in self._steps:
            self.step_list.addItem(QListWidgetItem(self._step_title(key, fw)))
        if current in self._steps:
            self.step_list.setCurrentRow(self._steps.index(current))
        self.step_list.blockSignals(False)
        self._update_step_marks(self.session.result)

    def _step_title(self, key: str, fw: Any) -> str:
        if key.startswith("dim:"):
            return fw.sections[key[4:]].title.get(self.lang)
        return {"profile": self.tr("Firm and framework"), "details": self.tr("Interview"),
                "review": self.tr("Review"), "results": self.tr("Results"),
                "plan": self.tr("Improvement plan")}[key]

    def _update_step_marks(self, result: Result) -> None:
        fw = self.session.framework
        for row, key in enumerate(self._steps):
            item = self.step_list.item(row)
            if item is None:
                continue
            title = self._step_title(key, fw)
            if key.startswith("dim:"):
                page = self.section_pages.get(key[4:])
                if page is None:
                    continue
                total = len(page.question_ids)
                done = sum(1 for qid in page.question_ids if result.questions[qid].answered)
                mark = "✓" if done == total else "○"
                unchecked = len([q for q in self.to_review() if q in page.question_ids]) \
                    if hasattr(self, "_review_boxes") else 0
                if unchecked:
                    title = self.tr("%1 · %2 to review").replace("%1", title).replace("%2", str(unchecked))
                item.setText(f"{mark} {title} ({done}/{total})")
                item.setData(Qt.ItemDataRole.AccessibleTextRole,
                             self.tr("%1: %2 of %3 answered").replace("%1", title).replace("%2", str(done)).replace(
                                 "%3", str(total)))
            else:
                item.setText(f"   {title}")
                item.setData(Qt.ItemDataRole.AccessibleTextRole, title)

    def _ensure_page(self, key: str) -> QWidget:
        """A question page makes its cards, and results and plan are built, on first visit (the charts load
        matplotlib)."""
        page = self.pages[key]
        if isinstance(page, SectionPage):
            page.ensure_built()  # before it is shown: its cards are shown with it
        if not isinstance(page, _Placeholder):
            return page
        if key == "results":
            from .dashboard import ResultsPage

            real: QWidget = ResultsPage(self.session, self.lang, self._history_source(), self.stack)
            self.results_page = real
        else:
            from .plan_page import PlanPage

            real = PlanPage(self.session, self.lang, self.stack)
            self.plan_page = real
        real.exportRequested.connect(self.exportRequested)  # type: ignore[attr-defined]  # a PlanPage, imported lazily
        index = self.stack.indexOf(page)
        self.stack.insertWidget(index, real)
        self.stack.removeWidget(page)
        page.deleteLater()
        self.pages[key] = real
        return real

    def _history_source(self) -> Any:
        library, aid = self.library, self.assessment_id
        if library is None or aid is None:
            return None

        def points() -> list[tuple[str, float, int]]:
            out: list[tuple[str, float, int]] = []
            try:
                info = library.assessment_info(aid)
                rows = library.assessments(info.firm_id)
            except Exception:  # history is a nicety
                log.exception("the history of assessment %s cannot be read", aid)
                return out
            fid = self.session.assessment.framework_id
            for a in rows:
                if a.id == aid:
                    r = self.session.result
                    out.append((self.session.assessment.assessed_on or a.assessed_on, float(r.total_score),
                                r.level_index))
                elif a.framework_id == fid and a.total_score is not None:
                    out.append((a.assessed_on, float(a.total_score), int(a.level_index or 0)))
            return out

        return points

    # ---------------------------------------------------------------- the same firm twice

    def _check_same_firm(self) -> None:
        """When the firm as now typed (credit code, or name and region) is another firm already in
        the library, ask whether they are one; yes moves this assessment to it. Asked once per firm."""
        library, aid = self.library, self.assessment_id
        if library is None or aid is None or getattr(self, "_asking_same_firm", False):
            return
        try:
            own = library.assessment_info(aid).firm_id
            other = library.similar_firm(self.session.assessment.company, exclude=own)
        except Exception:  # a convenience; the assessment is saved either way
            log.exception("cannot look for the same firm")
            return
        declined: set[int] = self.__dict__.setdefault("_declined_firms", set())
        if other is None or other.id in declined:
            return
        declined.add(other.id)
        about = ", ".join(x for x in (other.credit_code, other.region) if x)
        self._asking_same_firm = True
        try:
            same = messages.ask(self, self.tr("Firm already in the library"), self.tr(
                "“%1”%2 is already in the library with the same credit code, or the same name and region. Is it "
                "the firm being assessed? Yes makes this assessment one of that firm's; No keeps the two apart.")
                .replace("%1", other.name).replace("%2", f" ({about})" if about else ""))
        finally:
            self._asking_same_firm = False
        if not same:
            return
        try:
            library.move_assessment(aid, other.id)
        except Exception as exc:  # noqa: BLE001 - LibraryError and the like: said, nothing moved
            messages.show_error(self, self.tr("Firm already in the library"), messages.error_text(exc))
            return
        self.firmChanged.emit(other.id)

    # ---------------------------------------------------------------- navigation

    @property
    def steps(self) -> list[str]:
        return list(self._steps)

    def current_step(self) -> str:
        row = self.step_list.currentRow()
        return self._steps[row] if 0 <= row < len(self._steps) else self._steps[0]

    def go_to(self, key: str, remember: bool = True) -> None:
        """Show a step (``profile``, ``details``, ``dim:<id>``, ``review``, ``results``, ``plan``)."""
        if key not in self._steps:
            key = self._steps[0]
        row = self._steps.index(key)
        if self.step_list.currentRow() != row:
            self.step_list.setCurrentRow(row)  # → _row_changed
        else:
            self._show_row(row, remember)

    def _row_changed(self, row: int) -> None:
        if 0 <= row < len(self._steps):
            self._show_row(row, True)

    def _show_row(self, row: int, remember: bool) -> None:
        self.flush()
        key = self._steps[row]
        page = self._ensure_page(key)
        if key == "review":
            self.review_page.refresh(self.session.result)
        self.stack.setCurrentWidget(page)
        self.back_button.setEnabled(row > 0)
        self.next_button.setEnabled(row < len(self._steps) - 1)
        self.position.setText(self.tr("Step %1 of %2").replace("%1", str(row + 1)).replace(
            "%2", str(len(self._steps))))
        if remember and self.library is not None and self.assessment_id is not None:
            settings.ASSESSMENT_STEP.of(self.assessment_id).remember(self.library, key)  # a convenience
        self._order_tabs()
        self.stepChanged.emit(key)

    def _order_tabs(self) -> None:
        """Tab goes step list → the page's content → Back, Next to review, Save, Next (as they stand, left to
        right). Qt orders Tab by creation, and the pages (some built on first visit, like results and plan) come
        after the buttons, and a page may add widgets later (the plan's charts): the buttons are moved to the end
        of the window's chain, behind every page, when a step is shown and at each Tab
        (:meth:`focusNextPrevChild`)."""
        buttons = (self.back_button, self.review_next_button, self.save_button, self.next_button)
        window = self.window()
        last = window.previousInFocusChain()
        while last is not None and last is not window and last.focusPolicy() == Qt.FocusPolicy.NoFocus:
            last = last.previousInFocusChain()  # setTabOrder ignores a widget that takes no focus
        if last is None or last is self.next_button or last is window:
            return
        previous: QWidget = last
        for button in buttons:
            QWidget.setTabOrder(previous, button)
            previous = button

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802 - Qt's name and signature
        self._order_tabs()
        return super().focusNextPrevChild(next)

    def next_step(self) -> None:
        row = self._steps.index(self.current_step())
        if row < len(self._steps) - 1:
            self.go_to(self._steps[row + 1])
            self._focus_page()

    def previous_step(self) -> None:
        row = self._steps.index(self.current_step())
        if row > 0:
            self.go_to(self._steps[row - 1])
            self._focus_page()

    def _focus_page(self) -> None:
        """Move the focus into the new page, unless it is on the step list or the buttons."""
        focus = self.focusWidget()
        if focus in (self.step_list, self.back_button, self.next_button, self.save_button):
            return
        page = self.stack.currentWidget()
        if page is not None:
            page.setFocus(Qt.FocusReason.TabFocusReason)
            page.focusNextChild()

    def go_to_question(self, question_id: str) -> None:
        fw = self.session.framework
        dim = fw.dimension_of.get(question_id)
        if dim is None or dim not in self.section_pages:
            return
        self.go_to(f"dim:{dim}")
        self.section_pages[dim].focus_question(question_id)

    def _resume_step(self) -> str:
        """Where to start: the step last shown (the library's settings: the one place that says where the
        user was), else the first place with work left."""
        if self.library is not None and self.assessment_id is not None:
            key = settings.ASSESSMENT_STEP.of(self.assessment_id).get(self.library)
            if key in self._steps:
                return key
        a = self.session.assessment
        if not a.company.name or not a.company.industry:
            return "profile"
        result = self.session.result
        for dim, page in self.section_pages.items():
            if page.first_unanswered(result):
                return f"dim:{dim}"
        return "results" if result.complete else "profile"

    # ---------------------------------------------------------------- reacting

    def _changed(self, result: Result) -> None:
        self.side.show_result(result)
        for page in self.section_pages.values():
            page.refresh(result)
        if self.stack.currentWidget() is self.review_page:
            self.review_page.refresh(result)
        self._update_step_marks(result)

    def _structure_changed(self) -> None:
        current = self.current_step()
        self._build_question_pages()
        self.side.show_result(self.session.result)
        if current in self._steps:
            row = self._steps.index(current)
            self.step_list.blockSignals(True)
            self.step_list.setCurrentRow(row)
            self.step_list.blockSignals(False)
            self.stack.setCurrentWidget(self._ensure_page(current))

    def _app_language_changed(self, lang: str) -> None:
        if self._follow_app_language:
            self.set_language(lang)

    def set_language(self, lang: str) -> None:
        """Show the interface and the framework's texts in ``lang`` (``zh`` or ``en``)."""
        current = self.current_step()
        self.flush()
        self.lang = lang
        self._build()
        self.go_to(current, remember=False)

    # ---------------------------------------------------------------- saving

    def flush(self) -> None:
        """Commit notes still waiting for their short typing delay."""
        for page in getattr(self, "section_pages", {}).values():
            page.flush()

    def save(self) -> bool:
        """Save now (Ctrl+S); every change is saved at once anyway."""
        self.flush()
        return self.session.save()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt override
        self.flush()
        super().hideEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.flush()
        super().closeEvent(event)

    # ---------------------------------------------------------------- for tests and tools

    @property
    def review_boxes(self) -> dict[str, QCheckBox]:
        """The "carried over" box of each question card on a re-assessment (every question page made now)."""
        for page in self.section_pages.values():
            page.ensure_built()
        return dict(self._review_boxes)

    def question_cards(self) -> Sequence[Any]:
        return [c for p in self.section_pages.values() for c in p.cards.values()]

    def card(self, question_id: str) -> Any:
        for page in self.section_pages.values():
            if question_id in page.question_ids:
                return page.cards[question_id]
        raise KeyError(question_id)


class _Placeholder(QWidget):
    """Stands for a page built on first visit."""
