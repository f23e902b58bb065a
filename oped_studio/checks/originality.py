"""Originality: how much of a letter is copied from its talking-point pack.

Papers reject form letters. A letter that repeats a pack's sentences reads like one, so every
run of :data:`RUN` or more words that also appears in the pack's own text is marked, and the
share of the letter's words in such runs is reported. Short shared phrases (a name, "2,342
children") are normal and not counted.

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


def _ngrams(texts: Iterable[str]) -> set[tuple[str, ...]]:
    grams: set[tuple[str, ...]] = set()
    for text in texts:
        words = [t[0] for t in word_tokens(text)]
        grams.update(tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1))
    return grams


class PackIndex:
    """The pack's word runs, built once per pack and reused for every check."""

    def __init__(
        self, texts: Iterable[str], title: str = "talking points", quoted: Iterable[str] = ()
    ) -> None:
        """``quoted``: the pack's facts as attributed sentences (not copying when quoted)."""
        self.grams = _ngrams(texts)
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
        starts = (
            i for i in range(len(tokens) - RUN + 1) if tuple(words[i : i + RUN]) in self.grams
        )
        copied = covered_by_runs(len(tokens), starts)
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
