"""The Write step with a pack chosen: each section's example on the pack's topic, and the
critics' answers beside an op-ed's "To be sure" section, reached and read with the keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from oped_studio.core.packs import discover_packs
from oped_studio.core.paths import app_paths
from oped_studio.core.structures import bundled_structures
from oped_studio.gui import workers
from oped_studio.gui.main_window import MainWindow
from oped_studio.gui.pages.critics import TO_BE_SURE
from tests.test_packs import GOOD

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(ready_window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    monkeypatch.setattr(workers, "RUN_INLINE", True)
    ready_window.activateWindow()
    return ready_window


def press(qtbot, widget: QWidget, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(widget, key, modifier)


def go_to_step(qtbot, window: MainWindow, number: int) -> None:
    """Ctrl+1 to Ctrl+5, typed where the writer is."""
    press(
        qtbot, QApplication.focusWidget() or window.step_list, Qt.Key(Qt.Key.Key_0 + number), CTRL
    )
    assert window.step_list.currentRow() == number - 1


def choose(qtbot, window: MainWindow, kind: str, pack_id: str, *point_ids: str) -> None:
    """Letter or op-ed on Start, then the pack and points on Talking points, by keyboard."""
    start = window.start_page
    radio = start.oped_radio if kind == "oped" else start.lte_radio
    radio.setFocus()
    press(qtbot, radio, Qt.Key.Key_Space)
    assert radio.isChecked()
    go_to_step(qtbot, window, 2)
    points = window.points_page
    combo = points.pack_combo
    combo.setFocus()
    press(qtbot, combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if (combo.currentData() or "") == pack_id:
            break
        press(qtbot, combo, Qt.Key.Key_Down)
    assert (combo.currentData() or "") == pack_id
    for card in points.cards:
        if card.point_id in point_ids:
            card.check.setFocus()
            press(qtbot, card.check, Qt.Key.Key_Space)
            assert card.is_checked()
    go_to_step(qtbot, window, 3)


def tab_to(qtbot, start: QWidget, target: QWidget, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) from ``start`` until ``target`` has the focus."""
    start.setFocus()
    key = Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab
    for _ in range(8):
        if QApplication.focusWidget() is target:
            return
        press(qtbot, QApplication.focusWidget(), key)
    assert QApplication.focusWidget() is target, QApplication.focusWidget()


def show_example(qtbot, window: MainWindow, section_id: str) -> str:
    """Reach the section's "Show example" button from its field and press Space."""
    section = window.write_page.editor_for(section_id)
    tab_to(qtbot, section.editor, section.example_button, backwards=True)
    if section.example_label.isVisible():  # shown before: Space hides it, and again shows it
        press(qtbot, section.example_button, Qt.Key.Key_Space)
        assert section.example_label.isHidden()
    press(qtbot, section.example_button, Qt.Key.Key_Space)
    assert section.example_label.isVisible()
    return section.example_label.text()


def test_show_example_gives_the_packs_example_for_the_section(qtbot, window: MainWindow) -> None:
    choose(qtbot, window, "lte", "pacific-grove-library", "budget-halved")
    pack = window.points_page.pack()
    structure = bundled_structures()["letter-response"]
    evidence = show_example(qtbot, window, "evidence")
    assert evidence == pack.example("letter-response", "evidence")
    assert evidence != structure.section("evidence").example
    assert "$1,080,361" in evidence, "on the pack's topic, with the pack's figures"
    label = window.write_page.editor_for("evidence").example_label
    assert pack.title in label.toolTip() and pack.title in label.accessibleDescription()
    hook = show_example(qtbot, window, "hook")
    assert hook == pack.example("letter-response", "hook") != pack.example("letter-local", "hook")
    signature = show_example(qtbot, window, "signature")
    assert signature == structure.section("signature").example, "no pack example: the structure's"


def test_a_section_the_pack_leaves_out_keeps_the_structures_example(
    qtbot, window: MainWindow
) -> None:
    app_paths().packs.mkdir(parents=True)
    own = 'evidence = "The county report counts route 12 among the busiest."'
    (app_paths().packs / "bus-12.toml").write_text(GOOD + f"\n[examples]\n{own}\n")
    window.points_page.set_packs(discover_packs(app_paths()))
    choose(qtbot, window, "lte", "bus-12", "riders")
    structure = bundled_structures()["letter-response"]
    assert show_example(qtbot, window, "evidence").startswith("The county report counts")
    assert show_example(qtbot, window, "point") == structure.section("point").example
    # No pack any more: every section has the structure's example again.
    choose(qtbot, window, "lte", "")
    assert show_example(qtbot, window, "evidence") == structure.section("evidence").example
    assert window.write_page.editor_for("evidence").example_label.toolTip() == ""


def test_critics_answers_beside_to_be_sure_for_the_points_chosen(qtbot, window: MainWindow) -> None:
    choose(qtbot, window, "oped", "family-separation", "alternatives-work")
    pack = window.points_page.pack()
    write = window.write_page
    panel = write.critics_panel()
    assert panel is not None and panel.isVisible()
    tied = pack.counterarguments_for(["alternatives-work"])
    assert 0 < len(tied) < len(pack.counterarguments)
    for counter in pack.counterarguments:
        assert (counter.claim in panel.text()) == (counter in tied), counter.claim
        assert (counter.answer in panel.text()) == (counter in tied)
    assert "points you chose" in panel.caption.text()
    # Just below the section, and next after its field when tabbing.
    to_be_sure = write.editor_for(TO_BE_SURE)
    layout = write.scroll.widget().layout()
    assert layout.indexOf(panel) == layout.indexOf(to_be_sure) + 1
    tab_to(qtbot, to_be_sure.editor, panel.view)
    assert panel.accessibleName() and panel.view.accessibleName()
    before = panel.text()
    press(qtbot, panel.view, Qt.Key.Key_X)
    press(qtbot, panel.view, Qt.Key.Key_Delete)
    assert panel.text() == before and panel.view.isReadOnly(), "read-only"
    press(qtbot, panel.view, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not panel.view, "Tab leaves it, as in the fields"
    assert show_example(qtbot, window, TO_BE_SURE) == pack.example("oped-classic", TO_BE_SURE)


def test_all_critics_when_no_point_or_none_tied_to_it(qtbot, window: MainWindow) -> None:
    choose(qtbot, window, "oped", "family-separation")
    pack = window.points_page.pack()
    panel = window.write_page.critics_panel()
    assert all(c.claim in panel.text() for c in pack.counterarguments)
    assert panel.caption.text().startswith("All of this pack's critics")
    choose(qtbot, window, "oped", "family-separation", "companies")
    panel = window.write_page.critics_panel()
    assert all(c.claim in panel.text() for c in pack.counterarguments)
    assert panel.caption.text().startswith("None of this pack's critics answers")


def test_no_critics_for_a_letter(qtbot, window: MainWindow) -> None:
    choose(qtbot, window, "oped", "pacific-grove-library")
    assert window.write_page.critics_panel() is not None
    go_to_step(qtbot, window, 1)
    choose(qtbot, window, "lte", "pacific-grove-library")
    write = window.write_page
    assert write.editor_for(TO_BE_SURE) is None
    assert write.critics_panel() is None, "a letter has no To be sure section"
    go_to_step(qtbot, window, 1)
    choose(qtbot, window, "oped", "")
    assert write.critics_panel() is None, "no pack, no critics"
