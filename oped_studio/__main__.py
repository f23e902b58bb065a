"""`python -m oped_studio`: the same entry point as the `oped-studio` command."""

from __future__ import annotations

import sys

from oped_studio.cli import main

if __name__ == "__main__":
    sys.exit(main())
