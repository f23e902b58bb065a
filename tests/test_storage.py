"""Saving and loading draft files: atomic saves, backups, outside changes, corrupt files."""

from __future__ import annotations

import errno
import hashlib
import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oped_studio.core import atomic
from oped_studio.core.draft import Author, Draft, clean_text
from oped_studio.core.errors import ConflictError, DraftFileError, SaveError
from oped_studio.core.storage import (
    MAX_DRAFT_BYTES,
    FileStamp,
    backup_path,
    has_changed_on_disk,
    load_draft,
    save_draft,
)
from tests.helpers import FIXTURES


def fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_save_and_load_round_trip(tmp_path: Path, sample_draft: Draft) -> None:
    path = tmp_path / "letter.oped"
    stamp = save_draft(sample_draft, path)
    loaded = load_draft(path)
    assert loaded.draft == sample_draft
    assert loaded.stamp == stamp
    assert loaded.migrated_from is None
    text = path.read_text(encoding="utf-8")
    assert "Zoë Müller" in text and "🌵" in text, "stored as readable UTF-8, not escapes"
    assert json.loads(text)["format"] == "oped-studio-draft"


def test_save_updates_modified_time(tmp_path: Path, sample_draft: Draft) -> None:
    sample_draft.modified = sample_draft.modified.replace(year=2001)
    save_draft(sample_draft, tmp_path / "a.oped")
    assert sample_draft.modified.year > 2001


def test_second_save_keeps_previous_version_as_backup(tmp_path: Path, sample_draft: Draft) -> None:
    path = tmp_path / "letter.oped"
    stamp = save_draft(sample_draft, path)
    first = path.read_bytes()
    sample_draft.sections["ask"] = "A new ask."
    save_draft(sample_draft, path, expected=stamp)
    assert backup_path(path).read_bytes() == first
    assert load_draft(backup_path(path)).draft.sections["ask"] == "Congress should act this month."
    assert load_draft(path).draft.sections["ask"] == "A new ask."


def test_outside_change_is_detected_and_not_overwritten(
    tmp_path: Path, sample_draft: Draft
) -> None:
    path = tmp_path / "letter.oped"
    stamp = save_draft(sample_draft, path)
    other = load_draft(path).draft
    other.sections["ask"] = "Written in another window."
    save_draft(other, path, expected=stamp)
    outside = path.read_bytes()
    assert has_changed_on_disk(path, stamp)
    sample_draft.sections["ask"] = "Mine."
    with pytest.raises(ConflictError, match="changed by another program"):
        save_draft(sample_draft, path, expected=stamp)
    assert path.read_bytes() == outside
    # The user chooses to replace the other version.
    save_draft(sample_draft, path, expected=stamp, overwrite=True)
    assert load_draft(path).draft.sections["ask"] == "Mine."


def test_existing_file_without_stamp_is_a_conflict(tmp_path: Path, sample_draft: Draft) -> None:
    path = tmp_path / "someone-elses.oped"
    path.write_text("not mine", encoding="utf-8")
    with pytest.raises(ConflictError):
        save_draft(sample_draft, path)
    assert path.read_text(encoding="utf-8") == "not mine"


def test_deleted_file_counts_as_changed(tmp_path: Path, sample_draft: Draft) -> None:
    path = tmp_path / "letter.oped"
    stamp = save_draft(sample_draft, path)
    path.unlink()
    assert has_changed_on_disk(path, stamp)
    assert not has_changed_on_disk(path, None)


def test_crash_between_write_and_replace_leaves_old_file(
    tmp_path: Path, sample_draft: Draft, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "letter.oped"
    stamp = save_draft(sample_draft, path)
    before = path.read_bytes()

    def crash(*_args: object) -> None:
        raise KeyboardInterrupt("simulated crash")

    monkeypatch.setattr(atomic.os, "replace", crash)
    sample_draft.sections["ask"] = "never written"
    with pytest.raises(KeyboardInterrupt):
        save_draft(sample_draft, path, expected=stamp)
    assert path.read_bytes() == before
    assert leftovers(tmp_path) == []
    assert load_draft(path).draft.sections["ask"] == "Congress should act this month."


class _FullDisk:
    """A file object whose writes fail as on a full disk."""

    def __init__(self, real) -> None:
        self.real = real

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.real.close()

    def write(self, _data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    def flush(self) -> None: ...

    def fileno(self) -> int:
        return self.real.fileno()


def _full_disk_writes(real_fdopen):
    """``os.fdopen`` whose files opened for writing fail as on a full disk (reads still work:
    a save reads the previous file first)."""
    return lambda fd, mode, *a: (_FullDisk if "w" in mode else lambda f: f)(real_fdopen(fd, mode))


def test_disk_full_leaves_old_file_intact(
    tmp_path: Path, sample_draft: Draft, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "letter.oped"
    stamp = save_draft(sample_draft, path)
    before = path.read_bytes()
    real_fdopen = os.fdopen
    monkeypatch.setattr(atomic.os, "fdopen", _full_disk_writes(real_fdopen))
    sample_draft.sections["ask"] = "x" * 10_000
    with pytest.raises(SaveError, match="the disk is full") as info:
        save_draft(sample_draft, path, expected=stamp)
    assert "previous file is unchanged" in str(info.value)
    assert path.read_bytes() == before
    assert leftovers(tmp_path) == []


def test_disk_full_on_a_new_file_leaves_nothing(
    tmp_path: Path, sample_draft: Draft, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fdopen = os.fdopen
    monkeypatch.setattr(atomic.os, "fdopen", _full_disk_writes(real_fdopen))
    folder = tmp_path / "work"
    folder.mkdir()
    with pytest.raises(SaveError, match="disk is full"):
        save_draft(sample_draft, folder / "new.oped")
    assert list(folder.iterdir()) == []


def test_read_only_folder_gives_clear_error(
    tmp_path: Path, sample_draft: Draft, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As root, chmod does not stop writes, so the refusal is simulated where it happens."""
    folder = tmp_path / "locked"
    folder.mkdir()
    path = folder / "letter.oped"
    stamp = save_draft(sample_draft, path)
    before = path.read_bytes()
    if os.geteuid() != 0:
        folder.chmod(0o555)
    else:

        def refuse(*_args: object, **_kwargs: object):
            raise OSError(errno.EROFS, "Read-only file system")

        monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    try:
        sample_draft.sections["ask"] = "changed"
        with pytest.raises(SaveError, match=r"read-only|permission denied"):
            save_draft(sample_draft, path, expected=stamp)
    finally:
        folder.chmod(0o755)
    assert path.read_bytes() == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder_for_real(tmp_path: Path, sample_draft: Draft) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(SaveError, match="permission denied"):
            save_draft(sample_draft, folder / "x.oped")
    finally:
        folder.chmod(0o755)


def test_saving_onto_a_folder_is_refused(tmp_path: Path, sample_draft: Draft) -> None:
    (tmp_path / "dir.oped").mkdir()
    with pytest.raises(SaveError, match="folder"):
        save_draft(sample_draft, tmp_path / "dir.oped", overwrite=True)


def test_saving_into_a_missing_folder(tmp_path: Path, sample_draft: Draft) -> None:
    with pytest.raises(SaveError, match="does not exist"):
        save_draft(sample_draft, tmp_path / "nowhere" / "x.oped")


# -- corrupt and foreign files -------------------------------------------------------------

VALID = (FIXTURES / "drafts" / "format-1.oped").read_bytes()
SAMPLE = json.loads(VALID)


def _json(change: dict) -> bytes:
    data = dict(SAMPLE)
    data.update(change)
    return json.dumps(data).encode()


CORRUPT = {
    "truncated": (VALID[: len(VALID) // 2], "damaged or is not a draft", True),
    "empty": (b"", "the file is empty", False),
    "whitespace": (b"  \n\t ", "the file is empty", False),
    "binary garbage": (bytes(range(256)) * 8, "not a text file in UTF-8", False),
    "latin-1 text": ("café".encode("latin-1"), "not a text file in UTF-8", False),
    "a list": (b"[1, 2, 3]", "not an OpEd Studio draft", False),
    "foreign json": (b'{"name": "x", "version": "1.0"}', "lacks the marker", False),
    "wrong type": (_json({"sections": "hook"}), "'sections' must be an object", False),
    "unknown format_version": (_json({"format_version": 99}), "newer version", False),
    "format_version text": (_json({"format_version": "1"}), "'format_version' must be", False),
    "deeply nested": (b"[" * 100_000 + b"]" * 100_000, "nested too deeply", False),
}


@pytest.mark.parametrize("name", list(CORRUPT))
def test_corrupt_files_give_one_clear_error_and_stay_untouched(tmp_path: Path, name: str) -> None:
    content, message, has_position = CORRUPT[name]
    folder = tmp_path / "work"
    folder.mkdir()
    path = folder / "bad.oped"
    path.write_bytes(content)
    before = fingerprint(path)
    with pytest.raises(DraftFileError) as info:
        load_draft(path)
    error = info.value
    assert str(error).startswith(f"Cannot open {path}")
    assert message in str(error)
    assert error.path == path
    if has_position:
        assert error.line is not None and error.column is not None
        assert f"line {error.line}, column {error.column}" in str(error)
    assert "\n" not in str(error)
    assert fingerprint(path) == before
    assert sorted(p.name for p in folder.iterdir()) == ["bad.oped"]


def test_truncated_json_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "cut.oped"
    path.write_text('{\n  "format": "oped-studio-draft",\n  "id": "ab', encoding="utf-8")
    with pytest.raises(DraftFileError) as info:
        load_draft(path)
    assert info.value.line == 3


def test_a_50_megabyte_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.oped"
    with open(path, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    assert path.stat().st_size > MAX_DRAFT_BYTES
    with pytest.raises(DraftFileError, match="a draft may be at most 32 MB"):
        load_draft(path)
    assert path.stat().st_size == 50 * 1024 * 1024


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(DraftFileError, match="does not exist"):
        load_draft(tmp_path / "nope.oped")
    with pytest.raises(DraftFileError, match="folder"):
        load_draft(tmp_path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_or_a_device_is_refused_at_once(tmp_path: Path) -> None:
    """Opening a pipe with no writer would wait for ever: the window would hang."""
    pipe = tmp_path / "letter.oped"
    os.mkfifo(pipe)
    with pytest.raises(DraftFileError, match="a pipe, a device or a socket, not a file"):
        load_draft(pipe)
    with pytest.raises(DraftFileError, match="not a file"):
        load_draft(Path(os.devnull))


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.oped"
    path.write_bytes(b"\xef\xbb\xbf" + VALID)
    assert load_draft(path).draft.author.name == "Zoë Müller"


def test_file_stamp_compares_content() -> None:
    assert FileStamp.of(b"abc") == FileStamp.of(b"abc")
    assert FileStamp.of(b"abc") != FileStamp.of(b"abd")


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.text(max_size=200), body=st.text(), name=st.text(max_size=100))
def test_any_unicode_survives_save_and_load(
    tmp_path: Path, title: str, body: str, name: str
) -> None:
    """Control characters, NUL, RTL marks, emoji and lone surrogates (read back as U+FFFD)."""
    draft = Draft(title=title, sections={"hook": body}, author=Author(name=name))
    path = tmp_path / "any.oped"
    save_draft(draft, path, overwrite=True)
    again = load_draft(path).draft
    assert again.title == clean_text(title)
    assert again.sections["hook"] == clean_text(body)
    assert again.author.name == clean_text(name)
