"""The Review step: checks off the UI thread, underlines, and acting on an issue."""

from __future__ import annotations

from pathlib import Path

import pytest

from oped_studio.core.draft import IgnoredIssue
from oped_studio.core.paths import app_paths
from oped_studio.core.recovery import find_recovered
from oped_studio.core.settings import load_settings
from oped_studio.core.storage import load_draft
from oped_studio.gui import workers
from oped_studio.gui.dialogs import UnsavedChoice
from oped_studio.gui.main_window import MainWindow
from tests.helpers import FIXTURES, ScriptedDialogs


@pytest.fixture
def window(
    qtbot, make_window, dialogs: ScriptedDialogs, monkeypatch: pytest.MonkeyPatch
) -> MainWindow:
    monkeypatch.setattr(workers, "RUN_INLINE", True)
    dialogs.answer("ask_unsaved", UnsavedChoice.DISCARD)
    win = make_window(papers_loaded=False)
    assert win.session.open_path(FIXTURES / "drafts" / "format-1.oped")
    qtbot.waitUntil(lambda: win.start_page.outlet_completer.model().rowCount() > 0)
    win.write_page.editors[1].editor.setPlainText("The plan was recieved badly by the council.")
    return win


def issue_rows(window: MainWindow) -> list[str]:
    page = window.review_page
    return [page.issue_list.item(i).text() for i in range(page.issue_list.count())]


def select(window: MainWindow, needle: str) -> None:
    rows = issue_rows(window)
    window.review_page.issue_list.setCurrentRow(next(i for i, r in enumerate(rows) if needle in r))


def test_review_shows_figures_issues_and_the_papers_checklist(window: MainWindow) -> None:
    window.step_list.setCurrentRow(3)
    page = window.review_page
    assert "of 150 words" in page.figures.text() and "reading grade" in page.figures.text()
    assert any("“recieved”" in row and row.startswith("spelling") for row in issue_rows(window))
    checklist = [page.checklist.item(i).text() for i in range(page.checklist.count())]
    assert any("does not open attachments" in line for line in checklist)
    select(window, "spelling: “recieved”")
    assert page.letter.textCursor().selectedText() == "recieved", "the list jumps to the text"
    assert page.apply_button.isEnabled() and page.add_word_button.isEnabled()


def test_apply_a_suggestion_edits_the_section_and_can_be_undone(window: MainWindow) -> None:
    window.step_list.setCurrentRow(3)
    select(window, "spelling: “recieved”")
    window.review_page.apply_button.click()
    editor = window.write_page.editors[1].editor
    assert editor.toPlainText() == "The plan was received badly by the council."
    assert not any(row.startswith("spelling: “recieved”") for row in issue_rows(window))
    assert window.session.is_dirty()
    editor.undo()
    assert "recieved" in editor.toPlainText()


def test_ignore_once_and_ignore_the_rule_in_this_letter(window: MainWindow) -> None:
    window.step_list.setCurrentRow(3)
    window.session.set_unmodified()
    select(window, "spelling: “recieved”")
    window.review_page.ignore_button.click()
    assert not any(row.startswith("spelling: “recieved”") for row in issue_rows(window))
    assert window.session.is_dirty(), "the draft keeps what was ignored, so it has changed"
    window.write_page.editors[2].editor.setPlainText("Families were separated.")
    window.step_list.setCurrentRow(2)
    window.step_list.setCurrentRow(3)
    select(window, "were separated")
    assert window.review_page.ignore_rule_button.text() == "Ignore &rule in this letter"
    window.review_page.ignore_rule_button.click()
    assert not any("were separated" in row for row in issue_rows(window))
    assert window.session.draft.ignored_rules == ["oped-studio:passive-voice"]
    assert load_settings(app_paths()).disabled_rules == [], "other letters still get the rule"
    assert not app_paths().settings_file.exists(), "the writer's settings are not touched"


def test_ignored_issues_stay_ignored_after_saving_and_reopening(
    window: MainWindow, make_window, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    window.write_page.editors[2].editor.setPlainText("Families were separated.")
    window.write_page.editors[3].editor.setPlainText("The goverment must act.")
    window.step_list.setCurrentRow(3)
    select(window, "spelling: “recieved”")
    window.review_page.ignore_button.click()
    select(window, "were separated")
    window.review_page.ignore_rule_button.click()
    dialogs.answer("get_save_path", tmp_path / "mine.oped")
    assert window.session.save_as()
    window.close()

    again = make_window(papers_loaded=False)  # the app started again
    assert again.session.open_path(tmp_path / "mine.oped")
    again.step_list.setCurrentRow(3)
    rows = issue_rows(again)
    assert any("“goverment”" in r for r in rows), "what was not ignored is still shown"
    assert not any("“recieved”" in r or "were separated" in r for r in rows), rows
    assert load_draft(tmp_path / "mine.oped").draft.ignored_issues == [
        IgnoredIssue("harper", "SpellCheck", "recieved")
    ]

    again.menu.new_action.trigger()  # another letter with the same words: nothing ignored
    again.step_list.setCurrentRow(2)
    again.write_page.editors[1].editor.setPlainText("It was recieved.")
    again.write_page.editors[2].editor.setPlainText("Families were separated.")
    again.step_list.setCurrentRow(3)
    rows = issue_rows(again)
    assert any("“recieved”" in r for r in rows) and any("were separated" in r for r in rows)


def test_what_was_ignored_is_in_the_recovery_copy_too(window: MainWindow) -> None:
    window.step_list.setCurrentRow(3)
    select(window, "spelling: “recieved”")
    window.review_page.ignore_rule_button.click()
    window.session.autosave()
    [copy] = find_recovered(app_paths())
    assert copy.draft.ignored_rules == ["harper:SpellCheck"]


def test_add_a_word_to_the_dictionary(window: MainWindow) -> None:
    window.write_page.editors[1].editor.setPlainText("The glorptastic plan failed.")
    window.step_list.setCurrentRow(2)
    window.step_list.setCurrentRow(3)
    select(window, "glorptastic")
    window.review_page.add_word_button.click()
    assert not any("glorptastic" in row for row in issue_rows(window))
    from oped_studio.checks.dictionary import PersonalDictionary

    assert "glorptastic" in PersonalDictionary(app_paths()).words()


def test_a_stale_result_is_dropped_and_only_one_check_runs_at_a_time(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    pending = []
    monkeypatch.setattr(
        "oped_studio.gui.check_controller.run_in_pool",
        lambda job, done, failed, context=None: pending.append((job, done)),
    )
    window.step_list.setCurrentRow(3)  # the first check starts
    assert len(pending) == 1
    window.write_page.editors[1].editor.setPlainText("The plan was recieved well.")
    window.checks.run()
    window.checks.run()
    assert len(pending) == 1, "a second check waits for the first instead of piling up"
    first = pending[0]
    first[1](first[0]())  # the first ends: its result is out of date, so a new check starts
    assert issue_rows(window) == []
    assert len(pending) == 2
    second = pending[1]
    second[1](second[0]())
    assert any("“recieved”" in row for row in issue_rows(window))
    assert "well" in window.review_page.letter.toPlainText()


def marked_characters(window: MainWindow) -> set[int]:
    """The letter's positions that show a mark: under an extra selection, or in text whose own
    format carries an underline or a background (however the page marks issues)."""
    from PySide6.QtGui import QTextCharFormat

    letter = window.review_page.letter
    marked: set[int] = set()
    for selection in letter.extraSelections():
        marked.update(range(selection.cursor.selectionStart(), selection.cursor.selectionEnd()))
    block = letter.document().begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            fmt = fragment.charFormat()
            if (
                fmt.underlineStyle() != QTextCharFormat.UnderlineStyle.NoUnderline
                or fmt.hasProperty(QTextCharFormat.Property.BackgroundBrush)
            ):
                marked.update(range(fragment.position(), fragment.position() + fragment.length()))
            fragments += 1
        block = block.next()
    return marked


def remaining_characters(window: MainWindow) -> set[int]:
    """The positions of the issues the last check left (no character takes two Qt positions)."""
    issues = window.checks.report.issues
    return {p for i in issues if i.end > i.start for p in range(i.start, i.end)}


def test_highlights_cover_exactly_each_remaining_issue_after_apply_and_ignore(
    qtbot, window: MainWindow
) -> None:
    """After Ignore on a copied passage the whole letter showed as copied: the new text took
    the character format at the cursor, which sat on the selected issue."""
    from PySide6.QtCore import Qt

    pack_fact = window.points_page.pack().point("children-separated").facts[0].text
    window.write_page.editor_for("evidence").editor.setPlainText(pack_fact)
    window.step_list.setCurrentRow(3)
    page = window.review_page
    assert any(row.startswith("originality") for row in issue_rows(window))
    assert marked_characters(window) == remaining_characters(window)

    select(window, "originality")
    qtbot.mouseClick(page.ignore_button, Qt.MouseButton.LeftButton)
    assert not any(row.startswith("originality") for row in issue_rows(window))
    assert marked_characters(window) == remaining_characters(window), "after Ignore"

    select(window, "spelling: “recieved”")
    qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    assert marked_characters(window) == remaining_characters(window), "after Apply"

    select(window, "Passive voice")
    window.write_page.editor_for("ask").editor.setPlainText("Congress must act this month.")
    window.checks.run()  # a later check, with the cursor still on the selected issue
    assert "must act" in page.letter.toPlainText()
    marked = marked_characters(window)
    assert marked == remaining_characters(window) and marked, "after a later check"


def test_the_warm_up_reads_the_place_names_off_the_ui_thread(
    make_window, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The known place names (half a second of ZIP code data) are read by the background
    warm-up with Harper, not by the first check."""
    from oped_studio.checks import place_names

    jobs = []
    monkeypatch.setattr(
        "oped_studio.gui.check_controller.run_in_pool", lambda job, *a, **k: jobs.append(job)
    )
    read = []
    monkeypatch.setattr(place_names, "_index", lambda: read.append(True))
    window = make_window(papers_loaded=False)
    window.checks.warm_up()
    assert len(jobs) == 1 and not read, "nothing is read on the UI thread"
    jobs[0]()
    assert read
