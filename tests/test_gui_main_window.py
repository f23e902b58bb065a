"""The first window: menus, steps, and opening and saving drafts through the core."""

from __future__ import annotations

import errno
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from oped_studio.core import atomic
from oped_studio.core.paths import app_paths
from oped_studio.core.storage import load_draft, save_draft
from oped_studio.gui.dialogs import ConflictChoice, UnsavedChoice
from oped_studio.gui.main_window import MainWindow
from tests.helpers import FIXTURES, ScriptedDialogs, press, type_text


@pytest.fixture
def window(make_window, dialogs: ScriptedDialogs) -> MainWindow:
    dialogs.answer("show_error", None)
    return make_window()


def type_letter(qtbot, window: MainWindow) -> None:
    start = window.start_page
    type_text(start.name_edit, "Zoë Müller")
    type_text(start.headline_edit, "Families Divided")
    type_text(start.outlet_edit, "nyt")
    window.step_list.setCurrentRow(2)
    hook = window.write_page.editors[0].editor
    type_text(hook, "Your article left out the children. 🌵")


def test_a_paper_typed_before_the_list_arrives_is_matched_when_it_does(make_window) -> None:
    from oped_studio.core.outlets import load_directory

    win = make_window(show=False, papers_loaded=False)
    win.papers._load = lambda: None  # the list has not arrived yet
    type_text(win.start_page.outlet_edit, "nyt")
    assert win.start_page.outlet_id() == ""
    win.papers._on_loaded(load_directory(app_paths()))
    assert win.start_page.outlet_id() == "nyt"
    assert "at most 150 words" in win.start_page.outlet_rules.text()


def test_outlet_search_ignores_case_and_matches_inside_names(qtbot, window: MainWindow) -> None:
    """The completer is set up through Qt properties, by enum value (to spare start-up)."""
    from PySide6.QtCore import Qt

    completer = window.start_page.outlet_completer
    assert completer.caseSensitivity() == Qt.CaseSensitivity.CaseInsensitive
    assert completer.filterMode() == Qt.MatchFlag.MatchContains
    assert window.start_page.outlet_rules.textFormat() == Qt.TextFormat.PlainText
    completer.setCompletionPrefix("GLOBE")
    assert completer.completionCount() >= 1


def test_window_opens_with_menus_and_steps(window: MainWindow) -> None:
    assert window.windowTitle() == "Untitled draft[*] — OpEd Studio"
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&File", "&Edit", "&Steps", "F&acilitator", "&Help"]
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions() if not a.isSeparator()]
    assert texts == [
        "&New",
        "&Open…",
        "Open &Recent",
        "&Save",
        "Save &As…",
        "Drafts &Library…",
        "Open &Kit…",
        "&Run an Event…",
        "&Quit",
    ]
    assert window.menu.save_action.shortcut().toString() == "Ctrl+S"
    assert window.step_list.count() == 5
    assert window.stack.currentWidget() is window.start_page
    window.menu.step_actions[2].trigger()
    assert window.stack.currentWidget() is window.write_page
    assert [e.section_id for e in window.write_page.editors][:2] == ["hook", "point"]
    assert not window.session.is_dirty()


def test_window_fits_1280x720(window: MainWindow) -> None:
    window.resize(1280, 720)
    assert window.minimumSizeHint().width() <= 1280
    assert window.minimumSizeHint().height() <= 720


def test_save_through_the_menu_and_reopen(
    qtbot, window: MainWindow, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    type_letter(qtbot, window)
    assert window.session.is_dirty()
    target = tmp_path / "my-letter.oped"
    dialogs.answer("get_save_path", target)
    window.menu.save_action.trigger()
    assert dialogs.asked[0] == "get_save_path"
    suggested = dialogs.calls[0].args["suggested"]
    assert str(app_paths().drafts) in str(suggested), "suggests the drafts library"
    assert target.exists()
    assert not window.session.is_dirty()
    assert window.windowTitle() == "my-letter.oped[*] — OpEd Studio"
    saved = load_draft(target).draft
    assert saved.author.name == "Zoë Müller"
    assert saved.outlet_id == "nyt"
    assert saved.sections["hook"] == "Your article left out the children. 🌵"

    window.menu.new_action.trigger()
    assert window.start_page.name_edit.text() == "Zoë Müller", "contact details are remembered"
    assert window.start_page.headline_edit.text() == ""
    assert window.session.path is None

    dialogs.answer("get_open_path", target)
    window.menu.open_action.trigger()
    assert window.session.path == target.resolve()
    assert window.start_page.name_edit.text() == "Zoë Müller"
    assert window.start_page.headline_edit.text() == "Families Divided"
    assert window.write_page.editors[0].text() == "Your article left out the children. 🌵"
    assert not window.session.is_dirty()

    # A second save goes to the same file without asking, keeping a backup.
    type_text(window.write_page.editors[1].editor, "One point.")
    window.menu.save_action.trigger()
    assert dialogs.asked.count("get_open_path") == 1 and len(dialogs.asked) == 2
    assert load_draft(target).draft.sections["point"] == "One point."
    assert Path(str(target) + ".bak").exists()


def test_cancelled_save_as_saves_nothing(
    qtbot, window: MainWindow, dialogs: ScriptedDialogs
) -> None:
    type_letter(qtbot, window)
    dialogs.answer("get_save_path", None)
    assert not window.session.save()
    assert window.session.is_dirty()


def test_outside_change_is_not_overwritten(
    qtbot, window: MainWindow, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    path = tmp_path / "shared.oped"
    dialogs.answer("get_save_path", path)
    type_letter(qtbot, window)
    assert window.session.save()
    other = load_draft(path)
    other.draft.sections["ask"] = "Written elsewhere."
    save_draft(other.draft, path, expected=other.stamp)
    outside = path.read_bytes()

    type_text(window.write_page.editors[4].editor, "My ask.")
    dialogs.answer("ask_conflict", ConflictChoice.CANCEL)
    assert not window.session.save()
    assert dialogs.asked[-1] == "ask_conflict"
    assert path.read_bytes() == outside
    assert window.session.is_dirty()

    dialogs.answer("ask_conflict", ConflictChoice.SAVE_AS)
    dialogs.answer("get_save_path", tmp_path / "mine.oped")
    assert window.session.save()
    assert path.read_bytes() == outside
    assert load_draft(tmp_path / "mine.oped").draft.sections["ask"] == "My ask."

    dialogs.answer("get_open_path", path)
    window.menu.open_action.trigger()
    type_text(window.write_page.editors[4].editor, " Mine.")
    other = load_draft(path)
    other.draft.title = "Changed again elsewhere"
    save_draft(other.draft, path, expected=other.stamp)
    dialogs.answer("ask_conflict", ConflictChoice.OVERWRITE)
    assert window.session.save()
    assert load_draft(path).draft.sections["ask"] == "Written elsewhere. Mine."


def test_unsaved_changes_are_asked_about_on_close(
    qtbot, window: MainWindow, dialogs: ScriptedDialogs
) -> None:
    type_letter(qtbot, window)
    dialogs.answer("ask_unsaved", UnsavedChoice.CANCEL)
    assert not window.close()
    assert window.isVisible()
    assert dialogs.asked[-1] == "ask_unsaved"
    dialogs.answer("ask_unsaved", UnsavedChoice.DISCARD)
    assert window.close()


def test_unsaved_changes_can_be_saved_before_new(
    qtbot, window: MainWindow, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    type_letter(qtbot, window)
    dialogs.answer("ask_unsaved", UnsavedChoice.SAVE)
    dialogs.answer("get_save_path", tmp_path / "kept.oped")
    window.menu.new_action.trigger()
    assert load_draft(tmp_path / "kept.oped").draft.author.name == "Zoë Müller"
    assert window.start_page.headline_edit.text() == "", "a new, empty draft"
    assert window.start_page.name_edit.text() == "Zoë Müller", "with the writer's contact block"


def test_opening_a_corrupt_file_shows_the_error_and_keeps_the_draft(
    qtbot, window: MainWindow, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.oped"
    bad.write_bytes(b'{"format": "oped-studio-draft", "format_version": 1, "id": ')
    window.start_page.name_edit.setText("kept")
    assert not window.session.open_path(bad)
    errors = dialogs.arguments("show_error", "message")
    assert len(errors) == 1 and "damaged" in errors[0]
    assert str(bad) in errors[0]
    assert window.start_page.name_edit.text() == "kept"
    assert bad.read_bytes().endswith(b'"id": ')


def test_save_error_is_shown_and_nothing_is_lost(
    qtbot, window: MainWindow, dialogs: ScriptedDialogs, tmp_path: Path, monkeypatch
) -> None:
    type_letter(qtbot, window)

    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", full)
    dialogs.answer("get_save_path", tmp_path / "x.oped")
    assert not window.session.save()
    assert "disk is full" in dialogs.arguments("show_error", "message")[0]
    assert window.session.is_dirty()
    assert window.write_page.editors[0].text().startswith("Your article")


def test_recent_menu_reopens_and_forgets_missing_files(
    qtbot, window: MainWindow, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    fixture = tmp_path / "fixture.oped"
    fixture.write_bytes((FIXTURES / "drafts" / "format-1.oped").read_bytes())
    assert window.session.open_path(fixture)
    window.menu.new_action.trigger()
    window.menu.fill_recent_menu()
    actions = [a for a in window.menu.recent_menu.actions() if a.data()]
    assert [Path(a.data()) for a in actions] == [fixture.resolve()]
    actions[0].trigger()
    assert window.start_page.name_edit.text() == "Zoë Müller"

    window.menu.new_action.trigger()
    fixture.unlink()
    window.menu.fill_recent_menu()
    next(a for a in window.menu.recent_menu.actions() if a.data()).trigger()
    assert "no longer exists" in dialogs.arguments("show_error", "message")[-1]
    window.menu.fill_recent_menu()
    assert not [a for a in window.menu.recent_menu.actions() if a.data()]


def test_switching_kind_changes_structure_and_keeps_text(
    qtbot, window: MainWindow, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    type_letter(qtbot, window)
    window.step_list.setCurrentRow(0)
    radio = window.start_page.oped_radio
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(8, radio.height() // 2))
    assert radio.isChecked()
    ids = [e.section_id for e in window.write_page.editors]
    assert ids[:2] == ["lede", "thesis"]
    assert ids[-1] == "hook", "the letter's text stays visible"
    assert window.write_page.editors[-1].text().startswith("Your article")
    dialogs.answer("get_save_path", tmp_path / "oped.oped")
    assert window.session.save()
    saved = load_draft(tmp_path / "oped.oped").draft
    assert saved.kind == "oped" and saved.structure_id == "oped-classic"
    assert saved.sections["hook"].startswith("Your article")


def test_opened_draft_counts_words(qtbot, window: MainWindow) -> None:
    assert window.session.open_path(FIXTURES / "drafts" / "format-1.oped")
    assert window.write_page.total_words() == 31, "the signature does not count"
    assert window.words_label.text() == "31 words"


def test_start_up_does_only_the_start_steps_work() -> None:
    """The window opens on Start: engines, other steps' pages and Qt's big ``Qt`` namespace
    (about 25 ms on first use) wait until something needs them."""
    code = """
import os, sys
os.environ['QT_QPA_PLATFORM'] = 'offscreen'
import PySide6.QtCore
from oped_studio.gui.app import create_application
from oped_studio.gui.main_window import MainWindow
from oped_studio.core.paths import app_paths
app = create_application()
w = MainWindow(app_paths()); w.show(); app.processEvents()
heavy = [m for m in ('harper', 'language_tool_python', 'docx', 'jinja2') if m in sys.modules]
assert not heavy, heavy
pages = [m for m in sys.modules if m.startswith('oped_studio.gui.pages.') and m[22:] != 'start']
assert not pages, pages
assert 'Qt' not in vars(PySide6.QtCore), 'the Qt namespace was loaded at start-up'
assert w.menu.save_action.shortcut().toString() == 'Ctrl+S'
w.step_list.setCurrentRow(3)
assert w.stack.currentWidget() is w.review_page
assert 'oped_studio.gui.pages.review' in sys.modules
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr


def test_a_paste_up_to_the_cap_is_counted_saved_and_reopened(
    qtbot, window: MainWindow, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QApplication

    from oped_studio.core.draft import MAX_TEXT

    window.step_list.setCurrentRow(2)
    story = window.write_page.editors[3]
    line = "Families belong together — and the U.S. can do better. 🌵 "
    paste = (line * 1_000)[:MAX_TEXT]
    QApplication.clipboard().setText(paste)
    story.editor.setFocus()
    press(qtbot, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert window.session.is_dirty()
    qtbot.waitUntil(lambda: story.words() > 0, timeout=5000)
    expected = 10 * (MAX_TEXT // len(line))
    assert abs(story.words() - expected) <= 10
    assert window.words_label.text() == f"{story.words():,} words"
    dialogs.answer("get_save_path", tmp_path / "big.oped")
    assert window.session.save()
    window.menu.new_action.trigger()
    assert window.session.open_path(tmp_path / "big.oped")
    assert window.write_page.editors[3].text() == paste


def test_paper_search_shows_the_rules_and_their_source(qtbot, window: MainWindow) -> None:
    start = window.start_page
    qtbot.waitUntil(lambda: start.outlet_completer.model().rowCount() > 10)
    start.outlet_completer.setCompletionPrefix("york times")
    matches = [
        start.outlet_completer.completionModel().index(i, 0).data()
        for i in range(start.outlet_completer.completionCount())
    ]
    assert matches == ["The New York Times — New York, NY"]
    start.outlet_completer.activated[str].emit(matches[0])
    assert start.outlet_id() == "nyt" and window.session.is_dirty()
    rules = start.outlet_rules.text()
    assert "at most 150 words" in rules and "about articles from the last 7 days" in rules
    assert (
        "from http://www.uft.org/chapters/retirees/letters-editor" in rules
        and "second-hand or old" in rules
    )
    assert window.session.draft.outlet_id == "nyt"
    start.oped_radio.click()
    assert "word limit unknown" in start.outlet_rules.text()
    type_text(start.outlet_edit, "x")
    assert start.outlet_id() == "" and "Choose the paper" in start.outlet_rules.text()


def test_unknown_paper_in_a_draft_is_kept(qtbot, window: MainWindow, tmp_path: Path) -> None:
    from oped_studio.core.draft import Draft

    path = tmp_path / "own-paper.oped"
    save_draft(Draft(outlet_id="my-local-weekly"), path)
    assert window.session.open_path(path)
    assert window.start_page.outlet_edit.text() == "my-local-weekly"
    assert "not in the directory" in window.start_page.outlet_rules.text()
    assert window.session.draft.outlet_id == "my-local-weekly", "nothing is lost"


def test_budget_bars_follow_the_papers_limit(qtbot, window: MainWindow) -> None:
    assert window.session.open_path(FIXTURES / "drafts" / "format-1.oped")
    qtbot.waitUntil(lambda: window.start_page.outlet_completer.model().rowCount() > 0)
    window.step_list.setCurrentRow(2)
    hook = window.write_page.editors[0]
    assert hook.budget_bar.isVisible()
    assert hook.count_label.text() == "13 words of about 22"  # 15% of the Times's 150 words
    type_text(hook.editor, " " + " ".join(["more"] * 12))
    assert hook.count_label.text() == "25 words of about 22 (3 over)"
    assert hook.budget_bar.value() == 22
    window.step_list.setCurrentRow(0)
    type_text(window.start_page.outlet_edit, "zzz")  # no paper any more
    window.step_list.setCurrentRow(2)
    assert not hook.budget_bar.isVisible() and hook.count_label.text() == "25 words"
