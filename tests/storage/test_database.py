"""The project file: one writer, readers alongside, migrations, newer files refused,
damaged files reported, and crash safety."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from annotator.errors import ProjectError, ProjectLockedError, ProjectTooNewError
from annotator.services import Workspace
from annotator.services.integrity import check_project
from annotator.storage import migrate
from tests.conftest import SAMPLE_CLAIM


def test_pragmas_are_set(workspace: Workspace) -> None:
    with workspace.database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_second_writer_gets_a_clear_error_naming_the_file(workspace: Workspace) -> None:
    with pytest.raises(ProjectLockedError) as error:
        Workspace.open(workspace.path)
    assert str(workspace.path) in str(error.value)
    assert "already open for editing" in str(error.value)


def test_second_writer_in_another_process(workspace: Workspace) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "new-title-check", "x"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2  # unknown command is a usage error, not a window
    result = subprocess.run(
        [sys.executable, "-m", "annotator", "set-verdict", str(workspace.path), "x", "true"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("error: ")
    assert "already open for editing" in result.stderr
    assert "Traceback" not in result.stderr


def test_readers_work_while_the_project_is_open(sample_workspace: Workspace) -> None:
    with Workspace.open(sample_workspace.path, read_only=True) as reader:
        assert len(reader.documents.all()) == 1
    assert check_project(sample_workspace.path) == []


def test_lock_is_released_on_close(project_path: Path) -> None:
    Workspace.create(project_path).close()
    Workspace.open(project_path).close()
    assert not project_path.with_name(project_path.name + ".lock").exists()


def test_a_closed_project_refuses_to_write_instead_of_reconnecting(project_path: Path) -> None:
    workspace = Workspace.create(project_path)
    workspace.close()
    with pytest.raises(ProjectError, match="is closed; open it again"):
        workspace.project.set_title("written after close, without the lock")
    reopened = Workspace.open(project_path, read_only=True)
    assert reopened.project.info().title != "written after close, without the lock"
    reopened.close()


def test_missing_and_non_project_files(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="No project at"):
        Workspace.open(tmp_path / "nothing.factcheck")
    text_file = tmp_path / "notes.factcheck"
    text_file.write_text("just text")
    with pytest.raises(ProjectError, match="is not an Annotator project"):
        Workspace.open(text_file)
    other_db = tmp_path / "other.factcheck"
    sqlite3.connect(other_db).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(ProjectError, match="SQLite database but not an Annotator project"):
        Workspace.open(other_db)


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_newer_schema_is_refused_untouched(project_path: Path) -> None:
    Workspace.create(project_path).close()
    connection = sqlite3.connect(project_path)
    connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.commit()
    connection.close()
    before = _file_digest(project_path)
    with pytest.raises(ProjectTooNewError, match="newer version of Annotator"):
        Workspace.open(project_path)
    assert _file_digest(project_path) == before
    assert list(project_path.parent.glob("*.backup-*")) == []


def test_a_missing_schema_version_is_called_damage_not_a_newer_version(
    project_path: Path,
) -> None:
    Workspace.create(project_path).close()
    connection = sqlite3.connect(project_path)
    connection.execute("DELETE FROM alembic_version")
    connection.commit()
    connection.close()
    with pytest.raises(ProjectError) as error:
        Workspace.open(project_path)
    assert not isinstance(error.value, ProjectTooNewError)
    assert str(error.value) == (
        f"{project_path} is damaged (its schema version record is missing); no backup of it was "
        "found; recover what is still readable into a new project with `annotator salvage "
        f"{project_path} NEW.factcheck` (the damaged file is left as it is)."
    )


def test_migration_from_the_first_revision(project_path: Path) -> None:
    engine = create_engine(f"sqlite:///{project_path}")
    with engine.begin() as connection:
        migrate.upgrade(connection, "0001")
        connection.exec_driver_sql(
            "INSERT INTO project (id, title, created_at) VALUES (1, 'Old project', '2025-01-01')"
        )
        connection.exec_driver_sql("INSERT INTO ratings VALUES ('true', 0, 'True', '#00aa00', 1.0)")
        connection.exec_driver_sql(
            "INSERT INTO documents VALUES ('d1', 0, 'Doc', '', '', '', '', 'text', '', 'ltr', "
            f"'Some old text.', '[]', x'00', '{hashlib.sha256(b'Some old text.').hexdigest()}', "
            "'2025-01-01')"
        )
        connection.exec_driver_sql(
            "INSERT INTO claims VALUES ('c1', 'd1', 5, 8, 'old', 'Some ', ' text.', '', 'draft', "
            "'[]', '', '', '', '', '', 'true', 'why', 'me', '2025-01-02', '2025-01-01', "
            "'2025-01-02')"
        )
    engine.dispose()
    with Workspace.open(project_path) as workspace:
        claim = workspace.claims.get("c1")
        assert claim.quote == "old"
        assert claim.verdict is not None
        assert claim.verdict.rating == "true"
        assert claim.anchor_state.value == "exact"
        assert workspace.documents.all()[0].revision == 1
    backups = list(project_path.parent.glob("project.factcheck.backup-*"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as backup:
        assert backup.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    engine = create_engine(f"sqlite:///{project_path}")
    with engine.connect() as connection:
        assert migrate.state(connection) is migrate.State.CURRENT
    engine.dispose()


def test_damaged_file_is_reported_by_check(sample_workspace: Workspace, tmp_path: Path) -> None:
    claim_doc = sample_workspace.documents.all()[0]
    sample_workspace.claims.add_by_quote(claim_doc.id, SAMPLE_CLAIM)
    path = sample_workspace.path
    sample_workspace.close()
    import random

    data = bytearray(path.read_bytes())
    noise = random.Random(7)
    page = 4096
    # Early pages break the schema (caught at open); later ones break the data (caught by
    # the integrity check).
    for first in (1, 3, len(data) // page - 2):
        damaged_data = bytearray(data)
        for offset in range(first * page, min(len(data), (first + 2) * page)):
            damaged_data[offset] = noise.randrange(256)
        damaged = tmp_path / f"damaged-{first}.factcheck"
        damaged.write_bytes(bytes(damaged_data))
        result = subprocess.run(
            [sys.executable, "-m", "annotator", "check", str(damaged)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 1, (first, result.stdout)
        assert "damaged" in result.stderr.splitlines()[-1]
        assert "Traceback" not in result.stderr


CHILD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from annotator.services import Workspace
    workspace = Workspace.open(Path(sys.argv[1]))
    document = workspace.documents.all()[0]
    text = workspace.documents.get(document.id).text
    i = 0
    while True:
        start = i % (len(text) - 20)
        claim = workspace.claims.add(document.id, start, start + 10)
        workspace.claims.set_verdict(claim.id, "false", "x" * 2000)
        print(claim.id, flush=True)
        i += 1
    """
)


def test_killed_writer_loses_no_acknowledged_edit(sample_workspace: Workspace) -> None:
    path = sample_workspace.path
    sample_workspace.close()
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    acknowledged = [child.stdout.readline().strip() for _ in range(40)]
    child.kill()
    child.wait()
    assert check_project(path) == []
    with Workspace.open(path) as workspace:
        stored = {c.id: c for c in workspace.claims.all()}
    for claim_id in acknowledged:
        assert claim_id in stored
        verdict = stored[claim_id].verdict
        assert verdict is not None
        assert verdict.rating == "false"


def test_known_revisions_match_the_migration_scripts() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.config())
    chain = [rev.revision for rev in script.walk_revisions()]
    assert tuple(reversed(chain)) == migrate.REVISIONS
    assert script.get_current_head() == migrate.head()


def test_save_a_copy(sample_workspace: Workspace, tmp_path: Path) -> None:
    copy = tmp_path / "copy.factcheck"
    copy.write_text("an older file the user chose to replace")
    sample_workspace.save_as(copy)
    with Workspace.open(copy) as opened:
        assert len(opened.documents.all()) == 1
    with pytest.raises(ProjectError, match="That is the project itself"):
        sample_workspace.save_as(sample_workspace.path)
    assert list(tmp_path.glob(".*.partial")) == []


def test_a_project_open_elsewhere_is_never_replaced(
    sample_workspace: Workspace, tmp_path: Path
) -> None:
    from annotator.services.workspace import remove_project_file

    other = tmp_path / "other.factcheck"
    with Workspace.create(other) as busy:
        with pytest.raises(ProjectLockedError, match="already open for editing"):
            sample_workspace.save_as(other)
        with pytest.raises(ProjectLockedError):
            remove_project_file(other)
        assert other.exists()
        assert len(busy.documents.all()) == 0


@pytest.mark.parametrize(
    "name", ["draft?v2.factcheck", "a#b.factcheck", "50%41 done.factcheck", "é ü 😀.factcheck"]
)
def test_any_file_name_opens_that_file(tmp_path: Path, name: str, sample_path: Path) -> None:
    path = tmp_path / name
    with Workspace.create(path, "Odd name") as workspace:
        workspace.documents.add_file(sample_path)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == [name]
    with Workspace.open(path, read_only=True) as reader:
        assert len(reader.documents.all()) == 1
    assert check_project(path) == []
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "home") == [name]


def test_a_full_disk_when_taking_the_lock_is_explained_and_leaves_no_lock(
    project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    Workspace.create(project_path).close()

    def disk_full(*_args: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "pwrite", disk_full)  # the lock writes its holder's pid unbuffered
    with pytest.raises(ProjectLockedError) as error:
        Workspace.open(project_path)
    assert str(error.value) == (
        f"Cannot open {project_path} for editing: its lock file cannot be written "
        "(No space left on device); free some space on that disk and try again."
    )
    assert not project_path.with_name(project_path.name + ".lock").exists()


def test_the_project_file_alone_holds_every_edit_while_the_project_is_open(
    project_path: Path, tmp_path: Path
) -> None:
    import shutil

    with Workspace.create(project_path) as workspace:
        workspace.project.set_title("Edited while open")
        copy = tmp_path / "copy" / "backup.factcheck"
        copy.parent.mkdir()
        shutil.copyfile(project_path, copy)  # only the .factcheck, as a backup tool might
    with Workspace.open(copy, read_only=True) as backup:
        assert backup.project.info().title == "Edited while open"


def test_a_project_in_a_read_only_folder_can_still_be_read(
    project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    with Workspace.create(project_path) as workspace:
        workspace.project.set_title("On a read-only medium")
    real_access = os.access

    def read_only_folder(path: object, mode: int, **kwargs: object) -> bool:
        if Path(str(path)) == project_path.parent and mode & os.W_OK:
            return False  # as on a read-only mount (root passes permission checks otherwise)
        return real_access(path, mode)  # type: ignore[arg-type]

    monkeypatch.setattr("annotator.storage.database.os.access", read_only_folder)
    with Workspace.open(project_path, read_only=True) as reader:
        assert reader.project.info().title == "On a read-only medium"


def test_a_project_that_cannot_be_created_whole_leaves_nothing_behind(
    project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.storage import migrate

    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(migrate, "upgrade", disk_full)
    with pytest.raises(ProjectError) as error:
        Workspace.create(project_path)
    assert str(error.value) == f"Cannot create {project_path}: No space left on device."
    assert sorted(p.name for p in project_path.parent.iterdir()) == []
    monkeypatch.undo()
    Workspace.create(project_path).close()  # a retry works: no "already exists"


def test_a_joined_call_that_fails_and_is_stepped_over_leaves_no_writes(
    project_path: Path,
) -> None:
    from annotator.errors import ValidationError
    from annotator.storage.rows import ProjectRow

    with Workspace.create(project_path) as workspace:
        with workspace.database.session():
            workspace.project.set_title("Kept")
            try:
                with workspace.database.session() as session:
                    row = session.get(ProjectRow, 1)
                    assert row is not None
                    row.checker = "Written, then refused"
                    session.flush()
                    raise ValidationError("one annotation that does not fit")
            except ValidationError:
                pass  # as importing annotations does: skip it, go on with the rest
        info = workspace.project.info()
    assert (info.title, info.checker) == ("Kept", "")


def test_listing_articles_reads_no_article_text_or_imported_file(project_path: Path) -> None:
    from sqlalchemy import event

    from annotator.formats.importers import import_pasted_text

    with Workspace.create(project_path) as workspace:
        workspace.documents.add(import_pasted_text("A first article. " * 1000))
        statements: list[str] = []

        def seen(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
            statements.append(statement)

        event.listen(workspace.database.engine, "before_cursor_execute", seen)
        [info] = workspace.documents.all()
        assert info.title
        selected = " ".join(s for s in statements if s.lstrip().upper().startswith("SELECT"))
        assert "documents.original" not in selected
        assert "documents.text" not in selected
