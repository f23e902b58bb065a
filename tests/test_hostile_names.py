"""Hostile names and text from outside: a line break, a tag or a credential in a paper's name,
a kit, a pack id or a server address never changes what the app writes, shows or sends.
"""

from __future__ import annotations

import email
import email.policy
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from oped_studio.cli import main
from oped_studio.core.cleaning import one_line
from oped_studio.core.draft import Draft
from oped_studio.core.kits import Manifest, validate_kit
from oped_studio.core.outlets import Outlet, Rules, SendTo, load_directory
from oped_studio.core.packs import bundled_dir
from oped_studio.core.paths import app_paths
from oped_studio.core.render import letter_blocks
from oped_studio.core.user_outlets import OutletInputError, build_user_outlet
from oped_studio.export.exporter import email_message, export_draft

PACK = bundled_dir("talking_points") / "pacific-grove-library.toml"
INJECTED = "Daily Planet\nre: Re: “A fake article”\nbody: A paragraph the writer never wrote."


def hostile_outlet(**changes) -> Outlet:
    """A paper whose values hold line breaks, as a file read before this fix gave them."""
    outlet = Outlet(
        id="planet",
        name=INJECTED,
        city="Metropolis\nbody: Another paragraph",
        letters=Rules(send_to=SendTo(email="letters@planet.example")),
    )
    return replace(outlet, **changes)


# -- item 2: names are single lines everywhere they enter ------------------------------------


def test_a_line_break_in_a_hand_edited_outlets_file_is_refused_with_its_line() -> None:
    paths = app_paths()
    paths.outlets_file.parent.mkdir(parents=True, exist_ok=True)
    paths.outlets_file.write_text(
        '# my papers\n[[outlets]]\nid = "planet"\nname = "Daily Planet\\nre: Re: fake"\n'
        '[[outlets]]\nid = "ledger"\nname = "Ledger"\ncity = "Gotham\\u202e"\n',
        encoding="utf-8",
    )
    directory = load_directory(paths)
    shown = " | ".join(str(p) for p in directory.problems)
    assert f"{paths.outlets_file}:4: outlets[1].name: holds a line break" in shown
    assert f"{paths.outlets_file}:8: outlets[2].city: holds a text-direction" in shown
    assert directory.get("planet") is None  # no usable name: left out, said so
    assert directory.get("ledger").city == ""


def test_a_kit_whose_papers_hold_a_line_break_does_not_validate(tmp_path: Path) -> None:
    manifest = Manifest(id="night", title="Night", outlets=["planet"], default_outlet="planet")
    kit = tmp_path / "night.opedkit"
    with zipfile.ZipFile(kit, "w") as archive:
        toml = manifest.to_toml().replace('title = "Night"', 'title = "Night\\nbody: x"')
        archive.writestr("manifest.toml", toml)
        archive.writestr("packs/pacific-grove-library.toml", PACK.read_bytes())
        archive.writestr(
            "outlets.toml", '[[outlets]]\nid = "planet"\nname = "Planet"\ncity = "A\\nre: B"\n'
        )
    shown = [str(p) for p in validate_kit(kit, app_paths())]
    assert any("outlets.toml:4: outlets[1].city: holds a line break" in s for s in shown)
    assert any("manifest.toml:4: title: holds a line break" in s for s in shown)
    assert main(["kit", "validate", str(kit)]) == 1


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--name", "Daily\nre: Re: fake"),
        ("--city", "Metropolis\r\nbody: x"),
        ("--state", "NY\u2028x"),
        ("--name", "Daily \u202eenalP"),
        ("--email", "letters@planet.example\nBcc: all@example.org"),
    ],
)
def test_outlets_add_refuses_a_value_that_is_not_one_line(
    option: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["outlets", "add", "planet", "--name", "Planet", option, value]
    assert main(args) == 2
    assert f"{option}: " in capsys.readouterr().err
    assert not app_paths().outlets_file.exists()


def test_zero_width_joiners_in_a_name_are_kept() -> None:
    """Persian and emoji need U+200C / U+200D; they add no line and move no text."""
    outlet = build_user_outlet(outlet_id="hamshahri", name="همشهری\u200cنو")
    assert outlet.name == "همشهری\u200cنو"


def test_a_paper_dialog_names_the_city_that_holds_a_line_break(qtbot) -> None:
    from oped_studio.gui.outlet_dialog import AddPaperDialog

    dialog = AddPaperDialog([])
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Planet")
    dialog.city_edit.setText("Metropolis\nbody: x")  # pasted
    with pytest.raises(OutletInputError) as caught:
        dialog.build()
    assert caught.value.field == "city"
    dialog._on_save()
    assert dialog.outlet is None
    assert "line break" in dialog.error_label.text()


def _draft_with_breaks(sample_draft: Draft) -> Draft:
    sample_draft.author.name = "Zoë Müller\nBcc: everyone@example.org"
    sample_draft.author.city_state = "Springfield\nre: Re: fake"
    sample_draft.article.headline = "Families\nbody: injected"
    sample_draft.sections["signature"] = ""
    return sample_draft


def test_no_value_adds_a_part_to_the_letter(sample_draft: Draft) -> None:
    draft = _draft_with_breaks(sample_draft)
    blocks = letter_blocks(draft, hostile_outlet())
    roles = [b.role for b in blocks]
    assert roles.count("re") == 1
    assert roles.count("body") == len([t for t in draft.sections.values() if t.strip()])
    assert not any(b.text.startswith(("re:", "Re: “A fake", "body:")) for b in blocks)
    recipients = [b.text for b in blocks if b.role == "recipient"]
    assert recipients[1] == one_line(INJECTED)
    assert all("\n" not in b.text for b in blocks if b.role != "body")


def test_breaks_in_a_paragraph_stay_inside_it(sample_draft: Draft) -> None:
    sample_draft.sections["story"] = "First line\nsecond line"
    sample_draft.sections["signature"] = "Zoë\nSpringfield"
    blocks = letter_blocks(sample_draft)
    assert any(b.role == "body" and b.text == "First line\nsecond line" for b in blocks)
    assert any(b.role == "signature" and b.text == "Zoë\nSpringfield" for b in blocks)


def test_values_are_never_template_code(sample_draft: Draft) -> None:
    sample_draft.title = "{{ 7 * 7 }} {% raw %}"
    sample_draft.author.name = "{{ ''.__class__ }}"
    blocks = letter_blocks(sample_draft, hostile_outlet(name="{% for x in range(9) %}"))
    texts = " ".join(b.text for b in blocks)
    assert "{{ ''.__class__ }}" in texts and "{% for x in range(9) %}" in texts
    assert "49" not in texts


def test_exports_hold_no_injected_line(sample_draft: Draft, tmp_path: Path) -> None:
    from docx import Document

    draft = _draft_with_breaks(sample_draft)
    outlet = hostile_outlet()
    txt = export_draft(draft, "txt", tmp_path / "l.txt", outlet=outlet).path.read_text()
    assert "\nre: " not in txt and "\nbody:" not in txt
    assert [line[:3] for line in txt.splitlines()].count("Re:") == 1
    docx = export_draft(draft, "docx", tmp_path / "l.docx", outlet=outlet).path
    paragraphs = [p.text for p in Document(str(docx)).paragraphs]
    assert not any(p.startswith(("re:", "body:", "Re: “A fake")) for p in paragraphs)
    assert any(one_line(INJECTED) in p for p in paragraphs)
    raw = email_message(draft, outlet)
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert "Bcc" not in message and message["From"].addresses[0].display_name.startswith("Zoë")
    assert raw.count(b"\nSubject:") + raw.startswith(b"Subject:") == 1
    body = message.get_content()
    assert "\nre: " not in body and "\nbody:" not in body
    assert [line[:3] for line in body.splitlines()].count("Re:") == 1


# -- item 5: adding a paper never drops what the writer wrote ----------------------------------

HAND_WRITTEN = """\
# My papers. Keep the Ledger: editor is Ann.
[[outlets]]
id = "ledger"
name = "Ledger"
wordlimit = 150   # a typo the app reports, and must not throw away

# the Bugle's rules from its page
[[outlets]]
id = "bugle"
name = "Bugle"
[outlets.letters]
word_limit = "two hundred"
"""


def _user_file(text: str) -> Path:
    path = app_paths().outlets_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_outlets_add_keeps_every_entry_and_comment_of_the_file() -> None:
    path = _user_file(HAND_WRITTEN)
    assert main(["outlets", "add", "planet", "--name", "Daily Planet", "--word-limit", "200"]) == 0
    text = path.read_text(encoding="utf-8")
    assert text.startswith(HAND_WRITTEN)
    assert load_directory(app_paths()).get("planet").letters.word_limit == 200
    assert main(["outlets", "add", "planet", "--name", "Daily Planet", "--word-limit", "250"]) == 0
    assert path.read_text(encoding="utf-8").startswith(HAND_WRITTEN)
    assert load_directory(app_paths()).get("planet").letters.word_limit == 250
    assert main(["outlets", "remove", "planet"]) == 0
    assert path.read_text(encoding="utf-8").rstrip() == HAND_WRITTEN.rstrip()


def test_outlets_add_replaces_only_the_entry_of_that_id() -> None:
    path = _user_file(HAND_WRITTEN)
    assert main(["outlets", "add", "ledger", "--name", "The Ledger", "--city", "Gotham"]) == 0
    text = path.read_text(encoding="utf-8")
    # what the writer wrote and the command does not set (even a typo the reader reports) stays
    assert "wordlimit = 150" in text and 'city = "Gotham"' in text
    assert "# My papers. Keep the Ledger" in text and "# the Bugle's rules" in text
    assert text.endswith('[outlets.letters]\nword_limit = "two hundred"\n')
    assert main(["outlets", "remove", "bugle"]) == 0
    assert 'id = "bugle"' not in path.read_text(encoding="utf-8")  # its comment stays
    assert "The Ledger" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ('[[outlets]]\nid = "a"\nname = "A\n', ":3: the file is not valid TOML"),
        ('outlets = [{id = "a", name = "A"}]\n', "cannot change without touching"),
    ],
)
def test_outlets_add_refuses_a_file_it_cannot_edit_and_leaves_it(
    text: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _user_file(text)
    assert main(["outlets", "add", "planet", "--name", "Daily Planet"]) == 2
    assert said in capsys.readouterr().err
    assert path.read_text(encoding="utf-8") == text


def test_the_paper_dialog_saves_without_dropping_the_file(make_window, dialogs) -> None:
    path = _user_file(HAND_WRITTEN)
    window = make_window()
    dialogs.answer("get_new_outlet", build_user_outlet(outlet_id="planet", name="Daily Planet"))
    assert window.papers.add_own() is not None
    assert path.read_text(encoding="utf-8").startswith(HAND_WRITTEN)


# -- item 6: packs new never takes a pack away -------------------------------------------------


def test_packs_new_refuses_the_id_of_a_bundled_pack(capsys: pytest.CaptureFixture[str]) -> None:
    from oped_studio.core.packs import usable_packs

    assert main(["packs", "new", "family-separation"]) == 2
    assert "already a pack with the id 'family-separation' (bundled" in capsys.readouterr().err
    assert not (app_paths().packs / "family-separation.toml").exists()
    assert "family-separation" in usable_packs(app_paths())


def test_packs_new_refuses_the_id_of_a_users_pack_under_another_name(
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = app_paths().packs
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_bytes(PACK.read_bytes().replace(b"pacific-grove-library", b"x"))
    assert main(["packs", "new", "x"]) == 2
    assert "(user: " in capsys.readouterr().err


def test_packs_new_force_shadows_but_never_touches_the_bundled_file(
    capsys: pytest.CaptureFixture[str],
) -> None:
    bundled = bundled_dir("talking_points") / "family-separation.toml"
    before = bundled.read_bytes()
    assert main(["packs", "new", "family-separation", "--force"]) == 0
    out = capsys.readouterr().out
    target = (app_paths().packs / "family-separation.toml").resolve()
    assert f"Wrote the new pack {target}." in out and "bundled pack back" in out
    assert bundled.read_bytes() == before
    assert main(["packs", "new", "x", "--out", str(bundled.parent / "x.toml")]) == 2
    assert not (bundled.parent / "x.toml").exists()


# -- item 15: text from a kit, pack, paper or draft is shown as text, never as HTML -----------

HOSTILE = "<b>bold</b> <a href='https://evil.example/'>link</a> <img src='/tmp/x.png'>"


def _labels_rendering_html(root) -> list[str]:
    """Labels showing HOSTILE as rich text (QLabel's default AutoText would)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    return [
        label.text()
        for label in root.findChildren(QLabel)
        if "<img src=" in label.text() and label.textFormat() != Qt.TextFormat.PlainText
    ]


def test_a_kits_welcome_screen_shows_its_text_as_text(make_window, tmp_path: Path) -> None:
    from oped_studio.core.event import EventFolder
    from oped_studio.core.kits import open_kit
    from oped_studio.core.paths import set_kit_folder

    manifest = Manifest(
        id="night",
        title=HOSTILE,
        organizer=HOSTILE,
        welcome=HOSTILE,
        outlets=["la-times"],
        default_outlet="la-times",
    )
    kit_file = build_kit_file(tmp_path, manifest)
    kit = open_kit(kit_file, app_paths())
    set_kit_folder(kit.folder)
    window = make_window(kit=kit, event=EventFolder(tmp_path / "event", "night", "Night"))
    assert _labels_rendering_html(window.welcome) == []
    texts = [label.text() for label in window.welcome.findChildren(type(window.words_label))]
    assert HOSTILE in texts  # shown, as it is


def build_kit_file(tmp_path: Path, manifest: Manifest) -> Path:
    from oped_studio.core.kits import build_kit

    return build_kit(
        tmp_path / "night", manifest, pack_files={"pacific-grove-library": PACK}, paths=app_paths()
    )


def _hostile_pack() -> bytes:
    import re

    text = PACK.read_text(encoding="utf-8")
    text = text.replace('id = "pacific-grove-library"', 'id = "hostile"', 1)
    for key in ("title", "summary", "explanation", "headline", "text", "claim", "answer"):
        text = re.sub(rf'^({key} = ")', rf"\g<1>{HOSTILE} ", text, flags=re.M)
    return text.encode()


def test_no_label_renders_a_pack_paper_or_draft_as_html(
    make_window, dialogs, tmp_path: Path, sample_draft: Draft
) -> None:
    from oped_studio.core.packs import load_pack
    from oped_studio.core.storage import save_draft

    paths = app_paths()
    paths.packs.mkdir(parents=True)
    (paths.packs / "hostile.toml").write_bytes(_hostile_pack())
    assert load_pack(paths.packs / "hostile.toml").problems == []
    _user_file(
        f'[[outlets]]\nid = "planet"\nname = "{HOSTILE}"\ncity = "{HOSTILE}"\n'
        f'[outlets.letters]\nword_limit = 200\nnotes = "{HOSTILE}"\nsource = "{HOSTILE}"\n'
    )
    sample_draft.title = HOSTILE
    sample_draft.pack_id = "hostile"
    sample_draft.point_ids = []
    sample_draft.outlet_id = "planet"
    sample_draft.sections["signature"] = HOSTILE
    path = tmp_path / "hostile.oped"
    save_draft(sample_draft, path)
    window = make_window()
    assert window.session.open_path(path)
    for row in range(window.step_list.count()):
        window.step_list.setCurrentRow(row)
    window.points_page.pack_combo.setCurrentIndex(window.points_page.pack_combo.findData("hostile"))
    assert _labels_rendering_html(window) == []
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QWidget

    tips = [w.toolTip() for w in window.findChildren(QWidget)]
    tips += [a.toolTip() for a in window.findChildren(QAction)]
    assert any("&lt;img src=" in t for t in tips)  # the pack's title, shown as text
    assert not any("<img src=" in t for t in tips)


def test_message_boxes_show_their_text_as_text(qtbot) -> None:
    from PySide6.QtCore import Qt

    from oped_studio.gui.dialogs import message_box

    box = message_box(None, text=HOSTILE)
    qtbot.addWidget(box)
    assert box.textFormat() == Qt.TextFormat.PlainText


# -- item 16: a grammar server's address says where letters go ---------------------------------


def _kit_with_server(tmp_path: Path, url: str) -> Path:
    """A kit whose venue grammar server is ``url``, written as is (build_kit would refuse)."""
    manifest = Manifest(id="night", title="Night", outlets=["nyt"], languagetool_url=url)
    kit = tmp_path / "night.opedkit"
    with zipfile.ZipFile(kit, "w") as archive:
        archive.writestr("manifest.toml", manifest.to_toml())
        archive.writestr("packs/pacific-grove-library.toml", PACK.read_bytes())
    return kit


@pytest.mark.parametrize(
    "url",
    [
        "http://192.168.1.10@evil.example.com/",
        "http://user:secret@192.168.1.10:8081/",
        "http://192.168.1.10:80x/",
        "ftp://192.168.1.10/",
        "http://lt.local/\nX: y",
    ],
)
def test_a_server_address_with_credentials_or_junk_is_refused(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from oped_studio.core.settings import Settings, _clean, server_url_problem

    assert server_url_problem(url)
    kit = _kit_with_server(tmp_path, url)
    assert main(["kit", "validate", str(kit)]) == 1
    assert "venue.languagetool_url" in capsys.readouterr().out
    saved = _clean({"grammar_engine": "languagetool-server", "languagetool_url": url})
    assert saved.languagetool_url == "" and saved.grammar_engine == Settings().grammar_engine


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("http://127.0.0.1:8081/", ""),
        ("http://localhost:8081/", ""),
        ("http://192.168.1.10:8081/", ""),
        ("http://10.0.0.5/", ""),
        ("http://[::1]:8081/", ""),
        ("http://[fe80::1]/", ""),
        ("https://api.languagetool.org/", "api.languagetool.org"),
        ("http://8.8.8.8:8081/", "8.8.8.8"),
        ("http://lt-server/", "lt-server"),
    ],
)
def test_a_server_outside_the_local_network_is_named(
    url: str, host: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from oped_studio.core.settings import server_host_outside

    assert server_host_outside(url) == host
    kit = _kit_with_server(tmp_path, url)
    assert main(["kit", "validate", str(kit)]) == 0
    err = capsys.readouterr().err
    assert (f"letters will be sent to {host}" in err) if host else "letters will be sent" not in err


def test_the_settings_dialog_warns_and_refuses(qtbot) -> None:
    from oped_studio.core.settings import Settings
    from oped_studio.gui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(Settings(grammar_engine="languagetool-server"), [])
    qtbot.addWidget(dialog)
    dialog.url_edit.setText("https://lt.example.org/")
    assert not dialog.url_warning.isHidden()
    assert "lt.example.org" in dialog.url_warning.text()
    assert dialog.problem() == ""
    dialog.url_edit.setText("http://192.168.1.10@evil.example.com/")
    assert "user name or password" in dialog.problem()
    dialog.url_edit.setText("http://192.168.1.10:8081/")
    assert dialog.url_warning.isHidden() and dialog.problem() == ""


def test_the_engine_refuses_an_address_with_credentials() -> None:
    from oped_studio.checks.languagetool_engine import LanguageToolEngine, LanguageToolUnavailable

    engine = LanguageToolEngine(url="http://a:b@127.0.0.1:9/")
    with pytest.raises(LanguageToolUnavailable, match="user name or password"):
        engine.start()


def test_the_welcome_screen_says_where_letters_go(qtbot) -> None:
    from oped_studio.gui.event_pages import EventWelcome

    url = "https://lt.example.org/"
    welcome = EventWelcome(Manifest(id="n", title="N", languagetool_url=url))
    qtbot.addWidget(welcome)
    assert not welcome.server_label.isHidden()
    assert "to lt.example.org" in welcome.server_label.text()
    local = EventWelcome(Manifest(id="n", title="N", languagetool_url="http://10.0.0.2:8081/"))
    qtbot.addWidget(local)
    assert local.server_label.isHidden()


# -- item 17: an encrypted kit entry is explained ---------------------------------------------


def test_an_encrypted_kit_entry_says_what_is_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("manifest.toml", Manifest(id="n", title="N").to_toml())
    data = bytearray(buffer.getvalue())
    # Set the "encrypted" flag in the local header and the central directory entry.
    data[6] |= 1
    central = data.rfind(b"PK\x01\x02")
    data[central + 8] |= 1
    kit = tmp_path / "locked.opedkit"
    kit.write_bytes(bytes(data))
    assert main(["kit", "validate", str(kit)]) == 1
    out = capsys.readouterr().out
    assert "ZipInfo" not in out and "is encrypted" in out and "without a password" in out
