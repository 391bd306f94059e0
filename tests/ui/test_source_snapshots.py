"""The source's snapshots panel: lists snapshots with a ⚠ badge on one whose bytes changed,
captures the source from the web off the UI thread (a loopback server), says what failed, and
stores nothing when the capture is cancelled."""

from __future__ import annotations

import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog
from pytestqt.qtbot import QtBot

from annotator.domain.model import Source
from annotator.domain.snapshot import CaptureMethod
from annotator.services import Workspace
from annotator.services.capture import CaptureLimits
from annotator.services.snapshots import NewSnapshot
from annotator.ui.widgets.source_snapshots import BADGE, SourceSnapshotsPanel
from tests.loopback import LoopbackServer
from tests.services.test_snapshots import flip_byte
from tests.snapshot_backend import WorkspaceBackend

LIMITS = CaptureLimits(1_000_000, 5.0)


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []

    def record(_parent: object, title: str, text: str, *_args: object) -> object:
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "warning", record)
    return shown


def _panel(qtbot: QtBot, workspace: Workspace, source: Source) -> SourceSnapshotsPanel:
    panel = SourceSnapshotsPanel(WorkspaceBackend(workspace), source.id, source.url, LIMITS)
    qtbot.addWidget(panel)
    panel.show()
    return panel


def test_a_snapshot_whose_bytes_changed_is_badged(qtbot: QtBot, workspace: Workspace) -> None:
    source = workspace.sources.add(Source(id="", url="https://example.org/a"))
    good = workspace.snapshots.add_bytes(
        NewSnapshot(source.id, captured_at="2026-01-01T00:00:00Z"), b"x" * 500
    )
    bad = workspace.snapshots.add_bytes(
        NewSnapshot(source.id, captured_at="2026-01-02T00:00:00Z"), b"y" * 500
    )
    panel = _panel(qtbot, workspace, source)
    assert not panel.damaged
    flip_byte(workspace.path, bad.id, offset=3)
    panel.refresh()
    texts = [panel.list.item(i).text() for i in range(panel.list.count())]
    assert texts[0].startswith("2026-01-01 00:00:00 · text")
    assert good.sha256[:12] in texts[0]
    assert texts[1].startswith(f"{BADGE} 2026-01-02")
    assert panel.damaged


def test_capture_from_the_web_adds_a_snapshot(
    qtbot: QtBot, workspace: Workspace, http_server: LoopbackServer
) -> None:
    http_server.add("/page", b"<html><body><p>Evidence that outlives the web.</p></body></html>")
    source = workspace.sources.add(Source(id="", url=http_server.url("/page")))
    panel = _panel(qtbot, workspace, source)
    with qtbot.waitSignal(panel.changed):
        panel.capture_button.click()
    assert panel.list.count() == 1
    [snapshot] = workspace.snapshots.all()
    assert snapshot.media_type == "application/warc"
    assert "outlives the web" in workspace.snapshots.text(snapshot.id)


def test_a_failed_capture_says_what_failed(
    qtbot: QtBot, workspace: Workspace, http_server: LoopbackServer, warnings: list[tuple[str, str]]
) -> None:
    source = workspace.sources.add(Source(id="", url=http_server.url("/missing")))
    panel = _panel(qtbot, workspace, source)
    panel.capture_button.click()
    assert warnings == [
        ("Capture failed", f"{source.url} answered HTTP 404 Not Found; nothing was stored.")
    ]
    assert workspace.snapshots.all() == []


def test_a_cancelled_capture_stores_nothing(
    qtbot: QtBot, workspace: Workspace, http_server: LoopbackServer, warnings: list[tuple[str, str]]
) -> None:
    def slow(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", "100000")
        handler.end_headers()
        for _ in range(100):
            handler.wfile.write(b"a" * 1000)
            handler.wfile.flush()
            time.sleep(0.05)

    http_server.routes["/slow"] = slow
    source = workspace.sources.add(Source(id="", url=http_server.url("/slow")))
    panel = _panel(qtbot, workspace, source)
    pressed: list[bool] = []

    def press_cancel() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QProgressDialog) and widget.isVisible():
                widget.cancel()
                pressed.append(True)
                return
        QTimer.singleShot(50, press_cancel)

    QTimer.singleShot(50, press_cancel)
    panel.capture_button.click()
    assert pressed
    assert warnings == []
    assert workspace.snapshots.all() == []
    assert panel.list.count() == 0


def test_a_refused_file_says_why(
    qtbot: QtBot,
    workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    warnings: list[tuple[str, str]],
) -> None:
    from PySide6.QtWidgets import QFileDialog

    source = workspace.sources.add(Source(id="", url="https://example.org/a"))
    panel = _panel(qtbot, workspace, source)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(tmp_path), ""))
    panel.add_button.click()
    assert warnings == [
        ("Snapshot not added", f"{tmp_path} is a folder; give the file to keep as a snapshot.")
    ]


def test_a_file_is_added_with_its_text(
    qtbot: QtBot, workspace: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    page = tmp_path / "saved.html"
    page.write_bytes(b"<html><body><p>The minister said exports doubled.</p></body></html>")
    source = workspace.sources.add(Source(id="", url="https://example.org/a"))
    panel = _panel(qtbot, workspace, source)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(page), ""))
    with qtbot.waitSignal(panel.changed):
        panel.add_button.click()
    [snapshot] = workspace.snapshots.all()
    assert snapshot.media_type == "text/html"
    assert snapshot.filename == "saved.html"
    assert workspace.snapshots.text(snapshot.id) == "The minister said exports doubled."
    assert panel.list.count() == 1


def test_the_claims_sources_list_badges_a_source_whose_snapshot_changed(qtbot: QtBot) -> None:
    from annotator.domain.model import SourceLink, Stance
    from annotator.domain.snapshot import KeptEvidence
    from annotator.ui.widgets.claim_editor_sources import SourcesPanel
    from annotator.ui.widgets.source_delegates import EVIDENCE_ROLE

    panel = SourcesPanel()
    qtbot.addWidget(panel)
    good = Source(id="s1", url="https://example.org/good", title="Good")
    bad = Source(id="s2", url="https://example.org/bad", title="Bad")
    panel.set_links((SourceLink(good, Stance.SUPPORTS), SourceLink(bad, Stance.REFUTES)))
    panel.set_evidence({"s1": KeptEvidence(2), "s2": KeptEvidence(1, damaged=True)})
    panel.show()
    panel.grab()  # paints both rows through the delegate
    first, second = panel.list.item(0), panel.list.item(1)
    assert first.data(EVIDENCE_ROLE) == KeptEvidence(2)
    assert "2 snapshots kept" in first.toolTip()
    assert "⚠ a snapshot no longer matches its SHA-256" in second.toolTip()
    panel.list.setCurrentRow(1)
    with qtbot.waitSignal(panel.snapshots_requested) as signal:
        panel.snapshots_action.trigger()
    assert signal.args == ["s2"]


def test_an_excerpt_picked_in_the_viewer_goes_to_the_claim(
    qtbot: QtBot, sample_workspace: Workspace
) -> None:
    from annotator.domain.model import Stance
    from annotator.ui.dialogs.snapshot_viewer import SnapshotViewerDialog
    from annotator.ui.dialogs.snapshots_dialog import SourceSnapshotsDialog

    workspace = sample_workspace
    claim = workspace.claims.add(workspace.documents.all()[0].id, 0, 10)
    source, _ = workspace.sources.cite(
        claim.id, Source(id="", url="https://example.org/a", title="A"), Stance.SUPPORTS
    )
    page = b"<html><body><p>Officials confirmed the delivery of four helicopters.</p></body></html>"
    snapshot = workspace.snapshots.add_bytes(NewSnapshot(source.id, filename="a.html"), page)
    dialog = SourceSnapshotsDialog(
        WorkspaceBackend(workspace), source, claim.id, workspace.project.info(), LIMITS
    )
    qtbot.addWidget(dialog)
    dialog.show()
    text = workspace.snapshots.text(snapshot.id)
    start = text.index("four helicopters")
    picked: list[bool] = []

    def pick() -> None:
        viewer = dialog.viewer
        if not isinstance(viewer, SnapshotViewerDialog) or not viewer.isVisible():
            QTimer.singleShot(50, pick)
            return
        viewer.article.select_offsets(start, start + len("four helicopters"))
        viewer.pick_button.click()
        picked.append(True)

    QTimer.singleShot(50, pick)
    dialog.panel.view_button.click()  # the viewer runs modally until the excerpt is picked
    assert picked
    assert workspace.claims.get(claim.id).sources[0].excerpt == "four helicopters"
    origin = workspace.snapshots.excerpt_origins()[(claim.id, source.id)]
    assert (origin.snapshot_id, origin.start) == (snapshot.id, start)


def test_an_archived_copy_the_checker_pastes_is_fetched_and_recorded(
    qtbot: QtBot, workspace: Workspace, http_server: LoopbackServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    http_server.add("/web/2025/page", b"<html><body><p>As archived in 2025.</p></body></html>")
    source = workspace.sources.add(Source(id="", url="https://example.org/gone"))
    archived = http_server.url("/web/2025/page")
    monkeypatch.setattr(
        "annotator.ui.widgets.source_snapshots.QInputDialog.getText",
        lambda *_args, **_kwargs: (f"  {archived} ", True),
    )
    panel = _panel(qtbot, workspace, source)
    with qtbot.waitSignal(panel.changed):
        panel.archive_button.click()
    [snapshot] = workspace.snapshots.all()
    assert snapshot.method is CaptureMethod.ARCHIVE
    assert (snapshot.url, snapshot.archived_url) == (source.url, archived)
    assert http_server.requests == ["/web/2025/page"]  # never the source's own address
