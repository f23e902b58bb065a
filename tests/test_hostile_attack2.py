"""Issue 14, the second attack run: what got past the fixes of the 18 items.

Each test here failed before its fix: a reader that goes away mid-output, names with a
trailing line break, control characters in a kit's pack, line breaks in a draft's title,
and template memory bombs the first guards did not see.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


# -- the command line ----------------------------------------------------------------------------


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    """`oped-studio outlets search a | head -1`: the pipe closes before the output is written."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "oped_studio", "--data-dir", str(tmp_path), "outlets"]
    process = subprocess.Popen(
        [*command, "search", "a"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before the first line is printed
    errors = process.stderr.read().decode()
    status = process.wait(timeout=30)
    assert "Traceback" not in errors and "BrokenPipeError" not in errors
    assert status == 141
