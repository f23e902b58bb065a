"""LanguageTool through language-tool-python, when the user has configured it.

Two ways, both chosen in the settings, neither ever downloading anything:

* **A server URL** (a workshop can run one LanguageTool server for the room).
* **A local LanguageTool folder** (the unzipped ``LanguageTool-X.Y`` folder, or its
  ``languagetool-server.jar``): used only when ``java`` is on the PATH and the jar is there.
  We start ``java -cp languagetool-server.jar org.languagetool.server.HTTPServer -p PORT`` on
  127.0.0.1 ourselves (the command language-tool-python itself runs), wait for it with a
  deadline, and stop it when the app closes. language-tool-python's own local mode is not used
  because it downloads LanguageTool when the folder is missing and retries for minutes on a
  broken jar.

Every request has a short timeout, so a slow or dead server costs seconds, not minutes; any
failure raises :class:`LanguageToolUnavailable`, and the check engine falls back to Harper.
LanguageTool counts offsets in UTF-16 code units; they are converted to Python string offsets
here (exactly, including matches on or across emoji).
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import shutil
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from pathlib import Path

from oped_studio.checks.guard import long_words, masked, touches
from oped_studio.checks.issue import Issue
from oped_studio.checks.spelling_filter import is_not_misspelled
from oped_studio.checks.wording import (
    best_spellings,
    category_of,
    only_capitals,
    plain_message,
)
from oped_studio.core.errors import OpedError
from oped_studio.core.settings import server_url_problem

log = logging.getLogger(__name__)

SOURCE = "languagetool"
JAR_NAME = "languagetool-server.jar"
#: Seconds for one request to the server (the library's own default is 300).
REQUEST_TIMEOUT = 8
#: Seconds to wait for a local server to start answering.
START_TIMEOUT = 30


class LanguageToolUnavailable(OpedError):
    """LanguageTool could not be used; the message says why, in a sentence."""


def utf16_to_index(text: str) -> list[int]:
    """``table[u]`` is the Python index of UTF-16 offset ``u`` in ``text`` (len + 1 entries).

    An offset inside a surrogate pair maps to the start of its character.
    """
    table: list[int] = []
    for index, char in enumerate(text):
        table.append(index)
        if ord(char) > 0xFFFF:
            table.append(index)
    table.append(len(text))
    return table


def find_jar(folder: str | Path) -> Path:
    """The server jar in ``folder`` (or ``folder`` itself if it is the jar)."""
    path = Path(folder).expanduser()
    if path.is_file() and path.name.endswith(".jar"):
        return path
    jar = path / JAR_NAME
    if jar.is_file():
        return jar
    nested = sorted(path.glob(f"LanguageTool-*/{JAR_NAME}")) if path.is_dir() else []
    if nested:
        return nested[-1]
    raise LanguageToolUnavailable(
        f"there is no {JAR_NAME} in {path}; choose the unzipped LanguageTool folder"
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(url: str, timeout: float = 1.0) -> bool:
    try:
        with urllib.request.urlopen(url + "v2/languages", timeout=timeout) as response:
            return response.status == 200
    except (OSError, urllib.error.URLError, ValueError):
        return False


class LocalServer:
    """A LanguageTool server process we started from the user's folder."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        self.process: subprocess.Popen | None = None
        self.url = ""

    def start(self, timeout: float | None = None) -> str:
        timeout = START_TIMEOUT if timeout is None else timeout
        java = shutil.which("java")
        if not java:
            raise LanguageToolUnavailable(
                "Java is not installed (LanguageTool needs it); install Java or use the "
                "built-in checker"
            )
        jar = find_jar(self.folder)
        port = _free_port()
        self.url = f"http://127.0.0.1:{port}/"
        command = [java, "-cp", str(jar), "org.languagetool.server.HTTPServer", "-p", str(port)]
        log.info("starting LanguageTool: %s", " ".join(command))
        try:
            self.process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError as exc:
            raise LanguageToolUnavailable(f"Java could not start LanguageTool: {exc}") from exc
        atexit.register(self.stop)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status = self.process.poll()
            if status is not None:
                self.stop()
                raise LanguageToolUnavailable(
                    f"LanguageTool in {self.folder} stopped at once (exit status {status}); "
                    "the folder may be incomplete or damaged"
                )
            if _answers(self.url):
                return self.url
            time.sleep(0.2)
        self.stop()
        raise LanguageToolUnavailable(
            f"LanguageTool in {self.folder} did not answer within {timeout:.0f} seconds"
        )

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def _bounded_tool_class():
    import language_tool_python
    from language_tool_python.exceptions import LanguageToolError

    class BoundedLanguageTool(language_tool_python.LanguageTool):
        """language-tool-python with short timeouts, returning the server's raw matches."""

        _TIMEOUT = REQUEST_TIMEOUT  # type: ignore[assignment]

        def raw_check(self, text: str) -> list[dict]:
            import urllib.parse

            url = urllib.parse.urljoin(self._url, "check")
            response = self._query_server(url, self._create_params(text), method="post")
            if not isinstance(response, dict) or not isinstance(response.get("matches"), list):
                raise LanguageToolError("the server's answer has no matches")
            return response["matches"]

    return BoundedLanguageTool


class LanguageToolEngine:
    """A LanguageTool connection (to a server URL, or to a local folder's server we start)."""

    def __init__(self, *, url: str = "", folder: str = "", language: str = "en-US") -> None:
        if not url and not folder:
            raise ValueError("LanguageToolEngine needs a url or a folder")
        self.url = url
        self.folder = folder
        self.language = language
        self._tool = None
        self._server: LocalServer | None = None
        self._lock = threading.Lock()

    def describe(self) -> str:
        return (
            f"the LanguageTool server at {self.url}"
            if self.url
            else f"LanguageTool in {self.folder}"
        )

    def start(self) -> None:
        with self._lock:
            self._ensure()

    def _ensure(self):
        if self._tool is not None:
            return self._tool
        url = self.url
        if not url:
            self._server = LocalServer(self.folder)
            url = self._server.start()
        if problem := server_url_problem(url):
            raise LanguageToolUnavailable(problem)
        try:
            self._tool = _bounded_tool_class()(self.language, remote_server=url)
        except _failures() as exc:
            self.close()
            raise LanguageToolUnavailable(
                f"{self.describe()} cannot be used: {_reason(exc)}"
            ) from exc
        return self._tool

    def check(
        self,
        text: str,
        *,
        allowed_words: Iterable[str] = (),
        disabled_rules: frozenset[str] = frozenset(),
    ) -> list[Issue]:
        allowed = {w.casefold() for w in allowed_words}
        blanked = long_words(text)
        with self._lock:
            tool = self._ensure()
            tool.disabled_rules = set(disabled_rules)
            try:
                # Words too long to check never leave the app (checks/guard.py).
                matches = tool.raw_check(masked(text, blanked))
            except _failures() as exc:
                raise LanguageToolUnavailable(f"{self.describe()} failed: {_reason(exc)}") from exc
        table = utf16_to_index(text)
        issues = []
        for match in matches:
            try:
                u_start = int(match["offset"])
                u_end = u_start + int(match["length"])
                rule = match["rule"]
                rule_id = str(rule["id"])
                category_id = str(rule.get("category", {}).get("id", ""))
                message = str(match.get("message", ""))
                replacements = tuple(
                    str(r["value"]) for r in match.get("replacements", [])[:5] if "value" in r
                )
            except (KeyError, TypeError, ValueError):
                log.warning("ignoring a malformed LanguageTool match: %.200r", match)
                continue
            if not 0 <= u_start <= u_end < len(table):
                continue
            start, end = table[u_start], table[u_end]
            if touches(blanked, start, end):
                continue
            category = category_of(SOURCE, category_id)
            if category == "spelling" and is_not_misspelled(text, start, end, allowed):
                continue
            word = text[start:end]
            if category == "spelling":
                replacements = best_spellings(word, replacements)
                if only_capitals(word, replacements):
                    category = "capitalization"
            message = plain_message(SOURCE, rule_id, message, word, replacements)
            issues.append(Issue(start, end, category, rule_id, message, replacements, SOURCE))
        return issues

    def close(self) -> None:
        tool, self._tool = self._tool, None
        if tool is not None:
            with contextlib.suppress(Exception):
                tool.close()
        if self._server is not None:
            self._server.stop()
            self._server = None


def probe(*, url: str = "", folder: str = "") -> str:
    """Try LanguageTool on one sentence; a line saying it works (raises when it does not).

    For the Settings dialog's "Test connection": the same bounded timeouts as checking, so a
    dead server answers within seconds. Raises :class:`LanguageToolUnavailable`.
    """
    engine = LanguageToolEngine(url=url, folder=folder)
    try:
        issues = engine.check("This sentence are a test.")
    finally:
        engine.close()
    return f"{engine.describe()} works ({len(issues)} issue(s) found in a test sentence)."


def _failures() -> tuple[type[BaseException], ...]:
    """What a LanguageTool call may raise when the server is missing, slow or broken."""
    from language_tool_python.exceptions import LanguageToolError

    return (LanguageToolError, OSError, ValueError, KeyError, TypeError)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or exc.__class__.__name__
    if "Connection refused" in text or "Max retries" in text or "NewConnectionError" in text:
        return "the server cannot be reached"
    if "timed out" in text.lower() or "timeout" in text.lower():
        return f"the server did not answer within {REQUEST_TIMEOUT} seconds"
    return text.splitlines()[0][:200]
