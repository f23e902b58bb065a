"""Who is at an event, as its folder records them: laptop labels, participant numbers, each
participant's record (``people/P001.json``, or a version 1 folder's entry in event.json), and
the drafts a laptop kept that the folder lacks. Read-only helpers of
:mod:`oped_studio.core.event`, which writes."""

from __future__ import annotations

import re
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from oped_studio.core.cleaning import shown_name
from oped_studio.core.errors import OpedError
from oped_studio.core.event_codes import EventError
from oped_studio.core.files import (
    UnreadableFileError,
    loads_json,
    read_regular_file,
    read_text_file,
)
from oped_studio.core.storage import MAX_DRAFT_BYTES, FileStamp, decode_draft

#: The participant numbers the app gives out: P001 to P999, then P1000 to P9999. Anything
#: else in event.json, people/ or drafts/ (``P002 copy``, ``../../x``) is not a participant:
#: it is reported and left out, and never becomes a path.
PARTICIPANT_NUMBER = re.compile(r"P(?:\d{3}|[1-9]\d{3})")
#: A laptop label: it goes into file names (``hall-1-P003.docx``), so plain characters only.
MAX_LABEL = 24
_LABEL = re.compile(rf"[A-Za-z0-9_-]{{1,{MAX_LABEL}}}")
#: A participant's record is a few hundred bytes.
_MAX_RECORD_BYTES = 64 * 1024


def is_participant_number(text: object) -> bool:
    return isinstance(text, str) and PARTICIPANT_NUMBER.fullmatch(text) is not None


def participant_number(value: object) -> str:
    """A participant's number as typed (3, "3", "P003", " p3 ") as the app writes it
    ("P003"); "" when it cannot be one."""
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value) if 0 < value < 10_000 else ""
    if not isinstance(value, str):
        return ""
    found = re.fullmatch(r"[Pp]?0*(\d{1,4})", value.strip()[:12])
    if not found or not 1 <= int(found[1]) <= 9999:
        return ""
    return f"P{int(found[1]):03d}"


def is_label(text: object) -> bool:
    return isinstance(text, str) and _LABEL.fullmatch(text) is not None


def clean_laptop_label(text: str) -> str:
    """A laptop's label as typed, without spaces around it; EventError for one that cannot
    be a label (empty, too long, or with characters other than letters, digits, - and _)."""
    label = text.strip(" \t")
    if not label:
        raise EventError("Give this laptop a label, such as hall-1 (letters, digits, - and _).")
    if len(label) > MAX_LABEL:
        raise EventError(
            f"A laptop label may be at most {MAX_LABEL} characters long; choose a shorter one, "
            "such as hall-1."
        )
    if not is_label(label):
        raise EventError(
            "A laptop label may hold only letters a to z, digits, - and _ (no spaces or line "
            "breaks); choose another, such as hall-1."
        )
    return label


def default_laptop_label() -> str:
    """This machine's name, made a label ("Sams-MacBook.local" -> "Sams-MacBook")."""
    try:
        name = socket.gethostname()
    except OSError:
        name = ""
    label = re.sub(r"[^A-Za-z0-9_-]+", "-", name.split(".")[0]).strip("-")
    return label[:MAX_LABEL].strip("-") or "laptop"


@dataclass(frozen=True)
class Participant:
    number: str  # "P001"
    started: str
    finished: str = ""
    #: The label of the laptop that started this participant ("" in an unlabelled folder).
    laptop: str = ""

    @property
    def label(self) -> str:
        return f"Participant {int(self.number[1:])}"

    @property
    def label_on_laptop(self) -> str:
        """What a participant is told: "Participant 3 on HALL-2" (without a laptop label, the
        label alone)."""
        return f"{self.label} on {self.laptop}" if self.laptop else self.label

    @property
    def id(self) -> str:
        """Unique across the laptops of one event: ``hall-1-P003`` (or ``P003`` unlabelled)."""
        return f"{self.laptop}-{self.number}" if self.laptop else self.number


def participant_from(number: str, info: dict[str, Any]) -> Participant:
    def text(key: str) -> str:
        value = info.get(key)
        return value[:40] if isinstance(value, str) else ""

    laptop = info.get("laptop")
    return Participant(
        number, text("started"), text("finished"), laptop if is_label(laptop) else ""
    )


def participant_entries(data: object) -> tuple[dict[str, dict], list[str]]:
    """The participants a version 1 event.json records (``data`` is its "participants"
    value), by number, and a sentence for each entry left out (a name the app never gives,
    or no record)."""
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, ["event.json: “participants” is not a list of participants; it was left out."]
    found, skipped = {}, []
    for number, info in data.items():
        if not is_participant_number(number):
            skipped.append(
                f"event.json: {str(number)[:40]!r} is not a participant number like P001; "
                "it was left out."
            )
        elif not isinstance(info, dict):
            skipped.append(f"event.json: {number} has no record of its start; it was left out.")
        else:
            found[number] = info
    return found, skipped


def _load_record(path: Path) -> dict[str, Any]:
    """The record in ``path``; UnreadableFileError or ValueError when there is none."""
    data = read_regular_file(path, max_bytes=_MAX_RECORD_BYTES, what="participant record")
    record = loads_json(data.decode("utf-8", errors="strict"))
    if not isinstance(record, dict):
        raise ValueError("it is not a participant's record")
    return record


def read_record(path: Path) -> dict[str, Any] | None:
    """The participant's record in ``path``, or None when there is none to use."""
    try:
        return _load_record(path)
    except (UnreadableFileError, ValueError):
        return None


def records(folder: Path, event: dict[str, Any]) -> tuple[dict[str, dict], list[str]]:
    """Each participant's record, by number: event.json's (``event``, version 1) with
    people/ over it; and a sentence for each entry or file left out."""
    found, skipped = participant_entries(event.get("participants"))
    people = folder / "people"
    try:
        files = sorted(people.iterdir()) if people.is_dir() else []
    except OSError:
        files = []
    for path in files:
        if path.name.startswith("."):  # an atomic write's temporary file
            continue
        if path.suffix != ".json" or not is_participant_number(path.stem):
            skipped.append(
                f"people/{shown_name(path.name)} is not named like a participant's record "
                "(P001.json); it was left out."
            )
            continue
        try:
            record = _load_record(path)
        except (UnreadableFileError, ValueError) as exc:
            reason = exc.reason if isinstance(exc, UnreadableFileError) else str(exc)[:80]
            skipped.append(f"people/{path.name} cannot be read ({reason}); it was left out.")
            continue
        found[path.stem] = {**found.get(path.stem, {}), **record}
    return found, skipped


def pending_file(mirror: Path, number: str) -> Path:
    """Where the laptop notes that its copy of ``number`` did not reach the event folder,
    and which version of the folder's draft it was written over."""
    return mirror / f"{number}.pending"


def _pending_base(mirror: Path, number: str) -> FileStamp | bool | None:
    """The stamp of the folder's draft the laptop's copy was written over (None: there was
    none); False when the copy is not waiting to go back."""
    try:
        data = loads_json(read_regular_file(pending_file(mirror, number), max_bytes=1024).decode())
    except (UnreadableFileError, ValueError):
        return False
    if data is None:
        return None
    if isinstance(data, dict) and isinstance(data.get("size"), int):
        return FileStamp(data["size"], str(data.get("sha256")))
    return False


def newer_than_folder(mirror: Path | None, drafts: Path) -> Iterator[tuple[str, bytes, Any]]:
    """Each draft the laptop kept in ``mirror`` that ``drafts`` lacks or holds an older
    version of: its number, its bytes, and the stamp of the folder's version now (None when
    there is none). Older: the very version the laptop's copy was written over when the
    folder could not be reached, else one last changed before it."""
    if mirror is None or not mirror.is_dir():
        return
    for path in sorted(mirror.glob("P*.oped")):
        if not is_participant_number(path.stem):
            continue
        try:
            data = read_regular_file(path, max_bytes=MAX_DRAFT_BYTES, what="draft")
            mine = decode_draft(data, path)[0].modified
        except (UnreadableFileError, OpedError):
            continue
        target = drafts / path.name
        try:
            theirs: bytes | None = read_regular_file(
                target, max_bytes=MAX_DRAFT_BYTES, what="draft"
            )
        except UnreadableFileError as exc:
            if not exc.missing:
                continue  # a pipe, a device: never replaced
            theirs = None
        if theirs == data:
            continue
        stamp = None if theirs is None else FileStamp.of(theirs)
        if theirs and stamp != _pending_base(mirror, path.stem):
            try:  # an empty claim, or a damaged draft, is older than any
                if decode_draft(theirs, target)[0].modified >= mine:
                    continue
            except OpedError:
                pass
        yield path.stem, data, stamp


def _event_data(folder: Path) -> dict[str, Any]:
    """event.json of ``folder``, read-only; {} for a folder that is not an event or whose
    file cannot be read."""
    try:
        data = loads_json(read_text_file(folder / "event.json", what="event file"))
    except (UnreadableFileError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def recorded_participants(folder: Path) -> tuple[dict[str, dict], list[str]]:
    """What ``folder`` records of each participant (started, finished, laptop), from
    people/ and (version 1) event.json, by number, and a sentence for each entry left out.
    Read-only: for collecting a folder, which may be any folder of drafts."""
    return records(folder, _event_data(folder))


def event_laptop(folder: Path) -> str:
    """The laptop label of the event folder ``folder`` ("" when it has none)."""
    laptop = _event_data(folder).get("laptop")
    return laptop if is_label(laptop) else ""
