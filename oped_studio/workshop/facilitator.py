"""The facilitator's view of an event: each participant's paper, words against the limit,
open issues, copied share, which other letters of the event theirs is too alike, and the
letter itself to read or print (slow: a worker's job; it runs the offline checks on every
draft)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from oped_studio.checks.similarity import similar_pairs
from oped_studio.core.event import EventFolder, FolderUnavailable, Participant
from oped_studio.core.paths import AppPaths
from oped_studio.core.render import TemplateError
from oped_studio.workshop.summary import DraftSummary, Resources, load_resources, summarise_draft


@dataclass(frozen=True, kw_only=True)
class ParticipantRow(DraftSummary):
    """One line of the facilitator's view: a participant and their draft's summary (the
    figures ``summary.csv`` gives for the same draft)."""

    participant: Participant
    #: The other participants ("Participant 3 on hall-1", as each was told) whose letters
    #: are too alike to this one for a paper to print both, most alike first (the
    #: similarity report's pairs).
    look_alike: list[str] = field(default_factory=list)
    #: The letter as its .txt export reads (empty for a draft that cannot be read).
    letter_text: str = ""

    @property
    def unfinished(self) -> str:
        """As for any draft, but a letter handed in is finished, however short: its figures
        are shown (a 30-word letter handed in is not "30 words so far")."""
        if self.participant.finished and self.words:
            return ""
        return DraftSummary.unfinished.fget(self)


@dataclass(frozen=True)
class FacilitatorView:
    """Every participant's row, and a sentence for each entry of the event left out (a
    hand-edited event.json, a stray file in drafts/)."""

    rows: list[ParticipantRow] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def letter_as_text(summary: DraftSummary, resources: Resources) -> str:
    """The letter as the .txt export writes it, in the writer's own templates; if those are
    broken, in the bundled ones (the facilitator still reads the letter)."""
    from oped_studio.export.exporter import plain_text

    if summary.draft is None:
        return ""
    try:
        return plain_text(summary.draft, summary.outlet, templates=resources.templates)
    except TemplateError:
        return plain_text(summary.draft, summary.outlet)


def facilitator_view(event: EventFolder, paths: AppPaths) -> FacilitatorView:
    """A row for each participant, in number order; a draft that cannot be read has its
    error in its row (the papers and packs are those of ``paths``). The look-alike letters
    are found once for the whole event. Raises FolderUnavailable when the folder is gone."""
    if not event.folder.is_dir():  # else a pulled USB stick reads as "0 participants"
        raise FolderUnavailable(
            event.folder,
            "it is not there",
            "Put it back; the letters saved in it are shown again then.",
        )
    resources = load_resources(paths)
    participants, skipped = event.roster()
    summaries = [
        summarise_draft(event.draft_path(participant.number), resources)
        for participant in participants
    ]
    labels = {p.number: p.label_on_laptop for p in participants}
    letters = {p.number: s.letter for p, s in zip(participants, summaries, strict=True) if s.letter}
    alike: dict[str, list[str]] = defaultdict(list)
    for pair in similar_pairs(letters):
        alike[pair.first].append(labels[pair.second])
        alike[pair.second].append(labels[pair.first])
    rows = [
        ParticipantRow(
            participant=participant,
            look_alike=alike.get(participant.number, []),
            letter_text=letter_as_text(summary, resources),
            **vars(summary),
        )
        for participant, summary in zip(participants, summaries, strict=True)
    ]
    return FacilitatorView(rows, skipped)
