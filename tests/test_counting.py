"""Word counts that agree with editors' word processors."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oped_studio.core.counting import count_words, words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        ("   \n\t ", 0),
        ("One two three.", 3),
        ("Now — today", 2),
        ("Now – today - then", 3),
        ("The U.S. government", 3),
        ("don't can't won't", 3),
        ("2,342 children", 2),
        ("Send an e-mail", 3),
        ("well—known", 1),
        ("“Quoted” (words) [here]", 3),
        ("... !!! ??", 0),
        ("$5 and 10%", 3),
        ("Families 🌵 together", 3),
        ("שלום עולם", 2),
        ("café naïve Zoë", 3),
        ("line\nbreak\r\nwords", 3),
        ("zero\u200bwidth", 1),
        ("\u200b \u200d", 0),
    ],
)
def test_count_words(text: str, expected: int) -> None:
    assert count_words(text) == expected


@given(st.text())
def test_count_matches_word_list_for_any_text(text: str) -> None:
    assert count_words(text) == len(words(text))
    assert count_words(text + " " + text) == 2 * count_words(text)


@pytest.mark.parametrize(
    "space", ["\u00a0", "\u2028", "\u3000", "\x1c", "\x85", "\u2009", "\t\r\n\v\f"]
)
def test_any_unicode_space_separates_words(space: str) -> None:
    assert count_words(f"one{space}two{space}—{space}three") == 3
    assert count_words(f"{space}—{space}") == 0


def test_underscores_and_marks_alone_are_not_words() -> None:
    assert count_words("___ \u0301 a_b") == 1
