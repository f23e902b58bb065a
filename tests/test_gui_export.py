"""The Export step: preview, copy as text, save in every format, print preview, PDF hidden."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from oped_studio.gui import workers
from oped_studio.gui.dialogs import UnsavedChoice
from oped_studio.gui.main_window import MainWindow
from tests.helpers import FIXTURES, ScriptedDialogs


@pytest.fixture
def window(
    make_window, dialogs: ScriptedDialogs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> MainWindow:
    monkeypatch.setattr(workers, "RUN_INLINE", True)
    dialogs.answer("show_error", None)
    dialogs.answer("show_info", None)
    dialogs.answer("ask_unsaved", UnsavedChoice.DISCARD)
    win = make_window(show=False, papers_loaded=False)
    draft = tmp_path / "letter.oped"
    draft.write_bytes((FIXTURES / "drafts" / "format-1.oped").read_bytes())
    assert win.session.open_path(draft)
    win.show()
    win.step_list.setCurrentRow(4)
    return win


def test_export_page_previews_the_letter_and_the_papers_rules(window: MainWindow) -> None:
    page = window.export_page
    assert window.stack.currentWidget() is page
    text = page.preview.toPlainText()
    assert text.startswith('Re: "Families Divided at the Border," June 20, 2018')
    assert text.endswith("zoe@example.org\n")
    assert "does not open attachments" in page.instructions.text()
    assert "The New York Times only" in page.instructions.text()


def test_copy_as_text(qtbot, window: MainWindow) -> None:
    qtbot.mouseClick(window.export_page.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == window.exports.letter_text()
    assert "Copied" in window.statusBar().currentMessage()


@pytest.mark.parametrize("fmt", ["docx", "txt", "eml"])
def test_save_in_each_format(
    window: MainWindow, dialogs: ScriptedDialogs, tmp_path: Path, fmt: str
) -> None:
    export_path = tmp_path / f"out.{fmt}"
    dialogs.answer("get_export_path", export_path)
    button = {"docx": "docx_button", "txt": "txt_button", "eml": "eml_button"}[fmt]
    getattr(window.export_page, button).click()
    assert dialogs.arguments("show_error", "message") == []
    assert export_path.exists()
    if fmt == "docx":
        document = docx.Document(io.BytesIO(export_path.read_bytes()))
        assert any("My grandmother" in p.text for p in document.paragraphs)
    assert "Exported" in window.statusBar().currentMessage()


def test_cancelled_and_failed_exports(
    window: MainWindow, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    dialogs.answer("get_export_path", None)
    window.export_page.docx_button.click()
    errors = dialogs.arguments("show_error", "message")
    assert errors == [] and not list(tmp_path.glob("*.docx"))
    dialogs.answer("get_export_path", tmp_path / "missing" / "x.docx")
    window.export_page.docx_button.click()
    errors = dialogs.arguments("show_error", "message")
    assert len(errors) == 1 and "does not exist" in errors[0]


def test_cleaned_text_is_reported(
    window: MainWindow, dialogs: ScriptedDialogs, tmp_path: Path
) -> None:
    window.write_page.editors[0].editor.setPlainText("Pasted\x00 text.")
    dialogs.answer("get_export_path", tmp_path / "x.txt")
    window.export_page.txt_button.click()
    infos = dialogs.arguments("show_info", "message")
    assert infos and "1 NUL characters" in infos[0]


def test_print_preview_gets_the_letter(window: MainWindow, dialogs: ScriptedDialogs) -> None:
    printed_texts: list[str] = []
    dialogs.answer(
        "print_preview", lambda parent, document: printed_texts.append(document.toPlainText())
    )
    window.export_page.print_button.click()
    [printed] = printed_texts
    assert "Re: “Families Divided at the Border,” June 20, 2018" in printed
    assert "Letters to the Editor" in printed and "My grandmother" in printed


def test_pdf_hidden_without_libreoffice(make_window, monkeypatch: pytest.MonkeyPatch) -> None:
    from oped_studio.export import pdf

    monkeypatch.setattr(pdf.shutil, "which", lambda _name: None)
    win = make_window(papers_loaded=False)
    win.step_list.setCurrentRow(4)
    assert not win.export_page.pdf_button.isVisible()
    assert win.export_page.pdf_note.isVisible()
    assert "Choose the paper" in win.export_page.instructions.text()


def test_print_layout_spaces_the_parts_in_px() -> None:
    """Qt's rich text ignores margins in pt: the print layout must give them in px."""
    from oped_studio.core.render import Block
    from oped_studio.gui.printing import print_html

    page = print_html(
        [
            Block("contact", "Zoë"),
            Block("date", "June 22, 2018"),
            Block("re", "Re: <x> & y"),
            Block("body", "One."),
            Block("words", "1 word"),
        ]
    )
    assert "pt;" not in page.split("<body", 1)[1].replace("font-size: 11.5pt;", "").replace(
        "font-size: 9pt;", ""
    )
    assert "margin-top: 16px" in page and "margin-bottom: 13px" in page
    assert "Re: &lt;x&gt; &amp; y" in page


def test_export_offers_the_papers_own_form_and_opens_only_that(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 15: a paper that takes letters through a web form gets a button that opens its
    page in the browser; the app never submits anything itself."""
    from PySide6.QtGui import QDesktopServices

    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True
    )
    page = window.export_page
    assert not page.form_button.isVisible(), "the Times takes email, not a form"
    assert "Send it: email letters@nytimes.com" in page.instructions.text()
    with qtbot.waitSignal(window.papers.loaded):
        window.papers.load_soon()  # as the window does after start-up
    window.step_list.setCurrentRow(0)
    window.start_page.choose_outlet("courier-journal")
    window.step_list.setCurrentRow(4)
    qtbot.waitUntil(page.form_button.isVisible)
    page.form_button.setFocus()
    qtbot.keyClick(page.form_button, Qt.Key.Key_Space)
    assert opened == ["https://gannett-nxuao.formstack.com/forms/letterstotheeditor"]
    assert "paste your text there" in window.statusBar().currentMessage()
