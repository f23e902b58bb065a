"""The personal dictionary: words the writer added, never flagged as misspelled.

A plain UTF-8 text file, one word per line, in the user data folder, so it is easy to read,
edit, and carry to another machine.
"""

from __future__ import annotations

import logging
import unicodedata

from oped_studio.core.atomic import atomic_write_text
from oped_studio.core.errors import OpedError
from oped_studio.core.files import UnreadableFileError, read_regular_file
from oped_studio.core.paths import AppPaths

log = logging.getLogger(__name__)

MAX_WORD = 64


def _normal(word: str) -> str:
    return unicodedata.normalize("NFC", word.strip())


class PersonalDictionary:
    """The dictionary kept in ``paths.dictionary_file``."""

    def __init__(self, paths: AppPaths) -> None:
        self.path = paths.dictionary_file

    def words(self) -> list[str]:
        try:
            raw = read_regular_file(self.path, what="personal dictionary")
        except UnreadableFileError as exc:
            if not exc.missing:
                log.warning("cannot read the personal dictionary: %s", exc)
            return []
        text = raw.decode("utf-8", errors="replace")
        seen: dict[str, str] = {}
        for line in text.splitlines():
            word = _normal(line)
            if word and not word.startswith("#") and len(word) <= MAX_WORD:
                seen.setdefault(word.casefold(), word)
        return list(seen.values())

    def add(self, word: str) -> None:
        """Add ``word`` (one word, no spaces); raises OpedError for a bad word or a bad disk."""
        word = _normal(word)
        if not word or any(ch.isspace() for ch in word) or len(word) > MAX_WORD:
            raise OpedError(f"“{word[:40]}” cannot go in the dictionary: add one word at a time.")
        words = self.words()
        if word.casefold() in {w.casefold() for w in words}:
            return
        self._write([*words, word])

    def remove(self, word: str) -> bool:
        words = self.words()
        keep = [w for w in words if w.casefold() != _normal(word).casefold()]
        if len(keep) == len(words):
            return False
        self._write(keep)
        return True

    def _write(self, words: list[str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(self.path, "".join(w + "\n" for w in sorted(words, key=str.casefold)))
