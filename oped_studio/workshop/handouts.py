"""One-page handouts for the tables at a letter-writing event, from a kit.

* ``<pack>-points.docx``: each talking point with its strongest fact or two and where they
  come from, and what to ask for; the pack's sources at the foot
  when there is room.
* ``papers.docx``: each paper of the kit with its word limit, how soon it wants a letter,
  where to send it, what to include and whether it must be the only paper you send it to;
  every rule with its source.

They are laid out to fit one page each (small type, narrow margins; a test converts them to
PDF and counts the pages).
"""

from __future__ import annotations

import functools
import io
import os
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from oped_studio.core.atomic import TargetError, atomic_write_bytes, check_targets
from oped_studio.core.kits import Kit
from oped_studio.core.outlets import Outlet, Rules, load_directory
from oped_studio.core.packs import Pack, human_date, load_pack
from oped_studio.core.paths import AppPaths

FONT = "Georgia"
_CONTACT_WORDS = {
    "name": "your name",
    "address": "street address",
    "city": "city",
    "phone": "phone",
    "email": "email",
}


def _document(title: str, subtitle: str):
    document = Document()
    section = document.sections[0]
    section.top_margin = section.bottom_margin = Cm(1.5)
    section.left_margin = section.right_margin = Cm(1.7)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(9.5)
    normal.paragraph_format.space_after = Pt(2)
    heading = document.add_paragraph()
    run = heading.add_run(title)
    run.bold = True
    run.font.size = Pt(16)
    if subtitle:
        note = document.add_paragraph(subtitle)
        note.runs[0].italic = True
        note.paragraph_format.space_after = Pt(8)
    return document


def _save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _two_columns(document) -> None:
    """Set the page in two columns (python-docx has no call for it: the section's XML)."""
    section_properties = document.sections[0]._sectPr
    columns = section_properties.find(qn("w:cols"))
    if columns is None:
        columns = OxmlElement("w:cols")
        section_properties.append(columns)
    columns.set(qn("w:num"), "2")
    columns.set(qn("w:space"), "454")  # 0.8 cm, in twentieths of a point


def points_handout(pack: Pack, event: str) -> bytes:
    document = _document(pack.title, f"{event}: talking points. Say it in your own words.")
    per_point = 2 if len(pack.points) <= 6 else 1  # what fits on one page
    if len(pack.points) > 6:
        _two_columns(document)
        document.styles["Normal"].font.size = Pt(8.5)
        section = document.sections[0]
        section.top_margin = section.bottom_margin = Cm(1.2)
    for theme, points in pack.points_by_theme().items():
        label = document.add_paragraph()
        label.paragraph_format.space_before = Pt(6)
        run = label.add_run(theme.upper())
        run.bold = True
        run.font.size = Pt(8.5)
        for point in points:
            line = document.add_paragraph()
            line.add_run(point.headline).bold = True
            for fact in point.facts[:per_point]:
                fact_line = document.add_paragraph(style="List Bullet")
                fact_line.add_run(fact.text + " ")
                cite = fact_line.add_run(f"({pack.citation(fact)})")
                cite.italic = True
            if point.asks:
                ask = document.add_paragraph()
                ask.add_run("Ask: ").italic = True
                ask.add_run(point.asks[0])
    if per_point == 1:  # a long pack: the citations beside the facts have to do
        return _save(document)
    sources = document.add_paragraph()
    sources.paragraph_format.space_before = Pt(8)
    sources.add_run("Sources: ").bold = True
    sources.add_run(
        "; ".join(
            f"{s.publisher}, “{s.title}” ({human_date(s.date)})" + (f" {s.url}" if s.url else "")
            for s in pack.sources
        )
    )
    for run in sources.runs:
        run.font.size = Pt(8)
    return _save(document)


def papers_handout(outlets: list[Outlet], event: str, kind: str = "lte") -> bytes:
    """Each paper's rules for ``kind`` (the kit's: "lte" or "oped"), where to send it first:
    an op-ed event's handout gives the op-ed desk's address, not the letters desk's."""
    piece, pieces = ("op-ed", "Op-eds") if kind == "oped" else ("letter", "Letters")
    document = _document(f"Where to send your {piece}", f"{event}: the papers and their rules.")
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    headers = ("Paper", pieces, "Send to", "Include", "Good to know")
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    sources = []
    for outlet in outlets:
        rules = outlet.rules_for(kind)
        limit = (
            f"at most {rules.word_limit} words"
            if rules.word_limit
            else f"at most {rules.char_limit:,} characters"
            if rules.char_limit
            else "limit not known"
        )
        if rules.days_after_article:
            limit += f"; about articles from the last {rules.days_after_article} days"
        include = ", ".join(_CONTACT_WORDS.get(c, c) for c in rules.required_contact)
        include = include or "not listed"
        notes = []
        if rules.exclusive:
            notes.append("send to this paper only")
        if rules.attachments is False:
            notes.append("no attachments: paste the letter into the email")
        if rules.frequency:
            notes.append(rules.frequency)
        row = table.add_row().cells
        row[0].text = outlet.name + (f"\n{outlet.place()}" if outlet.place() else "")
        row[1].text = limit
        row[2].text = _send_to(rules)
        row[3].text = include
        row[4].text = "; ".join(notes) or "—"
        if rules.source or rules.source_url:
            weak = " (second-hand or old: check the paper's page)" if rules.weak_source else ""
            read = f", read on {rules.read_on}" if rules.read_on else ""
            page = f" {rules.source_url}" if rules.source_url else ""
            sources.append(f"{outlet.name}: {rules.source}{page}{read}{weak}")
    note = document.add_paragraph()
    note.paragraph_format.space_before = Pt(8)
    note.add_run("Where these rules come from: ").bold = True
    note.add_run("; ".join(sources) or "not recorded")
    for run in note.runs:
        run.font.size = Pt(8)
    return _save(document)


def _send_to(rules: Rules) -> str:
    """Where to send the piece, as the paper states it (email, its own web form, post);
    without one, the page its rules were read from (where the paper says how to send)."""
    where = rules.send_to
    send = "\n".join(v for v in (where.email, where.web_form, where.postal_address) if v)
    if send:
        return send
    if rules.source_url:
        return f"not known: see {rules.source_url}"
    return "not known: see the paper's website"


def write_handouts(kit: Kit, out: Path, paths: AppPaths, *, force: bool = False) -> list[Path]:
    """Write the kit's handouts into ``out`` (the kit's papers as the directory of ``paths``
    and the kit give them); returns the files written. A handout already in ``out`` is
    replaced only with ``force`` (a link or a device never); nothing is written unless every
    handout may be."""
    event = kit.manifest.title
    loads = [load_pack(path, "user") for path in sorted(kit.packs_dir.glob("*.toml"))]
    packs = {ld.pack.id: ld.pack for ld in loads if ld.ok and ld.pack is not None}
    handouts = [
        (out / f"{pack_id}-points.docx", functools.partial(points_handout, packs[pack_id], event))
        for pack_id in kit.manifest.packs
        if pack_id in packs
    ]
    extra = [kit.outlets_file] if kit.outlets_file.is_file() else []
    directory = load_directory(paths, extra)
    outlets = [directory.get(i) for i in kit.manifest.outlets if directory.get(i) is not None]
    if outlets:
        kind = kit.manifest.default_kind
        papers = functools.partial(papers_handout, outlets, event, kind)
        handouts.append((out / "papers.docx", papers))
    if out.is_dir():
        check_targets(out, [target for target, _ in handouts], force=force)
    elif os.path.lexists(out):
        raise TargetError(f"{out} is a file, not a folder; give a folder for the handouts.")
    out.mkdir(parents=True, exist_ok=True)
    for target, build in handouts:
        atomic_write_bytes(target, build(), private=False, force=force)
    return [target for target, _ in handouts]
