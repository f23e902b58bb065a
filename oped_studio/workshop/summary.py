"""What the facilitator and a batch export say about one draft: its paper, the words that
count against the paper's limit, the issues the offline checks find, by category, and how
much of it is copied from the talking points.

One function, :func:`summarise_draft`, so the facilitator's view and ``summary.csv`` give the
same figures for the same draft. The words are the checker's count
(:func:`oped_studio.core.letter_text.join_sections` decides which words count: not the
signature).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from oped_studio.checks.issue import CATEGORIES, to_look_at
from oped_studio.core.draft import Draft
from oped_studio.core.errors import OpedError
from oped_studio.core.letter_text import UNFINISHED_BELOW

if TYPE_CHECKING:
    from oped_studio.checks.engine import Checker
    from oped_studio.core.outlets import Directory, Outlet
    from oped_studio.core.packs import Pack
    from oped_studio.core.paths import AppPaths


@dataclass(frozen=True)
class Resources:
    """What summarising needs, read once for many drafts: the papers, the packs and an
    offline checker (reading the directory once per letter would be 200 reads for 200), and
    the writer's own templates folder for writing the letters out."""

    directory: Directory
    packs: dict[str, Pack]
    checker: Checker
    templates: Path | None = None


def load_resources(paths: AppPaths) -> Resources:
    """The papers and packs as they are now, and a checker with the default settings (offline:
    the event's laptops never reach a server for a summary) and the personal dictionary."""
    from oped_studio.checks.dictionary import PersonalDictionary
    from oped_studio.checks.engine import Checker
    from oped_studio.core.outlets import load_directory
    from oped_studio.core.packs import usable_packs
    from oped_studio.core.settings import Settings

    checker = Checker(Settings(), PersonalDictionary(paths))
    return Resources(load_directory(paths), usable_packs(paths), checker, paths.templates)


@dataclass(frozen=True)
class DraftSummary:
    """One draft in figures; ``error`` says why there are none (the draft cannot be read)."""

    paper: str = ""
    kind: str = ""
    words: int = 0
    limit: int | None = None
    #: Issues with a span, by category (every category of CATEGORIES, in that order).
    by_category: dict[str, int] = field(default_factory=dict)
    copied_percent: float | None = None
    #: The text that counts (the body without the signature), for the similarity report.
    letter: str = ""
    error: str = ""
    # The draft with its paper and pack, for writing it out (batch export).
    draft: Draft | None = field(default=None, repr=False, compare=False)
    outlet: Outlet | None = field(default=None, repr=False, compare=False)
    pack: Pack | None = field(default=None, repr=False, compare=False)

    @property
    def issues(self) -> int:
        return sum(self.by_category.values())

    @property
    def over(self) -> int | None:
        """Words over the limit (negative: words to spare); None without a limit."""
        return self.words - self.limit if self.limit else None

    @property
    def unfinished(self) -> str:
        """ "" for a letter with figures to judge; else what to show instead of them ("No words
        yet", "4 words so far"): a 4-word draft is not a letter with "0 issues" or "146 to
        spare". "" too for a draft that cannot be read (its ``error`` says why)."""
        if self.error or self.words >= UNFINISHED_BELOW:
            return ""
        if self.words == 0:
            return "No words yet"
        return f"{self.words:,} word{'' if self.words == 1 else 's'} so far"

    @property
    def issues_text(self) -> str:
        """The open issues by category, in CATEGORIES' order: "2 spelling · 1 grammar", or
        "none"."""
        return issues_text(self.by_category)


def issues_text(by_category: dict[str, int]) -> str:
    """Issue counts by category as one short line: "2 spelling · 1 grammar", or "none"
    (the categories in CATEGORIES' order, those with none left out)."""
    found = [f"{by_category[c]:,} {c}" for c in CATEGORIES if by_category.get(c)]
    return " · ".join(found) or "none"


def summarise_draft(source: Path | Draft, resources: Resources) -> DraftSummary:
    """Load the draft (or take it as given), find its paper and pack, check it and count.

    Never raises for a draft that cannot be read: the summary carries the error instead, so
    one broken file never stops a facilitator's view or a batch.
    """
    from oped_studio.checks.engine import request_for_draft
    from oped_studio.core.storage import load_draft

    try:
        draft = source if isinstance(source, Draft) else load_draft(source).draft
    except OpedError as exc:
        return DraftSummary(error=str(exc))
    outlet = resources.directory.get(draft.outlet_id) if draft.outlet_id else None
    pack = resources.packs.get(draft.pack_id) if draft.pack_id else None
    request = request_for_draft(draft, outlet=outlet, pack=pack)
    report = resources.checker.run(request)
    found = Counter(i.category for i in to_look_at(report.issues))
    text = request.text
    return DraftSummary(
        paper=outlet.name if outlet else draft.outlet_id,
        kind=draft.kind,
        words=report.limit.words,
        limit=report.limit.max_words,
        by_category={category: found.get(category, 0) for category in CATEGORIES},
        copied_percent=(None if report.originality is None else report.originality.copied_percent),
        letter=text[: request.counted_end] if request.counted_end else text,
        draft=draft,
        outlet=outlet,
        pack=pack,
    )
