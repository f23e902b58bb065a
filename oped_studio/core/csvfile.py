"""CSV files the app writes (``summary.csv``, ``similarity.csv``, the submissions log): one
writer, so no cell can run as a formula.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and some a tab, a
carriage return or the full-width forms ``＝ ＋ － ＠``) as a formula: a draft titled
``=HYPERLINK("http://…","click")`` would become a live link in the facilitator's summary. Such
a text cell gets a leading apostrophe, which spreadsheets show as text and hide; numbers the
app computed are written as they are.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping

#: What a spreadsheet may take as the start of a formula.
FORMULA_STARTS = frozenset("=+-@\t\r\n＝＋－＠")


def safe_cell(value: object) -> object:
    """``value`` as a CSV cell that a spreadsheet shows as written, never runs."""
    if not isinstance(value, str):
        return value  # an int or float the app computed
    if value.lstrip(" ")[:1] in FORMULA_STARTS:
        return "'" + value
    return value


def csv_text(columns: Iterable[str], rows: Iterable[Mapping[str, object]]) -> str:
    """A CSV table (a header, then a line a row, ``\\n`` line ends) with every text cell made
    safe by :func:`safe_cell`."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: safe_cell(value) for key, value in row.items()})
    return buffer.getvalue()
