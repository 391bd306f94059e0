"""The document body model: the one structure both the article view and the reports render.

A body is a sequence of blocks (heading, paragraph, list item, quote, code, table row), each
with its own text and inline marks (emphasis, strong, code, link) as offset ranges into that
text. The document's canonical text is the blocks' texts joined with ``\\n``, so a block that
starts at offset N in the canonical text starts at position N (in UTF-16 units, converted at the
Qt boundary) in the view built from it.
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


class BlockKind(enum.StrEnum):
    PARAGRAPH = "paragraph"
    HEADING = "heading"
    LIST_ITEM = "list-item"
    QUOTE = "quote"
    CODE = "code"
    TABLE_ROW = "table-row"


class MarkKind(enum.StrEnum):
    EMPHASIS = "emphasis"
    STRONG = "strong"
    CODE = "code"
    LINK = "link"


@dataclass(frozen=True, slots=True)
class Mark:
    """An inline format over ``[start, end)`` of its block's text (code-point offsets)."""

    kind: MarkKind
    start: int
    end: int
    href: str = ""


@dataclass(frozen=True, slots=True)
class Block:
    """One block of a document. ``level`` is the heading level (1-6) or list nesting depth."""

    kind: BlockKind
    text: str
    level: int = 0
    marks: tuple[Mark, ...] = ()
    ordered: bool = False
    direction: str = ""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind.value, "text": self.text}
        if self.level:
            data["level"] = self.level
        if self.ordered:
            data["ordered"] = True
        if self.direction:
            data["direction"] = self.direction
        if self.marks:
            data["marks"] = [
                {
                    "kind": m.kind.value,
                    "start": m.start,
                    "end": m.end,
                    **({"href": m.href} if m.href else {}),
                }
                for m in self.marks
            ]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Block:
        return cls(
            kind=BlockKind(data["kind"]),
            text=data["text"],
            level=int(data.get("level", 0)),
            ordered=bool(data.get("ordered", False)),
            direction=str(data.get("direction", "")),
            marks=tuple(
                Mark(MarkKind(m["kind"]), int(m["start"]), int(m["end"]), str(m.get("href", "")))
                for m in data.get("marks", ())
            ),
        )


@dataclass(frozen=True, slots=True)
class Body:
    """A whole document body; ``text`` is the canonical text."""

    blocks: tuple[Block, ...] = field(default_factory=tuple)

    @property
    def text(self) -> str:
        return body_text(self.blocks)


def body_text(blocks: Iterable[Block]) -> str:
    """The canonical text of a body: its blocks' texts joined with newlines."""
    return "\n".join(block.text for block in blocks)


def plain_body(text: str) -> tuple[Block, ...]:
    """The body of plain text: one paragraph per line (empty lines stay, as empty blocks)."""
    return tuple(Block(BlockKind.PARAGRAPH, line) for line in text.split("\n"))


def blocks_to_json(blocks: Iterable[Block]) -> list[dict[str, Any]]:
    return [b.to_dict() for b in blocks]


def blocks_from_json(data: Iterable[dict[str, Any]]) -> tuple[Block, ...]:
    return tuple(Block.from_dict(d) for d in data)


_RTL_CLASSES = frozenset(("R", "AL"))
# Isolate initiators (LRI, RLI, FSI) and their terminator (PDI): P2 skips what lies between.
_ISOLATE_OPEN = frozenset("\u2066\u2067\u2068")
_ISOLATE_CLOSE = "\u2069"


def text_direction(text: str) -> str:
    """'rtl' or 'ltr' after the first strong directional character of ``text`` outside bidi
    isolates (rules P2 and P3 of the Unicode bidi algorithm, UAX #9), '' when it has none
    (digits, punctuation, white space: such a block takes its document's direction)."""
    depth = 0
    for char in text:
        if char in _ISOLATE_OPEN:
            depth += 1
        elif char == _ISOLATE_CLOSE:
            depth = max(depth - 1, 0)
        elif depth == 0:
            bidi = unicodedata.bidirectional(char)
            if bidi == "L":
                return "ltr"
            if bidi in _RTL_CLASSES:
                return "rtl"
    return ""
