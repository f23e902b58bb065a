"""Every control can be found by a screen reader, reached by Tab in the page's order, and
every string a user reads goes through Qt's translation functions."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from oped_studio.core.library import DraftLibrary
from oped_studio.core.paths import app_paths
from oped_studio.core.settings import Settings
from oped_studio.gui.library_dialog import LibraryDialog
from oped_studio.gui.main_window import MainWindow
from oped_studio.gui.outlet_dialog import AddPaperDialog
from oped_studio.gui.settings_dialog import SettingsDialog

GUI = Path(__file__).resolve().parent.parent / "oped_studio" / "gui"
CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
)


def _inside_control(widget: QWidget, root: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, CONTROLS):
            return True
        parent = parent.parentWidget()
    return False


def unnamed_controls(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or isinstance(widget, QHeaderView):
            continue
        if widget.objectName().startswith("qt_"):
            continue  # Qt's own (the menu bar's overflow button)
        if widget.window() is not root.window():
            continue  # a popup (a completer's or a combo box's list)
        if _inside_control(widget, root):
            continue  # a part of a control (a line edit's clear button)
        name = widget.accessibleName()
        if not name and isinstance(widget, QAbstractButton):
            name = widget.text().replace("&", "")
        if not name:
            missing.append(f"{type(widget).__name__} in {type(widget.parent()).__name__}")
    return missing


def test_every_control_of_every_step_has_an_accessible_name(ready_window: MainWindow) -> None:
    window = ready_window
    for row in range(window.step_list.count()):
        window.step_list.setCurrentRow(row)
    window.points_page.pack_combo.setCurrentIndex(
        window.points_page.pack_combo.findData("family-separation")
    )
    assert unnamed_controls(window) == []


@pytest.mark.parametrize("make", ["settings", "library", "paper"])
def test_every_control_of_every_dialog_has_an_accessible_name(qtbot, make: str) -> None:
    dialog = {
        "settings": lambda: SettingsDialog(Settings(), ["word"]),
        "library": lambda: LibraryDialog(DraftLibrary(app_paths())),
        "paper": lambda: AddPaperDialog(set()),
    }[make]()
    qtbot.addWidget(dialog)
    assert unnamed_controls(dialog) == []


def test_tab_follows_the_start_page_from_top_to_bottom(ready_window: MainWindow) -> None:
    start = ready_window.start_page
    expected = [
        start.lte_radio,
        start.outlet_edit,
        start.add_outlet_button,
        start.title_edit,
        start.headline_edit,
        start.article_outlet_edit,
        start.date_edit,
        start.url_edit,
        start.name_edit,
        start.street_edit,
        start.city_edit,
        start.phone_edit,
        start.email_edit,
        start.disclosure_edit,
    ]
    chain = []
    widget = start.lte_radio
    for _ in range(200):
        if widget in expected and widget not in chain:
            chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is start.lte_radio:
            break
    assert [w.accessibleName() for w in chain] == [w.accessibleName() for w in expected]


# -- translation --------------------------------------------------------------------------------

#: Qt calls whose string argument a user reads.
USER_TEXT = {
    "setText",
    "setPlaceholderText",
    "setToolTip",
    "setWindowTitle",
    "setAccessibleName",
    "setAccessibleDescription",
    "setSpecialValueText",
    "setSuffix",
    "addItem",
    "addTab",
    "addRow",
    "showMessage",
    "QLabel",
    "QPushButton",
    "QCheckBox",
    "QRadioButton",
    "QGroupBox",
    "QToolButton",
    "QAction",
    "QMenu",
    "addMenu",
    "addAction",
    "addSection",
}


def _has_words(node: ast.AST) -> bool:
    """A literal with words in it (HTML tags and example web addresses are not words)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = re.sub(r"<[^>]*>|https?://\S*", "", node.value)
        return any(c.isalpha() for c in text)
    if isinstance(node, ast.JoinedStr):
        return any(_has_words(v) for v in node.values)
    return False


def test_user_visible_strings_go_through_translation() -> None:
    raw = []
    for path in sorted(GUI.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name not in USER_TEXT:
                continue
            shown = node.args[:2] if name in ("addTab", "addRow") else node.args[:1]
            for arg in shown:
                if _has_words(arg):
                    raw.append(f"{path.name}:{node.lineno}: {name}")
    assert raw == [], "wrap these in self.tr() or QCoreApplication.translate()"


def test_every_mnemonic_label_has_a_buddy(ready_window: MainWindow) -> None:
    """A label showing "&Paper:" has no buddy: the ampersand is printed and Alt+P does nothing."""
    from PySide6.QtWidgets import QLabel

    window = ready_window
    for row in range(window.step_list.count()):
        window.step_list.setCurrentRow(row)
    orphans = [
        label.text()
        for label in window.findChildren(QLabel)
        if "&" in label.text().replace("&&", "")
        and label.textFormat() != Qt.TextFormat.RichText
        and "&nbsp;" not in label.text()
        and label.buddy() is None
    ]
    assert orphans == []
