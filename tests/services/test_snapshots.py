"""Snapshots of sources: stored in compressed chunks, read back identical, verified, refused
clearly when the file cannot be one, and picked from for excerpts."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from annotator.domain.model import Source, Stance
from annotator.domain.snapshot import CaptureMethod, SnapshotState
from annotator.errors import NotFoundError, ValidationError
from annotator.services import Workspace
from annotator.services.reader import ProjectReader
from annotator.services.snapshot_files import MAX_SNAPSHOT_BYTES, SnapshotError
from annotator.services.snapshots import NewSnapshot
from annotator.storage import blobs

PAGE = b"<!DOCTYPE html><html><head><title>Budget</title></head><body><article><h1>Budget</h1><p>The budget grew by 4 percent in 2025, the ministry said.</p></article></body></html>"


@pytest.fixture
def source(workspace: Workspace) -> Source:
    return workspace.sources.add(Source(id="", url="https://example.org/budget", title="Budget"))


def _chunk_count(project: Path) -> int:
    with sqlite3.connect(project) as connection:
        return int(connection.execute("SELECT count(*) FROM snapshot_chunks").fetchone()[0])


def test_a_file_is_stored_and_extracted_byte_identical(
    workspace: Workspace, source: Source, tmp_path: Path
) -> None:
    data = os.urandom(blobs.CHUNK_BYTES * 2 + 123) + b"x" * blobs.CHUNK_BYTES
    original = tmp_path / "scan.bin"
    original.write_bytes(data)
    snapshot = workspace.snapshots.add_file(NewSnapshot(source.id), original)
    assert snapshot.size == len(data)
    assert snapshot.media_type == "application/octet-stream"
    assert snapshot.url == source.url
    assert snapshot.method is CaptureMethod.FILE
    assert _chunk_count(workspace.path) == 4
    target = tmp_path / "out.bin"
    workspace.snapshots.extract(snapshot.id, target)
    assert target.read_bytes() == data
    assert [v.state for v in workspace.snapshots.verify()] == [SnapshotState.OK]


def test_compressible_chunks_are_compressed(workspace: Workspace, source: Source) -> None:
    snapshot = workspace.snapshots.add_bytes(
        NewSnapshot(source.id, filename="page.html"), PAGE * 10_000
    )
    with sqlite3.connect(workspace.path) as connection:
        stored = connection.execute("SELECT sum(length(data)) FROM snapshot_chunks").fetchone()[0]
    assert stored < snapshot.size / 20
    assert workspace.snapshots.read(snapshot.id) == PAGE * 10_000


def test_media_type_and_text_come_from_the_content(
    workspace: Workspace, source: Source, tmp_path: Path
) -> None:
    saved = tmp_path / "saved.txt"  # an HTML page saved under the wrong extension
    saved.write_bytes(PAGE)
    snapshot = workspace.snapshots.add_file(NewSnapshot(source.id), saved)
    assert snapshot.media_type == "text/html"
    assert "grew by 4 percent" in workspace.snapshots.text(snapshot.id)
    assert "<p>" not in workspace.snapshots.text(snapshot.id)


def test_snapshots_are_listed_per_source_oldest_first(workspace: Workspace, source: Source) -> None:
    other = workspace.sources.add(Source(id="", url="https://example.org/other"))
    later = workspace.snapshots.add_bytes(
        NewSnapshot(source.id, captured_at="2026-02-01T00:00:00Z"), b"two"
    )
    earlier = workspace.snapshots.add_bytes(
        NewSnapshot(source.id, captured_at="2026-01-01T00:00:00Z"), b"one"
    )
    workspace.snapshots.add_bytes(NewSnapshot(other.id), b"three")
    assert [s.id for s in workspace.snapshots.all(source.id)] == [earlier.id, later.id]
    assert len(workspace.snapshots.all()) == 3


def test_a_snapshot_of_an_unknown_source_is_refused(workspace: Workspace) -> None:
    with pytest.raises(NotFoundError, match="no source with id 'nope'"):
        workspace.snapshots.add_bytes(NewSnapshot("nope"), b"data")


def test_bad_archived_url_and_capture_time_are_refused(
    workspace: Workspace, source: Source
) -> None:
    with pytest.raises(ValidationError, match="archived URL 'javascript:x' is not a web address"):
        workspace.snapshots.add_bytes(NewSnapshot(source.id, archived_url="javascript:x"), b"d")
    with pytest.raises(ValidationError, match="capture time 'yesterday' is not a date"):
        workspace.snapshots.add_bytes(NewSnapshot(source.id, captured_at="yesterday"), b"d")
    assert workspace.snapshots.all() == []


def test_files_that_cannot_be_snapshots_are_refused_before_any_write(
    workspace: Workspace, source: Source, tmp_path: Path
) -> None:
    huge = tmp_path / "huge.mp4"
    with huge.open("wb") as handle:  # sparse: 2 GB that take no disk space
        handle.truncate(2 * 1024**3)
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    unreadable = tmp_path / "secret.pdf"
    unreadable.write_bytes(b"%PDF-1.4")
    unreadable.chmod(0)
    cases = [
        (huge, f"huge.mp4 is 2,147 MB, over the {MAX_SNAPSHOT_BYTES / 1e6:,.0f} MB limit"),
        (fifo, "fifo is not a regular file"),
        (tmp_path, "is a folder; give the file to keep as a snapshot"),
        (tmp_path / "missing.pdf", "missing.pdf: no such file"),
    ]
    if os.geteuid() != 0:  # root reads any file
        cases.append((unreadable, r"secret.pdf: cannot be read \(Permission denied\)"))
    for path, message in cases:
        with pytest.raises(SnapshotError, match=message):
            workspace.snapshots.add_file(NewSnapshot(source.id), path)
    assert workspace.snapshots.all() == []
    assert _chunk_count(workspace.path) == 0


def test_a_flipped_byte_fails_verification_of_that_snapshot_only(
    workspace: Workspace, source: Source
) -> None:
    good = workspace.snapshots.add_bytes(NewSnapshot(source.id), os.urandom(5000))
    bad = workspace.snapshots.add_bytes(NewSnapshot(source.id), os.urandom(5000))
    flip_byte(workspace.path, bad.id)
    states = {v.snapshot.id: v.state for v in workspace.snapshots.verify()}
    assert states == {good.id: SnapshotState.OK, bad.id: SnapshotState.MISMATCH}


def flip_byte(project: Path, snapshot_id: str, offset: int = 100) -> None:
    """Change one stored byte of a snapshot's first chunk, behind Annotator's back."""
    with sqlite3.connect(project) as connection:
        (data,) = connection.execute(
            "SELECT data FROM snapshot_chunks WHERE snapshot_id = ? AND seq = 0", (snapshot_id,)
        ).fetchone()
        changed = bytearray(data)
        changed[offset] ^= 0x01
        connection.execute(
            "UPDATE snapshot_chunks SET data = ? WHERE snapshot_id = ? AND seq = 0",
            (bytes(changed), snapshot_id),
        )


def test_an_excerpt_picked_from_a_snapshot_records_where_it_came_from(
    sample_workspace: Workspace,
) -> None:
    workspace = sample_workspace
    document = workspace.documents.all()[0]
    claim = workspace.claims.add(document.id, 0, 10)
    source, _ = workspace.sources.cite(
        claim.id, Source(id="", url="https://example.org/budget"), Stance.SUPPORTS
    )
    snapshot = workspace.snapshots.add_bytes(NewSnapshot(source.id, filename="p.html"), PAGE)
    text = workspace.snapshots.text(snapshot.id)
    start = text.index("grew by")
    updated = workspace.snapshots.pick_excerpt(claim.id, source.id, snapshot.id, start, start + 19)
    assert updated.sources[0].excerpt == "grew by 4 percent i"
    origins = workspace.snapshots.excerpt_origins()
    assert origins[(claim.id, source.id)].snapshot_id == snapshot.id
    assert (origins[(claim.id, source.id)].start, origins[(claim.id, source.id)].end) == (
        start,
        start + 19,
    )
    workspace.sources.update_link(claim.id, source.id, Stance.SUPPORTS, "typed by hand")
    assert workspace.snapshots.excerpt_origins() == {}
    with pytest.raises(ValidationError, match="lies outside the snapshot's text"):
        workspace.snapshots.pick_excerpt(claim.id, source.id, snapshot.id, 0, len(text) + 1)


def test_a_source_with_snapshots_is_not_deleted(workspace: Workspace, source: Source) -> None:
    # Deleting a source is undoable (it undoes "Add source"); its evidence could not come back.
    snapshot = workspace.snapshots.add_bytes(NewSnapshot(source.id), os.urandom(3000))
    with pytest.raises(ValidationError, match="keeps 1 snapshot as evidence, so it stays"):
        workspace.sources.delete(source.id)
    workspace.snapshots.delete(snapshot.id)
    assert _chunk_count(workspace.path) == 0
    workspace.sources.delete(source.id)
    assert workspace.sources.all() == []


def test_listing_snapshots_reads_neither_their_bytes_nor_their_text(
    workspace: Workspace, source: Source
) -> None:
    from sqlalchemy import event

    workspace.snapshots.add_bytes(NewSnapshot(source.id, filename="p.html"), PAGE)
    statements: list[str] = []

    def record(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(workspace.database.engine, "before_cursor_execute", record)
    try:
        workspace.sources.all()
        workspace.snapshots.all()
        workspace.snapshots.get(workspace.snapshots.all()[0].id)
    finally:
        event.remove(workspace.database.engine, "before_cursor_execute", record)
    assert statements
    assert not any("snapshot_chunks" in s for s in statements)
    assert not any("source_snapshots.text" in s for s in statements)


def test_a_snapshot_is_never_extracted_over_the_project(
    workspace: Workspace, source: Source
) -> None:
    from annotator.errors import ReportError

    snapshot = workspace.snapshots.add_bytes(NewSnapshot(source.id), b"evidence")
    for target in (workspace.path, workspace.path.with_name(workspace.path.name + "-wal")):
        with pytest.raises(ReportError, match="writing there would destroy the project"):
            workspace.snapshots.extract(snapshot.id, target)
    assert workspace.snapshots.read(snapshot.id) == b"evidence"


def test_content_reports_a_damaged_snapshot_without_raising(
    workspace: Workspace, source: Source
) -> None:
    snapshot = workspace.snapshots.add_bytes(NewSnapshot(source.id), b"evidence " * 1000)
    assert workspace.snapshots.content(snapshot.id).state is SnapshotState.OK
    flip_byte(workspace.path, snapshot.id, offset=5)
    content = workspace.snapshots.content(snapshot.id)
    assert content.state is SnapshotState.MISMATCH


def test_evidence_counts_snapshots_and_flags_a_changed_one(
    workspace: Workspace, source: Source
) -> None:
    from annotator.domain.snapshot import KeptEvidence

    other = workspace.sources.add(Source(id="", url="https://example.org/other"))
    workspace.snapshots.add_bytes(NewSnapshot(source.id), b"one" * 100)
    bad = workspace.snapshots.add_bytes(NewSnapshot(other.id), b"two" * 100)
    flip_byte(workspace.path, bad.id, offset=7)
    assert workspace.snapshots.evidence([source.id, other.id, "none"]) == {
        source.id: KeptEvidence(1),
        other.id: KeptEvidence(1, damaged=True),
    }


def test_the_window_hashes_each_snapshot_once_per_open_project(
    workspace: Workspace, source: Source, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The snapshots dialog verifies on every open and after every add: a source keeping
    # hundreds of megabytes must not be re-read each time on the UI thread.
    for n in range(3):
        workspace.snapshots.add_bytes(NewSnapshot(source.id), bytes([n]) * 1000)
    hashed: list[str] = []
    real = blobs.hash_chunks

    def counting(session: object, snapshot_id: str) -> object:
        hashed.append(snapshot_id)
        return real(session, snapshot_id)  # type: ignore[arg-type]

    monkeypatch.setattr(blobs, "hash_chunks", counting)
    reader = ProjectReader(workspace)
    reader.evidence([source.id])
    for _ in range(3):
        assert [v.state for v in reader.verified_snapshots(source.id)] == [SnapshotState.OK] * 3
    assert len(hashed) == 3
    # `annotator check` always re-reads.
    workspace.snapshots.verify()
    assert len(hashed) == 6


MHTML = (
    b"From: <Saved by Blink>\r\nSnapshot-Content-Location: https://example.org/budget\r\n"
    b'MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype="text/html";\r\n'
    b'\tboundary="----MultipartBoundary--abc----"\r\n\r\n\r\n'
    b"------MultipartBoundary--abc----\r\nContent-Type: text/html\r\n"
    b"Content-Transfer-Encoding: quoted-printable\r\n"
    b"Content-Location: https://example.org/budget\r\n\r\n"
    b'<!DOCTYPE html><html><head><meta charset=3D"utf-8"><title>Budget</title>'
    b'<script>fetch("https://example.org/x")</script></head><body><article><h1>Budget 2025</h1>'
    b"<p>The budget grew by 4 percent, the minist=\r\nry said. Caf=C3=A9.</p></article></body>"
    b"</html>\r\n------MultipartBoundary--abc----\r\nContent-Type: image/png\r\n"
    b"Content-Transfer-Encoding: base64\r\nContent-Location: https://example.org/a.png\r\n\r\n"
    b"iVBORw0KGgo=\r\n\r\n------MultipartBoundary--abc------\r\n"
)


def test_a_single_file_saved_page_mhtml_is_read_like_a_page(
    workspace: Workspace, source: Source, tmp_path: Path
) -> None:
    saved = tmp_path / "budget.mhtml"
    saved.write_bytes(MHTML)
    snapshot = workspace.snapshots.add_file(NewSnapshot(source.id), saved)
    assert (snapshot.media_type, snapshot.kind) == ("multipart/related", "page")
    text = workspace.snapshots.text(snapshot.id)
    assert "The budget grew by 4 percent, the ministry said. Café." in text
    assert "fetch" not in text
    assert workspace.snapshots.read(snapshot.id) == MHTML  # kept as saved
