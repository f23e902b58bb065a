"""The outlet directory: bundled data with sources, search, user outlets, and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from oped_studio.cli import main
from oped_studio.core.outlets import (
    Outlet,
    Rules,
    bundled_outlets_file,
    fold,
    load_directory,
    read_outlets_file,
)
from oped_studio.core.paths import app_paths
from oped_studio.core.user_outlets import outlets_to_toml, remove_user_outlet, save_user_outlet

ROOT = Path(__file__).resolve().parent.parent
RESEARCH = ROOT.parent / "shared" / "research" / "outlets.md"


def test_bundled_directory_is_clean_and_sourced() -> None:
    outlets, problems = read_outlets_file(bundled_outlets_file(), "bundled")
    assert problems == []
    assert len(outlets) >= 18
    for outlet in outlets:
        for rules in (outlet.letters, outlet.oped):
            if rules.word_limit or rules.char_limit:
                assert rules.source, f"{outlet.id}: a limit without its source"
                assert rules.checked
    assert load_directory(app_paths()).get("wsj").letters.word_limit is None, "unknown stays empty"


def test_new_york_times_has_its_150_word_limit_and_source() -> None:
    [nyt] = [o for o in load_directory(app_paths()).search("new york times")]
    assert nyt.id == "nyt"
    assert nyt.letters.word_limit == 150
    assert nyt.letters.days_after_article == 7
    assert nyt.letters.exclusive is True and nyt.letters.attachments is False
    assert "uft.org" in nyt.letters.source
    assert nyt.letters.weak_source


@pytest.mark.skipif(not RESEARCH.exists(), reason="needs shared/research/outlets.md")
def test_every_word_limit_appears_in_the_research_notes() -> None:
    """Nothing invented: each bundled limit is a figure the research notes give."""
    notes = RESEARCH.read_text(encoding="utf-8")
    for outlet in load_directory(app_paths()).outlets.values():
        for rules in (outlet.letters, outlet.oped):
            for value in (rules.word_limit, rules.char_limit):
                if value is None:
                    continue
                figure = f"{value:,}" if value >= 1000 else str(value)
                shown = figure if value != 249 else "fewer than 250"
                assert shown in notes, f"{outlet.id}: {value}"


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("nyt", "nyt"),
        ("NEW YORK TIMES", "nyt"),
        ("boston", "boston-globe"),
        ("st paul", "pioneer-press"),
        ("minneapolis", "star-tribune"),
        ("walla", "walla-walla-union-bulletin"),
    ],
)
def test_search(query: str, first: str) -> None:
    assert load_directory(app_paths()).search(query)[0].id == first


def test_search_ignores_accents_and_case(tmp_path: Path) -> None:
    save_user_outlet(
        Outlet(id="estado", name="O Estado de São Paulo", city="São Paulo"), app_paths()
    )
    directory = load_directory(app_paths())
    assert [o.id for o in directory.search("sao paulo")] == ["estado"]
    assert [o.id for o in directory.search("SÃO PAULO")] == ["estado"]
    assert fold("  Zoë  MÜLLER ") == "zoe muller"
    assert directory.search("no such paper anywhere") == []


def test_user_outlet_overrides_bundled_and_can_be_removed() -> None:
    custom = Outlet(
        id="nyt",
        name="The New York Times",
        city="New York",
        state="NY",
        kind="national",
        letters=Rules(word_limit=175, source="read it myself", checked="2026-01-01"),
    )
    save_user_outlet(custom, app_paths())
    assert load_directory(app_paths()).get("nyt").letters.word_limit == 175
    assert load_directory(app_paths()).get("nyt").origin == "user"
    assert remove_user_outlet("nyt", app_paths())
    assert load_directory(app_paths()).get("nyt").letters.word_limit == 150
    assert not remove_user_outlet("nyt", app_paths())


def test_user_outlets_file_round_trips_odd_text() -> None:
    odd = Outlet(
        id="odd",
        name='The "Quoted" Gazette \\ Ünïcode 🌵',
        letters=Rules(
            word_limit=200,
            exclusive=False,
            attachments=False,
            required_contact=("name", "phone"),
            notes="line one\nline two \x7f tab\there",  # a name is one line: see test_hostile_names
            source="me",
        ),
    )
    save_user_outlet(odd, app_paths())
    outlets, problems = read_outlets_file(app_paths().outlets_file, "user")
    assert problems == []
    assert outlets[0].name == odd.name
    assert outlets[0].letters == odd.letters
    assert "attachments = false" in outlets_to_toml(outlets)


BAD = [
    ('word_limit = "150"', "must be a whole number"),
    ("word_limit = 5", "out of range"),
    ('kind = "weekly"', "is not a kind"),
    ('required_contact = ["fax"]', "'fax' is not a contact field"),
    ("wordlimit = 150", "did you mean 'word_limit'?"),
    ('submit_email = "letters at paper"', "is not an email address"),
    ('checked = "2999-01-01"', "in the future"),
]


@pytest.mark.parametrize(("line", "message"), BAD)
def test_bad_outlet_entries(tmp_path: Path, line: str, message: str) -> None:
    target = "kind" if line.startswith("kind") else "rule"
    text = '[[outlets]]\nid = "x"\nname = "X"\n'
    if target == "kind":
        text += line + "\n"
    else:
        text += f'[outlets.letters]\nsource = "me"\n{line}\n'
    path = tmp_path / "outlets.toml"
    path.write_text(text, encoding="utf-8")
    _, problems = read_outlets_file(path, "user")
    assert any(message in str(p) for p in problems), problems
    assert all(str(p).startswith(f"{path}:") for p in problems)


def test_rules_without_a_source_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "outlets.toml"
    path.write_text('[[outlets]]\nid = "x"\nname = "X"\n[outlets.letters]\nword_limit = 200\n')
    _, problems = read_outlets_file(path, "user")
    assert "rules need a source" in str(problems[0])


def test_broken_user_file_keeps_the_bundled_directory() -> None:
    app_paths().outlets_file.parent.mkdir(parents=True, exist_ok=True)
    app_paths().outlets_file.write_text("[[outlets]\n", encoding="utf-8")
    directory = load_directory(app_paths())
    assert directory.get("nyt") is not None
    assert any("is not valid TOML" in str(p) for p in directory.problems)


def test_cli_outlets(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["outlets", "search", "new", "york"]) == 0
    out = capsys.readouterr().out
    assert "nyt" in out and "150 words" in out
    assert main(["outlets", "search", "times", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert any(r["id"] == "nyt" and r["letters"]["word_limit"] == 150 for r in rows)
    assert main(["outlets", "show", "nyt"]) == 0
    out = capsys.readouterr().out
    assert "Word limit:           150 words" in out and "uft.org" in out
    assert main(["outlets", "show", "nyt", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["letters"]["source"].startswith("uft.org")
    assert main(["outlets", "show", "nytimes"]) == 2
    assert "Did you mean" in capsys.readouterr().err
    assert main(["outlets", "add", "gazette", "--name", "Gazette", "--word-limit", "220"]) == 0
    capsys.readouterr()
    assert main(["outlets", "show", "gazette"]) == 0
    assert "220 words" in capsys.readouterr().out
    assert main(["outlets", "add", "g2", "--name", "G", "--word-limit", "3"]) == 2
    assert main(["outlets", "add", "Bad Id", "--name", "G"]) == 2
    assert main(["outlets", "remove", "gazette"]) == 0
    assert main(["outlets", "remove", "gazette"]) == 2
