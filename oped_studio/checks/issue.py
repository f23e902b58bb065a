"""The one type every checker returns."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

#: The categories an issue can have; the GUI colours and groups them by these.
CATEGORIES = (
    "spelling",
    "grammar",
    "punctuation",
    "capitalization",
    "word-choice",
    "style",
    "readability",
    "length",
    "originality",
    "outlet",
)


@dataclass(frozen=True)
class Issue:
    """One thing worth the writer's attention in a checked text.

    ``start`` and ``end`` are Python string offsets into the checked text (``end`` exclusive);
    ``rule`` identifies the rule within its ``source`` engine, so it can be switched off;
    ``replacements`` are suggested texts for ``text[start:end]``, best first.
    """

    start: int
    end: int
    category: str
    rule: str
    message: str
    replacements: tuple[str, ...] = field(default=())
    source: str = ""

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES:
            raise ValueError(f"unknown issue category {self.category!r}")
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad issue span {self.start}..{self.end}")


def to_look_at(issues: Iterable[Issue]) -> list[Issue]:
    """The issues marked in the letter (those with a span), in order: the one rule by which
    the Write and Review steps, the facilitator's view and batch export all count "issues to
    look at". An issue without a span is an item of the paper's checklist."""
    return [issue for issue in issues if issue.end > issue.start]
