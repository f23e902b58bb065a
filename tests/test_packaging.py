"""A non-editable install carries the data folders and works from any folder."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from oped_studio import __version__

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "--wheel-dir",
            str(out),
            str(ROOT),
        ],
        check=True,
        timeout=300,
    )
    [built] = out.glob("oped_studio-*.whl")
    return built


def test_wheel_contains_code_and_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "oped_studio/__main__.py",
        "oped_studio/cli/__init__.py",
        "oped_studio/core/draft.py",
        "oped_studio/gui/main_window.py",
        "oped_studio/templates/structures/letter-response.toml",
        "oped_studio/templates/structures/oped-classic.toml",
    ):
        assert required in names
    for folder in ("templates", "talking_points", "resources"):
        shipped = {n for n in names if n.startswith(f"oped_studio/{folder}/")}
        in_repo = {
            f"oped_studio/{p.relative_to(ROOT).as_posix()}"
            for p in (ROOT / folder).rglob("*")
            if p.is_file() and "__pycache__" not in p.parts
        }
        assert in_repo <= shipped, f"{folder}/ files missing from the wheel"
    assert not any(n.startswith("tests/") for n in names)
    metadata = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    entry_points = zipfile.ZipFile(wheel).read(metadata).decode()
    assert "[gui_scripts]\noped-studio = oped_studio.cli:main" in entry_points


def test_installed_wheel_runs_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "fresh"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    python = venv / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
        check=True,
        timeout=300,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # Only the installed package: a PYTHONPATH pointing at a checkout (as the test command
    # for a worktree sets) would shadow it.
    env = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}
    result = subprocess.run(
        [str(venv / "bin" / "oped-studio"), "--version"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"OpEd Studio {__version__}"
    probe = (
        "from oped_studio.core.paths import bundled_dir\n"
        "from oped_studio.core.structures import bundled_structures\n"
        "print(bundled_dir('templates'))\n"
        "print(sorted(bundled_structures()))\n"
    )
    result = subprocess.run(
        [str(python), "-c", probe],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    folder, structures = result.stdout.splitlines()
    assert Path(folder).is_relative_to(venv), "data must come from the installed package"
    assert "letter-response" in structures and "oped-classic" in structures
