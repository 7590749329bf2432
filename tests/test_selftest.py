"""``smedigital --selftest``: passes on the source tree, keeps the font cache, fails in one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from smedigital import selftest

ROOT = Path(__file__).resolve().parent.parent


def _clean_env(tmp_path: Path) -> dict[str, str]:
    """A child environment as a user would have it: no display, no matplotlib settings of the tests."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("MPLCONFIGDIR", "MPLBACKEND", "DISPLAY", "WAYLAND_DISPLAY", "SMEDIGITAL_DATA_DIR")}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path / "home"), PYTHONPATH=str(ROOT))
    return env


@pytest.mark.slow
@pytest.mark.gui
def test_selftest_passes_on_the_source_tree_and_reuses_the_font_cache(tmp_path):
    out = tmp_path / "selftest"
    env = _clean_env(tmp_path)
    # First through the program's own flag, as an installed copy runs it...
    first = subprocess.run([sys.executable, "-m", "smedigital.app", "--selftest", str(out)], cwd=ROOT, env=env,
                           capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stdout[-2000:] + first.stderr[-4000:]
    line = first.stdout.strip().splitlines()[-1]
    assert line.startswith("selftest passed") and "font cache built" in line, line
    assert (out / "selftest.txt").read_text(encoding="utf-8").splitlines()[0] == line

    samples = sorted((ROOT / "resources" / "samples").glob("*.smd.json"))
    for sample in samples:
        stem = sample.name.removesuffix(".smd.json")
        for lang in ("zh", "en"):
            assert (out / "exports" / f"{stem}-{lang}.xlsx").stat().st_size > 5000
            assert (out / "exports" / f"{stem}-{lang}.pdf").read_bytes()[:5] == b"%PDF-"
        assert (out / f"window-{stem}.png").read_bytes()[:4] == b"\x89PNG"
    assert (out / "window-home-zh.png").is_file() and (out / "window-home-en.png").is_file()
    assert len(list((out / "charts").glob("*.png"))) >= 4 * 2 * len(samples)

    caches = list((out / "data" / "mplconfig").glob("fontlist-*.json"))
    assert len(caches) == 1, "matplotlib's font cache is not in <data dir>/mplconfig"
    built = caches[0].stat().st_mtime_ns

    # ...then run_selftest itself: a second start finds the font cache and does not rebuild it.
    code = ("import sys; from smedigital.selftest import run_selftest; ok, line = run_selftest(sys.argv[1]); "
            "print(line); sys.exit(0 if ok else 1)")
    second = subprocess.run([sys.executable, "-c", code, str(out)], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=300)
    assert second.returncode == 0, second.stdout[-2000:] + second.stderr[-4000:]
    assert "font cache reused" in second.stdout
    assert caches[0].stat().st_mtime_ns == built


def test_a_failing_step_gives_one_line_and_the_details_in_the_log(tmp_path, monkeypatch):
    def broken(run):
        raise ValueError("the workbook has\nno record sheet")

    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setattr(selftest, "STEPS", (("prepare", selftest._prepare), ("workbook", broken)))
    ok, line = selftest.run_selftest(tmp_path / "out")
    assert not ok
    assert line == "selftest failed at workbook: ValueError: the workbook has no record sheet"
    assert (tmp_path / "out" / "selftest.txt").read_text(encoding="utf-8").startswith(line + "\n")
    log = (tmp_path / "out" / "selftest.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "broken" in log
    assert os.environ["SMEDIGITAL_DATA_DIR"] == str((tmp_path / "out" / "data").resolve())


def test_prepare_empties_the_data_folder_but_keeps_the_font_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    data = tmp_path / "out" / "data"
    (data / "mplconfig").mkdir(parents=True)
    (data / "mplconfig" / "fontlist-v390.json").write_text("{}", encoding="utf-8")
    (data / "library.sqlite").write_text("old", encoding="utf-8")
    (data / "backups").mkdir()
    monkeypatch.setattr(selftest, "STEPS", (("prepare", selftest._prepare),))
    ok, _ = selftest.run_selftest(tmp_path / "out")
    assert ok
    assert sorted(p.name for p in data.iterdir()) == ["mplconfig"]
    assert (data / "mplconfig" / "fontlist-v390.json").exists()


def test_main_prints_the_line_and_exits_with_the_outcome(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(selftest, "run_selftest", lambda out_dir, qt_args=(): (False, "selftest failed at x: y"))
    assert selftest.main(tmp_path) == 1
    assert capsys.readouterr().err.strip() == "selftest failed at x: y"
    monkeypatch.setattr(selftest, "run_selftest", lambda out_dir, qt_args=(): (True, "selftest passed"))
    monkeypatch.setattr(sys, "stdout", None)  # a windowed Windows build has no console
    assert selftest.main(tmp_path) == 0


def test_the_app_hands_the_flag_to_the_selftest_before_starting_qt(tmp_path, monkeypatch):
    from smedigital import app

    calls = []
    monkeypatch.setattr(selftest, "main", lambda out_dir, qt_args=(): calls.append((out_dir, list(qt_args))) or 0)
    assert app.main(["--selftest", str(tmp_path)]) == 0
    assert app.main(["--selftest"]) == 0
    assert calls == [(str(tmp_path), []), (None, [])]


def test_selftest_module_imports_no_qt():
    code = ("import sys, smedigital.selftest; "
            "sys.exit(1 if any(m.split('.')[0] in ('PySide6', 'matplotlib', 'openpyxl') for m in sys.modules) else 0)")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0
