"""Collecting an event: every draft of one or more folders (one per laptop, say) to .docx and
.txt, with a summary and a similarity report across all of them.

::

    OUT/letters/hall-1-P001.docx   each draft's letter (and .txt), named after its draft
    OUT/summary.csv                a row per draft
    OUT/similarity.csv             the pairs of letters too alike for a paper to print both
    OUT/similarity.txt             the same, as a facilitator reads it

``summary.csv`` has one row per draft (its letter, laptop, participant, file, paper, kind,
words, limit, issues by category, copied share; a draft that cannot be read is listed with its
error and never stops the batch). Every draft gets its own letter: a participant's draft in an
event folder with a laptop label is named ``LABEL-P001``, any other draft keeps its own name,
and a name already taken (in any letter case) becomes ``NAME-2``, ``NAME-3``..., the folders
in the order given and each event's ``drafts/`` first. A folder (or a draft) reached twice
counts once. The reports sit beside ``letters/``, so no draft's name can collide with them.
Nothing in ``OUT`` is replaced unless the caller says so (``--force``), and a link, a device or
a folder where a file would go never is.

The letters are exported and checked in worker processes (one per core, at most four), each
with its own offline checker; the similarity report needs every letter and runs last.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from oped_studio.checks.issue import CATEGORIES
from oped_studio.core.atomic import atomic_write_text, check_targets
from oped_studio.core.cleaning import shown_name
from oped_studio.core.csvfile import csv_text
from oped_studio.core.errors import OpedError, describe_os_error
from oped_studio.core.event import event_laptop, recorded_participants
from oped_studio.core.event_people import is_label, is_participant_number
from oped_studio.core.paths import AppPaths
from oped_studio.core.storage import is_draft_path
from oped_studio.workshop.finish import LETTER_FORMATS, write_letter
from oped_studio.workshop.pool import worker_pool
from oped_studio.workshop.summary import load_resources, summarise_draft

#: The issues counted in summary.csv, by category. The paper's own rules ("outlet") are its
#: checklist, never issues marked in a letter: that column was always 0, and beside "paper"
#: it only confused.
ISSUE_COLUMNS = tuple(category for category in CATEGORIES if category != "outlet")
SUMMARY_COLUMNS = (
    "letter",
    "laptop",
    "participant",
    "draft_file",
    "paper",
    "kind",
    "words",
    "limit",
    "over_limit",
    *ISSUE_COLUMNS,
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
    file: str  # the folder's name and the draft's path inside it: "event/drafts/P001.oped"
    participant: str = ""  # "P001" for a participant's draft in an event's drafts/
    laptop: str = ""
    finished: bool = False


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


def distinct_folders(folders: Sequence[Path]) -> list[Path]:
    """``folders`` in order, each once (two paths to one folder are one folder)."""
    found: dict[str, Path] = {}
    for folder in folders:
        found.setdefault(os.path.realpath(folder), Path(folder))
    return list(found.values())


def plan(folders: Path | Sequence[Path]) -> tuple[list[Source], list[str]]:
    """Each draft of ``folders`` with the name of its letter, unique across them all (see the
    module's docstring), and a sentence for each entry of an event's records left out."""
    folders = distinct_folders([folders] if isinstance(folders, str | Path) else folders)
    taken: set[str] = set()
    seen: set[str] = set()
    sources, skipped = [], []
    for folder in folders:
        people, notes = recorded_participants(folder)
        where = shown_name(str(folder))  # a name cannot add a line to the notes
        skipped += [f"{where}: {note}" for note in notes] if len(folders) > 1 else notes
        label = event_laptop(folder)
        for path in draft_files(folder):
            if os.path.realpath(path) in seen:
                continue
            seen.add(os.path.realpath(path))
            inside = path.relative_to(folder).as_posix()
            # The records speak of the event's drafts/ only: a stray P001.oped beside them
            # is not participant 1.
            number = path.stem if inside == f"drafts/{path.name}" else ""
            info = people.get(number, {}) if is_participant_number(number) else None
            laptop = ""
            if info is not None:
                laptop = info.get("laptop") if is_label(info.get("laptop")) else label
            stem = f"{laptop}-{number}" if laptop else re.sub(r"[\x00-\x1f\x7f]", "_", path.stem)
            name, count = stem, 2
            while name.casefold() in taken:
                name, count = f"{stem}-{count}", count + 1
            taken.add(name.casefold())
            where = f"{folder.resolve().name or folder}/{inside}"
            finished = bool(info and info.get("finished"))
            participant = number if info is not None else ""
            sources.append(Source(path, name, where, participant, laptop, finished))
    return sources, skipped


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


def _process(source: Source, out: Path, paths: AppPaths, force: bool) -> _Row:
    """Check and export one draft (runs in a worker process)."""
    values: dict[str, object] = {key: "" for key in SUMMARY_COLUMNS}
    values["letter"] = source.name
    values["laptop"] = source.laptop
    values["participant"] = source.participant
    values["draft_file"] = source.file
    values["finished"] = "yes" if source.finished else "no"
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
    values.update({column: summary.by_category.get(column, 0) for column in ISSUE_COLUMNS})
    outlet = summary.outlet
    values["paper"] = f"{outlet.name} ({outlet.id})" if outlet else summary.paper
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
    folders: Path | Sequence[Path],
    out: Path,
    paths: AppPaths,
    *,
    workers: int | None = None,
    force: bool = False,
) -> BatchResult:
    """Export every draft in ``folders`` (one folder, or several: one per laptop) into
    ``out``, with the summary and a similarity report across all of them; the papers, packs,
    dictionary and templates are those of ``paths``. Files already in ``out`` are replaced
    only with ``force``."""
    folders = [Path(folders)] if isinstance(folders, str | Path) else [Path(f) for f in folders]
    out = Path(out)
    if not folders:
        raise OpedError("Give at least one folder of drafts to collect.")
    for folder in folders:
        if not folder.is_dir():
            raise OpedError(f"{folder} is not a folder.")
    sources, skipped = plan(folders)
    _check_out(out, batch_targets(out, sources), force)
    try:
        (out / LETTERS).mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OpedError(f"Cannot write to {out}: {describe_os_error(exc)}.") from exc
    _resources.cache_clear()  # this batch reads the papers and packs as they are now
    jobs = [(source, out, paths, force) for source in sources]
    count = workers or min(4, os.cpu_count() or 1)
    if count > 1 and len(jobs) >= _PARALLEL_FROM:
        with worker_pool(count) as pool:
            rows = list(pool.map(_process, *zip(*jobs, strict=True), chunksize=4))
    else:
        rows = [_process(*job) for job in jobs]
    result = BatchResult(out, skipped=skipped)
    for row in rows:
        if row.values["error"]:
            result.failed.append((str(row.values["draft_file"]), str(row.values["error"])))
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
