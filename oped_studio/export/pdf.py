"""Whether PDF export can work here: it needs LibreOffice (cheap to ask; used at start-up)."""

from __future__ import annotations

import shutil


def libreoffice() -> str | None:
    """The LibreOffice command, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdf_available() -> bool:
    return libreoffice() is not None
