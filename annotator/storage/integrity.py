"""What ``annotator check`` finds in an open project: SQLite's integrity and foreign-key checks,
every document's text against its hash, and every claim against its document and the scale.
Writers run it when they open a project, and refuse a damaged one."""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import select

from annotator.domain.model import AnchorState, ClaimStatus
from annotator.errors import StoredDataError
from annotator.storage.database import Database, integrity_problems
from annotator.storage.rows import ClaimRow, DocumentRow, RatingRow, stored_json


def project_problems(database: Database, *, quick: bool = False) -> list[str]:
    """What ``check`` finds: SQLite's integrity and foreign-key checks, then every
    document's text against its hash and every claim against its document; ``quick`` uses
    SQLite's quicker structural check (on every open for writing)."""
    problems = integrity_problems(database, quick=quick)
    if problems:
        return problems
    with database.session() as session:
        texts: dict[str, str] = {}
        for doc in session.execute(
            select(DocumentRow.id, DocumentRow.title, DocumentRow.text, DocumentRow.sha256)
        ):
            texts[doc.id] = doc.text
            if hashlib.sha256(doc.text.encode("utf-8")).hexdigest() != doc.sha256:
                problems.append(f"document {doc.id} ({doc.title!r}): text does not match its hash")
        ratings = set(session.scalars(select(RatingRow.key)))
        columns = (
            ClaimRow.id, ClaimRow.document_id, ClaimRow.start, ClaimRow.end, ClaimRow.quote,
            ClaimRow.rating, ClaimRow.status, ClaimRow.anchor_state, ClaimRow.tags,
        )  # fmt: skip
        for claim in session.execute(select(*columns)):  # plain rows: no per-claim queries
            problems.extend(_claim_problems(claim, texts.get(claim.document_id, ""), ratings))
    return problems


_STATUSES = {status.value for status in ClaimStatus}
_ANCHOR_STATES = {state.value for state in AnchorState}


def _claim_problems(claim: Any, text: str, ratings: set[str]) -> list[str]:
    problems = []
    orphaned = claim.anchor_state == AnchorState.ORPHANED.value
    if not orphaned and text[claim.start : claim.end] != claim.quote:
        problems.append(
            f"claim {claim.id}: its quote no longer matches the document text at "
            f"{claim.start}-{claim.end}"
        )
    if claim.rating is not None and claim.rating not in ratings:
        problems.append(f"claim {claim.id}: rating {claim.rating!r} is not in the scale")
    if claim.status not in _STATUSES or claim.anchor_state not in _ANCHOR_STATES:
        problems.append(f"claim {claim.id}: its status or placement can no longer be read")
    try:
        stored_json(claim.tags, f"claim {claim.id}: its tags")
    except StoredDataError as exc:
        problems.append(str(exc))
    return problems
