"""Counting words the way LibreOffice Writer does, to the word.

Writer's rule (``SwScanner`` in sw/source/core/txtnode/txtedt.cxx, with ICU rules from
i18npool's ``count_word.txt``), reproduced here and measured against Writer itself
(tests/test_wordcount_libreoffice.py):

* an em dash "—" or en dash "–" is a space (Writer's default "additional separators");
* a word never spans white space; between spaces, words are ICU segments: a run of letters,
  digits, punctuation and symbols (so "U.S.", "don't", "2,342", "$5", "...", "&", "§" and
  "🌵" are one word each), joined by combining marks and format characters between them;
  a hyphen "-" joins its neighbours ("e-mail", "-5", "x-"), but two in a row end a word
  ("x--y" is two);
* anything else stands alone: "x²" is two words, a Thai letter or a lone zero-width joiner
  is one;
* in Chinese, Japanese and Korean text every character is a word;
* a zero-width space, and the characters the export removes (control characters, a BOM),
  are not there at all.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from oped_studio.core.cleaning import REMOVED_CHARACTERS

# Each character's class in Writer's word-count rules, one letter; upper case when Writer
# counts each such character as a word of its own (Chinese, Japanese and Korean scripts):
#   s space (white space, em and en dash)  a letter, digit, punctuation or symbol
#   d the hyphen-minus "-"                 e combining mark
#   b a combining mark that is also a letter (Hebrew and Arabic vowel points, Indic signs)
#   z a joiner both combining and format (ZWNJ, tags)
#   f a format character (ZWJ, soft hyphen, direction marks)
#   k Katakana   h Hiragana   o anything else (Thai, Lao, "²", "①", private use)
_SEPARATORS = "—–"
_ZERO_WIDTH_SPACE = "\u200b"
# Writer's "Asian" blocks (i18npool's script table) and the later CJK blocks it finds by script.
_ASIAN = ((0x1100, 0x11FF), (0x2E80, 0x2FDF), (0x2FF0, 0x303F), (0x3040, 0x31FF),
          (0x3200, 0x4DBF), (0x4E00, 0x9FFF), (0xA000, 0xA4CF), (0xA960, 0xA97F),
          (0xAC00, 0xD7FF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),
          (0x1AFF0, 0x1B16F), (0x1F200, 0x1F200), (0x20000, 0x3FFFF))  # fmt: skip
_ASIAN_BOUNDS = sorted(bound for low, high in _ASIAN for bound in (low, high + 1))
_KATAKANA = ((0x30A1, 0x30FA), (0x30FC, 0x30FF), (0x31F0, 0x31FF), (0x32D0, 0x32FE),
             (0x3300, 0x3357), (0xFF66, 0xFF9F), (0x1AFF0, 0x1B000), (0x1B120, 0x1B122),
             (0x1B155, 0x1B155), (0x1B164, 0x1B167))  # fmt: skip
_HIRAGANA = ((0x3041, 0x3096), (0x309D, 0x309F), (0x1B001, 0x1B11F), (0x1B132, 0x1B132),
             (0x1B150, 0x1B152), (0x1F200, 0x1F200))  # fmt: skip
# Combining marks that are letters too (Unicode's Other_Alphabetic), as measured with soffice.
_LETTER_MARKS = ((0x0345, 0x0345), (0x05B0, 0x0657), (0x0659, 0x06DC), (0x06E1, 0x06E8),
    (0x06ED, 0x073F), (0x07A6, 0x07B0), (0x0816, 0x0817), (0x081B, 0x082C), (0x08D4, 0x08DF),
    (0x08E3, 0x08E9), (0x08F0, 0x093A), (0x0941, 0x0948), (0x0955, 0x0981), (0x09C1, 0x09C4),
    (0x09E2, 0x09E3), (0x0A01, 0x0A02), (0x0A41, 0x0A4C), (0x0A51, 0x0A82), (0x0AC1, 0x0AC8),
    (0x0AE2, 0x0AFC), (0x0B01, 0x0B01), (0x0B3F, 0x0B44), (0x0B56, 0x0BC0), (0x0C00, 0x0C04),
    (0x0C3E, 0x0C4C), (0x0C55, 0x0C81), (0x0CBF, 0x0CCC), (0x0CE2, 0x0D01), (0x0D41, 0x0D44),
    (0x0D62, 0x0D81), (0x0DD2, 0x0DD6), (0x0F71, 0x0F83), (0x0F8D, 0x0FBC), (0x102D, 0x1036),
    (0x103D, 0x109D), (0x1712, 0x1713), (0x17B7, 0x17C6), (0x1885, 0x1932), (0x1A17, 0x1A5E),
    (0x1A62, 0x1A74), (0x1ABF, 0x1AC0), (0x1ACC, 0x1B03), (0x1B36, 0x1B42), (0x1B80, 0x1BA9),
    (0x1BAC, 0x1BAD), (0x1BE8, 0x1C36), (0x1DE7, 0x1DF4), (0x2DE0, 0x2DFF), (0xA674, 0xA67B),
    (0xA69E, 0xA69F), (0xA802, 0xA802), (0xA80B, 0xA826), (0xA8C5, 0xA8C5), (0xA8FF, 0xA92A),
    (0xA947, 0xA982), (0xA9E5, 0xAABE), (0xAAEC, 0xAAED), (0xABE5, 0xABE8),
    (0xFB1E, 0xFB1E))  # fmt: skip
# Spacing marks that are no letters: each stands alone.
_LONE_MARKS = frozenset("\u0f3e\u0f3f\u1715\u1b44\u1baa\u1bf2\u1bf3\u1ce1\u1cf7\ua953\uabec")
_THAI_LAO = (0x0E00, 0x0EFF)
_THAI_BAHT = 0x0E3F  # a currency symbol of the Common script: a symbol like "$"


def _within(code: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(low <= code <= high for low, high in ranges)


def _classify(char: str) -> str | None:
    """``char``'s class (see above), or None when Writer never sees it."""
    code = ord(char)
    if char == _ZERO_WIDTH_SPACE or REMOVED_CHARACTERS.match(char):
        return None
    if char.isspace() or char in _SEPARATORS:  # Python's spaces are ICU's u_isspace
        return "s"
    category = unicodedata.category(char)
    if char == "-":
        kind = "d"
    elif code == 0x200C or 0xE0020 <= code <= 0xE007F:
        kind = "z"
    elif category == "Mn" and _within(code, _LETTER_MARKS):
        kind = "b"
    elif category in ("Mn", "Me"):
        kind = "e"
    elif category == "Cf":
        kind = "f"
    elif _within(code, _KATAKANA):
        kind = "k"
    elif _within(code, _HIRAGANA):
        kind = "h"
    elif char in _LONE_MARKS or (_THAI_LAO[0] <= code <= _THAI_LAO[1] and code != _THAI_BAHT):
        kind = "o"
    elif category[0] in "LPS" or category in ("Nl", "Nd", "Mc"):
        kind = "a"
    else:
        kind = "o"
    return kind.upper() if bisect_right(_ASIAN_BOUNDS, code) % 2 else kind


class _Classes(dict):
    """``str.translate`` table: code point to class, worked out once per character."""

    def __missing__(self, code: int) -> str | None:
        kind = self[code] = _classify(chr(code))
        return kind


_CLASSES = _Classes()
_TOKEN_RE = re.compile(r"[^s]+")
# A token that is one word, the common case: a letter, digit or sign then more, or marks.
_ONE_WORD_RE = re.compile(r"[ab][abez]*")
# ICU's rules, on a token's classes in lower case; a segment is the longest match of any.
_LETTERS = r"[ab][bez]*(?:(?:[fz][bez]*)*[ab][bez]*)*"
_SEGMENT_RULES = tuple(
    re.compile(rule)
    for rule in (
        _LETTERS,
        r"(?:[ab][bez]*)*d+",  # "x-", "--"
        rf"(?:[ab][bez]*)*(?:d{_LETTERS})+d*",  # "e-mail", "-5", "a-b-"
        r"k[bez]*(?:(?:[fz][bez]*)*k[bez]*)*",
        r"h[bez]*",
        r"[^fz][bez]*",  # anything else but a format character, with its marks
    )
)
_NOT_ASIAN_RUN = re.compile(r"[a-z]+")


def _token_words(classes: str, lower: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The words of one token (``classes[start:end]``, no space), as class offsets.

    ``lower`` is ``classes.lower()``, made once for the whole text.
    """
    position = start
    while position < end:
        stop = position + 1
        for rule in _SEGMENT_RULES:
            match = rule.match(lower, position, end)
            if match and match.end() > stop:
                stop = match.end()
        # In a segment, each Asian character is a word, and so is each run of the others.
        index = position
        while index < stop:
            if classes[index].isupper():
                yield index, index + 1
                index += 1
            else:
                run = _NOT_ASIAN_RUN.match(classes, index, stop)
                assert run is not None
                yield index, run.end()
                index = run.end()
        position = stop


def word_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each word of ``text``, as Python string offsets."""
    classes = text.translate(_CLASSES)
    if len(classes) == len(text):
        offsets = None
    else:  # characters Writer never sees were dropped: map back to the text
        offsets = [i for i, char in enumerate(text) if _CLASSES[ord(char)] is not None]
        offsets.append(len(text))
    spans = []
    lower = classes.lower()
    for token in _TOKEN_RE.finditer(classes):
        if _ONE_WORD_RE.fullmatch(token.group()):
            found: Iterator[tuple[int, int]] = iter((token.span(),))
        else:
            found = _token_words(classes, lower, token.start(), token.end())
        for start, end in found:
            if offsets is not None:
                start, end = offsets[start], offsets[end - 1] + 1
            spans.append((start, end))
    return spans


def words(text: str) -> list[str]:
    """The words of ``text`` in order."""
    return [text[start:end] for start, end in word_spans(text)]


def count_words(text: str) -> int:
    """How many words ``text`` has, as LibreOffice Writer counts (see the module's docstring)."""
    classes = text.translate(_CLASSES)
    lower = classes.lower()
    total = 0
    for token in _TOKEN_RE.finditer(classes):
        if _ONE_WORD_RE.fullmatch(token.group()):
            total += 1
        else:
            total += sum(1 for _ in _token_words(classes, lower, token.start(), token.end()))
    return total


# -- sentences, paragraphs, characters -------------------------------------------------------

# Words ending in a period that do not end a sentence (titles, common abbreviations).
_ABBREVIATIONS = frozenset(
    (
        "mr mrs ms dr prof sen rep gov gen lt col sgt capt st jr sr rev hon pres supt dept "
        "inc ltd co corp vs etc e.g i.e a.m p.m u.s u.k u.n d.c fig approx est jan feb mar "
        "apr jun jul aug sep sept oct nov dec"
    ).split()
)
# Starting only at the first mark of a run, taking the run whole: a run of a million dots
# not followed by a space is one failed try, not a million (which took minutes).
_SENTENCE_END_RE = re.compile(r"(?<![.!?…])[.!?…]++[\"'”’)\]]*+(?=\s|$)")
_NEXT_CHAR_RE = re.compile(r"\s*+(\S)")
#: Longer than any abbreviation or run of initials: how far back a sentence's last word is
#: looked for.
_LAST_WORD = 24


def is_abbreviation(word: str) -> bool:
    """True when ``word`` followed by a period is an abbreviation, not a sentence's end: a
    known one ("Sen", "etc", "Jan"), a single initial ("C") or a run of initials ("U.S",
    "D.C", "I.R.S", "a.m")."""
    word = word.lower()
    if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
        return True
    return re.fullmatch(r"(?:[^\W\d_]\.)+[^\W\d_]", word) is not None


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence, as Python string offsets.

    A sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any closing quotes) before white
    space, unless the word before the period is a known abbreviation ("Sen.", "U.S.") or a
    single initial ("John C. Anderson"), or the next word starts in lower case; a paragraph
    break always ends one.
    """
    spans: list[tuple[int, int]] = []
    for para_start, para_end in paragraph_spans(text):
        start = para_start
        for match in _SENTENCE_END_RE.finditer(text, para_start, para_end):
            end = match.end()
            mark = match.group()
            if mark.startswith(".") and len(mark.rstrip("\"'”’)]")) == 1:
                low = max(start, match.start() - _LAST_WORD)
                word_start = text.rfind(" ", low, match.start()) + 1
                word_start = max(word_start, text.rfind("\n", low, match.start()) + 1, low)
                if is_abbreviation(text[word_start : match.start()].lstrip("(\"'“‘")):
                    continue
            following = _NEXT_CHAR_RE.match(text, end, para_end)
            if following and following.group(1).islower():
                continue
            if text[start:end].strip():
                spans.append(_trim(text, start, end))
            start = end
        if text[start:para_end].strip():
            spans.append(_trim(text, start, para_end))
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph: runs of non-blank lines."""
    spans = []
    start = None
    offset = 0
    for line in text.splitlines(keepends=True):
        blank = not line.strip()
        if blank and start is not None:
            spans.append(_trim(text, start, offset))
            start = None
        elif not blank and start is None:
            start = offset
        offset += len(line)
    if start is not None:
        spans.append(_trim(text, start, len(text)))
    return spans


@dataclass(frozen=True)
class TextCounts:
    """The counts editors' word processors show."""

    words: int
    characters: int  # every character but line breaks, as Word counts "characters (with spaces)"
    characters_no_spaces: int
    sentences: int
    paragraphs: int


def text_counts(text: str) -> TextCounts:
    no_breaks = text.replace("\r", "").replace("\n", "")
    return TextCounts(
        words=count_words(text),
        characters=len(no_breaks),
        characters_no_spaces=sum(1 for char in text if not char.isspace()),
        sentences=len(sentence_spans(text)),
        paragraphs=len(paragraph_spans(text)),
    )
