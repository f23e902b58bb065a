"""A whole letter written with the keyboard alone, from the blank Start step to a Word file.

Every key goes where a person's would: to the widget with the keyboard focus, or to an open
popup. No mouse, and no widget method is called to move the writer along: if the focus lands
somewhere useless, a Tab goes astray or a step cannot be left by keyboard, this test fails.
Only the file dialog's answer is scripted (it is the platform's own dialog).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox

from oped_studio.gui import workers
from tests.helpers import ScriptedDialogs, press, type_here

ALT = Qt.KeyboardModifier.AltModifier
SECTIONS = [
    "Your June 18 story on the border camps left out the children.",
    "Taking a child from a parent does harm, and our government can stop it.",
    "I read that thousands of children were separated within a few weeks.",
    "I teach second grade, and I have seen a child fall apart over one late pickup.",
    "Congress should pass a law this month that keeps families together.",
    "Ana Pena\nPacific Grove, Calif.",
]


def focused():
    return QApplication.focusWidget()


def next_step(qtbot, window, row: int) -> None:
    """Alt+N: the Next button's mnemonic clicks it (Qt animates the click for 100 ms)."""
    press(qtbot, Qt.Key.Key_N, ALT)
    qtbot.waitUntil(lambda: window.step_list.currentRow() == row)
    back_to_the_window(qtbot, window)


def back_to_the_window(qtbot, window) -> None:
    """The offscreen platform leaves the window focus with the paper list's own window once
    the list closes; a real window system gives it back to the app's window, as this does.
    The window then gives the keyboard to the widget the app chose meanwhile (no widget of
    ours is touched here)."""
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)


def test_a_letter_from_start_to_a_word_file_with_the_keyboard_alone(
    qtbot, make_window, dialogs: ScriptedDialogs, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(workers, "RUN_INLINE", True)
    target = tmp_path / "my-letter.docx"
    dialogs.answer("get_export_path", target)
    window = make_window()
    start = window.start_page

    # Start: the window opens with the cursor in the paper field.
    qtbot.waitUntil(lambda: focused() is start.outlet_edit)
    type_here(qtbot, "New York Ti")
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None)
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    assert start.outlet_id() == "nyt"
    press(qtbot, Qt.Key.Key_H, ALT)  # &Headline
    type_here(qtbot, "Children Wait at the Border")
    for key, text in (
        (Qt.Key.Key_M, "Ana Pena"),  # Na&me
        (Qt.Key.Key_S, "12 Lighthouse Ave"),  # &Street
        (Qt.Key.Key_C, "Pacific Grove, CA"),  # &City, state
        (Qt.Key.Key_O, "831-555-0142"),  # Ph&one
        (Qt.Key.Key_E, "ana@example.org"),  # &Email
    ):
        press(qtbot, key, ALT)
        type_here(qtbot, text)
    assert start.name_edit.text() == "Ana Pena" and start.email_edit.text() == "ana@example.org"
    assert start.phone_edit.text() == "831-555-0142"

    # Talking points: Next, then the pack chosen with the arrow keys and one point ticked.
    next_step(qtbot, window, 1)
    points = window.points_page
    assert window.stack.currentWidget() is points
    assert focused() is points.pack_combo
    for _ in range(points.pack_combo.count()):
        if points.pack_combo.currentData() == "family-separation":
            break
        press(qtbot, Qt.Key.Key_Down)
    assert points.pack() is not None and points.pack().id == "family-separation"
    for _ in range(12):
        if isinstance(focused(), QCheckBox):
            break
        press(qtbot, Qt.Key.Key_Tab)
    assert isinstance(focused(), QCheckBox), "a point can be reached with Tab"
    press(qtbot, Qt.Key.Key_Space)
    assert len(window.session.draft.point_ids) == 1

    # Write: Next puts the cursor in the first section; Tab goes from section to section.
    next_step(qtbot, window, 2)
    write = window.write_page
    assert window.stack.currentWidget() is write
    editors = write.editors
    assert len(editors) == len(SECTIONS)
    for number, text in enumerate(SECTIONS):
        assert focused() is editors[number].editor, f"section {number + 1} has the cursor"
        type_here(qtbot, text)
        if number < len(SECTIONS) - 1:
            press(qtbot, Qt.Key.Key_Tab)
    assert [e.text() for e in editors] == SECTIONS, "nothing typed went astray"
    assert "over" not in write.total_label.text(), write.total_label.text()

    # Review and Export by Next; on the last step, Next saves the Word document.
    next_step(qtbot, window, 3)
    assert window.stack.currentWidget() is window.review_page
    assert window.checks.report is not None
    next_step(qtbot, window, 4)
    assert window.stack.currentWidget() is window.export_page
    press(qtbot, Qt.Key.Key_N, ALT)
    qtbot.waitUntil(target.exists)

    paragraphs = [p.text for p in Document(str(target)).paragraphs]
    text = "\n".join(paragraphs)
    for section in SECTIONS[:-1]:
        assert section in text
    assert "Ana Pena" in text and "ana@example.org" in text and "831-555-0142" in text
    assert "Children Wait at the Border" in text
    assert dialogs.asked.count("get_export_path") == 1


def _mnemonic(text: str) -> str | None:
    """The letter after a single '&' ("Na&me" -> "m"), or None."""
    cleaned = text.replace("&&", "")
    at = cleaned.find("&")
    return cleaned[at + 1].casefold() if 0 <= at < len(cleaned) - 1 else None


@pytest.mark.parametrize("step", range(5))
def test_no_two_fields_of_a_step_share_an_alt_letter(make_window, step: int) -> None:
    """Two labels with one Alt letter: the second field can never be reached with it (Alt+H
    went to the headline every time, never to the phone)."""
    from PySide6.QtWidgets import QAbstractButton, QLabel

    window = make_window()
    window.step_list.setCurrentRow(step)
    page = window.stack.currentWidget()
    letters: dict[str, list[str]] = {}
    widgets = [*page.findChildren(QLabel), *page.findChildren(QAbstractButton)]
    widgets += window.step_bar.findChildren(QAbstractButton)
    for widget in widgets:
        if isinstance(widget, QLabel) and widget.buddy() is None:
            continue
        letter = _mnemonic(widget.text())
        if letter:
            letters.setdefault(letter, []).append(widget.text())
    shared = {letter: texts for letter, texts in letters.items() if len(texts) > 1}
    assert shared == {}
