"""The outlet directory: newspapers and what they ask of letters and op-eds.

The bundled directory is ``resources/outlets.toml``, filled only from public guidelines with
the source of every rule (see ``shared/research/outlets.md`` in the project's history and
``docs/outlets.md``). Users add their own papers, or override a bundled one by id, in
``outlets.toml`` in the user data folder; the app writes that file, and people may edit it.
Unknown values stay empty: the app never guesses a limit.
"""

from __future__ import annotations

import json
import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from datetime import date
from pathlib import Path
from typing import Any

from oped_studio.core.atomic import atomic_write_text
from oped_studio.core.cleaning import one_line_problem
from oped_studio.core.paths import AppPaths, bundled_dir, kit_folder
from oped_studio.core.tomllines import key_lines
from oped_studio.core.validation import ID_RE, Checker, Problem, read_toml

KINDS = ("national", "metro", "local")
CONTACT_FIELDS = ("name", "address", "city", "phone", "email")
MAX_OUTLETS_BYTES = 2 * 1024 * 1024

_OUTLET_KEYS = ("id", "name", "city", "state", "kind", "website", "letters", "oped")
_RULE_KEYS = (
    "word_limit",
    "char_limit",
    "days_after_article",
    "exclusive",
    "required_contact",
    "attachments",
    "frequency",
    "reply_window",
    "submit_email",
    "submit_url",
    "notes",
    "source",
    "source_date",
    "weak_source",
    "checked",
)


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
    submit_email: str = ""
    submit_url: str = ""
    notes: str = ""
    source: str = ""  # where these rules were read
    source_date: str = ""  # the date the source shows, if any
    weak_source: bool = False  # second-hand, old or otherwise unreliable
    checked: str = ""  # when the entry was last checked against its source

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
    website: str = ""
    letters: Rules = field(default_factory=Rules)
    oped: Rules = field(default_factory=Rules)
    origin: str = "bundled"  # "bundled" or "user"

    def rules_for(self, kind: str) -> Rules:
        """The rules for a draft kind: ``lte`` -> letters, ``oped`` -> op-eds."""
        return self.oped if kind == "oped" else self.letters

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
                out[f.name] = list(value) if isinstance(value, tuple) else value
            return out

        data: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "city": self.city,
            "state": self.state,
            "kind": self.kind,
        }
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

    def search(self, query: str, limit: int = 50) -> list[Outlet]:
        """Outlets whose id, name, city or state hold every word of ``query``.

        Case and accents are ignored ("sao paulo" finds "São Paulo"); the best matches come
        first: an exact id, then names that start with the query, then the rest by name.
        """
        words = fold(query).split()
        if not words:
            return sorted(self.outlets.values(), key=lambda o: fold(o.name))[:limit]
        found = []
        for outlet in self.outlets.values():
            hay = fold(" ".join((outlet.id, outlet.name, outlet.city, outlet.state)))
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


def fold(text: str) -> str:
    """Lower-case ``text`` without accents, for matching what people type."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


# -- reading -------------------------------------------------------------------------------


def _read_rules(ck: Checker, data: dict[str, Any], path: tuple) -> Rules:
    ck.keys(data, path, _RULE_KEYS)
    contact = ck.text_list(data, "required_contact", path)
    for item in contact:
        if item not in CONTACT_FIELDS:
            ck.problem(
                (*path, "required_contact"),
                f"'{item}' is not a contact field; use: {', '.join(CONTACT_FIELDS)}",
            )
    email = ck.line(data, "submit_email", path, required=False, limit=200)
    if email and ("@" not in email or " " in email):
        ck.problem((*path, "submit_email"), f"'{email}' is not an email address")
        email = ""
    rules = Rules(
        word_limit=ck.integer(data, "word_limit", path, low=10, high=10_000),
        char_limit=ck.integer(data, "char_limit", path, low=50, high=100_000),
        days_after_article=ck.integer(data, "days_after_article", path, low=1, high=365),
        exclusive=ck.boolean(data, "exclusive", path),
        required_contact=tuple(c for c in contact if c in CONTACT_FIELDS),
        attachments=ck.boolean(data, "attachments", path),
        frequency=ck.line(data, "frequency", path, required=False, limit=200),
        reply_window=ck.line(data, "reply_window", path, required=False, limit=200),
        submit_email=email,
        submit_url=ck.url(data, "submit_url", path),
        notes=ck.text(data, "notes", path, required=False, limit=1000),
        source=ck.line(data, "source", path, required=False, limit=500),
        source_date=ck.partial_date(data, "source_date", path, required=False),
        weak_source=bool(ck.boolean(data, "weak_source", path)),
        checked=ck.partial_date(data, "checked", path, required=False),
    )
    has_rule = any(
        getattr(rules, name) not in (None, "", ())
        for name in ("word_limit", "char_limit", "days_after_article", "exclusive", "attachments")
    ) or bool(rules.required_contact or rules.frequency)
    if has_rule and not rules.source:
        ck.problem((*path, "source"), "rules need a source; say where you read them")
    return rules


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
                website=ck.url(raw, "website", path),
                letters=_read_rules(ck, ck.table(raw, "letters", path), (*path, "letters")),
                oped=_read_rules(ck, ck.table(raw, "oped", path), (*path, "oped")),
                origin=origin,
            )
        )
    ck.unique([(o.id, ("outlets", i, "id")) for i, o in enumerate(outlets)], "outlet")
    return [o for o in outlets if o.id and o.name]


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


# -- writing the user's own outlets -----------------------------------------------------------


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    # JSON string escapes are valid TOML basic-string escapes; DEL must be escaped too.
    return json.dumps(str(value), ensure_ascii=False).replace("\x7f", "\\u007f")


_USER_FILE_HEADER = (
    "# Your own papers for OpEd Studio, and your changes to bundled ones (same id).\n"
    "# When you add or remove a paper in the app, OpEd Studio changes only that paper's\n"
    "# entry and leaves the rest of this file as you wrote it. The format is described in\n"
    "# docs/outlets.md.\n"
)


def _entry_toml(outlet: Outlet) -> str:
    """One ``[[outlets]]`` entry, ending with a blank line."""
    data = outlet.to_dict()
    lines = ["[[outlets]]"]
    for key, value in data.items():
        if not isinstance(value, dict):
            lines.append(f"{key} = {_toml_value(value)}")
    for section in ("letters", "oped"):
        if section in data:
            lines.append(f"[outlets.{section}]")
            lines += [f"{k} = {_toml_value(v)}" for k, v in data[section].items()]
    return "\n".join(lines) + "\n\n"


def outlets_to_toml(outlets: list[Outlet]) -> str:
    """An outlets file holding ``outlets`` (a kit's): what :func:`read_outlets_file` reads."""
    return (
        _USER_FILE_HEADER
        + "\n"
        + "".join(_entry_toml(o) for o in sorted(outlets, key=lambda o: o.id))
    )


def _user_file_text(target: Path) -> tuple[str, dict[str, Any]]:
    """The user's outlets file as written, and parsed; refuses one it cannot safely edit."""
    from oped_studio.core.errors import OpedError
    from oped_studio.core.files import ParseError, loads_toml, read_text_file

    if not target.exists() and not target.is_symlink():
        return "", {}
    text = read_text_file(target, max_bytes=MAX_OUTLETS_BYTES, what="file of papers")
    try:
        data = loads_toml(text)
    except ParseError as exc:
        raise OpedError(
            f"{target}:{exc.line or 1}: the file is not valid TOML ({exc.reason}); fix that "
            "line first (nothing was changed)."
        ) from None
    return text, data


def _edit_user_file(paths: AppPaths, outlet_id: str, entry: Outlet | None) -> bool:
    """Put ``entry`` in place of the user's paper ``outlet_id`` (or append it), or remove that
    paper (``entry`` None); False when there was none to remove.

    Only that paper's lines change: comments, other papers and even entries with problems
    stay exactly as the writer wrote them. The result is parsed again and compared with what
    was meant before it is written; a file the app cannot edit this way (say, papers written
    as an inline array) is refused, unchanged, with what to do.
    """
    from oped_studio.core.errors import OpedError

    target = paths.outlets_file
    text, data = _user_file_text(target)
    old = data.get("outlets", [])
    if not isinstance(old, list) or not all(isinstance(t, dict) for t in old):
        raise OpedError(
            f"{target}: 'outlets' must be written as [[outlets]] entries; fix the file first "
            "(nothing was changed)."
        )
    lines = text.splitlines(keepends=True)
    where = key_lines(text)
    starts = [where.get(("outlets", i)) for i in range(len(old))]
    others = [where[(k,)] for k in data if k != "outlets" and (k,) in where]
    matches = [i for i, table in enumerate(old) if table.get("id") == outlet_id]
    if entry is None and not matches:
        return False
    new_entry = _entry_toml(entry) if entry is not None else ""
    expected = [t for i, t in enumerate(old) if i not in matches]
    if entry is not None:
        parsed = tomllib.loads(new_entry)["outlets"][0]
        expected.insert(matches[0] if matches else len(expected), parsed)
    for i in reversed(matches):
        start = starts[i]
        if start is None:
            break
        after = [n for n in [*starts, *others] if n is not None and n > start]
        end = min(after, default=len(lines) + 1)
        while end - 1 > start and (
            not lines[end - 2].strip() or lines[end - 2].lstrip().startswith("#")
        ):
            end -= 1  # comments and blank lines before the next entry belong to it
        replacement = new_entry.rstrip("\n") + "\n" if new_entry else ""
        lines[start - 1 : end - 1] = [replacement] if i == matches[0] else []
    if entry is not None and not matches:
        if not text:
            lines = [_USER_FILE_HEADER]
        elif not text.endswith("\n"):
            lines.append("\n")
        lines += ["\n", new_entry]
    result = "".join(lines)
    try:
        check = tomllib.loads(result)
    except tomllib.TOMLDecodeError:
        check = None
    if (
        check is None
        or check.get("outlets", []) != expected
        or {k: v for k, v in check.items() if k != "outlets"}
        != {k: v for k, v in data.items() if k != "outlets"}
    ):
        raise OpedError(
            f"{target} is written in a way OpEd Studio cannot change without touching your "
            f"other entries; edit the paper '{outlet_id}' there by hand (nothing was changed)."
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(target, result)
    return True


class OutletInputError(ValueError):
    """A value the writer entered for their own paper is not usable; ``field`` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def outlet_id_for(name: str, taken: Iterable[str] = ()) -> str:
    """An id made from a paper's name ("The Daily Planet" -> "daily-planet"), not in ``taken``."""
    words = fold(name).replace("&", " and ").split()
    if words and words[0] == "the" and len(words) > 1:
        words = words[1:]
    base = "-".join("".join(c for c in w if c.isascii() and c.isalnum()) for w in words)
    base = re.sub("-+", "-", base).strip("-")[:50].strip("-") or "paper"
    taken = set(taken)
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def build_user_outlet(
    *,
    outlet_id: str,
    name: str,
    city: str = "",
    state: str = "",
    kind: str = "local",
    word_limit: int | None = None,
    char_limit: int | None = None,
    oped_word_limit: int | None = None,
    days_after_article: int | None = None,
    exclusive: bool | None = None,
    email: str = "",
    url: str = "",
    source: str = "",
    today: date | None = None,
) -> Outlet:
    """A paper the writer adds themselves, checked field by field (for the CLI and the app).

    Raises :class:`OutletInputError` naming the field at fault. The rules carry where the
    writer read them (``source``) and today's date as when they were checked.
    """
    name = name.strip()
    if not name:
        raise OutletInputError("name", "Give the paper's name.")
    # Refused, not folded: the writer is at the keyboard and sees what to fix, and a line
    # break in a name or city would add a line to every letter sent to the paper.
    for field_name, label, value in (
        ("name", "The name", name),
        ("city", "The city", city),
        ("state", "The state", state),
        ("email", "The email address", email),
        ("url", "The web address", url),
        ("source", "The source", source),
    ):
        if problem := one_line_problem(value.strip()):
            raise OutletInputError(field_name, f"{label} {problem}.")
    if not ID_RE.match(outlet_id):
        raise OutletInputError(
            "id", f"'{outlet_id}' is not a valid id: use lower-case letters, digits and dashes."
        )
    if kind not in KINDS:
        raise OutletInputError("kind", f"'{kind}' is not a kind; use one of: {', '.join(KINDS)}")
    for field_name, value in (("word_limit", word_limit), ("oped_word_limit", oped_word_limit)):
        if value is not None and not 10 <= value <= 10_000:
            raise OutletInputError(field_name, "A word limit is between 10 and 10,000 words.")
    if char_limit is not None and not 50 <= char_limit <= 100_000:
        raise OutletInputError(
            "char_limit", "A character limit is between 50 and 100,000 characters."
        )
    if days_after_article is not None and not 1 <= days_after_article <= 365:
        raise OutletInputError("days_after_article", "Give the days as a number from 1 to 365.")
    email, url = email.strip(), url.strip()
    if email and ("@" not in email or " " in email):
        raise OutletInputError("email", f"'{email}' is not an email address.")
    if url and not url.startswith(("http://", "https://")):
        raise OutletInputError("url", "The web address must start with https:// or http://.")
    source = source.strip() or "entered by the user"
    checked = (today or date.today()).isoformat()
    letters = Rules(
        word_limit=word_limit,
        char_limit=char_limit,
        days_after_article=days_after_article,
        exclusive=exclusive,
        submit_email=email,
        submit_url=url,
        source=source,
        checked=checked,
    )
    oped = (
        Rules(word_limit=oped_word_limit, exclusive=exclusive, source=source, checked=checked)
        if oped_word_limit
        else Rules()
    )
    return Outlet(
        id=outlet_id,
        name=name,
        city=city.strip(),
        state=state.strip(),
        kind=kind,
        letters=letters,
        oped=oped,
        origin="user",
    )


def save_user_outlet(outlet: Outlet, paths: AppPaths) -> Path:
    """Add or replace ``outlet`` (by id) in the user's outlets file, atomically, leaving the
    rest of the file as the writer wrote it (see :func:`_edit_user_file`)."""
    _edit_user_file(paths, outlet.id, replace(outlet, origin="user"))
    return paths.outlets_file


def remove_user_outlet(outlet_id: str, paths: AppPaths) -> bool:
    """Remove a user outlet (a bundled one it overrode comes back); False if there was none."""
    return _edit_user_file(paths, outlet_id, None)
