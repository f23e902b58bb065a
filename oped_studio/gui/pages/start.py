"""Step 1, Start: the kind of piece, the paper, the article answered, and the writer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from oped_studio.core.draft import Article, Author, Draft
from oped_studio.gui.continue_bar import ContinueBar
from oped_studio.gui.date_field import DateField
from oped_studio.gui.paper_finder import PaperFinder
from oped_studio.gui.text import as_text, for_kind, provenance_text, send_to_text
from oped_studio.gui.workers import run_in_pool

if TYPE_CHECKING:
    from datetime import date

    from oped_studio.core.outlets import Outlet


class StartPage(QScrollArea):
    """The draft's kind, paper, article and contact block."""

    #: The writer changed something on this page.
    changed = Signal()
    #: The writer picked another kind of piece ("lte" or "oped").
    kind_changed = Signal(str)
    #: The writer wants to add a paper the directory does not have.
    add_outlet_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName(self.tr("Start"))
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(14)

        self.continue_bar = ContinueBar()  # "Continue: <last draft>", when start-up offers it
        layout.addWidget(self.continue_bar)
        heading = QLabel(self.tr("<h2>Start</h2>"))
        layout.addWidget(heading)
        layout.addWidget(self._build_kind_box())
        layout.addWidget(self._build_paper_box())
        layout.addWidget(self._build_author_box())
        layout.addStretch(1)
        self.setWidget(body)

        for edit in self._line_edits():
            edit.textEdited.connect(self._on_text_edited)
        self.disclosure_edit.textChanged.connect(self._on_edited)
        self.date_edit.date_changed.connect(self._on_date_changed)
        self.date_edit.problem_changed.connect(self._on_date_problem)
        self.kind_group.buttonToggled.connect(self._on_kind_toggled)
        self.outlet_edit.textEdited.connect(self._on_outlet_text)
        self.outlet_completer.activated[str].connect(self._on_outlet_text)
        self.add_outlet_button.clicked.connect(self.add_outlet_requested)
        self.finder.state_chosen.connect(self._on_state_chosen)
        self.finder.zip_entered.connect(self._on_zip_entered)
        self.finder.zip_cleared.connect(self._on_zip_cleared)
        self._loading = False

    def _build_kind_box(self) -> QGroupBox:
        """What you are writing: a letter or an op-ed."""
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
        return kind_box

    def _build_paper_box(self) -> QGroupBox:
        """The paper (found as you type) and the article the letter answers."""
        paper_box = QGroupBox(self.tr("The paper and the article you are answering"))
        paper_form = QFormLayout(paper_box)
        self.outlet_edit = self._line(
            self.tr("Paper"),
            self.tr("type the paper's name, city or state"),
        )
        self.outlet_completer = QCompleter([], self)
        self.outlet_edit.setCompleter(self.outlet_completer)
        self.outlet_rules = QLabel()
        self.outlet_rules.setWordWrap(True)
        self.outlet_rules.setAccessibleName(self.tr("The paper's rules"))
        self._configure_outlet_search()
        self._outlets: dict[str, Outlet] = {}
        self._labels: dict[str, str] = {}  # label shown -> outlet id
        self._outlet_id = ""
        self.title_edit = self._line(self.tr("Title"), self.tr("optional; an op-ed needs one"))
        self.headline_edit = self._line(
            self.tr("Article headline"), self.tr("the headline of the article you answer")
        )
        self.article_outlet_edit = self._line(
            self.tr("Published in"), self.tr("the paper that ran it")
        )
        self.date_edit = DateField()
        self.date_edit.setAccessibleName(self.tr("Article date"))
        self.url_edit = self._line(self.tr("Article web address"), "https://")
        paper_row = QHBoxLayout()
        paper_row.addWidget(self.outlet_edit, 1)
        self.add_outlet_button = QPushButton(self.tr("&Add your own paper…"))
        self.add_outlet_button.setAccessibleName(self.tr("Add your own paper"))
        paper_row.addWidget(self.add_outlet_button)
        self.finder = PaperFinder()  # after the button: Tab goes paper, add, state, ZIP
        paper_form.addRow(self._buddy(self.tr("&Paper:"), self.outlet_edit), paper_row)
        paper_form.addRow(self._buddy(self.tr("Find b&y:"), self.finder.state_box), self.finder)
        paper_form.addRow("", self.outlet_rules)
        paper_form.addRow(self.tr("&Title:"), self.title_edit)
        paper_form.addRow(self.tr("&Headline:"), self.headline_edit)
        paper_form.addRow(self.tr("Published &in:"), self.article_outlet_edit)
        self.days_label = as_text(QLabel())
        self.days_label.setWordWrap(True)
        self.days_label.setAccessibleName(self.tr("Days left to answer"))
        date_row = QHBoxLayout()
        date_row.addWidget(self.date_edit)
        date_row.addWidget(self.days_label, 1)
        paper_form.addRow(self._buddy(self.tr("&Date:"), self.date_edit), date_row)
        paper_form.addRow(self.tr("&Web address:"), self.url_edit)
        return paper_box

    def _build_author_box(self) -> QGroupBox:
        """The contact block papers use to verify a letter, and the disclosure."""
        author_box = QGroupBox(
            self.tr("Your contact details (papers use them to check that you wrote it)")
        )
        author_form = QFormLayout(author_box)
        self.name_edit = self._line(self.tr("Your name"), self.tr("as the paper should print it"))
        self.street_edit = self._line(self.tr("Street address"), "")
        self.city_edit = self._line(self.tr("City and state"), "")
        self.phone_edit = self._line(self.tr("Phone"), "")
        self.email_edit = self._line(self.tr("Email"), "")
        author_form.addRow(self.tr("Na&me:"), self.name_edit)
        author_form.addRow(self.tr("&Street:"), self.street_edit)
        author_form.addRow(self.tr("&City, state:"), self.city_edit)
        author_form.addRow(self.tr("Ph&one:"), self.phone_edit)
        author_form.addRow(self.tr("&Email:"), self.email_edit)
        self.disclosure_edit = QPlainTextEdit()
        self.disclosure_edit.setAccessibleName(self.tr("Disclosure"))
        self.disclosure_edit.setPlaceholderText(
            self.tr("Any personal or financial interest in the subject (some papers require it)")
        )
        self.disclosure_edit.setTabChangesFocus(True)
        self.disclosure_edit.setFixedHeight(64)
        author_form.addRow(self.tr("Disc&losure:"), self.disclosure_edit)
        return author_box

    def _buddy(self, text: str, field: QWidget) -> QLabel:
        """A row's label whose Alt+letter moves to ``field`` (QFormLayout only does this
        itself when the row holds the field alone)."""
        label = QLabel(text)
        label.setBuddy(field)
        return label

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
            self._outlet_id = draft.outlet_id
            self._show_outlet()
            self.title_edit.setText(draft.title)
            self.headline_edit.setText(draft.article.headline)
            self.article_outlet_edit.setText(draft.article.outlet)
            self.date_edit.set_date(draft.article.date)
            self.url_edit.setText(draft.article.url)
            self.name_edit.setText(draft.author.name)
            self.street_edit.setText(draft.author.street)
            self.city_edit.setText(draft.author.city_state)
            self.phone_edit.setText(draft.author.phone)
            self.email_edit.setText(draft.author.email)
            self.disclosure_edit.setPlainText(draft.disclosure)
        finally:
            self._loading = False

    def focus_first_field(self) -> None:
        """Put the cursor where a writer starts on this step: the paper field."""
        self.outlet_edit.setFocus()
        self.ensureWidgetVisible(self.outlet_edit)

    def selected_kind(self) -> str:
        return "oped" if self.oped_radio.isChecked() else "lte"

    def apply_to(self, draft: Draft) -> None:
        """Write the page's values into ``draft``."""
        draft.kind = self.selected_kind()
        draft.outlet_id = self._outlet_id
        draft.title = self.title_edit.text().strip()
        draft.article = Article(
            headline=self.headline_edit.text().strip(),
            outlet=self.article_outlet_edit.text().strip(),
            date=self.date_edit.date(),
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

    # -- the paper --------------------------------------------------------------------------

    def set_outlets(self, outlets: list[Outlet]) -> None:
        """Offer these papers as the writer types (the directory is read after start-up)."""
        from oped_studio.core.places import STATES  # after start-up, like the list

        self._outlets = {o.id: o for o in outlets}
        self._labels = {o.label(): o.id for o in outlets}
        codes = {o.state_code() for o in outlets}
        self.finder.set_states(
            sorted(((c, n) for c, n in STATES.items() if c in codes), key=lambda s: s[1])
        )
        # A paper added or a kit opened: keep the state chosen; a ZIP order is not kept.
        code = self.finder.state_box.currentData() or ""
        self._offer([o for o in outlets if not code or o.state_code() == code])
        if self.finder.zip_edit.text():
            self.finder.zip_edit.clear()
            self.finder.show_message("")
        typed = self.outlet_edit.text()
        if typed and not self._outlet_id:  # typed before the list arrived: match it now
            self._on_outlet_text(typed)
        else:
            self._show_outlet()

    def _offer(self, outlets: list[Outlet], ordered: bool = False) -> None:
        """Offer ``outlets`` in the paper list: by name, or in the order given."""
        labels = [o.label() for o in outlets]
        self.outlet_completer.model().setStringList(
            labels if ordered else sorted(labels, key=str.casefold)
        )

    def _show_list(self) -> None:
        """Open the paper list under the paper field, from its first paper."""
        self.outlet_edit.setFocus()
        self.outlet_completer.setCompletionPrefix("")
        self.outlet_completer.complete()

    @Slot(str)
    def _on_state_chosen(self, code: str) -> None:
        from oped_studio.core.places import STATES

        chosen = [o for o in self._outlets.values() if not code or o.state_code() == code]
        self._offer(chosen)
        if code:
            self.finder.show_message(
                self.tr("%1 papers in %2: choose one from the list.")
                .replace("%1", str(len(chosen)))
                .replace("%2", STATES.get(code, code))
            )
            self._show_list()
        else:
            self.finder.show_message("")

    @Slot(str)
    def _on_zip_entered(self, zip_code: str) -> None:
        from oped_studio.core.outlets import papers_nearest

        outlets = list(self._outlets.values())
        self.finder.show_message(self.tr("Looking up %1…").replace("%1", zip_code))
        run_in_pool(
            lambda: papers_nearest(zip_code, outlets),
            lambda found: self._on_nearest(zip_code, found),
            lambda message: self._on_zip_failed(zip_code, message),
            self,
        )

    def _on_zip_failed(self, zip_code: str, message: str) -> None:
        """Say why a ZIP code found nothing, unless the writer has typed another since."""
        if self.finder.zip_edit.text().strip() == zip_code:
            self.finder.show_message(message)

    @Slot()
    def _on_zip_cleared(self) -> None:
        self._offer(list(self._outlets.values()))
        self.finder.show_message("")

    def _on_nearest(self, zip_code: str, found: list) -> None:
        if self.finder.zip_edit.text().strip() != zip_code:
            return  # the writer typed another one meanwhile
        self.finder.state_box.setCurrentIndex(0)
        self._offer([outlet for outlet, _miles in found], ordered=True)
        first, miles = found[0] if found else (None, None)
        if first is None or miles is None:
            self.finder.show_message(
                self.tr("No paper's town is known near %1.").replace("%1", zip_code)
            )
            return
        self.finder.show_message(
            self.tr("Nearest %1: %2, %3 miles away. The list is nearest first.")
            .replace("%1", zip_code)
            .replace("%2", first.name)
            .replace("%3", f"{miles:,.0f}")
        )
        self._show_list()

    def _configure_outlet_search(self) -> None:
        """Match a paper's name anywhere, in any case; show its rules as plain text.

        Set through Qt's property system, by the enums' values (Qt::CaseInsensitive = 0,
        Qt::MatchContains = 1, Qt::PlainText = 0): the first use of PySide's ``Qt`` namespace
        costs about 25 ms, a sixth of the window's start. A test checks the enums that result.
        """
        self.outlet_completer.setProperty("caseSensitivity", 0)
        self.outlet_completer.setProperty("filterMode", 1)
        self.outlet_rules.setProperty("textFormat", 0)

    def outlet_id(self) -> str:
        return self._outlet_id

    def _show_outlet(self) -> None:
        """Show the chosen paper's name and rules, without emitting ``changed``."""
        outlet = self._outlets.get(self._outlet_id)
        text = outlet.label() if outlet else self._outlet_id
        if self.outlet_edit.text() != text:
            self.outlet_edit.setText(text)
        self._show_rules(self.rules_text(outlet, self.selected_kind()))

    def choose_outlet(self, outlet_id: str) -> None:
        """Make ``outlet_id`` the paper (as if the writer had picked it from the list)."""
        outlet = self._outlets.get(outlet_id)
        self._on_outlet_text(outlet.label() if outlet else outlet_id)
        self._show_outlet()

    def _show_rules(self, text: str) -> None:
        self.outlet_rules.setText(text)
        self._show_days_left()

    def _show_days_left(self) -> None:
        """How long the paper still takes a letter answering the article (if both are known)."""
        outlet = self._outlets.get(self._outlet_id)
        article_date = self.date_edit.date()
        if self.date_edit.problem():
            self.days_label.setText(self.date_edit.problem())
            return
        if outlet is None or article_date is None:
            self.days_label.clear()
            return
        rules = outlet.rules_for(self.selected_kind())
        left = rules.days_left(article_date)
        if left is None:
            self.days_label.setText(self.tr("This paper sets no deadline we know of."))
        elif left > 1:
            self.days_label.setText(self.tr("%1 days left to send it.").replace("%1", str(left)))
        elif left == 1:
            self.days_label.setText(self.tr("Last chance: send it by tomorrow."))
        elif left == 0:
            self.days_label.setText(self.tr("Last day: send it today."))
        else:
            self.days_label.setText(
                for_kind(
                    self.selected_kind(),
                    self.tr(
                        "Too late for a letter by %1 days: the paper takes letters about "
                        "articles from the last %2 days. Answer a newer article, or make your "
                        "point without one."
                    ),
                    self.tr(
                        "Too late for an op-ed by %1 days: the paper takes op-eds about "
                        "articles from the last %2 days. Answer a newer article, or make your "
                        "point without one."
                    ),
                )
                .replace("%1", str(-left))
                .replace("%2", str(rules.days_after_article))
            )

    def rules_text(self, outlet: Outlet | None, kind: str) -> str:
        if outlet is None:
            if self._outlet_id:
                return self.tr("This paper is not in the directory; its rules are unknown.")
            return self.tr("Choose the paper to see its word limit and rules.")
        rules = outlet.rules_for(kind)
        parts = []
        if rules.word_limit:
            parts.append(self.tr("at most %1 words").replace("%1", str(rules.word_limit)))
        elif rules.char_limit:
            parts.append(self.tr("at most %1 characters").replace("%1", f"{rules.char_limit:,}"))
        else:
            parts.append(self.tr("word limit unknown"))
        if rules.days_after_article:
            parts.append(
                self.tr("about articles from the last %1 days").replace(
                    "%1", str(rules.days_after_article)
                )
            )
        if rules.exclusive:
            parts.append(self.tr("send to this paper only"))
        if rules.attachments is False:
            parts.append(self.tr("no attachments: paste the text"))
        if rules.required_contact:
            parts.append(self.tr("needs your %1").replace("%1", ", ".join(rules.required_contact)))
        lines = [" · ".join(parts)]
        send = send_to_text(rules.send_to)
        if send:
            lines.append(send)
        lines.append(provenance_text(rules))
        return "\n".join(lines)

    @Slot(str)
    def _on_outlet_text(self, text: str) -> None:
        text = text.strip()
        if len(text) == 5 and text.isdigit() and text not in self._outlets:  # a ZIP code
            self.finder.zip_edit.setText(text)
            self.outlet_edit.clear()
            self._on_zip_entered(text)
            return
        chosen = self._labels.get(text) or (text if text in self._outlets else "")
        if chosen == self._outlet_id:
            return
        self._outlet_id = chosen
        self._show_rules(self.rules_text(self._outlets.get(chosen), self.selected_kind()))
        if not self._loading:
            self.changed.emit()

    # -- slots -----------------------------------------------------------------------------

    @Slot()
    def _on_edited(self) -> None:
        if not self._loading:
            self.changed.emit()

    @Slot(str)
    def _on_text_edited(self, _text: str) -> None:
        self._on_edited()

    @Slot(object)
    def _on_date_changed(self, _date: date | None) -> None:
        self._show_days_left()
        self._on_edited()

    @Slot(str)
    def _on_date_problem(self, _problem: str) -> None:
        self._show_days_left()

    @Slot(QAbstractButton, bool)
    def _on_kind_toggled(self, _button: QAbstractButton, checked: bool) -> None:
        if checked:
            self._show_rules(
                self.rules_text(self._outlets.get(self._outlet_id), self.selected_kind())
            )
        if checked and not self._loading:
            self.kind_changed.emit(self.selected_kind())
            self.changed.emit()
