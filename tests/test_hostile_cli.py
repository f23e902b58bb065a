"""Issue 14, the lead's own attack run on the CLI: what the item list did not name."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from oped_studio.cli import main
from tests.helpers import FIXTURES

DRAFT = FIXTURES / "drafts" / "format-1.oped"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        status = main(list(args))
    except SystemExit as exc:  # argparse's own mistakes
        status = int(exc.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize("value", ["9" * 5000, "-" + "9" * 5000, "12abc", "1e3", " "])
def test_a_number_option_names_a_bad_value_in_one_short_line(
    capsys: pytest.CaptureFixture[str], value: str
) -> None:
    status, _out, err = _run(capsys, "outlets", "add", "x", "--name", "X", "--word-limit", value)
    assert status == 2
    assert "is not a whole number like 250" in err
    assert len(err) < 600, "argparse echoed the whole value"


def test_a_letter_cannot_be_recorded_as_sent_in_the_future(
    capsys: pytest.CaptureFixture[str],
) -> None:
    for when in ("9999-12-31", (date.today() + timedelta(days=2)).isoformat()):
        status, _out, err = _run(
            capsys, "submissions", "add", str(DRAFT), "--outlet", "nyt", "--on", when
        )
        assert status == 2 and "still to come" in err
    status, out, _err = _run(capsys, "submissions", "list")
    assert status == 0 and "No letters recorded" in out
    status, _out, _err = _run(
        capsys, "submissions", "add", str(DRAFT), "--outlet", "nyt", "--on", "2018-06-22"
    )
    assert status == 0
