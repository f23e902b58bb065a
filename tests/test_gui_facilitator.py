"""The facilitator's view (issue 16): a row per participant with words against the limit,
open issues by category, copied share, look-alike letters and done; an unfinished letter says
so; Read, Print and Reopen on the selected participant; refreshed live in the background."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from oped_studio.core.draft import Author, Draft
from oped_studio.core.event import EventFolder
from oped_studio.core.packs import usable_packs
from oped_studio.core.paths import app_paths
from oped_studio.gui import facilitator_dialog, workers
from oped_studio.gui.dialogs import facilitator_view as facilitator_view_dialog
from oped_studio.gui.facilitator_dialog import FacilitatorDialog, LetterDialog
from oped_studio.workshop.facilitator import facilitator_view
from oped_studio.workshop.summary import DraftSummary, issues_text
from tests.helpers import ScriptedDialogs, press

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier

SHARED = (
    "The library is the only place in town where a child can read after school for free, "
    "and closing it two days a week would leave working parents with nowhere to turn."
)
OWN = "Our library keeps the town reading after school. " * 8  # 64 words, nothing to fix
OVER = "The library matters to us all. " * 30  # 180 words: 30 over the 150 of the LA Times
ALIKE_1 = (
    "I grew up in that library, and I still take my two sons there every Saturday morning. "
    + SHARED
)
ALIKE_2 = SHARED + " Please vote no on the cuts, because our town needs its library open every day."
PACK = "pacific-grove-library"


def letter(number: int, body: str, pack: str = "") -> Draft:
    return Draft(
        outlet_id="la-times",
        pack_id=pack,
        sections={"hook": body, "signature": f"Writer {number}"},
        author=Author(name=f"Writer {number}", city_state="Pacific Grove, CA"),
    )


def copied_text() -> str:
    pack = usable_packs(app_paths())[PACK]
    return " ".join(p.explanation for p in pack.points[:3])


@pytest.fixture
def event(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> EventFolder:
    """Six participants: finished, unfinished (4 words), over the limit, copied, and two
    letters alike; and a seventh draft that cannot be read."""
    monkeypatch.setattr(workers, "RUN_INLINE", True)
    event = EventFolder(tmp_path / "event")
    bodies = [(OWN, ""), ("Four words right here.", ""), (OVER, ""), (copied_text(), PACK)]
    bodies += [(ALIKE_1, ""), (ALIKE_2, "")]
    for number, (body, pack) in enumerate(bodies, start=1):
        participant, _loaded, _code = event.new_participant(letter(number, body, pack))
        if number == 1:
            event.mark_finished(participant.number)
    (event.drafts / "P007.oped").write_text('{"format": "oped-studio-draft", broken')
    return event


def facilitator(qtbot, event: EventFolder) -> FacilitatorDialog:
    """The view as Facilitator… opens it (Read and Print wired to the scripted dialogs)."""
    dialog = facilitator_view_dialog(None, event, app_paths())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.table.hasFocus(), "the keyboard starts in the list of participants"
    return dialog


def test_each_kind_of_letter_has_its_row(qtbot, event: EventFolder) -> None:
    dialog = facilitator(qtbot, event)
    table = [[dialog.cell(r, c) for c in range(7)] for r in range(dialog.table.rowCount())]
    finished, unfinished, over, copied, alike_1, alike_2, broken = table
    assert finished[:3] == ["Participant 1", "Los Angeles Times", "64 / 150"]
    assert finished[3:] == ["4 style · 1 length", "", "", "yes"]
    assert unfinished == [
        "Participant 2",
        "Los Angeles Times",
        "4 words so far",
        "—",
        "—",
        "",
        "not yet",
    ], "a 4-word letter is not '0 issues' or '146 to spare'"
    assert over[2] == "30 over (180 / 150)"
    assert copied[4].endswith("%") and int(copied[4][:-1]) > 50
    assert alike_1[5] == "like Participant 6" and alike_2[5] == "like Participant 5"
    assert broken[0] == "Participant 7" and "P007.oped" in broken[1]
    assert dialog.table.columnSpan(6, 1) == 6, "the error stands across the figures"
    assert dialog.status.text().startswith("7 participants, 1 finished.")


def test_open_issues_are_counted_by_category() -> None:
    counts = {"spelling": 2, "grammar": 1, "style": 0}
    assert issues_text(counts) == "2 spelling · 1 grammar"
    assert issues_text({}) == "none"
    assert DraftSummary(words=0).unfinished == "No words yet"
    assert DraftSummary(words=1).unfinished == "1 word so far"
    assert DraftSummary(words=50).unfinished == ""
    assert DraftSummary(error="Cannot read it.").unfinished == ""


def test_the_view_holds_each_letter_as_its_text_export(event: EventFolder) -> None:
    view = facilitator_view(event, app_paths())
    first = view.rows[0]
    assert first.letter_text.startswith(OWN.strip())
    assert first.letter_text.endswith("Writer 1\nPacific Grove, CA\n"), "as the .txt has it"
    assert first.look_alike == []
    assert view.rows[6].letter_text == "" and view.rows[6].error


def test_enter_reads_the_letter_as_plain_text(
    qtbot, event: EventFolder, dialogs: ScriptedDialogs
) -> None:
    event.new_participant(letter(8, "I <b>love</b> our library &amp; its staff. " * 8))
    read = []

    def show(parent, title, text):
        shown = LetterDialog(title, text, parent)
        qtbot.addWidget(shown)
        read.append((title, shown.text_view.toPlainText(), shown.text_view.isReadOnly()))

    dialogs.answer("show_letter", show)
    facilitator(qtbot, event)
    press(qtbot, Qt.Key.Key_End, CTRL)
    press(qtbot, Qt.Key.Key_Return)
    ((title, text, read_only),) = read
    assert title == "Participant 8's letter" and read_only
    assert "I <b>love</b> our library &amp; its staff." in text, "shown as typed, not as HTML"


def test_an_unreadable_draft_cannot_be_read_or_printed(
    qtbot, event: EventFolder, dialogs: ScriptedDialogs
) -> None:
    dialog = facilitator(qtbot, event)
    press(qtbot, Qt.Key.Key_End, CTRL)
    assert dialog.selected().participant.number == "P007"
    assert not dialog.read_button.isEnabled() and not dialog.print_button.isEnabled()
    press(qtbot, Qt.Key.Key_Return)
    assert "show_letter" not in dialogs.asked


def test_print_goes_through_the_print_preview(
    qtbot, event: EventFolder, dialogs: ScriptedDialogs
) -> None:
    printed = []
    dialogs.answer("print_preview", lambda parent, document: printed.append(document.toPlainText()))
    facilitator(qtbot, event)
    press(qtbot, Qt.Key.Key_Down)  # Participant 2
    press(qtbot, Qt.Key.Key_P, ALT)
    qtbot.waitUntil(lambda: bool(printed))  # a button's shortcut clicks it a moment later
    (page,) = printed
    assert "Four words right here." in page and "Writer 2" in page


def test_reopen_asks_for_the_selected_participant(qtbot, event: EventFolder) -> None:
    dialog = facilitator(qtbot, event)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    with qtbot.waitSignal(dialog.reopen_requested) as signal:
        press(qtbot, Qt.Key.Key_O, ALT)
    assert signal.args == ["P003"]
    assert not dialog.isVisible(), "the view closes for the letter"


def test_the_view_refreshes_itself_and_keeps_the_selection(qtbot, event: EventFolder) -> None:
    dialog = facilitator(qtbot, event)
    assert dialog.live_timer.isActive() and dialog.live_timer.isSingleShot()
    dialog.table.selectRow(2)
    event.new_participant(letter(8, OWN))
    event.mark_finished("P002")
    dialog.live_timer.timeout.emit()
    assert dialog.table.rowCount() == 8 and dialog.cell(1, 6) == "yes"
    assert dialog.selected().participant.number == "P003"
    assert dialog.live_timer.isActive(), "and again after this one"
    dialog.close()
    assert not dialog.live_timer.isActive()


def test_a_stale_refresh_is_dropped(
    qtbot, event: EventFolder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A slow check that ends after a newer one began never overwrites the newer rows."""
    pending = []
    monkeypatch.setattr(
        facilitator_dialog,
        "run_in_pool",
        lambda job, on_done, on_failed, context: pending.append((job, on_done)),
    )
    dialog = facilitator(qtbot, event)
    old_job, old_done = pending.pop()
    old_view = old_job()
    event.new_participant(letter(8, OWN))
    dialog.refresh_button.click()
    new_job, new_done = pending.pop()
    new_done(new_job())
    old_done(old_view)
    assert dialog.table.rowCount() == 8


def test_a_folder_pulled_out_says_so_and_keeps_the_rows(qtbot, event: EventFolder) -> None:
    """A USB stick pulled out read as "0 participants, 0 finished"."""
    import shutil

    dialog = facilitator(qtbot, event)
    moved = event.folder.with_name("away")
    shutil.move(event.folder, moved)
    dialog.live_timer.timeout.emit()
    assert "cannot be reached (is the USB stick out?)" in dialog.status.text()
    assert dialog.table.rowCount() == 7, "what was shown stays"
    assert dialog.live_timer.isActive(), "and it looks again"
    shutil.move(moved, event.folder)
    dialog.live_timer.timeout.emit()
    assert dialog.status.text().startswith("7 participants")


def test_odd_files_in_the_drafts_folder_each_say_what_is_wrong(qtbot, event: EventFolder) -> None:
    """A pipe, a link to /dev/zero, a folder, a 5,000-digit name and a name with a line
    break: each in its own row or one short line, and the view still finishes."""
    import os

    os.mkfifo(event.drafts / "P008.oped")
    os.symlink("/dev/zero", event.drafts / "P009.oped")
    (event.drafts / "P010.oped").mkdir()
    (event.drafts / ("P" + "9" * 200 + ".oped")).write_text("x")
    (event.drafts / "P011\nP012.oped").write_text("x")
    dialog = facilitator(qtbot, event)
    errors = [dialog.cell(r, 1) for r in range(7, 10)]
    assert all("not a file" in e for e in errors[:2]) and "folder" in errors[2]
    lines = dialog.status.text().split("\n")
    assert len(lines) == 3 and all(len(line) <= 160 for line in lines)
    assert sum(line.endswith("…") for line in lines) == 1
    assert any("'P011\\nP012.oped'" in line for line in lines)


def test_a_broken_template_of_the_laptops_own_still_lets_the_letter_be_read(
    qtbot, event: EventFolder, dialogs: ScriptedDialogs
) -> None:
    """The writer's own letter template, broken: Read shows the letter in the bundled layout;
    Print says why it cannot print, in the view (no print preview of nothing)."""
    templates = app_paths().templates
    templates.mkdir(parents=True, exist_ok=True)
    (templates / "lte.letter.j2").write_text("body: x\n{% include '/etc/passwd' %}")
    read = []
    dialogs.answer("show_letter", lambda parent, title, text: read.append(text))
    facilitator(qtbot, event)
    press(qtbot, Qt.Key.Key_Return)
    assert read and OWN.strip() in read[0]
    dialog = facilitator(qtbot, event)
    press(qtbot, Qt.Key.Key_P, ALT)
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Cannot print: "))
    assert "lte.letter.j2:2:" in dialog.status.text() and "print_preview" not in dialogs.asked


def test_participants_are_named_with_their_laptop(
    qtbot, tmp_path: Path, dialogs: ScriptedDialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two laptops writing into one shared folder: each participant is named as they were
    told ("Participant 2 on hall-2"), in their row, in the look-alike column and in Read."""
    monkeypatch.setattr(workers, "RUN_INLINE", True)
    first = EventFolder(tmp_path / "shared", laptop="hall-1")
    second = EventFolder(tmp_path / "shared", laptop="hall-2")
    first.new_participant(letter(1, ALIKE_1))
    second.new_participant(letter(2, ALIKE_2))
    read = []
    dialogs.answer("show_letter", lambda parent, title, text: read.append(title))
    dialog = facilitator(qtbot, first)
    assert [dialog.cell(r, 0) for r in range(2)] == [
        "Participant 1 on hall-1",
        "Participant 2 on hall-2",
    ]
    assert dialog.cell(0, 5) == "like Participant 2 on hall-2"
    press(qtbot, Qt.Key.Key_Return)
    assert read == ["Participant 1 on hall-1's letter"]


def test_a_cells_tooltip_shows_markup_as_typed(qtbot, event: EventFolder) -> None:
    """A draft's error quoting what it holds (here an outlet id with markup in it) was drawn as
    HTML in the cell's tooltip (Qt takes a tooltip that looks like markup for rich text)."""
    import json

    path = event.draft_path("P002")
    data = json.loads(path.read_text())
    data["outlet_id"] = "<img src='/etc/x.png'><b>paper</b>"
    path.write_text(json.dumps(data))
    dialog = facilitator(qtbot, event)
    tooltip = dialog.table.item(1, 1).toolTip()
    assert "&lt;b&gt;paper&lt;/b&gt;" in tooltip and "<img" not in tooltip


def test_a_short_letter_handed_in_shows_its_figures(qtbot, event: EventFolder) -> None:
    """A 4-word letter handed in read "4 words so far" beside "Done: yes"."""
    event.mark_finished("P002")
    dialog = facilitator(qtbot, event)
    assert [dialog.cell(1, c) for c in (2, 6)] == ["4 / 150", "yes"]
    assert dialog.cell(1, 3) != "—"
