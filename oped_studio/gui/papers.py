"""The directory of papers, read off the UI thread, and the writer's own papers added to it.

The directory is read a moment after the window appears, in the thread pool, so its reading
never competes with the first paint and keystrokes; anything that needs it sooner reads it
at once (:attr:`PaperList.directory`). ``changed`` says the list is ready or was reread.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from oped_studio.core.errors import OpedError, describe_os_error
from oped_studio.gui.dialogs import Dialogs
from oped_studio.gui.workers import run_in_pool

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from oped_studio.core.outlets import Directory, Outlet
    from oped_studio.core.paths import AppPaths

log = logging.getLogger(__name__)

#: How long after the window is created the list of papers is read (in the background).
LOAD_DELAY_MS = 150


class PaperList(QObject):
    """The outlet directory in use (bundled, the kit's, and the writer's own papers)."""

    #: The papers were read (first load, a kit opened, a paper added): ``list[Outlet]``.
    changed = Signal(object)
    #: The first background read finished (the window starts its settled-down work).
    loaded = Signal()
    #: A line for the status bar, and for how long (ms).
    message = Signal(str, int)

    def __init__(self, paths: AppPaths, dialog_parent: QWidget) -> None:
        super().__init__(dialog_parent)
        self._paths = paths
        self._parent = dialog_parent
        self._directory: Directory | None = None

    def load_soon(self) -> None:
        QTimer.singleShot(LOAD_DELAY_MS, self._load)

    @Slot()
    def _load(self) -> None:
        """Read the outlet directory off the UI thread: the window takes typing meanwhile."""
        from oped_studio.core.outlets import load_directory

        paths = self._paths
        run_in_pool(lambda: load_directory(paths), self._on_loaded, self._on_failed, self)

    def _on_loaded(self, directory: Directory) -> None:
        if self._directory is None:  # unless something needed it sooner and read it itself
            self._directory = directory
        if directory.problems:  # a broken papers file: the rest are there; say what was skipped
            log.warning("problems in the papers' files: %s", directory.problems)
            self.message.emit(
                self.tr("Some papers were skipped: %1").replace("%1", str(directory.problems[0])),
                10000,
            )
        self.changed.emit(self.outlets())
        self.loaded.emit()

    def _on_failed(self, message: str) -> None:
        log.warning("could not read the outlet directory: %s", message)
        self.message.emit(
            self.tr("Could not read the list of papers: %1").replace("%1", message), 10000
        )

    @property
    def directory(self) -> Directory:
        """The directory (read now, on this thread, if the background read has not ended)."""
        if self._directory is None:
            from oped_studio.core.outlets import load_directory

            self._directory = load_directory(self._paths)
        return self._directory

    def get(self, outlet_id: str) -> Outlet | None:
        return self.directory.get(outlet_id) if outlet_id else None

    def get_if_loaded(self, outlet_id: str) -> Outlet | None:
        """The paper, if the directory was read already (never reads it: keystroke path)."""
        return self._directory.get(outlet_id) if self._directory and outlet_id else None

    def outlets(self) -> list[Outlet]:
        return list(self.directory.outlets.values())

    def by_name(self) -> list[Outlet]:
        """Every paper, sorted by name, for a list to choose from."""
        return sorted(self.outlets(), key=lambda o: o.name.casefold())

    def reload(self) -> None:
        """Read the directory again (a kit was opened, a paper added)."""
        from oped_studio.core.outlets import load_directory

        self._directory = load_directory(self._paths)
        self.changed.emit(self.outlets())

    def add_own(self) -> Outlet | None:
        """Ask for the writer's own paper and save it in their outlets file."""
        from oped_studio.core.user_outlets import save_user_outlet

        outlet = Dialogs.get_new_outlet(self._parent, self.directory.outlets)
        if outlet is None:
            return None
        title = self.tr("Could not save the paper")
        try:
            save_user_outlet(outlet, self._paths)
        except OpedError as exc:
            Dialogs.show_error(self._parent, title, str(exc))
            return None
        except OSError as exc:
            Dialogs.show_error(self._parent, title, describe_os_error(exc))
            return None
        self.reload()
        self.message.emit(self.tr("Added %1 to your papers.").replace("%1", outlet.name), 6000)
        return outlet
