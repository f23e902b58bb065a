"""What every command group shares: the usage error, exit codes, ``--format`` and its output.

Kept free of heavy imports: ``oped-studio --version`` and the window's start import this module
through the parser, so anything slow is imported inside the function that needs it.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING

from oped_studio.core.errors import OpedError

if TYPE_CHECKING:
    from oped_studio.core.paths import AppPaths

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


class UsageError(OpedError):
    """A mistake in how the command was called."""


def add_actions(parser: argparse.ArgumentParser) -> argparse._SubParsersAction:
    """The ACTION sub-parsers of a command group (``drafts list``, ``kit build``, ...).

    One place, so every group names and requires its action the same way; the nested
    parsers inherit the top-level parser's class, which turns usage mistakes into UsageError.
    """
    return parser.add_subparsers(dest="action", metavar="ACTION", required=True)


def add_format_option(parser: argparse.ArgumentParser) -> None:
    """``--format text|json`` for a command whose result scripts may want to read."""
    parser.add_argument("--format", choices=("text", "json"), default="text")


def emit(args: argparse.Namespace, data: object, lines: Iterable[str]) -> int:
    """Print ``data`` as JSON with ``--format json``, else ``lines``; returns EXIT_OK.

    Every ``--format`` command ends here, so the JSON is written one way (UTF-8 left as is,
    indented) and the text is only worked out when it is wanted: pass a generator.
    """
    if args.format == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for line in lines:
            print(line)
    return EXIT_OK


def whole_number(text: str) -> int:
    """An option's whole number (argparse ``type=``). A mistake is named in a few characters:
    argparse would echo a 5,000-digit value in full, and ``int()`` refuses it anyway."""
    value = text.strip()
    if len(value) > 12 or not value.lstrip("+-").isdigit():
        shown = value if len(value) <= 20 else value[:12] + "…"
        raise argparse.ArgumentTypeError(f"'{shown}' is not a whole number like 250")
    return int(value)


def note_problems(problems: list, shown: int = 5) -> None:
    """Say on stderr what was wrong in a data file that was skipped (the command goes on)."""
    import sys

    for problem in problems[:shown]:
        print(f"oped-studio: note: skipped: {problem}", file=sys.stderr)
    if len(problems) > shown:
        print(f"oped-studio: note: and {len(problems) - shown} more problem(s)", file=sys.stderr)


def iso_date(value: str, mistake: str) -> date | None:
    """The date an option gave as YYYY-MM-DD (None if it gave none); else ``mistake`` as the error.

    Each option words its own mistake, with an example date that fits it.
    """
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(mistake) from None


def local_time(moment: datetime | None) -> str:
    """A moment as the writer's own clock shows it, to the minute."""
    if moment is None:
        return ""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def outlet_label(outlet_id: str, paths: AppPaths) -> str:
    """A paper as the window lists it (``Outlet.label()``), with its id for typing commands."""
    if not outlet_id:
        return "(none chosen)"
    from oped_studio.core.outlets import load_directory

    outlet = load_directory(paths).get(outlet_id)
    return f"{outlet.label()} ({outlet_id})" if outlet else f"{outlet_id} (not in the directory)"
