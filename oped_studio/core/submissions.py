"""The submission log: where and when each letter was sent, in ``submissions.json``.

It answers three questions a writer has after pressing Send:

* "Did I already send this one?" (the drafts library shows the papers a draft went to);
* "May I send it to another paper?" (a paper that demands exclusivity is warned about
  before the same letter goes to a second one, either way round);
* "Should I give up waiting?" (when a paper's usual reply window has passed with no answer,
  the letter is free to go elsewhere, and the app says so).

The file is versioned JSON written atomically. A damaged file is never overwritten: reading
raises a clear error, and the file stays as it was for the writer to repair or move.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

from oped_studio.core.atomic import atomic_write_text, check_target
from oped_studio.core.cleaning import one_line
from oped_studio.core.csvfile import csv_text
from oped_studio.core.errors import OpedError
from oped_studio.core.files import UnreadableFileError, loads_json, read_text_file
from oped_studio.core.outlets import NUMBER_WORDS, Directory, Outlet
from oped_studio.core.paths import AppPaths

LOG_FORMAT = "oped-studio-submissions"
LOG_VERSION = 1
HOW = ("email", "web form", "post", "other")
STATUSES = ("sent", "published", "declined", "withdrawn")
CSV_COLUMNS = ("draft_id", "title", "outlet_id", "outlet_name", "sent_on", "how", "status", "note")


class SubmissionLogError(OpedError):
    pass


@dataclass(frozen=True)
class Submission:
    draft_id: str
    title: str
    outlet_id: str
    outlet_name: str
    sent_on: date
    how: str = "email"
    status: str = "sent"
    note: str = ""

    @classmethod
    def of(cls, draft, outlet: Outlet, sent_on: date, how: str, note: str = "") -> Submission:
        """A new "sent" entry for ``draft`` going to ``outlet``."""
        return cls(
            draft.id, draft.display_title(), outlet.id, outlet.name, sent_on, how, "sent", note
        )

    def to_dict(self) -> dict[str, str]:
        data = asdict(self)
        data["sent_on"] = self.sent_on.isoformat()
        return data


def reply_days(window: str) -> int | None:
    """Days in a paper's reply window ("within 2 weeks" or "two weeks" -> 14; "10 business
    days" -> 14; "72 hours" -> 3; "within a week" -> 7; a range, "two days to two weeks", is
    its longest; a vague "a month or so" is no window)."""
    # At most four digits: a window of 10,000 days is no window (and a longer number would
    # overflow the date it is added to, or Python's int parsing).
    words = NUMBER_WORDS | {"a": 1, "an": 1}
    units = r"(?:business |working )?(?:days?|weeks?|months?|hours?)\b"
    window = re.sub(
        r"\b(" + "|".join(words) + r")\b(?=\s+" + units + r"(?!\s+or so))",
        lambda m: str(words[m.group(1).lower()]),
        window,
        flags=re.I,
    )
    found = re.findall(
        r"(?<!\d)(\d{1,4})\s*(business days?|working days?|days?|weeks?|months?|hours?)\b",
        window,
        re.I,
    )
    if not found:
        return None
    return max(_days(int(number), unit.lower()) for number, unit in found)


def _days(number: int, unit: str) -> int:
    if unit.startswith(("business", "working")):
        return -(-number * 7 // 5)  # whole calendar weeks' worth, rounded up
    if unit.startswith("week"):
        return number * 7
    if unit.startswith("month"):
        return number * 30
    if unit.startswith("hour"):
        return -(-number // 24)
    return number


class SubmissionLog:
    """The log kept in ``paths.submissions_file``."""

    def __init__(self, paths: AppPaths) -> None:
        self.path = paths.submissions_file

    def entries(self) -> list[Submission]:
        try:
            text = read_text_file(self.path, what="submission log")
        except UnreadableFileError as exc:
            if exc.missing:
                return []
            raise SubmissionLogError(f"{exc}; it was left as it is.") from None
        try:
            if not text.strip():
                raise ValueError("the file is empty")
            data = loads_json(text)
            if not isinstance(data, dict) or data.get("format") != LOG_FORMAT:
                raise ValueError("not an OpEd Studio submission log")
            if data.get("format_version") != LOG_VERSION:
                raise ValueError(f"format version {data.get('format_version')!r:.20} is not known")
            return [self._entry(item) for item in data["entries"]]
        except (KeyError, TypeError, AttributeError):
            reason = "an entry lacks a field or has one of the wrong type"
        except ValueError as exc:  # ParseError too: bad JSON, huge numbers, deep nesting
            reason = str(exc)
        raise SubmissionLogError(
            f"The submission log {self.path} is damaged ({reason}); it was left as it is. "
            "Move it away to start a new log."
        )

    @staticmethod
    def _entry(item: dict) -> Submission:
        status = str(item.get("status", "sent"))
        return Submission(
            draft_id=str(item["draft_id"]),
            # one line each, as every listing shows them (a hand-edited log may hold breaks)
            title=one_line(str(item.get("title", ""))),
            outlet_id=str(item["outlet_id"]),
            outlet_name=one_line(str(item.get("outlet_name", ""))),
            sent_on=date.fromisoformat(item["sent_on"]),
            how=str(item.get("how", "email")),
            status=status if status in STATUSES else "sent",
            note=str(item.get("note", "")),
        )

    def _write(self, entries: list[Submission]) -> None:
        data = {
            "format": LOG_FORMAT,
            "format_version": LOG_VERSION,
            "saved": datetime.now(UTC).isoformat(timespec="seconds"),
            "entries": [e.to_dict() for e in entries],
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_text(
            self.path, json.dumps(data, ensure_ascii=False, indent=2) + "\n", private=True
        )

    def record(self, submission: Submission) -> None:
        if submission.how not in HOW:
            raise SubmissionLogError(f"'{submission.how}' is not a way to send; use {HOW}")
        self._write([*self.entries(), submission])

    def set_status(self, index: int, status: str) -> None:
        if status not in STATUSES:
            raise SubmissionLogError(f"'{status}' is not a status; use {', '.join(STATUSES)}")
        entries = self.entries()
        entries[index] = replace(entries[index], status=status)
        self._write(entries)

    def for_draft(self, draft_id: str) -> list[Submission]:
        return [e for e in self.entries() if e.draft_id == draft_id]

    def exclusivity_conflicts(
        self, draft_id: str, outlet: Outlet, directory: Directory, kind: str = "lte"
    ) -> list[Submission]:
        """Earlier submissions of this letter that sending it to ``outlet`` would break:
        either paper demands to be the only one, and the earlier one is still waiting."""
        conflicts = []
        wants_exclusive = bool(outlet.rules_for(kind).exclusive)
        for entry in self.for_draft(draft_id):
            if entry.outlet_id == outlet.id or entry.status in ("declined", "withdrawn"):
                continue
            earlier = directory.get(entry.outlet_id)
            earlier_exclusive = bool(earlier and earlier.rules_for(kind).exclusive)
            if wants_exclusive or earlier_exclusive:
                conflicts.append(entry)
        return conflicts

    def overdue(self, directory: Directory, today: date | None = None) -> list[Submission]:
        """Letters still "sent" whose paper's usual reply window has passed."""
        today = today or date.today()
        late = []
        for entry in self.entries():
            if entry.status != "sent":
                continue
            outlet = directory.get(entry.outlet_id)
            days = reply_days(outlet.letters.reply_window) if outlet else None
            if days is not None and (today - entry.sent_on).days > days:
                late.append(entry)
        return late

    def to_csv(self) -> str:
        return csv_text(CSV_COLUMNS, (entry.to_dict() for entry in self.entries()))

    def export_csv(self, path: Path, *, force: bool = False) -> None:
        """Write the log as CSV to ``path``, a file the user chose (replaced only with
        ``force``; a link or a device never): a document to share, so the umask decides who
        may read it, unlike the log itself."""
        check_target(path, force=force)
        atomic_write_text(path, self.to_csv(), private=False, force=force)
