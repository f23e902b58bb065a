"""Which "misspellings" are not: names, acronyms, initials, addresses, allowed words.

Spell checkers flag every word their dictionary lacks. In a letter to the editor most such
words are correct: people's and places' names, acronyms ("ORR", "AGs"), initials and
abbreviations ("C.", "Sen."), handles, hashtags, web and email addresses, words with digits.
This filter, shared by every spelling engine, lets through only words a reader would call
misspelled, plus the words the writer allowed (personal dictionary, talking points, name).
"""

from __future__ import annotations

import re

from oped_studio.checks.place_names import near_known_names
from oped_studio.core.counting import is_abbreviation

#: Correct words some engines' dictionaries lack (found on published text; see tests/data).
EXTRA_WORDS = frozenset(
    {
        "facto",
        "webpage",
        "webpages",
        "bipartisan",
        "op-ed",
        "op-eds",
        "unserved",
        "underserved",
        # British spellings American papers print too, and words newer than some dictionaries.
        "cancelled",
        "cancelling",
        "travelled",
        "travelling",
        "theatre",
        "farmworker",
        "farmworkers",
        # Newsroom words a letter writer meets in our own guidance, and the common spelling.
        "lede",
        "ledes",
        "flyer",
        "flyers",
    }
)

_URLISH = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\S+|[@#]\w+|\S+\.(?:com|org|net|gov|edu)\S*")


_CAMEL_CASE = re.compile(r"[a-z][A-Z]")

#: How far around a word the filter looks (for its token, and the sentence around it).
_NEAR = 400


def _token_edge(text: str, index: int, step: int) -> int:
    """Where the white-space-free run through ``index`` starts (step -1) or ends (step 1),
    looking at most :data:`_NEAR` characters away."""
    if step < 0:
        window = text[max(0, index - _NEAR) : index]
        cut = max(window.rfind(" "), window.rfind("\n"), window.rfind("\t"))
        return index - len(window) + cut + 1 if cut >= 0 else index - len(window)
    window = text[index : index + _NEAR]
    cuts = [i for i in (window.find(" "), window.find("\n"), window.find("\t")) if i >= 0]
    return index + min(cuts) if cuts else index + len(window)


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
    # A brand or group written in camel case ("MomsRising", "GoFundMe"), or a word with a
    # letter English does not use ("español", "Querétaro"): a name or a foreign word.
    if _CAMEL_CASE.search(bare) or any(ch.isalpha() and not ch.isascii() for ch in bare):
        return True
    # Acronyms and their plurals or possessives: ORR, FOIA, AGs, ERO's.
    core = re.sub(r"(?:['’]?s)$", "", bare)
    if len(core) >= 2 and core.isupper():
        return True
    # Initials and abbreviations: "C.", "Sen.", "D.C."
    following = text[end : end + 1]
    if following == "." and is_abbreviation(bare):
        return True
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]?\.?", word):
        return True
    # Inside a web address, email, handle or hashtag. Only the word's own token is looked at
    # (an address holds no space), and only so far: the engines are never given a word longer
    # than guard.MAX_WORD, so this costs the same for every word however long the text.
    token_start = _token_edge(text, start, -1)
    token_end = _token_edge(text, end, 1)
    token = text[token_start:token_end]
    for match in _URLISH.finditer(token):
        if match.start() <= start - token_start < match.end():
            return True
    if start > 0 and text[start - 1] in "@#/'’":
        return True
    if any(ch.isdigit() or ch in "/\\_@#" for ch in token):
        return True
    # Names: a capitalized word inside a sentence, or at its start before another capital
    # ("Maria Lopez said"), unless it is a letter or two from a known place, nationality,
    # language or month ("Japen", "Europian"): a real rare name is far from all of them.
    if bare[0].isupper():
        return _in_name_position(text, start, end) and not near_known_names(bare)
    return False


def _in_name_position(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - _NEAR) : start].rstrip(" \t\"'“‘(")
    sentence_start = (not before and start <= _NEAR) or before[-1:] in ("!", "?", "\n")
    if before[-1:] == ".":
        last = re.search(r"([\w.]+)\.$", before)
        sentence_start = not (last and is_abbreviation(last.group(1)))
    if not sentence_start:
        return True
    after = text[end : end + _NEAR].lstrip()
    # "Tommorow I have": "I" is no name, so the word before it is not one either.
    return after[:1].isupper() and not re.match(r"I\b", after)
