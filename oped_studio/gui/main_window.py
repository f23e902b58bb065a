"""The main window: menus, the step navigation, and the one place where pages are wired up.

The window owns the open draft, its file path and the file's stamp; the pages only show a
draft and write the writer's edits back into it (``show_draft`` / ``apply_to``) and say when
something changed (``changed``). Every file operation goes through the core's storage, and
every question to the user through :class:`~oped_studio.gui.dialogs.Dialogs`.
"""

from __future__ import annotations

import copy
import html
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QTextDocument
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from oped_studio import APP_NAME, __version__
from oped_studio.core.draft import DEFAULT_STRUCTURE, Draft
from oped_studio.core.errors import ConflictError, DraftFileError, OpedError, SaveError
from oped_studio.core.library import DraftLibrary
from oped_studio.core.paths import AppPaths
from oped_studio.core.recent import RecentFiles
from oped_studio.core.storage import FileStamp, LoadedDraft, load_draft, save_draft
from oped_studio.core.structures import structure_for
from oped_studio.export.pdf import pdf_available
from oped_studio.gui.dialogs import ConflictChoice, Dialogs, UnsavedChoice
from oped_studio.gui.pages.export import ExportPage
from oped_studio.gui.pages.points import TalkingPointsPage
from oped_studio.gui.pages.review import ReviewPage
from oped_studio.gui.pages.start import StartPage
from oped_studio.gui.pages.write import WritePage
from oped_studio.gui.text import word_count_text
from oped_studio.gui.workers import run_in_pool

if TYPE_CHECKING:  # imported where used: outlets, rendering and export are not start-up work
    from oped_studio.core.outlets import Directory, Outlet
    from oped_studio.export.exporter import ExportResult

log = logging.getLogger(__name__)

#: How long after the last change the recovery copy is written (at most a second's typing
#: can be lost in a crash).
AUTOSAVE_DELAY_MS = 700


class MainWindow(QMainWindow):
    """OpEd Studio's window: a step list on the left, the current step's page on the right."""

    def __init__(self, paths: AppPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._paths = paths
        self._library = DraftLibrary(paths)
        self._recent = RecentFiles(paths.recent_file)
        self._draft = Draft()
        self._path: Path | None = None
        self._stamp: FileStamp | None = None
        self._directory: Directory | None = None
        self._autosave_failed = False
        self._checker = None  # built on first use, in a worker thread's first job
        self._check_job = 0
        self._checked_request = None
        self._ignored: set[tuple[str, str, str]] = set()
        #: Autosave waits for a short pause in typing, then writes the recovery copy.
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setSingleShot(True)
        self._autosave_timer.setInterval(AUTOSAVE_DELAY_MS)
        self._autosave_timer.timeout.connect(self._autosave)

        self.setObjectName("MainWindow")
        self.resize(1120, 720)
        self.setMinimumSize(720, 480)

        self.start_page = StartPage()
        self.write_page = WritePage()
        self.points_page = TalkingPointsPage()
        self.review_page = ReviewPage()
        self.export_page = ExportPage(pdf_available())
        self._steps: list[tuple[str, QWidget]] = [
            (self.tr("Start"), self.start_page),
            (self.tr("Talking points"), self.points_page),
            (self.tr("Write"), self.write_page),
            (self.tr("Review"), self.review_page),
            (self.tr("Export"), self.export_page),
        ]

        self.step_list = QListWidget()
        self.step_list.setAccessibleName(self.tr("Steps"))
        self.step_list.setMaximumWidth(240)
        self.step_list.setMinimumWidth(160)
        self.stack = QStackedWidget()
        self.stack.setAccessibleName(self.tr("Current step"))
        for number, (title, page) in enumerate(self._steps, start=1):
            self.step_list.addItem(QListWidgetItem(f"{number}. {title}"))
            self.stack.addWidget(page)
        self.step_list.setStyleSheet("QListWidget::item { padding: 8px 10px; }")
        self.step_list.currentRowChanged.connect(self._on_step_changed)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.step_list)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([200, 920])
        self.setCentralWidget(splitter)

        self.words_label = QLabel()
        self.words_label.setAccessibleName(self.tr("Word count"))
        self.statusBar().addPermanentWidget(self.words_label)

        self._create_actions()
        self._create_menus()

        self.start_page.changed.connect(self._on_page_changed)
        self.start_page.kind_changed.connect(self._on_kind_changed)
        self.write_page.changed.connect(self._on_page_changed)
        self.points_page.changed.connect(self._on_page_changed)
        self.write_page.counted.connect(self._update_words)
        self.review_page.apply_requested.connect(self._on_apply_suggestion)
        self.review_page.ignore_requested.connect(self._on_ignore_issue)
        self.review_page.ignore_rule_requested.connect(self._on_ignore_rule)
        self.review_page.add_word_requested.connect(self._on_add_word)
        self.export_page.export_requested.connect(self._on_export_requested)
        self.export_page.copy_requested.connect(self._on_copy_text)
        self.export_page.print_requested.connect(self._on_print)

        self._show_draft()
        self.step_list.setCurrentRow(0)
        # The outlet directory and the packs are read just after the window appears.
        QTimer.singleShot(0, self._load_content)

    @Slot()
    def _load_content(self) -> None:
        from oped_studio.core.packs import discover_packs

        self.outlet()  # reads the directory once
        self.start_page.set_outlets(list(self._directory.outlets.values()))
        self.points_page.set_packs(discover_packs())
        self._refresh_budgets()

    # -- construction ------------------------------------------------------------------------

    def _action(self, text: str, slot, shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
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
        self.about_action = self._action(self.tr("&About OpEd Studio"), self._on_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.step_actions: list[QAction] = []
        for number, (title, _page) in enumerate(self._steps, start=1):
            action = self._action(
                f"&{number} {title}", self._go_to_step_slot(number - 1), f"Ctrl+{number}"
            )
            self.step_actions.append(action)

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
        file_menu.addAction(self.quit_action)
        steps_menu = self.menuBar().addMenu(self.tr("&Steps"))
        for action in self.step_actions:
            steps_menu.addAction(action)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)
        self._fill_recent_menu()

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
        self.start_page.apply_to(self._draft)
        self.points_page.apply_to(self._draft)
        self.write_page.apply_to(self._draft)

    def _show_draft(self) -> None:
        self.start_page.show_draft(self._draft)
        self.points_page.show_draft(self._draft)
        self.write_page.show_draft(self._draft)
        self._refresh_budgets()
        self._set_dirty(False)

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
        self.words_label.setText(word_count_text(self.write_page.total_words()))

    # -- file operations ------------------------------------------------------------------

    def new_draft(self) -> bool:
        if not self._may_discard():
            return False
        self._forget_recovery()
        self._draft = Draft()
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

    def _save_to(self, path: Path, expected: FileStamp | None, overwrite: bool = False) -> bool:
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
        self.statusBar().showMessage(self.tr("Saved %1").replace("%1", str(path)), 4000)
        return True

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

    @Slot(str)
    def _on_kind_changed(self, kind: str) -> None:
        self._collect()
        if structure_for(self._draft.structure_id, kind).kind != kind:
            self._draft.structure_id = DEFAULT_STRUCTURE[kind]
        self.write_page.show_draft(self._draft)
        self.points_page.show_draft(self._draft)
        self._refresh_budgets()

    def _refresh_budgets(self) -> None:
        """The Write page's bars follow the paper and kind chosen on the Start page."""
        start = self.start_page
        outlet = self._directory.get(start.outlet_id()) if self._directory is not None else None
        limit = outlet.rules_for(start.selected_kind()).word_limit if outlet else None
        self.write_page.set_limit(limit)

    # -- review --------------------------------------------------------------------------------

    def run_checks(self) -> None:
        """Check the letter off the UI thread; a result for an older version is dropped."""
        from oped_studio.checks.engine import Checker, request_for_draft
        from oped_studio.core.settings import load_settings

        if self._checker is None:
            self._checker = Checker(load_settings())
        self._check_job += 1
        job = self._check_job
        request = request_for_draft(
            copy.deepcopy(self.draft), outlet=self.outlet(), pack=self.points_page.pack()
        )
        checker = self._checker
        self.review_page.show_checking()
        run_in_pool(
            lambda: checker.run(request),
            lambda report: self._on_checked(job, request, report),
            self._on_check_failed,
        )

    def _on_checked(self, job: int, request, report) -> None:
        if job != self._check_job:
            return  # the letter changed since: a newer check is on its way
        report.issues = [
            i
            for i in report.issues
            if (i.source, i.rule, request.text[i.start : i.end]) not in self._ignored
        ]
        self._checked_request = request
        self.review_page.show_report(request.text, report)

    def _on_check_failed(self, message: str) -> None:
        self.review_page.figures.setText(
            self.tr("The checks could not run: %1").replace("%1", message)
        )

    def _on_apply_suggestion(self, issue) -> None:
        """Put the issue's first suggestion into the section's editor (undoable there)."""
        request = self._checked_request
        if request is None or not issue.replacements:
            return
        for span in request.sections:
            if span.start <= issue.start and issue.end <= span.end:
                editor = next((e for e in self.write_page.editors if e.section_id == span.id), None)
                if editor is None:
                    return
                original = editor.text()
                lead = len(original) - len(original.lstrip())
                start = issue.start - span.start + lead
                end = issue.end - span.start + lead
                if original[start:end] != request.text[issue.start : issue.end]:
                    self.run_checks()  # the text moved on: check again rather than guess
                    return
                editor.replace_range(start, end, issue.replacements[0])
                self.run_checks()
                return

    def _on_ignore_issue(self, issue) -> None:
        request = self._checked_request
        if request is not None:
            self._ignored.add((issue.source, issue.rule, request.text[issue.start : issue.end]))
        self.run_checks()

    def _on_ignore_rule(self, issue) -> None:
        from oped_studio.core.settings import save_settings

        if self._checker is None:
            return
        settings = self._checker.settings
        key = f"{issue.source}:{issue.rule}"
        if key not in settings.disabled_rules:
            settings.disabled_rules.append(key)
        try:
            save_settings(settings)
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

    def _refresh_export_page(self) -> None:

        from oped_studio.core.render import TemplateError

        outlet = self.outlet()
        try:
            text = self.letter_text()
        except TemplateError as exc:
            text = self.tr("The letter template has a problem: %1").replace("%1", str(exc))
        self.export_page.show_letter(text, outlet, self._draft.kind)

    @Slot(int)
    def _on_step_changed(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        if self.stack.currentWidget() is self.write_page:
            self._refresh_budgets()
        if self.stack.currentWidget() is self.export_page:
            self._refresh_export_page()
        elif self.stack.currentWidget() is self.review_page:
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
        )

    def _on_export_done(self, result: ExportResult) -> None:
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


def print_html(blocks) -> str:
    """The letter as simple HTML for printing, laid out like the Word letter.

    Qt's rich text takes margins in px only (pt is ignored), so the Word letter's spacing
    (12 pt, 10 pt, 18 pt) is given as 16, 13 and 24 px.
    """
    spacing = {"date": 16, "re": 16, "signature": 16, "bio": 16, "disclosure": 16, "words": 24}
    parts = ['<html><body style="font-family: Georgia, serif; font-size: 11.5pt;">']
    previous = None
    for block in blocks:
        text = html.escape(block.text).replace("\n", "<br>")
        if block.role == "title":
            parts.append(f'<h1 style="font-size: 20pt; margin-bottom: 8px;">{text}</h1>')
            previous = block.role
            continue
        top = spacing.get(block.role, 0)
        if block.role == "contact" and previous not in (None, "contact"):
            top = 24
        if block.role == "recipient" and previous != "recipient":
            top = 16
        bottom = {"body": 13, "byline": 13, "re": 16}.get(block.role, 0)
        style = f"margin-top: {top}px; margin-bottom: {bottom}px;"
        if block.role == "re":
            text = f"<b>{text}</b>"
        if block.role in ("byline", "bio", "disclosure"):
            text = f"<i>{text}</i>"
        if block.role == "words":
            style += " color: #595959; font-size: 9pt;"
            parts.append(f'<p align="right" style="{style}">{text}</p>')
        else:
            parts.append(f'<p style="{style}">{text}</p>')
        previous = block.role
    parts.append("</body></html>")
    return "".join(parts)
