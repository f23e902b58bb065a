"""The facilitator's view of an event: each participant's paper, words against the limit and
checks left (slow: a worker's job; it runs the offline checks on every draft)."""

from __future__ import annotations

from dataclasses import dataclass

from oped_studio.core.event import EventFolder, Participant
from oped_studio.workshop.summary import DraftSummary, load_resources, summarise_draft


@dataclass(frozen=True)
class ParticipantRow:
    """One line of the facilitator's view: a participant and their draft's summary."""

    participant: Participant
    summary: DraftSummary

    @property
    def paper(self) -> str:
        return self.summary.paper

    @property
    def words(self) -> int:
        return self.summary.words

    @property
    def limit(self) -> int | None:
        return self.summary.limit

    @property
    def over(self) -> int | None:
        return self.summary.over

    @property
    def issues(self) -> int:
        return self.summary.issues

    @property
    def error(self) -> str:
        return self.summary.error


def facilitator_rows(event: EventFolder) -> list[ParticipantRow]:
    """A row for each participant, their draft summarised as a batch export would."""
    resources = load_resources()
    return [
        ParticipantRow(
            participant, summarise_draft(event.draft_path(participant.number), resources)
        )
        for participant in event.participants()
    ]
