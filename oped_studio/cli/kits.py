"""``oped-studio kit``: workshop kits, built by an organizer before a letter-writing event.

A kit carries the event's packs, papers and settings in one ``.opedkit`` file that every
laptop at the venue opens with ``oped-studio --kit FILE``.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from oped_studio.cli.common import EXIT_INVALID, EXIT_OK, UsageError, add_actions, iso_date

if TYPE_CHECKING:
    from oped_studio.core.paths import AppPaths


def register(sub: argparse._SubParsersAction) -> None:
    kit = sub.add_parser("kit", help="build, check and print handouts for workshop kits")
    actions = add_actions(kit)
    k_build = actions.add_parser("build", help="make a .opedkit file for a letter-writing event")
    k_build.add_argument("--title", required=True, help="the event's title")
    k_build.add_argument("--id", help="the kit's id (default: made from the title)")
    k_build.add_argument("--date", help="the event's date, YYYY-MM-DD")
    k_build.add_argument("--organizer", default="", help="who runs the event")
    k_build.add_argument("--welcome", default="", help="the text participants see first")
    k_build.add_argument("--pack", action="append", default=[], metavar="ID", help="a pack")
    k_build.add_argument("--outlet", action="append", default=[], metavar="ID", help="a paper")
    k_build.add_argument("--kind", choices=("lte", "oped"), default="lte", help="default kind")
    k_build.add_argument("--default-outlet", default="", metavar="ID", help="default paper")
    k_build.add_argument(
        "--structure", action="append", default=[], metavar="FILE", help="a letter structure"
    )
    k_build.add_argument(
        "--languagetool-url", default="", metavar="URL", help="a LanguageTool server at the venue"
    )
    k_build.add_argument("--out", required=True, metavar="FILE", help="the .opedkit to write")
    k_build.add_argument("--force", action="store_true", help="replace FILE if it exists")
    k_build.set_defaults(handler=cmd_kit_build)
    k_val = actions.add_parser("validate", help="check a kit and list every problem")
    k_val.add_argument("path", metavar="FILE")
    k_val.set_defaults(handler=cmd_kit_validate)
    k_hand = actions.add_parser(
        "handouts", help="one-page Word handouts of a kit's points and papers"
    )
    k_hand.add_argument("path", metavar="FILE")
    k_hand.add_argument("--out", required=True, metavar="DIR", help="the folder to write to")
    k_hand.add_argument("--force", action="store_true", help="replace handouts already in DIR")
    k_hand.set_defaults(handler=cmd_kit_handouts)


def _pack_files(pack_ids: list[str], paths: AppPaths) -> dict:
    """The chosen packs' files, by id; an unknown or broken pack stops the build."""
    from oped_studio.core.packs import discover_packs, pack_file

    loads = {ld.pack.id: ld for ld in discover_packs(paths) if ld.pack is not None and ld.pack.id}
    pack_files = {}
    for pack_id in pack_ids:
        load = loads.get(pack_id)
        if load is None:
            guess = difflib.get_close_matches(pack_id, sorted(loads), n=1)
            hint = f" Did you mean '{guess[0]}'?" if guess else ""
            raise UsageError(f"There is no pack with the id '{pack_id}'.{hint}")
        if not load.ok:
            raise UsageError(f"The pack '{pack_id}' has problems: {load.problems[0]}")
        pack_files[pack_id] = pack_file(load.path)
    return pack_files


def _papers(outlet_ids: list[str], paths: AppPaths) -> list:
    """The chosen papers from the directory (the writer's own included), in the given order."""
    from oped_studio.core.outlets import load_directory

    directory = load_directory(paths)
    chosen = []
    for outlet_id in outlet_ids:
        outlet = directory.get(outlet_id)
        if outlet is None:
            guesses = [o.id for o in directory.search(outlet_id, limit=3)]
            hint = f" Did you mean: {', '.join(guesses)}?" if guesses else ""
            raise UsageError(f"There is no paper with the id '{outlet_id}'.{hint}")
        chosen.append(outlet)
    return chosen


def cmd_kit_build(args: argparse.Namespace) -> int:
    from oped_studio.core.kits import KitError, Manifest, build_kit, own_outlets_toml
    from oped_studio.core.library import slugify

    pack_files = _pack_files(args.pack, args.app_paths)
    chosen = _papers(args.outlet, args.app_paths)
    when = iso_date(args.date, f"--date: '{args.date}' is not a date; write it as 2026-12-05")
    manifest = Manifest(
        id=args.id or slugify(args.title),
        title=args.title,
        date=when,
        organizer=args.organizer,
        welcome=args.welcome,
        default_kind=args.kind,
        default_outlet=args.default_outlet,
        outlets=list(dict.fromkeys(args.outlet)),
        languagetool_url=args.languagetool_url,
    )
    try:
        out = build_kit(
            Path(args.out),
            manifest,
            pack_files=pack_files,
            paths=args.app_paths,
            outlets_toml=own_outlets_toml(chosen),
            structure_files=[Path(p) for p in args.structure],
            force=args.force,
        )
    except KitError as exc:
        raise UsageError(str(exc)) from None
    print(f"Wrote {out}: {len(pack_files)} pack(s), {len(manifest.outlets)} paper(s).")
    _warn_about_server(manifest.languagetool_url)
    return EXIT_OK


def cmd_kit_validate(args: argparse.Namespace) -> int:
    from oped_studio.core.kits import parse_manifest, read_entries, validate_kit

    path = Path(args.path)
    problems = validate_kit(path, args.app_paths)
    for problem in problems:
        print(problem)
    if problems:
        return EXIT_INVALID
    files = read_entries(path)
    packs = sum(1 for name in files if name.startswith("packs/"))
    print(f"{path}: ok: {packs} pack(s), {len(files)} file(s)")
    manifest, _ = parse_manifest(files["manifest.toml"], path / "manifest.toml")
    _warn_about_server(manifest.languagetool_url if manifest else "")
    return EXIT_OK


def _warn_about_server(url: str) -> None:
    """Say plainly when a kit's grammar server is outside the venue's network."""
    from oped_studio.core.settings import server_url_warning

    if warning := server_url_warning(url):
        print(f"warning: the kit's grammar server: {warning}.", file=sys.stderr)


def cmd_kit_handouts(args: argparse.Namespace) -> int:
    from oped_studio.core.kits import KitError, open_kit
    from oped_studio.workshop.handouts import write_handouts

    try:
        kit = open_kit(Path(args.path), args.app_paths)
    except KitError as exc:
        raise UsageError(str(exc)) from None
    for path in write_handouts(kit, Path(args.out), args.app_paths, force=args.force):
        print(f"Wrote {path}")
    return EXIT_OK
