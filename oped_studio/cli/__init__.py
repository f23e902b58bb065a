"""The ``oped-studio`` command: opens the app, or runs a subcommand for scripts and workshops.

``oped-studio`` alone (or with a draft file) opens the window; ``oped-studio SUBCOMMAND ...``
works without Qt. A user's mistake prints one clear sentence to stderr and exits with 2.

Each command group lives in its own module, which adds its sub-parser beside its handlers
(``register(sub)``); this module holds the global options, the parser made of those groups,
and the choice between a subcommand and the window. Both entry points
(``oped_studio.cli:main`` and ``python -m oped_studio``) land in :func:`main`.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Sequence
from pathlib import Path

from oped_studio import APP_NAME, __version__
from oped_studio.cli import drafts, events, kits, letters, outlets, packs, submissions
from oped_studio.cli.common import EXIT_OK, EXIT_USAGE, UsageError
from oped_studio.core.errors import OpedError

__all__ = ["build_parser", "main"]

# Global options that take a value (so the file-or-command check can skip their values).
_VALUE_OPTIONS = {"--data-dir", "--kit", "--event"}

# The order `oped-studio --help` lists the commands in: a letter's life, from the draft to
# the workshop. Hence one registrar per letter command, among the other groups.
_REGISTRARS = (
    letters.register_info,
    drafts.register,
    packs.register,
    letters.register_check,
    letters.register_export,
    outlets.register,
    kits.register,
    events.register,
    submissions.register,
    letters.register_batch_export,
)


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
    # Every sub-parser, at any depth, is a _Parser: argparse makes nested ones the parent's class.
    sub = parser.add_subparsers(dest="command", metavar="SUBCOMMAND", parser_class=_Parser)
    for register in _REGISTRARS:
        register(sub)
    parser.set_defaults(command_names=frozenset(sub.choices))
    return parser


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
        args.app_paths,
        Path(args.file) if args.file else None,
        qt_args,
        kit=kit,
        event_dir=Path(args.event) if args.event else None,
        kit_file=Path(args.kit) if args.kit else None,
    )


def _apply_global(args: argparse.Namespace):
    """Apply --data-dir and --kit: ``args.app_paths`` is the one :class:`AppPaths` every handler
    hands on to what reads or writes the user's data. Returns the opened kit, if any."""
    from oped_studio.core.paths import app_paths

    if getattr(args, "data_dir", None):
        from oped_studio.core.paths import set_data_dir_override

        folder = Path(args.data_dir).expanduser()
        if folder.exists() and not folder.is_dir():
            raise UsageError(
                f"--data-dir {folder}: that is a file, not a folder. Give a folder (it is made "
                "if it does not exist yet)."
            )
        set_data_dir_override(folder)
    args.app_paths = app_paths()
    if getattr(args, "kit", None):
        from oped_studio.core.kits import KitError, open_kit
        from oped_studio.core.paths import set_kit_folder

        try:
            kit = open_kit(Path(args.kit), args.app_paths)
        except KitError as exc:
            raise UsageError(str(exc)) from None
        set_kit_folder(kit.folder)
        return kit
    return None


#: The status of a command whose output was cut off by its reader (128 + SIGPIPE, as shells do).
EXIT_BROKEN_PIPE = 141


def _silence_stdout() -> None:
    """Point standard output at the null device, so flushing it at exit cannot fail again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no real file behind it (a test's capture)
        pass


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
    except BrokenPipeError:
        # The reader went away (`oped-studio drafts list | head -1`): stop quietly, as
        # command-line tools do, with no traceback and none when Python flushes at exit.
        _silence_stdout()
        return EXIT_BROKEN_PIPE
    finally:
        from oped_studio.core.paths import set_data_dir_override, set_kit_folder

        set_data_dir_override(None)
        set_kit_folder(None)
