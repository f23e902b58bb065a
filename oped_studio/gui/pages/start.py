"""Step 1, Start: the kind of piece, the paper, the article answered, and the writer."""

from __future__ import annotations

from PySide6.QtCore import QDate, QRegularExpression, Signal, Slot
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from oped_studio.core.draft import Article, Author, Draft

_NO_DATE = QDate(1900, 1, 1)


class StartPage(QScrollArea):
    """The draft's kind, paper, article and contact block."""

    #: The writer changed something on this page.
    changed = Signal()
    #: The writer picked another kind of piece ("lte" or "oped").
    kind_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName(self.tr("Start"))
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(14)

        heading = QLabel(self.tr("<h2>Start</h2>"))
        layout.addWidget(heading)

        # What you are writing
        kind_box = QGroupBox(self.tr("What are you writing?"))
        kind_layout = QVBoxLayout(kind_box)
        self.lte_radio = QRadioButton(self.tr("A letter to the editor"))
        self.lte_radio.setAccessibleName(self.tr("Letter to the editor"))
        lte_note = QLabel(
            self.tr(
                "A short reply (usually 150 to 250 words) to something the paper published "
                "in the last few days. The quickest way into print."
            )
        )
        self.oped_radio = QRadioButton(self.tr("An op-ed"))
        self.oped_radio.setAccessibleName(self.tr("Op-ed"))
        oped_note = QLabel(
            self.tr(
                "A guest opinion column (usually 500 to 750 words) that argues one point "
                "with evidence. Best when you have expertise or experience to share."
            )
        )
        for note in (lte_note, oped_note):
            note.setWordWrap(True)
            note.setIndent(22)
        self.kind_group = QButtonGroup(self)
        self.kind_group.addButton(self.lte_radio)
        self.kind_group.addButton(self.oped_radio)
        for widget in (self.lte_radio, lte_note, self.oped_radio, oped_note):
            kind_layout.addWidget(widget)
        layout.addWidget(kind_box)

        # The paper and the article
        paper_box = QGroupBox(self.tr("The paper and the article you are answering"))
        paper_form = QFormLayout(paper_box)
        self.outlet_edit = self._line(
            self.tr("Paper (outlet id)"),
            self.tr("for example: nyt"),
        )
        self.outlet_edit.setValidator(
            QRegularExpressionValidator(QRegularExpression("[a-z0-9][a-z0-9_-]{0,63}"), self)
        )
        self.title_edit = self._line(self.tr("Title"), self.tr("optional; an op-ed needs one"))
        self.headline_edit = self._line(
            self.tr("Article headline"), self.tr("the headline of the article you answer")
        )
        self.article_outlet_edit = self._line(
            self.tr("Published in"), self.tr("the paper that ran it")
        )
        self.date_edit = QDateEdit()
        self.date_edit.setAccessibleName(self.tr("Article date"))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setMinimumDate(_NO_DATE)
        self.date_edit.setSpecialValueText(self.tr("not set"))
        self.date_edit.setDate(_NO_DATE)
        self.url_edit = self._line(self.tr("Article web address"), "https://")
        paper_form.addRow(self.tr("&Paper:"), self.outlet_edit)
        paper_form.addRow(self.tr("&Title:"), self.title_edit)
        paper_form.addRow(self.tr("&Headline:"), self.headline_edit)
        paper_form.addRow(self.tr("Published &in:"), self.article_outlet_edit)
        paper_form.addRow(self.tr("&Date:"), self.date_edit)
        paper_form.addRow(self.tr("&Web address:"), self.url_edit)
        layout.addWidget(paper_box)

        # Contact block
        author_box = QGroupBox(self.tr("Your contact details (papers use them to verify a letter)"))
        author_form = QFormLayout(author_box)
        self.name_edit = self._line(self.tr("Your name"), self.tr("as the paper should print it"))
        self.street_edit = self._line(self.tr("Street address"), "")
        self.city_edit = self._line(self.tr("City and state"), "")
        self.phone_edit = self._line(self.tr("Phone"), "")
        self.email_edit = self._line(self.tr("Email"), "")
        author_form.addRow(self.tr("&Name:"), self.name_edit)
        author_form.addRow(self.tr("&Street:"), self.street_edit)
        author_form.addRow(self.tr("&City, state:"), self.city_edit)
        author_form.addRow(self.tr("P&hone:"), self.phone_edit)
        author_form.addRow(self.tr("&Email:"), self.email_edit)
        self.disclosure_edit = QPlainTextEdit()
        self.disclosure_edit.setAccessibleName(self.tr("Disclosure"))
        self.disclosure_edit.setPlaceholderText(
            self.tr("Any personal or financial interest in the subject (some papers require it)")
        )
        self.disclosure_edit.setTabChangesFocus(True)
        self.disclosure_edit.setFixedHeight(64)
        author_form.addRow(self.tr("Dis&closure:"), self.disclosure_edit)
        layout.addWidget(author_box)
        layout.addStretch(1)
        self.setWidget(body)

        for edit in self._line_edits():
            edit.textEdited.connect(self._on_text_edited)
        self.disclosure_edit.textChanged.connect(self._on_edited)
        self.date_edit.dateChanged.connect(self._on_date_changed)
        self.kind_group.buttonToggled.connect(self._on_kind_toggled)
        self._loading = False

    def _line(self, accessible: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(accessible)
        edit.setPlaceholderText(placeholder)
        edit.setMaxLength(1000)
        edit.setClearButtonEnabled(True)
        return edit

    def _line_edits(self) -> list[QLineEdit]:
        return [
            self.outlet_edit,
            self.title_edit,
            self.headline_edit,
            self.article_outlet_edit,
            self.url_edit,
            self.name_edit,
            self.street_edit,
            self.city_edit,
            self.phone_edit,
            self.email_edit,
        ]

    # -- draft <-> widgets -------------------------------------------------------------------

    def show_draft(self, draft: Draft) -> None:
        """Fill the page from ``draft`` without emitting ``changed``."""
        self._loading = True
        try:
            (self.oped_radio if draft.kind == "oped" else self.lte_radio).setChecked(True)
            self.outlet_edit.setText(draft.outlet_id)
            self.title_edit.setText(draft.title)
            self.headline_edit.setText(draft.article.headline)
            self.article_outlet_edit.setText(draft.article.outlet)
            article_date = draft.article.date
            self.date_edit.setDate(
                QDate(article_date.year, article_date.month, article_date.day)
                if article_date
                else _NO_DATE
            )
            self.url_edit.setText(draft.article.url)
            self.name_edit.setText(draft.author.name)
            self.street_edit.setText(draft.author.street)
            self.city_edit.setText(draft.author.city_state)
            self.phone_edit.setText(draft.author.phone)
            self.email_edit.setText(draft.author.email)
            self.disclosure_edit.setPlainText(draft.disclosure)
        finally:
            self._loading = False

    def selected_kind(self) -> str:
        return "oped" if self.oped_radio.isChecked() else "lte"

    def apply_to(self, draft: Draft) -> None:
        """Write the page's values into ``draft``."""
        draft.kind = self.selected_kind()
        outlet = self.outlet_edit.text().strip()
        draft.outlet_id = outlet if self.outlet_edit.hasAcceptableInput() else ""
        draft.title = self.title_edit.text().strip()
        qdate = self.date_edit.date()
        draft.article = Article(
            headline=self.headline_edit.text().strip(),
            outlet=self.article_outlet_edit.text().strip(),
            date=None if qdate == _NO_DATE else qdate.toPython(),
            url=self.url_edit.text().strip(),
        )
        draft.author = Author(
            name=self.name_edit.text().strip(),
            street=self.street_edit.text().strip(),
            city_state=self.city_edit.text().strip(),
            phone=self.phone_edit.text().strip(),
            email=self.email_edit.text().strip(),
        )
        draft.disclosure = self.disclosure_edit.toPlainText().strip()

    # -- slots -----------------------------------------------------------------------------

    @Slot()
    def _on_edited(self) -> None:
        if not self._loading:
            self.changed.emit()

    @Slot(str)
    def _on_text_edited(self, _text: str) -> None:
        self._on_edited()

    @Slot(QDate)
    def _on_date_changed(self, _date: QDate) -> None:
        self._on_edited()

    @Slot(QAbstractButton, bool)
    def _on_kind_toggled(self, _button: QAbstractButton, checked: bool) -> None:
        if checked and not self._loading:
            self.kind_changed.emit(self.selected_kind())
            self.changed.emit()
