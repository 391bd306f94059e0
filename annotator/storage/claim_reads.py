"""Reading many claims at once: one query for the claims and one for their sources, mapped
straight from result tuples to snapshots (no ORM objects, no per-row relationship loads).

Listing the claims of a 5,000-claim article this way takes a fraction of loading them as ORM
rows with their links (docs/PERFORMANCE.md); single-claim edits keep the ORM.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from annotator.domain import model as m
from annotator.storage.rows import ClaimRow, ClaimSourceRow, DocumentRow, SourceRow

_STATUS = {s.value: s for s in m.ClaimStatus}
_STATE = {s.value: s for s in m.AnchorState}
_STANCE = {s.value: s for s in m.Stance}
_NO_CLAIMANT = m.Claimant()
_BATCH = 500

CLAIM_COLUMNS = (
    ClaimRow.id,
    ClaimRow.number,
    ClaimRow.document_id,
    ClaimRow.start,
    ClaimRow.end,
    ClaimRow.quote,
    ClaimRow.prefix,
    ClaimRow.suffix,
    ClaimRow.summary,
    ClaimRow.status,
    ClaimRow.tags,
    ClaimRow.notes,
    ClaimRow.claimant_name,
    ClaimRow.claimant_role,
    ClaimRow.claimant_url,
    ClaimRow.claim_date,
    ClaimRow.rating,
    ClaimRow.rationale,
    ClaimRow.rated_by,
    ClaimRow.rated_at,
    ClaimRow.anchor_state,
    ClaimRow.created_at,
    ClaimRow.updated_at,
)
SOURCE_COLUMNS = (
    SourceRow.id,
    SourceRow.url,
    SourceRow.title,
    SourceRow.publisher,
    SourceRow.author,
    SourceRow.published,
    SourceRow.accessed,
    SourceRow.type,
)


def load_claims(
    session: Session,
    document_id: str | None = None,
    claim_ids: Sequence[str] | None = None,
) -> list[m.Claim]:
    """Claims in article order (document position, start, end, id), with their sources, for
    one document, some claims, or the whole project."""
    where: list[ColumnElement[bool]] = []
    if document_id is not None:
        where.append(ClaimRow.document_id == document_id)
    if claim_ids is not None:
        where.append(ClaimRow.id.in_(list(claim_ids)))
    query = (
        select(*CLAIM_COLUMNS)
        .join(DocumentRow, DocumentRow.id == ClaimRow.document_id)
        .where(*where)
        .order_by(DocumentRow.position, ClaimRow.start, ClaimRow.end, ClaimRow.id)
    )
    links = _links(session, where)
    shared = _Shared()
    # Streamed in batches: a 5,000-claim article never holds all its raw rows at once.
    rows = session.execute(query.execution_options(yield_per=_BATCH))
    return [_claim(tuple(row), links.get(row[0], ()), shared) for row in rows]


class _Shared:
    """One object for equal values repeated across the claims of one read (the document id,
    checker, dates, verdicts): 5,000 claims hold a few megabytes less (issue 10, P9)."""

    def __init__(self) -> None:
        self._strings: dict[str, str] = {}
        self._verdicts: dict[tuple[str, str, str, str], m.Verdict] = {}

    def string(self, value: str) -> str:
        return self._strings.setdefault(value, value)

    def verdict(self, rating: str, rationale: str, rated_by: str, rated_at: str) -> m.Verdict:
        key = (rating, rationale, rated_by, rated_at)
        found = self._verdicts.get(key)
        if found is None:
            found = self._verdicts[key] = m.Verdict(*map(self.string, key))
        return found


def _links(
    session: Session, where: list[ColumnElement[bool]]
) -> dict[str, tuple[m.SourceLink, ...]]:
    query = (
        select(ClaimSourceRow.claim_id, ClaimSourceRow.stance, ClaimSourceRow.excerpt)
        .add_columns(*SOURCE_COLUMNS)
        .join(SourceRow, SourceRow.id == ClaimSourceRow.source_id)
        .order_by(ClaimSourceRow.claim_id, ClaimSourceRow.position)
    )
    if where:
        query = query.join(ClaimRow, ClaimRow.id == ClaimSourceRow.claim_id).where(*where)
    sources: dict[str, m.Source] = {}
    found: dict[str, list[m.SourceLink]] = {}
    for claim_id, stance, excerpt, *source in session.execute(
        query.execution_options(yield_per=_BATCH)
    ):
        known = sources.get(source[0])
        if known is None:
            known = sources[source[0]] = m.Source(*source)
        found.setdefault(claim_id, []).append(m.SourceLink(known, _STANCE[stance], excerpt))
    return {claim_id: tuple(links) for claim_id, links in found.items()}


def _claim(row: tuple[Any, ...], links: tuple[m.SourceLink, ...], shared: _Shared) -> m.Claim:
    (
        claim_id, number, document_id, start, end, quote, prefix, suffix, summary, status,
        tags, notes, claimant_name, claimant_role, claimant_url, claim_date, rating, rationale,
        rated_by, rated_at, anchor_state, created_at, updated_at,
    ) = row  # fmt: skip
    claimant = (
        m.Claimant(claimant_name, claimant_role, claimant_url)
        if claimant_name or claimant_role or claimant_url
        else _NO_CLAIMANT
    )
    share = shared.string
    return m.Claim(
        id=claim_id,
        number=number,
        document_id=share(document_id),
        anchor=m.Anchor(start, end, quote, prefix, suffix),
        summary=summary,
        status=_STATUS[status],
        tags=() if tags == "[]" else tuple(json.loads(tags)),
        notes=notes,
        claimant=claimant,
        claim_date=share(claim_date),
        verdict=shared.verdict(rating, rationale, rated_by, rated_at) if rating else None,
        sources=links,
        anchor_state=_STATE[anchor_state],
        created_at=share(created_at),
        updated_at=share(updated_at),
    )
