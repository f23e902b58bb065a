"""Letter structures in templates/structures."""

from __future__ import annotations

from pathlib import Path

import pytest

from oped_studio.core.draft import DEFAULT_STRUCTURE, KINDS
from oped_studio.core.structures import (
    StructureError,
    bundled_structures,
    parse_structure,
    structure_for,
    structures_for_kind,
)


def test_bundled_structures_are_complete() -> None:
    structures = bundled_structures()
    assert {"letter-response", "letter-local", "oped-classic"} <= set(structures)
    for kind in KINDS:
        assert structures[DEFAULT_STRUCTURE[kind]].kind == kind
        assert structures_for_kind(kind)
    response = structures["letter-response"]
    assert [s.id for s in response.sections] == [
        "hook",
        "point",
        "evidence",
        "story",
        "ask",
        "signature",
    ]
    oped = [s.id for s in structures["oped-classic"].sections]
    assert oped[:2] == ["lede", "thesis"] and "to-be-sure" in oped and "kicker" in oped
    for structure in structures.values():
        assert abs(sum(s.share for s in structure.sections) - 1.0) < 0.011


def test_unknown_structure_falls_back_to_the_kinds_default() -> None:
    assert structure_for("no-such", "oped").id == "oped-classic"
    assert structure_for("letter-local", "lte").id == "letter-local"


GOOD_SECTION = 'id = "a"\ntitle = "A"\nprompt = "p"\nguidance = "g"\nexample = "e"\n'
HEAD = 'id = "x"\nkind = "lte"\ntitle = "X"\ndescription = "d"\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id = ", "is not valid TOML"),
        (HEAD.replace('"lte"', '"poem"') + "[[sections]]\n" + GOOD_SECTION + "share = 1\n", "kind"),
        (HEAD, "sections: needs at least one"),
        (HEAD + "[[sections]]\n" + GOOD_SECTION + "share = 0.5\n", "add up to 0.50"),
        (HEAD + "[[sections]]\n" + GOOD_SECTION + "share = 2\n", "share: must be a number"),
        (HEAD + "[[sections]]\n" + GOOD_SECTION + 'share = 1\ncolour = "red"\n', "colour"),
        (HEAD + "[[sections]]\n" + GOOD_SECTION.replace('"p"', '""') + "share = 1\n", "prompt"),
        (
            HEAD + ("[[sections]]\n" + GOOD_SECTION + "share = 0.5\n") * 2,
            "'a' is used twice",
        ),
        (HEAD + "extra = 1\n[[sections]]\n" + GOOD_SECTION + "share = 1\n", "extra"),
    ],
)
def test_bad_structure_files(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "s.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(StructureError) as info:
        parse_structure(path)
    assert str(path) in str(info.value)
    assert message in str(info.value)


def test_structure_file_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_bytes(b"title = '\xff'")
    with pytest.raises(StructureError, match="cannot be read"):
        parse_structure(path)


def test_each_structure_has_one_signoff_section() -> None:
    for structure in bundled_structures().values():
        roles = [s.role for s in structure.sections]
        assert roles.count("signoff") == 1 and roles[-1] == "signoff", structure.id


def test_unknown_role_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text(HEAD + "[[sections]]\n" + GOOD_SECTION + 'share = 1\nrole = "footer"\n')
    with pytest.raises(StructureError, match="role: must be one of body, signoff"):
        parse_structure(path)
