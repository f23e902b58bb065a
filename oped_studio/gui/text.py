"""Small, translatable text helpers shared by the pages."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def word_count_text(count: int) -> str:
    """'1 word' or '1,234 words' (Qt's %n plurals need a translation file even in English)."""
    if count == 1:
        return QCoreApplication.translate("Text", "1 word")
    return QCoreApplication.translate("Text", "%1 words").replace("%1", f"{count:,}")
