"""Commands on one letter, or a folder of them: ``info``, ``check``, ``export``, ``batch-export``.

A letter here is a ``.oped`` draft or, for ``check`` and ``export``, a plain UTF-8 text file
(its paragraphs become the draft's sections). Each command has its own ``register_*`` because
``oped-studio --help`` lists them among the other groups' commands, in the order of a letter's
life (see ``oped_studio.cli._REGISTRARS``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from oped_studio.cli.common import (
    EXIT_OK,
    UsageError,
    add_format_option,
    emit,
    iso_date,
    local_time,
    outlet_label,
)

if TYPE_CHECKING:
    from oped_studio.core.paths import AppPaths

MAX_TEXT_BYTES = 16 * 1024 * 1024


def register_info(sub: argparse._SubParsersAction) -> None:
    info = sub.add_parser("info", help="show a draft's kind, outlet, title, words and last change")
    info.add_argument("draft", metavar="DRAFT.oped", help="the draft file")
    add_format_option(info)
    info.set_defaults(handler=cmd_info)


def register_check(sub: argparse._SubParsersAction) -> None:
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
    check.add_argument(
        "--engine",
        choices=("harper", "languagetool"),
        help="the spelling and grammar checker, to compare them (default: the one in Settings; "
        "languagetool only when a server or folder is set there)",
    )
    add_format_option(check)
    check.set_defaults(handler=cmd_check)


def register_export(sub: argparse._SubParsersAction) -> None:
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


def register_batch_export(sub: argparse._SubParsersAction) -> None:
    batch = sub.add_parser(
        "batch-export",
        help="export every draft of event folders, with a summary",
        description="Collect one or more event folders (one per laptop, say) or any folders of "
        ".oped drafts: every draft gets its own letter (LAPTOP-P001 for a participant of a "
        "labelled event), never one over another, and the similarity report spans them all.",
    )
    batch.add_argument(
        "folders", nargs="+", metavar="DIR", help="an event folder, or any folder of .oped"
    )
    batch.add_argument(
        "--out",
        required=True,
        metavar="OUT",
        help="the folder to write to: OUT/letters/, summary.csv and the similarity report",
    )
    batch.add_argument(
        "--force", action="store_true", help="replace the files of an earlier batch in OUT"
    )
    batch.set_defaults(handler=cmd_batch_export)


# -- info -----------------------------------------------------------------------------------


def cmd_info(args: argparse.Namespace) -> int:
    from oped_studio.core.letter_text import counted_words
    from oped_studio.core.storage import load_draft

    loaded = load_draft(Path(args.draft))
    draft = loaded.draft
    facts = {
        "file": str(loaded.path),
        "title": draft.display_title(),
        "kind": draft.kind,
        "outlet": draft.outlet_id,
        "article": draft.article.headline,
        "words": counted_words(draft),
        "sections": sum(1 for text in draft.sections.values() if text.strip()),
        "modified": draft.modified.isoformat(),
        "created": draft.created.isoformat(),
        "format_version": loaded.migrated_from or draft.to_dict()["format_version"],
    }
    return emit(args, facts, _info_lines(draft, facts, args.app_paths))


def _info_lines(draft, facts: dict, paths: AppPaths) -> Iterator[str]:
    from oped_studio.core.cleaning import one_line
    from oped_studio.core.draft import KIND_NAMES

    rows = [
        ("Title", facts["title"]),
        ("Kind", KIND_NAMES[draft.kind]),
        ("Outlet", outlet_label(draft.outlet_id, paths)),
        ("Answers", one_line(draft.article.headline) or "(no article)"),
        ("Words", f"{facts['words']:,}"),
        ("Last change", local_time(draft.modified)),
    ]
    for label, value in rows:
        yield f"{label + ':':<13}{value}"


# -- check ----------------------------------------------------------------------------------


def cmd_check(args: argparse.Namespace) -> int:
    from oped_studio.checks.dictionary import PersonalDictionary
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
        args.app_paths,
    )
    if draft is not None:
        request = request_for_draft(draft, outlet=outlet, pack=pack)
    else:
        text = _read_letter_text(path)
        from oped_studio.core.draft import MAX_LETTER_TEXT

        if len(text) > MAX_LETTER_TEXT:
            raise UsageError(
                f"{path} holds {len(text):,} characters; a letter checked here may hold at "
                f"most {MAX_LETTER_TEXT:,} (a long op-ed is about 8,000): check one letter "
                "at a time."
            )
        request = request_for_text(text, kind=args.kind or "lte", outlet=outlet, pack=pack)
    settings = _with_engine(load_settings(args.app_paths), args.engine)
    checker = Checker(settings, PersonalDictionary(args.app_paths))
    try:
        report = checker.run(request)
    finally:
        checker.close()
    if args.engine == "languagetool" and report.grammar_engine != "languagetool":
        raise UsageError(" ".join(report.notices) or "LanguageTool could not be used.")
    return emit(args, report.to_json(), _check_lines(path, report, request.text))


def _with_engine(settings, engine: str | None):
    """``settings`` with the grammar engine ``check --engine`` asked for."""
    if engine == "harper":
        settings.grammar_engine = "harper"
    elif engine == "languagetool" and not settings.grammar_engine.startswith("languagetool"):
        if settings.languagetool_url:
            settings.grammar_engine = "languagetool-server"
        elif settings.languagetool_folder:
            settings.grammar_engine = "languagetool-folder"
        else:
            raise UsageError(
                "LanguageTool is not set up: choose a LanguageTool server or folder in the "
                "app's Settings first, or check with --engine harper."
            )
    return settings


def _check_lines(path: Path, report, text: str) -> Iterator[str]:
    """The text report: notices, one summary line, then an issue a line with where it is."""
    for notice in report.notices:
        yield f"Note: {notice}"
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
    yield summary
    if not report.issues:
        yield "No issues found."
    for issue in report.issues:
        where = _line_col(text, issue.start) if issue.end > issue.start else "-"
        fix = f" -> {issue.replacements[0]!r}" if issue.replacements else ""
        yield f"  {where:<8} {issue.category:<14} {issue.source}:{issue.rule}: {issue.message}{fix}"


def _line_col(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"{line}:{column}"


# -- export ---------------------------------------------------------------------------------


def cmd_export(args: argparse.Namespace) -> int:
    from oped_studio.core.storage import load_draft
    from oped_studio.export import export_draft

    path = Path(args.draft)
    if path.suffix.lower() == ".oped":
        draft = load_draft(path).draft
    else:
        draft = _draft_from_text(args, _read_letter_text(path))
    outlet, pack = _outlet_and_pack(
        args.outlet or draft.outlet_id, args.pack or draft.pack_id, args.app_paths
    )
    result = export_draft(
        draft,
        args.format,
        Path(args.out),
        outlet=outlet,
        pack=pack,
        force=args.force,
        templates=args.app_paths.templates,
    )
    if result.cleaned:
        print(f"oped-studio: note: {result.cleaned.describe()}", file=sys.stderr)
    print(f"Exported {result.path}")
    return EXIT_OK


def _draft_from_text(args: argparse.Namespace, text: str):
    """A draft for a plain-text letter body: its paragraphs, and the options' details."""
    from oped_studio.core.counting import paragraph_spans
    from oped_studio.core.draft import Article, Author, Draft

    article_date = iso_date(
        args.article_date,
        f"--article-date must be a date like 2018-06-20, not {args.article_date!r}.",
    )
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


# -- what check and export share ------------------------------------------------------------


def _read_letter_text(path: Path) -> str:
    """A plain-text letter file, or a clear error (a pipe or a device is never read)."""
    from oped_studio.core.files import read_regular_file

    data = read_regular_file(path, max_bytes=MAX_TEXT_BYTES, what="letter")
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


def _outlet_and_pack(outlet_id: str, pack_id: str, paths: AppPaths):
    """The paper and pack a letter is checked or exported against; an unknown id is a mistake."""
    from oped_studio.core.outlets import load_directory
    from oped_studio.core.packs import usable_packs

    outlet = load_directory(paths).get(outlet_id) if outlet_id else None
    if outlet_id and outlet is None:
        raise UsageError(
            f"There is no outlet with the id '{outlet_id}' (see 'oped-studio outlets search')."
        )
    pack = usable_packs(paths).get(pack_id) if pack_id else None
    if pack_id and pack is None:
        raise UsageError(f"There is no usable pack '{pack_id}' (see 'oped-studio packs list').")
    return outlet, pack


# -- batch-export ---------------------------------------------------------------------------


def cmd_batch_export(args: argparse.Namespace) -> int:
    from oped_studio.workshop.batch import batch_export

    folders = [Path(folder) for folder in args.folders]
    result = batch_export(folders, Path(args.out), args.app_paths, force=args.force)
    for note in result.skipped:
        print(f"oped-studio: note: {note}", file=sys.stderr)
    print(
        f"Exported {result.exported} letter(s) to {result.out / 'letters'}; "
        f"{len(result.failed)} could not be read (listed in summary.csv)."
    )
    print(f"Summary: {result.summary}")
    print(f"Similar letters: {result.similar_pairs} pair(s), in {result.similarity}")
    return EXIT_OK
