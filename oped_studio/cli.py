"""The ``oped-studio`` command: opens the app, or runs a subcommand for scripts and workshops.

``oped-studio`` alone (or with a draft file) opens the window; ``oped-studio SUBCOMMAND ...``
works without Qt. A user's mistake prints one clear sentence to stderr and exits with 2.
"""

from __future__ import annotations

import argparse
import difflib
import json
import sys
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from oped_studio import APP_NAME, __version__
from oped_studio.core.errors import OpedError

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2

# Global options that take a value (so the file-or-command check can skip their values).
_VALUE_OPTIONS = {"--data-dir", "--kit", "--event"}


class UsageError(OpedError):
    """A mistake in how the command was called."""


def _add_global_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="keep drafts and settings in DIR instead of the user data folder "
        "(the OPED_STUDIO_HOME environment variable does the same)",
    )
    parser.add_argument(
        "--kit", metavar="FILE", help="use a workshop kit's packs, papers and settings"
    )
    parser.add_argument(
        "--event",
        metavar="DIR",
        help="with --kit: run a letter-writing event on this laptop, saving into DIR",
    )


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake raises instead of printing usage and exiting."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="oped-studio",
        description=f"{APP_NAME}: write a letter to the editor or an op-ed, offline. "
        "With no subcommand, opens the app (and FILE.oped, if given).",
        usage="oped-studio [--data-dir DIR] [--kit FILE [--event DIR]] [FILE.oped]\n"
        "       oped-studio [--data-dir DIR] [--kit FILE] SUBCOMMAND ...",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    _add_global_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="SUBCOMMAND", parser_class=_Parser)

    info = sub.add_parser("info", help="show a draft's kind, outlet, title, words and last change")
    info.add_argument("draft", metavar="DRAFT.oped", help="the draft file")
    info.add_argument("--format", choices=("text", "json"), default="text")
    info.set_defaults(handler=cmd_info)

    drafts = sub.add_parser("drafts", help="list, duplicate, delete and restore library drafts")
    drafts_sub = drafts.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    drafts_sub.required = True
    d_list = drafts_sub.add_parser("list", help="the drafts in the library, newest first")
    d_list.add_argument("--format", choices=("text", "json"), default="text")
    d_list.set_defaults(handler=cmd_drafts_list)
    d_dup = drafts_sub.add_parser("duplicate", help="copy a draft into the library")
    d_dup.add_argument("draft", metavar="DRAFT.oped")
    d_dup.set_defaults(handler=cmd_drafts_duplicate)
    d_del = drafts_sub.add_parser("delete", help="move a draft to the trash (recoverable)")
    d_del.add_argument("draft", metavar="DRAFT.oped")
    d_del.set_defaults(handler=cmd_drafts_delete)
    d_trash = drafts_sub.add_parser("trash", help="list the deleted drafts")
    d_trash.set_defaults(handler=cmd_drafts_trash)
    d_restore = drafts_sub.add_parser("restore", help="put a deleted draft back")
    d_restore.add_argument("name", help="the name shown by 'oped-studio drafts trash'")
    d_restore.set_defaults(handler=cmd_drafts_restore)

    packs = sub.add_parser("packs", help="list, validate and create talking-point packs")
    packs_sub = packs.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    packs_sub.required = True
    p_list = packs_sub.add_parser("list", help="the bundled and user packs, with their status")
    p_list.add_argument("--format", choices=("text", "json"), default="text")
    p_list.set_defaults(handler=cmd_packs_list)
    p_val = packs_sub.add_parser("validate", help="check pack files and list every problem")
    p_val.add_argument("paths", nargs="+", metavar="PATH", help="pack files or folders")
    p_val.set_defaults(handler=cmd_packs_validate)
    p_new = packs_sub.add_parser("new", help="write a commented pack skeleton to fill in")
    p_new.add_argument("id", help="the new pack's id (lower-case letters, digits, dashes)")
    p_new.add_argument("--out", metavar="FILE", help="where to write it (default: user packs)")
    p_new.set_defaults(handler=cmd_packs_new)

    check = sub.add_parser(
        "check",
        help="check a draft's length, spelling, grammar, style and originality",
        description="Check a .oped draft or a plain-text letter. Exit status 0 whenever the "
        "check ran (whatever it found), 2 when the file cannot be checked.",
    )
    check.add_argument("file", metavar="FILE", help="a .oped draft or a UTF-8 text file")
    check.add_argument("--outlet", metavar="ID", help="the paper (default: the draft's)")
    check.add_argument("--kind", choices=("lte", "oped"), help="letter or op-ed")
    check.add_argument("--pack", metavar="ID", help="the talking-point pack (default: the draft's)")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.set_defaults(handler=cmd_check)

    export = sub.add_parser(
        "export",
        help="export a draft as .docx, .txt, .eml or .pdf",
        description="Export a .oped draft, or a plain-text letter body (then the options fill "
        "in the rest). Never overwrites a file unless --force.",
    )
    export.add_argument("draft", metavar="DRAFT", help="a .oped draft or a UTF-8 text file")
    export.add_argument("--format", choices=("docx", "txt", "eml", "pdf"), required=True)
    export.add_argument("--out", required=True, metavar="PATH", help="the file to write")
    export.add_argument("--force", action="store_true", help="replace the file if it exists")
    export.add_argument("--outlet", metavar="ID", help="the paper (default: the draft's)")
    export.add_argument(
        "--pack", metavar="ID", help="the talking-point pack (default: the draft's)"
    )
    export.add_argument("--kind", choices=("lte", "oped"), help="for a text file: letter or op-ed")
    for option in ("name", "street", "city", "phone", "email", "title", "headline"):
        export.add_argument(f"--{option}", default="", help=f"for a text file: the {option}")
    export.add_argument("--article-date", default="", metavar="YYYY-MM-DD")
    export.set_defaults(handler=cmd_export)

    outlets = sub.add_parser("outlets", help="search the directory of newspapers and their rules")
    o_sub = outlets.add_subparsers(dest="action", metavar="ACTION", parser_class=_Parser)
    o_sub.required = True
    o_search = o_sub.add_parser("search", help="find papers by name, city or state")
    o_search.add_argument("query", nargs="*", help="words to look for (none lists every paper)")
    o_search.add_argument("--format", choices=("text", "json"), default="text")
    o_search.set_defaults(handler=cmd_outlets_search)
    o_show = o_sub.add_parser("show", help="one paper's rules for letters and op-eds")
    o_show.add_argument("id")
    o_show.add_argument("--format", choices=("text", "json"), default="text")
    o_show.set_defaults(handler=cmd_outlets_show)
    o_add = o_sub.add_parser("add", help="add your own paper, or change a bundled one (same id)")
    o_add.add_argument("id")
    o_add.add_argument("--name", required=True)
    o_add.add_argument("--city", default="")
    o_add.add_argument("--state", default="")
    o_add.add_argument("--kind", choices=("national", "metro", "local"), default="local")
    o_add.add_argument("--word-limit", type=int, help="letters: most words allowed")
    o_add.add_argument("--char-limit", type=int, help="letters: most characters allowed")
    o_add.add_argument("--oped-word-limit", type=int, help="op-eds: most words allowed")
    o_add.add_argument("--email", default="", help="where letters are sent")
    o_add.add_argument("--url", default="", help="the paper's letters web page")
    o_add.add_argument("--source", default="", help="where you read these rules")
    o_add.set_defaults(handler=cmd_outlets_add)
    o_rm = o_sub.add_parser("remove", help="remove one of your own papers")
    o_rm.add_argument("id")
    o_rm.set_defaults(handler=cmd_outlets_remove)

    kit = sub.add_parser("kit", help="build, check and print handouts for workshop kits")
    k_sub = kit.add_subparsers(dest="kit_command", metavar="ACTION", required=True)
    k_build = k_sub.add_parser("build", help="make a .opedkit file for a letter-writing event")
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
    k_val = k_sub.add_parser("validate", help="check a kit and list every problem")
    k_val.add_argument("path", metavar="FILE")
    k_val.set_defaults(handler=cmd_kit_validate)
    k_hand = k_sub.add_parser(
        "handouts", help="one-page Word handouts of a kit's points and papers"
    )
    k_hand.add_argument("path", metavar="FILE")
    k_hand.add_argument("--out", required=True, metavar="DIR", help="the folder to write to")
    k_hand.set_defaults(handler=cmd_kit_handouts)

    subs = sub.add_parser("submissions", help="the log of where and when letters were sent")
    s_sub = subs.add_subparsers(dest="submissions_command", metavar="ACTION", required=True)
    s_add = s_sub.add_parser("add", help="record that a draft was sent to a paper")
    s_add.add_argument("path", metavar="DRAFT")
    s_add.add_argument("--outlet", required=True, metavar="ID")
    s_add.add_argument("--on", metavar="DATE", help="when it was sent (default: today)")
    s_add.add_argument("--how", choices=("email", "web form", "post", "other"), default="email")
    s_add.add_argument("--note", default="")
    s_add.add_argument(
        "--force", action="store_true", help="record it even if a paper demands exclusivity"
    )
    s_add.set_defaults(handler=cmd_submissions_add)
    s_list = s_sub.add_parser("list", help="every letter sent, with replies overdue marked")
    s_list.set_defaults(handler=cmd_submissions_list)
    s_export = s_sub.add_parser("export", help="the log as a CSV file")
    s_export.add_argument("--out", required=True, metavar="FILE")
    s_export.set_defaults(handler=cmd_submissions_export)

    batch = sub.add_parser(
        "batch-export", help="export every draft of an event folder, with a summary"
    )
    batch.add_argument("folder", metavar="DIR", help="an event folder, or any folder of .oped")
    batch.add_argument("--out", required=True, metavar="OUT", help="the folder to write to")
    batch.set_defaults(handler=cmd_batch_export)

    parser.set_defaults(command_names=frozenset(sub.choices))
    return parser


# -- subcommands ---------------------------------------------------------------------------


def _local_time(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _outlet_label(outlet_id: str) -> str:
    if not outlet_id:
        return "(none chosen)"
    from oped_studio.core.outlets import load_directory

    outlet = load_directory().get(outlet_id)
    return f"{outlet.label()} ({outlet_id})" if outlet else f"{outlet_id} (not in the directory)"


def cmd_info(args: argparse.Namespace) -> int:
    from oped_studio.core.draft import KIND_NAMES
    from oped_studio.core.letter_text import counted_words
    from oped_studio.core.storage import load_draft

    loaded = load_draft(Path(args.draft))
    draft = loaded.draft
    words = counted_words(draft)
    facts = {
        "file": str(loaded.path),
        "title": draft.display_title(),
        "kind": draft.kind,
        "outlet": draft.outlet_id,
        "article": draft.article.headline,
        "words": words,
        "sections": sum(1 for text in draft.sections.values() if text.strip()),
        "modified": draft.modified.isoformat(),
        "created": draft.created.isoformat(),
        "format_version": loaded.migrated_from or draft.to_dict()["format_version"],
    }
    if args.format == "json":
        print(json.dumps(facts, ensure_ascii=False, indent=2))
        return EXIT_OK
    rows = [
        ("Title", facts["title"]),
        ("Kind", KIND_NAMES[draft.kind]),
        ("Outlet", _outlet_label(draft.outlet_id)),
        ("Answers", draft.article.headline or "(no article)"),
        ("Words", f"{words:,}"),
        ("Last change", _local_time(draft.modified)),
    ]
    for label, value in rows:
        print(f"{label + ':':<13}{value}")
    return EXIT_OK


def _library():
    from oped_studio.core.library import DraftLibrary
    from oped_studio.core.paths import app_paths

    return DraftLibrary(app_paths())


def cmd_drafts_list(args: argparse.Namespace) -> int:
    entries = _library().entries()
    if args.format == "json":
        print(
            json.dumps(
                [
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
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
        return EXIT_OK
    if not entries:
        print("No drafts yet.")
    for e in entries:
        if e.error:
            print(f"{e.path.name}: cannot be opened: {e.error}")
        else:
            print(
                f"{_local_time(e.modified)}  {e.words:>5} words  {e.kind:<4}  "
                f"{e.outlet_id or '-':<12}  {e.title}  ({e.path.name})"
            )
    return EXIT_OK


def cmd_drafts_duplicate(args: argparse.Namespace) -> int:
    copy = _library().duplicate(Path(args.draft))
    print(f"Copied to {copy.path}")
    return EXIT_OK


def cmd_drafts_delete(args: argparse.Namespace) -> int:
    entry = _library().delete(Path(args.draft))
    print(
        f"Moved to the trash as {entry.path.name} (restore it with 'oped-studio drafts restore')."
    )
    return EXIT_OK


def cmd_drafts_trash(_args: argparse.Namespace) -> int:
    entries = _library().trash()
    if not entries:
        print("The trash is empty.")
    for e in entries:
        print(f"{e.path.name}  (deleted {_local_time(e.deleted)}, was {e.original})")
    return EXIT_OK


def cmd_drafts_restore(args: argparse.Namespace) -> int:
    library = _library()
    for entry in library.trash():
        if entry.path.name == args.name:
            print(f"Restored to {library.restore(entry)}")
            return EXIT_OK
    raise UsageError(f"There is no draft named {args.name!r} in the trash.")


def cmd_packs_list(args: argparse.Namespace) -> int:
    from oped_studio.core.packs import discover_packs

    loads = discover_packs()
    rows = []
    for load in loads:
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
    if args.format == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not rows:
        print("No packs found.")
    for row in rows:
        name = row["id"] or Path(row["path"]).name
        print(
            f"{name:<26} {row['status']:<14} {row['origin']:<8} "
            f"{row['points']:>3} points  {row['title']}"
        )
        for problem in row["problems"][:3]:
            print(f"    {problem}")
        if len(row["problems"]) > 3:
            print(f"    ... and {len(row['problems']) - 3} more: run 'oped-studio packs validate'")
    return EXIT_OK


def cmd_packs_validate(args: argparse.Namespace) -> int:
    from oped_studio.core.packs import load_pack

    bad = 0
    for raw in args.paths:
        path = Path(raw)
        if not path.exists():
            print(f"{path}:1: (file): does not exist; check the path", file=sys.stderr)
            bad += 1
            continue
        load = load_pack(path, origin="user")
        for problem in load.problems:
            print(problem)
        if load.ok and load.pack is not None:
            pack = load.pack
            facts = sum(len(point.facts) for point in pack.points)
            print(
                f"{path}: ok: {len(pack.points)} points in {len(pack.themes())} themes, "
                f"{facts} facts from {len(pack.sources)} sources"
            )
        else:
            bad += 1
    return EXIT_INVALID if bad else EXIT_OK


def cmd_packs_new(args: argparse.Namespace) -> int:
    from oped_studio.core.atomic import atomic_write_text
    from oped_studio.core.packs import pack_skeleton, user_packs_dir
    from oped_studio.core.validation import ID_RE

    if not ID_RE.match(args.id):
        raise UsageError(
            f"'{args.id}' is not a valid pack id: use lower-case letters, digits and dashes, "
            "like 'bus-route-12'."
        )
    target = Path(args.out) if args.out else user_packs_dir() / f"{args.id}.toml"
    if target.exists():
        raise UsageError(f"{target} already exists; choose another id or --out path.")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        from oped_studio.core.errors import describe_os_error

        raise UsageError(f"Cannot create {target.parent}: {describe_os_error(exc)}.") from exc
    atomic_write_text(target, pack_skeleton(args.id))
    print(f"Wrote {target}. Fill it in, then run: oped-studio packs validate {target}")
    return EXIT_OK


MAX_TEXT_BYTES = 16 * 1024 * 1024


def _read_letter_text(path: Path) -> str:
    """A plain-text letter file, or a clear UsageError."""
    from oped_studio.core.errors import describe_os_error

    if not path.exists():
        raise UsageError(f"{path} does not exist.")
    if path.is_dir():
        raise UsageError(f"{path} is a folder; give a .oped draft or a text file.")
    try:
        if path.stat().st_size > MAX_TEXT_BYTES:
            raise UsageError(f"{path} is too large to be a letter (over 16 MB).")
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"Cannot read {path}: {describe_os_error(exc)}.") from exc
    # A stray NUL in pasted text is cleaned on export; a file full of them is not a letter.
    # (Compressed binaries, with fewer NULs, fail the UTF-8 test below instead.)
    if data.count(b"\x00") * 20 > len(data):
        raise UsageError(f"{path} is a binary file, not a letter in plain text.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UsageError(
            f"{path} is not UTF-8 text (byte {exc.start}); save it as UTF-8 and try again."
        ) from exc


def _line_col(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"{line}:{column}"


def cmd_check(args: argparse.Namespace) -> int:
    from oped_studio.checks.engine import Checker, request_for_draft, request_for_text
    from oped_studio.core.settings import load_settings
    from oped_studio.core.storage import load_draft

    path = Path(args.file)
    draft = None
    if path.suffix.lower() == ".oped":
        draft = load_draft(path).draft
        if args.kind and args.kind != draft.kind:
            from oped_studio.core.draft import DEFAULT_STRUCTURE

            draft.kind = args.kind
            draft.structure_id = DEFAULT_STRUCTURE[args.kind]
    outlet, pack = _outlet_and_pack(
        args.outlet or (draft.outlet_id if draft else ""),
        args.pack or (draft.pack_id if draft else ""),
    )
    if draft is not None:
        request = request_for_draft(draft, outlet=outlet, pack=pack)
    else:
        text = _read_letter_text(path)
        request = request_for_text(text, kind=args.kind or "lte", outlet=outlet, pack=pack)
    checker = Checker(load_settings())
    try:
        report = checker.run(request)
    finally:
        checker.close()
    if args.format == "json":
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        return EXIT_OK
    for notice in report.notices:
        print(f"Note: {notice}")
    limit = report.limit
    summary = f"{path.name}: {limit.words:,} words"
    if limit.max_words is not None:
        left = limit.remaining or 0
        state = f"{-left} over" if left < 0 else f"{left} left"
        summary += f" ({limit.outlet_name}: at most {limit.max_words}, {state})"
    elif limit.max_characters is not None:
        summary += f" ({limit.outlet_name}: at most {limit.max_characters:,} characters)"
    summary += f" · {report.counts.sentences} sentences"
    summary += (
        f" · reading ease {report.readability.flesch_reading_ease:.0f}"
        f" (grade {report.readability.grade:.1f})"
    )
    if report.originality is not None:
        summary += f" · {report.originality.copied_percent:.1f}% copied from the pack"
    print(summary)
    text = request.text
    if not report.issues:
        print("No issues found.")
    for issue in report.issues:
        where = _line_col(text, issue.start) if issue.end > issue.start else "-"
        fix = f" -> {issue.replacements[0]!r}" if issue.replacements else ""
        print(
            f"  {where:<8} {issue.category:<14} {issue.source}:{issue.rule}: {issue.message}{fix}"
        )
    return EXIT_OK


def _draft_from_text(args: argparse.Namespace, text: str):
    """A draft for a plain-text letter body: its paragraphs, and the options' details."""
    from datetime import date

    from oped_studio.core.counting import paragraph_spans
    from oped_studio.core.draft import Article, Author, Draft

    article_date = None
    if args.article_date:
        try:
            article_date = date.fromisoformat(args.article_date)
        except ValueError:
            raise UsageError(
                f"--article-date must be a date like 2018-06-20, not {args.article_date!r}."
            ) from None
    paragraphs = [text[s:e] for s, e in paragraph_spans(text)]
    return Draft(
        kind=args.kind or "lte",
        title=args.title,
        sections={f"paragraph-{n}": p for n, p in enumerate(paragraphs, start=1)},
        article=Article(headline=args.headline, date=article_date),
        author=Author(
            name=args.name,
            street=args.street,
            city_state=args.city,
            phone=args.phone,
            email=args.email,
        ),
    )


def _outlet_and_pack(outlet_id: str, pack_id: str):
    from oped_studio.core.outlets import load_directory
    from oped_studio.core.packs import usable_packs

    outlet = load_directory().get(outlet_id) if outlet_id else None
    if outlet_id and outlet is None:
        raise UsageError(
            f"There is no outlet with the id '{outlet_id}' (see 'oped-studio outlets search')."
        )
    pack = usable_packs().get(pack_id) if pack_id else None
    if pack_id and pack is None:
        raise UsageError(f"There is no usable pack '{pack_id}' (see 'oped-studio packs list').")
    return outlet, pack


def cmd_export(args: argparse.Namespace) -> int:
    from oped_studio.core.storage import load_draft
    from oped_studio.export import export_draft

    path = Path(args.draft)
    if path.suffix.lower() == ".oped":
        draft = load_draft(path).draft
    else:
        draft = _draft_from_text(args, _read_letter_text(path))
    outlet, pack = _outlet_and_pack(args.outlet or draft.outlet_id, args.pack or draft.pack_id)
    result = export_draft(
        draft, args.format, Path(args.out), outlet=outlet, pack=pack, force=args.force
    )
    if result.cleaned:
        print(f"oped-studio: note: {result.cleaned.describe()}", file=sys.stderr)
    print(f"Exported {result.path}")
    return EXIT_OK


def _outlet_json(outlet) -> dict:
    return {**outlet.to_dict(), "origin": outlet.origin}


def _rules_lines(label: str, rules) -> list[str]:
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
    add("Send to", rules.submit_email or rules.submit_url)
    add("Notes", rules.notes)
    source = rules.source + (f" ({rules.source_date})" if rules.source_date else "")
    if rules.weak_source:
        source += "; a weak or second-hand source, check before relying on it"
    add("Source", source)
    add("Checked", rules.checked)
    return lines


def cmd_outlets_search(args: argparse.Namespace) -> int:
    from oped_studio.core.outlets import load_directory

    directory = load_directory()
    found = directory.search(" ".join(args.query), limit=1000)
    if args.format == "json":
        print(json.dumps([_outlet_json(o) for o in found], ensure_ascii=False, indent=2))
        return EXIT_OK
    if not found:
        print("No paper matches; add your own with 'oped-studio outlets add'.")
    for outlet in found:
        limit = outlet.letters.word_limit
        shown = (
            f"{limit} words"
            if limit
            else f"{outlet.letters.char_limit:,} chars"
            if outlet.letters.char_limit
            else "limit unknown"
        )
        print(f"{outlet.id:<28} {outlet.name:<32} {outlet.place():<20} {shown}")
    return EXIT_OK


def cmd_outlets_show(args: argparse.Namespace) -> int:
    from oped_studio.core.outlets import load_directory

    directory = load_directory()
    outlet = directory.get(args.id)
    if outlet is None:
        guesses = [o.id for o in directory.search(args.id, limit=3)] or difflib.get_close_matches(
            args.id, list(directory.outlets), n=3, cutoff=0.5
        )
        hint = f" Did you mean: {', '.join(guesses)}?" if guesses else ""
        raise UsageError(f"There is no outlet with the id '{args.id}'.{hint}")
    if args.format == "json":
        print(json.dumps(_outlet_json(outlet), ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{outlet.name} ({outlet.id})")
    origin = "your own entry" if outlet.origin == "user" else "bundled"
    print(f"{outlet.place()} · {outlet.kind} · {origin}")
    for line in _rules_lines("Letters to the editor", outlet.letters):
        print(line)
    for line in _rules_lines("Op-eds", outlet.oped):
        print(line)
    return EXIT_OK


def cmd_outlets_add(args: argparse.Namespace) -> int:
    from oped_studio.core.outlets import OutletInputError, build_user_outlet, save_user_outlet

    options = {
        "id": "ID",
        "word_limit": "--word-limit",
        "oped_word_limit": "--oped-word-limit",
        "char_limit": "--char-limit",
        "email": "--email",
        "url": "--url",
        "name": "--name",
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
    path = save_user_outlet(outlet)
    print(f"Saved {outlet.name} ({outlet.id}) in {path}")
    return EXIT_OK


def cmd_kit_build(args: argparse.Namespace) -> int:
    from datetime import date

    from oped_studio.core.kits import KitError, Manifest, build_kit, own_outlets_toml
    from oped_studio.core.library import slugify
    from oped_studio.core.outlets import load_directory
    from oped_studio.core.packs import discover_packs, pack_file

    loads = {ld.pack.id: ld for ld in discover_packs() if ld.pack is not None and ld.pack.id}
    pack_files = {}
    for pack_id in args.pack:
        load = loads.get(pack_id)
        if load is None:
            guess = difflib.get_close_matches(pack_id, sorted(loads), n=1)
            hint = f" Did you mean '{guess[0]}'?" if guess else ""
            raise UsageError(f"There is no pack with the id '{pack_id}'.{hint}")
        if not load.ok:
            raise UsageError(f"The pack '{pack_id}' has problems: {load.problems[0]}")
        pack_files[pack_id] = pack_file(load.path)
    directory = load_directory()
    chosen = []
    for outlet_id in args.outlet:
        outlet = directory.get(outlet_id)
        if outlet is None:
            guesses = [o.id for o in directory.search(outlet_id, limit=3)]
            hint = f" Did you mean: {', '.join(guesses)}?" if guesses else ""
            raise UsageError(f"There is no paper with the id '{outlet_id}'.{hint}")
        chosen.append(outlet)
    when = None
    if args.date:
        try:
            when = date.fromisoformat(args.date)
        except ValueError:
            raise UsageError(
                f"--date: '{args.date}' is not a date; write it as 2026-12-05"
            ) from None
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
            outlets_toml=own_outlets_toml(chosen),
            structure_files=[Path(p) for p in args.structure],
            force=args.force,
        )
    except KitError as exc:
        raise UsageError(str(exc)) from None
    print(f"Wrote {out}: {len(pack_files)} pack(s), {len(manifest.outlets)} paper(s).")
    return EXIT_OK


def cmd_kit_validate(args: argparse.Namespace) -> int:
    from oped_studio.core.kits import read_entries, validate_kit

    path = Path(args.path)
    problems = validate_kit(path)
    for problem in problems:
        print(problem)
    if problems:
        return EXIT_INVALID
    files = read_entries(path)
    packs = sum(1 for name in files if name.startswith("packs/"))
    print(f"{path}: ok: {packs} pack(s), {len(files)} file(s)")
    return EXIT_OK


def cmd_kit_handouts(args: argparse.Namespace) -> int:
    from oped_studio.core.kits import KitError, open_kit
    from oped_studio.workshop.handouts import write_handouts

    try:
        kit = open_kit(Path(args.path))
    except KitError as exc:
        raise UsageError(str(exc)) from None
    for path in write_handouts(kit, Path(args.out)):
        print(f"Wrote {path}")
    return EXIT_OK


def cmd_submissions_add(args: argparse.Namespace) -> int:
    from datetime import date

    from oped_studio.core.outlets import load_directory
    from oped_studio.core.storage import load_draft
    from oped_studio.core.submissions import Submission, SubmissionLog

    draft = load_draft(Path(args.path)).draft
    directory = load_directory()
    outlet = directory.get(args.outlet)
    if outlet is None:
        raise UsageError(f"There is no paper with the id '{args.outlet}'.")
    try:
        sent_on = date.fromisoformat(args.on) if args.on else date.today()
    except ValueError:
        raise UsageError(f"--on: '{args.on}' is not a date; write it as 2026-11-22") from None
    log = SubmissionLog()
    conflicts = log.exclusivity_conflicts(draft.id, outlet, directory, draft.kind)
    if conflicts and not args.force:
        papers = ", ".join(f"{c.outlet_name} ({c.sent_on})" for c in conflicts)
        raise UsageError(
            f"This letter already went to {papers}; one of the papers prints only letters sent "
            "to it alone. Wait for an answer (or withdraw it), or use --force."
        )
    log.record(Submission.of(draft, outlet, sent_on, args.how, args.note))
    print(f"Recorded: “{draft.display_title()}” sent to {outlet.name} on {sent_on}.")
    return EXIT_OK


def cmd_submissions_list(args: argparse.Namespace) -> int:
    from oped_studio.core.outlets import load_directory
    from oped_studio.core.submissions import SubmissionLog

    log = SubmissionLog()
    entries = log.entries()
    if not entries:
        print("No letters recorded as sent yet.")
        return EXIT_OK
    late = {(e.draft_id, e.outlet_id, e.sent_on) for e in log.overdue(load_directory())}
    for entry in entries:
        mark = ""
        if (entry.draft_id, entry.outlet_id, entry.sent_on) in late:
            mark = "  (no reply within the paper's usual time: free to send elsewhere)"
        print(f"{entry.sent_on}  {entry.outlet_name:<28} {entry.status:<9} {entry.title}{mark}")
    return EXIT_OK


def cmd_submissions_export(args: argparse.Namespace) -> int:
    from oped_studio.core.submissions import SubmissionLog

    SubmissionLog().export_csv(Path(args.out))
    print(f"Wrote {args.out}")
    return EXIT_OK


def cmd_batch_export(args: argparse.Namespace) -> int:
    from oped_studio.workshop.batch import batch_export

    result = batch_export(Path(args.folder), Path(args.out))
    print(
        f"Exported {result.exported} letter(s) to {args.out}; "
        f"{len(result.failed)} could not be read (listed in summary.csv)."
    )
    print(f"Summary: {result.summary}")
    print(f"Similar letters: {result.similar_pairs} pair(s), in {result.similarity}")
    return EXIT_OK


def cmd_outlets_remove(args: argparse.Namespace) -> int:
    from oped_studio.core.outlets import remove_user_outlet

    if not remove_user_outlet(args.id):
        raise UsageError(f"You have no outlet of your own with the id '{args.id}'.")
    print(f"Removed your outlet '{args.id}'.")
    return EXIT_OK


# -- entry point ----------------------------------------------------------------------------


def _first_positional(argv: Sequence[str]) -> str | None:
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg in _VALUE_OPTIONS:
            skip = True
            continue
        if arg == "--":
            return None
        if not arg.startswith("-"):
            return arg
    return None


def _looks_like_file(arg: str) -> bool:
    path = Path(arg)
    return path.suffix.lower() == ".oped" or path.exists()


def _run_gui(argv: list[str]) -> int:
    parser = _Parser(prog="oped-studio", add_help=False)
    _add_global_options(parser)
    parser.add_argument("file", nargs="?")
    args, qt_args = parser.parse_known_args(argv)
    kit = _apply_global(args)
    if args.event and kit is None:
        raise UsageError("--event needs a kit: oped-studio --kit FILE --event DIR")
    from oped_studio.gui.app import run_gui

    return run_gui(
        Path(args.file) if args.file else None,
        qt_args,
        kit=kit,
        event_dir=Path(args.event) if args.event else None,
    )


def _apply_global(args: argparse.Namespace):
    """Apply --data-dir and --kit; returns the opened kit, if any."""
    if getattr(args, "data_dir", None):
        from oped_studio.core.paths import set_data_dir_override

        set_data_dir_override(args.data_dir)
    if getattr(args, "kit", None):
        from oped_studio.core.kits import KitError, open_kit
        from oped_studio.core.paths import set_kit_folder

        try:
            kit = open_kit(Path(args.kit))
        except KitError as exc:
            raise UsageError(str(exc)) from None
        set_kit_folder(kit.folder)
        return kit
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    commands = parser.get_default("command_names")
    first = _first_positional(argv)
    try:
        if first is None or first not in commands:
            if any(a in ("-h", "--help", "--version") for a in argv):
                parser.parse_args(argv)
                return EXIT_OK
            if first is not None and not _looks_like_file(first):
                guess = difflib.get_close_matches(first, sorted(commands), n=1)
                hint = f" Did you mean '{guess[0]}'?" if guess else ""
                raise UsageError(
                    f"'{first}' is neither a subcommand nor a draft file.{hint} "
                    "(see 'oped-studio --help')"
                )
            return _run_gui(argv)
        args = parser.parse_args(argv)
        _apply_global(args)
        return args.handler(args)
    except OpedError as exc:
        print(f"oped-studio: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    finally:
        from oped_studio.core.paths import set_data_dir_override, set_kit_folder

        set_data_dir_override(None)
        set_kit_folder(None)
