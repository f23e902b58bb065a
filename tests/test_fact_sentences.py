"""A pack's fact as a sentence a paper would print, and the originality check reading it as
quoted with its source, not copied (without letting a copied paragraph through)."""

from __future__ import annotations

import re

import pytest

from oped_studio.checks.engine import Checker, request_for_text
from oped_studio.checks.originality import QUOTED_FACTS
from oped_studio.core.attribution import fact_sentence, fact_sentences, source_name
from oped_studio.core.packs import Fact, Pack, human_date, usable_packs
from oped_studio.core.paths import app_paths


@pytest.fixture(scope="module")
def packs() -> dict[str, Pack]:
    return usable_packs(app_paths())


def fact(pack: Pack, starts: str) -> Fact:
    return next(f for p in pack.points for f in p.facts if f.text.startswith(starts))


def test_a_fact_is_attributed_in_the_sentence(packs) -> None:
    pack = packs["family-separation"]
    assert fact_sentence(pack, fact(pack, "Children sometimes")) == (
        "According to MomsRising (2018), children sometimes had to face an immigration judge "
        "alone, with no lawyer."
    )
    # The source's own remarks in its publisher field are left out.
    assert fact_sentence(pack, fact(pack, "Children sometimes")).startswith(
        "According to MomsRising (2018), children sometimes"
    )
    assert source_name(pack.source("help-kids-guide")) == "an online magazine"


def test_a_fact_naming_its_source_is_dated_there_and_names_keep_their_capitals(packs) -> None:
    pack = packs["family-separation"]
    assert fact_sentence(pack, fact(pack, "MomsRising pointed out")).startswith(
        "MomsRising (2018) pointed out that no statute"
    )
    assert fact_sentence(pack, fact(pack, "Sen. Smith named")) == (
        "Sen. Smith (2018) named the Keep Families Together Act alongside her own bill."
    )
    assert fact_sentence(pack, fact(pack, "When 21 Democratic")) == (
        "When 21 Democratic attorneys general wrote to the administration, TIME (2018) "
        "reported, about 2,000 children had been taken from a parent since early April."
    ), "a fact naming its source is dated there, and gets no second “according to”"
    democratic = fact_sentence(pack, fact(pack, "In an open letter"))
    assert democratic.startswith("According to TIME (2018), in an open letter led by New Mexico")
    library = packs["pacific-grove-library"]
    assert fact_sentence(library, fact(library, "Measure J")).startswith("Measure J, on the")
    assert fact_sentence(library, fact(library, "Preparing for the cut")).endswith(
        "on March 3, 2008, according to Pacific Grove Library (February 21, 2008)."
    )


def test_a_fact_sentence_adds_only_the_source_and_its_date(packs) -> None:
    """Nothing invented: the fact's own words in their order, and besides them only the
    source's name, its date and the words that attribute."""

    def words(text: str) -> list[str]:
        return re.findall(r"[\w'’$.,-]+", text.lower().replace(",", " ").replace(".", " "))

    for pack in packs.values():
        for point in pack.points:
            for item in point.facts:
                sentence = fact_sentence(pack, item)
                source = pack.source(item.source)
                allowed = set(words(f"{source_name(source)} {human_date(source.date)}"))
                allowed |= {"according", "to", "reported", "that"}
                added = list(words(sentence))
                for word in words(item.text):
                    added.remove(word)
                assert set(added) <= allowed, sentence


def check(text: str, pack: Pack):
    return Checker().run(request_for_text(text, pack=pack)).originality


def test_an_inserted_fact_is_not_copied_but_the_bare_fact_is(packs) -> None:
    pack = packs["family-separation"]
    item = pack.points[0].facts[0]
    own = "My daughter is six, and I cannot imagine her alone in a shelter. "
    quoted = check(own + fact_sentence(pack, item), pack)
    assert quoted.copied_percent == 0.0 and quoted.issues == ()
    bare = check(own + item.text, pack)
    assert bare.copied_percent > 50 and len(bare.issues) == 1


def test_no_hole_for_a_copied_paragraph(packs) -> None:
    pack = packs["family-separation"]
    point = pack.points[0]
    sentences = fact_sentences(pack)
    # A pack paragraph around an attributed fact is still copied, word for word.
    text = f"{sentences[0]} {point.explanation}"
    result = check(text, pack)
    [issue] = result.issues
    assert text[issue.start : issue.end] == point.explanation.rstrip(".")
    # "According to ..." in front of any pack text is no pass.
    dressed = f"According to TIME (2018), {point.explanation}"
    assert check(dressed, pack).copied_percent > 80
    # A string of the pack's facts reads like a form letter, however each is attributed.
    string = " ".join(sentences[: QUOTED_FACTS + 1])
    [extra] = check(string, pack).issues
    assert string.index(sentences[QUOTED_FACTS]) < extra.start and extra.end == len(string) - 1
