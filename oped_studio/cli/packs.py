"""``oped-studio packs``: the talking-point packs, for the people who write and share them.

``validate`` lists every problem in ``file:line: (where): what`` form, so an editor can jump
to each; its exit status is 1 when any pack has one.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

from oped_studio.cli.common import (
    EXIT_INVALID,
    EXIT_OK,
    UsageError,
    add_actions,
    add_format_option,
    emit,
)


def register(sub: argparse._SubParsersAction) -> None:
    packs = sub.add_parser("packs", help="list, validate and create talking-point packs")
    actions = add_actions(packs)
    p_list = actions.add_parser("list", help="the bundled and user packs, with their status")
    add_format_option(p_list)
    p_list.set_defaults(handler=cmd_packs_list)
    p_val = actions.add_parser("validate", help="check pack files and list every problem")
    p_val.add_argument("paths", nargs="+", metavar="PATH", help="pack files or folders")
    p_val.add_argument(
        "--sources",
        metavar="DIR",
        help="a folder of the pack's source documents (.txt, .md, .html): also report every "
        "run of 8 or more words a pack copies from one of them",
    )
    p_val.set_defaults(handler=cmd_packs_validate)
    p_new = actions.add_parser("new", help="write a commented pack skeleton to fill in")
    p_new.add_argument("id", help="the new pack's id (lower-case letters, digits, dashes)")
    p_new.add_argument("--out", metavar="FILE", help="where to write it (default: user packs)")
    p_new.add_argument(
        "--force",
        action="store_true",
        help="use an id another pack has: the new one replaces it for you (never its file)",
    )
    p_new.set_defaults(handler=cmd_packs_new)


def cmd_packs_list(args: argparse.Namespace) -> int:
    from oped_studio.core.packs import discover_packs

    rows = []
    for load in discover_packs(args.app_paths):
        pack = load.pack
        rows.append(
            {
                "id": pack.id if pack else "",
                "title": pack.title if pack else "",
                "version": pack.version if pack else "",
                "points": len(pack.points) if pack else 0,
                "themes": len(pack.themes()) if pack else 0,
                "origin": load.origin,
                "path": str(load.path),
                "status": "ok" if load.ok else f"{len(load.problems)} problem(s)",
                "problems": [str(p) for p in load.problems],
            }
        )
    return emit(args, rows, _list_lines(rows))


def _list_lines(rows: list[dict]) -> Iterator[str]:
    """A pack a line, with its first few problems under it (``validate`` shows them all)."""
    if not rows:
        yield "No packs found."
    for row in rows:
        name = row["id"] or Path(row["path"]).name
        yield (
            f"{name:<26} {row['status']:<14} {row['origin']:<8} "
            f"{row['points']:>3} points  {row['title']}"
        )
        for problem in row["problems"][:3]:
            yield f"    {problem}"
        if len(row["problems"]) > 3:
            yield f"    ... and {len(row['problems']) - 3} more: run 'oped-studio packs validate'"


def cmd_packs_validate(args: argparse.Namespace) -> int:
    from oped_studio.core.packs import load_pack, pack_file

    index = None
    if args.sources:
        from oped_studio.checks.source_copy import SourceIndex, source_documents

        index = SourceIndex(source_documents(Path(args.sources)))
    bad = 0
    for raw in args.paths:
        path = Path(raw)
        if not path.exists():
            print(f"{path}:1: (file): does not exist; check the path", file=sys.stderr)
            bad += 1
            continue
        load = load_pack(path, origin="user")
        problems = list(load.problems)
        if index is not None and load.pack is not None:
            from oped_studio.checks.source_copy import copied_from_sources

            problems += copied_from_sources(pack_file(path), index)
        for problem in problems:
            print(problem)
        if not problems and load.pack is not None:
            pack = load.pack
            facts = sum(len(point.facts) for point in pack.points)
            checked = f", no wording copied from {args.sources}" if index is not None else ""
            print(
                f"{path}: ok: {len(pack.points)} points in {len(pack.themes())} themes, "
                f"{facts} facts from {len(pack.sources)} sources{checked}"
            )
        else:
            bad += 1
    return EXIT_INVALID if bad else EXIT_OK


def cmd_packs_new(args: argparse.Namespace) -> int:
    from oped_studio.core.atomic import atomic_write_text
    from oped_studio.core.packs import bundled_dir, discover_packs, pack_skeleton
    from oped_studio.core.validation import ID_RE

    if not ID_RE.match(args.id):
        raise UsageError(
            f"'{args.id}' is not a valid pack id: use lower-case letters, digits and dashes, "
            "like 'bus-route-12'."
        )
    # A user pack replaces a bundled (or a kit's) pack of the same id: an empty skeleton
    # under a used id would take that pack away from every draft that uses it.
    taken = {ld.pack.id: ld for ld in discover_packs(args.app_paths) if ld.pack and ld.pack.id}
    other = taken.get(args.id)
    if other is not None and not args.force:
        raise UsageError(
            f"There is already a pack with the id '{args.id}' ({other.origin}: {other.path}); "
            "choose another id, or use --force to write a new pack that replaces it for you "
            "(the existing file is never changed)."
        )
    target = Path(args.out) if args.out else args.app_paths.packs / f"{args.id}.toml"
    if target.resolve().is_relative_to(bundled_dir("talking_points").resolve()):
        raise UsageError(
            f"{target} is in the app's own packs folder, which updates replace; write the "
            "pack elsewhere (by default it goes to your packs folder)."
        )
    if target.exists() or target.is_symlink():
        raise UsageError(f"{target} already exists; choose another id or --out path.")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from oped_studio.core.errors import describe_os_error

        raise UsageError(f"Cannot create {target.parent}: {describe_os_error(exc)}.") from exc
    atomic_write_text(target, pack_skeleton(args.id))
    print(f"Wrote the new pack {target.resolve()}.")
    if other is not None and target.resolve().parent == args.app_paths.packs.resolve():
        print(
            f"Until it is filled in and valid, drafts using '{args.id}' cannot use it; "
            f"delete {target} to have the {other.origin} pack back."
        )
    print(f"Fill it in, then run: oped-studio packs validate {target}")
    return EXIT_OK
