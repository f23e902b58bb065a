"""Originality: how much of a letter is copied from its talking-point pack.

Papers reject form letters. A letter that repeats a pack's sentences reads like one, so every
run of :data:`RUN` or more words that also appears in the pack's own text is marked, and the
share of the letter's words in such runs is reported. Short shared phrases (a name, "2,342
children") are normal and not counted.

A name is one word here, however long: "the Department of Homeland Security", "U.S. Customs
and Border Protection" or the "HELP Separated Children Act" is common property, not the pack's
wording, so a name alone, or a name and a few words around it ("according to the Department
of Homeland Security"), is never a copied run. A name is a run of capitalised words joined by
small words ("of", "and", "the"), with at least one word in Title Case (a shouted sentence is
no name), or a phrase the pack lists as a name (who can act, its sources' names).

A fact quoted as Write's "Insert a fact" puts it, in a sentence naming its source and date
(:func:`oped_studio.core.attribution.fact_sentence`), is attribution, not copying: up to
:data:`QUOTED_FACTS` such sentences are left out, word for word and no more (any other pack
text around them still counts).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from oped_studio.checks.issue import Issue

SOURCE = "oped-studio"
#: How many words in a row must match for a passage to count as copied.
RUN = 6
#: How many attributed fact sentences a letter may quote before the next ones count as
#: copied: a letter is built on one fact or two, and a string of a pack's facts reads like a
#: form letter however each is attributed.
QUOTED_FACTS = 2
#: A copied share above this (percent) is worth a word before a letter is handed in: our own
#: threshold, not any paper's rule (papers say only that they turn down form letters).
COPIED_WARN_PERCENT = 20

_TOKEN_RE = re.compile(r"[\w’']+")
#: Small words that join the words of a name ("Department of Homeland Security", "Customs
#: and Border Protection"); never a name's first or last word.
_JOINERS = frozenset("of and the for on in at de del la y von van der du da le".split())
#: The most words a name made of capitalised words may have ("U.S. Customs and Border
#: Protection" has five): a longer run is a title or a headline in title case, whose words
#: count one by one (else copying a pack's long title-case sentence scored 0% copied).
_NAME_MAX_WORDS = 8
#: Capitalised words that are no names: "I", and small words opening a sentence.
_NOT_NAMES = _JOINERS | {"i", "i'm", "i'd", "i've", "i'll", "a", "an"}
#: What may stand between two words of one name: a space, a hyphen, or the period of a short
#: abbreviation or initial ("U.S. Customs", "Sen. Smith", "John C. Anderson").
_NAME_GAP_RE = re.compile(r"\s+|-")
_ABBREVIATION_MAX = 3


def _normal(word: str) -> str:
    return word.lower().replace("’", "'")


@dataclass(frozen=True)
class Originality:
    copied_percent: float
    copied_words: int
    words: int
    issues: tuple[Issue, ...]


def word_tokens(text: str) -> list[tuple[str, int, int]]:
    """The words of ``text``, normalized (case, curly apostrophes), with their spans."""
    return [(_normal(m.group()), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def covered_by_runs(count: int, starts: Iterable[int], run: int = RUN) -> list[bool]:
    """For ``count`` words, which lie in a run of ``run`` words starting at ``starts``."""
    covered = [False] * count
    for start in starts:
        for index in range(start, min(start + run, count)):
            covered[index] = True
    return covered


def true_runs(flags: list[bool]) -> Iterator[tuple[int, int]]:
    """The maximal stretches of True in ``flags``, as (first, last) indices."""
    index = 0
    while index < len(flags):
        if not flags[index]:
            index += 1
            continue
        last = index
        while last + 1 < len(flags) and flags[last + 1]:
            last += 1
        yield index, last
        index = last + 1


def _is_name_word(raw: str) -> bool:
    return raw[:1].isupper() and _normal(raw) not in _NOT_NAMES


def _abbreviation(text: str, token: tuple[str, int, int]) -> bool:
    """Whether a word before a period is a short capitalised abbreviation ("U", "Sen")."""
    return token[2] - token[1] <= _ABBREVIATION_MAX and text[token[1]].isupper()


def _joined(text: str, before: tuple[str, int, int], after: tuple[str, int, int]) -> bool:
    """Whether two words stand together in a name: nothing but a space or hyphen between
    them, or the period of a short abbreviation ("U.S. Customs")."""
    gap = text[before[2] : after[1]]
    if gap.startswith(".") and _abbreviation(text, before):
        gap = gap[1:] or " "
    return _NAME_GAP_RE.fullmatch(gap) is not None


def _opens_sentence(text: str, tokens: list[tuple[str, int, int]], index: int) -> bool:
    """Whether word ``index`` opens a sentence (or the text, or a line)."""
    if index == 0:
        return True
    before = tokens[index - 1]
    gap = text[before[2] : tokens[index][1]]
    if "\n" in gap or any(mark in gap for mark in "!?:;"):
        return True
    return "." in gap and not _abbreviation(text, before)


class _Names:
    """Finds the names in a text, so that each counts as one word."""

    def __init__(self, listed: Iterable[str] = ()) -> None:
        self.listed: dict[str, list[tuple[str, ...]]] = {}
        for name in listed:
            words = tuple(t[0] for t in word_tokens(name))
            if len(words) > 1:
                self.listed.setdefault(words[0], []).append(words)
        for phrases in self.listed.values():
            phrases.sort(key=len, reverse=True)

    def _listed_at(self, words: list[str], index: int) -> int:
        """How many words a listed name starting at ``index`` has (0: none)."""
        for phrase in self.listed.get(words[index], ()):
            if tuple(words[index : index + len(phrase)]) == phrase:
                return len(phrase)
        return 0

    def _capitalised_at(
        self, text: str, tokens: list[tuple[str, int, int]], index: int
    ) -> tuple[int, int]:
        """How many words a name of capitalised words starting at ``index`` has (0: none),
        and the last capitalised word looked at: no name starts before it either (a run in
        capitals alone, "IT'S THE CHILDREN", is read once, not once a word)."""
        raw = text[tokens[index][1] : tokens[index][2]]
        if not _is_name_word(raw) or (_opens_sentence(text, tokens, index) and raw.istitle()):
            return 0, index  # "Ask Congress", "Families in the program": opening a sentence
        title = not raw.isupper()
        last = scan = index
        while scan + 1 < len(tokens) and _joined(text, tokens[scan], tokens[scan + 1]):
            scan += 1
            raw = text[tokens[scan][1] : tokens[scan][2]]
            if _is_name_word(raw):
                last = scan
                title = title or not raw.isupper()
            elif tokens[scan][0] not in _JOINERS:
                break
        size = last - index + 1
        return (size if title and last > index and size <= _NAME_MAX_WORDS else 0), last

    def units(self, text: str, tokens: list[tuple[str, int, int]]) -> list[tuple[str, int]]:
        """``text``'s words with each name made one: ``(key, index of its first word)``."""
        words = [t[0] for t in tokens]
        units = []
        index = 0
        no_name_until = -1
        while index < len(tokens):
            size = self._listed_at(words, index)
            if not size and index > no_name_until:
                size, no_name_until = self._capitalised_at(text, tokens, index)
            size = max(size, 1)
            units.append((" ".join(words[index : index + size]), index))
            index += size
        return units


def _ngrams(texts: Iterable[str], names: _Names) -> set[tuple[str, ...]]:
    grams: set[tuple[str, ...]] = set()
    for text in texts:
        keys = [key for key, _ in names.units(text, word_tokens(text))]
        grams.update(tuple(keys[i : i + RUN]) for i in range(len(keys) - RUN + 1))
    return grams


class PackIndex:
    """The pack's word runs, built once per pack and reused for every check."""

    def __init__(
        self,
        texts: Iterable[str],
        title: str = "talking points",
        quoted: Iterable[str] = (),
        names: Iterable[str] = (),
    ) -> None:
        """``quoted``: the pack's facts as attributed sentences (not copying when quoted);
        ``names``: names the pack lists (who can act, its sources), each one word."""
        self.names = _Names(names)
        self.grams = _ngrams(texts, self.names)
        self.title = title
        self.quoted: dict[str, list[tuple[str, ...]]] = {}
        for sentence in quoted:
            words = tuple(t[0] for t in word_tokens(sentence))
            if words:
                self.quoted.setdefault(words[0], []).append(words)

    def _quoted_words(self, words: list[str]) -> set[int]:
        """The indices of the words in the first :data:`QUOTED_FACTS` attributed facts."""
        found: set[int] = set()
        index = quotes = 0
        while index < len(words) and quotes < QUOTED_FACTS:
            match = next(
                (
                    q
                    for q in self.quoted.get(words[index], ())
                    if tuple(words[index : index + len(q)]) == q
                ),
                None,
            )
            if match is None:
                index += 1
                continue
            found.update(range(index, index + len(match)))
            index += len(match)
            quotes += 1
        return found

    def check(self, text: str) -> Originality:
        tokens = word_tokens(text)
        words = [t[0] for t in tokens]
        units = self.names.units(text, tokens)
        keys = [key for key, _ in units]
        starts = (i for i in range(len(units) - RUN + 1) if tuple(keys[i : i + RUN]) in self.grams)
        copied = [False] * len(tokens)
        firsts = [first for _, first in units] + [len(tokens)]
        for unit, covered in enumerate(covered_by_runs(len(units), starts)):
            if covered:
                copied[firsts[unit] : firsts[unit + 1]] = [True] * (firsts[unit + 1] - firsts[unit])
        for index in self._quoted_words(words) if self.quoted else ():
            copied[index] = False
        issues = []
        for first, last in true_runs(copied):
            count = last - first + 1
            issues.append(
                Issue(
                    tokens[first][1],
                    tokens[last][2],
                    "originality",
                    "copied-from-pack",
                    f"These {count} words are copied from the pack “{self.title}”. Papers "
                    "turn down letters and op-eds that repeat a campaign's text: say it in "
                    "your own words.",
                    (),
                    SOURCE,
                )
            )
        total = len(tokens)
        copied_count = sum(copied)
        percent = round(100 * copied_count / total, 1) if total else 0.0
        return Originality(percent, copied_count, total, tuple(issues))
