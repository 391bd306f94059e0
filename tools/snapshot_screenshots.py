"""Screenshots of source snapshots for the docs, rendered offscreen (`QWidget.grab()`): a source
with two snapshots (a saved page and a screenshot, one added with an archive URL), and a
captured page open offline in the viewer.

Usage: python tools/snapshot_screenshots.py [OUT_DIR]   (default: docs/screenshots)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSize  # noqa: E402
from PySide6.QtGui import QColor, QImage, QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from annotator.domain.model import Source  # noqa: E402
from annotator.formats.snapshot_text import snapshot_view  # noqa: E402
from annotator.services import Workspace  # noqa: E402
from annotator.services.capture import CaptureLimits  # noqa: E402
from annotator.services.snapshots import NewSnapshot  # noqa: E402
from annotator.ui.dialogs.snapshot_viewer import SnapshotViewerDialog  # noqa: E402
from annotator.ui.dialogs.snapshots_dialog import SourceSnapshotsDialog  # noqa: E402
from tests.snapshot_backend import WorkspaceBackend  # noqa: E402

PAGE = ROOT / "tests" / "fixtures" / "import" / "pages" / "ars-1" / "source.html"
URL = "https://arstechnica.com/security/2015/04/just-released-minecraft-exploit-makes-it-easy-to-crash-game-servers/"
ARCHIVED = "https://web.archive.org/web/20150421000000/" + URL


def chart_png(path: Path) -> None:
    image = QImage(QSize(480, 300), QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    painter = QPainter(image)
    for index, height in enumerate((120, 180, 90, 240, 160)):
        painter.fillRect(40 + index * 85, 280 - height, 60, height, QColor("#1f6feb"))
    painter.end()
    image.save(str(path))


def save(widget: QWidget, path: Path, size: QSize) -> None:
    widget.resize(size)
    widget.show()
    QApplication.processEvents()
    widget.grab().save(str(path))
    print(path)


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["ANNOTATOR_HOME"] = folder
        png = Path(folder) / "screenshot.png"
        chart_png(png)
        with Workspace.create(Path(folder) / "demo.factcheck", "Snapshots") as workspace:
            source = workspace.sources.add(
                Source(id="", url=URL, title="Just-released Minecraft exploit", publisher="Ars")
            )
            page = workspace.snapshots.add_file(
                NewSnapshot(source.id, captured_at="2026-12-01T09:12:44Z", archived_url=ARCHIVED),
                PAGE,
            )
            workspace.snapshots.add_file(
                NewSnapshot(source.id, captured_at="2026-12-03T16:40:02Z"), png
            )
            backend = WorkspaceBackend(workspace)
            dialog = SourceSnapshotsDialog(
                backend, source, "", workspace.project.info(), CaptureLimits()
            )
            save(dialog, out / "source-snapshots.png", QSize(720, 340))
            content = workspace.snapshots.content(page.id)
            view = snapshot_view(content.data, page.media_type, page.filename, content.text)
            viewer = SnapshotViewerDialog(
                source, page, view, content.state, workspace.project.info(), can_pick=True
            )
            save(viewer, out / "snapshot-viewer.png", QSize(900, 680))
    return 0


if __name__ == "__main__":
    sys.exit(main())
