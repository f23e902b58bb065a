"""Issue 14, item 1: the library's delete and restore reach only the writer's drafts.

An attack run moved /etc/passwd into the drafts trash with ``drafts delete /etc/passwd``
(exit 0), and ``drafts restore`` could not bring it back. Library commands now act only on
``.oped`` regular files inside the library (or, in the window, drafts the writer opened).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from oped_studio.cli import main
from oped_studio.core.draft import Draft
from oped_studio.core.errors import LibraryError
from oped_studio.core.library import DraftLibrary
from oped_studio.core.paths import app_paths


@pytest.fixture
def library() -> DraftLibrary:
    return DraftLibrary(app_paths())


def _outside_file(tmp_path: Path, name: str = "passwd") -> Path:
    path = tmp_path / "etc" / name
    path.parent.mkdir(exist_ok=True)
    path.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    return path


def test_cli_delete_refuses_a_file_outside_the_library_and_leaves_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = _outside_file(tmp_path)
    status = main(["drafts", "delete", str(target)])
    _out, err = capsys.readouterr()
    assert status == 2
    assert "only drafts (.oped files)" in err and "Traceback" not in err
    assert target.read_text(encoding="utf-8").startswith("root:")
    assert not app_paths().trash.exists() or list(app_paths().trash.iterdir()) == []


def test_a_draft_outside_the_library_is_refused_by_the_cli(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, sample_draft: Draft
) -> None:
    from oped_studio.core.storage import save_draft

    elsewhere = tmp_path / "stick" / "mine.oped"
    elsewhere.parent.mkdir()
    save_draft(sample_draft, elsewhere)
    status = main(["drafts", "delete", str(elsewhere)])
    err = capsys.readouterr().err
    assert status == 2 and "not in the drafts library" in err
    assert elsewhere.exists()


def test_a_path_that_climbs_out_of_the_library_is_refused(
    library: DraftLibrary, tmp_path: Path, sample_draft: Draft
) -> None:
    from oped_studio.core.storage import save_draft

    library.save_new(sample_draft)
    outside = tmp_path / "victim.oped"
    save_draft(sample_draft.copy_as_new(), outside)
    climbing = library.folder / os.path.relpath(outside, library.folder)
    with pytest.raises(LibraryError, match="not in the drafts library"):
        library.delete(climbing)
    assert outside.exists()


def test_a_link_in_the_library_is_refused_and_its_target_kept(
    library: DraftLibrary, tmp_path: Path
) -> None:
    target = _outside_file(tmp_path, "secret.oped")
    library.folder.mkdir(parents=True, exist_ok=True)
    link = library.folder / "innocent.oped"
    link.symlink_to(target)
    with pytest.raises(LibraryError, match="it is a link"):
        library.delete(link)
    assert target.exists() and link.is_symlink()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_pipe_named_like_a_draft_is_refused(library: DraftLibrary) -> None:
    library.folder.mkdir(parents=True, exist_ok=True)
    pipe = library.folder / "pipe.oped"
    os.mkfifo(pipe)
    with pytest.raises(LibraryError, match="only drafts"):
        library.delete(pipe)
    assert pipe.exists()


def test_a_broken_draft_in_the_library_can_still_be_deleted_and_restored(
    library: DraftLibrary,
) -> None:
    library.folder.mkdir(parents=True, exist_ok=True)
    broken = library.folder / "broken.oped"
    broken.write_text("{not json", encoding="utf-8")
    entry = library.delete(broken)
    assert not broken.exists()
    restored = library.restore(library.trash()[0])
    assert restored.read_text(encoding="utf-8") == "{not json"
    assert not entry.path.exists()


def test_the_window_may_delete_a_draft_it_knows_from_the_recent_list(
    library: DraftLibrary, tmp_path: Path, sample_draft: Draft
) -> None:
    from oped_studio.core.storage import save_draft

    elsewhere = tmp_path / "stick" / "mine.oped"
    elsewhere.parent.mkdir()
    save_draft(sample_draft, elsewhere)
    entry = library.delete(elsewhere, known=[elsewhere])
    assert not elsewhere.exists() and entry.path.exists()
    assert library.restore(library.trash()[0]) == elsewhere.resolve()


def test_a_tampered_trash_note_cannot_send_a_restore_outside(
    library: DraftLibrary, tmp_path: Path, sample_draft: Draft
) -> None:
    saved = library.save_new(sample_draft)
    entry = library.delete(saved.path)
    note = entry.path.with_name(entry.path.name + ".trash.json")
    (tmp_path / "etc").mkdir()
    aim = tmp_path / "etc" / "passwd"
    note.write_text(
        json.dumps({"original": str(aim), "deleted": "2026-01-01T00:00:00+00:00"}),
        encoding="utf-8",
    )
    restored = library.restore(library.trash()[0])
    assert restored.parent == library.folder.resolve() or restored.parent == library.folder
    assert not aim.exists()
