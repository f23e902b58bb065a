"""Event mode's central widget: the welcome screen in front of the steps.

Built only when the window enters event mode (nothing of it at start-up); the window hands
it the steps' widget and takes it back when event mode ends.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from oped_studio.gui.event_pages import EventWelcome
from oped_studio.gui.text import as_text

if TYPE_CHECKING:
    from oped_studio.core.kits import Manifest


class EventScreens(QStackedWidget):
    """The kit's welcome screen (first) and the steps a participant writes in (second), with
    a line under them saying whose letter it is (number, laptop and code: the participant is
    the one at the keyboard)."""

    new_participant_requested = Signal()
    resume_requested = Signal()
    facilitator_requested = Signal()

    def __init__(self, manifest: Manifest, steps: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Event"))
        self.welcome = EventWelcome(manifest)
        self.addWidget(self.welcome)
        self._writing = QWidget()
        column = QVBoxLayout(self._writing)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(steps, 1)
        self.who_label = as_text(QLabel())
        self.who_label.setAccessibleName(self.tr("Your number and code"))
        self.who_label.setContentsMargins(8, 0, 8, 4)
        column.addWidget(self.who_label)
        self.addWidget(self._writing)
        self._steps = steps
        self.welcome.new_participant_requested.connect(self.new_participant_requested)
        self.welcome.resume_requested.connect(self.resume_requested)
        self.welcome.facilitator_requested.connect(self.facilitator_requested)
        self.welcome.new_button.setFocus()  # when it is shown

    @Slot()
    def show_welcome(self) -> None:
        self.setCurrentWidget(self.welcome)
        self.welcome.new_button.setFocus()

    @Slot()
    def show_steps(self) -> None:
        self.setCurrentWidget(self._writing)

    def set_laptop(self, label: str) -> None:
        self.welcome.set_laptop(label)

    def show_who(self, text: str) -> None:
        """The line under the steps: "Participant 3 on HALL-2 · code K7Q-M4T" ("" hides it)."""
        self.who_label.setText(text)
        self.who_label.setVisible(bool(text))

    def release_steps(self) -> QWidget:
        """Give the steps' widget back (event mode ends): it is no longer this stack's."""
        self._steps.setParent(None)
        return self._steps
