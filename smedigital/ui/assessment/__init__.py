"""The assessment workspace: the wizard over a firm's profile and the framework's questions,
the live score, the results dashboard and the improvement plan.

Public API: :class:`AssessmentView` (the widget the main window hosts) and
:class:`AssessmentSession` (the assessment being edited, re-scored and saved on every change).
"""

from .session import AssessmentSession
from .view import AssessmentView

__all__ = ["AssessmentSession", "AssessmentView"]
