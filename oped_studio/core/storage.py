"""Reading and writing ``.oped`` draft files safely.

* A load never modifies the file, and every way it can fail raises :class:`DraftFileError`
  with the path and the reason (JSON line and column where there is one).
* A save is atomic (see :mod:`atomic`), keeps the previous version as ``NAME.oped.bak``, and
  refuses to overwrite a file that changed on disk since it was loaded
  (:class:`ConflictError`), unless the caller says to.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from oped_studio.core.atomic import atomic_write_bytes
from oped_studio.core.draft import (
    FORMAT_VERSION,
    Draft,
    DraftFormatError,
    draft_from_dict,
    now_utc,
)
from oped_studio.core.errors import ConflictError, DraftFileError, SaveError
from oped_studio.core.files import (
    ParseError,
    UnreadableFileError,
    loads_json,
    read_regular_file,
)

DRAFT_SUFFIX = ".oped"
BACKUP_SUFFIX = ".bak"
#: No draft comes near this; a larger file is refused before it is read.
MAX_DRAFT_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class FileStamp:
    """What a file held when we last read or wrote it, to notice changes made outside."""

    size: int
    sha256: str

    @classmethod
    def of(cls, data: bytes) -> FileStamp:
        import hashlib  # loads OpenSSL: not needed until a file is read or written

        return cls(len(data), hashlib.sha256(data).hexdigest())


@dataclass
class LoadedDraft:
    """A draft together with the file it came from and that file's stamp."""

    draft: Draft
    path: Path
    stamp: FileStamp
    #: The format version the file had, when it was older than the current one.
    migrated_from: int | None = None


def backup_path(path: Path) -> Path:
    """Where the previous version of ``path`` is kept."""
    return path.with_name(path.name + BACKUP_SUFFIX)


def encode_draft(draft: Draft) -> bytes:
    """The bytes of a ``.oped`` file for ``draft`` (UTF-8 JSON, readable by people)."""
    text = json.dumps(draft.to_dict(), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, read as :func:`files.read_regular_file` reads any outside file."""
    try:
        return read_regular_file(path, max_bytes=MAX_DRAFT_BYTES, what="draft")
    except UnreadableFileError as exc:
        raise DraftFileError(path, exc.reason) from None


def decode_draft(data: bytes, path: Path) -> tuple[Draft, int]:
    """Parse and validate the bytes of a draft file; return the draft and its file version."""
    if not data.strip():
        raise DraftFileError(path, "the file is empty")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DraftFileError(
            path,
            f"it is not a text file in UTF-8 (a byte that is not text at position {exc.start}); "
            "it is probably not a draft, or it is damaged",
        ) from None
    try:
        parsed = loads_json(text)
    except ParseError as exc:
        if exc.line is None:
            raise DraftFileError(path, f"the file is not a draft: {exc.reason}") from None
        raise DraftFileError(
            path,
            f"the file is damaged or is not a draft (its JSON breaks here: {exc.reason})",
            line=exc.line,
            column=exc.column,
        ) from None
    version = parsed.get("format_version") if isinstance(parsed, dict) else None
    try:
        draft = draft_from_dict(parsed)
    except DraftFormatError as exc:
        raise DraftFileError(path, str(exc)) from None
    return draft, version if isinstance(version, int) else FORMAT_VERSION


def load_draft(path: Path | str) -> LoadedDraft:
    """Read the draft at ``path``. Never writes; raises :class:`DraftFileError`."""
    path = Path(path)
    data = _read_bytes(path)
    draft, version = decode_draft(data, path)
    migrated = version if version < FORMAT_VERSION else None
    return LoadedDraft(draft=draft, path=path, stamp=FileStamp.of(data), migrated_from=migrated)


def current_stamp(path: Path) -> FileStamp | None:
    """The stamp of the file at ``path`` now, or None if there is no file there."""
    try:
        return FileStamp.of(read_regular_file(path, max_bytes=MAX_DRAFT_BYTES, what="draft"))
    except UnreadableFileError as exc:
        if exc.missing:
            return None
        raise SaveError(path, exc.reason) from None


def has_changed_on_disk(path: Path, stamp: FileStamp | None) -> bool:
    """True when the file at ``path`` no longer holds what ``stamp`` recorded."""
    try:
        return current_stamp(path) != stamp
    except SaveError:
        return True


def save_draft(
    draft: Draft,
    path: Path | str,
    *,
    expected: FileStamp | None = None,
    overwrite: bool = False,
    touch: bool = True,
) -> FileStamp:
    """Save ``draft`` to ``path`` atomically and return the new file's stamp.

    ``expected`` is the stamp from when the draft was loaded or last saved there. If the file
    now holds something else, :class:`ConflictError` is raised and nothing is written, unless
    ``overwrite`` is true (the user chose to replace it). A file that exists when
    ``expected`` is None counts as a conflict too. The file's previous content is kept in
    ``NAME.oped.bak``. On failure the previous file is intact and :class:`SaveError` says why.
    """
    path = Path(path)
    old_modified = draft.modified
    if touch:
        draft.modified = now_utc()
    try:
        return save_draft_data(encode_draft(draft), path, expected=expected, overwrite=overwrite)
    except BaseException:
        draft.modified = old_modified
        raise


def save_draft_data(
    data: bytes, path: Path | str, *, expected: FileStamp | None = None, overwrite: bool = False
) -> FileStamp:
    """Save the bytes of a draft (from :func:`encode_draft`) as :func:`save_draft` does.

    For a caller that encodes the draft on one thread and writes it on another (the app's
    autosave at an event): touches no :class:`Draft`, only the file and its backup.
    """
    path = Path(path)
    try:  # what is there now: a pipe or a device is refused, never read or replaced
        previous: bytes | None = read_regular_file(path, max_bytes=MAX_DRAFT_BYTES, what="draft")
    except UnreadableFileError as exc:
        if not exc.missing:
            raise SaveError(path, exc.reason) from None
        previous = None
    if previous is not None and not overwrite and FileStamp.of(previous) != expected:
        raise ConflictError(path)
    if previous and previous != data:  # an empty file (a claimed name) is no draft to keep
        atomic_write_bytes(backup_path(path), previous, private=True)
    atomic_write_bytes(path, data, private=True)
    return FileStamp.of(data)


def is_draft_path(path: Path) -> bool:
    return path.suffix.lower() == DRAFT_SUFFIX and not path.name.startswith(".")
