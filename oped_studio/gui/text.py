"""Small, translatable text helpers shared by the pages."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

#: Okabe-Ito colours, told apart by people with the common kinds of colour blindness; the
#: underline style differs too, so colour is never the only cue.
CATEGORY_STYLE: dict[str, tuple[str, QTextCharFormat.UnderlineStyle]] = {
    "spelling": ("#D55E00", QTextCharFormat.UnderlineStyle.WaveUnderline),
    "grammar": ("#0072B2", QTextCharFormat.UnderlineStyle.WaveUnderline),
    "punctuation": ("#0072B2", QTextCharFormat.UnderlineStyle.DashUnderline),
    "capitalization": ("#0072B2", QTextCharFormat.UnderlineStyle.DashUnderline),
    "word-choice": ("#CC79A7", QTextCharFormat.UnderlineStyle.WaveUnderline),
    "style": ("#E69F00", QTextCharFormat.UnderlineStyle.DotLine),
    "readability": ("#009E73", QTextCharFormat.UnderlineStyle.DotLine),
    "length": ("#000000", QTextCharFormat.UnderlineStyle.SingleUnderline),
    "originality": ("#7A6A00", QTextCharFormat.UnderlineStyle.SingleUnderline),
}


def word_count_text(count: int) -> str:
    """'1 word' or '1,234 words' (Qt's %n plurals need a translation file even in English)."""
    if count == 1:
        return QCoreApplication.translate("Text", "1 word")
    return QCoreApplication.translate("Text", "%1 words").replace("%1", f"{count:,}")


def step_layout(page: QWidget, title: str, bottom: int = 8) -> QVBoxLayout:
    """A step page's layout, opened by the step's heading (the same margins on every step)."""
    from PySide6.QtCore import Qt  # not at start-up: see StartPage._configure_outlet_search

    layout = QVBoxLayout(page)
    layout.setContentsMargins(24, 16, 24, bottom)
    heading = QLabel(f"<h2>{title}</h2>")
    heading.setTextFormat(Qt.TextFormat.RichText)
    layout.addWidget(heading)
    return layout


def qt_position(text: str, index: int) -> int:
    """A Python string index into ``text`` as a Qt document position (UTF-16 code units)."""
    return index + sum(1 for char in text[:index] if ord(char) > 0xFFFF)
