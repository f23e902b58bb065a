"""Errors a user can cause and fix, each of which reads as one clear sentence.

Every error here is an :class:`OpedError`; the CLI prints ``str(error)`` to stderr and exits
with status 2, and the GUI shows it in a message box. Nothing here ever needs a traceback.
"""

from __future__ import annotations

import errno
from pathlib import Path


class OpedError(Exception):
    """Base class of the errors a user can act on."""


class DraftFileError(OpedError):
    """A draft file that cannot be read: corrupt, foreign, too large, too new, unreadable.

    ``reason`` says what is wrong in words a writer understands; ``line`` and ``column`` point
    into the JSON where there is such a place. The file on disk is never touched by the load
    that raised this.
    """

    def __init__(
        self, path: Path | str, reason: str, *, line: int | None = None, column: int | None = None
    ) -> None:
        self.path = Path(path)
        self.reason = reason
        self.line = line
        self.column = column
        super().__init__(str(self))

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f", line {self.line}"
            if self.column is not None:
                where += f", column {self.column}"
        return f"Cannot open {where}: {self.reason}"


class SaveError(OpedError):
    """A file could not be written; the previous file (if any) is intact."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"Could not save {self.path}: {self.reason}. The previous file is unchanged."


class ConflictError(SaveError):
    """The file on disk changed since it was opened (another program, window or process)."""

    def __init__(self, path: Path | str) -> None:
        super().__init__(
            path,
            "it was changed by another program or window since it was opened, "
            "and saving would overwrite those changes",
        )


class LibraryError(OpedError):
    """A drafts-library operation (duplicate, delete, restore) could not be done."""


def describe_os_error(exc: OSError) -> str:
    """A short, plain description of an operating-system error, for a writer to act on."""
    code = exc.errno
    if code == errno.ENOSPC or code == errno.EDQUOT:
        return "the disk is full; free some space and try again"
    if code == errno.EROFS:
        return "the disk or folder is read-only"
    if code in (errno.EACCES, errno.EPERM):
        return "permission denied; the folder may be read-only or belong to another user"
    if code == errno.ENOENT:
        return "the folder does not exist"
    if code == errno.ENAMETOOLONG:
        return "the file name is too long"
    if code == errno.EISDIR:
        return "that is a folder, not a file"
    if code == errno.ENOTDIR:
        return "part of the path is a file, not a folder"
    if code == errno.EINVAL:
        return "the file name contains characters this disk does not accept"
    if code in (errno.EBUSY, errno.ETXTBSY):
        return "the file is in use by another program"
    if code == errno.EIO:
        return "the disk reported an input/output error"
    return exc.strerror or exc.__class__.__name__
