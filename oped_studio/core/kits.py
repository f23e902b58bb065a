"""Workshop kits: one ``.opedkit`` file (a zip) a facilitator brings to a letter-writing event.

A kit holds data only, never code::

    manifest.toml          the event (title, date, organizer, welcome text), the default kind
                           and paper, the papers offered, and optional venue settings
    packs/<id>.toml        talking-point packs
    outlets.toml           the kit's own papers (optional; bundled ones are named by id)
    structures/<id>.toml   letter structures (optional)

Opening a kit is safe against hostile files: every entry is checked before anything is
written (names with ``..`` or absolute paths, links, duplicate names, too many files or bytes,
archives inside the archive, names that are not UTF-8, anything outside the list above), and
the files are written only into the kit's own folder, all at once. See ``docs/kits.md``.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import stat
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath

from oped_studio.core.atomic import TargetError, atomic_write_bytes, check_target
from oped_studio.core.errors import OpedError, describe_os_error
from oped_studio.core.files import UnreadableFileError, read_regular_file
from oped_studio.core.paths import AppPaths
from oped_studio.core.settings import server_url_problem
from oped_studio.core.validation import ID_RE, Problem, parse_toml

KIT_SUFFIX = ".opedkit"
KIT_FORMAT = "oped-studio-kit"
KIT_FORMAT_VERSION = 1

#: Limits for a kit (a real kit is a few dozen kilobytes).
MAX_ENTRIES = 200
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_TOTAL_BYTES = 20 * 1024 * 1024
#: The kit file itself (compressed, so never larger than what it unpacks to, plus headers).
MAX_KIT_BYTES = MAX_TOTAL_BYTES + 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, per entry: more is a zip bomb

_ALLOWED = re.compile(
    r"^(manifest\.toml|outlets\.toml|(packs|structures)/[a-z0-9][a-z0-9-]*\.toml)\Z"
)
_ARCHIVE_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"\x1f\x8b", b"BZh", b"\xfd7zXZ", b"7z\xbc\xaf")
_ARCHIVE_SUFFIXES = (".zip", ".opedkit", ".gz", ".tgz", ".tar", ".bz2", ".xz", ".7z", ".rar")
_MANIFEST_KEYS = (
    "format",
    "format_version",
    "id",
    "title",
    "date",
    "organizer",
    "welcome",
    "default_kind",
    "default_outlet",
    "outlets",
    "packs",
    "venue",
)


class KitError(OpedError):
    """A kit that cannot be opened or built; the message says why and what to do."""


@dataclass
class Manifest:
    id: str
    title: str
    date: date | None = None
    organizer: str = ""
    welcome: str = ""
    default_kind: str = "lte"
    default_outlet: str = ""
    outlets: list[str] = field(default_factory=list)
    packs: list[str] = field(default_factory=list)
    languagetool_url: str = ""

    def to_toml(self) -> str:
        def q(text: str) -> str:
            import json

            return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")

        lines = [
            f'format = "{KIT_FORMAT}"',
            f"format_version = {KIT_FORMAT_VERSION}",
            f"id = {q(self.id)}",
            f"title = {q(self.title)}",
        ]
        if self.date:
            lines.append(f"date = {q(self.date.isoformat())}")
        for key in ("organizer", "welcome", "default_outlet"):
            if getattr(self, key):
                lines.append(f"{key} = {q(getattr(self, key))}")
        lines.append(f"default_kind = {q(self.default_kind)}")
        lines.append("outlets = [" + ", ".join(q(o) for o in self.outlets) + "]")
        lines.append("packs = [" + ", ".join(q(p) for p in self.packs) + "]")
        if self.languagetool_url:
            lines += ["", "[venue]", f"languagetool_url = {q(self.languagetool_url)}"]
        return "\n".join(lines) + "\n"


@dataclass
class Kit:
    """An opened kit: its manifest and the folder its files were written to."""

    manifest: Manifest
    folder: Path

    @property
    def packs_dir(self) -> Path:
        return self.folder / "packs"

    @property
    def outlets_file(self) -> Path:
        return self.folder / "outlets.toml"


# -- reading a zip safely ----------------------------------------------------------------------


def read_entries(path: Path) -> dict[str, bytes]:
    """The kit's files by name, after every safety check (raises KitError naming the entry)."""
    try:  # a pipe or a device named like a kit would hang a plain open, or fill memory
        data = read_regular_file(path, max_bytes=MAX_KIT_BYTES, what="kit")
    except UnreadableFileError as exc:
        raise KitError(f"{exc}.") from None
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError) as exc:
        raise KitError(
            f"{path.name} is not a kit: it cannot be read as a zip file ({exc})."
        ) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise KitError(
                f"{path.name} holds {len(infos):,} files; a kit may hold at most {MAX_ENTRIES}."
            )
        seen: set[str] = set()
        total = 0
        files: dict[str, bytes] = {}
        for info in infos:
            name = _check_name(info, path)
            if info.is_dir():
                continue
            folded = name.casefold()
            if folded in seen:
                raise KitError(f"{path.name} holds “{name}” twice; a kit may hold each file once.")
            seen.add(folded)
            if info.file_size > MAX_FILE_BYTES:
                raise KitError(
                    f"“{name}” in {path.name} is {info.file_size:,} bytes; files in a kit may be "
                    f"at most {MAX_FILE_BYTES:,}."
                )
            if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
                raise KitError(
                    f"“{name}” in {path.name} unpacks to {info.file_size:,} bytes from "
                    f"{info.compress_size:,}: refused as a zip bomb."
                )
            if info.flag_bits & 0x1:
                raise KitError(
                    f"“{name}” in {path.name} is encrypted (the zip has a password); kits are "
                    "never encrypted: ask the organizer for the kit as built by "
                    "'oped-studio kit build', or rebuild it without a password."
                )
            try:
                with archive.open(info) as stream:
                    data = stream.read(MAX_FILE_BYTES + 1)  # never trust the stated size
            except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:
                raise KitError(f"“{name}” in {path.name} cannot be read: {exc}.") from None
            if len(data) > MAX_FILE_BYTES:
                raise KitError(f"“{name}” in {path.name} is larger than it says: refused.")
            total += len(data)
            if total > MAX_TOTAL_BYTES:
                raise KitError(
                    f"{path.name} unpacks to more than {MAX_TOTAL_BYTES:,} bytes: refused."
                )
            if data.startswith(_ARCHIVE_MAGIC):
                raise KitError(
                    f"“{name}” in {path.name} is an archive inside the kit; kits hold plain "
                    "text files only."
                )
            files[name] = data
    if "manifest.toml" not in files:
        raise KitError(f"{path.name} has no manifest.toml, so it is not an OpEd Studio kit.")
    return files


def _check_name(info: zipfile.ZipInfo, path: Path) -> str:
    name = info.filename
    utf8 = bool(info.flag_bits & 0x800)
    if not utf8 and not name.isascii():
        raise KitError(
            f"{path.name} has a file whose name is not UTF-8 ({name!r}); rebuild the kit "
            "with 'oped-studio kit build'."
        )
    if "\x00" in name or "\\" in name or name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        raise KitError(f"{path.name} has a file with an absolute or unsafe name: “{name}”.")
    parts = PurePosixPath(name).parts
    if ".." in parts or "." in parts:
        raise KitError(f"{path.name} has a file that points outside the kit: “{name}”; refused.")
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise KitError(f"{path.name} has a link, “{name}”; kits hold plain files only.")
    if info.is_dir():
        if name.rstrip("/") not in ("packs", "structures"):
            raise KitError(f"{path.name} has an unexpected folder: “{name}”.")
        return name
    if name.lower().endswith(_ARCHIVE_SUFFIXES):
        raise KitError(
            f"“{name}” in {path.name} is an archive inside the kit; kits hold plain text files "
            "only."
        )
    if not _ALLOWED.match(name):
        raise KitError(
            f"{path.name} has an unexpected file, “{name}”: a kit holds manifest.toml, "
            "outlets.toml, packs/<id>.toml and structures/<id>.toml only."
        )
    return name


# -- the manifest --------------------------------------------------------------------------------


def parse_manifest(data: bytes, where: Path) -> tuple[Manifest | None, list[Problem]]:
    parsed, checker = parse_toml(data, where)
    if parsed is None:
        return None, checker.problems
    checker.keys(parsed, (), _MANIFEST_KEYS)
    if parsed.get("format") != KIT_FORMAT:
        checker.problem(("format",), f'must be format = "{KIT_FORMAT}"')
    version = parsed.get("format_version")
    if version != KIT_FORMAT_VERSION:
        checker.problem(
            ("format_version",),
            f"is {version!r:.40}; this version of OpEd Studio reads kits of format "
            f"{KIT_FORMAT_VERSION} (update the app to open newer kits)",
        )
    kit_id = checker.ident(parsed, "id", ())
    title = checker.line(parsed, "title", (), limit=200)
    when = None
    raw_date = parsed.get("date")
    if isinstance(raw_date, date):
        when = raw_date
    elif isinstance(raw_date, str):
        try:
            when = date.fromisoformat(raw_date.strip())
        except ValueError:
            checker.problem(("date",), f"'{raw_date}' is not a date; write it as 2026-12-05")
    elif raw_date is not None:
        checker.problem(("date",), "must be a date like 2026-12-05")
    organizer = checker.line(parsed, "organizer", (), required=False, limit=200)
    welcome = checker.text(parsed, "welcome", (), required=False, limit=4000)
    kind = checker.text(parsed, "default_kind", (), required=False, limit=10) or "lte"
    if kind not in ("lte", "oped"):
        checker.problem(("default_kind",), f'\'{kind}\' is not a kind; use "lte" or "oped"')
        kind = "lte"
    default_outlet = checker.ident(parsed, "default_outlet", (), required=False)
    outlets = checker.text_list(parsed, "outlets", (), limit=64)
    packs = checker.text_list(parsed, "packs", (), limit=64)
    for key, values in (("outlets", outlets), ("packs", packs)):
        for value in values:
            if not ID_RE.match(value):
                checker.problem((key,), f"'{value}' is not a valid id")
    venue = checker.table(parsed, "venue", ())
    checker.keys(venue, ("venue",), ("languagetool_url",))
    url = checker.url(venue, "languagetool_url", ("venue",)) if venue else ""
    if url and (problem := server_url_problem(url)):
        checker.problem(("venue", "languagetool_url"), problem)
    if default_outlet and outlets and default_outlet not in outlets:
        checker.problem(("default_outlet",), f"'{default_outlet}' is not in outlets; add it there")
    if checker.problems:
        return None, checker.sorted_problems()
    return (
        Manifest(
            id=kit_id,
            title=title,
            date=when,
            organizer=organizer,
            welcome=welcome,
            default_kind=kind,
            default_outlet=default_outlet,
            outlets=outlets,
            packs=packs,
            languagetool_url=url,
        ),
        [],
    )


# -- validating, opening, building ------------------------------------------------------------


def validate_kit(path: Path, paths: AppPaths) -> list[Problem]:
    """Every problem of the kit at ``path``, like ``packs validate`` reports them (a paper
    the kit names must be in the kit or in the directory of ``paths``)."""
    from oped_studio.core.outlets import load_directory, read_outlets_file
    from oped_studio.core.packs import load_pack
    from oped_studio.core.structures import StructureError, bundled_structures, parse_structure

    try:
        files = read_entries(path)
    except KitError as exc:
        return [Problem(path, 1, "(file)", str(exc))]
    manifest, problems = parse_manifest(files["manifest.toml"], path / "manifest.toml")
    with tempfile.TemporaryDirectory(prefix="oped-kit-") as tmp:
        folder = Path(tmp)
        _write_files(files, folder)
        structures = dict(bundled_structures())  # a pack's examples may name the kit's too
        for name in sorted(n for n in files if n.startswith("structures/")):
            try:
                structure = parse_structure(folder / name)
            except StructureError as exc:
                problems.append(Problem(path / name, 1, "(file)", str(exc).split(": ", 1)[-1]))
            else:
                structures[structure.id] = structure
        pack_ids: list[str] = []
        for name in sorted(n for n in files if n.startswith("packs/")):
            load = load_pack(folder / name, "user", structures)
            problems += [_relocate(p, folder, path) for p in load.problems]
            if load.pack is not None and load.pack.id:
                pack_ids.append(load.pack.id)
        kit_outlets: set[str] = set()
        if "outlets.toml" in files:
            found, outlet_problems = read_outlets_file(folder / "outlets.toml", "user")
            problems += [_relocate(p, folder, path) for p in outlet_problems]
            kit_outlets = {o.id for o in found}
    if manifest is not None:
        known = set(load_directory(paths).outlets) | kit_outlets
        for outlet_id in manifest.outlets:
            if outlet_id not in known:
                problems.append(
                    Problem(
                        path / "manifest.toml",
                        1,
                        "outlets",
                        f"'{outlet_id}' is neither a paper in the directory nor in the kit's "
                        "outlets.toml",
                    )
                )
        for pack_id in manifest.packs:
            if pack_id not in pack_ids:
                problems.append(
                    Problem(
                        path / "manifest.toml", 1, "packs", f"'{pack_id}' has no file in packs/"
                    )
                )
    return problems


def _relocate(problem: Problem, folder: Path, kit: Path) -> Problem:
    """A problem in an unpacked file, named as the file inside the kit."""
    try:
        inner = problem.file.relative_to(folder)
    except ValueError:
        return problem
    return Problem(kit / inner, problem.line, problem.field, problem.message)


def _write_files(files: dict[str, bytes], folder: Path) -> None:
    for name, data in files.items():
        target = (folder / name).resolve()
        if not target.is_relative_to(folder.resolve()):  # _check_name already refused it
            raise KitError(f"“{name}” points outside the kit; refused.")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def open_kit(path: Path, paths: AppPaths) -> Kit:
    """Check the kit at ``path`` and unpack it into its own folder under ``paths.kits``.

    Raises KitError with every problem when the kit is not usable; nothing is written then.
    """
    path = Path(path)
    problems = validate_kit(path, paths)
    if problems:
        shown = "\n".join(str(p) for p in problems[:10])
        more = f"\n(and {len(problems) - 10} more)" if len(problems) > 10 else ""
        raise KitError(f"{path.name} cannot be used:\n{shown}{more}")
    files = read_entries(path)
    manifest, _ = parse_manifest(files["manifest.toml"], path / "manifest.toml")
    assert manifest is not None  # validate_kit found no problem
    digest = hashlib.sha256(b"".join(files[n] for n in sorted(files))).hexdigest()[:10]
    parent = paths.kits
    folder = parent / f"{manifest.id}-{digest}"
    if not folder.is_dir():
        try:
            parent.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=".unpacking-", dir=parent))
            _write_files(files, staging)
            os.replace(staging, folder)
        except OSError as exc:
            raise KitError(f"Cannot unpack {path.name}: {describe_os_error(exc)}.") from exc
    return Kit(manifest, folder)


def kit_file(out: Path | str) -> Path:
    """The file a kit asked for as ``out`` is written to: with the kit's suffix."""
    out = Path(out)
    return out if out.suffix == KIT_SUFFIX else out.with_name(out.name + KIT_SUFFIX)


def build_kit(
    out: Path,
    manifest: Manifest,
    *,
    pack_files: dict[str, Path],
    paths: AppPaths,
    outlets_toml: str = "",
    structure_files: list[Path] | None = None,
    force: bool = False,
) -> Path:
    """Write a kit: the manifest, the packs (by id -> their file), the kit's own papers, and
    letter structures. Atomic; checks the result like ``kit validate`` before keeping it."""
    out = kit_file(out)
    try:
        check_target(out, force=force)  # a link or a device never; a kit only with force
    except TargetError as exc:
        raise KitError(str(exc)) from None
    manifest.packs = sorted(pack_files)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.toml", manifest.to_toml())
        for pack_id, source in sorted(pack_files.items()):
            archive.writestr(f"packs/{pack_id}.toml", _read(source))
        if outlets_toml:
            archive.writestr("outlets.toml", outlets_toml)
        for source in structure_files or []:
            archive.writestr(f"structures/{source.stem}.toml", _read(source))
    with tempfile.TemporaryDirectory(prefix="oped-kit-") as tmp:
        trial = Path(tmp) / out.name
        trial.write_bytes(buffer.getvalue())
        problems = validate_kit(trial, paths)
    if problems:  # named by the kit's own name, not the trial copy's temporary folder
        shown = [str(p).replace(str(trial), out.name) for p in problems[:10]]
        raise KitError("The kit would not open:\n" + "\n".join(shown))
    try:
        atomic_write_bytes(out, buffer.getvalue(), private=False, force=force)
    except TargetError as exc:
        raise KitError(str(exc)) from None
    return out


def own_outlets_toml(outlets) -> str:
    """The kit's ``outlets.toml`` for the chosen papers: those of the facilitator's own (the
    venue's laptops do not have them); bundled papers are named by id in the manifest."""
    from oped_studio.core.user_outlets import outlets_to_toml

    own = [outlet for outlet in outlets if outlet.origin == "user"]
    return outlets_to_toml(own) if own else ""


def _read(source: Path) -> bytes:
    try:
        return read_regular_file(source, max_bytes=MAX_FILE_BYTES, what="file for a kit")
    except UnreadableFileError as exc:
        raise KitError(f"{exc}.") from None
