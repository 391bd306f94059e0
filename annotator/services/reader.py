"""The project as the window reads it: one named, read-only interface over the services, so
the window's views never reach into a service or the storage layer to show something."""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.domain.model import (
    Claim,
    Document,
    DocumentInfo,
    ProjectInfo,
    Source,
    Statistics,
)

if TYPE_CHECKING:
    from collections.abc import Iterable
    from pathlib import Path

    from annotator.domain.reanchor import TextChange
    from annotator.domain.snapshot import KeptEvidence
    from annotator.formats.importers import ImportedDocument
    from annotator.formats.report import Report
    from annotator.services.revisions import RevisionInfo, RevisionPreview, RevisionText
    from annotator.services.snapshots import SnapshotContent, Verified
    from annotator.services.workspace import Workspace


class ProjectReader:
    """Queries only: each returns immutable snapshots and changes nothing."""

    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace

    def info(self) -> ProjectInfo:
        return self._workspace.project.info()

    def statistics(self) -> Statistics:
        return self._workspace.project.statistics()

    def checker_name(self) -> str:
        """Who signs new verdicts ('' when nobody is named: the window asks)."""
        return self._workspace.claims.checker_name()

    def rated(self) -> dict[str, bool]:
        """Whether each claim of the project has a verdict (the status bar's counts)."""
        return self._workspace.claims.rated()

    def documents(self) -> list[DocumentInfo]:
        return self._workspace.documents.all()

    def document(self, document_id: str) -> Document:
        return self._workspace.documents.get(document_id)

    def claims(self, document_id: str | None = None) -> list[Claim]:
        return self._workspace.claims.all(document_id)

    def claim(self, claim_id: str) -> Claim:
        return self._workspace.claims.get(claim_id)

    def dismissed(self, document_id: str) -> frozenset[str]:
        """The sentences dismissed as claim suggestions in an article (``dismissal_key``)."""
        return self._workspace.suggestions.dismissed(document_id)

    def sources(self) -> list[Source]:
        return self._workspace.sources.all()

    def source(self, source_id: str) -> Source:
        return self._workspace.sources.get(source_id)

    def evidence(self, source_ids: Iterable[str]) -> dict[str, KeptEvidence]:
        """Each source's snapshots kept, counted, and whether one fails its hash."""
        return self._workspace.snapshots.evidence(source_ids)

    def verified_snapshots(self, source_id: str) -> list[Verified]:
        return self._workspace.snapshots.verify(source_id, cached=True)

    def snapshot_content(self, snapshot_id: str) -> SnapshotContent:
        return self._workspace.snapshots.content(snapshot_id)

    def extract_snapshot(self, snapshot_id: str, target: Path) -> None:
        """Write a snapshot's bytes to a file (never over the project); the project is not
        changed."""
        self._workspace.snapshots.extract(snapshot_id, target)

    def anchor_changes(self, claim_id: str) -> tuple[TextChange, ...]:
        """How the text under a claim changed in the revisions since it was placed."""
        return self._workspace.revisions.changes_for_claim(claim_id)

    def revisions(self, document_id: str) -> list[RevisionInfo]:
        return self._workspace.revisions.revisions(document_id)

    def revision_text(self, document_id: str, number: int) -> RevisionText:
        return self._workspace.revisions.revision_text(document_id, number)

    def preview_revision(self, document_id: str, imported: ImportedDocument) -> RevisionPreview:
        """A dry run of storing ``imported`` as the article's new revision."""
        return self._workspace.revisions.preview(document_id, imported)

    def report(self) -> Report:
        # Reports need pydantic, which loads with the first export, not with the project.
        from annotator.services.reports import build_report

        return build_report(self._workspace)
