"""The real command opens a real window on an X server (Xvfb), with the draft it was given."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import FIXTURES

pytestmark = pytest.mark.slow

_TOOLS = ("Xvfb", "xwininfo")


def _require_tools() -> None:
    missing = [tool for tool in _TOOLS if shutil.which(tool) is None]
    if missing:
        message = f"needs {', '.join(missing)} (Debian: xvfb x11-utils)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must install these: {message}")
        pytest.skip(message)


@pytest.fixture
def xvfb() -> str:
    _require_tools()
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    assert number, "Xvfb did not start"
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


def _window_titles(display: str) -> str:
    result = subprocess.run(
        ["xwininfo", "-root", "-tree"],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
        timeout=10,
    )
    return result.stdout


def test_command_opens_a_window_with_the_draft(xvfb: str, tmp_path: Path) -> None:
    draft = tmp_path / "letter.oped"
    shutil.copy(FIXTURES / "drafts" / "format-1.oped", draft)
    env = {**os.environ, "DISPLAY": xvfb, "QT_QPA_PLATFORM": "xcb"}
    app = subprocess.Popen(
        [sys.executable, "-m", "oped_studio", str(draft)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        titles = ""
        while time.monotonic() < deadline and app.poll() is None:
            titles = _window_titles(xvfb)
            if "letter.oped — OpEd Studio" in titles:
                break
            time.sleep(0.2)
        assert app.poll() is None, f"the app exited: {app.communicate()[1]}"
        assert "letter.oped — OpEd Studio" in titles
    finally:
        app.send_signal(signal.SIGTERM)
        try:
            app.wait(timeout=10)
        except subprocess.TimeoutExpired:
            app.kill()
    assert draft.read_bytes() == (FIXTURES / "drafts" / "format-1.oped").read_bytes()
