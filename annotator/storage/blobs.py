"""Large byte strings (snapshots) stored in chunks, compressed where it helps.

A snapshot can be hundreds of megabytes; one BLOB that size would be read whole into memory by
every query that touches it. Instead the bytes go in rows of ``CHUNK_BYTES`` each, compressed
with zlib one chunk at a time, so writing and reading stream, and nothing is read until a
snapshot is opened. Chunks that do not shrink (a PDF's or a JPEG's already compressed
streams) are stored as they are, after a cheap trial on their first part: compressing them
costs time and saves nothing.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import Boolean, Column, Integer, LargeBinary, MetaData, String, Table, select
from sqlalchemy.orm import Session

CHUNK_BYTES = 1024 * 1024
"""The size of a chunk before compression: small enough to stream, large enough that the
per-row cost is negligible."""

_TRIAL_BYTES = 64 * 1024
_WORTH_IT = 0.9
"""A chunk is compressed when a trial on its first part shrinks it below this ratio."""

_metadata = MetaData()
chunks_table = Table(
    "snapshot_chunks",
    _metadata,
    Column("snapshot_id", String(36), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("compressed", Boolean, nullable=False),
    Column("data", LargeBinary, nullable=False),
)


@dataclass(frozen=True, slots=True)
class Written:
    """What ``write_chunks`` stored: the SHA-256 and size of the original bytes."""

    sha256: str
    size: int


def write_chunks(session: Session, snapshot_id: str, pieces: Iterable[bytes]) -> Written:
    """Store ``pieces`` (any sizes) as the chunks of ``snapshot_id``; returns their hash."""
    digest = hashlib.sha256()
    size = 0
    for seq, chunk in enumerate(_rechunk(pieces)):
        digest.update(chunk)
        size += len(chunk)
        compressed = _compress(chunk)
        session.execute(
            chunks_table.insert().values(
                snapshot_id=snapshot_id,
                seq=seq,
                compressed=compressed is not None,
                data=compressed if compressed is not None else chunk,
            )
        )
    return Written(digest.hexdigest(), size)


def chunk_numbers(session: Session, snapshot_id: str) -> list[int]:
    """The sequence numbers of a snapshot's chunks, in order."""
    return list(
        session.scalars(
            select(chunks_table.c.seq)
            .where(chunks_table.c.snapshot_id == snapshot_id)
            .order_by(chunks_table.c.seq)
        )
    )


def read_chunk(session: Session, snapshot_id: str, seq: int) -> bytes:
    """One chunk's original bytes (zlib.error when a compressed chunk is damaged)."""
    row = session.execute(
        select(chunks_table.c.compressed, chunks_table.c.data).where(
            chunks_table.c.snapshot_id == snapshot_id, chunks_table.c.seq == seq
        )
    ).one()
    return zlib.decompress(row.data) if row.compressed else bytes(row.data)


def read_chunks(session: Session, snapshot_id: str) -> Iterator[bytes]:
    """The original bytes of ``snapshot_id``, a chunk at a time, in order."""
    for seq in chunk_numbers(session, snapshot_id):
        yield read_chunk(session, snapshot_id, seq)


def hash_chunks(session: Session, snapshot_id: str) -> Written | None:
    """The SHA-256 and size of the stored bytes; None when a chunk cannot be decompressed."""
    digest = hashlib.sha256()
    size = 0
    try:
        for chunk in read_chunks(session, snapshot_id):
            digest.update(chunk)
            size += len(chunk)
    except zlib.error:
        return None
    return Written(digest.hexdigest(), size)


def _rechunk(pieces: Iterable[bytes]) -> Iterator[bytes]:
    buffer = bytearray()
    for piece in pieces:
        buffer += piece
        while len(buffer) >= CHUNK_BYTES:
            yield bytes(buffer[:CHUNK_BYTES])
            del buffer[:CHUNK_BYTES]
    if buffer:
        yield bytes(buffer)


def _compress(chunk: bytes) -> bytes | None:
    """The compressed chunk, or None when compression does not pay."""
    trial = chunk[:_TRIAL_BYTES]
    if len(zlib.compress(trial, 1)) > len(trial) * _WORTH_IT:
        return None
    compressed = zlib.compress(chunk, 6)
    return compressed if len(compressed) < len(chunk) else None
