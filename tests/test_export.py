"""Export: Word, plain text, email draft and PDF; reopened and checked, errors and hard input."""

from __future__ import annotations

import email
import errno
import io
import os
import re
import shutil
import subprocess
import zipfile
from datetime import date, datetime
from email import policy
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oped_studio.cli import main
from oped_studio.core import atomic
from oped_studio.core.draft import Article, Author, Draft
from oped_studio.core.outlets import Outlet, Rules, SendTo, load_directory
from oped_studio.core.packs import usable_packs
from oped_studio.core.paths import app_paths
from oped_studio.core.structures import bundled_structures
from oped_studio.export import (
    ExportError,
    docx_bytes,
    email_message,
    export_draft,
    pdf_available,
    plain_text,
)
from oped_studio.export.exporter import docx_to_pdf
from tests.helpers import FIXTURES, sample_author

GOLDEN = Path(__file__).parent / "fixtures" / "golden"
TODAY = date(2018, 6, 22)
CREATED = datetime(2018, 6, 22, 12, 0, 0)


def structure_draft(structure_id: str) -> Draft:
    """A complete draft for a structure, the same every run (for golden files)."""
    structure = bundled_structures()[structure_id]
    return Draft(
        id="0" * 32,
        kind=structure.kind,
        structure_id=structure_id,
        title="Keep families together" if structure.kind == "oped" else "",
        article=Article(headline="Families Divided at the Border", date=date(2018, 6, 20)),
        author=sample_author(),
        sections={s.id: f"{s.title}: {s.example}" for s in structure.sections},
        disclosure="I volunteer with a legal-aid group.",
    )


def paragraphs(data: bytes) -> list[tuple[str, str]]:
    document = docx.Document(io.BytesIO(data))
    return [(p.style.name, p.text) for p in document.paragraphs]


NYT = load_directory(app_paths()).get("nyt")


# -- Word ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("structure_id", sorted(bundled_structures()))
def test_docx_reopens_with_styles_text_and_properties(structure_id: str) -> None:
    draft = structure_draft(structure_id)
    pack = usable_packs(app_paths())["family-separation"]
    data = docx_bytes(draft, NYT, pack, today=TODAY, created=CREATED)
    document = docx.Document(io.BytesIO(data))
    found = paragraphs(data)
    assert all(text.strip() for _style, text in found), "no empty paragraphs for spacing"
    styles = {style for style, _ in found}
    assert {"Contact Block", "Letter Body", "Word Count"} <= styles
    for name in styles - {"Title"}:
        assert document.styles[name].base_style.name == "Normal"
    body = [text for style, text in found if style == "Letter Body"]
    structure = bundled_structures()[structure_id]
    expected = [f"{s.title}: {s.example}" for s in structure.sections if s.role == "body"]
    assert body == expected
    props = document.core_properties
    assert props.author == "Zoë Müller"
    assert props.subject == "The New York Times"
    assert "Family separation" in props.keywords
    if draft.kind == "lte":
        assert props.title == "Families Divided at the Border"
        assert ("Re Line", "Re: “Families Divided at the Border,” June 20, 2018") in found
        assert ("Letter Date", "June 22, 2018") in found
        assert found[0] == ("Contact Block", "Zoë Müller")
        assert ("Recipient", "Letters to the Editor") in found
    else:
        assert props.title == "Keep families together"
        assert found[0] == ("Title", "Keep families together")
        assert found[1] == ("Byline", "By Zoë Müller")
    words = sum(len(t.split()) for t in body)
    assert found[-1] == ("Word Count", f"{words} words")
    assert document.styles["Normal"].font.name == "Georgia"


def _document_xml(data: bytes) -> str:
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    return re.sub(r"><", ">\n<", xml)


@pytest.mark.parametrize("structure_id", sorted(bundled_structures()))
def test_document_xml_matches_the_golden_file(structure_id: str) -> None:
    data = docx_bytes(structure_draft(structure_id), NYT, today=TODAY, created=CREATED)
    golden = GOLDEN / f"{structure_id}.document.xml"
    actual = _document_xml(data)
    if os.environ.get("OPED_UPDATE_GOLDEN") == "1":
        golden.write_text(actual, encoding="utf-8")
        (GOLDEN / f"{structure_id}.docx").write_bytes(data)
    assert golden.exists(), "run with OPED_UPDATE_GOLDEN=1 to create the golden file"
    assert actual == golden.read_text(encoding="utf-8")


# -- plain text and email -----------------------------------------------------------------------


def test_plain_text_for_an_email_body() -> None:
    draft = structure_draft("letter-response")
    draft.sections["point"] = "It is “wrong” — and it’s costly… really."
    text = plain_text(draft, NYT, today=TODAY)
    assert text.startswith('Re: "Families Divided at the Border," June 20, 2018\n\n')
    assert 'It is "wrong" -- and it\'s costly... really.' in text
    assert text.endswith("Zoë Müller\n12 Elm St.\nSpringfield, IL\n555-0100\nzoe@example.org\n")
    assert (
        "\n\n\n" not in text and "June 22, 2018" not in text and "words" not in text.split("\n")[-2]
    )
    assert not any(len(line) > 0 and line != line.rstrip() for line in text.splitlines())


def test_email_draft_opens_and_is_encoded() -> None:
    outlet = Outlet(
        id="gazette",
        name="Riverside Gazette",
        letters=Rules(send_to=SendTo(email="letters@example.org"), source="me"),
    )
    draft = structure_draft("letter-response")
    raw = email_message(draft, outlet, today=TODAY, now=CREATED)
    head = raw.split(b"\n\n", 1)[0]
    assert head.isascii(), "headers are RFC 2047 encoded"
    message = email.message_from_bytes(raw, policy=policy.default)
    assert message["Subject"] == "Letter to the editor: Families Divided at the Border"
    assert message["To"] == "Riverside Gazette <letters@example.org>"
    assert message["From"] == "Zoë Müller <zoe@example.org>"
    assert message["X-Unsent"] == "1"
    assert message.get_content() == plain_text(draft, outlet, today=TODAY)
    la_times = load_directory(app_paths()).get("la-times")  # its letters address is not known
    no_address = email.message_from_bytes(email_message(draft, la_times), policy=policy.default)
    assert no_address["To"] is None, "no address is ever guessed"
    nyt = email.message_from_bytes(email_message(draft, NYT), policy=policy.default)
    assert nyt["To"] == "The New York Times <letters@nytimes.com>", "the directory's address"
    oped = email.message_from_bytes(
        email_message(structure_draft("oped-classic")), policy=policy.default
    )
    assert oped["Subject"] == "Op-ed submission: Keep families together"


def test_email_without_a_valid_sender() -> None:
    draft = structure_draft("letter-response")
    draft.author.email = "not an address"
    message = email.message_from_bytes(email_message(draft), policy=policy.default)
    assert message["From"] is None


# -- writing files -------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["docx", "txt", "eml"])
def test_export_writes_and_refuses_to_overwrite(tmp_path: Path, fmt: str) -> None:
    draft = structure_draft("letter-response")
    out = tmp_path / f"letter.{fmt}"
    result = export_draft(draft, fmt, out, outlet=NYT)
    assert result.path == out and out.stat().st_size > 0
    before = out.read_bytes()
    with pytest.raises(ExportError, match="already exists"):
        export_draft(draft, fmt, out, outlet=NYT)
    assert out.read_bytes() == before
    draft.sections["point"] = "Changed."
    export_draft(draft, fmt, out, outlet=NYT, force=True)
    assert out.read_bytes() != before


def test_export_errors_are_clear_and_leave_nothing(tmp_path: Path, monkeypatch) -> None:
    draft = structure_draft("letter-response")
    with pytest.raises(ExportError, match="does not exist"):
        export_draft(draft, "txt", tmp_path / "missing" / "x.txt")
    with pytest.raises(ExportError, match="is a folder"):
        export_draft(draft, "txt", tmp_path)
    with pytest.raises(ExportError, match="no disk accepts"):
        export_draft(draft, "txt", tmp_path / "bad\x00name.txt")
    with pytest.raises(ExportError, match="too long"):
        export_draft(draft, "txt", tmp_path / ("x" * 300 + ".txt"))
    with pytest.raises(ExportError, match="Unknown format"):
        export_draft(draft, "rtf", tmp_path / "x.rtf")
    folder = tmp_path / "out"
    folder.mkdir()
    old = folder / "letter.docx"
    old.write_bytes(b"previous export")
    for code, message in ((errno.ENOSPC, "disk is full"), (errno.EROFS, "read-only")):

        def fail(*_a, code=code, **_k):
            raise OSError(code, os.strerror(code))

        monkeypatch.setattr(atomic.tempfile, "mkstemp", fail)
        with pytest.raises(ExportError, match=message):
            export_draft(draft, "docx", old, force=True)
        assert old.read_bytes() == b"previous export"
    monkeypatch.undo()
    assert sorted(p.name for p in folder.iterdir()) == ["letter.docx"]


def test_disk_full_mid_write_keeps_the_old_export(tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "letter.txt"
    out.write_text("old", encoding="utf-8")
    real = os.fdopen

    class Full:
        def __init__(self, handle) -> None:
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *_exc) -> None:
            self.handle.close()

        def write(self, _data) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fdopen", lambda fd, mode: Full(real(fd, mode)))
    with pytest.raises(ExportError, match="disk is full"):
        export_draft(structure_draft("letter-response"), "txt", out, force=True)
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir() if p.name != "user" and p.name != "oped-home"] == [
        "letter.txt"
    ]


# -- hard input ------------------------------------------------------------------------------------


def test_clipboard_junk_is_removed_and_reported(tmp_path: Path) -> None:
    draft = structure_draft("letter-response")
    draft.sections["story"] = "Pasted\x00 text\x0c with\x07 junk\ud800 and\r\nWindows lines\ufeff."
    draft.author.name = "Zoë\x01 Müller"
    result = export_draft(draft, "docx", tmp_path / "x.docx")
    assert result.cleaned.removed["NUL characters"] == 1
    assert result.cleaned.removed["page breaks (form feeds)"] == 1
    assert result.cleaned.removed["broken characters (lone surrogates)"] == 1
    assert result.cleaned.removed["control characters"] == 2
    assert "Removed characters" in result.cleaned.describe()
    texts = [t for _s, t in paragraphs((tmp_path / "x.docx").read_bytes())]
    assert "Pasted text with junk and\nWindows lines." in texts
    assert "Zoë Müller" in texts


def test_hard_but_valid_text_exports_in_every_format(tmp_path: Path) -> None:
    draft = structure_draft("oped-classic")
    draft.sections["lede"] = "Families 🌵 belong together. שלום עולם. مرحبا بالعالم. Ñandú çà."
    draft.sections["thesis"] = "Pneumonoultramicroscopicsilicovolcanoconiosis" * 20
    draft.sections["argument-1"] = " ".join(["word"] * 20_000)
    for fmt in ("docx", "txt", "eml"):
        out = tmp_path / f"hard.{fmt}"
        export_draft(draft, fmt, out)
        if fmt == "docx":
            texts = [t for _s, t in paragraphs(out.read_bytes())]
            assert texts[2].startswith("Families 🌵 belong together. שלום עולם.")
            assert any(len(t) >= 900 and " " not in t for t in texts)
            assert any(t.count("word") == 20_000 for t in texts)
        elif fmt == "txt":
            assert "مرحبا بالعالم" in out.read_text(encoding="utf-8")
        else:
            message = email.message_from_bytes(out.read_bytes(), policy=policy.default)
            assert "🌵" in message.get_content()


_ANY_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=())
    | st.sampled_from("\x00\x0c\ud800\r"),
    max_size=300,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(story=_ANY_TEXT, name=_ANY_TEXT, title=_ANY_TEXT)
def test_any_text_exports_and_reopens(tmp_path: Path, story: str, name: str, title: str) -> None:
    draft = Draft(
        kind="oped",
        title=title,
        sections={"lede": story, "thesis": "Thesis."},
        author=Author(name=name, email="a@example.org"),
    )
    docx.Document(io.BytesIO(docx_bytes(draft, NYT)))
    plain_text(draft, NYT).encode("utf-8")
    message = email.message_from_bytes(email_message(draft, NYT), policy=policy.default)
    assert "Thesis." in message.get_content()


# -- PDF through a real word processor ------------------------------------------------------------


def _need_libreoffice() -> None:
    if pdf_available() and shutil.which("pdftotext"):
        return
    if os.environ.get("CI") == "true":
        pytest.fail("CI must install libreoffice-writer-nogui and poppler-utils")
    pytest.skip("needs LibreOffice and pdftotext")


@pytest.mark.slow
@pytest.mark.parametrize("structure_id", sorted(bundled_structures()))
def test_golden_docx_converts_to_a_pdf_with_the_letter(structure_id: str, tmp_path: Path) -> None:
    _need_libreoffice()
    golden = (GOLDEN / f"{structure_id}.docx").read_bytes()
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(docx_to_pdf(golden))
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    structure = bundled_structures()[structure_id]
    for section in structure.sections:
        if section.role == "body":
            assert " ".join(f"{section.title}: {section.example}".split()) in flat
    assert "Zoë Müller" in flat


def test_pdf_export_without_libreoffice(tmp_path: Path, monkeypatch) -> None:
    from oped_studio.export import pdf

    monkeypatch.setattr(pdf.shutil, "which", lambda _name: None)
    assert not pdf_available()
    with pytest.raises(ExportError, match="needs LibreOffice"):
        export_draft(structure_draft("letter-response"), "pdf", tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


# -- CLI -------------------------------------------------------------------------------------------


def export_fixture(out: Path, *extra: str) -> int:
    """Run ``oped-studio export`` on the format-1 fixture draft."""
    draft = str(FIXTURES / "drafts" / "format-1.oped")
    return main(["export", draft, "--format", out.suffix[1:], "--out", str(out), *extra])


def test_cli_export_draft_and_text(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "letter.docx"
    assert export_fixture(out) == 0
    assert "Exported" in capsys.readouterr().out
    assert ("Recipient", "The New York Times") in paragraphs(out.read_bytes())
    assert export_fixture(out) == 2
    assert "already exists" in capsys.readouterr().err
    body = tmp_path / "body.txt"
    body.write_text("First paragraph.\n\nSecond \x00paragraph.\n", encoding="utf-8")
    eml = tmp_path / "letter.eml"
    assert (
        main(
            [
                "export",
                str(body),
                "--format",
                "eml",
                "--out",
                str(eml),
                "--name",
                "Sam Carter",
                "--email",
                "sam@example.org",
                "--headline",
                "Bus cuts",
                "--outlet",
                "nyt",
            ]
        )
        == 0
    )
    captured = capsys.readouterr()
    assert "1 NUL characters" in captured.err
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert message["Subject"] == "Letter to the editor: Bus cuts"
    assert message.get_content().startswith(
        'Re: "Bus cuts"\n\nFirst paragraph.\n\nSecond paragraph.'
    )
    assert (
        main(
            [
                "export",
                str(body),
                "--format",
                "txt",
                "--out",
                str(tmp_path / "x.txt"),
                "--article-date",
                "June 5",
            ]
        )
        == 2
    )
    assert "--article-date must be a date" in capsys.readouterr().err
    assert (
        main(["export", str(body), "--format", "txt", "--out", str(tmp_path / "no" / "x.txt")]) == 2
    )
    assert "does not exist" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (errno.EBUSY, "in use by another program"),
        (errno.EACCES, "permission denied"),
        (errno.EINVAL, "characters this disk does not accept"),
        (errno.ENOSPC, "disk is full"),
    ],
)
def test_cli_export_os_refusals_are_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch, code: int, message: str
) -> None:
    """Locked files, read-only folders, refused names and full disks, as the OS reports them."""
    out = tmp_path / "letter.docx"
    out.write_bytes(b"the file open in Word")

    def refuse(*_a, **_k):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(atomic.os, "replace", refuse)
    status = export_fixture(out, "--force")
    err = capsys.readouterr().err
    assert status == 2 and message in err and err.count("\n") == 1
    assert out.read_bytes() == b"the file open in Word"
    assert sorted(
        p.name for p in tmp_path.iterdir() if p.suffix == ".docx" or ".tmp" in p.name
    ) == ["letter.docx"]
