"""Originality: a common name is no copying (issue 17, item 4), a copied sentence still is.

"the Department of Homeland Security", "U.S. Customs and Border Protection" or a bill's name
counts as one word, so a name and a few words around it never make a copied run of
:data:`~oped_studio.checks.originality.RUN` words; a fact inserted with its source is quoted.
"""

from __future__ import annotations

import pytest

from oped_studio.checks.engine import Checker, request_for_text
from oped_studio.checks.originality import PackIndex
from oped_studio.core.attribution import fact_sentence, fact_sentences
from oped_studio.core.packs import Pack, usable_packs
from oped_studio.core.paths import app_paths

PACK = [
    "MomsRising reported that the consulting firm Accenture had a contract to help U.S. "
    "Customs and Border Protection hire 5,000 more agents.",
    "Ask the U.S. Department of Homeland Security to restore the Family Case Management Program.",
    "Senators should co-sponsor the HELP Separated Children Act before the end of the year.",
    "Children held under the Flores settlement must be released within twenty days.",
    "The separations were ordered by the administration in the spring of 2018.",
]


@pytest.fixture(scope="module")
def packs() -> dict[str, Pack]:
    return usable_packs(app_paths())


@pytest.mark.parametrize(
    "letter",
    [
        "My neighbours wrote to the U.S. Department of Homeland Security last week.",
        "Nobody at U.S. Customs and Border Protection answered my call.",
        "My senator should co-sponsor the HELP Separated Children Act now.",
        "according to U.S. Customs and Border Protection, nothing changed",
        "I asked the U.S. Department of Homeland Security to explain itself.",
    ],
)
def test_a_name_and_a_few_words_around_it_are_not_copied(letter: str) -> None:
    result = PackIndex(PACK, "Test pack").check(letter)
    assert result.issues == () and result.copied_percent == 0.0


def test_a_name_the_pack_lists_is_one_word_even_in_lower_case() -> None:
    pack = ["Ask the county board of supervisors to fund the library on Sundays this year."]
    letter = "We will ask the county board of supervisors to act."
    assert PackIndex(pack).check(letter).issues != ()  # six pack words in a row
    listed = PackIndex(pack, names=["the county board of supervisors"])
    assert listed.check(letter).issues == ()


def test_a_copied_sentence_with_a_name_in_it_is_still_caught() -> None:
    index = PackIndex(PACK, "Test pack")
    letter = (
        "I was shocked. Accenture had a contract to help U.S. Customs and Border Protection "
        "hire 5,000 more agents."
    )
    [issue] = index.check(letter).issues
    assert letter[issue.start : issue.end].startswith("Accenture had a contract")
    shouted = "THE SEPARATIONS WERE ORDERED BY THE ADMINISTRATION IN THE SPRING"
    assert index.check(shouted).copied_percent == 100.0  # capitals everywhere are no name


def test_a_sentence_opening_word_does_not_join_a_name() -> None:
    # "Ask" opens the sentence: it is no part of the name after it, so the pack's sentence,
    # copied, is still seven words long and caught.
    index = PackIndex(PACK)
    letter = "I agree. Ask the U.S. Department of Homeland Security to restore the program."
    assert index.check(letter).issues != ()


def test_bundled_packs_names_alone_are_never_copied_but_their_sentences_are(packs) -> None:
    checker = Checker()
    for pack in packs.values():
        for point in pack.points:
            for name in point.who_can_act:
                letter = f"Last week my whole family wrote to {name} about it."
                report = checker.run(request_for_text(letter, pack=pack))
                assert report.originality.copied_percent == 0.0, (pack.id, name)
            for item in point.facts:
                bare = checker.run(request_for_text(f"I read this. {item.text}", pack=pack))
                if len(item.text.split()) >= 8:
                    assert bare.originality.copied_percent > 0, item.text


def test_an_inserted_fact_naming_agencies_is_quoted_not_copied(packs) -> None:
    pack = packs["family-separation"]
    item = next(
        f for p in pack.points for f in p.facts if "Customs and Border Protection" in f.text
    )
    sentence = fact_sentence(pack, item)
    assert sentence in fact_sentences(pack)
    letter = f"My brother is a border agent. {sentence} He says it changed nothing."
    report = Checker().run(request_for_text(letter, pack=pack))
    assert report.originality.copied_percent == 0.0 and not [
        i for i in report.issues if i.rule == "copied-from-pack"
    ]


@pytest.mark.parametrize(
    "text",
    ["ABC " * 25_000, "U.S. " * 25_000, "Abc of " * 25_000, "A " * 50_000, "X-Y " * 25_000],
    ids=["capitals", "initials", "name-and-joiner", "single-capitals", "hyphenated-capitals"],
)
def test_finding_names_is_linear_on_100k_characters(text: str) -> None:
    import time

    index = PackIndex(["again " * 10], "pack", names=["the county board"])
    started = time.perf_counter()
    index.check(text)  # took minutes for a run of capitals, read again from every word
    assert time.perf_counter() - started < 2.0


def test_a_long_title_case_stretch_copied_from_the_pack_is_still_copied() -> None:
    """A headline in title case is no name: copying it is copying (it scored 0%)."""
    sentence = (
        "Write to Senator Maria Cantwell and Representative Pramila Jayapal to Support the "
        "Keep Families Together Act Before the Summer Recess Ends This Year"
    )
    result = PackIndex([sentence], "Test pack").check(f"My neighbours agree. {sentence}.")
    assert result.copied_percent > 50 and result.issues != ()
