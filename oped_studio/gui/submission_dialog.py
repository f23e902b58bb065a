"""Record that a letter was sent: to which paper, when and how (the submission log)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from oped_studio.core.submissions import HOW
from oped_studio.gui.colours import problem_label
from oped_studio.gui.date_field import DateField


class SubmissionDialog(QDialog):
    """``choice`` is (outlet id, date sent, how, note) once accepted."""

    def __init__(self, outlets, current: str, parent: QWidget | None = None) -> None:
        """``outlets``: (id, label) pairs; ``current``: the draft's paper, chosen first."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record that you sent it"))
        self.setAccessibleName(self.tr("Record that you sent it"))
        self.choice: tuple[str, date, str, str] | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.outlet_combo = QComboBox()
        self.outlet_combo.setAccessibleName(self.tr("Paper"))
        for outlet_id, label in outlets:
            self.outlet_combo.addItem(label, outlet_id)
        self.outlet_combo.setCurrentIndex(max(0, self.outlet_combo.findData(current)))
        self.date_edit = DateField()
        self.date_edit.setAccessibleName(self.tr("Date sent"))
        self.date_edit.set_date(date.today())
        self.how_combo = QComboBox()
        self.how_combo.setAccessibleName(self.tr("How it was sent"))
        labels = {
            "email": self.tr("By email"),
            "web form": self.tr("Through the paper's web form"),
            "post": self.tr("By post"),
            "other": self.tr("Another way"),
        }
        for value in HOW:
            self.how_combo.addItem(labels[value], value)
        self.note_edit = QLineEdit()
        self.note_edit.setAccessibleName(self.tr("Note"))
        self.note_edit.setPlaceholderText(self.tr("optional: whom you wrote to, a reference"))
        form.addRow(self.tr("&Paper:"), self.outlet_combo)
        form.addRow(self.tr("&Sent on:"), self.date_edit)
        form.addRow(self.tr("&How:"), self.how_combo)
        form.addRow(self.tr("&Note:"), self.note_edit)
        layout.addLayout(form)
        self.error_label = problem_label()
        self.date_edit.problem_changed.connect(self.error_label.setText)  # on leaving the date
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _on_save(self) -> None:
        problem = self.date_edit.commit()
        sent = self.date_edit.date()
        if not problem and sent is None:
            problem = self.tr("Give the date you sent it.")
        elif not problem and sent > date.today():
            problem = self.tr("The date you sent it is still to come: give the day you sent it.")
        if problem:
            self.error_label.setText(problem)
            self.date_edit.setFocus()
            return
        self.choice = (
            str(self.outlet_combo.currentData()),
            sent,
            str(self.how_combo.currentData()),
            self.note_edit.text().strip(),
        )
        self.accept()
