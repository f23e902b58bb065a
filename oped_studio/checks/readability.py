"""Readability: Flesch reading ease, Flesch-Kincaid grade, and the hardest sentences.

Syllables are counted by rule (vowel groups with the usual English corrections), which needs
no downloaded data and agrees with dictionary counts for most words; the scores are estimates
either way, so the app shows them rounded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from oped_studio.checks.issue import Issue
from oped_studio.core.counting import count_words, sentence_spans, words

SOURCE = "oped-studio"

#: A sentence at or above this grade, or with this many clauses, is marked as hard.
HARD_GRADE = 16.0
HARD_CLAUSES = 6

_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
_CLAUSE_MARKS = re.compile(
    r"[,;:—–]|\b(?:which|who|whom|whose|that|because|although|though|while|whereas|unless|"
    r"if|when|whenever|where|since|so that)\b",
    re.IGNORECASE,
)
# Words the rules below miscount.
_SYLLABLE_EXCEPTIONS = {
    "people": 2,
    "every": 2,
    "different": 3,
    "business": 2,
    "area": 3,
    "idea": 3,
    "being": 2,
    "create": 2,
    "created": 3,
    "poem": 2,
    "quiet": 2,
    "science": 2,
    "real": 1,
    "really": 2,
    "family": 3,
    "families": 3,
    "evening": 2,
    "several": 3,
    "interest": 3,
    "interesting": 4,
    "chocolate": 3,
    "camera": 3,
    "vegetable": 4,
    "naive": 2,
    "the": 1,
    "whole": 1,
    "once": 1,
    "one": 1,
    "fire": 1,
    "hour": 1,
    "our": 1,
    "going": 2,
    "doing": 2,
    "seeing": 2,
    "asylum": 3,
    "courage": 2,
    "police": 2,
    "therefore": 2,
    "lives": 1,
    "separated": 4,
    "immigration": 4,
}


@lru_cache(maxsize=20_000)
def syllables(word: str) -> int:
    """An estimate of the syllables in ``word`` (at least 1 for any word)."""
    word = re.sub(r"[^a-z]", "", word.lower())
    if not word:
        return 1
    if word in _SYLLABLE_EXCEPTIONS:
        return _SYLLABLE_EXCEPTIONS[word]
    count = len(_VOWEL_GROUPS.findall(word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1  # silent final e: "make"
    elif word.endswith("le") and len(word) > 2 and word[-3] not in "aeiouy" and count == 1:
        count += 1  # a consonant + "le" ending is a syllable of its own: "ta-ble"
    if word.endswith("ed") and not word.endswith(("ted", "ded")) and count > 1:
        count -= 1  # "walked", "jumped": the -ed is silent
    sibilant = ("ses", "zes", "ces", "ges", "xes", "shes", "ches")
    if word.endswith("es") and not word.endswith(sibilant) and count > 1:
        count -= 1  # "makes"
    if re.search(r"[^aeiou]ia|io(?!u)|eo|ua|uo", word) and not word.endswith("ious"):
        count += len(re.findall(r"ia|eo|ua|uo", word))  # "media", "video", "actual"
    return max(1, count)


@dataclass(frozen=True)
class Readability:
    flesch_reading_ease: float
    grade: float
    sentences: int
    words: int
    syllables: int


def _scores(word_count: int, sentence_count: int, syllable_count: int) -> tuple[float, float]:
    if word_count == 0 or sentence_count == 0:
        return 0.0, 0.0
    wps = word_count / sentence_count
    spw = syllable_count / word_count
    ease = 206.835 - 1.015 * wps - 84.6 * spw
    grade = 0.39 * wps + 11.8 * spw - 15.59
    return round(ease, 1), round(max(grade, 0.0), 1)


def measure(text: str, sentences: list[tuple[int, int]] | None = None) -> Readability:
    sentences = sentence_spans(text) if sentences is None else sentences
    found = words(text)
    syl = sum(syllables(w) for w in found)
    ease, grade = _scores(len(found), len(sentences), syl)
    return Readability(ease, grade, len(sentences), len(found), syl)


def hard_sentences(
    text: str, sentences: list[tuple[int, int]] | None = None, *, long_words: int = 35
) -> list[Issue]:
    """The sentences a reader will stumble on: a very high grade, or many clauses.

    Sentences over ``long_words`` words are left to the style check's long-sentence rule, so a
    sentence is never marked twice for the same reason.
    """
    sentences = sentence_spans(text) if sentences is None else sentences
    issues = []
    for start, end in sentences:
        sentence = text[start:end]
        count = count_words(sentence)
        if count < 12 or count > long_words:
            continue
        _ease, grade = _scores(count, 1, sum(syllables(w) for w in words(sentence)))
        clauses = len(_CLAUSE_MARKS.findall(sentence)) + 1
        if grade >= HARD_GRADE or clauses >= HARD_CLAUSES:
            reason = (
                f"reads at grade {grade:.0f}" if grade >= HARD_GRADE else f"has {clauses} clauses"
            )
            issues.append(
                Issue(
                    start,
                    end,
                    "readability",
                    "hard-sentence",
                    f"This sentence {reason}; most readers take in one idea per sentence. "
                    "Split it or use shorter words.",
                    (),
                    SOURCE,
                )
            )
    return issues
