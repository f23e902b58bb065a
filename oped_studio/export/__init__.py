"""Writers that turn a draft into files an editor receives: .docx, .txt, .eml and PDF.

Writers only read a draft; they never change it. The wording comes from the letter templates
(:mod:`oped_studio.core.render`); the layout is the writers' own.
"""

from __future__ import annotations

from oped_studio.export.exporter import (
    FORMATS,
    SUFFIXES,
    ExportError,
    ExportResult,
    default_name,
    docx_bytes,
    email_message,
    export_draft,
    pdf_available,
    plain_text,
)

__all__ = [
    "FORMATS",
    "SUFFIXES",
    "ExportError",
    "ExportResult",
    "default_name",
    "docx_bytes",
    "email_message",
    "export_draft",
    "pdf_available",
    "plain_text",
]
