"""D6: exporting a damaged project (a text that no longer matches its hash, a claim citing a
source row that is gone) is refused with one clear line, by the CLI and by the service the
window calls; no report file appears. Damage messages name only backup copies that exist."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.domain.model import Source, Stance
from annotator.errors import ProjectError
from annotator.services import Workspace
from annotator.services.exports import write_export
from tests.conftest import SAMPLE_CLAIM


def _damage(path: Path, statement: str) -> None:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys=OFF")
    connection.execute(statement)
    connection.commit()
    connection.close()


@pytest.fixture
def cited(sample_workspace: Workspace) -> Path:
    [document] = sample_workspace.documents.all()
    claim = sample_workspace.claims.add_by_quote(document.id, SAMPLE_CLAIM)
    sample_workspace.sources.cite(claim.id, Source("", "https://example.org/a"), Stance.SUPPORTS)
    sample_workspace.close()
    return sample_workspace.path


_NO_BACKUP = (
    "No backup of it was found; recover what is still readable into a new project with "
    "`annotator salvage {path} NEW.factcheck` (the damaged file is left as it is).\n"
)

DAMAGE = {
    "text-not-matching-its-hash": (
        "UPDATE documents SET text = text || 'x'",
        "sha256 does not match its text",
    ),
    "missing-source": (
        "DELETE FROM sources",
        "table claim_sources row 1 points to a missing sources row",
    ),
}


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_export_of_a_damaged_project_is_refused_clearly(
    cited: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    statement, problem = DAMAGE[kind]
    _damage(cited, statement)
    target = tmp_path / "report.html"
    code = main(["export", str(cited), "--format", "html", "-o", str(target)])
    _out, err = capsys.readouterr()
    assert code == 1
    assert err.startswith(f"error: {cited} is damaged (")
    assert problem in err
    assert err.endswith(
        f"), so nothing was exported; `annotator check {cited}` lists every problem. {_NO_BACKUP.format(path=cited)}"
    )
    assert "Traceback" not in err
    assert not target.exists()
    with Workspace.open(cited, read_only=True) as workspace, pytest.raises(ProjectError) as error:
        write_export(workspace, "json", target)  # what File › Export calls
    assert problem in str(error.value)
    assert not target.exists()


def test_damage_advice_names_a_backup_only_when_one_exists(
    cited: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _damage(cited, "UPDATE documents SET text = text || 'x'")
    assert main(["check", str(cited)]) == 1
    err = capsys.readouterr().err
    assert err.endswith(
        f"error: {cited} is damaged (1 problem); no backup of it was found; recover what is "
        f"still readable into a new project with `annotator salvage {cited} NEW.factcheck` "
        "(the damaged file is left as it is).\n"
    )
    assert ".backup-" not in err
    backup = cited.with_name(cited.name + ".backup-20260101-120000")
    backup.write_bytes(b"")
    assert main(["check", str(cited)]) == 1
    assert capsys.readouterr().err.endswith(
        f"restore its newest backup with `annotator restore {cited} {backup}`, or recover what "
        f"is still readable with `annotator salvage {cited} NEW.factcheck`.\n"
    )


def test_flipped_bits_in_text_are_called_damage_not_a_decoding_error(
    cited: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = cited.read_bytes()
    assert SAMPLE_CLAIM.encode() in data
    cited.write_bytes(data.replace(SAMPLE_CLAIM.encode(), b"\xff\xfe" + SAMPLE_CLAIM.encode()[2:]))
    for command in (["export", str(cited)], ["export", str(cited), "--format", "csv"]):
        assert main(command) == 1
        err = capsys.readouterr().err
        assert err == (
            f"error: {cited} is damaged (some of its text is no longer readable); no backup of "
            "it was found; recover what is still readable into a new project with "
            f"`annotator salvage {cited} NEW.factcheck` (the damaged file is left as it is).\n"
        )


@pytest.mark.parametrize("kind", list(DAMAGE))
def test_a_damaged_project_is_not_opened_for_editing_and_stays_byte_identical(
    cited: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    statement, problem = DAMAGE[kind]
    problem = problem.replace("sha256 does not match its text", "text does not match its hash")
    _damage(cited, statement)
    before = cited.read_bytes()
    code = main(["set-project", str(cited), "--title", "Built on damage"])
    err = capsys.readouterr().err
    assert code == 1
    assert err.startswith(f"error: {cited} is damaged (")
    assert problem in err
    assert err.endswith(
        f"), so it was not opened for editing; `annotator check {cited}` lists every problem, "
        f"and reading commands such as export still work. {_NO_BACKUP.format(path=cited)}"
    )
    assert cited.read_bytes() == before
    assert not cited.with_name(cited.name + ".lock").exists()
    assert main(["info", str(cited)]) == 0
