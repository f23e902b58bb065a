"""Appearance: the light, dark and high-contrast themes, and the text size.

The light theme is the platform's own look, untouched (and costs nothing at start-up); dark
and high contrast use Qt's Fusion style with a palette of their own, so every widget follows.
High contrast is black and white with yellow for the selection and links (WCAG contrast well
above 7:1). Every theme's text colours read at 4.5:1 or better against their backgrounds (see
:mod:`oped_studio.gui.colours`); the platform's light palette is corrected where it falls short.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from oped_studio.gui.colours import readable_palette

#: The text size the platform gave, remembered before the first change so "11 pt" is exact.
_ORIGINAL: dict[str, object] = {}

_DARK = {
    "Window": "#202124",
    "WindowText": "#E8EAED",
    "Base": "#17181A",
    "AlternateBase": "#26272B",
    "Text": "#E8EAED",
    "Button": "#2D2E31",
    "ButtonText": "#E8EAED",
    "Highlight": "#2A62B8",
    "HighlightedText": "#FFFFFF",
    "ToolTipBase": "#2D2E31",
    "ToolTipText": "#E8EAED",
    "PlaceholderText": "#9AA0A6",
    "Link": "#8AB4F8",
    "Mid": "#3C4043",
    "Disabled": "#A0A4A8",
}
_HIGH_CONTRAST = {
    "Window": "#000000",
    "WindowText": "#FFFFFF",
    "Base": "#000000",
    "AlternateBase": "#1A1A1A",
    "Text": "#FFFFFF",
    "Button": "#000000",
    "ButtonText": "#FFFFFF",
    "Highlight": "#FFFF00",
    "HighlightedText": "#000000",
    "ToolTipBase": "#000000",
    "ToolTipText": "#FFFFFF",
    "PlaceholderText": "#D0D0D0",
    "Link": "#FFFF00",
    "Mid": "#FFFFFF",
    "Disabled": "#A0A0A0",
}


def _palette(colours: dict[str, str]) -> QPalette:
    palette = QPalette()
    for role_name, colour in colours.items():
        if role_name != "Disabled":
            palette.setColor(getattr(QPalette.ColorRole, role_name), QColor(colour))
    disabled = QColor(colours["Disabled"])
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.WindowText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def apply_appearance(app: QApplication, theme: str, text_size: int) -> None:
    """Apply ``theme`` ("light", "dark" or "high-contrast") and ``text_size`` (points)."""
    if "style" not in _ORIGINAL:
        _ORIGINAL["style"] = app.style().name()
        _ORIGINAL["palette"] = QPalette(app.palette())
    if theme == "light":
        app.setStyle(str(_ORIGINAL["style"]))
        palette = _ORIGINAL["palette"]
    else:
        app.setStyle("Fusion")
        palette = _palette(_DARK if theme == "dark" else _HIGH_CONTRAST)
    app.setPalette(readable_palette(palette))  # type: ignore[arg-type]
    font = QFont(app.font())
    font.setPointSize(text_size)
    app.setFont(font)
    # A widget with a style sheet keeps the palette and font it had when the sheet was set
    # (one change behind): after high contrast, light left the step list black and yellow.
    for widget in app.allWidgets():
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet(sheet)


def use_readable_palette(app: QApplication) -> None:
    """Keep the platform's look, with any text colour below 4.5:1 contrast corrected (the
    default light theme at start-up; cheap: no style or font change)."""
    app.setPalette(readable_palette(app.palette()))
