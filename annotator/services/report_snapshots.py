"""Source snapshots in the native report: written with their bytes (base64) or without them
(hash, size and metadata only), and stored back on import exactly as they were.

A report holding every snapshot's bytes can grow past what a report may be when it is read
back (``MAX_REPORT_BYTES``); such an export is refused up front with what to do instead.
"""

from __future__ import annotations

import base64

from sqlalchemy.orm import Session

from annotator.domain.snapshot import CaptureMethod, ExcerptOrigin, Snapshot
from annotator.errors import ReportError
from annotator.formats import report as r
from annotator.services.common import utc_now
from annotator.services.workspace import Workspace
from annotator.storage import blobs
from annotator.storage.snapshot_rows import excerpt_origin_row, snapshot_row


def report_sources(
    workspace: Workspace, *, include_bytes: bool, max_report_bytes: int
) -> list[r.ReportSource]:
    """Every source of the project with its snapshots (their bytes only if ``include_bytes``)."""
    by_source: dict[str, list[r.ReportSnapshot]] = {}
    snapshots = workspace.snapshots.all()
    if include_bytes:
        total = sum(s.size for s in snapshots if s.has_bytes)
        if total * 4 // 3 > max_report_bytes:
            raise ReportError(
                f"The snapshots hold {total / 1e6:,.0f} MB, too much for one report file (a "
                f"report can be up to {max_report_bytes // 10**6} MB); export with "
                "--no-snapshots, or as a folder with --bundle DIR."
            )
    for snapshot in snapshots:
        content = None
        if include_bytes and snapshot.has_bytes:
            data = b"".join(workspace.snapshots.verified_bytes(snapshot.id))
            content = base64.b64encode(data).decode("ascii")
        by_source.setdefault(snapshot.source_id, []).append(
            r.ReportSnapshot(
                id=snapshot.id,
                media_type=snapshot.media_type,
                method=snapshot.method.value,
                captured_at=snapshot.captured_at,
                url=snapshot.url,
                archived_url=snapshot.archived_url,
                filename=snapshot.filename,
                sha256=snapshot.sha256,
                size=snapshot.size,
                text=workspace.snapshots.text(snapshot.id),
                content=content,
            )
        )
    return [
        r.ReportSource(
            id=s.id,
            url=s.url,
            title=s.title,
            publisher=s.publisher,
            author=s.author,
            published=s.published,
            accessed=s.accessed,
            type=s.type,
            snapshots=by_source.get(s.id, []),
        )
        for s in workspace.sources.all()
    ]


def report_excerpt_origins(workspace: Workspace) -> dict[tuple[str, str], r.ReportExcerptOrigin]:
    return {
        key: r.ReportExcerptOrigin(snapshot=o.snapshot_id, start=o.start, end=o.end)
        for key, o in workspace.snapshots.excerpt_origins().items()
    }


def fill_snapshots(session: Session, report: r.Report) -> None:
    """Store every snapshot of the report's sources (call after the sources are stored)."""
    for source in report.sources:
        for snapshot in source.snapshots:
            value = Snapshot(
                id=snapshot.id,
                source_id=source.id,
                media_type=snapshot.media_type,
                method=CaptureMethod(snapshot.method),
                sha256=snapshot.sha256,
                size=snapshot.size,
                captured_at=snapshot.captured_at,
                url=snapshot.url,
                archived_url=snapshot.archived_url,
                filename=snapshot.filename,
                has_bytes=snapshot.content is not None,
            )
            session.add(snapshot_row(value, snapshot.text, utc_now()))
            session.flush()
            if snapshot.content is not None:
                data = base64.b64decode(snapshot.content, validate=True)
                blobs.write_chunks(session, snapshot.id, [data])


def fill_excerpt_origins(session: Session, report: r.Report) -> None:
    """Store where each excerpt was picked (call after the claims' source links are stored)."""
    for document in report.documents:
        for claim in document.claims:
            for link in claim.sources:
                if link.excerpt_from is not None:
                    origin = link.excerpt_from
                    session.add(
                        excerpt_origin_row(
                            claim.id,
                            link.id,
                            ExcerptOrigin(origin.snapshot, origin.start, origin.end),
                        )
                    )
