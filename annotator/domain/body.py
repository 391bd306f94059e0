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
    FIGURE = "figure"
    """An image's placeholder: its text is what a reader sees of it (caption, else alt text,
    with the credit), and it is no claimable body text (DESIGN.md, "One text, two
    renderings"). The image itself is never stored or loaded."""


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
    """One block of a document. ``level`` is the heading level (1-6) or list nesting depth.

    ``page`` is the page of a paged source (PDF) the block starts on, 0 when unknown; a block
    continued on later pages says where in its text each next page starts (``page_breaks``).
    A FIGURE keeps the image's ``alt`` text, ``caption`` and ``credit``.
    """

    kind: BlockKind
    text: str
    level: int = 0
    marks: tuple[Mark, ...] = ()
    ordered: bool = False
    direction: str = ""
    page: int = 0
    page_breaks: tuple[int, ...] = ()
    alt: str = ""
    caption: str = ""
    credit: str = ""

    def pages(self, start: int, end: int) -> tuple[int, ...]:
        """The pages ``text[start:end]`` of this block lies on (none when unknown)."""
        if not self.page:
            return ()
        first = self.page + sum(1 for cut in self.page_breaks if cut <= start)
        last = self.page + sum(1 for cut in self.page_breaks if cut < end)
        return tuple(range(first, max(first, last) + 1))

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind.value, "text": self.text}
        if self.level:
            data["level"] = self.level
        if self.ordered:
            data["ordered"] = True
        if self.direction:
            data["direction"] = self.direction
        for name in ("page", "alt", "caption", "credit"):
            if value := getattr(self, name):
                data[name] = value
        if self.page_breaks:
            data["page_breaks"] = list(self.page_breaks)
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
            page=int(data.get("page", 0)),
            page_breaks=tuple(int(cut) for cut in data.get("page_breaks", ())),
            alt=str(data.get("alt", "")),
            caption=str(data.get("caption", "")),
            credit=str(data.get("credit", "")),
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


def figure_text(alt: str, caption: str, credit: str) -> str:
    """What a reader sees of an image: its caption, else its alt text, else "Image", and the
    credit in parentheses ("Troops at the border (Photo: Reuters)")."""
    shown = caption or alt or "Image"
    return f"{shown} ({credit})" if credit else shown


def figure_spans(blocks: Iterable[Block]) -> list[tuple[int, int]]:
    """Where the figures lie in the canonical text, as [start, end) offsets."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for block in blocks:
        if block.kind is BlockKind.FIGURE:
            spans.append((offset, offset + len(block.text)))
        offset += len(block.text) + 1
    return spans


def pages_of_span(blocks: Iterable[Block], start: int, end: int) -> tuple[int, ...]:
    """The pages (of a paged source) that ``text[start:end]`` lies on, in order."""
    pages: set[int] = set()
    offset = 0
    for block in blocks:
        if offset >= end:
            break
        block_end = offset + len(block.text)
        if block_end > start:
            pages.update(block.pages(max(start - offset, 0), min(end, block_end) - offset))
        offset = block_end + 1
    return tuple(sorted(pages))


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
