"""``packs validate --sources DIR``: wording a pack copies from its source documents, and the
bundled examples read by the originality check as a writer's letter would be."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from oped_studio.checks.originality import PackIndex
from oped_studio.checks.source_copy import SOURCE_RUN, SourceIndex, copied_from_sources
from oped_studio.cli import main
from oped_studio.core.packs import usable_packs
from oped_studio.core.paths import app_paths, bundled_dir
from oped_studio.core.structures import bundled_structures
from tests.test_packs import GOOD, SEEDS, write

BUNDLED = sorted(bundled_dir("talking_points").glob("*.toml"))
REPORT = "Riders said the EVENING route is, by far, among the busiest in the whole county system."


def sources(tmp_path: Path, text: str = REPORT, name: str = "report.txt") -> Path:
    folder = tmp_path / "sources"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def validate(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["packs", "validate", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_a_copied_fact_is_reported_with_file_line_field_and_source(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Case, punctuation and spacing differ from the source; the words are the same.
    copied = "the evening route is by far among  the busiest in the whole County system"
    pack = write(tmp_path, GOOD.replace("The route is among the busiest.", copied))
    status, out, _ = validate(capsys, str(pack), "--sources", str(sources(tmp_path)))
    assert status == 1
    assert (
        f"{pack}:25: points[1].facts[1].text: 14 words in a row are copied from the source "
        "report.txt: “the evening route is by far among the busiest in the whole...”; say "
        "it in your own words"
    ) in out
    assert "ok:" not in out


def test_seven_words_pass_and_eight_are_caught(tmp_path: Path) -> None:
    assert SOURCE_RUN == 8
    index = SourceIndex([("report.txt", REPORT)])
    assert list(index.copied("Downtown, the busiest in the whole county system runs late.")) == []
    found = list(index.copied("Downtown, among the busiest in the whole county system runs."))
    assert [(count, name) for count, name, _ in found] == [(8, "report.txt")]


def test_list_items_and_examples_are_located_on_their_own_line(tmp_path: Path) -> None:
    copied = "By far among the busiest in the whole county system."
    text = GOOD.replace(
        'license = "CC-BY-4.0"\n',
        f'license = "CC-BY-4.0"\nhooks = [\n    "A hook of our own.",\n    "{copied}",\n]\n',
    )
    text += f'\n[examples.letter-response]\nhook = "{copied}"\n'
    pack = write(tmp_path, text)
    problems = copied_from_sources(pack, SourceIndex([("report.txt", REPORT)]))
    assert [(p.line, p.field) for p in problems] == [
        (11, "hooks[2]"),
        (34, "examples.letter-response.hook"),
    ]


def test_titles_and_notes_may_quote_a_source(tmp_path: Path) -> None:
    pack = write(tmp_path, GOOD.replace('title = "Ridership report"', f'title = "{REPORT}"'))
    assert copied_from_sources(pack, SourceIndex([("report.txt", REPORT)])) == []


def test_html_sources_are_read_without_their_tags(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    page = (
        "<html><p>Riders said the <b>evening</b> route is, by far, among the busiest in the "
        "whole county system.</p></html>"
    )
    folder = sources(tmp_path, page, "page.html")
    pack = write(tmp_path, GOOD.replace("The route is among", "The evening route is by far among"))
    pack.write_text(
        pack.read_text().replace("the busiest.", "the busiest in the whole county system.")
    )
    status, out, _ = validate(capsys, str(pack), "--sources", str(folder))
    assert status == 1 and "copied from the source page.html" in out


@pytest.mark.parametrize("kind", ["missing", "empty", "fifo", "binary"])
def test_an_unusable_sources_folder_is_one_clear_sentence(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, kind: str
) -> None:
    folder = tmp_path / "sources"
    if kind != "missing":
        folder.mkdir()
    if kind == "fifo":
        os.mkfifo(folder / "pipe.txt")  # must not hang
    if kind == "binary":
        (folder / "x.txt").write_bytes(b"\xff\xfe\x00bad")
    pack = write(tmp_path, GOOD)
    status, out, err = validate(capsys, str(pack), "--sources", str(folder))
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert str(folder) in err


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are in ../shared/seeds")
def test_bundled_packs_copy_no_seed_wording(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = validate(capsys, *map(str, BUNDLED), "--sources", str(SEEDS))
    assert status == 0, out
    assert out.count("no wording copied from") == len(BUNDLED)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed documents are in ../shared/seeds")
def test_a_seed_sentence_pasted_into_a_bundled_pack_is_caught(tmp_path: Path) -> None:
    seed = "the last time the Senate attempted to take on immigration reform"
    text = BUNDLED[0].read_text(encoding="utf-8")
    marker = 'text = "Sen. Smith named the Keep Families Together Act alongside her own bill."'
    assert marker in text
    pack = write(tmp_path, text.replace(marker, f'text = "Sen. Smith noted that {seed}."'))
    index = SourceIndex([(p.name, p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt")])
    problems = copied_from_sources(pack, index)
    assert len(problems) == 1 and problems[0].field.endswith(".text")
    assert "11 words in a row are copied from the source 000_" in problems[0].message


# -- the app's own examples, read by the originality check -------------------------------------


def _packs() -> list:
    packs = usable_packs(app_paths())
    return [packs[p.stem] for p in BUNDLED]


@pytest.mark.parametrize("pack", _packs(), ids=lambda p: p.id)
def test_pack_examples_model_writing_in_your_own_words(pack) -> None:
    """A writer who follows a pack's example must not be told they copied the pack: each
    example passes the originality check against the rest of its pack."""
    own = {example.text for example in pack.examples}
    index = PackIndex([t for t in pack.text_corpus() if t not in own], pack.title)
    for example in pack.examples:
        flagged = [example.text[i.start : i.end] for i in index.check(example.text).issues]
        assert flagged == [], (example.section, example.structure, flagged)


@pytest.mark.parametrize("pack", _packs(), ids=lambda p: p.id)
def test_structure_examples_are_not_flagged_beside_a_pack(pack) -> None:
    """The structures' own examples, shown where a pack has none, are not its wording."""
    index = PackIndex(pack.text_corpus(), pack.title)
    for structure in bundled_structures().values():
        for section in structure.sections:
            assert index.check(section.example).issues == (), (structure.id, section.id)


def test_structure_examples_are_sentences_not_instructions() -> None:
    """An example shows a sentence a writer might write; it does not tell them what to do."""
    for structure in bundled_structures().values():
        for section in structure.sections:
            first = section.example.split()[0].lower()
            assert first not in {"start", "turn", "close", "use", "write", "name"}, section.id
    hook = next(
        s for s in bundled_structures()["letter-response"].sections if s.id == "hook"
    ).example
    assert '"' in hook or "“" in hook, "the hook names the article by its headline"
