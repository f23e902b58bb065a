"""The writer's contact block, remembered between drafts (``config/author.json``).

A new draft starts with the contact details of the last one saved, so the writer types them
once. Reading never fails: a missing or damaged file gives an empty block (a damaged one is
logged and left for the next save to replace). The file can be forgotten on request (shared
computers).
"""

from __future__ import annotations

import contextlib
import json
import logging
from dataclasses import asdict, fields

from oped_studio.core.atomic import atomic_write_text
from oped_studio.core.draft import Author, clean_text
from oped_studio.core.files import ParseError, UnreadableFileError, loads_json, read_text_file
from oped_studio.core.paths import AppPaths

log = logging.getLogger(__name__)

#: The longest value kept for one contact field (the draft format's own limit is larger).
MAX_VALUE = 1000


def load_author(paths: AppPaths) -> Author:
    path = paths.author_file
    try:
        data = loads_json(read_text_file(path, what="contact file"))
    except UnreadableFileError as exc:
        if not exc.missing:
            log.warning("the remembered contact details in %s are unreadable: %s", path, exc)
        return Author()
    except ParseError as exc:
        log.warning("the remembered contact details in %s are damaged: %s", path, exc.reason)
        return Author()
    if not isinstance(data, dict):
        return Author()
    values = {}
    for f in fields(Author):
        value = data.get(f.name, "")
        values[f.name] = clean_text(value)[:MAX_VALUE] if isinstance(value, str) else ""
    return Author(**values)


def save_author(author: Author, paths: AppPaths) -> None:
    """Remember ``author`` for the next new draft (an empty block is not remembered)."""
    if not any(asdict(author).values()):
        return
    path = paths.author_file
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, json.dumps(asdict(author), ensure_ascii=False, indent=2) + "\n")


def forget_author(paths: AppPaths) -> None:
    """Forget the remembered contact details (for a shared computer)."""
    with contextlib.suppress(FileNotFoundError):
        paths.author_file.unlink()
