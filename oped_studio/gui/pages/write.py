"""Step 3, Write: one field per section of the letter's structure, with its prompt and counts."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from oped_studio.core.counting import count_words
from oped_studio.core.draft import Draft
from oped_studio.core.structures import Structure, structure_for
from oped_studio.gui.text import qt_position, word_count_text

#: Above this many characters a section's word count waits for a pause in typing, so a
#: huge paste never makes each keystroke slow.
LARGE_SECTION = 20_000
RECOUNT_DELAY_MS = 300


class SectionEditor(QFrame):
    """A section's title, prompt and guidance above the field the writer types in."""

    #: The text changed (section id); the word count may follow a moment later.
    text_changed = Signal(str)
    #: The word count was brought up to date (section id).
    counted = Signal(str)

    def __init__(
        self, section_id: str, title: str, prompt: str, guidance: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.section_id = section_id
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.setSpacing(4)
        self.title_label = QLabel(f"<b>{title}</b>")
        self.title_label.setTextFormat(Qt.TextFormat.RichText)
        prompt_label = QLabel(prompt)
        prompt_label.setWordWrap(True)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName(title)
        self.editor.setAccessibleDescription(prompt)
        self.editor.setPlaceholderText(guidance)
        self.editor.setTabChangesFocus(True)
        self.editor.setMinimumHeight(90)
        self.editor.setMaximumHeight(160)
        self.count_label = QLabel()
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.count_label.setAccessibleName(self.tr("Words in %1").replace("%1", title))
        self.budget_bar = QProgressBar()
        self.budget_bar.setAccessibleName(self.tr("Word budget for %1").replace("%1", title))
        self.budget_bar.setMaximumHeight(14)
        self.budget_bar.setTextVisible(False)
        self.budget_bar.setVisible(False)
        self._budget: int | None = None
        for widget in (
            self.title_label,
            prompt_label,
            self.editor,
            self.budget_bar,
            self.count_label,
        ):
            layout.addWidget(widget)
        self.title_label.setBuddy(self.editor)
        self._recount_timer = QTimer(self)
        self._recount_timer.setSingleShot(True)
        self._recount_timer.setInterval(RECOUNT_DELAY_MS)
        self._recount_timer.timeout.connect(self._update_count)
        self.editor.textChanged.connect(self._on_text_changed)
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
        from PySide6.QtGui import QTextCursor

        full = self.text()
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(qt_position(full, start))
        cursor.setPosition(qt_position(full, end), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(text)

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
        self.budget_bar.setProperty("over", over > 0)
        self.budget_bar.setStyleSheet(
            "QProgressBar::chunk { background: #D55E00; }" if over > 0 else ""
        )

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


class WritePage(QWidget):
    """The draft's sections, in the order of its structure."""

    #: The writer changed a section's text.
    changed = Signal()
    #: The total word count was brought up to date.
    counted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Write"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 8)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.description = QLabel()
        self.description.setWordWrap(True)
        outer.addWidget(self.heading)
        outer.addWidget(self.description)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer.addWidget(self.scroll, 1)
        self.total_label = QLabel()
        self.total_label.setAccessibleName(self.tr("Total words"))
        outer.addWidget(self.total_label)
        self.editors: list[SectionEditor] = []
        self.structure: Structure | None = None
        self._max_words: int | None = None

    def show_draft(self, draft: Draft) -> None:
        """Build one editor per section of the draft's structure and fill them.

        Text in sections the structure does not have (the writer switched from a letter to
        an op-ed, say) is shown after the structure's sections, so nothing is hidden or lost.
        """
        self.structure = structure_for(draft.structure_id, draft.kind)
        self.heading.setText(f"<h2>{self.tr('Write')}: {self.structure.title}</h2>")
        self.description.setText(self.structure.description)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 8, 0)
        self.editors = []
        known = {section.id for section in self.structure.sections}
        specs = [(s.id, s.title, s.prompt, s.guidance) for s in self.structure.sections]
        for section_id, text in draft.sections.items():
            if section_id not in known and text.strip():
                specs.append(
                    (
                        section_id,
                        self.tr("Earlier text (%1)").replace("%1", section_id),
                        self.tr("Text from a section this structure does not have."),
                        self.tr("Move what you want to keep into the sections above."),
                    )
                )
        for section_id, title, prompt, guidance in specs:
            editor = SectionEditor(section_id, title, prompt, guidance)
            editor.set_text(draft.sections.get(section_id, ""))
            editor.text_changed.connect(self._on_section_changed)
            editor.counted.connect(self._on_section_counted)
            layout.addWidget(editor)
            self.editors.append(editor)
        layout.addStretch(1)
        self.scroll.setWidget(body)  # deletes the previous body and its editors
        self.set_limit(self._max_words)
        self._update_total()

    def set_limit(self, max_words: int | None) -> None:
        """Give each section its share of the paper's word limit (None: no bars)."""
        self._max_words = max_words
        shares = {s.id: s.share for s in self.structure.sections} if self.structure else {}
        for editor in self.editors:
            share = shares.get(editor.section_id)
            budget = round(share * max_words) if max_words and share else None
            editor.set_budget(budget)

    def apply_to(self, draft: Draft) -> None:
        """Write the sections' texts into ``draft`` (keeping texts of hidden sections)."""
        for editor in self.editors:
            draft.sections[editor.section_id] = editor.text()

    def total_words(self) -> int:
        """The letter's words as papers count them: the signature or author line is left out."""
        signoff = (
            {s.id for s in self.structure.sections if s.role == "signoff"}
            if self.structure
            else set()
        )
        return sum(editor.words() for editor in self.editors if editor.section_id not in signoff)

    def _update_total(self) -> None:
        self.total_label.setText(
            self.tr("Letter: %1 (the signature does not count)").replace(
                "%1", word_count_text(self.total_words())
            )
        )

    @Slot(str)
    def _on_section_changed(self, _section_id: str) -> None:
        self.changed.emit()

    @Slot(str)
    def _on_section_counted(self, _section_id: str) -> None:
        self._update_total()
        self.counted.emit()
