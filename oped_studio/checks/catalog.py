"""The rules a writer may switch off in Settings, with the names the app shows for them.

Keys are ``source:rule`` as stored in ``Settings.disabled_rules``; rules switched off from
the Review step ("Ignore rule") that are not in this list are shown by their key.
"""

from __future__ import annotations

SWITCHABLE_RULES: tuple[tuple[str, str], ...] = (
    ("harper:SpellCheck", "Spelling (the built-in checker)"),
    ("oped-studio:passive-voice", "Passive voice (“families were separated”)"),
    ("oped-studio:weak-adverb", "Weak adverbs (“very”, “really”)"),
    ("oped-studio:hedge-filler", "Hedges and filler (“I think”, “in my opinion”)"),
    ("oped-studio:cliche", "Clichés"),
    ("oped-studio:long-sentence", "Long sentences"),
    ("oped-studio:repeated-word", "A word typed twice (“the the”)"),
    ("oped-studio:shouting", "Shouting (capitals, “!!!”)"),
    ("oped-studio:name-calling", "Name-calling"),
)


def rule_label(key: str) -> str:
    return dict(SWITCHABLE_RULES).get(key, key)
