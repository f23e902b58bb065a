"""The test harness itself: no test can open a real dialog, and scripted answers come back."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from oped_studio.gui.dialogs import Dialogs, UnsavedChoice
from tests.helpers import ScriptedDialogs


def _nones(dialogs: ScriptedDialogs, name: str) -> list[None]:
    """Placeholder arguments, one for each of ``Dialogs.<name>``'s parameters."""
    return [None] * len(dialogs.signatures[name].parameters)


def test_every_dialogs_method_is_refused_unless_scripted(dialogs: ScriptedDialogs) -> None:
    methods = {name for name, _ in inspect.getmembers(Dialogs, inspect.ismethod)}
    assert set(dialogs.signatures) == {name for name in methods if not name.startswith("_")}
    # Among them the ones the old fixture let through (settings, PIN, kits, submissions...).
    assert {"edit_settings", "ask_pin", "get_kit_spec", "ask_send_anyway"} <= methods
    assert len(methods) >= 22
    for name in sorted(methods):
        with pytest.raises(AssertionError, match=rf"real dialog: Dialogs\.{name} \(unscripted\)"):
            getattr(Dialogs, name)(*_nones(dialogs, name))
    assert dialogs.refused == sorted(methods)
    assert dialogs.asked == sorted(methods), "refused calls are recorded too"
    dialogs.refused.clear()  # expected here: do not fail the test at teardown


def test_a_method_added_to_dialogs_later_is_refused_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        Dialogs, "ask_colour", classmethod(lambda cls, parent: "blue"), raising=False
    )
    script = ScriptedDialogs(monkeypatch)
    with pytest.raises(AssertionError, match=r"Dialogs\.ask_colour"):
        Dialogs.ask_colour(None)
    assert script.refused == ["ask_colour"]


def test_scripted_answers_come_back_and_every_call_is_recorded(
    dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    dialogs.answer("ask_unsaved", UnsavedChoice.DISCARD)
    assert Dialogs.ask_unsaved(None, "Letter") is UnsavedChoice.DISCARD
    assert Dialogs.ask_unsaved(None, title="Other") is UnsavedChoice.DISCARD, "every call"

    dialogs.answer("get_save_path", lambda parent, suggested: suggested.with_suffix(".oped"))
    assert Dialogs.get_save_path(None, tmp_path / "x") == tmp_path / "x.oped"

    dialogs.answer("ask_new_pin", "12", "4821")
    assert [Dialogs.ask_new_pin(None), Dialogs.ask_new_pin(None)] == ["12", "4821"]
    with pytest.raises(AssertionError, match=r"Dialogs\.ask_new_pin \(more times than scripted\)"):
        Dialogs.ask_new_pin(None)
    dialogs.refused.clear()

    assert dialogs.asked == ["ask_unsaved"] * 2 + ["get_save_path"] + ["ask_new_pin"] * 3
    assert dialogs.arguments("ask_unsaved", "title") == ["Letter", "Other"]
    assert dialogs.calls[2].args == {"parent": None, "suggested": tmp_path / "x"}


def test_a_call_that_does_not_fit_the_real_method_fails(dialogs: ScriptedDialogs) -> None:
    dialogs.answer("show_info", None)
    with pytest.raises(AssertionError, match=r"Dialogs\.show_info.* called wrongly"):
        Dialogs.show_info(None, "only a title")
    assert dialogs.refused == ["show_info"]
    dialogs.refused.clear()
    with pytest.raises(AssertionError, match="has no method 'ask_colour'"):
        dialogs.answer("ask_colour", "blue")
