"""Offline and private: the app opens no connection at all unless the writer configured a
LanguageTool server, and then only to that server."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from oped_studio.core.paths import app_paths
from oped_studio.core.settings import Settings, save_settings
from oped_studio.gui import workers
from oped_studio.gui.main_window import MainWindow
from tests.fake_languagetool import FakeLanguageTool
from tests.helpers import ScriptedDialogs, type_text


@pytest.fixture(autouse=True)
def inline_jobs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Checks and exports run at once, so every connection is made inside the test."""
    monkeypatch.setattr(workers, "RUN_INLINE", True)


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every address the app tries to connect to (loopback included), from any thread."""
    seen: list[object] = []
    guarded_connect = socket.socket.connect
    guarded_connect_ex = socket.socket.connect_ex

    def connect(self, address):
        seen.append(address)
        return guarded_connect(self, address)

    def connect_ex(self, address):
        seen.append(address)
        return guarded_connect_ex(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    return seen


def walk_through(qtbot, window: MainWindow, dialogs: ScriptedDialogs, tmp_path: Path) -> None:
    """What a writer does: every step, checks, every export but PDF, the library, settings."""
    window.start_page.choose_outlet("nyt")
    type_text(window.start_page.name_edit, "Ana Pena")
    window.step_list.setCurrentRow(1)
    points = window.points_page
    points.pack_combo.setCurrentIndex(points.pack_combo.findData("family-separation"))
    points.cards[0].check.setChecked(True)
    window.step_list.setCurrentRow(2)
    type_text(window.write_page.editors[0].editor, "Teh children deserve better.")
    window.checks.run()
    window.step_list.setCurrentRow(3)
    window.step_list.setCurrentRow(4)
    for fmt, button in (
        ("docx", window.export_page.docx_button),
        ("txt", window.export_page.txt_button),
        ("eml", window.export_page.eml_button),
    ):
        target = tmp_path / f"letter.{fmt}"
        dialogs.answer("get_export_path", target)
        button.click()
        assert target.exists()
    window.export_page.copy_button.click()


def test_no_connection_at_all_by_default(
    qtbot, ready_window: MainWindow, dialogs: ScriptedDialogs, connections: list, tmp_path: Path
) -> None:
    walk_through(qtbot, ready_window, dialogs, tmp_path)
    assert ready_window.checks.report is not None
    assert connections == [], "the app connected somewhere without being asked to"


def test_only_the_configured_languagetool_server_is_contacted(
    qtbot, ready_window: MainWindow, dialogs: ScriptedDialogs, connections: list, tmp_path: Path
) -> None:
    with FakeLanguageTool() as server:
        port = server.server.server_address[1]
        save_settings(
            Settings(grammar_engine="languagetool-server", languagetool_url=server.url), app_paths()
        )
        walk_through(qtbot, ready_window, dialogs, tmp_path)
        assert server.requests, "the checks used the server"
    hosts = {(address[0], address[1]) for address in connections if isinstance(address, tuple)}
    assert hosts == {("127.0.0.1", port)}, hosts
