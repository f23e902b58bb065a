"""``oped-studio outlets``: the directory of papers and their rules for letters and op-eds.

A writer's own papers (``add``) sit beside the bundled ones and win on the same id, so a paper
that changed its rules can be corrected without waiting for a release.
"""

from __future__ import annotations

import argparse
import difflib
from collections.abc import Iterator

from oped_studio.cli.common import (
    EXIT_OK,
    UsageError,
    add_actions,
    add_format_option,
    emit,
    note_problems,
    whole_number,
)


def register(sub: argparse._SubParsersAction) -> None:
    outlets = sub.add_parser("outlets", help="search the directory of newspapers and their rules")
    actions = add_actions(outlets)
    o_search = actions.add_parser(
        "search", help="find papers by name, city or state, or the nearest to a ZIP code"
    )
    o_search.add_argument("query", nargs="*", help="words to look for (none lists every paper)")
    o_search.add_argument("--state", default="", help="only papers in this state (TX or Texas)")
    o_search.add_argument("--zip", default="", help="the papers nearest this ZIP code first")
    add_format_option(o_search)
    o_search.set_defaults(handler=cmd_outlets_search)
    o_show = actions.add_parser("show", help="one paper's rules for letters and op-eds")
    o_show.add_argument("id")
    add_format_option(o_show)
    o_show.set_defaults(handler=cmd_outlets_show)
    o_add = actions.add_parser("add", help="add your own paper, or change a bundled one (same id)")
    o_add.add_argument("id")
    o_add.add_argument("--name", required=True)
    o_add.add_argument("--city", default="")
    o_add.add_argument("--state", default="")
    o_add.add_argument("--kind", choices=("national", "metro", "local"), default="local")
    o_add.add_argument("--word-limit", type=whole_number, help="letters: most words allowed")
    o_add.add_argument("--char-limit", type=whole_number, help="letters: most characters allowed")
    o_add.add_argument("--oped-word-limit", type=whole_number, help="op-eds: most words allowed")
    o_add.add_argument("--email", default="", help="where letters are sent")
    o_add.add_argument("--url", default="", help="the paper's letters web page")
    o_add.add_argument("--source", default="", help="where you read these rules")
    o_add.set_defaults(handler=cmd_outlets_add)
    o_check = actions.add_parser(
        "validate", help="check a papers file (default: the bundled one and yours) line by line"
    )
    o_check.add_argument("files", nargs="*", metavar="FILE", help="an outlets.toml to check")
    o_check.set_defaults(handler=cmd_outlets_validate)
    o_rm = actions.add_parser("remove", help="remove one of your own papers")
    o_rm.add_argument("id")
    o_rm.set_defaults(handler=cmd_outlets_remove)


def _outlet_json(outlet) -> dict:
    return {**outlet.to_dict(), "origin": outlet.origin}


def cmd_outlets_search(args: argparse.Namespace) -> int:
    from oped_studio.core.cleaning import one_line
    from oped_studio.core.outlets import load_directory
    from oped_studio.core.places import state_code

    directory = load_directory(args.app_paths)
    note_problems(directory.problems)
    state = ""
    if args.state:
        state = state_code(args.state)
        if not state:
            shown = one_line(args.state)[:30]
            raise UsageError(f"--state: '{shown}' is not a US state; give TX or Texas.")
    found = directory.search(" ".join(args.query), limit=1000, state=state)
    if not args.zip:
        return emit(args, [_outlet_json(o) for o in found], _search_lines(found))
    keep = {o.id for o in found}
    near = [(o, miles) for o, miles in directory.near(args.zip, limit=1000) if o.id in keep]
    listing = [
        {**_outlet_json(o), "miles": round(miles) if miles is not None else None}
        for o, miles in near
    ]
    return emit(args, listing, _search_lines([o for o, _ in near], [m for _, m in near]))


def _search_lines(found: list, miles: list | None = None) -> Iterator[str]:
    if not found:
        yield "No paper matches; add your own with 'oped-studio outlets add'."
    for index, outlet in enumerate(found):
        limit = outlet.letters.word_limit
        shown = (
            f"{limit} words"
            if limit
            else f"{outlet.letters.char_limit:,} chars"
            if outlet.letters.char_limit
            else "limit unknown"
        )
        line = f"{outlet.id:<28} {outlet.name:<32} {outlet.place():<20} {shown}"
        if miles is not None:
            far = miles[index]
            line += f"  ({far:,.0f} miles)" if far is not None else "  (distance unknown)"
        yield line


def cmd_outlets_show(args: argparse.Namespace) -> int:
    from oped_studio.core.outlets import load_directory

    directory = load_directory(args.app_paths)
    note_problems(directory.problems)
    outlet = directory.get(args.id)
    if outlet is None:
        guesses = [o.id for o in directory.search(args.id, limit=3)] or difflib.get_close_matches(
            args.id, list(directory.outlets), n=3, cutoff=0.5
        )
        hint = f" Did you mean: {', '.join(guesses)}?" if guesses else ""
        raise UsageError(f"There is no outlet with the id '{args.id}'.{hint}")
    return emit(args, _outlet_json(outlet), _show_lines(outlet))


def _show_lines(outlet) -> Iterator[str]:
    yield f"{outlet.name} ({outlet.id})"
    origin = "your own entry" if outlet.origin == "user" else "bundled"
    yield f"{outlet.place()} · {outlet.kind} · {origin}"
    yield from _rules_lines("Letters to the editor", outlet.letters)
    yield from _rules_lines("Op-eds", outlet.oped)


def _rules_lines(label: str, rules) -> list[str]:
    """One kind of piece's rules, a known rule a line; unknown ones are left out."""
    if rules.is_empty():
        return [f"{label}: no rules known"]
    lines = [f"{label}:"]

    def add(name: str, value: object) -> None:
        if value not in (None, "", ()):
            lines.append(f"  {name + ':':<22}{value}")

    yes_no = {True: "yes", False: "no", None: None}
    add("Word limit", f"{rules.word_limit:,} words" if rules.word_limit else None)
    add("Character limit", f"{rules.char_limit:,} characters" if rules.char_limit else None)
    add("Answer within", f"{rules.days_after_article} days" if rules.days_after_article else None)
    add("Exclusive", yes_no[rules.exclusive])
    add("Attachments accepted", yes_no[rules.attachments])
    add("Contact details", ", ".join(rules.required_contact))
    add("How often", rules.frequency)
    add("No answer means", rules.reply_window)
    add("Send by email to", rules.send_to.email)
    add("Web form", rules.send_to.web_form)
    add("Send by post to", rules.send_to.postal_address)
    add("Notes", rules.notes)
    source = rules.source
    if rules.weak_source:
        source += "; a weak or second-hand source, check before relying on it"
    add("Source", source)
    add("Page", rules.source_url)
    add("Page dated", rules.source_date)
    add("Read on", rules.read_on)
    return lines


def cmd_outlets_add(args: argparse.Namespace) -> int:
    from oped_studio.core.user_outlets import OutletInputError, build_user_outlet, save_user_outlet

    # The option a field came from, so a mistake names what the writer typed.
    options = {
        "id": "ID",
        "word_limit": "--word-limit",
        "oped_word_limit": "--oped-word-limit",
        "char_limit": "--char-limit",
        "email": "--email",
        "url": "--url",
        "name": "--name",
        "city": "--city",
        "state": "--state",
        "source": "--source",
        "kind": "--kind",
    }
    try:
        outlet = build_user_outlet(
            outlet_id=args.id,
            name=args.name,
            city=args.city,
            state=args.state,
            kind=args.kind,
            word_limit=args.word_limit,
            char_limit=args.char_limit,
            oped_word_limit=args.oped_word_limit,
            email=args.email,
            url=args.url,
            source=args.source or "",
        )
    except OutletInputError as exc:
        raise UsageError(f"{options.get(exc.field, exc.field)}: {exc}") from None
    path = save_user_outlet(outlet, args.app_paths)
    print(f"Saved {outlet.name} ({outlet.id}) in {path}")
    return EXIT_OK


def cmd_outlets_remove(args: argparse.Namespace) -> int:
    from oped_studio.core.user_outlets import remove_user_outlet

    if not remove_user_outlet(args.id, args.app_paths):
        raise UsageError(f"You have no outlet of your own with the id '{args.id}'.")
    print(f"Removed your outlet '{args.id}'.")
    return EXIT_OK


def cmd_outlets_validate(args: argparse.Namespace) -> int:
    """Every problem as ``file:line: field: what to fix``; exit 1 when there is one."""
    import sys
    from pathlib import Path

    from oped_studio.cli.common import EXIT_INVALID
    from oped_studio.core.outlets import bundled_outlets_file, read_outlets_file

    files = [Path(f) for f in args.files]
    if not files:
        files = [bundled_outlets_file()]
        if args.app_paths.outlets_file.exists() or args.app_paths.outlets_file.is_symlink():
            files.append(args.app_paths.outlets_file)
    bad = 0
    for path in files:
        if not path.exists() and not path.is_symlink():
            print(f"{path}:1: (file): does not exist; check the path", file=sys.stderr)
            bad += 1
            continue
        outlets, problems = read_outlets_file(path, "user")
        for problem in problems:
            print(problem)
        if problems:
            bad += 1
        else:
            sent = sum(1 for o in outlets if not o.letters.send_to.is_empty())
            print(f"{path}: ok: {len(outlets)} papers, {sent} with a letters address")
    return EXIT_INVALID if bad else EXIT_OK
