"""Nothing lost, under X with real keystrokes: the real command's window, Ctrl+3, steady typing
for five seconds, SIGKILL; everything typed more than a second before the kill is on disk.

The keys are real X key events (the XTEST extension, through libXtst, which x11-utils already
brings), so they travel the way a writer's do: X server, Qt's xcb plugin, the focused widget.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from oped_studio.core.paths import app_paths
from oped_studio.core.recovery import find_recovered
from tests.test_xvfb_window import _window_titles, xvfb  # noqa: F401 (xvfb: a fixture)

pytestmark = pytest.mark.slow

#: The real command, with one addition: it says where the keyboard focus goes, so the test
#: knows when the first section has it (today Ctrl+3 then Tab gets there; if going to Write
#: puts the cursor there itself, no Tab is pressed).
_LAUNCH = """
import sys
from PySide6.QtWidgets import QPlainTextEdit
from oped_studio.gui.app import create_application
app = create_application()
def focus_moved(_old, new):
    section = isinstance(new, QPlainTextEdit) and not new.isReadOnly()
    print("focus", "section" if section else type(new).__name__, flush=True)
app.focusChanged.connect(focus_moved)
from oped_studio.cli import main
sys.exit(main([]))
"""

#: What is typed: lower-case letters and spaces, which every X keymap has.
TEXT = ("we write every day and never pause " * 6)[:180]
TYPING_S = 5.0
KEY_INTERVAL_S = 0.05


class XKeyboard:
    """Real key presses on an X display through XTEST (no xdotool needed)."""

    def __init__(self, display: str) -> None:
        try:
            self.x11 = ctypes.CDLL(ctypes.util.find_library("X11") or "libX11.so.6")
            self.xtst = ctypes.CDLL(ctypes.util.find_library("Xtst") or "libXtst.so.6")
        except OSError as exc:
            message = f"needs libX11 and libXtst (Debian: libx11-6 libxtst6): {exc}"
            if os.environ.get("CI") == "true":
                pytest.fail(f"CI must install these: {message}")
            pytest.skip(message)
        x11 = self.x11
        x11.XOpenDisplay.restype = ctypes.c_void_p
        x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        x11.XStringToKeysym.restype = ctypes.c_ulong
        x11.XStringToKeysym.argtypes = [ctypes.c_char_p]
        x11.XKeysymToKeycode.restype = ctypes.c_ubyte
        x11.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
        x11.XRaiseWindow.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        window_args = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_ulong]
        x11.XSetInputFocus.argtypes = window_args
        self.xtst.XTestFakeKeyEvent.argtypes = [
            ctypes.c_void_p,
            ctypes.c_uint,
            ctypes.c_int,
            ctypes.c_ulong,
        ]
        self.display = x11.XOpenDisplay(display.encode())
        assert self.display, f"cannot open the X display {display}"

    def press(self, *keysyms: str) -> None:
        """Press the keys in order and release them in reverse (a chord: Control_L, 3)."""
        codes = []
        for name in keysyms:
            code = self.x11.XKeysymToKeycode(self.display, self.x11.XStringToKeysym(name.encode()))
            assert code, f"no key for {name!r} on this display"
            codes.append(code)
        for code in codes:
            self.xtst.XTestFakeKeyEvent(self.display, code, True, 0)
        for code in reversed(codes):
            self.xtst.XTestFakeKeyEvent(self.display, code, False, 0)
        self.x11.XSync(self.display, 0)

    def focus(self, window: int) -> None:
        """What a window manager does when a window is clicked: raise it, give it the keys."""
        self.x11.XRaiseWindow(self.display, window)
        self.x11.XSetInputFocus(self.display, window, 1, 0)  # RevertToPointerRoot, CurrentTime
        self.x11.XSync(self.display, 0)

    def close(self) -> None:
        self.x11.XCloseDisplay(self.display)


def _lines(stream) -> queue.Queue[str]:
    """The child's output lines, read in a thread so the test can wait with a timeout."""
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        for line in stream:
            lines.put(line.strip())

    threading.Thread(target=read, daemon=True).start()
    return lines


def _focus_after(lines: queue.Queue[str], timeout: float) -> str | None:
    """The last place the focus moved to within ``timeout`` s of quiet (None: it did not move)."""
    last = None
    while True:
        try:
            line = lines.get(timeout=timeout)
        except queue.Empty:
            return last
        if line.startswith("focus "):
            last = line.split(" ", 1)[1]
            timeout = 0.3  # it settles: a few more moves may follow at once


def _main_window(display: str, deadline: float) -> int:
    while time.monotonic() < deadline:
        for row in _window_titles(display).splitlines():
            if "Untitled draft — OpEd Studio" in row:
                return int(row.split()[0], 16)
        time.sleep(0.2)
    raise AssertionError("the window did not appear")


def test_ctrl_3_then_steady_typing_then_sigkill_keeps_all_but_the_last_second(
    xvfb: str,  # noqa: F811 (the fixture imported above)
    isolated_home: Path,
) -> None:
    env = {
        **os.environ,
        "DISPLAY": xvfb,
        "QT_QPA_PLATFORM": "xcb",
        "OPED_STUDIO_HOME": str(isolated_home),
    }
    app = subprocess.Popen(
        [sys.executable, "-c", _LAUNCH], env=env, stdout=subprocess.PIPE, text=True
    )
    keyboard = XKeyboard(xvfb)
    typed: list[float] = []
    try:
        lines = _lines(app.stdout)
        keyboard.focus(_main_window(xvfb, time.monotonic() + 60))
        assert _focus_after(lines, 10) is not None, "the window never took the keyboard"
        keyboard.press("Control_L", "3")
        where = _focus_after(lines, 2)
        for _ in range(12):
            if where == "section":
                break
            keyboard.press("Tab")
            where = _focus_after(lines, 2) or where
        assert where == "section", f"Ctrl+3 and Tab did not reach the first section: {where}"
        start = time.monotonic()
        for number, char in enumerate(TEXT):
            slot = start + number * KEY_INTERVAL_S
            if slot - start > TYPING_S:
                break
            time.sleep(max(0.0, slot - time.monotonic()))
            keyboard.press("space" if char == " " else char)
            typed.append(time.monotonic())
        killed_at = time.monotonic()
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=10)
    finally:
        keyboard.close()
        if app.poll() is None:
            app.kill()
            app.wait(timeout=10)
    older = sum(1 for when in typed if when <= killed_at - 1.0)
    assert older >= 60, f"only {older} keys in {TYPING_S} s: the typing was not steady"
    recovered = find_recovered(app_paths())
    assert recovered, "five seconds of steady typing left no recovery copy on disk"
    hook = recovered[0].draft.sections.get("hook", "")
    assert TEXT.startswith(hook), f"the copy is not what was typed: {hook!r}"
    assert len(hook) >= older, (
        f"{older - len(hook)} of the {older} characters typed more than a second before the "
        "kill are not on disk"
    )
