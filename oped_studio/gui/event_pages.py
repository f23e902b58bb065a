"""Event mode's own screens: the welcome screen participants start from (the facilitator's
view of everyone's progress is gui/facilitator_dialog.py)."""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from oped_studio.core.kits import Manifest
from oped_studio.core.settings import server_host_outside
from oped_studio.gui.text import as_text, for_kind


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
