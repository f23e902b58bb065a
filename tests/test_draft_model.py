"""The draft model: defaults, derived values, validation of every field, migrations."""

from __future__ import annotations

import copy
import json
from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oped_studio.core import draft as draft_module
from oped_studio.core.draft import (
    FORMAT_MARKER,
    FORMAT_VERSION,
    MIGRATIONS,
    Draft,
    DraftFormatError,
    IgnoredIssue,
    draft_from_dict,
)
from tests.helpers import FIXTURES


def valid_dict() -> dict[str, Any]:
    return json.loads((FIXTURES / "drafts" / "format-1.oped").read_text(encoding="utf-8"))


def test_new_draft_defaults() -> None:
    draft = Draft()
    assert draft.kind == "lte"
    assert draft.structure_id == "letter-response"
    assert Draft(kind="oped").structure_id == "oped-classic"
    assert len(draft.id) == 32 and draft.id != Draft().id
    assert draft.created.tzinfo is not None
    assert draft.is_blank()
    assert draft.display_title() == "Untitled draft"


def test_round_trip_keeps_every_field(sample_draft: Draft) -> None:
    again = draft_from_dict(json.loads(json.dumps(sample_draft.to_dict())))
    assert again == sample_draft


def test_display_title_and_body(sample_draft: Draft) -> None:
    assert sample_draft.display_title() == "Re: Families Divided at the Border"
    sample_draft.title = "  Keep families together "
    assert sample_draft.display_title() == "Keep families together"
    sample_draft.sections = {"a": " First. ", "b": "", "c": "Third."}
    assert sample_draft.body_text() == "First.\n\nThird."
    assert not sample_draft.is_blank()


def test_copy_as_new_has_new_identity(sample_draft: Draft) -> None:
    copy_ = sample_draft.copy_as_new()
    assert copy_.id != sample_draft.id
    assert copy_.sections == sample_draft.sections
    copy_.sections["hook"] = "changed"
    assert sample_draft.sections["hook"] != "changed"


def test_lone_surrogates_become_replacement_characters() -> None:
    draft = Draft(sections={"hook": "bad \ud800 text"}, title="x\udfffy")
    data = draft.to_dict()
    assert data["sections"]["hook"] == "bad \ufffd text"
    assert data["title"] == "x\ufffdy"
    json.dumps(data, ensure_ascii=False).encode("utf-8")  # must not raise
    loaded = valid_dict()
    loaded["sections"]["hook"] = "from file \udc80"
    assert draft_from_dict(loaded).sections["hook"] == "from file \ufffd"


def test_fixture_of_format_1_loads_exactly() -> None:
    draft = draft_from_dict(valid_dict())
    assert draft.id == "5f1c0b7e2a6d4c3b9e8f7a6b5c4d3e2f"
    assert draft.article.date == date(2018, 6, 20)
    assert draft.author.name == "Zoë Müller"
    assert draft.created == datetime(2018, 6, 21, 9, 30, tzinfo=UTC)
    assert list(draft.sections) == ["hook", "point", "evidence", "story", "ask", "signature"]


def _set(data: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, last = dotted.split(".")
    target = data
    for key in parents:
        target = target[key]
    if value is _DELETE:
        del target[last]
    else:
        target[last] = value


_DELETE = object()

BAD_FIELDS = [
    ("format_version", "1", "'format_version' must be a whole number"),
    ("format_version", True, "'format_version' must be a whole number"),
    ("format_version", 0, "'format_version' must be a whole number"),
    ("id", _DELETE, "'id' is missing"),
    ("id", 42, "'id' must be text, not a whole number"),
    ("id", "has space", "'id' must be 1 to 64"),
    ("kind", "letter", "'kind' must be 'lte'"),
    ("kind", None, "'kind' must be text, not null"),
    ("kind", _DELETE, "'kind' is missing"),
    ("title", ["a"], "'title' must be text, not a list"),
    ("title", "x" * 501, "'title' is 501 characters long"),
    ("outlet_id", "New York Times", "'outlet_id' must be an id"),
    ("outlet_id", 7, "'outlet_id' must be text"),
    ("structure_id", "../etc", "'structure_id' must be an id"),
    ("article", "headline", "'article' must be an object, not text"),
    ("article.headline", 3.5, "'article.headline' must be text, not a number"),
    ("article.date", "20/06/2018", "'article.date' must be a date like"),
    ("article.date", "2018-02-30", "'article.date' must be a date like"),
    ("article.extra", "x", "'article' has unknown field(s): 'extra'"),
    ("pack_id", "Family Separation", "'pack_id' must be an id"),
    ("point_ids", "children", "'point_ids' must be a list, not text"),
    ("point_ids", ["ok", 5], "'point_ids' item 2 must be a talking-point id"),
    ("point_ids", ["a", "a"], "lists 'a' twice"),
    ("point_ids", [f"p{i}" for i in range(51)], "the most is 50"),
    ("sections", [], "'sections' must be an object, not a list"),
    ("sections.hook", None, "'sections.hook' must be text, not null"),
    ("sections.Bad Key", "x", "section id 'Bad Key'"),
    ("author", None, "'author' must be an object, not null"),
    ("author.email", False, "'author.email' must be text, not true or false"),
    ("author.fax", "555", "'author' has unknown field(s): 'fax'"),
    ("disclosure", {"a": 1}, "'disclosure' must be text, not an object"),
    ("created", _DELETE, "'created' is missing"),
    ("created", "yesterday", "'created' must be a date and time"),
    ("modified", "2018-06-21T10:05:00", "'modified' must include a time zone"),
    ("surprise", 1, "unknown field(s): 'surprise'"),
]


@pytest.mark.parametrize(("field", "value", "message"), BAD_FIELDS)
def test_every_field_is_validated(field: str, value: Any, message: str) -> None:
    data = valid_dict()
    _set(data, field, value)
    with pytest.raises(DraftFormatError, match=None) as info:
        draft_from_dict(data)
    assert message in str(info.value)


def test_section_text_limit() -> None:
    data = valid_dict()
    data["sections"]["hook"] = "x" * (draft_module.MAX_TEXT + 1)
    with pytest.raises(DraftFormatError, match="the most is"):
        draft_from_dict(data)


def test_a_section_at_the_cap_is_fine_and_sections_past_the_letter_cap_are_refused() -> None:
    data = valid_dict()
    data["sections"]["story"] = ("A long paste. " * 80_000)[: draft_module.MAX_TEXT]
    assert len(draft_from_dict(data).sections["story"]) == draft_module.MAX_TEXT
    for key in ("hook", "point", "ask"):
        data["sections"][key] = "x" * (draft_module.MAX_LETTER_TEXT // 3)
    with pytest.raises(DraftFormatError, match="characters together; the most is 100,000"):
        draft_from_dict(data)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([1, 2], "not an OpEd Studio draft (the file holds a list"),
        ("text", "not an OpEd Studio draft (the file holds text"),
        ({"name": "package.json"}, "lacks the marker"),
        ({"format": "something-else", "format_version": 1}, "lacks the marker"),
    ],
)
def test_foreign_data_is_named_as_foreign(data: Any, message: str) -> None:
    with pytest.raises(DraftFormatError) as info:
        draft_from_dict(data)
    assert message in str(info.value)


def test_newer_format_asks_for_an_update() -> None:
    data = valid_dict()
    data["format_version"] = FORMAT_VERSION + 1
    with pytest.raises(DraftFormatError, match="newer version of OpEd Studio"):
        draft_from_dict(data)


def test_migrations_run_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulate format 3 being current: a format-1 file passes through both migrations."""
    calls: list[int] = []

    def one_to_two(data: dict[str, Any]) -> dict[str, Any]:
        calls.append(1)
        data["title"] = data["title"] or "migrated"
        return data

    def two_to_three(data: dict[str, Any]) -> dict[str, Any]:
        calls.append(2)
        assert data["format_version"] == 2
        return data

    monkeypatch.setattr(draft_module, "FORMAT_VERSION", 3)
    monkeypatch.setattr(draft_module, "MIGRATIONS", {1: one_to_two, 2: two_to_three})
    original = valid_dict()
    snapshot = copy.deepcopy(original)
    draft = draft_from_dict(original)
    assert calls == [1, 2]
    assert draft.title == "migrated"
    assert original == snapshot, "migration must not change the caller's data"


def test_to_dict_marks_the_format(sample_draft: Draft) -> None:
    data = sample_draft.to_dict()
    assert data["format"] == FORMAT_MARKER
    assert data["format_version"] == FORMAT_VERSION
    assert data["article"]["date"] == "2018-06-20"


# -- format 2: what the writer ignored in the letter -----------------------------------------


def format_2_dict() -> dict[str, Any]:
    return json.loads((FIXTURES / "drafts" / "format-2.oped").read_text(encoding="utf-8"))


def test_fixture_of_format_2_loads_exactly() -> None:
    data = format_2_dict()
    draft = draft_from_dict(data)
    assert draft.ignored_issues == [
        IgnoredIssue("harper", "SpellCheck", "recieved"),
        IgnoredIssue("oped-studio", "cliche", "Zoë’s “words” — שלום 🌵"),
    ]
    assert draft.ignored_rules == ["oped-studio:passive-voice"]
    assert draft.to_dict() == data, "written back exactly as read"


def test_format_1_migrates_to_format_2_with_nothing_ignored() -> None:
    old = valid_dict()
    draft = draft_from_dict(old)
    assert draft.ignored_issues == [] and draft.ignored_rules == []
    assert old["format_version"] == 1 and "ignored_issues" not in old, "the caller's data"
    expected = format_2_dict()
    expected["ignored_issues"], expected["ignored_rules"] = [], []
    assert draft.to_dict() == expected, "format 1 becomes format 2, every other field kept"
    assert MIGRATIONS[1] is not None and FORMAT_VERSION == 2


def _entry(**change: Any) -> dict[str, Any]:
    return {"source": "harper", "rule": "SpellCheck", "text": "recieved", **change}


BAD_IGNORES = [
    ("ignored_issues", "recieved", "'ignored_issues' must be a list, not text"),
    ("ignored_issues", {"a": 1}, "'ignored_issues' must be a list, not an object"),
    ("ignored_issues", [5], "'ignored_issues[1]' must be an object, not a whole number"),
    ("ignored_issues", [_entry(), None], "'ignored_issues[2]' must be an object, not null"),
    ("ignored_issues", [{"source": "harper", "rule": "x"}], "'ignored_issues[1].text' is missing"),
    ("ignored_issues", [_entry(source=1)], "'ignored_issues[1].source' must be text"),
    ("ignored_issues", [_entry(rule=["x"])], "'ignored_issues[1].rule' must be text, not a list"),
    ("ignored_issues", [_entry(extra=1)], "'ignored_issues[1]' has unknown field(s): 'extra'"),
    ("ignored_issues", [_entry(rule="Spell\nCheck")], "with no control characters"),
    ("ignored_issues", [_entry(source="h" * 201)], "at most 200 characters"),
    ("ignored_issues", [_entry(text="x" * 10_001)], "is 10,001 characters long; the most is"),
    ("ignored_issues", [_entry(text=str(i)) for i in range(1_001)], "the most is 1,000"),
    ("ignored_rules", "harper:SpellCheck", "'ignored_rules' must be a list, not text"),
    ("ignored_rules", [3], "'ignored_rules' item 1 must be text, not a whole number"),
    ("ignored_rules", ["SpellCheck"], "as 'source:rule' (like 'harper:SpellCheck')"),
    ("ignored_rules", ["harper:Spell\x00Check"], "with no control characters"),
    ("ignored_rules", ["harper:" + "x" * 201], "at most 200 characters"),
    ("ignored_rules", [f"harper:r{i}" for i in range(1_001)], "lists 1,001 rules; the most is"),
]


@pytest.mark.parametrize(("field", "value", "message"), BAD_IGNORES)
def test_hostile_ignore_lists_give_a_clear_error(field: str, value: Any, message: str) -> None:
    data = format_2_dict()
    data[field] = value
    with pytest.raises(DraftFormatError) as info:
        draft_from_dict(data)
    assert message in str(info.value)


def test_ignore_lists_take_odd_unicode_and_repeats() -> None:
    data = format_2_dict()
    data["ignored_issues"] = [_entry(text="bad \ud800 half"), _entry(), _entry()]
    data["ignored_rules"] = ["harper:SpellCheck", "harper:SpellCheck", "lt:ÉÈ_规则"]
    draft = draft_from_dict(data)
    assert [i.text for i in draft.ignored_issues] == ["bad \ufffd half", "recieved"]
    assert draft.ignored_rules == ["harper:SpellCheck", "lt:ÉÈ_规则"]


def test_ignoring_keeps_the_newest_and_only_what_a_file_can_hold() -> None:
    draft = Draft()
    assert draft.ignore_issue("harper", "SpellCheck", "recieved")
    assert not draft.ignore_issue("harper", "SpellCheck", "recieved"), "already ignored"
    for number in range(draft_module.MAX_IGNORED):
        draft.ignore_issue("harper", "SpellCheck", f"word{number}")
        draft.ignore_rule("harper", f"Rule{number}")
    assert len(draft.ignored_issues) == len(draft.ignored_rules) == draft_module.MAX_IGNORED
    assert draft.ignored_issues[0].text == "word0", "the oldest was forgotten"
    assert draft.ignore_issue("lt\n:", "R\x07" * 300, "y" * 20_000 + "\ud800")
    assert draft.ignore_rule("odd:source\t", "x" * 300)
    again = draft_from_dict(json.loads(json.dumps(draft.to_dict(), ensure_ascii=False)))
    assert again == draft, "whatever the app keeps, it can read back"
    assert again.ignored_issues[-1].text == "y" * draft_module.MAX_IGNORED_TEXT


@given(source=st.text(max_size=300), rule=st.text(max_size=300), text=st.text(max_size=50))
@settings(max_examples=200, deadline=None)
def test_any_issue_ignored_can_be_saved_and_read_back(source: str, rule: str, text: str) -> None:
    draft = Draft()
    draft.ignore_issue(source, rule, text)
    draft.ignore_rule(source, rule)
    encoded = json.dumps(draft.to_dict(), ensure_ascii=False).encode("utf-8")
    again = draft_from_dict(json.loads(encoded))
    assert again.to_dict() == draft.to_dict()
