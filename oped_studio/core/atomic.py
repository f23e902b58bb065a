"""Atomic file writes, and the one answer to "may I write this file?".

The bytes go to a temporary file in the same folder, are flushed and fsynced, and the
temporary file then replaces the target with ``os.replace``. Any failure (disk full, read-only
folder, a crash between write and replace) leaves the target as it was and removes the
temporary file where it can.

Each caller says whether the file is ``private`` (drafts, settings, recovery copies, the
submissions log: mode 0600 whatever the umask) or a document the user shares (an exported
letter, a handout, ``summary.csv``, a kit: ``0666 & ~umask``, as any program would make it).

A file the user named (an export, a kit, a handout, a collected letter) goes through
:func:`check_target` first, and again just before the rename (``force`` given to
:func:`atomic_write_bytes`): a link, a folder, a device, a pipe or a socket is never replaced,
even when asked to; an existing file only when the user said so.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import sys
import tempfile
import threading
from collections.abc import Iterable
from pathlib import Path

from oped_studio.core.errors import OpedError, SaveError, describe_os_error

log = logging.getLogger(__name__)


class TargetError(OpedError):
    """A file the user named cannot be written there; nothing was written.

    ``existing`` is True when the only trouble is a regular file already there, which the
    user may choose to replace (``--force``, or a question in the window).
    """

    def __init__(self, message: str, *, existing: bool = False) -> None:
        super().__init__(message)
        self.existing = existing


def check_target(path: Path | str, *, force: bool) -> None:
    """Raise :class:`TargetError` unless a file may be written at ``path``.

    A missing file in an existing folder may; an existing regular file only with ``force``;
    a symbolic link (even one pointing nowhere), a folder, a device, a pipe or a socket never
    (replacing one would break a link, or turn ``/dev/null`` into a file).
    """
    path = Path(path)
    if "\x00" in str(path):
        raise TargetError(f"The file name {str(path)!r} contains a character no disk accepts.")
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        if not path.parent.is_dir():
            raise TargetError(
                f"Cannot write {path}: the folder {path.parent} does not exist."
            ) from None
        return
    except (OSError, ValueError) as exc:  # a name too long, a folder we may not look into
        reason = describe_os_error(exc) if isinstance(exc, OSError) else str(exc)
        raise TargetError(f"Cannot write {path}: {reason}.") from None
    if stat.S_ISLNK(info.st_mode):
        raise TargetError(
            f"{path} is a link to another file, and a link is never replaced; choose another "
            "name, or give the file it points to."
        )
    if stat.S_ISDIR(info.st_mode):
        raise TargetError(f"{path} is a folder; give a file name.")
    if not stat.S_ISREG(info.st_mode):
        raise TargetError(
            f"{path} is a device, a pipe or a socket, not a file, and is never replaced; "
            "choose another name."
        )
    if not force:
        raise TargetError(
            f"{path} already exists; choose another name, or replace it (--force).",
            existing=True,
        )


def check_targets(folder: Path, targets: Iterable[Path], *, force: bool) -> None:
    """:func:`check_target` for several files into ``folder`` (each of whose own folder
    exists): any that may never be replaced is named first; then, without ``force``, the
    ones that already exist, all in one sentence."""
    existing = []
    for target in targets:
        if target.parent.is_dir():
            try:
                check_target(target, force=force)
            except TargetError as exc:
                if not exc.existing:
                    raise
                existing.append(target)
    if len(existing) == 1:
        check_target(existing[0], force=force)
    elif existing:
        raise TargetError(
            f"{folder} already holds {len(existing)} files this would replace (such as "
            f"{existing[0].relative_to(folder)}); choose an empty folder, or replace them "
            "(--force).",
            existing=True,
        )


_umask_lock = threading.Lock()
_umask_cached: int | None = None


def current_umask() -> int:
    """The process's umask, read without changing it where the system allows (Linux)."""
    global _umask_cached
    if sys.platform.startswith("linux"):
        with (
            contextlib.suppress(OSError, ValueError),
            open("/proc/self/status", encoding="ascii", errors="replace") as status,
        ):
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    with _umask_lock:  # elsewhere: set and restore it once, and remember it
        if _umask_cached is None:
            _umask_cached = os.umask(0o022)
            os.umask(_umask_cached)
        return _umask_cached


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); a no-op where folders cannot be opened."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def atomic_write_bytes(
    path: Path, data: bytes, *, private: bool = True, force: bool | None = None
) -> None:
    """Write ``data`` to ``path`` atomically; raise :class:`SaveError` on any failure.

    ``private``: mode 0600 (the app's own files); False: a shared document, mode
    ``0666 & ~umask``. ``force``: None for the app's own files; True or False for a file the
    user named, checked by :func:`check_target` just before it is replaced.
    """
    path = Path(path)
    folder = path.parent
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise SaveError(path, describe_os_error(exc)) from exc
    tmp = Path(tmp_name)
    try:
        if not private and hasattr(os, "fchmod"):
            with contextlib.suppress(OSError):  # else it stays 0600, as mkstemp made it
                os.fchmod(fd, 0o666 & ~current_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if force is not None:
            check_target(path, force=force)
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise SaveError(path, describe_os_error(exc)) from exc
        raise
    _fsync_dir(folder)


def atomic_write_text(
    path: Path, text: str, *, private: bool = True, force: bool | None = None
) -> None:
    """Write ``text`` as UTF-8 (with ``\\n`` line ends) atomically (see
    :func:`atomic_write_bytes`)."""
    atomic_write_bytes(path, text.encode("utf-8"), private=private, force=force)
