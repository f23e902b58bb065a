"""Back and Next under the steps' pages, so a first-time writer always sees the way on.

The bar knows only the steps' titles and which one is shown: it asks for another step
(``step_requested``) or, on the last step, for the letter as a Word document
(``export_requested("docx")``, the same request as the Export step's own button). The window
wires both; Ctrl+1 to Ctrl+5 still jump straight to a step.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QStackedWidget, QVBoxLayout, QWidget


class StepBar(QWidget):
    """ "Back" (Alt+B) and "Next" (Alt+N); on the last step, Next saves a Word document."""

    #: The writer wants this step (a row of the step list).
    step_requested = Signal(int)
    #: The writer finished the last step: save the letter in this format ("docx").
    export_requested = Signal(str)

    def __init__(self, step_titles: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Step buttons"))
        self._titles = list(step_titles)
        self._row = 0
        self._stack: QStackedWidget | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(24, 2, 24, 6)
        self.back_button = QPushButton(self.tr("&Back"))
        self.next_button = QPushButton(self.tr("&Next"))
        for button in (self.back_button, self.next_button):
            button.setAutoDefault(False)  # Enter in a field never jumps to another step
        layout.addWidget(self.back_button)
        layout.addStretch(1)
        layout.addWidget(self.next_button)
        self.back_button.clicked.connect(self._on_back)
        self.next_button.clicked.connect(self._on_next)
        self.show_step(0)

    def beneath(self, page: QStackedWidget) -> QWidget:
        """``page`` (the steps' stack) with this bar under it, as one column."""
        self._stack = page
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(page, 1)
        layout.addWidget(self)
        return column

    def is_last(self) -> bool:
        return self._row == len(self._titles) - 1

    @Slot(int)
    def show_step(self, row: int) -> None:
        """Step ``row`` is shown: name the steps either side (the last step's Next exports)."""
        if not 0 <= row < len(self._titles):
            return
        self._row = row
        if row > 0:  # Start is built before the bar, and never rebuilt
            self.follow_page()
        self.back_button.setEnabled(row > 0)
        if row > 0:
            previous = self._titles[row - 1]
            self.back_button.setText(self.tr("&Back: %1").replace("%1", previous))
            self.back_button.setAccessibleName(
                self.tr("Back to the step before: %1").replace("%1", previous)
            )
            self.back_button.setToolTip(self.tr("Alt+B, or Ctrl+%1").replace("%1", str(row)))
        else:
            self.back_button.setText(self.tr("&Back"))
            self.back_button.setAccessibleName(self.tr("Back (this is the first step)"))
            self.back_button.setToolTip("")
        if self.is_last():
            self.next_button.setText(self.tr("&Next: save as a Word document…"))
            self.next_button.setAccessibleName(self.tr("Next: save it as a Word document"))
            self.next_button.setToolTip(
                self.tr("Alt+N: as “Save as Word document” above, where the other formats are too")
            )
        else:
            following = self._titles[row + 1]
            self.next_button.setText(self.tr("&Next: %1").replace("%1", following))
            self.next_button.setAccessibleName(self.tr("Next step: %1").replace("%1", following))
            self.next_button.setToolTip(self.tr("Alt+N, or Ctrl+%1").replace("%1", str(row + 2)))

    @Slot()
    def follow_page(self) -> None:
        """Come after the shown page's fields in the Tab order.

        A page built on first use (or rebuilt for another draft) joins the end of the
        window's Tab order, after this bar; without this, Tab from the step list would reach
        Back and Next before the page's first field.
        """
        from PySide6.QtCore import Qt  # not at start-up: see StartPage._configure_outlet_search

        page = self._stack.currentWidget() if self._stack is not None else None
        if page is None:
            return
        last, widget = page, page.nextInFocusChain()
        while widget is not page:  # the chain is a circle
            if page.isAncestorOf(widget) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                last = widget
            widget = widget.nextInFocusChain()
        if last is not page:
            QWidget.setTabOrder(last, self.back_button)
            QWidget.setTabOrder(self.back_button, self.next_button)

    @Slot()
    def _on_back(self) -> None:
        if self._row > 0:
            self.step_requested.emit(self._row - 1)

    @Slot()
    def _on_next(self) -> None:
        if self.is_last():
            self.export_requested.emit("docx")
        else:
            self.step_requested.emit(self._row + 1)
