"""Getting the letter out: export to a file, copy as text, print, and "I sent it".

Files are written off the UI thread from a snapshot of the draft; the submission log records
where and when a letter went and warns before a letter goes to a second paper when either
paper wants to be the only one.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QGuiApplication

from oped_studio.core.errors import OpedError
from oped_studio.gui.dialogs import Dialogs
from oped_studio.gui.workers import run_in_pool

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from oped_studio.export.exporter import ExportResult
    from oped_studio.gui.draft_session import DraftSession
    from oped_studio.gui.papers import PaperList

log = logging.getLogger(__name__)


class ExportActions(QObject):
    """The Export step's actions on the open draft."""

    #: A line for the status bar, and for how long (ms; 0 until replaced, -1 to clear it).
    message = Signal(str, int)
    #: A letter was recorded as sent (the Export step shows where it went).
    recorded = Signal()

    def __init__(
        self,
        session: DraftSession,
        papers: PaperList,
        dialog_parent: QWidget,
    ) -> None:
        super().__init__(dialog_parent)
        self._session = session
        self._papers = papers
        self._parent = dialog_parent

    def letter_text(self) -> str:
        """The letter as plain text, as "Copy as text" gives it (raises TemplateError)."""
        from oped_studio.export.exporter import plain_text

        draft = self._session.draft
        outlet = self._papers.get(draft.outlet_id)
        return plain_text(draft, outlet, templates=self._session.paths.templates)

    def preview_text(self) -> str:
        """The letter as plain text, or what is wrong with the letter template."""
        from oped_studio.core.render import TemplateError

        try:
            return self.letter_text()
        except TemplateError as exc:
            return self.tr("The letter template has a problem: %1").replace("%1", str(exc))

    # -- files, clipboard, printer -----------------------------------------------------------

    @Slot(str)
    def export(self, fmt: str) -> None:
        from oped_studio.export.exporter import default_name, export_draft

        draft = self._session.snapshot()  # the worker gets its own copy
        templates = self._session.paths.templates
        outlet = self._papers.get(draft.outlet_id)
        path = self._session.path
        folder = path.parent if path else Path.home()
        target = Dialogs.get_export_path(self._parent, folder / default_name(draft, fmt), fmt)
        if target is None:
            return
        self.message.emit(self.tr("Exporting…"), 0)
        # The file dialog already asked before replacing an existing file.
        run_in_pool(
            lambda: export_draft(
                draft, fmt, target, outlet=outlet, force=True, templates=templates
            ),
            self._on_exported,
            self._on_export_failed,
            self,
        )

    def _on_exported(self, result: ExportResult) -> None:
        self._session.remember_author()
        self.message.emit(self.tr("Exported %1").replace("%1", str(result.path)), 8000)
        if result.cleaned:
            Dialogs.show_info(
                self._parent, self.tr("Exported, with a change"), result.cleaned.describe()
            )

    def _on_export_failed(self, message: str) -> None:
        self.message.emit("", -1)
        Dialogs.show_error(self._parent, self.tr("Could not export"), message)

    @Slot()
    def copy_text(self) -> None:
        from oped_studio.core.render import TemplateError

        try:
            text = self.letter_text()
        except TemplateError as exc:
            Dialogs.show_error(self._parent, self.tr("Cannot copy the text"), str(exc))
            return
        QGuiApplication.clipboard().setText(text)
        self.message.emit(
            self.tr("Copied as text: paste it into your email or the paper's form."),
            6000,
        )

    @Slot()
    def print_letter(self) -> None:
        from oped_studio.core.render import TemplateError
        from oped_studio.gui.printing import letter_document

        draft = self._session.draft
        paper = self._papers.get(draft.outlet_id)
        try:
            document = letter_document(draft, paper, self._session.paths.templates, self)
        except TemplateError as exc:
            Dialogs.show_error(self._parent, self.tr("Cannot print"), str(exc))
            return
        Dialogs.print_preview(self._parent, document)

    @Slot(str)
    def open_form(self, url: str) -> None:
        """Open the paper's own page for letters in the browser; the app never submits it."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        if not url.startswith(("https://", "http://")):
            return
        if QDesktopServices.openUrl(QUrl(url)):
            self.message.emit(
                self.tr("Opened %1 in your web browser: paste your text there.").replace("%1", url),
                8000,
            )
        else:
            self.message.emit(
                self.tr("No web browser opened; type this address into one: %1").replace("%1", url),
                0,
            )

    # -- the submission log ------------------------------------------------------------------

    @Slot()
    def record_sent(self) -> None:
        """Record where and when the letter went, after warning about exclusivity."""
        from oped_studio.core.submissions import Submission, SubmissionLog

        draft = self._session.draft
        outlets = self._papers.by_name()
        choice = Dialogs.get_submission(
            self._parent, [(o.id, o.label()) for o in outlets], draft.outlet_id
        )
        if choice is None:
            return
        outlet_id, sent_on, how, note = choice
        directory = self._papers.directory
        outlet = directory.get(outlet_id)
        submissions = SubmissionLog(self._session.paths)
        try:
            conflicts = submissions.exclusivity_conflicts(draft.id, outlet, directory, draft.kind)
            if conflicts and not self._send_anyway(conflicts, outlet.name):
                return
            submissions.record(Submission.of(draft, outlet, sent_on, how, note))
        except OpedError as exc:
            Dialogs.show_error(self._parent, self.tr("Could not record it"), str(exc))
            return
        self.recorded.emit()
        self.message.emit(self.tr("Recorded: sent to %1.").replace("%1", outlet.name), 6000)

    def _send_anyway(self, conflicts, outlet_name: str) -> bool:
        earlier = ", ".join(f"{c.outlet_name} on {c.sent_on}" for c in conflicts)
        message = self.tr(
            "You sent this to %1. One of these papers prints only what is sent to it "
            "alone: wait for its answer (or withdraw it) before sending it to %2. Record it "
            "anyway?"
        )
        return Dialogs.ask_send_anyway(
            self._parent, message.replace("%1", earlier).replace("%2", outlet_name)
        )

    def sent_text(self) -> str:
        """Where the open draft was sent, for the Export step."""
        from oped_studio.core.submissions import SubmissionLog

        try:
            entries = SubmissionLog(self._session.paths).for_draft(self._session.shown.id)
        except OpedError as exc:
            return str(exc)
        if not entries:
            return ""
        sent = "; ".join(f"{e.outlet_name} on {e.sent_on} ({e.status})" for e in entries)
        return self.tr("Sent to %1.").replace("%1", sent)

    @Slot()
    def remind_overdue(self) -> None:
        """A letter whose paper's usual reply time has passed may go elsewhere: say so."""
        from oped_studio.core.submissions import SubmissionLog

        try:
            late = SubmissionLog(self._session.paths).overdue(self._papers.directory)
        except OpedError as exc:
            log.warning("%s", exc)
            return
        if late:
            first = late[0]
            self.message.emit(
                self.tr(
                    "No answer from %1 about “%2” since %3: its usual time has passed, so you "
                    "may send it to another paper (File > Drafts Library shows the log)."
                )
                .replace("%1", first.outlet_name)
                .replace("%2", first.title)
                .replace("%3", str(first.sent_on)),
                20000,
            )
