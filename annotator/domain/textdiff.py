"""Where each part of an old revision of a text went in the new one: a fast diff and position map.

Re-anchoring claims needs, for any offset in the old text, the offset it lands on in the new
text, and for any stretch of the new text, where (if anywhere) it came from. A character-level
``difflib`` comparison of a megabyte takes minutes, so the texts are compared in two passes:
first sentence by sentence, matching sentences that occur exactly once in each text and nesting
into the gaps between them (the "patience diff"), then word by word inside the stretches that
still differ. The result is a list of matched runs of characters, and the regions between runs
are the edits, at word granularity.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

# A sentence-ish chunk ends after sentence punctuation followed by spaces, or after a line end.
# "Mr. Smith" splits too early; harmless, a chunk only has to be a stable unit of comparison.
_CHUNK = re.compile(r"[^\n]*?(?:[.!?][\"'”’)\]]*[ \t]+|\n|\Z)")
_TOKEN = re.compile(r"\w+|\s+|[^\w\s]")
# Beyond this many token pairs difflib gets slow; such a region is reported as one replacement.
_SEQUENCE_MATCHER_LIMIT = 250_000


@dataclass(frozen=True, slots=True)
class MatchedRun:
    """``size`` characters that are equal at ``old`` in the old text and ``new`` in the new."""

    old: int
    new: int
    size: int


@dataclass(frozen=True, slots=True)
class Gap:
    """An edit: old text ``[old_start, old_end)`` became new text ``[new_start, new_end)``."""

    old_start: int
    old_end: int
    new_start: int
    new_end: int


def split_chunks(text: str) -> list[str]:
    """The text cut into sentence-ish chunks that join back to exactly the text."""
    return [m.group() for m in _CHUNK.finditer(text) if m.group()]


def split_tokens(text: str) -> list[str]:
    """Words, runs of white space and single punctuation marks; they join back to the text."""
    return _TOKEN.findall(text)


def match_tokens(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int, int]]:
    """Matching runs ``(i, j, n)`` of two token lists, in order, with ``a[i:i+n] == b[j:j+n]``."""
    matches: list[tuple[int, int]] = []
    stack = [(0, len(a), 0, len(b))]
    while stack:
        alo, ahi, blo, bhi = stack.pop()
        while alo < ahi and blo < bhi and a[alo] == b[blo]:
            matches.append((alo, blo))
            alo, blo = alo + 1, blo + 1
        while alo < ahi and blo < bhi and a[ahi - 1] == b[bhi - 1]:
            ahi, bhi = ahi - 1, bhi - 1
            matches.append((ahi, bhi))
        if alo == ahi or blo == bhi:
            continue
        anchors = _longest_increasing(_unique_pairs(a, alo, ahi, b, blo, bhi))
        if anchors:
            matches.extend(anchors)
            bounds = [(alo - 1, blo - 1), *anchors, (ahi, bhi)]
            for (i0, j0), (i1, j1) in itertools.pairwise(bounds):
                stack.append((i0 + 1, i1, j0 + 1, j1))
        elif (ahi - alo) * (bhi - blo) <= _SEQUENCE_MATCHER_LIMIT:
            matches.extend(_sequence_matches(a, alo, ahi, b, blo, bhi))
    return _runs(sorted(matches))


def _unique_pairs(
    a: Sequence[str], alo: int, ahi: int, b: Sequence[str], blo: int, bhi: int
) -> list[tuple[int, int]]:
    """Pairs of positions of the tokens that occur exactly once in each range."""
    seen_a: dict[str, int] = {}
    for i in range(alo, ahi):
        seen_a[a[i]] = -1 if a[i] in seen_a else i
    seen_b: dict[str, int] = {}
    for j in range(blo, bhi):
        token = b[j]
        if seen_a.get(token, -1) >= 0:
            seen_b[token] = -1 if token in seen_b else j
    return sorted((seen_a[t], j) for t, j in seen_b.items() if j >= 0)


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest chain of pairs increasing in both positions (patience sorting)."""
    tails: list[int] = []  # tails[k]: new position ending the best chain of length k + 1
    tail_index: list[int] = []
    previous: list[int] = [-1] * len(pairs)
    for index, (_, j) in enumerate(pairs):
        k = bisect.bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_index.append(index)
        else:
            tails[k] = j
            tail_index[k] = index
        previous[index] = tail_index[k - 1] if k else -1
    chain: list[tuple[int, int]] = []
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        chain.append(pairs[index])
        index = previous[index]
    return chain[::-1]


def _sequence_matches(
    a: Sequence[str], alo: int, ahi: int, b: Sequence[str], blo: int, bhi: int
) -> Iterator[tuple[int, int]]:
    # autojunk would throw away frequent words such as "the", which are exactly what ties a
    # lightly edited sentence to its old self.
    matcher = SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False)
    for i, j, n in matcher.get_matching_blocks():
        for k in range(n):
            yield alo + i + k, blo + j + k


def _runs(matches: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    runs: list[tuple[int, int, int]] = []
    for i, j in matches:
        if runs and runs[-1][0] + runs[-1][2] == i and runs[-1][1] + runs[-1][2] == j:
            runs[-1] = (runs[-1][0], runs[-1][1], runs[-1][2] + 1)
        else:
            runs.append((i, j, 1))
    return runs


def diff_texts(old: str, new: str) -> list[MatchedRun]:
    """Matched runs of characters between two texts: sentences first, then words in the gaps."""
    old_chunks, new_chunks = split_chunks(old), split_chunks(new)
    old_offsets, new_offsets = _offsets(old_chunks), _offsets(new_chunks)
    # Sentences are compared without their trailing white space, so one that moves to or from
    # the end of a paragraph ("rise. " / "rise.\n") is still the same sentence.
    old_keys, new_keys = [c.rstrip() for c in old_chunks], [c.rstrip() for c in new_chunks]
    runs: list[MatchedRun] = []
    old_pos = new_pos = 0
    for i, j, n in [*match_tokens(old_keys, new_keys), (len(old_chunks), len(new_chunks), 0)]:
        runs.extend(_diff_words(old, old_pos, old_offsets[i], new, new_pos, new_offsets[j]))
        for k in range(n):
            same = old_chunks[i + k] == new_chunks[j + k]
            size = len(old_chunks[i + k]) if same else len(old_keys[i + k])
            if size:  # a differing trailing space stays a (white space) edit
                runs.append(MatchedRun(old_offsets[i + k], new_offsets[j + k], size))
        old_pos, new_pos = old_offsets[i + n], new_offsets[j + n]
    return _slide_edits(_merge(runs), old, new)


def _diff_words(
    old: str, old_lo: int, old_hi: int, new: str, new_lo: int, new_hi: int
) -> list[MatchedRun]:
    if old_lo == old_hi or new_lo == new_hi:
        return []
    old_tokens, new_tokens = split_tokens(old[old_lo:old_hi]), split_tokens(new[new_lo:new_hi])
    old_offsets, new_offsets = _offsets(old_tokens, old_lo), _offsets(new_tokens, new_lo)
    return [
        MatchedRun(old_offsets[i], new_offsets[j], old_offsets[i + n] - old_offsets[i])
        for i, j, n in match_tokens(old_tokens, new_tokens)
    ]


def _offsets(parts: Sequence[str], start: int = 0) -> list[int]:
    offsets = [start]
    for part in parts:
        offsets.append(offsets[-1] + len(part))
    return offsets


def _merge(runs: list[MatchedRun]) -> list[MatchedRun]:
    merged: list[MatchedRun] = []
    for run in runs:
        last = merged[-1] if merged else None
        if last and last.old + last.size == run.old and last.new + last.size == run.new:
            merged[-1] = MatchedRun(last.old, last.new, last.size + run.size)
        else:
            merged.append(run)
    return merged


def _slide_edits(runs: list[MatchedRun], old: str, new: str) -> list[MatchedRun]:
    """Each pure insertion or deletion moved sideways to the most natural boundary.

    "mate. Hillary" -> "mate. And so on. Hillary" is as correctly described by inserting
    ". And so on" after "mate" as by inserting "And so on. " before "Hillary", but only the
    second keeps each full stop with its own sentence, which matters to a claim ending on it.
    This is the cleanup diff-match-patch calls semantic lossless.
    """
    runs = list(runs)
    for k in range(len(runs) - 1):
        before, after = runs[k], runs[k + 1]
        old_at, new_at = before.old + before.size, before.new + before.size
        old_gap, new_gap = after.old - old_at, after.new - new_at
        if (old_gap == 0) == (new_gap == 0):
            continue  # a replacement cannot slide
        text, at, length = (new, new_at, new_gap) if new_gap else (old, old_at, old_gap)
        shift = _best_shift(text, at, length, before.size, after.size)
        if shift:
            runs[k] = MatchedRun(before.old, before.new, before.size + shift)
            runs[k + 1] = MatchedRun(after.old + shift, after.new + shift, after.size - shift)
    # A run the edit slid over entirely joins its two neighbouring edits.
    return _merge([run for run in runs if run.size])


def _best_shift(text: str, at: int, length: int, max_left: int, max_right: int) -> int:
    """How far the edit ``text[at:at+length]`` best slides (negative: left) within the span
    where sliding leaves the text it describes unchanged."""
    left = 0
    while left < max_left and text[at - left - 1] == text[at + length - left - 1]:
        left += 1
    right = 0
    while right < max_right and text[at + right] == text[at + length + right]:
        right += 1
    best, best_score = 0, _cut_score(text, at) + _cut_score(text, at + length)
    for shift in range(-left, right + 1):
        score = _cut_score(text, at + shift) + _cut_score(text, at + shift + length)
        if score > best_score:
            best, best_score = shift, score
    return best


def _cut_score(text: str, i: int) -> int:
    """How natural a cut between ``text[i-1]`` and ``text[i]`` is: paragraph, line, sentence,
    word, punctuation, inside a word."""
    if i <= 0 or i >= len(text):
        return 6
    before, after = text[i - 1], text[i]
    if before == "\n" and (after == "\n" or (i >= 2 and text[i - 2] == "\n")):
        return 5
    if "\n" in (before, after):
        return 4
    if before.isspace() and i >= 2 and text[i - 2] in ".!?":
        return 3
    if before.isspace() or after.isspace():
        return 2
    return 1 if not (before.isalnum() and after.isalnum()) else 0


class PositionMap:
    """Maps offsets of an old text to the new text and back, through the matched runs."""

    __slots__ = ("_new_len", "_new_starts", "_old_len", "_old_starts", "_runs")

    def __init__(self, runs: Sequence[MatchedRun], old_len: int, new_len: int) -> None:
        self._runs = list(runs)
        self._old_starts = [run.old for run in self._runs]
        self._new_starts = [run.new for run in self._runs]
        self._old_len, self._new_len = old_len, new_len

    @property
    def runs(self) -> list[MatchedRun]:
        return list(self._runs)

    def run_containing(self, start: int, end: int) -> MatchedRun | None:
        """The run that holds the whole old span ``[start, end)``, if one does."""
        k = bisect.bisect_right(self._old_starts, start) - 1
        if k >= 0 and end <= self._runs[k].old + self._runs[k].size:
            return self._runs[k]
        return None

    def edit_at(self, offset: int) -> Gap | None:
        """The edit whose old side holds the character at old ``offset``, if the diff did not
        match that character."""
        k = bisect.bisect_right(self._old_starts, offset) - 1
        if k >= 0 and offset < self._runs[k].old + self._runs[k].size:
            return None
        gap = self._gap_after(k)
        return gap if gap.old_start <= offset < gap.old_end else None

    def to_new(self, offset: int) -> int:
        """Where an old offset lands; inside an edit, proportionally across the edit."""
        k = bisect.bisect_right(self._old_starts, offset) - 1
        if k >= 0 and offset < self._runs[k].old + self._runs[k].size:
            return self._runs[k].new + offset - self._runs[k].old
        gap = self._gap_after(k)
        return _interpolate(offset, gap.old_start, gap.old_end, gap.new_start, gap.new_end)

    def to_new_end(self, offset: int) -> int:
        """Where an old offset that ends a span lands: after the character before it, so text
        inserted right after the span stays outside it."""
        if offset > 0 and self.run_containing(offset - 1, offset) is not None:
            return self.to_new(offset - 1) + 1
        return self.to_new(offset)

    def to_old(self, offset: int) -> int:
        """Where a new offset came from; inside an edit, proportionally across the edit."""
        k = bisect.bisect_right(self._new_starts, offset) - 1
        if k >= 0 and offset < self._runs[k].new + self._runs[k].size:
            return self._runs[k].old + offset - self._runs[k].new
        gap = self._gap_after(k)
        return _interpolate(offset, gap.new_start, gap.new_end, gap.old_start, gap.old_end)

    def foreign_share(self, new_start: int, new_end: int, old_start: int, old_end: int) -> float:
        """The share of new ``[new_start, new_end)`` that is old text from outside
        ``[old_start, old_end)``, i.e. text that was already elsewhere and survived unchanged."""
        if new_end <= new_start:
            return 0.0
        foreign = 0
        k = max(0, bisect.bisect_right(self._new_starts, new_start) - 1)
        while k < len(self._runs) and self._runs[k].new < new_end:
            run = self._runs[k]
            lo, hi = max(new_start, run.new), min(new_end, run.new + run.size)
            if lo < hi:
                src_lo, src_hi = run.old + lo - run.new, run.old + hi - run.new
                inside = max(0, min(src_hi, old_end) - max(src_lo, old_start))
                foreign += (hi - lo) - inside
            k += 1
        return foreign / (new_end - new_start)

    def gaps(self) -> Iterator[Gap]:
        """The edits, in order: the stretches between matched runs."""
        for k in range(-1, len(self._runs)):
            gap = self._gap_after(k)
            if gap.old_start < gap.old_end or gap.new_start < gap.new_end:
                yield gap

    def _gap_after(self, k: int) -> Gap:
        old_start = new_start = 0
        if k >= 0:
            run = self._runs[k]
            old_start, new_start = run.old + run.size, run.new + run.size
        if k + 1 < len(self._runs):
            following = self._runs[k + 1]
            return Gap(old_start, following.old, new_start, following.new)
        return Gap(old_start, self._old_len, new_start, self._new_len)


def _interpolate(offset: int, lo: int, hi: int, to_lo: int, to_hi: int) -> int:
    if hi <= lo:
        return to_lo
    return to_lo + round((offset - lo) * (to_hi - to_lo) / (hi - lo))


@lru_cache(maxsize=4)
def position_map(old: str, new: str) -> PositionMap:
    """The position map between two revisions, cached: the UI asks about one pair repeatedly."""
    return PositionMap(diff_texts(old, new), len(old), len(new))
