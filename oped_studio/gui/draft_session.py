"""The open draft: its file, whether it changed, saving, conflicts, autosave and recovery.

One :class:`DraftSession` holds everything about the draft the window shows, as ReText's
tab object does: the draft itself, the path and the file's stamp, the modified flag, the
recovery copy written within a second of each change however steady the typing (timed and
written off the UI thread by :class:`~oped_studio.gui.autosave.Autosaver`), and the questions
asked before anything is lost (unsaved changes, a file changed by another program). It says
what happened through signals; the window shows the draft and the title, and never touches
the file itself.

The pages hold the writer's latest edits; ``collect`` (given by the window) writes them into
the draft before it is read or saved.
"""

from __future__ import annotations

import copy
import functools
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot

from oped_studio.core.draft import Draft
from oped_studio.core.errors import ConflictError, DraftFileError, OpedError, SaveError
from oped_studio.core.storage import (
    FileStamp,
    LoadedDraft,
    encode_draft,
    load_draft,
    save_draft,
    save_draft_data,
)
from oped_studio.gui.autosave import Autosaver
from oped_studio.gui.dialogs import ConflictChoice, Dialogs, UnsavedChoice

if TYPE_CHECKING:
    from datetime import datetime

    from PySide6.QtWidgets import QWidget

    from oped_studio.core.kits import Kit
    from oped_studio.core.library import DraftLibrary
    from oped_studio.core.outlets import Outlet
    from oped_studio.core.paths import AppPaths
    from oped_studio.core.recent import RecentFiles

log = logging.getLogger(__name__)


def blank_draft(paths: AppPaths, kit: Kit | None = None) -> Draft:
    """A new draft, with the contact details the writer gave last time; at an event (``kit``
    given), the kit's kind, paper and pack, and nobody's contact details."""
    if kit is not None:
        manifest = kit.manifest
        return Draft(
            kind=manifest.default_kind,
            outlet_id=manifest.default_outlet,
            pack_id=manifest.packs[0] if len(manifest.packs) == 1 else "",
        )
    from oped_studio.core.profile import load_author

    return Draft(author=load_author(paths))


class DraftSession(QObject):
    """The open draft and its file. ``dialog_parent`` only parents the questions it asks."""

    #: A different draft is open now (new, opened, recovered, handed in): show it.
    draft_replaced = Signal()
    #: The modified flag or the file name changed: update the title and the word count.
    state_changed = Signal()
    #: A line for the status bar, and for how long (ms; 0 until replaced).
    message = Signal(str, int)
    #: At an event: the participant's draft went into the event folder (after a failure too).
    folder_saved = Signal()
    #: At an event: the event folder could not be reached; the message says so (the
    #: laptop's copy holds the draft).
    folder_unavailable = Signal(str)

    def __init__(
        self,
        paths: AppPaths,
        recent: RecentFiles,
        dialog_parent: QWidget,
        *,
        collect: Callable[[Draft], None],
    ) -> None:
        super().__init__(dialog_parent)
        self._paths = paths
        self._recent = recent
        self._parent = dialog_parent
        self._collect = collect
        #: The event's kit in event mode (see :meth:`set_event_mode`), else None.
        self._event_kit: Kit | None = None
        #: At an event, ``saver(data, stamp)`` saves the participant's draft (the laptop's
        #: copy first, then the event folder); see :meth:`set_event_saver`.
        self._event_saver: Callable[[bytes, FileStamp | None], FileStamp] | None = None
        #: The revision the laptop's own copy holds while the event folder is away (-1: none).
        self._kept_here = -1
        self._library_instance: DraftLibrary | None = None
        self._draft = self.blank_draft()
        self.path: Path | None = None
        self._stamp: FileStamp | None = None
        self._dirty = False
        #: Counts the writer's changes, so a background save knows whether it holds the last.
        self._revision = 0
        self._autosave_failed = False
        #: A recovery copy was found at start and offered (taken or not).
        self.recovery_offered = False
        self._autosaver = Autosaver(self)
        self._autosaver.due.connect(self._on_copy_due)

    # -- the draft ---------------------------------------------------------------------------

    @property
    def draft(self) -> Draft:
        """The open draft, with the pages' latest edits written into it."""
        self._collect(self._draft)
        return self._draft

    @property
    def shown(self) -> Draft:
        """The open draft as the pages were last shown it (no edits collected)."""
        return self._draft

    def snapshot(self) -> Draft:
        """A copy of the draft with the latest edits, for a worker thread."""
        return copy.deepcopy(self.draft)

    def is_dirty(self) -> bool:
        return self._dirty

    def display_name(self) -> str:
        return self.path.name if self.path else self._draft.display_title()

    @property
    def stamp(self) -> FileStamp | None:
        """What the draft's file held when this session last read or wrote it (a save of it
        under way in the background, at an event, is waited for first)."""
        self._autosaver.settle()
        return self._stamp

    @stamp.setter
    def stamp(self, stamp: FileStamp | None) -> None:
        self._stamp = stamp

    def mark_changed(self) -> None:
        """The writer changed something: the recovery copy follows within a second. Cheap:
        it only starts timers (this runs on every keystroke)."""
        self._revision += 1
        if not self._dirty:
            self._set_dirty(True)
        self._autosaver.changed()

    def ignore_issue(self, source: str, rule: str, text: str) -> None:
        """The writer ignores an issue in this letter: the draft keeps it (and is saved)."""
        if self._draft.ignore_issue(source, rule, text):
            self.mark_changed()

    def ignore_rule(self, source: str, rule: str) -> None:
        """The writer ignores a rule in this letter: the draft keeps it (and is saved)."""
        if self._draft.ignore_rule(source, rule):
            self.mark_changed()

    def set_unmodified(self) -> None:
        """Take the draft as it is now as unchanged (closing then asks nothing)."""
        self._autosaver.stop()
        self._set_dirty(False)

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self.state_changed.emit()

    def replace(self, draft: Draft, path: Path | None, stamp: FileStamp | None) -> None:
        """Show ``draft`` (from ``path``, as of ``stamp``) as the open draft, unchanged."""
        self._draft = draft
        self.path = path
        self.stamp = stamp
        self._dirty = False
        self.draft_replaced.emit()
        self.state_changed.emit()

    def blank_draft(self) -> Draft:
        """A new draft as this window starts one (see :func:`blank_draft`)."""
        return blank_draft(self._paths, self._event_kit)

    @property
    def _event_mode(self) -> bool:
        return self._event_kit is not None

    def set_event_mode(self, kit: Kit | None) -> None:
        """At an event (``kit`` given) new drafts are the kit's, the participant's own file is
        saved as they type, and neither the recent list nor the contact details are kept for
        the next person; ``None`` returns to the writer's own drafts. The open draft stays:
        the caller saves it or sets it aside first."""
        self._event_kit = kit
        self._event_saver = None

    def set_event_saver(self, saver: Callable[[bytes, FileStamp | None], FileStamp] | None) -> None:
        """At an event the participant's draft is saved as they type through ``saver(data,
        stamp)`` (the event folder's ``save_data``: the laptop's copy first, then the folder),
        not straight into its file."""
        self._event_saver = saver

    def save_again(self) -> None:
        """Try the participant's save once more (the event folder was away), unless nothing
        is waiting or a save is under way."""
        if not self._autosaver.is_writing():
            self._write_copy(wait=False)

    @property
    def paths(self) -> AppPaths:
        """The user data folders this window works in."""
        return self._paths

    @property
    def library(self) -> DraftLibrary:
        if self._library_instance is None:
            from oped_studio.core.library import DraftLibrary

            self._library_instance = DraftLibrary(self._paths)
        return self._library_instance

    # -- new, open, save ---------------------------------------------------------------------

    def new(self) -> bool:
        if not self.may_discard():
            return False
        self.forget_recovery()
        self.replace(self.blank_draft(), None, None)
        return True

    def open_path(self, path: Path) -> bool:
        """Open the draft at ``path`` (asking first about unsaved changes)."""
        if not self.may_discard():
            return False
        try:
            loaded = load_draft(path)
        except DraftFileError as exc:
            Dialogs.show_error(self._parent, self.tr("Cannot open draft"), str(exc))
            return False
        self.adopt(loaded)
        if loaded.migrated_from is not None:
            self.message.emit(
                self.tr("Opened a draft from an older version; saving will update its format."),
                8000,
            )
        return True

    @Slot()
    def ask_and_open(self) -> None:
        """File > Open: ask which draft, starting in the open draft's folder."""
        folder = self.path.parent if self.path else self._paths.drafts
        path = Dialogs.get_open_path(self._parent, folder if folder.is_dir() else Path.home())
        if path is not None:
            self.open_path(path)

    def open_recent(self, path: Path) -> None:
        """Open a draft from the recent list, which forgets a draft that is gone."""
        if not path.exists():
            Dialogs.show_error(
                self._parent,
                self.tr("Cannot open draft"),
                self.tr("%1 no longer exists; it was moved or deleted.").replace("%1", str(path)),
            )
            try:
                self._recent.remove(path)
            except OpedError as exc:
                log.warning("could not update the recent-files list: %s", exc)
            return
        self.open_path(path)

    @Slot()
    def clear_recent(self) -> None:
        try:
            self._recent.clear()
        except OpedError as exc:
            Dialogs.show_error(self._parent, self.tr("Could not clear the list"), str(exc))

    def choose_from_library(self, outlet: Callable[[str], Outlet | None]) -> None:
        """File > Drafts Library: open the draft the writer picks (``outlet`` names papers)."""

        def outlet_name(outlet_id: str) -> str:
            found = outlet(outlet_id)
            return found.name if found else outlet_id

        path = Dialogs.choose_from_library(
            self._parent, self.library, self._recent.load(), self.path, outlet_name
        )
        if path is not None and (self.path is None or path.resolve() != self.path):
            self.open_path(path)

    def adopt(self, loaded: LoadedDraft) -> None:
        """Make a draft loaded (or just created) from a file the open draft."""
        self.forget_recovery()
        path = loaded.path.resolve()
        self.replace(loaded.draft, path, loaded.stamp)
        self._remember(path)

    def _remember(self, path: Path) -> None:
        if self._event_mode:
            return  # no recent list on shared laptops
        try:
            self._recent.add(path)
        except OpedError as exc:  # the recent list is a convenience; never block on it
            log.warning("could not update the recent-files list: %s", exc)

    def save(self) -> bool:
        """Save to the current file, or ask where (returns False if nothing was saved)."""
        if self.path is None:
            return self.save_as()
        return self._save_to(self.path, self.stamp)

    def save_as(self) -> bool:
        suggested = self.path
        if suggested is None:
            try:
                suggested = self.library.path_for(self._draft)
            except OpedError:
                suggested = Path.home() / "letter.oped"
        path = Dialogs.get_save_path(self._parent, suggested)
        if path is None:
            return False
        path = path.resolve()
        if path == self.path:
            return self._save_to(path, self.stamp)
        # The file dialog has already asked whether to replace an existing file.
        return self._save_to(path, None, overwrite=True)

    def _save_to(
        self, path: Path, expected: FileStamp | None, overwrite: bool = False, quiet: bool = False
    ) -> bool:
        self._autosaver.settle()  # never two writes of one file at once
        draft = self.draft
        try:
            stamp = save_draft(draft, path, expected=expected, overwrite=overwrite)
        except ConflictError:
            choice = Dialogs.ask_conflict(self._parent, path)
            if choice is ConflictChoice.OVERWRITE:
                return self._save_to(path, expected, overwrite=True)
            if choice is ConflictChoice.SAVE_AS:
                return self.save_as()
            return False
        except SaveError as exc:
            Dialogs.show_error(self._parent, self.tr("Could not save"), str(exc))
            return False
        self.path = path
        self.stamp = stamp
        self._set_dirty(False)
        self.forget_recovery()
        self._remember(path)
        self.remember_author()
        if not quiet:
            self.message.emit(self.tr("Saved %1").replace("%1", str(path)), 4000)
        return True

    def may_discard(self) -> bool:
        """True when the open draft may be replaced (saved, discarded, or unchanged). At an
        event whose folder is away, a letter the laptop's own copy holds as it is now needs
        no question: "Save" could not reach the folder either, and nothing would be lost."""
        if not self._dirty:
            return True
        if self._event_saver is not None and self._kept_here == self._revision:
            self.message.emit(
                self.tr(
                    "The letter is kept on this laptop; it goes back into the event folder "
                    "when this laptop next runs the event with the folder there."
                ),
                8000,
            )
            return True
        choice = Dialogs.ask_unsaved(self._parent, self.display_name())
        if choice is UnsavedChoice.SAVE:
            return self.save()
        return choice is UnsavedChoice.DISCARD

    def remember_author(self) -> None:
        """Keep the contact block for the next draft (never at an event)."""
        from oped_studio.core.profile import save_author

        if self._event_mode:
            return  # shared laptops: nobody's details are kept for the next person
        try:
            save_author(self._draft.author, self._paths)
        except (OpedError, OSError) as exc:  # a convenience: never block saving on it
            log.warning("could not remember the contact details: %s", exc)

    def start_over(self) -> None:
        """A blank draft, with no file (a participant handed in: the next one starts)."""
        self._autosaver.settle()
        self._autosaver.stop()
        self.replace(self.blank_draft(), None, None)

    def close(self) -> None:
        """The window closes: nothing is left to recover next time."""
        self.forget_recovery()

    # -- autosave and recovery ---------------------------------------------------------------

    @Slot()
    def autosave(self) -> None:
        """Write the recovery copy now (at an event, the participant's own file; the file the
        writer chose is touched only by Save) and return when it is on disk."""
        self._autosaver.stop()
        self._write_copy(wait=True)

    @Slot()
    def _on_copy_due(self) -> None:
        self._write_copy(wait=False)

    def _write_copy(self, *, wait: bool) -> None:
        """Make the draft's bytes here (the pages are read on the UI thread) and have the
        autosaver write them, in its thread unless ``wait``."""
        from oped_studio.core.recovery import write_recovery_data

        if not self._dirty:
            return
        self._autosaver.settle()  # the stamp below must be the one the last write left
        draft = self.draft
        if self._event_mode and self.path is not None:
            before, revision = draft.modified, self._revision
            draft.touch()
            if self._event_saver is not None:
                job = functools.partial(self._event_saver, encode_draft(draft), self._stamp)
            else:
                job = functools.partial(
                    save_draft_data, encode_draft(draft), self.path, expected=self._stamp
                )
            done = functools.partial(self._on_file_saved, draft, self.path, revision, before)
            self._autosaver.write(job, done, wait=wait)
            return
        data = encode_draft(draft)
        job = functools.partial(write_recovery_data, self._paths, draft.id, data, self.path)
        self._autosaver.write(job, self._on_copy_written, wait=wait)

    def _on_copy_written(self, _copy: Path | None, error: BaseException | None) -> None:
        if error is None:
            self._autosave_failed = False
            return
        log.warning("autosave failed: %s", error)
        if not self._autosave_failed:
            self.message.emit(
                self.tr("Could not keep a recovery copy: %1").replace("%1", str(error)), 10000
            )
        self._autosave_failed = True

    def _on_file_saved(
        self,
        draft: Draft,
        path: Path,
        revision: int,
        before: datetime,
        stamp: FileStamp | None,
        error: BaseException | None,
    ) -> None:
        """A participant's file was saved in the background (or could not be)."""
        from oped_studio.core.event import FolderUnavailable

        if error is None:
            self._autosave_failed = False
            self.folder_saved.emit()
            if draft is self._draft and path == self.path:
                self._stamp = stamp
                if revision == self._revision:
                    self._set_dirty(False)  # nothing was typed while it was written
            return
        if draft is self._draft:
            draft.modified = before
        if isinstance(error, ConflictError) and path == self.path and draft is self._draft:
            self._save_to(path, self._stamp, quiet=True)  # asks what to do, as Save does
            return
        log.warning("autosave of %s failed: %s", path, error)
        if isinstance(error, FolderUnavailable):  # the laptop's copy holds it: say so, go on
            if error.kept_here and draft is self._draft and revision == self._revision:
                self._kept_here = revision  # nothing typed since: safe on this laptop
            self.folder_unavailable.emit(str(error))
            return
        if not self._autosave_failed:
            Dialogs.show_error(self._parent, self.tr("Could not save"), str(error))
        self._autosave_failed = True

    def forget_recovery(self) -> None:
        from oped_studio.core.recovery import clear_recovery

        self._autosaver.settle()  # a copy being written now would outlive its deletion
        self._autosaver.stop()
        try:
            clear_recovery(self._paths, self._draft.id)
        except OSError as exc:
            log.warning("could not remove the recovery copy: %s", exc)

    def offer_recovery(self) -> bool:
        """If the app did not close normally, offer the newest recovered draft back."""
        from oped_studio.core.recovery import find_recovered
        from oped_studio.core.storage import current_stamp

        recovered = find_recovered(self._paths)
        if not recovered:
            return False
        self.recovery_offered = True
        newest = recovered[0]
        when = newest.saved.astimezone().strftime("%H:%M on %b %d")
        if not Dialogs.ask_recover(self._parent, newest.draft.display_title(), when):
            try:
                self.library.delete(
                    newest.copy, known=[newest.copy]
                )  # to the trash: recoverable, never deleted
            except OpedError as exc:
                log.warning("could not move the recovery copy to the trash: %s", exc)
            return False
        path = newest.original.resolve() if newest.original else None
        try:
            stamp = current_stamp(path) if path else None
        except OpedError:
            stamp = None
        self.replace(newest.draft, path, stamp)
        self._set_dirty(True)
        self.message.emit(self.tr("Recovered your draft. Save it to keep it."), 10000)
        return True
