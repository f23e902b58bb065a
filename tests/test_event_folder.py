"""The event folder: version 1 folders upgraded, laptop labels, resume codes, wrong tries
slowed down, the PIN reset with the kit file, the laptop's own copy when the USB stick is
pulled out, and two laptops writing into one folder."""

from __future__ import annotations

import json
import os
import re
import shutil
import threading
from pathlib import Path

import pytest

from oped_studio.cli import main
from oped_studio.core import storage
from oped_studio.core.draft import Draft
from oped_studio.core.errors import SaveError
from oped_studio.core.event import (
    NO_MATCH,
    EventError,
    EventFolder,
    FolderUnavailable,
    TooManyTries,
    clean_laptop_label,
    default_laptop_label,
    kit_digest,
    recorded_participants,
)
from oped_studio.core.event_codes import CODE_ALPHABET, hash_secret
from oped_studio.core.kits import Manifest, build_kit
from oped_studio.core.packs import bundled_dir
from oped_studio.core.paths import app_paths


def draft(text: str = "") -> Draft:
    return Draft(outlet_id="la-times", sections={"hook": text})


class Clock:
    """A clock the test moves by hand: the waits are checked without sleeping."""

    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def event_with_clock(folder: Path, **kwargs) -> tuple[EventFolder, Clock]:
    event = EventFolder(folder, "night", "Library night", **kwargs)
    clock = Clock()
    event.clock = clock
    return event, clock


# -- new and version 1 folders ------------------------------------------------------------------


def test_a_new_folder_has_a_version_a_uid_its_kit_and_the_laptop(tmp_path: Path) -> None:
    event = EventFolder(tmp_path / "e", "night", "Night", laptop="hall-1", kit_digest="ab" * 32)
    data = json.loads(event.file.read_text())
    assert data["version"] == 2 and re.fullmatch(r"[0-9a-f]{32}", data["uid"])
    assert data["kit"] == {"id": "night", "title": "Night", "sha256": "ab" * 32}
    assert data["laptop"] == "hall-1" == event.laptop and event.uid == data["uid"]
    participant, _loaded, _code = event.new_participant(draft())
    assert participant.laptop == "hall-1" and participant.id == "hall-1-P001"
    again = EventFolder(tmp_path / "e", laptop="hall-9")  # the folder keeps its own values
    assert again.laptop == "hall-1" and again.uid == event.uid and again.kit_id == "night"


def test_an_unlabelled_folder_names_participants_by_number(tmp_path: Path) -> None:
    participant, _, _ = EventFolder(tmp_path / "e").new_participant(draft())
    assert participant.laptop == "" and participant.id == "P001"


def write_v1_event(folder: Path) -> dict:
    (folder / "drafts").mkdir(parents=True)
    data = {
        "format": "oped-studio-event",
        "kit": {"id": "night", "title": "Library night"},
        "pin": hash_secret("4821", 1000),
        "participants": {
            "P001": {"started": "2025-01-01T18:00:00+00:00", "finished": "2025-01-01T19:00:00"},
            "P002": {"started": "2025-01-01T18:05:00+00:00", "finished": None},
        },
    }
    (folder / "event.json").write_text(json.dumps(data))
    for number in ("P001", "P002"):
        storage.save_draft(draft(f"Letter of {number}."), folder / "drafts" / f"{number}.oped")
    return data


def test_a_version_1_folder_is_read_and_upgraded_keeping_everything(tmp_path: Path) -> None:
    folder = tmp_path / "old"
    before = write_v1_event(folder)
    event = EventFolder(folder, laptop="hall-2")
    data = json.loads(event.file.read_text())
    assert data["version"] == 2 and data["uid"] == event.uid and data["laptop"] == "hall-2"
    for key in ("kit", "pin", "participants"):
        assert data[key] == before[key]
    assert event.check_pin("4821")
    people = event.participants()
    assert [(p.number, bool(p.finished)) for p in people] == [("P001", True), ("P002", False)]
    event.mark_finished("P002")
    assert [bool(p.finished) for p in event.participants()] == [True, True]
    assert json.loads(event.file.read_text())["participants"] == before["participants"]
    assert recorded_participants(folder)[0]["P002"]["started"] == "2025-01-01T18:05:00+00:00"
    assert event.reopen(1)[1].draft.sections["hook"] == "Letter of P001."
    with pytest.raises(EventError, match=NO_MATCH):  # no code was ever given in version 1
        event.open_participant(1, "ABCDEF")


def test_a_folder_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    folder = tmp_path / "e"
    folder.mkdir()
    text = json.dumps({"format": "oped-studio-event", "version": 9})
    (folder / "event.json").write_text(text)
    with pytest.raises(EventError, match="newer version of OpEd Studio"):
        EventFolder(folder)
    assert (folder / "event.json").read_text() == text


# -- laptop labels ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "label"), [("hall-1", "hall-1"), ("  Table_2 ", "Table_2"), ("x" * 24, "x" * 24)]
)
def test_laptop_labels_that_are_fine(typed: str, label: str) -> None:
    assert clean_laptop_label(typed) == label


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("", "Give this laptop a label"),
        ("   ", "Give this laptop a label"),
        ("hall\n1", "no spaces or line breaks"),
        ("hall-1\n", "no spaces or line breaks"),
        ("hall 1", "no spaces or line breaks"),
        ("café", "letters a to z"),
        ("../x", "letters a to z"),
        ("x" * 5000, "at most 24 characters"),
        ("9" * 5000, "at most 24 characters"),
    ],
)
def test_laptop_labels_that_are_refused_say_why_in_one_line(typed: str, says: str) -> None:
    with pytest.raises(EventError, match=says) as caught:
        clean_laptop_label(typed)
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 200


def test_a_bad_label_is_refused_before_the_folder_is_made(tmp_path: Path) -> None:
    with pytest.raises(EventError):
        EventFolder(tmp_path / "e", laptop="a\nb")
    assert not (tmp_path / "e").exists()


@pytest.mark.parametrize(
    ("host", "label"),
    [("Sams-MacBook.local", "Sams-MacBook"), ("Sam's PC", "Sam-s-PC"), ("", "laptop"),
     ("---", "laptop"), ("x" * 100, "x" * 24)],
)  # fmt: skip
def test_the_default_label_is_the_machine_name_made_a_label(
    monkeypatch: pytest.MonkeyPatch, host: str, label: str
) -> None:
    monkeypatch.setattr("socket.gethostname", lambda: host)
    assert default_laptop_label() == label == clean_laptop_label(label)


# -- resume codes ----------------------------------------------------------------------------------


def test_a_participant_gets_back_to_their_letter_with_their_code(tmp_path: Path) -> None:
    event, _clock = event_with_clock(tmp_path / "e")
    first, _, code = event.new_participant(draft("First letter."))
    _second, _, other_code = event.new_participant(draft("Second letter."))
    assert len(code) == 6 and set(code) <= set(CODE_ALPHABET)
    assert not set("0O1IL") & set(CODE_ALPHABET)
    assert code not in (event.people / "P001.json").read_text(), "only a hash is kept"
    typed = f" {code[:3].lower()}-{code[3:]} "
    for number in ("1", "P001", " p1 ", 1, "001"):
        participant, loaded = event.open_participant(number, typed)
        assert participant.number == "P001" and loaded.draft.sections["hook"] == "First letter."
    event.mark_finished(first.number)
    assert event.open_participant(1, code)[0].finished, "a handed-in letter opens too"
    not_it = "ABCDEG" if code != "ABCDEG" else "ABCDEH"
    wrong = [
        (1, other_code),
        (1, not_it),
        (7, code),
        ("P1000", code),
        ("9" * 5000, code),
        (1, "x" * 5000),
        ("", ""),
        (True, code),
    ]
    for number, typed_code in wrong:
        event.clock.now += 120  # past any wait: each answer is judged
        with pytest.raises(EventError) as caught:
            event.open_participant(number, typed_code)
        assert str(caught.value) == NO_MATCH


def test_wrong_codes_are_slowed_down_as_wrong_pins(tmp_path: Path) -> None:
    event, clock = event_with_clock(tmp_path / "e")
    _, _, code = event.new_participant(draft())
    for _ in range(3):
        with pytest.raises(EventError, match=NO_MATCH):
            event.open_participant(1, "AAAAAA")
    with pytest.raises(TooManyTries, match="Wait 1 second before"):
        event.open_participant(1, code)  # even the right code waits its turn
    clock.now += 1
    assert event.open_participant(1, code)[0].number == "P001"
    event.set_pin("4821")
    assert event.check_pin("4821"), "the participants' tries never slow the facilitator"


# -- wrong PINs ------------------------------------------------------------------------------------


def test_ten_wrong_pins_slow_down_but_never_lock_the_facilitator_out(tmp_path: Path) -> None:
    event, clock = event_with_clock(tmp_path / "e")
    event.set_pin("4821")
    waits = []
    for _ in range(10):
        try:
            assert not event.check_pin("1111")
            continue
        except TooManyTries as exc:
            waits.append(exc.wait_seconds)
            unit = "second" if exc.wait_seconds == 1 else "seconds"
            assert str(exc) == f"Wait {exc.wait_seconds} {unit} before trying again."
            with pytest.raises(TooManyTries) as again:  # a try during the wait is not counted
                event.check_pin("4821")
            assert again.value.wait_seconds == exc.wait_seconds
            clock.now += exc.wait_seconds
            assert not event.check_pin("1111")
    assert waits == [1, 2, 4, 8, 16, 32, 60]
    with pytest.raises(TooManyTries) as caught:
        event.check_pin("4821")
    assert caught.value.wait_seconds == 60, "capped at a minute"
    clock.now += 30
    with pytest.raises(TooManyTries, match="Wait 30 seconds"):
        event.check_pin("4821")
    clock.now += 30
    assert event.check_pin("4821"), "the right PIN after the wait"
    assert not event.check_pin("1111") and not event.check_pin("1111"), "the count starts again"


@pytest.mark.parametrize("kind", ["garbage", "folder", "pipe", "huge number", "not a count"])
def test_an_unreadable_tries_file_starts_again_and_never_crashes(tmp_path: Path, kind: str) -> None:
    event, _clock = event_with_clock(tmp_path / "e")
    event.set_pin("4821")
    tries = tmp_path / "e" / "tries.json"
    if kind == "garbage":
        tries.write_bytes(b"\xff{ not json")
    elif kind == "folder":
        tries.mkdir()
    elif kind == "pipe":
        os.mkfifo(tries)
    elif kind == "huge number":
        tries.write_text('{"pin": {"wrong": 1' + "0" * 5000 + ', "last": 1}}')
    else:
        tries.write_text('{"pin": {"wrong": "many", "last": 1e999}}')
    assert event.check_pin("4821")
    for _ in range(3):
        assert not event.check_pin("0000")
    with pytest.raises(TooManyTries):  # counted, in the file or in memory
        event.check_pin("4821")


# -- a forgotten PIN -------------------------------------------------------------------------------


@pytest.fixture
def kits(tmp_path: Path) -> dict[str, Path]:
    packs = {"pacific-grove-library": bundled_dir("talking_points") / "pacific-grove-library.toml"}

    def kit(name: str, kit_id: str, title: str) -> Path:
        manifest = Manifest(id=kit_id, title=title, outlets=["la-times"])
        return build_kit(tmp_path / name, manifest, pack_files=packs, paths=app_paths())

    return {
        "ours": kit("ours", "night", "Library night"),
        "rebuilt": kit("rebuilt", "night", "Library night, again"),  # same id, other file
        "other": kit("other", "other", "Another night"),
    }


def test_the_pin_is_reset_only_with_the_events_own_kit_file(
    tmp_path: Path, kits: dict[str, Path]
) -> None:
    ours = kits["ours"]
    event, _clock = event_with_clock(tmp_path / "e", kit_digest=kit_digest(ours))
    event.set_pin("4821")
    for other in ("rebuilt", "other"):
        with pytest.raises(EventError, match="not the kit this event was started with"):
            event.reset_pin(kits[other], "2222")
    with pytest.raises(EventError, match="Cannot read"):
        event.reset_pin(tmp_path / "nowhere.opedkit", "2222")
    for _ in range(3):
        event.check_pin("0000")
    event.reset_pin(ours, "2222")
    assert event.check_pin("2222") and not event.check_pin("4821")


def test_a_hand_edited_kit_fingerprint_refuses_every_kit(
    tmp_path: Path, kits: dict[str, Path]
) -> None:
    event = EventFolder(tmp_path / "e", "night", kit_digest="é" * 64)
    with pytest.raises(EventError, match="not the kit"):
        event.reset_pin(kits["ours"], "2222")


def test_a_version_1_event_takes_a_kit_with_its_id(tmp_path: Path, kits: dict[str, Path]) -> None:
    write_v1_event(tmp_path / "old")
    event = EventFolder(tmp_path / "old")
    with pytest.raises(EventError, match="not the kit"):
        event.reset_pin(kits["other"], "2222")
    event.reset_pin(kits["rebuilt"], "2222")
    assert event.check_pin("2222")


def test_cli_reset_pin(
    tmp_path: Path,
    kits: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import io

    folder = tmp_path / "e"
    EventFolder(folder, "night", kit_digest=kit_digest(kits["ours"])).set_pin("4821")
    command = ["event", "reset-pin", str(folder), "--kit", str(kits["ours"])]
    monkeypatch.setattr("sys.stdin", io.StringIO("7777\n"))
    assert main([*command, "--pin-stdin"]) == 0
    assert EventFolder(folder).check_pin("7777")
    answers = iter(["5555", "5556"])
    monkeypatch.setattr("getpass.getpass", lambda _prompt: next(answers))
    assert main(command) == 2 and "The two PINs differ" in capsys.readouterr().err
    answers = iter(["5555", "5555"])
    assert main(command) == 0 and EventFolder(folder).check_pin("5555")
    monkeypatch.setattr("sys.stdin", io.StringIO("12\n"))
    assert main([*command, "--pin-stdin"]) == 2 and "at least 4 digits" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.StringIO("1" * 5000))
    assert main([*command, "--pin-stdin"]) == 2 and "too long" in capsys.readouterr().err
    other = ["event", "reset-pin", str(folder), "--kit", str(kits["other"])]
    monkeypatch.setattr("getpass.getpass", lambda _prompt: pytest.fail("asked for a PIN"))
    assert main(other) == 2 and "not the kit" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["event", "reset-pin", str(empty), "--kit", str(kits["ours"])]) == 2
    assert "not an event folder" in capsys.readouterr().err and not (empty / "drafts").exists()


# -- the USB stick pulled out ----------------------------------------------------------------------


def test_a_stick_pulled_out_mid_letter_loses_nothing_and_syncs_back(tmp_path: Path) -> None:
    stick, local = tmp_path / "usb" / "event", tmp_path / "laptop" / "events" / "uid"
    event, _clock = event_with_clock(stick, mirror=local)
    event.set_pin("4821")
    participant, loaded, _code = event.new_participant(draft("First words."))
    assert (local / "P001.oped").read_bytes() == loaded.path.read_bytes()
    loaded.draft.sections["hook"] = "First words, and more."
    stamp = event.save("P001", loaded.draft, loaded.stamp)
    shutil.move(tmp_path / "usb", tmp_path / "pulled")  # out it comes
    loaded.draft.sections["hook"] = "Written while the stick was out."
    with pytest.raises(FolderUnavailable) as caught:
        event.save("P001", loaded.draft, stamp)
    message = str(caught.value)
    assert "cannot be reached (is the USB stick out?)" in message
    assert "Your letter is safe on this laptop" in message
    assert "Written while the stick was out." in (local / "P001.oped").read_text()
    with pytest.raises(FolderUnavailable):
        event.new_participant(draft())
    with pytest.raises(FolderUnavailable):
        event.mark_finished(participant.number)
    assert event.check_pin("4821"), "the facilitator still gets in"
    with pytest.raises(FolderUnavailable):
        event.sync_back()
    shutil.move(tmp_path / "pulled", tmp_path / "usb")  # back in
    assert event.sync_back() == ["P001"]
    assert "Written while the stick was out." in event.load("P001").draft.sections["hook"]
    assert event.sync_back() == [], "nothing newer left"


def test_sync_back_never_copies_over_a_newer_draft(tmp_path: Path) -> None:
    event, _clock = event_with_clock(tmp_path / "usb", mirror=tmp_path / "local")
    _, loaded, _ = event.new_participant(draft("Old words."))
    newer = draft("Newer words, from another laptop.")
    newer.modified = loaded.draft.modified.replace(year=loaded.draft.modified.year + 1)
    storage.save_draft(newer, loaded.path, overwrite=True, touch=False)
    assert event.sync_back() == []
    assert event.load("P001").draft.sections["hook"] == "Newer words, from another laptop."
    loaded.path.unlink()  # gone from the folder: the laptop's copy goes back
    assert event.sync_back() == ["P001"]


def test_a_read_only_event_folder_keeps_the_letter_on_the_laptop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    event, _clock = event_with_clock(tmp_path / "usb", mirror=tmp_path / "local")
    _, loaded, _ = event.new_participant(draft("Before."))
    write = storage.atomic_write_bytes

    def read_only(path: Path, data: bytes, **kwargs) -> None:
        if tmp_path / "usb" in Path(path).parents:
            raise SaveError(path, "the disk or folder is read-only")
        write(path, data, **kwargs)

    monkeypatch.setattr(storage, "atomic_write_bytes", read_only)
    loaded.draft.sections["hook"] = "After."
    with pytest.raises(FolderUnavailable, match=r"read-only\. Your letter is safe"):
        event.save("P001", loaded.draft, loaded.stamp)
    assert "After." in (tmp_path / "local" / "P001.oped").read_text()
    monkeypatch.setattr(storage, "atomic_write_bytes", write)
    assert event.sync_back() == ["P001"] and event.load("P001").draft.sections["hook"] == "After."


def test_without_a_copy_on_the_laptop_the_message_says_so(tmp_path: Path) -> None:
    event = EventFolder(tmp_path / "usb")
    _, loaded, _ = event.new_participant(draft())
    shutil.rmtree(tmp_path / "usb")
    with pytest.raises(FolderUnavailable, match="could not keep a copy either"):
        event.save("P001", loaded.draft, loaded.stamp)


# -- two laptops, one folder -----------------------------------------------------------------------


def test_two_laptops_writing_into_one_folder_lose_no_record(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    laptops = [EventFolder(folder, laptop="hall-1"), EventFolder(folder, laptop="hall-2")]
    started: dict[str, list] = {"hall-1": [], "hall-2": []}
    start = threading.Barrier(2)

    def run(event: EventFolder, label: str) -> None:
        start.wait()
        for _ in range(12):
            participant, _loaded, code = event.new_participant(draft(f"From {label}."))
            started[label].append((participant, code))
            event.mark_finished(participant.number)

    threads = [threading.Thread(target=run, args=(e, e._machine)) for e in laptops]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    numbers = [p.number for label in started for p, _ in started[label]]
    assert len(numbers) == len(set(numbers)) == 24
    roster = laptops[0].participants()
    assert [p.number for p in roster] == [f"P{i:03d}" for i in range(1, 25)]
    assert all(p.finished for p in roster)
    by_number = {p.number: p.laptop for p in roster}
    for label, people in started.items():
        for participant, _code in people:
            assert by_number[participant.number] == label
    participant, code = started["hall-2"][0]
    opened, loaded = laptops[0].open_participant(participant.number, code)
    assert opened.id == f"hall-2-{participant.number}"
    assert loaded.draft.sections["hook"] == "From hall-2."


def test_damaged_and_stray_records_are_reported_and_left_out(tmp_path: Path) -> None:
    event = EventFolder(tmp_path / "e")
    event.new_participant(draft())
    (event.people / "P001.json").write_text("{ damaged")
    (event.people / "P002 copy.json").write_text("{}")
    (event.people / "P003.json").write_text("[1, 2]")
    participants, skipped = event.roster()
    assert [p.number for p in participants] == ["P001"], "its draft still lists it"
    assert len(skipped) == 3 and all("left out" in s for s in skipped)
    event.mark_finished("P001")  # over the damaged record: recorded, no crash
    assert event.participants()[0].finished
    for number in ("../../evil", "P001/../../x", "P1"):
        with pytest.raises(EventError, match="not a participant number"):
            event.mark_finished(number)
    assert not (tmp_path / "evil.json").exists()
