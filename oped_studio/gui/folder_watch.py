"""The event folder away (a USB stick pulled out) and back, as the window sees it.

While the folder cannot be written, the participant's draft goes on into the laptop's own
copy (the event folder's ``save_data`` keeps it there first). The participant is told once,
in a dialog, and the status bar keeps saying it; the draft is tried again every
:data:`FOLDER_RETRY_MS`, and as soon as a save goes in, the drafts kept on the laptop only go
back into the folder (``sync_back``) and the status bar says the letters are back.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from oped_studio.gui.dialogs import Dialogs
from oped_studio.gui.workers import run_in_pool

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from oped_studio.core.event import EventFolder
    from oped_studio.gui.draft_session import DraftSession

log = logging.getLogger(__name__)

#: While the event folder is away, the participant's draft is tried again this often (ms).
FOLDER_RETRY_MS = 2000


class FolderWatch(QObject):
    """Whether the event folder is away, and getting the letters back into it."""

    #: A line for the status bar, and for how long (ms; 0 until replaced).
    message = Signal(str, int)

    def __init__(self, session: DraftSession, dialog_parent: QWidget) -> None:
        super().__init__(dialog_parent)
        self._session = session
        self._parent = dialog_parent
        self._event: EventFolder | None = None
        #: The open participant's number ("" on the welcome screen).
        self.number = ""
        #: The event folder could not be reached; retried until it is back.
        self.away = False
        #: Syncs begun so far, and the first one begun since the folder went away: a sync
        #: begun before (the one at the event's start, on a slow laptop) says nothing of now.
        self._syncs = 0
        self._away_since = 0
        self._retry = QTimer(self)
        self._retry.setInterval(FOLDER_RETRY_MS)
        self._retry.timeout.connect(self._on_retry)
        session.folder_unavailable.connect(self.unavailable)
        session.folder_saved.connect(self._on_folder_saved)

    def watch(self, event: EventFolder | None) -> None:
        """Look after ``event``'s folder (None: event mode ended)."""
        self._event, self.number, self.away = event, "", False
        self._retry.stop()

    @Slot(str)
    def unavailable(self, message: str, dialog: bool = True) -> None:
        """The folder cannot be written: say it in the status bar, and once in a dialog
        (unless ``dialog`` is False: the caller says it its own way), and keep retrying."""
        keep_writing = self.tr("Keep writing: nothing is lost.")
        self.message.emit(f"{message} {keep_writing}", 0)
        if not self.away and dialog:
            Dialogs.show_error(self._parent, self.tr("The event folder is not there"), message)
        if not self.away:
            self._away_since = self._syncs + 1  # only a sync begun from now says it is back
        self.away = True
        self._retry.start()

    @Slot()
    def _on_retry(self) -> None:
        if self._event is None:
            self._retry.stop()
        elif self.number and self._session.is_dirty():
            self._session.save_again()  # its outcome says whether the folder is back
        else:
            self.sync_back_soon()

    @Slot()
    def _on_folder_saved(self) -> None:
        if self.away:
            self.sync_back_soon()

    def sync_back_soon(self) -> None:
        """Put the drafts kept on this laptop only back into the event folder, off the UI
        thread (nothing happens while it is still away)."""
        from oped_studio.core.event import FolderUnavailable

        event = self._event
        if event is None or event.mirror is None:
            return

        def job() -> list[str] | None:
            try:
                return event.sync_back()
            except FolderUnavailable:
                return None

        self._syncs += 1
        ticket = self._syncs
        run_in_pool(job, lambda copied: self._on_synced_back(copied, ticket), log.warning, self)

    def _on_synced_back(self, copied: list[str] | None, ticket: int = 0) -> None:
        from oped_studio.core.errors import OpedError
        from oped_studio.core.storage import current_stamp

        if copied is None or self._event is None:  # still away, or event mode ended
            return
        if ticket and ticket < self._away_since:
            return  # begun before the folder went away (the sync at start): it says nothing now
        if self.number in copied and not self._session.is_dirty():
            try:  # the open draft's file is the copy just put back: save over that one next
                self._session.stamp = current_stamp(self._event.draft_path(self.number))
            except OpedError as exc:
                log.warning("could not read the draft put back: %s", exc)
        if self.away:
            self.away = False
            self._retry.stop()
            self.message.emit(
                self.tr("The event folder is back: the letters are in it again."), 10000
            )
