"""Settings, the drafts library and the Edit menu."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from oped_studio.checks.dictionary import PersonalDictionary
from oped_studio.core.draft import Author, Draft
from oped_studio.core.library import DraftLibrary
from oped_studio.core.paths import app_paths
from oped_studio.core.profile import load_author, save_author
from oped_studio.core.settings import Settings, load_settings
from oped_studio.core.storage import save_draft
from oped_studio.gui import theme
from oped_studio.gui.dialogs import SettingsResult
from oped_studio.gui.library_dialog import LibraryDialog
from oped_studio.gui.main_window import MainWindow
from oped_studio.gui.settings_dialog import SettingsDialog
from tests.fake_languagetool import FakeLanguageTool
from tests.helpers import ScriptedDialogs, type_text


@pytest.fixture
def window(ready_window: MainWindow) -> MainWindow:
    return ready_window


pytestmark = pytest.mark.usefixtures("restore_look")


# -- settings ---------------------------------------------------------------------------------


def test_the_settings_dialog_edits_a_copy_and_collects_every_field(qtbot) -> None:
    settings = Settings(disabled_rules=["harper:SpellCheck", "languagetool:COMMA_RULE"])
    dialog = SettingsDialog(settings, ["Feinstein"])
    qtbot.addWidget(dialog)
    assert not dialog.rule_checks["harper:SpellCheck"].isChecked()
    assert "languagetool:COMMA_RULE" in dialog.rule_checks, "rules switched off in Review"
    dialog.rule_checks["harper:SpellCheck"].setChecked(True)
    dialog.rule_checks["oped-studio:passive-voice"].setChecked(False)
    dialog.server_radio.setChecked(True)
    dialog.url_edit.setText("http://127.0.0.1:8081")
    dialog.theme_combo.setCurrentIndex(dialog.theme_combo.findData("high-contrast"))
    dialog.size_spin.setValue(16)
    assert dialog.add_word("Nguyễn") and not dialog.add_word("two words")
    assert not dialog.add_word("feinstein"), "no duplicates, in any case"
    dialog._on_save()
    result = dialog.settings
    assert result.grammar_engine == "languagetool-server"
    assert result.languagetool_url == "http://127.0.0.1:8081"
    assert sorted(result.disabled_rules) == [
        "languagetool:COMMA_RULE",
        "oped-studio:passive-voice",
    ]
    assert (result.theme, result.text_size) == ("high-contrast", 16)
    assert dialog.words == ["Feinstein", "Nguyễn"]
    assert settings.grammar_engine == "harper", "the caller's settings are untouched"


def test_settings_cannot_be_saved_with_an_engine_that_has_no_address(qtbot) -> None:
    dialog = SettingsDialog(Settings(), [])
    qtbot.addWidget(dialog)
    dialog.folder_radio.setChecked(True)
    dialog._on_save()
    assert dialog.result() == 0 and "folder" in dialog.test_result.text()
    dialog.server_radio.setChecked(True)
    dialog.url_edit.setText("localhost:8081")
    dialog._on_save()
    assert "http://" in dialog.test_result.text()


def test_test_connection_runs_off_the_ui_thread_and_reports(
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from oped_studio.checks import languagetool_engine

    monkeypatch.setattr(languagetool_engine, "REQUEST_TIMEOUT", 1)
    dialog = SettingsDialog(Settings(), [])
    qtbot.addWidget(dialog)
    dialog.server_radio.setChecked(True)
    with FakeLanguageTool() as server:
        dialog.url_edit.setText(server.url)
        dialog.test_button.click()
        assert dialog.test_result.text() == "Testing…"
        qtbot.waitUntil(lambda: "works" in dialog.test_result.text(), timeout=10_000)
        server.mode = "error"
        dialog.test_button.click()
        qtbot.waitUntil(lambda: "Does not work" in dialog.test_result.text(), timeout=10_000)


def test_saving_settings_applies_them_and_updates_the_dictionary(
    window: MainWindow, dialogs: ScriptedDialogs
) -> None:
    PersonalDictionary(app_paths()).add("Gonzalez")
    save_author(Author(name="Ana"), app_paths())
    chosen = Settings(theme="dark", text_size=14, disabled_rules=["oped-studio:cliche"])
    dialogs.answer("edit_settings", SettingsResult(chosen, ["Nguyễn"], True))
    window.menu.settings_action.trigger()
    assert load_settings(app_paths()).disabled_rules == ["oped-studio:cliche"]
    assert PersonalDictionary(app_paths()).words() == ["Nguyễn"]
    assert load_author(app_paths()) == Author(), "the contact block was forgotten"
    app = QApplication.instance()
    assert app.style().name().lower() == "fusion"
    assert app.palette().color(QPalette.ColorRole.Window).lightness() < 60
    assert app.font().pointSize() == 14


def test_a_settings_file_that_cannot_be_written_gives_a_clear_error(
    window: MainWindow, dialogs: ScriptedDialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    from oped_studio.core import atomic

    dialogs.answer("edit_settings", SettingsResult(Settings(theme="dark"), [], False))
    dialogs.answer("show_error", None)

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", full)
    window.menu.settings_action.trigger()
    errors = dialogs.arguments("show_error", "message")
    assert errors and "space" in errors[0].lower()
    assert load_settings(app_paths()).theme == "light", "the old settings file is intact"


def test_high_contrast_is_black_and_white_with_yellow_selection() -> None:
    app = QApplication.instance()
    theme.apply_appearance(app, "high-contrast", 12)
    palette = app.palette()
    assert palette.color(QPalette.ColorRole.Window).name() == "#000000"
    assert palette.color(QPalette.ColorRole.WindowText).name() == "#ffffff"
    assert palette.color(QPalette.ColorRole.Highlight).name() == "#ffff00"
    theme.apply_appearance(app, "light", 12)
    assert palette.color(QPalette.ColorRole.Window) != app.palette().color(
        QPalette.ColorRole.Window
    )


# -- the drafts library -------------------------------------------------------------------------


def _library_with_drafts(tmp_path):
    library = DraftLibrary(app_paths())
    first = library.save_new(Draft(title="Bus cuts", outlet_id="nyt", sections={"hook": "a b c"}))
    second = library.save_new(Draft(title="Library hours", sections={"hook": "one two"}))
    outside = tmp_path / "elsewhere.oped"
    save_draft(Draft(title="Kept elsewhere"), outside)
    broken = library.folder / "broken.oped"
    broken.write_text("{ not json")
    return library, first.path, second.path, outside


def test_the_library_lists_drafts_with_paper_words_and_date(qtbot, tmp_path) -> None:
    library, first, _second, outside = _library_with_drafts(tmp_path)
    dialog = LibraryDialog(
        library, recent=[outside], outlet_name=lambda i: {"nyt": "The New York Times"}[i]
    )
    qtbot.addWidget(dialog)
    rows = [
        [dialog.table.item(r, c).text() for c in range(4)] for r in range(dialog.table.rowCount())
    ]
    titles = [row[0] for row in rows]
    assert {"Bus cuts", "Library hours", "Kept elsewhere"} <= set(titles)
    assert titles[-1].startswith("broken.oped (cannot be read"), "bad files last, with why"
    bus = next(row for row in rows if row[0] == "Bus cuts")
    assert bus[1] == "The New York Times" and bus[2] == "3"
    dialog.select(first)
    dialog.open_button.click()
    assert dialog.chosen == first


def test_duplicate_delete_and_restore_from_the_library(qtbot, tmp_path) -> None:
    library, first, second, _outside = _library_with_drafts(tmp_path)
    dialog = LibraryDialog(library, open_path=second)
    qtbot.addWidget(dialog)
    dialog.select(first)
    dialog.duplicate_button.click()
    assert any(e.title == "Bus cuts (copy)" for e in library.entries())
    dialog.select(second)
    dialog.delete_button.click()
    assert second.exists() and "open in the window" in dialog.message.text()
    dialog.select(first)
    dialog.delete_button.click()
    assert not first.exists() and "trash" in dialog.message.text()
    assert dialog.trash_table.rowCount() == 1
    dialog.trash_table.selectRow(0)
    dialog.restore_button.click()
    assert first.exists()
    assert dialog.trash_table.rowCount() == 0


def test_file_library_opens_the_chosen_draft(
    window: MainWindow, dialogs: ScriptedDialogs, tmp_path
) -> None:
    _library, first, _second, _outside = _library_with_drafts(tmp_path)
    dialogs.answer("choose_from_library", first)
    window.menu.library_action.trigger()
    assert window.session.path == first.resolve()
    assert window.start_page.title_edit.text() == "Bus cuts"


# -- the Edit menu ------------------------------------------------------------------------------


def test_the_edit_menu_undoes_and_redoes_in_the_focused_field(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow())
    window.step_list.setCurrentRow(2)
    editor = window.write_page.editors[0].editor
    type_text(editor, "Hello there")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor)
    window.menu.update_edit_actions()
    undo, redo = window.menu.edit_actions["undo"], window.menu.edit_actions["redo"]
    assert undo.isEnabled() and not redo.isEnabled()
    assert not window.menu.edit_actions["cut"].isEnabled(), "nothing selected"
    undo.trigger()
    assert editor.toPlainText() == ""
    window.menu.update_edit_actions()
    assert redo.isEnabled()
    redo.trigger()
    assert editor.toPlainText() == "Hello there"
    window.menu.edit_actions["selectAll"].trigger()
    window.menu.update_edit_actions()
    assert window.menu.edit_actions["cut"].isEnabled()
    name = window.start_page.name_edit
    window.step_list.setCurrentRow(0)
    type_text(name, "Ana")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is name)
    window.menu.edit_actions["undo"].trigger()
    assert name.text() == ""


def test_the_library_window_deletes_a_recent_draft_kept_elsewhere(qtbot, tmp_path) -> None:
    """A draft the writer opened from elsewhere is in the list, so Move to trash works on it
    (the CLI's ``drafts delete`` refuses it: it only knows the library)."""
    library, _first, _second, outside = _library_with_drafts(tmp_path)
    dialog = LibraryDialog(library, recent=[outside])
    qtbot.addWidget(dialog)
    dialog.select(outside)
    dialog.delete_button.click()
    assert not outside.exists() and "trash" in dialog.message.text()
    dialog.trash_table.selectRow(0)
    dialog.restore_button.click()
    assert outside.exists()
