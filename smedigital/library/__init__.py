"""The firm library: firms, their assessments and evidence, and the app's state, in SQLite.

Pure Python (standard library ``sqlite3``); nothing of Qt here, so the command line and
tests can use it too.
"""

from .library import (
    AssessmentInfo,
    Evidence,
    FirmSummary,
    HistoryPoint,
    Library,
    LibraryError,
    RemovedAssessment,
)
from .paths import data_dir
from .schema import Migration, SchemaTooNew

__all__ = ["AssessmentInfo", "Evidence", "FirmSummary", "HistoryPoint", "Library", "LibraryError", "Migration",
           "RemovedAssessment", "SchemaTooNew", "data_dir"]
