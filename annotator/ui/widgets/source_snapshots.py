"""A source's snapshots in the source dialog: the list (capture time, kind, short hash, a ⚠
badge on one whose bytes no longer match its SHA-256), adding a file, capturing the source's
address from the web (off the UI thread, with a progress dialog that can cancel), viewing one
offline and saving one's bytes to a file.

The panel edits nothing itself: it asks its ``SnapshotBackend`` (the window's project session),
which stores through the services and announces the change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.domain.snapshot import Snapshot, SnapshotState, short_hash
from annotator.errors import AnnotatorError
from annotator.services.capture import Capture, CaptureLimits, fetch_capture
from annotator.services.snapshot_files import PreparedFile, prepare_file
from annotator.services.snapshots import SnapshotContent, Verified
from annotator.ui.plain import safe
from annotator.ui.tasks import Cancelled, Progress, TaskCancelled, run_task

BADGE = "⚠"
SNAPSHOT_ROLE = Qt.ItemDataRole.UserRole + 1


class SnapshotBackend(Protocol):
    """What the panel needs from the project: reading, verifying and storing snapshots."""

    def verified_snapshots(self, source_id: str) -> list[Verified]: ...

    def add_snapshot_file(self, source_id: str, path: Path, prepared: PreparedFile) -> Snapshot: ...

    def store_capture(
        self, source_id: str, capture: Capture, archive_url: str = ""
    ) -> Snapshot: ...

    def extract_snapshot(self, snapshot_id: str, target: Path) -> None: ...

    def snapshot_content(self, snapshot_id: str) -> SnapshotContent: ...

    def pick_excerpt(
        self, claim_id: str, source_id: str, snapshot_id: str, start: int, end: int
    ) -> bool:
        """Make the passage the claim's excerpt of the source; False if it was refused (the
        backend has said why)."""
        ...


class SourceSnapshotsPanel(QWidget):
    """The snapshots of one source. ``view_requested(snapshot id)`` asks the window to open
    the viewer (it knows the project and the claim an excerpt would go to)."""

    view_requested = Signal(str)
    changed = Signal()

    def __init__(
        self,
        backend: SnapshotBackend,
        source_id: str,
        url: str,
        limits: CaptureLimits,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._backend, self._source_id, self._url, self._limits = backend, source_id, url, limits
        self.list = QListWidget(self)
        self.list.setAccessibleName("Snapshots")
        self.add_button = QPushButton("Add &file…", self)
        self.capture_button = QPushButton("&Capture from web", self)
        self.capture_button.setToolTip(f"Fetch {url} now and keep it in the project")
        self.archive_button = QPushButton("From a&rchive…", self)
        self.archive_button.setToolTip(
            "Paste a web archive's copy of this source (Wayback Machine, perma.cc): it is "
            "fetched, kept, and its address cited in the reports"
        )
        self.view_button = QPushButton("&View", self)
        self.extract_button = QPushButton("Save &as…", self)
        row = QHBoxLayout()
        buttons = (
            self.add_button,
            self.capture_button,
            self.archive_button,
            self.view_button,
            self.extract_button,
        )
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(row)
        self._connect_signals()
        self.refresh()

    def _connect_signals(self) -> None:
        self.add_button.clicked.connect(self._on_add_clicked)
        self.capture_button.clicked.connect(self._on_capture_clicked)
        self.archive_button.clicked.connect(self._on_archive_clicked)
        self.view_button.clicked.connect(self._on_view_clicked)
        self.extract_button.clicked.connect(self._on_extract_clicked)
        self.list.itemDoubleClicked.connect(lambda _item: self._on_view_clicked())
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())

    @property
    def damaged(self) -> bool:
        """Whether a snapshot of this source no longer matches its SHA-256."""
        return any(
            self.list.item(i).data(SNAPSHOT_ROLE)[1] is SnapshotState.MISMATCH
            for i in range(self.list.count())
        )

    def refresh(self) -> None:
        self.list.clear()
        for verified in self._backend.verified_snapshots(self._source_id):
            item = QListWidgetItem(item_text(verified))
            item.setData(SNAPSHOT_ROLE, (verified.snapshot, verified.state))
            if verified.state is SnapshotState.MISMATCH:
                item.setToolTip("Its bytes no longer match its SHA-256: run `annotator check`.")
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(self.list.count() - 1)
        self._update_buttons()

    def _selected(self) -> Snapshot | None:
        item = self.list.currentItem()
        if item is None:
            return None
        snapshot: Snapshot = item.data(SNAPSHOT_ROLE)[0]
        return snapshot

    def _update_buttons(self) -> None:
        snapshot = self._selected()
        self.view_button.setEnabled(snapshot is not None and snapshot.has_bytes)
        self.extract_button.setEnabled(snapshot is not None and snapshot.has_bytes)

    def _on_add_clicked(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(self, "Keep a file as a snapshot")
        if not name:
            return
        path = Path(name)
        try:
            # Reading a large PDF's text takes a while: off the UI thread. Storing stays here.
            prepared = run_task(self, f"Reading {path.name}…", lambda _p, _c: prepare_file(path))
            self._backend.add_snapshot_file(self._source_id, path, prepared)
        except TaskCancelled:
            return
        except AnnotatorError as exc:
            QMessageBox.warning(self, "Snapshot not added", safe(str(exc)))
            return
        self.refresh()
        self.changed.emit()

    def _on_capture_clicked(self) -> None:
        self._capture(self._url)

    def _on_archive_clicked(self) -> None:
        address, ok = QInputDialog.getText(
            self,
            "Capture from a web archive",
            "Address of an archived copy of this source (Wayback Machine, perma.cc):",
        )
        if ok and address.strip():
            self._capture(address.strip(), archive_url=address.strip())

    def _capture(self, url: str, archive_url: str = "") -> None:
        limits = self._limits

        def work(progress: Progress, cancelled: Cancelled) -> Capture:
            def report(received: int, expected: int | None) -> None:
                # The dialog counts kilobytes: a 2 GB declared length must not overflow an int.
                progress(received // 1024, (expected or 0) // 1024)

            return fetch_capture(url, limits, report, cancelled)

        try:
            capture = run_task(self, f"Capturing {url}…", work)
            self._backend.store_capture(self._source_id, capture, archive_url)
        except TaskCancelled:
            return  # nothing was stored
        except AnnotatorError as exc:
            QMessageBox.warning(self, "Capture failed", safe(str(exc)))
            return
        self.refresh()
        self.changed.emit()

    def _on_view_clicked(self) -> None:
        snapshot = self._selected()
        if snapshot is not None and snapshot.has_bytes:
            self.view_requested.emit(snapshot.id)

    def _on_extract_clicked(self) -> None:
        snapshot = self._selected()
        if snapshot is None:
            return
        name, _filter = QFileDialog.getSaveFileName(
            self, "Save the snapshot's bytes", snapshot.filename or snapshot.id
        )
        if not name:
            return
        try:
            self._backend.extract_snapshot(snapshot.id, Path(name))
        except AnnotatorError as exc:
            QMessageBox.warning(self, "Snapshot not saved", safe(str(exc)))


def item_text(verified: Verified) -> str:
    snapshot = verified.snapshot
    when = snapshot.captured_at.replace("T", " ").removesuffix("Z")
    badge = f"{BADGE} " if verified.state is SnapshotState.MISMATCH else ""
    missing = " (details only)" if verified.state is SnapshotState.ABSENT else ""
    return (
        f"{badge}{when} · {snapshot.kind} · {snapshot.size:,} bytes · "
        f"sha256 {short_hash(snapshot.sha256)}{missing}"
    )
