"""Originality: how much of a letter is copied from its talking-point pack.

Papers reject form letters. A letter that repeats a pack's sentences reads like one, so every
run of :data:`RUN` or more words that also appears in the pack's own text is marked, and the
share of the letter's words in such runs is reported. Short shared phrases (a name, "2,342
children") are normal and not counted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from oped_studio.checks.issue import Issue

SOURCE = "oped-studio"
#: How many words in a row must match for a passage to count as copied.
RUN = 6

_TOKEN_RE = re.compile(r"[\w’']+")


def _normal(word: str) -> str:
    return word.lower().replace("’", "'")


@dataclass(frozen=True)
class Originality:
    copied_percent: float
    copied_words: int
    words: int
    issues: tuple[Issue, ...]


def _ngrams(texts: Iterable[str]) -> set[tuple[str, ...]]:
    grams: set[tuple[str, ...]] = set()
    for text in texts:
        tokens = [_normal(t) for t in _TOKEN_RE.findall(text)]
        grams.update(tuple(tokens[i : i + RUN]) for i in range(len(tokens) - RUN + 1))
    return grams


class PackIndex:
    """The pack's word runs, built once per pack and reused for every check."""

    def __init__(self, texts: Iterable[str], title: str = "talking points") -> None:
        self.grams = _ngrams(texts)
        self.title = title

    def check(self, text: str) -> Originality:
        tokens = list(_TOKEN_RE.finditer(text))
        copied = [False] * len(tokens)
        normal = [_normal(t.group()) for t in tokens]
        for i in range(len(tokens) - RUN + 1):
            if tuple(normal[i : i + RUN]) in self.grams:
                for j in range(i, i + RUN):
                    copied[j] = True
        issues = []
        i = 0
        while i < len(tokens):
            if not copied[i]:
                i += 1
                continue
            j = i
            while j + 1 < len(tokens) and copied[j + 1]:
                j += 1
            count = j - i + 1
            issues.append(
                Issue(
                    tokens[i].start(),
                    tokens[j].end(),
                    "originality",
                    "copied-from-pack",
                    f"These {count} words are copied from the pack “{self.title}”. Papers "
                    "turn down letters that repeat a campaign's text: say it in your own words.",
                    (),
                    SOURCE,
                )
            )
            i = j + 1
        total = len(tokens)
        copied_count = sum(copied)
        percent = round(100 * copied_count / total, 1) if total else 0.0
        return Originality(percent, copied_count, total, tuple(issues))
