"""Opening a project file: the SQLite connection, its pragmas, the one-writer lock, and the
schema migrations applied (after a backup copy) when an older project is opened.

A project is one SQLite file, in SQLite's "application file format" manner: opening it is
connecting, every edit is a committed transaction (WAL, ``synchronous=FULL``: a committed edit
survives a crash or a power cut), and Save As is SQLite's backup API.
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session, sessionmaker

from annotator.errors import ProjectError, ProjectTooNewError
from annotator.paths import SQLITE_MAGIC
from annotator.storage import migrate
from annotator.storage.lock import WriterLock

APPLICATION_ID = 0x414E4E4F  # "ANNO": lets `file` and Annotator recognise a project


class Database:
    """An open project file. ``session()`` gives one transaction: commit on success."""

    def __init__(self, path: Path, engine: Engine, lock: WriterLock | None) -> None:
        self.path = path
        self.engine = engine
        self._lock = lock
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._current: ContextVar[Session | None] = ContextVar(f"session-{id(self)}", default=None)
        self._closed = False

    @property
    def read_only(self) -> bool:
        return self._lock is None

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: commits when the block ends normally, rolls back otherwise.

        Inside another ``session()`` block it joins that unit of work, so a use case made of
        several service calls (importing annotations, citing a new source) is stored whole or
        not at all; the joined call runs in a savepoint, so a failure the caller catches and
        steps over (one annotation that does not fit) undoes that call's writes only."""
        if self._closed:
            # A disposed engine would quietly reconnect, and write without the writer lock.
            raise ProjectError(f"{self.path.name} is closed; open it again to make changes.")
        outer = self._current.get()
        if outer is not None:
            with outer.begin_nested():
                yield outer
            return
        with self._sessions() as session:
            token = self._current.set(session)
            try:
                yield session
                session.commit()
            except DatabaseError as exc:  # OperationalError included
                session.rollback()
                raise _database_error(self.path, exc) from None
            except BaseException:
                session.rollback()
                raise
            finally:
                self._current.reset(token)

    def backup_to(self, target: Path) -> None:
        """Copy the whole project to ``target`` with SQLite's online backup API."""
        raw = self.engine.raw_connection()
        try:
            source = raw.driver_connection
            assert isinstance(source, sqlite3.Connection)
            destination = sqlite3.connect(target)
            try:
                source.backup(destination)
            finally:
                destination.close()
        finally:
            raw.close()

    @property
    def closed(self) -> bool:
        """True once :meth:`close` has run: every further use is refused."""
        return self._closed

    def close(self) -> None:
        """Release the file and its lock; the object refuses any further use."""
        self._closed = True
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None


def create_database(path: Path) -> Database:
    """Create a new, empty project file at ``path`` (which must not exist) at the newest schema."""
    if path.exists():
        raise ProjectError(f"{path} already exists; choose another name or open it instead.")
    if not path.parent.is_dir():
        raise ProjectError(f"The folder {path.parent} does not exist; create it first.")
    try:
        path.touch()
    except OSError as exc:
        raise ProjectError(f"Cannot create {path}: {exc.strerror}.") from None
    lock: WriterLock | None = None
    engine: Engine | None = None
    try:
        lock = WriterLock.acquire(path)
        engine = _engine(path, read_only=False)
        with engine.begin() as connection:
            connection.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
            migrate.upgrade(connection)
    except BaseException as exc:
        # Nothing half-made stays behind: a retry must not find "already exists".
        discard_new_project(path, engine, lock)
        if isinstance(exc, OSError):
            raise ProjectError(f"Cannot create {path}: {exc.strerror or exc}.") from None
        if isinstance(exc, DatabaseError):
            raise _database_error(path, exc) from None
        raise
    return Database(path, engine, lock)


def discard_new_project(path: Path, engine: Engine | None, lock: WriterLock | None) -> None:
    """Remove a project that could not be created whole: its connections, its file and
    sidecars, then its lock (last, so no one else opens the half-made file meanwhile)."""
    if engine is not None:
        engine.dispose()
    path.unlink(missing_ok=True)
    remove_sidecars(path)
    if lock is not None:
        lock.release()


def open_database(path: Path, *, read_only: bool = False) -> Database:
    """Open an existing project. Writers take the one-writer lock and migrate an older schema
    (after a backup copy); readers neither lock nor migrate, so they work while a window has
    the project open."""
    _check_is_sqlite(path)
    lock = None if read_only else WriterLock.acquire(path)
    try:
        engine = _engine(path, read_only=read_only)
        try:
            _prepare_schema(path, engine, read_only=read_only)
        except BaseException:
            engine.dispose()
            raise
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    return Database(path, engine, lock)


def _check_is_sqlite(path: Path) -> None:
    if not path.exists():
        raise ProjectError(
            f"No project at {path}; check the path, or create one with `annotator new {path}`."
        )
    if path.is_dir():
        raise ProjectError(f"{path} is a folder, not a project file.")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise ProjectError(f"Cannot read {path}: {exc.strerror}.") from None
    if header != SQLITE_MAGIC:
        raise ProjectError(
            f"{path} is not an Annotator project (it is not a project database); "
            "to check an article, add it to a project with `annotator add-document`."
        )


def _prepare_schema(path: Path, engine: Engine, *, read_only: bool) -> None:
    try:
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            if "project" not in tables or "alembic_version" not in tables:
                raise ProjectError(
                    f"{path} is an SQLite database but not an Annotator project; "
                    "open a .factcheck file made by Annotator."
                )
            state = migrate.state(connection)
    except DatabaseError as exc:
        raise _database_error(path, exc) from None
    if state is migrate.State.UNKNOWN:
        raise ProjectError(
            f"{path} is damaged (its schema version record is missing); restore it from a "
            f"backup copy (files named {path.name}.backup-*)."
        )
    if state is migrate.State.TOO_NEW:
        raise ProjectTooNewError(
            f"{path} was saved by a newer version of Annotator; update Annotator to open it. "
            "The file was not changed."
        )
    if state is migrate.State.OLDER:
        if read_only:
            raise ProjectError(
                f"{path} was saved by an older version of Annotator; open it once for editing "
                "(for example in the app) so it can be upgraded, then try again."
            )
        backup = _backup_path(path)
        Database(path, engine, None).backup_to(backup)
        with engine.begin() as connection:
            migrate.upgrade(connection)


def _backup_path(path: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    candidate = path.with_name(f"{path.name}.backup-{stamp}")
    counter = 1
    while candidate.exists():
        counter += 1
        candidate = path.with_name(f"{path.name}.backup-{stamp}-{counter}")
    return candidate


def _engine(path: Path, *, read_only: bool) -> Engine:
    # The file is named through a percent-encoded URI that we build, never pasted into a URL:
    # a project called "draft?v2#3%.factcheck" must open that file and no other.
    uri = f"file:{quote(str(path.resolve()))}"

    def connect() -> sqlite3.Connection:
        if not read_only:
            return sqlite3.connect(uri, uri=True, timeout=10)
        if not os.access(path.parent, os.W_OK):
            # A read-only folder or medium (a CD, a read-only mount, a shared drive): SQLite
            # could not create its -shm file beside the project, and nothing can change the
            # file there, so it is read as immutable. Every commit was checkpointed into it.
            return sqlite3.connect(uri + "?mode=ro&immutable=1", uri=True, timeout=10)
        # Readers open read-write but refuse to change data (query_only), so that the last
        # connection to close still cleans up the -wal/-shm files; a file they may not write
        # at all is opened with mode=ro instead.
        try:
            connection = sqlite3.connect(uri, uri=True, timeout=10)
            connection.execute("PRAGMA query_only=ON")
        except sqlite3.OperationalError:
            connection = sqlite3.connect(uri + "?mode=ro", uri=True, timeout=10)
        return connection

    engine = create_engine("sqlite://", creator=connect)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Autocommit at the driver level; SQLAlchemy issues BEGIN itself (see below), which
        # also lets PRAGMAs run outside a transaction.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        if not read_only:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            # Copy every commit from the write-ahead log into the project file at once, so the
            # .factcheck file alone is the whole project even while the app has it open (a
            # backup, a sync folder or an e-mail takes just that file).
            cursor.execute("PRAGMA wal_autocheckpoint=1")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Take the write lock at the start of a transaction so that a read-then-write unit of
        # work never fails half-way with SQLITE_BUSY.
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def _database_error(path: Path, exc: DatabaseError) -> ProjectError:
    text = str(exc.orig) if exc.orig is not None else str(exc)
    if "locked" in text or "busy" in text:
        return ProjectError(
            f"{path} is busy (another program is writing to it); wait a moment and try again."
        )
    if "malformed" in text or "not a database" in text or "corrupt" in text:
        return ProjectError(
            f"{path} is damaged ({text}); restore it from a backup copy "
            f"(files named {path.name}.backup-*)."
        )
    if "readonly" in text or "read-only" in text:
        return ProjectError(f"{path} cannot be written (read-only file or folder).")
    return ProjectError(f"{path}: database error ({text}).")


def integrity_problems(database: Database) -> list[str]:
    """SQLite's own integrity check plus foreign-key check; empty when the file is sound."""
    problems: list[str] = []
    try:
        with database.engine.connect() as connection:
            for (row,) in connection.exec_driver_sql("PRAGMA integrity_check").fetchall():
                if row != "ok":
                    problems.append(str(row))
            for row in connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall():
                problems.append(f"table {row[0]} row {row[1]} points to a missing {row[2]} row")
    except DatabaseError as exc:
        problems.append(f"the database cannot be read ({exc.orig or exc})")
    return problems


def remove_sidecars(path: Path) -> None:
    """Remove SQLite's -wal/-shm files left next to a project that no longer exists."""
    for suffix in ("-wal", "-shm"):
        with suppress(FileNotFoundError):
            path.with_name(path.name + suffix).unlink()
