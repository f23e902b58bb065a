"""The secrets of an event folder: the facilitator's PIN, each participant's resume code, and
the slowing-down of wrong guesses at either.

Neither a PIN nor a code is ever stored: only a salted PBKDF2 hash of it (a record
``{salt, hash, iterations}``). A resume code is six characters from an alphabet with no
look-alikes (no 0/O, 1/I/L), shown to the participant once, and typed back in any case, with
spaces or dashes.

Wrong tries are counted in ``DIR/tries.json`` (one count for the PIN, one for the codes):
after :data:`FREE_TRIES` wrong ones, each further try must wait ``2 ** (wrong - 3)`` seconds
(at most :data:`MAX_WAIT` seconds) from the last wrong one. A right answer resets the count;
nobody is ever locked out for good. An unreadable ``tries.json`` starts again from nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import math
import re
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

from oped_studio.core.atomic import atomic_write_text
from oped_studio.core.errors import OpedError
from oped_studio.core.files import UnreadableFileError, loads_json, read_text_file

log = logging.getLogger(__name__)

PIN_ITERATIONS = 200_000
#: A resume code is random, short lived and throttled: fewer iterations keep "Continue my
#: letter" quick on an old laptop.
CODE_ITERATIONS = 50_000
#: The most a stored record may ask for (a check of more would keep the window busy for long).
MAX_ITERATIONS = 10 * PIN_ITERATIONS

#: The characters of a resume code: no 0/O, 1/I/L, so a code read aloud or off paper is typed
#: back right.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6

#: Wrong tries allowed before each next try has to wait, and the longest wait (seconds).
FREE_TRIES = 3
MAX_WAIT = 60
#: tries.json is a few hundred bytes; anything larger is not ours.
_MAX_TRIES_BYTES = 64 * 1024


class EventError(OpedError):
    """The event folder cannot be used, or a PIN or code is wrong; the message says why and
    what to do. (Its home is here, the lowest of the event's modules;
    :mod:`oped_studio.core.event` is where callers import it from.)"""


class TooManyTries(EventError):
    """Too many wrong tries in a row: the next one has to wait ``wait_seconds``. The try that
    raised this was not counted (and not checked)."""

    def __init__(self, wait_seconds: int) -> None:
        self.wait_seconds = wait_seconds
        unit = "second" if wait_seconds == 1 else "seconds"
        super().__init__(f"Wait {wait_seconds} {unit} before trying again.")


# -- hashing -----------------------------------------------------------------------------------


def hash_secret(secret: str, iterations: int) -> dict[str, Any]:
    """The record stored for ``secret``: a fresh salt and the PBKDF2-SHA256 hash."""
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", secret.encode(), salt, iterations)
    return {"salt": salt.hex(), "hash": digest.hex(), "iterations": iterations}


def matches(record: object, secret: str) -> bool:
    """True when ``secret`` is the one ``record`` was made from; False for any record that is
    not one (a hand edit, a missing field, an absurd iteration count)."""
    if not isinstance(record, dict):
        return False
    try:
        salt = bytes.fromhex(record["salt"])
        expected = bytes.fromhex(record["hash"])
        iterations = record["iterations"]
    except (KeyError, TypeError, ValueError):
        return False
    if type(iterations) is not int or not 1 <= iterations <= MAX_ITERATIONS:
        return False  # a hand edit: 10**12 would hang the app
    digest = hashlib.pbkdf2_hmac("sha256", secret.encode(), salt, iterations)
    return hmac.compare_digest(digest, expected)


# -- resume codes ------------------------------------------------------------------------------


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normal_code(text: str) -> str:
    """A code as typed ("  abc-d23 ") as it was given ("ABCD23"); "" when it cannot be one."""
    code = re.sub(r"[\s\-]+", "", text[:100]).upper()
    if len(code) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in code):
        return ""
    return code


# -- slowing down wrong guesses ----------------------------------------------------------------


def wait_after(wrong: int) -> int:
    """Seconds to wait after ``wrong`` wrong tries in a row, from the last of them."""
    if wrong < FREE_TRIES:
        return 0
    return min(MAX_WAIT, 2 ** min(wrong - FREE_TRIES, 6))


class Throttle:
    """The count of wrong tries at one secret (``kind``: "pin" or "code") in ``file``.

    The file is only a memory across restarts: when it cannot be read or written (a stick
    pulled out, a read-only folder) the count carries on in memory and nothing fails.
    """

    def __init__(self, file: Path, kind: str, clock: Callable[[], float]) -> None:
        self.file = file
        self.kind = kind
        self.clock = clock
        self._memory: dict[str, Any] = {}

    def _all(self) -> dict[str, Any]:
        try:
            data = loads_json(read_text_file(self.file, max_bytes=_MAX_TRIES_BYTES, what="file"))
        except (UnreadableFileError, ValueError):
            return dict(self._memory)
        return data if isinstance(data, dict) else dict(self._memory)

    def _state(self) -> tuple[int, float]:
        entry = self._all().get(self.kind)
        if not isinstance(entry, dict):
            return 0, 0.0
        wrong, last = entry.get("wrong"), entry.get("last")
        if type(wrong) is not int or not isinstance(last, int | float) or not 0 <= wrong < 10**6:
            return 0, 0.0
        if not math.isfinite(last):
            return 0, 0.0
        return wrong, float(last)

    def _store(self, wrong: int, last: float) -> None:
        data = self._all()
        data[self.kind] = {"wrong": wrong, "last": last}
        self._memory = data
        try:
            atomic_write_text(self.file, json.dumps(data) + "\n")
        except OpedError as exc:
            log.warning("Could not record wrong tries: %s", exc)

    def check_allowed(self) -> None:
        """Raise :class:`TooManyTries` while a wait is on (the try is not counted)."""
        wrong, last = self._state()
        now = self.clock()
        left = wait_after(wrong) - (now - last)
        if left > 0 and now >= last:  # a clock set back never makes the wait longer
            raise TooManyTries(math.ceil(left))

    def wrong(self) -> None:
        wrong, _last = self._state()
        self._store(wrong + 1, self.clock())

    def right(self) -> None:
        if self._state()[0]:
            self._store(0, 0.0)


# -- the kit file, the way back in for a forgotten PIN ----------------------------------------


def kit_digest(path: Path) -> str:
    """The sha256 of a kit file (read as every kit is: a regular file, size-capped)."""
    from oped_studio.core.files import read_regular_file
    from oped_studio.core.kits import MAX_KIT_BYTES

    try:
        data = read_regular_file(path, max_bytes=MAX_KIT_BYTES, what="kit")
    except UnreadableFileError as exc:
        raise EventError(f"{exc}.") from None
    return hashlib.sha256(data).hexdigest()


def kit_id(kit_file: Path) -> str:
    """The id in a kit file's manifest ("" when it has none that can be read)."""
    from oped_studio.core.kits import parse_manifest, read_entries

    try:
        manifest, _problems = parse_manifest(read_entries(kit_file)["manifest.toml"], kit_file)
    except OpedError as exc:
        raise EventError(str(exc)) from None
    return manifest.id if manifest is not None else ""
