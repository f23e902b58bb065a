"""The Start step's paper finder: narrow the paper list to a state, or order it by distance
from a ZIP code, as the web letter tools do, but offline.

The widget only asks; the Start page owns the paper list. A ZIP code is looked up off the UI
thread (the ZIP data takes most of a second to load the first time).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from oped_studio.gui.text import as_text


class PaperFinder(QWidget):
    """A state list and a ZIP code box, with one line saying what they found."""

    #: A two-letter state code ("" for every state).
    state_chosen = Signal(str)
    #: The writer entered a ZIP code (five digits) to find the papers nearest it.
    zip_entered = Signal(str)
    #: The writer emptied the ZIP code box: the list goes back to name order.
    zip_cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.state_box = QComboBox()
        self.state_box.setAccessibleName(self.tr("Papers in state"))
        self.state_box.addItem(self.tr("All states"), "")
        self.zip_edit = QLineEdit()
        self.zip_edit.setAccessibleName(self.tr("ZIP code"))
        self.zip_edit.setPlaceholderText(self.tr("ZIP code: nearest papers first"))
        self.zip_edit.setMaxLength(10)
        self.message = as_text(QLabel())
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Papers found"))
        row.addWidget(self.state_box)
        row.addWidget(self.zip_edit)
        row.addWidget(self.message, 1)
        self.state_box.activated.connect(self._on_state)
        self.zip_edit.returnPressed.connect(self._on_zip)
        self.zip_edit.textEdited.connect(self._on_zip_typed)

    def set_states(self, states: Iterable[tuple[str, str]]) -> None:
        """Offer these (code, name) states, keeping the one chosen if it is still there."""
        chosen = self.state_box.currentData()
        self.state_box.clear()
        self.state_box.addItem(self.tr("All states"), "")
        for code, name in states:
            self.state_box.addItem(f"{name} ({code})", code)
        index = self.state_box.findData(chosen)
        self.state_box.setCurrentIndex(max(index, 0))

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    @Slot(int)
    def _on_state(self, _index: int) -> None:
        self.zip_edit.clear()  # a state lists its papers by name, not from a ZIP code
        self.state_chosen.emit(self.state_box.currentData() or "")

    @Slot()
    def _on_zip(self) -> None:
        text = self.zip_edit.text().strip()
        if text:
            self.zip_entered.emit(text)

    @Slot(str)
    def _on_zip_typed(self, text: str) -> None:
        """Five digits are a whole ZIP code: look it up without waiting for Enter."""
        if not text.strip():
            self.zip_cleared.emit()
        elif len(text.strip()) == 5 and text.strip().isdigit():
            self.zip_entered.emit(text.strip())
