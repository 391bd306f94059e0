"""The article as HTML: the body model's blocks with their inline marks, and every claim
highlighted in its verdict's colour and numbered.

Claims may overlap each other, cross block ends and cut through marks, so nothing is nested:
each block is cut into segments at every claim and mark boundary, and each segment opens and
closes its own tags. Claim boundaries are sorted once per document and consumed by two
pointers while the blocks are walked, so a document with thousands of claims renders in
O(n log n). The screen report styles highlights with classes; Qt's print renderer needs inline
colours, so the caller says how a highlighted segment is wrapped.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape
from itertools import pairwise

from annotator.domain.web import is_web_url
from annotator.formats.report import ReportBlock, ReportClaim, ReportDocument, ReportMark

# Given the innermost claim covering a segment and how many cover it, the tags around it.
HighlightWrap = Callable[[ReportClaim, int], tuple[str, str]]
# Given a claim and its number, the marker written where the claim starts.
NumberMarker = Callable[[ReportClaim, int], str]

_MARK_TAGS = {"emphasis": "em", "strong": "strong", "code": "code"}
_MARK_ORDER = {"link": 0, "strong": 1, "emphasis": 2, "code": 3}


@dataclass(frozen=True, slots=True)
class BodyStyle:
    """How the two report flavours differ in the article body."""

    highlight: HighlightWrap
    marker: NumberMarker


class _ClaimSweep:
    """Claim starts and ends in text order, consumed as the blocks are walked."""

    def __init__(self, claims: Sequence[ReportClaim]) -> None:
        self._claims = claims
        order = range(len(claims))
        self._starts = sorted(order, key=lambda i: (claims[i].start, -claims[i].end, i))
        self._ends = sorted(order, key=lambda i: (claims[i].end, i))
        self._next_start = 0
        self._next_end = 0
        # Insertion-ordered, so the last key is the innermost (latest started) claim.
        self.active: dict[int, None] = {}

    def boundaries_before(self, limit: int) -> list[int]:
        """Positions of not yet consumed claim starts and ends below ``limit``."""
        found: list[int] = []
        for pointer, key, attribute in (
            (self._next_start, self._starts, "start"),
            (self._next_end, self._ends, "end"),
        ):
            while pointer < len(key) and getattr(self._claims[key[pointer]], attribute) < limit:
                found.append(getattr(self._claims[key[pointer]], attribute))
                pointer += 1
        return found

    def advance(self, position: int) -> list[int]:
        """Consume every boundary at or before ``position``; the claims that started."""
        started: list[int] = []
        while (
            self._next_start < len(self._starts)
            and self._claims[self._starts[self._next_start]].start <= position
        ):
            index = self._starts[self._next_start]
            self.active[index] = None
            started.append(index)
            self._next_start += 1
        while (
            self._next_end < len(self._ends)
            and self._claims[self._ends[self._next_end]].end <= position
        ):
            self.active.pop(self._ends[self._next_end], None)
            self._next_end += 1
        return started

    def claim(self, index: int) -> ReportClaim:
        return self._claims[index]

    def innermost(self) -> ReportClaim | None:
        """The latest started claim still open (dicts keep insertion order)."""
        return self._claims[next(reversed(self.active))] if self.active else None


def render_body(document: ReportDocument, numbers: dict[str, int], style: BodyStyle) -> str:
    """The document's blocks as HTML with its claims highlighted and numbered."""
    blocks = document.blocks or [
        ReportBlock(kind="paragraph", text=line) for line in document.text.split("\n")
    ]
    # An orphaned claim no longer fits the current text: it is listed, not highlighted.
    sweep = _ClaimSweep([c for c in document.claims if c.anchor_state != "orphaned"])
    parts: list[str] = []
    open_list = ""
    offset = 0
    for block in blocks:
        wanted = ("ol" if block.ordered else "ul") if block.kind == "list-item" else ""
        if open_list != wanted:
            parts.append(f"</{open_list}>" if open_list else "")
            parts.append(f"<{wanted}>" if wanted else "")
            open_list = wanted
        inline = _render_inline(block, offset, sweep, numbers, style)
        if block.text.strip():
            parts.append(_wrap_block(block, inline))
        offset += len(block.text) + 1
    if open_list:
        parts.append(f"</{open_list}>")
    return "\n".join(part for part in parts if part)


def _figure(block: ReportBlock, direction: str) -> str:
    """An image's placeholder: what the image showed (alt text), its caption and credit,
    styled as such. Nothing is loaded: the report never holds the image."""
    parts = []
    if block.alt:
        parts.append(f'<span class="image">Image: {escape(block.alt)}</span>')
    if block.caption:
        parts.append(escape(block.caption))
    if block.credit:
        parts.append(f'<span class="credit">{escape(block.credit)}</span>')
    if not parts:  # a figure stored before its parts were kept: its text is what was shown
        parts.append(escape(block.text))
    return f'<p class="figure"{direction}>{" · ".join(parts)}</p>'


def _wrap_block(block: ReportBlock, inline: str) -> str:
    direction = f' dir="{block.direction}"' if block.direction else ""
    if block.kind == "figure":
        return _figure(block, direction)
    if block.kind == "heading":
        level = min(max(block.level, 1) + 2, 6)
        return f"<h{level}{direction}>{inline}</h{level}>"
    if block.kind == "list-item":
        indent = f' style="margin-left:{block.level * 1.5:g}em"' if block.level > 1 else ""
        return f"<li{direction}{indent}>{inline}</li>"
    if block.kind == "quote":
        return f"<blockquote{direction}>{inline}</blockquote>"
    if block.kind == "code":
        return f"<pre{direction}>{inline}</pre>"
    css = ' class="row"' if block.kind == "table-row" else ""
    return f"<p{direction}{css}>{inline}</p>"


def _render_inline(
    block: ReportBlock,
    offset: int,
    sweep: _ClaimSweep,
    numbers: dict[str, int],
    style: BodyStyle,
) -> str:
    end = offset + len(block.text)
    cuts = {offset, end}
    cuts.update(p for p in sweep.boundaries_before(end) if p > offset)
    for mark in block.marks:
        cuts.update((offset + mark.start, offset + mark.end))
    points = sorted(cuts)
    parts: list[str] = []
    for lo, hi in pairwise(points):
        for index in sweep.advance(lo):
            claim = sweep.claim(index)
            parts.append(style.marker(claim, numbers.get(claim.id, 0)))
        text = escape(block.text[lo - offset : hi - offset])
        opening, closing = _mark_tags([m for m in block.marks if m.start <= lo - offset < m.end])
        innermost = sweep.innermost()
        if innermost is not None:
            around = style.highlight(innermost, len(sweep.active))
            opening, closing = around[0] + opening, closing + around[1]
        parts.append(opening + text + closing)
    # Claims ending here leave the active set at the next block's first cut, and claims
    # starting on the line break get their number at the next block's start.
    return "".join(parts)


def _mark_tags(marks: list[ReportMark]) -> tuple[str, str]:
    opening: list[str] = []
    closing: list[str] = []
    for mark in sorted(marks, key=lambda m: _MARK_ORDER[m.kind]):
        if mark.kind == "link":
            if not is_web_url(mark.href):
                continue
            opening.append(f'<a href="{escape(mark.href.strip())}" rel="nofollow noreferrer">')
            closing.append("</a>")
        else:
            tag = _MARK_TAGS[mark.kind]
            opening.append(f"<{tag}>")
            closing.append(f"</{tag}>")
    return "".join(opening), "".join(reversed(closing))
