"""What is still open before a participant hands a letter in ("I'm done"): one plain sentence
per thing, from the checks already run on the letter, so the participant can go back to it or
hand in anyway. Nothing here stops a hand-in.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from oped_studio.checks.issue import CATEGORIES, to_look_at
from oped_studio.checks.originality import COPIED_WARN_PERCENT
from oped_studio.checks.outlet_rules import missing_contact
from oped_studio.core.letter_text import UNFINISHED_BELOW

if TYPE_CHECKING:
    from oped_studio.checks.engine import CheckReport
    from oped_studio.core.draft import Draft
    from oped_studio.core.outlets import Outlet

#: Said in sentences of their own (over the limit, the copied share), not counted as issues.
_OWN_SENTENCE = {"over-word-limit", "over-character-limit", "copied-from-pack"}


def _count(number: int, one: str, many: str) -> str:
    return f"{number:,} {one if number == 1 else many}"


def _the(name: str) -> str:
    """A paper's name after "over": "the Los Angeles Times", "The New York Times" kept."""
    return name if name.lower().startswith("the ") else f"the {name}"


def open_items(draft: Draft, outlet: Outlet | None, report: CheckReport) -> list[str]:
    """One sentence for each thing still open in ``draft`` (checked as ``report``, for
    ``outlet``): an unfinished letter, issues to look at by category, words over the paper's
    limit, a copied share above :data:`COPIED_WARN_PERCENT`, each contact detail the paper
    asks for that is empty. An empty list: nothing open."""
    items = []
    limit = report.limit
    if limit.words < UNFINISHED_BELOW:
        items.append(
            f"The letter has {_count(limit.words, 'word', 'words')} so far; it looks unfinished."
        )
    found = Counter(
        issue.category for issue in to_look_at(report.issues) if issue.rule not in _OWN_SENTENCE
    )
    if found:
        counted = [_count(found[c], f"{c} issue", f"{c} issues") for c in CATEGORIES if found[c]]
        items.append(", ".join(counted) + " to look at.")
    paper = _the(outlet.name) if outlet else "the paper"
    if limit.max_words is not None and limit.words > limit.max_words:
        items.append(
            f"{_count(limit.words - limit.max_words, 'word', 'words')} over {paper}'s limit "
            f"of {limit.max_words:,}."
        )
    elif limit.max_characters is not None and limit.characters > limit.max_characters:
        over = limit.characters - limit.max_characters
        items.append(
            f"{_count(over, 'character', 'characters')} over {paper}'s limit of "
            f"{limit.max_characters:,} characters."
        )
    copied = report.originality.copied_percent if report.originality else 0
    if copied > COPIED_WARN_PERCENT:
        items.append(
            f"{copied:.0f}% of the letter is copied from the talking points (more than "
            f"{COPIED_WARN_PERCENT}%); papers turn down form letters, so say it in your own words."
        )
    if outlet is not None:
        for wanted in missing_contact(draft, outlet):
            items.append(f"{paper[:1].upper()}{paper[1:]} asks for {wanted}, and it is empty.")
    return items
