"""Length against the paper's limit, and each section's share of it."""

from __future__ import annotations

from dataclasses import dataclass

from oped_studio.checks.issue import Issue
from oped_studio.core.counting import count_words, word_spans
from oped_studio.core.draft import KIND_NAMES
from oped_studio.core.outlets import Outlet
from oped_studio.core.structures import Structure

SOURCE = "oped-studio"
#: A section this far over its share of the limit is pointed out.
SECTION_SLACK = 1.5


@dataclass(frozen=True)
class Limit:
    """The limit in force for this draft, and where the text stands against it."""

    outlet: str  # the outlet's id ("" when none is chosen)
    outlet_name: str
    max_words: int | None
    max_characters: int | None
    words: int
    characters: int

    @property
    def remaining(self) -> int | None:
        """Words left (negative when over); for a character limit, characters left."""
        if self.max_words is not None:
            return self.max_words - self.words
        if self.max_characters is not None:
            return self.max_characters - self.characters
        return None


@dataclass(frozen=True)
class SectionBudget:
    section: str
    title: str
    words: int
    budget: int | None


def _nth_word_end(text: str, n: int) -> int:
    """The offset just after the ``n``-th word (1-based) of ``text``."""
    spans = word_spans(text)
    return spans[n - 1][1] if 0 < n <= len(spans) else len(text)


def check_length(
    text: str,
    kind: str,
    outlet: Outlet | None,
    *,
    counted_end: int | None = None,
) -> tuple[Limit, list[Issue]]:
    """The limit figures and an issue when the text is over.

    ``counted_end`` is where the counted part of the text ends (the body, without the
    signature); the whole text when None.
    """
    counted = text if counted_end is None else text[:counted_end]
    rules = outlet.rules_for(kind) if outlet else None
    limit = Limit(
        outlet=outlet.id if outlet else "",
        outlet_name=outlet.name if outlet else "",
        max_words=rules.word_limit if rules else None,
        max_characters=rules.char_limit if rules else None,
        words=count_words(counted),
        characters=len(counted.replace("\n", "")),
    )
    issues: list[Issue] = []
    piece = KIND_NAMES[kind].lower() + "s"
    if limit.max_words is not None and limit.words > limit.max_words:
        over = limit.words - limit.max_words
        start = _nth_word_end(counted, limit.max_words)
        start = len(counted) - len(counted[start:].lstrip())
        issues.append(
            Issue(
                start,
                len(counted),
                "length",
                "over-word-limit",
                f"{over} word{'s' if over != 1 else ''} over {limit.outlet_name}'s "
                f"{limit.max_words}-word limit for {piece}; the marked words are past it.",
                (),
                SOURCE,
            )
        )
    if limit.max_characters is not None and limit.characters > limit.max_characters:
        over = limit.characters - limit.max_characters
        issues.append(
            Issue(
                min(limit.max_characters, len(counted)),
                len(counted),
                "length",
                "over-character-limit",
                f"{over:,} characters over {limit.outlet_name}'s {limit.max_characters:,}-"
                f"character limit for {piece}.",
                (),
                SOURCE,
            )
        )
    return limit, issues


def section_budgets(
    structure: Structure,
    section_words: dict[str, int],
    max_words: int | None,
    spans: dict[str, tuple[int, int]],
) -> tuple[list[SectionBudget], list[Issue]]:
    """Each body section's words against its share of the limit."""
    budgets: list[SectionBudget] = []
    issues: list[Issue] = []
    for section in structure.sections:
        budget = round(section.share * max_words) if max_words else None
        used = section_words.get(section.id, 0)
        budgets.append(SectionBudget(section.id, section.title, used, budget))
        if budget and used > budget * SECTION_SLACK and used - budget >= 10 and section.id in spans:
            start, end = spans[section.id]
            issues.append(
                Issue(
                    start,
                    end,
                    "length",
                    "section-over-budget",
                    f"“{section.title}” has {used} words, about {used - budget} more than its "
                    f"share ({budget}) of the limit; trim it to leave room for the rest.",
                    (),
                    SOURCE,
                )
            )
    return budgets, issues
