"""The `oped-studio` command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from oped_studio import __version__
from oped_studio.cli import main
from oped_studio.core.draft import Draft
from oped_studio.core.library import DraftLibrary, entry_for
from oped_studio.core.paths import app_paths
from oped_studio.core.storage import save_draft
from tests.helpers import FIXTURES, sample_author

FIXTURE = FIXTURES / "drafts" / "format-1.oped"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"OpEd Studio {__version__}"


def test_help_lists_subcommands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for name in ["info", "drafts", "kit", "batch-export"]:
        assert name in out


def test_info_text(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "info", str(FIXTURE))
    assert status == 0 and err == ""
    assert "Title:       Re: Families Divided at the Border" in out
    assert "Kind:        Letter to the editor" in out
    assert "Outlet:      The New York Times — New York, NY (nyt)" in out
    assert "Words:       31" in out  # the signature does not count
    assert "Last change: 2018-06-21" in out


def test_info_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "info", str(FIXTURE), "--format", "json")
    facts = json.loads(out)
    assert status == 0
    assert facts["kind"] == "lte"
    assert facts["words"] == 31
    assert facts["outlet"] == "nyt"
    assert facts["modified"] == "2018-06-21T10:05:00+00:00"


def _fixture_drafts(tmp_path: Path) -> list[Path]:
    made = tmp_path / "made.oped"
    draft = Draft(kind="oped", outlet_id="nyt", author=sample_author())
    draft.sections = {"lede": "One two three.", "kicker": "Four five.", "byline": "Zoë, writer."}
    save_draft(draft, made)
    return [*sorted(FIXTURES.rglob("*.oped")), made]


def test_info_and_check_count_the_same_words(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """One count of a draft's words: the signature never counts, in `info` or in `check`."""
    paths = _fixture_drafts(tmp_path)
    assert len(paths) >= 2
    for path in paths:
        _, out, _ = run(capsys, "info", str(path), "--format", "json")
        info_words = json.loads(out)["words"]
        _, out, _ = run(capsys, "check", str(path), "--format", "json")
        checked = json.loads(out)
        assert checked["words"] == checked["limit"]["counted_words"] == info_words, path
        assert entry_for(path).words == info_words, path  # the drafts library agrees


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"format": "oped-studio-draft", "format_version": 1, "id": ', "damaged"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not a text file"),
        (b'{"hello": "world"}', "not an OpEd Studio draft"),
    ],
)
def test_info_on_bad_files_is_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "bad.oped"
    path.write_bytes(content)
    status, out, err = run(capsys, "info", str(path))
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("oped-studio: Cannot open")
    assert reason in err
    assert "Traceback" not in err


def test_info_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _, err = run(capsys, "info", str(tmp_path / "nope.oped"))
    assert status == 2 and "does not exist" in err


def test_usage_mistakes_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "infp", "x")
    assert status == 2 and "Did you mean 'info'?" in err
    status, _, err = run(capsys, "info")
    assert status == 2 and "required" in err and "Traceback" not in err
    status, _, err = run(capsys, "info", "x.oped", "--format", "xml")
    assert status == 2 and "invalid choice" in err


def test_drafts_commands(capsys: pytest.CaptureFixture[str], sample_draft: Draft) -> None:
    status, out, _ = run(capsys, "drafts", "list")
    assert status == 0 and "No drafts yet." in out
    saved = DraftLibrary(app_paths()).save_new(sample_draft)
    status, out, _ = run(capsys, "drafts", "list")
    assert "Re: Families Divided at the Border" in out and "nyt" in out
    status, out, _ = run(capsys, "drafts", "duplicate", str(saved.path))
    assert status == 0 and "Copied to" in out
    listing = json.loads(run(capsys, "drafts", "list", "--format", "json")[1])
    assert len(listing) == 2
    status, out, _ = run(capsys, "drafts", "delete", str(saved.path))
    assert status == 0 and not saved.path.exists()
    trash_name = out.split(" as ")[1].split(" ")[0]
    status, out, _ = run(capsys, "drafts", "trash")
    assert trash_name in out
    status, out, _ = run(capsys, "drafts", "restore", trash_name)
    assert status == 0 and saved.path.exists()
    status, _, err = run(capsys, "drafts", "restore", "nothing.oped")
    assert status == 2 and "no draft named" in err


def test_data_dir_option(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    save_draft(Draft(title="On the stick"), stick / "drafts.oped")  # not in drafts/
    (stick / "drafts").mkdir()
    save_draft(Draft(title="On the stick"), stick / "drafts" / "a.oped")
    status, out, _ = run(capsys, "--data-dir", str(stick), "drafts", "list")
    assert status == 0 and "On the stick" in out
    status, out, _ = run(capsys, "drafts", "list")
    assert "On the stick" not in out, "the override lasts for one call only"


def test_python_dash_m_runs_without_qt(tmp_path: Path) -> None:
    code = (
        "import sys, runpy; sys.argv=['oped_studio', 'info', sys.argv[1]];"
        "\ntry:\n    runpy.run_module('oped_studio', run_name='__main__')"
        "\nexcept SystemExit as e:\n    assert e.code == 0, e.code"
        "\nassert not any(m.startswith('PySide6') for m in sys.modules), 'CLI imported Qt'"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(FIXTURE)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "Letter to the editor" in result.stdout


def test_python_dash_m_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "oped_studio", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"OpEd Studio {__version__}"
