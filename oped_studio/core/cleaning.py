"""Making pasted text safe for every export format, and saying what was removed.

Text from the clipboard can hold characters a Word file (XML 1.0) cannot: NUL and other
control characters, lone UTF-16 surrogates, form feeds, U+FFFE/U+FFFF. They are removed (tabs
and line breaks are kept; ``\\r\\n`` and ``\\r`` become ``\\n``), and the report counts what
went, so the app can tell the writer.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

# Characters XML 1.0 forbids, plus lone surrogates and the BOM / non-characters.
_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")
_NAMES = {
    "\x00": "NUL characters",
    "\x0c": "page breaks (form feeds)",
    "\ufeff": "byte-order marks",
}


@dataclass
class CleanReport:
    """What :func:`clean_text` removed, by kind."""

    removed: Counter[str] = field(default_factory=Counter)

    def __bool__(self) -> bool:
        return bool(self.removed)

    def describe(self) -> str:
        """One sentence for the writer, or "" when nothing was removed."""
        if not self.removed:
            return ""
        parts = [f"{count} {kind}" for kind, count in sorted(self.removed.items())]
        return "Removed characters that cannot go in the file: " + ", ".join(parts) + "."


def _kind(char: str) -> str:
    if char in _NAMES:
        return _NAMES[char]
    if "\ud800" <= char <= "\udfff":
        return "broken characters (lone surrogates)"
    return "control characters"


def clean_text(text: str, report: CleanReport | None = None) -> str:
    """``text`` without characters a document cannot hold; counts go into ``report``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if report is not None:
        for match in _BAD.finditer(text):
            report.removed[_kind(match.group())] += 1
    return _BAD.sub("", text)


# Typography that breaks in some mail programs and web forms, and its plain equivalent.
_PLAIN = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u2026": "...",
        "\u2013": "-",
        "\u2014": "--",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u00ad": "",
        "\u200b": "",
        "\u2060": "",
    }
)


def plain_typography(text: str) -> str:
    """Curly quotes, dashes, ellipses and odd spaces as plain keyboard characters.

    Letters of other alphabets, accents and emoji are kept: only punctuation that email
    programs and newspaper web forms are known to mangle is replaced.
    """
    return text.translate(_PLAIN)
