"""The submission log: recording, exclusivity warnings, reply windows, CSV, the GUI."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest

from oped_studio.cli import main
from oped_studio.core import atomic
from oped_studio.core.draft import Draft
from oped_studio.core.errors import SaveError
from oped_studio.core.library import DraftLibrary
from oped_studio.core.outlets import load_directory
from oped_studio.core.paths import app_paths
from oped_studio.core.submissions import (
    Submission,
    SubmissionLog,
    SubmissionLogError,
    reply_days,
)
from oped_studio.gui.library_dialog import LibraryDialog
from oped_studio.gui.main_window import MainWindow
from tests.helpers import ScriptedDialogs

TODAY = date(2026, 11, 22)


def sent(draft_id: str, outlet_id: str, days_ago: int, status: str = "sent") -> Submission:
    outlet = load_directory(app_paths()).get(outlet_id)
    return Submission(
        draft_id,
        "Keep the branch open",
        outlet_id,
        outlet.name,
        TODAY - timedelta(days=days_ago),
        "email",
        status,
    )


def test_reply_windows_are_read_from_the_papers_words() -> None:
    assert reply_days("Assume it was not accepted if you hear nothing within 2 weeks.") == 14
    assert reply_days("within 10 business days") == 14
    assert reply_days("a month or so") is None
    assert reply_days("3 months") == 90
    assert reply_days("If no one has contacted you within two weeks, assume…") == 14
    assert reply_days("Ten business days") == 14


def test_the_log_round_trips_and_exports_csv(tmp_path: Path) -> None:
    log = SubmissionLog(app_paths())
    log.record(sent("d1", "nyt", 3))
    log.record(sent("d1", "la-times", 1))
    assert [e.outlet_id for e in log.for_draft("d1")] == ["nyt", "la-times"]
    log.set_status(0, "declined")
    assert log.entries()[0].status == "declined"
    log.export_csv(tmp_path / "sent.csv")
    rows = list(csv.DictReader((tmp_path / "sent.csv").open(encoding="utf-8")))
    assert [r["outlet_name"] for r in rows] == ["The New York Times", "Los Angeles Times"]


def test_an_exclusive_paper_is_warned_about_either_way_round() -> None:
    directory = load_directory(app_paths())
    log = SubmissionLog(app_paths())
    log.record(sent("d1", "nyt", 2))  # The Times prints only letters sent to it alone
    conflicts = log.exclusivity_conflicts("d1", directory.get("la-times"), directory)
    assert [c.outlet_id for c in conflicts] == ["nyt"]
    assert log.exclusivity_conflicts("d2", directory.get("la-times"), directory) == []
    log.set_status(0, "declined")  # the Times said no: the letter is free
    assert log.exclusivity_conflicts("d1", directory.get("la-times"), directory) == []


def test_a_letter_past_the_reply_window_is_overdue() -> None:
    directory = load_directory(app_paths())
    window = reply_days(directory.get("washington-post").letters.reply_window)
    assert window, "the Post's reply window is in the directory"
    log = SubmissionLog(app_paths())
    log.record(sent("d1", "washington-post", window + 1))
    log.record(sent("d2", "washington-post", window - 1))
    log.record(sent("d3", "washington-post", window + 5, status="published"))
    assert [e.draft_id for e in log.overdue(directory, TODAY)] == ["d1"]


def test_a_damaged_log_is_never_overwritten() -> None:
    app_paths().submissions_file.parent.mkdir(parents=True, exist_ok=True)
    app_paths().submissions_file.write_text('{"format": "oped-studio-submissions", "entries": [')
    log = SubmissionLog(app_paths())
    with pytest.raises(SubmissionLogError, match="damaged"):
        log.record(sent("d1", "nyt", 1))
    assert app_paths().submissions_file.read_text().endswith("[")


def test_a_full_disk_keeps_the_previous_log(monkeypatch: pytest.MonkeyPatch) -> None:
    log = SubmissionLog(app_paths())
    log.record(sent("d1", "nyt", 1))
    with monkeypatch.context() as patch, pytest.raises(SaveError):
        patch.setattr(atomic.os, "replace", lambda *a: (_ for _ in ()).throw(OSError(28, "full")))
        log.record(sent("d2", "nyt", 1))
    assert [e.draft_id for e in log.entries()] == ["d1"]


def test_cli_records_warns_lists_and_exports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = DraftLibrary(app_paths()).save_new(Draft(title="Branch hours"))
    path = str(saved.path)
    args = ["submissions", "add", path, "--outlet", "washington-post", "--on", "2026-11-01"]
    assert main(args) == 0
    assert "sent to The Washington Post on 2026-11-01" in capsys.readouterr().out
    assert main(["submissions", "add", path, "--outlet", "la-times"]) == 2
    assert "only letters sent to it alone" in capsys.readouterr().err
    assert main(["submissions", "add", path, "--outlet", "la-times", "--force"]) == 0
    capsys.readouterr()
    assert main(["submissions", "list"]) == 0
    out = capsys.readouterr().out
    assert "free to send elsewhere" in out.splitlines()[0], "the Post's two weeks have passed"
    assert main(["submissions", "export", "--out", str(tmp_path / "log.csv")]) == 0
    assert (tmp_path / "log.csv").read_text().count("\n") == 3


def test_recording_from_the_export_step_warns_first(
    ready_window: MainWindow, dialogs: ScriptedDialogs
) -> None:
    window = ready_window
    window.start_page.choose_outlet("nyt")
    draft_id = window.session.draft.id
    SubmissionLog(app_paths()).record(sent(draft_id, "nyt", 1))
    dialogs.answer("get_submission", ("la-times", TODAY, "email", ""))
    dialogs.answer("ask_send_anyway", False)
    window.step_list.setCurrentRow(4)
    window.export_page.sent_button.click()
    warned = dialogs.arguments("ask_send_anyway", "message")
    assert warned and "The New York Times" in warned[0]
    assert len(SubmissionLog(app_paths()).for_draft(draft_id)) == 1, "declined: nothing recorded"
    dialogs.answer("ask_send_anyway", True)
    window.export_page.sent_button.click()
    assert [e.outlet_id for e in SubmissionLog(app_paths()).for_draft(draft_id)] == [
        "nyt",
        "la-times",
    ]
    assert "Los Angeles Times" in window.export_page.sent_label.text()


def test_the_library_shows_where_each_draft_went(qtbot, tmp_path: Path) -> None:
    library = DraftLibrary(app_paths())
    saved = library.save_new(Draft(title="Branch hours"))
    SubmissionLog(app_paths()).record(sent(saved.draft.id, "nyt", 1))
    dialog = LibraryDialog(library)
    qtbot.addWidget(dialog)
    assert dialog.table.item(0, 4).text().startswith("The New York Times, 2026-11-21")
    assert dialog.export_log(tmp_path / "log.csv")
    assert saved.draft.id in (tmp_path / "log.csv").read_text()


def test_an_overdue_letter_is_mentioned_at_start(qtbot, ready_window: MainWindow) -> None:
    SubmissionLog(app_paths()).record(sent("d1", "washington-post", 40))
    ready_window.exports.remind_overdue()
    assert "No answer from The Washington Post" in ready_window.statusBar().currentMessage()
