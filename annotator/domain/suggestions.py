"""Claim suggestions for a text: its sentences ranked by check-worthiness, minus those a claim
already covers or the checker dismissed. Pure work on a string, so the window can run it off
the UI thread on a long article.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, replace

from annotator.domain.checkworthy import CheckworthyModel, logistic
from annotator.domain.checkworthy_features import sentence_features, tokens
from annotator.domain.sentences import split_sentences
from annotator.errors import Cancelled

__all__ = [
    "Suggestion",
    "candidates",
    "default_count",
    "dismissal_key",
    "explain",
    "pick",
    "rank_suggestions",
]

PER_THOUSAND_WORDS = 10
"""How many suggestions a text gets by default: 10 per 1,000 words (at least one)."""
CHUNK = 500
"""Sentences scored between two looks at ``cancelled`` (a few milliseconds of work)."""
MIN_WORDS = 3
"""A shorter sentence ("Thank you.", a dateline) holds no claim worth suggesting."""


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A sentence worth checking: ``text == document_text[start:end]`` (code points)."""

    start: int
    end: int
    text: str
    score: float
    reasons: tuple[str, ...]


def dismissal_key(sentence: str) -> str:
    """What a dismissal remembers of a sentence: its words, white space collapsed, so that it
    still matches after a new revision moves or re-wraps it."""
    return " ".join(sentence.split())


def default_count(text: str) -> int:
    words = len(text.split())
    return max(1, round(words * PER_THOUSAND_WORDS / 1000))


def rank_suggestions(
    text: str,
    model: CheckworthyModel,
    *,
    covered: Iterable[tuple[int, int]] = (),
    dismissed: Collection[str] = frozenset(),
    top: int | None = None,
) -> list[Suggestion]:
    """The ``top`` most check-worthy sentences of ``text`` (default: ``default_count``), best
    first, with their reasons, leaving out any sentence that overlaps a ``covered`` span (a
    claim) or whose ``dismissal_key`` is in ``dismissed``."""
    count = default_count(text) if top is None else top
    return explain(model, pick(candidates(text, model), covered, dismissed, count))


def candidates(
    text: str,
    model: CheckworthyModel,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> list[Suggestion]:
    """Every sentence of ``text`` long enough to hold a claim, best first, without reasons
    (``explain`` adds them to the few shown). ``progress(done, total)`` hears how far scoring
    got; ``cancelled()`` stops it (raising ``Cancelled``). The slow part: run it off the UI
    thread on a long article."""
    sentences = split_sentences(text)
    scores = _scores(model, [s.text for s in sentences], progress, cancelled)
    found = [
        Suggestion(sentence.start, sentence.end, sentence.text, score, ())
        for sentence, score in zip(sentences, scores, strict=True)
        if len(tokens(sentence.text)) >= MIN_WORDS
    ]
    found.sort(key=lambda s: (-s.score, s.start))
    return found


def pick(
    ranked: Iterable[Suggestion],
    covered: Iterable[tuple[int, int]],
    dismissed: Collection[str],
    count: int,
) -> list[Suggestion]:
    """The first ``count`` of ``ranked`` that no ``covered`` span overlaps and that were not
    dismissed."""
    spans = _merged(covered)
    starts = [start for start, _end in spans]
    chosen: list[Suggestion] = []
    for suggestion in ranked:
        if len(chosen) >= count:
            break
        index = bisect.bisect_left(starts, suggestion.end) - 1  # last span starting before
        if index >= 0 and spans[index][1] > suggestion.start:
            continue  # a claim covers part of it
        if dismissal_key(suggestion.text) not in dismissed:
            chosen.append(suggestion)
    return chosen


def explain(model: CheckworthyModel, suggestions: Iterable[Suggestion]) -> list[Suggestion]:
    """The suggestions with their reasons."""
    return [replace(s, reasons=model.reasons(s.text)) for s in suggestions]


def _scores(
    model: CheckworthyModel,
    texts: list[str],
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> list[float]:
    """Every sentence's score (neighbours count, so all are scored), a chunk at a time."""
    margins: list[float] = []
    for first in range(0, len(texts), CHUNK):
        if cancelled is not None and cancelled():
            raise Cancelled("Cancelled.")
        margins.extend(model.margin(sentence_features(t)) for t in texts[first : first + CHUNK])
        if progress is not None:
            progress(len(margins), len(texts))
    return [logistic(m) for m in model.in_context(margins)]


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans joined, in order."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
