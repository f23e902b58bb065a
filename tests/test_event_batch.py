"""Event folders, the similarity report, batch export and handouts."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

from oped_studio.checks.similarity import similar_pairs
from oped_studio.cli import main
from oped_studio.core.draft import Author, Draft
from oped_studio.core.errors import OpedError
from oped_studio.core.event import EventError, EventFolder
from oped_studio.core.kits import Manifest, build_kit, open_kit
from oped_studio.core.packs import bundled_dir
from oped_studio.core.paths import app_paths
from oped_studio.core.storage import save_draft
from oped_studio.workshop.batch import batch_export
from oped_studio.workshop.finish import finish_participant
from oped_studio.workshop.handouts import write_handouts
from tests.helpers import sample_author

SHARED = (
    "The library is the only place in town where a child can read after school for free, "
    "and closing it two days a week would leave working parents with nowhere to turn."
)


def letter(number: int, body: str, outlet: str = "la-times") -> Draft:
    return Draft(
        outlet_id=outlet,
        sections={"hook": body, "signature": f"Writer {number}"},
        author=Author(name=f"Writer {number}", city_state="Pacific Grove, CA"),
    )


# -- the event folder ---------------------------------------------------------------------------


def test_the_pin_is_stored_as_a_salted_hash(tmp_path: Path) -> None:
    event = EventFolder(tmp_path / "event", "night", "Library night")
    assert not event.has_pin()
    with pytest.raises(EventError, match="at least 4 digits"):
        event.set_pin("12")
    event.set_pin("4821")
    assert event.check_pin("4821") and not event.check_pin("1111")
    stored = (tmp_path / "event" / "event.json").read_text()
    assert "4821" not in stored and '"salt"' in stored


def test_participants_get_numbers_that_never_collide(tmp_path: Path) -> None:
    event = EventFolder(tmp_path / "event")
    first, loaded, _code = event.new_participant(Draft())
    assert first.number == "P001" and loaded.path.name == "P001.oped"
    (event.drafts / "P002.oped").write_text("{}")  # another laptop took P002 meanwhile
    third, _, _ = event.new_participant(Draft())
    assert third.number == "P003"
    numbers = [p.number for p in event.participants()]
    assert numbers == ["P001", "P002", "P003"]
    assert third.label == "Participant 3"


def test_finishing_exports_the_letter_and_marks_it(tmp_path: Path) -> None:
    event = EventFolder(tmp_path / "event")
    participant, loaded, _code = event.new_participant(letter(1, "Keep the library open."))
    files = finish_participant(event, participant.number, loaded.draft, loaded.stamp)
    assert [f.name for f in files] == ["P001.docx", "P001.txt"]
    assert "Keep the library open." in (event.letters / "P001.txt").read_text()
    assert event.participants()[0].finished


def test_a_damaged_event_file_stops_the_event_and_is_kept(tmp_path: Path) -> None:
    folder = tmp_path / "event"
    folder.mkdir()
    (folder / "event.json").write_text("{ damaged")
    with pytest.raises(EventError, match="damaged"):
        EventFolder(folder)
    assert (folder / "event.json").read_text() == "{ damaged"


# -- similarity ---------------------------------------------------------------------------------


def test_letters_that_share_passages_are_paired_with_the_passages() -> None:
    letters = {
        "P001": "I grew up in that library. " + SHARED,
        "P002": SHARED + " Please vote no on the cuts.",
        "P003": "My bus route was cut last spring, and now my shift ends after the last bus.",
    }
    (pair,) = similar_pairs(letters)
    assert (pair.first, pair.second) == ("P001", "P002")
    assert pair.share > 0.5
    assert pair.passages == (SHARED.rstrip("."),), "from the first shared word to the last"


def test_a_short_common_phrase_does_not_make_letters_alike() -> None:
    letters = {
        "a": "Families belong together, and I urge the council to keep the branch open "
        "because my children read there every week.",
        "b": "Families belong together, so the county should fund foster care better "
        "than it does now; our neighbors deserve it.",
    }
    assert similar_pairs(letters) == []


def test_similarity_scales_to_hundreds_of_letters() -> None:
    letters = {
        f"P{i:03d}": f"Letter {i} " + " ".join(f"w{i}x{j}" for j in range(200)) for i in range(300)
    }
    letters["P999"] = letters["P001"]
    pairs = similar_pairs(letters)
    assert [(p.first, p.second) for p in pairs] == [("P001", "P999")]


# -- batch export ---------------------------------------------------------------------------------


def make_event(tmp_path: Path) -> Path:
    event = EventFolder(tmp_path / "event")
    bodies = [
        "I grew up in that library. " + SHARED,
        SHARED + " Please vote no on the cuts.",
        "My bus route was cut last spring, and now my shift ends after the last bus leaves.",
    ]
    for number, body in enumerate(bodies, start=1):
        participant, loaded, _code = event.new_participant(letter(number, body))
        if number == 1:
            finish_participant(event, participant.number, loaded.draft, loaded.stamp)
    (event.drafts / "P004.oped").write_text('{"format": "oped-studio-draft", broken')
    return event.folder


def test_batch_export_writes_letters_summary_and_similarity(tmp_path: Path) -> None:
    folder = make_event(tmp_path)
    out = tmp_path / "collected"
    result = batch_export(folder, out, app_paths(), workers=1)
    assert result.exported == 3 and [name for name, _ in result.failed] == [
        "event/drafts/P004.oped"
    ]
    letters = out / "letters"
    for number in ("P001", "P002", "P003"):
        assert (letters / f"{number}.docx").exists() and (letters / f"{number}.txt").exists()
    assert "Writer 2" in (letters / "P002.txt").read_text()
    Document(str(letters / "P001.docx"))  # reopens
    rows = list(csv.DictReader((out / "summary.csv").open(encoding="utf-8")))
    assert [r["letter"] for r in rows] == ["P001", "P002", "P003", "P004"]
    assert [r["participant"] for r in rows] == ["P001", "P002", "P003", "P004"]
    first = rows[0]
    assert first["paper"] == "Los Angeles Times (la-times)" and first["kind"] == "lte"
    assert first["draft_file"] == "event/drafts/P001.oped" and first["laptop"] == ""
    assert int(first["words"]) > 20 and first["limit"] == "150" and first["over_limit"] == "0"
    assert first["finished"] == "yes" and rows[1]["finished"] == "no"
    assert rows[3]["error"] and not rows[3]["words"]
    similar = list(csv.DictReader((out / "similarity.csv").open(encoding="utf-8")))
    assert [(r["first"], r["second"]) for r in similar] == [("P001", "P002")]
    report = (out / "similarity.txt").read_text()
    assert "P001 and P002" in report and SHARED.rstrip(".") in report


def test_batch_export_in_worker_processes_gives_the_same_summary(tmp_path: Path) -> None:
    folder = make_event(tmp_path)
    for number in range(5, 16):  # enough drafts to use the process pool
        save_draft(
            letter(number, f"Letter number {number} says something of its own."),
            folder / "drafts" / f"P{number:03d}.oped",
        )
    one = batch_export(folder, tmp_path / "one", app_paths(), workers=1)
    two = batch_export(folder, tmp_path / "two", app_paths(), workers=2)
    assert (tmp_path / "one" / "summary.csv").read_text() == (
        tmp_path / "two" / "summary.csv"
    ).read_text()
    assert one.exported == two.exported == 14


def test_cli_batch_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = make_event(tmp_path)
    assert main(["batch-export", str(folder), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "Exported 3 letter(s)" in out and "1 could not be read" in out
    assert main(["batch-export", str(tmp_path / "nowhere"), "--out", str(tmp_path / "o")]) == 2


def test_batch_export_reports_a_read_only_output_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from oped_studio.core import errors

    folder = make_event(tmp_path)

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(errors.OpedError, match="Cannot write"):
        batch_export(folder, tmp_path / "locked", app_paths(), workers=1)


# -- handouts -------------------------------------------------------------------------------------


@pytest.fixture
def kit(tmp_path: Path):
    manifest = Manifest(id="night", title="Library night", outlets=["la-times", "nyt"])
    files = {
        "family-separation": bundled_dir("talking_points") / "family-separation.toml",
        "pacific-grove-library": bundled_dir("talking_points") / "pacific-grove-library.toml",
    }
    return open_kit(
        build_kit(tmp_path / "night", manifest, pack_files=files, paths=app_paths()), app_paths()
    )


def test_handouts_hold_points_with_sources_and_each_papers_rules(kit, tmp_path: Path) -> None:
    files = write_handouts(kit, tmp_path / "hand", app_paths())
    names = [f.name for f in files]
    assert names == [
        "family-separation-points.docx",
        "pacific-grove-library-points.docx",
        "papers.docx",
    ]
    points = "\n".join(p.text for p in Document(str(files[0])).paragraphs)
    assert "Thousands of children were taken from their parents" in points
    assert "(TIME, 2018)" in points
    table = Document(str(files[2])).tables[0]
    cells = [[c.text for c in row.cells] for row in table.rows]
    nyt = next(row for row in cells if row[0].startswith("The New York Times"))
    assert nyt[1].startswith("at most 150 words")
    assert "send to this paper only" in nyt[4]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_each_handout_fits_on_one_page(kit, tmp_path: Path) -> None:
    from oped_studio.export.exporter import docx_to_pdf

    for path in write_handouts(kit, tmp_path / "hand", app_paths()):
        pdf = tmp_path / (path.stem + ".pdf")
        pdf.write_bytes(docx_to_pdf(path.read_bytes()))
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        assert "Pages:           1" in info, path.name


def test_each_participant_has_a_record_of_their_own_for_the_summary(tmp_path: Path) -> None:
    folder = make_event(tmp_path)
    assert sorted(p.name for p in (folder / "people").iterdir()) == [
        "P001.json",
        "P002.json",
        "P003.json",
    ]
    assert json.loads((folder / "people" / "P001.json").read_text())["finished"]


# -- several laptops ------------------------------------------------------------------------------


def laptop_folder(tmp_path: Path, label: str, bodies: list[str]) -> Path:
    event = EventFolder(tmp_path / label, "night", "Library night", laptop=label)
    for number, body in enumerate(bodies, start=1):
        event.new_participant(letter(number, body))
    return event.folder


def test_two_laptops_numbered_alike_give_four_letters_and_four_rows(tmp_path: Path) -> None:
    first = laptop_folder(tmp_path, "hall-1", ["I grew up in that library. " + SHARED, "Bus."])
    second = laptop_folder(tmp_path, "hall-2", [SHARED + " Please vote no.", "Park."])
    out = tmp_path / "out"
    assert main(["batch-export", str(first), str(second), "--out", str(out)]) == 0
    names = ["hall-1-P001", "hall-1-P002", "hall-2-P001", "hall-2-P002"]
    assert sorted(p.name for p in (out / "letters").iterdir()) == sorted(
        f"{name}.{fmt}" for name in names for fmt in ("docx", "txt")
    )
    rows = list(csv.DictReader((out / "summary.csv").open(encoding="utf-8")))
    assert [(r["letter"], r["laptop"], r["participant"]) for r in rows] == [
        ("hall-1-P001", "hall-1", "P001"),
        ("hall-1-P002", "hall-1", "P002"),
        ("hall-2-P001", "hall-2", "P001"),
        ("hall-2-P002", "hall-2", "P002"),
    ]
    assert rows[2]["draft_file"] == "hall-2/drafts/P001.oped"
    assert "outlet" not in rows[0] and "file" not in rows[0]
    similar = list(csv.DictReader((out / "similarity.csv").open(encoding="utf-8")))
    assert [(r["first"], r["second"]) for r in similar] == [("hall-1-P001", "hall-2-P001")]


def test_unlabelled_folders_numbered_alike_never_overwrite_a_letter(tmp_path: Path) -> None:
    folders = []
    for name in ("a", "b"):
        event = EventFolder(tmp_path / name)
        for number in (1, 2):
            event.new_participant(letter(number, f"Letter {number} from laptop {name}."))
        folders.append(event.folder)
    result = batch_export(folders, tmp_path / "out", app_paths(), workers=1)
    assert result.exported == 4
    rows = list(csv.DictReader((tmp_path / "out" / "summary.csv").open(encoding="utf-8")))
    assert [r["letter"] for r in rows] == ["P001", "P002", "P001-2", "P002-2"]
    for row in rows:
        text = (tmp_path / "out" / "letters" / f"{row['letter']}.txt").read_text()
        assert f"from laptop {row['draft_file'][0]}." in text


def test_notes_name_each_folder_on_one_line(tmp_path: Path) -> None:
    first = laptop_folder(tmp_path, "hall-1", ["One."])
    second = tmp_path / "hall\n2"
    EventFolder(second, laptop="hall-2").new_participant(letter(2, "Two."))
    (second / "people" / "P009 copy.json").write_text("{}")
    result = batch_export([first, second], tmp_path / "out", app_paths(), workers=1)
    (note,) = result.skipped
    assert "\n" not in note and "hall\\n2" in note and "P009 copy.json" in note


def test_a_folder_given_twice_counts_once(tmp_path: Path) -> None:
    folder = laptop_folder(tmp_path, "hall-1", ["One.", "Two."])
    (tmp_path / "link").symlink_to(folder)
    given = [folder, tmp_path / "link", folder / ".." / "hall-1"]
    result = batch_export(given, tmp_path / "out", app_paths(), workers=1)
    assert result.exported == 2
    rows = list(csv.DictReader((tmp_path / "out" / "summary.csv").open(encoding="utf-8")))
    assert [r["letter"] for r in rows] == ["hall-1-P001", "hall-1-P002"]


def test_batch_export_refuses_a_missing_folder_among_several(tmp_path: Path) -> None:
    folder = laptop_folder(tmp_path, "hall-1", ["One."])
    with pytest.raises(OpedError, match="nowhere is not a folder"):
        batch_export([folder, tmp_path / "nowhere"], tmp_path / "out", app_paths(), workers=1)
    with pytest.raises(OpedError, match="at least one folder"):
        batch_export([], tmp_path / "out", app_paths(), workers=1)
    assert not (tmp_path / "out").exists()


def test_a_hand_edited_laptop_label_never_becomes_a_path(tmp_path: Path) -> None:
    folder = laptop_folder(tmp_path, "hall-1", ["One."])
    data = json.loads((folder / "event.json").read_text())
    data["laptop"] = "../../evil"
    (folder / "event.json").write_text(json.dumps(data))
    record = json.loads((folder / "people" / "P001.json").read_text())
    record["laptop"] = "x\ny"
    (folder / "people" / "P001.json").write_text(json.dumps(record))
    batch_export(folder, tmp_path / "out", app_paths(), workers=1)
    assert [p.name for p in (tmp_path / "out" / "letters").iterdir()] == ["P001.docx", "P001.txt"]


# -- what is still open before handing in ---------------------------------------------------------


def checked(draft: Draft, pack: str = ""):
    from oped_studio.checks.engine import request_for_draft
    from oped_studio.workshop.summary import load_resources

    resources = load_resources(app_paths())
    outlet = resources.directory.get(draft.outlet_id)
    request = request_for_draft(draft, outlet=outlet, pack=resources.packs.get(pack))
    return outlet, resources.checker.run(request)


def test_a_finished_letter_has_nothing_open(tmp_path: Path) -> None:
    from dataclasses import replace

    from oped_studio.workshop.handin import open_items

    draft = letter(1, " ".join(["Our library keeps the town reading after school."] * 8))
    draft.author = sample_author()
    outlet, report = checked(draft)
    assert open_items(draft, outlet, replace(report, issues=[])) == []


def test_open_items_name_each_thing_still_open() -> None:
    from oped_studio.workshop.handin import open_items

    draft = letter(1, "Teh librray is closd. " + "The library matters to us all. " * 30)
    outlet, report = checked(draft)
    items = open_items(draft, outlet, report)
    assert items[0].startswith("3 spelling issues") and items[0].endswith(" to look at.")
    sections = sum(i.rule == "section-over-budget" for i in report.issues)
    assert items[0].count("length issue") == (sections > 0), "not the limit again"
    assert any(
        re.fullmatch(r"\d+ words over the Los Angeles Times's limit of 150\.", i) for i in items
    )
    assert "The Los Angeles Times asks for a phone number, and it is empty." in items
    assert not any("unfinished" in i for i in items)


def test_an_unfinished_letter_says_so() -> None:
    from oped_studio.workshop.handin import open_items

    draft = letter(1, "Four words right here.")
    outlet, report = checked(draft)
    assert open_items(draft, outlet, report)[0] == (
        "The letter has 4 words so far; it looks unfinished."
    )
    draft.outlet_id = ""
    assert open_items(draft, None, checked(draft)[1]) == [
        "The letter has 4 words so far; it looks unfinished."
    ]


def test_a_copied_letter_is_named_above_our_threshold_only() -> None:
    from oped_studio.checks.originality import COPIED_WARN_PERCENT
    from oped_studio.core.packs import usable_packs
    from oped_studio.workshop.handin import open_items

    pack = usable_packs(app_paths())["pacific-grove-library"]
    copied = " ".join(p.explanation for p in pack.points[:3])
    draft = letter(1, copied)
    outlet, report = checked(draft, pack.id)
    assert report.originality.copied_percent > COPIED_WARN_PERCENT
    said = [i for i in open_items(draft, outlet, report) if "copied" in i]
    assert said and said[0].startswith(f"{report.originality.copied_percent:.0f}% of the letter")
    assert "originality" not in " ".join(open_items(draft, outlet, report))
    own = letter(1, "My daughter reads there every afternoon. " * 10)
    outlet, report = checked(own, pack.id)
    assert not [i for i in open_items(own, outlet, report) if "copied" in i]
