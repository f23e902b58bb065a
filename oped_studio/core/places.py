"""US states and ZIP codes, offline: find the papers nearest a writer.

The ZIP codes and their coordinates come from the ``zipcodes`` package (MIT licence; about
42,000 US ZIP codes with latitude and longitude, shipped inside the package: nothing is
downloaded). A paper's place is its city and state, looked up in the same data. Loading the
data takes a quarter of a second, so it is read only when a ZIP code is first asked for.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from oped_studio.core.cleaning import one_line
from oped_studio.core.errors import OpedError

#: Two-letter codes and names: the 50 states, DC and Puerto Rico.
STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan",
    "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana",
    "NE": "Nebraska", "NV": "Nevada", "NH": "New Hampshire", "NJ": "New Jersey",
    "NM": "New Mexico", "NY": "New York", "NC": "North Carolina", "ND": "North Dakota",
    "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania",
    "RI": "Rhode Island", "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee",
    "TX": "Texas", "UT": "Utah", "VT": "Vermont", "VA": "Virginia", "WA": "Washington",
    "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming", "PR": "Puerto Rico",
}  # fmt: skip

_STATE_CODES = {
    **{name.casefold(): code for code, name in STATES.items()},
    **{code.casefold(): code for code in STATES},
}
T = TypeVar("T")
_ZIP = re.compile(r"^\s*(\d{5})(?:-\d{4})?\s*$")


class PlaceError(OpedError):
    """A ZIP code that is malformed or unknown."""


def state_code(text: str) -> str:
    """``"TX"`` for "tx", "Texas" or "texas"; "" when ``text`` names no state."""
    return _STATE_CODES.get(" ".join(text.split()).casefold(), "")


def is_zip(text: str) -> bool:
    """True for what looks like a US ZIP code ("93950" or "93950-1234")."""
    return bool(_ZIP.match(text))


@dataclass(frozen=True)
class Place:
    city: str
    state: str
    lat: float
    lon: float


@functools.cache
def _by_zip() -> dict[str, Place]:
    import zipcodes  # ~0.25 s: only when a ZIP code is first asked for

    found: dict[str, Place] = {}
    for row in zipcodes.list_all():
        try:
            found[row["zip_code"]] = Place(
                row["city"], row["state"], float(row["lat"]), float(row["long"])
            )
        except (KeyError, TypeError, ValueError):
            continue
    return found


@functools.cache
def _by_city() -> dict[tuple[str, str], tuple[float, float]]:
    """The middle of each city's ZIP codes, by (city folded, state)."""
    sums: dict[tuple[str, str], list[float]] = {}
    for place in _by_zip().values():
        key = (place.city.casefold(), place.state)
        total = sums.setdefault(key, [0.0, 0.0, 0])
        total[0] += place.lat
        total[1] += place.lon
        total[2] += 1
    return {key: (lat / n, lon / n) for key, (lat, lon, n) in sums.items()}


@functools.cache
def city_names(min_zip_codes: int = 1) -> frozenset[str]:
    """The US cities with at least ``min_zip_codes`` ZIP codes, as the data spells them
    ("Philadelphia"): the big cities, known to the spelling checks."""
    counts: dict[str, int] = {}
    for place in _by_zip().values():
        counts[place.city] = counts.get(place.city, 0) + 1
    return frozenset(city for city, n in counts.items() if n >= min_zip_codes)


def zip_place(text: str) -> Place:
    """Where the ZIP code ``text`` is; :class:`PlaceError` says what is wrong otherwise."""
    match = _ZIP.match(text)
    if not match:
        shown = one_line(text)[:20]
        raise PlaceError(f"'{shown}' is not a ZIP code; give five digits, like 93950.")
    place = _by_zip().get(match.group(1))
    if place is None:
        raise PlaceError(
            f"ZIP code {match.group(1)} is not in the list of US ZIP codes the app carries; "
            "check it, or search by city or state instead."
        )
    return place


def city_point(city: str, state: str) -> tuple[float, float] | None:
    """Where a city is (the middle of its ZIP codes), or None if the data does not know it."""
    cities, state = _by_city(), state_code(state)  # a writer's own paper may say "Texas"
    name = " ".join(city.split()).casefold()
    # The ZIP data writes "Saint Paul", "Fort Myers", "Mc Lean"; papers write "St. Paul"...
    spelled = re.sub(r"^st\.? ", "saint ", re.sub(r"^ft\.? ", "fort ", name))
    for candidate in (name, spelled, re.sub(r"^mc(?=\w)", "mc ", spelled)):
        if (candidate, state) in cities:
            return cities[(candidate, state)]
    return None


def miles_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in miles."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 3958.8 * 2 * math.asin(min(1.0, math.sqrt(h)))


def nearest(
    zip_code: str, items: Iterable[T], where: Callable[[T], tuple[str, str]]
) -> list[tuple[T, float | None]]:
    """``items`` nearest the ZIP code first, with their distance in miles; ``where(item)``
    gives an item's (city, state). Items whose place is unknown come last (distance None)."""
    origin = zip_place(zip_code)
    here = (origin.lat, origin.lon)
    placed, unplaced = [], []
    for item in items:
        point = city_point(*where(item))
        if point is None:
            unplaced.append((item, None))
        else:
            placed.append((item, miles_between(here, point)))
    placed.sort(key=lambda pair: pair[1])
    return placed + unplaced
