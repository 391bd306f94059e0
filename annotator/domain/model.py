"""Immutable snapshots of the things a fact-checker works with.

Services hand these to the GUI and the command line; they never hold a database session, so
they are safe to keep in Qt models for as long as the window likes.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from annotator.domain.body import Block
from annotator.domain.snapshot import ExcerptOrigin


class ClaimStatus(enum.StrEnum):
    """Where a claim is in the checker's workflow."""

    DRAFT = "draft"
    IN_REVIEW = "in-review"
    DONE = "done"

    @property
    def label(self) -> str:
        """The status as people read it ("In review"), for reports and lists."""
        return _STATUS_LABELS[self]


_STATUS_LABELS = {
    ClaimStatus.DRAFT: "Draft",
    ClaimStatus.IN_REVIEW: "In review",
    ClaimStatus.DONE: "Done",
}


class Stance(enum.StrEnum):
    """What a source says about a claim."""

    SUPPORTS = "supports"
    REFUTES = "refutes"
    CONTEXT = "context"


class AnchorState(enum.StrEnum):
    """How a claim was placed in the current revision of its document."""

    EXACT = "exact"
    MOVED = "moved"
    FUZZY = "fuzzy"
    ORPHANED = "orphaned"

    @property
    def needs_review(self) -> bool:
        return self in (AnchorState.FUZZY, AnchorState.ORPHANED)


@dataclass(frozen=True, slots=True)
class Rating:
    """One step of a rating scale: a stable key, the label shown, a colour, an optional number."""

    key: str
    label: str
    color: str
    value: float | None = None


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a claim sits: code-point offsets into the document text plus W3C quote context."""

    start: int
    end: int
    quote: str
    prefix: str
    suffix: str


@dataclass(frozen=True, slots=True)
class Claimant:
    """Who made the claim."""

    name: str = ""
    role: str = ""
    url: str = ""


@dataclass(frozen=True, slots=True)
class Verdict:
    """The checker's rating of a claim."""

    rating: str
    rationale: str = ""
    rated_by: str = ""
    rated_at: str = ""


@dataclass(frozen=True, slots=True)
class Source:
    """A piece of evidence, reusable across the project's claims.

    Field names follow CSL-JSON where one exists.
    """

    id: str
    url: str
    title: str = ""
    publisher: str = ""
    author: str = ""
    published: str = ""
    accessed: str = ""
    type: str = "webpage"


@dataclass(frozen=True, slots=True)
class SourceLink:
    """A source attached to a claim, with its stance and an optional excerpt."""

    source: Source
    stance: Stance = Stance.CONTEXT
    excerpt: str = ""


@dataclass(frozen=True, slots=True)
class Claim:
    """A span of a document's text and everything the checker says about it."""

    id: str
    document_id: str
    anchor: Anchor
    summary: str = ""
    status: ClaimStatus = ClaimStatus.DRAFT
    tags: tuple[str, ...] = ()
    notes: str = ""
    claimant: Claimant = field(default_factory=Claimant)
    claim_date: str = ""
    verdict: Verdict | None = None
    sources: tuple[SourceLink, ...] = ()
    anchor_state: AnchorState = AnchorState.EXACT
    created_at: str = ""
    updated_at: str = ""
    number: int = 0
    """The claim's number in its project: given once when the claim is made, never reused
    ("claim 12" stays claim 12); 0 for a claim not stored yet."""

    @property
    def label(self) -> str:
        """How people name the claim: ``#12``."""
        return f"#{self.number}" if self.number else "new claim"

    @property
    def start(self) -> int:
        return self.anchor.start

    @property
    def end(self) -> int:
        return self.anchor.end

    @property
    def quote(self) -> str:
        return self.anchor.quote

    @property
    def rating_key(self) -> str | None:
        return self.verdict.rating if self.verdict else None


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """A document without its text: what lists and menus need."""

    id: str
    title: str
    author: str = ""
    publisher: str = ""
    published: str = ""
    origin: str = ""
    format: str = "text"
    lang: str = ""
    direction: str = "ltr"
    revision: int = 1
    claim_count: int = 0
    created_at: str = ""


@dataclass(frozen=True, slots=True)
class Document:
    """An imported article: its metadata, canonical text and body model (current revision)."""

    info: DocumentInfo
    text: str
    blocks: tuple[Block, ...]
    sha256: str

    @property
    def id(self) -> str:
        return self.info.id

    @property
    def title(self) -> str:
        return self.info.title


@dataclass(frozen=True, slots=True)
class Publisher:
    """The fact-checking organisation that publishes the reviews (used by ClaimReview)."""

    name: str = ""
    url: str = ""
    logo: str = ""
    review_url: str = ""


@dataclass(frozen=True, slots=True)
class ProjectInfo:
    """A project's settings."""

    title: str
    scale: tuple[Rating, ...]
    publisher: Publisher = field(default_factory=Publisher)
    checker: str = ""

    def rating(self, key: str) -> Rating | None:
        return next((r for r in self.scale if r.key == key), None)


@dataclass(frozen=True, slots=True)
class Statistics:
    """Counts over a project: documents, claims, sources, and claims per verdict."""

    documents: int
    claims: int
    sources: int
    by_rating: tuple[tuple[str, int], ...]
    unrated: int
    by_status: tuple[tuple[str, int], ...]
    needs_review: int


@dataclass(frozen=True, slots=True)
class ClaimEdit:
    """The fields to change on a claim; ``None`` leaves a field as it is."""

    summary: str | None = None
    status: ClaimStatus | None = None
    tags: tuple[str, ...] | None = None
    notes: str | None = None
    claimant: Claimant | None = None
    claim_date: str | None = None


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """What an export leaves out: claims still in draft, articles without (remaining) claims.
    Remembered per project, so the next export offers the same choice."""

    include_drafts: bool = True
    only_with_claims: bool = False


@dataclass(frozen=True, slots=True)
class DocumentEdit:
    """An article's details to change; ``None`` leaves a field as it is. ``url`` is the
    article's original web address (stored as the document's origin)."""

    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    published: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class RemovedLink:
    """A source link as it was before removal, enough to put it back in its place."""

    claim_id: str
    link: SourceLink
    position: int
    origin: ExcerptOrigin | None = None
    """Where its excerpt was picked from a snapshot, if it was."""


@dataclass(frozen=True, slots=True)
class RevisionRecord:
    """Everything stored about an earlier revision (for the lossless report)."""

    number: int
    title: str
    format: str
    origin: str
    created_at: str
    text: str
    sha256: str
    blocks: tuple[Block, ...]
    anchors: dict[str, tuple[int, int]]
    original: bytes
