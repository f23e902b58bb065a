"""The rule-based checks: style, our grammar rules, readability, originality, length, outlets."""

from __future__ import annotations

from datetime import date

import pytest

from oped_studio.checks.grammar_rules import check_grammar_rules
from oped_studio.checks.issue import CATEGORIES, Issue
from oped_studio.checks.length import check_length, section_budgets
from oped_studio.checks.originality import PackIndex
from oped_studio.checks.outlet_rules import check_outlet_rules, days_left
from oped_studio.checks.readability import hard_sentences, measure, syllables
from oped_studio.checks.style import check_style
from oped_studio.core.counting import paragraph_spans, sentence_spans, text_counts
from oped_studio.core.draft import Article, Author, Draft
from oped_studio.core.outlets import load_directory
from oped_studio.core.paths import app_paths
from oped_studio.core.structures import bundled_structures


def rules_of(issues: list[Issue]) -> list[str]:
    return [i.rule for i in issues]


def flagged(text: str, issues: list[Issue], rule: str) -> list[str]:
    return [text[i.start : i.end] for i in issues if i.rule == rule]


# -- counting --------------------------------------------------------------------------------


def test_sentences_respect_abbreviations_and_initials() -> None:
    text = (
        'Sen. Tina Smith (D-Minn.) wrote it. The U.S. Attorney, John C. Anderson, said "no." '
        "It was 11 a.m. on Monday. Really? Yes!\n\nA new paragraph"
    )
    sentences = [text[s:e] for s, e in sentence_spans(text)]
    assert sentences == [
        "Sen. Tina Smith (D-Minn.) wrote it.",
        'The U.S. Attorney, John C. Anderson, said "no."',
        "It was 11 a.m. on Monday.",
        "Really?",
        "Yes!",
        "A new paragraph",
    ]
    assert len(paragraph_spans(text)) == 2


def test_text_counts() -> None:
    counts = text_counts("One two.\n\nThree — four!")
    assert (counts.words, counts.sentences, counts.paragraphs) == (4, 2, 2)
    assert counts.characters == len("One two.Three — four!")
    assert counts.characters_no_spaces == len("Onetwo.Three—four!")
    blank = text_counts("   \n ")
    assert (blank.words, blank.sentences, blank.paragraphs, blank.characters_no_spaces) == (0,) * 4


# -- style -----------------------------------------------------------------------------------

STYLE_CASES = [
    ("passive-voice", "Families were separated at the border.", "were separated"),
    ("passive-voice", "The decision was made in secret.", "was made"),
    ("weak-adverb", "This is really unfair.", "really"),
    ("hedge-filler", "I think the council is wrong.", "I think"),
    ("hedge-filler", "We met in order to plan.", "in order to"),
    ("hedge-filler", "It is kind of unfair.", "kind of"),
    ("cliche", "At the end of the day, we pay.", "At the end of the day"),
    ("long-sentence", " ".join(["word"] * 40) + ".", None),
    ("repeated-word", "The budget is late. The budget is short. The budget is wrong.", "budget"),
    ("doubled-word", "This is the the best plan.", " the"),
    ("shouting", "The council MUST ACT NOW on this.", "MUST ACT NOW"),
    ("shouting", "Stop this!!!", "!!!"),
    ("shouting", "No! Never! Not again! Stop.", "!"),
    ("name-calling", "The councilmen are idiots.", "idiots"),
]


@pytest.mark.parametrize(("rule", "text", "span"), STYLE_CASES)
def test_style_rule_fires(rule: str, text: str, span: str | None) -> None:
    issues = check_style(text)
    spans = flagged(text, issues, rule)
    assert spans, rules_of(issues)
    if span is not None:
        assert span in spans
    for issue in issues:
        assert issue.category in CATEGORIES and issue.source == "oped-studio"


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        ("passive-voice", "I am worried about the vote."),
        ("passive-voice", "The family is united."),
        ("hedge-filler", "This kind of project needs money."),
        ("hedge-filler", "It is rather than nothing."),
        ("shouting", "The EPA and FEMA and the ACLU agree."),
        ("shouting", "I disagree!"),
        ("long-sentence", "A short sentence."),
        ("doubled-word", "What it had had was a plan."),
        ("name-calling", "The policy is cruel and wrong."),
    ],
)
def test_style_rule_stays_quiet(rule: str, text: str) -> None:
    assert rule not in rules_of(check_style(text))


def test_style_rules_can_be_switched_off() -> None:
    text = "Families were separated. This is really wrong."
    issues = check_style(text, disabled=frozenset({"passive-voice"}))
    assert "passive-voice" not in rules_of(issues)
    assert "weak-adverb" in rules_of(issues)


# -- our grammar rules ------------------------------------------------------------------------

GRAMMAR_CASES = [
    ("its-contraction", "Its a shame.", "It's"),
    ("its-possessive", "The city has it's own plan.", "its"),
    ("then-than", "It costs more then that.", "more than"),
    ("then-than-after-noun", "We need more buses then cars.", "more buses than"),
    ("your-youre", "Your welcome to come.", "You're"),
    ("subject-verb-dont", "He don't know.", "He doesn't"),
    ("subject-verb-was", "They was late.", "They were"),
    ("to-too", "We waited for to long.", "for too "),
    ("irregular-plural-verb", "The children was cold.", "children were"),
    ("irregular-plural-verb", "Our people has spoken.", "people have"),
    ("modal-to", "You could to ask the clerk.", "could "),
    ("modal-verb-s", "The mayor can fixes it. It doesn't costs much.", "can fix"),
    ("there-is-plural", "There is several empty shops downtown.", "There are "),
    ("one-of-are", "One of the parks are closed.", "One of the parks is"),
    ("singular-noun-base-verb", "My neighbor work nights.", "My neighbor works"),
    ("singular-noun-base-verb", "Each company pay its own fees.", "Each company pays"),
    ("plural-is", "The buses is late.", "The buses are"),
    ("singular-are", "The new plan are worse.", "The new plan is"),
    ("indefinite-pronoun-verb", "Everyone know it.", ""),
    ("discus-discuss", "We will discus it.", "will discuss"),
    ("except-accept", "Please except my thanks.", "Please accept"),
    ("me-and", "Me and my wife voted.", ""),
    ("could-care-less", "I could care less.", "couldn't care less"),
    ("irregardless", "Irregardless, we vote.", "Regardless"),
    ("alot", "There are alot of us.", "a lot"),
    ("less-fewer", "We have less people.", "fewer"),
]


@pytest.mark.parametrize(("rule", "text", "fix"), GRAMMAR_CASES)
def test_grammar_rule_fires_with_its_fix(rule: str, text: str, fix: str) -> None:
    issues = [i for i in check_grammar_rules(text) if i.rule == rule]
    assert issues, [i.rule for i in check_grammar_rules(text)]
    assert issues[0].replacements == ((fix,) if fix else ())


@pytest.mark.parametrize(
    "text",
    [
        "Its roof leaks.",
        "It's going well and its own staff agree.",
        "There was more to do, then we left.",
        "The news is good. The bus is late. The class is full.",
        "The people are angry. The police are here. One of those stays is paid.",
        "Separating children from their parents is wrong. Talking to the voters is hard.",
        "We went to long meetings and read less than before.",
        "Everyone knows it. Nobody wants it.",
        "Everyone except my sister came.",
        "Give it to me and my wife.",
        # The subject is a gerund or sits before a preposition: the noun is not the subject.
        "Feeding four children is expensive. Teaching the people was her job.",
        "Evening shifts at the warehouse are hard. Seats near the window are taken.",
        "Rooms for the children were ready. A shelter for women is open.",
        "The will to change is there. A can to recycle is by the door.",
        "There is one reason. One of them is fine. One of the two runs late.",
        "Does the clinic need nurses? Let the council decide. We ask that the mayor come.",
        "Our son and our daughter work nights. Please keep the school open late.",
        "Prices at the store go up every week. The teacher said it.",
        # "its" before "only" or "very", or after a preposition, owns something.
        "The county closed its only clinic. It fought for its very survival.",
        "The town took its time. The car pulled to its right. It hit its all-time high.",
        # "what the town loses is": "loses" is a verb, and the subject is "what".
        "What the town loses is much larger. What the city needs is better transit.",
        # A modal ending a clause, an amount, a noun before a noun: all correct.
        "We did all we could to help. Do what you can to keep it open. She will to the end.",
        "One of the reasons cities are growing is jobs. There was ten dollars left.",
        "There is many a reason to vote. The city work crews fixed it.",
        "The school help desk is closed. The family cost of care rose.",
    ],
)
def test_grammar_rules_stay_quiet_on_correct_text(text: str) -> None:
    assert list(check_grammar_rules(text)) == []


def test_grammar_rule_messages_are_plain_sentences() -> None:
    text = (
        "Its a shame. The plan is more costly then before. He don't know. They was here. "
        "The children was cold. The new plan are worse. Everyone know it. I want less people."
    )
    issues = list(check_grammar_rules(text))
    assert len(issues) >= 8
    for issue in issues:
        assert "'" not in issue.message.replace("'s", "").replace("n't", "").replace("'r", "")
        assert issue.message[0].isupper() and issue.message.rstrip("”)")[-1] in ".?!"


# -- readability -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("the", 1),
        ("cat", 1),
        ("table", 2),
        ("make", 1),
        ("walked", 1),
        ("wanted", 2),
        ("media", 3),
        ("families", 3),
        ("government", 3),
        ("separated", 4),
        ("beautiful", 3),
    ],
)
def test_syllables(word: str, count: int) -> None:
    assert syllables(word) == count


def test_flesch_scores_order_easy_and_hard_text() -> None:
    easy = measure("The cat sat on the mat. The dog ran to the park.")
    hard = measure(
        "Institutional accountability necessitates comprehensive administrative "
        "documentation regarding intergovernmental immigration enforcement."
    )
    assert easy.flesch_reading_ease > 90 and easy.grade < 3
    assert hard.flesch_reading_ease < 10 and hard.grade > 16
    empty = measure("")
    assert (empty.flesch_reading_ease, empty.grade) == (0.0, 0.0)


def test_hard_sentences_are_marked() -> None:
    text = (
        "Comprehensive intergovernmental documentation regarding administrative accountability "
        "necessitates institutional collaboration among jurisdictions nationwide. "
        "The cat sat on the mat."
    )
    [issue] = hard_sentences(text)
    assert text[issue.start : issue.end].startswith("Comprehensive")
    assert issue.category == "readability"


# -- originality -----------------------------------------------------------------------------


def test_copied_runs_are_marked_and_counted() -> None:
    pack = ["Families in the program attended their court hearings 99 percent of the time."]
    index = PackIndex(pack, "Test pack")
    own = index.check("I was moved. Families in the program attended their court hearings.")
    assert own.copied_percent == pytest.approx(100 * 8 / 11, abs=0.1)
    [issue] = own.issues
    assert issue.category == "originality" and "“Test pack”" in issue.message
    assert index.check("Families attended 99 percent of the time.").copied_percent == 0.0
    assert index.check("").copied_percent == 0.0


def test_copy_detection_ignores_case_and_apostrophes() -> None:
    index = PackIndex(["It's the children who pay the price for this."])
    assert index.check("IT’S THE CHILDREN WHO PAY THE PRICE").copied_percent == 100.0


# -- length ----------------------------------------------------------------------------------


def test_over_the_word_limit_marks_the_extra_words() -> None:
    nyt = load_directory(app_paths()).get("nyt")
    text = " ".join(f"w{i}" for i in range(160))
    limit, [issue] = check_length(text, "lte", nyt)
    assert (limit.max_words, limit.words, limit.remaining) == (150, 160, -10)
    assert text[issue.start : issue.end].split() == [f"w{i}" for i in range(150, 160)]
    assert "10 words over The New York Times's 150-word limit" in issue.message
    limit, issues = check_length("Short.", "lte", nyt)
    assert limit.remaining == 149 and issues == []


def test_character_limit_and_no_outlet() -> None:
    newsday = load_directory(app_paths()).get("newsday")
    limit, [issue] = check_length("x" * 5100, "lte", newsday)
    assert limit.max_characters == 5000 and limit.remaining == -100
    assert issue.rule == "over-character-limit"
    limit, issues = check_length("Anything.", "lte", None)
    assert limit.remaining is None and issues == []


def test_counted_part_excludes_the_signature() -> None:
    nyt = load_directory(app_paths()).get("nyt")
    text = " ".join(["word"] * 150) + "\n\nZoë Müller, Springfield"
    limit, issues = check_length(text, "lte", nyt, counted_end=text.index("\n\n"))
    assert limit.words == 150 and issues == []


def test_section_budgets() -> None:
    structure = bundled_structures()["letter-response"]
    budgets, [issue] = section_budgets(
        structure, {"hook": 60, "point": 10}, 150, {"hook": (0, 10), "point": (12, 20)}
    )
    hook = next(b for b in budgets if b.section == "hook")
    assert hook.budget == round(0.15 * 150) and hook.words == 60
    assert issue.rule == "section-over-budget" and (issue.start, issue.end) == (0, 10)
    budgets, issues = section_budgets(structure, {"hook": 60}, None, {})
    assert all(b.budget is None for b in budgets) and issues == []


# -- outlet rules ----------------------------------------------------------------------------


def test_outlet_rules_for_the_new_york_times() -> None:
    nyt = load_directory(app_paths()).get("nyt")
    draft = Draft(
        outlet_id="nyt",
        article=Article(headline="X", date=date(2018, 6, 20)),
        author=Author(name="Zoë Müller"),
    )
    issues = check_outlet_rules(draft, nyt, today=date(2018, 6, 23))
    rules = rules_of(issues)
    assert "missing-address" in rules and "missing-phone" in rules
    assert "missing-name" not in rules
    assert "days-left" in rules and "4 days left" in issues[rules.index("days-left")].message
    assert "exclusive" in rules and "paste-as-text" in rules
    send = issues[rules.index("send-to")].message
    assert send == "Send it to The New York Times by email to letters@nytimes.com."
    assert all(i.start == i.end == 0 and i.category == "outlet" for i in issues)
    late = check_outlet_rules(draft, nyt, today=date(2018, 7, 1))
    assert "too-late" in rules_of(late)
    assert days_left(draft, nyt, today=date(2018, 7, 1)) == -4
    assert days_left(Draft(), nyt) is None
