"""Capital letters a writer left out: a sentence's first word, and a nationality, language,
month, day or holiday written in lower case ("I am learning french", "see you on monday").

Our own rules rather than Harper's sentence-capitalisation rule, which also fired after
abbreviations and on lines that are not sentences: here a sentence starts only at the text's
start or after ".", "!" or "?" that ends a sentence (not "e.g.", "D.C." or "..."), and a
word such as "iPhone" or "www.example.org" is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from oped_studio.checks.issue import Issue
from oped_studio.checks.place_names import DAYS, HOLIDAYS, MONTHS, NATIONALITIES
from oped_studio.core.counting import is_abbreviation

SOURCE = "oped-studio"

#: Words before a full stop that do not end a sentence, besides those of
#: :func:`~oped_studio.core.counting.is_abbreviation` ("et al.", "cf.").
_NOT_AN_END = frozenset(("al", "cf"))
_SENTENCE_WORD = re.compile(
    r"(?:\A\s*|(?<=[.!?])[\"'”’)\]]*[ \t]+|(?<=[.!?])[\"'”’)\]]*\n+)[\"'“‘(\[]*([a-z][\w'’-]*)"
)
#: Lower-case words that are also common words or are written in lower case in a phrase.
_COMMON_TOO = frozenset(
    (
        "may march august polish native indigenous catholic danish china turkey creole "
        "christian arab"
    ).split()
)
_PROPER = {
    w.casefold(): w
    for w in (*MONTHS, *DAYS, *HOLIDAYS, *NATIONALITIES)
    if " " not in w and w.casefold() not in _COMMON_TOO
}
_LOWER_WORD = re.compile(r"\b[a-z]{3,}\b")
#: What after a word makes it part of a handle, file or address ("june.smith@", "monday.com").
_ATTACHED = re.compile(r"[-_@/]|\.\w")
#: "french fries" and "french doors" are written in lower case in American papers.
_LOWER_PHRASES = re.compile(r"\s+(?:fries|fry|toast|doors?|press|horn|braid|kiss)\b")


def check_capitals(text: str, disabled: frozenset[str] = frozenset()) -> Iterator[Issue]:
    if "sentence-capital" not in disabled:
        yield from _sentence_starts(text)
    if "proper-noun-capital" not in disabled:
        yield from _proper_nouns(text)


def _sentence_starts(text: str) -> Iterator[Issue]:
    for match in _SENTENCE_WORD.finditer(text):
        word = match.group(1)
        start, end = match.span(1)
        if any(ch.isupper() or ch.isdigit() for ch in word) or word == "i":
            continue  # "iPhone", "eBay"; "i" alone is another rule's
        if re.match(r"[\w-]*\.(?:[a-z]{2,})", text[start : start + 80]):
            continue  # "example.org", "www.city.gov"
        if start and not _ends_sentence(text[max(0, start - 40) : start]):
            continue
        yield Issue(
            start,
            end,
            "capitalization",
            "sentence-capital",
            "Start a sentence with a capital letter.",
            (word[0].upper() + word[1:],),
            SOURCE,
        )


def _ends_sentence(before: str) -> bool:
    """True when the text before a word ends a sentence (not "e.g." or "a.m." or "...")."""
    stripped = before.rstrip().rstrip("\"'”’)]")
    if stripped.endswith(("...", "…")):
        return False
    if not stripped.endswith("."):
        return True
    if re.search(r"(?:\A|\n)[ \t]*\d+\.$", stripped):
        return False  # "1. the first point": a numbered list's item
    last = re.search(r"([\w.]+)\.$", stripped)
    return not (
        last and (last.group(1).casefold() in _NOT_AN_END or is_abbreviation(last.group(1)))
    )


def _proper_nouns(text: str) -> Iterator[Issue]:
    for match in _LOWER_WORD.finditer(text):
        proper = _PROPER.get(match.group())
        if proper is None:
            continue
        start, end = match.span()
        if start and (text[start - 1] in "@#/.-_" or text[start - 1].isalnum()):
            continue
        if _ATTACHED.match(text, end) or _LOWER_PHRASES.match(text, end):
            continue
        yield Issue(
            start,
            end,
            "capitalization",
            "proper-noun-capital",
            f"“{proper}” is written with a capital letter.",
            (proper,),
            SOURCE,
        )
