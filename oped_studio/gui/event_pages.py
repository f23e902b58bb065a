"""Event mode's own screens: the welcome screen participants start from, and the
facilitator's view of everyone's progress (behind the event's PIN)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from oped_studio.core.event import EventFolder
from oped_studio.core.kits import Manifest
from oped_studio.core.paths import AppPaths
from oped_studio.core.settings import server_host_outside
from oped_studio.gui.text import as_text, for_kind
from oped_studio.gui.workers import run_in_pool
from oped_studio.workshop.facilitator import FacilitatorView, facilitator_view


class EventWelcome(QWidget):
    """The kit's welcome text, the big button that starts a letter and the one that
    continues one, and this laptop's label."""

    new_participant_requested = Signal()
    resume_requested = Signal()
    facilitator_requested = Signal()

    def __init__(self, manifest: Manifest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Welcome"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(80, 60, 80, 40)
        layout.setSpacing(18)
        title = QLabel(f"<h1>{html.escape(manifest.title)}</h1>")
        layout.addWidget(title)
        details = [manifest.organizer]
        if manifest.date:
            when = manifest.date
            details.append(f"{when:%B} {when.day}, {when.year}")
        meta = as_text(QLabel(" · ".join(d for d in details if d)))
        layout.addWidget(meta)
        self.welcome_label = welcome = QLabel(
            manifest.welcome
            or for_kind(
                manifest.default_kind,
                self.tr("Write a letter to the editor tonight: the app walks you through it."),
                self.tr("Write an op-ed tonight: the app walks you through it."),
            )
        )
        welcome.setWordWrap(True)
        as_text(welcome)
        welcome.setAccessibleName(self.tr("Welcome text"))
        layout.addWidget(welcome)
        self.new_button = QPushButton(
            for_kind(
                manifest.default_kind,
                self.tr("&New participant: start my letter"),
                self.tr("&New participant: start my op-ed"),
            )
        )
        self.new_button.setAccessibleName(self.tr("New participant"))
        self.new_button.setMinimumHeight(56)
        font = self.new_button.font()
        font.setPointSize(font.pointSize() + 4)
        self.new_button.setFont(font)
        self.new_button.setDefault(True)
        self.resume_button = QPushButton(
            for_kind(
                manifest.default_kind,
                self.tr("&Continue my letter"),
                self.tr("&Continue my op-ed"),
            )
        )
        self.resume_button.setAccessibleName(self.tr("Continue my letter"))
        self.resume_button.setMinimumHeight(56)
        self.resume_button.setFont(font)
        #: The ways to start: a new letter, and beside it continuing one.
        self.start_row = QHBoxLayout()
        self.start_row.addWidget(self.new_button, 2)
        self.start_row.addWidget(self.resume_button, 1)
        layout.addLayout(self.start_row)
        self.laptop_label = as_text(QLabel())
        self.laptop_label.setAccessibleName(self.tr("This laptop"))
        self.laptop_label.setVisible(False)
        layout.addWidget(self.laptop_label)
        privacy = QLabel(
            for_kind(
                manifest.default_kind,
                self.tr(
                    "Your letter is saved on this laptop under a number, not your name, and no "
                    "one else at the table can open it. When you press “I'm done”, it is kept "
                    "for the organizers to send on."
                ),
                self.tr(
                    "Your op-ed is saved on this laptop under a number, not your name, and no "
                    "one else at the table can open it. When you press “I'm done”, it is kept "
                    "for the organizers to send on."
                ),
            )
        )
        privacy.setWordWrap(True)
        layout.addWidget(privacy)
        host = server_host_outside(manifest.languagetool_url) if manifest.languagetool_url else ""
        said = for_kind(
            manifest.default_kind,
            self.tr("Grammar checks send your letter to %1, a server outside this room."),
            self.tr("Grammar checks send your op-ed to %1, a server outside this room."),
        )
        self.server_label = as_text(QLabel(said.replace("%1", host) if host else ""))
        self.server_label.setWordWrap(True)
        self.server_label.setVisible(bool(host))
        layout.addWidget(self.server_label)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.facilitator_button = QPushButton(self.tr("Facilitator…"))
        self.facilitator_button.setAccessibleName(self.tr("Facilitator view"))
        row.addWidget(self.facilitator_button)
        layout.addLayout(row)
        self.new_button.clicked.connect(self.new_participant_requested)
        self.resume_button.clicked.connect(self.resume_requested)
        self.facilitator_button.clicked.connect(self.facilitator_requested)

    def set_laptop(self, label: str) -> None:
        """Say which laptop this is ("" says nothing): participants' numbers are this one's."""
        self.laptop_label.setText(
            self.tr("This laptop: %1. Your number is for this laptop.").replace("%1", label)
        )
        self.laptop_label.setVisible(bool(label))


class FacilitatorDialog(QDialog):
    """Everyone's progress: paper, words against the limit, checks left, finished or not."""

    collect_requested = Signal()

    HEADERS = ("Participant", "Paper", "Words", "Limit", "Over / under", "Checks left", "Done")

    def __init__(self, event: EventFolder, paths: AppPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Facilitator view"))
        self.setAccessibleName(self.tr("Facilitator view"))
        self.event = event
        self._paths = paths
        layout = QVBoxLayout(self)
        self.status = QLabel(self.tr("Checking every draft…"))
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # it names files from the folder
        self.status.setAccessibleName(self.tr("Status"))
        layout.addWidget(self.status)
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setAccessibleName(self.tr("Participants"))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in self.HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.refresh_button = QPushButton(self.tr("&Refresh"))
        self.collect_button = QPushButton(self.tr("&Collect all letters…"))
        self.collect_button.setToolTip(
            self.tr("Every draft to Word and text, with a summary and a similarity report.")
        )
        close = QPushButton(self.tr("Close"))
        for button in (self.refresh_button, self.collect_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.refresh_button.clicked.connect(self.refresh)
        self.collect_button.clicked.connect(self.collect_requested)
        close.clicked.connect(self.accept)
        self.resize(820, 420)
        self._job = 0
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        self._job += 1
        job = self._job
        self.status.setText(self.tr("Checking every draft…"))
        event, paths = self.event, self._paths
        run_in_pool(
            lambda: facilitator_view(event, paths),
            lambda view: self._show(job, view),
            self.status.setText,
            self,
        )

    def _show(self, job: int, view: FacilitatorView) -> None:
        if job != self._job:
            return
        rows = view.rows
        self.table.setRowCount(len(rows))
        finished = 0
        for index, row in enumerate(rows):
            over = row.over
            if row.error:
                cells = [row.participant.label, row.error, "", "", "", "", ""]
            else:
                if over is None:
                    state = ""
                elif over > 0:
                    state = self.tr("%1 over").replace("%1", str(over))
                else:
                    state = self.tr("%1 to spare").replace("%1", str(-over))
                done = bool(row.participant.finished)
                finished += done
                cells = [
                    row.participant.label,
                    row.paper,
                    str(row.words),
                    str(row.limit or ""),
                    state,
                    str(row.issues),
                    self.tr("yes") if done else self.tr("not yet"),
                ]
            for column, text in enumerate(cells):
                self.table.setItem(index, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        status = (
            self.tr("%1 participants, %2 finished.")
            .replace("%1", str(len(rows)))
            .replace("%2", str(finished))
        )
        self.status.setText("\n".join([status, *view.skipped[:5]]))

    def cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item else ""
