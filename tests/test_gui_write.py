"""The Write step: examples on demand, inserting a fact, the preview and checks as you type."""

from __future__ import annotations

import threading

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QThreadPool, QTimer
from PySide6.QtGui import QTextCursor

from oped_studio.core.paths import app_paths
from oped_studio.gui import workers
from oped_studio.gui.main_window import LIVE_CHECK_MAX, PREVIEW_DELAY_MS, MainWindow
from tests.helpers import press, type_here, type_text


@pytest.fixture
def window(ready_window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    monkeypatch.setattr(workers, "RUN_INLINE", True)
    return ready_window


def choose_point(window: MainWindow, pack_id: str = "family-separation") -> None:
    window.step_list.setCurrentRow(1)
    points = window.points_page
    points.pack_combo.setCurrentIndex(points.pack_combo.findData(pack_id))
    points.cards[0].check.setChecked(True)


def test_each_section_shows_its_example_on_demand(window: MainWindow) -> None:
    window.step_list.setCurrentRow(2)
    section = window.write_page.editors[1]
    assert section.example_label.isHidden()
    assert section.example_label.text(), "every section of a bundled structure has an example"
    section.example_button.click()
    assert section.example_label.isVisible()
    assert section.example_button.text() == "Hide example"
    section.example_button.click()
    assert section.example_label.isHidden()


def test_insert_a_fact_as_a_sentence_naming_its_source(qtbot, window: MainWindow) -> None:
    """ "Insert a fact" pasted an academic citation, at once marked as copied, from a menu
    that ran off the window: now a sentence a paper prints, from a menu on the screen."""
    from PySide6.QtCore import Qt

    from oped_studio.core.attribution import fact_sentence

    choose_point(window)
    pack = window.points_page.pack()
    point = pack.point(window.session.draft.point_ids[0])
    window.resize(760, 560)  # narrow: the facts' sentences are far wider
    window.step_list.setCurrentRow(2)
    write = window.write_page
    evidence = write.editor_for("evidence")
    type_text(evidence.editor, "Consider this:")
    qtbot.mouseClick(write.fact_button, Qt.MouseButton.LeftButton)
    menu = write.fact_menu
    qtbot.waitUntil(menu.isVisible)
    area = window.geometry().intersected(window.screen().availableGeometry())
    assert area.contains(menu.geometry()), (menu.geometry(), area)
    actions = [a for a in menu.actions() if a.data() is not None]
    assert len(actions) == len(point.facts)
    assert any(a.text().endswith("…") for a in actions), "long entries are elided"
    assert actions[0].toolTip() == fact_sentence(pack, point.facts[0])
    qtbot.keyClick(menu, Qt.Key.Key_Down)
    qtbot.keyClick(menu, Qt.Key.Key_Return)
    sentence = fact_sentence(pack, point.facts[0])
    assert sentence.startswith("According to an online magazine (2018), the administ")
    assert evidence.text() == "Consider this: " + sentence
    assert window.session.is_dirty()
    window.checks.run()
    report = window.checks.report
    assert report.originality.copied_percent == 0.0
    assert not [i for i in report.issues if i.category == "originality"]
    evidence.editor.undo()
    assert evidence.text() == "Consider this:"
    qtbot.keyClick(evidence.editor, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    qtbot.mouseClick(write.fact_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(menu.isVisible)
    qtbot.keyClick(menu, Qt.Key.Key_Down)
    qtbot.keyClick(menu, Qt.Key.Key_Return)
    assert evidence.text() == sentence + " Consider this:", "a space where words meet"


def test_the_fact_menu_explains_when_no_point_is_chosen(qtbot, window: MainWindow) -> None:
    from PySide6.QtCore import Qt

    window.step_list.setCurrentRow(2)
    qtbot.mouseClick(window.write_page.fact_button, Qt.MouseButton.LeftButton)
    menu = window.write_page.fact_menu
    qtbot.waitUntil(menu.isVisible)
    (only,) = menu.actions()
    assert not only.isEnabled() and "Talking points" in only.text()
    qtbot.keyClick(menu, Qt.Key.Key_Escape)
    assert not menu.isVisible()


def test_a_menu_is_kept_within_the_window() -> None:
    from PySide6.QtCore import QPoint, QRect, QSize

    from oped_studio.gui.fact_menu import menu_position

    area = QRect(0, 0, 800, 600)
    assert menu_position(QRect(10, 40, 100, 30), QSize(300, 200), area) == QPoint(10, 70)
    assert menu_position(QRect(700, 40, 100, 30), QSize(300, 200), area) == QPoint(500, 70)
    assert menu_position(QRect(10, 500, 100, 30), QSize(300, 200), area) == QPoint(10, 300)
    assert menu_position(QRect(10, 40, 100, 30), QSize(900, 700), area) == QPoint(0, 0)


def test_the_preview_follows_the_writing_and_can_be_hidden(qtbot, window: MainWindow) -> None:
    type_text(window.start_page.name_edit, "Ana Peña")
    window.step_list.setCurrentRow(2)
    write = window.write_page
    type_text(write.editors[0].editor, "Your story missed the point.")
    qtbot.waitUntil(lambda: "Your story missed the point." in write.preview.toPlainText())
    assert "Ana Peña" in write.preview.toPlainText(), "the contact block is in the letter"
    write.preview_check.setChecked(False)
    assert write.preview.isHidden()
    type_text(write.editors[0].editor, " Again.")
    # Let the preview's debounce timer (PREVIEW_DELAY_MS) run out: found by its interval, not
    # by a private name, so the window's components can move it.
    timers = [t for t in window.findChildren(QTimer) if t.interval() == PREVIEW_DELAY_MS]
    assert timers, "the preview is redrawn through a timer"
    qtbot.waitUntil(lambda: not any(t.isActive() for t in timers))
    assert "Again." not in write.preview.toPlainText(), "a hidden preview is not redrawn"
    write.preview_check.setChecked(True)
    assert "Again." in write.preview.toPlainText()


def test_checks_underline_the_fields_as_the_writer_types(qtbot, window: MainWindow) -> None:
    window.step_list.setCurrentRow(2)
    write = window.write_page
    point = write.editor_for("point")
    type_text(point.editor, "  The council recieved the plan.")
    qtbot.waitUntil(lambda: point.issue_count() == 1, timeout=5000)
    (selection,) = point.editor.extraSelections()
    cursor: QTextCursor = selection.cursor
    assert cursor.selectedText() == "recieved", "offsets account for the leading spaces"
    assert write.check_summary.text().startswith("1 to look at")
    assert point.editor.document().isUndoAvailable()
    point.editor.undo()  # underlines are not edits: undo takes back typing, not them
    assert point.text() != "  The council recieved the plan."


def test_a_section_changed_since_the_check_keeps_no_stale_underlines(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    pending = []
    monkeypatch.setattr(
        "oped_studio.gui.check_controller.run_in_pool",
        lambda job, done, failed, context=None: pending.append((job, done)),
    )
    window.step_list.setCurrentRow(2)
    point = window.write_page.editor_for("point")
    point.editor.setPlainText("The council recieved the plan.")
    window.checks.run()
    window.checks.again = False  # only the first check matters here
    job, done = pending[-1]
    report = job()
    point.editor.setPlainText("Something else entirely now.")
    done(report)
    assert point.issue_count() == 0


def test_a_huge_paste_pauses_checks_while_typing(qtbot, window: MainWindow) -> None:
    window.step_list.setCurrentRow(2)
    checked = []
    window.run_checks = lambda: checked.append(True)
    story = window.write_page.editor_for("story")
    story.editor.setPlainText("word " * (LIVE_CHECK_MAX // 5 + 10))
    qtbot.waitUntil(lambda: "Too long to check" in window.write_page.check_summary.text())
    assert not checked


def test_a_report_for_a_closed_window_is_dropped(qtbot) -> None:
    from PySide6.QtWidgets import QWidget

    widget = QWidget()
    got = []
    gate = threading.Event()
    workers.run_in_pool(lambda: gate.wait(5) and 42, got.append, got.append, widget)
    shiboken6.delete(widget)  # the window closed while the job ran
    gate.set()
    assert QThreadPool.globalInstance().waitForDone(5000), "the job ran and reported"
    QCoreApplication.processEvents()  # its report, posted to this thread, is delivered now
    assert got == []
    workers.run_in_pool(lambda: 42, got.append, got.append, None)
    qtbot.waitUntil(lambda: got == [42])


def test_worker_threads_share_one_malloc_arena_on_glibc() -> None:
    """Keeps the peak memory down (see benchmarks/run.py); a no-op elsewhere."""
    import ctypes
    import platform
    import sys

    if not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc":
        pytest.skip("glibc only")
    assert workers.limit_malloc_arenas()
    assert hasattr(ctypes.CDLL(None), "mallopt")


def test_typing_goes_on_while_a_slow_languagetool_check_runs(
    qtbot, ready_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server takes 3 s to answer; the writer keeps typing and the counts keep up."""
    from oped_studio.checks import languagetool_engine
    from oped_studio.core.settings import Settings, save_settings
    from tests.fake_languagetool import FakeLanguageTool

    monkeypatch.setattr(languagetool_engine, "REQUEST_TIMEOUT", 5)
    window = ready_window
    with FakeLanguageTool() as server:
        server.mode = "slow"
        save_settings(
            Settings(grammar_engine="languagetool-server", languagetool_url=server.url), app_paths()
        )
        window.step_list.setCurrentRow(2)
        hook = window.write_page.editors[0]
        type_text(hook.editor, "Teh council voted.")
        window.checks.run()
        qtbot.waitUntil(lambda: len(server.requests) == 1, timeout=5000)
        assert window.checks.running, "the check is waiting on the server"
        type_text(hook.editor, " Then it voted again and again.")
        assert hook.words() == 9 and window.words_label.text() == "9 words"
        assert window.checks.running, "typing did not wait for the check"
        window.checks.run()  # asked again meanwhile: remembered, not piled up
        assert len(server.requests) == 1
        qtbot.waitUntil(lambda: not window.checks.running, timeout=20_000)
    assert any(i.source == "languagetool" for i in window.checks.report.issues)
    assert "again and again" in window.checks.request.text, "the newest text was checked"


def test_limit_text_puts_the_whole_letter_against_the_limit(qapp) -> None:
    from oped_studio.gui.text import limit_text

    assert limit_text(187, 150) == "37 over 150: cut about a quarter"
    assert limit_text(37, 150) == "113 left"
    assert limit_text(150, 150) == "0 left"
    assert limit_text(152, 150) == "2 over 150: trim a little"
    assert limit_text(300, 150) == "150 over 150: cut about half"
    assert limit_text(160, 150) == "10 over 150: cut about a tenth"
    assert limit_text(177, 150) == "27 over 150: cut about a quarter", "rounded up, never short"
    assert limit_text(1000, 100) == "900 over 100: keep only about a tenth"
    assert limit_text(187, None) == ""


def test_write_shows_the_limit_and_counts_issues_as_review_does(qtbot, window: MainWindow) -> None:
    """Write said "187 words" but never "37 over 150", and "12 underlined" where Review said
    "13 to look at": the words past the limit run across sections, so Write left them out."""
    window.start_page.choose_outlet("nyt")  # 150 words
    window.step_list.setCurrentRow(2)
    write = window.write_page
    sentence = "Families belong together and our country can do better than this. "
    typed = {
        "hook": sentence * 7,
        "point": sentence * 6,
        "evidence": sentence * 2 + "The council recieved the plan badly and so did we all.",
        "ask": sentence,  # the words past the limit run from Evidence into Ask
    }
    for section_id, text in typed.items():
        qtbot.keyClicks(write.editor_for(section_id).editor, text)
    assert write.total_words() == 187
    assert "187 words · 37 over 150: cut about a quarter" in write.total_label.text()
    qtbot.waitUntil(lambda: write.check_summary.text()[:1].isdigit(), timeout=5000)
    on_write = int(write.check_summary.text().split()[0])
    window.step_list.setCurrentRow(3)
    figures = window.review_page.figures.text()
    assert f"{on_write} to look at" in figures, figures
    assert write.editor_for("evidence").issue_count() >= 2, "the misspelling and the overflow"
    assert write.editor_for("ask").issue_count() >= 1, "the overflow, on into the next section"


def test_going_to_a_step_puts_the_cursor_where_the_writer_starts(
    qtbot, window: MainWindow, make_window
) -> None:
    """After Ctrl+3 the typing went nowhere useful: the focus fell on "Insert a fact", and
    the first key (a space) opened its menu, which swallowed the rest."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    ctrl = Qt.KeyboardModifier.ControlModifier
    start = window.start_page
    qtbot.mouseClick(start.name_edit, Qt.MouseButton.LeftButton)
    type_here(qtbot, "Ana")
    press(qtbot, Qt.Key.Key_3, ctrl)
    write = window.write_page
    assert window.stack.currentWidget() is write
    # (Checked before typing: a space on the button would open the menu and wait there.)
    assert QApplication.focusWidget() is write.editors[0].editor, "the first empty section"
    type_here(qtbot, " Your story missed the point.")
    assert QApplication.activePopupWidget() is None and not write.fact_menu.isVisible()
    assert write.editors[0].text() == " Your story missed the point."
    press(qtbot, Qt.Key.Key_1, ctrl)
    assert QApplication.focusWidget() is start.outlet_edit, "Start: the paper field"
    press(qtbot, Qt.Key.Key_3, ctrl)
    type_here(qtbot, "Children belong with their parents.")
    assert write.editors[1].text() == "Children belong with their parents.", "the first empty"
    assert QApplication.activePopupWidget() is None
    # A click on a step does the same; arrowing through the list stays in the list.
    list_rect = window.step_list.visualItemRect(window.step_list.item(0))
    qtbot.mouseClick(window.step_list.viewport(), Qt.MouseButton.LeftButton, pos=list_rect.center())
    assert QApplication.focusWidget() is start.outlet_edit
    window.step_list.setFocus()
    qtbot.keyClick(window.step_list, Qt.Key.Key_Down)
    assert window.stack.currentIndex() == 1 and window.step_list.hasFocus()
    other = make_window()  # a new window opens with the cursor in the paper field
    qtbot.waitUntil(lambda: QApplication.focusWidget() is other.start_page.outlet_edit)


def test_tab_goes_from_section_text_to_section_text(qtbot, window: MainWindow) -> None:
    """Tab from a section landed on the next section's "Show example" button, and what was
    typed next was lost."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    ctrl = Qt.KeyboardModifier.ControlModifier
    shift = Qt.KeyboardModifier.ShiftModifier
    press(qtbot, Qt.Key.Key_3, ctrl)
    write = window.write_page
    editors = write.editors
    assert editors[1].example_button.isVisible(), "a button sits between the two fields"
    type_here(qtbot, "One.")
    for editor in editors[1:]:
        press(qtbot, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is editor.editor
    editors[0].editor.setFocus()
    press(qtbot, Qt.Key.Key_Tab)
    type_here(qtbot, "Two.")
    assert [e.text() for e in editors[:2]] == ["One.", "Two."], "nothing typed is lost"
    # Shift+Tab and Ctrl+Tab reach the buttons; a character typed on one goes into its section.
    press(qtbot, Qt.Key.Key_Backtab, shift)
    assert QApplication.focusWidget() is editors[1].example_button
    type_here(qtbot, "x")
    assert QApplication.focusWidget() is editors[1].editor
    assert editors[1].text() == "Two.x"
    press(qtbot, Qt.Key.Key_Backtab, ctrl | shift)
    assert QApplication.focusWidget() is editors[1].example_button
    # Shift+Tab from the first section reaches the tools above the sections.
    editors[0].editor.setFocus()
    press(qtbot, Qt.Key.Key_Backtab, shift)
    focused = QApplication.focusWidget()
    assert focused is editors[0].example_button or focused is write.preview_check


def test_underlines_follow_the_last_keystroke_after_a_short_pause(
    qtbot, window: MainWindow
) -> None:
    """Underlines followed the last keystroke by the 800 ms pause plus the check: about a
    second. The pause is now short enough to leave the check room within the 600 ms budget;
    the time itself is benchmarks/run.py's to measure (a timed test fails on a busy machine)."""
    from oped_studio.checks.harper_engine import HarperEngine
    from oped_studio.gui.check_controller import LIVE_CHECK_DELAY_MS

    assert LIVE_CHECK_DELAY_MS <= 350
    HarperEngine.shared().start()  # warm, as the window has it a moment after start-up
    window.step_list.setCurrentRow(2)
    editor = window.write_page.editor_for("point")
    qtbot.keyClicks(editor.editor, "The council recieved the plan.")
    assert window.checks._live_timer.isActive(), "the pause after typing starts the check"
    qtbot.waitUntil(lambda: editor.issue_count() == 1, timeout=5000)
