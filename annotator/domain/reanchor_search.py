"""Scoring and searching candidate places for a claim in a new revision of its text.

The helpers of :mod:`annotator.domain.reanchor`: how alike a span of the new text is to a
claim's old quote and context (the weighting of the Hypothesis client's fuzzy anchoring:
quote 50, prefix 20, suffix 20, position 2), where a quote occurs exactly, and the search for
the best word-aligned span around the place the diff predicts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz.distance import Indel

# Words occurring more often than this say nothing about where a claim went.
_SEED_WORD_LIMIT = 20
_SEED_WORDS = 3
_SEEDS_REFINED = 3
# Above this many exact occurrences only those near the predicted position are considered.
_MAX_OCCURRENCES = 200
_LOCAL_WINDOW = 4096
_WEIGHTS = (50.0, 20.0, 20.0, 2.0)
# Where a span's ends go is the quote's business: context that only breaks ties keeps a span
# from swallowing a sentence inserted next to it just because the old prefix precedes that.
_BOUNDARY_WEIGHTS = (50.0, 2.0, 2.0, 1.0)
_CHANCE_SIMILARITY = 0.375
_REFINE_ROUNDS = 3

_WORD = re.compile(r"\w+")
# Context shorter than this (a claim at the start of the text) is too common to bracket a claim.
_MIN_BRACKET = 16


@dataclass(frozen=True, slots=True)
class Target:
    """What a claim looked like in the old text, prepared for scoring candidate spans."""

    quote: str
    words: list[str]
    prefix: str
    suffix: str
    hint: int  # where the diff predicts the claim starts in the new text

    @classmethod
    def of(cls, quote: str, prefix: str, suffix: str, hint: int) -> Target:
        return cls(quote, words(quote), prefix, suffix, hint)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span of the new text and how well it fits the claim."""

    start: int
    end: int
    quote: float  # similarity of the span to the old quote, 0..1
    prefix: float  # similarity of the text before it to the old prefix
    suffix: float
    total: float  # the weighted whole

    def overlaps(self, other: Candidate) -> bool:
        return self.start < other.end and other.start < self.end


class SpanScorer:
    """Scores and searches spans of one new text."""

    __slots__ = ("_text", "_word_index")

    def __init__(self, text: str) -> None:
        self._text = text
        self._word_index: dict[str, list[int]] | None = None

    def candidate(
        self,
        target: Target,
        start: int,
        end: int,
        weights: tuple[float, float, float, float] = _WEIGHTS,
    ) -> Candidate:
        """The span ``[start, end)`` scored against the target."""
        span = self._text[start:end]
        # Characters catch edited words; words keep unrelated sentences, which share many
        # letters, from looking alike.
        quote = 0.5 * Indel.normalized_similarity(target.quote, span) + 0.5 * (
            Indel.normalized_similarity(target.words, words(span))
        )
        if span == target.quote:
            quote = 1.0
        prefix, suffix = self.context(target, start, end)
        near = 1.0 - min(1.0, abs(start - target.hint) / max(1, len(self._text)))
        w_quote, w_prefix, w_suffix, w_near = weights
        weighted = w_quote * quote + w_prefix * prefix + w_suffix * suffix + w_near * near
        return Candidate(start, end, quote, prefix, suffix, weighted / sum(weights))

    def context(self, target: Target, start: int, end: int) -> tuple[float, float]:
        """How alike the old prefix and suffix are to the text around a new span, beyond
        chance: 0 for unrelated text, 1 for the same."""
        new_prefix = self._text[max(0, start - len(target.prefix)) : start]
        new_suffix = self._text[end : end + len(target.suffix)]
        return _beyond_chance(target.prefix, new_prefix), _beyond_chance(target.suffix, new_suffix)

    def occurrences(self, quote: str, hint: int) -> list[int]:
        """Where the quote occurs exactly: anywhere if it is rare, else near the hint."""
        lo, hi = 0, len(self._text)
        if self._text.count(quote) > _MAX_OCCURRENCES:
            lo, hi = max(0, hint - _LOCAL_WINDOW), min(hi, hint + _LOCAL_WINDOW + len(quote))
        found: list[int] = []
        at = self._text.find(quote, lo, hi)
        while at != -1 and len(found) < _MAX_OCCURRENCES:
            found.append(at)
            at = self._text.find(quote, at + 1, hi)
        return found

    def seeds(self, target: Target) -> list[Candidate]:
        """Rough candidates anywhere in the text, where the quote's rarer long words occur, best
        first: a paragraph that was moved and edited is nowhere near the predicted place."""
        index = self._words()
        # The quote's rarest words in the new text (an edited word, found nowhere, is skipped):
        # each place they occur proposes where the quote may start.
        rare = sorted(
            (
                (len(index[m.group()]), -len(m.group()), m.start(), m.group())
                for m in _WORD.finditer(target.quote)
                if len(m.group()) >= 4 and 0 < len(index.get(m.group(), ())) <= _SEED_WORD_LIMIT
            ),
        )
        starts: set[int] = set()
        for _count, _length, offset, word in rare[:_SEED_WORDS]:
            starts.update(max(0, at - offset) for at in index[word])
        rough = [self.candidate(target, s, s + len(target.quote)) for s in sorted(starts)]
        rough.sort(key=lambda c: c.quote, reverse=True)
        return rough[:_SEEDS_REFINED]

    def between_context(self, target: Target) -> Candidate | None:
        """The span that the claim's old prefix and suffix, each found once and intact, still
        enclose, wherever that is: a short claim edited inside a paragraph that moved has no
        rare word to be found by, but the 32 characters on each side of it moved with it."""
        prefix, suffix = target.prefix, target.suffix
        if min(len(prefix.strip()), len(suffix.strip())) < _MIN_BRACKET:
            return None
        before = self._text.find(prefix)
        if before < 0 or self._text.find(prefix, before + 1) >= 0:
            return None
        start = before + len(prefix)
        reach = start + 2 * len(target.quote) + _MIN_BRACKET
        after = self._text.find(suffix, start, reach + len(suffix))
        if after < 0 or self._text.find(suffix, after + 1) >= 0:
            return None
        while start < after and self._text[start].isspace():
            start += 1
        end = after
        while end > start and self._text[end - 1].isspace():
            end -= 1
        return self.candidate(target, start, end) if end > start else None

    def _words(self) -> dict[str, list[int]]:
        """Where each word of the text starts, built on first use: only claims that were
        neither found nor found edited nearby need it."""
        if self._word_index is None:
            self._word_index = {}
            for match in _WORD.finditer(self._text):
                self._word_index.setdefault(match.group(), []).append(match.start())
        return self._word_index

    def refine(
        self,
        target: Target,
        start: int,
        end: int,
        fixed_start: bool,
        fixed_end: bool,
        start_within: tuple[int, int] | None = None,
        end_within: tuple[int, int] | None = None,
    ) -> Candidate | None:
        """The best span near ``[start, end)`` whose loose ends sit on word boundaries.

        A fixed end stays where it is (the diff matched the character there). A loose end is
        looked for within ``start_within`` / ``end_within`` (offsets, inclusive) if given, else
        within reach of where it is. The loose ends move by coordinate ascent, the start to its
        best place, then the end, until neither moves.
        """
        reach = max(8, min(len(target.quote) // 2, 80))
        if fixed_start:
            starts = [start]
        else:
            lo, hi = start_within or (start - reach, start + reach)
            starts = word_starts(self._text, lo, hi)
        if fixed_end:
            ends = [end]
        else:
            lo, hi = end_within or (end - reach, end + reach)
            ends = word_ends(self._text, lo, hi)
        if not starts or not ends:
            return None
        start = min(starts, key=lambda p: abs(p - start))
        end = min(ends, key=lambda p: abs(p - end))
        for _ in range(_REFINE_ROUNDS):
            before = (start, end)
            start = self._best_start(target, starts, start, end)
            end = self._best_end(target, ends, start, end)
            if (start, end) == before:
                break
        if end <= start or not self._text[start:end].strip():
            return None
        return self.candidate(target, start, end)

    def _boundary_score(self, target: Target, start: int, end: int) -> float:
        return self.candidate(target, start, end, _BOUNDARY_WEIGHTS).total

    def _best_start(self, target: Target, starts: list[int], start: int, end: int) -> int:
        # Ties go to the place nearest the current one, so the span does not wander.
        options = [s for s in starts if s < end]
        return max(
            options,
            key=lambda s: (self._boundary_score(target, s, end), -abs(s - start)),
            default=start,
        )

    def _best_end(self, target: Target, ends: list[int], start: int, end: int) -> int:
        options = [e for e in ends if e > start]
        return max(
            options,
            key=lambda e: (self._boundary_score(target, start, e), -abs(e - end)),
            default=end,
        )


def _beyond_chance(old: str, new: str) -> float:
    # Two unrelated 32-character snippets of English share letters enough for a similarity of
    # 0.375 typically (0.5 at the 99th percentile); context that only scores that says nothing.
    if old == new:
        return 1.0
    similarity = Indel.normalized_similarity(old, new)
    return max(0.0, (similarity - _CHANCE_SIMILARITY) / (1.0 - _CHANCE_SIMILARITY))


def words(text: str) -> list[str]:
    """The words of a text, case-folded, for word-level similarity."""
    return _WORD.findall(text.casefold())


def splits_word(text: str, start: int, end: int) -> tuple[bool, bool]:
    """Whether the span's start and end each fall inside a word."""
    return _inside_word(text, start), _inside_word(text, end)


def _inside_word(text: str, i: int) -> bool:
    return 0 < i < len(text) and _char_class(text[i - 1]) == _char_class(text[i]) == 1


def _char_class(ch: str) -> int:
    if ch.isspace():
        return 0
    # Combining marks (Arabic vowel signs, Devanagari matras) belong to their word.
    if ch.isalnum() or ch == "_" or unicodedata.category(ch).startswith("M"):
        return 1
    return 2


def word_starts(text: str, lo: int, hi: int) -> list[int]:
    """Offsets in ``[lo, hi]`` where a word or a run of punctuation begins."""
    lo, hi = max(0, lo), min(len(text) - 1, hi)
    return [
        i
        for i in range(lo, hi + 1)
        if not text[i].isspace() and (i == 0 or _char_class(text[i - 1]) != _char_class(text[i]))
    ]


def word_ends(text: str, lo: int, hi: int) -> list[int]:
    """Offsets in ``[lo, hi]`` where a word or a run of punctuation ends."""
    lo, hi = max(1, lo), min(len(text), hi)
    return [
        i
        for i in range(lo, hi + 1)
        if not text[i - 1].isspace()
        and (i == len(text) or _char_class(text[i]) != _char_class(text[i - 1]))
    ]
