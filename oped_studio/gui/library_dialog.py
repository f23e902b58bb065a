"""The drafts library: every draft with its paper, words and last change; open, duplicate,
move to the trash, and restore from the trash.

All file work goes through :class:`~oped_studio.core.library.DraftLibrary`, so a deleted
draft is always recoverable. The draft open in the window cannot be deleted from here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from oped_studio.core.errors import OpedError
from oped_studio.core.library import DraftEntry, DraftLibrary, TrashEntry
from oped_studio.core.submissions import SubmissionLog
from oped_studio.gui.text import as_text, tip


class LibraryDialog(QDialog):
    """Pick a draft to open (``chosen``), or tidy the library."""

    def __init__(
        self,
        library: DraftLibrary,
        *,
        recent: Iterable[Path] = (),
        open_path: Path | None = None,
        outlet_name: Callable[[str], str] = lambda outlet_id: outlet_id,
        log: SubmissionLog | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Drafts library"))
        self.setAccessibleName(self.tr("Drafts library"))
        self.library = library
        self.recent = list(recent)
        self.open_path = open_path.resolve() if open_path else None
        self.outlet_name = outlet_name
        self.log = log or SubmissionLog(library.paths)
        self.chosen: Path | None = None
        self._entries: list[DraftEntry] = []
        self._trash: list[TrashEntry] = []
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs)

        drafts_tab = QWidget()
        drafts_layout = QVBoxLayout(drafts_tab)
        self.table = self._table(
            [
                self.tr("Draft"),
                self.tr("Paper"),
                self.tr("Words"),
                self.tr("Last change"),
                self.tr("Sent to"),
            ],
            self.tr("Your drafts"),
        )
        self.table.itemDoubleClicked.connect(self._on_open)
        drafts_layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.open_button = self._button(self.tr("&Open"), self._on_open)
        self.duplicate_button = self._button(self.tr("&Duplicate"), self._on_duplicate)
        self.delete_button = self._button(self.tr("Move to &trash"), self._on_delete)
        for button in (self.open_button, self.duplicate_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        self.export_log_button = self._button(
            self.tr("&Export the sending log…"), self._on_export_log
        )
        row.addWidget(self.export_log_button)
        drafts_layout.addLayout(row)
        self.tabs.addTab(drafts_tab, self.tr("Drafts"))

        trash_tab = QWidget()
        trash_layout = QVBoxLayout(trash_tab)
        trash_note = QLabel(self.tr("Deleted drafts stay here until you restore them."))
        trash_note.setWordWrap(True)
        trash_layout.addWidget(trash_note)
        self.trash_table = self._table(
            [self.tr("Draft"), self.tr("Was in"), self.tr("Deleted")], self.tr("Trash")
        )
        trash_layout.addWidget(self.trash_table, 1)
        trash_row = QHBoxLayout()
        self.restore_button = self._button(self.tr("&Restore"), self._on_restore)
        trash_row.addWidget(self.restore_button)
        trash_row.addStretch(1)
        trash_layout.addLayout(trash_row)
        self.tabs.addTab(trash_tab, self.tr("Trash"))

        self.message = as_text(QLabel())
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Message"))
        layout.addWidget(self.message)
        close = self._button(self.tr("Close"), self.reject)
        close_row = QHBoxLayout()
        close_row.addStretch(1)
        close_row.addWidget(close)
        layout.addLayout(close_row)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.trash_table.itemSelectionChanged.connect(self._update_buttons)
        self.resize(760, 460)
        self.refresh()
        if self._entries:
            self.table.selectRow(0)

    def _table(self, headers: list[str], name: str) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setAccessibleName(name)
        table.setHorizontalHeaderLabels(headers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        return table

    def _button(self, text: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(text.replace("&", ""))
        button.clicked.connect(slot)
        return button

    # -- contents -----------------------------------------------------------------------------

    def refresh(self) -> None:
        self._entries = self.library.entries(also=self.recent)
        self.table.setRowCount(len(self._entries))
        sent = self._sent_to()
        for row, entry in enumerate(self._entries):
            if entry.error is not None:
                cells = [
                    self.tr("%1 (cannot be read: %2)")
                    .replace("%1", entry.path.name)
                    .replace("%2", entry.error),
                    "",
                    "",
                    "",
                    "",
                ]
            else:
                when = entry.modified.astimezone().strftime("%Y-%m-%d %H:%M")
                paper = self.outlet_name(entry.outlet_id) if entry.outlet_id else ""
                cells = [entry.title, paper, f"{entry.words:,}", when, sent.get(entry.draft_id, "")]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(tip(str(entry.path)))
                self.table.setItem(row, column, item)
        self._trash = self.library.trash()
        self.trash_table.setRowCount(len(self._trash))
        for row, trashed in enumerate(self._trash):
            when = (
                trashed.deleted.astimezone().strftime("%Y-%m-%d %H:%M") if trashed.deleted else ""
            )
            cells = [trashed.original.stem, str(trashed.original.parent), when]
            for column, text in enumerate(cells):
                self.trash_table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self._update_buttons()

    def _sent_to(self) -> dict[str, str]:
        """Where each draft was sent ("Chronicle, 2026-11-20"), from the submission log."""
        try:
            entries = self.log.entries()
        except OpedError as exc:
            self.message.setText(str(exc))
            return {}
        sent: dict[str, list[str]] = {}
        for item in entries:
            sent.setdefault(item.draft_id, []).append(f"{item.outlet_name}, {item.sent_on}")
        return {draft_id: "; ".join(places) for draft_id, places in sent.items()}

    def export_log(self, path: Path) -> bool:
        try:
            self.log.export_csv(path, force=True)  # the file dialog asked before replacing
        except OpedError as exc:
            self.message.setText(str(exc))
            return False
        self.message.setText(self.tr("Wrote the sending log to %1").replace("%1", str(path)))
        return True

    @Slot()
    def _on_export_log(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the sending log"),
            str(Path.home() / "letters-sent.csv"),
            self.tr("CSV files (*.csv)"),
        )
        if name:
            self.export_log(Path(name))

    def current_entry(self) -> DraftEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self._entries[rows[0].row()] if rows else None

    def current_trash(self) -> TrashEntry | None:
        rows = self.trash_table.selectionModel().selectedRows()
        return self._trash[rows[0].row()] if rows else None

    def select(self, path: Path) -> None:
        for row, entry in enumerate(self._entries):
            if entry.path.resolve() == path.resolve():
                self.table.selectRow(row)
                return

    # -- slots --------------------------------------------------------------------------------

    @Slot()
    def _update_buttons(self) -> None:
        entry = self.current_entry()
        readable = entry is not None and entry.error is None
        self.open_button.setEnabled(readable)
        self.duplicate_button.setEnabled(readable)
        self.delete_button.setEnabled(entry is not None)
        self.restore_button.setEnabled(self.current_trash() is not None)

    @Slot()
    def _on_open(self, *_args) -> None:
        entry = self.current_entry()
        if entry is not None and entry.error is None:
            self.chosen = entry.path
            self.accept()

    @Slot()
    def _on_duplicate(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        try:
            copy = self.library.duplicate(entry.path)
        except OpedError as exc:
            self.message.setText(str(exc))
            return
        self.refresh()
        self.select(copy.path)
        self.message.setText(self.tr("Made a copy: %1").replace("%1", copy.path.name))

    @Slot()
    def _on_delete(self) -> None:
        entry = self.current_entry()
        if entry is None:
            return
        if self.open_path is not None and entry.path.resolve() == self.open_path:
            self.message.setText(
                self.tr("This draft is open in the window; open another one first.")
            )
            return
        try:
            self.library.delete(entry.path, known=self.recent)
        except OpedError as exc:
            self.message.setText(str(exc))
            return
        self.recent = [p for p in self.recent if p.resolve() != entry.path.resolve()]
        self.refresh()
        self.message.setText(
            self.tr("Moved “%1” to the trash; restore it from the Trash tab.").replace(
                "%1", entry.title or entry.path.name
            )
        )

    @Slot()
    def _on_restore(self) -> None:
        trashed = self.current_trash()
        if trashed is None:
            return
        try:
            path = self.library.restore(trashed)
        except OpedError as exc:
            self.message.setText(str(exc))
            return
        self.recent.append(path)
        self.refresh()
        self.tabs.setCurrentIndex(0)
        self.select(path)
        self.message.setText(self.tr("Restored %1").replace("%1", str(path)))
