"""The date fields (the article's date on Start, the event's in the kit builder, the day a
letter was sent), driven by the keyboard as a person would: type, Tab, Delete, Alt+Down."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QWidget

from oped_studio.gui.date_field import DateField, parse_date
from oped_studio.gui.kit_dialog import KitBuilderDialog
from oped_studio.gui.main_window import MainWindow
from oped_studio.gui.submission_dialog import SubmissionDialog
from tests.helpers import press


@pytest.fixture
def us_locale() -> Iterator[QLocale]:
    """The United States' short dates (6/20/18) for the test, the default again after it."""
    before = QLocale()
    QLocale.setDefault(QLocale("en_US"))
    yield QLocale()
    QLocale.setDefault(before)


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def tab_into(qtbot, window: QWidget, before: QWidget) -> None:
    """Put the cursor in ``before`` and press Tab once."""
    window.activateWindow()
    before.setFocus()
    qtbot.waitUntil(lambda: focused() is before)
    press(qtbot, Qt.Key.Key_Tab)


def test_an_iso_date_typed_into_the_article_date_reaches_the_draft(
    qtbot, ready_window: MainWindow
) -> None:
    start = ready_window.start_page
    tab_into(qtbot, ready_window, start.article_outlet_edit)
    assert focused() is start.date_edit
    qtbot.keyClicks(focused(), "2018-06-20")
    assert start.date_edit.text() == "2018-06-20", "typed as typed, nothing in front of it"
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is start.url_edit, "Tab leaves the date for the next field"
    assert ready_window.session.draft.article.date == date(2018, 6, 20)
    assert ready_window.session.is_dirty()
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is start.date_edit, "and Shift+Tab comes back"
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert focused() is start.article_outlet_edit


def test_the_locale_s_short_form_works_and_is_shown_as_it_was_understood(
    qtbot, ready_window: MainWindow, us_locale: QLocale
) -> None:
    start = ready_window.start_page
    tab_into(qtbot, ready_window, start.article_outlet_edit)
    qtbot.keyClicks(focused(), "6/20/18")
    press(qtbot, Qt.Key.Key_Tab)
    assert start.date_edit.text() == "2018-06-20"
    assert ready_window.session.draft.article.date == date(2018, 6, 20)


def test_an_empty_date_is_not_set_and_delete_clears_one(
    qtbot, ready_window: MainWindow, sample_draft
) -> None:
    start = ready_window.start_page
    assert start.date_edit.text() == "" and start.date_edit.placeholderText().startswith("not set")
    assert ready_window.session.draft.article.date is None
    start.show_draft(sample_draft)  # 2018-06-20
    tab_into(qtbot, ready_window, start.article_outlet_edit)
    assert start.date_edit.selectedText() == "2018-06-20", "Tab selects the date to retype"
    press(qtbot, Qt.Key.Key_Delete)
    press(qtbot, Qt.Key.Key_Tab)
    assert start.date_edit.text() == ""
    assert ready_window.session.draft.article.date is None
    start.show_draft(sample_draft)
    tab_into(qtbot, ready_window, start.article_outlet_edit)
    press(qtbot, Qt.Key.Key_End)
    for _ in range(len("2018-06-20")):
        press(qtbot, Qt.Key.Key_Backspace)
    assert ready_window.session.draft.article.date is None


def test_a_date_that_is_not_one_says_so_and_is_never_changed(
    qtbot, ready_window: MainWindow
) -> None:
    start = ready_window.start_page
    start.choose_outlet("nyt")
    tab_into(qtbot, ready_window, start.article_outlet_edit)
    qtbot.keyClicks(focused(), "2018-02-30")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is start.url_edit
    assert start.date_edit.text() == "2018-02-30", "what was typed stays, never corrected"
    assert "“2018-02-30” is not a date" in start.days_label.text()
    assert "Until then the date is not set" in start.days_label.text()
    assert "is not a date" in start.date_edit.accessibleDescription()
    assert ready_window.session.draft.article.date is None
    tab_into(qtbot, ready_window, start.article_outlet_edit)
    qtbot.keyClicks(focused(), "2018-06-20")  # Tab selected the wrong date: typed over
    assert start.days_label.text() == "" or "not a date" not in start.days_label.text()
    assert ready_window.session.draft.article.date == date(2018, 6, 20)


def test_the_calendar_opens_at_today_s_month_and_escape_leaves_it(
    qtbot, ready_window: MainWindow
) -> None:
    start = ready_window.start_page
    tab_into(qtbot, ready_window, start.article_outlet_edit)
    press(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = start.date_edit.calendar()
    assert calendar is not None and calendar.isVisible()
    today = date.today()
    assert (calendar.yearShown(), calendar.monthShown()) == (today.year, today.month)
    qtbot.waitUntil(lambda: focused() is calendar or calendar.isAncestorOf(focused()))
    press(qtbot, Qt.Key.Key_Escape)
    assert not calendar.isVisible()
    assert start.date_edit.text() == "" and ready_window.session.draft.article.date is None
    qtbot.waitUntil(lambda: focused() is start.date_edit)
    press(qtbot, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: focused() is calendar or calendar.isAncestorOf(focused()))
    press(qtbot, Qt.Key.Key_Left)  # yesterday
    press(qtbot, Qt.Key.Key_Return)
    assert not calendar.isVisible()
    assert ready_window.session.draft.article.date == date.fromordinal(today.toordinal() - 1)
    qtbot.waitUntil(lambda: focused() is start.date_edit)


def test_the_calendar_opens_at_the_date_in_the_field(qtbot) -> None:
    field = DateField()
    qtbot.addWidget(field)
    field.show()
    field.set_date(date(2018, 6, 20))
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = field.calendar()
    assert (calendar.yearShown(), calendar.monthShown()) == (2018, 6)
    assert calendar.selectedDate().toPython() == date(2018, 6, 20)


@pytest.mark.parametrize(
    ("text", "locale", "expected"),
    [
        ("2018-06-20", "C", date(2018, 6, 20)),
        (" 2018-6-2 ", "de_DE", date(2018, 6, 2)),
        ("6/20/18", "en_US", date(2018, 6, 20)),
        ("6/20/2018", "en_US", date(2018, 6, 20)),
        ("20.06.18", "de_DE", date(2018, 6, 20)),
        ("20/06/2018", "en_GB", date(2018, 6, 20)),
        ("", "en_US", None),
    ],
)
def test_parse_date_reads_iso_and_the_short_form(text, locale, expected) -> None:
    assert parse_date(text, QLocale(locale), today=date(2026, 11, 22)) == expected


@pytest.mark.parametrize("text", ["not set20180620", "2018-02-30", "20.06.18", "Welcome!"])
def test_parse_date_refuses_what_is_not_a_date(text) -> None:
    with pytest.raises(ValueError):
        parse_date(text, QLocale("en_US"))


# -- the kit builder and the submission log -----------------------------------------------------


def shown(qtbot, dialog: QWidget) -> QWidget:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.fixture
def kit_builder(qtbot) -> KitBuilderDialog:
    """The kit builder, shown, with a title and a pack chosen (all a kit needs)."""
    dialog = shown(qtbot, KitBuilderDialog([("family-separation", "Family separation")], []))
    dialog.title_edit.setText("Library night")
    dialog.check(["family-separation"], [])
    return dialog


def test_the_kit_builder_s_date_is_left_by_tab_and_the_welcome_goes_to_the_welcome(
    qtbot, kit_builder: KitBuilderDialog
) -> None:
    dialog = kit_builder
    tab_into(qtbot, dialog, dialog.title_edit)
    assert focused() is dialog.organizer_edit
    qtbot.keyClicks(focused(), "Friends of the Library")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.date_edit
    qtbot.keyClicks(focused(), "2026-12-05")  # Tab selected today's date: typed over
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.welcome_edit
    qtbot.keyClicks(focused(), "Welcome 2027 writers")
    assert dialog.welcome_edit.toPlainText() == "Welcome 2027 writers"
    spec = dialog.build_spec()
    assert spec.manifest.date == date(2026, 12, 5)
    assert spec.manifest.organizer == "Friends of the Library"


def test_the_kit_builder_refuses_a_date_that_is_not_one(
    qtbot, kit_builder: KitBuilderDialog
) -> None:
    dialog = kit_builder
    tab_into(qtbot, dialog, dialog.organizer_edit)
    qtbot.keyClicks(focused(), "Welcome!")  # meant for the welcome text
    press(qtbot, Qt.Key.Key_Tab)
    assert "“Welcome!” is not a date" in dialog.error_label.text(), "said on leaving the date"
    dialog._on_save()
    assert dialog.spec is None
    assert "“Welcome!” is not a date" in dialog.error_label.text()
    assert dialog.date_edit.text() == "Welcome!"
    press(qtbot, Qt.Key.Key_Escape)
    assert not dialog.isVisible(), "Escape in the date closes the dialog as anywhere else"


def test_a_kit_without_a_date_has_none(kit_builder: KitBuilderDialog) -> None:
    kit_builder.date_edit.set_date(None)
    assert kit_builder.build_spec().manifest.date is None


def test_the_day_a_letter_was_sent_is_typed_and_checked(qtbot) -> None:
    dialog = shown(qtbot, SubmissionDialog([("nyt", "The New York Times")], "nyt"))
    tab_into(qtbot, dialog, dialog.outlet_combo)
    assert focused() is dialog.date_edit
    qtbot.keyClicks(focused(), "2999-01-01")
    press(qtbot, Qt.Key.Key_Tab)
    assert focused() is dialog.how_combo
    dialog._on_save()
    assert dialog.choice is None and "still to come" in dialog.error_label.text()
    tab_into(qtbot, dialog, dialog.outlet_combo)
    qtbot.keyClicks(focused(), "2026-01-02")
    dialog._on_save()
    assert dialog.choice is not None and dialog.choice[1] == date(2026, 1, 2)
