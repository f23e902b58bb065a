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
