"""Keeping a project safe from the window: File › Restore from backup…, Tools › Check project,
opening a project that is damaged (restore, salvage or read it) or read-only (read it).

The services and dialogs load when first used, not with the window (DESIGN.md). Checks and
salvage run off the UI thread on connections of their own (``ui/tasks.py``); the
open project's connection stays on the UI thread (DESIGN.md, "Threads").
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QAbstractButton, QDialog, QFileDialog, QMessageBox, QWidget

from annotator.errors import AnnotatorError, ProjectDamagedError
from annotator.paths import PROJECT_SUFFIX
from annotator.ui.error_handler import show_error
from annotator.ui.plain import safe
from annotator.ui.runner import Attempt
from annotator.ui.tasks import Cancelled, Progress, TaskCancelled, run_task

if TYPE_CHECKING:
    from annotator.services import Workspace
    from annotator.ui.session import ProjectSession

_RESTORE = "Restore from backup…"
_SALVAGE = "Salvage into a new project…"
_READ_ONLY = "Open read-only"


def ask(box: QMessageBox) -> QAbstractButton | None:
    """Show ``box`` and return the button clicked (tests answer in its place)."""
    box.exec()
    return box.clickedButton()


class RecoveryHost(Protocol):
    """What the recovery actions ask of the window."""

    session: ProjectSession | None

    def dialog_parent(self) -> QWidget: ...
    def show_status(self, text: str, timeout_ms: int) -> None: ...
    def open_path(self, path: Path) -> bool: ...
    def close_project(self) -> None: ...
    def folder(self) -> str: ...


class RecoveryActions(QObject):
    def __init__(self, host: RecoveryHost) -> None:
        super().__init__(host.dialog_parent())
        self.host = host

    # Opening

    def open_workspace(self, path: Path) -> Workspace | None:
        """Open ``path`` for editing; read-only when it cannot be written; when it is damaged,
        say so and offer restore, salvage or reading it. None when nothing was opened."""
        from annotator.services import Workspace
        from annotator.services.recovery import writable

        parent = self.host.dialog_parent()
        read_only = not writable(path)
        try:
            return Workspace.open(path, read_only=read_only)
        except ProjectDamagedError as exc:
            return self._damaged(path, str(exc))
        except AnnotatorError as exc:
            show_error(parent, str(exc))
            return None

    def _damaged(self, path: Path, message: str) -> Workspace | None:
        from annotator.services import Workspace
        from annotator.services.backups import list_backups
        from annotator.services.recovery import quick_problems

        try:
            quick_problems(path)
            readable = True
        except AnnotatorError:
            readable = False
        box = QMessageBox(self.host.dialog_parent())
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Damaged project")
        box.setText(f"{safe(path.name)} is damaged, so it was not opened for editing.")
        box.setInformativeText(message)
        restore = box.addButton(_RESTORE, QMessageBox.ButtonRole.ActionRole)
        restore.setEnabled(bool(list_backups(path)))
        salvage = box.addButton(_SALVAGE, QMessageBox.ButtonRole.ActionRole)
        read = box.addButton(_READ_ONLY, QMessageBox.ButtonRole.ActionRole)
        read.setEnabled(readable)
        box.addButton(QMessageBox.StandardButton.Cancel)
        clicked = ask(box)
        if clicked is restore:
            self.restore(path)
        elif clicked is salvage:
            self.salvage(path)
        elif clicked is read:
            with Attempt(self.host.dialog_parent()):
                return Workspace.open(path, read_only=True)
        return None

    # File › Restore from backup…

    def restore_open_project(self) -> None:
        if self.host.session is not None:
            self.restore(self.host.session.path)

    def restore(self, project: Path) -> None:
        """Choose one of ``project``'s backups, confirm, restore it (the project as it is is
        backed up first) and open the restored project."""
        from annotator.services.backups import list_backups, restore_backup
        from annotator.services.recovery import backup_problems
        from annotator.ui.dialogs.restore import RestoreDialog, shown_time

        parent = self.host.dialog_parent()
        backups = list_backups(project)
        problems: dict[Path, list[str]] = {}
        for info in backups:
            try:
                problems[info.path] = backup_problems(info.path)
            except AnnotatorError as exc:
                problems[info.path] = [str(exc)]
        dialog = RestoreDialog(parent, project, backups, problems)
        chosen = dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
        if chosen is None:
            return
        when = shown_time(next(b for b in backups if b.path == chosen))
        answer = QMessageBox.question(
            parent,
            "Restore from backup",
            f"Replace {project.name} with its backup of {when}? The project as it is now is "
            "backed up first, so this restore can itself be undone.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        was_open = self.host.session is not None and self.host.session.path == project
        if was_open:
            self.host.close_project()  # releases the lock the restore takes
        with Attempt(parent) as attempt:
            done = restore_backup(project, chosen)
        if attempt.failed:
            if was_open:
                self.host.open_path(project)
            return
        if self.host.open_path(project):
            kept = f"; the project as it was is kept in {done.previous}" if done.previous else ""
            self.host.show_status(f"Restored the backup of {when}{kept}", 10000)

    # Salvage

    def salvage(self, damaged: Path) -> None:
        """Build a new project from what ``damaged`` still holds, show what was kept and lost,
        and open it."""
        from annotator.services.salvage import salvage
        from annotator.services.workspace import remove_project_file
        from annotator.ui.dialogs.restore import SalvageDialog
        from annotator.ui.project_actions import with_project_suffix

        parent = self.host.dialog_parent()
        suggestion = damaged.with_name(f"{damaged.stem} salvaged{PROJECT_SUFFIX}")
        chosen, _ = QFileDialog.getSaveFileName(
            parent, "Salvage into a new project", str(suggestion), f"*{PROJECT_SUFFIX}"
        )
        if not chosen:
            return
        new = with_project_suffix(Path(chosen))
        try:
            with Attempt(parent) as attempt:
                remove_project_file(new)  # the file dialog asked whether to replace it
                report = run_task(
                    parent, "Salvaging the project…", lambda _p, _c: salvage(damaged, new)
                )
        except TaskCancelled:
            return
        if attempt.failed:
            return
        if SalvageDialog(parent, new, report).exec() == QDialog.DialogCode.Accepted:
            self.host.open_path(new)

    # Tools › Check project

    def check_open_project(self) -> None:
        """What ``annotator check`` does, on a read-only connection of its own in a worker."""
        from annotator.services.integrity import check_project, damage_advice

        session = self.host.session
        if session is None:
            return
        path = session.path
        parent = self.host.dialog_parent()

        def work(_progress: Progress, _cancelled: Cancelled) -> list[str]:
            return check_project(path)

        try:
            with Attempt(parent) as attempt:
                problems = run_task(parent, "Checking the project…", work)
        except TaskCancelled:
            return
        if attempt.failed:
            return
        if not problems:
            QMessageBox.information(
                parent,
                "Check project",
                f"No problems found in {path.name}: the file, every claim's place in its "
                "article and every source snapshot are sound.",
            )
            return
        listed = "\n".join(f"• {problem}" for problem in problems[:20])
        more = f"\n…and {len(problems) - 20} more." if len(problems) > 20 else ""
        QMessageBox.warning(
            parent,
            "Check project",
            f"{path.name} has {len(problems)} problem{'s' if len(problems) > 1 else ''}:\n"
            f"{listed}{more}\n\nWhat to do: File › {_RESTORE} goes back to a sound backup; or "
            f"close the project and open it again to salvage it into a new project. From the "
            f"command line: {damage_advice(path)}",
        )
