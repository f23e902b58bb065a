"""A whole event from the menu: File > Run an event from a kit, participant 1 writes and hands
in, participant 2 writes and the laptop crashes, a new window resumes 2's letter with their
number and code, nothing of 1 is ever shown to 2, and the facilitator collects both."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QTextEdit

from oped_studio.core.event import NO_MATCH, open_event_here
from oped_studio.core.kits import open_kit
from oped_studio.core.paths import app_paths
from oped_studio.gui import workers
from oped_studio.gui.answers import EventSpec
from oped_studio.gui.dialogs import facilitator_view
from tests.helpers import ScriptedDialogs, library_night_kit, press, type_steadily, type_text

ONE = "Ana Pena kept the branch open on Saturdays for twenty years."
TWO = "Ben Ortiz says the bus to the library stops running at six."
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def everything_shown(window) -> str:
    """Every text any page, label or editor of ``window`` holds (built pages included)."""
    texts = [window.windowTitle(), window.statusBar().currentMessage()]
    for kind, text in ((QLineEdit, "text"), (QLabel, "text"), (QPlainTextEdit, "toPlainText")):
        texts += [getattr(w, text)() for w in window.findChildren(kind)]
    texts += [w.toPlainText() for w in window.findChildren(QTextEdit)]
    texts += [str(p) for p in window._recent.load()]
    return "\n".join(texts)


def test_a_whole_event_from_the_menu(
    qtbot, make_window, dialogs: ScriptedDialogs, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(workers, "RUN_INLINE", True)
    kit_file = library_night_kit(tmp_path)
    folder = tmp_path / "event"

    def spec(_parent, paths):
        kit = open_kit(kit_file, paths)
        event = open_event_here(folder, kit, kit_file, paths, "HALL-2")
        if not event.has_pin():
            event.set_pin("4821")
        return EventSpec(kit, event, "HALL-2")

    codes: list[tuple[str, str]] = []
    dialogs.answer("get_event_spec", spec)
    dialogs.answer("show_code", lambda _p, who, code: codes.append((who, code)))
    dialogs.answer("show_info", None)
    dialogs.answer("show_error", None)
    dialogs.answer("ask_open_items", True)  # hand in anyway
    dialogs.answer("confirm_done", True)

    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    press(qtbot, Qt.Key.Key_E, CTRL_SHIFT)  # File > Run an event
    assert window.welcome is not None and "HALL-2" in window.welcome.laptop_label.text()
    event = window.events.event

    # Participant 1 writes with keys and hands in.
    window.welcome.new_button.click()
    assert codes[-1][0] == "Participant 1 on HALL-2"
    window.step_list.setCurrentRow(2)
    type_text(window.write_page.editors[0].editor, ONE)
    assert ONE in everything_shown(window), "the look below would see it"
    window.done_button.click()
    assert window.modes.currentWidget() is window.welcome
    assert ONE in (event.letters / "P001.txt").read_text(encoding="utf-8")
    assert ONE not in everything_shown(window), "nothing of participant 1 is left on screen"

    # Participant 2 writes; the laptop crashes once the autosave has their text.
    window.welcome.new_button.click()
    who, code = codes[-1]
    assert who == "Participant 2 on HALL-2"
    for step in range(5):  # every page participant 2 can reach
        window.step_list.setCurrentRow(step)
        assert ONE not in everything_shown(window), f"participant 1's text on step {step + 1}"
    window.step_list.setCurrentRow(2)
    monkeypatch.setattr(workers, "RUN_INLINE", False)  # the autosave runs as it does for real
    typed = type_steadily(qtbot, window.write_page.editors[0].editor, "x", 20)
    type_text(window.write_page.editors[0].editor, TWO)
    saved = "x" * len(typed) + TWO
    qtbot.waitUntil(lambda: event.load("P002").draft.sections.get("hook") == saved)
    monkeypatch.setattr(workers, "RUN_INLINE", True)
    window.session._autosaver.stop()  # the crash: this window does nothing more
    window.hide()

    # A new window on the same event: 2 comes back with their number and code.
    again = make_window()
    again.activateWindow()
    qtbot.waitUntil(again.isActiveWindow)
    press(qtbot, Qt.Key.Key_E, CTRL_SHIFT)
    event = again.events.event
    dialogs.answer("ask_resume", ("1", code))  # 2's code does not open 1's letter
    again.welcome.resume_button.click()
    assert dialogs.arguments("show_error", "message")[-1] == NO_MATCH
    assert again.modes.currentWidget() is again.welcome
    dialogs.answer("ask_resume", ("2", code))
    again.welcome.resume_button.click()
    again.step_list.setCurrentRow(2)
    assert again.write_page.editors[0].editor.toPlainText() == saved
    for step in range(5):
        again.step_list.setCurrentRow(step)
        assert ONE not in everything_shown(again), f"participant 1's text on step {step + 1}"
    again.done_button.click()

    # The facilitator (PIN) opens the view, reads participant 1's letter and collects all.
    views, read = [], []

    def show(parent, ev, paths, collect, reopen=None):
        dialog = facilitator_view(parent, ev, paths)
        qtbot.addWidget(dialog)
        views.append(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        qtbot.waitUntil(lambda: dialog.table.rowCount() == 2)
        dialog.table.setFocus()
        press(qtbot, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)  # Participant 1
        press(qtbot, Qt.Key.Key_Return)  # Read
        collect()

    dialogs.answer("show_letter", lambda _parent, title, text: read.append((title, text)))
    collected = tmp_path / "collected"
    dialogs.answer("ask_pin", "4821")
    dialogs.answer("get_folder", collected)
    dialogs.answer("show_facilitator", show)
    again.menu.facilitator_action.trigger()
    (view,) = views
    assert view.table.rowCount() == 2
    ((title, text),) = read
    assert title.startswith("Participant 1") and ONE in text and TWO not in text
    rows = list(csv.DictReader((collected / "summary.csv").open(encoding="utf-8")))
    assert len(rows) == 2
    letters = sorted(p.name for p in (collected / "letters").glob("*.txt"))
    assert len(letters) == 2
    texts = [p.read_text(encoding="utf-8") for p in (collected / "letters").glob("*.txt")]
    assert any(ONE in t for t in texts) and any(saved in t for t in texts)
    assert not again._recent.load() and not app_paths().recent_file.exists(), "no recent list"
