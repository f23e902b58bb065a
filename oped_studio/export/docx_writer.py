"""The Word letter: python-docx lays out the blocks the letter template worded.

Every part has a real paragraph style (the contact block, the date, the letters desk, the
"Re:" line, the body, the signature...) based on Normal, so a writer can restyle the whole
letter in Word; spacing comes from the styles, never from empty paragraphs. The core
properties carry the title, the author, the paper (subject) and the pack (keywords).
"""

from __future__ import annotations

import io
from datetime import UTC, datetime

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt, RGBColor

from oped_studio import __version__
from oped_studio.core.render import Block

FONT = "Georgia"
BODY_SIZE = Pt(11.5)

# role -> (style name, space before, space after, italic, bold, size)
_STYLES: dict[str, tuple[str, float, float, bool, bool, float | None]] = {
    "contact": ("Contact Block", 0, 0, False, False, None),
    "date": ("Letter Date", 12, 12, False, False, None),
    "recipient": ("Recipient", 0, 0, False, False, None),
    "re": ("Re Line", 12, 12, False, True, None),
    "byline": ("Byline", 0, 12, True, False, None),
    "body": ("Letter Body", 0, 10, False, False, None),
    "signature": ("Signature", 12, 0, False, False, None),
    "bio": ("Author Bio", 12, 0, True, False, None),
    "disclosure": ("Disclosure", 12, 0, True, False, 10),
    "words": ("Word Count", 18, 0, False, False, 9),
}


def _setup_styles(document) -> None:
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = BODY_SIZE
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.15
    # East Asian text falls back to the same face rather than a default one.
    rpr = normal.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", FONT
    )
    title = document.styles["Title"]
    title.font.name = FONT
    title.font.size = Pt(20)
    title.font.color.rgb = RGBColor(0x1F, 0x1F, 0x1F)
    title.paragraph_format.space_after = Pt(6)
    for name, before, after, italic, bold, size in _STYLES.values():
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
        style.font.italic = italic or None
        style.font.bold = bold or None
        if size:
            style.font.size = Pt(size)
    document.styles["Word Count"].font.color.rgb = RGBColor(0x59, 0x59, 0x59)


def _add(document, style: str, text: str):
    paragraph = document.add_paragraph(style=style)
    lines = text.split("\n")
    for index, line in enumerate(lines):
        run = paragraph.add_run(line)
        if index < len(lines) - 1:
            run.add_break()
    return paragraph


def build_docx(
    blocks: list[Block],
    *,
    title: str,
    author: str,
    subject: str,
    keywords: str,
    created: datetime | None = None,
) -> bytes:
    """The .docx file's bytes for ``blocks``."""
    document = Document()
    section = document.sections[0]
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.left_margin = section.right_margin = Cm(2.5)
    _setup_styles(document)
    previous = None
    for block in blocks:
        if block.role == "title":
            _add(document, "Title", block.text)
        else:
            style = _STYLES[block.role][0]
            paragraph = _add(document, style, block.text)
            if block.role == "words":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            if block.role == "contact" and previous != "contact" and previous is not None:
                paragraph.paragraph_format.space_before = Pt(18)
        previous = block.role
    props = document.core_properties
    props.title = title[:255]
    props.author = author[:255]
    props.subject = subject[:255]
    props.keywords = keywords[:255]
    props.comments = f"Written with OpEd Studio {__version__}"
    props.last_modified_by = author[:255]
    moment = created or datetime.now(UTC).replace(microsecond=0)
    props.created = moment
    props.modified = moment
    props.revision = 1
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
