"""What a writer reads about an issue, whichever engine found it: one category mapping and
plain messages.

Harper and LanguageTool each have their own kinds, categories and wording ("Did you mean to
spell `recieve` this way?", "Incorrect indefinite article."). Both go through here, so the same
error reads the same from either engine, in a sentence a first-time writer understands:
no backticks, no grammar terms, and every spelling issue names its best suggestions, the
likeliest first ("Possible spelling mistake: did you mean “receive”?").
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from oped_studio.checks.place_names import near_known_names, within_edits

#: Harper's lint kinds -> our categories.
HARPER_KINDS = {
    "Spelling": "spelling",
    "Typo": "spelling",
    "BoundaryError": "spelling",
    "Capitalization": "capitalization",
    "Grammar": "grammar",
    "Agreement": "grammar",
    "Miscellaneous": "grammar",
    "Punctuation": "punctuation",
    "Formatting": "punctuation",
    "WordChoice": "word-choice",
    "Usage": "word-choice",
    "Regionalism": "word-choice",
    "Eggcorn": "word-choice",
    "Malapropism": "word-choice",
    "Readability": "readability",
    "Style": "style",
    "Redundancy": "style",
    "Repetition": "style",
    "Enhancement": "style",
}
#: LanguageTool's rule categories -> our categories.
LANGUAGETOOL_CATEGORIES = {
    "TYPOS": "spelling",
    "COMPOUNDING": "spelling",
    "CASING": "capitalization",
    "PUNCTUATION": "punctuation",
    "TYPOGRAPHY": "punctuation",
    "GRAMMAR": "grammar",
    "CONFUSED_WORDS": "word-choice",
    "COLLOCATIONS": "word-choice",
    "NONSTANDARD_PHRASES": "word-choice",
    "SEMANTICS": "word-choice",
    "STYLE": "style",
    "REDUNDANCY": "style",
    "PLAIN_ENGLISH": "style",
    "REPETITIONS_STYLE": "style",
}


def category_of(source: str, kind: str) -> str:
    """Our category for an engine's kind (Harper) or category id (LanguageTool)."""
    table = HARPER_KINDS if source == "harper" else LANGUAGETOOL_CATEGORIES
    return table.get(kind, "grammar")


#: The same error under each engine's rule names; {fix} is the first suggestion.
_SAME_ERROR = {
    "harper:AnA": "an-a",
    "languagetool:EN_A_VS_AN": "an-a",
    "harper:CapitalizePersonalPronouns": "i-capital",
    "languagetool:I_LOWERCASE": "i-capital",
    "harper:SentenceCapitalization": "sentence-capital",
    "languagetool:UPPERCASE_SENTENCE_START": "sentence-capital",
    "harper:PronounVerbAgreement": "agreement",
    "harper:PronounInflectionBe": "agreement",
    "harper:SubjectVerbAgreement": "agreement",
    "languagetool:HE_VERB_AGR": "agreement",
    "languagetool:NON3PRS_VERB": "agreement",
    "harper:MassNouns": "uncountable",
    "languagetool:MUCH_COUNTABLE": "uncountable",
    "harper:WhomSubjectOfVerb": "who-whom",
    "harper:SimplePastToPastParticiple": "participle",
    "harper:ItsPossessive": "its",
    "harper:ThereIsAgreement": "agreement",
    "harper:DidPast": "did-base",
    "languagetool:DID_BASEFORM": "did-base",
    "harper:RegularIrregulars": "past-form",
    "harper:Months": "capital-word",
    "harper:TheWhetherWeather": "did-you-mean",
    "harper:ArriveTo": "did-you-mean",
    "harper:NotablePlaces": "proper-name",
    "harper:USUniversities": "proper-name",
    "harper:UnitedOrganizations": "proper-name",
}
_PLAIN = {
    "an-a": "Write “{fix}” here: “a” goes before a consonant sound, “an” before a vowel sound.",
    "i-capital": "Write “I” as a capital letter.",
    "sentence-capital": "Start a sentence with a capital letter.",
    "agreement": "The verb does not match its subject here; write “{fix}”.",
    "uncountable": "This is not something you count, so it takes no “a” or “an”.",
    "who-whom": "Use “who” for the one doing the action and “whom” for the one it is done to.",
    "participle": "After “have”, “has” or “had”, write “{fix}”.",
    "its": "“Its” (no apostrophe) shows belonging; “it's” means “it is” or “it has”.",
    "proper-name": "This name is written with capital letters: “{fix}”.",
    "did-base": "After “did”, write “{fix}”.",
    "past-form": "The past form of this verb is “{fix}”.",
    "capital-word": "“{fix}” is written with a capital letter.",
    "did-you-mean": "Did you mean “{fix}”?",
}
#: Rules whose finding is a word the engine's dictionary lacks.
_SPELLING_RULES = re.compile(r"^(?:harper:SpellCheck|languagetool:(?:MORFOLOGIK|HUNSPELL).*)$")


def plain_message(
    source: str, rule: str, message: str, word: str, replacements: tuple[str, ...]
) -> str:
    """The message a writer reads for an issue over ``word`` (see the module docstring)."""
    key = f"{source}:{rule}"
    if _SPELLING_RULES.match(key):
        return spelling_message(word, replacements)
    plain = _PLAIN.get(_SAME_ERROR.get(key, ""))
    if plain and ("{fix}" not in plain or replacements):
        return plain.format(fix=replacements[0] if replacements else "")
    return tidy(message)


def only_capitals(word: str, replacements: tuple[str, ...]) -> bool:
    """True when the best suggestion for ``word`` differs from it in capitals only
    ("monday": Monday): a capitalisation issue, not a spelling one."""
    return (
        bool(replacements)
        and replacements[0] != word
        and (replacements[0].casefold() == word.casefold())
    )


def spelling_message(word: str, replacements: tuple[str, ...]) -> str:
    if only_capitals(word, replacements):
        return f"“{replacements[0]}” is written with a capital letter."
    if not replacements:
        return f"Possible spelling mistake: “{word}” is not in the dictionary."
    shown = " or ".join(f"“{r}”" for r in replacements[:2])
    return f"Possible spelling mistake: did you mean {shown}?"


def tidy(message: str) -> str:
    """An engine's message as a plain sentence: “quotes” instead of `backticks` or 'quotes',
    one space between words, a capital first and a full stop last."""
    text = re.sub(r"`([^`]*)`", r"“\1”", message)
    text = re.sub(r"(?<![\w’])'([^'\n]{1,40}?)'(?![\w’])", r"“\1”", text)
    text = re.sub(r'"([^"\n]{1,40}?)"', r"“\1”", text)
    text = re.sub(r"(?<!\w)‘([^’\n]{1,40}?)’(?!\w)", r"“\1”", text)
    text = " ".join(text.replace("`", "").split())
    if not text:
        return "Check this part."
    text = text[0].upper() + text[1:]
    return text if text.rstrip("”")[-1:] in (".", "?", "!") else text + "."


def best_spellings(word: str, suggestions: Iterable[str], limit: int = 5) -> tuple[str, ...]:
    """An engine's suggestions for the misspelled ``word``, best first: a known place or
    nationality it is a letter or two from ("Japen": Japan), then the suggestions one edit
    away (a letter added, dropped, changed, or two swapped), then two, then the rest, each
    group in the engine's order; capitalised like the word ("Recieve": Receive)."""
    ranked: dict[str, int] = {}
    if word[:1].isupper():
        ranked.update((name, -1) for name in near_known_names(word))
    folded = word.casefold()
    for suggestion in suggestions:
        if not suggestion or suggestion in ranked:
            continue
        if word[:1].isupper() and suggestion[:1].islower():
            suggestion = suggestion[0].upper() + suggestion[1:]
        other = suggestion.casefold()
        edits = next((n for n in (1, 2) if within_edits(folded, other, n)), 3)
        ranked.setdefault(suggestion, edits)
    return tuple(sorted(ranked, key=lambda s: ranked[s]))[:limit]
