"""The facilitator's view of an event (behind the event's PIN): each participant's paper,
words against the limit, open issues, copied share, look-alike letters and whether they are
done; their letter to read or print, reopen or collect with everyone's.

It refreshes itself in the background every few seconds while open ("live"): the checks on
every draft run in the pool, never on the UI thread, and a result older than the last
refresh asked for is dropped.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from oped_studio.core.event import EventFolder
from oped_studio.core.paths import AppPaths
from oped_studio.gui.text import tip
from oped_studio.gui.workers import run_in_pool
from oped_studio.workshop.facilitator import FacilitatorView, ParticipantRow, facilitator_view

#: How often the open view checks every draft again, in milliseconds (counted from the end of
#: the last check, so a slow check never piles up behind itself).
LIVE_INTERVAL_MS = 10_000


def _shorter(line: str, most: int = 160) -> str:
    """A line of the status cut to ``most`` characters (a 5,000-digit file name would make
    the dialog wider than the screen)."""
    return line if len(line) <= most else line[: most - 1] + "…"


class LetterDialog(QDialog):
    """One participant's letter, read-only, as plain text (it is a participant's text: never
    drawn as rich text), with Close."""

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        layout = QVBoxLayout(self)
        self.text_view = QPlainTextEdit()
        self.text_view.setReadOnly(True)
        self.text_view.setPlainText(text)
        self.text_view.setAccessibleName(self.tr("The letter"))
        self.text_view.setTabChangesFocus(True)
        font = self.text_view.font()
        font.setPointSizeF(font.pointSizeF() + 1)
        self.text_view.setFont(font)
        layout.addWidget(self.text_view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 620)


class FacilitatorDialog(QDialog):
    """Everyone's progress, live; Read, Print and Reopen act on the selected participant."""

    collect_requested = Signal()
    #: The facilitator asks to open this participant's letter (their number, "P003") on the
    #: laptop: the event controller reopens it.
    reopen_requested = Signal(str)
    #: Read: show this letter (title, plain text); Print: preview this QTextDocument.
    #: (dialogs.facilitator_view wires both to Dialogs.)
    read_requested = Signal(str, str)
    print_requested = Signal(object)

    HEADERS = ("Participant", "Paper", "Words", "Open issues", "Copied", "Looks like", "Done")

    def __init__(self, event: EventFolder, paths: AppPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Facilitator view"))
        self.setAccessibleName(self.tr("Facilitator view"))
        self.event = event
        self._paths = paths
        self._rows: list[ParticipantRow] = []
        layout = QVBoxLayout(self)
        self.status = QLabel(self.tr("Checking every draft…"))
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # it names files from the folder
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Status"))
        layout.addWidget(self.status)
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setAccessibleName(self.tr("Participants"))
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in self.HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table for the buttons
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.read_button = QPushButton(self.tr("&Read"))
        self.read_button.setToolTip(self.tr("Read the selected participant's letter (Enter)."))
        self.print_button = QPushButton(self.tr("&Print…"))
        self.print_button.setToolTip(self.tr("Print the selected participant's letter."))
        self.reopen_button = QPushButton(self.tr("Re&open"))
        self.reopen_button.setToolTip(
            self.tr("Open the selected participant's letter on this laptop to go on with it.")
        )
        self.refresh_button = QPushButton(self.tr("Re&fresh"))
        self.collect_button = QPushButton(self.tr("&Collect all letters…"))
        self.collect_button.setToolTip(
            self.tr("Every draft to Word and text, with a summary and a similarity report.")
        )
        close = QPushButton(self.tr("Close"))
        self._acting = (self.read_button, self.print_button, self.reopen_button)
        buttons = (*self._acting, self.refresh_button, self.collect_button)
        for button in (*buttons, close):
            button.setAutoDefault(False)
        self.read_button.setDefault(True)  # Enter on a row reads it
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.read_button.clicked.connect(self.read_selected)
        self.print_button.clicked.connect(self.print_selected)
        self.reopen_button.clicked.connect(self._on_reopen)
        self.refresh_button.clicked.connect(self.refresh)
        self.collect_button.clicked.connect(self.collect_requested)
        close.clicked.connect(self.accept)
        self.table.cellDoubleClicked.connect(self.read_selected)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        #: Single-shot: started when a check ends, so checks never overlap on their own.
        self.live_timer = QTimer(self)
        self.live_timer.setSingleShot(True)
        self.live_timer.setInterval(LIVE_INTERVAL_MS)
        self.live_timer.timeout.connect(self.refresh)
        self._closed = False
        self.finished.connect(self._on_finished)
        self.resize(980, 460)
        self._job = 0
        self._update_buttons()
        self.refresh()

    # -- refreshing -----------------------------------------------------------------------------

    @Slot()
    def refresh(self) -> None:
        """Check every draft again in the pool; the answer of an earlier refresh is dropped."""
        self.live_timer.stop()
        self._job += 1
        job = self._job
        if not self._rows:
            self.status.setText(self.tr("Checking every draft…"))
        event, paths = self.event, self._paths
        run_in_pool(
            lambda: facilitator_view(event, paths),
            lambda view: self._show(job, view),
            lambda message: self._failed(job, message),
            self,
        )

    def _failed(self, job: int, message: str) -> None:
        if job != self._job:
            return
        self.status.setText(message)
        self._again()

    def _again(self) -> None:
        if not self._closed:
            self.live_timer.start()

    @Slot()
    def _on_finished(self) -> None:
        """Closed: no more checks (one under way is dropped when it ends)."""
        self._closed = True
        self._job += 1
        self.live_timer.stop()

    def _show(self, job: int, view: FacilitatorView) -> None:
        if job != self._job:
            return
        selected = self.selected()
        keep = selected.participant.number if selected else None
        self._rows = rows = view.rows
        self.table.clearSpans()
        self.table.setRowCount(len(rows))
        finished = 0
        for index, row in enumerate(rows):
            finished += bool(row.participant.finished) and not row.error
            for column, text in enumerate(self.cells(row)):
                item = QTableWidgetItem(text)
                item.setToolTip(tip(text))  # whole, where the column cuts it; never HTML
                self.table.setItem(index, column, item)
            if row.error:  # the reason, across the figures it stands for
                self.table.setSpan(index, 1, 1, len(self.HEADERS) - 1)
            if row.participant.number == keep:
                self.table.selectRow(index)
        self._fit_columns()
        status = (
            self.tr("%1 participants, %2 finished. Checked again every few seconds.")
            .replace("%1", str(len(rows)))
            .replace("%2", str(finished))
        )
        skipped = [_shorter(line) for line in view.skipped[:5]]
        if len(view.skipped) > 5:
            more = self.tr("…and %1 more left out.").replace("%1", str(len(view.skipped) - 5))
            skipped.append(more)
        self.status.setText("\n".join([status, *skipped]))
        if self.table.currentRow() < 0 and rows:
            self.table.selectRow(0)
        self._update_buttons()
        self._again()

    def cells(self, row: ParticipantRow) -> list[str]:
        """The row's text, column by column; an unreadable draft shows its error instead of
        the figures, an unfinished one says so instead of them. A participant is named as
        they were told ("Participant 3 on hall-1"): numbers are per laptop."""
        who = row.participant.label_on_laptop
        if row.error:
            return [who, row.error, *[""] * (len(self.HEADERS) - 2)]
        alike = ""
        if row.look_alike:
            alike = self.tr("like %1").replace("%1", ", ".join(row.look_alike))
        done = self.tr("yes") if row.participant.finished else self.tr("not yet")
        if row.unfinished:
            return [who, row.paper, row.unfinished, "—", "—", alike, done]
        words = str(row.words) if row.limit is None else f"{row.words} / {row.limit}"
        if row.over is not None and row.over > 0:
            words = self.tr("%1 over").replace("%1", str(row.over)) + f" ({words})"
        copied = "" if row.copied_percent is None else f"{row.copied_percent:.0f}%"
        return [who, row.paper, words, row.issues_text, copied, alike, done]

    def _fit_columns(self) -> None:
        """Each column as wide as its text (at most 320 px: a long paper's name or error is
        cut, its tooltip whole); the look-alike column takes the room left."""
        header = self.table.horizontalHeader()
        self.table.resizeColumnsToContents()
        for column in range(len(self.HEADERS)):
            width = min(self.table.columnWidth(column), 320)
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, max(width, 70))
        header.setSectionResizeMode(
            self.HEADERS.index("Looks like"), QHeaderView.ResizeMode.Stretch
        )

    def cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item else ""

    # -- the selected participant ----------------------------------------------------------------

    def selected(self) -> ParticipantRow | None:
        index = self.table.currentRow()
        if not self.table.selectionModel().hasSelection() or not 0 <= index < len(self._rows):
            return None
        return self._rows[index]

    @Slot()
    def _update_buttons(self) -> None:
        row = self.selected()
        readable = row is not None and not row.error
        self.read_button.setEnabled(readable)
        self.print_button.setEnabled(readable)
        self.reopen_button.setEnabled(row is not None)

    def _title(self, row: ParticipantRow) -> str:
        return self.tr("%1's letter").replace("%1", row.participant.label_on_laptop)

    @Slot()
    def read_selected(self) -> None:
        row = self.selected()
        if row is None or row.error:
            return
        self.read_requested.emit(self._title(row), row.letter_text)

    @Slot()
    def print_selected(self) -> None:
        from oped_studio.core.render import TemplateError
        from oped_studio.gui.printing import letter_document

        row = self.selected()
        if row is None or row.error or row.draft is None:
            return
        try:
            document = letter_document(row.draft, row.outlet, self._paths.templates, self)
        except TemplateError as exc:  # the writer's own template: said where the view says
            self.status.setText(self.tr("Cannot print: %1").replace("%1", str(exc)))
            return
        self.print_requested.emit(document)

    @Slot()
    def _on_reopen(self) -> None:
        row = self.selected()
        if row is None:
            return
        self.reopen_requested.emit(row.participant.number)
        self.accept()
