"""The open project as the window sees it: a Workspace plus change signals.

Every edit the GUI makes goes through one of these methods, which call a service (one
transaction) and then announce what changed, so each view refreshes only what it shows.
Inside ``transaction()`` (an undo command's several calls) the announcements wait for the
commit and are dropped on a rollback: the window never shows a change the file does not hold.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, SignalInstance

from annotator.domain.model import (
    Claim,
    ClaimEdit,
    ProjectInfo,
    Publisher,
    Rating,
    RemovedLink,
    Source,
    Stance,
    Verdict,
)

if TYPE_CHECKING:
    from annotator.domain.model import DocumentInfo
    from annotator.formats.importers import ImportedDocument
    from annotator.services import Workspace
    from annotator.services.interchange import ImportSummary
    from annotator.services.revisions import RevisionUpdate


class ProjectSession(QObject):
    """Wraps one Workspace; emits a signal after every change."""

    claim_changed = Signal(object)  # Claim: added or edited
    claim_removed = Signal(str, str)  # claim id, document id
    project_changed = Signal(object)  # ProjectInfo
    documents_changed = Signal()
    sources_changed = Signal()
    replayed = Signal(str, str, str)  # claim id, document id ("" if unknown), what was done
    replay_failed = Signal(str)  # why an undo or redo could not be stored

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        # Announcements awaiting a commit, by what they announce: of several project (or
        # sources, or documents) changes in one transaction only the last is sent, so the
        # views refresh once; every claim change is sent.
        self._held: dict[object, Callable[[], None]] | None = None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One unit of work for several calls: stored whole or not at all, and announced only
        once it is committed (a failed commit, a full disk, changes nothing on screen)."""
        if self._held is not None:
            yield
            return
        self._held = {}
        try:
            with self.workspace.database.session():
                yield
        except BaseException:
            self._held = None
            raise
        held, self._held = self._held, None
        for announce in held.values():
            announce()

    def _announce(self, signal: SignalInstance, *args: Any) -> None:
        if self._held is None:
            signal.emit(*args)
            return
        whole_state = signal in (self.project_changed, self.sources_changed, self.documents_changed)
        key = signal if whole_state else (signal, len(self._held))
        self._held.pop(key, None)  # a later announcement of the whole state goes last
        self._held[key] = lambda: signal.emit(*args)

    @property
    def path(self) -> Path:
        return self.workspace.path

    def close(self) -> None:
        self.workspace.close()

    # Documents: each of these changes many claims at once, so the views reload the article
    # (documents_changed) rather than hear of every claim.

    def add_document(self, imported: ImportedDocument, title: str = "") -> DocumentInfo:
        info = self.workspace.documents.add(imported, title=title)
        self._announce(self.documents_changed)
        return info

    def update_document(self, document_id: str, imported: ImportedDocument) -> RevisionUpdate:
        """Store a new revision of the article and re-anchor its claims."""
        update = self.workspace.revisions.update(document_id, imported)
        self._announce(self.documents_changed)
        return update

    def delete_document(self, document_id: str) -> DocumentInfo:
        info = self.workspace.documents.delete(document_id)
        self._announce(self.documents_changed)
        return info

    def import_annotations(self, path: Path) -> ImportSummary:
        """Make claims of the W3C Web Annotations in ``path`` that fit the articles."""
        from annotator.services.interchange import import_annotations

        summary = import_annotations(self.workspace, path)
        self._announce(self.documents_changed)
        return summary

    # Claims

    def add_claim(self, document_id: str, start: int, end: int) -> Claim:
        return self._changed(self.workspace.claims.add(document_id, start, end))

    def delete_claim(self, claim_id: str) -> Claim:
        claim = self.workspace.claims.delete(claim_id)
        self._announce(self.claim_removed, claim.id, claim.document_id)
        return claim

    def move_claim(self, claim_id: str, start: int, end: int) -> Claim:
        return self._changed(self.workspace.claims.move(claim_id, start, end))

    def restore_anchor(self, claim: Claim) -> Claim:
        return self._changed(self.workspace.claims.restore_anchor(claim))

    def restore_claim(self, claim: Claim) -> Claim:
        return self._changed(self.workspace.claims.restore(claim))

    def edit_claim(self, claim_id: str, edit: ClaimEdit, updated_at: str | None = None) -> Claim:
        return self._changed(self.workspace.claims.update(claim_id, edit, updated_at=updated_at))

    def set_verdict(self, claim_id: str, rating: str, rationale: str) -> Claim:
        return self._changed(self.workspace.claims.set_verdict(claim_id, rating, rationale))

    def restore_verdict(
        self, claim_id: str, verdict: Verdict | None, updated_at: str | None = None
    ) -> Claim:
        return self._changed(
            self.workspace.claims.restore_verdict(claim_id, verdict, updated_at=updated_at)
        )

    # Sources

    def add_source(self, source: Source) -> Source:
        created = self.workspace.sources.add(source)
        self._announce(self.sources_changed)
        return created

    def update_source(self, source: Source) -> Source:
        updated = self.workspace.sources.update(source)
        self._announce(self.sources_changed)
        for claim in self.workspace.claims.all():
            if any(link.source.id == source.id for link in claim.sources):
                self._announce(self.claim_changed, claim)
        return updated

    def delete_source(self, source_id: str) -> tuple[Source, list[RemovedLink]]:
        result = self.workspace.sources.delete(source_id)
        self._announce(self.sources_changed)
        for removed in result[1]:
            self._announce(self.claim_changed, self.workspace.claims.get(removed.claim_id))
        return result

    def restore_source(self, source: Source, links: list[RemovedLink]) -> None:
        self.workspace.sources.restore(source, links)
        self._announce(self.sources_changed)
        for removed in links:
            self._announce(self.claim_changed, self.workspace.claims.get(removed.claim_id))

    def cite_source(
        self, claim_id: str, source: Source, stance: Stance, excerpt: str
    ) -> tuple[Source, bool]:
        """Cite ``source`` (the project's one with the same address, if any) on a claim;
        returns the source and whether it is new."""
        cited, created = self.workspace.sources.cite(claim_id, source, stance, excerpt)
        self._announce(self.sources_changed)
        self._changed(self.workspace.claims.get(claim_id))
        return cited, created

    def link_source(
        self,
        claim_id: str,
        source_id: str,
        stance: Stance,
        excerpt: str,
        position: int | None = None,
    ) -> Claim:
        return self._changed(
            self.workspace.sources.link(claim_id, source_id, stance, excerpt, position)
        )

    def update_link(self, claim_id: str, source_id: str, stance: Stance, excerpt: str) -> Claim:
        return self._changed(
            self.workspace.sources.update_link(claim_id, source_id, stance, excerpt)
        )

    def unlink_source(self, claim_id: str, source_id: str) -> RemovedLink:
        claim, removed = self.workspace.sources.unlink(claim_id, source_id)
        self._changed(claim)
        return removed

    # Project

    def project_info(self) -> ProjectInfo:
        return self.workspace.project.info()

    def set_scale(self, scale: tuple[Rating, ...]) -> ProjectInfo:
        return self._project(self.workspace.project.set_scale(scale))

    def set_title(self, title: str) -> ProjectInfo:
        return self._project(self.workspace.project.set_title(title))

    def set_checker(self, checker: str) -> ProjectInfo:
        return self._project(self.workspace.project.set_checker(checker))

    def set_publisher(self, publisher: Publisher) -> ProjectInfo:
        return self._project(self.workspace.project.set_publisher(publisher))

    def _changed(self, claim: Claim) -> Claim:
        self._announce(self.claim_changed, claim)
        return claim

    def _project(self, info: ProjectInfo) -> ProjectInfo:
        self._announce(self.project_changed, info)
        return info
