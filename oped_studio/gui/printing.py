"""Printing a letter: as simple HTML for Qt's print preview, laid out like the Word letter."""

from __future__ import annotations

import html
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from oped_studio.core.render import Block

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtGui import QTextDocument

    from oped_studio.core.draft import Draft
    from oped_studio.core.outlets import Outlet


def letter_document(
    draft: Draft, outlet: Outlet | None, templates: Path | None, parent: QObject
) -> QTextDocument:
    """``draft``'s letter (for ``outlet``, in the writer's own ``templates``) as a document
    to print, laid out like the Word letter. Raises TemplateError for a broken template."""
    from PySide6.QtGui import QTextDocument

    from oped_studio.core.render import letter_blocks

    blocks = letter_blocks(draft, outlet, templates=templates)
    document = QTextDocument(parent)
    document.setHtml(print_html(blocks))
    return document


def print_html(blocks: Iterable[Block]) -> str:
    """The letter as simple HTML for printing, laid out like the Word letter.

    Qt's rich text takes margins in px only (pt is ignored), so the Word letter's spacing
    (12 pt, 10 pt, 18 pt) is given as 16, 13 and 24 px.
    """
    spacing = {"date": 16, "re": 16, "signature": 16, "bio": 16, "disclosure": 16, "words": 24}
    parts = ['<html><body style="font-family: Georgia, serif; font-size: 11.5pt;">']
    previous = None
    for block in blocks:
        text = html.escape(block.text).replace("\n", "<br>")
        if block.role == "title":
            parts.append(f'<h1 style="font-size: 20pt; margin-bottom: 8px;">{text}</h1>')
            previous = block.role
            continue
        top = spacing.get(block.role, 0)
        if block.role == "contact" and previous not in (None, "contact"):
            top = 24
        if block.role == "recipient" and previous != "recipient":
            top = 16
        bottom = {"body": 13, "byline": 13, "re": 16}.get(block.role, 0)
        style = f"margin-top: {top}px; margin-bottom: {bottom}px;"
        if block.role == "re":
            text = f"<b>{text}</b>"
        if block.role in ("byline", "bio", "disclosure"):
            text = f"<i>{text}</i>"
        if block.role == "words":
            style += " color: #595959; font-size: 9pt;"
            parts.append(f'<p align="right" style="{style}">{text}</p>')
        else:
            parts.append(f'<p style="{style}">{text}</p>')
        previous = block.role
    parts.append("</body></html>")
    return "".join(parts)
