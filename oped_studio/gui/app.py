"""Starting the desktop app."""

from __future__ import annotations

import functools
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from oped_studio import APP_NAME, __version__

if TYPE_CHECKING:
    from oped_studio.core.paths import AppPaths
    from oped_studio.gui.main_window import MainWindow

log = logging.getLogger(__name__)


def create_application(qt_args: list[str] | None = None) -> QApplication:
    """The QApplication, created once, with the app's names set (used by Qt's settings)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else "oped-studio", *(qt_args or [])])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName("oped-studio")
    return app  # type: ignore[return-value]


def apply_saved_appearance(app: QApplication, paths: AppPaths) -> None:
    """The theme and text size from the settings (the platform's look when they are default,
    with any text colour too faint to read corrected)."""
    from oped_studio.core.settings import Settings, load_settings
    from oped_studio.gui.theme import apply_appearance, use_readable_palette

    settings = load_settings(paths)
    if (settings.theme, settings.text_size) != (Settings.theme, Settings.text_size):
        apply_appearance(app, settings.theme, settings.text_size)
    else:
        use_readable_palette(app)


def run_gui(
    paths: AppPaths,
    path: Path | None = None,
    qt_args: list[str] | None = None,
    *,
    kit=None,
    event_dir: Path | None = None,
    kit_file: Path | None = None,
) -> int:
    """Open the main window (and ``path``, if given) on the user data in ``paths`` and run
    until it closes.

    With a kit and an event folder, the window runs the event: a welcome screen and a new
    draft for each participant (after the facilitator sets the event's PIN).
    """
    from oped_studio.gui.main_window import MainWindow

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app = create_application(qt_args)
    apply_saved_appearance(app, paths)
    event = None
    if event_dir is not None:
        from oped_studio.core.event import open_event_here

        event = open_event_here(event_dir, kit, kit_file, paths)
    window = MainWindow(paths, kit=kit)
    if event is not None:
        window.enter_event(kit, event)  # as File > Run an Event does
    window.show()
    if event is not None:
        if not window.events.start_event():
            return 1
    elif path is not None:
        window.session.open_path(path)
    else:
        QTimer.singleShot(0, functools.partial(offer_at_start, window))
    return app.exec()


def offer_at_start(window: MainWindow) -> None:
    """After a crash, the draft back; otherwise the last draft, one key away (not at an event,
    nor when the command line named a draft: ``run_gui`` does not call this then)."""
    from oped_studio.core.recent import RecentFiles

    session = window.session
    if not session.offer_recovery() and not session.recovery_offered:
        recent = RecentFiles(session.paths.recent_file).load()
        window.start_page.continue_bar.offer(recent, session.is_dirty)
