"""Running the checks off the UI thread: one at a time, newest text wins, old results dropped.

The window asks for a check (after a pause in typing, or on arriving at Write or Review); the
controller builds the request from a snapshot of the draft, runs it in the thread pool, and
reports ``checked(request, report)`` or ``failed(message)``. One check runs at a time: a
request made while one runs is remembered and made when it ends, with the text as it is then,
so a slow LanguageTool server never piles up work (novelWriter's editor/runnables.py works
the same way).

What the writer ignores (an issue, or a rule for this letter) is kept in the draft, not here:
the session writes it into the draft (which is then saved, autosaved and recovered like any
change), and the checks leave it out of every report on that draft from then on (the request
carries the draft; see ``checks.engine``), after saving and reopening too.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from oped_studio.core.errors import OpedError
from oped_studio.gui.dialogs import Dialogs
from oped_studio.gui.workers import run_in_pool

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from oped_studio.checks.engine import Checker, CheckReport, CheckRequest
    from oped_studio.checks.issue import Issue
    from oped_studio.core.settings import Settings
    from oped_studio.gui.draft_session import DraftSession

log = logging.getLogger(__name__)

#: How long after the last change the checks run again. Underlines are due at most 600 ms
#: after the last keystroke; a check of a 750-word letter takes about 30 ms once Harper is
#: warm, off the UI thread, so keystrokes that meet one stay quick (benchmarks/run.py).
LIVE_CHECK_DELAY_MS = 350


class CheckController(QObject):
    """Schedules checks and keeps the latest result."""

    #: A check started (the pages say "Checking…").
    started = Signal()
    #: The newest text was checked: ``(CheckRequest, CheckReport)``.
    checked = Signal(object, object)
    #: The checks could not run; the message says why.
    failed = Signal(str)
    #: A pause in typing has passed: the window decides whether a live check is wanted.
    live_check_due = Signal()

    def __init__(
        self,
        session: DraftSession,
        request: Callable[[], CheckRequest],
        settings: Callable[[], Settings],
        dialog_parent: QWidget,
    ) -> None:
        """``session`` holds the open draft (and keeps what the writer ignores in it);
        ``request`` makes a request from the draft as it is now (a snapshot: the worker gets
        its own copy); ``settings`` gives the settings the checks run with."""
        super().__init__(dialog_parent)
        self._session = session
        self._make_request = request
        self._settings = settings
        self._paths = session.paths
        self._parent = dialog_parent
        self.checker: Checker | None = None  # built on first use
        self._job = 0
        self.running = False
        self.again = False
        self.request: CheckRequest | None = None
        self.report: CheckReport | None = None
        self._live_timer = QTimer(self)
        self._live_timer.setSingleShot(True)
        self._live_timer.setInterval(LIVE_CHECK_DELAY_MS)
        self._live_timer.timeout.connect(self.live_check_due)

    def schedule(self) -> None:
        """The text changed: a live check is due after the next pause."""
        self._live_timer.start()

    def forget(self) -> None:
        """Another draft is open: the last result no longer applies, and a check still
        running is for the old draft (its result is dropped; the new draft is checked next)."""
        self.request = self.report = None
        self._job += 1
        if self.running:
            self.again = True

    def run(self) -> None:
        """Check the letter off the UI thread (see the module's docstring)."""
        if self.running:
            self.again = True
            self._job += 1  # whatever is running now is already out of date
            return
        self._job += 1
        job = self._job
        request = self._make_request()
        checker = self._checker()
        self.started.emit()
        self.running = True
        run_in_pool(
            lambda: checker.run(request),
            lambda report: self._on_checked(job, request, report),
            self._on_failed,
            self,
        )

    def _checker(self) -> Checker:
        from oped_studio.checks.dictionary import PersonalDictionary
        from oped_studio.checks.engine import Checker

        if self.checker is None:
            self.checker = Checker(self._settings(), PersonalDictionary(self._paths))
        return self.checker

    def check_once(
        self,
        on_done: Callable[[CheckRequest, CheckReport], None],
        on_failed: Callable[[str], None],
    ) -> None:
        """Check the letter as it is now off the UI thread, apart from the live checks (whose
        state is left alone): "I'm done" asks what is still open."""
        request, checker = self._make_request(), self._checker()
        run_in_pool(
            lambda: checker.run(request), lambda report: on_done(request, report), on_failed, self
        )

    def _finished(self) -> bool:
        """Note that the running check ended; True when another was asked for meanwhile."""
        self.running = False
        if self.again:
            self.again = False
            self.run()
            return True
        return False

    def _on_checked(self, job: int, request: CheckRequest, report: CheckReport) -> None:
        if self._finished() or job != self._job:
            return  # the letter changed since: a newer check is on its way
        self.request = request
        self.report = report
        self.checked.emit(request, report)

    def _on_failed(self, message: str) -> None:
        if self._finished():
            return
        self.failed.emit(self.tr("The checks could not run: %1").replace("%1", message))

    # -- the writer's answers to an issue ----------------------------------------------------

    def ignore(self, issue: Issue) -> None:
        """Leave this issue (this rule on this text) out of this letter's reports."""
        if self.request is not None:
            text = self.request.text[issue.start : issue.end]
            self._session.ignore_issue(issue.source, issue.rule, text)
        self.run()

    def ignore_rule(self, issue: Issue) -> None:
        """Leave the issue's rule out of this letter's reports (Edit > Settings switches a rule
        off for every letter; the writer's settings are not touched here)."""
        self._session.ignore_rule(issue.source, issue.rule)
        self.run()

    def add_word(self, word: str) -> None:
        from oped_studio.checks.dictionary import PersonalDictionary

        try:
            PersonalDictionary(self._paths).add(word)
        except OpedError as exc:
            Dialogs.show_error(self._parent, self.tr("Could not add the word"), str(exc))
            return
        self.run()

    # -- the engines -------------------------------------------------------------------------

    @Slot()
    def warm_up(self) -> None:
        """Start the offline grammar engine and read the known place names (the ZIP code
        data's cities, about half a second) in the background, once, so the first check on
        the Write step is quick."""
        from oped_studio.checks.harper_engine import HarperEngine
        from oped_studio.checks.place_names import warm_up as read_place_names

        def start() -> None:
            HarperEngine.shared().start()
            read_place_names()

        run_in_pool(start, lambda _: None, log.warning, self)

    def settings_changed(self) -> None:
        """New settings: the next check builds a new checker (the old one may stop a local
        LanguageTool server, off the UI thread)."""
        old, self.checker = self.checker, None
        if old is not None:
            run_in_pool(old.close, lambda _: None, log.warning)
