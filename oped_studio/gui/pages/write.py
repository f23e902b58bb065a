"""Step 3, Write: one field per section of the letter's structure, and a live preview.

Each section shows its prompt, its guidance, an example on demand and a budget bar (its share
of the paper's word limit). A fact from the chosen talking points can be inserted with its
source. The checks' findings are underlined in the fields as the writer goes (the main window
runs the checks off the UI thread and hands the results over).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import (
    QFont,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from oped_studio.core.draft import Draft
from oped_studio.core.letter_text import signoff_ids
from oped_studio.core.structures import Structure, structure_for
from oped_studio.gui.fact_menu import FactChoice, FactMenu
from oped_studio.gui.pages.critics import TO_BE_SURE, CriticsPanel, show_critics_below
from oped_studio.gui.pages.section_editor import SectionEditor, forward_typing
from oped_studio.gui.text import (
    as_text,
    for_kind,
    limit_text,
    tip,
    word_count_text,
)

if TYPE_CHECKING:
    from oped_studio.checks.engine import CheckReport, CheckRequest
    from oped_studio.core.packs import Pack

#: The page shows the structure's description when it is at least this many lines of text
#: high; below that, the description's lines go to the writing box.
ROOM_FOR_DESCRIPTION = 20


class WritePage(QWidget):
    """The draft's sections, in the order of its structure, beside a preview of the letter."""

    #: The writer changed a section's text.
    changed = Signal()
    #: The total word count was brought up to date.
    counted = Signal()
    #: The page wants the chosen points' facts (answered with :meth:`set_facts`).
    facts_requested = Signal()
    #: The preview was switched on and wants the letter (answered with :meth:`show_preview`).
    preview_requested = Signal()
    #: A sentence for the status bar, and how long to show it (ms).
    message = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Write"))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 8)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)  # a long structure's title never widens the window
        self.description = as_text(QLabel())
        self.description.setWordWrap(True)
        outer.addWidget(self.heading)
        outer.addWidget(self.description)

        tools = QHBoxLayout()
        self.fact_button = QToolButton()
        self.fact_button.setText(self.tr("Insert a &fact"))
        self.fact_button.setAccessibleName(self.tr("Insert a fact from your talking points"))
        self.fact_button.setToolTip(
            self.tr(
                "Insert a fact from the points you chose, with its source. Then say it in your "
                "own words: the Review step marks wording copied from the pack."
            )
        )
        self.fact_menu = FactMenu(self)
        self.fact_button.clicked.connect(self._on_fact_button)
        self.fact_menu.chosen.connect(self.insert_fact)
        tools.addWidget(self.fact_button)
        self.preview_check = QCheckBox(self.tr("Show &preview"))
        self.preview_check.setAccessibleName(self.tr("Show a preview, as it will be sent"))
        self.preview_check.setChecked(True)
        tools.addWidget(self.preview_check)
        self.check_summary = QLabel()
        self.check_summary.setWordWrap(True)  # on two lines rather than widen the window
        self.check_summary.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.check_summary.setAccessibleName(self.tr("Checks"))
        tools.addWidget(self.check_summary, 1)
        outer.addLayout(tools)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.splitter.addWidget(self.scroll)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName(self.tr("Preview, as it will be sent"))
        self.preview.setFont(QFont("Georgia"))
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        outer.addWidget(self.splitter, 1)
        self.total_label = QLabel()
        self.total_label.setAccessibleName(self.tr("Total words"))
        outer.addWidget(self.total_label)

        self.editors: list[SectionEditor] = []
        self.structure: Structure | None = None
        self._max_words: int | None = None
        self._facts: list[FactChoice] = []
        self._current_section = ""
        self._pack: Pack | None = None
        self._point_ids: list[str] = []
        self.preview_check.toggled.connect(self._on_preview_toggled)
        for tool in (self.fact_button, self.preview_check):
            tool.installEventFilter(self)

    def show_draft(self, draft: Draft) -> None:
        """Build one editor per section of the draft's structure and fill them.

        Text in sections the structure does not have (the writer switched from a letter to
        an op-ed, say) is shown after the structure's sections, so nothing is hidden or lost.
        """
        self.structure = structure_for(draft.structure_id, draft.kind)
        self.heading.setText(
            f"<h2>{html.escape(self.tr('Write'))}: {html.escape(self.structure.title)}</h2>"
        )
        self.description.setText(self.structure.description)
        self.heading.setToolTip(tip(self.structure.description))  # while the description is hidden
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 8, 0)
        self.editors = []
        known = {section.id for section in self.structure.sections}
        specs = [(s.id, s.title, s.prompt, s.guidance, s.example) for s in self.structure.sections]
        for section_id, text in draft.sections.items():
            if section_id not in known and text.strip():
                specs.append(
                    (
                        section_id,
                        self.tr("Earlier text (%1)").replace("%1", section_id),
                        self.tr("Text from a section this structure does not have."),
                        self.tr("Move what you want to keep into the sections above."),
                        "",
                    )
                )
        for section_id, title, prompt, guidance, example in specs:
            editor = SectionEditor(section_id, title, prompt, guidance, example)
            editor.set_text(draft.sections.get(section_id, ""))
            editor.text_changed.connect(self._on_section_changed)
            editor.counted.connect(self._on_section_counted)
            editor.focused.connect(self._on_section_focused)
            editor.tab_pressed.connect(self._on_section_tab)
            editor.editor.refused.connect(self._on_refused)
            editor.editor.others = self._chars_elsewhere(editor)
            layout.addWidget(editor)
            self.editors.append(editor)
        layout.addStretch(1)
        self.scroll.setWidget(body)  # deletes the previous body and its editors
        self._current_section = self.editors[0].section_id if self.editors else ""
        self.set_limit(self._max_words)
        self.check_summary.clear()
        self._update_total()
        self._show_pack_of(draft)

    def set_limit(self, max_words: int | None) -> None:
        """Give each section its share of the paper's word limit (None: no bars)."""
        self._max_words = max_words
        shares = {s.id: s.share for s in self.structure.sections} if self.structure else {}
        for editor in self.editors:
            share = shares.get(editor.section_id)
            budget = round(share * max_words) if max_words and share else None
            editor.set_budget(budget)
        self._update_total()

    def apply_to(self, draft: Draft) -> None:
        """Write the sections' texts into ``draft`` (keeping texts of hidden sections)."""
        for editor in self.editors:
            draft.sections[editor.section_id] = editor.text()

    @Slot(str)
    def _on_refused(self, why: str) -> None:
        self.message.emit(why, 15_000)

    def _chars_elsewhere(self, editor: SectionEditor) -> Callable[[], int]:
        """How many characters the sections other than ``editor`` hold (for its cap)."""
        return lambda: sum(len(e.text()) for e in self.editors if e is not editor)

    def section_texts(self) -> dict[str, str]:
        return {editor.section_id: editor.text() for editor in self.editors}

    def editor_for(self, section_id: str) -> SectionEditor | None:
        return next((e for e in self.editors if e.section_id == section_id), None)

    def focus_first_empty(self) -> None:
        """Put the cursor where the writer starts typing: the first empty section, or the
        one they were last in when every section has text."""
        editor = next((e for e in self.editors if not e.text().strip()), None)
        editor = editor or self.editor_for(self._current_section)
        if editor is not None:
            self._focus_section(editor)

    def _focus_section(self, editor: SectionEditor) -> None:
        editor.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        self.scroll.ensureWidgetVisible(editor.editor)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        """A character typed on the tools above the sections goes into the last section."""
        if event.type() == QEvent.Type.KeyPress:
            editor = self.editor_for(self._current_section)
            if editor is not None and forward_typing(event, editor.editor):
                return True
        return super().eventFilter(watched, event)

    def total_words(self) -> int:
        """The letter's words as papers count them: the signature or author line is left out."""
        signoff = signoff_ids(self.structure)
        return sum(editor.words() for editor in self.editors if editor.section_id not in signoff)

    # -- the chosen pack: examples on its topic, and its critics beside "To be sure" ----------

    def set_pack(self, pack: Pack | None, point_ids: Sequence[str]) -> None:
        """The pack and points the writer chose: the pack's examples replace the structure's
        where it has them, and an op-ed's "To be sure" section shows the critics' answers."""
        self._pack = pack
        self._point_ids = list(point_ids)
        self._show_pack()

    def critics_panel(self) -> CriticsPanel | None:
        """The critics' arguments and answers beside "To be sure", when they are shown."""
        body = self.scroll.widget()
        return body.findChild(CriticsPanel) if body is not None else None

    def _show_pack_of(self, draft: Draft) -> None:
        """A draft shown anew keeps the pack only if it is the draft's (another may not be)."""
        if self._pack is not None and self._pack.id != draft.pack_id:
            self._pack = None
        self._point_ids = list(draft.point_ids)
        self._show_pack()

    def _show_pack(self) -> None:
        structure, pack = self.structure, self._pack
        if structure is None:
            return
        for editor in self.editors:
            section = structure.section(editor.section_id)
            if section is None:
                continue  # text kept from another structure: it has no example
            own = pack.example(structure.id, section.id) if pack is not None else ""
            editor.set_example(own or section.example, pack.title if own and pack else "")
        to_be_sure = self.editor_for(TO_BE_SURE) if structure.kind == "oped" else None
        show_critics_below(to_be_sure, pack, self._point_ids, self.scroll.widget())

    # -- facts, preview and checks ----------------------------------------------------------------

    def set_facts(self, facts: Sequence[FactChoice]) -> None:
        """The facts of the chosen points, offered by "Insert a fact"."""
        self._facts = list(facts)

    def insert_fact(self, index: int) -> None:
        """Insert fact ``index`` with its source into the section the writer was last in."""
        editor = self.editor_for(self._current_section)
        if editor is None or not 0 <= index < len(self._facts):
            return
        editor.insert_at_cursor(self._facts[index].sentence)
        editor.editor.setFocus()

    def preview_shown(self) -> bool:
        return self.preview_check.isChecked()

    def show_preview(self, text: str) -> None:
        if self.preview.toPlainText() == text:
            return
        scroll = self.preview.verticalScrollBar().value()
        self.preview.setPlainText(text)
        self.preview.verticalScrollBar().setValue(scroll)

    def show_issues(self, request: CheckRequest, report: CheckReport) -> None:
        """Underline the report's issues in the fields they came from, and count them as
        Review does (:func:`~oped_studio.checks.issue.to_look_at`).

        An issue across sections (the words past the paper's limit) is underlined in each.
        A section changed since the check keeps no underlines (they would sit on the wrong
        words); the next check, a moment later, puts them back.
        """
        from oped_studio.checks.issue import to_look_at

        texts = self.section_texts()
        leads = request.section_leads(texts)
        per_section: dict[str, list[tuple[int, int, str, str]]] = {e: [] for e in texts}
        issues = to_look_at(report.issues)
        for issue in issues:
            for span in request.sections:
                start, end = max(issue.start, span.start), min(issue.end, span.end)
                where = request.section_range(start, end, texts, leads) if start < end else None
                if where is not None:
                    section_id, first, last = where
                    per_section[section_id].append((first, last, issue.category, issue.message))
        for editor in self.editors:
            editor.set_issues(per_section.get(editor.section_id, []))
        if issues:
            self.check_summary.setText(
                self.tr("%1 to look at, underlined (details in Review)").replace(
                    "%1", str(len(issues))
                )
            )
        else:
            self.check_summary.setText(self.tr("Nothing to look at"))

    def show_check_message(self, text: str) -> None:
        """Say why the checks did not run (too long to check as you type, an error)."""
        self.check_summary.setText(text)

    def show_checking(self) -> None:
        if not self.check_summary.text():
            self.check_summary.setText(self.tr("Checking…"))

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt's name
        """A short window (large text, or a small screen) gives the structure's description's
        lines to the writing box; the heading's tooltip keeps it."""
        super().resizeEvent(event)
        lines = event.size().height() / max(self.fontMetrics().lineSpacing(), 1)
        self.description.setVisible(lines >= ROOM_FOR_DESCRIPTION)

    # -- slots ------------------------------------------------------------------------------------

    def _update_total(self) -> None:
        """The whole letter or op-ed against the paper's limit, counted as papers count it."""
        words = self.total_words()
        kind = self.structure.kind if self.structure else "lte"
        against = limit_text(words, self._max_words)
        if against:
            text = for_kind(
                kind,
                self.tr("Letter: %1 · %2 (the signature does not count)"),
                self.tr("Op-ed: %1 · %2 (the author line does not count)"),
            ).replace("%2", against)
        else:
            text = for_kind(
                kind,
                self.tr("Letter: %1 (the signature does not count)"),
                self.tr("Op-ed: %1 (the author line does not count)"),
            )
        self.total_label.setText(text.replace("%1", word_count_text(words)))

    @Slot(str)
    def _on_section_changed(self, _section_id: str) -> None:
        self.changed.emit()

    @Slot(str)
    def _on_section_counted(self, _section_id: str) -> None:
        self._update_total()
        self.counted.emit()

    @Slot(str)
    def _on_section_focused(self, section_id: str) -> None:
        self._current_section = section_id

    @Slot(str, bool)
    def _on_section_tab(self, section_id: str, forward: bool) -> None:
        """Tab goes to the next section's text (from an op-ed's "To be sure", first to the
        critics' answers below it); past the last, on to the controls."""
        panel = self.critics_panel()
        if forward and section_id == TO_BE_SURE and panel is not None and panel.isVisible():
            panel.view.setFocus(Qt.FocusReason.TabFocusReason)
            return
        ids = [editor.section_id for editor in self.editors]
        index = ids.index(section_id)
        target = index + (1 if forward else -1)
        if 0 <= target < len(self.editors):
            self._focus_section(self.editors[target])
        else:
            self.editors[index].editor.focusNextPrevChild(forward)

    @Slot()
    def _on_fact_button(self) -> None:
        """Open the facts (the window answers ``facts_requested`` at once) below the button."""
        self.facts_requested.emit()
        self.fact_menu.show_facts(self._facts, FactMenu.entry_width(self.window().width()))
        self.fact_menu.open_below(self.fact_button)

    @Slot(bool)
    def _on_preview_toggled(self, shown: bool) -> None:
        self.preview.setVisible(shown)
        if shown:
            self.preview_requested.emit()
