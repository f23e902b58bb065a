"""Counting words the way editors' word processors do.

A word is a run of characters between white space that holds at least one letter, digit or
symbol: so "U.S.", "don't", "2,342" and "e-mail" are one word each, and a dash standing
between spaces ("now — today") is not a word at all.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

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


# -- sentences, paragraphs, characters -------------------------------------------------------

# Words ending in a period that do not end a sentence (titles, common abbreviations).
_ABBREVIATIONS = frozenset(
    (
        "mr mrs ms dr prof sen rep gov gen lt col sgt capt st jr sr rev hon pres supt dept "
        "inc ltd co corp vs etc e.g i.e a.m p.m u.s u.k u.n d.c fig approx est jan feb mar "
        "apr jun jul aug sep sept oct nov dec"
    ).split()
)
# Starting only at the first mark of a run, taking the run whole: a run of a million dots
# not followed by a space is one failed try, not a million (which took minutes).
_SENTENCE_END_RE = re.compile(r"(?<![.!?…])[.!?…]++[\"'”’)\]]*+(?=\s|$)")
_NEXT_CHAR_RE = re.compile(r"\s*+(\S)")
#: Longer than any abbreviation or run of initials: how far back a sentence's last word is
#: looked for.
_LAST_WORD = 24


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence, as Python string offsets.

    A sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any closing quotes) before white
    space, unless the word before the period is a known abbreviation ("Sen.", "U.S.") or a
    single initial ("John C. Anderson"), or the next word starts in lower case; a paragraph
    break always ends one.
    """
    spans: list[tuple[int, int]] = []
    for para_start, para_end in paragraph_spans(text):
        start = para_start
        for match in _SENTENCE_END_RE.finditer(text, para_start, para_end):
            end = match.end()
            mark = match.group()
            if mark.startswith(".") and len(mark.rstrip("\"'”’)]")) == 1:
                low = max(start, match.start() - _LAST_WORD)
                word_start = text.rfind(" ", low, match.start()) + 1
                word_start = max(word_start, text.rfind("\n", low, match.start()) + 1, low)
                word = text[word_start : match.start()].lstrip("(\"'“‘").lower()
                if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                    continue
                if re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):  # "u.s" in "U.S."
                    continue
            following = _NEXT_CHAR_RE.match(text, end, para_end)
            if following and following.group(1).islower():
                continue
            if text[start:end].strip():
                spans.append(_trim(text, start, end))
            start = end
        if text[start:para_end].strip():
            spans.append(_trim(text, start, para_end))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph: runs of non-blank lines."""
    spans = []
    start = None
    offset = 0
    for line in text.splitlines(keepends=True):
        blank = not line.strip()
        if blank and start is not None:
            spans.append(_trim(text, start, offset))
            start = None
        elif not blank and start is None:
            start = offset
        offset += len(line)
    if start is not None:
        spans.append(_trim(text, start, len(text)))
    return spans


@dataclass(frozen=True)
class TextCounts:
    """The counts editors' word processors show."""

    words: int
    characters: int  # every character but line breaks, as Word counts "characters (with spaces)"
    characters_no_spaces: int
    sentences: int
    paragraphs: int


def text_counts(text: str) -> TextCounts:
    no_breaks = text.replace("\r", "").replace("\n", "")
    return TextCounts(
        words=count_words(text),
        characters=len(no_breaks),
        characters_no_spaces=sum(1 for char in text if not char.isspace()),
        sentences=len(sentence_spans(text)),
        paragraphs=len(paragraph_spans(text)),
    )
