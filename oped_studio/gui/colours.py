"""Colours that stay readable: WCAG contrast, and the colours drawn on a theme's backgrounds.

Every text colour the app draws (the palette's, the issue categories', the highlight of copied
text, error messages) keeps a contrast ratio of at least 4.5:1 (WCAG 2's AA level for text)
against what it is drawn on, in the light, dark and high-contrast themes alike. The light
theme is the platform's palette, which may fall short (Qt's own light palette puts white on a
mid blue for the selection): :func:`readable_palette` darkens or lightens only the colours that
do, and only as far as they must.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QColor, QPalette

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QWidget

#: WCAG 2's minimum contrast for text (level AA).
MIN_CONTRAST = 4.5

_ROLE = QPalette.ColorRole
#: (text, background) roles the widgets draw text with, in every colour group.
TEXT_PAIRS = (
    (_ROLE.Text, _ROLE.Base),
    (_ROLE.Text, _ROLE.AlternateBase),
    (_ROLE.WindowText, _ROLE.Window),
    (_ROLE.ButtonText, _ROLE.Button),
    (_ROLE.PlaceholderText, _ROLE.Base),
    (_ROLE.Link, _ROLE.Base),
    (_ROLE.LinkVisited, _ROLE.Base),
    (_ROLE.ToolTipText, _ROLE.ToolTipBase),
    (_ROLE.HighlightedText, _ROLE.Highlight),
)
GROUPS = (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive, QPalette.ColorGroup.Disabled)

#: The background of wording copied from a pack, on light and on dark backgrounds.
_COPIED = ("#FFF3A0", "#524700")
#: Error messages, on light and on dark backgrounds.
_ERROR = ("#B3261E", "#F28B82")


def luminance(colour: QColor) -> float:
    """WCAG 2's relative luminance of ``colour`` (0 for black, 1 for white)."""

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * linear(colour.redF())
        + 0.7152 * linear(colour.greenF())
        + 0.0722 * linear(colour.blueF())
    )


def contrast(first: QColor, second: QColor) -> float:
    """WCAG 2's contrast ratio of two colours, from 1 (the same) to 21 (black and white)."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def is_dark(background: QColor) -> bool:
    """Whether white text reads better than black on ``background``."""
    return contrast(QColor("#FFFFFF"), background) > contrast(QColor("#000000"), background)


def _mix(colour: QColor, target: QColor, share: float) -> QColor:
    return QColor.fromRgbF(
        colour.redF() + (target.redF() - colour.redF()) * share,
        colour.greenF() + (target.greenF() - colour.greenF()) * share,
        colour.blueF() + (target.blueF() - colour.blueF()) * share,
    )


def readable(colour: QColor, background: QColor, minimum: float = MIN_CONTRAST) -> QColor:
    """``colour``, darkened or lightened (away from ``background``) as little as it takes to
    reach ``minimum`` contrast against it; unchanged when it already does."""
    if contrast(colour, background) >= minimum:
        return QColor(colour)
    target = QColor("#FFFFFF" if is_dark(background) else "#000000")
    for step in range(1, 41):
        mixed = _mix(colour, target, step / 40)
        if contrast(mixed, background) >= minimum:
            return mixed
    return target


def readable_palette(palette: QPalette) -> QPalette:
    """A copy of ``palette`` whose every text colour reaches :data:`MIN_CONTRAST` against its
    background (the selection's background moves, not its text: white stays white)."""
    fixed = QPalette(palette)
    for group in GROUPS:
        for text, background in TEXT_PAIRS:
            fore, back = fixed.color(group, text), fixed.color(group, background)
            if contrast(fore, back) >= MIN_CONTRAST:
                continue
            if text == _ROLE.HighlightedText:
                fixed.setColor(group, background, readable(back, fore))
            else:
                fixed.setColor(group, text, readable(fore, back))
    return fixed


def copied_colours(palette: QPalette) -> tuple[QColor, QColor]:
    """(background, text) for wording copied from a pack, on ``palette``'s base."""
    dark = is_dark(palette.color(_ROLE.Base))
    background = QColor(_COPIED[dark])
    return background, readable(palette.color(_ROLE.Text), background)


def error_colour(background: QColor) -> QColor:
    """The colour of an error message on ``background``."""
    return readable(QColor(_ERROR[is_dark(background)]), background)


def mark_as_error(label: QWidget) -> None:
    """Show ``label``'s text in the error colour of the theme it is made in."""
    palette = label.palette()
    palette.setColor(_ROLE.WindowText, error_colour(palette.color(_ROLE.Window)))
    label.setPalette(palette)


def problem_label() -> QLabel:
    """A form's line saying what is wrong: wrapped, named for screen readers, in the error
    colour."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    label.setProperty("textFormat", 0)  # Qt::PlainText: problems quote names from files
    label.setWordWrap(True)
    label.setAccessibleName(QCoreApplication.translate("Colours", "Problem"))
    mark_as_error(label)
    return label
