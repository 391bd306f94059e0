"""Claim suggestions for a text: its sentences ranked by check-worthiness, minus those a claim
already covers or the checker dismissed. Pure work on a string, so the window can run it off
the UI thread on a long article.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from annotator.domain.checkworthy import CheckworthyModel
from annotator.domain.checkworthy_features import tokens
from annotator.domain.sentences import split_sentences

__all__ = ["Suggestion", "default_count", "dismissal_key", "rank_suggestions"]

PER_THOUSAND_WORDS = 10
"""How many suggestions a text gets by default: 10 per 1,000 words (at least one)."""
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
    first, leaving out any sentence that overlaps a ``covered`` span (a claim) or whose
    ``dismissal_key`` is in ``dismissed``."""
    sentences = split_sentences(text)
    scores = model.scores([s.text for s in sentences])  # neighbours count, so score them all
    spans = _merged(covered)
    next_span = 0
    ranked = []
    for sentence, score in zip(sentences, scores, strict=True):
        while next_span < len(spans) and spans[next_span][1] <= sentence.start:
            next_span += 1  # sentences come in order: a span behind one is behind the rest
        if next_span < len(spans) and spans[next_span][0] < sentence.end:
            continue  # a claim covers part of it
        if len(tokens(sentence.text)) < MIN_WORDS or dismissal_key(sentence.text) in dismissed:
            continue
        ranked.append((-score, sentence.start, sentence))
    ranked.sort(key=lambda item: (item[0], item[1]))
    count = default_count(text) if top is None else max(top, 0)
    # Only the few shown are explained: the reasons cost more than the score.
    return [
        Suggestion(s.start, s.end, s.text, -negative, model.reasons(s.text))
        for negative, _start, s in ranked[:count]
    ]


def _merged(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans joined, in order."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
