"""The Talking points step: packs, points by theme, one or two points, broken packs listed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QGroupBox, QLabel

from oped_studio.core.paths import app_paths
from oped_studio.core.storage import load_draft
from oped_studio.gui.dialogs import UnsavedChoice
from oped_studio.gui.main_window import MainWindow
from tests.helpers import ScriptedDialogs


@pytest.fixture
def window(qtbot, make_window, dialogs: ScriptedDialogs) -> MainWindow:
    dialogs.answer("ask_unsaved", UnsavedChoice.DISCARD)
    folder = app_paths().packs
    folder.mkdir(parents=True)
    (folder / "broken.toml").write_text("id = [", encoding="utf-8")
    win = make_window(papers_loaded=False)
    qtbot.waitUntil(lambda: win.points_page.pack_combo.count() > 2)
    win.step_list.setCurrentRow(1)
    return win


def choose_pack(window: MainWindow, pack_id: str) -> None:
    combo = window.points_page.pack_combo
    combo.setCurrentIndex(combo.findData(pack_id))


def test_packs_are_listed_with_the_broken_one_disabled(window: MainWindow) -> None:
    combo = window.points_page.pack_combo
    names = [combo.itemText(i) for i in range(combo.count())]
    assert "Family separation at the border (2018)" in names
    broken = next(i for i, name in enumerate(names) if "cannot be used" in name)
    item = combo.model().item(broken)
    assert not item.isEnabled() and "broken.toml" in item.toolTip()


def test_points_grouped_by_theme_and_two_at_most(
    qtbot, window: MainWindow, tmp_path: Path, dialogs: ScriptedDialogs
) -> None:
    page = window.points_page
    choose_pack(window, "family-separation")
    assert len(page.cards) == 10
    themes = [g.title() for g in page.scroll.widget().findChildren(QGroupBox)]
    assert themes[0] == "The scale" and "Who can act" in themes
    assert "2,342" in " ".join(lbl.text() for lbl in page.cards[0].findChildren(QLabel))
    page.cards[0].check.click()
    page.cards[1].check.click()
    page.cards[2].check.click()
    assert [c.is_checked() for c in page.cards[:3]] == [True, True, False]
    assert "Two points at most" in page.notice.text()
    assert window.session.is_dirty()
    dialogs.answer("get_save_path", tmp_path / "d.oped")
    assert window.session.save()
    saved = load_draft(tmp_path / "d.oped").draft
    assert saved.pack_id == "family-separation"
    assert saved.point_ids == [page.cards[0].point_id, page.cards[1].point_id]
    window.menu.new_action.trigger()
    assert window.points_page.pack_combo.currentIndex() == 0 and window.points_page.cards == []
    assert window.session.open_path(tmp_path / "d.oped")
    assert [c.point_id for c in window.points_page.cards if c.is_checked()] == saved.point_ids


def test_counterarguments_for_an_op_ed(window: MainWindow) -> None:
    choose_pack(window, "family-separation")

    def text() -> str:
        return " ".join(w.text() for w in window.points_page.scroll.widget().findChildren(QLabel))

    assert "To be sure" not in " ".join(
        g.title() for g in window.points_page.scroll.widget().findChildren(QGroupBox)
    )
    window.step_list.setCurrentRow(0)
    window.start_page.oped_radio.click()
    titles = " ".join(g.title() for g in window.points_page.scroll.widget().findChildren(QGroupBox))
    assert "To be sure" in titles and "Nielsen" in text()
