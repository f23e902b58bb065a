"""The drafts library: the writer's drafts in the user data folder, and a recoverable trash.

Deleting moves a draft (and its backup) into ``trash/`` with a small note of where it came
from, so it can be restored; only "empty trash" removes files for good.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shutil
import stat
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from oped_studio.core.atomic import atomic_write_text
from oped_studio.core.draft import Draft, in_utc, now_utc
from oped_studio.core.errors import DraftFileError, LibraryError, describe_os_error
from oped_studio.core.files import UnreadableFileError, loads_json, read_text_file
from oped_studio.core.letter_text import counted_words
from oped_studio.core.paths import AppPaths
from oped_studio.core.storage import (
    DRAFT_SUFFIX,
    LoadedDraft,
    backup_path,
    is_draft_path,
    load_draft,
    save_draft,
)

log = logging.getLogger(__name__)

_TRASH_NOTE_SUFFIX = ".trash.json"


@dataclass(frozen=True)
class DraftEntry:
    """One line of the library's list. ``error`` is set (and the rest empty) for a bad file."""

    path: Path
    title: str = ""
    draft_id: str = ""
    kind: str = ""
    outlet_id: str = ""
    words: int = 0
    modified: datetime | None = None
    error: str | None = None


@dataclass(frozen=True)
class TrashEntry:
    """A deleted draft, with where it was and when it was deleted."""

    path: Path
    original: Path
    deleted: datetime | None


def slugify(text: str, limit: int = 40) -> str:
    """A safe, readable file-name stem: ASCII letters, digits and dashes."""
    normal = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^A-Za-z0-9]+", "-", normal).strip("-").lower()
    return slug[:limit].rstrip("-") or "draft"


def unique_path(folder: Path, stem: str, suffix: str) -> Path:
    """``folder/stem+suffix``, or ``stem-2``, ``stem-3``... when that name is taken."""
    candidate = folder / f"{stem}{suffix}"
    number = 2
    # lexists: a link there, even one pointing nowhere, is taken too (never replaced)
    while os.path.lexists(candidate) or os.path.lexists(backup_path(candidate)):
        candidate = folder / f"{stem}-{number}{suffix}"
        number += 1
    return candidate


def entry_for(path: Path) -> DraftEntry:
    """The library's line for the draft at ``path`` (with ``error`` if it cannot be read)."""
    try:
        draft = load_draft(path).draft
    except DraftFileError as exc:
        return DraftEntry(path=path, error=exc.reason)
    return DraftEntry(
        path=path,
        title=draft.display_title(),
        draft_id=draft.id,
        kind=draft.kind,
        outlet_id=draft.outlet_id,
        words=counted_words(draft),
        modified=draft.modified,
    )


class DraftLibrary:
    """The drafts kept in one user data folder."""

    def __init__(self, paths: AppPaths) -> None:
        self.paths = paths

    @property
    def folder(self) -> Path:
        return self.paths.drafts

    def _ensure(self) -> None:
        try:
            self.paths.ensure()
        except OSError as exc:
            raise LibraryError(
                f"Cannot use the data folder {self.paths.root}: {describe_os_error(exc)}."
            ) from exc

    def entries(self, also: Iterable[Path] = ()) -> list[DraftEntry]:
        """Every draft in the library, and the drafts at ``also`` (recent files kept
        elsewhere), most recently changed first; files that cannot be read come last."""
        paths: list[Path] = []
        if self.folder.is_dir():
            # Not only regular files: a pipe or a link named .oped is listed as unreadable.
            paths = [
                p for p in sorted(self.folder.iterdir()) if not p.is_dir() and is_draft_path(p)
            ]
        seen = {p.resolve() for p in paths}
        for path in also:
            if path.resolve() not in seen and path.is_file():
                seen.add(path.resolve())
                paths.append(path)
        found = [entry_for(path) for path in paths]
        good = [e for e in found if e.error is None]
        good.sort(key=lambda e: e.modified or datetime.min.replace(tzinfo=UTC), reverse=True)
        return good + [e for e in found if e.error is not None]

    def path_for(self, draft: Draft) -> Path:
        """A new, unused file name in the library for ``draft``."""
        self._ensure()
        return unique_path(self.folder, slugify(draft.display_title()), DRAFT_SUFFIX)

    def save_new(self, draft: Draft) -> LoadedDraft:
        """Save ``draft`` under a new name in the library."""
        path = self.path_for(draft)
        stamp = save_draft(draft, path)
        return LoadedDraft(draft=draft, path=path, stamp=stamp)

    def duplicate(self, path: Path) -> LoadedDraft:
        """Copy the draft at ``path`` into the library as a new draft ("... (copy)")."""
        source = load_draft(path).draft
        copy = source.copy_as_new()
        copy.title = f"{source.display_title()} (copy)"
        return self.save_new(copy)

    def deletable(self, path: Path, known: Iterable[Path] = ()) -> Path:
        """``path`` resolved, if it is a draft this library may move to its trash.

        That is a ``.oped`` regular file (not a link, pipe or folder) inside the library
        folder, or one of the ``known`` drafts the writer opened elsewhere (the window's
        recent list). Anything else raises :class:`LibraryError` saying why: deleting must
        never reach a file the writer did not pick as a draft.
        """
        path = Path(path)
        if path.is_symlink():
            raise LibraryError(
                f"Cannot delete {path}: it is a link, not a draft; delete the link itself "
                "with your file manager if you no longer want it."
            )
        if not path.exists():
            raise LibraryError(f"Cannot delete {path}: the file does not exist.")
        if not is_draft_path(path) or not path.is_file() or not stat.S_ISREG(path.stat().st_mode):
            raise LibraryError(
                f"Cannot delete {path}: only drafts (.oped files) go to the drafts trash."
            )
        real = path.resolve()
        inside = real.parent == self.folder.resolve()
        if not inside and real not in {Path(p).resolve() for p in known}:
            raise LibraryError(
                f"Cannot delete {path}: it is not in the drafts library ({self.folder}). "
                "'drafts delete' only moves library drafts to the trash; delete other files "
                "with your file manager."
            )
        return real

    def delete(self, path: Path, known: Iterable[Path] = ()) -> TrashEntry:
        """Move the draft at ``path`` (and its backup) to the trash; recoverable.

        Only a draft :meth:`deletable` accepts: one in the library, or one of ``known``.
        """
        path = self.deletable(path, known)
        self._ensure()
        stamp = now_utc().strftime("%Y%m%dT%H%M%S")
        target = unique_path(self.paths.trash, f"{stamp}-{path.stem}", path.suffix)
        note = target.with_name(target.name + _TRASH_NOTE_SUFFIX)
        try:
            atomic_write_text(
                note,
                json.dumps({"original": str(path.resolve()), "deleted": now_utc().isoformat()}),
            )
            shutil.move(path, target)
        except OSError as exc:
            with contextlib.suppress(OSError):
                note.unlink()
            raise LibraryError(f"Cannot delete {path}: {describe_os_error(exc)}.") from exc
        backup = backup_path(path)
        if backup.exists():
            try:
                shutil.move(backup, backup_path(target))
            except OSError as exc:  # the draft itself is safely in the trash
                log.warning("could not move backup %s to the trash: %s", backup, exc)
        return TrashEntry(path=target, original=path.resolve(), deleted=now_utc())

    def trash(self) -> list[TrashEntry]:
        """The deleted drafts, most recently deleted first."""
        if not self.paths.trash.is_dir():
            return []
        found: list[TrashEntry] = []
        for path in self.paths.trash.iterdir():
            if not (path.is_file() and is_draft_path(path)):
                continue
            original, deleted = self.folder / path.name, None
            note = path.with_name(path.name + _TRASH_NOTE_SUFFIX)
            try:
                info = loads_json(read_text_file(note, what="trash note"))
                original = Path(info["original"])
                deleted = in_utc(datetime.fromisoformat(info["deleted"]).astimezone())
            except (UnreadableFileError, ValueError, KeyError, TypeError, OverflowError):
                log.info("trash note for %s is missing or unreadable", path)
            found.append(TrashEntry(path=path, original=original, deleted=deleted))
        found.sort(key=lambda e: (e.deleted is not None, e.deleted or datetime.min), reverse=True)
        return found

    def restore(self, entry: TrashEntry) -> Path:
        """Put a deleted draft back where it was (under a new name if that one is taken)."""
        folder = entry.original.parent
        if not is_draft_path(entry.original) or not folder.is_dir():
            folder = self.folder
            self._ensure()
        target = unique_path(folder, entry.original.stem, entry.original.suffix or DRAFT_SUFFIX)
        try:
            shutil.move(entry.path, target)
        except OSError as exc:
            raise LibraryError(
                f"Cannot restore {entry.path.name}: {describe_os_error(exc)}."
            ) from exc
        backup = backup_path(entry.path)
        if backup.exists():
            with contextlib.suppress(OSError):
                shutil.move(backup, backup_path(target))
        with contextlib.suppress(OSError):
            entry.path.with_name(entry.path.name + _TRASH_NOTE_SUFFIX).unlink()
        return target

    def empty_trash(self) -> int:
        """Delete everything in the trash for good; returns how many drafts went."""
        count = 0
        for entry in self.trash():
            for item in (
                entry.path,
                backup_path(entry.path),
                entry.path.with_name(entry.path.name + _TRASH_NOTE_SUFFIX),
            ):
                try:
                    os.remove(item)
                except FileNotFoundError:
                    continue
                except OSError as exc:
                    raise LibraryError(
                        f"Cannot empty the trash: {item.name}: {describe_os_error(exc)}."
                    ) from exc
            count += 1
        return count
