"""The snapshot commands end to end: add-snapshot, capture, snapshots, extract-snapshot, and
`annotator check` naming exactly the snapshot whose bytes changed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.domain.model import Source
from annotator.services import Workspace
from tests.loopback import LoopbackServer
from tests.services.test_snapshots import flip_byte


def cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def project_with_source(project_path: Path) -> tuple[Path, str]:
    with Workspace.create(project_path, "Snapshots") as workspace:
        source = workspace.sources.add(Source(id="", url="https://example.org/a", title="A"))
    return project_path, source.id


def test_add_list_and_extract_a_snapshot(
    capsys: pytest.CaptureFixture[str], project_with_source: tuple[Path, str], tmp_path: Path
) -> None:
    project, source_id = project_with_source
    data = b"%PDF-1.4\n" + os.urandom(3_000_000)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(data)
    code, out, err = cli(
        capsys,
        "add-snapshot",
        project,
        source_id,
        pdf,
        "--captured-at",
        "2026-01-02T03:04:05Z",
        "--url",
        "https://example.org/a.pdf",
    )
    assert (code, err) == (0, "")
    snapshot_id = out.strip()
    code, out, _ = cli(capsys, "snapshots", project, "--json")
    listed = json.loads(out)
    assert listed == [
        {
            "id": snapshot_id,
            "source_id": source_id,
            "sha256": __import__("hashlib").sha256(data).hexdigest(),
            "size": len(data),
            "media_type": "application/pdf",
            "captured_at": "2026-01-02T03:04:05Z",
            "url": "https://example.org/a.pdf",
            "archived_url": "",
            "method": "file",
            "filename": "report.pdf",
        }
    ]
    out_file = tmp_path / "out.pdf"
    code, out, err = cli(capsys, "extract-snapshot", project, snapshot_id, "-o", out_file)
    assert code == 0, err
    assert out_file.read_bytes() == data


def test_bad_input_gives_one_error_line(
    capsys: pytest.CaptureFixture[str], project_with_source: tuple[Path, str], tmp_path: Path
) -> None:
    project, source_id = project_with_source
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, _, err = cli(capsys, "add-snapshot", project, source_id, fifo)
    assert code == 1
    assert (
        err
        == f"error: {fifo} is not a regular file (a pipe or a device); save its content to a file first.\n"
    )
    code, _, err = cli(capsys, "extract-snapshot", project, "nope", "-o", tmp_path / "x")
    assert (code, err) == (1, "error: There is no snapshot with id 'nope' in this project.\n")
    code, _, err = cli(capsys, "add-snapshot", project, "nope", tmp_path / "pipe")
    assert code == 1
    code, _, err = cli(capsys, "capture", project, source_id, "--timeout", "0")
    assert (code, err) == (1, "error: --max-mb and --timeout must be more than 0.\n")


def test_a_snapshot_is_never_extracted_over_another_project(
    capsys: pytest.CaptureFixture[str], project_with_source: tuple[Path, str], tmp_path: Path
) -> None:
    project, source_id = project_with_source
    (tmp_path / "a.txt").write_text("evidence")
    snapshot_id = cli(capsys, "add-snapshot", project, source_id, tmp_path / "a.txt")[1].strip()
    other = tmp_path / "other.factcheck"
    Workspace.create(other, "Other").close()
    before = other.read_bytes()
    code, _, err = cli(capsys, "extract-snapshot", project, snapshot_id, "-o", other)
    assert (code, err) == (
        1,
        f"error: Cannot export to {other}: it is an Annotator project, and writing "
        "there would destroy it; choose another file name.\n",
    )
    assert other.read_bytes() == before
    assert cli(capsys, "check", other)[:2] == (0, f"{other}: ok\n")


def test_check_names_exactly_the_snapshot_with_a_flipped_byte(
    capsys: pytest.CaptureFixture[str], project_with_source: tuple[Path, str], tmp_path: Path
) -> None:
    project, source_id = project_with_source
    ids = []
    for name in ("one.bin", "two.bin", "three.bin"):
        path = tmp_path / name
        path.write_bytes(os.urandom(200_000))
        ids.append(cli(capsys, "add-snapshot", project, source_id, path)[1].strip())
    assert cli(capsys, "check", project)[:2] == (0, f"{project}: ok\n")
    flip_byte(project, ids[1], offset=12345)
    code, _, err = cli(capsys, "check", project)
    assert code == 1
    assert err.splitlines() == [
        f"problem: snapshot {ids[1]} of source {source_id} ('A'): its bytes no longer match "
        "its SHA-256",
        f"error: {project} is damaged (1 problem); no backup of it was found; recover what is "
        f"still readable into a new project with `annotator salvage {project} NEW.factcheck` "
        "(the damaged file is left as it is).",
    ]
    # Nothing else complains: listing and extracting the other snapshots still work.
    assert cli(capsys, "snapshots", project)[0] == 0
    assert cli(capsys, "extract-snapshot", project, ids[0], "-o", tmp_path / "ok.bin")[0] == 0


def test_capture_prints_the_snapshot_id(
    capsys: pytest.CaptureFixture[str], project_path: Path, http_server: LoopbackServer
) -> None:
    http_server.add("/page", b"<html><body><p>Evidence text here.</p></body></html>")
    with Workspace.create(project_path) as workspace:
        source = workspace.sources.add(Source(id="", url=http_server.url("/page")))
    code, out, err = cli(capsys, "capture", project_path, source.id, "--timeout", "5")
    assert (code, err) == (0, "")
    code, listed, _ = cli(capsys, "snapshots", project_path, "--json")
    [item] = json.loads(listed)
    assert item["id"] == out.strip()
    assert item["media_type"] == "application/warc"


def test_a_capture_killed_mid_transfer_leaves_the_project_as_it_was(
    project_path: Path, http_server: LoopbackServer, tmp_path: Path
) -> None:
    started = threading.Event()

    def slow(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", "10000000")
        handler.end_headers()
        for _ in range(200):
            handler.wfile.write(b"<p>" + b"x" * 5000 + b"</p>")
            handler.wfile.flush()
            started.set()
            time.sleep(0.02)

    http_server.routes["/slow"] = slow
    with Workspace.create(project_path) as workspace:
        source = workspace.sources.add(Source(id="", url=http_server.url("/slow")))
    before = project_path.read_bytes()
    process = subprocess.Popen(
        [sys.executable, "-m", "annotator", "capture", str(project_path), source.id],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert started.wait(60)
    time.sleep(0.3)
    process.send_signal(signal.SIGKILL)
    process.wait(30)
    assert project_path.read_bytes() == before
    with Workspace.open(project_path) as workspace:  # the dead writer's lock is gone
        assert workspace.snapshots.all() == []


def test_a_snapshot_killed_mid_write_leaves_the_project_as_it_was(
    project_with_source: tuple[Path, str], tmp_path: Path
) -> None:
    project, source_id = project_with_source
    big = tmp_path / "big.bin"
    with big.open("wb") as handle:
        for _ in range(120):
            handle.write(os.urandom(1024 * 1024))
    process = subprocess.Popen(
        [sys.executable, "-m", "annotator", "add-snapshot", str(project), source_id, str(big)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    journal = project.with_name(project.name + "-journal")
    before = project.stat().st_size
    deadline = time.monotonic() + 60
    # Kill it once its transaction has spilled a few chunks into the project file (their
    # rollback journal beside it), well before it commits.
    while time.monotonic() < deadline and not (
        journal.exists() and project.stat().st_size > before + 5_000_000
    ):
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait(30)
    assert process.returncode == -signal.SIGKILL
    with Workspace.open(project) as workspace:
        assert workspace.snapshots.all() == []
    assert main(["check", str(project)]) == 0


def test_capture_takes_its_limits_from_the_settings(
    capsys: pytest.CaptureFixture[str], project_path: Path, http_server: LoopbackServer
) -> None:
    from annotator.settings import Settings, save_settings

    http_server.add("/big", b"<p>" + b"x" * 1_500_000 + b"</p>")
    with Workspace.create(project_path) as workspace:
        source = workspace.sources.add(Source(id="", url=http_server.url("/big")))
    save_settings(Settings(capture_max_mb=1))
    code, _, err = cli(capsys, "capture", project_path, source.id)
    assert code == 1
    assert "is too large: over the 1 MB capture limit" in err
    assert cli(capsys, "capture", project_path, source.id, "--max-mb", "2")[0] == 0


def test_a_damaged_snapshot_is_not_written_out_as_if_it_were_intact(
    capsys: pytest.CaptureFixture[str], project_with_source: tuple[Path, str], tmp_path: Path
) -> None:
    project, source_id = project_with_source
    (tmp_path / "a.bin").write_bytes(os.urandom(50_000))
    snapshot_id = cli(capsys, "add-snapshot", project, source_id, tmp_path / "a.bin")[1].strip()
    flip_byte(project, snapshot_id, offset=100)
    damaged = (
        f"error: Snapshot {snapshot_id} of source {source_id} is damaged: its bytes no longer "
        "match the SHA-256 recorded when it was kept. Run `annotator check` and restore the "
        "project from a backup copy.\n"
    )
    out = tmp_path / "out.bin"
    assert cli(capsys, "extract-snapshot", project, snapshot_id, "-o", out) == (1, "", damaged)
    assert cli(capsys, "export", project, "-o", tmp_path / "r.json") == (1, "", damaged)
    assert cli(capsys, "export", project, "--bundle", tmp_path / "b") == (1, "", damaged)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.bin", project.name]
