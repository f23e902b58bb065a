"""A first-time writer's whole path, as a user would take it: keyboard and mouse only.

New York Times, the family-separation pack and one point, every section typed with
``qtbot.keyClicks``, the word count and an underline seen, a suggestion applied in Review,
and the letter exported as a Word document and as text (file dialogs patched).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from PySide6.QtCore import Qt

from oped_studio.gui import workers
from oped_studio.gui.main_window import MainWindow
from tests.helpers import ScriptedDialogs

SECTIONS = {
    "hook": "Your June 18 story on the border camps left out the children.",
    "point": "Taking a child from a parent does harm, and the government knows it.",
    "evidence": "Doctors have said that stress like this can change how a child grows.",
    "story": "I teach second grade, and I have seen a child fall apart over one late pickup.",
    "ask": "Congress should pass a law this month that keeps families together.",
    "signature": "Ana Pena\nPacific Grove, Calif.",
}


def test_a_first_letter_from_blank_page_to_files(
    qtbot,
    ready_window: MainWindow,
    dialogs: ScriptedDialogs,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    window = ready_window
    monkeypatch.setattr(workers, "RUN_INLINE", True)
    exported: dict[str, Path] = {}

    def export_path(parent, suggested, fmt):
        exported[fmt] = tmp_path / f"letter.{fmt}"
        return exported[fmt]

    dialogs.answer("get_export_path", export_path)

    # 1. Start: the paper, chosen from the list as it is typed; the article; the writer.
    start = window.start_page
    qtbot.keyClicks(start.outlet_edit, "New York Ti")
    popup = start.outlet_completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert start.outlet_id() == "nyt"
    assert "at most 150 words" in start.outlet_rules.text()
    qtbot.keyClicks(start.headline_edit, "Children Wait at the Border")
    qtbot.keyClicks(start.name_edit, "Ana Pena")
    qtbot.keyClicks(start.street_edit, "12 Lighthouse Ave")
    qtbot.keyClicks(start.city_edit, "Pacific Grove, CA")
    qtbot.keyClicks(start.phone_edit, "831-555-0142")
    qtbot.keyClicks(start.email_edit, "ana@example.org")

    # 2. Talking points: the pack, and one point, by mouse.
    window.menu.step_actions[1].trigger()  # Ctrl+2
    points = window.points_page
    points.pack_combo.setCurrentIndex(points.pack_combo.findData("family-separation"))
    card = points.cards[0]
    qtbot.mouseClick(card.check, Qt.MouseButton.LeftButton)
    assert card.is_checked()

    # 3. Write: every section typed; one word misspelled on purpose.
    window.menu.step_actions[2].trigger()
    write = window.write_page
    for editor in write.editors:
        text = SECTIONS[editor.section_id].replace("government", "goverment")
        for line_number, line in enumerate(text.split("\n")):
            if line_number:
                qtbot.keyClick(editor.editor, Qt.Key.Key_Return)
            qtbot.keyClicks(editor.editor, line)
    body_words = sum(len(v.split()) for k, v in SECTIONS.items() if k != "signature")
    assert window.words_label.text() == f"{body_words} words"
    assert write.total_label.text().startswith(f"Letter: {body_words} words")
    point = write.editor_for("point")
    qtbot.waitUntil(lambda: point.issue_count() >= 1, timeout=10_000)
    (selection,) = point.editor.extraSelections()
    assert selection.cursor.selectedText() == "goverment", "the misspelling is underlined"
    qtbot.waitUntil(lambda: "Ana Pena" in write.preview.toPlainText())

    # 4. Review: the issue in the list; apply its suggestion.
    window.menu.step_actions[3].trigger()
    review = window.review_page
    rows = [review.issue_list.item(i).text() for i in range(review.issue_list.count())]
    row = next(i for i, text in enumerate(rows) if "“goverment”" in text)
    review.issue_list.setCurrentRow(row)
    qtbot.mouseClick(review.apply_button, Qt.MouseButton.LeftButton)
    assert "the government knows" in point.text()
    assert "of 150 words" in review.figures.text()

    # 5. Export: a Word document and a text file.
    window.menu.step_actions[4].trigger()
    export = window.export_page
    qtbot.mouseClick(export.docx_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(export.txt_button, Qt.MouseButton.LeftButton)
    document = Document(str(exported["docx"]))
    paragraphs = [p.text for p in document.paragraphs]
    assert any("the government knows" in p for p in paragraphs)
    assert any("Children Wait at the Border" in p for p in paragraphs)
    assert any("831-555-0142" in p for p in paragraphs)
    text = exported["txt"].read_text(encoding="utf-8")
    assert SECTIONS["hook"] in text and "goverment" not in text
    assert text.rstrip().endswith("ana@example.org"), "the contact block comes last"
