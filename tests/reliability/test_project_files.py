"""What is not a usable project file is refused before SQLite or the writer lock touches it:
a FIFO (D8), a name too long for the side files (D9), a foreign SQLite file (D7, left
byte-identical); and a symbolic link locks the real file (D3)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.errors import ProjectError, ProjectLockedError
from annotator.paths import is_project_file
from annotator.services import Workspace
from annotator.storage.projectfile import APPLICATION_ID


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != "home")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_a_fifo_named_like_a_project_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.factcheck"
    os.mkfifo(fifo)
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "info", str(fifo)],
        capture_output=True,
        text=True,
        timeout=60,  # it used to wait forever for a writer to the pipe
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {fifo} is not a regular file")
    for read_only in (False, True):
        with pytest.raises(ProjectError) as error:
            Workspace.open(fifo, read_only=read_only)
        assert str(error.value) == (
            f"{fifo} is not a regular file (it is a named pipe (FIFO)); a project is a "
            ".factcheck file on disk."
        )
    os.mkfifo(tmp_path / "pipe.txt")
    assert not is_project_file(tmp_path / "pipe.txt")  # telling a project from an article
    assert _files(tmp_path) == ["pipe.factcheck", "pipe.txt"]  # no lock left beside it


def test_a_name_too_long_for_the_side_files_is_refused_with_a_message(tmp_path: Path) -> None:
    # 250 bytes fits the system's limit of 255, but "<name>.lock" and "<name>-journal" do not.
    fits_alone = tmp_path / ("n" * (250 - len(".factcheck")) + ".factcheck")
    too_long = tmp_path / ("n" * 300 + ".factcheck")
    for path in (fits_alone, too_long):
        length = len(path.name)
        with pytest.raises(ProjectError) as error:
            Workspace.create(path)
        assert str(error.value) == (
            f"The project file name {'n' * 40}… is too long ({length} bytes; at most 247 leave "
            "room for the files SQLite keeps beside it); rename it to a shorter name."
        )
        with pytest.raises(ProjectError, match="is too long"):
            Workspace.open(path, read_only=True)
    assert _files(tmp_path) == []


def test_a_long_name_is_no_traceback_on_the_command_line(tmp_path: Path) -> None:
    path = tmp_path / ("n" * 300 + ".factcheck")
    for args in (["new", str(path)], ["info", str(path)], [str(path)[:-10] + ".txt", "x"]):
        result = subprocess.run(
            [sys.executable, "-m", "annotator", *args],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert "Traceback" not in result.stderr
        assert result.returncode in (1, 2)
        assert "error:" in result.stderr


def test_a_symbolic_link_does_not_bypass_the_one_writer_lock(project_path: Path) -> None:
    link = project_path.with_name("link.factcheck")
    with Workspace.create(project_path):
        link.symlink_to(project_path)
        with pytest.raises(ProjectLockedError) as error:
            Workspace.open(link)
        assert str(error.value).startswith(f"{link} is already open for editing")
    with Workspace.open(link) as through_link:
        assert (project_path.parent / "project.factcheck.lock").exists()
        assert not (project_path.parent / "link.factcheck.lock").exists()
        with pytest.raises(ProjectLockedError, match="already open for editing"):
            Workspace.open(project_path)
        through_link.project.set_title("Written through the link")
    assert link.is_symlink()
    with Workspace.open(project_path, read_only=True) as reader:
        assert reader.project.info().title == "Written through the link"


def _foreign_database(path: Path, application_id: int, *, wal: bool = False) -> None:
    connection = sqlite3.connect(path)
    if wal:
        connection.execute("PRAGMA journal_mode=WAL")
    connection.execute(f"PRAGMA application_id={application_id}")
    connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    connection.execute("INSERT INTO notes (text) VALUES ('not a project')")
    connection.commit()
    connection.close()


@pytest.mark.parametrize(
    "application_id", [0, 0x12345678], ids=["no-application-id", "another-application"]
)
def test_a_foreign_sqlite_file_is_refused_byte_identical(
    tmp_path: Path, application_id: int
) -> None:
    path = tmp_path / "foreign.factcheck"
    _foreign_database(path, application_id)
    before = _digest(path)
    for read_only in (False, True):
        with pytest.raises(ProjectError) as error:
            Workspace.open(path, read_only=read_only)
        assert str(error.value) == (
            f"{path} is an SQLite database but not an Annotator project; "
            "open a .factcheck file made by Annotator."
        )
    assert _digest(path) == before  # header bytes 18-19 (the journal mode) unchanged
    assert _files(tmp_path) == ["foreign.factcheck"]


def test_another_application_with_a_projects_tables_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "lookalike.factcheck"
    Workspace.create(path).close()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA application_id=7")
    connection.commit()
    connection.close()
    before = _digest(path)
    with pytest.raises(ProjectError, match="not an Annotator project"):
        Workspace.open(path)
    assert _digest(path) == before
    assert int.from_bytes(b"ANNO", "big") == APPLICATION_ID
