"""The firm library: firms, their assessments and evidence, and the app's state, in SQLite.

Pure Python (standard library ``sqlite3``); nothing of Qt here, so the command line and
tests can use it too.
"""

from typing import TYPE_CHECKING, Any

from .library import FirmSummary, HistoryPoint, Library, LibraryError
from .paths import data_dir
from .schema import Migration, SchemaTooNew

if TYPE_CHECKING:
    from .records import AssessmentInfo, Evidence, RemovedAssessment

_RECORDS = ("AssessmentInfo", "Evidence", "RemovedAssessment")


def __getattr__(name: str) -> Any:
    """The records the first window does without, from :mod:`.records` when first named."""
    if name in _RECORDS:
        from . import records

        return getattr(records, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["AssessmentInfo", "Evidence", "FirmSummary", "HistoryPoint", "Library", "LibraryError", "Migration",
           "RemovedAssessment", "SchemaTooNew", "data_dir"]
