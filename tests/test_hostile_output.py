"""Hostile and clumsy output targets (issue 14): no silent overwrite, no file a link or a
device stands for, every draft its own letter, no formula in a CSV, workers that die with
their parent, shared documents that respect the umask, event folders edited by hand."""

from __future__ import annotations

import csv
import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from oped_studio.cli import main
from oped_studio.core.draft import Author, Draft
from oped_studio.core.event import EventFolder
from oped_studio.core.kits import Manifest, build_kit
from oped_studio.core.packs import bundled_dir
from oped_studio.core.paths import app_paths
from oped_studio.core.storage import load_draft, save_draft
from oped_studio.export.exporter import ExportError, export_draft
from oped_studio.workshop.batch import batch_export
from tests.helpers import ScriptedDialogs

REPO = Path(__file__).resolve().parent.parent


def letter(body: str, outlet: str = "la-times") -> Draft:
    return Draft(
        outlet_id=outlet,
        sections={"hook": body, "signature": "A Writer"},
        author=Author(name="A Writer", city_state="Pacific Grove, CA"),
    )


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


# -- item 3: never replace a link, a device or a folder; an existing file only when asked ---------


def test_export_never_turns_a_link_or_a_device_into_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = tmp_path / "d.oped"
    save_draft(letter("Keep the library open on Sundays."), draft)
    kept = tmp_path / "kept.txt"
    kept.write_text("mine")
    link = tmp_path / "link.txt"
    link.symlink_to(kept)
    dangling = tmp_path / "dangling.txt"
    dangling.symlink_to(tmp_path / "nowhere.txt")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    for target, force in [(link, True), (dangling, False), (dangling, True), (fifo, True)]:
        args = ["export", str(draft), "--format", "txt", "--out", str(target)]
        assert main(args + (["--force"] if force else [])) == 2, target
        err = capsys.readouterr().err
        assert "never replaced" in err and "Traceback" not in err
    assert link.is_symlink() and kept.read_text() == "mine"
    assert dangling.is_symlink() and not (tmp_path / "nowhere.txt").exists()
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    with pytest.raises(ExportError, match="device, a pipe or a socket"):
        export_draft(load_draft(draft).draft, "txt", Path(os.devnull), force=True)
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_submissions_export_and_kit_build_ask_before_replacing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sent.csv"
    out.write_text("my own notes")
    assert main(["submissions", "export", "--out", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err and out.read_text() == "my own notes"
    assert main(["submissions", "export", "--out", str(out), "--force"]) == 0
    assert out.read_text().startswith("draft_id,")
    kit = tmp_path / "night.opedkit"
    kit.symlink_to(tmp_path / "elsewhere.opedkit")
    build = ["kit", "build", "--title", "Night", "--pack", "pacific-grove-library"]
    assert main([*build, "--out", str(kit), "--force"]) == 2
    assert "link" in capsys.readouterr().err and kit.is_symlink()


def kit_and_handouts(tmp_path: Path) -> tuple[Path, Path]:
    """A kit, and a folder holding a papers.docx the organiser edited."""
    manifest = Manifest(id="night", title="Library night", outlets=["la-times"])
    pack = bundled_dir("talking_points") / "pacific-grove-library.toml"
    kit = build_kit(
        tmp_path / "night", manifest, pack_files={"pacific-grove-library": pack}, paths=app_paths()
    )
    hand = tmp_path / "hand"
    hand.mkdir()
    (hand / "papers.docx").write_text("the organiser's own edits")
    return kit, hand


def test_kit_handouts_do_not_replace_earlier_ones_without_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kit, hand = kit_and_handouts(tmp_path)
    assert main(["kit", "handouts", str(kit), "--out", str(hand)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert (hand / "papers.docx").read_text() == "the organiser's own edits"
    assert not (hand / "pacific-grove-library-points.docx").exists(), "all or nothing"
    assert main(["kit", "handouts", str(kit), "--out", str(hand), "--force"]) == 0
    assert (hand / "papers.docx").read_bytes()[:2] == b"PK"


def test_window_export_to_a_link_says_why_and_keeps_the_link(
    make_window, dialogs: ScriptedDialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from oped_studio.gui import workers

    monkeypatch.setattr(workers, "RUN_INLINE", True)
    dialogs.answer("show_error", None)
    window = make_window(papers_loaded=False)
    kept = tmp_path / "kept.docx"
    kept.write_text("mine")
    link = tmp_path / "letter.docx"
    link.symlink_to(kept)
    dialogs.answer("get_export_path", link)  # the save dialog asked about replacing
    window.step_list.setCurrentRow(4)
    window.export_page.docx_button.click()
    (error,) = dialogs.arguments("show_error", "message")
    assert "is a link" in error and link.is_symlink() and kept.read_text() == "mine"


def test_window_handouts_ask_before_replacing_and_never_replace_a_link(
    make_window, dialogs: ScriptedDialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from oped_studio.gui import workers

    monkeypatch.setattr(workers, "RUN_INLINE", True)
    for name in ("show_error", "show_info"):
        dialogs.answer(name, None)
    kit, hand = kit_and_handouts(tmp_path)
    window = make_window(papers_loaded=False)
    dialogs.answer("get_kit_path", kit)
    dialogs.answer("get_folder", hand)
    dialogs.answer("ask_replace", False, True)
    window.menu.handouts_action.trigger()
    (question,) = dialogs.arguments("ask_replace", "message")
    assert "papers.docx already exists" in question and "--force" not in question
    assert (hand / "papers.docx").read_text() == "the organiser's own edits"
    window.menu.handouts_action.trigger()
    assert (hand / "papers.docx").read_bytes()[:2] == b"PK"
    assert dialogs.arguments("show_info", "message")[-1].endswith("papers.docx")
    (hand / "papers.docx").unlink()
    (hand / "papers.docx").symlink_to(tmp_path / "elsewhere.docx")
    window.menu.handouts_action.trigger()
    assert "is a link" in dialogs.arguments("show_error", "message")[-1]
    assert len(dialogs.arguments("ask_replace", "message")) == 2, "a link is never offered"


def test_a_duplicate_never_takes_the_place_of_a_link_in_the_library(tmp_path: Path) -> None:
    from oped_studio.core.library import DraftLibrary

    source = tmp_path / "mine.oped"
    draft = letter("Keep the library open.")
    draft.title = "Library"
    save_draft(draft, source)
    library = DraftLibrary(app_paths())
    library.folder.mkdir(parents=True, exist_ok=True)
    link = library.folder / "library-copy.oped"
    link.symlink_to(tmp_path / "nowhere.oped")
    copy = library.duplicate(source)
    assert copy.path.name == "library-copy-2.oped" and link.is_symlink()


# -- items 3, 4, 14, 17: batch export ---------------------------------------------------------


def test_batch_export_keeps_an_earlier_batch_unless_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    save_draft(letter("Keep the library open on Sundays."), folder / "P001.oped")
    out = tmp_path / "out"
    assert main(["batch-export", str(folder), "--out", str(out)]) == 0
    (out / "summary.csv").write_text("the facilitator's notes")
    capsys.readouterr()
    assert main(["batch-export", str(folder), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "already holds 5 files" in err and "--force" in err
    assert (out / "summary.csv").read_text() == "the facilitator's notes"
    assert main(["batch-export", str(folder), "--out", str(out), "--force"]) == 0
    assert (out / "summary.csv").read_text().startswith("letter,")
    (out / "letters" / "P001.txt").unlink()
    (out / "letters" / "P001.txt").symlink_to(tmp_path / "elsewhere.txt")
    assert main(["batch-export", str(folder), "--out", str(out), "--force"]) == 2
    assert "link" in capsys.readouterr().err and not (tmp_path / "elsewhere.txt").exists()


def test_batch_export_to_a_file_says_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "out.txt").write_text("x")
    assert main(["batch-export", str(tmp_path / "drafts"), "--out", str(tmp_path / "out.txt")]) == 2
    err = capsys.readouterr().err
    assert "is a file, not a folder; give a folder" in err and "File exists" not in err


def test_every_draft_gets_its_own_letter_and_no_report_takes_a_letters_place(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "event"
    (folder / "drafts").mkdir(parents=True)
    bodies = {
        "drafts/P001.oped": "The bus route matters to my night shift.",
        "P001.oped": "The library matters to my children after school.",
        "p001.oped": "The park matters to the whole street.",
        "similarity.oped": "The clinic matters to my mother every week.",
        "summary.oped": "The school board should keep art classes.",
    }
    for name, body in bodies.items():
        save_draft(letter(body), folder / name)
    out = tmp_path / "out"
    result = batch_export(folder, out, app_paths(), workers=1)
    assert result.exported == 5 and not result.failed
    rows = list(csv.DictReader((out / "summary.csv").open(encoding="utf-8")))
    names = [r["letter"] for r in rows]
    assert names == ["P001", "P001-2", "p001-3", "similarity", "summary"]
    files = ["drafts/P001.oped", "P001.oped", "p001.oped", "similarity.oped", "summary.oped"]
    assert [r["draft_file"] for r in rows] == ["event/" + name for name in files]
    for row in rows:
        text = (out / "letters" / f"{row['letter']}.txt").read_text(encoding="utf-8")
        assert bodies[row["draft_file"].removeprefix("event/")] in text
    assert (out / "similarity.txt").read_text().startswith("Similar letters")


def test_summary_and_sending_log_cells_never_run_as_formulas(tmp_path: Path) -> None:
    from oped_studio.core.outlets import load_directory
    from oped_studio.core.submissions import Submission, SubmissionLog

    folder = tmp_path / "drafts"
    folder.mkdir()
    hostile = ["=1+1", '=HYPERLINK("evil.example","x")', "+1", "-1", "@SUM(A1)", "＝1", " =2"]
    for name in hostile:
        save_draft(letter("A short letter about the library."), folder / f"{name}.oped")
    (folder / "\tP9.oped").write_text("not a draft")
    batch_export(folder, tmp_path / "out", app_paths(), workers=1)
    rows = list(csv.DictReader((tmp_path / "out" / "summary.csv").open(encoding="utf-8")))
    assert sorted(r["letter"] for r in rows) == sorted(["'" + name for name in hostile] + ["_P9"])
    assert "drafts/\tP9.oped" in [r["draft_file"] for r in rows]
    formula = ("=", "+", "-", "@", "\t", "＝", " =")
    assert not any(cell.startswith(formula) for row in rows for cell in row.values())

    draft = letter("Sent.")
    draft.title = "=cmd|' /C calc'!A0"
    outlet = load_directory(app_paths()).get("la-times")
    log = SubmissionLog(app_paths())
    log.record(Submission.of(draft, outlet, draft.created.date(), "email", "@note"))
    log.export_csv(tmp_path / "sent.csv")
    (row,) = csv.DictReader((tmp_path / "sent.csv").open(encoding="utf-8"))
    assert row["title"] == "'=cmd|' /C calc'!A0" and row["note"] == "'@note"


# -- item 11: event folders edited by hand ------------------------------------------------------


def hand_edited_event(tmp_path: Path) -> EventFolder:
    event = EventFolder(tmp_path / "a" / "b" / "event")
    event.new_participant(letter("My own letter about the library."))
    save_draft(letter("A letter outside the event."), tmp_path / "a" / "x.oped")
    save_draft(letter("A stray copy."), event.drafts / "P002 copy.oped")
    save_draft(letter("A stray line."), event.drafts / "P004\nP005 finished.oped")
    data = json.loads(event.file.read_text())
    data.setdefault("participants", {}).update({"P003": "oops", "../../../x": {"started": ""}})
    event.file.write_text(json.dumps(data))
    return event


def test_a_hand_edited_event_json_is_reported_and_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    event = hand_edited_event(tmp_path)
    assert main(["batch-export", str(event.folder), "--out", str(tmp_path / "out")]) == 0
    err = capsys.readouterr().err
    assert "'../../../x' is not a participant number" in err and "P003 has no record" in err
    participants, skipped = event.roster()
    assert [p.number for p in participants] == ["P001"]
    assert any("P002 copy.oped" in s for s in skipped)
    assert not any("\n" in s for s in skipped), "a name cannot add a line to the report"
    event.mark_finished("P003")  # over the "oops": recorded, no crash
    assert json.loads((event.people / "P003.json").read_text())["finished"]


def test_the_facilitator_view_reads_only_the_event_and_finishes(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from oped_studio.gui import workers
    from oped_studio.gui.facilitator_dialog import FacilitatorDialog

    monkeypatch.setattr(workers, "RUN_INLINE", True)
    event = hand_edited_event(tmp_path)
    dialog = FacilitatorDialog(event, app_paths())
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1 and dialog.cell(0, 0) == "Participant 1"
    status = dialog.status.text()
    assert status.startswith("1 participants, 0 finished.")
    assert "P002 copy.oped" in status and "../../../x" in status


# -- item 12: worker processes die with their parent ----------------------------------------------


def _children(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry.name))
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _poll(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)  # polling a process from outside: there is no signal to wait on
    return condition()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: the batch uses no workers")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_killing_batch_export_leaves_no_worker_behind(tmp_path: Path, how: int) -> None:
    folder = tmp_path / "drafts"
    folder.mkdir()
    for number in range(40):
        save_draft(
            letter(f"Letter {number} about the library, in its own words."),
            folder / f"P{number:03d}.oped",
        )
    env = dict(os.environ, PYTHONPATH=str(REPO))
    command = [sys.executable, "-m", "oped_studio", "--data-dir", str(tmp_path / "data")]
    command += ["batch-export", str(folder), "--out", str(tmp_path / "out")]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    workers: set[int] = set()
    try:
        assert _poll(lambda: len(_children(process.pid)) >= 2, 30), "the workers never started"
        workers = _children(process.pid)
        os.kill(process.pid, how)
        process.wait(timeout=10)
        assert _poll(lambda: not any(_running(pid) for pid in workers), 5), "workers outlived it"
    finally:
        process.kill()
        process.wait()
        for pid in workers:
            if _running(pid):
                os.kill(pid, signal.SIGKILL)


# -- item 18: backups and file modes ------------------------------------------------------------


def test_a_new_participants_backup_is_never_an_empty_file(tmp_path: Path) -> None:
    event = EventFolder(tmp_path / "event")
    participant, loaded, _code = event.new_participant(letter("First words."))
    backup = event.drafts / "P001.oped.bak"
    assert not backup.exists() or load_draft(backup)
    loaded.draft.sections["hook"] = "Second words."
    event.save(participant.number, loaded.draft, loaded.stamp)
    assert load_draft(backup).draft.sections["hook"] == "First words."


def test_shared_documents_follow_the_umask_and_private_files_stay_private(
    tmp_path: Path, umask_022
) -> None:
    from oped_studio.core.settings import Settings, save_settings

    draft = letter("A letter to share.")
    draft_path = tmp_path / "d.oped"
    save_draft(draft, draft_path)
    draft.sections["hook"] = "A letter to share, changed."
    save_draft(draft, draft_path, overwrite=True)
    export_draft(draft, "txt", tmp_path / "letter.txt")
    batch_export(tmp_path, tmp_path / "out", app_paths(), workers=1)
    save_settings(Settings(), app_paths())
    assert mode(tmp_path / "letter.txt") == 0o644
    assert mode(tmp_path / "out" / "summary.csv") == 0o644
    assert mode(tmp_path / "out" / "letters" / "d.docx") == 0o644
    assert mode(draft_path) == 0o600 and mode(tmp_path / "d.oped.bak") == 0o600
    assert mode(app_paths().settings_file) == 0o600
    os.umask(0o077)
    export_draft(draft, "docx", tmp_path / "private.docx")
    assert mode(tmp_path / "private.docx") == 0o600
