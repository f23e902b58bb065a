"""Guards against known defects in the Qt binding the app is installed with."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    happened = Signal()
    said = Signal(str)


def test_signal_emit_keeps_reference_counts() -> None:
    """PySide6 6.12.0 dropped a reference to True on every emit(), crashing after a while.

    The app emits a signal on every keystroke, so such a binding must never be installed.
    """
    emitter = _Emitter()
    emitter.said.connect(lambda _text: None)
    before = sys.getrefcount(True)
    for _ in range(500):
        emitter.happened.emit()
        emitter.said.emit("x")
    assert sys.getrefcount(True) >= before - 5
