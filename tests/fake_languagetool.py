"""A LanguageTool stand-in that speaks the /v2 protocol on 127.0.0.1, for tests.

It flags every "teh" (TYPOS, suggesting "the"), every "Kirstjen" (TYPOS, a name the
spelling filter must let through) and every "a" before "apple" (EN_A_VS_AN), with offsets
in UTF-16 code units as LanguageTool sends them. ``mode`` makes it fail as real servers
do: "slow", "garbage", "close", "error".
"""

from __future__ import annotations

import json
import re
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_SPELLING = {
    "id": "MORFOLOGIK_RULE_EN_US",
    "description": "Possible spelling mistake",
    "issueType": "misspelling",
    "category": {"id": "TYPOS", "name": "Possible Typo"},
}
_A_VS_AN = {
    "id": "EN_A_VS_AN",
    "description": "Use of 'a' vs. 'an'",
    "issueType": "misspelling",
    "category": {"id": "MISC", "name": "Miscellaneous"},
}


def utf16_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-16-le")) // 2


class FakeLanguageTool:
    def __init__(self) -> None:
        self.mode = "ok"
        self.requests: list[dict[str, list[str]]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_args: object) -> None:  # keep test output clean
                pass

            def _json(self, data: object, status: int = 200) -> None:
                body = json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                if self.path.startswith("/v2/languages"):
                    self._json([{"name": "English (US)", "code": "en", "longCode": "en-US"}])
                elif self.path.startswith("/v2/healthcheck"):
                    self._json({"status": "ok"})
                else:
                    self._json({"error": "not found"}, 404)

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                form = urllib.parse.parse_qs(self.rfile.read(length).decode())
                fake.requests.append(form)
                if fake.mode == "slow":
                    time.sleep(3)
                if fake.mode == "close":
                    self.close_connection = True
                    self.connection.shutdown(2)
                    return
                if fake.mode == "garbage":
                    body = b"<html>not json</html>"
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                if fake.mode == "error":
                    self._json({"error": "internal"}, 500)
                    return
                text = form.get("text", [""])[0]
                matches = []
                for word, fix in (("teh", "the"), ("Kirstjen", "Kirsten"), ("a", "an")):
                    for found in re.finditer(rf"\b{word}\b", text, re.IGNORECASE):
                        if word == "a" and not text[found.end() :].startswith(" apple"):
                            continue
                        start = utf16_offset(text, found.start())
                        end = utf16_offset(text, found.end())
                        matches.append(
                            {
                                "message": (
                                    "Use “an” instead of ‘a’ if the following word starts "
                                    "with a vowel sound, e.g. ‘an article’, ‘an hour’."
                                    if word == "a"
                                    else "Possible spelling mistake found."
                                ),
                                "shortMessage": "Spelling mistake",
                                "replacements": [{"value": fix}],
                                "offset": start,
                                "length": end - start,
                                "context": {"text": text[:80], "offset": 0, "length": 1},
                                "sentence": text,
                                "type": {"typeName": "Other"},
                                "rule": _A_VS_AN if word == "a" else _SPELLING,
                            }
                        )
                self._json(
                    {
                        "software": {"name": "LanguageTool", "version": "6.8"},
                        "warnings": {"incompleteResults": False},
                        "language": {"name": "English (US)", "code": "en-US"},
                        "matches": matches,
                        "sentenceRanges": [],
                    }
                )

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeLanguageTool:
        self.thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
