"""Shared test set-up: Qt offscreen, no network beyond loopback, user folders in ``tmp_path``,
no real dialog, and one factory for main windows.

Fixtures and set-up only: what tests import lives in ``tests/helpers.py``.
"""

from __future__ import annotations

import os

# Must happen before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import errno
import ipaddress
import socket
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from oped_studio.core import paths as core_paths
from oped_studio.core.draft import Article, Draft
from tests.helpers import NetworkBlocked, ScriptedDialogs, sample_author

if TYPE_CHECKING:
    from oped_studio.core.event import EventFolder
    from oped_studio.core.kits import Kit
    from oped_studio.core.paths import AppPaths
    from oped_studio.gui.main_window import MainWindow

#: How long the window factory waits at teardown for background jobs to finish.
POOL_DRAIN_MS = 30_000


def _is_loopback(address: object) -> bool:
    if not isinstance(address, tuple) or not address:
        return True  # AF_UNIX paths and the like never leave the machine
    host = str(address[0])
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False  # a host name: refuse rather than resolve it


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _guarded_connect(self: socket.socket, address: object) -> None:
    if not _is_loopback(address):
        raise NetworkBlocked(errno.ENETUNREACH, f"network blocked in tests: {address!r}")
    return _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: object) -> int:
    if not _is_loopback(address):
        return errno.ENETUNREACH
    return _real_connect_ex(self, address)


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole suite runs offline: only 127.0.0.1 / ::1 may be reached."""
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", _guarded_connect_ex)


@pytest.fixture(autouse=True)
def no_real_dialogs(monkeypatch: pytest.MonkeyPatch) -> Iterator[ScriptedDialogs]:
    """Every ``Dialogs`` method raises AssertionError naming itself unless a test scripts it
    (through the ``dialogs`` fixture): a test never hangs on a real modal.

    A refusal that the app swallowed (a worker catches every exception) still fails the test.
    """
    script = ScriptedDialogs(monkeypatch)
    yield script
    if script.refused:
        pytest.fail(f"the test reached unscripted dialogs: {', '.join(script.refused)}")


@pytest.fixture
def dialogs(no_real_dialogs: ScriptedDialogs) -> ScriptedDialogs:
    """Script the app's questions: ``dialogs.answer("get_save_path", path)``; what was asked
    is in ``dialogs.calls`` (see :class:`tests.helpers.ScriptedDialogs`)."""
    return no_real_dialogs


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point OpEd Studio's data folder, and HOME and the XDG folders, into ``tmp_path``.

    So no test can read or write the real user's drafts, settings or Qt settings.
    """
    home = tmp_path / "oped-home"
    monkeypatch.setenv(core_paths.ENV_HOME, str(home))
    fake_user = tmp_path / "user"
    for var, sub in (
        ("HOME", ""),
        ("XDG_CONFIG_HOME", ".config"),
        ("XDG_DATA_HOME", ".local/share"),
        ("XDG_CACHE_HOME", ".cache"),
        ("XDG_STATE_HOME", ".local/state"),
    ):
        folder = fake_user / sub
        folder.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(var, str(folder))
    core_paths.set_data_dir_override(None)
    core_paths.set_kit_folder(None)
    yield home
    core_paths.set_data_dir_override(None)
    core_paths.set_kit_folder(None)


@pytest.fixture
def sample_draft() -> Draft:
    """A filled-in letter with accents, an emoji and right-to-left text."""
    return Draft(
        kind="lte",
        title="",
        outlet_id="nyt",
        article=Article(
            headline="Families Divided at the Border",
            outlet="The New York Times",
            date=date(2018, 6, 20),
            url="https://example.org/article",
        ),
        pack_id="family-separation",
        point_ids=["children-separated", "asylum-law"],
        sections={
            "hook": "Your June 20 article on families at the border left out the children.",
            "point": "Separating children from parents harms them — and it is not required.",
            "evidence": "Reports say thousands of children were separated in a few weeks.",
            "story": "My grandmother, José's mother, crossed as a girl. 🌵 שלום",
            "ask": "Congress should act this month.",
            "signature": "Zoë Müller, Springfield",
        },
        author=sample_author(),
        disclosure="",
    )


@pytest.fixture
def make_window(qtbot, dialogs: ScriptedDialogs) -> Iterator[Callable[..., MainWindow]]:
    """Build main windows: the one way tests get a ``MainWindow``.

    ``make_window(kit=None, event=None, show=True, papers_loaded=True, paths=None)`` (``paths``:
    the user data folders; the test's own by default): the grammar engine's
    background warm-up is off (a test that checks starts it itself); the window is shown and,
    with ``papers_loaded``, waited for until its list of papers has arrived (it is read off the
    UI thread). Closing it at teardown discards changes (an event window's closes without
    the PIN); then the thread pool is drained, so no job of this test runs on into the next one.
    """
    import shiboken6
    from PySide6.QtCore import QThreadPool

    from oped_studio.core.paths import app_paths
    from oped_studio.gui.dialogs import UnsavedChoice
    from oped_studio.gui.main_window import MainWindow

    windows: list[MainWindow] = []

    def discard_on_close(window: MainWindow) -> None:
        dialogs.answer("ask_unsaved", UnsavedChoice.DISCARD)
        window.force_close()  # an event window too, with no PIN to type

    def make(
        *,
        kit: Kit | None = None,
        event: EventFolder | None = None,
        show: bool = True,
        papers_loaded: bool = True,
        paths: AppPaths | None = None,
    ) -> MainWindow:
        window = MainWindow(paths or app_paths(), kit=kit, event=event, warm_up=False)
        qtbot.addWidget(window, before_close_func=discard_on_close)
        windows.append(window)
        if show:
            with qtbot.waitExposed(window):
                window.show()
        if papers_loaded:
            qtbot.waitUntil(lambda: window.start_page.outlet_completer.model().rowCount() > 0)
        return window

    yield make
    for window in windows:  # pytest-qt closes them before this; the order matters, so say it
        if shiboken6.isValid(window):
            discard_on_close(window)
            window.close()
    if not QThreadPool.globalInstance().waitForDone(POOL_DRAIN_MS):
        pytest.fail(f"background jobs still running {POOL_DRAIN_MS // 1000} s after the test")


@pytest.fixture
def ready_window(make_window, dialogs: ScriptedDialogs) -> MainWindow:
    """A shown main window with its list of papers loaded; leaving a draft discards it."""
    from oped_studio.gui.dialogs import UnsavedChoice

    dialogs.answer("ask_unsaved", UnsavedChoice.DISCARD)
    return make_window()


@pytest.fixture
def restore_look(qapp) -> Iterator[None]:
    """The application's style, palette and font as they were, after a test of themes."""
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QApplication

    from oped_studio.gui import theme

    app = QApplication.instance()
    style, palette, font = app.style().name(), QPalette(app.palette()), app.font()
    yield
    app.setStyle(style)
    app.setPalette(palette)
    app.setFont(font)
    theme._ORIGINAL.clear()
