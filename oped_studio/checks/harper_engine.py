"""Spelling and grammar offline with Harper (harper-py), tuned for letters to the editor.

Harper's linter costs about a second and 150 MiB to build, so it is built once, lazily, by
whichever thread first checks text (never the UI thread at start-up). It is not thread-safe,
so calls are serialised with a lock.

Tuning (measured on published op-eds and news text, see ``tests/data``):

* Rules that give advice wrong for newspaper letters are switched off inside Harper: the Oxford
  comma (papers use AP style, without it), typographic dashes and ellipses (they break in
  email), joining prefixes ("re-entry" is AP style), long sentences (our own style rule covers
  them), and a few rules that flagged correct text.
* Spelling is not flagged for names, acronyms, initials, addresses and allowed words
  (see :mod:`oped_studio.checks.spelling_filter`).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable

from oped_studio.checks.guard import long_words, masked, pieces, touches
from oped_studio.checks.issue import Issue
from oped_studio.checks.spelling_filter import is_not_misspelled
from oped_studio.checks.wording import (
    best_spellings,
    category_of,
    only_capitals,
    plain_message,
)

log = logging.getLogger(__name__)

SOURCE = "harper"

#: Harper rules switched off for letters to the editor (see the module docstring).
QUIET_RULES = frozenset(
    {
        "OxfordComma",
        "DisjointPrefixes",
        "Dashes",
        "NumericRangeEnDash",
        "UseEllipsisCharacter",
        "Spaces",
        "LongSentences",
        "QuantifierNumeralConflict",
        "SplitWords",
        "OrthographicConsistency",
        "MissingTo",
        "SentenceCapitalization",
        "CompoundNouns",
        "WrongNegative",
        "MissingPreposition",
    }
)


# "a" before these sounds like "yoo"/"wun", so "a unanimous vote" is right.
_A_BEFORE_VOWEL_LETTER = re.compile(
    r"^(?:uni(?!n)|unan|use|usu|uti|uto|ura|uri|ure|eu|ewe|one\b|once\b|ubiq|u\.)", re.I
)


class HarperEngine:
    """One lazily built Harper linter, shared by every check in the process."""

    _instance: HarperEngine | None = None
    _instance_lock = threading.Lock()

    def __init__(self) -> None:
        self._linter = None
        self._lock = threading.Lock()
        self._config_key: frozenset[str] | None = None

    @classmethod
    def shared(cls) -> HarperEngine:
        with cls._instance_lock:
            if cls._instance is None:
                cls._instance = cls()
            return cls._instance

    @property
    def started(self) -> bool:
        return self._linter is not None

    def start(self) -> None:
        """Build the linter now (about a second); later calls return at once."""
        with self._lock:
            self._ensure()

    def _ensure(self):
        if self._linter is None:
            from harper import Dialect, Linter  # imported here: heavy, and only when used

            self._linter = Linter(dialect=Dialect.AMERICAN)
        return self._linter

    def _configure(self, disabled: frozenset[str]) -> None:
        wanted = QUIET_RULES | disabled
        if wanted == self._config_key:
            return
        config = dict(self._linter.get_default_lint_config())
        for name in wanted:
            if name in config:
                config[name] = False
        self._linter.set_lint_config(config)
        self._config_key = wanted

    def check(
        self,
        text: str,
        *,
        allowed_words: Iterable[str] = (),
        disabled_rules: frozenset[str] = frozenset(),
    ) -> list[Issue]:
        """Harper's issues in ``text``, filtered as the module docstring says."""
        from harper import Language

        allowed = {w.casefold() for w in allowed_words}
        blanked = long_words(text)  # see checks/guard.py: what Harper cannot take
        safe = masked(text, blanked)
        found = []
        with self._lock:
            linter = self._ensure()
            self._configure(disabled_rules)
            for first, last in pieces(safe):
                piece = safe[first:last]
                if piece.strip():
                    organized = linter.organized_lints(piece, language=Language.PLAINTEXT)
                    found += [
                        (rule, lints, first, last) for rule, lints in organized.items() if lints
                    ]
        issues: list[Issue] = []
        for rule, lints, first, last in found:
            for lint in lints:
                start, end = first + lint.span.start, first + lint.span.end
                if not first <= start <= end <= last or touches(blanked, start, end):
                    continue
                category = category_of(SOURCE, lint.lint_kind)
                if category == "spelling" and is_not_misspelled(text, start, end, allowed):
                    continue
                if _wrongly_flagged(rule, text, start, end):
                    continue
                replacements = tuple(
                    dict.fromkeys(
                        s.replacement_text
                        for s in lint.suggestions
                        if s.replacement_text is not None
                    )
                )[:5]
                if rule == "SpellCheck":
                    replacements = best_spellings(text[start:end], replacements)
                    if only_capitals(text[start:end], replacements):
                        category = "capitalization"
                message = plain_message(SOURCE, rule, lint.message, text[start:end], replacements)
                issues.append(Issue(start, end, category, rule, message, replacements, SOURCE))
        issues.sort(key=lambda i: (i.start, i.end))
        return issues


#: "Whom should I ask": "whom" is the object of "ask", not the subject of "should".
_WHOM_OBJECT = re.compile(
    r"\s+(?:do|does|did|should|shall|can|could|will|would|may|might|must)\s+"
    r"(?:I|you|we|they|he|she|it|the|my|our|your|their)\b",
    re.IGNORECASE,
)


_PREPOSITION_BEFORE = re.compile(
    r"\b(?:of|to|for|with|by|from|about|among|between|on|in|at|under|against|without)\s+$",
    re.IGNORECASE,
)


def _wrongly_flagged(rule: str, text: str, start: int, end: int) -> bool:
    """Harper findings measured wrong on correct learner English (benchmarks/grammar.py)."""
    if rule == "AnA":
        return _a_is_right(text, start, end)
    if rule == "Everyone":
        return bool(re.match(r"\s+of\b", text[end : end + 40]))  # "every one of them"
    if rule == "WhomSubjectOfVerb":
        # "Whom should I ask"; "all of whom went": after a preposition "whom" is right.
        return bool(_WHOM_OBJECT.match(text, end) or _PREPOSITION_BEFORE.search(text[:start][-30:]))
    return False


def _a_is_right(text: str, start: int, end: int) -> bool:
    article = text[start:end].lower()
    if article != "a":
        return False
    following = text[end : end + 40].lstrip()
    return bool(_A_BEFORE_VOWEL_LETTER.match(following))
