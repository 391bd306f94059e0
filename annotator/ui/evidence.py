"""Keeping a source's evidence from the window: the snapshots dialog's backend on the project
session (it reads through ``session.read`` and edits through ``session.apply``, so the source
lists hear of every new snapshot), and the undoable step that makes a passage of a snapshot a
cited source's excerpt.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from annotator.domain.changes import claim_edited, sources_edited
from annotator.domain.model import SourceLink
from annotator.domain.snapshot import Snapshot
from annotator.services.capture import Capture, CaptureLimits, store_capture
from annotator.services.snapshot_files import PreparedFile
from annotator.services.snapshots import NewSnapshot, SnapshotContent, Verified
from annotator.settings import load_settings
from annotator.ui.commands import ServiceCommand
from annotator.ui.runner import CommandRunner
from annotator.ui.session import ProjectSession


class PickExcerptCommand(ServiceCommand):
    """Makes ``text[start:end]`` of a snapshot the excerpt of a cited source, recording where
    it came from; undo puts the earlier excerpt back."""

    def __init__(
        self,
        session: ProjectSession,
        claim_id: str,
        old: SourceLink,
        snapshot_id: str,
        span: tuple[int, int],
    ) -> None:
        super().__init__(session, "Pick excerpt")
        self.claim_id, self.old, self.snapshot_id, self.span = claim_id, old, snapshot_id, span

    def _do(self) -> None:
        source_id, (start, end) = self.old.source.id, self.span
        self.session.apply(
            lambda w: claim_edited(
                w.snapshots.pick_excerpt(self.claim_id, source_id, self.snapshot_id, start, end)
            )
        )

    def _undo(self) -> None:
        old = self.old
        self.session.apply(
            lambda w: claim_edited(
                w.sources.update_link(self.claim_id, old.source.id, old.stance, old.excerpt)
            )
        )


class SessionSnapshots:
    """The snapshots dialog's backend (``widgets/source_snapshots.SnapshotBackend``)."""

    def __init__(self, session: ProjectSession, runner: CommandRunner) -> None:
        self._session, self._runner = session, runner

    def verified_snapshots(self, source_id: str) -> list[Verified]:
        return self._session.read.verified_snapshots(source_id)

    def add_snapshot_file(self, source_id: str, path: Path, prepared: PreparedFile) -> Snapshot:
        return self._session.apply(
            lambda w: sources_edited(w.snapshots.add_file(NewSnapshot(source_id), path, prepared))
        )

    def store_capture(self, source_id: str, capture: Capture, archive_url: str = "") -> Snapshot:
        return self._session.apply(
            lambda w: sources_edited(store_capture(w, source_id, capture, archive_url=archive_url))
        )

    def extract_snapshot(self, snapshot_id: str, target: Path) -> None:
        self._session.read.extract_snapshot(snapshot_id, target)

    def snapshot_content(self, snapshot_id: str) -> SnapshotContent:
        return self._session.read.snapshot_content(snapshot_id)

    def pick_excerpt(
        self, claim_id: str, source_id: str, snapshot_id: str, start: int, end: int
    ) -> bool:
        claim = self._session.read.claim(claim_id)
        old = next((link for link in claim.sources if link.source.id == source_id), None)
        if old is None:
            return False  # the source was unlinked meanwhile (an undo in the window)
        command = PickExcerptCommand(self._session, claim_id, old, snapshot_id, (start, end))
        return self._runner.run(command)


def capture_limits() -> CaptureLimits:
    """The size and time limits of a web capture, from the settings file."""
    settings = load_settings()
    return CaptureLimits(
        max_bytes=max(1, settings.capture_max_mb) * 1_000_000,
        timeout=float(max(1, settings.capture_timeout_s)),
    )


def open_snapshots_dialog(
    parent: QWidget,
    session: ProjectSession,
    runner: CommandRunner,
    claim_id: str,
    source_id: str,
) -> None:
    """Show a source's snapshots; an excerpt picked there goes to ``claim_id``."""
    from annotator.ui.dialogs.snapshots_dialog import SourceSnapshotsDialog

    source = session.read.source(source_id)
    backend = SessionSnapshots(session, runner)
    dialog = SourceSnapshotsDialog(
        backend, source, claim_id, session.read.info(), capture_limits(), parent
    )
    dialog.exec()
    dialog.deleteLater()
