"""Hostile input for the checks (issue 14, items 8 and 9): no text aborts or stalls a check.

A word too long for the grammar engine is blanked and reported, the rest still checked; every
check of our own takes time in proportion to the text, whatever the text is made of (each
1 MB text below took minutes before); a draft's text has a limit, refused where it enters.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from oped_studio.checks import guard
from oped_studio.checks.engine import Checker, _dedupe, request_for_text
from oped_studio.checks.grammar_rules import check_grammar_rules
from oped_studio.checks.harper_engine import HarperEngine
from oped_studio.checks.issue import Issue
from oped_studio.checks.languagetool_engine import LanguageToolEngine
from oped_studio.checks.originality import PackIndex
from oped_studio.checks.readability import hard_sentences, measure
from oped_studio.checks.spelling_filter import is_not_misspelled
from oped_studio.checks.style import check_style
from oped_studio.core.counting import sentence_spans, text_counts
from oped_studio.core.draft import MAX_LETTER_TEXT, MAX_TEXT, Draft
from oped_studio.core.errors import DraftFileError
from oped_studio.core.settings import Settings
from oped_studio.core.storage import load_draft, save_draft
from tests.fake_languagetool import FakeLanguageTool
from tests.helpers import ScriptedDialogs, press

ROOT = Path(__file__).resolve().parent.parent
MB = 1_000_000

# -- item 8: a word too long for the engines ---------------------------------------------------


def test_check_of_a_100000_letter_word_reports_it_and_checks_the_rest(tmp_path: Path) -> None:
    """It aborted the process (exit 134: Harper asked for 30 GB); run in a child process so a
    crash fails this test rather than the suite."""
    letter = tmp_path / "word.txt"
    letter.write_text("Hello there. " + "a" * 90_000 + " Their is a problem.", encoding="utf-8")
    command = ["check", str(letter), "--format", "json"]
    result = subprocess.run(
        [sys.executable, "-m", "oped_studio", "--data-dir", str(tmp_path / "data"), *command],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    issues = json.loads(result.stdout)["issues"]
    too_long = [i for i in issues if i["rule"] == "word-too-long"]
    assert [(i["start"], i["end"]) for i in too_long] == [(13, 90_013)]
    assert "90,000 characters" in too_long[0]["message"]
    assert any(i["rule"] == "TheirToThere" for i in issues)  # the rest was still checked


class _Spy:
    """Harper's linter, recording every text it is given."""

    def __init__(self, linter) -> None:
        self.linter = linter
        self.texts: list[str] = []

    def organized_lints(self, text: str, **kwargs):
        self.texts.append(text)
        return self.linter.organized_lints(text, **kwargs)

    def __getattr__(self, name: str):
        return getattr(self.linter, name)


def test_harper_gets_no_long_word_and_no_large_piece(monkeypatch: pytest.MonkeyPatch) -> None:
    engine = HarperEngine.shared()
    engine.start()
    spy = _Spy(engine._linter)
    monkeypatch.setattr(engine, "_linter", spy)
    text = ("Theyre going. " * 300) + "b" * 5_000 + " An dog. " + ("- ( . " * 2_000)
    issues = engine.check(text)
    assert spy.texts and max(len(t) for t in spy.texts) <= guard.PIECE
    assert max(len(w) for t in spy.texts for w in t.split()) <= guard.MAX_WORD
    assert any(text[i.start : i.end] == "An" for i in issues)  # found after the long word


def test_languagetool_is_sent_no_long_word() -> None:
    with FakeLanguageTool() as server:
        engine = LanguageToolEngine(url=server.url)
        try:
            text = "I saw teh " + "x" * 1_000 + " and teh rest."
            issues = engine.check(text)
        finally:
            engine.close()
    sent = server.requests[-1]["text"][0]
    assert len(sent) == len(text) and "x" * (guard.MAX_WORD + 1) not in sent
    assert [text[i.start : i.end] for i in issues] == ["teh", "teh"]


def test_a_long_word_is_one_issue_and_our_rules_still_run() -> None:
    text = "This is a very big deal. " + "z" * 500 + " It is what it is."
    report = Checker(Settings()).run(request_for_text(text))
    rules = [i.rule for i in report.issues]
    assert rules.count("word-too-long") == 1
    assert "weak-adverb" in rules and "cliche" in rules
    assert report.counts.words == 12  # the long word still counts as a word


# -- item 9: every check linear on any text ----------------------------------------------------

N = 200_000  # a quadratic check takes minutes on each of these; a linear one, a moment
PATHOLOGICAL = {
    "a megabyte of dots, then a letter": "." * MB + "x",
    "dot space": ". " * (N // 2),
    "quotes after a dot": '."' + '"' * N + "x",
    "curly quotes": "“ " * (N // 2),
    "question marks": "?" * N,
    "bangs": "! " * (N // 2),
    "dashes": "- " * (N // 2),
    "capitals": "SHOUTING. " * (N // 10),
    "initials": "a. " * (N // 3),
    "a repeated word": "again " * (N // 6),
    "one long word": "a" * N,
    "emoji": "😀 " * (N // 2),
    "combining marks": "e\u0301" * (N // 2),
    "newlines": "\n" * N,
}


@pytest.mark.parametrize("text", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_our_checks_finish_on_pathological_text(text: str) -> None:
    sentences = sentence_spans(text)
    text_counts(text)
    check_style(text, sentences)
    list(check_grammar_rules(text))
    hard_sentences(text, sentences)
    measure(text, sentences)
    PackIndex(["again " * 10], "pack", ["again again again"]).check(text)
    guard.long_words(text)
    assert list(guard.pieces(text))[-1][1] == len(text)


def test_spelling_filter_looks_near_the_word_only() -> None:
    """Each call copied the text up to the word and scanned its whole line: minutes for a
    one-line megabyte with many unknown words."""
    text = "Xqzt " * (MB // 5)
    for start in range(0, len(text), 50):
        assert is_not_misspelled(text, start, start + 4, set())  # a capitalized name
    assert not is_not_misspelled("I saw xqzt here.", 6, 10, set())


def test_duplicate_removal_is_not_quadratic() -> None:
    issues = [Issue(i, i + 1, "punctuation", "Quote", "m", (), "harper") for i in range(300_000)]
    issues += [Issue(5, 7, "grammar", "Other", "m", (), "oped-studio")]
    kept = _dedupe(issues, Settings(), "x" * 300_001)
    assert len(kept) == 300_000


# -- the text limit -----------------------------------------------------------------------------


def test_a_draft_past_the_letter_limit_is_refused_with_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "big.oped"
    draft = Draft(sections={f"s{i}": "x" * (MAX_TEXT - 1) for i in range(3)})
    save_draft(draft, path)
    with pytest.raises(DraftFileError, match=r"characters together; the most is 100,000"):
        load_draft(path)


def test_check_refuses_a_text_file_past_the_limit(tmp_path: Path, capsys) -> None:
    from oped_studio.cli import main

    letter = tmp_path / "huge.txt"
    letter.write_text("word " * (MAX_LETTER_TEXT // 5 + 1), encoding="utf-8")
    code = main(["--data-dir", str(tmp_path / "data"), "check", str(letter), "--format", "json"])
    assert code == 2
    err = capsys.readouterr().err
    assert "may hold at most 100,000" in err and "Traceback" not in err


def test_the_window_refuses_a_paste_past_the_limit_and_says_so(
    qtbot, make_window, dialogs: ScriptedDialogs
) -> None:
    from PySide6.QtWidgets import QApplication

    window = make_window()
    window.step_list.setCurrentRow(2)
    story = window.write_page.editors[0]
    story.editor.setFocus()
    QApplication.clipboard().setText("Families belong together. " * 3_000)  # 78,000
    press(qtbot, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert story.text() == ""
    assert "Not added: 78,000 characters" in window.statusBar().currentMessage()
    QApplication.clipboard().setText("Families belong together.")
    press(qtbot, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert story.text() == "Families belong together."


# -- item 13 and 17: user templates that ask for too much, or for a file elsewhere -------------


def _render_user_template(source: str, draft: Draft) -> str:
    from oped_studio.core.paths import app_paths
    from oped_studio.core.render import render_text

    folder = app_paths().templates
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "lte.letter.j2").write_text(source, encoding="utf-8")
    return render_text(draft, templates=folder)


BOMBS = {
    "a filter folded while compiling": ("{{ 'x'|center(900000000) }}", "the number 9e+08"),
    "a method": ("body: ok\n{{ 'x'.center(900000000) }}", "the number 9e+08"),
    "a % format": ("{{ '%900000000s' % 'x' }}", "a width this large"),
    "a format method": ("{{ '{:>900000000}'.format('x') }}", "a width this large"),
    "a format filter": ("{{ '%900000000s'|format('x') }}", "a width this large"),
    "a replace": ("{{ ('x' * 999999).replace('x', 'y' * 999) }}", "a value this large"),
    "a join": ("{{ range(100000)|join('x' * 999999) }}", "a value this large"),
    "indent": ("{{ 'x'|indent(900000000, true) }}", "the number 9e+08"),
    "slice": ("{{ range(10)|slice(900000000)|list }}", "the number 9e+08"),
    "lipsum": ("{{ lipsum(100000) }}", "'lipsum' is undefined"),
}


@pytest.mark.parametrize(("source", "message"), BOMBS.values(), ids=BOMBS.keys())
def test_template_memory_bombs_are_refused_at_once_with_file_and_line(
    sample_draft: Draft, source: str, message: str
) -> None:
    from oped_studio.core.render import TemplateError

    with pytest.raises(TemplateError) as info:
        _render_user_template(source, sample_draft)
    line = source.count("\n") + 1
    assert f"lte.letter.j2:{line}:" in str(info.value) and message in str(info.value)


def test_a_template_nested_too_deeply_is_a_template_error(sample_draft: Draft) -> None:
    from oped_studio.core.render import TemplateError

    with pytest.raises(TemplateError, match="nested too deeply to read; simplify it"):
        _render_user_template("{{ " + "(" * 5_000 + "1" + ")" * 5_000 + " }}", sample_draft)


def test_including_a_file_elsewhere_says_what_is_wrong_and_what_to_do(sample_draft: Draft) -> None:
    from oped_studio.core.render import TemplateError

    with pytest.raises(TemplateError) as info:
        _render_user_template("body: x\n{% include '/etc/passwd' %}", sample_draft)
    assert str(info.value).endswith(
        "lte.letter.j2:2: templates may only include other templates in the same folder: "
        "'/etc/passwd' is not one. Name a template in your templates folder (like "
        "'lte.letter.j2'), without a path."
    )


def test_a_letter_template_still_renders_a_long_letter(sample_draft: Draft) -> None:
    sample_draft.sections["story"] = "Families belong together. " * 3_000
    text = _render_user_template(
        "body: {{ body|join('\\n')|oneline }}\nsignature: {{ signoff|center(40) }}", sample_draft
    )
    assert text.count("Families belong together.") >= 3_000


def test_the_write_page_underlines_thousands_of_issues_at_once(qtbot, make_window) -> None:
    """Each issue stripped its section and counted emoji from the start of the text: a
    pathological letter's 20,000 issues froze the window for minutes."""
    from types import SimpleNamespace

    from oped_studio.checks.engine import request_for_draft

    window = make_window()
    window.step_list.setCurrentRow(2)
    page = window.write_page
    page.editors[0].set_text("Aa. 🌵 " * 8_000)
    draft = window.session.draft
    page.apply_to(draft)
    request = request_for_draft(draft)
    span = request.sections[0]
    issues = [
        Issue(at, at + 2, "style", "x", "m", (), "oped-studio")
        for at in range(span.start, span.end - 2, 6)
    ]
    page.show_issues(request, SimpleNamespace(issues=issues))
    assert page.editors[0].issue_count() == len(issues) == 8_000
