"""Write's "Insert a fact" menu: the chosen points' facts as sentences a paper would print,
on a menu that stays on the screen.

Each fact is offered as the sentence that will be inserted, its source named in it
(:func:`~oped_studio.core.attribution.fact_sentence`), so what the writer picks is what
the letter gets. Long sentences are elided to the window's width (the whole sentence is the
entry's tool tip), and the menu opens below the button, moved as far as it must to stay
within the window and the screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal, Slot
from PySide6.QtWidgets import QMenu, QWidget

from oped_studio.gui.text import tip

if TYPE_CHECKING:
    from oped_studio.core.packs import Pack

#: The widest an entry may be, and the least it is given in a narrow window (pixels).
MAX_ENTRY_WIDTH = 640
MIN_ENTRY_WIDTH = 240


@dataclass(frozen=True)
class FactChoice:
    """A fact the writer may insert: the point it supports, and the sentence inserted."""

    point: str
    sentence: str


def fact_choices(pack: Pack | None, point_ids: Sequence[str]) -> list[FactChoice]:
    """The facts of the chosen points, each as the sentence "Insert a fact" puts in."""
    from oped_studio.core.attribution import fact_sentence

    choices: list[FactChoice] = []
    for point_id in point_ids if pack is not None else ():
        point = pack.point(point_id)
        if point is not None:
            choices += [FactChoice(point.headline, fact_sentence(pack, f)) for f in point.facts]
    return choices


def menu_position(anchor: QRect, size: QSize, area: QRect) -> QPoint:
    """Where a menu of ``size`` opens for a button at ``anchor``: below it (above it when
    there is no room below), moved as little as needed to lie within ``area``."""
    x, y = anchor.left(), anchor.bottom() + 1
    if y + size.height() > area.bottom() + 1:
        y = anchor.top() - size.height()
    x = max(area.left(), min(x, area.right() + 1 - size.width()))
    y = max(area.top(), min(y, area.bottom() + 1 - size.height()))
    return QPoint(x, y)


class FactMenu(QMenu):
    """The facts, grouped by point; says ``chosen(index)`` when the writer picks one."""

    chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Facts from your talking points"))
        self.setToolTipsVisible(True)

    def show_facts(self, facts: Sequence[FactChoice], width: int) -> None:
        """Offer ``facts``, each entry elided to ``width`` pixels."""
        self.clear()
        if not facts:
            empty = self.addAction(self.tr("Choose a point on the Talking points step first"))
            empty.setEnabled(False)
            return
        metrics = self.fontMetrics()
        point = None
        for index, fact in enumerate(facts):
            if fact.point != point:
                point = fact.point
                self.addSection(metrics.elidedText(point, Qt.TextElideMode.ElideRight, width))
            label = metrics.elidedText(fact.sentence, Qt.TextElideMode.ElideRight, width)
            action = self.addAction(label.replace("&", "&&"))
            action.setToolTip(tip(fact.sentence))
            action.setData(index)
            action.triggered.connect(self._on_triggered)

    def open_below(self, button: QWidget) -> None:
        """Open below ``button``, within its window and its screen."""
        window = button.window()
        area = window.geometry()
        screen = button.screen()
        if screen is not None:
            area = area.intersected(screen.availableGeometry())
        anchor = QRect(button.mapToGlobal(QPoint(0, 0)), button.size())
        self.popup(menu_position(anchor, self.sizeHint(), area))

    @staticmethod
    def entry_width(window_width: int) -> int:
        """How wide an entry may be in a window this wide."""
        return max(MIN_ENTRY_WIDTH, min(MAX_ENTRY_WIDTH, window_width - 80))

    @Slot()
    def _on_triggered(self) -> None:
        action = self.sender()
        index = action.data() if action is not None else None
        if isinstance(index, int):
            self.chosen.emit(index)
