"""Backups, restore and salvage: through SQLite's backup API into the user data folder, on
open, every N minutes while the project changes and on close, pruned by the policy, each
checked; a restore that backs up the current file first; a salvage of a damaged project."""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.domain.model import AnchorState, Source, Stance
from annotator.errors import ProjectError, ProjectLockedError
from annotator.paths import backup_folder
from annotator.services import Workspace, backups
from annotator.services.backups import BackupPolicy, list_backups, make_backup, prune
from annotator.services.integrity import check_project
from annotator.services.salvage import LOST_ARTICLE, salvage
from tests.conftest import SAMPLE_CLAIM


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _cli(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_backup_is_a_checked_copy_named_with_project_and_time(
    sample_workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    [document] = sample_workspace.documents.all()
    claim = sample_workspace.claims.add_by_quote(document.id, SAMPLE_CLAIM)
    sample_workspace.claims.set_verdict(claim.id, "false")
    made = make_backup(sample_workspace.database)
    assert made.path.parent == backup_folder(sample_workspace.path)
    assert made.path.name.startswith("project.2")
    assert made.path.name.endswith("Z.factcheck")
    assert (made.claims, made.verdicts) == (1, 1)
    assert check_project(made.path) == []
    assert list(made.path.parent.glob(".*")) == []  # no partial file left
    code, out, _err = _cli(capsys, "backups", sample_workspace.path, "--json")
    assert code == 0
    [listed] = json.loads(out)
    assert listed == {
        "path": str(made.path),
        "time": made.time.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "size": made.path.stat().st_size,
        "claims": 1,
        "verdicts": 1,
    }


def test_backup_o_writes_a_new_file_and_never_overwrites(
    workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "copy.factcheck"
    code, out, err = _cli(capsys, "backup", workspace.path, "-o", target)  # while open
    assert (code, err) == (0, "")
    assert str(target) in out
    assert check_project(target) == []
    code, _out, err = _cli(capsys, "backup", workspace.path, "-o", target)
    assert (code, err) == (
        1,
        f"error: {target} already exists; choose a new file name for the backup.\n",
    )


def test_automatic_backups_on_open_while_changing_and_on_close(project_path: Path) -> None:
    Workspace.create(project_path, "Weeks of work").close()
    clock = Clock()
    policy = BackupPolicy(interval_minutes=15)
    opened = Workspace.open(project_path)
    opened.auto_backup = backups.AutoBackup(opened.database, policy, clock)
    assert len(list_backups(project_path)) == 1  # on open: no backup of it existed
    opened.project.set_title("First edit")
    clock.now += 14 * 60
    opened.project.set_title("Second edit")
    assert len(list_backups(project_path)) == 1  # within the interval
    clock.now += 2 * 60
    opened.project.set_title("Third edit")
    assert len(list_backups(project_path)) == 2  # the interval passed while it changed
    clock.now += 60 * 60
    opened.project.info()  # reading is no change: no backup
    assert len(list_backups(project_path)) == 2
    opened.project.set_title("Last edit")  # an hour later: backed up at once
    opened.project.set_title("Really the last edit")
    opened.close()  # on close, the edit since the last backup
    found = list_backups(project_path)
    assert len(found) == 4
    with Workspace.open(found[0].path, read_only=True) as newest:
        assert newest.project.info().title == "Really the last edit"
    with Workspace.open(project_path, backups=policy) as _unchanged:
        pass
    assert len(list_backups(project_path)) == 4  # opened and closed without a change


def test_a_failed_automatic_backup_never_fails_the_edit(
    project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(*_args: object, **_kwargs: object) -> None:
        raise ProjectError("Cannot write a backup: No space left on device.")

    monkeypatch.setattr(backups, "make_backup", disk_full)
    Workspace.create(project_path).close()
    with Workspace.open(project_path, backups=BackupPolicy(interval_minutes=0)) as workspace:
        workspace.project.set_title("Saved all the same")
        assert workspace.auto_backup is not None
        assert workspace.auto_backup.last_error == "Cannot write a backup: No space left on device."
    with Workspace.open(project_path, read_only=True) as reader:
        assert reader.project.info().title == "Saved all the same"


def test_pruning_keeps_the_last_ten_and_one_a_day_for_fourteen_days(
    workspace: Workspace, tmp_path: Path
) -> None:
    model = make_backup(workspace.database).path
    folder = model.parent
    model.unlink()
    now = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
    times = [now - timedelta(hours=6 * n) for n in range(100)]  # 4 a day for 25 days
    for when in times:
        shutil.copyfile(workspace.path, folder / f"project.{when:%Y%m%dT%H%M%SZ}.factcheck")
    removed = prune(folder, BackupPolicy(keep_last=10, keep_days=14), now)
    kept = sorted(p.name for p in folder.iterdir())
    expected_recent = {f"project.{t:%Y%m%dT%H%M%SZ}.factcheck" for t in times[:10]}
    daily = {
        f"project.{max(t for t in times if t.date() == day):%Y%m%dT%H%M%SZ}.factcheck"
        for day in {(now - timedelta(days=d)).date() for d in range(14)}
    }
    assert set(kept) == expected_recent | daily
    assert len(removed) == 100 - len(kept)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_restore_backs_up_the_current_file_first(
    sample_workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    path = sample_workspace.path
    [document] = sample_workspace.documents.all()
    claim = sample_workspace.claims.add_by_quote(document.id, SAMPLE_CLAIM)
    sample_workspace.claims.set_verdict(claim.id, "false")
    good = make_backup(sample_workspace.database)
    sample_workspace.claims.delete(claim.id)  # the mistake the user wants undone
    with pytest.raises(ProjectLockedError):  # never under a window that has it open
        backups.restore_backup(path, good.path)
    sample_workspace.close()
    code, out, err = _cli(capsys, "restore", path, good.path)
    assert (code, err) == (0, "")
    kept = Path(out.splitlines()[0].removeprefix("The project as it was is kept in "))
    assert kept.parent == backup_folder(path)
    with Workspace.open(kept, read_only=True) as previous:
        assert previous.claims.all() == []  # the state just before the restore
    with Workspace.open(path, read_only=True) as restored:
        verdict = restored.claims.get(claim.id).verdict
        assert verdict is not None
        assert verdict.rating == "false"
    assert check_project(path) == []
    assert sorted(p.name for p in path.parent.iterdir() if p.name != "home") == [path.name]


def test_a_damaged_backup_is_not_restored(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = make_backup(workspace.database).path
    connection = sqlite3.connect(bad)
    connection.execute("DELETE FROM alembic_version")
    connection.commit()
    connection.close()
    workspace.close()
    before = _digest(workspace.path)
    code, _out, err = _cli(capsys, "restore", workspace.path, bad)
    assert code == 1
    assert err.startswith(f"error: {bad} is damaged (its schema version record is missing)")
    assert _digest(workspace.path) == before


def test_salvage_keeps_what_is_readable_and_says_what_was_lost(
    sample_workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = sample_workspace.path
    [document] = sample_workspace.documents.all()
    second = sample_workspace.documents.add_file(sample_workspace_article(tmp_path))
    kept_claim = sample_workspace.claims.add_by_quote(document.id, SAMPLE_CLAIM)
    sample_workspace.claims.set_verdict(kept_claim.id, "mostly-true", "2015 deal")
    sample_workspace.sources.cite(
        kept_claim.id, Source("", "https://example.org/a"), Stance.SUPPORTS
    )
    orphan = sample_workspace.claims.add_by_quote(second.id, "Second article")
    sample_workspace.close()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys=OFF")
    connection.execute("DELETE FROM documents WHERE id = ?", (second.id,))  # its claim orphaned
    connection.execute(  # text and structure both damaged: cannot be rebuilt
        "UPDATE documents SET text = replace(text, 'Pakistan', 'Pak1stan'), "
        "body = replace(body, 'Pakistan', 'Pak1stan')"
    )
    connection.execute("DELETE FROM sources")  # a claim's link to it is lost
    connection.commit()
    connection.close()
    before = _digest(path)
    new = tmp_path / "salvaged.factcheck"
    code, out, err = _cli(capsys, "salvage", path, new)
    assert (code, err) == (0, "")
    assert _digest(path) == before
    assert check_project(new) == []
    lines = out.splitlines()
    assert "lost: 1 links from claims to sources" in lines
    assert "kept: 2 of 2 claims" in lines
    assert any(
        line.startswith(f"kept: document {document.id}, whose text was damaged") for line in lines
    )
    assert (
        "kept: 1 claims whose article was lost, on the document “Claims whose article was lost”, flagged ORPHANED"
        in lines
    )
    with Workspace.open(new, read_only=True) as salvaged:
        claims = {c.id: c for c in salvaged.claims.all()}
        assert claims[kept_claim.id].anchor_state is AnchorState.FUZZY  # quote still fits
        assert claims[kept_claim.id].verdict is not None
        assert claims[orphan.id].anchor_state is AnchorState.ORPHANED
        titles = {d.title for d in salvaged.documents.all()}
        assert LOST_ARTICLE in titles
        assert any(t.startswith("[damaged text] ") for t in titles)
        assert salvaged.project.info().title == "Test project (salvaged)"


def sample_workspace_article(tmp_path: Path) -> Path:
    article = tmp_path / "second.txt"
    article.write_text("Second article\n\nIt says something else entirely.\n")
    return article


def test_salvage_refuses_an_existing_target(workspace: Workspace, tmp_path: Path) -> None:
    workspace.close()
    with pytest.raises(ProjectError, match="already exists"):
        salvage(workspace.path, workspace.path)


def test_the_app_turns_automatic_backups_on_for_the_projects_it_opens(
    project_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.app import enable_automatic_backups
    from annotator.settings import Settings

    monkeypatch.setattr(Workspace, "default_backups", None)
    Workspace.create(project_path, "Opened in the window").close()
    with Workspace.open(project_path):
        pass
    assert list_backups(project_path) == []  # the CLI's writers make none
    enable_automatic_backups(Settings(backup_keep_last=3))
    assert Workspace.default_backups == BackupPolicy(15, 3, 14)
    with Workspace.open(project_path) as workspace:
        workspace.project.set_title("Edited in the window")
    [on_open, on_close] = list_backups(project_path)[::-1]
    with Workspace.open(on_close.path, read_only=True) as newest:
        assert newest.project.info().title == "Edited in the window"
    assert on_open.path != on_close.path
