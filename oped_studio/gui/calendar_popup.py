"""The calendar under a date field (gui/date_field.py), as a popup: Enter or a click picks a
day, Escape closes it and changes nothing. Imported when the calendar first opens, not at
start-up (the calendar widget's types cost milliseconds to load)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Signal, Slot
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QCalendarWidget, QFrame, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QKeyEvent


class CalendarPopup(QFrame):
    """The calendar, as a popup under the field; Escape closes it and changes nothing."""

    chosen = Signal(QDate)

    def __init__(self, parent: QWidget) -> None:
        from PySide6.QtCore import Qt  # not at start-up: see StartPage._configure_outlet_search

        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        self.calendar = QCalendarWidget()
        self.calendar.setAccessibleName(self.tr("Calendar"))
        self.calendar.setGridVisible(True)
        self.calendar.setVerticalHeaderFormat(
            QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader  # no week numbers
        )
        for day in (Qt.DayOfWeek.Saturday, Qt.DayOfWeek.Sunday):  # not red: readable in all themes
            self.calendar.setWeekdayTextFormat(day, QTextCharFormat())
        layout.addWidget(self.calendar)
        self.calendar.activated.connect(self._on_chosen)  # Enter, or a double click
        self.calendar.clicked.connect(self._on_chosen)

    def open_at(self, shown: QDate, where: QPoint) -> None:
        from PySide6.QtCore import Qt

        self.calendar.setSelectedDate(shown)
        self.calendar.setCurrentPage(shown.year(), shown.month())
        self.move(where)
        self.show()
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt's name
        from PySide6.QtCore import Qt

        if event.key() == Qt.Key.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(event)

    @Slot(QDate)
    def _on_chosen(self, day: QDate) -> None:
        self.close()
        self.chosen.emit(day)
