"""Exporting a draft: .docx, .txt, .eml and PDF, each written atomically.

A failed export never leaves a half-written file where the user asked for one: every format
is built in memory (PDF in a private temporary folder) and then written with the same atomic
write the drafts use. An existing file is replaced only when the caller says so, and a link,
a folder or a device never (:func:`oped_studio.core.atomic.check_target`).
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from datetime import date, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from oped_studio.core.atomic import TargetError, atomic_write_bytes, check_target
from oped_studio.core.cleaning import CleanReport, clean_text, one_line, plain_typography
from oped_studio.core.draft import Draft
from oped_studio.core.errors import OpedError, SaveError, describe_os_error
from oped_studio.core.outlets import Outlet
from oped_studio.core.packs import Pack
from oped_studio.core.render import blocks_to_text, letter_blocks
from oped_studio.export.pdf import libreoffice

FORMATS = ("docx", "txt", "eml", "pdf")
SUFFIXES = {"docx": ".docx", "txt": ".txt", "eml": ".eml", "pdf": ".pdf"}
#: Seconds LibreOffice may take to convert one letter.
PDF_TIMEOUT = 120


class ExportError(OpedError):
    """An export that could not be done; nothing was written where the user asked."""


@dataclass
class ExportResult:
    path: Path
    format: str
    cleaned: CleanReport = field(default_factory=CleanReport)


def _header_text(text: str) -> str:
    """Text for a mail header: cleaned and folded to one line (no break can start a header)."""
    return one_line(clean_text(plain_typography(text)))


def _subject_title(draft: Draft) -> str:
    return draft.title.strip() or draft.article.headline.strip() or draft.display_title()


def plain_text(
    draft: Draft,
    outlet: Outlet | None = None,
    *,
    today: date | None = None,
    report: CleanReport | None = None,
    templates: Path | None = None,
) -> str:
    """The letter as plain text for an email body or a web form (and the clipboard).

    ``templates`` is the writer's own templates folder (``AppPaths.templates``), whose files
    replace the bundled ones; None: the bundled templates only. Every writer here takes it.
    """
    blocks = letter_blocks(draft, outlet, today=today, report=report, templates=templates)
    return plain_typography(blocks_to_text(blocks))


def email_message(
    draft: Draft,
    outlet: Outlet | None = None,
    *,
    today: date | None = None,
    report: CleanReport | None = None,
    now: datetime | None = None,
    templates: Path | None = None,
) -> bytes:
    """An unsent email draft (.eml) any mail program opens: never sent by the app."""
    message = EmailMessage()
    kind = "Letter to the editor" if draft.kind == "lte" else "Op-ed submission"
    message["Subject"] = f"{kind}: {_header_text(_subject_title(draft))}"[:300]
    address = outlet.rules_for(draft.kind).send_to.email if outlet else ""
    if address:
        message["To"] = Address(display_name=_header_text(outlet.name), addr_spec=address)
    author = draft.author
    if re.fullmatch(r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+", author.email.strip()):
        try:
            message["From"] = Address(
                display_name=_header_text(author.name), addr_spec=author.email.strip()
            )
        except (ValueError, IndexError):
            message["From"] = author.email.strip()
    message["Date"] = format_datetime((now or datetime.now()).astimezone())
    message["X-Unsent"] = "1"  # Outlook and others open it as a draft to edit and send
    message["X-Mailer"] = "OpEd Studio"
    body = plain_text(draft, outlet, today=today, report=report, templates=templates)
    message.set_content(body, charset="utf-8", cte="quoted-printable")
    return bytes(message)


def docx_bytes(
    draft: Draft,
    outlet: Outlet | None = None,
    pack: Pack | None = None,
    *,
    today: date | None = None,
    report: CleanReport | None = None,
    created: datetime | None = None,
    templates: Path | None = None,
) -> bytes:
    from oped_studio.export.docx_writer import build_docx  # python-docx loads lxml: not at start

    blocks = letter_blocks(draft, outlet, today=today, report=report, templates=templates)
    kind = "letter to the editor" if draft.kind == "lte" else "op-ed"
    topic = pack.title if pack else draft.pack_id
    # The document's properties are XML too: the same cleaning (counted once, in the body).
    return build_docx(
        blocks,
        title=one_line(clean_text(_subject_title(draft))),
        author=one_line(clean_text(draft.author.name)),
        subject=one_line(clean_text(outlet.name)) if outlet else "",
        keywords=clean_text(f"{topic}, {kind}" if topic else kind),
        created=created,
    )


# -- PDF ---------------------------------------------------------------------------------------


def docx_to_pdf(docx: bytes) -> bytes:
    """Convert a .docx to PDF with LibreOffice, headless, in a private temporary profile."""
    command = libreoffice()
    if command is None:
        raise ExportError(
            "PDF export needs LibreOffice, which is not installed; export a Word document "
            "instead, or install LibreOffice."
        )
    with tempfile.TemporaryDirectory(prefix="oped-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "letter.docx"
        source.write_bytes(docx)
        profile = (folder / "profile").as_uri()
        try:
            subprocess.run(
                [
                    command,
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(folder),
                    str(source),
                ],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=PDF_TIMEOUT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            raise ExportError(
                f"LibreOffice did not finish the PDF within {PDF_TIMEOUT} seconds."
            ) from None
        except OSError as exc:
            raise ExportError(
                f"LibreOffice could not be started: {describe_os_error(exc)}."
            ) from exc
        result = folder / "letter.pdf"
        if not result.is_file() or result.stat().st_size == 0:
            raise ExportError("LibreOffice could not convert the letter to PDF.")
        return result.read_bytes()


# -- one entry point ---------------------------------------------------------------------------


def export_draft(
    draft: Draft,
    fmt: str,
    out: Path | str,
    *,
    outlet: Outlet | None = None,
    pack: Pack | None = None,
    force: bool = False,
    today: date | None = None,
    templates: Path | None = None,
) -> ExportResult:
    """Write ``draft`` to ``out`` in ``fmt``; raises :class:`ExportError` with a clear reason.

    ``templates``: the writer's own templates folder (see :func:`plain_text`).
    """
    if fmt not in FORMATS:
        raise ExportError(f"Unknown format '{fmt}'; use one of: {', '.join(FORMATS)}.")
    out = Path(out)
    try:
        check_target(out, force=force)
    except TargetError as exc:
        raise ExportError(str(exc)) from None
    report = CleanReport()
    if fmt == "txt":
        data = plain_text(draft, outlet, today=today, report=report, templates=templates)
        data = data.encode("utf-8")
    elif fmt == "eml":
        data = email_message(draft, outlet, today=today, report=report, templates=templates)
    else:
        data = docx_bytes(draft, outlet, pack, today=today, report=report, templates=templates)
        if fmt == "pdf":
            data = docx_to_pdf(data)
    try:
        atomic_write_bytes(out, data, private=False, force=force)
    except TargetError as exc:
        raise ExportError(str(exc)) from None
    except SaveError as exc:
        raise ExportError(f"Could not export to {out}: {exc.reason}.") from exc
    except ValueError as exc:  # an embedded NUL or similar in the name
        raise ExportError(f"The file name {out.name!r} is not allowed here: {exc}.") from exc
    return ExportResult(out, fmt, report)


def default_name(draft: Draft, fmt: str) -> str:
    """A file name for the export: the draft's title, safe for any disk."""
    from oped_studio.core.library import slugify

    return slugify(draft.display_title(), limit=60) + SUFFIXES[fmt]
