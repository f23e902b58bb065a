"""An event folder: a letter-writing event on shared laptops.

::

    DIR/event.json          the event: version 2, a random uid, its kit (id, title and the kit
                            file's sha256), the laptop's label and the facilitator's PIN
                            (a salted hash)
    DIR/people/P001.json    each participant: started, finished, the laptop that started it,
                            and their resume code (a salted hash)
    DIR/drafts/P001.oped    each participant's draft, saved as they type
    DIR/letters/P001.docx   the letter of each participant who pressed "I'm done" (and .txt)
    DIR/tries.json          wrong PINs and codes in a row (see :mod:`event_codes`)

Participant numbers are taken by creating the draft file exclusively, and each participant's
record is a file of its own, written atomically: two laptops sharing one folder never take
the same number nor overwrite each other's records. A version 1 folder (its participants in
event.json, no uid, no laptop) is upgraded in place, keeping everything, and its participants
are still read from event.json. A damaged ``event.json`` is never overwritten: the event
stops with a clear message and the file is left for the facilitator.

Every draft saved here is first copied into ``mirror``, a folder on the laptop itself: when
the event folder (a USB stick) goes away, nothing typed is lost, and :meth:`sync_back` puts
the newer drafts back when it returns.

This module is the folder's own files only; writing the letters out, the facilitator's
figures and collecting the folder are the workshop's (:mod:`oped_studio.workshop`).
"""

from __future__ import annotations

import hmac
import json
import logging
import re
import secrets
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from oped_studio.core.atomic import atomic_write_bytes, atomic_write_text
from oped_studio.core.cleaning import shown_name
from oped_studio.core.draft import Draft, now_utc
from oped_studio.core.errors import ConflictError, OpedError, SaveError, describe_os_error
from oped_studio.core.event_codes import (
    CODE_ITERATIONS,
    PIN_ITERATIONS,
    EventError,
    Throttle,
    TooManyTries,
    hash_secret,
    kit_digest,
    kit_id,
    matches,
    new_code,
    normal_code,
)
from oped_studio.core.event_people import (
    Participant,
    clean_laptop_label,
    default_laptop_label,
    event_laptop,
    is_label,
    is_participant_number,
    newer_than_folder,
    participant_entries,
    participant_from,
    participant_number,
    pending_file,
    read_record,
    recorded_participants,
    records,
)
from oped_studio.core.files import UnreadableFileError, loads_json, read_text_file
from oped_studio.core.storage import (
    FileStamp,
    LoadedDraft,
    encode_draft,
    load_draft,
    save_draft_data,
)

if TYPE_CHECKING:
    from oped_studio.core.kits import Kit
    from oped_studio.core.paths import AppPaths

__all__ = [
    "EventError",
    "EventFolder",
    "FolderUnavailable",
    "Participant",
    "TooManyTries",
    "clean_laptop_label",
    "default_laptop_label",
    "event_laptop",
    "is_participant_number",
    "kit_digest",
    "open_event_here",
    "participant_entries",
    "recorded_participants",
]

log = logging.getLogger(__name__)

EVENT_FORMAT = "oped-studio-event"
EVENT_VERSION = 2
MIN_PIN = 4
#: The wording when a number and a code do not match: never which of the two was wrong.
NO_MATCH = "That number and code do not match a letter at this event."
_UID = re.compile(r"[0-9a-f]{8,64}")
_SAFE_HERE = "Your letter is safe on this laptop and goes back into the folder when it is back."
_TRY_AGAIN = "Put it back (or choose another folder) and try again."


class FolderUnavailable(EventError):
    """The event folder cannot be written (a USB stick pulled out, a read-only folder)."""

    def __init__(self, folder: Path, reason: str, then: str = _SAFE_HERE) -> None:
        self.folder = folder
        #: The laptop's own copy holds what could not be written into the folder.
        self.kept_here = then == _SAFE_HERE
        super().__init__(
            f"The event folder {folder} cannot be reached (is the USB stick out?): {reason}. "
            + then
        )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class EventFolder:
    def __init__(
        self,
        folder: Path,
        kit_id: str = "",
        kit_title: str = "",
        *,
        laptop: str = "",
        kit_digest: str = "",
        mirror: Path | None = None,
    ) -> None:
        self.folder = Path(folder)
        self.mirror = Path(mirror) if mirror is not None else None
        #: The clock the wrong-try waits are measured with (tests set their own).
        self.clock = time.time
        given = clean_laptop_label(laptop) if laptop else ""
        try:
            for place in (self.drafts, self.letters, self.people):
                place.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise EventError(
                f"Cannot use {self.folder} for the event: {describe_os_error(exc)}."
            ) from exc
        data = self._read()
        if not data:
            data = {
                "format": EVENT_FORMAT,
                "kit": {"id": kit_id, "title": kit_title, "sha256": kit_digest},
            }
        if self._upgrade(data, given):
            self._write(data, _TRY_AGAIN)
        kit = data.get("kit") if isinstance(data.get("kit"), dict) else {}
        self.kit_id = kit.get("id") if isinstance(kit.get("id"), str) else kit_id
        self.kit_title = kit.get("title") if isinstance(kit.get("title"), str) else kit_title
        self._uid: str = data["uid"]
        self._laptop: str = data["laptop"]
        #: Who starts participants here: this laptop's own label, else the folder's.
        self._machine = given or self._laptop
        self._pin = data.get("pin")  # for checking the PIN while the stick is out
        self._throttles = {
            kind: Throttle(self.folder / "tries.json", kind, lambda: self.clock())
            for kind in ("pin", "code")
        }

    @staticmethod
    def _upgrade(data: dict[str, Any], laptop: str) -> bool:
        """Bring ``data`` (a new or a version 1 event) to version 2, keeping every value it
        has; True when something changed."""
        version = data.get("version")
        if isinstance(version, int) and version > EVENT_VERSION:
            raise EventError(
                "This event folder was made by a newer version of OpEd Studio; update the app "
                "on this laptop to join the event."
            )
        before = dict(data)
        data["version"] = EVENT_VERSION
        if not (isinstance(data.get("uid"), str) and _UID.fullmatch(data["uid"])):
            data["uid"] = secrets.token_hex(16)
        if not is_label(data.get("laptop")):
            data["laptop"] = laptop
        return data != before

    @property
    def drafts(self) -> Path:
        return self.folder / "drafts"

    @property
    def letters(self) -> Path:
        return self.folder / "letters"

    @property
    def people(self) -> Path:
        return self.folder / "people"

    @property
    def file(self) -> Path:
        return self.folder / "event.json"

    @property
    def uid(self) -> str:
        """The event's own random id (the laptop keeps its copies of drafts under it)."""
        return self._uid

    @property
    def laptop(self) -> str:
        """The folder's laptop label ("" for an event started without one)."""
        return self._laptop

    @property
    def this_laptop(self) -> str:
        """The label this laptop starts its participants under (its own, else the folder's)."""
        return self._machine

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

    def _write(self, data: dict[str, Any], then: str) -> None:
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        try:
            atomic_write_text(self.file, text)
        except SaveError as exc:
            raise FolderUnavailable(self.folder, exc.reason, then) from exc

    # -- the facilitator's PIN -----------------------------------------------------------------

    def _pin_record(self) -> object:
        data = self._read()
        if data:  # else the folder is away: the PIN read last still lets the facilitator in
            self._pin = data.get("pin")
        return self._pin

    def has_pin(self) -> bool:
        return bool(self._pin_record())

    def set_pin(self, pin: str) -> None:
        pin = pin.strip()
        if len(pin) < MIN_PIN or not (pin.isascii() and pin.isdigit()):
            raise EventError(f"Choose a PIN of at least {MIN_PIN} digits.")
        record = hash_secret(pin, PIN_ITERATIONS)
        data = self._read()
        if not data:
            raise FolderUnavailable(self.folder, "event.json is not there", _TRY_AGAIN)
        data["pin"] = record
        self._write(data, _TRY_AGAIN)
        self._pin = record

    def check_pin(self, pin: str) -> bool:
        """True for the event's PIN. After three wrong PINs in a row, a try made too soon
        raises :class:`TooManyTries` (saying how long to wait) and is not counted."""
        throttle = self._throttles["pin"]
        throttle.check_allowed()
        right = matches(self._pin_record(), pin.strip())
        throttle.right() if right else throttle.wrong()
        return right

    def check_kit(self, kit_file: Path) -> None:
        """EventError unless ``kit_file`` is the kit the event was started with: its sha256 is
        the one event.json records (for an event that recorded none, the kit's id is the
        event's). The way back in for a forgotten PIN, and no other."""
        kit_file = Path(kit_file)
        kit = self._read().get("kit")
        kit = kit if isinstance(kit, dict) else {}
        recorded = kit.get("sha256")
        if isinstance(recorded, str) and recorded:
            ours = kit_digest(kit_file).encode()
            belongs = hmac.compare_digest(ours, recorded.lower().encode())
        else:
            belongs = bool(kit.get("id")) and kit_id(kit_file) == kit.get("id")
        if not belongs:
            raise EventError(
                f"{shown_name(kit_file.name)} is not the kit this event was started with, so it "
                "cannot reset the PIN; give the kit file the event began with."
            )

    def reset_pin(self, kit_file: Path, new_pin: str) -> None:
        """A forgotten PIN: set ``new_pin`` for whoever holds the kit file the event was
        started with (see :meth:`check_kit`); the count of wrong PINs starts again."""
        self.check_kit(kit_file)
        self.set_pin(new_pin)
        self._throttles["pin"].right()

    # -- participants --------------------------------------------------------------------------

    def participants(self) -> list[Participant]:
        return self.roster()[0]

    def roster(self) -> tuple[list[Participant], list[str]]:
        """Every participant, in number order, and a sentence for each entry of event.json,
        people/ and drafts/ that was left out as not a participant's."""
        people, skipped = records(self.folder, self._read())
        found = {number: participant_from(number, info) for number, info in people.items()}
        for path in sorted(self.drafts.glob("*.oped")):  # a draft with no record (yet)
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

    def new_participant(self, draft: Draft) -> tuple[Participant, LoadedDraft, str]:
        """Take the next free number, save ``draft`` as that participant's draft and record
        them. The third value is their resume code, to show them once: only its hash is kept."""
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
                raise FolderUnavailable(
                    self.folder, describe_os_error(exc), "Put it back, then start the letter."
                ) from exc
            draft.modified = now_utc()
            stamp = self.save_data(number, encode_draft(draft), None, overwrite=True)
            code = new_code()
            participant = Participant(number, _now(), laptop=self._machine)
            record = {"started": participant.started, "finished": None, "laptop": self._machine}
            self._write_record(number, {**record, "code": hash_secret(code, CODE_ITERATIONS)})
            return participant, LoadedDraft(draft=draft, path=path, stamp=stamp), code
        raise EventError("This event has 9,999 participants; start a new event folder.")

    def _record_path(self, number: str) -> Path:
        self.draft_path(number)  # EventError for anything but a participant's number
        return self.people / f"{number}.json"

    def _write_record(self, number: str, record: dict[str, Any]) -> None:
        text = json.dumps(record, ensure_ascii=False, indent=2) + "\n"
        try:
            atomic_write_text(self._record_path(number), text)
        except SaveError as exc:
            raise FolderUnavailable(self.folder, exc.reason) from exc

    def _record(self, number: str) -> dict[str, Any] | None:
        """The participant's record: their own file, else (version 1) event.json's entry."""
        found = read_record(self._record_path(number))
        if found is None:
            entry = participant_entries(self._read().get("participants"))[0].get(number)
            found = dict(entry) if entry else None
        return found

    def open_participant(self, number: str | int, code: str) -> tuple[Participant, LoadedDraft]:
        """A participant back at their letter ("Continue my letter"): their number ("3",
        "P003") and the code they were shown. A letter already handed in opens too (to change
        and hand in again). Wrong tries are slowed down as the PIN's are (:class:`TooManyTries`)."""
        throttle = self._throttles["code"]
        throttle.check_allowed()
        wanted = participant_number(number)
        typed = normal_code(str(code))
        record = self._record(wanted) if wanted and typed else None
        if record is None or not matches(record.get("code"), typed):
            throttle.wrong()
            raise EventError(NO_MATCH)
        throttle.right()
        return participant_from(wanted, record), self.load(wanted)

    def reopen(self, number: str | int) -> tuple[Participant, LoadedDraft]:
        """The facilitator opens any participant's letter (the window asks for the PIN first)."""
        wanted = participant_number(number)
        for participant in self.participants():
            if participant.number == wanted:
                return participant, self.load(wanted)
        raise EventError(
            f"There is no participant {str(number).strip()[:12]!r} at this event; see the "
            "facilitator's view for the numbers."
        )

    def load(self, number: str) -> LoadedDraft:
        return load_draft(self.draft_path(number))

    def save(self, number: str, draft: Draft, stamp: FileStamp | None) -> FileStamp:
        """Save the participant's draft over the version they opened (``stamp``), the
        laptop's own copy first (see :meth:`save_data`)."""
        old_modified = draft.modified
        draft.modified = now_utc()
        try:
            return self.save_data(number, encode_draft(draft), stamp)
        except FolderUnavailable:
            raise  # the laptop's copy holds this version
        except BaseException:
            draft.modified = old_modified
            raise

    def save_data(
        self, number: str, data: bytes, stamp: FileStamp | None, *, overwrite: bool = False
    ) -> FileStamp:
        """Save a draft's bytes: into the laptop's copy (never stamp-checked), then into the
        event folder over the version ``stamp`` records. :class:`FolderUnavailable` when the
        folder cannot be written; ConflictError when its draft changed meanwhile."""
        path = self.draft_path(number)
        kept = self._keep_here(number, data)
        try:
            saved = save_draft_data(data, path, expected=stamp, overwrite=overwrite)
        except ConflictError:
            raise
        except SaveError as exc:
            if kept and self._note_pending(number, stamp):
                raise FolderUnavailable(self.folder, exc.reason) from exc
            raise FolderUnavailable(
                self.folder, exc.reason, "This laptop could not keep a copy either."
            ) from exc
        if kept:
            self._note_pending(number, False)
        return saved

    def _note_pending(self, number: str, base: FileStamp | bool | None) -> bool:
        """Note that the laptop's copy of ``number`` is waiting to go back over the folder's
        version ``base`` (False: it is not waiting); True when noted."""
        note = pending_file(self.mirror, number)
        try:
            if base is False:
                note.unlink(missing_ok=True)
            else:
                stamp = None if base is None else {"size": base.size, "sha256": base.sha256}
                atomic_write_text(note, json.dumps(stamp))
        except (OSError, OpedError) as exc:
            log.warning("Could not note the laptop's copy of %s: %s", number, exc)
            return False
        return True

    def _keep_here(self, number: str, data: bytes) -> bool:
        if self.mirror is None:
            return False
        try:
            self.mirror.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(self.mirror / f"{number}.oped", data, private=True)
        except (OSError, OpedError) as exc:
            log.warning("Could not keep the laptop's copy of %s: %s", number, exc)
            return False
        return True

    def sync_back(self) -> list[str]:
        """Put every draft the laptop kept that is newer than the event folder's (or missing
        there) back into the folder; returns their numbers. Never over a newer draft; raises
        :class:`FolderUnavailable` while the folder is still away."""
        copied = []
        for number, data, stamp in newer_than_folder(self.mirror, self.drafts):
            try:
                save_draft_data(data, self.draft_path(number), expected=stamp)
            except ConflictError:
                continue  # changed while we looked: that one is newer
            except SaveError as exc:
                raise FolderUnavailable(self.folder, exc.reason) from exc
            self._note_pending(number, False)
            copied.append(number)
        return copied

    def mark_finished(self, number: str) -> None:
        """Record that the participant has handed their letter in (now)."""
        record = self._record(number) or {"started": ""}
        record["finished"] = _now()
        self._write_record(number, record)


def open_event_here(
    folder: Path, kit: Kit, kit_file: Path, paths: AppPaths, laptop: str = ""
) -> EventFolder:
    """The event folder ``folder`` as this laptop runs it (made if new): its kit's id, title
    and fingerprint, this laptop's label (the machine's name unless ``laptop`` is given), and
    this laptop's own copy of its drafts in the user's data, for when the folder is away."""
    event = EventFolder(
        folder,
        kit.manifest.id,
        kit.manifest.title,
        laptop=laptop or default_laptop_label(),
        kit_digest=kit_digest(kit_file),
    )
    event.mirror = paths.event_copies / event.uid
    return event
