"""Talking-point packs: the bundled packs, every validation error, discovery and the CLI."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oped_studio.cli import main
from oped_studio.core.outlets import read_outlets_file
from oped_studio.core.packs import (
    MAX_PACK_BYTES,
    discover_packs,
    load_pack,
    pack_skeleton,
    usable_packs,
)
from oped_studio.core.paths import app_paths, bundled_dir
from oped_studio.core.tomllines import describe, key_lines

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
BUNDLED = sorted(bundled_dir("talking_points").glob("*.toml"))


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_packs_are_valid(path: Path) -> None:
    load = load_pack(path)
    assert load.problems == []
    pack = load.pack
    assert pack is not None and pack.id == path.stem
    for point in pack.points:
        assert point.facts and point.asks and point.who_can_act
        for fact in point.facts:
            source = pack.source(fact.source)
            assert source is not None, f"{point.id}: {fact.source}"
            assert source.publisher and source.date
    for counter in pack.counterarguments:
        assert all(pack.source(s) for s in counter.sources)


def test_family_separation_pack_covers_the_seeds() -> None:
    pack = usable_packs(app_paths())["family-separation"]
    assert len(pack.points) >= 8
    assert len(pack.themes()) >= 4
    facts = " ".join(f.text for p in pack.points for f in p.facts)
    for figure in (
        "2,342",  # children separated, May 5 to June 9
        "65 children a day",
        "about 2,000",
        "700 children",
        "4 million",
        "99 percent",  # Family Case Management Program court attendance
        "49 percent",  # share of federal prosecutions
        "21 Democratic attorneys general",
        "HELP Separated Children Act",
        "Keep Families Together Act",
        "DONE",
        "Obama administration",  # separations before 2018
    ):
        assert figure in facts, figure
    claims = " ".join(c.answer for c in pack.counterarguments)
    assert "Nielsen" in claims, "the administration's stated position is given"
    actors = {a for p in pack.points for a in p.who_can_act}
    assert {"Congress", "State governors"} <= actors
    assert any("Accenture" in f.text for p in pack.points for f in p.facts)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'"))


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are in ../shared/seeds")
def test_pack_paraphrases_and_never_copies_a_seed_sentence() -> None:
    """No run of 8 words from any seed appears in the pack's own text (titles aside)."""
    run = 8
    seen: set[tuple[str, ...]] = set()
    for seed in SEEDS.glob("*.txt"):
        words = _words(seed.read_text(encoding="utf-8"))
        seen.update(tuple(words[i : i + run]) for i in range(len(words) - run + 1))
    pack = usable_packs(app_paths())["family-separation"]
    copied = []
    for text in pack.text_corpus():
        words = _words(text)
        copied += [
            " ".join(words[i : i + run])
            for i in range(len(words) - run + 1)
            if tuple(words[i : i + run]) in seen
        ]
    assert copied == []


def test_local_pack_is_on_another_topic() -> None:
    pack = usable_packs(app_paths())["pacific-grove-library"]
    assert "library" in pack.title.lower()
    assert len(pack.points) >= 3 and len(pack.themes()) >= 2
    assert all(s.url.startswith("http") for s in pack.sources)


# -- validation ------------------------------------------------------------------------------

GOOD = """id = "bus-12"
title = "Save the number 12 bus"
summary = "Why the route matters."
language = "en"
version = "1.0"
updated = 2024-05-01
author = "Riders Union"
license = "CC-BY-4.0"

[[sources]]
id = "agency-report"
title = "Ridership report"
publisher = "County Transit"
date = "2024-03"

[[points]]
id = "riders"
theme = "Who rides"
headline = "Night workers depend on it"
explanation = "It is the only late route."
asks = ["Keep the evening service."]
who_can_act = ["Transit board"]

[[points.facts]]
text = "The route is among the busiest."
source = "agency-report"
as_of = "2024-03"
"""


def write(tmp_path: Path, text: str, name: str = "pack.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    return [str(p) for p in load_pack(path).problems]


def test_minimal_pack_is_valid(tmp_path: Path) -> None:
    load = load_pack(write(tmp_path, GOOD))
    assert load.ok, load.problems
    assert load.pack.points[0].facts[0].source == "agency-report"


@pytest.mark.parametrize(
    ("change", "line", "field", "message"),
    [
        (
            ('headline = "Night', 'headlin = "Night'),
            19,
            "points[1].headlin",
            "did you mean 'headline'?",
        ),
        (('headline = "Night', 'headlin = "Night'), 16, "points[1].headline", "missing"),
        (('publisher = "County Transit"\n', ""), 10, "sources[1].publisher", "missing"),
        (
            ('source = "agency-report"', 'source = "agency-reprot"'),
            26,
            "points[1].facts[1].source",
            "no source has the id 'agency-reprot'",
        ),
        (('date = "2024-03"', 'date = "03/2024"'), 14, "sources[1].date", "is not a date"),
        (('date = "2024-03"', 'date = "2024-02-30"'), 14, "sources[1].date", "not a real date"),
        (
            ('as_of = "2024-03"', 'as_of = "2999-01-01"'),
            27,
            "points[1].facts[1].as_of",
            "is in the future",
        ),
        (("updated = 2024-05-01", 'updated = "2024"'), 6, "updated", "needs a day too"),
        (('id = "bus-12"', 'id = "Bus 12"'), 1, "id", "not a valid id"),
        (('title = "Save the number 12 bus"', "title = 12"), 2, "title", "must be text in quotes"),
        (
            ('asks = ["Keep the evening service."]', 'asks = "Keep it"'),
            21,
            "points[1].asks",
            "must be a list of texts",
        ),
        (('language = "en"', 'language = "english!"'), 4, "language", "not a language code"),
        (
            ('license = "CC-BY-4.0"', 'license = "CC-BY-4.0"\ncolour = "red"'),
            9,
            "colour",
            "unknown key 'colour'",
        ),
    ],
)
def test_each_problem_names_line_field_and_fix(
    tmp_path: Path, change: tuple[str, str], line: int, field: str, message: str
) -> None:
    old, new = change
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    found = problems_of(path)
    expected = f"{path}:{line}: {field}: "
    assert any(p.startswith(expected) and message in p for p in found), found


def test_duplicate_ids(tmp_path: Path) -> None:
    extra_point = GOOD[GOOD.index("[[points]]") :]
    extra_source = (
        '\n[[sources]]\nid = "agency-report"\ntitle = "T"\npublisher = "P"\ndate = "2024"\n'
    )
    path = write(tmp_path, GOOD + "\n" + extra_point + extra_source)
    found = problems_of(path)
    assert any("the point id 'riders' is used twice (first on line 17)" in p for p in found)
    assert any("the source id 'agency-report' is used twice (first on line 11)" in p for p in found)


def test_missing_sections(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD[: GOOD.index("[[sources]]")])
    found = problems_of(path)
    assert any("no [[sources]] entries" in p for p in found)
    assert any("no [[points]] entries" in p for p in found)


def test_point_without_facts(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD[: GOOD.index("[[points.facts]]")])
    assert any("points[1].facts: no [[points.facts]] entries" in p for p in problems_of(path))


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        (b'id = "x"\ntitle = "caf\xe9"\n', 2, "is not UTF-8 text"),
        (b'id = "x"\ntitle = "unclosed\n', 2, "is not valid TOML"),
        (b'id = "x"\n[[points]\n', 2, "is not valid TOML"),
        (b"", 1, "no [[sources]] entries"),
    ],
)
def test_unreadable_files(tmp_path: Path, content: bytes, line: int, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(content)
    found = problems_of(path)
    assert any(p.startswith(f"{path}:{line}:") and message in p for p in found), found


def test_too_large_file(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD + "# padding\n" * (MAX_PACK_BYTES // 10 + 1))
    [problem] = problems_of(path)
    assert "may be at most" in problem


def test_folder_pack(tmp_path: Path) -> None:
    folder = tmp_path / "bus"
    folder.mkdir()
    assert "needs a pack.toml" in problems_of(folder)[0]
    write(folder, GOOD)
    assert load_pack(folder).ok


def test_broken_pack_never_stops_the_others(tmp_path: Path) -> None:
    packs = app_paths().packs
    packs.mkdir(parents=True)
    write(packs, GOOD, "bus.toml")
    write(packs, "not = [toml", "broken.toml")
    write(packs, GOOD.replace('id = "bus-12"', 'id = "family-separation"'), "override.toml")
    loads = {ld.path.name: ld for ld in discover_packs(app_paths())}
    assert loads["bus.toml"].ok
    assert not loads["broken.toml"].ok and loads["broken.toml"].pack is None
    assert loads["override.toml"].origin == "user"
    assert "family-separation.toml" not in loads, "a user pack replaces the bundled one"
    assert "pacific-grove-library.toml" in loads
    assert usable_packs(app_paths())["family-separation"].title == "Save the number 12 bus"


def test_skeleton_lists_what_is_left_then_validates(tmp_path: Path) -> None:
    path = write(tmp_path, pack_skeleton("bus-12"), "bus-12.toml")
    found = problems_of(path)
    assert len(found) > 10
    assert all(": " in p for p in found)
    filled = re.sub(r'= ""', '= "filled in"', pack_skeleton("bus-12"))
    filled = filled.replace('[""]', '["filled in"]').replace('    "",', '    "filled in",')
    filled = filled.replace('date = "filled in"', 'date = "2024-01"')
    filled = filled.replace('as_of = "filled in"', 'as_of = "2024-01"')
    filled = filled.replace('url = "filled in"', 'url = "https://example.org/report"')
    path.write_text(filled, encoding="utf-8")
    assert problems_of(path) == []


# -- line finder -----------------------------------------------------------------------------


def test_key_lines_skip_multiline_strings_and_arrays() -> None:
    text = '''title = """
fake = "not a key"
"""
hooks = [
  "a = b",
]
[[points]]
id = "one"
[[points.facts]]
text = "x"
[[points]]
id = "two"
[[points.facts]]
text = "y"
[[points.facts]]
"text" = "z"
[framing]
do = ["x"]
'''
    lines = key_lines(text)
    assert ("fake",) not in lines
    assert lines[("hooks",)] == 4
    assert lines[("points", 1, "id")] == 12
    assert lines[("points", 1, "facts", 1, "text")] == 16
    assert lines[("points", 0, "facts", 0, "text")] == 10
    assert lines[("framing", "do")] == 18
    assert describe(("points", 1, "facts", 0, "source")) == "points[2].facts[1].source"


# -- CLI ---------------------------------------------------------------------------------------


def test_cli_packs_list(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["packs", "list"]) == 0
    out = capsys.readouterr().out
    assert "family-separation" in out and "ok" in out
    assert main(["packs", "list", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["id"] for r in rows} >= {"family-separation", "pacific-grove-library"}


def test_cli_packs_validate(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    good = write(tmp_path, GOOD, "good.toml")
    bad = write(tmp_path, GOOD.replace("headline", "headlin", 1), "bad.toml")
    assert main(["packs", "validate", str(good)]) == 0
    assert "ok: 1 points in 1 themes" in capsys.readouterr().out
    assert main(["packs", "validate", str(good), str(bad)]) == 1
    out = capsys.readouterr().out
    assert f"{bad}:19: points[1].headlin: unknown key 'headlin'; did you mean 'headline'?" in out
    assert main(["packs", "validate", str(tmp_path / "nope.toml")]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert main(["packs", "validate", *map(str, BUNDLED)]) == 0


def test_cli_packs_new(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["packs", "new", "bus-12"]) == 0
    target = app_paths().packs / "bus-12.toml"
    assert target.exists() and "Wrote" in capsys.readouterr().out
    assert main(["packs", "new", "bus-12"]) == 2
    assert "already a pack with the id 'bus-12'" in capsys.readouterr().err
    assert main(["packs", "new", "Bad Id"]) == 2
    assert "not a valid pack id" in capsys.readouterr().err
    out = tmp_path / "elsewhere.toml"
    assert main(["packs", "new", "x", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8").startswith("# A talking-point pack")


def test_the_example_in_the_docs_is_a_valid_pack(tmp_path: Path) -> None:
    doc = (ROOT / "docs" / "packs.md").read_text(encoding="utf-8")
    example = doc.split("## A complete example", 1)[1].split("```toml\n", 1)[1].split("```", 1)[0]
    load = load_pack(write(tmp_path, example, "bus.toml"))
    assert load.ok, load.problems


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.one_of(st.binary(max_size=3000), st.text(max_size=3000).map(str.encode)))
def test_no_file_content_crashes_the_loaders(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "fuzz.toml"
    path.write_bytes(content)
    load = load_pack(path)
    assert load.pack is not None or load.problems
    read_outlets_file(path, "user")
    key_lines(content.decode("utf-8", "replace"))


#: Lines that write no key or table: ends of multi-line strings and arrays, comments.
_WRITES_NO_KEY = ('"""', "]", "'''", "# comment")


@settings(max_examples=100)
@given(
    st.lists(
        st.sampled_from(
            [
                "[[points]]",
                "[[points.facts]]",
                "[framing]",
                'id = "x"',
                'a = """',
                '"""',
                "b = [",
                "]",
                "c = { d = 1 }",
                "'''",
                'text = "a # b"',
                "# comment",
                '"q.k" = 1',
            ]
        ),
        max_size=40,
    )
)
def test_key_lines_never_fail_on_toml_like_text(lines: list[str]) -> None:
    text = "\n".join(lines)
    found = key_lines(text)
    for path, number in found.items():
        # Every key and table points at a line that writes it.
        assert 1 <= number <= len(lines), (path, number)
        line = lines[number - 1]
        last_key = next(part for part in reversed(path) if isinstance(part, str))
        assert last_key in line and line not in _WRITES_NO_KEY, (path, number, lines)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return
    assert set(data) <= {path[0] for path in found}, "every top-level key has its line"
    for path in found:  # and nothing inside a string or an array passes for a key
        value = data
        for part in path:
            assert part in value if isinstance(part, str) else part < len(value), (path, lines)
            value = value[part]
