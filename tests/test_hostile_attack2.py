"""Issue 14, the second attack run: what got past the fixes of the 18 items.

Each test here failed before its fix: a reader that goes away mid-output, names with a
trailing line break, control characters in a kit's pack, line breaks in a draft's title,
and template memory bombs the first guards did not see.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


# -- the command line ----------------------------------------------------------------------------


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    """`oped-studio outlets search a | head -1`: the pipe closes before the output is written."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "oped_studio", "--data-dir", str(tmp_path), "outlets"]
    process = subprocess.Popen(
        [*command, "search", "a"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the reader is gone before the first line is printed
    errors = process.stderr.read().decode()
    status = process.wait(timeout=30)
    assert "Traceback" not in errors and "BrokenPipeError" not in errors
    assert status == 141


# -- ids and names with a trailing line break ("$" matches before a final "\n") -------------------


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    from oped_studio.cli import main

    try:
        status = main(list(args))
    except SystemExit as exc:
        status = int(exc.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def test_packs_new_and_outlets_add_refuse_an_id_ending_in_a_line_break(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    status, _out, err = _cli(capsys, "--data-dir", str(data), "packs", "new", "mine\n")
    assert status == 2 and "mine" in err
    assert not (data / "packs").exists() or not any((data / "packs").iterdir())
    status, _out, _err = _cli(
        capsys, "--data-dir", str(data), "outlets", "add", "paper\n", "--name", "P"
    )
    assert status == 2
    assert not (data / "outlets.toml").exists()


@pytest.mark.parametrize("field", ["id", "pack_id", "outlet_id"])
def test_a_draft_whose_id_ends_in_a_line_break_is_refused(tmp_path: Path, field: str) -> None:
    import json

    from oped_studio.core.errors import DraftFileError
    from oped_studio.core.storage import load_draft
    from tests.helpers import FIXTURES

    data = json.loads((FIXTURES / "drafts" / "format-2.oped").read_text(encoding="utf-8"))
    data[field] = "family-separation\n"
    path = tmp_path / "odd.oped"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DraftFileError, match=f"'{field}'"):
        load_draft(path)


def test_a_kit_entry_named_with_a_trailing_line_break_is_refused(tmp_path: Path) -> None:
    import zipfile

    from oped_studio.core.kits import KitError, read_entries

    kit = tmp_path / "odd.opedkit"
    with zipfile.ZipFile(kit, "w") as archive:
        archive.writestr("manifest.toml", 'format = "oped-studio-kit"\n')
        archive.writestr("packs/a.toml\n", 'id = "a"\n')
    with pytest.raises(KitError, match="unexpected file"):
        read_entries(kit)


# -- a kit's pack holding control characters or a title of two lines -------------------------------


def _kit_with_pack_text(tmp_path: Path, change: tuple[str, str]) -> Path:
    """A kit built as facilitators build one, then its pack edited by hand inside the zip."""
    import zipfile

    from oped_studio.core.kits import Manifest, build_kit
    from oped_studio.core.paths import app_paths, bundled_dir

    pack = bundled_dir("talking_points") / "pacific-grove-library.toml"
    built = build_kit(
        tmp_path / "night",
        Manifest(id="night", title="Night", outlets=["la-times"]),
        pack_files={"pacific-grove-library": pack},
        paths=app_paths(),
    )
    with zipfile.ZipFile(built) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    name = "packs/pacific-grove-library.toml"
    text = files[name].decode()
    assert change[0] in text
    files[name] = text.replace(change[0], change[1], 1).encode()
    edited = tmp_path / "edited.opedkit"
    with zipfile.ZipFile(edited, "w") as archive:
        for entry, data in files.items():
            archive.writestr(entry, data)
    return edited


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (('title = "', 'title = "A\\u0000 '), "title: has an invisible control character (U+0000)"),
        (('title = "', 'title = "Two\\nlines '), "title: holds a line break"),
        (('headline = "', 'headline = "A\\nB '), "headline: holds a line break"),
        (('text = "', 'text = "\\u0007'), "text: has an invisible control character (U+0007)"),
        (('asks = [\n    "', 'asks = [\n    "\\u0000'), "asks: an entry has an invisible control"),
    ],
)
def test_a_kits_pack_with_control_characters_is_refused_by_kit_validate(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    from oped_studio.core.kits import validate_kit
    from oped_studio.core.paths import app_paths

    problems = [str(p) for p in validate_kit(_kit_with_pack_text(tmp_path, change), app_paths())]
    assert any(expected in p for p in problems), problems


def test_kit_handouts_of_such_a_kit_say_why_instead_of_a_traceback(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    kit = _kit_with_pack_text(tmp_path, ('title = "', 'title = "A\\u0000 '))
    status, _out, err = _cli(capsys, "kit", "handouts", "--out", str(tmp_path / "h"), str(kit))
    assert status == 2 and "U+0000" in err
    assert not (tmp_path / "h").exists()


# -- a draft's title, headline or file name with a line break ------------------------------------

BROKEN_TITLE = "Hello\nfake.oped: cannot be opened \u202eevil\x00"


def _odd_draft(folder: Path, name: str = "odd.oped") -> Path:
    import json

    from tests.helpers import FIXTURES

    data = json.loads((FIXTURES / "drafts" / "format-2.oped").read_text(encoding="utf-8"))
    data["title"] = BROKEN_TITLE
    data["article"]["headline"] = "Head\r\nline"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_drafts_list_and_info_show_each_draft_on_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    _odd_draft(data / "drafts")
    _odd_draft(data / "drafts", "evil\nname.oped")
    (data / "drafts" / "bad\nname.oped").write_text("{", encoding="utf-8")
    status, out, _err = _cli(capsys, "--data-dir", str(data), "drafts", "list")
    assert status == 0
    lines = out.splitlines()
    assert len(lines) == 3, out
    assert "Hello fake.oped: cannot be opened evil" in lines[0]
    assert "\u202e" not in out and "\x00" not in out
    assert any("'evil\\nname.oped'" in line for line in lines)
    assert any(line.startswith("'bad\\nname.oped': cannot be opened") for line in lines)
    status, out, _err = _cli(capsys, "--data-dir", str(data), "info", str(data / "drafts/odd.oped"))
    assert status == 0 and "Answers:     Head line\n" in out
    assert "Title:       Hello fake.oped: cannot be opened evil\n" in out


def test_the_submission_log_keeps_a_title_on_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    draft = _odd_draft(tmp_path)
    args = ("--data-dir", str(data), "submissions")
    status, _out, _err = _cli(
        capsys, *args, "add", str(draft), "--outlet", "nyt", "--on", "2018-06-22"
    )
    assert status == 0
    status, out, _err = _cli(capsys, *args, "list")
    assert status == 0 and len(out.strip().splitlines()) == 1, out
    log = data / "submissions.json"
    assert "Hello fake" in log.read_text(encoding="utf-8")  # then broken by hand:
    log.write_text(log.read_text(encoding="utf-8").replace("Hello fake", "Hello\\nfake"), "utf-8")
    status, out, _err = _cli(capsys, *args, "list")
    assert status == 0 and len(out.strip().splitlines()) == 1, out


# -- template memory bombs the first guards did not see --------------------------------------------
# Each would make 3 million characters or more here (a real run asked for 24 GB); the sizes are
# kept small so that the test stays quick (and harmless) even before the fix.

BIG = "{% set b = 'x' * 999999 %}"
BOMBS = {
    "~ doubling": "{% set n = namespace(s='x') %}{% for i in range(22) %}"
    "{% set n.s = n.s ~ n.s %}{% endfor %}{{ n.s|length }}",
    "+ doubling": "{% set n = namespace(s='x') %}{% for i in range(22) %}"
    "{% set n.s = n.s + n.s %}{% endfor %}{{ n.s|length }}",
    "a list + doubling": "{% set n = namespace(s=['x']) %}{% for i in range(22) %}"
    "{% set n.s = n.s + n.s %}{% endfor %}{{ n.s|length }}",
    "a loop printing": BIG + "{% for i in range(3) %}{{ b }}{% endfor %}",
    "% with many values": BIG + "{{ ('%s' * 3) % (b, b, b) }}",
    "% repeating one value": BIG + "{{ ('%(a)s' * 3) % {'a': b} }}",
    "format repeating": BIG + "{{ ('{0}' * 3).format(b)|length }}",
    "the format filter": BIG + "{{ ('%s%s%s')|format(b, b, b)|length }}",
    "printing a list": BIG + "{{ [b, b, b] }}",
    "a list as a string": BIG + "{{ [b, b, b]|string|length }}",
    "a list repeated": BIG + "{{ ([b] * 3)|length }}",
    "indent": "{{ ('\\n' * 3000)|indent(1000, blank=True)|length }}",
    "expandtabs": "{{ ('\\t' * 3000).expandtabs(1000)|length }}",
    "translate": BIG + "{{ 'xxx'.translate({120: b})|length }}",
    "wordwrap": "{{ ('x ' * 100000)|wordwrap(1, wrapstring='y' * 30)|length }}",
}


@pytest.mark.parametrize("source", BOMBS.values(), ids=BOMBS.keys())
def test_template_bombs_the_first_guards_missed_are_refused(tmp_path: Path, source: str) -> None:
    from oped_studio.core.paths import app_paths
    from oped_studio.core.render import TemplateError, render_text
    from oped_studio.core.storage import load_draft
    from tests.helpers import FIXTURES

    draft = load_draft(FIXTURES / "drafts" / "format-2.oped").draft
    folder = app_paths().templates
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "lte.letter.j2").write_text(source, encoding="utf-8")
    with pytest.raises(
        TemplateError, match=r"lte\.letter\.j2(:1)?: (refused|stopped): .*(large|more than)"
    ):
        render_text(draft, templates=folder)


def test_a_template_may_still_build_a_long_letter_with_these_steps(tmp_path: Path) -> None:
    from oped_studio.core.paths import app_paths
    from oped_studio.core.render import render_text
    from oped_studio.core.storage import load_draft
    from tests.helpers import FIXTURES

    draft = load_draft(FIXTURES / "drafts" / "format-2.oped").draft
    draft.sections["story"] = "Zoë’s “story” 🌵 " * 500  # a long letter: 8,000 characters
    folder = app_paths().templates
    folder.mkdir(parents=True, exist_ok=True)
    source = (
        "re: {{ 'Re: ' ~ article.headline ~ '%s' % '' }}\n"
        "{% for text in body + [signoff] %}body: {{ '{0}'.format(text)|indent(2) }}\n{% endfor %}"
    )
    (folder / "lte.letter.j2").write_text(source, encoding="utf-8")
    text = render_text(draft, templates=folder)
    assert "Re: Families Divided at the Border" in text and text.count("🌵") == 500


# -- event.json --------------------------------------------------------------------------------


def test_a_pin_record_asking_for_endless_hashing_is_refused_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hand-edited "iterations": 10**12 kept the facilitator's window hashing for days."""
    import hashlib
    import json

    from oped_studio.core.event import EventFolder

    event = EventFolder(tmp_path / "event", "night", "Night")
    event.set_pin("4821")
    data = json.loads(event.file.read_text(encoding="utf-8"))
    data["pin"]["iterations"] = 10**12
    event.file.write_text(json.dumps(data), encoding="utf-8")
    asked: list[int] = []
    real = hashlib.pbkdf2_hmac

    def counting(name: str, pin: bytes, salt: bytes, iterations: int) -> bytes:
        asked.append(iterations)
        return real(name, pin, salt, min(iterations, 1))

    monkeypatch.setattr(hashlib, "pbkdf2_hmac", counting)
    assert event.check_pin("4821") is False
    assert all(n <= 10 * 200_000 for n in asked)
