"""``oped-studio submissions``: the log of which letter went to which paper, and when.

Papers that print only letters sent to them alone are why ``add`` refuses a second paper for
the same letter unless ``--force``, and why ``list`` marks when a reply is overdue.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from oped_studio.cli.common import EXIT_OK, UsageError, add_actions, iso_date


def register(sub: argparse._SubParsersAction) -> None:
    subs = sub.add_parser("submissions", help="the log of where and when letters were sent")
    actions = add_actions(subs)
    s_add = actions.add_parser("add", help="record that a draft was sent to a paper")
    s_add.add_argument("path", metavar="DRAFT")
    s_add.add_argument("--outlet", required=True, metavar="ID")
    s_add.add_argument("--on", metavar="DATE", help="when it was sent (default: today)")
    s_add.add_argument("--how", choices=("email", "web form", "post", "other"), default="email")
    s_add.add_argument("--note", default="")
    s_add.add_argument(
        "--force", action="store_true", help="record it even if a paper demands exclusivity"
    )
    s_add.set_defaults(handler=cmd_submissions_add)
    s_list = actions.add_parser("list", help="every letter sent, with replies overdue marked")
    s_list.set_defaults(handler=cmd_submissions_list)
    s_export = actions.add_parser("export", help="the log as a CSV file")
    s_export.add_argument("--out", required=True, metavar="FILE")
    s_export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    s_export.set_defaults(handler=cmd_submissions_export)


def cmd_submissions_add(args: argparse.Namespace) -> int:
    from datetime import date

    from oped_studio.core.outlets import load_directory
    from oped_studio.core.storage import load_draft
    from oped_studio.core.submissions import Submission, SubmissionLog

    draft = load_draft(Path(args.path)).draft
    directory = load_directory(args.app_paths)
    outlet = directory.get(args.outlet)
    if outlet is None:
        raise UsageError(f"There is no paper with the id '{args.outlet}'.")
    sent_on = iso_date(args.on, f"--on: '{args.on}' is not a date; write it as 2026-11-22")
    sent_on = sent_on or date.today()
    if sent_on > date.today():
        raise UsageError(f"--on: {sent_on} is still to come; give the day you sent it.")
    log = SubmissionLog(args.app_paths)
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

    log = SubmissionLog(args.app_paths)
    entries = log.entries()
    if not entries:
        print("No letters recorded as sent yet.")
        return EXIT_OK
    late = {
        (e.draft_id, e.outlet_id, e.sent_on) for e in log.overdue(load_directory(args.app_paths))
    }
    for entry in entries:
        mark = ""
        if (entry.draft_id, entry.outlet_id, entry.sent_on) in late:
            mark = "  (no reply within the paper's usual time: free to send elsewhere)"
        print(f"{entry.sent_on}  {entry.outlet_name:<28} {entry.status:<9} {entry.title}{mark}")
    return EXIT_OK


def cmd_submissions_export(args: argparse.Namespace) -> int:
    from oped_studio.core.submissions import SubmissionLog

    SubmissionLog(args.app_paths).export_csv(Path(args.out), force=args.force)
    print(f"Wrote {args.out}")
    return EXIT_OK
