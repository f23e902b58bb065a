"""Step 2, Talking points: choose a pack, then one or two of its points.

Points are shown grouped by theme, each with its facts and where they come from. A letter
that makes one point is more likely to be printed, so the page allows two at most and says
why. For an op-ed, the pack's counter-arguments are shown for the "to be sure" paragraph.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGroupBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from oped_studio.core.draft import Draft
from oped_studio.gui.text import as_text, for_kind, step_layout, tip

if TYPE_CHECKING:
    from oped_studio.core.packs import Pack, PackLoad

MAX_POINTS = 2


class PointCard(QFrame):
    """One talking point: a check box with its headline, its explanation and its facts."""

    toggled = Signal(str, bool)

    def __init__(self, pack: Pack, point_index: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        point = pack.points[point_index]
        self.point_id = point.id
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        self.check = QCheckBox(point.headline)
        self.check.setAccessibleName(point.headline)
        font = self.check.font()
        font.setBold(True)
        self.check.setFont(font)
        layout.addWidget(self.check)
        explanation = as_text(QLabel(point.explanation))
        explanation.setWordWrap(True)
        layout.addWidget(explanation)
        for fact in point.facts:
            as_of = self.tr("true as of %1").replace("%1", fact.as_of)
            label = as_text(QLabel(f"• {fact.text}  ({pack.citation(fact)}; {as_of})"))
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)
        who = as_text(
            QLabel(self.tr("Who can act: %1").replace("%1", ", ".join(point.who_can_act)))
        )
        who.setWordWrap(True)
        layout.addWidget(who)
        self.check.toggled.connect(self._on_toggled)

    def is_checked(self) -> bool:
        return self.check.isChecked()

    def set_checked(self, checked: bool) -> None:
        self.check.blockSignals(True)
        self.check.setChecked(checked)
        self.check.blockSignals(False)

    @Slot(bool)
    def _on_toggled(self, checked: bool) -> None:
        self.toggled.emit(self.point_id, checked)


class TalkingPointsPage(QWidget):
    """Choose a pack and its points; shows broken packs with their error."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Talking points"))
        layout = step_layout(self, self.tr("Talking points"), bottom=8)
        self.intro = as_text(QLabel())
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.pack_combo = QComboBox()
        self.pack_combo.setAccessibleName(self.tr("Talking-point pack"))
        layout.addWidget(self.pack_combo)
        self.summary = as_text(QLabel())
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.notice = as_text(QLabel())
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName(self.tr("Notice"))
        layout.addWidget(self.notice)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout.addWidget(self.scroll, 1)
        self.cards: list[PointCard] = []
        self._loads: list[PackLoad] = []
        self._kind = "lte"
        self._show_intro()
        self._pack_id = ""
        self._selected: list[str] = []
        self._loading = False
        self.pack_combo.currentIndexChanged.connect(self._on_pack_chosen)
        self._show_pack()

    # -- data in and out -----------------------------------------------------------------------

    def set_packs(self, loads: list[PackLoad]) -> None:
        """The packs found (broken ones are listed, disabled, with their first problem)."""
        self._loads = loads
        self._loading = True
        try:
            self.pack_combo.clear()
            self.pack_combo.addItem(self.tr("No pack: I have my own facts"), "")
            for load in loads:
                if load.ok and load.pack is not None:
                    self.pack_combo.addItem(load.pack.title, load.pack.id)
                else:
                    name = load.pack.title if load.pack and load.pack.title else load.path.name
                    self.pack_combo.addItem(
                        self.tr("%1 (cannot be used)").replace("%1", name), None
                    )
                    index = self.pack_combo.count() - 1
                    item = self.pack_combo.model().item(index)
                    item.setEnabled(False)
                    item.setToolTip(tip(str(load.problems[0])) if load.problems else "")
            self._select_combo(self._pack_id)
        finally:
            self._loading = False
        self._show_pack()

    def show_draft(self, draft: Draft) -> None:
        self._kind = draft.kind
        self._show_intro()
        self._pack_id = draft.pack_id
        self._selected = list(draft.point_ids)
        self._loading = True
        try:
            self._select_combo(self._pack_id)
        finally:
            self._loading = False
        self._show_pack()

    def apply_to(self, draft: Draft) -> None:
        draft.pack_id = self._pack_id
        draft.point_ids = list(self._selected)

    def focus_first_field(self) -> None:
        """Arriving on the step: the pack to choose, or the first point when one is chosen."""
        target = self.cards[0].check if self.pack() is not None and self.cards else self.pack_combo
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def pack(self) -> Pack | None:
        for load in self._loads:
            if load.ok and load.pack is not None and load.pack.id == self._pack_id:
                return load.pack
        return None

    # -- display -------------------------------------------------------------------------------

    def _show_intro(self) -> None:
        self.intro.setText(
            for_kind(
                self._kind,
                self.tr(
                    "Pick one point, or two at most: a letter that makes one point clearly is "
                    "the one editors print. Use the facts, with their sources, in your own words."
                ),
                self.tr(
                    "Pick one point, or two at most: an op-ed argues one thesis, and every "
                    "argument serves it. Use the facts, with their sources, in your own words."
                ),
            )
        )

    def _select_combo(self, pack_id: str) -> None:
        index = self.pack_combo.findData(pack_id) if pack_id else 0
        self.pack_combo.setCurrentIndex(max(index, 0))

    def _show_pack(self) -> None:
        pack = self.pack()
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 8, 0)
        self.cards = []
        if pack is None:
            if self._pack_id and self._loads:
                self.summary.setText(
                    self.tr("The pack “%1” of this draft is not available here.").replace(
                        "%1", self._pack_id
                    )
                )
            else:
                self.summary.setText("")
        else:
            self.summary.setText(pack.summary)
            for theme, points in pack.points_by_theme().items():
                group = QGroupBox(theme)
                group_layout = QVBoxLayout(group)
                for point in points:
                    card = PointCard(pack, pack.points.index(point))
                    card.set_checked(point.id in self._selected)
                    card.toggled.connect(self._on_point_toggled)
                    group_layout.addWidget(card)
                    self.cards.append(card)
                layout.addWidget(group)
            if self._kind == "oped" and pack.counterarguments:
                group = QGroupBox(
                    self.tr("What critics say, and honest answers (for “To be sure”)")
                )
                group_layout = QVBoxLayout(group)
                for counter in pack.counterarguments:
                    label = QLabel(f"<b>{_escape(counter.claim)}</b><br>{_escape(counter.answer)}")
                    label.setWordWrap(True)
                    label.setTextFormat(Qt.TextFormat.RichText)
                    group_layout.addWidget(label)
                layout.addWidget(group)
        layout.addStretch(1)
        self.scroll.setWidget(body)
        self._update_notice()

    def _update_notice(self) -> None:
        count = len(self._selected)
        if self.pack() is None:
            self.notice.setText("")
        elif count == 0:
            self.notice.setText(self.tr("No point chosen yet."))
        elif count == 1:
            self.notice.setText(
                for_kind(
                    self._kind,
                    self.tr("One point chosen: a focused letter."),
                    self.tr("One point chosen: a focused op-ed."),
                )
            )
        else:
            self.notice.setText(
                for_kind(
                    self._kind,
                    self.tr("Two points chosen: the most a short letter can carry."),
                    self.tr("Two points chosen: the most one thesis can carry."),
                )
            )

    # -- slots -----------------------------------------------------------------------------------

    @Slot(int)
    def _on_pack_chosen(self, index: int) -> None:
        if self._loading:
            return
        pack_id = self.pack_combo.itemData(index) or ""
        if pack_id == self._pack_id:
            return
        self._pack_id = pack_id
        self._selected = []
        self._show_pack()
        self.changed.emit()

    @Slot(str, bool)
    def _on_point_toggled(self, point_id: str, checked: bool) -> None:
        if checked and point_id not in self._selected:
            if len(self._selected) >= MAX_POINTS:
                for card in self.cards:
                    if card.point_id == point_id:
                        card.set_checked(False)
                self.notice.setText(
                    for_kind(
                        self._kind,
                        self.tr(
                            "Two points at most: a letter that tries to say everything gets "
                            "cut. Untick one to choose another."
                        ),
                        self.tr(
                            "Two points at most: an op-ed that tries to say everything gets "
                            "cut. Untick one to choose another."
                        ),
                    )
                )
                return
            self._selected.append(point_id)
        elif not checked and point_id in self._selected:
            self._selected.remove(point_id)
        self._update_notice()
        self.changed.emit()


def _escape(text: str) -> str:
    import html

    return html.escape(text)
