"""Where OpEd Studio keeps things: the user's folders and the bundled data folders.

:class:`AppPaths` is the one home of every location in the user's data: the CLI and the
window compute it once (:func:`app_paths`) and hand it to whatever reads or writes there
(settings, contact details, recovery copies, the submission log, the personal dictionary,
the writer's own papers, packs and templates, unpacked kits), so a test or a ``--data-dir``
points all of them elsewhere at once and nothing reaches for a process-wide folder.

The user's data folder is, in order of precedence: the ``--data-dir`` option (which the CLI
passes to :func:`set_data_dir_override`), the ``OPED_STUDIO_HOME`` environment variable (every
test sets it), or the platform's user data folder (``platformdirs``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from oped_studio import APP_NAME

ENV_HOME = "OPED_STUDIO_HOME"

#: The top-level data folders shipped with the app (inside the wheel, or at the top of a
#: source checkout).
BUNDLED_FOLDERS = ("templates", "talking_points", "resources")

_override: Path | None = None


_kit_folder: Path | None = None


def set_kit_folder(path: Path | None) -> None:
    """Use the packs, papers and structures of the kit unpacked at ``path`` (``--kit``)."""
    global _kit_folder
    _kit_folder = Path(path) if path is not None else None


def kit_folder() -> Path | None:
    """The folder of the kit in use, if any."""
    return _kit_folder


def set_data_dir_override(path: Path | str | None) -> None:
    """Use ``path`` as the data folder for this process (the ``--data-dir`` option)."""
    global _override
    _override = Path(path).expanduser().resolve() if path is not None else None


@dataclass(frozen=True)
class AppPaths:
    """The folders of one user's OpEd Studio data."""

    root: Path
    config: Path

    @property
    def drafts(self) -> Path:
        return self.root / "drafts"

    @property
    def trash(self) -> Path:
        return self.root / "trash"

    @property
    def recent_file(self) -> Path:
        return self.config / "recent.json"

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.json"

    @property
    def author_file(self) -> Path:
        """The contact block remembered for the next draft."""
        return self.config / "author.json"

    @property
    def recovery(self) -> Path:
        """Recovery copies of drafts with unsaved changes."""
        return self.root / "recovery"

    @property
    def event_copies(self) -> Path:
        """This laptop's own copy of each event's drafts (a folder per event's uid), kept
        while the event folder (a USB stick, say) is away."""
        return self.root / "events"

    @property
    def submissions_file(self) -> Path:
        """The log of where and when letters were sent."""
        return self.root / "submissions.json"

    @property
    def dictionary_file(self) -> Path:
        """The personal dictionary: one word per line."""
        return self.root / "dictionary.txt"

    @property
    def outlets_file(self) -> Path:
        """The writer's own papers (and changes to bundled ones)."""
        return self.root / "outlets.toml"

    @property
    def packs(self) -> Path:
        """The writer's own talking-point packs."""
        return self.root / "packs"

    @property
    def templates(self) -> Path:
        """Letter templates that replace the bundled ones of the same name."""
        return self.root / "templates"

    @property
    def kits(self) -> Path:
        """Where kits are unpacked to be used."""
        return self.root / "kits"

    def ensure(self) -> AppPaths:
        """Create the folders that do not exist yet and return ``self``."""
        for folder in (self.root, self.config, self.drafts, self.trash):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def app_paths() -> AppPaths:
    """The folders in force now (nothing is created: call :meth:`AppPaths.ensure`)."""
    if _override is not None:
        return AppPaths(root=_override, config=_override / "config")
    env = os.environ.get(ENV_HOME, "").strip()
    if env:
        root = Path(env).expanduser().resolve()
        return AppPaths(root=root, config=root / "config")
    import platformdirs  # imported late: `--version` must work without it

    return AppPaths(
        root=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
    )


def bundled_dir(name: str) -> Path:
    """The bundled data folder ``name`` (one of :data:`BUNDLED_FOLDERS`).

    An installed wheel carries the folders inside the package; a source checkout (or an
    editable install) has them at the top of the repository, one level above the package.
    """
    if name not in BUNDLED_FOLDERS:
        raise ValueError(f"unknown bundled folder {name!r}")
    package = Path(__file__).resolve().parent.parent
    inside = package / name
    if inside.is_dir():
        return inside
    beside = package.parent / name
    if beside.is_dir():
        return beside
    raise FileNotFoundError(
        f"OpEd Studio's {name!r} folder is missing from {package}: reinstall the app."
    )
