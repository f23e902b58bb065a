"""Faults: the app killed while saving or exporting never leaves a damaged file behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from docx import Document

from oped_studio.core.draft import Draft
from oped_studio.core.paths import app_paths
from oped_studio.core.storage import backup_path, load_draft, save_draft
from tests.helpers import ScriptedDialogs

ROOT = Path(__file__).resolve().parent.parent

SAVER = """
import sys
from pathlib import Path
from oped_studio.core.storage import load_draft, save_draft
path = Path(sys.argv[1])
loaded = load_draft(path)
draft, stamp = loaded.draft, loaded.stamp
print("ready", flush=True)
n = 0
while True:
    n += 1
    draft.sections["hook"] = ("Families belong together. " * 400) + str(n)
    stamp = save_draft(draft, path, expected=stamp)
"""

EXPORTER = """
import sys
from pathlib import Path
from oped_studio.core.draft import Draft
from oped_studio.export.exporter import export_draft
target = Path(sys.argv[1])
draft = Draft(title="Kill me", sections={"hook": "Families belong together. " * 300})
print("ready", flush=True)
n = 0
while True:
    n += 1
    draft.sections["point"] = str(n)
    export_draft(draft, target.suffix[1:], target, force=True)
"""


def _kill_after(code: str, arg: Path, delay: float) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", code, str(arg)], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert child.stdout.readline().strip() == "ready"
        time.sleep(delay)
        assert child.poll() is None, "the writer stopped by itself"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)


@pytest.mark.parametrize("delay", [0.05, 0.13, 0.31, 0.57])
def test_killed_while_saving_the_draft_and_its_backup_stay_whole(
    tmp_path: Path, delay: float
) -> None:
    path = tmp_path / "letter.oped"
    save_draft(Draft(title="Before"), path)
    _kill_after(SAVER, path, delay)
    draft = load_draft(path).draft  # never half-written
    assert draft.title == "Before"
    assert draft.sections.get("hook", "Families").startswith("Families")
    if backup_path(path).exists():
        load_draft(backup_path(path))


@pytest.mark.parametrize("fmt", ["docx", "txt"])
@pytest.mark.parametrize("delay", [0.07, 0.29])
def test_killed_while_exporting_the_file_is_whole_or_absent(
    tmp_path: Path, fmt: str, delay: float
) -> None:
    target = tmp_path / f"letter.{fmt}"
    _kill_after(EXPORTER, target, delay)
    if not target.exists():
        return
    if fmt == "docx":
        text = "\n".join(p.text for p in Document(str(target)).paragraphs)
    else:
        text = target.read_text(encoding="utf-8")
    assert "Families belong together." in text
    assert text.count("Families belong together.") == 300


# -- in the window ------------------------------------------------------------------------------


def test_two_windows_on_one_draft_the_second_is_warned(
    make_window, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    from oped_studio.gui.dialogs import ConflictChoice, UnsavedChoice

    dialogs.answer("ask_conflict", ConflictChoice.CANCEL)
    dialogs.answer("ask_unsaved", UnsavedChoice.DISCARD)
    path = tmp_path / "shared.oped"
    save_draft(Draft(title="Shared"), path)
    first = make_window(show=False, papers_loaded=False)
    second = make_window(show=False, papers_loaded=False)
    for window in (first, second):
        assert window.session.open_path(path)
    first.start_page.headline_edit.setText("From the first window")
    first.start_page.changed.emit()
    assert first.session.save()
    second.start_page.headline_edit.setText("From the second window")
    second.start_page.changed.emit()
    assert not second.session.save()
    assert dialogs.arguments("ask_conflict", "path") == [path.resolve()]
    assert load_draft(path).draft.article.headline == "From the first window"
    assert second.session.is_dirty(), "the second window keeps its text to save elsewhere"


def test_autosave_on_a_full_disk_says_so_once_and_keeps_the_last_copy(
    qtbot, ready_window, monkeypatch: pytest.MonkeyPatch
) -> None:
    from oped_studio.core import atomic
    from oped_studio.core.recovery import find_recovered

    window = ready_window
    window.start_page.headline_edit.setText("First version")
    window.start_page.changed.emit()
    window.session.autosave()
    assert len(find_recovered(app_paths())) == 1

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    messages = []
    with monkeypatch.context() as patch:
        patch.setattr(atomic.os, "replace", full)
        patch.setattr(window.statusBar(), "showMessage", lambda m, t=0: messages.append(m))
        for text in ("Second", "Third"):
            window.start_page.headline_edit.setText(text)
            window.start_page.changed.emit()
            window.session.autosave()
    assert len(messages) == 1 and "space" in messages[0].lower()
    (still,) = find_recovered(app_paths())
    assert still.draft.article.headline == "First version"
    assert window.start_page.headline_edit.text() == "Third", "typing goes on"


def test_a_full_disk_while_building_a_kit_keeps_the_old_kit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from oped_studio.core import atomic
    from oped_studio.core.errors import SaveError
    from oped_studio.core.kits import Manifest, build_kit, read_entries
    from oped_studio.core.packs import bundled_dir

    pack = {"pacific-grove-library": bundled_dir("talking_points") / "pacific-grove-library.toml"}
    out = build_kit(
        tmp_path / "k", Manifest(id="k", title="Old"), pack_files=pack, paths=app_paths()
    )
    before = out.read_bytes()
    with monkeypatch.context() as patch, pytest.raises(SaveError, match="space"):
        patch.setattr(atomic.os, "replace", lambda *a: (_ for _ in ()).throw(OSError(28, "x")))
        build_kit(
            out, Manifest(id="k", title="New"), pack_files=pack, force=True, paths=app_paths()
        )
    assert out.read_bytes() == before
    assert "manifest.toml" in read_entries(out)


def test_a_read_only_event_folder_gives_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from oped_studio.core.event import EventError, EventFolder

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(EventError, match="Cannot use"):
        EventFolder(tmp_path / "event")
