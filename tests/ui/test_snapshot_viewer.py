"""The snapshot viewer: a captured page full of remote resources and scripts is shown through
the sanitised reading view and makes no request at all (a loopback server counts them); images
are shown as pictures; a snapshot whose bytes changed carries a warning; selected text becomes
an excerpt with the snapshot's offsets."""

from __future__ import annotations

import struct
import zlib

import pytest
from pytestqt.qtbot import QtBot

from annotator.domain.model import Source
from annotator.domain.snapshot import SnapshotState
from annotator.formats.snapshot_text import snapshot_view
from annotator.services import Workspace
from annotator.services.capture import CaptureLimits, capture_source
from annotator.services.snapshots import NewSnapshot
from annotator.ui.dialogs.snapshot_viewer import SnapshotViewerDialog
from tests.loopback import LoopbackServer


def hostile_page(base: str) -> bytes:
    return f"""<!DOCTYPE html><html><head><title>Budget</title>
<meta http-equiv="refresh" content="0; url={base}/refresh">
<link rel="stylesheet" href="{base}/style.css">
<style>@import url("{base}/import.css"); body {{ background: url({base}/bg.png); }}</style>
<script src="{base}/script.js"></script>
<script>fetch("{base}/fetch"); new Image().src = "{base}/beacon";</script>
</head><body><article><h1>Budget 2025</h1>
<p>The budget grew by 4 percent, the ministry said. <img src="{base}/img.png"
 srcset="{base}/img2x.png 2x"><a href="javascript:fetch('{base}/js-link')">details</a></p>
<iframe src="{base}/frame.html"></iframe><object data="{base}/object.swf"></object>
<video poster="{base}/poster.jpg" src="{base}/video.mp4"></video>
<p style="background-image: url({base}/inline.png)">Exports fell by 2 percent.</p>
</article></body></html>""".encode()


def _show(
    qtbot: QtBot, workspace: Workspace, snapshot_id: str, **kwargs: object
) -> SnapshotViewerDialog:
    snapshot = workspace.snapshots.get(snapshot_id)
    source = workspace.sources.get(snapshot.source_id)
    view = snapshot_view(
        workspace.snapshots.read(snapshot_id),
        snapshot.media_type,
        snapshot.filename,
        workspace.snapshots.text(snapshot_id),
    )
    state = kwargs.pop("state", SnapshotState.OK)
    dialog = SnapshotViewerDialog(
        source,
        snapshot,
        view,
        state,
        workspace.project.info(),
        **kwargs,  # type: ignore[arg-type]
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_viewing_a_captured_hostile_page_makes_no_request(
    qtbot: QtBot, workspace: Workspace, http_server: LoopbackServer
) -> None:
    http_server.add("/budget", hostile_page(http_server.base))
    source = workspace.sources.add(Source(id="", url=http_server.url("/budget")))
    snapshot = capture_source(workspace, source.id, CaptureLimits(1_000_000, 5.0))
    assert http_server.requests == ["/budget"]  # the capture itself, and nothing it names
    # Stored as captured: it is evidence.
    assert b"script.js" in workspace.snapshots.read(snapshot.id)
    dialog = _show(qtbot, workspace, snapshot.id)
    qtbot.wait(800)
    dialog.article.selectAll()
    shown = dialog.article.textCursor().selectedText()
    assert "grew by 4 percent" in shown
    assert "Exports fell by 2 percent." in shown
    assert "fetch" not in shown
    dialog.close()
    qtbot.wait(200)
    assert http_server.requests == ["/budget"]


def test_a_saved_page_added_from_a_file_makes_no_request(
    qtbot: QtBot, workspace: Workspace, http_server: LoopbackServer
) -> None:
    source = workspace.sources.add(Source(id="", url="https://example.org/budget"))
    snapshot = workspace.snapshots.add_bytes(
        NewSnapshot(source.id, filename="budget.html"), hostile_page(http_server.base)
    )
    _show(qtbot, workspace, snapshot.id)
    qtbot.wait(800)
    assert http_server.requests == []


def _png(width: int, height: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def test_an_image_is_shown_as_a_picture(qtbot: QtBot, workspace: Workspace) -> None:
    source = workspace.sources.add(Source(id="", url="https://example.org/chart"))
    snapshot = workspace.snapshots.add_bytes(
        NewSnapshot(source.id, filename="shot.png"), _png(40, 30)
    )
    dialog = _show(qtbot, workspace, snapshot.id)
    assert dialog.picture.pixmap().size().width() == 40
    assert not dialog.article.isVisible()


def test_the_capture_details_and_a_hash_warning_are_shown(
    qtbot: QtBot, workspace: Workspace
) -> None:
    source = workspace.sources.add(Source(id="", url="https://example.org/budget"))
    snapshot = workspace.snapshots.add_bytes(
        NewSnapshot(source.id, filename="p.html", captured_at="2026-03-01T09:00:00Z"),
        b"<html><body><p>Some text to read.</p></body></html>",
    )
    dialog = _show(qtbot, workspace, snapshot.id, state=SnapshotState.MISMATCH)
    assert "Captured 2026-03-01 09:00:00 UTC, added from a file" in dialog.details.text()
    assert snapshot.sha256 in dialog.details.text()
    assert dialog.warning.isVisible()
    assert "no longer match the snapshot's SHA-256" in dialog.warning.text()


def test_selected_text_becomes_an_excerpt_with_its_offsets(
    qtbot: QtBot, workspace: Workspace
) -> None:
    source = workspace.sources.add(Source(id="", url="https://example.org/budget"))
    snapshot = workspace.snapshots.add_bytes(
        NewSnapshot(source.id, filename="p.html"),
        "<html><body><h1>Überschrift</h1><p>Exports rose by 12 percent 📈 last year.</p></body></html>".encode(),
    )
    dialog = _show(qtbot, workspace, snapshot.id, can_pick=True)
    text = workspace.snapshots.text(snapshot.id)
    start = text.index("12 percent")
    dialog.article.select_offsets(start, start + len("12 percent 📈 last"))
    assert dialog.pick_button.isEnabled()
    with qtbot.waitSignal(dialog.excerpt_picked) as signal:
        dialog.pick_button.click()
    assert signal.args == [snapshot.id, start, start + len("12 percent 📈 last")]
    _sid, begin, end = signal.args
    assert text[begin:end] == "12 percent 📈 last"


@pytest.mark.parametrize("media", ["application/octet-stream", "image/svg+xml"])
def test_a_file_without_text_says_so(qtbot: QtBot, workspace: Workspace, media: str) -> None:
    source = workspace.sources.add(Source(id="", url="https://example.org/file"))
    snapshot = workspace.snapshots.add_bytes(
        NewSnapshot(source.id, media_type=media), b"\x00\x01data"
    )
    dialog = _show(qtbot, workspace, snapshot.id)
    assert "has no text to show" in dialog.article.placeholderText()


def test_a_pdf_is_shown_as_its_text(qtbot: QtBot, workspace: Workspace) -> None:
    from pathlib import Path

    pdf = Path(__file__).parents[1] / "fixtures" / "import" / "pdflatex-4-pages.pdf"
    source = workspace.sources.add(Source(id="", url="https://example.org/paper.pdf"))
    snapshot = workspace.snapshots.add_file(NewSnapshot(source.id), pdf)
    assert snapshot.media_type == "application/pdf"
    text = workspace.snapshots.text(snapshot.id)
    assert len(text) > 200
    dialog = _show(qtbot, workspace, snapshot.id, can_pick=True)
    assert dialog.article.toPlainText() == text
    assert dialog.pick_button.isVisible()
