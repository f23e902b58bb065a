"""The critics' arguments with honest answers, beside an op-ed's "To be sure" section.

The Write step shows them where the writer answers the other side, so nobody has to go back
to the Talking points step to find them. They come from the chosen pack: the critics of the
points the writer chose (see :meth:`~oped_studio.core.packs.Pack.counterarguments_for`).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QSizeF, Qt, Slot
from PySide6.QtWidgets import QFrame, QLabel, QTextEdit, QVBoxLayout, QWidget

from oped_studio.gui.text import as_text

if TYPE_CHECKING:
    from oped_studio.core.packs import Pack
    from oped_studio.gui.pages.section_editor import SectionEditor

#: The id of the op-ed section that answers the critics (``oped-classic.toml``).
TO_BE_SURE = "to-be-sure"
#: The panel stays compact: longer lists scroll inside it.
MAX_HEIGHT = 190


class CriticsPanel(QFrame):
    """Read-only: each critic's argument in bold, its honest answer below. The text can be
    reached with Tab, read with the arrow keys and selected, but not changed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName(self.tr("What critics say, for To be sure"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(2)
        self.heading = QLabel(self.tr("What critics say, and honest answers"))
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        layout.addWidget(self.heading)
        self.caption = as_text(QLabel())
        self.caption.setWordWrap(True)
        self.caption.setAccessibleName(self.tr("Which critics are shown"))
        layout.addWidget(self.caption)
        self.view = QTextEdit()
        self.view.setReadOnly(True)
        self.view.setTabChangesFocus(True)
        self.view.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.view.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.view.setAccessibleName(self.tr("Critics' arguments and honest answers"))
        self.view.document().documentLayout().documentSizeChanged.connect(self._fit_height)
        layout.addWidget(self.view)

    def show_critics(self, pack: Pack, point_ids: Sequence[str]) -> None:
        """The pack's critics of the chosen points; all of them if no point is chosen, or if
        none is tied to the points chosen (the caption says which)."""
        critics = pack.counterarguments_for(point_ids)
        if not point_ids:
            caption = self.tr(
                "All of this pack's critics: choose a point on the Talking points step to see "
                "the ones that answer it."
            )
        elif critics:
            caption = self.tr("The critics of the points you chose.")
        else:
            critics = pack.counterarguments
            caption = self.tr(
                "None of this pack's critics answers the points you chose; here are all of them."
            )
        self.caption.setText(caption)
        self.view.setHtml(
            "".join(
                f"<p><b>{html.escape(c.claim)}</b><br>{html.escape(c.answer)}</p>" for c in critics
            )
        )

    @Slot(QSizeF)
    def _fit_height(self, size: QSizeF) -> None:
        """As tall as the text (it wraps to the panel's width), up to ``MAX_HEIGHT``."""
        frame = 2 * self.view.frameWidth()
        self.view.setFixedHeight(min(MAX_HEIGHT, int(size.height()) + frame + 2))

    def text(self) -> str:
        """What the panel shows, as plain text."""
        return self.view.toPlainText()


def show_critics_below(
    section: SectionEditor | None, pack: Pack | None, point_ids: Sequence[str], body: QWidget
) -> None:
    """Show the pack's critics just below ``section`` in ``body`` (the Write page's column of
    sections), next after its field in Tab order; remove them when there is no such section
    (not an op-ed), no pack, or no critic in it."""
    panel = body.findChild(CriticsPanel)
    if section is None or pack is None or not pack.counterarguments:
        if panel is not None:
            panel.setParent(None)
            panel.deleteLater()
        return
    if panel is None:
        panel = CriticsPanel()
        layout = body.layout()
        layout.insertWidget(layout.indexOf(section) + 1, panel)
        panel.show()  # now, not after the next turn of the event loop
        QWidget.setTabOrder(section.editor, panel.view)
    panel.show_critics(pack, point_ids)
