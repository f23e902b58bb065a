"""Counting words the way editors' word processors do.

A word is a run of characters between white space that holds at least one letter, digit or
symbol: so "U.S.", "don't", "2,342" and "e-mail" are one word each, and a dash standing
between spaces ("now — today") is not a word at all.
"""

from __future__ import annotations

import re
import unicodedata

# A white-space-separated token with no letter or digit in any script ("—", "...", "$", "🌵").
# Almost no token is like that, so counting is: all tokens (fast, in C), less those of these
# that hold no symbol either.
_NO_ALNUM_TOKEN_RE = re.compile(r"(?<!\S)(?:[^\w\s]|_)+(?!\S)")


def _has_symbol(token: str) -> bool:
    """True when ``token`` has a letter, number or symbol (Unicode L*, N*, S*).

    Punctuation, combining marks and format characters (a lone zero-width joiner) do not
    make a word.
    """
    return any(unicodedata.category(char)[0] in "LNS" for char in token)


def words(text: str) -> list[str]:
    """The words of ``text`` in order."""
    return [token for token in text.split() if _has_symbol(token)]


def count_words(text: str) -> int:
    """How many words ``text`` has (see the module's docstring for what a word is)."""
    total = len(text.split())
    if not total:
        return 0
    not_words = sum(
        1 for match in _NO_ALNUM_TOKEN_RE.finditer(text) if not _has_symbol(match.group())
    )
    return total - not_words
