"""Writers that turn a draft into files an editor receives: .docx, .txt, .eml and PDF.

Writers only read a draft; they never change it. The wording comes from the letter templates
(:mod:`oped_studio.core.render`); the layout is the writers' own.
"""

from __future__ import annotations

from typing import Any

#: The names this package offers, loaded from ``exporter`` on first use (PEP 562): the app's
#: start-up needs only ``pdf.pdf_available``, not the email and Word machinery.
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


def __getattr__(name: str) -> Any:
    if name == "pdf_available":
        from oped_studio.export.pdf import pdf_available

        return pdf_available
    if name in __all__:
        from oped_studio.export import exporter

        return getattr(exporter, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
