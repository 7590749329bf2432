"""The installed program's figures: bundle size, package size, build time and start-up.

Run by hand (not collected by pytest), on Linux with Xvfb::

    .venv/bin/python tests/perf/bench_bundle.py [--build] [--bundle DIR] [--deb FILE] [--runs 7] [--smoke]

``--build`` runs ``installers/linux/build_deb.sh`` first and times it. Sizes: the one-folder bundle
unpacked (the sum of its files) and the ``.deb`` (the packed figure). Goals: under 250 MB unpacked,
under 80 MB packed.

Start-up: the frozen program against a bare PySide6 ``QMainWindow`` run by the same interpreter
as this script, each a fresh process on the same Xvfb server, timed from just before the process
starts to the moment its first top-level window is mapped (viewable) on the X server: the X
server is asked directly (libX11 through ctypes), so nothing inside either program is needed.
Median of the runs after one warm-up each. Goal: within 1.5x of the bare window (issue 17).
(``tests/perf/bench_startup.py`` measures the source tree the same way but offscreen.)
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_BUNDLE = ROOT / "build" / "pyinstaller" / "dist" / "smedigital"
IS_VIEWABLE = 2
BARE = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([sys.argv[0]])
window = QMainWindow()
window.resize(1200, 780)
window.show()
sys.exit(app.exec())
"""


class XWindowAttributes(ctypes.Structure):
    _fields_ = [
        ("x", ctypes.c_int), ("y", ctypes.c_int), ("width", ctypes.c_int), ("height", ctypes.c_int),
        ("border_width", ctypes.c_int), ("depth", ctypes.c_int), ("visual", ctypes.c_void_p),
        ("root", ctypes.c_ulong), ("class_", ctypes.c_int), ("bit_gravity", ctypes.c_int),
        ("win_gravity", ctypes.c_int), ("backing_store", ctypes.c_int), ("backing_planes", ctypes.c_ulong),
        ("backing_pixel", ctypes.c_ulong), ("save_under", ctypes.c_int), ("colormap", ctypes.c_ulong),
        ("map_installed", ctypes.c_int), ("map_state", ctypes.c_int), ("all_event_masks", ctypes.c_long),
        ("your_event_mask", ctypes.c_long), ("do_not_propagate_mask", ctypes.c_long),
        ("override_redirect", ctypes.c_int), ("screen", ctypes.c_void_p),
    ]


class XServer:
    """An Xvfb server of our own, and a way to ask it whether a big top-level window is mapped."""

    def __init__(self) -> None:
        self.display = self._free_display()
        self.proc = subprocess.Popen(["Xvfb", f":{self.display}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        socket = Path(f"/tmp/.X11-unix/X{self.display}")
        deadline = time.monotonic() + 20
        while not socket.exists():
            if time.monotonic() > deadline or self.proc.poll() is not None:
                raise RuntimeError("Xvfb did not start")
            time.sleep(0.05)
        self.x11 = ctypes.cdll.LoadLibrary(ctypes.util.find_library("X11") or "libX11.so.6")
        self.x11.XOpenDisplay.restype = ctypes.c_void_p
        self.x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.x11.XDefaultRootWindow.restype = ctypes.c_ulong
        self.x11.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
        self.x11.XQueryTree.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(ctypes.c_ulong),
                                        ctypes.POINTER(ctypes.c_ulong), ctypes.POINTER(ctypes.POINTER(ctypes.c_ulong)),
                                        ctypes.POINTER(ctypes.c_uint)]
        self.x11.XGetWindowAttributes.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.POINTER(XWindowAttributes)]
        self.x11.XFree.argtypes = [ctypes.c_void_p]
        self.dpy = self.x11.XOpenDisplay(f":{self.display}".encode())
        if not self.dpy:
            raise RuntimeError("cannot open the Xvfb display")
        self.root = self.x11.XDefaultRootWindow(self.dpy)

    @staticmethod
    def _free_display() -> int:
        return next(n for n in range(90, 200) if not Path(f"/tmp/.X11-unix/X{n}").exists()
                    and not Path(f"/tmp/.X{n}-lock").exists())

    def window_shown(self) -> bool:
        root, parent = ctypes.c_ulong(), ctypes.c_ulong()
        children = ctypes.POINTER(ctypes.c_ulong)()
        count = ctypes.c_uint()
        if not self.x11.XQueryTree(self.dpy, self.root, ctypes.byref(root), ctypes.byref(parent),
                                   ctypes.byref(children), ctypes.byref(count)):
            return False
        try:
            for i in range(count.value):
                attrs = XWindowAttributes()
                if self.x11.XGetWindowAttributes(self.dpy, children[i], ctypes.byref(attrs)) and \
                        attrs.map_state == IS_VIEWABLE and attrs.width >= 400 and attrs.height >= 300:
                    return True
            return False
        finally:
            if children:
                self.x11.XFree(children)

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def time_to_window(server: XServer, command: list[str], env: dict[str, str], timeout: float = 60) -> float:
    start = time.monotonic()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while not server.window_shown():
            if proc.poll() is not None:
                raise RuntimeError(f"{command[0]} exited with {proc.returncode} before showing a window")
            if time.monotonic() - start > timeout:
                raise RuntimeError(f"{command[0]}: no window after {timeout} s")
            time.sleep(0.002)
        return time.monotonic() - start
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        while server.window_shown():  # the next run starts on an empty screen
            time.sleep(0.01)


def tree_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", action="store_true", help="build the bundle and the .deb first, and time it")
    parser.add_argument("--bundle", type=Path, default=DEFAULT_BUNDLE, help="the one-folder bundle")
    parser.add_argument("--deb", type=Path, help="the .deb (default: the newest in dist/)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--smoke", action="store_true", help="one run each (CI, after the installers: the script runs; figures mean nothing)")
    args = parser.parse_args()
    if args.smoke:
        args.runs = 1

    if args.build:
        started = time.monotonic()
        subprocess.run(["bash", str(ROOT / "installers" / "linux" / "build_deb.sh"), str(ROOT / "dist")], check=True)
        print(f"build (PyInstaller + .deb): {time.monotonic() - started:.0f} s")
    program = args.bundle / "smedigital"
    if not program.is_file():
        print(f"no bundle at {args.bundle}: run with --build or give --bundle", file=sys.stderr)
        return 1
    print(f"bundle, unpacked: {tree_bytes(args.bundle) / 1e6:.0f} MB ({args.bundle}; goal under 250 MB)")
    debs = [args.deb] if args.deb else sorted((ROOT / "dist").glob("smedigital_*.deb"), key=lambda p: p.stat().st_mtime)
    if debs and debs[-1].is_file():
        print(f".deb, packed: {debs[-1].stat().st_size / 1e6:.0f} MB ({debs[-1].name}; goal under 80 MB)")

    if shutil.which("Xvfb") is None:
        print("no Xvfb: start-up not measured", file=sys.stderr)
        return 0
    server = XServer()
    data = Path(tempfile.mkdtemp(prefix="smedigital-bench-"))
    try:
        env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
        env.update(DISPLAY=f":{server.display}", SMEDIGITAL_DATA_DIR=str(data), LANG="C.UTF-8")
        bare_cmd = [sys.executable, "-c", BARE]
        frozen_cmd = [str(program)]
        for cmd in (bare_cmd, frozen_cmd):  # warm-up: caches, the library's first creation
            time_to_window(server, cmd, env)
        bare, frozen = [], []
        for _ in range(args.runs):
            bare.append(time_to_window(server, bare_cmd, env))
            frozen.append(time_to_window(server, frozen_cmd, env))
    finally:
        server.close()
        shutil.rmtree(data, ignore_errors=True)
    b, f = statistics.median(bare), statistics.median(frozen)
    print(f"Xvfb; {args.runs} runs each, median, process start to first window mapped")
    print(f"bare PySide6 QMainWindow (python):  {b * 1000:5.0f} ms  (min {min(bare) * 1000:.0f})")
    print(f"smedigital bundle first window:     {f * 1000:5.0f} ms  (min {min(frozen) * 1000:.0f})")
    print(f"ratio: {f / b:.2f}x (goal: within 1.5x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
