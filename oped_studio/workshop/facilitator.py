"""The facilitator's view of an event: each participant's paper, words against the limit and
checks left (slow: a worker's job; it runs the offline checks on every draft)."""

from __future__ import annotations

from dataclasses import dataclass, field

from oped_studio.core.event import EventFolder, Participant
from oped_studio.core.paths import AppPaths
from oped_studio.workshop.summary import DraftSummary, load_resources, summarise_draft


@dataclass(frozen=True, kw_only=True)
class ParticipantRow(DraftSummary):
    """One line of the facilitator's view: a participant and their draft's summary (the
    figures ``summary.csv`` gives for the same draft)."""

    participant: Participant


@dataclass(frozen=True)
class FacilitatorView:
    """Every participant's row, and a sentence for each entry of the event left out (a
    hand-edited event.json, a stray file in drafts/)."""

    rows: list[ParticipantRow] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def facilitator_view(event: EventFolder, paths: AppPaths) -> FacilitatorView:
    """A row for each participant, in number order; a draft that cannot be read has its
    error in its row (the papers and packs are those of ``paths``)."""
    resources = load_resources(paths)
    participants, skipped = event.roster()
    rows = []
    for participant in participants:
        summary = summarise_draft(event.draft_path(participant.number), resources)
        rows.append(ParticipantRow(participant=participant, **vars(summary)))
    return FacilitatorView(rows, skipped)
