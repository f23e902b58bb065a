"""One section of the Write step: its prompt, guidance, example on demand, the text the
writer types, its budget bar, and the checks' underlines in it.

Tab from a section's text goes to the next section's text (the Write page decides which);
a character typed on one of its buttons goes into its text, so nothing typed is lost.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from oped_studio.core.counting import count_words
from oped_studio.core.draft import MAX_LETTER_TEXT, MAX_TEXT
from oped_studio.gui.text import as_text, issue_mark, qt_position, tip, word_count_text

if TYPE_CHECKING:
    pass


#: Above this many characters a section's word count waits for a pause in typing, so a
#: huge paste never makes each keystroke slow.
LARGE_SECTION = 20_000
RECOUNT_DELAY_MS = 300


def forward_typing(event: QKeyEvent, target: QPlainTextEdit) -> bool:
    """Type a character pressed on a button into ``target`` instead (and move there), so
    what the writer types never vanishes; Space and Enter still press the button."""
    text = event.text()
    commands = (
        Qt.KeyboardModifier.ControlModifier
        | Qt.KeyboardModifier.AltModifier
        | Qt.KeyboardModifier.MetaModifier
    )
    if not text.isprintable() or not text.strip() or event.modifiers() & commands:
        return False
    target.setFocus(Qt.FocusReason.OtherFocusReason)
    QApplication.sendEvent(target, QKeyEvent(event.type(), event.key(), event.modifiers(), text))
    return True


class CappedTextEdit(QPlainTextEdit):
    """A section's text field that refuses, with a message, text past the draft's caps
    (:data:`~oped_studio.core.draft.MAX_TEXT` a section, ``MAX_LETTER_TEXT`` in all): a paste
    or typing that would go over is not cut short silently, it is not made at all."""

    #: A paste or a key was refused (the sentence to show the writer).
    refused = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        #: Characters the other sections hold (the Write page sets it).
        self.others: Callable[[], int] = lambda: 0

    def room(self) -> int:
        """How many more characters this field may take (a selection would be replaced)."""
        cursor = self.textCursor()
        own = len(self.toPlainText()) - (cursor.selectionEnd() - cursor.selectionStart())
        return min(MAX_TEXT - own, MAX_LETTER_TEXT - own - self.others())

    def _refuse(self, adding: int) -> None:
        self.refused.emit(
            self.tr(
                "Not added: %1 characters would take this letter past its limit (%2 in a "
                "section, %3 in all; a long op-ed is about 8,000). Paste a shorter part."
            )
            .replace("%1", f"{adding:,}")
            .replace("%2", f"{MAX_TEXT:,}")
            .replace("%3", f"{MAX_LETTER_TEXT:,}")
        )

    def insertFromMimeData(self, source: QMimeData) -> None:  # Qt's name
        adding = len(source.text()) if source.hasText() else 0
        if adding > self.room():
            self._refuse(adding)
            return
        super().insertFromMimeData(source)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt's name
        if event.text() and event.text().isprintable() and len(event.text()) > self.room():
            self._refuse(len(event.text()))
            return
        super().keyPressEvent(event)


class SectionEditor(QFrame):
    """A section's title, prompt, example and guidance above the field the writer types in."""

    #: The text changed (section id); the word count may follow a moment later.
    text_changed = Signal(str)
    #: The word count was brought up to date (section id).
    counted = Signal(str)
    #: The writer moved into this section's field (section id).
    focused = Signal(str)
    #: Tab (True) or Shift+Tab (False) in the field: the page moves to the next or previous
    #: section's field (section id, forward).
    tab_pressed = Signal(str, bool)

    def __init__(
        self,
        section_id: str,
        title: str,
        prompt: str,
        guidance: str,
        example: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.section_id = section_id
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.setSpacing(4)
        title_row = QHBoxLayout()
        self.title_label = QLabel(f"<b>{html.escape(title)}</b>")
        self.title_label.setTextFormat(Qt.TextFormat.RichText)
        title_row.addWidget(self.title_label, 1)
        self.example_button = QToolButton()
        self.example_button.setText(self.tr("Show example"))
        self.example_button.setCheckable(True)
        self.example_button.setAccessibleName(
            self.tr("Show an example for %1").replace("%1", title)
        )
        self.example_button.setVisible(bool(example))
        title_row.addWidget(self.example_button)
        layout.addLayout(title_row)
        prompt_label = as_text(QLabel(prompt))
        prompt_label.setWordWrap(True)
        layout.addWidget(prompt_label)
        self.example_label = QLabel(example)
        self.example_label.setWordWrap(True)
        self.example_label.setTextFormat(Qt.TextFormat.PlainText)
        self.example_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.example_label.setAccessibleName(self.tr("Example for %1").replace("%1", title))
        self.example_label.setStyleSheet(
            "QLabel { font-style: italic; border-left: 3px solid #56B4E9; padding-left: 8px; }"
        )
        self.example_label.setVisible(False)
        layout.addWidget(self.example_label)
        self.editor = CappedTextEdit()
        self.editor.setAccessibleName(title)
        self.editor.setAccessibleDescription(prompt)
        self.editor.setPlaceholderText(guidance)
        self.editor.setTabChangesFocus(True)
        self.editor.setMinimumHeight(90)
        self.editor.setMaximumHeight(160)
        self.editor.installEventFilter(self)
        self.example_button.installEventFilter(self)  # (once self.editor exists)
        layout.addWidget(self.editor)
        self.budget_bar = QProgressBar()
        self.budget_bar.setAccessibleName(self.tr("Word budget for %1").replace("%1", title))
        self.budget_bar.setMaximumHeight(14)
        self.budget_bar.setTextVisible(False)
        self.budget_bar.setVisible(False)
        layout.addWidget(self.budget_bar)
        self.count_label = QLabel()
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.count_label.setAccessibleName(self.tr("Words in %1").replace("%1", title))
        layout.addWidget(self.count_label)
        self._budget: int | None = None
        self.title_label.setBuddy(self.editor)
        self._recount_timer = QTimer(self)
        self._recount_timer.setSingleShot(True)
        self._recount_timer.setInterval(RECOUNT_DELAY_MS)
        self._recount_timer.timeout.connect(self._update_count)
        self.editor.textChanged.connect(self._on_text_changed)
        self.example_button.toggled.connect(self._on_example_toggled)
        self._words = 0
        self._update_count()

    def text(self) -> str:
        return self.editor.toPlainText()

    def set_text(self, text: str) -> None:
        self.editor.blockSignals(True)
        self.editor.setPlainText(text)
        self.editor.blockSignals(False)
        self._update_count()

    def words(self) -> int:
        return self._words

    def replace_range(self, start: int, end: int, text: str) -> None:
        """Replace ``text()[start:end]`` as an edit the writer can undo (Ctrl+Z)."""
        full = self.text()
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(qt_position(full, start))
        cursor.setPosition(qt_position(full, end), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(text)

    def insert_at_cursor(self, text: str) -> None:
        """Insert ``text`` where the cursor is, with a space either side where words meet."""
        cursor = self.editor.textCursor()
        document = self.editor.document()
        position = cursor.selectionStart()
        previous = document.characterAt(position - 1) if position > 0 else ""
        following = document.characterAt(cursor.selectionEnd())
        if previous and not previous.isspace():
            text = " " + text
        if following.strip("\x00") and not following.isspace():
            text += " "
        cursor.beginEditBlock()  # one undo step of its own, not merged with the typing
        cursor.insertText(text)
        cursor.endEditBlock()
        self.editor.setTextCursor(cursor)

    def set_example(self, text: str, pack_title: str = "") -> None:
        """Show ``text`` as the example: the pack's (``pack_title``), or the structure's."""
        self.example_label.setText(text)
        origin = (
            self.tr("An example on the topic of your talking points (%1): write your own.")
            if pack_title
            else ""
        )
        self.example_label.setToolTip(tip(origin.replace("%1", pack_title)))
        self.example_label.setAccessibleDescription(origin.replace("%1", pack_title))
        self.example_button.setVisible(bool(text))

    def set_issues(self, ranges: Sequence[tuple[int, int, str, str]]) -> None:
        """Underline ``(start, end, category, message)`` ranges of ``text()`` (no undo step)."""
        full = self.text()
        selections = [
            issue_mark(self.editor, full, start, end, category)
            for start, end, category, _message in ranges
        ]
        self.editor.setExtraSelections(selections)

    def issue_count(self) -> int:
        return len(self.editor.extraSelections())

    def set_budget(self, budget: int | None) -> None:
        """This section's share of the paper's limit (None: no paper, no bar)."""
        self._budget = budget
        self.budget_bar.setVisible(budget is not None)
        self._show_count()

    def _show_count(self) -> None:
        words = self._words
        budget = self._budget
        if budget is None:
            self.count_label.setText(word_count_text(words))
            return
        self.budget_bar.setMaximum(max(budget, 1))
        self.budget_bar.setValue(min(words, max(budget, 1)))
        over = words - budget
        # The words say it too: colour is never the only cue.
        text = self.tr("%1 of about %2").replace("%1", word_count_text(words))
        text = text.replace("%2", str(budget))
        if over > 0:
            text += self.tr(" (%1 over)").replace("%1", str(over))
        self.count_label.setText(text)
        was_over = bool(self.budget_bar.property("over"))
        if was_over != (over > 0):  # a style sheet change re-polishes: only when it flips
            self.budget_bar.setProperty("over", over > 0)
            self.budget_bar.setStyleSheet(
                "QProgressBar::chunk { background: #D55E00; }" if over > 0 else ""
            )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        kind = event.type()
        if watched is self.editor and kind == QEvent.Type.FocusIn:
            self.focused.emit(self.section_id)
        elif watched is self.editor and kind == QEvent.Type.KeyPress:
            return self._on_editor_key(event)
        elif watched is self.example_button and kind == QEvent.Type.KeyPress:
            return forward_typing(event, self.editor)
        return super().eventFilter(watched, event)

    def _on_editor_key(self, event: QKeyEvent) -> bool:
        """Tab goes from section text to section text (the page knows which is next), so
        nothing typed after it lands on a button; Shift+Tab, Ctrl+Tab and Ctrl+Shift+Tab go
        through every control, the section's own buttons too."""
        if event.key() not in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            return False
        modifiers = event.modifiers()
        plain_tab = event.key() == Qt.Key.Key_Tab and not modifiers & (
            Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier
        )
        if plain_tab:
            self.tab_pressed.emit(self.section_id, True)
        else:
            forward = event.key() == Qt.Key.Key_Tab and not (
                modifiers & Qt.KeyboardModifier.ShiftModifier
            )
            self.editor.focusNextPrevChild(forward)
        return True

    @Slot()
    def _update_count(self) -> None:
        self._recount_timer.stop()
        self._words = count_words(self.editor.toPlainText())
        self._show_count()
        self.counted.emit(self.section_id)

    @Slot()
    def _on_text_changed(self) -> None:
        if self.editor.document().characterCount() > LARGE_SECTION:
            self._recount_timer.start()
        else:
            self._update_count()
        self.text_changed.emit(self.section_id)

    @Slot(bool)
    def _on_example_toggled(self, shown: bool) -> None:
        self.example_label.setVisible(shown)
        self.example_button.setText(self.tr("Hide example") if shown else self.tr("Show example"))
