"""At start, "Continue: <the last draft>", one key away, as word processors offer it.

The bar sits at the top of the Start page, where the window opens, hidden until
:meth:`ContinueBar.offer` finds a draft to offer: the most recent entry of the recent-files
list that is still a draft the app can open.
The draft is read off the UI thread, and the bar's contents are built only then, so start-up
never waits for either. Then **Enter** continues it and **Esc** puts the bar away. The bar
takes the keyboard only while the writer has not changed anything yet, and typing never
disappears into it: a character typed while it has the keyboard puts the bar away and goes on
to the field that had the keyboard before.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QApplication, QFrame, QWidget

from oped_studio.gui.text import tip
from oped_studio.gui.workers import run_in_pool

if TYPE_CHECKING:
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QLabel, QPushButton

    from oped_studio.core.recent import LastDraft

log = logging.getLogger(__name__)

#: A longer title is shortened on the button (the whole title is in its tooltip).
MAX_TITLE_SHOWN = 60


def _find_last(recent: list[Path]) -> LastDraft | None:
    from oped_studio.core.recent import last_draft

    return last_draft(recent)


class ContinueBar(QFrame):
    """The offer to go on with the last draft: "Continue: <title>" (Enter) or "Not now" (Esc)."""

    #: The writer wants to go on with the draft at this path.
    open_requested = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._busy: Callable[[], bool] = bool
        self._path: Path | None = None
        self._return_to: QWidget | None = None
        self.setObjectName("ContinueBar")
        self.setAccessibleName(self.tr("Continue where you left off"))
        self.setVisible(False)
        #: Built with the rest of the bar when there is something to offer.
        self.label: QLabel | None = None
        self.continue_button: QPushButton | None = None
        self.dismiss_button: QPushButton | None = None

    def _build(self) -> QPushButton:
        """The bar's contents (not start-up work: built when a draft is offered)."""
        from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton

        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        self.label = QLabel(self.tr("Welcome back."))
        self.continue_button = QPushButton()
        self.continue_button.setAutoDefault(True)  # Enter presses it, as in a dialog
        self.continue_button.setDefault(True)  # and it looks it
        self.dismiss_button = QPushButton(self.tr("Not now"))
        self.dismiss_button.setAccessibleName(self.tr("Not now: start a new draft"))
        self.dismiss_button.setToolTip(self.tr("Start a new draft (Esc)"))
        layout.addWidget(self.label)
        layout.addWidget(self.continue_button)
        layout.addWidget(self.dismiss_button)
        layout.addStretch(1)
        for widget in (self.continue_button, self.dismiss_button):
            widget.installEventFilter(self)
        self.continue_button.clicked.connect(self._on_continue)
        self.dismiss_button.clicked.connect(self.dismiss)
        return self.continue_button

    # -- offering ------------------------------------------------------------------------------

    def offer(self, recent: list[Path], busy: Callable[[], bool]) -> None:
        """Look for the last draft of ``recent`` (newest first; read off the UI thread) and
        offer it when found. ``busy`` says whether the writer has changed something by then:
        the bar then shows, but leaves the keyboard where it is."""
        self._busy = busy
        if recent:
            run_in_pool(functools.partial(_find_last, recent), self._on_found, log.warning, self)

    @Slot(object)
    def _on_found(self, last: LastDraft | None) -> None:
        if last is None:
            return
        self._path = last.path
        button = self.continue_button or self._build()
        title = last.title
        if len(title) > MAX_TITLE_SHOWN:
            title = title[: MAX_TITLE_SHOWN - 1] + "…"
        text = self.tr("Continue: %1").replace("%1", title)
        button.setText(text.replace("&", "&&"))  # a title's & is no shortcut
        button.setAccessibleName(text)
        button.setToolTip(tip(self.tr("Open %1 again (Enter)").replace("%1", str(last.path))))
        self.setVisible(True)
        if not self._busy():
            self._return_to = QApplication.focusWidget() or self.window().focusWidget()
            button.setFocus()

    def offered_path(self) -> Path | None:
        """The draft on offer (None when the bar is away)."""
        return None if self.isHidden() else self._path

    # -- answering -----------------------------------------------------------------------------

    @Slot()
    def _on_continue(self) -> None:
        path = self._path
        self.dismiss()
        if path is not None:
            self.open_requested.emit(path)

    @Slot()
    def dismiss(self) -> QWidget | None:
        """Put the bar away and give the keyboard back; returns the widget that has it now."""
        focus = QApplication.focusWidget()
        had_keyboard = focus is not None and self.isAncestorOf(focus)
        self.setVisible(False)
        back, self._return_to = self._return_to, None
        if had_keyboard and back is not None and back.isVisible() and back.isEnabled():
            back.setFocus()
        return QApplication.focusWidget()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        """Esc puts the bar away; a character typed while it has the keyboard goes on to the
        field that had the keyboard before (Enter and Space press the button, as usual)."""
        from PySide6.QtCore import QEvent, Qt
        from PySide6.QtGui import QKeyEvent

        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)

        if event.key() == Qt.Key.Key_Escape:
            self.dismiss()
            return True
        text = event.text()
        command = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        if text.isprintable() and text.strip() and not event.modifiers() & command:
            target = self.dismiss()
            if target is not None and not self.isAncestorOf(target):
                forwarded = QKeyEvent(
                    event.type(),
                    event.key(),
                    event.modifiers(),
                    text,
                    event.isAutoRepeat(),
                    event.count(),
                )
                QApplication.sendEvent(target, forwarded)
            return True
        return super().eventFilter(watched, event)
