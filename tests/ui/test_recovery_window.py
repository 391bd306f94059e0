"""Keeping a project safe from the window: File › Restore from backup…, Tools › Check project,
opening a damaged project (restore, salvage, read-only) and a project that cannot be written."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QDialog, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from annotator.services import Workspace
from annotator.services.backups import make_backup
from annotator.services.integrity import check_project
from annotator.ui import recovery
from annotator.ui.dialogs.restore import RestoreDialog, SalvageDialog
from annotator.ui.main_window import MainWindow
from tests.conftest import SAMPLE_CLAIM
from tests.ui.conftest import DialogRecorder


@pytest.fixture
def project(tmp_path: Path, sample_path: Path) -> Path:
    """A closed project with one article and one claim on it."""
    path = tmp_path / "weeks.factcheck"
    with Workspace.create(path, "Weeks of work") as workspace:
        document = workspace.documents.add_file(sample_path)
        claim = workspace.claims.add_by_quote(document.id, SAMPLE_CLAIM)
        workspace.claims.set_verdict(claim.id, "false")
    return path


def _damage_text(path: Path) -> None:
    """An article's text no longer matches its hash (what a flipped bit in it does)."""
    connection = sqlite3.connect(path)
    connection.execute("UPDATE documents SET text = replace(text, 'Pakistan', 'Pak1stan')")
    connection.commit()
    connection.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Answered:
    """Stands in for a modal dialog's ``exec``: records the dialog and answers."""

    def __init__(self, answer: QDialog.DialogCode = QDialog.DialogCode.Accepted) -> None:
        self.answer = answer
        self.shown: list[QDialog] = []

    def install(self, monkeypatch: pytest.MonkeyPatch, kind: type[QDialog]) -> None:
        def exec_(dialog: QDialog) -> int:
            self.shown.append(dialog)
            return self.answer.value

        monkeypatch.setattr(kind, "exec", exec_)


def test_restore_from_backup_previews_the_difference_and_reopens_the_restored_project(
    window: MainWindow, project: Path, dialogs: DialogRecorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.open_path(project)
    assert window.session is not None
    workspace = window.session.workspace
    make_backup(workspace.database)
    [claim] = workspace.claims.all()
    workspace.claims.delete(claim.id)  # the mistake to undo
    answered = Answered()
    answered.install(monkeypatch, RestoreDialog)
    dialogs.answer = QMessageBox.StandardButton.Yes
    window.action_map["restore-backup"].trigger()
    [dialog] = answered.shown
    assert isinstance(dialog, RestoreDialog)
    row = dialog.table.topLevelItem(0)
    assert (row.text(2), row.text(3), row.text(4)) == ("1", "1", "sound")
    preview = dialog.preview.toPlainText()
    assert "• 1 claim deleted" in preview
    assert "• 1 verdict deleted" in preview
    assert f"deleted since: “{SAMPLE_CLAIM}”" in preview
    title, question = dialogs.messages[-1]
    assert title == "Restore from backup"
    assert question.startswith("Replace weeks.factcheck with its backup of ")
    assert window.session is not None
    assert window.session.path == project
    [restored] = window.session.read.claims()
    assert restored.id == claim.id
    assert restored.verdict is not None
    assert restored.verdict.rating == "false"
    assert "the project as it was is kept in" in window.statusBar().currentMessage()


def test_a_damaged_backup_is_shown_as_damaged_and_cannot_be_restored(
    window: MainWindow, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.open_path(project)
    assert window.session is not None
    bad = make_backup(window.session.workspace.database).path
    connection = sqlite3.connect(bad)
    connection.execute("DELETE FROM alembic_version")
    connection.commit()
    connection.close()
    answered = Answered(QDialog.DialogCode.Rejected)
    answered.install(monkeypatch, RestoreDialog)
    window.action_map["restore-backup"].trigger()
    [dialog] = answered.shown
    assert isinstance(dialog, RestoreDialog)
    assert dialog.table.topLevelItem(0).text(4) == "damaged"
    assert not dialog.restore_button.isEnabled()
    assert dialog.preview.toPlainText().startswith(
        "This backup is damaged (its schema version record is missing), so it cannot be restored"
    )


def test_check_project_says_ok_or_lists_the_problems_with_what_to_do(
    window: MainWindow, project: Path, dialogs: DialogRecorder, qtbot: QtBot
) -> None:
    assert window.open_path(project)
    window.action_map["check-project"].trigger()
    qtbot.waitUntil(lambda: bool(dialogs.messages), timeout=10000)
    title, text = dialogs.messages[-1]
    assert (title, text.split(":")[0]) == ("Check project", "No problems found in weeks.factcheck")
    _damage_text(project)  # damaged under the open window (a disk error, another program)
    window.action_map["check-project"].trigger()
    qtbot.waitUntil(lambda: len(dialogs.messages) == 2, timeout=10000)
    title, text = dialogs.messages[-1]
    assert title == "Check project"
    assert text.startswith("weeks.factcheck has 1 problem:\n• document ")
    assert "text does not match its hash" in text
    assert "What to do: File › Restore from backup…" in text


def _answer_damage(monkeypatch: pytest.MonkeyPatch, choice: str) -> dict[str, bool]:
    """Click ``choice`` in the damaged-project dialog; returns its buttons (text: enabled)."""
    seen: dict[str, bool] = {}

    def ask(box: QMessageBox) -> QAbstractButton | None:
        assert box.text() == "weeks.factcheck is damaged, so it was not opened for editing."
        assert "is damaged (document " in box.informativeText()
        for button in box.buttons():
            seen[button.text()] = button.isEnabled()
        return next((b for b in box.buttons() if b.text() == choice), None)

    monkeypatch.setattr(recovery, "ask", ask)
    return seen


def test_a_damaged_project_is_salvaged_into_a_new_one_that_opens(
    window: MainWindow, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _damage_text(project)
    before = _digest(project)
    seen = _answer_damage(monkeypatch, "Salvage into a new project…")
    new = tmp_path / "rescued.factcheck"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(new), ""))
    answered = Answered()
    answered.install(monkeypatch, SalvageDialog)
    assert not window.open_path(project)
    assert seen == {
        "Restore from backup…": False,  # there is no backup of it
        "Salvage into a new project…": True,
        "Open read-only": True,
        "Cancel": True,
    }
    [dialog] = answered.shown
    assert isinstance(dialog, SalvageDialog)
    account = dialog.account.toPlainText()
    assert account.startswith("Kept:\n• ")
    assert "• 1 of 1 claims" in account
    assert "• 1 of 1 documents" in account  # its text rebuilt from its structure
    assert account.endswith("Lost:\n• nothing")
    assert window.session is not None
    assert window.session.path == new
    assert _digest(project) == before  # the damaged file is left as it is


def test_a_damaged_project_opens_read_only_with_edits_disabled(
    window: MainWindow, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Workspace.open(project) as workspace:
        make_backup(workspace.database)
    _damage_text(project)
    seen = _answer_damage(monkeypatch, "Open read-only")
    assert window.open_path(project)
    assert seen["Restore from backup…"]  # a backup exists now
    assert window.windowTitle() == "Weeks of work — weeks.factcheck (read-only) — Annotator"
    for edit in ("create-claim", "import-article", "project-settings", "delete-document"):
        assert not window.action_map[edit].isEnabled(), edit
    assert window.action_map["check-project"].isEnabled()
    assert window.action_map["restore-backup"].isEnabled()  # the way out of the damage
    assert not window.verdict_menu.isEnabled()


@pytest.fixture
def immutable_project(project: Path) -> Iterator[Path]:
    """The project made immutable (``chattr +i``): the tests run as root, which ignores
    permission bits, but not the immutable flag (as a read-only mount would)."""
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not available to make a file immutable")
    made = subprocess.run(["chattr", "+i", str(project)], capture_output=True, check=False)
    if made.returncode != 0:
        pytest.skip(f"this file system cannot make a file immutable: {made.stderr!r}")
    try:
        yield project
    finally:
        subprocess.run(["chattr", "-i", str(project)], check=True)


def test_an_immutable_project_opens_read_only_and_nothing_is_written(
    window: MainWindow, immutable_project: Path
) -> None:
    before = _digest(immutable_project)
    assert window.open_path(immutable_project)
    assert window.windowTitle().endswith("weeks.factcheck (read-only) — Annotator")
    assert not window.action_map["create-claim"].isEnabled()
    assert window.session is not None
    assert len(window.session.read.claims()) == 1
    window.close_project()
    assert sorted(p.name for p in immutable_project.parent.iterdir() if p.name != "home") == [
        "weeks.factcheck"
    ]  # no lock, no -journal, -wal or -shm
    assert _digest(immutable_project) == before


def test_a_damaged_project_is_restored_from_its_backup_and_opens(
    window: MainWindow, project: Path, dialogs: DialogRecorder, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Workspace.open(project) as workspace:
        make_backup(workspace.database)
    _damage_text(project)
    _answer_damage(monkeypatch, "Restore from backup…")
    answered = Answered()
    answered.install(monkeypatch, RestoreDialog)
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert not window.open_path(project)  # the damaged file itself was not opened...
    [dialog] = answered.shown
    assert isinstance(dialog, RestoreDialog)
    assert "• 1 article changed" in dialog.preview.toPlainText()
    assert window.session is not None  # ...the restored one was
    assert window.session.path == project
    assert not window.session.read_only
    assert check_project(project) == []
