"""Shared test set-up: Qt offscreen, no network beyond loopback, user folders in ``tmp_path``."""

from __future__ import annotations

import os

# Must happen before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import errno
import ipaddress
import socket
from datetime import date
from pathlib import Path

import pytest

from oped_studio.core import paths as core_paths
from oped_studio.core.draft import Article, Author, Draft

FIXTURES = Path(__file__).parent / "fixtures"


class NetworkBlocked(OSError):
    """Raised by any attempt to reach beyond this machine during the tests."""


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
def no_real_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that reaches a real modal dialog fails at once instead of hanging the run.

    Tests that expect a dialog patch the ``Dialogs`` method with their own answer.
    """
    from oped_studio.gui.dialogs import Dialogs

    for name in (
        "get_open_path",
        "get_save_path",
        "get_export_path",
        "ask_unsaved",
        "ask_conflict",
        "ask_recover",
        "show_error",
        "show_info",
        "show_about",
        "print_preview",
    ):

        def refuse(cls, *_args: object, _name: str = name, **_kwargs: object) -> None:
            raise AssertionError(f"a test opened a real dialog: Dialogs.{_name}")

        monkeypatch.setattr(Dialogs, name, classmethod(refuse))


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


def sample_author() -> Author:
    """A full contact block with accented letters."""
    return Author(
        name="Zoë Müller",
        street="12 Elm St.",
        city_state="Springfield, IL",
        phone="555-0100",
        email="zoe@example.org",
    )


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
def ready_window(qtbot, monkeypatch: pytest.MonkeyPatch):
    """A shown main window with its list of papers loaded; closing it discards changes.

    The grammar engine's background warm-up is off: a test that checks starts it itself.
    """
    from oped_studio.core.paths import app_paths
    from oped_studio.gui.dialogs import Dialogs, UnsavedChoice
    from oped_studio.gui.main_window import MainWindow

    monkeypatch.setattr(
        Dialogs, "ask_unsaved", classmethod(lambda cls, p, t: UnsavedChoice.DISCARD)
    )
    win = MainWindow(app_paths(), warm_up=False)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.start_page.outlet_completer.model().rowCount() > 0)
    return win
