"""Review of issue 15's directory code: what a writer's own papers, old files and the finder
do at the edges."""

from __future__ import annotations

import json

import pytest

from oped_studio.cli import main
from oped_studio.core.outlets import load_directory
from oped_studio.core.paths import app_paths


def test_a_paper_of_your_own_in_a_state_written_out_is_found_by_state_and_zip(capsys) -> None:
    """A writer who types "Texas" (as the add dialog lets them) still finds their paper with
    --state TX and nearest to an Austin ZIP code; it was left out of both."""
    assert main(["outlets", "add", "mine", "--name", "Austin Paper", "--city", "Austin",
                 "--state", "Texas"]) == 0  # fmt: skip
    capsys.readouterr()
    directory = load_directory(app_paths())
    assert "mine" in [o.id for o in directory.search("", limit=1000, state="TX")]
    nearest, miles = directory.near("78701", limit=1)[0]
    assert nearest.id == "mine" and miles is not None and miles < 10
    assert main(["outlets", "search", "--state", "texas", "--format", "json"]) == 0
    assert "mine" in [o["id"] for o in json.loads(capsys.readouterr().out)]


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--email", "letters@paper"),
        ("--email", "a@b.org;c@d.org"),
        ("--email", "letters@paper.org>"),
        ("--url", "https://"),
        ("--url", "https://the paper.org/letters"),
    ],
)
def test_outlets_add_refuses_what_the_papers_file_would_then_refuse(option, value, capsys) -> None:
    """'outlets add' said "Saved" for an address the reader then refused: the paper had no
    address and every later command reported the file as having a problem."""
    assert main(["outlets", "add", "x", "--name", "X", option, value]) == 2
    assert option in capsys.readouterr().err
    assert not app_paths().outlets_file.exists()


def _find_by_zip(qtbot, window, zip_code: str) -> None:
    from PySide6.QtCore import Qt

    from tests.helpers import press, type_here

    start = window.start_page
    start.finder.zip_edit.setFocus()
    type_here(qtbot, zip_code)
    qtbot.waitUntil(lambda: f"Nearest {zip_code}" in start.finder.message.text())
    press(qtbot, Qt.Key.Key_Escape)  # close the list the lookup opened
    start.finder.zip_edit.setFocus()


def test_clearing_the_zip_code_puts_the_list_back_in_name_order(qtbot, ready_window) -> None:
    """Emptying the ZIP box left the list nearest-first and 'Nearest 99501: ...' showing."""
    from PySide6.QtCore import Qt

    from tests.helpers import press

    start = ready_window.start_page
    _find_by_zip(qtbot, ready_window, "99501")
    press(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, Qt.Key.Key_Backspace)
    assert start.finder.message.text() == ""
    labels = start.outlet_completer.model().stringList()
    assert len(labels) > 100 and labels == sorted(labels, key=str.casefold)


def test_choosing_a_state_after_a_zip_code_empties_the_zip_box(qtbot, ready_window) -> None:
    """The state list narrowed the papers by name while the ZIP box still held a ZIP code
    the list no longer followed."""
    start = ready_window.start_page
    _find_by_zip(qtbot, ready_window, "99501")
    start.finder.state_box.setFocus()
    qtbot.keyClicks(start.finder.state_box, "Texas")
    qtbot.waitUntil(lambda: "papers in Texas" in start.finder.message.text())
    assert start.finder.zip_edit.text() == ""


def test_adding_a_paper_keeps_the_state_chosen_in_the_list(qtbot, ready_window, dialogs) -> None:
    """After adding a paper the list offered every paper while the state box still said
    Texas; the writer's own paper, in Texas, is offered with the others there."""
    from oped_studio.core.user_outlets import build_user_outlet

    start = ready_window.start_page
    start.finder.state_box.setFocus()
    qtbot.keyClicks(start.finder.state_box, "Texas")
    qtbot.waitUntil(lambda: "papers in Texas" in start.finder.message.text())
    dialogs.answer(
        "get_new_outlet",
        lambda *_: build_user_outlet(
            outlet_id="austin-own", name="Austin Own", city="Austin", state="Texas"
        ),
    )
    start.add_outlet_button.click()
    assert start.outlet_id() == "austin-own"
    assert start.finder.state_box.currentData() == "TX"
    labels = start.outlet_completer.model().stringList()
    assert "Austin Own — Austin, Texas" in labels
    assert labels and all(label.endswith(("TX", "Texas")) for label in labels)


@pytest.mark.parametrize(
    ("window", "days"),
    [
        ("An accepted letter may take two days to two weeks to appear.", 14),
        ("If you have not heard back within 72 hours, assume the piece was declined.", 3),
        ("The paper tries to reply within a week if a letter is selected.", 7),
        ("If the letter has not run within a month, you may resubmit it.", 30),
        ("within one business day", 2),
        ("a month or so", None),
        ("4-6 weeks", 42),
    ],
)
def test_reply_windows_in_the_directory_are_counted_to_their_end(window, days) -> None:
    """Bundled windows read as no window ('within a week', '72 hours') or as their start
    ('two days to two weeks' gave 2: the log called a letter unanswered after two days)."""
    from oped_studio.core.submissions import reply_days

    assert reply_days(window) == days


@pytest.mark.parametrize(
    "options",
    [["--state", "T\nX\n[fake] line"], ["--zip", "9\n9501"], ["--zip", "9" * 5000]],
)
def test_a_bad_state_or_zip_is_named_on_one_short_line(options, capsys) -> None:
    """A line break in --state or --zip was echoed as is: the refusal ran over two lines."""
    assert main(["outlets", "search", *options]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and len(err) < 200


def test_outlets_add_over_your_own_paper_keeps_what_it_does_not_change(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Adding a paper you already have changes the values you give and keeps the rest you
    wrote by hand (notes, evidence, a rule the command has no option for)."""
    from oped_studio.core.paths import app_paths

    target = app_paths().outlets_file
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        '# my papers\n[[outlets]]\nid = "gazette"\nname = "Gazette"\n[outlets.letters]\n'
        'word_limit = 200\ndays_after_article = 5\nnotes = "Call Pat first."\n'
        'source = "the editor, by phone"\n',
        encoding="utf-8",
    )
    assert main(["outlets", "add", "gazette", "--name", "Gazette", "--word-limit", "250"]) == 0
    capsys.readouterr()
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# my papers\n")
    assert "word_limit = 250" in text and "word_limit = 200" not in text
    assert 'notes = "Call Pat first."' in text and "days_after_article = 5" in text
    assert main(["outlets", "show", "gazette"]) == 0
    out = capsys.readouterr().out
    assert "250 words" in out and "Call Pat first." in out and "5 days" in out
