"""The contact block remembered between drafts, and the writer's own papers (core)."""

from __future__ import annotations

from datetime import date

import pytest

from oped_studio.core import atomic
from oped_studio.core.draft import Author
from oped_studio.core.errors import SaveError
from oped_studio.core.outlets import Rules
from oped_studio.core.paths import app_paths
from oped_studio.core.profile import forget_author, load_author, save_author
from oped_studio.core.user_outlets import OutletInputError, build_user_outlet, outlet_id_for


def test_the_contact_block_round_trips_with_any_unicode() -> None:
    author = Author(name="Zoë Müller-Nguyễn 🌵", city_state="Pacific Grove, CA", email="z@x.org")
    save_author(author, app_paths())
    assert load_author(app_paths()) == author


def test_an_empty_block_is_not_remembered_and_forgetting_works() -> None:
    save_author(Author(), app_paths())
    assert not app_paths().author_file.exists()
    save_author(Author(name="Ana"), app_paths())
    forget_author(app_paths())
    assert load_author(app_paths()) == Author()
    forget_author(app_paths())  # forgetting twice is fine


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"[1, 2]", b'{"name": 5, "email": ["x"]}', b"\xff\xfe\x00", b""],
)
def test_a_damaged_file_gives_an_empty_block(content: bytes) -> None:
    app_paths().author_file.parent.mkdir(parents=True, exist_ok=True)
    app_paths().author_file.write_bytes(content)
    assert load_author(app_paths()) == Author()


def test_odd_values_are_cleaned_and_capped() -> None:
    app_paths().author_file.parent.mkdir(parents=True, exist_ok=True)
    app_paths().author_file.write_text('{"name": "A\\ud800B", "street": "' + "x" * 5000 + '"}')
    author = load_author(app_paths())
    assert author.name == "A\ufffdB"
    assert len(author.street) == 1000


def test_a_full_disk_leaves_the_previous_block(monkeypatch: pytest.MonkeyPatch) -> None:
    save_author(Author(name="First"), app_paths())

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch, pytest.raises(SaveError):
        patch.setattr(atomic.os, "replace", full)
        save_author(Author(name="Second"), app_paths())
    assert load_author(app_paths()).name == "First"


def test_outlet_ids_come_from_names_and_never_collide() -> None:
    assert outlet_id_for("The Daily Planet") == "daily-planet"
    assert outlet_id_for("Le Devoir — Montréal") == "le-devoir-montreal"
    assert outlet_id_for("Smith & Sons Gazette") == "smith-and-sons-gazette"
    assert outlet_id_for("日本経済新聞") == "paper"
    assert outlet_id_for("The Daily Planet", {"daily-planet", "daily-planet-2"}) == "daily-planet-3"


def test_a_users_paper_is_checked_field_by_field() -> None:
    outlet = build_user_outlet(
        outlet_id="daily-planet",
        name=" The Daily Planet ",
        word_limit=200,
        days_after_article=7,
        exclusive=True,
        email="letters@planet.example",
        today=date(2026, 11, 22),
    )
    assert outlet.name == "The Daily Planet" and outlet.origin == "user"
    assert outlet.letters.word_limit == 200 and outlet.letters.exclusive
    assert outlet.letters.source == "entered by the user"
    assert outlet.letters.read_on == "2026-11-22"
    assert outlet.oped.is_empty(), "no op-ed limit given: op-ed rules stay unknown"
    for kwargs, field in [
        ({"name": "  "}, "name"),
        ({"outlet_id": "Bad Id"}, "id"),
        ({"word_limit": 5}, "word_limit"),
        ({"oped_word_limit": 20_000}, "oped_word_limit"),
        ({"char_limit": 10}, "char_limit"),
        ({"days_after_article": 0}, "days_after_article"),
        ({"email": "not an address"}, "email"),
        ({"url": "ftp://x"}, "url"),
        ({"kind": "weekly"}, "kind"),
    ]:
        args = {"outlet_id": "x", "name": "X"} | kwargs
        with pytest.raises(OutletInputError) as info:
            build_user_outlet(**args)
        assert info.value.field == field


def test_days_left_counts_from_the_article_date() -> None:
    rules = Rules(days_after_article=7)
    today = date(2026, 11, 22)
    assert rules.days_left(date(2026, 11, 20), today) == 5
    assert rules.days_left(date(2026, 11, 10), today) == -5
    assert rules.days_left(None, today) is None
    assert Rules().days_left(date(2026, 11, 20), today) is None
