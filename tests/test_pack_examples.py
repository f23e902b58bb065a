"""A pack's examples for the Write step's sections, and the points its critics answer: the
bundled packs' examples, parsing, every problem a hand-written table can have, and kits."""

from __future__ import annotations

import dataclasses
import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oped_studio.core.kits import validate_kit
from oped_studio.core.packs import (
    MAX_EXAMPLE_CHARS,
    CounterArgument,
    Pack,
    load_pack,
    pack_skeleton,
    parse_pack,
    usable_packs,
)
from oped_studio.core.paths import app_paths, bundled_dir
from oped_studio.core.structures import bundled_structures
from oped_studio.core.validation import HIDDEN_RE, Checker
from tests.test_kits import manifest_bytes, raw_kit
from tests.test_packs import GOOD, problems_of, write

BUNDLED_PACKS = ("family-separation", "pacific-grove-library")


def bundled(pack_id: str) -> Pack:
    return usable_packs(app_paths())[pack_id]


# -- the bundled packs' examples -------------------------------------------------------------


@pytest.mark.parametrize("pack_id", BUNDLED_PACKS)
def test_bundled_packs_give_an_example_for_every_body_section(pack_id: str) -> None:
    pack = bundled(pack_id)
    for structure in bundled_structures().values():
        for section in structure.sections:
            example = pack.example(structure.id, section.id)
            if section.role == "body":
                assert example and example != section.example, (structure.id, section.id)
            else:  # a signature or author line is no place for the pack's topic
                assert example == "", (structure.id, section.id)
    hooks = {pack.example(s, "hook") for s in ("letter-response", "letter-local")}
    assert len(hooks) == 2, "answering an article and a local news hook open differently"


def _numbers(text: str) -> set[str]:
    return set(re.findall(r"\d+(?:[.,]\d+)*", text))


def _names(text: str) -> set[str]:
    """Capitalized words that do not start a sentence ("I" aside)."""
    found = set()
    for sentence in re.split(r"(?<=[.;:!?])\s+", text):
        words = re.findall(r"[A-Za-z][\w'’.-]*", sentence)
        found |= {w.rstrip(".") for w in words[1:] if w[0].isupper() and w != "I"}
    return found


@pytest.mark.parametrize("pack_id", BUNDLED_PACKS)
def test_bundled_examples_claim_nothing_the_packs_facts_do_not(pack_id: str) -> None:
    """Every figure in an example is a figure of the pack's facts, and every name is in its
    facts or sources: an example never brings in a new number, date or name."""
    pack = bundled(pack_id)
    facts = " ".join(f.text for p in pack.points for f in p.facts)
    sources = " ".join(f"{s.title} {s.publisher} {s.note}" for s in pack.sources)
    for example in pack.examples:
        assert _numbers(example.text) <= _numbers(facts), example
        missing = {n for n in _names(example.text) if n not in facts + sources}
        assert not missing, (example.section, missing)
        # Short: about the length of the structures' own examples (at most 22 words).
        assert len(example.text.split()) <= 30, example


# -- parsing -------------------------------------------------------------------------------

EXAMPLES = """
[[counterarguments]]
claim = "It costs too much."
answer = "It costs less than the alternative."
points = ["riders"]

[examples]
evidence = "The county's own report counts the route among its busiest."
hook = "Any structure's hook."

[examples.letter-response]
hook = "Your story on the bus schedule left out the night workers."
"""


def test_examples_and_the_points_critics_answer_are_read(tmp_path: Path) -> None:
    load = load_pack(write(tmp_path, GOOD + EXAMPLES))
    assert load.ok, load.problems
    pack = load.pack
    assert pack.example("letter-local", "evidence").startswith("The county's own report")
    assert pack.example("oped-classic", "evidence") == pack.example("letter-local", "evidence")
    assert pack.example("letter-response", "hook").startswith("Your story"), "its own first"
    assert pack.example("letter-local", "hook") == "Any structure's hook."
    assert pack.example("oped-classic", "lede") == ""
    assert pack.counterarguments[0].points == ("riders",)
    assert "Your story on the bus schedule left out the night workers." in pack.text_corpus()


def test_a_pack_without_examples_loads_as_before(tmp_path: Path) -> None:
    load = load_pack(write(tmp_path, GOOD))
    assert load.ok
    assert load.pack.examples == ()
    assert load.pack.example("letter-response", "evidence") == ""


def test_critics_for_the_chosen_points() -> None:
    pack = bundled("family-separation")
    everyone = pack.counterarguments
    assert pack.counterarguments_for([]) == everyone, "no point chosen: all of them"
    tied = pack.counterarguments_for(["alternatives-work"])
    assert 0 < len(tied) < len(everyone)
    assert all("alternatives-work" in c.points or not c.points for c in tied)
    assert pack.counterarguments_for(["companies"]) == (), "none answers it (the page says so)"
    whole_issue = CounterArgument(claim="A critic of the whole issue.", answer="An answer.")
    general = dataclasses.replace(pack, counterarguments=(*everyone, whole_issue))
    assert general.counterarguments_for(["companies"]) == (whole_issue,), "tied to no point"


# -- every problem, with its line ------------------------------------------------------------


@pytest.mark.parametrize(
    ("tail", "marker", "field", "message"),
    [
        (
            '[examples]\nevidnce = "x"\n',
            "evidnce",
            "examples.evidnce",
            "no structure has a section 'evidnce'; did you mean 'evidence'?",
        ),
        (
            '[examples]\nzzz = "x"\n',
            "zzz",
            "examples.zzz",
            "the sections are: argument-1, argument-2",
        ),
        (
            '[examples.letter-locale]\nhook = "x"\n',
            "[examples.letter-locale]",
            "examples.letter-locale",
            "no structure has the id 'letter-locale'; did you mean 'letter-local'?",
        ),
        (
            '[examples.letter-local]\nlede = "x"\n',
            "lede",
            "examples.letter-local.lede",
            "'letter-local' has no section 'lede'; its sections are: hook, point",
        ),
        (
            '[examples]\nletter-local = "x"\n',
            "letter-local =",
            "examples.letter-local",
            "'letter-local' is a structure: give its sections' examples under "
            "[examples.letter-local]",
        ),
        (
            '[examples.hook]\ntext = "x"\n',
            "[examples.hook]",
            "examples.hook",
            "'hook' is a section: write hook = \"its example\" under [examples]",
        ),
        ('examples = "x"\n', "examples =", "examples", "must be a table"),
        ("examples = [1, 2]\n", "examples =", "examples", "must be a table"),
        ("[examples]\nevidence = 5\n", "evidence", "examples.evidence", "must be text in quotes"),
        ('[examples]\nevidence = ["a"]\n', "evidence", "examples.evidence", "must be text"),
        ("[examples]\nevidence = true\n", "evidence", "examples.evidence", "must be text"),
        (
            '[examples.letter-local]\nhook = { text = "x" }\n',
            "hook",
            "examples.letter-local.hook",
            "must be text in quotes",
        ),
        ('[examples]\nevidence = "  "\n', "evidence", "examples.evidence", "is empty"),
        (
            f'[examples]\nevidence = "{"x" * 5000}"\n',
            "evidence",
            "examples.evidence",
            f"is 5,000 characters long; keep it under {MAX_EXAMPLE_CHARS}",
        ),
        (
            '[examples]\nevidence = "a\\u0007b"\n',
            "evidence",
            "examples.evidence",
            "invisible control character (U+0007) at character 2",
        ),
        (
            '[examples]\nevidence = "abc\\u202Eevil"\n',
            "evidence",
            "examples.evidence",
            "(U+202E) at character 4",
        ),
        ('[examples]\nstory = "\\u0000"\n', "story", "examples.story", "(U+0000)"),
        (
            '[[counterarguments]]\nclaim = "c"\nanswer = "a"\npoints = ["ridres"]\n',
            "points",
            "counterarguments[1].points",
            "no point has the id 'ridres'; did you mean 'riders'?",
        ),
        (
            '[[counterarguments]]\nclaim = "c"\nanswer = "a"\npoints = "riders"\n',
            "points",
            "counterarguments[1].points",
            "must be a list of texts",
        ),
    ],
)
def test_each_example_problem_names_line_field_and_fix(
    tmp_path: Path, tail: str, marker: str, field: str, message: str
) -> None:
    # A top-level key goes above the first table; a table at the end.
    text = tail + GOOD if tail.startswith("examples =") else GOOD + "\n" + tail
    line = text[: text.index(marker, text.index(tail))].count("\n") + 1
    path = write(tmp_path, text)
    found = problems_of(path)
    expected = f"{path}:{line}: {field}: "
    assert any(p.startswith(expected) and message in p for p in found), found
    assert load_pack(path).pack is not None, "a bad example never stops the pack being read"


_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=700),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=12,
)
_KEYS = st.sampled_from(["hook", "evidence", "to-be-sure", "letter-local", "oped-classic", "x"])


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(examples=_VALUES | st.dictionaries(_KEYS | st.text(max_size=8), _VALUES, max_size=5))
def test_no_examples_table_crashes_the_parser(examples: object) -> None:
    data = tomllib.loads(GOOD)
    data["examples"] = examples
    checker = Checker(Path("fuzz.toml"))
    pack = parse_pack(data, checker)
    for example in pack.examples:
        assert isinstance(example.text, str) and example.text.strip()
        assert not HIDDEN_RE.search(example.text)
    structures = bundled_structures()
    known = {(s.id, x.id) for s in structures.values() for x in s.sections}
    for example in pack.examples:
        assert example.structure == "" or (example.structure, example.section) in known


def test_the_skeleton_shows_the_optional_fields_commented(tmp_path: Path) -> None:
    skeleton = pack_skeleton("bus-12")
    assert "# points = [" in skeleton
    commented = skeleton.split("# [examples]", 1)[1]
    lines = [line.removeprefix("# ") for line in commented.strip().splitlines()]
    tail = "\n[examples]\n" + "\n".join(lines).replace('""', '"A model sentence."') + "\n"
    load = load_pack(write(tmp_path, GOOD + tail))
    assert load.ok, load.problems
    assert {e.section for e in load.pack.examples} == {"evidence", "to-be-sure"}


# -- kits ------------------------------------------------------------------------------------


def test_a_kit_pack_may_give_examples_for_the_kits_own_structure(tmp_path: Path) -> None:
    source = bundled_dir("templates") / "structures" / "letter-local.toml"
    structure = source.read_text().replace('id = "letter-local"', 'id = "kit-letter"', 1)
    pack = GOOD + '\n[examples.kit-letter]\nhook = "On Thursday the transit board votes."\n'
    # (test_kits' manifest is changed by the kits built from it: set its packs here)
    manifest = re.sub(rb"(?m)^packs = .*$", b'packs = ["bus-12"]', manifest_bytes())
    entries = [("manifest.toml", manifest), ("structures/kit-letter.toml", structure.encode())]
    good = raw_kit(tmp_path, [*entries, ("packs/bus-12.toml", pack.encode())], name="a.opedkit")
    assert [str(p) for p in validate_kit(good, app_paths())] == []
    wrong = pack.replace("[examples.kit-letter]", "[examples.kit-leter]")
    bad = raw_kit(tmp_path, [*entries, ("packs/bus-12.toml", wrong.encode())], name="b.opedkit")
    [problem] = [str(p) for p in validate_kit(bad, app_paths())]
    assert "packs/bus-12.toml:" in problem and "did you mean 'kit-letter'?" in problem
