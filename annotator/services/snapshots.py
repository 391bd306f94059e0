"""Snapshots of sources: adding them (from a file or as fetched bytes), listing, reading,
extracting and verifying them, and picking a source excerpt from one.

Every add is one transaction: the metadata row and all its chunks are stored together or not
at all, so a capture or an import interrupted at any point (even by kill -9) leaves the project
as it was. A file is checked (exists, regular, readable, within the size limit) before anything
is written.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from annotator.domain.checks import check_date, check_optional_url
from annotator.domain.model import Claim
from annotator.domain.snapshot import (
    CaptureMethod,
    ExcerptOrigin,
    KeptEvidence,
    Snapshot,
    SnapshotState,
)
from annotator.errors import NotFoundError, ValidationError
from annotator.formats.media import HEAD_BYTES, detect_media_type
from annotator.formats.snapshot_text import snapshot_text
from annotator.services.common import get_row, new_id, utc_now
from annotator.services.snapshot_files import (
    MAX_SNAPSHOT_BYTES,
    PreparedFile,
    SnapshotError,
    file_pieces,
    open_snapshot_file,
    prepare_opened,
    too_large,
    write_stream,
)
from annotator.storage import blobs
from annotator.storage.database import Database
from annotator.storage.rows import ClaimRow, ClaimSourceRow, SourceRow, to_claim
from annotator.storage.snapshot_rows import (
    SnapshotExcerptRow,
    SnapshotRow,
    excerpt_origin_row,
    snapshot_row,
    to_excerpt_origin,
    to_snapshot,
)


@dataclass(frozen=True, slots=True)
class NewSnapshot:
    """What a caller knows about a snapshot before it is stored."""

    source_id: str
    method: CaptureMethod = CaptureMethod.FILE
    url: str = ""
    archived_url: str = ""
    captured_at: str = ""
    filename: str = ""
    media_type: str = ""


@dataclass(frozen=True, slots=True)
class SnapshotContent:
    """A snapshot, its bytes and text, and what checking the bytes found."""

    snapshot: Snapshot
    data: bytes
    text: str
    state: SnapshotState


@dataclass(frozen=True, slots=True)
class Verified:
    """A snapshot and what checking its bytes against its SHA-256 found."""

    snapshot: Snapshot
    source_title: str
    state: SnapshotState


class SnapshotService:
    def __init__(self, database: Database) -> None:
        self._db = database
        # What verifying each snapshot found, for the source lists' badges: a snapshot's bytes
        # never change through Annotator, so each is hashed once per open project.
        self._states: dict[str, SnapshotState] = {}

    def add_file(
        self, new: NewSnapshot, path: Path, prepared: PreparedFile | None = None
    ) -> Snapshot:
        """Store the file at ``path`` as a snapshot; refused before any write when it is not a
        regular, readable file within ``MAX_SNAPSHOT_BYTES``. ``prepared`` (from
        ``prepare_file``, which the window runs off the UI thread) saves reading its text here."""
        handle = open_snapshot_file(path)
        with handle:
            head = handle.read(HEAD_BYTES)
            name = new.filename or path.name
            if prepared is None:
                prepared = prepare_opened(head, handle, new.media_type, name)
                handle.seek(len(head))
            return self._store(
                replace(new, filename=name, media_type=prepared.media_type),
                file_pieces(head, handle),
                prepared.text,
            )

    def add_bytes(self, new: NewSnapshot, data: bytes, text: str | None = None) -> Snapshot:
        """Store ``data`` as a snapshot; its text is extracted unless given."""
        if len(data) > MAX_SNAPSHOT_BYTES:
            raise SnapshotError(too_large(new.filename or "The snapshot", len(data)))
        media_type = new.media_type or detect_media_type(data[:HEAD_BYTES], new.filename)
        if text is None:
            text = snapshot_text(data, media_type, new.filename or "snapshot")
        return self._store(replace(new, media_type=media_type), [data], text)

    def _store(self, new: NewSnapshot, pieces: Iterable[bytes], text: str) -> Snapshot:
        archived = check_optional_url(new.archived_url, "archived URL")
        captured_at = check_date(new.captured_at, "capture time") or utc_now()
        with self._db.session() as session:
            source = get_row(session, SourceRow, new.source_id, "source")
            # The hash and size are known once the chunks are written, below.
            pending = Snapshot(
                id=new_id(),
                source_id=source.id,
                media_type=new.media_type,
                method=new.method,
                sha256="",
                size=0,
                captured_at=captured_at,
                url=check_optional_url(new.url, "snapshot URL") or source.url,
                archived_url=archived,
                filename=new.filename,
            )
            row = snapshot_row(pending, text, utc_now())
            session.add(row)
            session.flush()
            written = blobs.write_chunks(session, row.id, pieces)
            if written.size > MAX_SNAPSHOT_BYTES:  # the file grew after it was checked
                raise SnapshotError(too_large(new.filename, written.size))
            row.sha256, row.size = written.sha256, written.size
            return to_snapshot(row)

    def all(self, source_id: str | None = None) -> list[Snapshot]:
        """The project's snapshots (or one source's), oldest capture first."""
        with self._db.session() as session:
            query = select(SnapshotRow).order_by(
                SnapshotRow.source_id, SnapshotRow.captured_at, SnapshotRow.id
            )
            if source_id is not None:
                get_row(session, SourceRow, source_id, "source")
                query = query.where(SnapshotRow.source_id == source_id)
            return [to_snapshot(row) for row in session.scalars(query)]

    def get(self, snapshot_id: str) -> Snapshot:
        with self._db.session() as session:
            return to_snapshot(get_row(session, SnapshotRow, snapshot_id, "snapshot"))

    def text(self, snapshot_id: str) -> str:
        with self._db.session() as session:
            return get_row(session, SnapshotRow, snapshot_id, "snapshot").text

    def content(self, snapshot_id: str) -> SnapshotContent:
        """A snapshot with its bytes, its text and whether the bytes match its SHA-256 (read
        once; a chunk that cannot be decompressed counts as a mismatch, with no bytes)."""
        snapshot = self.get(snapshot_id)
        text = self.text(snapshot_id)
        if not snapshot.has_bytes:
            return SnapshotContent(snapshot, b"", text, SnapshotState.ABSENT)
        try:
            data = self.read(snapshot_id)
        except SnapshotError:
            return SnapshotContent(snapshot, b"", text, SnapshotState.MISMATCH)
        matches = hashlib.sha256(data).hexdigest() == snapshot.sha256
        state = SnapshotState.OK if matches else SnapshotState.MISMATCH
        return SnapshotContent(snapshot, data, text, state)

    def read(self, snapshot_id: str) -> bytes:
        """The whole stored bytes (for viewing; use ``extract`` for large files)."""
        return b"".join(self.iter_bytes(snapshot_id))

    def iter_bytes(self, snapshot_id: str) -> Iterator[bytes]:
        """The stored bytes, a chunk at a time. Each chunk is read in its own short
        transaction (chunks never change once written), so no transaction stays open
        between the chunks a caller consumes."""
        with self._db.session() as session:
            row = get_row(session, SnapshotRow, snapshot_id, "snapshot")
            if not row.has_bytes:
                raise NotFoundError(
                    f"Snapshot {snapshot_id} has no bytes in this project: it came from a "
                    "report exported without snapshots; import the full report to get them."
                )
            numbers = blobs.chunk_numbers(session, snapshot_id)
        for seq in numbers:
            with self._db.session() as session:
                chunk = _read_chunk(session, snapshot_id, seq)
            yield chunk

    def verified_bytes(self, snapshot_id: str) -> Iterator[bytes]:
        """The stored bytes a chunk at a time, like ``iter_bytes``, checked against the
        snapshot's SHA-256 as they go: after the last chunk, a SnapshotError when they no
        longer match (whoever writes them out then discards what it wrote)."""
        snapshot = self.get(snapshot_id)
        digest, size = hashlib.sha256(), 0
        for chunk in self.iter_bytes(snapshot_id):
            digest.update(chunk)
            size += len(chunk)
            yield chunk
        if size != snapshot.size or digest.hexdigest() != snapshot.sha256:
            raise SnapshotError(
                f"Snapshot {snapshot_id} of source {snapshot.source_id} is damaged: its bytes "
                "no longer match the SHA-256 recorded when it was kept. Run `annotator check` "
                "and restore the project from a backup copy."
            )

    def extract(self, snapshot_id: str, target: Path) -> Snapshot:
        """Write the stored bytes to ``target`` (atomically), identical to what went in."""
        # exports.py builds reports, which need the Workspace this service is part of.
        from annotator.services.exports import check_export_target

        snapshot = self.get(snapshot_id)
        check_export_target(self._db.path, target)  # never over the project or its sidecars
        write_stream(target, self.verified_bytes(snapshot_id))
        return snapshot

    def verify(self, source_id: str | None = None, *, cached: bool = False) -> list[Verified]:
        """Every snapshot (or one source's) checked against its SHA-256; ``cached`` (the
        window) reuses what this open project already found, as ``evidence`` does."""
        with self._db.session() as session:
            query = select(SnapshotRow, SourceRow.title, SourceRow.url).join(SourceRow)
            if source_id is not None:
                query = query.where(SnapshotRow.source_id == source_id)
            rows = session.execute(
                query.order_by(SnapshotRow.source_id, SnapshotRow.captured_at, SnapshotRow.id)
            ).all()
            return [
                Verified(to_snapshot(row), title or url, self._verified(session, row, cached))
                for row, title, url in rows
            ]

    def _verified(self, session: Session, row: SnapshotRow, cached: bool) -> SnapshotState:
        state = self._states.get(row.id) if cached else None
        if state is None:
            state = self._states[row.id] = _state(session, row)
        return state

    def evidence(self, source_ids: Iterable[str]) -> dict[str, KeptEvidence]:
        """How many snapshots each of these sources keeps and whether one fails its hash
        (verified once per snapshot while the project is open; ``verify`` always re-reads)."""
        wanted = set(source_ids)
        result: dict[str, KeptEvidence] = {}
        with self._db.session() as session:
            rows = session.scalars(select(SnapshotRow).where(SnapshotRow.source_id.in_(wanted)))
            for row in rows:
                state = self._verified(session, row, cached=True)
                kept = result.get(row.source_id, KeptEvidence(0))
                result[row.source_id] = KeptEvidence(
                    kept.count + 1, kept.damaged or state is SnapshotState.MISMATCH
                )
        return result

    def delete(self, snapshot_id: str) -> Snapshot:
        with self._db.session() as session:
            row = get_row(session, SnapshotRow, snapshot_id, "snapshot")
            snapshot = to_snapshot(row)
            session.execute(
                delete(blobs.chunks_table).where(blobs.chunks_table.c.snapshot_id == row.id)
            )
            session.delete(row)
            return snapshot

    def pick_excerpt(
        self, claim_id: str, source_id: str, snapshot_id: str, start: int, end: int
    ) -> Claim:
        """Set a cited source's excerpt to ``text[start:end]`` of one of its snapshots, and
        record where it came from, so the excerpt can be checked against the evidence."""
        with self._db.session() as session:
            link = session.get(ClaimSourceRow, (claim_id, source_id))
            if link is None:
                raise ValidationError("That source is not attached to the claim.")
            snapshot = get_row(session, SnapshotRow, snapshot_id, "snapshot")
            if snapshot.source_id != source_id:
                raise ValidationError("That snapshot belongs to another source.")
            text = snapshot.text
            if not 0 <= start < end <= len(text):
                raise ValidationError(
                    f"The excerpt {start}-{end} lies outside the snapshot's text "
                    f"({len(text):,} characters)."
                )
            if end - start > 20_000:
                raise ValidationError("The excerpt is over 20,000 characters; pick less.")
            link.excerpt = text[start:end]
            old = session.get(SnapshotExcerptRow, (claim_id, source_id))
            if old is not None:
                session.delete(old)
                session.flush()
            origin = ExcerptOrigin(snapshot_id, start, end)
            session.add(excerpt_origin_row(claim_id, source_id, origin))
            session.flush()
            claim = get_row(session, ClaimRow, claim_id, "claim")
            session.refresh(claim)
            return to_claim(claim)

    def excerpt_origins(self) -> dict[tuple[str, str], ExcerptOrigin]:
        """Where each excerpt picked from a snapshot came from, by (claim id, source id); an
        excerpt edited by hand since then no longer counts as picked."""
        with self._db.session() as session:
            rows = session.execute(
                select(SnapshotExcerptRow, ClaimSourceRow.excerpt, SnapshotRow.text)
                .join(
                    ClaimSourceRow,
                    (ClaimSourceRow.claim_id == SnapshotExcerptRow.claim_id)
                    & (ClaimSourceRow.source_id == SnapshotExcerptRow.source_id),
                )
                .join(SnapshotRow, SnapshotRow.id == SnapshotExcerptRow.snapshot_id)
            ).all()
            return {
                (row.claim_id, row.source_id): to_excerpt_origin(row)
                for row, excerpt, text in rows
                if text[row.start : row.end] == excerpt
            }

    def restore_excerpt_origins(self, claim_id: str, origins: dict[str, ExcerptOrigin]) -> None:
        """Record again where a claim's excerpts were picked (by source id), as they were
        before the claim was deleted (undo); a link or snapshot gone since is skipped."""
        with self._db.session() as session:
            for source_id, origin in origins.items():
                link = session.get(ClaimSourceRow, (claim_id, source_id))
                snapshot = session.get(SnapshotRow, origin.snapshot_id)
                if link is not None and snapshot is not None:
                    session.merge(excerpt_origin_row(claim_id, source_id, origin))


def _read_chunk(session: Session, snapshot_id: str, seq: int) -> bytes:
    try:
        return blobs.read_chunk(session, snapshot_id, seq)
    except zlib.error:
        raise SnapshotError(
            f"Snapshot {snapshot_id} is damaged (a stored chunk cannot be decompressed); "
            "run `annotator check` and restore the project from a backup copy."
        ) from None


def _state(session: Session, row: SnapshotRow) -> SnapshotState:
    if not row.has_bytes:
        return SnapshotState.ABSENT
    found = blobs.hash_chunks(session, row.id)
    if found is None or found.sha256 != row.sha256 or found.size != row.size:
        return SnapshotState.MISMATCH
    return SnapshotState.OK
