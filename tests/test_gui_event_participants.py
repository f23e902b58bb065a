"""A participant at an event: their number, laptop and code shown when they start, "Continue
my letter" after a crash, "I'm done" with what is still open, a USB stick pulled out and put
back, and the facilitator's forgotten PIN (or ten wrong ones)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from oped_studio.core.event import NO_MATCH, open_event_here
from oped_studio.core.kits import open_kit
from oped_studio.core.paths import app_paths
from oped_studio.gui import workers
from oped_studio.gui.answers import FORGOT_PIN
from oped_studio.gui.event_dialogs import (
    CodeDialog,
    NewPinDialog,
    OpenItemsDialog,
    PinDialog,
    ResumeDialog,
)
from tests.helpers import ScriptedDialogs, library_night_kit, press, type_steadily, type_text

ALT = Qt.KeyboardModifier.AltModifier
SAFE_HERE = "Your letter is safe on this laptop; hand it in again when the stick is back."


@pytest.fixture
def kit_file(tmp_path: Path) -> Path:
    return library_night_kit(tmp_path)


@pytest.fixture
def open_event(kit_file: Path, tmp_path: Path):
    """The event folder as a laptop labelled HALL-2 opens it (PIN 4821)."""
    kit = open_kit(kit_file, app_paths())

    def make():
        event = open_event_here(tmp_path / "event", kit, kit_file, app_paths(), "HALL-2")
        if not event.has_pin():
            event.set_pin("4821")
        return kit, event

    return make


@pytest.fixture
def at_event(open_event, make_window):
    """A window running the event, and the event."""
    kit, event = open_event()
    return make_window(kit=kit, event=event), event


@pytest.fixture
def codes(dialogs: ScriptedDialogs) -> list[tuple[str, str]]:
    """(who, code) of every participant told their code."""
    shown: list[tuple[str, str]] = []
    dialogs.answer("show_code", lambda _parent, who, code: shown.append((who, code)))
    dialogs.answer("show_error", None)
    dialogs.answer("show_info", None)
    return shown


def shown(dialog, qtbot) -> None:
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


def resume_with_keys(qtbot, number: str, code: str):
    """An ``ask_resume`` answer: the resume dialog, typed into as a participant does."""

    def drive(parent):
        dialog = ResumeDialog(parent)
        shown(dialog, qtbot)
        qtbot.waitUntil(dialog.number_edit.hasFocus)
        qtbot.keyClicks(dialog.number_edit, number)
        press(qtbot, Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.code_edit, code)
        press(qtbot, Qt.Key.Key_Return)
        return dialog.answer if dialog.result() else None

    return drive


def test_a_new_participant_is_told_their_number_laptop_and_code(qtbot, at_event, codes) -> None:
    window, event = at_event
    assert (
        window.welcome.laptop_label.text() == "This laptop: HALL-2. Your number is for this laptop."
    )
    assert window.welcome.resume_button.text() == "&Continue my letter"
    window.welcome.new_button.click()
    ((who, code),) = codes
    assert who == "Participant 1 on HALL-2"
    assert event.open_participant(1, code)[0].number == "P001"
    line = window.modes.who_label.text()
    assert line == f"Participant 1 on HALL-2 · code {code[:3]}-{code[3:]}"
    assert window.modes.who_label.isVisible()
    assert "You are Participant 1 on HALL-2." in window.statusBar().currentMessage()


def test_the_code_dialog_closes_only_on_its_button(qtbot) -> None:
    dialog = CodeDialog("Participant 3 on <b>HALL-2</b>", "K7QM4T")
    shown(dialog, qtbot)
    assert dialog.message.text() == (
        "You are Participant 3 on <b>HALL-2</b>. Your code is K7Q-M4T: write it down; with "
        "your number it lets you come back to this letter."
    )
    assert dialog.message.textFormat() == Qt.TextFormat.PlainText
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible(), "Escape does not hide the code before it is written down"
    qtbot.waitUntil(dialog.ok_button.hasFocus)
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.result() == CodeDialog.DialogCode.Accepted


def test_a_crash_loses_nothing_and_continue_my_letter_opens_it_again(
    qtbot, at_event, open_event, make_window, codes, dialogs: ScriptedDialogs, monkeypatch
) -> None:
    window, event = at_event
    window.welcome.new_button.click()
    ((_who, code),) = codes
    window.step_list.setCurrentRow(2)
    typed = type_steadily(qtbot, window.write_page.editors[0].editor, "w", 30)
    everything = "w" * len(typed)
    qtbot.waitUntil(lambda: event.load("P001").draft.sections.get("hook") == everything)
    mirror = app_paths().event_copies / event.uid / "P001.oped"
    assert mirror.exists(), "the laptop keeps its own copy first"
    window.session._autosaver.stop()  # the crash: nothing of this window runs any more
    window.hide()

    kit, event = open_event()
    again = make_window(kit=kit, event=event)
    assert again.modes.currentWidget() is again.welcome
    again.activateWindow()
    qtbot.waitUntil(again.isActiveWindow)
    dialogs.answer("ask_resume", resume_with_keys(qtbot, "1", "AAA-AAA"))
    press(qtbot, Qt.Key.Key_C, ALT)  # "Continue my letter", from the keyboard
    qtbot.waitUntil(lambda: bool(dialogs.arguments("show_error", "message")))  # a mnemonic
    assert dialogs.arguments("show_error", "message")[-1] == NO_MATCH
    assert again.modes.currentWidget() is again.welcome
    dialogs.answer("ask_resume", resume_with_keys(qtbot, "1", code.lower()))
    again.activateWindow()
    qtbot.waitUntil(again.isActiveWindow)
    press(qtbot, Qt.Key.Key_C, ALT)
    qtbot.waitUntil(lambda: again.modes.currentWidget() is not again.welcome)
    again.step_list.setCurrentRow(2)
    assert again.write_page.editors[0].editor.toPlainText() == everything
    assert again.modes.who_label.text().startswith("Participant 1 on HALL-2 · code ")


def test_too_many_wrong_codes_say_how_long_to_wait(
    at_event, codes, dialogs: ScriptedDialogs
) -> None:
    window, event = at_event
    now = [1_000_000.0]
    event.clock = lambda: now[0]
    dialogs.answer("ask_resume", ("1", "BBBBBB"))
    for _ in range(4):
        window.welcome.resume_button.click()
    assert dialogs.arguments("show_error", "message")[-1].startswith("Wait ")
    for number in ("0", "9" * 5000, "P1\n2", ""):  # never a number: the same message
        now[0] += 86_400
        dialogs.answer("ask_resume", (number, "BBBBBB"))
        window.welcome.resume_button.click()
        assert dialogs.arguments("show_error", "message")[-1] == NO_MATCH


def test_the_facilitator_reopens_any_letter(at_event, codes, dialogs) -> None:
    window, _event = at_event
    window.welcome.new_button.click()
    type_text(window.start_page.name_edit, "Ana")
    window.session.autosave()
    dialogs.answer("ask_unsaved", None)
    assert window.events.reopen("1")
    assert window.start_page.name_edit.text() == "Ana"
    assert window.modes.who_label.text() == "Participant 1 on HALL-2", "no code to show"
    assert not window.events.reopen("77")
    assert "no participant '77'" in dialogs.arguments("show_error", "message")[-1]


def test_the_facilitator_views_reopen_button_reaches_the_letter(at_event, codes, dialogs) -> None:
    """The view's Reopen is wired to the event (the view itself only emits the number)."""
    window, _event = at_event
    window.welcome.new_button.click()
    type_text(window.start_page.name_edit, "Ana")
    window.session.autosave()
    dialogs.answer("ask_pin", "4821")
    dialogs.answer("ask_unsaved", None)
    dialogs.answer("show_facilitator", lambda _p, _e, _paths, _collect, reopen: reopen("P001"))
    window.menu.facilitator_action.trigger()
    assert window.start_page.name_edit.text() == "Ana"
    assert window.modes.who_label.text() == "Participant 1 on HALL-2"


def items_with_keys(qtbot, keys, asked: list[list[str]]):
    """An ``ask_open_items`` answer: the checklist, answered with ``keys``."""

    def drive(parent, items):
        asked.append(items)
        dialog = OpenItemsDialog(items, parent)
        shown(dialog, qtbot)
        qtbot.waitUntil(dialog.back_button.hasFocus)
        press(qtbot, *keys)
        qtbot.waitUntil(lambda: not dialog.isVisible())  # a mnemonic clicks 100 ms later
        return dialog.hand_in

    return drive


def test_im_done_shows_what_is_open_go_back_is_the_default(
    qtbot, at_event, codes, dialogs: ScriptedDialogs, monkeypatch
) -> None:
    monkeypatch.setattr(workers, "RUN_INLINE", True)
    window, event = at_event
    window.welcome.new_button.click()
    window.step_list.setCurrentRow(2)
    type_text(window.write_page.editors[0].editor, "Libraries matter.")
    asked: list[list[str]] = []
    dialogs.answer("ask_open_items", items_with_keys(qtbot, (Qt.Key.Key_Return,), asked))
    window.done_button.click()
    assert "The letter has 2 words so far; it looks unfinished." in asked[0]
    assert not (event.letters / "P001.txt").exists(), "Return went back to the letter"
    assert window.modes.currentWidget() is not window.welcome
    dialogs.answer("ask_open_items", items_with_keys(qtbot, (Qt.Key.Key_H, ALT), asked))
    window.done_button.click()
    assert "Libraries matter." in (event.letters / "P001.txt").read_text(encoding="utf-8")
    assert window.modes.currentWidget() is window.welcome


def test_im_done_with_nothing_open_asks_plainly(
    at_event, codes, dialogs: ScriptedDialogs, monkeypatch
) -> None:
    from oped_studio.workshop import handin

    monkeypatch.setattr(workers, "RUN_INLINE", True)
    monkeypatch.setattr(handin, "open_items", lambda *_: [])
    window, event = at_event
    window.welcome.new_button.click()
    dialogs.answer("confirm_done", False)
    window.done_button.click()
    assert not (event.letters / "P001.txt").exists()
    dialogs.answer("confirm_done", True)
    window.done_button.click()
    assert (event.letters / "P001.txt").exists()
    assert not [c for c in dialogs.calls if c.name == "ask_open_items"]


def test_a_pulled_usb_stick_is_said_once_and_the_letters_go_back(
    qtbot, at_event, codes, dialogs: ScriptedDialogs, monkeypatch, tmp_path
) -> None:
    from oped_studio.core.storage import load_draft

    monkeypatch.setattr(workers, "RUN_INLINE", True)
    window, event = at_event
    window.welcome.new_button.click()
    editor = window.start_page.name_edit
    type_text(editor, "Ana")
    window.session.autosave()
    away = tmp_path / "stick-out"
    event.folder.rename(away)
    for more in (" Pena", " Ruiz", " Diaz"):
        type_text(editor, more)
        window.session.autosave()  # every autosave tries the folder again
    stick_out = [m for m in dialogs.arguments("show_error", "message") if "USB stick" in m]
    assert len(stick_out) == 1, "said once, not at every autosave"
    assert "cannot be reached (is the USB stick out?)" in window.statusBar().currentMessage()
    assert editor.text() == "Ana Pena Ruiz Diaz", "the writing goes on"
    mirror = app_paths().event_copies / event.uid / "P001.oped"
    assert load_draft(mirror).draft.author.name == "Ana Pena Ruiz Diaz"

    monkeypatch.setattr("oped_studio.workshop.handin.open_items", lambda *_: [])
    dialogs.answer("confirm_done", True)
    window.done_button.click()  # handing in while the stick is out
    assert dialogs.arguments("show_error", "message")[-1] == SAFE_HERE
    assert window.modes.currentWidget() is not window.welcome, "still at the letter"

    away.rename(tmp_path / "event")
    qtbot.waitUntil(lambda: "is back:" in window.statusBar().currentMessage(), timeout=6000)
    assert window.statusBar().currentMessage() == (
        "The event folder is back: the letters are in it again."
    )
    assert event.load("P001").draft.author.name == "Ana Pena Ruiz Diaz"
    window.done_button.click()
    assert (event.letters / "P001.txt").exists()
    assert len([m for m in dialogs.arguments("show_error", "message") if "USB" in m]) == 1


def test_a_sync_begun_before_the_stick_was_pulled_does_not_say_it_is_back(
    qtbot, at_event, codes, monkeypatch, tmp_path
) -> None:
    """The sync at the event's start (off the UI thread) could report after the stick was
    pulled: it said "the folder is back", stopped the retries, and later letters stayed on
    the laptop only (seen when the first test of a run was slow)."""
    window, _event = at_event
    watch = window.events.folder
    monkeypatch.setattr(workers, "RUN_INLINE", False)
    reported = []
    real = watch._on_synced_back
    monkeypatch.setattr(watch, "_on_synced_back", lambda *a: reported.append(a) or real(*a))
    watch.sync_back_soon()  # begun while the folder is there ...
    watch.unavailable("The event folder cannot be reached.", dialog=False)  # ... then pulled
    qtbot.waitUntil(lambda: bool(reported))
    assert watch.away, "still away: the early sync said nothing about now"
    assert "is back" not in window.statusBar().currentMessage()


def test_quitting_while_the_stick_is_out_asks_no_save_that_cannot_succeed(
    qtbot, at_event, codes, dialogs: ScriptedDialogs, monkeypatch, tmp_path
) -> None:
    """The laptop's copy holds the letter: quitting (with the PIN) says so and closes, rather
    than asking "Save?" and then failing with "Could not save"."""
    from oped_studio.core.storage import load_draft

    monkeypatch.setattr(workers, "RUN_INLINE", True)
    window, event = at_event
    window.welcome.new_button.click()
    type_text(window.start_page.name_edit, "Ana")
    window.session.autosave()
    event.folder.rename(tmp_path / "stick-out")
    type_text(window.start_page.name_edit, " Pena")
    dialogs.answer("ask_pin", "4821")
    assert window.close(), "closed, with the PIN"
    assert "ask_unsaved" not in dialogs.asked and "Could not save" not in str(dialogs.calls)
    mirror = app_paths().event_copies / event.uid / "P001.oped"
    assert load_draft(mirror).draft.author.name == "Ana Pena"


def test_a_new_participant_while_the_stick_is_out_is_told_to_put_it_back(
    at_event, codes, dialogs: ScriptedDialogs, tmp_path
) -> None:
    window, event = at_event
    shutil.move(event.folder, tmp_path / "out")
    window.welcome.new_button.click()
    assert window.modes.currentWidget() is window.welcome
    said = dialogs.arguments("show_error", "message")[-1]
    assert "Put it back, then start the letter." in said
    assert window.statusBar().currentMessage() == said


# -- the facilitator's PIN ---------------------------------------------------------------------


def test_the_pin_dialog_answers_with_keys(qtbot) -> None:
    dialog = PinDialog("Quit")
    shown(dialog, qtbot)
    qtbot.waitUntil(dialog.pin_edit.hasFocus)
    qtbot.keyClicks(dialog.pin_edit, "4821")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.answer == "4821"
    forgot = PinDialog("Quit")
    shown(forgot, qtbot)
    qtbot.waitUntil(forgot.pin_edit.hasFocus)
    press(qtbot, Qt.Key.Key_F, ALT)
    qtbot.waitUntil(lambda: forgot.answer is FORGOT_PIN)


def test_a_new_pin_must_be_typed_twice_alike(qtbot) -> None:
    dialog = NewPinDialog()
    shown(dialog, qtbot)
    qtbot.waitUntil(dialog.pin_edit.hasFocus)
    qtbot.keyClicks(dialog.pin_edit, "5555")
    press(qtbot, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.pin2_edit, "5556")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible() and "differ" in dialog.error_label.text()
    dialog.pin2_edit.setText("5555")
    dialog.pin2_edit.setFocus()
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.result() == NewPinDialog.DialogCode.Accepted


def test_a_forgotten_pin_is_reset_with_the_kit_file_only(
    at_event, kit_file, codes, dialogs: ScriptedDialogs, tmp_path
) -> None:
    window, event = at_event
    other = tmp_path / "other.opedkit"
    other.write_bytes(b"not the kit")
    dialogs.answer("ask_pin", FORGOT_PIN)
    dialogs.answer("get_kit_path", other, kit_file)
    dialogs.answer("show_facilitator", None)
    window.menu.facilitator_action.trigger()
    assert (
        "is not the kit this event was started with"
        in (dialogs.arguments("show_error", "message")[-1])
    )
    assert not [c for c in dialogs.calls if c.name == "show_facilitator"]
    dialogs.answer("ask_reset_pin", "12", "5555")
    window.menu.facilitator_action.trigger()
    assert dialogs.arguments("show_error", "message")[-1] == "Choose a PIN of at least 4 digits."
    assert [c.name for c in dialogs.calls].count("show_facilitator") == 1
    assert event.check_pin("5555") and not event.check_pin("4821")


def test_ten_wrong_pins_slow_down_and_never_lock_out(
    at_event, codes, dialogs: ScriptedDialogs
) -> None:
    window, event = at_event
    now = [1_000_000.0]
    event.clock = lambda: now[0]
    dialogs.answer("ask_pin", "0000")
    dialogs.answer("show_facilitator", None)
    for _ in range(10):
        window.menu.facilitator_action.trigger()
    said = dialogs.arguments("show_error", "message")
    assert said[-1].startswith("Wait ") and said[-1].endswith("before trying again.")
    now[0] += 7 * 86_400  # however many wrong PINs: waiting lets the right one in
    dialogs.answer("ask_pin", "4821")
    window.menu.facilitator_action.trigger()
    assert [c.name for c in dialogs.calls].count("show_facilitator") == 1
