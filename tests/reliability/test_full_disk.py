"""D4: a full disk. Every write is refused with a message saying so (never a traceback), what
was saved stays, readers still work so a report can be exported off the full disk, and no
lock, journal or -wal/-shm file is left behind. With an injected "disk full" (SQLite's page
limit) everywhere, and on a real, small tmpfs where the tests may mount one (root on Linux)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path

import pytest

from annotator.errors import ProjectError
from annotator.formats.importers import import_pasted_text
from annotator.services import Workspace
from annotator.services.integrity import check_project
from tests.conftest import SAMPLE_CLAIM


def _leftovers(folder: Path) -> list[str]:
    return sorted(
        p.name for p in folder.iterdir() if p.name.endswith(("-journal", "-wal", "-shm", ".lock"))
    )


def test_a_full_disk_refuses_the_edit_clearly_and_keeps_what_was_saved(
    sample_workspace: Workspace,
) -> None:
    path = sample_workspace.path
    [document] = sample_workspace.documents.all()
    claim = sample_workspace.claims.add_by_quote(document.id, SAMPLE_CLAIM)
    with sample_workspace.database.engine.connect() as connection:
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()
        connection.exec_driver_sql(f"PRAGMA max_page_count={pages}")  # nothing more fits
    big = import_pasted_text("A sentence that takes room. " * 20_000, "Too big")
    with pytest.raises(ProjectError) as error:
        sample_workspace.documents.add(big)
    assert str(error.value) == (
        f"Cannot save to {path}: the disk is full, so this change was not made. Free some "
        "space on that disk and try again; everything saved before is intact."
    )
    with Workspace.open(path, read_only=True) as reader:  # readers work alongside
        assert [d.id for d in reader.documents.all()] == [document.id]
        assert reader.claims.get(claim.id).quote == SAMPLE_CLAIM
    sample_workspace.close()
    assert _leftovers(path.parent) == []
    assert check_project(path) == []


def _annotator(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "annotator", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs, or a skip where this process may not mount one."""
    mount = tmp_path / "small-disk"
    mount.mkdir()
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root on Linux")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace')}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def _fill(disk: Path, leave: int) -> None:
    """Fill ``disk`` until ``leave`` bytes are free (rounded to its blocks)."""
    filler = disk / "filler"
    filler.unlink(missing_ok=True)
    free = shutil.disk_usage(disk).free - leave
    with suppress(OSError), filler.open("wb", buffering=0) as handle:
        handle.write(b"\0" * max(free, 0))


def test_on_a_real_full_disk_writes_are_refused_and_reports_still_export(
    small_disk: Path, sample_path: Path, tmp_path: Path
) -> None:
    project = small_disk / "weeks.factcheck"
    assert _annotator("new", project).returncode == 0
    document = _annotator("add-document", project, sample_path).stdout.strip()
    claim = _annotator("add-claim", project, "--document", document, "--quote", SAMPLE_CLAIM)
    assert claim.returncode == 0, claim.stderr
    _fill(small_disk, leave=0)
    refused = _annotator("set-verdict", project, claim.stdout.strip(), "false")
    assert (refused.returncode, refused.stderr) == (
        1,
        f"error: Cannot open {project} for editing: its lock file cannot be written (No space "
        "left on device); free some space on that disk and try again.\n",
    )
    _fill(small_disk, leave=8192)  # room for the lock file, not for the article
    article = tmp_path / "another.txt"
    article.write_text("Another article, long enough to need pages. " * 2000)
    refused = _annotator("add-document", project, article)
    assert refused.returncode == 1
    assert refused.stderr == (
        f"error: Cannot save to {project}: the disk is full, so this change was not made. "
        "Free some space on that disk and try again; everything saved before is intact.\n"
    )
    info = _annotator("info", project, "--json")
    assert info.returncode == 0, info.stderr
    assert json.loads(info.stdout)["claims"] == 1
    exported = _annotator("export", project, "-o", tmp_path / "report.json")
    assert exported.returncode == 0, exported.stderr
    assert json.loads((tmp_path / "report.json").read_text())["documents"][0]["id"] == document
    assert _leftovers(small_disk) == []
    assert _annotator("check", project).returncode == 0


@pytest.fixture
def read_only_disk(tmp_path: Path, sample_path: Path) -> Iterator[Path]:
    """A tmpfs holding a project, remounted read-only (or a skip where that is not allowed)."""
    mount = tmp_path / "cd-rom"
    mount.mkdir()
    if sys.platform != "linux" or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root on Linux")
    if subprocess.run(["mount", "-t", "tmpfs", "tmpfs", str(mount)], check=False).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        project = mount / "archive.factcheck"
        with Workspace.create(project, "Archived") as workspace:
            workspace.documents.add_file(sample_path)
        subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True)
        yield project
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_on_read_only_media_readers_work_and_leave_nothing_and_writes_are_refused(
    read_only_disk: Path, tmp_path: Path
) -> None:
    project = read_only_disk
    before = project.read_bytes()
    info = _annotator("info", project, "--json")
    assert info.returncode == 0, info.stderr
    assert json.loads(info.stdout)["title"] == "Archived"
    assert _annotator("check", project).returncode == 0
    exported = _annotator("export", project, "--format", "csv", "-o", tmp_path / "claims.csv")
    assert exported.returncode == 0, exported.stderr
    refused = _annotator("set-project", project, "--title", "x")
    assert (refused.returncode, refused.stderr) == (
        1,
        f"error: {project} is read-only (a write-protected file, or a read-only folder or "
        "disk): it can be read (export, info, check) but not changed. To edit it, copy it to "
        "a writable folder.\n",
    )
    assert sorted(p.name for p in project.parent.iterdir()) == ["archive.factcheck"]
    assert project.read_bytes() == before


def test_an_immutable_file_is_read_and_left_alone(project_path: Path) -> None:
    """chattr +i: not even root may change it; readers leave no side file."""
    Workspace.create(project_path, "Frozen").close()
    if subprocess.run(["chattr", "+i", str(project_path)], check=False).returncode:
        pytest.skip("chattr +i is not available here")
    try:
        with Workspace.open(project_path, read_only=True) as reader:
            assert reader.project.info().title == "Frozen"
        with pytest.raises(ProjectError, match="is read-only"):
            Workspace.open(project_path)
        assert sorted(p.name for p in project_path.parent.iterdir() if p.name != "home") == [
            project_path.name
        ]
    finally:
        subprocess.run(["chattr", "-i", str(project_path)], check=False)
