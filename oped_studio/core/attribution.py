"""A pack's fact as a sentence a newspaper would print, with its source named in it.

"According to TIME (June 2018), reports put the number of children separated since early
April at about 2,000." Papers print facts attributed in the sentence, never an academic
citation in brackets. Only the pack's words, its source's name and the source's date are
used: nothing is invented. A fact that already names its source is dated where it does.

The originality check knows these sentences (:func:`fact_sentences`): a fact inserted this
way is quoted with its source, not copied.
"""

from __future__ import annotations

import re

from oped_studio.core.packs import Fact, Pack, Source, human_date

#: Words that open a sentence and are lower-case inside one, whatever follows them.
_SMALL_WORDS = frozenset(
    """a an the in on at of for from by with under after before since during when while
    because although though even if as some most many every each all no this these that
    those its their our more only about over nearly almost""".split()
)
_WORD_RE = re.compile(r"[A-Za-z][\w'’-]*")


def source_name(source: Source) -> str:
    """The source as a sentence names it: "TIME", "Sen. Tina Smith", "an online magazine".

    The pack's own remarks (in brackets, or after a comma: "guest column") are left out.
    """
    name = source.publisher.split("(")[0].split(",")[0].strip()
    first, _, rest = name.partition(" ")
    if first in ("A", "An") and rest[:1].islower():
        name = f"{first.lower()} {rest}"
    return name or (f"“{source.title}”" if source.title else "")


def fact_sentence(pack: Pack, fact: Fact) -> str:
    """The fact as one sentence with its source and the source's date named in it."""
    text = fact.text.strip()
    if not text:
        return ""
    if not text.endswith((".", "!", "?", "”", '"')):
        text += "."
    source = pack.source(fact.source)
    name = source_name(source) if source is not None else ""
    if not name:
        return text
    date = source.date or fact.as_of
    when = f" ({human_date(date)})" if date else ""
    named = _date_where_named(text, name, when)
    if named is not None:  # "MomsRising pointed out that ...": dated where it is named
        return named
    lowers = _lowers(text, _lower_case_words(pack))
    opening = f"{text[0].lower()}{text[1:]}" if lowers else text
    if "according to" in text.lower():  # it quotes someone itself: no second "according to"
        return f"{name[0].upper()}{name[1:]}{when} reported that {opening}"
    if lowers or text[-1] not in ".!?":
        return f"According to {name}{when}, {opening}"
    # It may open with a name ("Democratic attorneys general ...", "Measure J ..."): its
    # capital stays, and the source follows.
    return f"{text[:-1]}, according to {name}{when}{text[-1]}"


def _date_where_named(text: str, name: str, when: str) -> str | None:
    """The sentence with the date after its mention of the source ("Sen. Tina Smith", or
    "Sen. Smith" inside the sentence), or None when it does not mention the source."""
    if name in text:
        return text.replace(name, name + when, 1)
    last = name.split()[-1]
    if " " not in name or len(last) < 3 or not last[0].isupper():
        return None
    for match in re.finditer(rf"\b{re.escape(last)}\b(?![\w'’])", text):
        if match.start() > 0:  # "Library staff fell ..." opens with a word, not the source
            return text[: match.end()] + when + text[match.end() :]
    return None


def fact_sentences(pack: Pack) -> list[str]:
    """Every fact of the pack as :func:`fact_sentence` makes it."""
    return [fact_sentence(pack, fact) for point in pack.points for fact in point.facts]


def _lower_case_words(pack: Pack) -> frozenset[str]:
    """The words the pack writes in lower case somewhere (so they are no names)."""
    return frozenset(
        word for text in pack.text_corpus() for word in _WORD_RE.findall(text) if word.islower()
    )


def _lowers(text: str, lower_case: frozenset[str]) -> bool:
    """Whether the sentence's first word is lower-case inside a sentence (so "According
    to X, ..." may come first): a small word, or one the pack writes in lower case that is
    no abbreviation and starts no name ("Measure J", "Laura St. John")."""
    words = text.split(maxsplit=2)
    first = words[0].strip(",;:")
    if first.lower() in _SMALL_WORDS:
        return True
    if not first[:1].isupper() or not first[1:].islower() or first.endswith("."):
        return False
    following = words[1] if len(words) > 1 else ""
    return first.lower() in lower_case and not following[:1].isupper()
