"""Letter structures: the ordered sections a draft of each kind is written in.

A structure is a TOML file in ``templates/structures/`` (see the files there for the format):
an id, the kind of piece, a title and description, and its sections, each with an id, title,
the question that prompts the writer, guidance, a short example, and its share of the word
budget.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from oped_studio.core.draft import DEFAULT_STRUCTURE, KINDS
from oped_studio.core.errors import OpedError
from oped_studio.core.files import ParseError, UnreadableFileError, loads_toml, read_text_file
from oped_studio.core.paths import bundled_dir, kit_folder

log = logging.getLogger(__name__)


class StructureError(OpedError):
    """A structure file that cannot be used; the message names the file and the field."""


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    prompt: str
    guidance: str
    example: str
    share: float
    #: "body" for the letter's paragraphs; "signoff" for the signature or author line.
    role: str = "body"


@dataclass(frozen=True)
class Structure:
    id: str
    kind: str
    title: str
    description: str
    sections: tuple[Section, ...]

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)


_SECTION_KEYS = {"id", "title", "prompt", "guidance", "example", "share", "role"}
ROLES = ("body", "signoff")
_STRUCTURE_KEYS = {"id", "kind", "title", "description", "sections"}


def _require_text(table: dict, key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise StructureError(f"{where}: {key}: must be non-empty text")
    return value.strip()


def parse_structure(path: Path) -> Structure:
    """Read and check one structure file; raises :class:`StructureError`."""
    try:
        data = loads_toml(read_text_file(path, what="letter structure"))
    except UnreadableFileError as exc:
        raise StructureError(f"{path}: cannot be read: {exc.reason}") from None
    except ParseError as exc:
        where = f"{path}:{exc.line}" if exc.line else str(path)
        raise StructureError(f"{where}: is not valid TOML: {exc.reason}") from None
    where = str(path)
    unknown = set(data) - _STRUCTURE_KEYS
    if unknown:
        raise StructureError(f"{where}: unknown key(s): {', '.join(sorted(unknown))}")
    kind = _require_text(data, "kind", where)
    if kind not in KINDS:
        raise StructureError(f"{where}: kind: must be one of {', '.join(KINDS)}, not {kind!r}")
    raw_sections = data.get("sections")
    if not isinstance(raw_sections, list) or not raw_sections:
        raise StructureError(f"{where}: sections: needs at least one [[sections]] entry")
    sections: list[Section] = []
    for number, table in enumerate(raw_sections, start=1):
        swhere = f"{where}: section {number}"
        if not isinstance(table, dict):
            raise StructureError(f"{swhere}: must be a table")
        unknown = set(table) - _SECTION_KEYS
        if unknown:
            raise StructureError(f"{swhere}: unknown key(s): {', '.join(sorted(unknown))}")
        role = table.get("role", "body")
        if role not in ROLES:
            raise StructureError(f"{swhere}: role: must be one of {', '.join(ROLES)}, not {role!r}")
        share = table.get("share")
        if not isinstance(share, int | float) or isinstance(share, bool) or not 0 < share <= 1:
            raise StructureError(f"{swhere}: share: must be a number above 0 and at most 1")
        section = Section(
            id=_require_text(table, "id", swhere),
            title=_require_text(table, "title", swhere),
            prompt=_require_text(table, "prompt", swhere),
            guidance=_require_text(table, "guidance", swhere),
            example=_require_text(table, "example", swhere),
            share=float(share),
            role=role,
        )
        if any(s.id == section.id for s in sections):
            raise StructureError(f"{swhere}: id: {section.id!r} is used twice")
        sections.append(section)
    total = sum(s.share for s in sections)
    if abs(total - 1.0) > 0.011:
        raise StructureError(f"{where}: the sections' shares add up to {total:.2f}, not 1.0")
    return Structure(
        id=_require_text(data, "id", where),
        kind=kind,
        title=_require_text(data, "title", where),
        description=_require_text(data, "description", where),
        sections=tuple(sections),
    )


@cache
def _folder_structures(folder: Path) -> dict[str, Structure]:
    """The structures in ``folder``, by id (read once). A broken file is logged and skipped."""
    found: dict[str, Structure] = {}
    for path in sorted(folder.glob("*.toml")):
        try:
            structure = parse_structure(path)
        except StructureError as exc:
            log.error("%s", exc)
            continue
        found[structure.id] = structure
    return found


def bundled_structures() -> dict[str, Structure]:
    """The structures shipped with the app, by id. A broken file is logged and skipped."""
    return _folder_structures(bundled_dir("templates") / "structures")


def all_structures() -> dict[str, Structure]:
    """The bundled structures and those of the kit in use (a kit's replaces by id)."""
    kit = kit_folder()
    if kit is None:
        return bundled_structures()
    return {**bundled_structures(), **_folder_structures(kit / "structures")}


def structure_for(structure_id: str, kind: str) -> Structure:
    """The structure with ``structure_id``, or the default one for ``kind``."""
    structures = all_structures()
    if structure_id in structures:
        return structures[structure_id]
    return structures[DEFAULT_STRUCTURE[kind]]


def structures_for_kind(kind: str) -> list[Structure]:
    return [s for s in all_structures().values() if s.kind == kind]
