"""The word count of the project's test texts and of every probe equals LibreOffice Writer's,
measured here with soffice where it is installed (issue 17, item 5).

Each text goes into a Word file as the export writes it (cleaned, a paragraph a line), soffice
converts it to .odt, and Writer's own count is read from meta.xml. The probes go in one file,
a paragraph each (Writer's count of a file is the sum of its paragraphs'); only when that sum
differs is each probe converted alone, to name the ones that differ.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from oped_studio.core.cleaning import clean_text
from oped_studio.core.counting import count_words
from tests.test_counting import LIBREOFFICE_COUNTS

CORRECT = Path(__file__).parent / "data" / "correct"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed"),
]


def _writer_counts(texts: list[list[str]], folder: Path) -> list[int]:
    """Writer's word count of each file holding the given paragraphs' texts."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = []
    for index, paragraphs in enumerate(texts):
        document = docx.Document()
        for text in paragraphs:
            for line in clean_text(text).split("\n"):
                document.add_paragraph(line)
        source = folder / f"t{index:04d}.docx"
        document.save(str(source))
        sources.append(str(source))
    out = folder / "out"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
         "--norestore", "--convert-to", "odt", "--outdir", str(out), *sources],
        stdin=subprocess.DEVNULL, capture_output=True, timeout=600, check=False,
    )  # fmt: skip
    counts = []
    for index in range(len(texts)):
        meta = zipfile.ZipFile(out / f"t{index:04d}.odt").read("meta.xml").decode()
        found = re.search(r'meta:word-count="(\d+)"', meta)
        counts.append(int(found.group(1)) if found else 0)
    return counts


def test_the_test_texts_count_as_libreoffice_counts_them(tmp_path: Path) -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(CORRECT.glob("*.txt"))]
    assert texts
    assert [count_words(text) for text in texts] == _writer_counts([[t] for t in texts], tmp_path)


def test_every_probe_counts_as_libreoffice_counts_it(tmp_path: Path) -> None:
    probes = [text for text, _count in LIBREOFFICE_COUNTS]
    [total] = _writer_counts([probes], tmp_path / "all")
    if total != sum(count_words(text) for text in probes):
        writer = _writer_counts([[text] for text in probes], tmp_path / "each")
        differ = [
            (t, w, count_words(t))
            for t, w in zip(probes, writer, strict=True)
            if w != count_words(t)
        ]
        pytest.fail(f"Writer's count differs (text, Writer, ours): {differ}")
    # The figures written into tests/test_counting.py are still Writer's.
    assert total == sum(count for _text, count in LIBREOFFICE_COUNTS)
