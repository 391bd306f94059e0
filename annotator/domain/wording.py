"""Counts as people write them: "1 claim", "2 claims", "0 claims"."""

from __future__ import annotations


def counted(count: int, singular: str, plural: str = "") -> str:
    """``count`` followed by the noun in the number it takes (``plural`` defaults to
    ``singular + "s"``)."""
    return f"{count:,} {singular if count == 1 else plural or singular + 's'}"
