"""The tables of source snapshots and their mapping to domain values, beside ``rows.py``.

A snapshot's metadata and readable text are a row of ``source_snapshots``; its bytes are in
``snapshot_chunks`` (``storage/blobs.py``); where an excerpt was picked is a row of
``snapshot_excerpts``. ``to_*`` and ``*_row`` functions are the only mapping, as in ``rows.py``.
"""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, ForeignKeyConstraint, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from annotator.domain.snapshot import CaptureMethod, ExcerptOrigin, Snapshot
from annotator.storage.rows import Base


class SnapshotRow(Base):
    """A snapshot of a source; its bytes are in ``snapshot_chunks`` (storage/blobs.py)."""

    __tablename__ = "source_snapshots"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    media_type: Mapped[str] = mapped_column(String(100))
    method: Mapped[str] = mapped_column(String(10))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    captured_at: Mapped[str] = mapped_column(String(40))
    url: Mapped[str] = mapped_column(Text, default="")
    archived_url: Mapped[str] = mapped_column(Text, default="")
    filename: Mapped[str] = mapped_column(Text, default="")
    has_bytes: Mapped[bool] = mapped_column(Boolean, default=True)
    # The text a reader sees (extracted from a page, a PDF or a capture): excerpts are picked
    # from it and their offsets count in it. Loaded only when read.
    text: Mapped[str] = mapped_column(Text, deferred=True, default="")
    created_at: Mapped[str] = mapped_column(String(40))


class SnapshotExcerptRow(Base):
    """Where a claim's excerpt of a source was picked: a snapshot and offsets into its text."""

    __tablename__ = "snapshot_excerpts"

    claim_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    source_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    snapshot_id: Mapped[str] = mapped_column(
        ForeignKey("source_snapshots.id", ondelete="CASCADE"), index=True
    )
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        ForeignKeyConstraint(
            ["claim_id", "source_id"],
            ["claim_sources.claim_id", "claim_sources.source_id"],
            ondelete="CASCADE",
        ),
    )


_SNAPSHOT_FIELDS = (
    "id",
    "source_id",
    "media_type",
    "sha256",
    "size",
    "captured_at",
    "url",
    "archived_url",
    "filename",
    "has_bytes",
)


def to_snapshot(row: SnapshotRow) -> Snapshot:
    return Snapshot(
        **{name: getattr(row, name) for name in _SNAPSHOT_FIELDS},
        method=CaptureMethod(row.method),
    )


def snapshot_row(snapshot: Snapshot, text: str, created_at: str) -> SnapshotRow:
    """A new snapshot's row (its chunks are written separately, by ``storage/blobs.py``)."""
    return SnapshotRow(
        **{name: getattr(snapshot, name) for name in _SNAPSHOT_FIELDS},
        method=snapshot.method.value,
        text=text,
        created_at=created_at,
    )


def excerpt_origin_row(claim_id: str, source_id: str, origin: ExcerptOrigin) -> SnapshotExcerptRow:
    return SnapshotExcerptRow(
        claim_id=claim_id,
        source_id=source_id,
        snapshot_id=origin.snapshot_id,
        start=origin.start,
        end=origin.end,
    )


def to_excerpt_origin(row: SnapshotExcerptRow) -> ExcerptOrigin:
    return ExcerptOrigin(row.snapshot_id, row.start, row.end)
