"""Step 4, Review: the whole letter with its issues underlined, the figures, the paper's list.

The page only shows a report and says what the writer wants done (apply a suggestion, ignore
an issue or a rule in this letter, add a word to the dictionary); the main window runs the
checks off the UI thread and acts on those requests.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QPalette, QTextCursor
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from oped_studio.checks.issue import to_look_at
from oped_studio.gui.colours import copied_colours
from oped_studio.gui.text import (
    as_text,
    category_style,
    for_kind,
    issue_mark,
    qt_position,
    step_layout,
)

if TYPE_CHECKING:
    from oped_studio.checks.engine import CheckReport, CheckRequest
    from oped_studio.checks.issue import Issue

#: The letter's column keeps at least this many characters a line when the window allows.
LETTER_CHARACTERS = 46


class ReviewPage(QWidget):
    """The checked letter, its issues and figures."""

    apply_requested = Signal(object)  # Issue, with the suggestion to use first
    ignore_requested = Signal(object)  # Issue
    ignore_rule_requested = Signal(object)  # Issue: its rule, in this letter only
    add_word_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Review"))
        layout = step_layout(self, self.tr("Review"), bottom=8)
        self.figures = as_text(QLabel(self.tr("Checking…")))
        self.figures.setWordWrap(True)
        self.figures.setAccessibleName(self.tr("Figures"))
        layout.addWidget(self.figures)
        self.notices = as_text(QLabel())
        self.notices.setWordWrap(True)
        layout.addWidget(self.notices)
        self.legend = QLabel()
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.legend.setWordWrap(True)
        self.legend.setAccessibleName(self.tr("Legend"))
        self.legend.setText(self._legend_html())
        layout.addWidget(self.legend)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.letter = QTextEdit()
        self.letter.setReadOnly(True)
        self.letter.setAccessibleName(self.tr("Your letter, with issues underlined"))
        self.splitter.addWidget(self.letter)
        self.splitter.addWidget(self._build_side())
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.splitter, 1)
        self.splitter.installEventFilter(self)
        self.splitter.splitterMoved.connect(self._on_splitter_moved)

        self._text = ""
        self._issues: list[Issue] = []
        self.issue_list.currentRowChanged.connect(self._on_issue_selected)
        self.apply_button.clicked.connect(self._on_apply)
        self.ignore_button.clicked.connect(self._on_ignore)
        self.ignore_rule_button.clicked.connect(self._on_ignore_rule)
        self.add_word_button.clicked.connect(self._on_add_word)
        self._update_buttons()

    def _build_side(self) -> QWidget:
        """The issues, what to do with the one chosen, and the paper's checklist."""
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        self.issue_list = QListWidget()
        self.issue_list.setAccessibleName(self.tr("Issues"))
        self.issue_list.setWordWrap(True)
        side_layout.addWidget(self.issue_list, 2)
        self.buttons = QGridLayout()
        self.apply_button = QPushButton(self.tr("&Apply suggestion"))
        self.ignore_button = QPushButton(self.tr("&Ignore"))
        self.ignore_rule_button = QPushButton()
        self._name_ignore_rule("lte")
        self.add_word_button = QPushButton(self.tr("Add to &dictionary"))
        for button in self._action_buttons():
            button.setAccessibleName(button.text().replace("&", ""))
        self._columns = 0
        self._reflow_buttons(len(self._action_buttons()))
        side_layout.addLayout(self.buttons)
        checklist_label = QLabel(self.tr("The paper's checklist:"))
        side_layout.addWidget(checklist_label)
        self.checklist = QListWidget()
        self.checklist.setAccessibleName(self.tr("The paper's checklist"))
        self.checklist.setWordWrap(True)
        side_layout.addWidget(self.checklist, 1)  # a third of the height the buttons leave
        self.side = side
        return side

    def _action_buttons(self) -> tuple[QPushButton, ...]:
        return (
            self.apply_button,
            self.ignore_button,
            self.ignore_rule_button,
            self.add_word_button,
        )

    # -- a readable letter column at any text size ---------------------------------------------

    def _letter_width(self, characters: int) -> int:
        """The letter's width for lines of ``characters`` average characters."""
        letter = self.letter
        chrome = 2 * letter.frameWidth() + 2 * round(letter.document().documentMargin())
        chrome += letter.verticalScrollBar().sizeHint().width()
        return letter.fontMetrics().averageCharWidth() * characters + chrome

    def _buttons_width(self, columns: int) -> int:
        """The width the action buttons need in a grid of ``columns``."""
        widths = [b.sizeHint().width() for b in self._action_buttons()]
        spacing = max(self.buttons.horizontalSpacing(), 0)
        per_column = [max(widths[c::columns]) for c in range(columns)]
        return sum(per_column) + spacing * (columns - 1)

    def _reflow_buttons(self, columns: int) -> None:
        """The action buttons in ``columns`` columns (4: one row; 1: one above the other)."""
        if columns == self._columns:
            return
        self._columns = columns
        for index, button in enumerate(self._action_buttons()):
            self.buttons.removeWidget(button)
            self.buttons.addWidget(button, index // columns, index % columns)

    def _fit_buttons(self, width: int) -> None:
        self._reflow_buttons(next((c for c in (4, 2) if self._buttons_width(c) <= width), 1))

    def _fit_columns(self) -> None:
        """Give the letter 60% of the width, and never fewer than LETTER_CHARACTERS a line
        while the issues' side keeps room for its buttons one above the other (at a large
        text size the buttons stack, rather than squeeze the letter to a few words a line)."""
        total = self.splitter.width() - self.splitter.handleWidth()
        if total <= 0:
            return
        side_least = self._buttons_width(1)
        self.side.setMinimumWidth(side_least)
        wanted = max(self._letter_width(LETTER_CHARACTERS), round(total * 0.6))
        letter = max(min(wanted, total - side_least), 0)
        self._fit_buttons(total - letter)
        self.splitter.setSizes([letter, total - letter])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt's name
        if watched is self.splitter and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    @Slot(int, int)
    def _on_splitter_moved(self, _pos: int, _index: int) -> None:
        self._fit_buttons(self.side.width())

    def _legend_html(self) -> str:
        names = {
            "spelling": self.tr("spelling"),
            "grammar": self.tr("grammar"),
            "word-choice": self.tr("word choice"),
            "style": self.tr("style"),
            "readability": self.tr("readability"),
            "originality": self.tr("copied from the pack"),
        }
        window = self.palette().color(QPalette.ColorRole.Window)
        parts = [
            f'<span style="color:{category_style(key, window)[0].name()}; font-weight:bold;">'
            f"■</span> {name}"
            for key, name in names.items()
        ]
        return "&nbsp;&nbsp; ".join(parts)

    def changeEvent(self, event: QEvent) -> None:  # Qt's name
        """Another theme: the legend's colours follow (the letter's, at the next check);
        another text size: the columns are fitted again."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "legend"):
            self.legend.setText(self._legend_html())
        elif event.type() == QEvent.Type.FontChange and hasattr(self, "splitter"):
            self._fit_columns()

    def show_checking(self) -> None:
        self.figures.setText(self.tr("Checking…"))

    def show_check_failed(self, text: str) -> None:
        """The checks could not run: say so where the figures would be."""
        self.figures.setText(text)

    def _name_ignore_rule(self, kind: str) -> None:
        """ "Ignore rule in this letter" (or op-ed): the rule is ignored in this piece only."""
        button = self.ignore_rule_button
        button.setText(
            for_kind(
                kind, self.tr("Ignore &rule in this letter"), self.tr("Ignore &rule in this op-ed")
            )
        )
        button.setAccessibleName(button.text().replace("&", ""))
        button.setToolTip(
            for_kind(
                kind,
                self.tr(
                    "Stop pointing out this kind of issue in this letter. Edit > Settings "
                    "switches a check off for everything you write."
                ),
                self.tr(
                    "Stop pointing out this kind of issue in this op-ed. Edit > Settings "
                    "switches a check off for everything you write."
                ),
            )
        )

    def show_report(self, request: CheckRequest, report: CheckReport) -> None:
        """Show ``report`` for the letter as ``request`` had it (the text the engine saw)."""
        self._name_ignore_rule(request.kind)
        text = request.text
        self._text = text
        self.letter.setPlainText(text)
        self._issues = to_look_at(report.issues)
        checklist = [i for i in report.issues if i.end == i.start]
        self._underline()
        self.issue_list.clear()
        list_base = self.issue_list.palette().color(QPalette.ColorRole.Base)
        for issue in self._issues:
            words = text[issue.start : issue.end]
            quoted = words if len(words) <= 40 else words[:37] + "…"
            item = QListWidgetItem(f"{issue.category}: “{quoted}”. {issue.message}")
            item.setForeground(category_style(issue.category, list_base)[0])
            self.issue_list.addItem(item)
        self.checklist.clear()
        for issue in checklist:
            self.checklist.addItem(issue.message)
        if not checklist:
            self.checklist.addItem(self._empty_checklist_text(request))
        self.letter.setAccessibleName(
            for_kind(
                request.kind,
                self.tr("Your letter, with issues underlined"),
                self.tr("Your op-ed, with issues underlined"),
            )
        )
        self.figures.setText(self._figures_text(report))
        self.notices.setText(" ".join(report.notices))
        self._update_buttons()

    def _empty_checklist_text(self, request: CheckRequest) -> str:
        """What the paper's checklist says when the paper asks nothing of this piece."""
        if request.outlet is None:
            return self.tr("Choose a paper on the Start page to see its rules.")
        return for_kind(
            request.kind,
            self.tr("%1 asks nothing more of this letter."),
            self.tr("%1 asks nothing more of this op-ed."),
        ).replace("%1", request.outlet.name)

    def _figures_text(self, report: CheckReport) -> str:
        limit = report.limit
        if limit.max_words is not None:
            left = limit.remaining or 0
            words = self.tr("%1 of %2 words (%3)").replace("%1", str(limit.words))
            words = words.replace("%2", str(limit.max_words)).replace(
                "%3",
                self.tr("%1 over").replace("%1", str(-left))
                if left < 0
                else self.tr("%1 left").replace("%1", str(left)),
            )
        else:
            words = self.tr("%1 words").replace("%1", str(limit.words))
        parts = [
            words,
            self.tr("reading grade %1 (ease %2)")
            .replace("%1", f"{report.readability.grade:.0f}")
            .replace("%2", f"{report.readability.flesch_reading_ease:.0f}"),
        ]
        if report.originality is not None:
            parts.append(
                self.tr("%1% copied from the pack").replace(
                    "%1", f"{report.originality.copied_percent:.0f}"
                )
            )
        parts.append(self.tr("%1 to look at").replace("%1", str(len(self._issues))))
        return " · ".join(parts)

    def _underline(self) -> None:
        """Mark each issue's span as extra selections, never in the document's own formats.

        Formats merged into the document leak: ``setPlainText`` gives the new text the
        character format at the text cursor, which sits on the selected issue, so after
        Apply or Ignore the whole letter took that issue's underline.
        """
        copied = copied_colours(self.letter.palette())
        selections = [
            issue_mark(self.letter, self._text, i.start, i.end, i.category, copied)
            for i in self._issues
        ]
        self.letter.setExtraSelections(selections)

    def current_issue(self) -> Issue | None:
        row = self.issue_list.currentRow()
        return self._issues[row] if 0 <= row < len(self._issues) else None

    def _update_buttons(self) -> None:
        issue = self.current_issue()
        self.apply_button.setEnabled(bool(issue and issue.replacements))
        self.ignore_button.setEnabled(issue is not None)
        self.ignore_rule_button.setEnabled(issue is not None)
        self.add_word_button.setEnabled(bool(issue and issue.category == "spelling"))

    # -- slots ----------------------------------------------------------------------------------

    @Slot(int)
    def _on_issue_selected(self, _row: int) -> None:
        issue = self.current_issue()
        self._update_buttons()
        if issue is None:
            return
        cursor = self.letter.textCursor()
        cursor.setPosition(qt_position(self._text, issue.start))
        cursor.setPosition(qt_position(self._text, issue.end), QTextCursor.MoveMode.KeepAnchor)
        self.letter.setTextCursor(cursor)
        self.letter.ensureCursorVisible()

    @Slot()
    def _on_apply(self) -> None:
        issue = self.current_issue()
        if issue is not None and issue.replacements:
            self.apply_requested.emit(issue)

    @Slot()
    def _on_ignore(self) -> None:
        issue = self.current_issue()
        if issue is not None:
            self.ignore_requested.emit(issue)

    @Slot()
    def _on_ignore_rule(self) -> None:
        issue = self.current_issue()
        if issue is not None:
            self.ignore_rule_requested.emit(issue)

    @Slot()
    def _on_add_word(self) -> None:
        issue = self.current_issue()
        if issue is not None:
            self.add_word_requested.emit(self._text[issue.start : issue.end])
