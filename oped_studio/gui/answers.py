"""The answers the app's questions give: plain values, with no dialog behind them.

They live apart from :mod:`~oped_studio.gui.dialogs` so the dialogs that build them (the
kit builder, the settings) and the code that asks (``Dialogs``) never import each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from oped_studio.core.event import EventFolder
    from oped_studio.core.kits import Kit, Manifest
    from oped_studio.core.settings import Settings


class UnsavedChoice(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


class ConflictChoice(Enum):
    OVERWRITE = "overwrite"
    SAVE_AS = "save_as"
    CANCEL = "cancel"


@dataclass
class SettingsResult:
    settings: Settings
    words: list[str]
    forget_contact: bool = False


@dataclass
class KitSpec:
    manifest: Manifest
    pack_ids: list[str]
    out: Path


@dataclass(frozen=True)
class EventSpec:
    """An event ready to run (File > Run an Event): its kit opened, its folder made or
    opened, its PIN set or checked; ``laptop`` labels this laptop's participants."""

    kit: Kit
    event: EventFolder
    laptop: str


#: What the PIN question answers when the facilitator pressed "Forgot the PIN?".
FORGOT_PIN = object()
