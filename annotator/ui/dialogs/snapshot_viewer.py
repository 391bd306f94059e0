"""Reading a snapshot offline: a page, a web capture or a PDF through the same sanitised
reading view as articles (no script, no style sheet, no image, no request of any kind), an
image as a picture, with the capture time, the method, the size and the SHA-256 above it, and a
warning when the bytes no longer match their hash. Selected text can become the source's
excerpt: the dialog reports the snapshot and the code-point offsets it was picked at.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QImageReader, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from annotator.domain.model import Document, DocumentInfo, ProjectInfo, Source
from annotator.domain.snapshot import Snapshot, SnapshotState
from annotator.formats.snapshot_text import SnapshotView
from annotator.ui.plain import safe
from annotator.ui.widgets.article_view import ArticleView

MAX_IMAGE_PIXELS_MB = 256
"""Qt's allocation limit for decoding a snapshot image: a hostile PNG claiming 100,000 ×
100,000 pixels is refused instead of exhausting memory."""

METHOD_TEXT = {
    "file": "added from a file",
    "web": "captured from the web",
    "archive": "fetched from a web archive",
}


class SnapshotViewerDialog(QDialog):
    """One snapshot, read-only. ``excerpt_picked(snapshot id, start, end)`` when the checker
    uses the selected text as the source's excerpt (only offered when ``can_pick``)."""

    excerpt_picked = Signal(str, int, int)

    def __init__(
        self,
        source: Source,
        snapshot: Snapshot,
        view: SnapshotView,
        state: SnapshotState,
        project: ProjectInfo,
        *,
        can_pick: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Snapshot of {source.title or source.url}")
        self.resize(860, 680)
        self._snapshot = snapshot
        self.details = QLabel(safe(details_text(snapshot)), self)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b91c1c; font-weight: bold;")
        self.warning.setVisible(state is not SnapshotState.OK)
        if state is SnapshotState.MISMATCH:
            self.warning.setText(
                "These bytes no longer match the snapshot's SHA-256: the project was changed "
                "outside Annotator or is damaged. Run `annotator check`."
            )
        elif state is SnapshotState.ABSENT:
            self.warning.setText("This project holds only the snapshot's details, not its bytes.")
        self.article = ArticleView(self)
        self.article.offers_claims = False
        self.picture = QLabel(self)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        scroller = QScrollArea(self)
        scroller.setWidget(self.picture)
        scroller.setWidgetResizable(True)
        self.pick_button = QPushButton("Use selection as excerpt", self)
        self.pick_button.setEnabled(False)
        self.pick_button.setVisible(can_pick and bool(view.text))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.pick_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.details)
        layout.addWidget(self.warning)
        layout.addWidget(self.article, 1)
        layout.addWidget(scroller, 1)
        layout.addWidget(buttons)
        self._show(view, project, scroller)
        self.article.selectionChanged.connect(self._on_article_selection_changed)
        self.pick_button.clicked.connect(self._on_pick_clicked)

    def _show(self, view: SnapshotView, project: ProjectInfo, scroller: QScrollArea) -> None:
        if view.image is not None:
            self.article.hide()
            pixmap = _pixmap(view.image)
            if pixmap is None:
                self.picture.setText("This image cannot be shown (damaged or too large).")
            else:
                self.picture.setPixmap(pixmap)
            return
        scroller.hide()
        if not view.blocks:
            self.article.setPlaceholderText(
                "This snapshot has no text to show; use Extract… to open the file elsewhere."
            )
            return
        info = DocumentInfo(id=self._snapshot.id, title="", format="html")
        self.article.show_document(Document(info, view.text, view.blocks, ""), [], project)

    def _on_article_selection_changed(self) -> None:
        self.pick_button.setEnabled(self.article.selection_offsets() is not None)

    def _on_pick_clicked(self) -> None:
        span = self.article.selection_offsets()
        if span is not None:
            self.excerpt_picked.emit(self._snapshot.id, span[0], span[1])


def details_text(snapshot: Snapshot) -> str:
    when = snapshot.captured_at.replace("T", " ").removesuffix("Z")
    method = METHOD_TEXT.get(snapshot.method.value, snapshot.method.value)
    lines = [
        f"Captured {when} UTC, {method}: {snapshot.kind} ({snapshot.media_type}, "
        f"{snapshot.size:,} bytes)",
        f"From {snapshot.url}" if snapshot.url else "",
        f"Archived at {snapshot.archived_url}" if snapshot.archived_url else "",
        f"SHA-256 {snapshot.sha256}",
    ]
    return "\n".join(line for line in lines if line)


def _pixmap(data: bytes) -> QPixmap | None:
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAllocationLimit(MAX_IMAGE_PIXELS_MB)
    image = reader.read()
    if image.isNull():
        return None
    return QPixmap.fromImage(image)
