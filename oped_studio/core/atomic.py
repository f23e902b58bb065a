"""Atomic file writes: a reader sees the old file or the new one, never half of either.

The bytes go to a temporary file in the same folder, are flushed and fsynced, and the
temporary file then replaces the target with ``os.replace``. Any failure (disk full, read-only
folder, a crash between write and replace) leaves the target as it was and removes the
temporary file where it can.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from pathlib import Path

from oped_studio.core.errors import SaveError, describe_os_error

log = logging.getLogger(__name__)


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


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically; raise :class:`SaveError` on any failure."""
    path = Path(path)
    folder = path.parent
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise SaveError(path, describe_os_error(exc)) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise SaveError(path, describe_os_error(exc)) from exc
        raise
    _fsync_dir(folder)


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 (with ``\\n`` line ends) atomically."""
    atomic_write_bytes(path, text.encode("utf-8"))
