"""Bad input, property-based: any Unicode through counting, every check, rendering, the
similarity report and every export format; no exception escapes and every file reopens."""

from __future__ import annotations

import email
from datetime import date
from email import policy
from pathlib import Path

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oped_studio.checks.engine import Checker, request_for_draft
from oped_studio.checks.similarity import similar_pairs
from oped_studio.core.cleaning import clean_text, plain_typography
from oped_studio.core.counting import text_counts, words
from oped_studio.core.draft import Author, Draft
from oped_studio.core.outlets import load_directory
from oped_studio.core.paths import app_paths
from oped_studio.core.render import letter_blocks, render_text
from oped_studio.core.settings import Settings
from oped_studio.export.exporter import export_draft, plain_text

#: Control characters, lone surrogates, NUL, right-to-left marks, combining marks, emoji,
#: and words far longer than any real one.
ODD = st.sampled_from(
    [
        "\x00",
        "\x07",
        "\x1b",
        "\ud800",
        "\udfff",
        "\u202e",
        "\u200f",
        "\u0301",
        "\u0308",
        "🌵",
        "👩🏽‍⚕️",
        "\ufeff",
        "\u2028",
        "\r\n",
        "\t",
        "x" * 5000,
        "ﷺ",
        "ꙮ",
    ]
)
TEXT = st.lists(st.text(max_size=40) | ODD, max_size=12).map("".join)

CHECKER = Checker(Settings())
NYT = load_directory(app_paths()).get("nyt")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hook=TEXT, point=TEXT, name=TEXT, headline=TEXT)
def test_any_text_goes_through_everything(
    tmp_path_factory: pytest.TempPathFactory, hook: str, point: str, name: str, headline: str
) -> None:
    draft = Draft(
        outlet_id="nyt",
        title=headline,
        sections={"hook": hook, "point": point, "signature": name},
        author=Author(name=name, email="a@b.org"),
    )
    counts = text_counts(hook + point)
    # The fast count agrees with the list of words, each a piece of the text.
    assert counts.words == len(words(hook + point))
    assert all(word in hook + point for word in words(hook + point))
    request = request_for_draft(draft, outlet=NYT)
    report = CHECKER.run(request)
    for issue in report.issues:
        assert 0 <= issue.start <= issue.end <= len(request.text)
    render_text(draft, NYT)
    similar_pairs({"a": hook, "b": point, "c": hook})
    # Every file reopens and holds the letter: each format's own text, and the hook's words.
    today = date(2026, 11, 23)
    text = plain_text(draft, NYT, today=today)
    hook_words = words(clean_text(hook))  # the Word file keeps the writer's typography
    plain_words = [plain_typography(word) for word in hook_words]
    folder = tmp_path_factory.mktemp("out")
    for fmt in ("docx", "txt", "eml"):
        target = folder / f"letter.{fmt}"
        export_draft(draft, fmt, target, outlet=NYT, force=True, today=today)
        if fmt == "docx":
            paragraphs = [p.text for p in Document(str(target)).paragraphs]
            assert paragraphs == [b.text for b in letter_blocks(draft, NYT, today=today)]
            reopened = "\n".join(paragraphs)
        elif fmt == "txt":
            reopened = target.read_text(encoding="utf-8")
            assert reopened == text
        else:
            message = email.message_from_bytes(target.read_bytes(), policy=policy.default)
            assert not message.defects and message["X-Unsent"] == "1"
            reopened = message.get_content()
            assert reopened == text
        expected = hook_words if fmt == "docx" else plain_words
        assert all(word in reopened for word in expected), fmt


def test_a_one_megabyte_paste_exports_in_every_format(tmp_path: Path) -> None:
    paste = ("Families belong together — 🌵 and the U.S. can do better. " * 18_000)[:1_000_000]
    draft = Draft(sections={"story": paste})
    for fmt in ("docx", "txt", "eml"):
        target = tmp_path / f"big.{fmt}"
        export_draft(draft, fmt, target, force=True)
        if fmt != "docx":  # a .docx is compressed: its text is checked below
            assert target.stat().st_size > 500_000
    text = "".join(p.text for p in Document(str(tmp_path / "big.docx")).paragraphs)
    assert len(text) > 900_000
