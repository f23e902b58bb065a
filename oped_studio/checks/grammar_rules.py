"""Grammar rules of our own, for common errors Harper misses.

Each rule is a narrow pattern with few false alarms (tested against ``tests/data``):
"its" for "it's" before a verb or adjective phrase, "then" for "than" after a comparative,
"your welcome", "he don't", "they was", "could care less", "irregardless", "alot".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from oped_studio.checks.issue import Issue

SOURCE = "oped-studio"

# (rule id, category, pattern, message, replacement builder)
_RULES: list[tuple[str, str, str, str, str]] = [
    (
        "its-contraction",
        "grammar",
        r"\b([Ii])ts(?= (?:a|an|the|not|been|being|going|got|gotten|time|true|clear|likely|"
        r"possible|important|wrong|right|hard|easy|never|always|also|still|just|about|all|"
        r"only|too|so|very|no|because|what|how|why|who|up|over|worth|sad|shameful|unfair|"
        r"cruel|absurd|obvious|essential|urgent)\b)",
        "'its' is possessive; here you mean 'it's' (it is).",
        r"\1t's",
    ),
    (
        "its-possessive",
        "grammar",
        r"\b([Ii])t[’']s(?= own\b)",
        "'it's' means 'it is'; the possessive is 'its'.",
        r"\1ts",
    ),
    (
        "then-than",
        "grammar",
        r"\b((?:more|less|fewer|better|worse|rather|other|greater|higher|lower|larger|smaller|"
        r"bigger|longer|shorter|older|younger|earlier|later|faster|slower|cheaper|harder|easier)"
        r") then\b",
        "After a comparison, use 'than'.",
        r"\1 than",
    ),
    (
        "your-youre",
        "grammar",
        r"\b([Yy])our(?= (?:welcome|wrong|right about|mistaken|not|going to|being)\b)",
        "Here you mean 'you're' (you are).",
        r"\1ou're",
    ),
    (
        "subject-verb-dont",
        "grammar",
        r"\b((?:[Hh]e|[Ss]he|[Ii]t|[Tt]his|[Tt]hat)) don[’']?t\b",
        "With he, she or it, use 'doesn't'.",
        r"\1 doesn't",
    ),
    (
        "subject-verb-was",
        "grammar",
        r"\b((?:[Ww]e|[Tt]hey|[Yy]ou)) was\b",
        "With we, they or you, use 'were'.",
        r"\1 were",
    ),
    (
        "could-care-less",
        "word-choice",
        r"\b(could) care less\b",
        "The idiom is 'couldn't care less'.",
        r"\1n't care less",
    ),
    (
        "irregardless",
        "word-choice",
        r"\b([Ii])rregardless\b",
        "'Irregardless' is not standard; use 'regardless'.",
        r"regardless",
    ),
    (
        "alot",
        "spelling",
        r"\b([Aa])lot\b",
        "'a lot' is two words.",
        r"\1 lot",
    ),
    (
        "less-fewer",
        "word-choice",
        r"\b([Ll])ess(?= (?:people|children|families|students|workers|jobs|cases|beds|"
        r"officers|voters|books|buses|homes|hours)\b)",
        "With things you can count, use 'fewer'.",
        "fewer",
    ),
]

_CASELESS = frozenset({"then-than"})
_COMPILED = [
    (rule, cat, re.compile(pattern, re.IGNORECASE if rule in _CASELESS else 0), msg, repl)
    for rule, cat, pattern, msg, repl in _RULES
]


def check_grammar_rules(text: str, disabled: frozenset[str] = frozenset()) -> Iterator[Issue]:
    for rule, category, pattern, message, replacement in _COMPILED:
        if rule in disabled:
            continue
        for match in pattern.finditer(text):
            fixed = match.expand(replacement)
            if match.group()[0].isupper() and not fixed[0].isupper():
                fixed = fixed[0].upper() + fixed[1:]
            yield Issue(match.start(), match.end(), category, rule, message, (fixed,), SOURCE)
