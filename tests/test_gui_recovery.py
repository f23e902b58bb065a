"""Never lose work: autosave to a recovery copy, and recovery after a crash (SIGKILL)."""

from __future__ import annotations

import itertools
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
from tests.helpers import ScriptedDialogs, type_steadily, type_text


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
    assert window.session.save()
    assert recovery_copies() == [], "a saved draft needs no recovery copy"
    window.write_page.editors[0].editor.setPlainText("More words.")
    qtbot.waitUntil(lambda: len(recovery_copies()) == 1, timeout=3000)
    note = json.loads(recovery_copies()[0].with_suffix(".json").read_text())
    assert note["original"] == str((tmp_path / "kept.oped").resolve())
    assert window.close()
    assert recovery_copies() == [], "a normal close leaves nothing behind"


def test_steady_typing_is_kept_every_second_and_a_slow_disk_never_holds_it_up(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    from oped_studio.core import atomic

    real_fsync = atomic.os.fsync
    synced: list[float] = []

    def slow_fsync(fd: int) -> None:
        time.sleep(0.3)  # a USB stick on a bad day: each write of the copy takes over a second
        real_fsync(fd)
        synced.append(time.monotonic())

    window.step_list.setCurrentRow(2)
    qtbot.waitUntil(lambda: not window.checks.running, timeout=30_000)  # the first check
    monkeypatch.setattr(atomic.os, "fsync", slow_fsync)
    handled = type_steadily(qtbot, window.write_page.editors[0].editor, "a", 60)  # 3 s
    assert synced and synced[0] < handled[-1], "the copy was written while the writer typed"
    gaps = [later - earlier for earlier, later in itertools.pairwise(handled)]
    assert max(gaps) < 0.4, f"a key waited {max(gaps):.2f} s for the disk"
    qtbot.waitUntil(lambda: len(recovery_copies()) == 1, timeout=10_000)
    window.session.autosave()  # waits for the write under way, then writes the last keys
    assert load_draft(recovery_copies()[0]).draft.sections["hook"] == "a" * len(handled)


def test_saving_while_the_copy_is_being_written_leaves_no_copy_behind(
    qtbot, window: MainWindow, dialogs: ScriptedDialogs, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    import threading

    from oped_studio.core import atomic

    real_fsync, writing, written = atomic.os.fsync, [], []

    def slow_fsync(fd: int) -> None:
        if threading.current_thread() is not threading.main_thread():
            writing.append(fd)
            time.sleep(0.2)  # the recovery copy's disk is slow; saving is quick
        real_fsync(fd)
        if threading.current_thread() is not threading.main_thread():
            written.append(fd)

    window.step_list.setCurrentRow(2)
    qtbot.waitUntil(lambda: not window.checks.running, timeout=30_000)
    monkeypatch.setattr(atomic.os, "fsync", slow_fsync)
    type_text(window.write_page.editors[0].editor, "Saved while the copy is written.")
    qtbot.waitUntil(lambda: bool(writing), timeout=5_000)  # the copy is being written now
    dialogs.answer("get_save_path", tmp_path / "saved.oped")
    assert window.session.save()
    qtbot.waitUntil(lambda: len(written) == 4, timeout=5_000)  # the copy, its note, two folders
    assert recovery_copies() == [], "the copy written meanwhile was deleted after it landed"
    assert load_draft(tmp_path / "saved.oped").draft.sections["hook"].startswith("Saved while")


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
    assert win.session.is_dirty() and win.session.path == original.resolve()
    assert win.session.save(), "saves over the original without a false conflict"
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


# Steady typing with no pause: Ctrl+3 (the Write step), then a key every 50 ms into the first
# section, each printed with the time it was typed (time.monotonic is one clock for every
# process on the machine). Keys go to the section itself: the offscreen platform drops the
# window's focus when the Write step is first built (test_xvfb_autosave.py types through the
# real window's focus, under X).
_STEADY_CHILD = """
import sys, time
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from oped_studio.gui.app import create_application
from oped_studio.gui.main_window import MainWindow
from oped_studio.core.paths import app_paths
TEXT = sys.argv[1]
app = create_application()
window = MainWindow(app_paths())
window.show()
typed = 0

def start():
    QTest.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    print("typing", window.step_list.currentRow(), flush=True)
    timer.start()

def key():
    global typed
    QTest.keyClicks(window.write_page.editors[0].editor, TEXT[typed])
    typed += 1
    print(typed, time.monotonic(), flush=True)
    if typed == len(TEXT):
        timer.stop()

timer = QTimer()
timer.setInterval(50)
timer.timeout.connect(key)
QTimer.singleShot(300, start)
app.exec()
"""

#: What the child types: more than 5 s of keys at 20 a second.
STEADY_TEXT = ("we write every day and never pause " * 6)[:180]


def typed_before(times: dict[int, float], moment: float) -> int:
    """How many characters were typed before ``moment`` (the times of the first n keys)."""
    return max((n for n, when in times.items() if when <= moment), default=0)


@pytest.mark.slow
def test_steady_typing_then_sigkill_loses_only_the_last_second(
    make_window, isolated_home: Path
) -> None:
    env = {**os.environ, "OPED_STUDIO_HOME": str(isolated_home), "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen(
        [sys.executable, "-c", _STEADY_CHILD, STEADY_TEXT],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        line = child.stdout.readline()
        assert line == "typing 2\n", f"Ctrl+3 did not go to the Write step: {line!r}"
        time.sleep(5.0)  # twenty keys a second, never a pause
        killed_at = time.monotonic()
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        times = {
            int(n): float(t) for n, t in (row.split() for row in child.stdout.read().splitlines())
        }
    finally:
        if child.poll() is None:
            child.kill()
    assert len(times) >= 60, f"only {len(times)} keys were typed in 5 s"
    expected = STEADY_TEXT[: typed_before(times, killed_at - 1.0)]
    assert len(expected) >= 40
    win = make_window(show=False, papers_loaded=False)
    assert win.session.offer_recovery(), "steady typing left no recovery copy"
    recovered = win.write_page.editors[0].text()
    assert STEADY_TEXT.startswith(recovered), "the copy holds exactly what was typed"
    assert len(recovered) >= len(expected), (
        f"{len(expected) - len(recovered)} characters typed more than a second before the "
        "kill were lost"
    )
