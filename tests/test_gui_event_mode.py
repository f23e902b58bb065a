"""Event mode from the menu: File > Run an Event (the dialog, driven with keys), the PIN in
front of every way out of event mode, and leaving it for the writer's own window."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog

from oped_studio.core.event import EventFolder
from oped_studio.core.paths import app_paths
from oped_studio.core.storage import load_draft
from oped_studio.gui import workers
from oped_studio.gui.answers import UnsavedChoice
from oped_studio.gui.run_event_dialog import RunEventDialog
from tests.helpers import ScriptedDialogs, keyboard_target, library_night_kit, press, type_here

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier
WRONG_PIN = "That is not the event's PIN; ask the facilitator."
BODY = "The library is the only place in town where a child can read after school for free."


@pytest.fixture
def kit_file(tmp_path: Path) -> Path:
    return library_night_kit(tmp_path)


@pytest.fixture
def run_dialog(qtbot, monkeypatch: pytest.MonkeyPatch):
    """A Run an Event dialog, shown, with the keyboard in its first field."""
    monkeypatch.setattr(socket, "gethostname", lambda: "table-3")

    def make(parent=None) -> RunEventDialog:
        dialog = RunEventDialog(app_paths(), parent)
        if parent is None:
            qtbot.addWidget(dialog)
        with qtbot.waitExposed(dialog):
            dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.kit_edit.hasFocus)
        return dialog

    return make


def fill(qtbot, kit: Path | str, folder: Path | str, *pins: str) -> None:
    """Type into the dialog as a person does: the kit, Tab past Browse, the folder, Tab past
    Browse, keep the laptop's name, then the PIN (twice for a new event) and Enter."""
    type_here(qtbot, str(kit))
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    type_here(qtbot, str(folder))
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Tab)  # the laptop's label stays the machine's name
    for number, pin in enumerate(pins):
        if number:
            press(qtbot, Qt.Key.Key_Tab)
        type_here(qtbot, pin)
    press(qtbot, Qt.Key.Key_Return)


def existing_event(kit_file: Path, folder: Path, participants: int = 2) -> EventFolder:
    """An event with its PIN (4821) and ``participants`` who started on 5 Dec 2026."""
    from oped_studio.core.draft import Draft
    from oped_studio.core.kits import open_kit

    kit = open_kit(kit_file, app_paths())
    event = EventFolder(folder, kit.manifest.id, kit.manifest.title)
    event.set_pin("4821")
    for _ in range(participants):
        event.new_participant(Draft())
    for path in event.people.glob("P*.json"):  # each participant's own record
        record = json.loads(path.read_text(encoding="utf-8"))
        record["started"] = "2026-12-05T12:00:00+00:00"
        path.write_text(json.dumps(record), encoding="utf-8")
    return event


# -- the whole way: from the menu, a participant, the PIN, and back --------------------------


def test_an_event_runs_from_the_file_menu_behind_the_pin(
    qtbot, make_window, dialogs: ScriptedDialogs, run_dialog, kit_file: Path, tmp_path: Path
) -> None:
    window = make_window()
    window.start_page.name_edit.setFocus()
    type_here(qtbot, "Mia Writer")  # the writer's own draft, not saved yet
    dialogs.answer("ask_unsaved", UnsavedChoice.SAVE)
    dialogs.answer("get_save_path", tmp_path / "mine.oped")
    folder = tmp_path / "event"

    def run(parent, paths):
        dialog = run_dialog(parent)
        fill(qtbot, kit_file, folder, "4821", "4821")
        return dialog.spec

    dialogs.answer("get_event_spec", run)
    press(qtbot, Qt.Key.Key_E, CTRL_SHIFT)  # File > Run an Event
    assert load_draft(tmp_path / "mine.oped").draft.author.name == "Mia Writer", "nothing lost"
    assert window.modes.currentWidget() is window.welcome
    assert window.welcome.welcome_label.text().startswith("Welcome! Write one letter")
    menu = window.menu
    assert not any(a.isVisible() for a in (menu.open_action, menu.new_action, menu.open_kit_action))
    assert not menu.run_event_action.isEnabled()
    assert menu.leave_event_action.isVisible() and not window.done_button.isHidden()

    window.activateWindow()  # the window manager's part, when the dialog closes
    qtbot.waitUntil(window.isActiveWindow)
    dialogs.answer("show_code", None)
    assert keyboard_target() is window.welcome.new_button
    press(qtbot, Qt.Key.Key_Space)  # "New participant"
    event = window.events.event
    assert window.session.path == event.draft_path("P001")
    assert window.start_page.name_edit.text() == "", "the writer's details are not shown"
    assert window.start_page.outlet_id() == "la-times", "the kit's paper"
    press(qtbot, Qt.Key.Key_3, CTRL)
    type_here(qtbot, BODY)

    dialogs.answer("ask_pin", "0000")
    dialogs.answer("show_error", None)
    press(qtbot, Qt.Key.Key_Q, CTRL)  # a participant tries to quit
    assert window.isVisible(), "a wrong PIN keeps the window open"
    assert dialogs.arguments("show_error", "message") == [WRONG_PIN]
    assert BODY in event.load("P001").draft.sections["hook"], "saved before the PIN was asked"
    assert not window.session.is_dirty()
    dialogs.answer("ask_pin", None)
    window.close()  # the window's close button: Cancel does nothing, and says nothing
    assert window.isVisible() and len(dialogs.arguments("show_error", "message")) == 1

    dialogs.answer("ask_pin", "4821")
    press(qtbot, Qt.Key.Key_L, CTRL_SHIFT)  # Facilitator > Leave Event Mode
    assert window.modes is None and window.welcome is None
    assert window.centralWidget().isAncestorOf(window.step_list)
    assert window.done_button.isHidden() and menu.new_action.isVisible()
    assert window.session.path is None and not window.session.is_dirty()
    assert window.start_page.name_edit.text() == "Mia Writer", "the writer's own blank draft"
    assert BODY in event.load("P001").draft.sections["hook"]
    asked = len(dialogs.arguments("ask_pin", "reason"))
    window.close()  # outside an event: no PIN
    assert not window.isVisible()
    assert len(dialogs.arguments("ask_pin", "reason")) == asked


@pytest.fixture
def event_window(make_window, dialogs: ScriptedDialogs, kit_file: Path, tmp_path: Path):
    from oped_studio.core.kits import open_kit

    kit = open_kit(kit_file, app_paths())
    event = EventFolder(tmp_path / "event", kit.manifest.id, kit.manifest.title)
    event.set_pin("4821")
    window = make_window(kit=kit, event=event)
    dialogs.answer("show_error", None)
    dialogs.answer("show_code", None)
    return window


@pytest.mark.parametrize(
    ("action", "reached"),
    [
        ("settings_action", "edit_settings"),
        ("build_kit_action", "get_kit_spec"),
        ("handouts_action", "get_kit_path"),
        ("facilitator_action", "show_facilitator"),
    ],
)
def test_the_facilitators_doors_need_the_pin(
    event_window, dialogs: ScriptedDialogs, action: str, reached: str
) -> None:
    window = event_window
    dialogs.answer("ask_pin", "1234")
    getattr(window.menu, action).trigger()
    assert dialogs.arguments("show_error", "message") == [WRONG_PIN]
    assert reached not in dialogs.asked, "refused: the door stays shut"
    dialogs.answer("ask_pin", None)
    getattr(window.menu, action).trigger()
    assert reached not in dialogs.asked, "Cancel does nothing"
    assert len(dialogs.arguments("show_error", "message")) == 1, "and says nothing"
    dialogs.answer("ask_pin", "4821")
    dialogs.answer(reached, None)
    getattr(window.menu, action).trigger()
    assert reached in dialogs.asked


def test_the_welcome_screens_facilitator_button_needs_the_pin(
    qtbot, event_window, dialogs: ScriptedDialogs
) -> None:
    dialogs.answer("ask_pin", "1")
    event_window.welcome.facilitator_button.click()
    assert "show_facilitator" not in dialogs.asked
    assert dialogs.arguments("ask_pin", "reason") == ["Facilitator view"]


def test_leaving_event_mode_with_a_wrong_pin_stays(event_window, dialogs: ScriptedDialogs) -> None:
    dialogs.answer("ask_pin", "9999")
    event_window.menu.leave_event_action.trigger()
    assert event_window.events.event is not None
    assert event_window.modes.currentWidget() is event_window.welcome


def test_an_event_from_the_command_line_takes_the_same_way(event_window) -> None:
    """``--kit --event`` builds the window with them: event mode, welcome first."""
    window = event_window
    assert window.modes.currentWidget() is window.welcome
    assert window.menu.facilitator_action.isVisible()
    assert not window.menu.run_event_action.isVisible()


def test_a_window_without_an_event_builds_no_event_screen(make_window) -> None:
    window = make_window()
    assert window.modes is None and window.welcome is None
    assert not window.menu.leave_event_action.isVisible()


# -- the Run an Event dialog, with keys ------------------------------------------------------


def test_a_new_event_is_started_with_a_pin_typed_twice(
    qtbot, run_dialog, kit_file: Path, tmp_path: Path
) -> None:
    dialog = run_dialog()
    assert dialog.laptop_edit.text() == "table-3", "the machine's name"
    folder = tmp_path / "new-event"
    fill(qtbot, kit_file, folder, "4821", "4812")
    assert dialog.error_label.text() == "The two PINs differ: type the same PIN in both fields."
    assert dialog.isVisible() and dialog.spec is None
    assert dialog.kit_edit.text() == str(kit_file) and dialog.folder_edit.text() == str(folder)
    assert keyboard_target() is dialog.pin_edit and not folder.exists()
    type_here(qtbot, "4821")
    press(qtbot, Qt.Key.Key_Tab)
    type_here(qtbot, "4821")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    spec = dialog.spec
    assert spec.laptop == "table-3" and spec.kit.manifest.id == "library-night"
    assert spec.event.folder == folder and spec.event.check_pin("4821")


def test_the_folder_says_what_it_is_as_soon_as_it_is_typed(
    qtbot, run_dialog, kit_file: Path, tmp_path: Path
) -> None:
    existing_event(kit_file, tmp_path / "ev")
    dialog = run_dialog()
    dialog.folder_edit.setFocus()
    type_here(qtbot, str(tmp_path / "other"))
    assert dialog.folder_label.text().startswith("A new event")
    assert dialog.pin2_edit.isVisible() and dialog.pin_label.text() == "Choose a &PIN:"
    dialog.folder_edit.clear()
    type_here(qtbot, str(tmp_path / "ev"))
    assert dialog.folder_label.text() == "An event with 2 participants, started 5 Dec."
    assert not dialog.pin2_edit.isVisible() and dialog.pin_label.text() == "The event's &PIN:"


def test_an_existing_events_pin_is_checked(
    qtbot, run_dialog, kit_file: Path, tmp_path: Path
) -> None:
    existing_event(kit_file, tmp_path / "ev", participants=1)
    dialog = run_dialog()
    fill(qtbot, kit_file, tmp_path / "ev", "1111")
    assert dialog.error_label.text() == "That is not the event's PIN; type it again."
    assert dialog.spec is None and keyboard_target() is dialog.pin_edit
    type_here(qtbot, "4821")  # the wrong PIN was selected: typing replaces it
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.spec is not None and len(dialog.spec.event.participants()) == 1


def test_the_tab_order_follows_the_form(run_dialog) -> None:
    dialog = run_dialog()
    seen = [dialog.kit_edit]
    for _ in range(6):
        dialog.focusNextChild()
        seen.append(dialog.focusWidget())
    assert seen == [
        dialog.kit_edit,
        dialog.kit_browse,
        dialog.folder_edit,
        dialog.folder_browse,
        dialog.laptop_edit,
        dialog.pin_edit,
        dialog.pin2_edit,
    ]
    assert all(w.accessibleName() for w in seen)


def test_browse_fills_the_fields(
    qtbot, run_dialog, monkeypatch: pytest.MonkeyPatch, kit_file: Path, tmp_path: Path
) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(kit_file), ""))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a: str(tmp_path))
    dialog = run_dialog()
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Space)  # Browse… for the kit
    assert dialog.kit_edit.text() == str(kit_file) and keyboard_target() is dialog.folder_edit
    dialog.folder_browse.click()
    assert dialog.folder_edit.text() == str(tmp_path)
    assert dialog.folder_label.text().startswith("A new event")


@pytest.mark.parametrize("kit", ["folder", "/dev/zero", "missing.opedkit", ""])
def test_a_kit_that_cannot_be_opened_is_said_in_the_dialog(
    qtbot, run_dialog, tmp_path: Path, kit: str
) -> None:
    path = {"folder": str(tmp_path), "missing.opedkit": str(tmp_path / "missing.opedkit")}.get(
        kit, kit
    )
    dialog = run_dialog()
    if path:
        fill(qtbot, path, tmp_path / "ev", "4821", "4821")
    else:
        press(qtbot, Qt.Key.Key_Return)
    message = dialog.error_label.text()
    assert message and dialog.spec is None and dialog.isVisible()
    assert "\n" not in message.strip() or "cannot be used" in message
    assert keyboard_target() is dialog.kit_edit
    assert dialog.kit_edit.text() == path, "what was typed stays"
    assert not (tmp_path / "ev").exists(), "nothing made for an event that did not start"


def test_an_event_folder_that_is_a_file_is_said_at_once(
    qtbot, run_dialog, kit_file: Path, tmp_path: Path
) -> None:
    afile = tmp_path / "notes.txt"
    afile.write_text("x", encoding="utf-8")
    dialog = run_dialog()
    fill(qtbot, kit_file, afile, "4821", "4821")
    said = "That is a file, not a folder: choose a folder for the event."
    assert dialog.folder_label.text() == said and dialog.error_label.text() == said
    assert keyboard_target() is dialog.folder_edit and dialog.spec is None


def test_a_damaged_event_file_is_said_and_left_alone(
    qtbot, run_dialog, kit_file: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "ev"
    folder.mkdir()
    (folder / "event.json").write_text("{not json", encoding="utf-8")
    dialog = run_dialog()
    fill(qtbot, kit_file, folder, "4821", "4821")
    assert "event.json cannot be read" in dialog.error_label.text()
    assert (folder / "event.json").read_text(encoding="utf-8") == "{not json"


def test_an_event_file_that_is_a_fifo_is_not_read(
    qtbot, run_dialog, kit_file: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "ev"
    folder.mkdir()
    os.mkfifo(folder / "event.json")
    dialog = run_dialog()
    dialog.folder_edit.setFocus()
    type_here(qtbot, str(folder))  # would hang on open() if it were read
    assert "event.json cannot be read" in dialog.folder_label.text()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_event_folder_is_said_in_the_dialog(
    qtbot, run_dialog, kit_file: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        dialog = run_dialog()
        fill(qtbot, kit_file, folder, "4821", "4821")
        assert "read-only" in dialog.error_label.text() or "permission" in (
            dialog.error_label.text()
        )
        assert dialog.spec is None and keyboard_target() is dialog.folder_edit
    finally:
        folder.chmod(0o755)


def test_an_event_of_another_kit_is_refused(
    qtbot, run_dialog, kit_file: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "ev"
    EventFolder(folder, "bus-night", "Buses").set_pin("4821")
    dialog = run_dialog()
    fill(qtbot, kit_file, folder, "4821")
    assert "another kit (“bus-night”)" in dialog.error_label.text()


@pytest.mark.parametrize("label", ["", "x" * 25, "two\nlines", "café"])
def test_a_laptop_label_must_be_short_and_on_one_line(
    qtbot, run_dialog, kit_file: Path, tmp_path: Path, label: str
) -> None:
    dialog = run_dialog()
    dialog.laptop_edit.setText(label)
    fill(qtbot, kit_file, tmp_path / "ev", "4821", "4821")
    assert dialog.error_label.text().startswith(("Give this laptop", "A laptop label may"))
    assert keyboard_target() is dialog.laptop_edit


def test_a_short_pin_is_refused_in_the_dialog(
    qtbot, run_dialog, kit_file: Path, tmp_path: Path
) -> None:
    dialog = run_dialog()
    fill(qtbot, kit_file, tmp_path / "ev", "12", "12")
    assert dialog.error_label.text() == "Choose a PIN of at least 4 digits."
    assert dialog.spec is None and keyboard_target() is dialog.pin_edit


def test_cancel_starts_nothing(qtbot, make_window, dialogs: ScriptedDialogs) -> None:
    window = make_window()
    dialogs.answer("get_event_spec", None)
    window.menu.run_event_action.trigger()
    assert window.modes is None and window.events.event is None


@pytest.fixture(autouse=True)
def _inline_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "RUN_INLINE", True)


def test_names_no_disk_takes_are_said_in_the_dialog(
    qtbot, run_dialog, kit_file: Path, tmp_path: Path
) -> None:
    dialog = run_dialog()
    dialog.folder_edit.setText("ev\0il")  # pasted
    assert dialog.folder_label.text() == "That folder name cannot be used: choose another."
    dialog.folder_edit.setText(str(tmp_path / ("x" * 5000)))
    assert dialog.folder_label.text().startswith("That folder cannot be used (")
    dialog.kit_edit.setText("night\0.opedkit")
    dialog.folder_edit.setText(str(tmp_path / "ev"))
    dialog.pin_edit.setText("4821")
    dialog.pin2_edit.setText("4821")
    dialog.start_button.click()
    assert dialog.error_label.text() == "That file name cannot be used: choose the kit file."
    assert dialog.spec is None


def test_an_event_folder_on_a_read_only_disk_is_said_in_the_dialog(
    qtbot, run_dialog, kit_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As root the test above cannot make a folder read-only: a read-only disk says so."""
    import errno
    import tempfile

    existing_event(kit_file, tmp_path / "ev")

    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "TemporaryFile", read_only)
    dialog = run_dialog()
    fill(qtbot, kit_file, tmp_path / "ev", "4821")
    message = dialog.error_label.text()
    assert message.startswith("Cannot write in ") and "read-only" in message
    assert dialog.spec is None and keyboard_target() is dialog.folder_edit


def test_leaving_keeps_the_event_when_the_letter_cannot_be_saved(
    qtbot, event_window, dialogs: ScriptedDialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    from oped_studio.core import event as event_module
    from oped_studio.core.errors import SaveError

    window = event_window
    window.welcome.new_button.click()
    window.start_page.name_edit.setFocus()
    type_here(qtbot, "Ana")

    def full_disk(*args, **kwargs):
        raise SaveError(args[1], "the disk is full; free some space and try again")

    monkeypatch.setattr(event_module, "save_draft_data", full_disk)
    dialogs.answer("ask_pin", "4821")
    window.menu.leave_event_action.trigger()
    assert window.events.event is not None and window.session.is_dirty()
    assert window.start_page.name_edit.text() == "Ana", "nothing typed is lost"
    assert "could not be saved" in window.statusBar().currentMessage()


def test_too_many_wrong_pins_in_the_run_dialog_say_how_long_to_wait(
    qtbot, run_dialog, kit_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    existing_event(kit_file, tmp_path / "ev", participants=1)
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now)  # the tries' clock stands still
    dialog = run_dialog()
    fill(qtbot, kit_file, tmp_path / "ev", "1111")
    for _ in range(3):
        assert dialog.error_label.text() == "That is not the event's PIN; type it again."
        qtbot.keyClicks(dialog.pin_edit, "1111")
        qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
    assert dialog.error_label.text().startswith("Wait "), "said, not an exception"
    assert dialog.spec is None and keyboard_target() is dialog.pin_edit
