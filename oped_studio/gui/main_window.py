"""The main window: menus, the step navigation, and the one place where pages are wired up.

The window owns the open draft, its file path and the file's stamp; the pages only show a
draft and write the writer's edits back into it (``show_draft`` / ``apply_to``) and say when
something changed (``changed``). Every file operation goes through the core's storage, and
every question to the user through :class:`~oped_studio.gui.dialogs.Dialogs`.
"""

from __future__ import annotations

import copy
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Slot
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from oped_studio import APP_NAME, __version__
from oped_studio.core.draft import DEFAULT_STRUCTURE, Draft
from oped_studio.core.errors import ConflictError, DraftFileError, OpedError, SaveError
from oped_studio.core.paths import AppPaths
from oped_studio.core.recent import RecentFiles
from oped_studio.core.storage import FileStamp, LoadedDraft, load_draft, save_draft
from oped_studio.gui.dialogs import ConflictChoice, Dialogs, UnsavedChoice
from oped_studio.gui.pages.start import StartPage
from oped_studio.gui.text import word_count_text
from oped_studio.gui.workers import run_in_pool

if TYPE_CHECKING:  # imported where used: only the Start step is start-up work
    from PySide6.QtGui import QCloseEvent

    from oped_studio.checks.engine import CheckReport, CheckRequest
    from oped_studio.core.event import EventFolder, Participant
    from oped_studio.core.kits import Kit
    from oped_studio.core.library import DraftLibrary
    from oped_studio.core.outlets import Directory, Outlet
    from oped_studio.core.packs import Pack
    from oped_studio.export.exporter import ExportResult
    from oped_studio.gui.pages.export import ExportPage
    from oped_studio.gui.pages.points import TalkingPointsPage
    from oped_studio.gui.pages.review import ReviewPage
    from oped_studio.gui.pages.write import WritePage

log = logging.getLogger(__name__)

#: How long after the last change the recovery copy is written (at most a second's typing
#: can be lost in a crash).
AUTOSAVE_DELAY_MS = 700
#: How long after the last change the checks run again (they run off the UI thread).
LIVE_CHECK_DELAY_MS = 800
#: How long after the window is created the list of papers is read (in the background).
LOAD_DELAY_MS = 150
#: How long after start-up the grammar engine starts loading in the background.
WARM_UP_DELAY_MS = 1500
#: Above this many characters (far beyond any paper's limit: a paste gone wrong, say) the
#: Write step stops checking as the writer types; the Review step still checks on request.
LIVE_CHECK_MAX = 50_000
#: How long after the last change the Write step's preview is redrawn.
PREVIEW_DELAY_MS = 250

#: The steps, in order: (key, title). Pages other than Start are built on first use.
STEP_KEYS = ("start", "points", "write", "review", "export")


class MainWindow(QMainWindow):
    """OpEd Studio's window: a step list on the left, the current step's page on the right."""

    def __init__(
        self,
        paths: AppPaths,
        parent: QWidget | None = None,
        *,
        kit: Kit | None = None,
        event: EventFolder | None = None,
        warm_up: bool = True,
    ) -> None:
        super().__init__(parent)
        self._paths = paths
        #: Start the grammar engine in the background once the window has settled (tests
        #: that check start it themselves).
        self._warm_up = warm_up
        self._kit = kit
        #: Event mode (``--kit FILE --event DIR``): participants take turns on this laptop.
        self._event = event
        self._participant: Participant | None = None
        self._library_instance: DraftLibrary | None = None
        self._recent = RecentFiles(paths.recent_file)
        self._draft = self._blank_draft()
        self._path: Path | None = None
        self._stamp: FileStamp | None = None
        self._directory: Directory | None = None
        self._autosave_failed = False
        self._checker = None  # built on first use, in a worker thread's first job
        self._check_job = 0
        self._check_running = False
        self._check_again = False
        self._checked_request: CheckRequest | None = None
        self._checked_report: CheckReport | None = None
        self._ignored: set[tuple[str, str, str]] = set()
        #: Autosave waits for a short pause in typing, then writes the recovery copy.
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setSingleShot(True)
        self._autosave_timer.setInterval(AUTOSAVE_DELAY_MS)
        self._autosave_timer.timeout.connect(self._autosave)
        #: Checks and the preview follow the writer a moment after each pause.
        self._check_timer = self._single_shot(LIVE_CHECK_DELAY_MS, self._on_live_check)
        self._preview_timer = self._single_shot(PREVIEW_DELAY_MS, self._refresh_preview)

        self.setObjectName("MainWindow")
        self.resize(1120, 720)
        self.setMinimumSize(720, 480)

        self.start_page = StartPage()
        self._pages: dict[str, QWidget] = {"start": self.start_page}
        self._step_titles = [
            self.tr("Start"),
            self.tr("Talking points"),
            self.tr("Write"),
            self.tr("Review"),
            self.tr("Export"),
        ]

        self.step_list = QListWidget()
        self.step_list.setAccessibleName(self.tr("Steps"))
        self.step_list.setMaximumWidth(240)
        self.step_list.setMinimumWidth(160)
        self.stack = QStackedWidget()
        self.stack.setAccessibleName(self.tr("Current step"))
        for number, (key, title) in enumerate(
            zip(STEP_KEYS, self._step_titles, strict=True), start=1
        ):
            self.step_list.addItem(QListWidgetItem(f"{number}. {title}"))
            # Until first visited, a step is an empty placeholder (see _page).
            self.stack.addWidget(self._pages.get(key) or QWidget())
        self.step_list.setStyleSheet("QListWidget::item { padding: 8px 10px; }")
        self.step_list.currentRowChanged.connect(self._on_step_changed)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.step_list, 1)
        self.done_button = QPushButton(self.tr("I'm &done"))
        self.done_button.setAccessibleName(self.tr("I'm done: hand in my letter"))
        self.done_button.setMinimumHeight(40)
        self.done_button.setVisible(event is not None)
        self.done_button.clicked.connect(self._on_done)
        side_layout.addWidget(self.done_button)
        side.setMaximumWidth(240)
        splitter = QSplitter()  # horizontal
        splitter.addWidget(side)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([200, 920])
        if event is None:
            self.setCentralWidget(splitter)
        else:
            from oped_studio.gui.event_pages import EventWelcome

            self.modes = QStackedWidget()
            self.welcome = EventWelcome(kit.manifest)
            self.welcome.new_participant_requested.connect(self._on_new_participant)
            self.welcome.facilitator_requested.connect(self._on_facilitator)
            self.modes.addWidget(self.welcome)
            self.modes.addWidget(splitter)
            self.setCentralWidget(self.modes)

        self.words_label = QLabel()
        self.words_label.setAccessibleName(self.tr("Word count"))
        self.statusBar().addPermanentWidget(self.words_label)

        self._create_actions()
        self._create_menus()

        self.start_page.changed.connect(self._on_page_changed)
        self.start_page.kind_changed.connect(self._on_kind_changed)
        self.start_page.add_outlet_requested.connect(self._on_add_outlet)

        self._show_draft()
        self.step_list.setCurrentRow(0)
        # The outlet directory is read off the UI thread a moment after the window appears,
        # so its reading never competes with the first paint and keystrokes (a paper typed
        # before it arrives is matched when it does).
        QTimer.singleShot(LOAD_DELAY_MS, self._load_content)

    def _single_shot(self, interval: int, slot) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(interval)
        timer.timeout.connect(slot)
        return timer

    @Slot()
    def _load_content(self) -> None:
        """Read the outlet directory off the UI thread: the window takes typing meanwhile."""
        from oped_studio.core.outlets import load_directory

        run_in_pool(load_directory, self._on_directory_loaded, self._on_directory_failed, self)

    def _on_directory_loaded(self, directory: Directory) -> None:
        if self._directory is None:  # unless something needed it sooner and read it itself
            self._directory = directory
        self.start_page.set_outlets(list(self._directory.outlets.values()))
        self._refresh_budgets()
        if self._warm_up:
            QTimer.singleShot(WARM_UP_DELAY_MS, self._warm_up_checks)
        if self._event is None:  # after the window has settled: it is no start-up work
            QTimer.singleShot(WARM_UP_DELAY_MS, self._remind_overdue)

    @Slot()
    def _remind_overdue(self) -> None:
        """A letter whose paper's usual reply time has passed may go elsewhere: say so."""
        from oped_studio.core.submissions import SubmissionLog

        try:
            late = SubmissionLog().overdue(self._directory)
        except OpedError as exc:
            log.warning("%s", exc)
            return
        if late:
            first = late[0]
            self.statusBar().showMessage(
                self.tr(
                    "No answer from %1 about “%2” since %3: its usual time has passed, so you "
                    "may send it to another paper (File > Drafts Library shows the log)."
                )
                .replace("%1", first.outlet_name)
                .replace("%2", first.title)
                .replace("%3", str(first.sent_on)),
                20000,
            )

    @Slot()
    def _warm_up_checks(self) -> None:
        """Start the offline grammar engine in the background (about a second, once), so the
        first check on the Write step is quick."""
        from oped_studio.checks.harper_engine import HarperEngine

        run_in_pool(HarperEngine.shared().start, lambda _: None, log.warning, self)

    def _on_directory_failed(self, message: str) -> None:
        log.warning("could not read the outlet directory: %s", message)
        self.statusBar().showMessage(
            self.tr("Could not read the list of papers: %1").replace("%1", message), 10000
        )

    @Slot()
    def _on_add_outlet(self) -> None:
        """The writer's own paper: saved in their outlets file, then chosen for this draft."""
        from oped_studio.core.outlets import load_directory, save_user_outlet

        self.outlet()  # the directory, to know which ids are taken
        outlet = Dialogs.get_new_outlet(self, self._directory.outlets)
        if outlet is None:
            return
        try:
            save_user_outlet(outlet)
        except OpedError as exc:
            Dialogs.show_error(self, self.tr("Could not save the paper"), str(exc))
            return
        except OSError as exc:
            from oped_studio.core.errors import describe_os_error

            Dialogs.show_error(self, self.tr("Could not save the paper"), describe_os_error(exc))
            return
        self._directory = load_directory()
        self.start_page.set_outlets(list(self._directory.outlets.values()))
        self.start_page.choose_outlet(outlet.id)
        self._refresh_budgets()
        self.statusBar().showMessage(
            self.tr("Added %1 to your papers.").replace("%1", outlet.name), 6000
        )

    # -- the steps' pages, built on first use ----------------------------------------------------

    def _page(self, key: str) -> QWidget:
        """The page of step ``key``, built (and shown the open draft) the first time it is used."""
        page = self._pages.get(key)
        if page is not None:
            return page
        self._collect()  # the pages already built hold the writer's latest edits
        page = getattr(self, f"_build_{key}_page")()
        self._pages[key] = page
        row = STEP_KEYS.index(key)
        placeholder = self.stack.widget(row)
        current = self.stack.currentIndex()
        self.stack.insertWidget(row, page)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        self.stack.setCurrentIndex(current)
        return page

    def _built(self, key: str) -> QWidget | None:
        return self._pages.get(key)

    @property
    def points_page(self) -> TalkingPointsPage:
        return self._page("points")  # type: ignore[return-value]

    @property
    def write_page(self) -> WritePage:
        return self._page("write")  # type: ignore[return-value]

    @property
    def review_page(self) -> ReviewPage:
        return self._page("review")  # type: ignore[return-value]

    @property
    def export_page(self) -> ExportPage:
        return self._page("export")  # type: ignore[return-value]

    def _build_points_page(self) -> QWidget:
        from oped_studio.core.packs import discover_packs
        from oped_studio.gui.pages.points import TalkingPointsPage

        page = TalkingPointsPage()
        page.show_draft(self._draft)
        page.set_packs(discover_packs())
        page.changed.connect(self._on_page_changed)
        return page

    def _build_write_page(self) -> QWidget:
        from oped_studio.gui.pages.write import WritePage

        page = WritePage()
        page.show_draft(self._draft)
        page.changed.connect(self._on_page_changed)
        page.counted.connect(self._update_words)
        page.facts_requested.connect(self._on_facts_requested)
        page.preview_requested.connect(self._refresh_preview)
        self._pages["write"] = page  # _refresh_budgets reads it
        self._refresh_budgets()
        self._preview_timer.start()
        return page

    def _build_review_page(self) -> QWidget:
        from oped_studio.gui.pages.review import ReviewPage

        page = ReviewPage()
        page.apply_requested.connect(self._on_apply_suggestion)
        page.ignore_requested.connect(self._on_ignore_issue)
        page.ignore_rule_requested.connect(self._on_ignore_rule)
        page.add_word_requested.connect(self._on_add_word)
        return page

    def _build_export_page(self) -> QWidget:
        from oped_studio.export.pdf import pdf_available
        from oped_studio.gui.pages.export import ExportPage

        page = ExportPage(pdf_available())
        page.export_requested.connect(self._on_export_requested)
        page.copy_requested.connect(self._on_copy_text)
        page.print_requested.connect(self._on_print)
        page.sent_requested.connect(self._on_sent)
        return page

    @property
    def _library(self) -> DraftLibrary:
        if self._library_instance is None:
            from oped_studio.core.library import DraftLibrary

            self._library_instance = DraftLibrary(self._paths)
        return self._library_instance

    # -- construction ------------------------------------------------------------------------

    def _action(self, text: str, slot, shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(text, self)
        # setShortcuts, not setShortcut: the latter's overloads load Qt's whole ``Qt``
        # namespace (about 25 ms) at start-up.
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)  # the platform's bindings, all of them
        elif shortcut is not None:
            action.setShortcuts([QKeySequence(shortcut)])
        action.triggered.connect(slot)
        return action

    def _create_actions(self) -> None:
        std = QKeySequence.StandardKey
        self.new_action = self._action(self.tr("&New"), self._on_new, std.New)
        self.open_action = self._action(self.tr("&Open…"), self._on_open, std.Open)
        self.save_action = self._action(self.tr("&Save"), self._on_save, std.Save)
        self.save_as_action = self._action(self.tr("Save &As…"), self._on_save_as, "Ctrl+Shift+S")
        self.quit_action = self._action(self.tr("&Quit"), self.close, "Ctrl+Q")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.library_action = self._action(
            self.tr("Drafts &Library…"), self._on_library, "Ctrl+Shift+O"
        )
        self.open_kit_action = self._action(self.tr("Open &Kit…"), self._on_open_kit)
        self.build_kit_action = self._action(self.tr("&Build a Kit…"), self._on_build_kit)
        self.handouts_action = self._action(self.tr("&Handouts from a Kit…"), self._on_handouts)
        self.facilitator_action = self._action(
            self.tr("&Facilitator View…"), self._on_facilitator, "Ctrl+Shift+F"
        )
        self.settings_action = self._action(
            self.tr("Se&ttings…"), self._on_settings, std.Preferences
        )
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        # Edit actions act on the field that has the focus (its own shortcuts work too).
        self.edit_actions: dict[str, QAction] = {}
        for method, text, key in (
            ("undo", self.tr("&Undo"), std.Undo),
            ("redo", self.tr("&Redo"), std.Redo),
            ("cut", self.tr("Cu&t"), std.Cut),
            ("copy", self.tr("&Copy"), std.Copy),
            ("paste", self.tr("&Paste"), std.Paste),
            ("selectAll", self.tr("Select &All"), std.SelectAll),
        ):
            self.edit_actions[method] = self._action(text, self._edit_slot(method), key)
        self.about_action = self._action(self.tr("&About OpEd Studio"), self._on_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.step_actions: list[QAction] = []
        for number, title in enumerate(self._step_titles, start=1):
            action = self._action(
                f"&{number} {title}", self._go_to_step_slot(number - 1), f"Ctrl+{number}"
            )
            self.step_actions.append(action)

    def _edit_slot(self, method: str):
        def run() -> None:
            widget = QApplication.focusWidget()
            func = getattr(widget, method, None)
            if callable(func):
                func()

        return run

    @Slot()
    def _update_edit_actions(self) -> None:
        """Enable what the focused field can do (undo only with something to undo...)."""
        widget = QApplication.focusWidget()
        document = widget.document() if isinstance(widget, QPlainTextEdit | QTextEdit) else None
        for method, action in self.edit_actions.items():
            action.setEnabled(callable(getattr(widget, method, None)))
        if document is not None:
            self.edit_actions["undo"].setEnabled(document.isUndoAvailable())
            self.edit_actions["redo"].setEnabled(document.isRedoAvailable())
            read_only = widget.isReadOnly()
            has_selection = widget.textCursor().hasSelection()
        elif isinstance(widget, QLineEdit):
            self.edit_actions["undo"].setEnabled(widget.isUndoAvailable())
            self.edit_actions["redo"].setEnabled(widget.isRedoAvailable())
            read_only = widget.isReadOnly()
            has_selection = widget.hasSelectedText()
        else:
            return
        self.edit_actions["cut"].setEnabled(has_selection and not read_only)
        self.edit_actions["copy"].setEnabled(has_selection)
        self.edit_actions["paste"].setEnabled(not read_only)
        if read_only:
            self.edit_actions["undo"].setEnabled(False)
            self.edit_actions["redo"].setEnabled(False)

    def _go_to_step_slot(self, row: int):
        def go() -> None:
            self.step_list.setCurrentRow(row)

        return go

    def _create_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.open_action)
        self.recent_menu = QMenu(self.tr("Open &Recent"), self)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.save_as_action)
        file_menu.addSeparator()
        file_menu.addAction(self.library_action)
        file_menu.addAction(self.open_kit_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        for method in ("undo", "redo", None, "cut", "copy", "paste", None, "selectAll"):
            if method is None:
                self.edit_menu.addSeparator()
            else:
                self.edit_menu.addAction(self.edit_actions[method])
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.settings_action)
        self.edit_menu.aboutToShow.connect(self._update_edit_actions)
        steps_menu = self.menuBar().addMenu(self.tr("&Steps"))
        for action in self.step_actions:
            steps_menu.addAction(action)
        facilitator_menu = self.menuBar().addMenu(self.tr("F&acilitator"))
        facilitator_menu.addAction(self.build_kit_action)
        facilitator_menu.addAction(self.handouts_action)
        facilitator_menu.addAction(self.facilitator_action)
        self.facilitator_action.setVisible(self._event is not None)
        if self._event is not None:  # a participant never reaches another's draft
            for action in (
                self.new_action,
                self.open_action,
                self.save_as_action,
                self.library_action,
                self.open_kit_action,
                self.recent_menu.menuAction(),
            ):
                action.setVisible(False)
                action.setEnabled(False)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)

    # -- the open draft -------------------------------------------------------------------

    @property
    def draft(self) -> Draft:
        """The open draft, with the pages' latest edits written into it."""
        self._collect()
        return self._draft

    @property
    def path(self) -> Path | None:
        return self._path

    def is_dirty(self) -> bool:
        return self.isWindowModified()

    def _collect(self) -> None:
        """Write the built pages' values into the draft (a page not built holds no edits)."""
        for key in ("start", "points", "write"):
            page = self._built(key)
            if page is not None:
                page.apply_to(self._draft)

    def _show_draft(self) -> None:
        for key in ("start", "points", "write"):
            page = self._built(key)
            if page is not None:
                page.show_draft(self._draft)
        self._checked_request = self._checked_report = None
        self._refresh_budgets()
        self._set_dirty(False)
        self._preview_timer.start()

    def _set_dirty(self, dirty: bool) -> None:
        self.setWindowModified(dirty)
        self._update_title()
        self._update_words()

    def _display_name(self) -> str:
        return self._path.name if self._path else self._draft.display_title()

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self._display_name()}[*] — {APP_NAME}")

    @Slot()
    def _update_words(self) -> None:
        write = self._built("write")
        if write is not None:
            words = write.total_words()
        elif any(self._draft.sections.values()):
            from oped_studio.core.letter_text import counted_words

            words = counted_words(self._draft)
        else:
            words = 0
        self.words_label.setText(word_count_text(words))

    # -- file operations ------------------------------------------------------------------

    def new_draft(self) -> bool:
        if not self._may_discard():
            return False
        self._forget_recovery()
        self._draft = self._blank_draft()
        self._path = None
        self._stamp = None
        self._show_draft()
        self.step_list.setCurrentRow(0)
        return True

    def open_path(self, path: Path) -> bool:
        """Open the draft at ``path`` (asking first about unsaved changes)."""
        if not self._may_discard():
            return False
        try:
            loaded = load_draft(path)
        except DraftFileError as exc:
            Dialogs.show_error(self, self.tr("Cannot open draft"), str(exc))
            return False
        self._adopt(loaded)
        if loaded.migrated_from is not None:
            self.statusBar().showMessage(
                self.tr("Opened a draft from an older version; saving will update its format."),
                8000,
            )
        return True

    def _adopt(self, loaded: LoadedDraft) -> None:
        self._forget_recovery()
        self._draft = loaded.draft
        self._path = loaded.path.resolve()
        self._stamp = loaded.stamp
        self._show_draft()
        self._remember(self._path)

    def _remember(self, path: Path) -> None:
        if self._event is not None:
            return  # no recent list on shared laptops
        try:
            self._recent.add(path)
        except OpedError as exc:  # the recent list is a convenience; never block on it
            log.warning("could not update the recent-files list: %s", exc)

    def save(self) -> bool:
        """Save to the current file, or ask where (returns False if nothing was saved)."""
        if self._path is None:
            return self.save_as()
        return self._save_to(self._path, self._stamp)

    def save_as(self) -> bool:
        suggested = self._path
        if suggested is None:
            try:
                suggested = self._library.path_for(self._draft)
            except OpedError:
                suggested = Path.home() / "letter.oped"
        path = Dialogs.get_save_path(self, suggested)
        if path is None:
            return False
        path = path.resolve()
        if path == self._path:
            return self._save_to(path, self._stamp)
        # The file dialog has already asked whether to replace an existing file.
        return self._save_to(path, None, overwrite=True)

    def _save_to(
        self, path: Path, expected: FileStamp | None, overwrite: bool = False, quiet: bool = False
    ) -> bool:
        self._collect()
        try:
            stamp = save_draft(self._draft, path, expected=expected, overwrite=overwrite)
        except ConflictError:
            choice = Dialogs.ask_conflict(self, path)
            if choice is ConflictChoice.OVERWRITE:
                return self._save_to(path, expected, overwrite=True)
            if choice is ConflictChoice.SAVE_AS:
                return self.save_as()
            return False
        except SaveError as exc:
            Dialogs.show_error(self, self.tr("Could not save"), str(exc))
            return False
        self._path = path
        self._stamp = stamp
        self._set_dirty(False)
        self._forget_recovery()
        self._remember(path)
        self._remember_author()
        if not quiet:
            self.statusBar().showMessage(self.tr("Saved %1").replace("%1", str(path)), 4000)
        return True

    def _blank_draft(self) -> Draft:
        """A new draft, with the contact details the writer gave last time (at an event: the
        kit's kind, paper and pack, and nobody's contact details)."""
        if self._event is not None and self._kit is not None:
            manifest = self._kit.manifest
            return Draft(
                kind=manifest.default_kind,
                outlet_id=manifest.default_outlet,
                pack_id=manifest.packs[0] if len(manifest.packs) == 1 else "",
            )
        from oped_studio.core.profile import load_author

        return Draft(author=load_author())

    def _remember_author(self) -> None:
        from oped_studio.core.profile import save_author

        if self._event is not None:
            return  # shared laptops: nobody's details are kept for the next person
        try:
            save_author(self._draft.author)
        except (OpedError, OSError) as exc:  # a convenience: never block saving on it
            log.warning("could not remember the contact details: %s", exc)

    def _may_discard(self) -> bool:
        """True when the open draft may be replaced (saved, discarded, or unchanged)."""
        if not self.is_dirty():
            return True
        choice = Dialogs.ask_unsaved(self, self._display_name())
        if choice is UnsavedChoice.SAVE:
            return self.save()
        return choice is UnsavedChoice.DISCARD

    # -- slots ------------------------------------------------------------------------------

    @Slot()
    def _on_new(self) -> None:
        self.new_draft()

    @Slot()
    def _on_open(self) -> None:
        folder = self._path.parent if self._path else self._paths.drafts
        path = Dialogs.get_open_path(self, folder if folder.is_dir() else Path.home())
        if path is not None:
            self.open_path(path)

    @Slot()
    def _on_save(self) -> None:
        self.save()

    @Slot()
    def _on_save_as(self) -> None:
        self.save_as()

    @Slot()
    def _on_about(self) -> None:
        Dialogs.show_about(
            self,
            self.tr("About OpEd Studio"),
            self.tr(
                "<h3>OpEd Studio %1</h3><p>Write a letter to the editor or an op-ed, offline, "
                "and get it published.</p><p>Free software under the GNU GPL, version 3 or "
                "later.</p>"
            ).replace("%1", __version__),
        )

    @Slot()
    def _on_library(self) -> None:
        directory = self._directory

        def outlet_name(outlet_id: str) -> str:
            outlet = directory.get(outlet_id) if directory is not None else None
            return outlet.name if outlet else outlet_id

        path = Dialogs.choose_from_library(
            self, self._library, self._recent.load(), self._path, outlet_name
        )
        if path is not None and (self._path is None or path.resolve() != self._path):
            self.open_path(path)

    @Slot()
    def _on_settings(self) -> None:
        from oped_studio.checks.dictionary import PersonalDictionary
        from oped_studio.core.profile import forget_author
        from oped_studio.core.settings import load_settings, save_settings

        dictionary = PersonalDictionary()
        before = dictionary.words()
        result = Dialogs.edit_settings(self, load_settings(), before)
        if result is None:
            return
        try:
            save_settings(result.settings)
            kept = {w.casefold() for w in result.words}
            for word in before:
                if word.casefold() not in kept:
                    dictionary.remove(word)
            for word in result.words:
                dictionary.add(word)
            if result.forget_contact:
                forget_author()
        except (OpedError, OSError) as exc:
            Dialogs.show_error(self, self.tr("Could not save the settings"), str(exc))
            return
        self._apply_settings(result.settings)

    # -- workshops: kits and event mode ------------------------------------------------------

    def start_event(self) -> bool:
        """Before the first participant: the facilitator sets the event's PIN (False: the
        event cannot start)."""
        from oped_studio.core.event import EventError

        if self._event is None or self._event.has_pin():
            return True
        while True:
            pin = Dialogs.ask_new_pin(self)
            if pin is None:
                return False
            try:
                self._event.set_pin(pin)
                return True
            except EventError as exc:
                Dialogs.show_error(self, self.tr("Choose another PIN"), str(exc))

    @Slot()
    def _on_new_participant(self) -> None:
        from oped_studio.core.event import EventError

        try:
            participant, loaded = self._event.new_participant(self._blank_draft())
        except (EventError, OpedError) as exc:
            Dialogs.show_error(self, self.tr("Cannot start a new letter"), str(exc))
            return
        self._participant = participant
        self._adopt(loaded)
        self.modes.setCurrentIndex(1)
        self.step_list.setCurrentRow(0)
        self.start_page.setFocus()
        self.statusBar().showMessage(
            self.tr("You are %1. Your letter is saved as you write.").replace(
                "%1", participant.label
            )
        )

    @Slot()
    def _on_done(self) -> None:
        """The participant hands in: save, export .docx and .txt into the event folder, and
        get the screen ready for the next person."""
        from oped_studio.workshop.finish import finish_participant

        if self._event is None or self._participant is None:
            return
        if not Dialogs.confirm_done(self):
            return
        draft = copy.deepcopy(self.draft)
        number, stamp = self._participant.number, self._stamp
        outlet, pack = self.outlet(), self._chosen_pack()
        event = self._event
        self.done_button.setEnabled(False)
        run_in_pool(
            lambda: finish_participant(event, number, draft, stamp, outlet=outlet, pack=pack),
            self._on_handed_in,
            self._on_hand_in_failed,
            self,
        )

    def _on_handed_in(self, _files) -> None:
        label = self._participant.label if self._participant else ""
        self.done_button.setEnabled(True)
        self._participant = None
        self._draft = self._blank_draft()
        self._path = None
        self._stamp = None
        self._autosave_timer.stop()
        self._show_draft()
        self.modes.setCurrentIndex(0)
        Dialogs.show_info(
            self,
            self.tr("Thank you!"),
            self.tr("%1, your letter is handed in. The organizers will help you send it.").replace(
                "%1", label
            ),
        )

    def _on_hand_in_failed(self, message: str) -> None:
        self.done_button.setEnabled(True)
        Dialogs.show_error(self, self.tr("Your letter could not be handed in"), message)

    @Slot()
    def _on_facilitator(self) -> None:
        if self._event is None:
            return
        pin = Dialogs.ask_pin(self)
        if pin is None:
            return
        if not self._event.check_pin(pin):
            Dialogs.show_error(self, self.tr("Facilitator"), self.tr("That is not the PIN."))
            return
        Dialogs.show_facilitator(self, self._event, self._collect_letters)

    @Slot()
    def _collect_letters(self) -> None:
        from oped_studio.workshop.batch import batch_export

        folder = Dialogs.get_folder(
            self, self.tr("Collect the letters into"), self._event.folder.parent
        )
        if folder is None:
            return
        source = self._event.folder
        self.statusBar().showMessage(self.tr("Collecting the letters…"))
        run_in_pool(
            lambda: batch_export(source, folder, workers=1),
            self._on_collected,
            lambda message: Dialogs.show_error(self, self.tr("Could not collect"), message),
            self,
        )

    def _on_collected(self, result) -> None:
        self.statusBar().clearMessage()
        Dialogs.show_info(
            self,
            self.tr("Letters collected"),
            self.tr(
                "%1 letters exported to %2, with summary.csv. Letters too alike to send "
                "together: %3 pair(s) (see similarity.txt)."
            )
            .replace("%1", str(result.exported))
            .replace("%2", str(result.out))
            .replace("%3", str(result.similar_pairs)),
        )

    @Slot()
    def _on_open_kit(self) -> None:
        from oped_studio.core.kits import KitError, open_kit
        from oped_studio.core.outlets import load_directory
        from oped_studio.core.paths import set_kit_folder

        path = Dialogs.get_kit_path(self, Path.home())
        if path is None:
            return
        try:
            kit = open_kit(path)
        except KitError as exc:
            Dialogs.show_error(self, self.tr("Cannot open the kit"), str(exc))
            return
        self._kit = kit
        set_kit_folder(kit.folder)
        self._directory = load_directory()
        self.start_page.set_outlets(list(self._directory.outlets.values()))
        points = self._built("points")
        if points is not None:
            from oped_studio.core.packs import discover_packs

            points.set_packs(discover_packs())
        self.statusBar().showMessage(
            self.tr("Using the kit “%1”: its packs and papers are offered.").replace(
                "%1", kit.manifest.title
            ),
            8000,
        )

    @Slot()
    def _on_build_kit(self) -> None:
        from oped_studio.core.kits import KitError, build_kit, own_outlets_toml
        from oped_studio.core.packs import discover_packs, pack_file

        self.outlet()
        loads = [ld for ld in discover_packs() if ld.ok and ld.pack is not None]
        outlets = sorted(self._directory.outlets.values(), key=lambda o: o.name.casefold())
        spec = Dialogs.get_kit_spec(
            self,
            [(ld.pack.id, ld.pack.title) for ld in loads],
            [(o.id, o.label()) for o in outlets],
        )
        if spec is None:
            return
        files = {ld.pack.id: pack_file(ld.path) for ld in loads if ld.pack.id in spec.pack_ids}
        chosen = [o for o in outlets if o.id in spec.manifest.outlets]
        try:
            out = build_kit(
                spec.out,
                spec.manifest,
                pack_files=files,
                outlets_toml=own_outlets_toml(chosen),
                force=True,  # the file dialog asked before replacing
            )
        except (KitError, OpedError) as exc:
            Dialogs.show_error(self, self.tr("Could not build the kit"), str(exc))
            return
        Dialogs.show_info(
            self,
            self.tr("Kit ready"),
            self.tr(
                "Saved %1. Bring it to the event and start the app with: "
                "oped-studio --kit KIT --event FOLDER"
            ).replace("%1", str(out)),
        )

    @Slot()
    def _on_handouts(self) -> None:
        from oped_studio.core.kits import open_kit
        from oped_studio.workshop.handouts import write_handouts

        path = Dialogs.get_kit_path(self, Path.home())
        if path is None:
            return
        folder = Dialogs.get_folder(self, self.tr("Save the handouts in"), path.parent)
        if folder is None:
            return

        def job():
            return write_handouts(open_kit(path), folder)

        run_in_pool(
            job,
            lambda files: Dialogs.show_info(
                self,
                self.tr("Handouts ready"),
                "\n".join(str(f) for f in files),
            ),
            lambda message: Dialogs.show_error(self, self.tr("No handouts"), message),
            self,
        )

    def _apply_settings(self, settings) -> None:
        """Use new settings now: appearance at once, the checks from their next run."""
        from oped_studio.gui.theme import apply_appearance

        apply_appearance(QApplication.instance(), settings.theme, settings.text_size)
        old, self._checker = self._checker, None
        if old is not None:
            run_in_pool(old.close, lambda _: None, log.warning)  # may stop a local server
        if self.stack.currentWidget() in (self._built("write"), self._built("review")):
            self.run_checks()

    @Slot()
    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        paths = self._recent.load()
        for number, path in enumerate(paths, start=1):
            action = self.recent_menu.addAction(f"&{number % 10} {path.name}")
            action.setToolTip(str(path))
            action.setData(str(path))
            action.triggered.connect(self._on_recent_triggered)
        if paths:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction(self.tr("&Clear list"))
            clear.triggered.connect(self._on_clear_recent)
        else:
            empty = self.recent_menu.addAction(self.tr("No recent drafts"))
            empty.setEnabled(False)

    @Slot()
    def _on_recent_triggered(self) -> None:
        action = self.sender()
        if not isinstance(action, QAction):
            return
        path = Path(action.data())
        if not path.exists():
            Dialogs.show_error(
                self,
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
    def _on_clear_recent(self) -> None:
        try:
            self._recent.clear()
        except OpedError as exc:
            Dialogs.show_error(self, self.tr("Could not clear the list"), str(exc))

    @Slot()
    def _on_page_changed(self) -> None:
        if not self.isWindowModified():
            self._set_dirty(True)
        self._autosave_timer.start()
        self._check_timer.start()
        self._preview_timer.start()

    @Slot(str)
    def _on_kind_changed(self, kind: str) -> None:
        from oped_studio.core.structures import structure_for

        self._collect()
        if structure_for(self._draft.structure_id, kind).kind != kind:
            self._draft.structure_id = DEFAULT_STRUCTURE[kind]
        for key in ("write", "points"):
            page = self._built(key)
            if page is not None:
                page.show_draft(self._draft)
        self._refresh_budgets()

    def _refresh_budgets(self) -> None:
        """The Write page's bars follow the paper and kind chosen on the Start page."""
        write = self._built("write")
        if write is None:
            return
        start = self.start_page
        outlet = self._directory.get(start.outlet_id()) if self._directory is not None else None
        limit = outlet.rules_for(start.selected_kind()).word_limit if outlet else None
        write.set_limit(limit)

    # -- the Write step's helpers ------------------------------------------------------------

    def _chosen_pack(self) -> Pack | None:
        """The pack the draft uses (read through the Talking points step, built if need be)."""
        if not self._draft.pack_id and self._built("points") is None:
            return None
        return self.points_page.pack()

    @Slot()
    def _on_facts_requested(self) -> None:
        from oped_studio.gui.pages.write import FactChoice

        self._collect()
        pack = self._chosen_pack()
        facts = []
        if pack is not None:
            for point_id in self._draft.point_ids:
                point = pack.point(point_id)
                if point is None:
                    continue
                facts += [FactChoice(point.headline, f.text, pack.citation(f)) for f in point.facts]
        self.write_page.set_facts(facts)

    @Slot()
    def _refresh_preview(self) -> None:
        write = self._built("write")
        if write is None or not write.preview_shown():
            return
        from oped_studio.core.render import TemplateError

        try:
            text = self.letter_text()
        except TemplateError as exc:
            text = self.tr("The letter template has a problem: %1").replace("%1", str(exc))
        write.show_preview(text)

    @Slot()
    def _on_live_check(self) -> None:
        """Check again after a pause in typing, while the writer is on Write or Review."""
        current = self.stack.currentWidget()
        write = self._built("write")
        if current is None or current not in (write, self._built("review")):
            return
        if current is write and sum(map(len, write.section_texts().values())) > LIVE_CHECK_MAX:
            write.check_summary.setText(
                self.tr(
                    "Too long to check as you type (over %1 characters): the Review step checks it."
                ).replace("%1", f"{LIVE_CHECK_MAX:,}")
            )
            return
        self.run_checks()

    # -- review --------------------------------------------------------------------------------

    def run_checks(self) -> None:
        """Check the letter off the UI thread.

        One check runs at a time: a request made while one runs is remembered and made when
        it ends, with the text as it is then, so a slow LanguageTool server never piles up
        work; a result for an older version of the letter is dropped.
        """
        if self._check_running:
            self._check_again = True
            self._check_job += 1  # whatever is running now is already out of date
            return
        from oped_studio.checks.engine import Checker, request_for_draft
        from oped_studio.core.settings import load_settings

        if self._checker is None:
            settings = load_settings()
            venue = self._kit.manifest.languagetool_url if self._kit is not None else ""
            if venue:  # the kit's venue runs a LanguageTool server on its own network
                settings.grammar_engine = "languagetool-server"
                settings.languagetool_url = venue
            self._checker = Checker(settings)
        self._check_job += 1
        job = self._check_job
        request = request_for_draft(
            copy.deepcopy(self.draft), outlet=self.outlet(), pack=self._chosen_pack()
        )
        checker = self._checker
        for key in ("review", "write"):
            page = self._built(key)
            if page is not None:
                page.show_checking()
        self._check_running = True
        run_in_pool(
            lambda: checker.run(request),
            lambda report: self._on_checked(job, request, report),
            self._on_check_failed,
            self,
        )

    def _check_finished(self) -> bool:
        """Note that the running check ended; True when another was asked for meanwhile."""
        self._check_running = False
        if self._check_again:
            self._check_again = False
            self.run_checks()
            return True
        return False

    def _on_checked(self, job: int, request: CheckRequest, report: CheckReport) -> None:
        if self._check_finished() or job != self._check_job:
            return  # the letter changed since: a newer check is on its way
        report.issues = [
            i
            for i in report.issues
            if (i.source, i.rule, request.text[i.start : i.end]) not in self._ignored
        ]
        self._checked_request = request
        self._checked_report = report
        review = self._built("review")
        if review is not None:
            review.show_report(request.text, report)
        write = self._built("write")
        if write is not None:
            write.show_issues(request, report)

    def _on_check_failed(self, message: str) -> None:
        if self._check_finished():
            return
        text = self.tr("The checks could not run: %1").replace("%1", message)
        review = self._built("review")
        if review is not None:
            review.figures.setText(text)
        write = self._built("write")
        if write is not None:
            write.check_summary.setText(text)

    def _on_apply_suggestion(self, issue) -> None:
        """Put the issue's first suggestion into the section's editor (undoable there)."""
        request = self._checked_request
        if request is None or not issue.replacements:
            return
        write = self.write_page
        where = request.section_range(issue.start, issue.end, write.section_texts())
        editor = write.editor_for(where[0]) if where else None
        if where is None or editor is None:
            self.run_checks()  # the text moved on: check again rather than guess
            return
        editor.replace_range(where[1], where[2], issue.replacements[0])
        self.run_checks()

    def _on_ignore_issue(self, issue) -> None:
        request = self._checked_request
        if request is not None:
            self._ignored.add((issue.source, issue.rule, request.text[issue.start : issue.end]))
        self.run_checks()

    def _on_ignore_rule(self, issue) -> None:
        from oped_studio.core.settings import load_settings, save_settings

        if self._checker is None:
            return
        key = f"{issue.source}:{issue.rule}"
        # The file's settings, not the checker's: those may carry a kit's venue server,
        # which must not become the writer's own setting.
        saved = load_settings()
        for settings in (self._checker.settings, saved):
            if key not in settings.disabled_rules:
                settings.disabled_rules.append(key)
        try:
            save_settings(saved)
        except OpedError as exc:
            Dialogs.show_error(self, self.tr("Could not save the settings"), str(exc))
        self.run_checks()

    def _on_add_word(self, word: str) -> None:
        from oped_studio.checks.dictionary import PersonalDictionary

        try:
            PersonalDictionary().add(word)
        except OpedError as exc:
            Dialogs.show_error(self, self.tr("Could not add the word"), str(exc))
            return
        self.run_checks()

    # -- autosave and recovery ---------------------------------------------------------------

    @Slot()
    def _autosave(self) -> None:
        """Write the recovery copy (the file the writer chose is touched only by Save)."""
        from oped_studio.core.recovery import write_recovery

        if not self.is_dirty():
            return
        if self._event is not None and self._path is not None:
            self._save_to(self._path, self._stamp, quiet=True)  # the participant's own file
            return
        try:
            write_recovery(copy.deepcopy(self.draft), self._path)
        except OpedError as exc:
            log.warning("autosave failed: %s", exc)
            if not self._autosave_failed:
                self.statusBar().showMessage(
                    self.tr("Could not keep a recovery copy: %1").replace("%1", str(exc)), 10000
                )
            self._autosave_failed = True
        else:
            self._autosave_failed = False

    def _forget_recovery(self) -> None:
        from oped_studio.core.recovery import clear_recovery

        self._autosave_timer.stop()
        try:
            clear_recovery(self._draft.id)
        except OSError as exc:
            log.warning("could not remove the recovery copy: %s", exc)

    def offer_recovery(self) -> bool:
        """If the app did not close normally, offer the newest recovered draft back."""
        from oped_studio.core.recovery import find_recovered
        from oped_studio.core.storage import current_stamp

        recovered = find_recovered()
        if not recovered:
            return False
        newest = recovered[0]
        when = newest.saved.astimezone().strftime("%H:%M on %b %d")
        if not Dialogs.ask_recover(self, newest.draft.display_title(), when):
            try:
                self._library.delete(newest.copy)  # to the trash: recoverable, never deleted
            except OpedError as exc:
                log.warning("could not move the recovery copy to the trash: %s", exc)
            return False
        self._draft = newest.draft
        self._path = newest.original.resolve() if newest.original else None
        try:
            self._stamp = current_stamp(self._path) if self._path else None
        except OpedError:
            self._stamp = None
        self._show_draft()
        self._set_dirty(True)
        self.statusBar().showMessage(self.tr("Recovered your draft. Save it to keep it."), 10000)
        return True

    # -- export ----------------------------------------------------------------------------

    def outlet(self) -> Outlet | None:
        """The chosen paper from the outlet directory (read on first use)."""
        if self._directory is None:
            from oped_studio.core.outlets import load_directory

            self._directory = load_directory()
        return self._directory.get(self._draft.outlet_id) if self._draft.outlet_id else None

    def letter_text(self) -> str:
        """The letter as plain text, as "Copy as text" gives it."""
        from oped_studio.export.exporter import plain_text

        return plain_text(self.draft, self.outlet())

    @Slot()
    def _on_sent(self) -> None:
        """Record where and when the letter went, after warning about exclusivity."""
        from oped_studio.core.submissions import Submission, SubmissionLog

        self.outlet()
        draft = self.draft
        outlets = sorted(self._directory.outlets.values(), key=lambda o: o.name.casefold())
        choice = Dialogs.get_submission(self, [(o.id, o.label()) for o in outlets], draft.outlet_id)
        if choice is None:
            return
        outlet_id, sent_on, how, note = choice
        outlet = self._directory.get(outlet_id)
        log = SubmissionLog()
        try:
            conflicts = log.exclusivity_conflicts(draft.id, outlet, self._directory, draft.kind)
            if conflicts:
                earlier = ", ".join(f"{c.outlet_name} on {c.sent_on}" for c in conflicts)
                message = self.tr(
                    "You sent this letter to %1. One of these papers prints only letters sent to "
                    "it alone: wait for its answer (or withdraw the letter) before sending it to "
                    "%2. Record it anyway?"
                )
                if not Dialogs.ask_send_anyway(
                    self, message.replace("%1", earlier).replace("%2", outlet.name)
                ):
                    return
            log.record(Submission.of(draft, outlet, sent_on, how, note))
        except OpedError as exc:
            Dialogs.show_error(self, self.tr("Could not record it"), str(exc))
            return
        self._refresh_export_page()
        self.statusBar().showMessage(
            self.tr("Recorded: sent to %1.").replace("%1", outlet.name), 6000
        )

    def _sent_text(self) -> str:
        """Where the open draft was sent, for the Export step."""
        from oped_studio.core.submissions import SubmissionLog

        try:
            entries = SubmissionLog().for_draft(self._draft.id)
        except OpedError as exc:
            return str(exc)
        if not entries:
            return ""
        sent = "; ".join(f"{e.outlet_name} on {e.sent_on} ({e.status})" for e in entries)
        return self.tr("Sent to %1.").replace("%1", sent)

    def _refresh_export_page(self) -> None:

        from oped_studio.core.render import TemplateError

        outlet = self.outlet()
        try:
            text = self.letter_text()
        except TemplateError as exc:
            text = self.tr("The letter template has a problem: %1").replace("%1", str(exc))
        self.export_page.show_letter(text, outlet, self._draft.kind)
        self.export_page.sent_label.setText(self._sent_text())

    @Slot(int)
    def _on_step_changed(self, row: int) -> None:
        if not 0 <= row < len(STEP_KEYS):
            return
        key = STEP_KEYS[row]
        self._page(key)
        self.stack.setCurrentIndex(row)
        if key == "write":
            self._refresh_budgets()
            self._refresh_preview()
            self.run_checks()
        elif key == "export":
            self._refresh_export_page()
        elif key == "review":
            self.run_checks()

    @Slot()
    def _on_copy_text(self) -> None:

        from oped_studio.core.render import TemplateError

        try:
            text = self.letter_text()
        except TemplateError as exc:
            Dialogs.show_error(self, self.tr("Cannot copy the letter"), str(exc))
            return
        QGuiApplication.clipboard().setText(text)
        self.statusBar().showMessage(
            self.tr("Copied the letter as text: paste it into your email or the paper's form."),
            6000,
        )

    @Slot(str)
    def _on_export_requested(self, fmt: str) -> None:

        from oped_studio.export.exporter import default_name, export_draft

        draft = copy.deepcopy(self.draft)  # the worker gets its own snapshot
        outlet = self.outlet()
        folder = self._path.parent if self._path else Path.home()
        path = Dialogs.get_export_path(self, folder / default_name(draft, fmt), fmt)
        if path is None:
            return
        self.statusBar().showMessage(self.tr("Exporting…"))
        # The file dialog already asked before replacing an existing file.
        run_in_pool(
            lambda: export_draft(draft, fmt, path, outlet=outlet, force=True),
            self._on_export_done,
            self._on_export_failed,
            self,
        )

    def _on_export_done(self, result: ExportResult) -> None:
        self._remember_author()
        self.statusBar().showMessage(self.tr("Exported %1").replace("%1", str(result.path)), 8000)
        if result.cleaned:
            Dialogs.show_info(self, self.tr("Exported, with a change"), result.cleaned.describe())

    def _on_export_failed(self, message: str) -> None:
        self.statusBar().clearMessage()
        Dialogs.show_error(self, self.tr("Could not export"), message)

    @Slot()
    def _on_print(self) -> None:

        from oped_studio.core.render import TemplateError, letter_blocks

        try:
            blocks = letter_blocks(self.draft, self.outlet())
        except TemplateError as exc:
            Dialogs.show_error(self, self.tr("Cannot print the letter"), str(exc))
            return
        from PySide6.QtGui import QTextDocument

        from oped_studio.gui.printing import print_html

        document = QTextDocument(self)
        document.setHtml(print_html(blocks))
        Dialogs.print_preview(self, document)

    # -- Qt events --------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt's name for the override
        if self._may_discard():
            self._forget_recovery()  # closed normally: nothing to recover next time
            event.accept()
        else:
            event.ignore()
