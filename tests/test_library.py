"""The drafts library in the user data folder, its trash, and where the data folder is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from oped_studio.core.draft import Draft
from oped_studio.core.errors import LibraryError
from oped_studio.core.library import DraftLibrary, slugify
from oped_studio.core.paths import app_paths, bundled_dir, set_data_dir_override
from oped_studio.core.recent import RecentFiles
from oped_studio.core.storage import backup_path, load_draft, save_draft


@pytest.fixture
def library() -> DraftLibrary:
    return DraftLibrary(app_paths())


def test_data_folder_comes_from_the_environment(isolated_home: Path) -> None:
    assert app_paths().root == isolated_home.resolve()
    assert app_paths().drafts == isolated_home.resolve() / "drafts"


def test_data_dir_option_wins_over_environment(tmp_path: Path) -> None:
    set_data_dir_override(tmp_path / "stick")
    assert app_paths().root == (tmp_path / "stick").resolve()
    set_data_dir_override(None)
    assert app_paths().root != (tmp_path / "stick").resolve()


def test_bundled_folders_are_found() -> None:
    for name in ("templates", "talking_points", "resources"):
        assert bundled_dir(name).is_dir()
    with pytest.raises(ValueError):
        bundled_dir("nothing")


def test_save_new_picks_readable_unique_names(library: DraftLibrary, sample_draft: Draft) -> None:
    first = library.save_new(sample_draft)
    second = library.save_new(sample_draft.copy_as_new())
    assert first.path.name == "re-families-divided-at-the-border.oped"
    assert second.path.name == "re-families-divided-at-the-border-2.oped"
    assert first.path.parent == app_paths().drafts


def test_slugify_handles_any_title() -> None:
    assert slugify("Zoë's letter: ¡Sí!") == "zoe-s-letter-si"
    assert slugify("شكرا") == "draft"
    assert slugify("") == "draft"
    assert len(slugify("word " * 100)) <= 40


def test_entries_sorted_newest_first_with_broken_files_listed(
    library: DraftLibrary, sample_draft: Draft
) -> None:
    older = Draft(title="Older")
    older.modified = older.modified.replace(year=2020)
    save_draft(older, app_paths().ensure().drafts / "older.oped", touch=False)
    newer = library.save_new(sample_draft)
    broken = app_paths().drafts / "broken.oped"
    broken.write_text("{ not json", encoding="utf-8")
    (app_paths().drafts / "notes.txt").write_text("ignored", encoding="utf-8")
    entries = library.entries()
    assert [e.path.name for e in entries] == [newer.path.name, "older.oped", "broken.oped"]
    assert entries[0].title == "Re: Families Divided at the Border"
    assert entries[0].words > 40
    assert entries[0].outlet_id == "nyt"
    assert entries[2].error and "damaged" in entries[2].error
    assert broken.read_text(encoding="utf-8") == "{ not json"


def test_empty_library(library: DraftLibrary) -> None:
    assert library.entries() == []
    assert library.trash() == []


def test_duplicate_makes_an_independent_copy(library: DraftLibrary, sample_draft: Draft) -> None:
    original = library.save_new(sample_draft)
    copy = library.duplicate(original.path)
    assert copy.path != original.path
    again = load_draft(copy.path).draft
    assert again.id != sample_draft.id
    assert again.title == "Re: Families Divided at the Border (copy)"
    assert again.sections == sample_draft.sections


def test_delete_moves_to_trash_and_restore_brings_it_back(
    library: DraftLibrary, sample_draft: Draft
) -> None:
    saved = library.save_new(sample_draft)
    sample_draft.sections["ask"] = "A second version."
    save_draft(sample_draft, saved.path, expected=saved.stamp)  # makes a .bak too
    content = saved.path.read_bytes()
    entry = library.delete(saved.path)
    assert not saved.path.exists() and not backup_path(saved.path).exists()
    assert entry.path.read_bytes() == content
    trash = library.trash()
    assert [t.path for t in trash] == [entry.path]
    assert trash[0].original == saved.path.resolve()
    assert library.entries() == []
    restored = library.restore(trash[0])
    assert restored == saved.path.resolve()
    assert restored.read_bytes() == content
    assert backup_path(restored).exists()
    assert library.trash() == []


def test_restore_does_not_overwrite_a_new_draft_of_the_same_name(
    library: DraftLibrary, sample_draft: Draft
) -> None:
    saved = library.save_new(sample_draft)
    entry = library.delete(saved.path)
    newcomer = library.save_new(sample_draft.copy_as_new())
    assert newcomer.path == saved.path
    restored = library.restore(library.trash()[0])
    assert restored != saved.path and restored.exists()
    assert load_draft(newcomer.path).draft.id == newcomer.draft.id
    assert not entry.path.exists()


def test_trash_survives_a_lost_note(library: DraftLibrary, sample_draft: Draft) -> None:
    saved = library.save_new(sample_draft)
    entry = library.delete(saved.path)
    note = entry.path.with_name(entry.path.name + ".trash.json")
    note.write_text("garbage", encoding="utf-8")
    [item] = library.trash()
    assert item.deleted is None
    assert library.restore(item).parent == app_paths().drafts


def test_empty_trash(library: DraftLibrary, sample_draft: Draft) -> None:
    library.delete(library.save_new(sample_draft).path)
    library.delete(library.save_new(sample_draft.copy_as_new()).path)
    assert library.empty_trash() == 2
    assert list(app_paths().trash.iterdir()) == []


def test_delete_missing_file(library: DraftLibrary, tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="does not exist"):
        library.delete(tmp_path / "ghost.oped")


def test_recent_files(tmp_path: Path) -> None:
    store = tmp_path / "cfg" / "recent.json"
    recent = RecentFiles(store, limit=3)
    assert recent.load() == []
    for name in "abcd":
        recent.add(tmp_path / f"{name}.oped")
    assert [p.name for p in recent.load()] == ["d.oped", "c.oped", "b.oped"]
    recent.add(tmp_path / "b.oped")
    assert [p.name for p in recent.load()] == ["b.oped", "d.oped", "c.oped"]
    recent.remove(tmp_path / "d.oped")
    assert [p.name for p in recent.load()] == ["b.oped", "c.oped"]
    store.write_text("{broken", encoding="utf-8")
    assert recent.load() == []
    store.write_text(json.dumps({"not": "a list"}), encoding="utf-8")
    assert recent.load() == []
    recent.clear()
    assert recent.load() == []
