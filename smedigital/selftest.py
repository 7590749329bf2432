"""``smedigital --selftest [DIR]``: check that an installed copy works, offline, in under a minute.

Runs the program's real paths once, end to end, and writes what they make to ``DIR`` (default:
``<temp>/smedigital-selftest``):

1. **resources**: the bundled frameworks load, the sample assessments and the CJK font are there;
2. **window**: the Qt binding behaves as the program needs (version, no lost references to
   ``None``: :func:`smedigital.ui.qtguard.check_binding`); the main window opens (offscreen when
   there is no display) on a library of its own under ``DIR/data``, in English and in Chinese (the interface translations load), each sample is
   imported and opened in the assessment view, pictures of the window are saved;
3. **scoring**: each sample (``resources/samples/*.smd.json``) is scored and planned;
4. **charts**: every chart is drawn to PNG, with no missing glyph;
5. **workbook**: the improvement plan workbook is written in Chinese and English and read back
   (it opens, the machine-readable record sheet is there and its checksum holds);
6. **report**: the PDF report is written in Chinese and English (``%PDF`` header, pages, ``%%EOF``);
7. **font cache**: matplotlib's font list is kept in ``DIR/data/mplconfig`` (built by the first run,
   reused by the next).

:func:`run_selftest` returns ``(ok, reason)``, ``reason`` one line; ``DIR/selftest.txt`` holds that
line and the time of each step, ``DIR/selftest.log`` the details of a failure. ``smedigital
--selftest`` prints the line and exits 0 or 1. The user's own library is never touched: the
self-test sets ``SMEDIGITAL_DATA_DIR`` to ``DIR/data`` (emptied at the start, except the font cache).

No Qt is imported here: the window comes from :func:`smedigital.ui.application.create_window`.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sys
import tempfile
import time
import traceback
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger("smedigital.selftest")

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
PDF_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
LANGS = ("zh", "en")
KEEP_IN_DATA = ("mplconfig",)  # matplotlib's font cache survives between runs


class SelfTestFailure(Exception):
    """A check that did not hold; the message says which and why, in one line."""


def default_dir() -> Path:
    return Path(tempfile.gettempdir()) / "smedigital-selftest"


@dataclass
class _Run:
    out: Path
    qt_args: Sequence[str] = ()
    timings: list[tuple[str, float]] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)
    samples: list[Path] = field(default_factory=list)
    scored: list[tuple[Path, Any, Any]] = field(default_factory=list)  # (file, assessment, result)

    @property
    def data(self) -> Path:
        return self.out / "data"


def _check(condition: object, message: str) -> None:
    if not condition:
        raise SelfTestFailure(message)


# --------------------------------------------------------------------- steps

def _prepare(run: _Run) -> None:
    run.out.mkdir(parents=True, exist_ok=True)
    run.data.mkdir(parents=True, exist_ok=True)
    for child in run.data.iterdir():
        if child.name in KEEP_IN_DATA:
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    for old in ("charts", "exports"):
        shutil.rmtree(run.out / old, ignore_errors=True)
    os.environ["SMEDIGITAL_DATA_DIR"] = str(run.data)
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    run.facts["font_cache_before"] = _font_cache(run.data)


def _resources(run: _Run) -> None:
    from smedigital.charts.fonts import cjk_font, register_cjk_font
    from smedigital.core.framework import bundled_frameworks
    from smedigital.core.resources import resource_path

    frameworks = bundled_frameworks()
    _check(frameworks, f"no framework under {resource_path('frameworks')}")
    from smedigital.core.words import WordsError, load_catalogue

    try:  # every word outside Qt: a build without resources/words/ fails here, not at a user's first export
        words = load_catalogue(resource_path("words"))
    except WordsError as exc:
        raise SelfTestFailure(f"the word catalogue under {resource_path('words')}: {exc}") from exc
    _check(words["zh"] and words["en"], f"no words in the catalogue under {resource_path('words')}")
    run.samples = sorted(resource_path("samples").glob("*.smd.json"))
    _check(run.samples, f"no sample assessment under {resource_path('samples')}")
    register_cjk_font()
    font = cjk_font()
    _check(font is not None, "no CJK font found")
    fonts_dir = resource_path("fonts").resolve()
    bundled = [p for p in fonts_dir.iterdir() if p.suffix.lower() in (".ttf", ".otf", ".ttc")] \
        if fonts_dir.is_dir() else []
    if bundled:
        _check(font is not None and font.path.resolve().parent == fonts_dir,
               f"the bundled font is not used (using {font.path if font else None})")
    run.facts["frameworks"] = len(frameworks)
    run.facts["font"] = font.family if font else ""


def _window(run: _Run) -> None:
    from smedigital.ui import i18n
    from smedigital.ui.application import create_window

    created = create_window(None, run.qt_args)
    _check(created is not None, "the firm library could not be opened")
    assert created is not None
    app, window = created
    try:
        from smedigital.ui.qtguard import check_binding

        run.facts["binding"] = check_binding()  # the bundle's PySide6 and Python may be older
        window.resize(1280, 800)
        window.show()
        _pump(app)
        _check(window.isVisible(), "the main window did not show")
        for lang in reversed(LANGS):  # ends in Chinese, the program's first language
            _check(i18n.set_language(lang), f"no interface translation for {lang!r} in {i18n.translations_dir()}")
            _check(lang == "en" or i18n.qt_translation_loaded(),
                   f"no Qt translation qtbase for {lang!r} in {', '.join(map(str, i18n.qt_translations_dirs()))}")
            _pump(app)
            _grab(window, run.out / f"window-home-{lang}.png")
        library = window.library
        opened = 0
        for sample in run.samples:
            assessment_id = library.import_file(sample)
            _check(window.open_assessment(assessment_id), f"{sample.name}: the assessment view did not open")
            _pump(app)
            opened += 1
            _grab(window, run.out / f"window-{_stem(sample)}.png")
        run.facts["opened"] = opened
    finally:
        window.close()
        window.deleteLater()
        _pump(app)
        window.library.close()


def _scoring(run: _Run) -> None:
    from smedigital.core.actions import has_actions
    from smedigital.core.assessment import load_assessment
    from smedigital.core.planning import build_plan

    for sample in run.samples:
        assessment = load_assessment(sample)
        result = assessment.score()
        _check(result.max_points > 0, f"{sample.name}: the framework has no points")
        _check(0 <= result.total_score <= 100, f"{sample.name}: total score {float(result.total_score)} out of range")
        if has_actions(assessment.framework):  # a framework may come without an action library
            build_plan(assessment)
        run.scored.append((sample, assessment, result))
    run.facts["levels"] = [result.level_label("zh") for _, _, result in run.scored]


def _charts(run: _Run) -> None:
    from smedigital.charts import figures

    folder = run.out / "charts"
    folder.mkdir(parents=True, exist_ok=True)
    drawn = 0
    makers: dict[str, Callable[..., Any]] = {
        "stage-ladder": figures.stage_ladder, "radar": figures.radar, "scene-heatmap": figures.scene_heatmap,
        "pillar-bars": figures.pillar_bars, "level-gauge": figures.level_gauge,
    }
    for sample, assessment, result in run.scored:
        for lang in LANGS:
            for name, make in makers.items():
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always")
                    figure = make(assessment.framework, result, lang=lang)
                    if figure is None:  # a framework without scenes has no heat map
                        continue
                    path = folder / f"{_stem(sample)}-{lang}-{name}.png"
                    figure.savefig(path, format="png")
                missing = [str(w.message) for w in caught if "glyph" in str(w.message).lower()]
                _check(not missing, f"{path.name}: {missing[0] if missing else ''}")
                _check(path.read_bytes()[:8] == PNG_MAGIC and path.stat().st_size > 2000,
                       f"{path.name}: not a PNG with a picture in it")
                drawn += 1
    run.facts["charts"] = drawn


def _workbooks(run: _Run) -> None:
    from smedigital.export.record import RECORD_SHEET, open_workbook, read_record
    from smedigital.export.workbook import write_plan_workbook

    folder = run.out / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for sample, assessment, result in run.scored:
        for lang in LANGS:
            path = folder / f"{_stem(sample)}-{lang}.xlsx"
            write_plan_workbook(assessment, path, lang)
            wb = open_workbook(path)
            try:
                _check(RECORD_SHEET in wb.sheetnames, f"{path.name}: no {RECORD_SHEET} record sheet")
                _check(len(wb.sheetnames) >= 3, f"{path.name}: only sheets {wb.sheetnames}")
            finally:
                wb.close()
            record = read_record(path)  # checks the checksum and the visible scores
            _check(record.framework_id == assessment.framework_id, f"{path.name}: the record names another framework")
            _check(abs(float(record.scores["total"]) - float(result.total_score)) < 1e-3,
                   f"{path.name}: the recorded score differs from the score")
            written += 1
    run.facts["workbooks"] = written


def _reports(run: _Run) -> None:
    from smedigital.export.report import write_report

    folder = run.out / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    pages = []
    for sample, assessment, _ in run.scored:
        for lang in LANGS:
            path = folder / f"{_stem(sample)}-{lang}.pdf"
            write_report(assessment, path, lang)
            data = path.read_bytes()
            _check(data.startswith(b"%PDF-"), f"{path.name}: does not start with %PDF")
            _check(data.rstrip().endswith(b"%%EOF"), f"{path.name}: is cut short (no %%EOF)")
            count = len(PDF_PAGE.findall(data))
            _check(count >= 2, f"{path.name}: {count} page(s), expected a cover and the findings")
            pages.append(count)
    run.facts["reports"] = len(pages)
    run.facts["pages"] = pages


def _font_cache_kept(run: _Run) -> None:
    cache = _font_cache(run.data)
    _check(cache, f"matplotlib's font cache is not in {run.data / 'mplconfig'} "
                  f"(MPLCONFIGDIR={os.environ.get('MPLCONFIGDIR', '')!r})")
    run.facts["font_cache"] = "reused" if run.facts.get("font_cache_before") == cache else "built"


STEPS: tuple[tuple[str, Callable[[_Run], None]], ...] = (
    ("prepare", _prepare),
    ("resources", _resources),
    ("window", _window),
    ("scoring", _scoring),
    ("charts", _charts),
    ("workbook", _workbooks),
    ("report", _reports),
    ("font cache", _font_cache_kept),
)


# --------------------------------------------------------------------- helpers

def _stem(path: Path) -> str:
    return path.name.removesuffix(".smd.json")


def _font_cache(data: Path) -> tuple[str, float] | None:
    """The newest fontlist-*.json in ``data/mplconfig`` with its modification time, if any."""
    found = sorted((data / "mplconfig").glob("fontlist-*.json"))
    return (found[-1].name, found[-1].stat().st_mtime) if found else None


def _pump(app: Any, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def _grab(widget: Any, path: Path) -> None:
    _check(widget.grab().save(str(path)), f"could not save a picture of the window to {path}")


def _summary(run: _Run, seconds: float) -> str:
    f = run.facts
    levels = "、".join(f.get("levels", []))
    return (f"selftest passed in {seconds:.1f} s: window opened with {f.get('opened', 0)} sample(s); "
            f"{len(run.scored)} sample(s) scored ({levels}); {f.get('charts', 0)} charts, "
            f"{f.get('workbooks', 0)} workbooks, {f.get('reports', 0)} PDF reports written and checked; "
            f"font {f.get('font', '')}, font cache {f.get('font_cache', '?')}; {f.get('binding', '')}; "
            f"output in {run.out}")


def _write_outcome(run: _Run, line: str, details: str = "") -> None:
    lines = [line, ""] + [f"{name}: {seconds:.2f} s" for name, seconds in run.timings]
    try:
        run.out.mkdir(parents=True, exist_ok=True)
        (run.out / "selftest.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (run.out / "selftest.log").write_text(details or line + "\n", encoding="utf-8")
    except OSError as exc:  # the outcome still goes to the caller
        log.warning("cannot write the self-test outcome to %s: %s", run.out, exc)


# --------------------------------------------------------------------- entry points

def run_selftest(out_dir: str | Path | None = None, qt_args: Sequence[str] = ()) -> tuple[bool, str]:
    """Run every check; ``(True, summary)`` or ``(False, "selftest failed at <step>: <why>")``."""
    run = _Run(Path(out_dir or default_dir()).expanduser().resolve(), tuple(qt_args))
    started = time.monotonic()
    for name, step in STEPS:
        step_started = time.monotonic()
        try:
            step(run)
        except Exception as exc:  # any failure is the self-test's answer, reported in one line
            run.timings.append((name, time.monotonic() - step_started))
            reason = " ".join(f"{type(exc).__name__}: {exc}".split()) if not isinstance(exc, SelfTestFailure) \
                else " ".join(str(exc).split())
            line = f"selftest failed at {name}: {reason}"
            log.error("%s", line, exc_info=True)
            _write_outcome(run, line, line + "\n\n" + traceback.format_exc())
            return False, line
        run.timings.append((name, time.monotonic() - step_started))
    line = _summary(run, time.monotonic() - started)
    _write_outcome(run, line)
    return True, line


def main(out_dir: str | Path | None = None, qt_args: Sequence[str] = ()) -> int:
    """``smedigital --selftest [DIR]``: run, print the one-line outcome, 0 when it passed, else 1."""
    ok, line = run_selftest(out_dir, qt_args)
    stream = sys.stdout if ok else sys.stderr
    if stream is not None:  # a windowed Windows build has no console: the line is in DIR/selftest.txt
        print(line, file=stream, flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else None))
