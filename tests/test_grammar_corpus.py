"""The grammar corpora's format and the benchmark's counting (benchmarks/grammar.py).

The test set (tests/data/grammar/test.tsv) is written by someone who never tunes on it; these
tests check its format and that no sentence is in both sets, and report a problem there by line
number only, so nobody reads its sentences by accident.
"""

from __future__ import annotations

from collections import Counter

import pytest

from benchmarks import grammar
from benchmarks.grammar import KINDS, Flag, Row, parse_set, score


def _dev() -> list[Row]:
    rows = grammar.load_set("dev")
    assert rows is not None, "tests/data/grammar/dev.tsv is missing"
    return rows


def test_dev_set_has_enough_sentences_of_every_kind():
    rows = _dev()
    kinds = Counter(r.kind for r in rows)
    assert kinds["correct"] >= 320
    assert sum(n for k, n in kinds.items() if k != "correct") >= 320
    assert set(kinds) == set(KINDS)
    assert min(kinds.values()) >= 25, kinds


def test_dev_set_has_no_duplicate_sentences():
    sentences = Counter(r.sentence.strip().lower() for r in _dev())
    assert [s for s, n in sentences.items() if n > 1] == []


def test_dev_rows_are_clean_sentences():
    for row in _dev():
        assert row.sentence == row.sentence.strip() and "  " not in row.sentence, row
        assert row.wrong == row.wrong.strip(), row


def _test_set() -> list[Row]:
    path = grammar.set_path("test")
    if not path.exists():
        pytest.skip("tests/data/grammar/test.tsv is not written yet")
    try:
        return parse_set(path.read_text(encoding="utf-8-sig"), "test.tsv")
    except ValueError as exc:  # name the line, never its text
        pytest.fail(str(exc).split(":")[0] + ": malformed row (its text is not shown)")


def test_test_set_format_and_no_duplicates():
    sentences = Counter(r.sentence.strip().lower() for r in _test_set())
    repeated = sum(1 for n in sentences.values() if n > 1)
    assert repeated == 0, f"{repeated} sentences appear twice in test.tsv"


def test_no_sentence_is_in_both_sets():
    test = {r.sentence.strip().lower() for r in _test_set()}
    shared = sum(1 for r in _dev() if r.sentence.strip().lower() in test)
    assert shared == 0, f"{shared} dev sentences are also in the test set"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("A sentence.\tcorrect", "expected 3"),
        ("\tcorrect\t", "the sentence is empty"),
        ("A sentence.\tcorrect\t\textra", "expected 3"),
        ("A sentence.\tgrammar\tA", "unknown kind"),
        ("Their is a bus.\tconfused-word\t", "must be empty exactly when correct"),
        ("The bus is late.\tcorrect\tbus", "must be empty exactly when correct"),
        ("Their is a bus.\tconfused-word\tThere", "is not in the sentence"),
    ],
)
def test_malformed_rows_are_refused_with_their_line(text, problem):
    with pytest.raises(ValueError, match=problem) as error:
        parse_set("sentence\tkind\twrong\n# a comment\n" + text + "\n", "x.tsv")
    assert str(error.value).startswith("x.tsv line 3:")


FIXTURE = (
    "sentence\tkind\twrong\n"
    "On Sunday their is no bus.\tconfused-word\ttheir\n"
    "The sky are blue.\tagreement\tare\n"
    "The weather was nice.\tcorrect\t\n"
)


def _fake_flagger(sentence: str) -> list[Flag]:
    """Rule A finds "their" (and rule C fires on "Sunday" before it); rule B flags "weather"."""
    flags = []
    for rule, word in (("A", "their"), ("C", "Sunday"), ("B", "weather")):
        at = sentence.find(word)
        if at >= 0:
            flags.append(Flag(rule, at, at + len(word)))
    return flags


def test_counting_on_a_three_line_fixture():
    rows = parse_set(FIXTURE)
    assert len(rows) == 3
    result = score(rows, _fake_flagger)
    assert result.recall == 0.5  # one of the two erroneous sentences has an issue
    assert result.false_alarm_rate == 1.0  # the one correct sentence has one
    assert result.kind_rate("confused-word") == 1.0
    assert result.kind_rate("agreement") == 0.0
    a, b, c = result.rules["A"], result.rules["B"], result.rules["C"]
    assert (a.hits, a.elsewhere, a.false_alarms, a.precision) == (1, 0, 0, 1.0)
    assert (c.hits, c.elsewhere, c.false_alarms, c.precision) == (0, 1, 0, 1.0)
    assert (b.hits, b.elsewhere, b.false_alarms, b.precision) == (0, 0, 1, 0.0)
    assert next(rule for rule, _ in result.worst_rules()) == "B"


def test_the_app_counts_only_issues_that_mean_an_error():
    flags = grammar.app_flagger()("i think the bus is late.")
    rules = {f.rule for f in flags}
    assert "harper:CapitalizePersonalPronouns" in rules
    assert "oped-studio:hedge-filler" not in rules  # style advice is not an error


def test_summary_says_when_the_test_set_is_missing(tmp_path, monkeypatch):
    (tmp_path / "dev.tsv").write_text(FIXTURE, encoding="utf-8")
    monkeypatch.setattr(grammar, "DATA", tmp_path)
    monkeypatch.setattr(
        grammar, "headline", lambda rows: {k: score(rows, _fake_flagger) for k in ("app", "harper")}
    )
    figures = grammar.summary()
    assert figures["test"] is None
    assert figures["dev"]["app recall"] == 0.5
    lines = grammar.summary_lines(figures)
    assert "test set missing" in lines[2] and "50.0%" in lines[2]


def test_rules_are_never_listed_for_the_test_set(capsys):
    with pytest.raises(SystemExit) as stopped:
        grammar.main(["--set", "test", "--rules"])
    assert stopped.value.code == 2
    assert "dev set only" in capsys.readouterr().err


def test_an_unreadable_or_malformed_set_is_reported_not_raised(tmp_path, monkeypatch, capsys):
    (tmp_path / "dev.tsv").mkdir()  # a folder where the file should be
    (tmp_path / "test.tsv").write_text("secret words\tcorrect\tsecret\n", encoding="utf-8")
    monkeypatch.setattr(grammar, "DATA", tmp_path)
    figures = grammar.summary()
    assert "Cannot read" in figures["dev"]
    assert figures["test"] == "test.tsv line 1: a malformed row"
    lines = grammar.summary_lines(figures)
    assert "dev unreadable" in lines[2] and "test unreadable" in lines[2]
    assert "secret" not in "\n".join(lines)
    assert grammar.main(["--set", "dev"]) == 2
    assert "Cannot read" in capsys.readouterr().err
