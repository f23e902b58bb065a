"""What reaches a check engine: no word too long for it, no piece too large for it.

Harper (harper-py) is native code that does not take every text: a 30,000-letter "word" makes
it ask for 9 GB and abort the process (measured: its memory grows about 20 kB a letter of one
word), and its time grows faster than the text on runs of dots, dashes, brackets or initials
("U.S.U.S.…": 1.2 s for 800 characters). So before any engine sees a text:

* every unbroken run of more than :data:`MAX_WORD` characters (no real word, address or web
  link is that long) is replaced by as many spaces, so offsets stay right, and the writer is
  told once per such run that it was not checked (:func:`too_long_issues`);
* the text is cut into pieces of at most :data:`PIECE` characters at paragraph breaks (or
  sentence ends, or spaces, in a paragraph that long), each checked on its own
  (:func:`pieces`), so a check takes time in proportion to the text whatever it holds.
"""

from __future__ import annotations

import bisect
import re
import sys
from collections.abc import Iterator

from oped_studio.checks.issue import Issue

SOURCE = "oped-studio"
#: The longest unbroken run of characters an engine is given (measured safe and quick for
#: Harper: 200 characters of any kind cost it under 10 ms).
MAX_WORD = 200
#: The most characters an engine is given at once (a long paragraph).
PIECE = 2_000

_LONG_RE = re.compile(rf"(?<!\S)\S{{{MAX_WORD + 1},}}")
_PARAGRAPH_BREAK_RE = re.compile(r"\n[^\S\n]*\n\s*")
_SENTENCE_BREAK_RE = re.compile(r"(?<=[.!?…\"'”’)])\s+")
_SPACE_RE = re.compile(r"\s+")


def long_words(text: str) -> list[tuple[int, int]]:
    """Where ``text`` has an unbroken run of more than :data:`MAX_WORD` characters."""
    return [match.span() for match in _LONG_RE.finditer(text)]


def masked(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span replaced by as many spaces (offsets unchanged)."""
    if not spans:
        return text
    parts: list[str] = []
    last = 0
    for start, end in spans:
        parts += [text[last:start], " " * (end - start)]
        last = end
    parts.append(text[last:])
    return "".join(parts)


def touches(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when ``[start, end)`` overlaps (or, when empty, lies in) one of ``spans`` (in
    order, apart): what an engine says there is about the blanks, not the writer's text."""
    at = bisect.bisect_right(spans, (max(start, end - 1), sys.maxsize))
    return at > 0 and spans[at - 1][1] > start


def too_long_issues(spans: list[tuple[int, int]]) -> list[Issue]:
    """One issue for each run of characters too long to check."""
    return [
        Issue(
            start,
            end,
            "spelling",
            "word-too-long",
            f"This “word” is {end - start:,} characters without a space, too long to check "
            f"(the most is {MAX_WORD}); break it up or delete it. The rest of the text was "
            "checked.",
            (),
            SOURCE,
        )
        for start, end in spans
    ]


def _cuts(text: str, start: int, end: int, breaks: re.Pattern[str]) -> list[int]:
    """Offsets in ``(start, end)`` just after each of ``breaks``."""
    return [m.end() for m in breaks.finditer(text, start, end) if start < m.end() < end]


def pieces(text: str, size: int = PIECE) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of consecutive pieces of ``text``, each at most ``size`` characters
    (paragraphs together while they fit; a longer paragraph cut at sentence ends, then at
    white space, and only a run with neither cut anywhere)."""
    yield from _split(text, 0, len(text), size, 0)


_LEVELS = (_PARAGRAPH_BREAK_RE, _SENTENCE_BREAK_RE, _SPACE_RE)


def _split(text: str, start: int, end: int, size: int, level: int) -> Iterator[tuple[int, int]]:
    if end - start <= size:
        if start < end:
            yield start, end
        return
    if level == len(_LEVELS):
        for cut in range(start, end, size):
            yield cut, min(cut + size, end)
        return
    bounds = [start, *_cuts(text, start, end, _LEVELS[level]), end]
    piece_start = start
    for index in range(1, len(bounds)):
        if bounds[index] - piece_start <= size:
            continue
        previous = bounds[index - 1]
        if previous > piece_start:  # the part before this break fits: close the piece there
            yield piece_start, previous
            piece_start = previous
        if bounds[index] - piece_start > size:  # one part alone is too long: cut it finer
            yield from _split(text, piece_start, bounds[index], size, level + 1)
            piece_start = bounds[index]
    if piece_start < end:
        yield piece_start, end
