"""What an edit changed, as a value (Anki's ``OpChanges``): the window's session announces it,
so each view refreshes only what it shows, and an edit is written once, where it is done.

``Done[T]`` is an edit's result together with its ``Changes``. The plain edits are a service
call wrapped in one of ``claim_edited``, ``claim_removed``, ``project_edited``,
``documents_edited`` or ``sources_edited``; the edits below change more than their result
shows (a source cited by several claims) and say so themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from annotator.domain.model import Claim, ProjectInfo, RemovedLink, Source, Stance

if TYPE_CHECKING:
    from annotator.services.workspace import Workspace

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Changes:
    """Claims added or edited, claims removed, the project's settings as they now are, and
    whether the list of articles (or an article's claims wholesale) or the sources changed."""

    claims: tuple[Claim, ...] = ()
    removed: tuple[Claim, ...] = ()
    project: ProjectInfo | None = None
    documents: bool = False
    sources: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            claims=self.claims + other.claims,
            removed=self.removed + other.removed,
            project=other.project or self.project,
            documents=self.documents or other.documents,
            sources=self.sources or other.sources,
        )


@dataclass(frozen=True, slots=True)
class Done(Generic[T]):
    """An edit's result and what it changed."""

    value: T
    changes: Changes


def claim_edited(claim: Claim) -> Done[Claim]:
    return Done(claim, Changes(claims=(claim,)))


def claim_removed(claim: Claim) -> Done[Claim]:
    return Done(claim, Changes(removed=(claim,)))


def project_edited(info: ProjectInfo) -> Done[ProjectInfo]:
    return Done(info, Changes(project=info))


def documents_edited(value: T) -> Done[T]:
    """An article added, removed or re-anchored: views reload rather than hear of each claim."""
    return Done(value, Changes(documents=True))


def sources_edited(value: T) -> Done[T]:
    return Done(value, Changes(sources=True))


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
