"""An export never overwrites the project it was made from, nor the project's sidecars."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from annotator.errors import ReportError
from annotator.services import Workspace
from annotator.services.exports import check_export_target, write_export


def _project_intact(path: Path) -> None:
    assert path.read_bytes()[:16] == b"SQLite format 3\x00"
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", ".lock"])
def test_export_onto_the_project_or_a_sidecar_is_refused(
    sample_workspace: Workspace, project_path: Path, suffix: str
) -> None:
    target = project_path.with_name(project_path.name + suffix)
    before = target.read_bytes() if target.exists() else None
    with pytest.raises(ReportError) as caught:
        write_export(sample_workspace, "json", target)
    message = str(caught.value)
    assert message.startswith(f"Cannot export to {target}: that is ")
    assert "choose another file name" in message
    assert "\n" not in message
    assert (target.read_bytes() if target.exists() else None) == before
    assert list(project_path.parent.glob(f".{target.name}.*")) == []


def test_the_project_file_is_recognised_however_it_is_spelled(
    sample_workspace: Workspace, project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = project_path.parent
    (folder / "sub").mkdir()
    monkeypatch.chdir(folder / "sub")
    spellings = [Path("..") / project_path.name, folder / "sub" / ".." / project_path.name]
    if hasattr(os, "symlink"):
        (folder / "link.json").symlink_to(project_path)
        spellings.append(folder / "link.json")
        (folder / "wal-link.json").symlink_to(project_path.name + "-wal")  # dangling is fine
        spellings.append(folder / "wal-link.json")
    if hasattr(os, "link"):
        os.link(project_path, folder / "hard.json")
        spellings.append(folder / "hard.json")
    for target in spellings:
        with pytest.raises(ReportError, match=r"would destroy the project project\.factcheck"):
            write_export(sample_workspace, "json", target)
    _project_intact(project_path)


def test_other_names_beside_the_project_are_fine(
    sample_workspace: Workspace, project_path: Path
) -> None:
    for name in ("project.json", "project.factcheck.json", "project.factcheck-journal.csv"):
        write_export(sample_workspace, "csv", project_path.with_name(name))
        assert project_path.with_name(name).read_bytes().startswith(b"\xef\xbb\xbf")
    check_export_target(project_path, project_path.parent / "other" / project_path.name)


def test_a_reader_export_is_refused_too(sample_workspace: Workspace, project_path: Path) -> None:
    sample_workspace.close()
    with (
        Workspace.open(project_path, read_only=True) as reader,
        pytest.raises(ReportError, match="that is the project file itself"),
    ):
        write_export(reader, "html", project_path)
    _project_intact(project_path)


def test_export_onto_another_project_open_for_editing_is_refused(
    sample_workspace: Workspace, tmp_path: Path
) -> None:
    """D2: the atomic replace used to unlink the other project while its holder went on
    acknowledging edits into the deleted file."""
    other_path = tmp_path / "other.factcheck"
    with Workspace.create(other_path, "Weeks of work") as other:
        before = other_path.read_bytes()
        for target in (other_path, tmp_path / "other.factcheck.lock"):
            with pytest.raises(ReportError) as caught:
                write_export(sample_workspace, "html", target)
            assert target.exists()
            if target == other_path:
                assert str(caught.value) == (
                    f"Cannot export to {target}: it is an Annotator project, and writing "
                    "there would destroy it; choose another file name."
                )
            else:
                assert str(caught.value) == (
                    f"Cannot export to {target}: it belongs to the project other.factcheck "
                    "(its .lock file), and writing there could destroy that project; choose "
                    "another file name."
                )
        assert other_path.read_bytes() == before
        other.project.set_title("Still saved into the real file")
    with Workspace.open(other_path, read_only=True) as reopened:
        assert reopened.project.info().title == "Still saved into the real file"


def test_export_onto_a_closed_project_is_refused_too(
    sample_workspace: Workspace, tmp_path: Path
) -> None:
    other_path = tmp_path / "closed.factcheck"
    Workspace.create(other_path).close()
    link = tmp_path / "report.json"
    link.symlink_to(other_path)
    with pytest.raises(ReportError, match="it is an Annotator project"):
        write_export(sample_workspace, "json", link)
    assert link.is_symlink()
    with Workspace.open(other_path, read_only=True):
        pass
