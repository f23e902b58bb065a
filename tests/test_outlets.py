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
from oped_studio.core.places import STATES
from oped_studio.core.user_outlets import outlets_to_toml, remove_user_outlet, save_user_outlet

ROOT = Path(__file__).resolve().parent.parent
RESEARCH = ROOT.parent / "shared" / "research" / "outlets.md"


def test_bundled_directory_is_clean_and_every_value_is_quoted_from_its_page() -> None:
    """Issue 15: each rule set names the page it was read from, when, and quotes that page's
    words behind every value (reading the file checks numbers, addresses and forms against
    the quotes, so a remembered value is a problem here)."""
    outlets, problems = read_outlets_file(bundled_outlets_file(), "bundled")
    assert problems == []
    assert len(outlets) >= 120
    for outlet in outlets:
        assert outlet.city and outlet.state, outlet.id
        assert not (outlet.letters.is_empty() and outlet.oped.is_empty()), outlet.id
        for rules in (outlet.letters, outlet.oped):
            if rules.is_empty():
                continue
            assert rules.source_url or rules.weak_source, outlet.id
            assert rules.read_on and rules.evidence, outlet.id
    assert "boston-metro" not in {o.id for o in outlets}, "closed in January 2020"
    with_address = [o for o in outlets if not o.letters.send_to.is_empty()]
    assert len(with_address) >= 0.9 * len(outlets)
    states = {o.state for o in outlets}
    assert set(STATES) - {"PR"} <= states, sorted(set(STATES) - states)  # 50 states and DC
    assert len([o for o in outlets if o.language == "es"]) >= 3


def test_new_york_times_has_its_150_word_limit_and_source() -> None:
    nyt = load_directory(app_paths()).search("new york times")[0]
    assert nyt.id == "nyt"
    assert nyt.letters.word_limit == 150
    assert nyt.letters.days_after_article == 7
    assert nyt.letters.exclusive is True and nyt.letters.attachments is False
    assert nyt.letters.send_to.email == "letters@nytimes.com"
    assert "uft.org" in nyt.letters.source_url
    assert nyt.letters.weak_source


def test_a_limit_for_one_kind_of_letter_is_not_the_papers_limit(tmp_path: Path) -> None:
    """The Victoria Advocate's 250 words were for election letters: a rule set whose quotes
    give a number the limit does not match is refused, so such a limit cannot slip in."""
    path = tmp_path / "outlets.toml"
    path.write_text(
        '[[outlets]]\nid = "x"\nname = "X"\n[outlets.letters]\nword_limit = 300\n'
        'source_url = "https://x.example/letters"\nread_on = "2026-11-23"\n'
        'evidence = ["Election letters are limited to 250 words."]\n',
        encoding="utf-8",
    )
    _, problems = read_outlets_file(path, "bundled")
    assert [p.field for p in problems] == ["outlets[1].letters.word_limit"]


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
        letters=Rules(word_limit=175, source="read it myself", read_on="2026-01-01"),
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
    ('read_on = "2999-01-01"', "in the future"),
    ('source_date = "2999-01"', "in the future"),
    ('word_limit = 250\nevidence = ["up to 300 words"]', "250 is not in the quoted evidence"),
    ('send_to = { email = "a@b.org" }\nevidence = ["write to c@d.org"]', "not in the quoted"),
    ('send_to = { email = "letters at paper" }', "is not an email address"),
    ('send_to = { web_form = "javascript:alert(1)" }', "must be a web address"),
    ('send_to = { fax = "555" }', "fax"),
    ('language = "fr"', "is not a language"),
]


@pytest.mark.parametrize(("line", "message"), BAD)
def test_bad_outlet_entries(tmp_path: Path, line: str, message: str) -> None:
    target = "kind" if line.startswith(("kind", "language")) else "rule"
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
    assert "uft.org" in json.loads(capsys.readouterr().out)["letters"]["source_url"]
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


def test_search_by_state_and_by_zip_code(capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 15: a state's name or code finds its papers; a ZIP code orders them by distance
    (an Alaska ZIP code puts an Alaska paper first); a bad or unknown ZIP code says so."""
    directory = load_directory(app_paths())
    texas = directory.search("texas", limit=500)
    assert texas and all(o.state == "TX" for o in texas)
    assert {o.id for o in directory.search("", limit=500, state="OR")} >= {"the-oregonian"}
    assert main(["outlets", "search", "--zip", "99501", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["state"] == "AK" and rows[0]["miles"] < 10
    assert [r["miles"] for r in rows if r["miles"] is not None] == sorted(
        r["miles"] for r in rows if r["miles"] is not None
    )
    assert main(["outlets", "search", "--zip", "10001", "--state", "ny"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].endswith("miles)") and ", NY" in out.splitlines()[0]
    assert main(["outlets", "search", "--zip", "00000"]) == 2
    assert "is not in the list of US ZIP codes" in capsys.readouterr().err
    assert main(["outlets", "search", "--zip", "9" * 5000]) == 2
    err = capsys.readouterr().err
    assert "is not a ZIP code" in err and len(err) < 200
    assert main(["outlets", "search", "--state", "Atlantis"]) == 2
    assert "is not a US state" in capsys.readouterr().err


def test_every_bundled_papers_town_is_placed_for_the_zip_search() -> None:
    from oped_studio.core.places import city_point

    unplaced = [
        o.id
        for o in load_directory(app_paths()).outlets.values()
        if city_point(o.city, o.state) is None
    ]
    assert unplaced == []


def test_outlets_show_json_gives_where_to_send(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["outlets", "show", "nyt", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["letters"]["send_to"] == {"email": "letters@nytimes.com"}
    assert data["letters"]["read_on"] == "2026-11-23" and data["letters"]["evidence"]


def test_outlets_validate_names_each_problem_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["outlets", "validate"]) == 0
    assert "ok:" in capsys.readouterr().out
    bad = tmp_path / "papers.toml"
    bad.write_text(
        '[[outlets]]\nid = "x"\nname = "X"\nfax = "1"\n[outlets.letters]\n'
        'source_url = "https://x.example"\nword_limit = 250\nevidence = ["300 words"]\n'
        'send_to = { web_form = "ftp://x" }\n',
        encoding="utf-8",
    )
    assert main(["outlets", "validate", str(bad)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{bad}:4: outlets[1].fax: unknown key")
    assert any(":7: outlets[1].letters.word_limit: 250 is not in the quoted" in x for x in lines)
    assert any(":9: outlets[1].letters.send_to.web_form: must be a web address" in x for x in lines)
    assert main(["outlets", "validate", str(tmp_path / "none.toml")]) == 1
    assert "does not exist" in capsys.readouterr().err
