"""Collecting an event: every draft of a folder to .docx and .txt, with a summary and a
similarity report.

``summary.csv`` has one row per draft (participant, paper, kind, words, limit, issues by
category, copied share; a draft that cannot be read is listed with its error and never stops
the batch). ``similarity.csv`` and ``similarity.txt`` list the pairs of letters too alike for
a paper to print both, with the passages they share.

The letters are exported and checked in worker processes (one per core, at most four), each
with its own offline checker; the similarity report needs every letter and runs last.
"""

from __future__ import annotations

import csv
import functools
import io
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from oped_studio.checks.issue import CATEGORIES
from oped_studio.core.atomic import atomic_write_text
from oped_studio.core.errors import OpedError, describe_os_error
from oped_studio.core.event import recorded_participants
from oped_studio.core.paths import AppPaths
from oped_studio.workshop.finish import write_letter
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


@dataclass
class _Row:
    values: dict[str, object]
    name: str = ""
    letter: str = ""  # the body, for the similarity report ("" when unreadable)


def draft_files(folder: Path) -> list[Path]:
    """The drafts of an event folder (its ``drafts/``) or of any folder of .oped files."""
    folders = [folder, folder / "drafts"]
    found = {p.resolve(): p for f in folders if f.is_dir() for p in f.glob("*.oped")}
    return sorted(found.values(), key=lambda p: p.name)


def _process(path: Path, out: Path, info: dict, paths: AppPaths) -> _Row:
    """Check and export one draft (runs in a worker process)."""
    values: dict[str, object] = {key: "" for key in SUMMARY_COLUMNS}
    values["participant"] = info.get("label") or path.stem
    values["file"] = path.name
    values["finished"] = "yes" if info.get("finished") else "no"
    resources = _resources(paths)
    summary = summarise_draft(path, resources)
    error = summary.error
    if not error:
        try:
            write_letter(
                summary.draft,
                out,
                path.stem,
                outlet=summary.outlet,
                pack=summary.pack,
                templates=resources.templates,
            )
        except OpedError as exc:
            error = str(exc)
    if error:
        values["error"] = error
        return _Row(values, path.stem)
    values.update(summary.by_category)
    values["paper"] = summary.paper
    values["kind"] = summary.kind
    values["words"] = summary.words
    values["limit"] = summary.limit or ""
    if summary.limit:
        values["over_limit"] = max(0, summary.over)
    if summary.copied_percent is not None:
        values["copied_percent"] = f"{summary.copied_percent:.0f}"
    return _Row(values, path.stem, summary.letter)


#: The papers, the packs and an offline checker, read and built once per batch in each process.
_resources = functools.cache(load_resources)


def batch_export(
    folder: Path, out: Path, paths: AppPaths, *, workers: int | None = None
) -> BatchResult:
    """Export every draft in ``folder`` into ``out``, with the summary and similarity report;
    the papers, packs, dictionary and templates are those of ``paths``."""
    from oped_studio.checks.similarity import similar_pairs

    folder, out = Path(folder), Path(out)
    if not folder.is_dir():
        raise OpedError(f"{folder} is not a folder.")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OpedError(f"Cannot write to {out}: {describe_os_error(exc)}.") from exc
    drafts = draft_files(folder)
    people = recorded_participants(folder)
    _resources.cache_clear()  # this batch reads the papers and packs as they are now
    jobs = [(p, out, people.get(p.stem, {}), paths) for p in drafts]
    count = workers or min(4, os.cpu_count() or 1)
    if count > 1 and len(jobs) >= _PARALLEL_FROM:
        with ProcessPoolExecutor(max_workers=count) as pool:
            rows = list(pool.map(_process, *zip(*jobs, strict=True), chunksize=4))
    else:
        rows = [_process(*job) for job in jobs]

    result = BatchResult(out)
    for row in rows:
        if row.values["error"]:
            result.failed.append((str(row.values["file"]), str(row.values["error"])))
        else:
            result.exported += 1
    result.summary = out / "summary.csv"
    _write_csv(result.summary, SUMMARY_COLUMNS, [row.values for row in rows])
    letters = {str(row.values["participant"]): row.letter for row in rows if row.letter}
    pairs = similar_pairs(letters)
    result.similar_pairs = len(pairs)
    _write_csv(
        out / "similarity.csv",
        ("first", "second", "shared_percent", "passages"),
        [
            {
                "first": p.first,
                "second": p.second,
                "shared_percent": f"{p.share * 100:.0f}",
                "passages": " | ".join(p.passages),
            }
            for p in pairs
        ],
    )
    result.similarity = out / "similarity.txt"
    atomic_write_text(result.similarity, similarity_text(pairs, len(letters)))
    return result


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


def _write_csv(path: Path, columns, rows) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row)
    atomic_write_text(path, buffer.getvalue())
