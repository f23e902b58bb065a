"""The small questions of event mode: a participant's number and code (shown once when they
start, asked for when they come back), what is still open before "I'm done", and the
facilitator's PIN with its way back in when it is forgotten.

Every text a participant typed, or a file name, is shown as plain text. Each dialog has a
classmethod ``ask``/``show`` that runs it modally; :class:`~oped_studio.gui.dialogs.Dialogs`
calls those (and tests script ``Dialogs``, or drive a dialog here with keys).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from oped_studio.gui.answers import FORGOT_PIN
from oped_studio.gui.colours import problem_label
from oped_studio.gui.text import as_text


def shown_code(code: str) -> str:
    """A code as a participant copies it down: ``K7QM4T`` as ``K7Q-M4T``."""
    return f"{code[:3]}-{code[3:]}" if len(code) == 6 else code


def _field(form: QFormLayout, text: str, name: str, *, secret: bool = False) -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(name)
    if secret:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    label = QLabel(text)
    label.setBuddy(edit)
    form.addRow(label, edit)
    return edit


def _button_row(layout: QVBoxLayout, *buttons: QPushButton) -> None:
    """The dialog's buttons at its foot, right-aligned, the first one the default."""
    row = QHBoxLayout()
    row.addStretch(1)
    for button in buttons:
        row.addWidget(button)
    buttons[0].setDefault(True)
    layout.addLayout(row)


class CodeDialog(QDialog):
    """A new participant's number and code, to write down. Only the button closes it (Escape
    does not): the code is shown this once."""

    def __init__(self, who: str, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Your number and code"))
        self.setAccessibleName(self.tr("Your number and code"))
        layout = QVBoxLayout(self)
        self.message = as_text(
            QLabel(
                self.tr(
                    "You are %1. Your code is %2: write it down; with your number it lets you "
                    "come back to this letter."
                )
                .replace("%1", who)
                .replace("%2", shown_code(code))
            )
        )
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Your number and code"))
        layout.addWidget(self.message)
        self.code_label = as_text(QLabel(shown_code(code)))
        font = self.code_label.font()
        font.setPointSize(font.pointSize() + 10)
        font.setBold(True)
        self.code_label.setFont(font)
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code_label.setAccessibleName(self.tr("Your code"))
        layout.addWidget(self.code_label)
        self.ok_button = QPushButton(self.tr("I have &written it down"))
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.accept)
        layout.addWidget(self.ok_button)
        self.ok_button.setFocus()
        self.resize(460, self.sizeHint().height())

    def reject(self) -> None:  # Escape: the code must be seen, so only the button closes
        pass

    @classmethod
    def show_code(cls, parent: QWidget | None, who: str, code: str) -> None:
        cls(who, code, parent).exec()


class ResumeDialog(QDialog):
    """ "Continue my letter": the participant's number and code."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Continue my letter"))
        self.setAccessibleName(self.tr("Continue my letter"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Type the number and the code you were given when you started."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        layout.addLayout(form)
        self.number_edit = _field(form, self.tr("Your &number:"), self.tr("Participant number"))
        self.number_edit.setMaxLength(12)
        self.number_edit.setPlaceholderText(self.tr("for example 3"))
        self.code_edit = _field(form, self.tr("Your &code:"), self.tr("Your code"))
        self.code_edit.setMaxLength(20)
        self.code_edit.setPlaceholderText(self.tr("for example K7Q-M4T"))
        self.open_button = QPushButton(self.tr("&Open my letter"))
        cancel = QPushButton(self.tr("Cancel"))
        _button_row(layout, self.open_button, cancel)
        self.open_button.clicked.connect(self.accept)
        cancel.clicked.connect(self.reject)
        self.number_edit.setFocus()
        self.resize(440, self.sizeHint().height())

    @property
    def answer(self) -> tuple[str, str]:
        return self.number_edit.text().strip(), self.code_edit.text().strip()

    @classmethod
    def ask(cls, parent: QWidget | None) -> tuple[str, str] | None:
        dialog = cls(parent)
        return dialog.answer if dialog.exec() == QDialog.DialogCode.Accepted else None


class OpenItemsDialog(QDialog):
    """ "I'm done" with things still open: go back to the letter (the default) or hand it in
    anyway. ``hand_in`` says which."""

    def __init__(self, items: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Hand in your letter?"))
        self.setAccessibleName(self.tr("Still open"))
        self.hand_in = False
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Still open:")))
        self.items_label = as_text(QLabel("\n".join(f"• {item}" for item in items)))
        self.items_label.setWordWrap(True)
        self.items_label.setAccessibleName(self.tr("What is still open"))
        layout.addWidget(self.items_label)
        layout.addWidget(
            QLabel(self.tr("You can go back and look at them, or hand the letter in as it is."))
        )
        self.back_button = QPushButton(self.tr("&Go back to my letter"))
        self.anyway_button = QPushButton(self.tr("&Hand it in anyway"))
        _button_row(layout, self.back_button, self.anyway_button)
        self.back_button.clicked.connect(self.reject)
        self.anyway_button.clicked.connect(self._on_anyway)
        self.back_button.setFocus()
        self.resize(520, self.sizeHint().height())

    @Slot()
    def _on_anyway(self) -> None:
        self.hand_in = True
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, items: list[str]) -> bool:
        dialog = cls(items, parent)
        dialog.exec()
        return dialog.hand_in


class PinDialog(QDialog):
    """The event's PIN, with "Forgot the PIN?" (``answer`` is the PIN typed, None when
    cancelled, or :data:`FORGOT_PIN`)."""

    def __init__(self, reason: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(reason or self.tr("Facilitator"))
        self.setAccessibleName(self.tr("The event's PIN"))
        self.answer: str | object | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        self.pin_edit = _field(
            form, self.tr("The event's &PIN:"), self.tr("The event's PIN"), secret=True
        )
        self.pin_edit.setMaxLength(64)
        ok, cancel = QPushButton(self.tr("OK")), QPushButton(self.tr("Cancel"))
        self.forgot_button = QPushButton(self.tr("&Forgot the PIN?"))
        _button_row(layout, ok, cancel, self.forgot_button)
        self.forgot_button.setAutoDefault(False)
        self.forgot_button.clicked.connect(self._on_forgot)
        ok.clicked.connect(self._on_ok)
        cancel.clicked.connect(self.reject)
        self.pin_edit.setFocus()

    @Slot()
    def _on_ok(self) -> None:
        self.answer = self.pin_edit.text()
        self.accept()

    @Slot()
    def _on_forgot(self) -> None:
        self.answer = FORGOT_PIN
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, reason: str) -> str | object | None:
        dialog = cls(reason, parent)
        dialog.exec()
        return dialog.answer


class NewPinDialog(QDialog):
    """A new PIN, typed twice (after the kit file proved who is asking)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Choose a new PIN"))
        self.setAccessibleName(self.tr("Choose a new PIN"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        self.pin_edit = _field(form, self.tr("New &PIN:"), self.tr("New PIN"), secret=True)
        self.pin2_edit = _field(
            form, self.tr("Type it &again:"), self.tr("Type the new PIN again"), secret=True
        )
        for edit in (self.pin_edit, self.pin2_edit):
            edit.setMaxLength(64)
        self.error_label = problem_label()
        self.error_label.hide()
        layout.addWidget(self.error_label)
        ok, cancel = QPushButton(self.tr("OK")), QPushButton(self.tr("Cancel"))
        _button_row(layout, ok, cancel)
        ok.clicked.connect(self._on_ok)
        cancel.clicked.connect(self.reject)
        self.pin_edit.setFocus()

    @Slot()
    def _on_ok(self) -> None:
        if self.pin_edit.text() != self.pin2_edit.text():
            self.error_label.setText(self.tr("The two PINs differ: type the same PIN twice."))
            self.error_label.show()
            self.pin_edit.setFocus()
            self.pin_edit.selectAll()
            return
        self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None) -> str | None:
        dialog = cls(parent)
        return dialog.pin_edit.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
