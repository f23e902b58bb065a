"""Counting words the way editors' word processors do.

A word is a run of characters between white space that holds at least one letter, digit or
symbol: so "U.S.", "don't", "2,342" and "e-mail" are one word each, and a dash standing
between spaces ("now — today") is not a word at all.
"""

from __future__ import annotations

import re
import unicodedata

_TOKEN_RE = re.compile(r"\S+")


def _is_wordlike(token: str) -> bool:
    for char in token:
        category = unicodedata.category(char)
        # L* letters, N* numbers, S* symbols ($, %, emoji); not punctuation, marks or format
        # characters (a zero-width joiner alone is not a word).
        if category[0] in "LNS":
            return True
    return False


def words(text: str) -> list[str]:
    """The words of ``text`` in order."""
    return [token for token in _TOKEN_RE.findall(text) if _is_wordlike(token)]


def count_words(text: str) -> int:
    """How many words ``text`` has (see the module's docstring for what a word is)."""
    return sum(1 for token in _TOKEN_RE.finditer(text) if _is_wordlike(token.group()))
