"""How large a value one step of a letter template may make, estimated before the step runs.

A step that runs in C (``'%s%s%s' % (big, big, big)``, ``indent`` over many lines, ``a ~ a``,
printing a list of a million copies of one text) cannot be stopped by the template's time
limit once it has started, and its result cannot be checked before it has filled memory (one
such step took 24 GB). So :mod:`oped_studio.core.render` asks here, from a step's inputs, how
large its result may be, and refuses it first. The estimates err on the large side: a real
letter template is far below :data:`MAX_VALUE`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

#: The largest text or list any one step of a template may make, and the most a template may
#: write in all: a letter is at most 100,000 characters (``draft.MAX_LETTER_TEXT``).
MAX_VALUE = 2_000_000
_NUMBER = re.compile(r"\d+")
_OTHER = 24  # what a number, a date or any other value prints as, at most (about)


def printed_size(value: Any, limit: int = MAX_VALUE) -> int:
    """About how many characters ``value`` prints as: a list or a dict with every item, an item
    repeated a million times counted a million times. Counting stops soon after ``limit``."""
    total, pending = 0, [value]
    while pending and total <= limit:
        item = pending.pop()
        if isinstance(item, str):
            total += len(item) + 2
        elif isinstance(item, dict):
            total += 2 + 2 * len(item)
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list | tuple | set | frozenset):
            total += 2 + 2 * len(item)
            pending.extend(item)
        else:
            total += _OTHER
    return total


def formatted_size(form: str, values: Iterable[Any]) -> int:
    """The most ``form % values`` or ``form.format(*values)`` may make: any field may repeat
    the largest value (``%(a)s%(a)s``, ``{0}{0}``), any number in the form may be a width."""
    numbers = _NUMBER.findall(form)
    if any(len(number) > 7 for number in numbers):
        return MAX_VALUE + 1
    widths = sum(int(number) for number in numbers)
    largest = max((printed_size(value) for value in values), default=0)
    return len(form) + widths + (form.count("%") + form.count("{")) * largest


def _number(value: Any, default: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        return len(value) if isinstance(value, str) else default
    return max(value, 0)


def amplified_size(name: str, args: tuple, kwargs: dict[str, Any]) -> int:
    """The size of what the filter or string method ``name`` would make of ``args`` (the text
    first), for the few whose result may be far larger than their inputs; 0 for the rest."""
    at = next((i for i, value in enumerate(args) if isinstance(value, str)), None)
    if at is None:
        return 0
    text, rest = args[at], args[at + 1 :]

    def arg(index: int, key: str, default: Any) -> Any:
        return rest[index] if len(rest) > index else kwargs.get(key, default)

    if name == "indent":  # each line gets the indent (a width, or a text)
        return len(text) + (text.count("\n") + 1) * _number(arg(0, "width", 4), 4)
    if name == "wordwrap":  # a wrap string at every width's worth of text
        width = max(_number(arg(0, "width", 79), 79), 1)
        wrap = arg(2, "wrapstring", None) or "\n"
        return len(text) + (len(text) // width + 1) * len(str(wrap))
    if name == "expandtabs":
        return len(text) + text.count("\t") * _number(arg(0, "tabsize", 8), 8)
    if name == "translate" and rest and isinstance(rest[0], dict):
        largest = max((printed_size(v) for v in rest[0].values()), default=1)
        return len(text) * max(largest, 1)
    if name == "format":  # the filter: "%s, %s"|format(a, b)
        return formatted_size(text, (*rest, *kwargs.values()))
    return 0
