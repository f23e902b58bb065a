"""The user's settings: grammar engine, rule switches, appearance. One JSON file, atomic.

A damaged or foreign settings file never stops the app: it is set aside as
``settings.json.damaged`` and the defaults are used, with a warning in the log.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import logging
import os
import urllib.parse
from dataclasses import asdict, dataclass, field
from typing import Any

from oped_studio.core.atomic import atomic_write_text
from oped_studio.core.cleaning import one_line_problem
from oped_studio.core.files import ParseError, UnreadableFileError, loads_json, read_text_file
from oped_studio.core.paths import AppPaths

log = logging.getLogger(__name__)

GRAMMAR_ENGINES = ("harper", "languagetool-folder", "languagetool-server")
THEMES = ("light", "dark", "high-contrast")


@dataclass
class Settings:
    #: "harper" (offline, built in), or LanguageTool from a local folder or a server.
    grammar_engine: str = "harper"
    languagetool_folder: str = ""
    languagetool_url: str = ""
    #: Rules switched off, as "source:rule" ("harper:SpellCheck", "oped-studio:passive-voice").
    disabled_rules: list[str] = field(default_factory=list)
    theme: str = "light"
    text_size: int = 11

    def disabled_for(self, source: str) -> frozenset[str]:
        prefix = source + ":"
        return frozenset(r[len(prefix) :] for r in self.disabled_rules if r.startswith(prefix))


def _clean(data: dict[str, Any]) -> Settings:
    defaults = Settings()
    values: dict[str, Any] = {}
    for key, default in asdict(defaults).items():
        value = data.get(key, default)
        if isinstance(default, list):
            ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        else:  # str or int; a bool is not an int here
            ok = isinstance(value, type(default)) and not isinstance(value, bool)
        values[key] = value if ok else default
    settings = Settings(**values)
    if settings.grammar_engine not in GRAMMAR_ENGINES:
        settings.grammar_engine = "harper"
    if settings.theme not in THEMES:
        settings.theme = "light"
    settings.text_size = min(max(settings.text_size, 8), 32)
    if settings.languagetool_url and server_url_problem(settings.languagetool_url):
        log.warning("settings: the LanguageTool server address is not usable; not using it")
        settings.languagetool_url = ""
        if settings.grammar_engine == "languagetool-server":
            settings.grammar_engine = "harper"
    return settings


# -- a LanguageTool server's address -----------------------------------------------------------


def server_url_problem(url: str) -> str:
    """Why ``url`` cannot be a LanguageTool server's address ("" when it can).

    Wherever an address enters (the settings, a kit's venue, ``kit build``), the same rule: a
    web address with a host, and never a user name or password: ``http://192.168.1.10@evil.
    example.com`` reads like a local address but sends every letter to evil.example.com.
    """
    if one_line_problem(url) or any(c.isspace() for c in url):
        return "the server's address holds a space or a line break; give it as http://host:port/"
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        return f"“{url}” is not a web address; give it as http://host:port/"
    if parts.scheme not in ("http", "https"):
        return f"“{url}” is not a web address; it must start with http:// or https://"
    if "@" in parts.netloc:
        return (
            "the server's address holds a user name or password (before “@”), so the server it "
            f"names is {parts.hostname or 'unclear'}; give the address without them"
        )
    if not parts.hostname:
        return f"“{url}” names no server; give it as http://host:port/"
    return ""


def server_host_outside(url: str) -> str:
    """The host a usable ``url`` sends letters to, when it is not on this computer or its
    local network ("" when it is: loopback, private and link-local addresses, localhost)."""
    host = (urllib.parse.urlsplit(url).hostname or "").rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return ""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host  # a name: where it leads is not known, so it is not called local
    if address.is_loopback or address.is_private or address.is_link_local:
        return ""
    return host


def server_url_warning(url: str) -> str:
    """One plain sentence when the server at ``url`` is outside the local network, else ""."""
    host = server_host_outside(url)
    if not host:
        return ""
    return (
        f"letters will be sent to {host} to be checked; use it only if you trust whoever "
        "runs that server"
    )


def load_settings(paths: AppPaths) -> Settings:
    path = paths.settings_file
    try:
        data = loads_json(read_text_file(path, what="settings file"))
        if not isinstance(data, dict):
            raise ParseError("it is not a JSON object")
    except UnreadableFileError as exc:
        if exc.missing:
            return Settings()
        log.warning("settings file %s is unreadable (%s); using defaults", path, exc.reason)
        return Settings()  # a pipe, a device or a huge file: never moved or read, only skipped
    except ParseError as exc:
        log.warning("settings file %s is damaged (%s); using defaults", path, exc.reason)
        with contextlib.suppress(OSError):
            os.replace(path, path.with_name(path.name + ".damaged"))
        return Settings()
    return _clean(data)


def save_settings(settings: Settings, paths: AppPaths) -> None:
    """Write the settings atomically; raises SaveError with a clear reason."""
    path = paths.settings_file
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, json.dumps(asdict(settings), indent=2, ensure_ascii=False) + "\n")


def effective_settings(saved: Settings, venue_languagetool_url: str = "") -> Settings:
    """The settings the checks run with: the writer's saved settings, with a kit's venue
    LanguageTool server laid over them.

    Returns a new object: the overlay is never written into ``saved``, so saving the
    writer's settings afterwards (a rule switched off at an event, say) never stores the
    venue's server as the writer's own.
    """
    settings = Settings(**{**asdict(saved), "disabled_rules": list(saved.disabled_rules)})
    if venue_languagetool_url:
        settings.grammar_engine = "languagetool-server"
        settings.languagetool_url = venue_languagetool_url
    return settings
