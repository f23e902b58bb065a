"""``oped-studio event``: an event folder's own business from the command line.

``event reset-pin DIR --kit FILE`` is the documented way back in for a facilitator who forgot
the event's PIN: it needs the kit file the event was started with (no backdoor), and asks for
the new PIN twice (``--pin-stdin`` reads it once from standard input, for scripts).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from oped_studio.cli.common import EXIT_OK, UsageError, add_actions

#: A PIN is a few digits; a line longer than this on standard input is not one.
_MAX_PIN_LINE = 200


def register(sub: argparse._SubParsersAction) -> None:
    event = sub.add_parser("event", help="look after an event folder (a forgotten PIN)")
    actions = add_actions(event)
    reset = actions.add_parser(
        "reset-pin",
        help="set a new facilitator PIN, with the kit file the event was started with",
        description="Set a new PIN for the event in DIR. Only the kit file the event was "
        "started with can do it (the event recorded its fingerprint).",
    )
    reset.add_argument("folder", metavar="DIR", help="the event folder")
    # Not "kit": that is the global --kit, which opens a kit for the command's use.
    reset.add_argument(
        "--kit", dest="kit_file", required=True, metavar="FILE", help="the event's kit file"
    )
    reset.add_argument(
        "--pin-stdin", action="store_true", help="read the new PIN from standard input"
    )
    reset.set_defaults(handler=cmd_reset_pin)


def _new_pin(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline(_MAX_PIN_LINE + 1)
        if len(line) > _MAX_PIN_LINE:
            raise UsageError("The PIN on standard input is far too long; give a few digits.")
        return line.rstrip("\r\n")
    import getpass

    try:
        first = getpass.getpass("New PIN: ")
        second = getpass.getpass("The same PIN again: ")
    except EOFError:
        raise UsageError("No PIN was given; run the command again and type it.") from None
    if first != second:
        raise UsageError("The two PINs differ; run the command again.")
    return first


def cmd_reset_pin(args: argparse.Namespace) -> int:
    from oped_studio.core.event import EventFolder

    folder = Path(args.folder)
    if not (folder / "event.json").is_file():
        raise UsageError(f"{folder} is not an event folder (it has no event.json).")
    event = EventFolder(folder)
    event.check_kit(Path(args.kit_file))  # before asking for a PIN it could not set
    pin = _new_pin(args.pin_stdin)
    event.reset_pin(Path(args.kit_file), pin)
    print(f"The event in {folder} has a new PIN.")
    return EXIT_OK
