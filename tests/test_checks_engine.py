"""Harper, the check engine, the personal dictionary, settings, the corpora, and 'check'."""

from __future__ import annotations

import json
import socket
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oped_studio.checks.dictionary import PersonalDictionary
from oped_studio.checks.engine import Checker, request_for_draft, request_for_text
from oped_studio.checks.harper_engine import QUIET_RULES, HarperEngine
from oped_studio.checks.issue import CATEGORIES
from oped_studio.cli import main
from oped_studio.core.draft import Author, Draft
from oped_studio.core.errors import OpedError, SaveError
from oped_studio.core.outlets import load_directory
from oped_studio.core.packs import usable_packs
from oped_studio.core.paths import app_paths
from oped_studio.core.settings import Settings, load_settings, save_settings
from oped_studio.core.storage import save_draft
from tests.helpers import FIXTURES, NetworkBlocked

DATA = Path(__file__).parent / "data"
LANGUAGE = {"spelling", "grammar", "word-choice", "punctuation", "capitalization"}


def correct_letters() -> list[Path]:
    return sorted((DATA / "correct").glob("*.txt"))


def error_sentences() -> list[tuple[str, str]]:
    rows = []
    for line in (DATA / "errors.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            sentence, wrong = line.split("\t")
            rows.append((sentence, wrong))
    return rows


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker()


# -- quality ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", correct_letters(), ids=lambda p: p.name)
def test_correct_letters_raise_no_spelling_or_grammar_issue(checker: Checker, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    report = checker.run(request_for_text(text))
    bad = [(i.rule, text[i.start : i.end]) for i in report.issues if i.category in LANGUAGE]
    assert bad == []


@pytest.mark.parametrize(("sentence", "wrong"), error_sentences())
def test_known_errors_are_caught(checker: Checker, sentence: str, wrong: str) -> None:
    start = sentence.index(wrong)
    end = start + len(wrong)
    report = checker.run(request_for_text(sentence))
    hits = [i for i in report.issues if i.category in LANGUAGE and i.start < end and start < i.end]
    assert hits, [(i.rule, sentence[i.start : i.end]) for i in report.issues]


def test_better_than_harper_alone_on_both_corpora(checker: Checker) -> None:
    """More errors caught and fewer false alarms than Harper with its default rules."""
    from harper import Language, Linter

    plain = Linter()

    def harper_flags(text: str) -> list[tuple[int, int]]:
        return [(x.span.start, x.span.end) for x in plain.lint(text, language=Language.PLAINTEXT)]

    harper_false = ours_false = 0
    for path in correct_letters():
        text = path.read_text(encoding="utf-8")
        harper_false += len(harper_flags(text))
        ours_false += sum(
            1 for i in checker.run(request_for_text(text)).issues if i.category in LANGUAGE
        )
    harper_caught = ours_caught = 0
    for sentence, wrong in error_sentences():
        start, end = sentence.index(wrong), sentence.index(wrong) + len(wrong)
        harper_caught += any(s < end and start < e for s, e in harper_flags(sentence))
        ours_caught += any(
            i.category in LANGUAGE and i.start < end and start < i.end
            for i in checker.run(request_for_text(sentence)).issues
        )
    assert ours_caught > harper_caught
    assert ours_false < harper_false
    print(
        f"caught: ours {ours_caught}, Harper {harper_caught}; "
        f"false alarms: ours {ours_false}, Harper {harper_false}"
    )


# -- Harper adapter ---------------------------------------------------------------------------


def test_harper_is_built_lazily_and_once() -> None:
    engine = HarperEngine()
    assert not engine.started
    engine.check("A tiny text.")
    assert engine.started
    first = engine._linter
    engine.start()
    assert engine._linter is first


def test_harper_filters_names_acronyms_and_allowed_words() -> None:
    engine = HarperEngine.shared()
    text = (
        "Secretary Kirstjen Nielsen met ORR staff and the AGs. John C. Anderson and Sen. "
        "Kamala Harris wrote to @SecNielsen about #FamiliesBelongTogether at example.org. "
        "My friend Xochitl agreed. Teh plan failed."
    )
    issues = engine.check(text, allowed_words=["Xochitl"])
    spelled = [text[i.start : i.end] for i in issues if i.category == "spelling"]
    assert spelled == ["Teh"]
    assert all(i.category in CATEGORIES and i.source == "harper" for i in issues)


def test_harper_quiet_and_disabled_rules() -> None:
    engine = HarperEngine.shared()
    text = "We need a smarter, more effective and more humane approach. It was recieved."
    assert not any(i.rule in QUIET_RULES for i in engine.check(text))
    assert any(i.rule == "SpellCheck" for i in engine.check(text))
    assert not any(
        i.rule == "SpellCheck" for i in engine.check(text, disabled_rules=frozenset({"SpellCheck"}))
    )
    assert any(i.rule == "SpellCheck" for i in engine.check(text)), "switch is per call"


def test_harper_is_safe_from_several_threads() -> None:
    engine = HarperEngine.shared()
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for _ in range(5):
                engine.check("Their is a problem with teh plan.")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


# -- engine ----------------------------------------------------------------------------------


def test_draft_request_orders_sections_and_excludes_the_signature(sample_draft: Draft) -> None:
    request = request_for_draft(sample_draft, outlet=load_directory(app_paths()).get("nyt"))
    assert request.text.startswith("Your June 20 article")
    assert request.text.endswith("Zoë Müller, Springfield")
    assert request.counted_end == request.text.index("\n\nZoë Müller")
    for span in request.sections:
        assert request.text[span.start : span.end] == sample_draft.sections[span.id].strip()


def test_report_json_has_the_documented_shape(checker: Checker, sample_draft: Draft) -> None:
    pack = usable_packs(app_paths())["family-separation"]
    report = checker.run(
        request_for_draft(sample_draft, outlet=load_directory(app_paths()).get("nyt"), pack=pack)
    )
    data = report.to_json()
    for key in (
        "words",
        "characters",
        "sentences",
        "limit",
        "readability",
        "originality",
        "issues",
    ):
        assert key in data
    assert set(data["limit"]) >= {"outlet", "max_words", "remaining"}
    assert set(data["readability"]) == {"flesch_reading_ease", "grade"}
    assert set(data["originality"]) == {"copied_percent"}
    assert data["limit"]["outlet"] == "nyt" and data["limit"]["max_words"] == 150
    for issue in data["issues"]:
        assert set(issue) == {
            "start",
            "end",
            "category",
            "rule",
            "message",
            "replacements",
            "source",
        }
        assert issue["category"] in CATEGORIES
    json.dumps(data)
    assert (
        "Müller"
        not in [  # the author's name is never a misspelling
            sample_draft.sections["signature"][i["start"] : i["end"]] for i in data["issues"]
        ]
    )


def test_copied_pack_text_is_reported(checker: Checker) -> None:
    pack = usable_packs(app_paths())["family-separation"]
    fact = pack.points[0].facts[0].text
    report = checker.run(request_for_text(f"I am upset. {fact}", pack=pack))
    assert report.originality.copied_percent > 70
    assert any(i.rule == "copied-from-pack" for i in report.issues)


def test_settings_switch_rules_off(sample_draft: Draft) -> None:
    text = "Families were separated. The plan was recieved badly."
    on = Checker().run(request_for_text(text))
    off = Checker(Settings(disabled_rules=["oped-studio:passive-voice", "harper:SpellCheck"])).run(
        request_for_text(text)
    )
    assert {"passive-voice", "SpellCheck"} <= {i.rule for i in on.issues}
    assert not {"passive-voice", "SpellCheck"} & {i.rule for i in off.issues}


def test_what_the_writer_ignored_in_a_letter_is_left_out_of_its_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = Draft(sections={"hook": "Families were separated. The plan was recieved badly."})
    on = Checker().run(request_for_draft(draft))
    assert {"passive-voice", "SpellCheck"} <= {i.rule for i in on.issues}
    draft.ignore_rule("oped-studio", "passive-voice")
    draft.ignore_issue("harper", "SpellCheck", "recieved")
    off = Checker().run(request_for_draft(draft))
    assert not {"passive-voice", "SpellCheck"} & {i.rule for i in off.issues}
    draft.sections["hook"] += " It was recieved, and the goverment plan was recieved."
    again = Checker().run(request_for_draft(draft))
    text = request_for_draft(draft).text
    misspelt = [text[i.start : i.end] for i in again.issues if i.category == "spelling"]
    assert misspelt == ["goverment"], "the same word anywhere stays ignored; another is not"
    path = tmp_path / "ignored.oped"
    save_draft(draft, path)
    assert main(["check", str(path), "--format", "json"]) == 0
    rules = {i["rule"] for i in json.loads(capsys.readouterr().out)["issues"]}
    assert "passive-voice" not in rules, "the command line honours the letter's choices too"


def test_personal_dictionary_words_are_never_flagged() -> None:
    text = "My neighbor Teodora said the zoning plan is glorptastic."
    assert any(i.rule == "SpellCheck" for i in Checker().run(request_for_text(text)).issues)
    dictionary = PersonalDictionary(app_paths())
    dictionary.add("glorptastic")
    report = Checker(dictionary=dictionary).run(request_for_text(text))
    assert not any(i.rule == "SpellCheck" for i in report.issues)


def test_empty_and_odd_text_never_break_the_checks(checker: Checker) -> None:
    # Control and format characters alone are no word; an emoji run and a long run are one.
    expected = {"": 0, "   ": 0, "\x00\x01\ufeff": 0, "🌵" * 50: 1, "שלום עולם. مرحبا!": 3}
    expected["a" * 5000] = 1
    for text, words in expected.items():
        report = checker.run(request_for_text(text))
        assert report.counts.words == words, repr(text[:20])


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=400))
def test_any_text_gives_issues_inside_it(checker: Checker, text: str) -> None:
    report = checker.run(request_for_text(text, outlet=load_directory(app_paths()).get("nyt")))
    for issue in report.issues:
        assert 0 <= issue.start <= issue.end <= len(text)


def test_a_one_megabyte_paste(checker: Checker) -> None:
    text = ("The council voted to cut the evening buses, and riders are angry. " * 16_000)[
        :1_000_000
    ]
    report = checker.run(request_for_text(text, outlet=load_directory(app_paths()).get("nyt")))
    assert report.counts.words > 150_000
    assert any(i.rule == "over-word-limit" for i in report.issues)


# -- offline ---------------------------------------------------------------------------------


def test_the_suite_really_is_offline() -> None:
    with pytest.raises(NetworkBlocked):
        socket.create_connection(("192.0.2.1", 80), timeout=1)


def test_every_offline_check_runs_with_the_network_blocked(sample_draft: Draft) -> None:
    pack = usable_packs(app_paths())["family-separation"]
    report = Checker().run(
        request_for_draft(sample_draft, outlet=load_directory(app_paths()).get("nyt"), pack=pack)
    )
    assert report.grammar_engine == "harper" and report.notices == []
    assert report.readability.grade > 0 and report.originality is not None


def test_languagetool_server_elsewhere_falls_back_at_once() -> None:
    checker = Checker(
        Settings(grammar_engine="languagetool-server", languagetool_url="http://192.0.2.1:8081/")
    )
    first = checker.run(request_for_text("The plan was recieved."))
    assert first.grammar_engine == "harper"
    assert len(first.notices) == 1 and "LanguageTool is not available" in first.notices[0]
    assert any(i.rule == "SpellCheck" for i in first.issues)
    second = checker.run(request_for_text("The plan was recieved again."))
    assert second.notices == [], "said once"


# -- personal dictionary and settings --------------------------------------------------------


def test_personal_dictionary_file() -> None:
    words = PersonalDictionary(app_paths())
    assert words.words() == []
    words.add("Xochitl")
    words.add("xochitl")
    words.add("Zoë")
    assert words.words() == ["Xochitl", "Zoë"]
    assert app_paths().dictionary_file.read_text(encoding="utf-8") == "Xochitl\nZoë\n"
    assert words.remove("XOCHITL") and not words.remove("nothing")
    for bad in ("two words", "", "x" * 100):
        with pytest.raises(OpedError):
            words.add(bad)
    app_paths().dictionary_file.write_bytes(b"caf\xe9\n# a comment\nok\n")
    assert words.words() == ["caf\ufffd", "ok"]


def test_dictionary_on_a_full_disk_keeps_the_old_file(monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from oped_studio.core import atomic

    words = PersonalDictionary(app_paths())
    words.add("first")

    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", full)
    with pytest.raises(SaveError, match="disk is full"):
        words.add("second")
    assert words.words() == ["first"]


def test_settings_round_trip_and_damage() -> None:
    assert load_settings(app_paths()) == Settings()
    saved = Settings(
        grammar_engine="languagetool-server",
        languagetool_url="http://127.0.0.1:8081/",
        disabled_rules=["harper:SpellCheck"],
        theme="dark",
        text_size=14,
    )
    save_settings(saved, app_paths())
    assert load_settings(app_paths()) == saved
    app_paths().settings_file.write_text(
        '{"grammar_engine": "magic", "text_size": "big", "theme": 3}'
    )
    cleaned = load_settings(app_paths())
    assert (cleaned.grammar_engine, cleaned.text_size, cleaned.theme) == ("harper", 11, "light")
    app_paths().settings_file.write_text("{broken")
    assert load_settings(app_paths()) == Settings()
    assert app_paths().settings_file.with_name("settings.json.damaged").exists()


# -- CLI ---------------------------------------------------------------------------------------


def test_cli_check_text_and_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text("Their is no reason for this. The council MUST ACT.\n", encoding="utf-8")
    assert main(["check", str(letter), "--outlet", "nyt"]) == 0
    out = capsys.readouterr().out
    assert "letter.txt: 10 words (The New York Times: at most 150, 140 left)" in out
    assert "harper:" in out and "shouting" in out
    assert main(["check", str(letter), "--format", "json", "--pack", "family-separation"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["words"] == 10 and data["originality"]["copied_percent"] == 0.0
    assert data["limit"] == {
        "outlet": None,
        "max_words": None,
        "max_characters": None,
        "counted_words": 10,
        "remaining": None,
    }


def test_cli_check_a_draft(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(FIXTURES / "drafts" / "format-1.oped"), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["limit"]["outlet"] == "nyt" and data["words"] == 31  # the signature: not
    assert data["words_with_signature"] == 34
    assert {s["id"] for s in data["sections"]} >= {"hook", "signature"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "does not exist"),
        ("folder", "is a folder"),
        (b"\x89PNG\r\n\x00\x00binary", "is a binary file"),
        (b"caf\xe9 au lait", "is not UTF-8"),
    ],
)
def test_cli_check_bad_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: object, message: str
) -> None:
    path = tmp_path / "input.txt"
    if content == "folder":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_cli_check_bad_options(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    letter = tmp_path / "l.txt"
    letter.write_text("Hello.", encoding="utf-8")
    assert main(["check", str(letter), "--outlet", "nope"]) == 2
    assert "no outlet" in capsys.readouterr().err
    assert main(["check", str(letter), "--pack", "nope"]) == 2
    assert "no usable pack" in capsys.readouterr().err
    broken = tmp_path / "broken.oped"
    broken.write_text("{", encoding="utf-8")
    assert main(["check", str(broken)]) == 2
    assert "Cannot open" in capsys.readouterr().err


def test_cli_check_kind_override(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    draft = Draft(sections={"hook": "Hello there."}, author=Author(name="A"))
    path = tmp_path / "d.oped"
    save_draft(draft, path)
    assert main(["check", str(path), "--kind", "oped", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["words"] == 2


# -- learner English: what Harper alone catches, without its false alarms ------------------


def _found(checker: Checker, text: str) -> list[tuple[str, str]]:
    report = checker.run(request_for_text(text))
    return [(i.rule, text[i.start : i.end]) for i in report.issues if i.category in LANGUAGE]


@pytest.mark.parametrize(
    ("text", "word", "first"),
    [
        ("Our cousins flew home to Germeny in June.", "Germeny", "Germany"),
        ("She teaches Portugese at the community center.", "Portugese", "Portuguese"),
        ("The Carribean storms closed the port.", "Carribean", "Caribbean"),
        ("We rode the bus from Pittsburg to Chicagoo last fall.", "Chicagoo", "Chicago"),
        ("Tomorow I start my new job.", "Tomorow", "Tomorrow"),
    ],
)
def test_misspelled_places_and_nationalities_are_not_taken_for_names(
    checker: Checker, text: str, word: str, first: str
) -> None:
    issues = [i for i in checker.run(request_for_text(text)).issues if i.category == "spelling"]
    found = [i for i in issues if text[i.start : i.end] == word]
    assert found, f"{word} was let through as a name"
    assert found[0].replacements[0] == first


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Wojciechowski coaches the soccer team.",
        "Dr. Oyelowo-Adebayo spoke to the council.",
        "Our pastor, Chidinma Eze, leads the choir.",
        "The Bahamas has warm water all year.",
        "Whom should we thank for the new benches?",
        "The weather was nice.",
        "Our flight was cancelled twice.",
        # Found in real letters (review of issue 17): initials do not end a sentence, "whom"
        # after a preposition is right, nothing is missing in "they are different groups",
        # a camel-case group or a Spanish word is no misspelling, newsroom words are words.
        "Last year, Washington, D.C. passed the same law. The I.R.S. in Kansas City agreed.",
        "Trips to the E.R. at County General take hours. P.G. residents have a plan.",
        "She raised five children, all of whom went to college, some of whom were born here.",
        "They are different groups. Our schools are different places now.",
        "MomsRising reported it. He will explain it in English and en español.",
        "The flyer says one thing. Circle back to your lede.",
        "Sign up at monday.com or write to june.smith@example.com today.",
        "Our asks:\n1. the library stays open\n2. the budget is published",
    ],
)
def test_real_names_and_correct_sentences_stay_quiet(checker: Checker, text: str) -> None:
    assert _found(checker, text) == []


def test_sentence_and_proper_noun_capitals(checker: Checker) -> None:
    text = "our bus is late again. it comes at 7 a.m. on weekdays. we speak spanish on sunday."
    found = _found(checker, text)
    assert ("sentence-capital", "our") in found
    assert ("sentence-capital", "it") in found
    assert ("sentence-capital", "we") in found
    assert ("sentence-capital", "on") not in found, "after a.m. the sentence goes on"
    issues = checker.run(request_for_text(text)).issues
    for word in ("spanish", "sunday"):  # Harper or our own rule: a capital, not a spelling
        issue = next(i for i in issues if text[i.start : i.end] == word)
        assert issue.category == "capitalization"
        assert issue.message == f"“{word.title()}” is written with a capital letter."
    assert ("proper-noun-capital", "french") in _found(checker, "I am learning french now.")
    quiet = (
        "Look at www.city.gov for times, e.g. the late bus. iPads work too. We ate french fries."
    )
    assert _found(checker, quiet) == []


def test_messages_are_plain_sentences_with_the_best_suggestion_first(checker: Checker) -> None:
    text = "I hope to recieve a reply. He have a apple. The team goed home."
    issues = checker.run(request_for_text(text)).issues
    spelling = next(i for i in issues if text[i.start : i.end] == "recieve")
    assert spelling.replacements[0] == "receive"
    assert spelling.message.startswith("Possible spelling mistake: did you mean “receive”")
    for issue in issues:
        assert "`" not in issue.message and issue.message[0].isupper(), issue.message
        assert issue.message.rstrip("”")[-1] in ".?!", issue.message
    article = next(i for i in issues if i.rule == "AnA")
    assert "article" not in article.message and "“an”" in article.message


def test_names_and_foreign_words_let_through_keep_engine_phrases(checker: Checker) -> None:
    """The filter that lets "español" and "MomsRising" through judges words, not a phrase an
    engine flags as spelling ("to loose"), which holds a space."""
    text = "I want to loose some weight, Tomás."
    found = _found(checker, text)
    assert any("loose" in word for _, word in found), found


def test_harper_messages_in_plain_words(checker: Checker) -> None:
    """Harper's "Use the base form of the verb", "irregular form" and "the noun for
    atmospheric conditions" read as plain sentences, as our own rules do."""
    text = "I did not went there. They builded it. The whether is nice. We vote in may."
    messages = {
        text[i.start : i.end]: i.message for i in checker.run(request_for_text(text)).issues
    }
    assert messages["went"] == "After “did”, write “go”."
    assert messages["builded"] == "The past form of this verb is “built”."
    assert messages["The whether"] == "Did you mean “The weather”?"
    assert messages["may"] == "“May” is written with a capital letter."
