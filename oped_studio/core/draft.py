"""The draft: everything a writer has said about one letter or op-ed, and its file format.

A draft is plain data (no Qt, no I/O). :func:`draft_from_dict` validates every field of a
parsed ``.oped`` file and migrates older ``format_version``s; :meth:`Draft.to_dict` gives the
current format back. ``docs/file-format.md`` documents the format for people.
"""

from __future__ import annotations

import copy
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from oped_studio.core.cleaning import one_line

#: The value of the ``format`` key that marks a file as an OpEd Studio draft.
FORMAT_MARKER = "oped-studio-draft"
#: The format this version writes. Older versions are migrated on load (see MIGRATIONS).
FORMAT_VERSION = 2

KINDS = ("lte", "oped")
KIND_NAMES = {"lte": "Letter to the editor", "oped": "Op-ed"}

#: The letter structure a new draft of each kind starts with (see ``templates/structures``).
DEFAULT_STRUCTURE = {"lte": "letter-response", "oped": "oped-classic"}

# \Z, not $ ("$" also matches before a final line break: "abc\n" is no id).
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}\Z")
_DRAFT_ID_RE = re.compile(r"^[A-Za-z0-9_-]{1,64}\Z")
_SURROGATE_RE = re.compile("[\ud800-\udfff]")

# Generous bounds that no real letter reaches but that stop a hostile file from making
# the app slow or the file unsavable.
MAX_TITLE = 500
MAX_FIELD = 1_000
#: Characters in one section, and in all of a draft's sections together. A letter is 200 to
#: 800 words (about 1,200 to 5,000 characters) and a long op-ed 1,200 (about 8,000): these are
#: ten times that and more. Text past them is refused where it enters (a draft file, a paste
#: in the window, ``check``), so every check stays quick.
MAX_TEXT = 50_000
MAX_LETTER_TEXT = 100_000
MAX_SECTIONS = 100
MAX_POINTS = 50
#: The issues (and the rules) a writer may ignore in one letter; adding one more forgets
#: the oldest. A file listing more is refused.
MAX_IGNORED = 1_000
#: An ignored issue keeps at most this much of its text (a longer one is matched by it).
MAX_IGNORED_TEXT = 10_000
#: A check engine's name or a rule's id, as the engines give them.
MAX_RULE = 200
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """``text`` with lone UTF-16 surrogates (which no file can hold) replaced by U+FFFD."""
    return _SURROGATE_RE.sub("\ufffd", text)


def now_utc() -> datetime:
    """The current time in UTC, to the second (what the file stores)."""
    return datetime.now(UTC).replace(microsecond=0)


def new_draft_id() -> str:
    """A random 32-hex-digit id (128 bits, like a UUID4's hex, without importing uuid)."""
    return os.urandom(16).hex()


@dataclass
class Article:
    """The article a letter answers (for an op-ed, the news it hangs on, if any)."""

    headline: str = ""
    outlet: str = ""
    date: date | None = None
    url: str = ""

    def is_empty(self) -> bool:
        return not (self.headline or self.outlet or self.date or self.url)


@dataclass
class Author:
    """The contact block papers ask for, to verify a letter before printing it."""

    name: str = ""
    street: str = ""
    city_state: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class IgnoredIssue:
    """An issue the writer chose to ignore in this letter: this rule of this engine on this
    text (wherever the text appears; the issue stays ignored when the letter around it moves)."""

    source: str
    rule: str
    text: str

    @classmethod
    def of(cls, source: str, rule: str, text: str) -> IgnoredIssue:
        """The entry for an issue as the checks report it, in the form a file can hold (no
        control characters in the names, at most MAX_IGNORED_TEXT characters of the text)."""
        return cls(_rule_part_of(source), _rule_part_of(rule), clean_text(text[:MAX_IGNORED_TEXT]))


def _rule_part_of(value: str) -> str:
    """An engine's name or a rule id as a draft keeps it (what the file format allows)."""
    return clean_text(_CONTROL_RE.sub("", value))[:MAX_RULE]


def rule_key(source: str, rule: str) -> str:
    """A rule as ``Settings.disabled_rules`` and ``Draft.ignored_rules`` name it."""
    return f"{source}:{rule}"


@dataclass
class Draft:
    """One letter to the editor or op-ed, as the writer left it."""

    id: str = field(default_factory=new_draft_id)
    kind: str = "lte"
    title: str = ""
    outlet_id: str = ""
    structure_id: str = ""
    article: Article = field(default_factory=Article)
    pack_id: str = ""
    point_ids: list[str] = field(default_factory=list)
    sections: dict[str, str] = field(default_factory=dict)
    author: Author = field(default_factory=Author)
    disclosure: str = ""
    created: datetime = field(default_factory=now_utc)
    modified: datetime = field(default_factory=now_utc)
    #: The issues the writer ignored in this letter (the checks leave them out).
    ignored_issues: list[IgnoredIssue] = field(default_factory=list)
    #: The rules the writer ignored in this letter, as ``"source:rule"``.
    ignored_rules: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.structure_id:
            self.structure_id = DEFAULT_STRUCTURE.get(self.kind, "")

    # -- derived values -------------------------------------------------------------------

    def body_text(self) -> str:
        """The sections' texts in order, as paragraphs separated by a blank line."""
        parts = [text.strip() for text in self.sections.values()]
        return "\n\n".join(part for part in parts if part)

    def display_title(self) -> str:
        """A title to show in lists: the op-ed's title, or what the letter answers."""
        # One line, whatever the file holds: a line break in a hand-edited title must not add
        # a line to `drafts list`, `info` or the submission log.
        if title := one_line(self.title):
            return title
        if headline := one_line(self.article.headline):
            return f"Re: {headline}"
        return "Untitled draft"

    def is_blank(self) -> bool:
        """True when the writer has not typed anything yet."""
        return not (
            self.title.strip()
            or any(text.strip() for text in self.sections.values())
            or not self.article.is_empty()
            or self.disclosure.strip()
        )

    def touch(self) -> None:
        self.modified = now_utc()

    def copy_as_new(self) -> Draft:
        """A duplicate with its own id and fresh timestamps."""
        data = self.to_dict()
        copy = draft_from_dict(data)
        copy.id = new_draft_id()
        copy.created = copy.modified = now_utc()
        return copy

    # -- what the writer ignored ----------------------------------------------------------

    def ignore_issue(self, source: str, rule: str, text: str) -> bool:
        """Ignore ``rule`` of ``source`` on ``text`` in this letter; False if it already was.

        At most :data:`MAX_IGNORED` are kept: one more forgets the oldest."""
        entry = IgnoredIssue.of(source, rule, text)
        if entry in self.ignored_issues:
            return False
        self.ignored_issues = [*self.ignored_issues, entry][-MAX_IGNORED:]
        return True

    def ignore_rule(self, source: str, rule: str) -> bool:
        """Ignore every issue of ``rule`` of ``source`` in this letter; False if it already was."""
        key = rule_key(_rule_part_of(source).replace(":", ""), _rule_part_of(rule))
        if key in self.ignored_rules:
            return False
        self.ignored_rules = [*self.ignored_rules, key][-MAX_IGNORED:]
        return True

    # -- file format ----------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """The draft in the current file format (ready for ``json.dumps``)."""
        c = clean_text
        return {
            "format": FORMAT_MARKER,
            "format_version": FORMAT_VERSION,
            "id": self.id,
            "kind": self.kind,
            "title": c(self.title),
            "outlet_id": self.outlet_id,
            "structure_id": self.structure_id,
            "article": {
                "headline": c(self.article.headline),
                "outlet": c(self.article.outlet),
                "date": self.article.date.isoformat() if self.article.date else "",
                "url": c(self.article.url),
            },
            "pack_id": self.pack_id,
            "point_ids": list(self.point_ids),
            "sections": {key: c(text) for key, text in self.sections.items()},
            "author": {
                "name": c(self.author.name),
                "street": c(self.author.street),
                "city_state": c(self.author.city_state),
                "phone": c(self.author.phone),
                "email": c(self.author.email),
            },
            "disclosure": c(self.disclosure),
            "created": self.created.isoformat(),
            "modified": self.modified.isoformat(),
            "ignored_issues": [
                {"source": c(i.source), "rule": c(i.rule), "text": c(i.text)}
                for i in self.ignored_issues
            ],
            "ignored_rules": [c(key) for key in self.ignored_rules],
        }


# -- validation ---------------------------------------------------------------------------


class DraftFormatError(ValueError):
    """A parsed draft whose content is wrong; :mod:`storage` adds the path to it."""


_TYPE_NAMES = {
    str: "text",
    int: "a whole number",
    list: "a list",
    dict: "an object",
    bool: "true or false",
    float: "a number",
    type(None): "null",
}


def _type_name(value: object) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


class _Reader:
    """Reads one JSON object field by field, with the field's dotted name in every error."""

    def __init__(self, data: object, where: str) -> None:
        self.where = where
        if not isinstance(data, dict):
            raise DraftFormatError(f"{self._name(None)} must be an object, not {_type_name(data)}")
        self.data: dict[str, Any] = data
        self.seen: set[str] = set()

    def _name(self, key: str | None) -> str:
        if key is None:
            return f"the field '{self.where}'" if self.where else "the file's content"
        return f"the field '{self.where}.{key}'" if self.where else f"the field '{key}'"

    def get(self, key: str, kind: type, default: object = None, *, required: bool = False) -> Any:
        self.seen.add(key)
        if key not in self.data:
            if required:
                raise DraftFormatError(f"{self._name(key)} is missing")
            return default
        value = self.data[key]
        if kind is int and isinstance(value, bool):
            raise DraftFormatError(f"{self._name(key)} must be {_TYPE_NAMES[int]}, not {value}")
        if not isinstance(value, kind):
            raise DraftFormatError(
                f"{self._name(key)} must be {_TYPE_NAMES.get(kind, kind.__name__)}, "
                f"not {_type_name(value)}"
            )
        return value

    def text(self, key: str, *, limit: int = MAX_FIELD, required: bool = False) -> str:
        value = self.get(key, str, "", required=required)
        if len(value) > limit:
            raise DraftFormatError(
                f"{self._name(key)} is {len(value):,} characters long; the most is {limit:,}"
            )
        return clean_text(value)

    def ident(self, key: str, *, required: bool = False, allow_empty: bool = True) -> str:
        value = self.get(key, str, "", required=required)
        if value == "" and allow_empty:
            return value
        if not _ID_RE.match(value):
            raise DraftFormatError(
                f"{self._name(key)} must be an id of lower-case letters, digits, '-' or '_' "
                f"(at most 64), not {value[:80]!r}"
            )
        return value

    def timestamp(self, key: str) -> datetime:
        value = self.get(key, str, required=True)
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise DraftFormatError(
                f"{self._name(key)} must be a date and time like 2018-06-20T14:30:00+00:00, "
                f"not {value[:80]!r}"
            ) from None
        if parsed.tzinfo is None:
            raise DraftFormatError(
                f"{self._name(key)} must include a time zone, like 2018-06-20T14:30:00+00:00"
            )
        if in_utc(parsed) is None:
            raise DraftFormatError(
                f"{self._name(key)} must be a date and time between the years 2 and 9998, "
                f"not {value[:80]!r}"
            )
        return parsed

    def finish(self) -> None:
        unknown = sorted(set(self.data) - self.seen)
        if unknown:
            names = ", ".join(repr(key) for key in unknown[:5])
            raise DraftFormatError(f"{self._name(None)} has unknown field(s): {names}")


def in_utc(moment: datetime) -> datetime | None:
    """``moment`` (with a time zone) in UTC, or None when it is so near year 1 or 9999 that
    showing it in some time zone would overflow (``9999-12-31T23:59:59-23:59``)."""
    try:
        utc = moment.astimezone(UTC)
    except OverflowError:
        return None
    return utc if 1 < utc.year < 9999 else None


def _read_article(data: object) -> Article:
    r = _Reader(data, "article")
    article = Article(headline=r.text("headline"), outlet=r.text("outlet"), url=r.text("url"))
    raw_date = r.get("date", str, "")
    if raw_date:
        try:
            article.date = date.fromisoformat(raw_date)
        except ValueError:
            raise DraftFormatError(
                f"the field 'article.date' must be a date like 2018-06-20, not {raw_date[:40]!r}"
            ) from None
    r.finish()
    return article


def _read_author(data: object) -> Author:
    r = _Reader(data, "author")
    author = Author(
        name=r.text("name"),
        street=r.text("street"),
        city_state=r.text("city_state"),
        phone=r.text("phone"),
        email=r.text("email"),
    )
    r.finish()
    return author


def _read_sections(data: object) -> dict[str, str]:
    r = _Reader(data, "sections")
    if len(r.data) > MAX_SECTIONS:
        raise DraftFormatError(f"the draft has {len(r.data)} sections; the most is {MAX_SECTIONS}")
    sections: dict[str, str] = {}
    for key in list(r.data):
        if not _ID_RE.match(key):
            raise DraftFormatError(
                f"the section id {key[:80]!r} must be lower-case letters, digits, '-' or '_'"
            )
        sections[key] = r.text(key, limit=MAX_TEXT)
    r.finish()
    total = sum(len(text) for text in sections.values())
    if total > MAX_LETTER_TEXT:
        raise DraftFormatError(
            f"the draft's sections hold {total:,} characters together; the most is "
            f"{MAX_LETTER_TEXT:,} (a long op-ed is about 8,000)"
        )
    return sections


def _read_point_ids(values: list[Any]) -> list[str]:
    if len(values) > MAX_POINTS:
        raise DraftFormatError(
            f"the field 'point_ids' lists {len(values)} points; the most is {MAX_POINTS}"
        )
    seen: list[str] = []
    for index, value in enumerate(values):
        if not isinstance(value, str) or not _ID_RE.match(value):
            raise DraftFormatError(
                f"the field 'point_ids' item {index + 1} must be a talking-point id, "
                f"not {value!r:.80}"
            )
        if value in seen:
            raise DraftFormatError(f"the field 'point_ids' lists {value!r} twice")
        seen.append(value)
    return seen


def _ignore_list(values: list[Any], name: str, what: str) -> list[Any]:
    if len(values) > MAX_IGNORED:
        raise DraftFormatError(
            f"the field '{name}' lists {len(values):,} {what}; the most is {MAX_IGNORED:,}"
        )
    return values


def _rule_part(value: object, where: str) -> str:
    """An engine's name or a rule id: text of at most MAX_RULE characters, no control ones."""
    if not isinstance(value, str):
        raise DraftFormatError(f"{where} must be text, not {_type_name(value)}")
    if len(value) > MAX_RULE or _CONTROL_RE.search(value):
        raise DraftFormatError(
            f"{where} must be at most {MAX_RULE} characters with no control characters, "
            f"not {value[:80]!r}"
        )
    return clean_text(value)


def _read_ignored_issues(values: list[Any]) -> list[IgnoredIssue]:
    """The issues ignored in this letter; a repeated one is kept once."""
    found: dict[IgnoredIssue, None] = {}
    for index, value in enumerate(_ignore_list(values, "ignored_issues", "issues"), start=1):
        r = _Reader(value, f"ignored_issues[{index}]")
        source = _rule_part(r.get("source", str, required=True), r._name("source"))
        rule = _rule_part(r.get("rule", str, required=True), r._name("rule"))
        text = r.text("text", limit=MAX_IGNORED_TEXT, required=True)
        r.finish()
        found[IgnoredIssue(source, rule, text)] = None
    return list(found)


def _read_ignored_rules(values: list[Any]) -> list[str]:
    """The rules ignored in this letter, each ``"source:rule"``; a repeated one is kept once."""
    found: dict[str, None] = {}
    for index, value in enumerate(_ignore_list(values, "ignored_rules", "rules"), start=1):
        where = f"the field 'ignored_rules' item {index}"
        if not isinstance(value, str):
            raise DraftFormatError(f"{where} must be text, not {_type_name(value)}")
        source, colon, rule = value.partition(":")
        if not colon:
            raise DraftFormatError(
                f"{where} must name a rule as 'source:rule' (like 'harper:SpellCheck'), "
                f"not {value[:80]!r}"
            )
        found[rule_key(_rule_part(source, where), _rule_part(rule, where))] = None
    return list(found)


def _current_from_dict(data: dict[str, Any]) -> Draft:
    r = _Reader(data, "")
    r.get("format", str, required=True)
    r.get("format_version", int, required=True)
    draft_id = r.get("id", str, required=True)
    if not _DRAFT_ID_RE.match(draft_id):
        raise DraftFormatError(
            f"the field 'id' must be 1 to 64 letters, digits, '-' or '_', not {draft_id[:80]!r}"
        )
    kind = r.get("kind", str, required=True)
    if kind not in KINDS:
        raise DraftFormatError(
            f"the field 'kind' must be 'lte' (letter to the editor) or 'oped', not {kind[:40]!r}"
        )
    draft = Draft(
        id=draft_id,
        kind=kind,
        title=r.text("title", limit=MAX_TITLE),
        outlet_id=r.ident("outlet_id"),
        structure_id=r.ident("structure_id"),
        article=_read_article(r.get("article", dict, {})),
        pack_id=r.ident("pack_id"),
        point_ids=_read_point_ids(r.get("point_ids", list, [])),
        sections=_read_sections(r.get("sections", dict, {})),
        author=_read_author(r.get("author", dict, {})),
        disclosure=r.text("disclosure", limit=MAX_FIELD * 5),
        created=r.timestamp("created"),
        modified=r.timestamp("modified"),
        ignored_issues=_read_ignored_issues(r.get("ignored_issues", list, [])),
        ignored_rules=_read_ignored_rules(r.get("ignored_rules", list, [])),
    )
    r.finish()
    return draft


def _from_format_1(data: dict[str, Any]) -> dict[str, Any]:
    """Format 2 added what the writer ignored in the letter (nothing, in a format-1 file)."""
    data.setdefault("ignored_issues", [])
    data.setdefault("ignored_rules", [])
    return data


#: ``MIGRATIONS[n]`` turns a format-``n`` dict into a format-``n + 1`` dict. Add one here
#: (and a fixture in ``tests/fixtures/drafts/``) whenever FORMAT_VERSION goes up.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _from_format_1}


def draft_from_dict(data: object) -> Draft:
    """Validate a parsed ``.oped`` file (any supported version) and return the draft.

    Raises :class:`DraftFormatError` with a sentence naming the field that is wrong.
    """
    if not isinstance(data, dict):
        raise DraftFormatError(
            f"this is not an OpEd Studio draft (the file holds {_type_name(data)}, not an object)"
        )
    if data.get("format") != FORMAT_MARKER:
        raise DraftFormatError(
            f'this is not an OpEd Studio draft (it lacks the marker "format": "{FORMAT_MARKER}")'
        )
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version <= 9999:
        raise DraftFormatError(
            f"the field 'format_version' must be a whole number from 1 to 9999, not {version!r:.40}"
        )
    if version > FORMAT_VERSION:
        raise DraftFormatError(
            f"it was saved by a newer version of OpEd Studio (file format {version}; this "
            f"version reads formats up to {FORMAT_VERSION}). Update OpEd Studio to open it"
        )
    if version < FORMAT_VERSION:
        data = copy.deepcopy(data)  # migrations may change nested values: not the caller's
    while version < FORMAT_VERSION:
        migrate = MIGRATIONS.get(version)
        if migrate is None:  # pragma: no cover - a developer forgot a migration
            raise DraftFormatError(f"file format {version} can no longer be read")
        data = migrate(data)
        version += 1
        data["format_version"] = version
    return _current_from_dict(data)
