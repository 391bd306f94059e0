"""Builds body-model blocks from a stream of text and inline formats, for every rich importer.

HTML, Markdown and Word all describe an article as nested blocks holding runs of text with
formats. :class:`BlockWriter` turns that stream into :class:`Block` objects whose text is
canonical (NFC, no line breaks, white space collapsed) and whose marks stay inside the text, so
each importer only has to walk its own structure.

Every importer also ends with :func:`with_directions`, the one place that gives blocks and
documents their writing direction: a block's from its own text (:func:`text_direction`, the
first strong character, as the Unicode bidi algorithm's rules P2 and P3 choose a paragraph's
level), the document's from the majority of its text unless the source declares one. So an
Arabic or Urdu article reads right to left in the view and in the reports whichever format it
came in.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace

from annotator.domain.body import Block, BlockKind, Mark, MarkKind, text_direction
from annotator.domain.text import canonical_text

_SPACE = re.compile(r"\s+")
# C0/C1 controls and the BOM are invisible and would break canonical text; tabs and line ends
# are handled as white space before this runs.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufeff]")
# What XML and HTML parsers (lxml) and UTF-8 cannot take: C0 controls other than tab and line
# ends, lone UTF-16 surrogates (from a clipboard or a bad escape) and the two non-characters.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_compatible(text: str) -> str:
    """``text`` without the characters a parser refuses outright; none of them is visible, so
    a page with one stray control character still reads as written."""
    return _NOT_XML.sub("", text)


def with_directions(blocks: Iterable[Block], declared: str = "") -> tuple[tuple[Block, ...], str]:
    """The blocks, each with its direction, and the document's direction.

    A direction the source states for a block (an HTML ``dir`` differing from the page's) is
    kept; every other block gets its text's (:func:`text_direction`), and a block without strong
    characters keeps '' to follow the document. The document's direction is the one its source
    declares (a web page's ``dir``), else the majority's: right to left when more of its text
    is in right-to-left blocks than in left-to-right ones.
    """
    directed = tuple(
        block if block.direction else replace(block, direction=text_direction(block.text))
        for block in blocks
    )
    if declared in ("ltr", "rtl"):
        return directed, declared
    weight = {"ltr": 0, "rtl": 0}
    for block in directed:
        if block.direction in weight:
            weight[block.direction] += len(block.text)
    return directed, "rtl" if weight["rtl"] > weight["ltr"] else "ltr"


def clean_inline(text: str) -> str:
    """Text as it reads in one line: controls dropped, every run of white space one space."""
    return _INVISIBLE.sub("", _SPACE.sub(" ", text))


@dataclass(slots=True)
class _OpenMark:
    kind: MarkKind
    href: str
    start: int


@dataclass(frozen=True, slots=True)
class BlockStyle:
    """What the next block will be: kind, heading level or list depth, list order, direction,
    and the page of a paged source it starts on."""

    kind: BlockKind = BlockKind.PARAGRAPH
    level: int = 0
    ordered: bool = False
    direction: str = ""
    page: int = 0


class BlockWriter:
    """Accumulates inline text into the current block and emits finished blocks."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._text: list[str] = []
        self._length = 0
        self._pending_space = False
        self._marks: list[Mark] = []
        self._open: dict[int, _OpenMark] = {}
        self._next_id = 0
        self.style = BlockStyle()

    def write(self, text: str) -> None:
        """Append inline text, collapsing white space as a browser does."""
        text = clean_inline(text)
        if not text:
            return
        if text[0] == " ":
            self._pending_space = True
            text = text[1:]
        if not text:
            return
        ends_with_space = text.endswith(" ")
        self._append(text.rstrip(" "))
        self._pending_space = ends_with_space

    def write_line(self, text: str) -> None:
        """Append text verbatim apart from invisible characters (code keeps its indentation)."""
        text = _INVISIBLE.sub("", text.replace("\n", " "))
        if text:
            self._append(text)

    def space(self) -> None:
        """A soft separator (a line break inside a paragraph, a table cell border)."""
        self._pending_space = True

    def separator(self, sep: str) -> None:
        """A visible separator, written only between two pieces of text (table cells)."""
        if self._length:
            self._pending_space = False
            self._append(sep)

    def open_mark(self, kind: MarkKind, href: str = "") -> int:
        self._flush_space()
        self._next_id += 1
        self._open[self._next_id] = _OpenMark(kind, href, self._length)
        return self._next_id

    def close_mark(self, mark_id: int) -> None:
        opened = self._open.pop(mark_id, None)
        if opened is not None and self._length > opened.start:
            self._marks.append(Mark(opened.kind, opened.start, self._length, opened.href))

    def start(self, style: BlockStyle) -> None:
        """End the current block (if it holds text) and give the next one this style."""
        self.end()
        self.style = style

    def end(self) -> None:
        """Finish the current block; marks still open carry on into the next block."""
        for opened in self._open.values():
            if self._length > opened.start:
                self._marks.append(Mark(opened.kind, opened.start, self._length, opened.href))
            opened.start = 0
        text = "".join(self._text)
        if text.strip():
            self.blocks.append(_make_block(self.style, text, self._marks))
        self._text, self._length, self._marks, self._pending_space = [], 0, [], False

    def finish(self) -> tuple[Block, ...]:
        self.end()
        return tuple(self.blocks)

    def _flush_space(self) -> None:
        if self._pending_space and self._length and not self._text[-1].endswith(" "):
            self._text.append(" ")
            self._length += 1
        self._pending_space = False

    def _append(self, text: str) -> None:
        self._flush_space()
        self._text.append(text)
        self._length += len(text)


def _make_block(style: BlockStyle, text: str, marks: list[Mark]) -> Block:
    """A block with NFC text stripped at both ends and marks moved to match."""
    # Code keeps its indentation; everywhere else leading space is an artefact of markup.
    body = text.rstrip() if style.kind is BlockKind.CODE else text.strip()
    lead = len(text) - len(text.lstrip()) if style.kind is not BlockKind.CODE else 0
    normal = unicodedata.normalize("NFC", body)

    def where(offset: int) -> int:
        inside = min(max(offset - lead, 0), len(body))
        return inside if normal == body else len(unicodedata.normalize("NFC", body[:inside]))

    moved = []
    for mark in sorted(marks, key=lambda m: (m.start, -m.end)):
        start, end = where(mark.start), min(where(mark.end), len(normal))
        if start < end:
            moved.append(Mark(mark.kind, start, end, mark.href))
    return Block(
        style.kind,
        normal,
        style.level,
        tuple(moved),
        style.ordered,
        style.direction,
        page=style.page,
    )


def lines_as_blocks(text: str, style: BlockStyle) -> list[Block]:
    """One block per non-empty line (code, poems), keeping each line's indentation."""
    blocks: list[Block] = []
    for line in canonical_text(text).split("\n"):  # U+2028/9 end lines as \n does
        writer = BlockWriter()
        writer.style = style
        writer.write_line(line.rstrip())
        blocks.extend(writer.finish())
    return blocks
