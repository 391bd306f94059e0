"""Snapshots through the window: the claim's sources list counts them and badges a damaged one,
Snapshots… opens them, a capture announces itself to the list, and an excerpt picked in the
viewer is one undoable step."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from annotator.domain.model import Source, Stance
from annotator.domain.snapshot import KeptEvidence
from annotator.services.capture import CaptureLimits, fetch_capture
from annotator.services.snapshots import NewSnapshot
from annotator.ui.dialogs.snapshot_viewer import SnapshotViewerDialog
from annotator.ui.dialogs.snapshots_dialog import SourceSnapshotsDialog
from annotator.ui.evidence import SessionSnapshots
from annotator.ui.main_window import MainWindow
from annotator.ui.widgets.source_delegates import EVIDENCE_ROLE
from tests.conftest import SAMPLE_CLAIM
from tests.loopback import LoopbackServer
from tests.services.test_snapshots import flip_byte

PAGE = b"<html><body><p>Russia delivered four Mi-35M helicopters in 2017.</p></body></html>"


def _claim_with_source(window: MainWindow) -> tuple[str, str]:
    bench = window.workbench
    assert bench is not None
    assert bench.current_document is not None
    start = bench.current_document.text.index(SAMPLE_CLAIM)
    bench.article.select_offsets(start, start + len(SAMPLE_CLAIM))
    bench.create_claim_from_selection()
    claim = bench.selected_claim()
    assert claim is not None
    bench.editor.source_add_requested.emit(
        claim.id, Source("", "https://example.org/deal", "Deal"), Stance.SUPPORTS, "typed"
    )
    source = bench.read.claim(claim.id).sources[0].source
    return claim.id, source.id


def _when_shown(kind: type, act: object) -> list[bool]:
    """Run ``act(widget)`` once a visible top-level widget of ``kind`` appears (a modal dialog's
    own event loop is running then)."""
    done: list[bool] = []

    def poll() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, kind) and widget.isVisible():
                act(widget)  # type: ignore[operator]
                done.append(True)
                return
        QTimer.singleShot(50, poll)

    QTimer.singleShot(50, poll)
    return done


def test_the_sources_list_counts_snapshots_and_badges_a_damaged_one(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    claim_id, source_id = _claim_with_source(sample_window)
    workspace = sample_window.session.workspace
    workspace.snapshots.add_bytes(NewSnapshot(source_id), PAGE)
    bad = workspace.snapshots.add_bytes(NewSnapshot(source_id), b"other bytes " * 50)
    flip_byte(workspace.path, bad.id, offset=3)
    bench = sample_window.workbench
    assert bench is not None
    bench.panel.select_claim(None)
    bench.panel.select_claim(claim_id)
    item = bench.editor.sources.list.item(0)
    assert item.data(EVIDENCE_ROLE) == KeptEvidence(2, damaged=True)
    assert "⚠" in item.toolTip()


def test_an_excerpt_picked_from_a_snapshot_is_one_undoable_step(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    claim_id, source_id = _claim_with_source(sample_window)
    workspace = sample_window.session.workspace
    snapshot = workspace.snapshots.add_bytes(NewSnapshot(source_id, filename="deal.html"), PAGE)
    text = workspace.snapshots.text(snapshot.id)
    start = text.index("four Mi-35M")
    bench = sample_window.workbench
    assert bench is not None

    def pick(viewer: SnapshotViewerDialog) -> None:
        viewer.article.select_offsets(start, start + len("four Mi-35M helicopters"))
        viewer.pick_button.click()

    def view(dialog: SourceSnapshotsDialog) -> None:
        assert dialog.panel.list.count() == 1
        _when_shown(SnapshotViewerDialog, pick)
        dialog.panel.view_button.click()  # modal until the excerpt is picked
        dialog.accept()

    opened = _when_shown(SourceSnapshotsDialog, view)
    bench.editor.sources.list.setCurrentRow(0)
    bench.editor.sources.snapshots_action.trigger()
    assert opened
    link = bench.read.claim(claim_id).sources[0]
    assert link.excerpt == "four Mi-35M helicopters"
    assert bench.editor.current_claim().sources[0].excerpt == "four Mi-35M helicopters"
    assert sample_window.undo_stack.undoText() == "Pick excerpt"
    sample_window.undo_stack.undo()
    assert bench.read.claim(claim_id).sources[0].excerpt == "typed"
    sample_window.undo_stack.redo()
    assert bench.read.claim(claim_id).sources[0].excerpt == "four Mi-35M helicopters"
    assert workspace.snapshots.excerpt_origins()[(claim_id, source_id)].snapshot_id == snapshot.id


def test_a_capture_through_the_session_updates_the_sources_list(
    qtbot: QtBot, sample_window: MainWindow, http_server: LoopbackServer
) -> None:
    _claim_id, source_id = _claim_with_source(sample_window)
    http_server.add("/deal", PAGE)
    bench = sample_window.workbench
    assert bench is not None
    assert sample_window.session is not None
    backend = SessionSnapshots(sample_window.session, sample_window.runner)
    capture = fetch_capture(http_server.url("/deal"), CaptureLimits(1_000_000, 5.0))
    with qtbot.waitSignal(sample_window.session.sources_changed):
        backend.store_capture(source_id, capture)
    assert bench.editor.sources.list.item(0).data(EVIDENCE_ROLE) == KeptEvidence(1)
    assert [v.snapshot.media_type for v in backend.verified_snapshots(source_id)] == [
        "application/warc"
    ]


def test_undoing_a_new_source_that_keeps_snapshots_keeps_it(
    qtbot: QtBot, sample_window: MainWindow
) -> None:
    claim_id, source_id = _claim_with_source(sample_window)
    assert sample_window.session is not None
    sample_window.session.workspace.snapshots.add_bytes(NewSnapshot(source_id), PAGE)
    bench = sample_window.workbench
    assert bench is not None
    assert sample_window.undo_stack.undoText() == "Add source"
    with qtbot.waitSignal(sample_window.session.replay_failed) as failed:
        sample_window.undo_stack.undo()
    assert "keeps 1 snapshot as evidence, so it stays in the project" in failed.args[0]
    assert [link.source.id for link in bench.read.claim(claim_id).sources] == [source_id]
