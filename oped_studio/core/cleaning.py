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
#: The characters :func:`clean_text` removes, so that counting can ignore them as the exported
#: file (and a word processor reading it) never holds them.
REMOVED_CHARACTERS = _BAD
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


#: What one line of text (a paper's name, a city, a title, an author's name) may not hold:
#: control characters (line breaks and tabs included), Unicode line and paragraph separators,
#: and the direction overrides and isolates that make text read differently from what it holds.
#: Zero-width joiners and the left-to-right / right-to-left marks stay: Persian, Hindi and
#: emoji need them, and they cannot move or add a line.
NOT_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_DIRECTION = re.compile("[\u202a-\u202e\u2066-\u2069]")


def one_line_problem(text: str) -> str:
    """What keeps ``text`` from being one line of plain text ("" when nothing does)."""
    found = NOT_ONE_LINE.search(text)
    if found is None:
        return ""
    char = found.group()
    what = (
        "a line break"
        if char in "\n\r\u2028\u2029\x85"
        else "a tab"
        if char == "\t"
        else "a text-direction control"
        if _DIRECTION.match(char)
        else "an invisible control character"
    )
    return (
        f"holds {what} (U+{ord(char):04X}) at character {found.start() + 1}; "
        "keep it on one line of plain text"
    )


def one_line(text: str) -> str:
    """``text`` folded to one line: direction controls dropped, every other control character
    or line break a space, runs of spaces one space. For values a writer typed that must stay
    single lines in a letter (a name, a subject): folded where they leave the app, never
    refused, so a stray line break in a draft never keeps the letter from being exported."""
    return " ".join(NOT_ONE_LINE.sub(" ", _DIRECTION.sub("", text)).split())


def shown_name(name: str) -> str:
    """A file's name as one line of a listing: as it is, or quoted with its line breaks and
    control characters escaped (``'evil\\nname.oped'``) when it holds any."""
    return name if name.isprintable() else repr(name)
