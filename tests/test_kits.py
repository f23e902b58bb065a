"""Workshop kits: building, validating, and opening safely (hostile kits are refused)."""

from __future__ import annotations

import io
import stat
import warnings
import zipfile
from datetime import date
from pathlib import Path

import docx
import pytest

from oped_studio.cli import main
from oped_studio.core.kits import (
    MAX_ENTRIES,
    KitError,
    Manifest,
    build_kit,
    open_kit,
    read_entries,
    validate_kit,
)
from oped_studio.core.packs import bundled_dir
from oped_studio.core.paths import app_paths

PACK = bundled_dir("talking_points") / "pacific-grove-library.toml"
MANIFEST = Manifest(
    id="library-night",
    title="Letters for the library",
    date=date(2026, 12, 5),
    organizer="Friends of the Library",
    welcome="Welcome! One letter each tonight.",
    default_outlet="la-times",
    outlets=["la-times", "nyt"],
)


def good_kit(tmp_path: Path) -> Path:
    return build_kit(
        tmp_path / "event", MANIFEST, pack_files={"pacific-grove-library": PACK}, paths=app_paths()
    )


def raw_kit(tmp_path: Path, entries, *, name: str = "hostile.opedkit") -> Path:
    """A zip written by hand: ``entries`` are (ZipInfo or name, bytes)."""
    buffer = io.BytesIO()
    with (
        warnings.catch_warnings(),  # zipfile warns about the duplicate names we write
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
    ):
        warnings.simplefilter("ignore")
        for info, data in entries:
            archive.writestr(info, data)
    path = tmp_path / name
    path.write_bytes(buffer.getvalue())
    return path


def manifest_bytes() -> bytes:
    return MANIFEST.to_toml().encode()


def test_a_kit_round_trips(tmp_path: Path) -> None:
    path = good_kit(tmp_path)
    assert path.name == "event.opedkit"
    assert validate_kit(path, app_paths()) == []
    kit = open_kit(path, app_paths())
    assert kit.folder.is_relative_to(app_paths().kits)
    assert kit.manifest.title == "Letters for the library"
    assert kit.manifest.date == date(2026, 12, 5)
    assert kit.manifest.packs == ["pacific-grove-library"]
    assert (kit.packs_dir / "pacific-grove-library.toml").read_bytes() == PACK.read_bytes()
    assert open_kit(path, app_paths()).folder == kit.folder, "opening twice reuses the folder"


def test_building_over_an_existing_file_needs_force(tmp_path: Path) -> None:
    good_kit(tmp_path)
    with pytest.raises(KitError, match="exists"):
        good_kit(tmp_path)


def test_a_kit_naming_an_unknown_paper_does_not_build(tmp_path: Path) -> None:
    bad = Manifest(id="x", title="X", outlets=["no-such-paper"])
    with pytest.raises(KitError, match="no-such-paper"):
        build_kit(
            tmp_path / "x", bad, pack_files={"pacific-grove-library": PACK}, paths=app_paths()
        )
    assert not (tmp_path / "x.opedkit").exists()


def _entries(info_or_name, data=b"x"):
    return [("manifest.toml", manifest_bytes()), (info_or_name, data)]


def _link(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


HOSTILE = {
    "dot-dot": (_entries("packs/../../evil.toml"), "outside the kit"),
    "absolute": (_entries("/etc/evil.toml"), "absolute or unsafe"),
    "windows-absolute": (_entries("C:/evil.toml"), "absolute or unsafe"),
    "backslash": (_entries("packs\\..\\evil.toml"), "absolute or unsafe"),
    "link": (_entries(_link("packs/link.toml"), b"/etc/passwd"), "a link"),
    "duplicate": (
        [("manifest.toml", manifest_bytes()), ("packs/a.toml", b"x"), ("packs/a.toml", b"y")],
        "twice",
    ),
    "nested-by-name": (_entries("packs/more.zip", b"data"), "archive inside the kit"),
    "nested-by-content": (_entries("packs/sneaky.toml", b"PK\x03\x04rest"), "archive inside"),
    "gzip-inside": (_entries("packs/sneaky.toml", b"\x1f\x8b\x08rest"), "archive inside"),
    "unexpected": (_entries("run.sh", b"rm -rf /"), "unexpected file"),
    "python": (_entries("packs/hook.py", b"import os"), "unexpected file"),
    "no-manifest": ([("packs/a.toml", b"x")], "no manifest.toml"),
    "bomb": (_entries("packs/bomb.toml", b"a" * 3_000_000), "bytes"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_kits_are_refused_and_nothing_is_written(tmp_path: Path, case: str) -> None:
    entries, message = HOSTILE[case]
    path = raw_kit(tmp_path, entries)
    before = sorted(p for p in tmp_path.parent.rglob("*") if p.name != "hostile.opedkit")
    with pytest.raises(KitError, match=message):
        open_kit(path, app_paths())
    assert not app_paths().kits.exists() or not any(app_paths().kits.iterdir())
    after = sorted(p for p in tmp_path.parent.rglob("*") if p.name != "hostile.opedkit")
    assert after == before, "nothing written anywhere"
    problems = validate_kit(path, app_paths())
    assert len(problems) == 1 and problems[0].file == path


def test_a_name_that_is_not_utf8_is_refused(tmp_path: Path) -> None:
    """zipfile always writes UTF-8 names, so the Latin-1 byte goes in by hand."""
    path = raw_kit(tmp_path, _entries("packs/caf_.toml"))
    path.write_bytes(path.read_bytes().replace(b"packs/caf_.toml", b"packs/caf\xe9.toml"))
    with pytest.raises(KitError, match="not UTF-8"):
        open_kit(path, app_paths())


def test_too_many_files_are_refused(tmp_path: Path) -> None:
    entries = [("manifest.toml", manifest_bytes())]
    entries += [(f"packs/p{i}.toml", b"x") for i in range(MAX_ENTRIES + 1)]
    with pytest.raises(KitError, match="at most"):
        read_entries(raw_kit(tmp_path, entries))


def test_a_highly_compressed_entry_is_a_zip_bomb(tmp_path: Path) -> None:
    path = raw_kit(tmp_path, _entries("packs/bomb.toml", b"\0" * 1_500_000))
    with pytest.raises(KitError, match="zip bomb"):
        read_entries(path)


def test_a_file_that_is_not_a_zip_gets_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.opedkit"
    path.write_text("just text")
    with pytest.raises(KitError, match="not a kit"):
        open_kit(path, app_paths())
    with pytest.raises(KitError, match="does not exist"):
        open_kit(tmp_path / "missing.opedkit", app_paths())


def test_manifest_and_pack_problems_are_listed_with_file_and_line(tmp_path: Path) -> None:
    manifest = (
        b'format = "oped-studio-kit"\nformat_version = 1\nid = "Bad Id"\ntitle = ""\n'
        b'default_kind = "essay"\noutlets = ["nyt"]\npacks = ["broken"]\n'
    )
    path = raw_kit(
        tmp_path,
        [("manifest.toml", manifest), ("packs/broken.toml", b'id = "broken"\ntitle = 5\n')],
    )
    problems = [str(p) for p in validate_kit(path, app_paths())]
    assert any("manifest.toml:3: id:" in p for p in problems)
    assert any("manifest.toml:4: title:" in p for p in problems)
    assert any("manifest.toml:5: default_kind:" in p for p in problems)
    assert any("packs/broken.toml:" in p for p in problems)
    with pytest.raises(KitError, match="cannot be used"):
        open_kit(path, app_paths())


def test_a_newer_kit_format_says_to_update(tmp_path: Path) -> None:
    manifest = manifest_bytes().replace(b"format_version = 1", b"format_version = 9")
    path = raw_kit(tmp_path, [("manifest.toml", manifest)])
    assert any("update the app" in str(p) for p in validate_kit(path, app_paths()))


def test_cli_builds_validates_and_prints_handouts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "night.opedkit"
    args = ["kit", "build", "--title", "Library night", "--pack", "pacific-grove-library"]
    args += ["--outlet", "la-times", "--outlet", "nyt", "--date", "2026-12-05", "--out", str(out)]
    assert main(args) == 0
    assert "Wrote" in capsys.readouterr().out
    assert main(["kit", "validate", str(out)]) == 0
    assert "ok: 1 pack(s)" in capsys.readouterr().out
    assert main(["kit", "handouts", str(out), "--out", str(tmp_path / "hand")]) == 0
    names = sorted(p.name for p in (tmp_path / "hand").iterdir())
    assert names == ["pacific-grove-library-points.docx", "papers.docx"]
    papers = docx.Document(str(tmp_path / "hand" / "papers.docx"))
    cells = [cell.text for table in papers.tables for row in table.rows for cell in row.cells]
    assert "letters@nytimes.com" in cells, "a handout shows where to send"
    la_times = "not known: see https://www.latimes.com/news/la-le-text23oct23-story.html"
    assert la_times in cells, "no address known: the paper's page that says how to send"
    notes = "\n".join(p.text for p in papers.paragraphs)
    assert "http://www.uft.org/chapters/retirees/letters-editor, read on 2026-11-23" in notes
    assert main(["kit", "build", "--title", "X", "--pack", "no-such", "--out", str(out)]) == 2
    assert "no pack with the id 'no-such'" in capsys.readouterr().err
    bad = raw_kit(tmp_path, _entries("packs/../x.toml"))
    assert main(["kit", "validate", str(bad)]) == 1
    assert "outside the kit" in capsys.readouterr().out


def test_a_users_own_paper_travels_in_the_kit(tmp_path: Path) -> None:
    add = ["outlets", "add", "carmel-pine-cone", "--name", "The Carmel Pine Cone"]
    add += ["--email", "letters@pineconearmanac.com"]
    assert main([*add, "--word-limit", "300", "--source", "the paper's letters page"]) == 0
    out = tmp_path / "k.opedkit"
    args = ["kit", "build", "--title", "T", "--pack", "pacific-grove-library"]
    assert main([*args, "--outlet", "carmel-pine-cone", "--out", str(out)]) == 0
    assert "outlets.toml" in read_entries(out)
    kit = open_kit(out, app_paths())
    assert "carmel-pine-cone" in kit.outlets_file.read_text()
    assert main(["kit", "handouts", str(out), "--out", str(tmp_path / "hand")]) == 0
    papers = docx.Document(str(tmp_path / "hand" / "papers.docx"))
    row = [c.text for c in papers.tables[0].rows[1].cells]
    assert row[:3] == ["The Carmel Pine Cone", "at most 300 words", "letters@pineconearmanac.com"]


def test_a_kit_in_use_adds_its_packs_papers_and_structures(tmp_path: Path) -> None:
    from oped_studio.core.outlets import load_directory
    from oped_studio.core.packs import discover_packs
    from oped_studio.core.paths import set_kit_folder
    from oped_studio.core.structures import structure_for, structures_for_kind
    from oped_studio.core.user_outlets import build_user_outlet, outlets_to_toml

    source = bundled_dir("templates") / "structures" / "letter-local.toml"
    structure = tmp_path / "kit-letter.toml"
    structure.write_text(source.read_text().replace('id = "letter-local"', 'id = "kit-letter"', 1))
    paper = build_user_outlet(outlet_id="pine-cone", name="The Pine Cone", word_limit=300)
    manifest = Manifest(id="k", title="K", outlets=["pine-cone"], default_outlet="pine-cone")
    kit = open_kit(
        build_kit(
            tmp_path / "k",
            manifest,
            pack_files={"pacific-grove-library": PACK},
            outlets_toml=outlets_to_toml([paper]),
            structure_files=[structure],
            paths=app_paths(),
        ),
        app_paths(),
    )
    assert load_directory(app_paths()).get("pine-cone") is None, "not before the kit is in use"
    set_kit_folder(kit.folder)
    assert load_directory(app_paths()).get("pine-cone").letters.word_limit == 300
    assert "kit-letter" in {s.id for s in structures_for_kind("lte")}
    assert structure_for("kit-letter", "lte").id == "kit-letter"
    kit_packs = [ld for ld in discover_packs(app_paths()) if ld.path.is_relative_to(kit.folder)]
    assert [ld.pack.id for ld in kit_packs] == ["pacific-grove-library"]


# -- the kit builder's default paper (issue 16) ----------------------------------------------------


def test_the_kit_builder_asks_for_the_default_paper_by_keyboard(qtbot) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from oped_studio.gui.kit_dialog import KitBuilderDialog
    from tests.helpers import press

    papers = [("la-times", "Los Angeles Times"), ("nyt", "The New York Times"), ("wsj", "WSJ")]
    dialog = KitBuilderDialog([("pacific-grove-library", "Library")], papers)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.title_edit.setText("Library night")
    dialog.check(["pacific-grove-library"], [])
    combo = dialog.default_combo
    choices = lambda: [combo.itemText(i) for i in range(combo.count())]  # noqa: E731
    assert choices() == ["Let each participant choose"] and not combo.isEnabled()

    alt = Qt.KeyboardModifier.AltModifier
    press(qtbot, Qt.Key.Key_R, alt)  # Pape&rs
    assert QApplication.focusWidget() is dialog.outlet_list
    press(qtbot, Qt.Key.Key_Home)
    press(qtbot, Qt.Key.Key_Space)
    assert combo.currentText() == "Los Angeles Times", "one paper ticked: that one"
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Space)
    assert choices() == ["Let each participant choose", "Los Angeles Times", "The New York Times"]
    assert combo.currentText() == "Let each participant choose", "several: each chooses"
    assert dialog.build_spec().manifest.default_outlet == ""

    press(qtbot, Qt.Key.Key_E, alt)  # Default pap&er
    assert QApplication.focusWidget() is combo
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    assert dialog.build_spec().manifest.default_outlet == "nyt"
    dialog.check(["pacific-grove-library"], ["la-times", "nyt", "wsj"])
    assert combo.currentText() == "The New York Times", "the facilitator's choice stays"
    dialog.check(["pacific-grove-library"], ["la-times", "wsj"])
    assert combo.currentText() == "Let each participant choose", "never a paper not ticked"
    dialog.check(["pacific-grove-library"], ["wsj"])
    assert dialog.build_spec().manifest.default_outlet == "wsj"


def test_the_papers_handout_says_where_to_send_the_kits_kind_of_piece(tmp_path: Path) -> None:
    """An op-ed event's handout gave the letters desk's rules and address (none known for the
    Los Angeles Times' letters) instead of the op-ed desk's."""
    from dataclasses import replace

    from oped_studio.workshop.handouts import write_handouts

    def papers_table(manifest: Manifest) -> tuple[str, list[list[str]]]:
        folder = tmp_path / manifest.default_kind
        folder.mkdir()
        built = build_kit(
            folder / "kit", manifest, pack_files={"pacific-grove-library": PACK}, paths=app_paths()
        )
        kit = open_kit(built, app_paths())
        files = write_handouts(kit, folder / "hand", app_paths())
        document = docx.Document(str(files[-1]))
        rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
        return document.paragraphs[0].text, rows

    title, rows = papers_table(MANIFEST)
    assert title == "Where to send your letter" and rows[0][1] == "Letters"
    nyt = next(row for row in rows if row[0].startswith("The New York Times"))
    assert nyt[2] == "letters@nytimes.com"
    title, rows = papers_table(replace(MANIFEST, default_kind="oped"))
    assert title == "Where to send your op-ed" and rows[0][1] == "Op-eds"
    la_times = next(row for row in rows if row[0].startswith("Los Angeles Times"))
    assert la_times[2] == "oped@latimes.com" and la_times[1].startswith("at most 750 words")


def test_the_kit_builder_asks_before_replacing_a_kit_and_never_writes_over_a_device(
    qtbot, tmp_path: Path, dialogs
) -> None:
    """Save wrote over an older kit at the name typed (or left as it was) without a word:
    only Browse asked. A folder typed gets the kit inside it; a pipe is refused in the dialog."""
    import os

    from PySide6.QtCore import Qt

    from oped_studio.gui.dialogs import Dialogs
    from oped_studio.gui.kit_dialog import KitBuilderDialog
    from tests.helpers import press

    dialog = KitBuilderDialog(
        [("pacific-grove-library", "Library")],
        [("nyt", "NYT")],
        ask_replace=lambda parent, message: Dialogs.ask_replace(parent, message),
    )
    qtbot.addWidget(dialog)

    def show() -> None:
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)

    show()
    qtbot.keyClicks(dialog.title_edit, "Library night")
    dialog.check(["pacific-grove-library"], ["nyt"])
    old = tmp_path / "night.opedkit"
    old.write_text("last week's kit")

    def save_as(name: str) -> None:
        press(qtbot, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)  # Sa&ve as
        assert dialog.out_edit.hasFocus()
        dialog.out_edit.selectAll()
        qtbot.keyClicks(dialog.out_edit, name)
        press(qtbot, Qt.Key.Key_Return)

    dialogs.answer("ask_replace", False, True)
    save_as(str(tmp_path / "night"))
    assert dialog.isVisible() and dialog.spec is None
    assert dialog.error_label.text() == "Choose another name for the kit."
    assert str(old) in dialogs.arguments("ask_replace", "message")[0]
    save_as(str(tmp_path / "night"))
    assert not dialog.isVisible() and dialog.spec.out == old
    assert old.read_text() == "last week's kit", "the dialog only asks; the kit is built later"

    show()
    save_as(str(tmp_path))
    assert dialog.spec.out == tmp_path / "library-night.opedkit", "into the folder typed"
    show()
    os.mkfifo(tmp_path / "pipe.opedkit")
    save_as(str(tmp_path / "pipe"))
    assert dialog.isVisible() and "a pipe" in dialog.error_label.text()
    assert dialogs.asked.count("ask_replace") == 2


def test_the_kit_builder_says_what_the_kit_would_be_refused_for(qtbot, tmp_path: Path) -> None:
    """A 201-character title (or a control character pasted into the welcome) closed the
    dialog and then failed to build: "manifest.toml:4: title: …" in an error box after it."""
    from PySide6.QtCore import Qt

    from oped_studio.gui.kit_dialog import KitBuilderDialog
    from tests.helpers import press

    dialog = KitBuilderDialog([("pacific-grove-library", "Library")], [("nyt", "NYT")])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.check(["pacific-grove-library"], ["nyt"])
    dialog.out_edit.setText(str(tmp_path / "night"))
    qtbot.keyClicks(dialog.title_edit, "x" * 201)
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.spec is None
    assert dialog.error_label.text() == "The title is 201 characters long; keep it under 200."
    press(qtbot, Qt.Key.Key_Backspace)
    dialog.welcome_edit.setPlainText("Welcome\x1b[31m all")  # pasted from a terminal
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.error_label.text().startswith("The welcome text has an invisible control")
    dialog.welcome_edit.setPlainText("Welcome all.\nOne letter each.")
    press(qtbot, Qt.Key.Key_Return)
    assert not dialog.isVisible() and dialog.spec.manifest.title == "x" * 200
