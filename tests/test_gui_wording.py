"""The app calls a piece what it is: an op-ed is never "a letter", and a chosen paper whose
rules are unknown says so rather than asking to choose a paper."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QWidget,
)

from oped_studio.checks.outlet_rules import check_outlet_rules
from oped_studio.core.draft import Article, Draft
from oped_studio.core.outlets import Outlet, Rules
from oped_studio.gui import workers
from oped_studio.gui.main_window import MainWindow
from tests.helpers import sample_author, type_text

ROOT = Path(__file__).resolve().parent.parent
#: Where "letter" is right on an op-ed's pages: the choice of kind, and both kinds named.
ALLOWED = re.compile(r"letter to the editor|letter or op-ed|letters and op-eds", re.I)


@pytest.fixture
def window(ready_window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    monkeypatch.setattr(workers, "RUN_INLINE", True)
    return ready_window


def checklist(window: MainWindow) -> list[str]:
    page = window.review_page
    return [page.checklist.item(i).text() for i in range(page.checklist.count())]


def test_an_op_ed_to_a_paper_without_op_ed_rules_says_so(window: MainWindow) -> None:
    start = window.start_page
    start.choose_outlet("sacramento-bee")  # its rules for letters are known, for op-eds not
    start.oped_radio.click()
    window.step_list.setCurrentRow(3)
    lines = checklist(window)
    assert not any("Choose a paper" in line for line in lines), lines
    assert lines == [
        "The directory does not say how The Sacramento Bee takes op-eds: check its own op-ed "
        "page for the length it takes and how to send it."
    ]


def test_a_paper_that_asks_nothing_more_says_that(window: MainWindow) -> None:
    window.start_page.choose_outlet("boston-globe")  # letters: a limit and rules, no address
    window.step_list.setCurrentRow(3)
    assert "Send it to" not in " ".join(checklist(window))
    window.step_list.setCurrentRow(0)
    window.start_page.choose_outlet("nyt")  # op-eds: notes only
    window.start_page.oped_radio.click()
    window.step_list.setCurrentRow(3)
    assert checklist(window) == ["The New York Times asks nothing more of this op-ed."]
    window.start_page.choose_outlet("")
    window.step_list.setCurrentRow(0)
    window.step_list.setCurrentRow(3)
    assert checklist(window) == ["Choose a paper on the Start page to see its rules."]


def test_the_paper_s_rules_name_an_op_ed_an_op_ed() -> None:
    rules = Rules(
        word_limit=700,
        days_after_article=7,
        exclusive=True,
        attachments=False,
        required_contact=("phone",),
    )
    outlet = Outlet("globe", "The Globe", oped=rules, letters=rules)
    draft = Draft(kind="oped", article=Article(date=date(2026, 11, 20)), author=sample_author())
    draft.author.phone = ""
    messages = [i.message for i in check_outlet_rules(draft, outlet, date(2026, 11, 22))]
    assert len(messages) == 4
    assert not [m for m in messages if "letter" in m.lower()], messages
    assert "The Globe takes op-eds about articles from the last 7 days." in messages[1]
    draft.kind = "lte"
    messages = [i.message for i in check_outlet_rules(draft, outlet, date(2026, 11, 22))]
    assert "The Globe prints only letters sent to it alone" in messages[2]
    unknown = Outlet("quiet", "The Quiet Times", letters=rules)
    draft.kind = "oped"
    (only,) = check_outlet_rules(draft, unknown)
    assert only.rule == "rules-unknown" and "takes op-eds" in only.message


def shown_texts(root: QWidget, skip: list[QWidget]) -> list[str]:
    """Every word the app itself shows or speaks in ``root``: labels, buttons, titles, names,
    tips, hints and list items (not what the writer typed, nor the widgets in ``skip``)."""
    texts = []
    for widget in root.findChildren(QWidget):
        if any(s is widget or s.isAncestorOf(widget) for s in skip) or not widget.isVisible():
            continue
        texts += [widget.accessibleName(), widget.toolTip(), widget.accessibleDescription()]
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QGroupBox):
            texts.append(widget.title())
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            texts.append(widget.placeholderText())
        if isinstance(widget, QListWidget):
            texts += [widget.item(i).text() for i in range(widget.count())]
    return [t for t in texts if t]


def test_no_step_calls_an_op_ed_a_letter(qtbot, window: MainWindow) -> None:
    start = window.start_page
    start.choose_outlet("nyt")
    start.oped_radio.click()
    window.step_list.setCurrentRow(1)
    points = window.points_page
    points.pack_combo.setCurrentIndex(points.pack_combo.findData("family-separation"))
    points.cards[0].check.click()
    points.cards[1].check.click()
    points.cards[2].check.click()  # one too many: the page says why
    window.step_list.setCurrentRow(2)
    type_text(window.write_page.editors[0].editor, "I think the county is wrong!!! Shame!")
    wrong = []
    for row in range(5):
        window.step_list.setCurrentRow(row)
        skip = [points.scroll, points.summary]  # the pack's own words, not the app's
        for text in shown_texts(window, skip):
            if re.search(r"\bletters?\b", ALLOWED.sub("", text), re.I):
                wrong.append(f"step {row + 1}: {text}")
    assert wrong == []


def test_the_app_never_says_letter_to_the_editors() -> None:
    folders = ["oped_studio", "templates", "talking_points", "docs", "resources"]
    files = [ROOT / "README.md"] + [
        p for f in folders for p in (ROOT / f).rglob("*") if p.suffix in {".py", ".toml", ".md"}
    ]
    found = [
        str(p.relative_to(ROOT))
        for p in files
        if re.search(r"letters? to the editors", p.read_text(encoding="utf-8"), re.I)
    ]
    assert found == []
