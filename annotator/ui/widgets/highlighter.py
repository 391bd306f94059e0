"""Claim highlights: a QSyntaxHighlighter fed by a sorted interval index of claim spans.

Only the blocks Qt lays out are highlighted, and adding, changing or removing one claim
re-highlights just the blocks it covers (DESIGN.md, "Highlights"). Overlapping claims
stay visible: the overlap is painted darker and underlined; the selected claim is painted
strongest and underlined in its own colour.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument

FILL_ALPHA = 70
UNRATED_HIGHLIGHT = "#f2a900"
"""An unrated claim's highlight in the article: a warm amber under a dashed line, because the
grey of unrated chips, as a fill, reads as a text selection (issue 11)."""
OVERLAP_ALPHA = 115
SELECTED_ALPHA = 150


@dataclass(frozen=True, slots=True)
class Span:
    """A claim's highlight in Qt positions (UTF-16 units)."""

    start: int
    end: int
    claim_id: str
    color: str


class ClaimHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self._spans: list[Span] = []
        self._starts: list[int] = []
        self._by_id: dict[str, Span] = {}
        self._longest = 0
        self._selected: str | None = None

    def set_spans(self, spans: list[Span]) -> None:
        self._spans = sorted(spans, key=lambda s: (s.start, s.end))
        self._starts = [s.start for s in self._spans]
        self._by_id = {s.claim_id: s for s in self._spans}
        self._longest = max((s.end - s.start for s in self._spans), default=0)
        self.rehighlight()

    def upsert(self, span: Span) -> None:
        """Add a claim's span or replace it (new colour, new place)."""
        old = self._by_id.get(span.claim_id)
        if old is not None:
            self._remove_from_index(old)
        index = bisect.bisect_left(self._starts, span.start)
        self._spans.insert(index, span)
        self._starts.insert(index, span.start)
        self._by_id[span.claim_id] = span
        self._longest = max(self._longest, span.end - span.start)
        if old is not None:
            self._rehighlight_range(old.start, old.end)
        self._rehighlight_range(span.start, span.end)

    def remove(self, claim_id: str) -> None:
        span = self._by_id.pop(claim_id, None)
        if span is not None:
            self._remove_from_index(span)
            self._rehighlight_range(span.start, span.end)

    def select(self, claim_id: str | None) -> None:
        previous, self._selected = self._selected, claim_id
        for key in (previous, claim_id):
            span = self._by_id.get(key) if key else None
            if span is not None:
                self._rehighlight_range(span.start, span.end)

    def spans_at(self, position: int) -> list[Span]:
        """The claims covering a Qt position, innermost (shortest) first."""
        found = [s for s in self.spans_in(position, position + 1) if s.start <= position < s.end]
        return sorted(found, key=lambda s: s.end - s.start)

    def spans_in(self, start: int, end: int) -> list[Span]:
        """Claims overlapping ``[start, end)``."""
        lo = bisect.bisect_left(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, end)
        return [s for s in self._spans[lo:hi] if s.end > start]

    def span(self, claim_id: str) -> Span | None:
        return self._by_id.get(claim_id)

    def highlightBlock(self, text: str) -> None:
        block = self.currentBlock()
        start = block.position()
        # Qt positions count UTF-16 units; the Python string counts code points.
        length = block.length() - 1
        spans = self.spans_in(start, start + length)
        if not spans:
            return
        cuts = sorted(
            {0, length}
            | {min(max(s.start - start, 0), length) for s in spans}
            | {min(max(s.end - start, 0), length) for s in spans}
        )
        for a, b in pairwise(cuts):
            covering = [s for s in spans if s.start <= start + a and s.end >= start + b]
            if covering and a < b:
                self.setFormat(a, b - a, self._format(covering))

    def _format(self, covering: list[Span]) -> QTextCharFormat:
        fmt = QTextCharFormat()
        selected = next((s for s in covering if s.claim_id == self._selected), None)
        top = selected or min(covering, key=lambda s: s.end - s.start)
        color = QColor(top.color)
        if selected is not None:
            color.setAlpha(SELECTED_ALPHA)
            fmt.setFontUnderline(True)
            fmt.setUnderlineColor(QColor(top.color).darker(140))
        elif len(covering) > 1:
            color.setAlpha(OVERLAP_ALPHA)
            fmt.setFontUnderline(True)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
            fmt.setUnderlineColor(QColor(top.color).darker(130))
        else:
            color.setAlpha(FILL_ALPHA)
        if top.color == UNRATED_HIGHLIGHT and selected is None:
            fmt.setFontUnderline(True)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
            fmt.setUnderlineColor(QColor(UNRATED_HIGHLIGHT).darker(160))
        fmt.setBackground(color)
        return fmt

    def _remove_from_index(self, span: Span) -> None:
        index = bisect.bisect_left(self._starts, span.start)
        while index < len(self._spans) and self._spans[index] is not span:
            index += 1
        if index < len(self._spans):
            del self._spans[index]
            del self._starts[index]

    def _rehighlight_range(self, start: int, end: int) -> None:
        document = self.document()
        block = document.findBlock(start)
        while block.isValid() and block.position() < max(end, start + 1):
            self.rehighlightBlock(block)
            block = block.next()
