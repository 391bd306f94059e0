"""Exports that would destroy the project, stdout that cannot take the report, and URLs that
would publish credentials: each gives one `error:` line and exit status 1, never a traceback."""

from __future__ import annotations

import errno
import io
import json
import sqlite3
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.domain.model import Claimant, ClaimEdit
from annotator.errors import ValidationError
from annotator.services import Workspace


def cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def project(capsys: pytest.CaptureFixture[str], tmp_path: Path, sample_path: Path) -> Path:
    path = tmp_path / "p.factcheck"
    cli(capsys, "new", path)
    cli(capsys, "add-document", path, sample_path)
    return path


@pytest.fixture
def claim(capsys: pytest.CaptureFixture[str], project: Path) -> str:
    _, out, _ = cli(capsys, "info", project, "--json")
    document = json.loads(out)["documents"][0]["id"]
    _, out, _ = cli(capsys, "add-claim", project, "--document", document, "--quote", "Islamabad")
    return out.strip()


@pytest.mark.parametrize("fmt", ["json", "html", "csv"])
def test_export_onto_the_project_file_is_refused(
    capsys: pytest.CaptureFixture[str],
    project: Path,
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
) -> None:
    before = project.read_bytes()
    monkeypatch.chdir(project.parent)
    code, out, err = cli(capsys, "export", project.name, "--format", fmt, "-o", "./p.factcheck")
    assert code == 1
    assert out == ""
    assert err == (
        "error: Cannot export to p.factcheck: that is the project file itself, and writing "
        "there would destroy the project p.factcheck; choose another file name.\n"
    )
    assert project.read_bytes() == before
    assert cli(capsys, "check", project)[0] == 0


def test_export_onto_a_sidecar_is_refused(
    capsys: pytest.CaptureFixture[str], project: Path
) -> None:
    code, _, err = cli(capsys, "export", project, "-o", f"{project}.lock")
    assert code == 1
    assert err.startswith("error: Cannot export to ")
    assert "that is the project's .lock file" in err
    assert err.count("\n") == 1
    assert not Path(f"{project}.lock").exists()


class _FailingBuffer(io.BytesIO):
    def __init__(self, error: OSError) -> None:
        super().__init__()
        self.error = error

    def write(self, _data: object) -> int:
        raise self.error


class _Stdout(io.StringIO):
    def __init__(self, error: OSError) -> None:
        super().__init__()
        self.buffer = _FailingBuffer(error)

    def isatty(self) -> bool:
        return False


def test_a_stdout_that_refuses_the_report_gives_one_line(
    capsys: pytest.CaptureFixture[str], project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    capsys.readouterr()
    full = OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr("sys.stdout", _Stdout(full))
    code = main(["export", str(project), "--format", "json"])
    err = capsys.readouterr().err
    assert code == 1
    assert err == ("error: Cannot write the report to standard output: No space left on device.\n")


def test_a_closed_pipe_still_exits_quietly(
    capsys: pytest.CaptureFixture[str], project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    capsys.readouterr()
    monkeypatch.setattr("sys.stdout", _Stdout(BrokenPipeError(errno.EPIPE, "Broken pipe")))
    code = main(["export", str(project), "--format", "csv"])
    assert code == 1
    assert capsys.readouterr().err == ""


SECRET_URL = "https://user:secret@example.com/private?token=abc"


def test_a_source_url_with_credentials_is_refused(
    capsys: pytest.CaptureFixture[str], project: Path, claim: str
) -> None:
    code, out, err = cli(capsys, "add-source", project, claim, SECRET_URL)
    assert code == 1
    assert out == ""
    assert err == (
        "error: The source URL 'https://example.com/private?token=abc' carries a user name or "
        "password (the part before '@'), which every report would publish; remove the "
        "credentials from the URL.\n"
    )
    assert "secret" not in err
    with sqlite3.connect(project) as connection:
        assert connection.execute("SELECT count(*) FROM sources").fetchone() == (0,)
    code, _, err = cli(capsys, "add-source", project, claim, "https://token@example.com/x")
    assert code == 1
    assert "remove the credentials" in err
    # A query-string token cannot be told from an ordinary parameter: it is accepted.
    code, _, _ = cli(capsys, "add-source", project, claim, "https://example.com/@user?token=a")
    assert code == 0


def test_a_claimant_link_with_credentials_is_refused(project: Path, claim: str) -> None:
    with Workspace.open(project) as workspace:
        edit = ClaimEdit(claimant=Claimant("Someone", "", "http://me:pw@example.org/profile"))
        with pytest.raises(ValidationError, match="remove the credentials from the URL"):
            workspace.claims.update(claim, edit)
        assert workspace.claims.get(claim).claimant.url == ""


def test_export_o_onto_another_open_project_is_refused(
    capsys: pytest.CaptureFixture[str], project: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.factcheck"
    with Workspace.create(other, "Open in the window") as holder:
        code, _out, err = cli(capsys, "export", project, "--format", "markdown", "-o", other)
        assert (code, err) == (
            1,
            f"error: Cannot export to {other}: it is an Annotator project, and writing there "
            "would destroy it; choose another file name.\n",
        )
        holder.project.set_title("Saved after the refused export")
    with Workspace.open(other, read_only=True) as reopened:
        assert reopened.project.info().title == "Saved after the refused export"
