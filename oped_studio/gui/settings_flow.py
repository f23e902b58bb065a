"""Edit > Settings: ask, then save the settings, the personal dictionary and the contact
details the writer chose to forget, and apply the appearance at once. The window tells the
checks (they use the new settings from their next run)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from oped_studio.core.errors import OpedError
from oped_studio.gui.dialogs import Dialogs

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from oped_studio.core.paths import AppPaths
    from oped_studio.core.settings import Settings


def edit_settings(parent: QWidget, paths: AppPaths) -> Settings | None:
    """The settings the writer saved (None: cancelled, or they could not be saved)."""
    from oped_studio.checks.dictionary import PersonalDictionary
    from oped_studio.core.profile import forget_author
    from oped_studio.core.settings import load_settings, save_settings
    from oped_studio.gui.theme import apply_appearance

    dictionary = PersonalDictionary(paths)
    before = dictionary.words()
    result = Dialogs.edit_settings(parent, load_settings(paths), before)
    if result is None:
        return None
    try:
        save_settings(result.settings, paths)
        kept = {w.casefold() for w in result.words}
        for word in before:
            if word.casefold() not in kept:
                dictionary.remove(word)
        for word in result.words:
            dictionary.add(word)
        if result.forget_contact:
            forget_author(paths)
    except (OpedError, OSError) as exc:
        title = QCoreApplication.translate("SettingsFlow", "Could not save the settings")
        Dialogs.show_error(parent, title, str(exc))
        return None
    settings = result.settings
    apply_appearance(QApplication.instance(), settings.theme, settings.text_size)
    return settings
