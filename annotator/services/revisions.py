"""New versions of an article: store the new revision, re-anchor every claim, keep the old
revision viewable, and say what changed around each claim.

An update can be tried first without storing anything (:meth:`RevisionService.preview`): a
file picked by mistake would otherwise become the current text, with every claim lost. A
claim flagged for review stays flagged through later updates until someone confirms it
(moving it onto its text): its verdict was given on text that has changed since.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from annotator.domain.body import Block, blocks_from_json, blocks_to_json
from annotator.domain.model import Anchor, AnchorState, Claim, DocumentInfo, RevisionRecord
from annotator.domain.text import make_anchor
from annotator.domain.wording import counted
from annotator.errors import NotFoundError, ValidationError
from annotator.formats.importers import CancelCheck, ImportedDocument, ProgressCallback, import_file
from annotator.services.common import get_row, utc_now
from annotator.services.documents import text_sha256
from annotator.storage.database import Database
from annotator.storage.rows import (
    ClaimRow,
    DocumentRow,
    RevisionRow,
    current_revision_record,
    revision_row,
    to_claim,
    to_document_info,
    to_revision_record,
)

# Re-anchoring (and rapidfuzz with it, some 6 MB) loads when a revision is compared or
# stored, not with every opened project (docs/PERFORMANCE.md, P9).
if TYPE_CHECKING:
    from annotator.domain.reanchor import TextChange

# An update is doubted (the window asks, the CLI wants --force) when it leaves more than this
# share of the claims that had a place without one, and at least _LOST_MIN of them...
_LOST_SHARE = 0.5
_LOST_MIN = 2
# ...or when less than _KEPT_MIN of the current text's words are found again in the new text
# in unchanged passages of at least _PASSAGE_WORDS words. Two versions of one article share
# most of their wording, sentence for sentence (a correction, an added paragraph, a rewritten
# lead keep well over half); two different articles share only scattered common words ("the",
# "of the"), hardly ever four in a row, so they score a few percent. A count of words in runs,
# not of matched characters: the word diff matches the spaces and the "the"s of any two texts.
_KEPT_MIN = 1 / 3
_PASSAGE_WORDS = 4
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class ClaimOutcome:
    """How one claim fared in the new revision. ``still_flagged``: the new version alone
    would have placed it without doubt, but it needed review before and nobody has confirmed
    it since, so it still does."""

    claim: Claim
    previous: Anchor
    changes: tuple[TextChange, ...]
    still_flagged: bool = False


@dataclass(frozen=True, slots=True)
class RevisionUpdate:
    document: DocumentInfo
    outcomes: tuple[ClaimOutcome, ...]

    def count(self, state: AnchorState) -> int:
        return sum(1 for o in self.outcomes if o.claim.anchor_state is state)


@dataclass(frozen=True, slots=True)
class RevisionPreview:
    """What an update would do, worked out without storing anything.

    ``counts``: how many claims would end in each state; ``placed``: the claims that have a
    place now; ``lost``: how many of those the new version would leave without one;
    ``kept``: the share of the current text's words found again in the new text, in passages
    of several words (see ``_KEPT_MIN``).
    """

    counts: dict[AnchorState, int]
    placed: int
    lost: int
    kept: float

    def count(self, state: AnchorState) -> int:
        return self.counts.get(state, 0)

    @property
    def doubt(self) -> str | None:
        """Why the new version may be the wrong file, as a sentence; None if it looks right."""
        reasons = []
        if self.lost >= _LOST_MIN and self.lost > _LOST_SHARE * self.placed:
            reasons.append(
                f"leaves {self.lost} of {counted(self.placed, 'claim')} without a place in the text"
            )
        if self.kept < _KEPT_MIN:
            reasons.append(
                "shares little with the current text (only "
                f"{round(100 * self.kept)}% of the current wording is found in it)"
            )
        return f"This version {' and '.join(reasons)}." if reasons else None


@dataclass(frozen=True, slots=True)
class _Placement:
    """Where re-anchoring puts one claim, with its review flag carried over."""

    previous: Anchor
    anchor: Anchor | None
    state: AnchorState
    had_place: bool
    still_flagged: bool


@dataclass(frozen=True, slots=True)
class RevisionInfo:
    number: int
    title: str
    created_at: str
    sha256: str
    current: bool


@dataclass(frozen=True, slots=True)
class RevisionText:
    """A revision's text and body, and its claims placed as they were in it (see
    :meth:`RevisionService.revision_text`)."""

    number: int
    text: str
    blocks: tuple[Block, ...]
    claims: tuple[Claim, ...] = ()


class RevisionService:
    def __init__(self, database: Database) -> None:
        self._db = database

    def update_from_file(
        self,
        document_id: str,
        path: Path,
        *,
        progress: ProgressCallback | None = None,
        cancelled: CancelCheck | None = None,
    ) -> RevisionUpdate:
        return self.update(document_id, import_file(path, progress=progress, cancelled=cancelled))

    def preview(self, document_id: str, imported: ImportedDocument) -> RevisionPreview:
        """What :meth:`update` would do with ``imported``, without storing anything: the
        re-anchoring runs in memory (it is pure), and its diff is cached for the update."""
        with self._db.session() as session:
            row = get_row(session, DocumentRow, document_id, "document")
            _check_new_text(row, imported.text)
            claims = self._claims(session, document_id)
            placements = _place(row.text, imported.text, claims)
            counts = dict.fromkeys(AnchorState, 0)
            for placement in placements:
                counts[placement.state] += 1
            placed = [p for p in placements if p.had_place]
            lost = sum(1 for p in placed if p.state is AnchorState.ORPHANED)
            kept = _kept_share(row.text, imported.text)
            return RevisionPreview(counts, len(placed), lost, kept)

    def update(self, document_id: str, imported: ImportedDocument) -> RevisionUpdate:
        """Make ``imported`` the document's current text and re-anchor its claims.

        A claim that needed review keeps needing it (an EXACT or MOVED result becomes FUZZY,
        and ORPHANED stays ORPHANED) until someone confirms it: otherwise a claim whose
        wording changed would pass for checked after any further update that left it alone.
        """
        from annotator.domain.reanchor import changes_around

        new_text = imported.text
        with self._db.session() as session:
            row = get_row(session, DocumentRow, document_id, "document")
            _check_new_text(row, new_text)
            claims = self._claims(session, document_id)
            old_text = row.text
            placements = _place(old_text, new_text, claims)
            session.add(_archive(row, claims))
            _replace_text(row, imported)
            outcomes = []
            for claim_row, placement in zip(claims, placements, strict=True):
                _apply(claim_row, placement.anchor, placement.state)
                changes = changes_around(old_text, new_text, placement.previous, placement.anchor)
                outcomes.append(
                    ClaimOutcome(
                        to_claim(claim_row),
                        placement.previous,
                        tuple(changes),
                        placement.still_flagged,
                    )
                )
            session.flush()
            outcomes.sort(key=lambda o: (o.claim.anchor_state.needs_review is False, o.claim.start))
            return RevisionUpdate(to_document_info(row, len(claims)), tuple(outcomes))

    @staticmethod
    def _claims(session: Session, document_id: str) -> list[ClaimRow]:
        return list(session.scalars(select(ClaimRow).where(ClaimRow.document_id == document_id)))

    def revisions(self, document_id: str) -> list[RevisionInfo]:
        with self._db.session() as session:
            row = get_row(session, DocumentRow, document_id, "document")
            result = [
                RevisionInfo(r.number, r.title, r.created_at, r.sha256, False)
                for r in row.revisions
            ]
            result.append(RevisionInfo(row.revision, row.title, row.created_at, row.sha256, True))
            return result

    def history(self, document_id: str) -> list[RevisionRecord]:
        """The document's earlier revisions, oldest first, with everything stored."""
        with self._db.session() as session:
            row = get_row(session, DocumentRow, document_id, "document")
            return [to_revision_record(r) for r in row.revisions]

    def revision_text(self, document_id: str, number: int) -> RevisionText:
        """Revision ``number`` of a document, with the claims that had a place in it: for the
        current revision, the claims as they are; for an earlier one, each claim at the span
        that revision recorded for it (``anchors``), quoting that revision's text, and given
        as placed (how it had been placed then is not recorded). A claim made later, or left
        without a place then, is not in it."""
        with self._db.session() as session:
            row = get_row(session, DocumentRow, document_id, "document")
            claims = [to_claim(c) for c in self._claims(session, document_id)]
            if number == row.revision:
                placed = tuple(c for c in claims if c.anchor_state is not AnchorState.ORPHANED)
                return RevisionText(
                    number, row.text, blocks_from_json(json.loads(row.body)), placed
                )
            for revision in row.revisions:
                if revision.number == number:
                    return RevisionText(
                        number,
                        revision.text,
                        blocks_from_json(json.loads(revision.body)),
                        _placed_in(revision.text, json.loads(revision.anchors), claims),
                    )
        raise NotFoundError(f"The document has no revision {number}.")

    def changes_for_claim(self, claim_id: str) -> tuple[TextChange, ...]:
        """What changed around a claim between the previous revision and the current one."""
        from annotator.domain.reanchor import changes_around

        with self._db.session() as session:
            claim = get_row(session, ClaimRow, claim_id, "claim")
            document = claim.document
            if not document.revisions:
                return ()
            last = document.revisions[-1]
            span = json.loads(last.anchors).get(claim_id)
            if span is None:
                return ()
            old = Anchor(span[0], span[1], last.text[span[0] : span[1]], "", "")
            new = None if claim.anchor_state == AnchorState.ORPHANED.value else _anchor(claim)
            return tuple(changes_around(last.text, document.text, old, new))


def _anchor(row: ClaimRow) -> Anchor:
    return Anchor(row.start, row.end, row.quote, row.prefix, row.suffix)


def _placed_in(text: str, anchors: dict[str, list[int]], claims: list[Claim]) -> tuple[Claim, ...]:
    """The claims an earlier revision recorded a span for, at that span of its text."""
    placed = []
    for claim in claims:
        span = anchors.get(claim.id)
        if span is not None and 0 <= span[0] < span[1] <= len(text):
            anchor = make_anchor(text, span[0], span[1])
            placed.append(replace(claim, anchor=anchor, anchor_state=AnchorState.EXACT))
    return tuple(placed)


def _check_new_text(row: DocumentRow, new_text: str) -> None:
    if text_sha256(new_text) == row.sha256:
        raise ValidationError(
            f"The new version of “{row.title}” has the same text as the current one; "
            "nothing to update."
        )


def _place(old_text: str, new_text: str, claims: list[ClaimRow]) -> list[_Placement]:
    """Each claim re-anchored in ``new_text``; a claim flagged before stays flagged."""
    from annotator.domain.reanchor import reanchor

    previous = [_anchor(c) for c in claims]
    placements = []
    for claim, old_anchor, result in zip(
        claims, previous, reanchor(old_text, new_text, previous), strict=True
    ):
        before = AnchorState(claim.anchor_state)
        state, still_flagged = result.state, False
        if before.needs_review and not state.needs_review:
            state, still_flagged = AnchorState.FUZZY, True
        had_place = before is not AnchorState.ORPHANED
        placements.append(_Placement(old_anchor, result.anchor, state, had_place, still_flagged))
    return placements


def _kept_share(old_text: str, new_text: str) -> float:
    """The share of ``old_text``'s words that the diff finds unchanged in ``new_text``, in
    runs of at least ``_PASSAGE_WORDS`` words (all of them, for a shorter text)."""
    from annotator.domain.textdiff import position_map

    words = [(m.start(), m.end()) for m in _WORD.finditer(old_text)]
    if not words:
        return 1.0
    starts, ends = [w[0] for w in words], [w[1] for w in words]
    passage = min(_PASSAGE_WORDS, len(words))
    kept = 0
    for run in position_map(old_text, new_text).runs:
        inside = bisect.bisect_right(ends, run.old + run.size) - bisect.bisect_left(starts, run.old)
        if inside >= passage:
            kept += inside
    return kept / len(words)


def _archive(row: DocumentRow, claims: list[ClaimRow]) -> RevisionRow:
    anchors = {
        c.id: (c.start, c.end) for c in claims if c.anchor_state != AnchorState.ORPHANED.value
    }
    record = current_revision_record(row, anchors)
    return revision_row(row.id, record)


def _replace_text(row: DocumentRow, imported: ImportedDocument) -> None:
    row.text = imported.text
    row.body = json.dumps(blocks_to_json(imported.blocks), ensure_ascii=False)
    row.original = imported.original
    row.sha256 = text_sha256(imported.text)
    row.format = imported.format
    row.origin = imported.origin or row.origin
    row.revision += 1
    row.created_at = utc_now()


def _apply(row: ClaimRow, anchor: Anchor | None, state: AnchorState) -> None:
    """Move a claim to its new place; an orphaned claim keeps its quote and context (and its
    old offsets, which no longer point into the text: views and exports skip them)."""
    row.anchor_state = state.value
    if anchor is not None:
        row.start, row.end, row.quote = anchor.start, anchor.end, anchor.quote
        row.prefix, row.suffix = anchor.prefix, anchor.suffix
    row.updated_at = utc_now()
