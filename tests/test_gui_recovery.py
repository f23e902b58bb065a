"""Never lose work: autosave to a recovery copy, and recovery after a crash (SIGKILL)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from oped_studio.core.draft import Draft
from oped_studio.core.library import DraftLibrary
from oped_studio.core.paths import app_paths
from oped_studio.core.recovery import find_recovered, write_recovery
from oped_studio.core.storage import load_draft, save_draft
from oped_studio.gui.dialogs import UnsavedChoice
from oped_studio.gui.main_window import MainWindow
from tests.helpers import ScriptedDialogs


@pytest.fixture(autouse=True)
def answers(dialogs: ScriptedDialogs) -> None:
    """The writer takes the recovered draft, and discards changes when leaving one."""
    dialogs.answer("ask_recover", True)
    dialogs.answer("ask_unsaved", UnsavedChoice.DISCARD)


@pytest.fixture
def window(make_window) -> MainWindow:
    return make_window(papers_loaded=False)


def recovery_copies() -> list[Path]:
    return sorted(app_paths().recovery.glob("*.oped")) if app_paths().recovery.is_dir() else []


def test_first_keystrokes_of_a_new_draft_are_autosaved(
    qtbot, window: MainWindow, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    window.step_list.setCurrentRow(2)
    window.write_page.editors[0].editor.setPlainText("Words I must not lose.")
    qtbot.waitUntil(lambda: len(recovery_copies()) == 1, timeout=3000)
    [copy] = recovery_copies()
    assert load_draft(copy).draft.sections["hook"] == "Words I must not lose."
    assert json.loads(copy.with_suffix(".json").read_text())["original"] is None
    dialogs.answer("get_save_path", tmp_path / "kept.oped")
    assert window.save()
    assert recovery_copies() == [], "a saved draft needs no recovery copy"
    window.write_page.editors[0].editor.setPlainText("More words.")
    qtbot.waitUntil(lambda: len(recovery_copies()) == 1, timeout=3000)
    note = json.loads(recovery_copies()[0].with_suffix(".json").read_text())
    assert note["original"] == str((tmp_path / "kept.oped").resolve())
    assert window.close()
    assert recovery_copies() == [], "a normal close leaves nothing behind"


def test_recovered_draft_is_offered_and_opened(
    make_window, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    original = tmp_path / "letter.oped"
    draft = Draft(sections={"hook": "Saved version."})
    save_draft(draft, original)
    draft.sections["hook"] = "Typed after the last save."
    write_recovery(app_paths(), draft, original)
    win = make_window(show=False, papers_loaded=False)
    assert win.session.offer_recovery()
    assert dialogs.asked.count("ask_recover") == 1
    assert win.write_page.editors[0].text() == "Typed after the last save."
    assert win.is_dirty() and win.path == original.resolve()
    assert win.save(), "saves over the original without a false conflict"
    assert load_draft(original).draft.sections["hook"] == "Typed after the last save."
    assert recovery_copies() == []


def test_declined_recovery_goes_to_the_trash(make_window, dialogs: ScriptedDialogs) -> None:
    write_recovery(app_paths(), Draft(sections={"hook": "Unwanted, but never destroyed."}), None)
    dialogs.answer("ask_recover", False)
    win = make_window(show=False, papers_loaded=False)
    assert not win.session.offer_recovery()
    assert recovery_copies() == []
    [trashed] = DraftLibrary(app_paths()).trash()
    assert load_draft(trashed.path).draft.sections["hook"] == "Unwanted, but never destroyed."


def test_a_damaged_recovery_copy_is_set_aside(tmp_path: Path) -> None:
    folder = app_paths().recovery
    folder.mkdir(parents=True)
    (folder / "x.oped").write_text("{ damaged", encoding="utf-8")
    assert find_recovered(app_paths()) == []
    assert (folder / "x.oped.damaged").read_text(encoding="utf-8") == "{ damaged"


_CHILD = """
import sys, time
from PySide6.QtCore import QTimer
from oped_studio.gui.app import create_application
from oped_studio.gui.main_window import MainWindow
from oped_studio.core.paths import app_paths
app = create_application()
window = MainWindow(app_paths())
window.show()
editor = window.write_page.editors[0].editor
def type_early():
    editor.setPlainText("Typed well before the crash.")
def announce():
    print("ready", flush=True)
def type_late():
    editor.insertPlainText(" And a last word.")
QTimer.singleShot(100, type_early)
QTimer.singleShot(1400, announce)
QTimer.singleShot(1450, type_late)
app.exec()
"""


@pytest.mark.slow
def test_sigkill_while_typing_loses_at_most_a_second(make_window, isolated_home: Path) -> None:
    env = {**os.environ, "OPED_STUDIO_HOME": str(isolated_home), "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD], env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 60
        line = ""
        while time.monotonic() < deadline and "ready" not in line:
            line = child.stdout.readline()
            if not line and child.poll() is not None:
                break
        assert "ready" in line, "the app did not start"
        time.sleep(0.1)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
    win = make_window(show=False, papers_loaded=False)
    assert win.session.offer_recovery()
    assert win.write_page.editors[0].text().startswith("Typed well before the crash.")
