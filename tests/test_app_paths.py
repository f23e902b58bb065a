"""One ``AppPaths`` handed in: every file the app keeps lands in the folders it was given.

The window and the command line compute the user's folders once and hand them on; nothing
else asks the process where the data folder is. So a window built on other folders (a USB
stick's, say) writes there and nowhere else, and a kit's venue server never becomes the
writer's own setting.
"""

from __future__ import annotations

import ast
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from oped_studio.checks.issue import Issue
from oped_studio.cli import main
from oped_studio.core.paths import AppPaths
from oped_studio.core.settings import Settings, effective_settings, load_settings
from oped_studio.core.storage import load_draft
from oped_studio.core.user_outlets import build_user_outlet
from oped_studio.gui import workers
from oped_studio.gui.answers import SettingsResult
from oped_studio.gui.dialogs import UnsavedChoice
from tests.helpers import ScriptedDialogs, type_text

PACKAGE = Path(__file__).resolve().parent.parent / "oped_studio"
#: The only places that work out the user's folders: the command line (which also starts the
#: window) and the module that defines how.
ENTRY_POINTS = {PACKAGE / "cli" / "__init__.py", PACKAGE / "core" / "paths.py"}


def _calls_of(name: str) -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name | ast.Attribute)
                and (getattr(node.func, "id", None) or getattr(node.func, "attr", None)) == name
                and path not in ENTRY_POINTS
            ):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    return found


def test_only_the_entry_points_work_out_the_user_folders() -> None:
    assert _calls_of("app_paths") == [], "hand an AppPaths in instead"
    assert _calls_of("set_data_dir_override") == []


def _files_under(folder: Path) -> set[str]:
    if not folder.exists():
        return set()
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_a_window_keeps_everything_in_the_folders_it_was_given(
    make_window,
    dialogs: ScriptedDialogs,
    isolated_home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(workers, "RUN_INLINE", True)
    stick = AppPaths(root=tmp_path / "stick", config=tmp_path / "stick" / "config")
    window = make_window(paths=stick)
    start = window.start_page
    type_text(start.name_edit, "Zoë Müller")
    window.step_list.setCurrentRow(2)
    type_text(window.write_page.editors[0].editor, "Teh council must act.")
    window.session.autosave()  # the recovery copy
    window.checks.run()
    window.checks.add_word("glorptastic")
    window.checks.ignore_rule(Issue(0, 1, "style", "cliche", "x", (), "oped-studio"))
    dialogs.answer(
        "edit_settings",
        lambda _parent, settings, words: SettingsResult(
            replace(settings, disabled_rules=["oped-studio:passive-voice"]), words
        ),
    )
    window.menu.settings_requested.emit()  # Edit > Settings: a rule off for every letter
    dialogs.answer("get_new_outlet", build_user_outlet(outlet_id="planet", name="Planet"))
    start.add_outlet_button.click()
    dialogs.answer("get_submission", ("planet", date(2026, 11, 23), "email", ""))
    window.step_list.setCurrentRow(4)
    window.export_page.sent_button.click()
    dialogs.answer("get_save_path", stick.drafts / "mine.oped")
    assert window.session.save_as()  # and the contact block is remembered

    kept = _files_under(stick.root)
    assert {
        "config/settings.json",
        "config/author.json",
        "dictionary.txt",
        "outlets.toml",
        "submissions.json",
        "drafts/mine.oped",
    } <= kept, kept
    assert load_settings(stick).disabled_rules == ["oped-studio:passive-voice"]
    assert load_draft(stick.drafts / "mine.oped").draft.ignored_rules == ["oped-studio:cliche"]
    assert _files_under(isolated_home) == set(), "nothing written to the default data folder"


def test_a_recovery_copy_is_written_in_the_given_folders(
    make_window, isolated_home: Path, tmp_path: Path
) -> None:
    stick = AppPaths(root=tmp_path / "stick", config=tmp_path / "stick" / "config")
    window = make_window(paths=stick)
    type_text(window.start_page.headline_edit, "Buses")
    window.session.autosave()
    assert [p.suffix for p in stick.recovery.iterdir()] in ([".oped", ".json"], [".json", ".oped"])
    assert _files_under(isolated_home) == set()


def test_the_command_line_keeps_everything_in_its_data_dir(
    isolated_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stick = tmp_path / "stick"
    common = ["--data-dir", str(stick)]
    assert main([*common, "packs", "new", "bus-12"]) == 0
    assert main([*common, "outlets", "add", "planet", "--name", "Planet"]) == 0
    capsys.readouterr()
    assert {"packs/bus-12.toml", "outlets.toml"} <= _files_under(stick)
    assert _files_under(isolated_home) == set()


def test_a_venue_server_is_laid_over_the_settings_never_stored_in_them() -> None:
    saved = Settings(disabled_rules=["harper:SpellCheck"], theme="dark")
    used = effective_settings(saved, "http://127.0.0.1:8081")
    assert used.grammar_engine == "languagetool-server"
    assert used.languagetool_url == "http://127.0.0.1:8081"
    assert used.theme == "dark" and used.disabled_rules == ["harper:SpellCheck"]
    used.disabled_rules.append("oped-studio:cliche")
    assert saved == Settings(disabled_rules=["harper:SpellCheck"], theme="dark"), "untouched"
    assert effective_settings(saved) == saved and effective_settings(saved) is not saved


def test_ctrl_n_starts_a_new_draft_on_the_start_step(
    qtbot, make_window, dialogs: ScriptedDialogs
) -> None:
    window = make_window()
    window.activateWindow()
    window.step_list.setCurrentRow(2)
    editor = window.write_page.editors[0].editor
    editor.setFocus()
    qtbot.keyClicks(editor, "A first try.")
    dialogs.answer("ask_unsaved", UnsavedChoice.DISCARD)
    qtbot.keyClick(editor, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert dialogs.asked[-1] == "ask_unsaved"
    assert window.step_list.currentRow() == 0
    assert window.stack.currentWidget() is window.start_page
    assert window.write_page.editors[0].text() == ""


def test_a_check_running_when_another_draft_opens_is_followed_by_one_for_it(
    make_window, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The old draft's result is dropped and the new draft is checked: Review never stays on
    "Checking…"."""
    pending = []
    monkeypatch.setattr(
        "oped_studio.gui.check_controller.run_in_pool",
        lambda job, done, failed, context=None: pending.append((job, done)),
    )
    window = make_window()
    window.step_list.setCurrentRow(3)
    assert len(pending) == 1
    window.session.replace(window.session.blank_draft(), None, None)
    job, done = pending.pop(0)
    done(job())
    assert len(pending) == 1, "a check for the new draft followed"
    job, done = pending.pop(0)
    done(job())
    assert window.review_page.figures.text() != "Checking…"
    assert window.checks.report is not None


def test_a_data_dir_that_is_a_file_is_refused_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It used to end in a traceback (FileExistsError) when a command first wrote there."""
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("mine", encoding="utf-8")
    assert main(["--data-dir", str(not_a_folder), "outlets", "add", "planet", "--name", "P"]) == 2
    err = capsys.readouterr().err
    assert "is a file, not a folder" in err and "Traceback" not in err
    assert not_a_folder.read_text(encoding="utf-8") == "mine"
