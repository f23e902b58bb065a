"""Step 5, Export: the letter as a Word document, plain text, an email draft or PDF, and print.

The page shows the letter as it will be sent, says how the chosen paper takes letters, and
asks the main window (through signals) to copy, save or print it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from oped_studio.gui.text import as_text, for_kind, send_to_text, step_layout

if TYPE_CHECKING:
    from oped_studio.core.outlets import Outlet


class ExportPage(QWidget):
    """Buttons for every export, the paper's instructions, and a preview of the text."""

    #: Save the letter in a format: "docx", "txt", "eml" or "pdf".
    export_requested = Signal(str)
    copy_requested = Signal()
    print_requested = Signal()
    #: The writer sent the letter and wants it in the submission log.
    sent_requested = Signal()
    #: The writer wants the paper's own submission page (its URL) open in the browser.
    open_form_requested = Signal(str)

    def __init__(self, pdf_available: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Export"))
        layout = step_layout(self, self.tr("Export"), bottom=16)

        self.instructions = QLabel()
        self.instructions.setWordWrap(True)
        self.instructions.setTextFormat(Qt.TextFormat.PlainText)
        self.instructions.setAccessibleName(self.tr("How to send it to the paper"))
        layout.addWidget(self.instructions)

        self.buttons_box = QGroupBox(self.tr("Send or save your letter"))
        grid = QGridLayout(self.buttons_box)
        self.copy_button = QPushButton(self.tr("&Copy as text"))
        self.copy_button.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.copy_button.setToolTip(
            self.tr("Copy it as plain text, to paste into an email or a web form")
        )
        self.copy_button.setDefault(True)
        self.docx_button = QPushButton(self.tr("Save as &Word document…"))
        self.txt_button = QPushButton(self.tr("Save as plain &text…"))
        self.eml_button = QPushButton(self.tr("Save as &email draft…"))
        self.eml_button.setToolTip(
            self.tr("An unsent email that opens in your mail program; OpEd Studio never sends it")
        )
        self.pdf_button = QPushButton(self.tr("Save as &PDF…"))
        self.print_button = QPushButton(self.tr("P&rint…"))
        self.print_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        for button in (
            self.copy_button,
            self.docx_button,
            self.txt_button,
            self.eml_button,
            self.pdf_button,
            self.print_button,
        ):
            button.setAccessibleName(button.text().replace("&", "").rstrip("…"))
        grid.addWidget(self.copy_button, 0, 0)
        grid.addWidget(self.docx_button, 0, 1)
        grid.addWidget(self.txt_button, 0, 2)
        grid.addWidget(self.eml_button, 1, 0)
        grid.addWidget(self.pdf_button, 1, 1)
        grid.addWidget(self.print_button, 1, 2)
        self.pdf_note = QLabel(
            self.tr(
                "PDF needs LibreOffice, which is not installed on this computer. Save a Word "
                "document instead; papers take it, or its text, everywhere."
            )
        )
        self.pdf_note.setWordWrap(True)
        grid.addWidget(self.pdf_note, 2, 0, 1, 3)
        self.form_button = QPushButton(self.tr("&Open the paper's form"))
        self.form_button.setAccessibleName(self.tr("Open the paper's form"))
        self.form_button.setToolTip(
            self.tr(
                "Opens the paper's own page for letters in your web browser. Paste your text "
                "there (use “Copy as text”); OpEd Studio never sends anything itself."
            )
        )
        self.form_button.clicked.connect(self._on_form)
        self.form_button.setVisible(False)
        grid.addWidget(self.form_button, 3, 0, 1, 3)
        self._form_url = ""
        self.sent_button = QPushButton(self.tr("I &sent it: record where and when…"))
        self.sent_button.setAccessibleName(self.tr("Record that you sent it"))
        self.sent_button.setToolTip(
            self.tr(
                "Keeps a log of where each letter or op-ed went, warns before one goes to a "
                "second paper that wants to be the only one, and tells you when you may stop "
                "waiting."
            )
        )
        self.sent_button.clicked.connect(self.sent_requested)
        grid.addWidget(self.sent_button, 4, 0, 1, 3)
        self.sent_label = as_text(QLabel())
        self.sent_label.setWordWrap(True)
        self.sent_label.setAccessibleName(self.tr("Where it was sent"))
        grid.addWidget(self.sent_label, 5, 0, 1, 3)
        self.pdf_button.setVisible(pdf_available)
        self.pdf_note.setVisible(not pdf_available)
        layout.addWidget(self.buttons_box)

        self.preview_label = as_text(QLabel(self.tr("Your letter as it will be sent:")))
        layout.addWidget(self.preview_label)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName(self.tr("Letter preview"))
        self.preview_label.setBuddy(self.preview)
        layout.addWidget(self.preview, 1)

        self.copy_button.clicked.connect(self._on_copy)
        self.print_button.clicked.connect(self._on_print)
        self.docx_button.clicked.connect(self._on_docx)
        self.txt_button.clicked.connect(self._on_txt)
        self.eml_button.clicked.connect(self._on_eml)
        self.pdf_button.clicked.connect(self._on_pdf)

    def show_sent(self, text: str) -> None:
        """Where and when this letter was sent ("" when it was not)."""
        self.sent_label.setText(text)

    def show_letter(self, text: str, outlet: Outlet | None, kind: str) -> None:
        """Show the letter's (or op-ed's) text and the chosen paper's instructions."""
        self.preview.setPlainText(text)
        self.instructions.setText(self.instructions_for(outlet, kind))
        self._form_url = outlet.rules_for(kind).send_to.web_form if outlet else ""
        self.form_button.setVisible(bool(self._form_url))
        self.buttons_box.setTitle(
            for_kind(kind, self.tr("Send or save your letter"), self.tr("Send or save your op-ed"))
        )
        self.preview_label.setText(
            for_kind(
                kind,
                self.tr("Your letter as it will be sent:"),
                self.tr("Your op-ed as it will be sent:"),
            )
        )
        self.preview.setAccessibleName(
            for_kind(kind, self.tr("Letter preview"), self.tr("Op-ed preview"))
        )

    def instructions_for(self, outlet: Outlet | None, kind: str) -> str:
        if outlet is None:
            return for_kind(
                kind,
                self.tr(
                    "Choose the paper on the Start page to see how it takes letters. Most big "
                    "papers want the letter pasted into an email or a web form, not attached."
                ),
                self.tr(
                    "Choose the paper on the Start page to see how it takes op-eds. Most big "
                    "papers want the op-ed pasted into an email or a web form, not attached."
                ),
            )
        rules = outlet.rules_for(kind)
        lines = []
        if send := send_to_text(rules.send_to):
            lines.append(send + ".")
        if rules.attachments is False:
            lines.append(
                for_kind(
                    kind,
                    self.tr(
                        "%1 does not open attachments: use “Copy as text” and paste the letter "
                        "into the body of your email."
                    ),
                    self.tr(
                        "%1 does not open attachments: use “Copy as text” and paste the op-ed "
                        "into the body of your email."
                    ),
                ).replace("%1", outlet.name)
            )
        if rules.exclusive:
            lines.append(
                self.tr("Send it to %1 only, not to another paper at the same time.").replace(
                    "%1", outlet.name
                )
            )
        if rules.reply_window:
            lines.append(rules.reply_window)
        if not lines:
            lines.append(
                for_kind(
                    kind,
                    self.tr(
                        "We have no sending instructions for %1; check its letters page. When "
                        "in doubt, paste the letter into the body of an email."
                    ),
                    self.tr(
                        "We have no sending instructions for %1; check its op-ed page. When in "
                        "doubt, paste the op-ed into the body of an email."
                    ),
                ).replace("%1", outlet.name)
            )
        return " ".join(lines)

    @Slot()
    def _on_form(self) -> None:
        if self._form_url:
            self.open_form_requested.emit(self._form_url)

    @Slot()
    def _on_copy(self) -> None:
        self.copy_requested.emit()

    @Slot()
    def _on_print(self) -> None:
        self.print_requested.emit()

    @Slot()
    def _on_docx(self) -> None:
        self.export_requested.emit("docx")

    @Slot()
    def _on_txt(self) -> None:
        self.export_requested.emit("txt")

    @Slot()
    def _on_eml(self) -> None:
        self.export_requested.emit("eml")

    @Slot()
    def _on_pdf(self) -> None:
        self.export_requested.emit("pdf")
