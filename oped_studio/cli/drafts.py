"""``oped-studio drafts``: the library of drafts, as the window's library dialog shows it.

Deleting moves a draft to the trash, never removes it, so ``restore`` can always put it back.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

from oped_studio.cli.common import (
    EXIT_OK,
    UsageError,
    add_actions,
    add_format_option,
    emit,
    local_time,
)
from oped_studio.core.cleaning import shown_name


def register(sub: argparse._SubParsersAction) -> None:
    drafts = sub.add_parser("drafts", help="list, duplicate, delete and restore library drafts")
    actions = add_actions(drafts)
    d_list = actions.add_parser("list", help="the drafts in the library, newest first")
    add_format_option(d_list)
    d_list.set_defaults(handler=cmd_drafts_list)
    d_dup = actions.add_parser("duplicate", help="copy a draft into the library")
    d_dup.add_argument("draft", metavar="DRAFT.oped")
    d_dup.set_defaults(handler=cmd_drafts_duplicate)
    d_del = actions.add_parser(
        "delete",
        help="move a library draft to the trash (recoverable); other files are refused",
    )
    d_del.add_argument("draft", metavar="DRAFT.oped")
    d_del.set_defaults(handler=cmd_drafts_delete)
    d_trash = actions.add_parser("trash", help="list the deleted drafts")
    d_trash.set_defaults(handler=cmd_drafts_trash)
    d_restore = actions.add_parser("restore", help="put a deleted draft back")
    d_restore.add_argument("name", help="the name shown by 'oped-studio drafts trash'")
    d_restore.set_defaults(handler=cmd_drafts_restore)


def _library(args: argparse.Namespace):
    """The library in the data folder that --data-dir chose for this call."""
    from oped_studio.core.library import DraftLibrary

    return DraftLibrary(args.app_paths)


def cmd_drafts_list(args: argparse.Namespace) -> int:
    entries = _library(args).entries()
    listing = [
        {
            "file": str(e.path),
            "title": e.title,
            "kind": e.kind,
            "outlet": e.outlet_id,
            "words": e.words,
            "modified": e.modified.isoformat() if e.modified else None,
            "error": e.error,
        }
        for e in entries
    ]
    return emit(args, listing, _list_lines(entries))


def _list_lines(entries: list) -> Iterator[str]:
    if not entries:
        yield "No drafts yet."
    for e in entries:
        if e.error:
            yield f"{shown_name(e.path.name)}: cannot be opened: {e.error}"
        else:
            yield (
                f"{local_time(e.modified)}  {e.words:>5} words  {e.kind:<4}  "
                f"{e.outlet_id or '-':<12}  {e.title}  ({shown_name(e.path.name)})"
            )


def cmd_drafts_duplicate(args: argparse.Namespace) -> int:
    copy = _library(args).duplicate(Path(args.draft))
    print(f"Copied to {copy.path}")
    return EXIT_OK


def cmd_drafts_delete(args: argparse.Namespace) -> int:
    entry = _library(args).delete(Path(args.draft))
    print(
        f"Moved to the trash as {entry.path.name} (restore it with 'oped-studio drafts restore')."
    )
    return EXIT_OK


def cmd_drafts_trash(args: argparse.Namespace) -> int:
    entries = _library(args).trash()
    if not entries:
        print("The trash is empty.")
    for e in entries:
        print(f"{e.path.name}  (deleted {local_time(e.deleted)}, was {e.original})")
    return EXIT_OK


def cmd_drafts_restore(args: argparse.Namespace) -> int:
    library = _library(args)
    for entry in library.trash():
        if entry.path.name == args.name:
            print(f"Restored to {library.restore(entry)}")
            return EXIT_OK
    raise UsageError(f"There is no draft named {args.name!r} in the trash.")
