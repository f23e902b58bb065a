"""Add your own paper: a form for a paper the directory does not have.

The values are checked by the core (:func:`~oped_studio.core.outlets.build_user_outlet`, the
same check as ``oped-studio outlets add``); a value at fault is named beside the form and the
field gets the focus, and nothing is saved until the form is right.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from oped_studio.core.outlets import Outlet
from oped_studio.core.user_outlets import OutletInputError, build_user_outlet, outlet_id_for
from oped_studio.gui.colours import problem_label


class AddPaperDialog(QDialog):
    """The paper's name, place, limits and where to send; ``outlet`` once accepted."""

    def __init__(self, taken_ids: Iterable[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add your own paper"))
        self.setAccessibleName(self.tr("Add your own paper"))
        self._taken = set(taken_ids)
        self.outlet: Outlet | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Papers print their rules on their “Submit a letter” page. Fill in what you "
                "find there; leave a number at “not known” rather than guess."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.name_edit = self._line(self.tr("Paper's name"), self.tr("The Daily Planet"))
        self.city_edit = self._line(self.tr("City"), "")
        self.state_edit = self._line(self.tr("State"), "")
        self.kind_combo = QComboBox()
        self.kind_combo.setAccessibleName(self.tr("Kind of paper"))
        for value, label in (
            ("local", self.tr("Local paper")),
            ("metro", self.tr("Big-city paper")),
            ("national", self.tr("National paper")),
        ):
            self.kind_combo.addItem(label, value)
        words, days = self.tr(" words"), self.tr(" days")
        self.words_spin = self._number(self.tr("Word limit for letters"), 10_000, words)
        self.oped_words_spin = self._number(self.tr("Word limit for op-eds"), 10_000, words)
        self.days_spin = self._number(self.tr("Days after the article"), 365, days)
        self.exclusive_check = QCheckBox(self.tr("Letters must be sent to this paper only"))
        self.exclusive_check.setAccessibleName(self.tr("Exclusive"))
        self.email_edit = self._line(self.tr("Email for letters"), "letters@example.com")
        self.url_edit = self._line(self.tr("Web form for letters"), "https://")
        self.source_edit = self._line(
            self.tr("Where you read these rules"), self.tr("the paper's “Submit a letter” page")
        )
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow(self.tr("&City:"), self.city_edit)
        form.addRow(self.tr("&State:"), self.state_edit)
        form.addRow(self.tr("&Kind:"), self.kind_combo)
        form.addRow(self.tr("&Letters, at most:"), self.words_spin)
        form.addRow(self.tr("&Op-eds, at most:"), self.oped_words_spin)
        form.addRow(self.tr("Answer &within:"), self.days_spin)
        form.addRow("", self.exclusive_check)
        form.addRow(self.tr("&Email:"), self.email_edit)
        form.addRow(self.tr("&Web form:"), self.url_edit)
        form.addRow(self.tr("So&urce:"), self.source_edit)
        layout.addLayout(form)
        self.error_label = problem_label()
        self.error_label.setVisible(False)
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._fields: dict[str, QWidget] = {
            "name": self.name_edit,
            "city": self.city_edit,
            "state": self.state_edit,
            "source": self.source_edit,
            "id": self.name_edit,
            "kind": self.kind_combo,
            "word_limit": self.words_spin,
            "oped_word_limit": self.oped_words_spin,
            "days_after_article": self.days_spin,
            "email": self.email_edit,
            "url": self.url_edit,
        }

    def _line(self, accessible: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(accessible)
        edit.setPlaceholderText(placeholder)
        edit.setMaxLength(300)
        return edit

    def _number(self, accessible: str, maximum: int, suffix: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setSuffix(suffix)
        spin.setAccessibleName(accessible)
        spin.setRange(0, maximum)
        spin.setSpecialValueText(self.tr("not known"))  # shown for 0
        return spin

    def build(self) -> Outlet:
        """The paper as entered (raises OutletInputError naming the field at fault)."""

        def number(spin: QSpinBox) -> int | None:
            return spin.value() or None

        return build_user_outlet(
            outlet_id=outlet_id_for(self.name_edit.text(), self._taken),
            name=self.name_edit.text(),
            city=self.city_edit.text(),
            state=self.state_edit.text(),
            kind=self.kind_combo.currentData(),
            word_limit=number(self.words_spin),
            oped_word_limit=number(self.oped_words_spin),
            days_after_article=number(self.days_spin),
            exclusive=True if self.exclusive_check.isChecked() else None,
            email=self.email_edit.text(),
            url=self.url_edit.text(),
            source=self.source_edit.text(),
        )

    @Slot()
    def _on_save(self) -> None:
        try:
            self.outlet = self.build()
        except OutletInputError as exc:
            self.error_label.setText(str(exc))
            self.error_label.setVisible(True)
            self._fields.get(exc.field, self.name_edit).setFocus()
            return
        self.accept()
