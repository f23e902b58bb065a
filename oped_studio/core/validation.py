"""Checking hand-written TOML data (packs, outlets) and saying exactly what to fix, and where.

Every problem reads ``file:line: field: what is wrong, and how to fix it``. The checker collects
all problems of a file instead of stopping at the first, so a facilitator fixes them in one go.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from oped_studio.core.cleaning import one_line_problem
from oped_studio.core.files import ParseError, UnreadableFileError, loads_toml, read_regular_file
from oped_studio.core.tomllines import KeyPath, describe, key_lines, line_of

#: Patterns end in \Z, not $: "$" also matches before a final line break ("my-pack\n").
ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}\Z")
PARTIAL_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\Z")
URL_RE = re.compile(r"^https?://[^\s]+\Z")
#: Characters hand-written text never needs: control characters (a line break aside) and the
#: direction overrides that make text read differently from what it holds.
HIDDEN_RE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]")
#: What no text in a data file may hold, even one of several lines: the control characters
#: other than tabs and line breaks that a Word file (XML) cannot hold, and U+FFFE/U+FFFF (a
#: kit's handouts failed on a NUL in a pack's title).
CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _control_problem(text: str, found: re.Match[str]) -> str:
    return (
        f"has an invisible control character (U+{ord(found.group()):04X}) at character "
        f"{found.start() + 1}; delete it (retype the words around it)"
    )


def suggestion(word: str, choices: Iterable[str], listing: str) -> str:
    """``; did you mean 'x'?`` for a near miss, else ``; <listing>: a, b, c``."""
    choices = list(choices)
    guess = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if guess:
        return f"; did you mean '{guess[0]}'?"
    return f"; {listing}: {', '.join(choices) or 'none'}"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file."""

    file: Path
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


def _header(path: KeyPath, key: str) -> str:
    """The TOML header that writes ``path.key``: ``points.facts`` (no indexes)."""
    return ".".join([str(part) for part in path if isinstance(part, str)] + [key])


@dataclass
class Checker:
    """Reads values out of parsed TOML, recording a :class:`Problem` for each bad one."""

    file: Path
    lines: dict[KeyPath, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    today: date = field(default_factory=date.today)

    def sorted_problems(self) -> list[Problem]:
        return sorted(self.problems, key=lambda p: p.line)

    def problem(self, path: KeyPath, message: str) -> None:
        self.problems.append(Problem(self.file, line_of(self.lines, path), describe(path), message))

    # -- structure ----------------------------------------------------------------------

    def keys(self, table: dict[str, Any], path: KeyPath, allowed: Iterable[str]) -> None:
        """Report keys that are not in ``allowed``, with a guess at the one meant."""
        allowed = list(allowed)
        for key in table:
            if key not in allowed:
                hint = suggestion(key, allowed, "the keys here are")
                self.problem((*path, key), f"unknown key '{key}'{hint}")

    def table(
        self, data: dict[str, Any], key: str, path: KeyPath, *, required: bool = False
    ) -> dict[str, Any]:
        value = data.get(key)
        if value is None:
            if required:
                self.problem((*path, key), f"missing table [{_header(path, key)}]; add it")
            return {}
        if not isinstance(value, dict):
            self.problem((*path, key), "must be a table (a [section] of keys)")
            return {}
        return value

    def tables(
        self, data: dict[str, Any], key: str, path: KeyPath, *, required: bool = False
    ) -> list[dict[str, Any]]:
        """An array of tables (``[[key]]`` entries)."""
        value = data.get(key)
        if value is None:
            if required:
                self.problem((*path, key), f"no [[{_header(path, key)}]] entries; add at least one")
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.problem(
                (*path, key), f"must be written as [[{key}]] entries, each a table of keys"
            )
            return []
        return value

    # -- values -------------------------------------------------------------------------

    def text(
        self,
        data: dict[str, Any],
        key: str,
        path: KeyPath,
        *,
        required: bool = True,
        limit: int = 2000,
    ) -> str:
        value = data.get(key)
        where = (*path, key)
        if value is None:
            if required:
                self.problem(where, f'missing; add {key} = "..."')
            return ""
        if not isinstance(value, str):
            self.problem(where, f'must be text in quotes, like {key} = "..."')
            return ""
        value = value.strip()
        if required and not value:
            self.problem(where, "is empty; write something here or remove the entry")
        if len(value) > limit:
            self.problem(where, f"is {len(value):,} characters long; keep it under {limit:,}")
        if found := CONTROL_RE.search(value):
            self.problem(where, _control_problem(value, found))
            return ""
        return value

    def line(
        self,
        data: dict[str, Any],
        key: str,
        path: KeyPath,
        *,
        required: bool = True,
        limit: int = 200,
    ) -> str:
        """Text, as :meth:`text`, that must stay one line (a name, a city, a title): a line
        break in it would add a line to every letter that shows it, so it is refused ("")."""
        value = self.text(data, key, path, required=required, limit=limit)
        problem = one_line_problem(value)
        if problem:
            self.problem((*path, key), problem)
            return ""
        return value

    def plain_text(
        self, data: dict[str, Any], key: str, path: KeyPath, *, limit: int = 2000
    ) -> str:
        """Required text, as :meth:`text`, that holds no hidden character (see ``HIDDEN_RE``):
        shown to writers as it is, it must read as what it holds."""
        value = self.text(data, key, path, limit=limit)
        hidden = HIDDEN_RE.search(value)
        if hidden:
            self.problem((*path, key), _control_problem(value, hidden))
            return ""
        return value

    def ident(self, data: dict[str, Any], key: str, path: KeyPath, *, required: bool = True) -> str:
        value = self.line(data, key, path, required=required, limit=64)
        if value and not ID_RE.match(value):
            self.problem(
                (*path, key),
                f"'{value}' is not a valid id; use lower-case letters, digits and dashes, "
                'like "children-separated"',
            )
            return ""
        return value

    def url(self, data: dict[str, Any], key: str, path: KeyPath) -> str:
        value = self.line(data, key, path, required=False, limit=2000)
        if value and not URL_RE.match(value):
            self.problem((*path, key), "must be a web address starting with https:// or http://")
            return ""
        return value

    def text_list(
        self,
        data: dict[str, Any],
        key: str,
        path: KeyPath,
        *,
        required: bool = False,
        limit: int = 1000,
    ) -> list[str]:
        value = data.get(key)
        where = (*path, key)
        if value is None:
            if required:
                self.problem(where, f'missing; add {key} = ["...", "..."]')
            return []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(where, f'must be a list of texts, like {key} = ["...", "..."]')
            return []
        items = [v.strip() for v in value]
        if any(not item for item in items):
            self.problem(where, "has an empty entry; fill it in or remove it")
        if required and not items:
            self.problem(where, "is empty; add at least one entry")
        for item in items:
            if len(item) > limit:
                self.problem(
                    where, f"has an entry of {len(item):,} characters; keep each under {limit:,}"
                )
                break
        for item in items:
            if found := CONTROL_RE.search(item):
                self.problem(where, f"an entry {_control_problem(item, found)}")
                return []
        return [item for item in items if item]

    def partial_date(
        self, data: dict[str, Any], key: str, path: KeyPath, *, required: bool = True
    ) -> str:
        """A date as YYYY-MM-DD, or YYYY-MM or YYYY where only that much is known."""
        value = data.get(key)
        where = (*path, key)
        if value is None:
            if required:
                self.problem(where, f'missing; add {key} = "YYYY-MM-DD" (or YYYY-MM or YYYY)')
            return ""
        if isinstance(value, date):
            text = value.isoformat()
        elif isinstance(value, str):
            text = value.strip()
        else:
            self.problem(where, "must be a date like 2018-06-20 (or 2018-06, or 2018)")
            return ""
        if not text:
            self.problem(where, "is empty; write a date like 2018-06-20 (or 2018-06, or 2018)")
            return ""
        match = PARTIAL_DATE_RE.match(text)
        if not match:
            self.problem(
                where, f"'{text}' is not a date; write it as 2018-06-20 (or 2018-06, or 2018)"
            )
            return ""
        year, month, day = (int(g) if g else None for g in match.groups())
        try:
            first = date(year, month or 1, day or 1)
        except ValueError:
            self.problem(where, f"'{text}' is not a real date; check the month and day")
            return ""
        if first > self.today:
            self.problem(
                where, f"'{text}' is in the future; use the date the fact was true or published"
            )
            return ""
        return text

    def full_date(self, data: dict[str, Any], key: str, path: KeyPath) -> date | None:
        text = self.partial_date(data, key, path)
        if text and len(text) != 10:
            self.problem(
                (*path, key),
                f"'{text}' needs a day too, like {text}{'-01' * ((10 - len(text)) // 3)}",
            )
            return None
        return date.fromisoformat(text) if text else None

    def integer(
        self, data: dict[str, Any], key: str, path: KeyPath, *, low: int = 1, high: int = 100_000
    ) -> int | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem((*path, key), f"must be a whole number without quotes, like {key} = 150")
            return None
        if not low <= value <= high:
            shown = f"{value}" if abs(value) < 10**15 else f"a number of {len(str(value))} digits"
            self.problem(
                (*path, key), f"{shown} is out of range; use a number from {low} to {high:,}"
            )
            return None
        return value

    def boolean(self, data: dict[str, Any], key: str, path: KeyPath) -> bool | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, bool):
            self.problem((*path, key), "must be true or false, without quotes")
            return None
        return value

    def unique(self, ids: list[tuple[str, KeyPath]], what: str) -> None:
        seen: dict[str, KeyPath] = {}
        for value, path in ids:
            if not value:
                continue
            if value in seen:
                first = line_of(self.lines, seen[value])
                self.problem(
                    path,
                    f"the {what} id '{value}' is used twice (first on line {first}); "
                    "make each id unique",
                )
            else:
                seen[value] = path


def read_toml(path: Path, *, max_bytes: int, what: str) -> tuple[dict[str, Any] | None, Checker]:
    """Read and parse a hand-written TOML file; problems go into the returned checker.

    Only a regular file of at most ``max_bytes`` is read (see :mod:`files`): a pipe, a device,
    a folder or a huge file is one problem, never a hang.
    """
    try:
        raw = read_regular_file(path, max_bytes=max_bytes, what=what)
    except UnreadableFileError as exc:
        checker = Checker(path)
        checker.problems.append(Problem(path, 1, "(file)", f"cannot be read: {exc.reason}"))
        return None, checker
    return parse_toml(raw, path)


def parse_toml(raw: bytes, path: Path) -> tuple[dict[str, Any] | None, Checker]:
    """Parse the bytes of a hand-written TOML file; problems go into the returned checker.

    Text that is not UTF-8, is not TOML, is nested hundreds deep or holds a number with
    thousands of digits is one problem with its line, never an exception.
    """
    checker = Checker(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        checker.problems.append(
            Problem(path, line, "(file)", "is not UTF-8 text; save it as UTF-8 in your editor")
        )
        return None, checker
    try:
        data = loads_toml(text)
    except ParseError as exc:
        checker.problems.append(
            Problem(
                path,
                exc.line or 1,
                "(file)",
                f"is not valid TOML: {exc.reason}; check quotes, brackets and '=' signs",
            )
        )
        return None, checker
    checker.lines = key_lines(text)
    return data, checker
