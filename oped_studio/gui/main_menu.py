"""The window's menu bar: every action with its shortcut, as request signals.

The menu knows nothing of drafts or files: each action emits a request (``open_requested``,
``step_requested(row)``...) that the window wires to whoever does the work, as novelWriter's
``GuiMainMenu`` does. The Edit actions act on whichever field has the focus.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QMenu,
    QMenuBar,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from oped_studio.gui.text import tip


class MainMenu(QMenuBar):
    """File, Edit, Steps, Facilitator and Help."""

    new_requested = Signal()
    open_requested = Signal()
    open_path_requested = Signal(object)  # a Path
    clear_recent_requested = Signal()
    save_requested = Signal()
    save_as_requested = Signal()
    library_requested = Signal()
    open_kit_requested = Signal()
    quit_requested = Signal()
    settings_requested = Signal()
    build_kit_requested = Signal()
    handouts_requested = Signal()
    facilitator_requested = Signal()
    run_event_requested = Signal()
    leave_event_requested = Signal()
    about_requested = Signal()
    step_requested = Signal(int)

    def __init__(
        self,
        step_titles: Sequence[str],
        recent_paths: Callable[[], list[Path]],
        *,
        parent: QWidget | None = None,
    ) -> None:
        """``recent_paths`` lists the recent drafts when the Open Recent menu opens."""
        super().__init__(parent)
        self._recent_paths = recent_paths
        self._create_actions(step_titles)
        self._create_menus()
        self.set_event_mode(False)

    def _action(self, text: str, signal, shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(text, self)
        # setShortcuts, not setShortcut: the latter's overloads load Qt's whole ``Qt``
        # namespace (about 25 ms) at start-up.
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(shortcut)  # the platform's bindings, all of them
        elif shortcut is not None:
            action.setShortcuts([QKeySequence(shortcut)])
        action.triggered.connect(signal)
        return action

    def _create_actions(self, step_titles: Sequence[str]) -> None:
        std = QKeySequence.StandardKey
        self.new_action = self._action(self.tr("&New"), self.new_requested, std.New)
        self.open_action = self._action(self.tr("&Open…"), self.open_requested, std.Open)
        self.save_action = self._action(self.tr("&Save"), self.save_requested, std.Save)
        self.save_as_action = self._action(
            self.tr("Save &As…"), self.save_as_requested, "Ctrl+Shift+S"
        )
        self.quit_action = self._action(self.tr("&Quit"), self.quit_requested, "Ctrl+Q")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.library_action = self._action(
            self.tr("Drafts &Library…"), self.library_requested, "Ctrl+Shift+O"
        )
        self.open_kit_action = self._action(self.tr("Open &Kit…"), self.open_kit_requested)
        self.build_kit_action = self._action(self.tr("&Build a Kit…"), self.build_kit_requested)
        self.handouts_action = self._action(
            self.tr("&Handouts from a Kit…"), self.handouts_requested
        )
        self.facilitator_action = self._action(
            self.tr("&Facilitator View…"), self.facilitator_requested, "Ctrl+Shift+F"
        )
        self.run_event_action = self._action(
            self.tr("&Run an Event…"), self.run_event_requested, "Ctrl+Shift+E"
        )
        self.leave_event_action = self._action(
            self.tr("&Leave Event Mode…"), self.leave_event_requested, "Ctrl+Shift+L"
        )
        self.settings_action = self._action(
            self.tr("Se&ttings…"), self.settings_requested, std.Preferences
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
        self.about_action = self._action(self.tr("&About OpEd Studio"), self.about_requested)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.step_actions: list[QAction] = []
        for number, title in enumerate(step_titles, start=1):
            action = self._action(
                f"&{number} {title}", self._step_slot(number - 1), f"Ctrl+{number}"
            )
            self.step_actions.append(action)

    def _edit_slot(self, method: str) -> Callable[[], None]:
        def run() -> None:
            widget = QApplication.focusWidget()
            func = getattr(widget, method, None)
            if callable(func):
                func()

        return run

    def _step_slot(self, row: int) -> Callable[[], None]:
        def go() -> None:
            self.step_requested.emit(row)

        return go

    def _create_menus(self) -> None:
        file_menu = self.addMenu(self.tr("&File"))
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.open_action)
        self.recent_menu = QMenu(self.tr("Open &Recent"), self)
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.save_as_action)
        file_menu.addSeparator()
        file_menu.addAction(self.library_action)
        file_menu.addAction(self.open_kit_action)
        file_menu.addAction(self.run_event_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.edit_menu = self.addMenu(self.tr("&Edit"))
        for method in ("undo", "redo", None, "cut", "copy", "paste", None, "selectAll"):
            if method is None:
                self.edit_menu.addSeparator()
            else:
                self.edit_menu.addAction(self.edit_actions[method])
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.settings_action)
        self.edit_menu.aboutToShow.connect(self.update_edit_actions)
        steps_menu = self.addMenu(self.tr("&Steps"))
        for action in self.step_actions:
            steps_menu.addAction(action)
        facilitator_menu = self.addMenu(self.tr("F&acilitator"))
        facilitator_menu.addAction(self.run_event_action)
        facilitator_menu.addSeparator()
        facilitator_menu.addAction(self.build_kit_action)
        facilitator_menu.addAction(self.handouts_action)
        facilitator_menu.addAction(self.facilitator_action)
        facilitator_menu.addAction(self.leave_event_action)
        help_menu = self.addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)

    def set_event_mode(self, event_mode: bool) -> None:
        """At an event a participant never reaches another's draft (nor another event);
        the facilitator's actions appear (each behind the event's PIN)."""
        for action in (
            self.new_action,
            self.open_action,
            self.save_as_action,
            self.library_action,
            self.open_kit_action,
            self.run_event_action,
            self.recent_menu.menuAction(),
        ):
            action.setVisible(not event_mode)
            action.setEnabled(not event_mode)
        for action in (self.facilitator_action, self.leave_event_action):
            action.setVisible(event_mode)
            action.setEnabled(event_mode)

    @Slot()
    def update_edit_actions(self) -> None:
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

    @Slot()
    def fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        paths = self._recent_paths()
        for number, path in enumerate(paths, start=1):
            action = self.recent_menu.addAction(f"&{number % 10} {path.name}")
            action.setToolTip(tip(str(path)))
            action.setData(str(path))
            action.triggered.connect(self._on_recent_triggered)
        if paths:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction(self.tr("&Clear list"))
            clear.triggered.connect(self.clear_recent_requested)
        else:
            empty = self.recent_menu.addAction(self.tr("No recent drafts"))
            empty.setEnabled(False)

    @Slot()
    def _on_recent_triggered(self) -> None:
        action = self.sender()
        if isinstance(action, QAction):
            self.open_path_requested.emit(Path(action.data()))
