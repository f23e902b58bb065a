"""Collecting an event: every draft of a folder to .docx and .txt, with a summary and a
similarity report.

::

    OUT/letters/P001.docx   each draft's letter (and P001.txt), named after its draft
    OUT/summary.csv         a row per draft
    OUT/similarity.csv      the pairs of letters too alike for a paper to print both
    OUT/similarity.txt      the same, as a facilitator reads it

``summary.csv`` has one row per draft (participant, file, paper, kind, words, limit, issues by
category, copied share; a draft that cannot be read is listed with its error and never stops
the batch). Every draft gets its own letter: two drafts with one name (``P001.oped`` and
``drafts/P001.oped``) become ``P001`` and ``P001-2``, the event's ``drafts/`` first, and the
reports sit beside ``letters/``, so no draft's name can collide with them. Nothing in ``OUT``
is replaced unless the caller says so (``--force``), and a link, a device or a folder where a
file would go never is.

The letters are exported and checked in worker processes (one per core, at most four), each
with its own offline checker; the similarity report needs every letter and runs last.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from oped_studio.checks.issue import CATEGORIES
from oped_studio.core.atomic import atomic_write_text, check_targets
from oped_studio.core.csvfile import csv_text
from oped_studio.core.errors import OpedError, describe_os_error
from oped_studio.core.event import recorded_participants
from oped_studio.core.paths import AppPaths
from oped_studio.core.storage import is_draft_path
from oped_studio.workshop.finish import LETTER_FORMATS, write_letter
from oped_studio.workshop.pool import worker_pool
from oped_studio.workshop.summary import load_resources, summarise_draft

SUMMARY_COLUMNS = (
    "participant",
    "file",
    "paper",
    "kind",
    "words",
    "limit",
    "over_limit",
    *CATEGORIES,
    "copied_percent",
    "finished",
    "error",
)
#: The folder inside OUT that holds the letters, and the reports beside it.
LETTERS = "letters"
REPORTS = ("summary.csv", "similarity.csv", "similarity.txt")

#: Drafts per worker process before the batch is worth splitting.
_PARALLEL_FROM = 12


@dataclass
class BatchResult:
    out: Path
    exported: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    summary: Path | None = None
    similarity: Path | None = None
    similar_pairs: int = 0
    #: Entries of event.json that were left out, each with why.
    skipped: list[str] = field(default_factory=list)


@dataclass
class _Row:
    values: dict[str, object]
    name: str = ""
    letter: str = ""  # the body, for the similarity report ("" when unreadable)


@dataclass(frozen=True)
class Source:
    """A draft to collect and the name its letter gets (unique in the batch)."""

    path: Path
    name: str
    file: str  # the draft's path inside the folder, as the summary lists it


def draft_files(folder: Path) -> list[Path]:
    """The drafts of an event folder (its ``drafts/``, first) and of the folder itself (any
    folder of .oped files), each in name order; a file reached twice counts once."""
    found: dict[str, Path] = {}
    for place in (folder / "drafts", folder):
        if place.is_dir():
            for path in sorted(place.glob("*.oped")):
                if is_draft_path(path):
                    found.setdefault(os.path.realpath(path), path)
    return list(found.values())


def plan(folder: Path) -> list[Source]:
    """Each draft of ``folder`` with the name of its letter: the draft's own name (control
    characters made ``_``), or ``NAME-2``, ``NAME-3``... when an earlier draft has it (in any
    letter case: a Mac's disk does not tell ``p001`` from ``P001``)."""
    taken: set[str] = set()
    sources = []
    for path in draft_files(folder):
        stem = re.sub(r"[\x00-\x1f\x7f]", "_", path.stem)
        name, number = stem, 2
        while name.casefold() in taken:
            name, number = f"{stem}-{number}", number + 1
        taken.add(name.casefold())
        sources.append(Source(path, name, path.relative_to(folder).as_posix()))
    return sources


def batch_targets(out: Path, sources: list[Source]) -> list[Path]:
    """Every file a batch of ``sources`` writes into ``out``."""
    letters = out / LETTERS
    return [out / name for name in REPORTS] + [
        letters / f"{source.name}.{fmt}" for source in sources for fmt in LETTER_FORMATS
    ]


def _check_out(out: Path, targets: list[Path], force: bool) -> None:
    """Refuse before any work when ``out`` is not a folder or a file in it may not be
    replaced (an existing one without ``force``; a link, a device or a folder ever)."""
    try:
        if not out.is_dir():
            if os.path.lexists(out):
                plain_file = out.is_file() and not out.is_symlink()
                what = "a file" if plain_file else "a link, a device or a pipe"
                raise OpedError(
                    f"{out} is {what}, not a folder; give a folder for the letters and the "
                    "summary (it is made if it does not exist)."
                )
            return  # a new folder: nothing in it to replace
        letters = out / LETTERS
        if os.path.lexists(letters) and not letters.is_dir():
            raise OpedError(
                f"{letters} is a file, but the letters go into a folder of that name; move it "
                "away or choose another folder."
            )
    except OSError as exc:
        raise OpedError(f"Cannot write to {out}: {describe_os_error(exc)}.") from exc
    check_targets(out, targets, force=force)


def _process(source: Source, out: Path, info: dict, paths: AppPaths, force: bool) -> _Row:
    """Check and export one draft (runs in a worker process)."""
    values: dict[str, object] = {key: "" for key in SUMMARY_COLUMNS}
    values["participant"] = source.name
    values["file"] = source.file
    values["finished"] = "yes" if info.get("finished") else "no"
    resources = _resources(paths)
    summary = summarise_draft(source.path, resources)
    error = summary.error
    if not error:
        try:
            write_letter(
                summary.draft,
                out / LETTERS,
                source.name,
                outlet=summary.outlet,
                pack=summary.pack,
                templates=resources.templates,
                force=force,
            )
        except OpedError as exc:
            error = str(exc)
    if error:
        values["error"] = error
        return _Row(values, source.name)
    values.update(summary.by_category)
    values["paper"] = summary.paper
    values["kind"] = summary.kind
    values["words"] = summary.words
    values["limit"] = summary.limit or ""
    if summary.limit:
        values["over_limit"] = max(0, summary.over)
    if summary.copied_percent is not None:
        values["copied_percent"] = f"{summary.copied_percent:.0f}"
    return _Row(values, source.name, summary.letter)


#: The papers, the packs and an offline checker, read and built once per batch in each process.
_resources = functools.cache(load_resources)


def batch_export(
    folder: Path,
    out: Path,
    paths: AppPaths,
    *,
    workers: int | None = None,
    force: bool = False,
) -> BatchResult:
    """Export every draft in ``folder`` into ``out``, with the summary and similarity report;
    the papers, packs, dictionary and templates are those of ``paths``. Files already in
    ``out`` are replaced only with ``force``."""
    folder, out = Path(folder), Path(out)
    if not folder.is_dir():
        raise OpedError(f"{folder} is not a folder.")
    sources = plan(folder)
    _check_out(out, batch_targets(out, sources), force)
    try:
        (out / LETTERS).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OpedError(f"Cannot write to {out}: {describe_os_error(exc)}.") from exc
    people, skipped = recorded_participants(folder)
    _resources.cache_clear()  # this batch reads the papers and packs as they are now
    # event.json speaks of the event's drafts/ only; a stray P001.oped beside it is not P001.
    jobs = [
        (s, out, people.get(s.path.stem, {}) if s.file.startswith("drafts/") else {}, paths, force)
        for s in sources
    ]
    count = workers or min(4, os.cpu_count() or 1)
    if count > 1 and len(jobs) >= _PARALLEL_FROM:
        with worker_pool(count) as pool:
            rows = list(pool.map(_process, *zip(*jobs, strict=True), chunksize=4))
    else:
        rows = [_process(*job) for job in jobs]
    result = BatchResult(out, skipped=skipped)
    for row in rows:
        if row.values["error"]:
            result.failed.append((str(row.values["file"]), str(row.values["error"])))
        else:
            result.exported += 1
    _write_reports(result, rows, force)
    return result


def _write_reports(result: BatchResult, rows: list[_Row], force: bool) -> None:
    from oped_studio.checks.similarity import similar_pairs

    out = result.out
    result.summary = out / "summary.csv"
    write = functools.partial(atomic_write_text, private=False, force=force)
    write(result.summary, csv_text(SUMMARY_COLUMNS, [row.values for row in rows]))
    letters = {row.name: row.letter for row in rows if row.letter}
    pairs = similar_pairs(letters)
    result.similar_pairs = len(pairs)
    similar = [
        {
            "first": p.first,
            "second": p.second,
            "shared_percent": f"{p.share * 100:.0f}",
            "passages": " | ".join(p.passages),
        }
        for p in pairs
    ]
    columns = ("first", "second", "shared_percent", "passages")
    write(out / "similarity.csv", csv_text(columns, similar))
    result.similarity = out / "similarity.txt"
    write(result.similarity, similarity_text(pairs, len(letters)))


def similarity_text(pairs, letters: int) -> str:
    """The similarity report as a facilitator reads it."""
    lines = [f"Similar letters: {len(pairs)} pair(s) among {letters} letter(s).", ""]
    if not pairs:
        lines.append("No two letters share enough to worry an editor.")
    for pair in pairs:
        lines.append(
            f"{pair.first} and {pair.second}: {pair.share * 100:.0f}% of a letter is shared. "
            "A paper will print at most one of them; ask one writer to say it in their own words."
        )
        lines += [f"    “{passage}”" for passage in pair.passages]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
