"""An open project and the services that act on it: the composition the GUI and CLI use."""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager
from pathlib import Path
from types import TracebackType
from typing import ClassVar

from annotator.domain.ratings import DEFAULT_SCALE
from annotator.errors import ProjectDamagedError, ProjectError
from annotator.paths import PROJECT_SUFFIX
from annotator.services.backups import AutoBackup, BackupPolicy
from annotator.services.claims import ClaimService
from annotator.services.common import utc_now
from annotator.services.documents import DocumentService
from annotator.services.project import ProjectService
from annotator.services.revisions import RevisionService
from annotator.services.search import ClaimSearch
from annotator.services.snapshots import SnapshotService
from annotator.services.sources import SourceService
from annotator.services.suggestions import SuggestionService
from annotator.settings import load_settings
from annotator.storage.database import (
    Database,
    create_database,
    damage_advice,
    discard_new_project,
    open_database,
    remove_sidecars,
)
from annotator.storage.integrity import project_problems
from annotator.storage.lock import WriterLock
from annotator.storage.projectfile import real_path
from annotator.storage.rows import ProjectRow, rating_row

__all__ = ["PROJECT_SUFFIX", "Workspace", "remove_project_file"]


def remove_project_file(path: Path) -> None:
    """Delete a project file the user chose to replace, unless it is open for editing
    somewhere (then ProjectLockedError says so and nothing is deleted)."""
    if not path.exists():
        return
    lock = WriterLock.acquire(real_path(path), shown=path)
    try:
        path.unlink()
        remove_sidecars(path)
    finally:
        lock.release()


def _damaged_for_editing(path: Path, problems: list[str]) -> ProjectDamagedError:
    more = len(problems) - 1
    extra = f" and {more} more problem{'s' if more > 1 else ''}" if more else ""
    return ProjectDamagedError(
        f"{path} is damaged ({problems[0]}{extra}), so it was not opened for editing; "
        f"`annotator check {path}` lists every problem, and reading commands such as export "
        f"still work. {_sentence(damage_advice(path))}",
        problems[0],
    )


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


class Workspace:
    """One open project file with its services. Close it (or use ``with``) when done."""

    default_backups: ClassVar[BackupPolicy | None] = None
    """The backup policy of writers opened without one: the app's composition root sets it
    from the settings (so the window backs up automatically); the CLI leaves it None."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.auto_backup: AutoBackup | None = None
        self.project = ProjectService(database)
        self.documents = DocumentService(database)
        self.claims = ClaimService(database)
        # The checker's name set once for the app; a project's own checker wins over it.
        self.claims.app_checker = load_settings().checker_name
        self.sources = SourceService(database)
        self.snapshots = SnapshotService(database)
        self.revisions = RevisionService(database)
        self.suggestions = SuggestionService(database)
        self.search = ClaimSearch(database)

    @property
    def path(self) -> Path:
        return self.database.path

    @property
    def read_only(self) -> bool:
        return self.database.read_only

    @classmethod
    def create(cls, path: Path, title: str = "") -> Workspace:
        """Create a new project file with the default rating scale."""
        database = create_database(path)
        try:
            with database.session() as session:
                session.add(
                    ProjectRow(id=1, title=title.strip() or path.stem, created_at=utc_now())
                )
                for position, rating in enumerate(DEFAULT_SCALE):
                    session.add(rating_row(rating, position))
        except BaseException:
            database.close()
            discard_new_project(path, None, None)
            raise
        return cls(database)

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        read_only: bool = False,
        wait: float = 0,
        backups: BackupPolicy | None = None,
    ) -> Workspace:
        """Open a project; a writer waits up to ``wait`` seconds for another writer to finish.

        A writer first checks the project as ``annotator check`` does and refuses a damaged
        one: edits would build on the damage, and a later restore or salvage would lose them.
        Readers still open it, so what is readable can be exported. With ``backups``, a
        writer is backed up automatically (``services/backups.py``)."""
        database = open_database(path, read_only=read_only, wait=wait)
        if not read_only:
            try:
                problems = project_problems(database, quick=True)
            except BaseException:
                database.close()
                raise
            if problems:
                database.close()
                raise _damaged_for_editing(path, problems)
        workspace = cls(database)
        policy = backups or cls.default_backups
        if policy is not None and not read_only:
            workspace.auto_backup = AutoBackup(database, policy)
        return workspace

    def unit_of_work(self) -> AbstractContextManager[object]:
        """One transaction for several service calls: they join it, and it commits once at
        the end, or rolls everything back if any of them raises."""
        return self.database.session()

    def save_as(self, target: Path) -> None:
        """Write a consistent copy of the whole project to ``target`` (replacing a project
        there unless it is open somewhere); the copy appears whole or not at all."""
        if target.resolve() == self.path.resolve():
            raise ProjectError("That is the project itself; choose another file name for the copy.")
        partial = target.with_name(f".{target.name}.partial")
        partial.unlink(missing_ok=True)
        try:
            self.database.backup_to(partial)
            remove_project_file(target)
            partial.replace(target)
        except (OSError, sqlite3.Error) as exc:
            partial.unlink(missing_ok=True)
            raise ProjectError(f"Cannot write a copy to {target}: {exc}.") from None

    def close(self) -> None:
        if self.auto_backup is not None and not self.database.closed:
            self.auto_backup.closing()
        self.database.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
