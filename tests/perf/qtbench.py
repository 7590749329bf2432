"""What the Qt benchmarks share (not a benchmark: tests/test_benchmarks.py runs only bench_*.py)."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QApplication


def settle(app: QApplication) -> None:
    """Let queued events (timers at zero, repaints) run."""
    for _ in range(3):
        app.processEvents()


def empty_canvas_ms(app: QApplication, size: tuple[float, float], pixels: tuple[int, int], rounds: int) -> list[float]:
    """The baseline of the chart benchmarks: one empty ``FigureCanvasQTAgg`` of a chart's size (inches at
    100 dpi, and its widget size in pixels) drawn and repainted, ``rounds`` times, in ms each: the floor any
    matplotlib redraw pays on this machine."""
    from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
    from matplotlib.figure import Figure

    canvas = FigureCanvasQTAgg(Figure(figsize=size, dpi=100))
    canvas.resize(*pixels)
    canvas.show()
    settle(app)
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        canvas.draw()
        canvas.repaint()
        settle(app)
        times.append((time.perf_counter() - t) * 1000)
    canvas.close()
    return times
