"""OpEd Studio: write a letter to the editor or an op-ed, offline, and get it published."""

from __future__ import annotations

__version__ = "0.1.0"

APP_NAME = "OpEd Studio"
