"""The SQLAlchemy tables of a project file, and their conversion to domain snapshots.

Rows never leave the storage and services layers: ``to_*`` functions turn them into the
immutable snapshots of ``annotator.domain.model`` before a session closes, and ``*_row``
functions build a new row from a snapshot. The mapping between the two lives only here.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import (
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from annotator.domain import model as m
from annotator.domain.body import Block, blocks_from_json, blocks_to_json
from annotator.errors import StoredDataError


class Base(DeclarativeBase):
    pass


class ProjectRow(Base):
    __tablename__ = "project"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(Text, default="")
    checker: Mapped[str] = mapped_column(Text, default="")
    publisher_name: Mapped[str] = mapped_column(Text, default="")
    publisher_url: Mapped[str] = mapped_column(Text, default="")
    publisher_logo: Mapped[str] = mapped_column(Text, default="")
    review_url: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[str] = mapped_column(String(40), default="")
    next_claim_number: Mapped[int] = mapped_column(Integer, default=1)
    """The number the next new claim gets; it only ever grows, so numbers are never reused."""
    options: Mapped[str] = mapped_column(Text, default="{}")
    """JSON: per-project preferences (export choices), see ``services/project.py``."""


class RatingRow(Base):
    __tablename__ = "ratings"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(Text)
    color: Mapped[str] = mapped_column(String(7))
    value: Mapped[float | None] = mapped_column(Float, nullable=True)


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(Text, default="")
    publisher: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[str] = mapped_column(String(40), default="")
    origin: Mapped[str] = mapped_column(Text, default="")
    format: Mapped[str] = mapped_column(String(20), default="text")
    lang: Mapped[str] = mapped_column(String(20), default="")
    direction: Mapped[str] = mapped_column(String(3), default="ltr")
    # The large columns load only when read: listing articles must not read every text and
    # every imported file (a PDF can be megabytes).
    text: Mapped[str] = mapped_column(Text, deferred=True)
    body: Mapped[str] = mapped_column(Text, deferred=True)
    original: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    sha256: Mapped[str] = mapped_column(String(64))
    revision: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[str] = mapped_column(String(40))

    claims: Mapped[list[ClaimRow]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True
    )
    revisions: Mapped[list[RevisionRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="RevisionRow.number"
    )


class RevisionRow(Base):
    """An earlier revision of a document (the current one lives in ``documents``)."""

    __tablename__ = "document_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text, default="")
    format: Mapped[str] = mapped_column(String(20), default="text")
    origin: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text, deferred=True)
    body: Mapped[str] = mapped_column(Text, deferred=True)
    original: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    sha256: Mapped[str] = mapped_column(String(64))
    anchors: Mapped[str] = mapped_column(Text, default="{}")
    """JSON {claim id: [start, end]}: where each claim sat in this revision."""
    created_at: Mapped[str] = mapped_column(String(40))


class DismissalRow(Base):
    """A sentence the checker dismissed as a claim suggestion in a document. Keyed by the
    sentence's text (whitespace collapsed), so it holds across new revisions."""

    __tablename__ = "suggestion_dismissals"
    __table_args__ = (UniqueConstraint("document_id", "sentence", name="uq_suggestion_dismissals"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    sentence: Mapped[str] = mapped_column(Text)
    created_at: Mapped[str] = mapped_column(String(40))


class SourceRow(Base):
    __tablename__ = "sources"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    url: Mapped[str] = mapped_column(Text)
    title: Mapped[str] = mapped_column(Text, default="")
    publisher: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[str] = mapped_column(String(40), default="")
    accessed: Mapped[str] = mapped_column(String(40), default="")
    type: Mapped[str] = mapped_column(String(40), default="webpage")
    created_at: Mapped[str] = mapped_column(String(40))


class ClaimSourceRow(Base):
    __tablename__ = "claim_sources"

    claim_id: Mapped[str] = mapped_column(
        ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True
    )
    source_id: Mapped[str] = mapped_column(
        ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer)
    stance: Mapped[str] = mapped_column(String(10), default="context")
    excerpt: Mapped[str] = mapped_column(Text, default="")

    source: Mapped[SourceRow] = relationship(lazy="joined")


class ClaimRow(Base):
    __tablename__ = "claims"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    number: Mapped[int] = mapped_column(Integer, index=True, unique=True)
    document_id: Mapped[str] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    prefix: Mapped[str] = mapped_column(Text, default="")
    suffix: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12), default="draft")
    tags: Mapped[str] = mapped_column(Text, default="[]")
    notes: Mapped[str] = mapped_column(Text, default="")
    claimant_name: Mapped[str] = mapped_column(Text, default="")
    claimant_role: Mapped[str] = mapped_column(Text, default="")
    claimant_url: Mapped[str] = mapped_column(Text, default="")
    claim_date: Mapped[str] = mapped_column(String(40), default="")
    rating: Mapped[str | None] = mapped_column(
        ForeignKey("ratings.key", ondelete="RESTRICT"), nullable=True
    )
    rationale: Mapped[str] = mapped_column(Text, default="")
    rated_by: Mapped[str] = mapped_column(Text, default="")
    rated_at: Mapped[str] = mapped_column(String(40), default="")
    anchor_state: Mapped[str] = mapped_column(String(10), default="exact")
    created_at: Mapped[str] = mapped_column(String(40))
    updated_at: Mapped[str] = mapped_column(String(40))

    document: Mapped[DocumentRow] = relationship(back_populates="claims")
    links: Mapped[list[ClaimSourceRow]] = relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="ClaimSourceRow.position",
        lazy="selectin",
    )


# The fields a snapshot and its row share under the same name and type, copied as they are in
# both directions; the functions below add the ones that differ.
_SOURCE_FIELDS = ("id", "url", "title", "publisher", "author", "published", "accessed", "type")
_DOCUMENT_INFO_FIELDS = (
    "id",
    "title",
    "author",
    "publisher",
    "published",
    "origin",
    "format",
    "lang",
    "direction",
    "revision",
    "created_at",
)
_CLAIM_FIELDS = (
    "id",
    "number",
    "document_id",
    "summary",
    "notes",
    "claim_date",
    "created_at",
    "updated_at",
)
_ANCHOR_FIELDS = ("start", "end", "quote", "prefix", "suffix")
_REVISION_FIELDS = ("title", "format", "origin", "created_at", "text", "sha256", "original")


def _fields(item: object, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(item, name) for name in names}


def to_rating(row: RatingRow) -> m.Rating:
    return m.Rating(row.key, row.label, row.color, row.value)


def to_source(row: SourceRow) -> m.Source:
    return m.Source(**_fields(row, _SOURCE_FIELDS))


def to_claim(row: ClaimRow) -> m.Claim:
    try:
        return _to_claim(row)
    except (ValueError, TypeError, AttributeError):  # an enum or a link that damage changed
        raise StoredDataError(f"claim {row.id}'s stored fields can no longer be read") from None


def _to_claim(row: ClaimRow) -> m.Claim:
    verdict = (
        m.Verdict(row.rating, row.rationale, row.rated_by, row.rated_at) if row.rating else None
    )
    return m.Claim(
        **_fields(row, _CLAIM_FIELDS),
        anchor=m.Anchor(**_fields(row, _ANCHOR_FIELDS)),
        status=m.ClaimStatus(row.status),
        tags=tuple(stored_json(row.tags, "a claim's tags")),
        claimant=m.Claimant(row.claimant_name, row.claimant_role, row.claimant_url),
        verdict=verdict,
        sources=tuple(
            m.SourceLink(to_source(link.source), m.Stance(link.stance), link.excerpt)
            for link in row.links
        ),
        anchor_state=m.AnchorState(row.anchor_state),
    )


def to_document_info(row: DocumentRow, claim_count: int = 0) -> m.DocumentInfo:
    return m.DocumentInfo(**_fields(row, _DOCUMENT_INFO_FIELDS), claim_count=claim_count)


def to_document(row: DocumentRow, claim_count: int = 0) -> m.Document:
    return m.Document(
        info=to_document_info(row, claim_count),
        text=row.text,
        blocks=stored_blocks(row.body),
        sha256=row.sha256,
    )


def to_project(row: ProjectRow, ratings: list[RatingRow]) -> m.ProjectInfo:
    return m.ProjectInfo(
        title=row.title,
        scale=tuple(to_rating(r) for r in sorted(ratings, key=lambda r: r.position)),
        publisher=m.Publisher(
            row.publisher_name, row.publisher_url, row.publisher_logo, row.review_url
        ),
        checker=row.checker,
    )


def rating_row(rating: m.Rating, position: int) -> RatingRow:
    return RatingRow(
        key=rating.key,
        position=position,
        label=rating.label,
        color=rating.color,
        value=rating.value,
    )


# Each ``*_row`` has a ``*_values`` twin: the same columns as a dict, for bulk INSERTs
# (``session.execute(insert(Table), [values, ...])``) that skip building ORM objects.


def source_values(source: m.Source, created_at: str) -> dict[str, Any]:
    return {**_fields(source, _SOURCE_FIELDS), "created_at": created_at}


def source_row(source: m.Source, created_at: str) -> SourceRow:
    return SourceRow(**source_values(source, created_at))


def claim_source_values(claim_id: str, link: m.SourceLink, position: int) -> dict[str, Any]:
    return {
        "claim_id": claim_id,
        "source_id": link.source.id,
        "position": position,
        "stance": link.stance.value,
        "excerpt": link.excerpt,
    }


def claim_source_row(claim_id: str, link: m.SourceLink, position: int) -> ClaimSourceRow:
    """The row linking a claim to a cited source (the source row is stored separately)."""
    return ClaimSourceRow(**claim_source_values(claim_id, link, position))


def claim_values(claim: m.Claim) -> dict[str, Any]:
    verdict = claim.verdict
    return {
        **_fields(claim, _CLAIM_FIELDS),
        **_fields(claim.anchor, _ANCHOR_FIELDS),
        "status": claim.status.value,
        "tags": json.dumps(list(claim.tags), ensure_ascii=False),
        "claimant_name": claim.claimant.name,
        "claimant_role": claim.claimant.role,
        "claimant_url": claim.claimant.url,
        "rating": verdict.rating if verdict else None,
        "rationale": verdict.rationale if verdict else "",
        "rated_by": verdict.rated_by if verdict else "",
        "rated_at": verdict.rated_at if verdict else "",
        "anchor_state": claim.anchor_state.value,
    }


def claim_row(claim: m.Claim) -> ClaimRow:
    """A row holding every field of a claim snapshot (its links are rows of their own)."""
    return ClaimRow(**claim_values(claim))


def document_row(document: m.Document, *, position: int, original: bytes) -> DocumentRow:
    """A row for a new document: its snapshot, its place in the project's order and the
    imported file's bytes (kept as provenance, not part of the snapshot)."""
    return DocumentRow(
        **_fields(document.info, _DOCUMENT_INFO_FIELDS),
        position=position,
        text=document.text,
        body=json.dumps(blocks_to_json(document.blocks), ensure_ascii=False),
        original=original,
        sha256=document.sha256,
    )


def to_revision_record(row: RevisionRow) -> m.RevisionRecord:
    stored_bytes(row.original, "a revision's original file")
    return m.RevisionRecord(
        **_fields(row, _REVISION_FIELDS),
        number=row.number,
        blocks=stored_blocks(row.body),
        anchors={
            k: (v[0], v[1]) for k, v in stored_json(row.anchors, "a revision's anchors").items()
        },
    )


def current_revision_record(
    row: DocumentRow, anchors: dict[str, tuple[int, int]]
) -> m.RevisionRecord:
    """A document's current revision as a record, to archive before a newer one replaces it."""
    return m.RevisionRecord(
        **_fields(row, _REVISION_FIELDS),
        number=row.revision,
        blocks=stored_blocks(row.body),
        anchors=anchors,
    )


def revision_row(document_id: str, record: m.RevisionRecord) -> RevisionRow:
    return RevisionRow(
        **_fields(record, _REVISION_FIELDS),
        document_id=document_id,
        number=record.number,
        body=json.dumps(blocks_to_json(record.blocks), ensure_ascii=False),
        anchors=json.dumps({k: list(v) for k, v in record.anchors.items()}),
    )


def stored_json(value: str, what: str) -> Any:
    """JSON stored in the project, or StoredDataError when damage made it unreadable."""
    try:
        return json.loads(value)
    except (ValueError, TypeError, RecursionError):
        raise StoredDataError(f"{what} can no longer be read") from None


def stored_blocks(value: str) -> tuple[Block, ...]:
    """A document's stored structure (its blocks), or StoredDataError."""
    try:
        return blocks_from_json(stored_json(value, "a document's structure"))
    except (KeyError, TypeError, ValueError, AttributeError):
        raise StoredDataError("a document's structure can no longer be read") from None


def stored_bytes(value: object, what: str) -> bytes:
    """A stored file's bytes, or StoredDataError when damage changed the value's type."""
    if not isinstance(value, bytes):
        raise StoredDataError(f"{what} can no longer be read")
    return value
