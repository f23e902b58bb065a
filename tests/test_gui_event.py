"""Event mode, end to end: a kit opened, three participants on one laptop, the facilitator's
view behind the PIN, and the letters collected with a summary and a similarity report."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from oped_studio.core.event import EventFolder
from oped_studio.core.kits import Manifest, build_kit, open_kit
from oped_studio.core.packs import bundled_dir
from oped_studio.core.paths import app_paths, set_kit_folder
from oped_studio.gui import workers
from oped_studio.gui.facilitator_dialog import FacilitatorDialog
from tests.helpers import ScriptedDialogs, library_night_kit, type_steadily, type_text

SHARED = (
    "The library is the only place in town where a child can read after school for free, "
    "and closing it two days a week would leave working parents with nowhere to turn."
)
LETTERS = [
    ("Ana Pena", "I grew up in that library. " + SHARED),
    ("Ben Ortiz", SHARED + " Please vote no on the cuts."),
    ("Chloe Wu", "My bus route was cut last spring, and my shift now ends after the last bus."),
]


@pytest.fixture
def event_window(
    make_window, dialogs: ScriptedDialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    kit = open_kit(library_night_kit(tmp_path), app_paths())
    set_kit_folder(kit.folder)
    event = EventFolder(tmp_path / "event", kit.manifest.id, kit.manifest.title)
    monkeypatch.setattr(workers, "RUN_INLINE", True)
    dialogs.answer("ask_new_pin", "12", "4821")
    dialogs.answer("confirm_done", True)
    dialogs.answer("ask_open_items", True)
    dialogs.answer("show_code", None)
    dialogs.answer("show_info", None)
    dialogs.answer("show_error", None)
    window = make_window(kit=kit, event=event)
    return window, event


def test_an_event_with_three_participants(
    qtbot, event_window, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    window, event = event_window
    assert window.events.start_event()
    errors = dialogs.arguments("show_error", "message")
    assert errors == ["Choose a PIN of at least 4 digits."], "a short PIN is refused"
    assert event.check_pin("4821")
    assert window.modes.currentWidget() is window.welcome
    assert window.welcome.welcome_label.text().startswith("Welcome! Write one letter")
    hidden = [
        window.menu.open_action,
        window.menu.new_action,
        window.menu.library_action,
        window.menu.save_as_action,
    ]
    assert not any(a.isVisible() for a in hidden), "no way to another participant's draft"

    for index, (name, body) in enumerate(LETTERS, start=1):
        window.welcome.new_button.click()
        assert window.modes.currentIndex() == 1
        assert window.session.path == event.draft_path(f"P{index:03d}")
        start = window.start_page
        assert start.name_edit.text() == "", "nobody's details are carried over"
        assert start.outlet_id() == "la-times", "the kit's paper is chosen"
        type_text(start.name_edit, name)
        window.step_list.setCurrentRow(2)
        type_text(window.write_page.editors[0].editor, body)
        type_text(window.write_page.editor_for("signature").editor, name)
        window.session.autosave()  # the pause in typing: saved into the event folder
        assert body in event.load(f"P{index:03d}").draft.sections["hook"]
        window.done_button.click()
        assert window.modes.currentWidget() is window.welcome
        info = dialogs.arguments("show_info", "message")
        assert f"Participant {index}, your letter is handed in" in info[-1]
        assert (event.letters / f"P{index:03d}.docx").exists()
        assert body in (event.letters / f"P{index:03d}.txt").read_text(encoding="utf-8")
    assert not app_paths().author_file.exists(), "contact details are not remembered at an event"

    # The facilitator's view, behind the PIN.
    shown = []

    def show(parent, ev, paths, collect, reopen=None):
        dialog = FacilitatorDialog(ev, paths, parent)
        qtbot.addWidget(dialog)
        shown.append(dialog)
        collect()

    dialogs.answer("ask_pin", "0000")
    window.menu.facilitator_action.trigger()
    assert (
        shown == []
        and dialogs.arguments("show_error", "message")[-1]
        == "That is not the event's PIN; ask the facilitator."
    )
    dialogs.answer("ask_pin", "4821")
    collected = tmp_path / "collected"
    dialogs.answer("get_folder", collected)
    dialogs.answer("show_facilitator", show)
    window.menu.facilitator_action.trigger()
    (dialog,) = shown
    assert dialog.table.rowCount() == 3
    assert [dialog.cell(r, 0) for r in range(3)] == [f"Participant {i}" for i in (1, 2, 3)]
    assert dialog.cell(0, 1) == "Los Angeles Times"
    assert dialog.cell(0, 2) == "38 / 150", 'handed in: its figures, not "38 words so far"'
    assert dialog.cell(0, 5) == "like Participant 2" and dialog.cell(1, 5) == "like Participant 1"
    assert {dialog.cell(r, 6) for r in range(3)} == {"yes"}
    assert "3 participants, 3 finished." in dialog.status.text()

    # Collected: every letter, the summary and the similarity report.
    rows = list(csv.DictReader((collected / "summary.csv").open(encoding="utf-8")))
    assert [r["letter"] for r in rows] == ["P001", "P002", "P003"]
    assert all(r["finished"] == "yes" for r in rows)
    assert all((collected / "letters" / f"P00{i}.docx").exists() for i in (1, 2, 3))
    pairs = list(csv.DictReader((collected / "similarity.csv").open(encoding="utf-8")))
    assert [(p["first"], p["second"]) for p in pairs] == [("P001", "P002")]
    info = dialogs.arguments("show_info", "message")
    assert "2 pair" not in info[-1] and "1 pair(s)" in info[-1]


def test_an_event_does_not_start_without_a_pin(event_window, dialogs: ScriptedDialogs) -> None:
    window, event = event_window
    dialogs.answer("ask_new_pin", None)
    assert not window.events.start_event()
    assert not event.has_pin()


def test_a_kits_venue_server_is_used_for_the_checks(
    make_window, tmp_path: Path, monkeypatch
) -> None:
    from tests.fake_languagetool import FakeLanguageTool

    monkeypatch.setattr(workers, "RUN_INLINE", True)
    with FakeLanguageTool() as server:
        manifest = Manifest(id="venue", title="Venue", languagetool_url=server.url.rstrip("/"))
        pack = bundled_dir("talking_points") / "pacific-grove-library.toml"
        kit = open_kit(
            build_kit(
                tmp_path / "v",
                manifest,
                pack_files={"pacific-grove-library": pack},
                paths=app_paths(),
            ),
            app_paths(),
        )
        window = make_window(kit=kit, show=False, papers_loaded=False)
        window.step_list.setCurrentRow(2)
        type_text(window.write_page.editors[0].editor, "Teh library matters.")
        window.checks.run()
        assert server.requests, "the check went to the venue's server"
        assert window.checks.report.grammar_engine.startswith("languagetool")
        window.session.set_unmodified()  # nothing to ask about on close


def test_steady_typing_at_an_event_is_in_the_participants_file_within_a_second(
    qtbot, event_window, dialogs: ScriptedDialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    window, event = event_window
    assert window.events.start_event()  # a short PIN first: one error, asked again
    window.welcome.new_button.click()
    monkeypatch.setattr(workers, "RUN_INLINE", False)  # the file is written off the UI thread
    window.step_list.setCurrentRow(2)
    editor = window.write_page.editors[0].editor
    on_disk: list[tuple[float, int]] = []

    def look() -> None:
        on_disk.append((time.monotonic(), len(event.load("P001").draft.sections.get("hook", ""))))

    typed = type_steadily(qtbot, editor, "b", 60, after_each=look)  # three seconds, no pause
    for moment, length in on_disk:
        older = sum(1 for when in typed if when <= moment - 1.0)
        assert length >= older, f"{older - length} keys typed over a second ago were not saved"
    assert on_disk[-1][1] >= 30

    from oped_studio.core import atomic

    real_fsync, writing = atomic.os.fsync, []

    def slow_fsync(fd: int) -> None:
        writing.append(fd)
        time.sleep(0.2)  # a slow disk, so the hand-in comes while the file is being written
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", slow_fsync)
    type_text(editor, "b")
    typed.append(time.monotonic())
    qtbot.waitUntil(lambda: bool(writing), timeout=5_000)
    type_text(editor, "z")  # a last key while the file is being written
    window.done_button.click()  # waits for that save, and hands in without a false conflict
    qtbot.waitUntil(lambda: window.modes.currentWidget() is window.welcome, timeout=30_000)
    assert dialogs.arguments("show_error", "message") == ["Choose a PIN of at least 4 digits."]
    everything = "b" * len(typed) + "z"
    assert everything in (event.letters / "P001.txt").read_text(encoding="utf-8")
    assert event.load("P001").draft.sections["hook"] == everything, "no older save came last"


def test_switching_a_rule_off_at_a_venue_does_not_save_the_venue_server(
    make_window, dialogs: ScriptedDialogs, tmp_path: Path, monkeypatch
) -> None:
    from oped_studio.checks.issue import Issue
    from oped_studio.core.settings import load_settings
    from oped_studio.gui.answers import SettingsResult

    monkeypatch.setattr(workers, "RUN_INLINE", True)
    venue = "http://127.0.0.1:9"
    manifest = Manifest(id="venue", title="Venue", languagetool_url=venue)
    pack = bundled_dir("talking_points") / "pacific-grove-library.toml"
    kit = open_kit(
        build_kit(
            tmp_path / "v", manifest, pack_files={"pacific-grove-library": pack}, paths=app_paths()
        ),
        app_paths(),
    )
    window = make_window(kit=kit, show=False, papers_loaded=False)
    window.checks.run()
    assert window.checks.checker.settings.languagetool_url == venue
    # Ignoring a rule in this letter keeps it in the letter: no settings are written at all.
    window.checks.ignore_rule(Issue(0, 1, "style", "cliche", "x", (), "oped-studio"))
    assert window.session.draft.ignored_rules == ["oped-studio:cliche"]
    assert not app_paths().settings_file.exists()

    # Switching a rule off for every letter (Edit > Settings) at the venue saves the writer's
    # own settings with it, never the venue's server laid over them.
    def switch_off(_parent, settings, words):
        settings.disabled_rules.append("oped-studio:passive-voice")
        return SettingsResult(settings, words)

    dialogs.answer("edit_settings", switch_off)
    window.menu.settings_requested.emit()
    shown = dialogs.arguments("edit_settings", "settings")[0]
    assert shown.languagetool_url == "", "the dialog edits the writer's own settings"
    saved = load_settings(app_paths())
    assert saved.disabled_rules == ["oped-studio:passive-voice"]
    assert saved.grammar_engine == "harper" and saved.languagetool_url == ""
    window.checks.run()
    assert "oped-studio:passive-voice" in window.checks.checker.settings.disabled_rules
    assert window.checks.checker.settings.languagetool_url == venue, "still the venue's server"


@pytest.mark.parametrize(("kind", "word"), [("lte", "letter"), ("oped", "op-ed")])
def test_an_op_ed_event_never_calls_the_piece_a_letter(qtbot, kind: str, word: str) -> None:
    from PySide6.QtWidgets import QLabel

    from oped_studio.gui.event_pages import EventWelcome

    welcome = EventWelcome(Manifest(id="night", title="Night", default_kind=kind))
    qtbot.addWidget(welcome)
    shown = [welcome.new_button.text()] + [label.text() for label in welcome.findChildren(QLabel)]
    said = " ".join(shown).replace("&", "")
    assert f"my {word}" in said and f"Your {word} is saved" in said
    if kind == "oped":
        assert "letter" not in said.casefold()
