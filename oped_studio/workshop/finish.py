"""A participant hands in: their draft saved in the event folder, their letter written out
as .docx and .txt into ``letters/``, and the event told they have finished."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from oped_studio.core.draft import Draft
    from oped_studio.core.event import EventFolder
    from oped_studio.core.outlets import Outlet
    from oped_studio.core.packs import Pack
    from oped_studio.core.storage import FileStamp

#: The files a letter becomes at an event, for the organisers to send or print.
LETTER_FORMATS = ("docx", "txt")


def write_letter(
    draft: Draft,
    folder: Path,
    stem: str,
    *,
    outlet: Outlet | None,
    pack: Pack | None,
    templates: Path | None,
    force: bool = True,
) -> list[Path]:
    """Write ``draft`` as ``folder/stem.docx`` and ``folder/stem.txt`` (replacing them unless
    ``force`` is False; a link or a device never), in the writer's own templates
    (``templates``) where there are any."""
    from oped_studio.export.exporter import export_draft

    written = []
    for fmt in LETTER_FORMATS:
        target = folder / f"{stem}.{fmt}"
        export_draft(draft, fmt, target, outlet=outlet, pack=pack, force=force, templates=templates)
        written.append(target)
    return written


def finish_participant(
    event: EventFolder,
    number: str,
    draft: Draft,
    stamp: FileStamp | None,
    outlet: Outlet | None = None,
    pack: Pack | None = None,
    templates: Path | None = None,
) -> list[Path]:
    """Save the participant's draft, export their letter (.docx and .txt) into
    ``letters/``, and mark them finished. Returns the files written."""
    event.save(number, draft, stamp)
    written = write_letter(
        draft, event.letters, number, outlet=outlet, pack=pack, templates=templates
    )
    event.mark_finished(number)
    return written
