"""Wording a pack copies from the documents it was built from (``packs validate --sources``).

A pack's facts are meant to be the author's own words: papers reject letters that read like a
campaign's or a news agency's text, and writers borrow a pack's sentences. This compares every
sentence a writer sees (summary, hooks, framing, points, facts, critics, examples) with the
source documents in a folder and reports each run of :data:`SOURCE_RUN` or more words found in
one of them, read as the originality check reads words (case, punctuation and spacing do not
matter). Sources' titles, publishers and notes are left out: a title quotes a headline.

One set of word runs is built for all documents, so the check is linear in their size.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from oped_studio.checks.originality import covered_by_runs, true_runs, word_tokens
from oped_studio.core.errors import OpedError, describe_os_error
from oped_studio.core.files import UnreadableFileError, read_text_file
from oped_studio.core.tomllines import KeyPath, describe, line_of
from oped_studio.core.validation import Problem, read_toml

#: How many words in a row, found in a source document, count as copied.
SOURCE_RUN = 8
#: The kinds of file read as source documents; anything else in the folder is left alone.
SOURCE_SUFFIXES = (".txt", ".md", ".html", ".htm")
MAX_SOURCE_BYTES = 8 * 1024 * 1024
MAX_SOURCE_FILES = 2000
#: How much of a copied run the message quotes.
_QUOTE_WORDS = 12

_TAG_RE = re.compile(r"<(script|style)\b.*?</\1\s*>|<[^>]*>", re.IGNORECASE | re.DOTALL)


class SourcesError(OpedError):
    """The folder of source documents cannot be used."""


def _plain(text: str, suffix: str) -> str:
    """The readable text of a source document (an HTML page's tags dropped)."""
    if suffix in (".html", ".htm"):
        return html.unescape(_TAG_RE.sub(" ", text))
    return text


def source_documents(folder: Path) -> list[tuple[str, str]]:
    """``(name, text)`` of every source document in ``folder`` (not its subfolders).

    A missing folder, or one with no document in it, raises :class:`SourcesError`; so does a
    document that cannot be read (a pipe, a huge or non-UTF-8 file): a check that silently
    skipped a source would pass a pack that copies it.
    """
    if not folder.is_dir():
        raise SourcesError(
            f"{folder} is not a folder; give the folder that holds the pack's source documents."
        )
    try:
        entries = sorted(p for p in folder.iterdir() if p.suffix.lower() in SOURCE_SUFFIXES)
    except OSError as exc:
        raise SourcesError(f"Cannot list {folder}: {describe_os_error(exc)}.") from None
    if len(entries) > MAX_SOURCE_FILES:
        raise SourcesError(
            f"{folder} holds {len(entries)} documents, more than the {MAX_SOURCE_FILES} this "
            "check reads; give a folder with the pack's own sources only."
        )
    documents = []
    for entry in entries:
        if entry.is_dir():
            continue
        try:
            text = read_text_file(entry, max_bytes=MAX_SOURCE_BYTES, what="source document")
        except UnreadableFileError as exc:
            raise SourcesError(f"{exc}; remove it from the sources folder or fix it.") from None
        documents.append((entry.name, _plain(text, entry.suffix.lower())))
    if not documents:
        kinds = ", ".join(SOURCE_SUFFIXES)
        raise SourcesError(f"{folder} holds no source documents ({kinds}); check the folder.")
    return documents


class SourceIndex:
    """Every run of :data:`SOURCE_RUN` words in the source documents, with the first document
    it was found in."""

    def __init__(self, documents: list[tuple[str, str]]) -> None:
        self.runs: dict[tuple[str, ...], str] = {}
        for name, text in documents:
            words = [t[0] for t in word_tokens(text)]
            for i in range(len(words) - SOURCE_RUN + 1):
                self.runs.setdefault(tuple(words[i : i + SOURCE_RUN]), name)

    def copied(self, text: str) -> Iterator[tuple[int, str, str]]:
        """``(word count, document, quoted words)`` for each copied stretch of ``text``."""
        tokens = word_tokens(text)
        words = [t[0] for t in tokens]
        found: dict[int, str] = {}
        for i in range(len(words) - SOURCE_RUN + 1):
            name = self.runs.get(tuple(words[i : i + SOURCE_RUN]))
            if name is not None:
                found[i] = name
        covered = covered_by_runs(len(tokens), found, run=SOURCE_RUN)
        for first, last in true_runs(covered):
            quoted = text[tokens[first][1] : tokens[min(last, first + _QUOTE_WORDS - 1)][2]]
            more = "..." if last - first + 1 > _QUOTE_WORDS else ""
            yield last - first + 1, found[first], " ".join(quoted.split()) + more


def pack_texts(data: dict[str, Any]) -> Iterator[tuple[KeyPath, str]]:
    """Every text of a parsed pack that a writer reads and may borrow, with its key path."""

    def strings(value: Any, path: KeyPath) -> Iterator[tuple[KeyPath, str]]:
        if isinstance(value, str):
            yield path, value
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from strings(item, (*path, index))

    def tables(key: str) -> list[tuple[int, dict]]:
        value = data.get(key)
        items = value if isinstance(value, list) else []
        return [(i, t) for i, t in enumerate(items) if isinstance(t, dict)]

    yield from strings(data.get("summary"), ("summary",))
    yield from strings(data.get("hooks"), ("hooks",))
    framing = data.get("framing")
    if isinstance(framing, dict):
        for key in ("do", "dont"):
            yield from strings(framing.get(key), ("framing", key))
    for index, point in tables("points"):
        for key in ("headline", "explanation", "asks"):
            yield from strings(point.get(key), ("points", index, key))
        facts = point.get("facts")
        for number, fact in enumerate(facts if isinstance(facts, list) else []):
            if isinstance(fact, dict):
                yield from strings(fact.get("text"), ("points", index, "facts", number, "text"))
    for index, counter in tables("counterarguments"):
        for key in ("claim", "answer"):
            yield from strings(counter.get(key), ("counterarguments", index, key))
    examples = data.get("examples")
    for key, value in examples.items() if isinstance(examples, dict) else ():
        if isinstance(value, dict):
            for section, text in value.items():
                yield from strings(text, ("examples", key, section))
        else:
            yield from strings(value, ("examples", key))


def _item_line(lines: list[str], start: int, text: str) -> int:
    """The line of a list item: the first line from ``start`` on that holds its opening words
    (an item's own line is not among the key lines; its list's is)."""
    opening = re.split(r'["\\]', text, maxsplit=1)[0][:40]
    if len(opening) >= 8:
        for number in range(start, min(len(lines), start + 400) + 1):
            if opening in lines[number - 1]:
                return number
    return start


def copied_from_sources(pack: Path, index: SourceIndex) -> list[Problem]:
    """Each stretch of the pack at ``pack`` (a ``.toml`` file) copied from a source document,
    as a problem with its line; a file that cannot be read or parsed gives its own problems
    (the pack's other checks report those too)."""
    data, checker = read_toml(pack, max_bytes=1024 * 1024, what="pack")
    if data is None:
        return checker.problems
    text_lines: list[str] | None = None
    problems = []
    for path, text in pack_texts(data):
        for count, name, quoted in index.copied(text):
            line = line_of(checker.lines, path)
            if isinstance(path[-1], int):
                if text_lines is None:
                    text_lines = read_text_file(pack, max_bytes=1024 * 1024).splitlines()
                line = _item_line(text_lines, line, text)
            problems.append(
                Problem(
                    pack,
                    line,
                    describe(path),
                    f"{count} words in a row are copied from the source {name}: “{quoted}”; "
                    "say it in your own words",
                )
            )
    return sorted(problems, key=lambda p: p.line)
