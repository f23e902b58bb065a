"""Event mode's central widget: the welcome screen in front of the steps.

Built only when the window enters event mode (nothing of it at start-up); the window hands
it the steps' widget and takes it back when event mode ends.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QStackedWidget, QWidget

from oped_studio.gui.event_pages import EventWelcome

if TYPE_CHECKING:
    from oped_studio.core.kits import Manifest


class EventScreens(QStackedWidget):
    """The kit's welcome screen (first) and the steps a participant writes in (second)."""

    new_participant_requested = Signal()
    facilitator_requested = Signal()

    def __init__(self, manifest: Manifest, steps: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Event"))
        self.welcome = EventWelcome(manifest)
        self.addWidget(self.welcome)
        self.addWidget(steps)
        self._steps = steps
        self.welcome.new_participant_requested.connect(self.new_participant_requested)
        self.welcome.facilitator_requested.connect(self.facilitator_requested)
        self.welcome.new_button.setFocus()  # when it is shown

    @Slot()
    def show_welcome(self) -> None:
        self.setCurrentWidget(self.welcome)
        self.welcome.new_button.setFocus()

    @Slot()
    def show_steps(self) -> None:
        self.setCurrentWidget(self._steps)

    def release_steps(self) -> QWidget:
        """Give the steps' widget back (event mode ends): it is no longer this stack's."""
        self.removeWidget(self._steps)
        self._steps.setParent(None)
        return self._steps
