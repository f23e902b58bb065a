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
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from oped_studio.core.atomic import atomic_write_text
from oped_studio.core.draft import Draft
from oped_studio.core.errors import OpedError, describe_os_error
from oped_studio.core.files import UnreadableFileError, loads_json, read_text_file
from oped_studio.core.storage import FileStamp, LoadedDraft, load_draft, save_draft

EVENT_FORMAT = "oped-studio-event"
PIN_ITERATIONS = 200_000
MIN_PIN = 4


class EventError(OpedError):
    """The event folder cannot be used; the message says why and what to do."""


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
        digest = hashlib.pbkdf2_hmac("sha256", pin.strip().encode(), salt, iterations)
        return hmac.compare_digest(digest, expected)

    # -- participants --------------------------------------------------------------------------

    def participants(self) -> list[Participant]:
        people = self._read().get("participants", {})
        found = {}
        if isinstance(people, dict):
            for number, info in people.items():
                if isinstance(info, dict):
                    found[number] = Participant(
                        number, str(info.get("started", "")), str(info.get("finished") or "")
                    )
        for path in self.drafts.glob("P*.oped"):  # a draft the file does not know yet
            found.setdefault(path.stem, Participant(path.stem, ""))
        return [found[k] for k in sorted(found)]

    def draft_path(self, number: str) -> Path:
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
            people = data.setdefault("participants", {})
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
            people = data.setdefault("participants", {})
            entry = people.setdefault(number, {"started": ""})
            entry["finished"] = finished

        self._update(mark)


def recorded_participants(folder: Path) -> dict[str, dict]:
    """What ``event.json`` in ``folder`` records of each participant (started, finished), by
    number; empty for a folder that is not an event or whose file cannot be read. Read-only:
    for collecting a folder, which may be any folder of drafts."""
    try:
        data = loads_json(read_text_file(folder / "event.json", what="event file"))
        people = data.get("participants", {})
        return people if isinstance(people, dict) else {}
    except (UnreadableFileError, ValueError, AttributeError):
        return {}
