"""Talking-point packs: facts with their sources, for writers to build a letter on.

A pack is one TOML file (``NAME.toml``) or a folder holding ``pack.toml``; ``docs/packs.md``
describes the format. Loading never raises for a bad pack: :func:`load_pack` returns the
pack (if it could be read at all) and every problem found, so one broken pack never stops
the others from loading.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from oped_studio.core.paths import AppPaths, bundled_dir, kit_folder
from oped_studio.core.structures import Structure, all_structures
from oped_studio.core.validation import Checker, Problem, read_toml, suggestion

PACK_FILE = "pack.toml"
MAX_PACK_BYTES = 1024 * 1024
#: The longest example a pack may give for a section (the structures' own are under 150).
MAX_EXAMPLE_CHARS = 600

_TOP_KEYS = (
    "id",
    "title",
    "summary",
    "language",
    "version",
    "updated",
    "author",
    "license",
    "hooks",
    "framing",
    "sources",
    "points",
    "counterarguments",
    "examples",
)
_SOURCE_KEYS = ("id", "title", "publisher", "date", "url", "note")
_POINT_KEYS = ("id", "theme", "headline", "explanation", "facts", "asks", "who_can_act")
_FACT_KEYS = ("text", "source", "as_of")
_FRAMING_KEYS = ("do", "dont")
_COUNTER_KEYS = ("claim", "answer", "sources", "points")


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    date: str  # YYYY-MM-DD, or YYYY-MM / YYYY where only that much is known
    url: str = ""
    note: str = ""


@dataclass(frozen=True)
class Fact:
    text: str
    source: str
    as_of: str


@dataclass(frozen=True)
class Point:
    id: str
    theme: str
    headline: str
    explanation: str
    facts: tuple[Fact, ...]
    asks: tuple[str, ...]
    who_can_act: tuple[str, ...]


@dataclass(frozen=True)
class CounterArgument:
    claim: str
    answer: str
    sources: tuple[str, ...] = ()
    #: The points it answers; none: it answers the whole issue.
    points: tuple[str, ...] = ()


@dataclass(frozen=True)
class SectionExample:
    """A pack's example for the Write step's section ``section``: a model sentence or two on
    the pack's topic, in place of the structure's own example."""

    section: str
    text: str
    #: The structure it was written for; "": every structure with a section of that id.
    structure: str = ""


@dataclass(frozen=True)
class Pack:
    id: str
    title: str
    summary: str
    language: str
    version: str
    updated: date | None
    author: str
    license: str
    sources: tuple[Source, ...]
    points: tuple[Point, ...]
    framing_do: tuple[str, ...] = ()
    framing_dont: tuple[str, ...] = ()
    hooks: tuple[str, ...] = ()
    counterarguments: tuple[CounterArgument, ...] = ()
    examples: tuple[SectionExample, ...] = ()
    path: Path | None = None

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)

    def point(self, point_id: str) -> Point | None:
        return next((p for p in self.points if p.id == point_id), None)

    def citation(self, fact: Fact) -> str:
        """Where a fact comes from, as a writer would name it: "Publisher, June 2018".

        A long note about an unnamed publisher says less than the document's title, so the
        title is used then.
        """
        source = self.source(fact.source)
        if source is None:
            return fact.source
        when = human_date(source.date)
        if len(source.publisher) <= 40:
            return f"{source.publisher}, {when}"
        return f"“{source.title}”, {when}"

    def example(self, structure_id: str, section_id: str) -> str:
        """The pack's example for a section: the one written for this structure, else the one
        for a section of that id in any structure; "" when the pack has none."""
        general = ""
        for example in self.examples:
            if example.section == section_id:
                if example.structure == structure_id:
                    return example.text
                if not example.structure:
                    general = example.text
        return general

    def counterarguments_for(self, point_ids: Iterable[str]) -> tuple[CounterArgument, ...]:
        """The critics that bear on the chosen points: those tied to one of them and those
        tied to none (they answer the whole issue). With no point chosen yet, all of them: the
        writer still needs the strongest objection, and it may be to any point."""
        chosen = set(point_ids)
        if not chosen:
            return self.counterarguments
        return tuple(c for c in self.counterarguments if not c.points or chosen & set(c.points))

    def themes(self) -> list[str]:
        """The themes in the order they first appear."""
        return list(dict.fromkeys(p.theme for p in self.points))

    def points_by_theme(self) -> dict[str, list[Point]]:
        grouped: dict[str, list[Point]] = {theme: [] for theme in self.themes()}
        for point in self.points:
            grouped[point.theme].append(point)
        return grouped

    def text_corpus(self) -> list[str]:
        """Every sentence-bearing text of the pack (for the originality check)."""
        texts = [self.summary, *self.hooks, *self.framing_do, *self.framing_dont]
        for point in self.points:
            texts += [point.headline, point.explanation, *point.asks]
            texts += [fact.text for fact in point.facts]
        for counter in self.counterarguments:
            texts += [counter.claim, counter.answer]
        texts += [example.text for example in self.examples]
        return [t for t in texts if t]


_MONTHS = (
    "January February March April May June July August September October November December"
).split()


def human_date(value: str) -> str:
    """A pack date (``2018``, ``2018-06`` or ``2018-06-20``) as words: "June 20, 2018"."""
    parts = value.split("-")
    try:
        numbers = [int(p) for p in parts]
    except ValueError:
        return value
    if len(numbers) == 1:
        return str(numbers[0])
    if not 1 <= numbers[1] <= 12:
        return value
    month = _MONTHS[numbers[1] - 1]
    if len(numbers) == 2:
        return f"{month} {numbers[0]}"
    return f"{month} {numbers[2]}, {numbers[0]}"


@dataclass
class PackLoad:
    """The outcome of loading one pack: the pack when it could be read, and its problems."""

    path: Path
    pack: Pack | None
    problems: list[Problem] = field(default_factory=list)
    origin: str = "bundled"  # "bundled" or "user"

    @property
    def ok(self) -> bool:
        return self.pack is not None and not self.problems


def pack_file(path: Path) -> Path:
    """The TOML file of a pack given as a file or as a folder."""
    return path / PACK_FILE if path.is_dir() else path


def _read_point(ck: Checker, data: dict[str, Any], path: tuple, source_ids: set[str]) -> Point:
    ck.keys(data, path, _POINT_KEYS)
    facts: list[Fact] = []
    raw_facts = ck.tables(data, "facts", path, required=True)
    for index, raw in enumerate(raw_facts):
        fpath = (*path, "facts", index)
        ck.keys(raw, fpath, _FACT_KEYS)
        source = ck.ident(raw, "source", fpath)
        if source and source not in source_ids:
            known = ", ".join(sorted(source_ids)) or "none yet"
            ck.problem(
                (*fpath, "source"),
                f"no source has the id '{source}'; add a [[sources]] entry with that id, "
                f"or use one of: {known}",
            )
        facts.append(
            Fact(
                text=ck.text(raw, "text", fpath, limit=1000),
                source=source,
                as_of=ck.partial_date(raw, "as_of", fpath),
            )
        )
    return Point(
        id=ck.ident(data, "id", path),
        theme=ck.line(data, "theme", path, limit=80),
        headline=ck.line(data, "headline", path, limit=200),
        explanation=ck.text(data, "explanation", path, limit=2000),
        facts=tuple(facts),
        asks=tuple(ck.text_list(data, "asks", path, required=True, limit=500)),
        who_can_act=tuple(ck.text_list(data, "who_can_act", path, required=True, limit=200)),
    )


def _read_counterarguments(
    ck: Checker, data: dict[str, Any], source_ids: set[str], point_ids: list[str]
) -> tuple[CounterArgument, ...]:
    counters: list[CounterArgument] = []
    for index, raw in enumerate(ck.tables(data, "counterarguments", ())):
        path = ("counterarguments", index)
        ck.keys(raw, path, _COUNTER_KEYS)
        cited = ck.text_list(raw, "sources", path)
        for source in cited:
            if source not in source_ids:
                ck.problem(
                    (*path, "sources"),
                    f"no source has the id '{source}'; fix the id or add the source",
                )
        answered = ck.text_list(raw, "points", path)
        for point_id in answered:
            if point_id not in point_ids:
                hint = suggestion(point_id, point_ids, "the points are")
                ck.problem((*path, "points"), f"no point has the id '{point_id}'{hint}")
        counters.append(
            CounterArgument(
                claim=ck.text(raw, "claim", path, limit=1000),
                answer=ck.text(raw, "answer", path, limit=3000),
                sources=tuple(cited),
                points=tuple(answered),
            )
        )
    return tuple(counters)


def _read_examples(
    ck: Checker, data: dict[str, Any], structures: Mapping[str, Structure]
) -> tuple[SectionExample, ...]:
    """``[examples]``: ``section-id = "text"`` for that section in every structure, and
    ``[examples.structure-id]`` tables for one structure's sections only."""
    table = data.get("examples")
    if table is None:
        return ()
    if not isinstance(table, dict):
        ck.problem(
            ("examples",),
            'must be a table: write [examples] and under it a section\'s id = "its example", '
            'like evidence = "..."',
        )
        return ()
    sections = sorted({s.id for structure in structures.values() for s in structure.sections})
    found: list[SectionExample] = []
    for key, value in table.items():
        where = ("examples", key)
        if isinstance(value, dict) and key in structures:
            ids = [s.id for s in structures[key].sections]
            for section_id in value:
                if section_id not in ids:
                    hint = suggestion(section_id, ids, "its sections are")
                    ck.problem((*where, section_id), f"'{key}' has no section '{section_id}'{hint}")
                elif text := ck.plain_text(value, section_id, where, limit=MAX_EXAMPLE_CHARS):
                    found.append(SectionExample(section_id, text, key))
        elif key in sections and not isinstance(value, dict):
            if text := ck.plain_text(table, key, ("examples",), limit=MAX_EXAMPLE_CHARS):
                found.append(SectionExample(key, text))
        else:
            ck.problem(where, _misplaced_example(key, value, sections, list(structures)))
    return tuple(found)


def _misplaced_example(key: str, value: object, sections: list[str], structures: list[str]) -> str:
    """What is wrong with ``key = value`` under ``[examples]``, and how to write it."""
    if key in structures:
        return f"'{key}' is a structure: give its sections' examples under [examples.{key}]"
    if key in sections:
        return f"'{key}' is a section: write {key} = \"its example\" under [examples]"
    if isinstance(value, dict):
        hint = suggestion(key, structures, "the structures are")
        return f"no structure has the id '{key}'{hint}"
    return f"no structure has a section '{key}'{suggestion(key, sections, 'the sections are')}"


def parse_pack(
    data: dict[str, Any], ck: Checker, structures: Mapping[str, Structure] | None = None
) -> Pack:
    """Build a pack from parsed TOML, recording every problem in ``ck``. ``structures``: the
    letter structures whose sections the pack's examples may name (the bundled ones and the
    kit's in use, unless given)."""
    ck.keys(data, (), _TOP_KEYS)
    sources: list[Source] = []
    for index, raw in enumerate(ck.tables(data, "sources", (), required=True)):
        path = ("sources", index)
        ck.keys(raw, path, _SOURCE_KEYS)
        sources.append(
            Source(
                id=ck.ident(raw, "id", path),
                title=ck.line(raw, "title", path, limit=300),
                publisher=ck.line(raw, "publisher", path, limit=300),
                date=ck.partial_date(raw, "date", path),
                url=ck.url(raw, "url", path),
                note=ck.text(raw, "note", path, required=False, limit=1000),
            )
        )
    ck.unique([(s.id, ("sources", i, "id")) for i, s in enumerate(sources)], "source")
    source_ids = {s.id for s in sources if s.id}

    points = [
        _read_point(ck, raw, ("points", index), source_ids)
        for index, raw in enumerate(ck.tables(data, "points", (), required=True))
    ]
    ck.unique([(p.id, ("points", i, "id")) for i, p in enumerate(points)], "point")

    framing = ck.table(data, "framing", ())
    ck.keys(framing, ("framing",), _FRAMING_KEYS)

    counters = _read_counterarguments(ck, data, source_ids, [p.id for p in points if p.id])
    language = ck.line(data, "language", (), limit=20)
    if language and not language.replace("-", "").isalpha():
        ck.problem(
            ("language",), f'\'{language}\' is not a language code; use one like "en" or "es"'
        )
    return Pack(
        id=ck.ident(data, "id", ()),
        title=ck.line(data, "title", (), limit=200),
        summary=ck.text(data, "summary", (), limit=2000),
        language=language,
        version=ck.line(data, "version", (), limit=40),
        updated=ck.full_date(data, "updated", ()),
        author=ck.line(data, "author", (), limit=300),
        license=ck.line(data, "license", (), limit=200),
        sources=tuple(sources),
        points=tuple(points),
        framing_do=tuple(ck.text_list(framing, "do", ("framing",))),
        framing_dont=tuple(ck.text_list(framing, "dont", ("framing",))),
        hooks=tuple(ck.text_list(data, "hooks", ())),
        counterarguments=counters,
        examples=_read_examples(ck, data, all_structures() if structures is None else structures),
    )


def load_pack(
    path: Path, origin: str = "bundled", structures: Mapping[str, Structure] | None = None
) -> PackLoad:
    """Read and check the pack at ``path`` (a ``.toml`` file or a folder with ``pack.toml``);
    ``structures`` as for :func:`parse_pack`."""
    path = Path(path)
    file = pack_file(path)
    if path.is_dir() and not file.is_file():
        problem = Problem(path, 1, "(folder)", f"a pack folder needs a {PACK_FILE} file inside it")
        return PackLoad(path, None, [problem], origin)
    data, ck = read_toml(file, max_bytes=MAX_PACK_BYTES, what="pack")
    if data is None:
        return PackLoad(path, None, ck.problems, origin)
    pack = parse_pack(data, ck, structures)
    pack = dataclasses.replace(pack, path=path)
    return PackLoad(path, pack, ck.sorted_problems(), origin)


def _pack_paths(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    found = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        is_file_pack = entry.is_file() and entry.suffix.lower() == ".toml"
        if is_file_pack or (entry.is_dir() and (entry / PACK_FILE).is_file()):
            found.append(entry)
    return found


def discover_packs(paths: AppPaths, extra_folders: list[Path] | None = None) -> list[PackLoad]:
    """Every bundled and user pack (``paths.packs``, the kit's), each with its problems; a
    user pack replaces a bundled pack with the same id (the bundled one is then left out)."""
    loads = [load_pack(p, "bundled") for p in _pack_paths(bundled_dir("talking_points"))]
    kit = kit_folder()
    kit_packs = [kit / "packs"] if kit is not None else []
    for folder in [paths.packs, *kit_packs, *(extra_folders or [])]:
        loads += [load_pack(p, "user") for p in _pack_paths(folder)]
    user_ids = {ld.pack.id for ld in loads if ld.origin == "user" and ld.pack and ld.pack.id}
    return [
        ld
        for ld in loads
        if not (ld.origin == "bundled" and ld.pack is not None and ld.pack.id in user_ids)
    ]


def usable_packs(paths: AppPaths) -> dict[str, Pack]:
    """The packs that loaded without problems, by id."""
    return {ld.pack.id: ld.pack for ld in discover_packs(paths) if ld.ok and ld.pack}


def pack_skeleton(pack_id: str, today: date | None = None) -> str:
    """A commented pack for a facilitator to fill in; ``packs validate`` lists what is left."""
    today = today or date.today()
    return f'''# A talking-point pack for OpEd Studio. Fill in every empty "" and check it with:
#     oped-studio packs validate {pack_id}.toml
# The format is described in docs/packs.md. Write facts in your own words, never copied
# sentences: papers turn down letters that repeat a campaign's text.

id = "{pack_id}"
title = ""                      # what the pack is about, in a few words
summary = ""                    # two or three sentences for the pack list
language = "en"
version = "1.0"
updated = {today.isoformat()}            # the date you last changed this pack
author = ""                     # you or your organization
license = ""                    # for example "CC-BY-4.0"

# Opening lines a writer can adapt (optional).
hooks = [
    "",
]

[framing]
do = [""]                       # advice: what works in a letter on this issue
dont = [""]                     # and what to avoid

# One [[sources]] entry per document your facts come from.
[[sources]]
id = "first-source"             # lower-case letters, digits and dashes
title = ""
publisher = ""
date = ""                       # 2018-06-20, or 2018-06 or 2018 if that is all you know
url = ""                        # optional: https://...

# One [[points]] entry per talking point, each with at least one fact.
[[points]]
id = "first-point"
theme = ""                      # points with the same theme are shown together
headline = ""                   # the point in one line
explanation = ""                # why it matters, in two or three sentences
asks = [""]                     # what a writer can ask for
who_can_act = [""]              # for example "Congress", "the county board", "a company"

[[points.facts]]
text = ""                       # the fact, in your own words
source = "first-source"         # the id of a [[sources]] entry
as_of = ""                      # when the fact was true

# Objections a writer should be ready for, with honest answers (optional).
[[counterarguments]]
claim = ""
answer = ""
sources = ["first-source"]
# points = ["first-point"]      # optional: the points it answers (none: the whole issue)

# Examples on your topic for the Write step (optional): for a section, a sentence or two a
# writer might write, using only the facts above (never a new figure, date or name), shown
# instead of the structure's own example. The keys are section ids: hook, point, evidence,
# story, ask (letters); lede, thesis, argument-1, argument-2, argument-3, to-be-sure, kicker
# (op-eds). Under [examples.letter-local] (a structure's id) they are for that one only.
# [examples]
# evidence = ""
# to-be-sure = ""
'''
