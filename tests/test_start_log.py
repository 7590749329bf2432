"""The log file at start-up: kept aside until the first window is painted, yet nothing is lost
(smedigital.ui.crash.setup_logging(later=True), issue 17)."""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from smedigital.ui import crash

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def later_log(tmp_path):
    path = crash.setup_logging(tmp_path, later=True)
    yield path
    crash.close_logging()


def test_start_up_records_reach_the_file_when_it_is_attached(later_log):
    log = logging.getLogger("smedigital")
    log.info("starting %s", "here")
    logging.getLogger("smedigital.ui").warning("a window note")
    assert not later_log.exists() or "starting" not in later_log.read_text(encoding="utf-8")
    crash.attach_log_file()
    log.info("after the first paint")
    crash.close_logging()
    lines = later_log.read_text(encoding="utf-8").splitlines()
    assert [line.split(": ", 1)[1] for line in lines] == ["starting here", "a window note", "after the first paint"]
    assert "WARNING smedigital.ui" in lines[1]


def test_an_error_before_the_window_is_written_at_once(later_log):
    logging.getLogger("smedigital").info("starting")
    logging.getLogger("smedigital").error("the library cannot be opened")
    text = later_log.read_text(encoding="utf-8")  # not attached by hand: the error did it
    assert "starting" in text and "the library cannot be opened" in text


def test_setting_up_twice_keeps_one_place_for_the_records(later_log, tmp_path):
    assert crash.setup_logging(tmp_path, later=True) == later_log
    assert crash.setup_logging(tmp_path) == later_log
    logging.getLogger("smedigital").warning("once")
    crash.close_logging()
    assert later_log.read_text(encoding="utf-8").count("once") == 1


def test_a_program_ending_before_its_window_still_leaves_its_log(tmp_path):
    code = textwrap.dedent(f"""
        import logging, sys
        sys.path.insert(0, {str(ROOT)!r})
        from pathlib import Path
        from smedigital.ui import crash
        crash.setup_logging(Path({str(tmp_path)!r}), later=True)
        logging.getLogger("smedigital").info("ending before any window")
        assert "logging.handlers" not in sys.modules
    """)
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
    assert "ending before any window" in crash.log_file(tmp_path).read_text(encoding="utf-8")
