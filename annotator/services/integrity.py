"""The integrity check behind ``annotator check``: the SQLite file, the claims' anchors and
every source snapshot's SHA-256."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import select

from annotator.domain.model import AnchorState
from annotator.domain.snapshot import SnapshotState
from annotator.services.workspace import Workspace
from annotator.storage.database import damage_advice, integrity_problems

__all__ = ["check_project", "damage_advice"]
from annotator.storage.rows import ClaimRow, DocumentRow, RatingRow


def check_project(path: Path) -> list[str]:
    """Every problem found in the project at ``path`` (empty when it is sound). Opens the
    project read-only, so it works while the project is open in the app."""
    with Workspace.open(path, read_only=True) as workspace:
        problems = integrity_problems(workspace.database)
        if problems:
            return problems
        with workspace.database.session() as session:
            texts: dict[str, str] = {}
            for doc in session.scalars(select(DocumentRow)):
                texts[doc.id] = doc.text
                if hashlib.sha256(doc.text.encode("utf-8")).hexdigest() != doc.sha256:
                    problems.append(
                        f"document {doc.id} ({doc.title!r}): text does not match its hash"
                    )
            ratings = set(session.scalars(select(RatingRow.key)))
            for claim in session.scalars(select(ClaimRow)):
                problems.extend(_claim_problems(claim, texts.get(claim.document_id, ""), ratings))
        problems.extend(
            f"snapshot {v.snapshot.id} of source {v.snapshot.source_id} ({v.source_title!r}): "
            "its bytes no longer match its SHA-256"
            for v in workspace.snapshots.verify()
            if v.state is SnapshotState.MISMATCH
        )
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
    return problems
