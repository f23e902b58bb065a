"""Reading a file that came from outside, safely: the one way every reader in the app opens one.

Drafts, packs, kits, outlets.toml, settings, templates, event files: any of them may be a named
pipe (which would block a plain ``open`` for ever), a device such as ``/dev/zero`` (which would
fill memory), a symlink to either, a folder, or a huge file. :func:`read_regular_file` opens
without blocking, checks with ``fstat`` that what it opened is a regular file, and reads at
most ``max_bytes``; every refusal is an :class:`UnreadableFileError` whose reason a person can
act on.

The parsers here turn the failures ``json`` and ``tomllib`` let escape as bare exceptions (a
5,000-digit number is a ``ValueError``; 5,000 nested brackets a ``RecursionError``) into
:class:`ParseError`, so one bad file is reported and never takes a command down.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from oped_studio.core.errors import OpedError, describe_os_error

#: The most any hand-written data file (a pack, outlets.toml, a kit's kit.toml, settings,
#: event.json, a template) may hold. The largest real one is under 100 KB.
MAX_DATA_BYTES = 4 * 1024 * 1024


class UnreadableFileError(OpedError):
    """A file the app was asked to read is missing, not a regular file, too large, or unreadable."""

    def __init__(self, path: Path | str, reason: str, *, missing: bool = False) -> None:
        self.path = Path(path)
        self.reason = reason
        #: True when there is no file at all (many files are optional: no file, no entries).
        self.missing = missing
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"Cannot read {self.path}: {self.reason}"


class ParseError(ValueError):
    """Text that is not valid JSON or TOML, or holds something the app cannot take.

    ``line`` is where the problem is, when the parser says so.
    """

    def __init__(self, reason: str, *, line: int | None = None, column: int | None = None):
        self.reason = reason
        self.line = line
        self.column = column
        super().__init__(reason)


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.0f} MB"
    return f"{max(1, size // 1024)} KB"


def read_regular_file(
    path: Path | str, *, max_bytes: int = MAX_DATA_BYTES, what: str = "file"
) -> bytes:
    """The bytes of the regular file at ``path``, at most ``max_bytes`` of them.

    Never blocks on a pipe and never reads a device: those, folders, sockets, missing files
    and files over ``max_bytes`` raise :class:`UnreadableFileError`, naming ``what`` the file
    was meant to be ("draft", "pack", ...).
    """
    path = Path(path)
    a_what = ("an " if what[:1] in "aeiou" else "a ") + what  # "an event file", "a draft"
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise UnreadableFileError(path, "the file does not exist", missing=True) from None
    except IsADirectoryError:
        raise UnreadableFileError(path, f"that is a folder, not {a_what}") from None
    except OSError as exc:
        raise UnreadableFileError(path, describe_os_error(exc)) from None
    try:
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISDIR(info.st_mode):
                raise UnreadableFileError(path, f"that is a folder, not {a_what}")
            if not stat.S_ISREG(info.st_mode):
                raise UnreadableFileError(
                    path,
                    f"that is a pipe, a device or a socket, not a file; it cannot be {a_what}",
                )
            if info.st_size > max_bytes:
                raise UnreadableFileError(
                    path,
                    f"the file is {_size_text(info.st_size)}; {a_what} may be at most "
                    f"{_size_text(max_bytes)}, so it is probably not {a_what}",
                )
            data = handle.read(max_bytes + 1)
    except IsADirectoryError:
        raise UnreadableFileError(path, f"that is a folder, not {a_what}") from None
    except OSError as exc:
        raise UnreadableFileError(path, describe_os_error(exc)) from None
    if len(data) > max_bytes:  # it grew while we read it
        raise UnreadableFileError(
            path, f"the file is larger than {a_what} may be ({_size_text(max_bytes)})"
        )
    return data


def read_text_file(path: Path | str, *, max_bytes: int = MAX_DATA_BYTES, what: str = "file") -> str:
    """:func:`read_regular_file` decoded as UTF-8 (a leading byte-order mark is dropped)."""
    data = read_regular_file(path, max_bytes=max_bytes, what=what)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise UnreadableFileError(
            path, f"line {line} is not UTF-8 text; save the file as UTF-8 in your editor"
        ) from None


_TOO_DEEP = "it is nested too deeply (brackets or tables inside one another hundreds of times)"
_HUGE_NUMBER = "it holds a number with thousands of digits, far more than any real value"


def _number_reason(exc: ValueError) -> str:
    if "digits" in str(exc):
        return _HUGE_NUMBER
    return str(exc)


def loads_json(text: str) -> Any:
    """``json.loads`` that raises only :class:`ParseError`."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ParseError(exc.msg, line=exc.lineno, column=exc.colno) from None
    except RecursionError:
        raise ParseError(_TOO_DEEP) from None
    except ValueError as exc:
        raise ParseError(_number_reason(exc)) from None


#: Python refuses to print an int of more than 4,300 digits; TOML's hex, octal and binary
#: literals (``0xffff...``) give one without the decimal parser's check. Far beyond any value.
_MAX_INT_BITS = 4096


def _refuse_huge_ints(data: Any) -> None:
    """Raise ParseError if ``data`` holds an int too large to print (walked without recursion)."""
    pending = [data]
    while pending:
        value = pending.pop()
        if isinstance(value, dict):
            pending.extend(value.values())
        elif isinstance(value, list):
            pending.extend(value)
        elif isinstance(value, int) and value.bit_length() > _MAX_INT_BITS:
            raise ParseError(_HUGE_NUMBER)


def loads_toml(text: str) -> dict[str, Any]:
    """``tomllib.loads`` that raises only :class:`ParseError` (line number kept where given)."""
    import tomllib  # a few ms: not at start-up, where no TOML is read

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        import re

        found = re.search(r"line (\d+), column (\d+)", str(exc))
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        if found:
            raise ParseError(reason, line=int(found[1]), column=int(found[2])) from None
        raise ParseError(reason) from None
    except RecursionError:
        raise ParseError(_TOO_DEEP) from None
    except ValueError as exc:
        raise ParseError(_number_reason(exc)) from None
    _refuse_huge_ints(data)
    return data
