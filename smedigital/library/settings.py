"""The app's settings, declared once: each value the program keeps between runs, with its name, type and default.

The values live in the library's ``app_state`` table (:meth:`Library.get_state`, JSON); this module is the
only way the interface reads or writes them. Reading never fails: a value that is missing, not valid JSON,
of the wrong type or out of range (a file edited by hand, a library from another version) reads as the
setting's default. Writing a value the setting cannot hold is a programming error (``TypeError``); writing
``None`` forgets the value, so the default applies again.

Where the user was is kept in one place: the assessment open when the program stopped
(:data:`LAST_ASSESSMENT`) and, for each assessment, the step shown last (:data:`ASSESSMENT_STEP`), which
the assessment view resumes at whether it is opened from the list or when the program starts again.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from .frozen import Frozen
from .library import Library, LibraryError

log = logging.getLogger(__name__)

T = TypeVar("T")


def _is_str(value: Any) -> bool:
    return isinstance(value, str)


def _is_id(value: Any) -> bool:
    """A database row id: a positive int (JSON's true is not one)."""
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _is_dict(value: Any) -> bool:
    return isinstance(value, dict)


def _one_of(*allowed: str) -> Callable[[Any], bool]:
    return lambda value: isinstance(value, str) and value in allowed


def _int_between(low: int, high: int) -> Callable[[Any], bool]:
    return lambda value: isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def _fresh(default: T) -> T:
    """The default to hand out: a copy of a list or dict (a caller may change it), a plain value as it is."""
    if default is None or isinstance(default, (str, int, float)):
        return default
    import copy  # here: the first window's settings have plain defaults

    return copy.deepcopy(default)


class Setting(Frozen, Generic[T]):
    """One stored value: its key in the library's app state, its default and what a valid value is."""

    _FIELDS = __match_args__ = ("key", "default", "valid", "doc")
    key: str
    default: T
    valid: Callable[[Any], bool]
    doc: str

    def __init__(self, key: str, default: T, valid: Callable[[Any], bool], doc: str = "") -> None:
        super().__init__(key, default, valid, doc)

    def get(self, library: Library) -> T:
        """The stored value, or the default when there is none or it is not a valid one."""
        try:
            value = library.get_state(self.key)
        except (LibraryError, sqlite3.Error):
            log.warning("cannot read the setting %s", self.key, exc_info=True)
            value = None
        if value is None or not self.valid(value):
            if value is not None:
                log.info("the stored %s is not valid (%r); using the default", self.key, value)
            return _fresh(self.default)
        return value  # JSON gives Any; self.valid checked that it is a T

    def set(self, library: Library, value: T | None) -> None:
        """Store ``value`` (``None`` forgets it); raises LibraryError when the library cannot be written."""
        if value is not None and not self.valid(value):
            raise TypeError(f"{value!r} is not a valid value of the setting {self.key}")
        library.set_state(self.key, value)

    def remember(self, library: Library, value: T | None) -> bool:
        """:meth:`set` for conveniences: a library that cannot be written (a full disk) costs only this
        value, logged; returns whether it was stored."""
        try:
            self.set(library, value)
        except (LibraryError, sqlite3.Error):
            log.exception("cannot remember %s", self.key)
            return False
        return True


class PerAssessment(Frozen, Generic[T]):
    """A setting kept for each assessment: ``of(assessment_id)`` is that assessment's :class:`Setting`."""

    _FIELDS = __match_args__ = ("pattern", "default", "valid", "doc")
    pattern: str  # the key with {} for the assessment's id
    default: T
    valid: Callable[[Any], bool]
    doc: str

    def __init__(self, pattern: str, default: T, valid: Callable[[Any], bool], doc: str = "") -> None:
        super().__init__(pattern, default, valid, doc)

    def of(self, assessment_id: int) -> Setting[T]:
        return Setting(self.pattern.format(assessment_id), self.default, self.valid, self.doc)


# --------------------------------------------------------------------------- the settings

LANGUAGE: Setting[str] = Setting("language", "", _is_str, "the interface language chosen last (zh_CN, en)")
TEXT_SIZE: Setting[int | None] = Setting("text_size", None, _int_between(1, 200),
                                         "the text size in points chosen in View; none: the system's")
THEME: Setting[str] = Setting("theme", "", _one_of("", "high_contrast"), "high_contrast, or the standard look")
WINDOW_GEOMETRY: Setting[str] = Setting("window_geometry", "", _is_str, "the main window's geometry (Qt, base64)")
LAST_FOLDER: Setting[str] = Setting("last_folder", "", _is_str, "the folder of the last file opened or saved")
LAST_FRAMEWORK: Setting[str] = Setting("last_framework", "", _is_str, "the framework of the last new assessment")
UNSAVED_TOLD: Setting[list[str]] = Setting("unsaved_told", [], _is_str_list,
                                           "files in unsaved/ the user has been told about")
HOME_SELECTED_FIRM: Setting[int | None] = Setting("home_selected_firm", None, _is_id,
                                                  "the firm selected in the firm list")
LIST_LABELS: Setting[dict[str, Any]] = Setting("list_labels", {}, _is_dict,
                                               "the firm list's framework labels, kept to start faster")

#: where the user was: the assessment open when the program stopped (none: the firm list)
LAST_ASSESSMENT: Setting[int | None] = Setting("last_assessment", None, _is_id,
                                               "the assessment open when the program stopped")
#: and the step each assessment showed last ("profile", "dim:foundation", "review", ...)
ASSESSMENT_STEP: PerAssessment[str] = PerAssessment("assessment.{}.step", "", _is_str,
                                                    "the step of the assessment shown last")
ASSESSMENT_REVIEWED: PerAssessment[list[str]] = PerAssessment("assessment.{}.reviewed", [], _is_str_list,
                                                              "the questions marked as reviewed")

OFFICE_FOLDER: Setting[str] = Setting("office_folder", "", _is_str, "the folder the office view chose files in last")
OFFICE_TRUSTED_KEYS: Setting[str] = Setting("office_trusted_keys", "", _is_str, "the trusted-keys file chosen last")
OFFICE_STAGES: Setting[str] = Setting("office_stages", "", _is_str, "the stages file chosen last (empty: none)")
OFFICE_TARGETS: Setting[str] = Setting("office_targets", "", _is_str, "the targets file chosen last (empty: none)")
OFFICE_RULES: Setting[str] = Setting("office_rules", "", _is_str,
                                     "the rule pack of the 推荐汇总表's subsidy estimate (a bundled id or a file)")

#: every setting, for the tests and for anyone wondering what the program keeps
ALL: tuple[Setting[Any] | PerAssessment[Any], ...] = (
    LANGUAGE, TEXT_SIZE, THEME, WINDOW_GEOMETRY, LAST_FOLDER, LAST_FRAMEWORK, UNSAVED_TOLD, HOME_SELECTED_FIRM,
    LIST_LABELS, LAST_ASSESSMENT, ASSESSMENT_STEP, ASSESSMENT_REVIEWED, OFFICE_FOLDER, OFFICE_TRUSTED_KEYS,
    OFFICE_STAGES, OFFICE_TARGETS, OFFICE_RULES,
)
