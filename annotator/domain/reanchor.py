"""Re-placing claims when their article gets a new revision.

Articles change after publication, and every claim anchored in the old text has to be placed in
the new one or be reported as no longer fitting. The two texts are diffed once
(:mod:`annotator.domain.textdiff`) and each claim then goes through four steps, most certain
first: its text survived unchanged (EXACT at the same offsets, MOVED if they shifted); its exact
quote occurs elsewhere with its old context around it (MOVED); an edited version of it sits
where the diff says it went, or, for a moved and edited passage, wherever its rarer words are
(FUZZY, for review); nothing acceptable (ORPHANED). A claim is only ever EXACT or MOVED on text
identical to its quote, cut at the same word edges, and vouched for by the diff or by its
context; any doubt (a short quote in rewritten surroundings, a quote the old text held twice,
two rival places) makes it FUZZY or ORPHANED, which the checker reviews. Text that the diff
matched to other old text is never taken for the claim: that is how a deleted sentence comes
out ORPHANED instead of matched to its neighbour.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from annotator.domain.model import Anchor, AnchorState
from annotator.domain.reanchor_search import (
    Candidate,
    SpanScorer,
    Target,
    splits_word,
    word_ends,
    word_starts,
)
from annotator.domain.text import anchor_is_valid, make_anchor
from annotator.domain.textdiff import Gap, PositionMap, diff_texts, position_map

# An unchanged quote shorter than this, cut out of rewritten text and with new context on both
# sides, could be a coincidence ("the", "5%"), so it is flagged instead of trusted.
_SHORT_QUOTE = 16
# Surviving characters next to the quote in the same diff run vouch for it like context does.
_RUN_MARGIN = 8
# Prefix or suffix similarity (beyond chance, see reanchor_search) from which the context is
# taken to agree: a 32-character context with one word changed still scores about 0.7.
_CONTEXT_AGREES = 0.6
# Context similarity that is at least clearly better than chance, for a candidate to review.
_CONTEXT_HINTS = 0.35
# An exact quote this long found once, in new text, is the claim moved even without context.
_DISTINCT_QUOTE = 40
# The best exact occurrence must beat the next by this much to be chosen without review.
_CLEAR_LEAD = 0.05
# A confident exact occurrence within this many characters of the predicted place needs no
# competing fuzzy search: that search would only find the same span.
_NEAR_PREDICTION = 8
# An edited copy where the claim was, scoring within this of a confident exact copy elsewhere,
# makes the choice between them the checker's.
_RIVAL_MARGIN = 0.2
# A fuzzy span may hold at most this share of old text that survived from somewhere else:
# more means it is a neighbouring sentence, not the claim edited.
_FOREIGN_LIMIT = 0.3
# An exact occurrence that is mostly text the diff matched elsewhere is that text, surviving.
_FOREIGN_EXACT_LIMIT = 0.5
_MIN_QUOTE_SIMILARITY = 0.6
# Far from where the diff puts it, an edited claim must resemble its old self more closely.
_MIN_DISTANT_SIMILARITY = 0.75
_MIN_FUZZY_SCORE = 0.5


@dataclass(frozen=True, slots=True)
class Reanchored:
    """Where a claim landed in the new revision, how it got there, and how sure that is."""

    anchor: Anchor | None
    state: AnchorState
    score: float


@dataclass(frozen=True, slots=True)
class TextChange:
    """One edit near a claim, word-level: ``old`` became ``new``."""

    old: str
    new: str
    kind: str  # 'insert' | 'delete' | 'replace'


def reanchor(old_text: str, new_text: str, anchors: Sequence[Anchor]) -> list[Reanchored]:
    """Each anchor of ``old_text`` placed in ``new_text`` (one result per anchor, same order)."""
    if not anchors:
        return []
    if not new_text.strip():
        return [Reanchored(None, AnchorState.ORPHANED, 0.0) for _ in anchors]
    placer = _Placer(old_text, new_text)
    return [placer.place(anchor) for anchor in anchors]


def changes_around(
    old_text: str,
    new_text: str,
    old_anchor: Anchor,
    new_anchor: Anchor | None,
    context: int = 300,
) -> list[TextChange]:
    """The word-level edits in a claim's paragraph, in text order, each fragment whole words.

    The claim's paragraph (the text between the line ends around it) in the old text is
    compared with its paragraph in the new text: the one around the new span, or, for an
    orphaned claim, where the old paragraph landed. Comparing just those two stretches keeps
    edits to other paragraphs out of the list, and a paragraph that moved whole, claim and all,
    lists nothing (the whole-text diff sees it deleted in one place and inserted in another).
    A paragraph longer than that is cut at word edges to ``context`` characters each side of
    the claim; the comparison runs over twice that, so the cut does not itself look like an
    edit. An old span that is not in the old text (a claim that had no place in it) has
    nothing around it to list.
    """
    if not anchor_is_valid(old_text, old_anchor):
        return []
    old_lo, old_hi = _paragraph(old_text, old_anchor.start, old_anchor.end, 2 * context)
    if new_anchor is not None and anchor_is_valid(new_text, new_anchor):
        new_lo, new_hi = _paragraph(new_text, new_anchor.start, new_anchor.end, 2 * context)
    else:
        new_anchor = None
        pmap = position_map(old_text, new_text)
        landed_lo, landed_hi = pmap.to_new_end(old_lo), pmap.to_new(old_hi)
        new_lo, new_hi = _outward_to_words(new_text, landed_lo, max(landed_lo, landed_hi))
    old_part, new_part = old_text[old_lo:old_hi], new_text[new_lo:new_hi]
    local = PositionMap(diff_texts(old_part, new_part), len(old_part), len(new_part))
    old_window = _near(old_part, old_anchor.start - old_lo, old_anchor.end - old_lo, context)
    if new_anchor is not None:
        new_window = _near(new_part, new_anchor.start - new_lo, new_anchor.end - new_lo, context)
    else:
        new_window = local.to_new_end(old_window[0]), local.to_new(old_window[1])
    changes: list[TextChange] = []
    for gap in _merged_gaps(local, old_part):
        near_old = _touches(gap.old_start, gap.old_end, *old_window)
        near_new = _touches(gap.new_start, gap.new_end, *new_window)
        if not (near_old or near_new):
            continue
        o_lo, o_hi = _clip_words(old_part, gap.old_start, gap.old_end, *old_window)
        n_lo, n_hi = _clip_words(new_part, gap.new_start, gap.new_end, *new_window)
        old, new = old_part[o_lo:o_hi], new_part[n_lo:n_hi]
        if old.strip() or new.strip():
            kind = "replace" if old and new else ("insert" if new else "delete")
            changes.append(TextChange(old, new, kind))
    return changes


def _paragraph(text: str, start: int, end: int, cap: int) -> tuple[int, int]:
    """The paragraph(s) holding ``[start, end)``: from the line end before it to the one after
    it, cut at word edges to ``cap`` characters on each side of the span."""
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    hi = len(text) if hi < 0 else hi
    if start - lo > cap:
        lo = _word_start_after(text, start - cap, start)
    if hi - end > cap:
        hi = _word_end_before(text, end + cap, end)
    return lo, hi


def _near(text: str, start: int, end: int, context: int) -> tuple[int, int]:
    """``[start, end)`` of ``text`` widened by ``context`` characters, at word edges."""
    lo = 0 if start <= context else _word_start_after(text, start - context, start)
    hi = len(text) if len(text) - end <= context else _word_end_before(text, end + context, end)
    return lo, hi


def _word_start_after(text: str, at: int, limit: int) -> int:
    """``at``, or if it falls inside a word, the end of that word (never past ``limit``)."""
    while at < limit and splits_word(text, at, at)[0]:
        at += 1
    return at


def _word_end_before(text: str, at: int, limit: int) -> int:
    """``at``, or if it falls inside a word, the start of that word (never before
    ``limit``)."""
    while at > limit and splits_word(text, at, at)[0]:
        at -= 1
    return at


def _outward_to_words(text: str, lo: int, hi: int) -> tuple[int, int]:
    """``[lo, hi)`` widened to the edges of the words it cuts."""
    while lo > 0 and splits_word(text, lo, lo)[0]:
        lo -= 1
    while hi < len(text) and splits_word(text, hi, hi)[0]:
        hi += 1
    return lo, hi


def _merged_gaps(pmap: PositionMap, old_text: str) -> list[Gap]:
    """The diff's edits as a reader names them: a replacement inside a word or number, or an
    insertion or deletion that cuts into a word, is widened to the whole of it ("3.1%" became
    "3.4%", not "1" became "4"; "set" became "reset", not "re" added), and edits separated
    only by a space are joined ("rose sharply" became "fell slowly")."""
    gaps = list(pmap.gaps())
    if not gaps:
        return []
    ceilings = [following.old_start for following in gaps[1:]] + [len(old_text)]
    merged: list[Gap] = []
    for gap, ceiling in zip(gaps, ceilings, strict=True):
        replaced = gap.old_start < gap.old_end and gap.new_start < gap.new_end
        if replaced or _splits_a_word(gap, old_text):
            floor = merged[-1].old_end if merged else 0
            gap = _whole_words(gap, old_text, floor, ceiling)
        last = merged[-1] if merged else None
        between = old_text[last.old_end : gap.old_start] if last else ""
        if last and len(between) <= 2 and not between.strip():
            merged[-1] = Gap(last.old_start, gap.old_end, last.new_start, gap.new_end)
        else:
            merged.append(gap)
    return merged


def _whole_words(gap: Gap, old_text: str, floor: int, ceiling: int) -> Gap:
    """The replacement widened to white space on both sides. The old text between the previous
    edit (``floor``) and the next (``ceiling``) is equal in both revisions, so both sides widen
    by the same amounts."""
    left = 0
    while gap.old_start - left > floor and not old_text[gap.old_start - left - 1].isspace():
        left += 1
    right = 0
    while gap.old_end + right < ceiling and not old_text[gap.old_end + right].isspace():
        right += 1
    return Gap(gap.old_start - left, gap.old_end + right, gap.new_start - left, gap.new_end + right)


def _touches(lo: int, hi: int, window_lo: int, window_hi: int) -> bool:
    if lo == hi:  # a pure insertion or deletion point
        return window_lo <= lo <= window_hi
    return lo < window_hi and hi > window_lo


def _clip(lo: int, hi: int, window_lo: int, window_hi: int) -> tuple[int, int]:
    """The part of ``[lo, hi)`` in the window; an edit beside the window is kept, but no
    longer than the window, so a rewritten article does not come back whole."""
    if lo < window_hi and hi > window_lo:
        return max(lo, window_lo), min(hi, window_hi)
    return lo, min(hi, lo + (window_hi - window_lo))


def _clip_words(text: str, lo: int, hi: int, window_lo: int, window_hi: int) -> tuple[int, int]:
    """:func:`_clip`, leaving out a word the cut would split: a fragment is whole words."""
    c_lo, c_hi = _clip(lo, hi, window_lo, window_hi)
    if c_lo > lo:
        c_lo = _word_start_after(text, c_lo, c_hi)
    if c_hi < hi:
        c_hi = _word_end_before(text, c_hi, c_lo)
    return c_lo, c_hi


def _splits_a_word(gap: Gap, old_text: str) -> bool:
    """Whether an insertion or deletion starts or ends inside a word of the old text."""
    return (
        splits_word(old_text, gap.old_start, gap.old_start)[0]
        or (splits_word(old_text, gap.old_end, gap.old_end)[0])
    )


@dataclass(frozen=True, slots=True)
class _Exact:
    """The best exact occurrence of a quote, and whether it can be trusted without review."""

    candidate: Candidate
    confident: bool  # the context (or a long, unique quote) vouches for it
    plausible: bool  # good enough to offer for review


class _Placer:
    """Places the anchors of one old text in one new text, sharing the diff between them."""

    def __init__(self, old_text: str, new_text: str) -> None:
        self._old = old_text
        self._new = new_text
        self._map = position_map(old_text, new_text)
        self._scorer = SpanScorer(new_text)

    def place(self, anchor: Anchor) -> Reanchored:
        if not anchor.quote.strip():
            return Reanchored(None, AnchorState.ORPHANED, 0.0)
        valid = anchor_is_valid(self._old, anchor)
        if valid:
            intact = self._intact(anchor)
            if intact is not None:
                return intact
            start, end = self._map.to_new(anchor.start), self._map.to_new_end(anchor.end)
        else:
            # A stale anchor (its quote no longer matches the old text) still says roughly where
            # the claim was; the quote and context do the rest.
            start = round(anchor.start * len(self._new) / max(1, len(self._old)))
            end = start + len(anchor.quote)
        target = Target.of(anchor.quote, anchor.prefix, anchor.suffix, start)
        exact = self._exact(anchor, target)
        fuzzy = None
        near = exact is not None and abs(exact.candidate.start - start) <= _NEAR_PREDICTION
        if exact is None or not (exact.confident and near):
            fuzzy = self._fuzzy(anchor, target, end, valid)
        if fuzzy is None and (exact is None or not exact.plausible):
            fuzzy = self._distant(anchor, target)
        return self._decide(anchor, exact, fuzzy)

    def _decide(self, anchor: Anchor, exact: _Exact | None, fuzzy: Candidate | None) -> Reanchored:
        """The verdict from the two searches; whenever they disagree, it is flagged."""
        if exact is not None and exact.confident:
            found = exact.candidate
            # An edited copy where the claim was competes with an exact copy elsewhere: which
            # one is the claim is for the checker to say.
            if fuzzy is None or fuzzy.overlaps(found) or fuzzy.total < found.total - _RIVAL_MARGIN:
                state = AnchorState.EXACT if found.start == anchor.start else AnchorState.MOVED
                context = (found.prefix + found.suffix) / 2
                return self._result(found, state, 0.8 + 0.2 * context)
        options = [exact.candidate] if exact is not None and exact.plausible else []
        options += [fuzzy] if fuzzy is not None else []
        if not options:
            return Reanchored(None, AnchorState.ORPHANED, 0.0)
        best = max(options, key=lambda c: c.total)
        return self._result(best, AnchorState.FUZZY, best.total)

    def _result(self, found: Candidate, state: AnchorState, score: float) -> Reanchored:
        anchor = make_anchor(self._new, found.start, found.end)
        return Reanchored(anchor, state, round(min(1.0, score), 4))

    def _intact(self, anchor: Anchor) -> Reanchored | None:
        """The claim's text survived the edit unchanged, as one piece of a matched run."""
        run = self._map.run_containing(anchor.start, anchor.end)
        if run is None:
            return None
        start = run.new + anchor.start - run.old
        if not self._same_edges(anchor, start):
            return None
        target = Target.of(anchor.quote, anchor.prefix, anchor.suffix, start)
        found = self._scorer.candidate(target, start, start + len(anchor.quote))
        margin = max(anchor.start - run.old, run.old + run.size - anchor.end)
        weak = len(anchor.quote) < _SHORT_QUOTE and margin < _RUN_MARGIN
        if weak and max(found.prefix, found.suffix) < _CONTEXT_AGREES:
            return None
        # With another copy of the quote in the old text, the diff may have matched this one
        # to the other's place; unless one side of the context is untouched, that needs review.
        if max(found.prefix, found.suffix) < 1.0 and self._old.count(anchor.quote) > 1:
            return self._result(found, AnchorState.FUZZY, found.total)
        if start == anchor.start:
            return self._result(found, AnchorState.EXACT, 1.0)
        return self._result(found, AnchorState.MOVED, 0.9 + 0.05 * (found.prefix + found.suffix))

    def _same_edges(self, anchor: Anchor, start: int) -> bool:
        """Whether the quote at ``start`` is cut from the words around it as the claim was:
        "chaos in" inside "chaos inciting" is not the claim "chaos in" (it was edited)."""
        end = start + len(anchor.quote)
        return splits_word(self._new, start, end) == splits_word(
            self._old, anchor.start, anchor.end
        )

    def _exact(self, anchor: Anchor, target: Target) -> _Exact | None:
        """The exact occurrence of the quote that its context and position pick."""
        found: list[Candidate] = []
        for start in self._scorer.occurrences(anchor.quote, target.hint):
            end = start + len(anchor.quote)
            share = self._map.foreign_share(start, end, anchor.start, anchor.end)
            if share <= _FOREIGN_EXACT_LIMIT and self._same_edges(anchor, start):
                found.append(self._scorer.candidate(target, start, end))
        if not found:
            return None
        found.sort(key=lambda c: c.total, reverse=True)
        best = found[0]
        clear = len(found) == 1 or best.total - found[1].total >= _CLEAR_LEAD
        # A long quote is its own evidence only if it was unique before as well: of two old
        # copies, the diff may have matched the claimed one to the other's place.
        long = len(anchor.quote) >= _DISTINCT_QUOTE and self._old.count(anchor.quote) == 1
        confident = clear and (
            max(best.prefix, best.suffix) >= _CONTEXT_AGREES or (long and len(found) == 1)
        )
        plausible = long or (best.prefix + best.suffix) / 2 >= _CONTEXT_HINTS
        return _Exact(best, confident, plausible)

    def _fuzzy(self, anchor: Anchor, target: Target, end: int, valid: bool) -> Candidate | None:
        """The edited claim: the best word-aligned span around where the diff puts it.

        An end of the old span whose character the diff matched maps exactly; the others are
        searched for. An end whose word the diff replaced is searched for from the replacement
        outwards, never short of its word next to the rest of the claim: "twelve people"
        became "fifteen people", so the claim starts at "fifteen", though leaving the new word
        out would look more like the old quote, and it is the very word a checker has to see.
        The rest of a longer replacement ("explosion. It happened") joins the claim only as far
        as it makes it more like the old quote.
        """
        fixed_start = valid and self._map.run_containing(anchor.start, anchor.start + 1) is not None
        fixed_end = valid and self._map.run_containing(anchor.end - 1, anchor.end) is not None
        start_within = end_within = None
        if valid:
            first, last = self._map.edit_at(anchor.start), self._map.edit_at(anchor.end - 1)
            if first is not None and first != last:
                start_within = self._replaced_starts(first, anchor)
            if last is not None and last != first:
                end_within = self._replaced_ends(last, anchor)
        start = target.hint if start_within is None else start_within[1]
        end = end if end_within is None else end_within[0]
        found = self._scorer.refine(
            target, start, end, fixed_start, fixed_end, start_within, end_within
        )
        if found is None or found.quote < _MIN_QUOTE_SIMILARITY or found.total < _MIN_FUZZY_SCORE:
            return None
        return found if self._is_new_text(anchor, found) else None

    def _replaced_starts(self, gap: Gap, anchor: Anchor) -> tuple[int, int] | None:
        """Where a claim whose first word the diff replaced can start in the new text: at the
        replacement's last word or before it, back to the start of the replacement. An edit
        that also took old text from before the claim says less: the diff may have matched
        the claim's first word to another copy of it, so the start may lie before the
        replacement. Never further back than the quote is long. None if the word was only
        deleted."""
        last = word_starts(self._new, gap.new_start, gap.new_end - 1)[-1:]
        if not last:
            return None
        lo = last[0] - len(anchor.quote)
        return max(lo, gap.new_start if gap.old_start == anchor.start else 0), last[0]

    def _replaced_ends(self, gap: Gap, anchor: Anchor) -> tuple[int, int] | None:
        """Where a claim whose last word the diff replaced can end: the mirror image of
        :meth:`_replaced_starts`."""
        first = word_ends(self._new, gap.new_start + 1, gap.new_end)[:1]
        if not first:
            return None
        hi = first[0] + len(anchor.quote)
        return first[0], min(hi, gap.new_end if gap.old_end == anchor.end else len(self._new))

    def _distant(self, anchor: Anchor, target: Target) -> Candidate | None:
        """The edited claim anywhere in the text, for a passage that was moved and edited: where
        its rarer words are, else between its old prefix and suffix."""
        for seed in self._scorer.seeds(target):
            if seed.quote < _MIN_QUOTE_SIMILARITY:
                break
            found = self._scorer.refine(target, seed.start, seed.end, False, False)
            if (
                found is not None
                and found.quote >= _MIN_DISTANT_SIMILARITY
                and max(found.prefix, found.suffix) >= _CONTEXT_HINTS
                and found.total >= _MIN_FUZZY_SCORE
                and self._is_new_text(anchor, found)
            ):
                return found
        found = self._scorer.between_context(target)
        if (
            found is not None
            and found.quote >= _MIN_QUOTE_SIMILARITY
            and self._is_new_text(anchor, found)
        ):
            return found
        return None

    def _is_new_text(self, anchor: Anchor, found: Candidate) -> bool:
        """Whether a span is not, for the most part, other old text that survived."""
        share = self._map.foreign_share(found.start, found.end, anchor.start, anchor.end)
        return share <= _FOREIGN_LIMIT
