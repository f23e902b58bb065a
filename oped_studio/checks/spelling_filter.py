"""Which "misspellings" are not: names, acronyms, initials, addresses, allowed words.

Spell checkers flag every word their dictionary lacks. In a letter to the editor most such
words are correct: people's and places' names, acronyms ("ORR", "AGs"), initials and
abbreviations ("C.", "Sen."), handles, hashtags, web and email addresses, words with digits.
This filter, shared by every spelling engine, lets through only words a reader would call
misspelled, plus the words the writer allowed (personal dictionary, talking points, name).
"""

from __future__ import annotations

import re

#: Correct words some engines' dictionaries lack (found on published text; see tests/data).
EXTRA_WORDS = frozenset(
    {"facto", "webpage", "webpages", "bipartisan", "op-ed", "op-eds", "unserved", "underserved"}
)

_ABBREVIATIONS = frozenset(
    (
        "sen rep gov gen lt col sgt capt st jr sr rev hon pres mr mrs ms dr prof dept inc ltd "
        "corp co vs etc"
    ).split()
)
_URLISH = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\S+|[@#]\w+|\S+\.(?:com|org|net|gov|edu)\S*")


def is_not_misspelled(text: str, start: int, end: int, allowed: set[str]) -> bool:
    """True when the word at ``text[start:end]`` should not be called misspelled."""
    word = text[start:end]
    bare = word.strip("'’.")
    if not bare:
        return True
    folded = bare.casefold()
    for candidate in (folded, folded.removesuffix("'s").removesuffix("’s")):
        if candidate in allowed or candidate in EXTRA_WORDS:
            return True
    if any(ch.isdigit() for ch in bare):
        return True
    # Acronyms and their plurals or possessives: ORR, FOIA, AGs, ERO's.
    core = re.sub(r"(?:['’]?s)$", "", bare)
    if len(core) >= 2 and core.isupper():
        return True
    # Initials and abbreviations: "C.", "Sen.", "D.C."
    following = text[end : end + 1]
    if following == "." and (len(bare) == 1 or bare.lower() in _ABBREVIATIONS):
        return True
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]?\.?", word):
        return True
    # Inside a web address, email, handle or hashtag.
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    for match in _URLISH.finditer(line):
        if match.start() <= start - line_start < match.end():
            return True
    if start > 0 and text[start - 1] in "@#/'’":
        return True
    token_start = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    token_end = min(
        (i for i in (text.find(" ", end), text.find("\n", end)) if i >= 0), default=len(text)
    )
    token = text[token_start:token_end]
    if any(ch.isdigit() or ch in "/\\_@#" for ch in token):
        return True
    # Names: a capitalized word inside a sentence, or at its start before another capital.
    if bare[0].isupper():
        before = text[:start].rstrip(" \t\"'“‘(")
        sentence_start = not before or before[-1] in ".!?\n"
        if not sentence_start:
            return True
        after = text[end:].lstrip()
        if after[:1].isupper():
            return True
    return False
