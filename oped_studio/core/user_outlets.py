"""The writer's own papers: the ``outlets.toml`` in their data folder (and a kit's).

Adding or removing a paper changes only that paper's lines; comments and other entries stay
as the writer wrote them (see :func:`_edit_user_file`). Values are checked field by field
(:func:`build_user_outlet`) before anything is written.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from oped_studio.core.atomic import atomic_write_text
from oped_studio.core.cleaning import one_line_problem
from oped_studio.core.outlets import EMAIL_RE, KINDS, MAX_OUTLETS_BYTES, Outlet, Rules, SendTo, fold
from oped_studio.core.paths import AppPaths
from oped_studio.core.tomllines import key_lines
from oped_studio.core.validation import ID_RE, URL_RE

# -- writing the user's own outlets -----------------------------------------------------------


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):  # send_to, as an inline table
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"
    # JSON string escapes are valid TOML basic-string escapes; DEL must be escaped too.
    return json.dumps(str(value), ensure_ascii=False).replace("\x7f", "\\u007f")


_USER_FILE_HEADER = (
    "# Your own papers for OpEd Studio, and your changes to bundled ones (same id).\n"
    "# When you add or remove a paper in the app, OpEd Studio changes only that paper's\n"
    "# entry and leaves the rest of this file as you wrote it. The format is described in\n"
    "# docs/outlets.md.\n"
)


def _merged(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """``new`` laid over ``old``, table by table: what the writer wrote before and the new
    values do not mention (notes, evidence, a rule the form has no field for) is kept."""
    out = dict(old)
    for key, value in new.items():
        if isinstance(value, dict) and isinstance(old.get(key), dict):
            out[key] = _merged(old[key], value)
        else:
            out[key] = value
    return out


def _entry_toml(outlet: Outlet | dict[str, Any]) -> str:
    """One ``[[outlets]]`` entry (of an outlet, or of its table as parsed), ending with a
    blank line."""
    data = outlet.to_dict() if isinstance(outlet, Outlet) else outlet
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
    new_entry = ""
    if entry is not None:
        old_table = old[matches[0]] if matches else {}
        new_entry = _entry_toml(_merged(old_table, entry.to_dict()))
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
    # The reader's own tests: a value saved here must not come back as a problem in the file.
    if email and not EMAIL_RE.match(email):
        raise OutletInputError(
            "email", f"'{email[:80]}' is not an email address; give one, like letters@paper.com."
        )
    if url and not URL_RE.match(url):
        raise OutletInputError(
            "url", "The web address must start with https:// or http:// and hold no spaces."
        )
    source = source.strip() or "entered by the user"
    read_on = (today or date.today()).isoformat()
    letters = Rules(
        word_limit=word_limit,
        char_limit=char_limit,
        days_after_article=days_after_article,
        exclusive=exclusive,
        send_to=SendTo(email=email, web_form=url),
        source=source,
        read_on=read_on,
    )
    oped = (
        Rules(word_limit=oped_word_limit, exclusive=exclusive, source=source, read_on=read_on)
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
