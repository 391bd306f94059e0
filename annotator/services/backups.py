"""Automatic and manual backups of a project, as Anki and Zotero keep them.

Each backup is written with SQLite's backup API (a consistent copy even while the project is
being edited; never a file copy), checked with ``integrity_check``, and only then given its
name, ``<project>.<UTC time>.factcheck``, in a folder of the user data folder
(``paths.backups_dir()``) named after the project and its location. A writer opened with a
``BackupPolicy`` backs up on open (when the project changed since the newest backup), every
``interval_minutes`` while it changes, and on close; each new backup prunes the folder to the
newest ``keep_last`` plus the newest of each of the last ``keep_days`` days.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

from annotator.errors import ProjectError
from annotator.paths import PROJECT_SUFFIX, backup_folder
from annotator.storage.database import Database, open_database, remove_sidecars
from annotator.storage.integrity import project_problems
from annotator.storage.lock import WriterLock
from annotator.storage.projectfile import check_name_length

log = logging.getLogger(__name__)

_STAMP = "%Y%m%dT%H%M%SZ"


@dataclass(frozen=True, slots=True)
class BackupPolicy:
    """When backups are made and how many are kept (the user's settings)."""

    interval_minutes: float = 15
    keep_last: int = 10
    keep_days: int = 14


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    time: datetime
    size: int
    claims: int
    verdicts: int

    def to_json(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "time": self.time.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "size": self.size,
            "claims": self.claims,
            "verdicts": self.verdicts,
        }


def make_backup(database: Database, target: Path | None = None) -> BackupInfo:
    """Back up the open project now, to ``target`` or into its backup folder; the copy is
    checked before it gets its name, so a listed backup is always a sound project."""
    final = target or _new_name(backup_folder(database.path), database.path)
    final.parent.mkdir(parents=True, exist_ok=True)
    partial = final.with_name(f".{final.name}.partial")
    try:
        partial.unlink(missing_ok=True)
        database.backup_to(partial)
        problems = _integrity(partial)
        if problems:
            raise ProjectError(
                f"The backup of {database.path} failed its check ({problems[0]}); the project "
                "itself may be damaged: run `annotator check` on it."
            )
        _fsync(partial)
        partial.replace(final)
    except (OSError, sqlite3.Error) as exc:
        raise ProjectError(
            f"Cannot write a backup of {database.path} to {final.parent}: "
            f"{getattr(exc, 'strerror', None) or exc}."
        ) from None
    finally:
        partial.unlink(missing_ok=True)
    return read_backup(final)


def list_backups(project: Path) -> list[BackupInfo]:
    """The automatic and manual backups of ``project`` in its backup folder, newest first."""
    folder = backup_folder(project)
    found = []
    for path in folder.glob(f"*{PROJECT_SUFFIX}") if folder.is_dir() else ():
        try:
            found.append(read_backup(path))
        except ProjectError as exc:
            log.warning("Skipping unreadable backup %s: %s", path, exc)
    return sorted(found, key=lambda b: _order(b.path), reverse=True)


def read_backup(path: Path) -> BackupInfo:
    """What a backup file holds: its time (from its name, else its modification time), size,
    and its claim and verdict counts."""
    try:
        size = path.stat().st_size
        connection = sqlite3.connect(f"file:{quote(str(path))}?mode=ro&immutable=1", uri=True)
        try:
            claims, verdicts = connection.execute(
                "SELECT count(*), count(rating) FROM claims"
            ).fetchone()
        finally:
            connection.close()
    except (OSError, sqlite3.Error) as exc:
        raise ProjectError(f"{path} is not a readable backup ({exc}).") from None
    return BackupInfo(path, _time_of(path), size, claims, verdicts)


def prune(folder: Path, policy: BackupPolicy, now: datetime | None = None) -> list[Path]:
    """Delete the backups ``policy`` no longer keeps; returns the deleted files."""
    backups = sorted((p for p in folder.glob(f"*{PROJECT_SUFFIX}")), key=_order, reverse=True)
    keep = set(backups[: policy.keep_last])
    today = (now or datetime.now(UTC)).date()
    newest_of_day: dict[object, Path] = {}
    for path in backups:
        day = _time_of(path).date()
        if today - day < timedelta(days=policy.keep_days):
            newest_of_day.setdefault(day, path)
    keep.update(newest_of_day.values())
    removed = [path for path in backups if path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


class AutoBackup:
    """Backs up one open project on open, every ``interval_minutes`` while it changes, and on
    close. A failed automatic backup never fails the edit that triggered it: it is logged and
    kept in ``last_error`` for the window to show."""

    def __init__(
        self,
        database: Database,
        policy: BackupPolicy,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.database = database
        self.policy = policy
        self.last_error: str = ""
        self._clock = clock
        self._due = clock() + policy.interval_minutes * 60
        self._changes = database.changes()
        database.committed.append(self._after_commit)
        if _changed_since_newest(database.path):
            self._backup()

    def _after_commit(self) -> None:
        if self._clock() >= self._due and self.database.changes() != self._changes:
            self._backup()

    def closing(self) -> None:
        """Back up the edits made since the last backup (called before the project closes)."""
        if self.database.changes() != self._changes:
            self._backup()

    def _backup(self) -> None:
        self._changes = self.database.changes()
        self._due = self._clock() + self.policy.interval_minutes * 60
        try:
            made = make_backup(self.database)
            prune(made.path.parent, self.policy)
            self.last_error = ""
        except (ProjectError, OSError) as exc:
            self.last_error = str(exc)
            log.warning("Automatic backup failed: %s", exc)


@dataclass(frozen=True, slots=True)
class Restored:
    restored: BackupInfo
    """The backup now in place."""
    previous: Path | None
    """Where the project as it was before the restore was kept (None if there was none)."""


def restore_backup(project: Path, backup: Path, *, wait: float = 0) -> Restored:
    """Replace ``project`` with ``backup``, after backing up the project as it is; refused
    while the project is open for editing elsewhere, or if the backup is not a sound project.
    The swap is atomic: the project is the old file or the restored one, never a mix."""
    problems = _backup_problems(backup)
    if problems:
        raise ProjectError(
            f"{backup} cannot be restored: it is damaged ({problems[0]}); choose another backup."
        )
    real = Path(os.path.realpath(project))
    check_name_length(project)
    lock = WriterLock.acquire(real, shown=project, wait=wait)
    try:
        previous = _keep_current(project) if real.exists() else None
        partial = real.with_name(f".{real.name}.restoring")
        try:
            _copy_database(backup, partial)
            _fsync(partial)
            remove_sidecars(real)  # a crashed writer's journal belongs to the old file
            partial.replace(real)
        except (OSError, sqlite3.Error) as exc:
            raise ProjectError(
                f"Cannot restore {project}: {getattr(exc, 'strerror', None) or exc}; the "
                "project was not changed."
            ) from None
        finally:
            partial.unlink(missing_ok=True)
    finally:
        lock.release()
    return Restored(read_backup(backup), previous)


def _backup_problems(backup: Path) -> list[str]:
    """What ``check`` finds in a backup (opened read-only, nothing changed)."""
    database = open_database(backup, read_only=True)
    try:
        return project_problems(database)
    finally:
        database.close()


def _keep_current(project: Path) -> Path:
    """Back up the project before it is replaced; a project too damaged for the backup API is
    kept byte for byte (as ``.damaged``), so nothing is ever overwritten blindly."""
    try:
        database = open_database(project, read_only=True)
        try:
            return make_backup(database).path
        finally:
            database.close()
    except ProjectError:
        folder = backup_folder(project)
        folder.mkdir(parents=True, exist_ok=True)
        kept = _new_name(folder, project).with_suffix(".damaged")
        shutil.copyfile(project, kept)
        return kept


def _copy_database(source: Path, target: Path) -> None:
    origin = sqlite3.connect(f"file:{quote(str(source))}?mode=ro", uri=True)
    try:
        destination = sqlite3.connect(target)
        try:
            origin.backup(destination)
        finally:
            destination.close()
    finally:
        origin.close()


def _changed_since_newest(project: Path) -> bool:
    """Whether the project file changed after its newest backup was written (or has none)."""
    written = [p.stat().st_mtime_ns for p in backup_folder(project).glob(f"*{PROJECT_SUFFIX}")]
    if not written:
        return True
    try:
        return project.stat().st_mtime_ns > max(written)
    except OSError:
        return True


def _new_name(folder: Path, project: Path) -> Path:
    stem = Path(os.path.realpath(project)).stem
    stamp = datetime.now(UTC).strftime(_STAMP)
    candidate = folder / f"{stem}.{stamp}{PROJECT_SUFFIX}"
    counter = 1
    while candidate.exists():
        counter += 1
        candidate = folder / f"{stem}.{stamp}-{counter}{PROJECT_SUFFIX}"
    return candidate


def _order(path: Path) -> tuple[datetime, int]:
    """Oldest to newest: by the time in the name, then by the counter of one same second."""
    counter = path.name.removesuffix(PROJECT_SUFFIX).rsplit(".", 1)[-1].partition("-")[2]
    return _time_of(path), int(counter) if counter.isdigit() else 1


def _time_of(path: Path) -> datetime:
    stamp = path.name.removesuffix(PROJECT_SUFFIX).rsplit(".", 1)[-1].split("-")[0]
    try:
        return datetime.strptime(stamp, _STAMP).replace(tzinfo=UTC)
    except ValueError:
        try:
            return datetime.fromtimestamp(path.stat().st_mtime, UTC)
        except OSError:
            return datetime.fromtimestamp(0, UTC)


def _integrity(path: Path) -> list[str]:
    connection = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
    try:
        rows = connection.execute("PRAGMA integrity_check").fetchall()
    finally:
        connection.close()
    return [str(row[0]) for row in rows if row[0] != "ok"]


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
