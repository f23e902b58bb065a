"""Letters too alike for a paper to print both: the passages two letters share.

Editors notice when twenty letters from one event repeat each other, and print none of them.
Each letter is cut into runs of six words, read as the originality check reads them (case and
punctuation ignored); two letters that share runs covering at least a quarter of either one's
words are reported, with the shared passages as they read in the first letter. An index from
each run to the letters holding it keeps this fast for hundreds of letters (no pair is compared
unless it shares a run).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from oped_studio.checks.originality import RUN, covered_by_runs, true_runs, word_tokens

#: The share of a letter's words in passages it shares with another that makes the pair
#: "too alike".
THRESHOLD = 0.25


@dataclass(frozen=True)
class SimilarPair:
    first: str
    second: str
    #: The larger of the two letters' shares of words in shared passages (0 to 1).
    share: float
    #: The shared passages, as they read in ``first``.
    passages: tuple[str, ...]


def similar_pairs(letters: Mapping[str, str], *, threshold: float = THRESHOLD) -> list[SimilarPair]:
    """The pairs of ``letters`` (name -> text) that share too much, most alike first."""
    words = {name: word_tokens(text) for name, text in letters.items()}
    index: dict[tuple[str, ...], list[tuple[str, int]]] = defaultdict(list)
    for name, tokens in words.items():
        seen: set[tuple[str, ...]] = set()
        for i in range(len(tokens) - RUN + 1):
            run = tuple(t[0] for t in tokens[i : i + RUN])
            if run not in seen:  # a run repeated inside one letter counts once
                seen.add(run)
                index[run].append((name, i))
    shared: dict[tuple[str, str], tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for holders in index.values():
        if len(holders) < 2:
            continue
        for x in range(len(holders)):
            for y in range(x + 1, len(holders)):
                (a, i), (b, j) = sorted((holders[x], holders[y]))
                if a == b:
                    continue
                starts_a, starts_b = shared[(a, b)]
                starts_a.append(i)
                starts_b.append(j)
    pairs = []
    for (a, b), (starts_a, starts_b) in shared.items():
        covered_a = covered_by_runs(len(words[a]), starts_a)
        covered_b = covered_by_runs(len(words[b]), starts_b)
        share = max(sum(covered_a) / max(len(words[a]), 1), sum(covered_b) / max(len(words[b]), 1))
        if share >= threshold:
            pairs.append(SimilarPair(a, b, share, _passages(letters[a], words[a], covered_a)))
    pairs.sort(key=lambda p: (-p.share, p.first, p.second))
    return pairs


def _passages(text: str, tokens: list[tuple[str, int, int]], covered: list[bool]) -> tuple:
    return tuple(
        " ".join(text[tokens[first][1] : tokens[last][2]].split())
        for first, last in true_runs(covered)
    )
