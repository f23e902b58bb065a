"""Small, translatable text helpers shared by the pages."""

from __future__ import annotations

import functools
import itertools
import re

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor, QTextCharFormat
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from oped_studio.gui.colours import is_dark, readable

#: Okabe-Ito hues, told apart by people with the common kinds of colour blindness, darkened
#: to read at 4.5:1 on a light background; the underline style differs too, so colour is
#: never the only cue. On a dark background the colours of CATEGORY_ON_DARK are used.
CATEGORY_STYLE: dict[str, tuple[str, QTextCharFormat.UnderlineStyle]] = {
    "spelling": ("#B04A00", QTextCharFormat.UnderlineStyle.WaveUnderline),
    "grammar": ("#0067A0", QTextCharFormat.UnderlineStyle.WaveUnderline),
    "punctuation": ("#0067A0", QTextCharFormat.UnderlineStyle.DashUnderline),
    "capitalization": ("#0067A0", QTextCharFormat.UnderlineStyle.DashUnderline),
    "word-choice": ("#A33D7A", QTextCharFormat.UnderlineStyle.WaveUnderline),
    "style": ("#8A5A00", QTextCharFormat.UnderlineStyle.DotLine),
    "readability": ("#00785A", QTextCharFormat.UnderlineStyle.DotLine),
    "length": ("#000000", QTextCharFormat.UnderlineStyle.SingleUnderline),
    "originality": ("#6B5D00", QTextCharFormat.UnderlineStyle.SingleUnderline),
}
#: The same hues, lightened to read at 4.5:1 on the dark and high-contrast themes.
CATEGORY_ON_DARK: dict[str, str] = {
    "spelling": "#FF8A50",
    "grammar": "#56B4E9",
    "punctuation": "#56B4E9",
    "capitalization": "#56B4E9",
    "word-choice": "#E59CC6",
    "style": "#E69F00",
    "readability": "#36C9A0",
    "length": "#E8EAED",
    "originality": "#D4C24A",
}


def category_style(
    category: str, background: QColor
) -> tuple[QColor, QTextCharFormat.UnderlineStyle]:
    """The colour (readable on ``background``) and underline style of an issue category."""
    light, style = CATEGORY_STYLE.get(
        category, ("#000000", QTextCharFormat.UnderlineStyle.SingleUnderline)
    )
    chosen = CATEGORY_ON_DARK.get(category, "#FFFFFF") if is_dark(background) else light
    return readable(QColor(chosen), background), style


def issue_mark(editor, text: str, start: int, end: int, category: str, copied=None):
    """An extra selection marking ``text[start:end]`` in ``editor`` (a QPlainTextEdit or
    QTextEdit showing ``text``) in the category's colour for the editor's background; with
    ``copied`` (background, text) the copied-wording highlight too. Extra selections never
    touch the document's own formats (which would leak into later text) or its undo."""
    from PySide6.QtGui import QPalette, QTextCursor
    from PySide6.QtWidgets import QTextEdit

    base = editor.palette().color(QPalette.ColorRole.Base)
    color, style = category_style(category, base)
    selection = QTextEdit.ExtraSelection()
    selection.format.setUnderlineStyle(style)
    selection.format.setUnderlineColor(color)
    if copied is not None and category == "originality":  # readable on the highlight
        background, foreground = copied
        selection.format.setBackground(background)
        selection.format.setForeground(foreground)
        selection.format.setUnderlineColor(foreground)
    cursor = QTextCursor(editor.document())
    cursor.setPosition(qt_position(text, start))
    cursor.setPosition(qt_position(text, end), QTextCursor.MoveMode.KeepAnchor)
    selection.cursor = cursor
    return selection


def for_kind(kind: str, letter: str, oped: str) -> str:
    """``letter`` for a letter to the editor, ``oped`` for an op-ed: the app never calls an
    op-ed a letter. Both are whole translated sentences (a word swapped in would not
    translate)."""
    return oped if kind == "oped" else letter


def send_to_text(send_to) -> str:
    """Where a paper takes pieces, one line: "Send to: letters@… · form: https://… · post: …"
    (empty when no source gives it)."""
    tr = QCoreApplication.translate
    parts = []
    if send_to.email:
        parts.append(tr("Text", "email %1").replace("%1", send_to.email))
    if send_to.web_form:
        parts.append(tr("Text", "the paper's form %1").replace("%1", send_to.web_form))
    if send_to.postal_address:
        parts.append(tr("Text", "post to %1").replace("%1", send_to.postal_address))
    return tr("Text", "Send it: %1").replace("%1", " · ".join(parts)) if parts else ""


def provenance_text(rules) -> str:
    """Where a paper's rules come from, as a reader can check them: "Read on 2026-11-23 from
    https://… (page dated 2017-03-01)", with a warning for a weak source."""
    tr = QCoreApplication.translate
    where = rules.source_url or rules.source
    if not where:
        return tr("Text", "Source: not recorded; check the paper's own page")
    text = (
        tr("Text", "Read on %1 from %2").replace("%1", rules.read_on).replace("%2", where)
        if rules.read_on
        else tr("Text", "Source: %1").replace("%1", where)
    )
    if rules.source_date:
        text += " " + tr("Text", "(page dated %1)").replace("%1", rules.source_date)
    if rules.weak_source:
        text += " " + tr("Text", "— second-hand or old: check the paper's own page")
    return text


def word_count_text(count: int) -> str:
    """'1 word' or '1,234 words' (Qt's %n plurals need a translation file even in English)."""
    if count == 1:
        return QCoreApplication.translate("Text", "1 word")
    return QCoreApplication.translate("Text", "%1 words").replace("%1", f"{count:,}")


def limit_text(words: int, limit: int | None) -> str:
    """The whole letter against the paper's limit: "113 left", or "37 over 150: cut about a
    quarter" (the share of the letter to cut, rounded up to a fraction a first-time writer
    can act on)."""
    if not limit:
        return ""
    over = words - limit
    if over <= 0:
        return QCoreApplication.translate("Text", "%1 left").replace("%1", f"{-over:,}")
    share = over / words
    if share < 0.05:
        text = QCoreApplication.translate("Text", "%1 over %2: trim a little")
    else:
        cuts = (
            (1 / 10, QCoreApplication.translate("Text", "%1 over %2: cut about a tenth")),
            (1 / 4, QCoreApplication.translate("Text", "%1 over %2: cut about a quarter")),
            (1 / 3, QCoreApplication.translate("Text", "%1 over %2: cut about a third")),
            (1 / 2, QCoreApplication.translate("Text", "%1 over %2: cut about half")),
            (2 / 3, QCoreApplication.translate("Text", "%1 over %2: cut about two thirds")),
            (3 / 4, QCoreApplication.translate("Text", "%1 over %2: cut about three quarters")),
            (9 / 10, QCoreApplication.translate("Text", "%1 over %2: keep only about a tenth")),
        )
        # Rounded up: cutting what it says always brings the letter within the limit.
        text = next((text for part, text in cuts if part >= share), cuts[-1][1])
    return text.replace("%1", f"{over:,}").replace("%2", f"{limit:,}")


def as_text(label: QLabel) -> QLabel:
    """``label``, set to show its text as it is, never as HTML.

    QLabel's default (Qt::AutoText) draws anything that looks like markup as rich text, so a
    kit's, pack's, paper's or draft's ``<a href=…>`` or ``<img src=…>`` would become a link or
    an image. Every label that shows such text goes through here. Set by value (Qt::PlainText
    = 0), as StartPage._configure_outlet_search explains: no ``Qt`` namespace at start-up.
    """
    label.setProperty("textFormat", 0)
    return label


def tip(text: str) -> str:
    """``text`` as a tooltip that shows it as it is: Qt draws a tooltip that looks like markup
    as HTML (as QLabel's AutoText does), so text that could hold a tag is escaped inside a
    paragraph; other text is shown as plain text already."""
    if "<" not in text:
        return text
    # Escaped by hand: ``html.escape`` would import html.entities (a few ms) at start-up.
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "<p>" + escaped.replace("\n", "<br>") + "</p>"


def step_layout(page: QWidget, title: str, bottom: int = 8) -> QVBoxLayout:
    """A step page's layout, opened by the step's heading (the same margins on every step)."""
    from PySide6.QtCore import Qt  # not at start-up: see StartPage._configure_outlet_search

    layout = QVBoxLayout(page)
    layout.setContentsMargins(24, 16, 24, bottom)
    heading = QLabel(f"<h2>{title}</h2>")
    heading.setTextFormat(Qt.TextFormat.RichText)
    layout.addWidget(heading)
    return layout


_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")


@functools.lru_cache(maxsize=8)
def _astral_before(text: str) -> list[int] | None:
    """For each index of ``text``, how many characters before it take two UTF-16 units (None:
    none do). Kept for the last few texts: marking 25,000 issues in a 100,000-character text
    counted from its start for each (minutes), now once."""
    if _ASTRAL_RE.search(text) is None:
        return None
    return [0, *itertools.accumulate(ord(char) > 0xFFFF for char in text)]


def qt_position(text: str, index: int) -> int:
    """A Python string index into ``text`` as a Qt document position (UTF-16 code units)."""
    before = _astral_before(text)
    return index if before is None else index + before[index]
