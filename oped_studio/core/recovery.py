"""Recovery copies: what the writer typed, saved within a second, whatever happens next.

Each open draft has a recovery copy in ``recovery/`` in the data folder, named by the draft's
id, with a small note of the file it belongs to (if any). The app writes it shortly after
every change, from the first keystroke of a new draft, and deletes it when the draft is saved,
discarded or closed normally. A recovery copy found at start-up means the app did not close
normally: the writer is offered the draft back.
"""

from __future__ import annotations

import contextlib
import json
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from oped_studio.core.atomic import atomic_write_bytes, atomic_write_text
from oped_studio.core.draft import Draft, in_utc, now_utc
from oped_studio.core.errors import DraftFileError, SaveError, describe_os_error
from oped_studio.core.files import UnreadableFileError, loads_json, read_text_file
from oped_studio.core.paths import AppPaths
from oped_studio.core.storage import encode_draft, load_draft

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Recovered:
    draft: Draft
    original: Path | None  # the file the draft was saved as, if it had one
    saved: datetime
    copy: Path


def _copy_path(paths: AppPaths, draft_id: str) -> Path:
    return paths.recovery / f"{draft_id}.oped"


def _note_path(copy: Path) -> Path:
    return copy.with_suffix(".json")


def write_recovery(paths: AppPaths, draft: Draft, original: Path | None) -> Path:
    """Save a recovery copy of ``draft`` (atomically); raises SaveError."""
    return write_recovery_data(paths, draft.id, encode_draft(draft), original)


def write_recovery_data(paths: AppPaths, draft_id: str, data: bytes, original: Path | None) -> Path:
    """Save ``data`` (a draft's bytes, from ``encode_draft``) as the recovery copy of the draft
    ``draft_id`` (atomically, with the note); raises SaveError. Safe to call from a worker
    thread: it touches no Draft."""
    try:
        paths.recovery.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SaveError(paths.recovery, describe_os_error(exc)) from exc
    copy = _copy_path(paths, draft_id)
    # The note first: whoever sees the copy (it may be written while the app runs on) finds
    # its note beside it.
    note = {"original": str(original) if original else None, "saved": now_utc().isoformat()}
    atomic_write_text(_note_path(copy), json.dumps(note))
    atomic_write_bytes(copy, data)
    return copy


def clear_recovery(paths: AppPaths, draft_id: str) -> None:
    copy = _copy_path(paths, draft_id)
    for path in (copy, _note_path(copy)):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def find_recovered(paths: AppPaths) -> list[Recovered]:
    """Recovery copies left by a session that did not close normally, newest first.

    A damaged copy is set aside as ``.damaged`` (never deleted) and skipped.
    """
    folder = paths.recovery
    if not folder.is_dir():
        return []
    found: list[Recovered] = []
    for copy in folder.glob("*.oped"):
        try:
            draft = load_draft(copy).draft
        except DraftFileError as exc:
            log.warning("recovery copy %s is damaged: %s", copy, exc.reason)
            with contextlib.suppress(OSError):
                copy.rename(copy.with_name(copy.name + ".damaged"))
            continue
        original: Path | None = None
        saved = draft.modified
        try:
            note = loads_json(read_text_file(_note_path(copy), what="recovery note"))
            original = Path(note["original"]) if note.get("original") else None
            saved = in_utc(datetime.fromisoformat(note["saved"]).astimezone()) or saved
        except (
            UnreadableFileError,
            ValueError,
            KeyError,
            TypeError,
            AttributeError,
            OverflowError,
        ):
            pass  # a damaged note (ParseError is a ValueError): the draft's own time is used
        found.append(Recovered(draft, original, saved, copy))
    found.sort(key=lambda r: r.saved, reverse=True)
    return found
