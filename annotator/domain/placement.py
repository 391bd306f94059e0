"""Placing an annotation made elsewhere on a text: by its position when the text there is its
quote, by its quote (the prefix and suffix choosing between repeated occurrences), else
approximately, the re-anchoring engine confirming the best-aligned passage. Pure rules, used by
the Web Annotation import (``services/interchange.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from annotator.domain.model import Anchor, AnchorState
from annotator.domain.reanchor import reanchor
from annotator.domain.text import canonical_text

# Beyond this many exact occurrences of a quote, context is compared only for the first ones:
# a quote that common ("the") is placed approximately or not at all.
_MAX_OCCURRENCES = 500
# Below this similarity (0-100) of the best-aligned passage a quote is not looked for further.
_MIN_ALIGNMENT = 60.0


@dataclass(frozen=True, slots=True)
class QuoteSelector:
    """W3C TextQuoteSelector: the quoted text and its context on either side."""

    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True, slots=True)
class PositionSelector:
    """W3C TextPositionSelector: code-point offsets into the annotated text."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Placement:
    """Where an annotation lands in a text; ``fuzzy`` when the text differs from its quote."""

    start: int
    end: int
    fuzzy: bool = False
    score: float = 1.0


def place(
    text: str,
    quote: QuoteSelector | None,
    position: PositionSelector | None,
    *,
    trust_positions: bool,
) -> Placement | None:
    """Where an annotation with these selectors sits in ``text``, or None when it cannot be
    placed. ``trust_positions``: the annotation was made on this very text (matched by its
    hash), so a bare position may be taken as it is."""
    quote = _canonical(quote) if quote else None
    if position is not None and position.start < position.end <= len(text):
        if quote is not None and text[position.start : position.end] == quote.exact:
            return Placement(position.start, position.end)
        if quote is None:
            # Only the same text (matched by its hash) vouches for a bare position.
            return Placement(position.start, position.end, fuzzy=not trust_positions)
    if quote is None:
        return None
    start = _by_context(text, quote, position.start if position else None)
    if start is not None:
        return Placement(start, start + len(quote.exact))
    return _approximate(text, quote)


def _canonical(quote: QuoteSelector) -> QuoteSelector:
    return QuoteSelector(
        canonical_text(quote.exact), canonical_text(quote.prefix), canonical_text(quote.suffix)
    )


def _by_context(text: str, quote: QuoteSelector, hint: int | None) -> int | None:
    """The occurrence of the exact quote that its context (or position) picks clearly."""
    occurrences: list[int] = []
    found = text.find(quote.exact)
    while found != -1 and len(occurrences) < _MAX_OCCURRENCES:
        occurrences.append(found)
        found = text.find(quote.exact, found + 1)
    if len(occurrences) == 1:
        return occurrences[0]
    length = len(quote.exact)

    def fits(start: int) -> int:
        before = text[max(0, start - len(quote.prefix)) : start]
        after = text[start + length : start + length + len(quote.suffix)]
        return (before == quote.prefix) + (after == quote.suffix)

    scored = sorted(((fits(s), s) for s in occurrences), reverse=True)
    if len(scored) >= 2 and scored[0][0] > scored[1][0]:
        return scored[0][1]
    if hint is not None and scored:
        best = [s for score, s in scored if score == scored[0][0]]
        return min(best, key=lambda s: abs(s - hint))
    return None


def _approximate(text: str, quote: QuoteSelector) -> Placement | None:
    """The edited quote: the best-aligned passage, confirmed and trimmed to words by the
    re-anchoring engine.

    The engine places claims of an old text in a new one, so the annotated version is rebuilt
    as the old text: the passage replaced by the quote as the annotation saw it. The engine's
    diff then sees exactly that edit, and its scoring (quote, context) decides whether the
    passage is the claim edited or something else.
    """
    aligned = fuzz.partial_ratio_alignment(quote.exact, text, score_cutoff=_MIN_ALIGNMENT)
    if aligned is None:
        return None
    start, end = aligned.dest_start, aligned.dest_end
    old_text = text[:start] + quote.exact + text[end:]
    anchor = Anchor(start, start + len(quote.exact), quote.exact, quote.prefix, quote.suffix)
    (result,) = reanchor(old_text, text, [anchor])
    if result.anchor is None or result.state is AnchorState.ORPHANED:
        return None
    fuzzy = result.state is AnchorState.FUZZY or result.anchor.quote != quote.exact
    return Placement(result.anchor.start, result.anchor.end, fuzzy, result.score)
