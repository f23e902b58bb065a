"""Line numbers for the keys and tables of a TOML file, for error messages people can act on.

``tomllib`` says what a file holds but not where. :func:`key_lines` reads the text once more
and maps every key path (``("points", 2, "facts", 0, "source")``, array-of-tables indexes from
0) to the line it is written on. It understands what people write by hand: tables, arrays of
tables, dotted and quoted keys, and multi-line strings and arrays (whose content it skips).
"""

from __future__ import annotations

import re

KeyPath = tuple[str | int, ...]

_ARRAY_TABLE = re.compile(r"^\s*\[\[\s*(.+?)\s*\]\]\s*(#.*)?$")
_TABLE = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")
_KEY = re.compile(
    r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=(.*)$"""
)
_KEY_PART = re.compile(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""")


def _split_key(text: str) -> list[str]:
    return [part.strip("\"'") for part in _KEY_PART.findall(text)]


def _bracket_balance(value: str) -> tuple[int, str | None]:
    """Open brackets left at the end of ``value``, and an unclosed multi-line string opener."""
    depth = 0
    i = 0
    while i < len(value):
        char = value[i]
        if char == "#":
            break
        if value.startswith('"""', i) or value.startswith("'''", i):
            quote = value[i : i + 3]
            end = value.find(quote, i + 3)
            if end < 0:
                return depth, quote
            i = end + 3
            continue
        if char in "\"'":
            end = i + 1
            while end < len(value) and value[end] != char:
                end += 2 if char == '"' and value[end] == "\\" else 1
            i = end + 1
            continue
        if char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
        i += 1
    return depth, None


def key_lines(text: str) -> dict[KeyPath, int]:
    """Map each key path and table path in ``text`` to its 1-based line number."""
    lines: dict[KeyPath, int] = {}
    counters: dict[KeyPath, int] = {}
    prefix: KeyPath = ()
    open_string: str | None = None
    depth = 0

    def resolve(keys: list[str]) -> KeyPath:
        path: KeyPath = ()
        for key in keys:
            path += (key,)
            if path in counters:
                path += (counters[path],)
        return path

    for number, line in enumerate(text.splitlines(), start=1):
        if open_string is not None:
            if open_string in line:
                rest = line.split(open_string, 1)[1]
                open_string = None
                extra, open_string = _bracket_balance(rest)
                depth += extra
            continue
        if depth > 0:
            extra, open_string = _bracket_balance(line)
            depth += extra
            continue
        if match := _ARRAY_TABLE.match(line):
            keys = _split_key(match.group(1))
            array = (*resolve(keys[:-1]), keys[-1])
            counters[array] = counters.get(array, -1) + 1
            prefix = (*array, counters[array])
            lines.setdefault(array, number)
            lines[prefix] = number
            continue
        if match := _TABLE.match(line):
            prefix = resolve(_split_key(match.group(1)))
            lines.setdefault(prefix, number)
            continue
        if match := _KEY.match(line):
            path = prefix + tuple(_split_key(match.group(1)))
            lines.setdefault(path, number)
            depth, open_string = _bracket_balance(match.group(2))
    return lines


def line_of(lines: dict[KeyPath, int], path: KeyPath) -> int:
    """The line of ``path``, or of its nearest written parent; 1 when nothing matches."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return 1


def describe(path: KeyPath) -> str:
    """``("points", 2, "facts", 0, "source")`` as ``points[3].facts[1].source`` (1-based)."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else part
    return out or "(file)"
