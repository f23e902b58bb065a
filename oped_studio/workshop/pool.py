"""Worker processes that never outlive the process that started them.

A plain ``ProcessPoolExecutor`` leaves its workers waiting on their queue for ever when the
parent is killed (``kill -9``, a closed terminal, an out-of-memory kill): each worker holds
the queue's other end open, so none ever sees it close, and every killed batch export left
up to four of them, each with a checker loaded. Here:

* on Linux each worker asks the kernel to kill it when its parent dies
  (``prctl(PR_SET_PDEATHSIG, SIGKILL)``);
* everywhere, a watchdog thread in each worker exits when the parent is gone;
* workers ignore Ctrl-C (the parent decides), and the parent turns SIGTERM into an orderly
  exit while the pool runs; either way it kills its workers before it goes.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

_PR_SET_PDEATHSIG = 1  # from linux/prctl.h
#: How often a worker's watchdog looks for its parent (seconds).
WATCH_INTERVAL = 0.5


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, and belongs to someone else
        return True
    return True


def _watch(parent: int, first_ppid: int) -> None:
    never = threading.Event()
    while not never.wait(WATCH_INTERVAL):
        if os.getppid() != first_ppid or not _alive(parent):
            os._exit(1)


def die_with_parent(parent: int) -> None:
    """A worker's initializer: end this process when ``parent`` ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's orderly exit, forked in
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    first_ppid = os.getppid()
    if not _alive(parent):  # it died before we could ask
        os._exit(1)
    threading.Thread(target=_watch, args=(parent, first_ppid), daemon=True).start()


def _raise_exit(signum: int, _frame) -> None:
    raise SystemExit(128 + signum)


@contextlib.contextmanager
def worker_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """A process pool whose workers die with this process, and are killed at once when the
    block is left by an exception (Ctrl-C, SIGTERM, an error) instead of being waited for."""
    pool = ProcessPoolExecutor(
        max_workers=workers, initializer=die_with_parent, initargs=(os.getpid(),)
    )
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _raise_exit)
    try:
        yield pool
    except BaseException:
        # The pool's own shutdown waits for the letters being checked; nobody wants them now.
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            with contextlib.suppress(OSError):
                process.kill()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    else:
        pool.shutdown(wait=True)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
