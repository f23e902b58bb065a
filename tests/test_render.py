"""Rendering a draft into its letter's text through sandboxed Jinja2 templates."""

from __future__ import annotations

from pathlib import Path

import pytest

from oped_studio.core.draft import Author, Draft
from oped_studio.core.outlets import load_directory
from oped_studio.core.paths import app_paths
from oped_studio.core.render import (
    TemplateError,
    render_text,
    template_context,
)
from oped_studio.core.structures import bundled_structures


@pytest.mark.parametrize("structure_id", sorted(bundled_structures()))
def test_every_structure_renders(structure_id: str) -> None:
    structure = bundled_structures()[structure_id]
    draft = Draft(
        kind=structure.kind,
        structure_id=structure_id,
        title="A title",
        author=Author(name="Zoë Müller", city_state="Springfield, IL"),
        sections={s.id: f"Text of {s.id}." for s in structure.sections},
    )
    text = render_text(draft, load_directory(app_paths()).get("nyt"))
    body = [s for s in structure.sections if s.role == "body"]
    signoff = [s for s in structure.sections if s.role == "signoff"]
    positions = [text.index(f"Text of {s.id}.") for s in body]
    assert positions == sorted(positions), "sections in the structure's order"
    assert text.index(f"Text of {signoff[0].id}.") > positions[-1]
    assert text.rstrip().endswith("Zoë Müller\nSpringfield, IL"), "contact block last"
    assert "\n\n\n" not in text
    if structure.kind == "oped":
        assert text.startswith("A title\n\nBy Zoë Müller\n\n")


def test_letter_without_signature_is_signed_from_the_contact_block() -> None:
    draft = Draft(
        sections={"hook": "Hook.", "point": "Point."},
        author=Author(name="Sam Carter", city_state="Riverside, CA"),
        disclosure="I work for the transit agency.",
    )
    assert render_text(draft) == (
        "Hook.\n\nPoint.\n\nSam Carter, Riverside, CA\n\n"
        "Disclosure: I work for the transit agency.\n\nSam Carter\nRiverside, CA\n"
    )


def test_text_of_other_sections_is_kept() -> None:
    draft = Draft(kind="oped", sections={"hook": "From the letter.", "lede": "Lede."})
    text = render_text(draft)
    assert "Lede." in text and "From the letter." in text


def test_context_holds_only_plain_data(sample_draft: Draft) -> None:
    def plain(value: object) -> bool:
        if isinstance(value, dict):
            return all(isinstance(k, str) and plain(v) for k, v in value.items())
        if isinstance(value, list):
            return all(plain(v) for v in value)
        return value is None or isinstance(value, str | int | bool)

    assert plain(template_context(sample_draft, load_directory(app_paths()).get("nyt")))


def _user_template(text: str) -> Path:
    folder = app_paths().templates
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "lte.letter.j2"
    path.write_text(text, encoding="utf-8")
    return path


def test_user_template_overrides_bundled(sample_draft: Draft) -> None:
    _user_template("body: {{ author.name | upper }} writes about {{ article.headline }}.")
    assert (
        render_text(sample_draft, templates=app_paths().templates)
        == "ZOË MÜLLER writes about Families Divided at the Border.\n"
    )


def test_template_output_must_name_a_role(sample_draft: Draft) -> None:
    path = _user_template("body: fine\nfooter: not a role")
    with pytest.raises(TemplateError, match="output line 2 must start with one of"):
        render_text(sample_draft, templates=app_paths().templates)
    assert path.exists()


@pytest.mark.parametrize(
    ("template", "line", "message"),
    [
        ("ok\n{{ ''.__class__.__mro__ }}", 2, "refused"),
        ("{{ cycler.__init__.__globals__ }}", 1, "refused"),
        ("{{ joiner.__init__.__globals__.os }}", 1, "refused"),
        ("{{ body.__class__.__subclasses__() }}", 1, "refused"),
        ("one\ntwo\n{% for x in %}", 3, "Expected an expression"),
        ("one\n{{ no_such_value }}", 2, "'no_such_value' is undefined"),
        ("{{ author.nickname }}", 1, "has no attribute 'nickname'"),
        ("{{ range(10**9) | list }}", 1, "the number 1e+09 is not allowed"),
        ("{{ 1 / 0 }}", 1, "division by zero"),
        ("a\n{{ 'x' * 10**9 }}", 2, "refused"),
        ("{{ 'ab' * 999999 }}", 1, "refused"),
        ("{{ 2 ** 100000 }}", 1, "refused"),
        ("{{ [1, 2] * 10**7 }}", 1, "refused"),
        ("{% include '../../../../etc/passwd' %}", 1, "etc/passwd"),
        ("{% include '/etc/passwd' %}", 1, "etc/passwd"),
    ],
)
def test_bad_templates_are_reported_with_file_and_line(
    sample_draft: Draft, template: str, line: int, message: str
) -> None:
    path = _user_template(template)
    with pytest.raises(TemplateError) as info:
        render_text(sample_draft, templates=app_paths().templates)
    assert str(info.value).startswith(f"{path}:{line}:")
    assert message in str(info.value)


@pytest.mark.parametrize(
    "loop",
    [
        "{% for a in range(99999) %}{% for b in range(99999) %}{% endfor %}{% endfor %}",
        "{% for a in range(99999) %}{% for b in range(99999) %}{{ b }}{% endfor %}{% endfor %}",
        "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
    ],
)
def test_a_template_that_runs_for_ever_is_stopped(
    sample_draft: Draft, loop: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from oped_studio.core import render

    monkeypatch.setattr(render, "TIME_LIMIT", 0.5)
    path = _user_template("first line\n" + loop)
    with pytest.raises(TemplateError) as info:
        render_text(sample_draft, templates=app_paths().templates)
    message = str(info.value)
    assert message.startswith(f"{path}:")
    assert "stopped" in message or "recursion" in message


def test_template_code_in_the_letter_is_never_run(sample_draft: Draft) -> None:
    sample_draft.sections["hook"] = "{{ 7 * 7 }} {% for x in range(3) %}x{% endfor %} {#"
    sample_draft.title = "{{ ''.__class__ }}"
    text = render_text(sample_draft, templates=app_paths().templates)
    assert "{{ 7 * 7 }} {% for x in range(3) %}x{% endfor %} {#" in text
    assert "49" not in text and "xxx" not in text


def test_template_not_utf8(sample_draft: Draft) -> None:
    path = _user_template("x")
    path.write_bytes(b"caf\xe9 {{ title }}")
    with pytest.raises(TemplateError, match="not UTF-8"):
        render_text(sample_draft, templates=app_paths().templates)
