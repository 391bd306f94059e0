"""The snapshots of one source, from the claim editor's Snapshots…: the list with its actions
(``widgets/source_snapshots.py``) and the offline viewer. An excerpt picked in the viewer goes
to the claim the dialog was opened from, with the snapshot and offsets it came from."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QVBoxLayout, QWidget

from annotator.domain.model import ProjectInfo, Source
from annotator.errors import AnnotatorError
from annotator.formats.snapshot_text import SnapshotView, snapshot_view
from annotator.services.capture import CaptureLimits
from annotator.ui.dialogs.snapshot_viewer import SnapshotViewerDialog
from annotator.ui.plain import safe
from annotator.ui.tasks import Cancelled, Progress, TaskCancelled, run_task
from annotator.ui.widgets.source_snapshots import SnapshotBackend, SourceSnapshotsPanel


class SourceSnapshotsDialog(QDialog):
    """A source's snapshots; ``claim_id`` is the claim an excerpt picked from one goes to
    ("" to offer no picking)."""

    def __init__(
        self,
        backend: SnapshotBackend,
        source: Source,
        claim_id: str,
        project: ProjectInfo,
        limits: CaptureLimits,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Snapshots of {source.title or source.url}")
        self.resize(640, 360)
        self._backend, self._source, self._claim_id, self._project = (
            backend,
            source,
            claim_id,
            project,
        )
        self.viewer: SnapshotViewerDialog | None = None
        heading = QLabel(safe(f"{source.title}\n{source.url}".strip()), self)
        heading.setWordWrap(True)
        self.panel = SourceSnapshotsPanel(backend, source.id, source.url, limits, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.panel, 1)
        layout.addWidget(buttons)
        self.panel.view_requested.connect(self._on_panel_view_requested)

    def _on_panel_view_requested(self, snapshot_id: str) -> None:
        content = self._backend.snapshot_content(snapshot_id)
        snapshot, data, text = content.snapshot, content.data, content.text

        def work(_progress: Progress, _cancelled: Cancelled) -> SnapshotView:
            # Reading a page or a PDF into the reading view's blocks: pure work, off the UI thread.
            return snapshot_view(data, snapshot.media_type, snapshot.filename, text)

        try:
            view = run_task(self, "Opening the snapshot…", work)
        except TaskCancelled:
            return
        self.viewer = SnapshotViewerDialog(
            self._source,
            snapshot,
            view,
            content.state,
            self._project,
            can_pick=bool(self._claim_id),
            parent=self,
        )
        self.viewer.excerpt_picked.connect(self._on_viewer_excerpt_picked)
        self.viewer.exec()

    def _on_viewer_excerpt_picked(self, snapshot_id: str, start: int, end: int) -> None:
        try:
            kept = self._backend.pick_excerpt(
                self._claim_id, self._source.id, snapshot_id, start, end
            )
        except AnnotatorError as exc:
            QMessageBox.warning(self, "Excerpt not kept", safe(str(exc)))
            return
        if kept and self.viewer is not None:
            self.viewer.accept()
