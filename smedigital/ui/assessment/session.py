"""The assessment being edited: one Assessment, its score, and saving every change at once.

The session owns the answers (the pages only show them). Every change goes
through it: the new ``Assessment`` is built with the core's immutable methods,
scored again, saved through the ``save`` callback (the Library, or nothing in
memory-only use), and announced with ``changed(result)``.

Answers that stop counting because the firm's industry (and so its sector
modules) or the framework changed are not thrown away: they are kept aside for
the session and come back if the change is undone. They are not saved while
set aside, because an assessment file may only hold answers that apply.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Signal

from smedigital.core.answers import Answer
from smedigital.core.assessment import Assessment, Company
from smedigital.core.framework import Framework, Question, get_framework
from smedigital.core.scoring import Result
from smedigital.core.shared_inputs import Conflict, reconcile, spread

log = logging.getLogger("smedigital.ui.assessment")

SaveCallback = Callable[[Assessment], Any]


class AssessmentSession(QObject):
    """Holds the current assessment, re-scores it on every change and saves it at once.

    Signals:
        changed(result): after every change, with the new ``Result``.
        answerChanged(question_id): an answer was set (also emitted for restores).
        structureChanged(): the framework or the applicable modules changed; pages must be rebuilt.
        detailsChanged(): company, assessor, respondents, pledge or plan changed.
        saved(): the save callback returned.
        saveFailed(message): the save callback raised; the change is kept in memory.
    """

    changed = Signal(object)
    answerChanged = Signal(str)
    structureChanged = Signal()
    detailsChanged = Signal()
    saved = Signal()
    saveFailed = Signal(str)

    def __init__(self, assessment: Assessment, save: SaveCallback | None = None,
                 previous: Assessment | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        fw = get_framework(assessment.framework_id)
        answers, self.shared_conflicts = reconcile(fw, assessment.answers,
                                                   fw.questions_for(assessment.modules(fw)))
        if answers != dict(assessment.answers) and not assessment.signed_off:  # an older file, figure typed twice
            assessment = replace(assessment, answers=answers)
        self.shared_conflicts: list[Conflict]
        self._assessment = assessment
        self._save = save
        self._previous = previous
        self._aside: dict[tuple[str, str], Answer] = {}
        self._plans_aside: dict[str, Mapping[str, Any]] = {}
        self._result = assessment.score()
        self._previous_result: Result | None = None
        self._dirty = False

    # ----------------------------------------------------------------- reading

    @property
    def assessment(self) -> Assessment:
        return self._assessment

    @property
    def result(self) -> Result:
        return self._result

    @property
    def framework(self) -> Framework:
        return get_framework(self._assessment.framework_id)

    @property
    def modules(self) -> frozenset[str]:
        return self._assessment.modules(self.framework)

    @property
    def previous(self) -> Assessment | None:
        """The firm's assessment before this one (for overlays), if known."""
        return self._previous

    def set_previous(self, previous: Assessment | None) -> None:
        self._previous = previous
        self._previous_result = None

    @property
    def previous_result(self) -> Result | None:
        """The previous assessment's result, when it used the same framework."""
        prev = self._previous
        if prev is None or prev.framework_id != self._assessment.framework_id:
            return None
        if self._previous_result is None:
            self._previous_result = prev.score(explain=False)
        return self._previous_result

    @property
    def dirty(self) -> bool:
        """True when the last save failed (or nothing saves), so the disk copy is older."""
        return self._dirty

    def questions(self) -> list[Question]:
        """The questions that apply to this firm, in framework order."""
        return self.framework.questions_for(self.modules)

    def answer(self, question_id: str) -> Answer | None:
        return self._assessment.answers.get(question_id)

    # ----------------------------------------------------------------- changing

    def set_answer(self, question_id: str, answer: Answer | None) -> None:
        """Set (or with None / an empty answer, clear) one answer, re-score and save."""
        current = self._assessment.answers.get(question_id)
        if answer == current or (current is None and (answer is None or _blank(answer))):
            return
        new = self._assessment.with_answer(question_id, answer)
        copies = spread(self.framework, new.answers, question_id, self.questions())
        for other, copy in copies.items():  # a shared figure (e.g. last year's revenue) is one value
            new = new.with_answer(other, copy)
        self._commit(new)
        self.answerChanged.emit(question_id)
        for other in copies:
            self.answerChanged.emit(other)

    def set_company(self, company: Company) -> None:
        """Change the firm's profile; answers of modules that stop applying are set aside."""
        if company == self._assessment.company:
            return
        fw = self.framework
        before = fw.modules_for(self._assessment.company.industry_section)
        after = fw.modules_for(company.industry_section)
        answers = dict(self._assessment.answers)
        if before != after:
            for q in fw.questions:
                if q.module is None:
                    continue
                key = (fw.id, q.id)
                if q.module not in after and q.id in answers:
                    self._aside[key] = answers.pop(q.id)
                elif q.module in after and q.id not in answers and key in self._aside:
                    answers[q.id] = self._aside.pop(key)
        self._commit(replace(self._assessment, company=company, answers=answers), announce=False)
        if before != after:
            self.structureChanged.emit()  # pages first, so that they are there for the new result
        self.changed.emit(self._result)
        self.detailsChanged.emit()

    def set_framework(self, framework_id: str) -> None:
        """Switch to another framework; this one's answers and plan are set aside for the session."""
        old = self._assessment
        if framework_id == old.framework_id:
            return
        fw = get_framework(framework_id)
        for qid, a in old.answers.items():
            self._aside[(old.framework_id, qid)] = a
        if old.plan is not None:
            self._plans_aside[old.framework_id] = old.plan
        modules = fw.modules_for(old.company.industry_section)
        answers = {}
        for q in fw.questions_for(modules):
            a = self._aside.pop((fw.id, q.id), None)
            if a is not None:
                answers[q.id] = a
        plan = self._plans_aside.pop(fw.id, None)
        self._previous_result = None
        self._commit(replace(old, framework_id=fw.id, framework_version=fw.version, answers=answers, plan=plan),
                     announce=False)
        self.structureChanged.emit()
        self.changed.emit(self._result)
        self.detailsChanged.emit()

    def set_details(self, *, assessor: str | None = None, assessed_on: str | None = None,
                    respondents: Sequence[Mapping[str, str]] | None = None,
                    pledge: Mapping[str, str] | None | bool = False) -> None:
        """Change the consultant's details; arguments left out stay as they are
        (``pledge=None`` removes the pledge, leaving it out keeps it)."""
        a = self._assessment
        changes: dict[str, Any] = {}
        if assessor is not None and assessor != a.assessor:
            changes["assessor"] = assessor
        if assessed_on is not None and assessed_on != a.assessed_on:
            changes["assessed_on"] = assessed_on
        if respondents is not None:
            rows = tuple(dict(r) for r in respondents)
            if rows != tuple(dict(r) for r in a.respondents):
                changes["respondents"] = rows
        if pledge is not False and pledge != a.pledge:
            changes["pledge"] = dict(pledge) if pledge else None
        if changes:
            self._commit(replace(a, **changes))
            self.detailsChanged.emit()

    def set_plan(self, plan: Mapping[str, Any] | None) -> None:
        """Store the improvement plan (a JSON-ready mapping) with the assessment."""
        if plan == self._assessment.plan:
            return
        self._commit(replace(self._assessment, plan=dict(plan) if plan is not None else None), rescore=False)
        self.detailsChanged.emit()

    def save(self) -> bool:
        """Save now (Ctrl+S); True when the save callback succeeded or there is none."""
        return self._persist()

    # ----------------------------------------------------------------- inside

    def _commit(self, assessment: Assessment, rescore: bool = True, announce: bool = True) -> None:
        self._assessment = assessment
        if rescore:
            self._result = assessment.score()
        self._persist()
        if announce:
            self.changed.emit(self._result)

    def _persist(self) -> bool:
        if self._save is None:
            self._dirty = False
            self.saved.emit()
            return True
        try:
            self._save(self._assessment)
        except Exception as exc:  # noqa: BLE001 - any storage failure: keep working in memory, say so
            log.exception("saving the assessment failed")
            self._dirty = True
            self.saveFailed.emit(str(exc) or type(exc).__name__)
            return False
        self._dirty = False
        self.saved.emit()
        return True


def _blank(answer: Answer) -> bool:
    return answer.is_empty and not answer.note and not answer.evidence
