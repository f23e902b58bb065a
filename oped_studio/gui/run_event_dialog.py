"""File > Run an Event: the kit, the event folder (new or existing), the laptop's label and
the PIN, checked in the dialog itself.

Nothing is asked twice: what is wrong (a kit that cannot be opened, a folder that is a file
or cannot be written, a damaged event file, PINs that differ, a wrong PIN) is said under the
fields and everything typed stays. On Start the kit is opened and the event folder made (or
opened) through the core, the same as ``--kit FILE --event DIR``; ``spec`` holds them.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from oped_studio.core.errors import OpedError, describe_os_error
from oped_studio.core.event import EVENT_FORMAT, EventFolder, open_event_here
from oped_studio.core.event_people import (
    clean_laptop_label,
    default_laptop_label,
    recorded_participants,
)
from oped_studio.core.files import ParseError, UnreadableFileError, loads_json, read_text_file
from oped_studio.core.kits import Kit, open_kit
from oped_studio.gui.answers import EventSpec
from oped_studio.gui.colours import problem_label
from oped_studio.gui.text import as_text

if TYPE_CHECKING:
    from oped_studio.core.paths import AppPaths


@dataclass(frozen=True)
class FolderState:
    """What a chosen event folder is: ``kind`` is "" (nothing chosen), "new", "existing" or
    "problem"; ``text`` says so in a line; ``kit_id`` is an existing event's kit."""

    kind: str
    text: str = ""
    kit_id: str = ""


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate("RunEventDialog", text)


def folder_state(text: str) -> FolderState:
    """Read-only: what the folder typed is, for the facilitator to see before starting. An
    event whose PIN was never set (started and cancelled) is new: its PIN is chosen now."""
    if not text.strip():
        return FolderState("")
    if "\0" in text:  # a pasted NUL: no disk takes it
        return FolderState("problem", _tr("That folder name cannot be used: choose another."))
    folder = Path(text.strip()).expanduser()
    new = FolderState("new", _tr("A new event: its letters are saved in this folder."))
    try:
        if not folder.exists():
            return new
        is_dir, has_file = folder.is_dir(), (folder / "event.json").exists()
    except OSError as exc:  # a name too long, a folder that cannot be looked into
        return FolderState(
            "problem",
            _tr("That folder cannot be used (%1): choose another.").replace(
                "%1", describe_os_error(exc)
            ),
        )
    if not is_dir:
        return FolderState(
            "problem", _tr("That is a file, not a folder: choose a folder for the event.")
        )
    if not has_file:
        return new
    try:
        data = loads_json(read_text_file(folder / "event.json", what="event file"))
    except (UnreadableFileError, ParseError) as exc:
        return FolderState("problem", _damaged(str(exc)))
    if not isinstance(data, dict) or data.get("format") != EVENT_FORMAT:
        return FolderState("problem", _damaged(""))
    if not data.get("pin"):
        return new
    kit = data.get("kit")
    kit_id = str(kit.get("id") or "") if isinstance(kit, dict) else ""
    return FolderState("existing", _existing_text(recorded_participants(folder)[0]), kit_id)


def _damaged(why: str) -> str:
    text = _tr(
        "This folder's event.json cannot be read%1; move it away to start a new event here, "
        "or choose another folder."
    )
    return text.replace("%1", f" ({why})" if why else "")


def _existing_text(people: dict[str, dict]) -> str:
    starts = []
    for info in people.values():
        try:
            starts.append(datetime.fromisoformat(str(info.get("started") or "")))
        except ValueError:
            continue
    if not people:
        return _tr("An event with no participants yet.")
    text = (
        _tr("An event with 1 participant")
        if len(people) == 1
        else _tr("An event with %1 participants").replace("%1", f"{len(people):,}")
    )
    if starts:
        first = min(starts, key=lambda d: d.timestamp() if d.tzinfo else d.toordinal())
        first = first.astimezone() if first.tzinfo else first
        text += _tr(", started %1").replace("%1", f"{first.day} {first:%b}")
    return text + "."


def laptop_problem(label: str) -> str:
    """What is wrong with a laptop label ("" when nothing): the event folder's own rule."""
    try:
        clean_laptop_label(label)
    except OpedError as exc:
        return str(exc)
    return ""


def _writable_problem(folder: Path) -> str:
    """Why nothing can be written in ``folder`` ("" when it can)."""
    try:
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        return (
            _tr("Cannot write in %1: %2; choose another folder.")
            .replace("%1", str(folder))
            .replace("%2", describe_os_error(exc))
        )
    return ""


class RunEventDialog(QDialog):
    """The event's kit, folder, laptop label and PIN; ``spec`` once Start succeeded."""

    def __init__(self, paths: AppPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._paths = paths
        self.spec: EventSpec | None = None
        self._state = FolderState("")
        self.setWindowTitle(self.tr("Run an event"))
        self.setAccessibleName(self.tr("Run an event"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Participants take turns on this laptop, each writing under a number. "
                "Everything you leave the event for (quitting, settings, the facilitator's "
                "view) asks for the PIN."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        layout.addLayout(form)
        self._build_fields(form)
        self.error_label = problem_label()
        self.error_label.hide()
        layout.addWidget(self.error_label)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.start_button = self.buttons.addButton(
            self.tr("&Start the event"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        layout.addWidget(self.buttons)
        self.start_button.setDefault(True)  # once in the dialog: Return in any field starts
        self.buttons.accepted.connect(self._on_start)
        self.buttons.rejected.connect(self.reject)
        for first, second in zip(self._tab_order, self._tab_order[1:], strict=False):
            QWidget.setTabOrder(first, second)
        self._on_folder_changed(self.folder_edit.text())
        self.resize(620, self.sizeHint().height())
        self.kit_edit.setFocus()

    def _build_fields(self, form: QFormLayout) -> None:
        self.kit_edit = QLineEdit()
        self.kit_edit.setAccessibleName(self.tr("Kit file"))
        self.kit_edit.setPlaceholderText(self.tr("the .opedkit file the facilitator built"))
        self.kit_browse = QPushButton(self.tr("&Browse…"))
        self.kit_browse.setAccessibleName(self.tr("Browse for the kit file"))
        form.addRow(
            self._label(self.tr("&Kit file:"), self.kit_edit), _row(self.kit_edit, self.kit_browse)
        )

        self.folder_edit = QLineEdit()
        self.folder_edit.setAccessibleName(self.tr("Event folder"))
        self.folder_edit.setPlaceholderText(self.tr("a new folder, or the event's folder"))
        self.folder_browse = QPushButton(self.tr("B&rowse…"))
        self.folder_browse.setAccessibleName(self.tr("Browse for the event folder"))
        form.addRow(
            self._label(self.tr("Event &folder:"), self.folder_edit),
            _row(self.folder_edit, self.folder_browse),
        )
        self.folder_label = as_text(QLabel())
        self.folder_label.setWordWrap(True)
        self.folder_label.setAccessibleName(self.tr("What the folder is"))
        form.addRow("", self.folder_label)

        self.laptop_edit = QLineEdit(default_laptop_label())
        self.laptop_edit.setAccessibleName(self.tr("Laptop label"))
        form.addRow(self._label(self.tr("&Laptop label:"), self.laptop_edit), self.laptop_edit)
        hint = QLabel(
            self.tr(
                "Keeps participant numbers apart when several laptops' folders are collected "
                "together."
            )
        )
        hint.setWordWrap(True)
        form.addRow("", hint)

        self.pin_edit = QLineEdit()
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_label = self._label(self.tr("Choose a &PIN:"), self.pin_edit)
        form.addRow(self.pin_label, self.pin_edit)
        self.pin2_edit = QLineEdit()
        self.pin2_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin2_edit.setAccessibleName(self.tr("Type the PIN again"))
        self.pin2_label = self._label(self.tr("Type it &again:"), self.pin2_edit)
        form.addRow(self.pin2_label, self.pin2_edit)
        self._form = form
        self._tab_order = [
            self.kit_edit,
            self.kit_browse,
            self.folder_edit,
            self.folder_browse,
            self.laptop_edit,
            self.pin_edit,
            self.pin2_edit,
        ]
        for browse in (self.kit_browse, self.folder_browse):
            browse.setAutoDefault(False)  # Return in a field starts the event, never a picker
        self.kit_browse.clicked.connect(self._on_browse_kit)
        self.folder_browse.clicked.connect(self._on_browse_folder)
        self.folder_edit.textChanged.connect(self._on_folder_changed)

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    @property
    def is_new(self) -> bool:
        """The folder chosen is a new event (the PIN is chosen, and typed twice)."""
        return self._state.kind != "existing"

    # -- choosing --------------------------------------------------------------------------

    @Slot()
    def _on_browse_kit(self) -> None:
        typed = Path(self.kit_edit.text().strip()).expanduser()
        start = typed.parent if typed.parent.is_dir() else Path.home()
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("The event's kit"), str(start), self.tr("OpEd Studio kits (*.opedkit)")
        )
        if name:
            self.kit_edit.setText(name)
            self.folder_edit.setFocus()

    @Slot()
    def _on_browse_folder(self) -> None:
        typed = Path(self.folder_edit.text().strip()).expanduser()
        start = typed if typed.is_dir() else Path.home()
        folder = QFileDialog.getExistingDirectory(self, self.tr("The event's folder"), str(start))
        if folder:
            self.folder_edit.setText(folder)
            self.laptop_edit.setFocus()

    @Slot(str)
    def _on_folder_changed(self, text: str) -> None:
        self._state = folder_state(text)
        self.folder_label.setText(self._state.text)
        self.folder_label.setVisible(bool(self._state.text))
        new = self.is_new
        self.pin_label.setText(self.tr("Choose a &PIN:") if new else self.tr("The event's &PIN:"))
        self.pin_edit.setAccessibleName(
            self.tr("Choose a PIN") if new else self.tr("The event's PIN")
        )
        self.pin_edit.setPlaceholderText(self.tr("at least four digits") if new else "")
        self._form.setRowVisible(self.pin2_edit, new)

    # -- starting --------------------------------------------------------------------------

    def _fail(self, message: str, field: QLineEdit) -> None:
        """Say what is wrong, and put the cursor where it is put right (all typed stays)."""
        self.error_label.setText(message)
        self.error_label.show()
        field.setFocus()
        field.selectAll()

    @Slot()
    def _on_start(self) -> None:
        kit_text, folder_text = self.kit_edit.text().strip(), self.folder_edit.text().strip()
        laptop, pin = self.laptop_edit.text().strip(), self.pin_edit.text()
        self._on_folder_changed(self.folder_edit.text())  # the folder may have changed since
        if not kit_text:
            return self._fail(self.tr("Choose the kit file (.opedkit) to use."), self.kit_edit)
        if "\0" in kit_text:  # pasted: no disk takes it (and the kit reader would stumble)
            return self._fail(
                self.tr("That file name cannot be used: choose the kit file."), self.kit_edit
            )
        if not folder_text:
            return self._fail(self.tr("Choose a folder for the event."), self.folder_edit)
        if self._state.kind == "problem":
            return self._fail(self._state.text, self.folder_edit)
        if problem := laptop_problem(laptop):
            return self._fail(problem, self.laptop_edit)
        if self.is_new and pin != self.pin2_edit.text():
            return self._fail(
                self.tr("The two PINs differ: type the same PIN in both fields."), self.pin_edit
            )
        try:
            kit = open_kit(Path(kit_text).expanduser(), self._paths)
        except OpedError as exc:
            return self._fail(str(exc), self.kit_edit)
        if self._state.kit_id and self._state.kit_id != kit.manifest.id:
            return self._fail(
                self.tr(
                    "This folder holds an event of another kit (“%1”): choose that kit, or "
                    "another folder."
                ).replace("%1", self._state.kit_id),
                self.folder_edit,
            )
        kit_path = Path(kit_text).expanduser()
        event = self._open_event(Path(folder_text).expanduser(), kit, kit_path, laptop)
        if event is None:
            return None
        if self.is_new:
            try:
                event.set_pin(pin)
            except OpedError as exc:
                return self._fail(str(exc), self.pin_edit)
        else:
            try:
                right = event.check_pin(pin)
            except OpedError as exc:  # too many wrong PINs: how long to wait
                return self._fail(str(exc), self.pin_edit)
            if not right:
                return self._fail(
                    self.tr("That is not the event's PIN; type it again."), self.pin_edit
                )
        self.spec = EventSpec(kit, event, laptop)
        self.accept()
        return None

    def _open_event(
        self, folder: Path, kit: Kit, kit_path: Path, laptop: str
    ) -> EventFolder | None:
        """The event folder, made or opened, and writable (None: the problem is shown)."""
        try:
            event = open_event_here(folder, kit, kit_path, self._paths, laptop)
        except (OpedError, ValueError) as exc:
            self._fail(str(exc), self.folder_edit)
            return None
        for place in (event.folder, event.drafts):
            if problem := _writable_problem(place):
                self._fail(problem, self.folder_edit)
                return None
        return event


def _row(field: QWidget, button: QPushButton) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(field, 1)
    layout.addWidget(button)
    return row
