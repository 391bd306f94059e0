"""Edits that change more than their result shows (a source cited by several claims), each
returning its result and its ``Changes`` (domain/changes.py) for the window to announce."""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.domain.changes import Changes, Done
from annotator.domain.model import Claim, RemovedLink, Source, Stance

if TYPE_CHECKING:
    from annotator.services.workspace import Workspace


def _claims(workspace: Workspace, claim_ids: list[str]) -> tuple[Claim, ...]:
    return tuple(workspace.claims.get(claim_id) for claim_id in claim_ids)


def update_source(workspace: Workspace, source: Source) -> Done[Source]:
    """Edit a source; every claim citing it shows the change."""
    updated = workspace.sources.update(source)
    citing = tuple(
        claim
        for claim in workspace.claims.all()
        if any(link.source.id == source.id for link in claim.sources)
    )
    return Done(updated, Changes(claims=citing, sources=True))


def delete_source(workspace: Workspace, source_id: str) -> Done[tuple[Source, list[RemovedLink]]]:
    source, links = workspace.sources.delete(source_id)
    claims = _claims(workspace, [removed.claim_id for removed in links])
    return Done((source, links), Changes(claims=claims, sources=True))


def restore_source(workspace: Workspace, source: Source, links: list[RemovedLink]) -> Done[None]:
    workspace.sources.restore(source, links)
    claims = _claims(workspace, [removed.claim_id for removed in links])
    return Done(None, Changes(claims=claims, sources=True))


def cite_source(
    workspace: Workspace, claim_id: str, source: Source, stance: Stance, excerpt: str
) -> Done[tuple[Source, bool]]:
    """Cite ``source`` (the project's one with the same address, if any) on a claim; the
    value is the source and whether it is new."""
    cited = workspace.sources.cite(claim_id, source, stance, excerpt)
    claim = workspace.claims.get(claim_id)
    return Done(cited, Changes(claims=(claim,), sources=True))


def unlink_source(workspace: Workspace, claim_id: str, source_id: str) -> Done[RemovedLink]:
    claim, removed = workspace.sources.unlink(claim_id, source_id)
    return Done(removed, Changes(claims=(claim,)))
