"""Every modal question the app asks, in one place, as classmethods that tests patch.

Each returns a plain value (a path, or a choice from an enum) so callers never touch the
dialog objects, and tests never open a real modal.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from oped_studio.gui.answers import (
    ConflictChoice,
    EventSpec,
    KitSpec,
    SettingsResult,
    UnsavedChoice,
)

if TYPE_CHECKING:
    from oped_studio.core.event import EventFolder
    from oped_studio.core.library import DraftLibrary
    from oped_studio.core.outlets import Outlet
    from oped_studio.core.paths import AppPaths
    from oped_studio.core.settings import Settings

DRAFT_FILTER_SOURCE = "OpEd Studio drafts (*.oped);;All files (*)"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Dialogs", text)


def message_box(
    parent: QWidget,
    icon: QMessageBox.Icon = QMessageBox.Icon.NoIcon,
    title: str = "",
    text: str = "",
) -> QMessageBox:
    """A message box that shows its text as it is: QMessageBox, like QLabel, would draw a
    draft's title or an error quoting a file name (``<img src=…>``) as HTML."""
    box = QMessageBox(parent)
    box.setProperty("textFormat", 0)  # Qt::PlainText, by value: no Qt namespace at start-up
    box.setIcon(icon)
    if title:
        box.setWindowTitle(title)
    if text:
        box.setText(text)
    return box


class Dialogs:
    """Modal questions; patch these classmethods in tests."""

    @classmethod
    def get_open_path(cls, parent: QWidget, folder: Path) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            parent, _tr("Open draft"), str(folder), _tr(DRAFT_FILTER_SOURCE)
        )
        return Path(name) if name else None

    @classmethod
    def get_save_path(cls, parent: QWidget, suggested: Path) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            parent, _tr("Save draft as"), str(suggested), _tr(DRAFT_FILTER_SOURCE)
        )
        if not name:
            return None
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(".oped")
        return path

    @classmethod
    def ask_unsaved(cls, parent: QWidget, title: str) -> UnsavedChoice:
        box = message_box(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(_tr("Unsaved changes"))
        box.setText(_tr("Save the changes to “%1”?").replace("%1", title))
        box.setInformativeText(_tr("If you don't save, your changes since the last save are lost."))
        box.setStandardButtons(
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            return UnsavedChoice.SAVE
        if answer == QMessageBox.StandardButton.Discard:
            return UnsavedChoice.DISCARD
        return UnsavedChoice.CANCEL

    @classmethod
    def ask_conflict(cls, parent: QWidget, path: Path) -> ConflictChoice:
        box = message_box(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(_tr("File changed on disk"))
        box.setText(
            _tr("“%1” was changed by another program or window since you opened it.").replace(
                "%1", path.name
            )
        )
        box.setInformativeText(
            _tr("Save your version under a new name to keep both, or replace the other version.")
        )
        save_as = box.addButton(_tr("Save As…"), QMessageBox.ButtonRole.AcceptRole)
        overwrite = box.addButton(_tr("Replace"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(save_as)
        box.exec()
        clicked = box.clickedButton()
        if clicked is save_as:
            return ConflictChoice.SAVE_AS
        if clicked is overwrite:
            return ConflictChoice.OVERWRITE
        return ConflictChoice.CANCEL

    @classmethod
    def get_export_path(cls, parent: QWidget, suggested: Path, fmt: str) -> Path | None:
        filters = {
            "docx": _tr("Word documents (*.docx)"),
            "txt": _tr("Plain text (*.txt)"),
            "eml": _tr("Email drafts (*.eml)"),
            "pdf": _tr("PDF documents (*.pdf)"),
        }
        name, _ = QFileDialog.getSaveFileName(
            parent, _tr("Export letter"), str(suggested), filters[fmt]
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix else path.with_suffix("." + fmt)

    @classmethod
    def print_preview(cls, parent: QWidget, document) -> None:
        """Show the print preview of ``document`` (a QTextDocument); the user prints from it."""
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintPreviewDialog(printer, parent)
        dialog.setWindowTitle(_tr("Print letter"))
        dialog.paintRequested.connect(document.print_)
        dialog.exec()

    @classmethod
    def ask_recover(cls, parent: QWidget, title: str, when: str) -> bool:
        """After a crash: open the recovered draft (True), or put it in the trash (False)."""
        box = message_box(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_tr("Recover your draft?"))
        box.setText(
            _tr("OpEd Studio did not close normally. Your draft “%1” was saved at %2.")
            .replace("%1", title)
            .replace("%2", when)
        )
        box.setInformativeText(
            _tr("Open it to continue where you left off. If you don't, it goes to the trash.")
        )
        recover = box.addButton(_tr("Open the recovered draft"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_tr("Move to trash"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(recover)
        box.exec()
        return box.clickedButton() is recover

    @classmethod
    def show_info(cls, parent: QWidget, title: str, message: str) -> None:
        box = message_box(parent, QMessageBox.Icon.Information, title, message)
        box.exec()

    @classmethod
    def show_error(cls, parent: QWidget, title: str, message: str) -> None:
        box = message_box(parent, QMessageBox.Icon.Warning, title, message)
        box.exec()

    @classmethod
    def show_about(cls, parent: QWidget, title: str, message: str) -> None:
        QMessageBox.about(parent, title, message)

    @classmethod
    def get_new_outlet(cls, parent: QWidget, taken_ids: Iterable[str]) -> Outlet | None:
        """The writer's own paper, checked and ready to save (None: cancelled)."""
        from oped_studio.gui.outlet_dialog import AddPaperDialog

        dialog = AddPaperDialog(taken_ids, parent)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        return dialog.outlet if accepted else None

    @classmethod
    def edit_settings(
        cls, parent: QWidget, settings: Settings, words: list[str]
    ) -> SettingsResult | None:
        """The settings and dictionary as the writer left them (None: cancelled)."""
        from oped_studio.gui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(settings, words, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return SettingsResult(dialog.settings, dialog.words, dialog.forget_contact)

    @classmethod
    def choose_from_library(
        cls,
        parent: QWidget,
        library: DraftLibrary,
        recent: list[Path],
        open_path: Path | None,
        outlet_name: Callable[[str], str],
    ) -> Path | None:
        """The drafts library; the draft the writer chose to open (None: closed)."""
        from oped_studio.gui.library_dialog import LibraryDialog

        dialog = LibraryDialog(
            library, recent=recent, open_path=open_path, outlet_name=outlet_name, parent=parent
        )
        dialog.exec()
        return dialog.chosen

    # -- workshops ---------------------------------------------------------------------------

    @classmethod
    def ask_new_pin(cls, parent: QWidget) -> str | None:
        """The facilitator's PIN for a new event (None: cancelled)."""
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        pin, accepted = QInputDialog.getText(
            parent,
            _tr("Start the event"),
            _tr(
                "Choose a PIN of at least four digits. It opens the facilitator's view, so "
                "participants cannot see each other's letters."
            ),
            QLineEdit.EchoMode.Password,
        )
        return pin if accepted else None

    @classmethod
    def ask_pin(cls, parent: QWidget, reason: str = "") -> str | object | None:
        """The event's PIN, typed by the facilitator to ``reason`` (a title; None: cancelled;
        ``answers.FORGOT_PIN``: "Forgot the PIN?" was pressed)."""
        from oped_studio.gui.event_dialogs import PinDialog

        return PinDialog.ask(parent, reason)

    @classmethod
    def ask_reset_pin(cls, parent: QWidget) -> str | None:
        """A new PIN, typed twice alike (None: cancelled)."""
        from oped_studio.gui.event_dialogs import NewPinDialog

        return NewPinDialog.ask(parent)

    @classmethod
    def show_code(cls, parent: QWidget, who: str, code: str) -> None:
        """A new participant's number and code, acknowledged before they write."""
        from oped_studio.gui.event_dialogs import CodeDialog

        CodeDialog.show_code(parent, who, code)

    @classmethod
    def ask_resume(cls, parent: QWidget) -> tuple[str, str] | None:
        """ "Continue my letter": (number, code) as typed (None: cancelled)."""
        from oped_studio.gui.event_dialogs import ResumeDialog

        return ResumeDialog.ask(parent)

    @classmethod
    def ask_open_items(cls, parent: QWidget, items: list[str]) -> bool:
        """ "I'm done" with ``items`` still open: True to hand in anyway, False to go back."""
        from oped_studio.gui.event_dialogs import OpenItemsDialog

        return OpenItemsDialog.ask(parent, items)

    # -- event mode (the shell's: running an event) -------------------------------------------

    @classmethod
    def get_event_spec(cls, parent: QWidget, paths: AppPaths) -> EventSpec | None:
        """The kit and event folder, opened, with the PIN set or checked (None: cancelled)."""
        from oped_studio.gui.run_event_dialog import RunEventDialog

        dialog = RunEventDialog(paths, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.spec

    @classmethod
    def confirm_done(cls, parent: QWidget) -> bool:
        answer = QMessageBox.question(
            parent,
            _tr("Hand in your letter?"),
            _tr(
                "Your letter will be saved for the organizers and the screen will be ready "
                "for the next person. You cannot change it afterwards."
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    @classmethod
    def show_facilitator(
        cls, parent: QWidget, event: EventFolder, paths: AppPaths, collect, reopen=None
    ) -> None:
        """The facilitator's view; ``collect()`` collects every letter, ``reopen(number)``
        opens a participant's letter on the laptop (the view closes first)."""
        dialog = facilitator_view(parent, event, paths)
        dialog.collect_requested.connect(collect)
        if reopen is not None:
            dialog.reopen_requested.connect(reopen)
        dialog.exec()

    @classmethod
    def show_letter(cls, parent: QWidget, title: str, text: str) -> None:
        """A participant's letter, read-only and as plain text, with Close."""
        from oped_studio.gui.facilitator_dialog import LetterDialog

        LetterDialog(title, text, parent).exec()

    @classmethod
    def get_folder(cls, parent: QWidget, title: str, folder: Path) -> Path | None:
        name = QFileDialog.getExistingDirectory(parent, title, str(folder))
        return Path(name) if name else None

    @classmethod
    def get_kit_path(cls, parent: QWidget, folder: Path) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(
            parent, _tr("Open a kit"), str(folder), _tr("OpEd Studio kits (*.opedkit)")
        )
        return Path(name) if name else None

    @classmethod
    def get_kit_spec(cls, parent: QWidget, packs, outlets) -> KitSpec | None:
        """What the facilitator wants in a new kit, and where to save it (None: cancelled)."""
        from oped_studio.gui.kit_dialog import KitBuilderDialog

        dialog = KitBuilderDialog(packs, outlets, parent, ask_replace=cls.ask_replace)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.spec

    @classmethod
    def get_submission(cls, parent: QWidget, outlets, current: str):
        """(outlet id, date sent, how, note) for the submission log (None: cancelled)."""
        from oped_studio.gui.submission_dialog import SubmissionDialog

        dialog = SubmissionDialog(outlets, current, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choice

    @classmethod
    def ask_replace(cls, parent: QWidget, message: str) -> bool:
        """Files are already where these would go: replace them?"""
        return _warn_yes_no(parent, _tr("Replace the files?"), message)

    @classmethod
    def ask_send_anyway(cls, parent: QWidget, message: str) -> bool:
        return _warn_yes_no(parent, _tr("Sent elsewhere already"), message)


def facilitator_view(parent: QWidget | None, event: EventFolder, paths: AppPaths):
    """The facilitator's view, its Read and Print asking through :class:`Dialogs` (the one
    place they are wired, for the app and the tests alike)."""
    from oped_studio.gui.facilitator_dialog import FacilitatorDialog

    dialog = FacilitatorDialog(event, paths, parent)
    dialog.read_requested.connect(lambda title, text: Dialogs.show_letter(dialog, title, text))
    dialog.print_requested.connect(lambda document: Dialogs.print_preview(dialog, document))
    return dialog


def _warn_yes_no(parent: QWidget, title: str, message: str) -> bool:
    """A warning asking Yes or No, No the default (True: Yes); its text shown as text."""
    box = message_box(parent, QMessageBox.Icon.Warning, title, message)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.No)
    return box.exec() == QMessageBox.StandardButton.Yes
