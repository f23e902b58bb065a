"""Back and Next under every step, pressed as a person would (Alt+B, Alt+N, Tab, Enter)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from oped_studio.gui import workers
from oped_studio.gui.main_window import MainWindow
from tests.helpers import ScriptedDialogs
from tests.test_gui_event import event_window  # noqa: F401  (a fixture)


def alt(qtbot, window: QWidget, key: Qt.Key, *, then: Callable[[], bool] | None = None) -> None:
    """Alt+``key`` on whatever has the focus; a button's mnemonic clicks it 100 ms later (Qt
    shows it pressed first), so wait until ``then`` holds."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(QApplication.focusWidget() or window, key, Qt.KeyboardModifier.AltModifier)
    if then is not None:
        qtbot.waitUntil(then)


def shown_step(window: MainWindow) -> int:
    return window.stack.currentIndex()


def test_next_and_back_walk_the_steps_and_the_last_next_exports(
    qtbot,
    ready_window: MainWindow,
    dialogs: ScriptedDialogs,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(workers, "RUN_INLINE", True)
    window = ready_window
    bar = window.step_bar
    assert bar.isVisible() and not bar.back_button.isEnabled(), "no step before Start"
    assert bar.next_button.text() == "&Next: Talking points"
    assert bar.next_button.accessibleName() == "Next step: Talking points"
    for row in range(1, 5):
        alt(qtbot, window, Qt.Key.Key_N, then=lambda row=row: shown_step(window) == row)
        assert window.step_list.currentRow() == row
        assert bar.back_button.isEnabled()
    assert bar.next_button.text() == "&Next: save as a Word document…"
    alt(qtbot, window, Qt.Key.Key_B, then=lambda: shown_step(window) == 3)
    assert bar.back_button.text() == "&Back: Write"
    alt(qtbot, window, Qt.Key.Key_N, then=lambda: shown_step(window) == 4)
    target = tmp_path / "letter.docx"
    dialogs.answer("get_export_path", target)
    alt(qtbot, window, Qt.Key.Key_N, then=target.exists)  # the Export step's Word export
    assert dialogs.arguments("get_export_path", "fmt") == ["docx"]
    assert shown_step(window) == 4, "the last Next stays on Export"


def test_ctrl_and_a_number_still_jumps_to_a_step(qtbot, ready_window: MainWindow) -> None:
    window = ready_window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.step_list, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert shown_step(window) == 3
    assert window.step_bar.next_button.text() == "&Next: Export"
    qtbot.keyClick(window.step_list, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert shown_step(window) == 0 and not window.step_bar.back_button.isEnabled()


def test_alt_n_is_next_even_on_start_where_the_name_field_was_alt_n(
    qtbot, ready_window: MainWindow
) -> None:
    window = ready_window
    window.start_page.title_edit.setFocus()
    alt(qtbot, window, Qt.Key.Key_N, then=lambda: shown_step(window) == 1)
    window.step_list.setCurrentRow(0)
    window.start_page.title_edit.setFocus()
    alt(qtbot, window, Qt.Key.Key_M)
    assert QApplication.focusWidget() is window.start_page.name_edit


def tab_chain(start: QWidget, stop: QWidget) -> list[QWidget]:
    """The widgets Tab reaches from ``start`` up to ``stop`` (what a person tabbing meets)."""
    reached, widget = [], start
    for _ in range(500):
        widget = widget.nextInFocusChain()
        if widget is stop:
            return reached
        if (
            widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            reached.append(widget)
    raise AssertionError("the Tab order never came back")


@pytest.mark.parametrize("row", [0, 1, 2, 3, 4])
def test_the_buttons_come_after_the_page_s_fields_in_the_tab_order(
    ready_window: MainWindow, row: int
) -> None:
    """A page built on first use comes before Back and Next, not after them."""
    window = ready_window
    window.step_list.setCurrentRow(row)
    page = window.stack.currentWidget()
    reached = tab_chain(window.step_list, window.step_list)
    buttons = [
        w for w in reached if w in (window.step_bar.back_button, window.step_bar.next_button)
    ]
    fields = [w for w in reached if page.isAncestorOf(w)]
    assert fields, "the page has fields to reach"
    assert reached.index(buttons[0]) > max(reached.index(f) for f in fields)
    assert buttons[-1] is window.step_bar.next_button


def test_the_buttons_follow_a_write_page_rebuilt_for_another_draft(
    ready_window: MainWindow,
) -> None:
    window = ready_window
    window.step_list.setCurrentRow(2)
    before = window.write_page.editors[-1].editor
    assert window.session.new()  # the Write page builds new fields for the new draft
    last_editor = window.write_page.editors[-1].editor
    assert last_editor is not before
    reached = tab_chain(window.step_list, window.step_list)
    assert reached.index(window.step_bar.back_button) > reached.index(last_editor)


def test_the_buttons_work_in_event_mode(qtbot, event_window) -> None:  # noqa: F811
    window, _event = event_window
    assert window.events.start_event()
    window.welcome.new_button.click()
    assert window.step_bar.isVisible()
    window.start_page.title_edit.setFocus()
    alt(qtbot, window, Qt.Key.Key_N, then=lambda: shown_step(window) == 1)
    alt(qtbot, window, Qt.Key.Key_B, then=lambda: shown_step(window) == 0)
