"""What tests share besides fixtures: data folders, sample values, typing, scripted dialogs.

Tests import these from here, never from ``conftest``, which pytest loads itself and which
holds only fixtures and set-up. This module stays light: core tests import it too, so Qt is
imported only inside the helpers that need it.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import pytest

from oped_studio.core.draft import Author

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

FIXTURES = Path(__file__).parent / "fixtures"


class NetworkBlocked(OSError):
    """Raised by any attempt to reach beyond this machine during the tests."""


def library_night_kit(folder: Path) -> Path:
    """A kit file in ``folder``: "Letters for the library" on 5 Dec 2026, the library pack,
    the Los Angeles Times as its paper, and a welcome text."""
    from datetime import date

    from oped_studio.core.kits import Manifest, build_kit
    from oped_studio.core.packs import bundled_dir
    from oped_studio.core.paths import app_paths

    manifest = Manifest(
        id="library-night",
        title="Letters for the library",
        date=date(2026, 12, 5),
        organizer="Friends of the Library",
        welcome="Welcome! Write one letter tonight; we will help you send it.",
        default_outlet="la-times",
        outlets=["la-times"],
    )
    pack = bundled_dir("talking_points") / "pacific-grove-library.toml"
    return build_kit(
        folder / "night", manifest, pack_files={"pacific-grove-library": pack}, paths=app_paths()
    )


def sample_author() -> Author:
    """A full contact block with accented letters."""
    return Author(
        name="Zoë Müller",
        street="12 Elm St.",
        city_state="Springfield, IL",
        phone="555-0100",
        email="zoe@example.org",
    )


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` as key events (QTest.keyClicks only knows ASCII)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent, QTextCursor
    from PySide6.QtWidgets import QApplication, QLineEdit, QPlainTextEdit

    widget.setFocus()
    if isinstance(widget, QPlainTextEdit):
        widget.moveCursor(QTextCursor.MoveOperation.End)
    elif isinstance(widget, QLineEdit):
        widget.end(False)
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


def type_steadily(
    qtbot, widget: QWidget, char: str, keys: int, after_each: Callable[[], object] | None = None
) -> list[float]:
    """Type ``char`` into ``widget`` ``keys`` times, one key every 50 ms and never a pause, as
    a writer in full flow does (the event loop runs between keys, so the app's timers fire as
    they would). Returns when each key was typed (``time.monotonic``); ``after_each`` is
    called after every key."""
    import time

    from PySide6.QtCore import QTimer

    typed: list[float] = []

    def key() -> None:
        type_text(widget, char)
        typed.append(time.monotonic())
        if after_each is not None:
            after_each()

    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(key)
    timer.start()
    try:
        qtbot.waitUntil(lambda: len(typed) >= keys, timeout=keys * 500)
    finally:
        timer.stop()
    return typed


# -- dialogs ------------------------------------------------------------------------------------


def dialog_methods() -> list[str]:
    """Every public method of ``Dialogs``: each one may open a real modal, so each is refused
    in tests unless scripted (a method added later is refused too)."""
    from oped_studio.gui.dialogs import Dialogs

    return sorted(
        name
        for name, attr in vars(Dialogs).items()
        if not name.startswith("_")
        and (isinstance(attr, classmethod | staticmethod) or inspect.isfunction(attr))
    )


class DialogCall(NamedTuple):
    """One question the app asked: the ``Dialogs`` method and its arguments by name."""

    name: str
    args: dict[str, Any]


class ScriptedDialogs:
    """Stands in for every ``Dialogs`` method: answers as a test scripts, refuses the rest.

    ``answer("ask_unsaved", UnsavedChoice.DISCARD)`` makes every call return that;
    ``answer("ask_new_pin", "12", "4821")`` answers successive calls in turn (one more call
    fails the test); a callable answer is called with the method's arguments (the parent
    widget first, no ``cls``) and its result returned. Every call, answered or refused, is
    kept in :attr:`calls`, so a test can say which questions were asked.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from oped_studio.gui.dialogs import Dialogs

        self.calls: list[DialogCall] = []
        #: Methods called without a scripted answer, or with arguments that do not fit the
        #: real method (each call also raised AssertionError).
        self.refused: list[str] = []
        self._answers: dict[str, list[object]] = {}
        self._repeat: dict[str, bool] = {}
        #: Each stood-in method's real signature (calls are checked against it).
        self.signatures = {
            name: inspect.signature(getattr(Dialogs, name)) for name in dialog_methods()
        }
        for name, signature in self.signatures.items():
            monkeypatch.setattr(Dialogs, name, classmethod(self._stand_in(name, signature)))

    def answer(self, name: str, *answers: object) -> None:
        """Script ``Dialogs.<name>`` (see the class's docstring)."""
        if name not in self.signatures:
            raise AssertionError(f"Dialogs has no method {name!r} to script")
        if not answers:
            raise AssertionError(f"give Dialogs.{name} an answer (None for no value)")
        self._answers[name] = list(answers)
        self._repeat[name] = len(answers) == 1

    @property
    def asked(self) -> list[str]:
        """The names of the methods called, in order."""
        return [call.name for call in self.calls]

    def arguments(self, name: str, param: str) -> list[Any]:
        """The value of ``param`` in each call of ``Dialogs.<name>``, in order."""
        return [call.args[param] for call in self.calls if call.name == name]

    def _stand_in(self, name: str, signature: inspect.Signature) -> Callable[..., object]:
        def stand_in(_cls: type, *args: object, **kwargs: object) -> object:
            try:
                bound = signature.bind(*args, **kwargs)
            except TypeError as exc:
                self.refused.append(name)
                raise AssertionError(f"Dialogs.{name}{signature} called wrongly: {exc}") from None
            bound.apply_defaults()
            self.calls.append(DialogCall(name, dict(bound.arguments)))
            answers = self._answers.get(name)
            if not answers:
                self.refused.append(name)
                why = "more times than scripted" if name in self._answers else "unscripted"
                raise AssertionError(
                    f"a test opened a real dialog: Dialogs.{name} ({why}); script it with "
                    f"dialogs.answer({name!r}, ...)"
                )
            answer = answers[0] if self._repeat[name] else answers.pop(0)
            return answer(*args, **kwargs) if callable(answer) else answer

        return stand_in


def keyboard_target():
    """Where a key a person presses goes: the widget with the keyboard focus, unless a popup
    is open that does not hold it (a completer's list): then the popup."""
    from PySide6.QtWidgets import QApplication

    focus = QApplication.focusWidget()
    popup = QApplication.activePopupWidget()
    if popup is not None and (focus is None or not popup.isAncestorOf(focus)):
        return popup
    assert focus is not None, "the keyboard focus is nowhere"
    return focus


def press(qtbot, key, modifiers=None) -> None:
    """Press ``key`` (with ``modifiers``) where the keyboard is, as a person would."""
    from PySide6.QtCore import Qt

    qtbot.keyClick(keyboard_target(), key, modifiers or Qt.KeyboardModifier.NoModifier)


def type_here(qtbot, text: str) -> None:
    """Type ``text`` where the keyboard is; a line break is the Return key."""
    from PySide6.QtCore import Qt

    for number, line in enumerate(text.split("\n")):
        if number:
            press(qtbot, Qt.Key.Key_Return)
        if line:
            qtbot.keyClicks(keyboard_target(), line)
