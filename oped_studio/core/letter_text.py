"""A draft's sections joined into the one text that is checked and counted.

Papers count the letter, not the signature or author line under it: this module is the only
place that decides which words count, so the window, ``info``, ``check``, the drafts library
and batch export all give the same figure for the same draft.
"""

from __future__ import annotations

from dataclasses import dataclass

from oped_studio.core.counting import count_words
from oped_studio.core.draft import Draft
from oped_studio.core.structures import Structure, structure_for

#: Fewer counted words than this and a draft is still being written, not a letter with a
#: length to judge: the facilitator's view says "4 words so far" instead of "0 issues", and
#: "I'm done" says the letter looks unfinished. Our own threshold, not any paper's rule (the
#: shortest limit in the directory is 150 words).
UNFINISHED_BELOW = 50


@dataclass(frozen=True)
class SectionSpan:
    """Where one section's (stripped) text lies in the joined text."""

    id: str
    start: int
    end: int


@dataclass(frozen=True)
class JoinedText:
    """The sections as one text, in the structure's order, signature last."""

    text: str
    structure: Structure
    sections: tuple[SectionSpan, ...]
    #: Where the part that counts against the limit ends (before the signature); None when
    #: the structure has no signature section, so the whole text counts.
    counted_end: int | None

    @property
    def counted(self) -> str:
        """The part of the text that counts against a paper's limit."""
        return self.text if self.counted_end is None else self.text[: self.counted_end]


def signoff_ids(structure: Structure | None) -> frozenset[str]:
    """The sections whose words do not count (the signature or author line)."""
    if structure is None:
        return frozenset()
    return frozenset(s.id for s in structure.sections if s.role == "signoff")


def join_sections(draft: Draft) -> JoinedText:
    """The draft's sections as one text, separated by blank lines, signature last.

    Text in sections the structure does not have follows the body (and counts), so nothing
    goes unchecked or uncounted.
    """
    structure = structure_for(draft.structure_id, draft.kind)
    known = {s.id for s in structure.sections}
    body_ids = [s.id for s in structure.sections if s.role == "body"]
    body_ids += [k for k in draft.sections if k not in known]
    signoff = [s.id for s in structure.sections if s.role == "signoff"]
    parts: list[str] = []
    spans: list[SectionSpan] = []
    offset = 0
    counted_end = 0
    for group, ids in (("body", body_ids), ("signoff", signoff)):
        for section_id in ids:
            text = draft.sections.get(section_id, "").strip()
            if not text:
                continue
            if parts:
                parts.append("\n\n")
                offset += 2
            parts.append(text)
            spans.append(SectionSpan(section_id, offset, offset + len(text)))
            offset += len(text)
            if group == "body":
                counted_end = offset
    return JoinedText(
        text="".join(parts),
        structure=structure,
        sections=tuple(spans),
        counted_end=counted_end if signoff else None,
    )


def counted_words(draft: Draft) -> int:
    """The words of the draft that count against a paper's limit (not the signature)."""
    return count_words(join_sections(draft).counted)
