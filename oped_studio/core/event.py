"""An event folder: a letter-writing event on shared laptops (``--kit FILE --event DIR``).

::

    DIR/event.json          the event: its kit, the facilitator's PIN (salted hash), and each
                            participant's number, start and finish
    DIR/drafts/P001.oped    each participant's draft, saved as they type
    DIR/letters/P001.docx   the letter of each participant who pressed "I'm done" (and .txt)

Participant numbers are taken by creating the draft file exclusively, so two laptops sharing
one folder never take the same number; ``event.json`` is re-read before every write and
written atomically. A damaged ``event.json`` is never overwritten: the event stops with a
clear message and the file is left for the facilitator.

This module is the folder's own files only; writing the letters out, the facilitator's
figures and collecting the folder are the workshop's (:mod:`oped_studio.workshop`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from oped_studio.core.atomic import atomic_write_text
from oped_studio.core.cleaning import shown_name
from oped_studio.core.draft import Draft
from oped_studio.core.errors import OpedError, describe_os_error
from oped_studio.core.files import UnreadableFileError, loads_json, read_text_file
from oped_studio.core.storage import FileStamp, LoadedDraft, load_draft, save_draft

EVENT_FORMAT = "oped-studio-event"
PIN_ITERATIONS = 200_000
#: The most a PIN record may ask for (a PIN check of more would keep the window busy for long).
MAX_PIN_ITERATIONS = 10 * PIN_ITERATIONS
MIN_PIN = 4


#: The participant numbers the app gives out: P001 to P999, then P1000 to P9999. Anything
#: else in event.json or drafts/ (``P002 copy``, ``../../x``) is not a participant: it is
#: reported and left out, and never becomes a path.
PARTICIPANT_NUMBER = re.compile(r"P(?:\d{3}|[1-9]\d{3})")


class EventError(OpedError):
    """The event folder cannot be used; the message says why and what to do."""


def is_participant_number(text: object) -> bool:
    return isinstance(text, str) and PARTICIPANT_NUMBER.fullmatch(text) is not None


def participant_entries(data: object) -> tuple[dict[str, dict], list[str]]:
    """The participants event.json records (``data`` is its "participants" value), by number,
    and a sentence for each entry left out (a name the app never gives, or no record)."""
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


@dataclass(frozen=True)
class Participant:
    number: str  # "P001"
    started: str
    finished: str = ""

    @property
    def label(self) -> str:
        return f"Participant {int(self.number[1:])}"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class EventFolder:
    def __init__(self, folder: Path, kit_id: str = "", kit_title: str = "") -> None:
        self.folder = Path(folder)
        self.kit_id = kit_id
        self.kit_title = kit_title
        try:
            self.drafts.mkdir(parents=True, exist_ok=True)
            self.letters.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise EventError(
                f"Cannot use {self.folder} for the event: {describe_os_error(exc)}."
            ) from exc
        data = self._read()
        if not data:
            self._write({"format": EVENT_FORMAT, "kit": {"id": kit_id, "title": kit_title}})

    @property
    def drafts(self) -> Path:
        return self.folder / "drafts"

    @property
    def letters(self) -> Path:
        return self.folder / "letters"

    @property
    def file(self) -> Path:
        return self.folder / "event.json"

    # -- event.json ----------------------------------------------------------------------------

    def _read(self) -> dict[str, Any]:
        try:
            text = read_text_file(self.file, what="event file")
        except UnreadableFileError as exc:
            if exc.missing:
                return {}
            raise EventError(f"{exc}.") from None
        try:
            data = loads_json(text)
            if not isinstance(data, dict) or data.get("format") != EVENT_FORMAT:
                raise ValueError("not an OpEd Studio event file")
        except ValueError as exc:
            raise EventError(
                f"{self.file} is damaged ({exc}); it was left as it is. Move it away to start "
                "a new event in this folder, or choose another folder."
            ) from None
        return data

    def _write(self, data: dict[str, Any]) -> None:
        atomic_write_text(self.file, json.dumps(data, ensure_ascii=False, indent=2) + "\n")

    def _update(self, change) -> None:
        data = self._read() or {"format": EVENT_FORMAT}
        change(data)
        self._write(data)

    # -- the facilitator's PIN -----------------------------------------------------------------

    def has_pin(self) -> bool:
        return bool(self._read().get("pin"))

    def set_pin(self, pin: str) -> None:
        pin = pin.strip()
        if len(pin) < MIN_PIN or not pin.isdigit():
            raise EventError(f"Choose a PIN of at least {MIN_PIN} digits.")
        salt = secrets.token_bytes(16)
        digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, PIN_ITERATIONS)
        record = {"salt": salt.hex(), "hash": digest.hex(), "iterations": PIN_ITERATIONS}
        self._update(lambda data: data.__setitem__("pin", record))

    def check_pin(self, pin: str) -> bool:
        record = self._read().get("pin")
        if not isinstance(record, dict):
            return False
        try:
            salt = bytes.fromhex(record["salt"])
            expected = bytes.fromhex(record["hash"])
            iterations = int(record["iterations"])
        except (KeyError, TypeError, ValueError):
            return False
        if not 1 <= iterations <= MAX_PIN_ITERATIONS:  # a hand edit: 10**12 would hang the app
            return False
        digest = hashlib.pbkdf2_hmac("sha256", pin.strip().encode(), salt, iterations)
        return hmac.compare_digest(digest, expected)

    # -- participants --------------------------------------------------------------------------

    def participants(self) -> list[Participant]:
        return self.roster()[0]

    def roster(self) -> tuple[list[Participant], list[str]]:
        """Every participant, in number order, and a sentence for each entry of event.json
        and each file of drafts/ that was left out as not a participant's."""
        people, skipped = participant_entries(self._read().get("participants"))
        found = {
            number: Participant(
                number, str(info.get("started") or ""), str(info.get("finished") or "")
            )
            for number, info in people.items()
        }
        for path in sorted(self.drafts.glob("*.oped")):  # a draft the file does not know yet
            if is_participant_number(path.stem):
                found.setdefault(path.stem, Participant(path.stem, ""))
            elif not path.name.startswith("."):
                skipped.append(
                    f"drafts/{shown_name(path.name)} is not named like a participant's draft "
                    "(P001.oped); it was left out."
                )
        return [found[k] for k in sorted(found, key=lambda n: int(n[1:]))], skipped

    def draft_path(self, number: str) -> Path:
        if not is_participant_number(number):
            raise EventError(f"{str(number)[:40]!r} is not a participant number like P001.")
        return self.drafts / f"{number}.oped"

    def new_participant(self, draft: Draft) -> tuple[Participant, LoadedDraft]:
        """Take the next free number and save ``draft`` as that participant's draft."""
        taken = {p.number for p in self.participants()}
        for index in range(1, 10_000):
            number = f"P{index:03d}"
            if number in taken:
                continue
            path = self.draft_path(number)
            try:
                with open(path, "x", encoding="utf-8"):
                    pass  # claimed: another laptop can no longer take this number
            except FileExistsError:
                continue
            except OSError as exc:
                raise EventError(
                    f"Cannot save in {self.drafts}: {describe_os_error(exc)}."
                ) from exc
            stamp = save_draft(draft, path, overwrite=True)  # over our own empty claim
            participant = Participant(number, _now())
            self._record_start(participant)
            return participant, LoadedDraft(draft=draft, path=path, stamp=stamp)
        raise EventError("This event has 9,999 participants; start a new event folder.")

    def _record_start(self, participant: Participant) -> None:
        def add(data: dict[str, Any]) -> None:
            people = _people(data)
            people[participant.number] = {"started": participant.started, "finished": None}

        self._update(add)

    def load(self, number: str) -> LoadedDraft:
        return load_draft(self.draft_path(number))

    def save(self, number: str, draft: Draft, stamp: FileStamp | None) -> FileStamp:
        """Save the participant's draft over the version they opened (``stamp``)."""
        return save_draft(draft, self.draft_path(number), expected=stamp)

    def mark_finished(self, number: str) -> None:
        """Record that the participant has handed their letter in (now)."""
        finished = _now()

        def mark(data: dict[str, Any]) -> None:
            people = _people(data)
            entry = people.get(number)
            if not isinstance(entry, dict):  # a hand-edited "P001": "oops" holds nothing
                entry = people[number] = {"started": ""}
            entry["finished"] = finished

        self._update(mark)


def _people(data: dict[str, Any]) -> dict[str, Any]:
    """event.json's record of participants, to add to (one that is not a record, from a hand
    edit, holds nothing the app can use and starts again)."""
    people = data.get("participants")
    if not isinstance(people, dict):
        people = data["participants"] = {}
    return people


def recorded_participants(folder: Path) -> tuple[dict[str, dict], list[str]]:
    """What ``event.json`` in ``folder`` records of each participant (started, finished), by
    number, and a sentence for each entry left out (see :func:`participant_entries`); empty
    for a folder that is not an event or whose file cannot be read. Read-only: for collecting
    a folder, which may be any folder of drafts."""
    try:
        data = loads_json(read_text_file(folder / "event.json", what="event file"))
        people = data.get("participants", {})
    except (UnreadableFileError, ValueError, AttributeError):
        return {}, []
    return participant_entries(people)
