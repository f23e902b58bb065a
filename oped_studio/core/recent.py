"""The list of recently opened draft files, kept in the user's config folder."""

from __future__ import annotations

import json
import logging
import stat
from dataclasses import dataclass
from pathlib import Path

from oped_studio.core.atomic import atomic_write_text
from oped_studio.core.errors import OpedError
from oped_studio.core.files import ParseError, UnreadableFileError, loads_json, read_text_file

log = logging.getLogger(__name__)

MAX_RECENT = 10


@dataclass(frozen=True)
class LastDraft:
    """The draft the writer had open last: where it is, and its title to show."""

    path: Path
    title: str


def last_draft(paths: list[Path]) -> LastDraft | None:
    """The first of ``paths`` (most recent first) that is still a draft the app can open.

    Reads each draft until one opens, so call it off the UI thread. An entry that is gone, not
    absolute, a folder, a pipe or a device, unreadable, or not a draft is skipped quietly (and
    logged): the offer to continue is a convenience, never a question about a broken file.
    """
    from oped_studio.core.storage import load_draft

    for path in paths:
        try:
            if not path.is_absolute() or not stat.S_ISREG(path.stat().st_mode):
                continue
            draft = load_draft(path).draft
        except (OSError, ValueError, OpedError) as exc:  # ValueError: a NUL in the name
            log.info("not offering %s to continue: %s", path, exc)
            continue
        return LastDraft(path, draft.display_title())
    return None


class RecentFiles:
    """Most recent first; at most :data:`MAX_RECENT`; a damaged list is treated as empty."""

    def __init__(self, store: Path, limit: int = MAX_RECENT) -> None:
        self.store = store
        self.limit = limit

    def load(self) -> list[Path]:
        try:
            data = loads_json(read_text_file(self.store, what="list of recent files"))
        except UnreadableFileError as exc:
            if not exc.missing:
                log.warning("ignoring unreadable recent-files list: %s", exc)
            return []
        except ParseError as exc:
            log.warning("ignoring damaged recent-files list %s: %s", self.store, exc.reason)
            return []
        if not isinstance(data, list):
            return []
        return [Path(item) for item in data if isinstance(item, str)][: self.limit]

    def _save(self, paths: list[Path]) -> None:
        self.store.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(self.store, json.dumps([str(p) for p in paths], indent=1))

    def add(self, path: Path) -> list[Path]:
        """Put ``path`` first and save; returns the new list. Raises SaveError."""
        path = Path(path).resolve()
        paths = [path] + [p for p in self.load() if p != path]
        paths = paths[: self.limit]
        self._save(paths)
        return paths

    def remove(self, path: Path) -> list[Path]:
        path = Path(path).resolve()
        paths = [p for p in self.load() if p != path]
        self._save(paths)
        return paths

    def clear(self) -> None:
        self._save([])
