"""Hostile files the app reads (issue 14, items 7 and 10): a pipe, ``/dev/zero`` or a link to a
device in place of a draft, letter, kit, pack, papers file, template or settings file; numbers
of thousands of digits, nesting thousands deep, and dates at the edge of time. Each is one
clear message, never a hang or a traceback, and one bad file never takes the others down.
"""

from __future__ import annotations

import io
import json
import os
import signal
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from oped_studio.cli import main
from oped_studio.core.draft import Draft
from oped_studio.core.kits import Manifest
from oped_studio.core.library import DraftLibrary
from oped_studio.core.paths import app_paths
from oped_studio.core.storage import save_draft
from tests.helpers import sample_author

KINDS = ("pipe", "device")
HUGE_INT = "9" * 5000
DEEP = "[" * 5000 + "]" * 5000


@pytest.fixture(autouse=True)
def no_hang() -> Iterator[None]:
    """A read that blocks (a pipe with no writer) fails the test instead of stopping the suite."""

    def hung(*_args: object) -> None:
        raise TimeoutError("the app hung reading a file")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def hostile(path: Path, kind: str) -> Path:
    """Make ``path`` a named pipe nobody writes to, or a link to ``/dev/zero``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind == "pipe":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def good_draft(path: Path, title: str = "Bus cuts") -> Path:
    draft = Draft(title=title, outlet_id="nyt", author=sample_author())
    draft.sections = {"hook": "One two three."}
    path.parent.mkdir(parents=True, exist_ok=True)
    save_draft(draft, path)
    return path


def draft_with(path: Path, **fields: object) -> Path:
    """A draft file whose JSON fields are replaced by ``fields`` (values written as given)."""
    data = json.loads(good_draft(path).read_text(encoding="utf-8"))
    data.update(fields)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def kit_with(path: Path, entries: dict[str, str]) -> Path:
    """A kit zip written by hand (a valid manifest unless ``entries`` gives one)."""
    manifest = Manifest(id="night", title="Letters night", date=date(2026, 12, 5))
    files = {"manifest.toml": manifest.to_toml(), **entries}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:  # stored: a deep nest packs like a zip bomb
        for name, text in files.items():
            archive.writestr(name, text)
    path.write_bytes(buffer.getvalue())
    return path


def assert_one_clear_line(err: str, *words: str) -> None:
    assert "Traceback" not in err and err.strip(), err
    for word in words:
        assert word in err, err


def assert_everyday_commands_work(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """``info``, ``check`` and ``packs list`` on a good draft run to the end, whatever else is
    in the data folder."""
    draft = good_draft(tmp_path / "letter.oped")
    for args in (["info", str(draft)], ["check", str(draft)], ["packs", "list"]):
        status, _, err = run(capsys, *args)
        assert status == 0 and "Traceback" not in err, (args, err)


# -- item 7: pipes and devices given to a command ------------------------------------------------

COMMANDS = {
    "info": ("x.oped", ["info", "{}"]),
    "check draft": ("x.oped", ["check", "{}"]),
    "check letter": ("x.txt", ["check", "{}"]),
    "export draft": ("x.oped", ["export", "--format", "txt", "--out", "{out}", "{}"]),
    "export letter": ("x.txt", ["export", "--format", "txt", "--out", "{out}", "{}"]),
    "kit validate": ("x.opedkit", ["kit", "validate", "{}"]),
    "kit handouts": ("x.opedkit", ["kit", "handouts", "--out", "{out}", "{}"]),
    "--kit": ("x.opedkit", ["--kit", "{}", "packs", "list"]),
    "packs validate": ("x.toml", ["packs", "validate", "{}"]),
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("command", list(COMMANDS))
def test_a_pipe_or_device_given_to_a_command_is_refused_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str, command: str
) -> None:
    name, template = COMMANDS[command]
    path = hostile(tmp_path / name, kind)
    out = tmp_path / "out"
    args = [a.format(path, out=out) for a in template]
    status, stdout, err = run(capsys, *args)
    assert status in (1, 2)
    assert_one_clear_line(stdout + err, "a pipe, a device or a socket")
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize("kind", KINDS)
def test_batch_export_names_a_pipe_among_the_drafts_and_exports_the_rest(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
) -> None:
    event = tmp_path / "event"
    good_draft(event / "drafts" / "P001.oped")
    hostile(event / "drafts" / "P002.oped", kind)
    status, _, err = run(capsys, "batch-export", "--out", str(tmp_path / "out"), str(event))
    assert status == 0 and "Traceback" not in err
    summary = (tmp_path / "out" / "summary.csv").read_text(encoding="utf-8")
    assert "P001.txt" in os.listdir(tmp_path / "out" / "letters")
    assert "P002" in summary and "a pipe, a device or a socket" in summary


DATA_FILES = (
    "outlets.toml",
    "packs/mine.toml",
    "dictionary.txt",
    "config/settings.json",
    "config/author.json",
    "config/recent.json",
    "drafts/stray.oped",
    "recovery/copy.oped",
)


@pytest.mark.parametrize("kind", KINDS)
def test_pipes_and_devices_in_the_data_folder_never_stop_a_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
) -> None:
    """A pipe named outlets.toml in the data folder hung every command."""
    home = app_paths().root
    for name in DATA_FILES:
        hostile(home / name, kind)
    assert_everyday_commands_work(capsys, tmp_path)
    status, out, err = run(capsys, "outlets", "search", "times")
    assert status == 0 and "The New York Times" in out
    assert "outlets.toml" in err and "a pipe, a device or a socket" in err  # named, not hidden
    status, out, _ = run(capsys, "drafts", "list")
    assert status == 0 and "stray.oped: cannot be opened" in out


@pytest.mark.parametrize("kind", KINDS)
def test_a_pipe_as_the_users_template_is_a_clear_export_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
) -> None:
    hostile(app_paths().templates / "lte.letter.j2", kind)
    draft = good_draft(tmp_path / "letter.oped")
    status, _, err = run(
        capsys, "export", "--format", "txt", "--out", str(tmp_path / "l.txt"), str(draft)
    )
    assert status == 2
    assert_one_clear_line(err, "lte.letter.j2", "a pipe, a device or a socket")


@pytest.mark.parametrize("kind", KINDS)
def test_readers_of_the_apps_own_files_skip_a_pipe_or_say_why(tmp_path: Path, kind: str) -> None:
    from oped_studio.checks.dictionary import PersonalDictionary
    from oped_studio.core.event import EventError, EventFolder, recorded_participants
    from oped_studio.core.profile import load_author
    from oped_studio.core.recent import RecentFiles
    from oped_studio.core.settings import Settings, load_settings
    from oped_studio.core.structures import StructureError, parse_structure
    from oped_studio.core.submissions import SubmissionLog, SubmissionLogError

    paths = app_paths()
    for path in (paths.settings_file, paths.author_file, paths.recent_file, paths.dictionary_file):
        hostile(path, kind)
    assert load_settings(paths) == Settings()
    assert load_author(paths).name == ""
    assert RecentFiles(paths.recent_file).load() == []
    assert PersonalDictionary(paths).words() == []
    hostile(paths.submissions_file, kind)
    with pytest.raises(SubmissionLogError, match="a pipe, a device or a socket"):
        SubmissionLog(paths).entries()
    event = tmp_path / "event"
    hostile(event / "event.json", kind)
    assert recorded_participants(event) == ({}, [])
    with pytest.raises(EventError, match="a pipe, a device or a socket"):
        EventFolder(event)
    with pytest.raises(StructureError, match="a pipe, a device or a socket"):
        parse_structure(hostile(tmp_path / "structure.toml", kind))


@pytest.mark.parametrize("kind", KINDS)
def test_saving_over_a_pipe_is_refused_not_a_hang(tmp_path: Path, kind: str) -> None:
    from oped_studio.core.errors import SaveError

    target = hostile(tmp_path / "letter.oped", kind)
    with pytest.raises(SaveError, match="a pipe, a device or a socket"):
        save_draft(Draft(title="x"), target, overwrite=True)


def test_the_window_refuses_a_pipe_as_a_draft(make_window, dialogs, qtbot, tmp_path: Path) -> None:
    from PySide6.QtCore import Qt

    from tests.helpers import press

    pipe = hostile(tmp_path / "pipe.oped", "pipe")
    window = make_window()
    dialogs.answer("get_open_path", pipe)
    dialogs.answer("show_error", None)
    window.activateWindow()
    press(qtbot, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "show_error" in dialogs.asked)
    message = " ".join(str(v) for v in dialogs.calls[-1].args.values())
    assert "a pipe, a device or a socket" in message


# -- item 10: huge numbers, deep nesting, the edge of time ---------------------------------------

TOML_BOMBS = {
    "5,000 digits": f"number = {HUGE_INT}\n",
    "5,000 hex digits": "number = 0x" + "f" * 5000 + "\n",
    "5,000 deep": f"deep = {DEEP}\n",
}


@pytest.mark.parametrize("bomb", list(TOML_BOMBS))
def test_huge_numbers_and_deep_nesting_in_a_pack_or_kit_are_one_problem(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bomb: str
) -> None:
    text = TOML_BOMBS[bomb]
    reason = "nested too deeply" if "deep" in bomb else "thousands of digits"
    pack = tmp_path / "pack.toml"
    pack.write_text(text, encoding="utf-8")
    status, out, err = run(capsys, "packs", "validate", str(pack))
    assert status == 1 and reason in out and "Traceback" not in err
    kit = kit_with(tmp_path / "k.opedkit", {"packs/p.toml": text})
    for args in (
        ["kit", "validate", str(kit)],
        ["kit", "handouts", "--out", str(tmp_path / "h"), str(kit)],
        ["--kit", str(kit), "packs", "list"],
    ):
        status, out, err = run(capsys, *args)
        assert status in (1, 2) and reason in out + err and "Traceback" not in err, args
    manifest = kit_with(tmp_path / "m.opedkit", {"manifest.toml": text})
    status, out, err = run(capsys, "kit", "validate", str(manifest))
    assert status == 1 and reason in out


@pytest.mark.parametrize("bomb", list(TOML_BOMBS))
def test_a_broken_papers_file_in_the_data_folder_is_named_and_the_rest_works(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, bomb: str
) -> None:
    paths = app_paths()
    paths.root.mkdir(parents=True, exist_ok=True)
    paths.outlets_file.write_text(TOML_BOMBS[bomb], encoding="utf-8")
    (paths.root / "packs").mkdir()
    (paths.root / "packs" / "mine.toml").write_text(TOML_BOMBS[bomb], encoding="utf-8")
    assert_everyday_commands_work(capsys, tmp_path)
    status, _, err = run(capsys, "outlets", "show", "nyt")
    assert status == 0 and "outlets.toml:" in err


def test_the_window_opens_with_a_broken_papers_file_and_says_so(make_window, qtbot) -> None:
    paths = app_paths()
    paths.root.mkdir(parents=True, exist_ok=True)
    paths.outlets_file.write_text(TOML_BOMBS["5,000 deep"], encoding="utf-8")
    window = make_window()  # waits for the papers: the bundled ones are all there
    qtbot.waitUntil(lambda: "nested too deeply" in window.statusBar().currentMessage())
    assert "outlets.toml" in window.statusBar().currentMessage()


def test_a_word_limit_of_a_thousand_digits_is_one_short_problem(tmp_path: Path) -> None:
    from oped_studio.core.outlets import read_outlets_file

    path = tmp_path / "outlets.toml"
    limit = "9" * 1000
    path.write_text(
        f'[[outlets]]\nid = "x"\nname = "X"\n[outlets.letters]\nword_limit = {limit}\n',
        encoding="utf-8",
    )
    found, problems = read_outlets_file(path, "user")
    assert [o.id for o in found] == ["x"] and found[0].letters.word_limit is None
    assert [str(p).split(": ")[-1] for p in problems] == [
        "a number of 1000 digits is out of range; use a number from 10 to 10,000"
    ]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("", "the file is empty"),
        ("[1, 2]", "not an OpEd Studio submission log"),
        (
            '{"format": "oped-studio-submissions", "format_version": 1, "entries": {"a": 1}}',
            "an entry lacks a field or has one of the wrong type",
        ),
        ('{"format_version": ' + HUGE_INT + "}", "thousands of digits"),
    ],
)
def test_a_damaged_submission_log_says_what_is_wrong(
    capsys: pytest.CaptureFixture[str], content: str, reason: str
) -> None:
    paths = app_paths()
    paths.root.mkdir(parents=True)
    paths.submissions_file.write_text(content, encoding="utf-8")
    status, _, err = run(capsys, "submissions", "list")
    assert status == 2 and reason in err and err.count("\n") == 1


@pytest.mark.parametrize("kind", KINDS)
def test_kit_build_refuses_a_pipe_as_a_structure(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
) -> None:
    structure = hostile(tmp_path / "s.toml", kind)
    out = tmp_path / "k.opedkit"
    args = ["kit", "build", "--title", "T", "--outlet", "nyt", "--structure", str(structure)]
    status, _, err = run(capsys, *args, "--out", str(out))
    assert status == 2 and not out.exists()
    assert_one_clear_line(err, "a pipe, a device or a socket")


BAD_DRAFTS = {
    "huge-number.oped": {"format_version": int(HUGE_INT[:4000])},
    "far-future.oped": {"modified": "9999-12-31T23:59:59-23:59"},
    "far-past.oped": {"created": "0001-01-01T00:00:00+23:59"},
}


def _bad_drafts(folder: Path) -> None:
    for name, fields in BAD_DRAFTS.items():
        draft_with(folder / name, **fields)
    (folder / "digits.oped").write_text('{"format_version": ' + HUGE_INT + "}", encoding="utf-8")
    (folder / "deep.oped").write_text('{"a": ' + DEEP + "}", encoding="utf-8")
    (folder / "list.oped").write_text("[1, 2]", encoding="utf-8")
    (folder / "empty.oped").write_text("", encoding="utf-8")
    (folder / "latin1.oped").write_bytes(b'{"title": "caf\xe9"}')


def test_one_bad_draft_never_takes_the_library_or_a_batch_down(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    library = DraftLibrary(app_paths())
    library.folder.mkdir(parents=True)
    good_draft(library.folder / "good.oped", "Library hours")
    _bad_drafts(library.folder)
    status, out, err = run(capsys, "drafts", "list")
    assert status == 0 and "Traceback" not in err
    assert "Library hours" in out
    assert out.count("cannot be opened") == 8
    assert "file format 999" not in out and len(max(out.splitlines(), key=len)) < 300
    for name in BAD_DRAFTS:
        status, _, err = run(capsys, "info", str(library.folder / name))
        assert status == 2 and err.count("\n") == 1 and "Traceback" not in err
    status, out, err = run(
        capsys, "batch-export", "--out", str(tmp_path / "out"), str(library.folder)
    )
    assert status == 0 and "8 could not be read" in out
    assert (tmp_path / "out" / "summary.csv").is_file()


def test_the_library_window_opens_beside_bad_drafts(qtbot, tmp_path: Path) -> None:
    from oped_studio.gui.library_dialog import LibraryDialog

    library = DraftLibrary(app_paths())
    library.folder.mkdir(parents=True)
    good_draft(library.folder / "good.oped", "Library hours")
    _bad_drafts(library.folder)
    hostile(library.folder / "pipe.oped", "pipe")
    dialog = LibraryDialog(library, outlet_name=lambda i: i)
    qtbot.addWidget(dialog)
    titles = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert titles[0] == "Library hours" and len(titles) == 10
    assert any(t.startswith("pipe.oped (cannot be read") for t in titles)


def test_extreme_dates_in_notes_and_logs_are_skipped(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The trash's and recovery's notes, and the submission log, hold dates too."""
    from oped_studio.core.recovery import find_recovered

    paths = app_paths()
    edge = "9999-12-31T23:59:59-23:59"
    paths.trash.mkdir(parents=True)
    good_draft(paths.trash / "old.oped")
    note = {"original": str(tmp_path / "old.oped"), "deleted": edge}
    (paths.trash / "old.oped.trash.json").write_text(json.dumps(note), encoding="utf-8")
    status, out, err = run(capsys, "drafts", "trash")
    assert status == 0 and "old.oped" in out and "Traceback" not in err
    paths.recovery.mkdir(parents=True)
    good_draft(paths.recovery / "copy.oped")
    (paths.recovery / "copy.json").write_text(json.dumps({"saved": edge}), encoding="utf-8")
    (paths.recovery / "naive.oped").write_bytes((paths.recovery / "copy.oped").read_bytes())
    naive = {"saved": "2026-01-01T10:00:00"}  # no time zone: sorting it beside others failed
    (paths.recovery / "naive.json").write_text(json.dumps(naive), encoding="utf-8")
    assert len(find_recovered(paths)) == 2
    log = {
        "format": "oped-studio-submissions",
        "format_version": 1,
        "entries": [
            {"draft_id": "d", "outlet_id": "mine", "sent_on": "9999-12-31"},
            {"draft_id": "e", "outlet_id": "mine", "sent_on": "2020-01-01"},
        ],
    }
    paths.submissions_file.write_text(json.dumps(log), encoding="utf-8")
    window = "9" * 1999 + " days"  # a reply window no paper has: ignored, not an overflow
    paths.outlets_file.write_text(
        f'[[outlets]]\nid = "mine"\nname = "Mine"\n[outlets.letters]\nreply_window = "{window}"\n',
        encoding="utf-8",
    )
    status, out, err = run(capsys, "submissions", "list")
    assert status == 0 and "Traceback" not in err, err
