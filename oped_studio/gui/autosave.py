"""When the open draft is written for recovery, and the writing, off the UI thread.

:class:`Autosaver` decides *when*, and writes in a thread of its own so that a slow disk never
holds up a keystroke:

* a pause in typing (:data:`AUTOSAVE_DELAY_MS`) writes the copy, as word processors do;
* steady typing that never pauses writes it too: a second timer, started by the first change
  not yet written, fires :data:`AUTOSAVE_MAX_WAIT_MS` later however many changes follow (a
  throttle, not only a debounce). So at most about a second of typing is ever lost.

The session hands over a job that writes bytes it has already made on the UI thread (where the
pages are read; about a millisecond for a long letter); the job does the fsync'd atomic write
in the pool thread. One write runs at a time: a copy that falls due meanwhile is written as
soon as it ends, with the text as it is then, so writes never pile up on a slow disk.
:meth:`Autosaver.settle` waits for a write under way and reports it, before anything that must
not overlap it (saving, deleting the copy, handing in, closing).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from oped_studio.gui import workers

log = logging.getLogger(__name__)

#: A pause in typing this long writes the recovery copy.
AUTOSAVE_DELAY_MS = 700
#: However steady the typing, the copy is written this long after the first change it does not
#: hold yet: the write itself and a busy moment of the event loop fit in the rest of the second.
AUTOSAVE_MAX_WAIT_MS = 800

#: ``done(result, error)``: what a write job returned, or the exception it raised.
Done = Callable[[Any, BaseException | None], None]


class _Reporter(QObject):
    """Carries "a write ended" from the pool thread to the UI thread."""

    finished = Signal(int)


class _Write(QRunnable):
    def __init__(self, token: int, job: Callable[[], Any], done: Done, reporter: _Reporter):
        super().__init__()
        self.setAutoDelete(False)  # the Autosaver keeps it, and reads its outcome
        self.token = token
        self.job = job
        self.done = done
        self.reporter = reporter
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.job()
        except Exception as exc:  # reported on the UI thread, never lost in the pool
            self.error = exc
        try:
            self.reporter.finished.emit(self.token)
        except RuntimeError:  # the window closed and took the reporter with it
            log.debug("a recovery write ended after its window closed")


class Autosaver(QObject):
    """The two timers and the one writer thread of a draft's recovery copy."""

    #: A copy is due (and no write is under way): the session should :meth:`write` one.
    due = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # The pool first: as a child it is deleted first, and waits for its write, whose
        # report then still finds the reporter.
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._reporter = _Reporter(self)
        self._reporter.finished.connect(self._on_finished)
        self._pause = self._timer(AUTOSAVE_DELAY_MS)
        self._max_wait = self._timer(AUTOSAVE_MAX_WAIT_MS)
        self._running: _Write | None = None
        self._again = False
        self._token = 0

    def _timer(self, interval: int) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(interval)
        timer.timeout.connect(self._on_timer)
        return timer

    def changed(self) -> None:
        """The draft changed: a copy falls due after a pause, and at the latest
        :data:`AUTOSAVE_MAX_WAIT_MS` after the first change since the last one."""
        self._pause.start()
        if not self._max_wait.isActive():
            self._max_wait.start()

    def stop(self) -> None:
        """Nothing is due any more (saved, discarded, another draft)."""
        self._pause.stop()
        self._max_wait.stop()
        self._again = False

    def is_writing(self) -> bool:
        return self._running is not None

    @Slot()
    def _on_timer(self) -> None:
        self._pause.stop()
        self._max_wait.stop()
        if self._running is not None:
            self._again = True  # written as soon as the write under way ends
        else:
            self.due.emit()

    def write(self, job: Callable[[], Any], done: Done, *, wait: bool = False) -> None:
        """Run ``job`` in the writer thread and call ``done(result, error)`` on the UI thread.

        With ``wait``, run it here and now (after any write under way), and report before
        returning: for when the copy must be on disk at once.
        """
        if wait or self._running is not None:
            self.settle()
        self._token += 1
        write = _Write(self._token, job, done, self._reporter)
        self._running = write
        if wait or workers.RUN_INLINE:
            write.run()
            self._finish()
        else:
            self._pool.start(write)

    def settle(self) -> None:
        """Wait for the write under way, if any, and report it now. A copy that fell due
        meanwhile is left to the timers (it is not written from here)."""
        if self._running is None:
            return
        self._pool.waitForDone()
        if self._again:
            self._again = False
            self._pause.start()
        self._finish()

    @Slot(int)
    def _on_finished(self, token: int) -> None:
        if self._running is not None and self._running.token == token:
            self._finish()  # else settle() reported it already

    def _finish(self) -> None:
        write, self._running = self._running, None
        if write is None:
            return
        write.done(write.result, write.error)
        if self._again and self._running is None:
            self._again = False
            self.due.emit()
