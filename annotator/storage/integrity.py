"""What ``annotator check`` finds in an open project: SQLite's integrity and foreign-key checks,
every document's text against its hash, and every claim against its document and the scale.
Writers run it when they open a project, and refuse a damaged one."""

from __future__ import annotations

import hashlib

from sqlalchemy import select

from annotator.domain.model import AnchorState
from annotator.errors import StoredDataError
from annotator.storage.database import Database, integrity_problems
from annotator.storage.rows import ClaimRow, DocumentRow, RatingRow, to_claim


def project_problems(database: Database) -> list[str]:
    """What ``check`` finds: SQLite's integrity and foreign-key checks, then every
    document's text against its hash and every claim against its document."""
    problems = integrity_problems(database)
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
        for claim in session.scalars(select(ClaimRow)):
            problems.extend(_claim_problems(claim, texts.get(claim.document_id, ""), ratings))
    return problems


def _claim_problems(claim: ClaimRow, text: str, ratings: set[str]) -> list[str]:
    problems = []
    orphaned = claim.anchor_state == AnchorState.ORPHANED.value
    if not orphaned and text[claim.start : claim.end] != claim.quote:
        problems.append(
            f"claim {claim.id}: its quote no longer matches the document text at "
            f"{claim.start}-{claim.end}"
        )
    if claim.rating is not None and claim.rating not in ratings:
        problems.append(f"claim {claim.id}: rating {claim.rating!r} is not in the scale")
    try:
        to_claim(claim)
    except StoredDataError as exc:
        problems.append(str(exc))
    return problems
