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
        r"too|so|no|because|what|how|why|who|up|over|worth|sad|shameful|unfair|"
        r"cruel|absurd|obvious|essential|urgent)\b(?!-))",
        "Here you mean “it's” (it is); “its” shows belonging.",
        r"\1t's",
    ),
    (
        "its-possessive",
        "grammar",
        r"\b([Ii])t[’']s(?= own\b)",
        "“It's” means “it is”; to show belonging, write “its”.",
        r"\1ts",
    ),
    (
        "then-than",
        "grammar",
        r"\b((?:more|less|fewer|better|worse|rather|other|greater|higher|lower|larger|smaller|"
        r"bigger|longer|shorter|older|younger|earlier|later|faster|slower|cheaper|harder|easier)"
        r") then\b",
        "After a comparison, write “than”.",
        r"\1 than",
    ),
    (
        "your-youre",
        "grammar",
        r"\b([Yy])our(?= (?:welcome|wrong|right about|mistaken|not|going to|being)\b)",
        "Here you mean “you're” (you are).",
        r"\1ou're",
    ),
    (
        "subject-verb-dont",
        "grammar",
        r"\b((?:[Hh]e|[Ss]he|[Ii]t|[Tt]his|[Tt]hat)) don[’']?t\b",
        "With he, she or it, write “doesn't”.",
        r"\1 doesn't",
    ),
    (
        "subject-verb-was",
        "grammar",
        r"\b((?:[Ww]e|[Tt]hey|[Yy]ou)) was\b",
        "With we, they or you, write “were”.",
        r"\1 were",
    ),
    (
        "could-care-less",
        "word-choice",
        r"\b(could) care less\b",
        "The saying is “couldn't care less”.",
        r"\1n't care less",
    ),
    (
        "irregardless",
        "word-choice",
        r"\b([Ii])rregardless\b",
        "“Irregardless” is not standard English; write “regardless”.",
        r"regardless",
    ),
    (
        "alot",
        "spelling",
        r"\b([Aa])lot\b",
        "“A lot” is two words.",
        r"\1 lot",
    ),
    (
        "then-than-after-noun",
        "grammar",
        r"(?<![,;] )\b((?:more|less|fewer) (?:[a-z]+ ){1,2})then\b",
        "After a comparison, write “than”.",
        r"\1than",
    ),
    (
        "to-too",
        "grammar",
        r"\b((?:for|far|way|much|is|was|are|were|be|been|seems?|got|gets?|getting|not) )to "
        r"(?=(?:long|late|much|many|few|little|often|big|small|early|soon|expensive|costly|"
        r"hard|difficult|crowded|dangerous|slow|busy|young|old)\b)",
        "Here you mean “too” (more than enough).",
        r"\1too ",
    ),
    (
        "irregular-plural-verb",
        "grammar",
        r"\b((?:[Cc]hildren|[Pp]eople|[Mm]en|[Ww]omen|[Pp]olice|[Ff]eet|[Tt]eeth|[Mm]ice)) "
        r"(was|is|has|does)\b",
        "This word means more than one, so the verb must be too: “are”, “were”, “have”.",
        "PLURAL_VERB",
    ),
    (
        "plural-is",
        "grammar",
        r"\b((?:[Tt]he|[Tt]hese|[Tt]hose|[Oo]ur|[Mm]y|[Yy]our|[Tt]heir|[Mm]any|[Ss]ome|[Aa]ll) "
        r"(?:[a-z]+ )?([a-z]{3,}[^s\W]s)) is\b",
        "The subject is more than one, so write “are”.",
        r"\1 are",
    ),
    (
        "singular-are",
        "grammar",
        r"\b((?:[Tt]his|[Tt]hat|[Tt]he|[Aa]|[Aa]n|[Ee]ach|[Ee]very) "
        r"(?:[a-z]+ )?([a-z]{3,}[^s\W'])) are\b",
        "The subject is one thing, so write “is”.",
        r"\1 is",
    ),
    (
        "indefinite-pronoun-verb",
        "grammar",
        r"\b((?:[Ee]veryone|[Ee]verybody|[Ss]omeone|[Ss]omebody|[Nn]obody|[Aa]nyone|[Aa]nybody|"
        r"[Ee]verything|[Nn]othing|[Ss]omething) )(know|need|want|think|have|do|say|feel|like|"
        r"agree|deserve|understand|seem|care|believe|hope|expect)\b",
        "After “everyone”, “someone” or “nobody”, the verb ends in -s (“everyone knows”).",
        "",
    ),
    (
        "discus-discuss",
        "spelling",
        r"\b((?:to|will|would|can|could|should|must|shall|may|might|did|does|do|and) )discus\b",
        "“Discus” is the disc thrown in sport; the verb is “discuss”.",
        r"\1discuss",
    ),
    (
        "except-accept",
        "word-choice",
        r"\b((?:[Pp]lease|to|will|would|cannot|can't|must|should|gladly|kindly) )except\b",
        "Here you mean “accept” (receive); “except” means “leave out”.",
        r"\1accept",
    ),
    (
        "me-and",
        "grammar",
        r"(?:^|(?<=[.!?] )|(?<=\n))Me and (?=(?:my|our|his|her|the|[A-Z])\w*)",
        "At the start of a sentence, write “My neighbors and I” rather than “Me and my neighbors”.",
        "",
    ),
    (
        "less-fewer",
        "word-choice",
        r"\b([Ll])ess(?= (?:people|children|families|students|workers|jobs|cases|beds|"
        r"officers|voters|books|buses|homes|hours)\b)",
        "For things you can count, write “fewer”.",
        "fewer",
    ),
    (
        "modal-to",
        "grammar",
        r"(?<!\b[Tt]he )(?<!\b[Aa] )"
        r"\b((?:[Ss]hould|[Mm]ust|[Cc]an|[Cc]ould|[Ww]ill|[Ww]ould|[Mm]ight)) to "
        r"(?!(?:the|a|an|my|our|your|his|her|their|its|this|that|these|those)\b)(?=[a-z]+\b)",
        "After “should”, “must”, “can” or “will”, leave out “to”.",
        r"\1 ",
    ),
    (
        "modal-verb-s",
        "grammar",
        r"(?<!\b[Tt]he )(?<!\b[Aa] )\b((?:[Ss]hould|[Mm]ust|[Cc]an|[Cc]ould|[Ww]ould|[Mm]ight|"
        r"[Dd]oesn[’']t|[Dd]on[’']t|[Dd]idn[’']t|[Cc]an[’']t|[Ww]on[’']t) (?:not )?)"
        r"(drives|wants|needs|goes|makes|takes|gives|lives|works|knows|says|comes|gets|"
        r"pays|helps|likes|thinks|tells|feels|seems|looks|starts|stops|opens|closes|runs|"
        r"buys|calls|costs|eats|has|does|tries|studies|teaches|speaks|writes|reads|walks|fixes)\b",
        "After “can”, “should” or “doesn't”, use the plain verb, without -s.",
        "BARE_VERB",
    ),
    (
        "there-is-plural",
        "grammar",
        r"\b([Tt]here) (is|was) (?=(?:many|several|few|two|three|four|five|six|seven|eight|"
        r"nine|ten|dozens|hundreds|thousands|millions|lots)\b)"
        # "There is many a reason", "There was ten dollars left": one amount, singular.
        r"(?!many a\b|\w+ (?:dollars|cents|minutes|hours|days|weeks|months|years|miles|"
        r"feet|pounds|percent)\b)",
        "More than one thing follows, so write “there are” (or “there were”).",
        "THERE_ARE",
    ),
    (
        "one-of-are",
        "grammar",
        r"\b((?:[Oo]ne|[Ee]ach|[Ee]very one|[Nn]either|[Ee]ither) of (?:the|my|our|your|his|her|"
        r"their|these|those|its) (?:[a-z]+ )?[a-z]+s) (are|were|have|do)\b",
        "The subject is “one” (or “each”) of them, so the verb is singular: “is”, “was”, "
        "“has”, “does”.",
        "SINGULAR_VERB",
    ),
    (
        "singular-noun-base-verb",
        "grammar",
        r"(?<!\band )(?<!\bor )\b((?:[Mm]y|[Oo]ur|[Yy]our|[Hh]is|[Hh]er|[Tt]heir|[Tt]he|[Ee]very|"
        r"[Ee]ach) (?:sister|brother|mother|father|son|daughter|husband|wife|teacher|friend|"
        r"neighbor|boss|landlord|doctor|library|school|city|company|student|child|family|"
        r"town|store|clinic|hospital|mayor|council|government) )"
        r"(live|need|want|have|give|go|say|take|make|work|know|think|like|come|get|pay|"
        r"cost|help|seem|look|teach|speak)\b",
        "The subject is one person or thing, so the verb ends in -s here.",
        "S_VERB",
    ),
]

#: A noun phrase right after a preposition is not the subject ("Separating children from
#: their parents is wrong": the subject is "Separating"), so agreement is not checked there.
_PREPOSITIONS = (
    "of|in|on|at|for|with|among|by|from|to|about|into|than|like|between|without|against|"
    "under|over|through|after|before|behind|beside|near|across|toward|towards|upon|around|"
    "inside|outside|along|beyond|during|within"
)
_AFTER_PREPOSITION = rf"\b(?:{_PREPOSITIONS})\s+$"
#: Before "its" that owns something: a preposition ("of its time", "on its right"), or a
#: verb of "take its time", "spend its money".
_ITS_OWNS = re.compile(
    rf"\b(?:{_PREPOSITIONS}|take|takes|took|taken|taking|spend|spends|spent|spending)\s+$",
    re.IGNORECASE,
)
#: "What the town loses is": the subject is the whole clause, and its last word a verb.
_WHAT_BEFORE = re.compile(r"\b(?:what|whatever)\s+$", re.IGNORECASE)
#: A gerund before the noun is the subject ("Raising three children is hard"), not the noun.
_GERUND_BEFORE = r"\b[A-Za-z]{2,}ing\s+(?:\w+\s+){0,2}$"

_CASELESS = frozenset({"then-than", "then-than-after-noun"})

#: Words ending in -s that are singular ("the news is"), and singular-looking plurals
#: ("the people are"), which the agreement rules must not flag.
_SINGULAR_S = frozenset(
    (
        "news series species physics politics economics mathematics measles means "
        "headquarters athletics ethics statistics gymnastics lens bus campus census "
        "status virus bonus process address access business class glass basis analysis "
        "crisis thesis emphasis diagnosis canvas gas atlas iris"
    ).split()
)
_PLURAL_NO_S = frozenset(
    (
        "people children police staff data media men women feet teeth mice geese cattle "
        "crew team family public committee council board jury government majority youth "
        "clergy personnel remains scissors pants glasses"
    ).split()
)
_COMPILED = [
    (rule, cat, re.compile(pattern, re.IGNORECASE if rule in _CASELESS else 0), msg, repl)
    for rule, cat, pattern, msg, repl in _RULES
]


_PLURAL_VERB = {"was": "were", "is": "are", "has": "have", "does": "do"}
_SINGULAR_VERB = {"were": "was", "are": "is", "have": "has", "do": "does"}
_IRREGULAR_S = {"have": "has", "go": "goes", "do": "does"}
_IRREGULAR_BARE = {"has": "have", "does": "do", "goes": "go"}


def _with_s(verb: str) -> str:
    if verb in _IRREGULAR_S:
        return _IRREGULAR_S[verb]
    if verb.endswith(("ch", "sh", "ss", "x", "o")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def _bare(verb: str) -> str:
    if verb in _IRREGULAR_BARE:
        return _IRREGULAR_BARE[verb]
    if verb.endswith("ies"):
        return verb[:-3] + "y"
    if verb.endswith(("ches", "shes", "sses", "xes")):
        return verb[:-2]
    return verb[:-1]


#: Replacement builders for the rules whose fix changes a verb's form.
_VERB_FIXES = {
    "PLURAL_VERB": lambda m: f"{m.group(1)} {_PLURAL_VERB[m.group(2)]}",
    "SINGULAR_VERB": lambda m: f"{m.group(1)} {_SINGULAR_VERB[m.group(2)]}",
    "BARE_VERB": lambda m: m.group(1) + _bare(m.group(2)),
    "S_VERB": lambda m: m.group(1) + _with_s(m.group(2)),
    "THERE_ARE": lambda m: f"{m.group(1)} {'are' if m.group(2) == 'is' else 'were'} ",
}
#: Words after which a noun takes the plain verb: questions ("Does the school have"),
#: "let/make/help the city decide", and "that the school give" (a demand).
_BARE_VERB_BEFORE = re.compile(
    r"\b(?:do|does|did|will|would|can|could|should|must|may|might|let|lets|make|makes|made|"
    r"help|helps|helped|see|saw|watch|hear|heard|that|to)\s+$",
    re.IGNORECASE,
)


def _not_a_statement(text: str, start: int) -> bool:
    return bool(_BARE_VERB_BEFORE.search(text[max(0, start - 30) : start]))


def _not_the_subject(text: str, start: int) -> bool:
    """True when the noun phrase at ``start`` follows a preposition or a gerund (up to two
    words back), so the verb's subject is another word: "classes at the library are",
    "Raising three children is"."""
    before = text[max(0, start - 60) : start]
    return bool(re.search(_AFTER_PREPOSITION, before) or re.search(_GERUND_BEFORE, before))


#: "all we could to help", "what you can to keep": the modal ends a clause ("could do").
_MODAL_ENDS_CLAUSE = re.compile(
    r"\b(?:all|everything|anything|what|whatever|as|best|most|much|something|nothing)\s+"
    r"(?:\w+\s+){1,2}$",
    re.IGNORECASE,
)
#: After a verb that is also a noun, words showing it is a noun: "the city work crews
#: fixed", "the school help desk is", "the family cost of".
_NOUN_AFTER = re.compile(
    r"\s+(?:of\b|[a-z]+\s+(?:is|was|are|were|has|have|had|will|would|can|could|should|"
    r"must|may|might)\b|[a-z]+s\s+[a-z]+ed\b)"
)
#: "One of the reasons cities are": a plural noun before the last is the one "one" is of.
_PLURAL_THEN_NOUN = re.compile(r" (?!\w*(?:ous|ss)\b)[a-z]+s [a-z]+s$")


def _before(pattern: re.Pattern[str], text: str, start: int) -> bool:
    return pattern.search(text, max(0, start - 40), start) is not None


def _false_alarm(rule: str, text: str, match: re.Match[str]) -> bool:
    """True when a rule's pattern matched correct English (each case measured on real
    letters; see tests/test_checks_rules.py)."""
    start = match.start()
    if rule == "its-contraction":
        return _before(_ITS_OWNS, text, start)  # "of its time", "took its time": "its" owns
    if rule == "plural-is":
        # "one of those stays is": the subject is "one"; "what the city needs is": the
        # subject is "what", and "needs" a verb.
        return (
            match.group(2).lower() in _SINGULAR_S
            or _not_the_subject(text, start)
            or _before(_WHAT_BEFORE, text, start)
        )
    if rule == "singular-are":
        return (
            match.group(2).lower() in _PLURAL_NO_S
            or match.group(2).endswith(("ly", "ing"))
            or _not_the_subject(text, start)
        )
    if rule == "irregular-plural-verb":
        return _not_the_subject(text, start)  # "Raising three children is hard"
    if rule == "singular-noun-base-verb":
        # "Does the library have", "let the school decide", "the city work crews fixed".
        return (
            _not_a_statement(text, start)
            or _not_the_subject(text, start)
            or _NOUN_AFTER.match(text, match.end()) is not None
        )
    if rule == "modal-to":
        return _before(_MODAL_ENDS_CLAUSE, text, start)
    if rule == "one-of-are":
        return _PLURAL_THEN_NOUN.search(match.group(1)) is not None
    return False


def check_grammar_rules(text: str, disabled: frozenset[str] = frozenset()) -> Iterator[Issue]:
    for rule, category, pattern, message, replacement in _COMPILED:
        if rule in disabled:
            continue
        for match in pattern.finditer(text):
            if _false_alarm(rule, text, match):
                continue
            if replacement in _VERB_FIXES:
                fixed = _VERB_FIXES[replacement](match)
            else:
                fixed = match.expand(replacement) if replacement else ""
            if fixed and match.group()[0].isupper() and not fixed[0].isupper():
                fixed = fixed[0].upper() + fixed[1:]
            replacements = (fixed,) if fixed else ()
            yield Issue(match.start(), match.end(), category, rule, message, replacements, SOURCE)
