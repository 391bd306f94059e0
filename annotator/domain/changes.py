"""What an edit changed, as a value (Anki's ``OpChanges``): the window's session announces it,
so each view refreshes only what it shows, and an edit is written once, where it is done.

``Done[T]`` is an edit's result together with its ``Changes``. A plain edit is a service call
wrapped in one of the functions here; the edits in ``services/changes.py`` change more than
their result shows (a source cited by several claims) and say so themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from annotator.domain.model import Claim, ProjectInfo

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
