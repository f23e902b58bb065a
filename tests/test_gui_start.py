"""The Start step: days left to answer, and adding your own paper."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from oped_studio.core.outlets import load_directory
from oped_studio.core.paths import app_paths
from oped_studio.gui.main_window import MainWindow
from oped_studio.gui.outlet_dialog import AddPaperDialog
from tests.helpers import ScriptedDialogs


@pytest.fixture
def window(ready_window: MainWindow) -> MainWindow:
    return ready_window


def test_the_start_page_shows_the_days_left_to_answer(qtbot, window: MainWindow) -> None:
    start = window.start_page
    start.choose_outlet("nyt")  # letters about articles from the last 7 days
    assert start.days_label.text() == ""

    def type_days_ago(days: int) -> None:
        start.date_edit.setFocus()
        start.date_edit.selectAll()
        qtbot.keyClicks(start.date_edit, (date.today() - timedelta(days=days)).isoformat())

    type_days_ago(2)
    assert start.days_label.text() == "5 days left to send it."
    type_days_ago(7)
    assert start.days_label.text() == "Last day: send it today."
    type_days_ago(10)
    assert start.days_label.text().startswith("Too late for a letter by 3 days")
    assert window.session.is_dirty()


def test_add_your_own_paper_saves_it_and_chooses_it(
    qtbot, window: MainWindow, dialogs: ScriptedDialogs
) -> None:
    def fill(parent, taken):
        dialog = AddPaperDialog(taken, parent)
        dialog.name_edit.setText("The Carmel Pine Cone")
        dialog.city_edit.setText("Carmel")
        dialog.state_edit.setText("CA")
        dialog.words_spin.setValue(300)
        dialog.days_spin.setValue(10)
        dialog.email_edit.setText("letters@pinecone.example")
        dialog.source_edit.setText("the paper's letters page, read 2026-11-22")
        dialog._on_save()
        return dialog.outlet

    dialogs.answer("get_new_outlet", fill)
    window.start_page.add_outlet_button.click()
    assert window.start_page.outlet_id() == "carmel-pine-cone"
    assert "Carmel Pine Cone" in window.start_page.outlet_edit.text()
    assert "at most 300 words" in window.start_page.outlet_rules.text()
    assert "letters page, read 2026-11-22" in window.start_page.outlet_rules.text()
    assert app_paths().outlets_file.exists()
    assert load_directory(app_paths()).get("carmel-pine-cone").letters.send_to.email
    assert window.session.draft.outlet_id == "carmel-pine-cone"
    window.step_list.setCurrentRow(2)
    assert window.write_page.editors[0].budget_bar.isVisible(), "budgets follow the new paper"


def test_the_add_paper_form_names_the_field_at_fault(qtbot) -> None:
    dialog = AddPaperDialog({"nyt"})
    qtbot.addWidget(dialog)
    dialog.show()
    dialog._on_save()
    assert dialog.outlet is None and dialog.error_label.text() == "Give the paper's name."
    dialog.name_edit.setText("Planet")
    dialog.email_edit.setText("no-at-sign")
    dialog._on_save()
    assert dialog.outlet is None and "not an email address" in dialog.error_label.text()
    assert dialog.focusWidget() is dialog.email_edit
    assert not app_paths().outlets_file.exists(), "nothing is saved until the form is right"


def test_a_read_only_data_folder_gives_a_clear_error(
    window: MainWindow, dialogs: ScriptedDialogs, monkeypatch: pytest.MonkeyPatch
) -> None:
    from oped_studio.core import atomic
    from oped_studio.core.user_outlets import build_user_outlet

    outlet = build_user_outlet(outlet_id="planet", name="Planet")
    dialogs.answer("get_new_outlet", outlet)
    dialogs.answer("show_error", None)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.os, "replace", refuse)
    window.start_page.add_outlet_button.click()
    errors = dialogs.arguments("show_error", "message")
    assert errors and "permission" in errors[0].lower()
    assert window.start_page.outlet_id() == ""


# -- finding a paper by ZIP code or state (issue 15) --------------------------------------------


def _tab_to(qtbot, window: MainWindow, widget) -> None:
    """From the paper field, Tab until ``widget`` has the keyboard, as a person would."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from tests.helpers import press

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.start_page.outlet_edit.setFocus()
    for _ in range(6):
        if QApplication.focusWidget() is widget:
            return
        press(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is widget, "Tab never reached it"


def test_a_zip_code_lists_the_nearest_papers_first_and_enter_chooses_one(
    qtbot, window: MainWindow
) -> None:
    from PySide6.QtCore import Qt

    from tests.helpers import press, type_here

    start = window.start_page
    _tab_to(qtbot, window, start.finder.zip_edit)
    type_here(qtbot, "99501")
    qtbot.waitUntil(lambda: "Anchorage Daily News" in start.finder.message.text())
    assert "miles away" in start.finder.message.text()
    popup = start.outlet_completer.popup()
    qtbot.waitUntil(popup.isVisible)
    assert popup.model().index(0, 0).data().startswith("Anchorage Daily News")
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: start.outlet_id() == "anchorage-daily-news")
    assert "Send it: email letters@adn.com" in start.outlet_rules.text()


def test_a_bad_or_unknown_zip_code_says_so(qtbot, window: MainWindow) -> None:
    from tests.helpers import type_here

    start = window.start_page
    _tab_to(qtbot, window, start.finder.zip_edit)
    type_here(qtbot, "00000")
    qtbot.waitUntil(lambda: "00000 is not in the list" in start.finder.message.text())
    assert start.outlet_id() == ""


def test_a_state_narrows_the_paper_list(qtbot, window: MainWindow) -> None:
    from PySide6.QtCore import Qt

    from tests.helpers import press

    start = window.start_page
    _tab_to(qtbot, window, start.finder.state_box)
    qtbot.keyClicks(start.finder.state_box, "Texas")
    qtbot.waitUntil(lambda: start.finder.state_box.currentData() == "TX")
    qtbot.waitUntil(lambda: "papers in Texas" in start.finder.message.text())
    labels = start.outlet_completer.model().stringList()
    assert labels and all(label.endswith(", TX") for label in labels)
    press(qtbot, Qt.Key.Key_Escape)


def test_typing_a_zip_code_in_the_paper_field_finds_the_nearest(qtbot, window: MainWindow) -> None:
    from tests.helpers import type_here

    start = window.start_page
    _tab_to(qtbot, window, start.outlet_edit)
    type_here(qtbot, "10001")
    qtbot.waitUntil(lambda: "Nearest 10001" in start.finder.message.text())
    assert start.finder.zip_edit.text() == "10001"


def test_a_late_failure_for_an_old_zip_code_does_not_hide_the_new_one(
    qtbot, window: MainWindow
) -> None:
    """A lookup that fails after the writer typed another ZIP code says nothing: its message
    would describe a ZIP code no longer in the box (the race is forced by calling the report)."""
    from tests.helpers import type_here

    start = window.start_page
    _tab_to(qtbot, window, start.finder.zip_edit)
    type_here(qtbot, "99501")
    qtbot.waitUntil(lambda: "Anchorage Daily News" in start.finder.message.text())
    start._on_zip_failed("00000", "ZIP code 00000 is not in the list")
    assert "Anchorage Daily News" in start.finder.message.text()
