"""At start, "Continue: <the last draft>" one key away: Enter continues, Esc puts it away, and
typing anywhere else is never swallowed. Drafts that are gone or broken are skipped."""

from __future__ import annotations

import json
import os
import shutil
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from oped_studio.core import storage
from oped_studio.core.draft import Draft
from oped_studio.core.paths import app_paths
from oped_studio.core.recent import RecentFiles, last_draft
from oped_studio.core.recovery import write_recovery
from oped_studio.core.storage import save_draft
from oped_studio.gui import workers
from oped_studio.gui.app import offer_at_start
from oped_studio.gui.main_window import MainWindow
from tests.helpers import FIXTURES, ScriptedDialogs

TITLE = "Re: Families Divided at the Border"


@pytest.fixture
def last(tmp_path: Path) -> Path:
    """A draft the writer had open last time, first in the recent list."""
    path = tmp_path / "drafts" / "families.oped"
    path.parent.mkdir()
    shutil.copy(FIXTURES / "drafts" / "format-2.oped", path)
    RecentFiles(app_paths().recent_file).add(path)
    return path.resolve()


def offered(qtbot, window: MainWindow) -> None:
    """Start-up's offer, and the wait for the draft's title (read off the UI thread)."""
    offer_at_start(window)
    qtbot.waitUntil(window.start_page.continue_bar.isVisible, timeout=10_000)


def test_enter_continues_the_last_draft(qtbot, make_window, last: Path) -> None:
    window = make_window()
    assert not window.start_page.continue_bar.isVisible(), "nothing is offered until start-up asks"
    offered(qtbot, window)
    bar = window.start_page.continue_bar
    assert bar.continue_button.text() == f"Continue: {TITLE}"
    assert bar.continue_button.accessibleName() == f"Continue: {TITLE}"
    assert QApplication.focusWidget() is bar.continue_button, "one key away"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert window.session.path == last
    assert window.start_page.name_edit.text() == "Zoë Müller"
    assert not bar.isVisible()
    assert window.session.draft.ignored_rules == ["oped-studio:passive-voice"]


def test_escape_puts_the_offer_away_and_gives_the_keyboard_back(
    qtbot, make_window, last: Path
) -> None:
    window = make_window()
    window.start_page.outlet_edit.setFocus()  # wherever the window put the keyboard
    offered(qtbot, window)
    qtbot.keyClick(window.start_page.continue_bar.continue_button, Qt.Key.Key_Escape)
    assert not window.start_page.continue_bar.isVisible()
    assert window.session.path is None and window.session.display_name() == "Untitled draft"
    assert QApplication.focusWidget() is window.start_page.outlet_edit


def test_not_now_is_a_button_too(qtbot, make_window, last: Path) -> None:
    window = make_window()
    offered(qtbot, window)
    window.start_page.continue_bar.dismiss_button.click()
    assert not window.start_page.continue_bar.isVisible() and window.session.path is None


def test_typing_is_never_swallowed_by_the_offer(qtbot, make_window, last: Path) -> None:
    window = make_window()
    paper = window.start_page.outlet_edit
    paper.setFocus()
    offered(qtbot, window)
    assert QApplication.focusWidget() is window.start_page.continue_bar.continue_button
    qtbot.keyClicks(QApplication.focusWidget(), "Guardian")  # typed before looking up
    assert paper.text() == "Guardian", "the keys went on to the field that had the keyboard"
    assert not window.start_page.continue_bar.isVisible()
    assert window.session.path is None


def test_typing_in_the_paper_field_is_unaffected(qtbot, make_window, last: Path) -> None:
    window = make_window()
    offered(qtbot, window)
    paper = window.start_page.outlet_edit
    paper.setFocus()  # the writer clicks into the paper field instead
    qtbot.keyClicks(paper, "New York")
    qtbot.keyClick(paper, Qt.Key.Key_Return)
    qtbot.keyClick(paper, Qt.Key.Key_Escape)
    assert paper.text() == "New York"
    assert window.session.path is None, "Enter in a field does not continue the last draft"
    assert window.start_page.continue_bar.isVisible(), "the offer stays until it is answered"


def test_a_writer_already_at_work_keeps_the_keyboard(qtbot, make_window, last: Path) -> None:
    window = make_window()
    name = window.start_page.name_edit
    name.setFocus()
    qtbot.keyClicks(name, "Ana")
    assert window.session.is_dirty()
    offered(qtbot, window)
    assert QApplication.focusWidget() is name
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert window.session.path is None


def test_the_last_draft_is_read_off_the_ui_thread(
    qtbot, make_window, last: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readers: list[threading.Thread] = []
    real_load = storage.load_draft

    def load(path):
        readers.append(threading.current_thread())
        return real_load(path)

    monkeypatch.setattr(storage, "load_draft", load)
    window = make_window()
    offered(qtbot, window)
    assert readers and threading.main_thread() not in readers


@pytest.fixture
def inline(monkeypatch: pytest.MonkeyPatch) -> None:
    """Background reads report at once, so a test can say that nothing was offered."""
    monkeypatch.setattr(workers, "RUN_INLINE", True)


def test_no_offer_after_a_crash_the_draft_comes_back_instead(
    make_window, dialogs: ScriptedDialogs, last: Path, inline: None
) -> None:
    write_recovery(app_paths(), Draft(sections={"hook": "Typed before the crash."}), None)
    dialogs.answer("ask_recover", False)  # declined: still no second question
    window = make_window()
    offer_at_start(window)
    assert dialogs.asked.count("ask_recover") == 1
    assert not window.start_page.continue_bar.isVisible()
    recent = RecentFiles(app_paths().recent_file).load()
    window.start_page.continue_bar.offer(
        recent, window.session.is_dirty
    )  # what start-up holds back
    assert window.start_page.continue_bar.isVisible(), "so it was start-up that held it back"


def test_nothing_to_offer_without_a_recent_draft(make_window, inline: None) -> None:
    window = make_window()
    offer_at_start(window)
    assert not window.start_page.continue_bar.isVisible()


def _damaged(folder: Path) -> Path:
    path = folder / "damaged.oped"
    path.write_text("{ not a draft", encoding="utf-8")
    return path


def test_entries_that_are_gone_or_broken_are_skipped(tmp_path: Path) -> None:
    good = tmp_path / "good.oped"
    save_draft(Draft(title="The one that opens"), good)
    folder = tmp_path / "folder.oped"
    folder.mkdir()
    entries = [tmp_path / "gone.oped", folder, _damaged(tmp_path), Path("relative.oped")]
    if hasattr(os, "mkfifo"):
        os.mkfifo(tmp_path / "pipe.oped")  # opening it to read would wait for ever
        entries.append(tmp_path / "pipe.oped")
    entries += [Path(os.devnull), Path(str(tmp_path / "nul\0.oped")), good]
    found = last_draft(entries)
    assert found is not None and found.path == good and found.title == "The one that opens"
    assert last_draft(entries[:-1]) is None


@pytest.mark.parametrize(
    "content",
    [b"{ damaged", b'{"a": 1}', b'[1, null, {"x": 2}, "", "\\u0000"]', b"\xff\xfe", b""],
)
def test_a_damaged_recent_list_offers_nothing_and_breaks_nothing(
    make_window, content: bytes, inline: None
) -> None:
    store = app_paths().recent_file
    store.parent.mkdir(parents=True, exist_ok=True)
    store.write_bytes(content)
    window = make_window()
    offer_at_start(window)
    assert not window.start_page.continue_bar.isVisible()


def test_a_last_draft_gone_since_the_offer_says_so_and_is_forgotten(
    qtbot, make_window, dialogs: ScriptedDialogs, last: Path
) -> None:
    dialogs.answer("show_error", None)
    window = make_window()
    offered(qtbot, window)
    last.unlink()
    window.start_page.continue_bar.continue_button.click()
    [message] = dialogs.arguments("show_error", "message")
    assert "no longer exists" in message
    assert window.session.path is None
    assert json.loads(app_paths().recent_file.read_text(encoding="utf-8")) == []
