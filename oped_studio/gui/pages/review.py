"""Step 4, Review: the whole letter with its issues underlined, the figures, the paper's list.

The page only shows a report and says what the writer wants done (apply a suggestion, ignore
an issue or a rule, add a word to the dictionary); the main window runs the checks off the UI
thread and acts on those requests.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
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
from oped_studio.gui.text import CATEGORY_STYLE, qt_position, step_layout

if TYPE_CHECKING:
    from oped_studio.checks.engine import CheckReport, CheckRequest
    from oped_studio.checks.issue import Issue

_ORIGINALITY_BACKGROUND = "#FFF3A0"


class ReviewPage(QWidget):
    """The checked letter, its issues and figures."""

    apply_requested = Signal(object)  # Issue, with the suggestion to use first
    ignore_requested = Signal(object)  # Issue
    ignore_rule_requested = Signal(object)  # Issue
    add_word_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Review"))
        layout = step_layout(self, self.tr("Review"), bottom=8)
        self.figures = QLabel(self.tr("Checking…"))
        self.figures.setWordWrap(True)
        self.figures.setAccessibleName(self.tr("Figures"))
        layout.addWidget(self.figures)
        self.notices = QLabel()
        self.notices.setWordWrap(True)
        layout.addWidget(self.notices)
        legend = QLabel(self._legend_html())
        legend.setTextFormat(Qt.TextFormat.RichText)
        legend.setWordWrap(True)
        legend.setAccessibleName(self.tr("Legend"))
        layout.addWidget(legend)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.letter = QTextEdit()
        self.letter.setReadOnly(True)
        self.letter.setAccessibleName(self.tr("Your letter, with issues underlined"))
        splitter.addWidget(self.letter)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        self.issue_list = QListWidget()
        self.issue_list.setAccessibleName(self.tr("Issues"))
        self.issue_list.setWordWrap(True)
        side_layout.addWidget(self.issue_list, 1)
        buttons = QHBoxLayout()
        self.apply_button = QPushButton(self.tr("&Apply suggestion"))
        self.ignore_button = QPushButton(self.tr("&Ignore"))
        self.ignore_rule_button = QPushButton(self.tr("Ignore &rule"))
        self.add_word_button = QPushButton(self.tr("Add to &dictionary"))
        for button in (
            self.apply_button,
            self.ignore_button,
            self.ignore_rule_button,
            self.add_word_button,
        ):
            button.setAccessibleName(button.text().replace("&", ""))
            buttons.addWidget(button)
        side_layout.addLayout(buttons)
        checklist_label = QLabel(self.tr("The paper's checklist:"))
        side_layout.addWidget(checklist_label)
        self.checklist = QListWidget()
        self.checklist.setAccessibleName(self.tr("The paper's checklist"))
        self.checklist.setWordWrap(True)
        self.checklist.setMaximumHeight(140)
        side_layout.addWidget(self.checklist)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)

        self._text = ""
        self._issues: list[Issue] = []
        self.issue_list.currentRowChanged.connect(self._on_issue_selected)
        self.apply_button.clicked.connect(self._on_apply)
        self.ignore_button.clicked.connect(self._on_ignore)
        self.ignore_rule_button.clicked.connect(self._on_ignore_rule)
        self.add_word_button.clicked.connect(self._on_add_word)
        self._update_buttons()

    def _legend_html(self) -> str:
        names = {
            "spelling": self.tr("spelling"),
            "grammar": self.tr("grammar"),
            "word-choice": self.tr("word choice"),
            "style": self.tr("style"),
            "readability": self.tr("readability"),
            "originality": self.tr("copied from the pack"),
        }
        parts = [
            f'<span style="color:{CATEGORY_STYLE[key][0]}; font-weight:bold;">■</span> {name}'
            for key, name in names.items()
        ]
        return "&nbsp;&nbsp; ".join(parts)

    def show_checking(self) -> None:
        self.figures.setText(self.tr("Checking…"))

    def show_check_failed(self, text: str) -> None:
        """The checks could not run: say so where the figures would be."""
        self.figures.setText(text)

    def show_report(self, request: CheckRequest, report: CheckReport) -> None:
        """Show ``report`` for the letter as ``request`` had it (the text the engine saw)."""
        text = request.text
        self._text = text
        self.letter.setPlainText(text)
        self._issues = to_look_at(report.issues)
        checklist = [i for i in report.issues if i.end == i.start]
        self._underline()
        self.issue_list.clear()
        for issue in self._issues:
            words = text[issue.start : issue.end]
            quoted = words if len(words) <= 40 else words[:37] + "…"
            item = QListWidgetItem(f"{issue.category}: “{quoted}”. {issue.message}")
            color = CATEGORY_STYLE.get(issue.category, ("#000000", None))[0]
            item.setForeground(QColor(color))
            self.issue_list.addItem(item)
        self.checklist.clear()
        for issue in checklist:
            self.checklist.addItem(issue.message)
        if not checklist:
            self.checklist.addItem(self.tr("Choose a paper on the Start page to see its rules."))
        self.figures.setText(self._figures_text(report))
        self.notices.setText(" ".join(report.notices))
        self._update_buttons()

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
        selections = []
        for issue in self._issues:
            color, style = CATEGORY_STYLE.get(
                issue.category, ("#000000", QTextCharFormat.UnderlineStyle.SingleUnderline)
            )
            selection = QTextEdit.ExtraSelection()
            selection.format.setUnderlineStyle(style)
            selection.format.setUnderlineColor(QColor(color))
            if issue.category == "originality":
                selection.format.setBackground(QColor(_ORIGINALITY_BACKGROUND))
            cursor = QTextCursor(self.letter.document())
            cursor.setPosition(qt_position(self._text, issue.start))
            cursor.setPosition(qt_position(self._text, issue.end), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selections.append(selection)
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
