"""The integrity check behind ``annotator check``: the SQLite file, the claims' anchors and
every source snapshot's SHA-256."""

from __future__ import annotations

from pathlib import Path

from annotator.domain.snapshot import SnapshotState
from annotator.services.workspace import Workspace
from annotator.storage.database import damage_advice
from annotator.storage.integrity import project_problems

__all__ = ["check_project", "damage_advice", "project_problems"]


def check_project(path: Path) -> list[str]:
    """Every problem found in the project at ``path`` (empty when it is sound). Opens the
    project read-only, so it works while the project is open in the app."""
    with Workspace.open(path, read_only=True) as workspace:
        problems = project_problems(workspace.database)
        if problems:
            return problems
        problems.extend(
            f"snapshot {v.snapshot.id} of source {v.snapshot.source_id} ({v.source_title!r}): "
            "its bytes no longer match its SHA-256"
            for v in workspace.snapshots.verify()
            if v.state is SnapshotState.MISMATCH
        )
        return problems
