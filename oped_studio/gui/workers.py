"""Slow work off the UI thread: one helper, :func:`run_in_pool`, around QThreadPool.

The worker gets plain data (never a widget), runs ``job`` in the pool, and reports back on
the UI thread through a signal: ``done(result)`` or ``failed(message)``. A worker catches its
exceptions; nothing dies silently. Tests replace :data:`RUN_INLINE` to run jobs at once.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from oped_studio.core.errors import OpedError

log = logging.getLogger(__name__)

#: When True, jobs run at once on the calling thread (tests set it).
RUN_INLINE = False


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(str)


class _Job(QRunnable):
    def __init__(self, job: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.job = job
        self.signals = signals

    def run(self) -> None:
        try:
            result = self.job()
        except OpedError as exc:
            self.signals.failed.emit(str(exc))
        except Exception as exc:  # report, never crash the pool thread silently
            log.exception("background job failed")
            self.signals.failed.emit(f"Something went wrong: {exc}")
        else:
            try:
                self.signals.done.emit(result)
            except RuntimeError:  # the app is shutting down and took the signals with it
                log.debug("a background job finished after the app closed")


_alive: set[_Signals] = set()
_arenas_limited = False


def limit_malloc_arenas() -> bool:
    """On glibc, keep one malloc arena for all threads (True when set).

    glibc gives each thread that allocates its own arena; Harper's dictionary is built in a
    worker thread and leaves its arena fragmented, which put the peak memory with a draft
    open and checks loaded about 30 MiB higher (benchmarks/run.py measures it). Our threads
    mostly wait on Python's lock anyway, so one arena costs no speed we can measure.
    """
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None)  # the process's own symbols, libc's among them
        return bool(libc.mallopt(_M_ARENA_MAX, 1))
    except (OSError, AttributeError):  # not glibc (musl has no mallopt)
        return False


_M_ARENA_MAX = -8  # from glibc's malloc.h


def run_in_pool(
    job: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_failed: Callable[[str], None],
    context: QObject | None = None,
) -> None:
    """Run ``job`` off the UI thread; call ``on_done`` or ``on_failed`` on the UI thread.

    With a ``context`` (the widget that asked), a report that arrives after the widget was
    deleted (the window closed while the job ran) is dropped.
    """
    signals = _Signals()
    _alive.add(signals)  # keep the signal object alive until the job reports

    def wanted() -> bool:
        _alive.discard(signals)
        return context is None or shiboken6.isValid(context)

    def finish_done(result: Any) -> None:
        if wanted():
            on_done(result)

    def finish_failed(message: str) -> None:
        if wanted():
            on_failed(message)

    signals.done.connect(finish_done)
    signals.failed.connect(finish_failed)
    runnable = _Job(job, signals)
    if RUN_INLINE:
        runnable.run()
        return
    global _arenas_limited
    if not _arenas_limited:  # before the first worker thread allocates anything
        _arenas_limited = True
        limit_malloc_arenas()
    QThreadPool.globalInstance().start(runnable)
