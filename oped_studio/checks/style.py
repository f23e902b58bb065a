"""Style rules of our own: what makes a letter weaker or less likely to be printed.

Passive voice, weak adverbs, hedges and filler, clichés, long sentences, words repeated close
together, shouting (ALL CAPS, "!!!") and name-calling. Each rule is a small function from the
text (and its sentences) to :class:`Issue` objects with ``source="oped-studio"``.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterator

from oped_studio.checks.issue import Issue
from oped_studio.core.counting import count_words, sentence_spans

SOURCE = "oped-studio"

LONG_SENTENCE_WORDS = 35

_IRREGULAR_PARTICIPLES = (
    "known made done given taken seen written told held kept left put sent shown found "
    "paid brought bought built caught chosen driven fallen forgotten gotten hidden lost "
    "meant met run said sold spent struck thrown understood won torn born broken beaten "
    "forced"
).split()
# Words in -ed that usually act as adjectives after "be" ("I am worried").
_ADJECTIVAL = frozenset(
    (
        "interested concerned worried tired excited pleased married supposed used located "
        "based involved related scared surprised disappointed prepared determined committed "
        "devoted qualified limited alarmed ashamed bored confused convinced delighted "
        "depressed disgusted embarrassed exhausted frightened frustrated horrified amazed "
        "annoyed appalled outraged heartbroken saddened shocked stunned troubled upset united "
        "divided needed red bed shed wed"
    ).split()
)
_PASSIVE_RE = re.compile(
    r"\b(?:am|is|are|was|were|be|been|being)\s+(?:(?:not|never|also|often|then|being)\s+)?"
    r"(?:\w+ly\s+)?((?:\w+ed)|" + "|".join(_IRREGULAR_PARTICIPLES) + r")\b",
    re.IGNORECASE,
)

_WEAK_ADVERBS = (
    "really very extremely totally completely absolutely basically actually literally "
    "truly definitely certainly seriously simply clearly obviously incredibly highly "
    "deeply utterly hugely terribly awfully"
).split()
_ADVERB_RE = re.compile(r"\b(" + "|".join(_WEAK_ADVERBS) + r")\b", re.IGNORECASE)

# (phrase pattern, message, replacement or None)
_HEDGES: list[tuple[str, str, str | None]] = [
    (
        r"\bI (?:think|believe|feel|guess|suppose)(?: that)?\b",
        "Hedge: say it plainly; your name is on it.",
        "",
    ),
    (r"\bin my (?:humble )?opinion,?", "Hedge: the whole piece is your opinion.", ""),
    (r"\bit seems (?:to me )?(?:that )?", "Hedge: say what is, not what seems.", ""),
    (
        r"(?<!this )(?<!that )(?<!the )(?<!what )(?<!any )(?<!same )(?<!some )(?<!each )"
        r"(?<!one )(?<!a )(?<!which )(?<!every )\b(?:kind|sort) of\b",
        "Filler: cut it or say exactly what you mean.",
        "",
    ),
    (r"\bneedless to say,?", "Filler: if it need not be said, cut it.", ""),
    (r"\bthe fact that\b", "Filler: 'the fact that' can usually go.", "that"),
    (r"\bin order to\b", "Filler: 'to' says the same.", "to"),
    (r"\bdue to the fact that\b", "Filler: 'because' says the same.", "because"),
    (r"\bat this point in time\b", "Filler: 'now' says the same.", "now"),
    (r"\bfor all intents and purposes\b", "Filler: cut it.", ""),
    (r"\bquite\b|\bsomewhat\b|\brather\b(?! than)", "Hedge: cut the qualifier.", ""),
    (
        r"\bjust\b(?= (?:a|an|the|one|want|need|think|like|because|to)\b)",
        "Filler: 'just' weakens the sentence.",
        "",
    ),
]
_HEDGE_RES = [(re.compile(p, re.IGNORECASE), m, r) for p, m, r in _HEDGES]

_CLICHES = [
    "at the end of the day",
    "think outside the box",
    "last but not least",
    "in this day and age",
    "perfect storm",
    "elephant in the room",
    "low-hanging fruit",
    "game changer",
    "game-changer",
    "moving forward",
    "it goes without saying",
    "each and every",
    "few and far between",
    "tip of the iceberg",
    "wake-up call",
    "crystal clear",
    "only time will tell",
    "time will tell",
    "drop in the bucket",
    "heart of the matter",
    "more than meets the eye",
    "by the same token",
    "in the nick of time",
    "avoid it like the plague",
    "better late than never",
    "all walks of life",
    "slippery slope",
    "nip it in the bud",
    "par for the course",
    "step in the right direction",
    "take it to the next level",
    "tried and true",
    "when all is said and done",
    "the writing is on the wall",
    "a level playing field",
    "enough is enough",
    "shame on",
    "wake up, america",
    "wake up america",
    "plain and simple",
    "the bottom line is",
    "let that sink in",
    "speaks volumes",
    "it is what it is",
    "first and foremost",
    "in a nutshell",
    "fly under the radar",
]
_CLICHE_RE = re.compile(
    r"\b(" + "|".join(re.escape(c) for c in sorted(_CLICHES, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)

_INSULTS = (
    "idiot idiots idiotic moron morons moronic imbecile imbeciles stupid dumb liar liars "
    "clown clowns traitor traitors scum lunatic lunatics crook crooks thug thugs "
    "hypocrite hypocrites fascist fascists nazi nazis commie commies snowflake snowflakes "
    "libtard libtards deplorables sheeple loser losers evil cowards spineless brainless "
    "buffoon buffoons halfwit halfwits nitwit nitwits jerk jerks"
).split()
_INSULT_RE = re.compile(r"\b(" + "|".join(_INSULTS) + r")\b", re.IGNORECASE)

_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_CAPS_RUN_RE = re.compile(r"\b[A-Z]{2,}(?:[\s,]+[A-Z]{2,}\b)+")
_CAPS_WORD_RE = re.compile(r"\b[A-Z]{6,}\b")
# A run of marks is tried from its first mark only (a run of a million "?" is one try).
_BANG_RE = re.compile(r"(?<![!?])[!?]*![!?]+|\?!")

# Common words that repeating is no fault of style.
_STOPWORDS = frozenset(
    (
        "the a an and or but if of to in on at by for with from as is are was were be been "
        "being it its this that these those they them their there then than he she his her we "
        "our you your i my me not no so do does did have has had will would can could should "
        "may might must who whom which what when where why how all any more most about into "
        "over after before under also just only other such some very"
    ).split()
)

Rule = Callable[[str, list[tuple[int, int]]], Iterator[Issue]]


def _issue(start: int, end: int, category: str, rule: str, message: str, *repl: str) -> Issue:
    return Issue(start, end, category, rule, message, tuple(repl), SOURCE)


def passive_voice(text: str, _sentences: list[tuple[int, int]]) -> Iterator[Issue]:
    for match in _PASSIVE_RE.finditer(text):
        participle = match.group(1).lower()
        if participle in _ADJECTIVAL:
            continue
        yield _issue(
            match.start(),
            match.end(),
            "style",
            "passive-voice",
            'Passive voice: say who did it ("The government separated families" rather '
            'than "Families were separated").',
        )


def weak_adverbs(text: str, _sentences: list[tuple[int, int]]) -> Iterator[Issue]:
    for match in _ADVERB_RE.finditer(text):
        yield _issue(
            match.start(),
            match.end(),
            "style",
            "weak-adverb",
            f"'{match.group(1)}' adds emphasis but no meaning; a stronger word or a fact "
            "works better.",
        )


def hedges_and_filler(text: str, _sentences: list[tuple[int, int]]) -> Iterator[Issue]:
    for pattern, message, replacement in _HEDGE_RES:
        for match in pattern.finditer(text):
            repl = () if replacement is None else (replacement,)
            yield Issue(match.start(), match.end(), "style", "hedge-filler", message, repl, SOURCE)


def cliches(text: str, _sentences: list[tuple[int, int]]) -> Iterator[Issue]:
    for match in _CLICHE_RE.finditer(text):
        yield _issue(
            match.start(),
            match.end(),
            "style",
            "cliche",
            f'Cliché: "{match.group(1)}". Editors skim past stock phrases; say it your own way.',
        )


def long_sentences(text: str, sentences: list[tuple[int, int]]) -> Iterator[Issue]:
    for start, end in sentences:
        words = count_words(text[start:end])
        if words > LONG_SENTENCE_WORDS:
            yield _issue(
                start,
                end,
                "style",
                "long-sentence",
                f"This sentence has {words} words; split it (aim for under 25).",
            )


def repeated_words(text: str, _sentences: list[tuple[int, int]]) -> Iterator[Issue]:
    """The same word twice in a row ("the the"), and a notable word used 3+ times close by."""
    words = [(m.group().lower().strip("'’-"), m.start(), m.end()) for m in _WORD_RE.finditer(text)]
    for (first, _s1, e1), (second, s2, e2) in itertools.pairwise(words):
        between = text[e1:s2]
        if first == second and between.strip() == "" and "\n\n" not in between and first != "had":
            yield Issue(
                s2 - len(between),
                e2,
                "grammar",
                "doubled-word",
                f"'{second}' is written twice.",
                ("",),
                SOURCE,
            )
    window = 60
    reported: set[str] = set()
    for index, (word, _start, _end) in enumerate(words):
        if len(word) < 5 or word in _STOPWORDS or word in reported:
            continue
        nearby = [w for w in words[index : index + window] if w[0] == word]
        if len(nearby) >= 3:
            reported.add(word)
            last = nearby[2]
            yield _issue(
                last[1],
                last[2],
                "style",
                "repeated-word",
                f"'{word}' is used {len(nearby)} times in a few sentences; vary the wording.",
            )


def shouting(text: str, _sentences: list[tuple[int, int]]) -> Iterator[Issue]:
    caps_runs = [match.span() for match in _CAPS_RUN_RE.finditer(text)]
    spans = list(caps_runs)
    runs = iter(caps_runs)  # in order and apart, as the words are: one pass over both
    run = next(runs, None)
    for match in _CAPS_WORD_RE.finditer(text):
        while run is not None and run[1] <= match.start():
            run = next(runs, None)
        if run is None or not run[0] <= match.start():
            spans.append(match.span())
    for start, end in sorted(spans):
        yield _issue(
            start,
            end,
            "style",
            "shouting",
            "ALL CAPS reads as shouting; let the words carry the weight.",
            text[start:end].capitalize() if " " not in text[start:end] else text[start:end].lower(),
        )
    for match in _BANG_RE.finditer(text):
        yield _issue(
            match.start(),
            match.end(),
            "style",
            "shouting",
            "Several exclamation marks read as shouting; one full stop is stronger.",
            ".",
        )
    bangs = [m.start() for m in re.finditer(r"(?<![!?])!(?![!?])", text)]
    if len(bangs) > 2:
        yield _issue(
            bangs[2],
            bangs[2] + 1,
            "style",
            "shouting",
            f"{len(bangs)} exclamation marks in one piece; editors read them as shouting.",
            ".",
        )


def name_calling(text: str, _sentences: list[tuple[int, int]]) -> Iterator[Issue]:
    for match in _INSULT_RE.finditer(text):
        yield _issue(
            match.start(),
            match.end(),
            "style",
            "name-calling",
            f"'{match.group(1)}' attacks people; papers rarely print a piece that does. "
            "Criticize the policy and what it does instead.",
        )


RULES: dict[str, Rule] = {
    "passive-voice": passive_voice,
    "weak-adverb": weak_adverbs,
    "hedge-filler": hedges_and_filler,
    "cliche": cliches,
    "long-sentence": long_sentences,
    "repeated-word": repeated_words,
    "shouting": shouting,
    "name-calling": name_calling,
}


def check_style(
    text: str,
    sentences: list[tuple[int, int]] | None = None,
    disabled: frozenset[str] = frozenset(),
) -> list[Issue]:
    """Every style issue in ``text``, skipping the rules named in ``disabled``."""
    sentences = sentence_spans(text) if sentences is None else sentences
    issues: list[Issue] = []
    for name, rule in RULES.items():
        if name in disabled:
            continue
        issues.extend(issue for issue in rule(text, sentences) if issue.rule not in disabled)
    return issues
