"""The outlet directory: newspapers and what they ask of letters and op-eds.

The bundled directory is ``resources/outlets.toml``, filled only from public guidelines with
the source of every rule (see ``shared/research/outlets.md`` in the project's history and
``docs/outlets.md``). Users add their own papers, or override a bundled one by id, in
``outlets.toml`` in the user data folder; the app writes that file, and people may edit it.
Unknown values stay empty: the app never guesses a limit.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from pathlib import Path
from typing import Any

from oped_studio.core.paths import AppPaths, bundled_dir, kit_folder
from oped_studio.core.validation import Checker, Problem, read_toml

KINDS = ("national", "metro", "local")
EMAIL_RE = re.compile(r"^[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[A-Za-z]{2,}$")
CONTACT_FIELDS = ("name", "address", "city", "phone", "email")
MAX_OUTLETS_BYTES = 2 * 1024 * 1024

LANGUAGES = ("en", "es")
_OUTLET_KEYS = ("id", "name", "city", "state", "kind", "language", "website", "letters", "oped")
#: Keys of files written before issue 15, still read: ``submit_email``/``submit_url`` are
#: ``send_to``'s email and web form; ``checked`` (a transcription date) is dropped.
_LEGACY_RULE_KEYS = ("submit_email", "submit_url", "checked")
_SEND_TO_KEYS = ("email", "web_form", "postal_address")
_RULE_KEYS = (
    "word_limit",
    "char_limit",
    "days_after_article",
    "exclusive",
    "required_contact",
    "attachments",
    "frequency",
    "reply_window",
    "send_to",
    "notes",
    "source",
    "source_url",
    "source_date",
    "read_on",
    "weak_source",
    "evidence",
    *_LEGACY_RULE_KEYS,
)


@dataclass(frozen=True)
class SendTo:
    """Where a paper takes pieces, as the paper states it; empty where no source gives it."""

    email: str = ""
    web_form: str = ""  # the paper's own page where a letter is submitted (never filled in by us)
    postal_address: str = ""

    def is_empty(self) -> bool:
        return self == SendTo()

    def to_dict(self) -> dict[str, str]:
        return {k: v for k, v in asdict(self).items() if v}


@dataclass(frozen=True)
class Rules:
    """What one outlet asks of one kind of piece. ``None`` or empty means "not known"."""

    word_limit: int | None = None
    char_limit: int | None = None
    days_after_article: int | None = None
    exclusive: bool | None = None
    required_contact: tuple[str, ...] = ()
    attachments: bool | None = None
    frequency: str = ""  # how often one writer may be published
    reply_window: str = ""  # when to assume the piece was not taken
    send_to: SendTo = field(default_factory=SendTo)
    notes: str = ""
    source: str = ""  # who wrote the page these rules were read from, in words
    source_url: str = ""  # that page
    source_date: str = ""  # the date the page shows, if any
    read_on: str = ""  # when we (or the writer) read it
    weak_source: bool = False  # second-hand, old or otherwise unreliable
    evidence: tuple[str, ...] = ()  # the page's own words behind every value, quoted

    def is_empty(self) -> bool:
        return self == Rules()

    def days_left(self, article_date: date | None, today: date | None = None) -> int | None:
        """Days left to answer an article of ``article_date`` (negative: too late; None:
        the paper sets no window, or the date is not known)."""
        if self.days_after_article is None or article_date is None:
            return None
        return self.days_after_article - ((today or date.today()) - article_date).days


@dataclass(frozen=True)
class Outlet:
    id: str
    name: str
    city: str = ""
    state: str = ""
    kind: str = "local"
    language: str = "en"
    website: str = ""
    letters: Rules = field(default_factory=Rules)
    oped: Rules = field(default_factory=Rules)
    origin: str = "bundled"  # "bundled" or "user"

    def rules_for(self, kind: str) -> Rules:
        """The rules for a draft kind: ``lte`` -> letters, ``oped`` -> op-eds."""
        return self.oped if kind == "oped" else self.letters

    def state_code(self) -> str:
        """The paper's state as a two-letter code, however its file writes it ("Texas")."""
        from oped_studio.core.places import state_code

        return state_code(self.state)

    def place(self) -> str:
        return ", ".join(part for part in (self.city, self.state) if part)

    def label(self) -> str:
        """How a paper is listed everywhere: "The New York Times — New York, NY"."""
        place = self.place()
        return f"{self.name} — {place}" if place else self.name

    def to_dict(self) -> dict[str, Any]:
        def rules(r: Rules) -> dict[str, Any]:
            out: dict[str, Any] = {}
            for f in fields(Rules):
                value = getattr(r, f.name)
                unknown = value is None or value == "" or value == ()
                if unknown or (f.name == "weak_source" and not value):
                    continue
                if isinstance(value, SendTo):
                    if not value.is_empty():
                        out[f.name] = value.to_dict()
                    continue
                out[f.name] = list(value) if isinstance(value, tuple) else value
            return out

        data: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "city": self.city,
            "state": self.state,
            "kind": self.kind,
        }
        if self.language != "en":
            data["language"] = self.language
        if self.website:
            data["website"] = self.website
        for key, value in (("letters", self.letters), ("oped", self.oped)):
            if not value.is_empty():
                data[key] = rules(value)
        return data


@dataclass
class Directory:
    """All outlets by id, plus the problems found while reading the files."""

    outlets: dict[str, Outlet]
    problems: list[Problem] = field(default_factory=list)

    def get(self, outlet_id: str) -> Outlet | None:
        return self.outlets.get(outlet_id)

    def search(self, query: str, limit: int = 50, state: str = "") -> list[Outlet]:
        """Outlets whose id, name, city or state (code or name) hold every word of ``query``,
        in ``state`` (a two-letter code) when one is given.

        Case and accents are ignored ("sao paulo" finds "São Paulo"); the best matches come
        first: an exact id, then names that start with the query, then the rest by name.
        """
        from oped_studio.core.places import STATES

        words = fold(query).split()
        pool = [o for o in self.outlets.values() if not state or o.state_code() == state]
        if not words:
            return sorted(pool, key=lambda o: fold(o.name).removeprefix("the "))[:limit]
        found = []
        for outlet in pool:
            state_name = STATES.get(outlet.state_code(), "")
            hay = fold(" ".join((outlet.id, outlet.name, outlet.city, outlet.state, state_name)))
            if all(word in hay for word in words):
                name = fold(outlet.name)
                plain = name.removeprefix("the ")
                joined = " ".join(words)
                rank = (
                    0
                    if outlet.id == joined
                    else 1
                    if name.startswith(joined) or plain.startswith(joined)
                    else 2
                )
                found.append((rank, plain, outlet))
        found.sort(key=lambda item: (item[0], item[1]))
        return [outlet for _, _, outlet in found[:limit]]

    def near(self, zip_code: str, limit: int = 50) -> list[tuple[Outlet, float | None]]:
        """The papers nearest the ZIP code first, with their distance in miles (None where a
        paper's city is not in the ZIP data); raises ``PlaceError`` for a bad ZIP code."""
        return papers_nearest(zip_code, self.outlets.values())[:limit]


def papers_nearest(zip_code: str, outlets: Iterable[Outlet]) -> list[tuple[Outlet, float | None]]:
    """``outlets`` nearest the ZIP code first, each placed at its city (see ``places``)."""
    from oped_studio.core.places import nearest

    return nearest(zip_code, outlets, lambda o: (o.city, o.state))


def fold(text: str) -> str:
    """Lower-case ``text`` without accents, for matching what people type."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


# -- reading -------------------------------------------------------------------------------


def _read_send_to(ck: Checker, data: dict[str, Any], path: tuple) -> SendTo:
    """``send_to`` (and the old ``submit_email``/``submit_url``), each value checked."""
    table = ck.table(data, "send_to", path)
    where = (*path, "send_to")
    ck.keys(table, where, _SEND_TO_KEYS)
    email = ck.line(table, "email", where, required=False, limit=200)
    old_email = ck.line(data, "submit_email", path, required=False, limit=200)
    for key, value, at in (("email", email, where), ("submit_email", old_email, path)):
        if value and not EMAIL_RE.match(value):
            ck.problem((*at, key), f"'{value}' is not an email address")
    return SendTo(
        email=next((e for e in (email, old_email) if EMAIL_RE.match(e)), ""),
        web_form=ck.url(table, "web_form", where) or ck.url(data, "submit_url", path),
        postal_address=ck.line(table, "postal_address", where, required=False, limit=300),
    )


def _read_rules(ck: Checker, data: dict[str, Any], path: tuple) -> Rules:
    ck.keys(data, path, _RULE_KEYS)
    contact = ck.text_list(data, "required_contact", path)
    for item in contact:
        if item not in CONTACT_FIELDS:
            ck.problem(
                (*path, "required_contact"),
                f"'{item}' is not a contact field; use: {', '.join(CONTACT_FIELDS)}",
            )
    ck.partial_date(data, "checked", path, required=False)  # old files: read, not kept
    rules = Rules(
        word_limit=ck.integer(data, "word_limit", path, low=10, high=10_000),
        char_limit=ck.integer(data, "char_limit", path, low=50, high=100_000),
        days_after_article=ck.integer(data, "days_after_article", path, low=1, high=365),
        exclusive=ck.boolean(data, "exclusive", path),
        required_contact=tuple(c for c in contact if c in CONTACT_FIELDS),
        attachments=ck.boolean(data, "attachments", path),
        frequency=ck.line(data, "frequency", path, required=False, limit=200),
        reply_window=ck.line(data, "reply_window", path, required=False, limit=200),
        send_to=_read_send_to(ck, data, path),
        notes=ck.text(data, "notes", path, required=False, limit=1000),
        source=ck.line(data, "source", path, required=False, limit=500),
        source_url=ck.url(data, "source_url", path),
        source_date=ck.partial_date(data, "source_date", path, required=False),
        read_on=ck.partial_date(data, "read_on", path, required=False),
        weak_source=bool(ck.boolean(data, "weak_source", path)),
        evidence=tuple(ck.text_list(data, "evidence", path)),
    )
    if not rules.is_empty() and not (rules.source or rules.source_url):
        ck.problem((*path, "source"), "rules need a source; say where you read them")
    if rules.evidence:
        for key, message in untraced(rules):
            ck.problem((*path, key), message)
    return rules


#: Numbers papers' pages write in words (also read by ``submissions.reply_days``).
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "fourteen": 14, "thirty": 30,
}  # fmt: skip
_QUOTED_NUMBERS = NUMBER_WORDS | {
    "fifteen": 15, "twenty": 20,
    "a week": 7, "one week": 7, "two weeks": 14, "a month": 30, "one month": 30,
}  # fmt: skip


def _quoted(evidence: str, number: int) -> bool:
    """Whether the quotes state ``number`` (as digits, "1,000", in words, or as the bound of
    "fewer than N+1", which we store as N)."""
    for value in (number, number + 1):
        for form in {str(value), f"{value:,}"}:
            if re.search(rf"(?<![\d,.]){re.escape(form)}(?![\d,])", evidence):
                return True
    return any(
        number == value and re.search(rf"\b{words}\b", evidence)
        for words, value in _QUOTED_NUMBERS.items()
    )


def _bare_url(url: str) -> str:
    """``url`` without its scheme, "www." and query, to compare two addresses of one page."""
    return re.sub(r"^https?://(www\.)?", "", url.casefold()).split("?")[0]


def untraced(rules: Rules) -> list[tuple[str, str]]:
    """The values of ``rules`` its ``evidence`` does not quote: (key, what to fix) each.

    The bundled directory quotes the page behind every value, so a number, an address or a
    form that the quotes do not show is a value someone remembered rather than read.
    """
    quotes = " ".join(" ".join(rules.evidence).split()).casefold()
    bare = re.sub(r"https?://(www\.)?", "", quotes)
    problems = []
    for key in ("word_limit", "char_limit", "days_after_article"):
        number = getattr(rules, key)
        if number is not None and not _quoted(quotes, number):
            problems.append((key, f"{number} is not in the quoted evidence; quote the page"))
    email = rules.send_to.email.casefold()
    if email and email not in quotes:
        problems.append(("send_to", f"{email} is not in the quoted evidence; quote the page"))
    form, page = _bare_url(rules.send_to.web_form), _bare_url(rules.source_url)
    if form and form.rstrip("/") not in bare and form != page:
        problems.append(
            ("send_to", "the web form is neither quoted nor the page read; quote the page")
        )
    return problems


def parse_outlets(data: dict[str, Any], ck: Checker, origin: str) -> list[Outlet]:
    ck.keys(data, (), ("outlets",))
    outlets: list[Outlet] = []
    for index, raw in enumerate(ck.tables(data, "outlets", ())):
        path = ("outlets", index)
        ck.keys(raw, path, _OUTLET_KEYS)
        kind = ck.line(raw, "kind", path, required=False, limit=20) or "local"
        if kind not in KINDS:
            ck.problem((*path, "kind"), f"'{kind}' is not a kind; use one of: {', '.join(KINDS)}")
            kind = "local"
        outlets.append(
            Outlet(
                id=ck.ident(raw, "id", path),
                name=ck.line(raw, "name", path, limit=200),
                city=ck.line(raw, "city", path, required=False, limit=100),
                state=ck.line(raw, "state", path, required=False, limit=100),
                kind=kind,
                language=_language(ck, raw, path),
                website=ck.url(raw, "website", path),
                letters=_read_rules(ck, ck.table(raw, "letters", path), (*path, "letters")),
                oped=_read_rules(ck, ck.table(raw, "oped", path), (*path, "oped")),
                origin=origin,
            )
        )
    ck.unique([(o.id, ("outlets", i, "id")) for i, o in enumerate(outlets)], "outlet")
    return [o for o in outlets if o.id and o.name]


def _language(ck: Checker, raw: dict[str, Any], path: tuple) -> str:
    language = ck.line(raw, "language", path, required=False, limit=10) or "en"
    if language not in LANGUAGES:
        ck.problem(
            (*path, "language"),
            f"'{language}' is not a language; use one of: {', '.join(LANGUAGES)}",
        )
        return "en"
    return language


def read_outlets_file(path: Path, origin: str) -> tuple[list[Outlet], list[Problem]]:
    data, ck = read_toml(path, max_bytes=MAX_OUTLETS_BYTES, what="file of papers")
    if data is None:
        return [], ck.sorted_problems()
    outlets = parse_outlets(data, ck, origin)
    return outlets, ck.sorted_problems()


def bundled_outlets_file() -> Path:
    return bundled_dir("resources") / "outlets.toml"


def load_directory(paths: AppPaths, extra_files: list[Path] | None = None) -> Directory:
    """The bundled outlets, overridden by id by the user's (``paths.outlets_file``), the kit's
    and ``extra_files``, in order.

    Every problem is reported in ``problems``: an entry without a valid id or name is left
    out, a bad value is left empty, and a bad file never hides the others.
    """
    outlets: dict[str, Outlet] = {}
    problems: list[Problem] = []
    files = [(bundled_outlets_file(), "bundled")]
    if paths.outlets_file.exists():
        files.append((paths.outlets_file, "user"))
    kit = kit_folder()
    if kit is not None and (kit / "outlets.toml").is_file():
        files.append((kit / "outlets.toml", "user"))
    files += [(p, "user") for p in extra_files or []]
    for path, origin in files:
        found, file_problems = read_outlets_file(path, origin)
        problems += file_problems
        for outlet in found:
            outlets[outlet.id] = outlet
    return Directory(outlets, problems)
