"""A page for a step this version does not offer yet: it says what the step will do."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class UpcomingStepPage(QWidget):
    """Names the step and says plainly that it is not in this version yet."""

    def __init__(self, title: str, purpose: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        heading = QLabel(f"<h2>{title}</h2>")
        heading.setTextFormat(Qt.TextFormat.RichText)
        text = QLabel(purpose)
        text.setWordWrap(True)
        note = QLabel(self.tr("This step is not available in this version of OpEd Studio yet."))
        note.setWordWrap(True)
        note.setEnabled(False)
        for widget in (heading, text, note):
            layout.addWidget(widget)
        layout.addStretch(1)
