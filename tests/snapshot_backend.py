"""The snapshot panel's backend straight on a workspace, for widget tests and the screenshot
tool (the window's own backend goes through its project session)."""

from __future__ import annotations

from pathlib import Path

from annotator.domain.snapshot import Snapshot
from annotator.services import Workspace
from annotator.services.capture import Capture, store_capture
from annotator.services.snapshot_files import PreparedFile
from annotator.services.snapshots import NewSnapshot, SnapshotContent, Verified


class WorkspaceBackend:
    """The panel's backend straight on a workspace (the window uses its project session)."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def verified_snapshots(self, source_id: str) -> list[Verified]:
        return self.workspace.snapshots.verify(source_id)

    def add_snapshot_file(self, source_id: str, path: Path, prepared: PreparedFile) -> Snapshot:
        return self.workspace.snapshots.add_file(NewSnapshot(source_id), path, prepared)

    def store_capture(self, source_id: str, capture: Capture, archive_url: str = "") -> Snapshot:
        return store_capture(self.workspace, source_id, capture, archive_url=archive_url)

    def extract_snapshot(self, snapshot_id: str, target: Path) -> None:
        self.workspace.snapshots.extract(snapshot_id, target)

    def snapshot_content(self, snapshot_id: str) -> SnapshotContent:
        return self.workspace.snapshots.content(snapshot_id)

    def pick_excerpt(
        self, claim_id: str, source_id: str, snapshot_id: str, start: int, end: int
    ) -> bool:
        self.workspace.snapshots.pick_excerpt(claim_id, source_id, snapshot_id, start, end)
        return True
