"""Reading JSON from files the user gives, with limits Python's ``json`` module lacks.

Python refuses to convert an integer literal of more than 4,300 digits (a guard against
quadratic-time conversion) with a bare ``ValueError`` that the importers did not expect; no field
of a report or an annotation needs a number anywhere near that long, so a far smaller limit is
checked while parsing and reported as damage.
"""

from __future__ import annotations

import json
from typing import Any

MAX_NUMBER_DIGITS = 100  # no offset, count or version in a report is longer than 20 digits


class NumberTooLongError(ValueError):
    """A JSON number longer than any field accepts."""

    def __init__(self, digits: int) -> None:
        super().__init__(
            f"it holds a number {digits:,} digits long (at most {MAX_NUMBER_DIGITS} are accepted)"
        )


def _parse_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise NumberTooLongError(len(text.lstrip("-")))
    return int(text)


def _parse_float(text: str) -> float:
    if len(text) > MAX_NUMBER_DIGITS * 2:
        raise NumberTooLongError(len(text))
    return float(text)


def load_json(data: bytes | str) -> Any:
    """``json.loads`` with bounded numbers: raises ``NumberTooLongError`` (a ValueError, but
    not a ``json.JSONDecodeError``) for a number no field could hold, besides what
    ``json.loads`` raises."""
    return json.loads(data, parse_int=_parse_int, parse_float=_parse_float)
