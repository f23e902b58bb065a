"""A date field a person can type in: ISO (2018-06-20) or the locale's short form, or a
calendar; empty means "not set".

Qt's ``QDateEdit`` edits a date section by section: typed digits land in whichever section
the cursor is in, Tab moves to the next section instead of the next field (so a keyboard user
is stuck in it, and text meant for the next field changes the date), and an empty date has to
be faked with a special value (1 January 1900, where its calendar then opens). This field is a
line edit: what is typed stays as typed, Tab and Escape leave it, a date it cannot read gets a
clear message (it is never "corrected" into another date), Delete or Backspace empty it, and
Alt+Down (or F4, or its calendar button) opens a calendar at the date, or at today's month.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QLocale, QSize, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QIcon, QPixmap
from PySide6.QtWidgets import QLineEdit, QWidget

if TYPE_CHECKING:  # the calendar and event types load when first used, not at start-up
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QCalendarWidget

    from oped_studio.gui.calendar_popup import CalendarPopup

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
#: Two-digit years are read as the nearest century: up to this many years back from today.
_YEARS_BACK = 80
#: How long after the field is made its calendar picture and full help follow (ms).
DRESS_DELAY_MS = 150
#: The calendar picture's colour: 3.45:1 on white, 5.15:1 on the dark theme's fields, 6.08:1
#: on black (a test computes them).
ICON_GREY = "#8A8A8A"
#: The calendar button's picture: a page with a bar across the top and two rows of days.
_CALENDAR_ROWS = [
    "................",
    "....#......#....",
    ".##############.",
    ".##############.",
    ".#............#.",
    ".#.##..##..##.#.",
    ".#.##..##..##.#.",
    ".#............#.",
    ".#.##..##..##.#.",
    ".#.##..##..##.#.",
    ".#............#.",
    ".#.##..##.....#.",
    ".#.##..##.....#.",
    ".#............#.",
    ".##############.",
    "................",
]


def parse_date(text: str, locale: QLocale | None = None, today: date | None = None) -> date | None:
    """The date ``text`` names: ISO (2018-06-20) or ``locale``'s short form (6/20/18 in the
    United States, 20.06.18 in Germany; four-digit years too). None when ``text`` is blank.

    Raises ValueError when ``text`` is not a date (2018-02-30 included): the caller says so
    rather than guess.
    """
    text = text.strip()
    if not text:
        return None
    match = _ISO.fullmatch(text)
    if match:
        return date(*(int(part) for part in match.groups()))  # ValueError if impossible
    locale = locale or QLocale()
    short = locale.dateFormat(QLocale.FormatType.ShortFormat)
    formats = [short]
    if "yyyy" not in short:
        formats.insert(0, short.replace("yy", "yyyy"))
    base_year = (today or date.today()).year - _YEARS_BACK
    for form in formats:
        parsed = locale.toDate(text, form, base_year)
        if parsed.isValid():
            return parsed.toPython()
    raise ValueError(text)


def short_form(value: date, locale: QLocale | None = None) -> str:
    """``value`` in the locale's short form (how the field's hint shows it)."""
    locale = locale or QLocale()
    return locale.toString(QDate(value), locale.dateFormat(QLocale.FormatType.ShortFormat))


class DateField(QLineEdit):
    """A date, typed or picked from a calendar; empty is "not set" (:meth:`date` is None).

    ``date_changed`` follows the value as the writer types (a date not yet complete, or not
    a date at all, is "not set"); ``problem_changed`` says why the text is not a date when
    the writer leaves the field or presses Enter, and "" once it is one (the page shows it
    beside the field). A date read from the short form is shown as 2018-06-20 on leaving.
    """

    #: The value changed: a ``datetime.date``, or None for "not set".
    date_changed = Signal(object)
    #: Why the text is not a date ("" when it is one, or empty).
    problem_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value: date | None = None
        self._problem = ""
        self._popup: CalendarPopup | None = None
        self.setMaxLength(40)
        self.setClearButtonEnabled(True)
        self._iso_example = date.today().isoformat()
        self._short_example = ""  # the locale's short form, worked out when first needed
        self.setPlaceholderText(
            self.tr("not set (e.g. %1)").replace("%1", self._iso_example),
        )
        self.calendar_action = QAction(self.tr("Choose from a calendar"), self)
        self.calendar_action.setToolTip(self.tr("Choose from a calendar (Alt+Down)"))
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self._dressed = False
        self._show_help()
        # The calendar picture and the short-form example load types that cost milliseconds:
        # they follow a moment after the window is up, as the list of papers does.
        QTimer.singleShot(DRESS_DELAY_MS, self._dress)
        self.calendar_action.triggered.connect(self.open_calendar)
        self.textEdited.connect(self._on_text_edited)
        self.editingFinished.connect(self._on_editing_finished)

    # -- the value ---------------------------------------------------------------------------

    def date(self) -> date | None:
        """The date typed or chosen; None when the field is empty or not (yet) a date."""
        return self._value

    def set_date(self, value: date | None) -> None:
        """Show ``value`` (None: empty). Emits ``date_changed`` if the value changes."""
        self.setText(value.isoformat() if value else "")
        self._set_problem("")
        self._set_value(value)

    def problem(self) -> str:
        """Why the text is not a date ("" when it is one, or empty)."""
        return self._problem

    def commit(self) -> str:
        """Take the text as the writer left it (as on leaving the field): a date is shown as
        2018-06-20, anything else gets its problem. Returns the problem ("" if none)."""
        try:
            value = parse_date(self.text())
        except ValueError:
            self._set_problem(self._problem_text())
            return self._problem
        self._set_problem("")
        if value is not None and self.text() != value.isoformat():
            self.setText(value.isoformat())  # the date as it was understood
        return ""

    def _set_value(self, value: date | None) -> None:
        if value != self._value:
            self._value = value
            self.date_changed.emit(value)

    @property
    def _examples(self) -> tuple[str, str]:
        """Today as ISO and in the locale's short form (the examples the field gives)."""
        if not self._short_example:
            self._short_example = short_form(date.fromisoformat(self._iso_example))
        return self._iso_example, self._short_example

    def _show_help(self) -> None:
        """The tooltip (and a screen reader's description): how to type a date."""
        self.setToolTip(
            self.tr(
                "Type the date as %1 or %2, or press Alt+Down for a calendar. Leave it empty "
                "if there is none."
            )
            .replace("%1", self._examples[0])
            .replace("%2", self._examples[1])
            if self._dressed
            else self.tr(
                "Type the date as %1, or press Alt+Down for a calendar. Leave it empty if "
                "there is none."
            ).replace("%1", self._iso_example)
        )
        if not self._problem:
            self.setAccessibleDescription(self.toolTip())

    @Slot()
    def _dress(self) -> None:
        """The calendar picture in the theme's text colour, and both examples in the help."""
        self._dressed = True
        self.calendar_action.setIcon(self._calendar_icon())
        self._show_help()

    def _set_problem(self, problem: str) -> None:
        if problem != self._problem:
            self._problem = problem
            self.setAccessibleDescription(problem or self.toolTip())
            self.problem_changed.emit(problem)

    def _problem_text(self) -> str:
        text = self.text().strip()
        shown = text if len(text) <= 24 else text[:23] + "…"
        return (
            self.tr("“%1” is not a date: type it as %2 or %3. Until then the date is not set.")
            .replace("%1", shown)
            .replace("%2", self._examples[0])
            .replace("%3", self._examples[1])
        )

    # -- the calendar ------------------------------------------------------------------------

    @Slot()
    def open_calendar(self) -> None:
        """Open the calendar at the field's date, or at today's month when it has none."""
        from PySide6.QtCore import QPoint

        from oped_studio.gui.calendar_popup import CalendarPopup

        if self._popup is None:
            self._popup = CalendarPopup(self)
            self._popup.chosen.connect(self._on_calendar_chosen)
        shown = QDate(self._value) if self._value else QDate.currentDate()
        self._popup.open_at(shown, self.mapToGlobal(QPoint(0, self.height())))

    def calendar(self) -> QCalendarWidget | None:
        """The calendar, once it has been opened."""
        return self._popup.calendar if self._popup is not None else None

    def _calendar_icon(self) -> QIcon:
        """A small calendar in a grey that reads on every theme's fields (3:1 or better on
        white, on the dark theme's and on black: WCAG's measure for a control's picture), so
        the field needs no Python event handler while the window is built (drawn from XPM
        rows: a QPainter's pens would load Qt's big ``Qt`` namespace at start-up)."""
        return QIcon(QPixmap(["16 16 2 1", ". c None", f"# c {ICON_GREY}", *_CALENDAR_ROWS]))

    # -- Qt events and slots -----------------------------------------------------------------

    def sizeHint(self) -> QSize:  # Qt's name
        """Wide enough for the hint and a date in either form, beside its two buttons."""
        hint = super().sizeHint()
        metrics = self.fontMetrics()
        # "00/00/0000" stands for the short form: as wide as any locale's, and needs no
        # locale formatting while the window is being laid out.
        samples = (self.placeholderText(), self._iso_example, "00/00/0000")
        text = max(samples, key=metrics.horizontalAdvance)
        width = metrics.horizontalAdvance(text + "  ") + 2 * (metrics.height() + 12)
        return QSize(max(hint.width(), width), hint.height())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt's name
        from PySide6.QtCore import Qt

        alt_down = (
            event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
        )
        if alt_down or event.key() == Qt.Key.Key_F4:
            self.open_calendar()
            return
        super().keyPressEvent(event)

    @Slot(str)
    def _on_text_edited(self, text: str) -> None:
        try:
            value = parse_date(text)
        except ValueError:
            value = None
        else:
            self._set_problem("")
        self._set_value(value)

    @Slot()
    def _on_editing_finished(self) -> None:
        self.commit()

    @Slot(QDate)
    def _on_calendar_chosen(self, day: QDate) -> None:
        from PySide6.QtCore import Qt

        self.setFocus(Qt.FocusReason.PopupFocusReason)
        self.set_date(day.toPython())
